"""Workbooks misread or refused before (issue 12, items 2, 3, 4 and 14): the unit printed on each
sheet, a second table stacked under another, a hidden stale copy of a table, a table of another
year, a large sheet that is not a table, and parts named as the package's relationships say."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from checks.check_command import loaded_findings
from checks.engine import run_checks
from checks.finding import Severity
from export.xlsx_workbook import write_xlsx
from model.layout import T
from model.loader import load_input
from model.project import TOTAL
from model.workbook.importer import import_workbook
from tests.hostile import ROOT, replace_parts, run_measured
from tests.hostile_round2 import _hidden_stale, _in_yuan, _stacked
from tests.support.synthetic import synthetic_project

AMOUNT = "#,##0.00"


def exported(tmp_path: Path, name: str = "公开表.xlsx", **kw) -> tuple[object, Path]:
    p = synthetic_project(n_items=kw.pop("n_items", 12), seed=kw.pop("seed", 1), **kw)
    path = tmp_path / name
    write_xlsx(p, path)
    return p, path


def in_yuan(path: Path, out: Path, sheets: set[str] | None = None, unit: str = "元") -> None:
    """The workbook as a department keeps it in 元: every "金额单位：万元" says ``unit`` and every
    amount is ×10 000 (on ``sheets``, or all)."""
    wb = openpyxl.load_workbook(path)
    _in_yuan(wb, sheets, unit)
    wb.save(out)


# --------------------------------------------------------------------------- item 2: units


def test_a_workbook_in_yuan_is_read_in_yuan_checked_exactly_and_shown_in_wan(tmp_path):
    p, path = exported(tmp_path)
    yuan = tmp_path / "元.xlsx"
    in_yuan(path, yuan)
    r = import_workbook(yuan)
    assert r.unit == "元" and r.exact is not None and r.exact.meta.unit == "元"
    assert r.project.meta.unit == "万元"
    for t in T:  # shown in 万元: the very figures of the 万元 original
        a = {row.key: row.values for row in p.tables[t].rows if row.values}
        assert a == {row.key: row.values for row in r.project.tables[t].rows if row.values}, t
    total = r.exact.tables[T.GENERAL].row(TOTAL).values[1]
    assert total == p.tables[T.GENERAL].row(TOTAL).values[1] * 10000
    assert [i for i in r.issues if i.level == "error"] == []
    loaded = load_input(yuan)
    assert loaded.checked is r.exact or loaded.checked.meta.unit == "元"
    assert [f for f in loaded_findings(loaded) if f.severity is Severity.ERROR] == []


def test_in_yuan_a_gap_of_one_fen_is_an_error_that_wan_would_round_away(tmp_path):
    _p, path = exported(tmp_path)
    yuan = tmp_path / "元.xlsx"
    in_yuan(path, yuan)
    wb = openpyxl.load_workbook(yuan)
    ws = wb["公开05表"]
    total = next(r for r in ws.iter_rows() if r[1].value == "合计")
    total[2].value = total[2].value + 0.01  # 合计 one fen more than its 类
    wb.save(yuan)
    loaded = load_input(yuan)
    errors = [f for f in loaded_findings(loaded) if f.severity is Severity.ERROR]
    assert errors and all(any(loc.table is T.GENERAL for loc in f.locations) for f in errors)
    assert all(abs(f.actual - f.expected) == D("0.01") for f in errors), [f.message for f in errors]
    # the same figures in 万元, as shown: a hundredth of a fen vanishes in the rounding
    assert [f for f in run_checks(loaded.project) if f.severity is Severity.ERROR] == []


def test_rounding_to_wan_is_half_up_to_a_hundredth(tmp_path):
    _p, path = exported(tmp_path)
    yuan = tmp_path / "元.xlsx"
    in_yuan(path, yuan)
    wb = openpyxl.load_workbook(yuan)
    ws = wb["公开09表"]
    row = next(r for r in ws.iter_rows() if isinstance(r[0].value, (int, float)) and r[0].number_format == AMOUNT)
    row[0].value = 12345.00  # 1.2345 万元 → 1.23
    row[1].value = 12350.00  # 1.235 万元 → 1.24 (half up)
    wb.save(yuan)
    r = import_workbook(yuan)
    values = r.project.tables[T.THREE].rows[0].values
    assert (values[1], values[2]) == (D("1.23"), D("1.24"))
    assert r.exact.tables[T.THREE].rows[0].values[2] == D("12350.00")


def test_check_and_the_check_list_say_the_source_was_in_yuan(tmp_path):
    _p, path = exported(tmp_path)
    yuan = tmp_path / "元.xlsx"
    in_yuan(path, yuan)
    run = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(yuan)], capture_output=True, text=True, timeout=120
    )
    assert "金额单位：元（工作簿以元编制，按元精确审核" in run.stdout, run.stdout[:500]
    from export.checklist_content import build_checklist, checklist_html

    loaded = load_input(yuan)
    html = checklist_html(build_checklist(loaded.checked, loaded_findings(loaded)))
    assert "金额单位：元（工作簿以元编制" in html


def test_sheets_in_different_units_are_reported_and_each_read_in_its_own(tmp_path):
    p, path = exported(tmp_path)
    mixed = tmp_path / "混合.xlsx"
    in_yuan(path, mixed, sheets={"公开05表"})
    r = import_workbook(mixed)
    unit_issues = [i for i in r.issues if "金额单位不一致" in i.message]
    assert len(unit_issues) == 1 and unit_issues[0].level == "error" and "“公开05表”为元" in unit_issues[0].message
    assert r.exact is None and r.project.meta.unit == "万元"
    assert r.project.tables[T.GENERAL].row(TOTAL).values == p.tables[T.GENERAL].row(TOTAL).values


def test_a_unit_that_cannot_be_read_is_a_finding_not_a_guess(tmp_path):
    _p, path = exported(tmp_path)
    odd = tmp_path / "千元.xlsx"
    in_yuan(path, odd, sheets={"公开05表"}, unit="千元")
    r = import_workbook(odd)
    issue = next(i for i in r.issues if "千元" in i.message)
    assert issue.sheet == "公开05表" and issue.level == "error" and "未导入" in issue.message
    assert r.project.tables[T.GENERAL].row(TOTAL).values == {}  # ×10 000 figures not taken as 万元


# --------------------------------------------------------------------------- item 3: stacked tables


def test_a_second_table_below_03_is_reported_with_its_cells_not_kept_as_a_note(tmp_path):
    p, path = exported(tmp_path)
    wb = openpyxl.load_workbook(path)
    first = wb["公开03表"].max_row + 2
    _stacked(wb)  # a title, a header and 300 lines, a blank row below 03
    wb.save(path)
    r = import_workbook(path)
    assert r.project.tables[T.EXPENSE].note == p.tables[T.EXPENSE].note  # only the note
    below = [i for i in r.issues if i.sheet == "公开03表" and i.cell and int(re.sub(r"\D", "", i.cell)) >= first]
    assert len(below) >= 602, len(below)  # every cell, and what it is
    assert any("表格下方" in i.message and "2024年度部门支出明细表" in i.message for i in below)
    from export.docx_document import build_docx

    assert "明细12" not in io.BytesIO(build_docx(r.project)).getvalue().decode("latin-1")


def test_the_departments_own_lines_under_a_table_are_still_its_note(tmp_path):
    p = synthetic_project(n_items=5, seed=3)
    p.tables[T.GENERAL].note = "本表由财务科填报。\n数据截至2024年12月31日。"
    path = tmp_path / "注.xlsx"
    write_xlsx(p, path)
    assert import_workbook(path).project.tables[T.GENERAL].note == p.tables[T.GENERAL].note


# --------------------------------------------------------------------------- item 4: which copy


def _with_stale_hidden_copy(tmp_path: Path) -> tuple[object, Path]:
    p, path = exported(tmp_path)
    wb = openpyxl.load_workbook(path)
    _hidden_stale(wb)  # 05 copied, titled 2023, every amount +1, hidden, placed first
    wb.save(path)
    return p, path


def test_a_visible_sheet_wins_over_a_hidden_stale_copy_placed_first(tmp_path):
    p, path = _with_stale_hidden_copy(tmp_path)
    r = import_workbook(path)
    assert r.sheets[T.GENERAL] == "公开05表"
    assert r.project.tables[T.GENERAL].row(TOTAL).values == p.tables[T.GENERAL].row(TOTAL).values
    issue = next(i for i in r.issues if i.sheet == "旧05表")
    assert "采用了“公开05表”" in issue.message and "可见的工作表优先" in issue.message
    assert r.project.meta.year == 2024


def test_a_table_titled_with_another_year_gets_a_finding(tmp_path):
    _p, path = exported(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["公开07表"]["A1"] = "2023年度政府性基金预算财政拨款收入支出决算表"
    wb.save(path)
    r = import_workbook(path)
    issue = next(i for i in r.issues if i.sheet == "公开07表")
    assert issue.level == "error" and "2023" in issue.message and "2024" in issue.message


# --------------------------------------------------------------------------- item 14: valid, not refused


@pytest.mark.parametrize("rows,cols", [(25_000, 2), (15_000, 30)])
def test_a_large_detail_sheet_beside_the_tables_is_skipped_with_a_note(tmp_path, rows, cols):
    from tests.hostile_round2 import _detail_sheet

    _command, big = _detail_sheet(rows, cols)(tmp_path)
    run = run_measured([sys.executable, str(ROOT / "main.py"), "check", "--json", str(big)], timeout=120)
    assert run.returncode in (0, 1), run.stderr
    assert run.cpu <= 2.0 and run.peak_mb <= 300, (run.cpu, run.peak_mb)
    r = import_workbook(big)
    assert set(r.sheets) == set(T)
    assert any(i.sheet == "明细" and "不是九张公开表之一" in i.message for i in r.issues)


def _rename_parts(xlsx: bytes, renames: dict[str, str], fixes: dict[str, tuple[bytes, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            for part, (old, new) in fixes.items():
                if info.filename == part:
                    data = data.replace(old, new)
            dst.writestr(renames.get(info.filename, info.filename), data)
    return out.getvalue()


_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: xml:space="preserve")?>(.*?)</t></is>')


def _with_shared_strings(tmp_path: Path) -> tuple[object, bytes]:
    """Our export with its text moved into xl/sharedStrings.xml, as Excel keeps it."""
    p, path = exported(tmp_path, n_items=8, seed=4)
    strings: list[bytes] = []

    def shared(m: re.Match) -> bytes:
        strings.append(m.group(3))
        return b"<c " + m.group(1) + b't="s"' + m.group(2) + b"><v>" + str(len(strings) - 1).encode() + b"</v>"

    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                parts[name] = _INLINE.sub(shared, z.read(name))
        rels = z.read("xl/_rels/workbook.xml.rels")
        types = z.read("[Content_Types].xml")
    assert strings
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"".join(b"<si><t>" + t + b"</t></si>" for t in strings)
        + b"</sst>"
    )
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    parts["[Content_Types].xml"] = types.replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>',
    )
    return p, replace_parts(path.read_bytes(), parts)


def test_parts_named_in_another_case_or_place_are_followed_by_the_relationships(tmp_path):
    p, xlsx = _with_shared_strings(tmp_path)
    cased = tmp_path / "大小写.xlsx"
    cased.write_bytes(
        _rename_parts(
            xlsx,
            {"xl/sharedStrings.xml": "xl/SharedStrings.xml"},
            {"xl/_rels/workbook.xml.rels": (b"sharedStrings.xml", b"SharedStrings.xml")},
        )
    )
    moved = tmp_path / "workbook2.xlsx"
    moved.write_bytes(
        _rename_parts(
            xlsx,
            {"xl/workbook.xml": "xl/workbook2.xml", "xl/_rels/workbook.xml.rels": "xl/_rels/workbook2.xml.rels"},
            {
                "_rels/.rels": (b"xl/workbook.xml", b"xl/workbook2.xml"),
                "[Content_Types].xml": (b"/xl/workbook.xml", b"/xl/workbook2.xml"),
            },
        )
    )
    for path in (cased, moved):
        r = import_workbook(path)
        assert set(r.sheets) == set(T), path.name
        assert r.project.tables[T.GENERAL].row(TOTAL).values == p.tables[T.GENERAL].row(TOTAL).values
        assert r.project.meta.department == p.meta.department


def test_the_window_shows_a_workbook_in_yuan_in_wan_with_the_errors_only_yuan_shows(qtbot, tmp_path, monkeypatch):
    from ui.main_window import MainWindow

    _p, path = exported(tmp_path)
    yuan = tmp_path / "元.xlsx"
    in_yuan(path, yuan)
    wb = openpyxl.load_workbook(yuan)
    total = next(r for r in wb["公开05表"].iter_rows() if r[1].value == "合计")
    total[2].value = total[2].value + 0.01
    wb.save(yuan)
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setenv("JSGK_DATA_DIR", str(tmp_path / "appdata"))
    # the imported workbook is unsaved: closing the window at the end would ask
    monkeypatch.setattr("ui.main_window.ask_save", lambda *_a: QMessageBox.StandardButton.Discard)
    w = MainWindow(recovery=False)
    qtbot.addWidget(w)
    assert w.open_path(yuan, asked=True)
    assert w.ctl.project.meta.unit == "万元" and "按元精确核对" in w.statusBar().currentMessage()
    shown = [f for f in w.ctl.findings() if f.severity is Severity.ERROR]
    assert shown and all(f.message.startswith("按工作簿的元核对") for f in shown)
    assert any(loc.table is T.GENERAL for f in shown for loc in f.locations)
    w.ctl.close()
