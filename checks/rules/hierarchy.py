"""H: the subject hierarchy and codes of tables 02, 03, 05, 07 and 08."""

from __future__ import annotations

from collections.abc import Iterator

from checks.check_kinds import Check, RowsSum
from checks.context import Ctx
from checks.finding import Finding, Location
from checks.rules.registry import E, finding, rule
from checks.rules.subject_rows import subject_rows
from model.layout import SUBJECT_TABLES, subject_columns
from model.project import TOTAL

FAMILY = "科目层级"


def _amount_columns(t, variant: str) -> tuple[int, ...]:
    return tuple(c.no for c in subject_columns(t, variant))


@rule("H201", E, FAMILY, "类等于所含款之和，款等于所含项之和")
def subject_sums(ctx: Ctx) -> Iterator[Check]:
    """02、03、05、07、08表中，每个类的金额等于其所含各款之和，每个款等于其所含各项之和，每一栏都是。"""
    for t in SUBJECT_TABLES:
        rows, cols = subject_rows(ctx, t), _amount_columns(t, ctx.variant)
        for code, kids in rows.children.items():
            right = "所含各款之和" if len(code) == 3 else "所含各项之和"
            yield RowsSum("H201", t, rows.first[code], kids, cols, right)


@rule("H202", E, FAMILY, "合计等于各类之和")
def total_of_classes(ctx: Ctx) -> Iterator[Check]:
    """02、03、05、07、08表的合计行等于各类之和，每一栏都是。"""
    for t in SUBJECT_TABLES:
        total = ctx.rows[t].get(TOTAL)
        if total is not None:
            yield RowsSum("H202", t, total, subject_rows(ctx, t).classes, _amount_columns(t, ctx.variant), "各类之和")


@rule(
    "H203",
    E,
    FAMILY,
    "科目编码不是3/5/7位数字",
    "{where}：科目编码“{code}”不是3位（类）、5位（款）或7位（项）数字",
)
def malformed_codes(ctx: Ctx) -> Iterator[Finding]:
    """功能分类科目编码应为3位（类）、5位（款）或7位（项）数字；其他写法的行不参与层级核对。"""
    for t in SUBJECT_TABLES:
        for row in subject_rows(ctx, t).malformed:
            loc = Location(table=t, row=row.key)
            yield finding("H203", f"{t}|{row.key}", [loc], where=ctx.where(t, row.key), code=row.code)


@rule("H204", E, FAMILY, "科目编码重复", "{where}：科目编码 {code} 在本表中重复出现")
def duplicate_codes(ctx: Ctx) -> Iterator[Finding]:
    """同一张表中同一个科目编码只能出现一次；重复的行不参与层级核对。"""
    for t in SUBJECT_TABLES:
        for row, first in subject_rows(ctx, t).duplicates:
            locs = [Location(table=t, row=row.key), Location(table=t, row=first.key)]
            yield finding("H204", f"{t}|{row.key}", locs, where=ctx.where(t, row.key), code=row.code)


@rule("H205", E, FAMILY, "缺少上级科目", "{where}：{level} {code} 缺少上级{parent_level} {parent}")
def missing_parents(ctx: Ctx) -> Iterator[Finding]:
    """填了款或项，表中就应有它所属的类或款，才能看出层级汇总是否成立。"""
    for t in SUBJECT_TABLES:
        for row in subject_rows(ctx, t).orphans:
            code = row.code
            level, parent_level = ("款", "类") if len(code) == 5 else ("项", "款")
            yield finding(
                "H205",
                f"{t}|{row.key}",
                [Location(table=t, row=row.key)],
                where=ctx.where(t, row.key),
                level=level,
                code=code,
                parent_level=parent_level,
                parent=code[:-2],
            )
