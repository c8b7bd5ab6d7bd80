"""Off-screen painting (charts, the check list PDF) makes its own application the same way everywhere.

Each case runs in a fresh process: the application object is made once per process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAINT_BOTH = """
from export.checklist import checklist_pdf_bytes
from export.checklist_content import build_checklist
from export.docx_charts import chart_specs, render_png
from export.painting import painting_app
from tests.support.synthetic import synthetic_project
from checks.engine import run_checks

p = synthetic_project(n_items=6, seed=1)
pdf = checklist_pdf_bytes(build_checklist(p, run_checks(p)))
png = render_png(next(iter(chart_specs(p).values())))
app = painting_app()
print(png[:4] == b"\\x89PNG", pdf[:5] == b"%PDF-", app.platformName())
"""


def _run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    return {**env, "PYTHONPATH": str(ROOT), **extra}


def test_charts_and_check_list_paint_offscreen_even_where_a_display_is_named():
    # A DISPLAY that cannot be reached: painting must not try the window system at all.
    done = _run(PAINT_BOTH, _env(DISPLAY=":987"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "offscreen"]


def test_the_platform_named_in_the_environment_is_kept():
    done = _run(PAINT_BOTH, _env(QT_QPA_PLATFORM="minimal"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "minimal"


def test_a_process_with_only_a_core_application_is_told_why_it_cannot_paint():
    code = (
        "from PySide6.QtCore import QCoreApplication\n"
        "app = QCoreApplication([])\n"
        "from export.painting import painting_app\n"
        "try:\n"
        "    painting_app()\n"
        "except RuntimeError as e:\n"
        "    print(e)\n"
    )
    done = _run(code, _env())
    assert done.returncode == 0, done.stderr
    assert "绘图需要图形界面环境" in done.stdout
