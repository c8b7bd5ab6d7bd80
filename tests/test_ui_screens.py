"""The window as it first opens on a 1366×768 laptop and on 1920×1080 at 150% (Qt scaled 1.5 as
Windows scales): it fits the screen, table 02 shows its rows, scrolled right its codes and names
stay, nothing is cut, and the findings fold away for more rows. The screenshots (02, 02 scrolled
right, the 情况说明 page, findings folded, 02 under a dark system palette) are left in
build/test-output/screens/ for a person to look at."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.outputs import output_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def screens(tmp_path_factory):
    out = output_dir("screens")
    reports = {}
    for name, size, scale in (("1366x768", "1366x768", 1.0), ("1920x1080-150", "1920x1080", 1.5)):
        env = dict(os.environ, JSGK_DATA_DIR=str(tmp_path_factory.mktemp(name)))  # a first start
        run = subprocess.run(
            [sys.executable, "-m", "ui.screenshots", str(out), "--screen", size, "--scale", str(scale), "--name", name],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        reports[name] = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    return out, reports


@pytest.mark.parametrize("name", ["1366x768", "1920x1080-150"])
def test_the_window_fits_and_nothing_is_cut(screens, name):
    out, reports = screens
    r = reports[name]
    logical = {"1366x768": [1366, 768], "1920x1080-150": [1280, 720]}[name]
    assert r["screen"] == logical  # 1920×1080 at 150% is 1280×720 to the program
    assert r["fits"] and r["window"][2] <= r["available"][2] and r["window"][3] <= r["available"][3]
    assert r["minimum"][0] <= logical[0] and r["minimum"][1] <= logical[1] - 100  # room for a taskbar
    assert r["clipped"] == [] and r["clipped_text_page"] == []
    assert r["rows_in_view"] >= 7 and r["rows_in_view_folded"] > r["rows_in_view"]
    for shot in ("02", "02-scrolled-right", "text", "02-findings-folded", "02-dark"):
        assert (out / f"{name}-{shot}.png").stat().st_size > 10_000


@pytest.mark.parametrize("name", ["1366x768", "1920x1080-150"])
def test_scrolled_right_the_codes_and_names_stay_and_the_last_column_shows(screens, name):
    f = screens[1][name]["frozen"]
    assert screens[1][name]["scrolls_sideways"]
    assert f["columns"] == 2 and f["visible"] and f["covers"] > 0
    assert f["first_code"] == "201" and f["last_column_seen"]
