"""The check list (审核清单) as a PDF, and the painter shared with print preview and printing.

Qt is imported inside the functions, never at module level: `check` and the other exporters stay
free of Qt. Qt is used because it is already the app's toolkit and it lays out CJK text, tables
split across pages with repeated headers, and embeds the fonts in the PDF; one QTextDocument
therefore serves the preview, the printer and the PDF alike (ui/checklist_print.py).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from checks.finding import Finding
from export.checklist_content import Checklist, build_checklist, checklist_html, checklist_title
from export.painting import painting_app
from model.fileio import write_atomic
from model.outputs import OutputRefused
from model.project import Project

# 宋体 where the office PC has it; Noto CJK on Linux; 微软雅黑 as a last resort on Windows.
FONT_FAMILIES = ["SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei"]
MARGINS_MM = (18.0, 15.0, 18.0, 15.0)  # left, top, right, bottom
LAYOUT_DPI = 96  # the document is laid out at this resolution, then scaled to the device's
FOOTER_PX = 28

# Laying out and painting costs about 2.5 ms a finding: 2 000 findings are 60 pages in 5 s. A list
# far longer says the data is not yet fit to sign (thousands of codes outside the catalog), and
# its pages would take minutes and gigabytes: it is refused with the reason instead.
MAX_FINDINGS = 2000


def refuse_too_long(checklist: Checklist) -> None:
    if checklist.total > MAX_FINDINGS:
        raise OutputRefused(
            f"审核发现 {checklist.total} 个问题，超过审核清单可列的 {MAX_FINDINGS} 个。请先按审核结果修正"
            "（问题多半成批出现，如大量不在功能分类科目表中的编码），或用“main.py check --json”查看全部问题"
        )


def page_layout():
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(*MARGINS_MM))


def document_font():
    """The CJK serif font, without its 'locl' feature.

    Noto CJK's 'locl' swaps digits after a Latin letter ("X305", "H202") for glyphs that no
    character maps to; the PDF then draws them but its text has no digits there. The content is
    Simplified Chinese only, so the font's default forms are the right ones.
    """
    from PySide6.QtGui import QFont

    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    if hasattr(font, "setFeature"):  # Qt 6.7+
        font.setFeature(QFont.Tag("locl"), 0)
    return font


def checklist_document(checklist: Checklist, breaks: frozenset[tuple] = frozenset()):
    """A QTextDocument of the check list, laid out at LAYOUT_DPI whatever the screen."""
    from PySide6.QtGui import QImage, QTextDocument

    doc = QTextDocument()
    reference = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_meter = round(LAYOUT_DPI / 0.0254)
    reference.setDotsPerMeterX(dots_per_meter)
    reference.setDotsPerMeterY(dots_per_meter)
    doc.documentLayout().setPaintDevice(reference)
    doc._reference_device = reference  # the layout holds a raw pointer; keep the image alive with the document
    font = document_font()
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(checklist_html(checklist, breaks))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, checklist_title(checklist))
    return doc


SAFETY_PX = (16, 40, 80)  # slack for spacing the unpaginated measurement does not see, tried in turn


def paginated_document(checklist: Checklist, width: float, body: float):
    """The document with its page breaks, laid out in pages of ``width`` × ``body``.

    If a page overflows after all (Qt then adds a page of its own, the planned break an empty
    one), the breaks are planned again with more slack.
    """
    from PySide6.QtCore import QSizeF

    for slack in SAFETY_PX:
        breaks = page_breaks(checklist, width, body, slack)
        doc = checklist_document(checklist, breaks)
        doc.setPageSize(QSizeF(width, body))
        if doc.pageCount() <= len(breaks) + 1:
            break
    return doc


def page_breaks(checklist: Checklist, width: float, body: float, slack: float = SAFETY_PX[0]) -> frozenset[tuple]:
    """Where to break pages so that no finding's row is cut in two.

    Qt cuts a table row across a page boundary line by line, which splits one finding's cells
    over two pages. The list is laid out once without pages to measure every unit (head, group
    title with the table header, each row, signature lines), then filled page by page; a table
    that goes on repeats its title（续）and header. A row taller than a page is still cut by Qt.
    """
    doc = checklist_document(checklist)
    doc.setTextWidth(width)
    units = _units(doc, checklist)
    breaks: set[tuple] = set()
    start, carried = 0.0, 0.0  # where the current page starts, and the repeated head it carries
    for i, (top, key, head) in enumerate(units):
        bottom = units[i + 1][0] if i + 1 < len(units) else doc.size().height()
        if bottom - start + carried <= body - slack or top <= start:
            continue
        if key[0] == "row" and key[2] == 0:
            key, top, head = units[i - 1][1], units[i - 1][0], 0.0  # a title is not left alone at a page's foot
            if top <= start:
                continue
        elif key == ("sign",) and units[i - 1][1][0] == "row" and units[i - 1][1][2] > 0 and units[i - 1][0] > start:
            top, key, head = units[i - 1]  # the signatures take the last finding along, not a page of their own
        breaks.add(key)
        start, carried = top, head
    return frozenset(breaks)


def _units(doc, checklist: Checklist) -> list[tuple[float, tuple, float]]:
    """(top, key, height of the title and header repeated when a page starts here) for each unit."""
    layout = doc.documentLayout()
    frames = doc.rootFrame().childFrames()  # details, counts, one table per group, signatures
    tables = frames[2 : 2 + len(checklist.groups)]
    units: list[tuple[float, tuple, float]] = [(0.0, ("head",), 0.0)]
    for g, table in enumerate(tables):
        title_top = layout.blockBoundingRect(doc.findBlock(table.firstPosition() - 1)).top()
        rows = [_row_top(layout, table, r) for r in range(table.rows())]
        head = rows[1] - title_top if len(rows) > 1 else 0.0
        units.append((title_top, ("title", g), 0.0))
        units += [(rows[r], ("row", g, r - 1), head) for r in range(1, len(rows))]
    units.append((layout.frameBoundingRect(frames[-1]).top(), ("sign",), 0.0))
    return units


def _row_top(layout, table, r: int) -> float:
    return min(
        layout.blockBoundingRect(table.cellAt(r, c).firstCursorPosition().block()).top() for c in range(table.columns())
    )


def footer_left(checklist: Checklist) -> str:
    return f"{checklist.department} {checklist_title(checklist)}"


def page_footer(page: int, pages: int) -> str:
    return f"第 {page} 页，共 {pages} 页"


def paint_checklist(checklist: Checklist, device) -> int:
    """Paint the check list on a QPrinter or QPdfWriter, page by page, with a footer on each.

    Returns the number of pages.
    """
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QPainter

    refuse_too_long(checklist)
    scale = device.logicalDpiX() / LAYOUT_DPI
    area = device.pageLayout().paintRectPixels(device.resolution())
    width, height = area.width() / scale, area.height() / scale
    body = height - FOOTER_PX
    doc = paginated_document(checklist, width, body)
    pages = doc.pageCount()
    footer_font = document_font()
    footer_font.setPixelSize(12)  # in layout pixels: the painter's scale brings it to the device
    left = footer_left(checklist)
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
                foot, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), page_footer(i + 1, pages)
            )
    finally:
        painter.end()
    return pages


def checklist_pdf_bytes(checklist: Checklist) -> bytes:
    painting_app()
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
    drawn = checklist_html(checklist) + page_footer(0, 0) + footer_left(checklist)
    return repair_to_unicode(bytes(data.data()), glyph_twins(drawn))


# ---------------------------------------------------------------- searchable text in the PDF
#
# Qt writes each embedded font's ToUnicode map by asking, for every code point in turn, which glyph
# it draws, and keeps the first code point per glyph. CJK fonts draw several code points with one
# glyph — the radical ⻔ U+2ED4 and 门, ⾦ U+2FA6 and 金, 〜 U+301C and ～ U+FF5E — and the odd
# one comes first, so the PDF's text reads "部⻔", "⾦额": a search for 部门 finds nothing. The
# map is rewritten, code for code (same length, so no offset in the file moves), to the characters
# the document actually contains.


def glyph_twins(text: str) -> dict[int, int]:
    """Code point Qt names a glyph by → the character of ``text`` drawn with that glyph."""
    from PySide6.QtGui import QRawFont

    wanted = sorted({ch for ch in text if ord(ch) >= 0x80})
    present = {ord(ch) for ch in wanted}
    bmp = "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c < 0xE000)
    out: dict[int, int] = {}
    for bold in (False, True):
        font = document_font()
        font.setBold(bold)
        raw = QRawFont.fromFont(font)
        if not raw.isValid():
            continue
        first: dict[int, int] = {}
        for ch, g in zip(bmp, raw.glyphIndexesForString(bmp), strict=True):
            if g:
                first.setdefault(g, ord(ch))
        for ch, g in zip(wanted, raw.glyphIndexesForString("".join(wanted)), strict=True):
            named = first.get(g)
            if g and named is not None and named not in present:
                out[named] = ord(ch)
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
