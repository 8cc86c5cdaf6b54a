from servicedesk.api.desk.v1 import resources_pb2 as _resources_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class WatchDesktopRequest(_message.Message):
    __slots__ = ("agent_id",)
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    def __init__(self, agent_id: _Optional[str] = ...) -> None: ...

class DesktopSnapshot(_message.Message):
    __slots__ = ("agent_id", "screen_pops", "assigned_tickets", "active_outages")
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    SCREEN_POPS_FIELD_NUMBER: _ClassVar[int]
    ASSIGNED_TICKETS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_OUTAGES_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    screen_pops: _containers.RepeatedCompositeFieldContainer[_resources_pb2.ScreenPop]
    assigned_tickets: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Ticket]
    active_outages: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Outage]
    def __init__(self, agent_id: _Optional[str] = ..., screen_pops: _Optional[_Iterable[_Union[_resources_pb2.ScreenPop, _Mapping]]] = ..., assigned_tickets: _Optional[_Iterable[_Union[_resources_pb2.Ticket, _Mapping]]] = ..., active_outages: _Optional[_Iterable[_Union[_resources_pb2.Outage, _Mapping]]] = ...) -> None: ...

class WatchDesktopResponse(_message.Message):
    __slots__ = ("snapshot", "screen_pop")
    SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    SCREEN_POP_FIELD_NUMBER: _ClassVar[int]
    snapshot: DesktopSnapshot
    screen_pop: _resources_pb2.ScreenPop
    def __init__(self, snapshot: _Optional[_Union[DesktopSnapshot, _Mapping]] = ..., screen_pop: _Optional[_Union[_resources_pb2.ScreenPop, _Mapping]] = ...) -> None: ...

class LookupCallerRequest(_message.Message):
    __slots__ = ("phone_number",)
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    phone_number: str
    def __init__(self, phone_number: _Optional[str] = ...) -> None: ...

class LookupCallerResponse(_message.Message):
    __slots__ = ("screen_pop",)
    SCREEN_POP_FIELD_NUMBER: _ClassVar[int]
    screen_pop: _resources_pb2.ScreenPop
    def __init__(self, screen_pop: _Optional[_Union[_resources_pb2.ScreenPop, _Mapping]] = ...) -> None: ...
