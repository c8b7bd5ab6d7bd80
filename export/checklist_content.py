"""What the printed check list (审核清单) says: plain data and its HTML, no Qt.

The same content serves the print preview, the printer and the PDF (export/checklist.py paints
it). Every finding is listed under its table with rule, cells, expected and actual; an accepted
warning carries its 说明. Severity is always written in words so that a grayscale copy reads the same.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from checks.finding import SEVERITIES, Finding, Location, Severity
from checks.report import group, summarize
from checks.rules.every_rule import RULES
from checks.where import Where
from model.amount import fmt_amount
from model.layout import template_words
from model.project import Project
from model.units import describe


@dataclass
class Item:
    no: int
    severity: Severity
    rule: str
    rule_title: str
    cells: str
    message: str
    expected: str
    actual: str
    accepted: str | None = None  # the 说明 written when the warning was accepted


@dataclass
class Checklist:
    department: str
    year: int
    template: str
    checked_at: datetime
    source: str
    counts: dict[str, int]
    groups: list[tuple[str, list[Item]]] = field(default_factory=list)
    unit: str = "万元"  # the unit the figures were checked in, as model.units.describe says it

    @property
    def total(self) -> int:
        return sum(self.counts[s.value] for s in SEVERITIES)


def build_checklist(
    project: Project,
    findings: Sequence[Finding] | None = None,
    *,
    source: str = "",
    checked_at: datetime | None = None,
    sources: dict | None = None,
) -> Checklist:
    """Findings given by the window are listed as they are; without them the project is checked now."""
    if findings is None:
        from checks.engine import run_checks

        findings = run_checks(project)
    m = project.meta
    out = Checklist(
        department=m.department,
        year=m.year,
        template=template_words(m.variant, m.layout),
        checked_at=checked_at or datetime.now(),
        source=source,
        counts=summarize(findings, project),
        unit=describe(m.unit),
    )
    no = 0
    where = Where(project)
    for name, items in group(project, findings):
        rows = []
        for f in items:
            no += 1
            rule = RULES.get(f.rule)
            rows.append(
                Item(
                    no=no,
                    severity=f.severity,
                    rule=f.rule,
                    rule_title=rule.title if rule else "",
                    cells=where.listing(f.locations, sources),
                    message=f.message,
                    expected=value_text(f.expected),
                    actual=value_text(f.actual),
                    accepted=project.acceptances.get(f.key) or None,
                )
            )
        out.groups.append((name, rows))
    return out


def value_text(v: Decimal | str | None) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return fmt_amount(v)
    return str(v)


def cells_text(project: Project, locations: Sequence[Location], sources: dict | None = None) -> str:
    """The cells, text spans, form fields or workbook cells a finding points at (checks.where)."""
    return Where(project).listing(locations, sources)


# ---------------------------------------------------------------- HTML for QTextDocument


def _e(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br/>")


_CELL = 'style="border: 1px solid #000; padding: 3px"'
_HEAD = 'style="border: 1px solid #000; padding: 3px; background-color: #e8e8e8; font-weight: bold"'
_GRID = 'width="100%" cellspacing="0" cellpadding="3" style="border-collapse: collapse; border: 1px solid #000; font-size: 9pt"'
# 序号 级别 规则 位置 问题 应为 实为
_COLUMNS = (("序号", 5), ("级别", 9), ("规则", 13), ("位置", 20), ("问题", 31), ("应为", 11), ("实为", 11))


def checklist_title(c: Checklist) -> str:
    return f"{c.year}年度部门决算公开审核清单"


PAGE_BREAK = "page-break-before: always; "


def checklist_html(c: Checklist, breaks: frozenset[tuple] = frozenset()) -> str:
    """The check list as Qt rich text. ``breaks`` puts a page break before a group's title
    ("title", g), before row r of group g ("row", g, r: the table goes on under its title marked
    （续）and its header), or before the signature lines ("sign",)."""
    out = [
        "<html><body>",
        f'<p align="center" style="font-size: 17pt; font-weight: bold">{_e(checklist_title(c))}</p>',
        f'<table width="100%" cellspacing="0" cellpadding="2">'
        f"<tr><td>部门：{_e(c.department or '（未填部门名称）')}</td><td>年度：{c.year}</td></tr>"
        f"<tr><td>模板：{_e(c.template)}</td><td>审核时间：{c.checked_at:%Y-%m-%d %H:%M}</td></tr>",
    ]
    if c.source:
        out.append(f'<tr><td colspan="2">文件：{_e(c.source)}</td></tr>')
    out.append(f"<tr><td colspan='2'>金额单位：{_e(c.unit)}</td></tr></table>")
    out.append(_counts_html(c))
    if not c.groups:
        out.append("<p>未发现问题。</p>")
    for g, (name, items) in enumerate(c.groups):
        out.append(_group_head(f"{name}（{len(items)} 条）", ("title", g) in breaks))
        for r, item in enumerate(items):
            if r and ("row", g, r) in breaks:
                out.append("</table>")
                out.append(_group_head(f"{name}（续）", True))
            out.append(_item_html(item))
        out.append("</table>")
    out.append(_signatures_html(("sign",) in breaks))
    out.append("</body></html>")
    return "".join(out)


def _group_head(title: str, page_break: bool) -> str:
    style = (PAGE_BREAK if page_break else "") + "font-size: 12pt; font-weight: bold; margin-top: 10px"
    heads = "".join(f'<th width="{w}%" {_HEAD}>{h}</th>' for h, w in _COLUMNS)
    return f'<p style="{style}">{_e(title)}</p><table {_GRID}><thead><tr>{heads}</tr></thead>'


def _counts_html(c: Checklist) -> str:
    heads = "".join(f'<th {_HEAD} align="center">{s.label}</th>' for s in SEVERITIES)
    cells = "".join(f'<td {_CELL} align="center">{c.counts[s.value]}</td>' for s in SEVERITIES)
    verdict = (
        f"存在 {c.counts['error']} 处错误，须更正后再公开。"
        if c.counts["error"]
        else "未发现错误。"
        if c.total
        else "未发现问题。"
    )
    accepted = f"其中已说明的警告 {c.counts['accepted']} 条。" if c.counts.get("accepted") else ""
    return (
        f'<p style="margin-top: 8px">审核结果：共 {c.total} 条。{verdict}{accepted}</p>'
        f"<table {_GRID}><tr>{heads}</tr><tr>{cells}</tr></table>"
    )


def _item_html(item: Item) -> str:
    severity = f"<b>{item.severity.label}</b>" if item.severity is Severity.ERROR else item.severity.label
    message = _e(item.message)
    if item.accepted:
        message += f"<br/><b>已说明：</b>{_e(item.accepted)}"
    rule = _e(item.rule) + (f"<br/>{_e(item.rule_title)}" if item.rule_title else "")
    cells = [
        (str(item.no), "center"),
        (severity, "center"),
        (rule, "left"),
        (_e(item.cells), "left"),
        (message, "left"),
        (_e(item.expected), "right"),
        (_e(item.actual), "right"),
    ]
    return "<tr>" + "".join(f'<td {_CELL} align="{a}">{v}</td>' for v, a in cells) + "</tr>"


def _signatures_html(page_break: bool = False) -> str:
    blank = "&nbsp;" * 28
    style = (PAGE_BREAK if page_break else "") + "margin-top: 28px"
    return (
        f'<table width="100%" cellspacing="0" cellpadding="4" style="{style}"><tr>'
        f"<td>填表人：<u>{blank}</u></td>"
        f"<td>审核人：<u>{blank}</u></td>"
        f"<td>日期：<u>{'&nbsp;' * 6}</u>年<u>{'&nbsp;' * 4}</u>月<u>{'&nbsp;' * 4}</u>日</td>"
        "</tr></table>"
    )
