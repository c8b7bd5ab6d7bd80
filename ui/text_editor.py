"""One section's editor: the text with its figures marked, a tooltip and a one-click fix.

Marks are extra selections, so they never touch the text: a figure the checker verified gets a
faint underline; a wrong one a wavy underline and a tint in its
severity's colour, with the expected value in its tooltip and "改为 …" in the context menu;
placeholders 【……】 a yellow background.

The editor keeps no undo history of its own: every change of the text is a step of the project's
undo stack (ui.controller), so Ctrl+Z here is the window's 撤销, asked for with ``undoRequested``
when no window action takes the key.

Offsets: the checker counts Python characters (code points), Qt counts UTF-16 units; they differ
only after a character outside the BMP (rare CJK extensions, emoji), and ``QtOffsets`` converts.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from checks.finding import Finding, Severity
from checks.text.wording import PLACEHOLDER_RE
from ui.text_style import PLACEHOLDER_BG, SEVERITY_BG, SEVERITY_LINE, VERIFIED_LINE


class QtOffsets:
    """Python string index ↔ Qt (UTF-16) position, for one text."""

    def __init__(self, text: str):
        self.wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []

    def to_qt(self, i: int) -> int:
        return i + bisect.bisect_left(self.wide, i) if self.wide else i

    def to_py(self, q: int) -> int:
        if not self.wide:
            return q
        i = q
        for n, w in enumerate(self.wide):
            if w + n < q:
                i -= 1
        return i


def replace_text(editor: QPlainTextEdit, new: str) -> None:
    """Replace the editor's text by changing only the part that differs (keeps the cursor and
    makes the change one undoable step)."""
    old = editor.toPlainText()
    if old == new:
        return
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old, end_new = end_old - 1, end_new - 1
    offsets = QtOffsets(old)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(offsets.to_qt(start))
    cursor.setPosition(offsets.to_qt(end_old), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(new[start:end_new])


class SectionEditor(QPlainTextEdit):
    """The editor of one section; ``fixRequested(finding)`` when the user picks a fix."""

    fixRequested = Signal(object)
    undoRequested = Signal()
    redoRequested = Signal()

    def __init__(self, section: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.section = section
        self.findings: list[Finding] = []
        self.verified: list[tuple[int, int]] = []
        self.setUndoRedoEnabled(False)  # the project's undo stack holds every change of the text
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.setPlaceholderText("在此输入本部分文字，或用“生成初稿”“导入文本”填写。")

    # ---------------------------------------------------------------- marks
    def set_marks(self, findings: list[Finding], verified: list[tuple[int, int]]) -> None:
        self.findings = [f for f in findings if f.locations and f.locations[0].section == self.section]
        self.verified = list(verified)
        self._paint()

    def _paint(self) -> None:
        text = self.toPlainText()
        offsets = QtOffsets(text)
        selections = []

        def add(start: int, end: int, fmt: QTextCharFormat) -> None:
            if not (0 <= start < end <= len(text)):
                return
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(offsets.to_qt(start))
            cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)

        quiet = QTextCharFormat()
        quiet.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        quiet.setUnderlineColor(VERIFIED_LINE)
        marked = {(f.locations[0].start, f.locations[0].end) for f in self.findings}
        for start, end in self.verified:
            if (start, end) not in marked:
                add(start, end, quiet)
        for m in PLACEHOLDER_RE.finditer(text):
            fmt = QTextCharFormat()
            fmt.setBackground(PLACEHOLDER_BG)
            add(m.start(), m.end(), fmt)
        # Milder severities first, so an error over the same span is drawn last, on top.
        for f in sorted(self.findings, key=lambda f: -f.severity.rank):
            loc = f.locations[0]
            if loc.start is None or loc.end is None:
                continue
            fmt = QTextCharFormat()
            if f.severity in (Severity.ERROR, Severity.ROUNDING, Severity.WARNING):
                fmt.setBackground(SEVERITY_BG[f.severity])
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            else:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(SEVERITY_LINE[f.severity])
            add(loc.start, loc.end, fmt)
        self.setExtraSelections(selections)

    def findings_at(self, qt_position: int) -> list[Finding]:
        text = self.toPlainText()
        i = QtOffsets(text).to_py(qt_position)
        out = []
        for f in self.findings:
            loc = f.locations[0]
            if loc.start is not None and loc.end is not None and loc.start <= i <= loc.end:
                out.append(f)
        return sorted(out, key=lambda f: f.severity.rank)

    def verified_at(self, qt_position: int) -> bool:
        i = QtOffsets(self.toPlainText()).to_py(qt_position)
        return any(a <= i <= b for a, b in self.verified)

    # ---------------------------------------------------------------- undo is the project's
    def undo(self) -> None:
        self.undoRequested.emit()

    def redo(self) -> None:
        self.redoRequested.emit()

    def keyPressEvent(self, e) -> None:
        if e.matches(QKeySequence.StandardKey.Undo):
            self.undoRequested.emit()
        elif e.matches(QKeySequence.StandardKey.Redo) or QKeySequence(e.keyCombination()) == QKeySequence("Ctrl+Y"):
            self.redoRequested.emit()
        else:
            super().keyPressEvent(e)

    # ---------------------------------------------------------------- tooltip and menu
    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and _undo_key(e):
            e.ignore()  # the window's 撤销/重做 take it (the project's steps); without one, keyPressEvent
            return True
            cursor = self.cursorForPosition(e.pos())
            found = self.findings_at(cursor.position())
            if found:
                QToolTip.showText(e.globalPos(), tooltip_html(found), self)
            elif self.verified_at(cursor.position()):
                QToolTip.showText(e.globalPos(), "已与数据核对一致", self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

    def contextMenuEvent(self, e) -> None:
        menu = self.createStandardContextMenu()
        cursor = self.cursorForPosition(e.pos())
        fixes = [f for f in self.findings_at(cursor.position()) if isinstance(f.expected, str) and f.expected]
        if fixes:
            first = menu.actions()[0] if menu.actions() else None
            for f in fixes:
                action = self.fix_action(menu, f)
                menu.insertAction(first, action)
            menu.insertSeparator(first)
        menu.exec(e.globalPos())

    def fix_action(self, menu: QMenu, f: Finding):
        loc = f.locations[0]
        action = menu.addAction(f"改为“{f.expected}”（原为“{loc.text}”）")
        action.triggered.connect(lambda _checked=False, f=f: self.fixRequested.emit(f))
        return action

    def select_span(self, start: int, end: int) -> None:
        offsets = QtOffsets(self.toPlainText())
        cursor = self.textCursor()
        cursor.setPosition(offsets.to_qt(start))
        cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)


def _undo_key(e) -> bool:
    return (
        e.matches(QKeySequence.StandardKey.Undo)
        or e.matches(QKeySequence.StandardKey.Redo)
        or QKeySequence(e.keyCombination()) == QKeySequence("Ctrl+Y")
    )


def tooltip_html(findings: list[Finding]) -> str:
    parts = []
    for f in findings:
        colour = SEVERITY_LINE[f.severity].name()
        line = f"<b style='color:{colour}'>{f.severity.label}</b> {_escape(f.message)}"
        if isinstance(f.expected, str) and f.expected:
            line += f"<br>应为：<b>{_escape(f.expected)}</b>（右键可一键改正）"
        parts.append(line)
    # A fixed width: Qt wraps rich tooltips very narrow otherwise.
    return "<table width='460'><tr><td>" + "<br><br>".join(parts) + "</td></tr></table>"


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
