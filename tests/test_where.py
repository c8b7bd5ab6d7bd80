"""How every kind of location is worded, short (findings panel) and long (审核清单, messages, CLI)."""

from __future__ import annotations

import pytest

from checks.finding import Location
from checks.where import Where, section_name
from model.layout import THREE_ROW, T
from model.project import PERSONNEL_TOTAL, TOTAL
from tests.seed_data import caidian_2024

CASES = [
    # a cell of each kind of table
    (Location(T.GENERAL, TOTAL, 2), "05表 合计·第2栏", "05表 合计·第2栏（基本支出）"),
    (Location(T.EXPENSE, "201", 1), "03表 201·第1栏", "03表 201·第1栏（本年支出合计）"),
    (Location(T.SUMMARY, "i_grand", 1), "01表 第30行·第1栏", "01表 第30行（总计）·第1栏"),
    (
        Location(T.FISCAL, "c201", 3),
        "04表 第33行·第3栏",
        "04表 第33行（一般公共服务支出）·第3栏（一般公共预算财政拨款）",
    ),
    (Location(T.BASIC, PERSONNEL_TOTAL, 1), "06表 人员经费合计", "06表 人员经费合计"),
    (Location(T.BASIC, "30201", 1), "06表 30201", "06表 30201"),
    (Location(T.THREE, THREE_ROW, 8), "09表 第8栏", "09表 第8栏（决算数·因公出国（境）费）"),
    (Location(T.GENERAL, TOTAL), "05表 合计", "05表 合计"),
    # a form field: 补充数据 and 部门概况, a list item, a dict entry
    (Location(field="procurement.total"), "政府采购·政府采购支出总额", "补充数据 政府采购·政府采购支出总额"),
    (
        Location(field="performance.projects.1.rate"),
        "绩效自评·自评项目第2行·执行率",
        "补充数据 绩效自评·自评项目第2行·执行率",
    ),
    (Location(field="budget.by_subject.2013101"), "年初预算·科目 2013101", "补充数据 年初预算·科目 2013101"),
    (Location(field="staff.in_service_total"), "人员构成·在职实有人数", "部门概况 人员构成·在职实有人数"),
    (Location(field="meta.year"), "部门信息·年度", "部门概况 部门信息·年度"),
    # a span of the text: numbered sections, the overview, the parts after the 情况说明
    (
        Location(section="三", start=4, end=10, text="1105.52"),
        "情况说明 三",
        "情况说明 三、支出决算情况说明 第5～10字 “1105.52”",
    ),
    (Location(section="概况.职能", start=0, end=2), "情况说明 部门主要职能", "情况说明 部门主要职能 第1～2字"),
    (Location(section="名词解释"), "情况说明 名词解释", "情况说明 名词解释"),
    # a cell of an imported workbook
    (Location(sheet="公开02表", cell="C9"), "工作表“公开02表” C9", "工作表“公开02表” C9"),
    (Location(sheet="公开02表"), "工作表“公开02表”", "工作表“公开02表”"),
    (Location(cell="C9"), "工作簿 C9", "工作簿 C9"),
]


@pytest.fixture(scope="module")
def where() -> Where:
    return Where(caidian_2024())


@pytest.mark.parametrize(("loc", "short", "long"), CASES, ids=[c[1] for c in CASES])
def test_each_kind_of_location_in_both_forms(where, loc, short, long):
    assert where.short(loc) == short
    assert where.long(loc) == long
    assert where.listing([loc]) == long  # the 审核清单 of a single place is its long form


def test_messages_name_cells_by_their_row_and_column_names(where):
    # checks.md: "05表 合计·基本支出 1015.00 ≠ 06表 人员经费合计+公用经费合计 1014.99"
    assert where.cell_name(T.GENERAL, TOTAL, 2) == "05表 合计·基本支出"
    assert where.cell_name(T.SUMMARY, "i_grand", 1) == "01表 第30行（总计）"
    assert where.cell_name(T.THREE, THREE_ROW, 8) == "09表 决算数·因公出国（境）费"
    assert where.message(Location(field="admin_cost.amount")) == "补充数据 机关运行经费·机关运行经费支出"
    assert section_name("五") == "情况说明 五" and section_name("概况.人员") == "情况说明 部门人员构成"


def test_the_variant_numbers_the_tables_and_the_layout_the_rows():
    p = caidian_2024()
    p.meta.variant, p.meta.layout = "2020", "B"
    where = Where(p)
    assert where.short(Location(T.THREE, THREE_ROW, 8)) == "07表 第8栏"
    assert where.short(Location(T.SUMMARY, "i_grand", 1)) == "01表 第31行·第1栏"


def test_a_finding_is_shown_at_its_first_cell_and_several_places_are_listed_compactly(where):
    text = Location(section="三", start=0, end=4)
    cell = Location(T.GENERAL, TOTAL, 1)
    assert where.finding_short([text, cell]) == "05表 合计·第1栏"
    assert where.finding_short([text]) == "情况说明 三"
    listed = where.listing([cell, Location(T.GENERAL, "201", 1), text, Location(field="procurement.goods")])
    assert (
        listed
        == "05表 合计、201·第1栏（小计）；情况说明 三、支出决算情况说明 第1～4字；补充数据 政府采购·政府采购货物支出"
    )


# A template printing no 行次 and no 栏次 (Shanghai 2024): rows by label, columns by heading.
SHANGHAI_CASES = [
    (Location(T.SUMMARY, "i_grand", 1), "01表 收入总计", "01表 收入总计"),
    (
        Location(T.FISCAL, "c201", 3),
        "04表 一般公共服务支出·一般公共预算财政拨款",
        "04表 一般公共服务支出·一般公共预算财政拨款",
    ),
    (
        Location(T.FISCAL, "i_begin1", 1),
        "04表 年初结转和结余·一般公共预算财政拨款",
        "04表 年初结转和结余·一般公共预算财政拨款",
    ),
    (Location(T.GENERAL, TOTAL, 2), "05表 合计·基本支出", "05表 合计·基本支出"),
    (Location(T.SOE, TOTAL, 1), "09表 合计·本年支出·合计", "09表 合计·本年支出·合计"),
    (Location(T.SOE, TOTAL, 4), "09表 合计·年初结转和结余", "09表 合计·年初结转和结余"),
    (Location(T.THREE, THREE_ROW, 8), "07表 决算数·因公出国（境）费", "07表 决算数·因公出国（境）费"),
]


@pytest.mark.parametrize(("loc", "short", "long"), SHANGHAI_CASES)
def test_a_template_without_row_and_column_numbers_is_worded_by_label(loc, short, long):
    p = caidian_2024()
    p.meta.variant = "shanghai-2024"
    w = Where(p)
    assert (w.short(loc), w.long(loc)) == (short, long)


def test_formulas_and_row_sums_are_worded_by_the_variant():
    p = caidian_2024()
    assert Where(p).formula(T.FUND, ((1, 1), (1, 2), (-1, 3))) == "第1+2−3栏"
    assert Where(p).rows_sum(T.SUMMARY, [f"i{i}" for i in range(1, 9)]) == "第1～8行之和"
    p.meta.variant = "shanghai-2024"
    assert Where(p).formula(T.SOE, ((1, 4), (1, 5), (-1, 1))) == "年初结转和结余+本年收入−本年支出·合计"
    assert Where(p).rows_sum(T.SUMMARY, ["e_total", "e_dist", "e_end"]) == "本年支出合计+结余分配+年末结转和结余"
    assert Where(p).json(Location(T.SUMMARY, "e_total", 2)) == {"table": "01", "row": "本年支出合计", "col": 2}
