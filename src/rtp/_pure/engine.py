"""Pure twin of _engine.pxi: the same demux, per-leg sequence/timestamp/jitter state, the
timeline ring (reorder by RTP timestamp), commit/flush, monitor tap and events, written for
clarity. Differential tests drive both with identical datagrams and clocks and compare files
and statistics byte for byte."""

from __future__ import annotations

import os
import select
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from ..constants import (
    MAX_DROPOUT, MAX_MISORDER, MON_FRAME, MON_FRAMES, NS_PER_SAMPLE, SEQ_RING, SLOT,
    CallState, EventKind, LegState, SockKind, StoreFormat,
)
from ..constants import ParseError as PE
from . import g711
from .parser import dtmf_fields, is_rtcp_mux, rtcp_scan, rtp_header
from .wav import RIFF_LIMIT, RawWav

INT64_MAX = (1 << 63) - 1
NO_POS = -(1 << 63)          # "no position yet": positions themselves can be negative
BATCH_MAX = 1024
LEG_ACTIVE_NS = 100_000_000
MAX_EVENTS = 4096
STAT_NAMES = ("datagrams", "bytes", "recv_calls", "loops", "unmatched", "truncated", "rtcp",
              "rtcp_bad", "malformed", "audio_packets", "max_batch", "events_dropped",
              "foreign", "monitor_frames", "loop_max_ns", "wake_late_max_ns")
SO_RXQ_OVFL = getattr(socket, "SO_RXQ_OVFL", 40)
SO_RCVBUFFORCE = getattr(socket, "SO_RCVBUFFORCE", 33)


def _i32(x: int) -> int:
    x &= 0xFFFFFFFF
    return x - (1 << 32) if x >= 1 << 31 else x


def _seen_advance(L: _Leg, old_max: int, new_max: int) -> None:
    """The duplicate window is (max_ext - 128, max_ext]; the numbers entering it reuse the
    bits of the ones 128 behind them."""
    if new_max - old_max >= SEQ_RING:
        L.seen = 0
        return
    for e in range(old_max + 1, new_max + 1):
        L.seen &= ~(1 << (e & (SEQ_RING - 1)))


def _ip(s: str) -> int:
    return int(struct.unpack("=I", socket.inet_aton(s))[0])


def _ip_str(v: int) -> str:
    return socket.inet_ntoa(struct.pack("=I", v))


@dataclass
class _Leg:
    channel: int
    codec_pt: int
    dtmf_pt: int
    want_ip: int
    want_port: int
    has_want_ssrc: bool
    want_ssrc: int
    sock_rtp: int
    sock_rtcp: int
    state: int = LegState.WAITING
    ip: int = 0
    port: int = 0
    ssrc: int = 0
    last_arrival: int = 0
    max_seq: int = 0
    cycles: int = 0
    base_seq: int = 0
    bad_seq: int = 0
    received: int = 0
    lost_prior: int = 0
    seen: int = 0                # 128-bit bitmap: bit (ext & 127) set = that number was received
    ts_last: int = 0
    ts_ext_last: int = 0
    anchor: int = 0
    ref_ext: int = 0
    ref_arrival: int = 0
    max_end: int = -1
    start_pos: int = 0
    transit: int = 0
    jitter: int = 0
    transit_init: bool = False
    packets: int = 0
    payload_bytes: int = 0
    duplicates: int = 0
    late: int = 0
    foreign: int = 0
    unknown_pt: int = 0
    oversize: int = 0
    seq_jumps: int = 0
    seq_resyncs: int = 0
    reanchors: int = 0
    segments: int = 0
    fill_samples: int = 0
    dtmf_events: int = 0
    paused_dropped: int = 0
    sr: tuple[int, ...] | None = None
    sr_arrival: int = 0
    rtcp_packets: int = 0
    dtmf_ts: int = 0
    dtmf_open: int = 0
    dtmf_event: int = 0
    dtmf_duration: int = 0
    dtmf_pos: int = 0


class _Tap:
    def __init__(self, channels: int, head: int) -> None:
        self.seq = 0
        self.head = head
        self.pos = [0] * MON_FRAMES
        self.t_ns = [0] * MON_FRAMES
        self.pcm = [b"\x00" * (MON_FRAME * channels * 2)] * MON_FRAMES


class _Call:
    def __init__(self, nlegs: int, fmt: int, ring_frames: int) -> None:
        self.state = CallState.OPEN
        self.gen = 0
        self.nlegs = nlegs
        self.fmt = fmt
        self.bps = 2 if fmt == StoreFormat.PCM16 else 1
        self.silence = 0xFF if fmt == StoreFormat.ULAW else (0xD5 if fmt == StoreFormat.ALAW else 0)
        self.legs: list[_Leg] = []
        self.wav: RawWav
        self.ring_frames = ring_frames
        self.ring = bytearray([self.silence]) * (ring_frames * nlegs * self.bps)
        self.written = 0
        self.commit = 0
        self.max_end = 0
        self.min_pos = INT64_MAX
        self.file_start = NO_POS
        self.origin = -1
        self.opened = 0
        self.last_arrival = 0
        self.last_flush = 0
        self.pause_start = -1
        self.pause_end = INT64_MAX
        self.paused = False
        self.flushes = 0
        self.tap: _Tap | None = None


class _Sock:
    def __init__(self, sock: socket.socket, kind: int) -> None:
        self.sock: socket.socket | None = sock
        self.kind = kind
        self.call = -1
        self.leg = -1
        self.drops = 0


class Engine:
    """Pure-Python twin of the compiled engine."""

    def __init__(self, *, tick_ms: int = 5, delay_ms: int = 200, flush_ms: int = 500,
                 timeout_ms: int = 30000, max_jump_ms: int = 1000, max_lead_ms: int = 2000,
                 ssrc_idle_ms: int = 60, batch: int = 256, rf64_threshold: int | None = None,
                 write_backlog: int = 64 << 20) -> None:
        if not 1 <= tick_ms <= 100:
            raise ValueError(f"tick_ms must be 1..100, got {tick_ms}")
        if not 20 <= delay_ms <= 2000:
            raise ValueError(f"delay_ms must be 20..2000, got {delay_ms}")
        if not 50 <= flush_ms <= 1000:
            raise ValueError(f"flush_ms must be 50..1000 (kill -9 loses at most one flush), got {flush_ms}")
        if not 1 <= batch <= BATCH_MAX:
            raise ValueError(f"batch must be 1..{BATCH_MAX}, got {batch}")
        if timeout_ms < 100 or max_jump_ms < 20 or max_lead_ms < 100 or ssrc_idle_ms < 0:
            raise ValueError("timeout_ms >= 100, max_jump_ms >= 20, max_lead_ms >= 100, ssrc_idle_ms >= 0")
        if not 0 <= write_backlog <= (1 << 40):
            raise ValueError(f"write_backlog must be 0..2**40 bytes, got {write_backlog}")
        self.tick_ns = tick_ms * 1_000_000
        self.delay = delay_ms * 8
        self.flush_ns = flush_ms * 1_000_000
        self.timeout_ns = timeout_ms * 1_000_000
        self.max_jump = max_jump_ms * 8
        self.max_lead = max_lead_ms * 8
        self.ssrc_idle_ns = ssrc_idle_ms * 1_000_000
        self.batch = batch
        self.rf64_threshold = RIFF_LIMIT if rf64_threshold is None else rf64_threshold
        self.ring_frames = 1024
        while self.ring_frames < (flush_ms + delay_ms + 120) * 8:
            self.ring_frames *= 2
        self._mu = threading.Lock()
        self.calls: list[_Call | None] = []
        self.gens: list[int] = []
        self.socks: list[_Sock] = []
        self.dmx: dict[tuple[int, int, int, int], tuple[int, int]] = {}
        self.events: list[tuple[int, int, int, int, int, int, int]] = []
        self.st = dict.fromkeys(STAT_NAMES, 0)
        self.malformed = [0] * 15
        self.signal = False
        self.last_now = 0
        self.write_jobs = 0
        self.write_bytes = 0
        self.write_errors = 0
        self._ep = select.epoll()
        self._evr, self._evw = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        self._alive = False
        self._thread: threading.Thread | None = None

    # --- events ---
    def _event(self, kind: int, slot: int, leg: int, pos: int, a: int, b: int) -> None:
        if len(self.events) >= MAX_EVENTS:
            self.st["events_dropped"] += 1
            return
        self.events.append((kind, slot, self.gens[slot], leg, pos, a, b))
        self.signal = True

    def _dmx_lookup(self, ip: int, port: int, ssrc: int) -> tuple[int, int] | None:
        return (self.dmx.get((3, ip, port, ssrc)) or self.dmx.get((1, ip, port, 0))
                or self.dmx.get((2, 0, 0, ssrc)))

    def _wall(self, c: _Call, now: int) -> int:
        return 0 if c.origin < 0 else (now - c.origin) // NS_PER_SAMPLE

    # --- timeline ---
    def _flush(self, c: _Call, slot: int, now: int) -> None:
        c.last_flush = now
        if c.commit <= c.written:
            return
        if c.file_start == NO_POS:
            if c.min_pos == INT64_MAX or c.commit <= c.min_pos:
                c.written = c.commit
                return
            c.written = c.min_pos
            c.file_start = c.min_pos
        fb = c.bps * c.nlegs
        mask = c.ring_frames - 1
        a = c.written & mask
        n = c.commit - c.written
        # a forced commit (_room) can hand off more than a ring: the ring is read once, the
        # frames beyond it were never placed and are silence
        nd = min(n, c.ring_frames)
        b = a + nd
        sil = c.silence
        if b <= c.ring_frames:
            err = c.wav.write(bytes(c.ring[a * fb:b * fb]))
            c.ring[a * fb:b * fb] = bytes([sil]) * (nd * fb)
        else:
            err = c.wav.write(bytes(c.ring[a * fb:]))
            if not err:
                err = c.wav.write(bytes(c.ring[:(b - c.ring_frames) * fb]))
            c.ring[a * fb:] = bytes([sil]) * ((c.ring_frames - a) * fb)
            c.ring[:(b - c.ring_frames) * fb] = bytes([sil]) * ((b - c.ring_frames) * fb)
        if nd < n and not err:
            err = c.wav.write(bytes([sil]) * ((n - nd) * fb))
        c.written = c.commit
        c.flushes += 1
        self.write_jobs += 1
        self.write_bytes += n * fb
        if err:
            self.write_errors += 1
            if c.wav.error == err and slot >= 0:
                self._event(EventKind.WRITE_ERROR, slot, -1, c.written, err, 0)
        else:
            c.wav.sync_header()
        if c.tap is not None and c.tap.head < c.written:
            c.tap.head = c.written

    def _room(self, c: _Call, slot: int, end: int, now: int) -> None:
        if end - c.written <= c.ring_frames:
            return
        self._flush(c, slot, now)
        if end - c.written > c.ring_frames:
            c.commit = end - c.ring_frames
            self._flush(c, slot, now)

    def _copy(self, c: _Call, L: _Leg, pos: int, src: bytes, pt: int) -> None:
        mask = c.ring_frames - 1
        stride = c.nlegs
        ring = c.ring
        if c.fmt == StoreFormat.PCM16:
            lin = g711.ULAW2LIN if pt == 0 else g711.ALAW2LIN
            for k, code in enumerate(src):
                i = 2 * (((pos + k) & mask) * stride + L.channel)
                ring[i:i + 2] = struct.pack("<h", lin[code])
        else:
            if c.fmt == StoreFormat.ULAW:
                tab = g711.IDENT if pt == 0 else g711.ALAW2ULAW
            else:
                tab = g711.IDENT if pt == 8 else g711.ULAW2ALAW
            for k, code in enumerate(src):
                ring[((pos + k) & mask) * stride + L.channel] = tab[code]

    def _place(self, c: _Call, slot: int, L: _Leg, pos: int, src: bytes, pt: int, now: int) -> None:
        n = len(src)
        end = pos + n
        if n <= 0:
            return
        if n > c.ring_frames // 4:
            L.oversize += 1
            return
        if c.min_pos == INT64_MAX:
            c.written = pos - self.delay
            c.commit = c.written
        if pos < c.commit:
            L.late += 1
            return
        self._room(c, slot, end, now)
        if pos < c.commit:
            L.late += 1
            return
        c.min_pos = min(c.min_pos, pos)
        if pos < L.start_pos:
            if end < L.start_pos:
                L.fill_samples += L.start_pos - end
            L.start_pos = pos
        elif pos > L.max_end:
            L.fill_samples += pos - L.max_end
        elif end <= L.max_end:
            L.fill_samples -= n
        else:
            L.fill_samples -= L.max_end - pos
        L.max_end = max(L.max_end, end)
        c.max_end = max(c.max_end, end)
        if c.pause_start >= 0 and end > c.pause_start and pos < c.pause_end:
            lo = max(pos, c.pause_start)
            hi = min(end, c.pause_end)
            L.paused_dropped += hi - lo
            if lo > pos:
                self._copy(c, L, pos, src[:lo - pos], pt)
            if hi < end:
                self._copy(c, L, hi, src[hi - pos:], pt)
            return
        self._copy(c, L, pos, src, pt)

    def _reset_stream(self, c: _Call, L: _Leg, seq: int, ts: int, ssrc: int, now: int) -> None:
        if L.state == LegState.LOCKED:
            expected = L.cycles + L.max_seq - L.base_seq + 1
            L.lost_prior += expected - L.received if expected > L.received else 0
        L.state = LegState.LOCKED
        L.ssrc = ssrc
        L.base_seq = seq
        L.max_seq = seq
        L.cycles = 0
        L.bad_seq = 0x10001
        L.received = 0
        L.seen = 0
        if c.origin < 0:
            c.origin = now
        wall = max(self._wall(c, now), c.commit)
        L.ts_last = ts
        L.ts_ext_last = 0
        L.ref_ext = 0
        L.ref_arrival = now
        L.anchor = wall
        if L.max_end < 0:
            L.max_end = wall
            L.start_pos = wall
        L.transit_init = False

    def _rtp(self, c: _Call, slot: int, li: int, h: dict[str, int], buf: memoryview, ip: int,
             port: int, now: int) -> None:
        L = c.legs[li]
        pt = h["pt"]
        seq, ts, ssrc = h["seq"], h["ts"], h["ssrc"]
        audio = pt in (0, 8)
        if L.state == LegState.WAITING:
            if (L.want_ip and ip != L.want_ip) or (L.want_port and port != L.want_port) \
                    or (L.has_want_ssrc and ssrc != L.want_ssrc):
                L.foreign += 1
                return
            if not audio and pt != L.dtmf_pt:
                L.unknown_pt += 1
                return
            L.ip, L.port = ip, port
            self._reset_stream(c, L, seq, ts, ssrc, now)
            self._event(EventKind.LOCK, slot, li, L.anchor, ip, (port << 32) | ssrc)
        elif ip != L.ip or port != L.port:
            L.foreign += 1
            return
        elif ssrc != L.ssrc:
            if L.has_want_ssrc or now - L.last_arrival < self.ssrc_idle_ns or (not audio and pt != L.dtmf_pt):
                L.foreign += 1
                return
            L.segments += 1
            self._reset_stream(c, L, seq, ts, ssrc, now)
            self._event(EventKind.SSRC_CHANGE, slot, li, L.anchor, ssrc, 0)

        udelta = (seq - L.max_seq) & 0xFFFF
        if udelta < MAX_DROPOUT:
            max_ext = L.cycles + L.max_seq
            if seq < L.max_seq:
                L.cycles += 65536
            L.max_seq = seq
            ext = L.cycles + seq
            if ext > max_ext:
                _seen_advance(L, max_ext, ext)
        elif udelta <= 65536 - MAX_MISORDER:
            if seq == L.bad_seq:
                expected = L.cycles + L.max_seq - L.base_seq + 1
                if expected > L.received:
                    L.lost_prior += expected - L.received
                L.base_seq = seq
                L.max_seq = seq
                L.cycles = 0
                L.received = 0
                L.bad_seq = 0x10001
                L.seen = 0
                L.seq_resyncs += 1
                ext = seq
            else:
                L.bad_seq = (seq + 1) & 0xFFFF
                L.seq_jumps += 1
                ext = -1
        else:
            ext = L.cycles + seq
            if seq > L.max_seq:
                ext -= 65536
        if ext >= 0:
            max_ext = L.cycles + L.max_seq
            if ext < L.base_seq or ext <= max_ext - SEQ_RING:
                L.late += 1
                return
            si = ext & (SEQ_RING - 1)
            if L.seen >> si & 1:
                L.duplicates += 1
                return
            L.seen |= 1 << si
            L.received += 1
        L.packets += 1
        L.payload_bytes += h["payload_len"]
        L.last_arrival = now
        c.last_arrival = now

        d = _i32(ts - L.ts_last)
        ext_ts = L.ts_ext_last + d
        if d > 0:
            L.ts_last = ts
            L.ts_ext_last = ext_ts
        if audio:
            arr = (now // NS_PER_SAMPLE) & 0xFFFFFFFF
            transit = (arr - ts) & 0xFFFFFFFF
            if L.transit_init:
                dd = abs(_i32(transit - L.transit))
                L.jitter = (L.jitter + dd - ((L.jitter + 8) >> 4)) & 0xFFFFFFFF
            L.transit_init = True
            L.transit = transit
        pos = L.anchor + ext_ts
        delta_arr = (now - L.ref_arrival) // NS_PER_SAMPLE
        skew = (ext_ts - L.ref_ext) - delta_arr
        if skew > self.max_jump or skew < -self.max_jump:
            newpos = L.anchor + L.ref_ext + delta_arr
            L.anchor = newpos - ext_ts
            pos = newpos
            L.ts_last = ts
            L.ts_ext_last = ext_ts
            L.ref_ext = ext_ts
            L.ref_arrival = now
            L.reanchors += 1
            self._event(EventKind.REANCHOR, slot, li, pos, skew, 0)
        else:
            wall = self._wall(c, now)
            if pos > wall + self.max_lead:
                newpos = L.max_end if L.max_end > c.commit else c.commit
                L.anchor = newpos - ext_ts
                pos = newpos
                L.ref_ext = ext_ts
                L.ref_arrival = now
                L.reanchors += 1
                self._event(EventKind.REANCHOR, slot, li, pos, pos - wall, 1)
            elif ext_ts >= L.ref_ext:
                L.ref_ext = ext_ts
                L.ref_arrival = now

        off, ln = h["payload_off"], h["payload_len"]
        if audio:
            self.st["audio_packets"] += 1
            if c.state in (CallState.OPEN, CallState.TIMED_OUT):
                self._place(c, slot, L, pos, bytes(buf[off:off + ln]), pt, now)
        elif pt == L.dtmf_pt and L.dtmf_pt >= 0:
            code, (ev, ev_end, _vol, dur) = dtmf_fields(buf[off:off + ln])
            if code != PE.OK:
                self.malformed[PE.DTMF_TOO_SHORT] += 1
                return
            if L.dtmf_open == 0 or ts != L.dtmf_ts:
                if L.dtmf_open == 1:
                    self._dtmf_done(c, slot, li, L)
                L.dtmf_open = 1
                L.dtmf_ts = ts
                L.dtmf_event = ev
                L.dtmf_pos = pos
            elif L.dtmf_open == 2:
                return
            L.dtmf_duration = dur
            if ev_end:
                self._dtmf_done(c, slot, li, L)
        else:
            L.unknown_pt += 1

    def _dtmf_done(self, c: _Call, slot: int, li: int, L: _Leg) -> None:
        L.dtmf_open = 2
        L.dtmf_events += 1
        if c.pause_start >= 0 and c.pause_start <= L.dtmf_pos < c.pause_end:
            self._event(EventKind.DTMF, slot, li, L.dtmf_pos, -1, L.dtmf_duration)
        else:
            self._event(EventKind.DTMF, slot, li, L.dtmf_pos, L.dtmf_event, L.dtmf_duration)

    def _rtcp(self, c: _Call, L: _Leg, buf: memoryview, ip: int, now: int) -> None:
        code, sr = rtcp_scan(buf)
        if code != PE.OK:
            self.st["rtcp_bad"] += 1
            self.malformed[code] += 1
            return
        if L.state != LegState.LOCKED or ip != L.ip:
            self.st["foreign"] += 1
            return
        self.st["rtcp"] += 1
        L.rtcp_packets += 1
        if sr is not None and sr[0] == L.ssrc:
            L.sr = sr
            L.sr_arrival = now

    def _datagram(self, si: int, buf: memoryview, ip: int, port: int, now: int) -> None:
        s = self.socks[si]
        now = max(now, self.last_now)
        self.last_now = now
        self.st["datagrams"] += 1
        self.st["bytes"] += len(buf)
        if s.kind == SockKind.SHARED:
            if is_rtcp_mux(buf):
                ssrc = int.from_bytes(buf[4:8], "big") if len(buf) >= 8 else 0
                hit = self._dmx_lookup(ip, port, ssrc)
                if hit is None:
                    self.st["unmatched"] += 1
                    return
                c = self.calls[hit[0]]
                assert c is not None
                self._rtcp(c, c.legs[hit[1]], buf, ip, now)
                return
            code, h = rtp_header(buf)
            if code != PE.OK:
                self.malformed[code] += 1
                self.st["malformed"] += 1
                return
            hit = self._dmx_lookup(ip, port, h["ssrc"])
            if hit is None:
                self.st["unmatched"] += 1
                return
            slot, li = hit
        else:
            slot, li = s.call, s.leg
            if slot < 0 or self.calls[slot] is None:
                self.st["unmatched"] += 1
                return
            c = self.calls[slot]
            assert c is not None
            if s.kind == SockKind.LEG_RTCP or is_rtcp_mux(buf):
                self._rtcp(c, c.legs[li], buf, ip, now)
                return
            code, h = rtp_header(buf)
            if code != PE.OK:
                self.malformed[code] += 1
                self.st["malformed"] += 1
                return
        c = self.calls[slot]
        if c is None:
            self.st["unmatched"] += 1
            return
        self._rtp(c, slot, li, h, buf, ip, port, now)

    def _monitor(self, c: _Call, now: int) -> None:
        t = c.tap
        assert t is not None
        target = c.max_end
        for L in c.legs:
            if L.state == LegState.LOCKED and now - L.last_arrival < LEG_ACTIVE_NS and L.max_end < target:
                target = L.max_end
        # at most 40 ms for the slower leg, from the wall clock (a leg bursting ahead of real
        # time must not push the other leg out of the monitor)
        wall = (now - c.origin) // NS_PER_SAMPLE if c.origin >= 0 else 0
        target = max(target, min(c.max_end, wall) - 2 * MON_FRAME)
        if t.head < c.written:
            t.head = c.written
        mask = c.ring_frames - 1
        lin = g711.ULAW2LIN if c.fmt == StoreFormat.ULAW else g711.ALAW2LIN
        fb = c.nlegs * c.bps
        while t.head + MON_FRAME <= target:
            fi = t.seq % MON_FRAMES
            out = []
            for k in range(MON_FRAME):
                p = ((t.head + k) & mask) * fb
                for ch in range(c.nlegs):
                    if c.fmt == StoreFormat.PCM16:
                        out.append(struct.unpack_from("<h", c.ring, p + 2 * ch)[0])
                    else:
                        out.append(lin[c.ring[p + ch]])
            t.pcm[fi] = struct.pack(f"<{len(out)}h", *out)
            t.pos[fi] = t.head
            t.t_ns[fi] = now
            t.seq += 1
            t.head += MON_FRAME
            self.st["monitor_frames"] += 1
            self.signal = True

    def _tick_call(self, c: _Call, slot: int, now: int) -> None:
        target = min(c.max_end, self._wall(c, now)) - self.delay
        if target > c.commit:
            c.commit = target
        if c.commit > c.written and (now - c.last_flush >= self.flush_ns
                                     or c.commit - c.written >= c.ring_frames // 2):
            self._flush(c, slot, now)
        if c.tap is not None:
            self._monitor(c, now)
        if c.state == CallState.OPEN and now - c.last_arrival > self.timeout_ns:
            c.state = CallState.TIMED_OUT
            self._event(EventKind.TIMEOUT, slot, -1, c.max_end, 0, 0)

    def _tick_all(self, now: int) -> None:
        now = max(now, self.last_now)
        self.last_now = now
        for i, c in enumerate(self.calls):
            if c is not None:
                self._tick_call(c, i, now)

    # --- sockets and the thread ---
    def _drain(self, si: int) -> None:
        s = self.socks[si]
        sock = s.sock
        if sock is None:
            return
        for _ in range(self.batch * 64):
            try:
                data, anc, flags, addr = sock.recvmsg(SLOT, socket.CMSG_SPACE(4), socket.MSG_DONTWAIT)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            for level, typ, val in anc:
                if level == socket.SOL_SOCKET and typ == SO_RXQ_OVFL and len(val) >= 4:
                    s.drops = struct.unpack("=I", val[:4])[0]
            now = time.monotonic_ns()
            if flags & socket.MSG_TRUNC:
                self.st["datagrams"] += 1
                self.st["truncated"] += 1
                continue
            self._datagram(si, memoryview(data), _ip(addr[0]), addr[1], now)

    def _loop(self) -> None:
        while self._alive:
            ready = self._ep.poll(self.tick_ns / 1e9)
            with self._mu:
                self.st["loops"] += 1
                for fd, _ev in ready:
                    for si, s in enumerate(self.socks):
                        if s.sock is not None and s.sock.fileno() == fd:
                            self.st["recv_calls"] += 1
                            self._drain(si)
                            break
                self._tick_all(time.monotonic_ns())
                sig, self.signal = self.signal, False
            if sig:
                try:
                    os.write(self._evw, b"\x01")
                except BlockingIOError:
                    pass

    def _run(self) -> None:
        self._loop()

    def start(self) -> None:
        if self._alive:
            raise RuntimeError("engine already running")
        self._alive = True
        self._thread = threading.Thread(target=self._run, name="rtp-recv-pure", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if not self._alive:
            return
        self._alive = False
        assert self._thread is not None
        self._thread.join()
        self._thread = None

    @property
    def thread(self) -> threading.Thread | None:
        """The receive thread while running (its native_id: scheduling)."""
        return self._thread

    @property
    def running(self) -> bool:
        return self._alive

    @property
    def event_fd(self) -> int:
        return self._evr

    def now(self) -> int:
        return time.monotonic_ns()

    def add_socket(self, fd: int, kind: int, rcvbuf: int = 0) -> int:
        if kind not in (1, 2, 3):
            raise ValueError(f"unknown socket kind {kind}")
        if fd < 0:
            raise ValueError("fd must be a valid descriptor")
        sock = socket.socket(fileno=fd)
        if rcvbuf > 0:
            try:
                sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, rcvbuf)
            except OSError:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        sock.setsockopt(socket.SOL_SOCKET, SO_RXQ_OVFL, 1)
        with self._mu:
            si = next((i for i, s in enumerate(self.socks) if s.sock is None), -1)
            entry = _Sock(sock, kind)
            if si < 0:
                self.socks.append(entry)
                si = len(self.socks) - 1
            else:
                self.socks[si] = entry
            self._ep.register(fd, select.EPOLLIN)
            return si

    def socket_rcvbuf(self, sock: int) -> int:
        s = self._sock(sock)
        assert s.sock is not None
        return int(s.sock.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF))

    def _sock(self, si: int) -> _Sock:
        if si < 0 or si >= len(self.socks) or self.socks[si].sock is None:
            raise KeyError(f"no socket {si}")
        return self.socks[si]

    def _close_sock(self, si: int) -> None:
        if si < 0 or si >= len(self.socks) or self.socks[si].sock is None:
            return
        sock = self.socks[si].sock
        assert sock is not None
        try:
            self._ep.unregister(sock.fileno())
        except (OSError, ValueError):
            pass
        sock.close()
        self.socks[si].sock = None
        self.socks[si].call = -1

    def remove_socket(self, sock: int) -> None:
        with self._mu:
            self._sock(sock)
            self._close_sock(sock)

    def _get(self, handle: int) -> tuple[_Call, int]:
        s = handle & 0xFFFFF
        gen = (handle & 0xFFFFFFFF) >> 20
        if handle < 0 or s >= len(self.calls) or self.calls[s] is None or (self.gens[s] & 0x7FF) != gen:
            raise KeyError(f"no open recording with handle {handle}")
        c = self.calls[s]
        assert c is not None
        return c, s

    def open_call(self, path: Any, fmt: int, legs: list[dict[str, Any]]) -> int:
        if fmt not in (1, 6, 7):
            raise ValueError(f"unsupported storage format {fmt}")
        if not 1 <= len(legs) <= 2:
            raise ValueError(f"a recording has 1 or 2 legs, got {len(legs)}")
        specs = []
        for i, leg in enumerate(legs):
            spec = dict(leg)
            if spec.get("codec_pt", 0) not in (0, 8):
                raise ValueError(f"leg {i}: codec_pt must be 0 (PCMU) or 8 (PCMA)")
            dt = spec.get("dtmf_pt", 101)
            if dt is None:
                dt = -1
            if not -1 <= dt <= 127 or dt in (0, 8) or 72 <= dt <= 76:
                raise ValueError(f"leg {i}: bad telephone-event payload type {dt}")
            spec["dtmf_pt"] = dt
            spec["ip"] = _ip(spec["want_ip"]) if spec.get("want_ip") else 0
            port = spec.get("want_port") or 0
            if not 0 <= port <= 65535:
                raise ValueError(f"leg {i}: bad port {port}")
            ws = spec.get("want_ssrc")
            if ws is not None and not 0 <= ws <= 0xFFFFFFFF:
                raise ValueError(f"leg {i}: bad SSRC {ws}")
            if spec.get("sock_rtp", -1) < 0 and not ((spec["ip"] and port) or ws is not None):
                raise ValueError(f"leg {i}: a leg on the shared port needs its source "
                                 "address and port, or its SSRC, to demultiplex")
            specs.append(spec)
        now = time.monotonic_ns()
        with self._mu:
            for i, spec in enumerate(specs):
                for key in ("sock_rtp", "sock_rtcp"):
                    si = spec.get(key, -1)
                    if si >= 0 and (si >= len(self.socks) or self.socks[si].sock is None
                                    or self.socks[si].call >= 0 or self.socks[si].kind == SockKind.SHARED):
                        raise ValueError(f"leg {i}: {key}={si} is not a free leg socket")
                if spec.get("sock_rtp", -1) < 0:
                    kind = 3 if (spec["ip"] and spec.get("want_ssrc") is not None) else (1 if spec["ip"] else 2)
                    key4 = (kind, spec["ip"] if kind != 2 else 0,
                            (spec.get("want_port") or 0) if kind != 2 else 0,
                            (spec.get("want_ssrc") or 0) if kind != 1 else 0)
                    if key4 in self.dmx:
                        raise ValueError(f"leg {i}: that source is already bound to another recording")
                    spec["dmx_key"] = key4
            slot = next((i for i, c in enumerate(self.calls) if c is None), -1)
            if slot < 0:
                self.calls.append(None)
                self.gens.append(0)
                slot = len(self.calls) - 1
            c = _Call(len(specs), fmt, self.ring_frames)
            try:
                c.wav = RawWav(path, fmt, len(specs), 8000, self.rf64_threshold)
            except OSError as exc:
                raise OSError(exc.errno, os.strerror(exc.errno or 5), os.fspath(path)) from None
            if c.wav.error:
                os.close(c.wav.fd)
                raise OSError(c.wav.error, os.strerror(c.wav.error), os.fspath(path))
            c.opened = c.last_arrival = c.last_flush = now
            self.gens[slot] = (self.gens[slot] + 1) & 0x7FF
            c.gen = self.gens[slot]
            for i, spec in enumerate(specs):
                L = _Leg(channel=i, codec_pt=spec.get("codec_pt", 0), dtmf_pt=spec["dtmf_pt"],
                         want_ip=spec["ip"], want_port=spec.get("want_port") or 0,
                         has_want_ssrc=spec.get("want_ssrc") is not None,
                         want_ssrc=spec.get("want_ssrc") or 0,
                         sock_rtp=spec.get("sock_rtp", -1), sock_rtcp=spec.get("sock_rtcp", -1))
                c.legs.append(L)
                for si in (L.sock_rtp, L.sock_rtcp):
                    if si >= 0:
                        self.socks[si].call = slot
                        self.socks[si].leg = i
                if L.sock_rtp < 0:
                    self.dmx[spec["dmx_key"]] = (slot, i)
            self.calls[slot] = c
            return (c.gen << 20) | slot

    def close_call(self, handle: int) -> dict[str, Any]:
        with self._mu:
            c, slot = self._get(handle)
            for k in [k for k, v in self.dmx.items() if v[0] == slot]:
                del self.dmx[k]
            for L in c.legs:
                self._close_sock(L.sock_rtp)
                self._close_sock(L.sock_rtcp)
            self.calls[slot] = None
            c.state = CallState.DETACHED
        c.commit = max(c.commit, c.max_end)
        self._flush(c, -1, time.monotonic_ns())
        stats = self._call_stats(c)
        stats["write_error"] = c.wav.close(True)
        return stats

    @staticmethod
    def _base(c: _Call, fallback: int) -> int:
        if c.file_start != NO_POS:
            return c.file_start
        if c.min_pos != INT64_MAX:
            return c.min_pos
        return fallback

    def _call_stats(self, c: _Call) -> dict[str, Any]:
        base = self._base(c, 0)
        legs = []
        for L in c.legs:
            locked = L.state == LegState.LOCKED
            expected = (L.cycles + L.max_seq - L.base_seq + 1) if locked else 0
            legs.append({
                "state": L.state,
                "source": (_ip_str(L.ip), L.port) if locked else None,
                "ssrc": L.ssrc if locked else None,
                "packets": L.packets,
                "received": L.received,
                "expected": expected,
                "lost": L.lost_prior + expected - L.received,
                "duplicates": L.duplicates,
                "late": L.late,
                "foreign": L.foreign,
                "unknown_pt": L.unknown_pt,
                "oversize": L.oversize,
                "seq_jumps": L.seq_jumps,
                "seq_resyncs": L.seq_resyncs,
                "reanchors": L.reanchors,
                "segments": L.segments + (1 if locked else 0),
                "fill_samples": max(L.fill_samples, 0),
                "jitter": L.jitter / 16.0,
                "dtmf_events": L.dtmf_events,
                "paused_samples": L.paused_dropped,
                "rtcp_packets": L.rtcp_packets,
                "sender_report": L.sr,
                "anchor": (L.anchor - base) if locked else None,
                "max_end": L.max_end,
                "payload_bytes": L.payload_bytes,
            })
        return {
            "state": int(c.state), "channels": c.nlegs, "format": c.fmt,
            "frames": (c.written - c.file_start) if c.file_start != NO_POS else 0,
            "data_bytes": c.wav.data_bytes, "max_end": c.max_end, "commit": c.commit,
            "flushes": c.flushes, "paused": c.paused,
            "origin_ns": c.origin if c.origin >= 0 else None,
            "backlog_frames": 0, "memory": 0, "legs": legs,
        }

    def call_stats(self, handle: int) -> dict[str, Any]:
        with self._mu:
            c, _ = self._get(handle)
            return self._call_stats(c)

    def pause(self, handle: int, now_ns: int | None = None) -> int:
        now = time.monotonic_ns() if now_ns is None else now_ns
        with self._mu:
            c, _ = self._get(handle)
            if c.paused:
                raise ValueError("recording is already paused")
            now = max(now, self.last_now)
            p = max(self._wall(c, now), c.commit)
            mask = c.ring_frames - 1
            fb = c.nlegs * c.bps
            for k in range(p, c.max_end):
                i = (k & mask) * fb
                c.ring[i:i + fb] = bytes([c.silence]) * fb
            c.pause_start = p
            c.pause_end = INT64_MAX
            c.paused = True
            return p - self._base(c, p)

    def resume(self, handle: int, now_ns: int | None = None) -> int:
        now = time.monotonic_ns() if now_ns is None else now_ns
        with self._mu:
            c, _ = self._get(handle)
            if not c.paused:
                raise ValueError("recording is not paused")
            now = max(now, self.last_now)
            p = max(self._wall(c, now), c.pause_start)
            c.pause_end = p
            c.paused = False
            return p - self._base(c, c.pause_start)

    def set_monitor(self, handle: int, on: bool) -> None:
        with self._mu:
            c, _ = self._get(handle)
            if on and c.tap is None:
                c.tap = _Tap(c.nlegs, max(c.max_end - MON_FRAME, c.written))
            elif not on:
                c.tap = None

    def read_monitor(self, handle: int, after: int) -> list[tuple[int, int, int, bytes]]:
        with self._mu:
            c, _ = self._get(handle)
            t = c.tap
            if t is None:
                return []
            first = max(t.seq - MON_FRAMES if t.seq > MON_FRAMES else 0, after + 1)
            return [(s, t.pos[s % MON_FRAMES], t.t_ns[s % MON_FRAMES], t.pcm[s % MON_FRAMES])
                    for s in range(first, t.seq)]

    def poll_events(self) -> list[tuple[int, int, int, int, int, int]]:
        with self._mu:
            out = [(k, (g << 20) | slot, leg, pos, a, b) for (k, slot, g, leg, pos, a, b) in self.events]
            self.events.clear()
            return out

    def timed_out(self) -> list[int]:
        with self._mu:
            return [(c.gen << 20) | i for i, c in enumerate(self.calls)
                    if c is not None and c.state == CallState.TIMED_OUT]

    def stats(self) -> dict[str, Any]:
        with self._mu:
            d: dict[str, Any] = dict(self.st)
            d["malformed_by_code"] = {i: v for i, v in enumerate(self.malformed) if i and v}
            d["socket_drops"] = sum(s.drops for s in self.socks)
            d["calls"] = sum(1 for c in self.calls if c is not None)
            d["sockets"] = sum(1 for s in self.socks if s.sock is not None)
            d["call_memory"] = 0
            # the twin writes synchronously: no writer thread, nothing in flight
            d.update(write_jobs=self.write_jobs, write_bytes=self.write_bytes, write_queue=0,
                     write_backlog_bytes=0, write_backlog_max_bytes=0, write_overflow_jobs=0,
                     write_overflow_frames=0, write_errors=self.write_errors)
            return d

    def inject(self, sock: int, data: Any, src_ip: str, src_port: int, now_ns: int | None = None) -> None:
        self._sock(sock)
        if not 0 <= src_port <= 65535:
            raise ValueError("bad port")
        ip = _ip(src_ip)
        now = time.monotonic_ns() if now_ns is None else now_ns
        mv = memoryview(data).cast("B")
        with self._mu:
            if len(mv) > SLOT:
                self.st["datagrams"] += 1
                self.st["truncated"] += 1
            else:
                self._datagram(sock, mv, ip, src_port, now)

    def inject_batch(self, sock: int, data: Any, tick: bool = True) -> int:
        self._sock(sock)
        mv = memoryview(data).cast("B")
        pos, count, last = 0, 0, -1
        with self._mu:
            while len(mv) - pos >= 16:
                ln, port = struct.unpack_from("<HH", mv, pos)
                ip = struct.unpack_from("=I", mv, pos + 4)[0]
                now = struct.unpack_from("<q", mv, pos + 8)[0]
                pos += 16
                if len(mv) - pos < ln:
                    break
                if tick and last >= 0 and now != last:
                    self._tick_all(last)
                last = now
                if ln > SLOT:
                    self.st["datagrams"] += 1
                    self.st["truncated"] += 1
                else:
                    self._datagram(sock, mv[pos:pos + ln], ip, port, now)
                pos += ln
                count += 1
            if tick and last >= 0:
                self._tick_all(last)
        return count

    def sync_writes(self) -> None:
        """The twin writes synchronously in _flush: nothing is ever in flight."""

    def hold_writer(self, on: bool) -> None:
        """The twin has no writer thread to hold (the compiled engine's test hook)."""

    def tick(self, now_ns: int | None = None) -> None:
        with self._mu:
            self._tick_all(time.monotonic_ns() if now_ns is None else now_ns)

    def close(self) -> None:
        self.stop()
        for i in range(len(self.socks)):
            self._close_sock(i)
        self._ep.close()
        for fd in (self._evr, self._evw):
            try:
                os.close(fd)
            except OSError:
                pass
