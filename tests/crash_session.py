"""A stand-in for a working session, to be killed: edits, saves and recovery copies in a loop.

Run as a child process by tests/test_hardening_crash.py (and bench/reliability_report.py):

    python -m tests.crash_session FOLDER SEED INTERVAL

It edits a project cell by cell as an accountant would (amounts, corrections, a cell typed wrong,
a cleared cell), saves it now and then with ``model.fileio.save_project``, and every INTERVAL
seconds of modified state writes a recovery copy the way the window's ``RecoverySlot`` does
(``write_atomic`` of the project, then of a small info file; discarded after a save). Every step
is logged to FOLDER/log with a monotonic time stamp, unbuffered, so that after a SIGKILL the
parent knows what was done. The edits follow from SEED, so the parent can rebuild every version.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

from model.fileio import dumps, save_project, write_atomic
from model.layout import SUBJECT_TABLES, T, subject_columns
from model.project import Project, set_cell_text
from model.synthetic import synthetic_project

PROJECT = "项目.jsgk"
RECOVERY = "recovery.jsgk"
RECOVERY_INFO = "recovery.json"
SAVE_CHANCE = 0.08  # per edit: a save every dozen cells or so; the recovery copy covers the rest
TYPED_WRONG = ("12.345", "1,10,5", "abc", "=A1+B1", "12元")


def base_project() -> Project:
    # Large enough that a save takes a few milliseconds, so that kills land inside saves too.
    return synthetic_project(n_items=120, seed=11)


class Editor:
    """The SEED's sequence of edits, applied one at a time to a project."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def apply(self, p: Project) -> None:
        rng = self.rng
        t = rng.choice([*SUBJECT_TABLES, T.BASIC])
        rows = p.tables[t].rows
        row = rows[rng.randrange(len(rows))]
        col = 1 if t is T.BASIC else rng.choice(subject_columns(t)).no
        roll = rng.random()
        if roll < 0.8:
            text = f"{rng.randint(-(10**6), 10**8) / 100:.2f}"
        elif roll < 0.9:
            text = rng.choice(TYPED_WRONG)
        else:
            text = ""
        set_cell_text(row, col, text)


def versions(seed: int, wanted: set[int]) -> dict[int, str]:
    """The saved form of the wanted versions: 0 is the base, k the base after k edits."""
    p = base_project()
    editor = Editor(seed)
    out = {0: dumps(p)} if 0 in wanted else {}
    for k in range(1, max(wanted, default=0) + 1):
        editor.apply(p)
        if k in wanted:
            out[k] = dumps(p)
    return out


def main(folder: Path, seed: int, interval: float) -> None:
    log = os.open(folder / "log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def note(*words: object) -> None:
        os.write(log, (" ".join(map(str, words)) + f" {time.monotonic():.6f}\n").encode())

    p = base_project()
    editor = Editor(seed)
    rng = random.Random(seed + 1)
    version = saved = recovered = 0
    last_copy = time.monotonic()
    note("ready", 0)
    while True:
        editor.apply(p)
        version += 1
        note("edit", version)
        if rng.random() < SAVE_CHANCE:
            note("saving", version)
            save_project(p, folder / PROJECT)
            saved = version
            note("saved", version)
            for name in (RECOVERY_INFO, RECOVERY):  # as RecoverySlot.discard after a save
                (folder / name).unlink(missing_ok=True)
            recovered = version
        if time.monotonic() - last_copy >= interval:
            last_copy = time.monotonic()
            if recovered != version and saved != version:
                note("copying", version)
                write_atomic(folder / RECOVERY, dumps(p).encode("utf-8"))
                info = {"source": str(folder / PROJECT), "name": PROJECT, "saved_at": time.time()}
                write_atomic(folder / RECOVERY_INFO, json.dumps(info, ensure_ascii=False).encode("utf-8"))
                recovered = version
                note("copied", version)
        time.sleep(rng.uniform(0.002, 0.02))  # typing speed: 50 to 500 cells a second


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]))
