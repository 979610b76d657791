"""One running Medius per data folder, through a lock file beside the database.

``QLockFile`` writes the owner's process id and detects stale locks left by
a crash (the process no longer exists), so a crashed session never locks the
clinic out. Only QtCore is used: the command line takes the same lock
before it restores.
"""

from __future__ import annotations

from PySide6.QtCore import QLockFile

from desktop.paths import AppPaths


class InstanceLock:
    def __init__(self, paths: AppPaths) -> None:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(paths.lock_file))
        self._lock.setStaleLockTime(0)  # stale only when the owning process is gone

    def acquire(self) -> bool:
        """True when this process now holds the folder; False when another Medius does."""
        return bool(self._lock.tryLock(0))

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    @property
    def held(self) -> bool:
        return bool(self._lock.isLocked())
