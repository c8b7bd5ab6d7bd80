"""The open project: model, checker, undo stack, file, lock and recovery copy.

Views never change the model themselves: they ask the controller, which pushes an undo command.
Commands call back the ``apply_*`` methods, which change the model, tell the one checker
(``checks.checker.Checker``) and emit signals naming what changed, so each view repaints only
that. The checker answers every edit with a delta; nothing in the window computes findings.

The 情况说明 is judged again a moment after the user pauses: ``RECHECK_MS`` after typing in it,
``IDLE_MS`` after the data changed (judging a large department's text takes tens of
milliseconds, too long between keystrokes in a table). Then, too, the drafted sentences still
bound to the data are rewritten for the new figures; that rewrite becomes part of the undo step
that changed the data, so one undo takes back the figure and the sentence quoting it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from checks.checker import Checker
from checks.engine import Delta
from checks.finding import Finding
from checks.text.draft import apply_draft, refresh
from model import fields
from model.amount import parse_amount
from model.catalog import functional_catalog, parent_code
from model.fileio import SUFFIX, remove_stale_temporaries, save_project
from model.kinds import YEAR, EntryError
from model.layout import SUBJECT_TABLES, T
from model.project import TOTAL, Project, ensure_structure, set_cell_value
from model.text_clean import (
    MAX_CELL_TEXT,
    MAX_DOCUMENT_CHARS,
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
from ui.undo_steps import CellState, TextState

UNTITLED = "未命名"
RECHECK_MS = 150  # after the last keystroke in the 情况说明: typing stays fluid, marks follow within a blink
IDLE_MS = 1500  # after the last data edit: the text is judged again, drafted sentences follow the figures


class ProjectController(QObject):
    cellsChanged = Signal(object, object)  # table, set of row keys whose values changed
    rowsChanged = Signal(object, object)  # table, set of row keys whose finding colours changed
    structureChanged = Signal(object)  # table: rows added or removed
    fieldChanged = Signal(str)  # a non-table path (supplementary.…, units.…, meta.…)
    findingsChanged = Signal()  # the list of findings (or acceptances) changed
    projectReplaced = Signal()  # a different project (new, opened, restored, meta change)
    stateChanged = Signal()  # file name or modified state
    cellError = Signal(str)  # a cell that did not parse: why
    textChanged = Signal(object)  # set of 情况说明 section ids whose text changed (any edit, undo, redo)
    marksChanged = Signal(object)  # set of section ids whose findings or verified figures changed (None: all)

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
        self.index = FindingIndex()
        self.draft_places = 1  # decimals of the percentages the draft writes (the text page's choice)
        self._pushing = 0  # inside a push (a new step), not an undo or redo
        self._redraft_due = False  # the data changed since the drafted sentences last followed it
        self._followers: list[step.SetText] = []  # steps added under a step already taken (_redraft)
        self._dirty = False  # modified without an undo step: imported, restored, new
        self._generation = 0
        self._recovered = 0
        self.slot: RecoverySlot | None = RecoverySlot() if recovery else None
        self.timer = QTimer(self)
        self.timer.setInterval(autosave_ms)
        self.timer.timeout.connect(self.write_recovery)
        if recovery:
            self.timer.start()
        self._text_timer = self._single_shot(RECHECK_MS, self._judge)
        self._idle_timer = self._single_shot(IDLE_MS, self.settle)
        self.project: Project
        self.checker: Checker
        self._install(project or Project())

    def _single_shot(self, ms: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # ---------------------------------------------------------------- state
    @property
    def modified(self) -> bool:
        return self._dirty or not self.undo_stack.isClean()

    def findings(self) -> list[Finding]:
        return self.checker.findings()

    def _clean_changed(self, _clean: bool) -> None:
        self.stateChanged.emit()

    def _bump(self, _i: int = 0) -> None:
        self._generation += 1

    def _install(self, project: Project, imported: object | None = None) -> None:
        self._text_timer.stop()
        self._idle_timer.stop()
        self._redraft_due = False
        self.project = project
        self.checker = Checker(project, imported)
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
        self._dirty = dirty
        self._install(project, imported)
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
        self._text_timer.stop()
        self._idle_timer.stop()
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
        self._push(step.SetCells(self, t, changes, text))
        return True

    def _push(self, command) -> None:
        """A new step (not an undo or redo): its change of the data is one the draft follows."""
        self._pushing += 1
        try:
            self.undo_stack.push(command)
        finally:
            self._pushing -= 1

    def autosum(self, tables: Iterable[T]) -> int:
        totals = compute_totals(self.checker, tables)
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
            self._push(step.AddRows(self, t, wanted, f"添加科目 {what}"))
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
            self._push(step.AddRows(self, t, added, f"添加科目 {'、'.join(c for c, _n in added)}"))
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
            self._push(step.RemoveRows(self, t, keys, f"删除科目行 {len(keys)} 行"))

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
        self._push(step.SetEntry(self, path, old, new, text))
        return True

    def insert_item(self, path: str, index: int, item: Any, text: str = "添加一行") -> None:
        self._push(step.ListInsert(self, path, index, item, text))

    def remove_item(self, path: str, index: int, text: str = "删除一行") -> None:
        item = copy.deepcopy(fields.get_value(self.project, path)[index])
        self._push(step.ListRemove(self, path, index, item, text))

    def accept(self, key: str, note: str | None) -> None:
        old = self.project.acceptances.get(key)
        note = self.entered((note or "").strip(), "说明", MAX_NOTE) or None
        if old != note:
            self._push(step.Accept(self, key, old, note, "说明警告" if note else "撤销警告说明"))

    def recheck(self) -> None:
        """F5: check everything again from scratch."""
        self.settle()
        self.checker.rebuild()
        self._refresh_all()

    # ---------------------------------------------------------------- the 情况说明
    def set_text(self, sid: str, text: str, what: str = "输入的文字") -> tuple[str | None, str]:
        """Text typed or pasted in a section: one undo step (consecutive typing merges). Returns
        the text as it entered the project (characters no output can hold taken out), or None when
        it was refused (the whole 情况说明 beyond its limit), and a note saying why it differs."""
        others = sum(len(v) for k, v in self.project.text.items() if k != sid)
        if others + len(text) > MAX_DOCUMENT_CHARS:  # a project beyond it would not open again
            return None, f"情况说明最多 {MAX_DOCUMENT_CHARS} 个字符，这次输入或粘贴未被接受。"
        self._follow_data()  # the drafts follow the figures first, as part of the step that changed them
        note = ""
        if not is_clean(text):  # pasted from elsewhere: what no Word file can hold goes
            note = removed_note("粘贴的文字", text) + "。"
            text = clean(text)
        if text != self.project.text.get(sid, ""):
            old = step.text_state(self.project, sid)
            new = (text, old[1])
            self._push(step.SetText(self, {sid: (old, new)}, what, typing=what == "输入的文字"))
        return text, note

    def replace_texts(self, texts: dict[str, str], what: str, keep_drafts: bool = False) -> list[str]:
        """Whole sections replaced (an imported document, a corrected figure): one undo step. An
        imported section is the user's own text, no longer a draft bound to the data."""
        self._follow_data()
        changes = {}
        for sid, text in texts.items():
            old = step.text_state(self.project, sid)
            new = (clean(text), old[1] if keep_drafts else None)
            if new != old:
                changes[sid] = (old, new)
        if changes:
            self._push(step.SetText(self, changes, what))
        return list(changes)

    def draft(self, sections: list[str], places: int) -> list[str]:
        """生成初稿: the sections drafted from the data, bound to it; one undo step."""
        self.settle()
        done = self._text_edit(lambda: apply_draft(self.project, sections, places), "生成初稿")
        return done

    def fix_text(self, f: Finding) -> bool:
        """Replace a text finding's span by the figure it should be, if the text there is still as
        found; one undo step."""
        self.settle()
        current = next((g for g in self.findings() if g.key == f.key), None)
        if current is None or not isinstance(current.expected, str):
            return False
        loc = current.locations[0]
        text = self.project.text.get(loc.section or "", "")
        if loc.start is None or loc.end is None or text[loc.start : loc.end] != loc.text:
            return False
        self.replace_texts({loc.section: text[: loc.start] + current.expected + text[loc.end :]}, "改正数字", True)
        self.settle()
        return True

    def _text_edit(self, change, what: str, parent=None) -> list[str]:
        """Run a function that rewrites sections of project.text (the draft's own functions do),
        and make what it changed an undo step (under ``parent``: what followed from that step)."""
        before = {sid: step.text_state(self.project, sid) for sid in set(self.project.text) | set(self.project.drafts)}
        done = change()
        changes = {}
        for sid in done:
            old = before.get(sid, (None, None))
            new = step.text_state(self.project, sid)
            if new != old:
                changes[sid] = (old, new)
        if not changes:
            return []
        command = step.SetText(self, changes, what, parent=parent)
        if parent is None:
            self._push(command)
        else:
            # A child step belongs to its parent, which deletes it; Python must keep it alive till then.
            self._followers = [c for c in self._followers if shiboken6.isValid(c)] + [command]
            self.apply_text({sid: new for sid, (_old, new) in changes.items()})
        return list(changes)

    def settle(self) -> None:
        """What the user pauses for, done now: the drafted sentences follow the data, and the text
        is judged against the data and text as they stand (a save, an export, the text page shown)."""
        self._idle_timer.stop()
        self._follow_data()
        self._judge()

    def _judge(self) -> None:
        """The text judged again (a moment after typing in it): the checker's delta, applied."""
        self._text_timer.stop()
        self._apply_delta(self.checker.settle())

    def _follow_data(self) -> None:
        if self._redraft_due:
            self._redraft_due = False
            self._redraft()

    def _redraft(self) -> None:
        """Rewrite the drafted sentences still bound to the data, as part of the step that changed
        the data (the step on top of the stack), so that undoing it takes them back too."""
        if not self.project.drafts:
            return
        i = self.undo_stack.index()
        top = self.undo_stack.command(i - 1) if i > 0 else None
        places = self.draft_places
        if top is None:
            self._text_edit(lambda: refresh(self.project, places), "初稿中的数字随数据更新")
            return
        if self._text_edit(lambda: refresh(self.project, places), "初稿中的数字随数据更新", parent=top):
            # The project changed under a step already taken: a saved file no longer holds it.
            self._bump()
            if self.undo_stack.isClean() and not self._dirty:
                self._dirty = True
                self.stateChanged.emit()

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
        delta = self.checker.cells_changed(t, keys)
        self._data_changed()
        self.cellsChanged.emit(t, keys)
        self._apply_delta(delta)
        if error:
            self.cellError.emit(error)

    def structure_changed(self, t: T) -> None:
        self.checker.structure_changed()
        self._data_changed()
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

    def apply_text(self, states: dict[str, TextState]) -> None:
        for sid, (text, drafts) in states.items():
            if text is None:
                self.project.text.pop(sid, None)
            else:
                self.project.text[sid] = text
            if drafts is None:
                self.project.drafts.pop(sid, None)
            else:
                self.project.drafts[sid] = [d.model_copy() for d in drafts]
            self.checker.text_changed(sid)
        self._text_timer.start()
        self.textChanged.emit(set(states))

    def _data_changed(self) -> None:
        """The data changed: the text is judged again, and drafted sentences follow a new step,
        once the user pauses (an undo or redo brings back the sentences its step recorded)."""
        self._redraft_due = bool(self._pushing) or self._redraft_due
        self._idle_timer.start()

    def _field_changed(self, path: str) -> None:
        if path.startswith("meta."):
            ensure_structure(self.project)  # a variant brings its own 06 rows
            self.checker.field_changed(path)
            self._data_changed()
            self._refresh_all()
        else:
            delta = self.checker.field_changed(path)
            self._data_changed()
            self._apply_delta(delta)
        self.fieldChanged.emit(path)

    def _apply_delta(self, delta: Delta) -> None:
        if not delta:
            return
        if delta.everything:
            self._refresh_all()
            return
        if delta.sections:
            self.marksChanged.emit(set(delta.sections))
        if not (delta.added or delta.removed):
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
        self.marksChanged.emit(None)  # every section
