"""Pasting thousands of subject rows into table 05 of the large department, and undoing it.

    QT_QPA_PLATFORM=offscreen python bench/bench_paste.py [--rows 10000 1000]

Each step is timed from the call (the grid's paste, the undo stack's undo and redo) until Qt's
event queue is empty: the rows added, the checks rebuilt, the grid and the findings panel
repainted. Resident memory is read before and after. Target (issue 12): paste and undo of
10 000 rows ≤ 2 s each, memory within the 250 MB budget of the window.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("JSGK_DATA_DIR", tempfile.mkdtemp(prefix="bench-paste-"))


def block(rows: int) -> str:
    """``rows`` lines "code<TAB>name<TAB>figures" of 项 the table does not have yet."""
    lines = []
    for i in range(rows):
        cls, rest = ("229", "227")[i // 9801], i % 9801
        code = f"{cls}{rest // 99 + 1:02d}{rest % 99 + 1:02d}"
        lines.append(f"{code}\t粘贴科目{i}\t{i + 1}.00\t{i + 1}.00\t")
    return "\n".join(lines)


def rss_mb() -> float:
    from ui.probe import memory_mb

    return memory_mb()[0] or 0.0


def settle(app) -> None:
    app.processEvents()
    app.processEvents()


def timed(app, step) -> float:
    gc.collect()
    t0 = time.perf_counter()
    step()
    settle(app)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="*", default=[1000, 10000])
    args = ap.parse_args()

    from ui.app import make_app

    app = make_app([])
    from model.layout import T
    from tests.support.synthetic import synthetic_project
    from ui.main_window import MainWindow

    print(f"{'rows':>7} {'paste s':>8} {'undo s':>8} {'redo s':>8} {'undo s':>8} {'MB before':>10} {'MB after':>9}")
    for rows in args.rows:
        w = MainWindow(recovery=False)
        w.ctl.replace(synthetic_project(n_items=470), None, "大部门")
        w.resize(1500, 940)
        w.show()
        w.show_page(f"table.{T.GENERAL}")
        view = w.current_grid()
        settle(app)
        view.setCurrentIndex(view.model().index(view.model().rowCount() - 1, 0))
        text = block(rows)
        before = rss_mb()
        n0 = len(w.ctl.project.tables[T.GENERAL].rows)
        paste = timed(app, lambda text=text, view=view: view.paste(text))
        added = len(w.ctl.project.tables[T.GENERAL].rows) - n0
        undo = timed(app, w.ctl.undo_stack.undo)
        assert len(w.ctl.project.tables[T.GENERAL].rows) == n0
        redo = timed(app, w.ctl.undo_stack.redo)
        undo2 = timed(app, w.ctl.undo_stack.undo)
        after = rss_mb()
        print(
            f"{rows:>7} {paste:>8.2f} {undo:>8.2f} {redo:>8.2f} {undo2:>8.2f} {before:>10.0f} {after:>9.0f}  ({added} rows added)"
        )
        w.ctl.close()
        w.close()
        w.deleteLater()
        settle(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
