"""A rule is one decorated function: its id, severity, family, title and message template sit on
the decorator, its docstring is the explanation a user reads, its body finds what breaks it.

    @rule("X312", E, "表间勾稽", "05表基本支出合计等于06表人员经费合计与公用经费合计之和")
    def basic_expense(ctx: Ctx) -> Iterator[Check]:
        \"\"\"05表基本支出合计 …\"\"\"
        yield CellSum("X312", …)

Ids are stable: V cell values · F printed formulas within a table · H subject hierarchy and
codes · C catalog and completeness · X identities across tables · W soft relations (警告) ·
S supplementary data · T the text (情况说明) · I workbook import. An id once withdrawn is listed in
``checks.rules.retired`` and never handed out again.

What a rule's function takes depends on who runs it (``Rule.runs``): the check engine calls
every ``ENGINE`` rule with the context and gets checks bound to cells (or findings); a ``CELL``
rule is asked about one row's unparsed cells, a ``JUDGE`` rule is a step of the text judge
(``checks.text``), an ``IMPORT`` rule words one problem of a workbook import.
``checks.rules.every_rule`` imports every family, so that ``RULES`` holds them all.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from checks.finding import Finding, Location, Severity
from checks.rules.retired import RETIRED
from model.amount import fmt_plain

E, R, W, H = Severity.ERROR, Severity.ROUNDING, Severity.WARNING, Severity.HINT

NEQ = "{left} {actual} ≠ {right} {expected}"
GT = "{left} {actual} 大于 {right} {expected}"

FAMILIES = "VFHCXWSTI"  # the order rules are listed and run in

# Who runs a rule: the check engine, on the project; the engine, on one cell; the text judge; the import.
ENGINE, CELL, JUDGE, IMPORT = "engine", "cell", "judge", "import"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity  # rules of severity 错误 on sums report 尾数差异 when rounding explains the gap
    family: str
    title: str
    template: str
    explanation: str  # the function's docstring
    fn: Callable
    runs: str = ENGINE

    def message(self, **fields: object) -> str:
        return self.template.format(**fields)

    @property
    def order(self) -> tuple[int, str]:
        return (FAMILIES.index(self.id[0]), self.id)


RULES: dict[str, Rule] = {}  # id → rule, by family (FAMILIES) and id


def rule(
    id: str, severity: Severity, family: str, title: str, template: str = NEQ, *, runs: str = ENGINE
) -> Callable[[Callable], Callable]:
    """Register the decorated function as rule ``id``; the function itself is left as it is."""

    def register(fn: Callable) -> Callable:
        if id in RULES:
            raise RuntimeError(f"rule {id} is registered twice ({RULES[id].fn.__qualname__}, {fn.__qualname__})")
        if id in RETIRED:
            raise RuntimeError(f"rule {id} is retired; a new rule takes a new id")
        explanation = inspect.cleandoc(fn.__doc__ or "")
        RULES[id] = Rule(id, severity, family, title, template, explanation, fn, runs)
        # Listed by family, then id, whichever family's file was imported first.
        ordered = sorted(RULES.values(), key=lambda r: r.order)
        RULES.clear()
        RULES.update((r.id, r) for r in ordered)
        return fn

    return register


def money(v: Decimal | None) -> str:
    return "空" if v is None else fmt_plain(v)


def finding(
    rule_id: str,
    key: str,
    locations: Iterable[Location],
    *,
    severity: Severity | None = None,
    exp: Decimal | str | None = None,
    act: Decimal | str | None = None,
    **fields: object,
) -> Finding:
    """A finding of a rule whose template names its own fields; ``actual``/``expected`` in the
    template default to the formatted ``act``/``exp`` values."""
    r = RULES[rule_id]
    fields.setdefault("actual", act if isinstance(act, str) else money(act))
    fields.setdefault("expected", exp if isinstance(exp, str) else money(exp))
    return Finding(
        rule=rule_id,
        severity=severity or r.severity,
        message=r.message(**fields),
        locations=tuple(locations),
        expected=exp,
        actual=act,
        key=f"{rule_id}|{key}",
    )
