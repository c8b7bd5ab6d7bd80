"""What installer/build-windows.sh checks, in Python: run on Linux with the project's own venv.

    python installer/windows_checks.py COMMAND …      (the script calls it; `--help` lists commands)

Comparisons of the frozen Windows program's output with the Linux source's (findings as JSON with
paths normalised; workbooks, documents and check lists by content, timestamps aside), the test
stand-ins that must never ship, the installer's Chinese texts against Inno Setup's Default.isl,
Xvfb's frame buffer to PNG, and what a silent install left behind in the Wine prefix.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import struct
import subprocess
import sys
import tomllib
import zlib
from collections import Counter
from pathlib import Path, PurePosixPath, PureWindowsPath

ROOT = Path(__file__).resolve().parent.parent

# The DLLs only the Wine test prefix gets (installer/wine/*.c); each carries this mark.
STANDIN_NAMES = ("bcryptprimitives.dll", "icuuc.dll")
STANDIN_MARK = b"JSGK-WINE-TEST-STANDIN"


# --- the one version and dependency list: pyproject.toml ----------------------------------------


def project_table() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]


def version() -> str:
    return project_table()["version"]


def requirements() -> list[str]:
    """What the Windows Python needs: the app's dependencies and the `build` extra (PyInstaller).
    pip judges environment markers for the machine it runs on, not for --platform, so PyInstaller's
    Windows-only dependencies are named here explicitly."""
    table = project_table()
    return [*table["dependencies"], *table["optional-dependencies"]["build"], "pefile", "pywin32-ctypes"]


# --- findings ------------------------------------------------------------------------------------


def normalise_paths(value, paths: list[str]):
    """``value`` with every occurrence of the given input paths replaced by the file's name, so a
    Windows ``Z:\\…\\x.xlsx`` and a Linux ``/…/x.xlsx`` read the same."""
    if isinstance(value, dict):
        return {k: normalise_paths(v, paths) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise_paths(v, paths) for v in value]
    if isinstance(value, str):
        for path in sorted(paths, key=len, reverse=True):
            name = PureWindowsPath(path).name if "\\" in path else PurePosixPath(path).name
            value = value.replace(path, name)
        return value
    return value


def differences(a, b, where: str = "$", limit: int = 20) -> list[str]:
    """Where two JSON values differ, as readable lines (at most ``limit``)."""
    out: list[str] = []

    def walk(x, y, at):
        if len(out) >= limit:
            return
        if type(x) is not type(y):
            out.append(f"{at}: {x!r} ≠ {y!r}")
        elif isinstance(x, dict):
            for k in sorted(x.keys() | y.keys()):
                if k not in x or k not in y:
                    out.append(f"{at}.{k}: only in {'first' if k in x else 'second'}")
                else:
                    walk(x[k], y[k], f"{at}.{k}")
        elif isinstance(x, list):
            if len(x) != len(y):
                out.append(f"{at}: {len(x)} items ≠ {len(y)} items")
            for i, (p, q) in enumerate(zip(x, y)):
                walk(p, q, f"{at}[{i}]")
        elif x != y:
            out.append(f"{at}: {x!r} ≠ {y!r}")

    walk(a, b, where)
    return out


def compare_findings(linux_json: Path, windows_json: Path, linux_input: str, windows_input: str) -> list[str]:
    linux = normalise_paths(json.loads(linux_json.read_text(encoding="utf-8")), [linux_input])
    windows = normalise_paths(json.loads(windows_json.read_text(encoding="utf-8")), [windows_input])
    if not linux.get("findings"):
        return [f"{linux_json.name}: no findings on Linux either — nothing was compared"]
    return differences(linux, windows)


def compare_text(linux_txt: Path, windows_txt: Path, linux_input: str, windows_input: str) -> list[str]:
    linux = normalise_paths(linux_txt.read_text(encoding="utf-8"), [linux_input]).splitlines()
    windows = normalise_paths(windows_txt.read_text(encoding="utf-8"), [windows_input]).splitlines()
    return differences(linux, windows)


# --- exported files, by content ------------------------------------------------------------------


def xlsx_content(path: Path) -> dict:
    """Every sheet's cell values, number formats, merged ranges and page set-up; no timestamps."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheets = {}
    for ws in book.worksheets:
        cells = [
            [cell.coordinate, cell.value if not hasattr(cell.value, "isoformat") else "<date>", cell.number_format]
            for row in ws.iter_rows()
            for cell in row
            if cell.value is not None
        ]
        setup = ws.page_setup
        sheets[ws.title] = {
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "page": [setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight, ws.print_title_rows],
        }
    return {"sheets": book.sheetnames, "content": sheets}


def docx_content(path: Path) -> dict:
    """Paragraph texts and styles, every table's cell texts, page sizes, how many pictures."""
    import docx

    document = docx.Document(str(path))
    return {
        "paragraphs": [[p.style.name if p.style is not None else "", p.text] for p in document.paragraphs],
        "tables": [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables],
        "sections": [[s.page_width, s.page_height, s.orientation] for s in document.sections],
        "pictures": len(document.inline_shapes),
    }


# The check list prints when it was made; that and nothing else may differ.
_TIMESTAMP = re.compile(r"\d{4}[-年/.]\d{1,2}[-月/.]\d{1,2}日?\s*(\d{1,2}[:：]\d{2}([:：]\d{2})?)?")


def pdf_content(path: Path, input_path: str = "") -> dict:
    """Pages and the characters printed on them. Not their order: Windows lays text out with
    its own font engine, so a long cell may wrap a character earlier or later than on Linux."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    pages = [p for p in text.stdout.split("\f") if p.strip()]
    printed = _TIMESTAMP.sub("<时间>", normalise_paths(text.stdout, [input_path] if input_path else []))
    return {"pages": len(pages), "characters": dict(sorted(Counter(re.sub(r"\s+", "", printed)).items()))}


def compare_files(linux_file: Path, windows_file: Path, linux_input: str = "", windows_input: str = "") -> list[str]:
    if not windows_file.exists():
        return [f"{windows_file.name}: not written on Windows"]
    suffix = linux_file.suffix.lower()
    if suffix == ".pdf":
        linux, windows = pdf_content(linux_file, linux_input), pdf_content(windows_file, windows_input)
    else:
        read = {".xlsx": xlsx_content, ".docx": docx_content}[suffix]
        linux, windows = read(linux_file), read(windows_file)
    return differences(linux, windows, where=linux_file.name)


# --- the stand-ins never ship --------------------------------------------------------------------


def standins_in_folder(folder: Path) -> list[str]:
    """Files under ``folder`` that are one of the test stand-ins, by name or by their mark."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name.lower() in STANDIN_NAMES or (path.suffix.lower() == ".dll" and STANDIN_MARK in path.read_bytes()):
            found.append(path.relative_to(folder).as_posix())
    return found


def manifest_files(manifest: Path) -> list[str]:
    """The source files Inno Setup compiled into the installer, from its OutputManifestFile (a
    tab-separated table with a SourceFilename column)."""
    rows = [line.split("\t") for line in manifest.read_bytes().decode("utf-8-sig").splitlines() if line.strip()]
    column = rows[0].index("SourceFilename")
    return [row[column] for row in rows[1:]]


def standins_in_manifest(lines: list[str]) -> list[str]:
    return [line for line in lines if any(name in line.lower() for name in STANDIN_NAMES)]


# --- the installer's own Chinese texts -----------------------------------------------------------


def isl_sections(text: str) -> dict[str, dict[str, str]]:
    """An .isl or .iss file's [LangOptions]/[Messages]/[CustomMessages] entries, by section."""
    sections: dict[str, dict[str, str]] = {}
    current = None
    for raw in text.lstrip("\ufeff").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
        elif current is not None and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            current[key.strip()] = value
    return sections


_PLACEHOLDER = re.compile(r"%\d|%n|\[[a-z/]+\]")


def _latin_only(text: str) -> bool:
    """English words and no Chinese: left in English ("%1（%2）" and "%1 MB" are neither)."""
    bare = _PLACEHOLDER.sub("", text)
    return bool(re.search(r"[A-Za-z]{3,}", bare)) and not re.search(r"[\u4e00-\u9fff]", bare)


def untranslated(default_isl: str, ours: str) -> list[str]:
    """Messages Default.isl has that ours lacks, leaves in English, or words with other
    placeholders (%1, %n, [name]) than the original."""
    theirs, mine = isl_sections(default_isl), isl_sections(ours)
    problems = []
    for section in ("Messages", "CustomMessages"):
        for key, english in theirs.get(section, {}).items():
            chinese = mine.get(section, {}).get(key)
            if chinese is None:
                problems.append(f"[{section}] {key}: missing")
            elif _latin_only(chinese):
                problems.append(f"[{section}] {key}: not Chinese: {chinese}")
            elif sorted(_PLACEHOLDER.findall(english)) != sorted(_PLACEHOLDER.findall(chinese)):
                problems.append(f"[{section}] {key}: placeholders {_PLACEHOLDER.findall(english)} ≠ {chinese}")
    return problems


# --- Xvfb's screen to PNG ------------------------------------------------------------------------


def read_xwd(path: Path) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a 24/32-bit ZPixmap XWD file (what ``Xvfb -fbdir`` keeps)."""
    data = path.read_bytes()
    header = struct.unpack(">25I", data[:100])
    header_size, fmt, depth, width, height = header[0], header[2], header[3], header[4], header[5]
    byte_order, bits_per_pixel, bytes_per_line, ncolors = header[7], header[11], header[12], header[19]
    if fmt != 2 or bits_per_pixel != 32 or depth < 24:
        raise ValueError(f"{path}: XWD format {fmt}, {bits_per_pixel} bits per pixel: not supported")
    start = header_size + ncolors * 12
    pixels = b"".join(data[start + y * bytes_per_line : start + y * bytes_per_line + width * 4] for y in range(height))
    # LSBFirst pixels are B G R x in memory, MSBFirst x R G B.
    r, g, b = (2, 1, 0) if byte_order == 0 else (1, 2, 3)
    rgb = bytearray(width * height * 3)
    rgb[0::3], rgb[1::3], rgb[2::3] = pixels[r::4], pixels[g::4], pixels[b::4]
    return width, height, bytes(rgb)


def png_bytes(width: int, height: int, rgb: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\0" + rgb[y * width * 3 : (y + 1) * width * 3] for y in range(height))
    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")


def colours(rgb: bytes, step: int = 97) -> int:
    """How many distinct colours a sample of the pixels has: a drawn window has many, an empty
    screen or a window still blank has one or two."""
    return len({rgb[i : i + 3] for i in range(0, len(rgb) - 2, 3 * step)})


def changed_rows(width: int, a: bytes, b: bytes) -> int:
    line = width * 3
    return sum(a[i : i + line] != b[i : i + line] for i in range(0, len(a), line))


def shoot_when_drawn(xwd: Path, png: Path, title: str, timeout: float = 120) -> bool:
    """Wait until a window whose title holds ``title`` is on the screen and the screen has
    settled (drawn, and maximised if it maximises: three frames a second apart differ in no more
    than a text caret's rows), then save the screen as PNG."""
    import time

    deadline, previous, settled = time.monotonic() + timeout, None, 0
    while time.monotonic() < deadline:
        time.sleep(1)
        tree = subprocess.run(
            ["xwininfo", "-root", "-tree"], capture_output=True, text=True, env={**os.environ, "LC_ALL": "C.UTF-8"}
        ).stdout
        if title not in tree:
            continue
        width, height, rgb = read_xwd(xwd)
        calm = previous is not None and changed_rows(width, previous, rgb) <= height // 40
        settled = settled + 1 if calm and colours(rgb) > 20 else 0
        previous = rgb
        if settled >= 3:
            png.write_bytes(png_bytes(width, height, rgb))
            return True
    return False


# --- what the installer left behind --------------------------------------------------------------

# Wine rewrites these by itself (window positions, MRU lists, its own caches) whether or not anything
# was installed.
_WINE_NOISE = re.compile(r"\\(Wine|Explorer|ShellNoRoam|Bags|BagMRU|RecentDocs|RunMRU|MuiCache)\b", re.I)


def registry_keys(reg_file: Path) -> set[str]:
    text = reg_file.read_text(encoding="utf-8", errors="replace") if reg_file.exists() else ""
    keys = set()
    for line in text.splitlines():
        if line.startswith("[") and "]" in line:
            key = line[1 : line.rindex("]")].replace("\\\\", "\\")
            if not _WINE_NOISE.search(key):
                keys.add(key)
    return keys


def snapshot(prefix: Path) -> dict:
    """Files under the prefix's drive_c (but Windows itself and temporary files) and user registry keys."""
    drive = prefix / "drive_c"
    files = sorted(
        p.relative_to(drive).as_posix()
        for p in drive.rglob("*")
        if (p.is_file() or p.is_symlink()) and p.relative_to(drive).parts[0].lower() != "windows"
        if not any(part.lower() == "temp" for part in p.relative_to(drive).parts)
    )
    return {"files": files, "keys": sorted(registry_keys(prefix / "user.reg"))}


def _reg_default(text: str, key: str) -> str | None:
    """The default value of ``key`` in a Wine .reg file (keys written with doubled backslashes)."""
    section = re.search(r"^\[" + re.escape(key.replace("\\", "\\\\")) + r"\][^\n]*\n(.*?)(?=^\[|\Z)", text, re.M | re.S)
    value = section and re.search(r'^@="((?:[^"\\]|\\.)*)"', section.group(1), re.M)
    if not value:
        return None
    # Wine writes non-ASCII characters as \x4e2d and escapes quotes and backslashes.
    return re.sub(r"\\x([0-9a-fA-F]{1,4})|\\(.)", lambda m: chr(int(m[1], 16)) if m[1] else m[2], value.group(1))


def open_command(reg_file: Path, suffix: str, document: str) -> list[str]:
    """The command line a double-click on a ``suffix`` file runs, as Explorer finds it under
    HKCU\\Software\\Classes, with ``document`` for %1. (Wine 8's ShellExecute does not look at
    per-user classes, so the script follows the keys itself.)"""
    text = reg_file.read_text(encoding="utf-8", errors="replace")
    prog_id = _reg_default(text, f"Software\\Classes\\{suffix}")
    command = prog_id and _reg_default(text, f"Software\\Classes\\{prog_id}\\shell\\open\\command")
    if not command:
        return []
    return [(quoted or bare).replace("%1", document) for quoted, bare in re.findall(r'"([^"]*)"|(\S+)', command)]


def leftovers(before: dict, after: dict, allowed: list[str]) -> list[str]:
    """What is new after install + uninstall, apart from the files and registry keys under
    ``allowed`` (the user's data folder, projects and the window's settings)."""

    def kept(name: str, sep: str) -> bool:
        return any((name.lower() + sep).startswith(a.lower().rstrip(sep) + sep) for a in allowed)

    new_files = [f for f in sorted(set(after["files"]) - set(before["files"])) if not kept(f, "/")]
    new_keys = [k for k in sorted(set(after["keys"]) - set(before["keys"])) if not kept(k, "\\")]
    return [f"file {f}" for f in new_files] + [f"registry {k}" for k in new_keys]


# --- the command line ----------------------------------------------------------------------------


def _report(problems: list[str], what: str) -> int:
    for line in problems:
        print(f"  ✗ {line}", file=sys.stderr)
    print(f"  {'✗' if problems else '✓'} {what}")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("version", help="the version in pyproject.toml")
    sub.add_parser("requirements", help="what the Windows Python needs, one per line")
    c = sub.add_parser("findings", help="compare --json outputs: LINUX.json WINDOWS.json LINUX_INPUT WINDOWS_INPUT")
    c.add_argument("files", nargs=4)
    c = sub.add_parser("text", help="compare plain outputs: LINUX.txt WINDOWS.txt LINUX_INPUT WINDOWS_INPUT")
    c.add_argument("files", nargs=4)
    c = sub.add_parser("files", help="compare exported files by content: LINUX WINDOWS LINUX_INPUT WINDOWS_INPUT")
    c.add_argument("files", nargs=4)
    c = sub.add_parser("standins", help="no test stand-in in FOLDER nor in the installer's MANIFEST")
    c.add_argument("folder", type=Path)
    c.add_argument("manifest", type=Path, nargs="?")
    c = sub.add_parser("messages", help="every text of DEFAULT.isl given in Chinese in ISS")
    c.add_argument("default_isl", type=Path)
    c.add_argument("iss", type=Path)
    c = sub.add_parser("shoot", help="XWD PNG TITLE: wait for the window and a settled screen, save it")
    c.add_argument("xwd", type=Path)
    c.add_argument("png", type=Path)
    c.add_argument("title")
    c = sub.add_parser("snapshot", help="PREFIX OUT.json: files and user registry keys")
    c.add_argument("prefix", type=Path)
    c.add_argument("out", type=Path)
    c = sub.add_parser("open-command", help="REG SUFFIX DOCUMENT: what a double-click runs, NUL-separated")
    c.add_argument("reg", type=Path)
    c.add_argument("suffix")
    c.add_argument("document")
    c = sub.add_parser("leftovers", help="BEFORE.json AFTER.json [ALLOWED…]: what is new")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("allowed", nargs="*")
    args = p.parse_args(argv)

    if args.command == "version":
        print(version())
    elif args.command == "requirements":
        print("\n".join(requirements()))
    elif args.command == "findings":
        a, b, x, y = args.files
        return _report(compare_findings(Path(a), Path(b), x, y), f"{Path(a).name}: same findings")
    elif args.command == "text":
        a, b, x, y = args.files
        return _report(compare_text(Path(a), Path(b), x, y), f"{Path(a).name}: same report")
    elif args.command == "files":
        a, b, x, y = args.files
        return _report(compare_files(Path(a), Path(b), x, y), f"{Path(a).name}: same content")
    elif args.command == "standins":
        problems = standins_in_folder(args.folder)
        if args.manifest:
            problems += standins_in_manifest(manifest_files(args.manifest))
        return _report(problems, "no test stand-in in the app or the installer")
    elif args.command == "messages":
        default = args.default_isl.read_bytes().decode("utf-8-sig")
        ours = args.iss.read_bytes().decode("utf-8-sig")
        return _report(untranslated(default, ours), "every wizard text in Chinese")
    elif args.command == "shoot":
        return 0 if shoot_when_drawn(args.xwd, args.png, args.title) else 1
    elif args.command == "snapshot":
        args.out.write_text(json.dumps(snapshot(args.prefix), ensure_ascii=False, indent=0), encoding="utf-8")
    elif args.command == "open-command":
        argv = open_command(args.reg, args.suffix, args.document)
        sys.stdout.write("".join(f"{a}\0" for a in argv))
        return 0 if argv else 1
    elif args.command == "leftovers":
        before = json.loads(args.before.read_text(encoding="utf-8"))
        after = json.loads(args.after.read_text(encoding="utf-8"))
        return _report(leftovers(before, after, args.allowed), "nothing left behind but the user's data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
