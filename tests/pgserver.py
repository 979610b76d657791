"""A throwaway PostgreSQL server for tests and benchmarks.

``initdb`` refuses to run as root (and CI runs as root), so when we are root
the cluster belongs to an unprivileged system user made for it; ``initdb``
and ``pg_ctl`` run as that user through ``runuser``. The server listens on a
Unix socket in a temporary folder only (no TCP port is opened) and is
stopped and removed by ``destroy()``.

A run that is killed (SIGKILL, a closed terminal) cannot clean up after
itself, and PostgreSQL keeps running as a daemon. So each folder records the
process that made it (pid and start time), and every start first stops and
removes the servers whose maker is gone (``clean_stale_servers``). Servers of
other runs still in progress on the same machine are left alone.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

OS_USER = "medius-pgtest"
PORT = 5432  # only names the socket file; no TCP listener is opened
PREFIX = "medius-pg-"
OWNER_FILE = "owner"


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    candidates = []
    if os.environ.get("MEDIUS_PG_BINDIR"):
        candidates.append(os.environ["MEDIUS_PG_BINDIR"])
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    candidates += ["/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin", "/usr/bin"]
    for folder in candidates:
        if os.access(os.path.join(folder, "initdb"), os.X_OK) and os.access(
                os.path.join(folder, "pg_ctl"), os.X_OK):
            return Path(folder)
    return None


def missing_reason() -> str | None:
    """Why a throwaway server cannot be started here, or None when it can."""
    if os.name != "posix":
        return "PostgreSQL tests need a POSIX system (Unix sockets, runuser)"
    if find_bindir() is None:
        return ("PostgreSQL (initdb, pg_ctl) is not installed; `make test` installs the `postgresql` "
                "package on Debian/Ubuntu, elsewhere install PostgreSQL 13+ or set MEDIUS_PG_BINDIR")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without `runuser`, so initdb cannot run as an unprivileged user"
    return None


def _ensure_os_user() -> str:
    # Two test runs starting at once both try to create the user: the loser's useradd fails
    # (the user exists, or /etc/passwd is locked for a moment), so look again and retry.
    for attempt in range(10):
        if subprocess.run(["id", "-u", OS_USER], capture_output=True, check=False).returncode == 0:
            return OS_USER
        made = subprocess.run(["useradd", "-r", "-M", "-s", "/usr/sbin/nologin", OS_USER],
                              capture_output=True, check=False)
        if made.returncode == 0:
            return OS_USER
        time.sleep(0.2 * (attempt + 1))
    subprocess.run(["id", "-u", OS_USER], check=True, capture_output=True)
    return OS_USER


@dataclass
class PgServer:
    """One running cluster; ``url(db)`` gives a psycopg 3 URL over its socket."""

    bindir: Path
    root: Path
    os_user: str | None  # None: the cluster runs as the current (non-root) user
    superuser: str
    port: int = PORT
    _dbs: list[str] = field(default_factory=list)

    @property
    def socket_dir(self) -> Path:
        return self.root

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / argv[0]), *argv[1:]]
        if self.os_user:
            command = ["runuser", "-u", self.os_user, "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def url(self, database: str = "postgres", user: str | None = None) -> str:
        return f"postgresql+psycopg://{user or self.superuser}@/{database}?host={self.root}&port={self.port}"

    def libpq_args(self) -> list[str]:
        return ["-h", str(self.root), "-p", str(self.port), "-U", self.superuser]

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-t", "60",
                  "-o", f"-k {self.root} -p {self.port} -c listen_addresses='' -c fsync=off "
                        f"-c max_connections=200 -c shared_buffers=32MB", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", check=False)

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def create_database(self, name: str) -> str:
        """A fresh empty database ``name`` (dropped first if present); returns its URL."""
        import psycopg

        with psycopg.connect(host=str(self.root), port=self.port, user=self.superuser, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.root), port=self.port, user=self.superuser, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def _process_identity(pid: int) -> str | None:
    """``pid`` and its start time (so a reused pid is not taken for the maker), None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return f"{pid} {fields[19]}"  # field 22 of stat: start time in clock ticks after boot
    except (OSError, IndexError):
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return f"{pid} ?"  # alive; no /proc to read its start time from


def _owner_alive(root: Path) -> bool | None:
    """Whether the process that made ``root`` still runs; None when the folder names no maker."""
    try:
        recorded = (root / OWNER_FILE).read_text(encoding="ascii").strip()
    except OSError:
        return None
    pid = int(recorded.split()[0]) if recorded.split() and recorded.split()[0].isdigit() else -1
    current = _process_identity(pid) if pid > 0 else None
    return current is not None and (current == recorded or current.endswith(" ?"))


def _postmaster_pid(root: Path) -> int | None:
    try:
        first = (root / "data" / "postmaster.pid").read_text(encoding="ascii").split("\n", 1)[0]
        return int(first)
    except (OSError, ValueError):
        return None


def clean_stale_servers(temp_dir: Path | None = None) -> list[Path]:
    """Stop and remove throwaway servers whose maker is gone (a killed run); returns their folders.

    A folder that names no maker (made by an older version) is removed only
    when no server runs in it; one whose maker still runs is never touched.
    """
    import signal
    import time

    removed = []
    for root in sorted(Path(temp_dir or tempfile.gettempdir()).glob(f"{PREFIX}*")):
        if not root.is_dir() or root.is_symlink():
            continue
        alive = _owner_alive(root)
        postmaster = _postmaster_pid(root)
        running = postmaster is not None and _process_identity(postmaster) is not None
        if alive or (alive is None and running):
            continue
        if running and postmaster is not None:
            try:
                os.kill(postmaster, signal.SIGQUIT)  # PostgreSQL's immediate shutdown
                for _ in range(100):
                    if _process_identity(postmaster) is None:
                        break
                    time.sleep(0.05)
                else:
                    os.kill(postmaster, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        shutil.rmtree(root, ignore_errors=True)
        removed.append(root)
    return removed


def start_server() -> PgServer:
    """initdb + pg_ctl start in a new private folder; the caller must call ``destroy()``.

    Servers left running by an earlier run that was killed are stopped and removed first.
    """
    reason = missing_reason()
    if reason:
        raise RuntimeError(reason)
    bindir = find_bindir()
    assert bindir is not None
    clean_stale_servers()
    root = Path(tempfile.mkdtemp(prefix=PREFIX))
    (root / OWNER_FILE).write_text(_process_identity(os.getpid()) or f"{os.getpid()} ?", encoding="ascii")
    os_user = _ensure_os_user() if os.geteuid() == 0 else None
    if os_user:
        shutil.chown(root, user=os_user)
    os.chmod(root, 0o700)
    superuser = os_user or (os.environ.get("USER") or "postgres")
    server = PgServer(bindir=bindir, root=root, os_user=os_user, superuser=superuser)
    try:
        server._run("initdb", "-D", str(server.data), "-A", "trust", "-U", superuser, "-E", "UTF8",
                    "--locale=C", "--no-sync")
        server.start()
    except BaseException:
        server.destroy()
        raise
    return server
