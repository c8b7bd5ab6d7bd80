"""The findings panel: every finding, counts per severity, filters by page and severity;
double-click (or Enter) jumps to the place; a 警告 can be accepted with a 说明.

The severity buttons show whether they are on (filled, ticked) or off (outlined, an empty box);
a new project starts with every finding shown; a filter that hides them all says so, with a
button that shows them again. The list folds away under its bar of counts (收起/展开, Ctrl+F8).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
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
            return style.ACCEPTED_FG if note else style.STRONG[f.severity]
        if role == Qt.ItemDataRole.BackgroundRole and c == 0:
            return style.ACCEPTED_BG if note else style.CELL_BG[f.severity]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{f.rule}　{f.message}"
            return tip + (f"\n已说明：{note}" if note else "")
        return None


def state_icon(colour: QColor, size: int) -> QIcon:
    """A box, ticked when the button is on: its state shown by shape, not by colour alone."""
    icon = QIcon()
    for on in (True, False):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(colour, max(1.5, size / 9))
        painter.setPen(pen)
        box = pix.rect().adjusted(1, 1, -2, -2)
        painter.drawRoundedRect(box, 2, 2)
        if on:
            s = size
            painter.drawPolyline(
                [QPointF(s * 0.22, s * 0.52), QPointF(s * 0.42, s * 0.72), QPointF(s * 0.78, s * 0.28)]
            )
        painter.end()
        icon.addPixmap(pix, QIcon.Mode.Normal, QIcon.State.On if on else QIcon.State.Off)
    return icon


class FindingsPanel(QWidget):
    jump = Signal(object)  # Finding
    foldRequested = Signal()  # the 收起/展开 button: the window folds or unfolds the panel

    def __init__(self, ctl: ProjectController, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctl = ctl
        self.current_page: str | None = None
        self.collapsed = False
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
        self.bar = QWidget()
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(title)
        for sev in SEVERITIES:
            b = QToolButton()
            b.setCheckable(True)
            b.setChecked(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.toggled.connect(self._filter)
            b.toggled.connect(lambda _on, b=b, sev=sev: self._show_state(b, sev))
            self.buttons[sev] = b
            bar.addWidget(b)
        self._style_buttons()
        bar.addSpacing(12)
        bar.addWidget(QLabel("范围："))
        self.scope = QComboBox()
        self.scope.setMinimumContentsLength(10)
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope.currentIndexChanged.connect(self._filter)
        bar.addWidget(self.scope)
        bar.addStretch(1)
        self.accept_button = QPushButton("说明此警告…")
        self.accept_button.setToolTip("警告可以附说明后接受：说明随项目保存，在单元格提示和审核清单中显示")
        self.accept_button.setEnabled(False)
        self.accept_button.clicked.connect(self.accept_selected)
        bar.addWidget(self.accept_button)
        self.fold = QToolButton()
        self.fold.clicked.connect(self.foldRequested)
        bar.addWidget(self.fold)
        # Said when the list is empty: nothing found, or a filter hiding everything.
        self.empty = QWidget()
        empty = QHBoxLayout(self.empty)
        empty.setContentsMargins(8, 2, 4, 2)
        self.empty_note = QLabel()
        self.empty_note.setWordWrap(True)
        self.show_all = QPushButton("显示全部")
        self.show_all.clicked.connect(self.reset_filter)
        empty.addWidget(self.empty_note, 1)
        empty.addWidget(self.show_all)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self._show_fold()
        ctl.findingsChanged.connect(self.refresh)
        ctl.projectReplaced.connect(self.reset_filter)  # another project: every finding shown again

    # ---------------------------------------------------------------- look of the buttons
    def _style_buttons(self) -> None:
        palette = self.palette()
        off_text = style.muted(palette).name()
        size = max(12, self.fontMetrics().height() - 4)
        for sev, b in self.buttons.items():
            strong = style.STRONG[sev].name()
            # On: the severity's fill, bold, ticked. Off: no fill, a dashed outline, quiet text, an
            # empty box. Both set here in full, so a dark or high-contrast theme changes neither.
            b.setStyleSheet(
                f"QToolButton {{ color: {off_text}; background: transparent; font-weight: normal;"
                f" border: 1px dashed {off_text}; border-radius: 3px; padding: 2px 6px; }}"
                f"QToolButton:checked {{ color: {strong}; background: {style.CELL_BG[sev].name()};"
                f" font-weight: bold; border: 1px solid {strong}; }}"
            )
            b.setIconSize(QSize(size, size))
            b.setIcon(state_icon(style.STRONG[sev], size))
            self._show_state(b, sev)

    def _show_state(self, b: QToolButton, sev: Severity) -> None:
        b.setToolTip(f"正在显示{sev.label}，点击隐藏" if b.isChecked() else f"{sev.label}已隐藏，点击显示")

    def changeEvent(self, e) -> None:
        super().changeEvent(e)
        if e.type() == e.Type.PaletteChange and self.buttons:
            self._style_buttons()

    # ---------------------------------------------------------------- folding
    def set_collapsed(self, collapsed: bool) -> None:
        """Only the bar of counts and filters, or the whole list."""
        self.collapsed = collapsed
        self.view.setVisible(not collapsed)
        self._show_empty()
        self._show_fold()
        self.setMaximumHeight(self.bar_height() if collapsed else 16777215)

    def _show_fold(self) -> None:
        self.fold.setText("展开 ▲" if self.collapsed else "收起 ▼")
        self.fold.setToolTip(("展开" if self.collapsed else "收起") + "审核结果列表（Ctrl+F8）")

    def bar_height(self) -> int:
        return self.bar.sizeHint().height() + 2

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

    def reset_filter(self) -> None:
        """Every severity, every page."""
        for b in self.buttons.values():
            b.blockSignals(True)
            b.setChecked(True)
            b.blockSignals(False)
        for sev, b in self.buttons.items():
            self._show_state(b, sev)
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(0)
        self.scope.blockSignals(False)
        self._filter()

    def filtered(self) -> bool:
        return self.scope.currentIndex() > 0 or not all(b.isChecked() for b in self.buttons.values())

    def _show_empty(self) -> None:
        """The list is empty: say whether nothing was found or the filter hides it all."""
        text = ""
        if not self.model.rows:
            total = len(self.ctl.findings())
            if not total:
                text = "未发现问题。"
            elif self.filtered():
                text = f"当前筛选隐藏了全部 {total} 条审核结果（级别按钮或“范围”）。"
        if self.empty_note.text() != text:
            self.empty_note.setText(text)
            self.show_all.setVisible(text.startswith("当前筛选"))
        self.empty.setVisible(bool(text) and not self.collapsed)

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
        self._show_empty()
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
                self.reset_filter()
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
