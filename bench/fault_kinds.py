"""The faults the benchmark injects, one at a time: where each kind can strike, and how.

A fault is drawn from a department's candidates for its kind and applied in place; ``apply``
returns the function that undoes it. Every fault changes something a relation could see: a cell's
value changes as a number (an empty cell counts as 0 in every sum, so a 0.00 is never cleared and
never multiplied), a word or figure of the text is replaced by a different one.

Table faults strike every table; text faults strike the 情况说明 (一 … 十三) and 概况·人员构成, the
sections whose figures document.md says are checked.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from checks.finding import Location
from checks.report import location_json
from model.layout import SUBJECT_TABLES, THREE_COLUMNS, T, fixed_row
from model.project import PERSONNEL_TOTAL, PUBLIC_TOTAL, TOTAL, Project, set_cell_value
from model.sections import explanation_sections


@dataclass(frozen=True)
class Kind:
    id: str  # for --kind
    label: str  # printed


KINDS = (
    Kind("cent", "单元格±0.01"),
    Kind("one", "单元格±1"),
    Kind("x10", "单元格×10"),
    Kind("swap", "相邻两位数字对调"),
    Kind("clear", "清空单元格"),
    Kind("total", "清空合计"),
    Kind("row", "删除科目行"),
    Kind("amount", "文中金额改动"),
    Kind("percent", "文中百分比改动"),
    Kind("yuan", "万元写成元"),
    Kind("updown", "增加↔减少"),
    Kind("morethan", "大于↔小于"),
    Kind("year", "年度写错"),
)
KIND = {k.id: k for k in KINDS}


@dataclass(frozen=True)
class Fault:
    kind: str
    dept: str
    # a table fault: the cell (col None: the whole row, deleted)
    table: T | None = None
    row: str | None = None
    col: int | None = None
    new_value: Decimal | None = None
    place_rows: tuple[str, ...] = ()  # a deleted row: the row, the row it summed into, the rows summed into it
    # a text fault: the span [start, end) of the clean section text and what replaces it
    section: str | None = None
    start: int = 0
    end: int = 0
    new_text: str = ""
    old: str = ""  # as printed before the fault
    where: str = ""  # a table fault's place as the check report prints it: "05表 合计 第1栏"

    @property
    def on_text(self) -> bool:
        return self.section is not None

    @property
    def new_end(self) -> int:
        """Where the replaced span ends in the faulted text."""
        return self.start + len(self.new_text)

    def describe(self) -> str:
        head = f"[{KIND[self.kind].label}] {self.dept} "
        if self.on_text:
            return f"{head}情况说明{self.section}@{self.start}：“{self.old}” → “{self.new_text}”"
        if self.col is None:
            return f"{head}删除 {self.where}"
        new = "空" if self.new_value is None else str(self.new_value)
        return f"{head}{self.where}：{self.old} → {new}"


# ---------------------------------------------------------------- applying


def apply(project: Project, fault: Fault) -> Callable[[], None]:
    """Inject the fault into ``project``; the result undoes it exactly."""
    if fault.on_text:
        sid = fault.section
        assert sid is not None
        before = project.text[sid]
        project.text[sid] = before[: fault.start] + fault.new_text + before[fault.end :]
        return lambda: project.text.__setitem__(sid, before)
    table = project.tables[fault.table]
    if fault.col is None:
        at = next(i for i, r in enumerate(table.rows) if r.key == fault.row)
        removed = table.rows.pop(at)
        table.touch()

        def restore_row() -> None:
            table.rows.insert(at, removed)
            table.touch()

        return restore_row
    row = table.row(fault.row)
    assert row is not None
    old = row.values.get(fault.col)
    set_cell_value(row, fault.col, fault.new_value)
    return lambda: set_cell_value(row, fault.col, old)


def place_label(project: Project, t: T, key: str, col: int | None) -> str:
    """ "05表 2013101 第1栏", from the location the check report prints (``main.py check --json``)."""
    loc = location_json(project, Location(table=t, row=key, col=col))
    row = loc.get("row", key)
    text = f"{loc['table']}表 {'第' + row + '行' if t in (T.SUMMARY, T.FISCAL) else row}"
    return f"{text} 第{col}栏" if col is not None else f"{text} 行"


# ---------------------------------------------------------------- where each kind can strike


def amount_cells(project: Project) -> list[tuple[T, str, int, Decimal]]:
    """Every cell holding a non-zero amount."""
    return [
        (t, row.key, col, v)
        for t, table in project.tables.items()
        for row in table.rows
        for col, v in sorted(row.values.items())
        if v
    ]


_TOTAL_COLUMNS = {c.no for c in THREE_COLUMNS if c.name in ("合计", "小计")}


def is_total(t: T, key: str, col: int) -> bool:
    """A cell of a 合计/总计 row (01/04 本年收入合计, 总计…; the 合计 row of 02/03/05/07/08; 06 人员经费合计
    and 公用经费合计), or one of 09's 合计/小计 columns (09 has one row)."""
    if t in SUBJECT_TABLES:
        return key == TOTAL
    if t is T.BASIC:
        return key in (PERSONNEL_TOTAL, PUBLIC_TOTAL)
    if t is T.THREE:
        return col in _TOTAL_COLUMNS
    label = fixed_row(t, key).label
    return "合计" in label or "总计" in label


def subject_rows(project: Project) -> list[tuple[T, str]]:
    return [
        (t, row.key)
        for t in SUBJECT_TABLES
        for row in project.tables[t].rows
        if row.key != TOTAL and row.code and not row.is_blank()
    ]


def parent_row(project: Project, t: T, key: str) -> str:
    """The row a subject row sums into: its 款, its 类, or the 合计."""
    code = key.split("#")[0]
    rows = project.tables[t].index()
    for n in (5, 3):
        if len(code) > n and code[:n] in rows:
            return code[:n]
    return TOTAL


def child_rows(project: Project, t: T, key: str) -> list[str]:
    """The rows that sum into ``key`` (its 款 or 项; the 类 for the 合计)."""
    return [
        r.key
        for r in project.tables[t].rows
        if r.key not in (TOTAL, key) and r.code and parent_row(project, t, r.key) == key
    ]


def text_sections(project: Project) -> list[str]:
    ids = ["概况.人员", *(s.id for s in explanation_sections(project.meta.variant))]
    return [sid for sid in ids if project.text.get(sid)]


# A figure as people write it: "1,105.52", "859. 36" (a PDF's space after the point), "1015".
_NUMBER = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\s?\d+)?"
AMOUNT = re.compile(_NUMBER + r"(?=\s*万元)")
PERCENT = re.compile(_NUMBER + r"(?=\s*[%％])")
UNIT = re.compile(_NUMBER + r"\s*万元")
UPDOWN = re.compile(r"增加|减少")
MORETHAN = re.compile(r"(?<![大小(（])(大于|小于)(?![(（])")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?=\s*年)")


def _digit_changed(rng: random.Random, figure: str, decimals_kept: int | None) -> str | None:
    """The figure with one digit typed wrong (never a leading digit turned 0). ``decimals_kept``: how
    many of the decimals may change, counted from the point (None: all of them).

    An amount keeps its last decimal (0.01 apart is a rounding matter, 尾数差异); a percentage changes
    only in its whole part: one unit of the last place below is the truncation, which document.md
    rates 提示, and a few hundredths of a point can be what the amounts' own rounding explains."""
    point = figure.find(".")
    digits = [i for i, c in enumerate(figure) if c.isdigit()]
    if point >= 0 and decimals_kept is not None:
        decimals = [i for i in digits if i > point]
        digits = [i for i in digits if i < point] + decimals[:decimals_kept]
    if not digits:
        return None
    i = rng.choice(digits)
    choices = [d for d in "0123456789" if d != figure[i] and not (d == "0" and i == 0 and len(figure) > 1)]
    return figure[:i] + rng.choice(choices) + figure[i + 1 :]


@dataclass(frozen=True)
class Candidate:
    """A place a fault can strike; ``make`` draws the fault itself (the new value, a random digit)."""

    make: Callable[[random.Random], Fault | None]


def candidates(project: Project, dept: str, kind: str) -> list[Candidate]:
    maker = _MAKERS[kind]
    return maker(project, dept, kind)


def _cell_fault(
    project: Project, dept: str, kind: str, t: T, key: str, col: int, old: Decimal, new: Decimal | None
) -> Fault | None:
    if (new or 0) == old or (new is not None and new < 0):
        return None
    return Fault(kind, dept, t, key, col, new, old=str(old), where=place_label(project, t, key, col))


def _cells(project: Project, dept: str, kind: str) -> list[Candidate]:
    out = []
    for t, key, col, v in amount_cells(project):
        if kind == "clear" and is_total(t, key, col):
            continue
        if kind == "total" and not is_total(t, key, col):
            continue
        out.append(
            Candidate(
                lambda rng, t=t, key=key, col=col, v=v: _cell_fault(
                    project, dept, kind, t, key, col, v, _new(kind, v, rng)
                )
            )
        )
    return out


def _new(kind: str, v: Decimal, rng: random.Random) -> Decimal | None:
    if kind in ("cent", "one"):
        step = Decimal("0.01") if kind == "cent" else Decimal("1")
        sign = rng.choice((1, -1)) if v >= step else 1
        return v + sign * step
    if kind == "x10":
        return v * 10
    if kind == "swap":
        text = f"{v:.2f}"
        pairs = [
            i for i in range(len(text) - 1) if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1]
        ]
        if not pairs:
            return None
        i = rng.choice(pairs)
        swapped = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        return Decimal(swapped).quantize(Decimal("0.01"))
    return None  # clear, total


def _rows(project: Project, dept: str, kind: str) -> list[Candidate]:
    return [
        Candidate(
            lambda _rng, t=t, key=key: Fault(
                kind,
                dept,
                t,
                key,
                None,
                place_rows=deleted_place(project, t, key),
                where=place_label(project, t, key, None),
            )
        )
        for t, key in subject_rows(project)
    ]


def deleted_place(project: Project, t: T, key: str) -> tuple[str, ...]:
    """A deleted row's place: the row itself is no longer there to be pointed at, so its place is
    also the row it summed into and the rows that summed into it."""
    return (key, parent_row(project, t, key), *child_rows(project, t, key))


def _text(pattern: re.Pattern[str], replace: Callable[[str, random.Random, Project], str | None]):
    def make(project: Project, dept: str, kind: str) -> list[Candidate]:
        out = []
        for sid in text_sections(project):
            for m in pattern.finditer(project.text[sid]):

                def draw(rng: random.Random, sid=sid, m=m) -> Fault | None:
                    new = replace(m.group(0), rng, project)
                    if new is None or new == m.group(0):
                        return None
                    return Fault(kind, dept, section=sid, start=m.start(), end=m.end(), new_text=new, old=m.group(0))

                out.append(Candidate(draw))
        return out

    return make


def _all_but_last(figure: str) -> int | None:
    point = figure.find(".")
    return None if point < 0 else max(0, sum(c.isdigit() for c in figure[point:]) - 1)


def _nonzero(figure: str) -> bool:
    return any(c in "123456789" for c in figure)


def _year(text: str, _rng: random.Random, project: Project) -> str | None:
    n, year = int(text), project.meta.year
    if n == year:
        return str(year + _rng.choice((1, -1)))
    if n == year - 1:
        return str(year - 2)
    return None  # a year the text names for another reason (a plan, a regulation)


_MAKERS = {
    "cent": _cells,
    "one": _cells,
    "x10": _cells,
    "swap": _cells,
    "clear": _cells,
    "total": _cells,
    "row": _rows,
    "amount": _text(AMOUNT, lambda s, rng, _p: _digit_changed(rng, s, _all_but_last(s))),
    "percent": _text(PERCENT, lambda s, rng, _p: _digit_changed(rng, s, 0)),
    # the place of 元 for 万元 is the figure with its unit; 0 元 is 0 万元, which changes nothing
    "yuan": _text(UNIT, lambda s, _rng, _p: None if not _nonzero(s) else s.replace("万元", "元")),
    "updown": _text(UPDOWN, lambda s, _rng, _p: {"增加": "减少", "减少": "增加"}[s]),
    "morethan": _text(MORETHAN, lambda s, _rng, _p: {"大于": "小于", "小于": "大于"}[s]),
    "year": _text(YEAR, _year),
}
