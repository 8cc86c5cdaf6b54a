"""Fixtures of the growth-service tests: databases (SQLite, and PostgreSQL from the throwaway
cluster of tests/servicedesk/desk_pg.py), the SMS and bank simulators as processes, a saga
runner and the self-service API over them."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent

sys.path.insert(0, str(HERE))
sys.path.insert(0, str(TESTS / "servicedesk"))


_counter = itertools.count(1)


def new_url(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'growth.sqlite'}"
    cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"growth_{os.getpid()}_{next(_counter)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):  # type: ignore[no-untyped-def]
    return new_url(request.param, tmp_path, request)


@pytest.fixture
def sqlite_url(tmp_path):  # type: ignore[no-untyped-def]
    return f"sqlite:///{tmp_path / 'growth.sqlite'}"


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    from servicedesk.clock import ManualClock

    return ManualClock()


@pytest.fixture
def db(db_url):  # type: ignore[no-untyped-def]
    from growth_harness import open_db

    d = open_db(db_url)
    yield d
    d.close()


@pytest.fixture
def sqlite_db(sqlite_url):  # type: ignore[no-untyped-def]
    from growth_harness import open_db

    d = open_db(sqlite_url)
    yield d
    d.close()


@pytest.fixture
def sms_sim():  # type: ignore[no-untyped-def]
    from servicedesk.sims.launch import SimProcess

    with SimProcess("sms") as s:
        yield s


@pytest.fixture
def bank_sim():  # type: ignore[no-untyped-def]
    from servicedesk.sims.launch import SimProcess

    with SimProcess("bank") as s:
        yield s


@pytest.fixture
def adapters(sms_sim, bank_sim):  # type: ignore[no-untyped-def]
    from servicedesk.growth.adapters import BankClient, SmsClient

    sms = SmsClient(sms_sim.host, sms_sim.port, timeout=0.5)
    bank = BankClient(bank_sim.host, bank_sim.port, timeout=0.5)
    yield sms, bank
    sms.close()
    bank.close()
