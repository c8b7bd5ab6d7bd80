"""F: the printed formulas within one table."""

from checks.engine import run_checks
from checks.finding import Severity
from model.layout import THREE_ROW, T
from model.project import PERSONNEL_TOTAL, TOTAL
from tests.support.rule_cases import ONE, Family, bump, bump_with_totals, cell, consistent, first_subject, shanghai

E = Severity.ERROR
S, G, F, B, TH, SO = T.SUMMARY, T.GENERAL, T.FISCAL, T.BASIC, T.THREE, T.SOE
FORMULAS = Family(consistent, run_checks)


def _first_item(p):
    return first_subject(p, G, 7)


@FORMULAS.fires("F101", "05表一个项的本年支出合计多1万元，基本支出与项目支出未变", E, at=cell(G, _first_item, 1))
def _f101_fires(p):
    bump(p, G, _first_item(p), 1)


@FORMULAS.silent("F101", "05表一个项的本年支出合计与基本支出同增1万元")
def _f101_silent(p):
    bump(p, G, _first_item(p), 1)
    bump(p, G, _first_item(p), 2)


@FORMULAS.fires("F102", "01表收入总计多1万元", E, at=cell(S, "i_grand", 1))
def _f102_fires(p):
    bump(p, S, "i_grand", 1)


@FORMULAS.silent("F102", "01表收入总计与年初结转和结余同增1万元")
def _f102_silent(p):
    bump(p, S, "i_grand", 1)
    bump(p, S, "i_begin", 1)


@FORMULAS.fires("F103", "04表年初财政拨款结转和结余多1万元，其三项资金未变", E, at=cell(F, "i_begin", 1))
def _f103_fires(p):
    bump(p, F, "i_begin", 1)


@FORMULAS.silent("F103", "04表一般公共预算年初结转和结余多1万元，年初结转和结余与收入总计随之各增1万元")
def _f103_silent(p):
    for key in ("i_begin1", "i_begin", "i_grand"):
        bump(p, F, key, 1)


@FORMULAS.fires("F104", "01表年末结转和结余与支出总计同增1万元，收入总计未变", E, at=cell(S, "e_grand", 2))
def _f104_fires(p):
    bump(p, S, "e_end", 2)
    bump(p, S, "e_grand", 2)


@FORMULAS.silent("F104", "01表支出总计多1万元，收入总计未变：支出总计不等于其各行之和，只报这一处（F102）")
def _f104_silent_when_the_total_is_wrong(p):
    bump(p, S, "e_grand", 2)


@FORMULAS.silent("F104", "01表收入总计与支出总计同增1万元")
def _f104_silent(p):
    bump(p, S, "e_grand", 2)
    bump(p, S, "i_grand", 1)


@FORMULAS.fires(
    "F105",
    "04表一般公共预算年末结转和结余多1万元，年末结转和结余与支出总计随之各增1万元，收入总计未变",
    E,
    at=cell(F, "e_grand", 2),
)
def _f105_fires(p):
    bump(p, F, "e_end1", 3)
    for key in ("e_end", "e_grand"):
        bump(p, F, key, 3)
        bump(p, F, key, 2)


@FORMULAS.silent("F105", "04表收入总计与支出总计同增1万元")
def _f105_silent(p):
    bump(p, F, "e_grand", 2)
    bump(p, F, "i_grand", 1)


@FORMULAS.fires("F106", "06表302商品和服务支出多1万元，其所含各款未变", E, at=cell(B, "302", 1))
def _f106_fires(p):
    bump(p, B, "302", 1)


@FORMULAS.silent("F106", "06表302商品和服务支出与其中30201办公费同增1万元")
def _f106_silent(p):
    bump(p, B, "302", 1)
    bump(p, B, "30201", 1)


@FORMULAS.fires("F107", "06表人员经费合计多1万元，301、303未变", E, at=cell(B, PERSONNEL_TOTAL, 1))
def _f107_fires(p):
    bump(p, B, PERSONNEL_TOTAL, 1)


@FORMULAS.silent("F107", "06表人员经费合计与301工资福利支出同增1万元")
def _f107_silent(p):
    bump(p, B, PERSONNEL_TOTAL, 1)
    bump(p, B, "301", 1)


@FORMULAS.fires("F108", "“三公”经费预算数合计多1万元，各项未变", E, at=cell(TH, THREE_ROW, 1))
def _f108_fires(p):
    bump(p, TH, THREE_ROW, 1)


@FORMULAS.silent("F108", "“三公”经费预算数合计与公务接待费同增1万元")
def _f108_silent(p):
    bump(p, TH, THREE_ROW, 1)
    bump(p, TH, THREE_ROW, 6)


@FORMULAS.fires(
    "F101",
    "上海模板九表第一个科目的年末结转和结余多1万元（其类、合计随之；应为年初+本年收入−本年支出）",
    E,
    at=cell(SO, TOTAL, 6),
    start=shanghai,
)
def _f101_fires_soe_balance(p):
    # (the 合计 alone 1万元 more fails its own sum of classes, and that is its one finding: H202)
    bump_with_totals(p, SO, next(r.key for r in p.tables[SO].subject_rows() if r.values), {6: ONE})


@FORMULAS.silent("F101", "上海模板九表合计的年末结转和结余与年初结转和结余同增1万元", start=shanghai)
def _f101_silent_soe_balance(p):
    bump(p, SO, TOTAL, 6)
    bump(p, SO, TOTAL, 4)


@FORMULAS.fires(
    "F103", "上海模板04表年末财政拨款结转和结余的合计栏多1万元", E, at=cell(F, "e_grand", 2), start=shanghai
)
def _f103_fires_shanghai(p):
    bump(p, F, "e_end", 2)


@FORMULAS.silent(
    "F103", "上海模板04表年末财政拨款结转和结余下不列各项资金：其一般公共预算一栏与总计同增1万元", start=shanghai
)
def _f103_silent_shanghai(p):
    for col in (2, 3):
        bump(p, F, "e_end", col)
        bump(p, F, "e_grand", col)


test_cases = FORMULAS.test()
