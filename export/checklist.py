"""The check list (审核清单) as a PDF, and the painter shared with print preview and printing.

Qt is imported inside the functions, never at module level: `check` and the other exporters stay
free of Qt. Qt is used because it is already the app's toolkit and it lays out CJK text, tables
split across pages with repeated headers, and embeds the fonts in the PDF; one QTextDocument
therefore serves the preview, the printer and the PDF alike (ui/checklist_print.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from checks.finding import Finding
from export.checklist_content import Checklist, build_checklist, checklist_html, checklist_title
from model.fileio import write_atomic
from model.project import Project

# 宋体 where the office PC has it; Noto CJK on Linux; 微软雅黑 as a last resort on Windows.
FONT_FAMILIES = ["SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei"]
MARGINS_MM = (18.0, 15.0, 18.0, 15.0)  # left, top, right, bottom
LAYOUT_DPI = 96  # the document is laid out at this resolution, then scaled to the device's
FOOTER_PX = 28

_app = None  # the offscreen QGuiApplication made for command-line use, kept alive


def ensure_gui_app():
    """Painting text needs a QGuiApplication; the command line has none, and often no display."""
    global _app
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    if QCoreApplication.instance() is None:
        argv = [sys.argv[0] if sys.argv else "main.py"]
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        if headless and "QT_QPA_PLATFORM" not in os.environ:
            argv += ["-platform", "offscreen"]
        _app = QGuiApplication(argv)
    return QCoreApplication.instance()


def page_layout():
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(*MARGINS_MM))


def checklist_document(checklist: Checklist):
    """A QTextDocument of the check list, laid out at LAYOUT_DPI whatever the screen."""
    from PySide6.QtGui import QFont, QImage, QTextDocument

    doc = QTextDocument()
    reference = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_meter = round(LAYOUT_DPI / 0.0254)
    reference.setDotsPerMeterX(dots_per_meter)
    reference.setDotsPerMeterY(dots_per_meter)
    doc.documentLayout().setPaintDevice(reference)
    doc._reference_device = reference  # the layout holds a raw pointer; keep the image alive with the document
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(checklist_html(checklist))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, checklist_title(checklist))
    return doc


def paint_checklist(checklist: Checklist, device) -> int:
    """Paint the check list on a QPrinter or QPdfWriter, page by page, with a footer on each.

    Returns the number of pages.
    """
    from PySide6.QtCore import QRectF, QSizeF, Qt
    from PySide6.QtGui import QFont, QPainter

    doc = checklist_document(checklist)
    scale = device.logicalDpiX() / LAYOUT_DPI
    area = device.pageLayout().paintRectPixels(device.resolution())
    width, height = area.width() / scale, area.height() / scale
    body = height - FOOTER_PX
    doc.setPageSize(QSizeF(width, body))
    pages = doc.pageCount()
    footer_font = QFont()
    footer_font.setFamilies(FONT_FAMILIES)
    footer_font.setPixelSize(12)  # in layout pixels: the painter's scale brings it to the device
    left = f"{checklist.department} {checklist_title(checklist)}"
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始打印（打印机或文件不可用）")
    try:
        painter.scale(scale, scale)
        for i in range(pages):
            if i:
                device.newPage()
            painter.save()
            painter.translate(0, -i * body)
            doc.drawContents(painter, QRectF(0, i * body, width, body))
            painter.restore()
            painter.setFont(footer_font)
            foot = QRectF(0, height - FOOTER_PX + 8, width, FOOTER_PX - 8)
            painter.drawLine(0, int(height - FOOTER_PX + 4), int(width), int(height - FOOTER_PX + 4))
            painter.drawText(foot, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), left)
            painter.drawText(
                foot, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"第 {i + 1} 页，共 {pages} 页"
            )
    finally:
        painter.end()
    return pages


def checklist_pdf_bytes(checklist: Checklist) -> bytes:
    ensure_gui_app()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout())
    writer.setResolution(300)
    writer.setTitle(f"{checklist.department} {checklist_title(checklist)}")
    writer.setCreator("决算公开编报助手")
    paint_checklist(checklist, writer)
    del writer  # flushes the PDF's trailer into the buffer
    buffer.close()
    return repair_to_unicode(bytes(data.data()), radical_map(checklist_html(checklist)))


# ---------------------------------------------------------------- searchable text in the PDF
#
# Qt writes each embedded font's ToUnicode map by asking, for every code point in turn, which glyph
# it draws, and keeps the first code point per glyph. CJK fonts draw a radical (⻔ U+2ED4, ⾦ U+2FA6)
# with the same glyph as the ideograph (门, 金), and the radicals come first, so the PDF's text reads
# "部⻔", "⾦额": a search for 部门 in the PDF finds nothing. The map is rewritten, code for code
# (same length, so no offset in the file moves), to the ideographs the document actually contains.

_RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement, Kangxi Radicals


def radical_map(text: str) -> dict[int, int]:
    """Radical → the ideograph of ``text`` drawn with the same glyph, in the fonts used."""
    import unicodedata

    from PySide6.QtGui import QFont, QRawFont

    wanted = sorted({ch for ch in text if ord(ch) >= 0x3000})
    radicals = "".join(chr(c) for c in _RADICALS)
    out: dict[int, int] = {}
    for bold in (False, True):
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setBold(bold)
        raw = QRawFont.fromFont(font)
        if not raw.isValid():
            continue
        by_glyph = {g: ch for g, ch in zip(raw.glyphIndexesForString("".join(wanted)), wanted, strict=True) if g}
        for r, g in zip(radicals, raw.glyphIndexesForString(radicals), strict=True):
            if g and g in by_glyph:
                out[ord(r)] = ord(by_glyph[g])
    for c in _RADICALS:  # Kangxi radicals have a compatibility mapping of their own
        ideograph = unicodedata.normalize("NFKC", chr(c))
        if ideograph != chr(c) and c not in out:
            out[c] = ord(ideograph)
    return out


def repair_to_unicode(pdf: bytes, mapping: dict[int, int]) -> bytes:
    import re

    out = bytearray(pdf)
    for obj in set(re.findall(rb"/ToUnicode (\d+) 0 R", pdf)):
        head = re.search(rb"\n" + obj + rb" 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n", pdf)
        if head is None:
            continue  # a compressed map: left as Qt wrote it
        start, length = head.end(), int(head[1])
        out[start : start + length] = _fix_cmap(pdf[start : start + length], mapping)
    return bytes(out)


def _fix_cmap(cmap: bytes, mapping: dict[int, int]) -> bytes:
    """Rewrite the Unicode side of bfchar (<glyph> <u>) and bfrange (<lo> <hi> <u> or [<u> …]) lines."""
    sources = 0  # how many leading codes of a line are glyph ids, not Unicode
    lines = []
    for line in cmap.split(b"\n"):
        if line.endswith(b"beginbfchar"):
            sources = 1
        elif line.endswith(b"beginbfrange"):
            sources = 2
        elif line.startswith((b"endbfchar", b"endbfrange")):
            sources = 0
        elif sources:
            line = _fix_line(line, sources, mapping)
        lines.append(line)
    return b"\n".join(lines)


def _fix_line(line: bytes, sources: int, mapping: dict[int, int]) -> bytes:
    import re

    parts = re.split(rb"(<[0-9A-Fa-f]{4}>)", line)  # codes at the odd positions
    for n, i in enumerate(range(1, len(parts), 2), 1):
        code = int(parts[i][1:5], 16)
        if n > sources and code in mapping:
            parts[i] = b"<%04X>" % mapping[code]
    return b"".join(parts)


def write_checklist_pdf(
    project: Project,
    path: str | os.PathLike[str],
    findings: Sequence[Finding] | None = None,
    *,
    source: str = "",
    checked_at: datetime | None = None,
) -> None:
    """Write the check list atomically. Without ``findings`` the project is checked now."""
    write_checklist(build_checklist(project, findings, source=source, checked_at=checked_at), path)


def write_checklist(checklist: Checklist, path: str | os.PathLike[str]) -> None:
    write_atomic(Path(path), checklist_pdf_bytes(checklist))
