"""F: the printed formulas within one table (the notes under the tables in tables.md)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.check_kinds import CellSum, Check, RowFormula, RowsSum
from checks.context import Ctx
from checks.rules.registry import E, rule
from model.catalog import economic_groups
from model.layout import SUBJECT_TABLES, THREE_ROW, T, class_keys, fixed_rows, formulas, has_row
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL

FAMILY = "表内公式"
S, F = T.SUMMARY, T.FISCAL


def _row_sum(ctx: Ctx, rule_id: str, t: T, parent: str, parts: list[str], col: int) -> CellSum:
    terms = [(1, ctx.ref(t, k, col)) for k in parts]
    return CellSum(rule_id, ctx.ref(t, parent, col), terms, ctx.names.rows_sum(t, parts))


@rule("F101", E, FAMILY, "栏次公式（每一行）")
def column_formulas(ctx: Ctx) -> Iterator[Check]:
    """表下注明的栏次公式在每一行都成立：02表 1=2+…+7，03表 1=2+…+6，04表 2=3+4+5，05表 1=2+3，
    政府性基金表 3=4+5、6=1+2−3，国有资本经营表 支出合计=基本支出+项目支出（上海模板还有
    年末结转和结余=年初结转和结余+本年收入−本年支出）。公式随模板而定。"""
    for t in SUBJECT_TABLES:
        table_formulas = [(f.col, f.terms, ctx.names.formula(t, f.terms)) for f in formulas(t, ctx.variant)]
        for row in ctx.p.tables[t].rows:
            for target, terms, right in table_formulas:
                yield RowFormula("F101", t, row, target, terms, right)
    fiscal = ctx.table_rows(F)
    for f in formulas(F, ctx.variant):
        right = ctx.names.formula(F, f.terms)
        for row, _no in fixed_rows(F, ctx.layout, ctx.variant):
            if f.col in row.cols and row.key in fiscal:
                yield RowFormula("F101", F, fiscal[row.key], f.col, f.terms, right)


@rule("F102", E, FAMILY, "01表行次公式")
def summary_rows(ctx: Ctx) -> Iterator[Check]:
    """01表的合计、总计等于其所含各行之和：本年收入合计、收入总计、本年支出合计、支出总计。"""
    yield _row_sum(ctx, "F102", S, "i_total", [f"i{i}" for i in range(1, 9)], 1)
    yield _row_sum(ctx, "F102", S, "i_grand", ["i_total", "i_surplus", "i_begin"], 1)
    yield _row_sum(ctx, "F102", S, "e_total", list(class_keys(ctx.variant)), 2)
    yield _row_sum(ctx, "F102", S, "e_grand", ["e_total", "e_dist", "e_end"], 2)


@rule("F103", E, FAMILY, "04表行次公式")
def fiscal_rows(ctx: Ctx) -> Iterator[Check]:
    """04表的小计、合计、总计等于其所含各行之和，收入方与支出方的每一栏都是；年末财政拨款结转和结余
    下列出各项资金的模板（全国模板），这几行之和等于年末财政拨款结转和结余。"""
    yield _row_sum(ctx, "F103", F, "i_total", ["i1", "i2", "i3"], 1)
    yield _row_sum(ctx, "F103", F, "i_begin", ["i_begin1", "i_begin2", "i_begin3"], 1)
    yield _row_sum(ctx, "F103", F, "i_grand", ["i_total", "i_begin"], 1)
    for col in (2, 3, 4, 5):
        yield _row_sum(ctx, "F103", F, "e_total", list(class_keys(ctx.variant)), col)
        yield _row_sum(ctx, "F103", F, "e_grand", ["e_total", "e_end"], col)
    for i, col in ((1, 3), (2, 4), (3, 5)):
        if has_row(F, f"e_end{i}", ctx.variant):
            yield _row_sum(ctx, "F103", F, "e_end", [f"e_end{i}"], col)


@rule("F104", E, FAMILY, "01表收入总计等于支出总计")
def summary_balances(ctx: Ctx) -> Iterator[Check]:
    """01表收入总计等于支出总计。"""
    yield CellSum("F104", ctx.ref(S, "e_grand", 2), [(1, ctx.ref(S, "i_grand", 1))])


@rule("F105", E, FAMILY, "04表收入总计等于支出总计")
def fiscal_balances(ctx: Ctx) -> Iterator[Check]:
    """04表收入总计等于支出总计。"""
    yield CellSum("F105", ctx.ref(F, "e_grand", 2), [(1, ctx.ref(F, "i_grand", 1))])


@rule("F106", E, FAMILY, "06表经济分类类级等于所含款级之和")
def basic_groups(ctx: Ctx) -> Iterator[Check]:
    """06表每个经济分类类级（301、302、303、310…）等于其所含各款之和。"""
    rows = ctx.table_rows(T.BASIC)
    for g in economic_groups(ctx.variant):
        yield RowsSum("F106", T.BASIC, rows[g.code], [rows[i.code] for i in g.items], (1,), f"{g.code}所含各款之和")


@rule("F107", E, FAMILY, "06表人员经费合计、公用经费合计")
def basic_footers(ctx: Ctx) -> Iterator[Check]:
    """06表人员经费合计等于人员经费各类之和（301+303），公用经费合计等于公用经费各类之和（302+310，2020版模板还有307、312、399）。"""
    rows = ctx.table_rows(T.BASIC)
    groups = economic_groups(ctx.variant)
    personnel = [g.code for g in groups if g.kind == "personnel"]
    public = [g.code for g in groups if g.kind == "public"]
    yield RowsSum("F107", T.BASIC, rows[PERSONNEL_TOTAL], [rows[c] for c in personnel], (1,), "+".join(personnel))
    yield RowsSum("F107", T.BASIC, rows[PUBLIC_TOTAL], [rows[c] for c in public], (1,), "+".join(public))


@rule("F108", E, FAMILY, "“三公”经费表栏次公式")
def three_columns(ctx: Ctx) -> Iterator[Check]:
    """“三公”经费表的预算数、决算数各自成立：合计=因公出国（境）费+公务用车购置及运行费+公务接待费，
    公务用车购置及运行费=购置费+运行费。"""
    three = ctx.table_rows(T.THREE)[THREE_ROW]
    for f in formulas(T.THREE, ctx.variant):
        yield RowFormula("F108", T.THREE, three, f.col, f.terms, ctx.names.formula(T.THREE, f.terms))
