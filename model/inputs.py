"""Every file the app reads from elsewhere passes through here first: one guard for every reader.

    raw = read_bytes(path, TEXT)                   # a regular file, within its size limit
    text = read_text(path, TEXT)                   # … decoded: UTF-8, UTF-16, GB18030, Big5
    with open_package(path, WORKBOOK) as pkg:      # a zip within entries, sizes and ratio
        part = pkg.main_part("officeDocument")     # found by the package's relationships
        pkg.parse(part, start, end, text)          # its XML streamed under an element and time budget

Only regular files are read: a named pipe would block for ever, /dev/zero never ends, a symlink
loop or a dangling link is not a file; each refusal says why, in Chinese (``InputRefused``). A
file's work is bounded by its ``Limits`` (bytes on disk, zip entries, inflated bytes, compression
ratio, XML elements, seconds), not by what the file claims. XML is read by expat with any DTD
refused the moment it starts (external entities, entity expansion). File names that are not
valid UTF-8 (possible on Linux) are shown escaped (``shown``), never crash a message.

A new reader needs a ``Limits`` and a few lines: ``read_bytes`` or ``open_package`` and ``parse``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
import stat
import struct
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO
from xml.parsers import expat

MB = 1024 * 1024


class InputRefused(Exception):
    """A file that is not read; the message says why, in Chinese."""


@dataclass(frozen=True)
class Limits:
    """What one file of a kind may cost. ``looks_like`` ends a refusal: "不像是决算公开表"."""

    looks_like: str
    kind: str  # what a good file is: "Excel 工作簿（.xlsx）"
    max_file: int  # bytes on disk
    max_entries: int = 5000  # parts of a zip
    max_part: int = 64 * MB  # inflated bytes of one part
    max_inflated: int = 200 * MB  # inflated bytes of all parts together
    max_ratio: int = 200  # inflated/compressed beyond this (and beyond 10 MB) is a zip bomb
    max_elements: int = 400_000  # XML elements read in all (about 2 µs each)
    seconds: float = 15.0  # a backstop: the limits above keep any file well inside it

    def with_(self, **changes: object) -> Limits:
        return replace(self, **changes)


# A large department's workbook has 25 000 XML elements and 10 000 cells; its whole published
# document (.docx: the nine tables, the text, four charts) 165 000 elements in 3.5 MB of XML.
WORKBOOK = Limits("决算公开表", "Excel 工作簿（.xlsx）", max_file=200 * MB)
DOCUMENT = Limits("情况说明文档", "Word 文档（.docx）", max_file=50 * MB, max_part=32 * MB, max_elements=1_500_000)
# A whole published document as plain text is about 60 000 characters; 4 MB is room for ten times
# that, in any encoding, and is read and checked in a few seconds.
TEXT = Limits("情况说明文档", "文本文件", max_file=4 * MB)
PROJECT = Limits("本软件的项目文件", "项目文件（.jsgk）", max_file=16 * MB)


# --------------------------------------------------------------------------- names and errors


def shown(path: str | os.PathLike[str] | bytes) -> str:
    """A path as it can be printed: bytes that are not UTF-8 (a Linux file name from another
    system) become ``\\xff`` escapes instead of lone surrogates that break every output."""
    if isinstance(path, bytes):
        return path.decode("utf-8", "backslashreplace")
    text = os.fspath(path)
    if isinstance(text, bytes):
        return text.decode("utf-8", "backslashreplace")
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that did not come from a file name's bytes
        return text.encode("utf-8", "backslashreplace").decode("ascii")


def name_of(path: str | os.PathLike[str]) -> str:
    return shown(Path(path).name or os.fspath(path))


_ERRNO = {
    errno.ENOENT: "找不到文件或文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "操作不被允许（没有权限）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.EISDIR: "这是文件夹",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接循环（链接指向自己）",
    errno.EIO: "磁盘读写出错",
    errno.EMFILE: "打开的文件过多",
    errno.EBUSY: "文件正被其他程序使用",
    errno.EEXIST: "文件已存在",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.EFBIG: "文件过大",
}
for _name, _text in (("EDQUOT", "超出磁盘配额"), ("ETXTBSY", "文件正被其他程序使用"), ("ESTALE", "网络文件已失效")):
    if hasattr(errno, _name):
        _ERRNO[getattr(errno, _name)] = _text


def os_error_text(e: OSError) -> str:
    """What went wrong, in Chinese: the system's own text is English on most machines."""
    if isinstance(e, PermissionError):
        return "没有权限（文件可能是只读的，或正被其他程序使用）"
    winerror = getattr(e, "winerror", None)
    if winerror == 32:  # ERROR_SHARING_VIOLATION: open in Excel or WPS
        return "文件正被其他程序（如 Excel 或 WPS）打开"
    if winerror == 112:  # ERROR_DISK_FULL
        return _ERRNO[errno.ENOSPC]
    return _ERRNO.get(e.errno or -1, f"系统错误（错误号 {e.errno}）" if e.errno else "系统错误")


# --------------------------------------------------------------------------- regular files only


def regular_file(path: str | os.PathLike[str]) -> os.stat_result:
    """The file's status when it is a regular file (a link to one is fine); otherwise refused
    with what it is instead."""
    p = Path(path)
    try:
        return _require_regular(p, os.stat(p))
    except InputRefused:
        raise
    except OSError as e:
        raise InputRefused(_stat_failure(p, e)) from None
    except ValueError:  # a NUL in the name
        raise InputRefused(f"文件名“{shown(p)}”无效。") from None


def _stat_failure(p: Path, e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return f"“{shown(p)}”是循环的符号链接（链接最终指向自己），不是文件。"
    if isinstance(e, FileNotFoundError):
        with contextlib.suppress(OSError):
            if stat.S_ISLNK(os.lstat(p).st_mode):
                return f"“{shown(p)}”是一个链接，但它指向的文件不存在（{shown(os.readlink(p))}）。"
        return f"找不到文件“{shown(p)}”。"
    if isinstance(e, PermissionError):
        return f"没有权限读取“{shown(p)}”。"
    return f"无法读取“{shown(p)}”：{os_error_text(e)}。"


def _require_regular(p: Path, st: os.stat_result) -> os.stat_result:
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return st
    if stat.S_ISDIR(mode):
        raise InputRefused(f"“{shown(p)}”是文件夹，不是文件。")
    if stat.S_ISFIFO(mode):
        raise InputRefused(f"“{name_of(p)}”不是普通文件（是命名管道），读取它会一直等待，已拒绝。")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise InputRefused(f"“{name_of(p)}”不是普通文件（是设备），已拒绝读取。")
    if stat.S_ISSOCK(mode):
        raise InputRefused(f"“{name_of(p)}”不是普通文件（是套接字），已拒绝读取。")
    raise InputRefused(f"“{name_of(p)}”不是普通文件，已拒绝读取。")


@contextlib.contextmanager
def open_regular(path: str | os.PathLike[str], limits: Limits) -> Iterator[tuple[BinaryIO, int]]:
    """The file opened for reading, and its size; only a regular file within ``limits.max_file``.

    Opened without blocking and checked again on the open descriptor, so that a file swapped for a
    pipe between the two looks is still refused.
    """
    p = Path(path)
    st = regular_file(p)
    _check_size(p, st.st_size, limits)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(p, flags)
    except OSError as e:
        raise InputRefused(_stat_failure(p, e)) from None
    try:
        st = _require_regular(p, os.fstat(fd))
        _check_size(p, st.st_size, limits)
        f = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with f:
        yield f, st.st_size


def _check_size(p: Path, size: int, limits: Limits) -> None:
    if size > limits.max_file:
        raise InputRefused(
            f"“{name_of(p)}”过大（{_size_text(size)}，上限 {_size_text(limits.max_file)}），不像是{limits.looks_like}，已拒绝读取。"
        )


def _size_text(size: int) -> str:
    return f"{size / MB:.0f} MB" if size >= MB else f"{max(1, size // 1024)} KB"


def read_bytes(path: str | os.PathLike[str], limits: Limits) -> bytes:
    """The whole file; refused when it is not a regular file or larger than ``limits.max_file``
    (also when it grew past that after it was looked at)."""
    p = Path(path)
    with open_regular(p, limits) as (f, _size):
        try:
            raw = f.read(limits.max_file + 1)
        except OSError as e:
            raise InputRefused(f"无法读取“{shown(p)}”：{os_error_text(e)}。") from None
    _check_size(p, len(raw), limits)
    return raw


# --------------------------------------------------------------------------- text encodings

ENCODINGS_TEXT = "UTF-8（带或不带 BOM）、UTF-16（LE/BE）、GB18030（含 GBK）、Big5"
_SAMPLE = 20_000  # characters scored to tell the encodings apart


def read_text(path: str | os.PathLike[str], limits: Limits = TEXT) -> str:
    """A plain text file, decoded; line ends made ``\\n``."""
    return decode_text(read_bytes(path, limits), name_of(path))


def decode_text(raw: bytes, name: str) -> str:
    """Text in any encoding Chinese offices write: UTF-8 (with or without BOM), UTF-16 LE/BE
    (with a BOM, and without one when the text shows it), GB18030 (covers GBK and GB2312) and
    Big5. Anything else is refused naming these."""
    text = _decode(raw, name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(raw: bytes, name: str) -> str:
    boms = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
    for bom, encoding in boms:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding) if encoding != "utf-8-sig" else raw.decode(encoding)
            except UnicodeDecodeError:
                raise InputRefused(
                    f"“{name}”开头标明是 {encoding.upper().removesuffix('-SIG')} 编码，但内容无法按此编码读取（文件可能已损坏）。"
                ) from None
    if b"\0" not in raw:
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode("utf-8")
    scored = []
    for encoding in ("utf-16-le", "utf-16-be", "gb18030", "big5"):
        if encoding.startswith("utf-16") and len(raw) % 2:
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((_plausibility(text[:_SAMPLE], encoding), encoding, text))
    if scored:
        score, _encoding, text = max(scored, key=lambda s: s[0])
        if score >= 0.9:
            return text
    if b"\0" in raw[:4096]:
        raise InputRefused(f"“{name}”不是文本文件（含有二进制内容）。")
    raise InputRefused(f"“{name}”的文字编码无法识别。可以读取的编码：{ENCODINGS_TEXT}；请另存为 UTF-8 后再导入。")


def _plausibility(text: str, encoding: str) -> float:
    """The share of characters a Chinese text is made of. A wrong decoding gives control
    characters, private-use and rare code points: half of Big5 read as GB18030 falls outside
    GB2312's 6 763 characters, and GB2312 read as Big5 outside Big5's 5 401 common ones."""
    if not text:
        return 1.0
    good = 0
    for ch in text:
        o = ord(ch)
        if 0x20 <= o < 0x7F or ch in "\t\n\r" or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E:
            good += 1
        elif 0x4E00 <= o <= 0x9FFF:
            good += _common_cjk(ch, encoding)
        elif o >= 0xA0 and unicodedata.category(ch)[0] in "PSN" and not 0xE000 <= o <= 0xF8FF:
            good += 1  # punctuation, symbols, digits: “”、《》①…
    return good / len(text)


def _common_cjk(ch: str, encoding: str) -> bool:
    if encoding == "big5":
        return 0xA4 <= ch.encode("big5")[0] <= 0xC6  # Big5 level 1: the common characters
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        if encoding != "gb18030":  # UTF-16 text in traditional characters
            with contextlib.suppress(UnicodeEncodeError):
                return 0xA4 <= ch.encode("big5")[0] <= 0xC6
        return False


# --------------------------------------------------------------------------- zip packages


class Budget:
    """XML elements read so far and the time left, for every part of one file."""

    def __init__(self, name: str, limits: Limits):
        self.name, self.limits = name, limits
        self.elements = 0
        self.deadline = time.monotonic() + limits.seconds

    def refuse(self, what: str) -> InputRefused:
        return InputRefused(f"“{self.name}”{what}，不像是{self.limits.looks_like}，已拒绝读取。")

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.refuse(f"读取超过 {self.limits.seconds:.0f} 秒仍未完成")


class _Refused(Exception):
    """Raised from inside expat's callbacks to stop parsing at once."""


def _forbid(*_args: object) -> None:
    raise _Refused("DTD")


def safe_parser() -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    # A DTD has no place in an Office part: refusing it refuses external entities and entity
    # expansion ("billion laughs") before a single one is declared.
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def parses_entities(document: bytes) -> bool:
    """Whether the parser every reader uses would read ``document``'s DTD (it must not)."""
    parser = safe_parser()
    try:
        parser.Parse(document, True)
    except (_Refused, expat.ExpatError):
        return False
    return True


_CHUNK = 64 * 1024
_TICK = 4096  # elements between two looks at the clock
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


class Package:
    """A zip (an Office file) whose entries, sizes and ratio were checked before anything was
    inflated. Part names are matched without regard to case, as OPC says."""

    def __init__(self, z: zipfile.ZipFile, name: str, limits: Limits):
        self.z, self.name, self.limits = z, name, limits
        self.budget = Budget(name, limits)
        self._names = {i.filename.lower(): i.filename for i in z.infolist()}

    @property
    def names(self) -> set[str]:
        return set(self._names.values())

    def find(self, part: str) -> str | None:
        """The entry holding ``part`` ("xl/sharedStrings.xml", "/xl/…" or any case), or None."""
        return self._names.get(part.lstrip("/").lower())

    def read(self, part: str, label: str) -> bytes:
        """A small part whole (relationships, content types); its size is within the limits."""
        chunks = []
        for chunk in self._chunks(part, label):
            chunks.append(chunk)
        return b"".join(chunks)

    def _chunks(self, part: str, label: str) -> Iterator[bytes]:
        entry = self.find(part)
        if entry is None:
            raise InputRefused(f"“{self.name}”已损坏或不完整（缺少{label}）。")
        try:
            with self.z.open(entry) as f:
                while chunk := f.read(_CHUNK):
                    self.budget.tick()
                    yield chunk
        except RuntimeError:  # zipfile: the entry is encrypted with a zip password
            raise InputRefused(f"“{self.name}”的{label}被加密，无法读取。") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
            raise InputRefused(f"“{self.name}”已损坏（{label}的压缩数据校验失败）。") from None

    def parse(
        self,
        part: str,
        label: str,
        start: Callable[[str, dict[str, str]], None],
        end: Callable[[str], None] | None = None,
        text: Callable[[str], None] | None = None,
    ) -> None:
        """Stream one part through expat under the file's budget; element names reach the
        callbacks without their prefix ("w:p" → "p")."""
        parser = safe_parser()
        budget = self.budget
        limit = self.limits.max_elements

        def on_start(name: str, attrs: dict[str, str]) -> None:
            budget.elements += 1
            if budget.elements > limit:
                raise budget.refuse(f"内容过多（{label}等处超过 {limit} 个 XML 元素）")
            if not budget.elements % _TICK:
                budget.tick()
            start(name[name.find(":") + 1 :], attrs)

        parser.StartElementHandler = on_start
        if end is not None:
            parser.EndElementHandler = lambda name: end(name[name.find(":") + 1 :])
        if text is not None:
            parser.CharacterDataHandler = text
        try:
            for chunk in self._chunks(part, label):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _Refused:
            raise InputRefused(
                f"“{self.name}”的{label}含有 DTD（实体声明），可能是恶意构造的文件，已拒绝读取。"
            ) from None
        except expat.ExpatError as e:
            raise InputRefused(
                f"“{self.name}”内容已损坏（{label}的 XML 在第{e.lineno}行第{e.offset + 1}列无法读取）。"
            ) from None

    def relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (target part, type's last word) of ``source`` ("" for the package)."""
        folder, base = posixpath.split(source.lstrip("/"))
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        out: dict[str, tuple[str, str]] = {}
        if self.find(rels) is None:
            return out

        def on_rel(name: str, attrs: dict[str, str]) -> None:
            if name == "Relationship" and attrs.get("TargetMode", "Internal") != "External":
                target = attrs.get("Target", "")
                part = (
                    target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                )
                out[attrs.get("Id", "")] = (part, attrs.get("Type", "").rsplit("/", 1)[-1])

        self.parse(rels, "关系表", on_rel)
        return out

    def related(self, source: str, kind: str) -> str | None:
        """The part ``source`` names with a relationship of ``kind`` ("sharedStrings"), if present."""
        for part, k in self.relationships(source).values():
            if k == kind and self.find(part) is not None:
                return self.find(part)
        return None

    def main_part(self) -> str | None:
        """The package's main document (workbook, Word document), as its relationships say."""
        return self.related("", "officeDocument")


@contextlib.contextmanager
def open_package(path: str | os.PathLike[str], limits: Limits) -> Iterator[Package]:
    """A zip within ``limits``: its directory is looked at before zipfile reads it (a directory of
    millions of entries would take that long), then the declared sizes and the ratio."""
    p = Path(path)
    name = name_of(p)
    with open_regular(p, limits) as (f, size):
        _check_directory(f, size, name, limits)
        try:
            z = zipfile.ZipFile(f)
            infos = z.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError, OSError):
            raise InputRefused(_damaged(name, limits)) from None
        with z:
            _check_sizes(infos, name, limits)
            yield Package(z, name, limits)


def _damaged(name: str, limits: Limits) -> str:
    return f"“{name}”已损坏或不完整（不是有效的 {limits.kind}），无法读取。"


def _check_directory(f: BinaryIO, size: int, name: str, limits: Limits) -> None:
    f.seek(max(0, size - 65536 - 22))
    tail = f.read()
    f.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        raise InputRefused(_damaged(name, limits))
    entries, directory = struct.unpack("<HI", tail[at + 10 : at + 16])
    # 0xFFFF / 0xFFFFFFFF mean "see the zip64 record": more entries or bytes than any of ours has.
    if entries > limits.max_entries or directory > limits.max_entries * 1024:
        raise InputRefused(f"“{name}”中的条目过多（{entries} 个），不像是{limits.looks_like}，已拒绝读取。")


def _check_sizes(infos: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    if len(infos) > limits.max_entries:
        raise InputRefused(f"“{name}”中的条目过多（{len(infos)} 个），不像是{limits.looks_like}，已拒绝读取。")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    biggest = max((i.file_size for i in infos), default=0)
    if (
        total > limits.max_inflated
        or biggest > limits.max_part
        or (total / packed > limits.max_ratio and total > 10 * MB)
    ):
        raise InputRefused(
            f"“{name}”解压后过大（{total // MB} MB，压缩前 {max(1, packed // 1024)} KB），不像是{limits.looks_like}，已拒绝读取。"
        )


def is_zip(head: bytes) -> bool:
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))
