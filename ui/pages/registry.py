"""The navigator's pages, and the hook for pages built elsewhere.

Every entry of the navigator is a PageSpec: a key, the group it sits in, its title (which may
depend on the project's variant) and a factory that builds the widget for a controller. A page
widget may define ``focus_location(loc) -> bool`` to show a finding's place, and ``refresh()``.

Another part of the app adds or replaces a page with ``register_page``; e.g. the 情况说明 editor:

    register_page(PageSpec("text", GROUP_TEXT, "情况说明", lambda ctl: TextEditorPage(ctl), order=0))

which replaces the read-only page registered here under the same key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from checks.where import TEXT
from model.layout import printed_number, table_order, title
from model.project import OVERVIEW, SUPPLEMENTARY, Project

GROUP_OVERVIEW = OVERVIEW
GROUP_TABLES = "公开表"
GROUP_SUPP = SUPPLEMENTARY
GROUP_TEXT = TEXT
GROUPS = (GROUP_OVERVIEW, GROUP_TABLES, GROUP_SUPP, GROUP_TEXT)


@dataclass
class PageSpec:
    key: str
    group: str
    title: str | Callable[[Project], str]
    factory: Callable[[object], QWidget]
    order: float = 0.0

    def title_for(self, project: Project) -> str:
        return self.title(project) if callable(self.title) else self.title


_PAGES: dict[str, PageSpec] = {}


def register_page(spec: PageSpec) -> None:
    """Add a page, or replace the one with the same key."""
    _PAGES[spec.key] = spec


def page_specs(project: Project) -> list[PageSpec]:
    """All pages in navigator order; the nine tables in the order the project's variant prints them."""
    _register_builtin()
    order = {t: i for i, t in enumerate(table_order(project.meta.variant))}
    specs = []
    for spec in _PAGES.values():
        rank = spec.order
        if spec.key.startswith("table."):
            rank = order.get(spec.key.split(".", 1)[1], rank)
        specs.append((GROUPS.index(spec.group) if spec.group in GROUPS else len(GROUPS), rank, spec))
    specs.sort(key=lambda x: (x[0], x[1]))
    return [s for _g, _r, s in specs]


def table_title(t) -> Callable[[Project], str]:
    def make(project: Project) -> str:
        return f"{printed_number(t, project.meta.variant)} {title(t, project.meta.variant)}"

    return make


_builtin_done = False


def _register_builtin() -> None:
    global _builtin_done
    if _builtin_done:
        return
    _builtin_done = True
    from ui.pages.builtin import builtin_pages

    for spec in builtin_pages():
        _PAGES.setdefault(spec.key, spec)
