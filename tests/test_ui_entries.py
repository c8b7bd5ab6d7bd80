"""Form entries that do not parse: kept as typed through save and open, listed as V002, undoable."""

from __future__ import annotations

from decimal import Decimal

from checks.engine import run_checks
from checks.where import field_long
from model.fields import reason
from model.fileio import load_project, save_project
from model.project import PerfProject
from tests import test_ui_support as support
from ui.pages.forms import FieldEdit

D = Decimal
window = support.window
data_dir = support.data_dir
rules = support.rules


def test_typed_text_survives_save_and_open(window, qtbot, tmp_path):
    page = window.show_page("supp.last_year")
    field: FieldEdit = page.fields["supplementary.last_year.grand_total"]
    field.setText("约1200")
    field.commit()
    path = tmp_path / "dept.jsgk"
    assert window.save_to(path)
    assert load_project(path).invalid_fields == {"supplementary.last_year.grand_total": "约1200"}
    window.ctl.replace(load_project(path), path)
    field = window.show_page("supp.last_year").fields["supplementary.last_year.grand_total"]
    assert field.text() == "约1200" and field.toolTip().startswith("无法识别")
    found = [f for f in window.ctl.findings() if f.rule == "V002"]
    assert [f.locations[0].field for f in found] == ["last_year.grand_total"]
    assert window.jump_to(found[0]) and window.current_page() is window.page("supp.last_year")


def test_list_cells_keep_their_text_and_it_moves_with_the_row(window, qtbot):
    perf = window.ctl.project.supplementary.performance
    perf.projects = [PerfProject(name="甲"), PerfProject(name="乙")]
    window.ctl.recheck()
    editor = window.show_page("supp.performance").lists["supplementary.performance.projects"]
    m = editor.model
    m.setData(m.index(1, 3), "九十%")  # 执行率 of 乙
    assert m.data(m.index(1, 3)) == "九十%" and "无法识别" in m.data(m.index(1, 3), 3)  # ToolTipRole
    assert window.ctl.project.invalid_fields == {"supplementary.performance.projects.1.rate": "九十%"}
    # Removing 甲 moves 乙's typed text up with it; undo puts both back where they were.
    editor.view.setCurrentIndex(m.index(0, 0))
    editor.remove()
    assert [p.name for p in perf.projects] == ["乙"]
    assert window.ctl.project.invalid_fields == {"supplementary.performance.projects.0.rate": "九十%"}
    assert m.data(m.index(0, 3)) == "九十%"
    window.act_undo.trigger()
    assert window.ctl.project.invalid_fields == {"supplementary.performance.projects.1.rate": "九十%"}
    # Removing 乙 itself takes its text along; undo brings it back.
    editor.view.setCurrentIndex(m.index(1, 0))
    editor.remove()
    assert window.ctl.project.invalid_fields == {}
    window.act_undo.trigger()
    assert window.ctl.project.invalid_fields == {"supplementary.performance.projects.1.rate": "九十%"}
    m.setData(m.index(1, 3), "95.5")
    assert perf.projects[1].rate == D("95.5") and not window.ctl.project.invalid_fields


def test_budget_by_subject_keeps_text_and_clears_the_value(window, qtbot):
    page = window.show_page("supp.budget")
    editor = page.custom[0]
    m = editor.model
    code = m.codes[0]
    by_subject = window.ctl.project.supplementary.budget.by_subject
    by_subject[code] = D("10.00")
    m.setData(m.index(0, 3), "10万元整")
    assert code not in by_subject and m.data(m.index(0, 3)) == "10万元整"
    assert any(f.rule == "V002" and code in f.message for f in window.ctl.findings())
    window.act_undo.trigger()
    assert by_subject[code] == D("10.00") and not window.ctl.project.invalid_fields


def test_labels_and_reasons_say_which_field_and_why():
    from tests.seed_data import caidian_2024

    p = caidian_2024()
    assert field_long("procurement.services") == "补充数据 政府采购·政府采购服务支出"
    assert field_long("performance.projects.1.rate") == "补充数据 绩效自评·自评项目第2行·执行率"
    assert field_long("budget.by_subject.2013101") == "补充数据 年初预算·科目 2013101"
    assert reason("supplementary.staff.in_service_total", "3.5") == "应为不小于0的整数"
    assert "元" in reason("supplementary.procurement.total", "5000元")
    assert reason("meta.year", "二〇二四").startswith("应为年度")
    p.invalid_fields["meta.year"] = "二〇二四"
    assert [f.message for f in run_checks(p) if f.rule == "V002"] == [
        "部门概况 部门信息·年度：“二〇二四”无法识别，应为年度（如 2024）"
    ]


def test_a_project_file_without_the_field_still_opens(tmp_path):
    from tests.seed_data import SAMPLE_2024

    assert load_project(SAMPLE_2024).invalid_fields == {}
    p = load_project(SAMPLE_2024)
    save_project(p, tmp_path / "x.jsgk")
    assert load_project(tmp_path / "x.jsgk") == p


def test_the_check_list_names_the_field_as_the_form_does():
    from checks.finding import Location
    from export.checklist_content import cells_text
    from tests.seed_data import caidian_2024

    p = caidian_2024()
    assert "上年数·收、支总计" in cells_text(p, [Location(field="last_year.grand_total")])
    assert "政府采购支出总额" in cells_text(p, [Location(field="procurement.total")])
