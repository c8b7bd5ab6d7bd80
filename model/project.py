"""One department's 决算公开 project: meta, the nine tables, supplementary data, text.

Amounts are Decimal with two decimals; an absent key in ``Row.values`` is an empty cell,
distinct from 0. A cell whose text did not parse keeps that text in ``Row.invalid``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr

from model.amount import CENT, MAX_ABS, parse_amount
from model.catalog import economic_groups
from model.layout import (
    SUBJECT_TABLES,
    THREE_ROW,
    T,
    default_layout,
    default_variant,
    fixed_rows,
)
from model.templates import is_variant


def _two_places(d: Decimal) -> Decimal:
    if not d.is_finite():
        raise ValueError("金额不是有效数字")
    if abs(d) > MAX_ABS:  # also keeps quantize below from failing on 1E+999999
        raise ValueError("金额过大")
    if d != d.quantize(CENT):
        raise ValueError("金额小数超过两位")
    return d.quantize(CENT)


Amount = Annotated[Decimal, AfterValidator(_two_places)]
Money = Amount | None


def _known_variant(v: str) -> str:
    if not is_variant(v):
        raise ValueError("取值不在允许的范围内")
    return v


Variant = Annotated[str, AfterValidator(_known_variant)]  # a template under resources/templates/
Count = Annotated[int, Field(ge=0)] | None


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

    def remove_row(self, key: str) -> Row:
        row = self.index()[key]
        self.rows.remove(row)
        self.touch()
        return row


class Meta(_Base):
    department: str = ""
    year: int = Field(default=2024, ge=1990, le=2200)
    variant: Variant = "2023"
    layout: Literal["A", "B"] = "A"
    unit: Literal["万元"] = "万元"
    # 机关运行经费 equals 公用经费 only for 行政单位 and those managed like them.
    unit_kind: Literal["行政单位", "参照公务员法管理事业单位", "事业单位"] = "行政单位"


class Units(_Base):
    main: str = ""  # 本级
    subordinates: list[str] = Field(default_factory=list)  # 下属单位


class CountItem(_Base):
    kind: str
    count: Count = None


class LastYear(_Base):
    """上年决算数, quoted by the text for changes against last year."""

    grand_total: Money = None  # 收、支总计
    income_total: Money = None  # 本年收入合计
    expense_total: Money = None  # 本年支出合计
    fiscal_grand_total: Money = None  # 财政拨款收、支总计
    general_income: Money = None  # 一般公共预算财政拨款收入
    fund_income: Money = None  # 政府性基金预算财政拨款收入
    soe_income: Money = None  # 国有资本经营预算财政拨款收入
    general_expense: Money = None  # 一般公共预算财政拨款支出
    basic_expense: Money = None  # 基本支出
    project_expense: Money = None  # 项目支出
    three_total: Money = None  # “三公”经费决算合计
    three_abroad: Money = None
    three_vehicle: Money = None  # 公务用车购置及运行维护费
    three_vehicle_purchase: Money = None
    three_vehicle_operation: Money = None
    three_reception: Money = None
    admin_cost: Money = None  # 机关运行经费


class InitialBudget(_Base):
    """年初预算 of 一般公共预算财政拨款支出: the total and by 类/项 code of table 05."""

    general_total: Money = None
    basic: Money = None
    project: Money = None
    by_subject: dict[str, Amount] = Field(default_factory=dict)


class AdminCost(_Base):
    amount: Money = None  # 机关运行经费支出
    budget: Money = None  # 年初预算数


class Procurement(_Base):
    total: Money = None  # 政府采购支出总额
    goods: Money = None
    works: Money = None
    services: Money = None
    sme: Money = None  # 授予中小企业合同金额
    small_micro: Money = None  # 其中：授予小微企业合同金额
    goods_sme: Money = None  # 货物采购授予中小企业合同金额
    services_sme: Money = None  # 服务采购授予中小企业合同金额


class Assets(_Base):
    vehicles_total: Count = None
    vehicles: list[CountItem] = Field(default_factory=list)
    general_equipment_50w: Count = None  # 单价50万元以上通用设备（台、套）
    special_equipment_100w: Count = None  # 单价100万元以上专用设备（台、套）


class Staff(_Base):
    in_service_total: Count = None  # 在职实有人数
    in_service: list[CountItem] = Field(default_factory=list)  # 行政、事业、工勤…
    retired_total: Count = None  # 离退休人员
    retired_lixiu: Count = None  # 离休
    retired_tuixiu: Count = None  # 退休


class PerfProject(_Base):
    name: str = ""
    budget: Money = None  # 全年预算数
    executed: Money = None  # 执行数
    rate: Decimal | None = None  # 执行率 as written, in %
    score: Decimal | None = None


class Performance(_Base):
    project_count: Count = None  # 绩效自评项目个数
    project_amount: Money = None  # 涉及资金
    whole_budget: Money = None  # 部门整体支出 预算数
    whole_executed: Money = None  # 执行数
    whole_score: Decimal | None = None
    projects: list[PerfProject] = Field(default_factory=list)


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
