"""年初预算 by subject: one line per 类/款/项 of table 05, beside its 决算数, plus any code
the budget names that table 05 lacks."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from model import fields
from model.amount import fmt_amount
from model.catalog import functional_catalog
from model.layout import T
from model.project import TOTAL
from ui import style
from ui.controller import ProjectController

PATH = "supplementary.budget.by_subject"
HEADERS = ("科目编码", "科目名称", "05表决算数（万元）", "年初预算数（万元）")


class BudgetModel(QAbstractTableModel):
    def __init__(self, ctl: ProjectController):
        super().__init__()
        self.ctl = ctl
        self.codes: list[str] = []
        self._bold: QFont | None = None
        self._build()

    def _build(self) -> None:
        rows = self.ctl.project.tables[T.GENERAL].subject_rows()
        typed = {k[len(PATH) + 1 :] for k in self.ctl.project.invalid_fields if k.startswith(PATH + ".")}
        codes = {r.code for r in rows} | set(self.ctl.project.supplementary.budget.by_subject) | typed
        self.codes = sorted(codes)

    def reload(self) -> None:
        self.beginResetModel()
        self._build()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.codes)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 3 else base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        code, c = self.codes[index.row()], index.column()
        error = fields.typed_entry(self.ctl.project, f"{PATH}.{code}") if c == 3 else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if c == 0:
                return code
            if c == 1:
                row = next((r for r in self.ctl.project.tables[T.GENERAL].subject_rows() if r.code == code), None)
                return (row.name if row else None) or functional_catalog().name_of(code) or ""
            if c == 2:
                row = self.ctl.project.tables[T.GENERAL].row(code)
                return fmt_amount(row.values.get(1)) if row and row.key != TOTAL else ""
            if error:
                return error[0]
            value = self.ctl.project.supplementary.budget.by_subject.get(code)
            return fmt_amount(value) if role == Qt.ItemDataRole.DisplayRole else ("" if value is None else str(value))
        if role == Qt.ItemDataRole.TextAlignmentRole and c >= 2:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and len(code) == 3:
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        if error:
            if role == Qt.ItemDataRole.ForegroundRole:
                return style.INVALID_TEXT
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"无法识别：{error[1]}"
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != 3:
            return False
        code = self.codes[index.row()]
        self.ctl.commit_entry(f"{PATH}.{code}", "" if value is None else str(value), f"修改年初预算 {code}")
        return True


class BudgetEditor(QWidget):
    def __init__(self, ctl: ProjectController):
        super().__init__()
        self.ctl = ctl
        self.field = fields.finding_path(PATH)  # the finding field this editor shows
        self.model = BudgetModel(ctl)
        self.view = QTableView()
        self.setFocusProxy(self.view)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.view.setMinimumHeight(320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        ctl.structureChanged.connect(lambda t: t == T.GENERAL and self.model.reload())
        ctl.cellsChanged.connect(lambda t, _k: t == T.GENERAL and self._repaint())
        ctl.fieldChanged.connect(lambda p: p.startswith(PATH) and self._changed(p))
        ctl.projectReplaced.connect(self.model.reload)

    def _repaint(self) -> None:
        self.view.viewport().update()

    def _changed(self, path: str) -> None:
        code = path[len(PATH) + 1 :]
        if code and code not in self.model.codes:
            self.model.reload()
        else:
            self._repaint()
