"""图1–图4: the figures they show, and the pictures drawn (no fake bar for an unknown year)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from export.docx_charts import LAST_YEAR_COLOR, THIS_YEAR_COLOR, BarChart, PieChart, chart_specs, nice_step, render_png
from model.layout import T
from tests.seed_data import caidian_2024


@pytest.fixture
def project():
    return caidian_2024()


def test_bar_charts_compare_last_year_with_the_tables(project):
    specs = chart_specs(project)
    assert specs["一"] == BarChart(1, "收、支决算总计变动情况", (("2023年度", D("990.75")), ("2024年度", D("1105.52"))))
    assert specs["四"].bars == (("2023年度", D("990.24")), ("2024年度", D("1105.52")))
    project.tables[T.SUMMARY].row("i_grand").values[1] = D("1200.00")
    assert chart_specs(project)["一"].bars[1][1] == D("1200.00")


def test_pies_split_income_by_source_and_expense_into_basic_and_project(project):
    specs = chart_specs(project)
    income, expense = specs["二"], specs["三"]
    assert isinstance(income, PieChart)
    assert income.slices == (("财政拨款收入", D("1105.52")),)
    assert expense.slices == (("基本支出", D("1015.00")), ("项目支出", D("90.51")))
    assert expense.share(D("1015.00")) == D("91.8") and expense.share(D("90.51")) == D("8.2")
    project.tables[T.INCOME].row("total").values[7] = D("10.00")
    assert chart_specs(project)["二"].slices[-1] == ("其他收入", D("10.00"))


def test_income_pie_falls_back_to_table_01_when_02_is_empty(project):
    project.tables[T.INCOME].row("total").values.clear()
    project.tables[T.SUMMARY].row("i5").values[1] = D("50.00")
    assert chart_specs(project)["二"].slices == (("财政拨款收入", D("1105.52")), ("事业收入", D("50.00")))


def test_axis_steps_are_round():
    assert nice_step(1105.52) == 250
    assert nice_step(90) == 20
    assert nice_step(0) == 1


def _image(png: bytes):
    from PySide6.QtGui import QImage

    img = QImage()
    assert img.loadFromData(png, "PNG")
    return img


def _count(img, color: str, x0: int, x1: int) -> int:
    from PySide6.QtGui import QColor

    target = QColor(color).rgb()
    return sum(1 for x in range(x0, x1, 4) for y in range(0, img.height(), 4) if img.pixel(x, y) == target)


def test_drawn_bars_and_no_bar_for_an_unknown_year(qapp, project):
    chart = chart_specs(project)["一"]
    img = _image(render_png(chart))
    assert (img.width(), img.height()) == (1500, 700)
    half = img.width() // 2
    assert _count(img, LAST_YEAR_COLOR, 0, half) > 100
    assert _count(img, THIS_YEAR_COLOR, half, img.width()) > 100
    project.supplementary.last_year.grand_total = None
    missing = chart_specs(project)["一"]
    assert missing.bars[0][1] is None
    img = _image(render_png(missing))
    assert _count(img, LAST_YEAR_COLOR, 0, half) == 0
    # …but a message in red where the bar would be.
    assert _count(img, "#C00000", 0, half) > 0


def test_drawn_pie_has_a_slice_per_source(qapp, project):
    from export.docx_charts import PALETTE

    img = _image(render_png(chart_specs(project)["三"]))
    assert _count(img, PALETTE[0], 0, img.width()) > 1000
    assert _count(img, PALETTE[1], 0, img.width()) > 50
    empty = _image(render_png(PieChart(2, "收入决算结构", ())))
    assert _count(empty, PALETTE[0], 0, empty.width()) == 0
