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

class RequestCallbackRequest(_message.Message):
    __slots__ = ("number", "queue", "request_time", "source_call_id", "ticket_id", "not_before_time")
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_TIME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_CALL_ID_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    NOT_BEFORE_TIME_FIELD_NUMBER: _ClassVar[int]
    number: str
    queue: str
    request_time: _timestamp_pb2.Timestamp
    source_call_id: str
    ticket_id: int
    not_before_time: _timestamp_pb2.Timestamp
    def __init__(self, number: _Optional[str] = ..., queue: _Optional[str] = ..., request_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., source_call_id: _Optional[str] = ..., ticket_id: _Optional[int] = ..., not_before_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RequestCallbackResponse(_message.Message):
    __slots__ = ("callback", "duplicate")
    CALLBACK_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    callback: _resources_pb2.Callback
    duplicate: bool
    def __init__(self, callback: _Optional[_Union[_resources_pb2.Callback, _Mapping]] = ..., duplicate: _Optional[bool] = ...) -> None: ...

class GetCallbackRequest(_message.Message):
    __slots__ = ("callback_id",)
    CALLBACK_ID_FIELD_NUMBER: _ClassVar[int]
    callback_id: int
    def __init__(self, callback_id: _Optional[int] = ...) -> None: ...

class GetCallbackResponse(_message.Message):
    __slots__ = ("callback",)
    CALLBACK_FIELD_NUMBER: _ClassVar[int]
    callback: _resources_pb2.Callback
    def __init__(self, callback: _Optional[_Union[_resources_pb2.Callback, _Mapping]] = ...) -> None: ...

class ListCallbacksRequest(_message.Message):
    __slots__ = ("states", "kind", "ticket_id", "page_size", "before_callback_id")
    STATES_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TICKET_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    BEFORE_CALLBACK_ID_FIELD_NUMBER: _ClassVar[int]
    states: _containers.RepeatedScalarFieldContainer[_enums_pb2.CallbackState]
    kind: _enums_pb2.CallbackKind
    ticket_id: int
    page_size: int
    before_callback_id: int
    def __init__(self, states: _Optional[_Iterable[_Union[_enums_pb2.CallbackState, str]]] = ..., kind: _Optional[_Union[_enums_pb2.CallbackKind, str]] = ..., ticket_id: _Optional[int] = ..., page_size: _Optional[int] = ..., before_callback_id: _Optional[int] = ...) -> None: ...

class ListCallbacksResponse(_message.Message):
    __slots__ = ("callbacks", "next_before_callback_id")
    CALLBACKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_BEFORE_CALLBACK_ID_FIELD_NUMBER: _ClassVar[int]
    callbacks: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Callback]
    next_before_callback_id: int
    def __init__(self, callbacks: _Optional[_Iterable[_Union[_resources_pb2.Callback, _Mapping]]] = ..., next_before_callback_id: _Optional[int] = ...) -> None: ...

class RecordCallbackOutcomeRequest(_message.Message):
    __slots__ = ("callback_id", "version", "outcome", "satisfaction", "note")
    CALLBACK_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    SATISFACTION_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    callback_id: int
    version: int
    outcome: _enums_pb2.CallbackOutcome
    satisfaction: int
    note: str
    def __init__(self, callback_id: _Optional[int] = ..., version: _Optional[int] = ..., outcome: _Optional[_Union[_enums_pb2.CallbackOutcome, str]] = ..., satisfaction: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class RecordCallbackOutcomeResponse(_message.Message):
    __slots__ = ("callback", "ticket")
    CALLBACK_FIELD_NUMBER: _ClassVar[int]
    TICKET_FIELD_NUMBER: _ClassVar[int]
    callback: _resources_pb2.Callback
    ticket: _resources_pb2.Ticket
    def __init__(self, callback: _Optional[_Union[_resources_pb2.Callback, _Mapping]] = ..., ticket: _Optional[_Union[_resources_pb2.Ticket, _Mapping]] = ...) -> None: ...

class CancelCallbackRequest(_message.Message):
    __slots__ = ("callback_id", "version", "note")
    CALLBACK_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    callback_id: int
    version: int
    note: str
    def __init__(self, callback_id: _Optional[int] = ..., version: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class CancelCallbackResponse(_message.Message):
    __slots__ = ("callback",)
    CALLBACK_FIELD_NUMBER: _ClassVar[int]
    callback: _resources_pb2.Callback
    def __init__(self, callback: _Optional[_Union[_resources_pb2.Callback, _Mapping]] = ...) -> None: ...
