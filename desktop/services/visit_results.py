"""A client's visits with their computed results, kept while nothing they depend on changes.

Opening a client computes every visit's results and the trend series of its
charts. A visit's results depend on the visit, the client's first visit (the
baseline), the visit before it, the client's details, the active reference
table and the clinic settings; nothing else (they are dated by the visit, not
by today). The cache keys each visit's results on the version stamps of those
three visits (``Repository.visit_stamps``), and keeps a client's entry only
while the client's stamp, the settings and the reference table are equal to
the ones it was computed with. A changed visit, client, table or setting is
therefore recomputed; an unchanged one never is. Plain Python, no Qt.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.repository import Repository
    from desktop.clinical import model as m
    from desktop.clinical.norms import NormTable
    from desktop.clinical.result_types import AssessmentResults
    from desktop.clinical.trends import TrendSeries

Visit = tuple[int, "m.Assessment", "AssessmentResults"]
Compute = Callable[..., "AssessmentResults"]
CLIENTS_KEPT = 16


@dataclass(frozen=True)
class ClientOverview:
    """One client's record, their visits with results (oldest first) and the charts' series."""

    record: m.ClientRecord
    visits: tuple[Visit, ...]
    series: TrendSeries


@dataclass(frozen=True)
class _Entry:
    client_stamp: tuple[Any, ...]
    visit_stamps: tuple[tuple[Any, ...], ...]
    settings: m.ClinicSettings
    table: NormTable | None
    overview: ClientOverview
    results: dict[tuple[Any, ...], AssessmentResults]

    def same_context(self, client_stamp: tuple[Any, ...], settings: m.ClinicSettings,
                     table: NormTable | None) -> bool:
        return self.client_stamp == client_stamp and self.settings == settings and self.table == table


class VisitResults:
    """Overviews of the clients opened lately (``CLIENTS_KEPT``), safe to call from any thread."""

    def __init__(self, repo: Repository, norm_table: Callable[[str], NormTable | None], compute: Compute) -> None:
        self._repo = repo
        self._norm_table = norm_table
        self._compute = compute
        self._lock = threading.Lock()
        self._clients: OrderedDict[int, _Entry] = OrderedDict()
        self.computed = 0  # results computed since start (tests count recomputation with it)

    def overview(self, client_id: int) -> ClientOverview:
        client_stamp, visit_stamps = self._repo.visit_stamps(client_id)
        settings = self._repo.get_settings()
        table = self._norm_table(settings.active_norm_table)
        with self._lock:
            entry = self._clients.get(client_id)
            if entry is not None and entry.same_context(client_stamp, settings, table) \
                    and entry.visit_stamps == visit_stamps:
                self._clients.move_to_end(client_id)
                return entry.overview
        # The record and its stamps in one read, stamps first: a save landing meanwhile leaves them
        # older than the record, so the next opening misses and recomputes; never the other way round.
        record, (client_stamp, visit_stamps) = self._repo.client_with_stamps(client_id)
        if entry is None or not entry.same_context(client_stamp, settings, table):
            entry = None
        overview, results = self._load(record, visit_stamps, entry.results if entry else {}, settings, table)
        with self._lock:
            self._clients[client_id] = _Entry(client_stamp, visit_stamps, settings, table, overview, results)
            self._clients.move_to_end(client_id)
            while len(self._clients) > CLIENTS_KEPT:
                self._clients.popitem(last=False)
        return overview

    def _load(self, record: m.ClientRecord, visit_stamps: tuple[tuple[Any, ...], ...],
              known: dict[tuple[Any, ...], AssessmentResults], settings: m.ClinicSettings,
              table: NormTable | None) -> tuple[ClientOverview, dict[tuple[Any, ...], AssessmentResults]]:
        from desktop.clinical.trends import trend_series

        stored = [(aid, a) for aid, a in record.assessments if aid is not None]
        stamp_of = {stamp[0]: stamp for stamp in visit_stamps}
        results: dict[tuple[Any, ...], AssessmentResults] = {}
        visits: list[Visit] = []
        for index, (aid, assessment) in enumerate(stored):
            # The visit, its baseline (the first visit) and the visit before it.
            key = (stamp_of.get(aid), stamp_of.get(stored[0][0]), stamp_of.get(stored[index - 1][0]) if index else ())
            found = known.get(key) if None not in key else None
            if found is None:
                found = self._compute(record.client, stored, index, norm_table=table,
                                      pelvic_drop_threshold_deg=settings.pelvic_drop_threshold_deg)
                self.computed += 1
            results[key] = found
            visits.append((aid, assessment, found))
        return ClientOverview(record, tuple(visits), trend_series(visits)), results
