"""What the sync and the asyncio client share: connection settings and request builders."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import grpc
from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp

from acdcore_api.acd.v1 import agent_service_pb2 as agents
from acdcore_api.acd.v1 import call_service_pb2 as calls
from acdcore_api.acd.v1 import event_service_pb2 as events
from acdcore_api.acd.v1 import queue_service_pb2 as queues
from acdcore_api.acd.v1 import recording_service_pb2 as recs
from acdcore_api.acd.v1 import resources_pb2 as res
from acdcore_api.acd.v1 import routing_service_pb2 as routing

#: calls safe to send again after UNAVAILABLE: they are idempotent in the core
#: (EnqueueCall on its call id; a repeated Pause with the same reason or SetReady change nothing)
IDEMPOTENT = frozenset({
    "EnqueueCall", "GetCall", "ListCalls", "GetAgent", "ListAgents", "GetQueue", "ListQueues", "GetQueueStats",
    "ListQueueStats", "LookupNumber", "ListRoutes", "ReplaceRoutes", "ExplainAssignment", "SetReady", "Pause",
    "UpdateQueue", "UpdateAgent",
    # recordings: the reads (GetRecording resumes at the byte it got to, see Client.get_recording);
    # Start/Stop/Pause/ResumeRecording write an audit entry each time and are never resent
    "SearchRecordings", "ListRecordingEvents", "GetRecording",
})

#: UNAVAILABLE with these reasons is a server-side state, not a lost connection: never retried
NOT_RETRIED_REASONS = frozenset({"RECORDER_UNAVAILABLE"})

SERVICE_OF = {
    **{m: "CallService" for m in ("EnqueueCall", "CancelCall", "TransferCall", "GetCall", "ListCalls", "WatchCall")},
    **{m: "AgentService" for m in ("CreateAgent", "UpdateAgent", "DeleteAgent", "Login", "Logout", "SetReady",
                                   "Pause", "AcceptOffer", "RejectOffer", "CompleteCall", "GetAgent",
                                   "ListAgents")},
    **{m: "QueueService" for m in ("CreateQueue", "UpdateQueue", "DeleteQueue", "GetQueue", "ListQueues",
                                   "GetQueueStats", "ListQueueStats")},
    **{m: "RoutingService" for m in ("LookupNumber", "ReplaceRoutes", "ListRoutes")},
    **{m: "EventService" for m in ("WatchEvents", "ExplainAssignment")},
    **{m: "RecordingService" for m in ("StartRecording", "StopRecording", "PauseRecording", "ResumeRecording",
                                       "SearchRecordings", "GetRecording", "ListRecordingEvents",
                                       "MonitorCall")},
}

RESPONSES = {
    "EnqueueCall": calls.EnqueueCallResponse, "CancelCall": calls.CancelCallResponse,
    "TransferCall": calls.TransferCallResponse, "GetCall": calls.GetCallResponse,
    "ListCalls": calls.ListCallsResponse, "WatchCall": calls.WatchCallResponse,
    "CreateAgent": agents.CreateAgentResponse, "UpdateAgent": agents.UpdateAgentResponse,
    "DeleteAgent": agents.DeleteAgentResponse, "Login": agents.LoginResponse, "Logout": agents.LogoutResponse,
    "SetReady": agents.SetReadyResponse, "Pause": agents.PauseResponse, "AcceptOffer": agents.AcceptOfferResponse,
    "RejectOffer": agents.RejectOfferResponse, "CompleteCall": agents.CompleteCallResponse,
    "GetAgent": agents.GetAgentResponse, "ListAgents": agents.ListAgentsResponse,
    "CreateQueue": queues.CreateQueueResponse, "UpdateQueue": queues.UpdateQueueResponse,
    "DeleteQueue": queues.DeleteQueueResponse, "GetQueue": queues.GetQueueResponse,
    "ListQueues": queues.ListQueuesResponse, "GetQueueStats": queues.GetQueueStatsResponse,
    "ListQueueStats": queues.ListQueueStatsResponse, "LookupNumber": routing.LookupNumberResponse,
    "ReplaceRoutes": routing.ReplaceRoutesResponse, "ListRoutes": routing.ListRoutesResponse,
    "WatchEvents": events.WatchEventsResponse, "ExplainAssignment": events.ExplainAssignmentResponse,
    "StartRecording": recs.StartRecordingResponse, "StopRecording": recs.StopRecordingResponse,
    "PauseRecording": recs.PauseRecordingResponse, "ResumeRecording": recs.ResumeRecordingResponse,
    "SearchRecordings": recs.SearchRecordingsResponse, "GetRecording": recs.GetRecordingResponse,
    "ListRecordingEvents": recs.ListRecordingEventsResponse, "MonitorCall": recs.MonitorCallResponse,
}


@dataclass
class Settings:
    """How to reach the server."""

    target: str = "127.0.0.1:50051"
    token: str | None = None
    #: CA certificate (PEM) to verify the server: set → TLS
    tls_ca: bytes | None = None
    #: client certificate and key (PEM) for mTLS
    tls_cert: bytes | None = None
    tls_key: bytes | None = None
    #: default deadline of a unary call, seconds
    timeout: float = 10.0
    #: attempts of an idempotent call that fails with UNAVAILABLE
    retries: int = 5
    #: first retry delay, doubled each time
    backoff: float = 0.1
    #: default deadline of a stream (WatchEvents, WatchCall, GetRecording, MonitorCall) when the call names none, seconds;
    #: None: streams live as long as the client wants them (the default)
    stream_timeout: float | None = None
    options: list[tuple[str, object]] = field(default_factory=lambda: [
        ("grpc.max_receive_message_length", 64 * 1024 * 1024),
        ("grpc.keepalive_time_ms", 30_000),
        ("grpc.keepalive_timeout_ms", 10_000),
        ("grpc.enable_retries", 0),
    ])

    def metadata(self) -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {self.token}"),) if self.token else ()

    def credentials(self) -> grpc.ChannelCredentials | None:
        if self.tls_ca is None and self.tls_cert is None:
            return None
        return grpc.ssl_channel_credentials(root_certificates=self.tls_ca, private_key=self.tls_key,
                                            certificate_chain=self.tls_cert)


def settings(target: str, token: str | None, *, tls_ca: str | os.PathLike[str] | bytes | None = None,
             tls_cert: str | os.PathLike[str] | bytes | None = None,
             tls_key: str | os.PathLike[str] | bytes | None = None, timeout: float = 10.0, retries: int = 5,
             options: list[tuple[str, object]] | None = None, stream_timeout: float | None = None) -> Settings:
    def pem(v: str | os.PathLike[str] | bytes | None) -> bytes | None:
        if v is None or isinstance(v, bytes):
            return v
        return Path(v).read_bytes()

    s = Settings(target=target, token=token, tls_ca=pem(tls_ca), tls_cert=pem(tls_cert), tls_key=pem(tls_key),
                 timeout=timeout, retries=retries, stream_timeout=stream_timeout)
    if options:
        s.options = [*s.options, *options]
    return s


def ts(t: float | None) -> Timestamp | None:
    if t is None:
        return None
    out = Timestamp()
    out.FromNanoseconds(int(round(t * 1e9)))
    return out


# ---------------------------------------------------------------- request builders


def duration(seconds: float | None) -> Duration | None:
    if seconds is None:
        return None
    out = Duration()
    out.FromNanoseconds(int(round(seconds * 1e9)))
    return out


def enqueue_call(call_id: str, queue: str = "", *, caller: str = "", dialled: str = "", priority: int = 0,
                 skills: Mapping[str, int] | None = None, attributes: Mapping[str, str] | None = None,
                 enqueue_time: float | None = None, target_agent_id: str = "",
                 target_timeout: float | None = None) -> calls.EnqueueCallRequest:
    return calls.EnqueueCallRequest(call_id=call_id, queue=queue, caller=caller, dialled=dialled, priority=priority,
                                    skills=dict(skills or {}), attributes=dict(attributes or {}),
                                    enqueue_time=ts(enqueue_time), target_agent_id=target_agent_id,
                                    target_timeout=duration(target_timeout))


def watch_events(after_seq: int, queues_: Iterable[str], agent_ids: Iterable[str],
                 event_types: Iterable[int]) -> events.WatchEventsRequest:
    return events.WatchEventsRequest(after_seq=after_seq, queues=list(queues_), agent_ids=list(agent_ids),
                                     event_types=list(event_types))


def queue_config(name: str | res.QueueConfig, **kw: object) -> res.QueueConfig:
    """A QueueConfig from a message or from keyword fields (proto names: wrap_up_seconds=...)."""
    if isinstance(name, res.QueueConfig):
        return name
    penalty_rules = kw.pop("penalty_rules", ())
    m = res.QueueConfig(name=name, **kw)  # type: ignore[arg-type]
    for r in penalty_rules:  # type: ignore[attr-defined]
        m.penalty_rules.add(after_seconds=r[0], max_penalty=r[1])
    return m


def agent_config(agent_id: str | res.AgentConfig, skills: Mapping[str, int] | None = None,
                 queues_: Mapping[str, int] | Iterable[tuple[str, int]] | None = None) -> res.AgentConfig:
    if isinstance(agent_id, res.AgentConfig):
        return agent_id
    items = queues_.items() if isinstance(queues_, Mapping) else (queues_ or ())
    return res.AgentConfig(agent_id=agent_id, skills=dict(skills or {}),
                           queues=[res.QueueMembership(queue=q, penalty=p) for q, p in items])


def route(pattern: str, *, field: int = 0, queue: str | None = None, menu: str | None = None, priority: int = 0,
          reject: str | None = None, label: str = "") -> res.Route:
    return res.Route(pattern=pattern, field=field, queue=queue, menu=menu, priority=priority, reject=reject,
                     label=label)


def last_seq(resp: events.WatchEventsResponse, current: int) -> int:
    """The sequence number to resume after, given one more WatchEvents message."""
    if resp.events:
        return resp.events[-1].seq
    if resp.HasField("snapshot"):
        return resp.snapshot.seq
    return current


def retryable(rpc: str, code: grpc.StatusCode, reason: str) -> bool:
    """Whether a failed attempt of ``rpc`` may be sent again (UNAVAILABLE of an idempotent call)."""
    return rpc in IDEMPOTENT and code == grpc.StatusCode.UNAVAILABLE and reason not in NOT_RETRIED_REASONS


# ---------------------------------------------------------------- recordings

def recording_leg(name: str = "", *, codec: int = 0, remote_host: str = "", remote_port: int = 0,
                  ssrc: int | None = None, dtmf_payload_type: int | None = None) -> recs.RecordingLeg:
    """One leg of a recording (the first is the caller, the second the agent)."""
    return recs.RecordingLeg(name=name, codec=codec, remote_host=remote_host, remote_port=remote_port, ssrc=ssrc,
                             dtmf_payload_type=dtmf_payload_type)


def start_recording(call_id: str, legs: Iterable[recs.RecordingLeg | str], *, agent_id: str, queue: str,
                    caller: str, codec: int, shared_port: bool) -> recs.StartRecordingRequest:
    out = [leg if isinstance(leg, recs.RecordingLeg) else recording_leg(leg, codec=codec) for leg in legs]
    return recs.StartRecordingRequest(call_id=call_id, legs=out, agent_id=agent_id, queue=queue, caller=caller,
                                      shared_port=shared_port)


def search_recordings(call_id: str, *, agent_id: str, queue: str, caller: str, start_time_from: float | None,
                      start_time_to: float | None, limit: int, offset: int) -> recs.SearchRecordingsRequest:
    return recs.SearchRecordingsRequest(call_id=call_id, agent_id=agent_id, queue=queue, caller=caller,
                                        start_time_from=ts(start_time_from), start_time_to=ts(start_time_to),
                                        limit=limit, offset=offset)


class RangeReader:
    """The bookkeeping of a GetRecording stream that may be resumed after UNAVAILABLE: the next
    request asks for the bytes from where the last chunk ended, and the first chunk of a
    resumed stream is stripped of what only the first message carries."""

    def __init__(self, recording_id: str, start_byte: int, end_byte: int, start_seconds: float) -> None:
        self.request = recs.GetRecordingRequest(recording_id=recording_id, start_byte=start_byte,
                                                end_byte=end_byte, start_seconds=start_seconds)
        self.started = False  # a chunk was delivered: resume by bytes
        self.resumed = False
        self.first_of_attempt = True
        self.end = end_byte  # 0: the end of the file, learnt from the first message's total_size

    def next_request(self) -> recs.GetRecordingRequest:
        self.first_of_attempt = True
        return self.request

    def seen(self, msg: recs.GetRecordingResponse) -> recs.GetRecordingResponse:
        if self.first_of_attempt and self.resumed:
            msg.ClearField("recording")
            msg.total_size = 0
        if not self.started and not self.end:
            self.end = msg.total_size
        self.first_of_attempt = False
        self.started = True
        self.request.start_byte = msg.offset + len(msg.data)
        self.request.start_seconds = 0.0
        return msg

    def resume(self) -> bool:
        """Prepare the next attempt; False when every byte asked for was already delivered."""
        self.resumed = self.resumed or self.started
        return not (self.started and self.request.start_byte >= self.end)
