"""What checks read: the context of one check run (the project, its rows by key, how cells are
named) and references to single cells. A cell holding text that did not parse reads as UNKNOWN,
and checks reading it stay silent until it is corrected."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from checks.finding import Location
from checks.where import Where
from model.layout import T
from model.project import Project, Row

UNKNOWN = object()  # a cell holding text that did not parse
EMPTY_ROW = Row(key="")  # stands for a row the table does not hold

Dep = tuple[str, str]  # what a check reads: (table id or "supp"/"note", row key)
SUPP: Dep = ("supp", "")


def get(row: Row, col: int) -> Decimal | None | object:
    if row.invalid and col in row.invalid:
        return UNKNOWN
    return row.values.get(col)


class Ref:
    """One cell: table, row key, 栏次, and the row object it lives in (EMPTY_ROW if absent)."""

    __slots__ = ("t", "key", "col", "row")

    def __init__(self, t: T, key: str, col: int, row: Row):
        self.t, self.key, self.col, self.row = t, key, col, row

    def loc(self) -> Location:
        return Location(table=self.t, row=self.key, col=self.col)


class Ctx:
    """What rules need besides the project: cell references and human-readable labels."""

    def __init__(self, project: Project):
        self.p = project
        self.variant = project.meta.variant
        # Amounts in 元 (a workbook printed in 元) are exact to the fen: no rounding tolerance.
        self.exact = project.meta.unit == "元"
        self.layout = project.meta.layout
        self.names = Where(project)
        self.rows = {t: table.index() for t, table in project.tables.items()}
        self._shared: dict[object, Any] = {}

    def shared(self, key: object, build: Callable[[], Any]) -> Any:
        """What several rules derive from the same rows (a table's subject tree), worked out once."""
        if key not in self._shared:
            self._shared[key] = build()
        return self._shared[key]

    def table_rows(self, t: T) -> dict[str, Row]:
        return self.rows[t]

    def ref(self, t: T, key: str, col: int) -> Ref:
        return Ref(t, key, col, self.rows[t].get(key, EMPTY_ROW))

    # ---- labels, built only for failing checks (worded by checks.where)
    def table_label(self, t: T) -> str:
        return self.names.table(t)

    def cell_label(self, t: T, key: str, col: int | None) -> str:
        return self.names.cell_name(t, key, col)

    def ref_label(self, r: Ref) -> str:
        return self.names.cell_name(r.t, r.key, r.col)

    def where(self, t: T, key: str) -> str:
        return self.names.row_where(t, key)
