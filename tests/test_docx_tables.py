"""The nine tables in Word: same layout as the sheet plans, merged headers, repeated header rows,
widths that fit the page, and grids Word accepts without repair."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn

from export.docx_document import build_docx
from export.docx_styles import LANDSCAPE_TEXT_WIDTH, PORTRAIT_TEXT_WIDTH
from export.docx_tables import choose_layout, estimate_pages, table_xml, text_em
from export.xlsx_workbook import plan_sheet
from model.layout import T, printed_number, table_order
from tests.seed_data import caidian_2024, qingshan_2023
from tests.support.synthetic import synthetic_project

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def caidian():
    p = caidian_2024()
    return p, docx.Document(io.BytesIO(build_docx(p)))


def _plan_tables(d):
    """The nine tables: those whose title paragraph (style TableTitle) precedes them."""
    out = []
    titled = False
    for block in d.element.body.iterchildren():
        if block.tag == qn("w:p"):
            style = block.pPr.style if block.pPr is not None else None
            titled = titled or style == "TableTitle"
        elif block.tag == qn("w:tbl") and titled:
            out.append(block)
            titled = False
    return out


def _grid_ok(tbl) -> None:
    cols = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
    for tr in tbl.findall(f"{W}tr"):
        spans = [
            int(tc.find(f"{W}tcPr/{W}gridSpan").get(qn("w:val"))) if tc.find(f"{W}tcPr/{W}gridSpan") is not None else 1
            for tc in tr.findall(f"{W}tc")
        ]
        assert sum(spans) == cols
        assert all(tc.find(f"{W}p") is not None for tc in tr.findall(f"{W}tc"))


def test_nine_tables_with_titles_numbers_and_units(caidian):
    p, d = caidian
    titles = [x.text for x in d.paragraphs if x._p.pPr is not None and x._p.pPr.style == "TableTitle"]
    assert titles == [plan_sheet(p, t).cells[(1, 1)] for t in table_order("2023")]
    texts = [x.text for x in d.paragraphs]
    for t in table_order("2023"):
        assert f"公开{printed_number(t, '2023')}表" in texts
    assert texts.count("部门：中国共产党武汉市蔡甸区委员会办公室本级\t金额单位：万元") == 9
    assert len(_plan_tables(d)) == 9


def test_word_tables_hold_what_the_sheet_plans_hold(caidian):
    p, d = caidian
    for t, tbl in zip(table_order("2023"), _plan_tables(d)):
        plan = plan_sheet(p, t)
        _grid_ok(tbl)
        table = docx.table.Table(tbl, d._body)
        words = {c.text for row in table.rows for c in row.cells}
        first, last = plan.header_rows[0], plan.data_rows[1]
        for (r, _c), v in plan.cells.items():
            if first <= r <= last:
                shown = f"{v:,.2f}" if isinstance(v, Decimal) else str(v)
                assert shown in words, (t, shown)
        rows = tbl.findall(f"{W}tr")
        n_header = plan.header_rows[1] - plan.header_rows[0] + 1
        assert len(rows) == last - first + 1
        # Header rows (with the 栏次 row) repeat on every page; data rows never split.
        assert [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows] == [True] * n_header + [False] * (
            len(rows) - n_header
        )
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows)


def test_merged_headers(caidian):
    _p, d = caidian
    t01, t09 = _plan_tables(d)[0], _plan_tables(d)[8]
    first = t01.find(f"{W}tr").findall(f"{W}tc")
    assert [tc.find(f"{W}tcPr/{W}gridSpan").get(qn("w:val")) for tc in first] == ["3", "3"]
    # 09: 合计 spans the two header rows below 预算数 (vertical merge), 公务用车… spans three columns.
    rows = t09.findall(f"{W}tr")
    restart = rows[1].findall(f"{W}tc")[0].find(f"{W}tcPr/{W}vMerge")
    assert restart is not None and restart.get(qn("w:val")) == "restart"
    cont = rows[2].findall(f"{W}tc")[0].find(f"{W}tcPr/{W}vMerge")
    assert cont is not None and cont.get(qn("w:val")) in (None, "continue")
    table = docx.table.Table(t09, d._body)
    assert table.cell(1, 2).text == "公务用车购置及运行维护费" and table.cell(1, 2)._tc.grid_span == 3


def test_amounts_right_aligned_and_labels_left(caidian):
    _p, d = caidian
    t05 = docx.table.Table(_plan_tables(d)[4], d._body)
    total = [c for c in t05.rows[3].cells]
    assert total[1].text == "合计" and total[2].text == "1,105.52"
    assert total[2].paragraphs[0].alignment.name == "RIGHT"
    assert t05.rows[4].cells[1].paragraphs[0].alignment is None  # names follow the style: left


def test_widths_fill_the_text_block_and_fit_each_column():
    p = caidian_2024()
    for t in table_order("2023"):
        plan = plan_sheet(p, t)
        layout = choose_layout(plan)
        page = LANDSCAPE_TEXT_WIDTH if layout.landscape else PORTRAIT_TEXT_WIDTH
        assert sum(layout.widths) == page
        em = (90 if layout.small else 105) * 2  # twips per em
        for (r, c), v in plan.cells.items():
            if (r, c) in plan.amount_cells and isinstance(v, Decimal):
                # amounts never wrap
                assert text_em(f"{v:,.2f}") * em <= layout.widths[c - 1] - 114, (t, v)


def test_the_seed_tables_are_portrait_and_mostly_one_page():
    p = qingshan_2023()
    pages = {}
    for t in table_order("2023"):
        plan = plan_sheet(p, t)
        layout = choose_layout(plan)
        assert not layout.landscape, t
        pages[t] = estimate_pages(plan, layout)
    assert pages[T.FISCAL] <= 2 and all(n == 1 for t, n in pages.items() if t is not T.FISCAL)


def test_a_table_too_wide_for_portrait_turns_landscape():
    p = synthetic_project(n_items=20, seed=9)
    row = p.tables[T.INCOME].row("total")
    for col in range(1, 8):
        row.values[col] = Decimal("123456789.12")
    plan = plan_sheet(p, T.INCOME)
    layout = choose_layout(plan)
    assert layout.landscape
    d = docx.Document(io.BytesIO(build_docx(p)))
    landscape = [s for s in d.sections if s.page_width > s.page_height]
    assert landscape, "the wide table sits in a landscape section"
    # Portrait resumes after it: 第三部分 starts on a portrait page.
    assert d.sections[-1].page_width < d.sections[-1].page_height


def test_large_department_tables_are_valid_grids():
    p = synthetic_project(n_items=120, seed=3)
    for t in table_order("2023"):
        plan = plan_sheet(p, t)
        from docx.oxml import parse_xml

        tbl = parse_xml(table_xml(plan, choose_layout(plan)))
        _grid_ok(tbl)
    rows = plan_sheet(p, T.GENERAL).data_rows
    assert rows[1] - rows[0] > 120
