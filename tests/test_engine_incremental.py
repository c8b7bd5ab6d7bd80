"""The incremental path gives exactly what a full check gives, after any sequence of edits."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from checks.engine import CheckSession
from model.layout import T
from model.project import set_cell_text
from tests.support.synthetic import synthetic_project

BASE = synthetic_project(n_items=10, seed=9, with_fund=True)
CELLS = [
    (t, row.key, col)
    for t, table in BASE.tables.items()
    for row in table.rows
    for col in {**row.values, **{c: None for c in range(1, 8)}}
    if not (t is T.BASIC and col != 1)
]
texts = st.one_of(
    st.integers(min_value=-100000, max_value=10**8).map(lambda c: str(D(c) / 100)),
    st.sampled_from(["", "abc", "1,000.00", "12.345", "0"]),
)
edits = st.lists(st.tuples(st.sampled_from(CELLS), texts), min_size=1, max_size=25)


def fresh():
    p = BASE.model_copy(deep=True)
    for table in p.tables.values():
        table.touch()
    return p, CheckSession(p)


def snapshot(findings):
    return sorted((f.key, f.severity.value, f.message) for f in findings)


@settings(max_examples=60, deadline=None)
@given(edits)
def test_incremental_equals_full(edit_list):
    p, session = fresh()
    for (t, key, col), text in edit_list:
        set_cell_text(p.tables[t].row(key), col, text)
        session.cell_changed(t, key)
    assert snapshot(session.findings()) == snapshot(CheckSession(p).findings())


def test_supplementary_and_note_edits_are_rechecked():
    p, session = fresh()
    p.supplementary.procurement.total += D("5")
    delta = session.supplementary_changed()
    assert [f.rule for f in delta.added] == ["S501"]
    p.tables[T.SOE].note = ""
    delta = session.note_changed(T.SOE)
    assert [f.rule for f in delta.added] == ["C603"]
    p.tables[T.SOE].note = "本部门无国有资本经营预算财政拨款支出。"
    delta = session.note_changed(T.SOE)
    assert [f.rule for f in delta.removed] == ["C603"]
    assert snapshot(session.findings()) == snapshot(CheckSession(p).findings())


def test_a_delta_names_what_appeared_and_disappeared():
    p, session = fresh()
    row = p.tables[T.GENERAL].row("total")
    old = row.values[2]
    row.values[2] = old + D("0.01")
    delta = session.cell_changed(T.GENERAL, "total")
    assert {f.severity.value for f in delta.added} == {"rounding"}
    row.values[2] = old
    delta = session.cell_changed(T.GENERAL, "total")
    assert delta.added == [] and len(delta.removed) > 0
    assert session.findings() == []
