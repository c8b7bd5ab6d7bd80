"""Template variants as data: how a variant prints the nine tables (resources/templates/<id>.json).

A template gives the tables' order, titles, columns (internal column number, printed 栏次, headings,
width), the fixed rows of 01 and 04 line by line for each row layout, 06's groups, the notes under
each table and the "无…" sentence of an empty one. Internal ids — the table ids below, row keys
("i1", "c201", "e_total", "30101"), column numbers — are the same in every template: the checks and
the project files use them; the template maps them to print. The file format is described in
resources/templates/README.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache

from model.resources import resource_path


class T(StrEnum):
    SUMMARY = "summary"  # 收入支出决算总表
    INCOME = "income"  # 收入决算表
    EXPENSE = "expense"  # 支出决算表
    FISCAL = "fiscal"  # 财政拨款收入支出决算总表
    GENERAL = "general"  # 一般公共预算财政拨款支出决算表
    BASIC = "basic"  # 一般公共预算财政拨款基本支出决算明细表
    FUND = "fund"  # 政府性基金预算财政拨款收入支出决算表
    SOE = "soe"  # 国有资本经营预算财政拨款支出决算表
    THREE = "three"  # 财政拨款“三公”经费支出决算表


LAYOUTS = ("A", "B")  # row layouts of 01 (and 04): which 行次 each line carries
KINDS = ("sides", "subjects", "economic", "single")
HOLDS = ("label", "row_no", "code", "name", "amount")
WORDINGS = ("national", "shanghai")  # the phrasings checks/text/draft*.py write the 情况说明 in
CLASSES_TOKEN = "classes"  # in a sides table's lines: the template's function classes, one row each
DEPARTMENT_TOKEN = "{department}"  # in an "absent" sentence: the department's name

_ORDINALS = "一二三四五六七八九十"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 26 → 二十六."""
    if n <= 10:
        return _ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _ORDINALS[tens - 1] + "十"
    return head + (_ORDINALS[ones - 1] if ones else "")


def class_key(code: str) -> str:
    return f"c{code}"


@dataclass(frozen=True, slots=True)
class PrintedColumn:
    """One column of the printed table, left to right."""

    holds: str  # what its body cells show: one of HOLDS
    heading: tuple[str, ...]  # heading texts top to bottom, as many as the table has heading lines
    number: str | None  # its text on the 栏次 line; None when the table prints no 栏次 line
    col: int = 0  # an amount column's internal column number
    block: str = ""  # the rows it prints: a side of 01/04, a column group of 06
    width: float | None = None  # in characters on screen; None: as wide as its labels
    name: tuple[str, ...] = ()  # the words naming it in messages, broad to narrow; () : its heading


@dataclass(frozen=True, slots=True)
class Column:
    """An internal column of a table, as the checks address it."""

    no: int  # internal column number (the checks', the project file's)
    name: str  # its lowest heading
    group: str = ""  # the headings above it, joined by "·"
    printed: str = ""  # 栏次 as printed; "" when the table prints none


_ORDINAL_PREFIX = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass(frozen=True, slots=True)
class FixedRow:
    key: str
    label: str
    side: str  # the block it prints in: "income" | "expense" in 01/04
    cols: tuple[int, ...]
    style: str = ""  # "total": printed bold on a shaded line
    name: str = ""  # how messages name it where its label is not enough ("收入总计"); "" : its label

    @property
    def called(self) -> str:
        """The row in words: its name, else its label without its number ("一、…" → "…")."""
        return self.name or _ORDINAL_PREFIX.sub("", self.label)


@dataclass(frozen=True, slots=True)
class FooterCell:
    """A cell of the line under 06's groups: a label spanning columns, or a row's amount."""

    key: str
    label: str = ""
    span: int = 1
    col: int = 0  # an amount cell's internal column; 0 for a label


@dataclass(frozen=True, slots=True)
class GroupForm:
    code: str
    kind: str  # "personnel" (人员经费) | "public" (公用经费)
    block: str
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Formula:
    """A column formula the table holds on every row that has its target column: 1 = 2 + 3."""

    col: int
    terms: tuple[tuple[int, int], ...]  # (sign, column): 6 = 1 + 2 − 3 is ((1, 1), (1, 2), (-1, 3))


@dataclass(frozen=True, eq=False)
class TableForm:
    """How one table prints in one template."""

    table: T
    title: str
    kind: str  # one of KINDS
    columns: tuple[PrintedColumn, ...]
    notes: tuple[str, ...]
    absent: str  # the "无…" sentence printed under the table when it is empty; "" when none
    total: str  # subjects: where 合计 prints, "first" | "last"
    # sides: each row layout's lines, block by block: a row, or None for a blank printed line
    lines: dict[str, dict[str, tuple[FixedRow | None, ...]]]
    groups: tuple[GroupForm, ...]  # economic, in printed order
    footer: tuple[FooterCell, ...]
    formulas: tuple[Formula, ...] = ()  # what the columns of each row add up to

    def absent_sentence(self, department: str) -> str:
        """The "无…" sentence with the department's name where the template names it."""
        return self.absent.replace(DEPARTMENT_TOKEN, department or "本部门")

    @property
    def levels(self) -> int:
        """Heading lines, without the 栏次 line."""
        return len(self.columns[0].heading)

    @property
    def numbered(self) -> bool:
        """Whether the table prints a 栏次 line under its headings."""
        return self.columns[0].number is not None

    @property
    def blocks(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.block for c in self.columns))

    def amount_cols(self, block: str | None = None) -> tuple[int, ...]:
        return tuple(c.col for c in self.columns if c.holds == "amount" and (block is None or c.block == block))

    def fixed_rows(self, layout: str) -> tuple[tuple[FixedRow, int], ...]:
        """Rows with their 行次, block after block; 行次 run on from one block to the next and blank
        lines take theirs too. A table printing no 行次 numbers its lines the same way."""
        out = []
        no = 0
        for block in self.blocks:
            for row in self.lines[layout].get(block, ()):
                no += 1
                if row is not None:
                    out.append((row, no))
        return tuple(out)


@dataclass(frozen=True, slots=True)
class SectionForm:
    """A section of the 情况说明 as the variant prints it (model.sections numbers them)."""

    subject: str  # what it explains: "total", "general", "three", … (the same in every variant)
    heading: str  # as printed, without its number
    short: str  # its name in the list of sections
    parts: tuple[SectionForm, ...] = ()  # sub-parts under their own headings ("（一）机关运行经费支出情况")


@dataclass(frozen=True, eq=False)
class Template:
    id: str
    label: str
    order: tuple[T, ...]
    classes: tuple[tuple[str, str], ...]  # function classes printed in 01 and 04: (code, name)
    breaks: dict[str, str]  # where a heading over one column breaks in print
    tables: dict[T, TableForm]
    sections: tuple[SectionForm, ...] = ()  # 一 … of the 情况说明, in printed order
    wording: str = "national"  # the phrasing the draft of the 情况说明 follows: one of WORDINGS

    def form(self, t: T) -> TableForm:
        return self.tables[t]

    def number(self, t: T) -> str:
        """ "05": the table's printed number."""
        return f"{self.order.index(t) + 1:02d}"


# ---------------------------------------------------------------- loading


class TemplateError(ValueError):
    pass


@cache
def variants() -> tuple[str, ...]:
    """The template ids there are files for, in descending order ("2023" before "2020")."""
    folder = resource_path("templates")
    return tuple(sorted((p.stem for p in folder.glob("*.json")), reverse=True))


def is_variant(variant: str) -> bool:
    return variant in variants()


@cache
def template(variant: str) -> Template:
    if not is_variant(variant):
        raise TemplateError(f"没有模板“{variant}”")
    data = _raw(variant)
    return _build(variant, data)


def choices() -> tuple[tuple[str, str], ...]:
    """(id, label) of every template, for a choice list: the national ones (named by their year)
    first, newest first, then the provinces'."""
    ordered = sorted(variants(), key=lambda v: (not v.isdigit(), v if not v.isdigit() else -int(v)))
    return tuple((v, template(v).label) for v in ordered)


def _raw(variant: str, seen: tuple[str, ...] = ()) -> dict:
    """The file's content, completed from the template it extends: top-level keys it gives replace
    the base's, and a table it gives replaces the base table's keys that it names."""
    if variant in seen:
        raise TemplateError(f"模板“{variant}”的 extends 成环")
    with open(resource_path("templates", f"{variant}.json"), encoding="utf-8") as f:
        data = json.load(f)
    if data.get("id") != variant:
        raise TemplateError(f"模板文件 {variant}.json 的 id 应为“{variant}”")
    base_id = data.pop("extends", None)
    if base_id is None:
        return data
    base = _raw(base_id, (*seen, variant))
    tables = {k: dict(v) for k, v in base["tables"].items()}
    for k, v in data.pop("tables", {}).items():
        tables[k] = {**tables.get(k, {}), **v}
    if "sections" in data:
        data["sections"] = _inherit_sections(data["sections"], base.get("sections", ()))
    return {**base, **data, "tables": tables}


def _inherit_sections(entries: list, base: list) -> list:
    """A section given by its subject alone ("fund"), or with only the keys that differ, takes the
    rest from the base template's section of the same subject."""
    by_subject = {b["subject"]: b for b in base if isinstance(b, dict)}
    out = []
    for e in entries:
        e = {"subject": e} if isinstance(e, str) else e
        out.append({**by_subject.get(e.get("subject"), {}), **e})
    return out


def _build(variant: str, data: dict) -> Template:
    def fail(why: str) -> TemplateError:
        return TemplateError(f"模板“{variant}”：{why}")

    try:
        order = tuple(T(t) for t in data["order"])
    except ValueError as e:
        raise fail(f"order 中有不认识的表：{e}") from None
    if sorted(order) != sorted(T):
        raise fail("order 应列出九张表，每张一次")
    classes = tuple((str(code), str(name)) for code, name in data["classes"])
    tables = {}
    for t in T:
        if t.value not in data["tables"]:
            raise fail(f"缺少表 {t.value}")
        try:
            tables[t] = _table(t, data["tables"][t.value], classes, fail)
        except KeyError as e:
            raise fail(f"{t.value} 缺少 {e}") from None
    sections = tuple(_section(e, fail) for e in data.get("sections", ()))
    subjects = [s.subject for top in sections for s in (top, *top.parts)]
    if len(set(subjects)) != len(subjects):
        raise fail("sections 中每个 subject 只能出现一次")
    wording = data.get("wording", "national")
    if wording not in WORDINGS:
        raise fail(f"wording 应为 {'/'.join(WORDINGS)} 之一")
    breaks = dict(data.get("breaks", {}))
    return Template(variant, data.get("label", variant), order, classes, breaks, tables, sections, wording)


def _section(e: object, fail) -> SectionForm:
    if not isinstance(e, dict) or not e.get("subject") or not e.get("heading"):
        raise fail(f"sections 中的“{e}”应给出 subject 和 heading")
    parts = tuple(_section(p, fail) for p in e.get("parts", ()))
    if any(p.parts for p in parts):
        raise fail(f"sections 中“{e['heading']}”的 parts 不能再分 parts")
    return SectionForm(str(e["subject"]), str(e["heading"]), str(e.get("short", e["heading"])), parts)


def _table(t: T, d: dict, classes: tuple[tuple[str, str], ...], fail) -> TableForm:
    kind = d.get("kind")
    if kind not in KINDS:
        raise fail(f"{t.value} 的 kind 应为 {'/'.join(KINDS)} 之一")
    columns = tuple(_column(t, c, fail) for c in d["columns"])
    levels = max(len(c.heading) for c in columns)
    # A heading shorter than the others reaches down to the lowest heading line.
    columns = tuple(_pad(c, levels) for c in columns)
    if len({c.number is None for c in columns}) > 1:
        raise fail(f"{t.value} 的列应全部给出或全部不给 number（栏次）")
    blocks = [c.block for c in columns]
    if len([b for i, b in enumerate(blocks) if i == 0 or blocks[i - 1] != b]) != len(set(blocks)):
        raise fail(f"{t.value} 同一 block 的列应排在一起")
    form = TableForm(
        table=t,
        title=d["title"],
        kind=kind,
        columns=columns,
        notes=tuple(d.get("notes", ())),
        absent=d.get("absent", ""),
        total=d.get("total", "first"),
        lines={},
        groups=(),
        footer=tuple(
            FooterCell(f["key"], f.get("label", ""), f.get("span", 1), f.get("col", 0)) for f in d.get("footer", ())
        ),
        formulas=tuple(_formula(t, f, columns, fail) for f in d.get("formulas", ())),
    )
    if form.total not in ("first", "last"):
        raise fail(f"{t.value} 的 total 应为 first 或 last")
    if form.footer and sum(f.span for f in form.footer) != len(columns):
        raise fail(f"{t.value} 的 footer 应正好占满 {len(columns)} 列")
    if kind == "sides":
        lines = d["lines"]
        per_layout = lines if set(lines) <= set(LAYOUTS) else dict.fromkeys(LAYOUTS, lines)
        if set(per_layout) != set(LAYOUTS):
            raise fail(f"{t.value} 的 lines 应给出每种行次布局（{'/'.join(LAYOUTS)}）")
        rows = {
            layout: _side_lines(t, form, d.get("rows", {}), blocks, classes, fail)
            for layout, blocks in per_layout.items()
        }
        form = replace(form, lines=rows)
        keys = [sorted(r.key for r, _no in form.fixed_rows(layout)) for layout in LAYOUTS]
        if any(k != keys[0] for k in keys) or len(set(keys[0])) != len(keys[0]):
            raise fail(f"{t.value} 的每种行次布局应列出同样的行，每行一次")
    elif kind == "economic":
        form = replace(form, groups=_groups(t, form, d, fail))
    return form


def _column(t: T, c: dict, fail) -> PrintedColumn:
    holds = c.get("holds", "amount")
    if holds not in HOLDS:
        raise fail(f"{t.value} 的列 {c.get('heading')} 的 holds 应为 {'/'.join(HOLDS)} 之一")
    if (holds == "amount") != ("col" in c):
        raise fail(f"{t.value} 的列 {c.get('heading')}：金额列给出 col，其他列不给")
    heading = tuple(c.get("heading", ()))
    if not heading:
        raise fail(f"{t.value} 有一列没有 heading")
    name = tuple(c.get("name", ()))
    if name and holds != "amount":
        raise fail(f"{t.value} 的列 {heading}：只有金额列可以给出 name")
    block = str(c.get("block", ""))
    return PrintedColumn(holds, heading, c.get("number"), int(c.get("col", 0)), block, c.get("width"), name)


def _formula(t: T, f: dict, columns: tuple[PrintedColumn, ...], fail) -> Formula:
    cols = {c.col for c in columns if c.holds == "amount"}
    try:
        target, terms = int(f["col"]), tuple((1 if n > 0 else -1, abs(int(n))) for n in f["sum"])
    except (KeyError, TypeError, ValueError):
        raise fail(f'{t.value} 的公式 {f} 应写作 {{"col": 1, "sum": [2, 3]}}') from None
    if not terms or not {target, *(c for _s, c in terms)} <= cols:
        raise fail(f"{t.value} 的公式 {f} 中有本表没有的金额列")
    return Formula(target, terms)


def _pad(c: PrintedColumn, levels: int) -> PrintedColumn:
    return replace(c, heading=c.heading + (c.heading[-1],) * (levels - len(c.heading)))


def _side_lines(t: T, form: TableForm, rows: dict, blocks: dict, classes, fail) -> dict[str, tuple]:
    if set(blocks) != set(form.blocks):
        raise fail(f"{t.value} 的 lines 应按列的 block（{'/'.join(form.blocks)}）给出")
    out = {}
    for block, entries in blocks.items():
        cols = form.amount_cols(block)
        line: list[FixedRow | None] = []
        for entry in entries:
            if entry == CLASSES_TOKEN:
                line += [
                    FixedRow(class_key(code), f"{chinese_ordinal(i)}、{name}", block, cols)
                    for i, (code, name) in enumerate(classes, 1)
                ]
            elif isinstance(entry, dict):
                line += [None] * int(entry["blank"])
            elif entry in rows:
                spec = rows[entry]
                spec = {"label": spec} if isinstance(spec, str) else spec
                own = tuple(spec.get("cols", cols))
                if not set(own) <= set(cols):
                    raise fail(f"{t.value} 的行 {entry} 的 cols 不在其所在一侧的金额列中")
                line.append(FixedRow(entry, spec["label"], block, own, spec.get("style", ""), spec.get("name", "")))
            else:
                raise fail(f"{t.value} 的 lines 中的“{entry}”不在 rows 中")
        out[block] = tuple(line)
    return out


def _groups(t: T, form: TableForm, d: dict, fail) -> tuple[GroupForm, ...]:
    if set(d["lines"]) != set(form.blocks):
        raise fail(f"{t.value} 的 lines 应按列的 block（{'/'.join(form.blocks)}）给出")
    groups = []
    for block in form.blocks:
        for code in d["lines"].get(block, ()):
            spec = d["groups"].get(code)
            if spec is None:
                raise fail(f"{t.value} 的 lines 中的“{code}”不在 groups 中")
            if spec["kind"] not in ("personnel", "public"):
                raise fail(f"{t.value} 的组 {code} 的 kind 应为 personnel 或 public")
            groups.append(GroupForm(code, spec["kind"], block, tuple(spec["items"])))
    return tuple(groups)
