"""X: identities across tables (checks.md, "Across tables"); a break is 错误, or 尾数差异 when the
figures' own rounding explains it."""

from __future__ import annotations

from collections.abc import Iterator

from checks.check_kinds import CellSum, Check, Compare, RowCompare
from checks.context import EMPTY_ROW, Ctx
from checks.rules.registry import GT, E, rule
from model.layout import T, class_key, classes, columns
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL

FAMILY = "表间勾稽"
S, IN, EX, F, G, B, FU, SO = T.SUMMARY, T.INCOME, T.EXPENSE, T.FISCAL, T.GENERAL, T.BASIC, T.FUND, T.SOE
FUNDS = ((1, 3), (2, 4), (3, 5))  # 04表: fund i (1 一般公共预算, 2 政府性基金, 3 国有资本经营) → its 栏次


def _same(ctx: Ctx, rule_id: str, a: tuple[T, str, int], b: tuple[T, str, int]) -> CellSum:
    return CellSum(rule_id, ctx.ref(*a), [(1, ctx.ref(*b))])


@rule("X301", E, FAMILY, "01表本年收入合计等于02表合计")
def income_total(ctx: Ctx) -> Iterator[Check]:
    """01表本年收入合计等于02表合计行的本年收入合计（第1栏）。"""
    yield _same(ctx, "X301", (S, "i_total", 1), (IN, TOTAL, 1))


@rule("X302", E, FAMILY, "01表财政拨款收入（第1～3行）等于02表财政拨款收入")
def fiscal_income(ctx: Ctx) -> Iterator[Check]:
    """01表收入第1～3行（三项财政拨款收入）之和等于02表合计行的财政拨款收入（第2栏）。"""
    yield CellSum("X302", ctx.ref(IN, TOTAL, 2), [(1, ctx.ref(S, f"i{i}", 1)) for i in (1, 2, 3)])


@rule("X303", E, FAMILY, "01表第4～8行收入等于02表第3～7栏合计")
def other_income(ctx: Ctx) -> Iterator[Check]:
    """01表收入第4～8行（上级补助收入、事业收入、经营收入、附属单位上缴收入、其他收入）分别等于02表合计行
    第3～7栏。"""
    for item, col in zip(range(4, 9), range(3, 8), strict=True):
        yield _same(ctx, "X303", (S, f"i{item}", 1), (IN, TOTAL, col))


@rule("X304", E, FAMILY, "01表本年支出合计等于03表合计")
def expense_total(ctx: Ctx) -> Iterator[Check]:
    """01表本年支出合计等于03表合计行的本年支出合计（第1栏）。"""
    yield _same(ctx, "X304", (S, "e_total", 2), (EX, TOTAL, 1))


@rule("X305", E, FAMILY, "01表各类支出等于03表同类本年支出合计")
def expense_classes(ctx: Ctx) -> Iterator[Check]:
    """01表支出方每一类（一般公共服务支出…）等于03表同一类的本年支出合计；03表没有的类，01表也应为空。"""
    for code, _name in classes(ctx.variant):
        yield _same(ctx, "X305", (S, class_key(code), 2), (EX, code, 1))


@rule("X306", E, FAMILY, "04表收入第1～3行等于01表收入第1～3行")
def fiscal_income_rows(ctx: Ctx) -> Iterator[Check]:
    """04表本年收入的三项财政拨款（一般公共预算、政府性基金预算、国有资本经营预算）分别等于01表收入
    第1～3行。"""
    for i in (1, 2, 3):
        yield _same(ctx, "X306", (F, f"i{i}", 1), (S, f"i{i}", 1))


@rule("X307", E, FAMILY, "04表一般公共预算财政拨款支出等于05表")
def general_expense(ctx: Ctx) -> Iterator[Check]:
    """04表一般公共预算财政拨款一栏（第3栏）每一类及本年支出合计，等于05表同一类及合计的支出（第1栏）。"""
    for code, _name in classes(ctx.variant):
        yield _same(ctx, "X307", (F, class_key(code), 3), (G, code, 1))
    yield _same(ctx, "X307", (F, "e_total", 3), (G, TOTAL, 1))


@rule("X308", E, FAMILY, "04表政府性基金预算财政拨款等于政府性基金表")
def fund_expense(ctx: Ctx) -> Iterator[Check]:
    """04表政府性基金预算财政拨款一栏（第4栏）每一类及本年支出合计，等于政府性基金表同一类及合计的
    本年支出小计。"""
    for code, _name in classes(ctx.variant):
        yield _same(ctx, "X308", (F, class_key(code), 4), (FU, code, 3))
    yield _same(ctx, "X308", (F, "e_total", 4), (FU, TOTAL, 3))


@rule("X309", E, FAMILY, "04表政府性基金收入、结转结余等于政府性基金表")
def fund_income_and_balances(ctx: Ctx) -> Iterator[Check]:
    """04表政府性基金预算财政拨款的本年收入、年初结转和结余、年末结转和结余，分别等于政府性基金表合计行
    的本年收入、年初结转和结余、年末结转和结余。"""
    yield _same(ctx, "X309", (F, "i2", 1), (FU, TOTAL, 2))
    yield _same(ctx, "X309", (F, "i_begin2", 1), (FU, TOTAL, 1))
    yield _same(ctx, "X309", (F, "e_end", 4), (FU, TOTAL, 6))


@rule("X310", E, FAMILY, "04表国有资本经营预算财政拨款支出等于国有资本经营表")
def soe_expense(ctx: Ctx) -> Iterator[Check]:
    """04表国有资本经营预算财政拨款一栏（第5栏）每一类及本年支出合计，等于国有资本经营表同一类及合计的
    支出。"""
    for code, _name in classes(ctx.variant):
        yield _same(ctx, "X310", (F, class_key(code), 5), (SO, code, 1))
    yield _same(ctx, "X310", (F, "e_total", 5), (SO, TOTAL, 1))


@rule("X311", E, FAMILY, "04表各项资金：年初结转和结余＋本年收入－本年支出＝年末结转和结余")
def fund_flows(ctx: Ctx) -> Iterator[Check]:
    """04表每一项财政拨款资金：年初结转和结余＋本年收入－本年支出＝年末结转和结余。"""
    for i, col in FUNDS:
        terms = [(1, ctx.ref(F, f"i_begin{i}", 1)), (1, ctx.ref(F, f"i{i}", 1)), (-1, ctx.ref(F, "e_total", col))]
        yield CellSum("X311", ctx.ref(F, "e_end", col), terms)


SOE_FLOWS = (("i_begin3", 1, 4), ("i3", 1, 5), ("e_end", 5, 6))  # 04表 row, its 栏次 → 国有资本经营表 合计's


@rule("X316", E, FAMILY, "04表国有资本经营收入、结转结余等于国有资本经营表")
def soe_income_and_balances(ctx: Ctx) -> Iterator[Check]:
    """国有资本经营表印有收入和结转结余栏（上海模板）时：04表国有资本经营预算财政拨款的年初结转和结余、
    本年收入、年末结转和结余，分别等于国有资本经营表合计行的年初结转和结余、本年收入、年末结转和结余。"""
    printed = {c.no for c in columns(SO, ctx.variant)}
    for row, col, soe_col in SOE_FLOWS:
        if soe_col in printed:
            yield _same(ctx, "X316", (F, row, col), (SO, TOTAL, soe_col))


@rule("X312", E, FAMILY, "05表基本支出合计等于06表人员经费合计与公用经费合计之和")
def basic_expense(ctx: Ctx) -> Iterator[Check]:
    """05表合计行的基本支出（第2栏）等于06表人员经费合计与公用经费合计之和：06表是05表基本支出按经济
    分类的明细。"""
    terms = [(1, ctx.ref(B, PERSONNEL_TOTAL, 1)), (1, ctx.ref(B, PUBLIC_TOTAL, 1))]
    yield CellSum("X312", ctx.ref(G, TOTAL, 2), terms)


@rule("X313", E, FAMILY, "05表科目支出不大于03表同一科目", GT)
def general_within_expense(ctx: Ctx) -> Iterator[Check]:
    """05表每个科目（及合计）的支出、基本支出、项目支出，都不大于03表同一科目：一般公共预算财政拨款
    支出只是全部支出的一部分。"""
    expense = ctx.rows[EX]
    for row in ctx.p.tables[G].rows:
        if row.key == TOTAL or row.key == row.code:
            yield RowCompare("X313", G, row, EX, expense.get(row.code or TOTAL, EMPTY_ROW), (1, 2, 3))


@rule("X314", E, FAMILY, "04表各类支出小计不大于01表同类支出", GT)
def fiscal_within_summary(ctx: Ctx) -> Iterator[Check]:
    """04表每一类的财政拨款支出小计（第2栏）不大于01表同一类的支出：财政拨款支出只是全部支出的一部分。"""
    for code, _name in classes(ctx.variant):
        yield Compare("X314", [ctx.ref(F, class_key(code), 2)], [ctx.ref(S, class_key(code), 2)])


@rule("X315", E, FAMILY, "02表财政拨款收入合计等于04表本年收入合计")
def fiscal_income_total(ctx: Ctx) -> Iterator[Check]:
    """02表合计行的财政拨款收入（第2栏）等于04表本年收入合计（部门没有其他财政拨款时）。"""
    yield _same(ctx, "X315", (IN, TOTAL, 2), (F, "i_total", 1))
