"""S: the data entered outside the nine tables (tables.md, last section)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from checks.check_kinds import Check, Custom
from checks.context import SUPP, Ctx
from checks.finding import Finding, Location, Severity
from checks.percent import judge_percent, percent, places_of
from checks.rules.registry import GT, E, W, finding, rule
from checks.tolerance import CENT, judge_difference
from model.amount import ZERO
from model.fields import get_value, label, project_path
from model.project import Project

FAMILY = "补充数据"


def field_label(field: str) -> str:
    """A field as the messages name it: its title on the model ("政府采购支出总额")."""
    return label(project_path(field))


def field_locations(*fields: str) -> list[Location]:
    return [Location(field=f) for f in fields]


def on_entries(rule_id: str, evaluate) -> Iterator[Check]:
    """A check of the supplementary data, run again whenever an entry of the forms changes."""
    yield Custom(rule_id, [SUPP], evaluate)


def _not_above(rule_id: str, field_a: str, field_b: str, project: Project) -> Finding | None:
    a, b = get_value(project, project_path(field_a)), get_value(project, project_path(field_b))
    if a is None or b is None or a <= b:
        return None
    severity = Severity.ROUNDING if a - b <= CENT else Severity.ERROR
    return finding(
        rule_id,
        field_a,
        field_locations(field_a, field_b),
        severity=severity,
        exp=b,
        act=a,
        left=field_label(field_a),
        right=field_label(field_b),
    )


def _at_most(rule_id: str, *pairs: tuple[str, str]) -> Iterator[Check]:
    """Each (part, whole) pair of fields: the part is not above the whole (0.01 above is 尾数差异)."""

    def evaluate(c: Ctx) -> Sequence[Finding]:
        found = [_not_above(rule_id, part, whole, c.p) for part, whole in pairs]
        return [f for f in found if f]

    return on_entries(rule_id, evaluate)


def _count_sum(
    rule_id: str, key: str, total: int | None, parts: list[int | None], fields: list[str]
) -> Sequence[Finding]:
    known = [n for n in parts if n is not None]
    if total is None or not known or total == sum(known):
        return ()
    return (finding(rule_id, key, field_locations(*fields), exp=str(sum(known)), act=str(total)),)


@rule("S501", E, FAMILY, "政府采购总额等于货物、工程、服务之和")
def procurement_total(ctx: Ctx) -> Iterator[Check]:
    """政府采购支出总额等于货物、工程、服务三类采购支出之和。"""

    def evaluate(c: Ctx) -> Sequence[Finding]:
        p = c.p.supplementary.procurement
        parts = [v for v in (p.goods, p.works, p.services) if v is not None]
        if p.total is None or not parts:
            return ()
        total = sum(parts, ZERO)
        severity = judge_difference("S501", p.total - total, len(parts))
        if severity is None:
            return ()
        locs = field_locations("procurement.total", "procurement.goods", "procurement.works", "procurement.services")
        return (
            finding(
                "S501",
                "procurement.total",
                locs,
                severity=severity,
                exp=total,
                act=p.total,
                left=field_label("procurement.total"),
                right="货物+工程+服务",
            ),
        )

    return on_entries("S501", evaluate)


@rule("S502", E, FAMILY, "授予中小企业合同金额不大于政府采购总额", GT)
def procurement_sme(ctx: Ctx) -> Iterator[Check]:
    """授予中小企业的合同金额是政府采购支出总额的一部分，不能大于总额。"""
    return _at_most("S502", ("procurement.sme", "procurement.total"))


@rule("S503", E, FAMILY, "授予小微企业合同金额不大于授予中小企业合同金额", GT)
def procurement_small_micro(ctx: Ctx) -> Iterator[Check]:
    """授予小微企业的合同金额是授予中小企业合同金额的一部分，不能大于它。"""
    return _at_most("S503", ("procurement.small_micro", "procurement.sme"))


@rule("S504", E, FAMILY, "在职实有人数等于各类人员之和", "在职实有人数 {actual} 人 ≠ 各类人员之和 {expected} 人")
def staff_in_service(ctx: Ctx) -> Iterator[Check]:
    """在职实有人数等于所列各类在职人员（行政、事业、工勤…）人数之和。"""

    def evaluate(c: Ctx) -> Sequence[Finding]:
        s = c.p.supplementary.staff
        fields = ["staff.in_service_total", "staff.in_service"]
        return _count_sum("S504", "staff.in_service", s.in_service_total, [k.count for k in s.in_service], fields)

    return on_entries("S504", evaluate)


@rule("S505", E, FAMILY, "离退休人员等于离休与退休之和", "离退休人员 {actual} 人 ≠ 离休+退休 {expected} 人")
def staff_retired(ctx: Ctx) -> Iterator[Check]:
    """离退休人员人数等于离休人数与退休人数之和。"""

    def evaluate(c: Ctx) -> Sequence[Finding]:
        s = c.p.supplementary.staff
        fields = ["staff.retired_total", "staff.retired_lixiu", "staff.retired_tuixiu"]
        return _count_sum("S505", "staff.retired", s.retired_total, [s.retired_lixiu, s.retired_tuixiu], fields)

    return on_entries("S505", evaluate)


@rule("S506", E, FAMILY, "车辆总数等于各类车辆之和", "车辆总数 {actual} 辆 ≠ 各类车辆之和 {expected} 辆")
def vehicles(ctx: Ctx) -> Iterator[Check]:
    """车辆总数等于所列各类车辆数之和。"""

    def evaluate(c: Ctx) -> Sequence[Finding]:
        a = c.p.supplementary.assets
        fields = ["assets.vehicles_total", "assets.vehicles"]
        return _count_sum("S506", "assets.vehicles", a.vehicles_total, [k.count for k in a.vehicles], fields)

    return on_entries("S506", evaluate)


@rule(
    "S507",
    E,
    FAMILY,
    "绩效项目执行率等于执行数除以预算数",
    "绩效项目“{name}”执行率 {actual}% 与 执行数÷预算数 {expected}% 不符",
)
def performance_rates(ctx: Ctx) -> Iterator[Check]:
    """绩效自评项目的执行率等于执行数÷预算数，按所写的小数位四舍五入；只差在截尾的是提示，
    由执行数、预算数本身的尾数造成的是尾数差异。"""

    def evaluate(c: Ctx) -> Sequence[Finding]:
        out = []
        for i, pr in enumerate(c.p.supplementary.performance.projects):
            if pr.rate is None or not pr.budget or pr.executed is None:
                continue
            severity = judge_percent(pr.rate, pr.executed, pr.budget)
            if severity is None:
                continue
            expected = percent(pr.executed, pr.budget, places_of(pr.rate))
            out.append(
                finding(
                    "S507",
                    f"performance.projects.{i}",
                    field_locations(f"performance.projects.{i}.rate"),
                    severity=severity,
                    exp=str(expected),
                    act=str(pr.rate),
                    name=pr.name,
                )
            )
        return out

    return on_entries("S507", evaluate)


@rule("S508", E, FAMILY, "货物、服务采购授予中小企业合同金额不大于该类支出", GT)
def procurement_kind_sme(ctx: Ctx) -> Iterator[Check]:
    """货物类、服务类采购中授予中小企业的合同金额，分别不大于该类采购支出。"""
    return _at_most(
        "S508", ("procurement.goods_sme", "procurement.goods"), ("procurement.services_sme", "procurement.services")
    )


@rule("S509", E, FAMILY, "面向小微企业预留金额不大于面向中小企业预留金额", GT)
def procurement_reserved(ctx: Ctx) -> Iterator[Check]:
    """面向小微企业预留的政府采购项目预算金额是面向中小企业预留金额的一部分，不能大于它（上海模板）。"""
    return _at_most("S509", ("procurement.small_micro_reserved", "procurement.sme_reserved"))


@rule(
    "S510",
    W,
    FAMILY,
    "各评级项目个数之和等于绩效自评项目个数",
    "绩效自评项目 {actual} 个 ≠ 评级为优、良、合格、不合格的项目之和 {expected} 个（通常相等）",
)
def performance_ratings(ctx: Ctx) -> Iterator[Check]:
    """绩效自评的项目按评级分为优、良、合格、不合格，各评级项目个数之和通常等于绩效自评项目个数。"""

    def evaluate(c: Ctx) -> Sequence[Finding]:
        perf = c.p.supplementary.performance
        ratings = ("rated_excellent", "rated_good", "rated_pass", "rated_fail")
        fields = ["performance.project_count", *(f"performance.{r}" for r in ratings)]
        parts = [getattr(perf, r) for r in ratings]
        return _count_sum("S510", "performance.ratings", perf.project_count, parts, fields)

    return on_entries("S510", evaluate)
