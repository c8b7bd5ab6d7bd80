"""What the check list says, before any painting: cells, grouping, counts, 说明, HTML."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from checks.engine import run_checks
from checks.finding import Finding, Location, Severity
from export.checklist_content import build_checklist, cells_text, checklist_html
from model.layout import THREE_ROW, T
from model.project import PERSONNEL_TOTAL, TOTAL
from tests.seed_data import caidian_2024
from tests.support.synthetic import synthetic_project


def _p(variant="2023", layout="A"):
    return synthetic_project(n_items=8, seed=3, variant=variant, layout=layout)


def test_fixed_table_cells_name_the_printed_row_number_and_label():
    p = _p(layout="B")
    text = cells_text(p, [Location(T.SUMMARY, "i_grand", 1)])
    assert text == "01表 第31行（总计）·第1栏"  # layout B prints 总计 at 31
    p.meta.layout = "A"
    assert cells_text(p, [Location(T.SUMMARY, "i_grand", 1)]) == "01表 第30行（总计）·第1栏"
    assert (
        cells_text(p, [Location(T.FISCAL, "c201", 3)])
        == "04表 第33行（一般公共服务支出）·第3栏（一般公共预算财政拨款）"
    )


def test_subject_cells_share_a_column_and_columns_share_a_row():
    p = _p()
    rows = [TOTAL, "201", "208"]
    assert cells_text(p, [Location(T.GENERAL, k, 1) for k in rows]) == "05表 合计、201、208·第1栏（小计）"
    same_row = [Location(T.EXPENSE, TOTAL, c) for c in range(1, 7)]
    assert cells_text(p, same_row) == "03表 合计·第1、2、3、4、5、6栏"


def test_long_lists_of_rows_are_cut_with_their_count():
    p = _p()
    codes = [f"302{n:02d}" for n in range(1, 20)]
    text = cells_text(p, [Location(T.BASIC, c, 1) for c in codes])
    assert text.startswith("06表 30201、30202") and text.endswith("…等19行")


def test_basic_three_text_supplementary_and_import_locations():
    p = _p(variant="2020")
    assert cells_text(p, [Location(T.BASIC, PERSONNEL_TOTAL, 1)]) == "06表 人员经费合计"
    # variant 2020 prints “三公” as table 07
    assert cells_text(p, [Location(T.THREE, THREE_ROW, 8)]) == "07表 第8栏（决算数·因公出国（境）费）"
    text = cells_text(p, [Location(section="三", start=4, end=10, text="1105.52")])
    assert text == "情况说明 三、支出决算情况说明 第5～10字 “1105.52”"
    assert cells_text(p, [Location(section="概况.职能", start=0, end=2)]) == "情况说明 部门主要职能 第1～2字"
    fields = [Location(field="procurement.total"), Location(field="procurement.goods")]
    assert cells_text(p, fields) == "补充数据 政府采购·政府采购支出总额、政府采购货物支出"
    assert cells_text(p, [Location(field="performance.projects.1.rate")]) == "补充数据 绩效自评·自评项目第2行·执行率"
    assert cells_text(p, [Location(sheet="公开02表", cell="C9")]) == "工作表“公开02表” C9"


def test_workbook_sources_are_added_to_the_first_cell():
    p = _p()
    sources = {(T.GENERAL, TOTAL, 1): ("05表", "C7")}
    text = cells_text(p, [Location(T.GENERAL, TOTAL, 1), Location(T.GENERAL, "201", 1)], sources)
    assert text == "05表 合计、201·第1栏（小计）（工作表“05表” C7）"


def test_every_finding_is_listed_once_in_table_order_with_its_values_and_accepted_note():
    p = caidian_2024()
    findings = run_checks(p)
    warning = next(f for f in findings if f.severity is Severity.WARNING)
    p.acceptances[warning.key] = "本单位职业年金由财政统一代缴，按规定列支。"
    c = build_checklist(p, checked_at=datetime(2025, 3, 1, 9, 30))
    items = [i for _name, group in c.groups for i in group]
    assert len(items) == len(findings) == c.total
    assert [i.no for i in items] == list(range(1, len(items) + 1))
    assert [name for name, _g in c.groups][0].startswith("01表")
    assert c.counts["accepted"] == 1
    accepted = [i for i in items if i.accepted]
    assert len(accepted) == 1 and accepted[0].rule == warning.rule
    x305 = next(i for i in items if i.rule == "X305")
    assert (x305.expected, x305.actual) == ("93.28", "93.29")
    assert x305.cells.startswith("01表 第49行（住房保障支出）")


def test_findings_given_by_the_window_are_listed_as_given():
    p = _p()
    assert build_checklist(p).total == 0  # checked now: a generated department is consistent
    made_up = Finding(
        "F101", Severity.ERROR, "测试用的发现", (Location(T.GENERAL, TOTAL, 1),), Decimal("1"), Decimal("2")
    )
    c = build_checklist(p, [made_up])
    assert c.total == 1 and c.counts["error"] == 1
    assert c.groups[0][1][0].message == "测试用的发现"


def test_html_escapes_user_text_and_writes_severity_in_words():
    p = _p()
    p.meta.department = "<b>某局</b> & 下属"
    p.tables[T.GENERAL].row(TOTAL).values[2] += Decimal("1.00")
    html = checklist_html(build_checklist(p, checked_at=datetime(2025, 3, 1, 9, 30)))
    assert "&lt;b&gt;某局&lt;/b&gt; &amp; 下属" in html and "<b>某局</b>" not in html
    assert "审核时间：2025-03-01 09:30" in html
    assert "<b>错误</b>" in html and "填表人" in html and "审核人" in html and "日期" in html
    assert "须更正后再公开" in html


def test_a_clean_project_says_so():
    html = checklist_html(build_checklist(_p()))
    assert "未发现问题" in html and "<thead>" not in html
