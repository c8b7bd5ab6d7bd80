"""I: what a workbook import could not place. Cells kept as typed are V001 findings already;
everything else the import noticed becomes one finding here, in the order it was noticed."""

from __future__ import annotations

from checks.finding import Finding, Location
from checks.rules.registry import IMPORT, RULES, E, W, rule
from checks.where import sheet_cell

FAMILY = "导入"


def _issue_finding(rule_id: str, issue, i: int) -> Finding:
    r = RULES[rule_id]
    message = r.message(where=sheet_cell(issue.sheet, issue.cell), message=issue.message)
    loc = Location(sheet=issue.sheet or None, cell=issue.cell or None)
    return Finding(r.id, r.severity, message, (loc,), key=f"{r.id}|{issue.sheet}|{issue.cell}|{i}")


@rule("I801", E, FAMILY, "工作簿中的内容未能导入", "{where}：{message}", runs=IMPORT)
def not_imported(issue, i: int) -> Finding:
    """工作簿里有数字却放不进任何一张表的单元格（如01表没有行次的空行里填了金额）：导入后的项目里
    没有这个数，需核对原表。"""
    return _issue_finding("I801", issue, i)


@rule("I802", W, FAMILY, "工作簿中值得注意的内容", "{where}：{message}", runs=IMPORT)
def worth_a_look(issue, i: int) -> Finding:
    """导入时注意到、但不影响数字的内容，如一张不属于九张公开表的工作表：列出来，不会悄悄略过。"""
    return _issue_finding("I802", issue, i)


def import_findings(imported) -> list[Finding]:
    """The import's problems not already shown as unparsed cells, as findings of the I family."""
    if imported is None:
        return []
    return [
        (not_imported if issue.level == "error" else worth_a_look)(issue, i)
        for i, issue in enumerate(imported.issues)
        if not issue.placed
    ]
