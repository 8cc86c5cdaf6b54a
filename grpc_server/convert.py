"""Core records <-> acd.v1 messages (the transport layer's vocabulary mapping).

Field names follow the core's vocabulary; durations are ``*_seconds`` doubles, instants are
Timestamps, enums share their numbers with :mod:`acdcore.enums` (0 = UNSPECIFIED = unset).
Requests are converted with validation: a bad value raises :class:`FieldError` naming the
request field (``config.penalty_rules[1].after_seconds``), which the server returns as
INVALID_ARGUMENT with that field in the ErrorInfo metadata.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp

from acdcore import (
    AgentConfig,
    AgentInfo,
    Assignment,
    CallInfo,
    PenaltyRule,
    QueueConfig,
    QueueStats,
    Route,
    RouteDecision,
)
from acdcore.enums import EmptyRule, Priority, RouteField, Strategy
from acdcore.errors import InvalidArgumentError
from acdcore_api.acd.v1 import resources_pb2 as pb

_EVENT_STR = ("call_id", "agent_id", "queue", "target_queue", "caller")


class FieldError(InvalidArgumentError):
    """Bad input in one request field."""

    reason = "INVALID_ARGUMENT"

    def __init__(self, field: str, message: str, reason: str | None = None) -> None:
        super().__init__(f"{field}: {message}", reason=reason, field=field)


def ts(t: float) -> Timestamp:
    s = math.floor(t)
    n = int((t - s) * 1e9)
    if n >= 1_000_000_000:
        s, n = s + 1, 0
    return Timestamp(seconds=s, nanos=n)


def from_ts(t: Timestamp) -> float:
    return t.seconds + t.nanos / 1e9


def from_duration(d: Duration) -> float:
    return d.seconds + d.nanos / 1e9


def _enum_in(cls: Any, value: int, field: str, default: Any) -> Any:
    if value == 0:
        return default
    try:
        return cls(value)
    except ValueError:
        raise FieldError(field, f"{value} is not a valid {cls.__name__}") from None


# ---------------------------------------------------------------- queues

_QUEUE_FIELDS = {
    "queue name": "name", "strategy": "strategy", "wrap_up": "wrap_up_seconds",
    "max_waiting": "max_waiting", "offer_timeout": "offer_timeout_seconds",
    "retry_delay": "retry_delay_seconds", "service_level_threshold": "service_level_threshold_seconds",
    "short_abandon_threshold": "short_abandon_threshold_seconds", "weight": "weight",
    "queue skills": "skills", "skill name": "skills", "max_penalty": "max_penalty",
    "penalty_rules": "penalty_rules", "penalty rule 'after'": "penalty_rules",
    "penalty rule max_penalty": "penalty_rules", "overflow_after": "overflow_after_seconds",
    "overflow_target": "overflow_target", "join_empty": "join_empty", "leave_empty": "leave_empty",
    "max_priority_overtake": "max_priority_overtake_seconds", "auto_pause_after": "auto_pause_after",
    "default_handle_time": "default_handle_time_seconds",
}


def _core_field(exc: InvalidArgumentError, mapping: Mapping[str, str], prefix: str) -> str:
    f = exc.details.get("field", "")
    if f.startswith("level of skill"):
        return f"{prefix}skills"
    return prefix + mapping.get(f, f or "?")


def queue_config_in(m: pb.QueueConfig, prefix: str = "config.") -> QueueConfig:
    kw: dict[str, Any] = {"name": m.name}
    kw["strategy"] = _enum_in(Strategy, m.strategy, prefix + "strategy", Strategy.LONGEST_IDLE)
    kw["wrap_up"] = m.wrap_up_seconds
    kw["max_waiting"] = m.max_waiting
    for pf, core in (("offer_timeout_seconds", "offer_timeout"), ("retry_delay_seconds", "retry_delay"),
                     ("service_level_threshold_seconds", "service_level_threshold"),
                     ("short_abandon_threshold_seconds", "short_abandon_threshold"), ("weight", "weight"),
                     ("auto_pause_after", "auto_pause_after"),
                     ("default_handle_time_seconds", "default_handle_time")):
        if m.HasField(pf):
            kw[core] = getattr(m, pf)
    kw["skills"] = dict(m.skills)
    kw["max_penalty"] = m.max_penalty if m.HasField("max_penalty") else None
    rules = []
    for i, r in enumerate(m.penalty_rules):
        try:
            rules.append(PenaltyRule(r.after_seconds, r.max_penalty))
        except InvalidArgumentError as e:
            sub = "after_seconds" if "after" in e.details.get("field", "") else "max_penalty"
            raise FieldError(f"{prefix}penalty_rules[{i}].{sub}", e.message) from None
    kw["penalty_rules"] = tuple(rules)
    kw["overflow_after"] = m.overflow_after_seconds if m.HasField("overflow_after_seconds") else None
    kw["overflow_target"] = m.overflow_target if m.HasField("overflow_target") else None
    kw["join_empty"] = _enum_in(EmptyRule, m.join_empty, prefix + "join_empty", EmptyRule.NEVER)
    kw["leave_empty"] = _enum_in(EmptyRule, m.leave_empty, prefix + "leave_empty", EmptyRule.NEVER)
    kw["max_priority_overtake"] = (m.max_priority_overtake_seconds
                                   if m.HasField("max_priority_overtake_seconds") else None)
    try:
        return QueueConfig(**kw)
    except InvalidArgumentError as e:
        raise FieldError(_core_field(e, _QUEUE_FIELDS, prefix), e.message) from None


def queue_config_out(c: QueueConfig) -> pb.QueueConfig:
    m = pb.QueueConfig(
        name=c.name, strategy=int(c.strategy), wrap_up_seconds=c.wrap_up, max_waiting=c.max_waiting,
        offer_timeout_seconds=c.offer_timeout, retry_delay_seconds=c.retry_delay,
        service_level_threshold_seconds=c.service_level_threshold,
        short_abandon_threshold_seconds=c.short_abandon_threshold, weight=c.weight, skills=dict(c.skills),
        penalty_rules=[pb.PenaltyRule(after_seconds=r.after, max_penalty=r.max_penalty)
                       for r in c.penalty_rules],
        join_empty=int(c.join_empty), leave_empty=int(c.leave_empty), auto_pause_after=c.auto_pause_after,
        default_handle_time_seconds=c.default_handle_time)
    if c.max_penalty is not None:
        m.max_penalty = c.max_penalty
    if c.overflow_after is not None:
        m.overflow_after_seconds = c.overflow_after
    if c.overflow_target is not None:
        m.overflow_target = c.overflow_target
    if c.max_priority_overtake is not None:
        m.max_priority_overtake_seconds = c.max_priority_overtake
    return m


def queue_stats_out(s: QueueStats) -> pb.QueueStats:
    m = pb.QueueStats(
        queue=s.queue, waiting=s.waiting, waiting_priority=s.waiting_priority,
        longest_wait_seconds=s.longest_wait, offered=s.offered, answered=s.answered,
        answered_within_sl=s.answered_within_sl, abandoned=s.abandoned, short_abandoned=s.short_abandoned,
        overflowed=s.overflowed, transferred_out=s.transferred_out, rejected=s.rejected,
        agents_logged_in=s.agents_logged_in, agents_available=s.agents_available, agents_busy=s.agents_busy,
        agents_paused=s.agents_paused)
    if s.service_level is not None:
        m.service_level = s.service_level
    if s.asa is not None:
        m.asa_seconds = s.asa
    if s.aht is not None:
        m.aht_seconds = s.aht
    if s.expected_wait is not None:
        m.expected_wait_seconds = s.expected_wait
    if s.expected_wait_priority is not None:
        m.expected_wait_priority_seconds = s.expected_wait_priority
    return m


# ---------------------------------------------------------------- agents


def agent_config_in(m: pb.AgentConfig, prefix: str = "config.") -> AgentConfig:
    queues: dict[str, int] = {}
    for i, q in enumerate(m.queues):
        if q.queue in queues:
            raise FieldError(f"{prefix}queues[{i}].queue", f"queue {q.queue!r} is listed twice")
        queues[q.queue] = q.penalty
    try:
        return AgentConfig(m.agent_id, skills=dict(m.skills), queues=queues)
    except InvalidArgumentError as e:
        f = e.details.get("field", "")
        if f == "agent id":
            path = "agent_id"
        elif f == "queue name" or f.startswith("penalty in queue"):
            path = "queues"
        else:
            path = "skills"
        raise FieldError(prefix + path, e.message) from None


def memberships_out(queues: Mapping[str, int]) -> list[pb.QueueMembership]:
    return [pb.QueueMembership(queue=q, penalty=p) for q, p in queues.items()]


def agent_out(a: AgentInfo) -> pb.Agent:
    st = a.stats
    stats = pb.AgentStats(calls=st.calls, talk_seconds=st.talk_time, wrap_up_seconds=st.wrap_up_time,
                          ring_seconds=st.ring_time, idle_seconds=st.idle_time, pause_seconds=st.pause_time,
                          pause_seconds_by_reason=dict(st.pause_by_reason), no_answers=st.no_answers,
                          logged_in_seconds=st.logged_in_time)
    if st.occupancy is not None:
        stats.occupancy = st.occupancy
    m = pb.Agent(agent_id=a.id, state=int(a.state), state_since=ts(a.state_since), reason=a.reason,
                 skills=dict(a.skills), queues=memberships_out(a.queues), call_id=a.call_id or "",
                 offer_id=a.offer_id, consecutive_no_answers=a.consecutive_no_answers, stats=stats)
    if a.offer_expires_at is not None:
        m.offer_expire_time.CopyFrom(ts(a.offer_expires_at))
    return m


# ---------------------------------------------------------------- calls, offers


def call_out(c: CallInfo) -> pb.Call:
    m = pb.Call(call_id=c.id, queue=c.queue, state=int(c.state), priority=int(c.priority),
                effective_priority=int(c.effective_priority), caller=c.caller, dialled=c.dialled,
                skills=dict(c.skills), attributes=dict(c.attributes), arrive_time=ts(c.arrived_at),
                enter_time=ts(c.entered_at), agent_id=c.agent_id or "", offer_id=c.offer_id,
                position=c.position, excluded_agent_ids=list(c.excluded_agents),
                previous_queues=list(c.history), no_answers=c.no_answers)
    if c.expected_wait is not None:
        m.expected_wait_seconds = c.expected_wait
    if c.penalty_limit is not None:
        m.penalty_limit = c.penalty_limit
    if c.target_agent_id is not None:
        m.target_agent_id = c.target_agent_id
        if c.target_timeout > 0:
            m.target_lapse_time.CopyFrom(ts(c.entered_at + c.target_timeout))
    return m


def offer_out(o: Any) -> pb.Offer:
    return pb.Offer(offer_id=o.id, call_id=o.call_id, agent_id=o.agent_id, queue=o.queue,
                    offer_time=ts(o.time), expire_time=ts(o.expires_at))


# ---------------------------------------------------------------- routes


def route_in(m: pb.Route, prefix: str) -> Route:
    field = _enum_in(RouteField, m.field, prefix + "field", RouteField.DIALLED)
    prio = _enum_in(Priority, m.priority, prefix + "priority", None)
    try:
        return Route(m.pattern, field=field, queue=m.queue if m.HasField("queue") else None,
                     menu=m.menu if m.HasField("menu") else None, priority=prio,
                     reject=m.reject if m.HasField("reject") else None, label=m.label)
    except InvalidArgumentError as e:
        f = e.details.get("field", "pattern")
        path = {"route queue": "queue", "route menu": "menu", "route reject reason": "reject",
                "route label": "label", "route field": "field", "route priority": "priority"}.get(f, "pattern")
        raise FieldError(prefix + path, e.message, reason=e.reason) from None


def route_out(r: Route) -> pb.Route:
    m = pb.Route(pattern=r.pattern, field=int(r.field), label=r.label,
                 priority=0 if r.priority is None else int(r.priority))
    if r.queue is not None:
        m.queue = r.queue
    if r.menu is not None:
        m.menu = r.menu
    if r.reject is not None:
        m.reject = r.reject
    return m


def decision_out(d: RouteDecision) -> pb.RouteDecision:
    m = pb.RouteDecision(priority=int(d.priority))
    if d.queue is not None:
        m.queue = d.queue
    if d.menu is not None:
        m.menu = d.menu
    if d.reject is not None:
        m.reject = d.reject
    if d.caller_route is not None:
        m.caller_route.CopyFrom(route_out(d.caller_route))
    if d.dialled_route is not None:
        m.dialled_route.CopyFrom(route_out(d.dialled_route))
    return m


def assignment_out(a: Assignment) -> pb.Assignment:
    return pb.Assignment(offer_id=a.offer_id, call_id=a.call_id, agent_id=a.agent_id, queue=a.queue,
                         time=ts(a.time), trigger=int(a.trigger), strategy=int(a.strategy),
                         candidates=a.candidates, score=a.score, penalty=a.penalty,
                         penalty_limit=a.penalty_limit, escalation_step=a.escalation_step,
                         description=a.describe(), targeted=a.targeted)


# ---------------------------------------------------------------- events

_Event = pb.Event


def event_out(e: Any) -> pb.Event:
    """A core Event as a message (only the fields that are set, for speed)."""
    t = e.time
    s = math.floor(t)
    m = _Event(seq=e.seq, type=int(e.type))
    tm = m.time
    tm.seconds = s
    tm.nanos = min(int((t - s) * 1e9), 999_999_999)
    if e.call_id is not None:
        m.call_id = e.call_id
    if e.agent_id is not None:
        m.agent_id = e.agent_id
    if e.queue is not None:
        m.queue = e.queue
    if e.target_queue is not None:
        m.target_queue = e.target_queue
    if e.caller is not None:
        m.caller = e.caller
    if e.offer_id:
        m.offer_id = e.offer_id
    if e.priority is not None:
        m.priority = int(e.priority)
    if e.agent_state is not None:
        m.agent_state = int(e.agent_state)
    if e.previous_state is not None:
        m.previous_state = int(e.previous_state)
    if e.reason:
        m.reason = e.reason
    if e.position:
        m.position = e.position
    if e.entry_position:
        m.entry_position = e.entry_position
    if e.wait_time:
        m.wait_seconds = e.wait_time
    if e.talk_time:
        m.talk_seconds = e.talk_time
    if e.ring_time:
        m.ring_seconds = e.ring_time
    if e.trigger is not None:
        m.trigger = int(e.trigger)
    if e.candidates:
        m.candidates = e.candidates
    if e.score:
        m.score = e.score
    if e.penalty:
        m.penalty = e.penalty
    m.penalty_limit = e.penalty_limit
    m.step = e.step
    return m
