"""The clinic server goes away mid-save: the visit waits on the laptop (encrypted) and lands when it returns.

A real PostgreSQL server is stopped and started again; nothing is mocked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.engine import make_engine
from db.repository import Repository
from desktop.services.assessments import AssessmentService
from desktop.services.conflicts import conflict_key
from desktop.services.drafts import draft_key
from desktop.services.outbox import Outbox, VisitKeptLocally, open_outbox, outbox_key
from tests.fixtures.records import assessment, client
from tests.pgserver import PgServer

PASSWORD = "carl's own password"


@pytest.fixture
def carl(pg_url: str, tmp_path: Path) -> Iterator[AssessmentService]:
    repo = Repository(make_engine(pg_url), actor="carl", device="room-1")
    yield AssessmentService(repo, outbox=open_outbox(tmp_path, pg_url, "carl", PASSWORD))
    repo.engine.dispose()


def test_saves_while_the_server_is_stopped_wait_on_the_laptop_then_land(
        pg_server: PgServer, carl: AssessmentService, pg_url: str, tmp_path: Path) -> None:
    repo, outbox = carl.repo, carl.outbox
    assert outbox is not None
    client_id, (aid,) = repo.add_client(client(0), [assessment(1)])
    new = assessment(2, nprs=3, notes="new visit typed offline")
    edit = dataclasses.replace(assessment(1), notes="edit typed offline")
    pg_server.stop("fast")
    try:
        with pytest.raises(VisitKeptLocally) as first:
            carl.save_versioned(client_id, None, new)
        assert "kept on this laptop" in str(first.value)
        with pytest.raises(VisitKeptLocally) as second:
            carl.save_versioned(client_id, aid, edit, expected_version=1)
        assert (first.value.waiting, second.value.waiting) == (1, 2)
        # Saving the same visit again while still offline replaces its waiting copy.
        edit = dataclasses.replace(edit, pain_nprs=4)
        with pytest.raises(VisitKeptLocally) as again:
            carl.save_versioned(client_id, aid, edit, expected_version=1, kept_entry=second.value.entry_id)
        assert (again.value.entry_id, again.value.waiting) == (second.value.entry_id, 2)
        still_down = carl.deliver_outbox()
        assert (still_down.stored, still_down.waiting) == ({}, 2)
    finally:
        pg_server.start()
    # Nothing reached the server, not even half a visit.
    assert [a for _, a in repo.list_assessments(client_id)] == [assessment(1)]
    # The laptop's copy is encrypted: no SQLite header, no text of the visit, unreadable with another password.
    raw = outbox.path.read_bytes()
    assert not raw.startswith(b"SQLite format 3") and b"typed offline" not in raw
    with pytest.raises(Exception, match="not a database"):
        Outbox(outbox.path, outbox_key("someone else's password", b"any salt")).count()

    delivery = carl.deliver_outbox()

    assert (len(delivery.stored), delivery.conflicts, delivery.waiting) == (2, [], 0)
    assert "2 visit(s) kept on this laptop were saved" in str(delivery)
    new_id, new_version = delivery.stored[first.value.entry_id]
    assert delivery.stored[second.value.entry_id] == (aid, 2)
    assert new_version == 1 and repo.get_assessment(new_id) == (client_id, new)
    assert repo.get_assessment(aid) == (client_id, edit)
    assert outbox.count() == 0 and carl.deliver_outbox().stored == {}
    assert repo.verify_audit_chain() is None


def test_a_save_whose_reply_was_lost_is_not_stored_twice(carl: AssessmentService) -> None:
    repo, outbox = carl.repo, carl.outbox
    assert outbox is not None
    client_id, _ = repo.add_client(client(1))
    visit = assessment(5, notes="committed, but the reply never came")
    aid, _ = carl.save_versioned(client_id, None, visit)  # it landed...
    outbox.put(client_id, None, None, visit)  # ...but the laptop did not hear so and kept it
    repo.save_draft(draft_key(client_id, None), {"form": {}})

    delivery = carl.deliver_outbox()

    assert list(delivery.stored.values()) == [(aid, 1)]
    assert [i for i, _ in repo.list_assessments(client_id)] == [aid]
    assert repo.load_draft(draft_key(client_id, None)) is None


def test_a_visit_changed_by_someone_else_meanwhile_is_delivered_as_a_conflict(
        carl: AssessmentService, pg_url: str) -> None:
    repo, outbox = carl.repo, carl.outbox
    assert outbox is not None
    client_id, (aid,) = repo.add_client(client(2), [assessment(1)])
    mine = dataclasses.replace(assessment(1), notes="carl offline")
    outbox.put(client_id, aid, 1, mine)
    maria = Repository(make_engine(pg_url), actor="maria", device="room-2")
    maria.update_assessment(aid, dataclasses.replace(assessment(1), notes="maria"), expected_version=1)
    maria.engine.dispose()

    delivery = carl.deliver_outbox()

    assert delivery.stored == {} and delivery.waiting == 0
    (conflict,) = delivery.conflicts
    assert (conflict.changed_by, conflict.stored_version, conflict.yours) == ("maria", 2, mine)
    assert repo.get_assessment(aid)[1].notes == "maria"  # nothing overwritten
    assert repo.load_draft(conflict_key(aid))["assessment"]["notes"] == "carl offline"
    assert "changed by someone else" in str(delivery)


def test_a_save_still_naming_a_delivered_entry_edits_the_delivered_visit(carl: AssessmentService) -> None:
    repo, outbox = carl.repo, carl.outbox
    assert outbox is not None
    client_id, _ = repo.add_client(client(3))
    entry = outbox.put(client_id, None, None, assessment(4, notes="kept offline"))
    (delivered,) = carl.deliver_outbox().stored.values()
    # The editor saves once more before it heard of the delivery: no second visit.
    later = assessment(4, notes="typed on after")
    assert carl.save_versioned(client_id, None, later, kept_entry=entry) == (delivered[0], 2)
    assert repo.list_assessments(client_id) == [(delivered[0], later)]


def test_signing_in_with_a_password_gives_the_person_their_own_outbox(pg_url: str, tmp_path: Path) -> None:
    from desktop.paths import AppPaths
    from desktop.services.database import open_repository, sign_in_to_server
    from desktop.services.outbox import outbox_of
    from tests.server_setup import PASSWORDS, set_up

    server = set_up(pg_url)
    paths = AppPaths(tmp_path / "laptop")
    user = sign_in_to_server(server.url, "carl", PASSWORDS["carl"])
    repo = open_repository(paths, server.url, user=user, password=PASSWORDS["carl"])
    other = open_repository(paths, server.url, user=user)  # no password given: no outbox
    try:
        outbox = AssessmentService(repo).outbox
        assert outbox is not None and outbox is outbox_of(repo)
        assert outbox.path.parent == paths.data_dir / "outbox"
        assert AssessmentService(other).outbox is None
    finally:
        repo.engine.dispose()
        other.engine.dispose()
