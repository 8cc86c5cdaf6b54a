"""RTP recorder benchmarks (pytest-benchmark; run: make bench, or
.venv/bin/python -m pytest benchmarks/bench_rtp.py --benchmark-json=bench-results/rtp.json -s).

Reports CPU microseconds per packet end to end (socket -> file), packets/s, loss, memory per
call, and ffmpeg recording the same kind of streams in the same run for the ratio."""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "rtp"))
from rtp_helpers import rtp_packet, tone_ulaw  # noqa: E402

import rtp  # noqa: E402

pytestmark = pytest.mark.skipif(rtp.IMPLEMENTATION != "compiled", reason="benchmarks measure the compiled path")
AUDIO = tone_ulaw(8000 * 2)


@pytest.mark.parametrize("calls,legs", [(2000, 1), (1000, 2)])
def test_bench_parse_reorder_write_in_memory(benchmark, tmp_path: Path, calls: int,  # type: ignore[no-untyped-def]
                                             legs: int) -> None:
    """demux + parse + sequence/jitter + timeline placement + commit + WAV writes, no sockets.

    2,000 streams on the shared port (`calls` calls of `legs` legs), 250 packets (5 s) each, one
    `Engine.inject_batch` of the whole run; the engine ticks once per 20 ms round as the loop
    does, so flushes (every 500 ms of timeline per call) and writes follow the real pattern.
    Three rates per round, all over the same packets:
      inject  - CPU of the injecting thread alone (parse, demux, state, placement, hand-off);
      cpu     - CPU of the whole process (injector + writer thread) from the start until the
                writer has written everything flushed (`sync_writes`): parse + reorder + write;
      wall    - elapsed time for the same (both threads, on whatever cores the host gives).
    The last reorder delay of every call (200 ms of its 5 s) is written by close_call, with the
    final header and fsync, outside the timing; `written_fraction` says how much of the audio was
    in the files when the clock stopped."""
    per = 250
    ipb = socket.inet_aton("127.0.0.1")
    out = bytearray()
    for i in range(per):
        head = struct.pack("<q", 10**12 + i * 20_000_000)    # one tick per 20 ms round
        payload = AUDIO[160 * (i % 99):160 * (i % 99 + 1)]
        for s in range(calls * legs):
            d = rtp_packet(i, 160 * i, 0x1000 + s, payload)
            out += struct.pack("<HH", len(d), 10000 + s) + ipb + head + d
    buf = bytes(out)
    n = calls * legs * per
    rates: dict[str, list[float]] = {"inject": [], "cpu": [], "wall": []}
    written: list[float] = []
    overflow: list[int] = []

    def run() -> None:
        d = tmp_path / f"round{len(written)}"
        d.mkdir()
        e = rtp.Engine()
        sk = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sk.bind(("127.0.0.1", 0))
        sid = e.add_socket(sk.detach(), rtp.SockKind.SHARED)
        hs = [e.open_call(str(d / f"{c}.wav"), 7, [dict(want_ip="127.0.0.1", want_port=10000 + c * legs + k)
                                                    for k in range(legs)]) for c in range(calls)]
        p0, t0, w0 = time.process_time(), time.thread_time(), time.perf_counter()
        assert e.inject_batch(sid, buf) == n
        t1 = time.thread_time()
        e.sync_writes()
        p1, w1 = time.process_time(), time.perf_counter()
        st = e.stats()
        for h in hs:
            e.close_call(h)
        shutil.rmtree(d)
        assert st["audio_packets"] == n
        overflow.append(st["write_overflow_frames"])    # audio the writer was too far behind for
        rates["inject"].append(n / (t1 - t0))
        rates["cpu"].append(n / (p1 - p0))
        rates["wall"].append(n / (w1 - w0))
        written.append(st["write_bytes"] / (n * 160))

    benchmark.pedantic(run, rounds=5, iterations=1)
    info: dict[str, object] = {"calls": calls, "legs": legs, "packets_per_round": n,
                               "written_fraction": round(min(written), 3),
                               "write_overflow_frames": max(overflow),
                               "load_average_1min": round(os.getloadavg()[0], 2)}
    for k, v in rates.items():
        v.sort()
        info[f"{k}_packets_per_s_median"] = round(v[len(v) // 2])
        info[f"{k}_packets_per_s_min"] = round(v[0])
        info[f"{k}_packets_per_s_max"] = round(v[-1])
        info[f"{k}_ns_per_packet_median"] = round(1e9 / v[len(v) // 2], 1)
    benchmark.extra_info.update(info)


@pytest.mark.parametrize("legs", [1, 2])
def test_bench_write_floor(benchmark, tmp_path: Path, legs: int) -> None:  # type: ignore[no-untyped-def]
    """The file writes of the in-memory benchmark and nothing else: 2,000 WAV files, each
    appended one 500 ms flush of G.711 at a time (4,000 bytes a leg) with its header rewritten
    after it, through the engine's own writer code (WavWriter.write + flush = wav_write +
    wav_sync_header), round-robin over the files as the writer thread sees them. Process CPU per
    flush and per 20 ms packet it carries: the part of parse + reorder + write the packet path
    cannot remove."""
    files, flushes = 2000, 10
    block = bytes([0x55]) * (4000 * legs)
    per_flush: list[float] = []

    def run() -> None:
        d = tmp_path / f"round{len(per_flush)}"
        d.mkdir()
        ws = [rtp.WavWriter(str(d / f"{i}.wav"), 7, legs) for i in range(files)]
        t0 = time.process_time()
        for _ in range(flushes):
            for w in ws:
                w.write(block)
                w.flush()
        dt = time.process_time() - t0
        for w in ws:
            w.close(fsync=False)
        shutil.rmtree(d)
        per_flush.append(dt / (files * flushes))

    benchmark.pedantic(run, rounds=3, iterations=1)
    per_flush.sort()
    med = per_flush[len(per_flush) // 2]
    benchmark.extra_info.update({
        "legs": legs, "files": files, "flush_bytes": len(block),
        "us_per_flush_median": round(1e6 * med, 2),
        "ns_per_packet_median": round(1e9 * med / (25 * legs), 1),    # 25 packets of 20 ms a leg
        "packets_per_s_bound": round(25 * legs / med),
        "load_average_1min": round(os.getloadavg()[0], 2),
    })


def _loadgen(dst: tuple[str, int], n: int, seconds: float, ports: list[int], q: mp.Queue) -> None:  # type: ignore[type-arg]
    from rtp import _rtp
    q.put(_rtp.run_loadgen([dst], n, AUDIO, seconds, nsockets=len(ports), src_ports=ports))


@pytest.mark.parametrize("calls", [250, 1000, 2500])
def test_bench_socket_to_file(benchmark, calls: int) -> None:  # type: ignore[no-untyped-def]
    """Two-leg G.711 calls on the shared port; the generator runs in another process."""
    seconds = 6.0

    def run() -> None:
        async def main() -> None:
            tmp = tempfile.mkdtemp(prefix="rtpbench")
            cfg = rtp.RecorderConfig(storage_dir=tmp, shared_ports=[0], port_range=(34000, 34099), tick_ms=5,
                                     timeout_s=600.0)  # 2,500 sequential stops (fsync each) outlast 30 s
            async with rtp.Recorder(cfg) as rec:
                ports = [42000 + i for i in range(8)]
                n = 2 * calls
                for c in range(calls):
                    legs = [rtp.Leg(name, remote=("127.0.0.1", ports[(2 * c + k) % 8]), ssrc=0x10000000 + 2 * c + k)
                            for k, name in enumerate(("caller", "agent"))]
                    await rec.start_recording(f"b{c}", legs, shared=True)
                me = psutil.Process(os.getpid())
                rss0 = me.memory_info().rss
                q: mp.Queue = mp.Queue()  # type: ignore[type-arg]
                g = mp.Process(target=_loadgen, args=(rec.shared_addresses[0], n, seconds, ports, q))
                k0 = rtp.recorder.udp_rcvbuf_errors() or 0
                c0 = me.cpu_times()
                g.start()
                await asyncio.to_thread(g.join, 60)
                await asyncio.sleep(0.3)
                c1 = me.cpu_times()
                gen = q.get(timeout=5)
                st = rec.stats()
                rss1 = me.memory_info().rss
                received = 0
                for c in range(calls):
                    info = await rec.stop_recording(f"b{c}")
                    received += sum(x["received"] for x in rec.final_stats(info.recording_id)["legs"])
                cpu = (c1.user + c1.system) - (c0.user + c0.system)
                benchmark.extra_info.update({
                    "calls": calls, "streams": n, "packets_sent": gen["sent"], "packets_recorded": received,
                    "loss_pct": round(100 * (1 - received / max(gen["sent"], 1)), 4),
                    "send_rate_pps": round(gen["sent"] / seconds),
                    "cpu_us_per_packet": round(1e6 * cpu / max(received, 1), 3),
                    "recorder_cpu_cores": round(cpu / seconds, 3),
                    "socket_drops": st["socket_drops"],
                    "kernel_rcvbuf_errors_delta": (rtp.recorder.udp_rcvbuf_errors() or 0) - k0,
                    "rss_growth_per_call_kb": round((rss1 - rss0) / calls / 1024, 1),
                    "engine_state_per_call_bytes": st["call_memory"],
                    "max_batch": st["max_batch"], "recv_calls": st["recv_calls"],
                    "generator_late_slices": gen["late_slices"],
                })
            shutil.rmtree(tmp, ignore_errors=True)
        asyncio.run(main())
    benchmark.pedantic(run, rounds=1, iterations=1)


@pytest.mark.skipif(not shutil.which("ffmpeg"), reason="ffmpeg not installed")
def test_bench_ffmpeg_same_streams(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """ffmpeg as a per-stream recorder (-c copy to WAV) on the same kind of streams."""
    streams, seconds = 20, 6.0

    def run() -> None:
        procs, ports = [], []
        for i in range(streams):
            port = 35000 + 2 * i
            sdp = tmp_path / f"{i}.sdp"
            sdp.write_text(f"v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\n"
                           f"m=audio {port} RTP/AVP 0\na=rtpmap:0 PCMU/8000\n")
            procs.append(subprocess.Popen(["ffmpeg", "-nostdin", "-loglevel", "error", "-protocol_whitelist",
                                           "file,udp,rtp", "-i", str(sdp), "-c", "copy", "-y",
                                           str(tmp_path / f"{i}.wav")]))
            ports.append(port)
        time.sleep(1.5)
        ps = [psutil.Process(p.pid) for p in procs]
        c0 = sum(p.cpu_times().user + p.cpu_times().system for p in ps)
        from rtp import _rtp
        gen = _rtp.run_loadgen([("127.0.0.1", p) for p in ports], streams, AUDIO, seconds, nsockets=1)
        time.sleep(0.5)
        c1 = sum(p.cpu_times().user + p.cpu_times().system for p in ps)
        for p in procs:
            p.terminate()
            p.wait()
        cpu = c1 - c0
        benchmark.extra_info.update({
            "ffmpeg_streams": streams, "packets": gen["sent"],
            "ffmpeg_cpu_us_per_packet": round(1e6 * cpu / max(gen["sent"], 1), 2),
            "ffmpeg_cpu_s_per_stream_minute": round(cpu / streams / (seconds / 60), 4),
        })
    benchmark.pedantic(run, rounds=1, iterations=1)


# --- live monitoring: recorder-added latency -------------------------------------------------
# Packet i of a monitored leg carries 160 copies of one mu-law code, CODES[i % len(CODES)], so a
# monitor frame names the newest packet in it. Latency of a frame = when the listener got it
# - when the newest packet in it was sent (CLOCK_MONOTONIC is one clock for every process;
# the send time is taken just before the packet's first sendto, so a sender preempted around
# its sendto adds to the latency instead of making a frame seem to arrive before its packet,
# which with 96 codes was then matched to the packet 1.92 s earlier).
# The background calls load the recorder while it is measured.
CODES = [c for c in range(0x10, 0x70)]          # 96 codes with distinct non-zero decoded values


def _monitored_sender(m: int, dsts: list[tuple[str, int]], packets: int, q: mp.Queue) -> None:  # type: ignore[type-arg]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sent: list[int] = []
    t0 = time.monotonic()
    for i in range(packets):
        payload = bytes([CODES[(i + 24 * m) % len(CODES)]]) * 160    # each call its own code phase
        pkts = [rtp_packet(i, 160 * i, 0x5000 + k, payload) for k in range(len(dsts))]
        sent.append(time.monotonic_ns())
        for p, d in zip(pkts, dsts):
            s.sendto(p, d)
        delay = t0 + 0.02 * (i + 1) - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    q.put((m, sent))


def _newest_packet(samples: memoryview, value_to_code: dict[int, int], t_ns: int, sent: list[int],
                   m: int) -> int | None:
    """Index of the newest monitored packet in a frame (the last non-silent sample's code)."""
    for v in reversed(samples):
        if v:
            c = value_to_code.get(v)
            if c is None:
                return None
            k = (CODES.index(c) - 24 * m) % len(CODES)
            # the newest packet with this code sent before the frame was received
            best = None
            for i in range(k, len(sent), len(CODES)):
                if sent[i] <= t_ns:
                    best = i
                else:
                    break
            return best
    return None


def _frame_latencies(got: list[list[tuple[int, int, bytes]]], sent_by_call: dict[int, list[int]]
                     ) -> tuple[list[float], list[float]]:
    """(listener latency, latency up to a stage) in ms per measured frame, both sorted.
    got[m]: (listener's receive time, the stage's time, stereo PCM16) per frame of call m."""
    value_to_code = {int.from_bytes(rtp.ulaw_decode(bytes([c])), "little", signed=True): c for c in CODES}
    lat: list[float] = []
    stage: list[float] = []
    for m, frames in enumerate(got):
        sent = sent_by_call[m]
        for t_ns, s_ns, pcm in frames:
            s16 = memoryview(pcm).cast("h")
            idx = [_newest_packet(s16[ch::2], value_to_code, t_ns, sent, m) for ch in (0, 1)]
            if None in idx:
                continue
            newest = sent[max(idx)]  # type: ignore[type-var]
            lat.append((t_ns - newest) / 1e6)
            stage.append((s_ns - newest) / 1e6)
    lat.sort()
    stage.sort()
    return lat, stage


def _pct(xs: list[float], p: float) -> float:
    return round(xs[min(len(xs) - 1, int(len(xs) * p))], 2)


def _hog(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@pytest.mark.parametrize("background_calls,hogs,rt_priority", [(0, 0, 0), (1000, 0, 0), (1000, 4, 0), (1000, 4, 10)])
def test_bench_monitor_latency(benchmark, background_calls: int, hogs: int,  # type: ignore[no-untyped-def]
                               rt_priority: int) -> None:
    """MonitorCall's source: per-frame latency (stereo, two legs) added by the recorder, with
    `background_calls` two-leg calls being recorded at the same time and `hogs` busy-looping
    processes competing for the 2 cores; rt_priority > 0 runs the receive thread SCHED_FIFO
    (RecorderConfig.rt_priority)."""
    seconds, monitored = 8.0, 4

    def run() -> None:
        async def main() -> None:
            tmp = tempfile.mkdtemp(prefix="rtpmon")
            cfg = rtp.RecorderConfig(storage_dir=tmp, shared_ports=[0], port_range=(34100, 34199), tick_ms=5,
                                     timeout_s=600.0, monitor_queue=200, rt_priority=rt_priority)
            async with rtp.Recorder(cfg) as rec:
                ports = [42100 + i for i in range(8)]
                for c in range(background_calls):
                    legs = [rtp.Leg(name, remote=("127.0.0.1", ports[(2 * c + k) % 8]), ssrc=0x10000000 + 2 * c + k)
                            for k, name in enumerate(("caller", "agent"))]
                    await rec.start_recording(f"bg{c}", legs, shared=True)
                handles = [await rec.start_recording(f"m{m}", [rtp.Leg("caller", ssrc=0x5000),
                                                                rtp.Leg("agent", ssrc=0x5001)])
                           for m in range(monitored)]
                got: list[list[tuple[int, int, bytes]]] = [[] for _ in range(monitored)]

                async def listen(m: int) -> None:
                    async for fr in rec.monitor(f"m{m}", "stereo"):
                        got[m].append((time.monotonic_ns(), fr.emitted_ns, fr.pcm))
                tasks = [asyncio.create_task(listen(m)) for m in range(monitored)]
                q: mp.Queue = mp.Queue()  # type: ignore[type-arg]
                gens = []
                if background_calls:
                    g = mp.Process(target=_loadgen, args=(rec.shared_addresses[0], 2 * background_calls, seconds,
                                                          ports, mp.Queue()))
                    g.start()
                    gens.append(g)
                packets = int(seconds / 0.02)
                senders = [mp.Process(target=_monitored_sender,
                                      args=(m, [("127.0.0.1", h.media[0].rtp_port), ("127.0.0.1", h.media[1].rtp_port)],
                                            packets, q)) for m, h in enumerate(handles)]
                hog_ps = [mp.Process(target=_hog, args=(seconds + 1.0,)) for _ in range(hogs)]
                for p in hog_ps:
                    p.start()
                for s in senders:
                    s.start()
                sent_by_call = dict([await asyncio.to_thread(q.get, True, 60) for _ in senders])
                for p in senders + gens + hog_ps:
                    await asyncio.to_thread(p.join, 60)
                await asyncio.sleep(0.3)
                for m in range(monitored):
                    await rec.stop_recording(f"m{m}")
                await asyncio.wait_for(asyncio.gather(*tasks), 30)
                lat, in_engine = _frame_latencies(got, sent_by_call)
                skipped = sum(packets - len(g) for g in got)
                for c in range(background_calls):
                    await rec.stop_recording(f"bg{c}")
            shutil.rmtree(tmp, ignore_errors=True)
            benchmark.extra_info.update({
                "engine_p50_ms": _pct(in_engine, 0.5), "engine_p99_ms": _pct(in_engine, 0.99),
                "background_calls": background_calls, "cpu_hogs": hogs, "rt_priority": rt_priority,
                "monitored_calls": monitored,
                "frames_measured": len(lat),
                "latency_p50_ms": _pct(lat, 0.5), "latency_p99_ms": _pct(lat, 0.99),
                "latency_max_ms": round(lat[-1], 2), "frames_not_delivered": skipped,
                "load_average_1min": round(os.getloadavg()[0], 2),
            })
        asyncio.run(main())
    benchmark.pedantic(run, rounds=1, iterations=1)


@pytest.mark.parametrize("background_calls,hogs,rt_priority", [(0, 0, 0), (1000, 0, 0), (1000, 4, 0), (1000, 4, 10)])
def test_bench_monitor_latency_grpc(benchmark, tmp_path: Path, background_calls: int, hogs: int,  # type: ignore[no-untyped-def]
                                    rt_priority: int) -> None:
    """What a supervisor gets: MonitorCall over a real server (`python -m grpc_server`, its own
    process, 127.0.0.1, port 0) with the same calls, load and latency definition as
    test_bench_monitor_latency; the listener is a gRPC client in the benchmark process.
    "queued" = the response's queued_ms: from the moment the receive thread released the frame
    to the moment the servicer handed it to gRPC (the recorder's wake-up, queues and the server's
    asyncio loop)."""
    import threading

    import grpc

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "grpc"))
    from grpc_harness import TEST_CONFIG, TOKENS, ServerProc

    from acdcore_api.acd.v1 import recording_service_pb2 as pb
    from acdcore_api.acd.v1 import recording_service_pb2_grpc as pb_grpc

    seconds, monitored = 8.0, 4
    config = TEST_CONFIG + f"""
[recording]
port_range = [34200, 34299]
shared_ports = [0]
timeout_seconds = 600
rt_priority = {rt_priority}
"""
    md = (("authorization", f"Bearer {TOKENS['admin']}"),)

    def run() -> None:
        srv = ServerProc(tmp_path / f"srv{background_calls}-{hogs}-{rt_priority}", config).start()
        ch = grpc.insecure_channel(srv.target)
        try:
            stub = pb_grpc.RecordingServiceStub(ch)
            ports = [42200 + i for i in range(8)]
            shared: tuple[str, int] | None = None
            pending = []
            for c in range(background_calls):
                legs = [pb.RecordingLeg(name=name, remote_host="127.0.0.1", remote_port=ports[(2 * c + k) % 8],
                                        ssrc=0x10000000 + 2 * c + k) for k, name in enumerate(("caller", "agent"))]
                pending.append(stub.StartRecording.future(pb.StartRecordingRequest(
                    call_id=f"bg{c}", legs=legs, shared_port=True), metadata=md, timeout=60))
                if len(pending) >= 32 or c == background_calls - 1:
                    for f in pending:
                        r = f.result()
                        shared = (r.media[0].host, r.media[0].rtp_port)
                    pending.clear()
            media = []
            for m in range(monitored):
                r = stub.StartRecording(pb.StartRecordingRequest(call_id=f"m{m}", legs=[
                    pb.RecordingLeg(name="caller", ssrc=0x5000), pb.RecordingLeg(name="agent", ssrc=0x5001)]),
                    metadata=md, timeout=60)
                media.append([(a.host, a.rtp_port) for a in r.media])
            got: list[list[tuple[int, int, bytes]]] = [[] for _ in range(monitored)]
            queued: list[float] = []
            streams = [stub.MonitorCall(pb.MonitorCallRequest(call_id=f"m{m}", mode=pb.MONITOR_MODE_STEREO),
                                        metadata=md, timeout=seconds + 60) for m in range(monitored)]

            def listen(m: int) -> None:
                for fr in streams[m]:
                    now = time.monotonic_ns()
                    got[m].append((now, now, fr.pcm))
                    queued.append(fr.queued_ms)
            listeners = [threading.Thread(target=listen, args=(m,), daemon=True) for m in range(monitored)]
            for t in listeners:
                t.start()
            time.sleep(0.5)               # the streams registered their listeners
            q: mp.Queue = mp.Queue()  # type: ignore[type-arg]
            gens = []
            if background_calls:
                assert shared is not None
                g = mp.Process(target=_loadgen, args=(shared, 2 * background_calls, seconds, ports, mp.Queue()))
                g.start()
                gens.append(g)
            packets = int(seconds / 0.02)
            senders = [mp.Process(target=_monitored_sender, args=(m, media[m], packets, q)) for m in range(monitored)]
            hog_ps = [mp.Process(target=_hog, args=(seconds + 1.0,)) for _ in range(hogs)]
            for p in hog_ps:
                p.start()
            for s in senders:
                s.start()
            sent_by_call = dict([q.get(True, 60) for _ in senders])
            for p in senders + gens + hog_ps:
                p.join(60)
            time.sleep(0.3)
            for m in range(monitored):
                stub.StopRecording(pb.StopRecordingRequest(call_id=f"m{m}"), metadata=md, timeout=60)
            for t in listeners:
                t.join(30)
            lat, _ = _frame_latencies(got, sent_by_call)
            queued.sort()
            benchmark.extra_info.update({
                "queued_p50_ms": _pct(queued, 0.5), "queued_p99_ms": _pct(queued, 0.99),
                "background_calls": background_calls, "cpu_hogs": hogs, "rt_priority": rt_priority,
                "monitored_calls": monitored, "frames_measured": len(lat),
                "latency_p50_ms": _pct(lat, 0.5), "latency_p99_ms": _pct(lat, 0.99),
                "latency_max_ms": round(lat[-1], 2),
                "frames_not_delivered": sum(packets - len(g) for g in got),
                "load_average_1min": round(os.getloadavg()[0], 2),
            })
        finally:
            ch.close()
            srv.kill()                    # the 1,000 background recordings need no finalizing
    benchmark.pedantic(run, rounds=1, iterations=1)
