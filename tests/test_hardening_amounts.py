"""Cell input: a corpus of what accountants type and paste, and properties of the parser."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.amount import MAX_ABS, fmt_amount, fmt_plain, parse_amount
from model.project import Row, set_cell_text
from tests.corpus.amounts import load_cases

CASES = load_cases()


def test_the_corpus_is_large_and_covers_every_family():
    assert len(CASES) >= 300
    categories = {c.category for c in CASES}
    assert categories >= {
        "plain", "thousands", "fullwidth", "pdf-spaced", "unit", "minus", "decimals", "huge", "nan-inf",
        "scientific", "letters", "formula", "excel-error", "whitespace", "workbook-value", "display",
    }  # fmt: skip
    assert len({(c.kind, c.text) for c in CASES}) == len(CASES), "an input is listed twice"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_each_input_gives_its_expected_outcome(case):
    parsed = parse_amount(case.raw)
    if case.expected == "EMPTY":
        assert parsed.value is None and parsed.error is None, parsed
    elif case.expected.startswith("="):
        assert parsed.error is None, parsed.error
        assert str(parsed.value) == case.expected[1:]
    else:
        assert case.expected.startswith("!"), case.expected
        assert parsed.value is None
        assert case.expected[1:] in parsed.error


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "text"], ids=lambda c: c.id)
def test_a_refused_cell_keeps_what_was_typed(case):
    row = Row(key="r")
    row.values[1] = D("1.00")
    error = set_cell_text(row, 1, case.raw)
    if case.expected.startswith("!"):
        assert error and row.invalid[1] == case.raw and 1 not in row.values
    else:
        assert error is None and 1 not in row.invalid


def test_a_reason_quotes_at_most_a_short_part_of_a_long_input():
    error = parse_amount("x" * 100_000).error
    assert error.startswith("不是数字") and len(error) < 60


two_decimals = st.integers(min_value=-int(MAX_ABS * 100), max_value=int(MAX_ABS * 100)).map(lambda c: D(c) / 100)


@given(two_decimals)
@settings(max_examples=2000)
def test_every_displayed_amount_parses_back_to_the_same_decimal(v):
    for shown in (fmt_amount(v), fmt_plain(v)):
        parsed = parse_amount(shown)
        assert parsed.error is None and parsed.value == v and parsed.value.as_tuple().exponent == -2


FULLWIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


@given(two_decimals, st.sampled_from(["", " ", "\u3000", "\u00a0", "\t"]), st.booleans())
def test_displayed_amounts_survive_full_width_padding_and_pdf_spacing(v, pad, full):
    shown = fmt_amount(v)
    spaced = shown.replace(",", ", ").replace(".", ". ")  # as pdftotext extracts printed tables
    for text in (shown, spaced):
        text = pad + (text.translate(FULLWIDTH) if full else text) + pad
        assert parse_amount(text).value == v, text


@given(two_decimals.filter(lambda v: v > 0))
def test_parentheses_and_every_minus_sign_negate(v):
    for text in (f"({fmt_amount(v)})", f"（{fmt_amount(v)}）", f"−{v}", f"－{v}", f"‐{v}", f"{v}万元"):
        expected = v if text.endswith("万元") else -v
        assert parse_amount(text).value == expected, text


@given(st.integers(min_value=int(MAX_ABS * 100) + 1, max_value=10**30))
def test_amounts_beyond_the_limit_are_refused_not_misread(cents):
    v = D(cents) / 100
    assert "过大" in parse_amount(fmt_amount(v)).error
    assert "过大" in parse_amount(-v).error


@given(st.text(max_size=40))
@settings(max_examples=3000)
def test_any_text_gives_a_value_an_empty_cell_or_a_reason(text):
    parsed = parse_amount(text)
    if parsed.error is not None:
        assert parsed.value is None and parsed.error.strip()
    elif parsed.value is not None:
        assert parsed.value.as_tuple().exponent == -2 and abs(parsed.value) <= MAX_ABS
    else:
        assert not "".join(ch for ch in text if ch.isprintable() and not ch.isspace()).strip("\u200b\ufeff")


@given(st.text(alphabet="0123456789.,-+() 万元%eE\u3000，。", max_size=20))
@settings(max_examples=3000)
def test_a_value_read_from_text_has_exactly_the_digits_typed(text):
    # No two figures glued into one with a digit lost or doubled, no digit invented or dropped:
    # apart from leading and trailing zeros, the value's digits are the typed digits in order.
    parsed = parse_amount(text)
    if parsed.value is not None:
        typed = "".join(ch for ch in text if ch.isdigit())
        cents = str(abs(int(parsed.value * 100)))
        assert cents.strip("0") == typed.strip("0"), (text, parsed.value)
