"""Whole subject rows pasted from Excel or WPS: matched by code, missing subjects added, one undo."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from checks.engine import run_checks
from model.catalog import functional_catalog
from model.layout import T, subject_columns
from model.project import new_project
from tests import test_ui_support as support
from tests.seed_data import WORKBOOK_2024, caidian_2024
from ui.grid.rowpaste import plan_row_paste

D = Decimal
window = support.window
data_dir = support.data_dir
rules = support.rules


def open_table(window, t: T):
    page = window.show_page(f"table.{t}")
    page.view.setFocus()
    return page


def sheet_block(name: str) -> str:
    """A sheet as Excel puts it on the clipboard: every line, tab-separated, figures as shown."""
    ws = openpyxl.load_workbook(WORKBOOK_2024, data_only=True)[name]

    def shown(v) -> str:  # as the sheet shows it: 行次 1, amounts 1,105.52
        if v is None:
            return ""
        return f"{v:,.2f}" if isinstance(v, float) else str(v)

    return "\r\n".join("\t".join(shown(v) for v in row) for row in ws.iter_rows(values_only=True)) + "\r\n"


def test_rows_with_codes_add_the_missing_subjects_in_code_order(window, qtbot):
    page = open_table(window, T.GENERAL)
    view, m = page.view, page.model
    table = window.ctl.project.tables[T.GENERAL]
    present = {r.code for r in table.subject_rows()}
    cat = functional_catalog()
    new_item = next(s.code for s in cat.subjects() if len(s.code) == 7 and s.code[:3] not in present)
    rows_before = len(table.rows)
    # The user's own workbook: code, their name for it, 合计/基本/项目 columns.
    block = f"{new_item}\t自拟名称\t30.00\t20.00\t10.00\r\n"
    view.go_to(m.index(1, 0))  # cursor on a code
    QGuiApplication.clipboard().setText(block)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    row = next(r for r in table.subject_rows() if r.code == new_item)
    assert row.name == "自拟名称" and row.values == {1: D("30.00"), 2: D("20.00"), 3: D("10.00")}
    # Its 类 and 款 come along with the catalog's names, empty (H201 says they do not add up yet).
    parents = [r for r in table.subject_rows() if r.code in (new_item[:3], new_item[:5])]
    assert [r.name for r in parents] == [cat.name_of(new_item[:3]), cat.name_of(new_item[:5])]
    assert [r.code for r in table.subject_rows()] == sorted(r.code for r in table.subject_rows())
    assert "H201" in rules(window.ctl)
    msg = window.statusBar().currentMessage()
    assert "新增科目" in msg and new_item in msg
    assert view.currentIndex().row() == m.key_rows[row.key][0]  # the cursor is on what was pasted
    window.act_undo.trigger()  # one step takes back rows and figures
    assert len(table.rows) == rows_before and new_item not in {r.code for r in table.subject_rows()}
    window.act_redo.trigger()
    assert next(r for r in table.subject_rows() if r.code == new_item).values[1] == D("30.00")


def test_a_whole_printed_table_pastes_into_an_empty_one(window, qtbot):
    """From the published workbook: title, headings, 栏次 and 合计 lines included."""
    window.ctl.replace(new_project("测试部门", 2024), None, "新项目", dirty=True)
    page = open_table(window, T.INCOME)
    view, m = page.view, page.model
    view.go_to(m.index(0, 3))  # anywhere: the names beside the codes say these are rows
    n = view.paste(sheet_block("公开02表"))
    got = window.ctl.project.tables[T.INCOME]
    want = caidian_2024().tables[T.INCOME]
    assert [(r.code, r.name) for r in got.subject_rows()] == [(r.code, r.name) for r in want.subject_rows()]
    assert {r.key: r.values for r in got.rows} == {r.key: r.values for r in want.rows}
    assert n == len(want.rows)

    # Within the table, the same findings as the published one (its 0.01 rounding in 合计 included).
    def inside(findings):
        return {f.message for f in findings if f.rule[0] in "VFH" and f.locations[0].table == T.INCOME}

    published = inside(run_checks(caidian_2024()))
    assert published and inside(window.ctl.findings()) == published
    assert "含合计行" in window.statusBar().currentMessage()
    assert "已跳过" in window.statusBar().currentMessage()  # the title and heading lines
    window.act_undo.trigger()
    assert got.subject_rows() == [] and got.row("total").values == {}


def test_codes_and_figures_without_names_fill_existing_rows_by_code(window, qtbot):
    page = open_table(window, T.GENERAL)
    view, m = page.view, page.model
    table = window.ctl.project.tables[T.GENERAL]
    items = [r for r in table.subject_rows() if len(r.code) == 7][:2]
    # Lines in another order than the table's: they still land on their own rows.
    view.go_to(m.index(m.rowCount() - 1, 1))
    view.paste(f"{items[1].code}\t5.00\t5.00\n{items[0].code}\t7.00\t\t7.00\n")
    assert (items[1].values[1], items[1].values[2]) == (D("5.00"), D("5.00"))
    assert (items[0].values[1], items[0].values.get(2), items[0].values[3]) == (D("7.00"), None, D("7.00"))
    assert len({r.code for r in table.subject_rows()}) == len(table.subject_rows())  # nothing added twice


def test_a_column_of_figures_is_still_an_ordinary_paste(window, qtbot):
    page = open_table(window, T.GENERAL)
    view, m = page.view, page.model
    table = window.ctl.project.tables[T.GENERAL]
    r = next(r for r in range(m.rowCount()) if m.cell(r, 0) is not None and len(m.cell(r, 0).text) == 7)
    key = m.cell(r, 0).key
    count = len(table.rows)
    view.go_to(m.index(r, 2))
    view.paste("201\n")  # 201 万元, not the 类 201
    assert table.row(key).values[1] == D("201.00") and len(table.rows) == count


def test_the_plan_reads_what_excel_gives():
    cols = [c.no for c in subject_columns(T.EXPENSE)]
    block = [
        ["2024年度支出决算表", "", ""],
        ["类 款 项", "栏次", "1", "2"],
        ["合计", "", "1,105.52", "1,015.00"],  # merged A:B copies as the text then an empty cell
        ["２０１", "一般公共服务支出", "859.36", ""],
        ["201 03 01", "行政运行", "13.62", "13.62", "", "", "", "", "9"],
    ]
    plan = plan_row_paste(block, cols, 5)
    assert plan.codes() == ["201", "2010301"]
    assert plan.total == {1: "1,105.52", 2: "1,015.00"}
    assert plan.skipped == 2 and plan.outside == 1
    assert plan.lines[1][1] == "行政运行" and plan.lines[1][2][2] == "13.62"
    assert plan_row_paste([["12.5", "3"]], cols, 0) is None
    assert plan_row_paste([["201", "3.00"]], cols, 4) is None  # figures only, cursor on figures


def test_whole_printed_01_04_06_paste_by_line_number_and_code(window, qtbot):
    """01 and 04 copied with their headings are placed by 行次, 06 by 经济分类编码."""
    window.ctl.replace(new_project("测试部门", 2024), None, "新项目", dirty=True)
    seed = caidian_2024()
    for t, sheet in ((T.SUMMARY, "公开01表"), (T.FISCAL, "公开04表"), (T.BASIC, "公开06表")):
        page = open_table(window, t)
        page.view.go_to(page.model.index(0, 0))
        page.view.paste(sheet_block(sheet))
        got = {r.key: r.values for r in window.ctl.project.tables[t].rows if r.values}
        want = {r.key: r.values for r in seed.tables[t].rows if r.values}
        if t is T.BASIC:  # 公用经费合计 prints under another column than its label: left to 自动计算合计
            want.pop("public_total")
        assert got == want, t
        assert "已按行次或编码粘贴" in window.statusBar().currentMessage()
    window.act_undo.trigger()  # one step per paste
    assert not any(r.values for r in window.ctl.project.tables[T.BASIC].rows)


def test_figures_alone_are_not_taken_for_line_numbers(window, qtbot):
    window.ctl.replace(new_project("测试部门", 2024), None, "新项目", dirty=True)
    page = open_table(window, T.SUMMARY)
    m = page.model
    page.view.go_to(m.index(*m.where[("i1", 1)]))
    page.view.paste("5\n1\n")  # two figures; the "1" is 1 万元, not 行次 1
    t = window.ctl.project.tables[T.SUMMARY]
    assert t.row("i1").values[1] == D("5.00") and t.row("i2").values[1] == D("1.00")
