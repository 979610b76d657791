"""The server goes away: a clear message, nothing half-saved, and the same repository reconnects."""

from __future__ import annotations

import pytest

from db.engine import make_engine
from db.errors import ServerUnreachableError
from db.repository import Repository
from tests.fixtures.records import assessment, client
from tests.pgserver import PgServer


def test_unreachable_server_is_a_clear_storage_error(tmp_path: object) -> None:
    engine = make_engine(f"postgresql+psycopg://nobody@/medius?host={tmp_path}&port=1")
    with pytest.raises(ServerUnreachableError, match="cannot reach the clinic server"):
        Repository(engine).list_clients()


def test_a_restarted_server_is_reconnected_without_losing_anything(pg_server: PgServer, pg_url: str) -> None:
    engine = make_engine(pg_url)
    repo = Repository(engine)
    client_id, _ = repo.add_client(client(0), [assessment(1)])
    pg_server.restart("immediate")  # every pooled connection is now dead
    aid = repo.add_assessment(client_id, assessment(2))  # pre-ping replaces them
    assert [a for a, _ in repo.list_assessments(client_id)][-1] == aid
    assert repo.verify_audit_chain() is None
    pg_server.stop("fast")
    try:
        with pytest.raises(ServerUnreachableError):
            repo.add_assessment(client_id, assessment(3))
    finally:
        pg_server.start()
    assert len(repo.list_assessments(client_id)) == 2  # the failed save left nothing
    engine.dispose()
