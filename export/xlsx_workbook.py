"""The nine tables as an Excel workbook laid out like the printed tables (and like the examples).

One sheet per table in the variant's order: title, 公开NN表, 部门 and 金额单位 line, merged header
rows, 栏次 row, data rows, notes. Amounts are numbers; empty cells stay empty. Text is always
written as text, never as a formula.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from model.catalog import economic_groups, economic_names
from model.fileio import write_atomic
from model.layout import (
    NOTES,
    THREE_COLUMNS,
    T,
    fixed_rows,
    printed_number,
    subject_columns,
    table_order,
    title,
)
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL, Project, Row

AMOUNT_FORMAT = "#,##0.00"


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


def _head(plan: SheetPlan, project: Project, t: T) -> None:
    m = project.meta
    plan.put(1, 1, f"{m.year}年度{title(t, m.variant)}")
    plan.merge(1, 1, 1, plan.width)
    plan.put(2, plan.width, f"公开{printed_number(t, m.variant)}表")
    plan.put(3, 1, f"部门：{m.department}")
    plan.put(3, plan.width, "金额单位：万元")


def _notes(plan: SheetPlan, project: Project, t: T, first: int) -> None:
    lines = list(NOTES[t])
    note = project.tables[t].note.strip()
    if note:
        lines += note.splitlines()
    for i, line in enumerate(lines):
        plan.put(first + i, 1, line)
        plan.merge(first + i, 1, first + i, plan.width)
        plan.note_rows.append(first + i)


def plan_fixed(project: Project, t: T) -> SheetPlan:
    is_fiscal = t is T.FISCAL
    width = 9 if is_fiscal else 6
    plan = SheetPlan(f"公开{printed_number(t, project.meta.variant)}表", width)
    _head(plan, project, t)
    rows = fixed_rows(t, project.meta.layout)
    plan.put(4, 1, "收入")
    plan.merge(4, 1, 4, 3)
    plan.put(4, 4, "支出")
    plan.merge(4, 4, 4, width)
    plan.put(5, 1, "项目")
    plan.put(5, 2, "行次")
    plan.put(5, 3, "决算数" if is_fiscal else "金额")
    plan.put(5, 4, "项目")
    plan.put(5, 5, "行次")
    if is_fiscal:
        for c, name in zip(
            range(6, 10),
            ("小计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"),
            strict=True,
        ):
            plan.put(5, c, name)
    else:
        plan.put(5, 6, "金额")
    plan.put(6, 1, "栏次")
    plan.put(6, 3, "1")
    plan.put(6, 4, "栏次")
    for i, c in enumerate(range(6, width + 1)):
        plan.put(6, c, str(2 + i))
    income = {no: r for r, no in rows if r.side == "income"}
    expense = {no: r for r, no in rows if r.side == "expense"}
    inc_last = max(income)
    exp_first, exp_last = min(expense), max(expense)
    lines = max(inc_last, exp_last - exp_first + 1)
    index = project.tables[t].index()
    for i in range(lines):
        r = 7 + i
        no_in = i + 1
        if no_in <= inc_last:
            plan.put(r, 2, no_in)
            fr = income.get(no_in)
            if fr:
                plan.put(r, 1, fr.label)
                plan.amount(r, 3, index.get(fr.key), 1)
        no_ex = exp_first + i
        if no_ex <= exp_last:
            plan.put(r, 5, no_ex)
            fr = expense.get(no_ex)
            if fr:
                plan.put(r, 4, fr.label)
                for col in fr.cols:
                    plan.amount(r, 6 + col - 2, index.get(fr.key), col)
    plan.data_rows = (7, 6 + lines)
    _notes(plan, project, t, 7 + lines)
    return plan


def plan_subjects(project: Project, t: T) -> SheetPlan:
    columns = subject_columns(t)
    width = 2 + len(columns)
    plan = SheetPlan(f"公开{printed_number(t, project.meta.variant)}表", width)
    _head(plan, project, t)
    plan.put(4, 1, "项目")
    plan.merge(4, 1, 4, 2)
    groups: dict[str, list[int]] = {}
    for i, col in enumerate(columns):
        c = 3 + i
        if col.group:
            groups.setdefault(col.group, []).append(c)
            plan.put(5, c, col.name)
        else:
            plan.put(4, c, col.name)
            plan.merge(4, c, 5, c)
        plan.put(6, c, str(col.no))
    for name, cs in groups.items():
        plan.put(4, cs[0], name)
        plan.merge(4, cs[0], 4, cs[-1])
    plan.put(5, 1, "功能分类科目编码")
    plan.put(5, 2, "科目名称")
    plan.put(6, 1, "类 款 项")
    plan.put(6, 2, "栏次")
    table = project.tables[t]
    r = 7
    for row in [table.row(TOTAL)] + table.subject_rows():
        if row is None:
            continue
        if row.key == TOTAL:
            plan.put(r, 2, "合计")
        else:
            plan.put(r, 1, row.code)
            plan.put(r, 2, row.name)
        for i, col in enumerate(columns):
            plan.amount(r, 3 + i, row, col.no)
        r += 1
    plan.data_rows = (7, r - 1)
    _notes(plan, project, t, r)
    return plan


def plan_basic(project: Project) -> SheetPlan:
    t = T.BASIC
    plan = SheetPlan(f"公开{printed_number(t, project.meta.variant)}表", 9)
    _head(plan, project, t)
    plan.put(4, 1, "人员经费")
    plan.merge(4, 1, 4, 3)
    plan.put(4, 4, "公用经费")
    plan.merge(4, 4, 4, 9)
    for g in range(3):
        plan.put(5, 1 + 3 * g, "科目编码")
        plan.put(5, 2 + 3 * g, "科目名称")
        plan.put(5, 3 + 3 * g, "决算数")
    names = economic_names(project.meta.variant)
    index = project.tables[t].index()
    columns: dict[int, list[str]] = {1: [], 2: [], 3: []}
    for g in economic_groups(project.meta.variant):
        columns[g.column] += [g.code] + [i.code for i in g.items]
    lines = max(len(v) for v in columns.values())
    for group, codes in columns.items():
        base = 1 + 3 * (group - 1)
        for i, code in enumerate(codes):
            r = 6 + i
            plan.put(r, base, code)
            plan.put(r, base + 1, names.get(code, ""))
            plan.amount(r, base + 2, index.get(code), 1)
    footer = 6 + lines
    plan.put(footer, 1, "人员经费合计")
    plan.merge(footer, 1, footer, 2)
    plan.amount(footer, 3, index.get(PERSONNEL_TOTAL), 1)
    plan.put(footer, 4, "公用经费合计")
    plan.merge(footer, 4, footer, 8)
    plan.amount(footer, 9, index.get(PUBLIC_TOTAL), 1)
    plan.header_rows = (4, 5)
    plan.data_rows = (6, footer)
    _notes(plan, project, t, footer + 1)
    return plan


def plan_three(project: Project) -> SheetPlan:
    t = T.THREE
    plan = SheetPlan(f"公开{printed_number(t, project.meta.variant)}表", 12)
    _head(plan, project, t)
    plan.put(4, 1, "预算数")
    plan.merge(4, 1, 4, 6)
    plan.put(4, 7, "决算数")
    plan.merge(4, 7, 4, 12)
    for base in (0, 6):
        plan.put(5, base + 1, "合计")
        plan.merge(5, base + 1, 6, base + 1)
        plan.put(5, base + 2, "因公出国（境）费")
        plan.merge(5, base + 2, 6, base + 2)
        plan.put(5, base + 3, "公务用车购置及运行维护费")
        plan.merge(5, base + 3, 5, base + 5)
        plan.put(6, base + 3, "小计")
        plan.put(6, base + 4, "公务用车购置费")
        plan.put(6, base + 5, "公务用车运行维护费")
        plan.put(5, base + 6, "公务接待费")
        plan.merge(5, base + 6, 6, base + 6)
    row = project.tables[t].rows[0] if project.tables[t].rows else None
    for col in THREE_COLUMNS:
        plan.put(7, col.no, str(col.no))
        plan.amount(8, col.no, row, col.no)
    plan.header_rows = (4, 7)
    plan.data_rows = (8, 8)
    _notes(plan, project, t, 9)
    return plan


def plan_sheet(project: Project, t: T) -> SheetPlan:
    if t in (T.SUMMARY, T.FISCAL):
        return plan_fixed(project, t)
    if t is T.BASIC:
        return plan_basic(project)
    if t is T.THREE:
        return plan_three(project)
    return plan_subjects(project, t)


def build_workbook(project: Project):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for t in table_order(project.meta.variant):
        plan = plan_sheet(project, t)
        ws = wb.create_sheet(plan.name)
        for (r, c), v in plan.cells.items():
            cell = ws.cell(row=r, column=c)
            if isinstance(v, Decimal):
                cell.value = v
                cell.number_format = AMOUNT_FORMAT
            else:
                cell.value = v
                if isinstance(v, str):
                    cell.data_type = "s"  # "=…" typed by a user stays text, never a formula
        for r1, c1, r2, c2 in plan.merges:
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    return wb


def write_xlsx(project: Project, path: str | os.PathLike[str]) -> None:
    """Save atomically: a crash while saving leaves the previous file as it was."""
    buf = io.BytesIO()
    build_workbook(project).save(buf)
    write_atomic(Path(path), buf.getvalue())
