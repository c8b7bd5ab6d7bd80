"""The subject rows of one table sorted out once for the H and C rules: which codes are
duplicates or malformed, which are valid, and how the valid ones nest (类 ⊃ 款 ⊃ 项)."""

from __future__ import annotations

from dataclasses import dataclass, field

from checks.context import Ctx
from model.catalog import functional_catalog, normalize_name
from model.layout import T
from model.project import TOTAL, Row


@dataclass
class SubjectRows:
    duplicates: list[tuple[Row, Row]] = field(default_factory=list)  # (row, the first row with its code)
    malformed: list[Row] = field(default_factory=list)  # code not 3/5/7 ASCII digits
    unknown: list[Row] = field(default_factory=list)  # valid code the catalog lacks
    misnamed: list[tuple[Row, str]] = field(default_factory=list)  # (row, the catalog's name)
    first: dict[str, Row] = field(default_factory=dict)  # code → row, every valid code once
    classes: list[Row] = field(default_factory=list)  # the 类 rows
    children: dict[str, list[Row]] = field(default_factory=dict)  # parent code → its 款 or 项 rows
    orphans: list[Row] = field(default_factory=list)  # a 款 or 项 whose parent row is missing


def subject_rows(ctx: Ctx, t: T) -> SubjectRows:
    return ctx.shared(("subject_rows", t), lambda: _sort_out(ctx, t))


def _sort_out(ctx: Ctx, t: T) -> SubjectRows:
    out = SubjectRows()
    catalog = functional_catalog()
    names = catalog.names()
    first = out.first
    for row in ctx.p.tables[t].rows:
        code = row.code
        if row.key == TOTAL:
            continue
        if code in first:
            out.duplicates.append((row, first[code]))
            continue
        if len(code) not in (3, 5, 7) or not code.isdigit() or not code.isascii():
            out.malformed.append(row)
            continue
        first[code] = row
        name = names.get(code)
        if name is None:
            out.unknown.append(row)
        elif row.name and row.name != name and normalize_name(row.name) != normalize_name(name):
            out.misnamed.append((row, name))
    for code, row in first.items():
        n = len(code)
        if n == 3:
            out.classes.append(row)
        elif code[: n - 2] in first:
            out.children.setdefault(code[: n - 2], []).append(row)
        else:
            out.orphans.append(row)
    return out
