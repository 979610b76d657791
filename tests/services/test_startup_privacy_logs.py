"""Start-up recovery from a damaged database, privacy export and deletion, and log hygiene."""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path

import pytest

from desktop.logging_setup import redact, setup_logging
from desktop.paths import AppPaths
from desktop.services import privacy
from desktop.services.backup import BackupService
from desktop.services.database import open_repository
from desktop.services.exchange import parse_exchange
from desktop.services.files import restrict_permissions
from desktop.services.startup import damage_message, database_health, find_recovery_backup, restore_over_damaged
from tests.fixtures.records import client, filled_repository, table_rows


@pytest.fixture
def paths(data_dir: Path) -> AppPaths:
    return AppPaths(data_dir).ensure()


def _damage(path: Path) -> None:
    """Overwrite a few interior pages with noise, as a failing disk would."""
    data = bytearray(path.read_bytes())
    page = 4096
    for number in range(1, len(data) // page, 3):  # b-tree page headers of every third page
        data[number * page:number * page + 64] = os.urandom(64)
    path.write_bytes(bytes(data))


def test_damaged_database_is_set_aside_and_the_newest_good_backup_restored(paths: AppPaths) -> None:
    repo = filled_repository(paths, clients=8, visits=3)
    service = BackupService(repo, paths)
    good = service.back_up().path
    repo.add_client(client(1, given_name="Later"))
    newest = service.back_up().path
    _damage(newest)  # the newest backup is damaged too: recovery must skip it
    repo.engine.dispose()
    _damage(paths.database)
    damaged_bytes = paths.database.read_bytes()

    health = database_health(paths)
    assert health.exists and health.damaged
    backup = find_recovery_backup(paths)
    assert backup is not None and backup.path == good
    message = damage_message(health, backup)
    assert "kept" in message and "8 client(s)" in message and "Restore this backup now?" in message

    outcome = restore_over_damaged(paths, backup.path)

    assert outcome.set_aside is not None and outcome.set_aside.read_bytes() == damaged_bytes
    assert not database_health(paths).damaged
    assert table_rows(paths.database) == table_rows(good)
    assert len(open_repository(paths).list_clients()) == 8


def test_no_usable_backup_is_said_plainly(paths: AppPaths) -> None:
    filled_repository(paths, clients=1).engine.dispose()
    _damage(paths.database)
    health = database_health(paths)
    assert health.damaged
    assert "No usable backup" in damage_message(health, find_recovery_backup(paths))


def test_privacy_export_holds_everything_and_names_no_one_in_file_names(paths: AppPaths) -> None:
    import pypdf

    repo = filled_repository(paths, clients=2, visits=2)
    repo.save_draft("client:1:assessment:new", {"pain_nprs": 4})

    export = privacy.export_client_data(repo, 1, paths.exports)

    assert export.assessments == 2
    for path in (export.json_path, export.pdf_path):
        assert "Nguy" not in path.name and "1970" not in path.name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    document = json.loads(export.json_path.read_text(encoding="utf-8"))
    ((restored, visits),) = parse_exchange(document)
    assert restored == repo.get_client(1).client and len(visits) == 2
    text = "".join(page.extract_text() for page in pypdf.PdfReader(export.pdf_path).pages)
    assert "Nguyễn Thị" in text and "person0@example.org" in text and "1970-03-14" in text
    assert "Access log" in text and "1 draft(s)" in text
    event = repo.audit_events(1)[-1]
    assert (event.action, event.detail) == ("privacy_export", "assessments=2 files=json,pdf")


def test_delete_client_removes_everything_and_the_audit_keeps_no_name(paths: AppPaths) -> None:
    repo = filled_repository(paths, clients=2, visits=2)
    repo.save_draft("client:1:assessment:new", {"pain_nprs": 4})
    before = repo.table_counts()
    warning = privacy.delete_warning(1, 2)
    assert "Older backups still hold" in warning and "rotate out" in warning

    privacy.delete_client(repo, 1)

    after = repo.table_counts()
    assert after["clients"] == before["clients"] - 1
    assert after["assessments"] == before["assessments"] - 2
    assert after["hip_abduction_trials"] == before["hip_abduction_trials"] - 12
    assert repo.list_drafts("client:1:") == []
    deleted = [e for e in repo.audit_events(1) if e.action == "delete"]
    assert deleted and deleted[-1].detail == "assessments=2"
    everything = json.dumps([e.__dict__ for e in repo.audit_events()], default=str, ensure_ascii=False)
    assert "Nguy" not in everything and "1970-03-14" not in everything and "example.org" not in everything
    assert repo.verify_audit_chain() is None


def test_redaction_safety_net() -> None:
    text = "failed for ana@example.org born 1971-03-14 (14/03/1971) [parameters: ('Ana', 'Nguyễn')]\nnext"
    cleaned = redact(text)
    assert "example.org" not in cleaned and "1971" not in cleaned and "Nguyễn" not in cleaned
    assert cleaned.endswith("\nnext")


def test_log_file_is_private_and_scrubbed(tmp_path: Path) -> None:
    log_path = setup_logging(tmp_path / "logs")
    logger = logging.getLogger("medius.test")
    logger.warning("client %s with %s", "zoe@example.org", "1990-06-21")
    try:
        raise ValueError("bad date 2001-02-03")
    except ValueError:
        logger.exception("import failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "zoe@example.org" not in text and "1990-06-21" not in text and "2001-02-03" not in text
    assert "<email>" in text and "ValueError" in text
    if os.name == "posix":
        assert stat.S_IMODE(log_path.stat().st_mode) == 0o600
    setup_logging(tmp_path / "logs")  # again: still one handler of ours
    assert sum(1 for h in logging.getLogger().handlers if getattr(h, "_medius_handler", False)) == 1


def test_restrict_permissions_touches_only_medius_files(paths: AppPaths) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    filled_repository(paths, clients=1).engine.dispose()
    os.chmod(paths.database, 0o644)
    os.chmod(paths.data_dir, 0o755)
    foreign = paths.data_dir / "notes.txt"
    foreign.write_text("not ours")
    os.chmod(foreign, 0o644)
    changed = restrict_permissions(paths)
    assert paths.database in changed and paths.data_dir in changed
    assert stat.S_IMODE(paths.database.stat().st_mode) == 0o600
    assert stat.S_IMODE(foreign.stat().st_mode) == 0o644


def test_a_session_that_never_opened_storage_still_leaves_the_files_owner_only(paths: AppPaths) -> None:
    """A quick start answers the start-up checks without the storage layer; quitting at once still
    restricts the folder and its files at exit."""
    import subprocess
    import sys

    filled_repository(paths, clients=2, visits=1).engine.dispose()
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    env.pop("MEDIUS_DATA_DIR", None)
    for _start in range(2):  # the first also takes the day's backup (which opens storage); the second not
        os.chmod(paths.database, 0o644)
        os.chmod(paths.data_dir, 0o755)
        done = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(paths.data_dir), "--exit-when-idle"],
                              cwd=root, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and "medius: idle" in done.stdout, done.stderr[-2000:]
        assert stat.S_IMODE(paths.database.stat().st_mode) == 0o600
        assert stat.S_IMODE(paths.data_dir.stat().st_mode) == 0o700


def test_a_change_left_without_its_backup_is_backed_up_at_exit_without_opening_a_session(paths: AppPaths) -> None:
    """An earlier session saved and ended without its backup at exit (killed). This one quits at idle,
    before storage opens: the backup at exit is still due, decided through the quick reader, and taken."""
    import subprocess
    import sys

    from desktop.services.backup import automatic_backups

    repo = filled_repository(paths, clients=2, visits=1)
    BackupService(repo, paths).automatic()
    repo.add_client(client(5), [])  # after the newest automatic backup
    repo.engine.dispose()
    before = automatic_backups(paths.backups)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)}
    env.pop("MEDIUS_DATA_DIR", None)

    done = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(paths.data_dir), "--exit-when-idle"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=120)

    assert done.returncode == 0 and "medius: idle" in done.stdout, done.stderr[-2000:]
    after = automatic_backups(paths.backups)
    assert after[0] not in before  # a new newest one (the rotation keeps one a day)
    names = {row[1] for row in table_rows(after[0])["clients"]}
    assert client(5).given_name in names
