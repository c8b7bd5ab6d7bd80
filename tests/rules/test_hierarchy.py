"""H: the subject hierarchy and codes of tables 02, 03, 05, 07 and 08."""

from checks.engine import run_checks
from checks.finding import Severity
from model.layout import T
from model.project import TOTAL
from tests.support.rule_cases import (
    ONE,
    Family,
    bump,
    catalog_name,
    cell,
    consistent,
    first_subject,
    unused_item_code,
)

E = Severity.ERROR
G = T.GENERAL
H = Family(consistent, run_checks)


def _bump_chain(p, code: str, col: int, *, total: bool) -> None:
    """A 项 and its 款 and 类 (and the 合计) all one more: the hierarchy still adds up."""
    for key in (code, code[:5], code[:3], *([TOTAL] if total else [])):
        bump(p, G, key, col)


def _added_rows(p, code: str):
    return [r for r in p.tables[G].rows if r.code == code]


@H.fires("H201", "05表第一个款的基本支出多1万元，其所含各项未变", E, at=cell(G, lambda p: first_subject(p, G, 5), 2))
def _h201_fires(p):
    bump(p, G, first_subject(p, G, 5), 2)


@H.silent("H201", "05表一个项与其款、类的基本支出同增1万元")
def _h201_silent(p):
    _bump_chain(p, first_subject(p, G, 7), 2, total=False)


@H.fires("H202", "05表合计的项目支出多1万元，各类未变", E, at=cell(G, TOTAL, 3))
def _h202_fires(p):
    bump(p, G, TOTAL, 3)


@H.silent("H202", "05表一个项与其款、类及合计的项目支出同增1万元")
def _h202_silent(p):
    _bump_chain(p, first_subject(p, G, 7), 3, total=True)


@H.fires("H203", "05表加一行科目编码“20131A”", E, at=cell(G, "20131A"), message="“20131A”")
def _h203_fires(p):
    p.tables[G].add_subject("20131A", "行政运行")


@H.silent("H203", "05表加一行7位数字编码的科目（2013102）")
def _h203_silent(p):
    p.tables[G].add_subject("2013102", catalog_name("2013102"))


def _second_of_first_item(p):
    code = p.tables[G].row(first_subject(p, G, 7)).code
    return _added_rows(p, code)[1].key


@H.fires("H204", "05表第一个项的整行再加一遍", E, at=cell(G, _second_of_first_item))
def _h204_fires(p):
    row = p.tables[G].row(first_subject(p, G, 7))
    p.tables[G].add_subject(row.code, row.name).values = dict(row.values)


@H.silent("H204", "05表加一个本表还没有的项（同类下另一个款的项）及其款")
def _h204_silent(p):
    code = unused_item_code(p)
    p.tables[G].add_subject(code[:5], catalog_name(code[:5])).values = {1: ONE, 3: ONE}
    p.tables[G].add_subject(code, catalog_name(code)).values = {1: ONE, 3: ONE}


@H.fires(
    "H205", "05表加一个项，却没有加它所属的款", E, at=cell(G, lambda p: _added_rows(p, unused_item_code(p))[0].key)
)
def _h205_fires(p):
    code = unused_item_code(p)
    p.tables[G].add_subject(code, catalog_name(code)).values = {1: ONE, 3: ONE}


@H.silent("H205", "05表加一个项，同时加上它所属的款")
def _h205_silent(p):
    _h204_silent(p)


test_cases = H.test()
