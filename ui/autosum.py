"""自动计算合计: fill every total that the rules define as a pure sum of cells of the same table.

The formulas are read from the check engine's own checks (printed column formulas, 01/04 row
formulas, 06 groups and footers, 类/款/项 hierarchy), so the command and the checks can never
disagree on what a total is. Identities across tables and formulas with a minus sign are not
totals and are left alone. A total none of whose parts holds a figure is left as it is: an
empty cell is not 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from checks.check_kinds import CellSum, RowFormula, RowsSum
from checks.checker import Checker
from checks.context import UNKNOWN, get
from model.amount import ZERO
from model.layout import T
from model.project import Row

Cell = tuple[T, str, int]  # table, row key, 栏次
# A total with two formulas (a 款 row's 本年支出合计 is both Σ its 项 and Σ its own columns)
# takes the hierarchy first: it is what the printed table adds up.
PREFERENCE = {"H201": 0, "H202": 0, "F102": 0, "F103": 0, "F106": 0, "F107": 0, "F101": 1, "F108": 1}


def formulas(checker: Checker, tables: Iterable[T]) -> dict[Cell, list[tuple[int, list[tuple[Row, int]]]]]:
    """target cell → candidate formulas (preference, parts as (row, 栏次)), for the given tables."""
    wanted = set(tables)
    out: dict[Cell, list[tuple[int, list[tuple[Row, int]]]]] = {}

    def add(rule: str, t: T, row: Row, col: int, parts: list[tuple[Row, int]]) -> None:
        if row.key:  # EMPTY_ROW stands for a row that does not exist
            out.setdefault((t, row.key, col), []).append((PREFERENCE[rule], parts))

    for check in checker.tables.checks:
        if not check.total:  # a total of its table's parts (checks.check_kinds)
            continue
        if isinstance(check, RowFormula):
            if check.t in wanted:
                add(check.rule, check.t, check.row, check.target, [(check.row, c) for _s, c in check.terms])
        elif isinstance(check, RowsSum):
            if check.t in wanted:
                for col in check.cols:
                    add(check.rule, check.t, check.parent, col, [(child, col) for child in check.children])
        elif isinstance(check, CellSum):
            p = check.parent
            if p.t in wanted:
                add(check.rule, p.t, p.row, p.col, [(r.row, r.col) for _s, r in check.terms if r.row.key])
    for candidates in out.values():
        candidates.sort(key=lambda c: c[0])
    return out


def compute_totals(checker: Checker, tables: Iterable[T]) -> dict[Cell, Decimal]:
    """The value every total of ``tables`` should hold, computed bottom-up; only cells that change."""
    rules = formulas(checker, tables)
    done: dict[Cell, Decimal | None | object] = {}
    visiting: set[Cell] = set()
    rows_by_key = {t: checker.project.tables[t].index() for t in T}

    def value(t: T, row: Row, col: int) -> Decimal | None | object:
        cell = (t, row.key, col)
        if cell not in rules:
            return get(row, col)
        if cell in done:
            return done[cell]
        if cell in visiting:  # a cycle would mean two formulas feed each other: keep what is typed
            return get(row, col)
        visiting.add(cell)
        result: Decimal | None | object = get(row, col)
        for _pref, parts in rules[cell]:
            total, seen, unknown = ZERO, False, False
            for prow, pcol in parts:
                v = value(t, prow, pcol)
                if v is UNKNOWN:
                    unknown = True
                    break
                if v is not None:
                    total += v
                    seen = True
            if unknown:
                result = get(row, col)
                break
            if seen:
                result = total
                break
        visiting.discard(cell)
        done[cell] = result
        return result

    changed: dict[Cell, Decimal] = {}
    for t, key, col in rules:
        row = rows_by_key[t].get(key)
        if row is None:
            continue
        v = value(t, row, col)
        if isinstance(v, Decimal) and (row.values.get(col) != v or col in row.invalid):
            changed[(t, key, col)] = v
    return changed
