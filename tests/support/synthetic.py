"""Generated departments whose nine tables agree with each other to the cent.

Used by the benchmarks (a large department), by tests (a clean base to break one rule at a time)
and by batch and fuzz runs. Amounts are built from whole cents and summed upward, so every
printed formula and identity of tables.md holds exactly.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

from checks.rules.relations import SOCIAL_PAIRS
from model.catalog import economic_groups, functional_catalog
from model.layout import THREE_ROW, T, class_key, classes, columns, has_row
from model.project import (
    PERSONNEL_TOTAL,
    PUBLIC_TOTAL,
    TOTAL,
    CountItem,
    PerfProject,
    Project,
    Row,
    new_project,
)

# Subjects that the soft rules of table 06 pair with economic items (W401), always included with
# 2013101 and 2101101; each of those items gets its subject's 基本支出.
ANCHOR_ITEMS = {subject: econ for econ, subject in SOCIAL_PAIRS}
ANCHORS = tuple(sorted({"2013101", "2101101", *ANCHOR_ITEMS}))


def _d(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def _pick_items(rng: random.Random, n_items: int, variant: str, extra: tuple[str, ...] = ()) -> list[str]:
    printed = {c for c, _n in classes(variant)}
    pool = [s.code for s in functional_catalog().subjects() if len(s.code) == 7 and s.code[:3] in printed]
    chosen = {*ANCHORS, *extra}
    rest = [c for c in pool if c not in chosen]
    rng.shuffle(rest)
    chosen.update(rest[: max(0, n_items - len(chosen))])
    return sorted(chosen)


def synthetic_project(
    n_items: int = 12,
    seed: int = 1,
    variant: str = "2023",
    layout: str = "A",
    year: int = 2024,
    department: str = "示例区委办公室",
    with_fund: bool = True,
    with_soe: bool = False,
    extra_items: tuple[str, ...] = (),
) -> Project:
    """A consistent department with ``n_items`` 项 subjects (plus their 款 and 类 rows), among them
    ``extra_items``; ``with_soe``: one of them also spends 国有资本经营预算财政拨款 (with its income and
    balances where the variant's table prints them)."""
    rng = random.Random(seed)
    p = new_project(department, year, variant, layout)
    items = _pick_items(rng, n_items, variant, extra_items)
    cat = functional_catalog()
    fund_items = set(rng.sample(items, k=min(2, len(items)))) if with_fund else set()
    nonfiscal_items = set(rng.sample(items, k=min(3, len(items))))

    # Leaf amounts in cents, per 项.
    gen_basic: dict[str, int] = {}
    gen_project: dict[str, int] = {}
    for code in items:
        gen_basic[code] = rng.randint(1, 5_000_000)
        gen_project[code] = rng.randint(0, 3_000_000) if rng.random() < 0.5 else 0
    # Sorted: a set iterates in hash order, which differs between processes (PYTHONHASHSEED).
    fund = {c: (rng.randint(0, 500_000), rng.randint(1, 800_000), rng.randint(0, 400_000)) for c in sorted(fund_items)}
    # fund[c] = (年初结转和结余, 基本支出, 项目支出); 本年收入 chosen to leave a small balance
    fund_income = {c: b + pr + rng.randint(0, 100_000) for c, (_beg, b, pr) in fund.items()}
    nonfiscal = {c: (rng.randint(1, 600_000), rng.randint(0, 300_000)) for c in sorted(nonfiscal_items)}
    # soe[c] = (年初结转和结余, 基本支出, 项目支出, 本年收入), drawn only when asked for
    soe: dict[str, tuple[int, int, int, int]] = {}
    if with_soe:
        code = items[-1]
        beg, b, pr = rng.randint(1, 300_000), rng.randint(0, 200_000), rng.randint(1, 400_000)
        soe[code] = (beg, b, pr, max(b + pr - beg // 2, 0) + rng.randint(0, 50_000))  # 年末 never below 0
    soe_income_cols = {4, 5, 6} <= {c.no for c in columns(T.SOE, variant)}

    def leaf_values(t: T, code: str) -> dict[int, int]:
        gb, gp = gen_basic[code], gen_project[code]
        fb, fp = fund.get(code, (0, 0, 0))[1:]
        nb, np_ = nonfiscal.get(code, (0, 0))
        sbeg, sb, sp, sinc = soe.get(code, (0, 0, 0, 0))
        if t is T.GENERAL:
            return {1: gb + gp, 2: gb, 3: gp}
        if t is T.EXPENSE:
            basic, proj = gb + fb + nb + sb, gp + fp + np_ + sp
            return {1: basic + proj, 2: basic, 3: proj}
        if t is T.SOE:
            if code not in soe:
                return {}
            flows = {4: sbeg, 5: sinc, 6: sbeg + sinc - sb - sp} if soe_income_cols else {}
            return {1: sb + sp, 2: sb, 3: sp, **flows}
        if t is T.INCOME:
            fiscal = gb + gp + fund_income.get(code, 0) + sinc
            other = nb + np_
            return {1: fiscal + other, 2: fiscal, 4: other} if other else {1: fiscal, 2: fiscal}
        if t is T.FUND:
            if code not in fund:
                return {}
            beg, b, pr = fund[code]
            inc = fund_income[code]
            return {1: beg, 2: inc, 3: b + pr, 4: b, 5: pr, 6: beg + inc - b - pr}
        return {}

    sums: dict[T, dict[str, dict[int, int]]] = {}
    for t in (T.INCOME, T.EXPENSE, T.GENERAL, T.FUND, T.SOE):
        acc: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for code in items:
            vals = leaf_values(t, code)
            if not vals:
                continue
            for key in (code, code[:5], code[:3], TOTAL):
                for col, v in vals.items():
                    acc[key][col] += v
        sums[t] = acc
        table = p.tables[t]
        for key in sorted(k for k in acc if k != TOTAL):
            row = table.add_subject(key, cat.name_of(key) or "")
            row.values = {col: _d(v) for col, v in sorted(acc[key].items())}
        if TOTAL in acc:
            table.row(TOTAL).values = {col: _d(v) for col, v in sorted(acc[TOTAL].items())}
        table.touch()
    if not fund_items:
        p.tables[T.FUND].note = "本部门当年无政府性基金预算财政拨款收入支出。"
    if not soe:
        p.tables[T.SOE].note = "本部门当年无国有资本经营预算财政拨款支出。"

    gen = sums[T.GENERAL]
    exp = sums[T.EXPENSE]
    inc = sums[T.INCOME]
    fnd = sums[T.FUND]
    soe_flows = _Soe(sum(v[0] for v in soe.values()), sum(v[3] for v in soe.values()), sums[T.SOE])
    general_total = gen[TOTAL][1]
    begin1 = rng.randint(0, 2_000_000)
    income1 = general_total + rng.randint(0, 300_000)
    fund_total = fnd.get(TOTAL, {})
    income2 = fund_total.get(2, 0)
    begin2 = fund_total.get(1, 0)
    expense2 = fund_total.get(3, 0)
    # The general-budget fiscal income also shows in 02 col 2; give the difference to one subject.
    extra = income1 - general_total
    first = items[0]
    for key in (first, first[:5], first[:3], TOTAL):
        inc[key][1] += extra
        inc[key][2] += extra
        row = p.tables[T.INCOME].row(key)
        row.values[1] = _d(inc[key][1])
        row.values[2] = _d(inc[key][2])

    _fill_fiscal(p, gen, fnd, begin1, income1, begin2, income2, expense2, soe_flows)
    end = income1 - general_total + begin1 + income2 - expense2 + begin2 + soe_flows.end
    _fill_summary(p, inc, exp, begin1 + begin2 + soe_flows.begin, end)
    _fill_basic(p, rng, gen[TOTAL][2], {k: gen[k][2] for k in ANCHOR_ITEMS if k in gen})
    _fill_three(p, rng)
    _fill_supplementary(p, rng, general_total)
    for t in p.tables.values():
        t.touch()
    return p


def _set(row: Row | None, col: int, cents: int) -> None:
    assert row is not None
    row.values[col] = _d(cents)


class _Soe:
    """The 国有资本经营 money of a department: 年初结转和结余, 本年收入, 本年支出 by subject, 年末."""

    def __init__(self, begin: int, income: int, sums):
        self.begin, self.income, self.sums = begin, income, sums
        self.expense = sums.get(TOTAL, {}).get(1, 0)
        self.end = begin + income - self.expense


def _fill_fiscal(
    p: Project, gen, fnd, begin1: int, income1: int, begin2: int, income2: int, expense2: int, soe: _Soe
) -> None:
    t = p.tables[T.FISCAL]
    variant = p.meta.variant
    _set(t.row("i1"), 1, income1)
    if income2:
        _set(t.row("i2"), 1, income2)
    if soe.income:
        _set(t.row("i3"), 1, soe.income)
    _set(t.row("i_total"), 1, income1 + income2 + soe.income)
    _set(t.row("i_begin1"), 1, begin1)
    if begin2:
        _set(t.row("i_begin2"), 1, begin2)
    if soe.begin:
        _set(t.row("i_begin3"), 1, soe.begin)
    _set(t.row("i_begin"), 1, begin1 + begin2 + soe.begin)
    grand = income1 + income2 + begin1 + begin2 + soe.income + soe.begin
    _set(t.row("i_grand"), 1, grand)
    for code, _name in classes(variant):
        g = gen.get(code, {}).get(1, 0)
        f = fnd.get(code, {}).get(3, 0)
        s = soe.sums.get(code, {}).get(1, 0)
        if g or f or s:
            row = t.row(class_key(code))
            _set(row, 2, g + f + s)
            for col, v in ((3, g), (4, f), (5, s)):
                if v:
                    _set(row, col, v)
    general_total = gen[TOTAL][1]
    row = t.row("e_total")
    _set(row, 2, general_total + expense2 + soe.expense)
    _set(row, 3, general_total)
    if expense2:
        _set(row, 4, expense2)
    if soe.expense:
        _set(row, 5, soe.expense)
    end1 = begin1 + income1 - general_total
    end2 = begin2 + income2 - expense2
    row = t.row("e_end")
    _set(row, 2, end1 + end2 + soe.end)
    _set(row, 3, end1)
    if has_row(T.FISCAL, "e_end1", variant):
        _set(t.row("e_end1"), 3, end1)
    if end2:
        _set(row, 4, end2)
        if has_row(T.FISCAL, "e_end2", variant):
            _set(t.row("e_end2"), 4, end2)
    if soe.end:
        _set(row, 5, soe.end)
        if has_row(T.FISCAL, "e_end3", variant):
            _set(t.row("e_end3"), 5, soe.end)
    row = t.row("e_grand")
    _set(row, 2, general_total + expense2 + end1 + end2 + soe.expense + soe.end)
    _set(row, 3, general_total + end1)
    if expense2 or end2:
        _set(row, 4, expense2 + end2)
    if soe.expense or soe.end:
        _set(row, 5, soe.expense + soe.end)


def _fill_summary(p: Project, inc, exp, begin: int, end: int) -> None:
    t = p.tables[T.SUMMARY]
    total = inc[TOTAL]
    fiscal_rows = p.tables[T.FISCAL]
    for key in ("i1", "i2", "i3"):
        value = fiscal_rows.row(key).values.get(1)
        if value is not None:
            _set(t.row(key), 1, int(value * 100))
    for item, col in zip(range(4, 9), range(3, 8), strict=True):
        if total.get(col):
            _set(t.row(f"i{item}"), 1, total[col])
    _set(t.row("i_total"), 1, total[1])
    _set(t.row("i_begin"), 1, begin)
    _set(t.row("i_grand"), 1, total[1] + begin)
    for code, _name in classes(p.meta.variant):
        if code in exp:
            _set(t.row(class_key(code)), 2, exp[code][1])
    _set(t.row("e_total"), 2, exp[TOTAL][1])
    _set(t.row("e_end"), 2, end)
    _set(t.row("e_grand"), 2, exp[TOTAL][1] + end)


def _fill_basic(p: Project, rng: random.Random, basic_total: int, anchors: dict[str, int]) -> None:
    t = p.tables[T.BASIC]
    groups = economic_groups(p.meta.variant)
    public_total = basic_total // 8
    personnel_total = basic_total - public_total
    amounts: dict[str, int] = {}
    for subject, item in ANCHOR_ITEMS.items():
        amounts[item] = anchors.get(subject, 0)
    fixed = sum(amounts.values())
    if fixed > personnel_total:  # tiny departments: anchors alone exceed the personnel share
        personnel_total = fixed
        public_total = basic_total - fixed
    # The rest of 人员经费 over wages, and 公用经费 over goods and services.
    rest = personnel_total - fixed
    wage_items = ["30101", "30102", "30103", "30107", "30199", "30302"]
    for i, code in enumerate(wage_items):
        share = (
            rest - sum(amounts.get(c, 0) for c in wage_items) if i == len(wage_items) - 1 else rest // len(wage_items)
        )
        amounts[code] = share
    public_items = ["30201", "30211", "30212", "30217", "30226", "30231", "30299", "31002"]
    for i, code in enumerate(public_items):
        share = (
            public_total - sum(amounts.get(c, 0) for c in public_items)
            if i == len(public_items) - 1
            else public_total // len(public_items)
        )
        amounts[code] = share
    group_sum: dict[str, int] = defaultdict(int)
    for g in groups:
        for item in g.items:
            if item.code in amounts and amounts[item.code]:
                _set(t.row(item.code), 1, amounts[item.code])
                group_sum[g.code] += amounts[item.code]
        if group_sum[g.code]:
            _set(t.row(g.code), 1, group_sum[g.code])
    _set(t.row(PERSONNEL_TOTAL), 1, sum(group_sum[g.code] for g in groups if g.kind == "personnel"))
    _set(t.row(PUBLIC_TOTAL), 1, sum(group_sum[g.code] for g in groups if g.kind == "public"))


def _fill_three(p: Project, rng: random.Random) -> None:
    basic = p.tables[T.BASIC]
    row = p.tables[T.THREE].row(THREE_ROW)

    def cents(code: str) -> int:
        v = basic.row(code).values.get(1)
        return int(v * 100) if v is not None else 0

    abroad, reception, operation, purchase = cents("30212"), cents("30217"), cents("30231"), cents("31013")
    actual = {8: abroad, 10: purchase, 11: operation, 12: reception}
    budget = {2: abroad + rng.randint(0, 50_000), 4: purchase, 5: operation + rng.randint(0, 50_000), 6: reception}
    budget[3] = budget[4] + budget[5]
    budget[1] = budget[2] + budget[3] + budget[6]
    actual[9] = actual[10] + actual[11]
    actual[7] = actual[8] + actual[9] + actual[12]
    for col, v in {**budget, **actual}.items():
        _set(row, col, v)


def _fill_supplementary(p: Project, rng: random.Random, general_total: int) -> None:
    s = p.supplementary
    public = p.tables[T.BASIC].row(PUBLIC_TOTAL).values[1]
    s.admin_cost.amount = public
    s.admin_cost.budget = public + _d(rng.randint(0, 200_000))
    goods, services = rng.randint(0, 500_000), rng.randint(0, 900_000)
    s.procurement.goods, s.procurement.works, s.procurement.services = _d(goods), _d(0), _d(services)
    s.procurement.total = _d(goods + services)
    s.procurement.sme = _d(goods + services)
    s.procurement.small_micro = _d(goods + services)
    s.staff.in_service = [CountItem(kind="行政", count=20), CountItem(kind="事业", count=5)]
    s.staff.in_service_total = 25
    s.staff.retired_lixiu, s.staff.retired_tuixiu, s.staff.retired_total = 1, 8, 9
    s.assets.vehicles = [CountItem(kind="机要通信用车", count=1), CountItem(kind="应急保障用车", count=5)]
    s.assets.vehicles_total = 6
    s.budget.general_total = _d(general_total)
    budget = _d(rng.randint(100_000, 2_000_000))
    s.performance.projects = [
        PerfProject(name="综合业务项目", budget=budget, executed=budget, rate=Decimal("100"), score=Decimal("95"))
    ]
    p.meta.unit_kind = "行政单位"
    p.units.main = p.meta.department
