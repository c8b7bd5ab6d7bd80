"""Colours and fonts: one place, so every view shows a severity the same way."""

from __future__ import annotations

import contextlib

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from checks.finding import Severity

# Cell backgrounds: light enough to read black figures on, distinct from each other and from
# the selection colour.
CELL_BG = {
    Severity.ERROR: QColor("#f8c9c4"),
    Severity.ROUNDING: QColor("#e3d7f5"),
    Severity.WARNING: QColor("#fde3a7"),
    Severity.HINT: QColor("#d6e9f8"),
}
# Cells that are a part of a finding located elsewhere (the summands of a total that is off).
TINT_BG = {sev: QColor.fromRgbF(*(0.55 + 0.45 * c for c in bg.getRgbF()[:3])) for sev, bg in CELL_BG.items()}
ACCEPTED_BG = QColor("#dcefd8")  # a 警告 accepted with a 说明
# Badges and text: saturated versions of the same hues.
STRONG = {
    Severity.ERROR: QColor("#c62828"),
    Severity.ROUNDING: QColor("#6a3fb5"),
    Severity.WARNING: QColor("#c77700"),
    Severity.HINT: QColor("#2f6fab"),
}
INVALID_TEXT = QColor("#c62828")
TOTAL_BG = QColor("#f3f5f8")  # 合计/总计 rows and 类 rows, like the shaded lines of printed tables
BLANK_BG = QColor("#f7f7f7")  # cells that hold nothing in the printed table
LABEL_FG = QColor("#202020")
HEADER_BG = QColor("#eef1f5")
GRID = QColor("#c9ced6")

# Fonts that render Chinese well, first found wins (Windows, then Linux, then macOS).
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "PingFang SC",
)


def pick_ui_font(point_size: float = 10.0) -> QFont | None:
    families = set(QFontDatabase.families())
    for name in CJK_FAMILIES:
        if name in families:
            font = QFont(name)
            font.setPointSizeF(point_size)
            return font
    return None


def apply_app_font(app: QApplication) -> None:
    font = pick_ui_font()
    if font is not None:
        app.setFont(font)


def amount_font(base: QFont) -> QFont:
    """The base font with tabular figures, so decimal points line up in a column."""
    font = QFont(base)
    with contextlib.suppress(AttributeError, TypeError):  # Qt before 6.7 has no font features
        font.setFeature(QFont.Tag("tnum"), 1)
    return font
