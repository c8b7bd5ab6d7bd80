"""Names and text that broke the commands and the window (issue 12, items 5, 6, 7, 11 and 13):
a project file with a key twice, file names that are not UTF-8, control characters and lone
surrogates, symlink loops and other things that are not files, lengths no department writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from model.fileio import ProjectFileError, dumps, load_project, loads
from model.layout import T
from tests.hostile import ROOT, fingerprint
from tests.support.synthetic import synthetic_project

SAMPLE = ROOT / "resources" / "samples" / "2024-蔡甸区委办公室.jsgk"
POSIX = pytest.mark.skipif(os.name != "posix", reason="Linux file names and links")


def main_py(*args, cwd=None, timeout=120) -> subprocess.CompletedProcess:
    """``main.py`` with arguments that may be bytes (a file name that is not UTF-8); stdout as bytes."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, timeout=timeout, cwd=cwd, env=env
    )


# --------------------------------------------------------------------------- item 5


def test_a_project_file_with_a_key_twice_is_refused_not_read_as_empty():
    text = SAMPLE.read_text(encoding="utf-8")
    doubled = text.rstrip().removesuffix("}") + ', "project": {}}'
    assert json.loads(doubled)["project"] == {}  # what json alone would have made of it
    with pytest.raises(ProjectFileError, match="“project”在同一处出现了两次"):
        loads(doubled)
    inner = text.replace('"department":', '"department": "别的部门", "department":', 1)
    with pytest.raises(ProjectFileError, match="department"):
        loads(inner)


def test_the_command_refuses_it_with_exit_2(tmp_path):
    path = tmp_path / "重复.jsgk"
    path.write_text(SAMPLE.read_text(encoding="utf-8").rstrip()[:-1] + ', "project": {}}', encoding="utf-8")
    run = main_py("check", str(path))
    assert run.returncode == 2 and "两次" in run.stderr.decode(), run.stderr.decode()


# --------------------------------------------------------------------------- item 6


@pytest.fixture
def bad_names(tmp_path) -> tuple[bytes, bytes]:
    folder = os.fsencode(tmp_path)
    project = folder + b"/\xff\xfe\xb2\xbf\xc3\xc5.jsgk"  # GBK "部门" read as bytes: not UTF-8
    shutil.copy(SAMPLE, project)
    return folder, project


@POSIX
def test_check_prints_a_name_that_is_not_utf8_escaped(bad_names):
    _folder, project = bad_names
    run = main_py("check", project)
    assert run.returncode == 1 and b"Traceback" not in run.stderr, run.stderr.decode()
    assert "文件：" in run.stdout.decode("utf-8")  # valid UTF-8: no lone surrogate printed
    assert "\\xff\\xfe\\xb2\\xbf\\xc3\\xc5.jsgk" in run.stdout.decode("utf-8")
    run = main_py("check", "--json", project)
    assert run.returncode == 1 and b"Traceback" not in run.stderr, run.stderr.decode()
    doc = json.loads(run.stdout.decode("utf-8"))
    assert doc["summary"]["input"].endswith("\\xff\\xfe\\xb2\\xbf\\xc3\\xc5.jsgk")


@POSIX
def test_a_batch_keeps_its_whole_report_with_such_a_name(bad_names):
    folder, _project = bad_names
    shutil.copy(SAMPLE, os.fsdecode(folder) + "/正常.jsgk")
    run = main_py("check", folder)
    out = run.stdout.decode("utf-8")
    assert run.returncode == 1 and "批量审核：2 个文件，已审核 2 个" in out, run.stderr.decode()
    assert "\\xff\\xfe\\xb2\\xbf\\xc3\\xc5.jsgk" in out and "正常.jsgk" in out
    doc = json.loads(main_py("check", "--json", folder).stdout)
    assert doc["totals"]["checked"] == 2


@POSIX
def test_export_writes_every_output_with_such_names(bad_names, tmp_path):
    folder, project = bad_names
    xlsx, docx = folder + b"/\xff\xa1.xlsx", folder + b"/\xff\xa2.docx"
    run = main_py("export", project, "--xlsx", xlsx, "--docx", docx)
    assert run.returncode == 0, run.stderr.decode()
    assert os.path.exists(xlsx) and os.path.exists(docx)
    assert run.stdout.decode("utf-8").count("已导出") == 2


@POSIX
def test_the_window_starts_on_such_a_name_without_crashing(bad_names, tmp_path):
    _folder, project = bad_names
    probe = tmp_path / "probe.jsonl"
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", JUESUAN_STARTUP_PROBE=str(probe), JSGK_DATA_DIR=str(tmp_path / "d")
    )
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), project], capture_output=True, timeout=120, env=env)
    assert run.returncode == 0, (run.returncode, run.stderr.decode(errors="replace")[-2000:])
    assert probe.read_text().strip()  # it painted its first window, then closed


# --------------------------------------------------------------------------- item 7


BAD = "\x00\x07\x0b\ufffe\ud800"


def _dirty_project_file(tmp_path: Path) -> Path:
    """Control characters and lone surrogates in the department, a subject name, an unparsed cell and a
    绩效 project name, written as JSON escapes (as an editor or another program writes them)."""
    from tests.hostile_round2 import _control_characters

    return Path(_control_characters(tmp_path)[1])


def test_control_characters_and_lone_surrogates_are_cleaned_on_load_with_a_reason(tmp_path):
    path = _dirty_project_file(tmp_path)
    p = load_project(path)
    assert p.meta.department == "区委办公室"
    row = p.tables[T.GENERAL].subject_rows()[0]
    assert row.name == "行政运行" and row.invalid[2] == "abc"
    assert p.supplementary.performance.projects[-1].name == "项目一"
    notes = " ".join(p.load_notes)
    assert "部门名称" in notes and "U+0007" in notes and "U+D800" in notes and "绩效自评项目" in notes


def test_the_word_and_excel_exports_of_such_a_file_succeed(tmp_path):
    path = _dirty_project_file(tmp_path)
    run = main_py("export", str(path), "--xlsx", str(tmp_path / "a.xlsx"), "--docx", str(tmp_path / "b.docx"))
    assert run.returncode == 0, run.stderr.decode()
    assert "控制字符" in run.stderr.decode() and "Traceback" not in run.stderr.decode()
    with zipfile.ZipFile(tmp_path / "b.docx") as z:
        assert "区委办公室".encode() in z.read("word/document.xml")


def test_text_typed_or_pasted_in_the_window_is_cleaned_with_a_reason(qtbot, tmp_path, monkeypatch):
    from ui.controller import ProjectController

    monkeypatch.setenv("JSGK_DATA_DIR", str(tmp_path))
    ctl = ProjectController(synthetic_project(n_items=5, seed=2), recovery=False)
    said: list[str] = []
    ctl.cellError.connect(said.append)
    key = ctl.project.tables[T.GENERAL].subject_rows()[0].key
    assert ctl.set_cells(T.GENERAL, [(key, 2, f"12{BAD}x")])
    assert ctl.project.tables[T.GENERAL].row(key).invalid[2] == "12x"
    assert ctl.set_field("meta.department", f"区委{BAD}")
    assert ctl.project.meta.department == "区委"
    assert "2010350" in ctl.add_subjects(T.GENERAL, "2010350", f"新{BAD}科目")
    assert ctl.project.tables[T.GENERAL].row("2010350").name == "新科目"
    assert [s.split("中有")[0] for s in said if "控制字符" in s] == ["单元格内容", "填写的内容", "科目名称"]


def test_the_text_import_cleans_what_it_reads(tmp_path):
    from checks.text.split import document_sections

    raw = "一、收入支出决算总体情况说明\n收入\x07总计1105.52万元\x0b。\n"
    sections, notes = document_sections(raw, "2023", "a.txt")
    assert "\x07" not in "".join(sections.values()) and notes and "U+0007" in notes[0]


# --------------------------------------------------------------------------- item 11


@POSIX
def test_symlink_loops_are_named_as_such_by_check_and_the_window(tmp_path):
    loop = tmp_path / "loop.xlsx"
    loop.symlink_to(loop)
    run = main_py("check", str(loop))
    assert run.returncode == 2 and "循环的符号链接" in run.stderr.decode(), run.stderr.decode()


@POSIX
def test_the_window_started_on_a_loop_says_so_and_opens_the_sample(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from ui import app

    monkeypatch.setenv("JSGK_DATA_DIR", str(tmp_path / "appdata"))
    errors: list[str] = []
    monkeypatch.setattr("ui.main_window.show_error", lambda _w, _t, text: errors.append(text))
    monkeypatch.setattr(QApplication, "exec", lambda *_a: 0)
    shown: list = []
    monkeypatch.setattr("ui.main_window.MainWindow.show", lambda w: shown.append(w))
    loop = tmp_path / "loop.xlsx"
    loop.symlink_to(loop)
    assert app.run_gui([str(loop)]) == 0
    assert len(errors) == 1 and "循环的符号链接" in errors[0]
    assert shown and shown[0].ctl.name.startswith("示例")
    shown[0].ctl.close()


@POSIX
def test_the_window_says_why_it_cannot_open_a_loop(qtbot, tmp_path, monkeypatch):
    from ui.main_window import MainWindow

    monkeypatch.setenv("JSGK_DATA_DIR", str(tmp_path / "appdata"))
    errors: list[str] = []
    monkeypatch.setattr("ui.main_window.show_error", lambda _w, _t, text: errors.append(text))
    w = MainWindow(recovery=False)
    qtbot.addWidget(w)
    loop = tmp_path / "loop.jsgk"
    loop.symlink_to(loop)
    assert not w.open_path(loop, asked=True)
    assert len(errors) == 1 and "循环的符号链接" in errors[0]
    w.ctl.close()


@POSIX
def test_a_batch_names_each_input_it_could_not_read_and_why(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "正常.jsgk")
    (tmp_path / "循环.xlsx").symlink_to(tmp_path / "循环.xlsx")
    (tmp_path / "悬空.jsgk").symlink_to(tmp_path / "没有.jsgk")
    os.mkfifo(tmp_path / "管道.xlsx")
    before = {p.name for p in tmp_path.iterdir()}
    run = main_py("check", str(tmp_path), timeout=60)
    out = run.stdout.decode()
    assert run.returncode == 2 and "批量审核：4 个文件，已审核 1 个，无法读取 3 个" in out, out[:800]
    for name, why in (("循环.xlsx", "循环"), ("悬空.jsgk", "不存在"), ("管道.xlsx", "命名管道")):
        line = next(line for line in out.splitlines() if name in line)
        assert "无法读取" in line and why in line, line
    assert {p.name for p in tmp_path.iterdir()} == before


# --------------------------------------------------------------------------- item 13: limits


def test_a_subject_name_over_200_characters_is_not_a_subject_name(tmp_path, qtbot, monkeypatch):
    p = synthetic_project(n_items=5, seed=2)
    p.tables[T.GENERAL].subject_rows()[0].name = "长" * 1_000_000
    path = tmp_path / "长名.jsgk"
    path.write_text(dumps(p), encoding="utf-8")
    before = fingerprint(path)
    with pytest.raises(ProjectFileError, match="名称过长（1000000 个字符，上限 200 个）"):
        load_project(path)
    assert fingerprint(path) == before

    from ui.controller import ProjectController

    monkeypatch.setenv("JSGK_DATA_DIR", str(tmp_path))
    ctl = ProjectController(synthetic_project(n_items=5, seed=2), recovery=False)
    said: list[str] = []
    ctl.cellError.connect(said.append)
    assert ctl.add_subjects(T.GENERAL, "2010350", "长" * 201) == []
    assert said and "上限 200 个" in said[0]


def test_a_workbook_subject_name_over_the_limit_is_reported_not_taken(tmp_path):
    import openpyxl

    from export.xlsx_workbook import write_xlsx
    from model.workbook.importer import import_workbook

    p = synthetic_project(n_items=5, seed=2)
    path = tmp_path / "长名.xlsx"
    write_xlsx(p, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["公开05表"]
    cell = next(r[1] for r in ws.iter_rows() if isinstance(r[0].value, str) and r[0].value.isdigit())
    cell.value = "长" * 30_000
    wb.save(path)
    r = import_workbook(path)
    assert any("科目名称过长（30000 个字符" in i.message for i in r.issues)
    assert max(len(row.name) for row in r.project.tables[T.GENERAL].rows) <= 200


def test_a_table_of_more_subject_rows_than_the_limit_is_refused(tmp_path):
    doc = json.loads(dumps(synthetic_project(n_items=5, seed=2)))
    rows = doc["project"]["tables"]["general"]["rows"]
    rows += [{"key": f"x{i}", "code": "2010101"} for i in range(15_000)]
    path = tmp_path / "万行.jsgk"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ProjectFileError, match=r"05表的行数过多（150\d\d 行，上限 12000 行）"):
        load_project(path)


def test_text_beyond_the_limit_is_refused_with_it(tmp_path):
    from checks.check_command import load_text_into

    path = tmp_path / "长文.txt"
    path.write_text("一、收入支出决算总体情况说明\n" + "收入1105.52万元。" * 40_000, encoding="utf-8")
    with pytest.raises(ValueError, match="情况说明过长（.* 个字符，上限 300000 个）"):
        load_text_into(synthetic_project(n_items=3, seed=1), str(path))


def test_a_check_list_beyond_its_limit_is_refused_at_once_and_leaves_nothing(tmp_path):
    import time
    from decimal import Decimal

    from checks.engine import run_checks
    from export.checklist import MAX_FINDINGS, write_checklist_pdf
    from model.outputs import OutputRefused

    p = synthetic_project(n_items=5, seed=2)
    rows = p.tables[T.GENERAL].add_subjects([(f"2299{i // 99 + 1:01d}{i % 99 + 1:02d}", "明细") for i in range(700)])
    for r in rows:
        r.values = {1: Decimal("1.00")}
    p.tables[T.GENERAL].touch()
    findings = run_checks(p)
    assert len(findings) > MAX_FINDINGS
    t0 = time.monotonic()
    with pytest.raises(OutputRefused, match=f"{len(findings)} 个问题，超过审核清单可列的 {MAX_FINDINGS} 个"):
        write_checklist_pdf(p, tmp_path / "清单.pdf", findings)
    assert time.monotonic() - t0 < 2 and list(tmp_path.iterdir()) == []


@POSIX
@pytest.mark.parametrize("kind", ["pipe", "zero", "loop"])
def test_import_text_in_the_window_refuses_what_is_not_a_file_without_freezing(qtbot, tmp_path, monkeypatch, kind):
    import time

    from PySide6.QtWidgets import QMessageBox

    from ui.text_page import TextPage

    path = tmp_path / "情况说明.txt"
    if kind == "pipe":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.symlink_to(path)
    from ui.controller import ProjectController

    page = TextPage(ProjectController(synthetic_project(n_items=3, seed=1), recovery=False))
    qtbot.addWidget(page)
    warnings: list[str] = []
    monkeypatch.setattr("ui.text_page.QFileDialog.getOpenFileName", lambda *_a, **_k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    t0 = time.monotonic()
    page.ask_import()
    assert time.monotonic() - t0 < 1
    assert len(warnings) == 1 and {"pipe": "命名管道", "zero": "设备", "loop": "循环"}[kind] in warnings[0]
