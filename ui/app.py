"""``python main.py [FILE]``: the window. With no file, the bundled sample project opens."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from model.inputs import shown
from ui.paths import APP_ID, APP_NAME, ORG_ID

_windows: list = []  # windows opened for restored recovery copies stay alive here


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORG_ID)
        QCoreApplication.setApplicationName(APP_ID)
        # Qt is given the program's name only: our arguments are read by main.py, and one that is
        # not valid UTF-8 (a Linux file name) crashes QApplication's own argument parsing.
        app = QApplication([shown(sys.argv[0]) if sys.argv and sys.argv[0] else "juesuan"])
        app.setApplicationDisplayName(APP_NAME)
        from ui.icon import app_icon

        app.setWindowIcon(app_icon())
        from ui.i18n import install_translations
        from ui.style import apply_app_font

        install_translations(app)
        apply_app_font(app)
    return app


def restore_orphans(window) -> bool:
    """Offer every recovery copy a crashed window left; True when one was restored into ``window``."""
    from ui.dialogs import ask_restore, show_error
    from ui.lock import FileLockedError, ProjectLock
    from ui.main_window import MainWindow
    from ui.recovery import ProjectFileError, orphans

    used = False
    for orphan in orphans():
        source = str(orphan.source) if orphan.source else None
        if not ask_restore(window, orphan.name, orphan.when(), source):
            orphan.discard()
            continue
        try:
            project = orphan.load()
        except ProjectFileError as e:
            show_error(window, "无法恢复", str(e))
            orphan.discard()
            continue
        target = window if not used else MainWindow()
        path, lock = orphan.source, None
        if path is not None and path.exists():
            lock = ProjectLock(path)
            try:
                lock.acquire()
            except FileLockedError:
                path, lock = None, None  # that file is open elsewhere: restore as an untitled copy
        target.ctl.replace(project, path, orphan.name if path is None else None, lock=lock, dirty=True)
        orphan.discard()
        if target is not window:
            _windows.append(target)
            target.show()
        used = True
    return used


def run_gui(argv: list[str]) -> int:
    app = make_app(argv)
    from ui.main_window import MainWindow

    window = MainWindow()
    restored = restore_orphans(window)
    opened = bool(argv) and window.open_path(Path(argv[0]), asked=True)
    if not opened and not restored:
        window.open_sample()  # something real to look at, also when the file given cannot be opened
    from ui.probe import arm_from_env

    arm_from_env(window)  # JUESUAN_STARTUP_PROBE: benchmarks time the start and close the window
    window.show()
    return app.exec()
