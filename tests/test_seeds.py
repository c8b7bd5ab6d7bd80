"""The seed departments: the engine finds their real inconsistencies, at the right severity,
and says nothing about the consistent rest."""

from checks.engine import run_checks
from checks.report import location_json
from tests.seed_data import caidian_2024, qingshan_2023


def described(project):
    out = set()
    for f in run_checks(project):
        loc = location_json(project, f.locations[0])
        where = (loc.get("table"), loc.get("row"), loc.get("col")) if "table" in loc else (loc.get("field"),)
        out.add((f.rule, f.severity.value, *where))
    return out


def test_seed_001_caidian_2024():
    assert described(caidian_2024()) == {
        # 01 row 住房保障支出 93.29 against 93.28 in 03 (and 04 against 05): a cent of rounding
        ("X305", "rounding", "01", "49", 2),
        ("X307", "rounding", "04", "51", 3),
        # the 合计 rows were rounded separately from their 类 (1105.52 vs 1105.51 …)
        ("H202", "rounding", "02", "合计", 1),
        ("H202", "rounding", "02", "合计", 2),
        ("F101", "rounding", "03", "合计", 1),
        ("H202", "rounding", "03", "合计", 1),
        ("H202", "rounding", "03", "合计", 2),
        ("H202", "rounding", "03", "合计", 3),
        ("F101", "rounding", "05", "合计", 1),
        ("H202", "rounding", "05", "合计", 1),
        ("H202", "rounding", "05", "合计", 2),
        ("H202", "rounding", "05", "合计", 3),
        # 302 商品和服务支出 103.36 while its items add to 103.37
        ("F106", "rounding", "06", "302", 1),
        # 30109 职业年金缴费 71.19 against 05 2080506 33.01
        ("W401", "warning", "06", "30109", 1),
        # the PDF cut "…事务支出" to "…事务支" in three tables
        ("C602", "hint", "02", "2013199", None),
        ("C602", "hint", "03", "2013199", None),
        ("C602", "hint", "05", "2013199", None),
        # 政府采购 28.52 against 3.45 + 25.06
        ("S501", "rounding", "procurement.total"),
        # 年初预算 1149.01 while the 项 budgets the text gives add to 1117.55
        ("W405", "warning", "budget.general_total"),
    }


def test_seed_002_qingshan_2023():
    assert described(qingshan_2023()) == {
        ("W401", "warning", "06", "30108", 1),  # 82.56 vs 2080505 43.66
        ("W401", "warning", "06", "30109", 1),  # 15.57 vs no 2080506
        ("W401", "warning", "06", "30111", 1),  # 42.91 vs 2101103 42.25
        ("W401", "warning", "06", "30113", 1),  # 81.55 vs 2210201 66.41
    }


def test_messages_read_like_the_spec():
    f = next(f for f in run_checks(caidian_2024()) if f.rule == "X305")
    assert f.message == "01表 第49行（住房保障支出） 93.29 ≠ 03表 221 住房保障支出·本年支出合计 93.28"
