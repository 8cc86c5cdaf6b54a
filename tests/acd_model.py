"""A hypothesis state machine that drives ACD cores with random operations.

Used twice: ``test_state_machine.py`` checks the invariants on ``acdcore.Core`` (compiled, or
pure under ACDCORE_PURE=1), and ``test_differential.py`` drives the compiled core and the
pure twin side by side and demands identical results, exceptions and events.
"""

from __future__ import annotations

from typing import Any, Callable

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from acdcore import (
    AgentConfig,
    AgentState,
    CallState,
    EmptyRule,
    EventType,
    PenaltyRule,
    Priority,
    QueueConfig,
    Route,
    RouteField,
    Strategy,
)
from acdcore.errors import AcdError

SKILLS = ("tv", "bb", "fee")
QUEUES = ("q0", "q1", "q2")
AGENTS = ("a0", "a1", "a2", "a3", "a4")
TERMINAL = {EventType.CALL_COMPLETED, EventType.CALL_ABANDONED}

skill_maps = st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 10), max_size=2)
#: calls mostly need nothing special, so that offers and answers happen often
call_skills = st.one_of(st.just({}), st.just({}), skill_maps)
#: agents mostly know every skill well
agent_skills = st.one_of(st.just({s: 9 for s in SKILLS}), st.just({s: 5 for s in SKILLS}), skill_maps)


@st.composite
def queue_configs(draw: Any, name: str, others: tuple[str, ...]) -> QueueConfig:
    limit0 = draw(st.one_of(st.none(), st.integers(0, 3)))
    rules: tuple[PenaltyRule, ...] = ()
    if limit0 is not None and draw(st.booleans()):
        rules = (PenaltyRule(draw(st.sampled_from([5.0, 12.5, 30.0])), limit0 + draw(st.integers(0, 3))),)
    overflow_after = draw(st.one_of(st.none(), st.sampled_from([20.0, 45.0, 90.0])))
    target = draw(st.one_of(st.none(), st.sampled_from(others))) if others else None
    return QueueConfig(
        name,
        strategy=draw(st.sampled_from(list(Strategy))),
        wrap_up=draw(st.sampled_from([0.0, 3.0, 10.0])),
        max_waiting=draw(st.sampled_from([0, 0, 4])),
        offer_timeout=draw(st.sampled_from([5.0, 15.0])),
        retry_delay=draw(st.sampled_from([0.0, 4.0])),
        short_abandon_threshold=draw(st.sampled_from([0.0, 5.0])),
        weight=draw(st.sampled_from([1.0, 2.5])),
        skills=draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 4), max_size=1)),
        max_penalty=limit0,
        penalty_rules=rules,
        overflow_after=overflow_after,
        overflow_target=target,
        join_empty=draw(st.sampled_from([EmptyRule.NEVER, EmptyRule.NEVER, EmptyRule.NO_AGENTS,
                                         EmptyRule.NO_CAPABLE])),
        leave_empty=draw(st.sampled_from([EmptyRule.NEVER, EmptyRule.NEVER, EmptyRule.NO_READY,
                                          EmptyRule.NO_CAPABLE])),
        max_priority_overtake=draw(st.one_of(st.none(), st.sampled_from([0.0, 25.0]))),
        auto_pause_after=draw(st.sampled_from([0, 1, 2])),
    )


def outcome(fn: Callable[[], Any]) -> tuple[str, Any]:
    """Run one operation; return ("ok", result) or ("error", (type name, reason))."""
    try:
        return ("ok", fn())
    except AcdError as exc:
        return ("error", (type(exc).__name__, exc.reason))


def comparable(value: Any) -> Any:
    if hasattr(value, "as_tuple"):
        return value.as_tuple()
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


class AcdMachine(RuleBasedStateMachine):
    """Subclasses set ``make_cores`` to return the cores to drive (1 or 2)."""

    def make_cores(self, clock: Callable[[], float]) -> list[Any]:
        raise NotImplementedError

    def __init__(self) -> None:
        super().__init__()
        self.t = 1000.0
        self.cores = self.make_cores(lambda: self.t)
        self.next_call = 0
        self.enqueued: set[str] = set()
        self.ended: dict[str, int] = {}
        self.events: list[Any] = []
        self.offer_timeouts: dict[str, float] = {}
        self.queue_skills: dict[str, dict[str, int]] = {}
        #: calls targeted now (from the events alone) -> their agent
        self.targeted: dict[str, str] = {}
        #: targeted call -> when its targeting lapses by timeout (arrival + timeout)
        self.lapse_due: dict[str, float] = {}

    # -- plumbing -------------------------------------------------------------------
    def do(self, op: Callable[[Any], Any]) -> tuple[str, Any]:
        results = [outcome(lambda c=c: op(c)) for c in self.cores]
        first = results[0]
        for other in results[1:]:
            assert comparable(other) == comparable(first), (first, other)
        evs = [c.read_events() for c in self.cores]
        for other in evs[1:]:
            assert [e.as_tuple() for e in other] == [e.as_tuple() for e in evs[0]]
        self.observe(evs[0])
        return first

    def observe(self, events: list[Any]) -> None:
        expect = (self.events[-1].seq + 1) if self.events else None
        for e in events:
            if expect is not None:
                assert e.seq == expect, f"gap in event sequence: {e.seq} after {expect - 1}"
            expect = e.seq + 1
            cid = e.call_id
            if e.type == EventType.CALL_ENQUEUED:
                self.enqueued.add(cid)
                if e.agent_id is not None:
                    self.targeted[cid] = e.agent_id
                else:
                    self.targeted.pop(cid, None)
            ends = e.type in TERMINAL or (e.type == EventType.CALL_OVERFLOWED and e.target_queue is None)
            if ends:
                assert cid not in self.ended, f"call {cid} ended twice"
                self.ended[cid] = e.seq
            if e.type in (EventType.CALL_OFFERED,):
                assert cid not in self.ended
                # a targeted call is never offered to another agent while targeted
                if cid in self.targeted:
                    assert e.agent_id == self.targeted[cid], f"targeted call {cid} offered to {e.agent_id}"
                    assert e.reason == "targeted", e
                else:
                    assert e.reason == "", e
            if e.type == EventType.CALL_TARGET_LAPSED:
                assert self.targeted.pop(cid, None) == e.agent_id, e
                assert e.reason in ("timeout", "logged_out", "left_queue"), e
                if e.reason == "timeout":
                    # never early; later only if it was ringing at its due time (timers of a
                    # ringing call wait for the offer to end)
                    assert e.time >= self.lapse_due[cid], (e, self.lapse_due[cid])
            if e.type in (EventType.CALL_ANSWERED, EventType.CALL_TRANSFERRED, EventType.CALL_OVERFLOWED) or ends:
                self.targeted.pop(cid, None)
        self.events.extend(events)

    @property
    def core(self) -> Any:
        return self.cores[0]

    # -- setup ----------------------------------------------------------------------
    @initialize(data=st.data())
    def setup(self, data: st.DataObject) -> None:
        for i, name in enumerate(QUEUES):
            cfg = data.draw(queue_configs(name, QUEUES[:i]))
            self.queue_skills[name] = dict(cfg.skills)
            r = self.do(lambda c, cfg=cfg: c.create_queue(cfg))
            assert r[0] == "ok", r
        for name in AGENTS:
            cfg = AgentConfig(name, skills=data.draw(agent_skills),
                              queues=data.draw(st.dictionaries(st.sampled_from(QUEUES), st.integers(0, 4),
                                                               min_size=2, max_size=3)))
            r = self.do(lambda c, cfg=cfg: c.add_agent(cfg))
            assert r[0] == "ok", r

    # -- rules ----------------------------------------------------------------------
    @rule(agent=st.sampled_from(AGENTS))
    def login(self, agent: str) -> None:
        self.do(lambda c: c.login(agent))

    @rule(agent=st.sampled_from(AGENTS))
    def login_more(self, agent: str) -> None:
        self.do(lambda c: c.login(agent))

    @rule(queue=st.sampled_from(QUEUES), priority=st.sampled_from(list(Priority)))
    def enqueue_plain(self, queue: str, priority: Priority) -> None:
        self.next_call += 1
        cid = f"c{self.next_call}"
        self.do(lambda c: c.enqueue(cid, queue, priority=priority))

    @rule(agent=st.sampled_from(AGENTS))
    def logout(self, agent: str) -> None:
        self.do(lambda c: c.logout(agent))

    @rule(agent=st.sampled_from(AGENTS), reason=st.sampled_from(["lunch", "training", "no-answer"]))
    def pause(self, agent: str, reason: str) -> None:
        self.do(lambda c: c.pause(agent, reason))

    @rule(agent=st.sampled_from(AGENTS))
    def set_ready(self, agent: str) -> None:
        self.do(lambda c: c.set_ready(agent))

    @rule(queue=st.sampled_from(QUEUES), priority=st.sampled_from(list(Priority)), skills=call_skills,
          back=st.sampled_from([0.0, 0.0, 0.7, 3.0, 40.0]))
    def enqueue(self, queue: str, priority: Priority, skills: dict[str, int], back: float) -> None:
        self.next_call += 1
        cid = f"c{self.next_call}"
        when = max(0.0, self.t - back)
        self.do(lambda c: c.enqueue(cid, queue, caller="0451123", dialled="96123", priority=priority,
                                    skills=skills, enqueue_time=when))

    @rule(queue=st.sampled_from(QUEUES), agent=st.sampled_from(AGENTS), priority=st.sampled_from(list(Priority)),
          skills=call_skills, timeout=st.sampled_from([0.0, 0.0, 2.5, 7.0, 30.0]),
          back=st.sampled_from([0.0, 0.0, 1.5, 40.0]))
    def enqueue_targeted(self, queue: str, agent: str, priority: Priority, skills: dict[str, int], timeout: float,
                         back: float) -> None:
        self.next_call += 1
        cid = f"c{self.next_call}"
        when = max(0.0, self.t - back)
        if timeout > 0:  # before the call: a lapse already due fires inside enqueue
            self.lapse_due[cid] = max(when + timeout, self.t)
        self.do(lambda c: c.enqueue(cid, queue, caller="0451123", priority=priority, skills=skills,
                                    enqueue_time=when, target_agent=agent, target_timeout=timeout))

    @precondition(lambda self: bool(self.targeted))
    @rule(data=st.data())
    def advance_to_lapse(self, data: st.DataObject) -> None:
        """Jump to the very moment a targeted call's timeout lapses it (or a little before)."""
        cid = data.draw(st.sampled_from(sorted(self.targeted)))
        due = self.lapse_due.get(cid)
        if due is None:
            return
        self.t = max(self.t, due - data.draw(st.sampled_from([0.0, 0.0, 0.25])))
        self.do(lambda c: c.advance())

    @precondition(lambda self: self.next_call > 0)
    @rule(data=st.data())
    def enqueue_again(self, data: st.DataObject) -> None:
        # same id: idempotent if the details match, refused otherwise
        cid = f"c{data.draw(st.integers(1, self.next_call))}"
        queue = data.draw(st.sampled_from(QUEUES))
        self.do(lambda c: c.enqueue(cid, queue, caller="0451123", dialled="96123"))

    def _pick_call(self, data: st.DataObject) -> str:
        # mostly a live call (so operations do something), sometimes any id ever used
        live = self.core.call_ids()
        if live and data.draw(st.integers(0, 4)):
            return str(data.draw(st.sampled_from(live)))
        return f"c{data.draw(st.integers(1, max(1, self.next_call)))}"

    def _ringing_agent(self, data: st.DataObject) -> str:
        ringing = [a for a in AGENTS if self.core.get_agent(a).state == AgentState.RESERVED]
        if ringing and data.draw(st.integers(0, 5)):
            return str(data.draw(st.sampled_from(ringing)))
        return str(data.draw(st.sampled_from(AGENTS)))

    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        cid = self._pick_call(data)
        self.do(lambda c: c.cancel(cid))

    @rule(data=st.data(), stale=st.sampled_from([0, 0, 0, 1, 2]))
    def accept(self, data: st.DataObject, stale: int) -> None:
        agent = self._ringing_agent(data)
        info = self.do(lambda c: c.get_agent(agent))
        offer = info[1].offer_id if info[0] == "ok" else 0
        self.do(lambda c: c.accept(max(1, offer - stale) if offer else 1 + stale))

    @rule(data=st.data())
    def reject(self, data: st.DataObject) -> None:
        agent = self._ringing_agent(data)
        info = self.do(lambda c: c.get_agent(agent))
        offer = info[1].offer_id if info[0] == "ok" else 0
        self.do(lambda c: c.reject(offer or 10_000))

    @rule(data=st.data(), by_caller=st.booleans())
    def complete(self, data: st.DataObject, by_caller: bool) -> None:
        from acdcore import HangupBy

        talking = [a.call_id for a in map(self.core.get_agent, AGENTS) if a.state == AgentState.BUSY]
        cid = str(data.draw(st.sampled_from(talking))) if talking and data.draw(st.integers(0, 5)) \
            else self._pick_call(data)
        self.do(lambda c: c.complete(cid, hangup_by=HangupBy.CALLER if by_caller else HangupBy.AGENT))

    @rule(data=st.data(), queue=st.sampled_from(QUEUES))
    def transfer(self, data: st.DataObject, queue: str) -> None:
        cid = self._pick_call(data)
        self.do(lambda c: c.transfer(cid, queue))

    # inexact steps (0.1, 0.3) put timers at sums that round: a timer must still fire once
    @rule(dt=st.sampled_from([0.0, 0.1, 0.3, 0.5, 1.0, 4.0, 5.0, 12.5, 20.0, 60.0]))
    def advance(self, dt: float) -> None:
        self.t += dt
        self.do(lambda c: c.advance())

    @rule(agent=st.sampled_from(AGENTS), skills=agent_skills,
          queues=st.dictionaries(st.sampled_from(QUEUES), st.integers(0, 4), max_size=3))
    def update_agent(self, agent: str, skills: dict[str, int], queues: dict[str, int]) -> None:
        cfg = AgentConfig(agent, skills=skills, queues=queues)
        self.do(lambda c: c.update_agent(cfg))

    @rule(data=st.data(), queue=st.sampled_from(QUEUES))
    def update_queue(self, data: st.DataObject, queue: str) -> None:
        i = QUEUES.index(queue)
        cfg = data.draw(queue_configs(queue, QUEUES[:i]))
        r = self.do(lambda c: c.update_queue(cfg))
        if r[0] == "ok":
            self.queue_skills[queue] = dict(cfg.skills)

    @rule(queue=st.sampled_from(QUEUES), prio=st.sampled_from(list(Priority)))
    def replace_routes(self, queue: str, prio: Priority) -> None:
        routes = [Route("_0X.", RouteField.CALLER, priority=Priority.PRIORITY),
                  Route("0459", RouteField.CALLER, priority=Priority.NORMAL),
                  Route("96123", queue=queue, priority=prio)]
        self.do(lambda c: c.replace_routes(routes))
        self.do(lambda c: c.lookup_number("01012345678", "96123"))

    @rule(cross=st.booleans())
    def snapshot_restore(self, cross: bool) -> None:
        """Snapshot every core, restore (through JSON) and carry on with the restored ones.

        With two cores, the snapshots must be identical, and with ``cross`` each restores
        into the other implementation.
        """
        import json

        snaps = [json.loads(json.dumps(c.snapshot())) for c in self.cores]
        for other in snaps[1:]:
            assert other == snaps[0]
        classes = [type(c) for c in self.cores]
        if cross:
            classes = classes[::-1]
        clock = lambda: self.t  # noqa: E731
        self.cores = [cls.from_snapshot(data, clock=clock) for cls, data in zip(classes, snaps)]
        again = [json.loads(json.dumps(c.snapshot())) for c in self.cores]
        assert again == snaps, "a restored core does not snapshot to what it was restored from"

    @rule(queue=st.sampled_from(QUEUES))
    def query(self, queue: str) -> None:
        self.do(lambda c: c.queue_stats(queue))
        self.do(lambda c: c.waiting_calls(queue))

    @rule(agent=st.sampled_from(AGENTS))
    def query_targeted(self, agent: str) -> None:
        self.do(lambda c: c.targeted_calls(agent))

    @rule(data=st.data())
    def query_call(self, data: st.DataObject) -> None:
        cid = self._pick_call(data)
        self.do(lambda c: c.get_call(cid))

    # -- invariants -----------------------------------------------------------------
    @invariant()
    def consistent(self) -> None:
        core = self.core
        if not self.queue_skills:
            return
        now = core.now
        agents = {a: core.get_agent(a) for a in core.agent_ids()}
        calls = {c: core.get_call(c) for c in core.call_ids()}
        self.observe(core.read_events())  # queries fire no timers past now, but keep the log whole
        for other in self.cores[1:]:
            other.read_events()
        # no agent has two calls, no call is with two agents
        holders: dict[str, str] = {}
        for a in agents.values():
            if a.state in (AgentState.RESERVED, AgentState.BUSY):
                assert a.call_id is not None, a
                assert a.call_id not in holders, f"call {a.call_id} with {holders[a.call_id]} and {a.id}"
                holders[a.call_id] = a.id
                assert calls[a.call_id].agent_id == a.id
            else:
                assert a.call_id is None, a
            if a.state == AgentState.RESERVED:
                # no agent left ringing past its offer timeout
                assert a.offer_expires_at is not None and a.offer_expires_at > now, (a, now)
        # targeting as the events tell it; a targeted call waits only for a logged-in member
        targeted_in: dict[str, int] = {}
        for c in calls.values():
            want = self.targeted.get(c.id) if c.state != CallState.CONNECTED else None
            assert c.target_agent_id == want, (c, want)
            if c.target_agent_id is not None and c.state == CallState.WAITING:
                tgt = agents[c.target_agent_id]
                assert tgt.state != AgentState.LOGGED_OUT, (c, tgt)
                assert c.queue in tgt.queues, (c, tgt)
                targeted_in[c.queue] = targeted_in.get(c.queue, 0) + 1
        for a in agents.values():
            order = core.targeted_calls(a.id)
            keys = [(-int(calls[c].effective_priority), calls[c].entered_at) for c in order]
            assert keys == sorted(keys), (a.id, order, keys)
            for pos, cid in enumerate(order, 1):
                assert calls[cid].target_agent_id == a.id and calls[cid].position == pos, (cid, pos)
        for c in calls.values():
            if c.state in (CallState.OFFERED, CallState.CONNECTED):
                assert holders.get(c.id) == c.agent_id
            else:
                assert c.state == CallState.WAITING and c.agent_id is None
        # no call is lost or duplicated: every call that entered is live or ended exactly once
        assert set(calls).isdisjoint(self.ended)
        assert self.enqueued == set(calls) | set(self.ended)
        # order: PRIORITY first, then oldest
        for q in QUEUES:
            order = core.waiting_calls(q)
            keys = [(-int(calls[c].effective_priority), calls[c].entered_at) for c in order]
            assert keys == sorted(keys), (q, order, keys)
            for pos, cid in enumerate(order, 1):
                assert calls[cid].position == pos
            stats = core.queue_stats(q)
            assert stats.waiting == len(order) + targeted_in.get(q, 0)
            assert all(calls[c].target_agent_id is None for c in order)
            n = core.counters(q)
            assert n["offered"] == (n["waiting"] + n["ringing"] + n["answered"] + n["abandoned"]
                                    + n["overflowed"] + n["transferred_out"]), n
            assert n["answered"] == n["connected"] + n["completed"], n
            assert stats.short_abandoned <= stats.abandoned
            assert stats.answered_within_sl <= stats.answered
        # no call waits while an eligible agent is AVAILABLE
        for c in calls.values():
            if c.state != CallState.WAITING:
                continue
            if c.target_agent_id is not None:
                a = agents[c.target_agent_id]
                if a.state == AgentState.AVAILABLE and a.id not in c.excluded_agents:
                    raise AssertionError(f"targeted call {c.id} waits while its agent {a.id} is AVAILABLE")
                continue
            need = dict(self.queue_skills[c.queue])
            for s, lvl in c.skills.items():
                need[s] = max(need.get(s, 0), lvl)
            for a in agents.values():
                if a.state != AgentState.AVAILABLE or c.queue not in a.queues:
                    continue
                if c.penalty_limit is not None and a.queues[c.queue] > c.penalty_limit:
                    continue
                if a.id in c.excluded_agents:
                    continue
                if all(a.skills.get(s, 0) >= lvl for s, lvl in need.items()):
                    raise AssertionError(f"call {c.id} waits while {a.id} is AVAILABLE and eligible")
