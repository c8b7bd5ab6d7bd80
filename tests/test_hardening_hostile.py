"""Damaged and hostile files: `main.py check` refuses each with exit 2 and a clear message, within
2 s of CPU and 300 MB, leaving the file as it was; in-process, each is refused by ``load_input``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from model.loader import InputError, load_input
from tests.hostile import ROOT, all_files, check_command, fingerprint, run_measured
from tests.seed_data import WORKBOOK_2024

HOSTILE = {h.name: h for h in all_files()}
CPU_LIMIT = 2.0  # seconds of CPU; wall time is reported by bench/reliability_report.py
WALL_GUARD = 15.0  # a hang, not a slow machine
MEMORY_LIMIT = 300  # MB peak resident


@pytest.mark.slow
@pytest.mark.parametrize("name", list(HOSTILE))
def test_check_refuses_it_quickly_clearly_and_leaves_it_untouched(hostile_dir, name):
    h = HOSTILE[name]
    path = hostile_dir / name
    before = fingerprint(path)
    listing = sorted(os.listdir(hostile_dir))
    run = run_measured(check_command(path), timeout=60)
    assert run.returncode == 2, (run.stdout[-500:], run.stderr[-2000:])
    assert h.expect in run.stderr, run.stderr
    assert run.stderr.startswith("无法读取：") and "Traceback" not in run.stderr
    assert run.stdout == ""
    assert run.cpu <= CPU_LIMIT and run.wall <= WALL_GUARD, (run.cpu, run.wall)
    assert run.peak_mb <= MEMORY_LIMIT, run.peak_mb
    assert fingerprint(path) == before
    assert sorted(os.listdir(hostile_dir)) == listing  # nothing written beside it


@pytest.mark.parametrize("name", list(HOSTILE))
def test_load_input_refuses_it_with_the_same_reason(hostile_dir, name):
    with pytest.raises(InputError) as e:
        load_input(hostile_dir / name)
    assert HOSTILE[name].expect in str(e.value)


def test_the_set_of_hostile_files_covers_the_issue():
    names = " ".join(f"{h.name} {h.what}" for h in HOSTILE.values())
    for word in (
        "cut",
        "random bytes",
        "another program",
        "newer version",
        "empty file",
        "CSV",
        ".xls",
        "password-protected",
        "external entity",
        "billion-laughs",
        "zip bomb",
        "300 000 rows",
        "none of the nine tables",
        "nested",
    ):
        assert word in names, word
    assert sum(n.endswith((".xlsx", ".xls")) for n in HOSTILE) >= 15
    assert sum(n.endswith(".jsgk") for n in HOSTILE) >= 15


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.parametrize("suffix", [".jsgk", ".xlsx"])
def test_a_pipe_or_a_device_is_refused_without_blocking(tmp_path, suffix):
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    device = tmp_path / f"zero{suffix}"
    device.symlink_to("/dev/zero")
    for path in (fifo, device):
        run = run_measured(check_command(path), timeout=20)
        assert run.returncode == 2 and "不是普通文件" in run.stderr, run.stderr


def test_a_byte_order_mark_from_notepad_is_tolerated(tmp_path):
    sample = ROOT / "resources" / "samples" / "2024-蔡甸区委办公室.jsgk"
    path = tmp_path / "bom.jsgk"
    path.write_bytes(b"\xef\xbb\xbf" + sample.read_bytes())
    assert load_input(path).project.model_dump() == load_input(sample).project.model_dump()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice makes the real .xls")
def test_a_real_xls_from_libreoffice_is_named_as_such(tmp_path):
    book = WORKBOOK_2024
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "xls",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    xls = next(tmp_path.glob("*.xls"))
    renamed = tmp_path / "renamed.xlsx"
    shutil.copy(xls, renamed)
    for path in (xls, renamed):
        run = run_measured(check_command(path))
        assert run.returncode == 2 and "旧版 .xls" in run.stderr, run.stderr


# --------------------------------------------------------------------------- XML safety at start-up


def _main_with(prelude: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # the example workbook: no 错误 in it, so a passing start-up exits 0
    sample = ROOT.parent / "shared" / "examples" / "2024-蔡甸区委办公室-公开表.xlsx"
    code = f"{prelude}\nimport sys, main\nsys.exit(main.main(['check', {str(sample)!r}]))"
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def test_start_up_passes_with_defusedxml_in_use():
    from model.safety import assert_xml_safety

    assert_xml_safety()
    import openpyxl

    assert openpyxl.DEFUSEDXML is True
    assert _main_with("").returncode == 0


def test_start_up_refuses_to_run_without_defusedxml():
    r = _main_with("import sys; sys.modules['defusedxml'] = None")
    assert r.returncode == 2 and "defusedxml" in r.stderr and r.stdout == ""


def test_start_up_refuses_to_run_when_openpyxl_is_told_not_to_use_defusedxml():
    r = _main_with("", env={"OPENPYXL_DEFUSEDXML": "False"})
    assert r.returncode == 2 and "openpyxl 未启用 defusedxml" in r.stderr and "会展开实体" in r.stderr


def test_the_workbook_reader_refuses_any_dtd():
    from model.workbook.reader import parses_entities

    assert not parses_entities(b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    assert not parses_entities(b'<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><x/>')
    assert parses_entities(b"<x>plain</x>")


_GUI_START = """
import sys, main, model.safety, ui.app
from PySide6.QtWidgets import QMessageBox

def run_gui(argv):  # the window itself is not needed: what matters is what ran before it
    print("window started; XML safety asserted:", model.safety.assert_xml_safety.cache_info().currsize == 1)
    return 0

ui.app.run_gui = run_gui
QMessageBox.exec = lambda box: print("message box:", box.windowTitle(), box.text()) or 0
sys.exit(main.main([]))
"""


def _gui_start(prelude: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", prelude + _GUI_START],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )


def test_the_window_starts_only_after_xml_safety_is_asserted():
    r = _gui_start("")
    assert r.returncode == 0 and r.stdout.strip() == "window started; XML safety asserted: True", r.stderr


@pytest.mark.parametrize(
    ("prelude", "env", "why"),
    [
        ("import sys; sys.modules['defusedxml'] = None\n", None, "缺少安全组件 defusedxml"),
        ("", {"OPENPYXL_DEFUSEDXML": "False"}, "openpyxl 未启用 defusedxml"),
    ],
)
def test_the_window_does_not_start_without_xml_safety_and_says_why_in_a_box(prelude, env, why):
    r = _gui_start(prelude, env)
    assert r.returncode == 2 and "window started" not in r.stdout
    assert r.stdout.startswith("message box: 无法启动 ") and why in r.stdout, r.stdout
