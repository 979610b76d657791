"""Storage errors the window shows to the clinician (their messages are written for people)."""

from __future__ import annotations

from db.errors import DatabaseError, StorageError

__all__ = ["DatabaseError", "StorageError"]
