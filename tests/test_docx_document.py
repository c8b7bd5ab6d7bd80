"""The Word document's structure, read back with python-docx: fonts, page setup, parts, text seams."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from decimal import Decimal

import docx
import pytest
from docx.oxml.ns import qn

from checks.text.draft import DraftSection, draft_sections
from export import docx_document, docx_text
from export.docx_document import build_docx, cover_lines, write_docx
from model.layout import T
from model.project import DraftSegment, new_project
from model.sections import explanation_sections
from tests.seed_data import caidian_2024, qingshan_2023
from tests.support.synthetic import synthetic_project

TODAY = dt.date(2025, 6, 30)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(project) -> docx.document.Document:
    return docx.Document(io.BytesIO(build_docx(project, TODAY)))


@pytest.fixture(scope="module")
def caidian():
    return _open(caidian_2024())


def _texts(d) -> list[str]:
    return [p.text for p in d.paragraphs]


def _style_ids(d, style_id: str) -> list[str]:
    return [p.text for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.style == style_id]


def test_every_style_names_its_east_asian_font_and_no_theme_font_is_left(caidian):
    styles = caidian.styles.element
    assert not styles.xpath(".//w:rFonts[@w:eastAsiaTheme or @w:asciiTheme or @w:hAnsiTheme]")
    defaults = styles.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert defaults.get(qn("w:eastAsia")) == "仿宋_GB2312"
    every = styles.findall(qn("w:style"))
    assert len(every) > 15
    for st in every:
        fonts = st.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(qn("w:eastAsia")), st.get(qn("w:styleId"))

    def east_asia(sid):
        return styles.xpath(f"w:style[@w:styleId='{sid}']/w:rPr/w:rFonts/@w:eastAsia")[0]

    assert east_asia("Normal") == "仿宋_GB2312"
    assert caidian.styles["Normal"].font.size.pt == 16  # 三号
    assert east_asia("Heading1") == "方正小标宋简体"
    assert east_asia("Title") == "方正小标宋简体"
    assert east_asia("Heading2") == "黑体"
    assert east_asia("Heading3") == "楷体_GB2312"
    assert east_asia("TOC1") and east_asia("TOC2") and east_asia("Footer") and east_asia("TableText")
    assert caidian.styles["表格文字"].font.size.pt == 10.5  # 五号
    assert caidian.styles["表格文字（小五）"].font.size.pt == 9
    # The outline (navigation pane, 目录) comes from the headings' outline levels.
    for sid, level in (("Heading1", "0"), ("Heading2", "1"), ("TableTitle", "1"), ("Heading3", "2")):
        assert styles.xpath(f"w:style[@w:styleId='{sid}']/w:pPr/w:outlineLvl/@w:val") == [level]


def test_pages_are_a4_with_gongwen_margins_and_numbers_start_at_part_one(caidian):
    sections = caidian.sections
    assert len(sections) >= 2
    for s in sections:
        portrait = s.page_width < s.page_height
        assert {round(s.page_width.mm), round(s.page_height.mm)} == {210, 297}
        margins = [round(m.mm) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)]
        assert margins == ([37, 35, 28, 26] if portrait else [28, 26, 37, 35])
    cover = sections[0]
    assert cover._sectPr.find(qn("w:footerReference")) is None
    body = sections[1]
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert caidian.settings.odd_and_even_pages_header_footer
    for footer, jc in ((body.footer, "right"), (body.even_page_footer, "left")):
        p = footer.paragraphs[0]
        assert "PAGE" in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert p._p.pPr.jc_val is not None and p._p.pPr.jc_val.name.lower() == jc
    # Later sections keep counting: no restart after the first body section.
    assert all(s._sectPr.find(qn("w:pgNumType")) is None for s in sections[2:])


def test_parts_and_sections_are_in_order_with_the_cover_and_toc(caidian):
    texts = _texts(caidian)
    parts = _style_ids(caidian, "Heading1")
    assert [p[:4] for p in parts] == ["第一部分", "第二部分", "第三部分", "第四部分", "第五部分", "第六部分"]
    assert parts[0].endswith("中国共产党武汉市蔡甸区委员会办公室本级概况")
    assert parts[1].endswith("2024年度部门决算表")
    title = _style_ids(caidian, "Title")[0]
    assert title.replace("\n", "") == "2024年度中国共产党武汉市蔡甸区委员会办公室本级部门决算公开"
    assert "2025年6月30日" in texts
    heads = _style_ids(caidian, "Heading2")
    explanation = [f"{s.id}、{s.heading}" for s in explanation_sections("2023")]
    assert heads[:3] == ["一、部门主要职能", "二、机构设置情况", "三、部门人员构成"]
    assert heads[3:16] == explanation
    # The 目录 lists parts and sections as written (entries plus a TOC field Word can refresh).
    toc = _style_ids(caidian, "TOC1") + _style_ids(caidian, "TOC2")
    assert "一、收入支出决算总表" in toc and "十三、预算绩效情况说明" in toc and parts[4] in toc
    instr = "".join(t.text for t in caidian.element.body.iter(qn("w:instrText")))
    assert 'TOC \\o "1-2"' in instr
    anchors = {h.get(qn("w:anchor")) for h in caidian.element.body.iter(qn("w:hyperlink"))}
    names = {b.get(qn("w:name")) for b in caidian.element.body.iter(qn("w:bookmarkStart"))}
    assert anchors and anchors <= names


def test_overview_comes_from_units_and_staff(caidian):
    texts = _texts(caidian)
    assert "1.中国共产党武汉市蔡甸区委员会办公室本级（本级）" in texts
    assert "2.武汉市蔡甸区委总值班室" in texts
    assert any(t.startswith("中国共产党武汉市蔡甸区委员会办公室本级在职实有人数26人，其中：行政22人") for t in texts)
    assert "离退休人员7人，其中：离休0人，退休7人。" in texts
    assert "【待填写：部门主要职能】" in texts  # no text for 职能 in the seed project


def test_empty_sections_are_marked_not_invented_and_user_text_is_used():
    p = caidian_2024()
    p.text["一"] = "2024年度收、支总计均为1105.52万元。\n图1：收、支决算总计变动情况\n主要原因是【请填写原因】。"
    p.text["重点工作"] = "一、党委信息工作\n全年报送信息130余篇。\n序号\t重要事项\t完成情况\n1\t信息工作\t已完成"
    d = _open(p)
    texts = _texts(d)
    assert "2024年度收、支总计均为1105.52万元。" in texts
    assert not any(t.startswith("【待填写：收入支出决算总体情况说明") for t in texts)
    # 二 was left empty: it is drafted from the data, its reasons left as red placeholders
    drafted = draft_sections(p)["二"].text.splitlines()[0]
    assert drafted in texts and not any(t.startswith("【待填写：收入决算情况说明") for t in texts)
    # The caption line of the user's text is where 图1 goes; it is not printed twice.
    assert texts.count("图1：收、支决算总计变动情况") == 1
    i = texts.index("图1：收、支决算总计变动情况")
    assert d.paragraphs[i - 1]._p.xpath(".//w:drawing")
    gap = [r for r in d.element.body.iter(qn("w:r")) if "".join(t.text for t in r.iter(qn("w:t"))) == "【请填写原因】"]
    assert gap and gap[0].find(f"{W}rPr/{W}rStyle").get(qn("w:val")) == "ToFill"
    # 第四部分: a short 一、 line is a sub-heading outside the outline, tab lines a table.
    assert "一、党委信息工作" in _style_ids(d, "TextHeading")
    pasted = [t for t in d.tables if t.rows[0].cells[0].text == "序号"]
    assert pasted and [c.text for c in pasted[0].rows[1].cells] == ["1", "信息工作", "已完成"]


def test_drafting_fills_only_the_sections_left_empty(monkeypatch):
    p = caidian_2024()
    p.text["二"] = "用户写的收入说明。"

    def draft(project):
        return {
            s.id: DraftSection(s.id, [DraftSegment(id="x", text=f"草稿{s.id}")])
            for s in explanation_sections(project.meta.variant)
        }

    monkeypatch.setattr(docx_text, "draft_sections", draft)
    texts = _texts(_open(p))
    assert "草稿一" in texts and "草稿十三" in texts
    assert "用户写的收入说明。" in texts and "草稿二" not in texts
    monkeypatch.setattr(docx_text, "draft_sections", lambda project: {})
    texts = _texts(_open(p))
    assert "草稿一" not in texts and any(t.startswith("【待填写：收入支出决算总体情况说明") for t in texts)


def test_variant_2020_swaps_sections_and_tables():
    p = synthetic_project(n_items=8, seed=4, variant="2020", layout="B", year=2021)
    d = _open(p)
    heads = _style_ids(d, "Heading2")
    assert "七、一般公共预算财政拨款“三公”经费支出决算情况说明" in heads
    assert "八、政府性基金预算财政拨款收入支出决算情况说明" in heads
    titles = _style_ids(d, "TableTitle")
    assert titles[6] == "2021年度一般公共预算财政拨款“三公”经费支出决算表"
    assert titles[7] == "2021年度政府性基金预算财政拨款收入支出决算表"
    toc = _style_ids(d, "TOC2")
    assert "七、一般公共预算财政拨款“三公”经费支出决算表" in toc


def test_four_charts_with_captions(caidian):
    texts = _texts(caidian)
    for caption in (
        "图1：收、支决算总计变动情况",
        "图2：收入决算结构",
        "图3：支出决算结构",
        "图4：财政拨款收、支决算总计变动情况",
    ):
        assert texts.count(caption) == 1
    assert len(caidian.inline_shapes) == 4
    assert all(round(s.width.cm, 1) == 14.5 for s in caidian.inline_shapes)


def test_annex_lists_performance_self_evaluation(caidian):
    tables = [t for t in caidian.tables if t.rows[0].cells[0].text == "序号" and len(t.columns) == 6]
    rows = [[c.text for c in r.cells] for r in tables[-1].rows[1:]]
    assert rows[0] == ["1", "督办、文印、宣传、国家安全阵地建设及信息化", "31.33", "31.33", "100.00%", "100.00"]
    assert len(rows) == 3
    whole = [t for t in caidian.tables if t.rows[0].cells[0].text == "部门名称"][0]
    assert [c.text for c in whole.rows[1].cells][3:6] == ["1,105.52", "1,105.52", "100.00%"]


def test_empty_fund_table_gets_its_sentence_unless_the_department_wrote_one():
    p = synthetic_project(n_items=8, seed=4, with_fund=False)
    texts = _texts(_open(p))
    assert "本部门当年无政府性基金预算财政拨款收入支出。" in texts
    q = qingshan_2023()  # the department's own sentence, imported as the table's note
    texts = _texts(_open(q))
    third = max(i for i, t in enumerate(texts) if t.startswith("第三部分"))  # the heading, not the 目录 line
    tables_part = texts[:third]
    assert tables_part.count("本部门当年无政府性基金预算财政拨款收入支出。") == 1


def test_cover_title_breaks_between_words():
    assert cover_lines(2024, "中国共产党武汉市蔡甸区委员会办公室本级") == [
        "2024年度",
        "中国共产党武汉市蔡甸区委员会办公室本级",
        "部门决算公开",
    ]
    assert cover_lines(2023, "中共武汉市青山区委办公室") == ["2023年度中共武汉市青山区委办公室", "部门决算公开"]
    assert cover_lines(2023, "某局") == ["2023年度某局部门决算公开"]


def test_text_with_control_characters_still_makes_a_valid_document():
    p = caidian_2024()
    p.text["概况.职能"] = "1.负责\x0b区委\x07日常工作。"
    texts = _texts(_open(p))
    assert "1.负责区委日常工作。" in texts


def test_write_is_atomic_and_a_failure_leaves_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "决算公开.docx"
    write_docx(caidian_2024(), out, TODAY)
    first = out.read_bytes()
    assert docx.Document(io.BytesIO(first)).paragraphs

    def broken(_chart):
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(docx_document, "render_png", broken)
    with pytest.raises(RuntimeError):
        write_docx(caidian_2024(), out, TODAY)
    assert out.read_bytes() == first
    assert [f.name for f in tmp_path.iterdir()] == [out.name]


def test_export_command_writes_the_document(tmp_path):
    from tests.seed_data import SAMPLE_2023

    out = tmp_path / "out.docx"
    run = subprocess.run(
        [sys.executable, "main.py", "export", str(SAMPLE_2023), "--docx", str(out)],
        capture_output=True,
        text=True,
        cwd=docx_document.__file__.rsplit("/export/", 1)[0],
    )
    assert run.returncode == 0, run.stderr
    d = docx.Document(str(out))
    assert "2023年度收入支出决算总表" in _style_ids(d, "TableTitle")


def test_check_path_and_export_modules_do_not_import_qt():
    code = (
        "import sys, export.docx_document, export.export_command, checks.check_command\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_amounts_in_running_text_tables_are_grouped_with_two_decimals(caidian):
    t01 = caidian.tables[0]
    assert t01.rows[0].cells[0].text == "收入"
    values = {c.text for r in t01.rows for c in r.cells}
    assert {"1,105.52", "859.36", "109.37", "43.50", "93.29"} <= values
    assert not any(re.fullmatch(r"\d+\.\d$", v) for v in values)


def test_invalid_cell_keeps_what_the_user_typed():
    p = caidian_2024()
    row = p.tables[T.GENERAL].row("2013101")
    row.values.pop(1)
    row.invalid[1] = "760.2六"
    d = _open(p)
    cells = {c.text for t in d.tables for r in t.rows for c in r.cells}
    assert "760.2六" in cells
    assert Decimal("760.26") == p.tables[T.GENERAL].row("2013101").values[2]


def test_a_new_empty_project_exports_with_gaps_marked():
    d = _open(new_project("某局", 2022))
    texts = _texts(d)
    assert len(_style_ids(d, "TableTitle")) == 9
    assert "2022年度某局部门决算公开" in _style_ids(d, "Title")
    gaps = [t for t in texts if t.startswith("【待填写：")]
    # what no data can say stays to be written; 第三部分 is drafted from the (empty) tables
    assert any("部门主要职能" in t for t in gaps) and any("重点工作" in t for t in gaps)
    assert not any("情况说明" in t for t in gaps)
    assert len(d.inline_shapes) == 4  # the charts say there are no figures rather than being left out
