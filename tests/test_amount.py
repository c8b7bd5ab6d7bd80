"""Parsing amounts as users type them and as workbooks hold them."""

import datetime
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.amount import fmt_amount, fmt_plain, parse_amount

GOOD = [
    ("1105.52", "1105.52"),
    ("1,105.52", "1105.52"),
    (" 93.28 ", "93.28"),
    ("１２３．４５", "123.45"),
    ("1, 105. 52", "1105.52"),
    ("(12.30)", "-12.30"),
    ("（12.30）", "-12.30"),
    ("－5", "-5.00"),
    ("−5", "-5.00"),
    ("‐5", "-5.00"),
    ("12万元", "12.00"),
    ("0", "0.00"),
    ("-0", "0.00"),
    (".5", "0.50"),
    ("1，105.52", "1105.52"),
    (1132.98, "1132.98"),
    (0.1 + 0.2, "0.30"),
    (2, "2.00"),
    (D("7.1"), "7.10"),
]
BAD = [
    ("abc", "不是数字"),
    ("12.345", "小数超过两位"),
    (12.345, "小数超过两位"),
    ("=SUM(A1:A3)", "公式"),
    ("#DIV/0!", "错误值"),
    ("1,10,5", "千位分隔符"),
    ("12元", "万元"),
    ("50%", "百分数"),
    ("NaN", "NaN"),
    (float("inf"), "无穷"),
    ("--5", "不是数字"),
    ("(-5)", "负号重复"),
    (True, "逻辑值"),
    (datetime.date(2024, 1, 1), "日期"),
    ("1e5", "科学计数法"),
    ("9" * 16, "过大"),
]


@pytest.mark.parametrize("raw,expected", GOOD)
def test_good_inputs(raw, expected):
    parsed = parse_amount(raw)
    assert parsed.error is None
    assert parsed.value == D(expected) and str(parsed.value) == expected


@pytest.mark.parametrize("raw,reason", BAD)
def test_bad_inputs_say_why(raw, reason):
    parsed = parse_amount(raw)
    assert parsed.value is None
    assert reason in parsed.error


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000"])
def test_empty_is_not_zero(raw):
    parsed = parse_amount(raw)
    assert parsed.value is None and parsed.error is None


amounts = st.integers(min_value=-(10**13), max_value=10**13).map(lambda c: (D(c) / 100).quantize(D("0.01")))


@given(amounts)
def test_what_the_app_displays_parses_back_to_the_same_amount(v):
    assert parse_amount(fmt_amount(v)).value == v
    assert parse_amount(fmt_plain(v)).value == v


def test_display_forms():
    assert fmt_amount(D("1105.52")) == "1,105.52"
    assert fmt_amount(D("-1234567.8")) == "-1,234,567.80"
    assert fmt_amount(None) == ""
    assert fmt_plain(D("1015")) == "1015.00"
