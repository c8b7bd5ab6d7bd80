"""文件 → 导出: one menu entry per exporter of ``export.command.WRITERS`` that this build has.

To add an export to the window, add its writer to ``export.command.WRITERS`` (format → module,
function(project, path)) and a line here saying how the menu names it and which files it writes.
An entry whose module is missing is left out of the menu.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class ExportEntry:
    fmt: str  # key of WRITERS
    label: str  # menu text
    file_filter: str
    suffix: str


EXPORTS = (
    ExportEntry("xlsx", "导出 Excel 工作簿…", "Excel 工作簿 (*.xlsx)", ".xlsx"),
    ExportEntry("docx", "导出 Word 文档…", "Word 文档 (*.docx)", ".docx"),
)
# The check list is printed from 审核 → 审核清单 (ui/checklist_print.py), with the window's findings.


def writer(fmt: str):
    """The export function for a format, or None when this build does not have it."""
    from export.command import WRITERS

    entry = WRITERS.get(fmt)
    if entry is None:
        return None
    module, name = entry
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError):
        return None


def available() -> list[ExportEntry]:
    return [e for e in EXPORTS if writer(e.fmt) is not None]
