"""The shipping budgets, measured: folder size, start-up, memory, export times.

python bench/bench_budgets.py [--dist dist/juesuan] [--runs 5] [--platform offscreen|xcb|native] [--drop-caches]

- size of the one-folder build (pyinstaller --noconfirm build.spec), when there is one;
- start-up: from launching the process to the main window's first paint with the bundled sample,
  from source and frozen (the window's JUESUAN_STARTUP_PROBE hook; first run and median);
- memory: peak resident size with the core benchmark's large department (470 项 subjects) open,
  at first paint and after every page has been opened;
- .docx export with charts (when this build has the Word export) and .xlsx export, in-process.

Start-up runs with a warm file cache after the first run, unless --drop-caches (Linux, as root)
empties the page cache before every start: a true cold start, as after switching the PC on.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.fileio import load_project, save_project  # noqa: E402
from tests.app_runs import app_env, frozen_command, source_command, start_window  # noqa: E402
from tests.support.synthetic import synthetic_project  # noqa: E402

SIZE_MB = 150
START_SOURCE_S, START_FROZEN_S = 2.0, 3.0
MEMORY_MB = 250
DOCX_S, XLSX_S = 2.0, 0.5
SAMPLE = ROOT / "resources" / "samples" / "2024-蔡甸区委办公室.jsgk"

# Opens the project, builds every page as a user clicking through the navigator would, then reports.
EVERY_PAGE = """
import json, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from ui.app import make_app
from ui.main_window import MainWindow
from ui.probe import memory_mb
app = make_app([])
window = MainWindow(recovery=False)
window.open_path(Path({path!r}), asked=True)
window.show()
for spec in window.specs:
    window.show_page(spec.key)
    app.processEvents()
rss, peak = memory_mb()
window.ctl.close()
print(json.dumps({{"rss_mb": rss, "peak_rss_mb": peak, "pages": len(window.specs)}}))
"""


def verdict(value: float, budget: float) -> str:
    return "达标" if value <= budget else "超出预算"


def line(what: str, figure: str, value: float, budget: float, unit: str) -> None:
    print(f"{what}：{figure}（预算 ≤ {budget:g} {unit}，{verdict(value, budget)}）")


def folder_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def drop_caches() -> None:
    subprocess.run(["sync"], check=True)
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


def starts(cmd: list[str], args: list, env: dict, runs: int, cold: bool = False) -> list:
    out = []
    for _ in range(runs):
        if cold:
            drop_caches()
        out.append(start_window(cmd, *args, env=env))
    return out


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "juesuan", help="the one-folder build")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default="offscreen", help="Qt platform for the window; native: the default")
    parser.add_argument("--drop-caches", action="store_true", help="cold starts: empty the page cache first (root)")
    opts = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        extra = {} if opts.platform == "native" else {"QT_QPA_PLATFORM": opts.platform}
        env = app_env(tmp / "data", **extra)
        if opts.platform == "native":
            env.pop("QT_QPA_PLATFORM", None)
        large = tmp / "大部门-470.jsgk"
        large_project = synthetic_project(n_items=470, seed=3)
        save_project(large_project, large)
        frozen = opts.dist if Path(frozen_command(opts.dist)[0]).exists() else None
        programs = [("源码", source_command(), START_SOURCE_S)]
        if frozen:
            programs.append(("打包版", frozen_command(frozen), START_FROZEN_S))
        cache = "每次启动前清空页缓存（冷启动）" if opts.drop_caches else "首次之后文件已在缓存中"
        print(f"Qt 平台：{opts.platform}；启动与内存各测 {opts.runs} 次；{cache}")

        if frozen:
            size = folder_size_mb(frozen)
            line("单文件夹大小", f"{size:.1f} MB（{frozen}）", size, SIZE_MB, "MB")
        else:
            print(f"单文件夹大小：未找到 {opts.dist}（先运行 pyinstaller --noconfirm build.spec）")

        for name, cmd, budget in programs:
            runs = starts(cmd, [], env, opts.runs, cold=opts.drop_caches)
            seconds = [r.seconds for r in runs]
            median = statistics.median(seconds)
            line(f"启动到主窗口显示（{name}）", f"首次 {seconds[0]:.2f} s，中位 {median:.2f} s", median, budget, "s")

        for name, cmd, _budget in programs:
            peak = max(r.probe["peak_rss_mb"] for r in starts(cmd, [large], env, min(3, opts.runs)))
            line(f"内存：大部门首屏（{name}）", f"峰值 {peak:.0f} MB", peak, MEMORY_MB, "MB")
        every = subprocess.run(
            [sys.executable, "-c", EVERY_PAGE.format(root=str(ROOT), path=str(large))],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        pages = json.loads(every.stdout.splitlines()[-1])
        peak = pages["peak_rss_mb"]
        line("内存：大部门全部页面（源码）", f"峰值 {peak:.0f} MB（{pages['pages']} 页）", peak, MEMORY_MB, "MB")

        sample = load_project(SAMPLE)
        if importlib.util.find_spec("export.docx_document"):
            from export.docx_document import write_docx

            write_docx(sample, tmp / "warm.docx")  # imports, fonts and Qt's painting set up once
            for name, project in (("示例", sample), ("大部门", large_project)):
                s = median_seconds(lambda p=project: write_docx(p, tmp / "out.docx"), opts.runs)
                line(f"导出 Word（含图表，{name}）", f"中位 {s * 1000:.0f} ms", s, DOCX_S, "s")
        else:
            print("导出 Word：本版本尚无 Word 导出（export/docx_document.py），未测")

        from export.xlsx_workbook import write_xlsx

        write_xlsx(sample, tmp / "warm.xlsx")
        for name, project in (("示例", sample), ("大部门", large_project)):
            s = median_seconds(lambda p=project: write_xlsx(p, tmp / "out.xlsx"), max(opts.runs, 7))
            line(f"导出 Excel（{name}）", f"中位 {s * 1000:.0f} ms", s, XLSX_S, "s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
