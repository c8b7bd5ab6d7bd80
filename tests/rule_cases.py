"""For every table and data rule: a change to a consistent department that must make it fire.

The silent case of every rule is the consistent department itself (and, where a rule needs
data to look at, the base holds that data): tests/test_rules.py asserts both.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from model.catalog import functional_catalog
from model.layout import THREE_ROW, T, class_key
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL, CountItem, Project, set_cell_text

ONE = Decimal("1.00")


def bump(p: Project, t: T, key: str, col: int, by: Decimal = ONE) -> None:
    row = p.tables[t].row(key)
    row.values[col] = row.values.get(col, Decimal("0.00")) + by


def first_subject(p: Project, t: T, length: int) -> str:
    return next(r.key for r in p.tables[t].subject_rows() if len(r.code) == length)


def used_class(p: Project) -> str:
    return first_subject(p, T.GENERAL, 3)


def unused_item_code(p: Project) -> str:
    """A 项 of the catalog whose 款 the department does not use."""
    used = {r.code for r in p.tables[T.GENERAL].subject_rows()}
    for s in functional_catalog().subjects():
        if len(s.code) == 7 and s.code[:5] not in used and s.code[:3] in {c for c in used if len(c) == 3}:
            return s.code
    raise AssertionError("no unused 项")


def _h205(p: Project) -> None:
    code = unused_item_code(p)
    row = p.tables[T.GENERAL].add_subject(code, functional_catalog().name_of(code) or "")
    row.values = {1: ONE, 3: ONE}


def _c601(p: Project) -> None:
    cls = used_class(p)
    row = p.tables[T.GENERAL].add_subject(cls + "98", "自编科目")
    row.values = {1: ONE, 3: ONE}


def _c602(p: Project) -> None:
    p.tables[T.GENERAL].row(first_subject(p, T.GENERAL, 7)).name = "随便写的名称"


def _h203(p: Project) -> None:
    p.tables[T.GENERAL].add_subject("20131A", "行政运行")


def _h204(p: Project) -> None:
    key = first_subject(p, T.GENERAL, 7)
    row = p.tables[T.GENERAL].row(key)
    p.tables[T.GENERAL].add_subject(row.code, row.name).values = dict(row.values)


def _c605(p: Project) -> None:
    code = unused_item_code(p)
    cls = p.tables[T.EXPENSE]
    cls.add_subject(code[:5], functional_catalog().name_of(code[:5]) or "")


def _x310(p: Project) -> None:
    cls = used_class(p)
    p.tables[T.SOE].add_subject(cls, functional_catalog().name_of(cls) or "").values = {1: ONE, 2: ONE}


def _x313(p: Project) -> None:
    key = first_subject(p, T.GENERAL, 7)
    p.tables[T.EXPENSE].row(key).values[2] -= ONE


def _v001(p: Project) -> None:
    set_cell_text(p.tables[T.GENERAL].row(first_subject(p, T.GENERAL, 7)), 2, "12.3.4")


def _v002(p: Project) -> None:
    p.supplementary.procurement.goods = None  # the form keeps the typed text and the field has no value
    p.invalid_fields["supplementary.procurement.goods"] = "12.3.4"


def _x314(p: Project) -> None:
    key = class_key(used_class(p))
    above = p.tables[T.SUMMARY].row(key).values[2] + ONE
    p.tables[T.FISCAL].row(key).values[2] = above


def _w404(p: Project) -> None:
    row = p.tables[T.THREE].row(THREE_ROW)
    row.values[2] = Decimal("0.00")
    row.values[8] = row.values.get(8) or ONE


def _w405(p: Project) -> None:
    cls = used_class(p)
    p.supplementary.budget.by_subject = {cls: Decimal("1.00")}


def _s507(p: Project) -> None:
    p.supplementary.performance.projects[0].rate = Decimal("99.0")


def _s508(p: Project) -> None:
    proc = p.supplementary.procurement
    proc.goods_sme = proc.goods + ONE


def _c603(p: Project) -> None:
    p.tables[T.SOE].note = ""


def _c604(p: Project) -> None:
    p.tables[T.FUND].note = "本部门当年无政府性基金预算财政拨款收入支出。"


def _admin(p: Project) -> None:
    s = p.supplementary.admin_cost
    s.amount = s.amount + ONE


def _procurement(field: str) -> Callable[[Project], None]:
    def change(p: Project) -> None:
        proc = p.supplementary.procurement
        if field == "total":
            proc.total += ONE
        elif field == "sme":
            proc.sme = proc.total + ONE
        else:
            proc.small_micro = proc.sme + ONE

    return change


def _staff(p: Project) -> None:
    p.supplementary.staff.in_service_total += 1


def _retired(p: Project) -> None:
    p.supplementary.staff.retired_total += 1


def _vehicles(p: Project) -> None:
    p.supplementary.assets.vehicles.append(CountItem(kind="其他用车", count=2))


def _bump(t: T, key: str | Callable[[Project], str], col: int) -> Callable[[Project], None]:
    def change(p: Project) -> None:
        bump(p, t, key(p) if callable(key) else key, col)

    return change


S, IN, E, F, G, B, FU, TH = T.SUMMARY, T.INCOME, T.EXPENSE, T.FISCAL, T.GENERAL, T.BASIC, T.FUND, T.THREE


def _class_of(t: T) -> Callable[[Project], str]:
    return lambda p: class_key(used_class(p)) if t in (S, F) else used_class(p)


def _fund_class(p: Project) -> str:
    return first_subject(p, FU, 3)


# rule id → change that must make it fire (on a consistent department with a 政府性基金 table)
BREAKS: dict[str, Callable[[Project], None]] = {
    "V001": _v001,
    "V002": _v002,
    "F101": _bump(G, lambda p: first_subject(p, G, 7), 1),
    "F102": _bump(S, "i_grand", 1),
    "F103": _bump(F, "i_begin", 1),
    "F104": _bump(S, "e_grand", 2),
    "F105": _bump(F, "e_grand", 2),
    "F106": _bump(B, "302", 1),
    "F107": _bump(B, PERSONNEL_TOTAL, 1),
    "F108": _bump(TH, THREE_ROW, 1),
    "H201": _bump(G, lambda p: first_subject(p, G, 5), 2),
    "H202": _bump(G, TOTAL, 3),
    "H203": _h203,
    "H204": _h204,
    "H205": _h205,
    "C601": _c601,
    "C602": _c602,
    "C603": _c603,
    "C604": _c604,
    "C605": _c605,
    "X301": _bump(S, "i_total", 1),
    "X302": _bump(IN, TOTAL, 2),
    "X303": _bump(S, "i5", 1),
    "X304": _bump(E, TOTAL, 1),
    "X305": _bump(S, _class_of(S), 2),
    "X306": _bump(F, "i1", 1),
    "X307": _bump(G, _class_of(G), 1),
    "X308": _bump(FU, _fund_class, 3),
    "X309": _bump(FU, TOTAL, 2),
    "X310": _x310,
    "X311": _bump(F, "e_end", 3),
    "X312": _bump(B, PUBLIC_TOTAL, 1),
    "X313": _x313,
    "X314": _x314,
    "X315": _bump(IN, TOTAL, 2),
    "W401": _bump(B, "30108", 1),
    "W402": _bump(B, "30212", 1),
    "W403": _admin,
    "W404": _w404,
    "W405": _w405,
    "S501": _procurement("total"),
    "S502": _procurement("sme"),
    "S503": _procurement("small_micro"),
    "S504": _staff,
    "S505": _retired,
    "S506": _vehicles,
    "S507": _s507,
    "S508": _s508,
}
