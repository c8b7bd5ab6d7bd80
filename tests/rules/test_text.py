"""T: the 情况说明, judged against the data of seed 001 (2024 蔡甸区委办公室): 收、支总计 1105.52,
上年 990.75; 基本支出 1015.00, 项目支出 90.51; 09表 预算 31.62 / 14.30 / 17.32; 机关运行经费
103.36, 年初预算 119.31; …"""

from __future__ import annotations

from decimal import Decimal

from checks.finding import Severity
from checks.rules.every_rule import RULES
from checks.text import check_text
from model.layout import T
from tests.seed_data import caidian_2024
from tests.support.rule_cases import Family, Writes, writes

E, R, H = Severity.ERROR, Severity.ROUNDING, Severity.HINT


def _caidian():
    p = caidian_2024()
    p.text = {}
    return p


TEXT = Family(_caidian, lambda p: check_text(p).findings)


def fires(rule: str, says: str, severity: Severity, section: str, text: str, written: str, **facts) -> None:
    TEXT.fires(rule, says, severity, written=written, **facts)(writes(section, text))


def silent(rule: str, says: str, section: str, text: str) -> None:
    TEXT.silent(rule, says)(writes(section, text))


def test_every_text_rule_is_in_the_catalog_with_a_template():
    ids = [r for r in RULES if r.startswith("T7")]
    assert ids == [f"T7{n:02d}" for n in range(1, 16)]
    for r in ids:
        assert "{" in RULES[r].template


# T701 an amount against the tables and the supplementary data
fires(
    "T701",
    "基本支出写成1016万元（03表为1015.00）",
    E,
    "三",
    "2024年度支出合计1105.52万元。其中：基本支出1016万元。",
    "1016",
    expected="1015",
    message="03表 合计·基本支出",
)
fires(
    "T701",
    "基本支出写成1015.01万元：差0.01，尾数差异",
    R,
    "三",
    "其中：基本支出1015.01万元。",
    "1015.01",
    expected="1015.00",
)
silent(
    "T701",
    "基本支出、项目支出与03表一致",
    "三",
    "2024年度支出合计1105.52万元。其中：基本支出1015万元，项目支出90.51万元。",
)
fires(
    "T701",
    "机关运行经费写成113.36万元（补充数据为103.36）",
    E,
    "十",
    "机关运行经费支出 113.36 万元。",
    "113.36",
    expected="103.36",
    message="补充数据",
)
silent("T701", "机关运行经费与补充数据一致", "十", "机关运行经费支出 103.36 万元。")

# T702 a share
fires(
    "T702",
    "基本支出占本年支出写成92.8%（应为91.8%）",
    E,
    "三",
    "基本支出1015万元，占本年支出92.8%。",
    "92.8%",
    expected="91.8%",
)
silent("T702", "基本支出占本年支出91.8%", "三", "基本支出1015万元，占本年支出91.8%。")
silent("T702", "两位小数的占比按两位小数核对", "五", "1.一般公共服务支出类支出859.36万元，占77.73%。")
silent("T702", "一位小数的占比按一位小数核对", "五", "1.一般公共服务支出类支出859.36万元，占77.7%。")
fires(
    "T702",
    "占比截尾写成8.43%（四舍五入为8.44%）：提示",
    H,
    "五",
    "4.住房保障支出类支出93.28万元，占8.43%。",
    "8.43%",
    expected="8.44%",
)
fires(
    "T702",
    "占比3.94%只因两个数本身的尾数而与3.93%不同：尾数差异",
    R,
    "五",
    "3.卫生健康支出类支出43.50万元，占3.94%。",
    "3.94%",
    expected="3.93%",
)

# T703 a change against last year and against the budget
fires(
    "T703",
    "比上年增加写成104.77万元（应为114.77）",
    E,
    "一",
    "与2023年度相比，收、支总计增加 104.77 万元，增长 11.6%。",
    "增加104.77",
    expected="增加114.77",
)
fires(
    "T703",
    "增加说成了减少",
    E,
    "一",
    "与2023年度相比，收、支总计减少 114.77 万元。",
    "减少114.77",
    expected="增加114.77",
    message="应为增加 114.77",
)
fires(
    "T703",
    "比年初预算减少写成5.95万元（应为15.95）",
    E,
    "十",
    "机关运行经费支出103.36万元，比年初预算数减少 5.95 万元。",
    "减少5.95",
    expected="减少15.95",
)
silent("T703", "比上年的增加额正确", "一", "与2023年度相比，收、支总计增加 114.77 万元，增长 11.6%。")
silent("T703", "比年初预算的减少额正确", "十", "机关运行经费支出103.36万元，比年初预算数减少 15.95 万元，下降 13.4%。")

# T704 a rate of change
fires(
    "T704",
    "增长率写成12.6%（114.77÷990.75应为11.6%）",
    E,
    "一",
    "与2023年度相比，收、支总计增加 114.77 万元，增长 12.6%。",
    "12.6%",
    expected="11.6%",
    message="114.77÷990.75",
)
silent("T704", "增长率正确", "一", "与2023年度相比，收、支总计增加 114.77 万元，增长 11.6%。")
fires(
    "T704",
    "“降幅”写成13.5%（应为13.4%）",
    E,
    "十",
    "机关运行经费支出103.36万元，较年初预算减少15.95万元，降幅13.5%。",
    "13.5%",
    expected="13.4%",
)
silent("T704", "“增幅”正确", "二", "本年收入合计1105.52万元，较上年增加114.77万元，增幅11.6%。")


def _without_last_year(p):
    p.supplementary.last_year.grand_total = None


TEXT.fires(
    "T704",
    "没有上年数时，按文中所写的增加额核对增长率：114.77÷(1105.52−114.77)，11.5%是截尾",
    H,
    written="11.5%",
    expected="11.6%",
)(writes("一", "收、支总计1105.52万元，增加 114.77 万元，增长 11.5%。", _without_last_year))


# T705 a completion rate
_COMPLETION = "一般公共预算财政拨款支出年初预算为1149.01 万元,支出决算为1105.52 万元,完成年初预算的{}。"
fires("T705", "完成年初预算写成95.2%（应为96.2%）", E, "五", _COMPLETION.format("95.2%"), "95.2%", expected="96.2%")
silent("T705", "完成年初预算的比例正确", "五", _COMPLETION.format("96.2%"))
silent(
    "T705",
    "预算与决算都为0时写“完成预算的100%”",
    "九",
    "3.公务接待费全年预算为0万元，支出决算为0万元，完成预算的100%。",
)

# T706 a total against the parts the text lists
fires(
    "T706",
    "公务用车运行费17.32万元，所列分项之和只有8.91",
    E,
    "九",
    "（2）公务用车运行费17.32万元，其中：燃油费6万元、维修费2.91万元。",
    "17.32",
    expected="8.91",
)
silent("T706", "所列分项之和等于合计", "九", "（2）公务用车运行费17.32万元，其中：燃油费6万元、维修费11.32万元。")


# T707 the same fact written twice
def _without_admin_cost(p):
    p.supplementary.admin_cost.amount = None


_TWICE = Writes({"十": "机关运行经费支出 103.36 万元。", "十三": "机关运行经费支出 130.36 万元。"}, _without_admin_cost)
TEXT.fires("T707", "补充数据没有机关运行经费，十和十三写成两个不同的数", E, written="130.36")(_TWICE)
TEXT.silent("T707", "补充数据没有机关运行经费，十和十三写的数相同")(
    Writes({"十": "机关运行经费支出 103.36 万元。", "十三": "机关运行经费支出 103.36 万元。"}, _without_admin_cost)
)


def test_T707_points_at_both_sections():
    p = _caidian()
    _TWICE(p)
    (f,) = [f for f in check_text(p).findings if f.rule == "T707"]
    assert {loc.section for loc in f.locations} == {"十", "十三"}


# T708 an amount written in 元
fires(
    "T708",
    "人员经费911.64写成了元",
    E,
    "六",
    "人员经费 911.64 元，公用经费 103.36 万元。",
    "911.64元",
    expected="911.64万元",
)
silent("T708", "人员经费按元写成9116400元，数值正确", "六", "人员经费 9116400 元，公用经费 103.36 万元。")

# T709 a year
fires("T709", "本年写成2023年度", E, "一", "2023年度收、支总计均为1105.52万元。", "2023", expected="2024")
fires(
    "T709",
    "“与2022年度相比”：上年应为2023年度",
    E,
    "一",
    "2024年度收、支总计均为1105.52万元。与2022年度相比，收、支总计增加114.77万元。",
    "2022",
    expected="2023",
)
silent(
    "T709", "本年与上年都写对", "一", "2024年度收、支总计均为1105.52万元。与2023年度相比，收、支总计增加114.77万元。"
)
silent("T709", "“截至2024年12月31日”", "十二", "截至2024年12月31日，共有车辆6辆。")


# T710 a none sentence against the data
def _fund_filled(p):
    fund = p.tables[T.FUND]
    fund.add_subject("2120801", "征地和拆迁补偿支出").values.update({2: Decimal("5.00"), 3: Decimal("5.00")})
    fund.touch()


TEXT.fires(
    "T710",
    "政府性基金表填有金额，七却写“无政府性基金预算财政拨款收入支出”",
    E,
    written="无政府性基金预算财政拨款收入",
    message="07表",
)(writes("七", "本部门当年无政府性基金预算财政拨款收入支出。", _fund_filled))


silent("T710", "政府性基金表为空，七写“无政府性基金…”", "七", "本部门当年无政府性基金预算财政拨款收入支出。")
fires(
    "T710",
    "09表有公务用车运行维护费，九却写“无公务用车运行维护费支出”",
    E,
    "九",
    "主要原因：无公务用车运行维护费支出。",
    "无公务用车运行维护费",
)
silent("T710", "09表公务接待费为0，九写“无公务接待费支出”", "九", "主要原因：无公务接待费支出。")

# T711 a direction word
_DIRECTION = (
    "（3）卫生健康支出(类)行政事业单位医疗(款)其他行政事业单位医疗支出(项)。年初预算为0万元，支出决算为2.24万元，"
    "支出决算数{}年初预算数的主要原因：用于市管干部医疗。"
)
fires("T711", "决算2.24大于预算0，却写“小于”", E, "五", _DIRECTION.format("小于"), "小于", expected="大于")
silent("T711", "决算大于预算，写“大于”", "五", _DIRECTION.format("大于"))
fires(
    "T711",
    "“三公”经费比上年增加，却写“减少”",
    E,
    "九",
    '"三公"经费支出决算为31.62万元。决算数较上年减少的主要原因是车辆老化。',
    "减少",
    expected="增加",
)

# T712 a figure that ties to nothing is listed
fires(
    "T712",
    "项目支出中“购买劳务支出44.89万元”对不上任何数据",
    H,
    "五",
    "项目支出主要用于购买劳务支出 44.89 万元。",
    "44.89",
    expected=None,
)
silent("T712", "项目支出90.51万元与表中一致", "五", "项目支出90.51万元。")

# T713 a count
fires("T713", "车辆写成7辆（补充数据为6辆）", E, "十二", "截至2024年12月31日，共有车辆 7 辆。", "7", expected="6")
fires(
    "T713",
    "行政人员写成21人（补充数据为22人）",
    E,
    "概况.人员",
    "在职实有人数26人，其中：行政21人，机关工勤2人，事业编2人。",
    "21",
    expected="22",
)
silent("T713", "各类人数与补充数据一致", "概况.人员", "在职实有人数26人，其中：行政22人，机关工勤2人，事业编2人。")

# T714 template words and placeholders
fires("T714", "模板文字“部门名称”未替换", H, "十一", "2024年度部门名称政府采购支出总额28.52万元。", "部门名称")
fires("T714", "初稿的“【……】”未填写", H, "一", "主要原因是【……】。", "【……】", one=False)
silent("T714", "部门名称已替换", "十一", "2024年度本部门政府采购支出总额28.52万元。")

# T715 an item listed without an amount in table 06
fires(
    "T715",
    "六列举了06表没有金额的伙食补助费",
    H,
    "六",
    "人员经费911.64万元，主要包括：基本工资、伙食补助费。",
    "伙食补助费",
    message="30106",
)
silent("T715", "六列举的都是06表有金额的科目", "六", "人员经费911.64万元，主要包括：基本工资、津贴补贴。")


test_cases = TEXT.test()
