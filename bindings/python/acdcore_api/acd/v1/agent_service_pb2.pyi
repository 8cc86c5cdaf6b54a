from acdcore_api.acd.v1 import enums_pb2 as _enums_pb2
from acdcore_api.acd.v1 import resources_pb2 as _resources_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CreateAgentRequest(_message.Message):
    __slots__ = ("config",)
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    config: _resources_pb2.AgentConfig
    def __init__(self, config: _Optional[_Union[_resources_pb2.AgentConfig, _Mapping]] = ...) -> None: ...

class CreateAgentResponse(_message.Message):
    __slots__ = ("agent",)
    AGENT_FIELD_NUMBER: _ClassVar[int]
    agent: _resources_pb2.Agent
    def __init__(self, agent: _Optional[_Union[_resources_pb2.Agent, _Mapping]] = ...) -> None: ...

class UpdateAgentRequest(_message.Message):
    __slots__ = ("config",)
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    config: _resources_pb2.AgentConfig
    def __init__(self, config: _Optional[_Union[_resources_pb2.AgentConfig, _Mapping]] = ...) -> None: ...

class UpdateAgentResponse(_message.Message):
    __slots__ = ("agent",)
    AGENT_FIELD_NUMBER: _ClassVar[int]
    agent: _resources_pb2.Agent
    def __init__(self, agent: _Optional[_Union[_resources_pb2.Agent, _Mapping]] = ...) -> None: ...

class DeleteAgentRequest(_message.Message):
    __slots__ = ("agent_id",)
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    def __init__(self, agent_id: _Optional[str] = ...) -> None: ...

class DeleteAgentResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class LoginRequest(_message.Message):
    __slots__ = ("agent_id",)
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    def __init__(self, agent_id: _Optional[str] = ...) -> None: ...

class LoginResponse(_message.Message):
    __slots__ = ("agent", "offer")
    AGENT_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    agent: _resources_pb2.Agent
    offer: _resources_pb2.Offer
    def __init__(self, agent: _Optional[_Union[_resources_pb2.Agent, _Mapping]] = ..., offer: _Optional[_Union[_resources_pb2.Offer, _Mapping]] = ...) -> None: ...

class LogoutRequest(_message.Message):
    __slots__ = ("agent_id",)
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    def __init__(self, agent_id: _Optional[str] = ...) -> None: ...

class LogoutResponse(_message.Message):
    __slots__ = ("agent",)
    AGENT_FIELD_NUMBER: _ClassVar[int]
    agent: _resources_pb2.Agent
    def __init__(self, agent: _Optional[_Union[_resources_pb2.Agent, _Mapping]] = ...) -> None: ...

class SetReadyRequest(_message.Message):
    __slots__ = ("agent_id",)
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    def __init__(self, agent_id: _Optional[str] = ...) -> None: ...

class SetReadyResponse(_message.Message):
    __slots__ = ("agent", "offer")
    AGENT_FIELD_NUMBER: _ClassVar[int]
    OFFER_FIELD_NUMBER: _ClassVar[int]
    agent: _resources_pb2.Agent
    offer: _resources_pb2.Offer
    def __init__(self, agent: _Optional[_Union[_resources_pb2.Agent, _Mapping]] = ..., offer: _Optional[_Union[_resources_pb2.Offer, _Mapping]] = ...) -> None: ...

class PauseRequest(_message.Message):
    __slots__ = ("agent_id", "reason")
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    reason: str
    def __init__(self, agent_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class PauseResponse(_message.Message):
    __slots__ = ("agent",)
    AGENT_FIELD_NUMBER: _ClassVar[int]
    agent: _resources_pb2.Agent
    def __init__(self, agent: _Optional[_Union[_resources_pb2.Agent, _Mapping]] = ...) -> None: ...

class AcceptOfferRequest(_message.Message):
    __slots__ = ("agent_id", "offer_id")
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    offer_id: int
    def __init__(self, agent_id: _Optional[str] = ..., offer_id: _Optional[int] = ...) -> None: ...

class AcceptOfferResponse(_message.Message):
    __slots__ = ("call", "agent")
    CALL_FIELD_NUMBER: _ClassVar[int]
    AGENT_FIELD_NUMBER: _ClassVar[int]
    call: _resources_pb2.Call
    agent: _resources_pb2.Agent
    def __init__(self, call: _Optional[_Union[_resources_pb2.Call, _Mapping]] = ..., agent: _Optional[_Union[_resources_pb2.Agent, _Mapping]] = ...) -> None: ...

class RejectOfferRequest(_message.Message):
    __slots__ = ("agent_id", "offer_id")
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    OFFER_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    offer_id: int
    def __init__(self, agent_id: _Optional[str] = ..., offer_id: _Optional[int] = ...) -> None: ...

class RejectOfferResponse(_message.Message):
    __slots__ = ("agent",)
    AGENT_FIELD_NUMBER: _ClassVar[int]
    agent: _resources_pb2.Agent
    def __init__(self, agent: _Optional[_Union[_resources_pb2.Agent, _Mapping]] = ...) -> None: ...

class CompleteCallRequest(_message.Message):
    __slots__ = ("call_id", "hangup_by", "agent_id")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    HANGUP_BY_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    hangup_by: _enums_pb2.HangupBy
    agent_id: str
    def __init__(self, call_id: _Optional[str] = ..., hangup_by: _Optional[_Union[_enums_pb2.HangupBy, str]] = ..., agent_id: _Optional[str] = ...) -> None: ...

class CompleteCallResponse(_message.Message):
    __slots__ = ("agent",)
    AGENT_FIELD_NUMBER: _ClassVar[int]
    agent: _resources_pb2.Agent
    def __init__(self, agent: _Optional[_Union[_resources_pb2.Agent, _Mapping]] = ...) -> None: ...

class GetAgentRequest(_message.Message):
    __slots__ = ("agent_id",)
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    def __init__(self, agent_id: _Optional[str] = ...) -> None: ...

class GetAgentResponse(_message.Message):
    __slots__ = ("agent",)
    AGENT_FIELD_NUMBER: _ClassVar[int]
    agent: _resources_pb2.Agent
    def __init__(self, agent: _Optional[_Union[_resources_pb2.Agent, _Mapping]] = ...) -> None: ...

class ListAgentsRequest(_message.Message):
    __slots__ = ("queue", "state")
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    queue: str
    state: _enums_pb2.AgentState
    def __init__(self, queue: _Optional[str] = ..., state: _Optional[_Union[_enums_pb2.AgentState, str]] = ...) -> None: ...

class ListAgentsResponse(_message.Message):
    __slots__ = ("agents",)
    AGENTS_FIELD_NUMBER: _ClassVar[int]
    agents: _containers.RepeatedCompositeFieldContainer[_resources_pb2.Agent]
    def __init__(self, agents: _Optional[_Iterable[_Union[_resources_pb2.Agent, _Mapping]]] = ...) -> None: ...
