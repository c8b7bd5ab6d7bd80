"""The 情况说明 page (ui/text_page.TextPage, the text checker's editor) wired to the window.

The page owns its text session; the controller gets its findings (for the findings panel, the
navigator and the status bar) and hears when the text was edited (the project is then modified).
When cells or supplementary data change, the text is judged again once the user pauses: a
re-judge of a large department's text takes tens of milliseconds, too long between keystrokes.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from checks.finding import Location
from ui.controller import ProjectController
from ui.text_page import TextPage

IDLE_MS = 1500  # after the last data edit


class TextHost(QWidget):
    def __init__(self, ctl: ProjectController):
        super().__init__()
        self.ctl = ctl
        self.page = TextPage(ctl.project, on_findings=ctl.set_text_findings)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page)
        self.page.textEdited.connect(ctl.text_edited)
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.catch_up)
        ctl.cellsChanged.connect(self._data_changed)
        ctl.structureChanged.connect(self._data_changed)
        ctl.fieldChanged.connect(self._field_changed)
        ctl.projectReplaced.connect(self._replaced)

    def _data_changed(self, *_args) -> None:
        self._stale = True
        self._timer.start()

    def _field_changed(self, path: str) -> None:
        if not path.startswith(("meta.", "text.")):  # meta: projectReplaced rebuilds the page
            self._data_changed()

    def _replaced(self) -> None:
        self._timer.stop()
        self._stale = False
        self.page.set_project(self.ctl.project)

    def catch_up(self) -> None:
        """Judge the text against the data as they are now (drafted sentences follow them)."""
        self._timer.stop()
        if self._stale:
            self._stale = False
            self.page.data_changed()

    def showEvent(self, event) -> None:
        self.catch_up()  # what the user looks at is never stale
        super().showEvent(event)

    def focus_location(self, loc: Location) -> bool:
        self.catch_up()
        return self.page.focus_location(loc)
