"""Shared helpers of the RTP recorder tests (unique module name: no package collisions)."""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable

import rtp


def rtp_packet(seq: int, ts: int, ssrc: int, payload: bytes, pt: int = 0, marker: bool = False,
               csrc: Iterable[int] = (), ext: tuple[int, bytes] | None = None, pad: int = 0) -> bytes:
    csrc = list(csrc)
    b0 = 0x80 | (len(csrc) & 0x0F) | (0x10 if ext else 0) | (0x20 if pad else 0)
    out = bytearray(struct.pack("!BBHII", b0, (0x80 if marker else 0) | pt, seq & 0xFFFF,
                                ts & 0xFFFFFFFF, ssrc & 0xFFFFFFFF))
    for c in csrc:
        out += struct.pack("!I", c)
    if ext:
        prof, data = ext
        out += struct.pack("!HH", prof, len(data) // 4) + data
    out += payload
    if pad:
        out += bytes(pad - 1) + bytes([pad])
    return bytes(out)


def tone_ulaw(n: int, freq: float = 440.0, amp: float = 8000.0, phase: float = 0.0) -> bytes:
    pcm = struct.pack(f"<{n}h", *(int(amp * math.sin(2 * math.pi * freq * i / 8000 + phase))
                                  for i in range(n)))
    return rtp.ulaw_encode(pcm)


def speechlike_ulaw(n: int, seed: int = 1) -> bytes:
    """A non-periodic test signal (sum of chirps + bursts) so correlation has one clear peak."""
    import random
    r = random.Random(seed)
    out = []
    f1, f2 = 300.0, 1200.0
    for i in range(n):
        t = i / 8000
        env = 0.5 + 0.5 * math.sin(2 * math.pi * 3.1 * t)
        v = env * (6000 * math.sin(2 * math.pi * (f1 + 40 * t) * t) + 3000 * math.sin(2 * math.pi * f2 * t * (1 + 0.1 * math.sin(t))))
        v += r.uniform(-500, 500)
        out.append(max(-32768, min(32767, int(v))))
    return rtp.ulaw_encode(struct.pack(f"<{n}h", *out))




def batch(items: Iterable[tuple[int, bytes, str, int]]) -> bytes:
    """Build an inject_batch buffer from (now_ns, datagram, src_ip, src_port)."""
    import socket
    out = bytearray()
    for now, data, ip, port in items:
        out += struct.pack("<HH", len(data), port) + socket.inet_aton(ip) + struct.pack("<q", now)
        out += data
    return bytes(out)


def pcm_of(data: bytes, fmt: int) -> list[int]:
    if fmt == 7:
        raw = rtp.ulaw_decode(data)
    elif fmt == 6:
        raw = rtp.alaw_decode(data)
    else:
        raw = data
    return list(struct.unpack(f"<{len(raw) // 2}h", raw))


def ncc(a: list[int], b: list[int]) -> float:
    n = min(len(a), len(b))
    sa = sum(x * x for x in a[:n])
    sb = sum(x * x for x in b[:n])
    if not sa or not sb:
        return 0.0
    return sum(x * y for x, y in zip(a[:n], b[:n])) / math.sqrt(sa * sb)


def best_lag_ncc(rec: list[int], ref: list[int], max_lag: int) -> tuple[int, float]:
    """Lag of ref inside rec with the highest normalised correlation (numpy if present)."""
    try:
        import numpy as np
        R = np.asarray(rec, dtype=np.float64)
        F = np.asarray(ref, dtype=np.float64)
        best = (0, -2.0)
        for lag in range(0, max_lag + 1):
            seg = R[lag:lag + len(F)]
            n = min(len(seg), len(F))
            if n < len(F) // 2:
                break
            a, b = seg[:n], F[:n]
            d = math.sqrt(float(a @ a) * float(b @ b))
            c = float(a @ b) / d if d else 0.0
            if c > best[1]:
                best = (lag, c)
        return best
    except ImportError:
        best = (0, -2.0)
        for lag in range(0, max_lag + 1):
            c = ncc(rec[lag:], ref)
            if c > best[1]:
                best = (lag, c)
        return best
