"""`main.py export INPUT --xlsx OUT --docx OUT --checklist OUT [--strict]`: no Qt on this path.

The input is checked first and the counts per severity go to stderr (as `check` counts them);
with ``--strict`` a single 错误 stops the export: exit 1, nothing written.

Before anything is written, every output is checked (``model.outputs``): none may be the input,
none the same file as another, none read-only or missing its folder; a clash exits 2 with the
reason. What a killed export left in an output folder is tidied first. Each output is written
atomically; one that fails leaves no file and no temporary, and says why in Chinese.
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path

from model.fileio import remove_stale
from model.inputs import os_error_text, shown
from model.loader import InputError, load_input
from model.outputs import EXPORT_SUFFIXES, OutputRefused, refuse_clashes
from model.project import Project
from model.text_clean import length_problems

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


def export_failure(target: str | Path, e: BaseException) -> str:
    """What the user reads when writing ``target`` failed, in Chinese, with the path."""
    if isinstance(e, OutputRefused):
        return f"未导出“{shown(target)}”：{e}。"
    if isinstance(e, OSError):
        return f"无法写入“{shown(target)}”：{os_error_text(e)}。"
    return f"导出“{shown(target)}”失败（{type(e).__name__}），未写入此文件。请将此信息告知软件维护人员。"


def refuse_beyond_limits(project: Project) -> None:
    """A project whose texts pass their limits (made by a program, not loaded or typed: both refuse
    them) is not exported: Excel would cut a cell's text at 32 767 characters without a word."""
    problems = length_problems(project)
    if problems:
        raise OutputRefused(f"{problems[0]}{f'等 {len(problems)} 处' if len(problems) > 1 else ''}；未写入任何文件。")


def run_export(path: str, targets: dict[str, str], strict: bool = False) -> int:
    if not targets:
        print("请指定导出格式：--xlsx、--docx 或 --checklist", file=sys.stderr)
        return EXIT_FAILED
    try:
        refuse_clashes([path], {f"--{fmt}": out for fmt, out in targets.items()})
    except OutputRefused as e:
        print(f"无法导出：{e}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        loaded = load_input(path)
    except InputError as e:
        print(f"无法读取：{e}", file=sys.stderr)
        return EXIT_UNREADABLE
    for note in loaded.project.load_notes:
        print(f"注意：{note}。", file=sys.stderr)
    try:
        refuse_beyond_limits(loaded.project)
    except OutputRefused as e:
        print(f"无法导出：{e}", file=sys.stderr)
        return EXIT_UNREADABLE
    from checks.check_command import loaded_findings
    from checks.finding import Severity
    from checks.report import counts_line, summarize

    findings = loaded_findings(loaded)  # everything `check` reports, in the unit it was checked in
    counts = summarize(findings, loaded.project)
    print(f"审核结果：{counts_line(counts)}", file=sys.stderr)
    errors = counts[Severity.ERROR.value]
    if strict and errors:
        print(f"有 {errors} 个错误，按 --strict 未导出任何文件。用“check”查看问题并改正后再导出。", file=sys.stderr)
        return EXIT_FAILED
    for folder in {Path(out).parent for out in targets.values()}:
        remove_stale(folder, EXPORT_SUFFIXES)  # what an export killed midway left there
    status = EXIT_OK
    for fmt, out in targets.items():
        write = writer(fmt)
        try:
            if fmt == "checklist":
                # everything `check` reports (the tables — in 元 when the workbook is —, the 情况说明,
                # what the import could not place), in the unit it was checked in
                write(loaded.checked, out, findings, source=shown(path))
            else:
                write(loaded.project, out)
        except Exception as e:  # any failure of one output is reported; the others still go
            print(export_failure(out, e), file=sys.stderr)
            status = EXIT_FAILED
            continue
        print(f"已导出 {shown(out)}")
    return status
