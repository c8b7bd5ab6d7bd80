"""The window as a user meets it: navigator counts, findings panel, jumping, subjects, forms."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from checks.finding import Finding, Location, Severity
from model.layout import T, class_key
from tests import test_ui_support as support
from ui.pages.forms import FieldEdit

D = Decimal
window = support.window
ctl = support.ctl
data_dir = support.data_dir  # fixtures shared by the window tests
rules = support.rules


def break_expense_class(w) -> str:
    """03's 类 201 no longer equals 01's line for 201: an X305 error located in 01, involving 03."""
    row = w.ctl.project.tables[T.SUMMARY].row(class_key("201"))
    w.ctl.set_cells(T.SUMMARY, [(row.key, 2, str(row.values[2] + 7))])
    return row.key


def test_navigator_lists_the_pages_in_printed_order_with_counts(window):
    nav = window.navigator
    keys = list(nav.items)
    tables = [k for k in keys if k.startswith("table.")]
    assert tables == [
        f"table.{t}" for t in (T.SUMMARY, T.INCOME, T.EXPENSE, T.FISCAL, T.GENERAL, T.BASIC, T.FUND, T.SOE, T.THREE)
    ]
    assert nav.items["table.three"].text(0) == "09 财政拨款“三公”经费支出决算表"
    assert keys[:3] == ["overview.meta", "overview.units", "overview.staff"] and keys[-1] == "text"
    break_expense_class(window)
    assert nav.counts["table.summary"][Severity.ERROR] >= 1
    assert nav.counts["table.expense"][Severity.ERROR] >= 1  # the other table of the identity
    p = window.ctl.project.supplementary.procurement
    window.ctl.set_field("supplementary.procurement.total", p.total + 100)
    assert nav.counts["supp.procurement"][Severity.ERROR] == 1
    assert "错误 1" in nav.items["supp.procurement"].toolTip(0)


def test_variant_2020_renumbers_the_navigator_and_the_page_titles(window):
    window.ctl.set_field("meta.variant", "2020")
    assert window.navigator.items["table.three"].text(0).startswith("07 一般公共预算财政拨款“三公”")
    page = window.show_page("table.fund")
    assert page.number.text() == "公开08表"


def test_status_bar_and_panel_show_counts_per_severity(window):
    break_expense_class(window)
    errors = sum(1 for f in window.ctl.findings() if f.severity is Severity.ERROR)
    assert errors
    assert f"错误 <b>{errors}</b>" in window.counts_label.text()
    assert window.panel.buttons[Severity.ERROR].text() == f"错误 {errors}"


def test_panel_filters_by_severity_and_page(window):
    break_expense_class(window)
    window.ctl.set_field("supplementary.procurement.total", D("1.00"))
    panel = window.panel
    every = len(panel.model.rows)
    panel.buttons[Severity.ERROR].setChecked(False)
    assert all(f.severity is not Severity.ERROR for f in panel.model.rows)
    panel.buttons[Severity.ERROR].setChecked(True)
    panel.scope.setCurrentIndex(panel.scope.findData("supp.procurement"))
    assert panel.model.rows and all(f.locations[0].field for f in panel.model.rows)
    assert len(panel.model.rows) < every


def test_double_click_on_a_finding_jumps_to_its_cell_switching_tables(window, qtbot):
    key = break_expense_class(window)
    window.show_page("table.general")
    panel = window.panel
    row = next(i for i, f in enumerate(panel.model.rows) if f.rule == "X305")
    view = panel.view
    view.scrollTo(panel.model.index(row, 2))
    rect = view.visualRect(panel.model.index(row, 2))
    # A real double click arrives as press, release, double-click, release.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.navigator.current_key() == "table.summary"
    grid = window.current_grid()
    assert grid.grid().cell_ref(grid.currentIndex().row(), grid.currentIndex().column()) == (key, 2)
    assert QApplication.focusWidget() is grid
    assert "X305" not in window.statusBar().currentMessage() and "≠" in window.statusBar().currentMessage()


def test_jump_stays_on_the_current_table_when_the_finding_involves_it(window):
    break_expense_class(window)
    window.show_page("table.expense")
    f = next(f for f in window.ctl.findings() if f.rule == "X305")
    assert window.jump_to(f)
    assert window.navigator.current_key() == "table.expense"
    grid = window.current_grid()
    assert grid.grid().cell_ref(grid.currentIndex().row(), grid.currentIndex().column()) == ("201", 1)


def test_jump_to_a_supplementary_field(window):
    window.ctl.set_field("supplementary.procurement.total", D("1.00"))
    f = next(f for f in window.ctl.findings() if f.rule == "S501")
    assert window.jump_to(f)
    page = window.current_page()
    field = page.fields["supplementary.procurement.total"]
    assert QApplication.focusWidget() is field
    assert "S501" not in field.toolTip() and "政府采购支出总额" in field.toolTip()


# 年初结转和结余 and 年末结转和结余 both 100 more: 01's 收入总计 and 支出总计 with them.
SUMMARY_GRAND_EDITS = (("i_begin", 1), ("i_grand", 1), ("e_end", 2), ("e_grand", 2))


def test_the_text_page_is_checked_against_the_tables_and_its_findings_join_the_panel(window, qtbot):
    window.open_sample()
    host = window.page("text")
    for other in host.page.editors.values():  # the sample holds the published text: start from none
        other.setPlainText("")
    editor = host.page.editors["一"]
    editor.setPlainText("2024年度收、支总计1105.52万元。")
    host.page.recheck()  # what its timer does a moment after the last keystroke
    assert window.ctl.modified  # typed text is a change of the project
    assert window.ctl.project.text["一"] == "2024年度收、支总计1105.52万元。"
    assert not [f for f in window.ctl.findings() if f.rule.startswith("T")]
    # The tables change: once the user pauses, the text is judged again and the panel says so.
    # (01 stays balanced: a 总计 changed alone fails its own sum, and the text may quote either value)
    rows = window.ctl.project.tables[T.SUMMARY]
    edits = [(key, col, str((rows.row(key).values.get(col) or 0) + 100)) for key, col in SUMMARY_GRAND_EDITS]
    window.ctl.set_cells(T.SUMMARY, edits)
    host.catch_up()
    text = [f for f in window.ctl.findings() if f.rule == "T701"]
    assert text and text[0] in window.panel.model.rows
    assert window.navigator.counts["text"][Severity.ERROR] == 1
    window.show_page("table.summary")
    assert window.jump_to(text[0])
    assert window.navigator.current_key() == "text"
    assert editor.textCursor().selectedText() == "1105.52"


def test_a_warning_accepted_with_a_note_is_kept_and_shown(window, qtbot, monkeypatch):
    row = window.ctl.project.tables[T.BASIC].row("30109")
    window.ctl.set_cells(T.BASIC, [("30109", 1, str(row.values[1] + 3))])
    panel = window.panel
    r = next(i for i, f in enumerate(panel.model.rows) if f.rule == "W401")
    panel.view.selectRow(r)
    assert panel.accept_button.isEnabled()
    monkeypatch.setattr("ui.findings_panel.QInputDialog.getMultiLineText", lambda *a, **k: ("按实际缴费口径填列", True))
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    f = panel.model.rows[r]
    assert window.ctl.project.acceptances[f.key] == "按实际缴费口径填列"
    assert panel.model.data(panel.model.index(r, 0)) == "警告（已说明）"
    assert panel.model.data(panel.model.index(r, 3)) == "按实际缴费口径填列"
    page = window.show_page("table.basic")
    ix = page.model.index_for("30109", 1)
    assert "已说明：按实际缴费口径填列" in page.model.data(ix, Qt.ItemDataRole.ToolTipRole)
    assert "已说明 1" in window.counts_label.text()


def test_subject_box_adds_with_parents_finds_existing_and_rows_delete(window, qtbot, monkeypatch):
    monkeypatch.setattr("ui.dialogs.ask_remove_children", lambda *_a: "selected")
    page = window.show_page("table.general")
    table = window.ctl.project.tables[T.GENERAL]
    page.focus_find()
    support.type_keys(qtbot, "行政")
    assert any(s.startswith("2040201 行政运行") for s in page._completions.stringList())
    page.find.setText("2040201")
    qtbot.keyClick(page.find, Qt.Key.Key_Return)
    assert [table.row(k) is not None for k in ("204", "20402", "2040201")] == [True] * 3
    assert "补上上级科目 204、20402" in page.message.text()
    grid = page.view
    assert grid.grid().row_key_at(grid.currentIndex().row()) == "2040201"
    page.find.setText("20402")  # already there: jump, do not add twice
    qtbot.keyClick(page.find, Qt.Key.Key_Return)
    assert sum(1 for r in table.rows if r.code == "20402") == 1
    assert grid.grid().row_key_at(grid.currentIndex().row()) == "20402"
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert table.row("20402") is None and table.row("2040201") is not None
    assert "H205" in support.rules(window.ctl)  # the 项 has lost its 款
    window.act_undo.trigger()
    assert table.row("20402") is not None


def test_deleting_a_class_asks_about_its_children_and_undoes_in_one_step(window, qtbot, monkeypatch):
    page = window.show_page("table.general")
    table = window.ctl.project.tables[T.GENERAL]
    cls = next(r for r in table.subject_rows() if len(r.code) == 3)
    family = [r.key for r in table.subject_rows() if r.code.startswith(cls.code)]
    assert len(family) > 1
    before = [r.key for r in table.rows]
    asked = []

    def answer(reply):
        def ask(_parent, chosen, count):
            asked.append((chosen, count))
            return reply

        return ask

    page.view.go_to(page.model.index_for(cls.key, None))
    monkeypatch.setattr("ui.dialogs.ask_remove_children", answer(None))
    page.remove_selected_rows()  # cancelled: nothing happens
    assert [r.key for r in table.rows] == before
    assert asked == [(f"{cls.code} {cls.name}", len(family) - 1)]
    monkeypatch.setattr("ui.dialogs.ask_remove_children", answer("all"))
    page.remove_selected_rows()
    assert not [r for r in table.subject_rows() if r.code.startswith(cls.code)]
    assert "H205" not in support.rules(window.ctl)  # no 款/项 left without its 类
    assert f"已删除 {len(family)} 个科目行" in page.message.text()
    window.act_undo.trigger()
    assert [r.key for r in table.rows] == before


def test_subject_box_refuses_what_it_cannot_place(window, qtbot):
    page = window.show_page("table.income")
    before = len(window.ctl.project.tables[T.INCOME].rows)
    page.find.setText("2019998")
    qtbot.keyClick(page.find, Qt.Key.Key_Return)
    assert "目录中没有科目 2019998" in page.message.text()
    assert len(window.ctl.project.tables[T.INCOME].rows) == before


def test_ctrl_f_on_a_fixed_table_finds_rows_by_name(window, qtbot):
    page = window.show_page("table.summary")
    window.act_find.trigger()
    assert QApplication.focusWidget() is page.find
    support.type_keys(qtbot, "住房保障")
    qtbot.keyClick(page.find, Qt.Key.Key_Return)
    ix = page.view.currentIndex()
    assert page.model.data(ix) == "十九、住房保障支出"


def test_autosum_button_fixes_totals_in_one_step(window, qtbot):
    page = window.show_page("table.general")
    total = window.ctl.project.tables[T.GENERAL].row("total")
    right = dict(total.values)
    window.ctl.set_cells(T.GENERAL, [("total", 1, "0"), ("total", 2, "")])
    qtbot.mouseClick(page.sum_button, Qt.MouseButton.LeftButton)
    assert total.values == right
    assert "已计算 2 个合计" in page.message.text()


def test_a_form_entry_that_does_not_parse_stays_red_and_is_kept_in_the_project(window, qtbot):
    page = window.show_page("supp.procurement")
    field: FieldEdit = page.fields["supplementary.procurement.total"]
    before = window.ctl.project.supplementary.procurement.total
    field.setFocus()
    field.selectAll()
    support.type_keys(qtbot, "二十八")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "二十八" and "不是数字" in field.toolTip()
    # Kept as typed (saved with the project), the field without a value, listed as V002.
    assert window.ctl.project.invalid_fields == {"supplementary.procurement.total": "二十八"}
    assert window.ctl.project.supplementary.procurement.total is None
    v002 = [f for f in window.ctl.findings() if f.rule == "V002"]
    assert len(v002) == 1 and "政府采购" in v002[0].message and "二十八" in v002[0].message
    field.selectAll()
    qtbot.keyClicks(field, "1,028.5")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.ctl.project.supplementary.procurement.total == D("1028.50")
    assert field.text() == "1,028.50" and not window.ctl.project.invalid_fields
    assert "V002" not in rules(window.ctl)
    window.act_undo.trigger()
    assert field.text() == "二十八" and "V002" in rules(window.ctl)
    window.act_undo.trigger()
    assert window.ctl.project.supplementary.procurement.total == before
    assert field.text() == ("" if before is None else f"{before:,.2f}")


def test_list_forms_add_edit_and_remove_rows(window, qtbot):
    page = window.show_page("overview.staff")
    editor = page.lists["supplementary.staff.in_service"]
    items = window.ctl.project.supplementary.staff.in_service
    n = len(items)
    editor.add()
    assert len(items) == n + 1
    m = editor.model
    m.setData(m.index(n, 0), "工勤")
    m.setData(m.index(n, 1), "三")
    assert items[n].count is None and m.data(m.index(n, 1)) == "三"  # kept, red, not stored
    m.setData(m.index(n, 1), "3")
    assert items[n].count == 3 and items[n].kind == "工勤"
    editor.view.setCurrentIndex(m.index(n, 0))
    editor.remove()
    assert len(items) == n
    window.act_undo.trigger()
    assert len(items) == n + 1 and items[n].count == 3


def test_moving_onto_a_flagged_cell_says_what_is_wrong_in_the_status_bar(window):
    key = break_expense_class(window)
    page = window.show_page("table.summary")
    page.view.go_to(page.model.index_for(key, 2))
    assert "≠" in window.statusBar().currentMessage() and "【错误】" in window.statusBar().currentMessage()
    page.view.go_to(page.model.index(0, 2))
    assert window.statusBar().currentMessage() == ""


def test_new_project_dialog_follows_the_year_until_the_user_chooses(qtbot):
    from ui.dialogs import NewProjectDialog

    d = NewProjectDialog(year=2024)
    qtbot.addWidget(d)
    assert (d.variant.currentData(), d.layout_.currentData()) == ("2023", "A")
    d.year.setValue(2022)
    assert (d.variant.currentData(), d.layout_.currentData()) == ("2020", "B")
    d.layout_.setCurrentIndex(d.layout_.findData("A"))
    d.layout_.activated.emit(d.layout_.currentIndex())  # the user's own choice
    d.year.setValue(2024)
    assert (d.variant.currentData(), d.layout_.currentData()) == ("2023", "A")
    d.year.setValue(2021)
    assert d.layout_.currentData() == "A" and d.variant.currentData() == "2020"
    d._accept()
    assert not d.result() and "部门名称" in d.error.text()
    d.department.setText("某某局")
    d._accept()
    assert d.values()["department"] == "某某局" and d.values()["year"] == 2021


def test_new_project_creates_the_empty_tables_and_opens_department_info(window, monkeypatch):
    from ui.dialogs import NewProjectDialog

    monkeypatch.setattr(NewProjectDialog, "exec", lambda self: NewProjectDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        NewProjectDialog,
        "values",
        lambda self: {"department": "某某局", "year": 2022, "variant": "2020", "layout": "B", "unit_kind": "事业单位"},
    )
    monkeypatch.setattr(
        "ui.main_window.ask_save",
        lambda *_a: QMessageBox.StandardButton.Discard,
    )
    window.act_new.trigger()
    p = window.ctl.project
    assert (p.meta.department, p.meta.year, p.meta.variant, p.meta.layout, p.meta.unit_kind) == (
        "某某局",
        2022,
        "2020",
        "B",
        "事业单位",
    )
    assert window.navigator.current_key() == "overview.meta"
    assert window.ctl.modified and window.ctl.path is None
    assert window.navigator.items["table.three"].text(0).startswith("07 ")


def test_findings_in_the_text_are_placed_by_section_as_printed(window):
    from ui.findings_panel import describe_location

    def where(section: str) -> str:
        f = Finding("T701", Severity.ERROR, "x", (Location(section=section, start=0, end=1),))
        return describe_location(window.ctl, f)

    assert where("五") == "情况说明 五"
    assert where("概况.职能") == "情况说明 部门主要职能"
    assert where("名词解释") == "情况说明 名词解释"


def test_form_fields_line_up_down_the_page_and_group_headings_show_whole(window, qtbot):
    page = window.show_page("supp.last_year")
    qtbot.wait(10)
    inner = page.widget()
    xs = {w.mapTo(inner, w.rect().topLeft()).x() for w in page.fields.values()}
    assert len(xs) == 1  # one column of fields, whatever group they are in
    headings = [label for label in inner.findChildren(QLabel) if label.objectName() == "formGroup"]
    three = next(h for h in headings if h.text() == "“三公”经费与机关运行经费")
    assert three.width() >= three.fontMetrics().horizontalAdvance(three.text())
