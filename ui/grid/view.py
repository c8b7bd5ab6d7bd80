"""The table editor: a QTableView that behaves like a spreadsheet.

Enter moves down, Tab right, arrows move, typing replaces, F2 edits, Delete clears; a block
copied from Excel or WPS pastes from the current cell; copy gives tab-separated text. The columns
naming a line stay in view while scrolling right (ui/grid/frozen.py); Ctrl+wheel zooms (ui/zoom.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QHeaderView,
    QMenu,
    QTableView,
    QWidget,
)

from ui import style
from ui.grid.base import CopyRole, GridModel, Label
from ui.grid.clipboard import format_block, parse_block
from ui.grid.delegate import CellDelegate
from ui.grid.frozen import FrozenColumns
from ui.grid.header import GroupedHeader
from ui.grid.rowpaste import KeyedPaste, RowPaste

Key = Qt.Key
MAX_LABEL_CHARS = 24  # a longer subject name is elided; the tooltip and status bar show it whole
_SPREADSHEET_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste)
_CHORD = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


class GridView(QTableView):
    status = Signal(str)  # a short message for the status bar (paste results)
    zoomStep = Signal(int)  # Ctrl+wheel: so many steps larger (or smaller), for the window's zoom
    default_zoom = 1.0  # what a new table starts at: the window's zoom (ui/zoom.py)
    frozen: FrozenColumns | None = None  # made once the header is there

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._said = ""  # the cell message last put in the status bar
        self.zoom = GridView.default_zoom
        # (text, callable, enabled?) the page adds below the clipboard entries of the context menu
        self.menu_entries: list = []
        self.header = GroupedHeader(self)
        self.setHorizontalHeader(self.header)
        self.frozen = FrozenColumns(self)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.delegate = CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.moveRequested.connect(self.move_by)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setTabKeyNavigation(False)  # Tab is ours: next editable cell
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Paper, whatever the system's theme; its selection looks the same with or without the
        # focus (as in a spreadsheet), so a change of focus, e.g. to the cell editor and back,
        # needs no repaint of every cell.
        self.setPalette(style.paper_palette())
        self.horizontalScrollBar().valueChanged.connect(self._scrolled_sideways)

    def grid(self) -> GridModel:
        return self.model()

    def setModel(self, model: GridModel) -> None:
        super().setModel(model)
        model.modelReset.connect(self.apply_layout)
        model.dataChanged.connect(self._data_changed)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.frozen.attach()
        self.set_zoom(self.zoom)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex, changed_only: bool = False) -> None:
        # What is wrong with the cell the cursor lands on, in the status bar: the colour says
        # that something is, this says what, without reaching for the mouse.
        if not current.isValid():
            return
        model = self.grid()
        tip = model.tooltip(model.cell(current.row(), current.column()))
        said = ""
        if tip:
            # The first message; a cell that is only part of a finding says so and which one.
            lines = [line.strip() for line in tip.split("\n") if line.strip()]
            said = lines[0] + (lines[1] if lines[0].endswith("：") and len(lines) > 1 else "")
        if said == self._said and (changed_only or not said):
            return  # nothing new to say: no repaint of the status bar on every keystroke
        self._said = said
        self.status.emit(said)

    def _data_changed(self, top: QModelIndex, bottom: QModelIndex, _roles=()) -> None:
        # The cell under the cursor was just typed into, or its findings changed: say so now.
        cur = self.currentIndex()
        if cur.isValid() and top.row() <= cur.row() <= bottom.row():
            self._current_changed(cur, cur, changed_only=True)

    def apply_layout(self) -> None:
        """Spans, column widths and header after the model (re)built its grid."""
        model = self.grid()
        self.clearSpans()
        for r, c, rs, cs in model.spans:
            self.setSpan(r, c, rs, cs)
        fm = self.fontMetrics()
        em = fm.horizontalAdvance("中")
        bold = self.font()
        bold.setBold(True)
        fm_bold = QFontMetrics(bold)
        for c, chars in enumerate(model.widths):
            if chars is None:  # as wide as its longest label, within reason
                texts = [model.display(line[c]) for line in model.grid if isinstance(line[c], Label)]
                # At least a heading's width: an empty subject table still shows 科目名称 on one line.
                need = max([fm_bold.horizontalAdvance(t) for t in texts] + [em * 8])
                width = min(need, em * MAX_LABEL_CHARS) + 14
            else:
                width = int(chars * em * 0.92) + 12
            self.setColumnWidth(c, width)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + max(4, round(7 * self.zoom)))
        self.header.frozen = model.frozen_columns
        self.header.set_cells(model.header_levels, model.header_cells)
        self.frozen.follow(model.frozen_columns)

    # ---------------------------------------------------------------- zoom and frozen columns
    def set_zoom(self, factor: float) -> None:
        """Cells, headings, row heights and column widths at ``factor`` times the window's font."""
        self.zoom = factor
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * factor)
        self.setFont(font)
        self.header.setFont(font)
        self.frozen.horizontalHeader().setFont(font)
        if self.model() is not None:
            self.grid().set_font(font)
            self.apply_layout()

    def wheelEvent(self, e) -> None:
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = e.angleDelta().y() // 120
            if steps:
                self.zoomStep.emit(steps)
            e.accept()
            return
        super().wheelEvent(e)

    def _scrolled_sideways(self, _value: int) -> None:
        # A heading over frozen and scrolling columns is drawn from where the scrolling part ends:
        # the header's shifted pixels are not that, it is drawn anew.
        if self.frozen.count:
            self.header.viewport().update()
            self.frozen.horizontalHeader().viewport().update()

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._place_frozen()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place_frozen()

    def _place_frozen(self) -> None:
        if self.frozen is not None:  # not yet made while the view sets itself up
            self.frozen.place()

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        n = self.frozen.count if self.frozen is not None else 0
        if not n or not index.isValid():
            super().scrollTo(index, hint)
            return
        bar = self.horizontalScrollBar()
        keep = bar.value()
        super().scrollTo(index, hint)
        if index.column() < n:
            bar.setValue(keep)  # a frozen column is always in view: only up or down
            return
        left = self.visualRect(index).left()
        covered = self.frozen.width_covered()
        if left < covered:  # hidden under the frozen columns: bring it out from under them
            bar.setValue(bar.value() - (covered - left))

    # ---------------------------------------------------------------- moving
    def move_by(self, dr: int, dc: int, skip: bool = False) -> None:
        cur = self.currentIndex()
        model = self.grid()
        if not cur.isValid():
            return
        r, c = cur.row(), cur.column()
        rows, cols = model.rowCount(), model.columnCount()
        if not skip:
            r, c = max(0, min(rows - 1, r + dr)), max(0, min(cols - 1, c + dc))
        else:
            target = self._next_editable(r, c, dr, dc)
            if target is None:
                self.status.emit("已到本表最后一格" if dr > 0 or dc > 0 else "已到本表第一格")
                return
            wrapped = bool(dr) and target[1] != c
            r, c = target
            self.go_to(model.index(r, c))
            if wrapped:
                self.status.emit("本栏已到底，转到下一栏顶部" if dr > 0 else "本栏已到顶，转到上一栏底部")
            return
        self.go_to(model.index(r, c))

    def _next_editable(self, r: int, c: int, dr: int, dc: int) -> tuple[int, int] | None:
        model = self.grid()
        rows, cols = model.rowCount(), model.columnCount()
        if dr:  # Enter: down (or up) the same column, over blank printed lines
            r += dr
            while 0 <= r < rows:
                if model.is_editable(r, c):
                    return r, c
                r += dr
            # Past the last line: on to the top of the next column (up: the bottom of the one before),
            # as Excel does in a selection, so that the next figure typed never overwrites the last.
            for cc in range(c + dr, cols if dr > 0 else -1, dr):
                rr = next((x for x in range(rows)[::dr] if model.is_editable(x, cc)), None)
                if rr is not None:
                    return rr, cc
            return None
        pos = r * cols + c + dc  # Tab: along the line, then on to the next line
        while 0 <= pos < rows * cols:
            rr, cc = divmod(pos, cols)
            if model.is_editable(rr, cc):
                return rr, cc
            pos += dc
        return None

    def go_to(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        self.scrollTo(index)

    # ---------------------------------------------------------------- keys
    def event(self, e: QEvent) -> bool:
        # Copy, cut, paste and Delete belong to the grid while it has the focus, even where the
        # window has menu shortcuts for them.
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and self.state() != QAbstractItemView.State.EditingState
            and (
                any(e.matches(k) for k in _SPREADSHEET_KEYS)
                or (e.key() in (Key.Key_Delete, Key.Key_Backspace) and not e.modifiers() & _CHORD)
            )
        ):
            e.accept()
            return True
        return super().event(e)

    def focusInEvent(self, e) -> None:
        # QAbstractItemView repaints the whole viewport on every focus change; on a 650-row table
        # that is most of the cost of a keystroke. Only the current cell's focus frame changes.
        QAbstractScrollArea.focusInEvent(self, e)
        if not self.currentIndex().isValid() and self.model() is not None and self.model().rowCount():
            self.setCurrentIndex(self.model().index(0, 0))
        self._update_current()

    def focusOutEvent(self, e) -> None:
        QAbstractScrollArea.focusOutEvent(self, e)
        self._update_current()

    def _update_current(self) -> None:
        cur = self.currentIndex()
        if cur.isValid():
            self.viewport().update(self.visualRect(cur))

    def focusNextPrevChild(self, _next: bool) -> bool:
        # Tab and Shift+Tab move between cells (keyPressEvent), never out of the table.
        return False

    def keyPressEvent(self, e) -> None:
        key = e.key()
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(e)
            return
        if e.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif e.matches(QKeySequence.StandardKey.Cut):
            self.cut()
        elif e.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key in (Key.Key_Return, Key.Key_Enter):
            up = bool(e.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.move_by(-1 if up else 1, 0, skip=True)
        elif key == Key.Key_Tab:
            self.move_by(0, 1, skip=True)
        elif key == Key.Key_Backtab:
            self.move_by(0, -1, skip=True)
        elif key == Key.Key_Delete and not e.modifiers() & _CHORD:
            self.clear_selection()
        elif key == Key.Key_Backspace:
            self._edit_empty()
        else:
            super().keyPressEvent(e)

    def edit(self, index, trigger=QAbstractItemView.EditTrigger.AllEditTriggers, event=None) -> bool:
        opened = super().edit(index, trigger, event)
        editor = self.delegate.editor
        if opened and editor is not None and trigger != QAbstractItemView.EditTrigger.AnyKeyPressed:
            # F2 and double click edit what is there, caret at the end, arrows inside the text.
            editor.entry_mode = False
            editor.deselect()
            editor.end(False)
        return opened

    def _edit_empty(self) -> None:
        cur = self.currentIndex()
        if (
            cur.isValid()
            and self.grid().is_editable(cur.row(), cur.column())
            and self.edit(cur, QAbstractItemView.EditTrigger.AnyKeyPressed, None)
            and self.delegate.editor
        ):
            self.delegate.editor.clear()

    def contextMenuEvent(self, e) -> None:
        self.show_menu(self.indexAt(e.pos()), e.globalPos())

    def show_menu(self, index: QModelIndex, where) -> None:
        """The cell's commands: clipboard, clearing, and what the page adds."""
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        menu = QMenu(self)
        K = QKeySequence.StandardKey
        editable = any(self.grid().is_editable(i.row(), i.column()) for i in self.selected_cells())
        for text, slot, key, enabled in (
            ("剪切", self.cut, K.Cut, editable),
            ("复制", self.copy_selection, K.Copy, True),
            ("粘贴", self.paste, K.Paste, bool(QGuiApplication.clipboard().text())),
            ("清除内容", self.clear_selection, QKeySequence(Key.Key_Delete), editable),
        ):
            action = menu.addAction(text, slot)
            action.setShortcut(QKeySequence(key))
            action.setEnabled(enabled)
        entries = [entry for entry in self.menu_entries if entry is not None]
        if entries:
            menu.addSeparator()
        for text, slot, enabled in entries:
            menu.addAction(text, slot).setEnabled(enabled() if callable(enabled) else bool(enabled))
        menu.exec(where)

    def cut(self) -> None:
        self.copy_selection()
        self.clear_selection()

    # ---------------------------------------------------------------- clipboard and clearing
    def selected_cells(self) -> list[QModelIndex]:
        cells = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not cells and self.currentIndex().isValid():
            cells = [self.currentIndex()]
        return cells

    def clear_selection(self) -> None:
        model = self.grid()
        edits = []
        for ix in self.selected_cells():
            ref = model.cell_ref(ix.row(), ix.column())
            if ref and model.is_editable(ix.row(), ix.column()):
                edits.append((ref[0], ref[1], ""))
        if edits:
            model.ctl.set_cells(model.t, edits, "清除单元格")

    def copy_selection(self) -> str:
        cells = self.selected_cells()
        if not cells:
            return ""
        model = self.grid()
        r0, r1 = min(i.row() for i in cells), max(i.row() for i in cells)
        c0, c1 = min(i.column() for i in cells), max(i.column() for i in cells)
        chosen = {(i.row(), i.column()) for i in cells}
        rows = []
        for r in range(r0, r1 + 1):
            rows.append(
                [(model.data(model.index(r, c), CopyRole) or "") if (r, c) in chosen else "" for c in range(c0, c1 + 1)]
            )
        text = format_block(rows)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> int:
        """Fill cells from the current one; a single value fills the whole selection. One undo step."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        block = parse_block(text)
        cur = self.currentIndex()
        if not block or not cur.isValid():
            return 0
        model = self.grid()
        plan = model.plan_paste(block, cur.column()) if hasattr(model, "plan_paste") else None
        if isinstance(plan, RowPaste):
            return self._paste_rows(plan)
        if isinstance(plan, KeyedPaste):
            return self._paste_keyed(plan)
        edits: list[tuple[str, int, str]] = []
        outside = 0
        if len(block) == 1 and len(block[0]) == 1 and len(self.selected_cells()) > 1:
            for ix in self.selected_cells():
                ref = model.cell_ref(ix.row(), ix.column())
                if ref and model.is_editable(ix.row(), ix.column()):
                    edits.append((ref[0], ref[1], block[0][0]))
        else:
            rows, cols = model.rowCount(), model.columnCount()
            for i, line in enumerate(block):
                for j, value in enumerate(line):
                    r, c = cur.row() + i, cur.column() + j
                    if r >= rows or c >= cols:
                        outside += bool(value.strip())
                        continue
                    ref = model.cell_ref(r, c)
                    if ref and model.is_editable(r, c):
                        edits.append((ref[0], ref[1], value))
            last = model.index(
                min(rows - 1, cur.row() + len(block) - 1), min(cols - 1, cur.column() + max(map(len, block)) - 1)
            )
            self.selectionModel().select(QItemSelection(cur, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        model.ctl.set_cells(model.t, edits, "粘贴")
        msg = f"已粘贴 {len(edits)} 个单元格"
        if outside:
            msg += f"；{outside} 个超出表格范围，未粘贴"
        self.status.emit(msg)
        return len(edits)

    def _paste_rows(self, plan) -> int:
        """Whole subject rows (ui.grid.rowpaste): matched by code, missing subjects added."""
        model = self.grid()
        added, keys = model.ctl.paste_subject_rows(model.t, plan.lines, plan.total)
        rows = [r for key in keys for r in model.key_rows.get(key, ())]
        cols = [c for c in range(model.columnCount()) if any(model.is_editable(r, c) for r in rows[:1])]
        if rows and cols:
            top, bottom = model.index(min(rows), cols[0]), model.index(max(rows), cols[-1])
            self.setCurrentIndex(top)
            self.selectionModel().select(QItemSelection(top, bottom), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(top)
        msg = f"已按科目编码粘贴 {len(plan.lines)} 行" + ("（含合计行）" if plan.total is not None else "")
        if added:
            shown = "、".join(added[:6]) + (f" 等 {len(added)} 个" if len(added) > 6 else "")
            msg += f"；新增科目 {shown}"
        if plan.skipped:
            msg += f"；{plan.skipped} 行不是科目行（标题、表头等），已跳过"
        if plan.outside:
            msg += f"；{plan.outside} 个单元格超出表格范围，未粘贴"
        self.status.emit(msg + "。可撤销（Ctrl+Z）")
        return len(plan.lines) + (plan.total is not None)

    def _paste_keyed(self, plan: KeyedPaste) -> int:
        """A block copied from the printed 01/04/06 (headings and all): lines placed by 行次 or code."""
        model = self.grid()
        edits = []
        for r, c, text in plan.cells:
            ref = model.cell_ref(r, c)
            if ref and model.is_editable(r, c):
                edits.append((ref[0], ref[1], text))
        model.ctl.set_cells(model.t, edits, "粘贴")
        rows = sorted({r for r, _c, _t in plan.cells})
        if rows:
            self.go_to(model.index(rows[0], self.currentIndex().column()))
        msg = f"已按行次或编码粘贴 {plan.lines} 行（{len(edits)} 个单元格）"
        if plan.skipped:
            msg += f"；{plan.skipped} 行不是表中的行（标题、表头等），已跳过"
        self.status.emit(msg + "。可撤销（Ctrl+Z）")
        return len(edits)
