"""The navigator's pages: the app's own (ui.pages.builtin), and the hook for pages built elsewhere.

Another part of the app adds or replaces a page with ``register_page``; e.g. an editor of its own
for the 情况说明:

    register_page(PageSpec("text", GROUP_TEXT, "情况说明", lambda ctl: TextEditorPage(ctl), order=0))

which replaces the page registered under the same key.
"""

from __future__ import annotations

from model.layout import table_order
from model.project import Project
from ui.pages.builtin import builtin_pages
from ui.pages.spec import GROUPS, PageSpec

_PAGES: dict[str, PageSpec] = {spec.key: spec for spec in builtin_pages()}


def register_page(spec: PageSpec) -> None:
    """Add a page, or replace the one with the same key."""
    _PAGES[spec.key] = spec


def page_specs(project: Project) -> list[PageSpec]:
    """All pages in navigator order; the nine tables in the order the project's variant prints them."""
    order = {t: i for i, t in enumerate(table_order(project.meta.variant))}
    specs = []
    for spec in _PAGES.values():
        rank = spec.order
        if spec.key.startswith("table."):
            rank = order.get(spec.key.split(".", 1)[1], rank)
        specs.append((GROUPS.index(spec.group) if spec.group in GROUPS else len(GROUPS), rank, spec))
    specs.sort(key=lambda x: (x[0], x[1]))
    return [s for _g, _r, s in specs]
