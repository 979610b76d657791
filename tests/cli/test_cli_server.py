"""The command line against a clinic server (a real PostgreSQL database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main


def test_demo_list_and_check_on_a_server_named_by_the_environment(
        capsys: pytest.CaptureFixture[str], pg_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDIUS_DATABASE_URL", pg_url)
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    assert main(["--data-dir", str(data_dir), "list", "--json"]) == 0
    out, _ = capsys.readouterr()
    clients = json.loads(out[out.index("{"):])["clients"]
    assert {c["family_name"] for c in clients} >= {"Nguyễn", "王"}
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    out, _ = capsys.readouterr()
    assert "Audit chain: intact" in out and "Schema revision:" in out
    assert not (data_dir / "medius.sqlite3").exists()  # nothing went to the local file


def test_a_password_in_the_url_is_never_printed(
        capsys: pytest.CaptureFixture[str], pg_url: str, data_dir: Path) -> None:
    url = pg_url.replace("@/", ":s3cret-pw@/")  # trust authentication ignores it
    assert main(["--data-dir", str(data_dir), "--database-url", url, "check"]) == 0
    out, err = capsys.readouterr()
    assert "s3cret-pw" not in out + err and "***" in out
    logs = "".join(p.read_text() for p in (data_dir / "logs").glob("*") if p.is_file())
    assert "s3cret-pw" not in logs
