"""Forms for what the nine tables do not hold: department, units, staff and the supplementary
data the text quotes (上年数, 年初预算, 机关运行经费, 政府采购, 国有资产, 绩效自评).

A form is a list of fields (dotted paths into the project) and of small list tables. Each
committed entry is an undo step. An entry that does not parse keeps what was typed, turns red
and says why; the project keeps its previous value until the entry is corrected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from checks.finding import Location, Severity
from ui import style
from ui.controller import ProjectController
from ui.fields import finding_field, get_path
from ui.findex import worst
from ui.values import EntryError, parse_value, show_value


@dataclass(frozen=True)
class Field:
    path: str
    label: str
    kind: str = "money"  # money | count | year | percent | score | text | choice
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    hint: str = ""


@dataclass(frozen=True)
class Column:
    attr: str | None  # None: the list item itself (a list of names)
    label: str
    kind: str = "text"


@dataclass(frozen=True)
class ListSpec:
    path: str
    label: str
    columns: tuple[Column, ...]
    new_item: object = None  # a factory for a blank item
    hint: str = ""


@dataclass
class FormSpec:
    title: str
    intro: str
    # str: a group heading; a callable: a widget built for the controller (e.g. the budget table)
    parts: list = field(default_factory=list)


_ERR = Severity.ERROR


def _tint(widget: QWidget, findings: list, accepted: dict) -> None:
    sev = worst(findings, accepted)
    if sev is None:
        widget.setStyleSheet("")
        widget.setToolTip("")
        return
    widget.setStyleSheet(f"background: {style.CELL_BG[sev].name()};")
    widget.setToolTip("\n".join(f"【{f.severity.label}】{f.message}" for f in findings))


class FieldEdit(QLineEdit):
    """One value; commits on Enter or leaving the field."""

    def __init__(self, ctl: ProjectController, spec: Field):
        super().__init__()
        self.ctl, self.spec = ctl, spec
        self.error: str | None = None
        if spec.kind in ("money", "count", "percent", "score", "year"):
            self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setMaximumWidth(180)
            self.setFont(style.amount_font(self.font()))
        self.editingFinished.connect(self.commit)

    def refresh(self) -> None:
        """Show the stored value (after undo, redo or another project); a pending bad entry goes."""
        self.error = None
        self.setText(show_value(self.spec.kind, get_path(self.ctl.project, self.spec.path)))
        self.show_findings()

    def show_findings(self) -> None:
        if self.error is not None:
            self.setStyleSheet(f"color: {style.INVALID_TEXT.name()}; background: {style.CELL_BG[_ERR].name()};")
            self.setToolTip(f"无法识别：{self.error}")
            return
        found = self.ctl.index.at_field(finding_field(self.spec.path))
        _tint(self, found, self.ctl.project.acceptances)

    def commit(self) -> None:
        try:
            value = parse_value(self.spec.kind, self.text())
        except EntryError as e:
            self.error = str(e)
            self.show_findings()
            return
        self.error = None
        self.ctl.set_field(self.spec.path, value, f"修改{self.spec.label}")
        self.setText(show_value(self.spec.kind, get_path(self.ctl.project, self.spec.path)))
        self.show_findings()


class ChoiceEdit(QComboBox):
    def __init__(self, ctl: ProjectController, spec: Field):
        super().__init__()
        self.ctl, self.spec = ctl, spec
        for value, label in spec.choices:
            self.addItem(label, value)
        self.activated.connect(self.commit)

    def refresh(self) -> None:
        i = self.findData(get_path(self.ctl.project, self.spec.path))
        self.blockSignals(True)
        self.setCurrentIndex(max(0, i))
        self.blockSignals(False)

    def commit(self, _i: int = 0) -> None:
        self.ctl.set_field(self.spec.path, self.currentData(), f"修改{self.spec.label}")


class ListModel(QAbstractTableModel):
    """A list in the project (of models or of names) as an editable table."""

    def __init__(self, ctl: ProjectController, spec: ListSpec):
        super().__init__()
        self.ctl, self.spec = ctl, spec
        self.errors: dict[tuple[int, int], tuple[str, str]] = {}  # (row, col) → (typed, why)

    def items(self) -> list:
        return get_path(self.ctl.project, self.spec.path)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items())

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.spec.columns[section].label
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def _path(self, row: int, col: int) -> str:
        attr = self.spec.columns[col].attr
        return f"{self.spec.path}.{row}" + (f".{attr}" if attr else "")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        column = self.spec.columns[c]
        err = self.errors.get((r, c))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if err:
                return err[0]
            return show_value(column.kind, get_path(self.ctl.project, self._path(r, c)))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind != "text":
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return None
        found = self.ctl.index.at_field(finding_field(self._path(r, c)))
        if role == Qt.ItemDataRole.ForegroundRole and err:
            return style.INVALID_TEXT
        if role == Qt.ItemDataRole.BackgroundRole:
            if err:
                return style.CELL_BG[_ERR]
            sev = worst(found, self.ctl.project.acceptances)
            return style.CELL_BG[sev] if sev else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if err:
                return f"无法识别：{err[1]}"
            return "\n".join(f"【{f.severity.label}】{f.message}" for f in found) or None
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole:
            return False
        r, c = index.row(), index.column()
        column = self.spec.columns[c]
        try:
            parsed = parse_value(column.kind, str(value))
        except EntryError as e:
            self.errors[(r, c)] = (str(value), str(e))
            self.dataChanged.emit(index, index)
            return True
        self.errors.pop((r, c), None)
        if column.attr is None and parsed is None:
            parsed = ""
        self.ctl.set_field(self._path(r, c), parsed, f"修改{self.spec.label}")
        self.dataChanged.emit(index, index)
        return True

    def refresh_cells(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def reload(self) -> None:
        self.beginResetModel()
        self.errors.clear()
        self.endResetModel()


class ListEditor(QWidget):
    def __init__(self, ctl: ProjectController, spec: ListSpec):
        super().__init__()
        self.ctl, self.spec = ctl, spec
        self.model = ListModel(ctl, spec)
        self.view = QTableView()
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        for i, column in enumerate(spec.columns):
            # Names take the room; figures take what they need.
            mode = QHeaderView.ResizeMode.Stretch if column.kind == "text" else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(i, mode)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.view.setMinimumHeight(140)
        add = QPushButton("添加一行")
        add.clicked.connect(self.add)
        remove = QPushButton("删除所选行")
        remove.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if spec.hint:
            hint = QLabel(spec.hint)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def add(self) -> None:
        item = self.spec.new_item() if callable(self.spec.new_item) else ""
        n = len(self.model.items())
        self.ctl.insert_item(self.spec.path, n, item, f"{self.spec.label}：添加一行")
        self.view.setCurrentIndex(self.model.index(n, 0))
        self.view.setFocus()

    def remove(self) -> None:
        rows = sorted({ix.row() for ix in self.view.selectionModel().selectedIndexes()}, reverse=True)
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        if not rows:
            return
        self.ctl.undo_stack.beginMacro(f"{self.spec.label}：删除 {len(rows)} 行")
        for r in rows:
            self.ctl.remove_item(self.spec.path, r)
        self.ctl.undo_stack.endMacro()


class FormPage(QScrollArea):
    def __init__(self, ctl: ProjectController, spec: FormSpec):
        super().__init__()
        self.ctl, self.spec = ctl, spec
        self.setWidgetResizable(True)
        inner = QWidget()
        self.setWidget(inner)
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(16, 10, 16, 10)
        heading = QLabel(spec.title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        outer.addWidget(heading)
        if spec.intro:
            intro = QLabel(spec.intro)
            intro.setWordWrap(True)
            intro.setObjectName("formIntro")
            outer.addWidget(intro)
        self.fields: dict[str, QWidget] = {}
        self.lists: dict[str, ListEditor] = {}
        self.custom: list[QWidget] = []
        form = None
        for part in spec.parts:
            if isinstance(part, str):
                box = QGroupBox(part)
                form = QFormLayout(box)
                form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
                outer.addWidget(box)
                continue
            if form is None:
                box = QGroupBox()
                form = QFormLayout(box)
                form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
                outer.addWidget(box)
            if isinstance(part, Field):
                widget = ChoiceEdit(ctl, part) if part.kind == "choice" else FieldEdit(ctl, part)
                self.fields[part.path] = widget
                label = part.label + ("（万元）" if part.kind == "money" else "")
                if part.hint:
                    row = QHBoxLayout()
                    row.addWidget(widget)
                    tip = QLabel(part.hint)
                    tip.setObjectName("fieldHint")
                    row.addWidget(tip, 1)
                    form.addRow(label + "：", row)
                else:
                    form.addRow(label + "：", widget)
            elif callable(part):
                widget = part(ctl)
                self.custom.append(widget)
                form.addRow(widget)
            else:
                editor = ListEditor(ctl, part)
                self.lists[part.path] = editor
                form.addRow(QLabel(part.label + "："))
                form.addRow(editor)
        outer.addStretch(1)
        ctl.fieldChanged.connect(self._changed)
        ctl.projectReplaced.connect(self.refresh)
        ctl.findingsChanged.connect(self._findings)
        self.refresh()

    def refresh(self) -> None:
        for w in self.fields.values():
            w.refresh()
        for editor in self.lists.values():
            editor.model.reload()

    def _changed(self, path: str) -> None:
        for p, editor in self.lists.items():
            if path == p or path.startswith(p + "."):
                if path == p:
                    editor.model.reload()
                else:
                    editor.model.refresh_cells()
        w = self.fields.get(path)
        if w is not None:
            w.refresh()

    def _findings(self) -> None:
        for w in self.fields.values():
            if isinstance(w, FieldEdit):
                w.show_findings()
        for editor in self.lists.values():
            editor.view.viewport().update()

    def focus_location(self, loc: Location) -> bool:
        if loc.field is None:
            return False
        for path, w in self.fields.items():
            if finding_field(path) == loc.field:
                self.ensureWidgetVisible(w)
                w.setFocus()
                return True
        for widget in self.custom:
            if getattr(widget, "field", None) and loc.field.startswith(widget.field):
                self.ensureWidgetVisible(widget)
                widget.setFocus()
                return True
        for path, editor in self.lists.items():
            name = finding_field(path)
            if loc.field == name or loc.field.startswith(name + "."):
                self.ensureWidgetVisible(editor)
                rest = loc.field[len(name) + 1 :].split(".") if loc.field != name else []
                if rest and rest[0].isdigit():
                    col = next((i for i, c in enumerate(editor.spec.columns) if len(rest) > 1 and c.attr == rest[1]), 0)
                    editor.view.setCurrentIndex(editor.model.index(int(rest[0]), col))
                editor.view.setFocus()
                return True
        return False
