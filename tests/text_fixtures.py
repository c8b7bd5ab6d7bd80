"""Texts and projects for the text tests: the seeds' real 情况说明, and seed 000 as a project.

Seed 000 (2021 洪山区委办公室, template variant 2020) was published with its text only; its
tables' key facts are rebuilt here from the figures its text states, each from the sentence named,
so that its text can also be checked against data.
"""

from __future__ import annotations

from decimal import Decimal as D
from functools import cache

from checks.engine import run_checks
from checks.finding import Finding
from checks.text import check_text, split_sections
from model.layout import THREE_ROW, T, class_key
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL, CountItem, PerfProject, Project, new_project
from tests.seed_data import SEED_2023, SEED_2024, SEEDS

SEED_2021 = SEEDS / "000_1764de51db8bf2d8.txt"


@cache
def seed_text(name: str) -> str:
    path = {"000": SEED_2021, "001": SEED_2024, "002": SEED_2023}[name]
    return path.read_text(encoding="utf-8")


def with_seed_text(project: Project, name: str) -> Project:
    project.text = split_sections(seed_text(name), project.meta.variant)
    return project


def text_only_2021() -> Project:
    """Seed 000's text in a project with no data at all."""
    return with_seed_text(new_project("中国共产党武汉市洪山区委办公室", 2021, "2020", "B"), "000")


def hongshan_2021() -> Project:
    """Seed 000 with the key facts its text states, as tables and supplementary data."""
    p = new_project("中国共产党武汉市洪山区委办公室", 2021, "2020", "B")
    p.units.main = p.meta.department

    def put(t: T, key: str, values: dict[int, str], code: str = "") -> None:
        row = p.tables[t].row(key) or p.tables[t].add_subject(code or key)
        row.values.update({c: D(v) for c, v in values.items()})

    # 一/二/三: "收、支总计 1141.94", "基本支出 1021.71", "项目支出 120.23"
    for key in ("i1", "i_total", "i_grand"):
        put(T.SUMMARY, key, {1: "1141.94"})
    for key in ("e_total", "e_grand"):
        put(T.SUMMARY, key, {2: "1141.94"})
    put(T.INCOME, TOTAL, {1: "1141.94", 2: "1141.94"})
    put(T.EXPENSE, TOTAL, {1: "1141.94", 2: "1021.71", 3: "120.23"})
    # 五(二): 一般公共服务 923.30, 社会保障和就业 46.93, 卫生健康 71.46, 住房保障 100.26
    for code, amount in (("201", "923.30"), ("208", "46.93"), ("210", "71.46"), ("221", "100.26")):
        put(T.SUMMARY, class_key(code), {2: amount})
        put(T.EXPENSE, code, {1: amount}, code)
        put(T.GENERAL, code, {1: amount}, code)
        put(T.FISCAL, class_key(code), {2: amount, 3: amount})
    for key in ("i1", "i_total", "i_grand"):
        put(T.FISCAL, key, {1: "1141.94"})
    for key in ("e_total", "e_grand"):
        put(T.FISCAL, key, {2: "1141.94", 3: "1141.94"})
    put(T.GENERAL, TOTAL, {1: "1141.94", 2: "1021.71", 3: "120.23"})
    # 六: "人员经费 902.41", "公用经费 119.31"
    put(T.BASIC, PERSONNEL_TOTAL, {1: "902.41"})
    put(T.BASIC, PUBLIC_TOTAL, {1: "119.31"})
    # 七 (“三公” in variant 2020): 年初预算 35.20, 决算 17.07, all of it 公务用车运行费
    put(T.THREE, THREE_ROW, {1: "35.20", 3: "35.20", 5: "35.20", 7: "17.07", 9: "17.07", 11: "17.07"})
    s = p.supplementary
    s.last_year.grand_total = D("1180.28")  # 一: "减少 38.34 万元"
    s.last_year.fiscal_grand_total = D("1171.34")  # 四: "各减少 29.4 万元"
    s.last_year.general_expense = D("1171.34")  # 五: "减少 29.4 万元"
    s.last_year.three_total = D("14.41")  # 七: "增加 2.66 万元"
    s.last_year.three_vehicle = D("14.41")
    s.last_year.admin_cost = D("146.54")  # 十: "比2020年度减少27.23万元"
    s.budget.general_total = D("1201.71")  # 五(三)
    s.admin_cost.amount = D("119.31")
    s.procurement.total, s.procurement.goods, s.procurement.services = D("58.38"), D("0.95"), D("57.43")
    s.procurement.sme = s.procurement.small_micro = D("58.38")
    s.staff.in_service_total = 25
    s.staff.in_service = [CountItem(kind="行政", count=25), CountItem(kind="事业", count=0)]
    s.staff.retired_total, s.staff.retired_lixiu, s.staff.retired_tuixiu = 19, 1, 18
    s.assets.vehicles_total = 8
    s.assets.vehicles = [CountItem(kind="机要通信用车", count=1), CountItem(kind="应急保障用车", count=7)]
    perf = s.performance
    perf.project_count, perf.project_amount = 4, D("120.23")
    perf.whole_budget, perf.whole_executed = D("1201.71"), D("1141.94")
    perf.projects = [
        PerfProject(name="购买劳务支出", budget=D("49"), executed=D("44.89")),
        PerfProject(name="区委综合协调经费", budget=D("51"), executed=D("39.61")),
        PerfProject(name="设备购置", budget=D("9.24"), executed=D("9.24")),
        PerfProject(name="区指挥部相关工作经费及购买防疫物资经费", budget=D("27.16"), executed=D("26.49")),
    ]
    for t in p.tables.values():
        t.touch()
    return with_seed_text(p, "000")


def findings_of(project: Project) -> list[Finding]:
    """The text's findings as ``main.py check`` gives them: judged knowing what the table checks
    found (a figure agreeing with the sum of a total's parts is not a second finding)."""
    return check_text(project, run_checks(project)).findings


def pick(findings: list[Finding], rule: str, section: str | None = None, text: str | None = None) -> list[Finding]:
    """Findings of a rule, optionally at a section and on a span whose text (spaces aside) is ``text``."""
    out = []
    for f in findings:
        loc = f.locations[0]
        if f.rule != rule or (section is not None and loc.section != section):
            continue
        if text is not None and "".join((loc.text or "").split()) != text:
            continue
        out.append(f)
    return out


def at(project: Project, f: Finding) -> str:
    """The text a finding points at, read back from the project (checks the offsets)."""
    loc = f.locations[0]
    assert loc.section is not None and loc.start is not None and loc.end is not None
    return project.text[loc.section][loc.start : loc.end]
