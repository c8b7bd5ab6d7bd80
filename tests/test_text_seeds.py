"""The seeds' published texts checked against their own tables and supplementary data.

Each known error of a seed's text is found, with its severity, its exact span and the expected
value; the consistent sentences around it stay silent.
"""

from __future__ import annotations

from decimal import Decimal
from decimal import Decimal as D

import pytest

from checks.engine import run_checks
from checks.finding import Severity
from checks.text import check_text
from tests.seed_data import caidian_2024, qingshan_2023
from tests.text_fixtures import at, findings_of, hongshan_2021, pick, text_only_2021, with_seed_text

E, R, H = Severity.ERROR, Severity.ROUNDING, Severity.HINT


@pytest.fixture(scope="module")
def caidian():
    p = with_seed_text(caidian_2024(), "001")
    return p, findings_of(p)


@pytest.fixture(scope="module")
def qingshan():
    p = with_seed_text(qingshan_2023(), "002")
    return p, findings_of(p)


@pytest.fixture(scope="module")
def hongshan():
    p = hongshan_2021()
    return p, findings_of(p)


def one(findings, rule, section, text):
    hits = pick(findings, rule, section, text)
    assert len(hits) == 1, [f.message for f in pick(findings, rule, section)]
    return hits[0]


# ---------------------------------------------------------------- 001 (2024 蔡甸区委办公室)


def test_001_three_public_budgets_in_nine_against_table_09(caidian):
    p, fs = caidian
    for written, expected in (("30", "31.62"), ("3", "14.30"), ("27", "17.32")):
        f = one(fs, "T701", "九", written)
        assert f.severity is E and f.expected == expected
        assert at(p, f) == written
        assert "09表 预算数" in f.message
    # …and the completion rates computed from them are wrong against the table.
    for written in ("105.4%", "476.6%", "64.1%"):
        f = one(fs, "T705", "九", written)
        assert f.severity is E and f.expected == "100.0%"


def test_001_initial_budget_1159_01_in_thirteen_against_1149_01(caidian):
    p, fs = caidian
    hits = pick(fs, "T701", "十三", "1,159.01")
    assert len(hits) == 3 and all(f.severity is E and f.expected == "1,149.01" for f in hits)
    # 五 writes 1149.01, the figure the supplementary data hold: silent.
    assert not [f for f in fs if f.locations[0].section == "五" and "1149.01" in (f.locations[0].text or "")]


def test_001_the_two_budgets_are_the_same_fact_written_twice_when_no_data_says_which(caidian):
    p = with_seed_text(caidian_2024(), "001")
    p.supplementary.budget.general_total = None
    fs = findings_of(p)
    f = one(fs, "T707", None, "1,159.01")
    assert f.severity is E
    assert [loc.section for loc in f.locations] == ["十三", "五"]
    assert "1149.01" in f.message and "1,159.01" in f.message


def test_001_procurement_total_against_its_parts_is_a_rounding_difference(caidian):
    p, fs = caidian
    # The supplementary data hold 28.52 against 3.45 + 25.06 = 28.51 (S501, 尾数差异); 十一 quotes
    # them as they are. One root cause, one finding: the data's.
    (f,) = [f for f in run_checks(p) if f.rule == "S501"]
    assert f.severity is R and f.expected == D("28.51") and f.actual == D("28.52")
    assert not pick(fs, "T706", "十一")
    # Judged without what the data checks found, the text's own sum says the same.
    (g,) = pick(check_text(p).findings, "T706", "十一", "28.52")
    assert g.severity is R and g.expected == "28.51"
    assert [loc.text for loc in g.locations[1:]] == ["3.45", "25.06"]


def test_001_other_real_errors(caidian):
    p, fs = caidian
    # 卫生健康 43.50/1105.52 = 3.935%: 3.93 by half-up, 3.94 only with the inputs' rounding. But 05表's
    # 合计 1105.52 is 0.01 more than its classes (H202, 尾数差异): one class is a cent short of it, and
    # 43.51/1105.52 = 3.94%. The table's gap is reported once, at the table, not again in the text.
    assert not pick(fs, "T702", "五", "3.94%")
    assert [f for f in run_checks(p) if f.rule == "H202" and (f.actual, f.expected) == (D("1105.52"), D("1105.51"))]
    # "年初预算为0万元,支出决算为2.24万元,支出决算数小于年初预算数"
    hits = pick(fs, "T711", "五", "小于")
    assert len(hits) == 2 and {f.expected for f in hits} == {"大于"}
    # All contracts went to SMEs, so each kind's SME share is 100%, not the kind's share of the total.
    assert one(fs, "T702", "十一", "12.1%").expected == "100.0%"
    assert one(fs, "T702", "十一", "87.9%").expected == "100.0%"
    # "整体支出绩效自评,资金 85.47万元" while the whole department spent 1105.52.
    assert one(fs, "T701", "十三", "85.47").expected == "1105.52"
    # 项目支出 90.52 in 十三: 05表 prints 90.51 but its classes add up to 90.52, which the table's
    # own H202 reports; the text agrees with the sum of the parts, so it is not a second finding.
    assert not pick(fs, "T701", "十三", "90.52")
    assert [f for f in run_checks(p) if f.rule == "H202" and (f.actual, f.expected) == (D("90.51"), D("90.52"))]
    # Template text left in: "大(小)于", "大小于", and an instruction in 名词解释.
    assert pick(fs, "T714", "五", "大(小)于") and pick(fs, "T714", "五", "大小于")
    assert [f for f in pick(fs, "T714", "名词解释") if "请依据" in f.locations[0].text]
    # 六 lists items that 06表 shows nothing for.
    listed = {f.locations[0].text for f in pick(fs, "T715", "六")}
    assert {"伙食补助费", "印刷费", "无形资产购置"} <= listed
    assert "基本工资" not in listed and "公务用车运行维护费" not in listed


def test_001_consistent_sentences_stay_silent(caidian):
    p, fs = caidian
    spoken = {(f.locations[0].section, "".join((f.locations[0].text or "").split())) for f in fs}
    for section, text in (
        ("一", "1105.52"),
        ("一", "114.77"),
        ("一", "11.6%"),
        ("三", "91.8%"),
        ("三", "8.2%"),
        ("五", "77.73%"),
        ("五", "96.2%"),
        ("九", "20.93"),
        ("九", "195.8%"),
        ("十", "15.95"),
        ("十", "13.4%"),
        ("十三", "94.4%"),
    ):
        assert (section, text) not in spoken, (section, text)
    assert not [f for f in fs if f.locations[0].section in ("一", "二", "三", "四")]


def test_001_findings_all_errors_listed(caidian):
    _p, fs = caidian
    errors = sorted(
        (f.rule, f.locations[0].section, "".join(f.locations[0].text.split())) for f in fs if f.severity is E
    )
    assert errors == sorted(
        [
            ("T711", "五", "小于"),
            ("T711", "五", "小于"),
            ("T701", "九", "30"),
            ("T705", "九", "105.4%"),
            ("T701", "九", "3"),
            ("T705", "九", "476.6%"),
            ("T701", "九", "27"),
            ("T705", "九", "64.1%"),
            ("T702", "十一", "12.1%"),
            ("T702", "十一", "87.9%"),
            ("T701", "十三", "85.47"),
            ("T701", "十三", "1,159.01"),
            ("T701", "十三", "1,159.01"),
            ("T701", "十三", "1,159.01"),
        ]
    )


# ---------------------------------------------------------------- 002 (2023 青山区委办公室)


def test_002_a_truncated_share_is_a_hint(qingshan):
    p, fs = qingshan
    f = one(fs, "T702", "五", "3.8%")
    assert f.severity is H and f.expected == "3.9%"
    assert "43.66÷1132.98" in f.message


def test_002_template_name_left_in_procurement(qingshan):
    _p, fs = qingshan
    assert one(fs, "T714", "十一", "部门名称").severity is H


def test_002_has_no_other_error_or_warning_in_its_text(qingshan):
    _p, fs = qingshan
    assert [f.message for f in fs if f.severity in (E, R, Severity.WARNING)] == []


def test_002_checked_sentences_of_note_are_silent(qingshan):
    _p, fs = qingshan
    spoken = {"".join((f.locations[0].text or "").split()) for f in fs if f.rule != "T712"}
    # "各减少 259.4万元，下降 18.6%"; "下降 18.63%"; "完成预算的 52.2%"; "降低 26.2%"; 燃油费+…=10.96
    for text in ("259.4", "18.6%", "18.63%", "52.2%", "26.2%", "10.04", "83%", "7%", "6.2%"):
        assert text not in spoken


# ---------------------------------------------------------------- 000 (2021 洪山区委办公室, text only)


def test_000_internal_consistency_without_any_data():
    fs = findings_of(text_only_2021())
    # 卫生健康 71.46 of 1141.94 (both written in 五) is 6.26%: "6.2%" is the truncation.
    f = one(fs, "T702", "五", "6.2%")
    assert f.severity is H and f.expected == "6.3%"
    # 五 gives 一般公共服务（类） 923.30 in (二) and 93.74 in (三): the same fact twice.
    twice = pick(fs, "T707", "五")
    assert {tuple("".join(loc.text.split()) for loc in f.locations) for f in twice} == {
        ("93.74", "923.30"),
        ("26.49", "71.46"),
    }
    # 六: 基本支出 1021.71 written as 人员经费 902.41 + 公用经费 119.31 = 1021.72.
    f = one(fs, "T706", "六", "1021.71")
    assert f.severity is R and f.expected == "1021.72"
    # Percentages recomputed from the text's own amounts stay silent when right.
    spoken = {"".join((f.locations[0].text or "").split()) for f in fs if f.rule != "T712"}
    for text in ("89.5%", "10.5%", "3.2%", "2.5%", "95.0%", "48.5%", "18.5%", "18.6%", "91.6%", "77.7%"):
        assert text not in spoken


def test_000_against_the_facts_its_text_states(hongshan):
    p, fs = hongshan
    assert one(fs, "T701", "五", "93.74").expected == "923.30"
    assert one(fs, "T701", "五", "26.49").expected == "71.46"
    assert one(fs, "T702", "五", "6.2%").severity is H
    # 六's sum agrees with the tables it comes from; the tables' own X312 reports their 0.01.
    assert not pick(fs, "T706", "六")
    assert not pick(fs, "T709")  # every year written is 2021 or, compared with, 2020


def test_000_coverage_is_reported(hongshan):
    from checks.text import check_text

    cov = check_text(hongshan[0]).coverage
    assert cov.found > 100 and cov.verified / cov.found > Decimal("0.9")
