"""Telemarketing campaigns: targets from a query and a CSV, do-not-call, calling hours, pacing
against a simulated Asterisk (ringing, answers, busy, no answer, answering machines, agents that
talk and record results), retries and spacing, reports, bad input."""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
import random

import pytest
from sqlalchemy import func, insert, select

from growth_harness import add_subscriber
from servicedesk.db.schema import subscriber_services
from servicedesk.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from servicedesk.growth.campaigns import (
    CampaignService,
    CampaignState,
    Dialer,
    DialMode,
    Outcome,
    Result,
    TargetState,
    within_hours,
)
from servicedesk.growth.schema import campaign_attempts, campaign_targets

_n = itertools.count(1)


class SimAsterisk:
    """Originates into a simulated world: each call rings 5-30 s, then is answered (50 %),
    not answered, busy or picked up by a machine; an answered call goes to an idle agent of the
    campaign (talk 60-400 s, then the agent records a result, 20 s wrap-up) or, with none idle,
    is dropped as abandoned. Everything in simulated time (the test's ManualClock)."""

    def __init__(self, clock, agents: int, seed: int = 1) -> None:
        self.clock = clock
        self.rng = random.Random(seed)
        self.agents = {f"agent{i}": 0.0 for i in range(agents)}  # free at
        self.events: list[tuple[float, int, str, tuple]] = []
        self.seq = itertools.count()
        self.placed: list[tuple[float, str, str]] = []  # (t, call_id, number)
        self.ringing: set[str] = set()
        self.max_ringing_over_idle: list[tuple[int, int]] = []
        self.abandoned = 0
        self.dialer: Dialer | None = None

    def idle(self) -> list[str]:
        return [a for a, t in self.agents.items() if t <= self.clock()]

    def originate(self, call_id, number, queue, campaign_id):
        self.placed.append((self.clock(), call_id, number))
        self.ringing.add(call_id)
        self.max_ringing_over_idle.append((len(self.ringing), len(self.idle())))
        x = self.rng.random()
        outcome = (Outcome.ANSWERED if x < 0.5 else Outcome.NO_ANSWER if x < 0.75 else
                   Outcome.BUSY if x < 0.85 else Outcome.MACHINE)
        ring = 5 + self.rng.random() * 25 if outcome != Outcome.BUSY else 2.0
        self.push(self.clock() + ring, "answer", (call_id, outcome))

    def push(self, t, kind, data):
        heapq.heappush(self.events, (t, next(self.seq), kind, data))

    def handle(self, kind, data, svc):
        if kind == "answer":
            call_id, outcome = data
            self.ringing.discard(call_id)
            if outcome != Outcome.ANSWERED:
                self.dialer.on_outcome(call_id, outcome)
                return
            idle = self.idle()
            if not idle:
                self.abandoned += 1
                self.dialer.on_outcome(call_id, Outcome.FAILED)
                return
            agent = idle[0]
            talk = 60 + self.rng.random() * 340
            self.agents[agent] = self.clock() + talk + 20
            self.dialer.on_outcome(call_id, Outcome.ANSWERED, agent)
            self.push(self.clock() + talk, "result", (call_id, agent))
        elif kind == "result":
            call_id, agent = data
            x = self.rng.random()
            if x < 0.2:
                svc.record_result(call_id, agent, Result.SALE, revenue_cents=3000)
            elif x < 0.4:
                svc.record_result(call_id, agent, Result.INTERESTED)
            elif x < 0.9:
                svc.record_result(call_id, agent, Result.NOT_INTERESTED)
            else:
                svc.record_result(call_id, agent, Result.CALL_BACK, callback_at=self.clock() + 7200)


def _campaign(svc, **kw):
    kw.setdefault("queue", "sales")
    kw.setdefault("hours", ("09:00", "20:00"))
    kw.setdefault("utc_offset", 8 * 3600)
    kw.setdefault("weekdays", "1111100")
    kw.setdefault("max_attempts", 3)
    kw.setdefault("retry_spacing", 1800.0)
    return svc.create(f"C{next(_n)}", script="Offer: broadband 100M for 50 yuan/month", **kw)


def _simulate(svc, cid, clock, sim, *, until, dnc_at=None):
    dialer = Dialer(svc, cid, sim)
    sim.dialer = dialer
    next_tick = clock()
    dnc_events = sorted(dnc_at or [])
    while clock() < until:
        t_ev = sim.events[0][0] if sim.events else math.inf
        t = min(t_ev, next_tick, dnc_events[0][0] if dnc_events else math.inf)
        if t >= until:
            break
        clock.set(max(t, clock()))
        if dnc_events and dnc_events[0][0] <= clock():
            svc.add_dnc(dnc_events.pop(0)[1], "asked not to be called")
            continue
        if sim.events and sim.events[0][0] <= clock():
            _t, _s, kind, data = heapq.heappop(sim.events)
            sim.handle(kind, data, svc)
        else:
            next_tick = clock() + 300  # a timer tick every 5 minutes besides the events
        dialer.tick(len(sim.idle()))
    return dialer


def test_progressive_pacing_hours_dnc_retries(sqlite_db, clock):
    db = sqlite_db
    svc = CampaignService(db, clock=clock)
    cid = _campaign(svc, pacing_ratio=1.0)
    numbers = [f"1380000{i:04d}" for i in range(120)]
    svc.add_dnc(numbers[5])
    svc.add_dnc(numbers[6])
    res = svc.import_csv(cid, "number,name\n" + "\n".join(f"{n},Person {i}" for i, n in enumerate(numbers)) + "\n")
    assert res == {"added": 118, "dnc": 2, "duplicate": 0}
    svc.set_state(cid, CampaignState.RUNNING)
    c = svc.get(cid)
    sim = SimAsterisk(clock, agents=6)
    start = clock()  # Thursday 2026-01-01 08:00 local: before the hours
    late_dnc = [(start + 3600 * 2, numbers[50]), (start + 3600 * 5, numbers[51])]
    _simulate(svc, cid, clock, sim, until=start + 5 * 86400, dnc_at=late_dnc)
    assert sim.placed, "nothing dialled"
    dnc_time = {numbers[5]: 0, numbers[6]: 0, **{n: t for t, n in late_dnc}}
    per_target: dict[str, list[float]] = {}
    for t, _call, number in sim.placed:
        assert within_hours(c, t), dt.datetime.utcfromtimestamp(t + 8 * 3600)
        local = dt.datetime.fromtimestamp(t + 8 * 3600, tz=dt.timezone.utc)
        assert local.weekday() < 5 and 9 <= local.hour < 20
        assert number not in dnc_time or t < dnc_time[number]
        per_target.setdefault(number, []).append(t)
    # pacing 1.0: never more calls ringing than idle agents, so no call is ever abandoned
    assert all(r <= i for r, i in sim.max_ringing_over_idle)
    assert sim.abandoned == 0
    # attempts and spacing
    rows = db.read_sync(lambda cn: {r.number: r for r in cn.execute(
        select(campaign_targets).where(campaign_targets.c.campaign_id == cid))})
    atts = db.read_sync(lambda cn: [r for r in cn.execute(
        select(campaign_attempts).where(campaign_attempts.c.campaign_id == cid).order_by(campaign_attempts.c.id))])
    by_target: dict[int, list] = {}
    for a in atts:
        by_target.setdefault(a.target_id, []).append(a)
    for tid, lst in by_target.items():
        # at most max_attempts unsuccessful attempts (an agreed call back does not count)
        assert sum(1 for a in lst if a.outcome != Outcome.ANSWERED) <= 3
        for prev, nxt in zip(lst, lst[1:]):
            if prev.outcome != Outcome.ANSWERED:  # a retry waits the spacing
                assert nxt.started_at - prev.ended_at >= 1800 - 1e-6
    assert {r.state for r in rows.values()} <= {TargetState.DONE, TargetState.EXHAUSTED, TargetState.DNC,
                                                  TargetState.PENDING}
    assert rows[numbers[5]].state == TargetState.DNC
    rep = svc.report(cid)
    assert rep["attempts"] == len(sim.placed)
    assert rep["contacts"] == sum(a["contacts"] for a in rep["agents"]) > 0
    assert rep["revenue_cents"] == 3000 * rep["sales"]
    assert CampaignService.report_csv(rep).splitlines()[-1].startswith("TOTAL,")
    assert CampaignService.report_svg(rep).lstrip().startswith("<svg")


def test_pacing_ratio_two_bounds_ringing(sqlite_db, clock):
    svc = CampaignService(sqlite_db, clock=clock)
    cid = _campaign(svc, pacing_ratio=2.0, hours=("00:00", "24:00"), weekdays="1111111")
    svc.import_csv(cid, "\n".join(f"1370000{i:04d}" for i in range(80)))
    svc.set_state(cid, CampaignState.RUNNING)
    sim = SimAsterisk(clock, agents=4, seed=3)
    _simulate(svc, cid, clock, sim, until=clock() + 4 * 3600)
    assert sim.placed and all(r <= 2 * i for r, i in sim.max_ringing_over_idle)
    assert max(r for r, _ in sim.max_ringing_over_idle) > 4  # it does over-dial


def test_calls_to_place_decisions():
    f = Dialer.calls_to_place
    assert f(DialMode.PROGRESSIVE, 1.0, 5, 2) == 3
    assert f(DialMode.PROGRESSIVE, 1.5, 3, 0) == 4
    assert f(DialMode.PROGRESSIVE, 2.0, 0, 0) == 0
    assert f(DialMode.PROGRESSIVE, 1.0, 2, 5) == 0
    assert f(DialMode.PREVIEW, 1.0, 3, 0, previews_accepted=1) == 1
    assert f(DialMode.PREVIEW, 1.0, 3, 1, previews_accepted=1) == 0


def test_never_outside_hours_or_paused(sqlite_db, clock):
    svc = CampaignService(sqlite_db, clock=clock)
    cid = _campaign(svc, hours=("10:00", "12:00"))
    svc.import_csv(cid, "13600000001\n13600000002\n")
    calls = []

    class Rec:
        def originate(self, *a):
            calls.append((clock(), *a))

    d = Dialer(svc, cid, Rec())
    assert d.tick(5) == []  # DRAFT
    svc.set_state(cid, CampaignState.RUNNING)
    clock.set(dt.datetime(2026, 1, 1, 9, 59, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp())
    assert d.tick(5) == [] and svc.claim_targets(cid, 5) == []
    clock.advance(60)
    assert len(d.tick(1)) == 1
    svc.set_state(cid, CampaignState.PAUSED)
    assert d.tick(5) == []
    svc.set_state(cid, CampaignState.RUNNING)
    clock.set(dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp())
    assert d.tick(5) == []
    clock.set(dt.datetime(2026, 1, 3, 11, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp())  # Saturday
    assert d.tick(5) == []
    assert len(calls) == 1


def test_query_targets_digital_without_broadband(db, clock):
    svc = CampaignService(db, clock=clock)
    sids = []
    for i in range(4):
        sids.append(add_subscriber(db, f"QT{next(_n):06d}", f"4400{next(_n):08d}", phone=f"1350000{i:04d}"))
    db.write_sync(lambda c: c.execute(insert(subscriber_services).values(subscriber_id=sids[1], kind=3,
                                                                         product="100M", since_at=0)))
    add_subscriber(db, f"QT{next(_n):06d}", "", phone="13500009999")  # no digital TV
    cid = _campaign(svc)
    svc.add_dnc("13500000002")
    assert svc.import_query(cid) == {"added": 2, "dnc": 1, "duplicate": 0}
    assert svc.import_query(cid)["duplicate"] == 3


def test_bad_input_specific_errors_nothing_written(sqlite_db, clock):
    db = sqlite_db
    svc = CampaignService(db, clock=clock)
    for kw, field in ((dict(name="bad name"), "name"), (dict(queue=""), "queue"),
                      (dict(hours=("25:00", "26:00")), "hours_start"), (dict(hours=("10:00", "09:00")), "hours_end"),
                      (dict(utc_offset=99 * 3600), "utc_offset"), (dict(weekdays="0000000"), "weekdays"),
                      (dict(max_attempts=0), "max_attempts"), (dict(retry_spacing=-1), "retry_spacing"),
                      (dict(mode=7), "mode"), (dict(pacing_ratio=0.5), "pacing_ratio"),
                      (dict(pacing_ratio=float("nan")), "pacing_ratio")):
        args = dict(name="OK", queue="sales")
        args.update(kw)
        with pytest.raises(InvalidArgument) as ei:
            svc.create(args.pop("name"), **args)
        assert ei.value.field == field, kw
    from servicedesk.growth.schema import campaigns
    assert db.read_sync(lambda c: c.execute(select(func.count()).select_from(campaigns)).scalar()) == 0
    cid = _campaign(svc)
    with pytest.raises(AlreadyExists):
        svc.create(svc.get(cid)["name"], queue="q")
    with pytest.raises(InvalidArgument) as ei:
        svc.import_csv(cid, "13800000001\nnot-a-number\n")
    assert ei.value.details["line"] == "2"
    assert db.read_sync(lambda c: c.execute(select(func.count()).select_from(campaign_targets)).scalar()) == 0
    with pytest.raises(NotFound):
        svc.import_csv(999, "13800000001\n")
    with pytest.raises(InvalidArgument):
        svc.add_dnc("x")
    with pytest.raises(FailedPrecondition):
        svc.set_state(cid, CampaignState.DONE)  # DRAFT cannot end
    svc.import_csv(cid, "13800000001\n")
    svc.set_state(cid, CampaignState.RUNNING)
    clock.set(dt.datetime(2026, 1, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp())
    (t,) = svc.claim_targets(cid, 5)
    with pytest.raises(FailedPrecondition) as ei:
        svc.record_result(t["call_id"], "a1", Result.SALE)
    assert ei.value.reason == "CALL_NOT_ANSWERED"
    svc.call_ended(t["call_id"], Outcome.ANSWERED, agent_id="a1")
    for kw, field in ((dict(result=9), "result"), (dict(revenue_cents=-1), "revenue_cents"),
                      (dict(result=Result.NOT_INTERESTED, revenue_cents=5), "revenue_cents"),
                      (dict(result=Result.CALL_BACK), "callback_at"),
                      (dict(result=Result.CALL_BACK, callback_at=clock() - 5), "callback_at"),
                      (dict(agent_id=""), "agent_id")):
        args = dict(agent_id="a1", result=Result.SALE)
        args.update(kw)
        with pytest.raises(InvalidArgument) as ei:
            svc.record_result(t["call_id"], args.pop("agent_id"), args.pop("result"), **args)
        assert ei.value.field == field, kw
    assert db.read_sync(lambda c: c.execute(select(campaign_attempts.c.result)).scalar()) is None
    with pytest.raises(NotFound):
        svc.call_ended("nope", Outcome.BUSY)
    with pytest.raises(InvalidArgument):
        svc.call_ended(t["call_id"], 42)
    svc.record_result(t["call_id"], "a1", Result.SALE, revenue_cents=5000)
    with pytest.raises(FailedPrecondition) as ei:
        svc.record_result(t["call_id"], "a1", Result.SALE)
    assert ei.value.reason == "RESULT_ALREADY_RECORDED"


def test_campaign_report_cli(tmp_path, clock):
    import json
    import subprocess
    import sys

    from growth_harness import open_db

    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    db = open_db(url)
    svc = CampaignService(db, clock=clock)
    cid = svc.create("CLIREP", queue="sales", hours=("00:00", "24:00"), weekdays="1111111")
    svc.import_csv(cid, "13800000001\n")
    svc.set_state(cid, CampaignState.RUNNING)
    (t,) = svc.claim_targets(cid, 1)
    svc.call_ended(t["call_id"], Outcome.ANSWERED, agent_id="a7")
    svc.record_result(t["call_id"], "a7", Result.SALE, revenue_cents=4500)
    db.close()
    r = subprocess.run([sys.executable, "-m", "servicedesk", "campaigns", "report", "--db", url, "--name", "CLIREP",
                        "--out", str(tmp_path / "rep")], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["revenue_cents"] == 4500
    assert (tmp_path / "rep" / "campaign-CLIREP.csv").read_text().splitlines()[1].startswith("a7,1,1,")
    assert "<svg" in (tmp_path / "rep" / "campaign-CLIREP.svg").read_text()
    r = subprocess.run([sys.executable, "-m", "servicedesk", "campaigns", "report", "--db", url, "--name", "NONE",
                        "--out", str(tmp_path / "rep")], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "no campaign" in r.stderr
