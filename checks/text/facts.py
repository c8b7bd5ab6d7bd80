"""The figures the text talks about, as the project holds them: concepts and their values.

A concept is something the text names ("收、支总计", "“三公”经费", "住房公积金（项）"); each has
up to four measures: ``actual`` (决算数), ``budget`` (年初/全年预算), ``adjusted`` (调整后预算)
and ``last`` (上年决算数). ``Facts.get(concept, measure)`` returns the value with where it comes
from, or None when the project does not hold it (the text's figure can then only be checked
against the text itself).

Table cells: an empty cell of a table that has data is 0 for the text ("政府性基金预算财政拨款收入
0万元" agrees with an empty 04表 row), but no figure is called wrong by it (``Fact.empty``); when
no table holds anything at all, table facts are unknown. A cell or entry that the table checks
find breaking an exact relation may also mean the value that relation gives it
(checks.accepted): a fact carries those values too, and a figure agreeing with any is right.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property

from checks.accepted import NOTHING, Accepted
from checks.context import Ctx
from checks.finding import Location
from checks.where import field_long
from model import fields
from model.amount import ZERO
from model.layout import THREE_ROW, T
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL, Project

MEASURES = ("actual", "budget", "adjusted", "last")
_MISSING = object()
MEASURE_LABEL = {"actual": "", "budget": "预算数", "adjusted": "调整后预算数", "last": "上年决算数"}


@dataclass(frozen=True, slots=True)
class Cell:
    table: T
    row: str
    col: int


@dataclass(frozen=True, slots=True)
class Supp:
    path: str  # "last_year.grand_total", "budget.by_subject.2013101", "performance.projects.0.budget"


Spec = Cell | Supp


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    label: str
    specs: dict[str, Spec]
    unit: str = "万元"  # "人", "辆", "个" for counts


@dataclass(frozen=True, slots=True)
class Fact:
    value: Decimal  # as printed; 0 for an empty cell
    where: str  # "05表 合计·小计", "补充数据 机关运行经费·机关运行经费年初预算" (checks.where)
    location: Location
    from_table: bool
    others: tuple[Decimal, ...] = ()  # what else the table checks say it may mean (checks.accepted)
    empty: bool = False  # an empty cell: agrees with a 0 written, proves nothing else wrong

    @property
    def values(self) -> tuple[Decimal, ...]:
        """Every value the figure may legitimately be, the printed one first."""
        return (self.value, *(v for v in self.others if v != self.value))

    @property
    def proves(self) -> bool:
        """Whether a figure that agrees with none of ``values`` is wrong by this fact: not when
        all it has is an empty cell."""
        return not self.empty or bool(self.others)


S, IN, E, F, G, B, TH = T.SUMMARY, T.INCOME, T.EXPENSE, T.FISCAL, T.GENERAL, T.BASIC, T.THREE


def _three(col_actual: int, last: str | None) -> dict[str, Spec]:
    specs: dict[str, Spec] = {"actual": Cell(TH, THREE_ROW, col_actual), "budget": Cell(TH, THREE_ROW, col_actual - 6)}
    if last:
        specs["last"] = Supp(f"last_year.{last}")
    return specs


def _either(path: str) -> dict[str, Spec]:
    """A sum of projects' money that the text may call their 资金 or their 预算金额: one field."""
    return {"actual": Supp(path), "budget": Supp(path)}


STATIC: dict[str, Concept] = {
    c.id: c
    for c in (
        Concept("grand_total", "收、支总计", {"actual": Cell(S, "i_grand", 1), "last": Supp("last_year.grand_total")}),
        Concept(
            "income_total", "本年收入合计", {"actual": Cell(S, "i_total", 1), "last": Supp("last_year.income_total")}
        ),
        Concept(
            "expense_total", "本年支出合计", {"actual": Cell(S, "e_total", 2), "last": Supp("last_year.expense_total")}
        ),
        Concept("fiscal_income", "财政拨款收入", {"actual": Cell(IN, TOTAL, 2)}),
        Concept("superior_income", "上级补助收入", {"actual": Cell(IN, TOTAL, 3)}),
        Concept("business_income", "事业收入", {"actual": Cell(IN, TOTAL, 4)}),
        Concept("operating_income", "经营收入", {"actual": Cell(IN, TOTAL, 5)}),
        Concept("affiliated_income", "附属单位上缴收入", {"actual": Cell(IN, TOTAL, 6)}),
        Concept("other_income", "其他收入", {"actual": Cell(IN, TOTAL, 7)}),
        Concept("basic", "基本支出", {"actual": Cell(E, TOTAL, 2), "last": Supp("last_year.basic_expense")}),
        Concept("project", "项目支出", {"actual": Cell(E, TOTAL, 3), "last": Supp("last_year.project_expense")}),
        Concept("upper_expense", "上缴上级支出", {"actual": Cell(E, TOTAL, 4)}),
        Concept("operating_expense", "经营支出", {"actual": Cell(E, TOTAL, 5)}),
        Concept("affiliated_expense", "对附属单位补助支出", {"actual": Cell(E, TOTAL, 6)}),
        Concept(
            "fiscal_grand_total",
            "财政拨款收、支总计",
            {"actual": Cell(F, "i_grand", 1), "last": Supp("last_year.fiscal_grand_total")},
        ),
        Concept("fiscal_expense", "财政拨款支出", {"actual": Cell(F, "e_total", 2)}),
        Concept(
            "general_income",
            "一般公共预算财政拨款收入",
            {"actual": Cell(F, "i1", 1), "last": Supp("last_year.general_income")},
        ),
        Concept(
            "fund_income",
            "政府性基金预算财政拨款收入",
            {"actual": Cell(F, "i2", 1), "last": Supp("last_year.fund_income")},
        ),
        Concept(
            "soe_income",
            "国有资本经营预算财政拨款收入",
            {"actual": Cell(F, "i3", 1), "last": Supp("last_year.soe_income")},
        ),
        Concept("fund_expense", "政府性基金预算财政拨款支出", {"actual": Cell(F, "e_total", 4)}),
        Concept("soe_expense", "国有资本经营预算财政拨款支出", {"actual": Cell(F, "e_total", 5)}),
        Concept(
            "general_expense",
            "一般公共预算财政拨款支出",
            {
                "actual": Cell(G, TOTAL, 1),
                "budget": Supp("budget.general_total"),
                "last": Supp("last_year.general_expense"),
            },
        ),
        Concept(
            "general_basic",
            "一般公共预算财政拨款基本支出",
            {"actual": Cell(G, TOTAL, 2), "budget": Supp("budget.basic"), "last": Supp("last_year.basic_expense")},
        ),
        Concept(
            "general_project",
            "一般公共预算财政拨款项目支出",
            {"actual": Cell(G, TOTAL, 3), "budget": Supp("budget.project"), "last": Supp("last_year.project_expense")},
        ),
        Concept("personnel", "人员经费", {"actual": Cell(B, PERSONNEL_TOTAL, 1)}),
        Concept("public", "公用经费", {"actual": Cell(B, PUBLIC_TOTAL, 1)}),
        Concept("three.total", "“三公”经费", _three(7, "three_total")),
        Concept("three.abroad", "因公出国（境）费", _three(8, "three_abroad")),
        Concept("three.vehicle", "公务用车购置及运行维护费", _three(9, "three_vehicle")),
        Concept("three.purchase", "公务用车购置费", _three(10, "three_vehicle_purchase")),
        Concept("three.operation", "公务用车运行维护费", _three(11, "three_vehicle_operation")),
        Concept("three.reception", "公务接待费", _three(12, "three_reception")),
        Concept(
            "admin_cost",
            "机关运行经费",
            {
                "actual": Supp("admin_cost.amount"),
                "budget": Supp("admin_cost.budget"),
                "last": Supp("last_year.admin_cost"),
            },
        ),
        Concept("proc.total", "政府采购支出总额", {"actual": Supp("procurement.total")}),
        Concept("proc.goods", "政府采购货物支出", {"actual": Supp("procurement.goods")}),
        Concept("proc.works", "政府采购工程支出", {"actual": Supp("procurement.works")}),
        Concept("proc.services", "政府采购服务支出", {"actual": Supp("procurement.services")}),
        Concept("proc.sme", "授予中小企业合同金额", {"actual": Supp("procurement.sme")}),
        Concept("proc.small_micro", "授予小微企业合同金额", {"actual": Supp("procurement.small_micro")}),
        Concept("proc.goods_sme", "货物采购授予中小企业合同金额", {"actual": Supp("procurement.goods_sme")}),
        Concept("proc.services_sme", "服务采购授予中小企业合同金额", {"actual": Supp("procurement.services_sme")}),
        *(
            Concept(f"proc.{key}", label, {"actual": Supp(f"procurement.{key}")})
            for key, label in (
                ("sme_reserved", "面向中小企业预留政府采购项目预算金额"),
                ("small_micro_reserved", "面向小微企业预留政府采购项目预算金额"),
                ("sme_won_reserved", "预留项目中由中小企业中标或成交的采购金额"),
                ("small_micro_won_reserved", "预留项目中由小微企业中标或成交的采购金额"),
                ("sme_won_other", "其他项目中由中小企业中标或成交的采购金额"),
            )
        ),
        # One amount each, of the projects' money: "资金 85.47 万元" or "涉及预算金额 888.88 万元".
        Concept("perf.amount", "绩效自评涉及资金", _either("performance.project_amount")),
        Concept("perf.count", "绩效自评项目个数", {"actual": Supp("performance.project_count")}, unit="个"),
        Concept("perf.target.amount", "编报绩效目标的项目预算金额", _either("performance.target_amount")),
        Concept("perf.target.count", "编报绩效目标的项目个数", {"actual": Supp("performance.target_count")}, unit="个"),
        Concept("perf.tracking.amount", "绩效跟踪评价的项目预算金额", _either("performance.tracking_amount")),
        Concept(
            "perf.tracking.count", "绩效跟踪评价的项目个数", {"actual": Supp("performance.tracking_count")}, unit="个"
        ),
        *(
            Concept(
                f"perf.rated.{key}",
                f"绩效评级为“{word}”的项目个数",
                {"actual": Supp(f"performance.rated_{key}")},
                unit="个",
            )
            for key, word in (("excellent", "优"), ("good", "良"), ("pass", "合格"), ("fail", "不合格"))
        ),
        Concept(
            "perf.whole",
            "部门整体支出",
            {
                "actual": Supp("performance.whole_executed"),
                "adjusted": Supp("performance.whole_budget"),
                "budget": Supp("budget.general_total"),
            },
        ),
        Concept("staff.in_service", "在职实有人数", {"actual": Supp("staff.in_service_total")}, unit="人"),
        Concept("staff.retired", "离退休人员", {"actual": Supp("staff.retired_total")}, unit="人"),
        Concept("staff.lixiu", "离休人员", {"actual": Supp("staff.retired_lixiu")}, unit="人"),
        Concept("staff.tuixiu", "退休人员", {"actual": Supp("staff.retired_tuixiu")}, unit="人"),
        Concept("assets.vehicles", "车辆总数", {"actual": Supp("assets.vehicles_total")}, unit="辆"),
        Concept(
            "assets.general_50w", "单价50万元以上通用设备", {"actual": Supp("assets.general_equipment_50w")}, unit="台"
        ),
        Concept(
            "assets.equipment_100w",
            "单价100万元（含）以上设备（不含车辆）",
            {"actual": Supp("assets.equipment_100w")},
            unit="台",
        ),
        Concept(
            "assets.special_100w",
            "单价100万元以上专用设备",
            {"actual": Supp("assets.special_equipment_100w")},
            unit="台",
        ),
    )
}

# What a total is made of, for sums written in the text (same measure throughout).
PARTS: dict[str, tuple[str, ...]] = {
    "expense_total": ("basic", "project", "upper_expense", "operating_expense", "affiliated_expense"),
    "income_total": (
        "fiscal_income",
        "superior_income",
        "business_income",
        "operating_income",
        "affiliated_income",
        "other_income",
    ),
    "general_expense": ("general_basic", "general_project"),
    "general_basic": ("personnel", "public"),
    "perf.whole": ("general_basic", "general_project"),
    "three.total": ("three.abroad", "three.vehicle", "three.reception"),
    "three.vehicle": ("three.purchase", "three.operation"),
    "proc.total": ("proc.goods", "proc.works", "proc.services"),
    "staff.retired": ("staff.lixiu", "staff.tuixiu"),
}


_COUNTED = {"staffkind": "人", "vehiclekind": "辆"}


# Words that name a group of projects, counted and summed: "共涉及项目4个，资金85.47万元",
# "编报绩效目标的2024年度项目3个，涉及预算金额12.34万元". The figure's kind says which is meant.
PROJECT_GROUPS: dict[str, tuple[str, str]] = {
    "perf.scope": ("perf.count", "perf.amount"),
    "perf.selfeval": ("perf.count", "perf.amount"),
    "perf.target": ("perf.target.count", "perf.target.amount"),
    "perf.tracking": ("perf.tracking.count", "perf.tracking.amount"),
}


def unit_of(cid: str) -> str:
    """What a concept is counted in: "万元", or "人", "辆", "台", "个" for counts; "" when it may
    be either (a group of projects, counted and summed)."""
    if cid in PROJECT_GROUPS:
        return ""
    c = STATIC.get(cid)
    if c is not None:
        return c.unit
    return _COUNTED.get(cid.partition(".")[0], "万元")


# A subject row by the table it is read from: 05表 (class, subject), 03表 (class03, subject03), the
# 政府性基金 table's 本年支出 (fund).
_SUBJECT_TABLES = {
    "class": (G, 1),
    "subject": (G, 1),
    "class03": (E, 1),
    "subject03": (E, 1),
    "fund": (T.FUND, 3),
}


@cache
def side_of(cid: str) -> str:
    """ "收入" or "支出": which side of the accounts a concept is on ("" for totals of both)."""
    if cid.partition(".")[0] in _SUBJECT_TABLES:
        return "支出"
    c = STATIC.get(cid)
    label = c.label if c is not None else ""
    if "收入" in label and "支出" not in label:
        return "收入"
    if "支出" in label and "收入" not in label:
        return "支出"
    return ""


def concept(cid: str, project: Project | None = None) -> Concept | None:
    """Static concepts, and those named by code or by an entry of the supplementary data."""
    c = STATIC.get(cid)
    if c is not None:
        return c
    head, _, rest = cid.partition(".")
    if head in _SUBJECT_TABLES:
        table, col = _SUBJECT_TABLES[head]
        name = _subject_name(rest, project)
        level = {3: "类", 5: "款", 7: "项"}.get(len(rest), "")
        specs: dict[str, Spec] = {"actual": Cell(table, rest, col)}
        if table is G:
            specs["budget"] = Supp(f"budget.by_subject.{rest}")  # 年初预算 by subject: of 05表's
        return Concept(cid, f"{name}（{level}）" if name else rest, specs)
    if head == "perfproj" and project is not None:
        i = int(rest)
        projects = project.supplementary.performance.projects
        if i >= len(projects):
            return None
        name = projects[i].name
        return Concept(
            cid,
            f"“{name}”项目",
            {
                "budget": Supp(f"performance.projects.{i}.budget"),
                "adjusted": Supp(f"performance.projects.{i}.budget"),  # 全年预算数 is the adjusted budget
                "actual": Supp(f"performance.projects.{i}.executed"),
            },
        )
    if head in ("staffkind", "vehiclekind") and project is not None:
        i = int(rest)
        items = project.supplementary.staff.in_service if head == "staffkind" else project.supplementary.assets.vehicles
        if i >= len(items):
            return None
        path = "staff.in_service" if head == "staffkind" else "assets.vehicles"
        return Concept(
            cid, items[i].kind, {"actual": Supp(f"{path}.{i}.count")}, unit="人" if head == "staffkind" else "辆"
        )
    return None


def _subject_name(code: str, project: Project | None) -> str:
    if project is not None:
        row = project.tables[G].row(code) or project.tables[E].row(code) or project.tables[T.FUND].row(code)
        if row is not None and row.name:
            return row.name
    from model.catalog import functional_catalog

    return functional_catalog().name_of(code) or ""


class Facts:
    """Values of concepts in one project; build a new one after the data change. ``accepted``:
    the values the table checks' findings allow besides the printed ones."""

    def __init__(self, project: Project, accepted: Accepted = NOTHING):
        self.project = project
        self.accepted = accepted
        self._cache: dict[tuple[str, str], Fact | None] = {}
        self._concepts: dict[str, Concept | None] = {}
        self._identities: dict[tuple[str, str], str] = {}

    def concept(self, cid: str) -> Concept | None:
        c = self._concepts.get(cid, _MISSING)
        if c is _MISSING:
            c = self._concepts[cid] = concept(cid, self.project)
        return c  # type: ignore[return-value]

    @cached_property
    def ctx(self) -> Ctx:
        return Ctx(self.project)

    @cached_property
    def has_tables(self) -> bool:
        return any(row.values for t in self.project.tables.values() for row in t.rows)

    def identity(self, cid: str, measure: str) -> str:
        """What a mention stands for: two concepts that read the same figure are one fact
        ("一般公共预算财政拨款支出年初预算" in 五 and "部门整体年初预算" in 十三)."""
        key = (cid, measure)
        found = self._identities.get(key)
        if found is None:
            c = self.concept(cid)
            spec = c.specs.get(measure) if c is not None else None
            if isinstance(spec, Cell):
                found = f"{spec.table}|{spec.row}|{spec.col}"
            elif isinstance(spec, Supp):
                found = spec.path
            else:
                found = f"{cid}|{measure}"
            self._identities[key] = found
        return found

    def get(self, cid: str, measure: str = "actual") -> Fact | None:
        key = (cid, measure)
        if key not in self._cache:
            self._cache[key] = self._compute(cid, measure)
        return self._cache[key]

    def _compute(self, cid: str, measure: str) -> Fact | None:
        c = self.concept(cid)
        if c is None:
            return None
        spec = c.specs.get(measure)
        if spec is None:
            return None
        if isinstance(spec, Cell):
            return self._cell(spec)
        return self._supp(spec, cid)

    def _cell(self, spec: Cell) -> Fact | None:
        if not self.has_tables:
            return None
        row = self.project.tables[spec.table].row(spec.row)
        if row is not None and spec.col in row.invalid:
            return None
        value = row.values.get(spec.col) if row is not None else None
        where = self.ctx.cell_label(spec.table, spec.row, spec.col)
        loc = Location(table=spec.table, row=spec.row, col=spec.col)
        return Fact(ZERO if value is None else value, where, loc, True, self.accepted.at(loc), value is None)

    def _supp(self, spec: Supp, cid: str) -> Fact | None:
        value = _lookup(self.project, spec.path)
        if value is None and spec.path == "procurement.goods_sme":
            value = self._whole_kind("goods")
        elif value is None and spec.path == "procurement.services_sme":
            value = self._whole_kind("services")
        if value is None:
            return None
        loc = Location(field=spec.path)
        return Fact(Decimal(value), field_long(spec.path), loc, False, self.accepted.at(loc))

    def _whole_kind(self, kind: str) -> Decimal | None:
        # All contracts went to small and medium enterprises: then so did each kind's.
        p = self.project.supplementary.procurement
        part = getattr(p, kind)
        if p.sme is not None and p.total is not None and part is not None and p.sme >= p.total:
            return part
        return None


def _lookup(project: Project, path: str) -> Decimal | int | None:
    obj = fields.lookup(project.supplementary, path)
    if isinstance(obj, (Decimal, int)) and not isinstance(obj, bool):
        return obj
    return None
