"""A throwaway PostgreSQL cluster for the servicedesk tests (Debian's postgresql package).

    python tests/servicedesk/desk_pg.py start DIR   # prints the URL of database "desk"
    python tests/servicedesk/desk_pg.py stop DIR

initdb + pg_ctl on a unix socket only (no TCP port), trust authentication, fsync off (the
tests kill the desk, never PostgreSQL). PostgreSQL refuses to run as root: as root the cluster
belongs to the ``postgres`` user the package creates (``nobody`` without it), the commands
run through ``runuser``, and the cluster lives under /tmp (that user must reach it; a TMPDIR such
as /root/tmp would not do) unless DESK_PG_DIR names another world-traversable directory.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def bindir() -> Path | None:
    """Where initdb and pg_ctl are (the newest installed major version), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    w = shutil.which("initdb")
    return Path(w).resolve().parent if w else None


def available() -> bool:
    return bindir() is not None


class PgCluster:
    def __init__(self, base: Path | None = None) -> None:
        self.bin = bindir()
        self.user = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    self.user = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue
            if self.user is None:  # pragma: no cover
                raise RuntimeError("running as root and there is no postgres or nobody user")
        if base is None:
            # as root the server runs as another user, who must reach the directory: under /tmp
            # (world-traversable), not under a TMPDIR such as /root/tmp
            where = os.environ.get("DESK_PG_DIR") or ("/tmp" if self.user is not None else None)
            base = Path(tempfile.mkdtemp(prefix="desk-pg-", dir=where))
        self.base = Path(base)
        self.data = self.base / "data"
        self.sock = self.base / "sock"
        self.log = self.base / "server.log"

    def _run(self, *cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        assert self.bin is not None
        argv = [str(self.bin / cmd[0]), *cmd[1:]]
        if self.user is not None:
            argv = ["runuser", "-u", self.user.pw_name, "--", *argv]
        return subprocess.run(argv, check=check, capture_output=True, text=True, timeout=120, cwd=str(self.base))

    def start(self) -> PgCluster:
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.base.mkdir(parents=True, exist_ok=True)
        self.sock.mkdir(exist_ok=True)
        os.chmod(self.base, 0o755)
        if self.user is not None:
            for p in (self.base, self.sock):
                os.chown(p, self.user.pw_uid, self.user.pw_gid)
        if not (self.data / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data), "-U", "desk", "--auth=trust", "-E", "UTF8",
                      "--locale=C", "--no-sync")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o",
                  f"-k {self.sock} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                  f"-c full_page_writes=off -c max_connections=200", "start")
        self.create_database("desk")
        return self

    def stop(self) -> None:
        if self.bin is not None and (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "desk") -> str:
        return f"postgresql+psycopg://desk@/{database}?host={self.sock}"

    def psql(self, sql: str, database: str = "postgres") -> str:
        return self._run("psql", "-h", str(self.sock), "-U", "desk", "-d", database, "-v", "ON_ERROR_STOP=1",
                         "-Atc", sql).stdout

    def create_database(self, name: str) -> str:
        exists = self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
        if not exists.strip():
            self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("start", "stop"):
        print(__doc__, file=sys.stderr)
        return 2
    c = PgCluster(Path(argv[2]))
    if argv[1] == "start":
        c.start()
        print(c.url())
    else:
        c.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
