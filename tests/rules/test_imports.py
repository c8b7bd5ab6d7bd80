"""I: what a workbook import could not place. The cases change a workbook exported from the
consistent department, then import it again."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import openpyxl

from checks.finding import Location, Severity
from checks.rules.imports import import_findings
from export.xlsx_workbook import write_xlsx
from model.project import TOTAL
from model.workbook.importer import import_workbook
from tests.support.rule_cases import Family, shanghai
from tests.support.shanghai_workbook import write_shanghai_workbook
from tests.support.synthetic import synthetic_project

E, W, H = Severity.ERROR, Severity.WARNING, Severity.HINT


@cache
def _exported() -> Path:
    path = Path(tempfile.mkdtemp(prefix="rule-cases-")) / "t.xlsx"
    write_xlsx(synthetic_project(n_items=8, seed=7), path)
    return path


def _workbook():
    return openpyxl.load_workbook(_exported())


def _imported(wb) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "changed.xlsx"
        wb.save(path)
        return import_findings(import_workbook(path))


@cache
def _shanghai_book() -> Path:
    """A department in the Shanghai template, laid out by hand, its 08/09's 合计 line holding figures
    under 本年支出 (the printed template holds the headings there)."""
    p = shanghai()
    path = write_shanghai_workbook(p, Path(tempfile.mkdtemp(prefix="rule-cases-")) / "sh.xlsx")
    wb = openpyxl.load_workbook(path)
    for sheet, table, cols in (("Sheet8", "fund", (3, 4, 5)), ("Sheet9", "soe", (1, 2, 3))):
        total = p.tables[table].row(TOTAL).values
        for cell, col in zip(("E5", "F5", "G5"), cols, strict=True):
            wb[sheet][cell] = float(total[col]) if col in total else None
    wb.save(path)
    return path


def _shanghai_workbook():
    return openpyxl.load_workbook(_shanghai_book())


IMPORT = Family(_workbook, _imported)


@IMPORT.fires(
    "I801",
    "01表收入方第10行（没有这一行次）填了55.5",
    E,
    at=Location(sheet="公开01表", cell="C16"),
    message="C16",
)
def _i801_fires(wb):
    wb["公开01表"]["C16"] = 55.5  # income side, 行次 10: no row there


@IMPORT.silent("I801", "05表合计一个有金额的单元格改成另一个金额")
def _i801_silent(wb):
    wb["公开05表"]["D7"] = 12.34


@IMPORT.fires("I802", "工作簿里多了一张“说明”工作表", W, at=Location(sheet="说明"), message="说明", alone=True)
def _i802_fires(wb):
    wb.create_sheet("说明")["A1"] = "填表说明：请按要求填写"


@IMPORT.silent("I802", "公开05表的工作表改名为“05表”，标题和表头不变")
def _i802_silent(wb):
    wb["公开05表"].title = "05表"


@IMPORT.fires(
    "I803",
    "上海模板政府性基金表的合计行在本年支出下印栏目名称（合计、基本支出、项目支出），不印金额",
    H,
    at=Location(sheet="Sheet8", cell="E5"),
    message="合计按各类之和计入",
    start=_shanghai_workbook,
)
def _i803_fires(wb):
    for cell, text in (("E5", "合计"), ("F5", "基本支出"), ("G5", "项目支出")):
        wb["Sheet8"][cell] = text


@IMPORT.silent("I803", "上海模板政府性基金表的合计行在本年支出下印有金额", start=_shanghai_workbook)
def _i803_silent(wb):
    wb["Sheet8"]["D5"] = wb["Sheet8"]["D5"].value


test_cases = IMPORT.test()
