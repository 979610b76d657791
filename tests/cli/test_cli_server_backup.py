"""Server backups with pg_dump, verified by a restore into a scratch database; restores; reconnects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.server_setup import PASSWORDS, set_up


def _as(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("MEDIUS_USER", name)
    monkeypatch.setenv("MEDIUS_PASSWORD", PASSWORDS[name])


def test_backup_is_verified_and_restore_brings_the_data_back(
        pg_url: str, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    clinic = set_up(pg_url)
    d = ["--data-dir", str(data_dir), "--database-url", clinic.url]
    _as(monkeypatch, "carl")
    assert main([*d, "demo"]) == 0
    assert main([*d, "backup", "--out", str(tmp_path / "b.dump")]) == 3  # admin only
    _as(monkeypatch, "alice")
    capsys.readouterr()
    assert main([*d, "backup", "--out", str(tmp_path / "b.dump")]) == 0
    assert "verified by restoring" in capsys.readouterr().out
    manifest = json.loads((tmp_path / "b.dump.manifest.json").read_text())
    assert manifest["verified_by_restore"] and manifest["row_counts"]["clients"] == 5
    assert (tmp_path / "b.dump").read_bytes()[:5] == b"PGDMP"  # custom format
    _as(monkeypatch, "carl")
    assert main([*d, "demo"]) == 0  # changes after the backup
    _as(monkeypatch, "alice")
    assert main([*d, "restore", str(tmp_path / "b.dump")]) == 1  # the shared login may not replace the audit trail
    assert "owner" in capsys.readouterr().err
    owner = ["--data-dir", str(data_dir), "--database-url", clinic.owner_url]
    assert main([*owner, "restore", str(tmp_path / "b.dump")]) == 0
    assert "Restored 5 client(s)" in capsys.readouterr().out
    assert main([*d, "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["clients"]) == 5
    assert main([*d, "check"]) == 0
    assert "Audit chain: intact" in capsys.readouterr().out
    assert list(data_dir.glob("backups/medius-server-pre-restore-*.dump"))


def test_a_truncated_archive_is_refused(pg_url: str, data_dir: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    clinic = set_up(pg_url)
    _as(monkeypatch, "alice")
    d = ["--data-dir", str(data_dir), "--database-url", clinic.url]
    assert main([*d, "backup", "--out", str(tmp_path / "b.dump")]) == 0
    data = (tmp_path / "b.dump").read_bytes()
    (tmp_path / "cut.dump").write_bytes(data[: len(data) // 2])
    owner = ["--data-dir", str(data_dir), "--database-url", clinic.owner_url]
    capsys.readouterr()
    assert main([*owner, "restore", str(tmp_path / "cut.dump")]) == 1
    assert "scratch database" in capsys.readouterr().err
