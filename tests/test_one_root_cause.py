"""One root cause, one error (tables): a total that fails its own sum carries the finding; the
checks that read it from elsewhere accept the printed total or the sum of its parts, and still
find an inconsistency that neither value explains."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from checks.engine import CheckSession, run_checks
from checks.finding import Severity
from model.layout import T
from model.project import TOTAL, set_cell_text
from tests.support.rule_cases import consistent
from tests.test_engine_incremental import snapshot

G, F, EX, B = T.GENERAL, T.FISCAL, T.EXPENSE, T.BASIC


def errors(findings):
    return sorted((f.rule, str(f.locations[0].table), f.locations[0].row, f.locations[0].col) for f in findings)


def test_an_empty_total_is_one_finding_at_the_total():
    p = consistent()
    total = p.tables[G].row(TOTAL)
    printed = dict(total.values)
    total.values.clear()  # the 05 合计 left empty, its classes filled
    found = run_checks(p)
    assert found and all(f.locations[0].table is G and f.locations[0].row == TOTAL for f in found), errors(found)
    assert {f.rule for f in found} == {"H202"}  # not X307 (04), X312 (06), X313 (03) again
    assert {f.expected for f in found} == {printed[c] for c in printed}


def test_a_wrong_total_is_one_finding_whichever_way_it_is_wrong():
    for wrong in (D("0.00"), D("1.00")):
        p = consistent()
        p.tables[EX].row(TOTAL).values[1] = wrong
        found = run_checks(p)
        assert {(f.rule, f.locations[0].table, f.locations[0].row) for f in found} == {
            ("H202", EX, TOTAL),
            ("F101", EX, TOTAL),  # 03 合计 第1栏 is the sum of its row's columns, too: it reads it directly
        }, errors(found)


def spend_more_in_04(p, by: D) -> None:
    """04's first class spends more of its 一般公共预算 money, and 04 still adds up."""
    key = next(r.key for r in p.tables[F].rows if r.key.startswith("c") and r.values.get(3))
    for k in (key, "e_total", "e_grand"):
        for col in (2, 3):
            p.tables[F].row(k).values[col] += by


def test_an_inconsistency_neither_value_explains_is_still_found():
    p = consistent()
    p.tables[G].row(TOTAL).values[1] += D("5.00")  # the 05 合计 wrong ...
    spend_more_in_04(p, D("7.00"))  # ... and 04 agrees with neither it nor its classes
    found = {(f.rule, f.locations[0].table, f.locations[0].row) for f in run_checks(p) if f.severity is Severity.ERROR}
    assert ("H202", G, TOTAL) in found and ("X307", F, "e_total") in found


def test_a_comparison_accepts_the_sum_of_parts_of_a_failing_total():
    p = consistent()
    basic = p.tables[G].row(TOTAL).values[2]
    p.tables[EX].row(TOTAL).values[2] = basic - D("100.00")  # 03 合计 基本支出 printed too small
    found = run_checks(p)
    assert "X313" not in {f.rule for f in found}  # 05 ≤ 03 holds for 03's classes
    assert ("H202", EX) in {(f.rule, f.locations[0].table) for f in found}


def test_the_silenced_checks_speak_again_when_the_total_is_put_right_incrementally():
    p = consistent()
    session = CheckSession(p)
    total = p.tables[G].row(TOTAL)
    printed = total.values[1]
    total.values[1] = D("0.00")
    session.cell_changed(G, TOTAL)
    assert snapshot(session.findings()) == snapshot(CheckSession(p).findings())
    assert "X307" not in {f.rule for f in session.findings()}
    spend_more_in_04(p, D("7.00"))  # now 04 agrees with neither the printed 合计 nor its classes
    for key in {r.key for r in p.tables[F].rows if r.values}:
        session.cell_changed(F, key)
    assert snapshot(session.findings()) == snapshot(CheckSession(p).findings())
    assert ("X307", "e_total") in {(f.rule, f.locations[0].row) for f in session.findings()}
    total.values[1] = printed
    delta = session.cell_changed(G, TOTAL)
    assert snapshot(session.findings()) == snapshot(CheckSession(p).findings())
    assert {f.rule for f in delta.removed} >= {"H202"} and "X307" in {f.rule for f in session.findings()}


# Totals, the rows they add up and the cells other tables compare them with: edits here make
# alternatives appear, change and go, and the incremental path must still equal a full check.
_BASE = consistent()
_CELLS = [
    (t, row.key, col)
    for t in (G, F, EX, B, T.SUMMARY)
    for row in _BASE.tables[t].rows
    if row.key == TOTAL or len(row.code) == 3 or t in (F, T.SUMMARY) or row.key.endswith("total")
    for col in row.values
]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_CELLS), st.sampled_from(["", "0.00", "+1", "-0.01", "+0.01", "same"])),
        min_size=1,
        max_size=12,
    )
)
def test_alternatives_incremental_equals_full(edit_list):
    p = _BASE.model_copy(deep=True)
    for table in p.tables.values():
        table.touch()
    session = CheckSession(p)
    for (t, key, col), how in edit_list:
        row = p.tables[t].row(key)
        old = _BASE.tables[t].row(key).values.get(col)
        if how in ("", "0.00"):
            set_cell_text(row, col, how)
        elif how == "same":
            row.values[col] = old
        else:
            row.values[col] = (old or D(0)) + D(how)
        session.cell_changed(t, key)
        assert snapshot(session.findings()) == snapshot(CheckSession(p).findings())
