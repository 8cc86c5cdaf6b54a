"""Growth services (issue 7), pytest-benchmark:

    .venv/bin/python -m pytest benchmarks/bench_growth.py -p no:cacheprovider \
        --benchmark-json=bench-results/growth.json
    .venv/bin/python benchmarks/report.py bench-results/growth.json

* orders/s through the saga: place + authorise (bank simulator) + entitle (SMS simulator) +
  capture, each step journaled, SQLite file database, the simulators as processes on loopback
  with no injected latency; one client thread (per-order latency p50/p99) and four threads;
* card redemptions/s under contention: every card redeemed by two threads at once (exactly one
  wins), four threads, the production PIN hash (scrypt n=2^14, r=8) — the hash dominates;
* campaign dialer decisions/s: the pacing decision alone, and a full dialer tick (decision +
  claiming a target in the database + compliance re-check + originate to a null originator).

Wall time is measured and reported in extra_info, never asserted.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "growth"))

from growth_harness import add_subscriber, open_db  # noqa: E402

from servicedesk.clock import ManualClock  # noqa: E402
from servicedesk.errors import FailedPrecondition  # noqa: E402
from servicedesk.growth.adapters import BankClient, SmsClient  # noqa: E402
from servicedesk.growth.campaigns import CampaignService, CampaignState, Dialer, DialMode  # noqa: E402
from servicedesk.growth.cards import BatchState, CardService  # noqa: E402
from servicedesk.growth.orders import SelfService  # noqa: E402
from servicedesk.growth.saga import SagaRunner  # noqa: E402
from servicedesk.sims.launch import SimProcess  # noqa: E402

_n = itertools.count(1)


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def _info(benchmark, lat_s: list[float], ops: int, wall: float, **extra) -> None:
    benchmark.extra_info.update({"p50_ns": int(statistics.median(lat_s) * 1e9), "p99_ns": int(_pct(lat_s, 0.99) * 1e9),
                                 "ops_per_s": round(ops / wall, 1), "ops": ops, **extra})


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    db = open_db(f"sqlite:///{tmp_path_factory.mktemp('gbench') / 'growth.sqlite'}")
    with SimProcess("sms") as s, SimProcess("bank") as b:
        sms, bank = SmsClient(s.host, s.port), BankClient(b.host, b.port)
        runner = SagaRunner(db, sms, bank)
        ss = SelfService(db, runner)
        ss.seed_packages()
        yield {"db": db, "ss": ss, "bank_sim": b, "sms": sms, "bank": bank}
        sms.close()
        bank.close()
    db.close()


def _customers(world, n):
    out = []
    for _ in range(n):
        i = next(_n)
        acct, card, bacct = f"BN{i:07d}", f"5500{i:08d}", f"44{i:010d}"
        add_subscriber(world["db"], acct, card)
        world["bank_sim"].call("open_account", account=bacct, balance=10**9, key=f"open-{bacct}")
        out.append((acct, card, bacct))
    return out


@pytest.mark.parametrize("threads", [1, 4])
def test_saga_orders(benchmark, world, threads):
    n = 150
    custs = _customers(world, n)
    lat: list[float] = []
    lock = threading.Lock()

    def one(c):
        t0 = time.perf_counter()
        o = world["ss"].order_package(c[0], c[1], "SPORTS", c[2])
        dt_ = time.perf_counter() - t0
        assert o["state_name"] == "COMPLETED"
        with lock:
            lat.append(dt_)

    def run():
        with ThreadPoolExecutor(threads) as ex:
            list(ex.map(one, custs))

    t0 = time.perf_counter()
    benchmark.pedantic(run, rounds=1, iterations=1)
    _info(benchmark, lat, n, time.perf_counter() - t0, threads=threads, db="sqlite")


def test_card_redemptions_contended(benchmark, world):
    db, clock = world["db"], ManualClock(time.time())
    svc = CardService(db, clock=clock)  # production scrypt parameters
    name = f"BENCH{next(_n)}"
    n_cards = 40
    _, cards = svc.generate_batch(name, n_cards, face_value_cents=1000, expires_at=clock() + 86400)
    svc.set_batch_state(name, BatchState.ACTIVE)
    subs = []
    for k in range(2):
        i = next(_n)
        acct = f"RD{i:07d}"
        add_subscriber(db, acct, f"3300{i:08d}", phone=f"1330000{i:04d}")
        subs.append((acct, f"1330000{i:04d}"))
    from servicedesk.growth.cards import Limits
    svc.limits = Limits(rate_attempts=10**6)
    lat: list[float] = []
    wins, losses = [0], [0]
    lock = threading.Lock()

    def attempt(job):
        (serial, pin), (acct, phone) = job
        t0 = time.perf_counter()
        try:
            svc.redeem(serial, pin, caller=phone, account_number=acct)
            won = True
        except FailedPrecondition:
            won = False
        d = time.perf_counter() - t0
        with lock:
            lat.append(d)
            (wins if won else losses)[0] += 1

    jobs = [(c, s) for c in cards for s in subs]  # each card by both subscribers, adjacent

    def run():
        with ThreadPoolExecutor(4) as ex:
            list(ex.map(attempt, jobs))

    t0 = time.perf_counter()
    benchmark.pedantic(run, rounds=1, iterations=1)
    wall = time.perf_counter() - t0
    assert wins[0] == n_cards and losses[0] == n_cards
    _info(benchmark, lat, n_cards, wall, attempts=len(jobs), attempts_per_s=round(len(jobs) / wall, 1),
          hash="scrypt n=16384 r=8 p=1", db="sqlite")


def test_dialer_decision(benchmark):
    f = Dialer.calls_to_place
    args = [(DialMode.PROGRESSIVE, 1.5, i % 20, i % 7) for i in range(1000)]

    def run():
        for a in args:
            f(*a)

    benchmark(run)
    per = benchmark.stats.stats.median / len(args)
    lat = []
    for a in args * 20:
        t0 = time.perf_counter_ns()
        f(*a)
        lat.append((time.perf_counter_ns() - t0) / 1e9)
    benchmark.extra_info.update({"p50_ns": int(per * 1e9), "p99_ns": int(_pct(lat, 0.99) * 1e9),
                                 "ops_per_s": round(1 / per, 1)})


def test_dialer_tick(benchmark, world):
    db = world["db"]
    clock = ManualClock(dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp())
    svc = CampaignService(db, clock=clock)
    cid = svc.create(f"BENCH{next(_n)}", queue="sales", hours=("00:00", "24:00"), weekdays="1111111")
    svc.import_csv(cid, "\n".join(f"1320{i:07d}" for i in range(3000)))
    svc.add_dnc("13200000007")
    svc.set_state(cid, CampaignState.RUNNING)

    class Null:
        def originate(self, *a):
            pass

    d = Dialer(svc, cid, Null())
    lat: list[float] = []

    def tick():
        t0 = time.perf_counter()
        d.ringing.clear()
        d.tick(1)
        lat.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    benchmark.pedantic(tick, rounds=2000, iterations=1)
    _info(benchmark, lat, len(lat), time.perf_counter() - t0, db="sqlite")
