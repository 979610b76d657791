"""A repository that opens in the background while the first screen is already up.

Start-up fills the client list from ``db.quick`` and gives the window this
handle instead of a repository. ``open()`` runs off the GUI thread right after
the first paint (it imports SQLAlchemy and the models); any use before then
waits for it, or opens it on the spot when nobody started it. Attribute access
forwards to the real repository, so services and widgets use the handle as
they would the repository. No Qt here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.repository import Repository


class RepositoryHandle:
    # The quick start opens a local data folder only, never a clinic server: nobody is signed in
    # with a role. Read here, so asking for the role never opens storage on the GUI thread.
    role: str | None = None

    def __init__(self, opener: Callable[[], Repository]) -> None:
        self._opener = opener
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
        return getattr(self.open(), name)
