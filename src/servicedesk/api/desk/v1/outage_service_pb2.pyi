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

class ReportFaultRequest(_message.Message):
    __slots__ = ("caller", "area", "call_id")
    CALLER_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    caller: str
    area: str
    call_id: str
    def __init__(self, caller: _Optional[str] = ..., area: _Optional[str] = ..., call_id: _Optional[str] = ...) -> None: ...

class ReportFaultResponse(_message.Message):
    __slots__ = ("area", "window_reports", "outage")
    AREA_FIELD_NUMBER: _ClassVar[int]
    WINDOW_REPORTS_FIELD_NUMBER: _ClassVar[int]
    OUTAGE_FIELD_NUMBER: _ClassVar[int]
    area: str
    window_reports: int
    outage: _resources_pb2.Outage
    def __init__(self, area: _Optional[str] = ..., window_reports: _Optional[int] = ..., outage: _Optional[_Union[_resources_pb2.Outage, _Mapping]] = ...) -> None: ...

class GetAreaNoticeRequest(_message.Message):
    __slots__ = ("caller", "area", "call_id")
    CALLER_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    caller: str
    area: str
    call_id: str
    def __init__(self, caller: _Optional[str] = ..., area: _Optional[str] = ..., call_id: _Optional[str] = ...) -> None: ...

class GetAreaNoticeResponse(_message.Message):
    __slots__ = ("active", "area", "notice_text", "expected_repair_time", "outage_id", "notice_id")
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    NOTICE_TEXT_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_REPAIR_TIME_FIELD_NUMBER: _ClassVar[int]
    OUTAGE_ID_FIELD_NUMBER: _ClassVar[int]
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    active: bool
    area: str
    notice_text: str
    expected_repair_time: _timestamp_pb2.Timestamp
    outage_id: int
    notice_id: int
    def __init__(self, active: _Optional[bool] = ..., area: _Optional[str] = ..., notice_text: _Optional[str] = ..., expected_repair_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., outage_id: _Optional[int] = ..., notice_id: _Optional[int] = ...) -> None: ...

class RecordNoticeOutcomeRequest(_message.Message):
    __slots__ = ("notice_id", "outcome")
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    notice_id: int
    outcome: _enums_pb2.NoticeOutcome
    def __init__(self, notice_id: _Optional[int] = ..., outcome: _Optional[_Union[_enums_pb2.NoticeOutcome, str]] = ...) -> None: ...

class RecordNoticeOutcomeResponse(_message.Message):
    __slots__ = ("outage",)
    OUTAGE_FIELD_NUMBER: _ClassVar[int]
    outage: _resources_pb2.Outage
    def __init__(self, outage: _Optional[_Union[_resources_pb2.Outage, _Mapping]] = ...) -> None: ...

class GetOutageRequest(_message.Message):
    __slots__ = ("outage_id",)
    OUTAGE_ID_FIELD_NUMBER: _ClassVar[int]
    outage_id: int
    def __init__(self, outage_id: _Optional[int] = ...) -> None: ...

class GetOutageResponse(_message.Message):
    __slots__ = ("outage",)
    OUTAGE_FIELD_NUMBER: _ClassVar[int]
    outage: _resources_pb2.Outage
    def __init__(self, outage: _Optional[_Union[_resources_pb2.Outage, _Mapping]] = ...) -> None: ...

class ListOutagesRequest(_message.Message):
    __slots__ = ("state", "area", "page_size")
    STATE_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    state: _enums_pb2.OutageState
    area: str
    page_size: int
    def __init__(self, state: _Optional[_Union[_enums_pb2.OutageState, str]] = ..., area: _Optional[str] = ..., page_size: _Optional[int] = ...) -> None: ...

class ListOutagesResponse(_message.Message):
    __slots__ = ("outages",)
    OUTAGES_FIELD_NUMBER: _ClassVar[int]
    outages: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Outage]
    def __init__(self, outages: _Optional[_Iterable[_Union[_resources_pb2.Outage, _Mapping]]] = ...) -> None: ...

class DeclareOutageRequest(_message.Message):
    __slots__ = ("area", "notice_text", "expected_repair_time")
    AREA_FIELD_NUMBER: _ClassVar[int]
    NOTICE_TEXT_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_REPAIR_TIME_FIELD_NUMBER: _ClassVar[int]
    area: str
    notice_text: str
    expected_repair_time: _timestamp_pb2.Timestamp
    def __init__(self, area: _Optional[str] = ..., notice_text: _Optional[str] = ..., expected_repair_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DeclareOutageResponse(_message.Message):
    __slots__ = ("outage", "existing")
    OUTAGE_FIELD_NUMBER: _ClassVar[int]
    EXISTING_FIELD_NUMBER: _ClassVar[int]
    outage: _resources_pb2.Outage
    existing: bool
    def __init__(self, outage: _Optional[_Union[_resources_pb2.Outage, _Mapping]] = ..., existing: _Optional[bool] = ...) -> None: ...

class UpdateOutageRequest(_message.Message):
    __slots__ = ("outage_id", "notice_text", "expected_repair_time")
    OUTAGE_ID_FIELD_NUMBER: _ClassVar[int]
    NOTICE_TEXT_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_REPAIR_TIME_FIELD_NUMBER: _ClassVar[int]
    outage_id: int
    notice_text: str
    expected_repair_time: _timestamp_pb2.Timestamp
    def __init__(self, outage_id: _Optional[int] = ..., notice_text: _Optional[str] = ..., expected_repair_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class UpdateOutageResponse(_message.Message):
    __slots__ = ("outage",)
    OUTAGE_FIELD_NUMBER: _ClassVar[int]
    outage: _resources_pb2.Outage
    def __init__(self, outage: _Optional[_Union[_resources_pb2.Outage, _Mapping]] = ...) -> None: ...

class CloseOutageRequest(_message.Message):
    __slots__ = ("outage_id", "resolution")
    OUTAGE_ID_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    outage_id: int
    resolution: str
    def __init__(self, outage_id: _Optional[int] = ..., resolution: _Optional[str] = ...) -> None: ...

class CloseOutageResponse(_message.Message):
    __slots__ = ("outage", "resolved_tickets", "follow_ups")
    OUTAGE_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_TICKETS_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UPS_FIELD_NUMBER: _ClassVar[int]
    outage: _resources_pb2.Outage
    resolved_tickets: int
    follow_ups: int
    def __init__(self, outage: _Optional[_Union[_resources_pb2.Outage, _Mapping]] = ..., resolved_tickets: _Optional[int] = ..., follow_ups: _Optional[int] = ...) -> None: ...

class WatchAlertsRequest(_message.Message):
    __slots__ = ("after_alert_id", "kinds")
    AFTER_ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    after_alert_id: int
    kinds: _containers.RepeatedScalarFieldContainer[_enums_pb2.AlertKind]
    def __init__(self, after_alert_id: _Optional[int] = ..., kinds: _Optional[_Iterable[_Union[_enums_pb2.AlertKind, str]]] = ...) -> None: ...

class WatchAlertsResponse(_message.Message):
    __slots__ = ("alerts",)
    ALERTS_FIELD_NUMBER: _ClassVar[int]
    alerts: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Alert]
    def __init__(self, alerts: _Optional[_Iterable[_Union[_resources_pb2.Alert, _Mapping]]] = ...) -> None: ...
