"""Which of the nine tables a sheet holds, told by its title and headers, never by its name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.layout import T
from model.units import unit_in
from model.workbook.reader import Sheet, norm_text

# Most specific first: "财政拨款收入支出决算总表" also contains "收入支出决算总表".
TITLE_PATTERNS: tuple[tuple[str, T], ...] = (
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


@dataclass
class Recognized:
    table: T
    title_row: int | None
    year: int | None
    number: str | None  # "07" as printed on the sheet, if it says
    department: str
    unit: str | None = None  # "万元", "元", the words of a unit that cannot be read, None: none printed


def recognize(sheet: Sheet) -> Recognized | None:
    table, title_row, year = None, None, None
    number, department, unit = None, "", None
    for r in range(1, min(sheet.max_row, HEAD_ROWS) + 1):
        for c in range(1, sheet.max_col + 1):
            text = sheet.text(r, c)
            if not text:
                continue
            if unit is None and "单位" in text:
                unit = unit_in(str(sheet.get(r, c)))
            if table is None and "决算" in text and len(text) < 60:
                for pattern, t in TITLE_PATTERNS:
                    if pattern in text:
                        table, title_row = t, r
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
    return Recognized(table, title_row, year, number, department, unit)


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
