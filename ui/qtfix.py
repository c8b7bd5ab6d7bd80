"""Work around PySide6 6.12.0 on Python 3.10/3.11: it drops one reference to None (or True/False)
on every call of a Qt method returning void or bool.

That wheel is built as if None, True and False were immortal, which they are only from Python
3.12 on; under 3.11 each ``label.setText(...)``, ``painter.save()`` or ``widget.update()`` lowers
their reference counts, and after some thousand calls the interpreter aborts with "deallocating
None". The app makes such calls on every repaint. Until a fixed PySide6 is installed (pyproject
excludes 6.12.0), ``apply()`` does what Python 3.12 does: it makes these singletons' counts so
large that no session can drain them. Nothing is done on Python 3.12+ or other PySide6 versions.
"""

from __future__ import annotations

import ctypes
import sys

# Far above any count a session reaches, far below Py_ssize_t's limit.
HEADROOM = 1 << 40
_applied = False


def affected() -> bool:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import PySide6

    return tuple(PySide6.__version_info__[:3]) == (6, 12, 0)


def apply() -> bool:
    """Give None, True and False the headroom; True when it was needed and done."""
    global _applied
    if _applied or not affected():
        return _applied
    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field of PyObject
        if count.value != sys.getrefcount(obj) - 1:  # not the layout we expect: leave it alone
            return False
        count.value += HEADROOM
    _applied = True
    return True
