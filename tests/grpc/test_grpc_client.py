"""The Python binding (sync and asyncio): retries, typed errors, resume; and the server's
bounds: message size, stream count, slow subscribers."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from acdcore_api.acd.v1 import enums_pb2 as E
from acdcore_client import errors

from grpc_harness import TEST_CONFIG, ServerProc, async_client, client


def test_idempotent_calls_are_retried_on_unavailable(tmp_path):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path).start()
    try:
        tel = client(srv.target, "telephony", retries=20)  # backoff 0.1 s doubling, capped at 2 s: ~30 s
        tel.enqueue_call("ret-1", "general")
        srv.stop()
        # a non-idempotent call is not retried: UNAVAILABLE at once
        with pytest.raises(errors.Unavailable):
            tel.cancel_call("ret-1", timeout=2)
        t = threading.Timer(0.5, srv.start)
        t.start()
        # enqueue is idempotent on the call id: retried until the server is back, and a duplicate
        r = tel.enqueue_call("ret-1", "general")
        t.join(90)
        assert r.duplicate and r.call.call_id == "ret-1"
        tel.close()
    finally:
        srv.kill()


def test_async_client(server):  # type: ignore[no-untyped-def]
    async def main() -> None:
        async with async_client(server.target, "telephony") as tel, \
                async_client(server.target, "supervisor") as sup:
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
    """A subscriber that stops reading is dropped with SUBSCRIBER_TOO_SLOW and resumes gap-free.

    How much a stalled stream absorbs before the server's 20-event buffer fills (HTTP/2 windows,
    write buffers) depends on the grpc version and the machine, so the test does not guess a
    number of events: it produces events until the server logs the drop (bounded), then reads."""
    cfg = TEST_CONFIG.replace("subscriber_buffer = 5000", "subscriber_buffer = 20")
    srv = ServerProc(tmp_path, cfg).start()
    tel = client(srv.target, "telephony")
    # without BDP probing the client's HTTP/2 window stays small: a client that does not read
    # really stops the transport, and the server's per-subscriber buffer must take the strain
    sup = client(srv.target, "supervisor", options=[("grpc.http2.bdp_probe", 0)])
    pool = ThreadPoolExecutor(8)
    try:
        slow = sup.watch_events(reconnect=False, timeout=90)  # a missed drop fails, never hangs
        snap = next(slow).snapshot
        n, cap, rounds_deadline = 0, 40_000, time.monotonic() + 60
        pad = "z" * (128 - len("slow-00000-"))  # the longest call id: the most bytes per event
        while "event subscriber dropped" not in srv.output():
            assert n < cap and time.monotonic() < rounds_deadline, \
                f"the server never dropped the subscriber that does not read ({n} events sent)"
            list(pool.map(lambda i: tel.enqueue_call(f"slow-{i:05d}-{pad}", "general", timeout=30),
                          range(n, n + 200)))
            n += 200
        got = []
        with pytest.raises(errors.ResourceExhausted) as ei:
            for resp in slow:
                got.extend(resp.events)
        assert ei.value.reason == "SUBSCRIBER_TOO_SLOW" and 0 < len(got) < n
        assert int(ei.value.metadata["after_seq"]) == got[-1].seq
        # the resuming client gets the rest, no gap, no duplicate
        rest = []
        for resp in sup.watch_events(after_seq=got[-1].seq, reconnect=False, timeout=60):
            rest.extend(resp.events)
            if rest and rest[-1].seq >= snap.seq + n:
                break
        seqs = [e.seq for e in got + rest]
        assert seqs == list(range(snap.seq + 1, snap.seq + n + 1))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        tel.close()
        sup.close()
        srv.kill()
