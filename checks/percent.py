"""Judging a percentage someone wrote against the amounts it was computed from (document.md).

Right: equal to the half-up rounding of the recomputed value at the written precision.
Equal only to the truncation: 提示. Explained only by the inputs' own ±0.005 rounding:
尾数差异. Anything else: 错误.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext

from checks.finding import Severity
from checks.tolerance import HALF_CENT

# No figure anyone writes has more decimals (a stored value never does: model.kinds); a text may
# still hold "98.123456789012345678901234567890%", which is compared at this precision.
MAX_PLACES = 20
# Enough digits for any quotient of two 万元 amounts (≤ 10^12 / 0.005) at MAX_PLACES decimals:
# quantize then never runs out of precision.
_PRECISION = 60


def places_of(d: Decimal) -> int:
    """The decimals a figure was written with, at most MAX_PLACES."""
    exp = d.as_tuple().exponent
    return min(-exp, MAX_PLACES) if isinstance(exp, int) and exp < 0 else 0


def percent(numerator: Decimal, denominator: Decimal, places: int = 1) -> Decimal:
    """numerator/denominator in %, rounded half-up to ``places`` decimals."""
    q = Decimal(1).scaleb(-min(places, MAX_PLACES))
    with localcontext(prec=_PRECISION):
        return (numerator * 100 / denominator).quantize(q, rounding=ROUND_HALF_UP)


def judge_percent(
    written: Decimal, numerator: Decimal, denominator: Decimal, num_terms: int = 1, den_terms: int = 1
) -> Severity | None:
    if not denominator:
        return None
    if not written.is_finite():
        return Severity.ERROR  # NaN or infinity is no rate of anything
    with localcontext(prec=_PRECISION):
        return _judge(written, numerator, denominator, num_terms, den_terms)


def _judge(
    written: Decimal, numerator: Decimal, denominator: Decimal, num_terms: int, den_terms: int
) -> Severity | None:
    places = places_of(written)
    q = Decimal(1).scaleb(-places)
    exact = numerator * 100 / denominator
    if written == exact.quantize(q, rounding=ROUND_HALF_UP):
        return None
    if written == exact.quantize(q, rounding=ROUND_DOWN):
        return Severity.HINT
    # The amounts are themselves rounded to 0.01: the true share lies between these bounds.
    num_lo, num_hi = numerator - HALF_CENT * num_terms, numerator + HALF_CENT * num_terms
    den_lo, den_hi = denominator - HALF_CENT * den_terms, denominator + HALF_CENT * den_terms
    if den_lo <= 0:
        return Severity.ERROR
    candidates = [n * 100 / d for n in (num_lo, num_hi) for d in (den_lo, den_hi)]
    lo = min(candidates).quantize(q, rounding=ROUND_HALF_UP)
    hi = max(candidates).quantize(q, rounding=ROUND_HALF_UP)
    if lo <= written <= hi:
        return Severity.ROUNDING
    return Severity.ERROR
