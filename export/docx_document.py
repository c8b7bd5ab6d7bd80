"""The whole disclosure document as Word (.docx), in 公文 format (GB/T 9704-2012).

Cover, 目录, then 第一部分 概况, 第二部分 the nine tables, 第三部分 情况说明 (with 图1–图4),
第四部分 重点工作, 第五部分 名词解释, 第六部分 附件 (document.md). Page numbers start at
第一部分. ``write_docx`` is what ``main.py export --docx`` and the window's 导出Word call.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from export.docx_charts import Chart, caption, chart_specs, render_png
from export.docx_glossary import glossary_lines
from export.docx_parts import has_performance, staff_lines, units_lines, write_performance
from export.docx_tables import add_plan_table, choose_layout, estimate_pages, text_em
from export.docx_text import free_text, section_texts
from export.docx_writer import DocWriter, break_run, text_run
from export.sheet_plan import plan_sheet
from model.fields import group
from model.fileio import write_atomic
from model.layout import chinese_ordinal, table_order, title
from model.project import Project
from model.sections import GLOSSARY, KEY_WORK, OVERVIEW, explanation_sections

# Charts print 14.5 cm wide inside the 15.6 cm 版心, keeping their drawn proportions.
CHART_WIDTH = round(14.5 / 2.54 * 1440)
SPACE = "\u3000"  # between 第X部分 and its name, as printed
PART_HEADING = 1700  # twips: 第二部分's two-line heading, above the first table on its page
COVER_LINE_EM = 20  # 二号 characters in the 156 mm 版心
COVER_TOP, COVER_GAP = 3400, 5200  # twips above the cover title, and between it and the date


def write_docx(project: Project, path: str | os.PathLike[str], today: dt.date | None = None) -> None:
    """Save atomically: a crash while saving leaves the previous file as it was."""
    write_atomic(Path(path), build_docx(project, today))


def build_docx(project: Project, today: dt.date | None = None) -> bytes:
    w = DocWriter()
    _properties(w, project)
    texts = section_texts(project)
    _cover(w, project, today or dt.date.today())
    w.new_page()
    w.paragraph("目　　录", style="TOCHeading")
    w.toc_here()
    w.start_numbering()
    _overview(w, project, texts)
    _tables(w, project)
    _explanation(w, project, texts)
    _key_work(w, project, texts)
    _glossary(w, project, texts)
    _annex(w, project)
    w.write_toc()
    return w.save()


def _properties(w: DocWriter, project: Project) -> None:
    props = w.doc.core_properties
    props.title = _document_title(project)
    props.author = project.meta.department
    props.language = "zh-CN"
    props.comments = "决算公开编报助手导出"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props.created = props.modified = now


def _document_title(project: Project) -> str:
    return f"{project.meta.year}年度{project.meta.department}部门决算公开"


def cover_lines(year: int, department: str, per_line: float = COVER_LINE_EM) -> list[str]:
    """The cover title in as few, as even lines as fit; lines break between 年度, the department's
    name and 部门决算公开, never inside a word."""
    pieces = [f"{year}年度", department, "部门决算公开"]
    options = [[pieces[0] + pieces[1] + pieces[2]], [pieces[0], pieces[1] + pieces[2]]]
    options += [[pieces[0] + pieces[1], pieces[2]], pieces]
    fitting = [o for o in options if all(text_em(line) <= per_line for line in o)] or [pieces]
    return min(fitting, key=lambda o: (len(o), max(text_em(line) for line in o)))


def _cover(w: DocWriter, project: Project, today: dt.date) -> None:
    lines = cover_lines(project.meta.year, project.meta.department)
    runs = []
    for i, line in enumerate(lines):
        if i:
            runs.append(break_run())
        runs.append(text_run(line))
    w.paragraph(style="Title", runs=runs, space_before=COVER_TOP)
    w.paragraph(f"{today.year}年{today.month}月{today.day}日", style="CoverDate", space_before=COVER_GAP)


def _part(w: DocWriter, number: int, name: str, space_before: int = 0) -> None:
    w.heading(f"第{chinese_ordinal(number)}部分{SPACE}{name}", 1, space_before=space_before)


def _overview(w: DocWriter, project: Project, texts: dict[str, str]) -> None:
    _part(w, 1, f"{project.meta.department}概况")
    generated = {"概况.机构": units_lines(project), "概况.人员": staff_lines(project)}
    # Where the data that writes a section is entered, for a section left to fill.
    units, staff = group("units"), group("supplementary.staff")
    hints = {
        "概况.机构": f"（或在“{units.title if units else ''}”中填写本级和下属单位）",
        "概况.人员": f"（或在“{staff.title if staff else ''}”中填写人数）",
    }
    for i, section in enumerate(OVERVIEW, 1):
        w.heading(f"{chinese_ordinal(i)}、{section.heading}", 2)
        if section.id in texts:
            free_text(w, texts[section.id], section.heading)
        elif generated.get(section.id):
            for line in generated[section.id]:
                w.paragraph(line)
        else:
            w.to_fill(section.heading + hints.get(section.id, ""))


def _tables(w: DocWriter, project: Project) -> None:
    m = project.meta
    heading = f"{m.department}{m.year}年度部门决算表"
    for i, t in enumerate(table_order(m.variant), 1):
        plan = plan_sheet(project, t)
        layout = choose_layout(plan)
        own_page = False
        if i == 1:
            # The part's heading shares the first table's page, unless it pushes the table onto one more.
            shared = choose_layout(plan, PART_HEADING)
            own_page = estimate_pages(plan, shared, PART_HEADING) > estimate_pages(plan, layout)
            if own_page:
                w.new_page()
                _part(w, 2, heading, space_before=COVER_TOP)
            else:
                layout = shared
        w.new_page(layout.landscape)
        if i == 1 and not own_page:
            _part(w, 2, heading)
        add_plan_table(w, plan, layout, f"{chinese_ordinal(i)}、{title(t, m.variant)}")
    w.new_page(landscape=False)


def _explanation(w: DocWriter, project: Project, texts: dict[str, str]) -> None:
    m = project.meta
    _part(w, 3, f"{m.department}{m.year}年度部门决算情况说明")
    charts = chart_specs(project)
    for section in explanation_sections(m.variant):
        w.heading(f"{section.id}、{section.heading}", 2)
        chart = charts.get(section.id)
        drawn = []

        def place(n: int, chart: Chart | None = chart, drawn: list = drawn) -> bool:
            if chart is None or chart.number != n or drawn:
                return False
            _chart(w, chart)
            drawn.append(n)
            return True

        if section.id in texts:
            free_text(w, texts[section.id], section.heading, place)
        else:
            w.to_fill(f"{section.heading}（主要原因等需由单位填写）")
        if chart is not None and not drawn:
            _chart(w, chart)


def _chart(w: DocWriter, chart: Chart) -> None:
    from export.docx_charts import HEIGHT_PX, WIDTH_PX

    w.picture(render_png(chart), CHART_WIDTH, round(CHART_WIDTH * HEIGHT_PX / WIDTH_PX))
    w.paragraph(caption(chart), style="Caption")


def _key_work(w: DocWriter, project: Project, texts: dict[str, str]) -> None:
    w.new_page()
    _part(w, 4, f"{project.meta.year}年度{KEY_WORK.heading}")
    if KEY_WORK.id in texts:
        free_text(w, texts[KEY_WORK.id], KEY_WORK.heading)
    else:
        w.to_fill(f"{KEY_WORK.heading}（可含“序号、重要事项、工作内容及目标、完成情况”表）")


def _glossary(w: DocWriter, project: Project, texts: dict[str, str]) -> None:
    w.new_page()
    _part(w, 5, GLOSSARY.heading)
    for line in glossary_lines(project, texts.get(GLOSSARY.id, "")):
        runs = [text_run(line.text)] if line.text else []
        if line.gap:
            runs.append(text_run(f"【待填写：{line.gap}】", "ToFill"))
        w.paragraph(runs=runs)


def _annex(w: DocWriter, project: Project) -> None:
    w.new_page()
    _part(w, 6, "附件")
    if has_performance(project):
        write_performance(w, project)
    else:
        w.to_fill("绩效自评表（在“预算绩效”中填写部门整体和项目自评结果）")
