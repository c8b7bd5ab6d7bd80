"""V002: an entry of the 补充数据/部门概况 forms that did not parse (``Project.invalid_fields``).

The form keeps what was typed, so nothing is lost on save; until it is corrected the field has
no value, and this finding says which field and why, as V001 does for a table cell.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Sequence

from pydantic import BaseModel

from checks.base import SUPP, Check, Ctx, Custom, finding
from checks.finding import Finding, Location
from checks.rules_supplementary import FIELD_LABELS
from model.amount import parse_amount

SUPP_PREFIX = "supplementary."

# What the forms call each page and the fields FIELD_LABELS does not name.
_PAGES = {
    "last_year": "上年数",
    "budget": "年初预算",
    "admin_cost": "机关运行经费",
    "procurement": "政府采购",
    "assets": "国有资产",
    "staff": "人员构成",
    "performance": "绩效自评",
    "meta": "部门信息",
}
_NAMES = {
    "last_year.grand_total": "收、支总计",
    "last_year.income_total": "本年收入合计",
    "last_year.expense_total": "本年支出合计",
    "last_year.fiscal_grand_total": "财政拨款收、支总计",
    "last_year.general_income": "一般公共预算财政拨款收入",
    "last_year.fund_income": "政府性基金预算财政拨款收入",
    "last_year.soe_income": "国有资本经营预算财政拨款收入",
    "last_year.general_expense": "一般公共预算财政拨款支出",
    "last_year.basic_expense": "基本支出",
    "last_year.project_expense": "项目支出",
    "last_year.three_total": "“三公”经费决算合计",
    "last_year.three_abroad": "因公出国（境）费",
    "last_year.three_vehicle": "公务用车购置及运行维护费",
    "last_year.three_vehicle_purchase": "公务用车购置费",
    "last_year.three_vehicle_operation": "公务用车运行维护费",
    "last_year.three_reception": "公务接待费",
    "last_year.admin_cost": "机关运行经费",
    "budget.basic": "基本支出",
    "budget.project": "项目支出",
    "assets.general_equipment_50w": "单价50万元以上通用设备",
    "assets.special_equipment_100w": "单价100万元以上专用设备",
    "performance.project_count": "绩效自评项目个数",
    "performance.project_amount": "涉及资金",
    "performance.whole_budget": "部门整体支出预算数",
    "performance.whole_executed": "部门整体支出执行数",
    "performance.whole_score": "部门整体支出自评得分",
    "meta.year": "年度",
    "performance.projects": "自评项目",
}
_COLUMNS = {"count": "数量", "budget": "预算数", "executed": "执行数", "rate": "执行率", "score": "自评得分"}


def field_name(path: str) -> str:
    """The field as checks name it: the path below ``supplementary`` ("procurement.total")."""
    return path.removeprefix(SUPP_PREFIX)


def entry_label(path: str) -> str:
    """ "政府采购·政府采购服务支出", "绩效自评·第2行·执行率", "年初预算·2013101"."""
    name = field_name(path)
    parts = name.split(".")
    page = _PAGES.get(parts[0], parts[0])
    if name in FIELD_LABELS or name in _NAMES:
        return f"{page}·{FIELD_LABELS.get(name) or _NAMES[name]}"
    if len(parts) >= 3 and parts[-2].isdigit():  # a cell of a list: vehicles, staff kinds, projects
        listed = ".".join(parts[:-2])
        what = FIELD_LABELS.get(listed) or _NAMES.get(listed, "")
        return f"{page}·{what}第{int(parts[-2]) + 1}行·{_COLUMNS.get(parts[-1], parts[-1])}"
    if parts[:2] == ["budget", "by_subject"] and len(parts) == 3:
        return f"{page}·科目 {parts[2]}"
    return f"{page}·{'.'.join(parts[1:])}"


def _annotation(root: BaseModel, path: str) -> object:
    """The declared type of the field at ``path`` (None when the path leads nowhere)."""
    obj: object = root
    annotation: object = None
    for part in path.split("."):
        if isinstance(obj, BaseModel):
            info = type(obj).model_fields.get(part)
            if info is None:
                return None
            annotation, obj = info.annotation, getattr(obj, part)
        elif isinstance(obj, list) and part.isdigit() and int(part) < len(obj):
            annotation, obj = _item_type(annotation), obj[int(part)]
        elif isinstance(obj, dict):
            annotation, obj = _item_type(annotation), obj.get(part)
        else:
            return None
    return annotation


def _item_type(annotation: object) -> object:
    args = typing.get_args(annotation)
    return args[-1] if args else None


def _kinds(annotation: object) -> set[type]:
    """The plain types a (possibly Annotated, possibly optional) annotation admits."""
    if isinstance(annotation, type):
        return {annotation}
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kinds(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_kinds(a) for a in typing.get_args(annotation)))
    return set()


def entry_reason(root: BaseModel, path: str, text: str) -> str:
    if path == "meta.year":
        return "应为年度（如 2024）"
    if int in _kinds(_annotation(root, path)):
        return "应为不小于0的整数"
    if path.endswith(("rate", "score")):  # percentages and scores, not 万元
        return "应为数字（如 98.5）"
    return parse_amount(text).error or "应为数字"


def entry_rules(ctx: Ctx) -> Iterator[Check]:
    yield Custom("V002", [SUPP], _invalid_entries)


def _invalid_entries(ctx: Ctx) -> Sequence[Finding]:
    p = ctx.p
    out = []
    for path, text in sorted(p.invalid_fields.items()):
        out.append(
            finding(
                "V002",
                path,
                [Location(field=field_name(path))],
                act=text,
                where=entry_label(path),
                text=text,
                reason=entry_reason(p, path, text),
            )
        )
    return out
