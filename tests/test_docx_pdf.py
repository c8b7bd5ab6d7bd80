"""The exported document converted to PDF by LibreOffice: it opens, has the pages and text a reader
expects, page numbers where 公文 puts them, and nothing runs off the page."""

from __future__ import annotations

import re
import subprocess

import pytest

from export.docx_document import write_docx
from model.layout import chinese_ordinal, printed_number, table_order, title
from tests.docx_pdf import page_sizes, pdf_text, soffice, to_pdf
from tests.seed_data import caidian_2024, qingshan_2023
from tests.support.synthetic import synthetic_project

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed"),
]

A4 = (595.3, 841.9)
PAGE_NO = re.compile(r"—\s*(\d+)\s*—\s*$")


@pytest.fixture(scope="module", params=["caidian", "qingshan", "synthetic2020"])
def converted(request, tmp_path_factory):
    project = {
        "caidian": caidian_2024,
        "qingshan": qingshan_2023,
        "synthetic2020": lambda: synthetic_project(n_items=60, seed=5, variant="2020", layout="B", year=2021),
    }[request.param]()
    folder = tmp_path_factory.mktemp(request.param)
    path = folder / f"{request.param}.docx"
    write_docx(project, path)
    pdf = to_pdf(path, folder)
    return project, pdf, pdf_text(pdf)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_page_is_a4(converted):
    _p, pdf, pages = converted
    sizes = page_sizes(pdf)
    assert len(sizes) == len(pages) > 15
    for w, h in sizes:
        assert sorted((round(w, 1), round(h, 1))) == sorted(A4)


def test_cover_and_toc_are_unnumbered_and_the_body_counts_from_one(converted):
    project, _pdf, pages = converted
    assert _flat(pages[0]).startswith(f"{project.meta.year}年度")
    assert "部门决算公开" in _flat(pages[0])
    assert "目录" in _flat(pages[1])
    first = next(i for i, page in enumerate(pages) if _flat(page).startswith("第一部分"))
    numbers = []
    for i, page in enumerate(pages):
        lines = [ln for ln in page.splitlines() if ln.strip()]
        m = PAGE_NO.search(lines[-1]) if lines else None
        if i < first:
            assert m is None, f"page {i + 1} of the front matter has a number"
        else:
            assert m, f"page {i + 1} has no page number"
            numbers.append(int(m.group(1)))
    assert numbers == list(range(1, len(pages) - first + 1))


def test_toc_lists_parts_sections_and_tables(converted):
    project, _pdf, pages = converted
    first = next(i for i, page in enumerate(pages) if _flat(page).startswith("第一部分"))
    toc = _flat("".join(pages[1:first]))
    for part in ("第一部分", "第二部分", "第三部分", "第四部分", "第五部分名词解释", "第六部分附件"):
        assert part in toc
    v = project.meta.variant
    for i, t in enumerate(table_order(v), 1):
        assert _flat(f"{chinese_ordinal(i)}、{title(t, v)}") in toc
    assert "十三、预算绩效情况说明" in toc


def test_tables_titles_numbers_and_amounts_are_printed(converted):
    project, _pdf, pages = converted
    body = _flat("".join(pages))
    v, year = project.meta.variant, project.meta.year
    for t in table_order(v):
        assert _flat(f"{year}年度{title(t, v)}") in body
        assert f"公开{printed_number(t, v)}表" in body
    total = project.tables["general"].row("total").values[1]
    assert f"{total:,.2f}" in body
    for name in ("图1：收、支决算总计变动情况", "图2：收入决算结构", "图3：支出决算结构"):
        assert name in body
    assert "本部门使用的支出功能分类科目（到项级）" in body


def test_seed_amounts(converted):
    project, _pdf, pages = converted
    if project.meta.year != 2024:
        pytest.skip("figures of seed 001")
    body = _flat("".join(pages))
    for amount in ("1,105.52", "859.36", "109.37", "43.50", "93.29", "1,015.00", "90.51", "908.92", "31.62"):
        assert amount in body


def test_nothing_runs_past_the_margins(converted):
    """Every word lies inside the page with at least 1 cm to spare (the margins are 2.6–3.7 cm)."""
    _p, pdf, _pages = converted
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    page_w = page_h = 0.0
    spare = 28.0  # 1 cm in points
    words = 0
    for line in out.splitlines():
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            page_w, page_h = float(m.group(1)), float(m.group(2))
            continue
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', line)
        if m:
            x0, y0, x1, y1 = map(float, m.groups())
            words += 1
            assert spare <= x0 and x1 <= page_w - spare and spare <= y0 and y1 <= page_h - spare, line
    assert words > 1000
