"""Where a figure stands: a section's lead or one of its enumerated items, and what an item is about.

A section has a lead and items. "一、" "（一）" "1." "1、" "（1）" "1)" "①" open items at the start
of a sentence, nested by the kind of their marker: a marker of a kind already open closes the
items opened since. An item's head — the first term after its marker, before its first figure
and its first clause break — names what it is about.

An item about one specific thing (a 类/款/项 chain, one “三公” item, a project, a kind of vehicle
or staff; or a chain the checker cannot resolve) is a scope: a figure inside it belongs to that
thing or to something under it (a 项 under its 类, 购置费 under 公务用车购置及运行维护费) and to
nothing else. Words of its description ("主要用于……人员经费", "…等项目支出", a 项 named
"行政单位离退休") never tie its figures to what the section as a whole speaks of. An item headed
by a section-level concept ("（一）一般公共预算财政拨款支出决算总体情况"), or by no term at all,
restricts nothing. A sentence that opens with the whole an item is part of ("2021年度“三公”经费…"
after the last “三公” item) closes that item: the text is back to the whole. A sentence that opens
with another specific thing (a paragraph "“…（类）…（款）…（项）”3.39 万元" after the 项 an item
began with) starts an entry of its own, unmarked, in the item's place.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from checks.text.facts import PARTS
from checks.text.terms import Term

MARKER = re.compile(
    r"(?P<A>[一二三四五六七八九十]+、)|(?P<B>\([一二三四五六七八九十]+\))|(?P<C>\d{1,2}[.、](?!\d))"
    r"|(?P<D>\(\d{1,2}\))|(?P<E>\d{1,2}\))|(?P<F>[①-⑳])"
)
_CLAUSE_BREAK = re.compile(r"[,;:。]")

# Concepts naming one specific thing among several of its kind: an item about one of them is a scope.
_SPECIFIC_HEADS = frozenset(
    {"class", "class03", "subject", "subject03", "fund", "perfproj", "staffkind", "vehiclekind"}
)
_SPECIFIC = frozenset({"three.abroad", "three.vehicle", "three.purchase", "three.operation", "three.reception"})
# Concept families whose codes nest (a 项 under its 款 under its 类), table by table, and the total
# of each table they make up.
_CODED = {"class": "05", "subject": "05", "class03": "03", "subject03": "03", "fund": "fund"}
_TABLE_TOTAL = {"general_expense": "05", "expense_total": "03", "fund_expense": "fund"}


def is_specific(term: Term) -> bool:
    if term.concept is None:
        return term.kind in ("chain", "narrow")
    head = term.concept.partition(".")[0]
    return head in _SPECIFIC_HEADS or term.concept in _SPECIFIC


@cache
def _under(total: str) -> frozenset[str]:
    """The concepts a total is made of, at any depth (checks.text.facts.PARTS)."""
    out: set[str] = set()
    for part in PARTS.get(total, ()):
        out |= {part, *_under(part)}
    return frozenset(out)


def within(concept: str | None, subject: str | None) -> bool:
    """Whether ``concept`` is ``subject`` or something under it."""
    if concept is None or subject is None:
        return False
    if concept == subject or concept in _under(subject):
        return True
    head, _, code = subject.partition(".")
    chead, _, ccode = concept.partition(".")
    if subject in _TABLE_TOTAL:
        return _CODED.get(chead) == _TABLE_TOTAL[subject]
    return head in _CODED and _CODED.get(chead) == _CODED[head] and ccode.startswith(code)


@dataclass(frozen=True, slots=True)
class Item:
    start: int  # normalised offset of its marker
    end: int  # where the next item of its level or above starts (or the section ends)
    subject: str | None  # what its head names (None: nothing the checker can tie)
    restricts: bool  # a scope: its figures belong to its subject or to nothing


class Scopes:
    """The items of one section's text, and which concepts a figure at a place may be tied to."""

    def __init__(self, items: list[Item]):
        self.items = items
        self._starts = {it.start for it in items}
        self._begins = [it.start for it in items]
        self._scoped = any(it.restricts for it in items)

    def starts_item(self, pos: int) -> bool:
        return pos in self._starts

    def innermost(self, pos: int) -> Item | None:
        """The innermost item holding ``pos``: items nest, so the last one begun that has not ended."""
        for i in range(bisect_right(self._begins, pos) - 1, -1, -1):
            if pos < self.items[i].end:
                return self.items[i]
        return None

    def scope(self, pos: int) -> Item | None:
        """The innermost item holding ``pos`` that is a scope."""
        if not self._scoped:
            return None
        for i in range(bisect_right(self._begins, pos) - 1, -1, -1):
            it = self.items[i]
            if pos < it.end and it.restricts:
                return it
        return None

    def allows(self, concept: str | None, pos: int) -> bool:
        item = self.scope(pos)
        return item is None or within(concept, item.subject)


def find_items(
    t: str,
    sentences: list[tuple[int, int]],
    terms: list[Term],
    figure_starts: list[int],
    is_filler: Callable[[str], bool],
) -> Scopes:
    items: list[Item] = []
    open_: list[tuple[str, int]] = []  # (kind of marker, index in items)
    ends: dict[int, int] = {}
    starts = [tm.start for tm in terms]
    ti = fi = 0
    for s0, s1 in sentences:
        m = MARKER.match(t, s0)
        if m is None:
            if not any(items[i].restricts for _k, i in open_):
                continue  # nothing to close or to follow
            opening = _opening(t, s0, s1, terms, starts, is_filler)
            whole = opening.concept if opening is not None else None
            while open_ and items[open_[-1][1]].restricts and whole is not None:
                subject = items[open_[-1][1]].subject
                if subject is None or subject == whole or not within(subject, whole):
                    break
                ends[open_.pop()[1]] = s0  # back to the whole this item was a part of
            scope = next(((k, i) for k, i in reversed(open_) if items[i].restricts), None)
            if scope is None or opening is None or not is_specific(opening):
                continue
            if opening.concept is not None and within(opening.concept, items[scope[1]].subject):
                continue
            # Another thing of the same kind: an entry of its own in the place of the one it follows.
            while open_:
                k, idx = open_.pop()
                ends[idx] = s0
                if idx == scope[1]:
                    break
            parent = next((items[i] for _k, i in reversed(open_) if items[i].restricts), None)
            subject = opening.concept
            if parent is not None and not within(subject, parent.subject):
                subject = None
            items.append(Item(s0, len(t), subject, True))
            open_.append((scope[0], len(items) - 1))
            continue
        kind = m.lastgroup or ""
        if any(k == kind for k, _ in open_):
            while open_:
                k, idx = open_.pop()
                ends[idx] = s0
                if k == kind:
                    break
        while fi < len(figure_starts) and figure_starts[fi] < m.end():
            fi += 1
        first_figure = figure_starts[fi] if fi < len(figure_starts) else len(t)
        brk = _CLAUSE_BREAK.search(t, m.end(), s1)
        head_end = min(first_figure, brk.start() if brk else s1, s1)
        while ti < len(terms) and terms[ti].start < m.end():
            ti += 1
        head = terms[ti] if ti < len(terms) and terms[ti].start < head_end else None
        subject = head.concept if head is not None else None
        restricts = head is not None and is_specific(head)
        parent = next((items[i] for _k, i in reversed(open_) if items[i].restricts), None)
        if parent is not None and restricts and not within(subject, parent.subject):
            subject = None  # a head outside its enclosing item's thing: nothing can be told
        items.append(Item(s0, len(t), subject, restricts))
        open_.append((kind, len(items) - 1))
    return Scopes([Item(it.start, ends.get(i, it.end), it.subject, it.restricts) for i, it in enumerate(items)])


def _opening(
    t: str, s0: int, s1: int, terms: list[Term], starts: list[int], is_filler: Callable[[str], bool]
) -> Term | None:
    """The term a sentence opens with, after nothing but filler ("2021年度“三公”经费…")."""
    i = bisect_left(starts, s0)
    if i == len(terms) or terms[i].start >= s1:
        return None
    return terms[i] if is_filler(t[s0 : terms[i].start]) else None
