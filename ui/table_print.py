"""打印 in the window: the current table or all nine, shown in a preview to print from (Ctrl+P),
and 打印设置 (printer, paper, orientation, margins) remembered between sessions.

    open_preview(window, project, current)   the preview; its 打印 button asks for the printer
    page_setup(window)                       打印设置…
    print_to(printer, project, tables)       what the preview and the printer get (export/table_print.py)
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPageSetupDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QToolBar, QWidget

from export.table_print import default_page_layout, paint_tables, repair_pdf_text
from model.layout import T, printed_number
from model.project import Project
from ui.paths import settings

KEY = "print/"
ALL_TABLES = "全部九张表"


def make_printer() -> QPrinter:
    """A printer as the user last set it up (打印设置), else A4 landscape on the default printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(default_page_layout())
    s = settings()
    name = str(s.value(KEY + "printer", "") or "")
    if name and name in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(name)
    try:
        size = QPageSize.PageSizeId(int(s.value(KEY + "pageSize", -1)))
        orientation = QPageLayout.Orientation(int(s.value(KEY + "orientation", -1)))
        margins = [float(x) for x in str(s.value(KEY + "marginsMm", "")).split(",")]
    except (TypeError, ValueError):
        return printer
    if len(margins) == 4:
        printer.setPageLayout(
            QPageLayout(QPageSize(size), orientation, QMarginsF(*margins), QPageLayout.Unit.Millimeter)
        )
    for key, setter, kind in (
        ("duplex", printer.setDuplex, QPrinter.DuplexMode),
        ("colorMode", printer.setColorMode, QPrinter.ColorMode),
    ):
        value = s.value(KEY + key)
        if value is not None:
            with contextlib.suppress(TypeError, ValueError):
                setter(kind(int(value)))
    return printer


def remember(printer: QPrinter) -> None:
    """What the user chose, for the next print (also after the program is closed)."""
    s = settings()
    layout = printer.pageLayout()
    m = layout.margins(QPageLayout.Unit.Millimeter)
    if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
        s.setValue(KEY + "printer", printer.printerName())
    s.setValue(KEY + "pageSize", int(layout.pageSize().id().value))
    s.setValue(KEY + "orientation", int(layout.orientation().value))
    s.setValue(KEY + "marginsMm", ",".join(f"{v:g}" for v in (m.left(), m.top(), m.right(), m.bottom())))
    s.setValue(KEY + "duplex", int(printer.duplex().value))
    s.setValue(KEY + "colorMode", int(printer.colorMode().value))


def print_to(printer: QPrinter, project: Project, tables: list[T] | None) -> list[int]:
    """Paint the tables (None: all nine) on the printer; the pages of each. A print into a PDF
    file gets its text made searchable."""
    counts = paint_tables(project, printer, tables)
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        repair_pdf_text(printer.outputFileName(), project, tables)
    return counts


def scope_label(project: Project, t: T) -> str:
    return f"当前表（公开{printed_number(t, project.meta.variant)}表）"


class TablePreview(QPrintPreviewDialog):
    """Qt's preview with a choice of what to print: the current table or all nine."""

    def __init__(self, parent: QWidget | None, project: Project, current: T | None, printer: QPrinter):
        super().__init__(printer, parent)
        self.project, self.printer_ = project, printer
        self.tables: list[T] | None = [current] if current is not None else None
        self.counts: list[int] = []
        self.setWindowTitle("打印预览")
        self.scope = QComboBox()
        if current is not None:
            self.scope.addItem(scope_label(project, current), current.value)
        self.scope.addItem(ALL_TABLES, "")
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.pages = QLabel()
        bar = self.findChild(QToolBar)
        if bar is not None:
            bar.insertWidget(bar.actions()[0], QLabel(" 打印："))
            bar.insertWidget(bar.actions()[1], self.scope)
            bar.addWidget(self.pages)
        self.paintRequested.connect(self._paint)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(screen.width() * 4 // 5, screen.height() * 5 // 6)

    def _scope_changed(self, _i: int) -> None:
        value = self.scope.currentData()
        self.tables = [T(value)] if value else None
        from PySide6.QtPrintSupport import QPrintPreviewWidget

        widget = self.findChild(QPrintPreviewWidget)
        if widget is not None:
            widget.updatePreview()

    def _paint(self, printer: QPrinter) -> None:
        try:
            self.counts = print_to(printer, self.project, self.tables)
        except OSError as e:
            QMessageBox.warning(self, "打印", str(e))
            return
        self.pages.setText(f"  共 {sum(self.counts)} 页")


def open_preview(parent: QWidget, project: Project, current: T | None) -> int:
    printer = make_printer()
    dialog = TablePreview(parent, project, current, printer)
    result = dialog.exec()
    remember(printer)
    return result


def page_setup(parent: QWidget) -> bool:
    """打印设置: printer, paper, orientation and margins, kept for the next print."""
    printer = make_printer()
    dialog = QPageSetupDialog(printer, parent)
    dialog.setWindowTitle("打印设置")
    if dialog.exec() != QPageSetupDialog.DialogCode.Accepted:
        return False
    remember(printer)
    return True
