"""The window's grid and the exported sheet are one printed shape: same headings, labels and cells."""

from __future__ import annotations

import pytest

from export.sheet_plan import plan_sheet
from model.layout import T
from tests import test_ui_support as support
from ui.grid.base import Amt, Label
from ui.grid.layouts import model_for

ctl = support.ctl
data_dir = support.data_dir


@pytest.mark.parametrize("variant", ["2023", "2020", "shanghai-2024"])
@pytest.mark.parametrize("layout", ["A", "B"])
def test_the_grid_shows_what_the_sheet_plan_prints(ctl, variant, layout):
    ctl.set_field("meta.variant", variant)
    ctl.set_field("meta.layout", layout)
    assert (ctl.project.meta.variant, ctl.project.meta.layout) == (variant, layout)
    for t in T:
        m = model_for(ctl, t)
        plan = plan_sheet(ctl.project, t)
        top, first = plan.header_rows[0], plan.data_rows[0]
        assert plan.header_rows[1] - top + 1 == m.header_levels, t
        for h in m.header_cells:
            assert plan.cells.get((top + h.level, 1 + h.col), "") == h.text, (t, h)
            if (h.rowspan, h.colspan) != (1, 1):
                r, c = top + h.level, 1 + h.col
                assert (r, c, r + h.rowspan - 1, c + h.colspan - 1) in plan.merges, (t, h)
        assert plan.data_rows[1] - first + 1 == m.rowCount(), t
        for r in range(m.rowCount()):
            for c in range(m.columnCount()):
                cell, at = m.cell(r, c), (first + r, 1 + c)
                if isinstance(cell, Amt):
                    assert at in plan.amount_cells, (t, r, c)
                    assert plan.cells.get(at) == ctl.project.tables[t].row(cell.key).values.get(cell.col), (t, r, c)
                elif isinstance(cell, Label):
                    assert str(plan.cells.get(at, "")) == cell.text, (t, r, c)
                else:
                    assert at not in plan.cells and at not in plan.amount_cells, (t, r, c)
        for r, c, rs, cs in m.spans:
            assert (first + r, 1 + c, first + r + rs - 1, c + cs) in plan.merges, t


def test_fiscal_prints_one_final_figure_heading_over_its_four_expense_columns(ctl):
    m = model_for(ctl, T.FISCAL)
    plan = plan_sheet(ctl.project, T.FISCAL)
    assert any(h.text == "决算数" and h.colspan == 4 for h in m.header_cells)
    assert plan.cells[(5, 6)] == "决算数" and (5, 6, 5, 9) in plan.merges
    assert [plan.cells[(6, c)] for c in (6, 7)] == ["小计", "一般公共预算财政拨款"]
    assert plan.cells[(7, 1)] == "栏次" and plan.data_rows[0] == 8


def test_the_variant_offered_in_the_form_is_every_template(ctl):
    from model.templates import choices
    from ui.pages.supplementary import META

    field = next(f for f in META.parts if getattr(f, "path", "") == "meta.variant")
    assert field.choices == choices() and "shanghai-2024" in dict(field.choices)
    ctl.set_field("meta.variant", "shanghai-2024")
    assert model_for(ctl, T.FUND).header_cells[0].text == "项目"
    assert ctl.project.tables[T.BASIC].row("31001") is not None  # the variant's 06 rows
