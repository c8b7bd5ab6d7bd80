"""Colours of the text editor's marks: the hues the tables use for each severity (ui.style),
a faint green for figures verified, a soft yellow for placeholders."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ui.style import CELL_BG, STRONG

SEVERITY_BG = CELL_BG
SEVERITY_LINE = STRONG
VERIFIED_LINE = QColor("#7cb87c")
PLACEHOLDER_BG = QColor("#fff1a8")
