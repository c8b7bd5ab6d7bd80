"""`main.py check`: load, check, print. No Qt on this path: it must start fast."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from checks.engine import run_checks
from checks.finding import Finding, Severity
from checks.report import to_json, to_text
from checks.rules.imports import import_findings
from checks.text.session import Coverage
from model.inputs import shown
from model.loader import InputError, Loaded, load_input
from model.project import Project

if TYPE_CHECKING:
    from checks.text.session import Coverage

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def loaded_findings(loaded: Loaded) -> list[Finding]:
    """The checks' findings (the 情况说明 too, when the project holds it), then what the
    workbook import could not place."""
    findings, _coverage = loaded_report(loaded)
    return findings


def loaded_report(loaded: Loaded) -> tuple[list[Finding], Coverage | None]:
    project = loaded.project
    findings = run_checks(loaded.checked)  # a workbook in 元: its tables in 元, exactly
    coverage = None
    if any(v.strip() for v in project.text.values()):
        from checks.text.session import check_text

        report = check_text(project, findings)
        findings += report.findings
        coverage = report.coverage
    return findings + import_findings(loaded.imported), coverage


def loaded_sources(loaded: Loaded) -> dict | None:
    return getattr(loaded.imported, "sources", None)


def load_text_into(project: Project, path: str) -> list[str]:
    """Put DOC's sections into project.text (the caller checks them); ValueError with a Chinese
    message when DOC cannot be read or holds no section heading this checker knows. Returns
    notes on what was changed on the way in (characters no output can hold, taken out)."""
    from checks.text.docfile import TextFileError, read_document
    from checks.text.split import document_sections

    try:
        raw = read_document(path)
    except TextFileError as e:
        raise ValueError(str(e)) from None
    sections, notes = document_sections(raw, project.meta.variant, shown(path))
    if not sections:
        raise ValueError(f"“{shown(path)}”中没有找到情况说明的标题（如“一、收入支出决算总体情况说明”）。")
    project.text = sections
    project.drafts = {}
    return notes


def check_one(path: str, as_json: bool, out=None, text: str | None = None) -> int:
    """Check INPUT; with ``text`` (a .docx or .txt holding the 情况说明 or the whole document),
    also check that text against INPUT's data."""
    out = out or sys.stdout
    try:
        loaded = load_input(path)
    except InputError as e:
        print(f"无法读取：{e}", file=sys.stderr)
        return EXIT_UNREADABLE
    project = loaded.project
    notes = list(project.load_notes)
    if text is not None:
        try:
            notes += load_text_into(project, text)
        except ValueError as e:
            print(f"无法读取情况说明：{e}", file=sys.stderr)
            return EXIT_UNREADABLE
    for note in notes:
        print(f"注意：{note}。", file=sys.stderr)
    findings, coverage = loaded_report(loaded)
    shown_path = shown(path)
    if as_json:
        doc = to_json(findings, loaded.checked, loaded_sources(loaded), shown_path)
        if coverage is not None:
            doc["summary"]["text"] = shown(text) if text else "项目文件中的情况说明"
            doc["summary"]["text_coverage"] = coverage.as_dict()
        json.dump(doc, out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        report_text = to_text(findings, loaded.checked, shown_path)
        if coverage is not None:
            lines = report_text.split("\n")
            at = next((i + 1 for i, line in enumerate(lines) if line.startswith("模板：")), 1)
            source = shown(text) if text else "项目文件中的情况说明"
            lines.insert(at, f"情况说明：{source}；核对数字 {coverage.verified} / 找到数字 {coverage.found}")
            report_text = "\n".join(lines)
        out.write(report_text)
    return EXIT_ERRORS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK
