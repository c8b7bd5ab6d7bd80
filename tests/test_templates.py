"""Template files and the printed shapes built from them (resources/templates/, model/sheets.py).

A further template is a data file: the one written here prints like a province that numbers no
行次, prints 24 classes, puts 05's 合计 last, lists 06 in two column groups, gives 08 income
columns and interleaves 09's 预算数 and 决算数 — and the project, its shapes and its sheets follow
without a line of code.
"""

from __future__ import annotations

import json
import shutil

import pytest

from export.sheet_plan import plan_sheet
from model import catalog, layout, sheets, templates
from model.fileio import load_project, save_project
from model.layout import T, columns, row_number, table_order, title
from model.project import TOTAL, new_project
from model.resources import resource_path
from model.sheets import Amt, HeadCell, Label, heading, table_shape
from model.templates import TemplateError, template

PROVINCE = "province-test"


def _clear_caches() -> None:
    for f in (
        templates.variants,
        templates.template,
        sheets.heading,
        catalog.economic_groups,
        catalog.economic_names,
        layout.columns,
        layout.fixed_rows,
        layout.row_number,
        layout.fixed_row,
    ):
        f.cache_clear()


@pytest.fixture
def template_dir(tmp_path, monkeypatch):
    """The bundled templates in a folder of the test's own, to which a test adds files."""
    folder = tmp_path / "templates"
    shutil.copytree(resource_path("templates"), folder)
    real = templates.resource_path
    monkeypatch.setattr(
        templates,
        "resource_path",
        lambda *parts: folder.joinpath(*parts[1:]) if parts[0] == "templates" else real(*parts),
    )
    _clear_caches()
    yield folder
    monkeypatch.undo()
    _clear_caches()


def _add(folder, spec: dict) -> str:
    (folder / f"{spec['id']}.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    _clear_caches()
    return spec["id"]


def _province() -> dict:
    classes = [c for c in template("2023").classes if c[0] not in ("231", "232")]
    items = [f"i{i}" for i in range(1, 9)]
    three = []
    for budget, final, parts in (
        (1, 7, ("合计", "合计")),
        (2, 8, ("因公出国（境）费", "因公出国（境）费")),
        (3, 9, ("公务用车购置及运行维护费", "小计")),
        (4, 10, ("公务用车购置及运行维护费", "公务用车购置费")),
        (5, 11, ("公务用车购置及运行维护费", "公务用车运行维护费")),
        (6, 12, ("公务接待费", "公务接待费")),
    ):
        for col, kind in ((budget, "预算数"), (final, "决算数")):
            three.append({"col": col, "heading": ["财政拨款“三公”经费", *parts, kind]})

    def side(block: str, amount_headings: list[tuple[int, list[str]]]) -> list[dict]:
        label = {"block": block, "holds": "label", "heading": [amount_headings[0][1][0], "项目"]}
        return [label] + [{"block": block, "col": col, "heading": h} for col, h in amount_headings]

    fund_rows = ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    return {
        "id": PROVINCE,
        "extends": "2023",
        "label": "测试省2024版",
        "order": ["summary", "income", "expense", "fiscal", "general", "basic", "three", "fund", "soe"],
        "classes": classes,
        "tables": {
            "summary": {
                "columns": side("income", [(1, ["收入", "决算数"])]) + side("expense", [(2, ["支出", "决算数"])]),
                "lines": {
                    "income": [*items, {"blank": 16}, "i_total", "i_surplus", "i_begin", "i_grand"],
                    "expense": ["classes", "e_total", "e_dist", "e_end", "e_grand"],
                },
            },
            "fiscal": {
                "columns": side("income", [(1, ["收入", "决算数"])])
                + side("expense", [(2 + i, ["支出", h]) for i, h in enumerate(["合计", *fund_rows])]),
                "rows": {
                    **{f"i{i}": f"{n}、{name}" for i, (n, name) in enumerate(zip("一二三", fund_rows, strict=True), 1)},
                    "i_total": {"label": "本年收入合计", "style": "total"},
                    "i_begin": "年初财政拨款结转和结余",
                    **{
                        f"i_begin{i}": f"{n}、{name}"
                        for i, (n, name) in enumerate(zip("一二三", fund_rows, strict=True), 1)
                    },
                    "i_grand": {"label": "总计", "style": "total"},
                    "e_total": {"label": "本年支出合计", "style": "total"},
                    "e_end": "年末财政拨款结转和结余",
                    "e_grand": {"label": "总计", "style": "total"},
                },
                "lines": {
                    "income": [
                        "i1",
                        "i2",
                        "i3",
                        {"blank": 21},
                        "i_total",
                        "i_begin",
                        "i_begin1",
                        "i_begin2",
                        "i_begin3",
                        "i_grand",
                    ],
                    "expense": ["classes", "e_total", "e_end", {"blank": 3}, "e_grand"],
                },
            },
            "general": {"total": "last"},
            "basic": {
                "title": "一般公共预算财政拨款基本支出决算表",
                "columns": [
                    column
                    for b in ("left", "right")
                    for column in (
                        {"block": b, "holds": "code", "heading": ["经济分类科目编码"]},
                        {"block": b, "holds": "name", "heading": ["科目名称"]},
                        {"block": b, "col": 1, "heading": ["决算数"]},
                    )
                ],
                "groups": {
                    "301": {"kind": "personnel", "items": ["30101", "30102"]},
                    "303": {"kind": "personnel", "items": ["30301"]},
                    "302": {"kind": "public", "items": ["30201", "30299"]},
                    "310": {"kind": "public", "items": ["31001", "31002", "31019", "31099"]},
                },
                "lines": {"left": ["301", "303"], "right": ["302", "310"]},
                "footer": [
                    {"label": "人员经费合计", "key": "personnel_total", "span": 2},
                    {"key": "personnel_total", "col": 1},
                    {"label": "公用经费合计", "key": "public_total", "span": 2},
                    {"key": "public_total", "col": 1},
                ],
            },
            "soe": {
                "title": "国有资本经营预算财政拨款收入支出决算表",
                "columns": [
                    {"holds": "code", "heading": ["项目", "功能分类科目编码"], "number": "类 款 项"},
                    {"holds": "name", "heading": ["项目", "科目名称"], "number": "栏次"},
                    {"col": 4, "heading": ["年初结转和结余"], "number": "1"},
                    {"col": 5, "heading": ["本年收入"], "number": "2"},
                    {"col": 1, "heading": ["本年支出", "合计"], "number": "3"},
                    {"col": 2, "heading": ["本年支出", "基本支出"], "number": "4"},
                    {"col": 3, "heading": ["本年支出", "项目支出"], "number": "5"},
                    {"col": 6, "heading": ["年末结转和结余"], "number": "6"},
                ],
                "absent": "本部门本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。",
            },
            "three": {"title": "财政拨款“三公”经费支出决算表", "columns": three},
        },
    }


@pytest.fixture
def province(template_dir):
    return _add(template_dir, _province())


def _texts(shape, r: int) -> list[str | None]:
    return [c.text if isinstance(c, Label) else None for c in shape.lines[r]]


def test_a_template_file_is_a_variant_a_project_can_hold_and_save(province, tmp_path):
    p = new_project("测试局", 2024, province, "A")
    assert table_order(province)[6] is T.THREE and title(T.BASIC, province) == "一般公共预算财政拨款基本支出决算表"
    summary = p.tables[T.SUMMARY]
    assert summary.row("c234") is not None and summary.row("c231") is None  # 24 classes
    assert p.tables[T.BASIC].row("31001") is not None and p.tables[T.BASIC].row("30103") is None
    save_project(p, tmp_path / "p.jsgk")
    assert load_project(tmp_path / "p.jsgk").meta.variant == province


def test_sides_without_row_numbers_align_the_totals(province):
    p = new_project("测试局", 2024, province, "A")
    shape = table_shape(p, T.SUMMARY)
    assert [c.holds for c in shape.columns] == ["label", "amount", "label", "amount"]
    assert shape.levels == 2 and all(h.level < 2 for h in shape.header)  # no 栏次 line
    assert len(shape.lines) == 28
    assert _texts(shape, 23) == [None, None, "二十四、抗疫特别国债安排的支出", None]
    assert _texts(shape, 24) == ["本年收入合计", None, "本年支出合计", None] and shape.styles[24] == "total"
    assert shape.lines[24][1] == Amt("i_total", 1) and shape.lines[24][3] == Amt("e_total", 2)
    # The lines are still numbered in order for the checks' wording, as if 行次 were printed.
    assert row_number(T.SUMMARY, "A", "e_total", province) == 28 + 25

    # 04: the funds of 年初 listed under it, nothing beside them under 年末, 总计 beside 总计.
    fiscal = table_shape(p, T.FISCAL)
    assert len(fiscal.lines) == 30
    assert _texts(fiscal, 25) == ["年初财政拨款结转和结余", None, "年末财政拨款结转和结余", None, None, None, None]
    assert _texts(fiscal, 26) == ["一、一般公共预算财政拨款", None, None, None, None, None, None]
    assert fiscal.lines[26][1] == Amt("i_begin1", 1) and fiscal.lines[26][3:] == [None] * 4
    assert _texts(fiscal, 29) == ["总计", None, "总计", None, None, None, None]
    assert p.tables[T.FISCAL].row("e_end1") is None


def test_total_last_and_income_columns_printed_in_their_own_order(province):
    p = new_project("测试局", 2024, province, "A")
    p.tables[T.GENERAL].add_subject("201", "一般公共服务支出")
    general = table_shape(p, T.GENERAL)
    assert general.lines[-1][1] == Label("合计", TOTAL, "center") and general.styles[-1] == "total"
    assert general.lines[0][0] == Label("201", "201")

    soe = columns(T.SOE, province)
    assert [(c.no, c.printed) for c in soe] == [(4, "1"), (5, "2"), (1, "3"), (2, "4"), (3, "5"), (6, "6")]
    assert next(c for c in soe if c.no == 1).group == "本年支出"
    shape = table_shape(p, T.SOE)
    assert shape.absent.startswith("本部门本年度没有国有资本经营")
    assert [c.col for c in shape.columns if c.holds == "amount"] == [4, 5, 1, 2, 3, 6]


def test_economic_groups_in_two_column_groups_with_their_footer(province):
    p = new_project("测试局", 2024, province, "A")
    assert [(g.code, g.column) for g in catalog.economic_groups(province)] == [
        ("301", 1),
        ("303", 1),
        ("302", 2),
        ("310", 2),
    ]
    shape = table_shape(p, T.BASIC)
    assert len(shape.lines) == 8 + 1  # 302 and its 2 items, 310 and its 4, beside 301/303; the footer
    assert shape.lines[4][3:5] == [Label("31001", "31001"), Label("房屋建筑物购建", "31001", indent=1)]
    assert shape.spans == [(8, 0, 1, 2), (8, 3, 1, 2)]
    assert shape.lines[8][2] == Amt("personnel_total", 1) and shape.lines[8][5] == Amt("public_total", 1)


def test_headings_stacked_in_a_column_merge_down(province):
    cells = set(heading(province, T.THREE))
    assert HeadCell(0, 0, "财政拨款“三公”经费", 1, 12, "财政拨款“三公”经费") in cells
    assert HeadCell(1, 0, "合计", 2, 2, "合计") in cells
    assert HeadCell(1, 4, "公务用车购置及运行维护费", 1, 6, "公务用车购置及运行维护费") in cells
    assert HeadCell(2, 4, "小计", 1, 2, "小计") in cells
    assert {(h.level, h.col, h.text) for h in cells if h.level == 3} >= {(3, 0, "预算数"), (3, 1, "决算数")}
    plan = plan_sheet(new_project("测试局", 2024, province, "A"), T.THREE)
    assert plan.header_rows == (4, 7) and plan.data_rows == (8, 8)  # four heading lines, no 栏次 line


def test_every_table_of_the_new_template_lays_out_on_a_sheet(province):
    p = new_project("测试局", 2024, province, "B")
    for t in table_order(province):
        plan = plan_sheet(p, t)
        assert plan.cells[(1, 1)] == f"2024年度{title(t, province)}"
        assert plan.data_rows[0] == plan.header_rows[1] + 1


def test_the_bundled_headings_are_those_printed():
    three = set(heading("2023", T.THREE))
    assert {
        (0, 0, "预算数", 1, 6),
        (1, 0, "合计", 2, 1),
        (1, 2, "公务用车购置及运行维护费", 1, 3),
        (2, 2, "小计", 1, 1),
        (3, 11, "12", 1, 1),
    } <= {(h.level, h.col, h.text, h.rowspan, h.colspan) for h in three}
    fiscal = {(h.level, h.col, h.text, h.rowspan, h.colspan): h.wrapped for h in heading("2023", T.FISCAL)}
    assert fiscal[(1, 5, "决算数", 1, 4)] == "决算数" and fiscal[(1, 0, "项目", 2, 1)] == "项目"
    # Only a heading over one column takes the printed line break.
    assert fiscal[(2, 6, "一般公共预算财政拨款", 1, 1)] == "一般公共预算\n财政拨款"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda s: s.update(order=s["order"][:8]), "order 应列出九张表"),
        (
            lambda s: s["tables"]["summary"].update(lines={"income": ["i1", "nope"], "expense": ["e_total"]}),
            "“nope”不在 rows 中",
        ),
        (lambda s: s["tables"]["three"]["columns"][0].update(number="1"), "全部给出或全部不给"),
        (lambda s: s["tables"]["basic"]["footer"].pop(), "footer 应正好占满"),
        (lambda s: s["tables"]["soe"]["columns"][0].update(holds="codes"), "holds 应为"),
        (lambda s: s["tables"]["general"].update(kind="table"), "kind 应为"),
        (lambda s: s["tables"]["basic"]["columns"].insert(0, s["tables"]["basic"]["columns"].pop(3)), "应排在一起"),
        (
            lambda s: s["tables"]["summary"].update(
                lines={
                    "A": {"income": ["i1"], "expense": ["e_total"]},
                    "B": {"income": ["i1", "i2"], "expense": ["e_total"]},
                }
            ),
            "每种行次布局应列出同样的行",
        ),
        (lambda s: s["tables"]["basic"]["footer"][0].pop("key"), "basic 缺少 'key'"),
    ],
)
def test_a_broken_template_is_refused_with_the_reason(template_dir, change, why):
    spec = _province()
    change(spec)
    variant = _add(template_dir, spec)
    with pytest.raises(TemplateError, match=why):
        template(variant)


def test_a_06_item_missing_from_the_economic_catalog_is_refused(template_dir):
    spec = _province()
    spec["tables"]["basic"]["groups"]["310"]["items"].append("31098")
    variant = _add(template_dir, spec)
    with pytest.raises(TemplateError, match="31098"):
        catalog.economic_groups(variant)


def test_a_variant_without_a_template_file_is_refused():
    with pytest.raises(ValueError, match="取值不在允许的范围内"):
        new_project("测试局", 2024, "province-missing", "A")


def test_a_template_lists_its_sections_by_subject_each_once(template_dir):
    from model.sections import explanation_sections

    data = {
        "id": PROVINCE,
        "extends": "2023",
        "sections": ["total", {"subject": "general", "heading": "一般公共预算支出说明"}, "three"],
    }
    (template_dir / f"{PROVINCE}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _clear_caches()
    got = [(s.id, s.subject, s.heading) for s in explanation_sections(PROVINCE)]
    # A subject alone takes its heading from the template it extends.
    assert got == [
        ("一", "total", "收入支出决算总体情况说明"),
        ("二", "general", "一般公共预算支出说明"),
        ("三", "three", "财政拨款“三公”经费支出决算情况说明"),
    ]
    data["sections"].append({"subject": "other", "heading": "其他", "parts": [{"subject": "total", "heading": "x"}]})
    (template_dir / f"{PROVINCE}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _clear_caches()
    with pytest.raises(TemplateError, match="只能出现一次"):
        template(PROVINCE)


# ---------------------------------------------------------------- the bundled Shanghai 2024 template
SH = "shanghai-2024"


def test_the_shanghai_template_prints_its_tables_in_its_order_with_its_rows():
    p = new_project("上海市测试局", 2024, SH, "A")
    assert [title(t, SH) for t in table_order(SH)][5:] == [
        "一般公共预算财政拨款基本支出决算表",
        "财政拨款“三公”经费支出决算表",
        "政府性基金预算财政拨款收入支出决算表",
        "国有资本经营预算财政拨款收入支出决算表",
    ]
    assert len(layout.classes(SH)) == 24 and "231" not in dict(layout.classes(SH))
    assert not layout.numbers_rows(T.SUMMARY, SH) and not layout.numbers_columns(T.INCOME, SH)
    summary = table_shape(p, T.SUMMARY)
    assert [c.holds for c in summary.columns] == ["label", "amount", "label", "amount"]
    assert _texts(summary, 24)[::2] == ["本年收入合计", "本年支出合计"] and len(summary.lines) == 28
    fiscal = p.tables[T.FISCAL]
    assert fiscal.row("i_begin3") is not None and fiscal.row("e_end1") is None
    assert layout.fixed_row(T.FISCAL, "e_end", SH).cols == (2, 3, 4, 5)
    general = table_shape(p, T.GENERAL)
    assert general.lines[-1][1] == Label("合计", TOTAL, "center")
    assert [g.code for g in catalog.economic_groups(SH)] == ["301", "303", "302", "310"]
    assert {"31001", "31019"} <= {i.code for g in catalog.economic_groups(SH) for i in g.items}
    soe = columns(T.SOE, SH)
    assert [(c.no, c.group, c.name) for c in soe][:3] == [
        (4, "", "年初结转和结余"),
        (5, "", "本年收入"),
        (1, "本年支出", "合计"),
    ]
    three = columns(T.THREE, SH)
    assert [(c.no, c.group, c.name) for c in three][:4] == [
        (1, "预算数", "合计"),
        (7, "决算数", "合计"),
        (2, "预算数", "因公出国（境）费"),
        (8, "决算数", "因公出国（境）费"),
    ]
    assert (
        table_shape(p, T.SOE).absent == "说明：上海市测试局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"
    )
    assert table_shape(p, T.FUND).notes == ["注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。"]


def test_column_formulas_are_template_data():
    assert [(f.col, f.terms) for f in layout.formulas(T.SOE, SH)] == [
        (1, ((1, 2), (1, 3))),
        (6, ((1, 4), (1, 5), (-1, 1))),
    ]
    assert [(f.col, f.terms) for f in layout.formulas(T.SOE, "2023")] == [(1, ((1, 2), (1, 3)))]
    assert layout.formulas(T.FUND, SH) == layout.formulas(T.FUND, "2023")


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda s: s["tables"]["soe"].update(formulas=[{"col": 7, "sum": [2, 3]}]), "本表没有的金额列"),
        (lambda s: s["tables"]["soe"].update(formulas=[{"col": 1, "terms": [2, 3]}]), "应写作"),
        (lambda s: s["tables"]["soe"]["columns"][0].update(name=["编码"]), "只有金额列可以给出 name"),
    ],
)
def test_a_broken_formula_or_column_name_is_refused(template_dir, change, why):
    spec = _province()
    change(spec)
    variant = _add(template_dir, spec)
    with pytest.raises(TemplateError, match=why):
        template(variant)
