"""The guard every reader goes through (model/inputs.py): only regular files, each refusal with a
Chinese reason; text in the encodings Chinese offices write, anything else refused naming them;
a .docx under the same limits as a workbook (issue 12, items 8, 9, 11 and the encodings)."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document

from checks.text.docfile import TextFileError, read_document
from model.inputs import (
    DOCUMENT,
    WORKBOOK,
    InputRefused,
    decode_text,
    open_package,
    read_bytes,
    read_text,
    regular_file,
    shown,
)
from tests.hostile import ROOT, run_measured

TEXT = "一、收入支出决算总体情况说明\n2024年度收入总计1105.52万元，支出总计1105.52万元。\n"
TRADITIONAL = "一、收入支出決算總體情況說明\n本年度收入總計1105.52萬元，與上年相比增加，主要原因是人員經費增加。\n"
POSIX = pytest.mark.skipif(os.name != "posix", reason="pipes, devices and symlink loops as Linux has them")


# --------------------------------------------------------------------------- regular files only


@POSIX
def test_what_is_not_a_regular_file_is_refused_with_what_it_is(tmp_path):
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "零.txt"
    zero.symlink_to("/dev/zero")
    loop = tmp_path / "循环.txt"
    loop.symlink_to(loop)
    dangling = tmp_path / "悬空.txt"
    dangling.symlink_to(tmp_path / "不存在.txt")
    folder = tmp_path / "文件夹.txt"
    folder.mkdir()
    expect = {fifo: "命名管道", zero: "设备", loop: "循环", dangling: "不存在", folder: "文件夹"}
    for path, word in expect.items():
        t0 = time.monotonic()
        with pytest.raises(InputRefused) as e:
            read_bytes(path, DOCUMENT)
        assert word in str(e.value) and time.monotonic() - t0 < 1, (path, e.value)
        with pytest.raises(TextFileError) as e:
            read_document(path)
        assert word in str(e.value)


def test_an_unreadable_file_is_refused_with_a_reason_not_a_traceback(tmp_path, monkeypatch):
    path = tmp_path / "无权限.txt"
    path.write_text(TEXT, encoding="utf-8")
    real_open = os.open

    def denied(p, *args, **kwargs):  # tests run as root, whom chmod does not stop
        if Path(p) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(p))
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(TextFileError, match="没有权限读取"):
        read_document(path)


def test_a_file_over_its_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "大.txt"
    with open(big, "wb") as f:
        f.truncate(49 * 1024 * 1024)  # the 49 MB .txt of the issue: sparse, nothing to read
    t0 = time.monotonic()
    with pytest.raises(TextFileError, match="过大"):
        read_document(big)
    assert time.monotonic() - t0 < 0.5


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encoding,bom",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("gb18030", b""),
        ("gbk", b""),
    ],
)
def test_text_is_read_in_every_encoding_chinese_offices_write(tmp_path, encoding, bom):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(bom + TEXT.replace("\n", "\r\n").encode(encoding))
    assert read_document(path) == TEXT


@pytest.mark.parametrize("encoding", ["big5", "utf-16-le", "utf-16-be", "utf-8"])
def test_traditional_characters_are_read_in_big5_and_unicode(tmp_path, encoding):
    path = tmp_path / "繁體.txt"
    path.write_bytes(TRADITIONAL.encode(encoding))
    assert read_text(path) == TRADITIONAL


def test_another_encoding_is_refused_naming_the_ones_read():
    with pytest.raises(InputRefused) as e:
        decode_text(("収入支出決算総体状況説明、" * 20).encode("shift_jis"), "日文.txt")
    for name in ("UTF-8", "UTF-16", "GB18030", "Big5"):
        assert name in str(e.value)
    with pytest.raises(InputRefused, match="不是文本文件"):
        decode_text(bytes(range(256)) * 16, "二进制.txt")


def test_a_file_name_that_is_not_utf8_is_shown_escaped():
    name = os.fsdecode(b"\xff\xfe\xe6\x88\x91.txt")
    assert shown(name) == "\\xff\\xfe我.txt"
    assert shown(name).encode("utf-8")  # printable: no lone surrogate left
    assert shown("正常.txt") == "正常.txt"


# --------------------------------------------------------------------------- .docx


def _docx(paragraphs: list[str]) -> bytes:
    d = Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _with_document(docx: bytes, write_body, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The .docx with word/document.xml streamed by ``write_body(f)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                with dst.open(info.filename, "w", force_zip64=True) as f:
                    write_body(f)
            else:
                dst.writestr(info, src.read(info.filename))
    return out.getvalue()


HEAD = (
    b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
TAIL = b"</w:body></w:document>"


def _bomb(f) -> None:
    """200 MB of empty paragraphs, which deflate packs to well under 1 MB (the issue's 457 KB file)."""
    f.write(HEAD)
    block = b"<w:p/>" * (1024 * 1024 // 6)
    for _ in range(200):
        f.write(block)
    f.write(TAIL)


def _many_elements(f) -> None:
    """Two million elements in 12 MB, stored: within the sizes and the ratio, beyond the element budget."""
    f.write(HEAD + b"<w:p/>" * 2_000_000 + TAIL)


@pytest.mark.parametrize(
    "name,body,compression,expect",
    [
        ("压缩炸弹.docx", _bomb, zipfile.ZIP_DEFLATED, "过大"),
        ("元素过多.docx", _many_elements, zipfile.ZIP_STORED, "XML 元素"),
    ],
)
def test_a_docx_bomb_is_refused_within_the_workbook_limits(tmp_path, name, body, compression, expect):
    path = tmp_path / name
    path.write_bytes(_with_document(_docx(["x"]), body, compression))
    run = run_measured(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "check",
            str(ROOT / "resources/samples/2024-蔡甸区委办公室.jsgk"),
            "--text",
            str(path),
        ],
        timeout=60,
    )
    assert run.returncode == 2 and expect in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert run.cpu <= 2.0 and run.peak_mb <= 300, (run.cpu, run.peak_mb)


def test_a_docx_with_an_external_entity_is_refused(tmp_path):
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + HEAD[len(b'<?xml version="1.0"?>') :]
        + b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>"
        + TAIL
    )
    path = tmp_path / "实体.docx"
    path.write_bytes(_with_document(_docx(["x"]), lambda f: f.write(xxe)))
    with pytest.raises(TextFileError, match="DTD"):
        read_document(path)


def test_the_docx_text_is_what_python_docx_reads(tmp_path):
    """The streaming reader gives the very text python-docx gave (tables a line per row, merged
    cells once), on the whole exported document of the sample department."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from export.docx_document import write_docx
    from model.fileio import load_project

    path = tmp_path / "sample.docx"
    write_docx(load_project(ROOT / "resources/samples/2024-蔡甸区委办公室.jsgk"), path)
    doc = Document(str(path))
    lines = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, doc).text)
        elif tag == "tbl":
            for row in Table(block, doc).rows:
                cells = []
                for cell in row.cells:
                    text = cell.text.strip()
                    if not cells or text != cells[-1]:
                        cells.append(text)
                lines.append("\t".join(cells))
    assert read_document(path) == "\n".join(lines)
    assert "\t" in read_document(path) and "收入支出决算总表" in read_document(path)


def test_parts_are_found_by_the_relationships_not_by_a_fixed_name(tmp_path):
    """A .docx whose main part is not word/document.xml, and part names in another case."""
    src = _docx(["一、收入支出决算总体情况说明", "收入总计1105.52万元。"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as a, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            data = a.read(info.filename)
            name = info.filename
            if name == "word/document.xml":
                name = "word/Main.XML"
            elif name in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"/word/document.xml", b"/word/main.xml").replace(
                    b"word/document.xml", b"word/main.xml"
                )
            b.writestr(name, data)
    path = tmp_path / "别名.docx"
    path.write_bytes(out.getvalue())
    assert read_document(path).splitlines()[:2] == ["一、收入支出决算总体情况说明", "收入总计1105.52万元。"]
    with open_package(path, DOCUMENT) as pkg:
        assert pkg.main_part() == "word/Main.XML"


def test_the_workbook_and_document_limits_are_one_guard():
    from model.workbook import reader

    assert reader.open_package is open_package and WORKBOOK.max_entries == DOCUMENT.max_entries
    assert regular_file(ROOT / "main.py").st_size > 0


@POSIX
def test_text_from_a_pipe_does_not_hang_check(tmp_path):
    fifo = tmp_path / "情况说明.txt"
    os.mkfifo(fifo)
    p = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "check",
            str(ROOT / "resources/samples/2024-蔡甸区委办公室.jsgk"),
            "--text",
            str(fifo),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert p.returncode == 2 and "命名管道" in p.stderr, p.stderr
