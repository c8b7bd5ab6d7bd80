"""Files without loss: save → open, the lock against a second window, recovery after a crash,
unsaved-changes questions, workbook import, export, recent files and remembered settings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from model.fileio import load_project, save_project
from model.layout import T
from tests import test_ui_support as support
from tests.support.synthetic import synthetic_project
from ui.lock import lock_path

D = Decimal
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT.parent / "shared" / "examples" / "2024-蔡甸区委办公室-公开表.xlsx"
window = support.window
data_dir = support.data_dir  # fixtures shared by the window tests


@pytest.fixture
def project_file(tmp_path) -> Path:
    path = tmp_path / "2024-示例区委办公室.jsgk"
    save_project(synthetic_project(n_items=12, seed=2), path)
    return path


@pytest.fixture
def second_window(qtbot, data_dir):
    from ui.main_window import MainWindow

    w = MainWindow(recovery=False)
    qtbot.addWidget(w, before_close_func=support.forget_changes)
    return w


@pytest.fixture
def errors(monkeypatch) -> list[tuple[str, str]]:
    """Error boxes the window would show, captured instead of shown."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr("ui.main_window.show_error", lambda _parent, title, text: seen.append((title, text)))
    return seen


def test_save_then_open_gives_back_everything(window, second_window, tmp_path, errors):
    ctl = window.ctl
    ctl.set_cells(T.GENERAL, [("total", 2, "12,345.67"), ("total", 3, "abc")])
    ctl.add_subjects(T.INCOME, "2040201")
    ctl.set_field("supplementary.procurement.goods", D("3.30"))
    ctl.set_field("units.main", "本级")
    accepted = ctl.findings()[0]
    ctl.accept(accepted.key, "说明文字")
    target = tmp_path / "保存测试.jsgk"
    assert window.save_to(target)
    assert not window.isWindowModified() and window.windowTitle().startswith("保存测试.jsgk")
    assert lock_path(target).exists()
    window.close()  # releases the lock
    assert not lock_path(target).exists()
    assert second_window.open_path(target)
    assert second_window.ctl.project.model_dump() == ctl.project.model_dump()
    reopened = second_window.ctl.project
    assert reopened.tables[T.GENERAL].row("total").invalid[3] == "abc"  # the typed text survives
    assert reopened.acceptances[accepted.key] == "说明文字"
    assert not errors


def test_save_without_a_name_asks_for_one_and_adds_the_suffix(window, tmp_path, monkeypatch):
    chosen = tmp_path / "新文件"
    monkeypatch.setattr("ui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(chosen), ""))
    window.ctl.set_cells(T.THREE, [("data", 1, "1")])
    window.act_save.trigger()
    saved = chosen.with_suffix(".jsgk")
    assert load_project(saved).tables[T.THREE].rows[0].values[1] == D("1.00")
    assert window.ctl.path == saved and not window.ctl.modified


def test_a_failed_save_leaves_the_old_file_and_the_changes(window, project_file, errors, monkeypatch):
    assert window.open_path(project_file, asked=True)
    before = project_file.read_bytes()
    window.ctl.set_cells(T.THREE, [("data", 1, "9")])

    def disk_full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ui.controller.save_project", disk_full)
    assert not window.save()
    assert errors and errors[0][0] == "保存失败" and "原文件未被改动" in errors[0][1]
    assert project_file.read_bytes() == before
    assert window.ctl.modified


def test_a_file_open_in_one_window_is_refused_in_another(window, second_window, project_file, errors):
    assert window.open_path(project_file, asked=True)
    replaced = second_window.ctl.project
    assert not second_window.open_path(project_file, asked=True)
    assert errors and "已在另一个窗口中打开" in errors[0][1]
    assert second_window.ctl.project is replaced
    # Saving another project over it is refused too.
    assert not second_window.save_to(project_file)
    window.close()
    assert second_window.open_path(project_file, asked=True)


def test_opening_another_file_with_unsaved_changes_asks(window, project_file, monkeypatch):
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked = []
    monkeypatch.setattr("ui.main_window.ask_save", lambda _p, name: asked.append(name) or answers.pop(0))
    window.ctl.set_cells(T.THREE, [("data", 1, "1")])
    assert not window.open_path(project_file)
    assert window.ctl.path is None and asked == ["测试"]
    assert window.open_path(project_file)
    assert window.ctl.path == project_file and not window.ctl.modified


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(window, monkeypatch):
    monkeypatch.setattr("ui.main_window.ask_save", lambda *_a: QMessageBox.StandardButton.Cancel)
    window.ctl.set_cells(T.THREE, [("data", 1, "1")])
    assert not window.close()
    assert window.isVisible()


def test_a_damaged_file_is_refused_and_left_untouched(window, tmp_path, errors):
    bad = tmp_path / "坏文件.jsgk"
    bad.write_text('{"format": "juesuan-gongkai-project", "schema_version": 1, "project": {', encoding="utf-8")
    before = bad.read_bytes()
    assert not window.open_path(bad, asked=True)
    assert "已损坏" in errors[0][1]
    assert bad.read_bytes() == before and not lock_path(bad).exists()


@pytest.mark.skipif(not EXAMPLE.exists(), reason="example workbooks not present")
def test_a_workbook_is_imported_as_an_unsaved_project(window):
    assert window.open_path(EXAMPLE, asked=True)
    ctl = window.ctl
    assert ctl.path is None and ctl.modified
    assert ctl.name == "2024-蔡甸区委办公室-公开表（由工作簿导入）"
    assert ctl.project.tables[T.GENERAL].row("total").values[1] == D("1105.52")
    assert (
        "工作簿导入" in window.statusBar().currentMessage() or "已从工作簿导入" in window.statusBar().currentMessage()
    )


def test_the_sample_opens_as_an_untitled_copy(window):
    window.open_sample()
    assert window.ctl.path is None and window.ctl.name.startswith("示例：")
    assert window.ctl.project.meta.department.startswith("中国共产党武汉市蔡甸区")


def test_export_excel_from_the_menu(window, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    out = tmp_path / "导出"
    monkeypatch.setattr("ui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    action = next(a for a in window.export_menu.actions() if "Excel" in a.text())
    action.trigger()
    wb = load_workbook(out.with_suffix(".xlsx"))
    assert wb.sheetnames[0] == "公开01表" and len(wb.sheetnames) == 9


def test_recent_files_and_the_window_layout_are_remembered(qtbot, data_dir, project_file):
    from ui.main_window import MainWindow

    first = MainWindow(recovery=False)
    qtbot.addWidget(first, before_close_func=support.forget_changes)
    assert first.open_path(project_file, asked=True)
    first.resize(700, 500)  # inside the offscreen platform's 800×600 screen
    first.show()
    qtbot.waitExposed(first)
    first.hsplit.setSizes([233, 400])
    sizes = first.hsplit.sizes()
    first.close()
    again = MainWindow(recovery=False)
    qtbot.addWidget(again, before_close_func=support.forget_changes)
    again.show()
    qtbot.waitExposed(again)
    assert str(project_file.resolve()) in again.recent_menu.actions()[0].text()
    assert again.size().width() == 700
    assert again.hsplit.sizes() == sizes
    assert again._last_folder() == str(project_file.parent.resolve())


CHILD = textwrap.dedent(
    """
    import sys, time
    from ui.app import make_app
    app = make_app([])
    from ui.main_window import MainWindow
    w = MainWindow()
    assert w.open_path(sys.argv[1], asked=True)
    w.ctl.timer.setInterval(100)  # the 30-second autosave, sped up
    w.ctl.set_cells("three", [("data", 1, "4321.09")])
    deadline = time.time() + 20
    while not w.ctl.slot.written and time.time() < deadline:
        app.processEvents()
        time.sleep(0.02)
    print("written" if w.ctl.slot.written else "not written", flush=True)
    while True:
        app.processEvents()
        time.sleep(0.05)
    """
)


def test_recovery_after_a_crash_and_the_lock_of_a_live_window(qtbot, data_dir, project_file, errors, monkeypatch):
    env = dict(os.environ, JSGK_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project_file)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "written"
        from ui.app import restore_orphans
        from ui.main_window import MainWindow
        from ui.recovery import orphans

        w = MainWindow()
        qtbot.addWidget(w, before_close_func=support.forget_changes)
        # The other process is alive: its file is locked and its recovery copy is not an orphan.
        assert not w.open_path(project_file, asked=True)
        assert f"进程 {child.pid}" in errors[0][1]
        assert orphans() == []
        child.send_signal(signal.SIGKILL)  # a crash: no cleanup, lock and recovery copy stay behind
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    offered = []
    monkeypatch.setattr("ui.dialogs.ask_restore", lambda _p, name, when, source: offered.append((name, source)) or True)
    assert restore_orphans(w)
    assert offered == [(project_file.name, str(project_file))]
    assert w.ctl.project.tables[T.THREE].rows[0].values[1] == D("4321.09")
    assert w.ctl.path == project_file and w.ctl.modified  # restored, not yet saved
    assert w.ctl.lock is not None and w.ctl.lock.held  # the dead window's lock was taken over
    assert load_project(project_file).tables[T.THREE].rows[0].values.get(1) != D("4321.09")
    assert list((data_dir / "recovery").glob("*.jsgk")) == [w.ctl.slot.project_path] * w.ctl.slot.written
    w.save()
    assert load_project(project_file).tables[T.THREE].rows[0].values[1] == D("4321.09")
    assert not list((data_dir / "recovery").glob("*.jsgk"))


def test_declining_recovery_discards_the_copy(qtbot, data_dir, monkeypatch):
    from ui.app import restore_orphans
    from ui.main_window import MainWindow
    from ui.recovery import RecoverySlot, orphans

    slot = RecoverySlot()
    slot.write(synthetic_project(n_items=3, seed=1), None, "未命名").result()
    slot._lock.unlock()  # as if its window had died
    monkeypatch.setattr("ui.dialogs.ask_restore", lambda *_a: False)
    w = MainWindow(recovery=False)
    qtbot.addWidget(w, before_close_func=support.forget_changes)
    assert not restore_orphans(w)
    assert orphans() == [] and not list((data_dir / "recovery").glob("*.jsgk"))


def test_autosave_writes_only_while_modified_and_a_normal_close_cleans_up(qtbot, data_dir, project_file):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w, before_close_func=support.forget_changes)
    assert w.open_path(project_file, asked=True)
    assert not w.ctl.write_recovery()  # nothing to protect
    w.ctl.set_cells(T.THREE, [("data", 1, "1")])
    assert w.ctl.write_recovery(wait=True)
    assert not w.ctl.write_recovery()  # unchanged since the last copy
    assert w.ctl.slot.project_path.exists()
    assert load_project(w.ctl.slot.project_path).tables[T.THREE].rows[0].values[1] == D("1.00")
    w.save()
    assert not w.ctl.slot.project_path.exists()
    w.close()
    assert not list((data_dir / "recovery").iterdir())
    assert not lock_path(project_file).exists()
