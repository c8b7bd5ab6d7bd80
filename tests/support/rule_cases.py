"""A rule's test cases as data: a change to a consistent start, and one line of Chinese saying what
the change is. Each family's test file declares its cases on a ``Family`` and runs them:

    X = Family(consistent, run_checks)

    @X.fires("X312", "06表公用经费合计多1万元，05表基本支出合计未变", E, at=cell(G, TOTAL, 2))
    def _x312_fires(p):
        bump(p, B, PUBLIC_TOTAL, 1)

    @X.silent("X312", "06表公用经费合计与05表基本支出合计同增1万元")
    def _x312_silent(p):
        bump(p, B, PUBLIC_TOTAL, 1)
        bump(p, G, TOTAL, 2)

    test_cases = X.test()

A firing case asserts the rule's findings: present after the change and absent before it, with
the severity and the location the case names; a silent case asserts that the rule stays quiet.
tests/rules/test_every_rule.py collects the cases of every family and requires both kinds for
every registered rule; a list of the checks (what fires, what does not) can be read from them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

import pytest

from checks.finding import Finding, Location, Severity
from model.catalog import functional_catalog
from model.layout import T
from model.project import Project
from tests.support.synthetic import synthetic_project

UNSET: Any = object()
ONE = Decimal("1.00")
Where = Location | Callable[[Any], Location]


@dataclass(frozen=True)
class Case:
    rule: str
    fires: bool
    says: str  # what the case changes, in one line of Chinese
    change: Callable[[Any], None]  # applied to what the family starts from
    severity: Severity | None = None  # a firing case: the severity of what it finds
    at: Where | None = None  # a firing case: where the finding points (its first location)
    expected: Any = UNSET  # the finding's expected value, when the case names it
    message: str | None = None  # words the message holds
    written: str | None = None  # a text case: the span the finding points at, spaces aside
    one: bool = True  # a firing case finds exactly one finding at ``at``/``written``
    alone: bool = False  # … and nothing else at all
    start: Callable[[], Any] | None = None  # what the case starts from, when not its family's (another template)

    @property
    def name(self) -> str:
        return f"{self.rule}-{'fires' if self.fires else 'silent'}"


class Family:
    """The cases of one family of rules: what they start from and how findings are got."""

    def __init__(self, start: Callable[[], Any], findings: Callable[[Any], list[Finding]]):
        self.start, self.findings = start, findings
        self.cases: list[Case] = []

    def add(self, case: Case) -> Case:
        self.cases.append(case)
        return case

    def fires(self, rule: str, says: str, severity: Severity, **facts: Any) -> Callable:
        def declare(change: Callable[[Any], None]) -> Callable[[Any], None]:
            self.add(Case(rule, True, says, change, severity, **facts))
            return change

        return declare

    def silent(self, rule: str, says: str, start: Callable[[], Any] | None = None) -> Callable:
        def declare(change: Callable[[Any], None]) -> Callable[[Any], None]:
            self.add(Case(rule, False, says, change, start=start))
            return change

        return declare

    def test(self) -> Callable:
        """A test running every case of this family, one test id per case."""
        ids = _numbered([c.name for c in self.cases])

        @pytest.mark.parametrize("case", self.cases, ids=ids)
        def test_case(case: Case) -> None:
            self.run(case)

        test_case.family = self  # type: ignore[attr-defined]
        return test_case

    def run(self, case: Case) -> None:
        subject = (case.start or self.start)()
        assert not _of(self.findings(subject), case.rule), f"{case.rule} fires before the change"
        case.change(subject)
        found = self.findings(subject)
        fired = _of(found, case.rule)
        if not case.fires:
            assert not fired, f"{case.rule} fired: {[f.message for f in fired]}"
            return
        assert fired, f"{case.rule} did not fire"
        for f in fired:
            assert f.message and f.locations and f.key.startswith(case.rule)
        hits = [f for f in fired if _points_at(subject, f, case)]
        assert hits, f"{case.rule} fired elsewhere: {[f.locations[0] for f in fired]}"
        if case.one:
            assert len(hits) == 1, [f.message for f in hits]
        for f in hits:
            assert f.severity is case.severity, (f.severity, f.message)
            if case.expected is not UNSET:
                assert f.expected == case.expected, f.expected
            if case.message is not None:
                assert case.message in f.message, f.message
        if case.alone:
            assert found == hits


def _of(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def _points_at(subject: Any, f: Finding, case: Case) -> bool:
    loc = f.locations[0]
    if case.written is not None:
        if "".join((loc.text or "").split()) != case.written:
            return False
        # the offsets point at the words in the project's own text
        assert loc.section is not None and loc.start is not None and loc.end is not None
        assert subject.text[loc.section][loc.start : loc.end].replace(" ", "") == case.written
    if case.at is None:
        return True
    want = case.at(subject) if callable(case.at) else case.at
    return all(getattr(loc, k.name) == getattr(want, k.name) for k in fields(want) if getattr(want, k.name) is not None)


def _numbered(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}{seen[n]}")
    return out


# ---------------------------------------------------------------- the consistent department
def consistent() -> Project:
    """A department whose tables agree to the cent, with a 政府性基金 table: no rule fires on it."""
    return synthetic_project(n_items=14, seed=5, with_fund=True)


def shanghai() -> Project:
    """The same kind of department in the Shanghai 2024 template, spending 国有资本经营预算 money too
    (its 九 table prints income and balances): no rule fires on it."""
    return synthetic_project(n_items=14, seed=5, with_fund=True, with_soe=True, variant="shanghai-2024")


def cell(t: T, row: str | Callable[[Project], str], col: int | None = None) -> Where:
    """A cell (or a whole row) of a table; the row may be found in the changed project."""
    if callable(row):
        return lambda p: Location(table=t, row=row(p), col=col)
    return Location(table=t, row=row, col=col)


def field(path: str) -> Location:
    """A form field, as findings name it ("procurement.total")."""
    return Location(field=path)


def bump(p: Project, t: T, key: str, col: int, by: Decimal = ONE) -> None:
    row = p.tables[t].row(key)
    row.values[col] = row.values.get(col, Decimal("0.00")) + by


def bump_with_totals(p: Project, t: T, key: str, by: dict[int, Decimal]) -> None:
    """Change a subject row's cells (栏次 → amount) and the same cells of its 款, 类 and 合计, so
    that its table still adds up: what then fails is a relation with another table, not a total
    of this one (a total failing its own sum carries the one finding; see checks.engine)."""
    code = p.tables[t].row(key).code
    for k in dict.fromkeys(c for c in (code, code[:5], code[:3]) if p.tables[t].row(c) is not None):
        for col, d in by.items():
            bump(p, t, k, col, d)
    for col, d in by.items():
        bump(p, t, "total", col, d)


def first_subject(p: Project, t: T, length: int) -> str:
    """The key of the first 类 (3), 款 (5) or 项 (7) of a table."""
    return next(r.key for r in p.tables[t].subject_rows() if len(r.code) == length)


def used_class(p: Project) -> str:
    return first_subject(p, T.GENERAL, 3)


def unused_item_code(p: Project) -> str:
    """A 项 of the catalog whose 类 the department uses, but not its 款."""
    used = {r.code for r in p.tables[T.GENERAL].subject_rows()}
    for s in functional_catalog().subjects():
        if len(s.code) == 7 and s.code[:5] not in used and s.code[:3] in {c for c in used if len(c) == 3}:
            return s.code
    raise AssertionError("no unused 项")


@dataclass(frozen=True)
class Writes:
    """A text case's change: the 情况说明 holds exactly these sections (section id → text), after
    ``data`` (when given) changed the department's data."""

    sections: dict[str, str]
    data: Callable[[Project], None] | None = None

    def __call__(self, p: Project) -> None:
        if self.data is not None:
            self.data(p)
        p.text = dict(self.sections)


def writes(section: str, text: str, data: Callable[[Project], None] | None = None) -> Writes:
    return Writes({section: text}, data)


def catalog_name(code: str) -> str:
    return functional_catalog().name_of(code) or ""
