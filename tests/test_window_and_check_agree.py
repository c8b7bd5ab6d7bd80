"""The window and `main.py check` ask the same checker: for the same project and text they give the
same findings, word for word and in the same order (the bundled samples, a text read from a file,
and a project edited in the window and saved)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from checks.report import to_json
from model.layout import T
from tests import test_ui_support as support
from tests.seed_data import SAMPLE_2023, SAMPLE_2024, SEED_2023

ROOT = Path(__file__).resolve().parent.parent
data_dir = support.data_dir


def check_json(*args) -> list[dict]:
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", *map(str, args), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)["findings"]


def window_json(window) -> list[dict]:
    window.ctl.settle()  # what the window shows once the user pauses
    return to_json(window.ctl.findings(), window.ctl.project)["findings"]


@pytest.fixture
def window(qtbot, data_dir):
    from ui.main_window import MainWindow

    w = MainWindow(recovery=False)
    qtbot.addWidget(w, before_close_func=support.forget_changes)
    w.resize(1400, 900)
    w.show()
    return w


def opened(window, source: Path, tmp_path: Path) -> Path:
    path = tmp_path / source.name
    shutil.copyfile(source, path)
    assert window.open_path(path, asked=True)
    return path


@pytest.mark.parametrize("sample", [SAMPLE_2024, SAMPLE_2023], ids=["2024-蔡甸", "2023-青山"])
def test_a_sample_gives_the_same_findings_in_the_window_and_in_check(window, tmp_path, sample):
    path = opened(window, sample, tmp_path)
    shown = window_json(window)
    assert shown == check_json(path)
    assert any("section" in f["locations"][0] for f in shown) == any(
        v.strip() for v in window.ctl.project.text.values()
    )


def test_a_text_read_from_a_file_is_judged_alike(window, tmp_path):
    path = opened(window, SAMPLE_2023, tmp_path)
    host = window.show_page("text")
    assert host.page.import_file(str(SEED_2023))
    shown = window_json(window)
    assert [f for f in shown if "section" in f["locations"][0]]  # the text holds findings to agree on
    # check reads the document into the project's sections the same way, replacing its own text
    assert shown == check_json(path, "--text", SEED_2023)


def test_an_edited_project_gives_the_same_findings_once_saved(window, tmp_path):
    path = opened(window, SAMPLE_2024, tmp_path)
    ctl = window.ctl
    total = ctl.project.tables[T.GENERAL].row("total")
    ctl.set_cells(T.GENERAL, [("total", 1, "")])  # a 合计 left empty: one finding, not a cascade
    item = next(r for r in ctl.project.tables[T.GENERAL].subject_rows() if len(r.code) == 7)
    ctl.set_cells(T.GENERAL, [(item.key, 2, str(item.values[2] + Decimal("3.00")))])
    ctl.commit_entry("supplementary.procurement.total", "99.99")
    ctl.set_cells(T.BASIC, [("30109", 1, "abc")])  # a cell that does not parse
    host = window.show_page("text")
    editor = host.page.editors["十"]
    editor.setPlainText("机关运行经费支出 113.36 万元，比上年减少 3 万元。")
    ctl.undo_stack.undo()
    ctl.undo_stack.redo()
    shown = window_json(window)
    assert 1 not in total.values and {"T701", "H202", "V001", "S501"} <= {f["rule"] for f in shown}
    assert window.save()
    assert shown == check_json(path)
