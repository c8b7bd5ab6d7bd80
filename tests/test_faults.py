"""The fault-injection benchmark's machinery (bench/faults.py), on a small sample every CI run.

What is asserted is the benchmark's accounting — a fault is found at its place, a fault that
changes nothing is never drawn, "elsewhere" is counted right on a hand-made case — and, on a
sample of 52 faults, what the checker is held to: every fault found, no false 错误 elsewhere (one
root cause, one error: a 合计 cleared no longer makes the text's right figures "wrong").
"""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal

import pytest

from bench.fault_departments import departments, ensure_consistent
from bench.fault_kinds import KINDS, Fault, apply, candidates
from bench.fault_outcome import Baseline, account, judge
from bench.faults import draw, report
from checks.finding import Finding, Location, Severity
from model.layout import T
from model.project import TOTAL

ALLOWED_FALSE_ERRORS_ELSEWHERE: int | None = 0
SAMPLE = ("合成-6项", "样本-2024-蔡甸")


@pytest.fixture(scope="module")
def baselines() -> dict[str, Baseline]:
    return {d.name: Baseline.of(d) for d in departments(lambda name: name in SAMPLE)}


def test_the_departments_are_consistent_and_a_broken_one_is_refused(baselines):
    for base in baselines.values():
        assert not [f for f in base.findings if f.severity in (Severity.ERROR, Severity.ROUNDING)]
    dept = baselines["合成-6项"].dept
    undo = apply(dept.project, Fault("cent", dept.name, T.GENERAL, TOTAL, 1, _cell(dept, T.GENERAL, TOTAL, 1) + 1))
    try:
        with pytest.raises(ValueError, match="不是一致的部门"):
            ensure_consistent(dept)
    finally:
        undo()
    ensure_consistent(dept)  # the undo restored it


def _cell(dept, t, key, col) -> Decimal:
    return dept.project.tables[t].row(key).values[col]


def test_a_cleared_total_is_found_at_its_place_and_nothing_else_is_called_wrong(baselines):
    base = baselines["合成-6项"]
    dept = base.dept
    figure = str(_cell(dept, T.EXPENSE, TOTAL, 3))
    fault = Fault("total", dept.name, T.EXPENSE, TOTAL, 3, None, old=figure)
    o = judge(base, fault)
    assert o.checkable and o.found and o.at_place is Severity.ERROR
    # 03表 合计·项目支出 cleared: section 三 quotes 项目支出, right, and agrees with the sum of the
    # total's parts: the cleared total has its finding and the text none.
    assert o.elsewhere == []
    assert not [f for f in o.added if f.locations[0].section is not None]
    assert any(figure in t for t in dept.project.text.values())  # the text does quote it
    assert str(_cell(dept, T.EXPENSE, TOTAL, 3)) == figure  # the project is back as it was


def test_a_text_amount_changed_is_found_at_its_span(baselines):
    base = baselines["样本-2024-蔡甸"]
    text = base.dept.project.text["十"]
    at = text.index("103.36")
    fault = Fault("amount", base.dept.name, section="十", start=at, end=at + 6, new_text="108.36", old="103.36")
    o = judge(base, fault)
    assert o.checkable and o.found and not o.elsewhere
    assert any(f.rule == "T701" and f.locations[0].start == at for f in o.added)


def test_a_fault_that_changes_nothing_is_never_drawn(baselines):
    base = baselines["合成-6项"]
    p = base.dept.project
    # A value rewritten as itself adds no finding: were it drawn, it would count as a miss.
    same = Fault("one", base.dept.name, T.GENERAL, TOTAL, 1, _cell(base.dept, T.GENERAL, TOTAL, 1))
    o = judge(base, same)
    assert o.added == [] and not o.found
    # A 0.00 is never cleared nor multiplied, 0 万元 never rewritten as 0 元.
    zero = next(r for r in p.tables[T.BASIC].rows if not r.values)
    zero.values[1] = Decimal("0.00")
    tail = "另有0.00万元。"
    p.text["十三"] += tail
    at = len(p.text["十三"]) - len(tail)
    try:
        for kind in ("cent", "one", "clear", "x10", "swap", "total", "yuan"):
            for c in candidates(p, base.dept.name, kind):
                f = c.make(random.Random(1))
                assert f is None or (f.row, f.start) not in ((zero.key, 0), (None, at + 2))
    finally:
        del zero.values[1]
        p.text["十三"] = p.text["十三"].removesuffix(tail)
    for f in draw([base.dept], [k.id for k in KINDS], 130, seed=3):
        if f.on_text:
            assert f.new_text != f.old
        elif f.col is not None:
            assert (f.new_value or 0) != Decimal(f.old)


def _f(rule: str, message: str, *locs: Location, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(rule, severity, message, tuple(locs))


def test_elsewhere_is_counted_right_on_a_hand_made_case():
    """A text fault in 五 that lengthens "1234" to "12345" at [10, 14)."""
    moved = _f("T701", "a", Location(section="五", start=20, end=24))
    cell = _f("F101", "b", Location(table=T.GENERAL, row=TOTAL, col=1))
    before_changed = _f("T702", "c: 应为 1.0%", Location(section="三", start=5, end=9))
    base = Baseline(None, [moved, cell, before_changed], Counter(), {})
    from bench.fault_outcome import _sig

    base.sigs = Counter(_sig(f, None) for f in base.findings)
    fault = Fault("amount", "手工", section="五", start=10, end=14, new_text="12345", old="1234")
    faulted = [
        _f("T701", "a", Location(section="五", start=21, end=25)),  # the same finding, moved by the fault
        cell,  # unchanged
        _f("T702", "c: 应为 2.0%", Location(section="三", start=5, end=9)),  # changed: elsewhere
        _f("T701", "d", Location(section="五", start=10, end=15)),  # at the changed span: found
        _f("T712", "e", Location(section="五", start=30, end=34), severity=Severity.HINT),  # new, not a 错误
        _f("T701", "f", Location(section="五", start=30, end=34)),  # new 错误 after the span: elsewhere
        _f("T701", "f", Location(section="五", start=30, end=34)),  # the same again: counted again
    ]
    new, at_place, found, elsewhere = account(base, fault, faulted)
    assert [f.message for f in new] == ["c: 应为 2.0%", "d", "e", "f", "f"]
    assert found and at_place is Severity.ERROR
    assert [f.message for f in elsewhere] == ["c: 应为 2.0%", "f", "f"]


def test_a_small_sample_runs_and_reports(baselines, capsys):
    depts = [b.dept for b in baselines.values()]
    kinds = [k.id for k in KINDS]
    faults = draw(depts, kinds, 52, seed=1)
    assert Counter(f.kind for f in faults) == dict.fromkeys(kinds, 4)
    assert draw(depts, kinds, 52, seed=1) == faults  # a fixed seed draws the same faults
    outcomes = [judge(baselines[f.dept], f) for f in faults]
    summary = report(outcomes, kinds, verbose=True, n_causes=10)
    out = capsys.readouterr().out
    checkable = [o for o in outcomes if o.checkable]
    found = sum(o.found for o in checkable)
    elsewhere = sum(len(o.elsewhere) for o in outcomes)
    assert summary == (
        f"faults: 52 injected, found {found} ({100 * found / len(checkable):.1f}%), false errors elsewhere {elsewhere}"
    )
    assert "单元格±0.01" in out and "年度写错" in out
    # What the checker already does: it finds the faults that break a relation it verifies…
    assert found >= 0.9 * len(checkable) >= 0.9 * 0.85 * len(outcomes)
    # …and a wrong figure or word of the text raises no 错误 anywhere else.
    assert not [o.fault.describe() for o in outcomes if o.fault.on_text and o.elsewhere]
    if ALLOWED_FALSE_ERRORS_ELSEWHERE is not None:
        assert elsewhere <= ALLOWED_FALSE_ERRORS_ELSEWHERE, out
