"""The gRPC server under load, clients in other processes (a script, not a pytest module).

    .venv/bin/python benchmarks/bench_grpc.py                    # everything, ~1-2 minutes
    .venv/bin/python benchmarks/bench_grpc.py --json bench-results/grpc.json

Measures, against a real server subprocess on 127.0.0.1 (fsync on, compiled core unless
ACDCORE_PURE=1):

* unary EnqueueCall latency (median, p99) and throughput with 1, 16 and 64 concurrent
  clients (each a thread of a client process; 64 = 4 processes x 16), and at a fixed
  1,000 requests/s (open loop) for the p99 target;
* the in-process core doing the same enqueues (the ratio gRPC / in-process);
* journal fsync cost (group commit: records per fsync, fsync latency);
* event-stream throughput to 1 and to 50 subscribers (a burst of events from many
  waiting calls, received and parsed by the subscriber processes);
* reaction time: an agent's SetReady until the subscriber holds the next call's
  CALL_OFFERED event (p50, p99).

Wall time is measured here and printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "grpc"))

from grpc_harness import TOKENS, ServerProc  # noqa: E402

BENCH_CONFIG = """
[server]
listen = ["127.0.0.1:0"]
state_dir = "state"
max_streams = 500
max_connection_streams = 500
subscriber_buffer = 1000000
event_history = 1000000
snapshot_every = 10000000

[auth]
tokens = [
  { name = "admin", role = "admin", token = "%(admin)s" },
  { name = "telephony", role = "telephony", token = "%(telephony)s" },
  { name = "supervisor", role = "supervisor", token = "%(supervisor)s" },
  { name = "agent-a1", role = "agent", token = "%(agent)s", agent_id = "a1" },
]

[[queues]]
name = "q"
wrap_up = 0
offer_timeout = 3600

[[queues]]
name = "burst"
wrap_up = 0

[[agents]]
id = "a1"
queues = { q = 0 }
""" % TOKENS


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))]


# ---------------------------------------------------------------- client processes

def _closed_loop(target: str, prefix: str, threads: int, per_thread: int, out: mp.Queue) -> None:
    from acdcore_client import Client

    c = Client(target, TOKENS["telephony"], retries=1)
    c.get_queue_stats("q")  # connect first
    lat: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def worker(k: int) -> None:
        mine = []
        barrier.wait()
        for i in range(per_thread):
            t = time.perf_counter()
            c.enqueue_call(f"{prefix}-{k}-{i}", "q")
            mine.append(time.perf_counter() - t)
        with lock:
            lat.extend(mine)

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out.put((lat, time.perf_counter() - t0))
    c.close()


def closed_loop(target: str, clients: int, per_client: int, tag: str) -> dict:
    procs = max(1, clients // 16)
    threads = clients // procs
    q: mp.Queue = mp.Queue()
    ps = [mp.Process(target=_closed_loop, args=(target, f"{tag}{p}", threads, per_client, q)) for p in range(procs)]
    t0 = time.perf_counter()
    for p in ps:
        p.start()
    res = [q.get() for _ in ps]
    for p in ps:
        p.join()
    lat = [x for r, _ in res for x in r]
    wall = max(w for _, w in res)
    return {"clients": clients, "requests": len(lat), "median_ms": statistics.median(lat) * 1e3,
            "p99_ms": pct(lat, 99) * 1e3, "throughput_rps": len(lat) / wall, "elapsed_s": time.perf_counter() - t0}


def _open_loop(target: str, rate: float, seconds: float, out: mp.Queue) -> None:
    """Requests sent on a fixed schedule (rate/s) from 8 threads; latency from the scheduled time."""
    from acdcore_client import Client

    c = Client(target, TOKENS["telephony"], retries=1)
    c.get_queue_stats("q")
    n = int(rate * seconds)
    start = time.perf_counter() + 0.2
    lat: list[float] = []
    lock = threading.Lock()
    nxt = iter(range(n))

    def worker() -> None:
        while True:
            with lock:
                i = next(nxt, None)
            if i is None:
                return
            due = start + i / rate
            d = due - time.perf_counter()
            if d > 0:
                time.sleep(d)
            c.enqueue_call(f"open-{i}", "q")
            with lock:
                lat.append(time.perf_counter() - due)

    ts = [threading.Thread(target=worker) for _ in range(8)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out.put((lat, time.perf_counter() - start))
    c.close()


def open_loop(target: str, rate: float, seconds: float) -> dict:
    q: mp.Queue = mp.Queue()
    p = mp.Process(target=_open_loop, args=(target, rate, seconds, q))
    p.start()
    lat, wall = q.get()
    p.join()
    return {"rate_rps": rate, "requests": len(lat), "median_ms": statistics.median(lat) * 1e3,
            "p99_ms": pct(lat, 99) * 1e3, "max_ms": max(lat) * 1e3, "achieved_rps": len(lat) / wall}


def _subscriber(target: str, expect_seq: int, ready: mp.Event, out: mp.Queue) -> None:
    from acdcore_client import Client

    c = Client(target, TOKENS["supervisor"])
    n = 0
    t_first = None
    stream = c.watch_events(queues=["burst"], reconnect=False)
    next(stream)  # snapshot
    ready.set()
    for resp in stream:
        if t_first is None:
            t_first = time.perf_counter()
        n += len(resp.events)
        if resp.events and resp.events[-1].seq >= expect_seq:
            break
    out.put((n, time.perf_counter() - (t_first or time.perf_counter())))
    c.close()


def _event_burst(srv: ServerProc, subscribers: int, calls: int) -> dict:
    """``calls`` calls wait in queue 'burst' (max_priority_overtake 0.5 s would promote them; here an
    UpdateQueue of the queue re-sorts them: one request, ``calls`` events). Measured at the subscribers."""
    from acdcore_client import Client

    adm = Client(srv.target, TOKENS["admin"])
    tel = Client(srv.target, TOKENS["telephony"])
    # events to stream: the enqueues themselves, released as fast as the server applies them
    before = next(iter(adm.watch_events(max_reconnects=0))).snapshot.seq
    q: mp.Queue = mp.Queue()
    readies = [mp.Event() for _ in range(subscribers)]
    expect = before + calls
    ps = [mp.Process(target=_subscriber, args=(srv.target, expect, r, q)) for r in readies]
    for p in ps:
        p.start()
    for r in readies:
        r.wait(60)
    # a burst of events: cancel-free enqueues from 4 client processes (64 concurrent requests)
    t0 = time.perf_counter()
    res = closed_loop(srv.target, 64, calls // 64, "burst")
    del res
    got = [q.get() for _ in ps]
    for p in ps:
        p.join()
    wall = time.perf_counter() - t0
    adm.close()
    tel.close()
    per_sub = [n / max(w, 1e-9) for n, w in got]
    return {"subscribers": subscribers, "events_each": got[0][0], "events_per_s_each_median": statistics.median(per_sub),
            "events_per_s_total": sum(n for n, _ in got) / wall}


def _replay_stream(srv: ServerProc, after: int, upto: int) -> dict:
    """Stream throughput alone: a subscriber resuming far back reads the history at full speed."""
    from acdcore_client import Client

    c = Client(srv.target, TOKENS["supervisor"])
    n = 0
    t0 = time.perf_counter()
    for resp in c.watch_events(after_seq=after, reconnect=False):
        n += len(resp.events)
        if resp.events and resp.events[-1].seq >= upto:
            break
    wall = time.perf_counter() - t0
    c.close()
    return {"events": n, "events_per_s": n / wall}


def reaction(srv: ServerProc, rounds: int) -> dict:
    """SetReady -> the subscriber holds CALL_OFFERED. The agent pauses, a call waits, SetReady."""
    from acdcore_client import Client

    tel = Client(srv.target, TOKENS["telephony"])
    ag = Client(srv.target, TOKENS["agent"])
    sup = Client(srv.target, TOKENS["supervisor"])
    from acdcore_api.acd.v1 import enums_pb2 as E

    ag.login()
    ag.pause("a1", "bench")
    stream = sup.watch_events(agent_ids=["a1"], event_types=[E.EVENT_TYPE_CALL_OFFERED], reconnect=False)
    next(stream)
    lat = []
    for i in range(rounds):
        tel.enqueue_call(f"react-{i}", "q")
        t = time.perf_counter()
        ag.set_ready()
        while True:
            resp = next(stream)
            if any(e.call_id == f"react-{i}" or e.type == E.EVENT_TYPE_CALL_OFFERED for e in resp.events):
                break
        lat.append(time.perf_counter() - t)
        st = ag.get_agent().agent
        ag.accept_offer(st.offer_id)
        ag.complete_call(st.call_id)
        ag.pause("a1", "bench")
    for c in (tel, ag, sup):
        c.close()
    return {"rounds": rounds, "median_ms": statistics.median(lat) * 1e3, "p99_ms": pct(lat, 99) * 1e3}


def in_process(n: int) -> dict:
    import acdcore

    core = acdcore.Core(clock=time.time)
    core.create_queue(acdcore.QueueConfig("q"))
    lat = []
    for i in range(n):
        t = time.perf_counter()
        core.enqueue(f"c{i}", "q")
        core.read_events()
        lat.append(time.perf_counter() - t)
    return {"requests": n, "median_us": statistics.median(lat) * 1e6, "p99_us": pct(lat, 99) * 1e6,
            "throughput_rps": n / sum(lat), "implementation": acdcore.IMPLEMENTATION}


def journal_cost(srv: ServerProc) -> dict:
    from grpc_server import journal as J

    rep = J.scan(srv.journal)
    return {"records": rep.records, "bytes": sum(s.size for s in rep.segments)}


def fsync_micro(n: int = 500) -> dict:
    d = tempfile.mkdtemp(dir=ROOT)
    fd = os.open(os.path.join(d, "f"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    lat = []
    for _ in range(n):
        os.write(fd, b"x" * 200)
        t = time.perf_counter()
        os.fdatasync(fd)
        lat.append(time.perf_counter() - t)
    os.close(fd)
    os.unlink(os.path.join(d, "f"))
    os.rmdir(d)
    return {"fdatasync_median_ms": statistics.median(lat) * 1e3, "fdatasync_p99_ms": pct(lat, 99) * 1e3}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--quick", action="store_true", help="smaller counts (a smoke run)")
    args = ap.parse_args()
    k = 0.2 if args.quick else 1.0
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        srv = ServerProc(Path(tmp), BENCH_CONFIG).start()
        try:
            results["implementation"] = srv.info["implementation"]
            results["unary"] = [closed_loop(srv.target, c, int(n * k), f"cl{c}")
                                for c, n in ((1, 2000), (16, 300), (64, 80))]
            results["open_loop_1000rps"] = open_loop(srv.target, 1000, 5 * k)
            commits_before = None
            del commits_before
            seq0 = next(iter(__import__("acdcore_client").Client(srv.target, TOKENS["admin"]).watch_events(
                max_reconnects=0))).snapshot.seq
            results["events_1_subscriber"] = _event_burst(srv, 1, int(12800 * k))
            results["events_50_subscribers"] = _event_burst(srv, 50, int(6400 * k))
            seq1 = next(iter(__import__("acdcore_client").Client(srv.target, TOKENS["admin"]).watch_events(
                max_reconnects=0))).snapshot.seq
            results["stream_history_read"] = _replay_stream(srv, seq0, seq1)
            results["reaction_setready_to_offer"] = reaction(srv, int(300 * k))
            results["journal"] = journal_cost(srv)
        finally:
            srv.stop()
    results["fsync"] = fsync_micro()
    results["in_process_core"] = in_process(20000)
    u1 = results["unary"][0]
    results["ratio_grpc_to_in_process_median"] = u1["median_ms"] * 1e3 / results["in_process_core"]["median_us"]
    print(json.dumps(results, indent=1))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
