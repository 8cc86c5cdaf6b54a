"""A simulated busy hour of the Daqing cable-TV hotline, in process (``python -m acdcore.demo``).

A discrete-event simulation drives one :class:`acdcore.Core` on simulated time: callers dial
the hotline 96123, prefix analysis decides their class (long-distance callers get PRIORITY),
the IVR sends them to a queue, they wait (and some give up), agents ring, answer (or let it
ring out), talk, sometimes transfer, and wrap up. It prints a progress line every simulated
five minutes and the per-queue statistics at the end. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import heapq
import math
import random
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable, TextIO

from . import (
    AgentConfig,
    CallState,
    Core,
    EventType,
    PenaltyRule,
    Priority,
    QueueConfig,
    Route,
    RouteField,
    Strategy,
)
from .errors import AcdError, CallEndedError, StaleOfferError, UnknownCallError

HOTLINE = "96123"

#: (queue, share of IVR choices, median talk seconds, wrap-up seconds)
SERVICES = [
    ("inquiry", 0.30, 110.0, 10.0),
    ("fees", 0.25, 140.0, 15.0),
    ("repair", 0.25, 230.0, 30.0),
    ("complaints", 0.10, 300.0, 40.0),
    ("orders", 0.10, 180.0, 20.0),
]
LABELS = {"inquiry": "general inquiry", "fees": "fees & account", "repair": "fault repair",
          "complaints": "complaints & suggestions", "orders": "service orders", "escalation": "transfers"}


def hotline_queues() -> list[QueueConfig]:
    rules = (PenaltyRule(30.0, 1), PenaltyRule(90.0, 2))
    return [
        QueueConfig("escalation", wrap_up=30.0, offer_timeout=15.0, weight=2.0, max_penalty=0,
                    penalty_rules=rules),
        QueueConfig("inquiry", wrap_up=10.0, offer_timeout=15.0, max_penalty=0, penalty_rules=rules,
                    overflow_after=600.0, overflow_target="escalation"),
        QueueConfig("fees", wrap_up=15.0, offer_timeout=15.0, max_penalty=0, penalty_rules=rules),
        QueueConfig("repair", wrap_up=30.0, offer_timeout=15.0, weight=1.5, max_penalty=0, penalty_rules=rules,
                    skills={"broadband": 1}),
        QueueConfig("complaints", wrap_up=40.0, offer_timeout=20.0, weight=1.5, strategy=Strategy.HIGHEST_SKILL,
                    max_penalty=0, penalty_rules=rules, skills={"complaints": 3}),
        QueueConfig("orders", wrap_up=20.0, offer_timeout=15.0, max_penalty=0, penalty_rules=rules),
    ]


def hotline_routes() -> list[Route]:
    return [
        Route(HOTLINE, RouteField.DIALLED, menu="main", label="the hotline"),
        Route("0459", RouteField.CALLER, priority=Priority.NORMAL, label="Daqing landline"),
        Route("_0X.", RouteField.CALLER, priority=Priority.PRIORITY, label="long distance"),
        Route("_1[3-9]XXXXXXXXX", RouteField.CALLER, priority=Priority.NORMAL, label="mobile"),
        Route("_0459110.", RouteField.CALLER, reject="blocked: repeated nuisance calls", label="blocked"),
    ]


def hotline_agents(n: int, rng: random.Random) -> list[AgentConfig]:
    agents = []
    for i in range(n):
        kind = i % 6
        skills: dict[str, int] = {}
        if kind == 0:  # general desk
            queues = {"inquiry": 0, "fees": 1, "orders": 1}
        elif kind == 1:  # service-order desk
            queues = {"orders": 0, "inquiry": 1}
        elif kind == 2:  # billing desk
            queues = {"fees": 0, "inquiry": 1, "escalation": 2}
        elif kind in (3, 4):  # technicians
            skills = {"broadband": rng.randint(3, 9), "digital_tv": rng.randint(3, 9)}
            queues = {"repair": 0, "inquiry": 2, "escalation": 1}
        else:  # seniors: complaints and transfers
            skills = {"complaints": rng.randint(5, 10), "broadband": rng.randint(1, 5)}
            queues = {"complaints": 0, "escalation": 0, "repair": 2}
        agents.append(AgentConfig(f"agent{i + 1:03d}", skills=skills, queues=queues))
    return agents


@dataclass(order=True)
class _Ev:
    t: float
    n: int
    fn: Callable[[], None] = field(compare=False)


class BusyHour:
    def __init__(self, *, seed: int, callers: int, agents: int, hours: float, out: TextIO) -> None:
        self.rng = random.Random(seed)
        self.t = 0.0
        self.core = Core(clock=lambda: self.t, seed=seed)
        self.out = out
        self.callers = callers
        self.hours = hours
        self.agenda: list[_Ev] = []
        self.n = 0
        self.talk: dict[str, float] = {}
        self.rejected = 0
        self.blocked = 0
        self.priority_calls = 0
        for q in hotline_queues():
            self.core.create_queue(q)
        self.core.replace_routes(hotline_routes())
        self.agent_ids = []
        for a in hotline_agents(agents, self.rng):
            self.core.add_agent(a)
            self.agent_ids.append(a.id)

    # --- simulation plumbing ---------------------------------------------------------
    def at(self, t: float, fn: Callable[[], None]) -> None:
        self.n += 1
        heapq.heappush(self.agenda, _Ev(t, self.n, fn))

    def run(self) -> None:
        end = self.hours * 3600.0
        for i, a in enumerate(self.agent_ids):
            self.at(self.rng.uniform(0, 60), lambda a=a: self.login(a))
            if i % 7 == 3:  # a few breaks in the busy hour
                start = self.rng.uniform(900, 2400)
                self.at(start, lambda a=a: self.pause(a, "training" if self.rng.random() < 0.3 else "break"))
                self.at(start + self.rng.uniform(300, 900), lambda a=a: self.ready(a))
        # arrivals: a Poisson process whose rate peaks mid-hour (a busy hour)
        t = 60.0
        base = self.callers / (end - 60.0)
        while True:
            rate = base * (0.6 + 0.8 * math.sin(math.pi * (t - 60.0) / (end - 60.0)) ** 2)
            t += self.rng.expovariate(rate)
            if t >= end - 60.0:
                break
            self.at(t, self.new_caller)
        next_report = 300.0
        while self.agenda or self.core.next_timer() is not None:
            nt = self.core.next_timer()
            if self.agenda and (nt is None or self.agenda[0].t <= nt):
                ev = heapq.heappop(self.agenda)
                self.t = max(self.t, ev.t)
                while self.t >= next_report:
                    self.report(next_report)
                    next_report += 300.0
                ev.fn()
            else:
                assert nt is not None
                if nt > end + 3600:
                    break
                self.t = max(self.t, nt)
                self.core.advance()
            self.handle_events()
        self.t += 1.0
        self.core.advance()
        self.handle_events()

    # --- agents --------------------------------------------------------------------
    def login(self, agent: str) -> None:
        self.core.login(agent)

    def pause(self, agent: str, reason: str) -> None:
        try:
            self.core.pause(agent, reason)
        except AcdError:  # busy: try again after this call
            self.at(self.t + 60.0, lambda: self.pause(agent, reason))

    def ready(self, agent: str) -> None:
        try:
            self.core.set_ready(agent)
        except AcdError:
            pass

    def handle_events(self) -> None:
        for e in self.core.read_events():
            if e.type == EventType.CALL_OFFERED:
                self.on_offer(e.offer_id, e.call_id, e.agent_id, e.queue)

    def on_offer(self, offer_id: int, call_id: str, agent: str, queue: str) -> None:
        if self.rng.random() < 0.04:
            return  # the agent is away from the desk: the offer rings out
        answer = self.t + self.rng.uniform(2.0, 7.0)

        def pick_up() -> None:
            try:
                self.core.accept(offer_id)
            except (StaleOfferError, UnknownCallError, CallEndedError):
                return  # the caller hung up meanwhile
            median = dict((s[0], s[2]) for s in SERVICES).get(queue, 200.0)
            talk = self.rng.lognormvariate(math.log(median), 0.45)
            self.at(self.t + talk, lambda: self.hang_up(call_id, queue))

        self.at(answer, pick_up)

    def hang_up(self, call_id: str, queue: str) -> None:
        try:
            if queue == "repair" and self.rng.random() < 0.06:
                self.core.transfer(call_id, "escalation")  # a blind transfer to the seniors
            else:
                self.core.complete(call_id)
        except AcdError:
            pass

    # --- callers -------------------------------------------------------------------
    def caller_number(self) -> str:
        r = self.rng.random()
        if r < 0.60:
            return "0459" + str(self.rng.choice("2345678")) + "".join(self.rng.choice("0123456789") for _ in range(6))
        if r < 0.80:
            return "1" + self.rng.choice("3589") + "".join(self.rng.choice("0123456789") for _ in range(9))
        if r < 0.995:
            area = self.rng.choice(["010", "021", "0451", "0452", "0453", "024", "0411"])
            return area + "".join(self.rng.choice("0123456789") for _ in range(8))
        return "04591100" + "".join(self.rng.choice("0123456789") for _ in range(3))

    def new_caller(self) -> None:
        caller = self.caller_number()
        decision = self.core.lookup_number(caller, HOTLINE)
        if decision.reject is not None:
            self.blocked += 1
            return
        r = self.rng.random()
        queue = SERVICES[-1][0]
        for name, share, _median, _wrap in SERVICES:
            if r < share:
                queue = name
                break
            r -= share
        ivr = self.rng.uniform(12.0, 40.0)
        call_id = f"{1700000000 + int(self.t)}.{self.n}"
        skills = {"broadband": self.rng.randint(1, 4)} if queue == "repair" and self.rng.random() < 0.5 else None
        patience = self.rng.expovariate(1 / 150.0) + 5.0

        def enter() -> None:
            try:
                self.core.enqueue(call_id, queue, caller=caller, dialled=HOTLINE, priority=decision.priority,
                                  skills=skills)
            except AcdError:
                self.rejected += 1
                return
            if decision.priority == Priority.PRIORITY:
                self.priority_calls += 1
            self.at(self.t + patience, lambda: self.give_up(call_id))

        self.at(self.t + ivr, enter)

    def give_up(self, call_id: str) -> None:
        try:
            info = self.core.get_call(call_id)
        except AcdError:
            return
        if info.state in (CallState.WAITING, CallState.OFFERED):
            self.core.cancel(call_id)

    # --- output --------------------------------------------------------------------
    def report(self, t: float) -> None:
        waiting = talking = answered = abandoned = 0
        for q in self.core.queue_names():
            s = self.core.queue_stats(q)
            waiting += s.waiting
            answered += s.answered
            abandoned += s.abandoned
        for a in self.agent_ids:
            if self.core.get_agent(a).state.name == "BUSY":
                talking += 1
        clock = f"{8 + int(t // 3600):02d}:{int(t % 3600 // 60):02d}"
        print(f"{clock}  waiting {waiting:3d}  talking {talking:3d}  answered {answered:4d}  "
              f"abandoned {abandoned:3d}", file=self.out, flush=True)

    def table(self) -> list[dict[str, Any]]:
        rows = []
        for q in self.core.queue_names():
            s = self.core.queue_stats(q)
            rows.append({"queue": q, "offered": s.offered, "answered": s.answered, "abandoned": s.abandoned,
                         "short": s.short_abandoned, "overflowed": s.overflowed,
                         "sl": s.service_level, "asa": s.asa, "aht": s.aht, "longest": s.longest_wait})
        return rows


def _fmt(x: float | None, pct: bool = False) -> str:
    if x is None:
        return "-"
    return f"{100 * x:5.1f}%" if pct else f"{x:6.1f}"


def main(argv: list[str] | None = None, out: TextIO = sys.stdout) -> int:
    p = argparse.ArgumentParser(prog="python -m acdcore.demo", description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, default=96123)
    p.add_argument("--callers", type=int, default=420, help="callers in the busy hour (default 420)")
    p.add_argument("--agents", type=int, default=30, help="agents on shift (default 30)")
    p.add_argument("--hours", type=float, default=1.0)
    args = p.parse_args(argv)
    if args.callers < 1 or args.agents < 1 or not 0.1 <= args.hours <= 24:
        p.error("--callers and --agents must be >= 1 and --hours in 0.1..24")
    import acdcore

    print(f"acdcore {acdcore.__version__} ({acdcore.IMPLEMENTATION} core): a busy hour of the {HOTLINE} hotline, "
          f"{args.callers} callers, {args.agents} agents, seed {args.seed}", file=out)
    started = time.perf_counter()
    sim = BusyHour(seed=args.seed, callers=args.callers, agents=args.agents, hours=args.hours, out=out)
    sim.run()
    took = time.perf_counter() - started
    print(file=out)
    print(f"{'queue':26s} {'offered':>7s} {'answered':>8s} {'abandoned':>9s} {'short':>5s} {'overflow':>8s} "
          f"{'SL(20s)':>7s} {'ASA s':>6s} {'AHT s':>6s}", file=out)
    for r in sim.table():
        print(f"{LABELS.get(r['queue'], r['queue']):26s} {r['offered']:7d} {r['answered']:8d} {r['abandoned']:9d} "
              f"{r['short']:5d} {r['overflowed']:8d} {_fmt(r['sl'], True):>7s} {_fmt(r['asa']):>6s} "
              f"{_fmt(r['aht']):>6s}", file=out)
    print(f"\nlong-distance (PRIORITY) callers {sim.priority_calls}, blocked by prefix rules {sim.blocked}, "
          f"refused by queues {sim.rejected}; {sim.core.last_event_seq} events; simulated in {took:.2f} s",
          file=out)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
