from acdcore_api.acd.v1 import resources_pb2 as _resources_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LookupNumberRequest(_message.Message):
    __slots__ = ("caller", "dialled")
    CALLER_FIELD_NUMBER: _ClassVar[int]
    DIALLED_FIELD_NUMBER: _ClassVar[int]
    caller: str
    dialled: str
    def __init__(self, caller: _Optional[str] = ..., dialled: _Optional[str] = ...) -> None: ...

class LookupNumberResponse(_message.Message):
    __slots__ = ("decision",)
    DECISION_FIELD_NUMBER: _ClassVar[int]
    decision: _resources_pb2.RouteDecision
    def __init__(self, decision: _Optional[_Union[_resources_pb2.RouteDecision, _Mapping]] = ...) -> None: ...

class ReplaceRoutesRequest(_message.Message):
    __slots__ = ("routes",)
    ROUTES_FIELD_NUMBER: _ClassVar[int]
    routes: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Route]
    def __init__(self, routes: _Optional[_Iterable[_Union[_resources_pb2.Route, _Mapping]]] = ...) -> None: ...

class ReplaceRoutesResponse(_message.Message):
    __slots__ = ("version", "route_count")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ROUTE_COUNT_FIELD_NUMBER: _ClassVar[int]
    version: int
    route_count: int
    def __init__(self, version: _Optional[int] = ..., route_count: _Optional[int] = ...) -> None: ...

class ListRoutesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListRoutesResponse(_message.Message):
    __slots__ = ("routes", "version")
    ROUTES_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    routes: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Route]
    version: int
    def __init__(self, routes: _Optional[_Iterable[_Union[_resources_pb2.Route, _Mapping]]] = ..., version: _Optional[int] = ...) -> None: ...
