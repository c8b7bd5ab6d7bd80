"""The text part of `main.py check INPUT --text DOC`."""

from __future__ import annotations

from checks.text.docfile import TextFileError, read_document
from checks.text.sections import split_sections
from model.project import Project


def load_text_into(project: Project, path: str) -> None:
    """Put DOC's sections into project.text (the caller checks them); ValueError with a Chinese
    message when DOC cannot be read or holds no section heading this checker knows."""
    try:
        raw = read_document(path)
    except TextFileError as e:
        raise ValueError(str(e)) from None
    sections = split_sections(raw, project.meta.variant)
    if not sections:
        raise ValueError(f"“{path}”中没有找到情况说明的标题（如“一、收入支出决算总体情况说明”）。")
    project.text = sections
    project.drafts = {}
