"""acd.v1.CallService: proto <-> Python; the work is in service.py."""

from __future__ import annotations

from typing import Any, AsyncIterator

import grpc
from grpc import aio

from acdcore import CallState, EventType
from acdcore.errors import AcdError, CallEndedError
from acdcore_api.acd.v1 import call_service_pb2 as pb
from acdcore_api.acd.v1 import call_service_pb2_grpc as pb_grpc
from acdcore_api.acd.v1 import resources_pb2

from .. import convert
from ..common import acting_agent, is_agent_role, require
from ..engine import EventFilter, SubscriberOverflow
from ..errors import ApiError, rpc, rpc_stream
from ..streams import StreamLimiter
from .service import CallService, not_with_agent


class CallServicer(pb_grpc.CallServiceServicer):
    def __init__(self, service: CallService, streams: StreamLimiter) -> None:
        self.s = service
        self.streams = streams

    @rpc
    async def EnqueueCall(self, request: pb.EnqueueCallRequest, context: aio.ServicerContext) -> Any:
        require(request.call_id, "call_id", "call_id")
        t = convert.from_ts(request.enqueue_time) if request.HasField("enqueue_time") else None
        if t is not None and t < 0:
            raise convert.FieldError("enqueue_time", "must not lie before 1970")
        if request.priority and request.priority not in (1, 2):
            raise convert.FieldError("priority", f"{request.priority} is not a valid Priority")
        tmo = convert.from_duration(request.target_timeout) if request.HasField("target_timeout") else 0.0
        if tmo < 0:
            raise convert.FieldError("target_timeout", "must not be negative", reason="INVALID_TIME")
        if tmo and not request.target_agent_id:
            raise convert.FieldError("target_timeout", "needs a target_agent_id")
        r = await self.s.enqueue(request.call_id, request.queue, caller=request.caller, dialled=request.dialled,
                                 priority=request.priority, skills=request.skills, attributes=request.attributes,
                                 enqueue_time=t, target_agent=request.target_agent_id, target_timeout=tmo)
        resp = pb.EnqueueCallResponse(call=convert.call_out(r.call), duplicate=r.duplicate,
                                      route_decision=convert.decision_out(r.decision))
        if r.offer is not None:
            resp.offer.CopyFrom(convert.offer_out(r.offer))
        return resp

    @rpc
    async def CancelCall(self, request: pb.CancelCallRequest, context: aio.ServicerContext) -> Any:
        require(request.call_id, "call_id", "call_id")
        return pb.CancelCallResponse(state=await self.s.cancel(request.call_id))

    @rpc
    async def TransferCall(self, request: pb.TransferCallRequest, context: aio.ServicerContext) -> Any:
        require(request.call_id, "call_id", "call_id")
        require(request.queue, "queue", "queue")
        if is_agent_role():
            me = acting_agent("")
            if self.s.owner(request.call_id) != me:
                raise not_with_agent(request.call_id, me, own=True)
        call, offer = await self.s.transfer(request.call_id, request.queue)
        resp = pb.TransferCallResponse()
        if call is not None:
            resp.call.CopyFrom(convert.call_out(call))
        if offer is not None:
            resp.offer.CopyFrom(convert.offer_out(offer))
        return resp

    @rpc
    async def GetCall(self, request: pb.GetCallRequest, context: aio.ServicerContext) -> Any:
        require(request.call_id, "call_id", "call_id")
        call = self.s.get(request.call_id)
        if is_agent_role():
            me = acting_agent("")
            if call.agent_id != me:
                raise not_with_agent(request.call_id, me, own=True)
        return pb.GetCallResponse(call=convert.call_out(call))

    @rpc
    async def ListCalls(self, request: pb.ListCallsRequest, context: aio.ServicerContext) -> Any:
        return pb.ListCallsResponse(calls=[convert.call_out(c) for c in self.s.list(request.queue)])

    @rpc_stream
    async def WatchCall(self, request: pb.WatchCallRequest, context: aio.ServicerContext) -> AsyncIterator[Any]:
        require(request.call_id, "call_id", "call_id")
        if request.until not in (0, 1, 2, 3):
            raise convert.FieldError("until", f"{request.until} is not a valid CallMilestone")
        until = request.until or pb.CALL_MILESTONE_ENDED
        call_id = request.call_id
        eng = self.s.engine
        with self.streams.slot():
            info = self.s.get(call_id)
            seq = eng.core.last_event_seq
            sub = eng.subscribe(EventFilter(), seq, self.streams.buffer)
            try:
                await eng.wait_released(seq)
                last = convert.call_out(info)
                if _reached(info.state, until):
                    yield pb.WatchCallResponse(call=last, done=True)
                    return
                yield pb.WatchCallResponse(call=last)
                while True:
                    try:
                        batch = await sub.get()
                    except SubscriberOverflow:
                        raise ApiError(grpc.StatusCode.RESOURCE_EXHAUSTED, "SUBSCRIBER_TOO_SLOW",
                                       "the stream fell too far behind; watch again") from None
                    except EOFError as e:
                        raise ApiError(grpc.StatusCode.UNAVAILABLE, "SHUTTING_DOWN", str(e)) from None
                    queue_touched = False
                    for r in batch:
                        if r.call_id == call_id:
                            ev = r.ev
                            state = _state_after(ev)
                            if ev.queue is not None:
                                last.queue = ev.target_queue or ev.queue
                            done = False
                            if state is not None:
                                last.state = int(state)
                                done = _reached(state, until)
                            # a lapsed target changes the call (target, position) but not its state
                            lapsed = ev.type == EventType.CALL_TARGET_LAPSED
                            if not done and (lapsed or state is not None and state in (
                                    CallState.WAITING, CallState.OFFERED, CallState.CONNECTED)):
                                try:
                                    last = convert.call_out(eng.query(lambda c: c.get_call(call_id)))
                                except AcdError:
                                    pass
                            evm = resources_pb2.Event.FromString(r.data)
                            yield pb.WatchCallResponse(call=last, event=evm, done=done)
                            if done:
                                return
                        elif r.queue == last.queue or r.type == EventType.AGENT_STATE_CHANGED:
                            queue_touched = True
                    if queue_touched and last.state == CallState.WAITING:
                        try:
                            now = convert.call_out(eng.query(lambda c: c.get_call(call_id)))
                        except CallEndedError:
                            continue
                        if (now.position != last.position or now.expected_wait_seconds != last.expected_wait_seconds
                                or now.HasField("expected_wait_seconds") != last.HasField("expected_wait_seconds")):
                            last = now
                            yield pb.WatchCallResponse(call=last)
            finally:
                eng.unsubscribe(sub)


def _state_after(ev: Any) -> CallState | None:
    t = ev.type
    if t == EventType.CALL_OFFERED:
        return CallState.OFFERED
    if t == EventType.CALL_ANSWERED:
        return CallState.CONNECTED
    if t in (EventType.CALL_NO_ANSWER, EventType.CALL_ENQUEUED):
        return CallState.WAITING
    if t == EventType.CALL_TRANSFERRED:
        return CallState.WAITING
    if t == EventType.CALL_COMPLETED:
        return CallState.COMPLETED
    if t == EventType.CALL_ABANDONED:
        return CallState.ABANDONED
    if t == EventType.CALL_OVERFLOWED:
        return CallState.WAITING if ev.target_queue else CallState.OVERFLOWED
    return None


def _reached(state: CallState, until: int) -> bool:
    if state in (CallState.COMPLETED, CallState.ABANDONED, CallState.OVERFLOWED):
        return True
    if until == pb.CALL_MILESTONE_OFFERED:
        return state in (CallState.OFFERED, CallState.CONNECTED)
    if until == pb.CALL_MILESTONE_ANSWERED:
        return state == CallState.CONNECTED
    return False
