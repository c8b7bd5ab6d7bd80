"""C: the subjects against the catalog, and whether every table is filled or says why not."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from checks.check_kinds import Check, Custom
from checks.context import Ctx
from checks.finding import Finding, Location
from checks.rules.registry import H, W, finding, rule
from checks.rules.subject_rows import subject_rows
from model.catalog import functional_catalog
from model.layout import SUBJECT_TABLES, T, empty_sentence, title
from model.project import TOTAL

CATALOG, COMPLETE = "科目目录", "完整性"
NONE_TABLES = (T.FUND, T.SOE)  # tables printed with a "无…" sentence when empty


@rule("C601", H, CATALOG, "科目不在目录中", "{where}：科目编码 {code} 不在功能分类科目目录（{source}）中")
def codes_outside_the_catalog(ctx: Ctx) -> Iterator[Finding]:
    """科目编码在政府收支分类科目（功能分类）目录中找不到：可能是录入错误，也可能是目录未收录的新科目。"""
    source = functional_catalog().source
    for t in SUBJECT_TABLES:
        for row in subject_rows(ctx, t).unknown:
            loc = Location(table=t, row=row.key)
            yield finding("C601", f"{t}|{row.key}", [loc], where=ctx.where(t, row.key), code=row.code, source=source)


@rule("C602", H, CATALOG, "科目名称与目录不一致", "{where}：科目名称“{name}”与目录名称“{catalog_name}”不一致")
def names_unlike_the_catalog(ctx: Ctx) -> Iterator[Finding]:
    """科目名称与功能分类目录中的名称不同（全角半角、括号写法的差别不算）。"""
    for t in SUBJECT_TABLES:
        for row, name in subject_rows(ctx, t).misnamed:
            loc = Location(table=t, row=row.key)
            yield finding(
                "C602", f"{t}|{row.key}", [loc], where=ctx.where(t, row.key), name=row.name, catalog_name=name
            )


def _table_label(c: Ctx, t: T) -> str:
    return f"{c.table_label(t)}（{title(t, c.variant)}）"


def _none_deps(ctx: Ctx, t: T) -> list[tuple[str, str]]:
    return [(str(t), r.key) for r in ctx.p.tables[t].rows] + [("note", str(t))]


def _says_none(note: str) -> bool:
    return "无" in note.strip()


@rule("C603", H, COMPLETE, "空表未注明“无…”", "{table}为空表，表下应注明“{sentence}”")
def empty_without_none(ctx: Ctx) -> Iterator[Check]:
    """政府性基金表、国有资本经营表没有数字时，表下应注明“本部门当年无…”，说明空表不是漏填。"""
    for t in NONE_TABLES:
        table = ctx.p.tables[t]

        def evaluate(c: Ctx, t: T = t, table=table) -> Sequence[Finding]:
            if not table.is_empty() or _says_none(table.note):
                return ()
            loc = Location(table=t, row=TOTAL)
            sentence = empty_sentence(t, c.variant, c.p.meta.department)
            return (finding("C603", f"{t}", [loc], table=_table_label(c, t), sentence=sentence),)

        yield Custom("C603", _none_deps(ctx, t), evaluate)


@rule("C604", W, COMPLETE, "注明“无…”但表中有金额", "{table}注明“{note}”，但表中填有金额")
def none_but_filled(ctx: Ctx) -> Iterator[Check]:
    """表下注明“无…”，表中却填有金额：注明与数字必有一处不对。"""
    for t in NONE_TABLES:
        table = ctx.p.tables[t]

        def evaluate(c: Ctx, t: T = t, table=table) -> Sequence[Finding]:
            note = table.note.strip()
            if table.is_empty() or not _says_none(note):
                return ()
            return (finding("C604", f"{t}", [Location(table=t, row=TOTAL)], table=_table_label(c, t), note=note),)

        yield Custom("C604", _none_deps(ctx, t), evaluate)


@rule("C605", H, COMPLETE, "科目行没有金额", "{where}：科目行没有填写任何金额")
def subject_rows_without_amounts(ctx: Ctx) -> Iterator[Check]:
    """加了科目行却一栏金额也没有填：多半是漏填，或者这一行本不该加。"""
    for t in SUBJECT_TABLES:
        rows = [r for r in ctx.p.tables[t].rows if r.key != TOTAL]

        def evaluate(c: Ctx, t: T = t, rows=rows) -> Sequence[Finding]:
            return [
                finding("C605", f"{t}|{r.key}", [Location(table=t, row=r.key)], where=c.where(t, r.key))
                for r in rows
                if not r.values and not r.invalid
            ]

        yield Custom("C605", [(str(t), r.key) for r in rows], evaluate)
