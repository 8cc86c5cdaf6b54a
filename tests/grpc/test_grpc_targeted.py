"""Agent-targeted calls through acd.v1 (EnqueueCallRequest.target_agent_id / target_timeout):
offers, Call fields, explanations, lapse events, bad input, and survival of a restart
(snapshot at SIGTERM) and of kill -9 (journal replay), with the lapse at the same instant."""

from __future__ import annotations

import asyncio
import time

import pytest

from acdcore import Core
from acdcore_api.acd.v1 import enums_pb2 as E
from acdcore_client import errors
from grpc_server import ops

from grpc_harness import ServerProc, async_client, client


def _ns(ts) -> int:  # type: ignore[no-untyped-def]
    return ts.ToNanoseconds()


def _wait(cond, timeout=30.0):  # type: ignore[no-untyped-def]
    """Poll ``cond`` (bounded): for what the server's timers do on their own."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = cond()
        if v:
            return v
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def _events(adm, types):  # type: ignore[no-untyped-def]
    """Every released event of ``types`` so far: the backlog after seq 1 (after_seq 0 would mean
    "a snapshot instead"), read up to the sequence number current when asked."""
    first = adm.watch_events(max_reconnects=0, timeout=10)
    upto = next(first).snapshot.seq
    first.close()
    out = []
    stream = adm.watch_events(after_seq=1, max_reconnects=0, timeout=10)
    try:
        for resp in stream:
            out.extend(e for e in resp.events if e.type in types)
            if resp.events and resp.events[-1].seq >= upto:
                break
    finally:
        stream.close()
    return out


def test_targeted_call_end_to_end(server, clients):  # type: ignore[no-untyped-def]
    tel, sup, a1, a2 = clients["telephony"], clients["supervisor"], clients["agent"], clients["agent2"]
    a2.login()
    a1.login()
    a1.pause("a1", "lunch")
    # a2 is free and a member of general, but the call is a1's
    r = tel.enqueue_call("tg-e2e", "general", target_agent_id="a1", target_timeout=120)
    assert not r.HasField("offer")
    c = r.call
    assert c.target_agent_id == "a1" and c.position == 1 and not c.HasField("expected_wait_seconds")
    assert _ns(c.target_lapse_time) == _ns(c.enter_time) + 120 * 10**9
    assert a2.get_agent().agent.state == E.AGENT_STATE_AVAILABLE
    # listed with its queue after the normal line, counted as waiting
    listed = [x.call_id for x in sup.list_calls("general").calls]
    assert "tg-e2e" in listed
    assert next(s for s in sup.list_queue_stats().stats if s.queue == "general").waiting >= 1
    ready = a1.set_ready()
    assert ready.offer.call_id == "tg-e2e"
    why = sup.explain_assignment(ready.offer.offer_id).assignment
    assert why.targeted and why.agent_id == "a1" and "targeted" in why.description
    a1.accept_offer(ready.offer.offer_id)
    assert tel.get_call("tg-e2e").call.target_agent_id == ""  # answered: targeting fulfilled
    a1.complete_call("tg-e2e")
    a1.logout()
    a2.logout()


def test_timeout_lapse_event_and_normal_routing(server, clients, admin):  # type: ignore[no-untyped-def]
    tel, a1, a2 = clients["telephony"], clients["agent"], clients["agent2"]
    a1.login()
    a1.pause("a1", "lunch")
    r = tel.enqueue_call("tg-lapse", "general", target_agent_id="a1", target_timeout=0.3)
    enter = _ns(r.call.enter_time)
    a2.login()  # free, but must not get the call before the lapse
    got = _wait(lambda: a2.get_agent().agent.call_id == "tg-lapse")
    assert got
    lapsed = [e for e in _events(admin, [E.EVENT_TYPE_CALL_TARGET_LAPSED]) if e.call_id == "tg-lapse"]
    assert len(lapsed) == 1
    e = lapsed[0]
    assert (e.agent_id, e.queue, e.reason) == ("a1", "general", "timeout")
    assert abs(_ns(e.time) - (enter + 300_000_000)) < 1000  # at its due time, not when noticed
    offered = [x for x in _events(admin, [E.EVENT_TYPE_CALL_OFFERED]) if x.call_id == "tg-lapse"]
    assert [x.agent_id for x in offered] == ["a2"] and offered[0].reason == ""
    a2.reject_offer(a2.get_agent().agent.offer_id)
    tel.cancel_call("tg-lapse")
    a1.logout()
    a2.logout()


def test_async_client_targets_and_logout_lapses(server):  # type: ignore[no-untyped-def]
    async def main() -> None:
        async with async_client(server.target, "telephony") as tel, async_client(server.target, "agent") as a1:
            await a1.login()
            await a1.pause("a1", "lunch")
            r = await tel.enqueue_call("tg-async", "billing", target_agent_id="a1")
            assert r.call.target_agent_id == "a1" and not r.call.HasField("target_lapse_time")
            await a1.logout()
            c = (await tel.get_call("tg-async")).call
            assert c.target_agent_id == "" and c.state == E.CALL_STATE_WAITING
            await tel.cancel_call("tg-async")

    asyncio.run(main())


@pytest.mark.parametrize("kwargs, exc, reason, field", [
    ({"target_agent_id": "nobody"}, errors.InvalidArgument, "AGENT_NOT_FOUND", "target_agent_id"),
    ({"target_agent_id": "a3"}, errors.FailedPrecondition, "AGENT_NOT_IN_QUEUE", None),
    ({"target_agent_id": "a1", "target_timeout": -5}, errors.InvalidArgument, "INVALID_TIME", "target_timeout"),
    ({"target_agent_id": "a1", "target_timeout": 4e9}, errors.InvalidArgument, "INVALID_TIME", "target_timeout"),
    ({"target_agent_id": "x" * 65}, errors.InvalidArgument, "INVALID_ARGUMENT", "target_agent_id"),
    ({"target_agent_id": "a 1"}, errors.InvalidArgument, "INVALID_ARGUMENT", "target_agent_id"),
    ({"target_timeout": 30}, errors.InvalidArgument, "INVALID_ARGUMENT", "target_timeout"),
])
def test_bad_targets(server, clients, admin, kwargs, exc, reason, field):  # type: ignore[no-untyped-def]
    tel = clients["telephony"]
    seq = next(iter(admin.watch_events(max_reconnects=0))).snapshot.seq
    with pytest.raises(exc) as ei:
        tel.enqueue_call("tg-bad", "general", **kwargs)
    assert ei.value.reason == reason and ei.value.field == field
    assert next(iter(admin.watch_events(max_reconnects=0))).snapshot.seq == seq  # nothing happened
    with pytest.raises(errors.NotFound):
        tel.get_call("tg-bad")


def test_journal_records_without_target_keys_still_replay() -> None:
    """Records written before targeted calls existed have no target keys."""
    t = [50.0]
    core = Core(clock=lambda: t[0])
    from acdcore import QueueConfig
    core.create_queue(QueueConfig("general"))
    old = {"call_id": "old-1", "queue": "general", "caller": "", "dialled": "", "priority": 1, "skills": {},
           "attributes": {}, "enqueue_time": None}
    ops.apply(core, "enqueue", old)
    assert core.get_call("old-1").target_agent_id is None
    ops.apply(core, "enqueue", old)  # idempotent as before
    assert core.call_ids() == ["old-1"]


def _target_state(adm):  # type: ignore[no-untyped-def]
    calls = sorted((c.call_id, c.queue, c.state, c.target_agent_id, _ns(c.target_lapse_time), c.position,
                    _ns(c.enter_time)) for c in adm.list_calls().calls)
    agents = sorted((a.agent_id, a.state, a.call_id) for a in adm.list_agents().agents)
    stats = sorted((s.queue, s.waiting, s.waiting_priority) for s in adm.list_queue_stats().stats)
    return calls, agents, stats


@pytest.mark.parametrize("how", ["sigterm", "kill9"])
def test_targets_survive_restart_and_lapse_on_time(tmp_path, how):  # type: ignore[no-untyped-def]
    """SIGTERM restores from the snapshot written at shutdown, kill -9 replays the journal: either
    way the targets are back, and the timeout lapses at the instant it would have."""
    srv = ServerProc(tmp_path).start()
    try:
        adm, tel, a1, a2 = (client(srv.target, r) for r in ("admin", "telephony", "agent", "agent2"))
        a1.login()
        a1.pause("a1", "lunch")
        a2.login()
        tel.enqueue_call("keep", "general", target_agent_id="a1")
        tel.enqueue_call("keep-prio", "general", priority=E.PRIORITY_PRIORITY, target_agent_id="a1")
        r = tel.enqueue_call("lapse", "general", target_agent_id="a1", target_timeout=4.0)
        due = _ns(r.call.enter_time) + 4_000_000_000
        before = _target_state(adm)
        assert [c[3] for c in before[0]] == ["a1", "a1", "a1"]
        for c in (adm, tel, a1, a2):
            c.close()
        if how == "sigterm":
            assert srv.stop() == 0
        else:
            srv.kill()
        srv.start()
        adm, a2 = client(srv.target, "admin"), client(srv.target, "agent2")
        now_ns = time.time_ns()
        after = _target_state(adm)
        if now_ns < due - 500_000_000:  # the restart was quick enough to see the state unchanged
            assert after == before
        _wait(lambda: a2.get_agent().agent.call_id == "lapse")
        lapsed = _events(adm, [E.EVENT_TYPE_CALL_TARGET_LAPSED])
        assert [(e.call_id, e.reason) for e in lapsed] == [("lapse", "timeout")]
        assert abs(_ns(lapsed[0].time) - due) < 1000
        calls = {c.call_id: c for c in adm.list_calls().calls}
        assert calls["keep"].target_agent_id == "a1" and calls["keep-prio"].target_agent_id == "a1"
        assert [calls["keep-prio"].position, calls["keep"].position] == [1, 2]
        for c in (adm, a2):
            c.close()
    finally:
        srv.kill()


def test_new_event_type_is_appended_not_renumbered() -> None:
    assert (E.EVENT_TYPE_UNSPECIFIED, E.EVENT_TYPE_ROUTES_REPLACED, E.EVENT_TYPE_CALL_TARGET_LAPSED) == (0, 19, 20)


def test_watch_call_shows_the_lapse(server, clients):  # type: ignore[no-untyped-def]
    tel, a1 = clients["telephony"], clients["agent"]
    a1.login()
    a1.pause("a1", "lunch")
    tel.enqueue_call("tg-watch", "billing", target_agent_id="a1")
    stream = tel.watch_call("tg-watch", timeout=20)
    try:
        first = next(stream)
        assert first.call.target_agent_id == "a1"
        a1.logout()
        upd = next(stream)
        assert upd.event.type == E.EVENT_TYPE_CALL_TARGET_LAPSED and upd.event.reason == "logged_out"
        assert upd.call.target_agent_id == "" and upd.call.state == E.CALL_STATE_WAITING and not upd.done
        tel.cancel_call("tg-watch")
        assert next(stream).done
    finally:
        stream.close()
