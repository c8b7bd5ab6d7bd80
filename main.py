"""决算公开编报助手: the window, or the command line.

python main.py [PROJECT]                  open the window (the bundled sample when none is given)
python main.py check INPUT [--json]       check a project file (.jsgk) or a workbook (.xlsx)
python main.py check INPUT --text DOC     … and the 情况说明 in DOC (.docx or .txt) against INPUT's data
python main.py check DIR|INPUT… [--json]  check every department of a folder, on all cores
python main.py export INPUT --xlsx OUT.xlsx --docx OUT.docx --checklist OUT.pdf [--strict]
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import sys

COMMANDS = ("check", "export")


def _utf8_stdio() -> None:
    # Windows consoles default to a legacy code page; everything we print is Chinese. A file name
    # that is not UTF-8 (Linux) is printed escaped by the commands; should one slip through, it
    # comes out as \udcff rather than killing the run between two outputs.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def _parser() -> argparse.ArgumentParser:
    # The packaged programs (juesuan, juesuan-cli) name themselves in usage lines, not main.py.
    prog = os.path.splitext(os.path.basename(sys.executable))[0] if getattr(sys, "frozen", False) else "main.py"
    p = argparse.ArgumentParser(prog=prog, description="决算公开编报助手（不带命令时打开窗口）")
    sub = p.add_subparsers(dest="command", metavar="命令")
    check = sub.add_parser("check", help="审核项目文件或工作簿，按表列出问题；给文件夹或多个文件时批量审核")
    check.add_argument("input", nargs="+", help="项目文件（.jsgk）、工作簿（.xlsx），或存放它们的文件夹")
    check.add_argument("--json", action="store_true", help="以 JSON 输出")
    check.add_argument("--text", metavar="DOC", help="同时审核情况说明（.docx 或 .txt，可为整篇公开文档）中的数字")
    check.add_argument("--jobs", type=int, metavar="N", help="批量审核时同时使用的进程数（默认：全部 CPU 核心）")
    export = sub.add_parser("export", help="导出 Excel 工作簿、Word 文档或审核清单")
    export.add_argument("input", help="项目文件（.jsgk）或工作簿（.xlsx）")
    export.add_argument("--xlsx", metavar="OUT.xlsx", help="九张公开表的 Excel 工作簿")
    export.add_argument("--docx", metavar="OUT.docx", help="部门决算公开文档（Word）")
    export.add_argument("--checklist", metavar="OUT.pdf", help="审核清单（PDF）")
    export.add_argument(
        "--strict", action="store_true", help="仍有错误时不导出，退出状态为 1（审核数目总写在标准错误输出上）"
    )
    return p


def run_command(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        if len(args.input) == 1 and not os.path.isdir(args.input[0]):
            from checks.check_command import check_one

            return check_one(args.input[0], args.json, text=args.text)
        if args.text:
            print("--text 只能与一个项目文件或工作簿一起使用。", file=sys.stderr)
            return 2
        from checks.batch import check_many

        return check_many(args.input, args.json, args.jobs)
    if args.command == "export":
        from export.export_command import run_export

        targets = {k: v for k, v in (("xlsx", args.xlsx), ("docx", args.docx), ("checklist", args.checklist)) if v}
        return run_export(args.input, targets, strict=args.strict)
    _parser().print_help()
    return 2


def _tell_window_user(text: str) -> None:
    """The packaged window has no console to print to: say it in a message box."""
    from ui.app import make_app
    from ui.dialogs import show_error

    make_app([])
    show_error(None, "无法启动", text)


def main(argv: list[str] | None = None) -> int:
    # The packaged Windows build starts batch workers by re-running itself; this routes them.
    multiprocessing.freeze_support()
    _utf8_stdio()
    argv = sys.argv[1:] if argv is None else argv
    command = bool(argv) and (argv[0] in COMMANDS or argv[0] in ("-h", "--help"))
    from model.safety import UnsafeXmlError, assert_xml_safety

    try:
        assert_xml_safety()  # before any file from elsewhere is read
    except UnsafeXmlError as e:
        print(e, file=sys.stderr)
        if not command:
            _tell_window_user(str(e))
        return 2
    try:
        if command:
            return run_command(argv)
        from ui.app import run_gui

        return run_gui(argv)
    except BrokenPipeError:  # output piped into `head` and the like
        with contextlib.suppress(OSError):
            sys.stdout.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
