"""Kill a working session (tests/crash_session.py) with SIGKILL at random moments, then look at
what a restart would find: the saved file, and the recovery copy the window would offer.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from model.fileio import ProjectFileError, load_project, save_project
from tests.crash_session import PROJECT, RECOVERY, base_project, versions

ROOT = Path(__file__).resolve().parent.parent
SLACK = 0.1  # s: one loop of the session (a save, a pause between cells) and writing one copy


@dataclass
class Trial:
    seed: int
    edits: int  # edits made before the kill
    killed_in_save: bool  # the kill came between "saving" and "saved"
    killed_in_copy: bool
    saved_version: int  # the version the saved file holds
    restored_version: int  # what a restart restores: the recovery copy if any, else the saved file
    lost: int  # edits not restored
    oldest_lost_age: float  # s before the kill of the oldest edit not restored (0 if none)
    leftover_temporaries: int  # half-written temporary files of interrupted saves
    problems: list[str]


def _read_log(folder: Path) -> list[tuple[str, int, float]]:
    out = []
    for line in (folder / "log").read_text().splitlines():
        parts = line.split()
        if len(parts) == 3:  # a line cut by the kill has no time stamp yet
            out.append((parts[0], int(parts[1]), float(parts[2])))
    return out


def _version_of(path: Path, candidates: dict[int, str]) -> tuple[int | None, str | None]:
    """Which of the candidate versions the file holds, or what is wrong with it."""
    try:
        load_project(path)
    except ProjectFileError as e:
        return None, f"{path.name} cannot be opened: {e}"
    text = path.read_text(encoding="utf-8")
    for k, v in candidates.items():
        if text == v:
            return k, None
    return None, f"{path.name} is complete but none of versions {sorted(candidates)}"


def run_trial(folder: Path, seed: int, interval: float, rng: random.Random, aim_at_save: bool = False) -> Trial:
    """One session killed at a random moment, or (``aim_at_save``) just after a save has begun."""
    folder.mkdir(parents=True)
    save_project(base_project(), folder / PROJECT)  # the project as opened, version 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_session", str(folder), str(seed), str(interval)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not (folder / "log").exists() or not (folder / "log").read_text().startswith("ready"):
        if child.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"session did not start: {child.stderr.read().decode(errors='replace')[-2000:]}")
        time.sleep(0.01)
    if aim_at_save:
        started = time.monotonic()
        while "\nsaving" not in (folder / "log").read_text() and time.monotonic() - started < 20:
            time.sleep(0.0005)
        time.sleep(rng.uniform(0, 0.03))  # a save of this project takes 10 to 30 ms
    else:
        time.sleep(rng.uniform(0.05, 4 * interval))
    killed_at = time.monotonic()
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stderr.close()

    log = _read_log(folder)
    edits = {k: t for word, k, t in log if word == "edit"}
    last_edit = max(edits, default=0)
    done = {word: max((k for w, k, _t in log if w == word), default=None) for word in ("saved", "copied")}
    begun = {word: max((k for w, k, _t in log if w == word), default=None) for word in ("saving", "copying")}
    saved_ks = {0 if done["saved"] is None else done["saved"], begun["saving"]} - {None}
    copy_ks = {done["copied"], begun["copying"]} - {None}
    texts = versions(seed, saved_ks | copy_ks)
    problems = []

    # The saved file: the old version or the new one, complete.
    saved_candidates = {k: texts[k] for k in saved_ks}
    saved_version, problem = _version_of(folder / PROJECT, saved_candidates)
    if problem:
        problems.append(problem)
    restored = saved_version or 0
    recovery = folder / RECOVERY
    if recovery.exists():
        # The copy is written after the last save (a save discards it): the last copy or the one begun.
        copy_candidates = {k: texts[k] for k in copy_ks}
        copied, problem = _version_of(recovery, copy_candidates)
        if problem:
            problems.append(problem)
        restored = max(restored, copied or 0)
    lost = [k for k in edits if k > restored]
    oldest_lost_age = killed_at - min(edits[k] for k in lost) if lost else 0.0
    if oldest_lost_age > interval + SLACK:
        problems.append(f"edit {min(lost)} made {oldest_lost_age:.3f} s before the kill was not restored")
    temporaries = [n for n in os.listdir(folder) if n.endswith(".tmp")]
    return Trial(
        seed,
        last_edit,
        begun["saving"] is not None and begun["saving"] != done["saved"],
        begun["copying"] is not None and begun["copying"] != done["copied"],
        saved_version if saved_version is not None else -1,
        restored,
        len(lost),
        oldest_lost_age,
        len(temporaries),
        problems,
    )


def run_trials(folder: Path, count: int, interval: float, aimed: int = 0, seed: int = 0) -> list[Trial]:
    """``count`` kills at random moments, then ``aimed`` kills aimed at a save in progress."""
    rng = random.Random(seed)
    return [
        run_trial(folder / f"t{i}", seed * 1000 + i, interval, rng, aim_at_save=i >= count)
        for i in range(count + aimed)
    ]
