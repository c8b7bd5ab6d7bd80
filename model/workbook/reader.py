"""Reading a workbook into plain grids, safely: no formulas evaluated, no huge or foreign files.

Cells come back as values exactly as stored (numbers, text, dates); formula cells carry the
value Excel cached for them, and a formula without a cached value is marked so that it is
reported instead of being read as empty.

A workbook comes from elsewhere, so nothing in it is trusted. The file is sniffed before it is
opened as a zip (an .xls, a password-protected workbook, CSV or a web page renamed .xlsx gets
its own message); the zip's entries, sizes and compression ratio are checked before anything is
inflated; and the XML is read by one streaming pass of expat under a budget of elements, rows,
cells and strings, refusing any DTD (external entities, entity expansion) the moment it starts.
The work done on any file is bounded by these limits, not by what the file claims.
"""

from __future__ import annotations

import datetime as _dt
import os
import posixpath
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

MAX_ROWS = 20000  # a department's nine tables never approach this
MAX_COLS = 60  # values further right are not part of any of the nine tables
MAX_CELLS = 200_000  # values kept, all sheets together; a large department has about 10 000
MAX_STRINGS = 200_000  # shared strings
MAX_ELEMENTS = (
    400_000  # XML elements read in all: bounds the time on any file (about 2 µs each); a large department has 25 000
)
MAX_ENTRIES = 5000  # parts in the zip
MAX_FILE = 200 * 1024 * 1024
MAX_PART = 64 * 1024 * 1024  # uncompressed bytes of one part
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed/compressed beyond this is a zip bomb, not a spreadsheet
MAX_TEXT = 32767  # Excel's own limit on the characters in one cell
_CHUNK = 64 * 1024


class WorkbookError(Exception):
    """A workbook that cannot be read at all; the message is for the user, in Chinese."""


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    formulas: set[tuple[int, int]] = field(default_factory=set)
    max_row: int = 0
    max_col: int = 0
    truncated: bool = False  # kept for callers; a sheet beyond MAX_ROWS is now refused instead
    _rows: dict[int, list[tuple[int, object]]] | None = field(default=None, repr=False)

    def get(self, r: int, c: int) -> object:
        return self.cells.get((r, c))

    def text(self, r: int, c: int) -> str:
        return norm_text(self.cells.get((r, c)))

    def row_values(self, r: int) -> list[tuple[int, object]]:
        if self._rows is None:
            rows: dict[int, list[tuple[int, object]]] = {}
            for (rr, c), v in sorted(self.cells.items()):
                rows.setdefault(rr, []).append((c, v))
            self._rows = rows
        return self._rows.get(r, [])


def norm_text(v: object) -> str:
    """Text as compared with headers and labels: NFKC, no whitespace at all."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "".join(unicodedata.normalize("NFKC", str(v)).split())


def address(r: int, c: int) -> str:
    letters = ""
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{r}"


class _NoCache(str):
    """A formula whose result was never saved (the file was not opened in Excel/WPS since)."""


def is_uncached_formula(v: object) -> bool:
    return isinstance(v, _NoCache)


# --------------------------------------------------------------------------- what the file is


def _sniff(path: Path) -> None:
    """Refuse, with a message that says what the file is, anything that is not an .xlsx zip."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise WorkbookError(f"找不到文件“{path}”。") from None
    except OSError as e:
        raise WorkbookError(f"无法读取“{path}”：{e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise WorkbookError(f"“{path}”是文件夹，不是工作簿。")
    if not stat.S_ISREG(st.st_mode):
        raise WorkbookError(f"“{path.name}”不是普通文件（设备或管道），不能作为工作簿读取。")
    if st.st_size == 0:
        raise WorkbookError(f"“{path.name}”是空文件。")
    if st.st_size > MAX_FILE:
        raise WorkbookError(f"“{path.name}”过大（{st.st_size // 1024 // 1024} MB），不像是决算公开表，已拒绝读取。")
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except PermissionError:
        raise WorkbookError(f"没有权限读取“{path}”。") from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2 compound file
        raise WorkbookError(_compound_file_message(path))
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")) or b"<table" in text:
        raise WorkbookError(
            f"“{path.name}”是网页（HTML）格式的表格，不是 Excel 工作簿。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
        )
    if text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        raise WorkbookError(f"“{path.name}”是 XML 电子表格（Excel 2003），请在 Excel/WPS 中另存为 .xlsx 再导入。")
    if _looks_like_text(head):
        raise WorkbookError(
            f"“{path.name}”是 CSV 或文本文件，不是 Excel 工作簿（.xlsx）。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
        )
    raise WorkbookError(f"“{path.name}”不是 Excel 工作簿（.xlsx），无法读取。")


def _looks_like_text(head: bytes) -> bool:
    if b"\0" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 text
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as e:
            if e.start >= len(head) - 4:  # cut inside the last character
                return True
    return False


def _compound_file_message(path: Path) -> str:
    """An OLE2 compound file: say which kind by the names of its streams (UTF-16 in the directory)."""
    names = {
        "EncryptedPackage": "设置了打开密码的工作簿，无法读取。请在 Excel/WPS 中取消密码（文件→信息→保护工作簿）后另存为 .xlsx 再导入。",
        "Workbook": "旧版 .xls 工作簿，无法直接读取。请在 Excel/WPS 中另存为 .xlsx 再导入。",
        "Book": "旧版 .xls 工作簿（Excel 5.0/95），无法直接读取。请在 Excel/WPS 中另存为 .xlsx 再导入。",
        "WordDocument": "Word 文档（.doc），不是工作簿。",
        "PowerPoint Document": "PowerPoint 演示文稿，不是工作簿。",
    }
    found = set()
    patterns = {n: n.encode("utf-16-le") + b"\0\0" for n in names}
    tail = b""
    with open(path, "rb") as f:
        while chunk := f.read(1024 * 1024):
            block = tail + chunk
            found |= {n for n, p in patterns.items() if p in block}
            tail = block[-64:]
    for n, message in names.items():
        if n in found:
            return f"“{path.name}”是{message}"
    return f"“{path.name}”是旧版 Office 文件或设置了打开密码的文件，无法读取。请在 Excel/WPS 中另存为 .xlsx（并取消密码）后再导入。"


def _check_directory(path: Path) -> None:
    """Read the zip's end record before zipfile reads its whole directory into memory."""
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(max(0, size - 65536 - 22))
        tail = f.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        raise WorkbookError(f"“{path.name}”已损坏或不完整，无法读取。")
    entries, directory = struct.unpack("<HI", tail[at + 10 : at + 16])
    # 0xFFFF / 0xFFFFFFFF mean "see the zip64 record": more entries or bytes than any workbook has.
    if entries > MAX_ENTRIES or directory > MAX_ENTRIES * 1024:
        raise WorkbookError(f"“{path.name}”中的条目过多（{entries} 个），不像是决算公开表，已拒绝读取。")


def _open_zip(path: Path) -> zipfile.ZipFile:
    _check_directory(path)
    try:
        z = zipfile.ZipFile(path)
        infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise WorkbookError(f"“{path.name}”已损坏或不完整，无法读取。") from None
    try:
        if len(infos) > MAX_ENTRIES:
            raise WorkbookError(f"“{path.name}”中的条目过多（{len(infos)} 个），不像是决算公开表，已拒绝读取。")
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        biggest = max((i.file_size for i in infos), default=0)
        if total > MAX_UNCOMPRESSED or biggest > MAX_PART or (total / packed > MAX_RATIO and total > 10 * 1024 * 1024):
            raise WorkbookError(
                f"“{path.name}”解压后过大（{total // 1024 // 1024} MB），不像是决算公开表，已拒绝读取。"
            )
        names = {i.filename for i in infos}
        if "xl/workbook.xml" not in names:
            raise WorkbookError(_foreign_zip_message(path.name, names))
    except BaseException:
        z.close()
        raise
    return z


def _foreign_zip_message(name: str, names: set[str]) -> str:
    if "word/document.xml" in names:
        return f"“{name}”是 Word 文档（.docx），不是工作簿。"
    if "ppt/presentation.xml" in names:
        return f"“{name}”是 PowerPoint 演示文稿，不是工作簿。"
    if "xl/workbook.bin" in names:
        return f"“{name}”是 Excel 二进制工作簿（.xlsb），请在 Excel/WPS 中另存为 .xlsx 再导入。"
    if "content.xml" in names and "mimetype" in names:
        return f"“{name}”是 OpenDocument 表格（.ods），请另存为 .xlsx 再导入。"
    return f"“{name}”不是 Excel 工作簿（缺少工作簿内容）。"


# --------------------------------------------------------------------------- streaming XML


class _Budget:
    """Elements and values read so far; the same budget covers every part of one workbook."""

    def __init__(self, file: str):
        self.file = file
        self.elements = 0
        self.cells = 0

    def refuse(self, what: str) -> WorkbookError:
        return WorkbookError(f"“{self.file}”{what}，不像是决算公开表，已拒绝读取。")


class _Refused(Exception):
    """Raised from inside expat's callbacks to stop parsing at once."""


def _forbid(*_args: object) -> None:
    raise _Refused("DTD")


def _safe_parser() -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    # A DTD has no place in a workbook: refusing it refuses external entities and entity
    # expansion ("billion laughs") before a single one is declared.
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def parses_entities(document: bytes) -> bool:
    """Whether the parser used for workbooks would read ``document``'s DTD (it must not)."""
    parser = _safe_parser()
    try:
        parser.Parse(document, True)
    except (_Refused, expat.ExpatError):
        return False
    return True


def _parse(
    z: zipfile.ZipFile,
    part: str,
    budget: _Budget,
    label: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Stream one part through expat; element names reach the callbacks without a prefix."""
    parser = _safe_parser()

    def on_start(name: str, attrs: dict[str, str]) -> None:
        budget.elements += 1
        if budget.elements > MAX_ELEMENTS:
            raise budget.refuse(f"内容过多（{label}等处超过 {MAX_ELEMENTS} 个 XML 元素）")
        start(name[name.find(":") + 1 :], attrs)

    parser.StartElementHandler = on_start
    if end is not None:
        parser.EndElementHandler = lambda name: end(name[name.find(":") + 1 :])
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        with z.open(part) as f:
            while chunk := f.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Refused:
        raise WorkbookError(
            f"“{budget.file}”的{label}含有 DTD（实体声明），可能是恶意构造的文件，已拒绝读取。"
        ) from None
    except expat.ExpatError as e:
        raise WorkbookError(
            f"“{budget.file}”内容已损坏（{label}的 XML 在第{e.lineno}行第{e.offset + 1}列无法读取）。"
        ) from None
    except RuntimeError:  # zipfile: the entry is encrypted with a zip password
        raise WorkbookError(f"“{budget.file}”的{label}被加密，无法读取。") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise WorkbookError(f"“{budget.file}”已损坏（{label}的压缩数据校验失败）。") from None


# --------------------------------------------------------------------------- workbook parts


def _sheet_list(z: zipfile.ZipFile, budget: _Budget) -> tuple[list[tuple[str, str]], bool]:
    """(title, part) of each worksheet in workbook order, and whether dates count from 1904."""
    sheets: list[tuple[str, str]] = []
    flags = {"1904": False}

    def on_wb(name: str, attrs: dict[str, str]) -> None:
        if name == "sheet":
            rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
            sheets.append((attrs.get("name", ""), rid))
        elif name == "workbookPr":
            flags["1904"] = attrs.get("date1904", "0") in ("1", "true")

    _parse(z, "xl/workbook.xml", budget, "工作簿目录", on_wb)
    targets: dict[str, tuple[str, str]] = {}

    def on_rel(name: str, attrs: dict[str, str]) -> None:
        if name == "Relationship":
            targets[attrs.get("Id", "")] = (attrs.get("Target", ""), attrs.get("Type", ""))

    if "xl/_rels/workbook.xml.rels" in z.NameToInfo:
        _parse(z, "xl/_rels/workbook.xml.rels", budget, "工作簿关系表", on_rel)
    found = []
    for title, rid in sheets:
        target, kind = targets.get(rid, ("", ""))
        if not kind.endswith("/worksheet"):
            continue  # chart sheets, dialog sheets, or a dangling reference
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if part in z.NameToInfo:
            found.append((title, part))
    return found, flags["1904"]


def _shared_strings(z: zipfile.ZipFile, budget: _Budget) -> list[str]:
    part = "xl/sharedStrings.xml"
    if part not in z.NameToInfo:
        return []
    strings: list[str] = []
    current: list[str] = []
    state = {"t": False, "skip": 0, "len": 0}

    def start(name: str, _attrs: dict[str, str]) -> None:
        if name == "si":
            current.clear()
            state["len"] = 0
        elif name == "t":
            state["t"] = True
        elif name in ("rPh", "phoneticPr"):
            state["skip"] += 1  # furigana runs are not part of the text

    def end(name: str) -> None:
        if name == "si":
            strings.append("".join(current))
            if len(strings) > MAX_STRINGS:
                raise budget.refuse(f"的共享字符串过多（超过 {MAX_STRINGS} 个）")
        elif name == "t":
            state["t"] = False
        elif name in ("rPh", "phoneticPr"):
            state["skip"] -= 1

    def text(data: str) -> None:
        if state["t"] and not state["skip"]:
            state["len"] += len(data)
            if state["len"] > MAX_TEXT:
                raise budget.refuse(f"的共享字符串过长（超过 Excel 每格 {MAX_TEXT} 个字符的上限）")
            current.append(data)

    _parse(z, part, budget, "共享字符串表", start, end, text)
    return strings


_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59)) | set(range(71, 82))
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]')


def _is_date_format(code: str) -> bool:
    return bool(re.search(r"[dmyhs]", _FORMAT_NOISE.sub("", code).lower()))


def _date_styles(z: zipfile.ZipFile, budget: _Budget) -> set[int]:
    """Indices of cell formats that show a number as a date or a time."""
    part = "xl/styles.xml"
    if part not in z.NameToInfo:
        return set()
    custom: dict[int, str] = {}
    formats: list[int] = []
    where = {"xfs": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "numFmt":
            custom[_small_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            where["xfs"] = True
        elif name == "xf" and where["xfs"]:
            formats.append(_small_int(attrs.get("numFmtId")))

    def end(name: str) -> None:
        if name == "cellXfs":
            where["xfs"] = False

    _parse(z, part, budget, "样式表", start, end)
    return {i for i, f in enumerate(formats) if (_is_date_format(custom[f]) if f in custom else f in _DATE_IDS)}


_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})$")


def _small_int(text: str | None) -> int:
    """An index or row number from an attribute; 0 when absent or absurd."""
    return int(text) if text and len(text) <= 9 and text.isascii() and text.isdigit() else 0


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


class _SheetReader:
    """Callbacks that turn one sheet's XML into a ``Sheet``, checking the limits as they go."""

    def __init__(self, sheet: Sheet, strings: list[str], dates: set[int], epoch: _dt.datetime, budget: _Budget):
        self.sheet, self.strings, self.dates, self.epoch, self.budget = sheet, strings, dates, epoch, budget
        self.row = 0
        self.col = 0
        self.kind = "n"
        self.style = 0
        self.value: list[str] = []
        self.length = 0
        self.formula: list[str] | None = None
        self.in_value = False
        self.in_formula = False
        self.in_text = 0
        self.skip = 0
        self.has_value = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "c":
            ref = attrs.get("r")
            m = _REF.match(ref) if ref else None
            self.col = _column(m.group(1)) if m else self.col + 1
            if m:
                self.row = int(m.group(2))
            self.kind = attrs.get("t", "n")
            self.style = _small_int(attrs.get("s"))
            self.value.clear()
            self.length = 0
            self.formula = None
            self.has_value = False
        elif name == "row":
            r = _small_int(attrs.get("r"))
            self.row = r if r else self.row + 1
            self.col = 0
        elif name == "v":
            self.in_value = True
            self.has_value = True
        elif name == "f":
            self.formula = []
            self.in_formula = True
        elif name == "is":
            self.has_value = True
        elif name == "t":
            self.in_text += 1
        elif name == "rPh":
            self.skip += 1

    def end(self, name: str) -> None:
        if name == "c":
            self._cell()
        elif name == "v":
            self.in_value = False
        elif name == "f":
            self.in_formula = False
        elif name == "t":
            self.in_text -= 1
        elif name == "rPh":
            self.skip -= 1

    def text(self, data: str) -> None:
        if self.in_value or (self.in_text and not self.skip and self.kind == "inlineStr"):
            self.value.append(data)
        elif self.in_formula and self.formula is not None:
            self.formula.append(data)
        else:
            return
        self.length += len(data)
        if self.length > MAX_TEXT:
            raise self.budget.refuse(f"的工作表“{self.sheet.name}”中有超过 Excel 上限（{MAX_TEXT} 个字符）的单元格")

    def _cell(self) -> None:
        r, c = self.row, self.col
        if c > MAX_COLS or r < 1:
            return
        raw = "".join(self.value)
        if self.formula is not None and not raw:
            # No cached result (openpyxl and some generators write none, or an empty <v/>).
            value: object = _NoCache("=" + "".join(self.formula))
        elif not self.has_value:
            return
        else:
            value = self._convert(raw)
        if value is None or (isinstance(value, str) and not value.strip()):
            return
        if r > MAX_ROWS:
            raise self.budget.refuse(
                f"的工作表“{self.sheet.name}”在第 {r} 行还有内容，超过 {MAX_ROWS} 行，远超决算公开表的规模"
            )
        self.budget.cells += 1
        if self.budget.cells > MAX_CELLS:
            raise self.budget.refuse(f"的单元格过多（超过 {MAX_CELLS} 个有内容的单元格）")
        sheet = self.sheet
        sheet.cells[(r, c)] = value
        if self.formula is not None:
            sheet.formulas.add((r, c))
        if r > sheet.max_row:
            sheet.max_row = r
        if c > sheet.max_col:
            sheet.max_col = c

    def _convert(self, raw: str) -> object:
        kind = self.kind
        if not raw and kind != "inlineStr":
            return None
        if kind == "s":
            try:
                return self.strings[int(raw)]
            except (ValueError, IndexError):
                raise WorkbookError(
                    f"“{self.budget.file}”内容已损坏（工作表“{self.sheet.name}”引用了不存在的共享字符串）。"
                ) from None
        if kind in ("inlineStr", "str", "e"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            try:
                return _dt.datetime.fromisoformat(raw.strip())
            except ValueError:
                return raw
        raw = raw.strip()
        if not raw:
            return None
        try:
            number: int | float = int(raw) if raw.lstrip("-+").isdigit() and len(raw) < 20 else float(raw)
        except ValueError:
            return raw  # not a number although typed as one: the parser reports it
        if self.style in self.dates:
            try:
                moment = self.epoch + _dt.timedelta(days=float(number))
                return moment.time() if 0 <= number < 1 else moment
            except (OverflowError, ValueError):
                return number
        return number


def read_workbook(path: str | os.PathLike[str]) -> list[Sheet]:
    """All worksheets as grids; formula cells hold their cached values."""
    p = Path(path)
    _sniff(p)
    budget = _Budget(p.name)
    with _open_zip(p) as z:
        parts, date1904 = _sheet_list(z, budget)
        strings = _shared_strings(z, budget)
        dates = _date_styles(z, budget)
        epoch = _dt.datetime(1904, 1, 1) if date1904 else _dt.datetime(1899, 12, 30)
        sheets = []
        for title, part in parts:
            sheet = Sheet(title)
            reader = _SheetReader(sheet, strings, dates, epoch, budget)
            _parse(z, part, budget, f"工作表“{title}”", reader.start, reader.end, reader.text)
            sheets.append(sheet)
    return sheets
