"""Text read in its scope (issue 11 item 3): a figure is tied only to what its own words and its
item name; "前后不一" only between mentions of the same fact; 大于/小于 and rates judged on the
figures they are about. Untied is honest; a guess is a defect.

The sentences are written here, in the wording departments use (the Shanghai template's items,
the national one's lists); the projects are a text-only one (nothing but the text to compare) and
seed 001's data.
"""

from __future__ import annotations

from decimal import Decimal as D

from checks.engine import run_checks
from checks.finding import Severity
from checks.text import check_text
from checks.text.reading import read
from model.project import new_project
from tests.seed_data import caidian_2024
from tests.text_fixtures import pick

E, R = Severity.ERROR, Severity.ROUNDING


def _text_only(**sections: str):
    p = new_project("", 2024, "2023")
    p.text = dict(sections)
    return p


def _errors(p, rule: str | None = None):
    findings = check_text(p, run_checks(p)).findings
    return [f for f in findings if f.severity in (E, R) and (rule is None or f.rule == rule)]


def _ties(section: str, text: str, **kw) -> list[tuple[str | None, str, str]]:
    r = read(section, text, **kw)
    return [(c.concept, c.measure, str(c.fig.value)) for c in r.claims if c.fig is not None and c.role == "value"]


# Three 项 items in the Shanghai template's wording; their descriptions name 项目支出, 人员经费 and
# 退休人员, which are section-level concepts (or headcounts).
ITEMS = (
    "（三）一般公共预算财政拨款支出决算具体情况\n"
    "一般公共预算财政拨款支出年初预算为 500.00 万元，支出决算为 480.00 万元，完成年初预算的 96.00%。其中：\n"
    "1、节能环保支出（类）污染防治（款）大气（项），主要用于扬尘污染防治监管等项目支出，年初预算为 "
    "420.80 万元，支出决算为 379.96 万元。决算数小于预算数的主要原因：项目经费调减。\n"
    "2、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。主要用于：在职人员经费、"
    "公用经费的支出。年初预算为 60.00 万元，支出决算为 61.16 万元。决算数大于预算数的主要原因：人员增加。\n"
    "3、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于退休人员的支出。"
    "年初预算为 1.27 万元，支出决算为 1.27 万元。\n"
)


def test_figures_in_an_item_belong_to_its_subject_never_to_what_its_description_names():
    ties = _ties("五", ITEMS)
    assert ties[:2] == [("general_expense", "budget", "500.00"), ("general_expense", "actual", "480.00")]
    assert ties[2:] == [
        ("subject.2110301", "budget", "420.80"),
        ("subject.2110301", "actual", "379.96"),
        ("subject.2010301", "budget", "60.00"),
        ("subject.2010301", "actual", "61.16"),
        ("subject.2080501", "budget", "1.27"),
        ("subject.2080501", "actual", "1.27"),
    ]
    # Three different 项: nothing written twice, and each 大于/小于 is right for its own item.
    assert _errors(_text_only(五=ITEMS)) == []


def test_an_item_figure_that_only_its_description_could_tie_stays_untied():
    text = "1、节能环保支出（类）污染防治（款）大气（项）主要用于项目支出 420.80 万元。"
    assert _ties("五", text) == [(None, "actual", "420.80")]
    # An item whose chain the catalog does not know ties nothing, whatever its description says.
    text = "1、节能环保支出（类）某某事务（款）某某（项），主要用于人员经费，年初预算为 20.00 万元。"
    assert _ties("五", text) == [(None, "budget", "20.00")]


def test_more_or_less_is_judged_on_the_pair_its_item_wrote():
    wrong = ITEMS.replace("决算数大于预算数的主要原因：人员增加", "决算数小于预算数的主要原因：人员增加")
    (f,) = _errors(_text_only(五=wrong))
    assert (f.rule, f.locations[0].text, f.expected) == ("T711", "小于", "大于")
    assert "61.16" in f.message and "60.00" in f.message


def test_a_paragraph_naming_another_item_is_an_entry_of_its_own():
    # Shanghai documents number the 类 and write each further 项 as a paragraph of its own.
    text = (
        "2.“公共安全支出（类）司法（款）公共法律服务（项）”27.09 万元，主要用于：法律援助。年初预算为 30 万元，"
        "支出决算为 27.09 万元，完成年初预算的 90.30%。\n"
        "“公共安全支出（类）司法（款）其他司法支出（项）”323.47 万元，主要用于：社区平安建设。年初预算为 "
        "323.50 万元，支出决算为 323.47 万元，完成年初预算的 99.99%。\n"
    )
    ties = _ties("五", text)
    assert {c for c, _m, _v in ties} == {"subject.2040607", "subject.2040699"}
    assert _errors(_text_only(五=text)) == []


def test_the_whole_after_its_last_item_is_the_whole_again():
    text = (
        "3.公务接待费支出决算为 0 万元，比年初预算减少 0 万元。\n"
        "2021 年度“三公”经费财政拨款支出决算数比 2020 年度增加 2.66 万元，增长 18.5%。"
    )
    r = read("七", text, variant="2020")
    changes = [(c.concept, str(c.fig.value)) for c in r.claims if c.role == "change"]
    assert changes == [("three.reception", "0"), ("three.total", "2.66")]


def test_an_entrys_rate_is_its_own_not_its_lists_whole():
    text = (
        "“三公”经费财政拨款支出年初预算为 21.00 万元，支出决算为 16.95 万元，完成预算的 80.71%，其中：因公出国（境）"
        "费决算为 0.00 万元，完成预算的 0.00%；公务用车购置及运行维护费支出决算为 16.95 万元，完成预算的 80.71%。"
    )
    r = read("九", text)
    rates = [(c.concept, str(c.fig.value)) for c in r.claims if c.role == "completion"]
    assert rates == [("three.total", "80.71"), ("three.abroad", "0.00"), ("three.vehicle", "80.71")]
    assert _errors(_text_only(九=text)) == []
    # Against data, each is judged as its own entry's: 因公出国 14.30 of 14.30 is 100%, not 0%.
    p = caidian_2024()
    p.text = {"九": "其中：因公出国（境）费决算为 14.30 万元，完成预算的 0.00%；公务接待费支出决算为 0 万元。"}
    (f,) = pick(_errors(p), "T705")
    assert "因公出国" in f.message and f.expected == "100.00%"


def test_a_rate_after_a_list_may_be_its_lists_and_is_not_called_wrong_for_either():
    p = caidian_2024()
    p.text = {
        "十三": "部门整体支出年初预算金额 1,149.01 万元，调整后预算金额 1,105.52 万元，实际执行金额 1,105.52 万元，"
        "其中基本支出 1,015.00 万元，项目支出 90.51 万元，预算执行率为 100.00%。"
    }
    assert _errors(p, "T705") == []
    # When the rate cannot be told for one of its readings (no 项目支出 预算 held), nothing is said…
    p.text["十三"] = p.text["十三"].replace("100.00%", "90.00%")
    assert _errors(p, "T705") == []
    # … and when it is the rate of neither, it is wrong.
    p.supplementary.budget.project = D("110.00")
    (f,) = _errors(p, "T705")
    assert f.locations[0].text == "90.00%"


def test_the_same_fact_twice_only_when_certainly_the_same():
    # 年初预算 and 全年预算 are different kinds; the year before is another year; two mentions of
    # the same 年初预算 that differ are 前后不一, by 0.01 a 尾数差异.
    p = _text_only(
        五="一般公共预算财政拨款支出年初预算为 1149.01 万元，支出决算为 1105.52 万元。",
        十三="一般公共预算财政拨款支出全年预算为 1105.52 万元，2023年度一般公共预算财政拨款支出年初预算为 "
        "1000.00 万元。",
    )
    assert _errors(p) == []
    p.text["十三"] += "一般公共预算财政拨款支出年初预算为 1159.01 万元。"
    (f,) = _errors(p)
    assert (f.rule, f.severity, f.locations[0].text) == ("T707", E, "1159.01")
    p.text["十三"] = p.text["十三"].replace("1159.01", "1149.02")
    (f,) = _errors(p)
    assert (f.rule, f.severity) == ("T707", R)


def test_one_defect_is_one_finding():
    # 公务接待费 written 1.53 in the list and 0 below: the 三公 total no longer adds up to its list,
    # but that is the 1.53's doing, reported once as 前后不一.
    text = (
        "“三公”经费财政拨款支出决算为 37.35 万元，其中：因公出国（境）费决算为 0 万元；公务用车购置及运行维护费"
        "支出决算为 37.35 万元；公务接待费支出决算为 1.53 万元。\n公务接待费支出决算 0 万元。"
    )
    errors = _errors(_text_only(九=text))
    assert [(f.rule, f.locations[0].text) for f in errors] == [("T707", "0")]
    assert {loc.text for loc in errors[0].locations} == {"0", "1.53"}


def test_a_figure_is_of_its_own_side_and_kind():
    # "…收入 100 万元，支出 90 万元": the 90 is no 收入; money is no headcount; 应急车辆 are no 车辆总数.
    assert _ties("七", "政府性基金预算财政拨款收入 100.00 万元，支出 90.00 万元。") == [
        ("fund_income", "actual", "100.00"),
        (None, "actual", "90.00"),
    ]
    assert _ties("五", "离退休人员 50.00 万元。") == [(None, "actual", "50.00")]
    ties = _ties("十二", "截至2024年12月31日，共有车辆 6 辆，其中：应急车辆 2 台、其他用车 4 台。")
    assert ties == [("assets.vehicles", "actual", "6"), (None, "actual", "2"), (None, "actual", "4")]
    p = caidian_2024()
    p.text = {"十二": "截至2024年12月31日，共有车辆 6 辆，其中：执法车辆 2 台。"}
    assert _errors(p) == []
    assert D(2) != p.supplementary.assets.vehicles_total


def test_the_same_finding_on_one_span_is_reported_once():
    # The total fails against the items the checker ties (出国, 接待) and against the list as written:
    # one figure, one finding.
    text = (
        "“三公”经费财政拨款支出决算为 40.00 万元，其中：因公出国（境）费 10.00 万元、公务接待费 5.00 万元、"
        "培训费 3.00 万元、会议费 2.00 万元。"
    )
    errors = _errors(_text_only(九=text))
    assert [(f.rule, f.locations[0].text) for f in errors] == [("T706", "40.00")]
