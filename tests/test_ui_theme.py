"""Any theme: the pages are paper under a dark (or high-contrast) system palette, so shaded rows
and severity colours read as under the default one; what sits on the window's own background
takes readable colours from the palette in use."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from checks.finding import SEVERITIES
from model.layout import T, class_key
from tests import test_ui_support as support
from ui import style

window = support.window
data_dir = support.data_dir
R = QPalette.ColorRole


@pytest.fixture
def dark(qapp):
    before = QApplication.palette()
    QApplication.setPalette(style.dark_palette())
    yield
    QApplication.setPalette(before)


def cell_colours(view, r: int, c: int) -> tuple[QColor, QColor]:
    ix = view.model().index(r, c)
    bg = ix.data(Qt.ItemDataRole.BackgroundRole)
    fg = ix.data(Qt.ItemDataRole.ForegroundRole)
    palette = view.palette()
    return (fg or palette.color(R.Text)), (bg.color() if hasattr(bg, "color") else bg or palette.color(R.Base))


def test_every_cell_of_a_table_reads_under_a_dark_palette(window, dark):
    row = window.ctl.project.tables[T.SUMMARY].row(class_key("201"))  # findings of several kinds
    window.ctl.set_cells(T.SUMMARY, [(row.key, 2, str(row.values[2] + 7))])
    for t in (T.SUMMARY, T.EXPENSE, T.BASIC):
        view = window.show_page(f"table.{t}").view
        QApplication.processEvents()
        assert view.palette().color(R.Base) == QColor(style.PAPER[R.Base])  # not the system's dark base
        assert view.frozen.palette().color(R.Text) == view.palette().color(R.Text)
        model = view.model()
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                fg, bg = cell_colours(view, r, c)
                assert style.contrast(fg, bg) >= 4.5, (t, r, c, fg.name(), bg.name())
        assert style.contrast(style.LABEL_FG, style.HEADER_BG) >= 4.5


def test_the_pages_are_the_same_paper_under_either_palette(window, dark):
    page = window.show_page("text")
    dark_text = page.palette().color(R.Text), page.palette().color(R.Base)
    QApplication.setPalette(QPalette(QColor("#f0f0f0")))
    light_text = page.palette().color(R.Text), page.palette().color(R.Base)
    assert dark_text == light_text and style.contrast(*dark_text) >= 7


def test_what_sits_on_the_window_follows_the_palette_and_reads(window, dark):
    row = window.ctl.project.tables[T.SUMMARY].row(class_key("201"))
    window.ctl.set_cells(T.SUMMARY, [(row.key, 2, str(row.values[2] + 7))])
    window_bg = window.statusBar().palette().color(R.Window)
    assert window_bg == QColor(style.DARK[R.Window])
    colours = re.findall(r"color:(#[0-9a-f]{6})", window.counts_label.text())
    assert len(colours) == len(SEVERITIES)
    for c in colours:
        assert style.contrast(QColor(c), window_bg) >= 3.0, c
    nav = window.navigator
    group = nav.topLevelItem(0)
    assert style.contrast(group.foreground(0).color(), nav.palette().color(R.Base)) >= 3.0


def test_readable_moves_a_colour_away_from_its_background():
    red = style.STRONG[SEVERITIES[0]]
    assert style.contrast(red, QColor("#202020")) < 3.0  # as it is: hard to read on dark grey
    assert style.contrast(style.readable(red, QColor("#202020")), QColor("#202020")) >= 4.5
    assert style.readable(red, QColor("white")) == red  # already fine on white
