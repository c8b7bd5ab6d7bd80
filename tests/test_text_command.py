"""`main.py check INPUT --text DOC`: text findings with their spans, and the coverage."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from docx import Document

from checks.check_command import check_one
from tests.seed_data import ROOT, SAMPLE_2024, SEED_2024, WORKBOOK_2024
from tests.text_fixtures import seed_text


def run_json(input_path, text_path):
    out = io.StringIO()
    code = check_one(str(input_path), True, out, text=str(text_path))
    return code, json.loads(out.getvalue())


def test_a_txt_document_against_a_project_file():
    code, doc = run_json(SAMPLE_2024, SEED_2024)
    assert code == 1
    summary = doc["summary"]
    assert summary["text_coverage"]["found"] == 153  # 九's 公务用车保有量 is no longer 十二's 车辆总数
    assert 140 <= summary["text_coverage"]["verified"] <= 153
    text = seed_text("001")
    found = [f for f in doc["findings"] if f["rule"].startswith("T7")]
    # 五's "3. 94%" (卫生健康 43.50 of 1105.52) is 3.935%: explained by 05表's 合计 being a cent more
    # than its classes, which the table's own H202 reports once; the text is not told again.
    assert not [f for f in found if f["rule"] == "T702" and f["locations"][0]["section"] == "五"]
    assert [f for f in doc["findings"] if f["rule"] == "H202" and f["expected"] == "1105.51"]
    nine = [f for f in found if f["rule"] == "T701" and f["locations"][0]["section"] == "九"]
    assert [f["expected"] for f in nine] == ["31.62", "14.30", "17.32"]
    for f in found:
        loc = f["locations"][0]
        assert set(loc) == {"section", "start", "end", "text"}
        assert loc["end"] > loc["start"]
        assert loc["text"] in text  # a span of the section, which is a slice of the document


def test_a_docx_document_against_a_workbook(tmp_path):
    docx_path = tmp_path / "情况说明.docx"
    d = Document()
    d.add_paragraph("第三部分 2024年度部门决算情况说明")
    d.add_paragraph("九、财政拨款“三公”经费支出决算情况说明")
    body = "2024年度“三公”经费财政拨款支出全年预算为30万元，支出决算为31.62万元，完成全年预算的105.4%。"
    d.add_paragraph(body)
    d.add_paragraph("十一、政府采购支出说明")
    d.add_paragraph("无。")
    d.save(docx_path)
    code, doc = run_json(WORKBOOK_2024, docx_path)
    assert code == 1
    t = [(f["rule"], f["locations"][0]) for f in doc["findings"] if f["rule"] in ("T701", "T705")]
    assert t == [
        ("T701", {"section": "九", "start": body.index("30万"), "end": body.index("30万") + 2, "text": "30"}),
        ("T705", {"section": "九", "start": body.index("105.4%"), "end": body.index("105.4%") + 6, "text": "105.4%"}),
    ]
    assert doc["summary"]["text_coverage"] == {"found": 3, "verified": 3}


def test_text_output_names_the_document_and_its_coverage():
    out = io.StringIO()
    check_one(str(SAMPLE_2024), False, out, text=str(SEED_2024))
    report = out.getvalue()
    assert "核对数字" in report and "找到数字 153" in report
    assert "【情况说明】" in report and "T702" in report


def test_a_document_without_headings_or_unreadable_is_refused(tmp_path, capsys):
    plain = tmp_path / "x.txt"
    plain.write_text("只有一句话。", encoding="utf-8")
    assert check_one(str(SAMPLE_2024), True, io.StringIO(), text=str(plain)) == 2
    assert "没有找到情况说明的标题" in capsys.readouterr().err
    broken = tmp_path / "x.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert check_one(str(SAMPLE_2024), True, io.StringIO(), text=str(broken)) == 2
    assert "不是有效的 Word 文档" in capsys.readouterr().err
    assert check_one(str(SAMPLE_2024), True, io.StringIO(), text=str(tmp_path / "none.txt")) == 2


def test_gbk_text_files_are_read(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("十、机关运行经费支出说明\n机关运行经费支出 113.36 万元。".encode("gb18030"))
    code, doc = run_json(SAMPLE_2024, path)
    (f,) = [f for f in doc["findings"] if f["rule"] == "T701"]
    assert f["expected"] == "103.36"


def test_the_command_line_end_to_end():
    done = subprocess.run(
        [sys.executable, "main.py", "check", str(SAMPLE_2024), "--text", str(SEED_2024), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["summary"]["text_coverage"]["found"] == 153
