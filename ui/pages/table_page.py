"""One of the nine tables: its title line, the grid, the notes printed under it, and a box to
find a row or add a subject by code or name (with completion from the catalog)."""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, QTimer
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checks.finding import Location
from model.catalog import functional_catalog
from model.layout import SUBJECT_TABLES, T, notes, printed_number, title
from ui import dialogs
from ui.controller import ProjectController
from ui.grid.layouts import SubjectModel, model_for
from ui.grid.view import GridView

MESSAGE_MS = 8000  # how long a message above the table stays
_CODE = re.compile(r"^\s*(\d{3}|\d{5}|\d{7})(?!\d)\s*(.*?)\s*$")


def parse_subject(text: str) -> tuple[str, str] | str:
    """What the user typed in the subject box → (code, name), or the reason it names no subject."""
    text = text.strip()
    if not text:
        return "请输入科目编码或名称"
    catalog = functional_catalog()
    m = _CODE.match(text)
    if m:
        code, rest = m.group(1), m.group(2)
        known = catalog.name_of(code)
        if known:
            return code, known
        if rest:
            return code, rest
        return f"目录中没有科目 {code}；如确需使用，请在编码后写上科目名称，例如“{code} 某某支出”"
    if text.isdigit():
        return "科目编码应为3位（类）、5位（款）或7位（项）数字"
    hits = catalog.search(text, limit=200)
    exact = [s for s in hits if s.name == text]
    if len(exact) == 1 or len(hits) == 1:
        s = (exact or hits)[0]
        return s.code, s.name
    if not hits:
        return f"目录中没有名称含“{text}”的科目"
    return f"有 {len(hits)} 个科目的名称含“{text}”，请从列表中选定一个"


class TablePage(QWidget):
    def __init__(self, ctl: ProjectController, t: T):
        super().__init__()
        self.ctl, self.t = ctl, t
        self.model = model_for(ctl, t)
        self.view = GridView(self)
        self.view.setModel(self.model)
        self.subjects = t in SUBJECT_TABLES
        self._matches: list[tuple[int, int, str]] = []
        self._match_at = 0
        self._entered = False  # find_or_add ran in this event: the completer's echo of it is ignored

        self.heading = QLabel()
        self.heading.setObjectName("tableHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.unit = QLabel("金额单位：万元")
        self.number = QLabel()

        self.find = QLineEdit()
        self.find.setClearButtonEnabled(True)
        self.find.setPlaceholderText(
            "科目编码或名称：已有的定位，没有的添加（Ctrl+F）" if self.subjects else "查找项目或编码（Ctrl+F）"
        )
        self.find.returnPressed.connect(self.find_or_add)
        self.find.setMinimumWidth(360)
        bar = QHBoxLayout()
        bar.addWidget(self.find, 1)
        self.add_button = self.remove_button = None
        if self.subjects:
            self._completions = QStringListModel(self)
            completer = QCompleter(self._completions, self)
            completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            completer.setMaxVisibleItems(12)
            completer.activated.connect(self._completed)
            self.find.setCompleter(completer)
            self.find.textEdited.connect(self._suggest)
            self.add_button = QPushButton("添加科目")
            self.add_button.clicked.connect(self.find_or_add)
            self.remove_button = QPushButton("删除科目行")
            self.remove_button.setToolTip("删除所选单元格所在的科目行（可撤销）")
            self.remove_button.clicked.connect(self.remove_selected_rows)
            bar.addWidget(self.add_button)
            bar.addWidget(self.remove_button)
        self.sum_button = QPushButton("自动计算合计")
        self.sum_button.setToolTip("按表内公式和类/款/项层级，把各合计填为所含各项之和（可撤销）")
        self.sum_button.clicked.connect(self.autosum)
        bar.addWidget(self.sum_button)
        self.message = QLabel()
        self.message.setObjectName("pageMessage")
        # Its line is always there, empty or not, so that a message never shifts the table.
        self.message.setFixedHeight(self.message.fontMetrics().height() + 4)

        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.number)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addLayout(head)
        line = QHBoxLayout()
        self.department = QLabel()
        line.addWidget(self.department, 1)
        line.addWidget(self.unit)
        layout.addLayout(line)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("tableNotes")
        layout.addWidget(self.notes)
        self.note_edit: QLineEdit | None = None
        if t in (T.FUND, T.SOE):
            self.note_edit = QLineEdit()
            self.note_edit.setPlaceholderText("表下说明，例如：本部门当年无……（空表时必须注明）")
            self.note_edit.editingFinished.connect(self._note_edited)
            row = QHBoxLayout()
            row.addWidget(QLabel("表下说明："))
            row.addWidget(self.note_edit, 1)
            layout.addLayout(row)
        self.view.menu_entries = [
            ("删除科目行…", self.remove_selected_rows, lambda: bool(self.selected_row_keys()))
            if self.subjects
            else None,
            ("说明警告…", self._accept_warning, self._has_warning),
            ("自动计算合计（本表）", self.autosum, True),
        ]
        ctl.projectReplaced.connect(self.refresh)
        ctl.fieldChanged.connect(self._field_changed)
        self.refresh()

    # ---------------------------------------------------------------- display
    def refresh(self) -> None:
        m = self.ctl.project.meta
        self.heading.setText(f"{m.year}年度{title(self.t, m.variant)}")
        self.number.setText(f"公开{printed_number(self.t, m.variant)}表")
        self.department.setText(f"部门：{m.department or '（未填部门名称）'}")
        self.notes.setText("\n".join(notes(self.t, m.variant)))
        if self.note_edit is not None:
            self.note_edit.setText(self.ctl.project.tables[self.t].note)

    def _field_changed(self, path: str) -> None:
        if path.startswith("meta."):
            self.refresh()
        elif path == f"tables.{self.t}.note" and self.note_edit is not None:
            self.note_edit.setText(self.ctl.project.tables[self.t].note)

    def _note_edited(self) -> None:
        assert self.note_edit is not None
        self.ctl.set_field(f"tables.{self.t}.note", self.note_edit.text().strip(), "修改表下说明")

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setToolTip(text)
        self.message.setProperty("error", error)
        self.message.setStyleSheet("color: #c62828;" if error else "color: #2b5d8a;")
        # Bound to the label: a page closed meanwhile (another project) takes its timer with it.
        QTimer.singleShot(MESSAGE_MS, self.message, lambda: self.message.text() == text and self.show_message(""))

    # ---------------------------------------------------------------- find / add
    def focus_find(self) -> None:
        self.find.setFocus()
        self.find.selectAll()

    def _suggest(self, text: str) -> None:
        cat = functional_catalog()
        entries = []
        for s in cat.search(text, limit=40):
            where = cat.full_name(s.code[:-2]) if len(s.code) > 3 else ""
            entries.append(f"{s.code} {s.name}" + (f"　〔{where}〕" if where else ""))
        self._completions.setStringList(entries)

    def _completed(self, text: str) -> None:
        if self._entered:  # Enter on the list: returnPressed has just added or found it
            self.find.clear()
            return
        self.find.setText(text.split("　〔", 1)[0])  # a click on the list
        QTimer.singleShot(0, self, self.find_or_add)

    def find_or_add(self) -> None:
        text = self.find.text().split("　〔", 1)[0].strip()
        if not text:
            return
        self._entered = True
        QTimer.singleShot(0, self, lambda: setattr(self, "_entered", False))
        if not self.subjects:
            self._find_label(text)
            return
        parsed = parse_subject(text)
        if isinstance(parsed, str):
            if self._find_label(text, quiet=True):
                return
            self.show_message(parsed, error=True)
            return
        code, name = parsed
        existing = next((r for r in self.ctl.project.tables[self.t].subject_rows() if r.code == code), None)
        if existing is None:
            added = self.ctl.add_subjects(self.t, code, name)
            parents = [c for c in added if c != code]
            extra = f"（并补上上级科目 {'、'.join(parents)}）" if parents else ""
            self.show_message(f"已添加科目 {code} {name}{extra}，可撤销（Ctrl+Z）")
            key = next(r.key for r in self.ctl.project.tables[self.t].subject_rows() if r.code == code)
        else:
            key = existing.key
            self.show_message(f"已定位到 {code} {existing.name}")
        self.find.clear()
        self._jump_to_row(key)

    def _jump_to_row(self, key: str) -> None:
        rows = self.model.key_rows.get(key)
        if not rows:
            return
        r = rows[0]
        first = next((c for c in range(self.model.columnCount()) if self.model.is_editable(r, c)), 0)
        self.view.go_to(self.model.index(r, first))
        self.view.setFocus()

    def _find_label(self, text: str, quiet: bool = False) -> bool:
        matches = self.model.search_rows(text)
        if not matches:
            if not quiet:
                self.show_message(f"本表没有含“{text}”的项目", error=True)
            return False
        if matches != self._matches:
            self._matches, self._match_at = matches, 0
        else:
            self._match_at = (self._match_at + 1) % len(matches)
        r, c, label = matches[self._match_at]
        self.view.go_to(self.model.index(r, c))
        if len(matches) > 1:
            self.show_message(f"第 {self._match_at + 1}/{len(matches)} 处：{label}（再按回车找下一处）")
        return True

    # ---------------------------------------------------------------- row commands
    def selected_row_keys(self) -> list[str]:
        if not isinstance(self.model, SubjectModel):
            return []
        keys = []
        for ix in self.view.selected_cells():
            key = self.model.row_key_at(ix.row())
            if key and key != "total" and key not in keys:
                keys.append(key)
        return keys

    def remove_selected_rows(self) -> None:
        keys = self.selected_row_keys()
        if not keys:
            self.show_message("请先选中要删除的科目行（合计行不能删除）", error=True)
            return
        rows = self.ctl.project.tables[self.t].subject_rows()
        by_key = {r.key: r for r in rows}
        parents = [by_key[k] for k in keys if len(by_key[k].code) in (3, 5)]
        below = [
            r.key
            for r in rows
            if r.key not in keys and any(r.code.startswith(p.code) and len(r.code) > len(p.code) for p in parents)
        ]
        if below:
            # A 类 or 款 alone would leave its 款/项 without a parent (H205): ask, never guess.
            chosen = "、".join(f"{p.code} {p.name}" for p in parents[:3]) + ("等" if len(parents) > 3 else "")
            answer = dialogs.ask_remove_children(self, chosen, len(below))
            if answer is None:
                return
            if answer == "all":
                keys = [r.key for r in rows if r.key in set(keys) | set(below)]
        row = self.view.currentIndex().row()
        self.ctl.remove_rows(self.t, keys)
        self.show_message(f"已删除 {len(keys)} 个科目行，可撤销（Ctrl+Z）")
        self.view.go_to(
            self.model.index(min(row, self.model.rowCount() - 1), max(0, self.view.currentIndex().column()))
        )

    def _has_warning(self) -> bool:
        ix = self.view.currentIndex()
        return ix.isValid() and bool(self.model.warnings_at(ix.row(), ix.column()))

    def _accept_warning(self) -> None:
        accept = getattr(self.window(), "accept_warning", None)
        if accept is not None:
            self.view.setFocus()
            accept()

    def autosum(self) -> None:
        n = self.ctl.autosum([self.t])
        self.show_message(f"已计算 {n} 个合计，可撤销（Ctrl+Z）" if n else "各合计已等于所含各项之和")

    # ---------------------------------------------------------------- findings
    def focus_location(self, loc: Location) -> bool:
        if loc.table != self.t:
            return False
        index = self.model.index_for(loc.row, loc.col)
        if not index.isValid():
            return False
        self.view.go_to(index)
        self.view.setFocus()
        return True
