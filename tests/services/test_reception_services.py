"""Reception through the services, against a real PostgreSQL: contact details yes, clinical use cases
refused plainly before storage is asked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop.paths import resolve_paths
from desktop.services.accounts import AccessDenied
from desktop.services.app_services import build_services
from desktop.services.clients import ConflictError
from desktop.services.errors import plain_message
from tests.fixtures.records import assessment, client
from tests.server_setup import set_up


def test_reception_edits_contact_details_and_is_refused_every_clinical_use_case(
        pg_url: str, tmp_path: Path) -> None:
    server = set_up(pg_url)
    carl, rita = server.repo("carl"), server.repo("rita")
    try:
        record = client(0, notes="clinical remark", athlete_group="professional_football")
        client_id, (visit_id,) = carl.add_client(record, [assessment(2)])
        services = build_services(rita, resolve_paths(tmp_path / "desk").ensure())
        found, version = services.clients.get_for_edit(client_id)
        assert found.notes == "" and found.athlete_group is None  # never read
        assert services.clients.save(replace(found, phone="0400 999 000", notes="typed anyway"), client_id,
                                     expected_version=version) == client_id
        stored = carl.get_client(client_id).client
        assert stored.phone == "0400 999 000"
        assert stored.notes == "clinical remark" and stored.athlete_group == "professional_football"
        with pytest.raises(ConflictError):
            services.clients.save(replace(found, email="x@example.org"), client_id, expected_version=version)

        for call in (lambda: services.clients.record(client_id), lambda: services.clients.visits(client_id),
                     lambda: services.clients.delete(client_id), lambda: services.visits.open_visit(visit_id),
                     lambda: services.visits.client_overview(client_id), lambda: services.reports.preview(visit_id),
                     lambda: services.exports.privacy_export(client_id, tmp_path)):
            with pytest.raises(AccessDenied) as refused:
                call()
            assert "rita (reception) may not open or change clinical records" in plain_message(refused.value)
        assert len(carl.get_client(client_id).assessments) == 1  # the refused delete touched nothing
    finally:
        rita.engine.dispose()
        carl.engine.dispose()
