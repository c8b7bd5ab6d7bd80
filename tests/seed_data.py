"""The seed departments as projects: the example workbooks plus what their texts state.

The tables come from ../shared/examples (the published figures, errors included). The
supplementary data are the figures the published texts give (seeds 001 and 002), each with the
sentence it comes from, so that the sample projects shipped in resources/samples are real.

    python -m tests.seed_data      rewrites resources/samples/*.jsgk
"""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

from model.fileio import save_project
from model.project import CountItem, PerfProject, Project
from model.workbook.importer import import_workbook

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = SHARED / "examples"
SEEDS = SHARED / "seeds"
SAMPLES = ROOT / "resources" / "samples"

WORKBOOK_2024 = EXAMPLES / "2024-蔡甸区委办公室-公开表.xlsx"
WORKBOOK_2023 = EXAMPLES / "2023-青山区委办公室-公开表.xlsx"
SEED_2024 = SEEDS / "001_8c009d716d1b93c0.txt"
SEED_2023 = SEEDS / "002_d9984b4f4bf4cec5.txt"
SAMPLE_2024 = SAMPLES / "2024-蔡甸区委办公室.jsgk"
SAMPLE_2023 = SAMPLES / "2023-青山区委办公室.jsgk"


def published_text(seed: Path, variant: str) -> dict[str, str]:
    """The seed's text as published, by section, made readable again: the lines a PDF wrapped are
    joined into their paragraphs, and the figures an extraction pulled out of the charts (axis
    ticks, bar labels, a garbled legend) are left out, the 图N captions kept."""
    from checks.text.split import split_sections

    sections = split_sections(seed.read_text(encoding="utf-8"), variant)
    return {sid: _paragraphs(text) for sid, text in sections.items()}


_CJK = re.compile(r"[\u4e00-\u9fff]")
_PARAGRAPH_START = re.compile(r"^(（|\(|[一二三四五六七八九十]+、|\d+[.、．](?!\d)|图\s*\d|年度目标|序号)")
# What the extraction of 001's 图4 left behind besides figures: its garbled legend.
_GARBLED = {"W附近接款的收入 (万元)"}


_HEADING = re.compile(r"^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|图\s*\d)")


def _is_heading(line: str) -> bool:
    return bool(_HEADING.match(line)) and len(line) <= 40 and "。" not in line


def _paragraphs(text: str) -> str:
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip().removeprefix("- ").strip()  # the extraction's list bullets
        if not line or line in _GARBLED or (len(_CJK.findall(line)) <= 2 and not line.startswith("图")):
            continue  # blank, or a chart's residue: "1,000 990.24", "800 - 600 - 200 - 2023年度"
        prev = out[-1] if out else ""
        wrapped = prev and not prev.endswith(("。", "；", "：", ":", "！", "？")) and not _is_heading(prev)
        if wrapped and not _PARAGRAPH_START.match(line):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def caidian_2024() -> Project:
    """Seed 001: 中国共产党武汉市蔡甸区委员会办公室本级, 2024."""
    p = import_workbook(WORKBOOK_2024).project
    p.units.main = "中国共产党武汉市蔡甸区委员会办公室本级"
    p.units.subordinates = ["武汉市蔡甸区委总值班室"]
    s = p.supplementary
    # 一、"收、支总计增加 114.77 万元" → 2023: 1105.52 − 114.77
    s.last_year.grand_total = D("990.75")
    s.last_year.income_total = D("990.75")
    s.last_year.expense_total = D("990.75")
    # 四、"财政拨款收、支总计各增加 115.28 万元"; 图4 shows 990.24 for 2023
    s.last_year.fiscal_grand_total = D("990.24")
    s.last_year.general_income = D("990.24")
    s.last_year.general_expense = D("990.24")
    # 九、"较上年增加20.93万元" (三公), 出国 "较上年增加14.30万元", 公务用车 "较上年增加 6.63 万元"
    s.last_year.three_total = D("10.69")
    s.last_year.three_abroad = D("0.00")
    s.last_year.three_vehicle = D("10.69")
    s.last_year.three_reception = D("0.00")
    # 五(三) 年初预算: "年初预算为1149.01 万元" and by 项
    s.budget.general_total = D("1149.01")
    s.budget.by_subject = {
        "2010301": D("0.00"),
        "2013101": D("842.52"),
        "2013199": D("0.00"),
        "2013699": D("0.00"),
        "2080505": D("76.36"),
        "2080506": D("38.18"),
        "2101101": D("30.36"),
        "2101103": D("36.22"),
        "2101199": D("0.00"),
        "2210201": D("73.78"),
        "2210202": D("20.13"),
    }
    # 十、"机关运行经费支出 103.36万元，比年初预算数减少 15.95万元"
    s.admin_cost.amount = D("103.36")
    s.admin_cost.budget = D("119.31")
    # 十一、政府采购
    s.procurement.total = D("28.52")
    s.procurement.goods = D("3.45")
    s.procurement.services = D("25.06")
    s.procurement.sme = D("28.52")
    s.procurement.small_micro = D("28.52")
    # 十二、"共有车辆 6 辆，其中，应急车辆 2 台、其他用车 3 台…机要通信用车 1 台"
    s.assets.vehicles_total = 6
    s.assets.vehicles = [
        CountItem(kind="应急车辆", count=2),
        CountItem(kind="其他用车", count=3),
        CountItem(kind="机要通信用车", count=1),
    ]
    s.assets.special_equipment_100w = 0
    # 第一部分 (二) 部门人员构成
    s.staff.in_service_total = 26
    s.staff.in_service = [
        CountItem(kind="行政", count=22),
        CountItem(kind="机关工勤", count=2),
        CountItem(kind="事业编", count=2),
    ]
    s.staff.retired_total = 7
    s.staff.retired_lixiu = 0
    s.staff.retired_tuixiu = 7
    # 十三、绩效
    s.performance.project_count = 4
    s.performance.project_amount = D("85.47")
    s.performance.whole_budget = D("1105.52")
    s.performance.whole_executed = D("1105.52")
    s.performance.whole_score = D("100.00")
    s.performance.projects = [
        PerfProject(
            name="督办、文印、宣传、国家安全阵地建设及信息化",
            budget=D("31.33"),
            executed=D("31.33"),
            rate=D("100.00"),
            score=D("100.00"),
        ),
        PerfProject(name="机要保密工作", budget=D("31.00"), executed=D("31.00"), rate=D("100.00"), score=D("100.00")),
        PerfProject(name="购买社会服务", budget=D("11.85"), executed=D("11.85"), rate=D("100.00"), score=D("100.00")),
    ]
    return p


def qingshan_2023() -> Project:
    """Seed 002: 中共武汉市青山区委办公室, 2023."""
    p = import_workbook(WORKBOOK_2023).project
    p.units.main = "中共武汉市青山区委办公室"
    p.units.subordinates = ["青山区改革发展研究交流中心"]
    s = p.supplementary
    # 一、"收、支总计各减少 259.4万元" → 2022: 1132.98 + 259.40
    s.last_year.grand_total = D("1392.38")
    s.last_year.income_total = D("1392.38")
    s.last_year.expense_total = D("1392.38")
    s.last_year.fiscal_grand_total = D("1392.38")
    s.last_year.general_income = D("1392.38")
    s.last_year.general_expense = D("1392.38")
    # 五(三) "年初预算为1132.98万元" and by 类
    s.budget.general_total = D("1132.98")
    s.budget.by_subject = {"201": D("939.82"), "208": D("43.66"), "210": D("69.83"), "221": D("79.67")}
    # 十、"机关运行经费支出 40.19万元，比年初预算数减少 14.29万元"
    s.admin_cost.amount = D("40.19")
    s.admin_cost.budget = D("54.48")
    # 十一、政府采购
    s.procurement.total = D("17.93")
    s.procurement.goods = D("3.00")
    s.procurement.works = D("0.00")
    s.procurement.services = D("14.93")
    s.procurement.sme = D("17.93")
    s.procurement.small_micro = D("17.93")
    # 十二、"共有车辆 8辆，其中，主要领导干部用车 1辆，机要通信用车 1辆，应急保障用车 6辆"
    s.assets.vehicles_total = 8
    s.assets.vehicles = [
        CountItem(kind="主要领导干部用车", count=1),
        CountItem(kind="机要通信用车", count=1),
        CountItem(kind="应急保障用车", count=6),
    ]
    # 十三、绩效
    s.performance.project_count = 1
    s.performance.project_amount = D("127.99")
    s.performance.whole_budget = D("1132.98")
    s.performance.whole_executed = D("1132.98")
    s.performance.whole_score = D("97")
    s.performance.projects = [
        PerfProject(name="区委办公室综合项目", budget=D("127.99"), executed=D("127.99"), rate=D("100"), score=D("96"))
    ]
    return p


def write_samples() -> None:
    """The samples carry the published text too, so that a first look shows the text checked."""
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for project, seed, path in ((caidian_2024(), SEED_2024, SAMPLE_2024), (qingshan_2023(), SEED_2023, SAMPLE_2023)):
        project.text = published_text(seed, project.meta.variant)
        save_project(project, path)


if __name__ == "__main__":
    write_samples()
    print(f"写入 {SAMPLE_2024.name}、{SAMPLE_2023.name}")
