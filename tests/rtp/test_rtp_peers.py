"""Independent RTP senders (ffmpeg, GStreamer) into the recorder: the recording matches the
source audio (duration within 20 ms, normalised correlation >= 0.99)."""

from __future__ import annotations

import asyncio
import shutil
import struct
import subprocess
import wave
from pathlib import Path

import pytest
from rtp_helpers import best_lag_ncc, pcm_of, speechlike_ulaw

import rtp
from rtp.wavfile import channel, read_wav

SECONDS = 3


def source(tmp: Path) -> tuple[Path, list[int]]:
    pcm = rtp.ulaw_decode(speechlike_ulaw(8000 * SECONDS))
    p = tmp / "src.wav"
    with wave.open(str(p), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(pcm)
    return p, list(struct.unpack(f"<{len(pcm) // 2}h", pcm))


def sender_cmd(tool: str, codec: str, src: Path, port: int) -> list[str]:
    if tool == "ffmpeg":
        return ["ffmpeg", "-nostdin", "-loglevel", "error", "-re", "-i", str(src), "-ac", "1", "-ar", "8000",
                "-c:a", "pcm_mulaw" if codec == "PCMU" else "pcm_alaw", "-f", "rtp",
                f"rtp://127.0.0.1:{port}?pkt_size=172"]
    enc, pay = ("mulawenc", "rtppcmupay") if codec == "PCMU" else ("alawenc", "rtppcmapay")
    return ["gst-launch-1.0", "-q", "filesrc", f"location={src}", "!", "wavparse", "!", "audioconvert", "!",
            "audioresample", "!", "audio/x-raw,rate=8000,channels=1", "!", enc, "!", pay,
            "min-ptime=20000000", "max-ptime=20000000", "!", "udpsink", "host=127.0.0.1", f"port={port}"]


@pytest.mark.slow
@pytest.mark.parametrize("tool,codec", [("ffmpeg", "PCMU"), ("ffmpeg", "PCMA"), ("gstreamer", "PCMU"),
                                        ("gstreamer", "PCMA")])
def test_independent_sender_recording_matches_source(tmp_path: Path, tool: str, codec: str) -> None:
    exe = "ffmpeg" if tool == "ffmpeg" else "gst-launch-1.0"
    if not shutil.which(exe):
        pytest.skip(f"{exe} not installed (see .ci/apt/rtp.txt)")
    src, ref = source(tmp_path)

    async def main() -> tuple[rtp.RecordingInfo, dict]:  # type: ignore[type-arg]
        cfg = rtp.RecorderConfig(storage_dir=tmp_path / "rec", port_range=(31400, 31499),
                                 delay_ms=100, flush_ms=200)
        async with rtp.Recorder(cfg) as rec:
            h = await rec.start_recording(f"{tool}-{codec}", [rtp.Leg("caller", codec=codec)])
            proc = await asyncio.create_subprocess_exec(*sender_cmd(tool, codec, src, h.media[0].rtp_port))
            assert await asyncio.wait_for(proc.wait(), 30) == 0
            await asyncio.sleep(0.3)
            info = await rec.stop_recording(f"{tool}-{codec}")
            return info, rec.final_stats(info.recording_id)

    info, st = asyncio.run(main())
    wi, data = read_wav(info.path)
    assert wi.format == (7 if codec == "PCMU" else 6)
    got = pcm_of(channel(data, wi, 0), wi.format)
    # the source as the sender's encoder saw it (G.711 is lossy: compare like with like)
    enc = rtp.ulaw_encode if codec == "PCMU" else rtp.alaw_encode
    dec = rtp.ulaw_decode if codec == "PCMU" else rtp.alaw_decode
    want_raw = dec(enc(struct.pack(f"<{len(ref)}h", *ref)))
    want = list(struct.unpack(f"<{len(want_raw) // 2}h", want_raw))
    assert abs(wi.frames - len(want)) <= 160, (wi.frames, len(want))      # within 20 ms
    lag, c = best_lag_ncc(got, want, 400)
    assert c >= 0.99, (lag, c)
    leg = st["legs"][0]
    assert leg["lost"] == 0 and leg["duplicates"] == 0 and leg["fill_samples"] <= 160
