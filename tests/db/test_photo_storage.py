"""Trendelenburg photos and landmarks on both engines (SQLite file and real PostgreSQL).

The blobs and landmark columns come from migration 0002; the repository must keep
them with the visit, replace them on save, and remove them with the client.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from db.engine import make_engine, migrate
from db.records import StoredPhoto
from db.repository import Repository
from desktop.clinical import model as m
from tests.fixtures.records import client

JPEG = StoredPhoto(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40 + b"\xff\xd9", 640, 480)


@pytest.fixture
def repo(database_url: str) -> Iterator[Repository]:
    engine = make_engine(database_url)
    migrate(engine)
    yield Repository(engine)
    engine.dispose()


def visit() -> m.Assessment:
    photo = m.PelvisPhoto(
        m.PelvisLandmarks((101.5, 200.25), (240.0, 212.0)),
        m.PelvisLandmarks((100.0, 199.0), (239.0, 201.5)),
        in_letter=True,
    )
    return m.Assessment(
        performed_on=date(2026, 10, 2),
        trendelenburg_left=m.TrendelenburgSide(hold_s=14, drop_method="photo", photo=photo),
        trendelenburg_right=m.TrendelenburgSide(hold_s=30, photo=m.PelvisPhoto()),
    )


def test_landmarks_and_photos_round_trip_and_leave_with_the_client(repo: Repository) -> None:
    client_id, _ = repo.add_client(client(0))
    draft = f"client:{client_id}:assessment:new"
    repo.keep_draft_photo(client_id, draft, "left", "single_leg", JPEG)
    repo.keep_draft_photo(client_id, draft, "left", "reference", JPEG)
    assessment_id = repo.add_assessment(client_id, visit(), photos_draft=draft)

    _, stored = repo.get_assessment(assessment_id)
    assert stored == visit()
    assert repo.assessment_photos(assessment_id) == {
        ("left", "single_leg"): JPEG,
        ("left", "reference"): JPEG,
    }
    assert repo.photo("left", "single_leg", assessment_id=assessment_id, draft_key="other") == JPEG

    repo.delete_client(client_id)
    counts = repo.table_counts()
    assert (
        counts["trendelenburg_photos"]
        == counts["trendelenburg_tests"]
        == counts["assessments"]
        == 0
    )
    assert repo.verify_audit_chain() is None


def test_unknown_photo_slot_is_refused(repo: Repository) -> None:
    client_id, _ = repo.add_client(client(0))
    with pytest.raises(ValueError, match="unknown photo slot"):
        repo.keep_draft_photo(client_id, "client:1:assessment:new", "middle", "single_leg", JPEG)
