"""The application object that painting off screen needs (the charts' PNGs, the check list's PDF).

Qt is imported inside the function only: ``check`` and the exporters that do not paint stay free of
it. The running application is used when there is one (the window); otherwise one is made for
painting. It is a QApplication, not the bare QGuiApplication painting needs, because Qt allows one
application object per process and a window opened later in the same process (a test run, the
window after a command) needs the QApplication kind.
"""

from __future__ import annotations

import os
import sys

_app = None  # the application made here, kept alive for the process


def painting_app():
    """The running QGuiApplication, or a new QApplication on the offscreen platform.

    Painting into an image or a PDF needs no window system, so unless QT_QPA_PLATFORM says
    otherwise the offscreen platform is used: it works without a display and without the X11
    libraries. On Windows the native platform opens no window either and is the one sure to see
    the installed fonts.
    """
    global _app
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        from PySide6.QtWidgets import QApplication

        argv = [sys.argv[0] if sys.argv and sys.argv[0] else "juesuan"]
        if sys.platform != "win32" and not os.environ.get("QT_QPA_PLATFORM"):
            argv += ["-platform", "offscreen"]
        _app = app = QApplication(argv)
    elif not isinstance(app, QGuiApplication):
        raise RuntimeError("绘图需要图形界面环境（当前进程只有 QCoreApplication）")
    return app
