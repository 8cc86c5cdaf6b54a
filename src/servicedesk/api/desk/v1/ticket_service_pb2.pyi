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

class CreateTicketRequest(_message.Message):
    __slots__ = ("type", "channel", "priority", "subscriber_id", "contact_number", "area", "subject", "description", "department", "team", "agent_id", "call_ids", "request_id")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
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
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    type: _enums_pb2.TicketType
    channel: _enums_pb2.Channel
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
    request_id: str
    def __init__(self, type: _Optional[_Union[_enums_pb2.TicketType, str]] = ..., channel: _Optional[_Union[_enums_pb2.Channel, str]] = ..., priority: _Optional[_Union[_enums_pb2.TicketPriority, str]] = ..., subscriber_id: _Optional[int] = ..., contact_number: _Optional[str] = ..., area: _Optional[str] = ..., subject: _Optional[str] = ..., description: _Optional[str] = ..., department: _Optional[str] = ..., team: _Optional[str] = ..., agent_id: _Optional[str] = ..., call_ids: _Optional[_Iterable[str]] = ..., request_id: _Optional[str] = ...) -> None: ...

class CreateTicketResponse(_message.Message):
    __slots__ = ("ticket", "duplicate")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    ticket: _resources_pb2.Ticket
    duplicate: bool
    def __init__(self, ticket: _Optional[_Union[_resources_pb2.Ticket, _Mapping]] = ..., duplicate: _Optional[bool] = ...) -> None: ...

class GetTicketRequest(_message.Message):
    __slots__ = ("ticket_id",)
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    ticket_id: int
    def __init__(self, ticket_id: _Optional[int] = ...) -> None: ...

class GetTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: _resources_pb2.Ticket
    def __init__(self, ticket: _Optional[_Union[_resources_pb2.Ticket, _Mapping]] = ...) -> None: ...

class ListTicketsRequest(_message.Message):
    __slots__ = ("states", "types", "area", "subscriber_id", "agent_id", "department", "overdue_only", "outage_id", "page_size", "before_ticket_id")
    STATES_FIELD_NUMBER: _ClassVar[int]
    TYPES_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIBER_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_ONLY_FIELD_NUMBER: _ClassVar[int]
    OUTAGE_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    BEFORE_TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    states: _containers.RepeatedScalarFieldContainer[_enums_pb2.TicketState]
    types: _containers.RepeatedScalarFieldContainer[_enums_pb2.TicketType]
    area: str
    subscriber_id: int
    agent_id: str
    department: str
    overdue_only: bool
    outage_id: int
    page_size: int
    before_ticket_id: int
    def __init__(self, states: _Optional[_Iterable[_Union[_enums_pb2.TicketState, str]]] = ..., types: _Optional[_Iterable[_Union[_enums_pb2.TicketType, str]]] = ..., area: _Optional[str] = ..., subscriber_id: _Optional[int] = ..., agent_id: _Optional[str] = ..., department: _Optional[str] = ..., overdue_only: _Optional[bool] = ..., outage_id: _Optional[int] = ..., page_size: _Optional[int] = ..., before_ticket_id: _Optional[int] = ...) -> None: ...

class ListTicketsResponse(_message.Message):
    __slots__ = ("tickets", "next_before_ticket_id")
    TICKETS_FIELD_NUMBER: _ClassVar[int]
    NEXT_BEFORE_TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    tickets: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Ticket]
    next_before_ticket_id: int
    def __init__(self, tickets: _Optional[_Iterable[_Union[_resources_pb2.Ticket, _Mapping]]] = ..., next_before_ticket_id: _Optional[int] = ...) -> None: ...

class UpdateTicketRequest(_message.Message):
    __slots__ = ("ticket_id", "version", "update_fields", "subject", "description", "priority", "contact_number", "area")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATE_FIELDS_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    ticket_id: int
    version: int
    update_fields: _containers.RepeatedScalarFieldContainer[str]
    subject: str
    description: str
    priority: _enums_pb2.TicketPriority
    contact_number: str
    area: str
    def __init__(self, ticket_id: _Optional[int] = ..., version: _Optional[int] = ..., update_fields: _Optional[_Iterable[str]] = ..., subject: _Optional[str] = ..., description: _Optional[str] = ..., priority: _Optional[_Union[_enums_pb2.TicketPriority, str]] = ..., contact_number: _Optional[str] = ..., area: _Optional[str] = ...) -> None: ...

class UpdateTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: _resources_pb2.Ticket
    def __init__(self, ticket: _Optional[_Union[_resources_pb2.Ticket, _Mapping]] = ...) -> None: ...

class AssignTicketRequest(_message.Message):
    __slots__ = ("ticket_id", "version", "department", "team", "agent_id", "note")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ticket_id: int
    version: int
    department: str
    team: str
    agent_id: str
    note: str
    def __init__(self, ticket_id: _Optional[int] = ..., version: _Optional[int] = ..., department: _Optional[str] = ..., team: _Optional[str] = ..., agent_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class AssignTicketResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: _resources_pb2.Ticket
    def __init__(self, ticket: _Optional[_Union[_resources_pb2.Ticket, _Mapping]] = ...) -> None: ...

class TransitionTicketRequest(_message.Message):
    __slots__ = ("ticket_id", "version", "to_state", "note")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    TO_STATE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ticket_id: int
    version: int
    to_state: _enums_pb2.TicketState
    note: str
    def __init__(self, ticket_id: _Optional[int] = ..., version: _Optional[int] = ..., to_state: _Optional[_Union[_enums_pb2.TicketState, str]] = ..., note: _Optional[str] = ...) -> None: ...

class TransitionTicketResponse(_message.Message):
    __slots__ = ("ticket", "follow_up")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UP_FIELD_NUMBER: _ClassVar[int]
    ticket: _resources_pb2.Ticket
    follow_up: _resources_pb2.Callback
    def __init__(self, ticket: _Optional[_Union[_resources_pb2.Ticket, _Mapping]] = ..., follow_up: _Optional[_Union[_resources_pb2.Callback, _Mapping]] = ...) -> None: ...

class AddTicketCommentRequest(_message.Message):
    __slots__ = ("ticket_id", "text", "version")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ticket_id: int
    text: str
    version: int
    def __init__(self, ticket_id: _Optional[int] = ..., text: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class AddTicketCommentResponse(_message.Message):
    __slots__ = ("ticket", "entry")
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    ticket: _resources_pb2.Ticket
    entry: _resources_pb2.HistoryEntry
    def __init__(self, ticket: _Optional[_Union[_resources_pb2.Ticket, _Mapping]] = ..., entry: _Optional[_Union[_resources_pb2.HistoryEntry, _Mapping]] = ...) -> None: ...

class LinkTicketCallRequest(_message.Message):
    __slots__ = ("ticket_id", "call_ids", "recording_ids", "recording_call_id")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    CALL_IDS_FIELD_NUMBER: _ClassVar[int]
    RECORDING_IDS_FIELD_NUMBER: _ClassVar[int]
    RECORDING_CALL_ID_FIELD_NUMBER: _ClassVar[int]
    ticket_id: int
    call_ids: _containers.RepeatedScalarFieldContainer[str]
    recording_ids: _containers.RepeatedScalarFieldContainer[str]
    recording_call_id: str
    def __init__(self, ticket_id: _Optional[int] = ..., call_ids: _Optional[_Iterable[str]] = ..., recording_ids: _Optional[_Iterable[str]] = ..., recording_call_id: _Optional[str] = ...) -> None: ...

class LinkTicketCallResponse(_message.Message):
    __slots__ = ("ticket",)
    TICKET_FIELD_NUMBER: _ClassVar[int]
    ticket: _resources_pb2.Ticket
    def __init__(self, ticket: _Optional[_Union[_resources_pb2.Ticket, _Mapping]] = ...) -> None: ...

class ListTicketHistoryRequest(_message.Message):
    __slots__ = ("ticket_id", "since_time")
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    SINCE_TIME_FIELD_NUMBER: _ClassVar[int]
    ticket_id: int
    since_time: _timestamp_pb2.Timestamp
    def __init__(self, ticket_id: _Optional[int] = ..., since_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListTicketHistoryResponse(_message.Message):
    __slots__ = ("entries",)
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[_resources_pb2.HistoryEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[_resources_pb2.HistoryEntry, _Mapping]]] = ...) -> None: ...

class BatchWriteTicketsRequest(_message.Message):
    __slots__ = ("writes",)
    WRITES_FIELD_NUMBER: _ClassVar[int]
    writes: _containers.RepeatedCompositeFieldContainer[TicketWrite]
    def __init__(self, writes: _Optional[_Iterable[_Union[TicketWrite, _Mapping]]] = ...) -> None: ...

class TicketWrite(_message.Message):
    __slots__ = ("create", "update", "assign", "transition", "comment")
    CREATE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_FIELD_NUMBER: _ClassVar[int]
    ASSIGN_FIELD_NUMBER: _ClassVar[int]
    TRANSITION_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    create: CreateTicketRequest
    update: UpdateTicketRequest
    assign: AssignTicketRequest
    transition: TransitionTicketRequest
    comment: AddTicketCommentRequest
    def __init__(self, create: _Optional[_Union[CreateTicketRequest, _Mapping]] = ..., update: _Optional[_Union[UpdateTicketRequest, _Mapping]] = ..., assign: _Optional[_Union[AssignTicketRequest, _Mapping]] = ..., transition: _Optional[_Union[TransitionTicketRequest, _Mapping]] = ..., comment: _Optional[_Union[AddTicketCommentRequest, _Mapping]] = ...) -> None: ...

class BatchWriteTicketsResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[TicketWriteResult]
    def __init__(self, results: _Optional[_Iterable[_Union[TicketWriteResult, _Mapping]]] = ...) -> None: ...

class TicketWriteResult(_message.Message):
    __slots__ = ("create", "update", "assign", "transition", "comment", "error")
    CREATE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_FIELD_NUMBER: _ClassVar[int]
    ASSIGN_FIELD_NUMBER: _ClassVar[int]
    TRANSITION_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    create: CreateTicketResponse
    update: UpdateTicketResponse
    assign: AssignTicketResponse
    transition: TransitionTicketResponse
    comment: AddTicketCommentResponse
    error: TicketWriteError
    def __init__(self, create: _Optional[_Union[CreateTicketResponse, _Mapping]] = ..., update: _Optional[_Union[UpdateTicketResponse, _Mapping]] = ..., assign: _Optional[_Union[AssignTicketResponse, _Mapping]] = ..., transition: _Optional[_Union[TransitionTicketResponse, _Mapping]] = ..., comment: _Optional[_Union[AddTicketCommentResponse, _Mapping]] = ..., error: _Optional[_Union[TicketWriteError, _Mapping]] = ...) -> None: ...

class TicketWriteError(_message.Message):
    __slots__ = ("code", "message", "reason", "metadata")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    code: int
    message: str
    reason: str
    metadata: _containers.ScalarMap[str, str]
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ..., reason: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...
