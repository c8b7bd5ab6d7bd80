"""Damaged and hostile files refused by the window: each file of tests/hostile.py is chosen through
文件 → 打开 in a window showing the sample. A Chinese message box says why; the file and its folder
are untouched; the sample stays open, unmodified, and can still be edited; the refusal costs at
most 2 s of CPU. The heavy files are opened in a window of their own process, to measure its peak
memory (≤ 300 MB, the window's own share included).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time

import pytest

from model.fileio import save_project
from tests.hostile import all_files, fingerprint, run_measured
from tests.support.synthetic import synthetic_project
from tests.window_open import open_through_menu, still_editable

HOSTILE = {h.name: h for h in all_files()}
HEAVY = ("压缩炸弹.xlsx", "30万行.xlsx", "实体膨胀.xlsx")  # zip bomb, huge sheet, billion laughs
CPU_LIMIT = 2.0  # s of CPU; the wall time is reported by bench/reliability_report.py
WALL_GUARD = 15.0  # a hang, not a busy machine
MEMORY_LIMIT = 300  # MB
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def sample_window(qapp, tmp_path_factory):
    from ui.main_window import MainWindow

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JSGK_DATA_DIR", str(tmp_path_factory.mktemp("appdata")))
        w = MainWindow(recovery=False)
        w.open_sample()
        w.show()
        yield w
        w.close()


def assert_refused(boxes: list[tuple[str, str]], expect: str) -> None:
    assert len(boxes) == 1, boxes
    title, text = boxes[0]
    assert title == "无法打开" and expect in text, boxes
    assert CHINESE.search(text) and "Traceback" not in text and "Error" not in text, text


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_window_refuses_it_and_keeps_the_open_project(sample_window, hostile_dir, name):
    w = sample_window
    path = hostile_dir / name
    before, listing = fingerprint(path), sorted(os.listdir(hostile_dir))
    project, content, title = w.ctl.project, w.ctl.project.model_dump(), w.windowTitle()
    cpu = time.process_time()
    boxes, wall = open_through_menu(w, path)
    cpu = time.process_time() - cpu
    assert_refused(boxes, HOSTILE[name].expect)
    assert cpu <= CPU_LIMIT and wall <= WALL_GUARD, (cpu, wall)
    assert fingerprint(path) == before
    assert sorted(os.listdir(hostile_dir)) == listing  # not even a lock file left beside it
    assert w.ctl.project is project and w.ctl.project.model_dump() == content
    assert not w.ctl.modified and w.ctl.path is None and w.windowTitle() == title
    assert still_editable(w)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("suffix", [".jsgk", ".xlsx"])
def test_a_pipe_or_a_device_is_refused_without_blocking_the_window(sample_window, tmp_path, suffix):
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    device = tmp_path / f"zero{suffix}"
    device.symlink_to("/dev/zero")
    for path in (fifo, device):
        boxes, wall = open_through_menu(sample_window, path)
        assert_refused(boxes, "不是普通文件")
        assert wall <= WALL_GUARD
    assert still_editable(sample_window)


def test_a_refused_file_leaves_the_open_project_file_and_its_lock(sample_window, hostile_dir, tmp_path):
    from ui.lock import lock_path

    w = sample_window
    own = tmp_path / "2024-部门.jsgk"
    save_project(synthetic_project(n_items=5, seed=3), own)
    assert w.open_path(own, asked=True)
    try:
        for name in ("截断.jsgk", "新版本.jsgk", "压缩炸弹.xlsx"):
            boxes, _wall = open_through_menu(w, hostile_dir / name)
            assert_refused(boxes, HOSTILE[name].expect)
            assert w.ctl.path == own and w.ctl.lock.held and lock_path(own).exists()
            assert not w.ctl.modified
        assert still_editable(w)
    finally:
        w.open_sample()  # releases the file, for the other tests


@pytest.mark.slow
@pytest.mark.parametrize("name", HEAVY)
def test_a_heavy_file_is_refused_by_a_window_within_the_memory_limit(hostile_dir, name):
    run = run_measured([sys.executable, "-m", "tests.window_open", str(hostile_dir / name)], timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert_refused([tuple(b) for b in result["boxes"]], HOSTILE[name].expect)
    assert result["sample_kept"] and result["editable"]
    assert run.peak_mb <= MEMORY_LIMIT, run.peak_mb


def test_the_window_open_script_would_see_a_file_that_opens(tmp_path):
    """The measuring script itself: a good project file opens, so no box and the sample replaced."""
    good = tmp_path / "2024-部门.jsgk"
    save_project(synthetic_project(n_items=5, seed=3), good)
    run = run_measured([sys.executable, "-m", "tests.window_open", str(good)], timeout=60)
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["boxes"] == [] and not result["sample_kept"] and result["editable"]
