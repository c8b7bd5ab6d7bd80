"""`main.py export`: every format from one input; the check list holds what `check` reports."""

import subprocess
import sys
from pathlib import Path

import openpyxl

from export.xlsx_workbook import write_xlsx
from tests.support.synthetic import synthetic_project

ROOT = Path(__file__).resolve().parent.parent


def test_checklist_of_a_workbook_lists_what_the_import_could_not_place(tmp_path):
    book = tmp_path / "dept.xlsx"
    write_xlsx(synthetic_project(n_items=6, seed=3), book)
    wb = openpyxl.load_workbook(book)
    wb["公开01表"]["C16"] = 55.5  # income side, 行次 10: a line that takes no amount
    wb.save(book)
    pdf = tmp_path / "list.pdf"
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(book), "--checklist", str(pdf)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "I801" in text and "C16" in text


def test_export_refuses_an_unreadable_input(tmp_path):
    bad = tmp_path / "x.jsgk"
    bad.write_text("{", encoding="utf-8")
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(bad), "--xlsx", str(tmp_path / "o.xlsx")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 2 and "损坏" in r.stderr
    assert not (tmp_path / "o.xlsx").exists()
