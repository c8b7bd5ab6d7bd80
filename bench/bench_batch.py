"""Batch checking throughput: departments per second over a folder of workbooks and project files.

    python bench/bench_batch.py [COUNT] [N_ITEMS]

Generates COUNT departments (half .xlsx, half .jsgk, a third of them with an error, one damaged
workbook) with about N_ITEMS 项 subjects each, then times `check DIR` with one process and with
all cores. Printing is left out; loading, importing and checking are what is measured.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks.batch import collect_inputs, run_batch  # noqa: E402
from tests.batch_folder import make_inbox  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    n_items = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    with tempfile.TemporaryDirectory() as tmp:
        make_inbox(Path(tmp), count=count, n_items=n_items)
        paths = collect_inputs([tmp])
        cores = os.cpu_count() or 1
        print(
            f"{len(paths)} 个文件（{count} 个部门 + 1 个损坏的工作簿），每个约 {n_items} 个项级科目；{cores} 个 CPU 核心"
        )
        for jobs in sorted({1, cores}):
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                results = run_batch(paths, jobs=jobs)
                best = min(best, time.perf_counter() - start)
            assert sum(not r.readable for r in results) == 1
            print(f"  {jobs} 个进程：{best:.2f} s，{len(paths) / best:.1f} 个部门/秒")


if __name__ == "__main__":
    main()
