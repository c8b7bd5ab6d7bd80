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


OVERVIEW = (
    Section("概况.职能", "部门主要职能"),
    Section("概况.机构", "机构设置情况"),
    Section("概况.人员", "部门人员构成"),
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
_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三")


def explanation_sections(variant: str) -> tuple[Section, ...]:
    """一 … 十三 of 第三部分 (情况说明), in the variant's order."""
    headings = list(_EXPLANATION_2023)
    if variant == "2020":
        # 2020–2022 documents put “三公” at 七 and the two funds at 八/九, like the tables.
        headings[6], headings[7], headings[8] = (
            "一般公共预算财政拨款“三公”经费支出决算情况说明",
            headings[6],
            headings[7],
        )
    return tuple(Section(n, h) for n, h in zip(_NUMERALS, headings, strict=True))


KEY_WORK = Section("重点工作", "重点工作完成情况")
GLOSSARY = Section("名词解释", "名词解释")


def all_sections(variant: str) -> tuple[Section, ...]:
    return (*OVERVIEW, *explanation_sections(variant), KEY_WORK, GLOSSARY)
