"""The nine tables as an Excel workbook laid out like the printed tables (and like the examples).

One sheet per table in the variant's order: title, 公开NN表, 部门 and 金额单位 line, merged header
rows, 栏次 row, data rows, notes. Amounts are numbers; empty cells stay empty. Text is always
written as text, never as a formula.
"""

from __future__ import annotations

import io
import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from model.amount import fmt_amount
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
# Control characters cannot be stored in the file's XML; Excel would call the file damaged.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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


# ---------------------------------------------------------------- widths and heights


@lru_cache(maxsize=4096)
def display_width(text: str) -> int:
    """Width in half-width character cells: a CJK character takes two, as on paper."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell_text(v: object) -> str:
    return fmt_amount(v) if isinstance(v, Decimal) else str(v)


def column_widths(plan: SheetPlan) -> list[float]:
    """Width of each column in character cells, from what its data rows hold.

    Header cells wrap, so they only ask for a third of their length; amount columns are kept wide
    enough for a nine-figure sum even when this department's figures are short.
    """
    first, last = plan.data_rows
    need = [0] * (plan.width + 1)
    spanned = {(r1, c1) for r1, c1, _r2, c2 in plan.merges if c2 > c1}
    for (r, c), v in plan.cells.items():
        if (r, c) in spanned:
            continue
        w = display_width(_cell_text(v))
        if plan.header_rows[0] <= r <= plan.header_rows[1]:
            w = min(w, max(8, -(-w // 3)))
        elif not first <= r <= last:
            continue
        need[c] = max(need[c], w)
    amount_cols = {c for _r, c in plan.amount_cells}
    widths = []
    for c in range(1, plan.width + 1):
        if c in amount_cols:
            widths.append(float(max(14, need[c] + 2)))
        else:
            widths.append(float(min(MAX_TEXT_WIDTH, max(6, need[c] + 2))))
    return widths


def _lines(text: str, width: float) -> int:
    usable = max(1.0, width - 1.5)
    return max(1, math.ceil(display_width(text) / usable))


def row_lines(plan: SheetPlan, widths: list[float]) -> dict[int, int]:
    """How many wrapped lines each table or note row needs, given the column widths."""
    span: dict[tuple[int, int], float] = {}
    for r1, c1, r2, c2 in plan.merges:
        if r1 == r2:
            span[(r1, c1)] = sum(widths[c1 - 1 : c2])
    lines: dict[int, int] = {}
    top, bottom = plan.header_rows[0], plan.data_rows[1]
    for (r, c), v in plan.cells.items():
        if not (top <= r <= bottom or r in plan.note_rows) or isinstance(v, Decimal):
            continue
        n = _lines(_cell_text(v), span.get((r, c), widths[c - 1]))
        lines[r] = max(lines.get(r, 1), n)
    return lines


# ---------------------------------------------------------------- writing


FONT = "宋体"
MAX_TEXT_WIDTH = 44
ROW_HEIGHT = 18.0  # points, one line of 10-point 宋体 with some air
LINE_HEIGHT = 14.0  # points per further wrapped line
ROW_PAD = 5.0


def _styles(wb) -> dict[str, object]:
    """One StyleArray per kind of cell, so that tens of thousands of cells are styled by copying."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.styles.cell_style import StyleArray

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=FONT, size=10, charset=134)
    kinds = {
        "title": dict(font=Font(name=FONT, size=18, bold=True, charset=134), alignment=Alignment("center", "center")),
        "number": dict(font=body, alignment=Alignment("right", "center")),
        "dept": dict(font=body, alignment=Alignment("left", "center")),
        "unit": dict(font=body, alignment=Alignment("right", "center")),
        "header": dict(
            font=Font(name=FONT, size=10, bold=True, charset=134),
            border=box,
            alignment=Alignment("center", "center", wrap_text=True),
        ),
        "text": dict(font=body, border=box, alignment=Alignment("left", "center", wrap_text=True, indent=1)),
        "centered": dict(font=body, border=box, alignment=Alignment("center", "center")),
        "amount": dict(
            font=body, border=box, alignment=Alignment("right", "center", indent=1), number_format=AMOUNT_FORMAT
        ),
        "note": dict(font=body, alignment=Alignment("left", "top", wrap_text=True)),
    }
    scratch = wb.create_sheet("_styles")
    arrays = {}
    for i, (kind, attrs) in enumerate(kinds.items(), 1):
        cell = scratch.cell(row=i, column=1)
        for name, value in attrs.items():
            setattr(cell, name, value)
        arrays[kind] = StyleArray(cell._style)
    wb.remove(scratch)
    return arrays


def _kind(plan: SheetPlan, r: int, c: int, v: object) -> str:
    if r == 1:
        return "title"
    if r < plan.header_rows[0]:
        return "dept" if c == 1 else "unit" if c == plan.width else "number"
    if r <= plan.header_rows[1]:
        return "header"
    if r in plan.note_rows:
        return "note"
    if (r, c) in plan.amount_cells:
        return "amount"
    return "centered" if isinstance(v, int) else "text"


def _text(v: str) -> str:
    return _ILLEGAL.sub("", v)


def write_sheet(ws, plan: SheetPlan, styles: dict[str, object]) -> None:
    from openpyxl.styles.cell_style import StyleArray

    for r1, c1, r2, c2 in plan.merges:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    top, bottom = plan.header_rows[0], plan.data_rows[1]
    # Every cell of the table gets its border, empty or merged, so the grid prints whole.
    for r in range(top, bottom + 1):
        for c in range(1, plan.width + 1):
            ws.cell(row=r, column=c)._style = StyleArray(styles[_kind(plan, r, c, None)])
    for (r, c), v in plan.cells.items():
        cell = ws.cell(row=r, column=c)
        if isinstance(v, str):
            cell.value = _text(v)
            cell.data_type = "s"  # "=…", "+…", "-…", "@…" typed by a user stays text, never a formula
        else:
            cell.value = v
        cell._style = StyleArray(styles[_kind(plan, r, c, v)])
    for r in plan.note_rows:
        ws.cell(row=r, column=1)._style = StyleArray(styles["note"])
    _dimensions(ws, plan)
    _page_setup(ws, plan)


def _dimensions(ws, plan: SheetPlan) -> None:
    from openpyxl.utils import get_column_letter

    widths = column_widths(plan)
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.row_dimensions[1].height = 32
    # Rows are ROW_HEIGHT unless their text wraps; only those get a height of their own.
    ws.sheet_format.defaultRowHeight = ROW_HEIGHT
    ws.sheet_format.customHeight = True
    for r, n in row_lines(plan, widths).items():
        if n > 1:
            ws.row_dimensions[r].height = n * LINE_HEIGHT + ROW_PAD


def _page_setup(ws, plan: SheetPlan) -> None:
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{plan.header_rows[0]}:{plan.header_rows[1]}"
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = FONT
    ws.oddFooter.center.size = 9
    ws.freeze_panes = ws.cell(row=plan.header_rows[1] + 1, column=1)


def build_workbook(project: Project):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    styles = _styles(wb)
    for t in table_order(project.meta.variant):
        plan = plan_sheet(project, t)
        write_sheet(wb.create_sheet(plan.name), plan, styles)
    wb.properties.creator = "决算公开编报助手"
    wb.properties.title = _ILLEGAL.sub("", f"{project.meta.year}年度{project.meta.department}部门决算公开表")
    return wb


def write_xlsx(project: Project, path: str | os.PathLike[str]) -> None:
    """Save atomically: a crash while saving leaves the previous file as it was."""
    buf = io.BytesIO()
    build_workbook(project).save(buf)
    write_atomic(Path(path), buf.getvalue())
