# RTP (RFC 3550 5.1, RFC 8285), RTCP (RFC 3550 6.4, RFC 5761 demux) and RFC 4733 parsers.
# The C functions return a ParseError code and never raise: the receive loop counts the code
# and drops the datagram. The Python-facing wrappers below turn codes into RtpParseError.

cdef inline bint is_rtcp_mux(const char *buf, Py_ssize_t n) noexcept nogil:
    # RFC 5761 4: with RTP and RTCP on one port, RTCP packet types 200-204 sit where RTP
    # payload types 72-76 (with the marker bit) would; such payload types are never RTP.
    cdef uint8_t pt
    if n < 2:
        return False
    pt = (<uint8_t>buf[1]) & 0x7F
    return 72 <= pt <= 76


cdef inline int rtp_parse(const char *buf, Py_ssize_t n, RtpHdr *h) noexcept nogil:
    cdef Reader r
    cdef uint8_t b0, b1
    cdef uint16_t xwords
    cdef Py_ssize_t end
    if n < 12:
        return PE_TOO_SHORT
    b0 = <uint8_t>buf[0]
    b1 = <uint8_t>buf[1]
    h.version = b0 >> 6
    if h.version != 2:
        return PE_BAD_VERSION
    h.padding = (b0 >> 5) & 1
    h.extension = (b0 >> 4) & 1
    h.cc = b0 & 0x0F
    h.marker = b1 >> 7
    h.pt = b1 & 0x7F
    h.seq = be16(buf + 2)
    h.ts = be32(buf + 4)
    h.ssrc = be32(buf + 8)
    h.pad_len = 0
    h.ext_profile = 0
    h.ext_off = 0
    h.ext_len = 0
    rd_init(&r, buf, n)
    r.pos = 12
    if not rd_skip(&r, 4 * h.cc):
        return PE_CSRC_OVERRUN
    if h.extension:
        if not rd_has(&r, 4):
            return PE_EXT_HEADER_OVERRUN
        h.ext_profile = be16(buf + r.pos)
        xwords = be16(buf + r.pos + 2)
        r.pos += 4
        if not rd_has(&r, 4 * <Py_ssize_t>xwords):
            return PE_EXT_OVERRUN
        h.ext_off = r.pos
        h.ext_len = 4 * <Py_ssize_t>xwords
        r.pos += h.ext_len
    end = n
    if h.padding:
        # RFC 3550 5.1: the last octet counts the padding including itself, so 0 is invalid
        if n - r.pos < 1:
            return PE_PADDING_OVERRUN
        h.pad_len = <uint8_t>buf[n - 1]
        if h.pad_len == 0:
            return PE_PADDING_ZERO
        if h.pad_len > n - r.pos:
            return PE_PADDING_OVERRUN
        end = n - h.pad_len
    h.payload_off = r.pos
    h.payload_len = end - r.pos
    return PE_OK


cdef int rtcp_scan(const char *buf, Py_ssize_t n, SenderReport *sr) noexcept nogil:
    """Validate a compound RTCP datagram; keep the first sender report. Nothing is applied
    unless the whole datagram is well formed."""
    cdef Reader r
    cdef uint8_t b0, pt, count
    cdef uint16_t words
    cdef Py_ssize_t body, start
    sr.present = 0
    rd_init(&r, buf, n)
    if n < 4:
        return PE_RTCP_TOO_SHORT
    while r.pos < n:
        if not rd_has(&r, 4):
            return PE_RTCP_TOO_SHORT
        b0 = <uint8_t>buf[r.pos]
        pt = <uint8_t>buf[r.pos + 1]
        words = be16(buf + r.pos + 2)
        if (b0 >> 6) != 2:
            return PE_BAD_VERSION
        if pt < 192 or pt > 223:
            return PE_RTCP_BAD_TYPE
        count = b0 & 0x1F
        start = r.pos + 4
        body = 4 * <Py_ssize_t>words
        if not rd_has(&r, 4 + body):
            return PE_RTCP_LENGTH_OVERRUN
        if pt == 200:
            if body < 24:
                return PE_RTCP_TOO_SHORT
            if 24 + 24 * <Py_ssize_t>count > body:
                return PE_RTCP_COUNT_OVERRUN
            if not sr.present:
                sr.present = 1
                sr.ssrc = be32(buf + start)
                sr.ntp_msw = be32(buf + start + 4)
                sr.ntp_lsw = be32(buf + start + 8)
                sr.rtp_ts = be32(buf + start + 12)
                sr.packets = be32(buf + start + 16)
                sr.octets = be32(buf + start + 20)
        elif pt == 201:
            if body < 4:
                return PE_RTCP_TOO_SHORT
            if 4 + 24 * <Py_ssize_t>count > body:
                return PE_RTCP_COUNT_OVERRUN
        elif pt == 203:
            if 4 * <Py_ssize_t>count > body:
                return PE_RTCP_COUNT_OVERRUN
        r.pos += 4 + body
    return PE_OK


cdef int ext_elements(const char *p, Py_ssize_t n, uint16_t profile, list out) except -1:
    """RFC 8285 elements of one extension block into `out` as (id, bytes); returns a code."""
    cdef Py_ssize_t pos = 0
    cdef uint8_t b, ident
    cdef Py_ssize_t ln
    if profile == 0xBEDE:
        while pos < n:
            b = <uint8_t>p[pos]
            if b == 0:          # padding byte
                pos += 1
                continue
            ident = b >> 4
            ln = (b & 0x0F) + 1
            if ident == 15:     # RFC 8285 4.2: reserved; stop processing the block here
                break
            if ident == 0:
                return PE_EXT_BAD_ID
            if n - pos - 1 < ln:
                return PE_EXT_ELEMENT_OVERRUN
            out.append((ident, PyBytes_FromStringAndSize(p + pos + 1, ln)))
            pos += 1 + ln
    elif (profile & 0xFFF0) == 0x1000:
        while pos < n:
            ident = <uint8_t>p[pos]
            if ident == 0:
                pos += 1
                continue
            if n - pos < 2:
                return PE_EXT_ELEMENT_OVERRUN
            ln = <uint8_t>p[pos + 1]
            if n - pos - 2 < ln:
                return PE_EXT_ELEMENT_OVERRUN
            out.append((ident, PyBytes_FromStringAndSize(p + pos + 2, ln)))
            pos += 2 + ln
    return PE_OK


cdef inline int dtmf_parse(const char *p, Py_ssize_t n, uint8_t *event, uint8_t *end,
                           uint8_t *volume, uint16_t *duration) noexcept nogil:
    if n < 4:
        return PE_DTMF_TOO_SHORT
    event[0] = <uint8_t>p[0]
    end[0] = (<uint8_t>p[1]) >> 7
    volume[0] = (<uint8_t>p[1]) & 0x3F
    duration[0] = be16(p + 2)
    return PE_OK


# --- Python API -------------------------------------------------------------------------------

cdef object _raise_parse(int code, str where):
    raise RtpParseError(code, where)


@cython.final
cdef class RtpPacket:
    """A parsed RTP packet. Made only by parse_rtp(); not constructible from Python."""
    cdef readonly int version
    cdef readonly bint padding
    cdef readonly int pad_len
    cdef readonly bint extension
    cdef readonly int ext_profile
    cdef readonly bytes ext_data
    cdef readonly tuple extensions
    cdef readonly tuple csrc
    cdef readonly bint marker
    cdef readonly int payload_type
    cdef readonly int sequence
    cdef readonly unsigned int timestamp
    cdef readonly unsigned int ssrc
    cdef readonly bytes payload

    def __init__(self):
        raise TypeError("RtpPacket cannot be created directly; use rtp.parse_rtp(data)")

    def __repr__(self):
        return (f"RtpPacket(pt={self.payload_type}, seq={self.sequence}, ts={self.timestamp}, "
                f"ssrc={self.ssrc:#010x}, marker={self.marker}, payload={len(self.payload)}B)")


def parse_rtp(data) -> RtpPacket:
    """Parse one RTP packet from bytes, bytearray or a contiguous memoryview.

    Raises RtpParseError (a ValueError) with a specific code for malformed input."""
    cdef Py_buffer view
    cdef RtpHdr h
    cdef int code
    cdef RtpPacket pkt
    cdef list elems
    cdef const char *b
    cdef int i
    PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
    try:
        b = <const char *>view.buf
        code = rtp_parse(b, view.len, &h)
        if code != PE_OK:
            _raise_parse(code, "rtp")
        elems = []
        if h.extension:
            code = ext_elements(b + h.ext_off, h.ext_len, h.ext_profile, elems)
            if code != PE_OK:
                _raise_parse(code, "rtp header extension")
        pkt = RtpPacket.__new__(RtpPacket)
        pkt.version = h.version
        pkt.padding = h.padding
        pkt.pad_len = h.pad_len
        pkt.extension = h.extension
        pkt.ext_profile = h.ext_profile
        pkt.ext_data = PyBytes_FromStringAndSize(b + h.ext_off, h.ext_len)
        pkt.extensions = tuple(elems)
        pkt.csrc = tuple([be32(b + 12 + 4 * i) for i in range(h.cc)])
        pkt.marker = h.marker
        pkt.payload_type = h.pt
        pkt.sequence = h.seq
        pkt.timestamp = h.ts
        pkt.ssrc = h.ssrc
        pkt.payload = PyBytes_FromStringAndSize(b + h.payload_off, h.payload_len)
        return pkt
    finally:
        PyBuffer_Release(&view)


def is_rtcp(data) -> bool:
    """RFC 5761 demultiplexing: True if a datagram on a muxed port is RTCP."""
    cdef Py_buffer view
    PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
    try:
        return is_rtcp_mux(<const char *>view.buf, view.len)
    finally:
        PyBuffer_Release(&view)


def parse_rtcp(data) -> list:
    """Validate a compound RTCP datagram and list its packets as tuples
    (packet_type, count, length_bytes, sender_report) where sender_report is
    (ssrc, ntp_msw, ntp_lsw, rtp_ts, packets, octets) for the first SR, else None."""
    cdef Py_buffer view
    cdef SenderReport sr
    cdef int code
    cdef const char *b
    cdef Py_ssize_t pos = 0
    cdef list out = []
    cdef bint first_sr = True
    PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
    try:
        b = <const char *>view.buf
        code = rtcp_scan(b, view.len, &sr)
        if code != PE_OK:
            _raise_parse(code, "rtcp")
        while pos < view.len:
            pt = <uint8_t>b[pos + 1]
            ln = 4 + 4 * <Py_ssize_t>be16(b + pos + 2)
            rep = None
            if pt == 200 and first_sr:
                first_sr = False
                rep = (sr.ssrc, sr.ntp_msw, sr.ntp_lsw, sr.rtp_ts, sr.packets, sr.octets)
            out.append((pt, (<uint8_t>b[pos]) & 0x1F, ln, rep))
            pos += ln
        return out
    finally:
        PyBuffer_Release(&view)


def parse_dtmf(data) -> tuple:
    """RFC 4733 telephone-event payload -> (event, end, volume, duration)."""
    cdef Py_buffer view
    cdef uint8_t event, end, volume
    cdef uint16_t duration
    cdef int code
    PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
    try:
        code = dtmf_parse(<const char *>view.buf, view.len, &event, &end, &volume, &duration)
        if code != PE_OK:
            _raise_parse(code, "telephone-event")
        return (event, bool(end), volume, duration)
    finally:
        PyBuffer_Release(&view)
