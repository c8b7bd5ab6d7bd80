"""A printed table laid out on a sheet's grid of cells, for the workbook and the Word tables alike.

Rows 1–3: title, 公开NN表, 部门 and 金额单位; then the headings (the 栏次 line last), the body and the
notes, all from the table's printed shape (model/sheets.py). Only styling is left to the writers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from model.layout import T
from model.project import Project, Row
from model.sheets import Amt, Label, table_shape

HEADER_TOP = 4  # the first heading row, under the title, number and 部门 lines


@dataclass
class SheetPlan:
    """What one sheet holds, independent of styling: cells, merges, and where the parts are."""

    name: str
    width: int
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    header_rows: tuple[int, int] = (4, 6)  # first and last header row (repeated when printed)
    data_rows: tuple[int, int] = (7, 7)
    amount_cells: set[tuple[int, int]] = field(default_factory=set)
    note_rows: list[int] = field(default_factory=list)
    # The "无…" sentence under an empty table: the Word document prints it; in the workbook the
    # department's own wording, if any, is a note row.
    absent: str = ""

    def put(self, r: int, c: int, v: object) -> None:
        if v is not None and v != "":
            self.cells[(r, c)] = v

    def amount(self, r: int, c: int, row: Row | None, col: int) -> None:
        self.amount_cells.add((r, c))
        if row is None:
            return
        v = row.values.get(col)
        if v is not None:
            self.cells[(r, c)] = v
        elif col in row.invalid:
            self.cells[(r, c)] = row.invalid[col]

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        if (r1, c1) != (r2, c2):
            self.merges.append((r1, c1, r2, c2))


def plan_sheet(project: Project, t: T) -> SheetPlan:
    shape = table_shape(project, t)
    m = project.meta
    width = len(shape.columns)
    plan = SheetPlan(f"公开{shape.number}表", width, absent=shape.absent)
    plan.put(1, 1, f"{m.year}年度{shape.title}")
    plan.merge(1, 1, 1, width)
    plan.put(2, width, f"公开{shape.number}表")
    plan.put(3, 1, f"部门：{m.department}")
    plan.put(3, width, "金额单位：万元")
    for h in shape.header:
        r, c = HEADER_TOP + h.level, 1 + h.col
        plan.put(r, c, h.text)
        plan.merge(r, c, r + h.rowspan - 1, c + h.colspan - 1)
    first = HEADER_TOP + shape.levels
    row_numbers = {c for c, col in enumerate(shape.columns, 1) if col.holds == "row_no"}  # printed as numbers
    index = project.tables[t].index()
    for r, line in enumerate(shape.lines, first):
        for c, cell in enumerate(line, 1):
            if isinstance(cell, Amt):
                plan.amount(r, c, index.get(cell.key), cell.col)
            elif isinstance(cell, Label):
                plan.put(r, c, int(cell.text) if c in row_numbers else cell.text)
    for r, c, rs, cs in shape.spans:
        plan.merge(first + r, 1 + c, first + r + rs - 1, c + cs)
    last = first + len(shape.lines) - 1
    plan.header_rows = (HEADER_TOP, first - 1)
    plan.data_rows = (first, last)
    for i, line in enumerate(shape.notes, last + 1):
        plan.put(i, 1, line)
        plan.merge(i, 1, i, width)
        plan.note_rows.append(i)
    return plan
