"""The Python binding (sync and asyncio): retries, typed errors, resume; and the server's
bounds: message size, stream count, slow subscribers."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from acdcore_api.acd.v1 import enums_pb2 as E
from acdcore_client import AsyncClient, errors

from grpc_harness import TEST_CONFIG, TOKENS, ServerProc, client


def test_idempotent_calls_are_retried_on_unavailable(tmp_path):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path).start()
    try:
        tel = client(srv.target, "telephony", retries=10)
        tel.enqueue_call("ret-1", "general")
        srv.stop()
        # a non-idempotent call is not retried: UNAVAILABLE at once
        with pytest.raises(errors.Unavailable):
            tel.cancel_call("ret-1", timeout=2)
        t = threading.Timer(0.5, srv.start)
        t.start()
        # enqueue is idempotent on the call id: retried until the server is back, and a duplicate
        r = tel.enqueue_call("ret-1", "general")
        t.join()
        assert r.duplicate and r.call.call_id == "ret-1"
        tel.close()
    finally:
        srv.kill()


def test_async_client(server):  # type: ignore[no-untyped-def]
    async def main() -> None:
        async with AsyncClient(server.target, TOKENS["telephony"]) as tel, \
                AsyncClient(server.target, TOKENS["supervisor"]) as sup:
            stream = sup.watch_events(queues=["general"])
            first = await stream.__anext__()
            assert first.HasField("snapshot")
            r = await tel.enqueue_call("async-1", "general", caller="0459")
            assert r.call.state == E.CALL_STATE_WAITING
            ev = (await stream.__anext__()).events[0]
            assert (ev.type, ev.call_id) == (E.EVENT_TYPE_CALL_ENQUEUED, "async-1")
            watch = tel.watch_call("async-1", until=1)
            assert (await watch.__anext__()).call.state == E.CALL_STATE_WAITING
            await tel.cancel_call("async-1")
            last = await watch.__anext__()
            assert last.done and last.call.state == E.CALL_STATE_ABANDONED
            with pytest.raises(errors.NotFound) as ei:
                await tel.get_call("async-nope")
            assert ei.value.reason == "CALL_NOT_FOUND"
            await stream.aclose()
            await watch.aclose()

    asyncio.run(main())


def test_receive_message_limit(server):  # type: ignore[no-untyped-def]
    tel = client(server.target, "telephony", retries=1)
    with pytest.raises(errors.ResourceExhausted):
        tel.enqueue_call("big-1", "general", attributes={"blob": "x" * 1000, **{f"k{i}": "y" * 1000
                                                                               for i in range(1200)}})
    tel.close()


def test_stream_count_is_bounded(server):  # type: ignore[no-untyped-def]
    biz = client(server.target, "business")
    streams = []
    try:
        for _ in range(40):  # the test config's max_streams
            s = biz.watch_events(queues=["escalation"], max_reconnects=0)
            next(s)
            streams.append(s)
        with pytest.raises(errors.ResourceExhausted) as ei:
            next(biz.watch_events(max_reconnects=0))
        assert ei.value.reason == "TOO_MANY_STREAMS"
    finally:
        for s in streams:
            s.close()
        biz.close()
    deadline = time.monotonic() + 10
    while True:  # the slots are given back
        try:
            next(client(server.target, "business").watch_events(max_reconnects=0))
            break
        except errors.ResourceExhausted:
            assert time.monotonic() < deadline
            time.sleep(0.1)


def test_slow_subscriber_is_dropped_and_resumes(tmp_path):  # type: ignore[no-untyped-def]
    cfg = TEST_CONFIG.replace("subscriber_buffer = 5000", "subscriber_buffer = 20")
    srv = ServerProc(tmp_path, cfg).start()
    try:
        tel = client(srv.target, "telephony")
        # without BDP probing the client's HTTP/2 window stays at 64 KiB: a client that does not read
        # really stops the transport, and the server's per-subscriber buffer must take the strain
        sup = client(srv.target, "supervisor", options=[("grpc.http2.bdp_probe", 0)])
        slow = sup.watch_events(reconnect=False)
        snap = next(slow).snapshot
        n = 1500
        for i in range(n):  # far more than the transport and the 20-event buffer hold
            tel.enqueue_call(f"slow-{i:04d}-" + "z" * 100, "general")
        got = []
        with pytest.raises(errors.ResourceExhausted) as ei:
            for resp in slow:
                got.extend(resp.events)
        assert ei.value.reason == "SUBSCRIBER_TOO_SLOW" and 0 < len(got) < n
        assert int(ei.value.metadata["after_seq"]) == got[-1].seq
        # the resuming client gets the rest, no gap, no duplicate
        rest = []
        for resp in sup.watch_events(after_seq=got[-1].seq):
            rest.extend(resp.events)
            if rest and rest[-1].seq >= snap.seq + n:
                break
        seqs = [e.seq for e in got + rest]
        assert seqs == list(range(snap.seq + 1, snap.seq + n + 1))
        tel.close()
        sup.close()
    finally:
        srv.kill()
