"""Backup, verification and restore of the desk (and of the support platform's files the
business needs back after a disaster: the recording index and acdcore's journal).

An archive is one tar file (``desk-backup-<UTC time>.tar``) with a ``.sha256`` beside it:

    manifest.json              format, time, schema revision, every file's SHA-256 and size,
                               every table's row count and content checksum
    db/desk.sqlite             SQLite: a consistent copy made with the online backup API
    db/desk.pgdump             PostgreSQL: pg_dump -Fc at the same snapshot the checksums read
    recordings/index.sqlite    the recording index (SQLite online backup) and its ledger head
    acd/journal/...            acdcore's journal directory: snapshots and segments

Every table in the database is covered (the desk's schema and any other capability's tables,
reflected). A table's checksum is the SHA-256 of its rows in primary-key order, each value in a canonical
text form, so a restore is verified row by row, whatever the database engine.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, Table, create_engine, inspect, select, text

from .. import __version__
from ..db import migrate
from ..db.engine import make_engine, normalise_url
from ..db.schema import metadata

FORMAT = 1


class BackupError(Exception):
    pass


# ---------------------------------------------------------------- checksums

def _canon(v: Any) -> str:
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v).hex()
    return str(v).replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n")


def _all_tables(conn: Any) -> list[Table]:
    """The desk's tables, then every other table in the database (e.g. those other capabilities
    create with their own MetaData), reflected: a backup verifies every row it carries."""
    known = {t.name for t in metadata.sorted_tables}
    extra = sorted(set(inspect(conn).get_table_names()) - known - {"alembic_version"})
    reflected = MetaData()
    return list(metadata.sorted_tables) + [Table(name, reflected, autoload_with=conn) for name in extra]


def table_checksums(conn: Any) -> dict[str, dict[str, Any]]:
    """Row count and content checksum of every table in the database, read on ``conn``."""
    out = {}
    for table in _all_tables(conn):
        h = hashlib.sha256()
        n = 0
        pk = list(table.primary_key.columns) or list(table.columns)
        res = conn.execute(select(table).order_by(*pk), execution_options={"stream_results": True, "yield_per": 5000})
        for row in res:
            h.update(("|".join(_canon(v) for v in row) + "\n").encode())
            n += 1
        out[table.name] = {"rows": n, "sha256": h.hexdigest()}
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _libpq(url: Any) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _pg_tool(name: str) -> str:
    import glob

    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if found:
        return found[-1]
    w = shutil.which(name)
    if w is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return w


# ---------------------------------------------------------------- backup

def _sqlite_copy(src: str, dest: Path) -> None:
    """A consistent copy of a live SQLite database (online backup API, one step: the copy is
    the database as of one instant even while the desk writes)."""
    s = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=60)
    d = sqlite3.connect(dest)
    try:
        s.backup(d, pages=-1)
    finally:
        d.close()
        s.close()


def backup(database_url: str, out: Path, *, recordings_index: str = "", acd_journal_dir: str = "",
           label: str = "") -> Path:
    """Write a verified archive; return its path. ``out``: a directory or a .tar file name."""
    url = normalise_url(database_url)
    started = time.time()
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    out = Path(out)
    archive = out / f"desk-backup-{stamp}.tar" if out.is_dir() or not out.suffix else out
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="desk-backup-", dir=archive.parent) as tmp:
        root = Path(tmp)
        (root / "db").mkdir()
        manifest: dict[str, Any] = {"format": FORMAT, "created": stamp, "created_at": started, "label": label,
                                    "desk_version": __version__, "database": url.get_backend_name(), "files": {}}
        if url.get_backend_name() == "sqlite":
            dbfile = root / "db" / "desk.sqlite"
            _sqlite_copy(str(url.database), dbfile)
            eng = create_engine(f"sqlite:///{dbfile}")
            with eng.connect() as conn:
                manifest["revision"] = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                manifest["tables"] = table_checksums(conn)
                ok = conn.execute(text("PRAGMA integrity_check")).scalar()
                if ok != "ok":
                    raise BackupError(f"the copy fails SQLite's integrity check: {ok}")
            eng.dispose()
        else:
            eng = make_engine(url)
            dump = root / "db" / "desk.pgdump"
            # one REPEATABLE READ transaction: pg_dump reads its snapshot, the checksums read the same
            with eng.connect().execution_options(isolation_level="REPEATABLE READ",
                                                 postgresql_readonly=True) as conn:
                snap = conn.exec_driver_sql("SELECT pg_export_snapshot()").scalar()
                manifest["revision"] = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                r = subprocess.run([_pg_tool("pg_dump"), "-Fc", "--no-owner", f"--snapshot={snap}", "-f", str(dump),
                                    "-d", _libpq(url)], capture_output=True, text=True)
                if r.returncode != 0:
                    raise BackupError(f"pg_dump failed: {r.stderr.strip()}")
                manifest["tables"] = table_checksums(conn)
                conn.rollback()
            eng.dispose()
        if recordings_index:
            src = Path(recordings_index)
            if not src.exists():
                raise BackupError(f"recording index {src} does not exist")
            (root / "recordings").mkdir()
            _sqlite_copy(str(src), root / "recordings" / "index.sqlite")
            head = Path(str(src) + ".head")
            if head.exists():
                shutil.copy2(head, root / "recordings" / "index.sqlite.head")
            manifest["recordings_index"] = str(src)
        if acd_journal_dir:
            jdir = Path(acd_journal_dir)
            if not jdir.is_dir():
                raise BackupError(f"acdcore journal directory {jdir} does not exist")
            dest = root / "acd" / "journal"
            dest.mkdir(parents=True)
            for f in sorted(jdir.iterdir()):
                if f.is_file() and not f.name.endswith(".tmp"):
                    shutil.copy2(f, dest / f.name)
            manifest["acd_journal_dir"] = str(jdir)
        for f in sorted(root.rglob("*")):
            if f.is_file():
                manifest["files"][str(f.relative_to(root))] = {"sha256": _sha256(f), "size": f.stat().st_size}
        manifest["seconds"] = round(time.time() - started, 3)
        (root / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
        partial = archive.with_suffix(archive.suffix + ".part")
        with tarfile.open(partial, "w") as tar:
            tar.add(root / "manifest.json", arcname="manifest.json")
            for name in sorted(manifest["files"]):
                tar.add(root / name, arcname=name)
        with open(partial, "rb") as f:
            os.fsync(f.fileno())
        os.replace(partial, archive)
    digest = _sha256(archive)
    Path(str(archive) + ".sha256").write_text(f"{digest}  {archive.name}\n")
    verify(archive)
    return archive


# ---------------------------------------------------------------- verify

def read_manifest(archive: Path) -> dict[str, Any]:
    with tarfile.open(archive) as tar:
        f = tar.extractfile("manifest.json")
        if f is None:
            raise BackupError("the archive has no manifest.json")
        return json.loads(f.read())


def verify(archive: Path, *, deep: bool = True) -> dict[str, Any]:
    """Check the archive's own checksum, every file's checksum, and (deep) that the database
    copy opens, passes its integrity check and has the recorded row checksums."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive}: no such archive")
    side = Path(str(archive) + ".sha256")
    if side.exists():
        want = side.read_text().split()[0]
        got = _sha256(archive)
        if want != got:
            raise BackupError(f"{archive.name}: SHA-256 {got} differs from {side.name} ({want}): damaged")
    try:
        manifest = read_manifest(archive)
    except (tarfile.TarError, json.JSONDecodeError, KeyError, OSError, EOFError) as e:
        raise BackupError(f"{archive.name} is not a readable backup: {e}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    with tarfile.open(archive) as tar:
        names = set(tar.getnames()) - {"manifest.json"}
        missing = set(manifest["files"]) - names
        if missing:
            raise BackupError(f"files missing from the archive: {sorted(missing)}")
        for name, info in manifest["files"].items():
            f = tar.extractfile(name)
            assert f is not None
            h = hashlib.sha256()
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
            if h.hexdigest() != info["sha256"]:
                raise BackupError(f"{name}: checksum mismatch in the archive (damaged)")
        if deep and manifest["database"] == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                tar.extract("db/desk.sqlite", tmp, filter="data")
                eng = create_engine(f"sqlite:///{tmp}/db/desk.sqlite")
                with eng.connect() as conn:
                    if conn.execute(text("PRAGMA integrity_check")).scalar() != "ok":
                        raise BackupError("the database copy fails SQLite's integrity check")
                    if table_checksums(conn) != manifest["tables"]:
                        raise BackupError("the database copy's rows differ from the manifest")
                eng.dispose()
    return manifest


# ---------------------------------------------------------------- restore

def _is_empty(eng: Engine) -> bool:
    return not inspect(eng).get_table_names()


def restore(archive: Path, database_url: str, *, recordings_index: str = "", acd_journal_dir: str = "",
            force: bool = False) -> dict[str, Any]:
    """Rebuild a working desk database (and the recording index and acdcore journal, when
    given where to) from an archive on an empty machine; verify every table row by row."""
    started = time.time()
    manifest = verify(archive, deep=False)
    url = normalise_url(database_url)
    if url.get_backend_name() != manifest["database"] and not (manifest["database"] == "sqlite"):
        pass
    with tempfile.TemporaryDirectory(prefix="desk-restore-") as tmp:
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        root = Path(tmp)
        if url.get_backend_name() == "sqlite":
            target = Path(str(url.database))
            if target.exists() and target.stat().st_size > 0:
                eng0 = make_engine(url)
                empty = _is_empty(eng0)
                eng0.dispose()
                if not empty and not force:
                    raise BackupError(f"{target} holds a database: restore into an empty one (or --force)")
                for suffix in ("", "-wal", "-shm"):
                    Path(str(target) + suffix).unlink(missing_ok=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            if manifest["database"] != "sqlite":
                raise BackupError("a PostgreSQL backup restores into PostgreSQL (pg_restore); give a postgresql:// URL")
            shutil.copyfile(root / "db" / "desk.sqlite", str(target) + ".part")
            with open(str(target) + ".part", "rb") as f:
                os.fsync(f.fileno())
            os.replace(str(target) + ".part", target)
        else:
            if manifest["database"] != "postgresql":
                raise BackupError("a SQLite backup restores into SQLite; give a sqlite:/// URL")
            eng0 = make_engine(url)
            if not _is_empty(eng0):
                eng0.dispose()
                raise BackupError("the target PostgreSQL database has tables: restore into an empty database")
            eng0.dispose()
            r = subprocess.run([_pg_tool("pg_restore"), "--no-owner", "--exit-on-error", "-d", _libpq(url),
                                str(root / "db" / "desk.pgdump")], capture_output=True, text=True)
            if r.returncode != 0:
                raise BackupError(f"pg_restore failed: {r.stderr.strip()}")
        eng = make_engine(url)
        with eng.connect() as conn:
            got = table_checksums(conn)
        bad = sorted(t for t in manifest["tables"] if got.get(t) != manifest["tables"][t])
        if bad:
            eng.dispose()
            raise BackupError(f"restored tables differ from the backup: {bad}")
        rev = migrate.upgrade(eng)  # an archive of an older schema is brought up to date
        eng.dispose()
        if recordings_index and (root / "recordings" / "index.sqlite").exists():
            dest = Path(recordings_index)
            if dest.exists() and not force:
                raise BackupError(f"{dest} exists: the recording index restores to an empty place (or --force)")
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / "recordings" / "index.sqlite", dest)
            head = root / "recordings" / "index.sqlite.head"
            if head.exists():
                shutil.copyfile(head, str(dest) + ".head")
        if acd_journal_dir and (root / "acd" / "journal").exists():
            dest = Path(acd_journal_dir)
            if dest.exists() and any(dest.iterdir()) and not force:
                raise BackupError(f"{dest} is not empty: acdcore's journal restores to an empty directory")
            dest.mkdir(parents=True, exist_ok=True)
            for f in sorted((root / "acd" / "journal").iterdir()):
                shutil.copy2(f, dest / f.name)
    return {"archive": str(archive), "database": manifest["database"], "revision": rev,
            "tables": {t: v["rows"] for t, v in manifest["tables"].items()},
            "backup_created": manifest["created"], "seconds": round(time.time() - started, 3)}


__all__ = ["BackupError", "backup", "io", "read_manifest", "restore", "table_checksums", "verify"]
