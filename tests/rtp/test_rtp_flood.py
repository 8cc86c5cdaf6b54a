"""Garbage flood: ~100k junk packets/s at the shared port while real calls record (bounded:
3 s). Memory grows < 50 MB and the real streams lose < 0.1 %."""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
from pathlib import Path

import psutil
import pytest
from rtp_helpers import tone_ulaw

import rtp

pytestmark = [pytest.mark.compiled_only, pytest.mark.slow]


def _gen(dst: tuple[str, int], n: int, seconds: float, ssrc_base: int, ports: list[int] | None, q: mp.Queue) -> None:  # type: ignore[type-arg]
    from rtp import _rtp
    q.put(_rtp.run_loadgen([dst], n, tone_ulaw(8000), seconds, nsockets=len(ports) if ports else 8,
                           src_ports=ports, ssrc_base=ssrc_base))


def test_garbage_flood_does_not_hurt_real_calls(tmp_path: Path) -> None:
    async def main() -> None:
        cfg = rtp.RecorderConfig(storage_dir=tmp_path / "rec", shared_ports=[0], port_range=(33000, 33099))
        async with rtp.Recorder(cfg) as rec:
            dst = rec.shared_addresses[0]
            ports = [41000 + i for i in range(4)]
            n = 40
            for i in range(n):
                await rec.start_recording(f"f{i}", [rtp.Leg("caller", remote=("127.0.0.1", ports[i % 4]),
                                                            ssrc=0x20000000 + i)], shared=True)
            proc = psutil.Process(os.getpid())
            rss0 = proc.memory_info().rss
            q: mp.Queue = mp.Queue()  # type: ignore[type-arg]
            # junk: 2000 unbound streams at 50 pps = 100k packets/s, valid-looking RTP that
            # demuxes to nothing, for 3 s; real: 40 bound streams
            junk = mp.Process(target=_gen, args=(dst, 2000, 3.0, 0x70000000, None, q))
            real = mp.Process(target=_gen, args=(dst, n, 3.0, 0x20000000, ports, q))
            junk.start()
            real.start()
            await asyncio.to_thread(junk.join, 30)
            await asyncio.to_thread(real.join, 30)
            r1, r2 = q.get(timeout=5), q.get(timeout=5)
            await asyncio.sleep(0.4)
            st = rec.stats()
            growth = proc.memory_info().rss - rss0
            infos = [rec.final_stats((await rec.stop_recording(f"f{i}")).recording_id) for i in range(n)]
            real_sent = min(r1, r2, key=lambda r: r["sent"])["sent"]
            received = sum(s["legs"][0]["received"] for s in infos)
            assert received >= real_sent * 0.999, (received, real_sent, st)
            assert st["unmatched"] > 200_000
            assert growth < 50 * 2**20
    asyncio.run(main())
