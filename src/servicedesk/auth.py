"""Bearer tokens and roles for desk.v1, as a server interceptor (the same scheme as acdcore's
server): ``authorization: Bearer <token>``; a missing or unknown token is UNAUTHENTICATED
(TOKEN_MISSING / TOKEN_INVALID), a role without the right to the method PERMISSION_DENIED
(ROLE_NOT_ALLOWED). Role ``agent`` acts only as its own agent id (checked by the servicers)."""

from __future__ import annotations

import contextvars
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

import grpc
from grpc import aio

from .config import Token
from .transport import abort_status

ADMIN, SUPERVISOR, AGENT, TELEPHONY, BUSINESS = "admin", "supervisor", "agent", "telephony", "business"
_ALL = frozenset({ADMIN, SUPERVISOR, AGENT, TELEPHONY, BUSINESS})


def _r(*roles: str) -> frozenset[str]:
    return frozenset(roles) | {ADMIN}


_DESK = (AGENT, SUPERVISOR, BUSINESS)
PERMISSIONS: dict[str, frozenset[str]] = {
    "/desk.v1.SubscriberService/CreateSubscriber": _r(*_DESK),
    "/desk.v1.SubscriberService/GetSubscriber": _r(*_DESK, TELEPHONY),
    "/desk.v1.SubscriberService/UpdateSubscriber": _r(*_DESK),
    "/desk.v1.SubscriberService/SearchSubscribers": _r(*_DESK, TELEPHONY),
    "/desk.v1.TicketService/CreateTicket": _r(*_DESK, TELEPHONY),
    "/desk.v1.TicketService/GetTicket": _r(*_DESK),
    "/desk.v1.TicketService/ListTickets": _r(*_DESK),
    "/desk.v1.TicketService/UpdateTicket": _r(*_DESK),
    "/desk.v1.TicketService/AssignTicket": _r(*_DESK),
    "/desk.v1.TicketService/TransitionTicket": _r(*_DESK),
    "/desk.v1.TicketService/AddTicketComment": _r(*_DESK),
    "/desk.v1.TicketService/LinkTicketCall": _r(*_DESK, TELEPHONY),
    "/desk.v1.TicketService/ListTicketHistory": _r(*_DESK),
    # and each write of the batch needs its own RPC's role (checked by the servicer)
    "/desk.v1.TicketService/BatchWriteTickets": _r(*_DESK, TELEPHONY),
    "/desk.v1.DesktopService/WatchDesktop": _r(AGENT, SUPERVISOR),
    "/desk.v1.DesktopService/LookupCaller": _r(*_DESK, TELEPHONY),
    "/desk.v1.CallbackService/RequestCallback": _r(*_DESK, TELEPHONY),
    "/desk.v1.CallbackService/GetCallback": _r(*_DESK),
    "/desk.v1.CallbackService/ListCallbacks": _r(*_DESK),
    "/desk.v1.CallbackService/RecordCallbackOutcome": _r(AGENT, SUPERVISOR),
    "/desk.v1.CallbackService/CancelCallback": _r(SUPERVISOR, BUSINESS),
    "/desk.v1.OutageService/ReportFault": _r(TELEPHONY, BUSINESS),
    "/desk.v1.OutageService/GetAreaNotice": _r(TELEPHONY, BUSINESS),
    "/desk.v1.OutageService/RecordNoticeOutcome": _r(TELEPHONY, BUSINESS),
    "/desk.v1.OutageService/GetOutage": _ALL,
    "/desk.v1.OutageService/ListOutages": _ALL,
    "/desk.v1.OutageService/DeclareOutage": _r(SUPERVISOR),
    "/desk.v1.OutageService/UpdateOutage": _r(SUPERVISOR),
    "/desk.v1.OutageService/CloseOutage": _r(SUPERVISOR),
    "/desk.v1.OutageService/WatchAlerts": _r(SUPERVISOR, BUSINESS),
    "/desk.v1.ReportService/RunReport": _r(SUPERVISOR, BUSINESS),
    "/desk.v1.MediaService/ListTicketRecordings": _r(*_DESK),
    "/desk.v1.MediaService/GetPlayback": _r(*_DESK),
    "/desk.v1.MediaService/StartMonitoring": _r(SUPERVISOR),
    # growth services (issue 7, servicedesk/growth): self-service and cards also for the IVR
    **{f"/desk.v1.GrowthService/{m}": _r(*_DESK, TELEPHONY)
       for m in ("GetBalance", "ListPackages", "OrderPackage", "CancelPackage", "GetOrder", "RedeemCard")},
    **{f"/desk.v1.GrowthService/{m}": _r(SUPERVISOR, BUSINESS)
       for m in ("CreateCampaign", "ImportCampaignTargets", "AddDoNotCall", "SetCampaignState")},
    "/desk.v1.GrowthService/RecordCampaignResult": _r(AGENT, SUPERVISOR),
    "/desk.v1.GrowthService/GetCampaignReport": _r(SUPERVISOR, BUSINESS, AGENT),
    "/desk.v1.GrowthService/BeginCampaignCall": _r(TELEPHONY),
    "/desk.v1.GrowthService/ReportCampaignCallOutcome": _r(TELEPHONY),
    **{f"/desk.v1.GrowthService/{m}": _r(AGENT, SUPERVISOR)
       for m in ("PreviewNextTarget", "AcceptPreview", "SkipPreview")},
}

OPEN_PREFIXES = ("/grpc.health.v1.Health/",)
ANY_TOKEN_PREFIXES = ("/grpc.reflection.v1alpha.ServerReflection/", "/grpc.reflection.v1.ServerReflection/")


@dataclass(frozen=True)
class Principal:
    name: str
    role: str
    agent_id: str | None = None


_current: contextvars.ContextVar[Principal | None] = contextvars.ContextVar("desk_principal", default=None)
SYSTEM = Principal("system", ADMIN)


def principal() -> Principal:
    p = _current.get()
    return p if p is not None else SYSTEM


class TokenStore:
    def __init__(self, tokens: list[Token]) -> None:
        self.replace(tokens)

    def replace(self, tokens: list[Token]) -> None:
        self._entries = [(hashlib.sha256(t.secret.encode()).digest(), Principal(t.name, t.role, t.agent_id))
                         for t in tokens]

    def lookup(self, secret: str) -> Principal | None:
        digest = hashlib.sha256(secret.encode()).digest()
        found = None
        for d, p in self._entries:
            if hmac.compare_digest(d, digest):
                found = p
        return found


def _bearer(metadata: Any) -> str | None:
    for key, value in metadata or ():
        if key == "authorization":
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            return value[7:].strip() if value[:7].lower() == "bearer " else None
    return None


def _deny(handler: grpc.RpcMethodHandler, code: grpc.StatusCode, reason: str, message: str) -> grpc.RpcMethodHandler:
    async def unary(request: Any, context: aio.ServicerContext) -> Any:
        await abort_status(context, code, message, reason)

    async def stream(request: Any, context: aio.ServicerContext) -> Any:
        await abort_status(context, code, message, reason)
        yield  # pragma: no cover

    if handler.unary_unary:
        return grpc.unary_unary_rpc_method_handler(unary, handler.request_deserializer, handler.response_serializer)
    if handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(stream, handler.request_deserializer, handler.response_serializer)
    return handler


def _bind(handler: grpc.RpcMethodHandler, who: Principal) -> grpc.RpcMethodHandler:
    if handler.unary_unary:
        inner = handler.unary_unary

        async def uu(request: Any, context: aio.ServicerContext) -> Any:
            _current.set(who)
            return await inner(request, context)

        return grpc.unary_unary_rpc_method_handler(uu, handler.request_deserializer, handler.response_serializer)
    if handler.unary_stream:
        inner_s = handler.unary_stream

        async def us(request: Any, context: aio.ServicerContext) -> Any:
            _current.set(who)
            async for item in inner_s(request, context):
                yield item

        return grpc.unary_stream_rpc_method_handler(us, handler.request_deserializer, handler.response_serializer)
    return handler


class AuthInterceptor(aio.ServerInterceptor):
    def __init__(self, store: TokenStore) -> None:
        self.store = store

    async def intercept_service(self, continuation: Callable[[grpc.HandlerCallDetails],
                                                             Awaitable[grpc.RpcMethodHandler]],
                                details: grpc.HandlerCallDetails) -> grpc.RpcMethodHandler:
        method = details.method
        handler = await continuation(details)
        if handler is None or method.startswith(OPEN_PREFIXES):
            return handler
        secret = _bearer(details.invocation_metadata)
        if secret is None:
            return _deny(handler, grpc.StatusCode.UNAUTHENTICATED, "TOKEN_MISSING",
                         "missing bearer token: send metadata 'authorization: Bearer <token>'")
        who = self.store.lookup(secret)
        if who is None:
            return _deny(handler, grpc.StatusCode.UNAUTHENTICATED, "TOKEN_INVALID", "the bearer token is not valid")
        if method.startswith(ANY_TOKEN_PREFIXES):
            return handler
        allowed = PERMISSIONS.get(method)
        if allowed is None or who.role not in allowed:
            return _deny(handler, grpc.StatusCode.PERMISSION_DENIED, "ROLE_NOT_ALLOWED",
                         f"role {who.role} may not call {method.rsplit('/', 1)[-1]}")
        return _bind(handler, who)
