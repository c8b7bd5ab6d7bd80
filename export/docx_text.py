"""Free text of the document (what the user wrote, imported or had drafted) as Word paragraphs.

Text arrives as plain lines. Short lines numbered （一） become 楷体 sub-headings, short lines
numbered 一、 become 黑体 sub-headings outside the outline, tab-separated lines (a table pasted
from Word or Excel) become a table, a line naming 图N is where chart N goes, and spans in 【】
(gaps the draft left for the user) are printed in red.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from checks.text.draft import draft_sections
from export.docx_tables import simple_table
from export.docx_writer import DocWriter, text_run
from model.catalog import normalize_name
from model.project import Project
from model.sections import explanation_sections

_SUBHEAD = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_TOPHEAD = re.compile(r"^[一二三四五六七八九十]+、")
_CAPTION = re.compile(r"^图\s*(\d+)\s*[：:．.、\s]")
_GAP = re.compile(r"(【[^】]*】)")
SHORT = 40  # a numbered line longer than this is a paragraph that starts with its number


def section_texts(project: Project) -> dict[str, str]:
    """``project.text``; sections of 第三部分 the user left empty are drafted from the data, with
    their “主要原因是【……】” placeholders (printed red) left for the user to complete."""
    texts = {k: v for k, v in project.text.items() if v and v.strip()}
    wanted = {s.id for s in explanation_sections(project.meta.variant)} - texts.keys()
    if not wanted:
        return texts
    for key, section in draft_sections(project).items():
        if key in wanted and section.text.strip():
            texts[key] = section.text
    return texts


def marked_runs(text: str) -> list:
    return [text_run(part, "ToFill" if _GAP.fullmatch(part) else None) for part in _GAP.split(text) if part]


def free_text(
    w: DocWriter,
    text: str,
    heading: str = "",
    chart: Callable[[int], bool] | None = None,
) -> None:
    """Write ``text`` paragraph by paragraph. A first line repeating ``heading`` is dropped; a line
    “图N：…” is replaced by chart N when ``chart(N)`` draws it."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    if lines and heading and normalize_name(_TOPHEAD.sub("", lines[0])) == normalize_name(heading):
        lines = lines[1:]
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            j = i
            while j < len(lines) and "\t" in lines[j]:
                j += 1
            _pasted_table(w, lines[i:j])
            i = j
            continue
        m = _CAPTION.match(line)
        if m and chart and chart(int(m.group(1))):
            pass
        elif _SUBHEAD.match(line) and len(line) <= SHORT and not line.endswith("。"):
            w.paragraph(style="Heading3", runs=marked_runs(line))
        elif _TOPHEAD.match(line) and len(line) <= SHORT and not line.endswith("。"):
            w.paragraph(style="TextHeading", runs=marked_runs(line))
        else:
            w.paragraph(runs=marked_runs(line))
        i += 1


def _pasted_table(w: DocWriter, lines: list[str]) -> None:
    rows = [ln.split("\t") for ln in lines]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    simple_table(w, rows[0], [[int(v) if v.isdigit() else v for v in r] for r in rows[1:]])
