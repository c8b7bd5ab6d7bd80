"""A paste of thousands of subject rows and its undo are linear (issue 12, item 12): rows are
added, removed and put back in one pass, never found by comparing rows field by field (which made
the undo of 10 000 rows take 190 s). The figures are in bench/bench_paste.py."""

from __future__ import annotations

import random

from model.layout import T
from model.project import Row, Table
from tests.support.synthetic import synthetic_project


def codes(n: int, seed: int = 3) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = [(f"2{rng.randint(0, 99):02d}{rng.randint(1, 99):02d}{rng.randint(1, 99):02d}", f"科目{i}") for i in range(n)]
    return out + out[:5]  # a code twice: its own key


def test_adding_many_subjects_at_once_places_them_as_one_by_one(tmp_path):
    base = synthetic_project(n_items=40, seed=2).tables[T.GENERAL]
    one = base.model_copy(deep=True)
    many = base.model_copy(deep=True)
    for code, name in codes(500):
        one.add_subject(code, name)
    many.add_subjects(codes(500))
    assert [(r.key, r.code) for r in many.rows] == [(r.key, r.code) for r in one.rows]
    assert set(many.index()) == {r.key for r in many.rows}


def test_removing_and_putting_back_rows_restores_the_table_exactly():
    table = synthetic_project(n_items=40, seed=2).tables[T.GENERAL]
    before = [id(r) for r in table.rows]
    rng = random.Random(5)
    placed = sorted(rng.sample(list(enumerate(table.rows)), 30), key=lambda p: p[0])
    table.remove_rows([r for _i, r in placed])
    assert len(table.rows) == len(before) - 30
    table.insert_rows(placed)
    assert [id(r) for r in table.rows] == before


def test_a_paste_of_thousands_of_rows_and_its_undo_never_compare_rows(qtbot, tmp_path, monkeypatch):
    from ui.controller import ProjectController

    monkeypatch.setenv("JSGK_DATA_DIR", str(tmp_path))
    ctl = ProjectController(synthetic_project(n_items=40, seed=2), recovery=False)
    table = ctl.project.tables[T.GENERAL]
    original = [(r.key, r.code, dict(r.values)) for r in table.rows]
    compared = []
    real_eq = Row.__eq__

    def counting_eq(a, b):
        compared.append(1)
        return real_eq(a, b)

    monkeypatch.setattr(Row, "__eq__", counting_eq)
    lines = [(f"229{i // 99 + 1:02d}{i % 99 + 1:02d}", f"粘贴{i}", {1: f"{i}.00", 2: f"{i}.00"}) for i in range(3000)]
    added, keys = ctl.paste_subject_rows(T.GENERAL, lines)
    assert len(keys) == 3000 and len(added) == 3000 + 31 + 1  # the 项, their 款 and the 类 229
    ctl.undo_stack.undo()
    assert [(r.key, r.code, dict(r.values)) for r in table.rows] == original
    ctl.undo_stack.redo()
    assert len(table.rows) == len(original) + len(added)
    ctl.undo_stack.undo()
    assert [(r.key, r.code, dict(r.values)) for r in table.rows] == original
    assert compared == []  # not one row compared field by field


def test_table_rows_stay_one_list(tmp_path):
    """Views hold the table's list; the bulk operations change it in place."""
    table = Table(id=T.GENERAL, rows=[Row(key="total")])
    rows = table.rows
    table.add_subjects([("201", "一般公共服务支出")])
    table.remove_rows(rows[1:])
    assert table.rows is rows and [r.key for r in rows] == ["total"]
