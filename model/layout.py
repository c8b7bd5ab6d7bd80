"""The printed layout of the nine tables (tables.md): ids, titles, columns, fixed rows.

Tables have stable internal ids; their printed numbers and titles depend on the template
variant, and the 行次 of tables 01 and 04 on the row layout. Everything that prints a table
or names a cell asks this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache


class T(StrEnum):
    SUMMARY = "summary"  # 收入支出决算总表
    INCOME = "income"  # 收入决算表
    EXPENSE = "expense"  # 支出决算表
    FISCAL = "fiscal"  # 财政拨款收入支出决算总表
    GENERAL = "general"  # 一般公共预算财政拨款支出决算表
    BASIC = "basic"  # 一般公共预算财政拨款基本支出决算明细表
    FUND = "fund"  # 政府性基金预算财政拨款收入支出决算表
    SOE = "soe"  # 国有资本经营预算财政拨款支出决算表
    THREE = "three"  # 财政拨款“三公”经费支出决算表


VARIANTS = ("2023", "2020")
LAYOUTS = ("A", "B")
SUBJECT_TABLES = (T.INCOME, T.EXPENSE, T.GENERAL, T.FUND, T.SOE)

_ORDER = {
    "2023": (T.SUMMARY, T.INCOME, T.EXPENSE, T.FISCAL, T.GENERAL, T.BASIC, T.FUND, T.SOE, T.THREE),
    "2020": (T.SUMMARY, T.INCOME, T.EXPENSE, T.FISCAL, T.GENERAL, T.BASIC, T.THREE, T.FUND, T.SOE),
}

_TITLES = {
    T.SUMMARY: "收入支出决算总表",
    T.INCOME: "收入决算表",
    T.EXPENSE: "支出决算表",
    T.FISCAL: "财政拨款收入支出决算总表",
    T.GENERAL: "一般公共预算财政拨款支出决算表",
    T.BASIC: "一般公共预算财政拨款基本支出决算明细表",
    T.FUND: "政府性基金预算财政拨款收入支出决算表",
    T.SOE: "国有资本经营预算财政拨款支出决算表",
    T.THREE: "财政拨款“三公”经费支出决算表",
}

NOTES = {
    T.SUMMARY: ["注：1.本表反映部门本年度的总收支和年末结转结余情况。", "2.本套报表金额单位转换时可能存在尾数误差。"],
    T.INCOME: ["注：本表反映部门本年度取得的各项收入情况。"],
    T.EXPENSE: ["注：本表反映部门本年度各项支出情况。"],
    T.FISCAL: [
        "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和"
        "国有资本经营预算财政拨款的总收支和年末结转结余情况。"
    ],
    T.GENERAL: ["注：本表反映部门本年度一般公共预算财政拨款支出情况。"],
    T.BASIC: ["注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。"],
    T.FUND: ["注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。"],
    T.SOE: ["注：本表反映部门本年度国有资本经营预算财政拨款支出情况。"],
    T.THREE: [
        "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，"
        "反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。"
    ],
}

# The sentence a department prints under an empty 07/08 table (wording varies by department).
EMPTY_SENTENCE = {
    T.FUND: "本部门当年无政府性基金预算财政拨款收入支出。",
    T.SOE: "本部门当年无国有资本经营预算财政拨款支出。",
}


def table_order(variant: str) -> tuple[T, ...]:
    return _ORDER[variant]


def printed_number(table: T, variant: str) -> str:
    return f"{_ORDER[variant].index(table) + 1:02d}"


def table_for_number(number: str, variant: str) -> T:
    return _ORDER[variant][int(number) - 1]


def title(table: T, variant: str) -> str:
    if table is T.THREE and variant == "2020":
        return "一般公共预算财政拨款“三公”经费支出决算表"
    return _TITLES[table]


def short_name(table: T, variant: str) -> str:
    """ "公开05表" style label used in findings and navigation."""
    return f"{printed_number(table, variant)}表"


@dataclass(frozen=True, slots=True)
class Column:
    no: int  # 栏次 as printed
    name: str
    group: str = ""  # spanning header above the column, if any


_SUBJECT_COLUMNS = {
    T.INCOME: (
        Column(1, "本年收入合计"),
        Column(2, "财政拨款收入"),
        Column(3, "上级补助收入"),
        Column(4, "事业收入"),
        Column(5, "经营收入"),
        Column(6, "附属单位上缴收入"),
        Column(7, "其他收入"),
    ),
    T.EXPENSE: (
        Column(1, "本年支出合计"),
        Column(2, "基本支出"),
        Column(3, "项目支出"),
        Column(4, "上缴上级支出"),
        Column(5, "经营支出"),
        Column(6, "对附属单位补助支出"),
    ),
    T.GENERAL: (
        Column(1, "小计", "本年支出"),
        Column(2, "基本支出", "本年支出"),
        Column(3, "项目支出", "本年支出"),
    ),
    T.FUND: (
        Column(1, "年初结转和结余"),
        Column(2, "本年收入"),
        Column(3, "小计", "本年支出"),
        Column(4, "基本支出", "本年支出"),
        Column(5, "项目支出", "本年支出"),
        Column(6, "年末结转和结余"),
    ),
    T.SOE: (
        Column(1, "合计", "本年支出"),
        Column(2, "基本支出", "本年支出"),
        Column(3, "项目支出", "本年支出"),
    ),
}

THREE_COLUMNS = (
    Column(1, "合计", "预算数"),
    Column(2, "因公出国（境）费", "预算数"),
    Column(3, "小计", "预算数·公务用车购置及运行维护费"),
    Column(4, "公务用车购置费", "预算数·公务用车购置及运行维护费"),
    Column(5, "公务用车运行维护费", "预算数·公务用车购置及运行维护费"),
    Column(6, "公务接待费", "预算数"),
    Column(7, "合计", "决算数"),
    Column(8, "因公出国（境）费", "决算数"),
    Column(9, "小计", "决算数·公务用车购置及运行维护费"),
    Column(10, "公务用车购置费", "决算数·公务用车购置及运行维护费"),
    Column(11, "公务用车运行维护费", "决算数·公务用车购置及运行维护费"),
    Column(12, "公务接待费", "决算数"),
)
THREE_ROW = "data"

SUMMARY_COLUMNS = (Column(1, "金额", "收入"), Column(2, "金额", "支出"))
FISCAL_COLUMNS = (
    Column(1, "决算数", "收入"),
    Column(2, "小计", "支出·决算数"),
    Column(3, "一般公共预算财政拨款", "支出·决算数"),
    Column(4, "政府性基金预算财政拨款", "支出·决算数"),
    Column(5, "国有资本经营预算财政拨款", "支出·决算数"),
)
BASIC_VALUE_COL = 1  # table 06 prints no 栏次; its one amount column is addressed as 1


def subject_columns(table: T) -> tuple[Column, ...]:
    return _SUBJECT_COLUMNS[table]


def columns(table: T) -> tuple[Column, ...]:
    if table in _SUBJECT_COLUMNS:
        return _SUBJECT_COLUMNS[table]
    return {
        T.SUMMARY: SUMMARY_COLUMNS,
        T.FISCAL: FISCAL_COLUMNS,
        T.THREE: THREE_COLUMNS,
        T.BASIC: (Column(BASIC_VALUE_COL, "决算数"),),
    }[table]


def column_name(table: T, col: int) -> str:
    for c in columns(table):
        if c.no == col:
            return c.name
    return f"第{col}栏"


# ---------------------------------------------------------------- the 26 function classes

CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("234", "抗疫特别国债安排的支出"),
)
CLASS_NAMES = dict(CLASSES)

_ORDINALS = "一二三四五六七八九十"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 26 → 二十六."""
    if n <= 10:
        return _ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _ORDINALS[tens - 1] + "十"
    return head + (_ORDINALS[ones - 1] if ones else "")


# ---------------------------------------------------------------- fixed rows of 01 and 04


@dataclass(frozen=True, slots=True)
class FixedRow:
    key: str
    label: str
    side: str  # "income" | "expense"
    cols: tuple[int, ...]


SUMMARY_INCOME_ITEMS = (
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
)
FISCAL_INCOME_ITEMS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")


def class_key(code: str) -> str:
    return f"c{code}"


@cache
def summary_rows(layout: str) -> tuple[tuple[FixedRow, int], ...]:
    """Rows of 01 with their 行次 for the layout; blank printed lines are not rows."""
    b = layout == "B"
    rows: list[tuple[FixedRow, int]] = []
    for i, name in enumerate(SUMMARY_INCOME_ITEMS, 1):
        rows.append((FixedRow(f"i{i}", f"{chinese_ordinal(i)}、{name}", "income", (1,)), i))
    rows += [
        (FixedRow("i_total", "本年收入合计", "income", (1,)), 27),
        (FixedRow("i_surplus", "使用非财政拨款结余（含专用结余）", "income", (1,)), 28),
        (FixedRow("i_begin", "年初结转和结余", "income", (1,)), 29),
        (FixedRow("i_grand", "总计", "income", (1,)), 31 if b else 30),
    ]
    first = 32 if b else 31
    for i, (code, name) in enumerate(CLASSES):
        label = f"{chinese_ordinal(i + 1)}、{name}"
        rows.append((FixedRow(class_key(code), label, "expense", (2,)), first + i))
    base = first + len(CLASSES)
    rows += [
        (FixedRow("e_total", "本年支出合计", "expense", (2,)), base),
        (FixedRow("e_dist", "结余分配", "expense", (2,)), base + 1),
        (FixedRow("e_end", "年末结转和结余", "expense", (2,)), base + 2),
        (FixedRow("e_grand", "总计", "expense", (2,)), base + 4 if b else base + 3),
    ]
    return tuple(rows)


@cache
def fiscal_rows() -> tuple[tuple[FixedRow, int], ...]:
    rows: list[tuple[FixedRow, int]] = []
    for i, name in enumerate(FISCAL_INCOME_ITEMS, 1):
        rows.append((FixedRow(f"i{i}", f"{chinese_ordinal(i)}、{name}", "income", (1,)), i))
    rows += [
        (FixedRow("i_total", "本年收入合计", "income", (1,)), 27),
        (FixedRow("i_begin", "年初财政拨款结转和结余", "income", (1,)), 28),
    ]
    for i, name in enumerate(FISCAL_INCOME_ITEMS, 1):
        rows.append((FixedRow(f"i_begin{i}", name, "income", (1,)), 28 + i))
    rows.append((FixedRow("i_grand", "总计", "income", (1,)), 32))
    all_cols = (2, 3, 4, 5)
    for i, (code, name) in enumerate(CLASSES):
        rows.append((FixedRow(class_key(code), f"{chinese_ordinal(i + 1)}、{name}", "expense", all_cols), 33 + i))
    rows += [
        (FixedRow("e_total", "本年支出合计", "expense", all_cols), 59),
        (FixedRow("e_end", "年末财政拨款结转和结余", "expense", all_cols), 60),
    ]
    for i, name in enumerate(FISCAL_INCOME_ITEMS, 1):
        rows.append((FixedRow(f"e_end{i}", name, "expense", (2 + i,)), 60 + i))
    rows.append((FixedRow("e_grand", "总计", "expense", all_cols), 64))
    return tuple(rows)


def fixed_rows(table: T, layout: str) -> tuple[tuple[FixedRow, int], ...]:
    if table is T.SUMMARY:
        return summary_rows(layout)
    if table is T.FISCAL:
        return fiscal_rows()
    raise ValueError(table)


@cache
def row_number(table: T, layout: str, key: str) -> int:
    for row, no in fixed_rows(table, layout):
        if row.key == key:
            return no
    raise KeyError(key)


@cache
def fixed_row(table: T, key: str) -> FixedRow:
    for row, _no in fixed_rows(table, "A"):
        if row.key == key:
            return row
    raise KeyError(key)


# ---------------------------------------------------------------- 06: economic classification


def default_variant(year: int) -> str:
    return "2023" if year >= 2023 else "2020"


def default_layout(year: int) -> str:
    # Both layouts are seen; 2024 documents in the seeds number 01 as A, 2023 ones as B.
    return "A" if year >= 2024 else "B"
