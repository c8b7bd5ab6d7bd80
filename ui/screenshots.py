"""``python -m ui.screenshots OUTDIR [FILE]``: grab every page of the window as PNG, for review.

Run under a real display (or Xvfb) with CJK fonts installed to see what users see.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from ui.app import make_app

    app = make_app([])
    from ui.main_window import MainWindow

    window = MainWindow(recovery=False)
    if len(argv) > 1:
        window.open_path(Path(argv[1]), asked=True)
    else:
        window.open_sample()
    window.resize(1600, 1000)
    window.show()
    for i, spec in enumerate(window.specs):
        window.show_page(spec.key)
        for _ in range(3):
            app.processEvents()
        window.grab().save(str(out / f"{i:02d}-{spec.key}.png"))
    window.panel.grab().save(str(out / "findings-panel.png"))
    window.ctl.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
