"""The Python control API over real loopback sockets: start/stop, shared-port demux, pause
audit, live monitor, search, ranged playback, verify (tamper detection), retention,
timeouts, crash recovery, and a port-range spray."""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from rtp_helpers import rtp_packet, tone_ulaw

import rtp
from rtp import cli
from rtp.wavfile import channel, read_wav, read_wav_info

AUDIO = tone_ulaw(8000 * 4, 500)


def cfg(tmp: Path, **kw: Any) -> rtp.RecorderConfig:
    base = dict(storage_dir=tmp / "rec", port_range=(31000, 31099), shared_ports=[0],
                delay_ms=60, flush_ms=100, timeout_s=2.0)
    base.update(kw)
    return rtp.RecorderConfig(**base)


async def send_stream(dst: tuple[str, int], n: int, *, ssrc: int = 0x1234, sock: socket.socket | None = None,
                      pt: int = 0, off: int = 0) -> None:
    s = sock or socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    t0 = time.monotonic()
    for i in range(n):
        s.sendto(rtp_packet(i, 160 * i, ssrc, AUDIO[(off + i) * 160:(off + i + 1) * 160], pt=pt), dst)
        delay = t0 + 0.02 * (i + 1) - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
    if sock is None:
        s.close()


def test_record_two_legs_per_port_and_play_back(tmp_path: Path) -> None:
    async def main() -> None:
        async with rtp.Recorder(cfg(tmp_path)) as rec:
            h = await rec.start_recording("call-1", [rtp.Leg("caller"), rtp.Leg("agent")],
                                          agent="a7", queue="fault", caller="04595551234")
            assert [m.shared for m in h.media] == [False, False]
            assert h.media[0].rtp_port % 2 == 0 and h.media[0].rtcp_port == h.media[0].rtp_port + 1
            await asyncio.gather(send_stream(("127.0.0.1", h.media[0].rtp_port), 50),
                                 send_stream(("127.0.0.1", h.media[1].rtp_port), 50, ssrc=0x99))
            await asyncio.sleep(0.1)
            info = await rec.stop_recording("call-1")
            assert info.status == "complete" and info.codec == "PCMU" and info.channels == 2
            wi, data = read_wav(info.path)
            assert abs(wi.frames - 8000) < 400
            left = channel(data, wi, 0)
            assert AUDIO[:7000] in left          # the caller's audio, whole and in order
            assert info.sha256 and info.size == os.path.getsize(info.path)
            found = await rec.search(agent="a7")
            assert [f.recording_id for f in found] == [info.recording_id]
            assert await rec.search(queue="other") == []
            assert await rec.search(caller="04595551234", since=info.start_ts - 1, until=info.start_ts + 1)
            whole = b"".join(rec.iter_range(info.recording_id))
            assert whole == Path(info.path).read_bytes()
            off = rec.wav_offset(info.recording_id, 0.5)
            part = b"".join([c async for c in rec.read_range(info.recording_id, off, off + 1000, chunk=300)])
            assert part == whole[off:off + 1000]
            with pytest.raises(ValueError):
                list(rec.iter_range(info.recording_id, 10, 5))
            with pytest.raises(rtp.RecordingNotFound):
                rec.get("nope")
            st = rec.final_stats(info.recording_id)
            assert st["legs"][0]["lost"] == 0 and st["legs"][0]["received"] == 50
    asyncio.run(main())


def test_shared_port_demux_by_source_and_ssrc(tmp_path: Path) -> None:
    async def main() -> None:
        async with rtp.Recorder(cfg(tmp_path)) as rec:
            a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            a.bind(("127.0.0.1", 0))
            b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            b.bind(("127.0.0.1", 0))
            h1 = await rec.start_recording("c1", [rtp.Leg("caller", remote=a.getsockname())], shared=True)
            h2 = await rec.start_recording("c2", [rtp.Leg("caller", remote=b.getsockname())], shared=True)
            assert h1.media[0].rtp_port == h2.media[0].rtp_port == rec.shared_addresses[0][1]
            dst = ("127.0.0.1", h1.media[0].rtp_port)
            await asyncio.gather(send_stream(dst, 40, sock=a, ssrc=1), send_stream(dst, 40, sock=b, ssrc=2, off=60))
            await asyncio.sleep(0.1)
            i1 = await rec.stop_recording("c1")
            i2 = await rec.stop_recording("c2")
            _, d1 = read_wav(i1.path)
            _, d2 = read_wav(i2.path)
            assert d1[:6400] == AUDIO[:6400] and d2[:6400] == AUDIO[9600:16000]
            with pytest.raises(ValueError, match="needs its source"):
                await rec.start_recording("c3", [rtp.Leg("caller")], shared=True)
            a.close()
            b.close()
    asyncio.run(main())


def test_pause_resume_is_audited_and_silent(tmp_path: Path) -> None:
    async def main() -> None:
        async with rtp.Recorder(cfg(tmp_path)) as rec:
            h = await rec.start_recording("p1", [rtp.Leg("caller")])
            dst = ("127.0.0.1", h.media[0].rtp_port)
            task = asyncio.create_task(send_stream(dst, 100))
            await asyncio.sleep(0.6)
            with pytest.raises(ValueError, match="who"):
                await rec.pause_recording("p1", "")
            ev = await rec.pause_recording("p1", "agent:a7", "card number")
            await asyncio.sleep(0.6)
            ev2 = await rec.resume_recording("p1", "agent:a7")
            await task
            info = await rec.stop_recording("p1")
            kinds = [(e.kind, e.who) for e in rec.audit_events(info.recording_id)]
            assert kinds[:2] == [("pause", "agent:a7"), ("resume", "agent:a7")]
            wi, data = read_wav(info.path)
            p0, p1 = int(ev.position * 8000), int(ev2.position * 8000)
            assert 0.4 < (p1 - p0) / 8000 < 0.9
            assert data[p0:p1] == b"\xff" * (p1 - p0)
            assert data[:p0 - 400].count(b"\xff") < p0 // 4
    asyncio.run(main())


def test_monitor_streams_20ms_frames_and_slow_listener_skips(tmp_path: Path) -> None:
    async def main() -> None:
        async with rtp.Recorder(cfg(tmp_path)) as rec:
            h = await rec.start_recording("m1", [rtp.Leg("caller"), rtp.Leg("agent")])
            got: list[rtp.MonitorFrame] = []
            slow: list[rtp.MonitorFrame] = []

            async def listen() -> None:
                async for fr in rec.monitor("m1", "caller"):
                    got.append(fr)

            async def lazy() -> None:
                async for fr in rec.monitor("m1", "mixed", max_queue=2):
                    slow.append(fr)
                    await asyncio.sleep(0.2)   # far slower than 50 frames/s

            tasks = [asyncio.create_task(listen()), asyncio.create_task(lazy())]
            await asyncio.sleep(0.05)
            await send_stream(("127.0.0.1", h.media[0].rtp_port), 60)
            info = await rec.stop_recording("m1")
            await asyncio.wait_for(asyncio.gather(*tasks), 5)
            assert len(got) >= 50 and all(len(f.pcm) == 320 for f in got)
            pcm = b"".join(f.pcm for f in got[5:45])
            assert pcm in rtp.ulaw_decode(AUDIO[:9600])   # decoded, in order, no gaps
            assert sum(f.skipped for f in slow) > 0 and len(slow) < len(got)
            wi, data = read_wav(info.path)
            assert AUDIO[:9000] in channel(data, wi, 0)   # the slow listener cost the file nothing
    asyncio.run(main())


def test_stream_timeout_closes_the_recording(tmp_path: Path) -> None:
    async def main() -> None:
        async with rtp.Recorder(cfg(tmp_path, timeout_s=0.5)) as rec:
            h = await rec.start_recording("t1", [rtp.Leg("caller")])
            await send_stream(("127.0.0.1", h.media[0].rtp_port), 10)
            for _ in range(40):
                await asyncio.sleep(0.1)
                if not await rec.search(call_id="t1") or (await rec.search(call_id="t1"))[0].status != "recording":
                    break
            (info,) = await rec.search(call_id="t1")
            assert info.status == "complete"
            assert any(e.kind == "stop" and "timeout" in e.detail for e in rec.audit_events(info.recording_id))
    asyncio.run(main())


def test_spray_across_the_port_range_does_not_leak(tmp_path: Path) -> None:
    async def main() -> None:
        async with rtp.Recorder(cfg(tmp_path, port_range=(31200, 31239))) as rec:
            h = await rec.start_recording("s1", [rtp.Leg("caller")])
            port = h.media[0].rtp_port
            junk = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

            async def spray() -> None:
                for rnd in range(30):
                    for p in range(31200, 31240):
                        for pkt in (rtp_packet(rnd, 160 * rnd, 0x1234, b"\x00" * 160),
                                    os.urandom(40), b"", b"\x80\xc8\x00\x01"):
                            junk.sendto(pkt, ("127.0.0.1", p))
                    await asyncio.sleep(0.02)
            await asyncio.gather(send_stream(("127.0.0.1", port), 50), spray())
            info = await rec.stop_recording("s1")
            wi, data = read_wav(info.path)
            st = rec.final_stats(info.recording_id)
            assert AUDIO[:7800] in data and b"\x00" * 160 not in data
            assert st["legs"][0]["foreign"] > 0 and st["legs"][0]["received"] == 50
            junk.close()
    asyncio.run(main())


def _finished(tmp_path: Path, n: int = 2) -> tuple[Path, list[rtp.RecordingInfo]]:
    async def main() -> list[rtp.RecordingInfo]:
        out = []
        async with rtp.Recorder(cfg(tmp_path)) as rec:
            for i in range(n):
                h = await rec.start_recording(f"v{i}", [rtp.Leg("caller")], queue="sales" if i else "fault")
                await send_stream(("127.0.0.1", h.media[0].rtp_port), 10)
                out.append(await rec.stop_recording(f"v{i}"))
        return out
    infos = asyncio.run(main())
    return tmp_path / "rec" / "index.sqlite", infos


def test_verify_detects_altered_and_deleted_rows_and_files(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    idx, infos = _finished(tmp_path, 3)
    assert cli.verify(idx) == 0
    db = sqlite3.connect(idx)
    db.execute("UPDATE recordings SET agent='mallory' WHERE recording_id=?", (infos[0].recording_id,))
    db.commit()
    assert cli.verify(idx) == 1
    assert "index row altered" in capsys.readouterr().out
    db.execute("UPDATE recordings SET agent=NULL WHERE recording_id=?", (infos[0].recording_id,))
    db.commit()
    assert cli.verify(idx) == 0
    db.execute("DELETE FROM recordings WHERE recording_id=?", (infos[1].recording_id,))
    db.commit()
    assert cli.verify(idx) == 1
    assert "index row deleted" in capsys.readouterr().out
    db.close()
    idx2, infos2 = _finished(tmp_path / "b", 2)
    with open(infos2[0].path, "r+b") as f:
        f.seek(200)
        f.write(b"\x00")
    os.unlink(infos2[1].path)
    rep = cli.verify_index(idx2)
    assert not rep.ok and any("altered" in p for p in rep.problems) and any("missing" in p for p in rep.problems)
    db = sqlite3.connect(idx2)
    db.execute("DELETE FROM ledger WHERE seq=(SELECT max(seq) FROM ledger)")
    db.commit()
    db.close()
    assert any("head" in p for p in cli.verify_index(idx2, check_files=False).problems)
    assert cli.verify(tmp_path / "missing.sqlite") == 2


def test_retention_deletes_old_recordings_by_policy_and_logs(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    idx, infos = _finished(tmp_path, 2)    # v0 queue fault, v1 queue sales
    with pytest.raises(ValueError):
        cli.apply_retention(rtp.index.RecordingIndex(idx), 0)
    from rtp.index import RecordingIndex
    ix = RecordingIndex(idx)
    now = time.time() + 10 * 86400
    caplog.set_level("INFO", logger="rtp.retention")
    assert cli.apply_retention(ix, 30, policy={"sales": 5}, now=now, dry_run=True) == [infos[1].recording_id]
    assert os.path.exists(infos[1].path)
    assert cli.apply_retention(ix, 30, policy={"sales": 5}, now=now) == [infos[1].recording_id]
    assert not os.path.exists(infos[1].path) and os.path.exists(infos[0].path)
    assert any("retention: deleted" in r.message for r in caplog.records)
    ix.close()
    assert cli.verify(idx) == 0        # deliberate deletions keep the chain valid
    assert cli.retention(idx, 5, dry_run=True) == 0


CRASH = r"""
import asyncio, os, socket, sys, time
sys.path.insert(0, {helpers!r})
import rtp
from rtp_helpers import rtp_packet, tone_ulaw
AUDIO = tone_ulaw(8000 * 4, 500)
async def main():
    rec = rtp.Recorder(rtp.RecorderConfig(storage_dir={store!r}, port_range=(31300, 31399), flush_ms=200, delay_ms=60))
    await rec.start()
    h = await rec.start_recording("crash", [rtp.Leg("caller")])
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    t0 = time.monotonic()
    for i in range(150):
        s.sendto(rtp_packet(i, 160 * i, 7, AUDIO[160 * i:160 * (i + 1)]), ("127.0.0.1", h.media[0].rtp_port))
        if i == 100:
            print("SENT100", flush=True)
        await asyncio.sleep(max(0, t0 + 0.02 * (i + 1) - time.monotonic()))
    await asyncio.sleep(60)
asyncio.run(main())
"""


def test_kill_9_leaves_a_valid_wav_up_to_the_last_flush(tmp_path: Path) -> None:
    store = tmp_path / "rec"
    code = CRASH.format(helpers=os.path.dirname(__file__), store=str(store))
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout is not None
        assert p.stdout.readline().strip() == "SENT100"
        time.sleep(1.5)        # all 150 packets sent, at least one flush since
    finally:
        p.kill()
        p.wait()
    (part,) = list(store.rglob(".*.part"))
    info, data = read_wav(part)              # header valid after kill -9
    assert info.frames >= 150 * 160 - 8000 - 1600  # loses at most one flush + the reorder delay
    assert data == AUDIO[:len(data)]
    ffprobe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name,channels",
                              "-of", "csv=p=0", str(part)], capture_output=True, text=True)
    if ffprobe.returncode == 0:
        assert ffprobe.stdout.strip() == "pcm_mulaw,1"

    async def recover() -> list[rtp.RecordingInfo]:
        async with rtp.Recorder(rtp.RecorderConfig(storage_dir=store, port_range=(31300, 31399))) as rec:
            return await rec.search(call_id="crash")
    (rinfo,) = asyncio.run(recover())
    assert rinfo.status == "recovered" and read_wav_info(rinfo.path).frames == info.frames
    assert cli.verify(store / "index.sqlite") == 0


def test_rt_priority_applies_to_the_receive_thread_only(tmp_path: Path, caplog: Any) -> None:
    async def main() -> None:
        async with rtp.Recorder(cfg(tmp_path, rt_priority=5)) as rec:
            tid = rec.engine.thread.native_id
            if os.sched_getscheduler(tid) == os.SCHED_FIFO:
                assert os.sched_getparam(tid).sched_priority == 5
            else:  # no CAP_SYS_NICE: normal scheduling, and said so
                assert "SCHED_FIFO 5 refused" in caplog.text
            assert os.sched_getscheduler(0) != os.SCHED_FIFO     # the caller's thread is untouched
    caplog.set_level("WARNING", logger="rtp.recorder")
    asyncio.run(main())

    async def bad() -> None:
        rec = rtp.Recorder(cfg(tmp_path, rt_priority=100))
        with pytest.raises(ValueError, match="rt_priority"):
            await rec.start()
        assert rec.engine.thread is None        # refused before anything started
        rec.engine.close()
        rec.index.close()
    asyncio.run(bad())
