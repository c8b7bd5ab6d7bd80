"""The kinds of check: a rule applied to particular cells, re-evaluated whenever those cells change.

Rules (decorated functions in checks/rules/) yield checks; the engine evaluates them and indexes
them by the rows they read (``deps``), so that after one edit only the checks reading that row run
again. Checks read values straight from the model's rows, so an edit needs no copying. Messages
and labels are only built for checks that fail.

One root cause, one error: a check that *defines a total* (``Check.total``: the total of its own
table's parts, e.g. 合计 = Σ 类) reads the printed figures only, and when it fails, its total may
also mean the sum of its parts (``Ctx.alts``, kept by the engine). Every other check reading that
total (an identity across tables, a comparison, a balance) accepts either value: the total's own
finding already says what is wrong. Alternatives are looked at only when the printed figures fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from itertools import product

from checks.context import EMPTY_ROW, UNKNOWN, Cell, Ctx, Dep, Ref, get
from checks.finding import Finding, Location, Severity
from checks.rules.registry import RULES, money
from checks.tolerance import CENT, judge_difference
from model.amount import ZERO
from model.layout import T
from model.project import Row

# Rules whose checks make a cell the total of parts of the same table (printed column and row
# formulas, 06 groups and footers, the 三公 columns, 类/款/项 and 合计). F104/F105 equate two sides
# and the X rules tie tables together: they are no totals. ``ui.autosum`` fills these totals.
TOTAL_RULES = frozenset({"F101", "F102", "F103", "F106", "F107", "F108", "H201", "H202"})
MAX_COMBINATIONS = 64  # candidate values tried for one failing check (2 per total in practice)


class Check:
    """A rule applied to particular rows; ``deps`` lists the rows it reads (for re-checking);
    ``total``: whether it defines its first cell as the sum of parts of the same table."""

    __slots__ = ("rule", "deps")

    rule: str
    deps: tuple[Dep, ...]
    total = False
    accepts_alternatives = True  # a failing check tries what a failing total may also mean (not Custom)

    def evaluate(self, ctx: Ctx) -> Sequence[Finding]:
        raise NotImplementedError


def _candidates(ctx: Ctx, cell: Cell, value: Decimal | None) -> tuple[Decimal | None, ...]:
    """The printed value, then what else the cell may mean (the sum of its parts, when it is a
    total that fails its own sum)."""
    alts = ctx.alts.get(cell)
    return (value, *alts) if alts else (value,)


def _sum_accepted(
    ctx: Ctx, rule_id: str, parent: tuple[Cell, Decimal | None], terms: Sequence[tuple[int, Cell, Decimal | None]]
) -> bool:
    """Whether ``parent = Σ ±terms`` holds (to within rounding) for some value each cell may mean."""
    pool = [_candidates(ctx, parent[0], parent[1])] + [_candidates(ctx, c, v) for _s, c, v in terms]
    if all(len(p) == 1 for p in pool):
        return False
    n_combinations = 1
    for p in pool:
        n_combinations *= len(p)
    if n_combinations > MAX_COMBINATIONS:
        return False
    signs = [s for s, _c, _v in terms]
    for pv, *values in product(*pool):
        total, n = ZERO, 0
        for sign, v in zip(signs, values, strict=True):
            if v is not None:
                n += 1
                total = total + v if sign > 0 else total - v
        if pv == total or (pv is None and not total):
            return True
        if pv is not None and judge_difference(rule_id, pv - total, n, ctx.exact) in (None, Severity.ROUNDING):
            return True
    return False


def _sum_finding(
    ctx: Ctx,
    rule_id: str,
    parent: Ref,
    parent_value: Decimal | None,
    total: Decimal,
    n: int,
    right: str,
    others: Iterable[Location],
) -> Finding | None:
    if parent_value is None:
        # An empty total is a finding only when what it should hold is not nothing.
        if not total:
            return None
        severity = Severity.ERROR if RULES[rule_id].severity is Severity.ERROR else RULES[rule_id].severity
    else:
        severity = judge_difference(rule_id, parent_value - total, n, ctx.exact)
        if severity is None:
            return None
    left = ctx.ref_label(parent)
    msg = RULES[rule_id].message(left=left, actual=money(parent_value), right=right, expected=money(total))
    return Finding(
        rule=rule_id,
        severity=severity,
        message=msg,
        locations=(parent.loc(), *others),
        expected=total,
        actual=parent_value,
        key=f"{rule_id}|{parent.t}|{parent.key}|{parent.col}",
    )


class CellSum(Check):
    """parent = Σ ±terms (a printed formula or an identity across tables)."""

    __slots__ = ("parent", "terms", "right")

    def __init__(self, rule: str, parent: Ref, terms: Sequence[tuple[int, Ref]], right: str | None = None):
        self.rule, self.parent, self.terms, self.right = rule, parent, tuple(terms), right
        self.deps = ((parent.t, parent.key), *((r.t, r.key) for _s, r in self.terms))

    @property
    def total(self) -> bool:  # asked only of failing checks: worked out then, not for thousands at build
        return self.rule in TOTAL_RULES and all(s > 0 and r.t == self.parent.t for s, r in self.terms)

    def evaluate(self, ctx: Ctx) -> Sequence[Finding]:
        pv = get(self.parent.row, self.parent.col)
        if pv is UNKNOWN:
            return ()
        total, n = ZERO, 0
        for sign, r in self.terms:
            v = get(r.row, r.col)
            if v is UNKNOWN:
                return ()
            if v is not None:
                n += 1
                total = total + v if sign > 0 else total - v
        if pv == total or (pv is None and not total):
            return ()
        if ctx.alts and not self.total and self._accepted(ctx, pv):
            return ()
        right = self.right or self._describe(ctx)
        f = _sum_finding(ctx, self.rule, self.parent, pv, total, n, right, (r.loc() for _s, r in self.terms))
        return (f,) if f else ()

    def _accepted(self, ctx: Ctx, pv: Decimal | None) -> bool:
        p = self.parent
        terms = [(s, (r.t, r.key, r.col), get(r.row, r.col)) for s, r in self.terms]
        return _sum_accepted(ctx, self.rule, ((p.t, p.key, p.col), pv), terms)  # type: ignore[arg-type]

    def _describe(self, ctx: Ctx) -> str:
        parts = []
        head = ctx.table_label(self.parent.t) + " "
        for i, (sign, r) in enumerate(self.terms):
            label = ctx.ref_label(r)
            if r.t == self.parent.t:
                label = label.removeprefix(head)
            if i:
                parts.append(("+" if sign > 0 else "−") + label)
            else:
                parts.append(label if sign > 0 else "−" + label)
        return "".join(parts)


class RowFormula(Check):
    """A column formula on one row: col target = Σ ±cols (02: 1 = 2+…+7)."""

    __slots__ = ("t", "row", "target", "terms", "right")

    def __init__(self, rule: str, t: T, row: Row, target: int, terms: Sequence[tuple[int, int]], right: str):
        self.rule, self.t, self.row, self.target, self.terms, self.right = rule, t, row, target, terms, right
        self.deps = ((t, row.key),)

    @property
    def total(self) -> bool:
        return self.rule in TOTAL_RULES and all(s > 0 for s, _c in self.terms)

    def evaluate(self, ctx: Ctx) -> Sequence[Finding]:
        row = self.row
        if row.invalid and (self.target in row.invalid or any(c in row.invalid for _s, c in self.terms)):
            return ()
        values = row.values
        if not values:
            return ()
        pv = values.get(self.target)
        total, n = ZERO, 0
        for sign, col in self.terms:
            v = values.get(col)
            if v is not None:
                n += 1
                total = total + v if sign > 0 else total - v
        if pv == total or (pv is None and not total):
            return ()
        if ctx.alts and not self.total:
            t, key = self.t, row.key
            terms = [(s, (t, key, c), values.get(c)) for s, c in self.terms]
            if _sum_accepted(ctx, self.rule, ((t, key, self.target), pv), terms):
                return ()
        parent = Ref(self.t, row.key, self.target, row)
        others = [Location(table=self.t, row=row.key, col=c) for _s, c in self.terms]
        f = _sum_finding(ctx, self.rule, parent, pv, total, n, self.right, others)
        return (f,) if f else ()


class RowsSum(Check):
    """Row-wise sum over several columns: parent row = Σ child rows (类 = Σ 款, 合计 = Σ 类)."""

    __slots__ = ("t", "parent", "children", "cols", "right")

    total = True  # a 合计, 类, 款 or 06 group: always the sum of rows of its own table

    def __init__(self, rule: str, t: T, parent: Row, children: Sequence[Row], cols: Sequence[int], right: str):
        self.rule, self.t, self.parent, self.children, self.cols, self.right = (
            rule,
            t,
            parent,
            tuple(children),
            tuple(cols),
            right,
        )
        self.deps = ((t, parent.key), *((t, c.key) for c in self.children))
        assert rule in TOTAL_RULES, rule

    def evaluate(self, ctx: Ctx) -> Sequence[Finding]:
        out: list[Finding] = []
        pvals = self.parent.values
        pinv = self.parent.invalid
        for col in self.cols:
            if pinv and col in pinv:
                continue
            total, n, unknown = ZERO, 0, False
            for child in self.children:
                if child.invalid and col in child.invalid:
                    unknown = True
                    break
                v = child.values.get(col)
                if v is not None:
                    n += 1
                    total += v
            if unknown:
                continue
            pv = pvals.get(col)
            if pv == total or (pv is None and not total):
                continue
            parent = Ref(self.t, self.parent.key, col, self.parent)
            others = [Location(table=self.t, row=c.key, col=col) for c in self.children]
            f = _sum_finding(ctx, self.rule, parent, pv, total, n, self.right, others)
            if f:
                out.append(f)
        return out


class Compare(Check):
    """a ≤ b (or a ≈ b for soft rules), on each listed column pair of two rows."""

    __slots__ = ("a", "b", "mode")

    def __init__(self, rule: str, a: Sequence[Ref], b: Sequence[Ref], mode: str = "le"):
        self.rule, self.a, self.b, self.mode = rule, tuple(a), tuple(b), mode
        self.deps = tuple({(r.t, r.key): None for r in self.a + self.b})

    def evaluate(self, ctx: Ctx) -> Sequence[Finding]:
        out: list[Finding] = []
        rule = RULES[self.rule]
        for ra, rb in zip(self.a, self.b, strict=True):
            va, vb = get(ra.row, ra.col), get(rb.row, rb.col)
            if va is UNKNOWN or vb is UNKNOWN:
                continue
            if va is None and vb is None:
                continue
            da, db = va or ZERO, vb or ZERO
            gap = da - db if self.mode == "le" else abs(da - db)
            if gap <= 0:
                continue
            if ctx.alts and self._accepted(ctx, ra, va, rb, vb):
                continue
            rounding = gap <= CENT and not ctx.exact
            if rule.severity is Severity.ERROR:
                severity = Severity.ROUNDING if rounding else Severity.ERROR
            elif rounding:
                continue
            else:
                severity = rule.severity
            msg = rule.message(left=ctx.ref_label(ra), actual=money(va), right=ctx.ref_label(rb), expected=money(vb))
            out.append(
                Finding(
                    rule=self.rule,
                    severity=severity,
                    message=msg,
                    locations=(ra.loc(), rb.loc()),
                    expected=vb,
                    actual=va,
                    key=f"{self.rule}|{ra.t}|{ra.key}|{ra.col}",
                )
            )
        return out

    def _accepted(self, ctx: Ctx, ra: Ref, va: Decimal | None, rb: Ref, vb: Decimal | None) -> bool:
        """Whether the comparison holds (to within a cent) for some value each cell may mean."""
        a = [v or ZERO for v in _candidates(ctx, (ra.t, ra.key, ra.col), va)]
        b = [v or ZERO for v in _candidates(ctx, (rb.t, rb.key, rb.col), vb)]
        if len(a) == len(b) == 1:
            return False
        limit = ZERO if ctx.exact else CENT
        if self.mode == "le":
            return min(a) - max(b) <= limit
        return any(abs(x - y) <= limit for x in a for y in b)


class RowCompare(Check):
    """Row a ≤ row b on the same columns of two tables (05 subject ≤ 03 subject)."""

    __slots__ = ("ta", "a", "tb", "b", "cols")

    def __init__(self, rule: str, ta: T, a: Row, tb: T, b: Row, cols: Sequence[int]):
        self.rule, self.ta, self.a, self.tb, self.b, self.cols = rule, ta, a, tb, b, cols
        self.deps = ((ta, a.key), (tb, b.key))

    def evaluate(self, ctx: Ctx) -> Sequence[Finding]:
        av, bv = self.a.values, self.b.values
        if not av:
            return ()
        for col in self.cols:
            va = av.get(col)
            if va is not None and va > (bv.get(col) or ZERO):
                break
        else:
            return ()
        a = [Ref(self.ta, self.a.key, c, self.a) for c in self.cols]
        b = [Ref(self.tb, self.b.key if self.b is not EMPTY_ROW else self.a.code, c, self.b) for c in self.cols]
        return Compare(self.rule, a, b).evaluate(ctx)


class Custom(Check):
    """Anything else: a function of the context returning findings, with declared dependencies."""

    __slots__ = ("fn",)

    accepts_alternatives = False  # reads the printed figures: nothing to run again when they change

    def __init__(self, rule: str, deps: Iterable[Dep], fn: Callable[[Ctx], Sequence[Finding]]):
        self.rule, self.deps, self.fn = rule, tuple(deps), fn

    def evaluate(self, ctx: Ctx) -> Sequence[Finding]:
        return self.fn(ctx)
