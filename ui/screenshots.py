"""Pictures of the window, for review.

    python -m ui.screenshots OUTDIR [FILE]
        every page of the window, as PNG (at 1600×1000; run under a display or Xvfb)
    python -m ui.screenshots OUTDIR [FILE] --screen 1366x768 [--scale 1.5] [--name NAME]
        the window as it first opens on such a screen (offscreen, Qt scaled by --scale as Windows
        scales at 150%): table 02 with its rows, 02 scrolled right, the 情况说明 page, the findings
        folded, 02 under a dark system palette; and NAME.json saying what fits and what is cut

The tests run the second form at 1366×768 and at 1920×1080 with 150% scaling; the README names
the folder they leave the pictures in, for someone to look at.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path


def _settle(app, rounds: int = 4) -> None:
    for _ in range(rounds):
        app.processEvents()


def _opened(file: str | None):
    """The application and a window on FILE, or on the bundled sample."""
    from ui.app import make_app

    app = make_app([])
    from ui.main_window import MainWindow

    window = MainWindow(recovery=False)
    if file:
        window.open_path(Path(file), asked=True)
    else:
        window.open_sample()
    return app, window


def every_page(out: Path, file: str | None) -> int:
    app, window = _opened(file)
    window.resize(1600, 1000)
    window.show()
    for i, spec in enumerate(window.specs):
        window.show_page(spec.key)
        _settle(app, 3)
        window.grab().save(str(out / f"{i:02d}-{spec.key}.png"))
    window.panel.grab().save(str(out / "findings-panel.png"))
    window.ctl.close()
    return 0


def clipped(window) -> list[str]:
    """Visible labels, buttons, boxes narrower or lower than their text needs."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit

    out = []
    for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton) + window.findChildren(QComboBox):
        if not w.isVisibleTo(window) or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and (w.wordWrap() or not w.text()):
            continue
        need = w.minimumSizeHint()
        if w.width() + 1 < need.width() or w.height() + 1 < need.height():
            text = w.text() if hasattr(w, "text") else w.currentText()
            out.append(f"{type(w).__name__} “{text}” {w.width()}×{w.height()} < {need.width()}×{need.height()}")
    for w in window.findChildren(QLineEdit):
        if w.isVisibleTo(window) and w.height() + 1 < w.minimumSizeHint().height():
            out.append(f"QLineEdit “{w.placeholderText()}” {w.height()} < {w.minimumSizeHint().height()}")
    return out


def review(out: Path, file: str | None, name: str) -> int:
    app, window = _opened(file)
    from PySide6.QtWidgets import QApplication

    from model.layout import T
    from ui import style

    window.show()
    _settle(app)
    screen = window.screen()
    free = screen.availableGeometry()
    frame = window.frameGeometry()
    report: dict = {
        "screen": [screen.geometry().width(), screen.geometry().height()],
        "available": [free.x(), free.y(), free.width(), free.height()],
        "scale": screen.devicePixelRatio(),
        "window": [frame.x(), frame.y(), frame.width(), frame.height()],
        "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
        "fits": free.contains(frame),
    }
    page = window.show_page(f"table.{T.INCOME}")
    view = page.view
    _settle(app)
    window.grab().save(str(out / f"{name}-02.png"))
    report["clipped"] = clipped(window)
    report["rows_in_view"] = view.rowAt(view.viewport().height() - 1) - view.rowAt(0) + 1
    bar = view.horizontalScrollBar()
    report["scrolls_sideways"] = bar.maximum() > 0
    bar.setValue(bar.maximum())
    _settle(app)
    window.grab().save(str(out / f"{name}-02-scrolled-right.png"))
    frozen = view.frozen
    report["frozen"] = {
        "columns": frozen.count,
        "visible": frozen.isVisible(),
        "covers": frozen.width_covered(),
        "first_code": frozen.model().index(1, 0).data() if frozen.model() else None,
        "last_column_seen": view.columnAt(view.viewport().width() - 2) == view.model().columnCount() - 1,
    }
    window.show_page("text")
    _settle(app)
    window.grab().save(str(out / f"{name}-text.png"))
    report["clipped_text_page"] = clipped(window)
    window.show_page(f"table.{T.INCOME}")
    bar.setValue(0)
    window.set_panel_collapsed(True)
    _settle(app)
    window.grab().save(str(out / f"{name}-02-findings-folded.png"))
    report["rows_in_view_folded"] = view.rowAt(view.viewport().height() - 1) - view.rowAt(0) + 1
    window.set_panel_collapsed(False)
    QApplication.setPalette(style.dark_palette())
    _settle(app)
    window.grab().save(str(out / f"{name}-02-dark.png"))
    (out / f"{name}.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    window.ctl.undo_stack.setClean()
    window.ctl.close()
    return 0


def offscreen_screen(width: int, height: int) -> str:
    """A QT_QPA_PLATFORM value for an offscreen screen of that size (Qt's offscreen config file)."""
    config = {
        "synchronousWindowSystemEvents": False,
        "windowFrameMargins": False,
        "screens": [{"name": "review", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}],
    }
    fd, path = tempfile.mkstemp(prefix="screen-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(config, f)
    return f"offscreen:configfile={path}"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m ui.screenshots")
    ap.add_argument("out")
    ap.add_argument("file", nargs="?")
    ap.add_argument("--screen", help="WxH: the window as it first opens on such a screen (offscreen)")
    ap.add_argument("--scale", type=float, default=1.0, help="Qt's scale factor (1.5 as Windows at 150%%)")
    ap.add_argument("--name", default="window")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if not args.screen:
        return every_page(out, args.file)
    width, height = (int(x) for x in args.screen.lower().split("x"))
    os.environ["QT_QPA_PLATFORM"] = offscreen_screen(width, height)
    os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    os.environ.setdefault("JSGK_DATA_DIR", tempfile.mkdtemp(prefix="screens-"))  # a first start
    return review(out, args.file, args.name)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
