"""Damaged and hostile files, generated at test time, and a way to run `main.py check` on one
while measuring its wall time and peak memory.

Each file comes with what it is and a word the refusal must contain. The workbooks start from
a real export of a generated department, so that each one differs from a good file in exactly
the way it is meant to be bad.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import random
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    name: str  # file name, with the suffix a user would see
    what: str  # what the file is, for the report
    expect: str  # a word the refusal must contain
    make: Callable[[Path], None]


# --------------------------------------------------------------------------- building blocks


@functools.cache
def base_workbook() -> bytes:
    """A real export of a generated department: nine sheets, recognised by the importer."""
    from export.xlsx_workbook import build_workbook
    from tests.support.synthetic import synthetic_project

    buf = io.BytesIO()
    build_workbook(synthetic_project(n_items=12, seed=1)).save(buf)
    return buf.getvalue()


@functools.cache
def base_project_text() -> str:
    from model.fileio import dumps
    from tests.support.synthetic import synthetic_project

    return dumps(synthetic_project(n_items=12, seed=1))


def replace_parts(xlsx: bytes, parts: dict[str, bytes | Callable[[io.BufferedWriter], None]]) -> bytes:
    """The workbook with some parts replaced (or added); a callable part streams its content."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = [i.filename for i in src.infolist()]
        for name in names + [n for n in parts if n not in names]:
            content = parts.get(name)
            if content is None:
                dst.writestr(name, src.read(name))
            elif callable(content):
                with dst.open(name, "w", force_zip64=True) as f:
                    content(f)
            else:
                dst.writestr(name, content)
    return out.getvalue()


SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"
TITLE_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>2024年度收入支出决算总表</t></is></c></row>'.encode()


def _stream_rows(n: int, first: int = 2) -> Callable[[io.BufferedWriter], None]:
    def write(f) -> None:
        f.write(SHEET_HEAD + TITLE_ROW)
        chunk = []
        for r in range(first, first + n):
            chunk.append(
                f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>行{r}</t></is></c><c r="B{r}"><v>{r}.5</v></c></row>'
            )
            if len(chunk) == 5000:
                f.write("".join(chunk).encode())
                chunk = []
        f.write("".join(chunk).encode() + SHEET_TAIL)

    return write


def _bomb(size: int) -> Callable[[io.BufferedWriter], None]:
    """A sheet of ``size`` bytes of empty rows: deflate packs it about a thousand to one."""

    def write(f) -> None:
        f.write(SHEET_HEAD + TITLE_ROW)
        block = b"<row/>" * (MB // 6)
        for _ in range(size // len(block)):
            f.write(block)
        f.write(SHEET_TAIL)

    return write


def cfb(streams: dict[str, bytes]) -> bytes:
    """A compound file (OLE2, as .xls and password-protected .xlsx are) holding ``streams``.

    Version 3 with 512-byte sectors; streams under 4096 bytes live in the mini stream, as the
    format requires. The directory is a chain of right siblings in the format's name order.
    """
    sector, mini = 512, 64
    free, end, fat_mark, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)

    def sectors(n: int, size: int) -> int:
        return -(-n // size)

    small = [n for n in names if len(streams[n]) < 4096]
    big = [n for n in names if len(streams[n]) >= 4096]
    # The mini stream: small streams in 64-byte mini sectors, chained in the mini FAT.
    minifat: list[int] = []
    mini_start: dict[str, int] = {}
    container = b""
    for n in small:
        k = max(1, sectors(len(streams[n]), mini))
        mini_start[n] = len(minifat)
        minifat += [len(minifat) + i + 1 for i in range(k - 1)] + [end]
        container += streams[n].ljust(k * mini, b"\0")
    minifat_sectors = sectors(len(minifat) * 4, sector)
    container_sectors = sectors(len(container), sector)
    dir_sectors = sectors(1 + len(names), 4)
    big_sectors = {n: sectors(len(streams[n]), sector) for n in big}
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + dir_sectors + minifat_sectors + container_sectors + sum(
        big_sectors.values()
    ):
        fat_sectors += 1
    fat: list[int] = [fat_mark] * fat_sectors

    def chain(k: int) -> int:
        first = len(fat) if k else end
        fat.extend([len(fat) + i + 1 for i in range(k - 1)] + [end] if k else [])
        return first

    first_dir = chain(dir_sectors)
    first_minifat = chain(minifat_sectors)
    root_start = chain(container_sectors)
    start = {n: chain(big_sectors[n]) for n in big} | {n: mini_start[n] for n in small}
    fat += [free] * (fat_sectors * 128 - len(fat))

    def entry(name: str, kind: int, first: int, size: int, right: int, child: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        head = raw.ljust(64, b"\0") + struct.pack("<HBB3I", len(raw), kind, 1, nostream, right, child)
        return head + b"\0" * 36 + struct.pack("<IQ", first, size)

    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    right_of = {order[k]: order[k + 1] + 1 for k in range(len(order) - 1)}
    directory = entry("Root Entry", 5, root_start, len(container), nostream, order[0] + 1 if names else nostream)
    for i, n in enumerate(names):
        directory += entry(n, 2, start[n], len(streams[n]), right_of.get(i, nostream), nostream)
    difat = list(range(fat_sectors)) + [free] * (109 - fat_sectors)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack(
            "<IIIIIIIII", 0, fat_sectors, first_dir, 0, 4096, first_minifat if small else end, minifat_sectors, end, 0
        )
        + struct.pack("<109I", *difat)
    )
    minifat += [free] * (minifat_sectors * 128 - len(minifat))
    body = [
        struct.pack(f"<{len(fat)}I", *fat),
        directory.ljust(dir_sectors * sector, b"\0"),
        struct.pack(f"<{len(minifat)}I", *minifat),
        container.ljust(container_sectors * sector, b"\0"),
    ]
    body += [streams[n].ljust(big_sectors[n] * sector, b"\0") for n in big]
    return header + b"".join(body)


ENCRYPTION_INFO = struct.pack("<HHI", 4, 4, 0x40) + (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
    b'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
    b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
    b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
    b'<dataIntegrity encryptedHmacKey="AAAAAAAAAAAAAAAAAAAAAA==" encryptedHmacValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
    b'<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
    b'<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
    b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" '
    b'saltValue="AAAAAAAAAAAAAAAAAAAAAA==" encryptedVerifierHashInput="AAAAAAAAAAAAAAAAAAAAAA==" '
    b'encryptedVerifierHashValue="AAAAAAAAAAAAAAAAAAAAAA==" encryptedKeyValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
    b"</keyEncryptor></keyEncryptors></encryption>"
)
# BIFF8 BOF record of a workbook globals substream, as the first bytes of an .xls "Workbook" stream.
BIFF8_BOF = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0x000100C1, 0x00000406)


# --------------------------------------------------------------------------- the workbooks

XXE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
)


def billion_laughs(levels: int = 10) -> bytes:
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE sst [' + "".join(ents) + "]>\n"
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        f"<si><t>&lol{levels - 1};</t></si></sst>"
    ).encode()


def _add_shared_strings(xlsx: bytes, sst: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        types = z.read("[Content_Types].xml")
        rels = z.read("xl/_rels/workbook.xml.rels")
    types = types.replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument'
        b'.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = rels.replace(
        b"</Relationships>",
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        b'Target="/xl/sharedStrings.xml" Id="rIdSST"/></Relationships>',
    )
    sheet = SHEET_HEAD + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_TAIL
    return replace_parts(
        xlsx,
        {
            "[Content_Types].xml": types,
            "xl/_rels/workbook.xml.rels": rels,
            "xl/sharedStrings.xml": sst,
            "xl/worksheets/sheet1.xml": sheet,
        },
    )


def _string_flood(n: int) -> bytes:
    rng = random.Random(5)
    parts = ['<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    parts += [f"<si><t>{rng.getrandbits(64):016x}</t></si>" for _ in range(n)]
    return ("".join(parts) + "</sst>").encode()


def _write(data: bytes | Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data() if callable(data) else data)


def _no_tables() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "通讯录"
    for i, (name, phone) in enumerate([("张三", "13800000000"), ("李四", "13900000000")], 1):
        ws.cell(i, 1, name)
        ws.cell(i, 2, phone)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _many_entries(n: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with zipfile.ZipFile(io.BytesIO(base_workbook())) as src, zipfile.ZipFile(path, "w") as dst:
            for info in src.infolist():
                dst.writestr(info.filename, src.read(info.filename))
            for i in range(n):
                dst.writestr(f"xl/media/x{i}.bin", b"")

    return make


def _corrupt_crc(path: Path) -> None:
    data = bytearray(base_workbook())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    # Past the local header: flip bytes inside the compressed sheet.
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 40, start + 60):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def workbooks() -> list[Hostile]:
    base = base_workbook
    return [
        Hostile("空文件.xlsx", "empty file (0 bytes)", "空文件", _write(b"")),
        Hostile(
            "截断.xlsx", "workbook cut after 60% of its bytes", "损坏", _write(lambda: base()[: len(base()) * 6 // 10])
        ),
        Hostile(
            "CSV改名.xlsx",
            "CSV text (GBK) renamed .xlsx",
            "CSV",
            _write("项目,金额\n本年收入合计,1105.52\n".encode("gbk")),
        ),
        Hostile(
            "网页改名.xls",
            "HTML table saved as .xls, as web systems export",
            "网页",
            _write("<html><body><table><tr><td>本年收入合计</td><td>1105.52</td></tr></table></body></html>".encode()),
        ),
        Hostile(
            "旧版工作簿.xlsx",
            ".xls (OLE2 compound file with a BIFF8 Workbook stream) renamed .xlsx",
            ".xls",
            _write(lambda: cfb({"Workbook": BIFF8_BOF + os.urandom(6000)})),
        ),
        Hostile(
            "加密.xlsx",
            "password-protected .xlsx (OLE2 with EncryptionInfo and EncryptedPackage)",
            "密码",
            _write(
                lambda: cfb(
                    {
                        "EncryptionInfo": ENCRYPTION_INFO,
                        "EncryptedPackage": struct.pack("<Q", 20000) + random.Random(3).randbytes(20480),
                    }
                )
            ),
        ),
        Hostile("Word文档改名.xlsx", "a .docx renamed .xlsx", "Word", _write(_docx)),
        Hostile(
            "外部实体XXE.xlsx",
            "sheet XML declaring an external entity (file:///etc/passwd)",
            "DTD",
            _write(lambda: replace_parts(base(), {"xl/worksheets/sheet1.xml": XXE})),
        ),
        Hostile(
            "实体膨胀.xlsx",
            "sharedStrings with a billion-laughs entity expansion (10^9 'lol')",
            "DTD",
            _write(lambda: _add_shared_strings(base(), billion_laughs())),
        ),
        Hostile(
            "压缩炸弹.xlsx",
            "zip bomb: a sheet of 400 MB of empty rows, packed to well under 1 MB",
            "过大",
            _write(lambda: replace_parts(base(), {"xl/worksheets/sheet1.xml": _bomb(400 * MB)})),
        ),
        Hostile(
            "30万行.xlsx",
            "a sheet of 300 000 rows (title row of 01表, then data)",
            "行",
            _write(lambda: replace_parts(base(), {"xl/worksheets/sheet1.xml": _stream_rows(300_000)})),
        ),
        Hostile(
            "远处的行.xlsx",
            "a sheet with one cell in row 1 and one in row 1 000 000",
            "行",
            _write(
                lambda: replace_parts(
                    base(),
                    {
                        "xl/worksheets/sheet1.xml": SHEET_HEAD
                        + TITLE_ROW
                        + b'<row r="1000000"><c r="A1000000"><v>1</v></c></row>'
                        + SHEET_TAIL
                    },
                )
            ),
        ),
        Hostile(
            "超宽行.xlsx",
            "one row holding 600 000 cells",
            "过多",
            _write(
                lambda: replace_parts(
                    base(),
                    {
                        "xl/worksheets/sheet1.xml": SHEET_HEAD
                        + b'<row r="1">'
                        + b"".join(b"<c><v>1</v></c>" for _ in range(600_000))
                        + b"</row>"
                        + SHEET_TAIL
                    },
                )
            ),
        ),
        Hostile(
            "共享字符串泛滥.xlsx",
            "sharedStrings with 400 000 distinct random strings (not compressible)",
            "字符串",
            _write(lambda: _add_shared_strings(base(), _string_flood(400_000))),
        ),
        Hostile("五万个条目.xlsx", "a workbook zip with 50 000 extra entries", "条目", _many_entries(50_000)),
        Hostile("校验错误.xlsx", "a workbook whose sheet data fails its CRC", "损坏", _corrupt_crc),
        Hostile(
            "XML损坏.xlsx",
            "a sheet whose XML is cut in the middle of a tag",
            "损坏",
            _write(
                lambda: replace_parts(base(), {"xl/worksheets/sheet1.xml": SHEET_HEAD + b'<row r="1"><c r="A1" t='})
            ),
        ),
        Hostile("无公开表.xlsx", "a valid workbook with none of the nine tables", "九张公开表", _write(_no_tables)),
        Hostile(
            "随机字节.xlsx", "64 KB of random bytes", "不是 Excel 工作簿", _write(random.Random(9).randbytes(65536))
        ),
        Hostile(
            "随机条目压缩包.xlsx",
            "a zip of random files, no workbook inside",
            "缺少工作簿",
            _write(lambda: _zip({"a.txt": b"hello", "b/c.bin": random.Random(1).randbytes(1000)})),
        ),
    ]


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _docx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        }
    )


# --------------------------------------------------------------------------- the project files


def _json_doc(project: object, version: int | None = None) -> str:
    from model.fileio import FORMAT, SCHEMA_VERSION

    return json.dumps({"format": FORMAT, "schema_version": version or SCHEMA_VERSION, "project": project})


def _with_rows(n: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        doc = json.loads(base_project_text())
        rows = doc["project"]["tables"]["general"]["rows"]
        rows += [{"key": f"x{i}", "code": "2010101", "values": {"1": "1.00"}} for i in range(n)]
        path.write_text(json.dumps(doc), encoding="utf-8")

    return make


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as f:
            f.truncate(size)

    return make


def _amount(value: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        text = base_project_text()
        doc = json.loads(text)
        doc["project"]["tables"]["general"]["rows"][0]["values"]["1"] = "@@"
        path.write_text(json.dumps(doc).replace('"@@"', value), encoding="utf-8")

    return make


def projects() -> list[Hostile]:
    base = base_project_text
    return [
        Hostile("空文件.jsgk", "empty file (0 bytes)", "损坏", _write(b"")),
        Hostile(
            "截断.jsgk",
            "project cut after half of its bytes",
            "损坏",
            _write(lambda: base()[: len(base()) // 2].encode()),
        ),
        Hostile("随机字节.jsgk", "4 KB of random bytes", "不是", _write(random.Random(4).randbytes(4096))),
        Hostile(
            "别的JSON.jsgk",
            "JSON of another program",
            "不是决算公开编报助手的项目文件",
            _write(b'{"name": "other", "version": 3}'),
        ),
        Hostile(
            "结构不符.jsgk",
            "our marker, but the tables are a string",
            "内容不完整或已损坏",
            _write(lambda: _json_doc({"tables": "none"}).encode()),
        ),
        Hostile(
            "新版本.jsgk",
            "written by a newer version (schema_version + 1)",
            "更新版本",
            _write(
                lambda: _json_doc(
                    json.loads(base())["project"], version=json.loads(base())["schema_version"] + 1
                ).encode()
            ),
        ),
        Hostile("UTF-16.jsgk", "the project saved as UTF-16", "UTF-8", _write(lambda: base().encode("utf-16"))),
        Hostile("GBK.jsgk", "the project saved as GBK", "UTF-8", _write(lambda: base().encode("gbk"))),
        Hostile("深层嵌套数组.jsgk", "100 000 nested arrays", "损坏", _write(b"[" * 100_000 + b"]" * 100_000)),
        Hostile(
            "深层嵌套对象.jsgk", "100 000 nested objects", "损坏", _write(b'{"a":' * 100_000 + b"1" + b"}" * 100_000)
        ),
        Hostile("巨大文件.jsgk", "a 200 MB (sparse) file", "过大", _sparse(200 * MB)),
        Hostile(
            "百万空对象.jsgk", "3 million empty objects in 9 MB", "过大", _write(b"[" + b"{}," * 3_000_000 + b"{}]")
        ),
        Hostile("十五万行.jsgk", "a project whose table 05 has 150 000 rows (9 MB)", "过大", _with_rows(150_000)),
        Hostile("超长整数.jsgk", "an amount written as a 100 000-digit number", "损坏", _amount("1" * 100_000)),
        Hostile("巨大指数.jsgk", "an amount of 1e999999", "损坏", _amount('"1e999999"')),
        Hostile("非数.jsgk", "an amount of NaN", "损坏", _amount("NaN")),
        Hostile("三位小数.jsgk", "an amount with three decimals", "损坏", _amount('"1.005"')),
        Hostile("空字节.jsgk", "NUL bytes", "损坏", _write(b"\0" * 1000)),
    ]


def all_files() -> list[Hostile]:
    return workbooks() + projects()


def make_all(folder: Path) -> Iterator[tuple[Hostile, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    for h in all_files():
        path = folder / h.name
        h.make(path)
        yield h, path


# --------------------------------------------------------------------------- measuring a run


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    wall: float  # seconds
    cpu: float  # user + system seconds
    peak_mb: float  # maximum resident set size


# A small launcher spawns the command and reports the child's own rusage. Measuring from the test
# process itself would be wrong: a child spawned from a large process inherits that process's
# peak resident size in its ru_maxrss (vfork shares the memory map until exec).
_LAUNCHER = """
import os, sys, time
t0 = time.perf_counter()
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_pid, status, ru = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{os.waitstatus_to_exitcode(status)} {time.perf_counter() - t0} {ru.ru_utime + ru.ru_stime} {ru.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
"""


def run_measured(args: list[str], timeout: float = 60, cwd: Path = ROOT) -> Run:
    """Run a command and measure it: wall and CPU time, peak resident memory of that process."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage"
        p = subprocess.run(
            [sys.executable, "-S", "-c", _LAUNCHER, str(report), *args],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            timeout=timeout,
        )
        rc, wall, cpu, maxrss = report.read_text().split()
    return Run(
        int(rc),
        p.stdout.decode("utf-8", "replace"),
        p.stderr.decode("utf-8", "replace"),
        float(wall),
        float(cpu),
        int(maxrss) / 1024,
    )


def digest(path: Path) -> str:
    """The file's SHA-256, read in blocks (some of these files are hundreds of MB)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def fingerprint(path: Path) -> tuple[str, int, int]:
    """Content, size and modification time: a file refused must keep all three."""
    st = path.stat()
    return digest(path), st.st_size, st.st_mtime_ns


def check_command(path: Path) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "check", str(path)]
