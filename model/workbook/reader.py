"""Reading a workbook into plain grids, safely: no formulas evaluated, no huge or foreign files.

Cells come back as values exactly as stored (numbers, text, dates); formula cells carry the
value Excel cached for them, and a formula without a cached value is marked so that it is
reported instead of being read as empty.

A workbook comes from elsewhere, so nothing in it is trusted. The file is sniffed before it is
opened as a zip (an .xls, a password-protected workbook, CSV or a web page renamed .xlsx gets
its own message); then ``model.inputs``, the guard every reader uses, checks the zip's entries,
sizes and ratio before anything is inflated and streams the XML through expat under a budget of
elements and time, refusing any DTD the moment it starts; rows, cells and strings are bounded
here. The parts are found by the package's relationships, as Excel finds them, whatever their
names. The work done on any file is bounded by these limits, not by what the file claims.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from model.inputs import (
    WORKBOOK,
    InputRefused,
    Package,
    is_zip,
    name_of,
    open_package,
    open_regular,
    os_error_text,
    parses_entities,
    shown,
)

MAX_ROWS = 20000  # a department's nine tables never approach this
MAX_COLS = 60  # values further right are not part of any of the nine tables
MAX_CELLS = 200_000  # values kept, all sheets together; a large department has about 10 000
MAX_STRINGS = 200_000  # shared strings
MAX_TEXT = 32767  # Excel's own limit on the characters in one cell
MAX_MERGES = 5_000  # merged ranges kept per sheet: the headings of a table need a few dozen
PEEK_ROWS = 200  # rows read before asking whether a sheet is wanted: title, headers, and the labels a
# table without a title is recognised by (04 names "年初财政拨款结转和结余" in its body)
# Entries, sizes, ratio, XML elements and time: model.inputs.WORKBOOK, the same for every reader.
__all__ = ["parses_entities"]  # re-exported: model.safety tries the parser every reader uses


class WorkbookError(InputRefused):
    """A workbook that cannot be read at all; the message is for the user, in Chinese."""


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    formulas: set[tuple[int, int]] = field(default_factory=set)
    max_row: int = 0
    max_col: int = 0
    truncated: bool = False  # kept for callers; a sheet beyond MAX_ROWS is now refused instead
    hidden: bool = False  # hidden in Excel (state="hidden" or "veryHidden")
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # merged ranges: r1, c1, r2, c2
    skipped: bool = False  # not one of the tables: only its head was read (read_workbook's ``wanted``)
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
    name = name_of(path)
    with open_regular(path, WORKBOOK) as (f, size):
        if size == 0:
            raise WorkbookError(f"“{name}”是空文件。")
        try:
            head = f.read(4096)
        except OSError as e:
            raise WorkbookError(f"无法读取“{shown(path)}”：{os_error_text(e)}。") from None
        if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2 compound file
            raise WorkbookError(_compound_file_message(f, name))
    if is_zip(head):
        return
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<html", b"<!doctype html", b"<table", b"<meta")) or b"<table" in text:
        raise WorkbookError(
            f"“{name}”是网页（HTML）格式的表格，不是 Excel 工作簿。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
        )
    if text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        raise WorkbookError(f"“{name}”是 XML 电子表格（Excel 2003），请在 Excel/WPS 中另存为 .xlsx 再导入。")
    if _looks_like_text(head):
        raise WorkbookError(
            f"“{name}”是 CSV 或文本文件，不是 Excel 工作簿（.xlsx）。请在 Excel/WPS 中打开后另存为 .xlsx 再导入。"
        )
    raise WorkbookError(f"“{name}”不是 Excel 工作簿（.xlsx），无法读取。")


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


def _compound_file_message(f, name: str) -> str:
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
    f.seek(0)
    while chunk := f.read(1024 * 1024):
        block = tail + chunk
        found |= {n for n, p in patterns.items() if p in block}
        tail = block[-64:]
    for n, message in names.items():
        if n in found:
            return f"“{name}”是{message}"
    return f"“{name}”是旧版 Office 文件或设置了打开密码的文件，无法读取。请在 Excel/WPS 中另存为 .xlsx（并取消密码）后再导入。"


def _foreign_zip_message(name: str, names: set[str]) -> str:
    lower = {n.lower() for n in names}
    if "word/document.xml" in lower:
        return f"“{name}”是 Word 文档（.docx），不是工作簿。"
    if "ppt/presentation.xml" in lower:
        return f"“{name}”是 PowerPoint 演示文稿，不是工作簿。"
    if "xl/workbook.bin" in lower:
        return f"“{name}”是 Excel 二进制工作簿（.xlsb），请在 Excel/WPS 中另存为 .xlsx 再导入。"
    if "content.xml" in lower and "mimetype" in lower:
        return f"“{name}”是 OpenDocument 表格（.ods），请另存为 .xlsx 再导入。"
    return f"“{name}”不是 Excel 工作簿（缺少工作簿内容）。"


# --------------------------------------------------------------------------- workbook parts


class _Count:
    """Values kept so far, all sheets of one workbook together."""

    def __init__(self, pkg: Package):
        self.pkg = pkg
        self.cells = 0

    def refuse(self, what: str) -> InputRefused:
        return self.pkg.budget.refuse(what)


@dataclass
class _Entry:
    title: str
    part: str
    hidden: bool


def _workbook_part(pkg: Package) -> str:
    """The workbook, found as Excel finds it: by the package's relationships (any part name)."""
    main = pkg.main_part() or pkg.find("xl/workbook.xml")
    if main is None or not main.lower().endswith(".xml") or main.lower().startswith(("word/", "ppt/")):
        raise WorkbookError(_foreign_zip_message(pkg.name, pkg.names))
    return main


def _sheet_list(pkg: Package, main: str) -> tuple[list[_Entry], bool]:
    """Each worksheet in workbook order (title, part, hidden), and whether dates count from 1904."""
    sheets: list[tuple[str, str, bool]] = []
    flags = {"1904": False, "root": ""}

    def on_wb(name: str, attrs: dict[str, str]) -> None:
        if not flags["root"]:
            flags["root"] = name
        if name == "sheet":
            rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
            sheets.append((attrs.get("name", ""), rid, attrs.get("state", "visible") in ("hidden", "veryHidden")))
        elif name == "workbookPr":
            flags["1904"] = attrs.get("date1904", "0") in ("1", "true")

    pkg.parse(main, "工作簿目录", on_wb)
    if flags["root"] != "workbook":
        raise WorkbookError(_foreign_zip_message(pkg.name, pkg.names))
    targets = pkg.relationships(main)
    found = []
    for title, rid, hidden in sheets:
        part, kind = targets.get(rid, ("", ""))
        if kind != "worksheet":
            continue  # chart sheets, dialog sheets, or a dangling reference
        entry = pkg.find(part)
        if entry is not None:
            found.append(_Entry(title, entry, hidden))
    return found, bool(flags["1904"])


def _shared_strings(pkg: Package, main: str) -> list[str]:
    part = pkg.related(main, "sharedStrings") or pkg.find("xl/sharedStrings.xml")
    if part is None:
        return []
    strings: list[str] = []
    current: list[str] = []
    state = {"t": False, "skip": 0, "len": 0}
    budget = pkg.budget

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

    pkg.parse(part, "共享字符串表", start, end, text)
    return strings


_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59)) | set(range(71, 82))
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]')


def _is_date_format(code: str) -> bool:
    return bool(re.search(r"[dmyhs]", _FORMAT_NOISE.sub("", code).lower()))


def _date_styles(pkg: Package, main: str) -> set[int]:
    """Indices of cell formats that show a number as a date or a time."""
    part = pkg.related(main, "styles") or pkg.find("xl/styles.xml")
    if part is None:
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

    pkg.parse(part, "样式表", start, end)
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

    def __init__(
        self,
        sheet: Sheet,
        strings: list[str],
        dates: set[int],
        epoch: _dt.datetime,
        budget: _Count,
        wanted: Callable[[Sheet], bool] | None = None,
    ):
        self.sheet, self.strings, self.dates, self.epoch, self.budget = sheet, strings, dates, epoch, budget
        self.wanted = wanted  # asked once the head of the sheet is read: a sheet not wanted is skipped
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
        elif name == "mergeCell":
            self._merge(attrs.get("ref", ""))

    def _merge(self, ref: str) -> None:
        """A merged range: headings spanning columns or lines are read as covering every cell of it."""
        corners = [_REF.match(part) for part in ref.split(":")]
        if len(corners) != 2 or not all(corners) or len(self.sheet.merges) >= MAX_MERGES:
            return
        (c1, r1), (c2, r2) = ((_column(m.group(1)), int(m.group(2))) for m in corners if m)
        if 1 <= r1 <= r2 <= MAX_ROWS and 1 <= c1 <= c2 <= MAX_COLS:
            self.sheet.merges.append((r1, c1, r2, c2))

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
        if r > PEEK_ROWS and self.wanted is not None:
            wanted, self.wanted = self.wanted, None
            if not wanted(self.sheet):
                raise _Skip
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
                    f"“{self.budget.pkg.name}”内容已损坏（工作表“{self.sheet.name}”引用了不存在的共享字符串）。"
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


class _Skip(Exception):
    """A sheet that is not wanted: the rest of it is not read."""


def read_workbook(path: str | os.PathLike[str], wanted: Callable[[Sheet], bool] | None = None) -> list[Sheet]:
    """All worksheets as grids; formula cells hold their cached values.

    ``wanted`` is asked about each sheet once its first ``PEEK_ROWS`` rows are read; a sheet it
    does not want (a detail sheet of 25 000 rows beside the nine tables) is marked ``skipped`` and
    the rest of it is not read, so it costs neither time nor the limits.
    """
    p = Path(path)
    try:
        _sniff(p)
        with open_package(p, WORKBOOK) as pkg:
            main = _workbook_part(pkg)
            entries, date1904 = _sheet_list(pkg, main)
            strings = _shared_strings(pkg, main)
            dates = _date_styles(pkg, main)
            epoch = _dt.datetime(1904, 1, 1) if date1904 else _dt.datetime(1899, 12, 30)
            count = _Count(pkg)
            sheets = []
            for entry in entries:
                sheet = Sheet(entry.title, hidden=entry.hidden)
                reader = _SheetReader(sheet, strings, dates, epoch, count, wanted)
                try:
                    pkg.parse(entry.part, f"工作表“{entry.title}”", reader.start, reader.end, reader.text)
                except _Skip:
                    sheet.skipped = True
                    sheet._rows = None
                sheets.append(sheet)
    except WorkbookError:
        raise
    except InputRefused as e:
        raise WorkbookError(str(e)) from None
    return sheets
