"""The Python client's RecordingService wrappers (sync and asyncio) against a real server with
recording on (a subprocess on 127.0.0.1, port 0; RTP on an OS-chosen shared port): start,
live monitor, PCI pause/resume, stop, search, audit trail, playback with byte ranges; bad
input as typed exceptions with the ErrorInfo reason; which failures are retried."""

from __future__ import annotations

import asyncio
import hashlib
import socket
import struct
import threading
import time

import grpc
import pytest

from grpc_harness import TEST_CONFIG, ServerProc, async_client, client

from acdcore_client import _common, errors, pb, recording_leg

rpb = pb.recordings

# per-leg port pairs are never asked for here (shared_port = true): RTP goes to one port the OS
# picks; port_range only has to be valid
CONFIG = TEST_CONFIG + """
[recording]
port_range = [47300, 47309]
shared_ports = [0]
delay_ms = 60
flush_ms = 100
timeout_seconds = 20
"""
RPC_TIMEOUT = 20.0
STREAM_TIMEOUT = 60.0
SSRC_CALLER, SSRC_AGENT = 0x5EED01, 0x5EED02


@pytest.fixture(scope="module")
def rec_server(tmp_path_factory):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path_factory.mktemp("recclient"), CONFIG).start()
    yield srv
    srv.kill()


@pytest.fixture(scope="module")
def tel(rec_server):  # type: ignore[no-untyped-def]
    with client(rec_server.target, "telephony", timeout=RPC_TIMEOUT) as c:
        yield c


@pytest.fixture(scope="module")
def sup(rec_server):  # type: ignore[no-untyped-def]
    with client(rec_server.target, "supervisor", timeout=RPC_TIMEOUT, stream_timeout=STREAM_TIMEOUT) as c:
        yield c


def rtp_packet(seq: int, ts: int, ssrc: int, payload: bytes) -> bytes:
    return struct.pack("!BBHII", 0x80, 0, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc) + payload


def sender(port: int, packets: int) -> threading.Thread:
    """A thread sending both legs' 20 ms PCMU packets in real time (it ends after packets * 20 ms)."""
    def run() -> None:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        t0 = time.monotonic()
        for i in range(packets):
            for ssrc, byte in ((SSRC_CALLER, 0x15), (SSRC_AGENT, 0x95)):
                s.sendto(rtp_packet(100 + i, 160 * i, ssrc, bytes([byte]) * 160), ("127.0.0.1", port))
            delay = t0 + 0.02 * (i + 1) - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        s.close()
    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def record_a_call(tel, sup, call_id: str, packets: int = 100):  # type: ignore[no-untyped-def]
    """StartRecording on a shared port, RTP for both legs, MonitorCall meanwhile, PCI pause and
    resume, StopRecording: (start response, monitor frames, stop response)."""
    r = tel.start_recording(call_id, [recording_leg("caller", ssrc=SSRC_CALLER),
                                      recording_leg("agent", ssrc=SSRC_AGENT, codec=rpb.RECORDING_CODEC_PCMU)],
                            agent_id="a1", queue="general", caller="04596001234", shared_port=True)
    assert [m.leg for m in r.media] == ["caller", "agent"] and all(m.shared for m in r.media)
    port = r.media[0].rtp_port
    assert port > 0 and r.media[1].rtp_port == port
    t = sender(port, packets)
    frames = []
    for f in sup.monitor_call(call_id, rpb.MONITOR_MODE_STEREO, timeout=STREAM_TIMEOUT):
        frames.append(f)
        if len(frames) == 5:
            break
    p = tel.pause_recording(call_id, "card number")
    assert p.event.kind == "pause" and p.event.who == "telephony"
    q = tel.resume_recording(call_id, "card taken")
    assert q.event.kind == "resume"
    t.join(STREAM_TIMEOUT)
    assert not t.is_alive()
    s = tel.stop_recording(call_id, "hangup")
    return r, frames, s


def test_record_monitor_stop_search_and_download(tel, sup) -> None:  # type: ignore[no-untyped-def]
    t0 = time.time() - 1
    r, frames, s = record_a_call(tel, sup, "1700000000.71")
    assert len(r.recording_id) == 32
    assert all(f.channels == 2 and f.sample_rate == 8000 and len(f.pcm) == 160 * 2 * 2 for f in frames)
    assert [f.seq for f in frames] == sorted(f.seq for f in frames)

    rec = s.recording
    assert rec.recording_id == r.recording_id and rec.status == rpb.RECORDING_STATUS_COMPLETE
    assert rec.channels == 2 and rec.size_bytes > 44 and len(rec.sha256) == 64
    assert [lg.leg for lg in s.legs] == ["caller", "agent"] and all(lg.packets > 0 for lg in s.legs)

    found = sup.search_recordings("1700000000.71").recordings
    assert [x.recording_id for x in found] == [r.recording_id]
    assert [x.recording_id for x in sup.search_recordings(agent_id="a1", queue="general", start_time_from=t0,
                                                          start_time_to=time.time() + 60).recordings] \
        == [r.recording_id]
    assert not sup.search_recordings(caller="000", limit=5).recordings
    assert not sup.search_recordings(start_time_to=t0 - 3600).recordings

    kinds = [e.kind for e in sup.list_recording_events(r.recording_id).events]
    assert kinds.index("pause") < kinds.index("resume") and kinds[-1] == "stop"

    chunks = list(sup.get_recording(r.recording_id, timeout=STREAM_TIMEOUT))
    assert chunks[0].total_size == rec.size_bytes and chunks[0].recording.recording_id == r.recording_id
    data = b"".join(c.data for c in chunks)
    assert len(data) == rec.size_bytes and hashlib.sha256(data).hexdigest() == rec.sha256
    assert data[:4] == b"RIFF"
    part = list(sup.get_recording(r.recording_id, start_byte=10, end_byte=110, timeout=STREAM_TIMEOUT))
    assert part[0].offset == 10 and b"".join(c.data for c in part) == data[10:110]
    tail = list(sup.get_recording(r.recording_id, start_seconds=0.5, timeout=STREAM_TIMEOUT))
    assert 44 < tail[0].offset < len(data) and b"".join(c.data for c in tail) == data[tail[0].offset:]


def test_async_client_records_and_plays_back(rec_server) -> None:  # type: ignore[no-untyped-def]
    async def run() -> None:
        async with async_client(rec_server.target, "telephony", timeout=RPC_TIMEOUT) as t, \
                async_client(rec_server.target, "supervisor", timeout=RPC_TIMEOUT) as s:
            r = await t.start_recording("1700000000.72", ["caller"], caller="0459", shared_port=False)
            assert [m.leg for m in r.media] == ["caller"] and not r.media[0].shared
            ev = await t.pause_recording("1700000000.72")
            assert ev.event.kind == "pause"
            await t.resume_recording("1700000000.72")
            stop = await t.stop_recording("1700000000.72")
            assert stop.recording.channels == 1 and stop.legs[0].packets == 0
            found = (await s.search_recordings("1700000000.72")).recordings
            assert [x.recording_id for x in found] == [r.recording_id]
            kinds = [e.kind for e in (await s.list_recording_events(r.recording_id)).events]
            assert "pause" in kinds and kinds[-1] == "stop"
            data = b""
            async for c in s.get_recording(r.recording_id, timeout=STREAM_TIMEOUT):
                data += c.data
            assert len(data) == stop.recording.size_bytes and hashlib.sha256(data).hexdigest() == \
                stop.recording.sha256
            with pytest.raises(errors.NotFound) as e:
                async for _ in s.monitor_call("1700000000.72", timeout=STREAM_TIMEOUT):
                    pass
            assert e.value.reason == "RECORDING_NOT_FOUND"
    asyncio.run(asyncio.wait_for(run(), 120))


def test_bad_input_raises_typed_errors_with_reason(tel, sup) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(errors.InvalidArgument) as e:
        list(sup.get_recording("not-a-recording-id", timeout=STREAM_TIMEOUT))
    assert e.value.code == grpc.StatusCode.INVALID_ARGUMENT and e.value.reason == "INVALID_ARGUMENT"
    assert e.value.field == "recording_id"
    with pytest.raises(errors.InvalidArgument) as e:
        tel.start_recording("1700000000.73", ["caller", "agent", "third"])
    assert e.value.reason == "INVALID_ARGUMENT" and e.value.field == "legs"
    with pytest.raises(errors.InvalidArgument) as e:
        tel.start_recording("1700000000.73", [recording_leg("caller", dtmf_payload_type=13)])
    assert e.value.field == "legs[0].dtmf_payload_type"
    with pytest.raises(errors.NotFound) as e:
        tel.stop_recording("1700000000.74")
    assert e.value.reason == "RECORDING_NOT_FOUND"
    with pytest.raises(errors.NotFound) as e:
        sup.list_recording_events("0" * 32)
    assert e.value.reason == "RECORDING_NOT_FOUND"
    # roles: business may search, not start; telephony may not listen in
    with pytest.raises(errors.PermissionDenied) as e:
        list(tel.monitor_call("1700000000.75", timeout=STREAM_TIMEOUT))
    assert e.value.reason == "ROLE_NOT_ALLOWED"
    r = tel.start_recording("1700000000.76", ["caller"])
    try:
        with pytest.raises(errors.AlreadyExists) as e:
            tel.start_recording("1700000000.76", ["caller"])
        assert e.value.reason == "RECORDING_EXISTS"
        with pytest.raises(errors.FailedPrecondition) as e:
            list(sup.get_recording(r.recording_id, timeout=STREAM_TIMEOUT))
        assert e.value.reason == "RECORDING_IN_PROGRESS"
    finally:
        tel.stop_recording("1700000000.76")


def test_recorder_off_is_unavailable_and_not_retried(tmp_path) -> None:  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path / "off", TEST_CONFIG + "\n[recording]\nenabled = false\n").start()
    try:
        with client(srv.target, "supervisor", timeout=RPC_TIMEOUT, retries=5, stream_timeout=STREAM_TIMEOUT) as c:
            sent = []
            real = c._callable("SearchRecordings")

            def counting(*a, **kw):  # type: ignore[no-untyped-def]
                sent.append(1)
                return real(*a, **kw)
            c._calls["SearchRecordings"] = counting
            with pytest.raises(errors.Unavailable) as e:
                c.search_recordings("1700000000.77")
            assert e.value.reason == "RECORDER_UNAVAILABLE" and len(sent) == 1
    finally:
        srv.kill()


def test_retry_rules() -> None:
    u = grpc.StatusCode.UNAVAILABLE
    for rpc in ("SearchRecordings", "ListRecordingEvents", "GetRecording"):
        assert _common.retryable(rpc, u, "") and _common.retryable(rpc, u, "SHUTTING_DOWN")
        assert not _common.retryable(rpc, u, "RECORDER_UNAVAILABLE")
    for rpc in ("StartRecording", "StopRecording", "PauseRecording", "ResumeRecording", "MonitorCall"):
        assert not _common.retryable(rpc, u, "")
    assert not _common.retryable("SearchRecordings", grpc.StatusCode.INTERNAL, "")


def test_range_reader_resumes_after_the_last_byte() -> None:
    rd = _common.RangeReader("a" * 32, 0, 0, 1.5)
    assert rd.next_request().start_seconds == 1.5
    first = rd.seen(rpb.GetRecordingResponse(recording=rpb.Recording(recording_id="a" * 32), total_size=300,
                                             offset=100, data=b"x" * 50))
    assert first.HasField("recording")
    assert rd.resume()
    req = rd.next_request()
    assert (req.start_byte, req.end_byte, req.start_seconds) == (150, 0, 0.0)
    again = rd.seen(rpb.GetRecordingResponse(recording=rpb.Recording(recording_id="a" * 32), total_size=300,
                                             offset=150, data=b"y" * 150))
    assert not again.HasField("recording") and again.total_size == 0
    assert not rd.resume()  # every byte was delivered: nothing to ask for again
    fresh = _common.RangeReader("a" * 32, 0, 10, 0.0)
    assert fresh.resume() and not fresh.resumed  # failed before any chunk: the same request again


def test_asterisk_hook_recorder_uses_the_public_wrappers(rec_server) -> None:  # type: ignore[no-untyped-def]
    """acdhook's GrpcRecorder (asterisk/acdhook/recording/) over the client's public wrappers:
    with the hook's AsyncClient, and in its older form (a channel and its metadata)."""
    import sys
    from pathlib import Path

    hook_dir = str(Path(__file__).resolve().parents[2] / "asterisk")
    if hook_dir not in sys.path:
        sys.path.insert(0, hook_dir)
    from acdhook.config import RecordingSettings
    from acdhook.queueing.calls import CallCtx
    from acdhook.recording.recorder import GrpcRecorder
    from grpc import aio

    from grpc_harness import TOKENS

    async def run() -> None:
        async with async_client(rec_server.target, "telephony", timeout=RPC_TIMEOUT) as t, \
                async_client(rec_server.target, "supervisor", timeout=RPC_TIMEOUT) as s:
            ch = aio.insecure_channel(rec_server.target)
            try:
                for n, rec in enumerate((
                        GrpcRecorder(RecordingSettings(mode="grpc", format="alaw"), t, timeout=RPC_TIMEOUT),
                        GrpcRecorder(RecordingSettings(mode="grpc"), ch,
                                     (("authorization", f"Bearer {TOKENS['telephony']}"),), RPC_TIMEOUT))):
                    ctx = CallCtx(call_id=f"1700000000.8{n}", caller="04591234567", dialled="96656", channel="x",
                                  queue="general", agent_id="a1")
                    await rec.start()
                    targets = await rec.targets(ctx)
                    assert targets is not None and targets.caller.startswith("127.0.0.1:")
                    assert ctx.call_id in rec.active
                    await rec.stop(ctx)
                    assert not rec.active
                    await rec.close()
                    found = (await s.search_recordings(ctx.call_id)).recordings
                    assert len(found) == 1 and found[0].agent_id == "a1" and found[0].queue == "general"
                    want = rpb.RECORDING_CODEC_PCMA if n == 0 else rpb.RECORDING_CODEC_PCMU
                    assert found[0].codec == want
                # the hook's client still works after the recorder closed
                assert (await t.get_queue("general")).config.name == "general"
            finally:
                await ch.close()
    asyncio.run(asyncio.wait_for(run(), 120))
