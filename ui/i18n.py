"""Qt's own texts in Chinese: editors' context menus, standard buttons, file and print dialogs.

Without a translation Qt shows "Undo", "Select All", "Cancel", "Page setup" … in English. Qt ships
``qtbase_zh_CN.qm``; it is looked for where Qt says its translations are (also in a frozen build,
where PyInstaller's runtime hook points Qt at the bundled folder), then beside the PySide6 package
and beside the executable, so a packaging that moved the folder still finds it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

CATALOGS = ("qtbase",)
LANGUAGE = "zh_CN"


def translation_dirs() -> list[Path]:
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    try:
        import PySide6

        dirs.append(Path(PySide6.__file__).parent / "Qt" / "translations")
    except (ImportError, TypeError):  # pragma: no cover - frozen without a package folder
        pass
    base = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    dirs += [base / "PySide6" / "Qt" / "translations", base / "translations"]
    return dirs


def install_translations(app: QCoreApplication) -> list[QTranslator]:
    """Load the Chinese catalogs into ``app``; returns the translators installed (none when missing)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    loaded: list[QTranslator] = []
    for name in CATALOGS:
        for folder in translation_dirs():
            translator = QTranslator(app)  # parented: lives as long as the application
            if translator.load(f"{name}_{LANGUAGE}", str(folder)):
                app.installTranslator(translator)
                loaded.append(translator)
                break
            translator.deleteLater()
    return loaded
