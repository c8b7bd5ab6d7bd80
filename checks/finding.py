"""What a check reports: severity, located cells or text spans, expected and actual values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from model.layout import T


class Severity(StrEnum):
    ERROR = "error"
    ROUNDING = "rounding"
    WARNING = "warning"
    HINT = "hint"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def rank(self) -> int:
        return _RANKS[self]


_LABELS = {
    Severity.ERROR: "错误",
    Severity.ROUNDING: "尾数差异",
    Severity.WARNING: "警告",
    Severity.HINT: "提示",
}
_RANKS = {Severity.ERROR: 0, Severity.ROUNDING: 1, Severity.WARNING: 2, Severity.HINT: 3}
SEVERITIES = (Severity.ERROR, Severity.ROUNDING, Severity.WARNING, Severity.HINT)


@dataclass(frozen=True, slots=True)
class Location:
    """A cell (table, row key, 栏次), a span of the text, a supplementary field or a workbook cell;
    ``checks.where`` words each kind."""

    table: T | None = None
    row: str | None = None  # internal row key: fixed key, subject code key, "total", ...
    col: int | None = None
    section: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    field: str | None = None  # supplementary data, e.g. "procurement.total"
    sheet: str | None = None
    cell: str | None = None
    # Room for the places of a published document (a PDF page, a Word paragraph), not yet worded.
    page: int | None = None
    paragraph: int | None = None


@dataclass(slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    locations: tuple[Location, ...]
    expected: Decimal | str | None = None
    actual: Decimal | str | None = None
    key: str = ""  # stable identity: used to accept a warning and to follow a finding across edits

    @property
    def table(self) -> T | None:
        for loc in self.locations:
            if loc.table is not None:
                return loc.table
        return None


class SeverityCounts(dict[Severity, int]):
    """Findings per severity, every severity present (0 when none); ``accepted`` is how many of
    the warnings carry an accepted 说明."""

    accepted: int = 0


def count_by_severity(findings: Iterable[Finding], acceptances: Mapping[str, str] | None = None) -> SeverityCounts:
    counts = SeverityCounts.fromkeys(SEVERITIES, 0)
    accepted = 0
    for f in findings:
        counts[f.severity] += 1
        if acceptances and f.severity is Severity.WARNING and f.key in acceptances:
            accepted += 1
    counts.accepted = accepted
    return counts
