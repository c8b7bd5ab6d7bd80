"""One department's 决算公开 project: meta, the nine tables, supplementary data, text.

Amounts are Decimal with two decimals; an absent key in ``Row.values`` is an empty cell,
distinct from 0. A cell whose text did not parse keeps that text in ``Row.invalid``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from model.amount import parse_amount
from model.catalog import economic_groups
from model.kinds import CHOICE, Amount, Count, Money, Percent, Score, Year, clear_paths, keep_typed
from model.layout import (
    SUBJECT_TABLES,
    THREE_ROW,
    T,
    default_layout,
    default_variant,
    fixed_rows,
)
from model.templates import is_variant


def _known_variant(v: str) -> str:
    if not is_variant(v):
        raise ValueError("取值不在允许的范围内")
    return v


Variant = Annotated[str, AfterValidator(_known_variant), CHOICE]  # a template under resources/templates/


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Row(_Base):
    key: str
    code: str = ""
    name: str = ""
    values: dict[int, Amount] = Field(default_factory=dict)
    invalid: dict[int, str] = Field(default_factory=dict)

    def is_blank(self) -> bool:
        return not self.values and not self.invalid


TOTAL = "total"
PERSONNEL_TOTAL = "personnel_total"
PUBLIC_TOTAL = "public_total"


class Table(_Base):
    id: T
    rows: list[Row] = Field(default_factory=list)
    # The line printed under the table, e.g. "本部门当年无政府性基金预算财政拨款收入支出。"
    note: str = ""
    _index: dict[str, Row] | None = PrivateAttr(default=None)

    def index(self) -> dict[str, Row]:
        if self._index is None:
            self._index = {r.key: r for r in self.rows}
        return self._index

    def row(self, key: str) -> Row | None:
        return self.index().get(key)

    def touch(self) -> None:
        """Call after adding, removing or re-keying rows."""
        self._index = None

    def subject_rows(self) -> list[Row]:
        return [r for r in self.rows if r.key != TOTAL]

    def is_empty(self) -> bool:
        return all(r.is_blank() for r in self.rows)

    def add_subject(self, code: str, name: str = "") -> Row:
        """Insert a subject row in code order; a repeated code gets its own key."""
        keys = self.index()
        key, n = code or "#", 1
        while key in keys:
            n += 1
            key = f"{code}#{n}"
        row = Row(key=key, code=code, name=name)
        rows = self.rows
        if not rows or rows[-1].key == TOTAL or rows[-1].code <= code:
            rows.append(row)  # the usual case when reading a table top to bottom
        else:
            pos = next(i for i, r in enumerate(rows) if r.key != TOTAL and r.code > code)
            rows.insert(pos, row)
        keys[key] = row
        return row

    def add_subjects(self, subjects: list[tuple[str, str]]) -> list[Row]:
        """``add_subject`` for many at once, in one pass over the rows (a paste of 10 000 lines
        would otherwise scan the table once per line); the rows land where ``add_subject`` puts them."""
        keys = self.index()
        added = []
        for code, name in subjects:
            key, n = code or "#", 1
            while key in keys:
                n += 1
                key = f"{code}#{n}"
            row = keys[key] = Row(key=key, code=code, name=name)
            added.append(row)
        pending = sorted(added, key=lambda r: r.code)  # stable: equal codes keep their order
        out: list[Row] = []
        i = 0
        for row in self.rows:
            if row.key != TOTAL:
                while i < len(pending) and pending[i].code < row.code:
                    out.append(pending[i])
                    i += 1
            out.append(row)
        out += pending[i:]
        self.rows[:] = out
        return added

    def remove_rows(self, rows: list[Row]) -> None:
        """Take these very rows out (by identity: comparing rows field by field is slow), in one pass."""
        gone = {id(r) for r in rows}
        self.rows[:] = [r for r in self.rows if id(r) not in gone]
        self.touch()

    def insert_rows(self, placed: list[tuple[int, Row]]) -> None:
        """Put rows back at the positions (ascending) they had, in one pass: the undo of ``remove_rows``."""
        out: list[Row] = []
        rest = iter(self.rows)
        j = 0
        for i in range(len(self.rows) + len(placed)):
            if j < len(placed) and placed[j][0] == i:
                out.append(placed[j][1])
                j += 1
            else:
                out.append(next(rest))
        self.rows[:] = out
        self.touch()


# Where a group of fields is shown: the navigator's 部门概况 or 补充数据.
OVERVIEW = "部门概况"
SUPPLEMENTARY = "补充数据"


def _group(title: str, part: str = SUPPLEMENTARY) -> ConfigDict:
    """A group of fields (one form page): its title and the part of the navigator it belongs to."""
    return ConfigDict(extra="forbid", validate_assignment=False, title=title, json_schema_extra={"part": part})


def _money(title: str) -> Any:
    return Field(default=None, title=title)


def _count(title: str) -> Any:
    return Field(default=None, title=title)


class Meta(_Base):
    model_config = _group("部门信息", OVERVIEW)

    department: str = Field(default="", title="部门名称")
    year: Year = Field(default=2024, title="年度")
    variant: Variant = Field(default="2023", title="模板版本")
    layout: Literal["A", "B"] = Field(default="A", title="01表行次布局")
    # The unit of the amounts held. Projects, files and the window are in 万元; a workbook printed
    # in 元 is read in 元 to be checked exactly (model.units), then shown in 万元.
    unit: Literal["万元", "元"] = Field(default="万元", title="金额单位")
    # 机关运行经费 equals 公用经费 only for 行政单位 and those managed like them.
    unit_kind: Literal["行政单位", "参照公务员法管理事业单位", "事业单位"] = Field(default="行政单位", title="单位性质")


class Units(_Base):
    model_config = _group("单位构成", OVERVIEW)

    main: str = Field(default="", title="本级单位")
    subordinates: list[str] = Field(default_factory=list, title="下属单位")


class CountItem(_Base):
    kind: str = Field(title="类别")
    count: Count = _count("数量")


class LastYear(_Base):
    """上年决算数, quoted by the text for changes against last year."""

    model_config = _group("上年数")

    grand_total: Money = _money("收、支总计")
    income_total: Money = _money("本年收入合计")
    expense_total: Money = _money("本年支出合计")
    fiscal_grand_total: Money = _money("财政拨款收、支总计")
    general_income: Money = _money("一般公共预算财政拨款收入")
    fund_income: Money = _money("政府性基金预算财政拨款收入")
    soe_income: Money = _money("国有资本经营预算财政拨款收入")
    general_expense: Money = _money("一般公共预算财政拨款支出")
    basic_expense: Money = _money("基本支出")
    project_expense: Money = _money("项目支出")
    three_total: Money = _money("“三公”经费决算合计")
    three_abroad: Money = _money("因公出国（境）费")
    three_vehicle: Money = _money("公务用车购置及运行维护费")
    three_vehicle_purchase: Money = _money("公务用车购置费")
    three_vehicle_operation: Money = _money("公务用车运行维护费")
    three_reception: Money = _money("公务接待费")
    admin_cost: Money = _money("机关运行经费")


class InitialBudget(_Base):
    """年初预算 of 一般公共预算财政拨款支出: the total and by 类/项 code of table 05."""

    model_config = _group("年初预算")

    general_total: Money = _money("一般公共预算财政拨款支出年初预算")
    basic: Money = _money("基本支出")
    project: Money = _money("项目支出")
    # An entry is named by its code: "科目 2013101".
    by_subject: dict[str, Amount] = Field(
        default_factory=dict, title="各科目年初预算", json_schema_extra={"item": "科目 {}"}
    )


class AdminCost(_Base):
    model_config = _group("机关运行经费")

    amount: Money = _money("机关运行经费支出")
    budget: Money = _money("机关运行经费年初预算")


class Procurement(_Base):
    model_config = _group("政府采购")

    total: Money = _money("政府采购支出总额")
    goods: Money = _money("政府采购货物支出")
    works: Money = _money("政府采购工程支出")
    services: Money = _money("政府采购服务支出")
    sme: Money = _money("授予中小企业合同金额")
    small_micro: Money = _money("授予小微企业合同金额")  # 其中 of sme
    goods_sme: Money = _money("货物采购授予中小企业合同金额")
    services_sme: Money = _money("服务采购授予中小企业合同金额")
    # The Shanghai template words SME procurement by what was reserved for them and what they won:
    # "面向中小企业预留政府采购项目预算金额…由中小企业供应商中标或成交的，采购金额…".
    sme_reserved: Money = _money("面向中小企业预留政府采购项目预算金额")
    small_micro_reserved: Money = _money("面向小微企业预留政府采购项目预算金额")  # 其中 of sme_reserved
    sme_won_reserved: Money = _money("预留项目中由中小企业中标或成交的采购金额")
    small_micro_won_reserved: Money = _money("预留项目中由小微企业中标或成交的采购金额")
    sme_won_other: Money = _money("其他项目中由中小企业中标或成交的采购金额")


class Assets(_Base):
    model_config = _group("国有资产")

    vehicles_total: Count = _count("车辆总数")
    vehicles: list[CountItem] = Field(default_factory=list, title="各类车辆")
    general_equipment_50w: Count = _count("单价50万元以上通用设备")  # 台、套
    special_equipment_100w: Count = _count("单价100万元以上专用设备")
    equipment_100w: Count = _count("单价100万元（含）以上设备（不含车辆）")  # the Shanghai template: one count


class Staff(_Base):
    model_config = _group("人员构成", OVERVIEW)

    in_service_total: Count = _count("在职实有人数")
    in_service: list[CountItem] = Field(default_factory=list, title="在职人员构成")  # 行政、事业、工勤…
    retired_total: Count = _count("离退休人员")
    retired_lixiu: Count = _count("离休人员")
    retired_tuixiu: Count = _count("退休人员")


class PerfProject(_Base):
    name: str = Field(default="", title="项目名称")
    budget: Money = _money("全年预算数")
    executed: Money = _money("执行数")
    rate: Percent = Field(default=None, title="执行率")  # in %, as written: its decimals are its precision
    score: Score = Field(default=None, title="自评得分")


class Performance(_Base):
    model_config = _group("绩效自评")

    target_count: Count = _count("编报绩效目标的项目个数")
    target_amount: Money = _money("编报绩效目标的项目预算金额")
    tracking_count: Count = _count("绩效跟踪评价的项目个数")
    tracking_amount: Money = _money("绩效跟踪评价的项目预算金额")
    project_count: Count = _count("绩效自评项目个数")
    project_amount: Money = _money("涉及资金")
    average_score: Score = Field(default=None, title="绩效自评平均得分")
    rated_excellent: Count = _count("绩效评级为“优”的项目个数")
    rated_good: Count = _count("绩效评级为“良”的项目个数")
    rated_pass: Count = _count("绩效评级为“合格”的项目个数")
    rated_fail: Count = _count("绩效评级为“不合格”的项目个数")
    whole_budget: Money = _money("部门整体支出预算数")
    whole_executed: Money = _money("部门整体支出执行数")
    whole_score: Score = Field(default=None, title="部门整体支出自评得分")
    projects: list[PerfProject] = Field(default_factory=list, title="自评项目")


class Supplementary(_Base):
    last_year: LastYear = Field(default_factory=LastYear)
    budget: InitialBudget = Field(default_factory=InitialBudget)
    admin_cost: AdminCost = Field(default_factory=AdminCost)
    procurement: Procurement = Field(default_factory=Procurement)
    assets: Assets = Field(default_factory=Assets)
    staff: Staff = Field(default_factory=Staff)
    performance: Performance = Field(default_factory=Performance)


class DraftSegment(_Base):
    """A drafted sentence bound to the data (checks.text.draft): while the text still holds it word
    for word, a change of the data rewrites it; once the user edits it, it is left alone."""

    id: str
    text: str


class Project(_Base):
    meta: Meta = Field(default_factory=Meta)
    units: Units = Field(default_factory=Units)
    tables: dict[T, Table] = Field(default_factory=dict)
    supplementary: Supplementary = Field(default_factory=Supplementary)
    text: dict[str, str] = Field(default_factory=dict)  # section id → text
    acceptances: dict[str, str] = Field(default_factory=dict)  # finding key → 说明
    drafts: dict[str, list[DraftSegment]] = Field(default_factory=dict)  # section id → its bound draft sentences
    # A form entry that did not parse (path → what was typed), kept like Row.invalid; the field has no value.
    invalid_fields: dict[str, str] = Field(default_factory=dict)
    # What loading the file changed (characters no output can hold, taken out), for the user.
    _load_notes: list[str] = PrivateAttr(default_factory=list)

    @property
    def load_notes(self) -> list[str]:
        return self._load_notes

    @load_notes.setter
    def load_notes(self, notes: list[str]) -> None:
        self._load_notes = list(notes)

    @model_validator(mode="before")
    @classmethod
    def _keep_what_was_written(cls, data: object) -> object:
        """A percentage or score in a project file that is no sane number (7.6E-294, 1e400, NaN)
        opens as an entry that does not parse: kept as written, without a value, with its finding."""
        if not isinstance(data, dict):
            return data
        kept = data.get("invalid_fields", {})
        typed = keep_typed(cls, data) if isinstance(kept, dict) else None  # else refused as damaged
        if not typed:
            return data
        data = clear_paths(data, list(typed))
        data["invalid_fields"] = {**typed, **kept}
        return data

    def model_post_init(self, _ctx: object) -> None:
        ensure_structure(self)

    def table(self, t: T) -> Table:
        return self.tables[t]

    @property
    def variant(self) -> str:
        return self.meta.variant


def new_project(
    department: str = "", year: int = 2024, variant: str | None = None, layout: str | None = None
) -> Project:
    meta = Meta(
        department=department,
        year=year,
        variant=variant or default_variant(year),
        layout=layout or default_layout(year),
    )
    return Project(meta=meta)


def ensure_structure(p: Project) -> None:
    """Give every table the rows its layout fixes, keeping whatever is already there."""
    for t in T:
        table = p.tables.get(t)
        if table is None:
            table = p.tables[t] = Table(id=t)
        existing = {r.key for r in table.rows}
        wanted = _fixed_keys(t, p.meta.variant)
        if wanted:
            missing = [Row(key=k, code=c) for k, c in wanted if k not in existing]
            if missing:
                order = {k: i for i, (k, _c) in enumerate(wanted)}
                table.rows = sorted(table.rows + missing, key=lambda r: order.get(r.key, len(order)))
        table.touch()


def _fixed_keys(t: T, variant: str) -> list[tuple[str, str]]:
    if t in (T.SUMMARY, T.FISCAL):
        return [(row.key, "") for row, _no in fixed_rows(t, "A", variant)]
    if t in SUBJECT_TABLES:
        return [("total", "")]
    if t is T.THREE:
        return [(THREE_ROW, "")]
    keys: list[tuple[str, str]] = []
    for g in economic_groups(variant):
        keys.append((g.code, g.code))
        keys += [(i.code, i.code) for i in g.items]
    return keys + [(PERSONNEL_TOTAL, ""), (PUBLIC_TOTAL, "")]


def set_cell_text(row: Row, col: int, text: str) -> str | None:
    """Store what the user typed: a value, an empty cell, or the unparsed text with its reason."""
    parsed = parse_amount(text)
    if parsed.error:
        row.values.pop(col, None)
        row.invalid[col] = text
        return parsed.error
    row.invalid.pop(col, None)
    if parsed.value is None:
        row.values.pop(col, None)
    else:
        row.values[col] = parsed.value
    return None


def set_cell_value(row: Row, col: int, value: Decimal | None) -> None:
    row.invalid.pop(col, None)
    if value is None:
        row.values.pop(col, None)
    else:
        row.values[col] = value
