"""The values a reader may accept for a cell or a supplementary entry, given what the checks found.

A printed figure is one value. When the checks find a cell breaking a relation that should hold
exactly, the cell may legitimately mean more than what is printed, and one root cause must not
become several errors:

- a total that fails its own sum (left empty, printed 0.00, or wrong) may mean the sum of its
  parts: the sum's finding names the total first and carries the sum as its expected value
  (when its parts hold nothing, their "sum" is no value of the total's);
- a cell that should equal one cell of another table (an identity that fails) may mean the other
  table's value: the finding names the two cells and carries both values;
- a part of a sum that fails may be the figure that is wrong (or, for a 尾数差异, the one whose
  rounding made the gap): it may mean the value that makes the sum hold (when the sum only adds,
  which its printed values show).

Whoever compares a figure with such a cell from afar (the 情况说明's figures, percentages
computed from it) accepts every one of these values: the relation that failed already has its
finding. A relation that only orders two values ("不大于") or a soft one (警告) says nothing about
what either cell should hold and adds nothing here.

    accepted = accepted_values(findings_of_the_tables, project)
    accepted.at(Location(table=T.GENERAL, row="total", col=1))   # → (Σ of its classes,)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from checks.finding import Finding, Location, Severity
from checks.rules.registry import ENGINE, GT, RULES
from model import fields
from model.amount import ZERO
from model.project import Project

Key = tuple[str, ...]


def key_of(loc: Location) -> Key | None:
    """What a location names as a value: one cell, or one supplementary entry."""
    if loc.table is not None and loc.row is not None and loc.col is not None:
        return ("cell", str(loc.table), loc.row, str(loc.col))
    if loc.field is not None and loc.table is None:
        return ("field", loc.field)
    return None


@dataclass(frozen=True)
class Accepted:
    """Values besides the printed one that a cell or entry may mean; empty for most."""

    alternatives: dict[Key, tuple[Decimal, ...]] = field(default_factory=dict)

    def at(self, loc: Location) -> tuple[Decimal, ...]:
        key = key_of(loc)
        return self.alternatives.get(key, ()) if key is not None else ()

    def __bool__(self) -> bool:
        return bool(self.alternatives)


NOTHING = Accepted()


def accepted_values(findings: Iterable[Finding], project: Project) -> Accepted:
    """The alternatives that the table and supplementary checks' current findings on ``project``
    imply."""
    found: dict[Key, list[Decimal]] = {}

    def add(loc: Location, value: Decimal | None) -> None:
        key = key_of(loc)
        if key is None or value is None:
            return
        values = found.setdefault(key, [])
        if value not in values:
            values.append(value)

    for f in findings:
        if not _is_equality(f) or not f.locations:
            continue
        expected = _decimal(f.expected)
        if expected is None:
            continue
        first, parts = f.locations[0], f.locations[1:]
        values = [_value(project, loc) for loc in parts]
        if any(v is not None for v in values):
            add(first, expected)
        actual = _decimal(f.actual)
        if actual is None or sum((v or ZERO for v in values), ZERO) != expected:
            continue  # an empty total, or parts not simply added: no part can be told
        # Each part may be the wrong one: then it means what makes the sum hold.
        for loc, v in zip(parts, values, strict=True):
            add(loc, (v or ZERO) + actual - expected)
    return Accepted({k: tuple(v) for k, v in found.items()})


def _value(project: Project, loc: Location) -> Decimal | None:
    """What the cell or entry holds; None when empty (a part left empty adds nothing to a sum)
    or when it is not one amount (a whole row, a list of entries)."""
    if loc.table is not None and loc.row is not None:
        row = project.tables[loc.table].row(loc.row)
        return row.values.get(loc.col) if row is not None and loc.col is not None else None
    if loc.field is not None:
        return _decimal(fields.lookup(project.supplementary, loc.field))
    return None


def _is_equality(f: Finding) -> bool:
    """A finding of a relation that holds exactly, broken beyond doubt or by rounding."""
    if f.severity not in (Severity.ERROR, Severity.ROUNDING):
        return False
    rule = RULES.get(f.rule)
    return rule is not None and rule.runs == ENGINE and rule.template != GT


def _decimal(v: object) -> Decimal | None:
    if isinstance(v, Decimal):
        return v if v.is_finite() else None
    if isinstance(v, (str, int)) and not isinstance(v, bool):
        try:
            d = Decimal(v)
        except (InvalidOperation, ValueError):
            return None
        return d if d.is_finite() else None
    return None
