"""desk.v1.CallbackService."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from grpc import aio

from .. import convert
from .. import validate as v
from ..api.desk.v1 import callback_service_pb2 as pb
from ..api.desk.v1 import callback_service_pb2_grpc as pb_grpc
from ..common import actor, is_agent
from ..enums import CallbackKind, CallbackState
from ..errors import InvalidArgument, PermissionDenied
from ..tickets.service import Effects
from ..transport import rpc
from . import repo, service

if TYPE_CHECKING:
    from ..app import Desk


class CallbackServicer(pb_grpc.CallbackServiceServicer):
    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    @rpc
    async def RequestCallback(self, request: pb.RequestCallbackRequest, context: aio.ServicerContext) -> Any:
        d = self.desk
        r = request
        row, dup = await d.db.write(service.request, d.cfg, r.number, r.queue, convert.opt_ts(r, "request_time"),
                                    r.source_call_id, r.ticket_id, convert.opt_ts(r, "not_before_time"), d.clock())
        if not dup:
            d.dispatcher.wake.set()
        return pb.RequestCallbackResponse(callback=convert.callback(row), duplicate=dup)

    @rpc
    async def GetCallback(self, request: pb.GetCallbackRequest, context: aio.ServicerContext) -> Any:
        return pb.GetCallbackResponse(callback=convert.callback(await self.desk.db.read(service.get,
                                                                                         request.callback_id)))

    @rpc
    async def ListCallbacks(self, request: pb.ListCallbacksRequest, context: aio.ServicerContext) -> Any:
        r = request
        sts = [int(v.enum(s, CallbackState, f"states[{i}]")) for i, s in enumerate(r.states)]
        kind = v.enum(r.kind, CallbackKind, "kind", required=False)
        limit = v.page_size(r.page_size)
        rows = await self.desk.db.read(lambda c: repo.list_callbacks(
            c, states=sts, kind=int(kind or 0), ticket_id=r.ticket_id, before_id=r.before_callback_id,
            limit=limit + 1))
        more = len(rows) > limit
        rows = rows[:limit]
        return pb.ListCallbacksResponse(callbacks=[convert.callback(x) for x in rows],
                                        next_before_callback_id=rows[-1]["id"] if more else 0)

    @rpc
    async def RecordCallbackOutcome(self, request: pb.RecordCallbackOutcomeRequest,
                                    context: aio.ServicerContext) -> Any:
        d = self.desk
        r = request
        if is_agent():
            from .. import auth

            me = auth.principal().agent_id
            row = await d.db.read(service.get, r.callback_id)
            if row["agent_id"] != me:
                raise PermissionDenied(f"callback {r.callback_id} was not placed with agent {me}",
                                       reason="NOT_YOUR_CALLBACK")
        fx = Effects()
        row, ticket = await d.db.write(service.record_outcome, d.cfg, actor(), r.callback_id, r.version, r.outcome,
                                       r.satisfaction, r.note, d.clock(), fx)
        await d.after(fx)
        resp = pb.RecordCallbackOutcomeResponse(callback=convert.callback(row))
        if ticket is not None:
            resp.ticket.CopyFrom(convert.ticket(ticket))
        return resp

    @rpc
    async def CancelCallback(self, request: pb.CancelCallbackRequest, context: aio.ServicerContext) -> Any:
        d = self.desk
        r = request
        if r.version <= 0:
            raise InvalidArgument("version", "is required: send the version you read")
        before = await d.db.read(service.get, r.callback_id)
        row = await d.db.write(service.cancel, actor(), r.callback_id, r.version, r.note, d.clock())
        if before["state"] in (CallbackState.QUEUED, CallbackState.OFFERED) and before["call_id"] and d.acd_calls:
            try:
                await d.acd_calls.cancel_call(before["call_id"])
            except Exception:  # noqa: BLE001 - the call may have ended meanwhile
                pass
        return pb.CancelCallbackResponse(callback=convert.callback(row))
