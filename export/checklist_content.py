"""What the printed check list (审核清单) says: plain data and its HTML, no Qt.

The same content serves the print preview, the printer and the PDF (export/checklist.py paints
it). Every finding is listed under its table with rule, cells, expected and actual; an accepted
warning carries its 说明. Severity is always written in words so that a grayscale copy reads the same.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from checks.catalog import RULES
from checks.finding import SEVERITIES, Finding, Location, Severity
from checks.report import group, printed_row, summarize
from checks.rules_entries import entry_label
from checks.rules_supplementary import FIELD_LABELS
from model.amount import fmt_amount
from model.layout import THREE_COLUMNS, T, column_name, fixed_row, printed_number
from model.project import Project
from model.sections import all_sections

MAX_ROWS_LISTED = 8  # beyond this a location list names the count; the message names the sum


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
        template=f"{m.variant} 版，01表行次布局 {m.layout}",
        checked_at=checked_at or datetime.now(),
        source=source,
        counts=summarize(findings, project),
    )
    no = 0
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
                    cells=cells_text(project, f.locations, sources),
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


# ---------------------------------------------------------------- where a finding is


def _row_text(project: Project, t: T, key: str | None) -> str:
    if key is None or t is T.THREE:
        return ""
    row = printed_row(project, t, key) or ""
    if t in (T.SUMMARY, T.FISCAL):
        label = re.sub(r"^[一二三四五六七八九十]+、", "", fixed_row(t, key).label)
        return f"第{row}行（{label}）"
    return row


def _col_text(t: T, col: int | None) -> str:
    if col is None or t is T.BASIC:
        return ""
    name = column_name(t, col)
    if t is T.THREE:
        group = next(c.group for c in THREE_COLUMNS if c.no == col).split("·")[0]
        name = f"{group}·{name}"
    return f"第{col}栏（{name}）" if name != "金额" else f"第{col}栏"


def _table_cells(project: Project, locs: list[Location]) -> list[str]:
    """Cells of one table, named compactly: "05表 合计、201、208·第1栏（小计）", "03表 合计·第1、2、3栏"."""
    t = locs[0].table
    by_col: dict[int | None, list[str]] = {}
    for loc in locs:
        rows = by_col.setdefault(loc.col, [])
        text = _row_text(project, t, loc.row)
        if text and text not in rows:
            rows.append(text)
    by_rows: dict[tuple[str, ...], list[int | None]] = {}
    for col, rows in by_col.items():
        by_rows.setdefault(tuple(rows), []).append(col)
    prefix = f"{printed_number(t, project.meta.variant)}表"
    out = []
    for rows, cols in by_rows.items():
        if len(rows) > MAX_ROWS_LISTED:
            rows = (*rows[: MAX_ROWS_LISTED - 1], f"…等{len(rows)}行")
        where = "、".join(rows)
        numbers = [c for c in cols if c is not None]
        if len(numbers) > 1 and t is not T.BASIC:
            col_part = "第" + "、".join(map(str, numbers)) + "栏"
        else:
            col_part = _col_text(t, numbers[0] if numbers else None)
        out.append(
            prefix + (" " + where if where else "") + ("·" if where and col_part else " ") * bool(col_part) + col_part
        )
    return out


def field_text(name: str) -> str:
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    m = re.fullmatch(r"performance\.projects\.(\d+)\.(\w+)", name)
    if m:
        what = {"rate": "执行率", "budget": "预算数", "executed": "执行数", "score": "自评得分"}.get(m[2], m[2])
        return f"绩效自评第{int(m[1]) + 1}个项目{what}"
    return entry_label(name)  # the other fields as the forms name them (e.g. 上年数·收、支总计)


def _text_location(project: Project, loc: Location) -> str:
    headings = {s.id: s.heading for s in all_sections(project.meta.variant)}
    section = loc.section or ""
    heading = headings.get(section, "")
    name = (
        f"{section}、{heading}" if heading and not section.startswith(("概况", "重点", "名词")) else heading or section
    )
    where = f"情况说明 {name}"
    if loc.start is not None and loc.end is not None:
        where += f" 第{loc.start + 1}～{loc.end}字"
    if loc.text:
        where += f" “{loc.text}”"
    return where


def cells_text(project: Project, locations: Sequence[Location], sources: dict | None = None) -> str:
    """The cells, text spans, supplementary fields or workbook cells a finding points at."""
    parts: list[str] = []
    tables: dict[T, list[Location]] = {}
    fields: list[str] = []
    for loc in locations:
        if loc.table is not None:
            tables.setdefault(loc.table, []).append(loc)
        elif loc.section is not None:
            parts.append(_text_location(project, loc))
        elif loc.field is not None:
            fields.append(field_text(loc.field))
        elif loc.sheet is not None or loc.cell:
            parts.append(f"工作表“{loc.sheet}” {loc.cell}" if loc.sheet else f"工作簿 {loc.cell}")
    table_parts = [text for locs in tables.values() for text in _table_cells(project, locs)]
    first = locations[0] if locations else None
    if sources and first is not None and first.table is not None:
        src = sources.get((first.table, first.row, first.col))
        if src and table_parts:
            table_parts[0] += f"（工作表“{src[0]}” {src[1]}）"
    if fields:
        parts.append("补充数据 " + "、".join(fields))
    return "；".join(table_parts + parts)


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
    out.append("<tr><td colspan='2'>金额单位：万元</td></tr></table>")
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
