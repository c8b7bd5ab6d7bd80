"""The rounding rule of checks.md and the percentage rule of document.md."""

from decimal import Decimal as D

from checks.finding import Severity
from checks.percent import judge_percent
from checks.tolerance import judge_difference


def test_interval_rule_for_sums():
    # n children and the parent each stand for ±0.005
    assert judge_difference("H202", D("0"), 4) is None
    assert judge_difference("H202", D("0.01"), 1) is Severity.ROUNDING  # identity: a cent is rounding
    assert judge_difference("H202", D("0.02"), 1) is Severity.ERROR
    assert judge_difference("H202", D("0.02"), 3) is Severity.ROUNDING  # bound 0.02
    assert judge_difference("H202", D("-0.02"), 4) is Severity.ROUNDING  # sign does not matter
    assert judge_difference("H202", D("-0.03"), 4) is Severity.ERROR  # bound 0.025


def test_interval_bound_is_exact():
    assert judge_difference("F101", D("0.025"), 4) is Severity.ROUNDING
    assert judge_difference("F101", D("0.03"), 4) is Severity.ERROR
    assert judge_difference("F101", D("0.03"), 5) is Severity.ROUNDING


def test_soft_rules_ignore_rounding_and_warn_beyond():
    assert judge_difference("W405", D("0.01"), 1) is None
    assert judge_difference("W405", D("0.02"), 1) is Severity.WARNING


def test_percentages():
    # 002: 939.82 / 1132.98 = 82.95% written "83%"
    assert judge_percent(D("83"), D("939.82"), D("1132.98")) is None
    # 002: 43.66 / 1132.98 = 3.854% written "3.8%": truncation only → 提示
    assert judge_percent(D("3.8"), D("43.66"), D("1132.98")) is Severity.HINT
    # 001: 859.36 / 1105.52 = 77.734% written "77.73%"
    assert judge_percent(D("77.73"), D("859.36"), D("1105.52")) is None
    # 001: 31.62 / 30 = 105.4% (the text's own budget) — right; against 31.62 it is wrong
    assert judge_percent(D("105.4"), D("31.62"), D("30")) is None
    assert judge_percent(D("105.4"), D("31.62"), D("31.62")) is Severity.ERROR
    # a value explained only by the inputs' own rounding
    assert judge_percent(D("50.1"), D("0.01"), D("0.02")) is Severity.ROUNDING
