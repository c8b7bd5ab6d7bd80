"""Parsing and showing the values of the supplementary forms: 万元 amounts, counts, percents."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from model.amount import fmt_amount, parse_amount


class EntryError(ValueError):
    """A value the user typed that does not fit the field; the message is in Chinese."""


def parse_value(kind: str, text: str):
    """None for an empty entry; raises EntryError with the reason when it does not parse."""
    s = unicodedata.normalize("NFKC", text).strip()
    if kind == "text":
        return text.strip()
    if not s:
        return None
    if kind == "money":
        parsed = parse_amount(text)
        if parsed.error:
            raise EntryError(parsed.error)
        return parsed.value
    if kind == "count":
        s = s.replace(",", "").removesuffix("人").removesuffix("辆").removesuffix("个").removesuffix("台").strip()
        if not s.isdigit():
            raise EntryError(f"“{text.strip()}”不是人数/个数（应为不小于0的整数）")
        return int(s)
    if kind == "year":
        if not s.isdigit() or not 1990 <= int(s) <= 2200:
            raise EntryError(f"“{text.strip()}”不是年度（如 2024）")
        return int(s)
    if kind in ("percent", "score"):
        s = s.removesuffix("%").removesuffix("分").strip()
        try:
            d = Decimal(s)
        except InvalidOperation:
            raise EntryError(f"“{text.strip()}”不是数字") from None
        if not d.is_finite() or d < 0:
            raise EntryError(f"“{text.strip()}”不是有效的数")
        return d
    raise KeyError(kind)


def show_value(kind: str, value) -> str:
    if value is None:
        return ""
    if kind == "money":
        return fmt_amount(value)
    return str(value)
