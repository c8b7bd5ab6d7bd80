"""Where a table's columns are on a sheet, told by the headings printed above them.

A template that prints no 栏次 line (the Shanghai 2024 one) can only be read by its headings: each
sheet column's heading texts, top to bottom, are matched with each printed column's headings in
the template. A merged heading covers every column and line of its range; in a sheet without
merges an empty cell of an upper heading line is read as covered by the heading to its left.
The texts of a template column must all stand above the sheet column, in order; other texts may
stand between them ("决算数" under each heading, "类 款 项"), so the same table printed with a
few more words is still read, and a column whose headings fit two template columns equally is
left unread and reported, never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from model.templates import PrintedColumn
from model.workbook.reader import Sheet, norm_text


def head_paths(sheet: Sheet, first: int, last: int) -> dict[int, list[str]]:
    """Each sheet column's heading texts from line ``first`` down to ``last``, normalised, a text
    repeated down a merged range once."""
    grid: dict[tuple[int, int], str] = {}
    for r in range(first, last + 1):
        for c, v in sheet.row_values(r):
            text = norm_text(v)
            if text:
                grid[(r, c)] = text
    merged = [m for m in sheet.merges if m[0] <= last and m[2] >= first]
    for r1, c1, r2, c2 in merged:
        text = grid.get((r1, c1))
        if text is None:
            continue
        for r in range(max(r1, first), min(r2, last) + 1):
            for c in range(c1, c2 + 1):
                grid[(r, c)] = text
    width = max((c for _r, c in grid), default=0)
    if not merged:
        for r in range(first, last):  # an upper heading line reaches right over the empty cells
            text = ""
            for c in range(1, width + 1):
                text = grid.get((r, c), text)
                if text and (r, c) not in grid:
                    grid[(r, c)] = text
    paths: dict[int, list[str]] = {}
    for c in range(1, width + 1):
        texts = [grid[(r, c)] for r in range(first, last + 1) if (r, c) in grid]
        paths[c] = [t for t, _same in groupby(texts)]
    return paths


def template_path(column: PrintedColumn) -> list[str]:
    return [t for t, _same in groupby(norm_text(h) for h in column.heading)]


def fits(wanted: Sequence[str], found: Sequence[str]) -> tuple[int, int] | None:
    """How well a template column's headings stand above a sheet column: None when one is missing,
    else (texts matched, texts matched exactly). A heading matches a printed text equal to it, or
    one holding it ("收入" in "收入决算数")."""
    exact, i = 0, 0
    for w in wanted:
        while i < len(found) and w != found[i] and w not in found[i]:
            i += 1
        if i == len(found):
            return None
        exact += found[i] == w
        i += 1
    return len(wanted), exact


@dataclass
class Matched:
    """Sheet columns by what they hold: the printed column each was matched with."""

    columns: dict[int, PrintedColumn]  # sheet column → template column
    unclear: list[int]  # sheet columns whose headings fit two template columns equally


def match(paths: dict[int, list[str]], columns: Sequence[PrintedColumn]) -> Matched:
    """Each template column to the sheet column its headings fit best; a template column claimed
    by two sheet columns goes to the better fit, and to neither when they fit equally."""
    wanted = [(col, template_path(col)) for col in columns]
    best: dict[int, tuple[tuple[int, int], PrintedColumn]] = {}
    unclear = []
    for c, found in sorted(paths.items()):
        if not found:
            continue
        scored = sorted(
            ((score, i) for i, (_col, path) in enumerate(wanted) if (score := fits(path, found)) is not None),
            reverse=True,
        )
        if not scored:
            continue
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            unclear.append(c)
            continue
        score, i = scored[0]
        best[c] = (score, wanted[i][0])
    claimed: dict[int, list[int]] = {}
    for c, (_score, col) in best.items():
        claimed.setdefault(id(col), []).append(c)
    out = {}
    for cs in claimed.values():
        ranked = sorted(cs, key=lambda c: best[c][0], reverse=True)
        if len(ranked) > 1 and best[ranked[0]][0] == best[ranked[1]][0]:
            unclear += ranked
            continue
        out[ranked[0]] = best[ranked[0]][1]
    return Matched(out, sorted(unclear))
