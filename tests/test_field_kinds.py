"""A form field's facts live on the model: label, kind, group; values are read, set and parsed by path.

A percentage or score that is no sane number in a project file (7.6E-294, 1e-999999, 1e400, NaN)
opens as an entry that does not parse, with its V002 finding: never a crash, never a refused file
(issue 12, item 10: 执行率 "1e-999999" crashed ``main.py check`` in ``checks/percent.py``).
"""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal

import pytest

from checks.engine import run_checks
from checks.percent import judge_percent, percent
from model import fields, fileio
from model.kinds import COUNT, MONEY, PERCENT, SCORE, YEAR, EntryError
from model.project import CountItem, PerfProject, Project
from tests import test_ui_support as support
from tests.hostile import check_command
from tests.seed_data import caidian_2024
from tests.support.synthetic import synthetic_project

D = Decimal
window = support.window
data_dir = support.data_dir

RATE = "supplementary.performance.projects.0.rate"


def _file_with_rate(path, rate: object) -> None:
    p = caidian_2024()
    doc = json.loads(fileio.dumps(p))
    doc["project"]["supplementary"]["performance"]["projects"][0]["rate"] = rate
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("rate", ["1e-999999", "7.6E-294"])
def test_check_keeps_an_insane_rate_as_typed_and_names_it(tmp_path, rate):
    path = tmp_path / "rate.jsgk"
    _file_with_rate(path, rate)
    run = subprocess.run(check_command(path), capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    assert "V002" in run.stdout and f"“{rate}”无法识别" in run.stdout
    assert "绩效自评·自评项目第1行·执行率" in run.stdout


@pytest.mark.parametrize("rate", ["1e-999999", "7.6E-294"])
def test_the_window_opens_it_and_the_form_shows_what_was_written(window, tmp_path, rate):
    path = tmp_path / "rate.jsgk"
    _file_with_rate(path, rate)
    assert window.open_path(path)
    project = window.ctl.project
    assert project.invalid_fields == {RATE: rate} and project.supplementary.performance.projects[0].rate is None
    found = [f for f in window.ctl.findings() if f.rule == "V002"]
    assert [f.locations[0].field for f in found] == ["performance.projects.0.rate"]
    editor = window.show_page("supp.performance").lists["supplementary.performance.projects"]
    m = editor.model
    assert m.data(m.index(0, 3)) == rate and "无法识别" in m.data(m.index(0, 3), 3)  # ToolTipRole
    # Saved as it was opened: what was written is kept, the value stays empty.
    again = tmp_path / "again.jsgk"
    fileio.save_project(project, again)
    assert fileio.load_project(again).invalid_fields == {RATE: rate}


@pytest.mark.parametrize(
    ("path", "raw"),
    [
        (RATE, "1e400"),
        (RATE, "NaN"),
        (RATE, -5),
        ("supplementary.performance.projects.0.score", "101"),
        ("supplementary.performance.whole_score", 7.6e-294),
    ],
)
def test_other_values_that_are_no_percentage_or_score_are_kept_too(path, raw):
    p = caidian_2024()
    doc = p.model_dump(mode="json")
    node = doc
    *head, last = path.split(".")
    for part in head:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[last] = raw
    q = Project.model_validate(doc)
    assert q.invalid_fields == {path: raw if isinstance(raw, str) else repr(raw)}
    assert fields.get_value(q, path) is None
    assert [f.rule for f in run_checks(q) if f.rule == "V002"] == ["V002"]
    assert doc == json.loads(json.dumps(doc))  # the input was not changed under the caller


def test_a_damaged_structure_is_still_refused():
    doc = caidian_2024().model_dump(mode="json")
    doc["supplementary"]["performance"]["projects"][0]["rate"] = {"not": "a figure"}
    with pytest.raises(fileio.ProjectFileError):
        fileio.loads(json.dumps({"format": fileio.FORMAT, "schema_version": 1, "project": doc}))
    doc["supplementary"]["performance"]["projects"][0]["rate"] = "1e400"
    doc["invalid_fields"] = ["not", "a", "mapping"]
    with pytest.raises(fileio.ProjectFileError):
        fileio.loads(json.dumps({"format": fileio.FORMAT, "schema_version": 1, "project": doc}))


def test_bounds_of_a_percentage_and_a_score():
    assert fields.parse(RATE, "135.5%") == D("135.5")  # over 100%: funds carried over, a raised budget
    assert fields.parse(RATE, "98.50") == D("98.50")  # kept as written: two decimals is its precision
    assert fields.parse(RATE, "") is None
    for bad in ("100001", "-1", "1e-999999", "abc", "NaN"):
        with pytest.raises(EntryError):
            fields.parse(RATE, bad)
    score = "supplementary.performance.whole_score"
    assert fields.parse(score, "96.5分") == D("96.5")
    with pytest.raises(EntryError, match="0～100"):
        fields.parse(score, "101")


def test_the_percentage_check_never_raises():
    for written in ("1E-999999", "7.6E-294", "1E+400", "NaN", "98.123456789012345678901234567890"):
        assert judge_percent(D(written), D("31.00"), D("31.00")) is not None
    assert judge_percent(D("100.00"), D("31.00"), D("31.00")) is None
    assert percent(D(1), D(3), 999999) == D("33.33333333333333333333")


def test_labels_kinds_and_groups_come_from_the_model():
    facts = fields.facts("supplementary.procurement.goods")
    assert (facts.label, facts.kind, facts.group.title, facts.group.part) == (
        "政府采购货物支出",
        MONEY,
        "政府采购",
        "补充数据",
    )
    assert fields.label("supplementary.assets.vehicles.2.count") == "各类车辆第3行·数量"
    assert fields.kind("supplementary.assets.vehicles.2.count") is COUNT
    assert fields.kind(RATE) is PERCENT and fields.kind("supplementary.performance.whole_score") is SCORE
    assert fields.kind("meta.year") is YEAR and fields.group("meta.year").part == "部门概况"
    assert fields.group("supplementary.staff.in_service_total").part == "部门概况"
    assert fields.label("supplementary.budget.by_subject.2013101") == "科目 2013101"
    with pytest.raises(KeyError):
        fields.facts("supplementary.procurement.nothing")
    assert [g.name for g in fields.groups()] == [
        "meta",
        "units",
        "last_year",
        "budget",
        "admin_cost",
        "procurement",
        "assets",
        "staff",
        "performance",
    ]


def test_values_are_read_and_set_by_path_including_list_items_and_dict_entries():
    p = caidian_2024()
    p.supplementary.assets.vehicles = [CountItem(kind="一般公务用车", count=2)]
    p.supplementary.performance.projects = [PerfProject(name="甲")]
    fields.set_value(p, "supplementary.assets.vehicles.0.count", 3)
    fields.set_value(p, RATE, D("97.5"))
    fields.set_value(p, "supplementary.budget.by_subject.2013101", D("12.00"))
    assert fields.get_value(p, "supplementary.assets.vehicles.0.count") == 3
    assert p.supplementary.performance.projects[0].rate == D("97.5")
    assert fields.get_value(p, "supplementary.budget.by_subject.2013101") == D("12.00")
    fields.set_value(p, "supplementary.budget.by_subject.2013101", None)  # an empty entry is no entry
    assert "2013101" not in p.supplementary.budget.by_subject
    assert fields.lookup(p, "supplementary.assets.vehicles.5.count") is None
    assert fields.show("supplementary.procurement.total", D("1234.50")) == "1,234.50"
    assert fields.finding_path(RATE) == "performance.projects.0.rate"
    assert fields.project_path("performance.projects.0.rate") == RATE
    assert fields.project_path("meta.year") == "meta.year"


def test_a_year_cannot_be_emptied(window):
    window.ctl.commit_entry("meta.year", "", "修改年度")
    assert window.ctl.project.meta.year == 2024 and window.ctl.project.invalid_fields == {"meta.year": ""}


@pytest.mark.parametrize(
    ("path", "label", "kind", "group"),
    [
        ("procurement.sme_reserved", "面向中小企业预留政府采购项目预算金额", MONEY, "政府采购"),
        ("procurement.sme_won_reserved", "预留项目中由中小企业中标或成交的采购金额", MONEY, "政府采购"),
        ("procurement.sme_won_other", "其他项目中由中小企业中标或成交的采购金额", MONEY, "政府采购"),
        ("assets.equipment_100w", "单价100万元（含）以上设备（不含车辆）", COUNT, "国有资产"),
        ("performance.target_count", "编报绩效目标的项目个数", COUNT, "绩效自评"),
        ("performance.tracking_amount", "绩效跟踪评价的项目预算金额", MONEY, "绩效自评"),
        ("performance.average_score", "绩效自评平均得分", SCORE, "绩效自评"),
        ("performance.rated_fail", "绩效评级为“不合格”的项目个数", COUNT, "绩效自评"),
    ],
)
def test_the_facts_the_shanghai_text_quotes_are_fields(path, label, kind, group):
    facts = fields.facts(fields.project_path(path))
    assert (facts.label, facts.kind, facts.group.title) == (label, kind, group)
    p = synthetic_project(n_items=3, seed=1)
    typed = "7" if kind is COUNT else "88.5" if kind is SCORE else "12.30"
    fields.set_value(p, fields.project_path(path), fields.parse(fields.project_path(path), typed))
    assert fields.show(fields.project_path(path), fields.get_value(p, fields.project_path(path))) == typed
