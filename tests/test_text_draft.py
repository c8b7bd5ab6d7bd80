"""Drafting: every section from the data, placeholders marked, figures bound to the data."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks.finding import Severity
from checks.text import check_text
from checks.text.draft import apply_draft, draft_sections, refresh
from checks.text.wording import PLACEHOLDER_RE
from model.fileio import dumps, loads
from model.layout import T
from model.sections import all_sections
from tests.seed_data import caidian_2024, qingshan_2023
from tests.support.synthetic import synthetic_project
from tests.text_fixtures import hongshan_2021

PROJECTS = {
    "001": caidian_2024,
    "002": qingshan_2023,
    "000": hongshan_2021,
    "synthetic-2023": lambda: synthetic_project(n_items=25, seed=3),
    "synthetic-2020": lambda: synthetic_project(n_items=15, seed=8, variant="2020", layout="B", year=2021),
    "synthetic-no-fund": lambda: synthetic_project(n_items=6, seed=11, with_fund=False),
}


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_a_draft_passes_its_own_text_checks_with_no_error(name):
    p = PROJECTS[name]()
    apply_draft(p)
    report = check_text(p)
    errors = [f.message for f in report.findings if f.severity is Severity.ERROR]
    assert errors == []
    # Every figure drafted is tied to the data or to the figures it is computed from.
    assert report.coverage.found > 20
    assert report.coverage.verified == report.coverage.found
    # Nothing but placeholders is left for the author ("主要原因是【……】").
    leftovers = {f.rule for f in report.findings if f.severity is Severity.HINT}
    assert leftovers <= {"T714"}
    # …and a rounding difference only where the data carry one themselves (001: 政府采购 S501).
    rounding = [f for f in report.findings if f.severity is Severity.ROUNDING]
    assert all(f.rule == "T706" and f.locations[0].section == "十一" for f in rounding)
    assert (name == "001") == bool(rounding)


def test_every_section_is_drafted_in_the_variants_order():
    for variant, year in (("2023", 2024), ("2020", 2021)):
        p = synthetic_project(n_items=8, seed=1, variant=variant, year=year, layout="A")
        drafted = draft_sections(p)
        assert list(drafted) == [s.id for s in all_sections(variant)]
        assert all(d.text for d in drafted.values())
        three = "七" if variant == "2020" else "九"
        assert "“三公”经费财政拨款支出全年预算为" in drafted[three].text


def test_the_draft_says_what_document_md_asks_for():
    drafted = {k: v.text for k, v in draft_sections(caidian_2024()).items()}
    assert drafted["一"].startswith(
        "2024年度收、支总计均为1105.52万元。与2023年度相比，收、支总计增加114.77万元，增长11.6%"
    )
    assert "基本支出1015.00万元，占本年支出91.8%；项目支出90.51万元，占本年支出8.2%" in drafted["三"]
    assert "完成年初预算的96.2%" in drafted["五"]
    assert "2.社会保障和就业（类）支出109.37万元，占9.9%" in drafted["五"]
    assert "决算数小于年初预算数的主要原因是【……】" in drafted["五"]
    assert drafted["七"] == "本部门当年无政府性基金预算财政拨款收入支出。"
    assert "比年初预算数减少15.95万元，下降13.4%" in drafted["十"]
    assert "政府采购货物支出3.45万元、政府采购服务支出25.06万元" in drafted["十一"]
    # Glossary: every 项 of table 05, with what it reports.
    assert "住房保障支出（类）住房改革支出（款）提租补贴（项）：反映按房改政策规定的标准" in drafted["名词解释"]
    # 六 lists only the items table 06 has amounts for.
    assert "伙食补助费" not in drafted["六"] and "基本工资" in drafted["六"]


def test_placeholders_are_marked_for_the_author():
    drafted = draft_sections(caidian_2024())
    reasons = [m.group() for d in drafted.values() for m in PLACEHOLDER_RE.finditer(d.text)]
    assert reasons.count("【……】") >= 10
    assert "主要原因是【……】" in drafted["一"].text


def test_percentages_with_two_decimals_when_chosen():
    drafted = draft_sections(caidian_2024(), places=2)
    assert "占本年支出91.81%" in drafted["三"].text
    p = caidian_2024()
    apply_draft(p, places=2)
    assert not [f for f in check_text(p).findings if f.severity is Severity.ERROR]


def test_figures_follow_the_data_until_the_user_rewrites_their_sentence():
    p = caidian_2024()
    apply_draft(p)
    # The user rewrites the 卫生健康 sentence of 五 and fills in a reason in 一.
    mine = "3.卫生健康（类）支出共计43.50万元，约占3.9%。"
    p.text["五"] = p.text["五"].replace("3.卫生健康（类）支出43.50万元，占3.9%。", mine)
    p.text["一"] = p.text["一"].replace("主要原因是【……】", "主要原因是人员增加")
    # The data change: 210 and 208 in 05, last year's 收、支总计.
    general = p.tables[T.GENERAL]
    general.row("210").values[1] = Decimal("50.00")
    general.row("208").values[1] = Decimal("120.00")
    p.supplementary.last_year.grand_total = Decimal("1000.00")
    changed = refresh(p)
    assert set(changed) == {"一", "五"}
    assert "增加105.52万元，增长10.6%，主要原因是人员增加。" in p.text["一"]
    assert "2.社会保障和就业（类）支出120.00万元，占10.9%。" in p.text["五"]
    assert mine in p.text["五"]  # theirs now: left as they wrote it
    # A second refresh with nothing new changes nothing.
    assert refresh(p) == []


def test_bindings_survive_save_and_load():
    p = caidian_2024()
    apply_draft(p, ["十"])
    q = loads(dumps(p))
    assert q.drafts["十"] and q.drafts["十"][0].text in q.text["十"]
    q.supplementary.admin_cost.amount = Decimal("110.00")
    assert refresh(q) == ["十"]
    assert "机关运行经费支出110.00万元，比年初预算数减少9.31万元，下降7.8%" in q.text["十"]


def test_a_project_file_without_drafts_still_loads():
    p = caidian_2024()
    doc = dumps(p).replace(',\n  "drafts": {}', "")
    assert '"drafts"' not in doc
    assert loads(doc).drafts == {}


def test_missing_supplementary_data_become_placeholders_not_figures():
    p = synthetic_project(n_items=5, seed=4)
    p.supplementary.procurement.total = None
    p.supplementary.staff.in_service_total = None
    drafted = draft_sections(p)
    assert "政府采购支出总额【……】万元" in drafted["十一"].text
    assert "在职实有人数【……】人" in drafted["概况.人员"].text


def test_the_draft_marks_where_the_charts_go():
    drafted = draft_sections(caidian_2024())
    one = drafted["一"]
    assert one.id == "一" and one.text.endswith("\n图1：收、支决算总计变动情况")
    for n, sid in enumerate(("二", "三", "四"), 2):
        assert f"\n图{n}：" in drafted[sid].text
    assert "".join(s.text for s in one.segments) == one.text


# ---------------------------------------------------------------- the Shanghai 2024 wording
def _shanghai(make):
    p = make()
    p.meta.variant = "shanghai-2024"
    return p


SHANGHAI = {
    "001-in-shanghai": lambda: _shanghai(caidian_2024),
    "synthetic-shanghai": lambda: synthetic_project(n_items=14, seed=5, with_soe=True, variant="shanghai-2024"),
}


@pytest.mark.parametrize("name", sorted(SHANGHAI))
def test_a_shanghai_draft_follows_its_eleven_sections_and_passes_its_checks(name):
    p = SHANGHAI[name]()
    drafted = draft_sections(p)
    assert list(drafted) == [s.id for s in all_sections("shanghai-2024")]
    assert "十二" not in drafted and all(d.text for d in drafted.values())
    other = drafted["十一"].text
    heads = ["（一）机关运行经费支出情况", "（二）政府采购支出情况", "（三）国有资产占有使用情况说明"]
    assert [other.index(h) for h in heads] == sorted(other.index(h) for h in heads)
    apply_draft(p)
    report = check_text(p)
    assert [f.message for f in report.findings if f.severity in (Severity.ERROR, Severity.WARNING)] == []
    assert report.coverage.found > 20


def test_the_shanghai_draft_says_what_the_template_says():
    p = _shanghai(caidian_2024)
    p.supplementary.procurement.sme_reserved = Decimal("20.00")
    drafted = {k: v.text for k, v in draft_sections(p).items()}
    dept = p.meta.department
    assert drafted["一"].startswith(
        f"{dept}2024年度收入支出总计1105.52万元。与2023年度相比，收入支出总计增加114.77万元"
    )
    assert drafted["三"] == "本年支出合计1105.52万元，其中：基本支出1015.00万元，占91.8%；项目支出90.51万元，占8.2%。"
    assert "一般公共预算财政拨款支出1105.52万元，占本年支出合计的100.0%" in drafted["五"]
    assert "支出决算为1105.52万元，完成年初预算的96.2%。决算数小于预算数的主要原因：【……】。其中：" in drafted["五"]
    assert drafted["八"] == f"{dept}2024年度无政府性基金预算财政拨款收入和支出。"
    assert "面向中小企业预留政府采购项目预算金额20.00万元" in drafted["十一"]
    assert "单价100万元（含）以上设备（不含车辆）【……】台（套）" in drafted["十一"]
    assert "编报绩效目标的2024年度项目【……】个" in drafted["十"]
    assert "图1" not in drafted["一"]  # the Shanghai template draws no charts
