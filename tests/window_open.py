"""Open a file the way a user does in the window, in a process of its own, for measuring:

    python -m tests.window_open FILE

An offscreen window starts with the bundled sample open; the file is chosen through 文件 → 打开
(the file dialog answered with FILE); any message box is read instead of shown. Prints one JSON
line: the message boxes (title, text), the wall and CPU seconds the opening took, whether the sample is still
open and unmodified, and whether a cell can still be edited. Peak memory is measured by the
caller (``tests.hostile.run_measured``), so it covers the whole window.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from unittest import mock


@contextlib.contextmanager
def intercepted(path: Path, boxes: list[tuple[str, str]]) -> Iterator[None]:
    """The open dialog answers ``path``; message boxes are recorded, not shown (as if 确定 were clicked)."""
    from PySide6.QtWidgets import QMessageBox

    def exec_(box) -> int:
        boxes.append((box.windowTitle(), box.text()))
        return int(QMessageBox.StandardButton.Ok.value)

    with (
        mock.patch("ui.main_window.QFileDialog.getOpenFileName", lambda *_a, **_k: (str(path), "")),
        mock.patch.object(QMessageBox, "exec", exec_),
    ):
        yield


def open_through_menu(window, path: Path) -> tuple[list[tuple[str, str]], float]:
    boxes: list[tuple[str, str]] = []
    with intercepted(path, boxes):
        t0 = time.perf_counter()
        window.act_open.trigger()
        took = time.perf_counter() - t0
    return boxes, took


def still_editable(window) -> bool:
    """A cell can be typed into, and the edit undone."""
    from decimal import Decimal

    from model.layout import T

    ctl = window.ctl
    row = ctl.project.tables[T.THREE].rows[0]
    before, modified = row.values.get(1), ctl.modified
    if not ctl.set_cells(T.THREE, [("data", 1, "12,345.67")]) or row.values.get(1) != Decimal("12345.67"):
        return False
    ctl.undo_stack.undo()
    return row.values.get(1) == before and ctl.modified == modified


def main(path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as data:
        os.environ["JSGK_DATA_DIR"] = data
        from PySide6.QtWidgets import QApplication

        from ui.main_window import MainWindow

        app = QApplication.instance() or QApplication([])
        window = MainWindow(recovery=False)
        window.open_sample()
        window.show()
        app.processEvents()
        sample, before = window.ctl.project, window.ctl.project.model_dump()
        cpu = time.process_time()
        boxes, took = open_through_menu(window, path)
        cpu = time.process_time() - cpu
        app.processEvents()
        kept = window.ctl.project is sample and window.ctl.project.model_dump() == before and not window.ctl.modified
        result = {
            "boxes": boxes,
            "seconds": took,
            "cpu": cpu,
            "sample_kept": kept,
            "editable": still_editable(window),
        }
        window.ctl.close()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
