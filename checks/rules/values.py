"""V: what was typed and does not parse. The cell or the form keeps the text, so nothing is lost
on save; until it is corrected the entry has no value, and the finding says where and why."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from checks.check_kinds import Check, Custom
from checks.context import SUPP, Ctx
from checks.finding import Finding, Location
from checks.rules.registry import CELL, E, finding, rule
from checks.where import field_long
from model.amount import parse_amount
from model.fields import finding_path, reason
from model.layout import T
from model.project import Row


@rule("V001", E, "单元格", "单元格内容无法识别", "{where}：“{text}”无法识别，{reason}", runs=CELL)
def unparsed_cells(ctx: Ctx, t: T, row: Row) -> list[Finding]:
    """单元格里输入的内容不是金额（如“12.3.4”、公式、以元为单位的数字）。单元格保留所输入的文字，
    保存也不会丢失；改正之前，该单元格按没有数值处理，读取它的其他审核暂不判断。"""
    out = []
    for col, text in row.invalid.items():
        out.append(
            finding(
                "V001",
                f"{t}|{row.key}|{col}",
                [Location(table=t, row=row.key, col=col)],
                act=text,
                where=ctx.cell_label(t, row.key, col),
                text=text,
                reason=parse_amount(text).error or "无法识别",
            )
        )
    return out


@rule("V002", E, "补充数据", "补充数据内容无法识别", "{where}：“{text}”无法识别，{reason}")
def unparsed_entries(ctx: Ctx) -> Iterator[Check]:
    """部门概况或补充数据中输入的内容无法识别（如人数写成小数、执行率不是数字）。表单保留所输入的
    文字，改正之前该项按没有数值处理。"""

    def evaluate(c: Ctx) -> Sequence[Finding]:
        out = []
        for path, text in sorted(c.p.invalid_fields.items()):
            field = finding_path(path)
            out.append(
                finding(
                    "V002",
                    path,
                    [Location(field=field)],
                    act=text,
                    where=field_long(field),
                    text=text,
                    reason=reason(path, text),
                )
            )
        return out

    yield Custom("V002", [SUPP], evaluate)
