"""The project file: JSON with a format marker and a schema version, written atomically.

A file that is not ours, damaged, or written by a newer version is refused with a Chinese
message and never modified. Saving writes a temporary file beside the target, fsyncs it and
renames it over the target, so a crash leaves either the old or the new file, complete (and
perhaps the temporary file, which the next owner of the target removes: ``remove_stale_temporaries``).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import tempfile
import time
from pathlib import Path

from pydantic import ValidationError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

from model.inputs import PROJECT, InputRefused, name_of, read_bytes
from model.project import Project
from model.text_clean import clean_project, length_problems

FORMAT = "juesuan-gongkai-project"
SCHEMA_VERSION = 1
SUFFIX = ".jsgk"
FILE_FILTER = "决算公开项目 (*.jsgk)"
# A year's project is a few hundred KB (a department with 470 项 subjects: 430 KB and 6 400 JSON
# objects and arrays); anything far larger is not one of ours, and parsing it could take
# hundreds of MB: 3 million empty objects fit in 9 MB.
MAX_BYTES = PROJECT.max_file
MAX_CONTAINERS = 200_000


class ProjectFileError(InputRefused):
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
        doc = json.loads(text, object_pairs_hook=_no_repeated_keys)
    except _RepeatedKey as e:
        raise ProjectFileError(
            f"{name}已损坏：“{e.args[0]}”在同一处出现了两次，无法确定哪一个是真的，未做任何修改。"
        ) from None
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
        project = Project.model_validate(doc.get("project"))
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ProjectFileError(f"{name}内容不完整或已损坏（{where}：{_why(first)}），未做任何修改。") from None
    except (ArithmeticError, RecursionError, TypeError, ValueError) as e:
        # A validator that met something no file of ours holds; still the user's file, still refused.
        raise ProjectFileError(f"{name}内容已损坏（{e.__class__.__name__}），未做任何修改。") from None
    if project.meta.unit != "万元":
        raise ProjectFileError(f"{name}的金额单位是“{project.meta.unit}”；项目文件只保存万元金额，未做任何修改。")
    too_long = length_problems(project)
    if too_long:
        more = f"等 {len(too_long)} 处" if len(too_long) > 1 else ""
        raise ProjectFileError(f"{name}的内容超出本软件的范围：{too_long[0]}{more}，未做任何修改。")
    # Characters no Word or Excel file can hold (pasted from elsewhere, or edited by hand) would
    # break the exports: they go, and the project says so (``load_notes``).
    project.load_notes = clean_project(project)
    return project


class _RepeatedKey(ValueError):
    pass


def _no_repeated_keys(pairs: list[tuple[str, object]]) -> dict:
    # json keeps the last of two equal keys without a word: a file with "project" twice would
    # load as whichever came last, often an empty one. Ours never repeats a key.
    doc = dict(pairs)
    if len(doc) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _RepeatedKey(key[:40])
            seen.add(key)
    return doc


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
        raw = read_bytes(p, PROJECT)
    except InputRefused as e:
        raise ProjectFileError(str(e)) from None
    try:
        # Notepad adds a byte-order mark when the file is opened and saved there; it is harmless.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectFileError(f"“{name_of(p)}”不是决算公开编报助手的项目文件（不是 UTF-8 文本）。") from None
    return loads(text, f"“{name_of(p)}”")


def project_bytes(project: Project) -> bytes:
    """Exactly what ``save_project`` writes."""
    return dumps(project).encode("utf-8")


def save_project(project: Project, path: str | os.PathLike[str]) -> None:
    write_atomic(Path(path), project_bytes(project))


TEMPORARY_SUFFIX = ".tmp"
_RANDOM_PART = re.compile(r"[a-z0-9_]{8}")  # what mkstemp puts between prefix and suffix


def _temporary_prefix(target: Path) -> str:
    return f".{target.name}."


class ReadOnlyTarget(PermissionError):
    """The file to be replaced is marked read-only: someone meant it not to change."""

    def __init__(self, target: Path):
        super().__init__(
            errno.EACCES, "文件是只读的（可能是有意保护的），未被替换；请另选文件名或先取消只读", str(target)
        )


def write_atomic(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` so that a crash leaves the old or the new file.

    A read-only target is refused (``ReadOnlyTarget``), not replaced behind its owner's back. The
    temporary file is locked while it is written, so that a tidy-up elsewhere (``remove_stale``)
    can tell it from what a killed write left.
    """
    folder = target.parent if str(target.parent) else Path(".")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    else:
        if not st.st_mode & 0o222:  # no write bit for anyone (Windows: the read-only attribute)
            raise ReadOnlyTarget(target)
        mode = st.st_mode & 0o777
    fd, tmp = tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=TEMPORARY_SUFFIX, dir=folder)
    try:
        _lock(fd)
        # mkstemp makes the file private; give it the target's mode, or the usual one.
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb", closefd=False) as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if os.name == "posix":
            os.replace(tmp, target)  # still open and locked: no tidy-up can take it first
            os.close(fd)
        else:
            os.close(fd)  # Windows renames no open file
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _lock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _in_use(path: Path) -> bool:
    """Whether a live write holds this temporary (POSIX: its lock; elsewhere: an open file cannot
    be removed, and one younger than a minute is left alone)."""
    if fcntl is None:
        try:
            return time.time() - path.stat().st_mtime < 60
        except OSError:
            return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


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

    For a caller that owns ``target`` (holds its lock); a temporary a live write still holds is
    left alone all the same. Failures are ignored; the files are harmless, just untidy.
    """
    return _remove(stale_temporaries(target))


def remove_stale(folder: Path, suffixes: tuple[str, ...]) -> int:
    """Remove, in ``folder``, what killed writes of any file ending in one of ``suffixes`` left
    behind (an export killed midway), except what a live write holds; the number removed."""
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    found = []
    for n in names:
        if not (n.startswith(".") and n.endswith(TEMPORARY_SUFFIX)):
            continue
        base, _dot, random_part = n[1 : -len(TEMPORARY_SUFFIX)].rpartition(".")
        if _RANDOM_PART.fullmatch(random_part) and base.lower().endswith(suffixes):
            found.append(folder / n)
    return _remove(found)


def _remove(paths: list[Path]) -> int:
    removed = 0
    for path in paths:
        if _in_use(path):
            continue
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
