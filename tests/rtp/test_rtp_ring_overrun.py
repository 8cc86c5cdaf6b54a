"""Regression for the receive thread's SIGSEGV: a flush spanning more than the call's ring.

_room forces the commit to `end - ring_frames` when a packet lands more than one ring past
what was written: media resuming after a gap on both legs (a hold: the commit waited a reorder
delay behind the last audio all through it), or a leg running ahead of the wall clock while
the commit trails it. The forced flush can then span more than the ring. The compiled engine
used to read the ring round twice (writing audio from before the gap a second time) and reset
the span to silence with a wrapped memset sized by the span, running up to (span - ring) bytes
past the end of the ring's allocation: heap corruption that faulted later in whichever thread
touched the neighbouring memory. Under ASan the old code reports a heap-buffer-overflow in
Engine._fill_silence here (in the receive thread for the last test); without ASan the
repeated-audio checks fail.

Every packet carries 160 copies of its own mu-law code, so audio that appears twice in the
file is visible as a code with more than 160 samples."""

from __future__ import annotations

import socket
import time
from collections import Counter
from typing import Any

import pytest
from rtp_helpers import rtp_packet

import rtp
from rtp.wavfile import channel, read_wav

T0 = 1_000_000_000_000
MS = 1_000_000
A = ("10.0.0.1", 4000)
B = ("10.0.0.2", 4002)
# mu-law codes that decode to distinct non-silent values (0xFF and 0x7F are the two zeros)
CODES = [c for c in range(1, 255) if c not in (0x7F, 0xFF)]


def _payload(i: int, phase: int = 0) -> bytes:
    return bytes([CODES[(i + phase) % len(CODES)]]) * 160


def _play(eng_cls: Any, path: str, pre: int, stall_ms: int, burst: int, fmt: int) -> tuple[dict[str, Any], bytes]:
    """`pre` paced 20 ms packets on both legs (ticking), a stall of `stall_ms` without ticks,
    then `burst` caller packets at one instant, each 7999 samples ahead of the one before
    (under max_jump, so no re-anchor) until the leg leads the wall clock by ~max_lead."""
    e = eng_cls()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    sid = e.add_socket(s.detach(), rtp.SockKind.SHARED)
    h = e.open_call(path, fmt, [dict(want_ip=A[0], want_port=A[1]), dict(want_ip=B[0], want_port=B[1])])
    e.set_monitor(h, True)
    last = -1
    for i in range(pre):
        now = T0 + i * 20 * MS
        e.inject(sid, rtp_packet(i, 160 * i, 0x1111, _payload(i)), A[0], A[1], now)
        e.inject(sid, rtp_packet(i, 160 * i, 0x2222, _payload(i, 100)), B[0], B[1], now)
        e.tick(now)
        for fr in e.read_monitor(h, last):
            last = fr[0]
    now = T0 + (pre - 1) * 20 * MS + stall_ms * MS
    ts = 160 * (pre - 1) + stall_ms * 8
    for k in range(burst):
        ts += 7999
        e.inject(sid, rtp_packet(pre + k, ts, 0x1111, _payload(pre + k)), A[0], A[1], now)
        for fr in e.read_monitor(h, last):
            last = fr[0]
    e.tick(now)
    e.read_monitor(h, last)
    st = e.close_call(h)
    e.close()
    with open(path, "rb") as f:
        return st, f.read()


def _check_no_repeats(path: str, st: dict[str, Any]) -> None:
    info, data = read_wav(path)
    assert info.frames == st["frames"]
    for ch in (0, 1):
        counts = Counter(channel(data, info, ch))
        counts.pop(0xFF, None)
        counts.pop(0x7F, None)
        repeated = {c: n for c, n in counts.items() if n > 160}
        assert not repeated, f"channel {ch}: audio written twice {repeated}"


@pytest.mark.parametrize("stall_ms", [0, 700, 1500, 3000])
@pytest.mark.parametrize("pre", [60, 97, 113, 131])
def test_forced_commit_beyond_the_ring_writes_silence_not_the_ring_again(tmp_path, pre: int,  # type: ignore[no-untyped-def]
                                                                        stall_ms: int) -> None:
    path = str(tmp_path / "r.wav")
    st, _ = _play(rtp.Engine, path, pre, stall_ms, 2, 7)
    _check_no_repeats(path, st)
    legs = st["legs"]
    assert legs[0]["packets"] == pre + 2 and legs[1]["packets"] == pre
    assert legs[0]["reanchors"] == 0 and legs[0]["late"] == 0


def _hold(eng_cls: Any, path: str, pre: int, gap_ms: int, fmt: int) -> tuple[dict[str, Any], bytes]:
    """A call put on hold: both legs stop sending for `gap_ms` while the engine keeps ticking,
    then resume in real time with their timestamps counting the gap. The commit stays a
    reorder delay behind the last audio all through the gap, so the resuming packet lands
    gap + delay past it: the forced flush spans (gap + delay + 20 ms) - one ring."""
    e = eng_cls()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    sid = e.add_socket(s.detach(), rtp.SockKind.SHARED)
    h = e.open_call(path, fmt, [dict(want_ip=A[0], want_port=A[1]), dict(want_ip=B[0], want_port=B[1])])
    e.set_monitor(h, True)
    last = -1

    def both(i: int, t_ms: int) -> None:
        nonlocal last
        now = T0 + t_ms * MS
        e.inject(sid, rtp_packet(i, 8 * t_ms, 0x1111, _payload(i)), A[0], A[1], now)
        e.inject(sid, rtp_packet(i, 8 * t_ms, 0x2222, _payload(i, 100)), B[0], B[1], now)
        e.tick(now)
        for fr in e.read_monitor(h, last):
            last = fr[0]
    for i in range(pre):
        both(i, 20 * i)
    t = 20 * (pre - 1)
    for _ in range(gap_ms // 5):
        t += 5
        e.tick(T0 + t * MS)
        for fr in e.read_monitor(h, last):
            last = fr[0]
    for i in range(25):
        both(pre + i, t + 20 * i)
    st = e.close_call(h)
    e.close()
    with open(path, "rb") as f:
        return st, f.read()


@pytest.mark.parametrize("gap_ms", [1000, 2500, 3000, 10000])
@pytest.mark.parametrize("pre", [60, 97, 131])
def test_media_gap_on_both_legs_keeps_the_timeline_and_the_heap(tmp_path, pre: int,  # type: ignore[no-untyped-def]
                                                               gap_ms: int) -> None:
    path = str(tmp_path / "r.wav")
    st, _ = _hold(rtp.Engine, path, pre, gap_ms, 7)
    _check_no_repeats(path, st)
    end_before = 160 * pre
    resume = 8 * (20 * (pre - 1) + gap_ms)
    assert st["frames"] == resume + 25 * 160
    for leg in st["legs"]:
        assert leg["fill_samples"] == resume - end_before
        assert leg["packets"] == pre + 25 and leg["late"] == 0
    info, data = read_wav(path)
    for ch in (0, 1):
        held = channel(data, info, ch)[end_before:resume]
        assert held == b"\xff" * len(held)


@pytest.mark.compiled_only
@pytest.mark.parametrize("scenario", ["stall", "hold"])
@pytest.mark.parametrize("length_ms", [1500, 3000])
@pytest.mark.parametrize("pre", [97, 131])
@pytest.mark.parametrize("fmt", [1, 7])
def test_forced_commit_beyond_the_ring_matches_pure_twin(tmp_path, pre: int, length_ms: int,  # type: ignore[no-untyped-def]
                                                        fmt: int, scenario: str) -> None:
    from rtp import _rtp
    from rtp._pure import engine as pure
    if scenario == "stall":
        a = _play(_rtp.Engine, str(tmp_path / "c.wav"), pre, length_ms, 2, fmt)
        b = _play(pure.Engine, str(tmp_path / "p.wav"), pre, length_ms, 2, fmt)
    else:
        a = _hold(_rtp.Engine, str(tmp_path / "c.wav"), pre, length_ms, fmt)
        b = _hold(pure.Engine, str(tmp_path / "p.wav"), pre, length_ms, fmt)
    for st in (a[0], b[0]):
        st.pop("memory")
    assert a == b


@pytest.mark.compiled_only
def test_receive_thread_media_gap_with_monitor_and_close(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same path through the real receive thread and sockets, interleaved with monitor
    reads and close_call from this thread, on several calls whose rings neighbour each other
    on the heap: both legs pause (a hold) and resume, the leg clock counting the pause. A small
    ring (delay 20 ms, flush 50 ms: 2,048 frames) makes a 0.8 s pause span more than two rings.
    Bounded: `rounds` x `ncalls` calls, every wait has a deadline."""
    e = rtp.Engine(tick_ms=5, delay_ms=20, flush_ms=50)
    assert e.ring_frames == 2048
    rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rx.bind(("127.0.0.1", 0))
    port = rx.getsockname()[1]
    sid = e.add_socket(rx.detach(), rtp.SockKind.SHARED, 1 << 20)
    tx = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(2)]
    for t in tx:
        t.bind(("127.0.0.1", 0))
    src = [t.getsockname() for t in tx]
    e.start()
    rounds, ncalls, gap = 3, 4, 0.8
    try:
        for r in range(rounds):
            handles = [e.open_call(str(tmp_path / f"r{r}_{c}.wav"), 7,
                                   [dict(want_ip="127.0.0.1", want_port=src[0][1], want_ssrc=0x100 * r + 2 * c),
                                    dict(want_ip="127.0.0.1", want_port=src[1][1], want_ssrc=0x100 * r + 2 * c + 1)])
                       for c in range(ncalls)]
            for h in handles:
                e.set_monitor(h, True)
            seqs = [0] * ncalls
            t0 = time.monotonic()

            def burst(n: int, start: float) -> None:
                # n packets per leg in real time from `start`; timestamps follow the clock
                for i in range(n):
                    ts = int((time.monotonic() - t0) * 8000) // 160 * 160
                    for c in range(ncalls):
                        for k in (0, 1):
                            tx[k].sendto(rtp_packet(seqs[c], ts, 0x100 * r + 2 * c + k,
                                                    _payload(seqs[c], 7 * c + 50 * k)), ("127.0.0.1", port))
                        seqs[c] += 1
                    for h in handles:
                        e.read_monitor(h, -1)
                    delay = start + 0.02 * (i + 1) - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
            burst(8 + 3 * r, t0)            # a different ring alignment each round
            hold_end = time.monotonic() + gap
            while time.monotonic() < hold_end:   # on hold: nothing sent, the monitor polled
                for h in handles:
                    e.read_monitor(h, -1)
                time.sleep(0.01)
            burst(10, time.monotonic())
            deadline = time.monotonic() + 10.0
            while time.monotonic() < deadline:
                if all(e.call_stats(h)["legs"][1]["packets"] >= seqs[c] for c, h in enumerate(handles)):
                    break
                time.sleep(0.005)
            for c, h in enumerate(handles):
                e.read_monitor(h, -1)
                st = e.close_call(h)
                _check_no_repeats(str(tmp_path / f"r{r}_{c}.wav"), st)
                assert st["legs"][0]["fill_samples"] >= 8000 * gap * 0.9
            e.stats()
        assert e.running
    finally:
        e.stop()
        e.close()
        for t in tx:
            t.close()
