"""情况说明 page: one editor per section, checked as the user types, drafted from the data.

    page = TextPage(project, on_findings=panel_callback)   # or connect page.findingsChanged
    page.data_changed()        # after a cell or the supplementary data changed
    page.focus_location(loc)   # show a text finding's span
    page.set_project(project)  # another project was opened

The page owns a checks.text.TextSession. Typing re-reads only the section typed in, a moment
after the last keystroke; the findings of the whole text go to ``findingsChanged`` (and the
callback) so the window's findings panel lists them with the tables'. ``textEdited(section)``
tells the window the project changed. Drafted sentences follow the data (checks.text.draft.refresh)
when ``data_changed`` is called, unless the user has rewritten them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from checks.finding import SEVERITIES, Finding, Location, Severity, count_by_severity
from checks.text import TextSession, split_sections
from checks.text.docfile import FILE_FILTER, TextFileError, read_document
from checks.text.draft import apply_draft, refresh
from checks.text.split import document_sections
from model.inputs import name_of
from model.project import Project
from model.sections import all_sections
from model.text_clean import MAX_DOCUMENT_CHARS, clean, is_clean, removed_note
from ui.text_editor import SectionEditor, replace_text
from ui.text_style import SEVERITY_LINE

RECHECK_MS = 150  # after the last keystroke: typing stays fluid, marks follow within a blink
SID_ROLE = Qt.ItemDataRole.UserRole


class TextPage(QWidget):
    findingsChanged = Signal(list)  # list[Finding]: the text's findings after each re-check
    textEdited = Signal(str)  # section id whose text changed (typed, fixed, imported, drafted)

    def __init__(
        self,
        project: Project,
        on_findings: Callable[[list[Finding]], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._on_findings = on_findings
        self._pending: set[str] = set()
        self._stale: set[str] = set()
        self._muted = False
        self.editors: dict[str, SectionEditor] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECHECK_MS)
        self._timer.timeout.connect(self.recheck)
        self._build()
        self.set_project(project)

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        title = QLabel("情况说明")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        self.import_button = QPushButton("导入文本…")
        self.import_button.setToolTip("从 Word 文档（.docx）或文本文件（.txt）读入情况说明，按标题分到各部分")
        self.import_button.clicked.connect(self.ask_import)
        self.draft_button = QToolButton()
        self.draft_button.setText("生成初稿")
        self.draft_button.setToolTip("用表中数据和补充数据起草各部分；原因等留待填写的地方标为【……】")
        self.draft_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.draft_button.clicked.connect(lambda: self.ask_draft("all"))
        menu = QMenu(self.draft_button)
        menu.addAction("生成全部部分的初稿", lambda: self.ask_draft("all"))
        menu.addAction("只为空白部分生成初稿", lambda: self.ask_draft("empty"))
        menu.addAction("重新生成当前部分", lambda: self.ask_draft("current"))
        self.draft_button.setMenu(menu)
        self.places = QComboBox()
        self.places.addItem("百分比保留1位小数", 1)
        self.places.addItem("百分比保留2位小数", 2)
        self.places.setToolTip("生成初稿时占比、增幅、完成率保留的小数位数（四舍五入）")
        self.coverage_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.import_button)
        top.addWidget(self.draft_button)
        top.addWidget(self.places)
        top.addStretch(1)
        top.addWidget(self.coverage_label)

        self.sections = QListWidget()
        self.sections.setMinimumWidth(200)
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.currentRowChanged.connect(self._show_row)
        self.heading = QLabel()
        heading_font = self.heading.font()
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.stack = QStackedWidget()
        self.status = QLabel()
        self.status.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.stack, 1)
        right_layout.addWidget(self.status)
        splitter = QSplitter()
        splitter.addWidget(self.sections)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 900])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        fix = QAction("改正光标处的数字", self)
        fix.setShortcut(QKeySequence("Ctrl+."))
        fix.triggered.connect(self.fix_at_cursor)
        self.addAction(fix)

    # ---------------------------------------------------------------- project
    def set_project(self, project: Project) -> None:
        self.project = project
        self.session = TextSession(project)
        self._muted = True
        try:
            self.sections.clear()
            while self.stack.count():
                w = self.stack.widget(0)
                self.stack.removeWidget(w)
                w.deleteLater()
            self.editors.clear()
            self.titles: dict[str, str] = {}
            self.short = {s.id: s.short for s in all_sections(project.meta.variant)}
            for s in all_sections(project.meta.variant):
                editor = SectionEditor(s.id)
                editor.setPlainText(project.text.get(s.id, ""))
                editor.textChanged.connect(lambda sid=s.id: self._typed(sid))
                editor.fixRequested.connect(self.fix)
                self.editors[s.id] = editor
                self.stack.addWidget(editor)
                self.titles[s.id] = s.title
                item = QListWidgetItem(self.short[s.id])
                item.setData(SID_ROLE, s.id)
                self.sections.addItem(item)
        finally:
            self._muted = False
        self._stale = set(self.editors)
        self.sections.setCurrentRow(self._first_row())
        self._publish()

    def _first_row(self) -> int:
        ids = list(self.editors)
        return ids.index("一") if "一" in ids else 0

    def current_section(self) -> str:
        item = self.sections.currentItem()
        return item.data(SID_ROLE) if item is not None else next(iter(self.editors))

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        sid = self.sections.item(row).data(SID_ROLE)
        self.stack.setCurrentWidget(self.editors[sid])
        self.heading.setText(self.titles[sid])
        self._paint(sid)
        self._update_status()

    # ---------------------------------------------------------------- typing and checking
    def _typed(self, sid: str) -> None:
        if self._muted:
            return
        editor = self.editors[sid]
        text = editor.toPlainText()
        others = sum(len(v) for k, v in self.project.text.items() if k != sid)
        if others + len(text) > MAX_DOCUMENT_CHARS:  # a project beyond it would not open again
            self._quietly(editor.undo)
            self.status.setText(f"情况说明最多 {MAX_DOCUMENT_CHARS} 个字符，这次输入或粘贴未被接受。")
            return
        if not is_clean(text):  # pasted from elsewhere: what no Word file can hold goes
            self.status.setText(removed_note("粘贴的文字", text) + "。")
            text = clean(text)
            self._quietly(lambda: replace_text(editor, text))
        self.project.text[sid] = text
        self._pending.add(sid)
        self._timer.start()
        self.textEdited.emit(sid)

    def _quietly(self, change: Callable[[], object]) -> None:
        self._muted = True
        try:
            change()
        finally:
            self._muted = False

    def recheck(self) -> None:
        """Re-read the sections edited since the last check (the timer calls this)."""
        self._timer.stop()
        pending, self._pending = self._pending, set()
        for sid in pending:
            self.session.section_changed(sid)
        if pending:
            self._publish()

    def data_changed(self) -> list[str]:
        """After the tables or the supplementary data changed: drafted sentences follow the data,
        then every figure is judged again. Returns the sections whose text the draft rewrote."""
        changed = refresh(self.project, self.places.currentData())
        self._load(changed)
        self.session.data_changed()
        for sid in changed:
            self.session.section_changed(sid)
        self._publish()
        return changed

    def reload(self) -> None:
        """project.text was changed from outside the page (undo in the window, another tool)."""
        self._load([sid for sid in self.editors if self.editors[sid].toPlainText() != self.project.text.get(sid, "")])
        self.session.rebuild()
        self._publish()

    def _load(self, sids: list[str]) -> None:
        """Show in the editors what project.text now holds for these sections (one undo step each)."""
        for sid in sids:
            editor = self.editors.get(sid)
            if editor is None:
                continue
            self._muted = True
            try:
                replace_text(editor, self.project.text.get(sid, ""))
            finally:
                self._muted = False
            self.textEdited.emit(sid)

    def _publish(self) -> None:
        self._stale = set(self.editors)
        self._paint(self.current_section())
        self._update_list()
        self._update_status()
        findings = self.findings()
        self.findingsChanged.emit(findings)
        if self._on_findings is not None:
            self._on_findings(findings)

    def _paint(self, sid: str) -> None:
        if sid not in self._stale:
            return
        self._stale.discard(sid)
        self.editors[sid].set_marks(self.session.findings(), self.session.verified_spans(sid))

    def _update_list(self) -> None:
        counts = self._counts()
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            sid = item.data(SID_ROLE)
            text = self.short[sid]
            c = counts.get(sid, {})
            worst = next((s for s in SEVERITIES if c.get(s)), None)
            if not self.project.text.get(sid):
                item.setText(f"{text}（空）")
                item.setForeground(Qt.GlobalColor.gray)
            elif worst in (Severity.ERROR, Severity.ROUNDING, Severity.WARNING):
                n = sum(c.get(s, 0) for s in (Severity.ERROR, Severity.ROUNDING, Severity.WARNING))
                item.setText(f"{text}　● {n}")
                item.setForeground(SEVERITY_LINE[worst])
            else:
                item.setText(text)
                item.setForeground(self.palette().text().color())
            found = "，".join(f"{s.label} {c[s]}" for s in SEVERITIES if c.get(s)) or "未发现问题"
            item.setToolTip(f"{self.titles[sid]}\n{found}")

    def _counts(self) -> dict[str, dict[Severity, int]]:
        by_section: dict[str, list[Finding]] = {}
        for f in self.session.findings():
            by_section.setdefault(f.locations[0].section or "", []).append(f)
        return {sid: count_by_severity(found) for sid, found in by_section.items()}

    def _update_status(self) -> None:
        cov = self.session.coverage()
        self.coverage_label.setText(f"已核对 {cov.verified} / {cov.found} 个数字")
        sid = self.current_section()
        c = self._counts().get(sid, {})
        spans = self.session.verified_spans(sid)
        parts = [f"{s.label} {c[s]}" for s in SEVERITIES if c.get(s)]
        problems = "，".join(parts) if parts else "未发现问题"
        self.status.setText(
            f"本部分：{problems}；{len(spans)} 个数字已与数据核对（虚线标出）。"
            "红色波浪线为错误，悬停可见应为多少，右键或 Ctrl+. 一键改正；黄色【……】为待填写处。"
        )

    # ---------------------------------------------------------------- results and navigation
    def findings(self) -> list[Finding]:
        return list(self.session.findings())

    def coverage(self):
        return self.session.coverage()

    def focus_location(self, loc: Location) -> bool:
        """Show the section and select the span of a text finding."""
        if loc.section is None or loc.section not in self.editors:
            return False
        self.recheck()
        rows = [self.sections.item(r).data(SID_ROLE) for r in range(self.sections.count())]
        self.sections.setCurrentRow(rows.index(loc.section))
        editor = self.editors[loc.section]
        if loc.start is not None:
            editor.select_span(loc.start, loc.end if loc.end is not None else loc.start)
        return True

    def fix(self, f: Finding) -> bool:
        """Replace a finding's span by the expected value and check again at once."""
        sid = f.locations[0].section
        if sid not in self.editors:
            return False
        self.recheck()  # the finding must describe the text as it stands
        current = [g for g in self.session.findings() if g.key == f.key]
        if not current or not self.editors[sid].apply_fix(current[0]):
            return False
        self.recheck()
        return True

    def fix_at_cursor(self) -> bool:
        editor = self.editors[self.current_section()]
        self.recheck()
        found = [f for f in editor.findings_at(editor.textCursor().position()) if isinstance(f.expected, str)]
        return self.fix(found[0]) if found else False

    # ---------------------------------------------------------------- drafting
    def draft(self, mode: str = "all") -> list[str]:
        """Draft sections from the data: "all", "empty" (only sections without text) or "current"."""
        self.recheck()
        ids = list(self.editors)
        if mode == "empty":
            ids = [sid for sid in ids if not self.project.text.get(sid, "").strip()]
        elif mode == "current":
            ids = [self.current_section()]
        done = apply_draft(self.project, ids, self.places.currentData())
        self._load(done)
        for sid in done:
            self.session.section_changed(sid)
        self._publish()
        return done

    def ask_draft(self, mode: str) -> None:
        ids = list(self.editors) if mode == "all" else [self.current_section()] if mode == "current" else []
        written = [sid for sid in ids if self.project.text.get(sid, "").strip()]
        if written:
            names = "、".join(self.short[s] for s in written[:6]) + ("等" if len(written) > 6 else "")
            answer = QMessageBox.question(
                self,
                "生成初稿",
                f"{names} 已有文字，生成初稿会替换这些文字（可在各部分用 Ctrl+Z 撤销）。\n\n"
                "选“是”替换全部；选“否”只为空白部分生成初稿。",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.No:
                mode = "empty"
        self.draft(mode)

    # ---------------------------------------------------------------- import
    def import_text(self, text: str, found: dict[str, str] | None = None) -> list[str]:
        """Put a document's sections into the editors; a text without headings goes to the
        current section. Returns the sections filled."""
        self.recheck()
        text = clean(text)
        if found is None:
            found = split_sections(text, self.project.meta.variant)
        if not found:
            found = {self.current_section(): text.strip()}
        for sid, body in found.items():
            self.project.text[sid] = body
            self.project.drafts.pop(sid, None)  # imported text is the user's, not a draft
        filled = [sid for sid in self.editors if sid in found]
        self._load(filled)
        for sid in filled:
            self.session.section_changed(sid)
        self._publish()
        if filled:
            rows = list(self.editors)
            self.sections.setCurrentRow(rows.index(filled[0]))
        return filled

    def import_file(self, path: str) -> list[str]:
        """Read a .docx or .txt; raises TextFileError (or ValueError: too long) with a Chinese message."""
        text, found, _notes = self._read(path)
        return self.import_text(text, found)

    def _read(self, path: str) -> tuple[str, dict[str, str], list[str]]:
        """The document through the guard every reader uses (only regular files, within limits,
        in a known encoding), its sections, and what was taken out on the way in."""
        text = read_document(path)
        found, notes = document_sections(text, self.project.meta.variant, name_of(path))
        return clean(text), found, notes

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "导入情况说明", "", FILE_FILTER + ";;所有文件 (*)")
        if not path:
            return
        try:
            text, found, notes = self._read(path)
        except (TextFileError, ValueError) as e:
            QMessageBox.warning(self, "导入文本", str(e))
            return
        if notes:
            QMessageBox.information(self, "导入文本", "。\n".join(notes) + "。")
        targets = list(found) or [self.current_section()]
        written = [sid for sid in targets if self.project.text.get(sid, "").strip()]
        if written:
            names = "、".join(self.short[s] for s in written[:6]) + ("等" if len(written) > 6 else "")
            note = "" if found else "文件中没有找到各部分的标题，将全部放入当前部分。\n"
            answer = QMessageBox.question(self, "导入文本", f"{note}{names} 已有文字，导入会替换这些文字。继续吗？")
            if answer != QMessageBox.StandardButton.Yes:
                return
        filled = self.import_text(text, found)
        self.status.setText(f"已导入 {len(filled)} 个部分。")
