"""The parts of the disclosure document (document.md), by stable id.

``project.text`` maps these ids to the text the user wrote, imported or drafted. The sections of
the 情况说明 are the template variant's (resources/templates/<id>.json, "sections"): each explains
a subject ("general", "three", …) under the number the variant prints it at; the ids stay the
numbers as printed in the project's variant (“三公” is 九 in variant 2023, 七 in 2020 and in the
Shanghai template). A section may hold parts under their own headings: the Shanghai template's
十一 其他重要事项的情况说明 holds 机关运行经费, 政府采购 and 国有资产.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from model.templates import SectionForm, chinese_ordinal, is_variant, template


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    heading: str  # as printed, without the number
    short: str  # the name in the list of sections: "五 一般公共预算财政拨款支出", "概况·主要职能"
    subject: str = ""  # what 一 … explain ("fund", "three"…), whichever number the variant gives it
    parts: tuple[Part, ...] = ()  # sub-parts printed under their own headings, in order

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

    @property
    def subjects(self) -> tuple[str, ...]:
        """The subjects it explains: its own, then its parts'."""
        return (self.subject, *(p.subject for p in self.parts))


@dataclass(frozen=True, slots=True)
class Part:
    """A part of a section under its own heading: "（一）机关运行经费支出情况"."""

    number: str  # "一": printed "（一）"
    subject: str
    heading: str

    @property
    def title(self) -> str:
        return f"（{self.number}）{self.heading}"


OVERVIEW_PREFIX = "概况."
OVERVIEW = (
    Section("概况.职能", "部门主要职能", "概况·主要职能"),
    Section("概况.机构", "机构设置情况", "概况·机构设置"),
    Section("概况.人员", "部门人员构成", "概况·人员构成"),
)

_NUMERALS = tuple(chinese_ordinal(n) for n in range(1, 21))
BASE_VARIANT = "2023"  # a template that lists no sections prints the national ones


def explanation_sections(variant: str) -> tuple[Section, ...]:
    """一 … of 第三部分 (情况说明), in the variant's order."""
    forms = template(variant).sections if is_variant(variant) else ()
    return _numbered(forms or template(BASE_VARIANT).sections)


@cache
def _numbered(forms: tuple[SectionForm, ...]) -> tuple[Section, ...]:
    return tuple(_section(n, f) for n, f in zip(_NUMERALS, forms, strict=False))


def _section(number: str, form: SectionForm) -> Section:
    parts = tuple(Part(chinese_ordinal(i), p.subject, p.heading) for i, p in enumerate(form.parts, 1))
    return Section(number, form.heading, f"{number} {form.short}", form.subject, parts)


def subject_section(variant: str) -> dict[str, str]:
    """subject → section id ("fund" → "七" in variant 2023, "八" in 2020); a part's subject → the
    section holding it ("admin" → "十一" in the Shanghai template)."""
    return {subject: s.id for s in explanation_sections(variant) for subject in s.subjects}


KEY_WORK = Section("重点工作", "重点工作完成情况", "重点工作完成情况")
GLOSSARY = Section("名词解释", "名词解释", "名词解释")


def all_sections(variant: str) -> tuple[Section, ...]:
    return (*OVERVIEW, *explanation_sections(variant), KEY_WORK, GLOSSARY)


def section(sid: str, variant: str = "2023") -> Section | None:
    """The section with this id; the overview and the parts after the 情况说明 are the same in
    both variants, so their names need no variant."""
    return next((s for s in all_sections(variant) if s.id == sid), None)
