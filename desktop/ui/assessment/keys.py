"""The editor's names for drafts; the format lives in ``desktop.services.drafts``."""

from __future__ import annotations

from desktop.services.drafts import DRAFT_PREFIX, draft_key, parse_draft_key

__all__ = ["DRAFT_PREFIX", "draft_key", "parse_draft_key"]
