"""The app icon for windows and the taskbar, from the PNGs ``installer/make_icon.py`` draws."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from model.resources import resource_path

SIZES = (16, 32, 48, 256)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in SIZES:
        path = resource_path("icons", f"juesuan-{size}.png")
        if path.exists():  # a missing file costs the icon, never the start
            icon.addFile(str(path))
    return icon
