from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class Priority(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PRIORITY_UNSPECIFIED: _ClassVar[Priority]
    PRIORITY_NORMAL: _ClassVar[Priority]
    PRIORITY_PRIORITY: _ClassVar[Priority]

class Strategy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STRATEGY_UNSPECIFIED: _ClassVar[Strategy]
    STRATEGY_LONGEST_IDLE: _ClassVar[Strategy]
    STRATEGY_ROUND_ROBIN: _ClassVar[Strategy]
    STRATEGY_FEWEST_CALLS: _ClassVar[Strategy]
    STRATEGY_LEAST_TALK_TIME: _ClassVar[Strategy]
    STRATEGY_HIGHEST_SKILL: _ClassVar[Strategy]
    STRATEGY_RANDOM: _ClassVar[Strategy]
    STRATEGY_WEIGHTED_RANDOM: _ClassVar[Strategy]

class AgentState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AGENT_STATE_UNSPECIFIED: _ClassVar[AgentState]
    AGENT_STATE_LOGGED_OUT: _ClassVar[AgentState]
    AGENT_STATE_AVAILABLE: _ClassVar[AgentState]
    AGENT_STATE_RESERVED: _ClassVar[AgentState]
    AGENT_STATE_BUSY: _ClassVar[AgentState]
    AGENT_STATE_WRAP_UP: _ClassVar[AgentState]
    AGENT_STATE_PAUSED: _ClassVar[AgentState]

class CallState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CALL_STATE_UNSPECIFIED: _ClassVar[CallState]
    CALL_STATE_WAITING: _ClassVar[CallState]
    CALL_STATE_OFFERED: _ClassVar[CallState]
    CALL_STATE_CONNECTED: _ClassVar[CallState]
    CALL_STATE_COMPLETED: _ClassVar[CallState]
    CALL_STATE_ABANDONED: _ClassVar[CallState]
    CALL_STATE_OVERFLOWED: _ClassVar[CallState]

class EmptyRule(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EMPTY_RULE_UNSPECIFIED: _ClassVar[EmptyRule]
    EMPTY_RULE_NEVER: _ClassVar[EmptyRule]
    EMPTY_RULE_NO_AGENTS: _ClassVar[EmptyRule]
    EMPTY_RULE_NO_READY: _ClassVar[EmptyRule]
    EMPTY_RULE_NO_CAPABLE: _ClassVar[EmptyRule]

class HangupBy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HANGUP_BY_UNSPECIFIED: _ClassVar[HangupBy]
    HANGUP_BY_AGENT: _ClassVar[HangupBy]
    HANGUP_BY_CALLER: _ClassVar[HangupBy]

class Trigger(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRIGGER_UNSPECIFIED: _ClassVar[Trigger]
    TRIGGER_CALL_ARRIVED: _ClassVar[Trigger]
    TRIGGER_AGENT_READY: _ClassVar[Trigger]
    TRIGGER_ESCALATION: _ClassVar[Trigger]
    TRIGGER_RETRY: _ClassVar[Trigger]
    TRIGGER_REQUEUED: _ClassVar[Trigger]
    TRIGGER_TRANSFERRED: _ClassVar[Trigger]
    TRIGGER_OVERFLOWED: _ClassVar[Trigger]
    TRIGGER_RECONFIGURED: _ClassVar[Trigger]

class RouteField(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ROUTE_FIELD_UNSPECIFIED: _ClassVar[RouteField]
    ROUTE_FIELD_CALLER: _ClassVar[RouteField]
    ROUTE_FIELD_DIALLED: _ClassVar[RouteField]

class EventType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EVENT_TYPE_UNSPECIFIED: _ClassVar[EventType]
    EVENT_TYPE_CALL_ENQUEUED: _ClassVar[EventType]
    EVENT_TYPE_CALL_OFFERED: _ClassVar[EventType]
    EVENT_TYPE_CALL_NO_ANSWER: _ClassVar[EventType]
    EVENT_TYPE_CALL_ANSWERED: _ClassVar[EventType]
    EVENT_TYPE_CALL_ABANDONED: _ClassVar[EventType]
    EVENT_TYPE_CALL_OVERFLOWED: _ClassVar[EventType]
    EVENT_TYPE_CALL_TRANSFERRED: _ClassVar[EventType]
    EVENT_TYPE_CALL_COMPLETED: _ClassVar[EventType]
    EVENT_TYPE_CALL_REJECTED: _ClassVar[EventType]
    EVENT_TYPE_CALL_ESCALATED: _ClassVar[EventType]
    EVENT_TYPE_CALL_PROMOTED: _ClassVar[EventType]
    EVENT_TYPE_AGENT_STATE_CHANGED: _ClassVar[EventType]
    EVENT_TYPE_AGENT_ADDED: _ClassVar[EventType]
    EVENT_TYPE_AGENT_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_AGENT_REMOVED: _ClassVar[EventType]
    EVENT_TYPE_QUEUE_CREATED: _ClassVar[EventType]
    EVENT_TYPE_QUEUE_UPDATED: _ClassVar[EventType]
    EVENT_TYPE_QUEUE_DELETED: _ClassVar[EventType]
    EVENT_TYPE_ROUTES_REPLACED: _ClassVar[EventType]
    EVENT_TYPE_CALL_TARGET_LAPSED: _ClassVar[EventType]
PRIORITY_UNSPECIFIED: Priority
PRIORITY_NORMAL: Priority
PRIORITY_PRIORITY: Priority
STRATEGY_UNSPECIFIED: Strategy
STRATEGY_LONGEST_IDLE: Strategy
STRATEGY_ROUND_ROBIN: Strategy
STRATEGY_FEWEST_CALLS: Strategy
STRATEGY_LEAST_TALK_TIME: Strategy
STRATEGY_HIGHEST_SKILL: Strategy
STRATEGY_RANDOM: Strategy
STRATEGY_WEIGHTED_RANDOM: Strategy
AGENT_STATE_UNSPECIFIED: AgentState
AGENT_STATE_LOGGED_OUT: AgentState
AGENT_STATE_AVAILABLE: AgentState
AGENT_STATE_RESERVED: AgentState
AGENT_STATE_BUSY: AgentState
AGENT_STATE_WRAP_UP: AgentState
AGENT_STATE_PAUSED: AgentState
CALL_STATE_UNSPECIFIED: CallState
CALL_STATE_WAITING: CallState
CALL_STATE_OFFERED: CallState
CALL_STATE_CONNECTED: CallState
CALL_STATE_COMPLETED: CallState
CALL_STATE_ABANDONED: CallState
CALL_STATE_OVERFLOWED: CallState
EMPTY_RULE_UNSPECIFIED: EmptyRule
EMPTY_RULE_NEVER: EmptyRule
EMPTY_RULE_NO_AGENTS: EmptyRule
EMPTY_RULE_NO_READY: EmptyRule
EMPTY_RULE_NO_CAPABLE: EmptyRule
HANGUP_BY_UNSPECIFIED: HangupBy
HANGUP_BY_AGENT: HangupBy
HANGUP_BY_CALLER: HangupBy
TRIGGER_UNSPECIFIED: Trigger
TRIGGER_CALL_ARRIVED: Trigger
TRIGGER_AGENT_READY: Trigger
TRIGGER_ESCALATION: Trigger
TRIGGER_RETRY: Trigger
TRIGGER_REQUEUED: Trigger
TRIGGER_TRANSFERRED: Trigger
TRIGGER_OVERFLOWED: Trigger
TRIGGER_RECONFIGURED: Trigger
ROUTE_FIELD_UNSPECIFIED: RouteField
ROUTE_FIELD_CALLER: RouteField
ROUTE_FIELD_DIALLED: RouteField
EVENT_TYPE_UNSPECIFIED: EventType
EVENT_TYPE_CALL_ENQUEUED: EventType
EVENT_TYPE_CALL_OFFERED: EventType
EVENT_TYPE_CALL_NO_ANSWER: EventType
EVENT_TYPE_CALL_ANSWERED: EventType
EVENT_TYPE_CALL_ABANDONED: EventType
EVENT_TYPE_CALL_OVERFLOWED: EventType
EVENT_TYPE_CALL_TRANSFERRED: EventType
EVENT_TYPE_CALL_COMPLETED: EventType
EVENT_TYPE_CALL_REJECTED: EventType
EVENT_TYPE_CALL_ESCALATED: EventType
EVENT_TYPE_CALL_PROMOTED: EventType
EVENT_TYPE_AGENT_STATE_CHANGED: EventType
EVENT_TYPE_AGENT_ADDED: EventType
EVENT_TYPE_AGENT_UPDATED: EventType
EVENT_TYPE_AGENT_REMOVED: EventType
EVENT_TYPE_QUEUE_CREATED: EventType
EVENT_TYPE_QUEUE_UPDATED: EventType
EVENT_TYPE_QUEUE_DELETED: EventType
EVENT_TYPE_ROUTES_REPLACED: EventType
EVENT_TYPE_CALL_TARGET_LAPSED: EventType
