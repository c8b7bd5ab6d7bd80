"""Every edit is an undo step; each changes the model through the controller, which re-checks.

A step stores what it needs to go both ways (old and new cell states, the row objects it
inserted or removed), so undo and redo leave the project exactly as it was, keys and all. The
steps know the controller only by what they ask of it (``Applies``).
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from model.amount import parse_amount
from model.layout import T
from model.project import Project, Row

# A cell as stored: its value, or the text the user typed that did not parse.
CellState = tuple[Decimal | None, str | None]


class Applies(Protocol):
    """What the steps ask of the controller (ui.controller.ProjectController): apply a change to
    the project and re-check."""

    project: Project

    def apply_cells(self, t: T, states: list[tuple[str, int, CellState]]) -> None: ...

    def structure_changed(self, t: T) -> None: ...

    def apply_entry(self, path: str, value: Any, typed: str | None) -> None: ...

    def apply_list(
        self, path: str, insert: tuple[int, Any] | None = None, remove: int | None = None, typed: dict | None = None
    ) -> dict[str, str]: ...

    def apply_acceptance(self, key: str, note: str | None) -> None: ...


def cell_state(row: Row, col: int) -> CellState:
    return (row.values.get(col), row.invalid.get(col))


def state_of_text(text: str) -> CellState:
    parsed = parse_amount(text)
    if parsed.error:
        return (None, text)
    return (parsed.value, None)


class SetCells(QUndoCommand):
    def __init__(self, ctl: Applies, t: T, changes: list[tuple[str, int, CellState, CellState]], text: str):
        super().__init__(text)
        self.ctl, self.t, self.changes = ctl, t, changes

    def redo(self) -> None:
        self.ctl.apply_cells(self.t, [(k, c, new) for k, c, _old, new in self.changes])

    def undo(self) -> None:
        self.ctl.apply_cells(self.t, [(k, c, old) for k, c, old, _new in self.changes])


class AddRows(QUndoCommand):
    """Add subject rows (code order); redo after undo puts back the very same rows."""

    def __init__(self, ctl: Applies, t: T, subjects: list[tuple[str, str]], text: str):
        super().__init__(text)
        self.ctl, self.t, self.subjects = ctl, t, subjects
        self.placed: list[tuple[int, Row]] = []

    def redo(self) -> None:
        table = self.ctl.project.tables[self.t]
        if not self.placed:
            added = {id(r) for r in table.add_subjects(self.subjects)}
            # Positions are taken after all inserts, so re-inserting in ascending order restores them.
            self.placed = [(i, r) for i, r in enumerate(table.rows) if id(r) in added]
            table.touch()
        else:
            table.insert_rows(self.placed)
        self.ctl.structure_changed(self.t)

    def undo(self) -> None:
        self.ctl.project.tables[self.t].remove_rows([r for _i, r in self.placed])
        self.ctl.structure_changed(self.t)


class RemoveRows(QUndoCommand):
    def __init__(self, ctl: Applies, t: T, keys: list[str], text: str):
        super().__init__(text)
        self.ctl, self.t = ctl, t
        table = ctl.project.tables[t]
        wanted = set(keys)
        self.placed = [(i, r) for i, r in enumerate(table.rows) if r.key in wanted]

    def redo(self) -> None:
        self.ctl.project.tables[self.t].remove_rows([r for _i, r in self.placed])
        self.ctl.structure_changed(self.t)

    def undo(self) -> None:
        self.ctl.project.tables[self.t].insert_rows(self.placed)
        self.ctl.structure_changed(self.t)


class SetEntry(QUndoCommand):
    """A form field: its value and the text typed there that did not parse (``Project.invalid_fields``)."""

    def __init__(self, ctl: Applies, path: str, old: tuple[Any, str | None], new: tuple[Any, str | None], text: str):
        super().__init__(text)
        self.ctl, self.path, self.old, self.new = ctl, path, old, new

    def redo(self) -> None:
        self.ctl.apply_entry(self.path, *self.new)

    def undo(self) -> None:
        self.ctl.apply_entry(self.path, *self.old)


class ListInsert(QUndoCommand):
    def __init__(self, ctl: Applies, path: str, index: int, item: Any, text: str):
        super().__init__(text)
        self.ctl, self.path, self.index, self.item = ctl, path, index, item

    def redo(self) -> None:
        self.ctl.apply_list(self.path, insert=(self.index, copy.deepcopy(self.item)))

    def undo(self) -> None:
        self.ctl.apply_list(self.path, remove=self.index)


class ListRemove(QUndoCommand):
    def __init__(self, ctl: Applies, path: str, index: int, item: Any, text: str):
        super().__init__(text)
        self.ctl, self.path, self.index, self.item = ctl, path, index, item
        self.typed: dict[str, str] = {}

    def redo(self) -> None:
        self.typed = self.ctl.apply_list(self.path, remove=self.index)

    def undo(self) -> None:
        self.ctl.apply_list(self.path, insert=(self.index, copy.deepcopy(self.item)), typed=self.typed)


class Accept(QUndoCommand):
    """Accept a 警告 with a 说明 (or withdraw it: note None)."""

    def __init__(self, ctl: Applies, key: str, old: str | None, new: str | None, text: str):
        super().__init__(text)
        self.ctl, self.key, self.old, self.new = ctl, key, old, new

    def redo(self) -> None:
        self.ctl.apply_acceptance(self.key, self.new)

    def undo(self) -> None:
        self.ctl.apply_acceptance(self.key, self.old)
