"""Exceptions of the RTP recorder (shared by the compiled path and its pure twin)."""

from __future__ import annotations

__all__ = [
    "RecorderError",
    "RecordingNotFound",
    "RecordingExists",
    "RecordingStateError",
    "NoMediaPorts",
    "RtpParseError",
    "IndexIntegrityError",
    "PARSE_MESSAGES",
]

# code -> what is wrong; the numbers are rtp.constants.ParseError
PARSE_MESSAGES: dict[int, str] = {
    1: "datagram shorter than the fixed header",
    2: "version field is not 2",
    3: "CSRC list runs past the end of the datagram",
    4: "extension bit set but fewer than 4 bytes left for the extension header",
    5: "extension length runs past the end of the datagram",
    6: "padding bit set but the pad length octet is 0",
    7: "pad length larger than the payload",
    8: "RFC 8285 extension element runs past the end of its block",
    9: "RFC 8285 one-byte element with ID 0 and a non-zero length",
    10: "RTCP packet too short for its type",
    11: "RTCP length field runs past the end of the datagram",
    12: "RTCP report/source count larger than the blocks present",
    13: "RTCP packet type outside 192..223",
    14: "telephone-event payload shorter than 4 bytes",
}


class RecorderError(Exception):
    """Base class of recorder errors."""


class RecordingNotFound(RecorderError, KeyError):
    """No recording (or open call) with that id."""


class RecordingExists(RecorderError):
    """The call is already being recorded."""


class RecordingStateError(RecorderError):
    """The recording is not in a state that allows this (paused twice, still in progress,
    recorder not started, no shared port configured). `reason` names which."""

    def __init__(self, message: str, reason: str = "RECORDING_STATE") -> None:
        super().__init__(message)
        self.reason = reason


class NoMediaPorts(RecorderError):
    """No free RTP/RTCP port pair in the configured range."""


class IndexIntegrityError(RecorderError):
    """The recording index or its files were altered."""


class RtpParseError(ValueError):
    """Malformed RTP/RTCP/telephone-event input. `code` is a rtp.constants.ParseError."""

    def __init__(self, code: int, where: str = "rtp") -> None:
        self.code = int(code)
        self.where = where
        super().__init__(f"{where}: {PARSE_MESSAGES.get(self.code, 'malformed')} (code {self.code})")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.code, self.where))
