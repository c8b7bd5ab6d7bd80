"""The grid models by how a pasted block finds its place: subject tables add rows by code, tables
with fixed lines (01/04 by 行次, 06 by 经济分类编码) place it by the key beside each name. The grid
itself is the table's printed shape (model/sheets.py), built in GridModel."""

from __future__ import annotations

from model.layout import T
from model.templates import template
from ui.grid.base import Amt, GridModel, Label
from ui.grid.rowpaste import KeyedGroup, KeyedPaste, RowPaste, plan_keyed_paste, plan_row_paste


class KeyedModel(GridModel):
    """01, 04 and 06: fixed lines, each named by 行次 or code."""

    def build(self) -> None:
        super().build()
        self.keyed = [KeyedGroup(b.key_col, b.name_col, b.amount_cols) for b in self.shape.blocks()]

    def plan_paste(self, block: list[list[str]], _cursor_col: int) -> KeyedPaste | None:
        """A block copied with its 行次 (01/04) or codes (06) beside the names: placed by them."""
        rows = {}
        for r, line in enumerate(self.grid):
            for g in self.keyed:
                cell = line[g.key_col]
                if isinstance(cell, Label) and cell.text:
                    rows.setdefault((g.key_col, cell.text), r)
        return plan_keyed_paste(block, self.keyed, rows)

    def font_for(self, r: int, cell):
        # 06's group rows (301, 302 …) are bold like in print; a line can hold a group in one column
        # group and an item in another, so it goes by the cell's code, not the line.
        if isinstance(cell, (Label, Amt)) and cell.key and len(cell.key) == 3 and cell.key.isdigit():
            return self.fonts()[3] if isinstance(cell, Amt) else self.bold_font()
        return super().font_for(r, cell)


class SubjectModel(GridModel):
    """02, 03, 05, 07, 08: 合计 and the 类/款/项 rows in code order."""

    def plan_paste(self, block: list[list[str]], cursor_col: int) -> RowPaste | None:
        cols = [c.col for c in self.shape.columns if c.holds == "amount"]
        return plan_row_paste(block, cols, cursor_col)

    def row_key_at(self, r: int) -> str | None:
        name_col = next(i for i, c in enumerate(self.shape.columns) if c.holds == "name")
        cell = self.grid[r][name_col] if 0 <= r < len(self.grid) else None
        return cell.key if isinstance(cell, Label) else None


_MODELS = {"sides": KeyedModel, "economic": KeyedModel, "subjects": SubjectModel, "single": GridModel}


def model_for(ctl, t: T) -> GridModel:
    return _MODELS[template(ctl.project.meta.variant).form(t).kind](ctl, t)
