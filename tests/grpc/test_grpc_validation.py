"""Bad input for every request field: a precise status, ErrorInfo reason and field, and the
server's state unchanged (same snapshot, same event sequence number)."""

from __future__ import annotations

import math

import grpc
import pytest
from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp

from acdcore_api.acd.v1 import agent_service_pb2 as A
from acdcore_api.acd.v1 import call_service_pb2 as C
from acdcore_api.acd.v1 import event_service_pb2 as EV
from acdcore_api.acd.v1 import queue_service_pb2 as Q
from acdcore_api.acd.v1 import resources_pb2 as R
from acdcore_api.acd.v1 import routing_service_pb2 as RT
from acdcore_client import errors

from grpc_harness import TOKENS

INV, NF, FP = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION
LONG = "x" * 200


def ts(t: float) -> Timestamp:
    out = Timestamp()
    out.FromNanoseconds(int(t * 1e9))
    return out


def qc(**kw) -> R.QueueConfig:  # type: ignore[no-untyped-def]
    rules = kw.pop("rules", ())
    m = R.QueueConfig(name=kw.pop("name", "vq"), **kw)
    for a, p in rules:
        m.penalty_rules.add(after_seconds=a, max_penalty=p)
    return m


def ac(**kw) -> R.AgentConfig:  # type: ignore[no-untyped-def]
    queues = kw.pop("queues", [("general", 0)])
    return R.AgentConfig(agent_id=kw.pop("agent_id", "va"), queues=[R.QueueMembership(queue=q, penalty=p)
                                                                   for q, p in queues], **kw)


def routes(*rs: R.Route) -> RT.ReplaceRoutesRequest:
    return RT.ReplaceRoutesRequest(routes=[R.Route(pattern="1", queue="general"), *rs])


# (service, method, request, code, field or None, reason or None)
CASES = [
    # ---- EnqueueCall: every field
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(queue="general"), INV, "call_id", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="has space", queue="general"), INV, "call_id", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="a|b", queue="general"), INV, "call_id", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id=LONG, queue="general"), INV, "call_id", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="bad name"), INV, "queue", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="nope"), NF, None, "QUEUE_NOT_FOUND"),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", caller="12|3"), INV, "caller",
     None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", caller="9" * 65), INV,
     "caller", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", dialled="1\n2"), INV,
     "dialled", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", priority=7), INV, "priority",
     None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", skills={"bad skill": 1}), INV,
     "skills", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", skills={"general": 11}), INV,
     "skills", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general",
                                                        skills={f"s{i}": 1 for i in range(9)}), INV, "skills", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", attributes={"k": "a|b"}), INV,
     "attributes", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", attributes={"bad key": "v"}),
     INV, "attributes", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general",
                                                        attributes={f"k{i}": "v" for i in range(33)}), INV,
     "attributes", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", enqueue_time=ts(4e9)), INV,
     "enqueue_time", "INVALID_TIME"),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general",
                                                        enqueue_time=Timestamp(seconds=-5)), INV, "enqueue_time",
     None),
    # ---- EnqueueCall: targeted calls
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", target_agent_id="nobody"), INV,
     "target_agent_id", "AGENT_NOT_FOUND"),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", target_agent_id="a3"), FP,
     None, "AGENT_NOT_IN_QUEUE"),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", target_agent_id=LONG), INV,
     "target_agent_id", None),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", target_agent_id="a1",
                                                        target_timeout=Duration(seconds=-1)), INV, "target_timeout",
     "INVALID_TIME"),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general", target_agent_id="a1",
                                                        target_timeout=Duration(seconds=10**11)), INV,
     "target_timeout", "INVALID_TIME"),
    ("CallService", "EnqueueCall", C.EnqueueCallRequest(call_id="v1", queue="general",
                                                        target_timeout=Duration(seconds=5)), INV, "target_timeout",
     None),
    # ---- other call RPCs
    ("CallService", "CancelCall", C.CancelCallRequest(), INV, "call_id", None),
    ("CallService", "CancelCall", C.CancelCallRequest(call_id="has space"), INV, "call_id", None),
    ("CallService", "CancelCall", C.CancelCallRequest(call_id="unknown-call"), NF, None, "CALL_NOT_FOUND"),
    ("CallService", "TransferCall", C.TransferCallRequest(queue="general"), INV, "call_id", None),
    ("CallService", "TransferCall", C.TransferCallRequest(call_id="unknown-call"), INV, "queue", None),
    ("CallService", "TransferCall", C.TransferCallRequest(call_id="unknown-call", queue="general"), NF, None,
     "CALL_NOT_FOUND"),
    ("CallService", "GetCall", C.GetCallRequest(), INV, "call_id", None),
    ("CallService", "GetCall", C.GetCallRequest(call_id="x" * 129), INV, "call_id", None),
    ("CallService", "ListCalls", C.ListCallsRequest(queue="bad name"), INV, "queue", None),
    ("CallService", "ListCalls", C.ListCallsRequest(queue="nope"), NF, None, "QUEUE_NOT_FOUND"),
    ("CallService", "WatchCall", C.WatchCallRequest(), INV, "call_id", None),
    ("CallService", "WatchCall", C.WatchCallRequest(call_id="v1", until=9), INV, "until", None),
    ("CallService", "WatchCall", C.WatchCallRequest(call_id="unknown-call"), NF, None, "CALL_NOT_FOUND"),
    # ---- agents
    ("AgentService", "CreateAgent", A.CreateAgentRequest(config=ac(agent_id="")), INV, "config.agent_id", None),
    ("AgentService", "CreateAgent", A.CreateAgentRequest(config=ac(agent_id="bad id")), INV, "config.agent_id", None),
    ("AgentService", "CreateAgent", A.CreateAgentRequest(config=ac(skills={"general": 0})), INV, "config.skills",
     None),
    ("AgentService", "CreateAgent", A.CreateAgentRequest(config=ac(skills={"bad skill": 1})), INV, "config.skills",
     None),
    ("AgentService", "CreateAgent", A.CreateAgentRequest(config=ac(queues=[("general", -1)])), INV, "config.queues",
     None),
    ("AgentService", "CreateAgent", A.CreateAgentRequest(config=ac(queues=[("general", 0), ("general", 1)])), INV,
     "config.queues[1].queue", None),
    ("AgentService", "CreateAgent", A.CreateAgentRequest(config=ac(queues=[("bad name", 0)])), INV, "config.queues",
     None),
    ("AgentService", "CreateAgent", A.CreateAgentRequest(config=ac(queues=[("nope", 0)])), NF, None,
     "QUEUE_NOT_FOUND"),
    ("AgentService", "CreateAgent", A.CreateAgentRequest(config=ac(agent_id="a1")), grpc.StatusCode.ALREADY_EXISTS,
     None, "AGENT_EXISTS"),
    ("AgentService", "UpdateAgent", A.UpdateAgentRequest(config=ac(agent_id="nobody")), NF, None, "AGENT_NOT_FOUND"),
    ("AgentService", "UpdateAgent", A.UpdateAgentRequest(config=ac(agent_id="a1", skills={"x": 99})), INV,
     "config.skills", None),
    ("AgentService", "DeleteAgent", A.DeleteAgentRequest(), INV, "agent_id", None),
    ("AgentService", "DeleteAgent", A.DeleteAgentRequest(agent_id="bad id"), INV, "agent_id", None),
    ("AgentService", "Login", A.LoginRequest(), INV, "agent_id", None),
    ("AgentService", "Login", A.LoginRequest(agent_id="bad id"), INV, "agent_id", None),
    ("AgentService", "Login", A.LoginRequest(agent_id="nobody"), NF, None, "AGENT_NOT_FOUND"),
    ("AgentService", "Logout", A.LogoutRequest(agent_id="a1"), FP, None, "AGENT_NOT_LOGGED_IN"),
    ("AgentService", "SetReady", A.SetReadyRequest(agent_id="a1"), FP, None, "AGENT_NOT_LOGGED_IN"),
    ("AgentService", "SetReady", A.SetReadyRequest(agent_id=LONG), INV, "agent_id", None),
    ("AgentService", "Pause", A.PauseRequest(agent_id="a1"), INV, "reason", None),
    ("AgentService", "Pause", A.PauseRequest(agent_id="a1", reason="a|b"), INV, "reason", None),
    ("AgentService", "Pause", A.PauseRequest(agent_id="a1", reason="r" * 65), INV, "reason", None),
    ("AgentService", "Pause", A.PauseRequest(reason="lunch"), INV, "agent_id", None),
    ("AgentService", "AcceptOffer", A.AcceptOfferRequest(), INV, "offer_id", None),
    ("AgentService", "AcceptOffer", A.AcceptOfferRequest(offer_id=987654), NF, None, "OFFER_NOT_FOUND"),
    ("AgentService", "AcceptOffer", A.AcceptOfferRequest(offer_id=1, agent_id="bad id"), INV, "agent_id", None),
    ("AgentService", "RejectOffer", A.RejectOfferRequest(), INV, "offer_id", None),
    ("AgentService", "RejectOffer", A.RejectOfferRequest(offer_id=987654), NF, None, "OFFER_NOT_FOUND"),
    ("AgentService", "CompleteCall", A.CompleteCallRequest(), INV, "call_id", None),
    ("AgentService", "CompleteCall", A.CompleteCallRequest(call_id="wait-1", hangup_by=5), INV, "hangup_by", None),
    ("AgentService", "CompleteCall", A.CompleteCallRequest(call_id="wait-1", agent_id="bad id"), INV, "agent_id",
     None),
    ("AgentService", "CompleteCall", A.CompleteCallRequest(call_id="wait-1"), FP, None, "ILLEGAL_CALL_STATE"),
    ("AgentService", "GetAgent", A.GetAgentRequest(), INV, "agent_id", None),
    ("AgentService", "ListAgents", A.ListAgentsRequest(queue="bad name"), INV, "queue", None),
    ("AgentService", "ListAgents", A.ListAgentsRequest(state=42), INV, "state", None),
    # ---- queues: every configuration field
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(name="")), INV, "config.name", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(name="bad name")), INV, "config.name", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(strategy=99)), INV, "config.strategy", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(wrap_up_seconds=-1)), INV, "config.wrap_up_seconds",
     None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(wrap_up_seconds=math.nan)), INV,
     "config.wrap_up_seconds", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(max_waiting=-1)), INV, "config.max_waiting", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(offer_timeout_seconds=0)), INV,
     "config.offer_timeout_seconds", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(retry_delay_seconds=-2)), INV,
     "config.retry_delay_seconds", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(service_level_threshold_seconds=0)), INV,
     "config.service_level_threshold_seconds", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(short_abandon_threshold_seconds=math.inf)), INV,
     "config.short_abandon_threshold_seconds", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(weight=0)), INV, "config.weight", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(weight=5000)), INV, "config.weight", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(skills={"general": 12})), INV, "config.skills",
     None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(max_penalty=-1)), INV, "config.max_penalty", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(max_penalty=0, rules=[(0, 1)])), INV,
     "config.penalty_rules[0].after_seconds", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(max_penalty=0, rules=[(5, 2000)])), INV,
     "config.penalty_rules[0].max_penalty", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(max_penalty=0, rules=[(20, 1), (10, 2)])), INV,
     "config.penalty_rules", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(rules=[(20, 1)])), INV, "config.penalty_rules",
     None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(overflow_after_seconds=0)), INV,
     "config.overflow_after_seconds", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(overflow_target="vq")), INV,
     "config.overflow_target", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(overflow_target="bad name")), INV,
     "config.overflow_target", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(overflow_target="nope")), NF, None,
     "QUEUE_NOT_FOUND"),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(join_empty=9)), INV, "config.join_empty", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(leave_empty=9)), INV, "config.leave_empty", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(max_priority_overtake_seconds=-1)), INV,
     "config.max_priority_overtake_seconds", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(auto_pause_after=-1)), INV,
     "config.auto_pause_after", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(default_handle_time_seconds=0)), INV,
     "config.default_handle_time_seconds", None),
    ("QueueService", "CreateQueue", Q.CreateQueueRequest(config=qc(name="general")), grpc.StatusCode.ALREADY_EXISTS,
     None, "QUEUE_EXISTS"),
    ("QueueService", "UpdateQueue", Q.UpdateQueueRequest(config=qc(name="nope")), NF, None, "QUEUE_NOT_FOUND"),
    ("QueueService", "UpdateQueue", Q.UpdateQueueRequest(config=qc(name="general", weight=-1)), INV, "config.weight",
     None),
    ("QueueService", "DeleteQueue", Q.DeleteQueueRequest(), INV, "name", None),
    ("QueueService", "DeleteQueue", Q.DeleteQueueRequest(name="bad name"), INV, "name", None),
    ("QueueService", "DeleteQueue", Q.DeleteQueueRequest(name="general"), FP, None, "QUEUE_NOT_EMPTY"),
    ("QueueService", "DeleteQueue", Q.DeleteQueueRequest(name="billing"), FP, None, "QUEUE_IN_USE"),
    ("QueueService", "GetQueue", Q.GetQueueRequest(), INV, "name", None),
    ("QueueService", "GetQueue", Q.GetQueueRequest(name="nope"), NF, None, "QUEUE_NOT_FOUND"),
    ("QueueService", "GetQueueStats", Q.GetQueueStatsRequest(), INV, "queue", None),
    ("QueueService", "GetQueueStats", Q.GetQueueStatsRequest(queue="bad name"), INV, "queue", None),
    # ---- routing
    ("RoutingService", "LookupNumber", RT.LookupNumberRequest(caller="1|2"), INV, "caller", None),
    ("RoutingService", "LookupNumber", RT.LookupNumberRequest(dialled="9" * 65), INV, "dialled", None),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="", queue="general")), INV, "routes[1].pattern", None),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="_[9", queue="general")), INV, "routes[1].pattern",
     "INVALID_PATTERN"),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="12 3", queue="general")), INV, "routes[1].pattern",
     "INVALID_PATTERN"),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="2", field=7, queue="general")), INV,
     "routes[1].field", None),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="2", queue="bad name")), INV, "routes[1].queue", None),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="2", queue="nope")), NF, "routes[1].queue",
     "QUEUE_NOT_FOUND"),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="2", menu="bad menu")), INV, "routes[1].menu", None),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="2", priority=5)), INV, "routes[1].priority", None),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="2", reject="")), INV, "routes[1].reject", None),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="2", queue="general", label="l" * 65)), INV,
     "routes[1].label", None),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="2")), INV, "routes[1].pattern", None),
    ("RoutingService", "ReplaceRoutes", routes(R.Route(pattern="1", queue="billing")),
     grpc.StatusCode.ALREADY_EXISTS, "routes[1].pattern", "ROUTE_EXISTS"),
    # ---- events
    ("EventService", "WatchEvents", EV.WatchEventsRequest(after_seq=10**15), INV, "after_seq", None),
    ("EventService", "WatchEvents", EV.WatchEventsRequest(queues=["general", "bad name"]), INV, "queues[1]", None),
    ("EventService", "WatchEvents", EV.WatchEventsRequest(agent_ids=["bad id"]), INV, "agent_ids[0]", None),
    ("EventService", "WatchEvents", EV.WatchEventsRequest(event_types=[1, 77]), INV, "event_types[1]", None),
    ("EventService", "ExplainAssignment", EV.ExplainAssignmentRequest(), INV, "offer_id", None),
    ("EventService", "ExplainAssignment", EV.ExplainAssignmentRequest(offer_id=424242), NF, None, "OFFER_NOT_FOUND"),
]


@pytest.fixture(scope="module")
def prepared(server, clients):  # type: ignore[no-untyped-def]
    """A waiting call, a route to billing, nobody logged in: the state every case must leave as is."""
    clients["telephony"].enqueue_call("wait-1", "general")
    return server


def _fingerprint(admin):  # type: ignore[no-untyped-def]
    snap = next(iter(admin.watch_events(max_reconnects=0))).snapshot
    for a in snap.agents:
        a.ClearField("stats")
        a.ClearField("state_since")
    for c in snap.calls:
        c.ClearField("expected_wait_seconds")
    for s in snap.queue_stats:
        s.ClearField("longest_wait_seconds")
        s.ClearField("expected_wait_seconds")
        s.ClearField("expected_wait_priority_seconds")
    routes_ = admin.list_routes()
    return snap.SerializeToString(deterministic=True), routes_.SerializeToString(deterministic=True)


@pytest.mark.parametrize("service,method,request_,code,field,reason", CASES,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_bad_input(prepared, admin, service, method, request_, code, field, reason):  # type: ignore[no-untyped-def]
    before = _fingerprint(admin)
    path = f"/acd.v1.{service}/{method}"
    with grpc.insecure_channel(prepared.target) as ch:
        md = (("authorization", f"Bearer {TOKENS['admin']}"),)
        try:
            if method in ("WatchEvents", "WatchCall"):
                call = ch.unary_stream(path, request_serializer=lambda m: m.SerializeToString(),
                                       response_deserializer=lambda b: b)(request_, metadata=md, timeout=5)
                next(call)
            else:
                ch.unary_unary(path, request_serializer=lambda m: m.SerializeToString(),
                               response_deserializer=lambda b: b)(request_, metadata=md, timeout=5)
        except grpc.RpcError as e:
            err = errors.from_rpc_error(e)
        else:
            pytest.fail(f"{method} accepted {request_}")
    assert err.code == code, err
    assert err.domain == "acdcore.io" and err.reason, err
    assert err.message
    if field is not None:
        assert err.field == field, err
    if reason is not None:
        assert err.reason == reason, err
    elif code == INV:
        assert err.reason in ("INVALID_ARGUMENT", "INVALID_TIME", "INVALID_PATTERN"), err
    assert _fingerprint(admin) == before, "a refused request changed the state"
