"""The command line against a clinic server (a real PostgreSQL database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db.records import SCHEMA_HEAD
from desktop.cli import main


def test_demo_list_and_check_on_a_server_named_by_the_environment(
        capsys: pytest.CaptureFixture[str], clinic: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _as(monkeypatch, "carl", "carl-secret-1")
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    assert main(["--data-dir", str(data_dir), "list", "--json"]) == 0
    out, _ = capsys.readouterr()
    clients = json.loads(out[out.index("{"):])["clients"]
    assert {c["family_name"] for c in clients} >= {"Nguyễn", "王"}
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    out, _ = capsys.readouterr()
    assert "Audit chain: intact" in out and f"Schema revision: {SCHEMA_HEAD}" in out
    assert not (data_dir / "medius.sqlite3").exists()  # nothing went to the local file


def test_a_password_is_never_printed_or_logged(
        capsys: pytest.CaptureFixture[str], clinic: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = clinic.replace("@/", ":s3cret-pw@/")  # trust authentication on the test socket ignores it
    _as(monkeypatch, "carl", "carl-secret-1")
    assert main(["--data-dir", str(data_dir), "--database-url", url, "check"]) == 0
    _as(monkeypatch, "carl", "wrong-secret-2")
    assert main(["--data-dir", str(data_dir), "--database-url", url, "check"]) == 3
    out, err = capsys.readouterr()
    assert "s3cret-pw" not in out + err and "***" in out and "secret-" not in out + err
    logs = "".join(p.read_text() for p in (data_dir / "logs").rglob("*") if p.is_file())
    assert "s3cret-pw" not in logs and "secret-" not in logs


def _as(monkeypatch: pytest.MonkeyPatch, name: str, password: str) -> None:
    monkeypatch.setenv("MEDIUS_USER", name)
    monkeypatch.setenv("MEDIUS_PASSWORD", password)


@pytest.fixture
def clinic(pg_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]) -> str:
    """`server init` with the owner's login, then a clinician and a reception user; returns the laptops' URL."""
    monkeypatch.setenv("MEDIUS_NEW_PASSWORD", "admin-secret-1")
    assert main(["--data-dir", str(data_dir), "--database-url", pg_url, "server", "init", "--admin", "alice"]) == 0
    out, _ = capsys.readouterr()
    assert "first admin alice" in out and "admin-secret-1" not in out
    app_url = pg_url.replace(pg_url.split("://")[1].split("@")[0] + "@", "medius_app@", 1)
    monkeypatch.setenv("MEDIUS_DATABASE_URL", app_url)
    _as(monkeypatch, "alice", "admin-secret-1")
    for name, role in (("carl", "clinician"), ("rita", "reception")):
        monkeypatch.setenv("MEDIUS_NEW_PASSWORD", f"{name}-secret-1")
        assert main(["--data-dir", str(data_dir), "users", "add", name, "--role", role]) == 0
    capsys.readouterr()
    return app_url


def test_users_roles_and_exit_3(clinic: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    d = ["--data-dir", str(data_dir)]
    assert main([*d, "users", "list"]) == 0
    listing = capsys.readouterr().out
    assert "carl" in listing and "reception" in listing and "secret" not in listing
    _as(monkeypatch, "carl", "carl-secret-1")
    assert main([*d, "demo"]) == 0
    assert main([*d, "users", "list"]) == 3  # a clinician may not manage users
    assert "not allowed" in capsys.readouterr().err
    _as(monkeypatch, "rita", "rita-secret-1")
    assert main([*d, "list", "--json"]) == 0  # reception: names only
    clients = json.loads(capsys.readouterr().out)["clients"]
    assert clients and all(c["assessments"] == [] for c in clients)
    assert main([*d, "summary", "1"]) == 3
    assert main([*d, "export", "--all", "--out", str(data_dir / "x.json")]) == 3
    assert not (data_dir / "x.json").exists()
    _as(monkeypatch, "carl", "wrong-password")
    assert main([*d, "list"]) == 3
    assert "wrong user name or password" in capsys.readouterr().err
    monkeypatch.delenv("MEDIUS_USER")
    assert main([*d, "list"]) == 3
    _as(monkeypatch, "alice", "admin-secret-1")
    assert main([*d, "users", "disable", "carl"]) == 0
    _as(monkeypatch, "carl", "carl-secret-1")
    assert main([*d, "list"]) == 3
    assert "disabled" in capsys.readouterr().err
    _as(monkeypatch, "alice", "admin-secret-1")
    assert main([*d, "check"]) == 0
    assert "Audit chain: intact" in capsys.readouterr().out


def test_an_edit_of_an_outdated_version_exits_1_naming_the_conflict(
        clinic: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    d = ["--data-dir", str(data_dir)]
    _as(monkeypatch, "carl", "carl-secret-1")
    assert main([*d, "demo"]) == 0
    assert main([*d, "export", "--all", "--out", str(data_dir / "all.json")]) == 0
    visit = json.loads((data_dir / "all.json").read_text())["clients"][0]["assessments"][0]
    aid = visit["id"]
    capsys.readouterr()
    visit["notes"] = "carl's change"
    (data_dir / "carl.json").write_text(json.dumps(visit))
    visit["notes"] = "alice's change"
    (data_dir / "alice.json").write_text(json.dumps(visit))
    assert main([*d, "edit", str(aid), str(data_dir / "carl.json"), "--version", "1"]) == 0
    _as(monkeypatch, "alice", "admin-secret-1")
    assert main([*d, "edit", str(aid), str(data_dir / "alice.json"), "--version", "1"]) == 1
    err = capsys.readouterr().err
    assert f"conflict: assessment {aid} was changed by carl" in err and "now version 2" in err
    assert main([*d, "export", "--all", "--out", str(data_dir / "after.json")]) == 0
    after = json.loads((data_dir / "after.json").read_text())["clients"][0]["assessments"][0]
    assert after["notes"] == "carl's change"


def test_migrate_from_moves_a_laptop_folder_with_its_audit_trail(
        clinic: str, tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    laptop = tmp_path / "laptop"
    monkeypatch.delenv("MEDIUS_DATABASE_URL")
    assert main(["--data-dir", str(laptop), "demo"]) == 0
    assert main(["--data-dir", str(laptop), "export", "--all", "--out", str(tmp_path / "before.json")]) == 0
    from desktop.paths import resolve_paths
    from desktop.services.database import open_repository

    local = open_repository(resolve_paths(laptop))
    first_client = local.all_client_ids()[0]
    first_visit = local.list_assessments(first_client)[0][0]
    local.save_draft(f"client:{first_client}:assessment:{first_visit}", {"notes": "half-typed"})
    local.save_draft(f"conflict:assessment:{first_visit}", {"notes": "kept after a conflict"})
    local.save_draft("settings:letterhead", {"clinic_name": "typed, not saved"})
    local_events = len(local.audit_events())
    local.engine.dispose()
    monkeypatch.setenv("MEDIUS_DATABASE_URL", clinic)
    _as(monkeypatch, "carl", "carl-secret-1")
    d = ["--data-dir", str(data_dir)]
    assert main([*d, "server", "migrate-from", str(laptop)]) == 3  # admin only
    _as(monkeypatch, "alice", "admin-secret-1")
    capsys.readouterr()
    assert main([*d, "server", "migrate-from", str(laptop)]) == 0
    moved_clients = len(json.loads((tmp_path / "before.json").read_text())["clients"])
    assert f"Moved {moved_clients} client(s)" in capsys.readouterr().out
    assert main([*d, "server", "migrate-from", str(laptop)]) == 2  # not into a non-empty server
    assert "--duplicates" in capsys.readouterr().err
    assert main([*d, "server", "migrate-from", str(laptop), "--duplicates", "skip"]) == 0
    assert f"{moved_clients} already on the server skipped" in capsys.readouterr().out
    assert main([*d, "export", "--all", "--out", str(tmp_path / "after.json")]) == 0

    def strip(doc: dict) -> list:
        return [{**{k: v for k, v in c.items() if k != "id"},
                 "assessments": [{k: v for k, v in a.items() if k != "id"} for a in c["assessments"]]}
                for c in doc["clients"]]

    before = json.loads((tmp_path / "before.json").read_text())
    after = json.loads((tmp_path / "after.json").read_text())
    assert sorted(strip(before), key=str) == sorted(strip(after), key=str)
    server = open_repository(resolve_paths(data_dir), clinic, user=_user("alice"))
    events = server.audit_events()
    assert server.verify_audit_chain() is None
    moved = [e for e in events if "source_event=" in e.detail]
    assert len(moved) >= local_events and moved[0].actor == "clinician"
    assert [e.action for e in events if e.entity == "data_folder"] == ["move", "move"]
    # The drafts came along for the admin who moved them, under the server's ids; the second move
    # (--duplicates skip) left the ones already there alone instead of failing on them.
    drafts = {key for key, _ in server.list_drafts()}
    assert "settings:letterhead" in drafts
    (visit_draft,) = [k for k in drafts if k.startswith("client:")]
    new_visit = int(visit_draft.rsplit(":", 1)[1])
    assert f"conflict:assessment:{new_visit}" in drafts
    assert server.load_draft(f"conflict:assessment:{new_visit}") == {"notes": "kept after a conflict"}
    server.engine.dispose()


def _user(name: str):  # noqa: ANN202
    from desktop.services.accounts import User

    return User(name, "admin")


def test_reception_adds_and_corrects_a_client_but_clinical_commands_exit_3(
        clinic: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    d = ["--data-dir", str(data_dir)]
    _as(monkeypatch, "rita", "rita-secret-1")
    assert main([*d, "add-client", "--given-name", "Mere", "--family-name", "Tane", "--born", "1980-02-03",
                 "--phone", "0400 123 456"]) == 0
    assert "Added client" in capsys.readouterr().out
    assert main([*d, "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["clients"]
    assert main([*d, "edit-client", str(row["id"]), "--phone", "0400 999 000",
                 "--version", str(row["version"])]) == 0
    assert main([*d, "edit-client", str(row["id"]), "--email", "m@example.org",
                 "--version", str(row["version"])]) == 1  # the version read before the phone was changed
    assert f"conflict: client {row['id']}" in capsys.readouterr().err
    assert main([*d, "summary", str(row["id"])]) == 3
    assert main([*d, "edit", "1", str(data_dir / "x.json")]) == 3
    assert "not allowed" in capsys.readouterr().err
    _as(monkeypatch, "carl", "carl-secret-1")
    assert main([*d, "export", "--client", str(row["id"]), "--out", str(data_dir / "c.json")]) == 0
    stored = json.loads((data_dir / "c.json").read_text())["clients"][0]
    assert stored["phone"] == "0400 999 000" and stored.get("email") in (None, "")


def test_medius_help_names_the_client_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "add-client" in out and "edit-client" in out


def test_an_admin_resets_a_password_and_a_change_of_ones_own_reseals_the_laptop_outbox(
        clinic: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.services.outbox import open_outbox
    from tests.fixtures.records import assessment

    d = ["--data-dir", str(data_dir)]
    kept = open_outbox(data_dir, clinic, "alice", "admin-secret-1")
    kept.put(1, None, None, assessment(1))
    _as(monkeypatch, "alice", "admin-secret-1")
    monkeypatch.setenv("MEDIUS_NEW_PASSWORD", "short")
    assert main([*d, "users", "set-password", "carl"]) == 2
    monkeypatch.setenv("MEDIUS_NEW_PASSWORD", "carl-secret-2")
    assert main([*d, "users", "set-password", "carl"]) == 0
    assert "previous password at the next sign-in" in capsys.readouterr().out
    _as(monkeypatch, "carl", "carl-secret-1")
    assert main([*d, "list"]) == 3
    _as(monkeypatch, "carl", "carl-secret-2")
    assert main([*d, "list"]) == 0
    assert main([*d, "users", "set-password", "carl"]) == 3  # only an admin sets passwords

    _as(monkeypatch, "alice", "admin-secret-1")
    monkeypatch.setenv("MEDIUS_NEW_PASSWORD", "admin-secret-2")
    assert main([*d, "users", "set-password", "alice"]) == 0
    after = open_outbox(data_dir, clinic, "alice", "admin-secret-2")
    assert after.count() == 1 and after.earlier() == []  # re-sealed at once: nothing to ask later
    _as(monkeypatch, "alice", "admin-secret-2")
    assert main([*d, "check"]) == 0
    assert "Audit chain: intact" in capsys.readouterr().out
