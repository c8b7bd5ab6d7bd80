"""The navigator's own pages: 部门概况, the nine tables, 补充数据, and 情况说明."""

from __future__ import annotations

from model.layout import T
from ui.pages import supplementary as s
from ui.pages.forms import FormPage
from ui.pages.registry import GROUP_OVERVIEW, GROUP_SUPP, GROUP_TABLES, GROUP_TEXT, PageSpec, table_title


def _form(spec):
    return lambda ctl: FormPage(ctl, spec)


def _table(t: T):
    def make(ctl):
        from ui.pages.table_page import TablePage

        return TablePage(ctl, t)

    return make


def _text(ctl):
    from ui.pages.text_host import TextHost

    return TextHost(ctl)


def builtin_pages() -> list[PageSpec]:
    pages = [
        PageSpec("overview.meta", GROUP_OVERVIEW, "部门信息", _form(s.META), 0),
        PageSpec("overview.units", GROUP_OVERVIEW, "单位构成", _form(s.UNITS), 1),
        PageSpec("overview.staff", GROUP_OVERVIEW, "人员构成", _form(s.STAFF), 2),
    ]
    pages += [PageSpec(f"table.{t}", GROUP_TABLES, table_title(t), _table(t)) for t in T]
    pages += [
        PageSpec("supp.last_year", GROUP_SUPP, "上年数", _form(s.LAST_YEAR), 0),
        PageSpec("supp.budget", GROUP_SUPP, "年初预算", _form(s.BUDGET), 1),
        PageSpec("supp.admin_cost", GROUP_SUPP, "机关运行经费", _form(s.ADMIN_COST), 2),
        PageSpec("supp.procurement", GROUP_SUPP, "政府采购", _form(s.PROCUREMENT), 3),
        PageSpec("supp.assets", GROUP_SUPP, "国有资产", _form(s.ASSETS), 4),
        PageSpec("supp.performance", GROUP_SUPP, "绩效自评", _form(s.PERFORMANCE), 5),
        PageSpec("text", GROUP_TEXT, "情况说明", _text, 0),
    ]
    return pages
