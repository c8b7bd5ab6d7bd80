"""打印预览, 打印 and 导出PDF in the window: the same pages as the PDF export."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from checks.engine import run_checks
from export.checklist import paint_checklist
from export.checklist_content import build_checklist
from tests.seed_data import caidian_2024
from ui import checklist_print
from ui.checklist_print import default_file_name, export_checklist_pdf, make_print_preview, print_checklist

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler")


def _flat_text(pdf) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(out.split())


@pytest.fixture
def project():
    return caidian_2024()


def test_preview_shows_the_pages_the_printer_gets(qtbot, project, tmp_path):
    findings = run_checks(project)
    dialog = make_print_preview(None, project, findings)
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 0)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "same.pdf"))
    printer.setPageLayout(checklist_print.page_layout())
    assert preview.pageCount() == paint_checklist(build_checklist(project, findings), printer)
    assert "审核清单" in dialog.windowTitle()


def test_print_to_a_pdf_printer_holds_every_finding(qtbot, project, tmp_path):
    findings = run_checks(project)
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert print_checklist(None, project, findings, printer=printer)
    text = _flat_text(out)
    # (a printer gets no text repair: the PDF text of radical look-alikes is the printer driver's affair)
    items = [i for _g, group in build_checklist(project, findings).groups for i in group]
    assert len(items) == len(findings)
    for item in items:
        assert f"{item.no}" in text and item.rule in text and item.actual in text


def test_export_pdf_asks_for_a_file_and_adds_the_suffix(qtbot, project, tmp_path, monkeypatch):
    chosen = tmp_path / "清单"
    asked = {}

    def save_dialog(parent, caption, start, filters):
        asked.update(caption=caption, start=start)
        return str(chosen), filters

    monkeypatch.setattr(checklist_print.QFileDialog, "getSaveFileName", save_dialog)
    path = export_checklist_pdf(None, project, run_checks(project), directory=str(tmp_path))
    assert path == str(chosen) + ".pdf"
    assert asked["start"].endswith("2024-中国共产党武汉市蔡甸区委员会办公室本级-审核清单.pdf")
    assert "审核清单" in _flat_text(path)


def test_export_pdf_cancelled_writes_nothing(qtbot, project, tmp_path, monkeypatch):
    monkeypatch.setattr(checklist_print.QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    assert export_checklist_pdf(None, project) is None
    assert list(tmp_path.iterdir()) == []


def test_export_pdf_to_a_folder_that_cannot_be_written_says_why(qtbot, project, tmp_path, monkeypatch):
    warned = []
    monkeypatch.setattr(checklist_print.QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    target = tmp_path / "没有这个文件夹" / "清单.pdf"
    assert export_checklist_pdf(None, project, path=str(target)) is None
    assert warned and "无法写入" in warned[0] and not target.exists()


def test_default_file_name_has_no_characters_windows_refuses(project):
    project.meta.department = '某局/下属:单位*"A"'
    name = default_file_name(project)
    assert not set('/\\:*?"<>|') & set(name) and name.endswith("审核清单.pdf")
