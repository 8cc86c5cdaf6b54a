import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RecordingCodec(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RECORDING_CODEC_UNSPECIFIED: _ClassVar[RecordingCodec]
    RECORDING_CODEC_PCMU: _ClassVar[RecordingCodec]
    RECORDING_CODEC_PCMA: _ClassVar[RecordingCodec]
    RECORDING_CODEC_L16: _ClassVar[RecordingCodec]

class RecordingStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RECORDING_STATUS_UNSPECIFIED: _ClassVar[RecordingStatus]
    RECORDING_STATUS_RECORDING: _ClassVar[RecordingStatus]
    RECORDING_STATUS_COMPLETE: _ClassVar[RecordingStatus]
    RECORDING_STATUS_WRITE_ERROR: _ClassVar[RecordingStatus]
    RECORDING_STATUS_RECOVERED: _ClassVar[RecordingStatus]
    RECORDING_STATUS_LOST: _ClassVar[RecordingStatus]

class MonitorMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MONITOR_MODE_UNSPECIFIED: _ClassVar[MonitorMode]
    MONITOR_MODE_MIXED: _ClassVar[MonitorMode]
    MONITOR_MODE_CALLER: _ClassVar[MonitorMode]
    MONITOR_MODE_AGENT: _ClassVar[MonitorMode]
    MONITOR_MODE_STEREO: _ClassVar[MonitorMode]
RECORDING_CODEC_UNSPECIFIED: RecordingCodec
RECORDING_CODEC_PCMU: RecordingCodec
RECORDING_CODEC_PCMA: RecordingCodec
RECORDING_CODEC_L16: RecordingCodec
RECORDING_STATUS_UNSPECIFIED: RecordingStatus
RECORDING_STATUS_RECORDING: RecordingStatus
RECORDING_STATUS_COMPLETE: RecordingStatus
RECORDING_STATUS_WRITE_ERROR: RecordingStatus
RECORDING_STATUS_RECOVERED: RecordingStatus
RECORDING_STATUS_LOST: RecordingStatus
MONITOR_MODE_UNSPECIFIED: MonitorMode
MONITOR_MODE_MIXED: MonitorMode
MONITOR_MODE_CALLER: MonitorMode
MONITOR_MODE_AGENT: MonitorMode
MONITOR_MODE_STEREO: MonitorMode

class RecordingLeg(_message.Message):
    __slots__ = ("name", "remote_host", "remote_port", "ssrc", "codec", "dtmf_payload_type")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REMOTE_HOST_FIELD_NUMBER: _ClassVar[int]
    REMOTE_PORT_FIELD_NUMBER: _ClassVar[int]
    SSRC_FIELD_NUMBER: _ClassVar[int]
    CODEC_FIELD_NUMBER: _ClassVar[int]
    DTMF_PAYLOAD_TYPE_FIELD_NUMBER: _ClassVar[int]
    name: str
    remote_host: str
    remote_port: int
    ssrc: int
    codec: RecordingCodec
    dtmf_payload_type: int
    def __init__(self, name: _Optional[str] = ..., remote_host: _Optional[str] = ..., remote_port: _Optional[int] = ..., ssrc: _Optional[int] = ..., codec: _Optional[_Union[RecordingCodec, str]] = ..., dtmf_payload_type: _Optional[int] = ...) -> None: ...

class MediaAddress(_message.Message):
    __slots__ = ("leg", "host", "rtp_port", "rtcp_port", "shared")
    LEG_FIELD_NUMBER: _ClassVar[int]
    HOST_FIELD_NUMBER: _ClassVar[int]
    RTP_PORT_FIELD_NUMBER: _ClassVar[int]
    RTCP_PORT_FIELD_NUMBER: _ClassVar[int]
    SHARED_FIELD_NUMBER: _ClassVar[int]
    leg: str
    host: str
    rtp_port: int
    rtcp_port: int
    shared: bool
    def __init__(self, leg: _Optional[str] = ..., host: _Optional[str] = ..., rtp_port: _Optional[int] = ..., rtcp_port: _Optional[int] = ..., shared: _Optional[bool] = ...) -> None: ...

class Recording(_message.Message):
    __slots__ = ("recording_id", "call_id", "agent_id", "queue", "caller", "start_time", "end_time", "duration_seconds", "codec", "channels", "size_bytes", "sha256", "status")
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    CALLER_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    DURATION_SECONDS_FIELD_NUMBER: _ClassVar[int]
    CODEC_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    call_id: str
    agent_id: str
    queue: str
    caller: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    duration_seconds: float
    codec: RecordingCodec
    channels: int
    size_bytes: int
    sha256: str
    status: RecordingStatus
    def __init__(self, recording_id: _Optional[str] = ..., call_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., queue: _Optional[str] = ..., caller: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duration_seconds: _Optional[float] = ..., codec: _Optional[_Union[RecordingCodec, str]] = ..., channels: _Optional[int] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., status: _Optional[_Union[RecordingStatus, str]] = ...) -> None: ...

class RecordingLegStats(_message.Message):
    __slots__ = ("leg", "packets", "lost", "duplicates", "late", "foreign", "fill_samples", "jitter_ms")
    LEG_FIELD_NUMBER: _ClassVar[int]
    PACKETS_FIELD_NUMBER: _ClassVar[int]
    LOST_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    FOREIGN_FIELD_NUMBER: _ClassVar[int]
    FILL_SAMPLES_FIELD_NUMBER: _ClassVar[int]
    JITTER_MS_FIELD_NUMBER: _ClassVar[int]
    leg: str
    packets: int
    lost: int
    duplicates: int
    late: int
    foreign: int
    fill_samples: int
    jitter_ms: float
    def __init__(self, leg: _Optional[str] = ..., packets: _Optional[int] = ..., lost: _Optional[int] = ..., duplicates: _Optional[int] = ..., late: _Optional[int] = ..., foreign: _Optional[int] = ..., fill_samples: _Optional[int] = ..., jitter_ms: _Optional[float] = ...) -> None: ...

class RecordingEvent(_message.Message):
    __slots__ = ("kind", "who", "time", "position_seconds", "detail")
    KIND_FIELD_NUMBER: _ClassVar[int]
    WHO_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    POSITION_SECONDS_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    kind: str
    who: str
    time: _timestamp_pb2.Timestamp
    position_seconds: float
    detail: str
    def __init__(self, kind: _Optional[str] = ..., who: _Optional[str] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., position_seconds: _Optional[float] = ..., detail: _Optional[str] = ...) -> None: ...

class StartRecordingRequest(_message.Message):
    __slots__ = ("call_id", "legs", "agent_id", "queue", "caller", "shared_port")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    LEGS_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    CALLER_FIELD_NUMBER: _ClassVar[int]
    SHARED_PORT_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    legs: _containers.RepeatedCompositeFieldContainer[RecordingLeg]
    agent_id: str
    queue: str
    caller: str
    shared_port: bool
    def __init__(self, call_id: _Optional[str] = ..., legs: _Optional[_Iterable[_Union[RecordingLeg, _Mapping]]] = ..., agent_id: _Optional[str] = ..., queue: _Optional[str] = ..., caller: _Optional[str] = ..., shared_port: _Optional[bool] = ...) -> None: ...

class StartRecordingResponse(_message.Message):
    __slots__ = ("recording_id", "media")
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    MEDIA_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    media: _containers.RepeatedCompositeFieldContainer[MediaAddress]
    def __init__(self, recording_id: _Optional[str] = ..., media: _Optional[_Iterable[_Union[MediaAddress, _Mapping]]] = ...) -> None: ...

class StopRecordingRequest(_message.Message):
    __slots__ = ("call_id", "reason")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    reason: str
    def __init__(self, call_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class StopRecordingResponse(_message.Message):
    __slots__ = ("recording", "legs")
    RECORDING_FIELD_NUMBER: _ClassVar[int]
    LEGS_FIELD_NUMBER: _ClassVar[int]
    recording: Recording
    legs: _containers.RepeatedCompositeFieldContainer[RecordingLegStats]
    def __init__(self, recording: _Optional[_Union[Recording, _Mapping]] = ..., legs: _Optional[_Iterable[_Union[RecordingLegStats, _Mapping]]] = ...) -> None: ...

class PauseRecordingRequest(_message.Message):
    __slots__ = ("call_id", "reason")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    reason: str
    def __init__(self, call_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PauseRecordingResponse(_message.Message):
    __slots__ = ("event",)
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: RecordingEvent
    def __init__(self, event: _Optional[_Union[RecordingEvent, _Mapping]] = ...) -> None: ...

class ResumeRecordingRequest(_message.Message):
    __slots__ = ("call_id", "reason")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    reason: str
    def __init__(self, call_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ResumeRecordingResponse(_message.Message):
    __slots__ = ("event",)
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: RecordingEvent
    def __init__(self, event: _Optional[_Union[RecordingEvent, _Mapping]] = ...) -> None: ...

class SearchRecordingsRequest(_message.Message):
    __slots__ = ("call_id", "agent_id", "queue", "caller", "start_time_from", "start_time_to", "limit", "offset")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    CALLER_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FROM_FIELD_NUMBER: _ClassVar[int]
    START_TIME_TO_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    agent_id: str
    queue: str
    caller: str
    start_time_from: _timestamp_pb2.Timestamp
    start_time_to: _timestamp_pb2.Timestamp
    limit: int
    offset: int
    def __init__(self, call_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., queue: _Optional[str] = ..., caller: _Optional[str] = ..., start_time_from: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., start_time_to: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class SearchRecordingsResponse(_message.Message):
    __slots__ = ("recordings",)
    RECORDINGS_FIELD_NUMBER: _ClassVar[int]
    recordings: _containers.RepeatedCompositeFieldContainer[Recording]
    def __init__(self, recordings: _Optional[_Iterable[_Union[Recording, _Mapping]]] = ...) -> None: ...

class GetRecordingRequest(_message.Message):
    __slots__ = ("recording_id", "start_byte", "end_byte", "start_seconds")
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    START_BYTE_FIELD_NUMBER: _ClassVar[int]
    END_BYTE_FIELD_NUMBER: _ClassVar[int]
    START_SECONDS_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    start_byte: int
    end_byte: int
    start_seconds: float
    def __init__(self, recording_id: _Optional[str] = ..., start_byte: _Optional[int] = ..., end_byte: _Optional[int] = ..., start_seconds: _Optional[float] = ...) -> None: ...

class GetRecordingResponse(_message.Message):
    __slots__ = ("recording", "total_size", "offset", "data")
    RECORDING_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    recording: Recording
    total_size: int
    offset: int
    data: bytes
    def __init__(self, recording: _Optional[_Union[Recording, _Mapping]] = ..., total_size: _Optional[int] = ..., offset: _Optional[int] = ..., data: _Optional[bytes] = ...) -> None: ...

class ListRecordingEventsRequest(_message.Message):
    __slots__ = ("recording_id",)
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    def __init__(self, recording_id: _Optional[str] = ...) -> None: ...

class ListRecordingEventsResponse(_message.Message):
    __slots__ = ("events",)
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[RecordingEvent]
    def __init__(self, events: _Optional[_Iterable[_Union[RecordingEvent, _Mapping]]] = ...) -> None: ...

class MonitorCallRequest(_message.Message):
    __slots__ = ("call_id", "mode")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    mode: MonitorMode
    def __init__(self, call_id: _Optional[str] = ..., mode: _Optional[_Union[MonitorMode, str]] = ...) -> None: ...

class MonitorCallResponse(_message.Message):
    __slots__ = ("seq", "position_seconds", "channels", "sample_rate", "pcm", "skipped", "queued_ms")
    SEQ_FIELD_NUMBER: _ClassVar[int]
    POSITION_SECONDS_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    SAMPLE_RATE_FIELD_NUMBER: _ClassVar[int]
    PCM_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    QUEUED_MS_FIELD_NUMBER: _ClassVar[int]
    seq: int
    position_seconds: float
    channels: int
    sample_rate: int
    pcm: bytes
    skipped: int
    queued_ms: float
    def __init__(self, seq: _Optional[int] = ..., position_seconds: _Optional[float] = ..., channels: _Optional[int] = ..., sample_rate: _Optional[int] = ..., pcm: _Optional[bytes] = ..., skipped: _Optional[int] = ..., queued_ms: _Optional[float] = ...) -> None: ...
