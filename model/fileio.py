"""The project file: JSON with a format marker and a schema version, written atomically.

A file that is not ours, damaged, or written by a newer version is refused with a Chinese
message and never modified. Saving writes a temporary file beside the target, fsyncs it and
renames it over the target, so a crash leaves either the old or the new file, complete (and
perhaps the temporary file, which the next owner of the target removes: ``remove_stale_temporaries``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from pathlib import Path

from pydantic import ValidationError

from model.project import Project

FORMAT = "juesuan-gongkai-project"
SCHEMA_VERSION = 1
SUFFIX = ".jsgk"
FILE_FILTER = "决算公开项目 (*.jsgk)"
# A year's project is a few hundred KB (a department with 470 项 subjects: 430 KB and 6 400 JSON
# objects and arrays); anything far larger is not one of ours, and parsing it could take
# hundreds of MB: 3 million empty objects fit in 9 MB.
MAX_BYTES = 16 * 1024 * 1024
MAX_CONTAINERS = 200_000


class ProjectFileError(Exception):
    """A project file that cannot be opened; the message is for the user, in Chinese."""


def dumps(project: Project | dict, compact: bool = False) -> str:
    """The file's text; ``compact`` (no indentation) is several times faster to produce, for
    copies nobody reads, such as the window's recovery copies. A dict is a ``model_dump(mode="json")``."""
    data = project if isinstance(project, dict) else project.model_dump(mode="json")
    doc = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "project": data}
    return json.dumps(doc, ensure_ascii=False, indent=None if compact else 1)


def loads(text: str, name: str = "文件") -> Project:
    if text.count("{") + text.count("[") > MAX_CONTAINERS:
        raise ProjectFileError(f"{name}的结构过大（对象和数组超过 {MAX_CONTAINERS} 个），不是本软件的项目文件。")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise ProjectFileError(f"{name}已损坏或不完整（第{e.lineno}行第{e.colno}列无法读取），未做任何修改。") from None
    except (RecursionError, ValueError):  # nesting too deep for the parser, a number of 100 000 digits
        raise ProjectFileError(
            f"{name}已损坏（嵌套过深或数字过长），不是本软件保存的项目文件，未做任何修改。"
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ProjectFileError(f"{name}不是决算公开编报助手的项目文件。")
    version = doc.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise ProjectFileError(f"{name}的版本信息已损坏。")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            f"{name}由更新版本的决算公开编报助手保存（文件格式第{version}版，本程序支持到第{SCHEMA_VERSION}版），请升级后再打开。"
        )
    try:
        return Project.model_validate(doc.get("project"))
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ProjectFileError(f"{name}内容不完整或已损坏（{where}：{_why(first)}），未做任何修改。") from None
    except (ArithmeticError, RecursionError, TypeError, ValueError) as e:
        # A validator that met something no file of ours holds; still the user's file, still refused.
        raise ProjectFileError(f"{name}内容已损坏（{e.__class__.__name__}），未做任何修改。") from None


# What pydantic found wrong, said in Chinese (its own messages are English).
_WHY = {
    "missing": "缺少此项",
    "extra_forbidden": "多出了本软件不认识的内容",
    "finite_number": "不是有效数字",
    "decimal_parsing": "不是数字",
    "decimal_type": "不是数字",
    "decimal_max_places": "小数位数过多",
    "int_parsing": "不是整数",
    "int_type": "不是整数",
    "int_from_float": "不是整数",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "string_type": "应为文字",
    "dict_type": "结构不对",
    "list_type": "结构不对",
    "model_type": "结构不对",
    "enum": "取值不在允许的范围内",
    "literal_error": "取值不在允许的范围内",
    "bool_type": "应为是/否",
    "bool_parsing": "应为是/否",
}


def _why(error: dict) -> str:
    kind = error.get("type", "")
    if kind in _WHY:
        return _WHY[kind]
    if kind == "value_error":  # our own validators speak Chinese already
        return str(error.get("msg", "")).removeprefix("Value error, ")[:120]
    return "内容不符合项目文件的格式"


def load_project(path: str | os.PathLike[str]) -> Project:
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise ProjectFileError(f"“{p}”是文件夹，不是项目文件。")
        if not stat.S_ISREG(st.st_mode):
            raise ProjectFileError(f"“{p.name}”不是普通文件（设备或管道），不能作为项目文件打开。")
        if st.st_size > MAX_BYTES:
            raise ProjectFileError(f"“{p.name}”过大（{st.st_size // 1024 // 1024} MB），不是本软件的项目文件。")
        with open(p, "rb") as f:
            raw = f.read(MAX_BYTES + 1)  # the size may have grown since stat
        if len(raw) > MAX_BYTES:
            raise ProjectFileError(f"“{p.name}”过大，不是本软件的项目文件。")
    except FileNotFoundError:
        raise ProjectFileError(f"找不到文件“{p}”。") from None
    except IsADirectoryError:
        raise ProjectFileError(f"“{p}”是文件夹，不是项目文件。") from None
    except PermissionError:
        raise ProjectFileError(f"没有权限读取“{p}”。") from None
    except OSError as e:
        raise ProjectFileError(f"无法读取“{p}”：{e.strerror or e}") from None
    try:
        # Notepad adds a byte-order mark when the file is opened and saved there; it is harmless.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectFileError(f"“{p.name}”不是决算公开编报助手的项目文件（不是 UTF-8 文本）。") from None
    return loads(text, f"“{p.name}”")


def project_bytes(project: Project) -> bytes:
    """Exactly what ``save_project`` writes."""
    return dumps(project).encode("utf-8")


def save_project(project: Project, path: str | os.PathLike[str]) -> None:
    write_atomic(Path(path), project_bytes(project))


TEMPORARY_SUFFIX = ".tmp"
_RANDOM_PART = re.compile(r"[a-z0-9_]{8}")  # what mkstemp puts between prefix and suffix


def _temporary_prefix(target: Path) -> str:
    return f".{target.name}."


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` so that a crash leaves the old or the new file."""
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=TEMPORARY_SUFFIX, dir=folder)
    try:
        # mkstemp makes the file private; give it the target's mode, or the usual one.
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def stale_temporaries(target: Path) -> list[Path]:
    """Half-written files ``write_atomic`` left beside ``target`` when its process was killed mid-write."""
    folder = target.parent
    prefix = _temporary_prefix(target)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [
        folder / n
        for n in names
        if n.startswith(prefix)
        and n.endswith(TEMPORARY_SUFFIX)
        and _RANDOM_PART.fullmatch(n[len(prefix) : -len(TEMPORARY_SUFFIX)])
    ]


def remove_stale_temporaries(target: Path) -> int:
    """Remove what killed writes of ``target`` left behind; the number removed.

    Only for a caller that owns ``target`` (holds its lock): a write of it in progress elsewhere
    would lose its temporary file. Failures are ignored; the files are harmless, just untidy.
    """
    removed = 0
    for path in stale_temporaries(target):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; MoveFileEx is durable enough there.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
