"""desk.v1.TicketService: proto <-> Python; the rules are in service.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from grpc import aio

from .. import convert
from .. import validate as v
from ..api.desk.v1 import ticket_service_pb2 as pb
from ..api.desk.v1 import ticket_service_pb2_grpc as pb_grpc
from ..common import actor
from ..enums import TicketState, TicketType
from ..transport import rpc
from . import repo, service
from .service import Effects, TicketIn

if TYPE_CHECKING:
    from ..app import Desk


class TicketServicer(pb_grpc.TicketServiceServicer):
    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    async def _write(self, fn: Any, *args: Any) -> Any:
        d = self.desk
        fx = Effects()
        out = await d.db.write(fn, *args, d.clock(), fx)
        await d.after(fx)
        return out

    @rpc
    async def CreateTicket(self, request: pb.CreateTicketRequest, context: aio.ServicerContext) -> Any:
        r = request
        t = TicketIn(type=r.type, channel=r.channel, subject=r.subject, priority=r.priority,
                     subscriber_id=r.subscriber_id, contact_number=r.contact_number, area=r.area,
                     description=r.description, department=r.department, team=r.team, agent_id=r.agent_id,
                     call_ids=list(r.call_ids), request_id=r.request_id)
        service.check_new(t, self.desk.cfg.desk.local_prefix)  # bad input fails before any database work
        row, dup = await self._write(service.create, self.desk.cfg, actor(), t)
        return pb.CreateTicketResponse(ticket=convert.ticket(row), duplicate=dup)

    @rpc
    async def GetTicket(self, request: pb.GetTicketRequest, context: aio.ServicerContext) -> Any:
        return pb.GetTicketResponse(ticket=convert.ticket(await self.desk.db.read(service.get, request.ticket_id)))

    @rpc
    async def ListTickets(self, request: pb.ListTicketsRequest, context: aio.ServicerContext) -> Any:
        r = request
        sts = [int(v.enum(s, TicketState, f"states[{i}]")) for i, s in enumerate(r.states)]
        tys = [int(v.enum(s, TicketType, f"types[{i}]")) for i, s in enumerate(r.types)]
        v.area(r.area, required=False)
        v.org(r.agent_id, "agent_id")
        v.org(r.department, "department")
        limit = v.page_size(r.page_size)
        now = self.desk.clock()
        rows = await self.desk.db.read(lambda c: repo.list_tickets(
            c, states=sts, types=tys, area=r.area, subscriber_id=r.subscriber_id, agent_id=r.agent_id,
            department=r.department, overdue_before=now if r.overdue_only else None, outage_id=r.outage_id,
            before_id=r.before_ticket_id, limit=limit + 1))
        more = len(rows) > limit
        rows = rows[:limit]
        return pb.ListTicketsResponse(tickets=[convert.ticket(x) for x in rows],
                                      next_before_ticket_id=rows[-1]["id"] if more else 0)

    @rpc
    async def UpdateTicket(self, request: pb.UpdateTicketRequest, context: aio.ServicerContext) -> Any:
        r = request
        values = {"subject": r.subject, "description": r.description, "priority": r.priority,
                  "contact_number": r.contact_number, "area": r.area}
        row = await self._write(service.update, self.desk.cfg, actor(), r.ticket_id, r.version,
                                list(r.update_fields), values)
        return pb.UpdateTicketResponse(ticket=convert.ticket(row))

    @rpc
    async def AssignTicket(self, request: pb.AssignTicketRequest, context: aio.ServicerContext) -> Any:
        r = request
        row = await self._write(service.assign, self.desk.cfg, actor(), r.ticket_id, r.version, r.department, r.team,
                                r.agent_id, r.note)
        return pb.AssignTicketResponse(ticket=convert.ticket(row))

    @rpc
    async def TransitionTicket(self, request: pb.TransitionTicketRequest, context: aio.ServicerContext) -> Any:
        r = request
        if r.version <= 0:
            from ..errors import InvalidArgument

            raise InvalidArgument("version", "is required: send the version you read (optimistic locking)")
        row, follow = await self._write(service.transition, self.desk.cfg, actor(), r.ticket_id, r.version,
                                        r.to_state, r.note)
        resp = pb.TransitionTicketResponse(ticket=convert.ticket(row))
        if follow is not None:
            resp.follow_up.CopyFrom(convert.callback(follow))
        return resp

    @rpc
    async def AddTicketComment(self, request: pb.AddTicketCommentRequest, context: aio.ServicerContext) -> Any:
        r = request
        row, entry = await self._write(service.comment, actor(), r.ticket_id, r.text, r.version)
        return pb.AddTicketCommentResponse(ticket=convert.ticket(row), entry=convert.history(entry))

    @rpc
    async def LinkTicketCall(self, request: pb.LinkTicketCallRequest, context: aio.ServicerContext) -> Any:
        r = request
        row = await self._write(service.link, actor(), r.ticket_id, list(r.call_ids), list(r.recording_ids),
                                r.recording_call_id)
        return pb.LinkTicketCallResponse(ticket=convert.ticket(row))

    @rpc
    async def ListTicketHistory(self, request: pb.ListTicketHistoryRequest, context: aio.ServicerContext) -> Any:
        since = convert.opt_ts(request, "since_time")
        rows = await self.desk.db.read(service.history, request.ticket_id, since)
        return pb.ListTicketHistoryResponse(entries=[convert.history(x) for x in rows])
