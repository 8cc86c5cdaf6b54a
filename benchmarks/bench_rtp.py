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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "rtp"))
from rtp_helpers import batch, rtp_packet, tone_ulaw  # noqa: E402

import rtp  # noqa: E402

pytestmark = pytest.mark.skipif(rtp.IMPLEMENTATION != "compiled", reason="benchmarks measure the compiled path")
AUDIO = tone_ulaw(8000 * 2)


def test_bench_parse_reorder_write_in_memory(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """demux + parse + sequence/jitter + timeline placement + commit + WAV writes, no sockets."""
    streams, per = 500, 100
    items = []
    for i in range(per):
        for s in range(streams):
            items.append((10**12 + i * 20_000_000,  # one tick per 20 ms round, as the loop does
                          rtp_packet(i, 160 * i, 0x1000 + s, AUDIO[160 * i:160 * (i + 1)]),
                          "127.0.0.1", 10000 + s))
    buf = batch(items)

    def run() -> None:
        e = rtp.Engine()
        sk = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sk.bind(("127.0.0.1", 0))
        sid = e.add_socket(sk.detach(), rtp.SockKind.SHARED)
        hs = [e.open_call(str(tmp_path / f"{s}.wav"), 7, [dict(want_ip="127.0.0.1", want_port=10000 + s)])
              for s in range(streams)]
        t0 = time.process_time()
        e.inject_batch(sid, buf)
        dt = time.process_time() - t0
        for h in hs:
            e.close_call(h)
        benchmark.extra_info["packets_per_s_in_memory"] = round(len(items) / dt)
    benchmark.pedantic(run, rounds=3, iterations=1)


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
# - when the newest packet in it was sent (CLOCK_MONOTONIC is one clock for every process).
# The background calls load the recorder while it is measured.
CODES = [c for c in range(0x10, 0x70)]          # 96 codes with distinct non-zero decoded values


def _monitored_sender(m: int, dsts: list[tuple[str, int]], packets: int, q: mp.Queue) -> None:  # type: ignore[type-arg]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sent: list[int] = []
    t0 = time.monotonic()
    for i in range(packets):
        payload = bytes([CODES[(i + 24 * m) % len(CODES)]]) * 160    # each call its own code phase
        for k, d in enumerate(dsts):
            s.sendto(rtp_packet(i, 160 * i, 0x5000 + k, payload), d)
        sent.append(time.monotonic_ns())
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
            value_to_code = {int.from_bytes(rtp.ulaw_decode(bytes([c])), "little", signed=True): c for c in CODES}
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
                lat: list[float] = []
                in_engine: list[float] = []
                skipped = 0
                for m in range(monitored):
                    sent = sent_by_call[m]
                    for t_ns, e_ns, pcm in got[m]:
                        s16 = memoryview(pcm).cast("h")
                        idx = [_newest_packet(s16[ch::2], value_to_code, t_ns, sent, m) for ch in (0, 1)]
                        if None in idx:
                            continue
                        newest = sent[max(idx)]  # type: ignore[type-var]
                        lat.append((t_ns - newest) / 1e6)
                        in_engine.append((e_ns - newest) / 1e6)
                    skipped += packets - len(got[m])
                for c in range(background_calls):
                    await rec.stop_recording(f"bg{c}")
            shutil.rmtree(tmp, ignore_errors=True)
            lat.sort()
            in_engine.sort()
            benchmark.extra_info.update({
                "engine_p50_ms": round(in_engine[len(in_engine) // 2], 2),
                "engine_p99_ms": round(in_engine[int(len(in_engine) * 0.99)], 2),
                "background_calls": background_calls, "cpu_hogs": hogs, "rt_priority": rt_priority,
                "monitored_calls": monitored,
                "frames_measured": len(lat),
                "latency_p50_ms": round(lat[len(lat) // 2], 2), "latency_p99_ms": round(lat[int(len(lat) * 0.99)], 2),
                "latency_max_ms": round(lat[-1], 2), "frames_not_delivered": skipped,
            })
        asyncio.run(main())
    benchmark.pedantic(run, rounds=1, iterations=1)
