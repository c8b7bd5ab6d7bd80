"""The forms of 部门概况 and 补充数据: which fields each page holds, in what order.

Labels, kinds and page titles come from the model (``model.fields``); a form gives its own label
only where it words a field differently, e.g. "其中：货物" under 政府采购支出总额.
"""

from __future__ import annotations

from model.project import CountItem, PerfProject
from model.templates import choices
from ui.pages.budget import BudgetEditor
from ui.pages.forms import Column, Field, FormSpec, ListSpec

S = "supplementary."

VARIANTS = choices()  # one per template file (resources/templates/)
LAYOUTS = (("A", "A（01表收入总计第30行、支出总计第60行）"), ("B", "B（01表收入总计第31行、支出总计第62行）"))
UNIT_KINDS = tuple((k, k) for k in ("行政单位", "参照公务员法管理事业单位", "事业单位"))


def _count_list(path: str, kind_label: str, count_label: str) -> ListSpec:
    return ListSpec(
        path,
        (Column("kind", kind_label), Column("count", count_label)),
        new_item=lambda: CountItem(kind=""),
    )


META = FormSpec(
    "meta",
    "部门名称和年度印在每张表的表头；模板版本决定表的顺序和标题，01表行次布局决定01表的行次。"
    "改动后各表、审核和导出随之改变（可撤销）。",
    [
        Field("meta.department"),
        Field("meta.year"),
        Field("meta.variant", choices=VARIANTS),
        Field("meta.layout", choices=LAYOUTS),
        Field("meta.unit_kind", choices=UNIT_KINDS, hint="行政单位的机关运行经费通常等于06表公用经费合计"),
    ],
)

UNITS = FormSpec(
    "units",
    "纳入本部门决算编制范围的单位：本级和下属单位。",
    [Field("units.main"), ListSpec("units.subordinates", (Column(None, "单位名称"),))],
)

STAFF = FormSpec(
    "supplementary.staff",
    "情况说明“部门人员构成”引用的人数。",
    [
        "在职人员",
        Field(S + "staff.in_service_total"),
        _count_list(S + "staff.in_service", "人员类别（如 行政、事业、工勤）", "人数"),
        "离退休人员",
        Field(S + "staff.retired_total"),
        Field(S + "staff.retired_lixiu", "其中：离休"),
        Field(S + "staff.retired_tuixiu", "退休"),
    ],
)

LAST_YEAR = FormSpec(
    "supplementary.last_year",
    "上年度决算数，情况说明用来写“比上年增加/减少……万元”。",
    [
        "收入支出总体",
        Field(S + "last_year.grand_total"),
        Field(S + "last_year.income_total"),
        Field(S + "last_year.expense_total"),
        "财政拨款",
        Field(S + "last_year.fiscal_grand_total"),
        Field(S + "last_year.general_income"),
        Field(S + "last_year.fund_income"),
        Field(S + "last_year.soe_income"),
        Field(S + "last_year.general_expense"),
        Field(S + "last_year.basic_expense"),
        Field(S + "last_year.project_expense"),
        "“三公”经费与机关运行经费",
        Field(S + "last_year.three_total"),
        Field(S + "last_year.three_abroad"),
        Field(S + "last_year.three_vehicle"),
        Field(S + "last_year.three_vehicle_purchase", "其中：公务用车购置费"),
        Field(S + "last_year.three_vehicle_operation"),
        Field(S + "last_year.three_reception"),
        Field(S + "last_year.admin_cost"),
    ],
)

BUDGET = FormSpec(
    "supplementary.budget",
    "一般公共预算财政拨款支出的年初预算：总数、基本支出、项目支出，以及05表各科目的年初预算数"
    "（情况说明第五部分逐项比较决算数与年初预算数）。",
    [
        Field(S + "budget.general_total", "年初预算总数"),
        Field(S + "budget.basic", "其中：基本支出"),
        Field(S + "budget.project"),
        "各科目年初预算（按05表科目）",
        lambda ctl: BudgetEditor(ctl),
    ],
)

ADMIN_COST = FormSpec(
    "supplementary.admin_cost",
    "机关运行经费支出及其年初预算；行政单位的机关运行经费通常等于06表公用经费合计。",
    [Field(S + "admin_cost.amount"), Field(S + "admin_cost.budget", "年初预算数")],
)

PROCUREMENT = FormSpec(
    "supplementary.procurement",
    "政府采购支出总额等于货物、工程、服务之和；授予中小企业合同金额不大于总额；"
    "面向小微企业预留的金额是面向中小企业预留金额的一部分。",
    [
        Field(S + "procurement.total"),
        Field(S + "procurement.goods", "其中：货物"),
        Field(S + "procurement.works", "工程"),
        Field(S + "procurement.services", "服务"),
        "授予中小企业",
        Field(S + "procurement.sme"),
        Field(S + "procurement.small_micro", "其中：授予小微企业合同金额"),
        Field(S + "procurement.goods_sme"),
        Field(S + "procurement.services_sme"),
        "面向中小企业预留（上海模板）",
        Field(S + "procurement.sme_reserved"),
        Field(S + "procurement.small_micro_reserved", "其中：面向小微企业预留政府采购项目预算金额"),
        Field(S + "procurement.sme_won_reserved"),
        Field(S + "procurement.small_micro_won_reserved"),
        Field(S + "procurement.sme_won_other"),
    ],
)

ASSETS = FormSpec(
    "supplementary.assets",
    "截至年末的车辆和大型设备。",
    [
        Field(S + "assets.vehicles_total", "车辆总数（辆）"),
        _count_list(S + "assets.vehicles", "车辆类别（如 一般公务用车）", "辆数"),
        Field(S + "assets.general_equipment_50w", "单价50万元以上通用设备（台、套）"),
        Field(S + "assets.special_equipment_100w", "单价100万元以上专用设备（台、套）"),
        Field(S + "assets.equipment_100w", "单价100万元（含）以上设备，不含车辆（台、套；上海模板）"),
    ],
    title="国有资产占用",
)

PERFORMANCE = FormSpec(
    "supplementary.performance",
    "预算绩效情况说明引用的数字；执行率应等于执行数÷预算数，各评级项目个数之和通常等于绩效自评项目个数。",
    [
        "全过程绩效管理（上海模板）",
        Field(S + "performance.target_count"),
        Field(S + "performance.target_amount"),
        Field(S + "performance.tracking_count"),
        Field(S + "performance.tracking_amount"),
        "项目绩效自评",
        Field(S + "performance.project_count"),
        Field(S + "performance.project_amount"),
        Field(S + "performance.average_score"),
        Field(S + "performance.rated_excellent", "其中：评级为“优”的项目个数"),
        Field(S + "performance.rated_good"),
        Field(S + "performance.rated_pass"),
        Field(S + "performance.rated_fail"),
        "部门整体支出",
        Field(S + "performance.whole_budget", "预算数"),
        Field(S + "performance.whole_executed", "执行数"),
        Field(S + "performance.whole_score", "自评得分"),
        ListSpec(
            S + "performance.projects",
            (Column("name"), Column("budget"), Column("executed"), Column("rate"), Column("score")),
            new_item=lambda: PerfProject(),
        ),
    ],
)

# One form per group of fields of the model (model.fields.groups).
FORMS = (META, UNITS, STAFF, LAST_YEAR, BUDGET, ADMIN_COST, PROCUREMENT, ASSETS, PERFORMANCE)
