"""Where a finding is, in words. Everything that names a location asks this module.

A location (``checks.finding.Location``) is a table cell, a form field, a span of the text or a
cell of an imported workbook (a PDF page and a Word paragraph will join them). Each has a short
form, for the findings panel, and a long one, for the 审核清单, the messages and the CLI:

    cell      short "05表 合计·第2栏"             long "05表 合计·第2栏（基本支出）"
              short "01表 第30行·第1栏"           long "01表 第30行（总计）·第1栏"
    field     short "政府采购·政府采购支出总额"    long "补充数据 政府采购·政府采购支出总额"
              short "绩效自评·自评项目第2行·执行率"
    text      short "情况说明 五"                  long "情况说明 五、一般公共预算财政拨款支出决算情况说明 第5～10字 “1105.52”"
    workbook  "工作表“公开02表” C9" (both)

Rule messages in the style of checks.md name a cell by its row and column *names* instead
("05表 合计·基本支出 1015.00 ≠ 06表 人员经费合计+公用经费合计 1014.99"): ``cell_name``, ``row_name``.
Section names come from ``model.sections``, field labels and groups from ``model.fields``.
"""

from __future__ import annotations

from collections.abc import Sequence

from checks.finding import Location
from model import fields
from model.catalog import economic_names, functional_catalog
from model.layout import (
    SUBJECT_TABLES,
    THREE_ROW,
    T,
    column_name,
    columns,
    fixed_row,
    numbers_columns,
    numbers_rows,
    printed_number,
    row_number,
)
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, SUPPLEMENTARY, TOTAL, Project
from model.sections import section
from model.templates import template

MAX_ROWS_LISTED = 8  # beyond this a list of rows names the count; the message names the sum
TEXT = "情况说明"
SUPP_PART = SUPPLEMENTARY  # what the JSON calls the part of every form field (README)
_BASIC_ROWS = {PERSONNEL_TOTAL: "人员经费合计", PUBLIC_TOTAL: "公用经费合计"}


def _join(head: str, row: str, col: str) -> str:
    """ "05表" + "合计" + "第2栏" → "05表 合计·第2栏"; either part may be missing."""
    if row and col:
        return f"{head} {row}·{col}"
    if row or col:
        return f"{head} {row or col}"
    return head


def sheet_cell(sheet: str | None, cell: str | None) -> str:
    """A cell of an imported workbook: "工作表“公开02表” C9", "工作簿 C9", "工作簿"."""
    head = f"工作表“{sheet}”" if sheet else "工作簿"
    return f"{head} {cell}" if cell else head


def section_name(sid: str, variant: str = "2023") -> str:
    """A section, as the panel and the messages name it: "情况说明 五", "情况说明 部门主要职能"."""
    s = section(sid, variant)
    if s is None or s.numbered:
        return f"{TEXT} {sid}"
    return f"{TEXT} {s.heading}"


def _field_words(field: str) -> tuple[str, str, str]:
    """(part, group, label) of a field a finding names: ("补充数据", "政府采购", "政府采购支出总额")."""
    try:
        facts = fields.facts(fields.project_path(field))
    except KeyError:
        return "", "", field
    g = facts.group
    return (g.part, g.title, facts.label) if g is not None else ("", "", facts.label)


def _field_join(group: str, labels: Sequence[str]) -> str:
    named = "、".join(x for x in labels if x)
    return f"{group}·{named}" if group and named else group or named


def _in_part(part: str, text: str) -> str:
    return f"{part} {text}" if part else text


def field_short(field: str) -> str:
    """A form field (as a finding names it): "政府采购·政府采购支出总额"."""
    _part, group, label = _field_words(field)
    return _field_join(group, [label])


def field_long(field: str) -> str:
    """ "补充数据 政府采购·政府采购支出总额", "部门概况 人员构成·在职实有人数"."""
    part, group, label = _field_words(field)
    return _in_part(part, _field_join(group, [label]))


class Where:
    """The wording of locations in one project (its variant numbers the tables, its layout the rows)."""

    def __init__(self, project: Project):
        self.p = project
        self.variant = project.meta.variant
        self.layout = project.meta.layout
        self._econ: dict[str, str] | None = None

    # ---------------------------------------------------------------- cells
    def table(self, t: T) -> str:
        return f"{printed_number(t, self.variant)}表"

    def printed_row(self, t: T, key: str | None) -> str | None:
        """The row as printed: 行次 of 01/04, "合计", a subject code, "人员经费合计", "1" for 三公."""
        if key is None:
            return None
        if t in (T.SUMMARY, T.FISCAL):
            if not numbers_rows(t, self.variant):
                return self._fixed_label(t, key)
            return str(row_number(t, self.layout, key, self.variant))
        if t is T.BASIC:
            return _BASIC_ROWS.get(key, key)
        if t is T.THREE:
            return "1" if key == THREE_ROW else key
        if key == TOTAL:
            return "合计"
        row = self.p.tables[t].row(key)
        return row.code if row is not None else key.split("#")[0]

    def _row(self, t: T, key: str | None, long: bool) -> str:
        if key is None or t is T.THREE:
            return ""
        row = self.printed_row(t, key) or ""
        if t in (T.SUMMARY, T.FISCAL) and numbers_rows(t, self.variant):
            return f"第{row}行（{self._fixed_label(t, key)}）" if long else f"第{row}行"
        return row

    def _col(self, t: T, col: int | None, long: bool) -> str:
        if col is None or t is T.BASIC:  # 06 prints one amount column and no 栏次
            return ""
        if not numbers_columns(t, self.variant):
            return self.column_words(t, col)
        if not long:
            return f"第{col}栏"
        name = self._column_name(t, col)
        return f"第{col}栏（{name}）" if name != "金额" else f"第{col}栏"

    def _column_name(self, t: T, col: int) -> str:
        name = column_name(t, col, self.variant)
        if t is T.THREE:
            group = next(c.group for c in columns(T.THREE, self.variant) if c.no == col).split("·")[0]
            name = f"{group}·{name}"
        return name

    def column_words(self, t: T, col: int) -> str:
        """A column of a table printed without 栏次, by its heading: "本年支出·合计", "预算数·合计";
        "" for the one amount column of a side of 01/04 (its row says all)."""
        form = template(self.variant).form(t)
        block = next((p.block for p in form.columns if p.holds == "amount" and p.col == col), None)
        if block is not None and form.blocks != ("",) and len(form.amount_cols(block)) == 1:
            return ""
        c = next((c for c in columns(t, self.variant) if c.no == col), None)
        if c is None:
            return f"第{col}栏"
        if t is T.THREE:
            return self._column_name(t, col)
        generic = c.name in ("合计", "小计", "基本支出", "项目支出") and t in (T.FUND, T.SOE)
        return f"{c.group.split('·')[-1]}·{c.name}" if generic and c.group else c.name

    def formula(self, t: T, terms: Sequence[tuple[int, int]]) -> str:
        """The right side of a column formula: "第2+3栏", "第2～7栏之和", "第1+2−3栏"; in a table
        printed without 栏次, by the columns' headings ("年初结转和结余+本年收入−本年支出·合计")."""
        cols = [c for _s, c in terms]
        numbered = numbers_columns(t, self.variant)
        plus = all(sign > 0 for sign, _c in terms)
        if numbered and plus and len(cols) > 3 and cols == list(range(cols[0], cols[-1] + 1)):
            return f"第{cols[0]}～{cols[-1]}栏之和"
        words = [str(c) if numbered else self.column_words(t, c) for c in cols]
        out = "".join(
            (("+" if sign > 0 else "−") if i else ("" if sign > 0 else "−")) + w
            for i, ((sign, _c), w) in enumerate(zip(terms, words, strict=True))
        )
        return f"第{out}栏" if numbered else out

    def rows_sum(self, t: T, keys: Sequence[str]) -> str:
        """The right side of a row formula of 01/04: "第1～8行之和", "第28+29+30行"; where the table
        prints no 行次, by the rows' labels ("本年支出合计+结余分配+年末结转和结余")."""
        if not numbers_rows(t, self.variant):
            names = [self._fixed_label(t, k) for k in keys]
            if len(names) > 3:
                return f"{names[0]}至{names[-1]}之和"
            return "+".join(names)
        nos = [row_number(t, self.layout, k, self.variant) for k in keys]
        if len(nos) > 3 and nos == list(range(nos[0], nos[-1] + 1)):
            return f"第{nos[0]}～{nos[-1]}行之和"
        return "第" + "+".join(str(n) for n in nos) + "行"

    def cell_short(self, t: T, key: str | None, col: int | None) -> str:
        return _join(self.table(t), self._row(t, key, False), self._col(t, col, False))

    def cell_long(self, t: T, key: str | None, col: int | None) -> str:
        return _join(self.table(t), self._row(t, key, True), self._col(t, col, True))

    def cells_long(self, locs: Sequence[Location]) -> list[str]:
        """Cells of one table, named compactly: "05表 合计、201、208·第1栏（小计）", "03表 合计·第1、2、3栏"."""
        t = locs[0].table
        assert t is not None
        by_col: dict[int | None, list[str]] = {}
        for loc in locs:
            rows = by_col.setdefault(loc.col, [])
            text = self._row(t, loc.row, True)
            if text and text not in rows:
                rows.append(text)
        by_rows: dict[tuple[str, ...], list[int | None]] = {}
        for col, rows in by_col.items():
            by_rows.setdefault(tuple(rows), []).append(col)
        out = []
        for rows, cols in by_rows.items():
            if len(rows) > MAX_ROWS_LISTED:
                rows = (*rows[: MAX_ROWS_LISTED - 1], f"…等{len(rows)}行")
            numbers = [c for c in cols if c is not None]
            if len(numbers) > 1 and t is not T.BASIC and not numbers_columns(t, self.variant):
                col_part = "、".join(self.column_words(t, c) for c in numbers)
            elif len(numbers) > 1 and t is not T.BASIC:
                col_part = "第" + "、".join(map(str, numbers)) + "栏"
            else:
                col_part = self._col(t, numbers[0] if numbers else None, True)
            out.append(_join(self.table(t), "、".join(rows), col_part))
        return out

    # ---- the names rule messages use (checks.md: "05表 合计·基本支出")
    def row_name(self, t: T, key: str) -> str:
        if t in (T.SUMMARY, T.FISCAL):
            return self._row(t, key, True)
        if t is T.BASIC:
            if key in _BASIC_ROWS:
                return _BASIC_ROWS[key]
            if self._econ is None:
                self._econ = economic_names(self.variant)
            return f"{key} {self._econ.get(key, '')}".strip()
        if t is T.THREE:
            return ""
        if key == TOTAL:
            return "合计"
        row = self.p.tables[t].row(key)
        code = row.code if row else key.split("#")[0]
        name = row.name if row else (functional_catalog().name_of(code) or "")
        return f"{code} {name}".strip()

    def cell_name(self, t: T, key: str, col: int | None) -> str:
        head = self.table(t)
        if t is T.THREE and col is not None:
            side = "预算数" if col <= 6 else "决算数"
            return f"{head} {side}·{column_name(t, col, self.variant)}"
        row = self.row_name(t, key)
        if t in SUBJECT_TABLES or (t is T.FISCAL and col is not None and col > 1):
            return f"{head} {row}·{column_name(t, col, self.variant)}" if col is not None else f"{head} {row}"
        return f"{head} {row}"

    def row_where(self, t: T, key: str) -> str:
        return f"{self.table(t)} {self.row_name(t, key)}".strip()

    # ---------------------------------------------------------------- text
    def span_long(self, loc: Location) -> str:
        sid = loc.section or ""
        s = section(sid, self.variant)
        name = sid if s is None else s.title if s.numbered else s.heading
        where = f"{TEXT} {name}"
        if loc.start is not None and loc.end is not None:
            where += f" 第{loc.start + 1}～{loc.end}字"
        if loc.text:
            where += f" “{loc.text}”"
        return where

    # ---------------------------------------------------------------- any location
    def short(self, loc: Location) -> str:
        return self._word(loc, False)

    def long(self, loc: Location) -> str:
        return self._word(loc, True)

    def _word(self, loc: Location, long: bool) -> str:
        if loc.table is not None:
            return (self.cell_long if long else self.cell_short)(loc.table, loc.row, loc.col)
        if loc.field is not None:
            return field_long(loc.field) if long else field_short(loc.field)
        if loc.section is not None:
            return self.span_long(loc) if long else section_name(loc.section, self.variant)
        if loc.sheet is not None or loc.cell is not None:
            return sheet_cell(loc.sheet, loc.cell)
        return ""  # a kind this module does not word yet (a PDF page, a Word paragraph)

    def message(self, loc: Location) -> str:
        """A place a message quotes a value from: a cell by its names, a field in its long form."""
        if loc.table is not None and loc.row is not None:
            return self.cell_name(loc.table, loc.row, loc.col)
        return self.long(loc)

    def finding_short(self, locations: Sequence[Location]) -> str:
        """Where the panel says a finding is: its first cell, else its first location."""
        first = next((loc for loc in locations if loc.table is not None), locations[0] if locations else None)
        return self.short(first) if first is not None else ""

    def listing(self, locations: Sequence[Location], sources: dict | None = None) -> str:
        """Every place a finding points at, compactly (the 审核清单's 位置): cells grouped by table,
        fields by part, then text spans and workbook cells. ``sources`` gives the workbook cell a
        table cell was imported from, named after the first one."""
        tables: dict[T, list[Location]] = {}
        by_part: dict[str, dict[str, list[str]]] = {}
        others: list[str] = []
        for loc in locations:
            if loc.table is not None:
                tables.setdefault(loc.table, []).append(loc)
            elif loc.field is not None:
                part, group, label = _field_words(loc.field)
                by_part.setdefault(part, {}).setdefault(group, []).append(label)
            else:
                others.append(self.long(loc))
        table_parts = [text for locs in tables.values() for text in self.cells_long(locs)]
        first = locations[0] if locations else None
        if sources and first is not None and first.table is not None and table_parts:
            src = sources.get((first.table, first.row, first.col))
            if src:
                table_parts[0] += f"（{sheet_cell(*src)}）"
        field_parts = [
            _in_part(part, "、".join(_field_join(g, labels) for g, labels in groups.items()))
            for part, groups in by_part.items()
        ]
        return "；".join(table_parts + others + field_parts)

    def json(self, loc: Location, sources: dict | None = None) -> dict:
        """A location for programs (``main.py check --json``)."""
        out: dict[str, object] = {}
        if loc.table is not None:
            out["table"] = printed_number(loc.table, self.variant)
            row = self.printed_row(loc.table, loc.row)
            if row is not None:
                out["row"] = row
            if loc.col is not None:
                out["col"] = loc.col
            if sources and loc.col is not None:
                src = sources.get((loc.table, loc.row, loc.col))
                if src:
                    out["sheet"], out["cell"] = src
        if loc.section is not None:
            out.update(section=loc.section, start=loc.start, end=loc.end, text=loc.text)
        if loc.field is not None:
            out["part"] = SUPP_PART
            out["field"] = loc.field
        if loc.sheet is not None and "sheet" not in out:
            out["sheet"] = loc.sheet
            if loc.cell:
                out["cell"] = loc.cell
        return out

    def _fixed_label(self, t: T, key: str) -> str:
        """A row of 01/04 by its label, without its number ("一、一般公共服务支出" → "一般公共服务支出")."""
        return fixed_row(t, key, self.variant).called
