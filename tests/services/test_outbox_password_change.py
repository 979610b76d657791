"""The outbox on this laptop after the person's password changed: kept whole under the old key (never
deleted or overwritten), opened with the previous password and re-sealed under the new one, then
delivered to a real PostgreSQL; and re-sealed at once when the person changes the password in Medius."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.engine import make_engine
from db.repository import Repository
from desktop.services.assessments import AssessmentService
from desktop.services.errors import plain_message
from desktop.services.outbox import WrongPreviousPassword, attach_outbox, open_outbox
from tests.fixtures.records import assessment, client

OLD, NEW = "carl-old-password", "carl-new-password"


def test_a_reset_password_sets_the_old_outbox_aside_and_the_previous_password_brings_it_back(
        pg_url: str, tmp_path: Path) -> None:
    repo = Repository(make_engine(pg_url), actor="carl", device="room-1")
    try:
        client_id, _ = repo.add_client(client(0))
        before = open_outbox(tmp_path, pg_url, "carl", OLD)
        before.put(client_id, None, None, assessment(3))
        sealed = before.path.read_bytes()

        after = open_outbox(tmp_path, pg_url, "carl", NEW)  # the next sign-in, with the new password
        assert after.path == before.path and after.count() == 0  # a fresh outbox takes new visits
        (aside,) = after.earlier()
        assert aside.read_bytes() == sealed  # the kept visit: untouched, still sealed under the old key
        visits = AssessmentService(repo, outbox=after)
        assert visits.sealed_earlier() == 1

        with pytest.raises(WrongPreviousPassword) as wrong:
            visits.open_sealed_earlier("not-the-old-one")
        assert "not the previous password" in plain_message(wrong.value)
        assert aside.read_bytes() == sealed

        assert visits.open_sealed_earlier(OLD) == 1
        assert after.earlier() == [] and not aside.exists()
        again = open_outbox(tmp_path, pg_url, "carl", NEW)  # re-sealed under the new password
        assert again.count() == 1 and again.earlier() == []
        attach_outbox(repo, again)
        delivery = AssessmentService(repo).deliver_outbox()
        assert len(delivery.stored) == 1 and delivery.waiting == 0
        assert len(repo.list_assessments(client_id)) == 1
    finally:
        repo.engine.dispose()


def test_two_changes_keep_both_earlier_outboxes_apart(pg_url: str, tmp_path: Path) -> None:
    first = open_outbox(tmp_path, pg_url, "carl", "password-one")
    first.put(1, None, None, assessment(1))
    second = open_outbox(tmp_path, pg_url, "carl", "password-two")
    second.put(1, None, None, assessment(2))
    third = open_outbox(tmp_path, pg_url, "carl", "password-three")
    assert len(third.earlier()) == 2
    assert third.take_earlier("password-two") == 1
    assert len(third.earlier()) == 1  # the one under password-one still waits, sealed
    assert third.take_earlier("password-one") == 1
    assert third.count() == 2 and third.earlier() == []


def test_a_change_made_in_medius_reseals_the_outbox_at_once(pg_url: str, tmp_path: Path) -> None:
    outbox = open_outbox(tmp_path, pg_url, "carl", OLD)
    outbox.put(1, None, None, assessment(3))
    outbox.reseal(NEW)
    assert outbox.count() == 1
    reopened = open_outbox(tmp_path, pg_url, "carl", NEW)
    assert reopened.count() == 1 and reopened.earlier() == []  # nothing to ask at the next sign-in


def test_a_move_that_fails_part_way_moves_nothing_and_a_retry_keeps_no_copies(
        pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import desktop.services.outbox as outbox_module

    before = open_outbox(tmp_path, pg_url, "carl", OLD)
    for n in (1, 2, 3):
        before.put(1, None, None, assessment(n))
    kept_at = [entry.kept_at for entry in before.pending()]
    after = open_outbox(tmp_path, pg_url, "carl", NEW)
    real, calls = outbox_module.m.assessment_to_dict, []

    def fails_on_the_second(visit: object) -> object:
        calls.append(visit)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(visit)  # type: ignore[arg-type]

    monkeypatch.setattr(outbox_module.m, "assessment_to_dict", fails_on_the_second)
    with pytest.raises(OSError):
        after.take_earlier(OLD)
    monkeypatch.undo()
    assert after.count() == 0 and len(after.earlier()) == 1  # nothing moved; the sealed file still waits
    assert after.take_earlier(OLD) == 3
    assert [entry.kept_at for entry in after.pending()] == kept_at  # each visit still says when it was kept
