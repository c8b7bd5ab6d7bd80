"""A working session of the window's own ``ProjectController``, to be killed with SIGKILL.

The session opens the project as the window does (its lock, ``load_input``, ``replace``), types
into cells through ``set_cells`` (the call the grid makes for a typed cell, a paste, a cleared
block), undoes and redoes now and then, saves through ``ProjectController.save`` after about one
edit in twelve, and lets the controller's own timer write the recovery copies, at an interval
shortened for the trials. Every step is logged to FOLDER/log with a monotonic time stamp, in one
unbuffered write, so that after a SIGKILL the parent knows what had been done; the logging wraps
the recovery slot's ``write`` and changes nothing it does. The edits follow from SEED, so the
parent can rebuild every version (``versions``) through a controller of its own.

Started by tests/crash_trials.py through a small fork server (``serve``), which imports Qt and the
app once, so that each of the many sessions starts in milliseconds instead of half a second; the
session itself, from the QApplication on, runs in the forked child.
"""

from __future__ import annotations

import functools
import os
import random
import signal
import sys
import time
from pathlib import Path

from model.layout import SUBJECT_TABLES, T, subject_columns
from model.project import Project
from tests.support.synthetic import synthetic_project

PROJECT = "项目.jsgk"
SAVE_CHANCE = 0.08  # per step: a save every dozen steps or so; the recovery copy covers the rest
TYPED_WRONG = ("12.345", "1,10,5", "abc", "=A1+B1", "12元")
TABLES = (*SUBJECT_TABLES, T.BASIC)

Op = tuple  # ("cells", table, [(row key, 栏次, typed text), …]) | ("undo",) | ("redo",)


def base_project() -> Project:
    # Large enough that a save takes a few milliseconds, so that kills land inside saves too.
    return synthetic_project(n_items=120, seed=11)


@functools.cache
def _row_keys() -> dict[T, list[str]]:
    p = base_project()
    return {t: [r.key for r in p.tables[t].rows] for t in TABLES}


class Script:
    """The SEED's sequence of steps. Rows are never added or removed, so the choice of cells
    depends only on the base project and the seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.rows = _row_keys()

    def _text(self) -> str:
        roll = self.rng.random()
        if roll < 0.8:
            return f"{self.rng.randint(-(10**6), 10**8) / 100:.2f}"
        if roll < 0.9:
            return self.rng.choice(TYPED_WRONG)
        return ""

    def next(self) -> Op:
        rng = self.rng
        roll = rng.random()
        if roll < 0.05:
            return ("undo",)
        if roll < 0.07:
            return ("redo",)
        t = rng.choice(TABLES)
        keys = self.rows[t]
        col = 1 if t is T.BASIC else rng.choice(subject_columns(t)).no
        first = rng.randrange(len(keys))
        # One cell typed, or (one step in ten) a block of 2 to 6 cells pasted down a column.
        n = rng.randint(2, 6) if roll > 0.9 else 1
        return ("cells", t, [(k, col, self._text()) for k in keys[first : first + n]])


def apply(ctl, op: Op) -> None:
    if op[0] == "undo":
        ctl.undo_stack.undo()
    elif op[0] == "redo":
        ctl.undo_stack.redo()
    else:
        ctl.set_cells(op[1], op[2])


def versions(seed: int, wanted: set[int]) -> dict[int, dict]:
    """``model_dump`` of the wanted versions: 0 is the base, k the project after k steps.
    Replayed through a controller of the parent's own (needs a QApplication)."""
    from ui.controller import ProjectController

    ctl = ProjectController(base_project(), recovery=False)
    script = Script(seed)
    out = {0: ctl.project.model_dump()} if 0 in wanted else {}
    for k in range(1, max(wanted, default=0) + 1):
        apply(ctl, script.next())
        if k in wanted:
            out[k] = ctl.project.model_dump()
    ctl.close()
    return out


# Kill points: the session kills itself (SIGKILL) at a precise moment that a kill from outside
# hits only by luck, because it lasts a millisecond or less.
KILL_POINTS = {
    "save-unrenamed": "a save's data written and flushed, not yet renamed over the project file",
    "save-replaced": "the project file replaced by a save, the recovery copy not yet discarded",
    "copy-half": "a recovery copy's project written, its info file not yet (a copy existed before)",
}


def _arm(point: str, path: Path, slot, saving: list[bool]) -> None:
    """Wrap the one call after which ``point`` is reached; the wrapped code itself runs unchanged."""

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    if point == "save-unrenamed":
        real_replace = os.replace

        def replace(src, dst):
            if Path(dst) == path:
                die()
            real_replace(src, dst)

        os.replace = replace  # model.fileio.write_atomic looks it up on each call
    elif point == "save-replaced":
        real_discard = slot.discard

        def discard():
            if saving[0] and slot.written:
                die()
            real_discard()

        slot.discard = discard
    elif point == "copy-half":
        import ui.recovery

        real_write_atomic = ui.recovery.write_atomic

        def write_atomic(target, data):
            real_write_atomic(target, data)
            if target == slot.project_path and slot.written:
                die()

        ui.recovery.write_atomic = write_atomic
    else:
        raise ValueError(point)


def session(folder: Path, seed: int, interval_ms: int, point: str | None = None) -> None:
    """The working session; runs until killed (or until it kills itself at ``point``)."""
    os.environ["JSGK_DATA_DIR"] = str(folder / "appdata")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from model.loader import load_input
    from ui.controller import ProjectController
    from ui.lock import ProjectLock

    log = os.open(folder / "log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def note(word: str, k: int) -> None:
        os.write(log, f"{word} {k} {time.monotonic():.6f}\n".encode())

    app = QApplication(["crash_session"])
    path = folder / PROJECT
    lock = ProjectLock(path)  # as MainWindow.open_path: the lock, then the file
    lock.acquire()
    ctl = ProjectController(recovery=True, autosave_ms=interval_ms)
    ctl.replace(load_input(path).project, path, lock=lock)
    slot = ctl.slot
    assert slot is not None
    real_write = slot.write
    script = Script(seed)
    rng = random.Random(seed + 1)
    version = 0

    def logged_write(*args):
        k = version  # the copy is a snapshot of the project as it is now
        note("copying", k)
        done = real_write(*args)
        done.add_done_callback(lambda f: f.exception() is None and note("copied", k))
        return done

    slot.write = logged_write
    saving = [False]
    if point:
        _arm(point, path, slot, saving)

    def step() -> None:
        nonlocal version
        apply(ctl, script.next())
        version += 1
        note("edit", version)
        if rng.random() < SAVE_CHANCE:
            note("saving", version)
            saving[0] = True
            ctl.save(path)
            saving[0] = False
            note("saved", version)
        QTimer.singleShot(rng.randint(2, 20), step)  # typing speed: 50 to 500 cells a second

    note("ready", 0)
    QTimer.singleShot(0, step)
    app.exec()


def serve() -> None:
    """Read ``FOLDER SEED INTERVAL_MS [POINT]`` lines; fork a session for each and print its pid.

    Children are reaped by the system (SIGCHLD ignored), so a killed session's pid disappears at
    once: its lock files then count as stale, as a crashed window's do."""
    import PySide6.QtWidgets  # noqa: F401  the costly imports, done once

    import ui.controller  # noqa: F401
    from model.loader import load_input  # noqa: F401

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    for line in sys.stdin:
        folder, seed, interval_ms, *point = line.split()
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            devnull = os.open(os.devnull, os.O_RDWR)
            os.dup2(devnull, 0)
            os.dup2(devnull, 1)  # the server's stdout carries pids only
            try:
                session(Path(folder), int(seed), int(interval_ms), *point)
            finally:
                os._exit(1)
        print(pid, flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        session(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:])
