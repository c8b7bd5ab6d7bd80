"""Identities and soft relations across tables (checks.md, "Across tables")."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from checks.base import EMPTY_ROW, SUPP, CellSum, Check, Compare, Ctx, Custom, RowCompare, finding
from checks.finding import Finding, Location
from model.layout import CLASSES, THREE_ROW, T, class_key, column_name
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL

CLASS_CODES = [c for c, _n in CLASSES]


def _same(ctx: Ctx, rule: str, a: tuple[T, str, int], b: tuple[T, str, int]) -> CellSum:
    return CellSum(rule, ctx.ref(*a), [(1, ctx.ref(*b))])


def identities(ctx: Ctx) -> Iterator[Check]:
    S, IN, E, F, G, B, FU, SO = T.SUMMARY, T.INCOME, T.EXPENSE, T.FISCAL, T.GENERAL, T.BASIC, T.FUND, T.SOE
    yield _same(ctx, "X301", (S, "i_total", 1), (IN, TOTAL, 1))
    yield CellSum("X302", ctx.ref(IN, TOTAL, 2), [(1, ctx.ref(S, f"i{i}", 1)) for i in (1, 2, 3)])
    for item, col in zip(range(4, 9), range(3, 8), strict=True):
        yield _same(ctx, "X303", (S, f"i{item}", 1), (IN, TOTAL, col))
    yield _same(ctx, "X304", (S, "e_total", 2), (E, TOTAL, 1))
    for code in CLASS_CODES:
        yield _same(ctx, "X305", (S, class_key(code), 2), (E, code, 1))
    for i in (1, 2, 3):
        yield _same(ctx, "X306", (F, f"i{i}", 1), (S, f"i{i}", 1))
    for code in CLASS_CODES:
        yield _same(ctx, "X307", (F, class_key(code), 3), (G, code, 1))
        yield _same(ctx, "X308", (F, class_key(code), 4), (FU, code, 3))
        yield _same(ctx, "X310", (F, class_key(code), 5), (SO, code, 1))
    yield _same(ctx, "X307", (F, "e_total", 3), (G, TOTAL, 1))
    yield _same(ctx, "X308", (F, "e_total", 4), (FU, TOTAL, 3))
    yield _same(ctx, "X310", (F, "e_total", 5), (SO, TOTAL, 1))
    yield _same(ctx, "X309", (F, "i2", 1), (FU, TOTAL, 2))
    yield _same(ctx, "X309", (F, "i_begin2", 1), (FU, TOTAL, 1))
    yield _same(ctx, "X309", (F, "e_end", 4), (FU, TOTAL, 6))
    for i, col in ((1, 3), (2, 4), (3, 5)):
        terms = [(1, ctx.ref(F, f"i_begin{i}", 1)), (1, ctx.ref(F, f"i{i}", 1)), (-1, ctx.ref(F, "e_total", col))]
        yield CellSum("X311", ctx.ref(F, "e_end", col), terms)
    yield CellSum("X312", ctx.ref(G, TOTAL, 2), [(1, ctx.ref(B, PERSONNEL_TOTAL, 1)), (1, ctx.ref(B, PUBLIC_TOTAL, 1))])
    expense = ctx.rows[E]
    for row in ctx.p.tables[G].rows:
        if row.key == TOTAL or row.key == row.code:
            yield RowCompare("X313", G, row, E, expense.get(row.code or TOTAL, EMPTY_ROW), (1, 2, 3))
    for code in CLASS_CODES:
        yield Compare("X314", [ctx.ref(F, class_key(code), 2)], [ctx.ref(S, class_key(code), 2)])
    yield _same(ctx, "X315", (IN, TOTAL, 2), (F, "i_total", 1))


SOCIAL_PAIRS = (("30108", "2080505"), ("30109", "2080506"), ("30113", "2210201"), ("30111", "2101103"))
THREE_PAIRS = (("30212", 8), ("30217", 12), ("30231", 11), ("31013", 10))
BUDGET_ACTUAL = ((2, 8), (4, 10), (5, 11), (6, 12))


def soft_relations(ctx: Ctx) -> Iterator[Check]:
    for econ, subject in SOCIAL_PAIRS:
        yield Compare("W401", [ctx.ref(T.BASIC, econ, 1)], [ctx.ref(T.GENERAL, subject, 2)], mode="approx")
    for econ, col in THREE_PAIRS:
        yield Compare("W402", [ctx.ref(T.BASIC, econ, 1)], [ctx.ref(T.THREE, THREE_ROW, col)])
    yield _admin_cost_check(ctx)
    yield _three_budget_check(ctx)


def _admin_cost_check(ctx: Ctx) -> Check:
    public = ctx.ref(T.BASIC, PUBLIC_TOTAL, 1)

    def evaluate(c: Ctx) -> Sequence[Finding]:
        if c.p.meta.unit_kind == "事业单位":
            return ()
        amount = c.p.supplementary.admin_cost.amount
        pub = public.row.values.get(1)
        if amount is None or pub is None or amount == pub:
            return ()
        locs = [Location(field="admin_cost.amount"), public.loc()]
        return (
            finding("W403", "admin_cost", locs, exp=pub, act=amount, left="机关运行经费", right=c.ref_label(public)),
        )

    return Custom("W403", [(str(T.BASIC), PUBLIC_TOTAL), SUPP], evaluate)


def _three_budget_check(ctx: Ctx) -> Check:
    row = ctx.rows[T.THREE][THREE_ROW]

    def evaluate(c: Ctx) -> Sequence[Finding]:
        out = []
        for b, a in BUDGET_ACTUAL:
            actual, budget = row.values.get(a), row.values.get(b)
            if actual is not None and actual > 0 and not budget:
                out.append(
                    finding(
                        "W404",
                        f"{T.THREE}|{THREE_ROW}|{a}",
                        [Location(table=T.THREE, row=THREE_ROW, col=a), Location(table=T.THREE, row=THREE_ROW, col=b)],
                        exp=budget,
                        act=actual,
                        left=f"{c.table_label(T.THREE)} {column_name(T.THREE, a)}",
                    )
                )
        return out

    return Custom("W404", [(str(T.THREE), THREE_ROW)], evaluate)
