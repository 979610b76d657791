"""Encryption at rest: no plain names on disk, right password only, password change, encrypted backups."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.paths import AppPaths
from desktop.services import security
from desktop.services.backup import BackupKeyError, BackupService, describe_backup, is_encrypted_file
from desktop.services.database import open_repository
from tests.fixtures.records import assessment, client, filled_repository, table_rows

FAST_N = 2**10  # scrypt cost for tests; the app uses security.SCRYPT_N (2**17)
PASSWORD = "harbour clinic 2026"
NAME = "Nguyễn Thị".encode()


@pytest.fixture
def paths(data_dir: Path) -> AppPaths:
    return AppPaths(data_dir)


def _plain_bytes_anywhere(folder: Path, needle: bytes) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_encrypted_from_the_first_start(paths: AppPaths) -> None:
    key = security.create_encrypted_folder(paths, PASSWORD, n=FAST_N)
    repo = filled_repository(paths, key_hex=key)
    BackupService(repo, paths).back_up()

    assert is_encrypted_file(paths.database)
    assert paths.database.read_bytes()[:16] != b"SQLite format 3\x00"
    assert _plain_bytes_anywhere(paths.data_dir, NAME) == []
    assert _plain_bytes_anywhere(paths.data_dir, b"1970-03-14") == []
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(paths.database).execute("SELECT count(*) FROM clients").fetchone()
    reopened = open_repository(paths, key_hex=security.unlock(paths, PASSWORD))
    assert reopened.list_clients()[0].family_name in {"Nguyễn Thị", "Ñúñez", "王"}
    assert json.loads(security.security_file(paths).read_text())["kdf"] == "scrypt"


def test_a_wrong_password_is_refused_before_anything_is_opened(paths: AppPaths) -> None:
    key = security.create_encrypted_folder(paths, PASSWORD, n=FAST_N)
    filled_repository(paths, clients=1, key_hex=key).engine.dispose()
    before = _digest(paths.data_dir)
    for wrong in ("harbour clinic 2025", "", PASSWORD.upper()):
        with pytest.raises(security.WrongPasswordError):
            security.unlock(paths, wrong)
        assert not security.check_password(paths, wrong)
    assert _digest(paths.data_dir) == before
    assert security.check_password(paths, PASSWORD)


def test_password_change_rekeys_and_old_backups_need_the_old_password(paths: AppPaths) -> None:
    key = security.create_encrypted_folder(paths, PASSWORD, n=FAST_N)
    repo = filled_repository(paths, key_hex=key)
    service = BackupService(repo, paths)
    old_backup = service.back_up().path
    rows = table_rows(paths.database, key)

    new_key = security.change_password(paths, repo, PASSWORD, "a different long one", n=FAST_N)

    assert new_key != key and repo.key_hex == new_key
    assert table_rows(paths.database, new_key)["clients"] == rows["clients"]
    with pytest.raises(security.WrongPasswordError):
        security.unlock(paths, PASSWORD)
    assert security.unlock(paths, "a different long one") == new_key
    # A fresh backup under the new key is taken at once.
    fresh = [b for b in service.backups() if b.name.startswith("medius-auto-")]
    assert len(fresh) == 1 and describe_backup(fresh[0], new_key).clients == 3
    with pytest.raises(BackupKeyError):
        service.describe(old_backup)
    old_key = security.key_for_password(paths, PASSWORD)
    assert service.describe(old_backup, key_hex=old_key).clients == 3
    repo.add_client(client(1, given_name="Later"))
    service.restore(old_backup, source_key_hex=old_key)
    assert len(repo.list_clients()) == 3
    assert is_encrypted_file(paths.database)
    assert open_repository(paths, key_hex=security.unlock(paths, "a different long one")).verify_audit_chain() is None


def test_an_interrupted_password_change_opens_with_either_password(paths: AppPaths) -> None:
    key = security.create_encrypted_folder(paths, PASSWORD, n=FAST_N)
    filled_repository(paths, clients=1, key_hex=key).engine.dispose()
    state = security.load_state(paths)
    assert state is not None
    pending, _ = security.new_key_entry("a different long one", n=FAST_N)
    security.save_state(paths, security.SecurityState(state.current, pending=pending))  # crash before rekey

    with pytest.raises(security.WrongPasswordError, match="interrupted"):
        security.unlock(paths, "a different long one")
    assert security.unlock(paths, PASSWORD) == key
    assert security.load_state(paths).pending is None  # type: ignore[union-attr]


def test_encrypting_an_existing_database_and_its_backups(paths: AppPaths) -> None:
    repo = filled_repository(paths)
    service = BackupService(repo, paths)
    service.back_up()
    service.automatic()
    rows = table_rows(paths.database)
    assert _plain_bytes_anywhere(paths.data_dir, NAME)  # plain before

    key = security.enable_encryption(paths, repo, PASSWORD, n=FAST_N)

    assert repo.key_hex == key and is_encrypted_file(paths.database)
    after = table_rows(paths.database, key)
    assert {t: r for t, r in after.items() if t != "audit_events"} == {
        t: r for t, r in rows.items() if t != "audit_events"}
    assert after["audit_events"][: len(rows["audit_events"])] == rows["audit_events"]
    assert _plain_bytes_anywhere(paths.data_dir, NAME) == []
    assert all(is_encrypted_file(b) for b in service.backups())
    assert [describe_backup(b, key).clients for b in service.backups()] == [3, 3]
    repo.add_client(client(2), [assessment(5)])  # the repository works on the encrypted file
    assert repo.verify_audit_chain() is None
    assert not list(paths.data_dir.glob("*pre-encryption*"))
    assert not security.load_state(paths).converting  # type: ignore[union-attr]


def test_interrupted_conversion_is_finished_or_undone(paths: AppPaths) -> None:
    repo = filled_repository(paths, clients=1)
    repo.engine.dispose()
    # Crash after security.json was written but before the swap: the database stays plain.
    entry, _ = security.new_key_entry(PASSWORD, n=FAST_N)
    security.save_state(paths, security.SecurityState(entry, converting=True))
    security.recover_interrupted_conversion(paths)
    assert not security.is_encrypted(paths)
    assert open_repository(paths).list_clients()


def test_cli_uses_medius_password(paths: AppPaths, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    key = security.create_encrypted_folder(paths, PASSWORD, n=FAST_N)
    filled_repository(paths, clients=2, key_hex=key).engine.dispose()
    monkeypatch.delenv("MEDIUS_PASSWORD", raising=False)
    assert main(["--data-dir", str(paths.data_dir), "list"]) == 2
    assert "MEDIUS_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("MEDIUS_PASSWORD", "not it at all")
    assert main(["--data-dir", str(paths.data_dir), "list"]) == 1
    assert "not right" in capsys.readouterr().err
    monkeypatch.setenv("MEDIUS_PASSWORD", PASSWORD)
    assert main(["--data-dir", str(paths.data_dir), "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["clients"]) == 2
    out_file = tmp_path / "copy.sqlite3"
    assert main(["--data-dir", str(paths.data_dir), "backup", "--out", str(out_file)]) == 0
    assert "encrypted" in capsys.readouterr().out and is_encrypted_file(out_file)
    assert main(["--data-dir", str(paths.data_dir), "check"]) == 0
    assert "(encrypted)" in capsys.readouterr().out
    assert main(["--data-dir", str(paths.data_dir), "restore", str(out_file)]) == 0
    assert "Restored 2 client(s)" in capsys.readouterr().out
