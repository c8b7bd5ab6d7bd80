"""W: relations that hold in most departments, not all (警告)."""

from decimal import Decimal

from checks.engine import run_checks
from checks.finding import Severity
from model.layout import THREE_ROW, T
from tests.support.rule_cases import ONE, Family, bump, cell, consistent, field, used_class

W = Severity.WARNING
G, B, TH = T.GENERAL, T.BASIC, T.THREE
REL = Family(consistent, run_checks)


@REL.fires("W401", "06表30108基本养老保险缴费多1万元，05表2080505未变", W, at=cell(B, "30108", 1))
def _w401_fires(p):
    bump(p, B, "30108", 1)


@REL.silent("W401", "06表30108与05表2080505的基本支出同增1万元")
def _w401_silent(p):
    bump(p, B, "30108", 1)
    bump(p, G, "2080505", 2)


@REL.fires("W402", "06表30212因公出国（境）费用多1万元，超过“三公”经费表的决算数", W, at=cell(B, "30212", 1))
def _w402_fires(p):
    bump(p, B, "30212", 1)


@REL.silent("W402", "06表30212因公出国（境）费用少1万元，低于“三公”经费表的决算数")
def _w402_silent(p):
    bump(p, B, "30212", 1, by=-ONE)


@REL.fires("W403", "行政单位的机关运行经费多1万元，06表公用经费合计未变", W, at=field("admin_cost.amount"))
def _w403_fires(p):
    p.supplementary.admin_cost.amount += ONE


@REL.silent("W403", "机关运行经费多1万元，但部门是事业单位")
def _w403_silent(p):
    p.supplementary.admin_cost.amount += ONE
    p.meta.unit_kind = "事业单位"


@REL.fires("W404", "“三公”经费因公出国（境）费预算为0，决算大于0", W, at=cell(TH, THREE_ROW, 8))
def _w404_fires(p):
    row = p.tables[TH].row(THREE_ROW)
    row.values[2] = Decimal("0.00")
    row.values[8] = row.values.get(8) or ONE


@REL.silent("W404", "“三公”经费因公出国（境）费预算与决算都为0")
def _w404_silent(p):
    row = p.tables[TH].row(THREE_ROW)
    row.values[2] = Decimal("0.00")
    row.values[8] = Decimal("0.00")


@REL.fires("W405", "各科目年初预算只填了一个类，1万元，与年初预算总额不符", W, at=field("budget.general_total"))
def _w405_fires(p):
    p.supplementary.budget.by_subject = {used_class(p): ONE}


@REL.silent("W405", "各科目年初预算只填了一个类，金额等于年初预算总额")
def _w405_silent(p):
    p.supplementary.budget.by_subject = {used_class(p): p.supplementary.budget.general_total}


test_cases = REL.test()
