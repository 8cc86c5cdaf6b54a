import datetime

from servicedesk.api.desk.v1 import enums_pb2 as _enums_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ServiceHolding(_message.Message):
    __slots__ = ("kind", "smart_card_number", "product", "since_time")
    KIND_FIELD_NUMBER: _ClassVar[int]
    SMART_CARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_FIELD_NUMBER: _ClassVar[int]
    SINCE_TIME_FIELD_NUMBER: _ClassVar[int]
    kind: _enums_pb2.ServiceKind
    smart_card_number: str
    product: str
    since_time: _timestamp_pb2.Timestamp
    def __init__(self, kind: _Optional[_Union[_enums_pb2.ServiceKind, str]] = ..., smart_card_number: _Optional[str] = ..., product: _Optional[str] = ..., since_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Subscriber(_message.Message):
    __slots__ = ("subscriber_id", "account_number", "name", "phone_numbers", "address", "area", "services", "balance_cents", "status", "version", "create_time", "update_time")
    SUBSCRIBER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    BALANCE_CENTS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    subscriber_id: int
    account_number: str
    name: str
    phone_numbers: _containers.RepeatedScalarFieldContainer[str]
    address: str
    area: str
    services: _containers.RepeatedCompositeFieldContainer[ServiceHolding]
    balance_cents: int
    status: _enums_pb2.SubscriberStatus
    version: int
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, subscriber_id: _Optional[int] = ..., account_number: _Optional[str] = ..., name: _Optional[str] = ..., phone_numbers: _Optional[_Iterable[str]] = ..., address: _Optional[str] = ..., area: _Optional[str] = ..., services: _Optional[_Iterable[_Union[ServiceHolding, _Mapping]]] = ..., balance_cents: _Optional[int] = ..., status: _Optional[_Union[_enums_pb2.SubscriberStatus, str]] = ..., version: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Ticket(_message.Message):
    __slots__ = ("ticket_id", "type", "channel", "state", "priority", "subscriber_id", "contact_number", "area", "subject", "description", "department", "team", "agent_id", "call_ids", "recording_ids", "create_time", "update_time", "due_time", "resolve_time", "close_time", "escalate_time", "version", "master_ticket_id", "outage_id", "satisfaction", "created_by")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIBER_ID_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    CALL_IDS_FIELD_NUMBER: _ClassVar[int]
    RECORDING_IDS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_TIME_FIELD_NUMBER: _ClassVar[int]
    CLOSE_TIME_FIELD_NUMBER: _ClassVar[int]
    ESCALATE_TIME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    MASTER_TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    OUTAGE_ID_FIELD_NUMBER: _ClassVar[int]
    SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    ticket_id: int
    type: _enums_pb2.TicketType
    channel: _enums_pb2.Channel
    state: _enums_pb2.TicketState
    priority: _enums_pb2.TicketPriority
    subscriber_id: int
    contact_number: str
    area: str
    subject: str
    description: str
    department: str
    team: str
    agent_id: str
    call_ids: _containers.RepeatedScalarFieldContainer[str]
    recording_ids: _containers.RepeatedScalarFieldContainer[str]
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    due_time: _timestamp_pb2.Timestamp
    resolve_time: _timestamp_pb2.Timestamp
    close_time: _timestamp_pb2.Timestamp
    escalate_time: _timestamp_pb2.Timestamp
    version: int
    master_ticket_id: int
    outage_id: int
    satisfaction: int
    created_by: str
    def __init__(self, ticket_id: _Optional[int] = ..., type: _Optional[_Union[_enums_pb2.TicketType, str]] = ..., channel: _Optional[_Union[_enums_pb2.Channel, str]] = ..., state: _Optional[_Union[_enums_pb2.TicketState, str]] = ..., priority: _Optional[_Union[_enums_pb2.TicketPriority, str]] = ..., subscriber_id: _Optional[int] = ..., contact_number: _Optional[str] = ..., area: _Optional[str] = ..., subject: _Optional[str] = ..., description: _Optional[str] = ..., department: _Optional[str] = ..., team: _Optional[str] = ..., agent_id: _Optional[str] = ..., call_ids: _Optional[_Iterable[str]] = ..., recording_ids: _Optional[_Iterable[str]] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolve_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., close_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., escalate_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version: _Optional[int] = ..., master_ticket_id: _Optional[int] = ..., outage_id: _Optional[int] = ..., satisfaction: _Optional[int] = ..., created_by: _Optional[str] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ("seq", "time", "actor", "action", "from_state", "to_state", "text", "details")
    class DetailsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    SEQ_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    FROM_STATE_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    seq: int
    time: _timestamp_pb2.Timestamp
    actor: str
    action: _enums_pb2.HistoryAction
    from_state: _enums_pb2.TicketState
    to_state: _enums_pb2.TicketState
    text: str
    details: _containers.ScalarMap[str, str]
    def __init__(self, seq: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., action: _Optional[_Union[_enums_pb2.HistoryAction, str]] = ..., from_state: _Optional[_Union[_enums_pb2.TicketState, str]] = ..., to_state: _Optional[_Union[_enums_pb2.TicketState, str]] = ..., text: _Optional[str] = ..., details: _Optional[_Mapping[str, str]] = ...) -> None: ...

class Callback(_message.Message):
    __slots__ = ("callback_id", "kind", "state", "ticket_id", "subscriber_id", "number", "queue", "request_time", "due_time", "attempts", "call_id", "agent_id", "outcome", "satisfaction", "note", "version", "end_time")
    CALLBACK_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIBER_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_TIME_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    callback_id: int
    kind: _enums_pb2.CallbackKind
    state: _enums_pb2.CallbackState
    ticket_id: int
    subscriber_id: int
    number: str
    queue: str
    request_time: _timestamp_pb2.Timestamp
    due_time: _timestamp_pb2.Timestamp
    attempts: int
    call_id: str
    agent_id: str
    outcome: _enums_pb2.CallbackOutcome
    satisfaction: int
    note: str
    version: int
    end_time: _timestamp_pb2.Timestamp
    def __init__(self, callback_id: _Optional[int] = ..., kind: _Optional[_Union[_enums_pb2.CallbackKind, str]] = ..., state: _Optional[_Union[_enums_pb2.CallbackState, str]] = ..., ticket_id: _Optional[int] = ..., subscriber_id: _Optional[int] = ..., number: _Optional[str] = ..., queue: _Optional[str] = ..., request_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., attempts: _Optional[int] = ..., call_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., outcome: _Optional[_Union[_enums_pb2.CallbackOutcome, str]] = ..., satisfaction: _Optional[int] = ..., note: _Optional[str] = ..., version: _Optional[int] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Outage(_message.Message):
    __slots__ = ("outage_id", "area", "state", "detect_time", "expected_repair_time", "close_time", "master_ticket_id", "notice_text", "window_reports", "baseline_reports", "reports", "grouped_tickets", "notices_played", "calls_deflected", "declared_by", "resolution")
    OUTAGE_ID_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DETECT_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_REPAIR_TIME_FIELD_NUMBER: _ClassVar[int]
    CLOSE_TIME_FIELD_NUMBER: _ClassVar[int]
    MASTER_TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    NOTICE_TEXT_FIELD_NUMBER: _ClassVar[int]
    WINDOW_REPORTS_FIELD_NUMBER: _ClassVar[int]
    BASELINE_REPORTS_FIELD_NUMBER: _ClassVar[int]
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    GROUPED_TICKETS_FIELD_NUMBER: _ClassVar[int]
    NOTICES_PLAYED_FIELD_NUMBER: _ClassVar[int]
    CALLS_DEFLECTED_FIELD_NUMBER: _ClassVar[int]
    DECLARED_BY_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    outage_id: int
    area: str
    state: _enums_pb2.OutageState
    detect_time: _timestamp_pb2.Timestamp
    expected_repair_time: _timestamp_pb2.Timestamp
    close_time: _timestamp_pb2.Timestamp
    master_ticket_id: int
    notice_text: str
    window_reports: int
    baseline_reports: float
    reports: int
    grouped_tickets: int
    notices_played: int
    calls_deflected: int
    declared_by: str
    resolution: str
    def __init__(self, outage_id: _Optional[int] = ..., area: _Optional[str] = ..., state: _Optional[_Union[_enums_pb2.OutageState, str]] = ..., detect_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expected_repair_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., close_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., master_ticket_id: _Optional[int] = ..., notice_text: _Optional[str] = ..., window_reports: _Optional[int] = ..., baseline_reports: _Optional[float] = ..., reports: _Optional[int] = ..., grouped_tickets: _Optional[int] = ..., notices_played: _Optional[int] = ..., calls_deflected: _Optional[int] = ..., declared_by: _Optional[str] = ..., resolution: _Optional[str] = ...) -> None: ...

class Alert(_message.Message):
    __slots__ = ("alert_id", "time", "kind", "text", "ticket_id", "outage_id", "callback_id", "area", "supervisors")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    OUTAGE_ID_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_ID_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    SUPERVISORS_FIELD_NUMBER: _ClassVar[int]
    alert_id: int
    time: _timestamp_pb2.Timestamp
    kind: _enums_pb2.AlertKind
    text: str
    ticket_id: int
    outage_id: int
    callback_id: int
    area: str
    supervisors: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, alert_id: _Optional[int] = ..., time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., kind: _Optional[_Union[_enums_pb2.AlertKind, str]] = ..., text: _Optional[str] = ..., ticket_id: _Optional[int] = ..., outage_id: _Optional[int] = ..., callback_id: _Optional[int] = ..., area: _Optional[str] = ..., supervisors: _Optional[_Iterable[str]] = ...) -> None: ...

class RecentCall(_message.Message):
    __slots__ = ("call_id", "queue", "arrive_time", "agent_id", "outcome", "wait_seconds", "talk_seconds")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    ARRIVE_TIME_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    WAIT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TALK_SECONDS_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    queue: str
    arrive_time: _timestamp_pb2.Timestamp
    agent_id: str
    outcome: str
    wait_seconds: float
    talk_seconds: float
    def __init__(self, call_id: _Optional[str] = ..., queue: _Optional[str] = ..., arrive_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., agent_id: _Optional[str] = ..., outcome: _Optional[str] = ..., wait_seconds: _Optional[float] = ..., talk_seconds: _Optional[float] = ...) -> None: ...

class ScreenPop(_message.Message):
    __slots__ = ("call_id", "offer_id", "agent_id", "queue", "caller", "offer_time", "push_time", "subscribers", "open_tickets", "recent_calls", "outages", "callback", "attributes")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    CALLER_FIELD_NUMBER: _ClassVar[int]
    OFFER_TIME_FIELD_NUMBER: _ClassVar[int]
    PUSH_TIME_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIBERS_FIELD_NUMBER: _ClassVar[int]
    OPEN_TICKETS_FIELD_NUMBER: _ClassVar[int]
    RECENT_CALLS_FIELD_NUMBER: _ClassVar[int]
    OUTAGES_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    offer_id: int
    agent_id: str
    queue: str
    caller: str
    offer_time: _timestamp_pb2.Timestamp
    push_time: _timestamp_pb2.Timestamp
    subscribers: _containers.RepeatedCompositeFieldContainer[Subscriber]
    open_tickets: _containers.RepeatedCompositeFieldContainer[Ticket]
    recent_calls: _containers.RepeatedCompositeFieldContainer[RecentCall]
    outages: _containers.RepeatedCompositeFieldContainer[Outage]
    callback: Callback
    attributes: _containers.ScalarMap[str, str]
    def __init__(self, call_id: _Optional[str] = ..., offer_id: _Optional[int] = ..., agent_id: _Optional[str] = ..., queue: _Optional[str] = ..., caller: _Optional[str] = ..., offer_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., push_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., subscribers: _Optional[_Iterable[_Union[Subscriber, _Mapping]]] = ..., open_tickets: _Optional[_Iterable[_Union[Ticket, _Mapping]]] = ..., recent_calls: _Optional[_Iterable[_Union[RecentCall, _Mapping]]] = ..., outages: _Optional[_Iterable[_Union[Outage, _Mapping]]] = ..., callback: _Optional[_Union[Callback, _Mapping]] = ..., attributes: _Optional[_Mapping[str, str]] = ...) -> None: ...

class RecordingRef(_message.Message):
    __slots__ = ("recording_id", "call_id", "link_time")
    RECORDING_ID_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    LINK_TIME_FIELD_NUMBER: _ClassVar[int]
    recording_id: str
    call_id: str
    link_time: _timestamp_pb2.Timestamp
    def __init__(self, recording_id: _Optional[str] = ..., call_id: _Optional[str] = ..., link_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ReportRow(_message.Message):
    __slots__ = ("values",)
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, values: _Optional[_Iterable[str]] = ...) -> None: ...

class ReportTable(_message.Message):
    __slots__ = ("kind", "columns", "rows", "start_time", "end_time", "notes")
    KIND_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    kind: _enums_pb2.ReportKind
    columns: _containers.RepeatedScalarFieldContainer[str]
    rows: _containers.RepeatedCompositeFieldContainer[ReportRow]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    notes: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[_enums_pb2.ReportKind, str]] = ..., columns: _Optional[_Iterable[str]] = ..., rows: _Optional[_Iterable[_Union[ReportRow, _Mapping]]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., notes: _Optional[_Iterable[str]] = ...) -> None: ...
