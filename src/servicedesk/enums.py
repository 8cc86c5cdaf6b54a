"""The desk.v1 enums as Python IntEnums (same numbers as proto/desk/v1/enums.proto; a test
compares them)."""

from __future__ import annotations

from enum import IntEnum


class TicketType(IntEnum):
    INQUIRY = 1
    SERVICE_ORDER = 2
    FAULT_REPAIR = 3
    COMPLAINT = 4
    SUGGESTION = 5


class TicketState(IntEnum):
    NEW = 1
    ASSIGNED = 2
    IN_PROGRESS = 3
    RESOLVED = 4
    FOLLOW_UP = 5
    CLOSED = 6


class Channel(IntEnum):
    PHONE = 1
    IVR = 2
    WEB = 3
    INTERNAL = 4


class TicketPriority(IntEnum):
    LOW = 1
    NORMAL = 2
    HIGH = 3
    URGENT = 4


class HistoryAction(IntEnum):
    CREATED = 1
    TRANSITION = 2
    ASSIGNMENT = 3
    COMMENT = 4
    UPDATE = 5
    LINK = 6
    ESCALATION = 7
    FOLLOW_UP = 8
    OUTAGE = 9


class ServiceKind(IntEnum):
    ANALOG_TV = 1
    DIGITAL_TV = 2
    BROADBAND = 3


class SubscriberStatus(IntEnum):
    ACTIVE = 1
    SUSPENDED = 2
    CLOSED = 3


class CallbackKind(IntEnum):
    FOLLOW_UP = 1
    REQUEST = 2


class CallbackState(IntEnum):
    SCHEDULED = 1
    QUEUED = 2
    OFFERED = 3
    CONNECTED = 4
    AWAITING_OUTCOME = 5
    DONE = 6
    FAILED = 7
    CANCELLED = 8


OPEN_CALLBACK_STATES = (CallbackState.SCHEDULED, CallbackState.QUEUED, CallbackState.OFFERED,
                        CallbackState.CONNECTED, CallbackState.AWAITING_OUTCOME)


class CallbackOutcome(IntEnum):
    CONFIRMED = 1
    NOT_SOLVED = 2
    NO_ANSWER = 3
    DECLINED = 4


class OutageState(IntEnum):
    ACTIVE = 1
    CLOSED = 2


class FaultSource(IntEnum):
    TICKET = 1
    IVR = 2


class NoticeOutcome(IntEnum):
    DEFLECTED = 1
    QUEUED = 2


class AlertKind(IntEnum):
    OUTAGE_DETECTED = 1
    OUTAGE_CLOSED = 2
    TICKET_OVERDUE = 3
    CALLBACK_FAILED = 4


class ReportKind(IntEnum):
    QUEUE = 1
    AGENT = 2
    TICKETS = 3
    SLA = 4
    OUTAGES = 5
    CALLBACKS = 6


class Granularity(IntEnum):
    HOUR = 1
    DAY = 2
    TOTAL = 3


#: acd.v1 numbers the desk reads from acdcore's events (acd/v1/enums.proto)
class AcdEvent(IntEnum):
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


class AcdAgentState(IntEnum):
    LOGGED_OUT = 1
    AVAILABLE = 2
    RESERVED = 3
    BUSY = 4
    WRAP_UP = 5
    PAUSED = 6


#: follow-up types: resolving one of these schedules a follow-up callback
FOLLOW_UP_TYPES = frozenset({TicketType.FAULT_REPAIR, TicketType.COMPLAINT})
