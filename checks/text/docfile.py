"""Read the text of a Word document (.docx) or a plain text file (.txt) the user imports.

Plain text from Chinese Windows is often GB18030 (GBK) rather than UTF-8; both are tried.
A .docx is read paragraph by paragraph in document order, tables included (a table row becomes
one line, cells separated by tabs), so that the headings stay on lines of their own.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".md")
DOCX_SUFFIXES = (".docx", ".docm")
FILE_FILTER = "情况说明文档 (*.docx *.txt)"


class TextFileError(Exception):
    """The document cannot be read; the message says why, in Chinese."""


def read_document(path: str | os.PathLike[str]) -> str:
    p = Path(path)
    if not p.exists():
        raise TextFileError(f"找不到文件“{p}”。")
    if p.is_dir():
        raise TextFileError(f"“{p}”是文件夹。")
    if p.stat().st_size > MAX_BYTES:
        raise TextFileError(f"“{p.name}”过大，不是情况说明文档。")
    suffix = p.suffix.lower()
    if suffix == ".doc":
        raise TextFileError(f"“{p.name}”是旧版 Word 格式（.doc），请在 Word 或 WPS 中另存为 .docx 后再导入。")
    if suffix in DOCX_SUFFIXES or zipfile.is_zipfile(p):
        return _read_docx(p)
    return _read_plain(p)


def _read_plain(p: Path) -> str:
    raw = p.read_bytes()
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TextFileError(f"“{p.name}”不是文本文件。")
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return raw.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise TextFileError(f"“{p.name}”的文字编码无法识别（既不是 UTF-8 也不是 GBK）。")


def _read_docx(p: Path) -> str:
    try:
        from docx import Document
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        doc = Document(str(p))
    except Exception:  # python-docx raises several kinds for a damaged or foreign package
        raise TextFileError(f"“{p.name}”不是有效的 Word 文档（.docx），或文件已损坏。") from None
    lines: list[str] = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, doc).text)
        elif tag == "tbl":
            for row in Table(block, doc).rows:
                cells = []
                for cell in row.cells:
                    text = cell.text.strip()
                    if not cells or text != cells[-1]:  # merged cells repeat their text
                        cells.append(text)
                lines.append("\t".join(cells))
    return "\n".join(lines)
