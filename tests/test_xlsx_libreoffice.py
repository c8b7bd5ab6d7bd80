"""The exported workbook opens in LibreOffice and prints as the tables: every page one page wide,
header rows repeated, A4 landscape, text that looks like a formula printed as typed."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from export.xlsx_workbook import write_xlsx
from model.amount import fmt_amount
from model.layout import T, table_order, title
from model.project import TOTAL
from tests.support.synthetic import synthetic_project

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="needs LibreOffice"),
]


def _to_pdf(xlsx, tmp_path):
    profile = tmp_path / "lo-profile"  # own profile: another soffice running must not block this one
    run = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / (xlsx.stem + ".pdf")
    assert run.returncode == 0 and pdf.exists(), run.stderr
    return pdf


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def test_libreoffice_prints_every_table_one_page_wide_with_repeated_headers(tmp_path):
    p = synthetic_project(n_items=60, seed=5, variant="2020", layout="B", year=2022)
    p.tables[T.INCOME].subject_rows()[0].name = "=1+1"
    xlsx = tmp_path / "tables.xlsx"
    write_xlsx(p, xlsx)
    pdf = _to_pdf(xlsx, tmp_path)

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.3" in info  # A4 landscape, in points

    pages = _pages(pdf)
    flat = ["".join(page.split()) for page in pages]
    for t in table_order("2020"):
        assert any(title(t, "2020") in page for page in flat), t
    # 02 runs over several pages; each repeats the header and carries the rightmost column too.
    income_pages = [page for page in flat if "收入决算表" in page or "附属单位上缴收入" in page]
    assert len(income_pages) >= 2
    assert all("附属单位上缴收入" in page and "其他收入" in page for page in income_pages)
    # The amounts are printed as formatted numbers, the formula-looking name as typed.
    total = p.tables[T.INCOME].row(TOTAL).values[1]
    assert any(fmt_amount(total) in page for page in flat)
    assert any("=1+1" in page for page in flat)
    # Every page is numbered in the footer.
    assert all("第" in page and "页" in page for page in flat)


def test_each_table_of_the_sample_prints_on_the_fewest_pages_01_on_one(tmp_path):
    """The published seed prints each of the department's tables on one page; so does the workbook,
    where printing only one page wide used to spread 01, 04 and 05 over two."""
    from openpyxl import load_workbook

    from model.loader import load_input
    from model.resources import resource_path

    p = load_input(resource_path("samples", "2024-蔡甸区委办公室.jsgk")).project
    xlsx = tmp_path / "sample.xlsx"
    write_xlsx(p, xlsx)
    asked = [ws.page_setup.fitToHeight for ws in load_workbook(xlsx).worksheets]
    assert asked == [1] * 9
    pages = _pages(_to_pdf(xlsx, tmp_path))
    numbers = [next(n for n in range(1, 10) if f"公开0{n}表" in "".join(page.split())) for page in pages]
    assert numbers == list(range(1, 10))  # nine pages, one table each
