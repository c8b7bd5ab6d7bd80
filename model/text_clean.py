"""Text that enters the project: only characters every output can hold, within stated lengths.

Control characters (BEL, vertical tab, NUL…), lone surrogates and the non-characters U+FFFE/U+FFFF
cannot be written into a Word or Excel file (their XML forbids them); they come from pasting out
of other programs or from files edited by hand, never mean anything in a 决算 document, and are
taken out where text enters (typing, pasting, importing) and when a project file is loaded, with
a note saying so. Lengths beyond what any department writes are refused with the limit named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from model.project import Project

MAX_NAME = 200  # a subject, department, unit or 绩效 project name longer than this is not a name
MAX_CELL_TEXT = 5000  # text kept in an amount cell that did not parse
MAX_NOTE = 5000  # the lines printed under one table, a 说明 of an accepted warning
MAX_DOCUMENT_CHARS = 300_000  # the whole 情况说明; the longest published one seen has 32 000
MAX_SUBJECT_ROWS = 12_000  # one table's rows; the 2024 catalog has 1 178 codes in all

# XML 1.0 allows tab, line feed and carriage return below U+0020; C1 controls are allowed there
# but are never text either. Surrogates alone and U+FFFE/U+FFFF are not characters at all.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def bad_characters(text: str) -> list[str]:
    """The offending characters, as U+XXXX, in order of appearance, each once."""
    return list(dict.fromkeys(f"U+{ord(m.group()):04X}" for m in _BAD.finditer(text)))


def clean(text: str) -> str:
    """``text`` without the characters no output can hold; line ends made ``\\n``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BAD.sub("", text)


def is_clean(text: str) -> bool:
    return _BAD.search(text) is None and "\r" not in text


def removed_note(where: str, text: str) -> str:
    chars = bad_characters(text)
    shown = "、".join(chars[:5]) + ("等" if len(chars) > 5 else "")
    return f"{where}中有无法保存到 Word/Excel 的控制字符（{shown}），已删除"


def too_long(what: str, text: str, limit: int) -> str | None:
    """Why ``text`` is refused as ``what``, or None when it is within ``limit`` characters."""
    if len(text) <= limit:
        return None
    return f"{what}过长（{len(text)} 个字符，上限 {limit} 个）"


# --------------------------------------------------------------------------- a whole project


def project_texts(project: Project) -> Iterator[tuple[str, object, object, str, int]]:
    """(where, container, key, text, limit) for every text a project holds; ``container[key]``
    or ``setattr(container, key)`` stores it (dicts and lists by item, models by attribute)."""
    from model.layout import printed_number

    m, units = project.meta, project.units
    yield "部门名称", m, "department", m.department, MAX_NAME
    yield "本级单位", units, "main", units.main, MAX_NAME
    for i, name in enumerate(units.subordinates):
        yield f"下属单位第{i + 1}项", units.subordinates, i, name, MAX_NAME
    for t, table in project.tables.items():
        label = f"{printed_number(t, m.variant)}表"  # as checks.where names a table
        yield f"{label}的表下说明", table, "note", table.note, MAX_NOTE
        for row in table.rows:
            code = row.code or row.key
            yield f"{label}“{code}”行的名称", row, "name", row.name, MAX_NAME
            for col, text in row.invalid.items():
                yield f"{label}“{code}”行第{col}栏", row.invalid, col, text, MAX_CELL_TEXT
    s = project.supplementary
    for i, item in enumerate(s.staff.in_service):
        yield f"人员构成第{i + 1}项", item, "kind", item.kind, MAX_NAME
    for i, item in enumerate(s.assets.vehicles):
        yield f"车辆第{i + 1}项", item, "kind", item.kind, MAX_NAME
    for i, p in enumerate(s.performance.projects):
        yield f"绩效自评项目第{i + 1}项的名称", p, "name", p.name, MAX_NAME
    for sid, text in project.text.items():
        yield f"情况说明第{sid}部分", project.text, sid, text, MAX_DOCUMENT_CHARS
    for key, note in project.acceptances.items():
        yield "警告说明", project.acceptances, key, note, MAX_NOTE
    for sid, segments in project.drafts.items():
        for seg in segments:
            yield f"情况说明第{sid}部分的初稿", seg, "text", seg.text, MAX_DOCUMENT_CHARS
    for path, typed in project.invalid_fields.items():
        yield f"“{path}”中填写的内容", project.invalid_fields, path, typed, MAX_CELL_TEXT


def clean_project(project: Project) -> list[str]:
    """Take the characters no output can hold out of every text of ``project``; what was cleaned."""
    notes = []
    for where, container, key, text, _limit in list(project_texts(project)):
        if not isinstance(text, str) or is_clean(text):
            continue
        if _BAD.search(text):
            notes.append(removed_note(where, text))
        value = clean(text)
        if isinstance(container, (dict, list)):
            container[key] = value
        else:
            setattr(container, key, value)
    return notes


def length_problems(project: Project) -> list[str]:
    """Texts beyond their limits, tables beyond ``MAX_SUBJECT_ROWS`` rows: why each is refused."""
    from model.layout import printed_number

    out = [why for where, _c, _k, text, limit in project_texts(project) if (why := too_long(where, text, limit))]
    for t, table in project.tables.items():
        if len(table.rows) > MAX_SUBJECT_ROWS:
            label = f"{printed_number(t, project.meta.variant)}表"
            out.append(f"{label}的行数过多（{len(table.rows)} 行，上限 {MAX_SUBJECT_ROWS} 行）")
    total = sum(len(v) for v in project.text.values())
    if total > MAX_DOCUMENT_CHARS:
        out.append(f"情况说明过长（{total} 个字符，上限 {MAX_DOCUMENT_CHARS} 个）")
    return out
