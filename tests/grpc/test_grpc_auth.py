"""Authentication and authorization on every RPC, streams included: missing or invalid token
is UNAUTHENTICATED, a role without the right PERMISSION_DENIED; an agent token acts only as
its own agent."""

from __future__ import annotations

import grpc
import pytest

from acdcore_api.acd.v1 import (
    agent_service_pb2,
    call_service_pb2,
    event_service_pb2,
    queue_service_pb2,
    recording_service_pb2,
    routing_service_pb2,
)
from acdcore_client import errors
from grpc_server.auth import PERMISSIONS

from grpc_harness import TOKENS

_MODULES = {"CallService": call_service_pb2, "AgentService": agent_service_pb2, "QueueService": queue_service_pb2,
            "RoutingService": routing_service_pb2, "EventService": event_service_pb2,
            "RecordingService": recording_service_pb2}
STREAMS = {"/acd.v1.CallService/WatchCall", "/acd.v1.EventService/WatchEvents",
           "/acd.v1.RecordingService/GetRecording", "/acd.v1.RecordingService/MonitorCall"}
ROLE_TOKENS = {"admin": "admin", "supervisor": "supervisor", "agent": "agent", "telephony": "telephony",
               "business": "business"}


def _invoke(channel: grpc.Channel, method: str, token: str | None):  # type: ignore[no-untyped-def]
    service, rpc = method.split("/")[1].split(".")[-1], method.split("/")[2]
    mod = _MODULES[service]
    req = getattr(mod, f"{rpc}Request")()
    md = (("authorization", f"Bearer {token}"),) if token is not None else ()
    if method in STREAMS:
        fn = channel.unary_stream(method, request_serializer=lambda m: m.SerializeToString(),
                                  response_deserializer=lambda b: b)
        call = fn(req, metadata=md, timeout=5)
        try:
            next(call)
        finally:
            call.cancel()
        return None
    fn = channel.unary_unary(method, request_serializer=lambda m: m.SerializeToString(),
                             response_deserializer=lambda b: b)
    return fn(req, metadata=md, timeout=5)


def _error(channel: grpc.Channel, method: str, token: str | None) -> errors.AcdApiError | None:
    try:
        _invoke(channel, method, token)
    except grpc.RpcError as e:
        return errors.from_rpc_error(e)
    return None


def test_every_service_method_has_a_permission_entry() -> None:
    expected = set()
    for service, mod in _MODULES.items():
        for m in mod.DESCRIPTOR.services_by_name[service].methods:
            expected.add(f"/acd.v1.{service}/{m.name}")
    assert set(PERMISSIONS) == expected


@pytest.mark.parametrize("method", sorted(PERMISSIONS))
def test_missing_and_invalid_tokens_are_unauthenticated(server, method):  # type: ignore[no-untyped-def]
    with grpc.insecure_channel(server.target) as ch:
        e = _error(ch, method, None)
        assert e is not None and e.code == grpc.StatusCode.UNAUTHENTICATED and e.reason == "TOKEN_MISSING"
        e = _error(ch, method, "not-a-valid-token-at-all")
        assert e is not None and e.code == grpc.StatusCode.UNAUTHENTICATED and e.reason == "TOKEN_INVALID"
        # a non-bearer scheme is no token
        fn = ch.unary_unary(method, request_serializer=lambda m: m, response_deserializer=lambda b: b)
        if method not in STREAMS:
            with pytest.raises(grpc.RpcError) as ei:
                fn(b"", metadata=(("authorization", f"Basic {TOKENS['admin']}"),), timeout=5)
            assert ei.value.code() == grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.parametrize("method", sorted(PERMISSIONS))
def test_roles(server, method):  # type: ignore[no-untyped-def]
    with grpc.insecure_channel(server.target) as ch:
        for role, key in ROLE_TOKENS.items():
            e = _error(ch, method, TOKENS[key])
            if role in PERMISSIONS[method]:
                # allowed: whatever the (empty) request gives, it is not an authorization refusal
                assert e is None or e.reason not in ("ROLE_NOT_ALLOWED", "TOKEN_MISSING", "TOKEN_INVALID"), (role, e)
            else:
                assert e is not None and e.code == grpc.StatusCode.PERMISSION_DENIED, (role, e)
                assert e.reason == "ROLE_NOT_ALLOWED" and role in e.message


def test_agent_token_acts_only_as_its_agent(clients):  # type: ignore[no-untyped-def]
    a1, a2, tel = clients["agent"], clients["agent2"], clients["telephony"]
    for call in (lambda: a1.login("a2"), lambda: a1.logout("a2"), lambda: a1.set_ready("a2"),
                 lambda: a1.pause("a2", "lunch"), lambda: a1.get_agent("a2")):
        with pytest.raises(errors.PermissionDenied) as ei:
            call()
        assert ei.value.reason == "NOT_YOUR_AGENT"
    # a2's offer and call are not a1's
    a2.login()
    r = tel.enqueue_call("auth-1", "billing")
    assert r.offer.agent_id == "a2"
    with pytest.raises(errors.PermissionDenied) as ei:
        a1.accept_offer(r.offer.offer_id)
    assert ei.value.reason == "NOT_YOUR_OFFER"
    with pytest.raises(errors.PermissionDenied) as ei:
        a1.reject_offer(r.offer.offer_id)
    assert ei.value.reason == "NOT_YOUR_OFFER"
    with pytest.raises(errors.PermissionDenied) as ei:
        a1.get_call("auth-1")
    assert ei.value.reason == "NOT_YOUR_CALL"
    a2.accept_offer(r.offer.offer_id)
    assert a2.get_call("auth-1").call.agent_id == "a2"
    for call in (lambda: a1.complete_call("auth-1"), lambda: a1.transfer_call("auth-1", "general")):
        with pytest.raises(errors.PermissionDenied) as ei:
            call()
        assert ei.value.reason == "NOT_YOUR_CALL"
    # a telephony token naming the wrong agent is a precondition failure, not a permission one
    with pytest.raises(errors.FailedPrecondition) as ei:
        tel.complete_call("auth-1", agent_id="a1")
    assert ei.value.reason == "CALL_NOT_WITH_AGENT"
    a2.complete_call("auth-1")
    # events: only its own, and only when it says so
    with pytest.raises(errors.PermissionDenied) as ei:
        next(a1.watch_events())
    assert ei.value.reason == "NOT_YOUR_AGENT"
    with pytest.raises(errors.PermissionDenied):
        next(a1.watch_events(agent_ids=["a1", "a2"]))
    it = a1.watch_events(agent_ids=["a1"])
    snap = next(it).snapshot
    assert [a.agent_id for a in snap.agents] == ["a1"]
    a1.login()
    evs = next(it).events
    assert evs and all(e.agent_id == "a1" for e in evs)
    it.close()
    a1.logout()
    a2.logout()
