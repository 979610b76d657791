"""A repository that opens in the background while the first screen is already up.

Start-up fills the client list from ``db.quick`` and gives the window this
handle instead of a repository. Until the repository opens, the reads the
start-up checks and a client's page make (``db.quick.QUICK_READS``) are
answered by a ``QuickReader`` on the same file when one is given; should it
fail, the repository answers instead. ``open()`` runs off the GUI thread once
start-up is idle (it imports SQLAlchemy and the models); any other use before
then waits for it, or opens it on the spot when nobody started it. Attribute
access forwards to the real repository, so services and widgets use the handle
as they would the repository. No Qt here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from db.quick import QUICK_ATTRIBUTES, QUICK_READS, QuickReadError

if TYPE_CHECKING:
    from db.quick import QuickReader
    from db.repository import Repository

log = logging.getLogger(__name__)


class RepositoryHandle:
    # The quick start opens a local data folder only, never a clinic server: nobody is signed in
    # with a role. Read here, so asking for the role never opens storage on the GUI thread.
    role: str | None = None

    def __init__(self, opener: Callable[[], Repository], quick: QuickReader | None = None) -> None:
        self._opener = opener
        self._quick = quick
        self._lock = threading.Lock()
        self._repo: Repository | None = None
        self._error: BaseException | None = None

    @property
    def is_open(self) -> bool:
        return self._repo is not None

    def open(self) -> Repository:
        """The repository, opening it now (once) if nobody has; re-raises a failed opening."""
        repo = self._repo
        if repo is not None:
            return repo
        with self._lock:  # a second caller waits here for the first one's result
            if self._repo is None:
                if self._error is not None:
                    raise self._error
                try:
                    self._repo = self._opener()
                except BaseException as error:
                    self._error = error
                    raise
            return self._repo

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        quick = self._quick
        if self._repo is None and quick is not None:
            if name in QUICK_ATTRIBUTES:
                return getattr(quick, name)
            if name in QUICK_READS:
                return self._quick_read(quick, name)
        return getattr(self.open(), name)

    def _quick_read(self, quick: QuickReader, name: str) -> Callable[..., Any]:
        def read(*args: Any, **kwargs: Any) -> Any:
            if self._repo is None and self._quick is not None:
                try:
                    return getattr(quick, name)(*args, **kwargs)
                except QuickReadError as exc:
                    log.info("quick %s unavailable (%s): the repository answers", name, exc)
                    self._quick = None  # from now on the repository answers everything
            return getattr(self.open(), name)(*args, **kwargs)

        return read
