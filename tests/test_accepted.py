"""One root cause, one error: the values a cell may mean when the table checks find it failing
(checks/accepted.py), and the 情况说明 judged with them.

The department is consistent and its text drafted from it; each case breaks one cell. The table
checks find the break at its place; the text, right before the break, agrees with a value the
broken cell may mean and stays silent. Without the table checks' findings the same text is judged
against what is printed only: that is the cascade the accepted values take away.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from checks.accepted import NOTHING, accepted_values
from checks.engine import run_checks
from checks.finding import Finding, Location, Severity
from checks.text import check_text
from checks.text.draft import apply_draft
from model.layout import THREE_ROW, T
from model.project import TOTAL, Project
from tests.support.synthetic import synthetic_project

E, H = Severity.ERROR, Severity.HINT


@pytest.fixture
def dept() -> Project:
    p = synthetic_project(n_items=6, seed=11, with_fund=False)
    apply_draft(p)
    assert not [f for f in run_checks(p) + check_text(p).findings if f.severity in (E, Severity.ROUNDING)]
    return p


def _set(p: Project, t: T, key: str, col: int, value: D | None) -> D:
    row = p.tables[t].row(key)
    old = row.values.get(col)
    if value is None:
        row.values.pop(col, None)
    else:
        row.values[col] = value
    p.tables[t].touch()
    return old


def _text_errors(p: Project, with_tables: bool) -> list[Finding]:
    findings = check_text(p, run_checks(p) if with_tables else None).findings
    return [f for f in findings if f.severity is E]


def _quoting(findings: list[Finding], figure: D) -> list[Finding]:
    return [f for f in findings if "".join((f.locations[0].text or "").split()) == str(figure)]


def test_a_total_left_empty_may_mean_the_sum_of_its_parts(dept):
    old = _set(dept, T.EXPENSE, TOTAL, 3, None)  # 03表 合计·项目支出 cleared; 三 quotes it
    findings = run_checks(dept)
    assert [f for f in findings if f.severity is E and f.locations[0] == Location(T.EXPENSE, TOTAL, 3)]
    assert old in accepted_values(findings, dept).at(Location(T.EXPENSE, TOTAL, 3))
    assert _text_errors(dept, with_tables=True) == []


def test_an_empty_cell_alone_makes_no_figure_wrong(dept):
    # 05表 class 201 cleared; 五 quotes it. Judged without the table checks' findings (nothing says
    # what the cell may mean), the figure is listed as not filled in, never called wrong.
    old = _set(dept, T.GENERAL, "201", 1, None)
    assert _text_errors(dept, with_tables=False) == []
    hints = _quoting(check_text(dept).findings, old)
    assert [(f.rule, f.severity) for f in hints] == [("T712", H)] and "没有填写" in hints[0].message
    assert _text_errors(dept, with_tables=True) == []


def test_a_total_printed_wrong_may_mean_the_sum_of_its_parts(dept):
    old = _set(dept, T.EXPENSE, TOTAL, 3, D("1.00"))
    assert _text_errors(dept, with_tables=True) == []
    # Against the printed 1.00 alone, the text's right figure would be a second error.
    wrong = _quoting(_text_errors(dept, with_tables=False), old)
    assert [f.rule for f in wrong] == ["T701"] and wrong[0].expected == "1.00"


def test_a_figure_the_parts_do_not_give_either_is_still_wrong(dept):
    old = _set(dept, T.EXPENSE, TOTAL, 3, None)
    dept.text["三"] = dept.text["三"].replace(f"项目支出{old}万元", "项目支出12.34万元")
    (f,) = _text_errors(dept, with_tables=True)
    assert (f.rule, f.locations[0].text, f.expected) == ("T701", "12.34", str(old))


def test_two_tables_that_disagree_each_may_mean_the_others_value(dept):
    old = _set(dept, T.FISCAL, "i1", 1, D("1.00"))  # 04表 一般公共预算财政拨款 ≠ 01表's
    accepted = accepted_values(run_checks(dept), dept)
    assert old in accepted.at(Location(T.FISCAL, "i1", 1))
    assert D("1.00") in accepted.at(Location(T.SUMMARY, "i1", 1))
    assert _text_errors(dept, with_tables=True) == []
    assert _quoting(_text_errors(dept, with_tables=False), old)


def test_a_part_of_a_sum_that_fails_may_mean_what_makes_it_hold(dept):
    # 09表 公务用车运行维护费 +1: 小计 and 合计 no longer add up; 九 quotes the item as it was.
    old = _set(dept, T.THREE, THREE_ROW, 11, dept.tables[T.THREE].row(THREE_ROW).values[11] + 1)
    assert old in accepted_values(run_checks(dept), dept).at(Location(T.THREE, THREE_ROW, 11))
    assert _text_errors(dept, with_tables=True) == []
    assert _quoting(_text_errors(dept, with_tables=False), old)


def test_percentages_accept_every_value_their_amounts_may_mean(dept):
    old = _set(dept, T.THREE, THREE_ROW, 1, None)  # 09表 预算数合计 cleared: 九's completion rate
    text = dept.text["九"]
    assert "完成全年预算的92.3%" in text
    assert old in accepted_values(run_checks(dept), dept).at(Location(T.THREE, THREE_ROW, 1))
    assert _text_errors(dept, with_tables=True) == []


def _finding(rule: str, expected, actual, *locs: Location, severity: Severity = E) -> Finding:
    return Finding(rule, severity, "", locs, expected, actual)


def test_only_exact_relations_that_fail_give_values(dept):
    a, b, c = Location(T.GENERAL, "201", 1), Location(T.EXPENSE, "201", 1), Location(T.GENERAL, "201", 2)
    # "不大于" orders two values and says nothing about what either should hold.
    assert not accepted_values([_finding("X313", D("1"), D("2"), a, b)], dept)
    # A soft relation (警告) neither.
    assert not accepted_values([_finding("W401", D("1"), D("2"), a, b, severity=Severity.WARNING)], dept)
    # Parts that hold nothing give their total no value (each may be the one left out, though).
    row = dept.tables[T.GENERAL].row("201")
    row.values.pop(2, None)
    row.values.pop(3, None)
    accepted = accepted_values([_finding("F101", D("0"), D("5"), a, c, Location(T.GENERAL, "201", 3))], dept)
    assert accepted.at(a) == () and accepted.at(c) == (D("5"),)
    assert NOTHING.at(a) == ()


def test_parts_that_are_not_simply_added_are_not_second_guessed(dept):
    # 05表 合计 = Σ 类 printed as a sum with a part subtracted: the values say it is no plain sum.
    total, parts = Location(T.GENERAL, TOTAL, 1), [Location(T.GENERAL, r.key, 1) for r in dept.tables[T.GENERAL].rows]
    parts = [loc for loc in parts if loc.row != TOTAL and len(loc.row) == 3]
    values = [dept.tables[T.GENERAL].row(loc.row).values[1] for loc in parts]
    plain = _finding("H202", sum(values), sum(values) + 5, total, *parts)
    mixed = _finding("H202", sum(values) - 2 * values[0], sum(values) + 5, total, *parts)
    assert values[0] + 5 in accepted_values([plain], dept).at(parts[0])
    assert accepted_values([mixed], dept).at(parts[0]) == ()
    assert accepted_values([mixed], dept).at(total) == (sum(values) - 2 * values[0],)
