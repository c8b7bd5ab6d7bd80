"""Checks on the data entered outside the nine tables (tables.md, last section)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from checks.base import SUPP, Check, Ctx, Custom, finding, judge_difference
from checks.finding import Finding, Location, Severity
from checks.percent import judge_percent, percent, places_of
from model.amount import ZERO
from model.fields import label, project_path


def _label(field: str) -> str:
    """A field as the messages name it: its title on the model ("政府采购支出总额")."""
    return label(project_path(field))


def _loc(*fields: str) -> list[Location]:
    return [Location(field=f) for f in fields]


def _supp(rule: str, key: str, fn) -> Check:
    return Custom(rule, [SUPP], fn)


def supplementary_rules(ctx: Ctx) -> Iterator[Check]:
    yield _supp("S501", "procurement", _procurement_sum)
    yield _supp("S502", "procurement.sme", _procurement_sme)
    yield _supp("S503", "procurement.small_micro", _procurement_small)
    yield _supp("S508", "procurement.kind_sme", _procurement_kind_sme)
    yield _supp("S504", "staff.in_service", _staff_in_service)
    yield _supp("S505", "staff.retired", _staff_retired)
    yield _supp("S506", "assets.vehicles", _vehicles)
    yield _supp("S507", "performance", _performance_rates)
    yield _supp("W405", "budget", _budget_total)


def _procurement_sum(ctx: Ctx) -> Sequence[Finding]:
    p = ctx.p.supplementary.procurement
    parts = [v for v in (p.goods, p.works, p.services) if v is not None]
    if p.total is None or not parts:
        return ()
    total = sum(parts, ZERO)
    severity = judge_difference("S501", p.total - total, len(parts))
    if severity is None:
        return ()
    locs = _loc("procurement.total", "procurement.goods", "procurement.works", "procurement.services")
    return (
        finding(
            "S501",
            "procurement.total",
            locs,
            severity=severity,
            exp=total,
            act=p.total,
            left=_label("procurement.total"),
            right="货物+工程+服务",
        ),
    )


def _not_above(rule: str, field_a: str, a: Decimal | None, field_b: str, b: Decimal | None) -> Finding | None:
    if a is None or b is None or a <= b:
        return None
    severity = Severity.ROUNDING if a - b <= Decimal("0.01") else Severity.ERROR
    return finding(
        rule,
        field_a,
        _loc(field_a, field_b),
        severity=severity,
        exp=b,
        act=a,
        left=_label(field_a),
        right=_label(field_b),
    )


def _procurement_sme(ctx: Ctx) -> Sequence[Finding]:
    p = ctx.p.supplementary.procurement
    f = _not_above("S502", "procurement.sme", p.sme, "procurement.total", p.total)
    return (f,) if f else ()


def _procurement_small(ctx: Ctx) -> Sequence[Finding]:
    p = ctx.p.supplementary.procurement
    f = _not_above("S503", "procurement.small_micro", p.small_micro, "procurement.sme", p.sme)
    return (f,) if f else ()


def _procurement_kind_sme(ctx: Ctx) -> Sequence[Finding]:
    p = ctx.p.supplementary.procurement
    found = [
        _not_above("S508", "procurement.goods_sme", p.goods_sme, "procurement.goods", p.goods),
        _not_above("S508", "procurement.services_sme", p.services_sme, "procurement.services", p.services),
    ]
    return [f for f in found if f]


def _count_sum(rule: str, key: str, total: int | None, parts: list[int | None], fields: list[str]) -> Sequence[Finding]:
    known = [n for n in parts if n is not None]
    if total is None or not known or total == sum(known):
        return ()
    return (finding(rule, key, _loc(*fields), exp=str(sum(known)), act=str(total)),)


def _staff_in_service(ctx: Ctx) -> Sequence[Finding]:
    s = ctx.p.supplementary.staff
    return _count_sum(
        "S504",
        "staff.in_service",
        s.in_service_total,
        [k.count for k in s.in_service],
        ["staff.in_service_total", "staff.in_service"],
    )


def _staff_retired(ctx: Ctx) -> Sequence[Finding]:
    s = ctx.p.supplementary.staff
    return _count_sum(
        "S505",
        "staff.retired",
        s.retired_total,
        [s.retired_lixiu, s.retired_tuixiu],
        ["staff.retired_total", "staff.retired_lixiu", "staff.retired_tuixiu"],
    )


def _vehicles(ctx: Ctx) -> Sequence[Finding]:
    a = ctx.p.supplementary.assets
    return _count_sum(
        "S506",
        "assets.vehicles",
        a.vehicles_total,
        [k.count for k in a.vehicles],
        ["assets.vehicles_total", "assets.vehicles"],
    )


def _performance_rates(ctx: Ctx) -> Sequence[Finding]:
    out = []
    for i, pr in enumerate(ctx.p.supplementary.performance.projects):
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
                _loc(f"performance.projects.{i}.rate"),
                severity=severity,
                exp=str(expected),
                act=str(pr.rate),
                name=pr.name,
            )
        )
    return out


def _budget_total(ctx: Ctx) -> Sequence[Finding]:
    b = ctx.p.supplementary.budget
    if b.general_total is None or not b.by_subject:
        return ()
    classes = [v for c, v in b.by_subject.items() if len(c) == 3]
    items = [v for c, v in b.by_subject.items() if len(c) == 7]
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
            _loc("budget.general_total", "budget.by_subject"),
            exp=total,
            act=b.general_total,
            left=_label("budget.general_total"),
            right="各" + ("类" if classes else "项") + "年初预算之和",
        ),
    )
