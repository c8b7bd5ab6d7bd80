"""The rounding rule of checks.md (XBRL Calculations 1.1): each printed figure stands for ±0.005."""

from __future__ import annotations

from decimal import Decimal

from checks.finding import Severity
from checks.rules.registry import RULES
from model.amount import CENT

HALF_CENT = Decimal("0.005")  # what one printed figure may be off by

__all__ = ["CENT", "HALF_CENT", "judge_difference"]


def judge_difference(rule_id: str, diff: Decimal, n: int, exact: bool = False) -> Severity | None:
    """Interval rule of checks.md: each printed figure stands for ±0.005, so n summed
    figures and the total together explain a gap of up to 0.005·(n+1). Figures in 元 (``exact``)
    are not rounded: their sums hold to the fen."""
    if not diff:
        return None
    rule = RULES[rule_id]
    within = not exact and abs(diff) <= HALF_CENT * (n + 1)
    if rule.severity is Severity.ERROR:
        return Severity.ROUNDING if within else Severity.ERROR
    return None if within else rule.severity
