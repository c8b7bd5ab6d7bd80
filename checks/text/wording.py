"""Checks on words rather than figures: template text left in, and 06表 items listed in 六.

Template leftovers: "部门名称" where the department's name belongs, "大(小)于" never decided,
"XXXX", instructions to the author ("请依据…进行解释") and the draft's own placeholders 【…】.
Section 六 lists the 人员经费 and 公用经费 items spent on ("主要包括：基本工资、津贴补贴…"); an item
that table 06 shows no amount for should not be listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.text.normalize import Norm, compact
from model.catalog import economic_groups
from model.layout import T
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, Project

PLACEHOLDER = "【……】"
PLACEHOLDER_RE = re.compile(r"【[^】\n]{0,20}】")

_LEFTOVERS = (
    (re.compile(r"部门名称(?![:：])"), "是模板文字，应替换为部门名称"),
    (re.compile(r"大\(小\)于|小\(大\)于|大小于|高\(低\)于|增加\(减少\)|增\(减\)"), "是模板中的选项，应按数据选定其一"),
    (re.compile(r"[Xx×＊*]{2,}|○{2,}"), "是模板中的占位符，应填写实际内容"),
    (re.compile(r"\([^()]{0,30}请(?:依据|根据|按照|填写|结合)[^()]{0,60}\)"), "是模板中的填写说明，应删除"),
    (PLACEHOLDER_RE, "待填写"),
)


def leftovers(norm: Norm) -> Iterator[tuple[int, int, str]]:
    """(start, end, reason) in normalised offsets."""
    for pattern, reason in _LEFTOVERS:
        for m in pattern.finditer(norm.text):
            yield m.start(), m.end(), reason


_LIST = re.compile(r"(人员经费|公用经费)[^。:]{0,30}?主要包括:(?P<items>[^。]*)")


def listed_items(norm: Norm, project: Project) -> Iterator[tuple[int, int, str, str]]:
    """Items named in 六's lists that 06表 has no amount for: (start, end, code, name)."""
    basic = project.tables[T.BASIC]
    if not any(r.values for r in basic.rows if r.key not in (PERSONNEL_TOTAL, PUBLIC_TOTAL)):
        return  # only the totals are filled in: nothing to say about the items
    by_name: dict[str, tuple[str, str]] = {}
    for g in economic_groups(project.meta.variant):
        by_name[compact(g.name)] = (g.code, g.name)
        for item in g.items:
            by_name[compact(item.name)] = (item.code, item.name)
    for m in _LIST.finditer(norm.text):
        start = m.start("items")
        for part in re.finditer(r"[^、,;]+", m.group("items")):
            name = part.group().strip().strip("等")
            hit = by_name.get(name)
            if hit is None:
                continue
            row = basic.row(hit[0])
            if row is None or not row.values.get(1):
                a = start + part.start()
                yield a, a + len(part.group().rstrip("等")), hit[0], hit[1]
