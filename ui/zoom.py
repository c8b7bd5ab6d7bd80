"""The tables' zoom: Ctrl+wheel, Ctrl+= / Ctrl+-, Ctrl+0 back to 100%; remembered between sessions.

One factor for every table of the window (as a spreadsheet's zoom follows the user, not the
sheet); the grids apply it to their fonts, row heights and column widths.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui.paths import settings

STEPS = (0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
KEY = "view/zoom"


def nearest_step(factor: float) -> float:
    return min(STEPS, key=lambda s: abs(s - factor))


class Zoom(QObject):
    changed = Signal(float)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        try:
            saved = float(settings().value(KEY, 1.0))
        except (TypeError, ValueError):
            saved = 1.0
        self.factor = nearest_step(saved)

    def step(self, n: int) -> None:
        """n steps larger (n > 0) or smaller; stops at the ends."""
        i = STEPS.index(self.factor)
        self.set(STEPS[max(0, min(len(STEPS) - 1, i + n))])

    def reset(self) -> None:
        self.set(1.0)

    def set(self, factor: float) -> None:
        factor = nearest_step(factor)
        if factor == self.factor:
            return
        self.factor = factor
        settings().setValue(KEY, factor)
        self.changed.emit(factor)

    @property
    def percent(self) -> str:
        return f"{round(self.factor * 100)}%"
