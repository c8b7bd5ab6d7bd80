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


def test_the_application_loads_the_catalog_at_start(tmp_path):
    """make_app is what main.py runs: a fresh process gets Chinese standard texts."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    probe = (
        "from ui.app import make_app\n"
        "from PySide6.QtWidgets import QMessageBox\n"
        "app = make_app([])\n"
        "box = QMessageBox(); box.setStandardButtons(QMessageBox.StandardButton.Save)\n"
        "print(box.button(QMessageBox.StandardButton.Save).text())\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JSGK_DATA_DIR=str(tmp_path))
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().replace("&", "").startswith("保存")
