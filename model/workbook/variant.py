"""Which template a workbook was printed from, told by what its sheets print, never by position.

Each template is scored against the tables found: a title printed as that template words it, a
printed table number ("公开07表") where that template puts the table, its headings standing on the
sheet, 行次 and 栏次 printed or not as it prints them, and 06's 经济分类 codes all among its rows.
The best score wins; a tie goes to the year's usual template (2023 from 2023 on, else 2020).
"""

from __future__ import annotations

import re

from model.layout import T, default_variant
from model.templates import template, variants
from model.workbook.headings import template_path
from model.workbook.reader import Sheet, norm_text
from model.workbook.recognize import Recognized

_ECONOMIC = re.compile(r"^3\d{2}(?:\d{2})?$")


def recognize_variant(found: dict[T, tuple[Sheet, Recognized]], year: int) -> str:
    texts = {t: {norm_text(v) for v in sheet.cells.values() if isinstance(v, str)} for t, (sheet, _r) in found.items()}
    scores = {v: sum(_fit(v, t, sheet, rec, texts[t]) for t, (sheet, rec) in found.items()) for v in variants()}
    best = max(scores.values())
    tied = [v for v, score in scores.items() if score == best]
    usual = default_variant(year)
    return usual if usual in tied else tied[0]


def _fit(variant: str, t: T, sheet: Sheet, rec: Recognized, texts: set[str]) -> float:
    tpl = template(variant)
    form = tpl.form(t)
    score = 0.0
    titles = [norm_text(template(v).form(t).title) for v in variants()]
    printed = max((x for x in titles if x in rec.title), key=len, default=None)
    if printed is not None and printed == norm_text(form.title):
        score += 2  # the longest title the line holds is this template's
    if rec.number:
        score += 3 if tpl.number(t) == rec.number else -3
    words = {w for c in form.columns for w in template_path(c)}
    if words:
        score += sum(1 for w in words if any(w in x for x in texts)) / len(words)
    if form.kind == "sides":
        score += 1 if any(c.holds == "row_no" for c in form.columns) == ("行次" in texts) else 0
    score += 1 if form.numbered == ("栏次" in texts) else 0
    if form.kind == "economic":
        rows = {g.code for g in form.groups} | {i for g in form.groups for i in g.items}
        codes = {x for x in texts | {str(v) for v in sheet.cells.values() if isinstance(v, int)} if _ECONOMIC.match(x)}
        score -= len(codes - rows)
    return score
