"""Fault-injection benchmark: how often the checks find one wrong figure, and what else they call wrong.

    python bench/faults.py [--n 2600] [--seed 1] [--kind cent,total,...] [--verbose] [--causes 10]

Takes consistent departments (bench/fault_departments.py: synthetic ones of several sizes with
drafted text, and the two bundled samples with their real errors corrected), injects ONE fault at
a time (bench/fault_kinds.py: thirteen kinds, from a cell ±0.01 to a wrong year), checks the whole
project as ``main.py check`` does and compares the findings with those of the clean department
(bench/fault_outcome.py says exactly what counts as found, as elsewhere and as checkable).

Prints per kind: faults injected, checkable, found at their place (of the checkable), and the false
错误 elsewhere; then the most common causes of false errors elsewhere, grouped by class; timing;
and last:  faults: N injected, found F (P%), false errors elsewhere E
(F counts the checkable faults found; P = F / checkable.)

Faults are drawn with a fixed seed: the n faults are shared evenly among the kinds; each fault picks a
department at random among those the kind can strike, then one of its places (every place once
before any twice), then the change (the sign of ±0.01, the digit typed wrong).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.fault_causes import CLASSES, cause_of  # noqa: E402
from bench.fault_departments import Department, departments  # noqa: E402
from bench.fault_kinds import KIND, KINDS, Candidate, Fault, candidates  # noqa: E402
from bench.fault_outcome import Baseline, Outcome, judge  # noqa: E402


def draw(depts: list[Department], kinds: list[str], n: int, seed: int) -> list[Fault]:
    rng = random.Random(seed)
    pools: dict[tuple[str, str], list[Candidate]] = {}
    queues: dict[tuple[str, str], list[Candidate]] = {}
    for d in depts:
        for k in kinds:
            pools[(d.name, k)] = candidates(d.project, d.name, k)
    faults: list[Fault] = []
    for i, kind in enumerate(kinds):
        want = n // len(kinds) + (1 if i < n % len(kinds) else 0)
        able = [d.name for d in depts if pools[(d.name, kind)]]
        tries, limit = 0, want * 20  # a place may yield no fault (a 0.00 cannot be cleared)
        while want and able and tries < limit:
            tries += 1
            name = rng.choice(able)
            queue = queues.get((name, kind))
            if not queue:
                queue = queues[(name, kind)] = list(pools[(name, kind)])
                rng.shuffle(queue)
            fault = queue.pop().make(rng)
            if fault is not None:
                faults.append(fault)
                want -= 1
    return faults


def run(faults: list[Fault], baselines: dict[str, Baseline]) -> list[Outcome]:
    return [judge(baselines[f.dept], f) for f in faults]


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "—"


def report(outcomes: list[Outcome], kinds: list[str], verbose: bool, n_causes: int, out=None) -> str:
    """Print the table, the misses and the causes; return the summary line (printed last by the caller)."""
    out = out or sys.stdout
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_kind[o.fault.kind].append(o)
    head = f"{'kind':<24}{'injected':>9}{'checkable':>10}{'found':>7}{'found%':>8}{'not found':>10}{'E':>6}{'faults with E':>14}"
    print(head, file=out)
    rows = []
    for k in kinds:
        os_ = by_kind.get(k, [])
        chk = [o for o in os_ if o.checkable]
        found = sum(o.found for o in chk)
        e = sum(len(o.elsewhere) for o in os_)
        with_e = sum(bool(o.elsewhere) for o in os_)
        rows.append((KIND[k].label, len(os_), len(chk), found, e))
        label = f"{k} {KIND[k].label}"
        print(
            f"{_pad(label, 24)}{len(os_):>9}{len(chk):>10}{found:>7}{pct(found, len(chk)):>8}"
            f"{len(chk) - found:>10}{e:>6}{with_e:>14}",
            file=out,
        )
    n = len(outcomes)
    checkable = sum(o.checkable for o in outcomes)
    found = sum(o.found for o in outcomes if o.checkable)
    e = sum(len(o.elsewhere) for o in outcomes)
    print(
        f"{_pad('all', 24)}{n:>9}{checkable:>10}{found:>7}{pct(found, checkable):>8}{checkable - found:>10}{e:>6}"
        f"{sum(bool(o.elsewhere) for o in outcomes):>14}",
        file=out,
    )
    extra = sum(o.found for o in outcomes if not o.checkable)
    if extra:
        print(f"（另有 {extra} 个按规则不可核对的错误也在原处被发现，未计入 found）", file=out)
    _misses(outcomes, out)
    _causes(outcomes, n_causes, out)
    if verbose:
        _verbose(outcomes, out)
    return f"faults: {n} injected, found {found} ({pct(found, checkable)}), false errors elsewhere {e}"


def _pad(s: str, width: int) -> str:
    """Left-justify counting a CJK character as two columns."""
    w = sum(2 if ord(c) > 0x2E80 else 1 for c in s)
    return s + " " * max(1, width - w)


def _misses(outcomes: list[Outcome], out) -> None:
    missed = Counter()
    for o in outcomes:
        if o.checkable and not o.found:
            at = o.at_place.label if o.at_place else "无"
            missed[(o.fault.kind, at)] += 1
    if missed:
        print("\n未发现的可核对错误（种类 · 原处最重的新发现）：", file=out)
        for (k, at), n in missed.most_common():
            print(f"  {k:<9}原处：{at:<5}{n:>5}", file=out)


def _causes(outcomes: list[Outcome], n_causes: int, out) -> None:
    causes: Counter = Counter()
    example: dict[tuple, tuple[str, str]] = {}
    for o in outcomes:
        for i, f in enumerate(o.elsewhere):
            c = cause_of(o, i)
            causes[c] += 1
            example.setdefault(c, (f.message, o.fault.describe()))
    if not causes:
        return
    by_class = Counter()
    for c, n in causes.items():
        by_class[c[0]] += n
    print("\n别处的误报，按类（bench/fault_causes.py 说明各类的判定规则）：", file=out)
    for cls in CLASSES:
        print(f"  {_pad(cls, 14)}{by_class[cls]:>6}", file=out)
    top = causes.most_common(n_causes)
    print(f"\n最常见的 {len(top)} 种误报原因（类 · 规则 · 注入的错误种类 · 次数），按类排列：", file=out)
    for cls in CLASSES:
        for c, n in top:
            if c[0] != cls:
                continue
            message, fault = example[c]
            print(f"  [{cls}] {c[1]} ← {KIND[c[2]].label}  ×{n}", file=out)
            print(f"      例：{message}", file=out)
            print(f"      由：{fault}", file=out)


def _verbose(outcomes: list[Outcome], out) -> None:
    print("\n每一条别处的误报：", file=out)
    for o in outcomes:
        for i, f in enumerate(o.elsewhere):
            print(f"  {o.fault.describe()}\n      [{cause_of(o, i)[0]}] {f.rule} {f.message}", file=out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2600, help="faults to inject (shared evenly among the kinds)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kind", default="", help="comma-separated kinds: " + ",".join(k.id for k in KINDS))
    ap.add_argument("--dept", default="", help="only departments whose name contains this")
    ap.add_argument("--verbose", action="store_true", help="print each false error with the fault that caused it")
    ap.add_argument("--causes", type=int, default=10, help="how many causes of false errors to list")
    args = ap.parse_args(argv)
    kinds = [k.id for k in KINDS]
    if args.kind:
        wanted = [k.strip() for k in args.kind.split(",") if k.strip()]
        unknown = [k for k in wanted if k not in KIND]
        if unknown:
            ap.error(f"未知的错误种类：{', '.join(unknown)}（可选：{', '.join(kinds)}）")
        kinds = wanted

    t0 = time.perf_counter()
    depts = departments(lambda name: args.dept in name)
    baselines = {d.name: Baseline.of(d) for d in depts}
    t1 = time.perf_counter()
    faults = draw(depts, kinds, args.n, args.seed)
    outcomes = run(faults, baselines)
    t2 = time.perf_counter()
    print(f"departments: {', '.join(d.name for d in depts)}")
    summary = report(outcomes, kinds, args.verbose, args.causes)
    per = (t2 - t1) / len(outcomes) * 1000 if outcomes else 0.0
    print(
        f"\ntiming: departments and clean checks {t1 - t0:.2f} s; {len(outcomes)} faults {t2 - t1:.1f} s ({per:.1f} ms each)"
    )
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
