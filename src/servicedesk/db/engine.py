"""Engines and transactions: SQLite by default, PostgreSQL by URL.

SQLite runs in WAL mode with foreign keys on; a write transaction starts with BEGIN IMMEDIATE
(it takes the write lock at once, so two writers never deadlock on a lock upgrade) and the
desk funnels its writes through one writer thread anyway. ``synchronous`` is NORMAL by default:
a committed transaction survives a crash of the desk process (kill -9) because the WAL is in the
OS page cache; FULL (config ``sqlite_synchronous``) makes it survive a power cut too, at an
fsync per commit. PostgreSQL uses psycopg 3 at READ COMMITTED; lost updates are prevented by
the version columns (``UPDATE ... WHERE id = ? AND version = ?``), not by isolation.
"""

from __future__ import annotations

import asyncio
import functools
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool, StaticPool

T = TypeVar("T")


def normalise_url(url: str | URL) -> URL:
    """``sqlite:///path`` or ``postgresql://...`` (driver psycopg 3 unless one is named)."""
    u = make_url(url) if isinstance(url, str) else url
    if u.get_backend_name() == "postgresql" and u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")
    if u.get_backend_name() not in ("sqlite", "postgresql"):
        raise ValueError(f"unsupported database {u.get_backend_name()!r}: use sqlite:/// or postgresql://")
    return u


def make_engine(url: str | URL, *, sqlite_synchronous: str = "NORMAL", pool_size: int = 8,
                echo: bool = False) -> Engine:
    u = normalise_url(url)
    if u.get_backend_name() == "sqlite":
        memory = u.database in (None, "", ":memory:")
        if not memory and u.database:
            os.makedirs(os.path.dirname(os.path.abspath(u.database)) or ".", exist_ok=True)
        eng = create_engine(u, echo=echo, connect_args={"check_same_thread": False, "timeout": 30},
                            poolclass=StaticPool if memory else None,
                            **({} if memory else {"pool_size": pool_size, "max_overflow": 4}))
        sync = sqlite_synchronous.upper()
        if sync not in ("OFF", "NORMAL", "FULL", "EXTRA"):
            raise ValueError(f"sqlite_synchronous must be OFF, NORMAL, FULL or EXTRA, not {sqlite_synchronous!r}")

        @event.listens_for(eng, "connect")
        def _on_connect(dbapi_conn: Any, _rec: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
            cur = dbapi_conn.cursor()
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA synchronous={sync}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA cache_size=-65536")
            cur.execute("PRAGMA temp_store=MEMORY")
            cur.close()

        @event.listens_for(eng, "begin")
        def _on_begin(conn: Connection) -> None:
            mode = "BEGIN IMMEDIATE" if conn.get_execution_options().get("desk_write") else "BEGIN"
            conn.exec_driver_sql(mode)

        return eng
    return create_engine(u, echo=echo, pool_size=pool_size, max_overflow=4, pool_pre_ping=True,
                         isolation_level="READ COMMITTED")


class Database:
    """An engine and two thread pools: one for writes (one thread on SQLite), one for reads.

    ``await db.write(fn, *args)`` runs ``fn(conn, *args)`` in one transaction on the writer
    pool and commits (or rolls back if it raises); ``db.read`` the same for queries. The
    sync variants (``write_sync``/``read_sync``) run in the calling thread.
    """

    def __init__(self, url: str | URL, *, sqlite_synchronous: str = "NORMAL", readers: int = 4,
                 writers: int | None = None, echo: bool = False) -> None:
        self.url = normalise_url(url)
        self.kind = self.url.get_backend_name()
        self.engine = make_engine(self.url, sqlite_synchronous=sqlite_synchronous, echo=echo,
                                  pool_size=max(readers + (writers or 1) + 2, 5))
        self._writer_engine = self.engine.execution_options(desk_write=True)
        nw = writers if writers is not None else (1 if self.kind == "sqlite" else 4)
        self._writers = ThreadPoolExecutor(nw, thread_name_prefix="desk-db-w")
        self._readers = ThreadPoolExecutor(readers, thread_name_prefix="desk-db-r")
        self._local = threading.local()

    @property
    def is_sqlite(self) -> bool:
        return self.kind == "sqlite"

    def write_sync(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        with self._writer_engine.begin() as conn:
            return fn(conn, *args, **kw)

    def read_sync(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        with self.engine.connect() as conn:
            try:
                return fn(conn, *args, **kw)
            finally:
                conn.rollback()

    async def write(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writers, functools.partial(self.write_sync, fn, *args, **kw))

    async def read(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._readers, functools.partial(self.read_sync, fn, *args, **kw))

    def close(self) -> None:
        self._writers.shutdown(wait=True)
        self._readers.shutdown(wait=True)
        self.engine.dispose()


__all__ = ["Database", "NullPool", "make_engine", "normalise_url"]
