"""情况说明, read-only: the sections' text as the project holds it (imported or typed elsewhere).

The editor and drafting of the text is a page of its own that replaces this one through
``register_page`` under the key "text"; until then this page shows what is there, and findings
located in the text select their span.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from checks.finding import Location
from model.sections import all_sections, explanation_sections
from ui.controller import ProjectController


class TextOverviewPage(QWidget):
    def __init__(self, ctl: ProjectController):
        super().__init__()
        self.ctl = ctl
        self.offsets: dict[str, int] = {}  # section id → where its text starts in the browser
        heading = QLabel("情况说明（只读）")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(heading)
        layout.addWidget(QLabel("各部分文字如下；文字的编辑和起草在情况说明编辑器中进行。"))
        layout.addWidget(self.browser, 1)
        ctl.projectReplaced.connect(self.refresh)
        ctl.fieldChanged.connect(lambda p: p.startswith("text.") and self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.browser.clear()
        self.offsets.clear()
        cursor = self.browser.textCursor()
        bold = QTextCharFormat()
        bold.setFontWeight(700)
        plain = QTextCharFormat()
        text = self.ctl.project.text
        numbered = {s.id for s in explanation_sections(self.ctl.project.meta.variant)}
        for section in all_sections(self.ctl.project.meta.variant):
            title = f"{section.id}、{section.heading}" if section.id in numbered else section.heading
            cursor.insertText(title + "\n", bold)
            self.offsets[section.id] = cursor.position()
            body = text.get(section.id, "")
            cursor.insertText((body or "（未填写）") + "\n\n", plain)
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)

    def focus_location(self, loc: Location) -> bool:
        if loc.section is None or loc.section not in self.offsets:
            return False
        start = self.offsets[loc.section] + (loc.start or 0)
        end = self.offsets[loc.section] + (loc.end if loc.end is not None else (loc.start or 0))
        cursor = self.browser.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        self.browser.setFocus()
        return True
