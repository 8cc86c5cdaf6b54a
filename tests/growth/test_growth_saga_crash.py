"""kill -9 of the saga worker at every step (after the step's begin is journaled, and after the
remote system answered but before the answer is journaled), then a restart with --recover:
every order ends consistent (never charged without the package, never entitled without paying)
and the journal shows every step that ran."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from growth_harness import add_subscriber, open_db
from servicedesk.growth.adapters import BankClient, SmsClient
from servicedesk.growth.orders import SelfService
from servicedesk.growth.saga import TERMINAL, OrderState, SagaRunner, check_consistency, key
from servicedesk.growth.schema import order_steps
from servicedesk.sims.launch import SimProcess

_n = itertools.count(1)

# (crash point, scenario, final state)
POINTS = [
    ("authorize:begin", "ok", OrderState.COMPLETED),
    ("authorize:called", "ok", OrderState.COMPLETED),
    ("entitle:begin", "ok", OrderState.COMPLETED),
    ("entitle:called", "ok", OrderState.COMPLETED),
    ("capture:begin", "ok", OrderState.COMPLETED),
    ("capture:called", "ok", OrderState.COMPLETED),
    ("entitle:called", "blocked", OrderState.FAILED),
    ("deentitle:begin", "blocked", OrderState.FAILED),
    ("deentitle:called", "blocked", OrderState.FAILED),
    ("void:begin", "blocked", OrderState.FAILED),
    ("void:called", "blocked", OrderState.FAILED),
    ("refund:begin", "capture_lost", OrderState.FAILED),
    ("refund:called", "capture_lost", OrderState.FAILED),
]


def _world(url):
    db = open_db(url)
    with SimProcess("sms") as sms_sim, SimProcess("bank") as bank_sim:
        sms = SmsClient(sms_sim.host, sms_sim.port, timeout=2.0)
        bank = BankClient(bank_sim.host, bank_sim.port, timeout=2.0)
        ss = SelfService(db, SagaRunner(db, sms, bank))
        ss.seed_packages()
        yield {"url": url, "db": db, "sms_sim": sms_sim, "bank_sim": bank_sim, "sms": sms, "bank": bank, "ss": ss}
        sms.close()
        bank.close()
    db.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    yield from _world(f"sqlite:///{tmp_path_factory.mktemp('crash') / 'growth.sqlite'}")


@pytest.fixture(scope="module")
def pg_world(pg_cluster):
    yield from _world(pg_cluster.create_database(f"growth_crash_{os.getpid()}"))


def _worker(world, *args, timeout=120):
    cmd = [sys.executable, "-m", "servicedesk.growth.worker", "--db", world["url"],
           "--sms", f"127.0.0.1:{world['sms_sim'].port}", "--bank", f"127.0.0.1:{world['bank_sim'].port}",
           "--timeout", "0.3", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("point,scenario,final", POINTS, ids=[f"{p}-{s}" for p, s, _ in POINTS])
def test_kill9_at_step_then_recover(world, point, scenario, final):
    _crash_and_recover(world, point, scenario, final)


PG_POINTS = [POINTS[1], POINTS[3], POINTS[5], POINTS[8], POINTS[12]]


@pytest.mark.parametrize("point,scenario,final", PG_POINTS, ids=[f"{p}-{s}" for p, s, _ in PG_POINTS])
def test_kill9_at_step_then_recover_postgresql(pg_world, point, scenario, final):
    """The same on PostgreSQL, at the points after each remote system answered."""
    _crash_and_recover(pg_world, point, scenario, final)


def _crash_and_recover(world, point, scenario, final):
    db, ss = world["db"], world["ss"]
    i = next(_n)
    acct, card, bacct = f"CR{i:06d}", f"7700{i:08d}", f"55{i:010d}"
    add_subscriber(db, acct, card)
    world["bank_sim"].call("open_account", account=bacct, balance=50_000, key=f"open-{bacct}")
    if scenario == "blocked":
        world["sms_sim"].call("block_card", card=card, key=f"block-{card}")
    elif scenario == "capture_lost":
        world["bank_sim"].call("_fail_next", target="capture", mode="lost", count=4)
    oid = ss.place_order(acct, card, "SPORTS", bacct)

    crashed = _worker(world, "--order", str(oid), "--crash-at", point)
    assert crashed.returncode == -9, crashed.stderr[-2000:]
    assert OrderState(ss.order(oid)["state"]) not in TERMINAL

    done = _worker(world, "--recover")
    assert done.returncode == 0, done.stderr[-2000:]
    assert {"order": oid, "state": final.name} in [json.loads(x) for x in done.stdout.splitlines()]
    o = ss.order(oid)
    assert OrderState(o["state"]) == final
    assert check_consistency(db, world["sms"], world["bank"]) == []
    pay = world["bank"].status(key(oid, "authorize"))
    has = "SPORTS" in world["sms"].entitlements(card)
    if final == OrderState.COMPLETED:
        assert pay == "captured" and has
    else:
        assert pay in ("voided", "refunded", "none") and not has
    # the journal: the crashed step's begin is there, and it was run again to a result
    step = point.split(":")[0]
    steps = db.read_sync(lambda c: [(r.step, r.phase) for r in c.execute(
        select(order_steps).where(order_steps.c.order_id == oid).order_by(order_steps.c.id))])
    begins = [s for s in steps if s == (step, "begin")]
    assert len(begins) >= 2, steps
    assert any(s[0] == step and s[1] in ("ok", "refused") for s in steps), steps
    assert steps[-1] == ("state", "state")
