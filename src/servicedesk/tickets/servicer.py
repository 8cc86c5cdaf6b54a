"""desk.v1.TicketService: proto <-> Python; the rules are in service.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import grpc
from grpc import aio

from .. import auth, convert
from .. import validate as v
from ..api.desk.v1 import ticket_service_pb2 as pb
from ..api.desk.v1 import ticket_service_pb2_grpc as pb_grpc
from ..common import actor
from ..enums import TicketState, TicketType
from ..errors import DeskError, InvalidArgument, PermissionDenied
from ..transport import rpc
from . import repo, service
from .service import Effects, TicketIn

if TYPE_CHECKING:
    from ..app import Desk

MAX_BATCH = 500
_BATCH_METHODS = {"create": "CreateTicket", "update": "UpdateTicket", "assign": "AssignTicket",
                  "transition": "TransitionTicket", "comment": "AddTicketComment"}


class TicketServicer(pb_grpc.TicketServiceServicer):
    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    async def _write(self, fn: Any, *args: Any) -> Any:
        d = self.desk
        fx = Effects()
        out = await d.db.write(fn, *args, d.clock(), fx)
        await d.after(fx)
        return out

    # Each write's service call and its response, shared by its own RPC and BatchWriteTickets.
    def _create(self, r: pb.CreateTicketRequest) -> tuple[Any, tuple[Any, ...]]:
        t = TicketIn(type=r.type, channel=r.channel, subject=r.subject, priority=r.priority,
                     subscriber_id=r.subscriber_id, contact_number=r.contact_number, area=r.area,
                     description=r.description, department=r.department, team=r.team, agent_id=r.agent_id,
                     call_ids=list(r.call_ids), request_id=r.request_id)
        service.check_new(t, self.desk.cfg.desk.local_prefix)  # bad input fails before any database work
        return service.create, (self.desk.cfg, actor(), t)

    def _update(self, r: pb.UpdateTicketRequest) -> tuple[Any, tuple[Any, ...]]:
        values = {"subject": r.subject, "description": r.description, "priority": r.priority,
                  "contact_number": r.contact_number, "area": r.area}
        return service.update, (self.desk.cfg, actor(), r.ticket_id, r.version, list(r.update_fields), values)

    def _assign(self, r: pb.AssignTicketRequest) -> tuple[Any, tuple[Any, ...]]:
        return service.assign, (self.desk.cfg, actor(), r.ticket_id, r.version, r.department, r.team, r.agent_id,
                                r.note)

    def _transition(self, r: pb.TransitionTicketRequest) -> tuple[Any, tuple[Any, ...]]:
        if r.version <= 0:
            raise InvalidArgument("version", "is required: send the version you read (optimistic locking)")
        return service.transition, (self.desk.cfg, actor(), r.ticket_id, r.version, r.to_state, r.note)

    def _comment(self, r: pb.AddTicketCommentRequest) -> tuple[Any, tuple[Any, ...]]:
        return service.comment, (actor(), r.ticket_id, r.text, r.version)

    @staticmethod
    def _create_resp(out: Any) -> pb.CreateTicketResponse:
        row, dup = out
        return pb.CreateTicketResponse(ticket=convert.ticket(row), duplicate=dup)

    @staticmethod
    def _update_resp(row: Any) -> pb.UpdateTicketResponse:
        return pb.UpdateTicketResponse(ticket=convert.ticket(row))

    @staticmethod
    def _assign_resp(row: Any) -> pb.AssignTicketResponse:
        return pb.AssignTicketResponse(ticket=convert.ticket(row))

    @staticmethod
    def _transition_resp(out: Any) -> pb.TransitionTicketResponse:
        row, follow = out
        resp = pb.TransitionTicketResponse(ticket=convert.ticket(row))
        if follow is not None:
            resp.follow_up.CopyFrom(convert.callback(follow))
        return resp

    @staticmethod
    def _comment_resp(out: Any) -> pb.AddTicketCommentResponse:
        row, entry = out
        return pb.AddTicketCommentResponse(ticket=convert.ticket(row), entry=convert.history(entry))

    async def _one(self, kind: str, request: Any) -> Any:
        fn, args = getattr(self, f"_{kind}")(request)
        return getattr(self, f"_{kind}_resp")(await self._write(fn, *args))

    @rpc
    async def CreateTicket(self, request: pb.CreateTicketRequest, context: aio.ServicerContext) -> Any:
        return await self._one("create", request)

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
        return await self._one("update", request)

    @rpc
    async def AssignTicket(self, request: pb.AssignTicketRequest, context: aio.ServicerContext) -> Any:
        return await self._one("assign", request)

    @rpc
    async def TransitionTicket(self, request: pb.TransitionTicketRequest, context: aio.ServicerContext) -> Any:
        return await self._one("transition", request)

    @rpc
    async def AddTicketComment(self, request: pb.AddTicketCommentRequest, context: aio.ServicerContext) -> Any:
        return await self._one("comment", request)

    @rpc
    async def BatchWriteTickets(self, request: pb.BatchWriteTicketsRequest, context: aio.ServicerContext) -> Any:
        """The writes in one transaction (``service.batch``): a failed one is rolled back alone."""
        n = len(request.writes)
        if not 1 <= n <= MAX_BATCH:
            raise InvalidArgument("writes", f"give 1-{MAX_BATCH} writes (got {n})")
        role = auth.principal().role
        plan: list[tuple[str, Any, Any]] = []  # (kind, service function or None, its arguments or the error)
        for i, w in enumerate(request.writes):
            kind = w.WhichOneof("write")
            try:
                if kind is None:
                    raise InvalidArgument(f"writes[{i}]", "names no write (create, update, assign, transition or "
                                                          "comment)")
                if role not in auth.PERMISSIONS[f"/desk.v1.TicketService/{_BATCH_METHODS[kind]}"]:
                    raise PermissionDenied(f"role {role!r} may not call {_BATCH_METHODS[kind]}",
                                           reason="ROLE_NOT_ALLOWED")
                fn, args = getattr(self, f"_{kind}")(getattr(w, kind))
                plan.append((kind, fn, args))
            except DeskError as e:
                plan.append((kind or "", None, e))
        d = self.desk
        if any(fn is not None for _, fn, _ in plan):
            done = await d.db.write(service.batch, plan, d.clock())
        else:  # every write was refused before the database
            done = [(kind, e, None) for kind, _, e in plan]
        resp = pb.BatchWriteTicketsResponse()
        for kind, out, fx in done:
            res = resp.results.add()
            if fx is None:
                _error(res.error, out)
                continue
            await d.after(fx)
            getattr(res, kind).CopyFrom(getattr(self, f"_{kind}_resp")(out))
        return resp

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


def _error(e: pb.TicketWriteError, exc: Exception) -> None:
    """What the write's own RPC would have put in its status (transport.status_for)."""
    if isinstance(exc, DeskError):
        code = getattr(grpc.StatusCode, exc.code, grpc.StatusCode.UNKNOWN)
        e.code, e.message, e.reason = code.value[0], exc.message, exc.reason
        e.metadata.update(exc.details)
    else:  # sqlalchemy's IntegrityError: a constraint raced
        e.code, e.message = grpc.StatusCode.ABORTED.value[0], "a concurrent change conflicted with this one; try again"
        e.reason = "CONSTRAINT_CONFLICT"
