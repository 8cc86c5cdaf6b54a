"""Bearer-token authentication and role-based authorization, as a server interceptor.

Every RPC of the acd.v1 services (streams included) needs ``authorization: Bearer <token>``;
reflection needs any valid token; health checking is open. A missing or unknown token is
UNAUTHENTICATED, a role without the right to the method PERMISSION_DENIED. Tokens are
compared in constant time (SHA-256 digests, hmac.compare_digest against every known token).

The role ``agent`` acts only as its own agent id: the servicers check the request's agent
(and the agent an offer or call belongs to) against :func:`principal`.
"""

from __future__ import annotations

import contextvars
import hashlib
import hmac
import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

import grpc
from grpc import aio

from .config import Token
from .errors import abort_status

log = logging.getLogger("acdcore.auth")

ADMIN, SUPERVISOR, AGENT, TELEPHONY, BUSINESS = "admin", "supervisor", "agent", "telephony", "business"
_ALL = frozenset({ADMIN, SUPERVISOR, AGENT, TELEPHONY, BUSINESS})


def _r(*roles: str) -> frozenset[str]:
    return frozenset(roles) | {ADMIN}


#: who may call what. Agent-role calls are further limited to the agent's own id.
PERMISSIONS: dict[str, frozenset[str]] = {
    # calls
    "/acd.v1.CallService/EnqueueCall": _r(TELEPHONY),
    "/acd.v1.CallService/CancelCall": _r(TELEPHONY),
    "/acd.v1.CallService/TransferCall": _r(TELEPHONY, SUPERVISOR, AGENT),
    "/acd.v1.CallService/GetCall": _r(TELEPHONY, SUPERVISOR, BUSINESS, AGENT),
    "/acd.v1.CallService/ListCalls": _r(TELEPHONY, SUPERVISOR, BUSINESS),
    "/acd.v1.CallService/WatchCall": _r(TELEPHONY, SUPERVISOR, BUSINESS),
    # agents
    "/acd.v1.AgentService/CreateAgent": _r(),
    "/acd.v1.AgentService/UpdateAgent": _r(),
    "/acd.v1.AgentService/DeleteAgent": _r(),
    "/acd.v1.AgentService/Login": _r(AGENT, SUPERVISOR, TELEPHONY),
    "/acd.v1.AgentService/Logout": _r(AGENT, SUPERVISOR, TELEPHONY),
    "/acd.v1.AgentService/SetReady": _r(AGENT, SUPERVISOR, TELEPHONY),
    "/acd.v1.AgentService/Pause": _r(AGENT, SUPERVISOR, TELEPHONY),
    "/acd.v1.AgentService/AcceptOffer": _r(AGENT, TELEPHONY),
    "/acd.v1.AgentService/RejectOffer": _r(AGENT, TELEPHONY),
    "/acd.v1.AgentService/CompleteCall": _r(AGENT, TELEPHONY, SUPERVISOR),
    "/acd.v1.AgentService/GetAgent": _r(AGENT, SUPERVISOR, TELEPHONY, BUSINESS),
    "/acd.v1.AgentService/ListAgents": _r(SUPERVISOR, TELEPHONY, BUSINESS),
    # queues
    "/acd.v1.QueueService/CreateQueue": _r(),
    "/acd.v1.QueueService/UpdateQueue": _r(),
    "/acd.v1.QueueService/DeleteQueue": _r(),
    "/acd.v1.QueueService/GetQueue": _ALL,
    "/acd.v1.QueueService/ListQueues": _ALL,
    "/acd.v1.QueueService/GetQueueStats": _ALL,
    "/acd.v1.QueueService/ListQueueStats": _ALL,
    # routing
    "/acd.v1.RoutingService/LookupNumber": _r(TELEPHONY, SUPERVISOR, BUSINESS),
    "/acd.v1.RoutingService/ReplaceRoutes": _r(),
    "/acd.v1.RoutingService/ListRoutes": _r(TELEPHONY, SUPERVISOR, BUSINESS),
    # events
    "/acd.v1.EventService/WatchEvents": _ALL,
    "/acd.v1.EventService/ExplainAssignment": _r(SUPERVISOR, BUSINESS),
    # recordings (agent: pause/resume only its own calls' recordings, checked by the servicer)
    "/acd.v1.RecordingService/StartRecording": _r(TELEPHONY),
    "/acd.v1.RecordingService/StopRecording": _r(TELEPHONY),
    "/acd.v1.RecordingService/PauseRecording": _r(TELEPHONY, SUPERVISOR, AGENT),
    "/acd.v1.RecordingService/ResumeRecording": _r(TELEPHONY, SUPERVISOR, AGENT),
    "/acd.v1.RecordingService/SearchRecordings": _r(SUPERVISOR, BUSINESS),
    "/acd.v1.RecordingService/GetRecording": _r(SUPERVISOR, BUSINESS),
    "/acd.v1.RecordingService/ListRecordingEvents": _r(SUPERVISOR, BUSINESS),
    "/acd.v1.RecordingService/MonitorCall": _r(SUPERVISOR),
}

OPEN_PREFIXES = ("/grpc.health.v1.Health/",)
ANY_TOKEN_PREFIXES = ("/grpc.reflection.v1alpha.ServerReflection/", "/grpc.reflection.v1.ServerReflection/")


@dataclass(frozen=True)
class Principal:
    name: str
    role: str
    agent_id: str | None = None


_current: contextvars.ContextVar[Principal | None] = contextvars.ContextVar("acd_principal", default=None)


def principal() -> Principal:
    p = _current.get()
    if p is None:  # only reachable if a servicer runs without the interceptor
        raise RuntimeError("no authenticated principal")
    return p


class TokenStore:
    def __init__(self, tokens: list[Token]) -> None:
        self.generation = 0
        self.replace(tokens)

    def replace(self, tokens: list[Token]) -> None:
        self._entries = [(hashlib.sha256(t.secret.encode()).digest(), Principal(t.name, t.role, t.agent_id))
                         for t in tokens]
        #: bumped on every replace: caches of earlier lookups are void
        self.generation += 1

    def lookup(self, secret: str) -> Principal | None:
        digest = hashlib.sha256(secret.encode()).digest()
        found = None
        for d, p in self._entries:  # no early exit: the time does not depend on which matched
            if hmac.compare_digest(d, digest):
                found = p
        return found


def _bearer(metadata: Any) -> str | None:
    for key, value in metadata or ():
        if key == "authorization":
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            if value[:7].lower() == "bearer ":
                return value[7:].strip()
            return None
    return None


def _deny_handler(handler: grpc.RpcMethodHandler, code: grpc.StatusCode, reason: str,
                  message: str) -> grpc.RpcMethodHandler:
    async def deny_unary(request: Any, context: aio.ServicerContext) -> Any:
        await abort_status(context, code, message, reason)

    async def deny_stream(request: Any, context: aio.ServicerContext) -> Any:
        await abort_status(context, code, message, reason)
        yield  # pragma: no cover - makes this an async generator

    if handler.unary_unary:
        return grpc.unary_unary_rpc_method_handler(deny_unary, handler.request_deserializer,
                                                   handler.response_serializer)
    if handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(deny_stream, handler.request_deserializer,
                                                    handler.response_serializer)
    if handler.stream_unary:
        return grpc.stream_unary_rpc_method_handler(deny_unary, handler.request_deserializer,
                                                    handler.response_serializer)
    return grpc.stream_stream_rpc_method_handler(deny_stream, handler.request_deserializer,
                                                 handler.response_serializer)


def _bind_handler(handler: grpc.RpcMethodHandler, who: Principal) -> grpc.RpcMethodHandler:
    if handler.unary_unary:
        inner_uu = handler.unary_unary

        async def uu(request: Any, context: aio.ServicerContext) -> Any:
            _current.set(who)
            return await inner_uu(request, context)

        return grpc.unary_unary_rpc_method_handler(uu, handler.request_deserializer, handler.response_serializer)
    if handler.unary_stream:
        inner_us = handler.unary_stream

        async def us(request: Any, context: aio.ServicerContext) -> Any:
            _current.set(who)
            async for item in inner_us(request, context):
                yield item

        return grpc.unary_stream_rpc_method_handler(us, handler.request_deserializer, handler.response_serializer)
    return handler  # reflection's stream-stream: needs no principal


class AuthInterceptor(aio.ServerInterceptor):
    """Checks every call. A call with a token already accepted for its method reuses the
    handler bound then (the Asterisk hook sends the same token thousands of times a second:
    the digest, the constant-time comparison against every token and the handler's wrapping
    are done once per token and method, not per call). Only accepted calls are cached, so an
    unknown token always takes the full constant-time path; the cache empties when the tokens
    are reloaded and is bounded."""

    _CACHE_MAX = 4096

    def __init__(self, store: TokenStore) -> None:
        self.store = store
        self._bound: dict[tuple[str, str], tuple[grpc.RpcMethodHandler, grpc.RpcMethodHandler]] = {}
        self._generation = store.generation

    async def intercept_service(
        self, continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        method = details.method
        handler = await continuation(details)
        if handler is None or method.startswith(OPEN_PREFIXES):
            return handler
        secret = _bearer(details.invocation_metadata)
        if secret is not None:
            if self._generation != self.store.generation:
                self._bound = {}
                self._generation = self.store.generation
            hit = self._bound.get((method, secret))
            if hit is not None and hit[0] is handler:
                return hit[1]
        if secret is None:
            return _deny_handler(handler, grpc.StatusCode.UNAUTHENTICATED, "TOKEN_MISSING",
                                 "missing bearer token: send metadata 'authorization: Bearer <token>'")
        who = self.store.lookup(secret)
        if who is None:
            log.info("rejected an unknown token for %s", method)
            return _deny_handler(handler, grpc.StatusCode.UNAUTHENTICATED, "TOKEN_INVALID",
                                 "the bearer token is not valid")
        if method.startswith(ANY_TOKEN_PREFIXES):
            return handler
        allowed = PERMISSIONS.get(method)
        if allowed is None or who.role not in allowed:
            return _deny_handler(handler, grpc.StatusCode.PERMISSION_DENIED, "ROLE_NOT_ALLOWED",
                                 f"role {who.role} may not call {method.rsplit('/', 1)[-1]}")
        bound = _bind_handler(handler, who)
        if len(self._bound) >= self._CACHE_MAX:
            self._bound = {}
        self._bound[(method, secret)] = (handler, bound)
        return bound
