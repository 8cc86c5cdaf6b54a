"""Live monitoring never slows recording: a listener that stops reading, and even an asyncio
loop that stops running, cost only monitor frames (skipped, bounded) - never a packet of the
recording. Frame content is checked against what was sent."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from pathlib import Path

from rtp_helpers import rtp_packet, tone_ulaw

import rtp
from rtp.wavfile import channel, read_wav

CALLER = tone_ulaw(8000 * 4, 500)
AGENT = tone_ulaw(8000 * 4, 900)
N = 150                                  # 3 s per leg


def _send_from_a_thread(dsts: list[tuple[str, int]]) -> threading.Thread:
    # a plain thread, so sending goes on while the test blocks the event loop
    def run() -> None:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        t0 = time.monotonic()
        for i in range(N):
            s.sendto(rtp_packet(i, 160 * i, 0x11, CALLER[160 * i:160 * (i + 1)]), dsts[0])
            s.sendto(rtp_packet(i, 160 * i, 0x22, AGENT[160 * i:160 * (i + 1)]), dsts[1])
            delay = t0 + 0.02 * (i + 1) - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        s.close()
    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def test_stalled_listener_and_blocked_loop_never_slow_recording(tmp_path: Path) -> None:
    async def main() -> None:
        cfg = rtp.RecorderConfig(storage_dir=tmp_path / "rec", port_range=(31500, 31599), delay_ms=60,
                                 flush_ms=100, timeout_s=5.0, monitor_queue=8)
        async with rtp.Recorder(cfg) as rec:
            h = await rec.start_recording("m", [rtp.Leg("caller"), rtp.Leg("agent")])
            stalled = rec.monitor("m", "mixed")           # takes one frame, then never reads again
            first = asyncio.create_task(stalled.__anext__())
            live: list[rtp.MonitorFrame] = []

            async def listen() -> None:
                async for fr in rec.monitor("m", "stereo"):
                    live.append(fr)
            task = asyncio.create_task(listen())
            await asyncio.sleep(0.05)
            sender = _send_from_a_thread([("127.0.0.1", h.media[0].rtp_port), ("127.0.0.1", h.media[1].rtp_port)])
            await asyncio.wait_for(first, 5)
            await asyncio.sleep(1.0)
            time.sleep(1.0)                               # a listener that blocks the whole loop
            await asyncio.to_thread(sender.join, 30)
            await asyncio.sleep(0.3)
            legs = rec.stats("m")["legs"]
            assert [(leg["received"], leg["lost"]) for leg in legs] == [(N, 0), (N, 0)]
            info = await rec.stop_recording("m")
            await asyncio.wait_for(task, 5)
            wi, data = read_wav(info.path)
            assert CALLER[:N * 160 - 400] in channel(data, wi, 0)     # recording complete
            assert AGENT[:N * 160 - 400] in channel(data, wi, 1)
            # the live listener lost frames while the loop was blocked, and says so
            assert sum(f.skipped for f in live) > 0
            assert len(live) + sum(f.skipped for f in live) >= N - 10
            # and what it got is the call itself: decoded, both legs, in step
            fr = live[len(live) // 4]
            samples = memoryview(fr.pcm).cast("h")
            assert bytes(samples[0::2]) in rtp.ulaw_decode(CALLER)
            assert bytes(samples[1::2]) in rtp.ulaw_decode(AGENT)
            # the stalled listener holds at most its queue: it reads what is left, then the end
            rest = [f async for f in stalled]
            assert len(rest) <= cfg.monitor_queue
    asyncio.run(main())
