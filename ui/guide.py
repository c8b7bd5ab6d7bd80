"""帮助: the user guide (F1) and 关于.

The guide is HTML shipped with the app (``resources/help/guide.html``), shown offline in a
QTextBrowser. It is generated, never written by hand: ``python -m tests.help_guide`` makes it from
the window's own actions (the keys) and from the rules with their firing and silent cases (every
check), and ``tests/test_help_guide.py`` fails when the shipped file is not what that makes.

关于 gives the version (``pyproject.toml``, the one place it is written; a frozen build carries
it in ``build-info.json`` with its build date, written by build.spec) and the data folder.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from model.resources import resource_path
from ui.paths import APP_NAME, data_dir

GUIDE = ("help", "guide.html")
KEYS_MARK = "<!--KEYS-->"  # where the window's menu keys go, read from its actions
BUILD_INFO = "build-info.json"
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def build_info() -> dict[str, str | None]:
    """{"version", "built"}: from the frozen build's build-info.json, else from pyproject.toml
    (running from source: no build date)."""
    if getattr(sys, "frozen", False):
        try:
            info = json.loads(resource_path(BUILD_INFO).read_text(encoding="utf-8"))
            return {"version": str(info["version"]), "built": str(info.get("built") or "") or None}
        except (OSError, ValueError, KeyError):
            pass
    try:
        with open(PYPROJECT, "rb") as f:
            return {"version": tomllib.load(f)["project"]["version"], "built": None}
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        from importlib.metadata import PackageNotFoundError, version

        try:
            return {"version": version("juesuan-gongkai"), "built": None}
        except PackageNotFoundError:
            return {"version": "未知", "built": None}


def about_text() -> str:
    info = build_info()
    built = info["built"] or "从源代码运行（未打包）"
    return (
        f"{APP_NAME}\n\n部门决算公开九张表的录入、审核与导出。金额单位：万元。\n\n"
        f"版本：{info['version']}\n构建日期：{built}\n数据文件夹：{data_dir()}\n"
        "（设置、最近打开的文件和未保存修改的恢复副本存放在数据文件夹中）\n\n"
        "使用说明、快捷键和每一条审核规则：按 F1。"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, f"关于{APP_NAME}", about_text())


def _plain(text: str) -> str:
    """A menu text without its accelerator and dots: "文件(&F)" → "文件"."""
    return re.sub(r"\(&\w\)|&|…", "", text.split("\t")[0]).strip()


def _menu_actions(menu) -> list:
    out = []
    for a in menu.actions():
        out += _menu_actions(a.menu()) if a.menu() is not None else [a]
    return out


def keys_html(window: QWidget) -> str:
    """The window's commands that have keys, menu by menu, as the menus name them."""
    bar = getattr(window, "menuBar", None)
    if bar is None:
        return ""
    rows = []
    for top in bar().actions():
        menu = top.menu()
        if menu is None:
            continue
        for a in _menu_actions(menu):
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts() if not k.isEmpty()]
            if keys:
                rows.append((_plain(top.text()), _plain(a.text()), " 或 ".join(dict.fromkeys(keys))))
    cells = "".join(f"<tr><td>{escape(k)}</td><td>{escape(m)} → {escape(t)}</td></tr>" for m, t, k in rows)
    return f'<table border="1" cellspacing="0"><tr><th>按键</th><th>命令</th></tr>{cells}</table>'


class GuideDialog(QDialog):
    """The guide beside the window (not modal): read while working; a box to find words in it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME} — 使用说明")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        path = resource_path(*GUIDE)
        try:
            html = path.read_text(encoding="utf-8")
            self.browser.setHtml(html.replace(KEYS_MARK, keys_html(parent) if parent is not None else ""))
        except OSError:
            self.browser.setPlainText(f"找不到使用说明文件：{path}")
        self.find = QLineEdit()
        self.find.setPlaceholderText("查找（回车找下一处），如 X305、尾数差异、粘贴")
        self.find.setClearButtonEnabled(True)
        self.find.returnPressed.connect(self.find_next)
        self.said = QLabel()
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        bar = QHBoxLayout()
        bar.addWidget(self.find, 1)
        bar.addWidget(self.said)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        self.find.addAction(self._find_again_action())

    def _find_again_action(self):
        from PySide6.QtGui import QAction

        again = QAction(self)
        again.setShortcut(QKeySequence(QKeySequence.StandardKey.FindNext))
        again.triggered.connect(self.find_next)
        return again

    def find_next(self) -> bool:
        text = self.find.text().strip()
        if not text:
            return False
        found = self.browser.find(text)
        if not found:  # from the top again
            self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)
            found = self.browser.find(text)
        self.said.setText("" if found else "未找到")
        return found

    def go_to(self, anchor: str) -> None:
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)

    def text(self) -> str:
        return self.browser.document().toPlainText()


def show_guide(parent: QWidget, anchor: str = "") -> GuideDialog:
    """Open the guide (once per window; F1 again brings it to the front), at ``anchor`` if given."""
    dialog = getattr(parent, "_guide", None)
    if dialog is None:
        dialog = GuideDialog(parent)
        screen = parent.screen().availableGeometry() if parent.screen() else None
        if screen is not None:
            dialog.resize(min(900, screen.width() * 2 // 3), min(900, screen.height() * 5 // 6))
        parent._guide = dialog
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.go_to(anchor)
    return dialog
