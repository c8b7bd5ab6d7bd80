"""The exported workbook, opened with openpyxl: sheets, headers, values, styles, page setup."""

from __future__ import annotations

import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from export.xlsx_workbook import AMOUNT_FORMAT, plan_sheet, write_xlsx
from model.layout import THREE_ROW, T, printed_number, row_number, table_order, title
from model.project import TOTAL, set_cell_text
from tests.support.synthetic import synthetic_project


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One workbook per variant, written once for the module."""
    out = {}
    for variant in ("2023", "2020"):
        p = synthetic_project(n_items=20, seed=7, variant=variant, layout="B" if variant == "2020" else "A", year=2024)
        path = tmp_path_factory.mktemp(variant) / "out.xlsx"
        write_xlsx(p, path)
        out[variant] = (p, load_workbook(path))
    return out


def _block(ws, r: int, c: int) -> tuple[int, int, int, int]:
    for m in ws.merged_cells.ranges:
        if m.min_row <= r <= m.max_row and m.min_col <= c <= m.max_col:
            return m.min_row, m.min_col, m.max_row, m.max_col
    return r, c, r, c


def _merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


@pytest.mark.parametrize("variant", ["2023", "2020"])
def test_one_sheet_per_table_in_the_variants_order_with_its_title(exported, variant):
    p, wb = exported[variant]
    assert wb.sheetnames == [f"公开{i:02d}表" for i in range(1, 10)]
    for ws, t in zip(wb.worksheets, table_order(variant), strict=True):
        assert ws["A1"].value == f"2024年度{title(t, variant)}"
        number_cell = ws.cell(row=2, column=ws.max_column)
        assert number_cell.value == f"公开{printed_number(t, variant)}表"
        assert ws["A3"].value == f"部门：{p.meta.department}"
        assert ws.cell(row=3, column=ws.max_column).value == "金额单位：万元"


def test_three_is_seventh_in_2020_and_ninth_in_2023(exported):
    assert "“三公”" in exported["2020"][1]["公开07表"]["A1"].value
    assert "政府性基金" in exported["2020"][1]["公开08表"]["A1"].value
    assert "政府性基金" in exported["2023"][1]["公开07表"]["A1"].value
    assert "“三公”" in exported["2023"][1]["公开09表"]["A1"].value


def test_merged_header_ranges_are_those_of_the_printed_tables(exported):
    wb = exported["2023"][1]
    assert {"A1:F1", "A4:C4", "D4:F4"} <= _merged(wb["公开01表"])
    assert {"A1:I1", "A4:C4", "D4:I4"} <= _merged(wb["公开04表"])
    # 02: 项目 over code and name; each amount column spans both header rows.
    assert {"A4:B4", "C4:C5", "D4:D5", "I4:I5"} <= _merged(wb["公开02表"])
    # 05: 本年支出 spans 小计/基本支出/项目支出.
    assert {"A4:B4", "C4:E4"} <= _merged(wb["公开05表"])
    assert wb["公开05表"]["C4"].value == "本年支出"
    # 07 (fund): 年初结转和结余 spans two rows, 本年支出 groups three columns.
    assert {"C4:C5", "D4:D5", "E4:G4", "H4:H5"} <= _merged(wb["公开07表"])
    assert {"A4:C4", "D4:I4"} <= _merged(wb["公开06表"])
    assert {"A4:F4", "G4:L4", "A5:A6", "C5:E5", "I5:K5", "L5:L6"} <= _merged(wb["公开09表"])


def test_column_number_row_and_codes(exported):
    p, wb = exported["2023"]
    ws = wb["公开02表"]
    assert [ws.cell(row=6, column=c).value for c in range(1, 10)] == ["类 款 项", "栏次", *map(str, range(1, 8))]
    codes = [ws.cell(row=r, column=1).value for r in range(8, 8 + len(p.tables[T.INCOME].subject_rows()))]
    assert codes == [r.code for r in p.tables[T.INCOME].subject_rows()]
    assert ws["B7"].value == "合计"


def test_amounts_are_numbers_in_their_printed_cells_and_empty_cells_stay_empty(exported):
    p, wb = exported["2023"]
    layout = p.meta.layout
    ws = wb["公开01表"]
    # income 行次 n sits on sheet row 6 + n, amount in column C.
    n = row_number(T.SUMMARY, layout, "i_total")
    cell = ws.cell(row=6 + n, column=3)
    assert Decimal(str(cell.value)) == p.tables[T.SUMMARY].row("i_total").values[1]
    assert cell.data_type == "n" and cell.number_format == AMOUNT_FORMAT
    # 二、政府性基金… is empty in this department: no value, but the cell keeps format and border.
    empty = p.tables[T.SUMMARY].row("i4")
    assert 1 not in empty.values
    blank = ws.cell(row=6 + 4, column=3)
    assert blank.value is None and blank.number_format == AMOUNT_FORMAT and blank.border.left.style == "thin"

    ws = wb["公开05表"]
    total = p.tables[T.GENERAL].row(TOTAL)
    assert [Decimal(str(ws.cell(row=7, column=c).value)) for c in (3, 4, 5)] == [total.values[k] for k in (1, 2, 3)]
    ws = wb["公开09表"]
    three = p.tables[T.THREE].row(THREE_ROW)
    for col in range(1, 13):
        v = ws.cell(row=8, column=col).value
        assert (None if v is None else Decimal(str(v))) == three.values.get(col)


def test_every_amount_cell_of_every_sheet_is_formatted(exported):
    p, wb = exported["2020"]
    for t in table_order("2020"):
        plan = plan_sheet(p, t)
        ws = wb[plan.name]
        for r, c in plan.amount_cells:
            cell = ws.cell(row=r, column=c)
            assert cell.number_format == AMOUNT_FORMAT, (plan.name, cell.coordinate)
            assert cell.value is None or isinstance(cell.value, int | float)


def test_fonts_are_songti_and_the_table_grid_is_bordered(exported):
    p, wb = exported["2023"]
    for t in table_order("2023"):
        plan = plan_sheet(p, t)
        ws = wb[plan.name]
        assert ws["A1"].font.name == "宋体" and ws["A1"].font.b and ws["A1"].font.sz > 12
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name == "宋体", (plan.name, cell.coordinate)
        # Every cell from the first header row to the last data row is boxed; a merged block as a whole
        # (openpyxl reads back only the outline of a merged block).
        for r in range(plan.header_rows[0], plan.data_rows[1] + 1):
            for c in range(1, plan.width + 1):
                r1, c1, r2, c2 = _block(ws, r, c)
                b = ws.cell(row=r, column=c).border
                wanted = [b.left.style, b.right.style, b.top.style, b.bottom.style]
                edges = [c == c1, c == c2, r == r1, r == r2]
                assert [s for s, e in zip(wanted, edges) if e] == ["thin"] * sum(edges), (plan.name, r, c)
        for r in plan.note_rows:
            assert ws.cell(row=r, column=1).border.bottom.style is None
        assert ws.cell(row=plan.header_rows[0], column=1).font.b


def test_page_setup_a4_landscape_fit_to_width_with_repeated_header_rows(exported):
    p, wb = exported["2023"]
    for t in table_order("2023"):
        plan = plan_sheet(p, t)
        ws = wb[plan.name]
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        # one page wide; down, the fewest pages a readable size allows (never "as many as it takes")
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight >= 1
        first, last = plan.header_rows
        assert ws.print_title_rows == f"${first}:${last}"
        assert "&P" in ws.oddFooter.center.text
    assert wb["公开01表"].page_setup.fitToHeight == 1  # 01 on one page
    assert wb["公开01表"].print_title_rows == "$4:$6"
    assert wb["公开06表"].print_title_rows == "$4:$5"
    assert wb["公开09表"].print_title_rows == "$4:$7"


def test_columns_are_wide_enough_for_names_and_amounts(exported):
    _p, wb = exported["2023"]
    ws = wb["公开02表"]
    assert ws.column_dimensions["B"].width >= 20  # 科目名称
    assert ws.column_dimensions["C"].width >= 14  # an amount like 99,999,999.99
    ws = wb["公开01表"]
    assert ws.column_dimensions["A"].width > ws.column_dimensions["B"].width  # 项目 wider than 行次


@pytest.mark.parametrize("text", ["=1+1", "+5", "-x", "@a", '=HYPERLINK("http://x","y")'])
def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path, text):
    p = synthetic_project(n_items=6, seed=1)
    p.meta.department = text
    row = p.tables[T.INCOME].subject_rows()[0]
    row.name = text
    p.tables[T.SOE].note = text
    # an amount cell holding what an import could not parse
    p.tables[T.EXPENSE].subject_rows()[0].invalid[4] = text
    path = tmp_path / "f.xlsx"
    write_xlsx(p, path)

    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    wb = load_workbook(path)
    ws = wb["公开02表"]
    cell = ws.cell(row=8, column=2)
    assert cell.value == text and cell.data_type == "s"
    assert wb["公开03表"].cell(row=8, column=6).value == text
    assert wb["公开01表"]["A3"].value == f"部门：{text}"
    notes = [c.value for row in wb["公开08表"].iter_rows() for c in row if c.value]
    assert text in notes


def test_control_characters_are_dropped_so_the_file_stays_valid(tmp_path):
    p = synthetic_project(n_items=6, seed=1)
    p.tables[T.INCOME].subject_rows()[0].name = "行政\x07运行\x1b"
    path = tmp_path / "c.xlsx"
    write_xlsx(p, path)
    assert load_workbook(path)["公开02表"].cell(row=8, column=2).value == "行政运行"


def test_an_unparsed_amount_is_exported_as_the_text_the_user_typed(tmp_path):
    p = synthetic_project(n_items=6, seed=1)
    row = p.tables[T.GENERAL].subject_rows()[0]
    assert set_cell_text(row, 2, "12.3.4") is not None
    path = tmp_path / "u.xlsx"
    write_xlsx(p, path)
    cell = load_workbook(path)["公开05表"].cell(row=8, column=4)
    assert cell.value == "12.3.4" and cell.data_type == "s"
