"""acd.v1.QueueService: proto <-> Python; the work is in service.py."""

from __future__ import annotations

from typing import Any

from grpc import aio

from acdcore_api.acd.v1 import queue_service_pb2 as pb
from acdcore_api.acd.v1 import queue_service_pb2_grpc as pb_grpc

from .. import convert
from ..common import require
from ..errors import rpc
from .service import QueueService


class QueueServicer(pb_grpc.QueueServiceServicer):
    def __init__(self, service: QueueService) -> None:
        self.s = service

    @rpc
    async def CreateQueue(self, request: pb.CreateQueueRequest, context: aio.ServicerContext) -> Any:
        cfg = convert.queue_config_in(request.config)
        return pb.CreateQueueResponse(config=convert.queue_config_out(await self.s.create(cfg)))

    @rpc
    async def UpdateQueue(self, request: pb.UpdateQueueRequest, context: aio.ServicerContext) -> Any:
        cfg = convert.queue_config_in(request.config)
        return pb.UpdateQueueResponse(config=convert.queue_config_out(await self.s.update(cfg)))

    @rpc
    async def DeleteQueue(self, request: pb.DeleteQueueRequest, context: aio.ServicerContext) -> Any:
        require(request.name, "name", "name")
        await self.s.delete(request.name)
        return pb.DeleteQueueResponse()

    @rpc
    async def GetQueue(self, request: pb.GetQueueRequest, context: aio.ServicerContext) -> Any:
        require(request.name, "name", "name")
        return pb.GetQueueResponse(config=convert.queue_config_out(self.s.get(request.name)))

    @rpc
    async def ListQueues(self, request: pb.ListQueuesRequest, context: aio.ServicerContext) -> Any:
        return pb.ListQueuesResponse(configs=[convert.queue_config_out(c) for c in self.s.list()])

    @rpc
    async def GetQueueStats(self, request: pb.GetQueueStatsRequest, context: aio.ServicerContext) -> Any:
        require(request.queue, "queue", "queue")
        return pb.GetQueueStatsResponse(stats=convert.queue_stats_out(self.s.stats(request.queue)))

    @rpc
    async def ListQueueStats(self, request: pb.ListQueueStatsRequest, context: aio.ServicerContext) -> Any:
        return pb.ListQueueStatsResponse(stats=[convert.queue_stats_out(s) for s in self.s.all_stats()])
