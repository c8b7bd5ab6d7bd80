"""`main.py check`: what a user and a script see, and the exit status."""

import json
import subprocess
import sys
from pathlib import Path

from tests.seed_data import SAMPLE_2024, WORKBOOK_2023, WORKBOOK_2024

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )


def test_text_output_groups_by_table_and_counts():
    r = run("check", WORKBOOK_2024)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "错误 0 · 尾数差异 13 · 警告 1 · 提示 3" in out
    assert "【01表 收入支出决算总表】" in out and "【06表 一般公共预算财政拨款基本支出决算明细表】" in out
    assert out.index("【01表") < out.index("【02表") < out.index("【06表")
    assert "93.29 ≠ 03表 221 住房保障支出·本年支出合计 93.28" in out


def test_json_output():
    r = run("check", SAMPLE_2024, "--json")
    doc = json.loads(r.stdout)
    tables = [f for f in doc["findings"] if "section" not in f["locations"][0]]
    assert sum(f["severity"] == "rounding" for f in tables) == 14
    assert sum(f["severity"] == "warning" for f in tables) == 2
    assert not [f for f in tables if f["severity"] == "error"]
    f = next(f for f in doc["findings"] if f["rule"] == "X305")
    assert f["severity"] == "rounding"
    assert f["locations"][0] == {"table": "01", "row": "49", "col": 2}
    assert f["expected"] == "93.28" and f["actual"] == "93.29"
    assert {f["severity"] for f in doc["findings"]} <= {"error", "rounding", "warning", "hint"}
    # the sample holds the published 情况说明: checked too, with its real errors (the 三公 budget)
    budget = next(f for f in doc["findings"] if f["rule"] == "T701" and f["locations"][0]["section"] == "九")
    assert budget["severity"] == "error" and budget["expected"] == "31.62"
    assert doc["summary"]["text_coverage"]["found"] > 100
    assert r.returncode == 1


def test_workbook_locations_name_sheet_and_cell():
    doc = json.loads(run("check", WORKBOOK_2023, "--json").stdout)
    f = next(f for f in doc["findings"] if f["rule"] == "W401")
    assert f["locations"][0]["sheet"] == "公开06表" and f["locations"][0]["cell"] == "C12"


def test_errors_give_exit_status_1(tmp_path):
    from model.fileio import save_project
    from model.layout import T
    from tests.seed_data import caidian_2024

    p = caidian_2024()
    p.tables[T.GENERAL].row("total").values[1] += 100
    path = tmp_path / "bad.jsgk"
    save_project(p, path)
    r = run("check", path)
    assert r.returncode == 1
    assert "错误 " in r.stdout and "05表 合计·小计" in r.stdout


def test_unreadable_input_gives_exit_status_2_and_a_reason(tmp_path):
    bad = tmp_path / "x.jsgk"
    bad.write_text("{not json", encoding="utf-8")
    r = run("check", bad)
    assert r.returncode == 2
    assert "损坏" in r.stderr and "Traceback" not in r.stderr
    r = run("check", tmp_path / "missing.xlsx")
    assert r.returncode == 2 and "找不到" in r.stderr


def test_check_does_not_load_qt():
    code = (
        "import sys, main; main.main(['check', sys.argv[1]]); "
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT')"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(SAMPLE_2024)], capture_output=True, text=True, cwd=ROOT, encoding="utf-8"
    )
    assert r.stdout.strip().endswith("NOQT")
