from acdcore_api.acd.v1 import enums_pb2 as _enums_pb2
from acdcore_api.acd.v1 import resources_pb2 as _resources_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WatchEventsRequest(_message.Message):
    __slots__ = ("after_seq", "queues", "agent_ids", "event_types")
    AFTER_SEQ_FIELD_NUMBER: _ClassVar[int]
    QUEUES_FIELD_NUMBER: _ClassVar[int]
    AGENT_IDS_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    after_seq: int
    queues: _containers.RepeatedScalarFieldContainer[str]
    agent_ids: _containers.RepeatedScalarFieldContainer[str]
    event_types: _containers.RepeatedScalarFieldContainer[_enums_pb2.EventType]
    def __init__(self, after_seq: _Optional[int] = ..., queues: _Optional[_Iterable[str]] = ..., agent_ids: _Optional[_Iterable[str]] = ..., event_types: _Optional[_Iterable[_Union[_enums_pb2.EventType, str]]] = ...) -> None: ...

class StateSnapshot(_message.Message):
    __slots__ = ("seq", "queues", "queue_stats", "agents", "calls")
    SEQ_FIELD_NUMBER: _ClassVar[int]
    QUEUES_FIELD_NUMBER: _ClassVar[int]
    QUEUE_STATS_FIELD_NUMBER: _ClassVar[int]
    AGENTS_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    seq: int
    queues: _containers.RepeatedCompositeFieldContainer[_resources_pb2.QueueConfig]
    queue_stats: _containers.RepeatedCompositeFieldContainer[_resources_pb2.QueueStats]
    agents: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Agent]
    calls: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Call]
    def __init__(self, seq: _Optional[int] = ..., queues: _Optional[_Iterable[_Union[_resources_pb2.QueueConfig, _Mapping]]] = ..., queue_stats: _Optional[_Iterable[_Union[_resources_pb2.QueueStats, _Mapping]]] = ..., agents: _Optional[_Iterable[_Union[_resources_pb2.Agent, _Mapping]]] = ..., calls: _Optional[_Iterable[_Union[_resources_pb2.Call, _Mapping]]] = ...) -> None: ...

class WatchEventsResponse(_message.Message):
    __slots__ = ("snapshot", "events", "resumed")
    SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    RESUMED_FIELD_NUMBER: _ClassVar[int]
    snapshot: StateSnapshot
    events: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Event]
    resumed: bool
    def __init__(self, snapshot: _Optional[_Union[StateSnapshot, _Mapping]] = ..., events: _Optional[_Iterable[_Union[_resources_pb2.Event, _Mapping]]] = ..., resumed: _Optional[bool] = ...) -> None: ...

class ExplainAssignmentRequest(_message.Message):
    __slots__ = ("offer_id",)
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    offer_id: int
    def __init__(self, offer_id: _Optional[int] = ...) -> None: ...

class ExplainAssignmentResponse(_message.Message):
    __slots__ = ("assignment",)
    ASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    assignment: _resources_pb2.Assignment
    def __init__(self, assignment: _Optional[_Union[_resources_pb2.Assignment, _Mapping]] = ...) -> None: ...
