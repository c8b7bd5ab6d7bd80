"""X: identities across tables."""

from checks.engine import run_checks
from checks.finding import Severity
from model.layout import T, class_key
from model.project import PUBLIC_TOTAL, TOTAL
from tests.support.rule_cases import (
    ONE,
    Family,
    bump,
    bump_with_totals,
    catalog_name,
    cell,
    consistent,
    first_subject,
    shanghai,
    used_class,
)

E = Severity.ERROR
S, IN, EX, F, G, B, FU, SO = T.SUMMARY, T.INCOME, T.EXPENSE, T.FISCAL, T.GENERAL, T.BASIC, T.FUND, T.SOE
X = Family(consistent, run_checks)


def _class_row(p) -> str:
    """The 01/04表 row of the first class the department spends on."""
    return class_key(used_class(p))


def _fund_class(p) -> str:
    return first_subject(p, FU, 3)


@X.fires("X301", "01表其他收入多1万元，本年收入合计与收入总计随之各增1万元，02表合计未变", E, at=cell(S, "i_total", 1))
def _x301_fires(p):
    for key in ("i8", "i_total", "i_grand"):
        bump(p, S, key, 1)


@X.silent("X301", "01表本年收入合计多1万元，02表合计未变：合计不等于其各行之和，只报这一处（F102）")
def _x301_silent_when_the_total_is_wrong(p):
    bump(p, S, "i_total", 1)


@X.silent("X301", "01表本年收入合计与02表合计同增1万元")
def _x301_silent(p):
    bump(p, S, "i_total", 1)
    bump(p, IN, TOTAL, 1)


@X.fires("X302", "02表第一个项的财政拨款收入多1万元（其款、类、合计随之），01表第1～3行未变", E, at=cell(IN, TOTAL, 2))
def _x302_fires(p):
    bump_with_totals(p, IN, first_subject(p, IN, 7), {1: ONE, 2: ONE})


@X.silent("X302", "02表合计的财政拨款收入与01表第1行同增1万元")
def _x302_silent(p):
    bump(p, IN, TOTAL, 2)
    bump(p, S, "i1", 1)


@X.fires("X303", "01表第5行事业收入多1万元，02表合计未变", E, at=cell(S, "i5", 1))
def _x303_fires(p):
    bump(p, S, "i5", 1)


@X.silent("X303", "01表第5行事业收入与02表合计的事业收入同增1万元")
def _x303_silent(p):
    bump(p, S, "i5", 1)
    bump(p, IN, TOTAL, 4)


@X.fires(
    "X304", "03表第一个项的基本支出多1万元（其款、类、合计随之），01表本年支出合计未变", E, at=cell(S, "e_total", 2)
)
def _x304_fires(p):
    bump_with_totals(p, EX, first_subject(p, EX, 7), {1: ONE, 2: ONE})


@X.silent("X304", "03表合计多1万元，01表本年支出合计未变：合计不等于各类之和，只报这一处（H202）")
def _x304_silent_when_the_total_is_wrong(p):
    bump(p, EX, TOTAL, 1)


@X.silent("X304", "03表合计与01表本年支出合计同增1万元")
def _x304_silent(p):
    bump(p, EX, TOTAL, 1)
    bump(p, S, "e_total", 2)


@X.fires("X305", "01表第一个支出类多1万元，03表同类未变", E, at=cell(S, _class_row, 2))
def _x305_fires(p):
    bump(p, S, _class_row(p), 2)


@X.silent("X305", "01表第一个支出类与03表同类同增1万元")
def _x305_silent(p):
    bump(p, S, _class_row(p), 2)
    bump(p, EX, used_class(p), 1)


@X.fires("X306", "04表一般公共预算财政拨款收入多1万元，01表第1行未变", E, at=cell(F, "i1", 1))
def _x306_fires(p):
    bump(p, F, "i1", 1)


@X.silent("X306", "04表一般公共预算财政拨款收入与01表第1行同增1万元")
def _x306_silent(p):
    bump(p, F, "i1", 1)
    bump(p, S, "i1", 1)


@X.fires(
    "X307", "05表第一个类的基本支出多1万元（其合计随之），04表同类一般公共预算一栏未变", E, at=cell(F, _class_row, 3)
)
def _x307_fires(p):
    bump_with_totals(p, G, first_subject(p, G, 7), {1: ONE, 2: ONE})


@X.silent("X307", "05表第一个类与04表同类一般公共预算一栏同增1万元")
def _x307_silent(p):
    bump(p, G, used_class(p), 1)
    bump(p, F, _class_row(p), 3)


@X.fires(
    "X308",
    "政府性基金表第一个类的基本支出多1万元（本年支出小计、年末结转和结余与合计随之），04表同类未变",
    E,
    at=cell(F, lambda p: class_key(_fund_class(p)), 4),
)
def _x308_fires(p):
    bump_with_totals(p, FU, first_subject(p, FU, 7), {3: ONE, 4: ONE, 6: -ONE})


@X.silent("X308", "政府性基金表第一个类的本年支出小计与04表同类政府性基金一栏同增1万元")
def _x308_silent(p):
    bump(p, FU, _fund_class(p), 3)
    bump(p, F, class_key(_fund_class(p)), 4)


@X.fires("X309", "政府性基金表第一个项的本年收入多1万元（年末结转和结余与合计随之），04表未变", E, at=cell(F, "i2", 1))
def _x309_fires(p):
    bump_with_totals(p, FU, first_subject(p, FU, 7), {2: ONE, 6: ONE})


@X.silent("X309", "政府性基金表合计的本年收入与04表政府性基金收入同增1万元")
def _x309_silent(p):
    bump(p, FU, TOTAL, 2)
    bump(p, F, "i2", 1)


@X.fires("X310", "国有资本经营表加一个有金额的类，04表国有资本经营一栏未填", E, at=cell(F, _class_row, 5))
def _x310_fires(p):
    cls = used_class(p)
    p.tables[SO].add_subject(cls, catalog_name(cls)).values = {1: ONE, 2: ONE}


@X.silent("X310", "国有资本经营表加一个有金额的类，04表同类国有资本经营一栏填同一金额")
def _x310_silent(p):
    _x310_fires(p)
    p.tables[F].row(_class_row(p)).values[5] = ONE


@X.fires("X311", "04表一般公共预算的年末结转和结余多1万元（年末结转和结余、支出总计随之）", E, at=cell(F, "e_end", 3))
def _x311_fires(p):
    bump(p, F, "e_end1", 3)
    for key in ("e_end", "e_grand"):
        bump(p, F, key, 3)
        bump(p, F, key, 2)


@X.silent("X311", "04表一般公共预算的年末与年初结转和结余同增1万元")
def _x311_silent(p):
    bump(p, F, "e_end", 3)
    bump(p, F, "i_begin1", 1)


@X.fires("X312", "06表办公费多1万元（商品和服务支出、公用经费合计随之），05表基本支出合计未变", E, at=cell(G, TOTAL, 2))
def _x312_fires(p):
    for key in ("30201", "302", PUBLIC_TOTAL):
        bump(p, B, key, 1)


@X.silent("X312", "06表公用经费合计多1万元，05表基本支出合计未变：公用经费合计不等于其各类之和，只报这一处（F107）")
def _x312_silent_when_the_total_is_wrong(p):
    bump(p, B, PUBLIC_TOTAL, 1)


@X.silent("X312", "06表公用经费合计与05表基本支出合计同增1万元")
def _x312_silent(p):
    bump(p, B, PUBLIC_TOTAL, 1)
    bump(p, G, TOTAL, 2)


def _first_item(p):
    return first_subject(p, G, 7)


@X.fires("X313", "03表第一个项的基本支出少1万元，05表同一项未变", E, at=cell(G, _first_item, 2))
def _x313_fires(p):
    p.tables[EX].row(_first_item(p)).values[2] -= ONE


@X.silent("X313", "03表与05表第一个项的基本支出同减1万元")
def _x313_silent(p):
    p.tables[EX].row(_first_item(p)).values[2] -= ONE
    p.tables[G].row(_first_item(p)).values[2] -= ONE


@X.fires(
    "X314", "04表第一个类的一般公共预算支出比01表同类多1万元（支出小计、合计与总计随之）", E, at=cell(F, _class_row, 2)
)
def _x314_fires(p):
    by = p.tables[S].row(_class_row(p)).values[2] + ONE - p.tables[F].row(_class_row(p)).values[2]
    for key in (_class_row(p), "e_total", "e_grand"):
        bump(p, F, key, 2, by)
        bump(p, F, key, 3, by)


@X.silent("X314", "04表第一个类的支出小计比01表同类少1万元")
def _x314_silent(p):
    p.tables[F].row(_class_row(p)).values[2] = p.tables[S].row(_class_row(p)).values[2] - ONE


@X.fires(
    "X315", "02表第一个项的财政拨款收入多1万元（其款、类、合计随之），04表本年收入合计未变", E, at=cell(IN, TOTAL, 2)
)
def _x315_fires(p):
    bump_with_totals(p, IN, first_subject(p, IN, 7), {1: ONE, 2: ONE})


@X.silent("X315", "02表合计的财政拨款收入与04表本年收入合计同增1万元")
def _x315_silent(p):
    bump(p, IN, TOTAL, 2)
    bump(p, F, "i_total", 1)


@X.fires("X316", "04表国有资本经营预算财政拨款收入多1万元，九表本年收入未变", E, at=cell(F, "i3", 1), start=shanghai)
def _x316_fires(p):
    bump(p, F, "i3", 1)


@X.fires(
    "X316",
    "九表第一个科目的年末结转和结余多1万元（其类、合计随之），04表未变",
    E,
    at=cell(F, "e_end", 5),
    start=shanghai,
)
def _x316_fires_end(p):
    bump_with_totals(p, SO, next(r.key for r in p.tables[SO].subject_rows() if r.values), {6: ONE})


@X.silent("X316", "九表合计的年末结转和结余多1万元，04表未变：合计不等于各类之和，只报这一处（H202）", start=shanghai)
def _x316_silent_when_the_total_is_wrong(p):
    bump(p, SO, TOTAL, 6)


@X.silent("X316", "04表国有资本经营年初结转和结余与九表合计的年初结转和结余同增1万元", start=shanghai)
def _x316_silent(p):
    bump(p, F, "i_begin3", 1)
    bump(p, SO, TOTAL, 4)


@X.silent("X316", "全国模板的国有资本经营表不印收入、结转结余栏：04表国有资本经营收入多1万元不在此核对")
def _x316_silent_national(p):
    bump(p, F, "i3", 1)


test_cases = X.test()
