"""A horizontal header that draws the printed tables' multi-level headings, spans and all.

QHeaderView keeps doing what it does (section sizes, resizing with the mouse); only the painting
and the height are ours: each heading cell covers the sections it spans and the levels it spans,
with its text wrapped to fit, the way the printed table shows it.

With frozen columns (ui/grid/frozen.py) a second header, over the frozen columns only, draws the
same cells at the same places (``partner``): a heading over frozen and scrolling columns alike
("收入" over 项目, 行次 and 金额) stays one cell, its text centred on what of it is in view.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QHeaderView, QWidget

from model.sheets import HeadCell
from ui import style

_FLAGS = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
_PAD = 4


class GroupedHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None, partner: GroupedHeader | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.cells: list[HeadCell] = []
        self.levels = 1
        self.heights: list[int] = [24]
        self.frozen = 0  # leading columns kept in view by an overlay (the main header's own count)
        self.partner = partner  # the main header, for a header over its frozen columns
        if partner is not None:
            partner.geometriesChanged.connect(self.updateGeometry)
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.sectionResized.connect(self._relayout)

    def set_cells(self, levels: int, cells: list[HeadCell]) -> None:
        self.levels, self.cells = levels, cells
        self._relayout()

    def _span_width(self, cell: HeadCell) -> int:
        return sum(self.sectionSize(c) for c in range(cell.col, cell.col + cell.colspan))

    def _relayout(self, *_args) -> None:
        if self.partner is not None:
            self.viewport().update()
            return
        fm = self.fontMetrics()
        line = fm.height() + 2 * _PAD
        heights = [line] * self.levels
        tall = []
        for cell in self.cells:
            width = max(8, self._span_width(cell) - 2 * _PAD)
            need = fm.boundingRect(QRect(0, 0, width, 10_000), _FLAGS, cell.wrapped).height() + 2 * _PAD
            if cell.rowspan == 1:
                heights[cell.level] = max(heights[cell.level], need)
            else:
                tall.append((cell, need))
        for cell, need in tall:
            have = sum(heights[cell.level : cell.level + cell.rowspan])
            if need > have:
                heights[cell.level + cell.rowspan - 1] += need - have
        if heights != self.heights:
            self.heights = heights
            self.updateGeometry()
            self.geometriesChanged.emit()
        self.viewport().update()

    def sizeHint(self) -> QSize:
        heights = self.partner.heights if self.partner is not None else self.heights
        return QSize(self.length(), sum(heights))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def cell_rect(self, cell: HeadCell) -> QRect:
        if self.partner is not None:
            return self.partner.cell_rect(cell)
        x = self.sectionViewportPosition(cell.col)
        width = self._span_width(cell)
        if cell.col < self.frozen:
            # Its frozen part stays where it is; a part over scrolling columns ends where they do,
            # and never left of the frozen columns' edge.
            fixed = self.sectionPosition(cell.col)
            edge = self.sectionPosition(self.frozen)
            end = x + width if cell.col + cell.colspan > self.frozen else fixed + width
            x, width = fixed, max(end, min(edge, fixed + width)) - fixed
        y = sum(self.heights[: cell.level])
        h = sum(self.heights[cell.level : cell.level + cell.rowspan])
        return QRect(x, y, width, h)

    def paintEvent(self, event) -> None:
        painter = QPainter(self.viewport())
        # Past the last column there is no heading: leave it the colour of the empty table area.
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Base))
        painter.setPen(QPen(style.GRID))
        painter.setFont(self.font())
        # Over the frozen columns, only their own headings: the scrolled ones pass beneath.
        cells = [c for c in self.partner.cells if c.col < self.partner.frozen] if self.partner else self.cells
        for cell in cells:
            rect = self.cell_rect(cell)
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect, style.HEADER_BG)
            painter.drawLine(rect.topRight(), rect.bottomRight())
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
            painter.setPen(style.LABEL_FG)
            painter.drawText(rect.adjusted(_PAD, _PAD, -_PAD, -_PAD), _FLAGS, cell.wrapped)
            painter.setPen(QPen(style.GRID))
        painter.end()
