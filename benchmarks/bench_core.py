"""The ACD core under load: compiled (acdcore._queue) vs its pure-Python twin, same run.

    .venv/bin/python -m pytest benchmarks/bench_core.py --benchmark-json=bench-results/core.json
    .venv/bin/python benchmarks/report.py bench-results/core.json

Scenarios: 100 queues, 20 skills, and (agents, waiting calls) of (100, 1,000) and
(10,000, 100,000). Every agent is a member of three queues (penalties 0, 1, 2) and holds four
skills; a third of the calls need one skill. Queues escalate penalties after 30 s, so the
timer heap holds one entry per waiting call, as in production.

The steady state is a backlogged hotline: every agent is in wrap-up, calls wait. Operations:

* ``enqueue``   a new call joins the back of a queue (no agent is free);
* ``cancel``    a random waiting caller hangs up;
* ``agent_ready`` an agent ends wrap-up (set_ready) and the core picks the call it takes
  among all its queues, then offers it: the assignment decision;
* ``cycle``     one call's whole life in that state: a call arrives, an agent becomes ready
  and takes the oldest call, answers, completes (back to wrap-up), and the events are read.

Each op is timed alone with perf_counter_ns (the timer's own cost, measured first, is
subtracted) for p50/p99; pytest-benchmark times whole batches. extra_info holds p50/p99 ns,
ops/s, and the compiled/pure ratio of the same run. Wall time is measured, never asserted.
"""

from __future__ import annotations

import functools
import gc
import operator
import os
import random
import statistics
import time

import psutil
import pytest

from acdcore import AgentConfig, PenaltyRule, Priority, QueueConfig
from acdcore._pure.core import Core as PureCore
from acdcore._queue import Core as CompiledCore

IMPLS = {"compiled": CompiledCore, "pure": PureCore}
SCENARIOS = {"small": (100, 1_000), "large": (10_000, 100_000)}
N_QUEUES = 100
N_SKILLS = 20
SAMPLES = {"compiled": 20_000, "pure": 2_000}
#: results of this run, for the ratios: (scenario, op, impl) -> stats
RESULTS: dict[tuple[str, str, str], dict[str, float]] = {}


def timer_overhead() -> float:
    pc = time.perf_counter_ns
    xs = []
    for _ in range(20_000):
        a = pc()
        b = pc()
        xs.append(b - a)
    return statistics.median(xs)


TIMER_NS = timer_overhead()


class Hotline:
    """A backlogged call center on one core, driven by a manual clock."""

    def __init__(self, impl: str, agents: int, waiting: int, seed: int = 2024) -> None:
        self.rng = random.Random(seed)
        self.t = [1.0]
        self.core = IMPLS[impl](clock=functools.partial(operator.getitem, self.t, 0), seed=seed)
        self.skills = [f"s{i}" for i in range(N_SKILLS)]
        for i in range(N_QUEUES):
            self.core.create_queue(QueueConfig(
                f"q{i}", wrap_up=1e6, offer_timeout=20.0, max_penalty=0,
                penalty_rules=(PenaltyRule(30.0, 1), PenaltyRule(60.0, 2))))
        self.agents = [f"a{i}" for i in range(agents)]
        for i, a in enumerate(self.agents):
            home = i % N_QUEUES
            queues = {f"q{home}": 0, f"q{(home + 1) % N_QUEUES}": 1, f"q{(home + 7) % N_QUEUES}": 2}
            # the home queue's own skill, and three more
            skills = {s: self.rng.randint(3, 10) for s in self.rng.sample(self.skills, 3)}
            skills[self.domain(f"q{home}")] = self.rng.randint(3, 10)
            self.core.add_agent(AgentConfig(a, skills=skills, queues=queues))
            self.core.login(a)
        self.n = 0
        self.waiting: list[str] = []
        self.wrapping: list[str] = []
        # fill: every call offered at once is answered and completed, which parks its agent
        # in wrap-up (the clock stands still); the rest wait
        while len(self.waiting) < waiting or len(self.wrapping) < agents:
            cid, offer = self.enqueue()
            if offer is None:
                self.waiting.append(cid)
            else:
                self.serve(offer)
        # let every waiting call reach its last penalty step, so agents take calls from all
        # three of their queues (new calls escalate 30 s after they arrive)
        self.t[0] = 100.0
        self.core.advance()
        self.wrapping = [a for a in self.agents if self.core.get_agent(a).state.name == "WRAP_UP"]
        self.waiting = [c for q in range(N_QUEUES) for c in self.core.waiting_calls(f"q{q}")]
        self.core.read_events()
        self.ready_i = 0

    def tick(self) -> None:
        # 5 ms of hotline time per operation: new calls reach their penalty steps while the
        # benchmark runs, so escalation timers fire inside measured operations, as in production
        self.t[0] += 0.005

    def domain(self, queue: str) -> str:
        """Each queue's own skill (fault repair needs 'broadband', say)."""
        return self.skills[int(queue[1:]) % N_SKILLS]

    def new_call(self, queue: str | None = None) -> tuple[str, str, dict[str, int] | None, Priority]:
        self.n += 1
        q = queue or f"q{self.rng.randrange(N_QUEUES)}"
        # a third of the calls need the queue's skill at some level (from IVR choices)
        skills = {self.domain(q): self.rng.randint(1, 3)} if self.n % 3 == 0 else None
        prio = Priority.PRIORITY if self.n % 10 == 0 else Priority.NORMAL
        return f"call-{self.n}", q, skills, prio

    def home(self, agent: str) -> str:
        return f"q{int(agent[1:]) % N_QUEUES}"

    def enqueue(self, queue: str | None = None):  # type: ignore[no-untyped-def]
        cid, q, skills, prio = self.new_call(queue)
        return cid, self.core.enqueue(cid, q, caller="04591234567", dialled="96123", priority=prio,
                                      skills=skills)

    def serve(self, offer) -> None:  # type: ignore[no-untyped-def]
        self.core.accept(offer.id)
        self.core.complete(offer.call_id)
        self.wrapping.append(offer.agent_id)

    def next_ready(self) -> str:
        self.ready_i = (self.ready_i + 1) % len(self.wrapping)
        return self.wrapping[self.ready_i]


_hotlines: dict[tuple[str, str], Hotline] = {}


def hotline(impl: str, scenario: str) -> Hotline:
    key = (impl, scenario)
    if key not in _hotlines:
        _hotlines.clear()  # one at a time: the large ones are big
        gc.collect()
        _hotlines[key] = Hotline(impl, *SCENARIOS[scenario])
    return _hotlines[key]


def summarize(samples: list[int]) -> dict[str, float]:
    xs = sorted(max(0.0, s - TIMER_NS) for s in samples)
    p50 = xs[len(xs) // 2]
    p99 = xs[min(len(xs) - 1, int(len(xs) * 0.99))]
    mean = sum(xs) / len(xs)
    return {"p50_ns": p50, "p99_ns": p99, "mean_ns": mean, "ops_per_s": 1e9 / mean if mean else 0.0,
            "samples": len(xs)}


def record(benchmark, scenario: str, op: str, impl: str, stats: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    RESULTS[(scenario, op, impl)] = stats
    agents, waiting = SCENARIOS[scenario]
    benchmark.group = f"core.{op} ({agents} agents, {waiting} waiting)"
    benchmark.extra_info.update(impl=impl, scenario=scenario, op=op, agents=agents, waiting=waiting,
                                timer_overhead_ns=TIMER_NS, **stats)
    other = RESULTS.get((scenario, op, "pure" if impl == "compiled" else "compiled"))
    if other is not None:
        c, p = (stats, other) if impl == "compiled" else (other, stats)
        benchmark.extra_info["speedup_vs_pure_mean"] = p["mean_ns"] / c["mean_ns"]
        benchmark.extra_info["speedup_vs_pure_p50"] = p["p50_ns"] / c["p50_ns"]


def run_enqueue_cancel(h: Hotline, n: int) -> tuple[list[int], list[int]]:
    pc = time.perf_counter_ns
    enq, can = [], []
    core, rng = h.core, h.rng
    for _ in range(n):
        h.tick()
        cid, q, skills, prio = h.new_call()
        a = pc()
        core.enqueue(cid, q, caller="04591234567", dialled="96123", priority=prio, skills=skills)
        b = pc()
        enq.append(b - a)
        i = rng.randrange(len(h.waiting))
        victim = h.waiting[i]
        h.waiting[i] = cid
        a = pc()
        core.cancel(victim)
        b = pc()
        can.append(b - a)
        if len(enq) % 256 == 0:
            core.read_events()
    core.read_events()
    return enq, can


def run_ready(h: Hotline, n: int) -> list[int]:
    pc = time.perf_counter_ns
    out = []
    core = h.core
    for _ in range(n):
        h.tick()
        agent = h.next_ready()
        # the replacement call goes to the agent's home queue, so every queue's backlog
        # stays as deep as it was (new calls may go to home agents only, for 30 s)
        h.enqueue(h.home(agent))
        a = pc()
        offer = core.set_ready(agent)
        b = pc()
        out.append(b - a)
        assert offer is not None, "the backlog ran dry"
        core.accept(offer.id)
        core.complete(offer.call_id)
        if len(out) % 256 == 0:
            core.read_events()
    core.read_events()
    return out


def run_cycle(h: Hotline, n: int) -> list[int]:
    pc = time.perf_counter_ns
    out = []
    core = h.core
    enqueue, set_ready, accept, complete, read = (core.enqueue, core.set_ready, core.accept, core.complete,
                                                  core.read_events)
    for _ in range(n):
        h.tick()
        agent = h.next_ready()
        cid, q, skills, prio = h.new_call(h.home(agent))
        a = pc()
        enqueue(cid, q, caller="04591234567", dialled="96123", priority=prio, skills=skills)
        offer = set_ready(agent)
        accept(offer.id)
        complete(offer.call_id)
        read()
        b = pc()
        out.append(b - a)
    return out


_CANCELS: dict[tuple[str, str], list[int]] = {}


@pytest.mark.parametrize("impl", ["compiled", "pure"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_enqueue(benchmark, scenario: str, impl: str) -> None:
    # enqueue and cancel alternate, so the backlog stays as deep as the scenario says
    h = hotline(impl, scenario)
    enq, can = run_enqueue_cancel(h, SAMPLES[impl])
    _CANCELS[(scenario, impl)] = can
    record(benchmark, scenario, "enqueue", impl, summarize(enq))
    benchmark.pedantic(run_enqueue_cancel, args=(h, 200), rounds=5, iterations=1)


@pytest.mark.parametrize("impl", ["compiled", "pure"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_cancel(benchmark, scenario: str, impl: str) -> None:
    """The cancels timed by test_enqueue (same run, same hotline)."""
    can = _CANCELS.get((scenario, impl))
    if can is None:
        can = run_enqueue_cancel(hotline(impl, scenario), SAMPLES[impl])[1]
    record(benchmark, scenario, "cancel", impl, summarize(can))
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)


@pytest.mark.parametrize("impl", ["compiled", "pure"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_agent_ready(benchmark, scenario: str, impl: str) -> None:
    h = hotline(impl, scenario)
    h.core.decision_latency(reset=True)
    stats = summarize(run_ready(h, SAMPLES[impl]))
    record(benchmark, scenario, "agent_ready", impl, stats)
    # the choice alone, timed inside the core (every decision in the run, call side too)
    benchmark.extra_info["in_core_decision"] = h.core.decision_latency()
    benchmark.pedantic(run_ready, args=(h, 200), rounds=5, iterations=1)


@pytest.mark.parametrize("impl", ["compiled", "pure"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_cycle(benchmark, scenario: str, impl: str) -> None:
    h = hotline(impl, scenario)
    stats = summarize(run_cycle(h, SAMPLES[impl]))
    record(benchmark, scenario, "cycle", impl, stats)
    benchmark.pedantic(run_cycle, args=(h, 200), rounds=5, iterations=1)


def rss() -> int:
    gc.collect()
    return psutil.Process(os.getpid()).memory_info().rss


@pytest.mark.parametrize("impl", ["compiled"])
def test_memory(benchmark, impl: str) -> None:
    """100,000 waiting calls and 10,000 agents in RSS; then 10^6 enqueue/complete cycles."""
    _hotlines.clear()
    base = rss()
    h = Hotline(impl, 10_000, 100_000)
    loaded = rss()
    benchmark.group = "core.memory"
    benchmark.extra_info.update(impl=impl, rss_100k_calls_10k_agents_mb=(loaded - base) / 2**20)
    core = h.core
    marks = []
    cycles = 1_000_000
    for i in range(cycles):
        h.tick()
        agent = h.next_ready()
        cid, q, skills, prio = h.new_call(h.home(agent))
        core.enqueue(cid, q, priority=prio, skills=skills)
        offer = core.set_ready(agent)
        core.accept(offer.id)
        core.complete(offer.call_id)
        if i % 64 == 0:
            core.read_events()
        if i % 100_000 == 0:
            marks.append(rss())
    core.read_events()
    marks.append(rss())
    # the bounded caches (ended-call ids: 100,000; offer explanations: 65,536; the event
    # ring's high-water mark) fill in the first 200,000 cycles; after that RSS must be flat
    benchmark.extra_info.update(cycles=cycles, rss_marks_mb=[round(m / 2**20, 1) for m in marks],
                                rss_growth_last_800k_cycles_mb=(marks[-1] - marks[2]) / 2**20)
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    del h
