"""One window per project file: a lock file beside the project, held while it is open.

QLockFile records the owner's process id and host, so a lock left by a crashed window is
recognised as stale and taken over, while a live window's lock refuses a second opening.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile

from model.inputs import shown
from model.outputs import resolved
from ui.paths import data_dir


class FileLockedError(Exception):
    """The file is open in another window; the message says so, in Chinese."""


def lock_path(target: Path) -> Path:
    return target.parent / f".~{target.name}.lock"


def _fallback_path(target: Path) -> Path:
    # A read-only folder cannot hold the lock; the data folder still guards this computer.
    digest = hashlib.sha1(os.fsencode(str(resolved(target)).lower())).hexdigest()[:16]
    folder = data_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{digest}.lock"


class ProjectLock:
    def __init__(self, target: Path):
        self.target = target
        self._lock: QLockFile | None = None

    def acquire(self) -> None:
        places = [lock_path(self.target), _fallback_path(self.target)]
        if shown(self.target.name) != self.target.name:
            places = places[1:]  # Qt cannot spell a name that is not UTF-8: the data folder's lock
        for path in places:
            lock = QLockFile(str(path))
            lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
            if lock.tryLock(0):
                self._lock = lock
                return
            if lock.error() == QLockFile.LockError.LockFailedError:
                raise FileLockedError(self._message(lock))
            # PermissionError / UnknownError: the folder cannot hold a lock; try the fallback.
        # Neither place is writable: open without a lock rather than refuse the user's file.

    def _message(self, lock: QLockFile) -> str:
        info = lock.getLockInfo()  # (pid, hostname, appname); empty when it cannot be read
        who = f"（计算机 {info[1]}，进程 {info[0]}）" if len(info) >= 2 and info[0] else ""
        return f"“{shown(self.target.name)}”已在另一个窗口中打开{who}。为免两处修改互相覆盖，不能再次打开；请切换到那个窗口。"

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    @property
    def held(self) -> bool:
        return self._lock is not None
