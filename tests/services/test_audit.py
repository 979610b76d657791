"""services.audit.check_trail: the hash chain against its anchor and the newest backup's manifest."""

from __future__ import annotations

import json

import pytest

from db.anchor import anchor_path, write_anchor
from db.repository import Repository
from desktop.paths import AppPaths
from desktop.services.audit import check_trail
from desktop.services.backup import BackupService, list_backups, manifest_path
from desktop.services.database import open_repository
from tests.fixtures.records import client


@pytest.fixture
def repo(migrated_paths: AppPaths) -> Repository:
    repo = open_repository(migrated_paths)
    for index in range(3):
        repo.add_client(client(index))  # events 1, 2 and 3
    return repo


def test_an_untouched_trail_is_intact_and_an_empty_one_needs_no_anchor(migrated_paths: AppPaths) -> None:
    empty = open_repository(migrated_paths)
    assert check_trail(empty, migrated_paths).line() == "Audit chain: intact"
    for index in range(2):
        empty.add_client(client(index))
    assert check_trail(empty, migrated_paths).line() == "Audit chain: intact"


def test_a_missing_or_lagging_anchor_is_a_note_not_a_failure(repo: Repository, migrated_paths: AppPaths) -> None:
    database = repo.database_path
    assert database is not None
    write_anchor(database, (1, repo.audit_hash(1) or ""))  # a crash left it two saves behind
    report = check_trail(repo, migrated_paths)
    assert report.intact and report.notes == [
        "the anchor is 2 event(s) behind (a save was interrupted before it was anchored)"]  # head 3 - anchor 1
    anchor_path(database).unlink()
    assert check_trail(repo, migrated_paths).line() == (
        "Audit chain: intact (no audit anchor yet; it is written with the next change)")


def test_an_anchor_ahead_of_the_chain_or_garbled_is_a_failure(repo: Repository, migrated_paths: AppPaths) -> None:
    database = repo.database_path
    assert database is not None
    write_anchor(database, (5, "ab" * 32))  # it saw events 4 and 5, which are gone now
    report = check_trail(repo, migrated_paths)
    assert not report.intact
    assert report.line() == ("Audit chain: NOT intact: the audit anchor records event 5, but the database ends "
                             "at event 3: the newest events were removed")
    anchor_path(database).write_text("{}", encoding="utf-8")
    assert check_trail(repo, migrated_paths).problems == ["the audit anchor file is garbled"]


def test_the_newest_backup_must_lie_on_the_chain_until_a_restore(repo: Repository, migrated_paths: AppPaths) -> None:
    BackupService(repo, migrated_paths).back_up()
    repo.add_client(client(4))
    assert check_trail(repo, migrated_paths).intact
    [backup] = list_backups(migrated_paths.backups)
    manifest = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
    recorded = manifest["audit_head"]["id"]
    manifest["audit_head"]["hash"] = "cd" * 32  # the chain was rewritten since the backup
    manifest_path(backup).write_text(json.dumps(manifest), encoding="utf-8")
    [problem] = check_trail(repo, migrated_paths).problems
    assert problem == (f"event {recorded} differs from the backup {backup.name}: events were changed and their "
                       "hashes recomputed")
    head = repo.audit_head()
    assert head is not None and repo.database_path is not None
    write_anchor(repo.database_path, head, restored=True)  # a restore since: the backup describes older history
    assert check_trail(repo, migrated_paths).intact
