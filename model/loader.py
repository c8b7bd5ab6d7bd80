"""Open whatever the user points at: a project file or a workbook laid out like the tables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from model.fileio import ProjectFileError, load_project
from model.project import Project
from model.workbook.reader import WorkbookError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


class InputError(Exception):
    """The input cannot be read; the message says why, in Chinese."""


@dataclass
class Loaded:
    project: Project
    imported: object | None = None  # ImportResult when the input was a workbook


def is_workbook(path: str | os.PathLike[str]) -> bool:
    p = Path(path)
    if p.suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    if not p.is_file():  # reading a named pipe to sniff it would block until someone writes to it
        return False
    try:
        with open(p, "rb") as f:
            return f.read(2) == b"PK"
    except OSError:
        return False


def load_input(path: str | os.PathLike[str]) -> Loaded:
    p = Path(path)
    if not p.exists():
        raise InputError(f"找不到文件“{p}”。")
    if p.is_dir():
        raise InputError(f"“{p}”是文件夹。")
    if not p.is_file():  # a pipe or a device would block or never end; only regular files are read
        raise InputError(f"“{p.name}”不是普通文件（设备或管道），无法读取。")
    if is_workbook(p) or p.suffix.lower() in (".xls", ".csv", ".et"):
        from model.workbook.importer import import_workbook

        try:
            result = import_workbook(p)
        except WorkbookError as e:
            raise InputError(str(e)) from None
        return Loaded(result.project, result)
    try:
        return Loaded(load_project(p))
    except ProjectFileError as e:
        raise InputError(str(e)) from None
