"""The window on the screen it opens on: the first start fits the screen's free area (a 1366×768
laptop, 150% scaling), a remembered size larger than the screen is cut to it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED_SIZE = (1500, 940)  # the first start on a screen with room for it; else the screen's free area
FRAME_ALLOWANCE = (16, 40)  # a window's border and title bar, before it has been shown
SMALLEST = (320, 240)


def available(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget) -> None:
    """The preferred size, centred, where the screen has room for it; else all of its free area."""
    free = available(window)
    fw, fh = FRAME_ALLOWANCE
    width, height = PREFERRED_SIZE
    if width + fw <= free.width() and height + fh <= free.height():
        window.resize(width, height)
        window.move(free.center() - window.rect().center())
        return
    window.resize(max(SMALLEST[0], free.width() - fw), max(SMALLEST[1], free.height() - fh))
    window.move(free.topLeft())


def keep_on_screen(window: QWidget) -> None:
    """A remembered size larger than this screen (a laptop after a large monitor) is cut to it, and
    a place off the screen moved onto it."""
    if window.isMaximized() or window.isFullScreen():
        return
    free = available(window)
    fw, fh = FRAME_ALLOWANCE
    width = min(window.width(), max(SMALLEST[0], free.width() - fw))
    height = min(window.height(), max(SMALLEST[1], free.height() - fh))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    if not free.contains(frame.topLeft()) or frame.right() > free.right() or frame.bottom() > free.bottom():
        x = min(max(free.left(), frame.left()), max(free.left(), free.right() - frame.width()))
        y = min(max(free.top(), frame.top()), max(free.top(), free.bottom() - frame.height()))
        window.move(x, y)
