"""文件 → 导出: one menu entry per exporter of ``export.export_command.WRITERS``.

To add an export to the window, add its writer to ``export.export_command.WRITERS`` (format → module,
function(project, path)) and a line here saying how the menu names it and which files it writes.
"""

from __future__ import annotations

from dataclasses import dataclass


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
