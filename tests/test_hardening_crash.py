"""Crash and power cut: a working session is killed with SIGKILL at random moments, 70 times; the
saved file is always a complete old or new version, and what a restart restores (the recovery
copy, else the saved file) holds every edit older than the autosave interval.

The session is ``tests/crash_session.py``: the model layer's saves (``save_project``) and recovery
copies written the way the window's ``RecoverySlot`` writes them. It does not drive the window's
own ``ProjectController``, which is not on main yet.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from model import fileio
from model.synthetic import synthetic_project
from tests.crash_trials import SLACK, run_trials

INTERVAL = 0.3  # s; the window's is 30 s, shortened so that 70 sessions fit in a minute
RANDOM_KILLS = 50
AIMED_KILLS = 20


@pytest.mark.slow
def test_killing_the_session_never_leaves_a_damaged_file_or_loses_old_edits(tmp_path):
    trials = run_trials(tmp_path, RANDOM_KILLS, INTERVAL, aimed=AIMED_KILLS)
    assert len(trials) == RANDOM_KILLS + AIMED_KILLS
    problems = [(t.seed, p) for t in trials for p in t.problems]
    assert not problems, problems
    assert all(t.saved_version >= 0 for t in trials)  # the file always opened as one of the versions
    assert max(t.oldest_lost_age for t in trials) <= INTERVAL + SLACK
    assert sum(t.killed_in_save for t in trials) >= 1  # some kills did land inside a save
    assert sum(t.edits for t in trials) > 500


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
