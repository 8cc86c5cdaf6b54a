"""Every RPC of acd.v1 against a real server subprocess, through the Python client."""

from __future__ import annotations

import time

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from acdcore_api.acd.v1 import enums_pb2 as E
from acdcore_client import errors, route

from grpc_harness import TOKENS


def _state(client, agent_id):  # type: ignore[no-untyped-def]
    return client.get_agent(agent_id).agent.state


def test_health_is_open_and_serving(server):  # type: ignore[no-untyped-def]
    with grpc.insecure_channel(server.target) as ch:
        stub = health_pb2_grpc.HealthStub(ch)
        for name in ("", "acd.v1.CallService", "acd.v1.EventService"):
            r = stub.Check(health_pb2.HealthCheckRequest(service=name), timeout=5)
            assert r.status == health_pb2.HealthCheckResponse.SERVING


def test_reflection_lists_services_with_a_token(server):  # type: ignore[no-untyped-def]
    with grpc.insecure_channel(server.target) as ch:
        stub = reflection_pb2_grpc.ServerReflectionStub(ch)
        req = reflection_pb2.ServerReflectionRequest(list_services="")
        resp = next(stub.ServerReflectionInfo(iter([req]), metadata=(("authorization", f"Bearer {TOKENS['business']}"),),
                                              timeout=5))
        names = {s.name for s in resp.list_services_response.service}
        assert {"acd.v1.CallService", "acd.v1.AgentService", "acd.v1.QueueService", "acd.v1.RoutingService",
                "acd.v1.EventService", "grpc.health.v1.Health"} <= names
        with pytest.raises(grpc.RpcError) as ei:
            next(stub.ServerReflectionInfo(iter([req]), timeout=5))
        assert ei.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_queue_crud_with_full_configuration(admin):  # type: ignore[no-untyped-def]
    r = admin.create_queue("t_orders", strategy=E.STRATEGY_FEWEST_CALLS, wrap_up_seconds=12.5, max_waiting=7,
                           offer_timeout_seconds=15, retry_delay_seconds=0, service_level_threshold_seconds=30,
                           short_abandon_threshold_seconds=3, weight=2.5, skills={"billing": 2}, max_penalty=0,
                           penalty_rules=[(10, 1), (20, 3)], overflow_after_seconds=120, overflow_target="general",
                           join_empty=E.EMPTY_RULE_NO_AGENTS, leave_empty=E.EMPTY_RULE_NEVER,
                           max_priority_overtake_seconds=60, auto_pause_after=0, default_handle_time_seconds=90)
    c = r.config
    assert (c.name, c.strategy, c.wrap_up_seconds, c.max_waiting) == ("t_orders", E.STRATEGY_FEWEST_CALLS, 12.5, 7)
    assert (c.offer_timeout_seconds, c.retry_delay_seconds, c.weight, c.auto_pause_after) == (15, 0, 2.5, 0)
    assert [(p.after_seconds, p.max_penalty) for p in c.penalty_rules] == [(10, 1), (20, 3)]
    assert c.overflow_target == "general" and c.overflow_after_seconds == 120 and dict(c.skills) == {"billing": 2}
    # defaults are filled in and returned
    d = admin.create_queue("t_defaults").config
    assert (d.strategy, d.offer_timeout_seconds, d.retry_delay_seconds, d.weight, d.auto_pause_after,
            d.default_handle_time_seconds, d.join_empty) == (E.STRATEGY_LONGEST_IDLE, 20, 5, 1, 3, 180,
                                                             E.EMPTY_RULE_NEVER)
    assert not d.HasField("max_penalty") and not d.HasField("overflow_target")
    assert admin.get_queue("t_orders").config == c
    names = [q.name for q in admin.list_queues().configs]
    assert names[:3] == ["general", "billing", "escalation"] and "t_orders" in names
    u = admin.update_queue("t_orders", wrap_up_seconds=1).config
    assert u.wrap_up_seconds == 1 and u.max_waiting == 0  # a whole new configuration
    admin.delete_queue("t_orders")
    admin.delete_queue("t_defaults")
    with pytest.raises(errors.NotFound) as ei:
        admin.get_queue("t_orders")
    assert ei.value.reason == "QUEUE_NOT_FOUND"
    with pytest.raises(errors.AlreadyExists) as ei:
        admin.create_queue("general")
    assert ei.value.reason == "QUEUE_EXISTS"


def test_call_and_agent_lifecycle(clients, admin):  # type: ignore[no-untyped-def]
    tel, a1 = clients["telephony"], clients["agent"]
    # prefix analysis picks queue and priority: long-distance caller, menu 1
    r = tel.enqueue_call("life-1", caller="04511234567", dialled="966551", attributes={"account": "A-17"})
    assert r.call.queue == "general" and r.call.priority == E.PRIORITY_PRIORITY
    assert r.route_decision.queue == "general" and not r.duplicate and not r.HasField("offer")
    assert r.call.state == E.CALL_STATE_WAITING and r.call.position >= 1
    assert tel.get_call("life-1").call.attributes["account"] == "A-17"
    assert "life-1" in [c.call_id for c in tel.list_calls("general").calls]
    # the same call again: idempotent
    again = tel.enqueue_call("life-1", caller="04511234567", dialled="966551", attributes={"account": "A-17"})
    assert again.duplicate and again.call.arrive_time == r.call.arrive_time
    with pytest.raises(errors.AlreadyExists) as ei:
        tel.enqueue_call("life-1", "billing", caller="04511234567")
    assert ei.value.reason == "CALL_EXISTS"
    # the agent logs in and is offered the call at once
    login = a1.login()
    assert login.agent.agent_id == "a1" and login.offer.call_id == "life-1"
    offer_id = login.offer.offer_id
    assert login.agent.state == E.AGENT_STATE_RESERVED
    expl = clients["supervisor"].explain_assignment(offer_id).assignment
    assert (expl.agent_id, expl.call_id, expl.trigger) == ("a1", "life-1", E.TRIGGER_AGENT_READY)
    assert "a1" in expl.description
    acc = a1.accept_offer(offer_id)
    assert acc.call.state == E.CALL_STATE_CONNECTED and acc.agent.state == E.AGENT_STATE_BUSY
    with pytest.raises(errors.FailedPrecondition) as ei:
        a1.accept_offer(offer_id)
    assert ei.value.reason == "OFFER_STALE"
    done = a1.complete_call("life-1")
    assert done.agent.state == E.AGENT_STATE_AVAILABLE  # general has no wrap-up
    with pytest.raises(errors.FailedPrecondition) as ei:
        tel.get_call("life-1")
    assert ei.value.reason == "CALL_ENDED"
    st = admin.get_queue_stats("general").stats
    assert st.answered >= 1 and st.HasField("asa_seconds")
    assert any(s.queue == "general" for s in admin.list_queue_stats().stats)
    # pause with a reason, ready again, logout
    p = a1.pause("a1", "lunch")
    assert p.agent.state == E.AGENT_STATE_PAUSED and p.agent.reason == "lunch"
    assert a1.set_ready().agent.state == E.AGENT_STATE_AVAILABLE
    assert a1.logout().agent.state == E.AGENT_STATE_LOGGED_OUT
    with pytest.raises(errors.FailedPrecondition) as ei:
        a1.logout()
    assert ei.value.reason == "AGENT_NOT_LOGGED_IN"


def test_reject_transfer_cancel_and_wrap_up(clients, admin):  # type: ignore[no-untyped-def]
    tel, sup = clients["telephony"], clients["supervisor"]
    a2 = clients["agent2"]
    a2.login()
    r = tel.enqueue_call("rt-1", "billing", caller="045912345")
    assert r.offer.agent_id == "a2"
    rej = a2.reject_offer(r.offer.offer_id)
    assert rej.agent.state == E.AGENT_STATE_AVAILABLE
    assert tel.get_call("rt-1").call.state == E.CALL_STATE_WAITING  # a2 is excluded for the retry delay
    # transfer to escalation: refused while no agent is logged in there (join rule)
    with pytest.raises(errors.FailedPrecondition) as ei:
        tel.transfer_call("rt-1", "escalation")
    assert ei.value.reason == "QUEUE_EMPTY"
    sup.login("a3")
    sup.pause("a3", "meeting")
    tr = tel.transfer_call("rt-1", "escalation")
    assert tr.call.queue == "escalation" and tr.call.priority == E.PRIORITY_PRIORITY
    assert list(tr.call.previous_queues) == ["billing"]
    # cancel: abandoned
    assert tel.cancel_call("rt-1").state == E.CALL_STATE_ABANDONED
    assert admin.get_queue_stats("escalation").stats.abandoned >= 1
    # a connected call cancelled by the caller completes; billing has a wrap-up
    r2 = tel.enqueue_call("rt-2", "billing")
    off = r2.offer if r2.HasField("offer") else None
    if off is None:  # a2 was still excluded; it is free again shortly
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not tel.get_call("rt-2").call.offer_id:
            time.sleep(0.05)
        call = tel.get_call("rt-2").call
        assert call.offer_id, "the call was never offered"
        agent_id, offer_id = call.agent_id, call.offer_id
    else:
        agent_id, offer_id = off.agent_id, off.offer_id
    clients["telephony"].accept_offer(offer_id, agent_id)
    assert tel.cancel_call("rt-2").state == E.CALL_STATE_COMPLETED
    ag = sup.get_agent(agent_id).agent
    assert ag.state == E.AGENT_STATE_WRAP_UP
    sup.set_ready(agent_id)
    sup.set_ready("a3")
    sup.logout("a3")
    a2.logout()


def test_agent_definitions_and_listing(admin, clients):  # type: ignore[no-untyped-def]
    r = admin.create_agent("t9", skills={"general": 2}, queues={"general": 3, "billing": 0})
    assert [(m.queue, m.penalty) for m in r.agent.queues] == [("general", 3), ("billing", 0)]
    assert r.agent.state == E.AGENT_STATE_LOGGED_OUT
    u = admin.update_agent("t9", skills={"general": 9}, queues={"billing": 1})
    assert dict(u.agent.skills) == {"general": 9} and [m.queue for m in u.agent.queues] == ["billing"]
    ids = [a.agent_id for a in clients["business"].list_agents().agents]
    assert ids[:3] == ["a1", "a2", "a3"] and "t9" in ids
    assert [a.agent_id for a in admin.list_agents(queue="escalation").agents] == ["a3"]
    assert all(a.state == E.AGENT_STATE_LOGGED_OUT
               for a in admin.list_agents(state=E.AGENT_STATE_LOGGED_OUT).agents)
    admin.delete_agent("t9")
    with pytest.raises(errors.NotFound) as ei:
        admin.get_agent("t9")
    assert ei.value.reason == "AGENT_NOT_FOUND"


def test_routing(admin, clients):  # type: ignore[no-untyped-def]
    tel = clients["telephony"]
    d = tel.lookup_number("04511234567", "966552").decision
    assert d.queue == "billing" and d.priority == E.PRIORITY_PRIORITY
    assert d.caller_route.pattern == "_0ZX." and d.dialled_route.pattern == "966552"
    assert tel.lookup_number("04591234567", "966552").decision.priority == E.PRIORITY_NORMAL
    assert tel.lookup_number("", "96655").decision.menu == "main"
    rj = tel.lookup_number("", "19001234")
    assert rj.decision.reject == "premium numbers are not served"
    with pytest.raises(errors.FailedPrecondition) as ei:
        tel.enqueue_call("route-rej", caller="0459", dialled="19001234")
    assert ei.value.reason == "ROUTE_REJECTED"
    with pytest.raises(errors.FailedPrecondition) as ei:
        tel.enqueue_call("route-menu", dialled="96655")
    assert ei.value.reason == "NO_ROUTE"
    before = admin.list_routes()
    assert len(before.routes) == 6
    r = admin.replace_routes([route("8", queue="general", label="eight"), route("_9X.", priority=E.PRIORITY_PRIORITY,
                                                                               field=E.ROUTE_FIELD_CALLER)])
    assert r.route_count == 2 and r.version == before.version + 1
    lst = admin.list_routes()
    assert [x.pattern for x in lst.routes] == ["8", "_9X."] and lst.version == r.version
    assert tel.lookup_number("9123", "8123").decision.priority == E.PRIORITY_PRIORITY
    # atomic: a table with one bad route changes nothing
    with pytest.raises(errors.NotFound):
        admin.replace_routes([route("7", queue="general"), route("6", queue="nope")])
    assert admin.list_routes().version == r.version
    admin.replace_routes(before.routes)
    assert [x.pattern for x in admin.list_routes().routes] == [x.pattern for x in before.routes]


def test_watch_events_snapshot_then_updates_filtered(clients, admin):  # type: ignore[no-untyped-def]
    tel, sup = clients["telephony"], clients["supervisor"]
    it = sup.watch_events(queues=["billing"], event_types=[E.EVENT_TYPE_CALL_ENQUEUED, E.EVENT_TYPE_CALL_ABANDONED])
    first = next(it)
    snap = first.snapshot
    assert snap.seq > 0 and [q.name for q in snap.queues] == ["billing"]
    assert [s.queue for s in snap.queue_stats] == ["billing"]
    assert {a.agent_id for a in snap.agents} == {"a1", "a2"}  # members of billing
    tel.enqueue_call("w-gen", "general")  # filtered out (queue)
    tel.enqueue_call("w-bill", "billing")
    tel.cancel_call("w-bill")
    tel.cancel_call("w-gen")
    seen = []
    while len(seen) < 2:
        seen += [(e.type, e.call_id) for e in next(it).events]
    assert seen == [(E.EVENT_TYPE_CALL_ENQUEUED, "w-bill"), (E.EVENT_TYPE_CALL_ABANDONED, "w-bill")]
    it.close()


def test_watch_events_resume_from_sequence_number(clients):  # type: ignore[no-untyped-def]
    tel, biz = clients["telephony"], clients["business"]
    it = biz.watch_events()
    snap = next(it).snapshot
    tel.enqueue_call("res-1", "general")
    tel.enqueue_call("res-2", "general")
    events = []
    while len(events) < 2:
        events += list(next(it).events)
    it.close()
    assert [e.seq for e in events] == [snap.seq + 1, snap.seq + 2]
    tel.cancel_call("res-1")
    tel.cancel_call("res-2")
    # resume after the first: no snapshot, the very same events with the same numbers
    it2 = biz.watch_events(after_seq=events[0].seq)
    m = next(it2)
    assert m.resumed and not m.HasField("snapshot")
    got = list(m.events)
    while len(got) < 3:
        got += list(next(it2).events)
    it2.close()
    assert got[0] == events[1]
    assert [(e.seq, e.type, e.call_id) for e in got[1:3]] == [
        (events[1].seq + 1, E.EVENT_TYPE_CALL_ABANDONED, "res-1"), (events[1].seq + 2, E.EVENT_TYPE_CALL_ABANDONED,
                                                                     "res-2")]
    with pytest.raises(errors.InvalidArgument) as ei:
        next(biz.watch_events(after_seq=10**12))
    assert ei.value.field == "after_seq"


def test_watch_call_follows_position_until_answered(clients):  # type: ignore[no-untyped-def]
    tel, a1 = clients["telephony"], clients["agent"]
    tel.enqueue_call("wc-0", "general")
    tel.enqueue_call("wc-1", "general")
    stream = tel.watch_call("wc-1", until=2)  # CALL_MILESTONE_ANSWERED
    first = next(stream)
    assert first.call.call_id == "wc-1" and first.call.state == E.CALL_STATE_WAITING
    pos0 = first.call.position
    assert pos0 >= 2
    tel.cancel_call("wc-0")  # the call ahead leaves: position update
    upd = next(stream)
    assert upd.call.position == pos0 - 1 and not upd.done
    login = a1.login()
    offered = next(stream)
    # other waiting calls from earlier tests may be served first; follow until this one rings
    while offered.call.state != E.CALL_STATE_OFFERED:
        offered = next(stream)
    assert offered.event.type == E.EVENT_TYPE_CALL_OFFERED and not offered.done
    cur = a1.get_agent().agent
    assert cur.call_id == "wc-1" or login.offer.call_id == "wc-1"
    a1.accept_offer(offered.event.offer_id)
    ans = next(stream)
    assert ans.done and ans.call.state == E.CALL_STATE_CONNECTED and ans.event.type == E.EVENT_TYPE_CALL_ANSWERED
    with pytest.raises(StopIteration):
        next(stream)
    a1.complete_call("wc-1")
    # a call that has ended: the watch says so
    with pytest.raises(errors.FailedPrecondition) as ei:
        next(tel.watch_call("wc-1"))
    assert ei.value.reason == "CALL_ENDED"
    a1.logout()


def test_queue_full_is_resource_exhausted_and_recorded(clients, admin):  # type: ignore[no-untyped-def]
    tel = clients["telephony"]
    before = admin.get_queue_stats("billing").stats.rejected
    for i in range(3):
        tel.enqueue_call(f"full-{i}", "billing")
    with pytest.raises(errors.ResourceExhausted) as ei:
        tel.enqueue_call("full-3", "billing")
    assert ei.value.reason == "QUEUE_FULL" and ei.value.metadata["queue"] == "billing"
    assert admin.get_queue_stats("billing").stats.rejected == before + 1
    for i in range(3):
        tel.cancel_call(f"full-{i}")


def test_stream_deadline_is_honoured(clients):  # type: ignore[no-untyped-def]
    tel = clients["telephony"]
    tel.enqueue_call("dl-1", "general")
    stream = tel.watch_call("dl-1", timeout=0.5)
    assert next(stream).call.state == E.CALL_STATE_WAITING
    with pytest.raises(errors.DeadlineExceeded):
        next(stream)
    tel.cancel_call("dl-1")


def test_expired_deadline_is_not_applied() -> None:
    """A request whose deadline has passed when the server gets to it is refused unapplied."""
    import asyncio

    from grpc_server.errors import rpc

    applied = []

    class Ctx:
        def time_remaining(self):  # type: ignore[no-untyped-def]
            return 0.0

        async def abort_with_status(self, status):  # type: ignore[no-untyped-def]
            raise RuntimeError(status.code)

    class S:
        @rpc
        async def Op(self, request, context):  # type: ignore[no-untyped-def]
            applied.append(request)

    with pytest.raises(RuntimeError) as ei:
        asyncio.run(S().Op("req", Ctx()))
    assert ei.value.args[0] == grpc.StatusCode.DEADLINE_EXCEEDED and applied == []
