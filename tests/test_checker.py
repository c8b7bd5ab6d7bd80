"""The one checker (checks.checker): every finding of a project, kept current edit by edit, the
same as checking the project afresh once it has settled."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl

from checks.checker import EXACT_NOTE, Checker, checker_for
from checks.finding import Severity
from model.layout import T
from model.loader import load_input
from model.project import TOTAL
from tests.seed_data import caidian_2024
from tests.support.synthetic import synthetic_project
from tests.test_import_hardening import exported, in_yuan
from tests.text_fixtures import with_seed_text


def sig(findings):
    return [(f.rule, f.severity.value, f.message, f.locations) for f in findings]


def test_edits_answered_incrementally_equal_a_fresh_check_once_settled():
    p = with_seed_text(caidian_2024(), "001")
    checker = Checker(p)
    assert checker.settled and checker.coverage() is not None
    # A cell the text quotes: the tables answer at once, the text at the next settle.
    row = p.tables[T.THREE].rows[0]
    before_text = [f for f in checker.findings() if f.locations[0].section]
    row.values[7] = row.values[7] + D("1.00")
    delta = checker.cells_changed(T.THREE, [row.key])
    assert delta.added and not checker.settled
    assert [f for f in checker.findings() if f.locations[0].section] == before_text
    delta = checker.settle()
    assert checker.settled and delta.sections
    # A supplementary field, a section of text.
    p.supplementary.procurement.total += D("5.00")
    assert {f.rule for f in checker.field_changed("supplementary.procurement.total").added} == {"S501"}
    p.text["十"] = "机关运行经费支出 113.36 万元。"
    assert not checker.text_changed("十")  # nothing judged yet
    delta = checker.settle()
    assert "十" in delta.sections
    assert any(f.locations[0].section == "十" and f.rule == "T701" for f in delta.added)
    assert sig(checker.findings()) == sig(Checker(p).findings())


def test_the_same_finding_on_the_same_places_is_listed_once():
    p = synthetic_project(n_items=6, seed=1)
    checker = Checker(p)
    p.tables[T.GENERAL].row(TOTAL).values.clear()
    checker.cells_changed(T.GENERAL, [TOTAL])
    found = checker.findings()
    assert found and len({(f.rule, f.locations) for f in found}) == len(found)
    twice = found + found[:1]
    from checks.checker import _once

    assert _once(twice) == found


def test_a_text_first_typed_is_judged_and_a_project_without_text_has_no_coverage():
    p = synthetic_project(n_items=6, seed=1)
    checker = Checker(p)
    assert checker.text is None and checker.coverage() is None
    total = p.tables[T.SUMMARY].row("i_grand").values[1]
    p.text["一"] = f"收、支总计均为{total + 1}万元。"
    checker.text_changed("一")
    delta = checker.settle()
    assert [f.rule for f in delta.added] == ["T701"] and delta.sections == {"一"}
    assert checker.coverage() is not None and checker.coverage().found == 1


def test_a_workbook_in_yuan_its_exact_errors_follow_the_edits(tmp_path):
    _p, path = exported(tmp_path)
    yuan = tmp_path / "元.xlsx"
    in_yuan(path, yuan)
    wb = openpyxl.load_workbook(yuan)
    total = next(r for r in wb["公开05表"].iter_rows() if r[1].value == "合计")
    total[2].value = total[2].value + 0.01  # a fen off in 元: hidden by the rounding to 万元
    wb.save(yuan)
    loaded = load_input(yuan)
    # main.py check: the tables in 元, as printed; no finding is doubled as an "only in 元" one.
    printed = checker_for(loaded).findings()
    assert any(f.severity is Severity.ERROR for f in printed)
    assert not any(f.message.startswith(EXACT_NOTE) for f in printed)
    # The window: shown in 万元, the errors only 元 shows added, while what they name is as printed.
    checker = Checker(loaded.project, loaded.imported)
    exact = [f for f in checker.findings() if f.message.startswith(EXACT_NOTE)]
    assert exact and all(f.severity is Severity.ERROR for f in exact)
    row = loaded.project.tables[T.GENERAL].row(TOTAL)
    printed_value = row.values[1]
    row.values[1] = printed_value + D("1.00")  # typed over: the 万元 checks judge the new figure
    delta = checker.cells_changed(T.GENERAL, [TOTAL])
    assert not [f for f in checker.findings() if f.message.startswith(EXACT_NOTE)]
    assert set(map(id, exact)) <= set(map(id, delta.removed))
    row.values[1] = printed_value  # undone: as printed again
    checker.cells_changed(T.GENERAL, [TOTAL])
    assert [f for f in checker.findings() if f.message.startswith(EXACT_NOTE)] == exact
