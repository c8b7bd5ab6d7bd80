"""Printed formulas within one table (the notes under the tables in tables.md)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.base import CellSum, Check, Ctx, RowFormula, RowsSum
from model.catalog import economic_groups
from model.layout import CLASSES, SUBJECT_TABLES, THREE_ROW, T, class_key, row_number
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL

# Column formulas of the subject tables: target = Σ ±terms, on every row.
COLUMN_FORMULAS: dict[T, tuple[tuple[int, tuple[tuple[int, int], ...], str], ...]] = {
    T.INCOME: ((1, tuple((1, c) for c in range(2, 8)), "第2～7栏之和"),),
    T.EXPENSE: ((1, tuple((1, c) for c in range(2, 7)), "第2～6栏之和"),),
    T.GENERAL: ((1, ((1, 2), (1, 3)), "第2+3栏"),),
    T.FUND: (
        (3, ((1, 4), (1, 5)), "第4+5栏"),
        (6, ((1, 1), (1, 2), (-1, 3)), "第1+2−3栏"),
    ),
    T.SOE: ((1, ((1, 2), (1, 3)), "第2+3栏"),),
}

THREE_FORMULAS = (
    (1, (2, 3, 6), "第2+3+6栏"),
    (3, (4, 5), "第4+5栏"),
    (7, (8, 9, 12), "第8+9+12栏"),
    (9, (10, 11), "第10+11栏"),
)


def column_formulas(ctx: Ctx) -> Iterator[Check]:
    for t in SUBJECT_TABLES:
        for row in ctx.p.tables[t].rows:
            for target, terms, right in COLUMN_FORMULAS[t]:
                yield RowFormula("F101", t, row, target, terms, right)
    fiscal = ctx.table_rows(T.FISCAL)
    for key in [class_key(c) for c, _n in CLASSES] + ["e_total", "e_end", "e_grand"]:
        yield RowFormula("F101", T.FISCAL, fiscal[key], 2, ((1, 3), (1, 4), (1, 5)), "第3+4+5栏")
    three = ctx.table_rows(T.THREE)[THREE_ROW]
    for target, terms, right in THREE_FORMULAS:
        yield RowFormula("F108", T.THREE, three, target, tuple((1, c) for c in terms), right)


def _rows_desc(ctx: Ctx, t: T, keys: list[str]) -> str:
    nos = [row_number(t, ctx.layout, k) for k in keys]
    if len(nos) > 3 and nos == list(range(nos[0], nos[-1] + 1)):
        return f"第{nos[0]}～{nos[-1]}行之和"
    return "第" + "+".join(str(n) for n in nos) + "行"


def _row_sum(ctx: Ctx, rule: str, t: T, parent: str, parts: list[str], col: int) -> CellSum:
    terms = [(1, ctx.ref(t, k, col)) for k in parts]
    return CellSum(rule, ctx.ref(t, parent, col), terms, _rows_desc(ctx, t, parts))


def summary_formulas(ctx: Ctx) -> Iterator[Check]:
    t = T.SUMMARY
    classes = [class_key(c) for c, _n in CLASSES]
    yield _row_sum(ctx, "F102", t, "i_total", [f"i{i}" for i in range(1, 9)], 1)
    yield _row_sum(ctx, "F102", t, "i_grand", ["i_total", "i_surplus", "i_begin"], 1)
    yield _row_sum(ctx, "F102", t, "e_total", classes, 2)
    yield _row_sum(ctx, "F102", t, "e_grand", ["e_total", "e_dist", "e_end"], 2)
    yield CellSum("F104", ctx.ref(t, "e_grand", 2), [(1, ctx.ref(t, "i_grand", 1))])


def fiscal_formulas(ctx: Ctx) -> Iterator[Check]:
    t = T.FISCAL
    classes = [class_key(c) for c, _n in CLASSES]
    yield _row_sum(ctx, "F103", t, "i_total", ["i1", "i2", "i3"], 1)
    yield _row_sum(ctx, "F103", t, "i_begin", ["i_begin1", "i_begin2", "i_begin3"], 1)
    yield _row_sum(ctx, "F103", t, "i_grand", ["i_total", "i_begin"], 1)
    for col in (2, 3, 4, 5):
        yield _row_sum(ctx, "F103", t, "e_total", classes, col)
        yield _row_sum(ctx, "F103", t, "e_grand", ["e_total", "e_end"], col)
    for i, col in ((1, 3), (2, 4), (3, 5)):
        yield _row_sum(ctx, "F103", t, "e_end", [f"e_end{i}"], col)
    yield CellSum("F105", ctx.ref(t, "e_grand", 2), [(1, ctx.ref(t, "i_grand", 1))])


def basic_formulas(ctx: Ctx) -> Iterator[Check]:
    t = T.BASIC
    rows = ctx.table_rows(t)
    groups = economic_groups(ctx.variant)
    for g in groups:
        yield RowsSum("F106", t, rows[g.code], [rows[i.code] for i in g.items], (1,), f"{g.code}所含各款之和")
    personnel = [g.code for g in groups if g.kind == "personnel"]
    public = [g.code for g in groups if g.kind == "public"]
    yield RowsSum("F107", t, rows[PERSONNEL_TOTAL], [rows[c] for c in personnel], (1,), "+".join(personnel))
    yield RowsSum("F107", t, rows[PUBLIC_TOTAL], [rows[c] for c in public], (1,), "+".join(public))


def table_rules(ctx: Ctx) -> Iterator[Check]:
    yield from column_formulas(ctx)
    yield from summary_formulas(ctx)
    yield from fiscal_formulas(ctx)
    yield from basic_formulas(ctx)
