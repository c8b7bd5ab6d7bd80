"""The window's 撤销/重做: the project's undo stack, or the text being typed where the focus is.

A one-line field keeps its own undo history while it is being typed in (Ctrl+Z there undoes
typing); the menu and toolbar entries follow the focus, so they never undo a table edit while the
user types in a field, and always say what they will undo. The 情况说明 editors keep none: their
typing is the project's step (ui.controller), undone in order with the others.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QPlainTextEdit, QWidget

TextWidget = QPlainTextEdit | QLineEdit
REDO_KEY = QKeySequence("Ctrl+Y")


def _in_item_view(w: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QAbstractItemView):
            return True
        p = p.parentWidget()
    return False


class UndoActions(QObject):
    def __init__(self, window: QWidget, stack: QUndoStack):
        super().__init__(window)
        self.window, self.stack = window, stack
        K = QKeySequence.StandardKey
        self.undo = QAction("撤销", window)
        self.undo.setShortcuts([QKeySequence(K.Undo)])
        self.redo = QAction("重做", window)
        # Ctrl+Y first, as Office and WPS have it; then the platform's own (Ctrl+Shift+Z).
        self.redo.setShortcuts([REDO_KEY] + [k for k in QKeySequence.keyBindings(K.Redo) if k != REDO_KEY])
        self.undo.triggered.connect(lambda _c=False: self.act(True))
        self.redo.triggered.connect(lambda _c=False: self.act(False))
        for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged, stack.redoTextChanged):
            signal.connect(self.update)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._watched: TextWidget | None = None
        self._connections: list = []
        self.update()

    def _gone(self) -> bool:
        # While the window is torn down, focus moves and texts change after its stack went.
        return not (shiboken6.isValid(self.stack) and shiboken6.isValid(self))

    def text_target(self) -> TextWidget | None:
        """The editable text widget of this window that has the focus and its own history."""
        w = QApplication.focusWidget()
        if (
            isinstance(w, QPlainTextEdit)
            and w.isUndoRedoEnabled()  # an editor whose changes are the project's steps is not
            and not w.isReadOnly()
            and self.window.isAncestorOf(w)
        ):
            return w
        # A field whose typing was committed has no history left: the project's step is meant.
        if (
            isinstance(w, QLineEdit)
            and not w.isReadOnly()
            and self.window.isAncestorOf(w)
            and (w.isUndoAvailable() or w.isRedoAvailable())
        ):
            return w
        return None

    def act(self, undo: bool) -> None:
        if self._gone():
            return
        w = self.text_target()
        if w is not None:
            w.undo() if undo else w.redo()
        elif undo:
            self.stack.undo()
        else:
            self.stack.redo()
        self.update()

    def _focus_changed(self, _old, new) -> None:
        if self._gone():
            return
        for connection in self._connections:  # a deleted widget's connections are already gone
            QObject.disconnect(connection)
        self._connections = []
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = None
        if isinstance(new, QPlainTextEdit | QLineEdit) and self.window.isAncestorOf(new):
            self._watched = new
            if isinstance(new, QPlainTextEdit):
                signals = [new.undoAvailable, new.redoAvailable]
            else:
                signals = [new.textChanged]
                new.installEventFilter(self)
            self._connections = [signal.connect(self.update) for signal in signals]
        self.update()

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        # A line edit takes Ctrl+Z even with nothing to undo; a form field whose entry was committed
        # then lets it through to the window, where it undoes the entry (a cell's editor keeps it).
        if e.type() != QEvent.Type.ShortcutOverride or not isinstance(obj, QLineEdit) or _in_item_view(obj):
            return False
        undo = e.matches(QKeySequence.StandardKey.Undo)
        redo = e.matches(QKeySequence.StandardKey.Redo) or QKeySequence(e.keyCombination()) == REDO_KEY
        if (undo and not obj.isUndoAvailable()) or (redo and not obj.isRedoAvailable()):
            e.ignore()
            return True
        return False

    def update(self, *_args) -> None:
        if self._gone():
            return
        w = self.text_target()
        if isinstance(w, QPlainTextEdit):
            doc = w.document()
            can_undo, can_redo = doc.isUndoAvailable(), doc.isRedoAvailable()
            undo_text = redo_text = "输入的文字"
        elif isinstance(w, QLineEdit):
            can_undo, can_redo = w.isUndoAvailable(), w.isRedoAvailable()
            undo_text = redo_text = "输入的文字"
        else:
            can_undo, can_redo = self.stack.canUndo(), self.stack.canRedo()
            undo_text, redo_text = self.stack.undoText(), self.stack.redoText()
        self.undo.setEnabled(can_undo)
        self.redo.setEnabled(can_redo)
        self.undo.setText(f"撤销 {undo_text}" if can_undo and undo_text else "撤销")
        self.redo.setText(f"重做 {redo_text}" if can_redo and redo_text else "重做")
