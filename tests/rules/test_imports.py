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
from model.workbook.importer import import_workbook
from tests.support.rule_cases import Family
from tests.support.synthetic import synthetic_project

E, W = Severity.ERROR, Severity.WARNING


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


test_cases = IMPORT.test()
