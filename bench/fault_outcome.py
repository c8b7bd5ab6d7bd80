"""What one injected fault did: the findings it added or changed, which of them are at its place, and
which are false errors elsewhere.

Findings are compared as a multiset of (rule, severity, message, locations): one that is in the
faulted run and not in the clean run is new or changed (a changed message — a new expected value —
makes it changed). Text locations after a text fault are moved back by the fault's change of length,
so that a finding that only moved is not counted.

A finding is *at the fault's place* when one of its locations is the changed cell (table, row, 栏次;
a location without 栏次 names the whole row); for a deleted row, that row, the row it summed into
(its 款, 类 or 合计) or a row that summed into it (the deleted row itself is no longer there to be
pointed at); for a text fault, the changed span (for 元 written for 万元: the figure with its unit).
Every other new or changed 错误 is a false error elsewhere.

Found: a new or changed 错误 at the place; for a ±0.01 fault a 尾数差异 there counts too.

Checkable — does the fault break a relation the checks verify at all? (found-rates are over these)
- a changed cell: the same cell changed grossly (+1000.00) gives a 错误 at that cell. A cell no check
  reads, or reads only for a soft rule, is not checkable.
- a deleted subject row: the sum it belonged to is still there to fall short (its parent is the 合计,
  or keeps another row), or rows summed into it are left without it; else (the only 项 of its 款, the
  only 款 of its 类) the parent simply becomes a leaf, and only another table printing the same
  subject can tell: checkable when zeroing the row's amounts gives a 错误 located in another table.
- an amount, a percentage, 元 for 万元: the figure is one the text checker verified in the clean text
  (its span is among the report's verified spans: the reader tied it to the data or to other figures).
- 增加↔减少: the word is inside a verified span (a change "增加115.28万元" is read with its word), or a
  verified figure follows it directly, or it says what the change is against ("决算数较上年增加",
  "比年初预算数减少") and its sentence or the one before (same paragraph) holds a verified figure.
- 大于↔小于: the word compares 决算数 with 预算数 ("决算数大于年初预算数") and its sentence or the
  one before (same paragraph) holds a verified figure.
- a wrong year: the report's text names only the report year and the year before (what it compares
  with), so a year moved outside those two (year+1 for the report year, year−2 for the year before)
  is checkable wherever it stands; the report year moved to the year before is checkable when its
  sentence holds a verified figure (the year is the period of that figure) or it dates the year end
  ("截至2024年12月31日"); elsewhere the year before can be meant.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from bench.fault_departments import Department, check
from bench.fault_kinds import Fault, apply, child_rows, parent_row
from checks.engine import run_checks
from checks.finding import Finding, Location, Severity
from checks.text import check_text
from model.project import TOTAL

PROBE = Decimal("1000.00")
Sig = tuple


@dataclass
class Baseline:
    """A clean department's findings and what its text checker verified."""

    dept: Department
    findings: list[Finding]
    sigs: Counter
    verified: dict[str, list[tuple[int, int]]]
    probes: dict[tuple, bool] = field(default_factory=dict)

    @classmethod
    def of(cls, dept: Department) -> Baseline:
        findings = check(dept.project)
        verified = check_text(dept.project).verified_spans
        return cls(dept, findings, Counter(_sig(f, None) for f in findings), verified)


@dataclass
class Outcome:
    fault: Fault
    checkable: bool
    at_place: Severity | None  # the gravest new or changed finding at the place
    found: bool
    elsewhere: list[Finding]  # false errors elsewhere
    added: list[Finding] = field(default_factory=list)  # every new or changed finding
    text_after: dict[str, str] = field(default_factory=dict)  # the text as checked, when a false error is in it


def _loc_sig(loc: Location, fault: Fault | None) -> tuple:
    if loc.section is not None:
        start, end = loc.start or 0, loc.end or 0
        if fault is not None and fault.on_text and loc.section == fault.section:
            shift = len(fault.new_text) - (fault.end - fault.start)
            start = start - shift if start >= fault.new_end else start
            end = end - shift if end >= fault.new_end else end
        return ("text", loc.section, start, end)
    return ("cell", str(loc.table), loc.row, loc.col, loc.field, loc.sheet, loc.cell)


def _sig(f: Finding, fault: Fault | None) -> Sig:
    return (f.rule, f.severity, f.message, tuple(_loc_sig(loc, fault) for loc in f.locations))


def involves(f: Finding, fault: Fault) -> bool:
    """Whether one of the finding's locations is the fault's place (see the module's docstring)."""
    for loc in f.locations:
        if fault.on_text:
            if loc.section == fault.section and loc.start is not None and loc.end is not None:
                end = max(fault.new_end, fault.start + 1)  # an emptied span still has a place
                if loc.start < end and fault.start < max(loc.end, loc.start + 1):
                    return True
            continue
        if loc.table is None or str(loc.table) != str(fault.table):
            continue
        if fault.col is None:
            if loc.row in fault.place_rows:
                return True
        elif loc.row == fault.row and (loc.col is None or loc.col == fault.col):
            return True
    return False


def added(base: Baseline, faulted: list[Finding], fault: Fault | None) -> list[Finding]:
    """The findings of the faulted run that the clean run does not have (as a multiset)."""
    left = Counter(base.sigs)
    out = []
    for f in faulted:
        s = _sig(f, fault)
        if left[s] > 0:
            left[s] -= 1
        else:
            out.append(f)
    return out


def judge(base: Baseline, fault: Fault) -> Outcome:
    project = base.dept.project
    undo = apply(project, fault)
    try:
        faulted = check(project)
        text_after = dict(project.text)
    finally:
        undo()
    new, at_place, found, elsewhere = account(base, fault, faulted)
    return Outcome(fault, checkable(base, fault), at_place, found, elsewhere, new, text_after if elsewhere else {})


def account(
    base: Baseline, fault: Fault, faulted: list[Finding]
) -> tuple[list[Finding], Severity | None, bool, list[Finding]]:
    """The faulted run against the clean one: the new or changed findings, the gravest severity among
    those at the fault's place, whether that counts as found, and the false errors elsewhere."""
    new = added(base, faulted, fault)
    at = [f for f in new if involves(f, fault)]
    at_place = min((f.severity for f in at), key=lambda s: s.rank, default=None)
    accept = (Severity.ERROR, Severity.ROUNDING) if fault.kind == "cent" else (Severity.ERROR,)
    found = any(f.severity in accept for f in at)
    elsewhere = [f for f in new if f.severity is Severity.ERROR and not involves(f, fault)]
    return new, at_place, found, elsewhere


# ---------------------------------------------------------------- checkable


def checkable(base: Baseline, fault: Fault) -> bool:
    if fault.on_text:
        return _text_checkable(base, fault)
    project = base.dept.project
    if fault.col is not None:
        return _probe(base, fault.table, fault.row, {fault.col: _plus(project, fault, fault.col)}, same_table=True)
    # A deleted row: the sum it belonged to still reads its siblings (or is the 合计, always checked),
    # or rows summed into it are left without it; else only another table reading the same subject
    # can tell, which zeroing the row's amounts shows.
    t, key = fault.table, fault.row
    parent = parent_row(project, t, key)
    if parent == TOTAL or child_rows(project, t, key) or len(child_rows(project, t, parent)) > 1:
        return True
    row = project.tables[t].row(key)
    zero = dict.fromkeys(row.values if row is not None else (), Decimal(0))
    return _probe(base, t, key, zero, same_table=False)


def _plus(project, fault: Fault, col: int) -> Decimal:
    row = project.tables[fault.table].row(fault.row)
    old = row.values.get(col) if row is not None else None
    return (old or Decimal(0)) + PROBE


def _probe(base: Baseline, t, key: str, values: dict[int, Decimal], same_table: bool) -> bool:
    """Whether setting these cells of the row gives a new 错误 at the row (``same_table``), or one
    located in another table (the row is read across tables)."""
    memo = (str(t), key, tuple(sorted(values.items())), same_table)
    if memo not in base.probes:
        project = base.dept.project
        undos = [apply(project, Fault("probe", base.dept.name, t, key, col, v)) for col, v in values.items()]
        try:
            found = run_checks(project)
        finally:
            for undo in reversed(undos):
                undo()
        hit = False
        for f in added(base, found, None):
            if f.severity is not Severity.ERROR:
                continue
            if same_table:
                hit = any(str(loc.table) == str(t) and loc.row == key for loc in f.locations)
            else:
                hit = any(loc.table is not None and str(loc.table) != str(t) for loc in f.locations)
            if hit:
                break
        base.probes[memo] = hit
    return base.probes[memo]


_SENTENCE_END = "。；;！？!?"


def _verified_in(base: Baseline, sid: str, a: int, b: int) -> bool:
    return any(s < b and a < e for s, e in base.verified.get(sid, ()))


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The sentence around ``at``: from after the previous sentence end (or line start) to the next."""
    start = max(text.rfind(c, 0, at) for c in _SENTENCE_END + "\n") + 1
    ends = [i for i in (text.find(c, at) for c in _SENTENCE_END + "\n") if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))


# "决算数较上年", "比2023年度决算数", "比年初预算数": what a direction word says the change is against
_COMPARED = re.compile(r"(较|比)\s*(上年|上一年度|年初预算|全年预算|\d{4}\s*年度?)(决算)?数?\s*$")


def _near_verified(base: Baseline, sid: str, text: str, s: int, e: int) -> bool:
    """A verified figure in the sentence [s, e) or in the one before it in the same paragraph."""
    if text[s - 1 : s] in ("\n", ""):
        return _verified_in(base, sid, s, e)
    ps, _pe = _sentence(text, s - 1)
    return _verified_in(base, sid, ps, e)


def _text_checkable(base: Baseline, fault: Fault) -> bool:
    sid = fault.section
    assert sid is not None
    text = base.dept.project.text[sid]
    a, b = fault.start, fault.end
    if fault.kind in ("amount", "percent", "yuan"):
        return _verified_in(base, sid, a, b)
    if fault.kind == "updown":
        follow = re.match(r"\s*", text[b:])
        nxt = b + (follow.end() if follow else 0)
        if _verified_in(base, sid, a, b) or _verified_in(base, sid, nxt, nxt + 1):
            return True
        s, e = _sentence(text, a)
        return bool(_COMPARED.search(text[s:a])) and _near_verified(base, sid, text, s, e)
    if fault.kind == "morethan":
        s, e = _sentence(text, a)
        if not (re.search(r"决算数?\s*$", text[s:a]) and "预算" in text[b:e]):
            return False
        return _near_verified(base, sid, text, s, e)
    if fault.kind == "year":
        if fault.new_text != str(base.dept.project.meta.year - 1):
            return True  # a year after the report's, or before the one it compares with
        if re.match(r"\s*年\s*12\s*月\s*31\s*日", text[b:]):
            return True  # 截至…年12月31日: the end of the report year
        s, e = _sentence(text, a)
        return _verified_in(base, sid, s, a) or _verified_in(base, sid, b, e)
    raise ValueError(fault.kind)
