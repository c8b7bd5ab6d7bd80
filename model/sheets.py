"""A table's printed shape, from its template and a project: what the grid, the workbook and the
Word document all draw.

Headings (text, line, column, spans, the 栏次 line), body lines (labels bound to a row, amount cells
bound to a row key and internal column, blank cells), line styles, spans, notes and width hints.
Nothing here knows how a cell looks on a screen or on paper; ui/grid, export/sheet_plan and the
Word tables each render the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from model.catalog import economic_names, level_of
from model.layout import THREE_ROW
from model.project import TOTAL, Project, Table
from model.templates import PrintedColumn, T, TableForm, template


@dataclass(frozen=True, slots=True)
class Amt:
    """An amount cell: the row key and internal column it shows."""

    key: str
    col: int


@dataclass(frozen=True, slots=True)
class Label:
    text: str
    key: str | None = None  # the row it labels: findings about the whole row colour it
    align: str = "left"  # "left" | "center"
    indent: int = 0  # 类 0, 款 1, 项 2


Cell = Amt | Label | None


@dataclass(frozen=True, slots=True)
class HeadCell:
    level: int  # heading line, 0 at the top; the 栏次 line is the last
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    wrapped: str = ""  # the text with the line breaks print puts in it (a heading over one column)


@dataclass(frozen=True, slots=True)
class Block:
    """Printed columns whose lines are named by a key beside a name: a side of 01/04 (by 行次), a
    column group of 06 (by 经济分类编码)."""

    key_col: int
    name_col: int
    amount_cols: tuple[int, ...]


@dataclass
class Shape:
    form: TableForm
    number: str  # "05", as printed
    header: tuple[HeadCell, ...]
    levels: int  # heading lines, the 栏次 line included
    lines: list[list[Cell]]
    styles: list[str]  # per line: "total" | "class" | ""
    spans: list[tuple[int, int, int, int]]  # body line, column, lines spanned, columns spanned
    notes: list[str]  # the template's notes, then the department's own note lines
    absent: str  # the "无…" sentence due under an empty table without a note of its own; else ""

    @property
    def title(self) -> str:
        return self.form.title

    @property
    def columns(self) -> tuple[PrintedColumn, ...]:
        return self.form.columns

    @property
    def widths(self) -> list[float | None]:
        return [c.width for c in self.form.columns]

    def blocks(self) -> list[Block]:
        """The blocks whose lines a key names: 行次 beside a label, else a code beside a name."""
        out = []
        cols = self.form.columns
        for b in self.form.blocks:
            mine = [i for i, c in enumerate(cols) if c.block == b]
            by = {cols[i].holds: i for i in reversed(mine)}
            name = by.get("label", by.get("name"))
            if name is None:
                continue
            key = by.get("row_no", by.get("code", name))
            out.append(Block(key, name, tuple(i for i in mine if cols[i].holds == "amount")))
        return out


def table_shape(project: Project, t: T) -> Shape:
    variant = project.meta.variant
    tpl = template(variant)
    form = tpl.form(t)
    table = project.tables[t]
    body = _Body()
    if form.kind == "sides":
        _sides(body, form, project.meta.layout)
    elif form.kind == "subjects":
        _subjects(body, form, table)
    elif form.kind == "economic":
        _economic(body, form, variant)
    else:
        key = table.rows[0].key if table.rows else THREE_ROW
        body.add([Amt(key, c.col) if c.holds == "amount" else None for c in form.columns])
    if form.footer:
        _footer(body, form)
    notes = list(form.notes)
    own = table.note.strip()
    if own:
        notes += own.splitlines()
    absent = form.absent_sentence(project.meta.department) if form.absent and table.is_empty() and not own else ""
    header = heading(variant, t)
    levels = form.levels + form.numbered
    return Shape(form, tpl.number(t), header, levels, body.lines, body.styles, body.spans, notes, absent)


class _Body:
    def __init__(self):
        self.lines: list[list[Cell]] = []
        self.styles: list[str] = []
        self.spans: list[tuple[int, int, int, int]] = []

    def add(self, cells: list[Cell], style: str = "") -> int:
        self.lines.append(cells)
        self.styles.append(style)
        return len(self.lines) - 1


def _sides(body: _Body, form: TableForm, layout: str) -> None:
    """01 and 04: the sides printed next to each other, line by line; 行次 run on from side to side."""
    blocks = form.lines[layout]
    first, no = {}, 1
    for b in form.blocks:
        first[b] = no
        no += len(blocks[b])
    for i in range(max(len(v) for v in blocks.values())):
        line: list[Cell] = []
        total = False
        for c in form.columns:
            rows = blocks[c.block]
            if i >= len(rows):
                line.append(None)
                continue
            row = rows[i]
            key = row.key if row else None
            if c.holds == "row_no":
                line.append(Label(str(first[c.block] + i), key, "center"))
            elif row is None:
                line.append(None)
            elif c.holds == "amount":
                line.append(Amt(row.key, c.col) if c.col in row.cols else None)
            else:
                line.append(Label(row.label, key))
            total = total or (row is not None and row.style == "total")
        body.add(line, "total" if total else "")


_INDENT = {"类": 0, "款": 1, "项": 2}


def _subjects(body: _Body, form: TableForm, table: Table) -> None:
    """02, 03, 05, 07, 08: 合计 and the 类/款/项 rows in code order."""
    total = table.row(TOTAL)
    if total is not None and form.total == "first":
        body.add(_total_line(form), "total")
    holds = [(c.holds, c.col) for c in form.columns]
    for row in table.subject_rows():
        key = row.key
        level = level_of(row.code)
        code = Label(row.code, key)
        name = Label(row.name, key, indent=_INDENT.get(level or "", 0))
        line = [Amt(key, col) if h == "amount" else code if h == "code" else name for h, col in holds]
        body.add(line, "class" if level == "类" else "")
    if total is not None and form.total == "last":
        body.add(_total_line(form), "total")


def _total_line(form: TableForm) -> list[Cell]:
    line: list[Cell] = []
    for c in form.columns:
        if c.holds == "amount":
            line.append(Amt(TOTAL, c.col))
        elif c.holds == "code":
            line.append(None)
        else:
            line.append(Label("合计", TOTAL, "center"))
    return line


def _economic(body: _Body, form: TableForm, variant: str) -> None:
    """06: each column group lists its groups, each followed by its items."""
    names = economic_names(variant)
    codes: dict[str, list[tuple[str, bool]]] = {b: [] for b in form.blocks}
    for g in form.groups:
        codes[g.block] += [(g.code, True)] + [(code, False) for code in g.items]
    for i in range(max(len(v) for v in codes.values())):
        line: list[Cell] = []
        for c in form.columns:
            mine = codes[c.block]
            if i >= len(mine):
                line.append(None)
                continue
            code, is_group = mine[i]
            if c.holds == "amount":
                line.append(Amt(code, c.col))
            elif c.holds == "code":
                line.append(Label(code, code))
            else:
                line.append(Label(names.get(code, ""), code, indent=0 if is_group else 1))
        body.add(line)


def _footer(body: _Body, form: TableForm) -> None:
    line: list[Cell] = []
    spans = []
    for f in form.footer:
        if f.col:
            line.append(Amt(f.key, f.col))
            continue
        if f.span > 1:
            spans.append((len(line), f.span))
        line += [Label(f.label, f.key, "center")] + [None] * (f.span - 1)
    r = body.add(line, "total")
    body.spans += [(r, c, 1, n) for c, n in spans]


@cache
def heading(variant: str, t: T) -> tuple[HeadCell, ...]:
    """The heading cells: equal texts side by side under one heading merge into one cell, equal
    texts stacked in one column merge down; then the 栏次 line, one cell per column."""
    tpl = template(variant)
    form = tpl.form(t)
    cols = form.columns
    n = len(cols)
    cells: list[list[int]] = []  # level, col, rowspan, colspan
    texts: list[str] = []
    owner: list[list[int]] = []
    for level in range(form.levels):
        mine = [0] * n
        c = 0
        while c < n:
            text = cols[c].heading[level]
            end = c + 1
            while end < n and cols[end].heading[level] == text and (not level or owner[-1][end] == owner[-1][c]):
                end += 1
            above = owner[-1][c] if level else None
            if above is not None and texts[above] == text and cells[above][1] == c and cells[above][3] == end - c:
                cells[above][2] += 1
                idx = above
            else:
                cells.append([level, c, 1, end - c])
                texts.append(text)
                idx = len(cells) - 1
            mine[c:end] = [idx] * (end - c)
            c = end
        owner.append(mine)
    out = []
    for (level, c, rowspan, colspan), text in zip(cells, texts, strict=True):
        wrapped = tpl.breaks.get(text, text) if colspan == 1 else text
        out.append(HeadCell(level, c, text, rowspan, colspan, wrapped))
    if form.numbered:
        out += [HeadCell(form.levels, c, col.number or "", wrapped=col.number or "") for c, col in enumerate(cols)]
    return tuple(out)
