"""Reading text people wrote: splitting a document into sections, evening out its typography."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks.text.normalize import normalize
from checks.text.reading import read
from checks.text.split import split_sections
from model.sections import all_sections, explanation_sections, subject_section
from tests.seed_data import SHARED
from tests.text_fixtures import seed_text

EXPLANATION = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"]


@pytest.mark.parametrize(("seed", "variant"), [("000", "2020"), ("001", "2023"), ("002", "2023")])
def test_every_section_of_a_seed_document_is_found(seed, variant):
    sections = split_sections(seed_text(seed), variant)
    assert set(EXPLANATION) <= set(sections)
    assert {"概况.职能", "概况.机构", "重点工作", "名词解释"} <= set(sections)
    assert ("概况.人员" in sections) == (seed != "002")  # 002 publishes no 人员构成
    assert set(sections) <= {s.id for s in all_sections(variant)}


def test_the_table_of_contents_does_not_take_the_place_of_the_bodies():
    # 001 lists every heading in its 目录 first; the bodies come later.
    sections = split_sections(seed_text("001"), "2023")
    assert sections["一"].startswith("2024年度收、支总计均为 1105.52 万元")
    assert sections["十三"].startswith("(一)预算绩效管理工作开展情况")
    assert "第四部分" not in sections["十三"] and "年度目标 1:" not in sections["十三"]


def test_headings_run_into_their_body_on_one_line_are_split():
    # 001 extracted 七 and 八 onto one line: heading, body, heading, body.
    sections = split_sections(seed_text("001"), "2023")
    assert sections["七"] == "本部门当年无政府性基金预算财政拨款收入支出"
    assert sections["八"] == "本部门当年无国有资本经营预算财政拨款支出。"


def test_variant_2020_puts_the_three_public_expenses_at_seven():
    sections = split_sections(seed_text("000"), "2020")
    assert "三公" in sections["七"]
    assert "政府性基金" in sections["八"] and "国有资本经营" in sections["九"]
    # The same document read as variant 2023 files each subject under that variant's number.
    as_2023 = split_sections(seed_text("000"), "2023")
    assert as_2023["九"] == sections["七"] and as_2023["七"] == sections["八"]


def test_overview_parts_and_the_parts_after_the_explanation():
    s = split_sections(seed_text("002"), "2023")
    assert s["概况.机构"].startswith("从单位构成看")
    assert s["重点工作"].startswith("一、党委信息资源整合工作")
    assert s["名词解释"].startswith("一、一般公共预算财政拨款收入")
    s = split_sections(seed_text("001"), "2023")
    assert s["概况.人员"].startswith("中国共产党武汉市蔡甸区委员会办公室在职实有人数26人")


def test_an_extract_with_headings_written_half_width_and_with_spaces():
    text = "一 、收入支出决算总体情况说明\n2024年度收、支总计 10.00万元。\n十一、 政府采购支出情况\n无。"
    # "一 、" is not a heading the way people write them; "十一、 政府采购" with a space after is.
    s = split_sections(text.replace("一 、", "一、"), "2023")
    assert s == {"一": "2024年度收、支总计 10.00万元。", "十一": "无。"}


def test_text_without_any_heading_gives_nothing():
    assert split_sections("2024年度收、支总计 10.00万元。", "2023") == {}


def test_spaces_inside_numbers_and_full_width_forms_are_read_as_one_number():
    text = "一般公共服务支出类支出 859. 36 万元， 占 77. 73％；合计 1, 105. 52 万元"
    r = read("五", text)
    figures = [(c.fig.value, c.fig.unit) for c in r.claims if c.fig is not None]
    assert figures == [(Decimal("859.36"), "万元"), (Decimal("77.73"), "%"), (Decimal("1105.52"), "万元")]
    # Spans point at what was written, spaces included.
    first = r.original(r.claims[0])
    assert first[2] == "859. 36"
    assert text[first[0] : first[1]] == "859. 36"


def test_two_numbers_separated_by_a_space_stay_two_numbers():
    assert normalize("1,000 990.24").text == "1,000 990.24"
    assert normalize("1, 105. 52").text == "1,105.52"


def test_a_sentence_broken_across_lines_is_read_whole():
    text = "2023年度收、支总计 1132.98万元。与 2022年度相比，收、\n\n支总计各减少 259.4万元，下降 18.6%"
    r = read("一", text)
    change = [c for c in r.claims if c.role == "change"]
    assert change and change[0].concept == "grand_total" and change[0].sign == -1


def test_headings_and_enumerated_items_end_sentences():
    norm = normalize("（一）一般公共预算财政拨款支出决算总体情况\n2024年度一般公共预算财政拨款支出 1.00万元")
    assert "\n" in norm.text
    # A wrapped long item is not a heading.
    norm = normalize("4.区指挥部相关工作经费及购买防疫物资经费项目绩效自评综\n述：项目全年预算数为 27.16 万元")
    assert "\n" not in norm.text


# ---------------------------------------------------------------- the Shanghai 2024 template

SHANGHAI = "shanghai-2024"
SHANGHAI_TEMPLATE = SHARED / "templates" / "上海-2024-部门决算模板.txt"


def _shanghai_text() -> str:
    if not SHANGHAI_TEMPLATE.exists():
        pytest.skip("the Shanghai template's text is not here")
    return SHANGHAI_TEMPLATE.read_text(encoding="utf-8")


def test_the_shanghai_template_prints_eleven_sections_the_last_with_three_parts():
    sections = explanation_sections(SHANGHAI)
    assert [s.id for s in sections] == EXPLANATION[:11]
    by_id = {s.id: s for s in sections}
    assert (by_id["七"].subject, by_id["八"].subject, by_id["九"].subject) == ("three", "fund", "soe")
    assert by_id["十"].title == "十、预算绩效管理情况"
    assert [p.title for p in by_id["十一"].parts] == [
        "（一）机关运行经费支出情况",
        "（二）政府采购支出情况",
        "（三）国有资产占有使用情况说明",
    ]
    assert {k: v for k, v in subject_section(SHANGHAI).items() if v == "十一"} == dict.fromkeys(
        ("other", "admin", "procurement", "assets"), "十一"
    )
    # The national variants keep their thirteen sections.
    assert [s.id for s in explanation_sections("2023")] == EXPLANATION


def test_a_shanghai_document_splits_into_its_eleven_sections():
    s = split_sections(_shanghai_text(), SHANGHAI)
    assert [k for k in s if k in EXPLANATION] == EXPLANATION[:11]
    assert s["九"].startswith("国有资本经营预算财政拨款收入 XXX 万元")
    assert s["十"].startswith("上海市XX局2024年度预算绩效管理工作开展情况如下")
    eleven = s["十一"]
    assert eleven.startswith("（一）机关运行经费支出情况")
    assert eleven.count("（二）政府采购支出情况") == 1 and eleven.count("共有车辆 XX 辆") == 1
    # 第四部分 is its glossary here, not 重点工作.
    assert s["名词解释"].startswith("一、财政拨款收入") and "重点工作" not in s


def test_a_shanghai_document_read_in_a_national_variant_puts_each_part_in_its_section():
    s = split_sections(_shanghai_text(), "2023")
    assert s["十"].startswith("机关运行经费支出 XXX 万元")
    assert s["十一"].startswith("上海市 XX 局 2024 年度政府采购金额")
    assert s["十二"].startswith("截至 2024 年 12 月 31 日")
    assert s["十三"].startswith("上海市XX局2024年度预算绩效管理工作") and "机关运行经费" not in s["十三"]
    assert "“三公”经费财政拨款支出年初预算为" in s["九"] and "国有资本" not in s["九"]


def test_a_national_document_read_in_the_shanghai_variant_gathers_the_parts_under_eleven():
    s = split_sections(seed_text("001"), SHANGHAI)
    assert "三公" in s["七"] and s["八"] == "本部门当年无政府性基金预算财政拨款收入支出"
    assert s["十"].startswith("(一)预算绩效管理工作开展情况")
    eleven = s["十一"].split("\n")
    assert eleven[0] == "（一）机关运行经费支出情况" and "机关运行经费支出 103.36万元" in eleven[1]
    assert eleven[2] == "（二）政府采购支出情况" and eleven[4] == "（三）国有资产占有使用情况说明"


def test_terms_follow_the_part_of_a_section_they_stand_in():
    text = "（一）机关运行经费支出情况\n机关运行经费支出 10.00 万元。\n（三）国有资产占有使用情况说明\n共有车辆 6 辆。"
    r = read("十一", text, variant=SHANGHAI)
    concepts = [(c.concept, c.fig.value) for c in r.claims if c.fig is not None and c.role == "value"]
    assert concepts == [("admin_cost", Decimal("10.00")), ("assets.vehicles", Decimal("6"))]
    # In a national variant 十一 is 政府采购: vehicles are not what it speaks of.
    r = read("十一", text, variant="2023")
    assert [c.concept for c in r.claims if c.fig is not None and c.fig.kind == "count"] == [None]
