"""Cell editor with spreadsheet keys: Enter/Tab/arrows commit and move, like Excel and WPS.

Painting is left entirely to Qt (the model supplies colours and fonts through its roles): a
Python paint() would run for every visible cell on every repaint.

Typing into a cell starts "entry" mode: every arrow key commits and moves. F2 or a double click
starts "edit" mode: left/right move the caret inside the text, as in Excel.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.style import amount_font

Key = Qt.Key
MOVES = {
    Key.Key_Return: (1, 0),
    Key.Key_Enter: (1, 0),
    Key.Key_Tab: (0, 1),
    Key.Key_Backtab: (0, -1),
    Key.Key_Up: (-1, 0),
    Key.Key_Down: (1, 0),
    Key.Key_Left: (0, -1),
    Key.Key_Right: (0, 1),
}
CARET_KEYS = {Key.Key_Left, Key.Key_Right}


class CellEditor(QLineEdit):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.entry_mode = True  # started by typing; F2 switches to edit mode
        self.setFrame(False)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CellDelegate(QStyledItemDelegate):
    # (row step, column step, skip to editable cells): asked of the view after a commit
    moveRequested = Signal(int, int, bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.editor: CellEditor | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = CellEditor(parent)
        editor.setFont(amount_font(option.font))
        self.editor = editor
        editor.destroyed.connect(self._forget)
        return editor

    def _forget(self, *_args) -> None:
        self.editor = None

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        model = index.model()
        editor.setText(model.edit_text(model.cell(index.row(), index.column())))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, CellEditor) and event.type() == QEvent.Type.KeyPress:
            key = Key(event.key())
            step = MOVES.get(key)
            if step is not None and not (key in CARET_KEYS and not obj.entry_mode):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and key in (Key.Key_Return, Key.Key_Enter):
                    step = (-1, 0)
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.NoHint)
                skip = key in (Key.Key_Return, Key.Key_Enter, Key.Key_Tab, Key.Key_Backtab)
                self.moveRequested.emit(step[0], step[1], skip)
                return True
        return super().eventFilter(obj, event)
