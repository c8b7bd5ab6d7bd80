"""`main.py check`: load, check, print. No Qt on this path: it must start fast."""

from __future__ import annotations

import json
import sys

from checks.engine import run_checks
from checks.finding import Finding, Severity
from checks.report import import_findings, to_json, to_text
from model.loader import InputError, Loaded, load_input

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def loaded_findings(loaded: Loaded) -> list[Finding]:
    """The checks' findings, then what the workbook import could not place."""
    return run_checks(loaded.project) + import_findings(loaded.imported)


def loaded_sources(loaded: Loaded) -> dict | None:
    return getattr(loaded.imported, "sources", None)


def check_one(path: str, as_json: bool, out=None) -> int:
    out = out or sys.stdout
    try:
        loaded = load_input(path)
    except InputError as e:
        print(f"无法读取：{e}", file=sys.stderr)
        return EXIT_UNREADABLE
    project = loaded.project
    findings = loaded_findings(loaded)
    if as_json:
        json.dump(to_json(findings, project, loaded_sources(loaded), path), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(to_text(findings, project, path))
    return EXIT_ERRORS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK
