"""Pure twin of _parse.pxi: RTP, RTCP, RFC 8285 and RFC 4733 parsers."""

from __future__ import annotations

from typing import Any

from ..constants import ParseError as PE
from ..errors import RtpParseError


def _view(data: Any) -> memoryview:
    mv = memoryview(data)
    if not mv.contiguous:
        raise BufferError("memoryview is not contiguous")
    return mv.cast("B") if mv.format != "B" or mv.ndim != 1 else mv


def is_rtcp_mux(b: memoryview) -> bool:
    return len(b) >= 2 and 72 <= (b[1] & 0x7F) <= 76


def rtp_header(b: memoryview) -> tuple[int, dict[str, int]]:
    """(code, fields) exactly like rtp_parse() in C."""
    n = len(b)
    if n < 12:
        return PE.TOO_SHORT, {}
    b0, b1 = b[0], b[1]
    if b0 >> 6 != 2:
        return PE.BAD_VERSION, {}
    h = {
        "version": 2, "padding": (b0 >> 5) & 1, "extension": (b0 >> 4) & 1, "cc": b0 & 0x0F,
        "marker": b1 >> 7, "pt": b1 & 0x7F, "seq": (b[2] << 8) | b[3],
        "ts": int.from_bytes(b[4:8], "big"), "ssrc": int.from_bytes(b[8:12], "big"),
        "pad_len": 0, "ext_profile": 0, "ext_off": 0, "ext_len": 0,
    }
    pos = 12 + 4 * h["cc"]
    if pos > n:
        return PE.CSRC_OVERRUN, {}
    if h["extension"]:
        if n - pos < 4:
            return PE.EXT_HEADER_OVERRUN, {}
        h["ext_profile"] = (b[pos] << 8) | b[pos + 1]
        words = (b[pos + 2] << 8) | b[pos + 3]
        pos += 4
        if n - pos < 4 * words:
            return PE.EXT_OVERRUN, {}
        h["ext_off"] = pos
        h["ext_len"] = 4 * words
        pos += 4 * words
    end = n
    if h["padding"]:
        if n - pos < 1:
            return PE.PADDING_OVERRUN, {}
        h["pad_len"] = b[n - 1]
        if h["pad_len"] == 0:
            return PE.PADDING_ZERO, {}
        if h["pad_len"] > n - pos:
            return PE.PADDING_OVERRUN, {}
        end = n - h["pad_len"]
    h["payload_off"] = pos
    h["payload_len"] = end - pos
    return PE.OK, h


def rtcp_scan(b: memoryview) -> tuple[int, tuple[int, ...] | None]:
    n = len(b)
    sr = None
    if n < 4:
        return PE.RTCP_TOO_SHORT, None
    pos = 0
    while pos < n:
        if n - pos < 4:
            return PE.RTCP_TOO_SHORT, None
        b0, pt = b[pos], b[pos + 1]
        words = (b[pos + 2] << 8) | b[pos + 3]
        if b0 >> 6 != 2:
            return PE.BAD_VERSION, None
        if not 192 <= pt <= 223:
            return PE.RTCP_BAD_TYPE, None
        count = b0 & 0x1F
        start = pos + 4
        body = 4 * words
        if n - pos < 4 + body:
            return PE.RTCP_LENGTH_OVERRUN, None
        if pt == 200:
            if body < 24:
                return PE.RTCP_TOO_SHORT, None
            if 24 + 24 * count > body:
                return PE.RTCP_COUNT_OVERRUN, None
            if sr is None:
                sr = tuple(int.from_bytes(b[start + 4 * i:start + 4 * i + 4], "big") for i in range(6))
        elif pt == 201:
            if body < 4:
                return PE.RTCP_TOO_SHORT, None
            if 4 + 24 * count > body:
                return PE.RTCP_COUNT_OVERRUN, None
        elif pt == 203:
            if 4 * count > body:
                return PE.RTCP_COUNT_OVERRUN, None
        pos += 4 + body
    return PE.OK, sr


def ext_elements(b: memoryview, profile: int) -> tuple[int, list[tuple[int, bytes]]]:
    out: list[tuple[int, bytes]] = []
    n = len(b)
    pos = 0
    if profile == 0xBEDE:
        while pos < n:
            x = b[pos]
            if x == 0:
                pos += 1
                continue
            ident, ln = x >> 4, (x & 0x0F) + 1
            if ident == 15:
                break
            if ident == 0:
                return PE.EXT_BAD_ID, out
            if n - pos - 1 < ln:
                return PE.EXT_ELEMENT_OVERRUN, out
            out.append((ident, bytes(b[pos + 1:pos + 1 + ln])))
            pos += 1 + ln
    elif profile & 0xFFF0 == 0x1000:
        while pos < n:
            ident = b[pos]
            if ident == 0:
                pos += 1
                continue
            if n - pos < 2:
                return PE.EXT_ELEMENT_OVERRUN, out
            ln = b[pos + 1]
            if n - pos - 2 < ln:
                return PE.EXT_ELEMENT_OVERRUN, out
            out.append((ident, bytes(b[pos + 2:pos + 2 + ln])))
            pos += 2 + ln
    return PE.OK, out


class RtpPacket:
    """A parsed RTP packet. Made only by parse_rtp(); not constructible from Python."""

    __slots__ = ("version", "padding", "pad_len", "extension", "ext_profile", "ext_data",
                 "extensions", "csrc", "marker", "payload_type", "sequence", "timestamp",
                 "ssrc", "payload")
    version: int
    padding: bool
    pad_len: int
    extension: bool
    ext_profile: int
    ext_data: bytes
    extensions: tuple[tuple[int, bytes], ...]
    csrc: tuple[int, ...]
    marker: bool
    payload_type: int
    sequence: int
    timestamp: int
    ssrc: int
    payload: bytes

    def __init__(self) -> None:
        raise TypeError("RtpPacket cannot be created directly; use rtp.parse_rtp(data)")

    def __repr__(self) -> str:
        return (f"RtpPacket(pt={self.payload_type}, seq={self.sequence}, ts={self.timestamp}, "
                f"ssrc={self.ssrc:#010x}, marker={self.marker}, payload={len(self.payload)}B)")


def parse_rtp(data: Any) -> RtpPacket:
    b = _view(data)
    code, h = rtp_header(b)
    if code:
        raise RtpParseError(code, "rtp")
    elems: list[tuple[int, bytes]] = []
    if h["extension"]:
        code, elems = ext_elements(b[h["ext_off"]:h["ext_off"] + h["ext_len"]], h["ext_profile"])
        if code:
            raise RtpParseError(code, "rtp header extension")
    p = object.__new__(RtpPacket)
    p.version = 2
    p.padding = bool(h["padding"])
    p.pad_len = h["pad_len"]
    p.extension = bool(h["extension"])
    p.ext_profile = h["ext_profile"]
    p.ext_data = bytes(b[h["ext_off"]:h["ext_off"] + h["ext_len"]])
    p.extensions = tuple(elems)
    p.csrc = tuple(int.from_bytes(b[12 + 4 * i:16 + 4 * i], "big") for i in range(h["cc"]))
    p.marker = bool(h["marker"])
    p.payload_type = h["pt"]
    p.sequence = h["seq"]
    p.timestamp = h["ts"]
    p.ssrc = h["ssrc"]
    p.payload = bytes(b[h["payload_off"]:h["payload_off"] + h["payload_len"]])
    return p


def is_rtcp(data: Any) -> bool:
    return is_rtcp_mux(_view(data))


def parse_rtcp(data: Any) -> list[tuple[int, int, int, tuple[int, ...] | None]]:
    b = _view(data)
    code, sr = rtcp_scan(b)
    if code:
        raise RtpParseError(code, "rtcp")
    out: list[tuple[int, int, int, tuple[int, ...] | None]] = []
    pos = 0
    first = True
    while pos < len(b):
        pt = b[pos + 1]
        ln = 4 + 4 * ((b[pos + 2] << 8) | b[pos + 3])
        rep = None
        if pt == 200 and first:
            first = False
            rep = sr
        out.append((pt, b[pos] & 0x1F, ln, rep))
        pos += ln
    return out


def dtmf_fields(b: memoryview) -> tuple[int, tuple[int, int, int, int]]:
    if len(b) < 4:
        return PE.DTMF_TOO_SHORT, (0, 0, 0, 0)
    return PE.OK, (b[0], b[1] >> 7, b[1] & 0x3F, (b[2] << 8) | b[3])


def parse_dtmf(data: Any) -> tuple[int, bool, int, int]:
    code, f = dtmf_fields(_view(data))
    if code:
        raise RtpParseError(code, "telephone-event")
    return (f[0], bool(f[1]), f[2], f[3])
