"""第五部分 名词解释: the subject list is the 项 of table 05, nothing more, nothing less."""

from __future__ import annotations

import io
import re
from decimal import Decimal as D

import docx

from export.docx_document import build_docx
from export.docx_glossary import glossary_lines, subject_entries, subject_note, used_items
from model.catalog import functional_catalog
from model.layout import T
from model.project import new_project
from tests.seed_data import SEED_2024, caidian_2024, qingshan_2023
from tests.support.synthetic import synthetic_project

D0 = D("0.00")


def _expected_items(project) -> list[str]:
    """Independently: 7-digit codes of table 05 rows with a non-zero amount, first occurrence."""
    out = []
    for row in project.tables[T.GENERAL].rows:
        if len(row.code) == 7 and row.code.isdigit() and any(v for v in row.values.values()) and row.code not in out:
            out.append(row.code)
    return out


def test_list_equals_the_items_of_table_05_in_the_document():
    for project in (caidian_2024(), qingshan_2023(), synthetic_project(n_items=40, seed=7)):
        d = docx.Document(io.BytesIO(build_docx(project)))
        texts = [p.text for p in d.paragraphs]
        parts = [i for i, p in enumerate(d.paragraphs) if p._p.pPr is not None and p._p.pPr.style == "Heading1"]
        start, end = parts[4], parts[5]  # 第五部分 名词解释 … 第六部分
        listed = [t for t in texts[start:end] if re.match(r"^\d+\.", t)]
        expected = _expected_items(project)
        assert len(listed) == len(expected) > 0
        cat = functional_catalog()
        for line, code in zip(listed, expected):
            name = cat.name_of(code)
            assert f"{name}（项）：" in line, (line, code)
            assert line.split("（类）")[0].split(".", 1)[1] == (cat.name_of(code[:3]) or code[:3])


def test_seed_001_subject_not_in_table_05_is_not_listed():
    # The published 2024 text lists 其他社会保障和就业支出 (项), which its table 05 does not hold.
    assert "其他社会保障和就业支出（项）" in SEED_2024.read_text(encoding="utf-8").replace(" ", "").replace(
        "(", "（"
    ).replace(")", "）")
    p = caidian_2024()
    names = [e.full_name for e in subject_entries(p)]
    assert not any("其他社会保障和就业支出（项）" in n for n in names)
    assert "住房保障支出（类）住房改革支出（款）提租补贴（项）" in names
    assert used_items(p) == _expected_items(p)


def test_known_items_get_their_explanation_unknown_ones_a_gap():
    assert subject_note("2013101").startswith("反映行政单位（包括实行公务员管理的事业单位）的基本支出")
    assert subject_note("2080505") == "反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。"
    assert subject_note("2013199") == "反映除上述项目以外其他用于党委办公厅（室）及相关机构事务方面的支出。"
    assert subject_note("2010104") is None  # 人大会议: no standard text shipped
    p = caidian_2024()
    p.tables[T.GENERAL].add_subject("2010104", "人大会议").values[1] = p.tables[T.GENERAL].row("total").values[1]
    lines = glossary_lines(p)
    gap = [ln for ln in lines if ln.subject and ln.subject.code == "2010104"]
    assert gap and gap[0].gap == "科目说明" and gap[0].text.endswith("人大会议（项）：")
    assert all(ln.gap is None for ln in lines if ln.subject and ln.subject.code != "2010104")
    d = docx.Document(io.BytesIO(build_docx(p)))
    assert any(t.text.endswith("人大会议（项）：【待填写：科目说明】") for t in d.paragraphs)


def test_standard_terms_are_numbered_with_the_list_as_item_ten():
    lines = [ln.text for ln in glossary_lines(qingshan_2023())]
    assert lines[0] == "一、一般公共预算财政拨款收入：指本级财政一般公共预算当年拨付的资金。"
    assert lines[9] == "十、本部门使用的支出功能分类科目（到项级）"
    assert lines[10].startswith("1.一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）行政运行（项）：")
    assert any(t.startswith("十七、机关运行经费：") for t in lines)


def test_users_glossary_keeps_its_terms_and_gets_a_fresh_subject_list():
    user = "\n".join(
        [
            "一、基本支出：指人员支出和公用支出。",
            "二、本部门使用的支出功能分类科目（到项级）",
            "1.社会保障和就业支出（类）其他社会保障和就业支出（款）其他社会保障和就业支出（项）：过时的一项。",
            "三、项目支出：指基本支出以外的支出。",
        ]
    )
    p = caidian_2024()
    lines = [ln.text for ln in glossary_lines(p, user)]
    assert lines[0] == "一、基本支出：指人员支出和公用支出。"
    assert lines[1] == "二、本部门使用的支出功能分类科目（到项级）"
    assert not any("过时的一项" in t for t in lines)
    assert lines[-1] == "三、项目支出：指基本支出以外的支出。"
    assert len(lines) == 3 + len(_expected_items(p))


def test_items_without_an_amount_are_not_listed():
    p = caidian_2024()
    table = p.tables[T.GENERAL]
    table.add_subject("2010104", "人大会议")  # a row left empty
    table.add_subject("2010105", "人大立法").values.update({1: D0, 2: D0})  # zeros only
    codes = used_items(p)
    assert "2010104" not in codes and "2010105" not in codes
    table.row("2010105").values[1] = D("0.01")
    assert "2010105" in used_items(p)


def test_an_empty_table_05_leaves_a_marked_gap_for_the_list():
    lines = glossary_lines(new_project("某局", 2024))
    at = next(i for i, ln in enumerate(lines) if ln.text.endswith("本部门使用的支出功能分类科目（到项级）"))
    assert lines[at + 1].gap and not lines[at + 1].text
    assert lines[at + 2].text.startswith("十一、结余分配")
