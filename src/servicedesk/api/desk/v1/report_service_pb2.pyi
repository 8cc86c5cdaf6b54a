import datetime

from servicedesk.api.desk.v1 import enums_pb2 as _enums_pb2
from servicedesk.api.desk.v1 import resources_pb2 as _resources_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RunReportRequest(_message.Message):
    __slots__ = ("kind", "start_time", "end_time", "granularity", "keys", "utc_offset_seconds")
    KIND_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    UTC_OFFSET_SECONDS_FIELD_NUMBER: _ClassVar[int]
    kind: _enums_pb2.ReportKind
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    granularity: _enums_pb2.Granularity
    keys: _containers.RepeatedScalarFieldContainer[str]
    utc_offset_seconds: int
    def __init__(self, kind: _Optional[_Union[_enums_pb2.ReportKind, str]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., granularity: _Optional[_Union[_enums_pb2.Granularity, str]] = ..., keys: _Optional[_Iterable[str]] = ..., utc_offset_seconds: _Optional[int] = ...) -> None: ...

class RunReportResponse(_message.Message):
    __slots__ = ("table",)
    TABLE_FIELD_NUMBER: _ClassVar[int]
    table: _resources_pb2.ReportTable
    def __init__(self, table: _Optional[_Union[_resources_pb2.ReportTable, _Mapping]] = ...) -> None: ...
