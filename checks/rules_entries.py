"""V002: an entry of the 补充数据/部门概况 forms that did not parse (``Project.invalid_fields``).

The form keeps what was typed, so nothing is lost on save; until it is corrected the field has
no value, and this finding says which field and why, as V001 does for a table cell.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from checks.base import SUPP, Check, Ctx, Custom, finding
from checks.finding import Finding, Location
from checks.where import field_long
from model.fields import finding_path, reason


def entry_rules(ctx: Ctx) -> Iterator[Check]:
    yield Custom("V002", [SUPP], _invalid_entries)


def _invalid_entries(ctx: Ctx) -> Sequence[Finding]:
    p = ctx.p
    out = []
    for path, text in sorted(p.invalid_fields.items()):
        field = finding_path(path)
        out.append(
            finding(
                "V002",
                path,
                [Location(field=field)],
                act=text,
                where=field_long(field),
                text=text,
                reason=reason(path, text),
            )
        )
    return out
