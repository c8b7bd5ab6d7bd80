"""The nine tables as the checks and the text address them: ids, numbers, titles, columns, fixed rows.

Everything here is read from the project's template (model/templates.py, resources/templates/):
tables have stable internal ids, rows stable keys, columns stable numbers, and the template says how
a variant prints them. The names that take no variant give the "2023" template's wording, which the
other templates share.
"""

from __future__ import annotations

from functools import cache
from itertools import groupby

from model.templates import LAYOUTS, Column, FixedRow, Formula, T, chinese_ordinal, class_key, template, variants

__all__ = [
    "BASIC_VALUE_COL",
    "CLASSES",
    "CLASS_NAMES",
    "EMPTY_SENTENCE",
    "FISCAL_COLUMNS",
    "LAYOUTS",
    "SUBJECT_TABLES",
    "SUMMARY_COLUMNS",
    "SUMMARY_INCOME_ITEMS",
    "THREE_COLUMNS",
    "THREE_ROW",
    "VARIANTS",
    "Column",
    "FixedRow",
    "Formula",
    "T",
    "chinese_ordinal",
    "class_key",
    "class_keys",
    "classes",
    "empty_sentence",
    "formulas",
    "has_row",
    "numbers_columns",
    "notes",
    "numbers_rows",
    "column_name",
    "columns",
    "default_layout",
    "default_variant",
    "fixed_row",
    "fixed_rows",
    "printed_number",
    "row_number",
    "subject_columns",
    "table_for_number",
    "table_order",
    "template_words",
    "title",
]

BASE = "2023"  # the template whose wording the variant-free names below give
VARIANTS = variants()
SUBJECT_TABLES = tuple(t for t in T if template(BASE).form(t).kind == "subjects")  # 02 03 05 07 08
THREE_ROW = "data"  # the one row of 09
BASIC_VALUE_COL = 1  # table 06 prints no 栏次; its one amount column is addressed as 1

# The sentence a department prints under an empty 07/08 table (wording varies by department).
EMPTY_SENTENCE = {t: template(BASE).form(t).absent for t in T if template(BASE).form(t).absent}


def table_order(variant: str) -> tuple[T, ...]:
    return template(variant).order


def printed_number(table: T, variant: str) -> str:
    return template(variant).number(table)


def table_for_number(number: str, variant: str) -> T:
    return template(variant).order[int(number) - 1]


def title(table: T, variant: str) -> str:
    return template(variant).form(table).title


@cache
def columns(table: T, variant: str = BASE) -> tuple[Column, ...]:
    """The table's internal columns in printed order, named by their headings."""
    form = template(variant).form(table)
    printed = [c for c in form.columns if c.holds == "amount"]
    out = {}
    for c in printed:
        if c.col in out:
            # Printed more than once (06's column groups): the headings above differ, name only.
            out[c.col] = Column(c.col, out[c.col].name)
            continue
        heading = list(c.name) or [text for text, _same in groupby(c.heading)]
        out[c.col] = Column(c.col, heading[-1], "·".join(heading[:-1]), c.number or "")
    return tuple(out.values())


def subject_columns(table: T, variant: str = BASE) -> tuple[Column, ...]:
    if table not in SUBJECT_TABLES:
        raise KeyError(table)
    return columns(table, variant)


def column_name(table: T, col: int, variant: str = BASE) -> str:
    for c in columns(table, variant):
        if c.no == col:
            return c.name
    return f"第{col}栏"


THREE_COLUMNS = columns(T.THREE)
SUMMARY_COLUMNS = columns(T.SUMMARY)
FISCAL_COLUMNS = columns(T.FISCAL)

# ---------------------------------------------------------------- function classes, fixed rows of 01 and 04

CLASSES: tuple[tuple[str, str], ...] = template(BASE).classes  # every class a template may print
CLASS_NAMES = dict(CLASSES)


def classes(variant: str) -> tuple[tuple[str, str], ...]:
    """The function classes 01 and 04 print in the variant (the Shanghai template: 24, without
    债务还本/付息支出)."""
    return template(variant).classes


@cache
def class_keys(variant: str) -> tuple[str, ...]:
    return tuple(class_key(code) for code, _name in classes(variant))


def formulas(table: T, variant: str) -> tuple[Formula, ...]:
    """The column formulas each row of the table holds (its template's ``formulas``)."""
    return template(variant).form(table).formulas


@cache
def has_row(table: T, key: str, variant: str) -> bool:
    """Whether 01 or 04 prints this row in the variant (the Shanghai 04 has no 年末 fund rows)."""
    return any(row.key == key for row, _no in fixed_rows(table, LAYOUTS[0], variant))


def numbers_rows(table: T, variant: str) -> bool:
    """Whether 01 or 04 prints 行次 in the variant; without them a row is named by its label."""
    return any(c.holds == "row_no" for c in template(variant).form(table).columns)


def numbers_columns(table: T, variant: str) -> bool:
    """Whether the table prints a 栏次 line in the variant; without it a column is named by its heading."""
    return template(variant).form(table).numbered


def notes(table: T, variant: str) -> tuple[str, ...]:
    """The lines the variant prints under the table."""
    return template(variant).form(table).notes


def template_words(variant: str, layout: str) -> str:
    """The template a project follows, as the check list and `check` name it: "2023 版，01表行次布局 A";
    a template printing no 行次 has no row layout to name."""
    if numbers_rows(T.SUMMARY, variant):
        return f"{variant} 版，01表行次布局 {layout}"
    return f"{variant} 版（01表不印行次）"


def empty_sentence(table: T, variant: str, department: str = "") -> str:
    """The "无…" sentence printed under the empty table in the variant, for the department."""
    return template(variant).form(table).absent_sentence(department)


@cache
def fixed_rows(table: T, layout: str, variant: str = BASE) -> tuple[tuple[FixedRow, int], ...]:
    """Rows of 01 or 04 with their 行次 in the row layout; blank printed lines are not rows."""
    form = template(variant).form(table)
    if form.kind != "sides":
        raise ValueError(table)
    return form.fixed_rows(layout)


@cache
def row_number(table: T, layout: str, key: str, variant: str = BASE) -> int:
    for row, no in fixed_rows(table, layout, variant):
        if row.key == key:
            return no
    raise KeyError(key)


@cache
def fixed_row(table: T, key: str, variant: str = BASE) -> FixedRow:
    for row, _no in fixed_rows(table, LAYOUTS[0], variant):
        if row.key == key:
            return row
    raise KeyError(key)


SUMMARY_INCOME_ITEMS = tuple(
    row.label.split("、", 1)[-1] for row, _no in fixed_rows(T.SUMMARY, "A") if row.key in {f"i{i}" for i in range(1, 9)}
)


def default_variant(year: int) -> str:
    return "2023" if year >= 2023 else "2020"


def default_layout(year: int) -> str:
    # Both layouts are seen; 2024 documents in the seeds number 01 as A, 2023 ones as B.
    return "A" if year >= 2024 else "B"
