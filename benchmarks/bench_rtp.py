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
            cfg = rtp.RecorderConfig(storage_dir=tmp, shared_ports=[0], port_range=(34000, 34099), tick_ms=5)
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
