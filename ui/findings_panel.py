"""The findings panel: every finding, counts per severity, filters by page and severity;
double-click (or Enter) jumps to the place; a 警告 can be accepted with a 说明."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from checks.finding import SEVERITIES, Finding, Severity, count_by_severity
from checks.where import Where
from ui import style
from ui.controller import ProjectController
from ui.finding_index import pages_of

COLUMNS = ("级别", "位置", "问题", "说明")
CURRENT = "__current__"
ALL = "__all__"  # not None: an empty QVariant read back from Qt is a miscounted None in PySide 6.12


def describe_location(ctl: ProjectController, f: Finding) -> str:
    """The 位置 column: the short form of where the finding is (checks.where)."""
    return Where(ctl.project).finding_short(f.locations)


class FindingsModel(QAbstractTableModel):
    def __init__(self, ctl: ProjectController):
        super().__init__()
        self.ctl = ctl
        self.rows: list[Finding] = []
        self.severities: set[Severity] = set(SEVERITIES)
        self.page: str | None = None
        self._where: dict[int, str] = {}

    def refresh(self) -> None:
        found = [
            f
            for f in self.ctl.findings()
            if f.severity in self.severities and (self.page is None or self.page in pages_of(f))
        ]
        if [id(f) for f in found] == [id(f) for f in self.rows]:
            if found:  # same findings; an acceptance may have changed
                self.dataChanged.emit(self.index(0, 0), self.index(len(found) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self.rows = found
        self._where.clear()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def finding(self, row: int) -> Finding:
        return self.rows[row]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.rows[index.row()]
        c = index.column()
        note = self.ctl.project.acceptances.get(f.key) if f.severity is Severity.WARNING else None
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return f.severity.label + ("（已说明）" if note else "")
            if c == 1:
                where = self._where.get(id(f))
                if where is None:
                    where = self._where[id(f)] = describe_location(self.ctl, f)
                return where
            if c == 2:
                return f.message
            return note or ""
        if role == Qt.ItemDataRole.ForegroundRole and c == 0:
            return QColor("#4a7a3f") if note else style.STRONG[f.severity]
        if role == Qt.ItemDataRole.BackgroundRole and c == 0:
            return style.ACCEPTED_BG if note else style.CELL_BG[f.severity]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{f.rule}　{f.message}"
            return tip + (f"\n已说明：{note}" if note else "")
        return None


class FindingsPanel(QWidget):
    jump = Signal(object)  # Finding

    def __init__(self, ctl: ProjectController, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctl = ctl
        self.current_page: str | None = None
        self.model = FindingsModel(ctl)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        em = self.fontMetrics().horizontalAdvance("中")
        self.view.setColumnWidth(0, em * 9)  # "警告（已说明）" whole
        self.view.setColumnWidth(1, em * 18)  # "绩效自评·自评项目第2行·执行率" whole
        self.view.setColumnWidth(3, em * 14)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.doubleClicked.connect(self._activated)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentRowChanged.connect(self._selection)

        title = QLabel("审核结果")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.buttons: dict[Severity, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(title)
        for sev in SEVERITIES:
            b = QToolButton()
            b.setCheckable(True)
            b.setChecked(True)
            b.setToolTip(f"显示或隐藏{sev.label}")
            b.toggled.connect(self._filter)
            b.setStyleSheet(
                f"QToolButton {{ color: {style.STRONG[sev].name()}; font-weight: bold; padding: 2px 8px; }}"
                f"QToolButton:checked {{ background: {style.CELL_BG[sev].name()}; border: 1px solid {style.STRONG[sev].name()}; border-radius: 3px; }}"
            )
            self.buttons[sev] = b
            bar.addWidget(b)
        bar.addSpacing(12)
        bar.addWidget(QLabel("范围："))
        self.scope = QComboBox()
        self.scope.setMinimumContentsLength(14)
        self.scope.currentIndexChanged.connect(self._filter)
        bar.addWidget(self.scope)
        bar.addStretch(1)
        self.accept_button = QPushButton("说明此警告…")
        self.accept_button.setToolTip("警告可以附说明后接受：说明随项目保存，在单元格提示和审核清单中显示")
        self.accept_button.setEnabled(False)
        self.accept_button.clicked.connect(self.accept_selected)
        bar.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        ctl.findingsChanged.connect(self.refresh)

    def set_pages(self, pages: list[tuple[str, str]]) -> None:
        """(key, title) of the navigator's pages, for the scope list."""
        current = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem("全部", ALL)
        self.scope.addItem("当前页", CURRENT)
        for key, text in pages:
            self.scope.addItem(text, key)
        i = self.scope.findData(current)
        self.scope.setCurrentIndex(max(0, i))
        self.scope.blockSignals(False)
        self.refresh()

    def set_current_page(self, key: str | None) -> None:
        self.current_page = key
        if self.scope.currentData() == CURRENT:
            self._filter()

    def _filter(self, *_args) -> None:
        self.model.severities = {s for s, b in self.buttons.items() if b.isChecked()}
        scope = self.scope.currentData()
        self.model.page = self.current_page if scope == CURRENT else (None if scope == ALL else scope)
        self.refresh()

    def refresh(self) -> None:
        counts = count_by_severity(self.ctl.findings(), self.ctl.project.acceptances)
        for sev, b in self.buttons.items():
            accepted = counts.accepted
            extra = f"（已说明 {accepted}）" if sev is Severity.WARNING and accepted else ""
            text = f"{sev.label} {counts[sev]}{extra}"
            if b.text() != text:  # a new text re-lays out the bar: only when it changed
                b.setText(text)
        selected = self.selected()
        self.model.refresh()
        if selected is not None:
            for r, f in enumerate(self.model.rows):
                if f.key == selected.key:
                    self.view.selectRow(r)
                    break
        self._selection()

    def selected(self) -> Finding | None:
        ix = self.view.currentIndex()
        if not ix.isValid() or ix.row() >= len(self.model.rows):
            return None
        return self.model.finding(ix.row())

    def select_finding(self, f: Finding) -> bool:
        """Select a finding's row, showing every severity and page if a filter hid it."""
        for attempt in range(2):
            for r, g in enumerate(self.model.rows):
                if g.key == f.key:
                    self.view.selectRow(r)
                    self.view.scrollTo(self.model.index(r, 0))
                    return True
            if attempt == 0:
                for b in self.buttons.values():
                    b.setChecked(True)
                self.scope.setCurrentIndex(0)
        return False

    def _selection(self, *_args) -> None:
        f = self.selected()
        ok = f is not None and f.severity is Severity.WARNING
        self.accept_button.setEnabled(ok)
        if ok and f.key in self.ctl.project.acceptances:
            self.accept_button.setText("修改说明…")
        else:
            self.accept_button.setText("说明此警告…")

    def _activated(self, index) -> None:
        if index.isValid():
            self.jump.emit(self.model.finding(index.row()))

    def accept_selected(self) -> None:
        f = self.selected()
        if f is None or f.severity is not Severity.WARNING:
            return
        old = self.ctl.project.acceptances.get(f.key, "")
        note, ok = QInputDialog.getMultiLineText(
            self,
            "说明警告",
            f"{f.message}\n\n请写明原因（例如“按财政部门口径填列”）；清空则撤销说明：",
            old,
        )
        if ok:
            self.ctl.accept(f.key, note)
