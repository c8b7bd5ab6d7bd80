"""Tab-separated blocks as Excel and WPS put them on the clipboard, and as we give them back."""

from __future__ import annotations

import csv
import io


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells; quoted cells (holding tabs or line breaks) are unquoted as Excel does."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if '"' not in text:
        return [line.split("\t") for line in text.split("\n")]
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"', strict=False)] or [[""]]


def format_block(rows: list[list[str]]) -> str:
    """Cells that hold a tab, a line break or a leading quote are quoted, so Excel reads them back."""

    def cell(s: str) -> str:
        if any(ch in s for ch in "\t\n\r") or s.startswith('"'):
            return '"' + s.replace('"', '""') + '"'
        return s

    return "\n".join("\t".join(cell(s) for s in row) for row in rows)
