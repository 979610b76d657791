"""Database roles, proven by connecting as each one: the server itself refuses what a role may not do."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from db.engine import make_engine
from db.errors import ForbiddenByServerError
from desktop.services.accounts import AccessDenied
from desktop.services.database import sign_in_to_server
from tests.fixtures.records import assessment, client
from tests.server_setup import PASSWORDS, ClinicServer, set_up

CLINICAL = ("assessments", "assessment_red_flags", "odi_scores", "psfs_items", "trendelenburg_tests",
            "hip_abduction_sides", "hip_abduction_trials", "program_items")


@pytest.fixture
def server(pg_url: str) -> ClinicServer:
    clinic = set_up(pg_url)
    repo = clinic.repo("carl")
    repo.add_client(client(0), [assessment(2)])
    repo.engine.dispose()
    return clinic


def _can(url: str, role: str | None, sql: str) -> bool:
    engine = make_engine(url, role=role)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql)).all()
        return True
    except ProgrammingError as exc:
        assert getattr(exc.orig, "sqlstate", None) == "42501", exc  # insufficient_privilege, nothing else
        return False
    finally:
        engine.dispose()


def test_reception_role_cannot_read_any_clinical_table(server: ClinicServer) -> None:
    for table in CLINICAL:
        assert not _can(server.url, "medius_reception", f"SELECT * FROM {table}"), table
        assert _can(server.url, "medius_clinician", f"SELECT * FROM {table}"), table
    assert _can(server.url, "medius_reception", "SELECT id, given_name, family_name, phone, email FROM clients")
    assert not _can(server.url, "medius_reception", "SELECT notes FROM clients")
    assert not _can(server.url, "medius_reception", "SELECT actor, detail FROM audit_events")
    assert not _can(server.url, "medius_reception", "SELECT password_hash FROM users")


def test_only_admin_reads_or_writes_the_user_list(server: ClinicServer) -> None:
    assert _can(server.url, "medius_admin", "SELECT password_hash FROM users")
    assert not _can(server.url, "medius_clinician", "SELECT password_hash FROM users")
    assert not _can(server.url, "medius_clinician", "UPDATE users SET role = 'admin'")


def test_the_login_role_alone_reads_only_the_user_list(server: ClinicServer) -> None:
    assert _can(server.url, None, "SELECT name, password_hash FROM users")
    for table in ("clients", "assessments", "audit_events", "drafts"):
        assert not _can(server.url, None, f"SELECT * FROM {table}"), table


def test_reception_adds_and_lists_clients_but_never_opens_a_visit(server: ClinicServer) -> None:
    rita = server.repo("rita")
    client_id, _ = rita.add_client(client(1))
    names = {c.family_name for c in rita.list_clients()}
    assert names == {client(0).family_name, client(1).family_name}
    with pytest.raises(ForbiddenByServerError):
        rita.list_assessments(client_id)
    rita.engine.dispose()
    alice = server.repo("alice")
    events = alice.audit_events()
    assert [(e.actor, e.action, e.entity) for e in events[-1:]] == [("rita", "create", "client")]
    assert {e.actor for e in events} >= {"alice", "carl", "rita"}
    assert alice.verify_audit_chain() is None
    alice.engine.dispose()


def test_sign_in_refuses_wrong_password_disabled_and_locks_after_five_failures(server: ClinicServer) -> None:
    with pytest.raises(AccessDenied, match="wrong user name or password"):
        sign_in_to_server(server.url, "carl", "not-his-password")
    with pytest.raises(AccessDenied, match="wrong user name or password"):
        sign_in_to_server(server.url, "nobody", "whatever-password")
    for _ in range(5):
        with pytest.raises(AccessDenied):
            sign_in_to_server(server.url, "rita", "guess-guess-guess")
    with pytest.raises(AccessDenied, match="locked"):
        sign_in_to_server(server.url, "rita", PASSWORDS["rita"])
    assert sign_in_to_server(server.url, "carl", PASSWORDS["carl"]).role == "clinician"
