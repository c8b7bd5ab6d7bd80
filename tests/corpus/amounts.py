"""Reading ``amounts.tsv``: each cell input with the outcome the parser must give it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

PATH = Path(__file__).with_name("amounts.tsv")
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[tnr\\])")
_REPEAT = re.compile(r"\{(\d+)\*(.)\}")
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


@dataclass(frozen=True)
class Case:
    line: int
    category: str
    kind: str
    text: str  # the input as written in the file
    expected: str  # "=V", "EMPTY" or "!reason"
    note: str

    @property
    def raw(self) -> object:
        """The value handed to parse_amount: typed text, or what a workbook cell holds."""
        s = self.text
        match self.kind:
            case "text":
                return unescape(s)
            case "float":
                return float(s)
            case "int":
                return int(s)
            case "decimal":
                return Decimal(s)
            case "bool":
                return s == "true"
            case "date":
                return datetime.date.fromisoformat(s)
            case "datetime":
                return datetime.datetime.fromisoformat(s)
            case "time":
                return datetime.time.fromisoformat(s)
            case "none":
                return None
        raise ValueError(f"line {self.line}: unknown kind {self.kind!r}")

    @property
    def id(self) -> str:
        return f"{self.line}-{self.category}"


def unescape(s: str) -> str:
    s = _REPEAT.sub(lambda m: m.group(2) * int(m.group(1)), s)

    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        return _SIMPLE[code] if code in _SIMPLE else chr(int(code[1:], 16))

    return _ESCAPE.sub(one, s)


def load_cases(path: Path = PATH) -> list[Case]:
    cases = []
    lines = path.read_text(encoding="utf-8").split("\n")
    header_seen = False
    for no, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True  # the column names
            continue
        parts = line.split("\t")
        if len(parts) != 5:
            raise ValueError(f"{path.name}:{no}: expected 5 columns, got {len(parts)}")
        cases.append(Case(no, *parts))
    return cases
