"""A clinic server set up as `medius server init` does, with one person per role."""

from __future__ import annotations

from dataclasses import dataclass

from db.engine import make_engine
from db.repository import Repository
from db.server import LOGIN_ROLE
from db.users import UserStore
from desktop.services.accounts import User, hash_password
from desktop.services.clinic_server import init_server

PASSWORDS = {"alice": "alice-admin-pw", "carl": "carl-clinician-pw", "rita": "rita-reception-pw"}


@dataclass(frozen=True)
class ClinicServer:
    owner_url: str  # the database owner's login (what `server init` runs with)
    url: str  # what the laptops use: the medius_app login

    def repo(self, name: str) -> Repository:
        import tempfile
        from pathlib import Path

        from desktop.paths import AppPaths
        from desktop.services.database import open_repository, sign_in_to_server

        user = sign_in_to_server(self.url, name, PASSWORDS[name])
        return open_repository(AppPaths(Path(tempfile.mkdtemp())), self.url, user=user)


def set_up(owner_url: str) -> ClinicServer:
    init_server(owner_url, "alice", PASSWORDS["alice"])
    engine = make_engine(owner_url)
    store = UserStore(Repository(engine, actor="alice", role="admin"))
    store.add("carl", "clinician", hash_password(PASSWORDS["carl"]))
    store.add("rita", "reception", hash_password(PASSWORDS["rita"]))
    engine.dispose()
    app_url = owner_url.replace(owner_url.split("://", 1)[1].split("@", 1)[0] + "@", LOGIN_ROLE + "@", 1)
    return ClinicServer(owner_url, app_url)


__all__ = ["PASSWORDS", "ClinicServer", "User", "set_up"]
