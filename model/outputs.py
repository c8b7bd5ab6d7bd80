"""Where an output may go: never over an input, never two outputs into one file, never over a
read-only file, and not into a folder that is not there. Checked before anything is written.

    refuse_clashes(inputs=[project_path], outputs={"--xlsx": a, "--docx": b})   # OutputRefused

Two names are one file when they resolve to the same path or, both existing, to the same inode
(a hard link, another spelling of the same folder, a case-insensitive disk).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from model.inputs import os_error_text, shown

EXPORT_SUFFIXES = (".xlsx", ".docx", ".pdf")


class OutputRefused(Exception):
    """An output that is not written; the message says why, in Chinese."""


def resolved(path: str | os.PathLike[str]) -> Path:
    """The absolute path with links followed as far as they go; never raises (a loop stays as it is)."""
    p = Path(path)
    try:
        return p.resolve()
    except (OSError, RuntimeError):  # a symlink loop: Python 3.11 raises RuntimeError
        return Path(os.path.abspath(p))


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    if resolved(a) == resolved(b):
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def refuse_clashes(inputs: Iterable[str | os.PathLike[str]], outputs: Mapping[str, str | os.PathLike[str]]) -> None:
    """Refuse an output that is an input or the same file as another output, or that cannot be
    written (read-only, not a regular file, no such folder). ``outputs``: label → path."""
    inputs = list(inputs)
    seen: list[tuple[str, str | os.PathLike[str]]] = []
    for label, out in outputs.items():
        for source in inputs:
            if same_file(out, source):
                raise OutputRefused(
                    f"{label} 的输出文件“{shown(out)}”就是输入文件，写入会毁掉输入；请另选输出文件名。未写入任何文件。"
                )
        for other_label, other in seen:
            if same_file(out, other):
                raise OutputRefused(
                    f"{other_label} 和 {label} 指向同一个文件“{shown(out)}”，后一个会覆盖前一个；请分别指定文件名。未写入任何文件。"
                )
        seen.append((label, out))
        why = unwritable(out)
        if why:
            raise OutputRefused(f"{label}：{why}未写入任何文件。")


def unwritable(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot receive an output, or None."""
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    try:
        st = os.stat(p)
    except FileNotFoundError:
        if not folder.is_dir():
            return f"文件夹“{shown(folder)}”不存在。"
        return None
    except OSError as e:
        return f"无法写入“{shown(p)}”：{os_error_text(e)}。"
    if stat.S_ISDIR(st.st_mode):
        return f"“{shown(p)}”是文件夹。"
    if not stat.S_ISREG(st.st_mode):
        return f"“{shown(p)}”不是普通文件（管道或设备），不能作为输出。"
    if not st.st_mode & 0o222:
        return f"“{shown(p)}”是只读文件，不会被替换；请另选文件名或先取消只读。"
    return None
