"""Spreadsheet-style entry in the window: typing, moving, clearing, paste, copy, undo/redo."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from model.layout import T
from tests import test_ui_support as support
from ui.grid.base import Amt

D = Decimal
window = support.window
data_dir = support.data_dir  # fixtures shared by the window tests
rules = support.rules
type_keys = support.type_keys


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def select(view, first, last) -> None:
    # Explicit: setCurrentIndex reads the keyboard modifiers, which an earlier Ctrl+key may have left set.
    view.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)


def open_table(window, t: T):
    page = window.show_page(f"table.{t}")
    page.view.setFocus()
    return page


def first_item_row(page) -> int:
    m = page.model
    return next(r for r in range(m.rowCount()) if m.cell(r, 0) is not None and len(m.cell(r, 0).text) == 7)


def test_typing_replaces_the_cell_enter_commits_and_moves_down(window, qtbot):
    page = open_table(window, T.GENERAL)
    m, view = page.model, page.view
    r = first_item_row(page)
    key = m.cell(r, 0).key
    view.go_to(m.index(r, 3))
    type_keys(qtbot, "１２,345.6")  # full-width digits and a thousands separator, as typed in WPS
    press(qtbot, Qt.Key.Key_Return)
    row = window.ctl.project.tables[T.GENERAL].row(key)
    assert row.values[2] == D("12345.60")
    assert m.data(m.index(r, 3)) == "12,345.60"
    assert view.currentIndex().row() == r + 1 and view.currentIndex().column() == 3
    assert window.isWindowModified()
    assert {"F101", "H201"} <= rules(window.ctl)  # live: the row and its 款 no longer add up


def test_tab_moves_right_arrows_move_and_f2_edits_in_place(window, qtbot):
    page = open_table(window, T.GENERAL)
    m, view = page.model, page.view
    r = first_item_row(page)
    view.go_to(m.index(r, 2))
    press(qtbot, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == 3
    press(qtbot, Qt.Key.Key_Down)
    assert view.currentIndex().row() == r + 1
    press(qtbot, Qt.Key.Key_Up)
    old = m.data(m.index(r, 3), Qt.ItemDataRole.EditRole)
    press(qtbot, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor.text() == old and editor.cursorPosition() == len(old) and not editor.hasSelectedText()
    press(qtbot, Qt.Key.Key_Left)  # inside the text in edit mode, not to the next cell
    assert QApplication.focusWidget() is editor and editor.cursorPosition() == len(old) - 1
    press(qtbot, Qt.Key.Key_Home)
    type_keys(qtbot, "1")
    press(qtbot, Qt.Key.Key_Tab)
    key = m.cell(r, 0).key
    assert window.ctl.project.tables[T.GENERAL].row(key).values[2] == D("1" + old)
    assert view.currentIndex().column() == 4


def test_text_that_does_not_parse_stays_in_the_cell_and_says_why(window, qtbot):
    page = open_table(window, T.THREE)
    view, m = page.view, page.model
    view.go_to(m.index(0, 1))
    type_keys(qtbot, "12元")
    press(qtbot, Qt.Key.Key_Return)
    row = window.ctl.project.tables[T.THREE].rows[0]
    assert row.invalid[2] == "12元" and 2 not in row.values
    assert m.data(m.index(0, 1)) == "12元"
    assert "万元" in m.data(m.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert "万元" in window.statusBar().currentMessage()
    assert "V001" in rules(window.ctl)


def test_delete_clears_the_selection_in_one_undo_step(window, qtbot):
    page = open_table(window, T.THREE)
    view, m = page.view, page.model
    row = window.ctl.project.tables[T.THREE].rows[0]
    before = dict(row.values)
    view.go_to(m.index(0, 0))
    view.selectAll()
    press(qtbot, Qt.Key.Key_Delete)
    assert row.values == {}  # empty, not zero
    window.act_undo.trigger()
    assert row.values == before


def test_paste_of_a_block_from_excel_fills_from_the_current_cell_and_undoes_at_once(window, qtbot):
    page = open_table(window, T.INCOME)
    view, m = page.view, page.model
    r = first_item_row(page)
    keys = [m.cell(r + i, 0).key for i in range(2)]
    rows = [window.ctl.project.tables[T.INCOME].row(k) for k in keys]
    before = [dict(x.values) for x in rows]
    # Copied in Excel: two lines, three columns, thousands separators, CRLF line ends.
    QGuiApplication.clipboard().setText("1,234.50\t1,000.00\t234.5\r\n２００\t200\t\r\n")
    view.go_to(m.index(r, 2))
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert rows[0].values[1] == D("1234.50") and rows[0].values[2] == D("1000.00") and rows[0].values[3] == D("234.50")
    assert rows[1].values[1] == D("200.00") and 3 not in rows[1].values  # the empty cell empties
    assert "已粘贴 6 个单元格" in window.statusBar().currentMessage()
    window.act_undo.trigger()
    assert [dict(x.values) for x in rows] == before
    window.act_redo.trigger()
    assert rows[0].values[3] == D("234.50")


def test_paste_beyond_the_table_edge_says_what_was_left_out(window, qtbot):
    page = open_table(window, T.THREE)
    view, m = page.view, page.model
    view.go_to(m.index(0, 11))
    view.paste("1\t2\t3")
    assert window.ctl.project.tables[T.THREE].rows[0].values[12] == D("1.00")
    assert "2 个超出表格范围" in window.statusBar().currentMessage()


def test_a_single_value_pasted_on_a_selection_fills_it(window, qtbot):
    page = open_table(window, T.SUMMARY)
    view, m = page.view, page.model
    view.go_to(m.index(0, 2))
    select(view, m.index(0, 2), m.index(1, 2))
    view.paste("7")
    t = window.ctl.project.tables[T.SUMMARY]
    assert t.row("i1").values[1] == D("7.00") and t.row("i2").values[1] == D("7.00")


def test_copy_gives_tab_separated_plain_figures(window, qtbot):
    page = open_table(window, T.THREE)
    view, m = page.view, page.model
    row = window.ctl.project.tables[T.THREE].rows[0]
    row.values[1], row.values[2] = D("1234.50"), D("10.00")
    view.go_to(m.index(0, 0))
    select(view, m.index(0, 0), m.index(0, 1))
    press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "1234.50\t10.00"


def test_backspace_starts_an_empty_entry(window, qtbot):
    page = open_table(window, T.THREE)
    view, m = page.view, page.model
    view.go_to(m.index(0, 0))
    press(qtbot, Qt.Key.Key_Backspace)
    assert QApplication.focusWidget().text() == ""
    type_keys(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    assert window.ctl.project.tables[T.THREE].rows[0].values[1] == D("5.00")


def test_enter_skips_blank_printed_lines(window, qtbot):
    page = open_table(window, T.SUMMARY)
    view, m = page.view, page.model
    view.go_to(m.index(7, 2))  # 八、其他收入; lines 9–26 of the income side are blank
    press(qtbot, Qt.Key.Key_Return)
    cell = m.cell(view.currentIndex().row(), 2)
    assert isinstance(cell, Amt) and cell.key == "i_total"


def test_undo_redo_cover_typing_and_the_title_tracks_modification(window, qtbot):
    page = open_table(window, T.THREE)
    view, m = page.view, page.model
    row = window.ctl.project.tables[T.THREE].rows[0]
    old = row.values.get(2)
    window.ctl.undo_stack.setClean()
    assert not window.isWindowModified()
    view.go_to(m.index(0, 1))
    type_keys(qtbot, "88")
    press(qtbot, Qt.Key.Key_Return)
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert row.values.get(2) == old and not window.isWindowModified()
    press(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert row.values[2] == D("88.00")
