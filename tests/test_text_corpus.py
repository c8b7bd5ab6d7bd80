"""A corpus of correct sentences (issue 11 item 6): text that is right yields no 错误, 尾数差异 or 警告.

- The three seeds' published 情况说明, each against its own data: every finding of those severities
  is one of the seed's real errors, listed here with why it is one; every other sentence is silent.
- The Shanghai 2024 template's sentences filled from a department by plain substitution of their
  XX (tests/corpus/shanghai.py says which XX is which figure): silent, its figures verified where
  the data hold them and left untied where they do not, and a figure changed is found at its span.
"""

from __future__ import annotations

import re

import pytest

from checks.engine import run_checks
from checks.finding import Severity
from checks.text import check_text, split_sections
from tests.corpus import shanghai
from tests.seed_data import caidian_2024, qingshan_2023
from tests.text_fixtures import findings_of, hongshan_2021, text_only_2021, with_seed_text

E, R, W = Severity.ERROR, Severity.ROUNDING, Severity.WARNING

# (rule, section, the span's text) of each real error of a seed's text.
REAL = {
    "001": {
        ("T711", "五", "小于"),  # 年初预算 0, 决算 11.30: 大于
        ("T711", "五", "小于"),  # 年初预算 0, 决算 2.24: 大于
        ("T701", "九", "30"),  # “三公” 全年预算 against 09表 31.62 …
        ("T705", "九", "105.4%"),  # … so its completion rate is 100.0%, not what 30 gives
        ("T701", "九", "3"),
        ("T705", "九", "476.6%"),
        ("T701", "九", "27"),
        ("T705", "九", "64.1%"),
        ("T702", "十一", "12.1%"),  # every contract went to SMEs: each kind's share is 100%
        ("T702", "十一", "87.9%"),
        ("T701", "十三", "85.47"),  # 部门整体支出 is 1105.52
        ("T701", "十三", "1,159.01"),  # 年初预算 1149.01, three times
    },
    "002": set(),
    "000": {
        ("T701", "五", "93.74"),  # 一般公共服务（类） is 923.30 in 05表 and in 五(二)
        ("T705", "五", "93.7%"),  # … its completion rate then is 923.3%
        ("T711", "五", "小于"),  # … and it is more than its 年初预算 100
        ("T701", "五", "26.49"),  # 卫生健康支出 is 71.46
    },
    "000-text": {
        ("T707", "五", "93.74"),  # without data: 一般公共服务（类） 923.30 and 93.74 in one section
        ("T707", "五", "26.49"),
        ("T706", "六", "1021.71"),  # 基本支出 1021.71 written as 902.41 + 119.31 = 1021.72
    },
}
SEEDS = {
    "001": lambda: with_seed_text(caidian_2024(), "001"),
    "002": lambda: with_seed_text(qingshan_2023(), "002"),
    "000": hongshan_2021,
    "000-text": text_only_2021,
}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_right_sentence_of_a_seed_is_silent_and_its_real_errors_are_found(seed):
    spoken = {
        (f.rule, f.locations[0].section, "".join((f.locations[0].text or "").split()))
        for f in findings_of(SEEDS[seed]())
        if f.severity in (E, R, W)
    }
    assert spoken == REAL[seed]


@pytest.fixture(scope="module")
def filled():
    p = shanghai.department()
    p.text = split_sections(shanghai.filled(p), shanghai.VARIANT)
    return p


def test_the_shanghai_template_filled_consistently_is_silent(filled):
    assert list(filled.text)[:11] == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
    report = check_text(filled, run_checks(filled))
    assert [f.message for f in report.findings if f.severity in (E, R, W)] == []
    # What the department holds is verified in the template's own words…
    verified = {
        sid: {"".join(filled.text[sid][a:b].split()) for a, b in spans} for sid, spans in report.verified_spans.items()
    }
    f = shanghai.figures(filled)
    for sid, key in (
        ("一", "grand"),  # 收入支出总计
        ("一", "rate:grand"),
        ("四", "fgrand"),  # 财政拨款收入支出总计
        ("五", "done:gexp"),  # 完成年初预算的
        ("五", "a:2050203"),  # an item's 支出决算为
        ("五", "sh:c205"),
        ("三", "sh:project"),  # 占…
        ("七", "done:abroad"),  # an entry's own completion rate
        ("七", "rate:vehicle"),
        ("七", "sh:reception"),
        ("八", "a:fund"),  # a 政府性基金 项
        ("十一", "admin"),
        ("十一", "proc"),  # 政府采购金额（以合同签订为准）为
        ("十一", "vehicles"),
        ("十", "target_money"),  # 编报绩效目标的…项目 N 个，涉及预算金额 …
        ("十", "rated_excellent"),
        ("十一", "sme_won_reserved"),  # 在面向中小企业预留的…中标或成交的，采购金额
        ("十一", "equipment"),  # 单价 100 万元（含）以上设备（不含车辆）
    ):
        assert any(v.startswith(f[key]) or v.endswith(f[key]) or f[key] in v for v in verified[sid]), (sid, key)
    # … and what it does not hold (外宾接待, the 绩效 problems found) is left untied, never guessed.
    untied = {"".join((x.locations[0].text or "").split()) for x in report.findings if x.rule == "T712"}
    assert f["zero"] in untied
    assert report.coverage.verified >= 0.8 * report.coverage.found


@pytest.mark.parametrize(
    ("sid", "key", "rule"),
    [
        ("一", "grand", "T701"),
        ("一", "rate:grand", "T704"),
        ("三", "sh:basic", "T702"),
        ("五", "done:gexp", "T705"),
        ("五", "a:2050205", "T701"),
        ("七", "done:vehicle", "T705"),
        ("七", "chg:reception", "T703"),
        ("十一", "goods", "T701"),
        ("十一", "small_micro_won_reserved", "T701"),
        ("十", "tracking_money", "T701"),
        ("十", "perf_n", "T713"),
    ],
)
def test_a_figure_changed_in_the_filled_template_is_found_at_its_span(filled, sid, key, rule):
    f = shanghai.figures(filled)
    text = filled.text[sid]
    at = re.search(rf"(?<![\d.]){re.escape(f[key])}(?![\d.])", text).start()  # the figure, not a part of one
    wrong = "9" + f[key]
    filled.text[sid] = text[:at] + wrong + text[at + len(f[key]) :]
    try:
        errors = [x for x in check_text(filled, run_checks(filled)).findings if x.severity is E]
    finally:
        filled.text[sid] = text
    hits = [x for x in errors if x.locations[0].section == sid and x.locations[0].start <= at < x.locations[0].end]
    assert [x.rule for x in hits] == [rule], [x.message for x in errors]
