"""rtp: the compiled RTP recording path of acdcore (24x7 recording, live monitoring, playback).

    >>> import rtp
    >>> rec = rtp.Recorder(rtp.RecorderConfig(storage_dir="/var/lib/acd/recordings"))
    >>> await rec.start()
    >>> h = await rec.start_recording("call-1", [rtp.Leg("caller"), rtp.Leg("agent")])
    >>> h.media   # where Asterisk sends each leg's RTP

The media path (parsers, G.711, per-leg reorder/jitter state, WAV writer, the recvmmsg
receive loop) is the Cython extension ``rtp._rtp``. A pure-Python twin with the same
semantics (``rtp._pure``) is used only when asked for explicitly with ``ACDCORE_PURE=1``,
never as a fallback for a missing build.
"""

from __future__ import annotations

import os as _os
from typing import TYPE_CHECKING

from .constants import CallState, EventKind, LegState, ParseError, SockKind, StoreFormat
from .errors import (
    IndexIntegrityError,
    NoMediaPorts,
    RecorderError,
    RecordingExists,
    RecordingNotFound,
    RecordingStateError,
    RtpParseError,
)

_pure = _os.environ.get("ACDCORE_PURE", "")
if _pure not in ("", "0", "1"):
    raise ImportError(f"ACDCORE_PURE must be 0 or 1, got {_pure!r}")

if TYPE_CHECKING:  # the compiled module's stubs are the API; the twin mirrors them
    from ._rtp import (
        Engine,
        RtpPacket,
        WavWriter,
        alaw_decode,
        alaw_encode,
        alaw_to_ulaw,
        is_rtcp,
        parse_dtmf,
        parse_rtcp,
        parse_rtp,
        ulaw_decode,
        ulaw_encode,
        ulaw_to_alaw,
    )

    IMPLEMENTATION: str
elif _pure == "1":
    from ._pure.engine import Engine
    from ._pure.g711 import alaw_decode, alaw_encode, alaw_to_ulaw, ulaw_decode, ulaw_encode, ulaw_to_alaw
    from ._pure.parser import RtpPacket, is_rtcp, parse_dtmf, parse_rtcp, parse_rtp
    from ._pure.wav import WavWriter

    IMPLEMENTATION = "pure"
else:
    try:
        from ._rtp import (
            Engine,
            RtpPacket,
            WavWriter,
            alaw_decode,
            alaw_encode,
            alaw_to_ulaw,
            is_rtcp,
            parse_dtmf,
            parse_rtcp,
            parse_rtp,
            ulaw_decode,
            ulaw_encode,
            ulaw_to_alaw,
        )
    except ImportError as exc:  # pragma: no cover - exercised by test_rtp_api.py
        raise ImportError(
            "rtp's compiled media path (rtp._rtp) is not built. Build it with `make build` "
            "(or `pip install -e .`, or `python setup.py build_ext --inplace`). "
            "To run the slow pure-Python twin instead, set ACDCORE_PURE=1 explicitly."
        ) from exc
    IMPLEMENTATION = "compiled"

from .recorder import (  # noqa: E402
    AuditEvent,
    Leg,
    MediaAddress,
    MonitorFrame,
    Recorder,
    RecorderConfig,
    RecordingHandle,
    RecordingInfo,
)

__all__ = [
    "AuditEvent", "CallState", "Engine", "EventKind", "IMPLEMENTATION", "IndexIntegrityError",
    "Leg", "LegState", "MediaAddress", "MonitorFrame", "NoMediaPorts", "ParseError", "Recorder",
    "RecorderConfig", "RecorderError", "RecordingExists", "RecordingHandle", "RecordingInfo",
    "RecordingNotFound", "RecordingStateError",
    "RtpPacket", "RtpParseError", "SockKind", "StoreFormat", "WavWriter", "alaw_decode",
    "alaw_encode", "alaw_to_ulaw", "is_rtcp", "parse_dtmf", "parse_rtcp", "parse_rtp",
    "ulaw_decode", "ulaw_encode", "ulaw_to_alaw",
]
