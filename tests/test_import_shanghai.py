"""A workbook in the Shanghai 2024 order, laid out by hand as the printed template (no 行次, no
栏次, 05's 合计 last, 06 in two groups, 三公 columns side by side, 08/09 with their headings on the
合计 line), is recognised from its titles and headers and keeps every table and row."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from checks.engine import run_checks
from checks.finding import Severity
from checks.rules.imports import import_findings
from export.xlsx_workbook import write_xlsx
from model.layout import SUBJECT_TABLES, T, has_row
from model.project import TOTAL, Project
from model.workbook.importer import import_workbook
from tests.seed_data import caidian_2024
from tests.support.rule_cases import shanghai
from tests.support.shanghai_workbook import write_shanghai_workbook

SH = "shanghai-2024"
ROOT = Path(__file__).resolve().parent.parent


def _in_shanghai(p: Project) -> Project:
    p.meta.variant = SH
    return p


def _same_tables(p: Project, q: Project, zeros: bool = False) -> None:
    """Every row the template prints, every value: an empty cell stays empty, a printed 0.00 stays 0.00."""
    for t in T:
        ours = {r.key: r for r in q.tables[t].rows}
        for row in p.tables[t].rows:
            if t in (T.SUMMARY, T.FISCAL) and not has_row(t, row.key, SH):
                continue
            got = ours.get(row.key)
            assert got is not None and got.code == row.code, (t, row.key)
            for col in set(row.values) | set(got.values):
                want = row.values.get(col)
                if want is None and zeros:
                    assert got.values.get(col) in (None, Decimal("0.00")), (t, row.key, col)
                else:
                    assert got.values.get(col) == want, (t, row.key, col)
        if t in SUBJECT_TABLES:
            assert len(q.tables[t].subject_rows()) == len(p.tables[t].subject_rows()), t


@pytest.mark.parametrize(("zeros", "merges"), [(False, True), (True, True), (False, False)])
def test_the_sample_printed_in_the_shanghai_shape_imports_whole(tmp_path, zeros, merges):
    p = _in_shanghai(caidian_2024())
    book = write_shanghai_workbook(p, tmp_path / "sh.xlsx", zeros=zeros, merges=merges)
    r = import_workbook(book)
    q = r.project
    assert (q.meta.variant, q.meta.year, q.meta.department) == (SH, 2024, p.meta.department)
    assert len(r.sheets) == 9 and r.issues == []
    _same_tables(p, q, zeros)
    if zeros:
        assert q.tables[T.EXPENSE].row(TOTAL).values[4] == Decimal("0.00")  # 上缴上级支出 printed 0.00
    else:
        assert 4 not in q.tables[T.EXPENSE].row(TOTAL).values  # left blank, stays empty
    assert "本年度没有国有资本经营预算财政拨款收入和支出" in q.tables[T.SOE].note
    assert not [f for f in run_checks(q) if f.severity is Severity.ERROR]


def test_a_shanghai_department_with_fund_and_soe_money_checks_clean(tmp_path):
    p = shanghai()
    book = write_shanghai_workbook(p, tmp_path / "sh.xlsx")
    wb = openpyxl.load_workbook(book)
    wb.move_sheet("Sheet9", offset=-8)  # position tells nothing
    wb.save(book)
    r = import_workbook(book)
    q = r.project
    assert q.meta.variant == SH
    _same_tables(p, q)
    found = run_checks(q) + import_findings(r)
    assert [f.rule for f in found] == ["I803", "I803"]  # the 合计 under 本年支出, summed from the 类
    assert q.tables[T.SOE].row(TOTAL).values[6] == p.tables[T.SOE].row(TOTAL).values[6]


def test_our_own_shanghai_workbook_reads_back_the_same(tmp_path):
    p = shanghai()
    write_xlsx(p, tmp_path / "own.xlsx")
    r = import_workbook(tmp_path / "own.xlsx")
    assert r.project.meta.variant == SH and r.issues == []
    _same_tables(p, r.project)
    assert run_checks(r.project) == []


def test_main_check_on_the_hand_laid_workbook_finds_no_error(tmp_path):
    book = write_shanghai_workbook(_in_shanghai(caidian_2024()), tmp_path / "sh.xlsx", zeros=True)
    done = subprocess.run(
        [sys.executable, "main.py", "check", str(book)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "错误 0" in done.stdout or "0 错误" in done.stdout or "错误：0" in done.stdout, done.stdout


def test_a_table_printed_with_more_heading_words_still_reads(tmp_path):
    """As one Shanghai 2025 document prints 02: "决算数" under every heading, "类 款 项" beside 合计;
    a figure standing among the headings is reported, not taken for a heading."""
    p = shanghai()
    book = write_shanghai_workbook(p, tmp_path / "sh.xlsx")
    wb = openpyxl.load_workbook(book)
    ws = wb["Sheet2"]
    ws.unmerge_cells("A5:B5")
    ws.insert_rows(5)
    for c in range(3, 10):
        ws.cell(5, c, "决算数")
    ws["A6"], ws["B6"] = "类 款 项", "合计"
    wb.save(book)
    r = import_workbook(book)
    assert not [i for i in r.issues if i.sheet == "Sheet2"]
    _same_tables(p, r.project)
    ws["D5"] = 12.34
    wb.save(book)
    r = import_workbook(book)
    assert [(i.cell, i.level) for i in r.issues if i.sheet == "Sheet2"] == [("D5", "error")]
