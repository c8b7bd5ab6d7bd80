"""`main.py check DIR` or several inputs: every department of a folder, checked on all cores.

A finance bureau receives one project file or workbook per department. The batch prints one row
per input (the counts per severity, or why it could not be read), the totals, then each
department's findings as `check` prints them. No Qt here.

Exit status: 2 when any input could not be read (or none was found), else 1 when any department
has 错误, else 0 — the worst of what `check` would say for each input alone.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from checks.finding import SEVERITIES
from checks.report import summarize, to_json, to_text
from model.inputs import name_of, shown

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
# Old .xls and WPS .et files are collected too, so that they are reported (with how to convert
# them) instead of being passed over in silence.
INPUT_SUFFIXES = (".jsgk", ".xlsx", ".xlsm", ".xls", ".et")
COUNT_KEYS = tuple(s.value for s in SEVERITIES)


@dataclass
class BatchResult:
    """One input's outcome, small enough to travel back from a worker process."""

    input: str
    error: str | None = None  # why it could not be read; None when it was checked
    department: str = ""
    year: int | None = None
    counts: dict[str, int] = field(default_factory=dict)  # severity value → count, and "accepted"
    report: dict = field(default_factory=dict)  # what `check --json` prints for this input
    text: str = ""  # what `check` prints for this input

    @property
    def readable(self) -> bool:
        return self.error is None


def collect_inputs(args: Iterable[str]) -> list[str]:
    """Folders are expanded to the project files and workbooks directly inside them, by name.

    Excel's lock files (~$…) and hidden files are skipped. Whatever else carries an input's name
    is kept even when it is not a file to read (a link to nowhere or to itself, a named pipe, a
    folder called "x.xlsx"), and so is a path that does not exist: checking it names it in the
    report as not read, with why, instead of passing over it without a word.
    """
    out: list[str] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            found = [
                c for c in p.iterdir() if c.suffix.lower() in INPUT_SUFFIXES and not c.name.startswith(("~$", "."))
            ]
            out += [str(c) for c in sorted(found, key=lambda c: c.name)]
        else:
            out.append(str(p))
    return out


def check_path(path: str) -> BatchResult:
    """Load and check one input; runs in a worker process."""
    from checks.check_command import loaded_findings, loaded_sources
    from model.loader import InputError, load_input

    try:
        loaded = load_input(path)
    except InputError as e:
        return BatchResult(path, error=str(e))
    except Exception as e:  # a file the importer trips over must not sink the whole batch
        return BatchResult(path, error=f"读取时出错（{type(e).__name__}：{e}）")
    project = loaded.checked  # a workbook in 元: checked, and reported, in 元
    findings = loaded_findings(loaded)
    return BatchResult(
        path,
        department=project.meta.department,
        year=project.meta.year,
        counts=summarize(findings, project),
        report=to_json(findings, project, loaded_sources(loaded), shown(path)),
        text=to_text(findings, project, shown(path)),
    )


def run_batch(paths: Sequence[str], jobs: int | None = None, progress=None) -> list[BatchResult]:
    """Check every path, in parallel over ``jobs`` processes (all cores by default); results keep input order."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    if jobs == 1:
        results = []
        for i, path in enumerate(paths, 1):
            results.append(check_path(path))
            if progress:
                progress(i, len(paths))
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures: list[Future] = [pool.submit(check_path, path) for path in paths]
        results = []
        for i, (path, future) in enumerate(zip(paths, futures, strict=True), 1):
            try:
                results.append(future.result())
            except BrokenProcessPool:
                results.append(BatchResult(path, error="审核此文件时程序意外退出（可能内存不足），请单独审核此文件"))
            if progress:
                progress(i, len(paths))
        return results


def totals(results: Sequence[BatchResult]) -> dict[str, int]:
    out = {"inputs": len(results), "checked": 0, "unreadable": 0, "with_errors": 0}
    out.update({k: 0 for k in (*COUNT_KEYS, "accepted")})
    for r in results:
        if not r.readable:
            out["unreadable"] += 1
            continue
        out["checked"] += 1
        out["with_errors"] += bool(r.counts.get("error"))
        for k in (*COUNT_KEYS, "accepted"):
            out[k] += r.counts.get(k, 0)
    return out


def exit_status(results: Sequence[BatchResult]) -> int:
    if not results or any(not r.readable for r in results):
        return EXIT_UNREADABLE
    return EXIT_ERRORS if any(r.counts.get("error") for r in results) else EXIT_OK


# ---------------------------------------------------------------- printing

# Numbers first, right-aligned in fixed ASCII widths, so the rows line up in any console whatever
# the department names; the names come last and need no padding.
_NUMBER_COLUMNS = ("年度", *(s.label for s in SEVERITIES))
_WIDTH = 9


def _head(label: str) -> str:
    return " " * (_WIDTH - 2 * len(label)) + label  # the labels are all CJK, two cells a character


def summary_table(results: Sequence[BatchResult]) -> str:
    t = totals(results)
    lines = [
        f"批量审核：{t['inputs']} 个文件，已审核 {t['checked']} 个，无法读取 {t['unreadable']} 个；"
        f"有错误的部门 {t['with_errors']} 个",
        "",
        " 序号" + "".join(_head(c) for c in _NUMBER_COLUMNS) + "  部门（文件）",
    ]
    for i, r in enumerate(results, 1):
        name = name_of(r.input)
        if r.readable:
            cells = [str(r.year or "")] + [str(r.counts.get(k, 0)) for k in COUNT_KEYS]
            numbers = "".join(c.rjust(_WIDTH) for c in cells)
            lines.append(f"{i:>5}{numbers}  {r.department or '（未填部门名称）'}（{name}）")
        else:
            lines.append(f"{i:>5}  无法读取{' ' * (_WIDTH * len(_NUMBER_COLUMNS) - 8)}{name}：{r.error}")
    numbers = " " * _WIDTH + "".join(str(t[k]).rjust(_WIDTH) for k in COUNT_KEYS)
    lines.append(f" 合计{numbers}  {t['checked']} 个部门")
    for (department, year), names in repeated_departments(results).items():
        lines.append(f"注意：{department} {year}年度 出现在 {len(names)} 个文件中：{'、'.join(names)}")
    return "\n".join(lines) + "\n"


def repeated_departments(results: Sequence[BatchResult]) -> dict[tuple[str, int | None], list[str]]:
    """Departments sent more than once (a workbook and a project file, or two versions)."""
    seen: dict[tuple[str, int | None], list[str]] = {}
    for r in results:
        if r.readable and r.department:
            seen.setdefault((r.department, r.year), []).append(name_of(r.input))
    return {k: v for k, v in seen.items() if len(v) > 1}


def details(results: Sequence[BatchResult]) -> str:
    parts = []
    for i, r in enumerate(results, 1):
        parts.append(f"{'=' * 30} {i}. {name_of(r.input)}")
        parts.append(r.text if r.readable else f"无法读取：{r.error}\n")
    return "\n".join(parts)


def batch_json(results: Sequence[BatchResult]) -> dict:
    inputs = []
    for r in results:
        item: dict[str, object] = {"input": shown(r.input), "readable": r.readable}
        if r.readable:
            item.update(r.report)
        else:
            item["error"] = r.error
        inputs.append(item)
    return {"inputs": inputs, "totals": totals(results)}


def _progress_to(stream):
    if not getattr(stream, "isatty", lambda: False)():
        return None

    def show(done: int, total: int) -> None:
        stream.write(f"\r已审核 {done}/{total}")
        if done == total:
            stream.write("\r" + " " * 20 + "\r")
        stream.flush()

    return show


def check_many(args: Sequence[str], as_json: bool, jobs: int | None = None, out=None) -> int:
    out = out or sys.stdout
    paths = collect_inputs(args)
    if not paths:
        print("所给文件夹中没有项目文件（.jsgk）或工作簿（.xlsx）。", file=sys.stderr)
        return EXIT_UNREADABLE
    results = run_batch(paths, jobs, _progress_to(sys.stderr))
    if as_json:
        json.dump(batch_json(results), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(summary_table(results))
        out.write("\n")
        out.write(details(results))
    return exit_status(results)
