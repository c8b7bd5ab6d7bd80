"""C: the subjects against the catalog, and whether every table is filled or says why not."""

from checks.engine import run_checks
from checks.finding import Severity
from model.layout import T
from model.project import TOTAL
from tests.support.rule_cases import (
    ONE,
    Family,
    catalog_name,
    cell,
    consistent,
    first_subject,
    unused_item_code,
    used_class,
)

H, W = Severity.HINT, Severity.WARNING
G, EX, FU, SO = T.GENERAL, T.EXPENSE, T.FUND, T.SOE
C = Family(consistent, run_checks)


def _made_up(p) -> str:
    return used_class(p) + "98"


@C.fires("C601", "05表加一个目录里没有的款（类编码后加“98”）", H, at=cell(G, _made_up))
def _c601_fires(p):
    p.tables[G].add_subject(_made_up(p), "自编科目").values = {1: ONE, 3: ONE}


@C.silent("C601", "05表加一个目录里有的项及其款")
def _c601_silent(p):
    code = unused_item_code(p)
    p.tables[G].add_subject(code[:5], catalog_name(code[:5])).values = {1: ONE, 3: ONE}
    p.tables[G].add_subject(code, catalog_name(code)).values = {1: ONE, 3: ONE}


def _first_item(p):
    return first_subject(p, G, 7)


@C.fires("C602", "05表第一个项的名称改成“随便写的名称”", H, at=cell(G, _first_item), message="随便写的名称")
def _c602_fires(p):
    p.tables[G].row(_first_item(p)).name = "随便写的名称"


@C.silent("C602", "05表第一个项的名称改用全角字母数字并加空格，文字与目录相同")
def _c602_silent(p):
    row = p.tables[G].row(_first_item(p))
    row.name = " ".join(row.name.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}))


@C.fires("C603", "国有资本经营表为空，表下的“无…”说明被删去", H, at=cell(SO, TOTAL))
def _c603_fires(p):
    p.tables[SO].note = ""


@C.silent("C603", "国有资本经营表为空，表下换一种说法注明“无…”")
def _c603_silent(p):
    p.tables[SO].note = "本部门2024年度无国有资本经营预算财政拨款支出，故本表为空表。"


@C.fires("C604", "政府性基金表填有金额，表下却注明“无政府性基金…”", W, at=cell(FU, TOTAL))
def _c604_fires(p):
    p.tables[FU].note = "本部门当年无政府性基金预算财政拨款收入支出。"


@C.silent("C604", "政府性基金表填有金额，表下的说明不说“无”")
def _c604_silent(p):
    p.tables[FU].note = "本表反映部门本年度政府性基金预算财政拨款收入支出情况。"


def _unused_kuan(p) -> str:
    return unused_item_code(p)[:5]


@C.fires("C605", "03表加一个款，却一栏金额也没有填", H, at=cell(EX, _unused_kuan))
def _c605_fires(p):
    p.tables[EX].add_subject(_unused_kuan(p), catalog_name(_unused_kuan(p)))


@C.silent("C605", "03表加一个款，并填上金额")
def _c605_silent(p):
    p.tables[EX].add_subject(_unused_kuan(p), catalog_name(_unused_kuan(p))).values = {1: ONE, 3: ONE}


test_cases = C.test()
