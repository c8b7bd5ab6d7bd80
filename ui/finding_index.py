"""Findings by place: which cells, rows and supplementary fields a finding points at.

Kept up to date from the engine's deltas, so colouring a cell after an edit costs a dict lookup,
not a pass over every finding.
"""

from __future__ import annotations

from collections.abc import Iterable

from checks.engine import Delta
from checks.finding import Finding, Location, Severity, count_by_severity
from model.fields import Group, group, project_path
from model.layout import T
from model.project import OVERVIEW

TEXT_PAGE = "text"
IMPORT_PAGE = "import"


def table_page(t: T) -> str:
    return f"table.{t}"


def group_page(g: Group) -> str:
    """The navigator page of a group of form fields: "overview.staff", "supp.procurement"."""
    return f"{'overview' if g.part == OVERVIEW else 'supp'}.{g.name}"


def field_page(field: str) -> str | None:
    """The page that shows a field a finding names ("procurement.total" → "supp.procurement")."""
    g = group(project_path(field))
    return group_page(g) if g is not None else None


def pages_of(f: Finding) -> list[str]:
    """Every navigator page a finding shows on (a cross-table finding shows on each table)."""
    pages: list[str] = []
    for loc in f.locations:
        page = page_of_location(loc)
        if page and page not in pages:
            pages.append(page)
    return pages or [IMPORT_PAGE]


def page_of_location(loc: Location) -> str | None:
    if loc.table is not None:
        return table_page(loc.table)
    if loc.field is not None:
        return field_page(loc.field)
    if loc.section is not None:
        return TEXT_PAGE
    if loc.sheet is not None or loc.cell is not None:
        return IMPORT_PAGE
    return None


class FindingIndex:
    """A finding's first location is where it is (the total that does not add up); the others are
    what it involves (the parts). Views colour the first fully and the others with a tint."""

    def __init__(self) -> None:
        self.cells: dict[tuple[str, str, int], list[Finding]] = {}
        self.rows: dict[tuple[str, str], list[Finding]] = {}  # findings naming a whole row
        self.related_cells: dict[tuple[str, str, int], list[Finding]] = {}
        self.related_rows: dict[tuple[str, str], list[Finding]] = {}
        self.fields: dict[str, list[Finding]] = {}

    def reset(self, findings: Iterable[Finding]) -> None:
        for d in (self.cells, self.rows, self.related_cells, self.related_rows, self.fields):
            d.clear()
        for f in findings:
            self._add(f)

    def apply(self, delta: Delta) -> set[tuple[str, str]]:
        """Update from a delta; returns the (table, row key) pairs whose colouring may change."""
        touched: set[tuple[str, str]] = set()
        for f in delta.removed:
            self._remove(f, touched)
        for f in delta.added:
            self._add(f, touched)
        return touched

    def _slots(self, loc: Location, primary: bool) -> tuple[dict, object] | None:
        if loc.table is not None and loc.row is not None:
            if loc.col is not None:
                return self.cells if primary else self.related_cells, (str(loc.table), loc.row, loc.col)
            return self.rows if primary else self.related_rows, (str(loc.table), loc.row)
        if loc.field is not None:
            return self.fields, loc.field
        return None

    def _add(self, f: Finding, touched: set | None = None) -> None:
        for i, loc in enumerate(f.locations):
            slot = self._slots(loc, i == 0)
            if slot is None:
                continue
            d, key = slot
            d.setdefault(key, []).append(f)
            if touched is not None and loc.table is not None:
                touched.add((str(loc.table), loc.row))

    def _remove(self, f: Finding, touched: set) -> None:
        for i, loc in enumerate(f.locations):
            slot = self._slots(loc, i == 0)
            if slot is None:
                continue
            d, key = slot
            items = d.get(key)
            if not items:
                continue
            # By key, not identity: a re-check that finds the same problem again keeps the finding
            # the index holds out of the delta but replaces it in the engine, so the one removed
            # later is an equal finding, not the same object.
            for i, g in enumerate(items):
                if g is f or g.key == f.key:
                    del items[i]
                    break
            if not items:
                del d[key]
            if loc.table is not None:
                touched.add((str(loc.table), loc.row))

    def at_cell(self, t: str, key: str, col: int) -> list[Finding]:
        return self.cells.get((t, key, col), [])

    def at_row(self, t: str, key: str) -> list[Finding]:
        return self.rows.get((t, key), [])

    def related_to_cell(self, t: str, key: str, col: int) -> list[Finding]:
        return self.related_cells.get((t, key, col), [])

    def related_to_row(self, t: str, key: str) -> list[Finding]:
        return self.related_rows.get((t, key), [])

    def at_field(self, path: str) -> list[Finding]:
        """Findings on this field or on a part of it (``performance.projects.0`` → its rate)."""
        out = list(self.fields.get(path, []))
        prefix = path + "."
        for k, fs in self.fields.items():
            if k.startswith(prefix):
                out.extend(fs)
        return out


def worst(findings: Iterable[Finding], accepted: dict[str, str] | None = None) -> Severity | None:
    best: Severity | None = None
    for f in findings:
        if accepted and f.severity is Severity.WARNING and f.key in accepted:
            continue
        if best is None or f.severity.rank < best.rank:
            best = f.severity
    return best


def count_by_page(findings: Iterable[Finding]) -> dict[str, dict[Severity, int]]:
    by_page: dict[str, list[Finding]] = {}
    for f in findings:
        for page in pages_of(f):
            by_page.setdefault(page, []).append(f)
    return {page: count_by_severity(found) for page, found in by_page.items()}
