"""Workbook import: the example workbooks, both variants and layouts, and what cannot be placed."""

from decimal import Decimal as D

import openpyxl
import pytest

from checks.engine import run_checks
from checks.rules.imports import import_findings
from export.xlsx_workbook import write_xlsx
from model.layout import THREE_ROW, T
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL
from model.workbook.importer import import_workbook
from model.workbook.reader import WorkbookError
from tests.seed_data import WORKBOOK_2023, WORKBOOK_2024
from tests.support.synthetic import synthetic_project


def test_2023_example_reads_amounts_stored_as_text():
    r = import_workbook(WORKBOOK_2023)
    p = r.project
    assert (p.meta.year, p.meta.variant, p.meta.layout) == (2023, "2023", "B")
    assert p.meta.department == "中共武汉市青山区委办公室"
    s = p.tables[T.SUMMARY]
    assert s.row("i1").values[1] == D("1132.98")
    assert s.row("i_total").values[1] == D("1132.98")  # stored as "1,132.98"
    assert s.row("e_total").values[2] == D("1132.98")  # stored as " 1132.98 "
    assert s.row("c208").values[2] == D("43.66")  # stored as "43.66"
    g = p.tables[T.GENERAL]
    assert g.row("2101199").values == {1: D("2.00"), 2: D("2.00")}
    assert [r.code for r in g.subject_rows()][:3] == ["201", "20131", "2013101"]
    assert p.tables[T.BASIC].row(PERSONNEL_TOTAL).values[1] == D("964.80")
    assert p.tables[T.BASIC].row(PUBLIC_TOTAL).values[1] == D("40.19")
    assert p.tables[T.BASIC].row("30201").values[1] == D("4.30")
    three = p.tables[T.THREE].row(THREE_ROW).values
    assert three == {1: D("21.00"), 3: D("21.00"), 5: D("21.00"), 7: D("10.96"), 9: D("10.96"), 11: D("10.96")}
    assert "无政府性基金" in p.tables[T.FUND].note
    assert "无国有资本经营" in p.tables[T.SOE].note
    assert [i for i in r.issues if i.level == "error"] == []


def test_2024_example_layout_a_and_its_values():
    r = import_workbook(WORKBOOK_2024)
    p = r.project
    assert (p.meta.year, p.meta.variant, p.meta.layout) == (2024, "2023", "A")
    assert p.tables[T.SUMMARY].row("c221").values[2] == D("93.29")
    assert p.tables[T.EXPENSE].row(TOTAL).values == {1: D("1105.52"), 2: D("1015.00"), 3: D("90.51")}
    assert p.tables[T.FISCAL].row("c221").values == {2: D("93.29"), 3: D("93.29")}
    assert r.sources[(T.SUMMARY, "c221", 2)] == ("公开01表", "F25")
    assert not [i for i in r.issues if i.level == "error"]


@pytest.mark.parametrize("variant,layout", [("2023", "A"), ("2023", "B"), ("2020", "A"), ("2020", "B")])
def test_round_trip_of_both_variants_and_layouts(tmp_path, variant, layout):
    p = synthetic_project(n_items=15, seed=11, variant=variant, layout=layout)
    path = tmp_path / "t.xlsx"
    write_xlsx(p, path)
    r = import_workbook(path)
    q = r.project
    assert (q.meta.variant, q.meta.layout, q.meta.year) == (variant, layout, p.meta.year)
    assert r.issues == []
    for t in T:
        a = {row.key: (row.code, row.values) for row in p.tables[t].rows if row.values}
        b = {row.key: (row.code, row.values) for row in q.tables[t].rows if row.values}
        assert a == b, t
        assert p.tables[t].note == q.tables[t].note
    assert run_checks(q) == []


def test_tables_are_recognised_by_title_not_by_sheet_name_or_position(tmp_path):
    p = synthetic_project(n_items=8, seed=3, variant="2020", layout="B")
    path = tmp_path / "t.xlsx"
    write_xlsx(p, path)
    wb = openpyxl.load_workbook(path)
    for i, ws in enumerate(wb.worksheets):
        ws.title = f"Sheet{i + 10}"
    wb.move_sheet(wb.worksheets[-1], offset=-8)  # 09 first
    wb.save(path)
    q = import_workbook(path).project
    assert q.meta.variant == "2020"
    assert q.tables[T.THREE].row(THREE_ROW).values == p.tables[T.THREE].row(THREE_ROW).values
    assert run_checks(q) == []


def _exported(tmp_path, **kw):
    p = synthetic_project(n_items=8, seed=7, **kw)
    path = tmp_path / "t.xlsx"
    write_xlsx(p, path)
    return p, path


def test_text_amount_forms_are_parsed(tmp_path):
    p, path = _exported(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["公开05表"]
    ws["C7"] = "1, 234. 50"  # PDF copy
    ws["D7"] = "１２３．４５"  # full-width
    ws["E7"] = "(12.30)"
    wb.save(path)
    total = import_workbook(path).project.tables[T.GENERAL].row(TOTAL).values
    assert total == {1: D("1234.50"), 2: D("123.45"), 3: D("-12.30")}


@pytest.mark.parametrize(
    "value,reason",
    [
        ("abc", "不是数字"),
        ("12.345", "小数超过两位"),
        ("#REF!", "错误值"),
        ("1,10,5", "千位分隔符"),
    ],
)
def test_a_cell_that_does_not_parse_is_reported_with_its_address_and_kept(tmp_path, value, reason):
    _p, path = _exported(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["公开05表"]["D7"] = value
    wb.save(path)
    r = import_workbook(path)
    issue = next(i for i in r.issues if i.cell == "D7")
    assert issue.sheet == "公开05表" and reason in issue.message and issue.placed
    row = r.project.tables[T.GENERAL].row(TOTAL)
    assert row.invalid[2] == value and 2 not in row.values
    v001 = [f for f in run_checks(r.project) if f.rule == "V001"]
    assert len(v001) == 1 and reason in v001[0].message


def test_a_date_in_an_amount_cell_is_not_an_amount(tmp_path):
    import datetime

    _p, path = _exported(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["公开05表"]["D7"] = datetime.date(2024, 1, 5)
    wb.save(path)
    r = import_workbook(path)
    assert any(i.cell == "D7" and "日期" in i.message for i in r.issues)


def test_clean_workbook_has_no_import_findings(tmp_path):
    _p, path = _exported(tmp_path)
    assert import_findings(import_workbook(path)) == []


def test_formula_cells_use_their_cached_value_and_uncached_ones_are_reported(tmp_path):
    _p, path = _exported(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["公开05表"]["C7"] = "=D7+E7"  # openpyxl writes no cached value
    wb.save(path)
    r = import_workbook(path)
    assert any(i.cell == "C7" and "公式" in i.message for i in r.issues)
    assert r.project.tables[T.GENERAL].row(TOTAL).invalid[1] == "=D7+E7"


def test_workbook_without_any_of_the_nine_tables_is_refused(tmp_path):
    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "工资表"
    wb.save(path)
    with pytest.raises(WorkbookError, match="没有找到九张公开表"):
        import_workbook(path)


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "空文件"),
        (b"a,b,c\n1,2,3\n", "不是 Excel 工作簿"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
        (b"PK\x03\x04garbage", "损坏"),
    ],
)
def test_foreign_or_damaged_files_are_refused_untouched(tmp_path, content, message):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(WorkbookError, match=message):
        import_workbook(path)
    assert path.read_bytes() == content


def test_tables_without_titles_are_recognised_by_their_headers(tmp_path):
    p, path = _exported(tmp_path, variant="2023", layout="B")
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        ws["A1"] = None  # no title
        ws.cell(row=2, column=ws.max_column).value = None  # no 公开NN表 either, except on 05
    wb["公开05表"]["E2"] = "公开05表"
    wb.save(path)
    r = import_workbook(path)
    assert set(r.sheets) == set(T)
    assert any("年度" in i.message for i in r.issues)  # the year came from nowhere: said so
    for t in T:
        a = {row.key: row.values for row in p.tables[t].rows if row.values}
        assert a == {row.key: row.values for row in r.project.tables[t].rows if row.values}, t


def test_what_a_department_writes_under_a_table_is_kept_as_its_note(tmp_path):
    p = synthetic_project(n_items=6, seed=3)
    p.tables[T.GENERAL].note = "本表由财务科填报。\n数据截至2024年12月31日。"
    path = tmp_path / "t.xlsx"
    write_xlsx(p, path)
    q = import_workbook(path).project
    assert q.tables[T.GENERAL].note == p.tables[T.GENERAL].note
    assert q.tables[T.SOE].note == p.tables[T.SOE].note  # its "无…" sentence
