"""Exceptions raised by the ACD core (compiled and pure alike).

Every exception carries a ``reason``: the upper-case string that the gRPC server puts in the
``google.rpc.ErrorInfo`` it returns, and a ``code``: the gRPC status name it maps to. A raised
exception means the operation changed nothing, except where a class says otherwise.
"""

from __future__ import annotations

from typing import Any


class AcdError(Exception):
    """Base class of every error the core raises on purpose."""

    reason: str = "ACD_ERROR"
    code: str = "UNKNOWN"

    def __init__(self, message: str, *, reason: str | None = None, **details: Any) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason
        #: strings only, so they fit ErrorInfo.metadata unchanged
        self.details: dict[str, str] = {k: str(v) for k, v in details.items() if v is not None}

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


# --- NOT_FOUND -------------------------------------------------------------------------
class NotFoundError(AcdError, LookupError):
    code = "NOT_FOUND"


class UnknownCallError(NotFoundError):
    reason = "CALL_NOT_FOUND"


class UnknownAgentError(NotFoundError):
    reason = "AGENT_NOT_FOUND"


class UnknownQueueError(NotFoundError):
    reason = "QUEUE_NOT_FOUND"


class UnknownOfferError(NotFoundError):
    reason = "OFFER_NOT_FOUND"


# --- ALREADY_EXISTS --------------------------------------------------------------------
class AlreadyExistsError(AcdError):
    code = "ALREADY_EXISTS"


class DuplicateCallError(AlreadyExistsError):
    """The call id is in use by a call with different details."""

    reason = "CALL_EXISTS"


class DuplicateAgentError(AlreadyExistsError):
    reason = "AGENT_EXISTS"


class DuplicateQueueError(AlreadyExistsError):
    reason = "QUEUE_EXISTS"


class DuplicateRouteError(AlreadyExistsError):
    reason = "ROUTE_EXISTS"


# --- INVALID_ARGUMENT ------------------------------------------------------------------
class InvalidArgumentError(AcdError, ValueError):
    code = "INVALID_ARGUMENT"
    reason = "INVALID_ARGUMENT"


class InvalidPatternError(InvalidArgumentError):
    reason = "INVALID_PATTERN"


class InvalidTimeError(InvalidArgumentError):
    """A negative, non-finite, future or backwards time."""

    reason = "INVALID_TIME"


# --- FAILED_PRECONDITION ---------------------------------------------------------------
class StateError(AcdError):
    code = "FAILED_PRECONDITION"


class AgentStateError(StateError):
    """An agent state transition that the state machine does not allow."""

    reason = "ILLEGAL_AGENT_TRANSITION"


class CallStateError(StateError):
    reason = "ILLEGAL_CALL_STATE"


class CallEndedError(CallStateError):
    """The call id belongs to a call that has already ended."""

    reason = "CALL_ENDED"


class StaleOfferError(StateError):
    """The offer was already answered, rejected, timed out or withdrawn."""

    reason = "OFFER_STALE"


class AgentNotInQueueError(StateError):
    """The agent is not a member of the queue (a targeted call's target agent must be)."""

    reason = "AGENT_NOT_IN_QUEUE"


class QueueNotEmptyError(StateError):
    reason = "QUEUE_NOT_EMPTY"


class QueueInUseError(StateError):
    reason = "QUEUE_IN_USE"


class QueueEmptyError(StateError):
    """The queue refuses new calls because its join rule finds no agent.

    The refusal is recorded (a CALL_REJECTED event and the queue's ``rejected`` counter);
    the call itself is not kept, so the same id may be enqueued again later.
    """

    reason = "QUEUE_EMPTY"


# --- RESOURCE_EXHAUSTED ----------------------------------------------------------------
class CapacityError(AcdError):
    code = "RESOURCE_EXHAUSTED"


class QueueFullError(CapacityError):
    """The queue holds its maximum number of waiting calls.

    Recorded like :class:`QueueEmptyError`: an event and the ``rejected`` counter.
    """

    reason = "QUEUE_FULL"


class TooManySkillsError(CapacityError):
    reason = "TOO_MANY_SKILLS"


__all__ = [name for name in list(globals()) if name.endswith("Error")]
