"""审核清单 in the window: 打印预览, 打印 and 导出PDF, all painted by export.checklist.

The main window hooks these into its menu:

    open_print_preview(window, project, session.findings())
    print_checklist(window, project, session.findings())
    export_checklist_pdf(window, project, session.findings())
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from checks.finding import Finding
from export.checklist import page_layout, paint_checklist, refuse_too_long, write_checklist
from export.checklist_content import Checklist, build_checklist, checklist_title
from export.export_command import export_failure
from model.outputs import OutputRefused
from model.project import Project

TITLE = "审核清单"


def make_printer(checklist: Checklist) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setDocName(f"{checklist.department} {checklist_title(checklist)}")
    return printer


def make_print_preview(
    parent: QWidget | None, project: Project, findings: Sequence[Finding] | None = None
) -> QPrintPreviewDialog:
    """The preview dialog, not yet shown; its 打印 button prints what it shows."""
    checklist = build_checklist(project, findings)
    printer = make_printer(checklist)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog._printer = printer  # the dialog does not own its printer; it must live as long as the dialog
    dialog.setWindowTitle(f"{TITLE} — 打印预览")
    dialog.paintRequested.connect(lambda printer: paint_checklist(checklist, printer))
    dialog.resize(900, 1000)
    return dialog


def open_print_preview(parent: QWidget | None, project: Project, findings: Sequence[Finding] | None = None) -> int:
    try:
        refuse_too_long(build_checklist(project, findings))
    except OutputRefused as e:
        QMessageBox.warning(parent, f"{TITLE}预览", str(e))
        return 0
    return make_print_preview(parent, project, findings).exec()


def print_checklist(
    parent: QWidget | None,
    project: Project,
    findings: Sequence[Finding] | None = None,
    printer: QPrinter | None = None,
) -> bool:
    """Ask for the printer (unless one is given) and print; False when the user cancels."""
    checklist = build_checklist(project, findings)
    try:
        refuse_too_long(checklist)
    except OutputRefused as e:
        QMessageBox.warning(parent, f"打印{TITLE}", str(e))
        return False
    if printer is None:
        printer = make_printer(checklist)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(f"打印{TITLE}")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    try:
        paint_checklist(checklist, printer)
    except (OSError, OutputRefused) as e:
        QMessageBox.warning(parent, f"打印{TITLE}", str(e))
        return False
    return True


def default_file_name(project: Project) -> str:
    name = f"{project.meta.year}-{project.meta.department or '部门'}-{TITLE}.pdf"
    return re.sub(r'[\\/:*?"<>|]', "_", name)


def export_checklist_pdf(
    parent: QWidget | None,
    project: Project,
    findings: Sequence[Finding] | None = None,
    path: str | None = None,
    directory: str = "",
) -> str | None:
    """Ask where (unless ``path`` is given), write the PDF; the path written, or None."""
    if path is None:
        start = f"{directory}/{default_file_name(project)}" if directory else default_file_name(project)
        path, _filter = QFileDialog.getSaveFileName(parent, f"导出{TITLE}", start, "PDF 文件 (*.pdf)")
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
    try:
        write_checklist(build_checklist(project, findings), path)
    except Exception as e:  # every failure is said; the PDF is written atomically, nothing is left
        QMessageBox.warning(parent, f"导出{TITLE}", export_failure(path, e))
        return None
    return path
