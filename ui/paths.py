"""Where the window keeps its own files: settings, recovery copies, fallback locks."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

APP_NAME = "决算公开编报助手"
# ASCII names for the registry key and the data folder; some office PCs mangle non-ASCII paths.
ORG_ID = "JuesuanGongkai"
APP_ID = "JuesuanGongkai"
DATA_ENV = "JSGK_DATA_DIR"  # tests and portable installs point the data folder elsewhere


def data_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    if override:
        folder = Path(override)
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir(APP_ID, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settings() -> QSettings:
    """Window geometry, recent files, last folder; kept in the data folder when it is overridden."""
    if os.environ.get(DATA_ENV):
        return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(ORG_ID, APP_ID)
