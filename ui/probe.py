"""Start-up probe for benchmarks and the packaging test: ``JUESUAN_STARTUP_PROBE=FILE``.

When set, the window appends one JSON line to FILE once it has painted for the first time —
the wall-clock time (``time.time()``, so the caller can subtract its own launch time), the
process's resident and peak memory in MB — and then closes, so a script can time a cold start
of the source or the frozen build with no display and nobody to click.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "JUESUAN_STARTUP_PROBE"


def memory_mb() -> tuple[float | None, float | None]:
    """(resident, peak resident) in MB for this process, None where the platform will not say."""
    if sys.platform.startswith("linux"):
        fields = {}
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    fields[key] = int(value.split()[0]) / 1024
        return fields.get("VmRSS"), fields.get("VmHWM")
    if sys.platform == "win32":
        return _windows_memory_mb()
    import resource  # macOS: ru_maxrss in bytes; no cheap current figure

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    return None, peak


def _windows_memory_mb() -> tuple[float | None, float | None]:
    import ctypes
    from ctypes import wintypes

    class Counters(ctypes.Structure):
        _fields_ = [
            ("cb", wintypes.DWORD),
            ("PageFaultCount", wintypes.DWORD),
            ("PeakWorkingSetSize", ctypes.c_size_t),
            ("WorkingSetSize", ctypes.c_size_t),
            ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPagedPoolUsage", ctypes.c_size_t),
            ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
            ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
            ("PagefileUsage", ctypes.c_size_t),
            ("PeakPagefileUsage", ctypes.c_size_t),
        ]

    c = Counters()
    c.cb = ctypes.sizeof(c)
    process = ctypes.windll.kernel32.GetCurrentProcess()
    if not ctypes.windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(c), c.cb):
        return None, None
    return c.WorkingSetSize / 2**20, c.PeakWorkingSetSize / 2**20


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, target: str):
        super().__init__(window)
        self.window, self.target, self.done = window, target, False

    def eventFilter(self, watched, event) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            # Report once this paint has finished and reached the screen's backing store.
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        rss, peak = memory_mb()
        line = {"shown": time.time(), "rss_mb": rss, "peak_rss_mb": peak, "title": self.window.windowTitle()}
        with open(self.target, "a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.window.close()
        QApplication.quit()


def arm_from_env(window: QWidget) -> None:
    """Call before ``window.show()``; does nothing unless the environment asks for the probe."""
    target = os.environ.get(ENV)
    if target:
        window.installEventFilter(_FirstPaint(window, target))
