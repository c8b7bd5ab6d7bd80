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
    subject: str = ""  # what 一 … 十三 explain ("fund", "three"…), whichever number the variant gives it

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

# (subject, heading as printed, name in the list of sections) of 一 … 十三, in variant 2023's order.
_EXPLANATION_2023 = (
    ("total", "收入支出决算总体情况说明", "收支总体情况"),
    ("income", "收入决算情况说明", "收入决算"),
    ("expense", "支出决算情况说明", "支出决算"),
    ("fiscal", "财政拨款收入支出决算总体情况说明", "财政拨款收支总体情况"),
    ("general", "一般公共预算财政拨款支出决算情况说明", "一般公共预算财政拨款支出"),
    ("basic", "一般公共预算财政拨款基本支出决算情况说明", "一般公共预算基本支出"),
    ("fund", "政府性基金预算财政拨款收入支出决算情况说明", "政府性基金"),
    ("soe", "国有资本经营预算财政拨款支出决算情况说明", "国有资本经营"),
    ("three", "财政拨款“三公”经费支出决算情况说明", "“三公”经费"),
    ("admin", "机关运行经费支出说明", "机关运行经费"),
    ("procurement", "政府采购支出说明", "政府采购"),
    ("assets", "国有资产占用情况说明", "国有资产占用"),
    ("performance", "预算绩效情况说明", "预算绩效"),
)
# 2020–2022 documents put “三公” at 七 and the two funds at 八/九, like the tables.
_THREE_2020 = ("three", "一般公共预算财政拨款“三公”经费支出决算情况说明", "“三公”经费")
_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三")


def explanation_sections(variant: str) -> tuple[Section, ...]:
    """一 … 十三 of 第三部分 (情况说明), in the variant's order."""
    parts = list(_EXPLANATION_2023)
    if variant == "2020":
        parts[6:9] = [_THREE_2020, parts[6], parts[7]]
    return tuple(
        Section(n, heading, f"{n} {short}", subject)
        for n, (subject, heading, short) in zip(_NUMERALS, parts, strict=True)
    )


def subject_section(variant: str) -> dict[str, str]:
    """subject → section id ("fund" → "七" in variant 2023, "八" in 2020)."""
    return {s.subject: s.id for s in explanation_sections(variant)}


KEY_WORK = Section("重点工作", "重点工作完成情况", "重点工作完成情况")
GLOSSARY = Section("名词解释", "名词解释", "名词解释")


def all_sections(variant: str) -> tuple[Section, ...]:
    return (*OVERVIEW, *explanation_sections(variant), KEY_WORK, GLOSSARY)


def section(sid: str, variant: str = "2023") -> Section | None:
    """The section with this id; the overview and the parts after the 情况说明 are the same in
    both variants, so their names need no variant."""
    return next((s for s in all_sections(variant) if s.id == sid), None)
