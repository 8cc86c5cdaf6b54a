"""acd.v1.EventService: the event stream (pre-serialized batches) and explanations.

WatchEvents sends each event's bytes as built once at release (engine.Rel), framed into a
WatchEventsResponse by concatenation: one serialization per event whatever the number of
subscribers. Its handler is therefore registered with a pass-through serializer (register()).
"""

from __future__ import annotations

from typing import Any, AsyncIterator

import grpc
from grpc import aio

from acdcore.enums import EventType
from acdcore.types import check_name
from acdcore_api.acd.v1 import event_service_pb2 as pb
from acdcore_api.acd.v1 import event_service_pb2_grpc as pb_grpc

from .. import auth, convert
from ..engine import EventFilter, SubscriberOverflow
from ..errors import ApiError, rpc, rpc_stream
from ..streams import StreamLimiter
from .service import EventService

#: events per WatchEventsResponse (keeps messages far below the clients' 4 MiB default)
MAX_BATCH = 2000
_RESUMED = b"\x18\x01"  # field 3 (resumed) = true


def _serialize(msg: Any) -> bytes:
    return msg if isinstance(msg, bytes) else msg.SerializeToString()


class EventServicer(pb_grpc.EventServiceServicer):
    def __init__(self, service: EventService, streams: StreamLimiter) -> None:
        self.s = service
        self.streams = streams

    def _filter(self, request: pb.WatchEventsRequest) -> EventFilter:
        for i, q in enumerate(request.queues):
            try:
                check_name(q, "queue name")
            except Exception:  # noqa: BLE001
                raise convert.FieldError(f"queues[{i}]", f"{q!r} is not a valid queue name") from None
        for i, a in enumerate(request.agent_ids):
            try:
                check_name(a, "agent id")
            except Exception:  # noqa: BLE001
                raise convert.FieldError(f"agent_ids[{i}]", f"{a!r} is not a valid agent id") from None
        types = set()
        for i, t in enumerate(request.event_types):
            try:
                types.add(int(EventType(t)))
            except ValueError:
                raise convert.FieldError(f"event_types[{i}]", f"{t} is not a valid EventType") from None
        who = auth.principal()
        if who.role == auth.AGENT and list(request.agent_ids) != [who.agent_id]:
            raise ApiError(grpc.StatusCode.PERMISSION_DENIED, "NOT_YOUR_AGENT",
                           f"an agent token watches only its own events: set agent_ids to [{who.agent_id!r}]",
                           field="agent_ids")
        return EventFilter(frozenset(request.queues), frozenset(request.agent_ids), frozenset(types))

    @rpc_stream
    async def WatchEvents(self, request: pb.WatchEventsRequest, context: aio.ServicerContext) -> AsyncIterator[Any]:
        flt = self._filter(request)
        eng = self.s.engine
        with self.streams.slot():
            after = request.after_seq
            backlog = eng.backlog(after) if after else None
            if after and after > eng.core.last_event_seq:
                raise convert.FieldError("after_seq", f"after_seq {after} lies beyond the last event "
                                         f"{eng.core.last_event_seq}")
            if backlog is not None:
                sub = eng.subscribe(flt, eng.released_seq, self.streams.buffer)
                first = _RESUMED
                sel = backlog if flt.empty else [r for r in backlog if flt.match(r)]
            else:
                seq, snap = self.s.snapshot(flt)
                sub = eng.subscribe(flt, seq, self.streams.buffer)
                first = b""
                sel = []
            try:
                if backlog is None:
                    await eng.wait_released(seq)
                    yield pb.WatchEventsResponse(snapshot=snap).SerializeToString()
                else:
                    for k in range(0, max(len(sel), 1), MAX_BATCH):
                        chunk = sel[k:k + MAX_BATCH]
                        yield first + b"".join(r.framed for r in chunk)
                        first = b""
                while True:
                    try:
                        batch = await sub.get()
                    except SubscriberOverflow:
                        raise ApiError(grpc.StatusCode.RESOURCE_EXHAUSTED, "SUBSCRIBER_TOO_SLOW",
                                       f"the subscriber fell more than {self.streams.buffer} events behind; "
                                       f"resume with after_seq={sub.after}", after_seq=sub.after) from None
                    except EOFError as e:
                        raise ApiError(grpc.StatusCode.UNAVAILABLE, "SHUTTING_DOWN",
                                       f"{e}; resume with after_seq={sub.after}", after_seq=sub.after) from None
                    for k in range(0, len(batch), MAX_BATCH):
                        yield b"".join(r.framed for r in batch[k:k + MAX_BATCH])
            finally:
                eng.unsubscribe(sub)

    @rpc
    async def ExplainAssignment(self, request: pb.ExplainAssignmentRequest, context: aio.ServicerContext) -> Any:
        if not request.offer_id:
            raise convert.FieldError("offer_id", "offer_id is required")
        return pb.ExplainAssignmentResponse(assignment=convert.assignment_out(self.s.explain(request.offer_id)))


def register(servicer: EventServicer, server: aio.Server) -> None:
    """Like the generated add_EventServiceServicer_to_server, with WatchEvents sending bytes."""
    handlers = {
        "WatchEvents": grpc.unary_stream_rpc_method_handler(
            servicer.WatchEvents, request_deserializer=pb.WatchEventsRequest.FromString,
            response_serializer=_serialize),
        "ExplainAssignment": grpc.unary_unary_rpc_method_handler(
            servicer.ExplainAssignment, request_deserializer=pb.ExplainAssignmentRequest.FromString,
            response_serializer=pb.ExplainAssignmentResponse.SerializeToString),
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler("acd.v1.EventService", handlers),))
