"""The text part of `main.py check INPUT --text DOC`."""

from __future__ import annotations

from checks.text.docfile import TextFileError, read_document
from checks.text.sections import split_sections
from model.inputs import shown
from model.project import Project
from model.text_clean import MAX_DOCUMENT_CHARS, bad_characters, clean, removed_note


def load_text_into(project: Project, path: str) -> list[str]:
    """Put DOC's sections into project.text (the caller checks them); ValueError with a Chinese
    message when DOC cannot be read or holds no section heading this checker knows. Returns
    notes on what was changed on the way in (characters no output can hold, taken out)."""
    try:
        raw = read_document(path)
    except TextFileError as e:
        raise ValueError(str(e)) from None
    sections, notes = document_sections(raw, project.meta.variant, shown(path))
    if not sections:
        raise ValueError(f"“{shown(path)}”中没有找到情况说明的标题（如“一、收入支出决算总体情况说明”）。")
    project.text = sections
    project.drafts = {}
    return notes


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
