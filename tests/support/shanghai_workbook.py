"""A department's nine tables laid out by hand as the Shanghai 2024 template prints them
(../shared/templates/上海-2024-部门决算模板.pdf), written cell by cell with openpyxl.

Nothing here asks the app how a table prints (no template, no sheet plan): the layout is copied
from the printed template, so that importing it tests recognition on a workbook the app did not
produce. The quirks of the print are kept: no 行次, no 栏次, 05's 合计 last, 06 in two column
groups, the 三公 table's 预算数/决算数 side by side under each item, and 08/09 printing 本年支出's
合计/基本支出/项目支出 on the 合计 line. ``zeros`` prints every empty amount of the subject tables
and of 01/04 as 0.00, as some departments do; ``merges`` False writes the headings without merged
cells (each in its range's first cell), as a PDF converted to Excel may.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL, Project, Row

CLASSES = [
    "一般公共服务支出",
    "外交支出",
    "国防支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "文化旅游体育与传媒支出",
    "社会保障和就业支出",
    "卫生健康支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "资源勘探工业信息等支出",
    "商业服务业等支出",
    "金融支出",
    "援助其他地区支出",
    "自然资源海洋气象等支出",
    "住房保障支出",
    "粮油物资储备支出",
    "国有资本经营预算支出",
    "灾害防治及应急管理支出",
    "其他支出",
    "抗疫特别国债安排的支出",
]
CLASS_CODES = [
    "201",
    "202",
    "203",
    "204",
    "205",
    "206",
    "207",
    "208",
    "210",
    "211",
    "212",
    "213",
    "214",
    "215",
    "216",
    "217",
    "219",
    "220",
    "221",
    "222",
    "223",
    "224",
    "229",
    "234",
]
ORDINALS = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七",
    "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四",
]  # fmt: skip
FUNDS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
PERSONNEL = {
    "301": "30101 30102 30103 30106 30107 30108 30109 30110 30111 30112 30113 30114 30199",
    "303": "30301 30302 30303 30304 30305 30306 30307 30308 30309 30310 30311 30399",
}
PUBLIC = {
    "302": "30201 30202 30203 30204 30205 30206 30207 30208 30209 30211 30212 30213 30214 30215 30216 30217 30218 "
    "30224 30225 30226 30227 30228 30229 30231 30239 30240 30299",
    "310": "31001 31002 31003 31007 31013 31019 31021 31022 31099",
}


class _Sheet:
    def __init__(self, ws, zeros: bool, merges: bool):
        self.ws, self.zeros, self.merges = ws, zeros, merges

    def put(self, r: int, c: int, v: object) -> None:
        if v is not None and v != "":
            self.ws.cell(r, c, v)

    def head(self, r1: int, c1: int, text: str, r2: int | None = None, c2: int | None = None) -> None:
        self.put(r1, c1, text)
        r2, c2 = r2 or r1, c2 or c1
        if self.merges and (r1, c1) != (r2, c2):
            self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    def amount(self, r: int, c: int, row: Row | None, col: int, zero: bool = True) -> None:
        v = row.values.get(col) if row is not None else None
        if v is None and self.zeros and zero:
            v = Decimal("0.00")
        if v is not None:
            cell = self.ws.cell(r, c, float(v))
            cell.number_format = "#,##0.00"


def _titled(wb, name: str, title: str, width: int, zeros: bool, merges: bool) -> _Sheet:
    s = _Sheet(wb.create_sheet(name), zeros, merges)
    s.head(1, 1, title, c2=width)
    s.put(2, width, "单位：万元")
    return s


def _sides(s: _Sheet, p: Project, table: str, top: int, income: list, expense: list, cols: tuple[int, ...]) -> int:
    """Income rows in column A/B, expense rows from column C, line by line; None is a blank line."""
    rows = p.tables[table].index()
    for i in range(max(len(income), len(expense))):
        r = top + i
        if i < len(income) and income[i] is not None:
            key, label = income[i]
            s.put(r, 1, label)
            s.amount(r, 2, rows.get(key), 1, zero=key != "")
        if i < len(expense) and expense[i] is not None:
            key, label = expense[i]
            s.put(r, 3, label)
            for j, col in enumerate(cols):
                s.amount(r, 4 + j, rows.get(key), col)
    return top + max(len(income), len(expense))


def _classes() -> list[tuple[str, str]]:
    return [
        (f"c{code}", f"{ORDINALS[i]}、{name}") for i, (code, name) in enumerate(zip(CLASS_CODES, CLASSES, strict=True))
    ]


def _summary(wb, p: Project, zeros: bool, merges: bool) -> None:
    s = _Sheet(wb.create_sheet("Sheet1"), zeros, merges)
    s.head(1, 1, f"{p.meta.department}{p.meta.year}年度部门决算表", c2=4)
    s.head(2, 1, "收入支出决算总表", c2=4)
    s.put(3, 4, "单位：万元")
    s.head(4, 1, "收入", c2=2)
    s.head(4, 3, "支出", c2=4)
    for c, text in enumerate(("项目", "决算数", "项目", "决算数"), 1):
        s.put(5, c, text)
    items = [
        "一般公共预算财政拨款收入",
        "政府性基金预算财政拨款收入",
        "国有资本经营预算财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ]
    income = [(f"i{i}", f"{ORDINALS[i - 1]}、{n}") for i, n in enumerate(items, 1)] + [None] * 16
    income += [
        ("i_total", "本年收入合计"),
        ("i_surplus", "使用非财政拨款结余"),
        ("i_begin", "年初结转和结余"),
        ("i_grand", "总计"),
    ]
    expense = _classes() + [
        ("e_total", "本年支出合计"),
        ("e_dist", "结余分配"),
        ("e_end", "年末结转和结余"),
        ("e_grand", "总计"),
    ]
    end = _sides(s, p, "summary", 6, income, expense, (2,))
    s.put(end, 1, "注：本表反映部门本年度的总收支和年末结转结余情况。")


def _subject_sheet(wb, p, name, table, title, heads, cols, zeros, merges, total_last=False, note="") -> None:
    width = 2 + len(heads)
    s = _titled(wb, name, title, width, zeros, merges)
    s.head(3, 1, "项目", c2=2)
    s.put(4, 1, "功能分类科目编码")
    s.put(4, 2, "科目名称")
    for i, h in enumerate(heads):
        s.head(3, 3 + i, h, r2=4)
    rows = p.tables[table]
    r = 5
    lines = [*rows.subject_rows(), rows.row(TOTAL)] if total_last else [rows.row(TOTAL), *rows.subject_rows()]
    for row in lines:
        if row.key == TOTAL:
            s.head(r, 1, "合计", c2=2)
        else:
            s.put(r, 1, row.code)
            s.put(r, 2, row.name)
        for i, col in enumerate(cols):
            s.amount(r, 3 + i, row, col)
        r += 1
    s.put(r, 1, note)


def _fiscal(wb, p: Project, zeros: bool, merges: bool) -> None:
    s = _titled(wb, "Sheet4", "财政拨款收入支出决算总表", 7, zeros, merges)
    s.head(3, 1, "收入", c2=2)
    s.head(3, 3, "支出", c2=7)
    for c, text in enumerate(("项目", "决算数", "项目", "合计", *FUNDS), 1):
        s.put(4, c, text)
    income = [(f"i{i}", f"{ORDINALS[i - 1]}、{f}") for i, f in enumerate(FUNDS, 1)] + [None] * 21
    income += [("i_total", "本年收入合计"), ("i_begin", "年初财政拨款结转和结余")]
    income += [(f"i_begin{i}", f"{ORDINALS[i - 1]}、{f}") for i, f in enumerate(FUNDS, 1)] + [("i_grand", "总计")]
    expense = _classes() + [("e_total", "本年支出合计"), ("e_end", "年末财政拨款结转和结余"), None, None, None]
    expense.append(("e_grand", "总计"))
    end = _sides(s, p, "fiscal", 5, income, expense, (2, 3, 4, 5))
    s.put(end, 1, "注：本表反映部门本年度财政拨款总收支和结转结余情况。")


def _basic(wb, p: Project, zeros: bool, merges: bool) -> None:
    s = _titled(wb, "Sheet6", "一般公共预算财政拨款基本支出决算表", 6, zeros, merges)
    for c, text in enumerate(("经济分类科目编码", "科目名称", "决算数") * 2, 1):
        s.put(3, c, text)
    rows = p.tables["basic"].index()
    from model.catalog import economic_catalog

    names = economic_catalog()
    for groups, first in ((PERSONNEL, 1), (PUBLIC, 4)):
        r = 4
        for code, items in groups.items():
            for econ in (code, *items.split()):
                s.put(r, first, econ)
                s.put(r, first + 1, names[econ])
                s.amount(r, first + 2, rows.get(econ), 1, zero=False)
                r += 1
    r = 4 + max(sum(1 + len(v.split()) for v in g.values()) for g in (PERSONNEL, PUBLIC))
    s.head(r, 1, "人员经费合计", c2=2)
    s.amount(r, 3, rows[PERSONNEL_TOTAL], 1)
    s.head(r, 4, "公用经费合计", c2=5)
    s.amount(r, 6, rows[PUBLIC_TOTAL], 1)
    s.put(r + 1, 1, "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")


def _three(wb, p: Project, zeros: bool, merges: bool) -> None:
    s = _titled(wb, "Sheet7", "财政拨款“三公”经费支出决算表", 12, zeros, merges)
    s.head(3, 1, "财政拨款“三公”经费", c2=12)
    s.head(4, 1, "合计", r2=5, c2=2)
    s.head(4, 3, "因公出国（境）费", r2=5, c2=4)
    s.head(4, 5, "公务用车购置及运行维护费", c2=10)
    s.head(5, 5, "小计", c2=6)
    s.head(5, 7, "公务用车购置费", c2=8)
    s.head(5, 9, "公务用车运行维护费", c2=10)
    s.head(4, 11, "公务接待费", r2=5, c2=12)
    row = p.tables["three"].index()["data"]
    for i, (budget, final) in enumerate(((1, 7), (2, 8), (3, 9), (4, 10), (5, 11), (6, 12))):
        s.put(6, 1 + 2 * i, "预算数")
        s.put(6, 2 + 2 * i, "决算数")
        s.amount(7, 1 + 2 * i, row, budget, zero=False)
        s.amount(7, 2 + 2 * i, row, final, zero=False)
    s.put(8, 1, "注：本表反映部门本年度“三公”经费支出预决算情况。")


def _flows(wb, p, name, table, title, cols, what, zeros, merges) -> None:
    """08 and 09: 年初结转和结余, 本年收入, 本年支出 (合计/基本支出/项目支出 on the 合计 line), 年末."""
    s = _titled(wb, name, title, 8, zeros, merges)
    s.head(3, 1, "项目", c2=2)
    s.put(4, 1, "功能分类科目编码")
    s.put(4, 2, "科目名称")
    s.head(3, 3, "年初结转和结余", r2=4)
    s.head(3, 4, "本年收入", r2=4)
    s.head(3, 5, "本年支出", r2=4, c2=7)
    s.head(3, 8, "年末结转和结余", r2=4)
    rows = p.tables[table]
    total = rows.row(TOTAL)
    s.head(5, 1, "合计", c2=2)
    s.amount(5, 3, total, cols[0], zero=False)
    s.amount(5, 4, total, cols[1], zero=False)
    for c, text in enumerate(("合计", "基本支出", "项目支出"), 5):
        s.put(5, c, text)
    s.amount(5, 8, total, cols[5], zero=False)
    r = 6
    for row in rows.subject_rows():
        s.put(r, 1, row.code)
        s.put(r, 2, row.name)
        for i, col in enumerate(cols):
            s.amount(r, 3 + i, row, col, zero=False)
        r += 1
    s.put(r, 1, f"注：本表反映部门本年度{what}收入支出及结转和结余情况。")
    if rows.is_empty():
        s.put(r + 1, 1, f"说明：{p.meta.department}本年度没有{what}收入和支出，故本表无数据。")


def write_shanghai_workbook(p: Project, path: Path, zeros: bool = False, merges: bool = True) -> Path:
    """The project's nine tables, as the Shanghai 2024 template prints them, one sheet each."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _summary(wb, p, zeros, merges)
    income = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
    _subject_sheet(wb, p, "Sheet2", "income", "收入决算表", income, range(1, 8), zeros, merges,
                   note="注：本表反映部门本年度取得的各项收入情况。")  # fmt: skip
    expense = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
    _subject_sheet(wb, p, "Sheet3", "expense", "支出决算表", expense, range(1, 7), zeros, merges,
                   note="注：本表反映部门本年度各项支出情况。")  # fmt: skip
    _fiscal(wb, p, zeros, merges)
    _subject_sheet(wb, p, "Sheet5", "general", "一般公共预算财政拨款支出决算表", ("合计", "基本支出", "项目支出"),
                   (1, 2, 3), zeros, merges, total_last=True, note="注：本表反映部门本年度一般公共预算财政拨款支出情况。")  # fmt: skip
    _basic(wb, p, zeros, merges)
    _three(wb, p, zeros, merges)
    _flows(wb, p, "Sheet8", "fund", "政府性基金预算财政拨款收入支出决算表", (1, 2, 3, 4, 5, 6), "政府性基金预算财政拨款",
           zeros, merges)  # fmt: skip
    _flows(wb, p, "Sheet9", "soe", "国有资本经营预算财政拨款收入支出决算表", (4, 5, 1, 2, 3, 6), "国有资本经营预算财政拨款",
           zeros, merges)  # fmt: skip
    wb.save(path)
    return path
