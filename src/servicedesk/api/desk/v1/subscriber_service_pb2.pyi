from servicedesk.api.desk.v1 import resources_pb2 as _resources_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CreateSubscriberRequest(_message.Message):
    __slots__ = ("subscriber",)
    SUBSCRIBER_FIELD_NUMBER: _ClassVar[int]
    subscriber: _resources_pb2.Subscriber
    def __init__(self, subscriber: _Optional[_Union[_resources_pb2.Subscriber, _Mapping]] = ...) -> None: ...

class CreateSubscriberResponse(_message.Message):
    __slots__ = ("subscriber",)
    SUBSCRIBER_FIELD_NUMBER: _ClassVar[int]
    subscriber: _resources_pb2.Subscriber
    def __init__(self, subscriber: _Optional[_Union[_resources_pb2.Subscriber, _Mapping]] = ...) -> None: ...

class GetSubscriberRequest(_message.Message):
    __slots__ = ("subscriber_id", "account_number")
    SUBSCRIBER_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    subscriber_id: int
    account_number: str
    def __init__(self, subscriber_id: _Optional[int] = ..., account_number: _Optional[str] = ...) -> None: ...

class GetSubscriberResponse(_message.Message):
    __slots__ = ("subscriber",)
    SUBSCRIBER_FIELD_NUMBER: _ClassVar[int]
    subscriber: _resources_pb2.Subscriber
    def __init__(self, subscriber: _Optional[_Union[_resources_pb2.Subscriber, _Mapping]] = ...) -> None: ...

class UpdateSubscriberRequest(_message.Message):
    __slots__ = ("subscriber",)
    SUBSCRIBER_FIELD_NUMBER: _ClassVar[int]
    subscriber: _resources_pb2.Subscriber
    def __init__(self, subscriber: _Optional[_Union[_resources_pb2.Subscriber, _Mapping]] = ...) -> None: ...

class UpdateSubscriberResponse(_message.Message):
    __slots__ = ("subscriber",)
    SUBSCRIBER_FIELD_NUMBER: _ClassVar[int]
    subscriber: _resources_pb2.Subscriber
    def __init__(self, subscriber: _Optional[_Union[_resources_pb2.Subscriber, _Mapping]] = ...) -> None: ...

class SearchSubscribersRequest(_message.Message):
    __slots__ = ("phone_number", "account_number", "area", "name_prefix", "page_size", "after_subscriber_id")
    PHONE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    NAME_PREFIX_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    AFTER_SUBSCRIBER_ID_FIELD_NUMBER: _ClassVar[int]
    phone_number: str
    account_number: str
    area: str
    name_prefix: str
    page_size: int
    after_subscriber_id: int
    def __init__(self, phone_number: _Optional[str] = ..., account_number: _Optional[str] = ..., area: _Optional[str] = ..., name_prefix: _Optional[str] = ..., page_size: _Optional[int] = ..., after_subscriber_id: _Optional[int] = ...) -> None: ...

class SearchSubscribersResponse(_message.Message):
    __slots__ = ("subscribers", "next_after_subscriber_id")
    SUBSCRIBERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_AFTER_SUBSCRIBER_ID_FIELD_NUMBER: _ClassVar[int]
    subscribers: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Subscriber]
    next_after_subscriber_id: int
    def __init__(self, subscribers: _Optional[_Iterable[_Union[_resources_pb2.Subscriber, _Mapping]]] = ..., next_after_subscriber_id: _Optional[int] = ...) -> None: ...
