"""Crash and power cut. The window's own controller (tests/crash_session.py: typing through
``set_cells``, saving through ``ProjectController.save``, recovery copies from its own timer) is
killed with SIGKILL 62 times, at random moments, just after a save or a copy began, and at three
precise points inside them; the restart goes through ``restore_orphans`` and ``open_path`` as
the app's does (tests/crash_trials.py). The saved file is always a complete old or new version,
the restart restores every edit older than the autosave interval and never offers a copy older
than the saved file, and nothing half-written is left behind.
"""

from __future__ import annotations

import os
import signal
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from model import fileio
from model.layout import T
from tests import test_ui_support as support
from tests.crash_session import KILL_POINTS
from tests.crash_trials import SLACK, run_trials
from tests.support.synthetic import synthetic_project

data_dir = support.data_dir
INTERVAL_MS = 250  # the window's is 30 s, shortened so that the trials fit in under a minute
KILLS = {"random": 40, "save": 8, "copy": 8} | dict.fromkeys(KILL_POINTS, 2)


@pytest.fixture
def window(qtbot, data_dir):
    from ui.main_window import MainWindow

    w = MainWindow(recovery=False)
    qtbot.addWidget(w, before_close_func=support.forget_changes)
    return w


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"), reason="POSIX kills")
def test_killing_the_window_never_damages_a_file_or_loses_old_edits(window, tmp_path):
    trials = run_trials(window, tmp_path, KILLS, INTERVAL_MS)
    assert len(trials) == sum(KILLS.values()) >= 50
    problems = [(t.seed, t.aim, p) for t in trials for p in t.problems]
    assert not problems, problems
    assert all(t.saved_version >= 0 and t.restored_version >= t.saved_version for t in trials)
    assert max(t.oldest_lost_age for t in trials) <= INTERVAL_MS / 1000 + SLACK
    # The trials did reach what they are about: kills inside saves and copies, copies offered,
    # temporary files left by the kills (and removed by the restart).
    assert sum(t.killed_in_save for t in trials) >= 6  # 4 by the kill points, the rest by aim
    assert sum(t.killed_in_copy for t in trials) >= 4  # 2 by the kill points
    assert sum(t.offered for t in trials) >= 10
    assert sum(t.temporaries_left for t in trials) >= 2
    assert sum(t.edits for t in trials) > 1000


def test_a_save_reaches_the_disk_before_it_replaces_the_old_file(tmp_path, monkeypatch):
    """Power cut: the new file's data is flushed before the rename, and the rename itself after."""
    path = tmp_path / "a.jsgk"
    fileio.save_project(synthetic_project(n_items=5, seed=1), path)
    calls: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append(("fsync", "dir" if os.path.isdir(f"/proc/self/fd/{fd}") else "file"))
        return real_fsync(fd)

    def replace(src, dst):
        calls.append(("replace", Path(dst).name))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    fileio.save_project(synthetic_project(n_items=5, seed=2), path)
    assert calls == [("fsync", "file"), ("replace", "a.jsgk"), ("fsync", "dir")]
    assert fileio.load_project(path).model_dump() == synthetic_project(n_items=5, seed=2).model_dump()


def _left_by_a_killed_write(target: Path) -> Path:
    """A temporary file as ``write_atomic`` names it, as a kill before its rename leaves it."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.write(fd, b'{"format": "juesuan-gongkai-project", "sche')
    os.close(fd)
    return Path(name)


def test_the_owner_of_a_file_removes_what_killed_saves_left_beside_it(window, tmp_path, monkeypatch):
    from ui.main_window import MainWindow

    errors = []
    monkeypatch.setattr("ui.main_window.show_error", lambda _w, title, text: errors.append(text))
    path = tmp_path / "2024-部门.jsgk"
    fileio.save_project(synthetic_project(n_items=5, seed=1), path)
    stale = _left_by_a_killed_write(path)
    others = [tmp_path / ".其他.jsgk.abcdefgh.tmp", tmp_path / f".{path.name}.备份.tmp", tmp_path / "x.tmp"]
    for p in others:
        p.write_bytes(b"not ours")
    assert fileio.stale_temporaries(path) == [stale]

    assert window.open_path(path, asked=True)
    assert not stale.exists() and all(p.exists() for p in others)

    # While this window holds the file, another leaves its temporaries alone: it might be writing.
    stale = _left_by_a_killed_write(path)
    second = MainWindow(recovery=False)
    try:
        assert not second.open_path(path, asked=True) and stale.exists()
        assert not second.save_to(path) and stale.exists()
        assert len(errors) == 2 and all("已在另一个窗口中打开" in e for e in errors)
    finally:
        second.ctl.close()
        second.deleteLater()
    window.ctl.set_cells(T.THREE, [("data", 1, "7")])
    assert window.save()
    assert not stale.exists() and all(p.exists() for p in others)
    assert fileio.load_project(path).tables[T.THREE].rows[0].values[1] == Decimal("7.00")


def test_a_dead_windows_recovery_folder_is_tidied_and_a_live_ones_left_alone(qapp, data_dir):
    from ui.recovery import RecoverySlot, orphans, recovery_dir

    live = RecoverySlot()
    live.write(synthetic_project(n_items=3, seed=1), None, "活着的窗口").result()
    live_tmp = _left_by_a_killed_write(live.project_path)
    # Killed while writing its first copy: a project without its info file, and a temporary.
    first = RecoverySlot()
    fileio.write_atomic(first.project_path, b"{}")
    first_tmp = _left_by_a_killed_write(first.info_path)
    first._lock.unlock()  # the window died
    # Killed while writing a later copy: a complete copy, and the next one's temporary.
    later = RecoverySlot()
    later.write(synthetic_project(n_items=3, seed=2), None, "崩溃的窗口").result()
    later_tmp = _left_by_a_killed_write(later.project_path)
    later._lock.unlock()

    found = orphans()
    assert [o.name for o in found] == ["崩溃的窗口"]
    assert found[0].load().model_dump() == synthetic_project(n_items=3, seed=2).model_dump()
    assert not first_tmp.exists() and not later_tmp.exists() and live_tmp.exists()
    assert not first.project_path.exists() and not (recovery_dir() / f"{first.id}.lock").exists()
    found[0].discard()
    live_tmp.unlink()
    live.close()
    assert list(recovery_dir().iterdir()) == []


def _dead_copy_after(save, monkeypatch, tmp_path):
    """A window with a recovery copy of its first edit makes a second edit and ``save``s; it dies
    before the copy is discarded. What does the next start offer?"""
    from ui.controller import ProjectController
    from ui.lock import ProjectLock
    from ui.recovery import orphans

    path = tmp_path / "2024-部门.jsgk"
    fileio.save_project(synthetic_project(n_items=5, seed=1), path)
    lock = ProjectLock(path)
    lock.acquire()
    ctl = ProjectController(recovery=True)
    ctl.replace(fileio.load_project(path), path, lock=lock)
    ctl.set_cells(T.THREE, [("data", 1, "1")])
    assert ctl.write_recovery(wait=True)
    ctl.set_cells(T.THREE, [("data", 1, "2")])
    slot = ctl.slot
    monkeypatch.setattr(slot, "discard", lambda: None)  # killed right after the save
    save(ctl, path)
    slot._lock.unlock()
    lock.release()
    found = orphans()
    values = [o.load().tables[T.THREE].rows[0].values[1] for o in found]
    for o in found:
        o.discard()
    slot._pool.shutdown()
    return values, fileio.load_project(path).tables[T.THREE].rows[0].values.get(1)


def test_a_copy_older_than_the_save_that_followed_it_is_not_offered(qapp, data_dir, tmp_path, monkeypatch):
    offered, saved = _dead_copy_after(lambda ctl, path: ctl.save(path), monkeypatch, tmp_path)
    assert offered == [] and saved == Decimal("2.00")


def test_a_copy_is_still_offered_when_the_save_did_not_complete(qapp, data_dir, tmp_path, monkeypatch):
    def failing_save(ctl, path):
        monkeypatch.setattr("ui.controller.save_project", lambda *_a: (_ for _ in ()).throw(OSError(28, "disk full")))
        with pytest.raises(OSError):
            ctl.save(path)

    offered, saved = _dead_copy_after(failing_save, monkeypatch, tmp_path)
    untouched = synthetic_project(n_items=5, seed=1).tables[T.THREE].rows[0].values.get(1)
    assert offered == [Decimal("1.00")] and saved == untouched != Decimal("1.00")


def test_the_autosave_interval_is_thirty_seconds_unless_a_test_shortens_it(qapp, data_dir):
    from ui.controller import ProjectController

    normal, short = ProjectController(), ProjectController(autosave_ms=INTERVAL_MS)
    assert (normal.timer.interval(), short.timer.interval()) == (30_000, INTERVAL_MS)
    assert normal.timer.isActive() and short.timer.isActive()
    normal.close()
    short.close()
