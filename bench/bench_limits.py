"""The heaviest inputs the app accepts, and the first ones past each stated limit (issue 12, item 13).

    python bench/bench_limits.py

Each case is a fresh `main.py` process (`check` or `export`), measured from outside: wall and CPU
seconds, peak resident MB (``tests.hostile.run_measured``). Target: every accepted input exports
within 10 s and 500 MB; every input past a limit is refused with the limit named, at once.
Limits (model/text_clean.py, model/inputs.py, export/checklist.py): a table's rows 12 000, a name
200 characters, the 情况说明 300 000 characters, a .txt 4 MB, a check list 2 000 findings.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks.engine import run_checks  # noqa: E402
from export.checklist import MAX_FINDINGS  # noqa: E402
from model.fileio import dumps  # noqa: E402
from model.layout import T  # noqa: E402
from model.text_clean import MAX_DOCUMENT_CHARS, MAX_NAME, MAX_SUBJECT_ROWS  # noqa: E402
from tests.hostile import run_measured  # noqa: E402
from tests.support.synthetic import synthetic_project  # noqa: E402

MAIN = str(ROOT / "main.py")


def with_rows(n: int):
    """The large department with table 05 grown to ``n`` rows of 项 (codes the catalog lacks)."""
    p = synthetic_project(n_items=470)
    table = p.tables[T.GENERAL]
    subjects = []
    for i in range(n - len(table.rows)):
        cls, rest = ("229", "227", "230")[i // 9801], i % 9801
        subjects.append((f"{cls}{rest // 99 + 1:02d}{rest % 99 + 1:02d}", f"明细科目{i}"))
    for row in table.add_subjects(subjects):
        row.values = {1: Decimal("1.00"), 2: Decimal("1.00")}
    table.touch()
    return p


def dense_text(chars: int) -> str:
    rng = random.Random(1)
    parts, size = ["一、收入支出决算总体情况说明\n"], 0
    while size < chars - 200:
        s = f"其中第{len(parts)}项支出{rng.randint(1, 99999)}.{rng.randint(10, 99)}万元，比上年增长{rng.randint(1, 99)}.{rng.randint(1, 9)}%。"
        parts.append(s)
        size += len(s)
    return "".join(parts)


def row(label: str, args: list[str], ok_codes: tuple[int, ...]) -> None:
    run = run_measured([sys.executable, MAIN, *args], timeout=600)
    outcome = "accepted" if run.returncode in ok_codes and run.returncode != 2 else "refused"
    why = run.stderr.strip().splitlines()[-1][:90] if run.stderr.strip() else ""
    print(f"{label:<52} {outcome:>8} {run.wall:>7.2f} {run.cpu:>7.2f} {run.peak_mb:>7.0f}  {why}")


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="bench-limits-"))
    out = folder / "out"
    out.mkdir()
    print(f"{'case':<52} {'outcome':>8} {'wall s':>7} {'CPU s':>7} {'peak MB':>7}  message")

    big = folder / f"rows-{MAX_SUBJECT_ROWS}.jsgk"
    big.write_text(dumps(with_rows(MAX_SUBJECT_ROWS)), encoding="utf-8")
    row(f"05表 {MAX_SUBJECT_ROWS} 行: check", ["check", str(big)], (0, 1))
    row(f"05表 {MAX_SUBJECT_ROWS} 行: export --xlsx", ["export", str(big), "--xlsx", str(out / "a.xlsx")], (0,))
    row(f"05表 {MAX_SUBJECT_ROWS} 行: export --docx", ["export", str(big), "--docx", str(out / "a.docx")], (0,))
    row(
        f"05表 {MAX_SUBJECT_ROWS} 行: export --checklist (findings > limit)",
        ["export", str(big), "--checklist", str(out / "a.pdf")],
        (0,),
    )
    at_limit, n = None, len(synthetic_project(n_items=470).tables[T.GENERAL].rows)
    while True:  # the longest check list accepted: just under MAX_FINDINGS findings
        candidate = with_rows(n + 25)
        if len(run_checks(candidate)) > MAX_FINDINGS:
            break
        at_limit, n = candidate, n + 25
    path = folder / "checklist-limit.jsgk"
    path.write_text(dumps(at_limit), encoding="utf-8")
    found = len(run_checks(at_limit))
    row(
        f"审核清单 {found} 个问题（上限 {MAX_FINDINGS}）: export --checklist",
        ["export", str(path), "--checklist", str(out / "g.pdf")],
        (0,),
    )
    over = folder / "rows-15000.jsgk"
    doc = json.loads(dumps(with_rows(MAX_SUBJECT_ROWS)))
    doc["project"]["tables"]["general"]["rows"] += [{"key": f"x{i}", "code": "2299999"} for i in range(3000)]
    over.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    row("05表 15 000 行: export --docx", ["export", str(over), "--docx", str(out / "b.docx")], (0,))

    long_name = synthetic_project(n_items=470)
    long_name.tables[T.GENERAL].subject_rows()[0].name = "长" * 1_000_000
    path = folder / "name.jsgk"
    path.write_text(dumps(long_name), encoding="utf-8")
    row("科目名称 1 000 000 字: export --docx", ["export", str(path), "--docx", str(out / "c.docx")], (0,))
    ok_name = synthetic_project(n_items=470)
    ok_name.tables[T.GENERAL].subject_rows()[0].name = "长" * MAX_NAME
    path = folder / "name-ok.jsgk"
    path.write_text(dumps(ok_name), encoding="utf-8")
    row(f"科目名称 {MAX_NAME} 字: export --docx", ["export", str(path), "--docx", str(out / "d.docx")], (0,))

    sample = ROOT / "resources" / "samples" / "2024-蔡甸区委办公室.jsgk"
    text = folder / "dense.txt"
    text.write_text(dense_text(MAX_DOCUMENT_CHARS), encoding="utf-8")
    row(
        f"情况说明 {MAX_DOCUMENT_CHARS} 字（数字密集）: check --text",
        ["check", str(sample), "--text", str(text)],
        (0, 1),
    )
    with_text = synthetic_project(n_items=470)
    with_text.text = {"一": dense_text(MAX_DOCUMENT_CHARS).split("\n", 1)[1]}
    path = folder / "text.jsgk"
    path.write_text(dumps(with_text), encoding="utf-8")
    row(f"情况说明 {MAX_DOCUMENT_CHARS} 字: export --docx", ["export", str(path), "--docx", str(out / "e.docx")], (0,))
    row(
        f"情况说明 {MAX_DOCUMENT_CHARS} 字: export --checklist",
        ["export", str(path), "--checklist", str(out / "e.pdf")],
        (0,),
    )
    small = synthetic_project(n_items=470)
    small.text = {"一": dense_text(5_000).split("\n", 1)[1]}
    path = folder / "text-small.jsgk"
    path.write_text(dumps(small), encoding="utf-8")
    row("情况说明 5 000 字: export --checklist", ["export", str(path), "--checklist", str(out / "f.pdf")], (0,))
    huge = folder / "49MB.txt"
    with open(huge, "wb") as f:
        f.write(dense_text(MAX_DOCUMENT_CHARS).encode("utf-8"))
        f.truncate(49 * 1024 * 1024)
    row("49 MB .txt: check --text", ["check", str(sample), "--text", str(huge)], (0, 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
