"""Why a false error elsewhere was raised, in the classes issue 11 names.

The first rule that applies gives the class:

1. 重复报告 (repeated): the same rule on the same locations as an earlier false error of the same
   fault (the message may differ).
2. 级联 (cascade): the fault is in the tables (a cell, a 合计, a subject row). Table checks name every
   cell they read, so what the fault causes elsewhere is a check reading the changed data from
   afar — today always a text figure compared with it: the text is right and agrees with the
   unchanged side of the relation the fault broke (or with an emptied cell's parts).
   For a text fault:
3. 前后不一 (two facts): rule T707, the same fact said to be written twice with two values.
4. 大于/小于 (wrong pair): rule T711 asking for 大于, 小于 or 等于.
5. 分项当合计 (item for total): the false error's span lies inside an enumerated item (its line opens
   with 1. 1、 （1） (1) ①…, or 其中 precedes it in its sentence) while its message names a concept
   that is not an item's own (no 类/款/项, no “…”项目).
6. 其他 (other): the rest — another check of the text reading the changed figure.
"""

from __future__ import annotations

import re

from bench.fault_outcome import Outcome
from checks.finding import Finding

CASCADE, ITEM, TWICE, PAIR, REPEATED, OTHER = "级联", "分项当合计", "前后不一", "大于小于比错", "重复报告", "其他"
CLASSES = (CASCADE, ITEM, TWICE, PAIR, REPEATED, OTHER)

_ENUMERATED = re.compile(r"^\s*(\d+\s*[.、．]|[（(]\s*\d+\s*[)）]|[①-⑳])")
_ITEM_LABEL = re.compile(r"（[类款项]）|[”\"]项目")


def cause_of(o: Outcome, i: int) -> tuple[str, str, str]:
    """(class, rule id, fault kind) of the i-th false error of ``o``."""
    f = o.elsewhere[i]
    return (_class(o, i, f), f.rule, o.fault.kind)


def _class(o: Outcome, i: int, f: Finding) -> str:
    where = (f.rule, f.locations)
    if any((g.rule, g.locations) == where for g in o.elsewhere[:i]):
        return REPEATED
    if not o.fault.on_text:
        return CASCADE
    if f.rule == "T707":
        return TWICE
    if f.rule == "T711" and any(w in str(f.expected or "") for w in ("大于", "小于", "等于")):
        return PAIR
    if _in_item(o, f) and not _ITEM_LABEL.search(f.message):
        return ITEM
    return OTHER


def _in_item(o: Outcome, f: Finding) -> bool:
    loc = f.locations[0]
    if loc.section is None or loc.start is None:
        return False
    text = o.text_after.get(loc.section, "")
    line_start = text.rfind("\n", 0, loc.start) + 1
    if _ENUMERATED.match(text[line_start : loc.start]):
        return True
    sentence_start = max(text.rfind(c, line_start, loc.start) for c in "。；;") + 1
    return "其中" in text[max(line_start, sentence_start) : loc.start]
