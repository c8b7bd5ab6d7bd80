"""第五部分 名词解释: the standard entries, and the 项 of table 05 with what each reports.

The entry "本部门使用的支出功能分类科目（到项级）" lists every 项 the department used, as
"<类名>（类）<款名>（款）<项名>（项）：<说明>", so it is generated from table 05. The 说明 of the
common 项 follow the official catalog's wording; others are left for the author to fill.
"""

from __future__ import annotations

from model.catalog import functional_catalog
from model.layout import chinese_ordinal
from model.project import TOTAL, Project

_BEFORE = (
    "一般公共预算财政拨款收入：指本级财政一般公共预算当年拨付的资金。",
    "政府性基金预算财政拨款收入：指本级财政政府性基金预算当年拨付的资金。",
    "国有资本经营预算财政拨款收入：指本级财政国有资本经营预算当年拨付的资金。",
    "上级补助收入：指从主管部门和上级单位取得的非财政补助收入。",
    "事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "其他收入：指单位取得的除上述收入以外的各项收入。",
    "使用非财政拨款结余（含专用结余）：指事业单位按预算管理要求使用非财政拨款结余（含专用结余）弥补收支差额的金额。",
    "年初结转和结余：指单位以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金，或项目已完成等产生的结余资金。",
)
_AFTER = (
    "结余分配：指事业单位按照会计制度规定缴纳的企业所得税、提取的专用结余以及转入非财政拨款结余的金额等。",
    "年末结转和结余：指单位按有关规定结转到下年或以后年度继续使用的资金，或项目已完成等产生的结余资金。",
    "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "项目支出：指在基本支出之外为完成特定行政任务或事业发展目标所发生的支出。",
    "经营支出：指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。",
    "“三公”经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行维护费反映单位公务用车购置支出（含车辆购置税、牌照费）及燃料费、维修费、过桥过路费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）费用。",
    "机关运行经费：指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公费、印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
)

# What a 项 reports, by the last two digits common to most 款, and for specific codes.
_BY_SUFFIX = {
    "01": "反映行政单位（包括实行公务员管理的事业单位）的基本支出。",
    "02": "反映行政单位（包括实行公务员管理的事业单位）未单独设置项级科目的其他项目支出。",
    "03": "反映行政单位（包括实行公务员管理的事业单位）提供后勤服务的各类后勤服务中心、医务室等附属事业单位的支出。",
    "50": "反映事业单位的基本支出，不包括行政单位（包括实行公务员管理的事业单位）后勤服务中心、医务室等附属事业单位。",
}
_BY_CODE = {
    "2080501": "反映用于行政单位（包括实行公务员管理的事业单位）开支的离退休经费。",
    "2080502": "反映用于事业单位开支的离退休经费。",
    "2080505": "反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。",
    "2080506": "反映机关事业单位实施养老保险制度由单位实际缴纳的职业年金支出。",
    "2101101": "反映财政部门安排的行政单位（包括实行公务员管理的事业单位）基本医疗保险缴费经费。",
    "2101102": "反映财政部门安排的事业单位基本医疗保险缴费经费。",
    "2101103": "反映财政部门安排的公务员医疗补助经费。",
    "2101199": "反映除上述项目以外的其他用于行政事业单位医疗方面的支出。",
    "2210201": "反映行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。",
    "2210202": "反映按房改政策规定的标准，行政事业单位向职工（含离退休人员）发放的租金补贴。",
    "2210203": "反映按房改政策规定，行政事业单位向符合条件职工（含离退休人员）发放的用于购买住房的补贴。",
}


def describe(code: str) -> str:
    if code in _BY_CODE:
        return _BY_CODE[code]
    suffix = code[-2:]
    if suffix == "99":
        name = (functional_catalog().name_of(code[:5]) or "").removesuffix("支出")
        return f"反映除上述项目以外其他用于{name}方面的支出。" if name else "【请填写科目说明】"
    return _BY_SUFFIX.get(suffix, "【请填写科目说明】")


def subject_lines(project: Project) -> list[str]:
    cat = functional_catalog()
    lines = []
    rows = [r for r in project.tables["general"].rows if r.key != TOTAL and len(r.code) == 7 and r.values]
    for i, row in enumerate(rows, 1):
        names = []
        for n, level in ((3, "类"), (5, "款"), (7, "项")):
            sub = project.tables["general"].row(row.code[:n])
            name = cat.name_of(row.code[:n]) or (sub.name if sub is not None else row.code[:n])
            names.append(f"{name}（{level}）")
        lines.append(f"{i}.{''.join(names)}：{describe(row.code)}")
    return lines


def glossary_items(project: Project) -> list[str]:
    """The lines of 第五部分, numbered （一）（二）…"""
    out: list[str] = []
    n = 0
    for text in _BEFORE:
        n += 1
        out.append(f"（{chinese_ordinal(n)}）{text}")
    n += 1
    out.append(f"（{chinese_ordinal(n)}）本部门使用的支出功能分类科目（到项级）")
    out += subject_lines(project)
    for text in _AFTER:
        n += 1
        out.append(f"（{chinese_ordinal(n)}）{text}")
    return out
