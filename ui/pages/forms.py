"""Forms for what the nine tables do not hold: department, units, staff and the supplementary
data the text quotes (上年数, 年初预算, 机关运行经费, 政府采购, 国有资产, 绩效自评).

A form is a list of fields (dotted paths into the project) and of small list tables; what each
field is called and what it holds comes from the model (``model.fields``). Each committed entry
is an undo step. An entry that does not parse keeps what was typed, turns red
and says why; the text is kept in the project (``Project.invalid_fields``, so it survives saving)
and the field has no value until the entry is corrected (the check V002 lists it).
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
from model import fields
from model.fields import finding_path
from model.kinds import CHOICE, MONEY, PERCENT, Kind
from ui import style
from ui.controller import ProjectController
from ui.finding_index import worst

_UNITS = {MONEY: "（万元）", PERCENT: "（%）"}


@dataclass(frozen=True)
class Field:
    path: str
    label: str = ""  # only where the form words the field differently from the model ("其中：货物")
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    hint: str = ""

    @property
    def kind(self) -> Kind | None:
        return fields.kind(self.path)

    @property
    def text(self) -> str:
        return self.label or fields.label(self.path)


@dataclass(frozen=True)
class Column:
    attr: str | None  # None: the list item itself (a list of names)
    label: str = ""  # only where the form words it differently from the model


@dataclass(frozen=True)
class ListSpec:
    path: str
    columns: tuple[Column, ...]
    new_item: object = None  # a factory for a blank item
    hint: str = ""

    @property
    def label(self) -> str:
        return fields.label(self.path)

    def column_path(self, row: int, col: int) -> str:
        attr = self.columns[col].attr
        return f"{self.path}.{row}" + (f".{attr}" if attr else "")

    def column_kind(self, col: int) -> Kind | None:
        return fields.kind(self.column_path(0, col))

    def column_label(self, col: int) -> str:
        column = self.columns[col]
        if column.label:
            return column.label
        return fields.facts(self.column_path(0, col)).title + _UNITS.get(self.column_kind(col), "")


@dataclass
class FormSpec:
    path: str  # the group of fields it shows (model.fields.groups): its title is the page's
    intro: str
    # str: a group heading; a callable: a widget built for the controller (e.g. the budget table)
    parts: list = field(default_factory=list)
    title: str = ""  # only where the page's heading differs from the group's title

    @property
    def heading(self) -> str:
        g = fields.group(self.path)
        return self.title or (g.title if g else "")


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
        if spec.kind is not None and spec.kind.numeric:
            self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setMaximumWidth(180)
            self.setFont(style.amount_font(self.font()))
        self.editingFinished.connect(self.commit)

    @property
    def error(self) -> str | None:
        bad = fields.typed_entry(self.ctl.project, self.spec.path)
        return bad[1] if bad else None

    def refresh(self) -> None:
        """Show what the project holds (after undo, redo or another project): the value or the typed text."""
        path = self.spec.path
        bad = fields.typed_entry(self.ctl.project, path)
        self.setText(bad[0] if bad else fields.show(path, fields.get_value(self.ctl.project, path)))
        self.show_findings()

    def show_findings(self) -> None:
        error = self.error
        if error is not None:
            self.setStyleSheet(f"color: {style.INVALID_TEXT.name()}; background: {style.CELL_BG[_ERR].name()};")
            self.setToolTip(f"无法识别：{error}")
            return
        found = self.ctl.index.at_field(finding_path(self.spec.path))
        _tint(self, found, self.ctl.project.acceptances)

    def commit(self) -> None:
        self.ctl.commit_entry(self.spec.path, self.text(), f"修改{self.spec.text}")
        self.refresh()


class ChoiceEdit(QComboBox):
    def __init__(self, ctl: ProjectController, spec: Field):
        super().__init__()
        self.ctl, self.spec = ctl, spec
        for value, label in spec.choices:
            self.addItem(label, value)
        self.activated.connect(self.commit)

    def refresh(self) -> None:
        i = self.findData(fields.get_value(self.ctl.project, self.spec.path))
        self.blockSignals(True)
        self.setCurrentIndex(max(0, i))
        self.blockSignals(False)

    def commit(self, _i: int = 0) -> None:
        self.ctl.set_field(self.spec.path, self.currentData(), f"修改{self.spec.text}")


class ListModel(QAbstractTableModel):
    """A list in the project (of models or of names) as an editable table."""

    def __init__(self, ctl: ProjectController, spec: ListSpec):
        super().__init__()
        self.ctl, self.spec = ctl, spec

    def items(self) -> list:
        return fields.get_value(self.ctl.project, self.spec.path)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items())

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.spec.column_label(section)
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def _path(self, row: int, col: int) -> str:
        return self.spec.column_path(row, col)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        path = self._path(r, c)
        err = fields.typed_entry(self.ctl.project, path) if self.ctl.project.invalid_fields else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if err:
                return err[0]
            return fields.show(path, fields.get_value(self.ctl.project, path))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            kind = self.spec.column_kind(c)
            if kind is not None and kind.numeric:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return None
        found = self.ctl.index.at_field(finding_path(path))
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
        text = "" if value is None else str(value)
        if self.spec.columns[c].attr is None:  # a list of names: a name is whatever was typed
            self.ctl.set_field(self._path(r, c), text.strip(), f"修改{self.spec.label}")
        else:
            self.ctl.commit_entry(self._path(r, c), text, f"修改{self.spec.label}")
        self.dataChanged.emit(index, index)
        return True

    def refresh_cells(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def reload(self) -> None:
        self.beginResetModel()
        self.endResetModel()


class ListEditor(QWidget):
    def __init__(self, ctl: ProjectController, spec: ListSpec):
        super().__init__()
        self.ctl, self.spec = ctl, spec
        self.model = ListModel(ctl, spec)
        self.view = QTableView()
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        for i in range(len(spec.columns)):
            # Names take the room; figures take what they need.
            kind = spec.column_kind(i)
            numeric = kind is not None and kind.numeric
            mode = QHeaderView.ResizeMode.ResizeToContents if numeric else QHeaderView.ResizeMode.Stretch
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


def _align_labels(forms: list[QFormLayout]) -> None:
    """One label width for every group of a page, so the fields line up down the page."""
    labels = []
    for form in forms:
        for i in range(form.rowCount()):
            item = form.itemAt(i, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                labels.append(item.widget())
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class FormPage(QScrollArea):
    def __init__(self, ctl: ProjectController, spec: FormSpec):
        super().__init__()
        self.ctl, self.spec = ctl, spec
        self.setWidgetResizable(True)
        inner = QWidget()
        self.setWidget(inner)
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(16, 10, 16, 10)
        heading = QLabel(spec.heading)
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
        forms: list[QFormLayout] = []
        for part in spec.parts:
            if isinstance(part, str) or form is None:
                if isinstance(part, str):
                    # A label, not the box's own title: QGroupBox clips titles with “” in them.
                    heading = QLabel(part)
                    heading.setObjectName("formGroup")
                    bold = heading.font()
                    bold.setBold(True)
                    heading.setFont(bold)
                    outer.addWidget(heading)
                box = QGroupBox()
                form = QFormLayout(box)
                form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
                forms.append(form)
                outer.addWidget(box)
                if isinstance(part, str):
                    continue
            if isinstance(part, Field):
                widget = ChoiceEdit(ctl, part) if part.kind is CHOICE else FieldEdit(ctl, part)
                self.fields[part.path] = widget
                label = part.text + _UNITS.get(part.kind, "")
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
        _align_labels(forms)
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

    def first_input(self) -> QWidget | None:
        """Where the cursor goes when the page is entered from the keyboard."""
        if self.fields:
            return next(iter(self.fields.values()))
        if self.lists:
            return next(iter(self.lists.values())).view
        return self.custom[0] if self.custom else None

    def focus_location(self, loc: Location) -> bool:
        if loc.field is None:
            return False
        for path, w in self.fields.items():
            if finding_path(path) == loc.field:
                self.ensureWidgetVisible(w)
                w.setFocus()
                return True
        for widget in self.custom:
            if getattr(widget, "field", None) and loc.field.startswith(widget.field):
                self.ensureWidgetVisible(widget)
                widget.setFocus()
                return True
        for path, editor in self.lists.items():
            name = finding_path(path)
            if loc.field == name or loc.field.startswith(name + "."):
                self.ensureWidgetVisible(editor)
                rest = loc.field[len(name) + 1 :].split(".") if loc.field != name else []
                if rest and rest[0].isdigit():
                    col = next((i for i, c in enumerate(editor.spec.columns) if len(rest) > 1 and c.attr == rest[1]), 0)
                    editor.view.setCurrentIndex(editor.model.index(int(rest[0]), col))
                editor.view.setFocus()
                return True
        return False
