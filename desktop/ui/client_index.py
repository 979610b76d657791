"""In-memory client search, fast enough to answer every keystroke.

The repository's LIKE query scans the whole table and recounts visits, which
takes tens of milliseconds on 50,000 clients; the list needs an answer within
a frame. The index keeps one folded search key per client (the repository's
own ``fold``, so matching rules are identical) and narrows the previous
answer when the clinician keeps typing. No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.services.clients import ClientSummary, fold


def summary_key(row: ClientSummary) -> str:
    """Same fields and folding as ``db.repository.search_key``."""
    parts = [row.given_name, row.family_name, row.external_id or "", row.date_of_birth.isoformat()]
    return fold(" ".join(parts))


class ClientIndex:
    def __init__(self, rows: Sequence[ClientSummary]) -> None:
        self.rows: list[ClientSummary] = list(rows)
        # The stored key when the row carries one (the repository wrote it with the same rules).
        self.keys: list[str] = [r.search_key or summary_key(r) for r in self.rows]
        self._last_words: tuple[str, ...] = ()
        self._last_hits: list[int] = list(range(len(self.rows)))

    def __len__(self) -> int:
        return len(self.rows)

    def search(self, query: str) -> list[ClientSummary]:
        """Clients whose key contains every word of ``query``, in the repository's order."""
        words = tuple(fold(query).split())
        if not words:
            self._last_words, self._last_hits = (), list(range(len(self.rows)))
            return self.rows
        previous = self._last_words
        narrowing = bool(previous) and len(words) >= len(previous) and all(
            new.find(old) >= 0 for new, old in zip(words, previous, strict=False)
        )
        candidates = self._last_hits if narrowing else range(len(self.rows))
        keys = self.keys
        if len(words) == 1:
            word = words[0]
            hits = [i for i in candidates if word in keys[i]]
        else:
            hits = [i for i in candidates if all(w in keys[i] for w in words)]
        self._last_words, self._last_hits = words, hits
        rows = self.rows
        return [rows[i] for i in hits]
