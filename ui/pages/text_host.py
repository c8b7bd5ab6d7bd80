"""The 情况说明 page (ui/text_page.TextPage) in the window.

The page shows and edits; the controller holds the text's findings (its checker) and judges the
text again once the user pauses. What the user looks at is never stale: showing the page, or
jumping to a span in it, settles first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from checks.finding import Location
from ui.controller import ProjectController
from ui.text_page import TextPage


class TextHost(QWidget):
    def __init__(self, ctl: ProjectController):
        super().__init__()
        self.ctl = ctl
        self.page = TextPage(ctl)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)

    def catch_up(self) -> None:
        """The text judged against the data as they are now (drafted sentences follow them)."""
        self.ctl.settle()

    def showEvent(self, event) -> None:
        self.catch_up()
        super().showEvent(event)

    def first_input(self) -> QWidget:
        return self.page.editors[self.page.current_section()]

    def focus_location(self, loc: Location) -> bool:
        return self.page.focus_location(loc)
