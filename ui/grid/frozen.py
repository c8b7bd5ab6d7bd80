"""The columns that name a line (科目编码/科目名称, 项目/行次), kept in view while the amounts scroll.

As in Qt's "Frozen Column" example: a second table view over the left of the grid, showing the
same model and sharing its selection, scrolling up and down with it but never sideways. It takes
neither the focus nor the keys: a click or a wheel turn on it goes to the grid underneath, so
entry stays the grid's (ui/grid/view.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView

from ui.grid.header import GroupedHeader


class FrozenColumns(QTableView):
    def __init__(self, grid: QTableView):
        super().__init__(grid)
        self.grid = grid
        self.count = 0
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalHeader(GroupedHeader(self, partner=grid.horizontalHeader()))
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setAutoScroll(False)
        self.hide()

    def attach(self) -> None:
        """Show the grid's model through the grid's selection; called once the grid has its model."""
        self.setModel(self.grid.model())
        self.setSelectionModel(self.grid.selectionModel())
        self.grid.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.grid.verticalScrollBar().setValue)

    def follow(self, count: int) -> None:
        """Mirror the grid's first ``count`` columns: widths, row height, spans, font, palette."""
        grid = self.grid
        self.count = count
        self.setFont(grid.font())
        self.setPalette(grid.palette())
        self.clearSpans()
        if not count:
            self.hide()
            return
        for c in range(grid.model().columnCount()):
            self.setColumnHidden(c, c >= count)
            if c < count:
                self.setColumnWidth(c, grid.columnWidth(c))
        for r, c, rs, cs in grid.grid().spans:
            if c < count:
                self.setSpan(r, c, rs, min(cs, count - c))
        self.verticalHeader().setDefaultSectionSize(grid.verticalHeader().defaultSectionSize())
        self.place()
        self.show()

    def width_covered(self) -> int:
        return sum(self.grid.columnWidth(c) for c in range(self.count))

    def place(self) -> None:
        """Over the grid's left edge, from the top of its header to the bottom of its cells."""
        if not self.count:
            return
        grid = self.grid
        frame = grid.frameWidth()
        height = grid.viewport().height() + grid.horizontalHeader().height()
        self.setGeometry(frame + grid.verticalHeader().width(), frame, self.width_covered(), height)
        self.verticalScrollBar().setValue(grid.verticalScrollBar().value())

    # What happens on the frozen cells belongs to the grid: the focus, the menu, the wheel.
    def mousePressEvent(self, e) -> None:
        self.grid.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(e)

    def mouseDoubleClickEvent(self, e) -> None:
        self.grid.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseDoubleClickEvent(e)

    def contextMenuEvent(self, e) -> None:
        self.grid.show_menu(self.indexAt(e.pos()), e.globalPos())

    def wheelEvent(self, e) -> None:
        self.grid.wheelEvent(e)
