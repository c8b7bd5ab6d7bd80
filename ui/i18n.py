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
# What qtbase_zh_CN.qm leaves untranslated (Qt 6.x) in the dialogs this program opens.
MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QPlatformTheme", "Don't Save"): "不保存",
    ("QUnixPrintWidget", "Printer"): "打印机",
}


class Gaps(QTranslator):
    """The few texts Qt's own catalog lacks; asked after it, so its answers come first."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return MISSING.get((context, source), "")

    def isEmpty(self) -> bool:
        return False


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
    gaps = Gaps(app)
    app.installTranslator(gaps)  # first installed, last asked: Qt's catalog answers before it
    loaded: list[QTranslator] = [gaps]
    for name in CATALOGS:
        for folder in translation_dirs():
            translator = QTranslator(app)  # parented: lives as long as the application
            if translator.load(f"{name}_{LANGUAGE}", str(folder)):
                app.installTranslator(translator)
                loaded.append(translator)
                break
            translator.deleteLater()
    return loaded
