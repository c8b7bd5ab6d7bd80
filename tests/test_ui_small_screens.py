"""A 1366×768 laptop or 150% scaling: the window fits the screen, the columns naming a line stay in
view while scrolling right, the tables zoom (remembered), the findings list folds away."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from model.layout import T
from tests import test_ui_support as support
from tests.support.synthetic import synthetic_project

window = support.window
data_dir = support.data_dir
type_keys = support.type_keys


def narrow(window, t: T = T.INCOME, width: int = 900):
    """The table in a window too narrow for all its columns."""
    window.resize(width, 700)
    page = window.show_page(f"table.{t}")
    QApplication.processEvents()
    return page


def test_the_code_and_name_columns_stay_while_the_amounts_scroll_right(window):
    page = narrow(window)
    view, frozen = page.view, page.view.frozen
    assert frozen.count == 2 and frozen.isVisible()  # 科目编码, 科目名称
    assert frozen.width_covered() == view.columnWidth(0) + view.columnWidth(1)
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    QApplication.processEvents()
    # The scrolled grid has the name column out of view, the overlay still shows it, row for row.
    assert view.columnViewportPosition(1) + view.columnWidth(1) <= frozen.width_covered()
    assert frozen.columnViewportPosition(1) == view.columnWidth(0)
    assert frozen.verticalScrollBar().value() == view.verticalScrollBar().value()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert frozen.verticalScrollBar().value() == view.verticalScrollBar().value() > 0
    assert frozen.geometry().height() == view.viewport().height() + view.horizontalHeader().height()


def test_01_and_04_keep_item_and_row_number_and_09_freezes_nothing(window):
    assert narrow(window, T.SUMMARY).view.frozen.count == 2  # 项目, 行次
    assert narrow(window, T.FISCAL).view.frozen.count == 2
    assert narrow(window, T.BASIC).view.frozen.count == 2  # 经济分类科目编码, 科目名称
    page = narrow(window, T.THREE)
    assert page.view.frozen.count == 0 and not page.view.frozen.isVisible()


def test_a_heading_over_frozen_and_scrolling_columns_is_drawn_where_it_can_be_seen(window):
    page = narrow(window, T.SUMMARY, 700)
    view = page.view
    header = view.horizontalHeader()
    income = next(c for c in header.cells if c.text == "收入")  # over 项目, 行次 and 金额
    assert income.col == 0 and income.colspan == 3
    edge = view.frozen.width_covered()
    assert header.cell_rect(income).right() > edge
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    rect = header.cell_rect(income)
    assert rect.left() == 0 and rect.width() >= edge  # never left behind the frozen columns
    # the overlay's header draws the same cell at the same place
    assert view.frozen.horizontalHeader().cell_rect(income) == rect


def test_the_keyboard_never_leaves_the_cursor_under_the_frozen_columns(window, qtbot):
    page = narrow(window, T.INCOME, 800)
    view, model = page.view, page.model
    view.setFocus()
    last = model.columnCount() - 1
    view.go_to(model.index(1, last))
    QApplication.processEvents()
    for _ in range(last - 2):
        qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.currentIndex().column() == 2
    assert view.visualRect(view.currentIndex()).left() >= view.frozen.width_covered()
    # the frozen columns take neither the focus nor the keys: typing still goes to the grid
    qtbot.mouseClick(view.frozen.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(10, 5))
    assert QApplication.focusWidget() is view
    view.go_to(model.index(1, 2))
    type_keys(qtbot, "12")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert str(model.index(1, 2).data()) == "12.00"


def test_zoom_by_keys_and_ctrl_wheel_is_applied_to_every_table_and_remembered(window, qtbot):
    from ui.main_window import MainWindow

    page = window.show_page(f"table.{T.GENERAL}")
    view = page.view
    size, row, width = view.font().pointSizeF(), view.rowHeight(0), view.columnWidth(2)
    window.act_zoom_in.trigger()
    assert window.zoom.factor == 1.1 and window.zoom_button.text() == "110%"
    assert view.font().pointSizeF() > size and view.rowHeight(0) > row and view.columnWidth(2) > width
    bold = page.model.data(page.model.index(0, 2), Qt.ItemDataRole.FontRole)  # 合计's amount, bold
    assert bold.pointSizeF() == view.font().pointSizeF()
    assert any(k.toString() == "Ctrl+=" for k in window.act_zoom_in.shortcuts())
    assert any(k.toString() == "Ctrl+-" for k in window.act_zoom_out.shortcuts())
    wheel = QWheelEvent(
        QPointF(20, 20),
        QPointF(view.mapToGlobal(QPoint(20, 20))),
        QPoint(),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert window.zoom.factor == 1.5
    other = window.show_page(f"table.{T.SUMMARY}").view  # built after: starts at the window's zoom
    assert other.zoom == 1.5 and other.font().pointSizeF() == view.font().pointSizeF()
    assert other.frozen.font().pointSizeF() == other.font().pointSizeF()
    again = MainWindow(recovery=False)
    qtbot.addWidget(again, before_close_func=support.forget_changes)
    assert again.zoom.factor == 1.5
    again.act_zoom_reset.trigger()
    assert again.zoom.factor == 1.0


def test_the_findings_list_folds_under_its_counts_and_comes_back(window, qtbot):
    panel = window.panel
    window.resize(1000, 700)
    QApplication.processEvents()
    before = window.vsplit.sizes()
    assert window.act_fold.shortcut().toString() == "Ctrl+F8" and window.act_fold.isChecked()
    qtbot.mouseClick(panel.fold, Qt.MouseButton.LeftButton)
    assert panel.collapsed and not panel.view.isVisible() and panel.bar.isVisible()
    assert window.vsplit.sizes()[1] <= panel.bar_height() and window.vsplit.sizes()[0] > before[0]
    assert panel.fold.text().startswith("展开") and not window.act_fold.isChecked()
    window.step_finding(1)  # F8 still goes from finding to finding
    window.act_fold.trigger()
    assert not panel.collapsed and panel.view.isVisible() and window.vsplit.sizes()[1] > panel.bar_height() * 2
    window.set_panel_collapsed(True)
    window.close()
    from ui.main_window import MainWindow

    again = MainWindow(recovery=False)
    qtbot.addWidget(again, before_close_func=support.forget_changes)
    assert again.panel.collapsed  # remembered


def test_the_first_start_fits_the_screen_and_a_remembered_size_too_big_is_cut_to_it(qtbot, data_dir):
    from ui.main_window import MainWindow
    from ui.paths import settings
    from ui.screen_fit import FRAME_ALLOWANCE

    w = MainWindow(recovery=False)
    qtbot.addWidget(w, before_close_func=support.forget_changes)
    free = w.screen().availableGeometry()  # the offscreen platform's 800×600
    assert w.width() + FRAME_ALLOWANCE[0] <= free.width() and w.height() + FRAME_ALLOWANCE[1] <= free.height()
    assert w.minimumSizeHint().width() <= free.width()
    w.ctl.replace(synthetic_project(n_items=12, seed=2), None, "测试")
    w.setGeometry(QRect(50, 50, 1900, 1200))  # as on a large monitor
    w.close()
    assert settings().value("window/geometry") is not None
    again = MainWindow(recovery=False)
    qtbot.addWidget(again, before_close_func=support.forget_changes)
    assert again.width() <= free.width() and again.height() <= free.height()
