"""Text benchmark: checking the 情况说明 as it is typed, on seed 001's published text.

    python bench/bench_text.py

Measures: the whole document's check (read every section and judge), the re-check after one
keystroke in one section (re-read that section, judge the document again), the re-judge after a
cell changed (no re-reading), and drafting every section from a large department.

Targets (2-core machine): one-section re-check ≤ 16 ms (one frame while typing) for the longest
section; whole-document check ≤ 100 ms.
"""

from __future__ import annotations

import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks.text import TextSession, split_sections  # noqa: E402
from checks.text.draft import apply_draft, draft_sections  # noqa: E402
from tests.seed_data import SEED_2024, caidian_2024  # noqa: E402
from tests.support.synthetic import synthetic_project  # noqa: E402


def ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"median {statistics.median(values) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"


def typing(session: TextSession, sid: str, n: int = 200) -> list[float]:
    """Type and delete a character at the end of a sentence in the middle of the section."""
    p = session.project
    original = p.text[sid]
    at = original.find("。", len(original) // 2)
    at = at if at > 0 else len(original) // 2
    times = []
    for i in range(n):
        p.text[sid] = original[:at] + ("，" if i % 2 == 0 else "") + original[at:]
        t0 = time.perf_counter()
        session.section_changed(sid)
        session.findings()
        times.append(time.perf_counter() - t0)
    p.text[sid] = original
    session.section_changed(sid)
    return times


def main() -> None:
    project = caidian_2024()
    raw = SEED_2024.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    for _ in range(20):
        project.text = split_sections(raw, project.meta.variant)
    split = (time.perf_counter() - t0) / 20
    sizes = {sid: len(t) for sid, t in project.text.items()}
    print(f"种子001 全文 {len(raw)} 字；拆分为 {len(sizes)} 个部分：{split * 1000:.2f} ms")

    full = []
    for _ in range(30):
        t0 = time.perf_counter()
        session = TextSession(project)
        session.findings()
        full.append(time.perf_counter() - t0)
    cov = session.coverage()
    print(f"整篇情况说明审核（读全部 {len(session.readings)} 部分并核对）: {ms(full)}   目标 ≤ 100 ms")
    print(f"  找到数字 {cov.found}，核对 {cov.verified}；问题 {len(session.findings())} 条")

    for sid in ("一", "五", "九", "十三"):
        print(f"在“{sid}”（{sizes[sid]} 字）中输入一个字后重新审核: {ms(typing(session, sid))}   目标 ≤ 16 ms")

    rejudge = []
    row = project.tables["general"].row("2013101")
    for i in range(100):
        row.values[1] += Decimal("0.01") if i % 2 == 0 else Decimal("-0.01")
        t0 = time.perf_counter()
        session.data_changed()
        session.findings()
        rejudge.append(time.perf_counter() - t0)
    print(f"改一个单元格后重新核对情况说明（不重读文字）: {ms(rejudge)}")

    big = synthetic_project(n_items=470, seed=3)
    drafts = []
    for _ in range(10):
        t0 = time.perf_counter()
        draft_sections(big)
        drafts.append(time.perf_counter() - t0)
    print(f"大部门（05表 {len(big.tables['general'].rows) - 1} 行）生成全部初稿: {ms(drafts)}")
    apply_draft(big)
    checks = []
    for _ in range(10):
        t0 = time.perf_counter()
        big_session = TextSession(big)
        checks.append(time.perf_counter() - t0)
    chars = sum(len(t) for t in big.text.values())
    print(f"大部门初稿（{chars} 字）整篇审核: {ms(checks)}；找到数字 {big_session.coverage().found}")
    print(f"  其中“五”（{len(big.text['五'])} 字）输入一个字后重新审核: {ms(typing(big_session, '五', 50))}")


if __name__ == "__main__":
    main()
