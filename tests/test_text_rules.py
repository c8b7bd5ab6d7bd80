"""Every text rule (T7xx) fires on a bad sentence and stays silent on the right one.

The data are seed 001's (2024 蔡甸区委办公室): 收、支总计 1105.52, 上年 990.75; 基本支出 1015.00,
项目支出 90.51; 09表 预算 31.62 / 14.30 / 17.32; 机关运行经费 103.36, 年初预算 119.31; …
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks.finding import Severity
from checks.rules.every_rule import RULES
from checks.text import check_text
from model.layout import T
from tests.seed_data import caidian_2024
from tests.text_fixtures import at, pick

E, R, H = Severity.ERROR, Severity.ROUNDING, Severity.HINT


@pytest.fixture(scope="module")
def base():
    return caidian_2024()


def run(project, **texts):
    project.text = dict(texts)
    return check_text(project).findings


def fires(project, rule, section, text, written):
    """The findings of ``rule`` on ``written`` when ``section`` holds ``text``."""
    hits = pick(run(project, **{section: text}), rule, section, written)
    for f in hits:
        assert at(project, f).replace(" ", "") == written
    return hits


def silent(project, rule, section, text):
    return not pick(run(project, **{section: text}), rule)


def test_every_text_rule_is_in_the_catalog_with_a_template():
    ids = [r for r in RULES if r.startswith("T7")]
    assert ids == [f"T7{n:02d}" for n in range(1, 16)]
    for r in ids:
        assert "{" in RULES[r].template


def test_T701_an_amount_against_the_tables(base):
    (f,) = fires(base, "T701", "三", "2024年度支出合计1105.52万元。其中：基本支出1016万元。", "1016")
    assert f.severity is E and f.expected == "1015"
    assert "03表 合计·基本支出" in f.message
    (f,) = fires(base, "T701", "三", "其中：基本支出1015.01万元。", "1015.01")
    assert f.severity is R and f.expected == "1015.00"
    assert silent(base, "T701", "三", "2024年度支出合计1105.52万元。其中：基本支出1015万元，项目支出90.51万元。")


def test_T701_an_amount_against_the_supplementary_data(base):
    (f,) = fires(base, "T701", "十", "机关运行经费支出 113.36 万元。", "113.36")
    assert f.expected == "103.36" and "补充数据" in f.message
    assert silent(base, "T701", "十", "机关运行经费支出 103.36 万元。")


def test_T702_a_share(base):
    (f,) = fires(base, "T702", "三", "基本支出1015万元，占本年支出92.8%。", "92.8%")
    assert f.severity is E and f.expected == "91.8%"
    assert silent(base, "T702", "三", "基本支出1015万元，占本年支出91.8%。")
    # Written with two decimals, judged at two decimals.
    assert silent(base, "T702", "五", "1.一般公共服务支出类支出859.36万元，占77.73%。")
    assert silent(base, "T702", "五", "1.一般公共服务支出类支出859.36万元，占77.7%。")


def test_T702_truncation_only_is_a_hint_rounding_of_the_inputs_is_a_rounding_difference(base):
    (f,) = fires(base, "T702", "五", "4.住房保障支出类支出93.28万元，占8.43%。", "8.43%")
    assert f.severity is H and f.expected == "8.44%"
    (f,) = fires(base, "T702", "五", "3.卫生健康支出类支出43.50万元，占3.94%。", "3.94%")
    assert f.severity is R and f.expected == "3.93%"


def test_T703_a_change_against_last_year_and_against_the_budget(base):
    (f,) = fires(base, "T703", "一", "与2023年度相比，收、支总计增加 104.77 万元，增长 11.6%。", "增加104.77")
    assert f.severity is E and f.expected == "增加114.77"
    (f,) = fires(base, "T703", "一", "与2023年度相比，收、支总计减少 114.77 万元。", "减少114.77")
    assert f.severity is E and f.expected == "增加114.77" and "应为增加 114.77" in f.message
    (f,) = fires(base, "T703", "十", "机关运行经费支出103.36万元，比年初预算数减少 5.95 万元。", "减少5.95")
    assert f.expected == "减少15.95"
    assert silent(base, "T703", "一", "与2023年度相比，收、支总计增加 114.77 万元，增长 11.6%。")
    assert silent(base, "T703", "十", "机关运行经费支出103.36万元，比年初预算数减少 15.95 万元，下降 13.4%。")


def test_T704_a_rate_of_change(base):
    (f,) = fires(base, "T704", "一", "与2023年度相比，收、支总计增加 114.77 万元，增长 12.6%。", "12.6%")
    assert f.severity is E and f.expected == "11.6%"
    assert "114.77÷990.75" in f.message
    assert silent(base, "T704", "一", "与2023年度相比，收、支总计增加 114.77 万元，增长 11.6%。")
    # "增幅"/"降幅" and "增长率" are rates too.
    (f,) = fires(base, "T704", "十", "机关运行经费支出103.36万元，较年初预算减少15.95万元，降幅13.5%。", "13.5%")
    assert f.expected == "13.4%"
    assert silent(base, "T704", "二", "本年收入合计1105.52万元，较上年增加114.77万元，增幅11.6%。")
    # Without last year's figure the change written is used: 114.77 ÷ (1105.52 − 114.77).
    base2 = caidian_2024()
    base2.supplementary.last_year.grand_total = None
    (f,) = fires(base2, "T704", "一", "收、支总计1105.52万元，增加 114.77 万元，增长 11.5%。", "11.5%")
    assert f.expected == "11.6%"


def test_T705_a_completion_rate(base):
    text = "年初预算为1149.01 万元,支出决算为1105.52 万元,完成年初预算的{}。"
    (f,) = fires(base, "T705", "五", "一般公共预算财政拨款支出" + text.format("95.2%"), "95.2%")
    assert f.severity is E and f.expected == "96.2%"
    assert silent(base, "T705", "五", "一般公共预算财政拨款支出" + text.format("96.2%"))
    # Nothing budgeted, nothing spent: "完成预算的100%" is the convention.
    assert silent(base, "T705", "九", "3.公务接待费全年预算为0万元，支出决算为0万元，完成预算的100%。")


def test_T706_a_total_against_the_parts_the_text_lists(base):
    (f,) = fires(base, "T706", "九", "（2）公务用车运行费17.32万元，其中：燃油费6万元、维修费2.91万元。", "17.32")
    assert f.severity is E and f.expected == "8.91"
    assert silent(base, "T706", "九", "（2）公务用车运行费17.32万元，其中：燃油费6万元、维修费11.32万元。")


def test_T707_the_same_fact_written_twice(base):
    p = caidian_2024()
    p.supplementary.admin_cost.amount = None
    findings = run(p, **{"十": "机关运行经费支出 103.36 万元。", "十三": "机关运行经费支出 130.36 万元。"})
    (f,) = pick(findings, "T707")
    assert f.severity is E and {loc.section for loc in f.locations} == {"十", "十三"}
    findings = run(p, **{"十": "机关运行经费支出 103.36 万元。", "十三": "机关运行经费支出 103.36 万元。"})
    assert not pick(findings, "T707")


def test_T708_an_amount_written_in_yuan(base):
    (f,) = fires(base, "T708", "六", "人员经费 911.64 元，公用经费 103.36 万元。", "911.64元")
    assert f.expected == "911.64万元"
    assert silent(base, "T708", "六", "人员经费 9116400 元，公用经费 103.36 万元。")


def test_T709_a_year(base):
    (f,) = fires(base, "T709", "一", "2023年度收、支总计均为1105.52万元。", "2023")
    assert f.expected == "2024"
    (f,) = fires(
        base, "T709", "一", "2024年度收、支总计均为1105.52万元。与2022年度相比，收、支总计增加114.77万元。", "2022"
    )
    assert f.expected == "2023"
    assert silent(base, "T709", "一", "2024年度收、支总计均为1105.52万元。与2023年度相比，收、支总计增加114.77万元。")
    assert silent(base, "T709", "十二", "截至2024年12月31日，共有车辆6辆。")


def test_T710_a_none_sentence_against_the_table(base):
    p = caidian_2024()
    fund = p.tables[T.FUND]
    fund.add_subject("2120801", "征地和拆迁补偿支出").values.update({2: Decimal("5.00"), 3: Decimal("5.00")})
    fund.touch()
    (f,) = fires(p, "T710", "七", "本部门当年无政府性基金预算财政拨款收入支出。", "无政府性基金预算财政拨款收入")
    assert f.severity is E and "07表" in f.message
    assert silent(base, "T710", "七", "本部门当年无政府性基金预算财政拨款收入支出。")
    (f,) = fires(base, "T710", "九", "主要原因：无公务用车运行维护费支出。", "无公务用车运行维护费")
    assert silent(base, "T710", "九", "主要原因：无公务接待费支出。")


def test_T711_a_direction_word(base):
    text = "（3）卫生健康支出(类)行政事业单位医疗(款)其他行政事业单位医疗支出(项)。年初预算为0万元，支出决算为2.24万元，支出决算数{}年初预算数的主要原因：用于市管干部医疗。"
    (f,) = fires(base, "T711", "五", text.format("小于"), "小于")
    assert f.expected == "大于"
    assert silent(base, "T711", "五", text.format("大于"))
    (f,) = fires(base, "T711", "九", '"三公"经费支出决算为31.62万元。决算数较上年减少的主要原因是车辆老化。', "减少")
    assert f.expected == "增加"


def test_T712_a_figure_that_ties_to_nothing_is_listed(base):
    (f,) = fires(base, "T712", "五", "项目支出主要用于购买劳务支出 44.89 万元。", "44.89")
    assert f.severity is H and f.expected is None
    assert silent(base, "T712", "五", "项目支出90.51万元。")


def test_T713_a_count(base):
    (f,) = fires(base, "T713", "十二", "截至2024年12月31日，共有车辆 7 辆。", "7")
    assert f.expected == "6"
    (f,) = fires(base, "T713", "概况.人员", "在职实有人数26人，其中：行政21人，机关工勤2人，事业编2人。", "21")
    assert f.expected == "22"
    assert silent(base, "T713", "概况.人员", "在职实有人数26人，其中：行政22人，机关工勤2人，事业编2人。")


def test_T714_template_words_and_placeholders(base):
    (f,) = fires(base, "T714", "十一", "2024年度部门名称政府采购支出总额28.52万元。", "部门名称")
    assert f.severity is H
    assert fires(base, "T714", "一", "主要原因是【……】。", "【……】")
    assert silent(base, "T714", "十一", "2024年度本部门政府采购支出总额28.52万元。")


def test_T715_an_item_listed_without_an_amount_in_table_06(base):
    (f,) = fires(base, "T715", "六", "人员经费911.64万元，主要包括：基本工资、伙食补助费。", "伙食补助费")
    assert "30106" in f.message
    assert silent(base, "T715", "六", "人员经费911.64万元，主要包括：基本工资、津贴补贴。")
