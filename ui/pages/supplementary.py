"""The forms of 部门概况 and 补充数据: which fields each holds, with the labels the text uses."""

from __future__ import annotations

from model.project import CountItem, PerfProject
from ui.pages.budget import BudgetEditor
from ui.pages.forms import Column, Field, FormSpec, ListSpec

S = "supplementary."

VARIANTS = (
    ("2023", "2023版（2023年起：07政府性基金、08国有资本经营、09“三公”）"),
    ("2020", "2020版（2020–2022年：07“三公”、08政府性基金、09国有资本经营）"),
)
LAYOUTS = (("A", "A（01表收入总计第30行、支出总计第60行）"), ("B", "B（01表收入总计第31行、支出总计第62行）"))
UNIT_KINDS = tuple((k, k) for k in ("行政单位", "参照公务员法管理事业单位", "事业单位"))


def _count_list(path: str, label: str, kind_label: str, count_label: str, hint: str = "") -> ListSpec:
    return ListSpec(
        path,
        label,
        (Column("kind", kind_label), Column("count", count_label, "count")),
        new_item=lambda: CountItem(kind=""),
        hint=hint,
    )


META = FormSpec(
    "部门信息",
    "部门名称和年度印在每张表的表头；模板版本决定表的顺序和标题，01表行次布局决定01表的行次。"
    "改动后各表、审核和导出随之改变（可撤销）。",
    [
        Field("meta.department", "部门名称", "text"),
        Field("meta.year", "年度", "year"),
        Field("meta.variant", "模板版本", "choice", VARIANTS),
        Field("meta.layout", "01表行次布局", "choice", LAYOUTS),
        Field(
            "meta.unit_kind", "单位性质", "choice", UNIT_KINDS, hint="行政单位的机关运行经费通常等于06表公用经费合计"
        ),
    ],
)

UNITS = FormSpec(
    "单位构成",
    "纳入本部门决算编制范围的单位：本级和下属单位。",
    [
        Field("units.main", "本级单位", "text"),
        ListSpec("units.subordinates", "下属单位", (Column(None, "单位名称"),), new_item=None),
    ],
)

STAFF = FormSpec(
    "人员构成",
    "情况说明“部门人员构成”引用的人数。",
    [
        "在职人员",
        Field(S + "staff.in_service_total", "在职实有人数", "count"),
        _count_list(S + "staff.in_service", "在职人员构成", "人员类别（如 行政、事业、工勤）", "人数"),
        "离退休人员",
        Field(S + "staff.retired_total", "离退休人员", "count"),
        Field(S + "staff.retired_lixiu", "其中：离休", "count"),
        Field(S + "staff.retired_tuixiu", "退休", "count"),
    ],
)

LAST_YEAR = FormSpec(
    "上年数",
    "上年度决算数，情况说明用来写“比上年增加/减少……万元”。",
    [
        "收入支出总体",
        Field(S + "last_year.grand_total", "收、支总计"),
        Field(S + "last_year.income_total", "本年收入合计"),
        Field(S + "last_year.expense_total", "本年支出合计"),
        "财政拨款",
        Field(S + "last_year.fiscal_grand_total", "财政拨款收、支总计"),
        Field(S + "last_year.general_income", "一般公共预算财政拨款收入"),
        Field(S + "last_year.fund_income", "政府性基金预算财政拨款收入"),
        Field(S + "last_year.soe_income", "国有资本经营预算财政拨款收入"),
        Field(S + "last_year.general_expense", "一般公共预算财政拨款支出"),
        Field(S + "last_year.basic_expense", "基本支出"),
        Field(S + "last_year.project_expense", "项目支出"),
        "“三公”经费与机关运行经费",
        Field(S + "last_year.three_total", "“三公”经费决算合计"),
        Field(S + "last_year.three_abroad", "因公出国（境）费"),
        Field(S + "last_year.three_vehicle", "公务用车购置及运行维护费"),
        Field(S + "last_year.three_vehicle_purchase", "其中：公务用车购置费"),
        Field(S + "last_year.three_vehicle_operation", "公务用车运行维护费"),
        Field(S + "last_year.three_reception", "公务接待费"),
        Field(S + "last_year.admin_cost", "机关运行经费"),
    ],
)

BUDGET = FormSpec(
    "年初预算",
    "一般公共预算财政拨款支出的年初预算：总数、基本支出、项目支出，以及05表各科目的年初预算数"
    "（情况说明第五部分逐项比较决算数与年初预算数）。",
    [
        Field(S + "budget.general_total", "年初预算总数"),
        Field(S + "budget.basic", "其中：基本支出"),
        Field(S + "budget.project", "项目支出"),
        "各科目年初预算（按05表科目）",
        lambda ctl: BudgetEditor(ctl),
    ],
)

ADMIN_COST = FormSpec(
    "机关运行经费",
    "机关运行经费支出及其年初预算；行政单位的机关运行经费通常等于06表公用经费合计。",
    [Field(S + "admin_cost.amount", "机关运行经费支出"), Field(S + "admin_cost.budget", "年初预算数")],
)

PROCUREMENT = FormSpec(
    "政府采购",
    "政府采购支出总额等于货物、工程、服务之和；授予中小企业合同金额不大于总额。",
    [
        Field(S + "procurement.total", "政府采购支出总额"),
        Field(S + "procurement.goods", "其中：货物"),
        Field(S + "procurement.works", "工程"),
        Field(S + "procurement.services", "服务"),
        "授予中小企业",
        Field(S + "procurement.sme", "授予中小企业合同金额"),
        Field(S + "procurement.small_micro", "其中：授予小微企业合同金额"),
        Field(S + "procurement.goods_sme", "货物采购授予中小企业合同金额"),
        Field(S + "procurement.services_sme", "服务采购授予中小企业合同金额"),
    ],
)

ASSETS = FormSpec(
    "国有资产占用",
    "截至年末的车辆和大型设备。",
    [
        Field(S + "assets.vehicles_total", "车辆总数（辆）", "count"),
        _count_list(S + "assets.vehicles", "各类车辆", "车辆类别（如 一般公务用车）", "辆数"),
        Field(S + "assets.general_equipment_50w", "单价50万元以上通用设备（台、套）", "count"),
        Field(S + "assets.special_equipment_100w", "单价100万元以上专用设备（台、套）", "count"),
    ],
)

PERFORMANCE = FormSpec(
    "绩效自评",
    "预算绩效情况说明引用的数字；执行率应等于执行数÷预算数。",
    [
        Field(S + "performance.project_count", "绩效自评项目个数", "count"),
        Field(S + "performance.project_amount", "涉及资金"),
        "部门整体支出",
        Field(S + "performance.whole_budget", "预算数"),
        Field(S + "performance.whole_executed", "执行数"),
        Field(S + "performance.whole_score", "自评得分", "score"),
        ListSpec(
            S + "performance.projects",
            "自评项目",
            (
                Column("name", "项目名称"),
                Column("budget", "全年预算数（万元）", "money"),
                Column("executed", "执行数（万元）", "money"),
                Column("rate", "执行率（%）", "percent"),
                Column("score", "自评得分", "score"),
            ),
            new_item=lambda: PerfProject(),
        ),
    ],
)
