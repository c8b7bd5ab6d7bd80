"""Parsing and showing the values of the supplementary forms: 万元 amounts, counts, percents;
storing what was typed (the value, or the text itself when it does not parse)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from model.amount import fmt_amount, parse_amount
from ui.fields import get_path


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


def typed_error(ctl, kind: str, path: str) -> tuple[str, str] | None:
    """(what was typed, why it does not parse) for an entry kept in the project, or None."""
    typed = ctl.project.invalid_fields.get(path)
    if typed is None:
        return None
    try:
        parse_value(kind, typed)
    except EntryError as e:
        return typed, str(e)
    return typed, "无法识别"


def commit_entry(ctl, kind: str, path: str, text: str, what: str) -> bool:
    """Store what was typed in a form: its value, or the text itself when it does not parse."""
    try:
        value = parse_value(kind, text)
    except EntryError:
        # A year cannot be empty: it keeps its value while the typed text waits for correction.
        keep = get_path(ctl.project, path) if kind == "year" else None
        return ctl.set_entry(path, keep, text, what)
    return ctl.set_entry(path, value, None, what)
