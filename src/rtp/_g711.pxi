# G.711 (ITU-T G.711) mu-law and A-law. The hot path never decodes for storage (the WAV holds
# the code values as-is, format tags 7/6); tables serve PCM16 storage, cross-law conversion
# and the live monitor. The algorithms are the classic segment ones, so the output equals
# audioop's bit for bit (the tests check all 256 codes and all 65536 linear values).

cdef int16_t ULAW2LIN[256]
cdef int16_t ALAW2LIN[256]
cdef uint8_t ULAW2ALAW[256]
cdef uint8_t ALAW2ULAW[256]
cdef uint8_t IDENT[256]

cdef int16_t _SEG_UEND[8]
cdef int16_t _SEG_AEND[8]


cdef inline int _seg_search(int v, const int16_t *table) noexcept nogil:
    cdef int i
    for i in range(8):
        if v <= table[i]:
            return i
    return 8


cdef int16_t _ulaw_dec(uint8_t u) noexcept nogil:
    cdef int t
    u = ~u
    t = ((u & 0x0F) << 3) + 0x84
    t <<= (u & 0x70) >> 4
    return <int16_t>((0x84 - t) if (u & 0x80) else (t - 0x84))


cdef int16_t _alaw_dec(uint8_t a) noexcept nogil:
    cdef int t, seg
    a ^= 0x55
    t = (a & 0x0F) << 4
    seg = (a & 0x70) >> 4
    if seg == 0:
        t += 8
    elif seg == 1:
        t += 0x108
    else:
        t += 0x108
        t <<= seg - 1
    return <int16_t>(t if (a & 0x80) else -t)


cdef uint8_t lin2ulaw(int16_t sample) noexcept nogil:
    cdef int v = sample >> 2          # 14-bit
    cdef int mask, seg
    if v < 0:
        v = -v
        mask = 0x7F
    else:
        mask = 0xFF
    if v > 32635:
        v = 32635
    v += 0x84 >> 2
    seg = _seg_search(v, _SEG_UEND)
    if seg >= 8:
        return <uint8_t>(0x7F ^ mask)
    return <uint8_t>(((seg << 4) | ((v >> (seg + 1)) & 0x0F)) ^ mask)


cdef uint8_t lin2alaw(int16_t sample) noexcept nogil:
    cdef int v = sample >> 3          # 13-bit
    cdef int mask, seg, aval
    if v >= 0:
        mask = 0xD5
    else:
        mask = 0x55
        v = -v - 1
    seg = _seg_search(v, _SEG_AEND)
    if seg >= 8:
        return <uint8_t>(0x7F ^ mask)
    aval = seg << 4
    if seg < 2:
        aval |= (v >> 1) & 0x0F
    else:
        aval |= (v >> seg) & 0x0F
    return <uint8_t>(aval ^ mask)


cdef void _g711_init() noexcept nogil:
    cdef int i
    cdef int16_t ue[8]
    cdef int16_t ae[8]
    ue[:] = [0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF]
    ae[:] = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF]
    for i in range(8):
        _SEG_UEND[i] = ue[i]
        _SEG_AEND[i] = ae[i]
    for i in range(256):
        ULAW2LIN[i] = _ulaw_dec(<uint8_t>i)
        ALAW2LIN[i] = _alaw_dec(<uint8_t>i)
        IDENT[i] = <uint8_t>i
    for i in range(256):
        ULAW2ALAW[i] = lin2alaw(ULAW2LIN[i])
        ALAW2ULAW[i] = lin2ulaw(ALAW2LIN[i])


_g711_init()


cdef bytes _decode(data, const int16_t *table):
    cdef Py_buffer view
    cdef bytes out
    cdef uint8_t *o
    cdef const uint8_t *p
    cdef Py_ssize_t i
    cdef int16_t s
    PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
    try:
        out = PyBytes_FromStringAndSize(NULL, 2 * view.len)
        o = <uint8_t *>PyBytes_AS_STRING(out)
        p = <const uint8_t *>view.buf
        with nogil:
            for i in range(view.len):
                s = table[p[i]]
                wr_le16(o + 2 * i, <uint16_t>s)
        return out
    finally:
        PyBuffer_Release(&view)


cdef bytes _encode(data, bint alaw):
    cdef Py_buffer view
    cdef bytes out
    cdef uint8_t *o
    cdef const uint8_t *p
    cdef Py_ssize_t i, n
    cdef int16_t s
    PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
    try:
        if view.len % 2:
            raise ValueError(f"PCM16 input must have an even length, got {view.len} bytes")
        n = view.len // 2
        out = PyBytes_FromStringAndSize(NULL, n)
        o = <uint8_t *>PyBytes_AS_STRING(out)
        p = <const uint8_t *>view.buf
        with nogil:
            for i in range(n):
                s = <int16_t>(<uint16_t>p[2 * i] | (<uint16_t>p[2 * i + 1] << 8))
                o[i] = lin2alaw(s) if alaw else lin2ulaw(s)
        return out
    finally:
        PyBuffer_Release(&view)


cdef bytes _translate(data, const uint8_t *table):
    cdef Py_buffer view
    cdef bytes out
    cdef uint8_t *o
    cdef const uint8_t *p
    cdef Py_ssize_t i
    PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
    try:
        out = PyBytes_FromStringAndSize(NULL, view.len)
        o = <uint8_t *>PyBytes_AS_STRING(out)
        p = <const uint8_t *>view.buf
        for i in range(view.len):
            o[i] = table[p[i]]
        return out
    finally:
        PyBuffer_Release(&view)


def ulaw_decode(data) -> bytes:
    """mu-law codes -> little-endian PCM16."""
    return _decode(data, ULAW2LIN)


def alaw_decode(data) -> bytes:
    """A-law codes -> little-endian PCM16."""
    return _decode(data, ALAW2LIN)


def ulaw_encode(data) -> bytes:
    """Little-endian PCM16 -> mu-law codes."""
    return _encode(data, False)


def alaw_encode(data) -> bytes:
    """Little-endian PCM16 -> A-law codes."""
    return _encode(data, True)


def ulaw_to_alaw(data) -> bytes:
    return _translate(data, ULAW2ALAW)


def alaw_to_ulaw(data) -> bytes:
    return _translate(data, ALAW2ULAW)
