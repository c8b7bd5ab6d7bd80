"""Time of the Word export (``write_docx``, charts included) for the sample and a large department.

python bench/bench_docx.py            budget: ≤ 2 s for synthetic_project(n_items=470, seed=3)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from export.docx_document import write_docx  # noqa: E402
from model.fileio import load_project  # noqa: E402
from model.resources import resource_path  # noqa: E402
from tests.support.synthetic import synthetic_project  # noqa: E402

RUNS = 5
BUDGET_S = 2.0


def measure(name: str, project, folder: Path) -> float:
    out = folder / f"{name}.docx"
    write_docx(project, out)  # warm-up: Qt start, catalog and glossary loading
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        write_docx(project, out)
        times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)
    size = out.stat().st_size / 1024
    print(f"{name:<40} median {median * 1000:7.0f} ms   best {best * 1000:7.0f} ms   {size:7.0f} KB")
    return median


def main() -> int:
    sample = load_project(resource_path("samples", "2024-蔡甸区委办公室.jsgk"))
    large = synthetic_project(n_items=470, seed=3)
    rows = sum(len(t.rows) for t in large.tables.values())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        write_docx(sample, folder / "cold.docx")
        print(f"{'first export in a fresh process (sample)':<40} {(time.perf_counter() - start) * 1000:7.0f} ms")
        measure("sample 2024 蔡甸区委办公室", sample, folder)
        median = measure(f"synthetic n_items=470 ({rows} rows)", large, folder)
    ok = median <= BUDGET_S
    print(f"budget {BUDGET_S:.1f} s for the large department: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
