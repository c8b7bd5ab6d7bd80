"""情况说明 page: one editor per section; it shows the text and its marks, and edits it.

    page = TextPage(ctl)        # ui.controller.ProjectController: the project, its checker, its undo
    page.focus_location(loc)    # show a text finding's span
    page.draft("empty")         # 生成初稿 (one undo step)

Everything that changes the text goes through the controller as an undo step (typing, a draft,
an import, a corrected figure; the drafted sentences that follow the data are part of the data's
step), and the findings, verified figures and coverage are the controller's checker's: the page
computes none. It repaints a section when the controller says its text (``textChanged``) or its
marks (``marksChanged``) changed; the editors keep no undo history of their own (Ctrl+Z is the
project's).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
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
from checks.text import split_sections
from checks.text.docfile import FILE_FILTER, TextFileError, read_document
from checks.text.split import document_sections
from model.inputs import name_of
from model.project import Project
from model.sections import all_sections
from model.text_clean import clean
from ui.controller import ProjectController
from ui.text_editor import SectionEditor, replace_text
from ui.text_style import SEVERITY_LINE

SID_ROLE = Qt.ItemDataRole.UserRole


class TextPage(QWidget):
    def __init__(self, ctl: ProjectController, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctl = ctl
        self._stale: set[str] = set()
        self._muted = False
        self.editors: dict[str, SectionEditor] = {}
        self._build()
        self.places.setCurrentIndex(max(0, self.places.findData(ctl.draft_places)))
        self.places.currentIndexChanged.connect(lambda _i: setattr(ctl, "draft_places", self.places.currentData()))
        ctl.textChanged.connect(self._text_changed)
        ctl.marksChanged.connect(self._marks_changed)
        ctl.projectReplaced.connect(self.set_project)
        self.set_project()

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
    def set_project(self, project: Project | None = None) -> None:
        """Build the editors for the controller's project (another one was opened, or the variant
        changed: it has its own sections)."""
        project = self.ctl.project
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
                editor.undoRequested.connect(self.ctl.undo_stack.undo)
                editor.redoRequested.connect(self.ctl.undo_stack.redo)
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
        self._marks_changed(None)

    @property
    def project(self) -> Project:
        return self.ctl.project

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

    # ---------------------------------------------------------------- typing, and what the controller says
    def _typed(self, sid: str) -> None:
        if self._muted:
            return
        editor = self.editors[sid]
        stored, note = self.ctl.set_text(sid, editor.toPlainText())
        if note:
            self.status.setText(note)
        if stored is None:  # refused: the editor shows again what the project holds
            self._quietly(lambda: replace_text(editor, self.project.text.get(sid, "")))
        elif stored != editor.toPlainText():
            self._quietly(lambda: replace_text(editor, stored))

    def _quietly(self, change: Callable[[], object]) -> None:
        self._muted = True
        try:
            change()
        finally:
            self._muted = False

    def _text_changed(self, sids: set[str]) -> None:
        """project.text changed (undo, redo, a draft, an import, a fix): the editors show it."""
        for sid in sids:
            editor = self.editors.get(sid)
            text = self.project.text.get(sid, "")
            if editor is not None and editor.toPlainText() != text:
                self._quietly(lambda editor=editor, text=text: replace_text(editor, text))
        self._update_list()

    def _marks_changed(self, sids: set[str] | None) -> None:
        """The checker judged the text again: repaint the sections whose marks changed."""
        self._stale |= set(self.editors) if sids is None else set(sids) & set(self.editors)
        self._paint(self.current_section())
        self._update_list()
        self._update_status()

    def recheck(self) -> None:
        """Judge the text now (the controller does it a moment after the last keystroke)."""
        self.ctl.settle()

    def _paint(self, sid: str) -> None:
        if sid not in self._stale:
            return
        self._stale.discard(sid)
        self.editors[sid].set_marks(self.findings(), self.ctl.checker.verified_spans(sid))

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
        for f in self.findings():
            by_section.setdefault(f.locations[0].section or "", []).append(f)
        return {sid: count_by_severity(found) for sid, found in by_section.items()}

    def _update_status(self) -> None:
        cov = self.coverage()
        self.coverage_label.setText(f"已核对 {cov.verified} / {cov.found} 个数字" if cov is not None else "")
        sid = self.current_section()
        c = self._counts().get(sid, {})
        spans = self.ctl.checker.verified_spans(sid)
        parts = [f"{s.label} {c[s]}" for s in SEVERITIES if c.get(s)]
        problems = "，".join(parts) if parts else "未发现问题"
        self.status.setText(
            f"本部分：{problems}；{len(spans)} 个数字已与数据核对（虚线标出）。"
            "红色波浪线为错误，悬停可见应为多少，右键或 Ctrl+. 一键改正；黄色【……】为待填写处。"
        )

    # ---------------------------------------------------------------- results and navigation
    def findings(self) -> list[Finding]:
        """The 情况说明's findings, as the checker has them now."""
        return [f for f in self.ctl.findings() if f.locations and f.locations[0].section is not None]

    def coverage(self):
        return self.ctl.checker.coverage()

    def focus_location(self, loc: Location) -> bool:
        """Show the section and select the span of a text finding."""
        if loc.section is None or loc.section not in self.editors:
            return False
        self.ctl.settle()
        rows = [self.sections.item(r).data(SID_ROLE) for r in range(self.sections.count())]
        self.sections.setCurrentRow(rows.index(loc.section))
        editor = self.editors[loc.section]
        if loc.start is not None:
            editor.select_span(loc.start, loc.end if loc.end is not None else loc.start)
        return True

    def fix(self, f: Finding) -> bool:
        """Replace a finding's span by the expected value (one undo step) and check again at once."""
        sid = f.locations[0].section
        if sid not in self.editors or not self.ctl.fix_text(f):
            return False
        loc = f.locations[0]
        editor = self.editors[sid]
        if loc.start is not None and isinstance(f.expected, str):
            editor.select_span(loc.start, loc.start + len(f.expected))
        return True

    def fix_at_cursor(self) -> bool:
        editor = self.editors[self.current_section()]
        self.ctl.settle()
        found = [f for f in editor.findings_at(editor.textCursor().position()) if isinstance(f.expected, str)]
        return self.fix(found[0]) if found else False

    # ---------------------------------------------------------------- drafting
    def draft(self, mode: str = "all") -> list[str]:
        """Draft sections from the data: "all", "empty" (only sections without text) or "current"."""
        ids = list(self.editors)
        if mode == "empty":
            ids = [sid for sid in ids if not self.project.text.get(sid, "").strip()]
        elif mode == "current":
            ids = [self.current_section()]
        done = self.ctl.draft(ids, self.places.currentData())
        self.ctl.settle()
        return [sid for sid in self.editors if sid in done]

    def ask_draft(self, mode: str) -> None:
        ids = list(self.editors) if mode == "all" else [self.current_section()] if mode == "current" else []
        written = [sid for sid in ids if self.project.text.get(sid, "").strip()]
        if written:
            names = "、".join(self.short[s] for s in written[:6]) + ("等" if len(written) > 6 else "")
            answer = QMessageBox.question(
                self,
                "生成初稿",
                f"{names} 已有文字，生成初稿会替换这些文字（可用 Ctrl+Z 撤销）。\n\n"
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
        text = clean(text)
        if found is None:
            found = split_sections(text, self.project.meta.variant)
        if not found:
            found = {self.current_section(): text.strip()}
        self.ctl.replace_texts({sid: body for sid, body in found.items() if sid in self.editors}, "导入情况说明")
        self.ctl.settle()
        filled = [sid for sid in self.editors if sid in found]
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
