"""The unit of amounts: 万元, as the tables are published, or 元, as some workbooks are kept.

A workbook prints its unit on each sheet ("金额单位：元"). One in 元 is read in 元 and checked
exactly there (its sums hold to the fen, ``Meta.unit == "元"``); the project the user sees and
exports holds the same figures in 万元, rounded half-up to 0.01 万元 (``in_wan``). The unit is
read, never guessed: a unit that cannot be read, or sheets in different units, are reported.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from model.amount import CENT

WAN, YUAN = "万元", "元"
FACTOR = {WAN: Decimal(1), YUAN: Decimal(10000)}  # how many of the unit make one 万元

# "金额单位：万元", "单位：元", "（单位：人民币元）", "金额单位:万元" — the words after 单位.
_UNIT_LINE = re.compile(r"(?:^|金额|[(（\s])单位[:：]\s*([^\s)）,，;；]*)")
_KNOWN = {"万元": WAN, "元": YUAN, "人民币元": YUAN, "人民币万元": WAN, "元人民币": YUAN, "万元人民币": WAN}


def unit_in(text: str) -> str | None:
    """The unit a cell's text states: "万元", "元", the unreadable words as written, or None
    when the text states no unit ("编制单位：…" states none)."""
    flat = unicodedata.normalize("NFKC", text)
    m = _UNIT_LINE.search(flat)
    if not m:
        return None
    words = m.group(1).strip()
    return _KNOWN.get(words, words or "（空）")


def is_known(unit: str | None) -> bool:
    return unit in FACTOR


def in_wan(value: Decimal, unit: str) -> Decimal:
    """``value`` in 万元, rounded half-up (away from zero on a half) to 0.01 万元."""
    if unit == WAN:
        return value
    return (value / FACTOR[unit]).quantize(CENT, rounding=ROUND_HALF_UP)


def convert_project(project, unit: str):
    """A copy of ``project`` (amounts in ``unit``) with every amount in 万元; text that did not
    parse stays as it was typed."""
    wan = project.model_copy(deep=True)
    wan.meta.unit = WAN
    for table in wan.tables.values():
        for row in table.rows:
            row.values = {c: in_wan(v, unit) for c, v in row.values.items()}
        table.touch()
    return wan


def describe(unit: str) -> str:
    """How a report names the unit its figures are in."""
    if unit == YUAN:
        return "元（工作簿以元编制，按元精确审核，合计须与各项之和分毫不差；九张表以万元显示，四舍五入到 0.01 万元）"
    return unit
