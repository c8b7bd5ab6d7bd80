"""Open whatever the user points at: a project file or a workbook laid out like the tables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from model.fileio import ProjectFileError, load_project
from model.inputs import InputRefused, regular_file
from model.project import Project
from model.workbook.reader import WorkbookError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


class InputError(InputRefused):
    """The input cannot be read; the message says why, in Chinese."""


@dataclass
class Loaded:
    project: Project
    imported: object | None = None  # ImportResult when the input was a workbook

    @property
    def checked(self) -> Project:
        """The project the tables are checked on: a workbook in 元 is checked in 元, exactly
        (``ImportResult.exact``), while ``project`` holds it in 万元 as the window and the exports show it."""
        return getattr(self.imported, "exact", None) or self.project


def is_workbook(path: str | os.PathLike[str]) -> bool:
    p = Path(path)
    if p.suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    try:
        regular_file(p)  # reading a named pipe to sniff it would block until someone writes to it
        with open(p, "rb") as f:
            return f.read(2) == b"PK"
    except (InputRefused, OSError):
        return False


def load_input(path: str | os.PathLike[str]) -> Loaded:
    p = Path(path)
    try:
        regular_file(p)  # a pipe, a device, a folder, a link to nowhere or to itself: said what it is
    except InputRefused as e:
        raise InputError(str(e)) from None
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
