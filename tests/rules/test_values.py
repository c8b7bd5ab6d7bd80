"""V: what was typed and does not parse."""

from checks.engine import run_checks
from checks.finding import Severity
from model.layout import T
from model.project import set_cell_text
from tests.support.rule_cases import Family, cell, consistent, field, first_subject

E = Severity.ERROR
G = T.GENERAL
V = Family(consistent, run_checks)


def _first_item(p):
    return first_subject(p, G, 7)


@V.fires("V001", "05表一个项的基本支出输入为“12.3.4”", E, at=cell(G, _first_item, 2), message="“12.3.4”无法识别")
def _v001_fires(p):
    set_cell_text(p.tables[G].row(_first_item(p)), 2, "12.3.4")


@V.silent("V001", "05表一个项的基本支出按千分位重新输入同一金额（如“1,234.56”）")
def _v001_silent(p):
    row = p.tables[G].row(_first_item(p))
    set_cell_text(row, 2, f"{row.values[2]:,}")


@V.fires("V002", "政府采购货物支出输入为“12.3.4”", E, at=field("procurement.goods"), message="“12.3.4”无法识别")
def _v002_fires(p):
    p.supplementary.procurement.goods = None  # the form keeps the typed text and the field has no value
    p.invalid_fields["supplementary.procurement.goods"] = "12.3.4"


@V.silent("V002", "政府采购货物支出带“万元”重新输入同一金额")
def _v002_silent(p):
    from model.fields import parse

    goods = p.supplementary.procurement.goods
    p.supplementary.procurement.goods = parse("supplementary.procurement.goods", f"{goods}万元")


test_cases = V.test()
