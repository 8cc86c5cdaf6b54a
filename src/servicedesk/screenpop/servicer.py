"""desk.v1.DesktopService: the agent desktop stream and caller look-ups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, AsyncIterator

from grpc import aio

from .. import convert
from ..api.desk.v1 import desktop_service_pb2 as pb
from ..api.desk.v1 import desktop_service_pb2_grpc as pb_grpc
from ..common import acting_agent
from ..errors import InvalidArgument, ResourceExhausted
from ..outages import repo as out_repo
from ..tickets import repo as t_repo
from ..transport import rpc, rpc_stream
from ..validate import org, phone
from .lookup import lookup

if TYPE_CHECKING:
    from ..app import Desk


class DesktopServicer(pb_grpc.DesktopServiceServicer):
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.streams = 0

    @rpc_stream
    async def WatchDesktop(self, request: pb.WatchDesktopRequest, context: aio.ServicerContext) -> AsyncIterator[Any]:
        agent = acting_agent(request.agent_id)
        org(agent, "agent_id", required=True)
        d = self.desk
        if self.streams >= d.cfg.desk.max_streams:
            raise ResourceExhausted(f"the desk serves at most {d.cfg.desk.max_streams} desktop streams",
                                    reason="TOO_MANY_STREAMS")
        self.streams += 1
        q = d.hub.watch(agent)
        try:
            def read(conn: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
                return (t_repo.list_tickets(conn, states=[2, 3], agent_id=agent, limit=50), out_repo.active(conn))

            tickets, outages = await d.db.read(read)
            current = list(d.hub.current.get(agent, {}).values())
            seen = {(p.call_id, p.offer_id) for p in current}
            yield pb.WatchDesktopResponse(snapshot=pb.DesktopSnapshot(
                agent_id=agent, screen_pops=current, assigned_tickets=[convert.ticket(t) for t in tickets],
                active_outages=[convert.outage(o) for o in outages]))
            while True:
                pop = await q.get()
                if pop is None:  # the desk stops, or this stream fell behind: the client reconnects
                    return
                if (pop.call_id, pop.offer_id) in seen:
                    seen.discard((pop.call_id, pop.offer_id))
                    continue
                yield pb.WatchDesktopResponse(screen_pop=pop)
        finally:
            self.streams -= 1
            d.hub.unwatch(agent, q)

    @rpc
    async def LookupCaller(self, request: pb.LookupCallerRequest, context: aio.ServicerContext) -> Any:
        if not request.phone_number:
            raise InvalidArgument("phone_number", "is required")
        phone(request.phone_number, "phone_number")
        d = self.desk
        info = await d.db.read(lookup, request.phone_number, d.cfg.desk.local_prefix)
        msg = convert.screen_pop(info)
        msg.caller = request.phone_number
        return pb.LookupCallerResponse(screen_pop=msg)
