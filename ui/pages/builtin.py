"""The navigator's own pages: 部门概况, the nine tables, 补充数据, and 情况说明."""

from __future__ import annotations

from model.fields import group, groups
from model.layout import T
from model.project import OVERVIEW
from ui.finding_index import group_page
from ui.pages.forms import FormPage
from ui.pages.spec import GROUP_OVERVIEW, GROUP_SUPP, GROUP_TABLES, GROUP_TEXT, PageSpec, table_title
from ui.pages.supplementary import FORMS


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


def _forms() -> list[PageSpec]:
    """A page per group of form fields, titled and placed as the model says, in its order."""
    order = {g.path: i for i, g in enumerate(groups())}
    out = []
    for form in FORMS:
        g = group(form.path)
        assert g is not None, form.path
        part = GROUP_OVERVIEW if g.part == OVERVIEW else GROUP_SUPP
        out.append(PageSpec(group_page(g), part, g.title, _form(form), order[g.path]))
    return out


def builtin_pages() -> list[PageSpec]:
    pages = _forms()
    pages += [PageSpec(f"table.{t}", GROUP_TABLES, table_title(t), _table(t)) for t in T]
    pages.append(PageSpec("text", GROUP_TEXT, "情况说明", _text, 0))
    return pages
