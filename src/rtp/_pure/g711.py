"""Pure twin of _g711.pxi (same segment algorithms, same tables)."""

from __future__ import annotations

import struct
from typing import Any

_SEG_UEND = (0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF)
_SEG_AEND = (0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF)


def _seg(v: int, table: tuple[int, ...]) -> int:
    for i, end in enumerate(table):
        if v <= end:
            return i
    return 8


def _ulaw_dec(u: int) -> int:
    u = ~u & 0xFF
    t = ((u & 0x0F) << 3) + 0x84
    t <<= (u & 0x70) >> 4
    return (0x84 - t) if u & 0x80 else (t - 0x84)


def _alaw_dec(a: int) -> int:
    a ^= 0x55
    t = (a & 0x0F) << 4
    seg = (a & 0x70) >> 4
    if seg == 0:
        t += 8
    elif seg == 1:
        t += 0x108
    else:
        t = (t + 0x108) << (seg - 1)
    return t if a & 0x80 else -t


def lin2ulaw(sample: int) -> int:
    v = sample >> 2
    if v < 0:
        v, mask = -v, 0x7F
    else:
        mask = 0xFF
    v = min(v, 32635) + (0x84 >> 2)
    seg = _seg(v, _SEG_UEND)
    if seg >= 8:
        return 0x7F ^ mask
    return ((seg << 4) | ((v >> (seg + 1)) & 0x0F)) ^ mask


def lin2alaw(sample: int) -> int:
    v = sample >> 3
    if v >= 0:
        mask = 0xD5
    else:
        mask = 0x55
        v = -v - 1
    seg = _seg(v, _SEG_AEND)
    if seg >= 8:
        return 0x7F ^ mask
    aval = seg << 4
    aval |= ((v >> 1) if seg < 2 else (v >> seg)) & 0x0F
    return aval ^ mask


ULAW2LIN = tuple(_ulaw_dec(i) for i in range(256))
ALAW2LIN = tuple(_alaw_dec(i) for i in range(256))
ULAW2ALAW = bytes(lin2alaw(ULAW2LIN[i]) for i in range(256))
ALAW2ULAW = bytes(lin2ulaw(ALAW2LIN[i]) for i in range(256))
IDENT = bytes(range(256))
_ULAW_PCM = [struct.pack("<h", v) for v in ULAW2LIN]
_ALAW_PCM = [struct.pack("<h", v) for v in ALAW2LIN]


def ulaw_decode(data: Any) -> bytes:
    return b"".join(_ULAW_PCM[c] for c in bytes(data))


def alaw_decode(data: Any) -> bytes:
    return b"".join(_ALAW_PCM[c] for c in bytes(data))


def _samples(data: Any) -> tuple[int, ...]:
    b = bytes(data)
    if len(b) % 2:
        raise ValueError(f"PCM16 input must have an even length, got {len(b)} bytes")
    return struct.unpack(f"<{len(b) // 2}h", b)


def ulaw_encode(data: Any) -> bytes:
    return bytes(lin2ulaw(s) for s in _samples(data))


def alaw_encode(data: Any) -> bytes:
    return bytes(lin2alaw(s) for s in _samples(data))


def ulaw_to_alaw(data: Any) -> bytes:
    return bytes(data).translate(ULAW2ALAW)


def alaw_to_ulaw(data: Any) -> bytes:
    return bytes(data).translate(ALAW2ULAW)
