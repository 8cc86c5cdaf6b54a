"""Numbered enums shared by the compiled core, the pure-Python twin and the protos.

The numbers are part of the C-level API: ``_queue.pxd`` declares the same values as
``cdef enum`` members, and ``tests/test_api_surface.py`` checks that both agree.
Zero is never a valid value, so a zero read from a proto or a C struct means "unset".
"""

from __future__ import annotations

import enum


class Priority(enum.IntEnum):
    """The seed's two queues: every call is served in one of two classes."""

    NORMAL = 1
    #: long-distance, transferred and scheduled (booked) calls
    PRIORITY = 2


class Strategy(enum.IntEnum):
    """How a queue picks among the AVAILABLE agents that may take a call."""

    LONGEST_IDLE = 1
    ROUND_ROBIN = 2
    FEWEST_CALLS = 3
    LEAST_TALK_TIME = 4
    HIGHEST_SKILL = 5
    RANDOM = 6
    WEIGHTED_RANDOM = 7


class AgentState(enum.IntEnum):
    LOGGED_OUT = 1
    AVAILABLE = 2
    #: an offer is ringing at the agent
    RESERVED = 3
    #: talking
    BUSY = 4
    WRAP_UP = 5
    PAUSED = 6


class CallState(enum.IntEnum):
    WAITING = 1
    #: ringing at an agent (the agent is RESERVED)
    OFFERED = 2
    #: answered, talking to an agent
    CONNECTED = 3
    # ended states: a call reaches exactly one of these, once
    COMPLETED = 4
    ABANDONED = 5
    #: ended by an overflow or leave-empty rule without a target queue
    OVERFLOWED = 6


class EmptyRule(enum.IntEnum):
    """When a queue counts as empty for joining or leaving (Asterisk joinempty/leavewhenempty)."""

    #: never empty: calls join and stay whatever the agents do
    NEVER = 1
    #: empty when no member agent is logged in
    NO_AGENTS = 2
    #: empty when no member agent is logged in and unpaused
    NO_READY = 3
    #: empty for a call when no logged-in member (paused ones included) holds its
    #: skills within the queue's final penalty limit: nobody could ever serve it
    NO_CAPABLE = 4


class HangupBy(enum.IntEnum):
    AGENT = 1
    CALLER = 2


class OfferEnd(enum.IntEnum):
    """Why an offer ended without an answer."""

    REJECTED = 1
    TIMEOUT = 2
    #: the caller hung up while it rang
    CANCELLED = 3


class Trigger(enum.IntEnum):
    """What made an assignment possible (reported with every offer)."""

    CALL_ARRIVED = 1
    AGENT_READY = 2
    ESCALATION = 3
    RETRY = 4
    REQUEUED = 5
    TRANSFERRED = 6
    OVERFLOWED = 7
    RECONFIGURED = 8


class RouteField(enum.IntEnum):
    CALLER = 1
    DIALLED = 2


class EventType(enum.IntEnum):
    CALL_ENQUEUED = 1
    CALL_OFFERED = 2
    CALL_NO_ANSWER = 3
    CALL_ANSWERED = 4
    CALL_ABANDONED = 5
    CALL_OVERFLOWED = 6
    CALL_TRANSFERRED = 7
    CALL_COMPLETED = 8
    CALL_REJECTED = 9
    CALL_ESCALATED = 10
    CALL_PROMOTED = 11
    AGENT_STATE_CHANGED = 12
    AGENT_ADDED = 13
    AGENT_UPDATED = 14
    AGENT_REMOVED = 15
    QUEUE_CREATED = 16
    QUEUE_UPDATED = 17
    QUEUE_DELETED = 18
    ROUTES_REPLACED = 19
    #: a targeted call stopped being targeted (reason timeout, logged_out, left_queue) and joined
    #: its queue's normal line at the place its original enqueue time gives it
    CALL_TARGET_LAPSED = 20


#: call states after which nothing more happens to a call
ENDED_CALL_STATES = frozenset({CallState.COMPLETED, CallState.ABANDONED, CallState.OVERFLOWED})
