"""Colours and fonts: one place, so every view shows a severity the same way, under any theme.

The pages (tables, forms, the 情况说明) are paper: a light palette set explicitly
(``paper_palette``), so that the shaded rows and the severity colours read the same under a dark
Windows theme or a high-contrast one as under the default. What is drawn on the window's own
background (the status bar's counts, the navigator's group titles, the findings panel's buttons)
takes its colour from the palette in use (``on_window``, ``muted``), made readable against it.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
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
ACCEPTED_FG = QColor("#4a7a3f")
# Badges and text: saturated versions of the same hues.
STRONG = {
    Severity.ERROR: QColor("#c62828"),
    Severity.ROUNDING: QColor("#6a3fb5"),
    Severity.WARNING: QColor("#c77700"),
    Severity.HINT: QColor("#2f6fab"),
}
INVALID_TEXT = QColor("#c62828")
MESSAGE_TEXT = QColor("#2b5d8a")  # a page's own message line (on paper)
TOTAL_BG = QColor("#f3f5f8")  # 合计/总计 rows and 类 rows, like the shaded lines of printed tables
BLANK_BG = QColor("#f7f7f7")  # cells that hold nothing in the printed table
LABEL_FG = QColor("#202020")
HEADER_BG = QColor("#eef1f5")
GRID = QColor("#c9ced6")

# The paper the pages are printed on: every role of every group set, so nothing of a dark or
# high-contrast system palette shows through.
PAPER = {
    QPalette.ColorRole.Window: "#f6f7f9",
    QPalette.ColorRole.WindowText: "#202020",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f5f6f8",
    QPalette.ColorRole.Text: "#202020",
    QPalette.ColorRole.PlaceholderText: "#80868f",
    QPalette.ColorRole.Button: "#eceef1",
    QPalette.ColorRole.ButtonText: "#202020",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#2f74c0",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#e3e5e8",
    QPalette.ColorRole.Mid: "#b8bcc2",
    QPalette.ColorRole.Dark: "#9a9ea5",
    QPalette.ColorRole.Shadow: "#5a5d62",
    QPalette.ColorRole.ToolTipBase: "#ffffdc",
    QPalette.ColorRole.ToolTipText: "#202020",
    QPalette.ColorRole.Link: "#1f5fa8",
    QPalette.ColorRole.LinkVisited: "#6a3fb5",
}
_PAPER_DISABLED = "#9a9ea5"  # text, window text and button text of a disabled control

# What a dark Windows theme gives Qt (Windows 11, dark mode): for the screenshots and tests that
# force one; the app never sets it.
DARK = {
    QPalette.ColorRole.Window: "#202020",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#1c1c1c",
    QPalette.ColorRole.AlternateBase: "#2b2b2b",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#9d9d9d",
    QPalette.ColorRole.Button: "#2d2d2d",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#4cc2ff",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.Light: "#3c3c3c",
    QPalette.ColorRole.Midlight: "#333333",
    QPalette.ColorRole.Mid: "#454545",
    QPalette.ColorRole.Dark: "#111111",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.ToolTipBase: "#2b2b2b",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.Link: "#4cc2ff",
    QPalette.ColorRole.LinkVisited: "#c89cff",
}


def _palette(colours: dict, disabled: str) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
            palette.setColor(group, role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


def paper_palette() -> QPalette:
    """The pages' light palette: the same under every system theme. Inactive equals active, so
    that a change of focus repaints nothing (the selection looks as in a spreadsheet)."""
    return _palette(PAPER, _PAPER_DISABLED)


def dark_palette() -> QPalette:
    return _palette(DARK, "#787878")


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(x) for x in c.getRgbF()[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 … 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(colour: QColor, background: QColor, minimum: float = 4.5) -> QColor:
    """``colour`` made lighter on a dark background, darker on a light one, until it reads."""
    return QColor.fromRgba(_readable(colour.rgba(), background.rgba(), minimum))


@lru_cache(maxsize=256)  # asked on every change of the counts: the same few colours each time
def _readable(rgba: int, background_rgba: int, minimum: float) -> int:
    colour, background = QColor.fromRgba(rgba), QColor.fromRgba(background_rgba)
    if contrast(colour, background) >= minimum:
        return rgba
    h, s, lightness, a = colour.getHslF()
    up = luminance(background) < 0.5
    for _ in range(20):
        lightness = min(1.0, lightness + 0.05) if up else max(0.0, lightness - 0.05)
        c = QColor.fromRgba(QColor.fromHslF(max(h, 0.0), s, lightness, a).rgba())  # as it will be drawn
        if contrast(c, background) >= minimum:
            return c.rgba()
    return QColor("white" if up else "black").rgba()


def on_window(sev: Severity, palette: QPalette) -> QColor:
    """A severity's colour for text on the window's background (status bar, panel)."""
    return readable(STRONG[sev], palette.color(QPalette.ColorRole.Window))


def muted(palette: QPalette, on: QPalette.ColorRole = QPalette.ColorRole.Window) -> QColor:
    """Quiet text (a count of 0, a group title) on the window's background or another, readable still."""
    return readable(palette.color(QPalette.ColorRole.PlaceholderText), palette.color(on), 3.0)


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
