"""Keystroke → repaint in the window, on the large department of the core benchmark.

    QT_QPA_PLATFORM=offscreen python bench/bench_ui.py [--rounds 200]
    (or under a display / Xvfb to include real window-system painting)

Each measured step starts with a key event sent to the focused widget and ends when the event
queue is empty: the model was updated, the checks re-ran through the engine's incremental path,
the findings panel, navigator counts and status bar were refreshed and the dirty regions were
repainted. Alternate entries make a total wrong and right again, so the findings change on every
commit (the expensive case). Target: p95 ≤ 16 ms.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("JSGK_DATA_DIR", tempfile.mkdtemp(prefix="bench-ui-"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=200)
    args = ap.parse_args()

    from ui.app import make_app

    app = make_app([])
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QGuiApplication, QKeyEvent
    from PySide6.QtWidgets import QApplication

    from checks.finding import Severity
    from model.layout import T
    from tests.support.synthetic import synthetic_project
    from ui.main_window import MainWindow

    def key(ch: str | None = None, k: Qt.Key | None = None) -> None:
        # Keys go where the user's keys go: the cell editor while one is open, else the table.
        target = view.delegate.editor or view
        code = k if k is not None else Qt.Key(ord(ch.upper()))
        text = ch or ""
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text))

    def settle() -> None:
        app.processEvents()
        app.processEvents()

    t0 = time.perf_counter()
    project = synthetic_project(n_items=470, seed=3)
    built = time.perf_counter() - t0
    w = MainWindow(recovery=False)
    w.resize(1600, 1000)
    w.show()
    w.activateWindow()
    t0 = time.perf_counter()
    w.ctl.replace(project, None, "大部门")
    page = w.show_page(f"table.{T.GENERAL}")
    settle()
    opened = time.perf_counter() - t0
    view, model = page.view, page.model
    rows = {t: len(project.tables[t].rows) for t in (T.INCOME, T.EXPENSE, T.GENERAL)}
    # A 项 row in the middle of table 05: its edit re-checks the row, its 款 and 类, 03 and 06.
    r = next(i for i in range(300, model.rowCount()) if model.cell(i, 0) and len(model.cell(i, 0).text) == 7)
    row = project.tables[T.GENERAL].row(model.cell(r, 0).key)
    good = row.values[2]
    col = 3  # 栏次 2 基本支出
    view.setFocus()
    settle()

    results: dict[str, list[float]] = {"提交（回车）": [], "编辑框内输入一个字符": [], "开始输入（选中格按键）": []}
    errors_seen = 0
    gc.collect()
    for i in range(args.rounds):
        view.go_to(model.index(r, col))
        settle()
        value = str(good + (1 if i % 2 == 0 else 0))
        t = time.perf_counter()
        key(value[0])  # opens the editor with the first character
        settle()
        results["开始输入（选中格按键）"].append(time.perf_counter() - t)
        for ch in value[1:]:
            t = time.perf_counter()
            key(ch)
            settle()
            results["编辑框内输入一个字符"].append(time.perf_counter() - t)
        t = time.perf_counter()
        key(k=Qt.Key.Key_Return)
        settle()
        results["提交（回车）"].append(time.perf_counter() - t)
        if i % 2 == 0:
            assert row.values[2] == good + 1
            errors_seen += w.panel.buttons[Severity.ERROR].text() != "错误 0"
        else:
            assert row.values[2] == good

    # Paste of a 20×3 block and its undo, one step each.
    block = "\n".join("\t".join(f"{1000 + i * 3 + j:,}.00" for j in range(3)) for i in range(20))
    QGuiApplication.clipboard().setText(block)
    paste, undo = [], []
    for _ in range(max(10, args.rounds // 10)):
        view.go_to(model.index(r, 2))
        settle()
        t = time.perf_counter()
        view.paste()
        settle()
        paste.append(time.perf_counter() - t)
        t = time.perf_counter()
        w.act_undo.trigger()
        settle()
        undo.append(time.perf_counter() - t)
    results["粘贴 20×3 区域"] = paste
    results["撤销粘贴"] = undo

    print(
        f"平台 {QGuiApplication.platformName()}；大部门：02/03/05 表各 {rows[T.GENERAL]} 行（生成 {built * 1000:.0f} ms）"
    )
    print(f"打开项目并显示05表：{opened * 1000:.0f} ms；审核结果 {len(w.ctl.findings())} 条")
    print(f"每次提交都改变审核结果：{errors_seen}/{(args.rounds + 1) // 2} 次出现错误后又消除")
    print(f"{'步骤':<16}{'次数':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    worst = 0.0
    for name, times in results.items():
        ms = sorted(x * 1000 for x in times)
        p50 = statistics.median(ms)
        p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
        worst = max(worst, p95) if name != "粘贴 20×3 区域" and name != "撤销粘贴" else worst
        print(f"{name:<16}{len(ms):>6}{p50:>9.2f}{p95:>9.2f}{ms[-1]:>9.2f}")
    print(f"按键→重绘 p95 最大值 {worst:.2f} ms（目标 ≤ 16 ms）：{'达到' if worst <= 16 else '未达到'}")
    w.ctl.undo_stack.setClean()
    w.ctl.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
