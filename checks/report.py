"""Findings for people and programs: grouped Chinese text, and the JSON of `main.py check --json`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from checks.finding import SEVERITIES, Finding, Location, count_by_severity
from checks.where import SUPP_PART, TEXT, Where
from model.amount import fmt_plain
from model.layout import printed_number, table_order, template_words, title
from model.project import Project
from model.units import describe

IMPORT_PART = "工作簿导入"
TEXT_PART = TEXT


def location_json(project: Project, loc: Location, sources: dict | None = None) -> dict:
    return Where(project).json(loc, sources)


def _value_json(v: Decimal | str | None) -> str | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        return fmt_plain(v)
    return str(v)


def summarize(findings: Sequence[Finding], project: Project) -> dict[str, int]:
    """Counts by severity value, and "accepted": the warnings that carry a 说明."""
    counts = count_by_severity(findings, project.acceptances)
    return {**{s.value: n for s, n in counts.items()}, "accepted": counts.accepted}


def to_json(findings: Sequence[Finding], project: Project, sources: dict | None = None, source: str = "") -> dict:
    items = []
    where = Where(project)
    for f in findings:
        item = {
            "rule": f.rule,
            "severity": f.severity.value,
            "message": f.message,
            "locations": [where.json(loc, sources) for loc in f.locations],
            "expected": _value_json(f.expected),
            "actual": _value_json(f.actual),
        }
        if f.key in project.acceptances:
            item["accepted"] = project.acceptances[f.key]
        items.append(item)
    summary: dict[str, object] = dict(summarize(findings, project))
    summary.update(
        department=project.meta.department,
        year=project.meta.year,
        variant=project.meta.variant,
        layout=project.meta.layout,
        unit=project.meta.unit,
        input=source,
    )
    return {"findings": items, "summary": summary}


def group_title(project: Project, f: Finding) -> str:
    t = f.table
    if t is not None:
        return f"{printed_number(t, project.meta.variant)}表 {title(t, project.meta.variant)}"
    loc = f.locations[0] if f.locations else Location()
    if loc.field is not None:
        return SUPP_PART
    if loc.section is not None:
        return TEXT_PART
    return IMPORT_PART


def group(project: Project, findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings in printed table order, then supplementary data, the text, the import."""
    order = [
        f"{printed_number(t, project.meta.variant)}表 {title(t, project.meta.variant)}"
        for t in table_order(project.meta.variant)
    ]
    order += [SUPP_PART, TEXT_PART, IMPORT_PART]
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(group_title(project, f), []).append(f)
    return [(g, groups[g]) for g in order if g in groups]


def counts_line(counts: dict[str, int]) -> str:
    parts = [f"{s.label} {counts[s.value]}" for s in SEVERITIES]
    line = " · ".join(parts)
    if counts.get("accepted"):
        line += f"（已说明的警告 {counts['accepted']}）"
    return line


def to_text(findings: Sequence[Finding], project: Project, source: str = "") -> str:
    m = project.meta
    head = f"{m.department or '（未填部门名称）'} {m.year}年度部门决算公开 审核结果"
    lines = [head]
    if source:
        lines.append(f"文件：{source}")
    lines.append(f"模板：{template_words(m.variant, m.layout)}；金额单位：{describe(m.unit)}")
    lines.append(counts_line(summarize(findings, project)))
    if not findings:
        lines.append("")
        lines.append("未发现问题。")
        return "\n".join(lines) + "\n"
    for name, items in group(project, findings):
        lines.append("")
        lines.append(f"【{name}】")
        for f in items:
            lines.append(f"  {f.severity.label:<4} {f.rule}  {f.message}")
            note = project.acceptances.get(f.key)
            if note:
                lines.append(f"         已说明：{note}")
    return "\n".join(lines) + "\n"
