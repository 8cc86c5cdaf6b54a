"""File writes happen off the receive path: a stalled disk (the writer thread held) never
blocks reception, costs counted audio but never the file's timeline; write errors are
events and a recording status."""

from __future__ import annotations

import asyncio
import errno
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rtp_helpers import batch, rtp_packet, tone_ulaw

import rtp
from rtp.wavfile import channel, read_wav

T0 = 1_000_000_000_000
MS = 1_000_000
A = ("10.0.0.1", 4000)
B = ("10.0.0.2", 4002)
AUDIO_A = tone_ulaw(8000 * 10, 440)
AUDIO_B = tone_ulaw(8000 * 10, 700)


def _two_leg_items(n: int) -> list[tuple[int, bytes, str, int]]:
    items = []
    for i in range(n):
        items.append((T0 + 20 * MS * i, rtp_packet(i, 160 * i, 0x1111, AUDIO_A[160 * i:160 * (i + 1)]), *A))
        items.append((T0 + 20 * MS * i, rtp_packet(i, 160 * i, 0x2222, AUDIO_B[160 * i:160 * (i + 1)]), *B))
    return items


@pytest.mark.compiled_only
def test_held_writer_never_blocks_reception_and_keeps_the_timeline(tmp_path: Path) -> None:
    e = rtp.Engine(write_backlog=24_000)           # three 500 ms flushes of stereo G.711
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    sid = e.add_socket(s.detach(), rtp.SockKind.SHARED)
    path = tmp_path / "held.wav"
    h = e.open_call(str(path), 7, [dict(want_ip=A[0], want_port=A[1]), dict(want_ip=B[0], want_port=B[1])])
    e.hold_writer(True)                            # the disk stops answering
    buf = batch(_two_leg_items(500))               # 10 s of a two-leg call
    done = threading.Event()

    def feed() -> None:
        e.inject_batch(sid, buf)
        done.set()
    t = threading.Thread(target=feed)
    t.start()
    t.join(60)                                     # a hang guard, not a timing assertion
    assert done.is_set(), "reception blocked behind the stalled writer"
    st = e.stats()
    call = e.call_stats(h)
    assert [leg["received"] for leg in call["legs"]] == [500, 500]
    assert all(leg["lost"] == 0 and leg["late"] == 0 for leg in call["legs"])
    assert st["write_backlog_max_bytes"] <= 24_000
    assert st["write_overflow_frames"] > 0 and call["backlog_frames"] == st["write_overflow_frames"]
    e.hold_writer(False)                           # the disk comes back
    final = e.close_call(h)
    info, data = read_wav(path)
    assert info.frames == 80_000                   # the timeline is whole: 10 s
    assert final["data_bytes"] == info.data_bytes
    left, right = channel(data, info, 0), channel(data, info, 1)
    # every frame is either what was sent or silence written for the overflow
    silent = 0
    for f in range(info.frames):
        if (left[f], right[f]) != (AUDIO_A[f], AUDIO_B[f]):
            assert (left[f], right[f]) == (0xFF, 0xFF), f
            silent += 1
    assert 0 < silent <= final["backlog_frames"]
    assert left[:8000] == AUDIO_A[:8000] and right[:8000] == AUDIO_B[:8000]   # before the budget ran out


_EFBIG = """
import os, resource, signal, socket, sys
sys.path.insert(0, {helpers!r})
from rtp_helpers import batch, rtp_packet, tone_ulaw
import rtp
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)          # EFBIG instead of a signal
resource.setrlimit(resource.RLIMIT_FSIZE, (16000, 16000))
audio = tone_ulaw(8000 * 4)
e = rtp.Engine()
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
sid = e.add_socket(s.detach(), rtp.SockKind.SHARED)
h = e.open_call({path!r}, 7, [dict(want_ip="10.0.0.1", want_port=4000)])
T0 = 10**12
e.inject_batch(sid, batch([(T0 + 20_000_000 * i, rtp_packet(i, 160 * i, 1, audio[160 * i:160 * (i + 1)]),
                            "10.0.0.1", 4000) for i in range(200)]))
e.sync_writes()
events = e.poll_events()
st = e.close_call(h)
errs = [ev for ev in events if ev[0] == rtp.EventKind.WRITE_ERROR]
print(len(errs), errs[0][4] if errs else 0, st["write_error"], e.stats()["write_errors"])
"""


def test_write_error_is_an_event_and_the_close_status(tmp_path: Path) -> None:
    path = tmp_path / "big.wav"
    code = _EFBIG.format(helpers=os.path.dirname(__file__), path=str(path))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    n_events, first, status, counted = map(int, r.stdout.split())
    assert n_events >= 1 and first == errno.EFBIG and status == errno.EFBIG and counted >= n_events
    info, data = read_wav(path)                    # what fitted is still a valid WAV
    assert 0 < info.frames <= 16000 and data == tone_ulaw(8000 * 4)[:info.frames]


@pytest.mark.compiled_only
def test_stalled_disk_does_not_stall_socket_reception(tmp_path: Path) -> None:
    async def main() -> None:
        cfg = rtp.RecorderConfig(storage_dir=tmp_path / "rec", port_range=(31400, 31499), delay_ms=60,
                                 flush_ms=100, timeout_s=5.0, write_backlog=4000)
        async with rtp.Recorder(cfg) as rec:
            h = await rec.start_recording("held", [rtp.Leg("caller")])
            rec.engine.hold_writer(True)
            dst = ("127.0.0.1", h.media[0].rtp_port)
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            loop = asyncio.get_running_loop()
            t0 = loop.time()
            for i in range(100):                   # 2 s of audio while nothing reaches the disk
                s.sendto(rtp_packet(i, 160 * i, 7, AUDIO_A[160 * i:160 * (i + 1)]), dst)
                await asyncio.sleep(max(0.0, t0 + 0.02 * (i + 1) - loop.time()))
            s.close()
            await asyncio.sleep(0.3)
            leg = rec.stats("held")["legs"][0]
            st = rec.stats()
            assert (leg["received"], leg["lost"]) == (100, 0)      # reception went on
            assert st["write_overflow_frames"] > 0 and st["socket_drops"] == 0
            rec.engine.hold_writer(False)
            info = await rec.stop_recording("held")
            wi, data = read_wav(info.path)
            assert abs(wi.frames - 16000) <= 480 and info.status == "complete"
    asyncio.run(main())
