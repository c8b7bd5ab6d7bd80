"""The check list PDF, read back with pdftotext: every finding, counts, 说明, signatures, pages."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from decimal import Decimal

import pytest

from checks.engine import run_checks
from checks.finding import Finding, Location, Severity
from export.checklist import _fix_cmap, write_checklist_pdf
from main import main
from model.fileio import save_project
from model.layout import T
from model.project import TOTAL
from tests.seed_data import caidian_2024
from tests.support.synthetic import synthetic_project

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler")

WHEN = datetime(2025, 3, 1, 9, 30)


def _text(pdf, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _flat(text: str) -> str:
    return "".join(text.split())


def _broken_project():
    p = synthetic_project(n_items=30, seed=9)
    p.meta.department = "示例区财政局"
    for t in (T.INCOME, T.EXPENSE):
        for row in p.tables[t].subject_rows()[:25]:
            row.values[2] = row.values.get(2, Decimal("0")) + Decimal("3.00")
    p.tables[T.GENERAL].row(TOTAL).values[1] += Decimal("0.01")
    return p


def test_pdf_holds_every_finding_the_counts_and_the_signature_lines(qapp, tmp_path):
    p = caidian_2024()
    findings = run_checks(p)
    warning = next(f for f in findings if f.severity is Severity.WARNING)
    p.acceptances[warning.key] = "职业年金按财政统一口径列支，两表口径不同。"
    pdf = tmp_path / "清单.pdf"
    write_checklist_pdf(p, pdf, checked_at=WHEN)

    raw = _flat(_text(pdf, "-raw"))
    assert "2024年度部门决算公开审核清单" in raw
    assert "部门：中国共产党武汉市蔡甸区委员会办公室本级" in raw
    assert "审核时间：2025-03-0109:30" in raw
    for f in findings:
        assert _flat(f.message) in raw, f.message
        assert f.rule in raw
    assert _flat(p.acceptances[warning.key]) in raw
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    assert f"共{len(findings)}条" in raw
    layout = _text(pdf, "-layout")
    head = next(line for line in layout.splitlines() if "尾数差异" in line and "提示" in line)
    numbers = layout.splitlines()[layout.splitlines().index(head) + 2].split()
    assert numbers == [str(counts[s]) for s in (Severity.ERROR, Severity.ROUNDING, Severity.WARNING, Severity.HINT)]
    for word in ("填表人", "审核人", "日期"):
        assert word in raw
    # the signature lines never stand on a page of their own
    last = [pg for pg in _text(pdf, "-raw").split("\f") if pg.strip()][-1]
    assert "填表人" in last and "序号" in last


def test_pdf_is_a4_with_numbered_pages_and_repeated_table_headers(qapp, tmp_path):
    p = _broken_project()
    findings = run_checks(p)
    assert len(findings) > 40
    pdf = tmp_path / "long.pdf"
    write_checklist_pdf(p, pdf, checked_at=WHEN)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595 x 842 pts (A4)" in info
    pages = [pg for pg in _text(pdf, "-layout").split("\f") if pg.strip()]
    assert len(pages) >= 2
    for n, page in enumerate(pages, 1):
        assert f"第 {n} 页，共 {len(pages)} 页" in page
        assert "序号" in page and "实为" in page  # the findings table's header on every page
    # No finding is cut across two pages: each message is whole on one page.
    raw_pages = [_flat(pg) for pg in _text(pdf, "-raw").split("\f")]
    for f in findings:
        assert sum(_flat(f.message) in pg for pg in raw_pages) == 1, f.message
    assert any("（续）" in pg for pg in raw_pages)  # a table that goes on says so


def test_severity_is_written_in_words_for_a_grayscale_copy(qapp, tmp_path):
    p = _broken_project()
    findings = run_checks(p)
    pdf = tmp_path / "words.pdf"
    write_checklist_pdf(p, pdf, checked_at=WHEN)
    layout = _text(pdf, "-layout")
    for f in findings[:10]:
        # the row that starts with the finding's number carries its severity's word
        number = findings.index(f) + 1
        row = next(line for line in layout.splitlines() if line.strip().startswith(f"{number} "))
        assert f.severity.label in row


def test_text_and_supplementary_findings_given_by_the_window(qapp, tmp_path):
    p = synthetic_project(n_items=8, seed=2)
    given = [
        Finding(
            "T701",
            Severity.HINT,
            "情况说明中的“1105.50”与01表总计1105.52不一致",
            (Location(section="一", start=10, end=17, text="1105.50"),),
            Decimal("1105.52"),
            Decimal("1105.50"),
            key="T701|一|10",
        ),
        Finding(
            "S501",
            Severity.ROUNDING,
            "政府采购支出总额 28.52 ≠ 货物+工程+服务 28.51",
            (Location(field="procurement.total"),),
        ),
    ]
    pdf = tmp_path / "given.pdf"
    write_checklist_pdf(p, pdf, given, checked_at=WHEN)
    raw = _flat(_text(pdf, "-raw"))
    assert "情况说明一、收入支出决算总体情况说明第11～17字“1105.50”" in raw
    assert "补充数据政府采购·政府采购支出总额" in raw
    assert "1,105.52" in raw and "T701" in raw


def test_pdf_text_has_ideographs_not_look_alike_radicals(qapp, tmp_path):
    pdf = tmp_path / "search.pdf"
    write_checklist_pdf(caidian_2024(), pdf, checked_at=WHEN)
    text = _text(pdf, "-raw")
    assert not [ch for ch in text if 0x2E80 <= ord(ch) < 0x2FE0]
    for word in ("部门", "金额单位", "提示", "收入", "行次"):
        assert word in _flat(text)


def test_cmap_repair_touches_unicode_values_only():
    cmap = (
        b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        b"2 beginbfchar\n<2ED4> <2ED4>\n<0003> <2FA6>\nendbfchar\n"
        b"1 beginbfrange\n<2ED4> <2ED5> [<2ED4> <4E2D>]\nendbfrange\n"
    )
    fixed = _fix_cmap(cmap, {0x2ED4: 0x95E8, 0x2FA6: 0x91D1})
    assert b"<2ED4> <95E8>\n<0003> <91D1>" in fixed
    assert b"<2ED4> <2ED5> [<95E8> <4E2D>]" in fixed
    assert len(fixed) == len(cmap)


def test_export_command_writes_the_check_list(qapp, tmp_path, capsys):
    p = _broken_project()
    src = tmp_path / "dept.jsgk"
    save_project(p, src)
    out = tmp_path / "审核清单.pdf"
    assert main(["export", str(src), "--checklist", str(out)]) == 0
    raw = _flat(_text(out, "-raw"))
    assert "示例区财政局" in raw
    assert all(_flat(f.message) in raw for f in run_checks(p))
    assert "已导出" in capsys.readouterr().out
