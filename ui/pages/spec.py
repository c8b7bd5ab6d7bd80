"""What a page of the navigator is: a key, the group it sits in, its title (which may depend on
the project's variant) and a factory that builds the widget for a controller. A page widget may
define ``focus_location(loc) -> bool`` to show a finding's place, and ``refresh()``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from checks.where import TEXT
from model.layout import printed_number, title
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


def table_title(t) -> Callable[[Project], str]:
    def make(project: Project) -> str:
        return f"{printed_number(t, project.meta.variant)} {title(t, project.meta.variant)}"

    return make
