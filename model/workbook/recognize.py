"""Which of the nine tables a sheet holds, told by its title and headers, never by its name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from model.layout import T
from model.templates import template, variants
from model.units import unit_in
from model.workbook.reader import Sheet, norm_text

# Words that name a table in titles no template prints (older or local wordings), after the
# templates' own titles; most specific first: "财政拨款收入支出决算总表" also contains "收入支出决算总表".
OTHER_TITLES: tuple[tuple[str, T], ...] = (
    ("三公", T.THREE),
    ("财政拨款收入支出决算总表", T.FISCAL),
    ("收入支出决算总表", T.SUMMARY),
    ("基本支出决算明细表", T.BASIC),
    ("政府性基金预算财政拨款收入支出决算表", T.FUND),
    ("政府性基金预算财政拨款支出决算表", T.FUND),
    ("国有资本经营预算财政拨款支出决算表", T.SOE),
    ("一般公共预算财政拨款支出决算表", T.GENERAL),
    ("收入决算表", T.INCOME),
    ("支出决算表", T.EXPENSE),
)

# Header words that identify a table when its title is missing (checked in this order).
HEADER_SIGNATURES: tuple[tuple[tuple[str, ...], T], ...] = (
    (("人员经费", "公用经费"), T.BASIC),
    (("因公出国(境)费", "公务接待费", "预算数", "决算数"), T.THREE),
    (("年初财政拨款结转和结余",), T.FISCAL),
    (("使用非财政拨款结余",), T.SUMMARY),
    (("本年收入", "年末结转和结余"), T.FUND),
    (("财政拨款收入", "上级补助收入", "事业收入"), T.INCOME),
    (("上缴上级支出", "对附属单位补助支出"), T.EXPENSE),
)

YEAR = re.compile(r"((?:19|20|21)\d{2})年")
NUMBER = re.compile(r"公开(\d{1,2})表")
HEAD_ROWS = 8
# "上海市XX局2024年度部门决算表": the line above a table naming the department and year, when its
# title does not (the Shanghai template prints the tables' titles without them).
BOOK_TITLE = re.compile(r"^(.*?)((?:19|20|21)\d{2})年度?部门决算(?:表)?$")


@cache
def title_patterns() -> tuple[tuple[str, T], ...]:
    """Every template's title of each table, longest first, then the other wordings: a title is
    read as the longest one it contains ("国有资本经营预算财政拨款收入支出决算表" is not "支出决算表")."""
    printed = {(norm_text(template(v).form(t).title), t) for v in variants() for t in T}
    return (*sorted(printed, key=lambda p: -len(p[0])), *OTHER_TITLES)


@dataclass
class Recognized:
    table: T
    title_row: int | None
    year: int | None
    number: str | None  # "07" as printed on the sheet, if it says
    department: str
    unit: str | None = None  # "万元", "元", the words of a unit that cannot be read, None: none printed
    title: str = ""  # the title line as printed, normalised


def recognize(sheet: Sheet) -> Recognized | None:
    table, title_row, year = None, None, None
    number, department, unit = None, "", None
    title, book_year, book_department = "", None, ""
    for r in range(1, min(sheet.max_row, HEAD_ROWS) + 1):
        for c in range(1, sheet.max_col + 1):
            text = sheet.text(r, c)
            if not text:
                continue
            if unit is None and "单位" in text:
                unit = unit_in(str(sheet.get(r, c)))
            book = BOOK_TITLE.match(text) if table is None else None
            if book:
                book_department, book_year = book.group(1), int(book.group(2))
                continue
            if table is None and "决算" in text and len(text) < 60:
                for pattern, t in title_patterns():
                    if pattern in text:
                        table, title_row, title = t, r, text
                        m = YEAR.search(text)
                        year = int(m.group(1)) if m else None
                        break
            m = NUMBER.search(text)
            if m and number is None:
                number = f"{int(m.group(1)):02d}"
            if not department:
                department = _department(sheet.get(r, c))
    if table is None:
        table = _by_headers(sheet, number)
        if table is None:
            return None
    return Recognized(table, title_row, year or book_year, number, department or book_department, unit, title)


DEPARTMENT = re.compile(r"^\s*(?:部门名称|单位名称|编制单位|部门|单位)\s*[:：]\s*(.*?)\s*(?:金额单位.*)?$", re.S)


def _department(raw: object) -> str:
    if not isinstance(raw, str):
        return ""
    m = DEPARTMENT.match(raw)
    if not m:
        return ""
    value = " ".join(m.group(1).split())
    return "" if value in ("万元", "元") else value


def _by_headers(sheet: Sheet, number: str | None) -> T | None:
    texts = {norm_text(v) for v in sheet.cells.values() if isinstance(v, str)}
    joined = "|".join(texts)
    for words, t in HEADER_SIGNATURES:
        if all(w in joined for w in words):
            return t
    if "基本支出" in texts and "项目支出" in texts:
        # 05 and 08 share their columns; the printed number or the first column's name tells them apart.
        if number == "05" or (number is None and "小计" in texts):
            return T.GENERAL
        return T.SOE
    return None
