"""Recovery copies of unsaved work, written every 30 s while a project is modified.

Each window owns one slot in the data folder: ``<id>.jsgk`` (the project), ``<id>.json`` (where
it came from) and ``<id>.lock`` held while the window lives. A slot whose lock can be taken
belongs to a window that is gone without cleaning up, i.e. crashed: the next start offers it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from model.fileio import (
    ProjectFileError,
    dumps,
    load_project,
    project_bytes,
    remove_stale_temporaries,
    write_atomic,
)
from model.project import Project
from ui.paths import data_dir

INTERVAL_MS = 30_000


def recovery_dir() -> Path:
    folder = data_dir() / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _lock(folder: Path, slot_id: str) -> QLockFile:
    lock = QLockFile(str(folder / f"{slot_id}.lock"))
    lock.setStaleLockTime(0)
    return lock


class RecoverySlot:
    """This window's recovery copy; ``write`` replaces it, ``discard`` removes it.

    The project is copied on the caller's thread (a consistent snapshot, a few ms); encoding and
    writing to disk happen on a worker thread, so a slow disk never stalls typing.
    """

    def __init__(self, folder: Path | None = None):
        self.folder = folder or recovery_dir()
        self.id = uuid.uuid4().hex
        self._lock = _lock(self.folder, self.id)
        self._lock.tryLock(0)
        self.written = False
        self._info: dict | None = None  # the info file as last written
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recovery")
        self._pending: Future | None = None

    @property
    def project_path(self) -> Path:
        return self.folder / f"{self.id}.jsgk"

    @property
    def info_path(self) -> Path:
        return self.folder / f"{self.id}.json"

    def write(self, project: Project, source: Path | None, name: str) -> Future:
        data = project.model_dump(mode="json")
        info = {"source": str(source) if source else None, "name": name, "saved_at": time.time()}
        self._pending = self._pool.submit(self._write, data, info)
        return self._pending

    def _write(self, data: dict, info: dict) -> None:
        write_atomic(self.project_path, dumps(data, compact=True).encode("utf-8"))
        # The info file last: a copy is offered only once it is complete.
        write_atomic(self.info_path, json.dumps(info, ensure_ascii=False).encode("utf-8"))
        self._info = info
        self.written = True

    def before_save(self, target: Path, project: Project) -> None:
        """The project is about to be saved to ``target``, after which the copy is discarded. A
        crash between the two would leave a copy older than the file, offered at the next start
        as if it held unsaved work. So the copy is first marked with what the save will write:
        if the file then holds exactly that, the copy has nothing the file lacks."""
        self.flush()
        if not self.written or self._info is None:
            return
        saving = {"path": str(target), "sha256": hashlib.sha256(project_bytes(project)).hexdigest()}
        with contextlib.suppress(OSError):  # unmarked, the copy is still offered: nothing lost
            write_atomic(self.info_path, json.dumps({**self._info, "saving": saving}, ensure_ascii=False).encode())

    def flush(self) -> None:
        """Wait for a write in progress (its failure is not the caller's concern: the next tick retries)."""
        if self._pending is not None:
            with contextlib.suppress(OSError):
                self._pending.result()
            self._pending = None

    def discard(self) -> None:
        self.flush()
        for p in (self.info_path, self.project_path):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        self.written = False

    def close(self) -> None:
        self.discard()
        self._pool.shutdown(wait=True)
        self._lock.unlock()
        with contextlib.suppress(FileNotFoundError):
            (self.folder / f"{self.id}.lock").unlink()


@dataclass
class Orphan:
    """A recovery copy left by a window that did not close normally."""

    id: str
    folder: Path
    source: Path | None
    name: str
    saved_at: float
    lock: QLockFile

    @property
    def project_path(self) -> Path:
        return self.folder / f"{self.id}.jsgk"

    def load(self) -> Project:
        return load_project(self.project_path)

    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))

    def discard(self) -> None:
        _remove_slot(self.folder, self.id, self.lock)


def orphans(folder: Path | None = None) -> list[Orphan]:
    """Recovery copies whose window is gone; each is locked until discarded or released.

    What a killed window left half-done is removed on the way: temporary files of a copy being
    written, and a copy without its info file (killed while writing the first copy, or while
    discarding one), which is never offered.
    """
    folder = folder or recovery_dir()
    found = []
    slots = sorted({p.stem for p in folder.iterdir() if p.suffix in (".json", ".jsgk", ".lock")})
    for slot_id in slots:
        lock = _lock(folder, slot_id)
        if not lock.tryLock(0):
            continue  # a live window owns it
        info_path, project_path = folder / f"{slot_id}.json", folder / f"{slot_id}.jsgk"
        for path in (info_path, project_path):
            remove_stale_temporaries(path)
        if not (info_path.exists() and project_path.exists()):
            _remove_slot(folder, slot_id, lock)
            continue
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            lock.unlock()
            continue
        if _saved_after_copy(info):
            _remove_slot(folder, slot_id, lock)
            continue
        source = Path(info["source"]) if info.get("source") else None
        found.append(Orphan(slot_id, folder, source, str(info.get("name", "")), float(info.get("saved_at", 0)), lock))
    return found


def _saved_after_copy(info: dict) -> bool:
    """Whether the window died after saving everything the copy holds (``before_save``)."""
    saving = info.get("saving")
    if not isinstance(saving, dict):
        return False
    try:
        with open(saving["path"], "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest() == saving["sha256"]
    except (OSError, KeyError, TypeError):
        return False


def _remove_slot(folder: Path, slot_id: str, lock: QLockFile) -> None:
    for suffix in (".json", ".jsgk"):
        with contextlib.suppress(FileNotFoundError):
            (folder / f"{slot_id}{suffix}").unlink()
    lock.unlock()
    with contextlib.suppress(FileNotFoundError):
        (folder / f"{slot_id}.lock").unlink()


__all__ = ["INTERVAL_MS", "Orphan", "ProjectFileError", "RecoverySlot", "orphans", "recovery_dir"]
