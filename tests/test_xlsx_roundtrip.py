"""Export, import again: the same tables, notes, meta and findings, for both variants and layouts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks.engine import run_checks
from export.xlsx_workbook import write_xlsx
from model.layout import EMPTY_SENTENCE, T
from model.project import TOTAL, Project
from model.workbook.importer import import_workbook
from tests.seed_data import caidian_2024, qingshan_2023
from tests.support.synthetic import synthetic_project


def _round_trip(project: Project, tmp_path) -> Project:
    path = tmp_path / "roundtrip.xlsx"
    write_xlsx(project, path)
    result = import_workbook(path)
    # Only the typed-but-unparsed cells are reported, and they are kept as text in the project.
    assert [i for i in result.issues if not i.placed] == []
    back = result.project
    # The workbook holds the nine tables only; what the text needs is carried over to compare findings.
    back.supplementary = project.supplementary.model_copy(deep=True)
    back.acceptances = dict(project.acceptances)
    return back


def _keys(project: Project) -> list[tuple[str, str, str]]:
    return [(f.rule, f.severity.value, f.key) for f in run_checks(project)]


def _assert_same(project: Project, back: Project) -> None:
    assert back.meta == project.meta
    for t in T:
        assert back.tables[t].rows == project.tables[t].rows, t
        assert back.tables[t].note == project.tables[t].note, t
    assert _keys(back) == _keys(project)


def _break_some(p: Project) -> None:
    """Errors of several families, so that the findings compared are not an empty list."""
    general = p.tables[T.GENERAL]
    general.row(TOTAL).values[1] += Decimal("5.00")  # 05 合计 ≠ Σ 类, ≠ 04
    leaf = p.tables[T.EXPENSE].subject_rows()[-1]
    leaf.values[2] = leaf.values.get(2, Decimal("0")) + Decimal("0.01")  # 尾数差异 in 03
    p.tables[T.SUMMARY].row("i8").values[1] = Decimal("3.00")  # 01 其他收入 without 02
    p.tables[T.INCOME].subject_rows()[0].invalid[3] = "12.3.4"  # typed, not a number


@pytest.mark.parametrize("variant", ["2023", "2020"])
@pytest.mark.parametrize("layout", ["A", "B"])
def test_generated_department_round_trips(tmp_path, variant, layout):
    p = synthetic_project(n_items=25, seed=11, variant=variant, layout=layout, year=2024 if variant == "2023" else 2022)
    _break_some(p)
    assert {f.severity.value for f in run_checks(p)} >= {"error", "rounding"}
    _assert_same(p, _round_trip(p, tmp_path))


def test_empty_fund_tables_keep_their_sentence(tmp_path):
    p = synthetic_project(n_items=8, seed=4, with_fund=False)
    assert p.tables[T.FUND].note == EMPTY_SENTENCE[T.FUND]
    p.tables[T.SOE].note = "本单位当年无国有资本经营预算财政拨款支出，故本表为空表。"
    _assert_same(p, _round_trip(p, tmp_path))


def test_large_department_round_trips(tmp_path):
    p = synthetic_project(n_items=200, seed=3)
    _assert_same(p, _round_trip(p, tmp_path))


@pytest.mark.parametrize("seed", [caidian_2024, qingshan_2023], ids=["001-2024", "002-2023"])
def test_seed_departments_round_trip_with_their_real_errors(tmp_path, seed):
    p = seed()
    assert run_checks(p)  # the published figures' own inconsistencies
    _assert_same(p, _round_trip(p, tmp_path))


def test_names_that_look_like_formulas_round_trip(tmp_path):
    p = synthetic_project(n_items=8, seed=2)
    p.meta.department = "=1+1区委办公室"
    rows = p.tables[T.INCOME].subject_rows()
    for row, name in zip(rows, ["=1+1", "+5", "-x", "@a"], strict=False):
        row.name = name
    back = _round_trip(p, tmp_path)
    assert [r.name for r in back.tables[T.INCOME].subject_rows()[:4]] == ["=1+1", "+5", "-x", "@a"]
    assert back.meta.department == "=1+1区委办公室"
