"""The engine's per-leg logic driven deterministically (datagrams and clock injected):
reorder, duplicates, loss, wraps, jumps, SSRC segments, source locking, pause, DTMF, RTCP,
and the bad-input list; plus the compiled-vs-pure differential on whole recordings."""

from __future__ import annotations

import os
import random
import socket
import struct
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rtp_helpers import batch, rtp_packet, tone_ulaw

import rtp
from rtp.wavfile import channel, read_wav

T0 = 1_000_000_000_000
MS = 1_000_000
A = ("10.0.0.1", 4000)     # caller's source
B = ("10.0.0.2", 4002)     # agent's source
EVIL = ("10.6.6.6", 4000)
AUDIO = tone_ulaw(8000 * 12, 440) + tone_ulaw(8000 * 12, 700)


class Rig:
    def __init__(self, eng_cls: Any, tmp: str, legs: int = 2, fmt: int = 7, **kw: Any) -> None:
        self.e = eng_cls(**kw)
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", 0))
        self.sid = self.e.add_socket(s.detach(), rtp.SockKind.SHARED)
        self.path = os.path.join(tmp, f"r{random.random()}.wav")
        specs = [dict(want_ip=A[0], want_port=A[1]), dict(want_ip=B[0], want_port=B[1])][:legs]
        self.h = self.e.open_call(self.path, fmt, specs)
        self.items: list[tuple[int, bytes, str, int]] = []

    def send(self, t_ms: float, pkt: bytes, src: tuple[str, int] = A) -> None:
        self.items.append((T0 + int(t_ms * MS), pkt, src[0], src[1]))

    def feed(self) -> None:
        self.items.sort(key=lambda x: x[0])
        self.e.inject_batch(self.sid, batch(self.items))
        self.items = []

    def run(self) -> tuple[dict[str, Any], Any, bytes]:
        self.feed()
        st_ = self.e.close_call(self.h)
        info, data = read_wav(self.path)
        return st_, info, data


@pytest.fixture
def rig(tmp_path):  # type: ignore[no-untyped-def]
    made = []

    def make(**kw: Any) -> Rig:
        r = Rig(rtp.Engine, str(tmp_path), **kw)
        made.append(r)
        return r
    yield make


def frames(seq0: int, ts0: int, n: int, ssrc: int = 0x1111, pt: int = 0, off: int = 0) -> list[bytes]:
    return [rtp_packet(seq0 + i, ts0 + 160 * i, ssrc, AUDIO[(off + i) * 160:(off + i + 1) * 160], pt=pt)
            for i in range(n)]


def test_clean_two_leg_call_is_in_sync(rig) -> None:  # type: ignore[no-untyped-def]
    r = rig()
    for i, p in enumerate(frames(100, 5000, 100)):
        r.send(20 * i, p)
    for i, p in enumerate(frames(9, 777, 100, ssrc=0x2222, off=3)):
        r.send(20 * i + 60, p, B)          # agent joins 60 ms later
    st_, info, data = r.run()
    assert (info.format, info.channels, info.frames) == (7, 2, 480 + 16000)
    left, right = channel(data, info, 0), channel(data, info, 1)
    assert left[:16000] == AUDIO[:16000] and left[16000:] == b"\xff" * 480
    assert right[:480] == b"\xff" * 480 and right[480:] == AUDIO[480:16480]
    for leg in st_["legs"]:
        assert (leg["lost"], leg["duplicates"], leg["late"], leg["fill_samples"]) == (0, 0, 0, 0)


def test_loss_reorder_duplicates_match_the_ideal_reconstruction(rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(legs=1)
    rnd = random.Random(7)
    pk = frames(40000, 123456, 400)
    dropped = set()
    sends = []
    for i, p in enumerate(pk):
        if 0 < i < 399 and rnd.random() < 0.05:
            dropped.add(i)
            continue
        t = 20 * i + 30 + rnd.uniform(-20, 20) + (45 if rnd.random() < 0.1 else 0)
        sends.append((t, p))
        if rnd.random() < 0.05:
            sends.append((t + rnd.uniform(0, 30), p))
    for t, p in sends:
        r.send(t, p)
    st_, info, data = r.run()
    ideal = bytearray(b"\xff" * 400 * 160)
    for i in range(400):
        if i not in dropped:
            ideal[i * 160:(i + 1) * 160] = AUDIO[i * 160:(i + 1) * 160]
    anchor = st_["legs"][0]["anchor"]
    assert data[anchor:anchor + len(ideal)] == bytes(ideal)
    assert info.frames == anchor + len(ideal)
    leg = st_["legs"][0]
    assert leg["lost"] == len(dropped)
    assert leg["duplicates"] == len(sends) - (400 - len(dropped))
    assert leg["fill_samples"] == 160 * len(dropped)
    assert leg["jitter"] > 0


def test_sequence_and_timestamp_wrap(rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(legs=1)
    for i, p in enumerate(frames(65500, 2**32 - 160 * 40, 100)):
        r.send(20 * i, p)
    st_, info, data = r.run()
    assert data == AUDIO[:16000]
    leg = st_["legs"][0]
    assert (leg["lost"], leg["expected"], leg["reanchors"]) == (0, 100, 0)


@pytest.mark.parametrize("fmt", [7, 1])
def test_audio_before_the_lock_on_position_starts_the_file_earlier(rig, fmt: int) -> None:  # type: ignore[no-untyped-def]
    # The first packet carries a later timestamp than the three after it (a sender that
    # stamps out of order): the file starts 480 samples *before* the lock-on position, at a
    # negative timeline position. (Regression: -1 also meant "no file start yet", so every
    # flush rewound to the start, repeated audio and overran the ring.)
    r = rig(legs=1, fmt=fmt)
    r.send(0, rtp_packet(1, 480, 0x1111, AUDIO[480:640]))
    for k in range(3):
        r.send(1 + k, rtp_packet(2 + k, 160 * k, 0x1111, AUDIO[160 * k:160 * (k + 1)]))
    for i in range(4, 200):
        r.send(20 * i, rtp_packet(1 + i, 160 * i, 0x1111, AUDIO[160 * i:160 * (i + 1)]))
    st_, info, data = r.run()
    want = AUDIO[:32000] if fmt == 7 else rtp.ulaw_decode(AUDIO[:32000])
    assert info.frames == 32000 and data == want
    assert st_["legs"][0]["lost"] == 0 and st_["legs"][0]["anchor"] == 480


def test_huge_timestamp_jump_fills_only_elapsed_time(rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(legs=1)
    for i, p in enumerate(frames(1, 0, 50)):
        r.send(20 * i, p)
    for i, p in enumerate(frames(51, 8000 * 3600, 50, off=50)):   # +1 hour of timestamp
        r.send(1000 + 20 * i, p)
    st_, info, data = r.run()
    assert info.frames == 16000          # 2 s of audio; the jump added nothing
    assert data == AUDIO[:16000]
    assert st_["legs"][0]["reanchors"] == 1


def test_timestamp_backwards_huge_and_small(rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(legs=1)
    for i, p in enumerate(frames(1, 10**9, 50)):
        r.send(20 * i, p)
    for i, p in enumerate(frames(51, 10**9 - 8000 * 600, 50, off=50)):  # 10 minutes back
        r.send(1000 + 20 * i, p)
    r.send(2000, rtp_packet(101, 10**9 - 8000 * 600 + 160 * 48, 0x1111, b"\x00" * 160))  # 2 frames back
    st_, info, data = r.run()
    assert info.frames == 16000 and data[:8000] == AUDIO[:8000]
    assert st_["legs"][0]["reanchors"] == 1


def test_sequence_jump_over_3000_keeps_recording(rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(legs=1)
    pk = frames(1, 0, 100)
    jumped = [rtp_packet(5000 + i, 160 * (50 + i), 0x1111, AUDIO[(50 + i) * 160:(51 + i) * 160]) for i in range(50)]
    for i in range(50):
        r.send(20 * i, pk[i])
    for i in range(50):
        r.send(1000 + 20 * i, jumped[i])
    st_, info, data = r.run()
    assert data == AUDIO[:16000]
    assert st_["legs"][0]["seq_resyncs"] == 1 and st_["legs"][0]["lost"] == 0


def test_ssrc_change_starts_a_new_segment(rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(legs=1)
    for i, p in enumerate(frames(1, 0, 50)):
        r.send(20 * i, p)
    for i, p in enumerate(frames(900, 4444, 50, ssrc=0x5555, off=50)):
        r.send(1100 + 20 * i, p)   # same source address, new SSRC, 120 ms after the old one stopped
    st_, info, data = r.run()
    leg = st_["legs"][0]
    assert leg["segments"] == 2 and leg["ssrc"] == 0x5555
    # the new segment is anchored at its arrival: the 100 ms gap stays silence
    assert data[:8000] == AUDIO[:8000] and data[8000:8800] == b"\xff" * 800
    assert data[8800:16800] == AUDIO[8000:16000] and info.frames == 16800


def test_two_interleaved_ssrcs_never_mix(rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(legs=1)
    for i, p in enumerate(frames(1, 0, 100)):
        r.send(20 * i, p)
        r.send(20 * i + 3, rtp_packet(7000 + i, 99999 + 160 * i, 0x6666, b"\x00" * 160))
    st_, info, data = r.run()
    assert data == AUDIO[:16000]
    assert st_["legs"][0]["foreign"] == 100 and st_["legs"][0]["segments"] == 1


@pytest.mark.parametrize("with_remote", [True, False])
def test_second_source_before_and_after_lock_on(tmp_path, with_remote: bool) -> None:  # type: ignore[no-untyped-def]
    e = rtp.Engine()
    a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    a.bind(("127.0.0.1", 0))
    sid = e.add_socket(a.detach(), rtp.SockKind.LEG_RTP)
    spec: dict[str, Any] = {"sock_rtp": sid}
    if with_remote:
        spec.update(want_ip=A[0], want_port=A[1])
    h = e.open_call(str(tmp_path / "x.wav"), 7, [spec])
    items = []
    if with_remote:   # an attacker racing the real source before lock-on
        items += [(T0 - 5 * MS + i, rtp_packet(i, 160 * i, 0x7777, b"\x00" * 160), *EVIL) for i in range(5)]
    items += [(T0 + 20 * MS * i, p, *A) for i, p in enumerate(frames(1, 0, 100))]
    items += [(T0 + 20 * MS * i + 7 * MS, rtp_packet(1 + i, 160 * i, 0x1111, b"\x00" * 160), *EVIL)
              for i in range(100)]     # after lock-on: same SSRC and numbering, other address
    e.inject_batch(sid, batch(sorted(items, key=lambda x: x[0])))
    st_ = e.close_call(h)
    info, data = read_wav(tmp_path / "x.wav")
    assert data == AUDIO[:16000]
    assert st_["legs"][0]["foreign"] == (105 if with_remote else 100)
    assert st_["legs"][0]["source"] == A


BAD = [
    b"", b"\x80", rtp_packet(1, 1, 0x1111, b"")[:11],
    bytes([0x00]) + rtp_packet(1, 1, 0x1111, b"x" * 160)[1:],
    bytes([0x40]) + rtp_packet(1, 1, 0x1111, b"x" * 160)[1:],
    bytes([0xC0]) + rtp_packet(1, 1, 0x1111, b"x" * 160)[1:],
    bytes([0x8F]) + rtp_packet(1, 1, 0x1111, b"")[1:] + b"\x00" * 8,
    bytes([0x90]) + rtp_packet(1, 1, 0x1111, b"")[1:] + b"\xbe",
    bytes([0x90]) + rtp_packet(1, 1, 0x1111, b"")[1:] + b"\xbe\xde\xff\xff" + b"\x00" * 160,
    bytes([0xA0]) + rtp_packet(1, 1, 0x1111, b"x" * 160)[1:-1] + b"\x00",
    bytes([0xA0]) + rtp_packet(1, 1, 0x1111, b"x" * 3)[1:-1] + b"\xff",
] + [rtp_packet(3, 3, 0x1111, b"\x00" * 160, pt=pt) for pt in range(72, 77)] + [
    struct.pack("!BBH", 0x80, 200, 50) + b"\x00\x00\x11\x11" + b"\x00" * 20,       # length > datagram
    struct.pack("!BBH", 0x80, 200, 0),                                            # 4-byte RTCP
    struct.pack("!BBHI", 0x85, 200, 6, 0x1111) + b"\x00" * 20,                    # RC > blocks
    # well-formed but not audio, with sequence numbers far off (no two in a row: a real
    # restart of numbering would be two sequential packets, RFC 3550 A.1)
    rtp_packet(30000, 5, 0x1111, b"\x00" * 160, pt=13),                           # CN: not audio
    rtp_packet(40000, 6, 0x1111, b"\x00" * 160, pt=96),                           # unknown PT
    rtp_packet(50000, 7, 0x1111, b"\x01\x02", pt=101),                            # short DTMF
]


def test_bad_input_list_never_leaks_or_stops_a_recording(rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(legs=1)
    rnd = random.Random(3)
    for i, p in enumerate(frames(1000, 0, 100)):
        r.send(20 * i, p)
        bad = BAD[i % len(BAD)]
        # the malformed packet comes from the locked source itself
        r.send(20 * i + 1, bad)
        r.send(20 * i + 2, bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 200))), EVIL)
    r.send(2100, b"\x80" * 65507)      # larger than any receive slot: truncated and counted
    r.feed()
    stats_before = r.e.stats()
    st_, info, data = r.run()
    assert data == AUDIO[:16000]
    leg = st_["legs"][0]
    assert leg["lost"] == 0 and leg["received"] == 100
    assert stats_before["truncated"] == 1
    assert stats_before["malformed"] > 0 and stats_before["rtcp_bad"] > 0


def test_pause_holds_silence_and_masks_dtmf(tmp_path) -> None:  # type: ignore[no-untyped-def]
    e = rtp.Engine()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    sid = e.add_socket(s.detach(), rtp.SockKind.SHARED)
    h = e.open_call(str(tmp_path / "p.wav"), 7, [dict(want_ip=A[0], want_port=A[1])])
    pk = frames(1, 0, 150)
    e.inject_batch(sid, batch([(T0 + 20 * MS * i, pk[i], *A) for i in range(50)]))
    p0 = e.pause(h, T0 + 1000 * MS)
    dt = [rtp_packet(51 + i, 8000, 0x1111, bytes([4, 0x80 if i == 2 else 0, 0, 80 * (i + 1)]), pt=101)
          for i in range(3)]
    e.inject_batch(sid, batch([(T0 + (1000 + 20 * i) * MS, dt[i], *A) for i in range(3)]))
    e.inject_batch(sid, batch([(T0 + 20 * MS * i, pk[i], *A) for i in range(53, 100)]))
    p1 = e.resume(h, T0 + 2000 * MS)
    e.inject_batch(sid, batch([(T0 + 20 * MS * i, pk[i], *A) for i in range(100, 150)]))
    events = e.poll_events()
    st_ = e.close_call(h)
    info, data = read_wav(tmp_path / "p.wav")
    assert (p0, p1) == (8000, 16000)
    assert data[:8000] == AUDIO[:8000]
    assert data[8000:16000] == b"\xff" * 8000
    assert data[16000:24000] == AUDIO[16000:24000]
    dtmf = [ev for ev in events if ev[0] == rtp.EventKind.DTMF]
    assert len(dtmf) == 1 and dtmf[0][4] == -1      # digit withheld: keyed while paused
    assert st_["legs"][0]["paused_samples"] == 47 * 160


def test_dtmf_is_an_event_not_audio_and_rtcp_sr_is_kept(rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(legs=1)
    pk = frames(1, 0, 50)
    for i in range(20):
        r.send(20 * i, pk[i])
    for i in range(3):    # digit 7 with its end packet sent three times (RFC 4733 2.5.1.4)
        r.send(400 + 20 * i, rtp_packet(21 + i, 3200, 0x1111, bytes([7, 0x80 if i else 0x00, 0, 160]), pt=101))
    r.send(500, rtp_packet(24, 3200, 0x1111, bytes([7, 0x80, 0, 160]), pt=101))
    for i in range(25, 50):
        r.send(20 * i, pk[i])
    r.send(900, struct.pack("!BBHIIIIII", 0x80, 200, 6, 0x1111, 10, 20, 30, 40, 50))
    r.feed()
    events = r.e.poll_events()
    st_, info, data = r.run()
    dt = [ev for ev in events if ev[0] == rtp.EventKind.DTMF]
    assert len(dt) == 1 and dt[0][4] == 7 and dt[0][3] == 3200
    assert data[3200:4000] == b"\xff" * 800   # no audio where the digit was
    assert st_["legs"][0]["sender_report"] == (0x1111, 10, 20, 30, 40, 50)


def test_alaw_leg_into_ulaw_file_and_pcm16_storage(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for fmt in (7, 6, 1):
        r = Rig(rtp.Engine, str(tmp_path), legs=1, fmt=fmt)
        alaw = rtp.ulaw_to_alaw(AUDIO[:8000])
        for i in range(50):
            r.send(20 * i, rtp_packet(i, 160 * i, 1, alaw[160 * i:160 * (i + 1)], pt=8))
        st_, info, data = r.run()
        assert info.format == fmt
        want = {7: rtp.alaw_to_ulaw(alaw), 6: alaw, 1: rtp.alaw_decode(alaw)}[fmt]
        assert data == want


def test_timeout_marks_the_call(rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(legs=1, timeout_ms=500)
    r.e.inject(r.sid, frames(1, 0, 1)[0], *A, now_ns=T0)
    r.e.tick(T0 + 400 * MS)
    assert r.e.timed_out() == []
    r.e.tick(T0 + 600 * MS)
    assert r.e.timed_out() == [r.h]
    assert any(ev[0] == rtp.EventKind.TIMEOUT for ev in r.e.poll_events())


def test_bad_control_input_is_rejected_and_changes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    e = rtp.Engine()
    with pytest.raises(ValueError, match="1 or 2 legs"):
        e.open_call(str(tmp_path / "a.wav"), 7, [])
    with pytest.raises(ValueError, match="needs its source"):
        e.open_call(str(tmp_path / "a.wav"), 7, [{}])
    with pytest.raises(ValueError, match="storage format"):
        e.open_call(str(tmp_path / "a.wav"), 3, [{"want_ssrc": 1}])
    with pytest.raises(OSError):
        e.open_call(str(tmp_path / "no" / "such" / "dir.wav"), 7, [{"want_ssrc": 1}])
    with pytest.raises(KeyError):
        e.close_call(12345)
    with pytest.raises(ValueError):
        rtp.Engine(tick_ms=0)
    h = e.open_call(str(tmp_path / "a.wav"), 7, [{"want_ssrc": 1}])
    with pytest.raises(ValueError, match="already bound"):
        e.open_call(str(tmp_path / "b.wav"), 7, [{"want_ssrc": 1}])
    e.pause(h)
    with pytest.raises(ValueError, match="already paused"):
        e.pause(h)
    assert e.stats()["calls"] == 1
    e.close_call(h)
    with pytest.raises(KeyError):
        e.close_call(h)     # stale handle


# --- differential: compiled engine vs pure twin on random impaired calls ---

@st.composite
def scenario(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 120))
    seq0 = draw(st.integers(0, 65535))
    ts0 = draw(st.integers(0, 2**32 - 1))
    ops = []
    t = 0.0
    for i in range(n):
        kind = draw(st.sampled_from(["ok"] * 8 + ["drop", "dup", "late", "jump", "junk", "ssrc", "dtmf"]))
        t += 20
        seq, ts = seq0 + i, ts0 + 160 * i
        if kind == "drop":
            continue
        if kind == "jump":
            ts += draw(st.integers(-(2**31), 2**31 - 1))
        if kind == "junk":
            ops.append((t + 1, draw(st.binary(max_size=40)), draw(st.sampled_from([A, EVIL]))))
        ssrc = 0x2222 if kind == "ssrc" else 0x1111
        pt = 101 if kind == "dtmf" else draw(st.sampled_from([0, 0, 0, 8]))
        payload = bytes([i % 16, 0x80, 0, 160]) if pt == 101 else AUDIO[(i % 100) * 160:(i % 100 + 1) * 160]
        at = t + (draw(st.floats(0, 300)) if kind == "late" else draw(st.floats(0, 15)))
        ops.append((at, rtp_packet(seq, ts, ssrc, payload, pt=pt), A))
        if kind == "dup":
            ops.append((at + draw(st.floats(0, 50)), rtp_packet(seq, ts, ssrc, payload, pt=pt), A))
    pause = draw(st.none() | st.tuples(st.floats(0, 3000), st.floats(0, 1000)))
    fmt = draw(st.sampled_from([7, 6, 1]))
    return sorted(ops, key=lambda o: o[0]), pause, fmt


def _play(eng_cls, tmp, ops, pause, fmt):  # type: ignore[no-untyped-def]
    r = Rig(eng_cls, tmp, legs=1, fmt=fmt)
    events = []
    done_p = done_r = pause is None
    for at, pkt, src in ops:
        if not done_p and at >= pause[0]:
            r.e.pause(r.h, T0 + int(pause[0] * MS))
            done_p = True
        if not done_r and done_p and at >= pause[0] + pause[1]:
            r.e.resume(r.h, T0 + int((pause[0] + pause[1]) * MS))
            done_r = True
        r.e.inject(r.sid, pkt, src[0], src[1], T0 + int(at * MS))
        r.e.tick(T0 + int(at * MS))
    events = r.e.poll_events()
    st_ = r.e.close_call(r.h)
    for k in ("memory", "state"):
        st_.pop(k)
    for leg in st_["legs"]:
        leg["state"] = int(leg["state"])
    with open(r.path, "rb") as f:
        return f.read(), st_, events


@pytest.mark.compiled_only
@settings(max_examples=150, deadline=None)
@given(sc=scenario())
@example(sc=([(20.0, rtp_packet(65535, 2**32 - 100, 0x1111, AUDIO[:160]), A),
              (40.0, rtp_packet(0, 60, 0x1111, AUDIO[160:320]), A)], None, 7))
def test_engine_matches_pure_twin(tmp_path_factory, sc) -> None:  # type: ignore[no-untyped-def]
    from rtp import _rtp
    from rtp._pure import engine as pure
    ops, pause, fmt = sc
    tmp = str(tmp_path_factory.mktemp("diff"))
    assert _play(_rtp.Engine, tmp, ops, pause, fmt) == _play(pure.Engine, tmp, ops, pause, fmt)


def test_monitor_keeps_the_slower_leg_when_the_other_bursts_ahead(rig) -> None:  # type: ignore[no-untyped-def]
    """ffmpeg -re sends ~140 ms of audio at once: the monitor still waits (up to 40 ms behind the
    wall clock) for the real-time leg, so that leg's audio is in the frames, not silence."""
    r = rig()
    r.e.set_monitor(r.h, True)
    caller = frames(0, 0, 120, ssrc=0x1111)
    agent = frames(0, 0, 120, ssrc=0x2222, off=600)
    got: list[tuple[int, int, int, bytes]] = []
    last = -1
    for step in range(110):
        if step % 7 == 0:                      # the caller's burst: 7 packets (140 ms) at once
            for k in range(step, min(step + 7, 120)):
                r.send(step * 20, caller[k], A)
        r.send(step * 20 + 1, agent[step], B)  # the agent in real time
        r.feed()
        for fr in r.e.read_monitor(r.h, last):
            last = fr[0]
            got.append(fr)
    assert len(got) >= 80
    right = [bytes(memoryview(fr[3]).cast("h")[1::2]) for fr in got[10:]]
    tone = rtp.ulaw_decode(AUDIO[600 * 160:720 * 160])
    with_agent = sum(1 for x in right if any(x) and x in tone)
    assert with_agent >= 0.9 * len(right), (with_agent, len(right))
    r.e.close_call(r.h)


def _many_streams(e: Any, tmp: str, calls: list[int], items: list[tuple[int, bytes, str, int]],
                  whole_batch: bool) -> tuple[list[dict[str, Any]], list[bytes]]:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    sid = e.add_socket(s.detach(), rtp.SockKind.SHARED)
    paths, hs, port = [], [], 20000
    for c, nl in enumerate(calls):
        paths.append(os.path.join(tmp, f"{'b' if whole_batch else 's'}{c}.wav"))
        hs.append(e.open_call(paths[-1], 7, [dict(want_ip="10.1.0.1", want_port=port + k) for k in range(nl)]))
        port += nl
    if whole_batch:
        assert e.inject_batch(sid, batch(items)) == len(items)
    else:
        last = None
        for now, pkt, ip, src_port in items:
            if last is not None and now != last:
                e.tick(last)              # what inject_batch does where the clock moves on
            e.inject(sid, pkt, ip, src_port, now)
            last = now
        e.tick(last)
    stats = [e.close_call(h) for h in hs]
    files = []
    for path in paths:
        with open(path, "rb") as f:
            files.append(f.read())
    return stats, files


def test_many_streams_in_one_batch_land_exactly_as_one_at_a_time(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The in-memory benchmark's workload on a small scale: many streams interleaved in one
    inject_batch, a tick per 20 ms round, arrival order shuffled within each round, some
    duplicates. The batch path (datagrams looked up and prefetched ahead of the in-order apply,
    records prefetched ahead of the reader) must give byte for byte the files and statistics of
    the same datagrams injected one at a time, and every stream's channel must hold exactly its
    payloads in timestamp order (flushes every 500 ms and the final one at close included)."""
    rnd = random.Random(5)
    calls = [2 if c % 3 == 0 else 1 for c in range(24)]          # mixed one- and two-leg calls
    nstreams, rounds = sum(calls), 120
    payload = [[AUDIO[((7 * s + i) % 1100) * 160:((7 * s + i) % 1100 + 1) * 160] for i in range(rounds)]
               for s in range(nstreams)]
    items: list[tuple[int, bytes, str, int]] = []
    for i in range(rounds):
        now = T0 + 20 * MS * i
        group = [(now, rtp_packet(i, 160 * i, 0x100 + s, payload[s][i]), "10.1.0.1", 20000 + s)
                 for s in range(nstreams)]
        group += [group[rnd.randrange(nstreams)] for _ in range(3)]        # duplicates
        rnd.shuffle(group)
        items += group
    st_b, files_b = _many_streams(rtp.Engine(), str(tmp_path), calls, items, True)
    st_s, files_s = _many_streams(rtp.Engine(), str(tmp_path), calls, items, False)
    assert files_b == files_s
    assert st_b == st_s
    s = 0
    for c, nl in enumerate(calls):
        info, data = read_wav(os.path.join(str(tmp_path), f"b{c}.wav"))
        assert (info.channels, info.frames) == (nl, rounds * 160)
        for k in range(nl):
            assert channel(data, info, k) == b"".join(payload[s + k])
            assert st_b[c]["legs"][k]["received"] == rounds and st_b[c]["legs"][k]["lost"] == 0
        s += nl
    assert sum(leg["duplicates"] for st in st_b for leg in st["legs"]) == 3 * rounds
