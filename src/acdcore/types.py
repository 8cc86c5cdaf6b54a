"""Configuration and result records shared by the compiled core and its pure-Python twin.

Configuration records validate themselves on construction, so both implementations refuse
exactly the same bad input with the same exception. Result records are plain frozen
dataclasses: they are built on query, never on the hot path.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, TypeVar

from .enums import (
    AgentState,
    CallState,
    EmptyRule,
    Priority,
    RouteField,
    Strategy,
    Trigger,
)
from .errors import InvalidArgumentError

#: the most skills a core knows (a skill is registered the first time a name is used)
MAX_SKILLS = 256
MAX_SKILL_LEVEL = 10
#: skills a single call may require, queue defaults included
MAX_CALL_SKILLS = 8
MAX_PENALTY = 1000
MAX_NAME_LEN = 64
MAX_CALL_ID_LEN = 128
MAX_NUMBER_LEN = 64
MAX_ATTRIBUTES = 32
MAX_ATTRIBUTE_VALUE_LEN = 1024
MAX_REASON_LEN = 64
MAX_PATTERN_LEN = 80
#: a call moved by overflow rules more often than this ends (reason OVERFLOW_LOOP)
MAX_OVERFLOW_HOPS = 8
#: times are seconds; nothing may lie further ahead than a century of uptime
MAX_TIME = 100.0 * 365 * 86400

_NAME_RE = re.compile(r"[A-Za-z0-9_.@:+-]{1,%d}\Z" % MAX_NAME_LEN)


def _printable(value: str) -> bool:
    # queue_log separates fields with '|', so no identifier may hold one; control
    # characters (NUL, CR, LF above all) would let a value forge lines downstream.
    return value.isprintable() and "|" not in value


def check_name(value: object, what: str) -> str:
    """Queue, agent and skill names: short, no spaces, safe in every log format."""
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{what} must be a string, not {type(value).__name__}", field=what)
    if not _NAME_RE.match(value):
        raise InvalidArgumentError(
            f"{what} {value!r} is invalid: 1-{MAX_NAME_LEN} characters of A-Z a-z 0-9 _ . @ : + -",
            field=what,
        )
    return value


def check_call_id(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidArgumentError(f"call id must be a string, not {type(value).__name__}", field="call_id")
    if not value or len(value) > MAX_CALL_ID_LEN or not _printable(value) or " " in value:
        raise InvalidArgumentError(
            f"call id {value[:40]!r} is invalid: 1-{MAX_CALL_ID_LEN} printable characters, no space or '|'",
            field="call_id",
        )
    return value


def check_text(value: object, what: str, max_len: int, *, allow_empty: bool = True) -> str:
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{what} must be a string, not {type(value).__name__}", field=what)
    if (not value and not allow_empty) or len(value) > max_len or not _printable(value):
        raise InvalidArgumentError(
            f"{what} {value[:40]!r} is invalid: at most {max_len} printable characters, no '|'",
            field=what,
        )
    return value


def check_seconds(value: object, what: str, *, allow_none: bool = False, positive: bool = False) -> float | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgumentError(f"{what} must be a number of seconds", field=what)
    v = float(value)
    if not math.isfinite(v) or v < 0 or v > MAX_TIME or (positive and v == 0):
        raise InvalidArgumentError(
            f"{what} must be {'>' if positive else '>='} 0 and finite, got {value!r}", field=what
        )
    return v


def check_int(value: object, what: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError(f"{what} must be an integer", field=what)
    if not lo <= value <= hi:
        raise InvalidArgumentError(f"{what} must be in {lo}..{hi}, got {value}", field=what)
    return value


def check_skills(value: object, what: str = "skills", *, max_count: int = MAX_SKILLS) -> Mapping[str, int]:
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(f"{what} must be a mapping of skill name to level 1-10", field=what)
    if len(value) > max_count:
        raise InvalidArgumentError(f"{what}: at most {max_count} skills, got {len(value)}", field=what)
    out = {}
    for name, level in value.items():
        check_name(name, "skill name")
        out[name] = check_int(level, f"level of skill {name!r}", 1, MAX_SKILL_LEVEL)
    return MappingProxyType(dict(sorted(out.items())))


def check_attributes(value: object) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise InvalidArgumentError("attributes must be a mapping of str to str", field="attributes")
    if len(value) > MAX_ATTRIBUTES:
        raise InvalidArgumentError(f"at most {MAX_ATTRIBUTES} attributes", field="attributes")
    out = {}
    for k, v in value.items():
        check_name(k, "attribute name")
        out[k] = check_text(v, f"attribute {k!r}", MAX_ATTRIBUTE_VALUE_LEN)
    return MappingProxyType(out)


_E = TypeVar("_E", bound=enum.IntEnum)


def check_enum(enum_cls: type[_E], value: object, what: str) -> _E:
    """An enum member from a member or its number; anything else (bool, float, str) is refused."""
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return enum_cls(value)
        except ValueError:
            pass
    raise InvalidArgumentError(
        f"{what} must be one of {', '.join(m.name for m in enum_cls)}, got {value!r}", field=what
    )


_enum = check_enum


@dataclass(frozen=True, slots=True)
class PenaltyRule:
    """After ``after`` seconds of waiting, members with penalty <= ``max_penalty`` may take the call."""

    after: float
    max_penalty: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "after", check_seconds(self.after, "penalty rule 'after'", positive=True))
        check_int(self.max_penalty, "penalty rule max_penalty", 0, MAX_PENALTY)


@dataclass(frozen=True, slots=True)
class QueueConfig:
    """Everything a queue is. ``name`` identifies it; update by passing a whole new config."""

    name: str
    strategy: Strategy = Strategy.LONGEST_IDLE
    #: after-call work: seconds an agent stays in WRAP_UP after a call from this queue
    wrap_up: float = 0.0
    #: most calls waiting or ringing at once; 0 means unlimited
    max_waiting: int = 0
    #: seconds an offer rings before it counts as a no-answer
    offer_timeout: float = 20.0
    #: seconds before a call is offered again to an agent who let it go unanswered
    retry_delay: float = 5.0
    service_level_threshold: float = 20.0
    short_abandon_threshold: float = 5.0
    #: scales a waiting call's age when an agent of several queues picks its next call
    weight: float = 1.0
    #: skill requirements added to every call of the queue
    skills: Mapping[str, int] = field(default_factory=dict)
    #: penalty limit a call starts with; None lets members of any penalty take it
    max_penalty: int | None = None
    penalty_rules: tuple[PenaltyRule, ...] = ()
    #: seconds of waiting after which the call leaves for ``overflow_target`` (or ends)
    overflow_after: float | None = None
    overflow_target: str | None = None
    join_empty: EmptyRule = EmptyRule.NEVER
    leave_empty: EmptyRule = EmptyRule.NEVER
    #: starvation guard: seconds a NORMAL call may be passed over by later PRIORITY calls
    max_priority_overtake: float | None = None
    #: consecutive no-answers after which an agent is paused (reason ``no-answer``); 0: never
    auto_pause_after: int = 3
    #: handle time assumed for expected-wait estimates until calls have been measured
    default_handle_time: float = 180.0

    def __post_init__(self) -> None:
        s = object.__setattr__
        check_name(self.name, "queue name")
        s(self, "strategy", _enum(Strategy, self.strategy, "strategy"))
        s(self, "wrap_up", check_seconds(self.wrap_up, "wrap_up"))
        check_int(self.max_waiting, "max_waiting", 0, 10_000_000)
        s(self, "offer_timeout", check_seconds(self.offer_timeout, "offer_timeout", positive=True))
        s(self, "retry_delay", check_seconds(self.retry_delay, "retry_delay"))
        s(self, "service_level_threshold",
          check_seconds(self.service_level_threshold, "service_level_threshold", positive=True))
        s(self, "short_abandon_threshold", check_seconds(self.short_abandon_threshold, "short_abandon_threshold"))
        if isinstance(self.weight, bool) or not isinstance(self.weight, (int, float)) \
                or not math.isfinite(self.weight) or not 0 < self.weight <= 1000:
            raise InvalidArgumentError("weight must be a number in (0, 1000]", field="weight")
        s(self, "weight", float(self.weight))
        s(self, "skills", check_skills(self.skills, "queue skills", max_count=MAX_CALL_SKILLS))
        if self.max_penalty is not None:
            check_int(self.max_penalty, "max_penalty", 0, MAX_PENALTY)
        rules = tuple(self.penalty_rules)
        for r in rules:
            if not isinstance(r, PenaltyRule):
                raise InvalidArgumentError("penalty_rules must hold PenaltyRule records", field="penalty_rules")
        for a, b in zip(rules, rules[1:]):
            if not (b.after > a.after and b.max_penalty >= a.max_penalty):
                raise InvalidArgumentError(
                    "penalty_rules must be sorted by 'after' (strictly) and never lower max_penalty",
                    field="penalty_rules",
                )
        if rules and self.max_penalty is None:
            raise InvalidArgumentError("penalty_rules need a starting max_penalty", field="penalty_rules")
        if rules and self.max_penalty is not None and rules[0].max_penalty < self.max_penalty:
            raise InvalidArgumentError("a penalty rule may not lower the starting max_penalty",
                                       field="penalty_rules")
        s(self, "penalty_rules", rules)
        s(self, "overflow_after", check_seconds(self.overflow_after, "overflow_after", allow_none=True,
                                                positive=True))
        if self.overflow_target is not None:
            check_name(self.overflow_target, "overflow_target")
            if self.overflow_target == self.name:
                raise InvalidArgumentError("a queue cannot overflow into itself", field="overflow_target")
        s(self, "join_empty", _enum(EmptyRule, self.join_empty, "join_empty"))
        s(self, "leave_empty", _enum(EmptyRule, self.leave_empty, "leave_empty"))
        s(self, "max_priority_overtake", check_seconds(self.max_priority_overtake, "max_priority_overtake",
                                                       allow_none=True))
        check_int(self.auto_pause_after, "auto_pause_after", 0, 1000)
        s(self, "default_handle_time", check_seconds(self.default_handle_time, "default_handle_time",
                                                     positive=True))

    @property
    def final_penalty(self) -> int | None:
        """The highest penalty any call of this queue can ever reach (None: unlimited)."""
        if self.max_penalty is None:
            return None
        return self.penalty_rules[-1].max_penalty if self.penalty_rules else self.max_penalty


@dataclass(frozen=True, slots=True)
class AgentConfig:
    """An agent's definition: its skills (level 1-10) and queue memberships (queue → penalty)."""

    id: str
    skills: Mapping[str, int] = field(default_factory=dict)
    queues: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_name(self.id, "agent id")
        object.__setattr__(self, "skills", check_skills(self.skills))
        if not isinstance(self.queues, Mapping):
            raise InvalidArgumentError("queues must map queue name to penalty", field="queues")
        q = {}
        for name, pen in self.queues.items():
            check_name(name, "queue name")
            q[name] = check_int(pen, f"penalty in queue {name!r}", 0, MAX_PENALTY)
        object.__setattr__(self, "queues", MappingProxyType(q))


@dataclass(frozen=True, slots=True)
class Route:
    """One line of the number-prefix routing table.

    ``pattern`` is a plain prefix (``0459`` matches every number that begins so) or an
    Asterisk pattern after ``_`` (``_0X.``, ``_1[3-9]XXXXXXXXX``, ``_96123``), matched
    against the caller or the dialled number. A route may name a queue, an IVR menu, a
    priority class, or a reason to reject the call; at least one of them.
    """

    pattern: str
    field: RouteField = RouteField.DIALLED
    queue: str | None = None
    menu: str | None = None
    priority: Priority | None = None
    reject: str | None = None
    label: str = ""

    def __post_init__(self) -> None:
        from ._patterns import parse_pattern  # noqa: PLC0415 - avoid an import cycle

        if not isinstance(self.pattern, str):
            raise InvalidArgumentError("route pattern must be a string", field="pattern")
        parse_pattern(self.pattern)
        object.__setattr__(self, "field", _enum(RouteField, self.field, "route field"))
        if self.queue is not None:
            check_name(self.queue, "route queue")
        if self.menu is not None:
            check_name(self.menu, "route menu")
        if self.priority is not None:
            object.__setattr__(self, "priority", _enum(Priority, self.priority, "route priority"))
        if self.reject is not None:
            check_text(self.reject, "route reject reason", MAX_REASON_LEN, allow_empty=False)
        check_text(self.label, "route label", MAX_NAME_LEN)
        if self.queue is None and self.menu is None and self.priority is None and self.reject is None:
            raise InvalidArgumentError(
                f"route {self.pattern!r} has no target: give a queue, menu, priority or reject reason",
                field="pattern",
            )


@dataclass(frozen=True, slots=True)
class RouteDecision:
    """What prefix analysis decided for one call.

    A reject on either side wins; the queue and menu come from the caller route when it
    names one (a VIP line, say), otherwise from the dialled route; the priority likewise.
    """

    queue: str | None
    menu: str | None
    priority: Priority
    reject: str | None
    caller_route: Route | None
    dialled_route: Route | None


@dataclass(frozen=True, slots=True)
class Assignment:
    """Why a call was offered to an agent: the ExplainAssignment record."""

    offer_id: int
    call_id: str
    agent_id: str
    queue: str
    time: float
    trigger: Trigger
    strategy: Strategy
    #: agents considered (call-side choice) or calls considered (agent-side choice)
    candidates: int
    #: the winner's strategy metric (idle seconds, calls, talk seconds, skill sum, draw) or,
    #: for an agent picking among calls, the call's weighted wait
    score: float
    #: the winner's penalty in the queue, and the call's penalty limit then (-1: none)
    penalty: int
    penalty_limit: int
    #: the escalation rule in force (-1: the queue's starting limit)
    escalation_step: int
    #: the call was targeted at this agent (known-agent routing): the queue's strategy, skills
    #: and penalty limit were not consulted, and the score is the call's wait
    targeted: bool = False

    def describe(self) -> str:
        if self.targeted:
            return (
                f"offer {self.offer_id}: call {self.call_id} -> agent {self.agent_id} in {self.queue} "
                f"({self.trigger.name.lower()}, targeted at this agent); waited {self.score:g} s"
            )
        limit = "any" if self.penalty_limit < 0 else str(self.penalty_limit)
        step = "starting limit" if self.escalation_step < 0 else f"penalty rule #{self.escalation_step + 1}"
        side = "calls" if self.trigger == Trigger.AGENT_READY else "agents"
        return (
            f"offer {self.offer_id}: call {self.call_id} -> agent {self.agent_id} in {self.queue} "
            f"({self.trigger.name.lower()}, {self.strategy.name.lower()}); {self.candidates} {side} "
            f"considered, score {self.score:g}; penalty {self.penalty} within limit {limit} ({step})"
        )


@dataclass(frozen=True, slots=True)
class CallInfo:
    id: str
    queue: str
    state: CallState
    priority: Priority
    #: PRIORITY once the starvation guard promoted a NORMAL call
    effective_priority: Priority
    caller: str
    dialled: str
    skills: Mapping[str, int]
    attributes: Mapping[str, str]
    #: when the call first entered any queue, and when it entered this one
    arrived_at: float
    entered_at: float
    agent_id: str | None
    offer_id: int
    #: 1-based place in the queue (PRIORITY calls first); 0 unless WAITING. A targeted call's
    #: place is among its target agent's targeted calls
    position: int
    #: seconds still to wait, estimated; None when no agent is staffed or it is not waiting
    #: (a targeted call: position x AHT, None while its target is paused)
    expected_wait: float | None
    #: members of penalty <= this may take the call now; None: no limit
    penalty_limit: int | None
    excluded_agents: tuple[str, ...]
    #: queues visited before this one, oldest first (transfers and overflows)
    history: tuple[str, ...]
    no_answers: int
    #: the agent a targeted call is offered to, and only to, while waiting or ringing; None
    #: once it lapsed, moved (transfer, overflow), was answered, or was never targeted
    target_agent_id: str | None = None
    #: seconds after arrival at which the targeting lapses (0: never)
    target_timeout: float = 0.0


@dataclass(frozen=True, slots=True)
class AgentStats:
    calls: int
    talk_time: float
    wrap_up_time: float
    ring_time: float
    idle_time: float
    pause_time: float
    pause_by_reason: Mapping[str, float]
    no_answers: int
    logged_in_time: float
    #: (talk + wrap-up + ring) / (talk + wrap-up + ring + idle); None before any such time
    occupancy: float | None


@dataclass(frozen=True, slots=True)
class AgentInfo:
    id: str
    state: AgentState
    state_since: float
    #: pause reason while PAUSED, else ""
    reason: str
    skills: Mapping[str, int]
    queues: Mapping[str, int]
    call_id: str | None
    offer_id: int
    offer_expires_at: float | None
    consecutive_no_answers: int
    stats: AgentStats


@dataclass(frozen=True, slots=True)
class QueueStats:
    queue: str
    waiting: int
    waiting_priority: int
    longest_wait: float
    #: calls offered to the queue: every call that entered it (enqueued, transferred or
    #: overflowed in); an agent "offer" is the ring, counted per agent as ``offers``
    offered: int
    answered: int
    answered_within_sl: int
    abandoned: int
    short_abandoned: int
    overflowed: int
    transferred_out: int
    rejected: int
    #: answered_within_sl / (answered + abandoned - short_abandoned); None with no calls
    service_level: float | None
    #: average speed of answer: mean wait of answered calls
    asa: float | None
    #: average handle time: mean talk + wrap-up of completed calls
    aht: float | None
    #: expected wait for a NORMAL and a PRIORITY call joining now
    expected_wait: float | None
    expected_wait_priority: float | None
    agents_logged_in: int
    agents_available: int
    agents_busy: int
    agents_paused: int
