"""帮助: the user guide shipped with the app is what the rules and their cases make (never a list
kept by hand), F1 shows it offline with the window's own keys, 关于 gives the version, the build date
and the data folder."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from checks.rules.every_rule import RULES
from tests import test_ui_support as support
from tests.help_guide import TARGET, guide_html
from tests.rules.test_every_rule import cases

window = support.window
data_dir = support.data_dir
ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_guide_is_what_the_rules_and_their_cases_make():
    assert TARGET.read_text(encoding="utf-8") == guide_html(), (
        "resources/help/guide.html is stale: run `python -m tests.help_guide`"
    )


def test_every_check_is_in_the_guide_with_its_meaning_and_a_bad_and_a_good_example():
    html = TARGET.read_text(encoding="utf-8")
    every = cases()
    for r in RULES.values():
        entry = html.split(f'<h3 id="{r.id}">', 1)[1].split("<h3", 1)[0]
        assert r.title.replace("“", "") in entry.replace("&quot;", "").replace("“", "")
        first_line = r.explanation.split("\n")[0]
        assert first_line[:12] in entry.replace("\n", ""), r.id
        fires = next(c for c in every if c.rule == r.id and c.fires)
        silent = next(c for c in every if c.rule == r.id and not c.fires)
        assert "✗ 会报告" in entry and fires.says in entry.replace("&quot;", '"'), r.id
        assert "✓ 不会报告" in entry and silent.says in entry.replace("&quot;", '"'), r.id


def test_f1_opens_the_guide_with_the_windows_own_keys(window, qtbot):
    assert window.act_help.shortcut().toString() == "F1"
    window.act_help.trigger()
    dialog = window._guide
    assert dialog.isVisible() and not dialog.isModal()
    text = dialog.text()
    for heading in ("从新建项目到公开文档", "快捷键", "审核结果的级别", "审核规则"):
        assert heading in text
    # the menu keys come from the actions, as this platform binds them
    assert "Ctrl+P" in text and "文件 → 打印" in text and "Ctrl+F8" in text and "视图 → 放大" in text
    assert "<!--KEYS-->" not in dialog.browser.toHtml()
    dialog.find.setText("X305")
    assert dialog.find_next() and dialog.browser.textCursor().selectedText() == "X305"
    window.act_help.trigger()
    assert window._guide is dialog  # one guide per window


def test_f1_on_a_finding_goes_to_its_check(window, qtbot):
    from decimal import Decimal

    from model.layout import T, class_key

    row = window.ctl.project.tables[T.SUMMARY].row(class_key("201"))
    window.ctl.set_cells(T.SUMMARY, [(row.key, 2, str(row.values[2] + Decimal(7)))])
    window.panel.view.setFocus()
    r = next(i for i, f in enumerate(window.panel.model.rows) if f.rule == "X305")
    window.panel.view.selectRow(r)
    seen = []
    import ui.guide as guide

    real = guide.GuideDialog.go_to
    guide.GuideDialog.go_to = lambda self, anchor: seen.append(anchor) or real(self, anchor)
    try:
        window.show_help()
    finally:
        guide.GuideDialog.go_to = real
    assert seen == ["X305"]


def test_about_shows_the_version_the_build_date_and_the_data_folder(window, monkeypatch, tmp_path, data_dir):
    from ui import guide

    with open(ROOT / "pyproject.toml", "rb") as f:
        version = tomllib.load(f)["project"]["version"]
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, title, text: shown.append((title, text)))
    window.act_about.trigger()
    title, text = shown[0]
    assert title.startswith("关于") and f"版本：{version}" in text
    assert f"数据文件夹：{data_dir}" in text and "从源代码运行" in text
    # a frozen build reads what build.spec wrote beside its resources
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / guide.BUILD_INFO).write_text(json.dumps({"version": "9.8.7", "built": "2025-01-02"}))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert guide.build_info() == {"version": "9.8.7", "built": "2025-01-02"}
    assert "构建日期：2025-01-02" in guide.about_text()


def test_build_spec_writes_the_version_and_the_date_for_the_frozen_app(monkeypatch):
    from tests.test_packaging_spec import run_spec

    spec = run_spec(monkeypatch)
    info = json.loads((ROOT / "build" / "build-info.json").read_text(encoding="utf-8"))
    assert info["version"] == spec["VERSION"] and re.fullmatch(r"\d{4}-\d\d-\d\d", info["built"])
    assert ("resources/build-info.json", str(ROOT / "build" / "build-info.json"), "DATA") in spec["a"].datas
