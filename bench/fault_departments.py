"""Consistent departments for the fault benchmark: every table, the supplementary data and the text agree.

Two sources:

- synthetic departments of several sizes, seeds and template variants, their supplementary data
  filled (last year's figures, 年初预算 by subject, procurement, assets, 绩效) and their text drafted
  from the data, so that the text is consistent with the tables too;
- the two bundled samples (real published documents), with their real errors corrected by the
  explicit fixes listed below, each with its reason. A fix names the value it replaces, so a change
  of the sample makes the benchmark stop instead of silently correcting something else.

A department that does not check with 0 错误 and 0 尾数差异 is refused (``ensure_consistent``):
the benchmark counts every new 错误 as the fault's doing, which is only true on a clean base.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from checks.check_command import loaded_report
from checks.finding import Finding, Severity
from checks.text.draft import apply_draft
from model.amount import CENT
from model.fileio import load_project
from model.layout import T
from model.loader import Loaded
from model.project import TOTAL, PerfProject, Project
from model.resources import resource_path
from tests.support.synthetic import synthetic_project


@dataclass
class Department:
    name: str
    project: Project
    remaining: str = ""  # the warnings and hints a clean check still shows, and why
    fixes: list[str] = field(default_factory=list)  # what was corrected (samples)


def check(project: Project) -> list[Finding]:
    """Every finding for the project, as ``main.py check`` gives them (tables, then the text)."""
    findings, _coverage = loaded_report(Loaded(project))
    return findings


def ensure_consistent(dept: Department) -> None:
    bad = [f for f in check(dept.project) if f.severity in (Severity.ERROR, Severity.ROUNDING)]
    if bad:
        lines = "\n".join(f"  {f.rule} {f.severity.label} {f.message}" for f in bad)
        raise ValueError(f"{dept.name} 不是一致的部门，不能作为注入错误的基础：\n{lines}")


# ---------------------------------------------------------------- synthetic departments

# (name, 项 subjects, seed, template variant, year, with a 政府性基金 table)
SYNTHETIC = (
    ("合成-6项", 6, 11, "2023", 2024, False),
    ("合成-12项", 12, 3, "2023", 2024, True),
    ("合成-25项-2020版", 25, 7, "2020", 2022, True),
    ("合成-40项", 40, 5, "2023", 2023, True),
)


def _cents(v: Decimal | None) -> int:
    return int((v or Decimal(0)) * 100)


def _d(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def _scaled(v: Decimal | None, rng: random.Random, lo: int = 700, hi: int = 1300) -> Decimal:
    """v times a random factor between lo‰ and hi‰, in whole cents (no floats)."""
    return _d(_cents(v) * rng.randint(lo, hi) // 1000)


def _value(p: Project, t: T, key: str, col: int) -> Decimal | None:
    row = p.tables[t].row(key)
    return row.values.get(col) if row is not None else None


def fill_supplementary(p: Project, rng: random.Random) -> None:
    """What a department enters besides the tables, consistent with them and with itself."""
    s = p.supplementary
    last = s.last_year
    g = lambda t, key, col: _value(p, t, key, col)  # noqa: E731
    last.income_total = _scaled(g(T.SUMMARY, "i_total", 1), rng)
    last.grand_total = last.income_total + _scaled(g(T.SUMMARY, "i_begin", 1), rng)
    last.expense_total = _scaled(g(T.SUMMARY, "e_total", 2), rng)
    last.general_income = _scaled(g(T.FISCAL, "i1", 1), rng)
    fund = g(T.FISCAL, "i2", 1)
    last.fund_income = _scaled(fund, rng) if fund else None
    last.fiscal_grand_total = last.general_income + (last.fund_income or 0) + _scaled(g(T.FISCAL, "i_begin", 1), rng)
    last.general_expense = _scaled(g(T.GENERAL, TOTAL, 1), rng)
    last.basic_expense = _scaled(g(T.EXPENSE, TOTAL, 2), rng)
    last.project_expense = _scaled(g(T.EXPENSE, TOTAL, 3), rng)
    row = p.tables[T.THREE].rows[0].values
    last.three_abroad = _scaled(row.get(8), rng)
    last.three_vehicle_purchase = _scaled(row.get(10), rng, 0, 2000)
    last.three_vehicle_operation = _scaled(row.get(11), rng)
    last.three_vehicle = last.three_vehicle_purchase + last.three_vehicle_operation
    # One item equal to last year's: the draft then writes "与上年持平".
    last.three_reception = row.get(12) if rng.random() < 0.5 else _scaled(row.get(12), rng)
    last.three_total = last.three_abroad + last.three_vehicle + last.three_reception
    last.admin_cost = _scaled(s.admin_cost.amount, rng)

    budget = s.budget
    budget.by_subject = {}
    for r in p.tables[T.GENERAL].rows:
        if len(r.code) == 7 and r.values.get(1):
            actual = r.values[1]
            budget.by_subject[r.code] = actual if rng.random() < 0.25 else _scaled(actual, rng, 800, 1200)
    budget.general_total = sum(budget.by_subject.values(), Decimal(0))
    share = rng.randint(600, 900)
    budget.basic = _d(_cents(budget.general_total) * share // 1000)
    budget.project = budget.general_total - budget.basic

    proc = s.procurement
    proc.goods_sme = _scaled(proc.goods, rng, 500, 1000)
    proc.services_sme = _scaled(proc.services, rng, 500, 1000)
    proc.sme = proc.goods_sme + proc.services_sme
    proc.small_micro = _scaled(proc.sme, rng, 400, 1000)

    s.assets.general_equipment_50w = rng.randint(0, 3)
    s.assets.special_equipment_100w = rng.randint(0, 2)

    perf = s.performance
    project_total = _cents(g(T.GENERAL, TOTAL, 3))
    names = ("综合业务项目", "信息化建设项目", "专项工作经费", "档案管理项目")
    perf.projects = []
    for name in names[: rng.randint(2, 4)]:
        budget_cents = max(100, project_total // 8 * rng.randint(200, 1000) // 1000)
        executed = budget_cents * rng.randint(850, 1000) // 1000
        rate = (Decimal(executed) * 100 / Decimal(budget_cents)).quantize(CENT, rounding=ROUND_HALF_UP)
        perf.projects.append(
            PerfProject(name=name, budget=_d(budget_cents), executed=_d(executed), rate=rate, score=Decimal("95"))
        )
    perf.project_count = len(perf.projects)
    perf.project_amount = sum((pr.executed for pr in perf.projects if pr.executed is not None), Decimal(0))
    perf.whole_budget = g(T.GENERAL, TOTAL, 1)
    perf.whole_executed = g(T.GENERAL, TOTAL, 1)
    perf.whole_score = Decimal("96")


def synthetic_department(name: str, n_items: int, seed: int, variant: str, year: int, with_fund: bool) -> Department:
    p = synthetic_project(n_items=n_items, seed=seed, variant=variant, year=year, with_fund=with_fund)
    fill_supplementary(p, random.Random(seed * 7919))
    apply_draft(p)
    remaining = "提示：草稿中待作者填写的原因与说明（【……】），以及名词解释中目录缺少说明的科目"
    return Department(name, p, remaining)


# ---------------------------------------------------------------- the samples, corrected


@dataclass(frozen=True)
class CellFix:
    table: T
    row: str
    cols: tuple[int, ...]
    old: str
    new: str
    why: str

    def apply(self, p: Project) -> str:
        row = p.tables[self.table].row(self.row)
        for col in self.cols:
            have = row.values.get(col) if row is not None else None
            if have != Decimal(self.old):
                raise ValueError(f"样本已改变：{self.table} {self.row} 第{col}栏 为 {have}，修正清单写的是 {self.old}")
            row.values[col] = Decimal(self.new)
        return f"{self.table} {self.row} 栏{','.join(map(str, self.cols))}: {self.old} → {self.new}（{self.why}）"


@dataclass(frozen=True)
class TextFix:
    section: str
    old: str
    new: str
    why: str
    count: int = 1  # how many times ``old`` stands in the section; all are replaced

    def apply(self, p: Project) -> str:
        text = p.text.get(self.section, "")
        if text.count(self.old) != self.count:
            raise ValueError(
                f"样本已改变：情况说明{self.section}中“{self.old}”出现 {text.count(self.old)} 次，应为 {self.count} 次"
            )
        p.text[self.section] = text.replace(self.old, self.new)
        return f"情况说明{self.section}: “{self.old}” → “{self.new}”（{self.why}）"


@dataclass(frozen=True)
class FieldFix:
    path: str  # "procurement.services"
    old: str
    new: str
    why: str

    def apply(self, p: Project) -> str:
        head, name = self.path.rsplit(".", 1)
        obj = p.supplementary
        for part in head.split("."):
            obj = getattr(obj, part)
        if getattr(obj, name) != Decimal(self.old):
            raise ValueError(f"样本已改变：补充数据 {self.path} 为 {getattr(obj, name)}，修正清单写的是 {self.old}")
        setattr(obj, name, Decimal(self.new))
        return f"补充数据 {self.path}: {self.old} → {self.new}（{self.why}）"


Fix = CellFix | TextFix | FieldFix
SUBJECTS = (T.INCOME, T.EXPENSE, T.GENERAL)

# 2024 蔡甸区委办公室 (seed 001). Its 合计 rows were rounded apart from their 类: 01/04 print 住房保障支出
# 93.29 while 02/03/05 print 93.28 under a 合计 of 1105.52 whose 类 add to 1105.51. 93.29 is the value
# that makes every 合计 hold, so 221 becomes 93.29 throughout and the cent goes to 提租补贴 (20.13 →
# 20.14, still "完成年初预算的100%"): 住房公积金 stays equal to 06 30113. The 项目支出 合计 90.51 is
# one cent below its 类 (90.52, as section 十三 writes), the only value that lets 小计 = 基本 + 项目.
_CAIDIAN: tuple[Fix, ...] = (
    *(
        CellFix(t, key, (1, 2), old, new, "住房保障支出以01/04表的93.29为准，各级合计由此相符")
        for t in SUBJECTS
        for key, old, new in (("221", "93.28", "93.29"), ("22102", "93.28", "93.29"), ("2210202", "20.13", "20.14"))
    ),
    *(CellFix(t, TOTAL, (3,), "90.51", "90.52", "项目支出合计等于各类之和") for t in (T.EXPENSE, T.GENERAL)),
    CellFix(T.BASIC, "30239", (1,), "28.01", "28.00", "302 商品和服务支出 103.36 等于所含各款之和；改最大的一款"),
    FieldFix("procurement.services", "25.06", "25.07", "政府采购总额 28.52 = 货物 3.45 + 服务"),
    TextFix("五", "93. 28", "93. 29", "住房保障支出随表"),
    TextFix("三", "项目支出 90.51万元", "项目支出 90.52万元", "随03表项目支出合计"),
    TextFix("五", "项目支出90.51", "项目支出90.52", "随05表项目支出合计"),
    TextFix("五", "支出决算为20.13", "支出决算为20.14", "提租补贴随表"),
    TextFix("五", "3. 94%", "3. 93%", "43.50÷1105.52 = 3.935%，四舍五入为3.93%"),
    # 年初预算: 五 writes 1149.01, 十三 three times 1,159.01 = 基本 1,049.01 + 项目 110.00; 十三's breakdown
    # supports 1159.01, so 五, its completion rate and the supplementary total follow it.
    TextFix("五", "年初预算为1149.01", "年初预算为1159.01", "与十三的年初预算及其构成一致"),
    TextFix("五", "完成年初预算的96.2%", "完成年初预算的95.4%", "1105.52÷1159.01 = 95.38%"),
    FieldFix("budget.general_total", "1149.01", "1159.01", "随情况说明的年初预算"),
    TextFix("五", "大小于", "大于", "模板选项未选定；决算11.30大于预算0"),
    TextFix(
        "五",
        "支出决算数大(小)于年初预算数的主要原因",
        "支出决算数等于年初预算数，主要用途",
        "模板选项未选定；决算等于预算",
    ),
    TextFix("五", "为2.24万元,支出决算数小于", "为2.24万元,支出决算数大于", "决算2.24大于预算0"),
    # 09's 预算数 equals its 决算数 column for column, while the text's budgets (30 / 3 / 27) give its
    # own completion rates (105.4% / 476.6% / 64.1%): the table's budget columns are corrected.
    CellFix(T.THREE, "data", (1,), "31.62", "30.00", "三公经费预算以情况说明为准"),
    CellFix(T.THREE, "data", (2,), "14.30", "3.00", "因公出国（境）费预算以情况说明为准"),
    CellFix(T.THREE, "data", (3, 5), "17.32", "27.00", "公务用车运行维护费预算以情况说明为准"),
    TextFix("九", "决算数持平全年预算数", "决算数大于全年预算数", "决算31.62大于预算30"),
    TextFix("十一", "政府采购服务支出25.06", "政府采购服务支出25.07", "随补充数据"),
    TextFix("十一", "占货物支出金额的12.1%", "占政府采购支出总额的12.1%", "12.1% 是 3.45÷28.52，说的是占总额"),
    TextFix("十一", "占服务支出金额的87.9%", "占政府采购支出总额的87.9%", "87.9% 是 25.07÷28.52，说的是占总额"),
    TextFix(
        "十三", "开展整体支出绩效自评,资金 85.47万元", "开展整体支出绩效自评,资金 1,105.52万元", "整体支出为1105.52"
    ),
)

# 2023 青山区委办公室 (seed 002): the tables agree; the text truncates one share and keeps a template word.
_QINGSHAN: tuple[Fix, ...] = (
    TextFix("五", "占 3.8%", "占 3.9%", "43.66÷1132.98 = 3.854%，四舍五入为3.9%"),
    TextFix("十一", "2023年度部门名称政府采购", "2023年度本部门政府采购", "模板文字“部门名称”未替换"),
)

SAMPLES: tuple[tuple[str, str, tuple[Fix, ...], str], ...] = (
    (
        "样本-2024-蔡甸",
        "2024-蔡甸区委办公室.jsgk",
        _CAIDIAN,
        "警告：06表 30109 职业年金 71.19 与 05表 2080506 33.01、年初预算总额与各科目之和（公开数据本身如此，"
        "是软规则）；提示：科目名称与目录写法不同、列举的经济科目06表无金额、名词解释中的填写说明、未能核对的数字",
    ),
    (
        "样本-2023-青山",
        "2023-青山区委办公室.jsgk",
        _QINGSHAN,
        "警告：06表社保、公积金四项与05表对应科目不等（公开数据本身如此，是软规则）；提示：项目支出明细等未能核对的数字",
    ),
)


def sample_department(name: str, filename: str, fixes: tuple[Fix, ...], remaining: str) -> Department:
    p = load_project(resource_path("samples", filename))
    done = [fix.apply(p) for fix in fixes]
    for t in p.tables.values():
        t.touch()
    return Department(name, p, remaining, done)


def departments(names: Callable[[str], bool] = lambda _n: True) -> list[Department]:
    """Every consistent department (those whose name passes ``names``), each verified clean."""
    out = [synthetic_department(*spec) for spec in SYNTHETIC if names(spec[0])]
    out += [sample_department(*spec) for spec in SAMPLES if names(spec[0])]
    for dept in out:
        ensure_consistent(dept)
    return out
