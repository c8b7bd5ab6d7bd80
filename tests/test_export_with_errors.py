"""Exporting while 错误 remain says so: the window asks (export anyway / show the findings) and
offers the 审核清单 beside the file, then offers to open the file or its folder; `main.py export`
prints the counts on stderr and `--strict` refuses, writing nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from checks.finding import Severity
from model.resources import resource_path
from ui import exports

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = resource_path("samples", "2024-蔡甸区委办公室.jsgk")  # 14 错误
CONSISTENT_EXAMPLE = Path("/work/shared/examples/2024-蔡甸区委办公室-公开表.xlsx")


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from ui.main_window import MainWindow

    monkeypatch.setenv("JSGK_DATA_DIR", str(tmp_path / "appdata"))
    project = tmp_path / "部门.jsgk"
    shutil.copy(SAMPLE, project)
    w = MainWindow(recovery=False)
    qtbot.addWidget(w)
    assert w.open_path(project, asked=True)
    yield w
    w.ctl.close()


def entry(fmt: str):
    return next(e for e in exports.EXPORTS if e.fmt == fmt)


def answer(monkeypatch, reply, asked: list) -> None:
    def ask(_parent, errors, what):
        asked.append((errors, what))
        return reply

    monkeypatch.setattr("ui.main_window.ask_export_with_errors", ask)


def test_the_question_comes_first_and_show_the_findings_exports_nothing(window, monkeypatch, tmp_path):
    asked: list = []
    answer(monkeypatch, ("findings", True), asked)
    chosen = []
    monkeypatch.setattr("ui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: chosen.append(1) or ("", ""))
    window.panel.buttons[Severity.ERROR].setChecked(False)
    window.set_panel_collapsed(True)
    assert not window.export(entry("xlsx"))
    errors = sum(1 for f in window.ctl.findings() if f.severity is Severity.ERROR)
    assert asked == [(errors, "导出 Excel 工作簿")] and not chosen  # asked before any file dialog
    # the findings shown: unfolded, nothing filtered, the first 错误 selected
    assert not window.panel.collapsed and all(b.isChecked() for b in window.panel.buttons.values())
    assert window.panel.selected().severity is Severity.ERROR
    assert not list(tmp_path.glob("*.xlsx"))


def test_export_anyway_writes_the_file_and_the_check_list_beside_it(window, monkeypatch, tmp_path, qtbot):
    asked: list = []
    answer(monkeypatch, ("export", True), asked)
    target = tmp_path / "out" / "公开表.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr("ui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    opened = []
    monkeypatch.setattr("ui.dialogs.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    assert window.export(entry("xlsx"))
    checklist = target.with_name("公开表-审核清单.pdf")
    assert target.exists() and checklist.exists() and checklist.read_bytes().startswith(b"%PDF")
    assert "已导出" in window.statusBar().currentMessage() and "审核清单" in window.statusBar().currentMessage()
    box = window._exported_box
    assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()  # work goes on
    assert "公开表.xlsx" in box.text() and "公开表-审核清单.pdf" in box.text()
    buttons = {b.text(): b for b in box.buttons()}
    buttons["打开所在文件夹"].click()
    assert Path(opened[-1]) == target.parent
    assert window.export(entry("xlsx"))  # a second export replaces the first offer
    window._exported_box.buttons()[0].click()  # 打开文件
    assert Path(opened[-1]) == target


def test_no_question_without_errors_and_cancel_stops(window, monkeypatch, tmp_path):
    asked: list = []
    answer(monkeypatch, (None, True), asked)
    monkeypatch.setattr("ui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(tmp_path / "x.docx"), ""))
    assert not window.export(entry("docx")) and asked and not (tmp_path / "x.docx").exists()
    from tests.support.synthetic import synthetic_project

    window.ctl.replace(synthetic_project(n_items=12, seed=2), None, "一致")
    asked.clear()
    assert window.export(entry("docx")) and not asked
    assert (tmp_path / "x.docx").exists() and not list(tmp_path.glob("*审核清单*"))


def _export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", *args], capture_output=True, text=True, timeout=120
    )


def test_the_command_prints_the_counts_and_strict_refuses_with_errors(tmp_path):
    out = tmp_path / "表.xlsx"
    run = _export(str(SAMPLE), "--xlsx", str(out), "--strict")
    assert run.returncode == 1 and not out.exists() and not list(tmp_path.iterdir())
    assert "审核结果：错误 14 · 尾数差异" in run.stderr and "--strict" in run.stderr
    run = _export(str(SAMPLE), "--xlsx", str(out))
    assert run.returncode == 0 and out.exists() and "已导出" in run.stdout
    assert "审核结果：错误 14" in run.stderr


@pytest.mark.skipif(not CONSISTENT_EXAMPLE.exists(), reason="needs the shared examples")
def test_strict_exports_a_department_without_errors(tmp_path):
    out = tmp_path / "表.docx"
    run = _export(str(CONSISTENT_EXAMPLE), "--docx", str(out), "--strict")
    assert run.returncode == 0 and out.exists() and "审核结果：错误 0" in run.stderr
