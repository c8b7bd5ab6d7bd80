"""The parts of the disclosure document's text (document.md), by stable id.

``project.text`` maps these ids to the text the user wrote, imported or drafted. Sections 七/八/九
of the 情况说明 swap their subjects in variant 2020 like the tables do; the ids stay the numbers
as printed in the project's variant.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    heading: str  # as printed, without the number
    short: str  # the name in the list of sections: "五 一般公共预算财政拨款支出", "概况·主要职能"

    @property
    def numbered(self) -> bool:
        """一 … 十三 of the 情况说明: named by their number."""
        return self.id in _NUMERALS

    @property
    def title(self) -> str:
        """The heading as printed above its text: "五、一般公共预算财政拨款支出决算情况说明",
        "概况·部门主要职能", "重点工作完成情况"."""
        if self.numbered:
            return f"{self.id}、{self.heading}"
        if self.id.startswith(OVERVIEW_PREFIX):
            return f"概况·{self.heading}"
        return self.heading


OVERVIEW_PREFIX = "概况."
OVERVIEW = (
    Section("概况.职能", "部门主要职能", "概况·主要职能"),
    Section("概况.机构", "机构设置情况", "概况·机构设置"),
    Section("概况.人员", "部门人员构成", "概况·人员构成"),
)

_EXPLANATION_2023 = (
    "收入支出决算总体情况说明",
    "收入决算情况说明",
    "支出决算情况说明",
    "财政拨款收入支出决算总体情况说明",
    "一般公共预算财政拨款支出决算情况说明",
    "一般公共预算财政拨款基本支出决算情况说明",
    "政府性基金预算财政拨款收入支出决算情况说明",
    "国有资本经营预算财政拨款支出决算情况说明",
    "财政拨款“三公”经费支出决算情况说明",
    "机关运行经费支出说明",
    "政府采购支出说明",
    "国有资产占用情况说明",
    "预算绩效情况说明",
)
# What the list of sections calls each subject, in the same order.
_SHORT_2023 = (
    "收支总体情况",
    "收入决算",
    "支出决算",
    "财政拨款收支总体情况",
    "一般公共预算财政拨款支出",
    "一般公共预算基本支出",
    "政府性基金",
    "国有资本经营",
    "“三公”经费",
    "机关运行经费",
    "政府采购",
    "国有资产占用",
    "预算绩效",
)
_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三")


def explanation_sections(variant: str) -> tuple[Section, ...]:
    """一 … 十三 of 第三部分 (情况说明), in the variant's order."""
    headings, shorts = list(_EXPLANATION_2023), list(_SHORT_2023)
    if variant == "2020":
        # 2020–2022 documents put “三公” at 七 and the two funds at 八/九, like the tables.
        headings[6], headings[7], headings[8] = (
            "一般公共预算财政拨款“三公”经费支出决算情况说明",
            headings[6],
            headings[7],
        )
        shorts[6], shorts[7], shorts[8] = shorts[8], shorts[6], shorts[7]
    return tuple(Section(n, h, f"{n} {s}") for n, h, s in zip(_NUMERALS, headings, shorts, strict=True))


KEY_WORK = Section("重点工作", "重点工作完成情况", "重点工作完成情况")
GLOSSARY = Section("名词解释", "名词解释", "名词解释")


def all_sections(variant: str) -> tuple[Section, ...]:
    return (*OVERVIEW, *explanation_sections(variant), KEY_WORK, GLOSSARY)


def section(sid: str, variant: str = "2023") -> Section | None:
    """The section with this id; the overview and the parts after the 情况说明 are the same in
    both variants, so their names need no variant."""
    return next((s for s in all_sections(variant) if s.id == sid), None)
