"""Reading a workbook into plain grids, safely: no formulas evaluated, no huge or foreign files.

Cells come back as values exactly as stored (numbers, text, dates); formula cells carry the
value Excel cached for them, and are marked so that a formula without a cached value is
reported instead of being read as empty.
"""

from __future__ import annotations

import os
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

MAX_ROWS = 20000  # a department's nine tables never approach this
MAX_COLS = 60
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed/compressed beyond this is a zip bomb, not a spreadsheet


class WorkbookError(Exception):
    """A workbook that cannot be read at all; the message is for the user, in Chinese."""


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    formulas: set[tuple[int, int]] = field(default_factory=set)
    max_row: int = 0
    max_col: int = 0
    truncated: bool = False
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
    return f"{get_column_letter(c)}{r}"


def _check_container(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise WorkbookError(f"找不到文件“{path}”。") from None
    except IsADirectoryError:
        raise WorkbookError(f"“{path}”是文件夹，不是工作簿。") from None
    except PermissionError:
        raise WorkbookError(f"没有权限读取“{path}”。") from None
    if not head:
        raise WorkbookError(f"“{path.name}”是空文件。")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookError(
            f"“{path.name}”是旧版 .xls 工作簿或设置了打开密码的工作簿，无法读取。请在 Excel/WPS 中另存为 .xlsx（并取消密码）后再导入。"
        )
    if not head.startswith(b"PK"):
        raise WorkbookError(
            f"“{path.name}”不是 Excel 工作簿（.xlsx）。如果是 CSV 或其他格式，请在 Excel/WPS 中另存为 .xlsx。"
        )
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except zipfile.BadZipFile:
        raise WorkbookError(f"“{path.name}”已损坏或不完整，无法读取。") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO and total > 10 * 1024 * 1024:
        raise WorkbookError(f"“{path.name}”解压后过大（{total // 1024 // 1024} MB），不像是决算公开表，已拒绝读取。")
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        raise WorkbookError(f"“{path.name}”不是 Excel 工作簿（缺少工作簿内容）。")


def read_workbook(path: str | os.PathLike[str]) -> list[Sheet]:
    """All worksheets as grids; formula cells hold their cached values."""
    p = Path(path)
    _check_container(p)
    sheets = _load(p, data_only=False)
    if any(s.formulas for s in sheets):
        cached = {s.name: s for s in _load(p, data_only=True)}
        for s in sheets:
            other = cached.get(s.name)
            for rc in s.formulas:
                value = other.cells.get(rc) if other else None
                if value is None:
                    s.cells[rc] = _NoCache(str(s.cells[rc]))
                else:
                    s.cells[rc] = value
            s._rows = None
    return sheets


class _NoCache(str):
    """A formula whose result was never saved (the file was not opened in Excel/WPS since)."""


def is_uncached_formula(v: object) -> bool:
    return isinstance(v, _NoCache)


def _load(p: Path, data_only: bool) -> list[Sheet]:
    import openpyxl  # imported here: only the workbook path pays for it

    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=data_only)
    except WorkbookError:
        raise
    except Exception as e:  # openpyxl raises many kinds on damaged input
        raise WorkbookError(f"“{p.name}”无法读取：{_reason(e)}") from None
    try:
        return [_grid(ws) for ws in wb.worksheets if ws.__class__.__name__ != "ReadOnlyChartsheet"]
    except WorkbookError:
        raise
    except Exception as e:
        raise WorkbookError(f"“{p.name}”内容已损坏：{_reason(e)}") from None
    finally:
        wb.close()


def _grid(ws) -> Sheet:
    sheet = Sheet(ws.title)
    for r, row in enumerate(ws.iter_rows(max_col=MAX_COLS), 1):
        if r > MAX_ROWS:
            sheet.truncated = True
            break
        for cell in row:
            v = getattr(cell, "value", None)
            if v is None or (isinstance(v, str) and not v.strip()):
                continue
            c = cell.column
            sheet.cells[(r, c)] = v
            if getattr(cell, "data_type", None) == "f" or (isinstance(v, str) and v.startswith("=")):
                sheet.formulas.add((r, c))
            sheet.max_row = max(sheet.max_row, r)
            sheet.max_col = max(sheet.max_col, c)
    return sheet


def _reason(e: Exception) -> str:
    text = str(e).strip() or e.__class__.__name__
    return text if len(text) < 200 else text[:200] + "…"
