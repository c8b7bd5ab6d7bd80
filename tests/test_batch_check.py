"""`main.py check DIR`: a folder of departments, one row each, details after, all cores."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checks.batch import BatchResult, check_path, collect_inputs, exit_status, run_batch, summary_table, totals
from main import main
from tests.batch_folder import make_inbox

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inbox")
    departments = make_inbox(folder, count=22)
    (folder / "~$01-示例第01区财政局.xlsx").write_bytes(b"lock")  # Excel's lock file: not a department
    (folder / "说明.txt").write_text("not an input", encoding="utf-8")
    return folder, departments


def _rows(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "序号" in line)
    end = next(i for i, line in enumerate(lines) if line.startswith(" 合计"))
    return lines[start + 1 : end]


def test_folder_gives_one_row_per_department_then_details(inbox, capsys):
    folder, departments = inbox
    status = main(["check", str(folder)])
    out = capsys.readouterr().out
    rows = _rows(out)
    assert len(rows) == len(departments) == 23
    for row, d in zip(rows, departments, strict=True):
        assert d.path.name in row
        if d.damaged:
            assert "无法读取" in row and "损坏" in row
            continue
        numbers = row.split()[1:6]
        year, errors, rounding, warnings, hints = map(int, numbers)
        assert year == d.year and d.name in row
        assert (errors > 0) == d.broken, row
        assert rounding == warnings == hints == 0  # generated departments agree to the cent
    broken = sum(d.broken for d in departments)
    assert f"有错误的部门 {broken} 个" in out and "无法读取 1 个" in out
    # The details follow: every readable department's findings under its own heading.
    details = out[out.index("=" * 30) :]
    for d in departments:
        assert d.path.name in details
    assert details.count("审核结果") == len(departments) - 1
    assert status == 2  # one department could not be read


def test_json_lists_every_input_with_totals(inbox, capsys):
    folder, departments = inbox
    status = main(["check", str(folder), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert [item["input"] for item in data["inputs"]] == [str(d.path) for d in departments]
    for item, d in zip(data["inputs"], departments, strict=True):
        assert item["readable"] is not d.damaged
        if d.damaged:
            assert "损坏" in item["error"]
        else:
            assert item["summary"]["department"] == d.name
            assert (item["summary"]["error"] > 0) == d.broken
            assert all(f["severity"] == "error" for f in item["findings"])
    t = data["totals"]
    assert (t["inputs"], t["checked"], t["unreadable"]) == (23, 22, 1)
    assert t["with_errors"] == sum(d.broken for d in departments)
    assert t["error"] == sum(item["summary"]["error"] for item in data["inputs"] if item["readable"])
    assert status == 2


def test_parallel_and_serial_runs_agree(inbox):
    folder, _departments = inbox
    paths = collect_inputs([str(folder)])
    assert not any("~$" in p or p.endswith(".txt") for p in paths)
    serial = run_batch(paths, jobs=1)
    parallel = run_batch(paths, jobs=2)
    assert [(r.input, r.error, r.counts, r.report) for r in serial] == [
        (r.input, r.error, r.counts, r.report) for r in parallel
    ]


def test_exit_status_is_the_worst_single_input_status(inbox, tmp_path, capsys):
    _folder, departments = inbox
    clean = [d for d in departments if not d.broken and not d.damaged][:3]
    broken = next(d for d in departments if d.broken)
    for d in clean:
        shutil.copy(d.path, tmp_path)
    assert main(["check", str(tmp_path)]) == 0
    assert main(["check", *(str(d.path) for d in clean), str(broken.path)]) == 1
    assert main(["check", str(clean[0].path), str(tmp_path / "不存在.xlsx")]) == 2
    capsys.readouterr()


def test_one_input_still_goes_through_the_single_check(inbox, capsys):
    _folder, departments = inbox
    broken = next(d for d in departments if d.broken)
    assert main(["check", str(broken.path)]) == 1
    out = capsys.readouterr().out
    assert "批量审核" not in out and "审核结果" in out
    damaged = next(d for d in departments if d.damaged)
    assert main(["check", str(damaged.path)]) == 2


def test_old_xls_files_are_reported_not_skipped(tmp_path, capsys):
    (tmp_path / "旧格式.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    (tmp_path / "附件.docx").write_bytes(b"PK")
    assert main(["check", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert "旧格式.xls" in out and "另存为 .xlsx" in out and "附件.docx" not in out


def test_an_empty_folder_is_reported(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "没有项目文件" in capsys.readouterr().err


def test_a_crash_inside_the_importer_is_one_unreadable_row_not_a_failed_batch(monkeypatch, tmp_path):
    import model.loader

    def explode(path):
        raise RuntimeError("boom")

    monkeypatch.setattr(model.loader, "load_input", explode)
    result = check_path(str(tmp_path / "x.xlsx"))
    assert not result.readable and "boom" in result.error


def test_repeated_departments_are_pointed_out():
    a = BatchResult("a/甲.xlsx", department="甲局", year=2024, counts={"error": 1})
    b = BatchResult("a/甲.jsgk", department="甲局", year=2024, counts={"error": 0})
    c = BatchResult("a/乙.jsgk", department="乙局", year=2024, counts={})
    text = summary_table([a, b, c])
    assert "甲局 2024年度 出现在 2 个文件中：甲.xlsx、甲.jsgk" in text
    assert "乙局 2024年度 出现在" not in text
    assert totals([a, b, c])["with_errors"] == 1 and exit_status([a, b, c]) == 1


def test_batch_checking_never_loads_qt(inbox):
    folder, _departments = inbox
    code = (
        "import sys, main; status = main.main(['check', sys.argv[1], '--jobs', '1']);"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]; print('status', status)"
    )
    run = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "status 2" in run.stdout
