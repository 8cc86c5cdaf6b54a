"""The pure-Python twin of the compiled ACD core (``acdcore._queue``).

This module is the executable specification: the compiled core implements the same
semantics with C structures and must produce exactly the same results and events for the
same operations (``tests/test_differential.py`` drives both with hypothesis). Selected
only with ``ACDCORE_PURE=1``; it is also the baseline the benchmarks compare against.

Ordering rules both implementations follow to the letter, so that they agree:

* waiting calls are served PRIORITY class first, then by (entered_at, seq); ``seq`` is a
  counter taken when a call enters a queue;
* a queue's skill buckets are visited in the order they were created, classes PRIORITY
  then NORMAL; an agent's memberships in the order of its ``AgentConfig.queues``;
* AVAILABLE members of one penalty form a tier ordered by when they became available;
  tiers are visited from the lowest penalty up;
* timers fire in (due, scheduled-seq) order, each at its own due time.
"""

from __future__ import annotations

import bisect
import heapq
import math
import time as _time
from collections import deque
from typing import Any, Callable, Iterable, Mapping

from .. import _snapshot as snap
from ..enums import (
    AgentState,
    CallState,
    EmptyRule,
    EventType,
    HangupBy,
    Priority,
    Strategy,
    Trigger,
)
from ..errors import (
    AgentNotInQueueError,
    AgentStateError,
    CallEndedError,
    CallStateError,
    DuplicateAgentError,
    DuplicateCallError,
    DuplicateQueueError,
    InvalidArgumentError,
    InvalidTimeError,
    QueueEmptyError,
    QueueFullError,
    QueueInUseError,
    QueueNotEmptyError,
    StaleOfferError,
    TooManySkillsError,
    UnknownAgentError,
    UnknownCallError,
    UnknownOfferError,
    UnknownQueueError,
)
from ..types import (
    MAX_CALL_SKILLS,
    MAX_NUMBER_LEN,
    MAX_OVERFLOW_HOPS,
    MAX_REASON_LEN,
    MAX_SKILLS,
    MAX_TIME,
    AgentConfig,
    AgentInfo,
    AgentStats,
    Assignment,
    CallInfo,
    QueueConfig,
    QueueStats,
    Route,
    RouteDecision,
    check_attributes,
    check_call_id,
    check_enum,
    check_name,
    check_skills,
    check_text,
)
from .model import Event, Offer
from .routes import RouteTable

NORMAL = 0  # class index of Priority.NORMAL
PRIO = 1  # class index of Priority.PRIORITY
MASK64 = 0xFFFFFFFFFFFFFFFF
#: exclusions a call keeps (agents that let it go unanswered lately)
MAX_EXCLUSIONS = 4
#: explanations kept for recent offers
EXPLAIN_CAPACITY = 65536
AUTO_PAUSE_REASON = "no-answer"

_K_CALL = 0
_K_AGENT = 1


class _Member:
    __slots__ = ("agent", "queue", "penalty", "calls", "talk_time")

    def __init__(self, agent: _Agent, queue: _Queue, penalty: int) -> None:
        self.agent = agent
        self.queue = queue
        self.penalty = penalty
        self.calls = 0
        self.talk_time = 0.0


class _Bucket:
    """Waiting calls of one queue that share one skill signature, per class, in service order."""

    __slots__ = ("sig", "keys", "calls", "n_capable")

    def __init__(self, sig: tuple) -> None:
        self.sig = sig
        self.keys: list[list[tuple[float, int]]] = [[], []]
        self.calls: list[list[_Call]] = [[], []]
        self.n_capable = 0

    def insert(self, cls: int, c: _Call) -> None:
        key = (c.entered_at, c.seq)
        i = bisect.bisect_left(self.keys[cls], key)
        self.keys[cls].insert(i, key)
        self.calls[cls].insert(i, c)

    def remove(self, cls: int, c: _Call) -> None:
        i = bisect.bisect_left(self.keys[cls], (c.entered_at, c.seq))
        del self.keys[cls][i]
        del self.calls[cls][i]

    def rank(self, cls: int, key: tuple[float, int]) -> int:
        return bisect.bisect_left(self.keys[cls], key)


class _Queue:
    __slots__ = ("cfg", "name", "members", "avail", "buckets", "rr_cursor", "n_logged", "n_ready",
                 "n_ringing", "n_connected", "offered", "answered", "answered_sl", "abandoned", "short_abandoned",
                 "overflowed", "transferred_out", "rejected", "completed", "wait_answered", "handled",
                 "handle_time", "weight", "limit0", "final_limit", "sig_base", "targeted")

    def __init__(self, cfg: QueueConfig) -> None:
        self.cfg = cfg
        self.name = cfg.name
        self.members: list[_Member] = []
        #: penalty -> AVAILABLE members in the order they became available
        self.avail: dict[int, list[_Member]] = {}
        self.buckets: dict[tuple, _Bucket] = {}
        self.rr_cursor = 0
        self.n_logged = 0
        self.n_ready = 0
        self.n_ringing = 0
        self.n_connected = 0
        self.offered = self.answered = self.answered_sl = self.abandoned = self.short_abandoned = 0
        self.overflowed = self.transferred_out = self.rejected = self.completed = 0
        self.wait_answered = 0.0
        self.handled = 0
        self.handle_time = 0.0
        self.weight = cfg.weight
        self.limit0 = -1
        self.final_limit = -1
        self.sig_base: dict[int, int] = {}
        #: waiting calls of this queue that are targeted at one agent (they wait in that agent's
        #: targeted line, not in a bucket); only for statistics
        self.targeted: dict[_Call, None] = {}

    @property
    def n_waiting(self) -> int:
        return sum(len(b.calls[0]) + len(b.calls[1]) for b in self.buckets.values()) + len(self.targeted)


class _Call:
    __slots__ = ("id", "queue", "state", "priority", "cls", "promoted", "caller", "dialled", "skills",
                 "attributes", "sig", "bucket", "arrived_at", "entered_at", "seq", "limit", "step", "excl",
                 "timer", "agent", "offer_id", "offer_time", "answered_at", "no_answers", "hops", "history",
                 "entry_position", "orig", "target", "target_timeout")

    def __init__(self) -> None:
        self.timer = 0
        #: the agent this call is offered to, and only to, until the targeting lapses
        self.target: _Agent | None = None
        self.target_timeout = 0.0
        self.agent: _Agent | None = None
        self.offer_id = 0
        self.offer_time = 0.0
        self.answered_at = 0.0
        self.no_answers = 0
        self.hops = 0
        self.history: list[str] = []
        self.excl: list[list] = []
        self.promoted = False
        self.bucket: _Bucket | None = None


class _Agent:
    __slots__ = ("id", "state", "state_since", "reason", "skills", "levels", "members", "call", "offer_id",
                 "offer_time", "offer_expires", "consec_na", "calls", "talk", "wrap", "ring", "idle",
                 "pause_total", "pause_by_reason", "no_answers", "logged_in_time", "available_since",
                 "avail_seq", "timer", "timer_due", "wrap_queue", "wrap_talk", "tkeys", "tcalls")

    def __init__(self, agent_id: str) -> None:
        self.id = agent_id
        self.state = AgentState.LOGGED_OUT
        self.state_since = 0.0
        self.reason = ""
        self.skills: Mapping[str, int] = {}
        self.levels: dict[int, int] = {}
        self.members: list[_Member] = []
        self.call: _Call | None = None
        self.offer_id = 0
        self.offer_time = 0.0
        self.offer_expires = 0.0
        self.consec_na = 0
        self.calls = 0
        self.talk = self.wrap = self.ring = self.idle = self.pause_total = 0.0
        self.pause_by_reason: dict[str, float] = {}
        self.no_answers = 0
        self.logged_in_time = 0.0
        self.available_since = 0.0
        self.avail_seq = 0
        self.timer = 0
        self.timer_due = 0.0
        self.wrap_queue: _Queue | None = None
        self.wrap_talk = 0.0
        #: waiting calls targeted at this agent, PRIORITY class first, then (entered_at, seq)
        self.tkeys: list[tuple[int, float, int]] = []
        self.tcalls: list[_Call] = []


def _check_time(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidTimeError(f"{what} must be a number of seconds, got {type(value).__name__}", field=what)
    v = float(value)
    if not math.isfinite(v) or v < 0 or v > MAX_TIME:
        raise InvalidTimeError(f"{what} must be finite and >= 0, got {value!r}", field=what)
    return v


class Core:
    """The ACD: queues, agents, calls, routing, timers and statistics of one call center.

    Single-threaded and passive: it starts no thread and polls nothing. Every operation
    reads the clock, first fires the timers that fell due (each at its own due time), then
    acts; any assignment the operation makes possible happens inside it.
    """

    def __init__(self, *, clock: Callable[[], float] | None = None, seed: int = 0,
                 ended_call_memory: float = 3600.0, ended_call_limit: int = 100_000) -> None:
        if clock is not None and not callable(clock):
            raise InvalidArgumentError("clock must be a callable returning seconds", field="clock")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise InvalidArgumentError("seed must be an integer", field="seed")
        mem = _check_time(ended_call_memory, "ended_call_memory")
        if isinstance(ended_call_limit, bool) or not isinstance(ended_call_limit, int) or ended_call_limit < 0:
            raise InvalidArgumentError("ended_call_limit must be an integer >= 0", field="ended_call_limit")
        self._clock = clock if clock is not None else _time.monotonic
        self._rng = seed & MASK64
        self._now = 0.0
        self._queues: dict[str, _Queue] = {}
        self._agents: dict[str, _Agent] = {}
        self._calls: dict[str, _Call] = {}
        self._ended: dict[str, CallState] = {}
        self._ended_order: deque[tuple[float, str]] = deque()
        self._ended_memory = mem
        self._ended_limit = ended_call_limit
        self._skills: dict[str, int] = {}
        self._offers: dict[int, _Agent] = {}
        self._last_offer = 0
        self._explain: dict[int, Assignment] = {}
        self._explain_order: deque[int] = deque()
        self._timers: list[tuple[float, int, int, object]] = []
        self._sched_seq = 0
        self._call_seq = 0
        self._avail_seq = 0
        self._events: deque[Event] = deque()
        self._event_seq = 0
        self._routes = RouteTable(())
        self._routes_version = 0
        self._decisions = [0] * 256

    # ------------------------------------------------------------------ time
    @property
    def now(self) -> float:
        """The core's time: the clock reading of the last operation (or advance)."""
        return self._now

    def _read_clock(self) -> float:
        t = self._clock()
        if isinstance(t, bool) or not isinstance(t, (int, float)):
            raise InvalidTimeError("the clock returned a non-number", field="clock")
        t = float(t)
        if not math.isfinite(t) or t < 0 or t > MAX_TIME:
            raise InvalidTimeError(f"the clock returned {t!r}", field="clock")
        if t < self._now:
            raise InvalidTimeError(f"the clock went backwards: {t!r} < {self._now!r}", field="clock")
        return t

    def _begin(self) -> float:
        t = self._read_clock()
        self._run_timers(t)
        self._now = t
        # forget ended calls by the operation's own time, not by when advance() last ran, so
        # that replaying the same operations gives the same answers
        self._expire_ended()
        return t

    def _end(self) -> None:
        self._run_timers(self._now)
        self._expire_ended()

    def advance(self, now: float | None = None) -> int:
        """Fire every timer due at or before ``now`` (default: the clock); return how many fired."""
        if now is None:
            t = self._read_clock()
        else:
            t = _check_time(now, "now")
            if t < self._now:
                raise InvalidTimeError(f"advance() cannot go back in time: {t!r} < {self._now!r}", field="now")
        fired = self._run_timers(t)
        self._now = t
        self._expire_ended()
        return fired

    def next_timer(self) -> float | None:
        """When the next timer falls due (None: no timer); a server sleeps until then."""
        while self._timers:
            due, sseq, kind, obj = self._timers[0]
            if obj.timer == sseq:  # type: ignore[attr-defined]
                return due
            heapq.heappop(self._timers)
        return None

    def _schedule(self, obj: _Call | _Agent, kind: int, due: float) -> None:
        self._sched_seq += 1
        obj.timer = self._sched_seq
        heapq.heappush(self._timers, (due, self._sched_seq, kind, obj))

    def _run_timers(self, t: float) -> int:
        fired = 0
        timers = self._timers
        while timers and timers[0][0] <= t:
            due, sseq, kind, obj = heapq.heappop(timers)
            if obj.timer != sseq:  # type: ignore[attr-defined]
                continue  # rescheduled or cancelled since
            obj.timer = 0  # type: ignore[attr-defined]
            self._now = due
            fired += 1
            if kind == _K_CALL:
                self._fire_call(obj)  # type: ignore[arg-type]
            else:
                self._fire_agent(obj)  # type: ignore[arg-type]
        return fired

    # ------------------------------------------------------------------ events
    def _emit(self, etype: EventType, **fields: object) -> None:
        self._event_seq += 1
        self._events.append(Event(self._event_seq, self._now, etype, **fields))  # type: ignore[arg-type]

    def read_events(self, max_count: int | None = None) -> list[Event]:
        """Take the oldest pending events, in order (all of them by default)."""
        if max_count is None:
            n = len(self._events)
        else:
            if isinstance(max_count, bool) or not isinstance(max_count, int) or max_count < 0:
                raise InvalidArgumentError("max_count must be an integer >= 0", field="max_count")
            n = min(max_count, len(self._events))
        pop = self._events.popleft
        return [pop() for _ in range(n)]

    @property
    def events_pending(self) -> int:
        return len(self._events)

    @property
    def last_event_seq(self) -> int:
        return self._event_seq

    # ------------------------------------------------------------------ rng
    def _rand(self) -> int:
        # splitmix64: tiny, fast, and bit-identical in C and Python
        self._rng = (self._rng + 0x9E3779B97F4A7C15) & MASK64
        z = self._rng
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    # ------------------------------------------------------------------ skills
    def _skill_indexes(self, skills: Mapping[str, int]) -> dict[int, int]:
        new = [s for s in skills if s not in self._skills]
        if len(self._skills) + len(new) > MAX_SKILLS:
            raise TooManySkillsError(f"a core knows at most {MAX_SKILLS} skills", limit=MAX_SKILLS)
        for s in new:
            self._skills[s] = len(self._skills)
        return {self._skills[s]: lvl for s, lvl in skills.items()}

    def _check_new_skills(self, *maps: Mapping[str, int]) -> None:
        new = set()
        for m in maps:
            new.update(s for s in m if s not in self._skills)
        if len(self._skills) + len(new) > MAX_SKILLS:
            raise TooManySkillsError(f"a core knows at most {MAX_SKILLS} skills", limit=MAX_SKILLS)

    @staticmethod
    def _satisfies(agent: _Agent, sig: tuple) -> bool:
        levels = agent.levels
        for skill, level in sig:
            if levels.get(skill, 0) < level:
                return False
        return True

    # ------------------------------------------------------------------ lookups
    def _queue(self, name: object) -> _Queue:
        try:
            return self._queues[name]  # type: ignore[index]
        except (KeyError, TypeError):
            check_name(name, "queue name")
            raise UnknownQueueError(f"no queue named {name!r}", queue=name) from None

    def _agent(self, agent_id: object) -> _Agent:
        try:
            return self._agents[agent_id]  # type: ignore[index]
        except (KeyError, TypeError):
            check_name(agent_id, "agent id")
            raise UnknownAgentError(f"no agent {agent_id!r}", agent_id=agent_id) from None

    def _call(self, call_id: object) -> _Call:
        try:
            return self._calls[call_id]  # type: ignore[index]
        except (KeyError, TypeError):
            check_call_id(call_id)
            ended = self._ended.get(call_id)  # type: ignore[call-overload]
            if ended is not None:
                raise CallEndedError(f"call {call_id!r} has ended ({ended.name})",
                                     call_id=call_id, state=ended.name) from None
            raise UnknownCallError(f"no call {call_id!r}", call_id=call_id) from None

    # ------------------------------------------------------------------ queues
    def create_queue(self, config: QueueConfig) -> None:
        if not isinstance(config, QueueConfig):
            raise InvalidArgumentError("create_queue() takes a QueueConfig", field="config")
        self._begin()
        if config.name in self._queues:
            raise DuplicateQueueError(f"queue {config.name!r} exists", queue=config.name)
        self._check_queue_refs(config)
        self._check_new_skills(config.skills)
        q = _Queue(config)
        self._apply_queue_config(q, config)
        self._queues[config.name] = q
        self._emit(EventType.QUEUE_CREATED, queue=q.name)
        self._end()

    def _check_queue_refs(self, config: QueueConfig) -> None:
        if config.overflow_target is not None and config.overflow_target not in self._queues:
            raise UnknownQueueError(f"overflow target {config.overflow_target!r} of queue {config.name!r} "
                                    f"does not exist", queue=config.overflow_target)

    def _apply_queue_config(self, q: _Queue, config: QueueConfig) -> None:
        q.cfg = config
        q.weight = config.weight
        q.limit0 = -1 if config.max_penalty is None else config.max_penalty
        q.final_limit = -1 if config.final_penalty is None else config.final_penalty
        q.sig_base = self._skill_indexes(config.skills)

    def update_queue(self, config: QueueConfig) -> None:
        """Replace a queue's configuration; waiting calls keep their place.

        New penalty rules apply to waiting calls from now on, by how long they have waited;
        new queue skills re-sort waiting calls into their new skill buckets.
        """
        if not isinstance(config, QueueConfig):
            raise InvalidArgumentError("update_queue() takes a QueueConfig", field="config")
        t = self._begin()
        q = self._queue(config.name)
        self._check_queue_refs(config)
        self._check_new_skills(config.skills)
        # every waiting call must still fit the call-skill limit with the new queue skills
        waiting = self._waiting_in_order(q)
        # calls ringing now come back to this queue if unanswered: they take the new rules too
        ringing = [a.call for a in self._agents.values()
                   if a.state == AgentState.RESERVED and a.call is not None and a.call.queue is q]
        # unknown skill names get placeholder indexes: only the count matters here
        new_base = {self._skills.get(s, -1 - i): lvl for i, (s, lvl) in enumerate(config.skills.items())}
        for c in waiting + ringing:
            if len(self._merge_sig(new_base, self._skill_indexes_known(c.skills))) > MAX_CALL_SKILLS:
                raise InvalidArgumentError(
                    f"call {c.id!r} would need more than {MAX_CALL_SKILLS} skills with the new queue skills",
                    field="skills")
        for c in waiting:
            self._bucket_remove(c)
        self._apply_queue_config(q, config)
        self._emit(EventType.QUEUE_UPDATED, queue=q.name)
        for c in waiting + ringing:
            c.sig = self._merge_sig(q.sig_base, self._skill_indexes_known(c.skills))
            c.limit, c.step = self._limit_for(q, c.entered_at, t)
        for c in waiting:
            self._bucket_insert(c)
        self._recount_capable(q)
        for c in waiting:
            self._schedule_call(c)
        for c in waiting:
            if c.state == CallState.WAITING:
                self._match_call(c, Trigger.RECONFIGURED)
        self._check_leave_empty([q])
        self._end()

    def delete_queue(self, name: str) -> None:
        self._begin()
        q = self._queue(name)
        if q.n_waiting or q.n_ringing or q.n_connected:
            raise QueueNotEmptyError(f"queue {name!r} still has calls", queue=name)
        for other in self._queues.values():
            if other.cfg.overflow_target == name and other is not q:
                raise QueueInUseError(f"queue {other.name!r} overflows into {name!r}", queue=name)
        for r in self._routes.routes:
            if r.queue == name:
                raise QueueInUseError(f"route {r.pattern!r} sends calls to {name!r}", queue=name)
        for m in list(q.members):
            m.agent.members.remove(m)
        for a in self._agents.values():
            if a.wrap_queue is q:
                a.wrap_queue = None
        del self._queues[name]
        self._emit(EventType.QUEUE_DELETED, queue=name)
        self._end()

    def queue_names(self) -> list[str]:
        return list(self._queues)

    def get_queue(self, name: str) -> QueueConfig:
        return self._queue(name).cfg

    # ------------------------------------------------------------------ agents
    def add_agent(self, config: AgentConfig) -> None:
        if not isinstance(config, AgentConfig):
            raise InvalidArgumentError("add_agent() takes an AgentConfig", field="config")
        self._begin()
        if config.id in self._agents:
            raise DuplicateAgentError(f"agent {config.id!r} exists", agent_id=config.id)
        for qn in config.queues:
            self._queue(qn)
        self._check_new_skills(config.skills)
        a = _Agent(config.id)
        a.state_since = self._now
        self._set_agent_config(a, config)
        self._agents[config.id] = a
        self._emit(EventType.AGENT_ADDED, agent_id=a.id)
        self._end()

    def _set_agent_config(self, a: _Agent, config: AgentConfig) -> None:
        a.skills = config.skills
        a.levels = self._skill_indexes(config.skills)
        a.members = [_Member(a, self._queues[qn], pen) for qn, pen in config.queues.items()]
        for m in a.members:
            m.queue.members.append(m)

    def update_agent(self, config: AgentConfig) -> None:
        """Replace an agent's skills and memberships, in any state.

        A membership that stays keeps its ring position and its counters.
        """
        if not isinstance(config, AgentConfig):
            raise InvalidArgumentError("update_agent() takes an AgentConfig", field="config")
        self._begin()
        a = self._agent(config.id)
        for qn in config.queues:
            self._queue(qn)
        self._check_new_skills(config.skills)
        old = {m.queue.name: m for m in a.members}
        affected = {m.queue.name: m.queue for m in a.members}
        logged = a.state != AgentState.LOGGED_OUT
        ready = logged and a.state != AgentState.PAUSED
        avail = a.state == AgentState.AVAILABLE
        # leave everything as if logged out, then come back with the new definition
        if logged:
            for m in a.members:
                self._count_member(m, -1, ready)
        if avail:
            self._avail_remove(a)
        new_members = []
        a.skills = config.skills
        a.levels = self._skill_indexes(config.skills)
        for qn, pen in config.queues.items():
            m = old.pop(qn, None)
            if m is None:
                m = _Member(a, self._queues[qn], pen)
                m.queue.members.append(m)
            else:
                m.penalty = pen
            new_members.append(m)
            affected[qn] = m.queue
        for m in old.values():
            self._member_unlink(m)
        a.members = new_members
        if logged:
            for m in a.members:
                self._count_member(m, +1, ready)
        if avail:
            for m in a.members:
                self._tier_insert(m)
        self._emit(EventType.AGENT_UPDATED, agent_id=a.id)
        if old:
            self._lapse_targets(a, {m.queue.name for m in old.values()}, "left_queue")
        if a.state == AgentState.AVAILABLE:
            self._match_agent(a, Trigger.RECONFIGURED)
        self._check_leave_empty(list(affected.values()))
        self._end()

    def _member_unlink(self, m: _Member) -> None:
        q = m.queue
        i = q.members.index(m)
        del q.members[i]
        if i < q.rr_cursor:
            q.rr_cursor -= 1
        if q.rr_cursor >= len(q.members):
            q.rr_cursor = 0

    def remove_agent(self, agent_id: str) -> None:
        self._begin()
        a = self._agent(agent_id)
        if a.state != AgentState.LOGGED_OUT:
            raise AgentStateError(f"agent {agent_id!r} must log out before it is removed",
                                  agent_id=agent_id, state=a.state.name)
        for m in a.members:
            self._member_unlink(m)
        a.members = []
        del self._agents[agent_id]
        self._emit(EventType.AGENT_REMOVED, agent_id=agent_id)
        self._end()

    def login(self, agent_id: str) -> Offer | None:
        """LOGGED_OUT → AVAILABLE; the agent is offered a waiting call at once if one fits."""
        self._begin()
        a = self._agent(agent_id)
        if a.state != AgentState.LOGGED_OUT:
            raise AgentStateError(f"agent {agent_id!r} is already logged in ({a.state.name})",
                                  agent_id=agent_id, state=a.state.name)
        for m in a.members:
            self._count_member(m, +1, True)
        self._set_state(a, AgentState.AVAILABLE, "")
        self._match_agent(a, Trigger.AGENT_READY)
        self._end()
        return self._agent_offer(a)

    def logout(self, agent_id: str) -> None:
        """AVAILABLE, PAUSED or WRAP_UP → LOGGED_OUT (an agent with a call must finish it first)."""
        self._begin()
        a = self._agent(agent_id)
        if a.state == AgentState.LOGGED_OUT:
            raise AgentStateError(f"agent {agent_id!r} is not logged in", reason="AGENT_NOT_LOGGED_IN",
                                  agent_id=agent_id)
        if a.state in (AgentState.RESERVED, AgentState.BUSY):
            raise AgentStateError(f"agent {agent_id!r} is {a.state.name}: answer, reject or complete first",
                                  reason="AGENT_BUSY", agent_id=agent_id, state=a.state.name)
        ready = a.state != AgentState.PAUSED
        for m in a.members:
            self._count_member(m, -1, ready)
        self._set_state(a, AgentState.LOGGED_OUT, "")
        if a.tcalls:
            self._lapse_targets(a, None, "logged_out")
        self._check_leave_empty([m.queue for m in a.members])
        self._end()

    def pause(self, agent_id: str, reason: str) -> None:
        """AVAILABLE, WRAP_UP or PAUSED → PAUSED with a reason code (lunch, training, …)."""
        self._begin()
        a = self._agent(agent_id)
        check_text(reason, "pause reason", MAX_REASON_LEN, allow_empty=False)
        if a.state == AgentState.LOGGED_OUT:
            raise AgentStateError(f"agent {agent_id!r} is not logged in", reason="AGENT_NOT_LOGGED_IN",
                                  agent_id=agent_id)
        if a.state in (AgentState.RESERVED, AgentState.BUSY):
            raise AgentStateError(f"agent {agent_id!r} is {a.state.name} and cannot pause now",
                                  reason="AGENT_BUSY", agent_id=agent_id, state=a.state.name)
        if a.state == AgentState.PAUSED and a.reason == reason:
            self._end()
            return
        was_ready = a.state != AgentState.PAUSED
        if was_ready:
            for m in a.members:
                m.queue.n_ready -= 1
        self._set_state(a, AgentState.PAUSED, reason)
        self._check_leave_empty([m.queue for m in a.members])
        self._end()

    def set_ready(self, agent_id: str) -> Offer | None:
        """PAUSED or WRAP_UP → AVAILABLE (unpause, or end wrap-up early); AVAILABLE stays."""
        self._begin()
        a = self._agent(agent_id)
        if a.state == AgentState.AVAILABLE:
            self._end()
            return None
        if a.state not in (AgentState.PAUSED, AgentState.WRAP_UP):
            reason = "AGENT_NOT_LOGGED_IN" if a.state == AgentState.LOGGED_OUT else "AGENT_BUSY"
            raise AgentStateError(f"agent {agent_id!r} is {a.state.name} and cannot become ready",
                                  reason=reason, agent_id=agent_id, state=a.state.name)
        if a.state == AgentState.PAUSED:
            for m in a.members:
                m.queue.n_ready += 1
        self._set_state(a, AgentState.AVAILABLE, "")
        self._match_agent(a, Trigger.AGENT_READY)
        self._end()
        return self._agent_offer(a)

    def _count_member(self, m: _Member, delta: int, ready: bool) -> None:
        q = m.queue
        q.n_logged += delta
        if ready:
            q.n_ready += delta
        for b in q.buckets.values():
            if self._capable(m, b.sig):
                b.n_capable += delta

    def _capable(self, m: _Member, sig: tuple) -> bool:
        q = m.queue
        if q.final_limit >= 0 and m.penalty > q.final_limit:
            return False
        return self._satisfies(m.agent, sig)

    def _recount_capable(self, q: _Queue) -> None:
        for b in q.buckets.values():
            b.n_capable = sum(1 for m in q.members
                              if m.agent.state != AgentState.LOGGED_OUT and self._capable(m, b.sig))

    def _set_state(self, a: _Agent, new: AgentState, reason: str) -> None:
        """Account the time spent in the old state, then switch; keeps tiers and timers right."""
        t = self._now
        old = a.state
        spent = t - a.state_since
        if old == AgentState.AVAILABLE:
            a.idle += spent
            self._avail_remove(a)
        elif old == AgentState.RESERVED:
            a.ring += spent
        elif old == AgentState.BUSY:
            a.talk += spent
        elif old == AgentState.WRAP_UP:
            a.wrap += spent
            self._end_wrap(a, spent)
        elif old == AgentState.PAUSED:
            a.pause_total += spent
            a.pause_by_reason[a.reason] = a.pause_by_reason.get(a.reason, 0.0) + spent
        if old != AgentState.LOGGED_OUT:
            a.logged_in_time += spent
        if old in (AgentState.RESERVED, AgentState.WRAP_UP):
            a.timer = 0  # offer timeout / wrap-up end no longer apply
        prev_reason = a.reason
        a.state = new
        a.state_since = t
        a.reason = reason
        if new == AgentState.AVAILABLE:
            self._avail_seq += 1
            a.available_since = t
            a.avail_seq = self._avail_seq
            for m in a.members:
                self._tier_append(m)
        self._emit(EventType.AGENT_STATE_CHANGED, agent_id=a.id, agent_state=new, previous_state=old,
                   reason=reason if new == AgentState.PAUSED else prev_reason if old == AgentState.PAUSED else "")

    def _end_wrap(self, a: _Agent, wrap: float) -> None:
        q = a.wrap_queue
        if q is not None:
            q.handled += 1
            q.handle_time += a.wrap_talk + wrap
        a.wrap_queue = None

    # ------------------------------------------------------------------ tiers
    def _tier_append(self, m: _Member) -> None:
        m.queue.avail.setdefault(m.penalty, []).append(m)

    def _tier_insert(self, m: _Member) -> None:
        lst = m.queue.avail.setdefault(m.penalty, [])
        seq = m.agent.avail_seq
        i = len(lst)
        while i > 0 and lst[i - 1].agent.avail_seq > seq:
            i -= 1
        lst.insert(i, m)

    def _avail_remove(self, a: _Agent) -> None:
        for m in a.members:
            lst = m.queue.avail.get(m.penalty)
            if lst is not None and m in lst:
                lst.remove(m)
                if not lst:
                    del m.queue.avail[m.penalty]

    # ------------------------------------------------------------------ calls
    def enqueue(self, call_id: str, queue: str, *, caller: str = "", dialled: str = "",
                priority: Priority = Priority.NORMAL, skills: Mapping[str, int] | None = None,
                attributes: Mapping[str, str] | None = None, enqueue_time: float | None = None,
                target_agent: str = "", target_timeout: float = 0.0) -> Offer | None:
        """Put a call in a queue; returns the offer if an agent was free for it at once.

        Idempotent on ``call_id``: submitting the same call again changes nothing (a reconnecting
        hook re-sends its waiting calls with their original ``enqueue_time``); the same id with
        other details is refused.

        ``target_agent`` (a member of the queue) makes the call targeted: it is offered to that
        agent only, ahead of everything else the agent could take, until ``target_timeout``
        seconds after its enqueue time (0: never), the agent logs out or leaves the queue; then
        it joins the queue's normal line at its original place (CALL_TARGET_LAPSED).
        """
        t = self._begin()
        check_call_id(call_id)
        q = self._queue(queue)
        check_text(caller, "caller", MAX_NUMBER_LEN)
        check_text(dialled, "dialled", MAX_NUMBER_LEN)
        prio = check_enum(Priority, priority, "priority")
        skills = check_skills({} if skills is None else skills, "call skills", max_count=MAX_CALL_SKILLS)
        attributes = check_attributes({} if attributes is None else attributes)
        if enqueue_time is None:
            entered = t
        else:
            entered = _check_time(enqueue_time, "enqueue_time")
            if entered > t:
                raise InvalidTimeError(f"enqueue_time {entered!r} lies in the future (now {t!r})",
                                       field="enqueue_time")
        if target_agent != "":
            check_name(target_agent, "target agent id")
        tmo = _check_time(target_timeout, "target_timeout")
        orig = (queue, caller, dialled, prio, dict(skills), dict(attributes), target_agent, tmo)
        existing = self._calls.get(call_id)
        if existing is not None:
            if existing.orig == orig:
                self._end()
                return None
            raise DuplicateCallError(f"call {call_id!r} exists with other details", call_id=call_id)
        ended = self._ended.get(call_id)
        if ended is not None:
            raise CallEndedError(f"call {call_id!r} has ended ({ended.name})",
                                 call_id=call_id, state=ended.name)
        target: _Agent | None = None
        if target_agent != "":
            target = self._agents.get(target_agent)
            if target is None:
                raise UnknownAgentError(f"no agent {target_agent!r} to target", agent_id=target_agent,
                                        field="target agent id")
            if self._member_of(target, q) is None:
                raise AgentNotInQueueError(f"agent {target_agent!r} is not a member of queue {q.name!r}",
                                           agent_id=target_agent, queue=q.name)
        self._check_new_skills(skills)
        sig = self._merge_sig(q.sig_base, {self._skills.get(s, -1 - i): lvl
                                            for i, (s, lvl) in enumerate(skills.items())})
        if len(sig) > MAX_CALL_SKILLS:
            raise InvalidArgumentError(f"a call may require at most {MAX_CALL_SKILLS} skills, queue skills "
                                       f"included", field="skills")
        # refusals are recorded (event + counter) but keep nothing of the call
        cfg = q.cfg
        if cfg.max_waiting and q.n_waiting + q.n_ringing >= cfg.max_waiting:
            q.rejected += 1
            self._emit(EventType.CALL_REJECTED, call_id=call_id, queue=q.name, caller=caller, priority=prio,
                       reason="queue_full")
            raise QueueFullError(f"queue {q.name!r} is full ({cfg.max_waiting} calls)", queue=q.name)
        sig_idx = self._merge_sig(q.sig_base, self._skill_indexes(skills))
        if self._is_empty(q, cfg.join_empty, sig_idx):
            q.rejected += 1
            self._emit(EventType.CALL_REJECTED, call_id=call_id, queue=q.name, caller=caller, priority=prio,
                       reason="queue_empty")
            raise QueueEmptyError(f"queue {q.name!r} has no agent to take the call "
                                  f"(join rule {cfg.join_empty.name})", queue=q.name)
        c = _Call()
        c.id = call_id
        c.orig = orig
        c.caller = caller
        c.dialled = dialled
        c.priority = prio
        c.skills = skills
        c.attributes = attributes
        c.arrived_at = entered
        c.target = target
        c.target_timeout = tmo
        self._calls[call_id] = c
        self._enter(c, q, entered, prio, "")
        if target is not None and target.state == AgentState.LOGGED_OUT:
            # a targeted call never waits for an agent who is not there
            self._lapse(c, "logged_out")
        self._match_call(c, Trigger.CALL_ARRIVED)
        self._check_leave_empty_call(c)
        self._end()
        return self._call_offer(c)

    def _merge_sig(self, base: Mapping[int, int], extra: Mapping[int, int]) -> tuple:
        merged = dict(base)
        for s, lvl in extra.items():
            if merged.get(s, 0) < lvl:
                merged[s] = lvl
        return tuple(sorted(merged.items()))

    def _enter(self, c: _Call, q: _Queue, entered: float, prio: Priority, how: str) -> None:
        """The call joins ``q`` (first time, transfer or overflow) and waits."""
        c.queue = q
        c.state = CallState.WAITING
        c.priority = prio
        c.cls = PRIO if prio == Priority.PRIORITY else NORMAL
        c.promoted = False
        c.entered_at = entered
        self._call_seq += 1
        c.seq = self._call_seq
        c.excl = []
        c.sig = self._merge_sig(q.sig_base, self._skill_indexes_known(c.skills))
        c.limit, c.step = q.limit0, -1
        self._bucket_insert(c)
        q.offered += 1
        c.entry_position = self._position(c)
        self._emit(EventType.CALL_ENQUEUED, call_id=c.id, queue=q.name, priority=prio, caller=c.caller,
                   agent_id=c.target.id if c.target is not None else None,
                   position=c.entry_position, entry_position=c.entry_position, penalty_limit=c.limit, reason=how)
        self._schedule_call(c)

    def _bucket_insert(self, c: _Call) -> None:
        if c.target is not None:
            self._target_insert(c)
            return
        q = c.queue
        b = q.buckets.get(c.sig)
        if b is None:
            b = _Bucket(c.sig)
            b.n_capable = sum(1 for m in q.members
                              if m.agent.state != AgentState.LOGGED_OUT and self._capable(m, c.sig))
            q.buckets[c.sig] = b
        c.bucket = b
        b.insert(c.cls, c)

    def _bucket_remove(self, c: _Call) -> None:
        if c.target is not None:
            self._target_remove(c)
            return
        assert c.bucket is not None
        c.bucket.remove(c.cls, c)
        c.bucket = None

    # ------------------------------------------------------------------ targeted calls
    def _target_insert(self, c: _Call) -> None:
        a = c.target
        assert a is not None
        key = (-c.cls, c.entered_at, c.seq)
        i = bisect.bisect_left(a.tkeys, key)
        a.tkeys.insert(i, key)
        a.tcalls.insert(i, c)
        c.queue.targeted[c] = None

    def _target_remove(self, c: _Call) -> None:
        a = c.target
        assert a is not None
        i = bisect.bisect_left(a.tkeys, (-c.cls, c.entered_at, c.seq))
        del a.tkeys[i]
        del a.tcalls[i]
        del c.queue.targeted[c]

    @staticmethod
    def _member_of(a: _Agent, q: _Queue) -> _Member | None:
        for m in a.members:
            if m.queue is q:
                return m
        return None

    def _lapse(self, c: _Call, why: str) -> None:
        """The call stops being targeted; a waiting one joins the normal line at its place."""
        a = c.target
        assert a is not None
        waiting = c.state == CallState.WAITING
        if waiting:
            self._target_remove(c)
        c.target = None
        if waiting:
            self._bucket_insert(c)
        self._emit(EventType.CALL_TARGET_LAPSED, call_id=c.id, queue=c.queue.name, agent_id=a.id, reason=why,
                   position=self._position(c) if waiting else 0, entry_position=c.entry_position,
                   wait_time=self._now - c.entered_at)
        if waiting:
            self._schedule_call(c)

    def _lapse_targets(self, a: _Agent, queues: set[str] | None, why: str) -> None:
        """Lapse ``a``'s targeted calls (of ``queues`` only, if given): ringing one first,
        then the waiting ones in their order, each routed normally at once."""
        c = a.call
        if (c is not None and c.state == CallState.OFFERED and c.target is a
                and (queues is None or c.queue.name in queues)):
            self._lapse(c, why)
        for c in list(a.tcalls):
            if queues is None or c.queue.name in queues:
                self._lapse(c, why)
                if c.state == CallState.WAITING:
                    self._match_call(c, Trigger.REQUEUED)

    def _limit_for(self, q: _Queue, entered: float, t: float) -> tuple[int, int]:
        limit, step = q.limit0, -1
        for i, rule in enumerate(q.cfg.penalty_rules):
            # the same sum the timer was scheduled with: (t - entered) >= after can be false
            # at the very due time through rounding, and the timer would fire forever
            if t >= entered + rule.after:
                limit, step = rule.max_penalty, i
        return limit, step

    def _call_due(self, c: _Call) -> float:
        cfg = c.queue.cfg
        due = math.inf
        rules = cfg.penalty_rules
        if c.step + 1 < len(rules):
            due = c.entered_at + rules[c.step + 1].after
        if cfg.overflow_after is not None:
            due = min(due, c.entered_at + cfg.overflow_after)
        if cfg.max_priority_overtake is not None and c.cls == NORMAL:
            due = min(due, c.entered_at + cfg.max_priority_overtake)
        for _agent, until in c.excl:
            due = min(due, until)
        if c.target is not None and c.target_timeout > 0:
            due = min(due, c.entered_at + c.target_timeout)
        return due

    def _schedule_call(self, c: _Call) -> None:
        due = self._call_due(c)
        if due == math.inf:
            c.timer = 0
        else:
            self._schedule(c, _K_CALL, max(due, self._now))

    def _fire_call(self, c: _Call) -> None:
        t = self._now
        q = c.queue
        cfg = q.cfg
        pruned = False
        if c.excl:
            keep = [e for e in c.excl if e[1] > t]
            pruned = len(keep) != len(c.excl)
            c.excl = keep
        if (cfg.max_priority_overtake is not None and c.cls == NORMAL
                and t >= c.entered_at + cfg.max_priority_overtake):
            self._bucket_remove(c)
            c.cls = PRIO
            c.promoted = True
            self._bucket_insert(c)
            self._emit(EventType.CALL_PROMOTED, call_id=c.id, queue=q.name, wait_time=t - c.entered_at)
        limit, step = self._limit_for(q, c.entered_at, t)
        escalated = step != c.step
        if escalated:
            c.limit, c.step = limit, step
            self._emit(EventType.CALL_ESCALATED, call_id=c.id, queue=q.name, penalty_limit=limit, step=step,
                       wait_time=t - c.entered_at)
        lapsed = c.target is not None and c.target_timeout > 0 and t >= c.entered_at + c.target_timeout
        if lapsed:
            self._lapse(c, "timeout")
        if escalated or pruned or lapsed:
            self._match_call(c, Trigger.ESCALATION if escalated else Trigger.REQUEUED if lapsed else Trigger.RETRY)
        if (c.state == CallState.WAITING and cfg.overflow_after is not None
                and t >= c.entered_at + cfg.overflow_after):
            self._overflow(c, "timeout")
        if c.state == CallState.WAITING:
            self._schedule_call(c)

    def _fire_agent(self, a: _Agent) -> None:
        if a.state == AgentState.RESERVED:
            self._no_answer(a, "timeout")
        elif a.state == AgentState.WRAP_UP:
            self._set_state(a, AgentState.AVAILABLE, "")
            self._match_agent(a, Trigger.AGENT_READY)

    # ------------------------------------------------------------------ matching
    def _eligible(self, m: _Member, c: _Call) -> bool:
        if c.limit >= 0 and m.penalty > c.limit:
            return False
        a = m.agent
        for ex_agent, _until in c.excl:
            if ex_agent is a:
                return False
        return self._satisfies(a, c.sig)

    def _match_call(self, c: _Call, trigger: Trigger) -> bool:
        """Offer the waiting call ``c`` to the best AVAILABLE agent of its queue, if any."""
        started = _time.perf_counter_ns()
        if c.target is not None:
            # targeted: its agent or nobody, whatever the strategy, skills and penalty limit say
            a = c.target
            ok = a.state == AgentState.AVAILABLE and not any(ex is a for ex, _u in c.excl)
            self._decision_done(started)
            if ok:
                m = self._member_of(a, c.queue)
                assert m is not None
                self._offer(c, m, trigger, 1, self._now - c.entered_at, True)
            return ok
        q = c.queue
        strategy = q.cfg.strategy
        examined = 0
        winner: _Member | None = None
        score = 0.0
        tiers = sorted(p for p in q.avail if c.limit < 0 or p <= c.limit)
        if strategy == Strategy.WEIGHTED_RANDOM:
            best = None
            for p in tiers:
                for m in q.avail[p]:
                    examined += 1
                    if self._eligible(m, c):
                        r = self._rand() % ((1 + m.penalty) * 1000)
                        if best is None or r < best:
                            best, winner = r, m
            score = float(best) if best is not None else 0.0
        else:
            for p in tiers:
                lst = q.avail[p]
                if strategy == Strategy.LONGEST_IDLE:
                    for m in lst:
                        examined += 1
                        if self._eligible(m, c):
                            winner = m
                            score = self._now - m.agent.available_since
                            break
                else:
                    elig = []
                    for m in lst:
                        examined += 1
                        if self._eligible(m, c):
                            elig.append(m)
                    if elig:
                        winner, score = self._pick(q, strategy, elig, c)
                if winner is not None:
                    break
        self._decision_done(started)
        if winner is None:
            return False
        if strategy == Strategy.ROUND_ROBIN:
            n = len(q.members)
            q.rr_cursor = (q.members.index(winner) + 1) % n
        self._offer(c, winner, trigger, examined, score)
        return True

    def _pick(self, q: _Queue, strategy: Strategy, elig: list[_Member], c: _Call) -> tuple[_Member, float]:
        if strategy == Strategy.FEWEST_CALLS:
            best = min(elig, key=lambda m: m.calls)
            return best, float(best.calls)
        if strategy == Strategy.LEAST_TALK_TIME:
            best = min(elig, key=lambda m: m.talk_time)
            return best, best.talk_time
        if strategy == Strategy.HIGHEST_SKILL:
            def skill_sum(m: _Member) -> int:
                return sum(m.agent.levels.get(s, 0) for s, _lvl in c.sig)
            best = max(elig, key=skill_sum)  # max() keeps the first of equals: longest idle
            return best, float(skill_sum(best))
        if strategy == Strategy.RANDOM:
            i = self._rand() % len(elig)
            return elig[i], float(i)
        if strategy == Strategy.ROUND_ROBIN:
            n = len(q.members)
            pos = {id(m): i for i, m in enumerate(q.members)}

            def dist(m: _Member) -> int:
                return (pos[id(m)] - q.rr_cursor) % n
            best = min(elig, key=dist)
            return best, float(dist(best))
        raise AssertionError(strategy)

    def _match_agent(self, a: _Agent, trigger: Trigger) -> bool:
        """The AVAILABLE agent ``a`` takes the best waiting call of its queues, if any."""
        started = _time.perf_counter_ns()
        t = self._now
        best: _Call | None = None
        best_key: tuple | None = None
        best_member: _Member | None = None
        examined = 0
        # calls targeted at this agent come before anything else of its queues
        for c in a.tcalls:
            if any(ex is a for ex, _u in c.excl):
                continue
            m = self._member_of(a, c.queue)
            assert m is not None
            self._decision_done(started)
            self._offer(c, m, trigger, 1, t - c.entered_at, True)
            return True
        for m in a.members:
            q = m.queue
            for cls in (PRIO, NORMAL):
                for b in q.buckets.values():
                    calls = b.calls[cls]
                    if not calls or not self._satisfies(a, b.sig):
                        continue
                    for c in calls:
                        if any(ex is a for ex, _u in c.excl):
                            continue
                        examined += 1
                        if c.limit < 0 or m.penalty <= c.limit:
                            key = (cls, (t - c.entered_at) * q.weight, -c.seq)
                            if best_key is None or key > best_key:
                                best, best_key, best_member = c, key, m
                        break
        self._decision_done(started)
        if best is None:
            return False
        assert best_key is not None and best_member is not None
        self._offer(best, best_member, trigger, examined, best_key[1])
        return True

    def _offer(self, c: _Call, m: _Member, trigger: Trigger, candidates: int, score: float,
               targeted: bool = False) -> None:
        a = m.agent
        q = c.queue
        t = self._now
        self._bucket_remove(c)
        c.timer = 0
        self._last_offer += 1
        oid = self._last_offer
        c.state = CallState.OFFERED
        c.agent = a
        c.offer_id = oid
        c.offer_time = t
        q.n_ringing += 1
        a.call = c
        a.offer_id = oid
        a.offer_time = t
        a.offer_expires = t + q.cfg.offer_timeout
        self._offers[oid] = a
        self._emit(EventType.CALL_OFFERED, call_id=c.id, agent_id=a.id, queue=q.name, offer_id=oid,
                   priority=Priority.PRIORITY if c.cls == PRIO else Priority.NORMAL, wait_time=t - c.entered_at,
                   trigger=trigger, candidates=candidates, score=score, penalty=m.penalty, penalty_limit=c.limit,
                   step=c.step, reason="targeted" if targeted else "")
        self._set_state(a, AgentState.RESERVED, "")
        self._schedule(a, _K_AGENT, a.offer_expires)
        a.timer_due = a.offer_expires
        self._explain[oid] = Assignment(oid, c.id, a.id, q.name, t, trigger, q.cfg.strategy, candidates, score,
                                        m.penalty, c.limit, c.step, targeted)
        self._explain_order.append(oid)
        if len(self._explain_order) > EXPLAIN_CAPACITY:
            del self._explain[self._explain_order.popleft()]

    def _call_offer(self, c: _Call) -> Offer | None:
        if c.state != CallState.OFFERED or c.agent is None:
            return None
        a = c.agent
        return Offer(c.offer_id, c.id, a.id, c.queue.name, c.offer_time, a.offer_expires)

    def _agent_offer(self, a: _Agent) -> Offer | None:
        if a.state != AgentState.RESERVED or a.call is None:
            return None
        return self._call_offer(a.call)

    # ------------------------------------------------------------------ offers
    def _offer_agent(self, offer_id: object) -> _Agent:
        if isinstance(offer_id, bool) or not isinstance(offer_id, int):
            raise InvalidArgumentError("offer id must be an integer", field="offer_id")
        a = self._offers.get(offer_id)
        if a is None:
            if 0 < offer_id <= self._last_offer:
                raise StaleOfferError(f"offer {offer_id} was already answered, rejected or withdrawn",
                                      offer_id=offer_id)
            raise UnknownOfferError(f"no offer {offer_id}", offer_id=offer_id)
        return a

    def accept(self, offer_id: int) -> None:
        """The agent answered: RESERVED → BUSY, the call is CONNECTED."""
        t = self._begin()
        a = self._offer_agent(offer_id)
        c = a.call
        assert c is not None
        q = c.queue
        del self._offers[offer_id]
        wait = t - c.entered_at
        ring = t - c.offer_time
        c.state = CallState.CONNECTED
        c.answered_at = t
        c.target = None  # fulfilled
        q.n_ringing -= 1
        q.n_connected += 1
        q.answered += 1
        if wait <= q.cfg.service_level_threshold:
            q.answered_sl += 1
        q.wait_answered += wait
        for m in a.members:
            if m.queue is q:
                m.calls += 1
        a.calls += 1
        a.consec_na = 0
        self._emit(EventType.CALL_ANSWERED, call_id=c.id, agent_id=a.id, queue=q.name, offer_id=offer_id,
                   wait_time=wait, ring_time=ring, entry_position=c.entry_position)
        a.offer_id = 0
        self._set_state(a, AgentState.BUSY, "")
        self._end()

    def reject(self, offer_id: int) -> None:
        """The agent declined (or its phone was busy): the call goes back to its place."""
        self._begin()
        a = self._offer_agent(offer_id)
        self._no_answer(a, "rejected")
        self._end()

    def _no_answer(self, a: _Agent, why: str) -> None:
        t = self._now
        c = a.call
        assert c is not None
        q = c.queue
        del self._offers[a.offer_id]
        c.no_answers += 1
        a.no_answers += 1
        a.consec_na += 1
        self._emit(EventType.CALL_NO_ANSWER, call_id=c.id, agent_id=a.id, queue=q.name, offer_id=a.offer_id,
                   ring_time=t - c.offer_time, reason=why)
        q.n_ringing -= 1
        c.state = CallState.WAITING
        c.agent = None
        c.offer_id = 0
        a.call = None
        a.offer_id = 0
        if q.cfg.retry_delay > 0:
            self._exclude(c, a, t + q.cfg.retry_delay)
        self._bucket_insert(c)
        if q.cfg.auto_pause_after and a.consec_na >= q.cfg.auto_pause_after:
            a.consec_na = 0
            for m in a.members:
                m.queue.n_ready -= 1
            self._set_state(a, AgentState.PAUSED, AUTO_PAUSE_REASON)
        else:
            self._set_state(a, AgentState.AVAILABLE, "")
        self._schedule_call(c)
        self._match_call(c, Trigger.REQUEUED)
        if a.state == AgentState.AVAILABLE:
            self._match_agent(a, Trigger.AGENT_READY)
        if a.state == AgentState.PAUSED:
            self._check_leave_empty([m.queue for m in a.members])

    def _exclude(self, c: _Call, a: _Agent, until: float) -> None:
        for e in c.excl:
            if e[0] is a:
                e[1] = until
                return
        if len(c.excl) < MAX_EXCLUSIONS:
            c.excl.append([a, until])
            return
        oldest = min(range(len(c.excl)), key=lambda i: c.excl[i][1])
        c.excl[oldest] = [a, until]

    def complete(self, call_id: str, *, hangup_by: HangupBy = HangupBy.AGENT) -> None:
        """The connected call ended: the agent goes to WRAP_UP (or AVAILABLE without wrap-up)."""
        self._begin()
        by = check_enum(HangupBy, hangup_by, "hangup_by")
        c = self._call(call_id)
        if c.state != CallState.CONNECTED:
            raise CallStateError(f"call {call_id!r} is {c.state.name}, not CONNECTED", call_id=call_id,
                                 state=c.state.name)
        self._complete(c, by)
        self._end()

    def _complete(self, c: _Call, by: HangupBy) -> None:
        t = self._now
        a = c.agent
        assert a is not None
        q = c.queue
        talk = t - c.answered_at
        q.n_connected -= 1
        q.completed += 1
        for m in a.members:
            if m.queue is q:
                m.talk_time += talk
        self._emit(EventType.CALL_COMPLETED, call_id=c.id, agent_id=a.id, queue=q.name,
                   wait_time=c.answered_at - c.entered_at, talk_time=talk, entry_position=c.entry_position,
                   reason="agent" if by == HangupBy.AGENT else "caller")
        self._finish(c, CallState.COMPLETED)
        self._release_agent(a, q, talk)

    def _release_agent(self, a: _Agent, q: _Queue, talk: float) -> None:
        a.call = None
        wrap = q.cfg.wrap_up
        a.wrap_queue = q
        a.wrap_talk = talk
        if wrap > 0:
            self._set_state(a, AgentState.WRAP_UP, "")
            a.timer_due = self._now + wrap
            self._schedule(a, _K_AGENT, a.timer_due)
        else:
            self._end_wrap(a, 0.0)
            self._set_state(a, AgentState.AVAILABLE, "")
            self._match_agent(a, Trigger.AGENT_READY)

    def _finish(self, c: _Call, state: CallState) -> None:
        c.state = state
        c.timer = 0
        c.target = None
        del self._calls[c.id]
        self._ended[c.id] = state
        self._ended_order.append((self._now, c.id))

    def _expire_ended(self) -> None:
        limit = self._now - self._ended_memory
        order = self._ended_order
        while order and (order[0][0] <= limit or len(order) > self._ended_limit):
            _t, cid = order.popleft()
            self._ended.pop(cid, None)

    def cancel(self, call_id: str) -> None:
        """The caller hung up. A waiting or ringing call is abandoned; a connected one completes."""
        t = self._begin()
        c = self._call(call_id)
        q = c.queue
        if c.state == CallState.CONNECTED:
            self._complete(c, HangupBy.CALLER)
            self._end()
            return
        wait = t - c.entered_at
        if c.state == CallState.WAITING:
            pos = self._position(c)
            self._bucket_remove(c)
            q.abandoned += 1
            if wait < q.cfg.short_abandon_threshold:
                q.short_abandoned += 1
            self._emit(EventType.CALL_ABANDONED, call_id=c.id, queue=q.name, position=pos,
                       entry_position=c.entry_position, wait_time=wait)
            self._finish(c, CallState.ABANDONED)
        else:  # OFFERED: ringing at an agent, who is released without a no-answer
            a = c.agent
            assert a is not None
            del self._offers[c.offer_id]
            q.n_ringing -= 1
            q.abandoned += 1
            if wait < q.cfg.short_abandon_threshold:
                q.short_abandoned += 1
            self._emit(EventType.CALL_ABANDONED, call_id=c.id, queue=q.name, agent_id=a.id, offer_id=c.offer_id,
                       entry_position=c.entry_position, wait_time=wait, ring_time=t - c.offer_time)
            self._finish(c, CallState.ABANDONED)
            a.call = None
            a.offer_id = 0
            self._set_state(a, AgentState.AVAILABLE, "")
            self._match_agent(a, Trigger.AGENT_READY)
        self._end()

    def transfer(self, call_id: str, queue: str) -> Offer | None:
        """Move a call to ``queue``, where it waits as PRIORITY and keeps its history.

        A waiting or ringing call just moves; a connected call is a blind transfer by its
        agent, who goes to wrap-up. The target's capacity and join rule apply.
        """
        t = self._begin()
        c = self._call(call_id)
        target = self._queue(queue)
        cfg = target.cfg
        if cfg.max_waiting and target.n_waiting + target.n_ringing >= cfg.max_waiting:
            raise QueueFullError(f"queue {target.name!r} is full ({cfg.max_waiting} calls)", queue=target.name)
        sig_check = self._merge_sig(target.sig_base, self._skill_indexes_known(c.skills))
        if len(sig_check) > MAX_CALL_SKILLS:
            raise InvalidArgumentError(f"the call would need more than {MAX_CALL_SKILLS} skills in "
                                       f"{target.name!r}", field="queue")
        if self._is_empty(target, cfg.join_empty, sig_check):
            raise QueueEmptyError(f"queue {target.name!r} has no agent to take the call", queue=target.name)
        src = c.queue
        freed: _Agent | None = None
        if c.state == CallState.WAITING:
            pos = self._position(c)
            self._bucket_remove(c)
            src.transferred_out += 1
            self._emit(EventType.CALL_TRANSFERRED, call_id=c.id, queue=src.name, target_queue=target.name,
                       position=pos, entry_position=c.entry_position, wait_time=t - c.entered_at)
        elif c.state == CallState.OFFERED:
            a = c.agent
            assert a is not None
            del self._offers[c.offer_id]
            src.n_ringing -= 1
            src.transferred_out += 1
            self._emit(EventType.CALL_TRANSFERRED, call_id=c.id, queue=src.name, target_queue=target.name,
                       agent_id=a.id, offer_id=c.offer_id, entry_position=c.entry_position,
                       wait_time=t - c.entered_at, ring_time=t - c.offer_time)
            a.call = None
            a.offer_id = 0
            c.agent = None
            c.offer_id = 0
            self._set_state(a, AgentState.AVAILABLE, "")
            freed = a
        else:  # CONNECTED: blind transfer by the agent
            a = c.agent
            assert a is not None
            talk = t - c.answered_at
            src.n_connected -= 1
            src.completed += 1
            for m in a.members:
                if m.queue is src:
                    m.talk_time += talk
            self._emit(EventType.CALL_TRANSFERRED, call_id=c.id, queue=src.name, target_queue=target.name,
                       agent_id=a.id, entry_position=c.entry_position, wait_time=c.answered_at - c.entered_at,
                       talk_time=talk)
            c.agent = None
            self._release_agent(a, src, talk)
        c.history.append(src.name)
        c.target = None  # a transfer is a new routing decision: the target does not follow
        self._enter(c, target, t, Priority.PRIORITY, "transfer")
        self._match_call(c, Trigger.TRANSFERRED)
        if freed is not None and freed.state == AgentState.AVAILABLE:
            self._match_agent(freed, Trigger.AGENT_READY)
        if c.state == CallState.WAITING:
            self._check_leave_empty_call(c)
        self._end()
        return self._call_offer(c) if c.id in self._calls else None

    def _skill_indexes_known(self, skills: Mapping[str, int]) -> dict[int, int]:
        # call skills were registered when the call was enqueued
        return {self._skills[s]: lvl for s, lvl in skills.items()}

    def _overflow(self, c: _Call, why: str) -> None:
        t = self._now
        q = c.queue
        pos = self._position(c)
        self._bucket_remove(c)
        c.target = None  # the call leaves the queue its target serves
        q.overflowed += 1
        target_name = q.cfg.overflow_target
        wait = t - c.entered_at
        if target_name is not None and c.hops >= MAX_OVERFLOW_HOPS:
            target_name, why = None, "loop"
        if target_name is None:
            self._emit(EventType.CALL_OVERFLOWED, call_id=c.id, queue=q.name, reason=why, position=pos,
                       entry_position=c.entry_position, wait_time=wait)
            self._finish(c, CallState.OVERFLOWED)
            return
        target = self._queues[target_name]
        self._emit(EventType.CALL_OVERFLOWED, call_id=c.id, queue=q.name, target_queue=target.name, reason=why,
                   position=pos, entry_position=c.entry_position, wait_time=wait)
        c.hops += 1
        c.history.append(q.name)
        self._enter(c, target, t, c.priority, "overflow")
        self._match_call(c, Trigger.OVERFLOWED)
        self._check_leave_empty_call(c)

    # ------------------------------------------------------------------ empty rules
    def _is_empty(self, q: _Queue, rule: EmptyRule, sig: tuple) -> bool:
        if rule == EmptyRule.NEVER:
            return False
        if rule == EmptyRule.NO_AGENTS:
            return q.n_logged == 0
        if rule == EmptyRule.NO_READY:
            return q.n_ready == 0
        b = q.buckets.get(sig)
        if b is not None:
            return b.n_capable == 0
        return not any(m.agent.state != AgentState.LOGGED_OUT and self._capable(m, sig) for m in q.members)

    def _check_leave_empty_call(self, c: _Call) -> None:
        while c.state == CallState.WAITING and self._is_empty(c.queue, c.queue.cfg.leave_empty, c.sig):
            self._overflow(c, "empty")

    def _check_leave_empty(self, queues: Iterable[_Queue]) -> None:
        seen: set[str] = set()
        for q in queues:
            if q.name in seen or q.name not in self._queues or q.cfg.leave_empty == EmptyRule.NEVER:
                continue
            seen.add(q.name)
            for c in self._waiting_in_order(q):
                if c.state == CallState.WAITING and c.queue is q:
                    self._check_leave_empty_call(c)

    # ------------------------------------------------------------------ positions, EWT
    def _position(self, c: _Call) -> int:
        if c.target is not None:
            # a targeted call's place is among its agent's targeted calls
            return bisect.bisect_left(c.target.tkeys, (-c.cls, c.entered_at, c.seq)) + 1
        key = (c.entered_at, c.seq)
        pos = 1
        for b in c.queue.buckets.values():
            if c.cls == NORMAL:
                pos += len(b.keys[PRIO]) + b.rank(NORMAL, key)
            else:
                pos += b.rank(PRIO, key)
        return pos

    def _aht(self, q: _Queue) -> float:
        return q.handle_time / q.handled if q.handled else q.cfg.default_handle_time

    def _ewt(self, q: _Queue, position: int) -> float | None:
        if q.n_ready == 0:
            return None
        return position * self._aht(q) / q.n_ready

    def _waiting_in_order(self, q: _Queue, targeted: bool = True) -> list[_Call]:
        """Every waiting call of ``q`` (the targeted ones too unless told) by (class, entered_at, seq)."""
        out: list[tuple] = []
        for b in q.buckets.values():
            for cls in (PRIO, NORMAL):
                out.extend((-cls, c.entered_at, c.seq, c) for c in b.calls[cls])
        if targeted:
            out.extend((-c.cls, c.entered_at, c.seq, c) for c in q.targeted)
        out.sort(key=lambda x: x[:3])
        return [x[3] for x in out]

    # ------------------------------------------------------------------ routing
    def replace_routes(self, routes: Iterable[Route]) -> int:
        """Swap in a new prefix routing table atomically; returns its version number."""
        self._begin()
        table = RouteTable(routes)
        for r in table.routes:
            if r.queue is not None and r.queue not in self._queues:
                raise UnknownQueueError(f"route {r.pattern!r} names unknown queue {r.queue!r}", queue=r.queue)
        self._routes = table
        self._routes_version += 1
        self._emit(EventType.ROUTES_REPLACED, candidates=len(table), step=self._routes_version)
        self._end()
        return self._routes_version

    @property
    def routes(self) -> RouteTable:
        return self._routes

    @property
    def routes_version(self) -> int:
        return self._routes_version

    def lookup_number(self, caller: str, dialled: str) -> RouteDecision:
        return self._routes.lookup(caller, dialled)

    # ------------------------------------------------------------------ queries
    def explain(self, offer_id: int) -> Assignment:
        """Why offer ``offer_id`` went to its agent (kept for the last 65,536 offers)."""
        if isinstance(offer_id, bool) or not isinstance(offer_id, int):
            raise InvalidArgumentError("offer id must be an integer", field="offer_id")
        try:
            return self._explain[offer_id]
        except KeyError:
            raise UnknownOfferError(f"no explanation kept for offer {offer_id}", offer_id=offer_id) from None

    def get_call(self, call_id: str) -> CallInfo:
        self._begin()
        self._end()
        c = self._call(call_id)
        q = c.queue
        waiting = c.state == CallState.WAITING
        pos = self._position(c) if waiting else 0
        if not waiting:
            ewt = None
        elif c.target is not None:
            # one agent serves a targeted call: n is 1 while it is logged in and not paused
            ewt = None if c.target.state in (AgentState.PAUSED, AgentState.LOGGED_OUT) else pos * self._aht(q)
        else:
            ewt = self._ewt(q, pos)
        return CallInfo(
            id=c.id, queue=q.name, state=c.state, priority=c.priority,
            effective_priority=Priority.PRIORITY if c.cls == PRIO else Priority.NORMAL,
            caller=c.caller, dialled=c.dialled, skills=c.skills, attributes=c.attributes,
            arrived_at=c.arrived_at, entered_at=c.entered_at,
            agent_id=c.agent.id if c.agent is not None else None, offer_id=c.offer_id,
            position=pos, expected_wait=ewt,
            penalty_limit=None if c.limit < 0 else c.limit,
            excluded_agents=tuple(e[0].id for e in c.excl), history=tuple(c.history), no_answers=c.no_answers,
            target_agent_id=c.target.id if c.target is not None else None, target_timeout=c.target_timeout)

    def call_ids(self) -> list[str]:
        """Ids of every call not yet ended, in the order they arrived."""
        return list(self._calls)

    def waiting_calls(self, queue: str, *, targeted: bool = False) -> list[str]:
        """Ids of the queue's normal line in service order (PRIORITY first, then oldest).

        Targeted calls wait for one agent each, not in this line (see ``targeted_calls``);
        ``targeted=True`` lists them after it, by class, then oldest.
        """
        self._begin()
        q = self._queue(queue)
        self._end()
        out = [c.id for c in self._waiting_in_order(q, False)]
        if targeted:
            out.extend(c.id for c in sorted(q.targeted, key=lambda c: (-c.cls, c.entered_at, c.seq)))
        return out

    def targeted_calls(self, agent_id: str) -> list[str]:
        """Ids of the waiting calls targeted at the agent, in the order it takes them."""
        self._begin()
        a = self._agent(agent_id)
        self._end()
        return [c.id for c in a.tcalls]

    def agent_ids(self) -> list[str]:
        return list(self._agents)

    def get_agent(self, agent_id: str) -> AgentInfo:
        self._begin()
        a = self._agent(agent_id)
        self._end()
        t = self._now
        spent = t - a.state_since
        idle, ring, talk, wrap, pause = a.idle, a.ring, a.talk, a.wrap, a.pause_total
        by_reason = dict(a.pause_by_reason)
        st = a.state
        if st == AgentState.AVAILABLE:
            idle += spent
        elif st == AgentState.RESERVED:
            ring += spent
        elif st == AgentState.BUSY:
            talk += spent
        elif st == AgentState.WRAP_UP:
            wrap += spent
        elif st == AgentState.PAUSED:
            pause += spent
            by_reason[a.reason] = by_reason.get(a.reason, 0.0) + spent
        logged = a.logged_in_time + (spent if st != AgentState.LOGGED_OUT else 0.0)
        work = talk + wrap + ring
        occ = work / (work + idle) if work + idle > 0 else None
        stats = AgentStats(calls=a.calls, talk_time=talk, wrap_up_time=wrap, ring_time=ring, idle_time=idle,
                           pause_time=pause, pause_by_reason=by_reason, no_answers=a.no_answers,
                           logged_in_time=logged, occupancy=occ)
        return AgentInfo(
            id=a.id, state=a.state, state_since=a.state_since, reason=a.reason, skills=a.skills,
            queues={m.queue.name: m.penalty for m in a.members},
            call_id=a.call.id if a.call is not None else None, offer_id=a.offer_id,
            offer_expires_at=a.offer_expires if a.state == AgentState.RESERVED else None,
            consecutive_no_answers=a.consec_na, stats=stats)

    def queue_stats(self, queue: str) -> QueueStats:
        self._begin()
        q = self._queue(queue)
        self._end()
        t = self._now
        waiting = q.n_waiting
        waiting_prio = sum(len(b.calls[PRIO]) for b in q.buckets.values())
        oldest = math.inf
        for b in q.buckets.values():
            for cls in (PRIO, NORMAL):
                if b.keys[cls]:
                    oldest = min(oldest, b.keys[cls][0][0])
        for c in q.targeted:
            waiting_prio += c.cls
            oldest = min(oldest, c.entered_at)
        denom = q.answered + q.abandoned - q.short_abandoned
        counts = {s: 0 for s in AgentState}
        for m in q.members:
            counts[m.agent.state] += 1
        return QueueStats(
            queue=q.name, waiting=waiting, waiting_priority=waiting_prio,
            longest_wait=(t - oldest) if oldest != math.inf else 0.0,
            offered=q.offered, answered=q.answered, answered_within_sl=q.answered_sl, abandoned=q.abandoned,
            short_abandoned=q.short_abandoned, overflowed=q.overflowed, transferred_out=q.transferred_out,
            rejected=q.rejected, service_level=(q.answered_sl / denom) if denom > 0 else None,
            asa=(q.wait_answered / q.answered) if q.answered else None,
            aht=(q.handle_time / q.handled) if q.handled else None,
            expected_wait=self._ewt(q, waiting + 1), expected_wait_priority=self._ewt(q, waiting_prio + 1),
            agents_logged_in=len(q.members) - counts[AgentState.LOGGED_OUT],
            agents_available=counts[AgentState.AVAILABLE],
            agents_busy=counts[AgentState.RESERVED] + counts[AgentState.BUSY] + counts[AgentState.WRAP_UP],
            agents_paused=counts[AgentState.PAUSED])

    def counters(self, queue: str) -> dict[str, int]:
        """Raw counters of a queue, for checks that statistics add up."""
        q = self._queue(queue)
        return {"offered": q.offered, "waiting": q.n_waiting, "ringing": q.n_ringing,
                "connected": q.n_connected, "answered": q.answered, "completed": q.completed,
                "abandoned": q.abandoned, "overflowed": q.overflowed, "transferred_out": q.transferred_out,
                "rejected": q.rejected, "handled": q.handled}

    # ------------------------------------------------------------------ decision latency
    def _decision_done(self, started: int) -> None:
        ns = _time.perf_counter_ns() - started
        if ns < 4:
            self._decisions[max(ns, 0)] += 1
            return
        b = ns.bit_length() - 1
        self._decisions[min(255, b * 4 + ((ns >> (b - 2)) & 3))] += 1

    def decision_latency(self, *, reset: bool = False) -> dict[str, Any]:
        """How long assignment decisions took: count and p50/p90/p99/max in ns (within 25 %)."""
        out = _latency_summary(self._decisions)
        if reset:
            self._decisions = [0] * 256
        return out

    # ------------------------------------------------------------------ snapshot
    def snapshot(self) -> dict[str, Any]:
        """The whole state as a JSON-serialisable dict (see acdcore._snapshot)."""
        dues: dict[tuple[int, int], float] = {}
        for due, sseq, _kind, obj in self._timers:
            if obj.timer == sseq:  # type: ignore[attr-defined]
                dues[(id(obj), sseq)] = due

        def timer_of(obj: Any) -> list[float] | None:
            if not obj.timer:
                return None
            return [dues[(id(obj), obj.timer)], obj.timer]

        queues = []
        for q in self._queues.values():
            queues.append({
                "config": snap.queue_to_dict(q.cfg), "rr_cursor": q.rr_cursor,
                "members": [m.agent.id for m in q.members],
                "buckets": [[list(p) for p in sig] for sig in q.buckets],
                "stats": {k: getattr(q, k) for k in _QUEUE_STATS},
            })
        agents = []
        for a in self._agents.values():
            agents.append({
                "config": snap.agent_to_dict(a.id, a.skills, {m.queue.name: m.penalty for m in a.members}),
                "member_stats": [[m.calls, m.talk_time] for m in a.members],
                "state": int(a.state), "state_since": a.state_since, "reason": a.reason,
                "offer_id": a.offer_id, "offer_time": a.offer_time, "offer_expires": a.offer_expires,
                "consec_na": a.consec_na, "calls": a.calls, "talk": a.talk, "wrap": a.wrap, "ring": a.ring,
                "idle": a.idle, "pause_total": a.pause_total, "pause_by_reason": dict(a.pause_by_reason),
                "no_answers": a.no_answers, "logged_in_time": a.logged_in_time,
                "available_since": a.available_since, "avail_seq": a.avail_seq, "timer": timer_of(a),
                "wrap_queue": a.wrap_queue.name if a.wrap_queue is not None else None, "wrap_talk": a.wrap_talk,
            })
        calls = []
        for c in self._calls.values():
            calls.append({
                "id": c.id, "queue": c.queue.name, "state": int(c.state), "priority": int(c.priority),
                "cls": c.cls, "promoted": c.promoted, "caller": c.caller, "dialled": c.dialled,
                "skills": dict(c.skills), "attributes": dict(c.attributes), "orig_queue": c.orig[0],
                "orig_priority": int(c.orig[3]), "sig": [list(p) for p in c.sig], "arrived_at": c.arrived_at,
                "entered_at": c.entered_at, "seq": c.seq, "limit": c.limit, "step": c.step,
                "excl": [[e[0].id, e[1]] for e in c.excl], "timer": timer_of(c),
                "agent": c.agent.id if c.agent is not None else None, "offer_id": c.offer_id,
                "offer_time": c.offer_time, "answered_at": c.answered_at, "no_answers": c.no_answers,
                "hops": c.hops, "history": list(c.history), "entry_position": c.entry_position,
                "target": c.target.id if c.target is not None else None, "target_timeout": c.target_timeout,
                "orig_target": c.orig[6],
            })
        return {
            "format": "acdcore-snapshot", "version": snap.VERSION, "now": self._now, "rng": self._rng,
            "event_seq": self._event_seq, "last_offer": self._last_offer, "sched_seq": self._sched_seq,
            "call_seq": self._call_seq, "avail_seq": self._avail_seq, "ended_memory": self._ended_memory,
            "ended_limit": self._ended_limit, "skills": list(self._skills),
            "routes": [snap.route_to_dict(r) for r in self._routes.routes], "routes_version": self._routes_version,
            "queues": queues, "agents": agents, "calls": calls,
            "ended": [[t, cid, int(self._ended[cid])] for t, cid in self._ended_order if cid in self._ended],
            "events": [_event_to_dict(e) for e in self._events],
            "explain": [_explain_to_list(self._explain[oid]) for oid in self._explain_order],
        }

    @classmethod
    def from_snapshot(cls, data: dict[str, Any], *, clock: Callable[[], float] | None = None) -> Core:
        """A core in exactly the state ``data`` describes, reading time from ``clock``."""
        d = snap.check(data)
        core = cls(clock=clock, ended_call_memory=d["ended_memory"], ended_call_limit=d["ended_limit"])
        core._now = d["now"]
        core._rng = d["rng"]
        core._event_seq = d["event_seq"]
        core._last_offer = d["last_offer"]
        core._sched_seq = d["sched_seq"]
        core._call_seq = d["call_seq"]
        core._avail_seq = d["avail_seq"]
        core._skills = {name: i for i, name in enumerate(d["skills"])}
        for qd in d["queues"]:
            q = _Queue(snap.queue_from_dict(qd["config"]))
            core._apply_queue_config(q, q.cfg)
            q.rr_cursor = qd["rr_cursor"]
            for k in _QUEUE_STATS:
                setattr(q, k, qd["stats"][k])
            core._queues[q.name] = q
        members: dict[tuple[str, str], _Member] = {}
        for ad in d["agents"]:
            cfg = snap.agent_from_dict(ad["config"])
            a = _Agent(cfg.id)
            a.skills = cfg.skills
            a.levels = core._skill_indexes(cfg.skills)
            a.members = []
            for (qn, pen), (calls, talk) in zip(cfg.queues.items(), ad["member_stats"]):
                m = _Member(a, core._queues[qn], pen)
                m.calls, m.talk_time = calls, talk
                a.members.append(m)
                members[(qn, a.id)] = m
            a.state = AgentState(ad["state"])
            for k in ("state_since", "reason", "offer_id", "offer_time", "offer_expires", "consec_na", "calls",
                      "talk", "wrap", "ring", "idle", "pause_total", "no_answers", "logged_in_time",
                      "available_since", "avail_seq", "wrap_talk"):
                setattr(a, k, ad[k])
            a.pause_by_reason = dict(ad["pause_by_reason"])
            a.wrap_queue = core._queues[ad["wrap_queue"]] if ad["wrap_queue"] is not None else None
            if ad["timer"] is not None:
                core._push_timer(a, _K_AGENT, ad["timer"])
            core._agents[a.id] = a
        for qd in d["queues"]:
            q = core._queues[qd["config"]["name"]]
            q.members = [members[(q.name, aid)] for aid in qd["members"]]
            for sig in qd["buckets"]:
                q.buckets[tuple(tuple(p) for p in sig)] = _Bucket(tuple(tuple(p) for p in sig))
        for a in sorted(core._agents.values(), key=lambda x: x.avail_seq):
            if a.state != AgentState.LOGGED_OUT:
                for m in a.members:
                    m.queue.n_logged += 1
                    if a.state != AgentState.PAUSED:
                        m.queue.n_ready += 1
            if a.state == AgentState.AVAILABLE:
                for m in a.members:
                    core._tier_append(m)
        for q in core._queues.values():
            core._recount_capable(q)
        for cd in d["calls"]:
            c = _Call()
            c.id = cd["id"]
            c.queue = core._queues[cd["queue"]]
            c.state = CallState(cd["state"])
            c.priority = Priority(cd["priority"])
            c.cls = cd["cls"]
            c.promoted = cd["promoted"]
            c.caller, c.dialled = cd["caller"], cd["dialled"]
            c.skills = check_skills(cd["skills"], "call skills", max_count=MAX_CALL_SKILLS)
            c.attributes = check_attributes(cd["attributes"])
            # snapshots written before targeted calls existed have no target keys
            c.orig = (cd["orig_queue"], c.caller, c.dialled, Priority(cd["orig_priority"]), dict(c.skills),
                      dict(c.attributes), cd.get("orig_target", ""), cd.get("target_timeout", 0.0))
            c.target_timeout = cd.get("target_timeout", 0.0)
            if cd.get("target") is not None:
                c.target = core._agents[cd["target"]]
            c.sig = tuple(tuple(p) for p in cd["sig"])
            for k in ("arrived_at", "entered_at", "seq", "limit", "step", "offer_id", "offer_time", "answered_at",
                      "no_answers", "hops", "entry_position"):
                setattr(c, k, cd[k])
            c.history = list(cd["history"])
            c.excl = [[core._agents.get(aid, _Agent(aid)), until] for aid, until in cd["excl"]]
            if cd["agent"] is not None:
                c.agent = core._agents[cd["agent"]]
            if c.state == CallState.WAITING:
                core._bucket_insert(c)
            elif c.state == CallState.OFFERED:
                c.agent.call = c  # type: ignore[union-attr]
                core._offers[c.offer_id] = c.agent  # type: ignore[assignment]
                c.queue.n_ringing += 1
            elif c.state == CallState.CONNECTED:
                c.agent.call = c  # type: ignore[union-attr]
                c.queue.n_connected += 1
            if cd["timer"] is not None:
                core._push_timer(c, _K_CALL, cd["timer"])
            core._calls[c.id] = c
        for t, cid, state in d["ended"]:
            core._ended[cid] = CallState(state)
            core._ended_order.append((t, cid))
        for e in d["events"]:
            core._events.append(_event_from_dict(e))
        for x in d["explain"]:
            a = _explain_from_list(x)
            core._explain[a.offer_id] = a
            core._explain_order.append(a.offer_id)
        core._routes = RouteTable(snap.route_from_dict(r) for r in d["routes"])
        core._routes_version = d["routes_version"]
        return core

    def _push_timer(self, obj: _Call | _Agent, kind: int, timer: list[float]) -> None:
        due, sseq = timer
        obj.timer = int(sseq)
        heapq.heappush(self._timers, (due, int(sseq), kind, obj))


_QUEUE_STATS = ("offered", "answered", "answered_sl", "abandoned", "short_abandoned", "overflowed",
                "transferred_out", "rejected", "completed", "wait_answered", "handled", "handle_time")


def _latency_summary(buckets: list[int]) -> dict[str, Any]:
    """count, p50/p90/p99/max in ns of a log-linear histogram (bucket upper bounds)."""
    total = sum(buckets)
    out: dict[str, Any] = {"count": total}
    for name, q in (("p50_ns", 0.5), ("p90_ns", 0.9), ("p99_ns", 0.99), ("max_ns", 1.0)):
        need = q * total
        acc = 0
        value = 0
        for i, n in enumerate(buckets):
            acc += n
            if n and acc >= need:
                value = i + 1 if i < 4 else ((4 + (i & 3) + 1) << (i // 4 - 2))
                break
        out[name] = value if total else None
    return out


def _event_to_dict(e: Any) -> dict[str, Any]:
    out = e.as_dict()
    for k in ("type", "priority", "agent_state", "previous_state", "trigger"):
        out[k] = None if out[k] is None else int(out[k])
    return out


def _event_from_dict(d: dict[str, Any]) -> Event:
    d = dict(d)
    seq, t, etype = d.pop("seq"), d.pop("time"), EventType(d.pop("type"))
    for k, enum_cls in (("priority", Priority), ("agent_state", AgentState), ("previous_state", AgentState),
                        ("trigger", Trigger)):
        if d[k] is not None:
            d[k] = enum_cls(d[k])
    return Event(seq, t, etype, **d)


def _explain_to_list(a: Assignment) -> list[Any]:
    return [a.offer_id, a.call_id, a.agent_id, a.queue, a.time, int(a.trigger), int(a.strategy), a.candidates,
            a.score, a.penalty, a.penalty_limit, a.escalation_step, a.targeted]


def _explain_from_list(x: list[Any]) -> Assignment:
    return Assignment(x[0], x[1], x[2], x[3], x[4], Trigger(x[5]), Strategy(x[6]), x[7], x[8], x[9], x[10], x[11],
                      bool(x[12]) if len(x) > 12 else False)
