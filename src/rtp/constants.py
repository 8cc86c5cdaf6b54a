"""Numbered states and codes shared by the compiled path (rtp._rtp) and the pure twin."""

from __future__ import annotations

from enum import IntEnum


class ParseError(IntEnum):
    OK = 0
    TOO_SHORT = 1
    BAD_VERSION = 2
    CSRC_OVERRUN = 3
    EXT_HEADER_OVERRUN = 4
    EXT_OVERRUN = 5
    PADDING_ZERO = 6
    PADDING_OVERRUN = 7
    EXT_ELEMENT_OVERRUN = 8
    EXT_BAD_ID = 9
    RTCP_TOO_SHORT = 10
    RTCP_LENGTH_OVERRUN = 11
    RTCP_COUNT_OVERRUN = 12
    RTCP_BAD_TYPE = 13
    DTMF_TOO_SHORT = 14


class StoreFormat(IntEnum):
    """WAV format tags: PCM16, or G.711 stored as received (no decode on the hot path)."""

    PCM16 = 1
    ALAW = 6
    ULAW = 7


class SockKind(IntEnum):
    SHARED = 1
    LEG_RTP = 2
    LEG_RTCP = 3


class LegState(IntEnum):
    WAITING = 0
    LOCKED = 1


class CallState(IntEnum):
    FREE = 0
    OPEN = 1
    TIMED_OUT = 2
    DETACHED = 3


class EventKind(IntEnum):
    DTMF = 1
    SSRC_CHANGE = 2
    TIMEOUT = 3
    LOCK = 4
    REANCHOR = 5
    WRITE_ERROR = 6


SAMPLE_RATE = 8000
NS_PER_SAMPLE = 125_000
SEQ_RING = 128
MAX_DROPOUT = 3000
MAX_MISORDER = 100
MON_FRAMES = 16
MON_FRAME = 160
SLOT = 2048
WAV_HEADER = 94
