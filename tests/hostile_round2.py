"""The second round of hostile inputs (issue 12): each a whole command line of `main.py` over files
made in a folder of its own, with what must come of it.

A case is *refused* (exit 1 or 2, a Chinese reason naming ``expect`` on stderr, no output written)
or *read* (exit 0 or 1, ``expect`` in what it prints, the outputs it names written). Either way
nothing else in its folder may change: every file keeps its bytes, size and time, except the
outputs the command was asked for and the leftovers of killed exports it is meant to tidy.
``tests/test_hardening_round2.py`` runs each; ``bench/reliability_report.py`` counts them.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from tests.hostile import ROOT, fingerprint

SAMPLE = ROOT / "resources" / "samples" / "2024-蔡甸区委办公室.jsgk"
Arg = str | bytes


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    kind: str  # "refused" | "read"
    expect: str  # a word the reason (refused) or the output (read) must hold
    build: Callable[[Path], list[Arg]]  # makes the inputs in the folder; the arguments of main.py
    outputs: tuple[str, ...] = ()  # file names the command must write (read) — never for refused
    removed: tuple[str, ...] = ()  # leftovers the command is meant to remove
    heavy: bool = False  # seconds of work: the report runs it, the test suite only when asked
    posix: bool = False
    exits: tuple[int, ...] = ()  # exit statuses allowed; by default 0/1 when read, 1/2 when refused


@dataclass
class Outcome:
    case: Case
    returncode: int
    stdout: str
    stderr: str
    wall: float
    cpu: float
    peak_mb: float
    changed: list[str] = field(default_factory=list)  # what changed on disk that should not have
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --------------------------------------------------------------------------- materials


def _sample(folder: Path, name: str = "部门.jsgk") -> Path:
    path = folder / name
    shutil.copy(SAMPLE, path)
    return path


def _workbook(folder: Path, name: str = "公开表.xlsx", **kw) -> Path:
    from export.xlsx_workbook import write_xlsx
    from tests.support.synthetic import synthetic_project

    path = folder / name
    write_xlsx(synthetic_project(n_items=kw.pop("n_items", 12), seed=1, **kw), path)
    return path


def _edit(path: Path, change: Callable) -> Path:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def _in_yuan(wb, sheets: set[str] | None = None, unit: str = "元") -> None:
    for ws in wb.worksheets:
        if sheets is not None and ws.title not in sheets:
            continue
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and "金额单位：万元" in c.value:
                    c.value = c.value.replace("万元", unit)
                elif c.number_format == "#,##0.00" and isinstance(c.value, (int, float)):
                    c.value = float(Decimal(str(c.value)) * 10000)


def _stacked(wb) -> None:
    ws = wb["公开03表"]
    first = ws.max_row + 2
    ws.cell(first, 1, "2024年度部门支出明细表")
    ws.cell(first + 1, 1, "项目")
    ws.cell(first + 1, 2, "金额")
    for i in range(300):
        ws.cell(first + 2 + i, 1, f"明细{i}")
        ws.cell(first + 2 + i, 2, i + 0.5)


def _hidden_stale(wb) -> None:
    stale = wb.copy_worksheet(wb["公开05表"])
    stale.title = "旧05表"
    stale["A1"] = "2023年度一般公共预算财政拨款支出决算表"
    for row in stale.iter_rows():
        for c in row:
            if c.number_format == "#,##0.00" and isinstance(c.value, (int, float)):
                c.value = c.value + 1
    stale.sheet_state = "hidden"
    wb.move_sheet(stale, offset=-wb.index(stale))


def _detail_sheet(rows: int, cols: int) -> Callable[[Path], list[Arg]]:
    def build(folder: Path) -> list[Arg]:
        from openpyxl.utils import get_column_letter

        from tests.hostile import replace_parts

        path = _workbook(folder, "带明细.xlsx")

        def write(f) -> None:
            f.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            letters = [get_column_letter(c) for c in range(1, cols + 1)]
            for r in range(1, rows + 1):
                f.write(
                    (f'<row r="{r}">' + "".join(f'<c r="{x}{r}"><v>{r}.5</v></c>' for x in letters) + "</row>").encode()
                )
            f.write(b"</sheetData></worksheet>")

        with zipfile.ZipFile(path) as z:
            book, rels = z.read("xl/workbook.xml"), z.read("xl/_rels/workbook.xml.rels")
        book = book.replace(b"</sheets>", b'<sheet name="\xe6\x98\x8e\xe7\xbb\x86" sheetId="99" r:id="rIdD"/></sheets>')
        rels = rels.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdD" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'worksheet" Target="worksheets/detail.xml"/></Relationships>',
        )
        data = replace_parts(
            path.read_bytes(),
            {"xl/workbook.xml": book, "xl/_rels/workbook.xml.rels": rels, "xl/worksheets/detail.xml": write},
        )
        path.write_bytes(data)
        return ["check", path]

    return build


def _renamed_parts(kind: str) -> Callable[[Path], list[Arg]]:
    def build(folder: Path) -> list[Arg]:
        from tests.test_import_hardening import _rename_parts, _with_shared_strings

        _p, xlsx = _with_shared_strings(folder)
        if kind == "case":
            data = _rename_parts(
                xlsx,
                {"xl/sharedStrings.xml": "xl/SharedStrings.xml"},
                {"xl/_rels/workbook.xml.rels": (b"sharedStrings.xml", b"SharedStrings.xml")},
            )
        else:
            data = _rename_parts(
                xlsx,
                {"xl/workbook.xml": "xl/workbook2.xml", "xl/_rels/workbook.xml.rels": "xl/_rels/workbook2.xml.rels"},
                {
                    "_rels/.rels": (b"xl/workbook.xml", b"xl/workbook2.xml"),
                    "[Content_Types].xml": (b"/xl/workbook.xml", b"/xl/workbook2.xml"),
                },
            )
        for p in folder.iterdir():  # only the workbook under test stays in the folder
            p.unlink()
        path = folder / f"{kind}.xlsx"
        path.write_bytes(data)
        return ["check", path]

    return build


def _text(encoding: str, bom: bytes = b"") -> Callable[[Path], list[Arg]]:
    def build(folder: Path) -> list[Arg]:
        from tests.text_fixtures import seed_text

        text = seed_text("001")
        path = folder / f"情况说明-{encoding}.txt"
        path.write_bytes(bom + text.encode(encoding, errors="replace" if encoding == "big5" else "strict"))
        return ["check", _sample(folder), "--text", path]

    return build


def _docx_with(body: Callable, compression: int = zipfile.ZIP_DEFLATED) -> Callable[[Path], list[Arg]]:
    def build(folder: Path) -> list[Arg]:
        from tests.test_inputs_guard import _docx, _with_document

        path = folder / "文档.docx"
        path.write_bytes(_with_document(_docx(["x"]), body, compression))
        return ["check", _sample(folder), "--text", path]

    return build


def _project_file(change: Callable, name: str = "改过.jsgk", raw: bool = False) -> Callable[[Path], list[Arg]]:
    def build(folder: Path) -> list[Arg]:
        from model.fileio import dumps
        from tests.support.synthetic import synthetic_project

        p = synthetic_project(n_items=5, seed=2)
        path = folder / name
        if raw:
            path.write_text(change(dumps(p)), encoding="utf-8")
        else:
            doc = json.loads(dumps(p))
            change(doc)
            path.write_text(json.dumps(doc), encoding="utf-8")  # ASCII escapes, as editors write
        return ["check", path]

    return build


def _symlink(target: str, name: str, text: bool = False) -> Callable[[Path], list[Arg]]:
    def build(folder: Path) -> list[Arg]:
        link = folder / name
        link.symlink_to(link if target == "self" else target)
        return ["check", _sample(folder), "--text", link] if text else ["check", link]

    return build


def _fifo(text: bool) -> Callable[[Path], list[Arg]]:
    def build(folder: Path) -> list[Arg]:
        pipe = folder / ("管道.txt" if text else "管道.xlsx")
        os.mkfifo(pipe)
        return ["check", _sample(folder), "--text", pipe] if text else ["check", pipe]

    return build


def _bad_name(command: str) -> Callable[[Path], list[Arg]]:
    def build(folder: Path) -> list[Arg]:
        base = os.fsencode(folder)
        project = base + b"/\xff\xfe\xb2\xbf\xc3\xc5.jsgk"
        shutil.copy(SAMPLE, os.fsdecode(project))
        if command == "batch":
            _sample(folder, "正常.jsgk")
            return ["check", base]
        if command == "json":
            return ["check", "--json", project]
        if command == "export":
            return ["export", project, "--xlsx", base + b"/\xff\xa1.xlsx", "--docx", base + b"/\xff\xa2.docx"]
        return ["check", project]

    return build


def _control_characters(folder: Path) -> list[Arg]:
    from model.fileio import dumps
    from model.layout import T
    from model.project import PerfProject
    from tests.support.synthetic import synthetic_project

    bad = "\x00\x07\x0b\ufffe\ud800"
    p = synthetic_project(n_items=5, seed=2)
    p.meta.department = f"区委{bad}办公室"
    row = p.tables[T.GENERAL].subject_rows()[0]
    row.name = f"行政{bad}运行"
    row.invalid[2] = f"abc{bad}"
    p.supplementary.performance.projects.append(PerfProject(name=f"项目{bad}一"))
    path = folder / "控制字符.jsgk"
    path.write_text(json.dumps(json.loads(dumps(p, compact=True))), encoding="utf-8")
    return ["export", path, "--xlsx", folder / "控制.xlsx", "--docx", folder / "控制.docx"]


def _many_rows_workbook(folder: Path) -> list[Arg]:
    from export.xlsx_workbook import write_xlsx
    from model.layout import T
    from tests.support.synthetic import synthetic_project

    p = synthetic_project(n_items=5, seed=2)
    subjects = [(f"{('229', '227')[i // 9801]}{i % 9801 // 99 + 1:02d}{i % 99 + 1:02d}", "明细") for i in range(15_000)]
    for r in p.tables[T.GENERAL].add_subjects(subjects):
        r.values = {1: Decimal("1.00")}
    path = folder / "万五行.xlsx"
    write_xlsx(p, path)
    return ["check", path]


def _checklist_too_long(folder: Path) -> list[Arg]:
    from model.fileio import dumps
    from model.layout import T
    from tests.support.synthetic import synthetic_project

    p = synthetic_project(n_items=5, seed=2)
    for r in p.tables[T.GENERAL].add_subjects([(f"2299{i // 99 + 1}{i % 99 + 1:02d}", "明细") for i in range(700)]):
        r.values = {1: Decimal("1.00")}
    path = folder / "问题很多.jsgk"
    path.write_text(dumps(p), encoding="utf-8")
    return ["export", path, "--checklist", folder / "清单.pdf"]


def _stale_temporaries(folder: Path) -> list[Arg]:
    out = folder / "out"
    out.mkdir()
    (out / ".公开表.xlsx.abc12345.tmp").write_bytes(b"half an export")
    (out / ".其他.jsgk.abcdefgh.tmp").write_bytes(b"someone else's save")
    return ["export", _sample(folder), "--xlsx", out / "新.xlsx"]


def _dense_text(chars: int) -> str:
    rng = random.Random(1)
    parts = ["一、收入支出决算总体情况说明\n"]
    while sum(map(len, parts)) < chars:
        parts.append(f"其中支出{rng.randint(1, 99999)}.{rng.randint(10, 99)}万元，比上年增长{rng.randint(1, 99)}.5%。")
    return "".join(parts)


def _write(name: str, data: Callable[[], bytes]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data())
        return path

    return make


def _long_text(folder: Path) -> list[Arg]:
    path = _write("长文.txt", lambda: _dense_text(400_000).encode("utf-8"))(folder)
    return ["check", _sample(folder), "--text", path]


def _sparse(folder: Path) -> list[Arg]:
    path = folder / "49MB.txt"
    with open(path, "wb") as f:
        f.truncate(49 * 1024 * 1024)
    return ["check", _sample(folder), "--text", path]


def _hard_link(folder: Path) -> list[Arg]:
    project = _sample(folder)
    os.link(project, folder / "别名.xlsx")
    return ["export", project, "--xlsx", folder / "别名.xlsx"]


def _read_only(folder: Path) -> list[Arg]:
    out = folder / "只读.xlsx"
    out.write_bytes(b"the user's own file")
    out.chmod(0o444)
    return ["export", _sample(folder), "--xlsx", out]


def _batch_of_non_files(folder: Path) -> list[Arg]:
    _sample(folder, "正常.jsgk")
    (folder / "循环.xlsx").symlink_to(folder / "循环.xlsx")
    (folder / "悬空.jsgk").symlink_to(folder / "没有.jsgk")
    os.mkfifo(folder / "管道.xlsx")
    return ["check", folder]


def _bomb(f) -> None:
    from tests.test_inputs_guard import _bomb as bomb

    bomb(f)


def _elements(f) -> None:
    from tests.test_inputs_guard import _many_elements

    _many_elements(f)


def _xxe(f) -> None:
    from tests.test_inputs_guard import HEAD, TAIL

    f.write(
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + HEAD[len(b'<?xml version="1.0"?>') :]
        + b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>"
        + TAIL
    )


def cases() -> list[Case]:
    wb = _workbook
    return [
        # ---- outputs (item 1, Smaller)
        Case(
            "输出即输入.jsgk",
            "export X.jsgk --docx X.jsgk",
            "refused",
            "就是输入文件",
            lambda f: ["export", _sample(f), "--docx", f / "部门.jsgk"],
        ),
        Case(
            "输出即输入.xlsx",
            "export B.xlsx --xlsx B.xlsx",
            "refused",
            "就是输入文件",
            lambda f: ["export", wb(f), "--xlsx", f / "公开表.xlsx"],
        ),
        Case(
            "两个输出同名",
            "export P --xlsx O --docx O",
            "refused",
            "同一个文件",
            lambda f: ["export", _sample(f), "--xlsx", f / "O", "--docx", f / "O"],
        ),
        Case("硬链接", "export P --xlsx (a hard link of P)", "refused", "就是输入文件", _hard_link, posix=True),
        Case("只读输出", "export P --xlsx (a read-only file)", "refused", "只读", _read_only, posix=True),
        Case(
            "文件夹不存在",
            "export P --docx (into a folder that is not there)",
            "refused",
            "不存在",
            lambda f: ["export", _sample(f), "--docx", f / "没有" / "x.docx"],
        ),
        Case(
            "残留临时文件",
            "export into a folder holding a killed export's .NAME.XXXX.tmp",
            "read",
            "已导出",
            _stale_temporaries,
            outputs=("out/新.xlsx",),
            removed=("out/.公开表.xlsx.abc12345.tmp",),
        ),
        # ---- not files (items 8, 11)
        Case("管道.txt", "--text a named pipe", "refused", "命名管道", _fifo(True), posix=True),
        Case("管道.xlsx", "check a named pipe", "refused", "命名管道", _fifo(False), posix=True),
        Case(
            "零设备.txt",
            "--text a link to /dev/zero",
            "refused",
            "设备",
            _symlink("/dev/zero", "零.txt", True),
            posix=True,
        ),
        Case(
            "随机设备.txt",
            "--text a link to /dev/urandom",
            "refused",
            "设备",
            _symlink("/dev/urandom", "随机.txt", True),
            posix=True,
        ),
        Case(
            "文件夹.txt",
            "--text a folder",
            "refused",
            "文件夹",
            lambda f: (f / "文件夹.txt").mkdir() or ["check", _sample(f), "--text", f / "文件夹.txt"],
        ),
        Case("循环链接.xlsx", "check a symlink loop", "refused", "循环", _symlink("self", "loop.xlsx"), posix=True),
        Case(
            "循环链接.txt", "--text a symlink loop", "refused", "循环", _symlink("self", "loop.txt", True), posix=True
        ),
        Case(
            "悬空链接.jsgk",
            "check a link to a file that is not there",
            "refused",
            "不存在",
            _symlink("没有.jsgk", "悬空.jsgk"),
            posix=True,
        ),
        Case(
            "批量含非文件",
            "check DIR with a loop, a dangling link and a pipe beside a project",
            "read",
            "无法读取 3 个",
            _batch_of_non_files,
            posix=True,
            exits=(2,),
        ),
        # ---- .docx and text (items 8, 9, Smaller)
        Case("压缩炸弹.docx", "--text a 0.6 MB .docx inflating to 200 MB", "refused", "过大", _docx_with(_bomb)),
        Case(
            "元素过多.docx",
            "--text a .docx of two million elements (stored)",
            "refused",
            "XML 元素",
            _docx_with(_elements, zipfile.ZIP_STORED),
        ),
        Case("外部实体.docx", "--text a .docx declaring an external entity", "refused", "DTD", _docx_with(_xxe)),
        Case(
            "日文编码.txt",
            "--text Shift-JIS text",
            "refused",
            "GB18030",
            lambda f: [
                "check",
                _sample(f),
                "--text",
                _write("日文.txt", lambda: ("収入支出決算総体状況説明、" * 30).encode("shift_jis"))(f),
            ],
        ),
        Case(
            "二进制.txt",
            "--text binary bytes named .txt",
            "refused",
            "不是文本文件",
            lambda f: ["check", _sample(f), "--text", _write("二进制.txt", lambda: bytes(range(256)) * 64)(f)],
        ),
        Case("49MB.txt", "--text a 49 MB .txt", "refused", "过大", _sparse),
        Case("超长情况说明.txt", "--text 400 000 characters of 情况说明", "refused", "情况说明过长", _long_text),
        Case(
            "UTF-16无BOM.txt", "--text the seed 001 in UTF-16 LE without a BOM", "read", "核对数字", _text("utf-16-le")
        ),
        Case(
            "UTF-16BE.txt",
            "--text the seed 001 in UTF-16 BE with its BOM",
            "read",
            "核对数字",
            _text("utf-16-be", b"\xfe\xff"),
        ),
        Case("GB18030.txt", "--text the seed 001 in GB18030", "read", "核对数字", _text("gb18030")),
        Case("Big5.txt", "--text the seed 001 in Big5", "read", "核对数字", _text("big5")),
        # ---- project files (items 5, 7, 13)
        Case(
            "重复键.jsgk",
            'a project file with "project" twice',
            "refused",
            "两次",
            _project_file(lambda t: t.rstrip()[:-1] + ', "project": {}}', raw=True),
        ),
        Case(
            "百万字科目名.jsgk",
            "a subject name of 1 000 000 characters",
            "refused",
            "过长",
            _project_file(lambda d: d["project"]["tables"]["general"]["rows"][1].update(name="长" * 1_000_000)),
        ),
        Case(
            "万五行.jsgk",
            "table 05 with 15 000 rows",
            "refused",
            "行数过多",
            _project_file(
                lambda d: d["project"]["tables"]["general"]["rows"].extend(
                    {"key": f"x{i}", "code": "2299999"} for i in range(15_000)
                )
            ),
        ),
        Case(
            "控制字符.jsgk",
            "control characters and lone surrogates in names and an unparsed cell, exported",
            "read",
            "已导出",
            _control_characters,
            outputs=("控制.xlsx", "控制.docx"),
        ),
        Case("审核清单过长", "a check list of 2 800 findings", "refused", "超过审核清单", _checklist_too_long),
        # ---- names (item 6)
        Case(
            "非UTF-8文件名",
            "check a project whose name is not UTF-8",
            "read",
            "\\xff\\xfe",
            _bad_name("check"),
            posix=True,
        ),
        Case("非UTF-8文件名 --json", "check --json on it", "read", "summary", _bad_name("json"), posix=True),
        Case("非UTF-8文件名 批量", "check DIR holding it", "read", "已审核 2 个", _bad_name("batch"), posix=True),
        Case(
            "非UTF-8文件名 导出",
            "export it to outputs with such names",
            "read",
            "已导出",
            _bad_name("export"),
            posix=True,
            outputs=("\udcff\udca1.xlsx", "\udcff\udca2.docx"),
        ),
        # ---- workbooks (items 2, 3, 4, 14)
        Case(
            "元.xlsx",
            "our export with 金额单位 元 and every amount ×10 000",
            "read",
            "金额单位：元（",
            lambda f: ["check", _edit(wb(f), _in_yuan)],
        ),
        Case(
            "混合单位.xlsx",
            "05 in 元, the rest in 万元",
            "read",
            "金额单位不一致",
            lambda f: ["check", _edit(wb(f), lambda b: _in_yuan(b, {"公开05表"}))],
        ),
        Case(
            "千元.xlsx",
            "05 in 千元",
            "read",
            "无法识别",
            lambda f: ["check", _edit(wb(f), lambda b: _in_yuan(b, {"公开05表"}, "千元"))],
        ),
        Case(
            "叠放的表.xlsx",
            "a second table of 300 lines below 03",
            "read",
            "表格下方",
            lambda f: ["check", _edit(wb(f), _stacked)],
        ),
        Case(
            "隐藏旧表.xlsx",
            "a hidden stale copy of 05 (2023) placed first",
            "read",
            "可见的工作表优先",
            lambda f: ["check", _edit(wb(f), _hidden_stale)],
        ),
        Case(
            "他年表题.xlsx",
            "07 titled 2023 in a 2024 workbook",
            "read",
            "与其他表",
            lambda f: [
                "check",
                _edit(wb(f), lambda b: b["公开07表"].__setitem__("A1", "2023年度政府性基金预算财政拨款收入支出决算表")),
            ],
        ),
        Case(
            "明细25000行.xlsx",
            "the nine tables and a detail sheet of 25 000 rows",
            "read",
            "不是九张公开表之一",
            _detail_sheet(25_000, 2),
        ),
        Case(
            "明细15000x30.xlsx",
            "the nine tables and a detail sheet of 15 000 × 30 cells",
            "read",
            "不是九张公开表之一",
            _detail_sheet(15_000, 30),
            heavy=True,
        ),
        Case(
            "SharedStrings大小写.xlsx",
            "xl/SharedStrings.xml, so named by the relationships",
            "read",
            "审核结果",
            _renamed_parts("case"),
        ),
        Case("workbook2.xlsx", "the workbook part at xl/workbook2.xml", "read", "审核结果", _renamed_parts("moved")),
        Case(
            "万五行.xlsx",
            "a workbook whose 05 has 15 000 subject rows",
            "refused",
            "超过一张表的上限",
            _many_rows_workbook,
            heavy=True,
        ),
    ]


# --------------------------------------------------------------------------- running one


def _snapshot(folder: Path) -> dict[bytes, tuple]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(os.fsencode(folder)):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, os.fsencode(folder))
            st = os.lstat(path)
            if os.path.islink(path):
                out[rel] = ("link", os.readlink(path))
            elif os.path.isfile(path) and not os.path.islink(path):
                out[rel] = fingerprint(Path(os.fsdecode(path)))
            else:
                out[rel] = ("other", st.st_mode)
    return out


def run_case(case: Case, folder: Path) -> Outcome:
    """Make the case's files in ``folder``, run its command line, judge what came of it."""
    from tests.hostile import run_measured

    folder.mkdir(parents=True, exist_ok=True)
    args = case.build(folder)
    before = _snapshot(folder)
    command = [
        sys.executable,
        str(ROOT / "main.py"),
        *[os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args],
    ]
    run = run_measured(command, timeout=120)
    after = _snapshot(folder)
    outcome = Outcome(case, run.returncode, run.stdout, run.stderr, run.wall, run.cpu, run.peak_mb)
    outputs = {os.fsencode(o) for o in case.outputs}
    removed = {os.fsencode(r) for r in case.removed}
    for rel in sorted(set(before) | set(after)):
        if rel in outputs:
            if rel not in after:
                outcome.problems.append(f"{os.fsdecode(rel)} not written")
        elif rel in removed:
            if rel in after:
                outcome.problems.append(f"{os.fsdecode(rel)} not removed")
        elif before.get(rel) != after.get(rel):
            outcome.changed.append(os.fsdecode(rel))
    if outcome.changed:
        outcome.problems.append("changed on disk: " + ", ".join(outcome.changed))
    if "Traceback" in run.stderr:
        outcome.problems.append("a traceback")
    if case.kind == "refused":
        if run.returncode not in (case.exits or (1, 2)) or case.expect not in run.stderr:
            outcome.problems.append(f"not refused as expected (exit {run.returncode}): {run.stderr.strip()[:200]}")
    elif run.returncode not in (case.exits or (0, 1)) or case.expect not in run.stdout + run.stderr:
        outcome.problems.append(f"not read as expected (exit {run.returncode}): {run.stderr.strip()[:200]}")
    return outcome


def applicable(case: Case) -> bool:
    return not case.posix or os.name == "posix"
