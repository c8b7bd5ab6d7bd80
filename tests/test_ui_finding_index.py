"""The window's index of findings by place stays equal to the engine's findings through edits."""

from __future__ import annotations

from model.layout import T
from tests import test_ui_support as support
from ui.finding_index import FindingIndex

ctl = support.ctl
data_dir = support.data_dir


def snapshot(index: FindingIndex) -> dict:
    return {
        name: {k: sorted(f.key for f in v) for k, v in getattr(index, name).items() if v}
        for name in ("cells", "rows", "related_cells", "related_rows", "fields")
    }


def test_a_problem_found_again_then_fixed_leaves_no_colour_behind(ctl):
    table = ctl.project.tables[T.GENERAL]
    kuan = next(r for r in table.subject_rows() if len(r.code) == 5)
    items = [r for r in table.subject_rows() if len(r.code) == 7 and r.code.startswith(kuan.code)]
    right = kuan.values[1]
    ctl.set_cells(T.GENERAL, [(kuan.key, 1, str(right + 5))])  # 款 ≠ sum of its 项 (H201)
    assert ctl.index.at_cell(T.GENERAL, kuan.key, 1)
    # Another figure of the same rows: the same H201 is found again, unchanged.
    ctl.set_cells(T.GENERAL, [(items[0].key, 2, str(items[0].values.get(2, 0)))])
    ctl.set_cells(T.GENERAL, [(items[0].key, 3, "1")])
    ctl.set_cells(T.GENERAL, [(kuan.key, 1, str(right))])  # fixed
    assert not [f for f in ctl.index.at_cell(T.GENERAL, kuan.key, 1) if f.rule == "H201"]
    fresh = FindingIndex()
    fresh.reset(ctl.findings())
    assert snapshot(ctl.index) == snapshot(fresh)


def test_autosum_after_typing_the_items_clears_every_mark(ctl):
    table = ctl.project.tables[T.INCOME]
    items = [r for r in table.subject_rows() if len(r.code) == 7]
    for r in items[:4]:  # typed one after the other, as the walk through 02 does
        for col in (1, 2):
            ctl.set_cells(T.INCOME, [(r.key, col, str(r.values.get(col, 0) + 1))])
    ctl.autosum([T.INCOME])
    fresh = FindingIndex()
    fresh.reset(ctl.findings())
    assert snapshot(ctl.index) == snapshot(fresh)
