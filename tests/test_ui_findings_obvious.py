"""The findings panel says what it shows: its severity buttons look on or off, a new project shows
everything again, F8 goes to the first 错误 first, and a filter hiding every finding says so."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checks.finding import SEVERITIES, Severity
from model.layout import T, class_key
from tests import test_ui_support as support
from tests.support.synthetic import synthetic_project

window = support.window
data_dir = support.data_dir


def some_of_each(w) -> None:
    """A 尾数差异 in 01 (listed first, with the tables), an 错误 in the 政府采购 data after it."""
    row = w.ctl.project.tables[T.SUMMARY].row(class_key("201"))
    w.ctl.set_cells(T.SUMMARY, [(row.key, 2, str(row.values[2] + Decimal("0.01")))])
    w.ctl.set_field("supplementary.procurement.total", w.ctl.project.supplementary.procurement.total + 100)


def test_a_severity_button_shows_whether_it_is_on(window):
    b = window.panel.buttons[Severity.ERROR]
    on = b.grab().toImage()
    assert b.isChecked() and "点击隐藏" in b.toolTip()
    b.setChecked(False)
    off = b.grab().toImage()
    assert "已隐藏" in b.toolTip() and "点击显示" in b.toolTip()
    assert on != off  # filled and ticked, against outlined with an empty box
    icon = b.icon()
    size = b.iconSize()
    ticked = icon.pixmap(size, icon.Mode.Normal, icon.State.On).toImage()
    empty = icon.pixmap(size, icon.Mode.Normal, icon.State.Off).toImage()
    assert ticked != empty


def test_a_new_project_shows_every_finding_again(window):
    panel = window.panel
    panel.buttons[Severity.HINT].setChecked(False)
    panel.scope.setCurrentIndex(panel.scope.findData("__current__"))
    window.ctl.replace(synthetic_project(n_items=12, seed=3), None, "另一个")
    assert all(b.isChecked() for b in panel.buttons.values())
    assert panel.scope.currentIndex() == 0
    assert panel.model.severities == set(SEVERITIES) and panel.model.page is None


def test_f8_goes_to_the_first_error_first_then_on_by_severity(window):
    some_of_each(window)
    rows = window.panel.model.rows
    assert rows[0].severity is not Severity.ERROR  # the list does not start with the 错误
    assert window.act_next.shortcut().toString() == "F8"
    window.act_next.trigger()
    first = window.panel.selected()
    assert first.severity is Severity.ERROR and first is next(f for f in rows if f.severity is Severity.ERROR)
    seen = [first.severity]
    for _ in range(len(rows) - 1):
        window.act_next.trigger()
        seen.append(window.panel.selected().severity)
    assert [s.rank for s in seen] == sorted(s.rank for s in seen)  # 错误, then 尾数差异, 警告, 提示
    window.act_next.trigger()
    assert window.panel.selected() is first  # round again
    window.act_prev.trigger()
    assert window.panel.selected().severity is seen[-1]


def test_a_filter_that_hides_everything_says_so_and_shows_all_again(window, qtbot):
    some_of_each(window)
    panel = window.panel
    for b in panel.buttons.values():
        b.setChecked(False)
    assert not panel.model.rows
    assert panel.empty.isVisible() and "隐藏了全部" in panel.empty_note.text()
    assert str(len(window.ctl.findings())) in panel.empty_note.text()
    window.step_finding(1)
    assert "筛选隐藏了全部" in window.statusBar().currentMessage()
    qtbot.mouseClick(panel.show_all, Qt.MouseButton.LeftButton)
    assert len(panel.model.rows) == len(window.ctl.findings()) and not panel.empty.isVisible()


def test_no_findings_at_all_is_said_as_such(window):
    assert not window.ctl.findings()  # the consistent synthetic department
    window.panel.refresh()
    QApplication.processEvents()
    assert window.panel.empty.isVisible() and window.panel.empty_note.text() == "未发现问题。"
    assert not window.panel.show_all.isVisible()
