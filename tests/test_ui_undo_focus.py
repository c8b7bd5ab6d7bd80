"""撤销/重做 follow the focus: the field being typed in when one has it, else the project's last step
(typing in the 情况说明 is a step of the project like any other)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from model.layout import T
from tests import test_ui_support as support

D = Decimal
window = support.window
data_dir = support.data_dir


def table_edit(window):
    """One table edit on the undo stack; the row and what the cell held before."""
    row = window.ctl.project.tables[T.THREE].rows[0]
    original = row.values.get(1)
    window.ctl.set_cells(T.THREE, [(row.key, 1, "123")])
    return row, original


def test_in_a_text_editor_the_menu_undoes_the_typing_then_the_steps_before_it(window, qtbot):
    row, original = table_edit(window)
    host = window.show_page("text")
    editor = host.page.editors[host.page.current_section()]
    editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    before = editor.toPlainText()
    qtbot.keyClicks(editor, "abc")
    assert window.act_undo.isEnabled() and window.act_undo.text() == "撤销 输入的文字"
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the typing is one step
    assert editor.toPlainText() == before
    assert row.values[1] == D("123.00")  # … the table edit stayed
    assert window.act_undo.text().startswith("撤销 编辑单元格")  # one history: the table edit is next
    window.act_redo.trigger()
    assert editor.toPlainText() == before + "abc"
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert editor.toPlainText() == before and row.values.get(1) == original != D("123.00")
    qtbot.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert row.values[1] == D("123.00") and editor.toPlainText() == before


def test_ctrl_z_in_a_committed_form_field_undoes_the_entry(window, qtbot):
    page = window.show_page("supp.admin_cost")
    field = page.fields["supplementary.admin_cost.amount"]
    before = window.ctl.project.supplementary.admin_cost.amount
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    field.selectAll()
    qtbot.keyClicks(field, "88")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # still typing: the field's own undo
    assert window.ctl.project.supplementary.admin_cost.amount == before and field.text() != "88"
    field.selectAll()
    qtbot.keyClicks(field, "88")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.ctl.project.supplementary.admin_cost.amount == D("88.00")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.ctl.project.supplementary.admin_cost.amount == before
    qtbot.keyClick(field, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.ctl.project.supplementary.admin_cost.amount == D("88.00")


def test_copy_and_paste_in_the_menu_act_on_the_focused_text(window, qtbot):
    host = window.show_page("text")
    editor = host.page.editors[host.page.current_section()]
    editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    editor.setPlainText("本部门2024年度收入")
    editor.selectAll()
    window.act_copy.trigger()
    assert QGuiApplication.clipboard().text() == "本部门2024年度收入"
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    window.act_paste.trigger()
    assert editor.toPlainText() == "本部门2024年度收入" * 2
