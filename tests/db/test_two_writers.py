"""Two people edit the same record: the second save is a conflict, never an overwrite."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator

import pytest

from db.engine import make_engine, migrate
from db.records import ConflictError
from db.repository import Repository
from tests.fixtures.records import assessment, client


@pytest.fixture
def two(database_url: str) -> Iterator[tuple[Repository, Repository]]:
    engine = make_engine(database_url)
    migrate(engine)
    first, second = Repository(engine, actor="maria", device="room-1"), Repository(
        make_engine(database_url), actor="tom", device="room-2")
    yield first, second
    engine.dispose()
    second.engine.dispose()


def test_second_save_of_the_same_version_is_a_conflict_and_both_versions_survive(
        two: tuple[Repository, Repository]) -> None:
    maria, tom = two
    client_id, (aid,) = maria.add_client(client(0), [assessment(3)])
    opened = maria.assessment_version(aid)
    assert opened == tom.assessment_version(aid) == 1
    hers = dataclasses.replace(assessment(3), pain_nprs=2, notes="maria's edit")
    his = dataclasses.replace(assessment(3), pain_nprs=7, notes="tom's edit")
    assert maria.update_assessment(aid, hers, expected_version=opened) == 2
    with pytest.raises(ConflictError) as caught:
        tom.update_assessment(aid, his, expected_version=opened)
    conflict = caught.value
    assert (conflict.entity, conflict.entity_id, conflict.yours, conflict.theirs) == ("assessment", aid, 1, 2)
    assert conflict.changed_by == "maria"
    assert "assessment" in str(conflict) and "maria" in str(conflict)
    assert tom.get_assessment(aid) == (client_id, hers)  # nothing overwritten
    assert maria.assessment_version(aid) == 2
    # His version survives as his own draft, on his device only.
    tom.save_draft(f"conflict:assessment:{aid}", {"notes": his.notes})
    assert tom.load_draft(f"conflict:assessment:{aid}") == {"notes": "tom's edit"}
    assert maria.load_draft(f"conflict:assessment:{aid}") is None
    # Having seen hers, he saves on top of version 2.
    assert tom.update_assessment(aid, his, expected_version=2) == 3
    assert [e.actor for e in tom.audit_events() if e.action == "update"] == ["maria", "tom"]
    assert tom.verify_audit_chain() is None


def test_client_edits_are_versioned_too(two: tuple[Repository, Repository]) -> None:
    maria, tom = two
    client_id, _ = maria.add_client(client(1))
    maria.update_client(client_id, dataclasses.replace(client(1), phone="0400 000 001"), expected_version=1)
    with pytest.raises(ConflictError, match="client"):
        tom.update_client(client_id, dataclasses.replace(client(1), phone="0400 000 002"), expected_version=1)
    assert maria.get_client(client_id).client.phone == "0400 000 001"


def test_drafts_are_kept_per_person_and_device(two: tuple[Repository, Repository]) -> None:
    maria, tom = two
    maria.save_draft("client:1:assessment:new", {"by": "maria"})
    tom.save_draft("client:1:assessment:new", {"by": "tom"})
    maria_laptop = Repository(maria.engine, actor="maria", device="laptop-2")
    maria_laptop.save_draft("client:1:assessment:new", {"by": "maria on laptop 2"})
    assert maria.load_draft("client:1:assessment:new") == {"by": "maria"}
    assert tom.load_draft("client:1:assessment:new") == {"by": "tom"}
    assert maria_laptop.load_draft("client:1:assessment:new") == {"by": "maria on laptop 2"}
    tom.delete_draft("client:1:assessment:new")
    assert [k for k, _ in maria.list_drafts()] == ["client:1:assessment:new"]


def test_a_save_that_loses_the_race_inside_the_database_is_a_conflict(pg_url: str) -> None:
    """Both opened version 1 and press Save at the same moment: one wins, the other is told."""
    engine = make_engine(pg_url)
    maria, tom = Repository(engine, actor="maria"), Repository(make_engine(pg_url), actor="tom")
    client_id, (aid,) = maria.add_client(client(0), [assessment(3)])
    tom_holds_row, let_tom_go = threading.Event(), threading.Event()
    original_check = Repository._check_version

    def held_check(self: Repository, *args: object) -> None:
        original_check(self, *args)  # type: ignore[arg-type]
        if self is tom:
            tom_holds_row.set()
            assert let_tom_go.wait(30)

    Repository._check_version = held_check  # type: ignore[method-assign]
    try:
        outcome: dict[str, BaseException | int] = {}
        tom_saves = threading.Thread(target=lambda: outcome.__setitem__("tom", _save(tom, aid, 9)))
        tom_saves.start()
        assert tom_holds_row.wait(30)
        maria_saves = threading.Thread(target=lambda: outcome.__setitem__("maria", _save(maria, aid, 1)))
        maria_saves.start()
        maria_saves.join(1.0)
        assert maria_saves.is_alive()  # waiting for tom's transaction, not overwriting it
        let_tom_go.set()
        tom_saves.join(30)
        maria_saves.join(30)
    finally:
        Repository._check_version = original_check  # type: ignore[method-assign]
    assert outcome["tom"] == 2
    lost = outcome["maria"]
    assert isinstance(lost, ConflictError) and lost.changed_by == "tom" and lost.theirs == 2
    assert maria.get_assessment(aid)[1].pain_nprs == 9
    assert maria.verify_audit_chain() is None
    engine.dispose()
    tom.engine.dispose()


def _save(repo: Repository, aid: int, nprs: int) -> BaseException | int:
    try:
        return repo.update_assessment(aid, dataclasses.replace(assessment(3), pain_nprs=nprs), expected_version=1)
    except BaseException as exc:  # noqa: BLE001 - handed to the test thread
        return exc
