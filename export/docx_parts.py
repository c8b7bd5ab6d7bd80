"""Text the document builds from data rather than from what the user wrote: the 单位构成 and 人员构成
of 第一部分 (worded by the draft of the text), and the 绩效自评 tables of 第六部分."""

from __future__ import annotations

from decimal import Decimal

from checks.percent import percent
from checks.text.draft import staff_lines as drafted_staff
from checks.text.draft import units_lines as drafted_units
from export.docx_tables import simple_table
from export.docx_writer import DocWriter
from model.layout import T
from model.project import TOTAL, Project


def units_lines(project: Project) -> list[str]:
    """部门决算单位构成 as the draft words it (checks.text.draft); empty when no unit is known."""
    u = project.units
    if not u.main.strip() and not any(s.strip() for s in u.subordinates):
        return []
    return drafted_units(project)


def staff_lines(project: Project) -> list[str]:
    """部门人员构成 as the draft words it (checks.text.draft); empty when no figure is known."""
    s = project.supplementary.staff
    counts = (s.in_service_total, s.retired_total, s.retired_lixiu, s.retired_tuixiu)
    if all(n is None for n in counts) and not any(k.count is not None for k in s.in_service):
        return []
    return [line for _bound, line in drafted_staff(project)]


def _rate(executed: Decimal | None, budget: Decimal | None, written: Decimal | None = None) -> str:
    if written is not None:
        return f"{written}%"
    if executed is None or not budget:
        return ""
    return f"{percent(executed, budget, 2)}%"


def _plain(v: Decimal | None) -> Decimal | str:
    return "" if v is None else v


def has_performance(project: Project) -> bool:
    p = project.supplementary.performance
    return bool(p.projects) or any(v is not None for v in (p.whole_budget, p.whole_executed, p.whole_score))


def write_performance(w: DocWriter, project: Project) -> None:
    """部门整体 and 项目 绩效自评 in summary tables (the indicator tables stay in the user's own files)."""
    p = project.supplementary.performance
    year, dept = project.meta.year, project.meta.department
    expense = project.tables[T.EXPENSE].row(TOTAL)
    values = expense.values if expense else {}
    w.paragraph(f"一、{year}年度{dept}部门整体支出绩效自评表", style="TextHeading")
    simple_table(
        w,
        [
            "部门名称",
            "基本支出总额（万元）",
            "项目支出总额（万元）",
            "预算数（万元）",
            "执行数（万元）",
            "执行率",
            "自评得分",
        ],
        [
            [
                dept,
                values.get(2),
                values.get(3),
                p.whole_budget,
                p.whole_executed,
                _rate(p.whole_executed, p.whole_budget),
                _plain(p.whole_score),
            ]
        ],
    )
    w.paragraph(f"二、{year}年度项目支出绩效自评表", style="TextHeading")
    if not p.projects:
        w.to_fill("项目支出绩效自评情况（在“预算绩效”中填写自评项目）")
        return
    rows = [
        [i, pr.name, pr.budget, pr.executed, _rate(pr.executed, pr.budget, pr.rate), _plain(pr.score)]
        for i, pr in enumerate(p.projects, 1)
    ]
    simple_table(
        w,
        ["序号", "项目名称", "预算数（万元）", "执行数（万元）", "执行率", "自评得分"],
        rows,
    )
