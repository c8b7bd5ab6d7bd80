"""Typing a table by keyboard from top to bottom: where Enter leads, what the status bar says,
and the subject box driven by its completion list."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from model.layout import T
from model.project import new_project
from tests import test_ui_support as support

D = Decimal
window = support.window
data_dir = support.data_dir
type_keys = support.type_keys


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def fresh_01(window):
    window.ctl.replace(new_project("测试部门", 2024), None, "新项目", dirty=True)
    page = window.show_page(f"table.{T.SUMMARY}")
    page.view.setFocus()
    return page


def test_enter_at_the_foot_of_a_column_goes_on_to_the_top_of_the_next(window, qtbot):
    page = fresh_01(window)
    m, view = page.model, page.view
    view.go_to(m.index(*m.where[("i_grand", 1)]))  # 总计, the last line of the income side
    type_keys(qtbot, "1105.52")
    press(qtbot, Qt.Key.Key_Return)
    assert view.currentIndex() == m.index(*m.where[("c201", 2)])  # 一、一般公共服务支出
    assert "转到下一栏顶部" in window.statusBar().currentMessage()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # and back up
    assert view.currentIndex() == m.index(*m.where[("i_grand", 1)])
    # The very last cell: Enter stays and says so; the figure just typed is not overwritten by the next.
    view.go_to(m.index(*m.where[("e_grand", 2)]))
    type_keys(qtbot, "1105.52")
    press(qtbot, Qt.Key.Key_Return)
    assert view.currentIndex() == m.index(*m.where[("e_grand", 2)])
    assert window.statusBar().currentMessage() == "已到本表最后一格"


def test_the_status_bar_follows_the_cell_under_the_cursor_as_it_is_typed(window, qtbot):
    page = fresh_01(window)
    m, view = page.model, page.view
    view.go_to(m.index(*m.where[("i_grand", 1)]))
    assert window.statusBar().currentMessage() == ""
    # Typed and committed in place (F2 … Enter would move): 总计 5 while 第1～29行 are empty.
    press(qtbot, Qt.Key.Key_F2)
    type_keys(qtbot, "5")
    QApplication.focusWidget().clearFocus()  # the editor commits on losing the focus
    view.setFocus()
    assert view.currentIndex() == m.index(*m.where[("i_grand", 1)])
    assert "第30行（总计）" in window.statusBar().currentMessage()
    press(qtbot, Qt.Key.Key_Delete)  # cleared: the message about it goes at once
    assert "第30行（总计）" not in window.statusBar().currentMessage()
    # A cell that is only part of a finding names the finding, not just "本格参与：".
    view.go_to(m.index(*m.where[("i1", 1)]))
    type_keys(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    msg = window.statusBar().currentMessage()
    assert msg.startswith("本格参与：【") and len(msg) > len("本格参与：【错误】")


def test_enter_on_the_completion_list_adds_the_subject_once_and_says_so(window, qtbot):
    window.ctl.replace(new_project("测试部门", 2024), None, "新项目", dirty=True)
    page = window.show_page(f"table.{T.INCOME}")
    page.focus_find()
    qtbot.keyClicks(page.find, "2010301")
    popup = page.find.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert page.message.text().startswith("已添加科目 2010301 行政运行")
    codes = [r.code for r in window.ctl.project.tables[T.INCOME].subject_rows()]
    assert codes == ["201", "20103", "2010301"]
    assert QApplication.focusWidget() is page.view and page.find.text() == ""
    cur = page.view.currentIndex()
    assert page.model.cell_ref(cur.row(), cur.column()) == ("2010301", 1)


def test_the_name_column_of_an_empty_table_is_wide_enough_for_its_heading(window):
    window.ctl.replace(new_project("测试部门", 2024), None, "新项目", dirty=True)
    page = window.show_page(f"table.{T.INCOME}")
    em = page.view.fontMetrics().horizontalAdvance("中")
    assert page.view.columnWidth(1) >= em * 8


def test_explaining_the_warning_of_the_cell_under_the_cursor(window, qtbot, monkeypatch):
    from checks.finding import Severity

    ctl = window.ctl
    row = ctl.project.tables[T.BASIC].row("30108")  # 06 社保缴费 no longer equal to 05's: W401
    ctl.set_cells(T.BASIC, [("30108", 1, str(row.values[1] + 1))])
    warning = next(f for f in ctl.findings() if f.rule == "W401")
    window.panel.buttons[Severity.WARNING].setChecked(False)  # hidden in the panel: still found
    page = window.show_page(f"table.{T.BASIC}")
    page.view.go_to(page.model.index_for("30108", 1))
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus)
    monkeypatch.setattr(
        "ui.findings_panel.QInputDialog.getMultiLineText", lambda *_a, **_k: ("按财政部门口径填列", True)
    )
    window.act_accept.trigger()
    assert ctl.project.acceptances == {warning.key: "按财政部门口径填列"}
    # On a cell without a warning it says so and asks nothing.
    m = page.model
    quiet = next(
        (r, c)
        for r in range(m.rowCount())
        for c in range(m.columnCount())
        if m.is_editable(r, c) and not m.findings_of(m.cell(r, c))
    )
    page.view.go_to(m.index(*quiet))
    monkeypatch.setattr("ui.findings_panel.QInputDialog.getMultiLineText", lambda *_a, **_k: 1 / 0)
    window.act_accept.trigger()
    assert "没有警告" in window.statusBar().currentMessage()


def test_the_context_menu_of_a_cell(window, qtbot, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent

    ctl = window.ctl
    row = ctl.project.tables[T.BASIC].row("30108")
    ctl.set_cells(T.BASIC, [("30108", 1, str(row.values[1] + 1))])  # W401 at 06 30108
    page = window.show_page(f"table.{T.BASIC}")
    view = page.view
    view.setFocus()
    rect = view.visualRect(page.model.index_for("30108", 1))
    monkeypatch.setattr("ui.findings_panel.QInputDialog.getMultiLineText", lambda *_a, **_k: ("口径不同", True))
    seen = []

    def pick():
        menu = QApplication.activePopupWidget()
        seen.extend(a.text() for a in menu.actions() if not a.isSeparator())
        next(a for a in menu.actions() if a.text() == "说明警告…").trigger()
        menu.close()

    QTimer.singleShot(50, pick)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(), view.viewport().mapToGlobal(rect.center()))
    QApplication.sendEvent(view.viewport(), event)
    assert seen == ["剪切", "复制", "粘贴", "清除内容", "说明警告…", "自动计算合计（本表）"]  # 06 has no 删除科目行
    assert view.currentIndex() == page.model.index_for("30108", 1)  # the right-clicked cell
    assert list(ctl.project.acceptances.values()) == ["口径不同"]


def test_pages_are_reached_from_the_keyboard(window, qtbot):
    nav = window.navigator
    nav.setFocus()
    nav.setCurrentItem(nav.items["overview.meta"])
    qtbot.waitUntil(nav.hasFocus)
    press(qtbot, Qt.Key.Key_Down)  # the arrow shows the next page …
    assert window.current_page() is window.page("overview.units")
    press(qtbot, Qt.Key.Key_Return)  # … Enter goes into it
    assert window.page("overview.units").isAncestorOf(QApplication.focusWidget())
    window.show_page(f"table.{T.SUMMARY}")
    window.act_next_page.trigger()  # Ctrl+PgDown, as between Excel sheets
    assert window.current_page() is window.page(f"table.{T.INCOME}")
    assert QApplication.focusWidget() is window.page(f"table.{T.INCOME}").view
    window.act_prev_page.trigger()
    assert QApplication.focusWidget() is window.page(f"table.{T.SUMMARY}").view
    window.act_panes.trigger()  # F6: page → findings → list → page
    assert QApplication.focusWidget() is window.panel.view
    window.act_panes.trigger()
    assert QApplication.focusWidget() is nav
    window.act_panes.trigger()
    assert QApplication.focusWidget() is window.page(f"table.{T.SUMMARY}").view
    window.show_page("supp.procurement")
    window.focus_page(window.current_page())
    assert QApplication.focusWidget() is window.page("supp.procurement").fields["supplementary.procurement.total"]


def test_a_message_on_a_page_that_went_away_is_not_cleared_into_the_void(window, qtbot, monkeypatch):
    from ui.pages import table_page

    monkeypatch.setattr(table_page, "MESSAGE_MS", 30)
    page = table_page.TablePage(window.ctl, T.INCOME)
    page.show_message("已计算 3 个合计")
    page.deleteLater()
    qtbot.wait(80)  # the timer died with the page: no "already deleted" from the event loop
    page = window.show_page(f"table.{T.INCOME}")
    page.show_message("已计算 3 个合计")
    qtbot.waitUntil(lambda: page.message.text() == "", timeout=1000)


def test_a_warning_can_be_explained_from_a_cell_that_is_part_of_it(window, qtbot, monkeypatch):
    ctl = window.ctl
    row = ctl.project.tables[T.BASIC].row("30108")
    ctl.set_cells(T.BASIC, [("30108", 1, str(row.values[1] + 1))])  # W401: 06 30108 against 05's figure
    warning = next(f for f in ctl.findings() if f.rule == "W401")
    other = warning.locations[1]  # the 05 cell it is compared with
    page = window.show_page(f"table.{other.table}")
    page.view.go_to(page.model.index_for(other.row, other.col))
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus)
    assert page._has_warning()
    monkeypatch.setattr("ui.findings_panel.QInputDialog.getMultiLineText", lambda *_a, **_k: ("口径不同", True))
    window.act_accept.trigger()
    assert ctl.project.acceptances == {warning.key: "口径不同"}
