"""The desktop window (PySide6). Nothing under model/, checks/ or export/ imports this package."""

from ui import qtfix

qtfix.apply()
