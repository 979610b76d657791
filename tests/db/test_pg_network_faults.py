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


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_connections_ended_by_the_server_are_replaced_without_a_test_query(
        pg_server: PgServer, pg_url: str, mode: str) -> None:
    from sqlalchemy import event

    from db.engine import server_connection_ended

    engine = make_engine(pg_url)
    repo = Repository(engine)
    repo.add_client(client(1))
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert not server_connection_ended(raw)  # idle and alive: nothing to read
    sent: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: sent.append(a[2]))
    assert len(repo.list_clients()) == 1
    assert not any(s.strip().upper() == "SELECT 1" for s in sent)  # no ping round trip
    pg_server.restart(mode)
    assert server_connection_ended(raw)
    assert len(repo.list_clients()) == 1  # the pool replaced the ended connection by itself
    engine.dispose()
