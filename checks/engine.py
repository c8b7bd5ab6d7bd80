"""The check engine: evaluate every rule once, then re-check only what one edit can change.

    session = CheckSession(project)      # full check
    session.cell_changed(T.GENERAL, "2013101")   # after editing any cell of that row
    session.findings()                   # current findings, in table order

Rows are the unit of change: each check declares the rows it reads, and an edit re-evaluates
only the checks indexed under the edited row. Adding, deleting or re-coding rows changes which
checks exist, so it calls ``rebuild``; so does a change of meta (variant, layout, unit kind).

One root cause, one error: when a total fails its own sum (left empty, printed 0.00, or wrong), its
finding says so, and the sum of its parts becomes a value the total may also mean
(``Ctx.alts``); the other checks reading the total (identities across tables, comparisons,
balances) accept it (checks.check_kinds). Totals never read alternatives themselves, so the
alternatives follow from the printed figures in one step: after the checks that define totals
run, the checks reading a total whose alternatives changed run again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from checks.accepted import sum_of_parts
from checks.check_kinds import Check
from checks.context import SUPP, Cell, Ctx, Dep
from checks.finding import Finding, Location, SeverityCounts, count_by_severity
from checks.rules.every_rule import engine_rules
from checks.rules.values import unparsed_cells
from model.layout import T, table_order
from model.project import Project, Row


def all_rules(ctx: Ctx) -> Iterator[Check | Finding]:
    """What every rule the engine runs makes of this project: checks bound to cells, or findings."""
    for r in engine_rules():
        yield from r.fn(ctx)


@dataclass
class Delta:
    """What one re-check changed, for views that repaint only what moved: the findings that
    appeared and went, the 情况说明 sections whose marks changed (their findings or verified
    figures), and ``everything`` when all was checked anew (views redraw from scratch)."""

    added: list[Finding] = field(default_factory=list)
    removed: list[Finding] = field(default_factory=list)
    sections: set[str] = field(default_factory=set)
    everything: bool = False

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.sections or self.everything)


class CheckSession:
    def __init__(self, project: Project):
        self.project = project
        self.rebuild()

    # ---------------------------------------------------------------- full
    def rebuild(self) -> None:
        # The rebuild allocates thousands of long-lived objects; collector passes over them
        # in the middle of it would only add pauses.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._rebuild()
        finally:
            if was_enabled:
                gc.enable()

    def _rebuild(self) -> None:
        ctx = self.ctx = Ctx(self.project)
        checks: list[Check] = []
        static: list[Finding] = []
        index: dict[Dep, list[int]] = {}
        for item in all_rules(ctx):
            if isinstance(item, Finding):
                static.append(item)
                continue
            i = len(checks)
            checks.append(item)
            for dep in item.deps:
                ids = index.get(dep)
                if ids is None:
                    index[dep] = [i]
                elif ids[-1] != i:
                    ids.append(i)
        self.checks, self.static, self.index = checks, static, index
        self.results: list[Sequence[Finding]] = [c.evaluate(ctx) for c in checks]
        self._totals: dict[int, bool] = {}  # check → whether it defines a total (asked when needed)
        self._alts_by_check: dict[int, dict[Cell, Decimal]] = {}
        self._alt_sources: dict[Cell, dict[int, Decimal]] = {}
        gained: set[Cell] = set()
        for i, found in enumerate(self.results):
            if found and self._total(i):
                self._note_alternatives(i, found, gained, gained)
        for i in self._readers(gained):  # only a check that fails can be silenced
            if self.results[i]:
                self.results[i] = checks[i].evaluate(ctx)
        self.invalid: dict[tuple[str, str], list[Finding]] = {}
        for t, table in self.project.tables.items():
            for row in table.rows:
                if row.invalid:
                    self.invalid[(t, row.key)] = self._invalid_findings(t, row)
        self._sorted: list[Finding] | None = None

    # ---------------------------------------------------------------- incremental
    def cell_changed(self, t: T | str, key: str) -> Delta:
        """Re-check after any cell of row ``key`` of table ``t`` changed (value or typed text)."""
        return self.rows_changed(t, (key,))

    def rows_changed(self, t: T | str, keys: Iterable[str]) -> Delta:
        """``cell_changed`` for several rows of one table (a paste, an undo of one): every check
        reading any of them runs once, not once per row."""
        keys = list(keys)
        ids: dict[int, None] = {}
        for key in keys:
            ids.update(dict.fromkeys(self.index.get((t, key), ())))
        delta = self._reevaluate(ids)
        rows = self.project.tables[T(t)].index()
        for key in keys:
            row = rows.get(key)
            old = self.invalid.pop((t, key), [])
            new = self._invalid_findings(T(t), row) if row is not None and row.invalid else []
            if new:
                self.invalid[(t, key)] = new
            if old or new:
                _diff(old, new, delta)
                self._sorted = None
        return delta

    def supplementary_changed(self) -> Delta:
        return self._reevaluate(self.index.get(SUPP, ()))

    def note_changed(self, t: T) -> Delta:
        return self._reevaluate(self.index.get(("note", str(t)), ()))

    def _reevaluate(self, ids: Iterable[int]) -> Delta:
        """Run these checks: the totals first (they read printed figures only), then the others,
        with the checks reading a total whose alternatives changed (a value it gained can only
        silence a check that fails; one it lost can make any reader fail again)."""
        delta = Delta()
        totals, others = [], []
        for i in ids:
            (totals if self._total(i) else others).append(i)
        gained: set[Cell] = set()
        lost: set[Cell] = set()
        self._run(totals, delta, gained, lost)
        if gained or lost:
            results = self.results
            others += [i for i in self._readers(gained - lost) if results[i]] + self._readers(lost)
        self._run(dict.fromkeys(others), delta, gained, lost)
        if delta:
            self._sorted = None
        return delta

    def _total(self, i: int) -> bool:
        known = self._totals.get(i)
        if known is None:
            known = self._totals[i] = self.checks[i].total
        return known

    def _run(self, ids: Iterable[int], delta: Delta, gained: set[Cell], lost: set[Cell]) -> None:
        """Evaluate these checks; the totals whose alternatives grew, or lost a value, are added
        to ``gained`` and ``lost``."""
        ctx, checks, results = self.ctx, self.checks, self.results
        for i in ids:
            new = checks[i].evaluate(ctx)
            old = results[i]
            if old or new:
                results[i] = new
                _diff(old, new, delta)
                if self._total(i):
                    self._note_alternatives(i, new, gained, lost)

    # ---------------------------------------------------------------- alternatives
    def _note_alternatives(self, i: int, found: Sequence[Finding], gained: set[Cell], lost: set[Cell]) -> None:
        """Record what the totals check ``i`` finds failing may also mean; the cells whose
        alternatives changed go to ``gained`` (values added only) or ``lost``."""
        new: dict[Cell, Decimal] = {}
        for f in found:
            alt = self._sum_of_parts(f)
            if alt is not None:
                new[alt[0]] = alt[1]
        old = self._alts_by_check.pop(i, {})
        if new:
            self._alts_by_check[i] = new
        if old == new:
            return
        alts, sources = self.ctx.alts, self._alt_sources
        for cell in set(old) | set(new):
            before = alts.get(cell, ())
            by = sources.setdefault(cell, {})
            by.pop(i, None)
            if cell in new:
                by[i] = new[cell]
            if by:
                alts[cell] = tuple(dict.fromkeys(by.values()))
            else:
                del sources[cell]
                alts.pop(cell, None)
            after = alts.get(cell, ())
            if any(v not in after for v in before):
                lost.add(cell)
            elif after != before:
                gained.add(cell)

    def _sum_of_parts(self, f: Finding) -> tuple[Cell, Decimal] | None:
        """A failing total's finding: (the total, the sum of its parts), when some part holds a
        figure (checks.accepted)."""
        total = f.locations[0]
        if total.table is None or total.row is None or total.col is None:
            return None
        rows = self.ctx.rows  # what value_at reads, by the context's index of rows

        def values():
            for loc in f.locations[1:]:
                row = rows[loc.table].get(loc.row) if loc.table is not None else None
                yield row.values.get(loc.col) if row is not None and loc.col is not None else None

        value = sum_of_parts(f, values())
        return ((total.table, total.row, total.col), value) if value is not None else None

    def _readers(self, cells: Iterable[Cell]) -> list[int]:
        """The checks that read any of these cells' rows and accept alternatives (not the totals)."""
        ids: dict[int, None] = {}
        for t, key, _col in cells:
            ids.update(dict.fromkeys(self.index.get((t, key), ())))
        checks = self.checks
        return [i for i in ids if checks[i].accepts_alternatives and not self._total(i)]

    def _invalid_findings(self, t: T, row: Row) -> list[Finding]:
        return unparsed_cells(self.ctx, t, row)

    # ---------------------------------------------------------------- results
    def findings(self) -> list[Finding]:
        if self._sorted is None:
            found = list(self.static)
            for r in self.results:
                if r:
                    found.extend(r)
            for fs in self.invalid.values():
                found.extend(fs)
            found.sort(key=self._sort_key())
            self._sorted = found
        return self._sorted

    def counts(self) -> SeverityCounts:
        return count_by_severity(self.findings())

    def _sort_key(self):
        order = {t: i for i, t in enumerate(table_order(self.project.meta.variant))}
        positions = {t: {r.key: i for i, r in enumerate(tb.rows)} for t, tb in self.project.tables.items()}

        def key(f: Finding) -> tuple:
            loc = f.locations[0] if f.locations else Location()
            if loc.table is not None:
                return (
                    0,
                    order[loc.table],
                    positions[loc.table].get(loc.row or "", 0),
                    loc.col or 0,
                    f.severity.rank,
                    f.rule,
                )
            return (1, 0, 0, 0, f.severity.rank, f.rule, loc.field or loc.section or "")

        return key


def _diff(old: Sequence[Finding], new: Sequence[Finding], delta: Delta) -> None:
    old_keys = {(f.key, f.severity, f.message) for f in old}
    new_keys = {(f.key, f.severity, f.message) for f in new}
    delta.removed.extend(f for f in old if (f.key, f.severity, f.message) not in new_keys)
    delta.added.extend(f for f in new if (f.key, f.severity, f.message) not in old_keys)


def diff_findings(
    old: Sequence[Finding], new: Sequence[Finding], into: Delta | None = None, by_place: bool = False
) -> Delta:
    """The delta between two lists of findings; ``by_place``: a finding whose places moved (a
    span of the text after typing before it) counts as gone and come back."""
    delta = into if into is not None else Delta()
    if not by_place:
        _diff(old, new, delta)
        return delta

    def sig(f: Finding) -> tuple:
        return (f.key, f.severity, f.message, f.locations)

    old_sigs, new_sigs = {sig(f) for f in old}, {sig(f) for f in new}
    delta.removed.extend(f for f in old if sig(f) not in new_sigs)
    delta.added.extend(f for f in new if sig(f) not in old_sigs)
    return delta


def run_checks(project: Project) -> list[Finding]:
    return CheckSession(project).findings()
