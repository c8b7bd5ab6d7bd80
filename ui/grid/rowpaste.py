"""Whole subject rows pasted from Excel or WPS: "科目编码<TAB>科目名称<TAB>amounts…".

Accountants copy blocks out of their own workbooks, often the whole printed table with its
headings and 合计 line. Such a block is matched to the table by code, not by position: a line
whose first cell is a 类/款/项 code fills that subject's row (added when missing), a 合计 line
fills the total row, every other line (title, headings, 栏次) is skipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from model.amount import parse_amount

_CODE = re.compile(r"^(\d{3}|\d{5}|\d{7})$")
TOTAL_WORDS = {"合计", "总计"}
LABEL_COLUMNS = 2  # code, name: the grid's first two columns in 02/03/05/07/08


def subject_code(cell: str) -> str | None:
    """The code a cell holds ("2010301", "201 03 01", full-width digits), or None."""
    s = unicodedata.normalize("NFKC", cell).replace(" ", "").replace("\u3000", "").strip()
    return s if _CODE.match(s) else None


def _is_total(cells: list[str]) -> bool:
    return any(unicodedata.normalize("NFKC", c).replace(" ", "").strip() in TOTAL_WORDS for c in cells[:2])


def _is_amount(cell: str) -> bool:
    return bool(cell.strip()) and parse_amount(cell).error is None


@dataclass
class RowPaste:
    """What a block means for a subject table; ``cells`` map 栏次 → the text pasted there."""

    lines: list[tuple[str, str, dict[int, str]]] = field(default_factory=list)  # code, name, cells
    total: dict[int, str] | None = None
    skipped: int = 0  # lines neither a subject nor 合计 that held something
    outside: int = 0  # non-empty cells beyond the table's last column

    def codes(self) -> list[str]:
        return [code for code, _name, _cells in self.lines]


def plan_row_paste(block: list[list[str]], columns: list[int], cursor_col: int) -> RowPaste | None:
    """The block as subject rows, or None when it is an ordinary block of figures.

    It is read as rows when its first column holds subject codes and either the cursor is on the
    code or name column, or the block carries names beside the codes (so a column of figures such
    as "201" is never taken for a 类).
    """
    coded = [line for line in block if line and subject_code(line[0])]
    if not coded:
        return None
    named = any(len(line) > 1 and line[1].strip() and not _is_amount(line[1]) for line in coded)
    if cursor_col >= LABEL_COLUMNS and not named:
        return None
    # Amounts start after the name column, unless the block has none: "2010301<TAB>13.62<TAB>…".
    width = max(len(line) for line in block)
    no_names = not named and (width == 1 + len(columns) or any(len(line) > 1 and _is_amount(line[1]) for line in coded))
    first = 1 if no_names else 2
    plan = RowPaste()
    for line in block:
        code = subject_code(line[0]) if line else None
        amounts = line[first:]
        cells = {columns[j]: v for j, v in enumerate(amounts) if j < len(columns)}
        plan.outside += sum(1 for v in amounts[len(columns) :] if v.strip())
        if code is not None:
            name = "" if no_names or len(line) < 2 else line[1].strip()
            plan.lines.append((code, name, cells))
        elif _is_total(line):
            plan.total = cells
        elif any(c.strip() for c in line):
            plan.skipped += 1
    return plan


@dataclass(frozen=True)
class KeyedGroup:
    """A side of a printed table whose lines are named by a key: 01/04 by 行次, 06 by 经济分类编码."""

    key_col: int  # the grid column holding the key (行次 or code)
    name_col: int  # the column holding the item's name
    amount_cols: tuple[int, ...]


@dataclass
class KeyedPaste:
    cells: list[tuple[int, int, str]] = field(default_factory=list)  # grid row, grid column, text
    lines: int = 0  # block lines placed
    skipped: int = 0  # lines with something in them that name no line of the table


def _key(cell: str) -> str:
    return unicodedata.normalize("NFKC", cell).replace(" ", "").strip()


def plan_keyed_paste(
    block: list[list[str]], groups: list[KeyedGroup], rows_by_key: dict[tuple[int, str], int]
) -> KeyedPaste | None:
    """A block copied from the printed table itself (headings and all) placed by 行次 or code, or
    None when it is an ordinary block of figures. Only lines whose key sits beside a name count,
    so a column of figures such as "1" is never taken for 行次 1."""
    plan = KeyedPaste()
    for line in block:
        placed = False
        for g in groups:
            if len(line) <= max(g.key_col, g.name_col):
                continue
            key = _key(line[g.key_col])
            r = rows_by_key.get((g.key_col, key))
            name = line[g.name_col].strip()
            # A key beside a name, or a key that is itself a name (06's 人员经费合计 line).
            if r is None or not ((name and not _is_amount(name)) or not (key.isdigit() or _is_amount(key))):
                continue
            placed = True
            plan.cells += [(r, c, line[c]) for c in g.amount_cols if c < len(line)]
        plan.lines += placed
        plan.skipped += not placed and any(c.strip() for c in line)
    return plan if plan.lines else None
