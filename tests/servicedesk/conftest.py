"""Fixtures of the servicedesk tests: the database under test (SQLite, and PostgreSQL from a
throwaway cluster), a Desk object with a manual clock, and real servers in subprocesses.

Every database-backed test runs twice, ``[sqlite]`` and ``[postgresql]``. PostgreSQL comes from
Debian's postgresql package (.ci/apt/desk.txt); without it the [postgresql] cases are skipped,
unless SERVICEDESK_REQUIRE_PG=1 (then they fail).
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

sys.path.insert(0, str(HERE))

_counter = itertools.count(1)


def _new_url(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'desk.sqlite'}"
    cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"desk_{os.getpid()}_{next(_counter)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):  # type: ignore[no-untyped-def]
    return _new_url(request.param, tmp_path, request)


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def module_db_url(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    return _new_url(request.param, tmp_path_factory.mktemp("db"), request)


@pytest.fixture
def cfg(db_url):  # type: ignore[no-untyped-def]
    from servicedesk.config import Config

    c = Config()
    c.desk.database_url = db_url
    c.acd.enabled = False
    c.escalation.supervisors = ["sup1"]
    c.escalation.departments = {"repair": ["sup-repair"]}
    c.follow_up.delay = 3600.0
    return c


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    from servicedesk.clock import ManualClock

    return ManualClock()


@pytest.fixture
def db(cfg):  # type: ignore[no-untyped-def]
    from servicedesk.db import Database, migrate

    d = Database(cfg.desk.database_url)
    migrate.upgrade(d.engine)
    yield d
    d.close()
