"""The tables painted on pages as printed, for the window's 打印 and its preview (ui/table_print.py).

Each table is drawn from its sheet plan (export/sheet_plan.py), the one placing of a printed shape
that the workbook and the Word tables also use: title, 公开NN表, 部门 and 金额单位, the headings
with their merges (repeated on every page, under a line "…（续）"), the body, the notes and the
"无…" sentence of an empty table; borders, amounts right-aligned, 行次 centred, long names wrapped.

How big: a table is printed at the largest font that still gives it the fewest pages it can have
at the smallest readable size (``MIN_FONT_PT``) — 01 fits one page at 8 pt, so it is not spread
over two at 10 pt; a long 05 is not shrunk below reading to save a page. Its columns fill the
page's width. Qt is imported inside the functions only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from export.sheet_plan import SheetPlan, plan_sheet
from model.amount import fmt_amount
from model.layout import T, table_order
from model.project import Project

FONT_PT = 10.0  # the body's size at full scale, as the workbook prints it
MIN_FONT_PT = 7.5  # the smallest a printed figure is still read without effort
TITLE_PT = 16.0
FOOTER_PT = 8.0
REF_DPI = 720  # the layout is measured at this resolution: 1 pt = 10 units, whatever the printer
U = REF_DPI / 72  # units per point
LINE = 1.25  # line height, in ems of the body font
PAD_X, PAD_Y = 3.0 * U, 1.5 * U
LABEL_EMS = 20  # a name wider than this wraps; narrower ones never do
MIN_LABEL_EMS = 8  # how far names may be squeezed before the whole table is made smaller
MIN_AMOUNT = "99,999.99"  # an amount column is never narrower than this
MARGINS_MM = (12.0, 10.0, 12.0, 10.0)  # left, top, right, bottom: the default page (A4 landscape)


def default_page_layout():
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        QMarginsF(*MARGINS_MM),
        QPageLayout.Unit.Millimeter,
    )


def _text(v: object) -> str:
    return fmt_amount(v) if isinstance(v, Decimal) else str(v)


class _Measure:
    """Text laid out on the reference device: widths, wrapped lines, and the same lines drawn."""

    def __init__(self):
        from PySide6.QtGui import QFont, QImage

        from export.checklist import document_font

        self.device = QImage(1, 1, QImage.Format.Format_RGB32)
        dots = round(REF_DPI / 0.0254)
        self.device.setDotsPerMeterX(dots)
        self.device.setDotsPerMeterY(dots)
        self.fonts: dict[tuple[float, bool], QFont] = {}
        self._base = document_font()
        self._widths: dict[tuple[str, bool], float] = {}
        self._lines: dict[tuple[str, bool, int], int] = {}

    def font(self, size: float = FONT_PT, bold: bool = False):
        from PySide6.QtGui import QFont

        key = (size, bold)
        if key not in self.fonts:
            f = QFont(self._base)
            f.setPointSizeF(size)
            f.setBold(bold)
            self.fonts[key] = f
        return self.fonts[key]

    def _layout(self, text: str, font, width: float | None):
        from PySide6.QtGui import QTextLayout, QTextOption

        layout = QTextLayout(text, font, self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if width else QTextOption.WrapMode.NoWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        lines = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width if width else 1e9)
            lines.append(line)
        layout.endLayout()
        return layout, lines

    def width(self, text: str, bold: bool = False) -> float:
        key = (text, bold)
        if key not in self._widths:
            _layout, lines = self._layout(text, self.font(bold=bold), None)
            self._widths[key] = max((line.naturalTextWidth() for line in lines), default=0.0)
        return self._widths[key]

    def lines(self, text: str, width: float, bold: bool = False) -> int:
        key = (text, bold, int(width))
        if key not in self._lines:
            if self.width(text, bold) <= width:
                self._lines[key] = 1
            else:
                self._lines[key] = max(1, len(self._layout(text, self.font(bold=bold), max(1.0, width))[1]))
        return self._lines[key]

    def draw(self, painter, text: str, rect, align: str, font, wrap: bool, line_height: float) -> None:
        """``text`` in ``rect`` (x, y, w, h), its lines ``line_height`` apart, centred vertically."""
        from PySide6.QtCore import QPointF

        x, y, w, h = rect
        layout, lines = self._layout(text, font, w if wrap else None)
        top = y + (h - line_height * len(lines)) / 2
        for i, line in enumerate(lines):
            used = line.naturalTextWidth()
            dx = 0.0 if align == "left" else (w - used) if align == "right" else (w - used) / 2
            line.setPosition(QPointF(x + dx, top + i * line_height + (line_height - line.height()) / 2))
        layout.draw(painter, QPointF(0, 0))


@dataclass
class TableLayout:
    """One table fitted to a page: column widths and row heights in layout units, and its pages."""

    plan: SheetPlan
    scale: float  # the font's size against FONT_PT
    page: tuple[float, float]  # width, height of the body area in layout units at this scale
    widths: list[float] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)
    top: float = 0.0  # the title, number and 部门 lines
    carry: float = 0.0  # the line "…（续）" atop a following page
    tail: float = 0.0  # notes and the "无…" sentence
    pages: list[tuple[int, int, bool]] = field(default_factory=list)  # first row, last row, tail here?

    @property
    def header(self) -> range:
        return range(self.plan.header_rows[0], self.plan.header_rows[1] + 1)

    @property
    def body(self) -> range:
        return range(self.plan.data_rows[0], self.plan.data_rows[1] + 1)


class TablePainter:
    """Lays out and paints tables from their sheet plans on pages of a given size (in points)."""

    def __init__(self, page_pt: tuple[float, float]):
        self.measure = _Measure()
        self.page_pt = page_pt
        self.line = LINE * FONT_PT * U

    # ---------------------------------------------------------------- layout
    def _kinds(self, plan: SheetPlan) -> tuple[set[int], set[int]]:
        """Columns of amounts, and columns of text that may wrap (names, items)."""
        amounts = {c for _r, c in plan.amount_cells}
        texts = set()
        for (r, c), v in plan.cells.items():
            # longer than a code: a name
            if (
                r in self._body(plan)
                and isinstance(v, str)
                and c not in amounts
                and self.measure.width(v) > 8 * FONT_PT * U
            ):
                texts.add(c)
        return amounts, texts

    @staticmethod
    def _body(plan: SheetPlan) -> range:
        return range(plan.data_rows[0], plan.data_rows[1] + 1)

    def natural_widths(self, plan: SheetPlan) -> tuple[list[float], list[float], list[bool]]:
        """Each column's width with nothing wrapped but long names, the narrowest it may get, and
        whether it takes a share of the room left on the page (names and amounts: not 行次, codes)."""
        amounts, texts = self._kinds(plan)
        spanned = {(r1, c1) for r1, c1, _r2, c2 in plan.merges if c2 > c1}
        need = [0.0] * (plan.width + 1)
        head = [0.0] * (plan.width + 1)
        em = FONT_PT * U
        header = range(plan.header_rows[0], plan.header_rows[1] + 1)
        for (r, c), v in plan.cells.items():
            if (r, c) in spanned:
                continue
            if r in header:
                # a heading wraps; it asks only for its longest word or four characters
                head[c] = max(head[c], min(self.measure.width(_text(v), True), 4 * em))
            elif r in self._body(plan):
                need[c] = max(need[c], self.measure.width(_text(v)))
        natural, narrowest = [], []
        grows = [c in amounts or c in texts for c in range(1, plan.width + 1)]
        for c in range(1, plan.width + 1):
            w = max(need[c], head[c], 2 * em)
            if c in amounts:
                w = max(w, self.measure.width(MIN_AMOUNT))
            least = w
            if c in texts:
                w = min(w, LABEL_EMS * em)
                least = min(w, MIN_LABEL_EMS * em)
            natural.append(w + 2 * PAD_X)
            narrowest.append(least + 2 * PAD_X)
        return natural, narrowest, grows

    def layout(self, plan: SheetPlan, scale: float) -> TableLayout | None:
        """The table at ``scale``; None when it cannot be made as narrow as the page at that size."""
        width = self.page_pt[0] * U / scale
        height = (self.page_pt[1] - FOOTER_PT * 1.8) * U / scale
        natural, narrowest, grows = self.natural_widths(plan)
        if sum(narrowest) > width + 0.5:
            return None
        widths = list(natural)
        over = sum(widths) - width
        if over > 0:  # names wrap onto more lines before anything gets smaller
            room = [n - m for n, m in zip(natural, narrowest, strict=True)]
            total = sum(room)
            widths = [n - over * r / total for n, r in zip(natural, room, strict=True)]
        else:  # the columns fill the page's width: names and amounts share the room
            share = sum(w for w, g in zip(widths, grows, strict=True) if g) or sum(widths)
            room = width - sum(widths)
            widths = [w + room * w / share if g or not any(grows) else w for w, g in zip(widths, grows, strict=True)]
        out = TableLayout(plan, scale, (width, height), widths)
        self._heights(out)
        self._paginate(out)
        return out

    def _span_width(self, t: TableLayout, c1: int, c2: int) -> float:
        return sum(t.widths[c1 - 1 : c2])

    def _cell_lines(self, t: TableLayout, text: str, width: float, bold: bool) -> int:
        return self.measure.lines(text, width - 2 * PAD_X, bold)

    def _heights(self, t: TableLayout) -> None:
        plan = t.plan
        merges = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in plan.merges}
        header = t.header
        rows = list(header) + list(t.body)
        one = self.line + 2 * PAD_Y
        heights = dict.fromkeys(rows, one)
        tall = []
        for (r, c), v in plan.cells.items():
            if r not in heights:
                continue
            r2, c2 = merges.get((r, c), (r, c))
            bold = r in header
            wrap = bold or not isinstance(v, (Decimal, int))
            n = self._cell_lines(t, _text(v), self._span_width(t, c, c2), bold) if wrap else 1
            need = n * self.line + 2 * PAD_Y
            if r2 == r:
                heights[r] = max(heights[r], need)
            else:
                tall.append((r, r2, need))
        for r1, r2, need in tall:  # a heading over several lines of headings: the last one grows
            have = sum(heights[r] for r in range(r1, r2 + 1))
            if need > have:
                heights[r2] += need - have
        t.heights = heights
        title = self.measure.font(TITLE_PT, True)
        from PySide6.QtGui import QFontMetricsF

        t.top = QFontMetricsF(title, self.measure.device).height() * 1.3 + 2 * one
        t.carry = one
        tail = 0.0
        full = t.page[0]
        for r in plan.note_rows:
            text = _text(plan.cells.get((r, 1), ""))
            tail += self.measure.lines(text, full) * self.line + PAD_Y
        if plan.absent:
            tail += self.measure.lines(plan.absent, full) * self.line + 2 * PAD_Y
        t.tail = tail + (PAD_Y if tail else 0.0)

    def _paginate(self, t: TableLayout) -> None:
        head = sum(t.heights[r] for r in t.header)
        body = list(t.body)
        pages: list[list[int]] = [[]]
        room = t.page[1] - t.top - head
        for r in body:
            h = t.heights[r]
            if h > room and pages[-1]:
                pages.append([])
                room = t.page[1] - t.carry - head
            pages[-1].append(r)
            room -= h
        if t.tail > room:  # the notes go with the last lines, never alone on a page
            last = pages[-1]
            keep = min(2, len(last) - 1) if len(pages) > 1 or len(last) > 2 else 0
            moved = last[len(last) - keep :] if keep else []
            if keep:
                del last[len(last) - keep :]
            pages.append(moved)
        t.pages = [(p[0] if p else 0, p[-1] if p else -1, i == len(pages) - 1) for i, p in enumerate(pages)]

    def fit(self, plan: SheetPlan) -> TableLayout:
        """The largest scale with the fewest pages a readable size allows (see the module's doc)."""
        least = MIN_FONT_PT / FONT_PT
        largest = 1.0
        best = self.layout(plan, largest)
        low = self.layout(plan, least)
        if low is None:  # not even the smallest readable size fits the width: smaller, until it does
            s = least
            while low is None and s > 0.2:
                s *= 0.9
                low = self.layout(plan, s)
            assert low is not None
            return low
        if best is not None and len(best.pages) <= len(low.pages):
            return best
        lo, hi = least, largest  # lo gives the fewest pages; find the largest scale that still does
        for _ in range(12):
            mid = (lo + hi) / 2
            t = self.layout(plan, mid)
            if t is not None and len(t.pages) <= len(low.pages):
                lo, low = mid, t
            else:
                hi = mid
        return low

    # ---------------------------------------------------------------- painting
    def paint_page(self, painter, t: TableLayout, index: int, footer: str) -> None:
        """One page of the table: painter in points, at the body area's top left."""
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QPen

        plan = t.plan
        first, last, with_tail = t.pages[index]
        painter.save()
        painter.scale(t.scale / U, t.scale / U)
        width = t.page[0]
        y = 0.0
        one = self.line + 2 * PAD_Y
        body_font = self.measure.font()
        bold_font = self.measure.font(bold=True)
        if index == 0:
            title = str(plan.cells.get((1, 1), ""))
            title_h = t.top - 2 * one
            self.measure.draw(
                painter, title, (0, y, width, title_h), "center", self.measure.font(TITLE_PT, True), False, title_h
            )
            y += title_h
            number = str(plan.cells.get((2, plan.width), ""))
            self.measure.draw(painter, number, (0, y, width, one), "right", body_font, False, self.line)
            y += one
            dept = str(plan.cells.get((3, 1), ""))
            unit = str(plan.cells.get((3, plan.width), ""))
            self.measure.draw(painter, dept, (0, y, width * 0.75, one), "left", body_font, False, self.line)
            self.measure.draw(painter, unit, (width * 0.75, y, width * 0.25, one), "right", body_font, False, self.line)
            y += one
        else:
            title = f"{plan.cells.get((1, 1), '')}（续）"
            number = str(plan.cells.get((2, plan.width), ""))
            self.measure.draw(painter, title, (0, y, width, one), "left", body_font, False, self.line)
            self.measure.draw(painter, number, (0, y, width, one), "right", body_font, False, self.line)
            y += one
        rows = list(t.header) + ([r for r in t.body if first <= r <= last] if last >= first else [])
        tops = {}
        for r in rows:
            tops[r] = y
            y += t.heights[r]
        lefts = [0.0]
        for w in t.widths:
            lefts.append(lefts[-1] + w)
        merges = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in plan.merges}
        covered = {
            (r, c)
            for (r1, c1), (r2, c2) in merges.items()
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
            if (r, c) != (r1, c1)
        }
        pen = QPen(Qt.GlobalColor.black)
        pen.setWidthF(0.5 * U)
        painter.setPen(pen)
        header = set(t.header)
        amounts = plan.amount_cells
        for r in rows:
            for c in range(1, plan.width + 1):
                if (r, c) in covered:
                    continue
                r2, c2 = merges.get((r, c), (r, c))
                # a heading merged down past this page's rows cannot happen: headings are whole
                bottom = tops[r] + sum(t.heights[x] for x in range(r, r2 + 1) if x in tops)
                x, right = lefts[c - 1], lefts[c2]
                painter.drawRect(QRectF(x, tops[r], right - x, bottom - tops[r]))
                v = plan.cells.get((r, c))
                if v is None or v == "":
                    continue
                rect = (x + PAD_X, tops[r] + PAD_Y, right - x - 2 * PAD_X, bottom - tops[r] - 2 * PAD_Y)
                if r in header:
                    self.measure.draw(painter, _text(v), rect, "center", bold_font, True, self.line)
                elif (r, c) in amounts:
                    self.measure.draw(painter, _text(v), rect, "right", body_font, False, self.line)
                elif isinstance(v, int):
                    self.measure.draw(painter, str(v), rect, "center", body_font, False, self.line)
                else:
                    self.measure.draw(painter, _text(v), rect, "left", body_font, True, self.line)
        if with_tail:
            y += PAD_Y
            for r in plan.note_rows:
                text = _text(plan.cells.get((r, 1), ""))
                h = self.measure.lines(text, width) * self.line
                self.measure.draw(painter, text, (0, y, width, h), "left", body_font, True, self.line)
                y += h + PAD_Y
            if plan.absent:
                y += PAD_Y
                h = self.measure.lines(plan.absent, width) * self.line
                self.measure.draw(painter, plan.absent, (0, y, width, h), "left", body_font, True, self.line)
        painter.restore()
        # the footer, at its own size whatever the table's scale
        painter.save()
        painter.scale(1 / U, 1 / U)
        foot_font = self.measure.font(FOOTER_PT)
        page_h = self.page_pt[1] * U
        h = FOOTER_PT * 1.5 * U
        self.measure.draw(painter, footer, (0, page_h - h, self.page_pt[0] * U, h), "center", foot_font, False, h)
        painter.restore()


def page_footer(page: int, pages: int) -> str:
    return f"第 {page} 页，共 {pages} 页"


def plans(project: Project, tables: list[T] | None = None) -> list[SheetPlan]:
    """The sheet plans of ``tables`` (all nine when None), in the variant's printed order."""
    order = table_order(project.meta.variant)
    chosen = order if tables is None else [t for t in order if t in tables]
    return [plan_sheet(project, t) for t in chosen]


def paint_tables(project: Project, device, tables: list[T] | None = None) -> list[int]:
    """Paint the tables on a QPrinter or QPdfWriter, each from a new page; the pages of each.

    The page's size and margins are the device's (its page layout): what the user chose in the
    printer's settings; each table's pages are numbered on their own, as in the workbook.
    """
    from PySide6.QtGui import QPageLayout, QPainter

    rect = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    painter_ = TablePainter((rect.width(), rect.height()))
    fitted = [painter_.fit(plan) for plan in plans(project, tables)]
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始打印（打印机或文件不可用）")
    counts = []
    try:
        painter.scale(device.logicalDpiX() / 72, device.logicalDpiY() / 72)
        started = False
        for t in fitted:
            for i in range(len(t.pages)):
                if started:
                    device.newPage()
                started = True
                painter_.paint_page(painter, t, i, f"{t.plan.name}　{page_footer(i + 1, len(t.pages))}")
            counts.append(len(t.pages))
    finally:
        painter.end()
    return counts


def printed_text(project: Project, tables: list[T] | None = None) -> str:
    """Every character a print of these tables draws: for repairing the PDF's text map."""
    parts = []
    for plan in plans(project, tables):
        parts += [_text(v) for v in plan.cells.values()]
        parts += [plan.absent, "（续）", plan.name, page_footer(0, 0)]
    return "".join(parts)


def repair_pdf_text(path: str | os.PathLike[str], project: Project, tables: list[T] | None = None) -> None:
    """A print to a PDF file: its text made searchable (the check list's repair, export/checklist.py)."""
    from export.checklist import glyph_twins, repair_to_unicode
    from model.fileio import write_atomic

    pdf = Path(path).read_bytes()
    write_atomic(Path(path), repair_to_unicode(pdf, glyph_twins(printed_text(project, tables))))
