"""Regression: a leg running ahead of the wall clock while the commit trails it.

_room forces the commit to `end - ring_frames` when a packet lands more than one ring ahead
of what was written; the forced flush can then span more than the ring. The compiled engine
used to read the ring round twice (repeating audio) and reset the span to silence with a
wrapped memset that ran up to a ring past the end of the ring's allocation - heap corruption,
and the receive thread's SIGSEGV under load (benchmarks/bench_rtp.py, monitor latency with
1,000 background calls: a leg whose first packet waited in a backlog is anchored late, so
its later packets land up to max_lead ahead of the wall clock). Under ASan the old code
reports a heap-buffer-overflow in Engine._fill_silence here; without ASan the repeated-audio
checks fail.

Every packet carries 160 copies of its own mu-law code, so audio that appears twice in the
file is visible as a code with more than 160 samples."""

from __future__ import annotations

import os
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


@pytest.mark.compiled_only
@pytest.mark.parametrize("stall_ms", [700, 1500, 3000])
@pytest.mark.parametrize("pre", [97, 131])
@pytest.mark.parametrize("fmt", [1, 7])
def test_forced_commit_beyond_the_ring_matches_pure_twin(tmp_path, pre: int, stall_ms: int,  # type: ignore[no-untyped-def]
                                                        fmt: int) -> None:
    from rtp import _rtp
    from rtp._pure import engine as pure
    a = _play(_rtp.Engine, str(tmp_path / "c.wav"), pre, stall_ms, 2, fmt)
    b = _play(pure.Engine, str(tmp_path / "p.wav"), pre, stall_ms, 2, fmt)
    for st in (a[0], b[0]):
        st.pop("memory")
    assert a == b


@pytest.mark.compiled_only
def test_receive_thread_leg_ahead_of_wall_clock_with_monitor_and_close(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same path through the real receive thread and sockets, interleaved with monitor
    reads and close_call from this thread, on calls whose rings neighbour each other on the
    heap: a leg creeps ahead of the wall clock (each packet 7999 samples ahead of the last)
    while the commit trails the wall clock. Bounded: `rounds` calls, every wait has a deadline."""
    e = rtp.Engine(tick_ms=5)
    rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rx.bind(("127.0.0.1", 0))
    port = rx.getsockname()[1]
    sid = e.add_socket(rx.detach(), rtp.SockKind.SHARED, 1 << 20)
    tx = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(2)]
    for t in tx:
        t.bind(("127.0.0.1", 0))
    src = [t.getsockname() for t in tx]
    e.start()
    rounds, ncalls = 6, 4
    try:
        for r in range(rounds):
            handles = [e.open_call(str(tmp_path / f"r{r}_{c}.wav"), 7,
                                   [dict(want_ip="127.0.0.1", want_port=src[0][1], want_ssrc=0x100 * r + 2 * c),
                                    dict(want_ip="127.0.0.1", want_port=src[1][1], want_ssrc=0x100 * r + 2 * c + 1)])
                       for c in range(ncalls)]
            for h in handles:
                e.set_monitor(h, True)
            # lock on and run in real time for a while (200 ms + a per-round offset, so the
            # ring alignment of `written` differs from round to round)
            paced = 10 + 3 * r
            t0 = time.monotonic()
            for i in range(paced):
                for c in range(ncalls):
                    for k in (0, 1):
                        tx[k].sendto(rtp_packet(i, 160 * i, 0x100 * r + 2 * c + k, _payload(i, 7 * c + k)),
                                     ("127.0.0.1", port))
                delay = t0 + 0.02 * (i + 1) - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            # the caller legs creep ahead of the wall clock, up to ~max_lead
            ts = 160 * (paced - 1)
            for k in range(2):
                ts += 7999
                for c in range(ncalls):
                    tx[0].sendto(rtp_packet(paced + k, ts, 0x100 * r + 2 * c, _payload(paced + k, 7 * c)),
                                 ("127.0.0.1", port))
            deadline = time.monotonic() + 10.0
            while time.monotonic() < deadline:
                if all(e.call_stats(h)["legs"][0]["packets"] >= paced + 2 for h in handles):
                    break
                for h in handles:
                    e.read_monitor(h, -1)
                time.sleep(0.005)
            for c, h in enumerate(handles):
                e.read_monitor(h, -1)
                st = e.close_call(h)
                _check_no_repeats(str(tmp_path / f"r{r}_{c}.wav"), st)
            e.stats()
        assert e.running
    finally:
        e.stop()
        e.close()
        for t in tx:
            t.close()
    for name in os.listdir(tmp_path):
        assert name.endswith(".wav")
