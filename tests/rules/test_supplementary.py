"""S: the data entered outside the nine tables."""

from decimal import Decimal

from checks.engine import run_checks
from checks.finding import Severity
from model.project import CountItem
from tests.support.rule_cases import ONE, Family, consistent, field

E, W = Severity.ERROR, Severity.WARNING
S = Family(consistent, run_checks)


@S.fires("S501", "政府采购支出总额多1万元，货物、工程、服务未变", E, at=field("procurement.total"))
def _s501_fires(p):
    p.supplementary.procurement.total += ONE


@S.silent("S501", "政府采购支出总额与工程采购同增1万元")
def _s501_silent(p):
    p.supplementary.procurement.total += ONE
    p.supplementary.procurement.works += ONE


@S.fires("S502", "授予中小企业合同金额比政府采购支出总额多1万元", E, at=field("procurement.sme"))
def _s502_fires(p):
    proc = p.supplementary.procurement
    proc.sme = proc.total + ONE


@S.silent("S502", "授予中小企业合同金额等于政府采购支出总额")
def _s502_silent(p):
    proc = p.supplementary.procurement
    proc.sme = proc.total


@S.fires("S503", "授予小微企业合同金额比授予中小企业的多1万元", E, at=field("procurement.small_micro"))
def _s503_fires(p):
    proc = p.supplementary.procurement
    proc.small_micro = proc.sme + ONE


@S.silent("S503", "授予小微企业合同金额比授予中小企业的少1万元")
def _s503_silent(p):
    proc = p.supplementary.procurement
    proc.small_micro = proc.sme - ONE


@S.fires("S504", "在职实有人数多1人，各类人员未变", E, at=field("staff.in_service_total"))
def _s504_fires(p):
    p.supplementary.staff.in_service_total += 1


@S.silent("S504", "在职实有人数多1人，并列出1名工勤人员")
def _s504_silent(p):
    p.supplementary.staff.in_service_total += 1
    p.supplementary.staff.in_service.append(CountItem(kind="工勤", count=1))


@S.fires("S505", "离退休人员多1人，离休、退休未变", E, at=field("staff.retired_total"))
def _s505_fires(p):
    p.supplementary.staff.retired_total += 1


@S.silent("S505", "离退休人员与退休人员同增1人")
def _s505_silent(p):
    p.supplementary.staff.retired_total += 1
    p.supplementary.staff.retired_tuixiu += 1


@S.fires("S506", "多列一类车辆2辆，车辆总数未变", E, at=field("assets.vehicles_total"))
def _s506_fires(p):
    p.supplementary.assets.vehicles.append(CountItem(kind="其他用车", count=2))


@S.silent("S506", "多列一类车辆2辆，车辆总数同增2辆")
def _s506_silent(p):
    p.supplementary.assets.vehicles.append(CountItem(kind="其他用车", count=2))
    p.supplementary.assets.vehicles_total += 2


@S.fires(
    "S507", "绩效项目执行数等于预算数，执行率却写99.0%", E, at=field("performance.projects.0.rate"), expected="100.0"
)
def _s507_fires(p):
    p.supplementary.performance.projects[0].rate = Decimal("99.0")


@S.silent("S507", "绩效项目执行数等于预算数，执行率写100.0%")
def _s507_silent(p):
    p.supplementary.performance.projects[0].rate = Decimal("100.0")


@S.fires("S508", "货物采购授予中小企业合同金额比货物采购多1万元", E, at=field("procurement.goods_sme"))
def _s508_fires(p):
    proc = p.supplementary.procurement
    proc.goods_sme = proc.goods + ONE


@S.silent("S508", "货物采购授予中小企业合同金额等于货物采购")
def _s508_silent(p):
    proc = p.supplementary.procurement
    proc.goods_sme = proc.goods


@S.fires("S509", "面向小微企业预留金额比面向中小企业预留的多1万元", E, at=field("procurement.small_micro_reserved"))
def _s509_fires(p):
    proc = p.supplementary.procurement
    proc.sme_reserved = Decimal("10.00")
    proc.small_micro_reserved = Decimal("11.00")


@S.silent("S509", "面向小微企业预留金额是面向中小企业预留金额的六成")
def _s509_silent(p):
    proc = p.supplementary.procurement
    proc.sme_reserved = Decimal("10.00")
    proc.small_micro_reserved = Decimal("6.00")


@S.fires("S510", "绩效自评3个项目，评级为优、良的各1个，其余未填", W, at=field("performance.project_count"))
def _s510_fires(p):
    perf = p.supplementary.performance
    perf.project_count, perf.rated_excellent, perf.rated_good = 3, 1, 1


@S.silent("S510", "绩效自评3个项目，评级为优的2个、良的1个")
def _s510_silent(p):
    perf = p.supplementary.performance
    perf.project_count, perf.rated_excellent, perf.rated_good = 3, 2, 1


test_cases = S.test()
