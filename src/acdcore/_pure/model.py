"""Value objects of the pure twin that the compiled core defines as cdef classes.

``Offer`` and ``Event`` are built on the hot path, so ``acdcore._queue`` implements them in C;
these are their pure twins with the same fields, equality and repr.
"""

from __future__ import annotations

from typing import Any

from ..enums import AgentState, EventType, Priority, Trigger

EVENT_FIELDS = (
    "seq", "time", "type", "call_id", "agent_id", "queue", "target_queue", "offer_id", "priority",
    "agent_state", "previous_state", "reason", "caller", "position", "entry_position", "wait_time",
    "talk_time", "ring_time", "trigger", "candidates", "score", "penalty", "penalty_limit", "step",
)

OFFER_FIELDS = ("id", "call_id", "agent_id", "queue", "time", "expires_at")


class Offer:
    """An offer of a call to an agent: answer it exactly once with accept() or reject()."""

    __slots__ = OFFER_FIELDS

    def __init__(self, id: int, call_id: str, agent_id: str, queue: str, time: float, expires_at: float) -> None:
        self.id = id
        self.call_id = call_id
        self.agent_id = agent_id
        self.queue = queue
        self.time = time
        self.expires_at = expires_at

    def as_tuple(self) -> tuple:
        return tuple(getattr(self, f) for f in OFFER_FIELDS)

    def __eq__(self, other: object) -> bool:
        if not hasattr(other, "as_tuple"):
            return NotImplemented
        return self.as_tuple() == other.as_tuple()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"Offer(id={self.id}, call_id={self.call_id!r}, agent_id={self.agent_id!r}, "
                f"queue={self.queue!r}, time={self.time!r}, expires_at={self.expires_at!r})")


class Event:
    """One state change, numbered without gaps (``seq`` starts at 1)."""

    __slots__ = EVENT_FIELDS

    def __init__(self, seq: int, time: float, type: EventType, *, call_id: str | None = None,
                 agent_id: str | None = None, queue: str | None = None, target_queue: str | None = None,
                 offer_id: int = 0, priority: Priority | None = None, agent_state: AgentState | None = None,
                 previous_state: AgentState | None = None, reason: str = "", caller: str | None = None,
                 position: int = 0, entry_position: int = 0, wait_time: float = 0.0, talk_time: float = 0.0,
                 ring_time: float = 0.0, trigger: Trigger | None = None, candidates: int = 0, score: float = 0.0,
                 penalty: int = 0, penalty_limit: int = -1, step: int = -1) -> None:
        self.seq = seq
        self.time = time
        self.type = type
        self.call_id = call_id
        self.agent_id = agent_id
        self.queue = queue
        self.target_queue = target_queue
        self.offer_id = offer_id
        self.priority = priority
        self.agent_state = agent_state
        self.previous_state = previous_state
        self.reason = reason
        self.caller = caller
        self.position = position
        self.entry_position = entry_position
        self.wait_time = wait_time
        self.talk_time = talk_time
        self.ring_time = ring_time
        self.trigger = trigger
        self.candidates = candidates
        self.score = score
        self.penalty = penalty
        self.penalty_limit = penalty_limit
        self.step = step

    def as_tuple(self) -> tuple:
        return tuple(getattr(self, f) for f in EVENT_FIELDS)

    def as_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in EVENT_FIELDS}

    def __eq__(self, other: object) -> bool:
        if not hasattr(other, "as_tuple"):
            return NotImplemented
        return self.as_tuple() == other.as_tuple()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = [f"seq={self.seq}", f"time={self.time!r}", f"type={EventType(self.type).name}"]
        defaults = Event(0, 0.0, EventType.CALL_ENQUEUED)
        for f in EVENT_FIELDS[3:]:
            v = getattr(self, f)
            if v != getattr(defaults, f):
                parts.append(f"{f}={v!r}")
        return "Event(" + ", ".join(parts) + ")"
