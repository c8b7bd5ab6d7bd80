"""The rule catalog: one entry per rule, as data. Ids are stable and never reused.

Families: V cell values · F printed formulas within a table · H subject hierarchy and codes ·
C catalog and completeness · X identities across tables · W soft relations (警告) ·
S supplementary data · T the text (情况说明) · I workbook import.

A retired rule keeps its id in RETIRED so that it is never handed out again.
"""

from __future__ import annotations

from dataclasses import dataclass

from checks.finding import Severity

E, R, W, H = Severity.ERROR, Severity.ROUNDING, Severity.WARNING, Severity.HINT

NEQ = "{left} {actual} ≠ {right} {expected}"
GT = "{left} {actual} 大于 {right} {expected}"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity  # rules of severity 错误 on sums report 尾数差异 when rounding explains the gap
    family: str
    title: str
    template: str

    def message(self, **fields: object) -> str:
        return self.template.format(**fields)


_RULES = [
    Rule("V001", E, "单元格", "单元格内容无法识别", "{where}：“{text}”无法识别，{reason}"),
    Rule("V002", E, "补充数据", "补充数据内容无法识别", "{where}：“{text}”无法识别，{reason}"),
    # ---- printed formulas within a table
    Rule("F101", E, "表内公式", "栏次公式（每一行）", NEQ),
    Rule("F102", E, "表内公式", "01表行次公式", NEQ),
    Rule("F103", E, "表内公式", "04表行次公式", NEQ),
    Rule("F104", E, "表内公式", "01表收入总计等于支出总计", NEQ),
    Rule("F105", E, "表内公式", "04表收入总计等于支出总计", NEQ),
    Rule("F106", E, "表内公式", "06表经济分类类级等于所含款级之和", NEQ),
    Rule("F107", E, "表内公式", "06表人员经费合计、公用经费合计", NEQ),
    Rule("F108", E, "表内公式", "“三公”经费表栏次公式", NEQ),
    # ---- subject hierarchy and codes
    Rule("H201", E, "科目层级", "类等于所含款之和，款等于所含项之和", NEQ),
    Rule("H202", E, "科目层级", "合计等于各类之和", NEQ),
    Rule(
        "H203",
        E,
        "科目层级",
        "科目编码不是3/5/7位数字",
        "{where}：科目编码“{code}”不是3位（类）、5位（款）或7位（项）数字",
    ),
    Rule("H204", E, "科目层级", "科目编码重复", "{where}：科目编码 {code} 在本表中重复出现"),
    Rule("H205", E, "科目层级", "缺少上级科目", "{where}：{level} {code} 缺少上级{parent_level} {parent}"),
    # ---- catalog and completeness
    Rule("C601", H, "科目目录", "科目不在目录中", "{where}：科目编码 {code} 不在功能分类科目目录（{source}）中"),
    Rule("C602", H, "科目目录", "科目名称与目录不一致", "{where}：科目名称“{name}”与目录名称“{catalog_name}”不一致"),
    Rule("C603", H, "完整性", "空表未注明“无…”", "{table}为空表，表下应注明“{sentence}”"),
    Rule("C604", W, "完整性", "注明“无…”但表中有金额", "{table}注明“{note}”，但表中填有金额"),
    Rule("C605", H, "完整性", "科目行没有金额", "{where}：科目行没有填写任何金额"),
    # ---- identities across tables
    Rule("X301", E, "表间勾稽", "01表本年收入合计等于02表合计", NEQ),
    Rule("X302", E, "表间勾稽", "01表财政拨款收入（第1～3行）等于02表财政拨款收入", NEQ),
    Rule("X303", E, "表间勾稽", "01表第4～8行收入等于02表第3～7栏合计", NEQ),
    Rule("X304", E, "表间勾稽", "01表本年支出合计等于03表合计", NEQ),
    Rule("X305", E, "表间勾稽", "01表各类支出等于03表同类本年支出合计", NEQ),
    Rule("X306", E, "表间勾稽", "04表收入第1～3行等于01表收入第1～3行", NEQ),
    Rule("X307", E, "表间勾稽", "04表一般公共预算财政拨款支出等于05表", NEQ),
    Rule("X308", E, "表间勾稽", "04表政府性基金预算财政拨款等于政府性基金表", NEQ),
    Rule("X309", E, "表间勾稽", "04表政府性基金收入、结转结余等于政府性基金表", NEQ),
    Rule("X310", E, "表间勾稽", "04表国有资本经营预算财政拨款支出等于国有资本经营表", NEQ),
    Rule("X311", E, "表间勾稽", "04表各项资金：年初结转和结余＋本年收入－本年支出＝年末结转和结余", NEQ),
    Rule("X312", E, "表间勾稽", "05表基本支出合计等于06表人员经费合计与公用经费合计之和", NEQ),
    Rule("X313", E, "表间勾稽", "05表科目支出不大于03表同一科目", GT),
    Rule("X314", E, "表间勾稽", "04表各类支出小计不大于01表同类支出", GT),
    Rule("X315", E, "表间勾稽", "02表财政拨款收入合计等于04表本年收入合计", NEQ),
    # ---- soft relations
    Rule(
        "W401",
        W,
        "表间关系",
        "06表社保、公积金缴费与05表对应科目基本支出一致",
        "{left} {actual} 与 {right} {expected} 不一致（通常相等）",
    ),
    Rule("W402", W, "表间关系", "06表“三公”相关支出不大于“三公”经费决算", GT),
    Rule(
        "W403",
        W,
        "表间关系",
        "机关运行经费等于06表公用经费合计（行政单位）",
        "{left} {actual} ≠ {right} {expected}（行政单位通常相等）",
    ),
    Rule(
        "W404",
        W,
        "表间关系",
        "“三公”经费决算大于0而预算为0",
        "{left} 决算数 {actual} 大于0，而预算数为 {expected}，需在情况说明中说明原因",
    ),
    Rule("W405", W, "补充数据", "年初预算总额等于各科目年初预算之和", NEQ),
    # ---- supplementary data
    Rule("S501", E, "补充数据", "政府采购总额等于货物、工程、服务之和", NEQ),
    Rule("S502", E, "补充数据", "授予中小企业合同金额不大于政府采购总额", GT),
    Rule("S503", E, "补充数据", "授予小微企业合同金额不大于授予中小企业合同金额", GT),
    Rule(
        "S504", E, "补充数据", "在职实有人数等于各类人员之和", "在职实有人数 {actual} 人 ≠ 各类人员之和 {expected} 人"
    ),
    Rule("S505", E, "补充数据", "离退休人员等于离休与退休之和", "离退休人员 {actual} 人 ≠ 离休+退休 {expected} 人"),
    Rule("S506", E, "补充数据", "车辆总数等于各类车辆之和", "车辆总数 {actual} 辆 ≠ 各类车辆之和 {expected} 辆"),
    Rule(
        "S507",
        E,
        "补充数据",
        "绩效项目执行率等于执行数除以预算数",
        "绩效项目“{name}”执行率 {actual}% 与 执行数÷预算数 {expected}% 不符",
    ),
    Rule("S508", E, "补充数据", "货物、服务采购授予中小企业合同金额不大于该类支出", GT),
    # ---- the text (情况说明): figures tied to the data, recomputed, compared with each other
    Rule("T701", E, "情况说明", "金额与表中或补充数据不符", "{section}：“{text}”是{label}，应为 {expected}（{where}）"),
    Rule(
        "T702", E, "情况说明", "占比与重新计算的不符", "{section}：{label}占{base}“{text}”，按 {detail} 应为 {expected}"
    ),
    Rule(
        "T703",
        E,
        "情况说明",
        "增减额与上年数或预算数不符",
        "{section}：{label}{against}“{text}”，按 {detail} 应为{expected}",
    ),
    Rule(
        "T704",
        E,
        "情况说明",
        "增减幅度与重新计算的不符",
        "{section}：{label}{against}变动“{text}”，按 {detail} 应为 {expected}",
    ),
    Rule(
        "T705",
        E,
        "情况说明",
        "预算完成率（执行率）与重新计算的不符",
        "{section}：{label}完成预算“{text}”，按 {detail} 应为 {expected}",
    ),
    Rule(
        "T706",
        E,
        "情况说明",
        "文中合计与所列分项之和不符",
        "{section}：{label}“{text}” ≠ 文中所列分项之和 {expected}（{detail}）",
    ),
    Rule("T707", E, "情况说明", "同一数字前后写法不一", "{label}前后不一：{detail}"),
    Rule("T708", E, "情况说明", "金额单位不是万元", "{section}：“{text}”单位有误，{label}应为 {expected}"),
    Rule(
        "T709", E, "情况说明", "年度与项目年度不符", "{section}：“{text}”应为 {expected}（本项目为{year}年度{detail}）"
    ),
    Rule("T710", E, "情况说明", "“无…”的说明与数据不符", "{section}：写“{text}”，但{detail}"),
    Rule(
        "T711", E, "情况说明", "增减或大小的说法与数据不符", "{section}：“{text}”与数据不符，{detail}，应为“{expected}”"
    ),
    Rule("T712", H, "情况说明", "数字未能与数据核对", "{section}：“{text}”{detail}"),
    Rule(
        "T713",
        E,
        "情况说明",
        "人数、车辆数、项目个数与补充数据不符",
        "{section}：“{text}”是{label}，应为 {expected}（{where}）",
    ),
    Rule("T714", H, "情况说明", "模板文字未替换或待填写", "{section}：“{text}”{detail}"),
    Rule("T715", H, "情况说明", "列举的经济科目在06表中没有金额", "{section}：列举了“{text}”，但06表 {detail}没有金额"),
    # ---- workbook import
    Rule("I801", E, "导入", "工作簿中的内容未能导入", "{where}：{message}"),
    Rule("I802", W, "导入", "工作簿中值得注意的内容", "{where}：{message}"),
]

RULES: dict[str, Rule] = {}
for _r in _RULES:
    if _r.id in RULES:  # pragma: no cover - guarded by the meta-test as well
        raise RuntimeError(f"duplicate rule id {_r.id}")
    RULES[_r.id] = _r

# Ids once used and withdrawn; never to be reused.
RETIRED: frozenset[str] = frozenset()
