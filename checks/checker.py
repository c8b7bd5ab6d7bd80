"""The one checker: every finding for one project, kept current while it is edited.

    checker = Checker(project)                       # or checker_for(loaded): an input as loaded
    delta = checker.cells_changed(T.GENERAL, ["2013101"])
    delta = checker.field_changed("supplementary.procurement.total")
    delta = checker.text_changed("五")                # read again at the next settle()
    delta = checker.settle()                         # the 情况说明 judged against the data as it is now
    checker.findings(), checker.counts(), checker.coverage(), checker.verified_spans("五")

``main.py check``, batch checking and the window all ask this object, so they can never disagree.
It owns everything that produces findings: the rules on the tables and the supplementary data
(``checks.engine.CheckSession``), the 情况说明 (``checks.text.TextSession``), what a workbook
import could not place (``checks.rules.imports``) and, for a workbook printed in 元 shown in 万元,
the errors its sums have to the fen that the 万元 figures hide.

Edits of the data are answered at once from the engine's incremental path; the 情况说明 is judged
again only at ``settle()``, because judging a large department's text takes tens of milliseconds:
the window settles a moment after the user pauses, a one-shot check is settled when built. Every
answer is a ``Delta`` (what appeared, what went, which text sections must be repainted), so a view
repaints only what moved.

A value the app may one day fill in for the user (derived cells) enters as an edit like any other;
what an imported workbook printed is what is checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from checks.engine import CheckSession, Delta, diff_findings
from checks.finding import Finding, Location, Severity, SeverityCounts, count_by_severity
from checks.rules.imports import import_findings
from model import fields
from model.fields import SUPP_PREFIX
from model.layout import T
from model.project import Project

if TYPE_CHECKING:
    from checks.text.session import Coverage, TextSession
    from model.loader import Loaded

EXACT_NOTE = "按工作簿的元核对（金额单位：元）："


class Checker:
    def __init__(self, project: Project, imported: object | None = None, *, printed_unit: bool = False):
        """``imported``: the ImportResult when the project was read from a workbook. A workbook
        printed in 元 has its tables checked in 元 with ``printed_unit`` (what ``main.py check``
        reports, in the unit the workbook was printed in; such a checker is for one look, not for
        edits); otherwise in 万元, as the window shows them, with the errors only 元 reveal added."""
        self.project = project
        self.imported = imported
        exact = getattr(imported, "exact", None)
        self._printed = exact if printed_unit else None
        self.tables = CheckSession(self._printed or project)
        self._shown: CheckSession | None = None  # checked in 万元 too, for the text (printed_unit only)
        self.imports = import_findings(imported)
        self._exact = ExactErrors(exact, project) if exact is not None and not printed_unit else None
        self._exact_shown: list[Finding] = []
        self.text: TextSession | None = None
        self._pending: set[str] = set()  # 情况说明 sections edited since the last settle
        self._data_stale = False  # the data changed since the text was last judged
        self._sorted: list[Finding] | None = None
        self._follow_exact(Delta())
        self.settle()

    # ---------------------------------------------------------------- edits
    def cells_changed(self, t: T, keys: Iterable[str]) -> Delta:
        """After any cell of these rows of table ``t`` changed (value or typed text)."""
        return self._data(self.tables.rows_changed(t, keys))

    def cell_changed(self, t: T, key: str) -> Delta:
        return self.cells_changed(t, (key,))

    def structure_changed(self) -> Delta:
        """After rows were added, removed or re-coded: which checks exist changes."""
        return self._data(self._rebuilt_tables())

    def field_changed(self, path: str) -> Delta:
        """After a form field changed: ``meta.…`` (variant, layout, unit kind: everything is checked
        anew), ``supplementary.…``, ``tables.T.note`` (the line printed under a table), or another
        part of the project (units, overview: the text may name them)."""
        if path.startswith("meta."):
            return self.rebuild()
        if path.startswith(SUPP_PREFIX):
            return self._data(self.tables.supplementary_changed())
        if path.startswith("tables."):
            return self._data(self.tables.note_changed(T(path.split(".")[1])))
        return self._data(Delta())

    def text_changed(self, sid: str) -> Delta:
        """After project.text[sid] changed; the section is read again at the next ``settle``."""
        self._pending.add(sid)
        return Delta()

    def rebuild(self) -> Delta:
        """Everything checked anew (F5, or after a change of meta)."""
        before = list(self.findings())
        self.tables.rebuild()
        if self.text is not None:
            self.text = None  # a variant has its own sections and wording: read everything again
        self._pending.clear()
        self._data_stale = False
        self._sorted = None
        self._follow_exact(Delta())
        self.settle()
        delta = diff_findings(before, self.findings(), by_place=True)
        delta.everything = True
        return delta

    @property
    def settled(self) -> bool:
        """Whether the 情况说明's findings are up to date with the data and the text."""
        if self.text is None:
            return not self._text_wanted()
        return not (self._pending or self._data_stale)

    def settle(self) -> Delta:
        """Judge the 情况说明 against the data and text as they are now (when anything changed)."""
        if self.text is None:
            if not self._text_wanted():
                self._pending.clear()
                self._data_stale = False
                return Delta()
            from checks.text.session import TextSession

            self.text = TextSession(self.project, self._shown_findings())
            self._pending.clear()
            self._data_stale = False
            self._sorted = None
            return _text_delta(None, self.text)
        if not self._pending and not self._data_stale:
            return Delta()
        old = self.text.report
        pending, self._pending = self._pending, set()
        if self._data_stale:
            self._data_stale = False
            self.text.data_changed(self._shown_findings())
        for sid in pending:
            self.text.section_changed(sid)
        if self.text.report is old:
            return Delta()
        self._sorted = None
        return _text_delta(old, self.text)

    # ---------------------------------------------------------------- results
    def findings(self) -> list[Finding]:
        """Tables (in the order the variant prints them), the 情况说明, the import, and a workbook
        in 元's exact errors; a finding reported twice on the same places is listed once."""
        if self._sorted is None:
            found = list(self.tables.findings())
            if self.text is not None:
                found += self.text.findings()
            found += self.imports
            found += self._exact_shown
            self._sorted = _once(found)
        return self._sorted

    def counts(self, acceptances: dict[str, str] | None = None) -> SeverityCounts:
        return count_by_severity(self.findings(), acceptances)

    def table_findings(self) -> list[Finding]:
        """The findings of the rules on the tables and the supplementary data alone."""
        return self.tables.findings()

    def coverage(self) -> Coverage | None:
        """How many of the 情况说明's figures were found and verified; None without a 情况说明."""
        if self.text is None or not self._text_wanted():
            return None
        return self.text.coverage()

    def verified_spans(self, sid: str) -> list[tuple[int, int]]:
        return self.text.verified_spans(sid) if self.text is not None else []

    # ---------------------------------------------------------------- inside
    def _shown_findings(self) -> list[Finding]:
        """The table checks' findings on the figures the 情况说明 quotes (万元): which values each
        cell may mean (checks.accepted) follows from them."""
        if self._printed is None:
            return self.tables.findings()
        if self._shown is None:
            self._shown = CheckSession(self.project)
        return self._shown.findings()

    def _text_wanted(self) -> bool:
        return any(v.strip() for v in self.project.text.values())

    def _rebuilt_tables(self) -> Delta:
        before = list(self.tables.findings())
        self.tables.rebuild()
        return diff_findings(before, self.tables.findings())

    def _data(self, delta: Delta) -> Delta:
        """A change of the data: the tables' delta, the exact errors following it, the text stale."""
        self._data_stale = True
        self._follow_exact(delta)
        if delta:
            self._sorted = None
        return delta

    def _follow_exact(self, delta: Delta) -> None:
        if self._exact is None:
            return
        shown = self._exact.standing(self.project, self.tables.findings())
        if shown != self._exact_shown:
            diff_findings(self._exact_shown, shown, into=delta)
            self._exact_shown = shown
            self._sorted = None


class ExactErrors:
    """A workbook printed in 元, shown and checked in 万元: the 错误 its sums have in 元, to the fen,
    that rounding to 万元 hides. Each stands while every cell and field it names still holds what
    the workbook printed (an edit replaces the printed figure, and the 万元 checks judge it), and
    while the 万元 checks do not report the same error themselves."""

    def __init__(self, exact: Project, shown: Project):
        self.found: list[tuple[Finding, list[tuple[Location, object]]]] = []
        for f in CheckSession(exact).findings():
            if f.severity is not Severity.ERROR:
                continue
            printed = [(loc, _value_at(shown, loc)) for loc in f.locations]
            self.found.append((replace(f, message=EXACT_NOTE + f.message), printed))

    def standing(self, project: Project, shown: Sequence[Finding]) -> list[Finding]:
        if not self.found:
            return []
        errors = {f.key for f in shown if f.severity is Severity.ERROR}
        return [
            f
            for f, printed in self.found
            if f.key not in errors and all(_value_at(project, loc) == v for loc, v in printed)
        ]


def _value_at(project: Project, loc: Location) -> object:
    """What a location holds: a cell's value or typed text, a field's value; None elsewhere."""
    if loc.table is not None and loc.row is not None:
        row = project.tables[loc.table].row(loc.row)
        if row is None:
            return None
        if loc.col is None:
            return (dict(row.values), dict(row.invalid))
        return row.invalid.get(loc.col, row.values.get(loc.col))
    if loc.field is not None:
        return fields.lookup(project.supplementary, loc.field)
    return None


def _text_delta(old, text: TextSession) -> Delta:
    """What a new judgement of the text changed: findings, and the sections whose marks (findings,
    verified figures) must be repainted."""
    new = text.report
    delta = diff_findings(old.findings if old is not None else [], new.findings, by_place=True)
    sections = {loc.section for f in (*delta.added, *delta.removed) for loc in f.locations if loc.section}
    old_spans = old.verified_spans if old is not None else {}
    for sid in set(old_spans) | set(new.verified_spans):
        if old_spans.get(sid) != new.verified_spans.get(sid):
            sections.add(sid)
    delta.sections |= sections
    return delta


def _once(found: list[Finding]) -> list[Finding]:
    """The same finding (rule and places) reported twice is listed once."""
    seen: set[tuple] = set()
    out = []
    for f in found:
        sig = (f.rule, f.locations)
        if sig in seen:
            continue
        seen.add(sig)
        out.append(f)
    return out if len(out) != len(found) else found


def checker_for(loaded: Loaded, *, printed_unit: bool = True) -> Checker:
    """The checker of an input as ``model.loader`` read it; ``main.py check`` reports a workbook
    printed in 元 in 元 (``printed_unit``), the window in 万元."""
    return Checker(loaded.project, loaded.imported, printed_unit=printed_unit)
