"""Checking as the user types: re-reading one section gives what a full check gives."""

from __future__ import annotations

from decimal import Decimal

from checks.text import TextSession, check_text
from tests.seed_data import caidian_2024
from tests.text_fixtures import with_seed_text


def keys(findings):
    return sorted((f.key, f.severity, f.message) for f in findings)


def test_an_edit_of_one_section_gives_the_same_result_as_a_full_check():
    p = with_seed_text(caidian_2024(), "001")
    session = TextSession(p)
    before = keys(session.findings())
    p.text["九"] = p.text["九"].replace("全年预算为30万元", "全年预算为31.62万元")
    session.section_changed("九")
    after = keys(session.findings())
    assert after == keys(check_text(p).findings)
    assert [k for k in before if k[0].startswith("T701|九|three.total")]
    assert not [k for k in after if k[0].startswith("T701|九|three.total")]
    # The items below still say 3 + 27 + 0, each against 09表's 14.30 and 17.32: their own findings
    # stay, and the total no longer adding up to them is those findings' consequence, not another.
    assert [k[0] for k in after if k[0].startswith("T701|九|three.")] == [
        "T701|九|three.abroad|value|budget|1",
        "T701|九|three.vehicle|value|budget|1",
    ]
    assert not [k for k in after if k[0].startswith("T706|九")]


def test_a_cross_section_fact_follows_an_edit_elsewhere():
    p = with_seed_text(caidian_2024(), "001")
    p.supplementary.budget.general_total = None
    session = TextSession(p)
    assert [f for f in session.findings() if f.rule == "T707"]
    # Correcting 十三 to say what 五 says clears the finding that spans both sections.
    p.text["十三"] = p.text["十三"].replace("1,159.01", "1,149.01")
    session.section_changed("十三")
    assert not [f for f in session.findings() if f.rule == "T707"]


def test_a_change_of_the_data_rejudges_without_rereading():
    p = with_seed_text(caidian_2024(), "001")
    session = TextSession(p)
    readings = dict(session.readings)
    p.tables["three"].row("data").values.update({1: Decimal("30.00"), 2: Decimal("3.00"), 3: Decimal("27.00")})
    session.data_changed()
    assert all(session.readings[s] is readings[s] for s in readings)
    assert not [f for f in session.findings() if f.rule == "T701" and f.locations[0].section == "九"]
    assert keys(session.findings()) == keys(check_text(p).findings)


def test_coverage_and_verified_spans():
    p = with_seed_text(caidian_2024(), "001")
    session = TextSession(p)
    cov = session.coverage()
    # 153: 九's "公务用车保有量为6辆" stands in the item about 公务用车运行费 and is no longer taken
    # for 十二's 车辆总数.
    assert cov.found == 153 and cov.verified >= 145
    spans = session.verified_spans("一")
    assert [p.text["一"][a:b] for a, b in spans] == ["1105.52", "增加 114.77", "11.6%"]


def test_an_unchanged_section_is_not_read_again():
    p = with_seed_text(caidian_2024(), "001")
    session = TextSession(p)
    reading = session.readings["五"]
    session.section_changed("五")
    assert session.readings["五"] is reading
    p.text["五"] = ""
    session.section_changed("五")
    assert "五" not in session.readings


def test_renaming_a_project_in_the_supplementary_data_rereads_the_text():
    p = with_seed_text(caidian_2024(), "001")
    session = TextSession(p)
    before = [f for f in session.findings() if f.locations[0].section == "十三" and f.rule == "T712"]
    p.supplementary.performance.projects[0].name = "另一个项目"
    session.data_changed()
    after = [f for f in session.findings() if f.locations[0].section == "十三" and f.rule == "T712"]
    # "督办、文印…信息化" no longer names a project of the data: its figures are no longer tied.
    assert len(after) > len(before)
