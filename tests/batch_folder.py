"""A finance bureau's inbox: generated departments as project files and workbooks, some with errors.

Used by the batch tests and by bench/bench_batch.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from export.xlsx_workbook import write_xlsx
from model.fileio import save_project
from model.layout import T
from model.project import TOTAL
from tests.support.synthetic import synthetic_project


@dataclass(frozen=True)
class Department:
    path: Path
    name: str
    year: int
    broken: bool  # an error was put in on purpose
    damaged: bool = False  # the file cannot be read


def make_inbox(folder: Path, count: int = 22, n_items: int = 15, damaged: int = 1) -> list[Department]:
    """``count`` readable departments of both variants and layouts, every third one with an error,
    alternately saved as .jsgk and .xlsx; plus ``damaged`` workbooks cut off halfway."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        variant = "2020" if i % 3 == 2 else "2023"
        year = 2022 if variant == "2020" else 2023 + i % 2
        layout = "AB"[i % 2]
        name = f"示例第{i + 1:02d}区财政局"
        p = synthetic_project(n_items=n_items + i % 7, seed=100 + i, variant=variant, layout=layout, year=year)
        p.meta.department = name
        broken = i % 3 == 1
        if broken:
            p.tables[T.GENERAL].row(TOTAL).values[2] += Decimal("12.00")
        suffix = ".xlsx" if i % 2 else ".jsgk"
        path = folder / f"{i + 1:02d}-{name}{suffix}"
        if suffix == ".xlsx":
            write_xlsx(p, path)
        else:
            save_project(p, path)
        out.append(Department(path, name, year, broken))
    for j in range(damaged):
        whole = folder / "whole.tmp"
        write_xlsx(synthetic_project(n_items=n_items, seed=900 + j), whole)
        data = whole.read_bytes()
        whole.unlink()
        path = folder / f"{count + j + 1:02d}-损坏的工作簿.xlsx"
        path.write_bytes(data[: len(data) // 2])
        out.append(Department(path, "", 2024, False, damaged=True))
    return out
