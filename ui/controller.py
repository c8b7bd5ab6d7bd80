"""The open project: model, check session, undo stack, file, lock and recovery copy.

Views never change the model themselves: they ask the controller, which pushes an undo command.
Commands call back the ``apply_*`` methods, which change the model, re-run the checks through
the engine's incremental path and emit signals naming what changed, so each view repaints only
that.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from checks.engine import CheckSession, Delta
from checks.finding import Finding
from checks.rules.imports import exact_findings, import_findings
from model import fields
from model.amount import parse_amount
from model.catalog import functional_catalog, parent_code
from model.fields import SUPP_PREFIX
from model.fileio import SUFFIX, remove_stale_temporaries, save_project
from model.kinds import YEAR, EntryError
from model.layout import SUBJECT_TABLES, T
from model.project import TOTAL, Project, ensure_structure, set_cell_value
from model.text_clean import (
    MAX_CELL_TEXT,
    MAX_NAME,
    MAX_NOTE,
    MAX_SUBJECT_ROWS,
    bad_characters,
    clean,
    is_clean,
    removed_note,
    too_long,
)
from ui import undo_steps as step
from ui.autosum import compute_totals
from ui.finding_index import FindingIndex
from ui.lock import ProjectLock
from ui.recovery import INTERVAL_MS, RecoverySlot
from ui.undo_steps import CellState

UNTITLED = "未命名"


class ProjectController(QObject):
    cellsChanged = Signal(object, object)  # table, set of row keys whose values changed
    rowsChanged = Signal(object, object)  # table, set of row keys whose finding colours changed
    structureChanged = Signal(object)  # table: rows added or removed
    fieldChanged = Signal(str)  # a non-table path (supplementary.…, units.…, meta.…)
    findingsChanged = Signal()  # the list of findings (or acceptances) changed
    projectReplaced = Signal()  # a different project (new, opened, restored, meta change)
    stateChanged = Signal()  # file name or modified state
    cellError = Signal(str)  # a cell that did not parse: why

    def __init__(
        self,
        project: Project | None = None,
        parent: QObject | None = None,
        recovery: bool = True,
        autosave_ms: int = INTERVAL_MS,  # shorter only in tests that kill the process
    ):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.undo_stack.indexChanged.connect(self._bump)
        self.path: Path | None = None
        self.name = UNTITLED
        self.lock: ProjectLock | None = None
        self.extras: list[Finding] = []  # workbook import problems, shown until the project is replaced
        self.text_findings: list[Finding] = []  # from the 情况说明 page's own session
        self.index = FindingIndex()
        self._dirty = False  # modified without an undo step: imported, restored, new
        self._generation = 0
        self._recovered = 0
        self.slot: RecoverySlot | None = RecoverySlot() if recovery else None
        self.timer = QTimer(self)
        self.timer.setInterval(autosave_ms)
        self.timer.timeout.connect(self.write_recovery)
        if recovery:
            self.timer.start()
        self.project: Project
        self.session: CheckSession
        self._install(project or Project())

    # ---------------------------------------------------------------- state
    @property
    def modified(self) -> bool:
        return self._dirty or not self.undo_stack.isClean()

    def findings(self) -> list[Finding]:
        found = self.session.findings()
        if self.text_findings or self.extras:
            return found + self.text_findings + self.extras
        return found

    def set_text_findings(self, findings: list[Finding]) -> None:
        """The text page re-judged the 情况说明. Its findings colour the text, not cells."""
        if findings == self.text_findings:
            return
        self.text_findings = list(findings)
        self.findingsChanged.emit()

    def text_edited(self, _section: str = "") -> None:
        """The 情况说明 changed in its editor (which has its own undo): the project is modified."""
        self._bump()
        if not self._dirty:
            self._dirty = True
            self.stateChanged.emit()

    def _clean_changed(self, _clean: bool) -> None:
        self.stateChanged.emit()

    def _bump(self, _i: int = 0) -> None:
        self._generation += 1

    def _install(self, project: Project) -> None:
        self.project = project
        self.session = CheckSession(project)
        self.index.reset(self.findings())

    def replace(
        self,
        project: Project,
        path: Path | None = None,
        name: str | None = None,
        lock: ProjectLock | None = None,
        dirty: bool = False,
        imported: object | None = None,
    ) -> None:
        """Show another project; the caller has asked about unsaved changes and taken the lock."""
        self.undo_stack.clear()
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock = lock
        self.path = path
        self.name = name or (path.name if path else UNTITLED)
        self.extras = import_findings(imported)
        self.text_findings = []
        self._dirty = dirty
        self._install(project)
        hidden = exact_findings(imported, self.session.findings())  # a workbook in 元: its exact errors
        if hidden:
            self.extras += hidden
            self.index.reset(self.findings())
        self._tidy()
        if self.slot is not None:
            self.slot.discard()
        self._recovered = self._generation = 0
        if dirty:
            self._generation = 1
        self.projectReplaced.emit()
        self.findingsChanged.emit()
        self.stateChanged.emit()

    def close(self) -> None:
        """The window goes away normally: no recovery copy, no lock left behind."""
        self.timer.stop()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        if self.slot is not None:
            self.slot.close()
            self.slot = None

    # ---------------------------------------------------------------- files
    def save(self, path: Path, lock: ProjectLock | None = None) -> None:
        """Write atomically; ``lock`` is the new file's lock when saving under another name."""
        if path.suffix.lower() != SUFFIX:
            path = path.with_suffix(SUFFIX)
        if self.slot is not None:
            self.slot.before_save(path, self.project)
        save_project(self.project, path)
        if lock is not None and lock is not self.lock:
            if self.lock is not None:
                self.lock.release()
            self.lock = lock
        if self.path != path:
            self.path = path
            self.name = path.name
        self._dirty = False
        self.undo_stack.setClean()
        self._tidy()
        if self.slot is not None:
            self.slot.discard()
        self._recovered = self._generation
        self.stateChanged.emit()

    def _tidy(self) -> None:
        """Remove what a save killed midway (crash, power cut) left beside the file. Only while
        holding its lock: then no other window can be writing it."""
        if self.path is not None and self.lock is not None and self.lock.held:
            remove_stale_temporaries(self.path)

    def write_recovery(self, wait: bool = False) -> bool:
        """Write the recovery copy if anything changed since the last one; True when started."""
        if self.slot is None or not self.modified or self._recovered == self._generation:
            return False
        done = self.slot.write(self.project, self.path, self.name)
        self._recovered = self._generation
        done.add_done_callback(self._recovery_written)
        if wait:
            self.slot.flush()
        return True

    def _recovery_written(self, done) -> None:
        # Runs on the writer thread. A failed copy (full disk) is retried at the next tick;
        # it must never interrupt the user.
        if done.exception() is not None:
            self._recovered = -1

    # ---------------------------------------------------------------- edits (push commands)
    def set_cells(self, t: T, edits: Iterable[tuple[str, int, str | CellState]], text: str = "编辑单元格") -> bool:
        """Typed text (or a ready state) for cells of one table; one undo step. False if nothing changed."""
        table = self.project.tables[t]
        index = table.index()
        changes = []
        for key, col, new in edits:
            row = index.get(key)
            if row is None:
                continue
            if isinstance(new, str):
                new = self.entered(new, "单元格内容", MAX_CELL_TEXT)
                if new is None:
                    continue
            state = step.state_of_text(new) if isinstance(new, str) else new
            old = step.cell_state(row, col)
            if state != old:
                changes.append((key, col, old, state))
        if not changes:
            return False
        self.undo_stack.push(step.SetCells(self, t, changes, text))
        return True

    def autosum(self, tables: Iterable[T]) -> int:
        totals = compute_totals(self.session, tables)
        by_table: dict[T, list[tuple[str, int, CellState]]] = {}
        for (t, key, col), value in totals.items():
            by_table.setdefault(t, []).append((key, col, (value, None)))
        if not by_table:
            return 0
        self.undo_stack.beginMacro("自动计算合计")
        for t, edits in by_table.items():
            self.set_cells(t, edits, "自动计算合计")
        self.undo_stack.endMacro()
        return len(totals)

    def entered(self, text: str, what: str, limit: int) -> str | None:
        """Text as it may enter the project: characters no output can hold taken out, or None
        (nothing entered) beyond ``limit``; either way ``cellError`` says why."""
        why = too_long(what, text, limit)
        if why:
            self.cellError.emit(f"{why}，未录入")
            return None
        if is_clean(text):
            return text
        if bad_characters(text):
            self.cellError.emit(removed_note(what, text))
        return clean(text)

    def add_subjects(self, t: T, code: str, name: str = "", with_parents: bool = True) -> list[str]:
        """Add a subject row (and its missing 类/款 when ``with_parents``); returns the codes added."""
        name = self.entered(name, "科目名称", MAX_NAME)
        code = self.entered(code, "科目编码", MAX_NAME)
        if name is None or code is None:
            return []
        if len(self.project.tables[t].rows) >= MAX_SUBJECT_ROWS:
            self.cellError.emit(f"一张表最多 {MAX_SUBJECT_ROWS} 行，未添加")
            return []
        wanted = self._missing_subjects(t, [(code, name)], with_parents)
        if wanted:
            what = "、".join(c for c, _n in wanted)
            self.undo_stack.push(step.AddRows(self, t, wanted, f"添加科目 {what}"))
        return [c for c, _n in wanted]

    def _missing_subjects(self, t: T, subjects: list[tuple[str, str]], with_parents: bool) -> list[tuple[str, str]]:
        """(code, name) of the subjects (and their 类/款) the table lacks, in code order."""
        assert t in SUBJECT_TABLES
        present = {r.code for r in self.project.tables[t].subject_rows()}
        catalog = functional_catalog()
        given = {code: name for code, name in subjects}
        wanted: dict[str, str] = {}
        for code in given:
            chain = [code]
            p = parent_code(code)
            while with_parents and p:
                chain.append(p)
                p = parent_code(p)
            for c in chain:
                if c not in present and c not in wanted:
                    wanted[c] = given.get(c) or catalog.name_of(c) or ""
        return sorted(wanted.items())

    def paste_subject_rows(
        self, t: T, lines: list[tuple[str, str, dict[int, str]]], total: dict[int, str] | None = None
    ) -> tuple[list[str], list[str]]:
        """Rows pasted by code: add the subjects (and 类/款) missing, then set the figures; one undo
        step. Returns (codes added, row keys filled)."""
        lines = [(code, self.entered(name, "科目名称", MAX_NAME) or "", cells) for code, name, cells in lines]
        if len(self.project.tables[t].rows) + len(lines) > MAX_SUBJECT_ROWS:
            self.cellError.emit(f"科目行过多（一张表最多 {MAX_SUBJECT_ROWS} 行），未粘贴")
            return [], []
        added = self._missing_subjects(t, [(code, name) for code, name, _cells in lines], True)
        self.undo_stack.beginMacro("粘贴科目行")
        if added:
            self.undo_stack.push(step.AddRows(self, t, added, f"添加科目 {'、'.join(c for c, _n in added)}"))
        by_code: dict[str, str] = {}
        for row in self.project.tables[t].subject_rows():
            by_code.setdefault(row.code, row.key)  # a code entered twice: the first row
        edits = [(by_code[code], col, text) for code, _name, cells in lines for col, text in cells.items()]
        if total is not None:
            edits += [(TOTAL, col, text) for col, text in total.items()]
        self.set_cells(t, edits, "粘贴")
        self.undo_stack.endMacro()
        keys = list(dict.fromkeys(by_code[code] for code, _n, _c in lines))
        return [c for c, _n in added], ([TOTAL] if total is not None else []) + keys

    def remove_rows(self, t: T, keys: list[str]) -> None:
        keys = [k for k in keys if k != "total"]
        if keys:
            self.undo_stack.push(step.RemoveRows(self, t, keys, f"删除科目行 {len(keys)} 行"))

    def commit_entry(self, path: str, typed: str, text: str = "修改") -> bool:
        """What was typed in a form: the field's value, or the text itself when it does not parse."""
        try:
            value = fields.parse(path, typed)
        except EntryError:
            # A year cannot be empty: it keeps its value while the typed text waits for correction.
            keep = fields.get_value(self.project, path) if fields.kind(path) is YEAR else None
            return self.set_entry(path, keep, typed, text)
        return self.set_entry(path, value, None, text)

    def set_field(self, path: str, value: Any, text: str = "修改") -> bool:
        """A field set to a value (anything typed there that did not parse goes with it)."""
        return self.set_entry(path, value, None, text)

    def set_entry(self, path: str, value: Any, typed: str | None, text: str = "修改") -> bool:
        """A form entry: a parsed value (``typed`` None), or text that did not parse, which is kept
        in the project and leaves the field without a value (``value`` is then what stays, normally None)."""
        if isinstance(value, str):
            value = self.entered(value, "填写的内容", MAX_NOTE if path.endswith(".note") else MAX_NAME)
            if value is None:
                return False
        if typed is not None:
            typed = self.entered(typed, "填写的内容", MAX_CELL_TEXT)
            if typed is None:
                return False
        old = (copy.deepcopy(fields.get_value(self.project, path)), self.project.invalid_fields.get(path))
        new = (value, typed)
        if old == new:
            return False
        self.undo_stack.push(step.SetEntry(self, path, old, new, text))
        return True

    def insert_item(self, path: str, index: int, item: Any, text: str = "添加一行") -> None:
        self.undo_stack.push(step.ListInsert(self, path, index, item, text))

    def remove_item(self, path: str, index: int, text: str = "删除一行") -> None:
        item = copy.deepcopy(fields.get_value(self.project, path)[index])
        self.undo_stack.push(step.ListRemove(self, path, index, item, text))

    def accept(self, key: str, note: str | None) -> None:
        old = self.project.acceptances.get(key)
        note = self.entered((note or "").strip(), "说明", MAX_NOTE) or None
        if old != note:
            self.undo_stack.push(step.Accept(self, key, old, note, "说明警告" if note else "撤销警告说明"))

    def recheck(self) -> None:
        """F5: check everything again from scratch."""
        self.session.rebuild()
        self._refresh_all()

    # ---------------------------------------------------------------- apply (called by commands)
    def apply_cells(self, t: T, states: list[tuple[str, int, CellState]]) -> None:
        index = self.project.tables[t].index()
        keys: set[str] = set()
        error = None
        for key, col, (value, text) in states:
            row = index[key]
            if text is not None:
                row.values.pop(col, None)
                row.invalid[col] = text
                error = error or parse_amount(text).error
            else:
                set_cell_value(row, col, value)
            keys.add(key)
        delta = self.session.rows_changed(t, keys)
        self.cellsChanged.emit(t, keys)
        self._apply_delta(delta)
        if error:
            self.cellError.emit(error)

    def structure_changed(self, t: T) -> None:
        self.session.rebuild()
        self.index.reset(self.findings())
        self.structureChanged.emit(t)
        self.findingsChanged.emit()

    def apply_field(self, path: str, value: Any) -> None:
        fields.set_value(self.project, path, copy.deepcopy(value))
        self._field_changed(path)

    def apply_entry(self, path: str, value: Any, typed: str | None) -> None:
        if typed is None:
            self.project.invalid_fields.pop(path, None)
        else:
            self.project.invalid_fields[path] = typed
        self.apply_field(path, value)

    def apply_list(
        self, path: str, insert: tuple[int, Any] | None = None, remove: int | None = None, typed: dict | None = None
    ) -> dict[str, str]:
        """Insert or remove a list item; the texts typed in later items' cells move with them.
        Returns what was typed in a removed item's cells (``typed`` gives it back on insert)."""
        items = fields.get_value(self.project, path)
        dropped: dict[str, str] = {}
        if insert is not None:
            self._shift_typed(path, insert[0], 1)
            items.insert(insert[0], insert[1])
            for tail, text in (typed or {}).items():
                self.project.invalid_fields[f"{path}.{insert[0]}{tail}"] = text
        if remove is not None:
            dropped = self._shift_typed(path, remove, -1)
            del items[remove]
        self._field_changed(path)
        return dropped

    def _shift_typed(self, path: str, index: int, step: int) -> dict[str, str]:
        typed = self.project.invalid_fields
        prefix = path + "."
        moved, dropped = {}, {}
        for key in [k for k in typed if k.startswith(prefix)]:
            i, dot, tail = key[len(prefix) :].partition(".")
            if not i.isdigit() or int(i) < index:
                continue
            text = typed.pop(key)
            if step < 0 and int(i) == index:
                dropped[dot + tail] = text
            else:
                moved[f"{prefix}{int(i) + step}{dot}{tail}"] = text
        typed.update(moved)
        return dropped

    def apply_acceptance(self, key: str, note: str | None) -> None:
        if note is None:
            self.project.acceptances.pop(key, None)
        else:
            self.project.acceptances[key] = note
        self.findingsChanged.emit()
        self.rowsChanged.emit(None, None)

    def _field_changed(self, path: str) -> None:
        if path.startswith("meta."):
            ensure_structure(self.project)  # a variant brings its own 06 rows
            self.session.rebuild()
            self._refresh_all()
        elif path.startswith(SUPP_PREFIX):
            self._apply_delta(self.session.supplementary_changed())
        elif path.startswith("tables."):  # the line printed under a table
            self._apply_delta(self.session.note_changed(T(path.split(".")[1])))
        self.fieldChanged.emit(path)

    def _apply_delta(self, delta: Delta) -> None:
        if not delta:
            return
        touched = self.index.apply(delta)
        by_table: dict[str, set[str]] = {}
        for t, key in touched:
            by_table.setdefault(t, set()).add(key)
        for t, keys in by_table.items():
            self.rowsChanged.emit(T(t), keys)
        self.findingsChanged.emit()

    def _refresh_all(self) -> None:
        self.index.reset(self.findings())
        self.projectReplaced.emit()
        self.findingsChanged.emit()
