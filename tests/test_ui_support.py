"""Fixtures and helpers shared by the window tests (tests/test_ui_*.py); holds no tests itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from tests.support.synthetic import synthetic_project


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """Settings, recovery copies and fallback locks in a folder of the test's own."""
    folder = tmp_path / "appdata"
    monkeypatch.setenv("JSGK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def ctl(qapp, data_dir):
    from ui.controller import ProjectController

    c = ProjectController(synthetic_project(n_items=12, seed=2), recovery=False)
    yield c
    c.close()


@pytest.fixture
def window(qtbot, data_dir):
    from ui.main_window import MainWindow

    w = MainWindow(recovery=False)
    qtbot.addWidget(w, before_close_func=forget_changes)
    w.ctl.replace(synthetic_project(n_items=12, seed=2), None, "测试")
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def forget_changes(w) -> None:
    """Closing a test window must not stop at the 保存修改 question."""
    w.ctl.undo_stack.setClean()
    w.ctl._dirty = False


def rules(ctl) -> set[str]:
    return {f.rule for f in ctl.findings()}


def type_keys(qtbot, text: str) -> None:
    """Type as a user does: each key goes to whatever has the focus (the grid, then its editor).
    Key events carry the character itself, so full-width digits arrive as an input method sends them."""
    for ch in text:
        key = Qt.Key(ord(ch.upper())) if ch.isascii() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(QApplication.focusWidget(), QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))
