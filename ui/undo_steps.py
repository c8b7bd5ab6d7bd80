"""Every edit is an undo step; each changes the model through the controller, which re-checks.

A step stores what it needs to go both ways (old and new cell states, the row objects it
inserted or removed, a section's text before and after), so undo and redo leave the project
exactly as it was, keys and all. The steps know the controller only by what they ask of it
(``Applies``).

A step may carry child steps: what followed from it once the user paused (the drafted sentences
of the 情况说明 rewritten for the new figures, ``SetText`` added under the step that changed the
data). Redo runs the step, then its children; undo undoes the children first. Typing in one
section merges into one step while it goes on where it left off, as an editor's own undo does.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from model.amount import parse_amount
from model.layout import T
from model.project import DraftSegment, Project, Row

# A cell as stored: its value, or the text the user typed that did not parse.
CellState = tuple[Decimal | None, str | None]
# A section of the 情况说明 as stored: its text and its drafted sentences bound to the data (None: absent).
TextState = tuple[str | None, list[DraftSegment] | None]
TYPING = 1  # QUndoCommand.id of typing in a section: consecutive typing merges


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

    def apply_text(self, states: dict[str, TextState]) -> None: ...


class Step(QUndoCommand):
    """A step that runs its children (what followed from it) after itself, and undoes them first."""

    def redo(self) -> None:
        self.apply_redo()
        super().redo()

    def undo(self) -> None:
        super().undo()
        self.apply_undo()

    def apply_redo(self) -> None:
        raise NotImplementedError

    def apply_undo(self) -> None:
        raise NotImplementedError


def cell_state(row: Row, col: int) -> CellState:
    return (row.values.get(col), row.invalid.get(col))


def state_of_text(text: str) -> CellState:
    parsed = parse_amount(text)
    if parsed.error:
        return (None, text)
    return (parsed.value, None)


class SetCells(Step):
    def __init__(self, ctl: Applies, t: T, changes: list[tuple[str, int, CellState, CellState]], text: str):
        super().__init__(text)
        self.ctl, self.t, self.changes = ctl, t, changes

    def apply_redo(self) -> None:
        self.ctl.apply_cells(self.t, [(k, c, new) for k, c, _old, new in self.changes])

    def apply_undo(self) -> None:
        self.ctl.apply_cells(self.t, [(k, c, old) for k, c, old, _new in self.changes])


class AddRows(Step):
    """Add subject rows (code order); redo after undo puts back the very same rows."""

    def __init__(self, ctl: Applies, t: T, subjects: list[tuple[str, str]], text: str):
        super().__init__(text)
        self.ctl, self.t, self.subjects = ctl, t, subjects
        self.placed: list[tuple[int, Row]] = []

    def apply_redo(self) -> None:
        table = self.ctl.project.tables[self.t]
        if not self.placed:
            added = {id(r) for r in table.add_subjects(self.subjects)}
            # Positions are taken after all inserts, so re-inserting in ascending order restores them.
            self.placed = [(i, r) for i, r in enumerate(table.rows) if id(r) in added]
            table.touch()
        else:
            table.insert_rows(self.placed)
        self.ctl.structure_changed(self.t)

    def apply_undo(self) -> None:
        self.ctl.project.tables[self.t].remove_rows([r for _i, r in self.placed])
        self.ctl.structure_changed(self.t)


class RemoveRows(Step):
    def __init__(self, ctl: Applies, t: T, keys: list[str], text: str):
        super().__init__(text)
        self.ctl, self.t = ctl, t
        table = ctl.project.tables[t]
        wanted = set(keys)
        self.placed = [(i, r) for i, r in enumerate(table.rows) if r.key in wanted]

    def apply_redo(self) -> None:
        self.ctl.project.tables[self.t].remove_rows([r for _i, r in self.placed])
        self.ctl.structure_changed(self.t)

    def apply_undo(self) -> None:
        self.ctl.project.tables[self.t].insert_rows(self.placed)
        self.ctl.structure_changed(self.t)


class SetEntry(Step):
    """A form field: its value and the text typed there that did not parse (``Project.invalid_fields``)."""

    def __init__(self, ctl: Applies, path: str, old: tuple[Any, str | None], new: tuple[Any, str | None], text: str):
        super().__init__(text)
        self.ctl, self.path, self.old, self.new = ctl, path, old, new

    def apply_redo(self) -> None:
        self.ctl.apply_entry(self.path, *self.new)

    def apply_undo(self) -> None:
        self.ctl.apply_entry(self.path, *self.old)


class ListInsert(Step):
    def __init__(self, ctl: Applies, path: str, index: int, item: Any, text: str):
        super().__init__(text)
        self.ctl, self.path, self.index, self.item = ctl, path, index, item

    def apply_redo(self) -> None:
        self.ctl.apply_list(self.path, insert=(self.index, copy.deepcopy(self.item)))

    def apply_undo(self) -> None:
        self.ctl.apply_list(self.path, remove=self.index)


class ListRemove(Step):
    def __init__(self, ctl: Applies, path: str, index: int, item: Any, text: str):
        super().__init__(text)
        self.ctl, self.path, self.index, self.item = ctl, path, index, item
        self.typed: dict[str, str] = {}

    def apply_redo(self) -> None:
        self.typed = self.ctl.apply_list(self.path, remove=self.index)

    def apply_undo(self) -> None:
        self.ctl.apply_list(self.path, insert=(self.index, copy.deepcopy(self.item)), typed=self.typed)


class Accept(Step):
    """Accept a 警告 with a 说明 (or withdraw it: note None)."""

    def __init__(self, ctl: Applies, key: str, old: str | None, new: str | None, text: str):
        super().__init__(text)
        self.ctl, self.key, self.old, self.new = ctl, key, old, new

    def apply_redo(self) -> None:
        self.ctl.apply_acceptance(self.key, self.new)

    def apply_undo(self) -> None:
        self.ctl.apply_acceptance(self.key, self.old)


def text_state(project: Project, sid: str) -> TextState:
    drafts = project.drafts.get(sid)
    return (project.text.get(sid), [d.model_copy() for d in drafts] if drafts is not None else None)


def _change(old: str, new: str) -> tuple[int, int, int]:
    """Where two texts differ: (start, characters removed, characters inserted)."""
    limit = min(len(old), len(new))
    start = _agree(lambda n: old[:n] == new[:n], limit)
    tail = _agree(lambda n: old[len(old) - n :] == new[len(new) - n :], limit - start)
    return start, len(old) - tail - start, len(new) - tail - start


def _agree(same, limit: int) -> int:
    """The largest n ≤ limit with same(n), for a ``same`` that holds up to some n and not beyond
    (slices compared in C: typing in a long section stays quick)."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if same(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


class SetText(Step):
    """Sections of the 情况说明 replaced (typed, drafted, imported, a figure corrected, the drafted
    sentences following the data): each section's text and bindings before and after."""

    def __init__(
        self,
        ctl: Applies,
        changes: dict[str, tuple[TextState, TextState]],
        text: str,
        typing: bool = False,
        parent: QUndoCommand | None = None,
    ):
        super().__init__(text, parent)
        self.ctl, self.changes, self.typing = ctl, changes, typing

    def apply_redo(self) -> None:
        self.ctl.apply_text({sid: new for sid, (_old, new) in self.changes.items()})

    def apply_undo(self) -> None:
        self.ctl.apply_text({sid: old for sid, (old, _new) in self.changes.items()})

    def id(self) -> int:
        return TYPING if self.typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing that goes on where the last keystroke left off, in the same section, is one step."""
        if not isinstance(other, SetText) or not other.typing or self.childCount() or len(self.changes) != 1:
            return False
        ((sid, (old, new)),) = self.changes.items()
        if set(other.changes) != {sid}:
            return False
        mid, last = other.changes[sid]
        if mid[0] != new[0]:
            return False
        start, removed, inserted = _change(old[0] or "", new[0] or "")
        o_start, o_removed, o_inserted = _change(new[0] or "", last[0] or "")
        typing_on = not removed and not o_removed and o_start == start + inserted
        deleting_on = not inserted and not o_inserted and o_start + o_removed == start
        if not (typing_on or deleting_on):
            return False
        self.changes = {sid: (old, last)}
        return True
