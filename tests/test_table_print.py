"""打印: the nine tables printed through the window's print path into a PDF — A4 landscape, 01 on
one page, headings repeated on every page of a longer table, the CJK fonts embedded — at the
largest size that keeps the fewest pages a readable size allows; the preview and the remembered
打印设置. The PDFs are left in build/test-output/print/ for a person to look at."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from export.sheet_plan import plan_sheet
from export.table_print import FONT_PT, MIN_FONT_PT, TablePainter
from model.layout import T, table_order
from model.loader import load_input
from model.resources import resource_path
from tests.support.outputs import output_dir
from tests.support.synthetic import synthetic_project

pytestmark = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdffonts")), reason="needs poppler")
SAMPLE = resource_path("samples", "2024-蔡甸区委办公室.jsgk")


@pytest.fixture
def settings_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("JSGK_DATA_DIR", str(tmp_path / "appdata"))


def print_pdf(project, path, tables=None) -> list[int]:
    from ui.table_print import make_printer, print_to

    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return print_to(printer, project, tables)


def pages_text(pdf) -> list[str]:
    """Each page's text in the order it is drawn (a wrapped heading's lines together), spaces aside."""
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return ["".join(p.split()) for p in text.split("\f") if p.strip()]


def test_the_nine_tables_of_the_sample_print_one_page_each_like_the_published_seed(qapp, settings_dir):
    project = load_input(SAMPLE).project
    pdf = output_dir("print") / "sample-nine-tables.pdf"
    counts = print_pdf(project, pdf)
    # Seed 001 (the same department, published) prints each of its nine tables on one page.
    assert counts == [1] * 9
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           9" in info and "842 x 595" in info  # A4 landscape, in points
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line or "Sim" in line or "Song" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), fonts  # embedded
    pages = pages_text(pdf)
    m = project.meta
    for page, t in zip(pages, table_order(m.variant), strict=True):
        plan = plan_sheet(project, t)
        assert plan.cells[(1, 1)] in page and f"公开{plan.name[2:4]}表" in page
        assert f"部门：{m.department}" in page and "金额单位：万元" in page
        assert "第1页，共1页" in page
        for (r, _c), v in plan.cells.items():  # every heading and every figure of the plan is printed
            if plan.header_rows[0] <= r <= plan.data_rows[1] and str(v).strip():
                assert "".join(str(v).split()) in page or v.__class__.__name__ == "Decimal", (plan.name, v)
    assert "1,105.52" in pages[0]
    (output_dir("print") / "sample-page-counts.txt").write_text(
        "".join(f"{plan_sheet(project, t).name}: {n}\n" for t, n in zip(table_order(m.variant), counts, strict=True)),
        encoding="utf-8",
    )


def test_a_long_table_repeats_its_headings_on_every_page(qapp, settings_dir):
    project = synthetic_project(n_items=60, seed=5)
    pdf = output_dir("print") / "large-department-02.pdf"
    (count,) = print_pdf(project, pdf, [T.INCOME])
    pages = pages_text(pdf)
    assert count == len(pages) >= 2
    for i, page in enumerate(pages):
        assert "功能分类科目编码" in page and "科目名称" in page and "附属单位上缴收入" in page and "栏次" in page
        assert f"第{i + 1}页，共{count}页" in page
        assert ("（续）" in page) == (i > 0)
    codes = [r.code for r in project.tables[T.INCOME].subject_rows()]
    joined = "".join(pages)
    assert all(code in joined for code in codes)  # no line lost between pages
    assert "注：" in pages[-1] and "注：" not in pages[0]


def test_the_size_is_the_largest_with_the_fewest_readable_pages(qapp):
    painter = TablePainter((820.0, 560.0))
    least = MIN_FONT_PT / FONT_PT
    for project in (load_input(SAMPLE).project, synthetic_project(n_items=60, seed=5)):
        for t in table_order(project.meta.variant):
            plan = plan_sheet(project, t)
            fitted = painter.fit(plan)
            smallest = painter.layout(plan, least)
            assert least <= fitted.scale <= 1.0
            assert len(fitted.pages) == len(smallest.pages)  # as few pages as any readable size gives
            if fitted.scale < 1.0:  # and no larger size would give as few
                bigger = painter.layout(plan, min(1.0, fitted.scale * 1.03))
                assert bigger is None or len(bigger.pages) > len(fitted.pages), (plan.name, fitted.scale)


def test_the_page_setup_is_remembered(qapp, settings_dir):
    from ui.table_print import make_printer, remember

    printer = make_printer()
    layout = printer.pageLayout()
    assert layout.orientation() == QPageLayout.Orientation.Landscape
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A3),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 15, 20, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    remember(printer)
    again = make_printer().pageLayout()
    assert again.pageSize().id() == QPageSize.PageSizeId.A3
    assert again.orientation() == QPageLayout.Orientation.Portrait
    assert round(again.margins(QPageLayout.Unit.Millimeter).left()) == 20


def test_ctrl_p_previews_the_current_table_and_all_nine_on_request(qapp, qtbot, settings_dir, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from ui import table_print
    from ui.main_window import MainWindow

    w = MainWindow(recovery=False)
    qtbot.addWidget(w)
    w.open_sample()
    w.show_page(f"table.{T.GENERAL}")
    assert w.act_print.shortcut().toString() == "Ctrl+P"
    shown = []

    def exec_(dialog):
        dialog.show()
        QApplication.processEvents()
        shown.append((dialog.scope.currentText(), list(dialog.counts)))
        dialog.scope.setCurrentIndex(1)
        QApplication.processEvents()
        shown.append((dialog.scope.currentText(), list(dialog.counts)))
        assert re.fullmatch(r"\s*共 9 页", dialog.pages.text())
        dialog.close()
        return 0

    monkeypatch.setattr(table_print.TablePreview, "exec", exec_)
    w.act_print.trigger()
    assert shown == [("当前表（公开05表）", [1]), ("全部九张表", [1] * 9)]
    w.ctl.undo_stack.setClean()
    w.ctl.close()
