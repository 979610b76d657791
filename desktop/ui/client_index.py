"""In-memory client search, fast enough to answer every keystroke at 100,000 clients.

The repository's LIKE query scans the whole table and recounts visits, which
takes tens of milliseconds on 50,000 clients; the list needs an answer within
a frame. The index keeps one folded search key per client (the repository's
own ``fold``, so matching rules are identical: every word of the query must
occur somewhere in the key).

Answering never rescans every client. ``build_postings`` (run off the GUI
thread) lists, for every character and every pair of adjacent characters, the
positions of the keys holding it, in list order. A one- or two-character word
is then answered by its list as is; a longer word is checked only against the
shortest list among its pairs, or the previous answer while the clinician
keeps typing. Answers are views over those position lists, so nothing is
copied per keystroke however many clients match. When a long list has to be
checked word by word, checking stops after the first ``SHOWN_AT_MOST``
matches: the answer then says it is incomplete, and the list says so. Until
the position lists exist the index answers by a scan, as before. No Qt here.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import overload

from desktop.services.clients import ClientSummary, fold

Positions = Sequence[int]

# Up to this many candidates are always checked in full (about a millisecond). Beyond it,
# checking goes block by block and stops after ``SHOWN_AT_MOST`` matches: the clinician
# types on rather than scroll through more. Blocks of 1,024 stop within about a fifth of a
# millisecond of the 500th match.
_CHECK_ALL = 16384
_BLOCK = 1024
SHOWN_AT_MOST = 500


def summary_key(row: ClientSummary) -> str:
    """Same fields and folding as ``db.repository.search_key``."""
    parts = [row.given_name, row.family_name, row.external_id or "", row.date_of_birth.isoformat()]
    return fold(" ".join(parts))


def key_grams(key: str) -> set[str]:
    """Every character and every pair of adjacent characters in ``key``, none holding a space.

    Query words never hold a space, so grams across a word boundary are never looked up.
    """
    grams = {key[i:i + 2] for i in range(len(key) - 1)}
    grams.update(key)
    return {gram for gram in grams if " " not in gram}


class Matches(Sequence[ClientSummary]):
    """The clients at ``positions`` (ascending) of ``rows``: an answer, built without copying rows.

    ``complete`` is False when only the first matches were collected (see ``SHOWN_AT_MOST``).
    """

    __slots__ = ("_positions", "_rows", "complete")

    def __init__(self, rows: Sequence[ClientSummary], positions: Positions, complete: bool = True) -> None:
        self._rows = rows
        self._positions = positions
        self.complete = complete

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> ClientSummary: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ClientSummary]: ...

    def __getitem__(self, index: int | slice) -> ClientSummary | Sequence[ClientSummary]:
        if isinstance(index, slice):
            return [self._rows[p] for p in self._positions[index]]
        return self._rows[self._positions[index]]

    def __iter__(self) -> Iterator[ClientSummary]:
        rows = self._rows
        return (rows[p] for p in self._positions)


class ClientIndex:
    def __init__(self, rows: Sequence[ClientSummary]) -> None:
        self.rows: list[ClientSummary] = list(rows)
        # The stored key when the row carries one (the repository wrote it with the same rules).
        self.keys: list[str] = [r.search_key or summary_key(r) for r in self.rows]
        self._postings: dict[str, Positions] | None = None
        self._last_words: tuple[str, ...] = ()
        self._last_hits: Positions = range(len(self.rows))

    def __len__(self) -> int:
        return len(self.rows)

    def replace(self, row: ClientSummary) -> bool:
        """Put ``row`` in place of the line with its id when its search key is unchanged.

        Name, birth date and file number (the key, and the order) are then the same, so
        every position list still holds; only the visit count and last visit differ.
        False when the client is not listed or its key changed: read the list again."""
        key = row.search_key or summary_key(row)
        for position, old in enumerate(self.rows):
            if old.id == row.id:
                if self.keys[position] != key:
                    return False
                self.rows[position] = row
                return True
        return False

    def build_postings(self) -> ClientIndex:
        """Make every later search answer from position lists; takes a while, so call it off the GUI thread.

        The lists take the place of none in one assignment, so a search running meanwhile
        on another thread sees either none or all of them.
        """
        lists: dict[str, list[int]] = {}
        for position, key in enumerate(self.keys):
            for gram in key_grams(key):
                found = lists.get(gram)
                if found is None:
                    lists[gram] = [position]
                else:
                    found.append(position)
        self._postings = {gram: array("i", found) for gram, found in lists.items()}
        return self

    @property
    def has_postings(self) -> bool:
        return self._postings is not None

    def _candidates(self, words: tuple[str, ...]) -> tuple[Positions, tuple[str, ...]]:
        """Positions that may match, ascending, and the words each of them still has to be checked for.

        Narrowing the previous answer, a word the clinician left as it was needs no check:
        every previous hit holds it. A list for a whole (one- or two-character) word holds it too.
        """
        previous = self._last_words
        narrowing = bool(previous) and len(words) >= len(previous) and all(
            new.find(old) >= 0 for new, old in zip(words, previous, strict=False)
        )
        best: Positions = range(len(self.rows))
        unchecked = words
        if narrowing:
            best = self._last_hits
            unchecked = tuple(word for i, word in enumerate(words) if i >= len(previous) or word != previous[i])
        postings = self._postings
        if postings is None:
            return best, unchecked
        empty: Positions = ()
        for word in words:
            grams = [word] if len(word) <= 2 else [word[i:i + 2] for i in range(len(word) - 1)]
            for gram in grams:
                found = postings.get(gram, empty)
                if len(found) <= len(best):
                    best = found
                    unchecked = tuple(other for other in words if other != gram)
        return best, unchecked

    def search(self, query: str) -> Sequence[ClientSummary]:
        """Clients whose key contains every word of ``query``, in the repository's order."""
        words = tuple(fold(query).split())
        if not words:
            self._last_words, self._last_hits = (), range(len(self.rows))
            return self.rows
        candidates, unchecked = self._candidates(words)
        hits, complete = self._check(candidates, unchecked) if unchecked else (candidates, True)
        # Only a complete answer may be narrowed later.
        self._last_words, self._last_hits = (words, hits) if complete else ((), range(len(self.rows)))
        return Matches(self.rows, hits, complete)

    def _check(self, candidates: Positions, words: tuple[str, ...]) -> tuple[list[int], bool]:
        """The candidates whose key holds every word, block by block, stopping after ``SHOWN_AT_MOST``."""
        keys = self.keys
        word = words[0]
        hits: list[int] = []
        block_size = _CHECK_ALL if len(candidates) <= _CHECK_ALL else _BLOCK
        for start in range(0, len(candidates), block_size):
            block = candidates[start:start + block_size]
            if len(words) == 1:
                hits += [i for i in block if word in keys[i]]
            elif len(words) == 2:
                other = words[1]
                hits += [i for i in block if word in keys[i] and other in keys[i]]
            else:
                hits += [i for i in block if all(w in keys[i] for w in words)]
            if len(hits) > SHOWN_AT_MOST and start + block_size < len(candidates):
                return hits[:SHOWN_AT_MOST], False
        return hits, True
