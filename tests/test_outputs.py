"""Outputs never destroy inputs or each other (issue 12, item 1 and the "Smaller" paragraph): an
output that is an input, or the same file as another output, is refused with exit 2 before
anything is written; a read-only output is refused; what a killed export left is tidied at the
next export to that folder; a failure is said in Chinese with the path and leaves nothing behind."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from export import export_command as command
from model.fileio import load_project
from tests.hostile import ROOT, fingerprint
from tests.seed_data import WORKBOOK_2024

SAMPLE = ROOT / "resources" / "samples" / "2024-蔡甸区委办公室.jsgk"


def export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def listing(folder: Path) -> dict[str, tuple]:
    return {p.name: fingerprint(p) for p in sorted(folder.iterdir())}


@pytest.fixture
def project(tmp_path) -> Path:
    path = tmp_path / "部门.jsgk"
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, project):
    """A window with ``project`` open; the message boxes it would show are collected instead."""
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow

    monkeypatch.setenv("JSGK_DATA_DIR", str(tmp_path / "appdata"))
    monkeypatch.setattr("ui.main_window.ask_save", lambda *_a: QMessageBox.StandardButton.Discard)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr("ui.main_window.show_error", lambda _w, title, text: errors.append((title, text)))
    # The sample holds 错误: the question about exporting anyway is answered yes, without the check list.
    monkeypatch.setattr("ui.main_window.ask_export_with_errors", lambda *_a: ("export", False))
    w = MainWindow(recovery=False)
    qtbot.addWidget(w)
    assert w.open_path(project, asked=True)
    yield w, errors
    w.ctl.close()


def test_the_project_file_as_an_output_is_refused_and_kept(project, tmp_path):
    before = listing(tmp_path)
    run = export(project, "--docx", project)
    assert run.returncode == 2 and "就是输入文件" in run.stderr and run.stdout == "", run
    assert listing(tmp_path) == before
    assert load_project(project).meta.department  # still the project


def test_a_workbook_exported_over_itself_is_refused(tmp_path):
    book = tmp_path / "公开表.xlsx"
    shutil.copy(WORKBOOK_2024, book)
    before = listing(tmp_path)
    run = export(book, "--xlsx", book)
    assert run.returncode == 2 and "就是输入文件" in run.stderr, run
    assert listing(tmp_path) == before


def test_another_spelling_or_a_hard_link_of_the_input_is_the_input(project, tmp_path):
    link = tmp_path / "硬链接.xlsx"
    os.link(project, link)
    before = listing(tmp_path)
    for out in (tmp_path / "sub" / ".." / project.name, link):
        (tmp_path / "sub").mkdir(exist_ok=True)
        run = export(project, "--xlsx", out)
        assert run.returncode == 2 and "就是输入文件" in run.stderr, run
    (tmp_path / "sub").rmdir()
    assert listing(tmp_path) == before


def test_two_outputs_into_one_file_are_refused_before_either_is_written(project, tmp_path):
    out = tmp_path / "P"
    run = export(project, "--xlsx", out, "--docx", out)
    assert run.returncode == 2 and "--xlsx 和 --docx 指向同一个文件" in run.stderr, run
    assert not out.exists() and "已导出" not in run.stdout


def test_a_read_only_output_is_refused_not_replaced(project, tmp_path):
    out = tmp_path / "只读.xlsx"
    out.write_bytes(b"the user's own file, marked read-only")
    out.chmod(0o444)
    before = fingerprint(out)
    run = export(project, "--xlsx", out)
    assert run.returncode == 2 and "只读" in run.stderr, run
    assert fingerprint(out) == before
    # the atomic writer itself refuses it too, whoever calls it
    from model.fileio import ReadOnlyTarget, write_atomic

    with pytest.raises(ReadOnlyTarget, match="只读"):
        write_atomic(out, b"x")
    assert fingerprint(out) == before


def test_what_a_killed_export_left_is_removed_by_the_next_export_to_that_folder(project, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    left = [folder / ".公开表.xlsx.abc12345.tmp", folder / ".文档.docx.zz_9y8x7.tmp"]
    for p in left:
        p.write_bytes(b"half an export")
    others = [folder / ".其他.jsgk.abcdefgh.tmp", folder / "x.tmp", folder / ".notes.txt.abcdefgh.tmp"]
    for p in others:
        p.write_bytes(b"not an export of ours")
    run = export(project, "--xlsx", folder / "新.xlsx")
    assert run.returncode == 0, run.stderr
    assert not any(p.exists() for p in left) and all(p.exists() for p in others)
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == ["x.tmp", "新.xlsx"]


def test_a_temporary_a_live_export_holds_is_left_alone(tmp_path):
    import fcntl

    from model.fileio import remove_stale

    live = tmp_path / ".正在写.xlsx.abcdefgh.tmp"
    live.write_bytes(b"being written")
    with open(live, "rb") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        assert remove_stale(tmp_path, (".xlsx",)) == 0 and live.exists()
    assert remove_stale(tmp_path, (".xlsx",)) == 1 and not live.exists()


def test_a_full_disk_is_said_in_chinese_with_the_path_and_leaves_nothing(project, tmp_path, monkeypatch, capsys):
    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "满.xlsx"
    before = listing(tmp_path)
    assert command.run_export(str(project), {"xlsx": str(out)}) == command.EXIT_FAILED
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and str(out) in err and "No space" not in err, err
    assert listing(tmp_path) == before  # no file, no temporary


def test_any_failure_of_one_output_is_reported_and_leaves_no_file(project, tmp_path, monkeypatch, capsys):
    import export.docx_document as docx_document

    def broken(*_a, **_k):
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(docx_document, "build_docx", broken)
    xlsx, docx = tmp_path / "a.xlsx", tmp_path / "b.docx"
    assert command.run_export(str(project), {"xlsx": str(xlsx), "docx": str(docx)}) == command.EXIT_FAILED
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and f"导出“{docx}”失败" in captured.err
    assert xlsx.exists() and not docx.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_the_window_refuses_to_export_over_the_open_project(window, tmp_path, monkeypatch, project):
    from ui import exports

    w, errors = window
    before = fingerprint(project)
    entry = next(e for e in exports.EXPORTS if e.fmt == "docx")
    # The export always ends in .docx; the project's own file can still be reached under that name.
    alias = project.with_suffix(".docx")
    os.link(project, alias)
    monkeypatch.setattr("ui.main_window.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(alias), ""))
    assert not w.export(entry)
    assert errors and errors[0][0] == "导出失败" and "就是输入文件" in errors[0][1], errors
    assert fingerprint(project) == before


def test_the_window_reports_every_export_failure_and_clears_its_last_success(window, tmp_path, monkeypatch, project):
    import export.docx_document as docx_document
    from ui import exports

    w, errors = window
    target = tmp_path / "文档.docx"
    monkeypatch.setattr("ui.main_window.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(target), ""))
    entry = next(e for e in exports.EXPORTS if e.fmt == "docx")
    assert w.export(entry) and "已导出" in w.statusBar().currentMessage()
    target.unlink()

    def broken(*_a, **_k):
        raise ValueError("All strings must be XML compatible")

    monkeypatch.setattr(docx_document, "build_docx", broken)
    assert not w.export(entry)
    assert errors and errors[-1][0] == "导出失败" and "文档.docx" in errors[-1][1]
    assert "已导出" not in w.statusBar().currentMessage()
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_text_excel_would_cut_is_refused_with_the_reason_not_cut_silently(window, tmp_path, monkeypatch, project):
    """Excel holds 32 767 characters a cell and openpyxl cuts the rest without a word: a project
    whose text passes the limits (made by a program: files and typing refuse it) is not exported."""
    from model.layout import T
    from ui import exports

    p = load_project(project)
    p.tables[T.GENERAL].note = "说" * 40_000
    with pytest.raises(command.OutputRefused, match="05表的表下说明过长（40000 个字符"):
        command.refuse_beyond_limits(p)

    w, errors = window
    w.ctl.project.tables[T.GENERAL].note = "说" * 40_000
    target = tmp_path / "长.xlsx"
    monkeypatch.setattr("ui.main_window.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(target), ""))
    assert not w.export(next(e for e in exports.EXPORTS if e.fmt == "xlsx"))
    assert errors and "过长" in errors[0][1] and not target.exists()
