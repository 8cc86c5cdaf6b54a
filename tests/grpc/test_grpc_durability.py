"""Durability: the full state survives a restart and a ``kill -9``; event streams resume
across a restart with the same sequence numbers; a torn journal tail is dropped."""

from __future__ import annotations

import random
import threading
import time

import pytest

from acdcore_api.acd.v1 import enums_pb2 as E
from acdcore_client import errors
from grpc_server import journal as J

from grpc_harness import ServerProc, client


def _state(adm):  # type: ignore[no-untyped-def]
    """Everything that must survive, minus what moves with the clock (idle seconds, EWT)."""
    queues = [q.SerializeToString(deterministic=True) for q in adm.list_queues().configs]
    routes = adm.list_routes()
    agents = []
    for a in adm.list_agents().agents:
        st = a.stats
        agents.append((a.agent_id, a.state, a.reason, a.call_id, a.offer_id, a.state_since.ToNanoseconds(),
                       st.calls, st.no_answers, dict(a.skills), [(m.queue, m.penalty) for m in a.queues]))
    calls = {}
    for q in adm.list_queues().configs:
        calls[q.name] = [(c.call_id, c.state, c.priority, c.position, c.enter_time.ToNanoseconds(), c.caller,
                          c.target_agent_id, c.target_lapse_time.ToNanoseconds())
                         for c in adm.list_calls(q.name).calls]
    all_calls = [(c.call_id, c.queue, c.state, c.agent_id) for c in adm.list_calls().calls]
    stats = []
    for s in adm.list_queue_stats().stats:
        stats.append((s.queue, s.waiting, s.waiting_priority, s.offered, s.answered, s.answered_within_sl,
                      s.abandoned, s.short_abandoned, s.overflowed, s.transferred_out, s.rejected,
                      s.asa_seconds, s.aht_seconds, s.agents_logged_in, s.agents_available, s.agents_paused))
    seq = next(iter(adm.watch_events(max_reconnects=0))).snapshot.seq
    return {"queues": queues, "routes": routes.SerializeToString(deterministic=True), "agents": agents,
            "calls": calls, "all_calls": all_calls, "stats": stats, "seq": seq}


def _build_state(srv):  # type: ignore[no-untyped-def]
    adm, tel, a1, a2 = (client(srv.target, r) for r in ("admin", "telephony", "agent", "agent2"))
    adm.create_queue("extra", wrap_up_seconds=3, max_waiting=50, skills={"general": 2}, max_penalty=0,
                     penalty_rules=[(600, 2)], max_priority_overtake_seconds=900)
    adm.update_agent("a3", skills={"senior": 5, "general": 2}, queues={"escalation": 0, "extra": 1})
    from acdcore_client import route
    adm.replace_routes([route("966551", queue="general"), route("966557", queue="extra"),
                        route("_0ZX.", field=E.ROUTE_FIELD_CALLER, priority=E.PRIORITY_PRIORITY)])
    # answered and completed calls: statistics
    a1.login()
    for i in range(3):
        r = tel.enqueue_call(f"done-{i}", "general", caller="0459100")
        a1.accept_offer(r.offer.offer_id)
        a1.complete_call(f"done-{i}")
    a1.pause("a1", "training")
    # calls targeted at the paused a1: they wait for it alone, one with a lapse far ahead
    tel.enqueue_call("tg-1", "general", target_agent_id="a1", target_timeout=3600)
    tel.enqueue_call("tg-2", "billing", priority=E.PRIORITY_PRIORITY, target_agent_id="a1")
    tel.enqueue_call("gone-1", "general")
    tel.cancel_call("gone-1")
    # a call ringing at a2
    tel.enqueue_call("ring-1", "billing")
    assert a2.login().offer.call_id == "ring-1"
    # waiting calls in a definite order, both classes
    for i in range(6):
        tel.enqueue_call(f"wait-{i}", dialled="966551", caller="04511000" if i % 3 == 0 else "0459100")
    for i in range(3):
        tel.enqueue_call(f"x-{i}", "extra", skills={"general": 1})
    for c in (adm, tel, a1, a2):
        c.close()


@pytest.mark.parametrize("how", ["sigterm", "kill9"])
def test_full_state_survives_restart(tmp_path, how):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path).start()
    try:
        _build_state(srv)
        adm = client(srv.target, "admin")
        before = _state(adm)
        adm.close()
        assert before["calls"]["general"] and before["calls"]["extra"]
        assert {c[0]: c[6] for c in before["calls"]["general"] + before["calls"]["billing"]
                if c[6]} == {"tg-1": "a1", "tg-2": "a1"}
        if how == "sigterm":
            assert srv.stop() == 0
        else:
            srv.kill()
        srv.start()
        adm = client(srv.target, "admin")
        after = _state(adm)
        assert after == before
        # and it keeps working where it stopped: the ringing offer can be answered
        a2 = client(srv.target, "agent2")
        off = a2.get_agent().agent.offer_id
        assert a2.accept_offer(off).call.call_id == "ring-1"
        for c in (adm, a2):
            c.close()
    finally:
        srv.kill()


def test_event_stream_resumes_across_restart(tmp_path):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path).start()
    try:
        # the restart can outlast the default 5 attempts (~1.5 s of backoff) on a loaded machine,
        # and grpc's own reconnect backoff adds up to ~2.6 s: retry for up to ~1 minute instead
        tel = client(srv.target, "telephony", retries=30)
        sub = client(srv.target, "supervisor")
        got: list = []
        snaps: list = []
        stop = threading.Event()

        def reader() -> None:
            for resp in sub.watch_events():
                if resp.HasField("snapshot"):
                    snaps.append(resp.snapshot.seq)
                got.extend(resp.events)
                if len(got) >= 8:
                    return

        t = threading.Thread(target=reader, daemon=True)
        t.start()
        _wait(lambda: snaps)
        for i in range(4):
            tel.enqueue_call(f"r-{i}", "general")
        _wait(lambda: len(got) >= 4)
        before = [e.SerializeToString() for e in got]
        srv.restart()
        for i in range(4, 8):
            tel.enqueue_call(f"r-{i}", "general")  # retried by the client while the server restarts
        stop.set()
        t.join(30)
        assert not t.is_alive()
        assert len(snaps) == 1  # resumed without a new snapshot
        seqs = [e.seq for e in got]
        assert seqs == list(range(snaps[0] + 1, snaps[0] + 1 + len(seqs)))  # no gap, no duplicate
        assert [e.SerializeToString() for e in got[:4]] == before
        assert [e.call_id for e in got if e.type == E.EVENT_TYPE_CALL_ENQUEUED] == [f"r-{i}" for i in range(8)]
        # a subscriber that saw seq N before the restart gets the very same events after it
        again = client(srv.target, "business")
        m = next(iter(again.watch_events(after_seq=snaps[0])))
        assert m.resumed and [e.SerializeToString() for e in m.events[:4]] == before
        for c in (tel, sub, again):
            c.close()
    finally:
        srv.kill()


def test_sigterm_drains_health_not_serving_streams_resumable(tmp_path):  # type: ignore[no-untyped-def]
    """SIGTERM: health watchers see NOT_SERVING, an event stream ends with UNAVAILABLE /
    SHUTTING_DOWN naming where to resume, the process exits 0 within the grace period, and
    what was acknowledged is there after the restart."""
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    srv = ServerProc(tmp_path).start()
    try:
        tel = client(srv.target, "telephony")
        sub = client(srv.target, "supervisor")
        stream = sub.watch_events(reconnect=False, timeout=60)
        snap = next(stream).snapshot
        tel.enqueue_call("term-1", "general")
        got = list(next(stream).events)
        assert [e.call_id for e in got] == ["term-1"]
        ch = grpc.insecure_channel(srv.target)
        health = health_pb2_grpc.HealthStub(ch).Watch(health_pb2.HealthCheckRequest(service=""), timeout=60)
        assert next(health).status == health_pb2.HealthCheckResponse.SERVING
        srv.signal(__import__("signal").SIGTERM)
        statuses = []
        try:
            for h in health:
                statuses.append(h.status)
        except grpc.RpcError:
            pass  # the server went away after telling
        assert health_pb2.HealthCheckResponse.NOT_SERVING in statuses
        with pytest.raises(errors.Unavailable) as ei:
            for resp in stream:
                got.extend(resp.events)
        assert ei.value.reason == "SHUTTING_DOWN"
        assert int(ei.value.metadata["after_seq"]) == got[-1].seq
        assert srv.proc is not None and srv.proc.wait(30) == 0
        assert "acdcore: stopped" in srv.output()
        ch.close()
        srv.start()
        assert tel.get_call("term-1").call.state == E.CALL_STATE_WAITING
        tel.enqueue_call("term-2", "general")
        resumed = sub.watch_events(after_seq=got[-1].seq, reconnect=False, timeout=60)
        first = next(resumed)
        assert first.resumed and [e.call_id for e in first.events] == ["term-2"]
        assert first.events[0].seq == snap.seq + 2
        resumed.close()
        for c in (tel, sub):
            c.close()
    finally:
        srv.kill()


def _wait(cond, timeout=20.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.01)


def test_torn_journal_tail_is_dropped_on_start(tmp_path):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path).start()
    try:
        tel = client(srv.target, "telephony")
        for i in range(5):
            tel.enqueue_call(f"t-{i}", "general")
        tel.close()
        srv.kill()
        seg = J.list_segments(srv.journal)[-1][1]
        with open(seg, "ab") as f:  # a record the crash tore in half
            f.write(J.encode_record(J.scan(srv.journal).last_index + 1, b'{"t":1,"op":"cancel"}')[:-7])
        srv.start()
        assert "dropped" in srv.output()
        adm = client(srv.target, "admin")
        assert [c.call_id for c in adm.list_calls("general").calls] == [f"t-{i}" for i in range(5)]
        adm.close()
    finally:
        srv.kill()


def test_kill9_at_random_moments_loses_no_acknowledged_request(tmp_path):  # type: ignore[no-untyped-def]
    """Clients enqueue and agents work while the server is killed -9 at random moments; after
    each restart every acknowledged enqueue/login/pause is there exactly once, and the events a
    subscriber saw before the crash are the start of the recovered history, unchanged."""
    rng = random.Random(20261126)
    srv = ServerProc(tmp_path).start()
    acked_enq: list[str] = []          # in ack order (one enqueuer thread: the call order)
    tried_enq: set[str] = set()
    acked_pause: list[str] = []        # unique pause reasons
    tried_pause: set[str] = set()
    acked_login: dict[str, int] = {"a1": 0, "a2": 0}
    tried_login: dict[str, int] = {"a1": 0, "a2": 0}
    seen_live: dict[int, bytes] = {}
    counter = iter(range(10**9))
    adm = client(srv.target, "admin")
    adm.create_queue("crash", wrap_up_seconds=0.1)
    adm.update_agent("a1", skills={"general": 5}, queues={"crash": 0})
    adm.update_agent("a2", skills={"general": 5}, queues={"crash": 0})
    adm.close()
    try:
        for rnd in range(4):
            stop = threading.Event()

            def enqueuer() -> None:
                c = client(srv.target, "telephony", retries=1, timeout=5)
                while not stop.is_set():
                    cid = f"k{rnd}-{next(counter)}"
                    tried_enq.add(cid)
                    try:
                        c.enqueue_call(cid, "crash", caller="0459200")
                        acked_enq.append(cid)
                    except errors.AcdApiError:
                        break
                c.close()

            def agent(role: str, aid: str) -> None:
                c = client(srv.target, role, retries=1, timeout=5)
                r = random.Random(rnd * 7 + len(aid))
                while not stop.is_set():
                    try:
                        st = c.get_agent().agent
                        if st.state == E.AGENT_STATE_LOGGED_OUT:
                            tried_login[aid] += 1
                            c.login()
                            acked_login[aid] += 1
                        elif st.state == E.AGENT_STATE_RESERVED:
                            c.accept_offer(st.offer_id)
                        elif st.state == E.AGENT_STATE_BUSY:
                            c.complete_call(st.call_id)
                        elif st.state in (E.AGENT_STATE_AVAILABLE, E.AGENT_STATE_WRAP_UP) and r.random() < 0.3:
                            reason = f"p{aid}-{next(counter)}"
                            tried_pause.add(reason)
                            c.pause(aid, reason)
                            acked_pause.append(reason)
                        elif st.state == E.AGENT_STATE_PAUSED:
                            if r.random() < 0.2:
                                c.logout()
                            else:
                                c.set_ready()
                    except (errors.Unavailable, errors.DeadlineExceeded, errors.Cancelled):
                        break
                    except errors.AcdApiError:
                        continue  # a race with a timer (offer timeout, wrap-up end): look again
                c.close()

            def watcher() -> None:
                c = client(srv.target, "supervisor", retries=1)
                try:
                    start = max(seen_live) if seen_live else 1
                    for resp in c.watch_events(after_seq=start, reconnect=False):
                        for e in resp.events:
                            seen_live[e.seq] = e.SerializeToString()
                except errors.AcdApiError:
                    pass
                finally:
                    c.close()

            threads = [threading.Thread(target=f, args=a, daemon=True) for f, a in
                       ((enqueuer, ()), (agent, ("agent", "a1")), (agent, ("agent2", "a2")), (watcher, ()))]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.3, 1.5))
            srv.kill()
            stop.set()
            for t in threads:
                t.join(30)
                assert not t.is_alive()
            srv.start()
            _verify(srv, acked_enq, tried_enq, acked_pause, tried_pause, acked_login, tried_login, seen_live)
        assert len(acked_enq) > 20 and acked_pause and sum(acked_login.values()) >= 2
        print(f"\ncrash test: 4 kill -9; {len(acked_enq)} acknowledged enqueues ({len(tried_enq)} tried), "
              f"{len(acked_pause)} pauses, {sum(acked_login.values())} logins, {len(seen_live)} live events: "
              f"nothing lost, nothing doubled, order kept")
    finally:
        srv.kill()


def _verify(srv, acked_enq, tried_enq, acked_pause, tried_pause, acked_login, tried_login, seen_live):  # type: ignore[no-untyped-def]
    adm = client(srv.target, "admin")
    history = []
    for resp in adm.watch_events(after_seq=1, max_reconnects=0):
        history.extend(resp.events)
        if history and history[-1].seq >= adm_seq(adm):
            break
    adm_last = adm_seq(adm)
    assert [e.seq for e in history] == list(range(2, adm_last + 1))
    # what a subscriber saw live is exactly the recovered history
    by_seq = {e.seq: e.SerializeToString() for e in history}
    for seq, data in seen_live.items():
        assert by_seq.get(seq) == data, f"event {seq} changed across the crash"
    enq = [e.call_id for e in history if e.type == E.EVENT_TYPE_CALL_ENQUEUED and not e.reason]
    assert len(enq) == len(set(enq)), "a call entered twice"
    assert set(acked_enq) <= set(enq), f"lost acknowledged calls: {set(acked_enq) - set(enq)}"
    assert set(enq) <= tried_enq
    # call order: the enqueue events follow the acknowledgement order
    pos = {cid: i for i, cid in enumerate(enq)}
    assert [pos[c] for c in acked_enq] == sorted(pos[c] for c in acked_enq)
    waiting = [c.call_id for c in adm.list_calls("crash").calls]
    acked_waiting = [c for c in waiting if c in pos]
    assert acked_waiting == sorted(acked_waiting, key=pos.__getitem__), "the waiting order changed"
    reasons = [e.reason for e in history if e.type == E.EVENT_TYPE_AGENT_STATE_CHANGED
               and e.agent_state == E.AGENT_STATE_PAUSED]
    assert len(reasons) == len(set(reasons))
    assert set(acked_pause) <= set(reasons) <= tried_pause
    for aid in ("a1", "a2"):
        n = sum(1 for e in history if e.type == E.EVENT_TYPE_AGENT_STATE_CHANGED and e.agent_id == aid
                and e.previous_state == E.AGENT_STATE_LOGGED_OUT)
        assert acked_login[aid] <= n <= tried_login[aid]
    # every acknowledged call is known to the server: waiting/ringing/connected or ended, never unknown
    for cid in acked_enq[-50:]:
        try:
            adm.get_call(cid)
        except errors.FailedPrecondition as e:
            assert e.reason == "CALL_ENDED"
    adm.close()


def adm_seq(adm):  # type: ignore[no-untyped-def]
    return next(iter(adm.watch_events(max_reconnects=0))).snapshot.seq
