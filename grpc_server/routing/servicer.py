"""acd.v1.RoutingService: proto <-> Python; the work is in service.py."""

from __future__ import annotations

from typing import Any

from grpc import aio

from acdcore.errors import AcdError
from acdcore_api.acd.v1 import routing_service_pb2 as pb
from acdcore_api.acd.v1 import routing_service_pb2_grpc as pb_grpc

from .. import convert
from ..errors import rpc
from .service import RoutingService


class RoutingServicer(pb_grpc.RoutingServiceServicer):
    def __init__(self, service: RoutingService) -> None:
        self.s = service

    @rpc
    async def LookupNumber(self, request: pb.LookupNumberRequest, context: aio.ServicerContext) -> Any:
        return pb.LookupNumberResponse(decision=convert.decision_out(self.s.lookup(request.caller, request.dialled)))

    @rpc
    async def ReplaceRoutes(self, request: pb.ReplaceRoutesRequest, context: aio.ServicerContext) -> Any:
        routes = [convert.route_in(r, f"routes[{i}].") for i, r in enumerate(request.routes)]
        try:
            version, count = await self.s.replace(routes)
        except AcdError as exc:
            # name the route the table refused (duplicate pattern, unknown queue)
            bad = exc.details.get("pattern") or exc.details.get("queue")
            order = reversed(list(enumerate(routes))) if exc.reason == "ROUTE_EXISTS" else enumerate(routes)
            for i, r in order:
                if bad is not None and bad in (r.pattern, r.queue):
                    exc.details["field"] = f"routes[{i}]." + ("pattern" if bad == r.pattern else "queue")
                    break
            raise
        return pb.ReplaceRoutesResponse(version=version, route_count=count)

    @rpc
    async def ListRoutes(self, request: pb.ListRoutesRequest, context: aio.ServicerContext) -> Any:
        routes, version = self.s.list()
        return pb.ListRoutesResponse(routes=[convert.route_out(r) for r in routes], version=version)
