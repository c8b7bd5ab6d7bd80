"""`main.py export INPUT --xlsx OUT --docx OUT --checklist OUT`: no Qt on this path."""

from __future__ import annotations

import sys
from importlib import import_module

from model.loader import InputError, load_input

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2

# format → (module, function(project, path)); each writes atomically.
WRITERS = {
    "xlsx": ("export.xlsx_workbook", "write_xlsx"),
    "docx": ("export.docx_document", "write_docx"),
    "checklist": ("export.checklist", "write_checklist_pdf"),
}


def writer(fmt: str):
    """The function that writes ``fmt`` (project, path, …)."""
    module, name = WRITERS[fmt]
    return getattr(import_module(module), name)


def run_export(path: str, targets: dict[str, str]) -> int:
    if not targets:
        print("请指定导出格式：--xlsx、--docx 或 --checklist", file=sys.stderr)
        return EXIT_FAILED
    try:
        loaded = load_input(path)
    except InputError as e:
        print(f"无法读取：{e}", file=sys.stderr)
        return EXIT_UNREADABLE
    status = EXIT_OK
    for fmt, out in targets.items():
        write = writer(fmt)
        try:
            if fmt == "checklist":
                from checks.check_command import loaded_findings

                # everything `check` reports: the tables, the 情况说明, what the import could not place
                write(loaded.project, out, loaded_findings(loaded), source=path)
            else:
                write(loaded.project, out)
        except OSError as e:
            print(f"无法写入“{out}”：{e.strerror or e}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        print(f"已导出 {out}")
    return status
