"""Qt's own texts (context menus, standard buttons, dialogs) come out in Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit

from ui.i18n import install_translations


@pytest.fixture
def chinese(qapp):
    translators = install_translations(qapp)
    yield translators
    for t in translators:
        qapp.removeTranslator(t)


def _texts(menu) -> list[str]:
    return [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_without_the_catalog_qt_speaks_english(qapp):
    edit = QLineEdit()
    menu = edit.createStandardContextMenu()
    assert "Select All" in _texts(menu)


def test_editor_menus_and_standard_buttons_are_chinese(chinese, qtbot):
    assert len(chinese) == 2, "qtbase_zh_CN.qm not found"
    for edit in (QLineEdit(), QPlainTextEdit()):
        qtbot.addWidget(edit)
        menu = edit.createStandardContextMenu()
        texts = _texts(menu)
        assert not {"Undo", "Redo", "Cut", "Copy", "Paste", "Select All"} & set(texts)
        assert {"撤消(U)", "重做(R)", "粘贴(P)", "全选"} <= set(texts)  # Qt's catalog writes 撤消
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "").startswith("取消")
    assert QCoreApplication.translate("QPrintPreviewDialog", "Page setup") != "Page setup"


def test_file_dialog_labels_the_catalog_lacks_are_chinese_too(chinese, qtbot):
    from PySide6.QtWidgets import QFileDialog, QLabel

    dialog = QFileDialog(None, "另存为")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert labels and not [t for t in labels if any("a" <= ch <= "z" for ch in t.replace("&", ""))]
    assert "查找范围(&L)：" in labels


def test_the_window_started_as_main_py_starts_it_speaks_chinese(tmp_path):
    """The real start (main.py, run_gui, the start-up probe): Qt's Cancel is 取消 there."""
    from tests.app_runs import app_env, source_command, start_window

    started = start_window(source_command(), env=app_env(tmp_path / "data"))
    assert started.probe["qt_cancel"] == "取消"
