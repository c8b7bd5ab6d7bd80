"""Subject hierarchy and codes of tables 02, 03, 05, 07, 08; catalog hints; empty tables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from checks.base import Check, Ctx, Custom, RowsSum, finding
from checks.finding import Finding, Location
from model.catalog import functional_catalog, normalize_name
from model.layout import EMPTY_SENTENCE, SUBJECT_TABLES, T, subject_columns
from model.project import TOTAL, Row


def subject_rules(ctx: Ctx) -> Iterator[Check | Finding]:
    for t in SUBJECT_TABLES:
        yield from _table_subjects(ctx, t)
    for t in (T.FUND, T.SOE):
        yield _empty_table_check(ctx, t)


def _table_subjects(ctx: Ctx, t: T) -> Iterator[Check | Finding]:
    table = ctx.p.tables[t]
    cols = tuple(c.no for c in subject_columns(t))
    catalog = functional_catalog()
    names = catalog.names()
    first: dict[str, Row] = {}
    for row in table.rows:
        code = row.code
        if row.key == TOTAL:
            continue
        if code in first:
            locs = [Location(table=t, row=row.key), Location(table=t, row=first[code].key)]
            yield finding("H204", f"{t}|{row.key}", locs, where=ctx.where(t, row.key), code=code)
            continue
        if len(code) not in (3, 5, 7) or not code.isdigit() or not code.isascii():
            loc = Location(table=t, row=row.key)
            yield finding("H203", f"{t}|{row.key}", [loc], where=ctx.where(t, row.key), code=code)
            continue
        first[code] = row
        name = names.get(code)
        if name is None:
            loc = Location(table=t, row=row.key)
            yield finding(
                "C601", f"{t}|{row.key}", [loc], where=ctx.where(t, row.key), code=code, source=catalog.source
            )
        elif row.name and row.name != name and normalize_name(row.name) != normalize_name(name):
            loc = Location(table=t, row=row.key)
            yield finding(
                "C602", f"{t}|{row.key}", [loc], where=ctx.where(t, row.key), name=row.name, catalog_name=name
            )
    yield _blank_rows_check(ctx, t)

    classes: list[Row] = []
    children: dict[str, list[Row]] = {}
    for code, row in first.items():
        n = len(code)
        if n == 3:
            classes.append(row)
            continue
        parent = code[: n - 2]
        if parent in first:
            kids = children.get(parent)
            if kids is None:
                children[parent] = [row]
            else:
                kids.append(row)
            continue
        level, parent_level = ("款", "类") if n == 5 else ("项", "款")
        yield finding(
            "H205",
            f"{t}|{row.key}",
            [Location(table=t, row=row.key)],
            where=ctx.where(t, row.key),
            level=level,
            code=code,
            parent_level=parent_level,
            parent=parent,
        )
    for code, kids in children.items():
        yield RowsSum("H201", t, first[code], kids, cols, "所含各款之和" if len(code) == 3 else "所含各项之和")
    total = ctx.rows[t].get(TOTAL)
    if total is not None:
        yield RowsSum("H202", t, total, classes, cols, "各类之和")


def _blank_rows_check(ctx: Ctx, t: T) -> Check:
    """One check per table: subject rows added without any amount (C605)."""
    rows = [r for r in ctx.p.tables[t].rows if r.key != TOTAL]

    def evaluate(c: Ctx) -> Sequence[Finding]:
        return [
            finding("C605", f"{t}|{r.key}", [Location(table=t, row=r.key)], where=c.where(t, r.key))
            for r in rows
            if not r.values and not r.invalid
        ]

    return Custom("C605", [(str(t), r.key) for r in rows], evaluate)


def _empty_table_check(ctx: Ctx, t: T) -> Check:
    table = ctx.p.tables[t]
    deps = [(str(t), r.key) for r in table.rows] + [("note", str(t))]

    def evaluate(c: Ctx) -> Sequence[Finding]:
        note = table.note.strip()
        says_none = "无" in note
        empty = table.is_empty()
        label = f"{c.table_label(t)}（{_short_title(t)}）"
        if empty and not says_none:
            sentence = EMPTY_SENTENCE[t]
            return (finding("C603", f"{t}", [Location(table=t, row=TOTAL)], table=label, sentence=sentence),)
        if not empty and says_none:
            return (finding("C604", f"{t}", [Location(table=t, row=TOTAL)], table=label, note=note),)
        return ()

    return Custom("C603", deps, evaluate)


def _short_title(t: T) -> str:
    return {T.FUND: "政府性基金预算财政拨款收入支出决算表", T.SOE: "国有资本经营预算财政拨款支出决算表"}[t]
