"""W: relations that hold in most departments, not all (警告): the user may accept one with a 说明."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from checks.check_kinds import Check, Compare, Custom
from checks.context import SUPP, Ctx
from checks.finding import Finding, Location
from checks.rules.registry import GT, NEQ, W, finding, rule
from checks.rules.supplementary import field_label, field_locations, on_entries
from checks.tolerance import judge_difference
from model.amount import ZERO
from model.layout import THREE_ROW, T, column_name
from model.project import PUBLIC_TOTAL

FAMILY = "表间关系"
# 06表 economic item → 05表 subject whose 基本支出 it normally equals
SOCIAL_PAIRS = (("30108", "2080505"), ("30109", "2080506"), ("30113", "2210201"), ("30111", "2101103"))
# 06表 economic item → 09表 决算 column it cannot exceed
THREE_PAIRS = (("30212", 8), ("30217", 12), ("30231", 11), ("31013", 10))
BUDGET_ACTUAL = ((2, 8), (4, 10), (5, 11), (6, 12))  # 09表: 预算数 column, 决算数 column of one item


@rule(
    "W401",
    W,
    FAMILY,
    "06表社保、公积金缴费与05表对应科目基本支出一致",
    "{left} {actual} 与 {right} {expected} 不一致（通常相等）",
)
def social_contributions(ctx: Ctx) -> Iterator[Check]:
    """06表的机关事业单位基本养老保险缴费（30108）、职业年金缴费（30109）、住房公积金（30113）、
    公务员医疗补助缴费（30111）通常分别等于05表对应科目（2080505、2080506、2210201、2101103）的基本支出。"""
    for econ, subject in SOCIAL_PAIRS:
        yield Compare("W401", [ctx.ref(T.BASIC, econ, 1)], [ctx.ref(T.GENERAL, subject, 2)], mode="approx")


@rule("W402", W, FAMILY, "06表“三公”相关支出不大于“三公”经费决算", GT)
def three_items_within_three(ctx: Ctx) -> Iterator[Check]:
    """06表因公出国（境）费用、公务接待费、公务用车运行维护费、公务用车购置通常不大于“三公”经费表
    相应的决算数。"""
    for econ, col in THREE_PAIRS:
        yield Compare("W402", [ctx.ref(T.BASIC, econ, 1)], [ctx.ref(T.THREE, THREE_ROW, col)])


@rule(
    "W403",
    W,
    FAMILY,
    "机关运行经费等于06表公用经费合计（行政单位）",
    "{left} {actual} ≠ {right} {expected}（行政单位通常相等）",
)
def admin_cost(ctx: Ctx) -> Iterator[Check]:
    """行政单位的机关运行经费通常等于06表公用经费合计；事业单位不核对。"""
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

    yield Custom("W403", [(str(T.BASIC), PUBLIC_TOTAL), SUPP], evaluate)


@rule(
    "W404",
    W,
    FAMILY,
    "“三公”经费决算大于0而预算为0",
    "{left} 决算数 {actual} 大于0，而预算数为 {expected}，需在情况说明中说明原因",
)
def three_spent_without_budget(ctx: Ctx) -> Iterator[Check]:
    """“三公”经费某一项有决算数而预算数为0：情况说明中应说明原因。"""
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
                        left=f"{c.table_label(T.THREE)} {column_name(T.THREE, a, c.variant)}",
                    )
                )
        return out

    yield Custom("W404", [(str(T.THREE), THREE_ROW)], evaluate)


@rule("W405", W, "补充数据", "年初预算总额等于各科目年初预算之和", NEQ)
def budget_total(ctx: Ctx) -> Iterator[Check]:
    """补充数据中一般公共预算财政拨款年初预算总额，通常等于所填各类（或各项）科目年初预算之和。"""

    def evaluate(c: Ctx) -> Sequence[Finding]:
        b = c.p.supplementary.budget
        if b.general_total is None or not b.by_subject:
            return ()
        classes = [v for code, v in b.by_subject.items() if len(code) == 3]
        items = [v for code, v in b.by_subject.items() if len(code) == 7]
        parts = classes or items
        if not parts:
            return ()
        total = sum(parts, ZERO)
        if judge_difference("W405", b.general_total - total, len(parts)) is None:
            return ()
        return (
            finding(
                "W405",
                "budget.general_total",
                field_locations("budget.general_total", "budget.by_subject"),
                exp=total,
                act=b.general_total,
                left=field_label("budget.general_total"),
                right="各" + ("类" if classes else "项") + "年初预算之和",
            ),
        )

    return on_entries("W405", evaluate)
