"""A small typed program against rtp's public API; mypy --strict must accept it."""

from __future__ import annotations

import asyncio

import rtp


def parse(b: bytes) -> int:
    p: rtp.RtpPacket = rtp.parse_rtp(b)
    n: int = p.sequence + p.timestamp + p.ssrc + p.payload_type
    pcm: bytes = rtp.ulaw_decode(p.payload)
    return n + len(pcm)


async def record(cfg: rtp.RecorderConfig) -> str:
    async with rtp.Recorder(cfg) as rec:
        h: rtp.RecordingHandle = await rec.start_recording("c", [rtp.Leg("caller", codec="PCMA")])
        port: int = h.media[0].rtp_port
        async for fr in rec.monitor("c", "mixed"):
            _ = fr.pcm, fr.skipped, port
            break
        info: rtp.RecordingInfo = await rec.stop_recording("c")
        return info.path


w = rtp.WavWriter("/tmp/x.wav", rtp.StoreFormat.ULAW, 2)
w.write(b"\xff\xff")
w.close()
_ = asyncio.run
