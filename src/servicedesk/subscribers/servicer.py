"""desk.v1.SubscriberService: proto <-> Python; the rules are in service.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from grpc import aio

from .. import convert
from ..api.desk.v1 import subscriber_service_pb2 as pb
from ..api.desk.v1 import subscriber_service_pb2_grpc as pb_grpc
from ..transport import rpc
from . import service
from .service import ServiceIn, SubscriberIn

if TYPE_CHECKING:
    from ..app import Desk


def _in(m: Any) -> SubscriberIn:
    return SubscriberIn(
        account_number=m.account_number, name=m.name, phone_numbers=list(m.phone_numbers), address=m.address,
        area=m.area, balance_cents=m.balance_cents, status=m.status,
        services=[ServiceIn(kind=s.kind, smart_card_number=s.smart_card_number, product=s.product,
                            since=convert.opt_ts(s, "since_time")) for s in m.services])


class SubscriberServicer(pb_grpc.SubscriberServiceServicer):
    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    @rpc
    async def CreateSubscriber(self, request: pb.CreateSubscriberRequest, context: aio.ServicerContext) -> Any:
        d = self.desk
        row = await d.db.write(service.create, _in(request.subscriber), d.clock(), d.cfg.desk.local_prefix)
        return pb.CreateSubscriberResponse(subscriber=convert.subscriber(row))

    @rpc
    async def GetSubscriber(self, request: pb.GetSubscriberRequest, context: aio.ServicerContext) -> Any:
        row = await self.desk.db.read(service.get, request.subscriber_id, request.account_number)
        return pb.GetSubscriberResponse(subscriber=convert.subscriber(row))

    @rpc
    async def UpdateSubscriber(self, request: pb.UpdateSubscriberRequest, context: aio.ServicerContext) -> Any:
        d = self.desk
        s = request.subscriber
        row = await d.db.write(service.update, s.subscriber_id, s.version, _in(s), d.clock(), d.cfg.desk.local_prefix)
        return pb.UpdateSubscriberResponse(subscriber=convert.subscriber(row))

    @rpc
    async def SearchSubscribers(self, request: pb.SearchSubscribersRequest, context: aio.ServicerContext) -> Any:
        rows, nxt = await self.desk.db.read(
            lambda c: service.search(c, phone=request.phone_number, account=request.account_number, area=request.area,
                                     name_prefix=request.name_prefix, page_size=request.page_size,
                                     after_id=request.after_subscriber_id,
                                     local_prefix=self.desk.cfg.desk.local_prefix))
        return pb.SearchSubscribersResponse(subscribers=[convert.subscriber(r) for r in rows],
                                            next_after_subscriber_id=nxt)
