# The bounds-checked reader: {const char *buf; Py_ssize_t len} plus a cursor. Every read is
# one length comparison; nothing here touches Python objects, so the whole parse runs nogil
# on the receive thread, straight out of the recvmmsg buffers.

cdef inline void rd_init(Reader *r, const char *buf, Py_ssize_t n) noexcept nogil:
    r.buf = buf
    r.len = n
    r.pos = 0


cdef inline bint rd_has(const Reader *r, Py_ssize_t n) noexcept nogil:
    # n is never negative at our call sites; the subtraction cannot overflow since pos <= len
    return r.len - r.pos >= n


cdef inline uint16_t be16(const char *p) noexcept nogil:
    return (<uint16_t>(<uint8_t>p[0]) << 8) | <uint8_t>p[1]


cdef inline uint32_t be32(const char *p) noexcept nogil:
    return ((<uint32_t>(<uint8_t>p[0]) << 24) | (<uint32_t>(<uint8_t>p[1]) << 16)
            | (<uint32_t>(<uint8_t>p[2]) << 8) | <uint8_t>p[3])


cdef inline bint rd_u8(Reader *r, uint8_t *out) noexcept nogil:
    if r.len - r.pos < 1:
        return False
    out[0] = <uint8_t>r.buf[r.pos]
    r.pos += 1
    return True


cdef inline bint rd_u16(Reader *r, uint16_t *out) noexcept nogil:
    if r.len - r.pos < 2:
        return False
    out[0] = be16(r.buf + r.pos)
    r.pos += 2
    return True


cdef inline bint rd_u32(Reader *r, uint32_t *out) noexcept nogil:
    if r.len - r.pos < 4:
        return False
    out[0] = be32(r.buf + r.pos)
    r.pos += 4
    return True


cdef inline bint rd_skip(Reader *r, Py_ssize_t n) noexcept nogil:
    if n < 0 or r.len - r.pos < n:
        return False
    r.pos += n
    return True


cdef inline void wr_be16(uint8_t *p, uint16_t v) noexcept nogil:
    p[0] = <uint8_t>(v >> 8)
    p[1] = <uint8_t>v


cdef inline void wr_be32(uint8_t *p, uint32_t v) noexcept nogil:
    p[0] = <uint8_t>(v >> 24)
    p[1] = <uint8_t>(v >> 16)
    p[2] = <uint8_t>(v >> 8)
    p[3] = <uint8_t>v


cdef inline void wr_le16(uint8_t *p, uint16_t v) noexcept nogil:
    p[0] = <uint8_t>v
    p[1] = <uint8_t>(v >> 8)


cdef inline void wr_le32(uint8_t *p, uint32_t v) noexcept nogil:
    p[0] = <uint8_t>v
    p[1] = <uint8_t>(v >> 8)
    p[2] = <uint8_t>(v >> 16)
    p[3] = <uint8_t>(v >> 24)


cdef inline void wr_le64(uint8_t *p, uint64_t v) noexcept nogil:
    wr_le32(p, <uint32_t>v)
    wr_le32(p + 4, <uint32_t>(v >> 32))
