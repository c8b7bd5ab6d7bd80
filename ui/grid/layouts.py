"""The four printed shapes: 01/04 (income and expense side by side), subject tables
02/03/05/07/08, 06 (three column groups) and 09 (one row under a three-level header)."""

from __future__ import annotations

from model.catalog import economic_groups, economic_names, level_of
from model.layout import THREE_COLUMNS, T, fixed_rows, subject_columns
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL
from ui.grid.base import Amt, GridModel, HeaderCell, Label
from ui.grid.rowpaste import KeyedGroup, KeyedPaste, RowPaste, plan_keyed_paste, plan_row_paste

FISCAL_EXPENSE_COLUMNS = ("小计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
# Where a long heading breaks in print; Qt would otherwise break after any character.
BREAKS = {
    "一般公共预算财政拨款": "一般公共预算\n财政拨款",
    "政府性基金预算财政拨款": "政府性基金预算\n财政拨款",
    "国有资本经营预算财政拨款": "国有资本经营预算\n财政拨款",
    "附属单位上缴收入": "附属单位\n上缴收入",
    "对附属单位补助支出": "对附属单位\n补助支出",
    "年初结转和结余": "年初结转\n和结余",
    "年末结转和结余": "年末结转\n和结余",
    "因公出国（境）费": "因公出国\n（境）费",
    "公务用车购置费": "公务用车\n购置费",
    "公务用车运行维护费": "公务用车\n运行维护费",
    "公务用车购置及运行维护费": "公务用车购置及\n运行维护费",
    "功能分类科目编码": "功能分类\n科目编码",
}


def heading(text: str) -> str:
    return BREAKS.get(text, text)


TOTAL_LABELS = {"本年收入合计", "本年支出合计", "总计"}


class FixedModel(GridModel):
    """01 and 04: the income side and the expense side printed next to each other, line by line."""

    def build(self) -> None:
        fiscal = self.t is T.FISCAL
        rows = fixed_rows(self.t, self.ctl.project.meta.layout)
        income = {no: r for r, no in rows if r.side == "income"}
        expense = {no: r for r, no in rows if r.side == "expense"}
        inc_last = max(income)
        exp_first, exp_last = min(expense), max(expense)
        exp_cols = (2, 3, 4, 5) if fiscal else (2,)
        for i in range(max(inc_last, exp_last - exp_first + 1)):
            line: list = []
            styles = set()
            for side, no, last, cols in (
                (income, i + 1, inc_last, (1,)),
                (expense, exp_first + i, exp_last, exp_cols),
            ):
                fr = side.get(no)
                if no > last:
                    line += [None, None] + [None] * len(cols)
                    continue
                line.append(Label(fr.label, fr.key) if fr else None)
                line.append(Label(str(no), fr.key if fr else None, "center"))
                line += [Amt(fr.key, c) if fr and c in fr.cols else None for c in cols]
                if fr and fr.label in TOTAL_LABELS:
                    styles.add("total")
            self.add_line(line, "total" if styles else "")
        self.header_levels = 4 if fiscal else 3
        amount = "决算数" if fiscal else "金额"
        h = [HeaderCell(0, 0, "收入", colspan=3), HeaderCell(0, 3, "支出", colspan=3 + len(exp_cols) - 1)]
        low = self.header_levels - 1  # the 栏次 line
        span = low - 1
        for base in (0, 3):
            h += [HeaderCell(1, base, "项目", rowspan=span), HeaderCell(1, base + 1, "行次", rowspan=span)]
            h += [HeaderCell(low, base, "栏次"), HeaderCell(low, base + 1, "")]
        h.append(HeaderCell(1, 2, amount, rowspan=span))
        h.append(HeaderCell(low, 2, "1"))
        if fiscal:
            h.append(HeaderCell(1, 5, amount, colspan=4))
            h += [HeaderCell(2, 5 + i, heading(name)) for i, name in enumerate(FISCAL_EXPENSE_COLUMNS)]
        else:
            h.append(HeaderCell(1, 5, amount))
        h += [HeaderCell(low, 5 + i, str(c)) for i, c in enumerate(exp_cols)]
        self.header_cells = h
        self.widths = [None, 3, 10, None, 3] + [10] * len(exp_cols)
        self.keyed = [KeyedGroup(1, 0, (2,)), KeyedGroup(4, 3, tuple(range(5, 5 + len(exp_cols))))]

    def plan_paste(self, block: list[list[str]], _cursor_col: int) -> KeyedPaste | None:
        return keyed_plan(self, block)


class SubjectModel(GridModel):
    """02, 03, 05, 07, 08: 合计 then the 类/款/项 rows in code order."""

    def build(self) -> None:
        cols = subject_columns(self.t)
        total = self.table.row(TOTAL)
        if total is not None:
            self.add_line([None, Label("合计", TOTAL, "center")] + [Amt(TOTAL, c.no) for c in cols], "total")
        for row in self.table.subject_rows():
            level = level_of(row.code)
            indent = {"类": 0, "款": 1, "项": 2}.get(level or "", 0)
            line = [Label(row.code, row.key), Label(row.name, row.key, indent=indent)]
            self.add_line(line + [Amt(row.key, c.no) for c in cols], "class" if level == "类" else "")
        grouped = [c for c in cols if c.group]
        self.header_levels = 3
        h = [
            HeaderCell(0, 0, "项目", colspan=2),
            HeaderCell(1, 0, heading("功能分类科目编码")),
            HeaderCell(1, 1, "科目名称"),
            HeaderCell(2, 0, "类 款 项"),
            HeaderCell(2, 1, "栏次"),
        ]
        seen: dict[str, int] = {}
        for i, c in enumerate(cols):
            if c.group:
                if c.group not in seen:
                    seen[c.group] = i
                    n = sum(1 for g in grouped if g.group == c.group)
                    h.append(HeaderCell(0, 2 + i, c.group, colspan=n))
                h.append(HeaderCell(1, 2 + i, heading(c.name)))
            else:
                h.append(HeaderCell(0, 2 + i, heading(c.name), rowspan=2))
            h.append(HeaderCell(2, 2 + i, str(c.no)))
        self.header_cells = h
        self.widths = [8, None] + [11] * len(cols)

    def plan_paste(self, block: list[list[str]], cursor_col: int) -> RowPaste | None:
        return plan_row_paste(block, [c.no for c in subject_columns(self.t)], cursor_col)

    def row_key_at(self, r: int) -> str | None:
        cell = self.grid[r][1] if 0 <= r < len(self.grid) else None
        return cell.key if isinstance(cell, Label) else None


class BasicModel(GridModel):
    """06: 人员经费 in the first column group, 公用经费 in the second and third."""

    def build(self) -> None:
        variant = self.ctl.project.meta.variant
        names = economic_names(variant)
        columns: dict[int, list[tuple[str, bool]]] = {1: [], 2: [], 3: []}
        for g in economic_groups(variant):
            columns[g.column] += [(g.code, True)] + [(i.code, False) for i in g.items]
        lines = max(len(v) for v in columns.values())
        for i in range(lines):
            line: list = []
            for group in (1, 2, 3):
                if i < len(columns[group]):
                    code, is_group = columns[group][i]
                    name = Label(names.get(code, ""), code, indent=0 if is_group else 1)
                    line += [Label(code, code), name, Amt(code, 1)]
                else:
                    line += [None, None, None]
            self.add_line(line)
        footer = [Label("人员经费合计", PERSONNEL_TOTAL, "center"), None, Amt(PERSONNEL_TOTAL, 1)]
        footer += [Label("公用经费合计", PUBLIC_TOTAL, "center"), None, None, None, None, Amt(PUBLIC_TOTAL, 1)]
        r = self.add_line(footer, "total")
        self.spans = [(r, 0, 1, 2), (r, 3, 1, 5)]
        self.header_levels = 2
        h = [HeaderCell(0, 0, "人员经费", colspan=3), HeaderCell(0, 3, "公用经费", colspan=6)]
        for base in (0, 3, 6):
            h += [
                HeaderCell(1, base, "科目编码"),
                HeaderCell(1, base + 1, "科目名称"),
                HeaderCell(1, base + 2, "决算数"),
            ]
        self.header_cells = h
        self.widths = [6, None, 10] * 3
        self.keyed = [KeyedGroup(base, base + 1, (base + 2,)) for base in (0, 3, 6)]

    def plan_paste(self, block: list[list[str]], _cursor_col: int) -> KeyedPaste | None:
        return keyed_plan(self, block)

    def font_for(self, r: int, cell):
        # Group rows (301, 302 …) are bold like in print; a line can hold a group in one column
        # group and an item in another, so it goes by the cell's code, not the line.
        if isinstance(cell, (Label, Amt)) and cell.key and len(cell.key) == 3 and cell.key.isdigit():
            return self.fonts()[3] if isinstance(cell, Amt) else self.bold_font()
        return super().font_for(r, cell)


class ThreeModel(GridModel):
    """09 (07 in variant 2020): one line, 预算数 and 决算数 under a three-level header."""

    def build(self) -> None:
        row = self.table.rows[0] if self.table.rows else None
        key = row.key if row else "data"
        self.add_line([Amt(key, c.no) for c in THREE_COLUMNS])
        self.header_levels = 4
        h = [HeaderCell(0, 0, "预算数", colspan=6), HeaderCell(0, 6, "决算数", colspan=6)]
        for base in (0, 6):
            h += [
                HeaderCell(1, base, "合计", rowspan=2),
                HeaderCell(1, base + 1, heading("因公出国（境）费"), rowspan=2),
                HeaderCell(1, base + 2, "公务用车购置及运行维护费", colspan=3),
                HeaderCell(2, base + 2, "小计"),
                HeaderCell(2, base + 3, heading("公务用车购置费")),
                HeaderCell(2, base + 4, heading("公务用车运行维护费")),
                HeaderCell(1, base + 5, "公务接待费", rowspan=2),
            ]
        h += [HeaderCell(3, c.no - 1, str(c.no)) for c in THREE_COLUMNS]
        self.header_cells = h
        self.widths = [7.5] * 12


def keyed_plan(model: GridModel, block: list[list[str]]) -> KeyedPaste | None:
    """A block copied with its 行次 (01/04) or codes (06) beside the names: placed by them."""
    rows = {}
    for r, line in enumerate(model.grid):
        for g in model.keyed:
            cell = line[g.key_col]
            if isinstance(cell, Label) and cell.text:
                rows.setdefault((g.key_col, cell.text), r)
    return plan_keyed_paste(block, model.keyed, rows)


def model_for(ctl, t: T) -> GridModel:
    if t in (T.SUMMARY, T.FISCAL):
        return FixedModel(ctl, t)
    if t is T.BASIC:
        return BasicModel(ctl, t)
    if t is T.THREE:
        return ThreeModel(ctl, t)
    return SubjectModel(ctl, t)
