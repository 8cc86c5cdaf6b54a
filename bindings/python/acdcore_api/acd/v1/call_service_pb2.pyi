import datetime

from acdcore_api.acd.v1 import enums_pb2 as _enums_pb2
from acdcore_api.acd.v1 import resources_pb2 as _resources_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CallMilestone(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CALL_MILESTONE_UNSPECIFIED: _ClassVar[CallMilestone]
    CALL_MILESTONE_OFFERED: _ClassVar[CallMilestone]
    CALL_MILESTONE_ANSWERED: _ClassVar[CallMilestone]
    CALL_MILESTONE_ENDED: _ClassVar[CallMilestone]
CALL_MILESTONE_UNSPECIFIED: CallMilestone
CALL_MILESTONE_OFFERED: CallMilestone
CALL_MILESTONE_ANSWERED: CallMilestone
CALL_MILESTONE_ENDED: CallMilestone

class EnqueueCallRequest(_message.Message):
    __slots__ = ("call_id", "queue", "caller", "dialled", "priority", "skills", "attributes", "enqueue_time", "target_agent_id", "target_timeout")
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
    CALLER_FIELD_NUMBER: _ClassVar[int]
    DIALLED_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    ENQUEUE_TIME_FIELD_NUMBER: _ClassVar[int]
    TARGET_AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    queue: str
    caller: str
    dialled: str
    priority: _enums_pb2.Priority
    skills: _containers.ScalarMap[str, int]
    attributes: _containers.ScalarMap[str, str]
    enqueue_time: _timestamp_pb2.Timestamp
    target_agent_id: str
    target_timeout: _duration_pb2.Duration
    def __init__(self, call_id: _Optional[str] = ..., queue: _Optional[str] = ..., caller: _Optional[str] = ..., dialled: _Optional[str] = ..., priority: _Optional[_Union[_enums_pb2.Priority, str]] = ..., skills: _Optional[_Mapping[str, int]] = ..., attributes: _Optional[_Mapping[str, str]] = ..., enqueue_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., target_agent_id: _Optional[str] = ..., target_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class EnqueueCallResponse(_message.Message):
    __slots__ = ("call", "offer", "duplicate", "route_decision")
    CALL_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    ROUTE_DECISION_FIELD_NUMBER: _ClassVar[int]
    call: _resources_pb2.Call
    offer: _resources_pb2.Offer
    duplicate: bool
    route_decision: _resources_pb2.RouteDecision
    def __init__(self, call: _Optional[_Union[_resources_pb2.Call, _Mapping]] = ..., offer: _Optional[_Union[_resources_pb2.Offer, _Mapping]] = ..., duplicate: _Optional[bool] = ..., route_decision: _Optional[_Union[_resources_pb2.RouteDecision, _Mapping]] = ...) -> None: ...

class CancelCallRequest(_message.Message):
    __slots__ = ("call_id",)
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    def __init__(self, call_id: _Optional[str] = ...) -> None: ...

class CancelCallResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: _enums_pb2.CallState
    def __init__(self, state: _Optional[_Union[_enums_pb2.CallState, str]] = ...) -> None: ...

class TransferCallRequest(_message.Message):
    __slots__ = ("call_id", "queue")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    queue: str
    def __init__(self, call_id: _Optional[str] = ..., queue: _Optional[str] = ...) -> None: ...

class TransferCallResponse(_message.Message):
    __slots__ = ("call", "offer")
    CALL_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    call: _resources_pb2.Call
    offer: _resources_pb2.Offer
    def __init__(self, call: _Optional[_Union[_resources_pb2.Call, _Mapping]] = ..., offer: _Optional[_Union[_resources_pb2.Offer, _Mapping]] = ...) -> None: ...

class GetCallRequest(_message.Message):
    __slots__ = ("call_id",)
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    def __init__(self, call_id: _Optional[str] = ...) -> None: ...

class GetCallResponse(_message.Message):
    __slots__ = ("call",)
    CALL_FIELD_NUMBER: _ClassVar[int]
    call: _resources_pb2.Call
    def __init__(self, call: _Optional[_Union[_resources_pb2.Call, _Mapping]] = ...) -> None: ...

class ListCallsRequest(_message.Message):
    __slots__ = ("queue",)
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    queue: str
    def __init__(self, queue: _Optional[str] = ...) -> None: ...

class ListCallsResponse(_message.Message):
    __slots__ = ("calls",)
    CALLS_FIELD_NUMBER: _ClassVar[int]
    calls: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Call]
    def __init__(self, calls: _Optional[_Iterable[_Union[_resources_pb2.Call, _Mapping]]] = ...) -> None: ...

class WatchCallRequest(_message.Message):
    __slots__ = ("call_id", "until")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    until: CallMilestone
    def __init__(self, call_id: _Optional[str] = ..., until: _Optional[_Union[CallMilestone, str]] = ...) -> None: ...

class WatchCallResponse(_message.Message):
    __slots__ = ("call", "event", "done")
    CALL_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    DONE_FIELD_NUMBER: _ClassVar[int]
    call: _resources_pb2.Call
    event: _resources_pb2.Event
    done: bool
    def __init__(self, call: _Optional[_Union[_resources_pb2.Call, _Mapping]] = ..., event: _Optional[_Union[_resources_pb2.Event, _Mapping]] = ..., done: _Optional[bool] = ...) -> None: ...
