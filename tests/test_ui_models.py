"""Table models, finding index, autosum and subject entry, without a window."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from checks.finding import Severity
from model.layout import SUBJECT_TABLES, T
from tests import test_ui_support as support
from ui import style
from ui.grid.base import Amt, CopyRole, Label
from ui.grid.layouts import model_for
from ui.pages.table_page import parse_subject

D = Decimal
ctl = support.ctl
data_dir = support.data_dir  # fixtures shared by the window tests
rules = support.rules


@pytest.mark.parametrize("t", list(T))
def test_every_table_model_passes_the_model_tester(ctl, qtmodeltester, t):
    model = model_for(ctl, t)
    qtmodeltester.check(model)
    if t in SUBJECT_TABLES:
        ctl.add_subjects(t, "2040201")  # structure changes go through reset while the tester watches
        ctl.undo_stack.undo()


def test_fixed_table_prints_both_sides_with_their_row_numbers(ctl):
    m = model_for(ctl, T.SUMMARY)
    texts = [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]
    assert texts[0][0] == "一、一般公共预算财政拨款收入" and texts[0][1] == "1"
    assert texts[0][3] == "一、一般公共服务支出" and texts[0][4] == "31"
    # Lines 9–26 are printed blank on the income side but keep the expense classes.
    assert texts[8][0] == "" and texts[8][1] == "9" and texts[8][3].startswith("九、")
    assert not m.is_editable(8, 2) and m.is_editable(8, 5)
    total_line = next(r for r, line in enumerate(texts) if line[0] == "本年收入合计")
    assert texts[total_line][1] == "27"


def test_amounts_are_grouped_right_aligned_and_copy_plain(ctl):
    m = model_for(ctl, T.GENERAL)
    row = ctl.project.tables[T.GENERAL].row("total")
    row.values[1] = D("1234567.5")
    ix = m.index(0, 2)
    assert m.data(ix) == "1,234,567.50"
    assert m.data(ix, CopyRole) == "1234567.50"
    assert m.data(ix, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_subject_rows_are_indented_by_level_and_sorted_by_code(ctl):
    m = model_for(ctl, T.INCOME)
    codes = [m.cell(r, 0).text for r in range(1, m.rowCount())]
    assert codes == sorted(codes)
    by_len = {len(m.cell(r, 0).text): m.cell(r, 1).indent for r in range(1, m.rowCount())}
    assert by_len == {3: 0, 5: 1, 7: 2}


def test_typed_text_that_does_not_parse_is_kept_red_with_its_reason(ctl):
    m = model_for(ctl, T.GENERAL)
    ix = m.index(1, 3)
    assert m.setData(ix, "12,34.5")
    assert m.data(ix) == "12,34.5"
    assert m.data(ix, Qt.ItemDataRole.ForegroundRole) is not None
    assert "千位分隔符" in m.data(ix, Qt.ItemDataRole.ToolTipRole)
    assert "V001" in rules(ctl)
    assert m.setData(ix, m.data(ix, Qt.ItemDataRole.EditRole).replace("12,34.5", "1234.5"))
    assert "V001" not in rules(ctl)


def test_an_edit_colours_the_total_that_no_longer_adds_up_and_undo_clears_it(ctl):
    t = T.EXPENSE
    m = model_for(ctl, t)
    r = next(r for r in range(m.rowCount()) if isinstance(m.cell(r, 0), Label) and len(m.cell(r, 0).text) == 7)
    key = m.cell(r, 0).key
    old = ctl.project.tables[t].row(key).values[2]
    changed = []
    m.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    parent = m.key_rows[key[:5]][0]
    assert m.mark(parent, 3) is None
    m.setData(m.index(r, 3), str(old + 1))
    assert ctl.project.tables[t].row(key).values[2] == old + 1
    # The 款 no longer equals the sum of its 项: its cell is marked, its items are tinted.
    assert m.mark(parent, 3) is Severity.ERROR
    assert m.data(m.index(parent, 3), Qt.ItemDataRole.BackgroundRole) == style.CELL_BG[Severity.ERROR]
    assert m.data(m.index(r, 3), Qt.ItemDataRole.BackgroundRole) == style.TINT_BG[Severity.ERROR]
    assert "所含各项之和" in m.data(m.index(parent, 3), Qt.ItemDataRole.ToolTipRole)
    assert any(a <= parent <= b for a, b in changed)  # and the 款 line was told to repaint
    ctl.undo_stack.undo()
    assert ctl.project.tables[t].row(key).values[2] == old
    assert not ctl.findings()
    assert m.mark(parent, 3) is None


def test_autosum_fills_hierarchy_and_column_totals_and_is_one_undo_step(ctl):
    t = T.EXPENSE
    table = ctl.project.tables[t]
    items = [r for r in table.subject_rows() if len(r.code) == 7]
    first = items[0]
    parent = table.row(first.code[:5])
    cls = table.row(first.code[:3])
    total = table.row("total")
    before = {k: dict(r.values) for k, r in table.index().items()}
    first.values[2] += D("10.00")
    ctl.checker.cell_changed(t, first.key)
    for r in (parent, cls, total):
        r.values.pop(1, None)
        r.values[2] = D("0.00")
        ctl.checker.cell_changed(t, r.key)
    assert rules(ctl) & {"H201", "H202", "F101"}
    n = ctl.autosum([t])
    assert n > 0
    assert first.values[1] == before[first.key][1] + 10
    assert parent.values[2] == before[parent.key][2] + 10 and parent.values[1] == before[parent.key][1] + 10
    assert total.values[2] == before["total"][2] + 10
    assert not rules(ctl) & {"H201", "H202", "F101"}
    ctl.undo_stack.undo()
    assert parent.values[2] == D("0.00") and 1 not in parent.values


def test_autosum_leaves_totals_of_empty_parts_empty_and_minus_formulas_alone(ctl):
    t = T.FUND
    table = ctl.project.tables[t]
    total = table.row("total")
    for r in table.rows:
        r.values.clear()
    total.values[6] = D("5.00")  # 年末结转和结余 = 1+2−3 is not a total of parts
    ctl.checker.rebuild()
    ctl.autosum([t])
    assert total.values == {6: D("5.00")}


def test_autosum_fills_the_printed_row_formulas_of_table_01(ctl):
    table = ctl.project.tables[T.SUMMARY]
    expected = table.row("i_total").values[1]
    table.row("i_total").values.pop(1)
    table.row("i_grand").values.pop(1)
    ctl.checker.rebuild()
    ctl.autosum([T.SUMMARY])
    assert table.row("i_total").values[1] == expected
    assert "F102" not in rules(ctl)


def test_adding_a_subject_adds_its_missing_parents_and_undo_takes_them_back(ctl):
    t = T.GENERAL
    table = ctl.project.tables[t]
    assert table.row("204") is None
    added = ctl.add_subjects(t, "2040201")
    assert added == ["204", "20402", "2040201"]
    codes = [r.code for r in table.subject_rows()]
    assert codes == sorted(codes)
    assert table.row("2040201").name == "行政运行" and table.row("20402").name == "公安"
    ctl.undo_stack.undo()
    assert table.row("204") is None and table.row("2040201") is None
    ctl.undo_stack.redo()
    assert table.row("20402") is not None


def test_removing_rows_and_undo_restores_the_very_rows_in_place(ctl):
    t = T.INCOME
    table = ctl.project.tables[t]
    keys = [r.key for r in table.rows]
    victim = table.subject_rows()[3]
    ctl.remove_rows(t, [victim.key, "total"])  # the 合计 row is never removed
    assert table.row(victim.key) is None and table.row("total") is not None
    ctl.undo_stack.undo()
    assert [r.key for r in table.rows] == keys
    assert table.row(victim.key) is victim


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2013101", ("2013101", "行政运行")),
        ("  20131 ", ("20131", "党委办公厅（室）及相关机构事务")),
        ("2019998 某某试点支出", ("2019998", "某某试点支出")),
    ],
)
def test_subject_box_understands_codes_and_codes_with_names(typed, expected):
    assert parse_subject(typed) == expected


def test_subject_box_explains_what_it_cannot_use():
    assert "目录中没有科目" in parse_subject("2019998")
    assert "3位" in parse_subject("2013")
    assert "请从列表中选定" in parse_subject("行政运行")
    assert "目录中没有名称含" in parse_subject("并不存在的科目名")


def test_finding_index_follows_deltas_and_locates_fields(ctl):
    p = ctl.project.supplementary.procurement
    ctl.set_field("supplementary.procurement.total", (p.total or D(0)) + 50)
    assert [f.rule for f in ctl.index.at_field("procurement.total")] == ["S501"]
    assert ctl.index.at_field("procurement")  # a prefix finds the form's findings
    ctl.undo_stack.undo()
    assert not ctl.index.at_field("procurement.total")


def test_table_note_is_checked_through_the_engine(ctl):
    t = T.SOE
    assert ctl.project.tables[t].is_empty()
    ctl.set_field("tables.soe.note", "")
    assert "C603" in rules(ctl)
    ctl.set_field("tables.soe.note", "本部门当年无国有资本经营预算财政拨款支出。")
    assert "C603" not in rules(ctl)


def test_changing_the_variant_renumbers_and_rebuilds(ctl):
    replaced = []
    ctl.projectReplaced.connect(lambda: replaced.append(True))
    ctl.set_field("meta.variant", "2020")
    assert replaced
    assert ctl.project.tables[T.BASIC].row("307") is not None  # 2020 brings its 06 rows
    m = model_for(ctl, T.BASIC)
    assert any(isinstance(c, Amt) and c.key == "30701" for line in m.grid for c in line)


def test_accepting_a_warning_is_saved_and_undoable(ctl):
    basic = ctl.project.tables[T.BASIC].row("30109")
    basic.values[1] += 5
    ctl.checker.cell_changed(T.BASIC, "30109")
    warning = next(f for f in ctl.findings() if f.rule == "W401")
    ctl.accept(warning.key, "职业年金按实际缴费口径")
    assert ctl.project.acceptances[warning.key] == "职业年金按实际缴费口径"
    ctl.undo_stack.undo()
    assert warning.key not in ctl.project.acceptances


def test_rows_changed_rechecks_several_rows_like_a_fresh_check(ctl):
    from checks.engine import run_checks

    t = T.GENERAL
    rows = ctl.project.tables[t].subject_rows()[:4]
    for i, row in enumerate(rows):
        row.values[2] = row.values.get(2, D(0)) + i + 1
    rows[3].invalid[3] = "x"
    rows[3].values.pop(3, None)
    delta = ctl.checker.cells_changed(t, [r.key for r in rows])
    fresh = run_checks(ctl.project)
    assert delta.added and not delta.removed
    assert sorted((f.key, f.message) for f in ctl.checker.findings()) == sorted((f.key, f.message) for f in fresh)


def test_the_other_models_pass_the_model_tester(ctl, qtmodeltester):
    from ui.findings_panel import FindingsModel
    from ui.pages.budget import BudgetModel
    from ui.pages.forms import ListModel
    from ui.pages.supplementary import PERFORMANCE

    findings = FindingsModel(ctl)
    qtmodeltester.check(findings)
    ctl.set_field("supplementary.procurement.total", D("1.00"))
    findings.refresh()
    assert {f.rule for f in findings.rows} == {"S501", "S502"}  # total below the parts and below the SME share
    budget = BudgetModel(ctl)
    qtmodeltester.check(budget)
    spec = next(p for p in PERFORMANCE.parts if getattr(p, "path", "").endswith("performance.projects"))
    projects = ListModel(ctl, spec)
    qtmodeltester.check(projects)
    assert projects.rowCount() == len(ctl.project.supplementary.performance.projects)


def test_pyside_reference_counts_of_none_cannot_run_out():
    import sys

    from ui import qtfix

    if not qtfix.affected():
        pytest.skip("this PySide6 counts references correctly")
    assert sys.getrefcount(None) > qtfix.HEADROOM  # applied when ui was imported
