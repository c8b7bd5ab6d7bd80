"""Read the text of a Word document (.docx) or a plain text file (.txt) the user imports.

Both come through ``model.inputs``, the guard every reader uses: only a regular file, within its
size; a .docx within the limits on entries, inflated size, XML elements and time; a .txt in any
encoding Chinese offices write (UTF-8, UTF-16, GB18030, Big5), anything else refused naming these.

A .docx is read paragraph by paragraph in document order, tables included (a table row becomes
one line, cells separated by tabs, a merged cell's text once), so that the headings stay on lines
of their own. Its XML is streamed (expat, DTD refused), never built into a tree.
"""

from __future__ import annotations

import os
from pathlib import Path

from model.inputs import DOCUMENT, TEXT, InputRefused, is_zip, name_of, open_package, open_regular, read_text

MAX_BYTES = DOCUMENT.max_file
# The whole published document, its nine tables included: a large department's is 134 000
# characters. Only its 情况说明 is kept (model.text_clean.MAX_DOCUMENT_CHARS).
MAX_READ_CHARS = 2_000_000
TEXT_SUFFIXES = (".txt", ".text", ".md")
DOCX_SUFFIXES = (".docx", ".docm")
FILE_FILTER = "情况说明文档 (*.docx *.txt)"


class TextFileError(InputRefused):
    """The document cannot be read; the message says why, in Chinese."""


def read_document(path: str | os.PathLike[str]) -> str:
    p = Path(path)
    try:
        text = _read(p)
    except TextFileError:
        raise
    except InputRefused as e:
        raise TextFileError(str(e)) from None
    if len(text) > MAX_READ_CHARS:
        raise _too_much(p)
    return text


def _too_much(p: Path) -> TextFileError:
    return TextFileError(
        f"“{name_of(p)}”的文字过多（超过 {MAX_READ_CHARS} 个字符），不像是部门决算公开文档，已拒绝读取。"
    )


def _read(p: Path) -> str:
    suffix = p.suffix.lower()
    with open_regular(p, DOCUMENT) as (f, _size):
        head = f.read(8)
    if suffix == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise TextFileError(f"“{name_of(p)}”是旧版 Word 格式（.doc），请在 Word 或 WPS 中另存为 .docx 后再导入。")
    if is_zip(head):
        return _read_docx(p)
    if suffix in DOCX_SUFFIXES:
        raise TextFileError(f"“{name_of(p)}”不是有效的 Word 文档（.docx），或文件已损坏。")
    return read_text(p, TEXT)


def _read_docx(p: Path) -> str:
    with open_package(p, DOCUMENT) as pkg:
        main = pkg.main_part() or pkg.find("word/document.xml")
        if main is None or not main.lower().startswith("word/"):
            raise TextFileError(f"“{name_of(p)}”不是有效的 Word 文档（.docx），或文件已损坏。")
        body = _Body()
        pkg.parse(main, "正文", body.start, body.end, body.text)
        if body.chars > MAX_READ_CHARS:
            raise _too_much(p)
    if not body.seen_body:
        raise TextFileError(f"“{name_of(p)}”不是有效的 Word 文档（.docx），或文件已损坏。")
    return "\n".join(body.lines)


# What a run holds besides w:t, as python-docx reads it: a tab, a line break, a hyphen.
_RUN_TEXT = {"tab": "\t", "ptab": "\t", "cr": "\n", "noBreakHyphen": "-"}
# Content that is not the paragraph's own text: drawings and text boxes, fields' codes, notes.
_SKIPPED = {"drawing", "pict", "object", "txbxContent", "instrText", "delText", "del", "fldData", "rPr", "pPr"}


class _Body:
    """Callbacks that turn document.xml into lines: one per paragraph, one per table row."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.chars = 0
        self.seen_body = False
        self.depth_body = 0
        self.skip = 0
        self.in_t = False
        self.paragraph: list[str] | None = None
        self.tables = 0  # nesting; only the outermost table's rows become lines
        self.cell: list[str] | None = None  # paragraphs of the current outermost cell
        self.row: list[tuple[int, int, str | None]] = []  # (grid column, span, text or None: merged from above)
        self.grid = 0
        self.span = 1
        self.merge_continue = False
        self.above: dict[int, str] = {}  # grid column → text of the cell a vertical merge continues

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.skip:
            self.skip += 1
            return
        if name == "body":
            self.seen_body = True
        elif name in _SKIPPED:
            self.skip = 1
        elif name == "p":
            if self.tables <= 1:
                self.paragraph = []
        elif name == "t":
            self.in_t = True
        elif name == "br":
            if self.paragraph is not None and attrs.get(_w(attrs, "type"), "textWrapping") == "textWrapping":
                self.paragraph.append("\n")
        elif name in _RUN_TEXT:
            if self.paragraph is not None:
                self.paragraph.append(_RUN_TEXT[name])
        elif name == "tbl":
            self.tables += 1
            if self.tables == 1:
                self.above = {}
        elif self.tables == 1:
            self._table_start(name, attrs)

    def _table_start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "tr":
            self.row = []
            self.grid = 0
        elif name == "gridBefore":
            self.grid += _int(attrs.get(_w(attrs, "val")), 0)
        elif name == "tc":
            self.cell = []
            self.span = 1
            self.merge_continue = False
        elif name == "gridSpan":
            self.span = max(1, _int(attrs.get(_w(attrs, "val")), 1))
        elif name == "vMerge":
            self.merge_continue = attrs.get(_w(attrs, "val"), "continue") == "continue"

    def end(self, name: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if name == "t":
            self.in_t = False
        elif name == "p":
            if self.paragraph is not None:
                text = "".join(self.paragraph)
                self.paragraph = None
                if self.tables == 0:
                    self.lines.append(text)
                elif self.cell is not None:
                    self.cell.append(text)
        elif name == "tbl":
            self.tables -= 1
        elif self.tables == 1:
            if name == "tc" and self.cell is not None:
                text = None if self.merge_continue else "\n".join(self.cell)
                self.row.append((self.grid, self.span, text))
                self.grid += self.span
                self.cell = None
            elif name == "tr":
                self._row_done()

    def _row_done(self) -> None:
        cells: list[str] = []
        for grid, span, text in self.row:
            if text is None:
                text = self.above.get(grid, "")
            else:
                for g in range(grid, grid + span):
                    self.above[g] = text
            text = text.strip()
            if not cells or text != cells[-1]:  # a merged cell's text once
                cells.append(text)
        self.lines.append("\t".join(cells))
        self.row = []

    def text(self, data: str) -> None:
        if self.in_t and not self.skip and self.paragraph is not None:
            self.chars += len(data)
            if self.chars > MAX_READ_CHARS:
                self.paragraph = None  # counted on, kept no more: refused once the part is read
                return
            self.paragraph.append(data)


def _w(attrs: dict[str, str], local: str) -> str:
    """The attribute's name as written ("w:val"), whatever the prefix."""
    for key in attrs:
        if key == local or key.endswith(":" + local):
            return key
    return local


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and len(text) < 4 else default
