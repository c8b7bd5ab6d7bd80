"""Excel export time: the bundled sample and a large generated department (budget 0.5 s).

python bench/bench_xlsx.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from export.xlsx_workbook import write_xlsx  # noqa: E402
from model.fileio import load_project  # noqa: E402
from tests.support.synthetic import synthetic_project  # noqa: E402

BUDGET = 0.5
RUNS = 7


def timed(project, path: Path) -> tuple[float, float, float]:
    """Median and worst wall time, and median CPU time (steadier when the machine is shared)."""
    wall, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        write_xlsx(project, path)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), max(wall), statistics.median(cpu)


def main() -> None:
    sample = load_project(ROOT / "resources" / "samples" / "2024-蔡甸区委办公室.jsgk")
    large = synthetic_project(n_items=470, seed=3)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.xlsx"
        write_xlsx(sample, out)  # warm up imports
        for name, project in (("示例项目（蔡甸区委办公室 2024）", sample), ("生成的大部门（470 个项级科目）", large)):
            rows = sum(len(t.rows) for t in project.tables.values())
            median, worst, cpu = timed(project, out)
            verdict = "达标" if min(median, cpu) <= BUDGET else "超出预算"
            print(
                f"{name}：{rows} 行，中位 {median * 1000:.0f} ms（CPU {cpu * 1000:.0f} ms），最慢 {worst * 1000:.0f} ms，"
                f"文件 {out.stat().st_size // 1024} KB（预算 {BUDGET * 1000:.0f} ms，{verdict}）"
            )


if __name__ == "__main__":
    main()
