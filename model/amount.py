"""Amounts in 万元 with two decimals: parsing what users and workbooks hold, and display.

Every value a cell can hold is either turned into an exact Decimal or rejected with a reason
in Chinese; nothing is ever read as 0 by accident. An empty cell is ``None``, distinct from 0.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0")
# 万元 figures of a department never reach a trillion; beyond this a typo is far likelier.
MAX_ABS = Decimal("999999999999.99")

_MINUS_SIGNS = "\u2212\u2010\u2011\u2012\u2013\u2014\u2015\ufe63\uff0d"
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u3000]+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!")


@dataclass(frozen=True, slots=True)
class Parsed:
    """Outcome of parsing one cell: a value, an empty cell, or an error with its reason."""

    value: Decimal | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


EMPTY = Parsed(None)


def _fail(reason: str) -> Parsed:
    return Parsed(None, reason)


def parse_amount(raw: object) -> Parsed:
    """Parse a cell's content (typed text or a workbook value) into 万元 with two decimals."""
    if raw is None:
        return EMPTY
    if isinstance(raw, bool):
        return _fail("逻辑值（TRUE/FALSE）不是金额")
    if isinstance(raw, Decimal):
        return _check_decimal(raw)
    if isinstance(raw, int):
        return _check_decimal(Decimal(raw))
    if isinstance(raw, float):
        return _parse_float(raw)
    if isinstance(raw, (_dt.datetime, _dt.date, _dt.time, _dt.timedelta)):
        return _fail("单元格是日期或时间，不是金额")
    if not isinstance(raw, str):
        return _fail(f"无法识别的单元格内容（{type(raw).__name__}）")
    return _parse_text(raw)


def _parse_float(f: float) -> Parsed:
    if math.isnan(f) or math.isinf(f):
        return _fail("不是有效数字（NaN 或无穷大）")
    # repr gives the shortest string that round-trips, i.e. what Excel shows for 1132.98.
    d = Decimal(repr(f))
    q = d.quantize(CENT, rounding=ROUND_HALF_UP) if abs(d) < MAX_ABS else d
    # Binary noise from a spreadsheet formula (0.30000000000000004) is not a third decimal.
    if abs(d - q) < Decimal("1e-9"):
        return _check_decimal(q)
    return _check_decimal(d)


def _parse_text(text: str) -> Parsed:
    s = unicodedata.normalize("NFKC", text)
    for ch in _MINUS_SIGNS:
        s = s.replace(ch, "-")
    s = _SPACES.sub("", s)
    if not s:
        return EMPTY
    if s.startswith("="):
        return _fail("单元格是公式，请改为数值")
    if s.upper() in _EXCEL_ERRORS:
        return _fail(f"单元格是错误值 {s.upper()}")
    if s.upper() in {"NAN", "INF", "+INF", "-INF", "INFINITY", "+INFINITY", "-INFINITY"}:
        return _fail("不是有效数字（NaN 或无穷大）")
    negative = False
    if s[0] == "(" and s[-1] == ")":
        negative, s = True, s[1:-1]
    if s.endswith("万元"):
        s = s[:-2]
    elif s.endswith("元"):
        return _fail("单位是“元”，本表金额单位为万元，请换算后填写")
    elif s.endswith("%"):
        return _fail("百分数不是金额")
    s = s.replace("，", ",")
    if "," in s:
        if not _GROUPED.fullmatch(s):
            return _fail(f"千位分隔符位置不对：“{text.strip()}”")
        s = s.replace(",", "")
    if s.startswith("-") and negative:
        return _fail("负号重复")
    if not _NUMBER.fullmatch(s):
        return _fail(f"不是数字：“{text.strip()}”")
    try:
        d = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid literals
        return _fail(f"不是数字：“{text.strip()}”")
    if negative:
        d = -d
    return _check_decimal(d)


def _check_decimal(d: Decimal) -> Parsed:
    if not d.is_finite():
        return _fail("不是有效数字（NaN 或无穷大）")
    if abs(d) > MAX_ABS:
        return _fail("金额过大，请确认单位是万元")
    if d != d.quantize(CENT, rounding=ROUND_HALF_UP):
        return _fail("小数超过两位：金额单位为万元，保留两位小数")
    return Parsed(d.quantize(CENT) + ZERO)


def fmt_amount(value: Decimal | None, grouping: bool = True) -> str:
    """Display form: thousands separators and exactly two decimals; empty stays empty."""
    if value is None:
        return ""
    return f"{value:,.2f}" if grouping else f"{value:.2f}"


def fmt_plain(value: Decimal | None) -> str:
    """Form used in running text: no grouping, two decimals ("1105.52")."""
    return fmt_amount(value, grouping=False)


def to_cents(value: Decimal) -> int:
    return int(value * 100)
