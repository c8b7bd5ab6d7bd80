"""Start the app as a user would — from source or the PyInstaller build — for tests and bench/.

The window is timed with its start-up probe (``ui/probe.py``): it writes one JSON line once it has
painted and closes itself, so no display or click is needed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
NAME, CLI_NAME = "juesuan", "juesuan-cli"  # build.spec's names (tests/test_packaging_spec.py holds them to it)
EXE = ".exe" if sys.platform == "win32" else ""


def source_command() -> list[str]:
    return [sys.executable, str(ROOT / "main.py")]


def frozen_command(folder: Path, cli: bool = False) -> list[str]:
    return [str(folder / f"{CLI_NAME if cli else NAME}{EXE}")]


def build(distpath: Path, workpath: Path, onefile: bool = False, timeout: float = 900) -> Path:
    """Run PyInstaller on build.spec; the one-folder build's folder (or the one-file exe)."""
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    cmd += ["--distpath", str(distpath), "--workpath", str(workpath), str(SPEC)]
    if onefile:
        cmd += ["--", "--onefile"]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"PyInstaller failed ({r.returncode}):\n{r.stderr[-4000:]}")
    return distpath / (f"{NAME}{EXE}" if onefile else NAME)


def app_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a fresh user: own data folder (settings, recovery), no display needed."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["JSGK_DATA_DIR"] = str(data_dir)
    env.pop("JUESUAN_STARTUP_PROBE", None)
    env.update(extra)
    return env


def run(cmd: list[str], *args, env: dict[str, str], timeout: float = 120, wrap: list[str] = ()):
    return subprocess.run(
        [*wrap, *cmd, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )


@dataclass
class Started:
    seconds: float  # from launching the process to the window's first paint
    probe: dict  # what the probe wrote: shown, rss_mb, peak_rss_mb, title
    result: subprocess.CompletedProcess


def start_window(cmd: list[str], *args, env: dict[str, str], timeout: float = 120, wrap: list[str] = ()) -> Started:
    """Open the window (with ``args``, e.g. a project file), wait for it to paint and close."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "probe.jsonl"
        env = {**env, "JUESUAN_STARTUP_PROBE": str(target)}
        launched = time.time()
        result = run(cmd, *args, env=env, timeout=timeout, wrap=wrap)
        lines = target.read_text(encoding="utf-8").splitlines() if target.exists() else []
    if result.returncode != 0 or len(lines) != 1:
        raise AssertionError(f"window did not start and close: status {result.returncode}, {lines}\n{result.stderr}")
    probe = json.loads(lines[0])
    return Started(probe["shown"] - launched, probe, result)
