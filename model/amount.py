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
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")
# 万元 figures of a department never reach a trillion; beyond this a typo is far likelier.
MAX_ABS = Decimal("999999999999.99")

_MINUS_SIGNS = "\u2212\u2010\u2011\u2012\u2013\u2014\u2015\ufe63\uff0d"
# Full-width ASCII (what a Chinese IME types) folds to ASCII, and so do the ideographic space and
# full stop. Deliberately not NFKC: it would read "⑴" as "(1)", a negative, and "1²" as 12.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: " ", 0x3002: ".", 0xFF61: ".", 0xFFE5: "¥", 0xFFE0: "¢", 0xFFE1: "£", 0xFE52: "."})
_FOLD.update({ord(ch): "-" for ch in _MINUS_SIGNS})
_SPACES = re.compile(r"\s+")
_SPACE_IN_DIGITS = re.compile(r"(?<=[0-9])\s+(?=[0-9])")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")
_SCIENTIFIC = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]+")
_NOT_A_NUMBER = {"NAN", "SNAN", "QNAN", "INF", "INFINITY", "∞", "#NUM"}
_CURRENCY = "¥$€£¢"
_EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!")
# Other units a figure may carry: the reason tells the user what to do instead of guessing.
_WRONG_UNITS = (
    ("亿元", "单位是“亿元”，本表金额单位为万元，请换算后填写（1亿元＝10000万元）"),
    ("亿", "单位是“亿”，本表金额单位为万元，请换算后填写（1亿元＝10000万元）"),
    ("千元", "单位是“千元”，本表金额单位为万元，请换算后填写（1千元＝0.1万元）"),
    ("元", "单位是“元”，本表金额单位为万元，请换算后填写"),
    ("%", "百分数不是金额"),
)
_SHOWN = 24  # characters of the user's text quoted back in a reason


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
    # Format characters (zero-width spaces, BOM, direction marks) come with text copied from PDFs
    # and web pages; they are invisible and never part of a number.
    s = "".join(ch for ch in text.translate(_FOLD) if unicodedata.category(ch) != "Cf")
    compact = _SPACES.sub("", s)
    if not compact:
        return EMPTY
    shown = _shown(text)
    if compact.startswith("="):
        return _fail("单元格是公式，请改为数值")
    upper = compact.upper()
    if upper in _EXCEL_ERRORS:
        return _fail(f"单元格是错误值 {upper}")
    if upper.lstrip("+-") in _NOT_A_NUMBER:
        return _fail("不是有效数字（NaN 或无穷大）")
    if set(compact) <= {"-", "+"}:
        return _fail(f"“{shown}”不是金额：没有数请留空，金额为零请填 0")
    # Spaces inside a figure come from PDF text ("1, 105. 52") and act as thousands separators
    # ("1 105.52"); between two digits they are checked like commas, so "12 34" is not read as 1234.
    spaced = bool(_SPACE_IN_DIGITS.search(s.strip()))
    s = _SPACES.sub("", _SPACE_IN_DIGITS.sub(",", s.strip()))
    negative = False
    s, error = _strip_unit(s)
    if not error and len(s) >= 2 and s[0] == "(" and s[-1] == ")":
        negative = True
        s, error = _strip_unit(s[1:-1])
    if error:
        return _fail(error)
    if any(ch in s for ch in _CURRENCY):
        return _fail(f"金额前后有货币符号：“{shown}”，请只填写数字（单位万元）")
    if "," in s:
        if not _GROUPED.fullmatch(s):
            if spaced:
                return _fail(f"数字中间有空格，无法确定是一个数还是几个数：“{shown}”")
            return _fail(f"千位分隔符位置不对：“{shown}”")
        s = s.replace(",", "")
    if s.startswith(("-", "+")) and negative:
        return _fail("负号重复")
    if _SCIENTIFIC.fullmatch(s):
        return _fail(f"不支持科学计数法：“{shown}”，请填写完整的数字")
    if not _NUMBER.fullmatch(s):
        return _fail(f"不是数字：“{shown}”")
    d = Decimal(s)
    return _check_decimal(-d if negative else d)


def _strip_unit(s: str) -> tuple[str, str | None]:
    """The figure without a 万元 suffix, or the reason another unit or a percentage is refused."""
    for suffix in ("万元", "万"):
        if s.endswith(suffix):
            return s[: -len(suffix)], None
    for suffix, reason in _WRONG_UNITS:
        if s.endswith(suffix):
            return s, reason
    return s, None


def _shown(text: str) -> str:
    t = " ".join(text.split())
    return t if len(t) <= _SHOWN else t[:_SHOWN] + "…"


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
