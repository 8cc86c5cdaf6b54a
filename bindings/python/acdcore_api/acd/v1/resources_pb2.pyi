import datetime

from acdcore_api.acd.v1 import enums_pb2 as _enums_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PenaltyRule(_message.Message):
    __slots__ = ("after_seconds", "max_penalty")
    AFTER_SECONDS_FIELD_NUMBER: _ClassVar[int]
    MAX_PENALTY_FIELD_NUMBER: _ClassVar[int]
    after_seconds: float
    max_penalty: int
    def __init__(self, after_seconds: _Optional[float] = ..., max_penalty: _Optional[int] = ...) -> None: ...

class QueueConfig(_message.Message):
    __slots__ = ("name", "strategy", "wrap_up_seconds", "max_waiting", "offer_timeout_seconds", "retry_delay_seconds", "service_level_threshold_seconds", "short_abandon_threshold_seconds", "weight", "skills", "max_penalty", "penalty_rules", "overflow_after_seconds", "overflow_target", "join_empty", "leave_empty", "max_priority_overtake_seconds", "auto_pause_after", "default_handle_time_seconds")
    class SkillsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    WRAP_UP_SECONDS_FIELD_NUMBER: _ClassVar[int]
    MAX_WAITING_FIELD_NUMBER: _ClassVar[int]
    OFFER_TIMEOUT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    RETRY_DELAY_SECONDS_FIELD_NUMBER: _ClassVar[int]
    SERVICE_LEVEL_THRESHOLD_SECONDS_FIELD_NUMBER: _ClassVar[int]
    SHORT_ABANDON_THRESHOLD_SECONDS_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    MAX_PENALTY_FIELD_NUMBER: _ClassVar[int]
    PENALTY_RULES_FIELD_NUMBER: _ClassVar[int]
    OVERFLOW_AFTER_SECONDS_FIELD_NUMBER: _ClassVar[int]
    OVERFLOW_TARGET_FIELD_NUMBER: _ClassVar[int]
    JOIN_EMPTY_FIELD_NUMBER: _ClassVar[int]
    LEAVE_EMPTY_FIELD_NUMBER: _ClassVar[int]
    MAX_PRIORITY_OVERTAKE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    AUTO_PAUSE_AFTER_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_HANDLE_TIME_SECONDS_FIELD_NUMBER: _ClassVar[int]
    name: str
    strategy: _enums_pb2.Strategy
    wrap_up_seconds: float
    max_waiting: int
    offer_timeout_seconds: float
    retry_delay_seconds: float
    service_level_threshold_seconds: float
    short_abandon_threshold_seconds: float
    weight: float
    skills: _containers.ScalarMap[str, int]
    max_penalty: int
    penalty_rules: _containers.RepeatedCompositeFieldContainer[PenaltyRule]
    overflow_after_seconds: float
    overflow_target: str
    join_empty: _enums_pb2.EmptyRule
    leave_empty: _enums_pb2.EmptyRule
    max_priority_overtake_seconds: float
    auto_pause_after: int
    default_handle_time_seconds: float
    def __init__(self, name: _Optional[str] = ..., strategy: _Optional[_Union[_enums_pb2.Strategy, str]] = ..., wrap_up_seconds: _Optional[float] = ..., max_waiting: _Optional[int] = ..., offer_timeout_seconds: _Optional[float] = ..., retry_delay_seconds: _Optional[float] = ..., service_level_threshold_seconds: _Optional[float] = ..., short_abandon_threshold_seconds: _Optional[float] = ..., weight: _Optional[float] = ..., skills: _Optional[_Mapping[str, int]] = ..., max_penalty: _Optional[int] = ..., penalty_rules: _Optional[_Iterable[_Union[PenaltyRule, _Mapping]]] = ..., overflow_after_seconds: _Optional[float] = ..., overflow_target: _Optional[str] = ..., join_empty: _Optional[_Union[_enums_pb2.EmptyRule, str]] = ..., leave_empty: _Optional[_Union[_enums_pb2.EmptyRule, str]] = ..., max_priority_overtake_seconds: _Optional[float] = ..., auto_pause_after: _Optional[int] = ..., default_handle_time_seconds: _Optional[float] = ...) -> None: ...

class QueueMembership(_message.Message):
    __slots__ = ("queue", "penalty")
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    PENALTY_FIELD_NUMBER: _ClassVar[int]
    queue: str
    penalty: int
    def __init__(self, queue: _Optional[str] = ..., penalty: _Optional[int] = ...) -> None: ...

class AgentConfig(_message.Message):
    __slots__ = ("agent_id", "skills", "queues")
    class SkillsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    QUEUES_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    skills: _containers.ScalarMap[str, int]
    queues: _containers.RepeatedCompositeFieldContainer[QueueMembership]
    def __init__(self, agent_id: _Optional[str] = ..., skills: _Optional[_Mapping[str, int]] = ..., queues: _Optional[_Iterable[_Union[QueueMembership, _Mapping]]] = ...) -> None: ...

class Offer(_message.Message):
    __slots__ = ("offer_id", "call_id", "agent_id", "queue", "offer_time", "expire_time")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    OFFER_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    offer_id: int
    call_id: str
    agent_id: str
    queue: str
    offer_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, offer_id: _Optional[int] = ..., call_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., queue: _Optional[str] = ..., offer_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Call(_message.Message):
    __slots__ = ("call_id", "queue", "state", "priority", "effective_priority", "caller", "dialled", "skills", "attributes", "arrive_time", "enter_time", "agent_id", "offer_id", "position", "expected_wait_seconds", "penalty_limit", "excluded_agent_ids", "previous_queues", "no_answers", "target_agent_id", "target_lapse_time")
    class SkillsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_PRIORITY_FIELD_NUMBER: _ClassVar[int]
    CALLER_FIELD_NUMBER: _ClassVar[int]
    DIALLED_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    ARRIVE_TIME_FIELD_NUMBER: _ClassVar[int]
    ENTER_TIME_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_WAIT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    PENALTY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    EXCLUDED_AGENT_IDS_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_QUEUES_FIELD_NUMBER: _ClassVar[int]
    NO_ANSWERS_FIELD_NUMBER: _ClassVar[int]
    TARGET_AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_LAPSE_TIME_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    queue: str
    state: _enums_pb2.CallState
    priority: _enums_pb2.Priority
    effective_priority: _enums_pb2.Priority
    caller: str
    dialled: str
    skills: _containers.ScalarMap[str, int]
    attributes: _containers.ScalarMap[str, str]
    arrive_time: _timestamp_pb2.Timestamp
    enter_time: _timestamp_pb2.Timestamp
    agent_id: str
    offer_id: int
    position: int
    expected_wait_seconds: float
    penalty_limit: int
    excluded_agent_ids: _containers.RepeatedScalarFieldContainer[str]
    previous_queues: _containers.RepeatedScalarFieldContainer[str]
    no_answers: int
    target_agent_id: str
    target_lapse_time: _timestamp_pb2.Timestamp
    def __init__(self, call_id: _Optional[str] = ..., queue: _Optional[str] = ..., state: _Optional[_Union[_enums_pb2.CallState, str]] = ..., priority: _Optional[_Union[_enums_pb2.Priority, str]] = ..., effective_priority: _Optional[_Union[_enums_pb2.Priority, str]] = ..., caller: _Optional[str] = ..., dialled: _Optional[str] = ..., skills: _Optional[_Mapping[str, int]] = ..., attributes: _Optional[_Mapping[str, str]] = ..., arrive_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., enter_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., agent_id: _Optional[str] = ..., offer_id: _Optional[int] = ..., position: _Optional[int] = ..., expected_wait_seconds: _Optional[float] = ..., penalty_limit: _Optional[int] = ..., excluded_agent_ids: _Optional[_Iterable[str]] = ..., previous_queues: _Optional[_Iterable[str]] = ..., no_answers: _Optional[int] = ..., target_agent_id: _Optional[str] = ..., target_lapse_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AgentStats(_message.Message):
    __slots__ = ("calls", "talk_seconds", "wrap_up_seconds", "ring_seconds", "idle_seconds", "pause_seconds", "pause_seconds_by_reason", "no_answers", "logged_in_seconds", "occupancy")
    class PauseSecondsByReasonEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    CALLS_FIELD_NUMBER: _ClassVar[int]
    TALK_SECONDS_FIELD_NUMBER: _ClassVar[int]
    WRAP_UP_SECONDS_FIELD_NUMBER: _ClassVar[int]
    RING_SECONDS_FIELD_NUMBER: _ClassVar[int]
    IDLE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    PAUSE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    PAUSE_SECONDS_BY_REASON_FIELD_NUMBER: _ClassVar[int]
    NO_ANSWERS_FIELD_NUMBER: _ClassVar[int]
    LOGGED_IN_SECONDS_FIELD_NUMBER: _ClassVar[int]
    OCCUPANCY_FIELD_NUMBER: _ClassVar[int]
    calls: int
    talk_seconds: float
    wrap_up_seconds: float
    ring_seconds: float
    idle_seconds: float
    pause_seconds: float
    pause_seconds_by_reason: _containers.ScalarMap[str, float]
    no_answers: int
    logged_in_seconds: float
    occupancy: float
    def __init__(self, calls: _Optional[int] = ..., talk_seconds: _Optional[float] = ..., wrap_up_seconds: _Optional[float] = ..., ring_seconds: _Optional[float] = ..., idle_seconds: _Optional[float] = ..., pause_seconds: _Optional[float] = ..., pause_seconds_by_reason: _Optional[_Mapping[str, float]] = ..., no_answers: _Optional[int] = ..., logged_in_seconds: _Optional[float] = ..., occupancy: _Optional[float] = ...) -> None: ...

class Agent(_message.Message):
    __slots__ = ("agent_id", "state", "state_since", "reason", "skills", "queues", "call_id", "offer_id", "offer_expire_time", "consecutive_no_answers", "stats")
    class SkillsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STATE_SINCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    QUEUES_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CONSECUTIVE_NO_ANSWERS_FIELD_NUMBER: _ClassVar[int]
    STATS_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    state: _enums_pb2.AgentState
    state_since: _timestamp_pb2.Timestamp
    reason: str
    skills: _containers.ScalarMap[str, int]
    queues: _containers.RepeatedCompositeFieldContainer[QueueMembership]
    call_id: str
    offer_id: int
    offer_expire_time: _timestamp_pb2.Timestamp
    consecutive_no_answers: int
    stats: AgentStats
    def __init__(self, agent_id: _Optional[str] = ..., state: _Optional[_Union[_enums_pb2.AgentState, str]] = ..., state_since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reason: _Optional[str] = ..., skills: _Optional[_Mapping[str, int]] = ..., queues: _Optional[_Iterable[_Union[QueueMembership, _Mapping]]] = ..., call_id: _Optional[str] = ..., offer_id: _Optional[int] = ..., offer_expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., consecutive_no_answers: _Optional[int] = ..., stats: _Optional[_Union[AgentStats, _Mapping]] = ...) -> None: ...

class QueueStats(_message.Message):
    __slots__ = ("queue", "waiting", "waiting_priority", "longest_wait_seconds", "offered", "answered", "answered_within_sl", "abandoned", "short_abandoned", "overflowed", "transferred_out", "rejected", "service_level", "asa_seconds", "aht_seconds", "expected_wait_seconds", "expected_wait_priority_seconds", "agents_logged_in", "agents_available", "agents_busy", "agents_paused")
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    WAITING_FIELD_NUMBER: _ClassVar[int]
    WAITING_PRIORITY_FIELD_NUMBER: _ClassVar[int]
    LONGEST_WAIT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    OFFERED_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_WITHIN_SL_FIELD_NUMBER: _ClassVar[int]
    ABANDONED_FIELD_NUMBER: _ClassVar[int]
    SHORT_ABANDONED_FIELD_NUMBER: _ClassVar[int]
    OVERFLOWED_FIELD_NUMBER: _ClassVar[int]
    TRANSFERRED_OUT_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    SERVICE_LEVEL_FIELD_NUMBER: _ClassVar[int]
    ASA_SECONDS_FIELD_NUMBER: _ClassVar[int]
    AHT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_WAIT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_WAIT_PRIORITY_SECONDS_FIELD_NUMBER: _ClassVar[int]
    AGENTS_LOGGED_IN_FIELD_NUMBER: _ClassVar[int]
    AGENTS_AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    AGENTS_BUSY_FIELD_NUMBER: _ClassVar[int]
    AGENTS_PAUSED_FIELD_NUMBER: _ClassVar[int]
    queue: str
    waiting: int
    waiting_priority: int
    longest_wait_seconds: float
    offered: int
    answered: int
    answered_within_sl: int
    abandoned: int
    short_abandoned: int
    overflowed: int
    transferred_out: int
    rejected: int
    service_level: float
    asa_seconds: float
    aht_seconds: float
    expected_wait_seconds: float
    expected_wait_priority_seconds: float
    agents_logged_in: int
    agents_available: int
    agents_busy: int
    agents_paused: int
    def __init__(self, queue: _Optional[str] = ..., waiting: _Optional[int] = ..., waiting_priority: _Optional[int] = ..., longest_wait_seconds: _Optional[float] = ..., offered: _Optional[int] = ..., answered: _Optional[int] = ..., answered_within_sl: _Optional[int] = ..., abandoned: _Optional[int] = ..., short_abandoned: _Optional[int] = ..., overflowed: _Optional[int] = ..., transferred_out: _Optional[int] = ..., rejected: _Optional[int] = ..., service_level: _Optional[float] = ..., asa_seconds: _Optional[float] = ..., aht_seconds: _Optional[float] = ..., expected_wait_seconds: _Optional[float] = ..., expected_wait_priority_seconds: _Optional[float] = ..., agents_logged_in: _Optional[int] = ..., agents_available: _Optional[int] = ..., agents_busy: _Optional[int] = ..., agents_paused: _Optional[int] = ...) -> None: ...

class Route(_message.Message):
    __slots__ = ("pattern", "field", "queue", "menu", "priority", "reject", "label")
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    MENU_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    REJECT_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    pattern: str
    field: _enums_pb2.RouteField
    queue: str
    menu: str
    priority: _enums_pb2.Priority
    reject: str
    label: str
    def __init__(self, pattern: _Optional[str] = ..., field: _Optional[_Union[_enums_pb2.RouteField, str]] = ..., queue: _Optional[str] = ..., menu: _Optional[str] = ..., priority: _Optional[_Union[_enums_pb2.Priority, str]] = ..., reject: _Optional[str] = ..., label: _Optional[str] = ...) -> None: ...

class RouteDecision(_message.Message):
    __slots__ = ("queue", "menu", "priority", "reject", "caller_route", "dialled_route")
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    MENU_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    REJECT_FIELD_NUMBER: _ClassVar[int]
    CALLER_ROUTE_FIELD_NUMBER: _ClassVar[int]
    DIALLED_ROUTE_FIELD_NUMBER: _ClassVar[int]
    queue: str
    menu: str
    priority: _enums_pb2.Priority
    reject: str
    caller_route: Route
    dialled_route: Route
    def __init__(self, queue: _Optional[str] = ..., menu: _Optional[str] = ..., priority: _Optional[_Union[_enums_pb2.Priority, str]] = ..., reject: _Optional[str] = ..., caller_route: _Optional[_Union[Route, _Mapping]] = ..., dialled_route: _Optional[_Union[Route, _Mapping]] = ...) -> None: ...

class Assignment(_message.Message):
    __slots__ = ("offer_id", "call_id", "agent_id", "queue", "time", "trigger", "strategy", "candidates", "score", "penalty", "penalty_limit", "escalation_step", "description", "targeted")
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    STRATEGY_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    PENALTY_FIELD_NUMBER: _ClassVar[int]
    PENALTY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    ESCALATION_STEP_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    TARGETED_FIELD_NUMBER: _ClassVar[int]
    offer_id: int
    call_id: str
    agent_id: str
    queue: str
    time: _timestamp_pb2.Timestamp
    trigger: _enums_pb2.Trigger
    strategy: _enums_pb2.Strategy
    candidates: int
    score: float
    penalty: int
    penalty_limit: int
    escalation_step: int
    description: str
    targeted: bool
    def __init__(self, offer_id: _Optional[int] = ..., call_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., queue: _Optional[str] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., trigger: _Optional[_Union[_enums_pb2.Trigger, str]] = ..., strategy: _Optional[_Union[_enums_pb2.Strategy, str]] = ..., candidates: _Optional[int] = ..., score: _Optional[float] = ..., penalty: _Optional[int] = ..., penalty_limit: _Optional[int] = ..., escalation_step: _Optional[int] = ..., description: _Optional[str] = ..., targeted: _Optional[bool] = ...) -> None: ...

class Event(_message.Message):
    __slots__ = ("seq", "time", "type", "call_id", "agent_id", "queue", "target_queue", "offer_id", "priority", "agent_state", "previous_state", "reason", "caller", "position", "entry_position", "wait_seconds", "talk_seconds", "ring_seconds", "trigger", "candidates", "score", "penalty", "penalty_limit", "step")
    SEQ_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    TARGET_QUEUE_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    AGENT_STATE_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CALLER_FIELD_NUMBER: _ClassVar[int]
    POSITION_FIELD_NUMBER: _ClassVar[int]
    ENTRY_POSITION_FIELD_NUMBER: _ClassVar[int]
    WAIT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TALK_SECONDS_FIELD_NUMBER: _ClassVar[int]
    RING_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    PENALTY_FIELD_NUMBER: _ClassVar[int]
    PENALTY_LIMIT_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    seq: int
    time: _timestamp_pb2.Timestamp
    type: _enums_pb2.EventType
    call_id: str
    agent_id: str
    queue: str
    target_queue: str
    offer_id: int
    priority: _enums_pb2.Priority
    agent_state: _enums_pb2.AgentState
    previous_state: _enums_pb2.AgentState
    reason: str
    caller: str
    position: int
    entry_position: int
    wait_seconds: float
    talk_seconds: float
    ring_seconds: float
    trigger: _enums_pb2.Trigger
    candidates: int
    score: float
    penalty: int
    penalty_limit: int
    step: int
    def __init__(self, seq: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., type: _Optional[_Union[_enums_pb2.EventType, str]] = ..., call_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., queue: _Optional[str] = ..., target_queue: _Optional[str] = ..., offer_id: _Optional[int] = ..., priority: _Optional[_Union[_enums_pb2.Priority, str]] = ..., agent_state: _Optional[_Union[_enums_pb2.AgentState, str]] = ..., previous_state: _Optional[_Union[_enums_pb2.AgentState, str]] = ..., reason: _Optional[str] = ..., caller: _Optional[str] = ..., position: _Optional[int] = ..., entry_position: _Optional[int] = ..., wait_seconds: _Optional[float] = ..., talk_seconds: _Optional[float] = ..., ring_seconds: _Optional[float] = ..., trigger: _Optional[_Union[_enums_pb2.Trigger, str]] = ..., candidates: _Optional[int] = ..., score: _Optional[float] = ..., penalty: _Optional[int] = ..., penalty_limit: _Optional[int] = ..., step: _Optional[int] = ...) -> None: ...
