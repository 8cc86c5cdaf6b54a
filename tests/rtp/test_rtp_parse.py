"""RTP/RTCP/RFC 8285/RFC 4733 parsers: the bad-input list, buffers of every kind, and a
differential hypothesis test of the compiled parser against its pure twin."""

from __future__ import annotations

import struct

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rtp_helpers import rtp_packet

import rtp
from rtp.constants import ParseError as PE

KINDS = [bytes, bytearray, memoryview]
GOOD = rtp_packet(7, 1234, 0xDEADBEEF, b"\x11" * 160)


@pytest.mark.parametrize("kind", KINDS)
def test_parse_fields(kind: type) -> None:
    p = rtp.parse_rtp(kind(rtp_packet(65535, 2**32 - 1, 0xCAFEBABE, b"abc", pt=8, marker=True,
                                       csrc=[1, 2])))
    assert (p.version, p.payload_type, p.sequence, p.timestamp, p.ssrc) == (2, 8, 65535, 2**32 - 1, 0xCAFEBABE)
    assert p.marker and p.csrc == (1, 2) and p.payload == b"abc" and not p.padding


def _err(data: bytes) -> int:
    with pytest.raises(rtp.RtpParseError) as ei:
        rtp.parse_rtp(data)
    assert isinstance(ei.value, ValueError)
    return ei.value.code


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [0, 1, 11])
def test_short_packets(kind: type, n: int) -> None:
    with pytest.raises(rtp.RtpParseError, match="shorter than the fixed header") as ei:
        rtp.parse_rtp(kind(GOOD[:n]))
    assert ei.value.code == PE.TOO_SHORT


@pytest.mark.parametrize("version", [0, 1, 3])
def test_bad_versions(version: int) -> None:
    bad = bytes([(GOOD[0] & 0x3F) | (version << 6)]) + GOOD[1:]
    assert _err(bad) == PE.BAD_VERSION


def test_csrc_count_15_with_short_packet() -> None:
    bad = bytes([0x8F]) + GOOD[1:12] + b"\x00" * 20
    assert _err(bad) == PE.CSRC_OVERRUN


def test_extension_bit_with_less_than_4_bytes_left() -> None:
    bad = bytes([0x90]) + GOOD[1:12] + b"\xbe\xde"
    assert _err(bad) == PE.EXT_HEADER_OVERRUN


def test_extension_length_ffff() -> None:
    bad = bytes([0x90]) + GOOD[1:12] + b"\xbe\xde\xff\xff" + b"\x00" * 40
    assert _err(bad) == PE.EXT_OVERRUN


def test_rfc8285_one_byte_elements_and_id15_stops() -> None:
    # id 1 len 2, padding, id 15 -> stop (what follows is ignored, not an error)
    block = bytes([0x11, 0xAA, 0xBB, 0x00, 0xF0, 0x99, 0x99, 0x99])
    p = rtp.parse_rtp(rtp_packet(1, 1, 1, b"x", ext=(0xBEDE, block)))
    assert p.extensions == ((1, b"\xaa\xbb"),)


def test_rfc8285_id0_with_length_is_an_error() -> None:
    block = bytes([0x02, 0, 0, 0])
    assert _err(rtp_packet(1, 1, 1, b"x", ext=(0xBEDE, block))) == PE.EXT_BAD_ID


def test_rfc8285_element_overrunning_the_block() -> None:
    block = bytes([0x1F, 0, 0, 0])     # id 1 claims 16 bytes in a 4-byte block
    assert _err(rtp_packet(1, 1, 1, b"x", ext=(0xBEDE, block))) == PE.EXT_ELEMENT_OVERRUN
    two = bytes([0x05, 0x09, 0, 0])    # two-byte form: id 5 claims 9 bytes
    assert _err(rtp_packet(1, 1, 1, b"x", ext=(0x1000, two))) == PE.EXT_ELEMENT_OVERRUN


def test_rfc8285_two_byte_form() -> None:
    block = bytes([0x00, 0x07, 0x02, 0xAB, 0xCD, 0x00, 0x00, 0x00])
    assert rtp.parse_rtp(rtp_packet(1, 1, 1, b"x", ext=(0x1000, block))).extensions == ((7, b"\xab\xcd"),)


def test_padding_zero_and_padding_larger_than_payload() -> None:
    zero = bytes([0xA0]) + GOOD[1:] [:-1] + b"\x00"
    assert _err(zero) == PE.PADDING_ZERO
    huge = bytes([0xA0]) + GOOD[1:12] + b"\x01\x02\xff"
    assert _err(huge) == PE.PADDING_OVERRUN
    ok = rtp.parse_rtp(rtp_packet(1, 1, 1, b"abcd", pad=4))
    assert ok.payload == b"abcd" and ok.pad_len == 4


@pytest.mark.parametrize("pt", range(72, 77))
def test_payload_types_72_to_76_are_rtcp(pt: int) -> None:
    assert rtp.is_rtcp(rtp_packet(1, 1, 1, b"", pt=pt))
    assert not rtp.is_rtcp(rtp_packet(1, 1, 1, b"", pt=0))


def test_max_udp_datagram() -> None:
    p = rtp.parse_rtp(rtp_packet(1, 1, 1, b"\x00" * (65507 - 12)))
    assert len(p.payload) == 65507 - 12


def sr(ssrc: int = 5, rc: int = 0, blocks: int = 0, length: int | None = None) -> bytes:
    body = struct.pack("!IIIIII", ssrc, 1, 2, 3, 4, 5) + b"\x00" * 24 * blocks
    words = (len(body)) // 4 if length is None else length
    return struct.pack("!BBH", 0x80 | rc, 200, words) + body


@pytest.mark.parametrize("kind", KINDS)
def test_rtcp_sender_report(kind: type) -> None:
    pkts = rtp.parse_rtcp(kind(sr(rc=1, blocks=1) + struct.pack("!BBHI", 0x81, 203, 1, 5)))
    assert pkts[0] == (200, 1, 52, (5, 1, 2, 3, 4, 5)) and pkts[1][0] == 203


def test_rtcp_bad_inputs() -> None:
    def code(b: bytes) -> int:
        with pytest.raises(rtp.RtpParseError) as ei:
            rtp.parse_rtcp(b)
        return ei.value.code
    assert code(sr(length=200)) == PE.RTCP_LENGTH_OVERRUN           # length > datagram
    assert code(struct.pack("!BBH", 0x80, 200, 0)) == PE.RTCP_TOO_SHORT  # 4-byte RTCP packet
    assert code(sr(rc=3, blocks=1)) == PE.RTCP_COUNT_OVERRUN          # count > blocks present
    assert code(struct.pack("!BBH", 0x82, 201, 1) + b"\x00" * 4) == PE.RTCP_COUNT_OVERRUN
    assert code(b"\x80") == PE.RTCP_TOO_SHORT
    assert code(struct.pack("!BBH", 0x40, 200, 0)) == PE.BAD_VERSION
    assert code(struct.pack("!BBH", 0x80, 100, 0)) == PE.RTCP_BAD_TYPE


def test_dtmf() -> None:
    assert rtp.parse_dtmf(bytes([5, 0x8A, 0x03, 0x20])) == (5, True, 10, 800)
    with pytest.raises(rtp.RtpParseError) as ei:
        rtp.parse_dtmf(b"\x05\x00")
    assert ei.value.code == PE.DTMF_TOO_SHORT


def test_parser_objects_not_constructible() -> None:
    with pytest.raises(TypeError):
        rtp.RtpPacket()


def test_non_contiguous_memoryview_rejected() -> None:
    with pytest.raises((BufferError, TypeError, ValueError)):
        rtp.parse_rtp(memoryview(GOOD * 2)[::2])


# --- differential: compiled vs pure twin ---

def _outcome(mod_parse, data):  # type: ignore[no-untyped-def]
    try:
        p = mod_parse(data)
    except Exception as exc:  # noqa: BLE001 - the exact type and code are compared
        return (type(exc).__name__, getattr(exc, "code", None))
    if isinstance(p, (list, tuple)):
        return p
    return tuple(getattr(p, k) for k in ("version", "padding", "pad_len", "extension", "ext_profile",
                                         "ext_data", "extensions", "csrc", "marker", "payload_type",
                                         "sequence", "timestamp", "ssrc", "payload"))


rtp_like = st.one_of(
    st.binary(max_size=80),
    st.builds(lambda b0, rest: bytes([b0]) + rest, st.integers(0, 255), st.binary(max_size=120)),
    st.builds(lambda cc, x, p, body: bytes([0x80 | cc | (0x10 if x else 0) | (0x20 if p else 0)]) + body,
              st.integers(0, 15), st.booleans(), st.booleans(), st.binary(min_size=11, max_size=120)),
)


@pytest.mark.compiled_only
@settings(max_examples=600, deadline=None)
@given(data=rtp_like, kind=st.sampled_from(KINDS))
@example(data=GOOD, kind=bytes)
@example(data=bytes([0x90]) + GOOD[1:12] + b"\xbe\xde\x00\x01\x10\xaa\x00\x00", kind=bytearray)
@example(data=bytes([0xA0]) + GOOD[1:12] + b"\x00", kind=memoryview)
@example(data=bytes([0x8F]) + GOOD[1:12], kind=bytes)
def test_rtp_parser_matches_pure_twin(data: bytes, kind: type) -> None:
    from rtp import _rtp
    from rtp._pure import parser
    assert _outcome(_rtp.parse_rtp, kind(data)) == _outcome(parser.parse_rtp, kind(data))
    assert _rtp.is_rtcp(kind(data)) == parser.is_rtcp(kind(data))


@pytest.mark.compiled_only
@settings(max_examples=400, deadline=None)
@given(data=st.one_of(st.binary(max_size=120),
                      st.builds(lambda rc, pt, words, body: struct.pack("!BBH", 0x80 | rc, pt, words) + body,
                                st.integers(0, 31), st.integers(190, 210), st.integers(0, 40),
                                st.binary(max_size=120))),
       kind=st.sampled_from(KINDS))
@example(data=sr(rc=1, blocks=1), kind=bytes)
@example(data=sr(length=200), kind=memoryview)
def test_rtcp_parser_matches_pure_twin(data: bytes, kind: type) -> None:
    from rtp import _rtp
    from rtp._pure import parser
    assert _outcome(_rtp.parse_rtcp, kind(data)) == _outcome(parser.parse_rtcp, kind(data))
    assert _outcome(_rtp.parse_dtmf, kind(data)) == _outcome(parser.parse_dtmf, kind(data))
