"""The asyncio acd.v1 client (the same API as Client, with awaitables).

    from acdcore_client import AsyncClient
    async with AsyncClient("127.0.0.1:50051", token="...") as acd:
        r = await acd.enqueue_call("call-1", "general", caller="04511234567")
        async for msg in acd.watch_events():     # snapshot first, then events; resumes by itself
            ...

Every call has a deadline (``timeout``, default Settings.timeout); idempotent calls are
retried on UNAVAILABLE with exponential backoff; every failure raises a typed
:class:`~acdcore_client.errors.AcdApiError` carrying the ErrorInfo reason.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, AsyncIterator, Iterable, Mapping

import grpc
from grpc import aio

from acdcore_api.acd.v1 import agent_service_pb2 as agents
from acdcore_api.acd.v1 import call_service_pb2 as calls
from acdcore_api.acd.v1 import event_service_pb2 as events
from acdcore_api.acd.v1 import queue_service_pb2 as queues
from acdcore_api.acd.v1 import recording_service_pb2 as recs
from acdcore_api.acd.v1 import resources_pb2 as res
from acdcore_api.acd.v1 import routing_service_pb2 as routing

from . import _common as _c
from .errors import AcdApiError, from_rpc_error

_RECONNECT_CODES = (grpc.StatusCode.UNAVAILABLE,)


class AsyncClient:
    """A connection to an acdcore server for asyncio code."""

    def __init__(self, target: str = "127.0.0.1:50051", token: str | None = None, *,
                 settings: _c.Settings | None = None, channel: aio.Channel | None = None, **kw: Any) -> None:
        """``channel``: send over this existing channel instead of opening one (``target`` and the
        TLS settings are then unused, and :meth:`close` leaves the channel open)."""
        self.settings = settings or _c.settings(target, token, **kw)
        self._own_channel = channel is None
        if channel is None:
            creds = self.settings.credentials()
            opts = self.settings.options
            channel = (aio.secure_channel(self.settings.target, creds, options=opts) if creds is not None
                       else aio.insecure_channel(self.settings.target, options=opts))
        self.channel = channel
        self._md = self.settings.metadata()
        self._calls: dict[str, Any] = {}

    async def close(self) -> None:
        if self._own_channel:
            await self.channel.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _callable(self, rpc: str, stream: bool = False) -> Any:
        fn = self._calls.get(rpc)
        if fn is None:
            path = f"/acd.v1.{_c.SERVICE_OF[rpc]}/{rpc}"
            resp = _c.RESPONSES[rpc]
            make = self.channel.unary_stream if stream else self.channel.unary_unary
            fn = make(path, request_serializer=lambda m: m.SerializeToString(),
                      response_deserializer=resp.FromString)
            self._calls[rpc] = fn
        return fn

    async def _unary(self, rpc: str, request: Any, timeout: float | None) -> Any:
        fn = self._callable(rpc)
        attempts = self.settings.retries if rpc in _c.IDEMPOTENT else 1
        delay = self.settings.backoff
        for attempt in range(attempts):
            try:
                return await fn(request, timeout=timeout if timeout is not None else self.settings.timeout,
                                metadata=self._md)
            except grpc.RpcError as e:
                err = from_rpc_error(e)
                if _c.retryable(rpc, err.code, err.reason) and attempt + 1 < attempts:
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 2.0)
                    continue
                raise err from None
        raise AssertionError("unreachable")  # pragma: no cover

    # ---------------------------------------------------------------- streams
    async def watch_call(self, call_id: str, until: int = 0, *, timeout: float | None = None
                         ) -> AsyncIterator[calls.WatchCallResponse]:
        """Follow one call until it reaches ``until`` (a CallMilestone) or ends."""
        fn = self._callable("WatchCall", stream=True)
        call = fn(calls.WatchCallRequest(call_id=call_id, until=until),
                  timeout=timeout if timeout is not None else self.settings.stream_timeout, metadata=self._md)
        try:
            async for resp in call:
                yield resp
        except grpc.RpcError as e:
            raise from_rpc_error(e) from None
        finally:
            call.cancel()

    async def watch_events(self, *, after_seq: int = 0, queues: Iterable[str] = (), agent_ids: Iterable[str] = (),
                           event_types: Iterable[int] = (), reconnect: bool = True,
                           max_reconnects: int | None = None, timeout: float | None = None,
                           ) -> AsyncIterator[events.WatchEventsResponse]:
        """The event stream, resuming after reconnects: see Client.watch_events."""
        fn = self._callable("WatchEvents", stream=True)
        last = after_seq
        q, a, t = list(queues), list(agent_ids), list(event_types)
        reconnects = 0
        delay = self.settings.backoff
        if timeout is None:
            timeout = self.settings.stream_timeout
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(deadline - time.monotonic(), 0.001)
            call = fn(_c.watch_events(last, q, a, t), timeout=left, metadata=self._md)
            try:
                async for resp in call:
                    last = _c.last_seq(resp, last)
                    delay = self.settings.backoff
                    yield resp
                return
            except grpc.RpcError as e:
                err = from_rpc_error(e)
                resumable = err.code in _RECONNECT_CODES or err.reason == "SUBSCRIBER_TOO_SLOW"
                if not reconnect or not resumable or (max_reconnects is not None and reconnects >= max_reconnects):
                    raise err from None
                reconnects += 1
                if deadline is not None and time.monotonic() + delay >= deadline:
                    raise err from None
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
            finally:
                call.cancel()

    # ---------------------------------------------------------------- unary calls
    async def enqueue_call(self, call_id: str, queue: str = "", *, caller: str = "", dialled: str = "", priority: int = 0, skills: Mapping[str, int] | None = None, attributes: Mapping[str, str] | None = None, enqueue_time: float | None = None, target_agent_id: str = "", target_timeout: float | None = None, timeout: float | None = None) -> calls.EnqueueCallResponse:
        """Put a call in a queue (idempotent on call_id; retried on UNAVAILABLE). Empty queue: prefix analysis picks it.

        ``target_agent_id`` offers the call to that agent only (a member of the queue) until
        ``target_timeout`` seconds after its enqueue time (None or 0: never), the agent logs out
        or leaves the queue; then it joins the queue's normal line (event CALL_TARGET_LAPSED).
        """
        return await self._unary("EnqueueCall", _c.enqueue_call(call_id, queue, caller=caller, dialled=dialled, priority=priority, skills=skills, attributes=attributes, enqueue_time=enqueue_time, target_agent_id=target_agent_id, target_timeout=target_timeout), timeout)

    async def cancel_call(self, call_id: str, *, timeout: float | None = None) -> calls.CancelCallResponse:
        """The caller hung up."""
        return await self._unary("CancelCall", calls.CancelCallRequest(call_id=call_id), timeout)

    async def transfer_call(self, call_id: str, queue: str, *, timeout: float | None = None) -> calls.TransferCallResponse:
        """Move a call to another queue (it waits as PRIORITY)."""
        return await self._unary("TransferCall", calls.TransferCallRequest(call_id=call_id, queue=queue), timeout)

    async def get_call(self, call_id: str, *, timeout: float | None = None) -> calls.GetCallResponse:
        """A call's state, position and expected wait."""
        return await self._unary("GetCall", calls.GetCallRequest(call_id=call_id), timeout)

    async def list_calls(self, queue: str = "", *, timeout: float | None = None) -> calls.ListCallsResponse:
        """Calls not ended; for a queue, its waiting calls in service order."""
        return await self._unary("ListCalls", calls.ListCallsRequest(queue=queue), timeout)

    async def create_agent(self, agent_id: str | res.AgentConfig, skills: Mapping[str, int] | None = None, queues: Mapping[str, int] | None = None, *, timeout: float | None = None) -> agents.CreateAgentResponse:
        """Define an agent."""
        return await self._unary("CreateAgent", agents.CreateAgentRequest(config=_c.agent_config(agent_id, skills, queues)), timeout)

    async def update_agent(self, agent_id: str | res.AgentConfig, skills: Mapping[str, int] | None = None, queues: Mapping[str, int] | None = None, *, timeout: float | None = None) -> agents.UpdateAgentResponse:
        """Replace an agent's skills and memberships."""
        return await self._unary("UpdateAgent", agents.UpdateAgentRequest(config=_c.agent_config(agent_id, skills, queues)), timeout)

    async def delete_agent(self, agent_id: str, *, timeout: float | None = None) -> agents.DeleteAgentResponse:
        """Remove a logged-out agent."""
        return await self._unary("DeleteAgent", agents.DeleteAgentRequest(agent_id=agent_id), timeout)

    async def login(self, agent_id: str = "", *, timeout: float | None = None) -> agents.LoginResponse:
        """Log an agent in (role agent: empty means itself)."""
        return await self._unary("Login", agents.LoginRequest(agent_id=agent_id), timeout)

    async def logout(self, agent_id: str = "", *, timeout: float | None = None) -> agents.LogoutResponse:
        """Log an agent out."""
        return await self._unary("Logout", agents.LogoutRequest(agent_id=agent_id), timeout)

    async def set_ready(self, agent_id: str = "", *, timeout: float | None = None) -> agents.SetReadyResponse:
        """Unpause, or end wrap-up early."""
        return await self._unary("SetReady", agents.SetReadyRequest(agent_id=agent_id), timeout)

    async def pause(self, agent_id: str, reason: str, *, timeout: float | None = None) -> agents.PauseResponse:
        """Pause an agent with a reason code."""
        return await self._unary("Pause", agents.PauseRequest(agent_id=agent_id, reason=reason), timeout)

    async def accept_offer(self, offer_id: int, agent_id: str = "", *, timeout: float | None = None) -> agents.AcceptOfferResponse:
        """The agent answered the offer."""
        return await self._unary("AcceptOffer", agents.AcceptOfferRequest(agent_id=agent_id, offer_id=offer_id), timeout)

    async def reject_offer(self, offer_id: int, agent_id: str = "", *, timeout: float | None = None) -> agents.RejectOfferResponse:
        """The agent declined the offer."""
        return await self._unary("RejectOffer", agents.RejectOfferRequest(agent_id=agent_id, offer_id=offer_id), timeout)

    async def complete_call(self, call_id: str, *, hangup_by: int = 0, agent_id: str = "", timeout: float | None = None) -> agents.CompleteCallResponse:
        """The connected call ended: the agent goes to wrap-up."""
        return await self._unary("CompleteCall", agents.CompleteCallRequest(call_id=call_id, hangup_by=hangup_by, agent_id=agent_id), timeout)

    async def get_agent(self, agent_id: str = "", *, timeout: float | None = None) -> agents.GetAgentResponse:
        """An agent's state and statistics."""
        return await self._unary("GetAgent", agents.GetAgentRequest(agent_id=agent_id), timeout)

    async def list_agents(self, queue: str = "", state: int = 0, *, timeout: float | None = None) -> agents.ListAgentsResponse:
        """Agents, optionally of one queue or in one state."""
        return await self._unary("ListAgents", agents.ListAgentsRequest(queue=queue, state=state), timeout)

    async def create_queue(self, name: str | res.QueueConfig, *, timeout: float | None = None, **config: Any) -> queues.CreateQueueResponse:
        """Create a queue (fields as in acd.v1.QueueConfig)."""
        return await self._unary("CreateQueue", queues.CreateQueueRequest(config=_c.queue_config(name, **config)), timeout)

    async def update_queue(self, name: str | res.QueueConfig, *, timeout: float | None = None, **config: Any) -> queues.UpdateQueueResponse:
        """Replace a queue's whole configuration."""
        return await self._unary("UpdateQueue", queues.UpdateQueueRequest(config=_c.queue_config(name, **config)), timeout)

    async def delete_queue(self, name: str, *, timeout: float | None = None) -> queues.DeleteQueueResponse:
        """Delete an empty queue."""
        return await self._unary("DeleteQueue", queues.DeleteQueueRequest(name=name), timeout)

    async def get_queue(self, name: str, *, timeout: float | None = None) -> queues.GetQueueResponse:
        """A queue's configuration."""
        return await self._unary("GetQueue", queues.GetQueueRequest(name=name), timeout)

    async def list_queues(self, *, timeout: float | None = None) -> queues.ListQueuesResponse:
        """Every queue's configuration."""
        return await self._unary("ListQueues", queues.ListQueuesRequest(), timeout)

    async def get_queue_stats(self, queue: str, *, timeout: float | None = None) -> queues.GetQueueStatsResponse:
        """A queue's statistics."""
        return await self._unary("GetQueueStats", queues.GetQueueStatsRequest(queue=queue), timeout)

    async def list_queue_stats(self, *, timeout: float | None = None) -> queues.ListQueueStatsResponse:
        """Every queue's statistics."""
        return await self._unary("ListQueueStats", queues.ListQueueStatsRequest(), timeout)

    async def lookup_number(self, caller: str = "", dialled: str = "", *, timeout: float | None = None) -> routing.LookupNumberResponse:
        """Prefix analysis of a caller and a dialled number."""
        return await self._unary("LookupNumber", routing.LookupNumberRequest(caller=caller, dialled=dialled), timeout)

    async def replace_routes(self, routes: Iterable[res.Route], *, timeout: float | None = None) -> routing.ReplaceRoutesResponse:
        """Swap in a new routing table atomically."""
        return await self._unary("ReplaceRoutes", routing.ReplaceRoutesRequest(routes=list(routes)), timeout)

    async def list_routes(self, *, timeout: float | None = None) -> routing.ListRoutesResponse:
        """The routing table in force."""
        return await self._unary("ListRoutes", routing.ListRoutesRequest(), timeout)

    async def explain_assignment(self, offer_id: int, *, timeout: float | None = None) -> events.ExplainAssignmentResponse:
        """Why an offer went to its agent."""
        return await self._unary("ExplainAssignment", events.ExplainAssignmentRequest(offer_id=offer_id), timeout)

    # ---------------------------------------------------------------- recordings (RecordingService)
    async def start_recording(self, call_id: str, legs: Iterable[recs.RecordingLeg | str] = ("caller", "agent"), *, agent_id: str = "", queue: str = "", caller: str = "", codec: int = recs.RECORDING_CODEC_PCMU, shared_port: bool = False, timeout: float | None = None) -> recs.StartRecordingResponse:
        """Start recording a call (role telephony): one or two legs, caller first, then agent; a leg
        is a name (with ``codec``) or a RecordingLeg (``_common.recording_leg``). The response says
        where each leg's RTP must go. Not retried: a resent start could fail as RECORDING_EXISTS."""
        return await self._unary("StartRecording", _c.start_recording(call_id, legs, agent_id=agent_id, queue=queue, caller=caller, codec=codec, shared_port=shared_port), timeout)

    async def stop_recording(self, call_id: str, reason: str = "", *, timeout: float | None = None) -> recs.StopRecordingResponse:
        """Stop a call's recording: the file is written, fsynced, hashed and indexed; each leg's statistics."""
        return await self._unary("StopRecording", recs.StopRecordingRequest(call_id=call_id, reason=reason), timeout)

    async def pause_recording(self, call_id: str, reason: str = "", *, timeout: float | None = None) -> recs.PauseRecordingResponse:
        """PCI pause: the recording holds silence from now on (audited with this client's token name)."""
        return await self._unary("PauseRecording", recs.PauseRecordingRequest(call_id=call_id, reason=reason), timeout)

    async def resume_recording(self, call_id: str, reason: str = "", *, timeout: float | None = None) -> recs.ResumeRecordingResponse:
        """End a PCI pause (audited)."""
        return await self._unary("ResumeRecording", recs.ResumeRecordingRequest(call_id=call_id, reason=reason), timeout)

    async def search_recordings(self, call_id: str = "", *, agent_id: str = "", queue: str = "", caller: str = "", start_time_from: float | None = None, start_time_to: float | None = None, limit: int = 0, offset: int = 0, timeout: float | None = None) -> recs.SearchRecordingsResponse:
        """Recordings by call, agent, queue, caller number and start time (epoch seconds, [from, to)), oldest first."""
        return await self._unary("SearchRecordings", _c.search_recordings(call_id, agent_id=agent_id, queue=queue, caller=caller, start_time_from=start_time_from, start_time_to=start_time_to, limit=limit, offset=offset), timeout)

    async def list_recording_events(self, recording_id: str, *, timeout: float | None = None) -> recs.ListRecordingEventsResponse:
        """A recording's audit trail: start, pause, resume, DTMF, segments, stop."""
        return await self._unary("ListRecordingEvents", recs.ListRecordingEventsRequest(recording_id=recording_id), timeout)

    async def get_recording(self, recording_id: str, *, start_byte: int = 0, end_byte: int = 0, start_seconds: float = 0.0, reconnect: bool = True, timeout: float | None = None) -> AsyncIterator[recs.GetRecordingResponse]:
        """A finished recording's file as chunks (``msg.offset``, ``msg.data``), optionally the byte
        range [start_byte, end_byte) (0: to the end) or from the audio at ``start_seconds``; the
        first chunk carries ``recording`` and ``total_size``.

        After UNAVAILABLE it asks again for the bytes from where the last chunk ended (at most
        Settings.retries attempts in all; ``reconnect=False``: never). ``timeout`` bounds the
        whole download, reconnects included (default Settings.stream_timeout)."""
        fn = self._callable("GetRecording", stream=True)
        rd = _c.RangeReader(recording_id, start_byte, end_byte, start_seconds)
        if timeout is None:
            timeout = self.settings.stream_timeout
        deadline = None if timeout is None else time.monotonic() + timeout
        attempts = self.settings.retries if reconnect else 1
        delay = self.settings.backoff
        for attempt in range(attempts):
            left = None if deadline is None else max(deadline - time.monotonic(), 0.001)
            call = fn(rd.next_request(), timeout=left, metadata=self._md)
            try:
                async for msg in call:
                    yield rd.seen(msg)
                return
            except grpc.RpcError as e:
                err = from_rpc_error(e)
                if (not _c.retryable("GetRecording", err.code, err.reason) or attempt + 1 >= attempts
                        or (deadline is not None and time.monotonic() + delay >= deadline)):
                    raise err from None
                if not rd.resume():
                    return
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
            finally:
                call.cancel()

    async def monitor_call(self, call_id: str, mode: int = 0, *, timeout: float | None = None) -> AsyncIterator[recs.MonitorCallResponse]:
        """Listen to a call being recorded: 20 ms PCM16 frames (8 kHz) until the recording stops;
        ``mode`` a MonitorMode (unset: both legs mixed). Live audio cannot be resumed, so it is
        never reconnected; ``timeout`` bounds the stream (default Settings.stream_timeout)."""
        fn = self._callable("MonitorCall", stream=True)
        call = fn(recs.MonitorCallRequest(call_id=call_id, mode=mode),
                  timeout=timeout if timeout is not None else self.settings.stream_timeout, metadata=self._md)
        try:
            async for m in call:
                yield m
        except grpc.RpcError as e:
            raise from_rpc_error(e) from None
        finally:
            call.cancel()


__all__ = ["AcdApiError", "AsyncClient", "Mapping", "res"]
