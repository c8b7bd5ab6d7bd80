"""Split a whole document, or an extract of it, into the text sections of model.sections.

Headings are found by what they say, not only by their number: the same subject is 七 in one
template variant and 八 in the other, and departments word headings a little differently
("机关运行经费支出说明" / "机关运行经费支出情况"). PDF extractions sometimes run a heading and
its body, or two sections, into one line, so headings are searched for anywhere, after a
line start or a sentence end. The table of contents repeats every heading; a later heading of
the same section replaces an earlier one, so the real body wins over the 目录 line.

Templates differ in how they group subjects: the Shanghai template prints 机关运行经费, 政府采购 and
国有资产 as parts "（一）…（三）" of 十一 其他重要事项的情况说明, the national one as sections 十 … 十二.
A document is split by what its headings say and each subject goes where the project's variant
puts it: parts of a section the variant does not have become that variant's sections, sections
that the variant prints as parts are gathered under their section with the part's heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checks.text.normalize import fold_char
from model.sections import Section, all_sections, explanation_sections
from model.text_clean import MAX_DOCUMENT_CHARS, bad_characters, clean, removed_note

# Subject of each 情况说明 section (model.sections numbers them per variant), and the words its
# heading is made of.
_SUBJECT_HEADINGS: tuple[tuple[str, str], ...] = (
    ("total", r"收入支出决算总体情况(?:说明)?"),
    ("income", r"收入决算情况(?:说明)?"),
    ("expense", r"支出决算情况(?:说明)?"),
    ("fiscal", r"财政拨款收入支出决算总体情况(?:说明)?"),
    ("general", r"一般公共预算财政拨款支出决算情况(?:说明)?"),
    ("basic", r"一般公共预算财政拨款基本支出决算情况(?:说明)?"),
    ("fund", r"政府性基金预算财政拨款收入支出决算情况(?:说明)?"),
    ("soe", r"国有资本经营预算财政拨款(?:收入)?支出决算情况(?:说明)?"),
    ("three", r'(?:一般公共预算)?财政拨款"?三公"?经费支出决算情况(?:说明)?'),
    ("admin", r"机关运行经费(?:支出)?(?:情况)?(?:说明)?"),
    ("procurement", r"政府采购(?:支出)?(?:情况)?(?:说明)?"),
    ("assets", r"国有资产(?:占用|占有使用|占有)(?:情况)?(?:说明)?"),
    ("performance", r"(?:预算)?绩效(?:管理)?(?:工作)?情况(?:说明)?"),
    ("other", r"其他重要事项(?:的)?(?:情况)?(?:说明)?"),
)
# Subjects printed as parts "（一）机关运行经费支出情况" of another section in some templates.
_PART_HEADINGS = tuple((name, words) for name, words in _SUBJECT_HEADINGS if name in ("admin", "procurement", "assets"))
_NUMERAL = r"(?:十[一二三]|[一二三四五六七八九十])"
_OVERVIEW = (
    ("概况.职能", r"(?:一、)?部门(?:主要)?职(?:能|责)"),
    ("概况.机构", r"(?:二、)?(?:机构设置(?:情况)?|(?:部门)?决算(?:部门)?单位构成)"),
    ("概况.人员", r"(?:[二三]、|\([一二三]\))?部门人员构成(?:情况)?"),
)


def _heading_pattern() -> re.Pattern[str]:
    alts = [rf"(?P<x_{name}>{_NUMERAL}、{words})" for name, words in _SUBJECT_HEADINGS]
    alts += [rf"(?P<p_{name}>\({_NUMERAL}\){words})" for name, words in _PART_HEADINGS]
    alts += [rf"(?P<o_{i}>{words})" for i, (_sid, words) in enumerate(_OVERVIEW)]
    alts.append(r"(?P<part>第[一二三四五六]部分)")
    return re.compile("|".join(alts))


_HEADINGS = _heading_pattern()
_PART_SECTION = {"四": "重点工作", "五": "名词解释"}
_PART_WORDS = (("名词解释", "名词解释"), ("重点工作", "重点工作"))


def _part_section(number: str, rest_of_line: str) -> str | None:
    """The part after the 情况说明 by what its heading says (the Shanghai template's 第四部分 is
    名词解释), else by its number."""
    for words, sid in _PART_WORDS:
        if words in rest_of_line:
            return sid
    return _PART_SECTION.get(number)


_BEFORE_HEADING = set('\n。.;:!?"”-')


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int  # where the heading starts (original offsets)
    body: int  # where its body starts
    section: str | None  # a section id or a subject ("x:fund", "p:admin"); None: a part we do not keep


def _compacted(text: str) -> tuple[str, list[int]]:
    """Folded text without whitespace, and where each character was: headings are found whatever
    spaces people put into them ("十一、 政府采购支出情况", "第三部分 … 情况说明")."""
    chars, pos = [], []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        f = fold_char(ch)
        chars.append(f if len(f) == 1 else ch)
        pos.append(i)
    return "".join(chars), pos


def _starts_line(text: str, at: int) -> bool:
    """A heading opens a line, or follows a space or a sentence end (PDF extractions run sections
    together: "…收入支出 八、国有资本经营预算财政拨款支出决算情况说明 本部门…")."""
    if at == 0 or text[at - 1].isspace():
        return True
    return fold_char(text[at - 1]) in _BEFORE_HEADING


def split_sections(text: str, variant: str) -> dict[str, str]:
    """Section id → text, for the sections whose headings the text holds (others absent)."""
    compact, pos = _compacted(text)
    marks: list[_Mark] = []
    part: str | None = None
    top: str | None = None  # the subject of the last section heading
    for m in _HEADINGS.finditer(compact):
        start, end = pos[m.start()], pos[m.end() - 1] + 1
        if not _starts_line(text, start):
            continue
        kind = m.lastgroup or ""
        if kind == "part":
            part = m.group("part")[1]
            line_end = _line_end(text, end)
            marks.append(_Mark(start, line_end, _part_section(part, text[end:line_end])))
            top = None
        elif kind.startswith("x_"):
            if part in (None, "三"):
                top = kind[2:]
                marks.append(_Mark(start, end, f"x:{top}"))
        elif kind.startswith("p_"):
            if top == "other" and part in (None, "三"):
                marks.append(_Mark(start, end, f"p:{kind[2:]}"))
        elif kind.startswith("o_") and part in (None, "一") and _ends_line(text, end):
            marks.append(_Mark(start, end, _OVERVIEW[int(kind[2:])][0]))
    bodies: dict[str, str] = {}
    for i, mark in enumerate(marks):
        if mark.section is None:
            continue
        stop = marks[i + 1].start if i + 1 < len(marks) else len(text)
        body = text[mark.body : stop].strip()
        if body or mark.section not in bodies:
            bodies[mark.section] = body
    placed = _placed(bodies, explanation_sections(variant), text, marks)
    return {s.id: placed[s.id] for s in all_sections(variant) if placed.get(s.id)}


def _placed(bodies: dict[str, str], sections: tuple[Section, ...], text: str, marks: list[_Mark]) -> dict[str, str]:
    """The bodies found, under the variant's section ids."""
    tops = {s.subject: s for s in sections}
    holder = {p.subject: (s, p) for s in sections for p in s.parts}
    out: dict[str, str] = {}
    gathered: dict[str, dict[str, str]] = {}
    for key, body in bodies.items():
        kind, _, subject = key.partition(":")
        if kind not in ("x", "p"):
            out[key] = body  # the overview and the parts after the 情况说明
        elif kind == "p" and "other" in tops:
            continue  # a part of a section the variant prints as the document does: in its text
        elif subject in tops:
            if kind == "x" and tops[subject].parts:
                body = _with_parts(text, marks, key, body)
            out[tops[subject].id] = body
        elif subject in holder:
            gathered.setdefault(holder[subject][0].id, {})[subject] = body
    for sid, parts in gathered.items():
        s = next(s for s in sections if s.id == sid)
        lead = [out[sid]] if out.get(sid) else []
        out[sid] = "\n".join(lead + [f"{p.title}\n{parts[p.subject]}" for p in s.parts if parts.get(p.subject)])
    return out


def _with_parts(text: str, marks: list[_Mark], key: str, body: str) -> str:
    """A section the variant prints with parts keeps its parts' headings and bodies in its text."""
    i = max(i for i, m in enumerate(marks) if m.section == key)
    stop = i + 1
    while stop < len(marks) and (marks[stop].section or "").startswith("p:"):
        stop += 1
    end = marks[stop].start if stop < len(marks) else len(text)
    return text[marks[i].body : end].strip()


def _ends_line(text: str, at: int) -> bool:
    nl = text.find("\n", at)
    rest = text[at:] if nl < 0 else text[at:nl]
    return not rest.strip()


def _line_end(text: str, at: int) -> int:
    """Part and overview headings run to the end of their line (the department's name follows)."""
    nl = text.find("\n", at)
    return len(text) if nl < 0 else nl


def document_sections(raw: str, variant: str, name: str) -> tuple[dict[str, str], list[str]]:
    """The 情况说明 sections of a document's text, as the project may hold them: characters no
    output can hold taken out (the notes say so); ValueError beyond ``MAX_DOCUMENT_CHARS``."""
    notes = [removed_note(f"“{name}”", raw)] if bad_characters(raw) else []
    sections = split_sections(clean(raw), variant)
    total = sum(len(v) for v in sections.values())
    if total > MAX_DOCUMENT_CHARS:
        raise ValueError(
            f"“{name}”的情况说明过长（{total} 个字符，上限 {MAX_DOCUMENT_CHARS} 个），不像是部门决算的情况说明。"
        )
    return sections, notes


_PART_WORDS_OF = dict(_PART_HEADINGS)


def topics(text: str, section: Section | None, sid: str) -> list[tuple[int, str]]:
    """What each stretch of a section's (normalised) text explains: [(start, subject)], from 0.
    A section with parts changes subject at each part's heading ("(二)政府采购支出情况"); the
    overview and the parts after the 情况说明 are their own subject (their id)."""
    if section is None or not section.subject:
        return [(0, sid)]
    out = [(0, section.subject)]
    if section.parts:
        alts = "|".join(
            f"(?P<{p.subject}>{_PART_WORDS_OF.get(p.subject, re.escape(p.heading))})" for p in section.parts
        )
        for m in re.finditer(rf"\({_NUMERAL}\)(?:{alts})", text):
            out.append((m.start(), m.lastgroup or section.subject))
    return out
