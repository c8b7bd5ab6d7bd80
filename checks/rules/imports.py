"""I: what a workbook import could not place. Cells kept as typed are V001 findings already;
everything else the import noticed becomes one finding here, in the order it was noticed."""

from __future__ import annotations

from checks.finding import Finding, Location
from checks.rules.registry import IMPORT, RULES, E, H, W, rule
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


@rule("I803", H, FAMILY, "导入时按表的格式计入的数", "{where}：{message}", runs=IMPORT)
def completed(issue, i: int) -> Finding:
    """工作簿按其模板在某个位置没有印数字，导入时由其他数字计入的（如上海模板政府性基金表、国有资本经营表的
    合计行在本年支出下印的是栏目名称，合计按各类之和计入）：列出来，让人知道这个数不是表上印的。"""
    return _issue_finding("I803", issue, i)


_BY_LEVEL = {"error": not_imported, "warning": worth_a_look, "hint": completed}


def import_findings(imported) -> list[Finding]:
    """The import's problems not already shown as unparsed cells, as findings of the I family."""
    if imported is None:
        return []
    return [_BY_LEVEL[issue.level](issue, i) for i, issue in enumerate(imported.issues) if not issue.placed]
