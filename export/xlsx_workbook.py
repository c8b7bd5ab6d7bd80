"""The nine tables as an Excel workbook laid out like the printed tables (and like the examples).

One sheet per table in the variant's order, laid out by its sheet plan (export/sheet_plan.py):
title, 公开NN表, 部门 and 金额单位 line, merged header rows, 栏次 row, data rows, notes. This module
styles it: amounts are numbers; empty cells stay empty; text is always written as text, never as
a formula.
"""

from __future__ import annotations

import io
import math
import os
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from export.sheet_plan import SheetPlan, plan_sheet
from model.amount import fmt_amount
from model.fileio import write_atomic
from model.layout import table_order
from model.project import Project

AMOUNT_FORMAT = "#,##0.00"
# Control characters cannot be stored in the file's XML; Excel would call the file damaged.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
ROW_HEIGHT = 16.0  # points, one line of 10-point 宋体 with some air
LINE_HEIGHT = 13.0  # points per further wrapped line
ROW_PAD = 4.0
TITLE_HEIGHT = 32.0
FONT_SIZE = 10.0


def _styles(wb) -> dict[str, object]:
    """One StyleArray per kind of cell, so that tens of thousands of cells are styled by copying."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.styles.cell_style import StyleArray

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=FONT, size=FONT_SIZE, charset=134)
    kinds = {
        "title": dict(font=Font(name=FONT, size=18, bold=True, charset=134), alignment=Alignment("center", "center")),
        "number": dict(font=body, alignment=Alignment("right", "center")),
        "dept": dict(font=body, alignment=Alignment("left", "center")),
        "unit": dict(font=body, alignment=Alignment("right", "center")),
        "header": dict(
            font=Font(name=FONT, size=FONT_SIZE, bold=True, charset=134),
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
    widths, heights = _dimensions(ws, plan)
    _page_setup(ws, plan, widths, heights)


def row_heights(plan: SheetPlan, widths: list[float]) -> dict[int, float]:
    """Every row's height in points, from the title to the last note."""
    lines = row_lines(plan, widths)
    last = max([plan.data_rows[1], *plan.note_rows])
    heights = {r: ROW_HEIGHT for r in range(1, last + 1)}
    heights[1] = TITLE_HEIGHT
    for r, n in lines.items():
        if n > 1:
            heights[r] = n * LINE_HEIGHT + ROW_PAD
    return heights


def _dimensions(ws, plan: SheetPlan) -> tuple[list[float], dict[int, float]]:
    from openpyxl.utils import get_column_letter

    widths = column_widths(plan)
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    heights = row_heights(plan, widths)
    ws.row_dimensions[1].height = heights[1]
    # Rows are ROW_HEIGHT unless their text wraps; only those get a height of their own.
    ws.sheet_format.defaultRowHeight = ROW_HEIGHT
    ws.sheet_format.customHeight = True
    for r, h in heights.items():
        if r != 1 and h != ROW_HEIGHT:
            ws.row_dimensions[r].height = h
    return widths, heights


# The printed page: A4 landscape, in points, less the margins (inches) set below.
PAGE_PT = (841.89, 595.28)
MARGINS_IN = dict(left=0.4, right=0.4, top=0.45, bottom=0.55, header=0.2, footer=0.25)


def column_points(width: float) -> float:
    """An Excel column width (characters of the default font, 7 px each plus 5 of padding) in points."""
    return (width * 7 + 5) * 0.75


def pages_tall(plan: SheetPlan, heights: dict[int, float], scale: float) -> int:
    """How many pages the sheet takes, one page wide, printed at ``scale`` with its heading rows
    repeated on every page."""
    usable = (PAGE_PT[1] - 72 * (MARGINS_IN["top"] + MARGINS_IN["bottom"])) / scale
    head = sum(heights[r] for r in range(plan.header_rows[0], plan.header_rows[1] + 1))
    rows = list(range(plan.data_rows[0], max([plan.data_rows[1], *plan.note_rows]) + 1))
    pages, room = 1, usable - sum(heights[r] for r in range(1, plan.header_rows[0])) - head
    for r in rows:
        if heights[r] > room:
            pages, room = pages + 1, usable - head
        room -= heights[r]
    return pages


def fit_pages(plan: SheetPlan, widths: list[float], heights: dict[int, float]) -> int:
    """The fewest pages tall the sheet can print on with its figures still readable: at the smallest
    readable size (export/table_print.py), or smaller only where the width demands it."""
    from export.table_print import MIN_FONT_PT

    wide = sum(column_points(w) for w in widths)
    across = (PAGE_PT[0] - 72 * (MARGINS_IN["left"] + MARGINS_IN["right"])) / wide
    return pages_tall(plan, heights, min(1.0, across, MIN_FONT_PT / FONT_SIZE))


def _page_setup(ws, plan: SheetPlan, widths: list[float], heights: dict[int, float]) -> None:
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    # One page wide; down, the fewest pages a readable size allows (01 on one): Excel and WPS then
    # print at the largest scale that keeps to both.
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = fit_pages(plan, widths, heights)
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{plan.header_rows[0]}:{plan.header_rows[1]}"
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(**MARGINS_IN)
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
