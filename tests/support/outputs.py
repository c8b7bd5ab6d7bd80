"""Where tests leave what a person should look at (window screenshots, printed tables): the folder
the README names, ``build/test-output/`` (or ``$JSGK_TEST_OUTPUT``), kept after the run."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def output_dir(name: str) -> Path:
    base = Path(os.environ.get("JSGK_TEST_OUTPUT") or ROOT / "build" / "test-output")
    folder = base / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
