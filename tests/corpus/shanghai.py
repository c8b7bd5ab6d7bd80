"""The Shanghai 2024 template's 情况说明 filled from a department's data by plain substitution.

The template (../shared/templates/上海-2024-部门决算模板.txt) is taken as it is: its instructions
and the sentences for departments without the item are taken out, each choice ("增加（减少）") is
settled by the data, and each XX is replaced, in order, by the figure ``FILLS`` names for it. The
figures are read straight from the department's tables and supplementary data and written the way
the template asks (万元 with two decimals, percentages half-up to two decimals): not by the app's
own drafting. What the department does not hold (团组, 人次, 外宾接待, the 绩效 problems found and
put right) is filled with figures of its own: the checker must leave them untied.
"""

from __future__ import annotations

import re
from decimal import Decimal

from checks.percent import percent
from model.catalog import functional_catalog
from model.layout import THREE_ROW, T
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL, Project
from tests.seed_data import SHARED
from tests.support.synthetic import synthetic_project

TEMPLATE = SHARED / "templates" / "上海-2024-部门决算模板.txt"
VARIANT = "shanghai-2024"
ITEMS = ("2050203", "2050205")  # the 项 the template's 五(三) names: 初中教育, 高等教育
VEHICLE_KINDS = (
    "部级领导干部用车",
    "主要领导干部用车",
    "机要通信用车",
    "应急保障用车",
    "执法执勤用车",
    "特种专业技术用车",
    "离退休干部用车",
    "其他用车",
)

# Which figure each XX (and each choice) of a section is, in the order they are written.
FILLS: dict[str, tuple[str, ...]] = {
    "一": ("name", "grand", "dir:grand", "chg:grand", "rise:grand", "rate:grand", "reason"),
    "二": ("income", "fiscal_in", "sh:fiscal_in", "business", "sh:business", "operating_in", "sh:operating_in"),
    "三": ("expense", "basic", "sh:basic", "project", "sh:project", "operating_ex", "sh:operating_ex"),
    "四": ("name", "fgrand", "dir:fgrand", "chg:fgrand", "rise:fgrand", "rate:fgrand", "reason"),
    "五": (
        *("gexp", "gsh", "dir:gexp", "chg:gexp", "rise:gexp", "rate:gexp", "reason"),
        *("gexp", "c201", "sh:c201", "c205", "sh:c205"),
        *("gbudget", "gexp", "done:gexp", "cmp:gexp", "reason"),
        *("use", "b:2050203", "a:2050203", "cmp:2050203", "reason"),
        *("use", "b:2050205", "a:2050205", "cmp:2050205", "reason"),
    ),
    "六": ("gbasic", "personnel", "public"),
    "七": (
        *("b:three", "a:three", "done:three", "a:abroad", "done:abroad", "a:vehicle", "done:vehicle"),
        *("a:reception", "done:reception", "cmp:three", "reason"),
        *("dir:three", "chg:three", "rise:three", "rate:three"),
        *("dir:abroad", "chg:abroad", "rise:abroad", "rate:abroad"),
        *("dir:vehicle", "chg:vehicle", "rise:vehicle", "rate:vehicle"),
        *("dir:reception", "chg:reception", "rise:reception", "rate:reception"),
        *("dir:abroad", "reason", "dir:vehicle", "reason", "dir:reception", "reason"),
        *("a:abroad", "sh:abroad", "a:vehicle", "sh:vehicle", "a:reception", "sh:reception"),
        *("a:abroad", "groups", "persons", "reason"),
        *("a:vehicle", "a:purchase", "reason", "a:operation", "reason", "name", "vehicles"),
        *("a:reception", "a:reception", "zero", "reason"),
    ),
    "八": (
        *("fund_in", "fund_ex", "fund_class", "fund_kuan", "fund_xiang", "use"),
        *("b:fund", "a:fund", "cmp:fund", "reason"),
    ),
    "九": ("name",),
    "十": (
        *("name", "rules", "rules", "scheme", "target_n", "target_money", "tracking_n", "tracking_money"),
        *("perf_n", "perf_money", "score", "rated_excellent", "rated_good", "rated_pass", "rated_fail"),
        *("n", "n", "n"),
    ),
    "十一": (
        *("admin", "dir:admin", "chg:admin", "rise:admin", "rate:admin", "reason"),
        *("name", "proc", "goods", "works", "services"),
        *("sme_reserved", "small_micro_reserved", "sme_won_reserved", "small_micro_won_reserved", "sme_won_other"),
        *("name", "vehicles", *(f"kind:{k}" for k in VEHICLE_KINDS), "equipment"),
    ),
}

_DROP = (
    "（如持平作持平表述）",
    "（不涉及的不列）",
    "……",
    "（制度名称）",
    "按上述格式依次说明到各项级科目，预决算持平的不用说明变动原因。",
    "，列明公务用车购置数量",
    "，列明公务接待批次、人次，其中：接待外宾批次、人次",
)
_CHOICE = re.compile(r"(?:增\s*加|减\s*少|增\s*长|下\s*降|大\s*于|小\s*于)\s*（\s*[增减下大小]\s*[加少长降于]\s*）")
_TOKEN = re.compile(rf"X{{2,}}|{_CHOICE.pattern}")
_NONE = re.compile(r"无[^。]{0,40}?的部门，\s*作下\s*述\s*说\s*明：[^。]*。")


def _loose(words: str) -> re.Pattern[str]:
    """``words`` as the PDF's text writes them: broken across lines anywhere."""
    return re.compile(r"\s*".join(re.escape(c) for c in words))


def department() -> Project:
    """A consistent department of the Shanghai template, with last year's figures and the budgets
    the template's sentences quote."""
    p = synthetic_project(n_items=12, seed=5, variant=VARIANT, department="上海市示例局", extra_items=ITEMS)
    s = p.supplementary
    ly = s.last_year
    ly.grand_total = _cell(p, T.SUMMARY, "i_grand", 1) - Decimal("1234.56")
    ly.fiscal_grand_total = _cell(p, T.FISCAL, "i_grand", 1) + Decimal("321.09")
    ly.general_expense = _cell(p, T.GENERAL, TOTAL, 1) - Decimal("456.78")
    three = p.tables[T.THREE].row(THREE_ROW).values
    ly.three_abroad = three[8] + Decimal("12.30")
    ly.three_vehicle = three[9] - Decimal("45.60")
    ly.three_reception = three[12] + Decimal("7.89")
    ly.three_total = ly.three_abroad + ly.three_vehicle + ly.three_reception
    ly.admin_cost = s.admin_cost.amount - Decimal("23.45")
    s.budget.by_subject = {
        ITEMS[0]: _cell(p, T.GENERAL, ITEMS[0], 1) + Decimal("100.00"),
        ITEMS[1]: _cell(p, T.GENERAL, ITEMS[1], 1) - Decimal("50.00"),
    }
    s.budget.general_total = _cell(p, T.GENERAL, TOTAL, 1) + Decimal("500.00")
    perf = s.performance
    perf.target_count, perf.target_amount = 5, Decimal("1234.50")
    perf.tracking_count, perf.tracking_amount = 2, Decimal("456.70")
    perf.project_count, perf.project_amount = 3, Decimal("888.88")
    perf.average_score = Decimal("95")
    perf.rated_excellent, perf.rated_good, perf.rated_pass, perf.rated_fail = 2, 1, 0, 0
    pr = s.procurement
    pr.sme_reserved, pr.small_micro_reserved = Decimal("300.00"), Decimal("120.00")
    pr.sme_won_reserved, pr.small_micro_won_reserved, pr.sme_won_other = (
        Decimal("280.50"),
        Decimal("110.25"),
        Decimal("45.60"),
    )
    s.assets.equipment_100w = 2
    return p


def _cell(p: Project, t: T, row: str, col: int) -> Decimal:
    r = p.tables[t].row(row)
    v = r.values.get(col) if r is not None else None
    return v if v is not None else Decimal("0.00")


def _money(v: Decimal) -> str:
    return f"{v.quantize(Decimal('0.01'))}"


def _pct(n: Decimal, d: Decimal) -> str:
    return f"{percent(n, d, 2)}" if d else "100.00"


def figures(p: Project) -> dict[str, str]:
    """Every figure ``FILLS`` names, from the department's data."""
    s = p.supplementary
    ly = s.last_year
    three = p.tables[T.THREE].row(THREE_ROW).values
    c = lambda t, row, col: _cell(p, t, row, col)  # noqa: E731
    f: dict[str, str] = {"name": "示例", "reason": "业务工作需要", "use": "日常业务工作"}
    f.update(rules="《预算绩效管理办法》", scheme="全过程", n="3", zero="0", groups="2", persons="6")
    perf = s.performance
    f.update(target_n=str(perf.target_count), target_money=_money(perf.target_amount))
    f.update(tracking_n=str(perf.tracking_count), tracking_money=_money(perf.tracking_amount))
    f.update(perf_n=str(perf.project_count), perf_money=_money(perf.project_amount), score=str(perf.average_score))
    for key in ("excellent", "good", "pass", "fail"):
        f[f"rated_{key}"] = str(getattr(perf, f"rated_{key}"))
    for key in (
        "sme_reserved",
        "small_micro_reserved",
        "sme_won_reserved",
        "small_micro_won_reserved",
        "sme_won_other",
    ):
        f[key] = _money(getattr(s.procurement, key))
    f["equipment"] = str(s.assets.equipment_100w)

    def amount(key: str, v: Decimal) -> None:
        f[key] = _money(v)

    def share(key: str, v: Decimal, of: Decimal) -> None:
        f[f"sh:{key}"] = _pct(v, of)

    def change(key: str, now: Decimal, last: Decimal) -> None:
        d = now - last
        f[f"dir:{key}"], f[f"rise:{key}"] = ("增加", "增长") if d > 0 else ("减少", "下降")
        f[f"chg:{key}"], f[f"rate:{key}"] = _money(abs(d)), _pct(abs(d), last)

    def against_budget(key: str, actual: Decimal, budget: Decimal) -> None:
        f[f"a:{key}"], f[f"b:{key}"] = _money(actual), _money(budget)
        f[f"done:{key}"] = _pct(actual, budget)
        f[f"cmp:{key}"] = "大于" if actual > budget else "小于"

    amount("grand", c(T.SUMMARY, "i_grand", 1))
    change("grand", c(T.SUMMARY, "i_grand", 1), ly.grand_total)
    income = c(T.INCOME, TOTAL, 1)
    amount("income", income)
    for key, col in (("fiscal_in", 2), ("business", 4), ("operating_in", 5)):
        amount(key, c(T.INCOME, TOTAL, col))
        share(key, c(T.INCOME, TOTAL, col), income)
    expense = c(T.EXPENSE, TOTAL, 1)
    amount("expense", expense)
    for key, col in (("basic", 2), ("project", 3), ("operating_ex", 5)):
        amount(key, c(T.EXPENSE, TOTAL, col))
        share(key, c(T.EXPENSE, TOTAL, col), expense)
    amount("fgrand", c(T.FISCAL, "i_grand", 1))
    change("fgrand", c(T.FISCAL, "i_grand", 1), ly.fiscal_grand_total)
    gexp = c(T.GENERAL, TOTAL, 1)
    amount("gexp", gexp)
    f["gsh"] = _pct(gexp, c(T.SUMMARY, "e_total", 2))
    change("gexp", gexp, ly.general_expense)
    for code in ("201", "205"):
        amount(f"c{code}", c(T.GENERAL, code, 1))
        share(f"c{code}", c(T.GENERAL, code, 1), gexp)
    amount("gbudget", s.budget.general_total)
    against_budget("gexp", gexp, s.budget.general_total)
    f["a:gexp"] = _money(gexp)
    for code in ITEMS:
        against_budget(code, c(T.GENERAL, code, 1), s.budget.by_subject[code])
    amount("gbasic", c(T.GENERAL, TOTAL, 2))
    amount("personnel", c(T.BASIC, PERSONNEL_TOTAL, 1))
    amount("public", c(T.BASIC, PUBLIC_TOTAL, 1))
    for key, budget, actual in (("three", 1, 7), ("abroad", 2, 8), ("vehicle", 3, 9), ("reception", 6, 12)):
        against_budget(key, three.get(actual, Decimal(0)), three.get(budget, Decimal(0)))
        share(key, three.get(actual, Decimal(0)), three[7])
    for key, col in (("purchase", 10), ("operation", 11)):
        amount(f"a:{key}", three.get(col, Decimal(0)))
    for key, last in (
        ("three", ly.three_total),
        ("abroad", ly.three_abroad),
        ("vehicle", ly.three_vehicle),
        ("reception", ly.three_reception),
    ):
        change(key, Decimal(f["a:" + key]), last)
    fund_row = next(r for r in p.tables[T.FUND].rows if len(r.code) == 7 and r.values.get(3))
    names = functional_catalog()
    f["fund_class"] = names.name_of(fund_row.code[:3])
    f["fund_kuan"] = names.name_of(fund_row.code[:5])
    f["fund_xiang"] = names.name_of(fund_row.code)
    amount("fund_in", c(T.FISCAL, "i2", 1))
    amount("fund_ex", c(T.FISCAL, "e_total", 4))
    # The template's own instruction: the 项's 年初预算, which the department's data do not hold.
    against_budget("fund", fund_row.values[3], fund_row.values[3] + Decimal("10.00"))
    amount("admin", s.admin_cost.amount)
    change("admin", s.admin_cost.amount, ly.admin_cost)
    pr = s.procurement
    for key, v in (("proc", pr.total), ("goods", pr.goods), ("works", pr.works), ("services", pr.services)):
        amount(key, v or Decimal(0))
    f["vehicles"] = str(s.assets.vehicles_total)
    counts = {k.kind: k.count for k in s.assets.vehicles}
    for kind in VEHICLE_KINDS:
        f[f"kind:{kind}"] = str(counts.get(kind, 0))
    return f


def filled(p: Project) -> str:
    """The template's 情况说明 for the department, with its 第三部分 headings."""
    text = TEMPLATE.read_text(encoding="utf-8")
    start = text.index("第三部分", text.index("第三部分") + 1)  # the body, after the 目录
    body = text[start : text.index("第四部分", start)]
    f = figures(p)
    out = []
    for section, fills in _sections(body):
        for words in _DROP:
            section = _loose(words).sub("", section)
        section = section.lstrip()
        if fills is FILLS["九"] and p.tables[T.SOE].is_empty():
            # No 国有资本经营 money: the sentence the template asks for instead.
            section = section[: section.index("\n") + 1] + _NONE.findall(section)[0].split("：", 1)[1]
        else:
            section = _NONE.sub("", section)
        pieces = _TOKEN.split(section)
        assert len(pieces) == len(fills) + 1, (section[:20], len(pieces) - 1, len(fills))
        out.append(pieces[0] + "".join(f[key] + piece for key, piece in zip(fills, pieces[1:], strict=True)))
    return "".join(out)


def _sections(body: str):
    """Each section's text (its heading line included) with the fills for it."""
    heads = list(re.finditer(r"^\s*([一二三四五六七八九十]+)、", body, re.M))
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(body)
        yield body[m.start() : end], FILLS[m.group(1)]
