# cython: language_level=3
"""The compiled RTP recording path: one extension assembled from the include files below.

    _reader.pxi   the bounds-checked {buf, len} reader and byte-order helpers
    _parse.pxi    RTP / RTCP / RFC 8285 / RFC 4733 parsers
    _g711.pxi     G.711 tables and codecs
    _wav.pxi      crash-safe WAV / RF64 writer
    _writer.pxi   the writer thread: flushed audio goes to disk off the receive path
    _engine.pxi   sockets, recvmmsg loop, demux, per-leg state, timeline ring, monitor tap
    _loadgen.pxi  sendmmsg load generator (benchmarks, load tests)
"""

cimport cython
from cpython.buffer cimport PyBUF_SIMPLE, PyBuffer_Release, PyObject_GetBuffer
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_FromStringAndSize
from libc.errno cimport EBADF, EINTR, errno
from libc.stdint cimport INT64_MAX, int16_t, int32_t, int64_t, uint8_t, uint16_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, free, malloc, realloc
from posix.stdlib cimport posix_memalign
from libc.string cimport memcpy, memset
from posix.fcntl cimport O_CLOEXEC, O_CREAT, O_TRUNC, O_WRONLY, open
from posix.time cimport CLOCK_MONOTONIC, clock_gettime, clock_nanosleep, nanosleep, timespec
from posix.types cimport off_t
from posix.uio cimport iovec
from posix.unistd cimport close, fsync, pwrite, write

import os
import socket
import threading

from rtp.errors import RtpParseError

DEBUG = bool(ACDCORE_DEBUG)

cdef extern from *:
    """
    #ifndef ACDCORE_DEBUG
    #define ACDCORE_DEBUG 0
    #endif
    """
    int ACDCORE_DEBUG

include "_reader.pxi"
include "_parse.pxi"
include "_g711.pxi"
include "_wav.pxi"
include "_writer.pxi"
include "_engine.pxi"
include "_loadgen.pxi"

# numbered states exported for rtp.constants' consistency test
ENUMS = {
    "ParseError": {"OK": PE_OK, "TOO_SHORT": PE_TOO_SHORT, "BAD_VERSION": PE_BAD_VERSION,
                   "CSRC_OVERRUN": PE_CSRC_OVERRUN, "EXT_HEADER_OVERRUN": PE_EXT_HEADER_OVERRUN,
                   "EXT_OVERRUN": PE_EXT_OVERRUN, "PADDING_ZERO": PE_PADDING_ZERO,
                   "PADDING_OVERRUN": PE_PADDING_OVERRUN,
                   "EXT_ELEMENT_OVERRUN": PE_EXT_ELEMENT_OVERRUN, "EXT_BAD_ID": PE_EXT_BAD_ID,
                   "RTCP_TOO_SHORT": PE_RTCP_TOO_SHORT,
                   "RTCP_LENGTH_OVERRUN": PE_RTCP_LENGTH_OVERRUN,
                   "RTCP_COUNT_OVERRUN": PE_RTCP_COUNT_OVERRUN,
                   "RTCP_BAD_TYPE": PE_RTCP_BAD_TYPE, "DTMF_TOO_SHORT": PE_DTMF_TOO_SHORT},
    "StoreFormat": {"PCM16": FMT_PCM16, "ALAW": FMT_ALAW, "ULAW": FMT_ULAW},
    "SockKind": {"SHARED": SK_SHARED, "LEG_RTP": SK_LEG_RTP, "LEG_RTCP": SK_LEG_RTCP},
    "LegState": {"WAITING": LEG_WAITING, "LOCKED": LEG_LOCKED},
    "CallState": {"FREE": CALL_FREE, "OPEN": CALL_OPEN, "TIMED_OUT": CALL_TIMED_OUT,
                  "DETACHED": CALL_DETACHED},
    "EventKind": {"DTMF": EV_DTMF, "SSRC_CHANGE": EV_SSRC_CHANGE, "TIMEOUT": EV_TIMEOUT,
                  "LOCK": EV_LOCK, "REANCHOR": EV_REANCHOR, "WRITE_ERROR": EV_WRITE_ERROR},
}

# numbered limits the pure twin copies from rtp.constants (same test)
CONSTANTS = {"SEQ_RING": SEQ_RING, "MAX_DROPOUT": MAX_DROPOUT, "MAX_MISORDER": MAX_MISORDER,
             "MON_FRAMES": MON_FRAMES, "MON_FRAME": MON_FRAME, "NS_PER_SAMPLE": NS_PER_SAMPLE,
             "SLOT": SLOT, "WAV_HEADER": WAV_HDR}
