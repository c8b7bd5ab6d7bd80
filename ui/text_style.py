"""Colours of the text editor's marks: the hues the tables use for each severity (ui.style on the
window's branch), a faint green for figures verified, a soft yellow for placeholders."""

from __future__ import annotations

from PySide6.QtGui import QColor

from checks.finding import Severity

SEVERITY_BG = {
    Severity.ERROR: QColor("#f8c9c4"),
    Severity.ROUNDING: QColor("#e3d7f5"),
    Severity.WARNING: QColor("#fde3a7"),
    Severity.HINT: QColor("#d6e9f8"),
}
SEVERITY_LINE = {
    Severity.ERROR: QColor("#c62828"),
    Severity.ROUNDING: QColor("#6a3fb5"),
    Severity.WARNING: QColor("#c77700"),
    Severity.HINT: QColor("#2f6fab"),
}
VERIFIED_LINE = QColor("#7cb87c")
PLACEHOLDER_BG = QColor("#fff1a8")
