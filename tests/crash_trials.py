"""Kill a working session of the window's controller (tests/crash_session.py) with SIGKILL, then
start again the way the app starts: ``ui.app.restore_orphans`` offers the recovery copy (the
question answered 恢复, no dialog shown) into a window, or, with no copy, the window opens the
saved file through ``MainWindow.open_path``. Then compare what the window holds, and the saved
file, with every version the session could have written.

POSIX only (SIGKILL, fork).
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from model.fileio import ProjectFileError, load_project, save_project
from tests.crash_session import KILL_POINTS, PROJECT, base_project, versions

ROOT = Path(__file__).resolve().parent.parent
SLACK = 0.15  # s: one step of the session (a save, a re-check) and writing one copy (two fsyncs)
AIMS = ("random", "save", "copy", *KILL_POINTS)


@dataclass
class Trial:
    seed: int
    aim: str  # "random"; aimed just after a "save" or a recovery "copy" began; or one of KILL_POINTS
    edits: int  # steps made before the kill
    killed_in_save: bool  # the kill came between "saving" and "saved"
    killed_in_copy: bool  # … between a copy's snapshot and its info file written
    saved_version: int  # the version the saved file holds (-1: none of them)
    offered: bool  # a recovery copy was offered at the restart
    restored_version: int  # what the window holds after the restart (-1: none of them)
    lost: int  # steps not restored
    oldest_lost_age: float  # s before the kill of the oldest step not restored (0 if none)
    temporaries_left: int  # half-written files the kill left (the restart removes them)
    problems: list[str] = field(default_factory=list)


class Sessions:
    """The fork server of tests/crash_session.py: ``start`` returns the new session's pid."""

    def __init__(self):
        self.server = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_session", "--serve"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def start(self, folder: Path, seed: int, interval_ms: int, point: str = "") -> int:
        self.server.stdin.write(f"{folder} {seed} {interval_ms} {point}\n")
        self.server.stdin.flush()
        line = self.server.stdout.readline()
        if not line:
            raise RuntimeError("the session server has stopped")
        return int(line)

    def close(self) -> None:
        self.server.stdin.close()
        self.server.wait(10)
        self.server.stdout.close()


def _read_log(folder: Path) -> list[tuple[str, int, float]]:
    out = []
    for line in (folder / "log").read_text().splitlines():
        parts = line.split()
        if len(parts) == 3:  # a line cut by the kill has no time stamp yet
            out.append((parts[0], int(parts[1]), float(parts[2])))
    return out


def _wait_for(folder: Path, word: str, after: int, timeout: float) -> bool:
    """Wait until the log has ``word`` past its first ``after`` bytes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(FileNotFoundError):
            if f"{word} " in (folder / "log").read_text()[after:]:
                return True
        time.sleep(0.0005)
    return False


def _dead(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # the server's children are reaped by the system
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.001)
    return False


def _kill(pid: int) -> float:
    killed_at = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    if not _dead(pid, 10):
        raise RuntimeError(f"session {pid} did not die")
    return killed_at


def _which(project: dict, candidates: dict[int, dict]) -> int | None:
    return next((k for k, v in candidates.items() if v == project), None)


@contextlib.contextmanager
def _restart_env(folder: Path, errors: list[str]) -> Iterator[None]:
    """The app's data folder of this session; the restore question answered 恢复; error boxes recorded."""
    old = os.environ.get("JSGK_DATA_DIR")
    os.environ["JSGK_DATA_DIR"] = str(folder / "appdata")
    record = lambda _parent, title, text: errors.append(f"{title}: {text}")  # noqa: E731
    try:
        with (
            mock.patch("ui.dialogs.ask_restore", lambda *_a: True),
            mock.patch("ui.dialogs.show_error", record),
            mock.patch("ui.main_window.show_error", record),
        ):
            yield
    finally:
        if old is None:
            os.environ.pop("JSGK_DATA_DIR", None)
        else:
            os.environ["JSGK_DATA_DIR"] = old


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")]


def run_trial(sessions: Sessions, window, folder: Path, seed: int, interval_ms: int, rng: random.Random, aim: str):
    from ui.app import restore_orphans

    folder.mkdir(parents=True)
    path = folder / PROJECT
    save_project(base_project(), path)  # the project as it was last saved: version 0
    pid = sessions.start(folder, seed, interval_ms, aim if aim in KILL_POINTS else "")
    if not _wait_for(folder, "ready", 0, 20):
        os.kill(pid, signal.SIGKILL)
        raise RuntimeError(f"session {seed} did not start")
    interval = interval_ms / 1000
    problems: list[str] = []
    if aim in KILL_POINTS:  # the session kills itself there
        if not _dead(pid, 20):
            problems.append(f"the session never reached the kill point {aim}")
            _kill(pid)
        killed_at = time.monotonic()
    else:
        if aim == "random":
            time.sleep(rng.uniform(0.05, 3 * interval))
        else:  # just after the next save or copy begins: a save of this project takes 10 to 30 ms
            _wait_for(folder, "saving" if aim == "save" else "copying", 0, 20)
            time.sleep(rng.uniform(0, 0.03 if aim == "save" else 0.015))
        killed_at = _kill(pid)

    log = _read_log(folder)
    edits = {k: t for word, k, t in log if word == "edit"}
    last = {
        w: max((k for word, k, _t in log if word == w), default=None) for w in ("saving", "saved", "copying", "copied")
    }
    saved_ks = {0 if last["saved"] is None else last["saved"], last["saving"]} - {None}
    copy_ks = {last["copied"], last["copying"]} - {None}
    texts = versions(seed, saved_ks | copy_ks)
    temporaries = _temporaries(folder)

    # The saved file: the old version or the new one, complete.
    try:
        saved = _which(load_project(path).model_dump(), {k: texts[k] for k in saved_ks})
    except ProjectFileError as e:
        saved = None
        problems.append(f"the saved file cannot be opened: {e}")
    if saved is None and not problems:
        problems.append(f"the saved file is complete but none of versions {sorted(saved_ks)}")

    # The restart: the copy offered and restored, else the saved file opened.
    errors: list[str] = []
    with _restart_env(folder, errors):
        offered = restore_orphans(window)
        if not offered:
            window.open_path(path, asked=True)
    problems += errors
    if window.ctl.path != path or window.ctl.lock is None or not window.ctl.lock.held:
        problems.append(f"the window did not take over the file and its lock ({window.ctl.path})")
    candidates = {k: texts[k] for k in (copy_ks if offered else saved_ks)}
    restored = _which(window.ctl.project.model_dump(), candidates)
    if restored is None:
        problems.append(f"the window holds none of versions {sorted(candidates)} ({'copy' if offered else 'file'})")
    elif saved is not None and restored < saved:
        problems.append(f"the copy offered (version {restored}) is older than the saved file ({saved})")
    lost = [k for k in edits if k > (restored if restored is not None else -1)]
    oldest_lost_age = killed_at - min(edits[k] for k in lost) if lost else 0.0
    if oldest_lost_age > interval + SLACK:
        problems.append(f"step {min(lost)} made {oldest_lost_age:.3f} s before the kill was not restored")
    left = _temporaries(folder)
    if left:
        problems.append(f"temporary files left after the restart: {[p.name for p in left]}")
    recovery = folder / "appdata" / "recovery"
    if recovery.exists() and any(recovery.iterdir()):
        problems.append(f"recovery folder not empty after the restart: {sorted(p.name for p in recovery.iterdir())}")
    if window.ctl.lock is not None:
        window.ctl.lock.release()  # the next trial's folder is another
    return Trial(
        seed,
        aim,
        max(edits, default=0),
        last["saving"] is not None and last["saving"] != last["saved"],
        last["copying"] is not None and last["copying"] != last["copied"],
        saved if saved is not None else -1,
        offered,
        restored if restored is not None else -1,
        len(lost),
        oldest_lost_age,
        len(temporaries),
        problems,
    )


def run_trials(window, folder: Path, counts: dict[str, int], interval_ms: int, seed: int = 0) -> list[Trial]:
    """``counts[aim]`` sessions killed for each aim; ``window`` is a MainWindow(recovery=False)."""
    rng = random.Random(seed)
    plan = [aim for aim in AIMS for _ in range(counts.get(aim, 0))]
    sessions = Sessions()
    try:
        return [
            run_trial(sessions, window, folder / f"t{i}", seed * 1000 + i, interval_ms, rng, aim)
            for i, aim in enumerate(plan)
        ]
    finally:
        sessions.close()
