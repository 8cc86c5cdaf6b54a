from servicedesk.api.desk.v1 import resources_pb2 as _resources_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListTicketRecordingsRequest(_message.Message):
    __slots__ = ("ticket_id",)
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    ticket_id: int
    def __init__(self, ticket_id: _Optional[int] = ...) -> None: ...

class ListTicketRecordingsResponse(_message.Message):
    __slots__ = ("recordings",)
    RECORDINGS_FIELD_NUMBER: _ClassVar[int]
    recordings: _containers.RepeatedCompositeFieldContainer[_resources_pb2.RecordingRef]
    def __init__(self, recordings: _Optional[_Iterable[_Union[_resources_pb2.RecordingRef, _Mapping]]] = ...) -> None: ...

class GetPlaybackRequest(_message.Message):
    __slots__ = ("recording_id",)
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    def __init__(self, recording_id: _Optional[str] = ...) -> None: ...

class GetPlaybackResponse(_message.Message):
    __slots__ = ("recording", "playback_uri", "duration_seconds")
    RECORDING_FIELD_NUMBER: _ClassVar[int]
    PLAYBACK_URI_FIELD_NUMBER: _ClassVar[int]
    DURATION_SECONDS_FIELD_NUMBER: _ClassVar[int]
    recording: _resources_pb2.RecordingRef
    playback_uri: str
    duration_seconds: float
    def __init__(self, recording: _Optional[_Union[_resources_pb2.RecordingRef, _Mapping]] = ..., playback_uri: _Optional[str] = ..., duration_seconds: _Optional[float] = ...) -> None: ...

class StartMonitoringRequest(_message.Message):
    __slots__ = ("agent_id",)
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    def __init__(self, agent_id: _Optional[str] = ...) -> None: ...

class StartMonitoringResponse(_message.Message):
    __slots__ = ("call_id", "monitor_uri")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    MONITOR_URI_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    monitor_uri: str
    def __init__(self, call_id: _Optional[str] = ..., monitor_uri: _Optional[str] = ...) -> None: ...
