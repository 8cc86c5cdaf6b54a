# WAV writer. The header has a fixed 94-byte layout so it can be rewritten in place after
# every flush (at most once a second): a file cut short by kill -9 is still a valid WAV that
# holds every byte written before the last header update, because data is always written
# before the header that counts it.
#
#   0 "RIFF"|"RF64"  4 riff size  8 "WAVE"  12 "JUNK"|"ds64" (28-byte body, EBU Tech 3306)
#  48 "fmt " 18: tag, channels, rate, byte rate, block align, bits, cbSize=0
#  74 "fact" 4: frames          86 "data" size           94 audio
#
# Beyond 4 GiB the same bytes become RF64: the JUNK chunk turns into ds64 and the 32-bit
# sizes read 0xFFFFFFFF.

cdef uint64_t RIFF_LIMIT = 0xFFFFFFFF


cdef void wav_header(const Wav *w, uint8_t *h) noexcept nogil:
    cdef uint64_t frames, riff
    cdef int bps = 2 if w.fmt == FMT_PCM16 else 1
    frames = w.data_bytes // <uint64_t>(bps * w.channels)
    riff = WAV_HDR - 8 + w.data_bytes + (w.data_bytes & 1)
    memcpy(h, b"RIFF", 4)
    wr_le32(h + 4, <uint32_t>riff)
    memcpy(h + 8, b"WAVE", 4)
    memcpy(h + 12, b"JUNK", 4)
    wr_le32(h + 16, 28)
    memset(h + 20, 0, 28)
    memcpy(h + 48, b"fmt ", 4)
    wr_le32(h + 52, 18)
    wr_le16(h + 56, <uint16_t>w.fmt)
    wr_le16(h + 58, <uint16_t>w.channels)
    wr_le32(h + 60, <uint32_t>w.rate)
    wr_le32(h + 64, <uint32_t>(w.rate * bps * w.channels))
    wr_le16(h + 68, <uint16_t>(bps * w.channels))
    wr_le16(h + 70, <uint16_t>(8 * bps))
    wr_le16(h + 72, 0)
    memcpy(h + 74, b"fact", 4)
    wr_le32(h + 78, 4)
    wr_le32(h + 82, <uint32_t>frames)
    memcpy(h + 86, b"data", 4)
    wr_le32(h + 90, <uint32_t>w.data_bytes)
    if w.rf64 or riff > w.rf64_threshold:
        memcpy(h, b"RF64", 4)
        wr_le32(h + 4, 0xFFFFFFFF)
        memcpy(h + 12, b"ds64", 4)
        wr_le64(h + 20, riff)
        wr_le64(h + 28, w.data_bytes)
        wr_le64(h + 36, frames)
        wr_le32(h + 44, 0)
        wr_le32(h + 82, 0xFFFFFFFF)
        wr_le32(h + 90, 0xFFFFFFFF)


cdef int _write_all(int fd, const uint8_t *p, size_t n) noexcept nogil:
    cdef ssize_t k
    while n > 0:
        k = write(fd, p, n)
        if k < 0:
            if errno == EINTR:
                continue
            return errno
        p += k
        n -= <size_t>k
    return 0


cdef int wav_open(Wav *w, const char *path, int fmt, int channels, int rate,
                  uint64_t rf64_threshold) noexcept nogil:
    cdef uint8_t h[WAV_HDR]
    w.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
    w.fmt = fmt
    w.channels = channels
    w.rate = rate
    w.rf64 = 0
    w.error = 0
    w.data_bytes = 0
    w.rf64_threshold = rf64_threshold if rf64_threshold < RIFF_LIMIT else RIFF_LIMIT
    if w.fd < 0:
        w.error = errno
        return w.error
    wav_header(w, h)
    w.error = _write_all(w.fd, h, WAV_HDR)
    return w.error


cdef int wav_write(Wav *w, const uint8_t *p, size_t n) noexcept nogil:
    cdef int err
    if w.fd < 0 or w.error:
        return w.error if w.error else EBADF
    err = _write_all(w.fd, p, n)
    if err:
        w.error = err
        return err
    w.data_bytes += n
    return 0


cdef int wav_sync_header(Wav *w) noexcept nogil:
    cdef uint8_t h[WAV_HDR]
    if w.fd < 0:
        return EBADF
    wav_header(w, h)
    if h[0] == b'R' and h[1] == b'F':
        w.rf64 = 1
    if pwrite(w.fd, h, WAV_HDR, 0) != WAV_HDR:
        if not w.error:
            w.error = errno
        return w.error
    return 0


cdef int wav_close(Wav *w, bint do_fsync) noexcept nogil:
    cdef uint8_t zero = 0
    cdef int err = 0
    if w.fd < 0:
        return w.error
    if w.data_bytes & 1:        # RIFF chunks are word aligned
        _write_all(w.fd, &zero, 1)
    err = wav_sync_header(w)
    if do_fsync and fsync(w.fd) != 0 and not err:
        err = errno
    close(w.fd)
    w.fd = -1
    return err if err else w.error


@cython.final
cdef class WavWriter:
    """Streaming WAV writer (PCM16, A-law tag 6, mu-law tag 7), crash-safe header updates."""
    cdef Wav w
    cdef readonly str path
    cdef bint closed

    def __cinit__(self):
        self.w.fd = -1
        self.closed = True

    def __init__(self, path, int fmt, int channels, int rate=8000, *, rf64_threshold=None):
        if fmt not in (FMT_PCM16, FMT_ALAW, FMT_ULAW):
            raise ValueError(f"unsupported WAV format tag {fmt}; use 1 (PCM16), 6 (A-law) or 7 (mu-law)")
        if channels not in (1, 2):
            raise ValueError(f"channels must be 1 or 2, got {channels}")
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        cdef bytes bpath = os.fsencode(path)
        cdef uint64_t thr = RIFF_LIMIT if rf64_threshold is None else <uint64_t>rf64_threshold
        cdef int err = wav_open(&self.w, bpath, fmt, channels, rate, thr)
        if err:
            if self.w.fd >= 0:
                close(self.w.fd)
                self.w.fd = -1
            raise OSError(err, os.strerror(err), os.fspath(path))
        self.path = os.fspath(path)
        self.closed = False

    def __dealloc__(self):
        if self.w.fd >= 0:
            close(self.w.fd)

    @property
    def data_bytes(self) -> int:
        return self.w.data_bytes

    @property
    def frames(self) -> int:
        return self.w.data_bytes // ((2 if self.w.fmt == FMT_PCM16 else 1) * self.w.channels)

    @property
    def rf64(self) -> bool:
        return bool(self.w.rf64)

    def write(self, data) -> None:
        cdef Py_buffer view
        cdef int err, block
        if self.closed:
            raise ValueError("write to a closed WavWriter")
        PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
        try:
            block = (2 if self.w.fmt == FMT_PCM16 else 1) * self.w.channels
            if view.len % block:
                raise ValueError(f"data must be whole frames of {block} bytes, got {view.len}")
            with nogil:
                err = wav_write(&self.w, <const uint8_t *>view.buf, view.len)
            if err:
                raise OSError(err, os.strerror(err), self.path)
        finally:
            PyBuffer_Release(&view)

    def flush(self) -> None:
        """Rewrite the header so the file on disk is a valid WAV of everything written."""
        cdef int err
        if self.closed:
            raise ValueError("flush of a closed WavWriter")
        with nogil:
            err = wav_sync_header(&self.w)
        if err:
            raise OSError(err, os.strerror(err), self.path)

    def close(self, bint fsync=True) -> None:
        cdef int err
        if self.closed:
            return
        self.closed = True
        with nogil:
            err = wav_close(&self.w, fsync)
        if err:
            raise OSError(err, os.strerror(err), self.path)
