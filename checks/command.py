"""`main.py check`: load, check, print. No Qt on this path: it must start fast."""

from __future__ import annotations

import json
import sys

from checks.engine import run_checks
from checks.finding import Severity
from checks.report import import_findings, to_json, to_text
from model.loader import InputError, load_input

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def check_one(path: str, as_json: bool, out=None) -> int:
    out = out or sys.stdout
    try:
        loaded = load_input(path)
    except InputError as e:
        print(f"无法读取：{e}", file=sys.stderr)
        return EXIT_UNREADABLE
    project = loaded.project
    findings = run_checks(project) + import_findings(loaded.imported)
    sources = getattr(loaded.imported, "sources", None)
    if as_json:
        json.dump(to_json(findings, project, sources, path), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(to_text(findings, project, path))
    return EXIT_ERRORS if any(f.severity is Severity.ERROR for f in findings) else EXIT_OK
