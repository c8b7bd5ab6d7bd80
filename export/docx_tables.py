"""The nine tables as Word tables, from the same ``SheetPlan`` as the Excel sheets (export/sheet_plan.py).

One layout source: the plan says what each cell holds and which header cells merge; this module
only decides how it looks on paper — column widths from the content, 五号 or 小五, portrait or
landscape (whichever is the first to fit), header rows repeated on every page, amounts right-aligned.
Rows are written as XML text and parsed once: a large department's tables hold tens of thousands
of cells and python-docx's cell API would take seconds.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from export.docx_styles import (
    LANDSCAPE_TEXT_HEIGHT,
    LANDSCAPE_TEXT_WIDTH,
    PORTRAIT_TEXT_HEIGHT,
    PORTRAIT_TEXT_WIDTH,
    TABLE_LINE,
    TABLE_LINE_SMALL,
    WUHAO,
    XIAOWU,
)
from export.docx_writer import DocWriter, tab_run, text_run
from export.sheet_plan import SheetPlan
from model.amount import fmt_amount

CELL_PADDING = 2 * 57 + 60  # left + right cell margins (twips) and some air
MIN_EM = 1.5  # 行次, 栏次
MIN_LABEL_EM = 4.0
SHORT_HEADER_EM = 3.0
# A label column may wrap onto two lines when the table does not fit otherwise.
LABEL_SHRINK = 0.5
# Half-width characters are measured a little wider than Times New Roman's 0.5 em, so that
# amounts stay on one line in whatever font a reader's machine substitutes (Noto/DejaVu: 0.56–0.64).
NARROW_EM = {",": 0.28, ".": 0.28, ":": 0.28, " ": 0.28}
HALF_EM = 0.62


_UNBREAKABLE = re.compile(r"[!-~]+")  # runs of printable ASCII: words and numbers


@dataclass(frozen=True, slots=True)
class TableLayout:
    landscape: bool
    small: bool  # 小五 instead of 五号
    widths: tuple[int, ...]  # twips per column
    grid: _Grid | None = field(default=None, compare=False, repr=False)  # the measured plan it was made for


def text_em(s: str) -> float:
    """Printed width in em: CJK and full-width characters are one em, the rest about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else NARROW_EM.get(ch, HALF_EM) for ch in s)


def cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return fmt_amount(v)
    return str(v)


@dataclass
class _Grid:
    """The table part of a plan: rows, spans and covered cells, in plan coordinates, and the printed
    width (em) of each cell's text, measured once for all the layouts tried."""

    rows: range
    header: range
    width: int
    spans: dict[tuple[int, int], tuple[int, int]]  # top-left → (rows, cols)
    covered: set[tuple[int, int]]
    ems: dict[tuple[int, int], float]


def _grid(plan: SheetPlan) -> _Grid:
    first, last = plan.header_rows[0], plan.data_rows[1]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for r1, c1, r2, c2 in plan.merges:
        if r1 < first or r2 > last:
            continue  # title and note rows are paragraphs, not table rows
        spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1))
    ems = {
        (r, c): text_em(cell_text(v))
        for (r, c), v in plan.cells.items()
        if first <= r <= last and (r, c) not in covered and v is not None
    }
    return _Grid(range(first, last + 1), range(first, plan.header_rows[1] + 1), plan.width, spans, covered, ems)


def _natural_em(plan: SheetPlan, grid: _Grid) -> tuple[list[float], list[bool]]:
    """Width each column wants (em), and whether it holds wrappable text (labels, names)."""
    need = [MIN_EM] * (grid.width + 1)
    label = [False] * (grid.width + 1)
    for r in grid.rows:
        for c in range(1, grid.width + 1):
            if (r, c) in grid.covered or grid.spans.get((r, c), (1, 1))[1] > 1:
                continue
            em = grid.ems.get((r, c), 0.0)
            if not em:
                continue
            text = cell_text(plan.cells[(r, c)])
            if r in grid.header:
                # A header may wrap onto three lines, but not a word of up to three characters (序号,
                # 行次), nor a Latin word or number.
                if em > SHORT_HEADER_EM:
                    em = max(math.ceil(em / 3), max((text_em(w) for w in _UNBREAKABLE.findall(text)), default=0))
            elif (r, c) not in plan.amount_cells and not text.replace(".", "").isdigit() and em > MIN_LABEL_EM:
                label[c] = True
            need[c] = max(need[c], em)
    return need[1:], label[1:]


def _fit(need: list[float], label: list[bool], em_twips: int, available: int, wrap: bool) -> tuple[int, ...] | None:
    natural = [n * em_twips + CELL_PADDING for n in need]
    total = sum(natural)
    if total <= available:
        return _whole(natural, available / total, available)
    if not wrap:
        return None
    fixed = sum(w for w, is_label in zip(natural, label) if not is_label)
    flexible = total - fixed
    floor = sum(max(MIN_LABEL_EM * em_twips + CELL_PADDING, w * LABEL_SHRINK) for w, lb in zip(natural, label) if lb)
    if not flexible or fixed + floor > available:
        return None
    k = (available - fixed) / flexible
    return _whole([w * k if lb else w for w, lb in zip(natural, label)], 1.0, available)


def _whole(widths: list[float], scale: float, available: int) -> tuple[int, ...]:
    out = [int(w * scale) for w in widths]
    out[-1] += available - sum(out)
    return tuple(out)


# In order of preference: portrait before landscape, labels on one line before wrapped, 五号 before 小五.
_CANDIDATES = (
    (False, False, False),
    (False, False, True),
    (False, True, False),
    (False, True, True),
    (True, False, False),
    (True, False, True),
    (True, True, True),
)
TITLE_BLOCK = 1500  # the table's title (小二), 公开NN表 and 部门 lines above it, in twips
NOTE_LINE = 320


def _row_heights(grid: _Grid, widths: tuple[int, ...], small: bool) -> list[int]:
    em = (XIAOWU if small else WUHAO) * 10
    line = TABLE_LINE_SMALL if small else TABLE_LINE
    lines = dict.fromkeys(grid.rows, 1)
    for (r, c), size in grid.ems.items():
        n_rows, n_cols = grid.spans.get((r, c), (1, 1))
        room = max(sum(widths[c - 1 : c - 1 + n_cols]) - 2 * 57, 1)
        lines[r] = max(lines[r], math.ceil(math.ceil(size * em / room) / n_rows))
    return [lines[r] * line + 20 for r in grid.rows]


def estimate_pages(plan: SheetPlan, layout: TableLayout, above: int = 0) -> int:
    """Pages the table takes, its header rows repeated on each; ``above``: height already used on the first."""
    grid = layout.grid or _grid(plan)
    heights = _row_heights(grid, layout.widths, layout.small)
    head = sum(heights[: len(grid.header)])
    page = LANDSCAPE_TEXT_HEIGHT if layout.landscape else PORTRAIT_TEXT_HEIGHT
    pages, y = 1, above + TITLE_BLOCK + head
    for h in heights[len(grid.header) :]:
        if y + h > page:
            pages, y = pages + 1, head
        y += h
    width = sum(layout.widths)
    notes = sum(math.ceil(text_em(cell_text(plan.cells.get((r, 1)))) * WUHAO * 10 / width) for r in plan.note_rows)
    return pages + (1 if y + notes * NOTE_LINE > page else 0)


def choose_layout(plan: SheetPlan, above: int = 0) -> TableLayout:
    """Orientation, font size and column widths: the fewest pages, then the first of _CANDIDATES."""
    grid = _grid(plan)
    need, label = _natural_em(plan, grid)
    best: tuple[int, int, TableLayout] | None = None
    for i, (landscape, wrap, small) in enumerate(_CANDIDATES):
        available = LANDSCAPE_TEXT_WIDTH if landscape else PORTRAIT_TEXT_WIDTH
        widths = _fit(need, label, (XIAOWU if small else WUHAO) * 10, available, wrap)
        if widths:
            layout = TableLayout(landscape, small, widths, grid)
            key = (estimate_pages(plan, layout, above), i, layout)
            best = key if best is None or key[:2] < best[:2] else best
    if best:
        return best[2]
    # Wider than a landscape page even with wrapped labels (amounts in the billions): squeeze evenly.
    return TableLayout(True, True, _squeeze(need, XIAOWU * 10, LANDSCAPE_TEXT_WIDTH), grid)


def _squeeze(need: list[float], em_twips: int, available: int) -> tuple[int, ...]:
    natural = [n * em_twips + CELL_PADDING for n in need]
    return _whole(natural, available / sum(natural), available)


# ---------------------------------------------------------------- XML

_TBL_PR = (
    "<w:tblPr><w:tblW w:w='{total}' w:type='dxa'/><w:jc w:val='center'/>"
    "<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type='fixed'/>"
    "<w:tblCellMar><w:left w:w='57' w:type='dxa'/><w:right w:w='57' w:type='dxa'/></w:tblCellMar>"
    "<w:tblLook w:val='0000' w:firstRow='0' w:lastRow='0' w:firstColumn='0' w:lastColumn='0'"
    " w:noHBand='1' w:noVBand='1'/></w:tblPr>"
)
_BORDERS = "".join(
    f"<w:{side} w:val='single' w:sz='4' w:space='0' w:color='000000'/>"
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def _tc(
    width: int, text: str, style: str, jc: str | None, span: tuple[int, int], vmerge: str | None, nowrap: bool = False
) -> str:
    props = [f"<w:tcW w:w='{width}' w:type='dxa'/>"]
    if span[1] > 1:
        props.append(f"<w:gridSpan w:val='{span[1]}'/>")
    if vmerge:
        props.append(f"<w:vMerge w:val='{vmerge}'/>" if vmerge == "restart" else "<w:vMerge/>")
    if nowrap:
        # An amount or a subject code broken over two lines is misread ("1,105.5" / "2").
        props.append("<w:noWrap/>")
    props.append("<w:vAlign w:val='center'/>")
    ppr = f"<w:pStyle w:val='{style}'/>" + (f"<w:jc w:val='{jc}'/>" if jc else "")
    run = f"<w:r><w:t xml:space='preserve'>{escape(text)}</w:t></w:r>" if text else ""
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>{run}</w:p></w:tc>"


def table_xml(plan: SheetPlan, layout: TableLayout) -> str:
    grid = layout.grid or _grid(plan)
    widths = layout.widths
    head_style, body_style = ("TableHeadSmall", "TableTextSmall") if layout.small else ("TableHead", "TableText")
    # Cells covered by a vertical merge continue it; find which merge covers them.
    vcont: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), (nr, nc) in grid.spans.items():
        for rr in range(r + 1, r + nr):
            vcont[(rr, c)] = (nr, nc)
    out = [f"<w:tbl {nsdecls('w')}>", _TBL_PR.format(total=sum(widths), borders=_BORDERS), "<w:tblGrid>"]
    out += [f"<w:gridCol w:w='{w}'/>" for w in widths]
    out.append("</w:tblGrid>")
    for r in grid.rows:
        is_head = r in grid.header
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if is_head else "") + "</w:trPr>")
        c = 1
        while c <= grid.width:
            if (r, c) in vcont:
                nr, nc = vcont[(r, c)]
                out.append(_tc(sum(widths[c - 1 : c - 1 + nc]), "", head_style, None, (1, nc), "continue"))
                c += nc
                continue
            span = grid.spans.get((r, c), (1, 1))
            v = plan.cells.get((r, c))
            text = cell_text(v)
            if is_head:
                style, jc = head_style, None
            elif (r, c) in plan.amount_cells:
                style, jc = body_style, "right"
            elif isinstance(v, int):  # 行次
                style, jc = body_style, "center"
            else:
                style, jc = body_style, None
            width = sum(widths[c - 1 : c - 1 + span[1]])
            nowrap = not is_head and ((r, c) in plan.amount_cells or text.isdigit())
            out.append(_tc(width, text, style, jc, span, "restart" if span[0] > 1 else None, nowrap))
            c += span[1]
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def add_plan_table(w: DocWriter, plan: SheetPlan, layout: TableLayout, toc_text: str) -> None:
    """Title (in the outline), 公开NN表, 部门/金额单位, the table, then its notes and "无…" sentence."""
    w.heading(str(plan.cells.get((1, 1), "")), 2, style="TableTitle", toc_text=toc_text)
    w.paragraph(str(plan.cells.get((2, plan.width), "")), style="TableMeta", jc="right")
    meta = w.paragraph(style="TableMeta", right_tab=True)
    meta.append(text_run(str(plan.cells.get((3, 1), ""))))
    meta.append(tab_run())
    meta.append(text_run(str(plan.cells.get((3, plan.width), ""))))
    w.append(parse_xml(table_xml(plan, layout)))
    for r in plan.note_rows:
        w.paragraph(str(plan.cells.get((r, 1), "")), style="TableNote")
    if plan.absent:
        w.paragraph(plan.absent, style="TableNote")


def simple_table(w: DocWriter, header: list[str], rows: list[list[object]]) -> None:
    """A plain table (第四部分, 附件) laid out like the nine: one repeated header row, widths from the
    content, amounts and rates right-aligned, 序号 (int) centred."""
    plan = SheetPlan("", len(header), header_rows=(1, 1), data_rows=(2, len(rows) + 1))
    for c, h in enumerate(header, 1):
        plan.put(1, c, h)
    for r, row in enumerate(rows, 2):
        for c, v in enumerate(row, 1):
            plan.put(r, c, v)
            if isinstance(v, Decimal) or (isinstance(v, str) and v.endswith("%")):
                plan.amount_cells.add((r, c))
    grid = _grid(plan)
    need, label = _natural_em(plan, grid)
    em, available = WUHAO * 10, w.text_width
    widths = _fit(need, label, em, available, False) or _fit(need, label, em, available, True)
    w.append(parse_xml(table_xml(plan, TableLayout(False, False, widths or _squeeze(need, em, available)))))
