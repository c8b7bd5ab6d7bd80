"""第五部分 名词解释: the standard terms and the list of 项 the department used, built from table 05.

Published documents copy last year's subject list and so name subjects the tables no longer
hold (seed 001 lists 其他社会保障和就业支出, which its table 05 lacks). Here the list is always
generated from table 05; each 项 gets its standard explanation when known, else a marked gap.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from model.catalog import functional_catalog, level_of
from model.layout import T, chinese_ordinal
from model.project import Project
from model.resources import resource_path

SUBJECT_LIST_MARK = "支出功能分类科目"
# A top-level item of an imported glossary: "十一、…", "（十一）…".
_TOP_ITEM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")


@dataclass(frozen=True, slots=True)
class SubjectEntry:
    code: str
    full_name: str  # 类（类）款（款）项（项）
    note: str | None  # the standard explanation; None when unknown (to be written by the user)


@cache
def _glossary() -> dict:
    with open(resource_path("document", "glossary.json"), encoding="utf-8") as f:
        return json.load(f)


@cache
def _subject_notes() -> dict:
    with open(resource_path("document", "subject_notes.json"), encoding="utf-8") as f:
        return json.load(f)


def used_items(project: Project) -> list[str]:
    """项 codes of table 05 that carry an amount, once each, in the table's order."""
    seen: dict[str, None] = {}
    for row in project.tables[T.GENERAL].subject_rows():
        if level_of(row.code) == "项" and any(v != 0 for v in row.values.values()):
            seen.setdefault(row.code, None)
    return list(seen)


def subject_note(code: str) -> str | None:
    notes = _subject_notes()
    if code in notes["by_code"]:
        return notes["by_code"][code]
    name = functional_catalog().name_of(code)
    if name in notes["by_name"]:
        return notes["by_name"][name]
    # The official explanation of every “其他…支出” 项 (code …99) follows one pattern.
    if name and code.endswith("99") and name.startswith("其他") and name.endswith("支出"):
        return notes["other_template"].format(subject=name[2:-2])
    return None


def subject_entries(project: Project) -> list[SubjectEntry]:
    cat = functional_catalog()
    # Names printed in table 05 stand in for codes the catalog does not know.
    printed = {r.code: r.name for r in project.tables[T.GENERAL].subject_rows() if r.name}
    entries = []
    for code in used_items(project):
        parts = []
        for n, level in ((3, "类"), (5, "款"), (7, "项")):
            part = code[:n]
            parts.append(f"{cat.name_of(part) or printed.get(part) or part}（{level}）")
        entries.append(SubjectEntry(code, "".join(parts), subject_note(code)))
    return entries


@dataclass(frozen=True, slots=True)
class GlossaryLine:
    """One paragraph of 第五部分: its text, the subject it lists (if any), and what is still to be
    written after the text (printed as a marked gap)."""

    text: str
    subject: SubjectEntry | None = None
    gap: str | None = None


def glossary_lines(project: Project, user_text: str = "") -> list[GlossaryLine]:
    """The standard terms numbered 一、二、…, or the user's own glossary; the subject list always generated.

    In a glossary the user wrote or imported, the item naming the 支出功能分类科目 keeps its
    heading line and its old list is replaced; without such an item the list is added at the end.
    """
    subjects = [
        GlossaryLine(f"{i}.{e.full_name}：{e.note or ''}", e, None if e.note else "科目说明")
        for i, e in enumerate(subject_entries(project), 1)
    ] or [GlossaryLine("", gap="公开05表尚无有金额的项级科目，填列后此处自动列出")]
    lines = [ln.strip() for ln in user_text.splitlines() if ln.strip()]
    if not lines:
        out = []
        for i, term in enumerate(_glossary()["terms"], 1):
            head = f"{chinese_ordinal(i)}、{term['term']}"
            if term.get("subjects"):
                out.append(GlossaryLine(head))
                out += subjects
            else:
                out.append(GlossaryLine(f"{head}：{term['text']}"))
        return out
    out = [GlossaryLine(ln) for ln in lines]
    at = next((i for i, ln in enumerate(lines) if SUBJECT_LIST_MARK in ln), None)
    if at is None:
        return [*out, GlossaryLine("本部门使用的支出功能分类科目（到项级）"), *subjects]
    end = at + 1
    while end < len(lines) and not _TOP_ITEM.match(lines[end]):
        end += 1
    return [*out[: at + 1], *subjects, *out[end:]]
