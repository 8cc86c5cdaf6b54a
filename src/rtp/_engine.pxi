# The receive engine: sockets -> demux -> parse -> per-leg sequence/timestamp state -> a
# per-call stereo timeline ring -> WAV. One thread runs _loop() without the GIL; control
# calls from Python take the same pthread mutex (released GIL while waiting), so the asyncio
# loop is never blocked by packet work and the receive thread never needs the GIL.
#
# Timeline: every call has one sample clock (8 kHz). A leg's first accepted packet maps its
# RTP timestamp to the wall-clock position of its arrival (the call's origin is the first
# packet of any leg); from then on packets are placed by RTP timestamp only, so network
# jitter never moves audio and the two channels cannot drift apart. `commit` trails the
# newest data by the reorder delay; frames behind it are final and are written out with one
# large write about twice a second.

cdef enum:
    BATCH_MAX = 256
    SLOT = 2048           # receive buffer per datagram; larger ones are truncated and counted
    CTRL = 64             # control buffer per datagram (SO_RXQ_OVFL)
    MAX_EVENTS = 4096
    EPOLL_EVENTS = 512
    LEG_ACTIVE_NS = 100000000   # a leg counts as "talking" for the monitor 100 ms after its last packet

cdef enum:  # engine counters (indices into Engine.st)
    ST_DATAGRAMS = 0
    ST_BYTES = 1
    ST_RECV_CALLS = 2
    ST_LOOPS = 3
    ST_UNMATCHED = 4
    ST_TRUNCATED = 5
    ST_RTCP = 6
    ST_RTCP_BAD = 7
    ST_MALFORMED = 8
    ST_AUDIO = 9
    ST_MAX_BATCH = 10
    ST_EVENTS_DROPPED = 11
    ST_FOREIGN = 12
    ST_MONITOR_FRAMES = 13
    ST__COUNT = 14

STAT_NAMES = ("datagrams", "bytes", "recv_calls", "loops", "unmatched", "truncated", "rtcp",
              "rtcp_bad", "malformed", "audio_packets", "max_batch", "events_dropped",
              "foreign", "monitor_frames")


cdef inline int64_t mono_ns() noexcept nogil:
    cdef timespec ts
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return <int64_t>ts.tv_sec * 1000000000 + ts.tv_nsec


cdef inline uint32_t _mix(uint32_t h) noexcept nogil:
    h ^= h >> 16
    h *= <uint32_t>0x7FEB352DU
    h ^= h >> 15
    h *= <uint32_t>0x846CA68BU
    h ^= h >> 16
    return h


cdef inline uint32_t _dmx_hash(uint8_t kind, uint32_t ip, uint16_t port, uint32_t ssrc) noexcept nogil:
    return _mix(ip * <uint32_t>0x9E3779B1U + port * <uint32_t>0x85EBCA77U
                + ssrc * <uint32_t>0xC2B2AE3DU + kind)


cdef inline uint32_t ip_from_str(str ip) except? 0:
    cdef bytes b = socket.inet_aton(ip)
    cdef const uint8_t *p = <const uint8_t *>PyBytes_AS_STRING(b)
    cdef uint32_t v
    memcpy(&v, p, 4)          # network order, exactly as sockaddr_in holds it
    return v


cdef inline str ip_to_str(uint32_t v):
    return socket.inet_ntoa(PyBytes_FromStringAndSize(<const char *>&v, 4))


@cython.final
cdef class Engine:
    """The compiled recorder engine. Internal: rtp.Recorder is the public control API."""
    cdef pthread_mutex_t mu
    cdef Call **calls
    cdef uint32_t *gens
    cdef int ncalls
    cdef Sock *socks
    cdef int nsocks
    cdef DemuxEntry *dmx
    cdef int dmx_cap
    cdef int dmx_used
    cdef int dmx_tomb
    cdef Event *events
    cdef int ev_head
    cdef int ev_count
    cdef uint64_t st[ST__COUNT]
    cdef uint64_t malformed[PE__COUNT]
    cdef int epfd
    cdef int evfd
    cdef volatile int alive
    cdef int signal
    cdef int64_t last_now
    # configuration
    cdef readonly int64_t tick_ns
    cdef readonly int64_t delay
    cdef readonly int64_t flush_ns
    cdef readonly int64_t timeout_ns
    cdef readonly int64_t max_jump
    cdef readonly int64_t max_lead
    cdef readonly int64_t ssrc_idle_ns
    cdef readonly int64_t ring_frames
    cdef readonly int batch
    cdef uint64_t rf64_threshold
    # receive batch
    cdef mmsghdr *msgs
    cdef iovec *iov
    cdef char *bufs
    cdef sockaddr_in *addrs
    cdef char *ctrl
    cdef object thread

    def __cinit__(self):
        self.epfd = -1
        self.evfd = -1
        pthread_mutex_init(&self.mu, NULL)

    def __init__(self, *, int tick_ms=5, int delay_ms=200, int flush_ms=500,
                 int timeout_ms=30000, int max_jump_ms=1000, int max_lead_ms=2000,
                 int ssrc_idle_ms=60, int batch=64, rf64_threshold=None):
        cdef int i
        if not 1 <= tick_ms <= 100:
            raise ValueError(f"tick_ms must be 1..100, got {tick_ms}")
        if not 20 <= delay_ms <= 2000:
            raise ValueError(f"delay_ms must be 20..2000, got {delay_ms}")
        if not 50 <= flush_ms <= 1000:
            raise ValueError(f"flush_ms must be 50..1000 (kill -9 loses at most one flush), got {flush_ms}")
        if not 1 <= batch <= BATCH_MAX:
            raise ValueError(f"batch must be 1..{BATCH_MAX}, got {batch}")
        if timeout_ms < 100 or max_jump_ms < 20 or max_lead_ms < 100 or ssrc_idle_ms < 0:
            raise ValueError("timeout_ms >= 100, max_jump_ms >= 20, max_lead_ms >= 100, ssrc_idle_ms >= 0")
        if self.calls != NULL:
            raise RuntimeError("Engine.__init__ called twice")
        self.tick_ns = tick_ms * 1000000
        self.delay = delay_ms * 8
        self.flush_ns = flush_ms * 1000000
        self.timeout_ns = <int64_t>timeout_ms * 1000000
        self.max_jump = max_jump_ms * 8
        self.max_lead = max_lead_ms * 8
        self.ssrc_idle_ns = <int64_t>ssrc_idle_ms * 1000000
        self.batch = batch
        self.rf64_threshold = RIFF_LIMIT if rf64_threshold is None else <uint64_t>rf64_threshold
        self.ring_frames = 1024
        while self.ring_frames < (flush_ms + delay_ms + 120) * 8:
            self.ring_frames *= 2
        self.ncalls = 0
        self.calls = <Call **>calloc(1, sizeof(Call *))
        self.gens = <uint32_t *>calloc(1, sizeof(uint32_t))
        self.socks = NULL
        self.nsocks = 0
        self.dmx_cap = 64
        self.dmx = <DemuxEntry *>calloc(self.dmx_cap, sizeof(DemuxEntry))
        self.events = <Event *>calloc(MAX_EVENTS, sizeof(Event))
        self.msgs = <mmsghdr *>calloc(BATCH_MAX, sizeof(mmsghdr))
        self.iov = <iovec *>calloc(BATCH_MAX, sizeof(iovec))
        self.bufs = <char *>malloc(BATCH_MAX * SLOT)
        self.addrs = <sockaddr_in *>calloc(BATCH_MAX, sizeof(sockaddr_in))
        self.ctrl = <char *>calloc(BATCH_MAX, CTRL)
        if (self.calls == NULL or self.gens == NULL or self.dmx == NULL or self.events == NULL
                or self.msgs == NULL or self.iov == NULL or self.bufs == NULL
                or self.addrs == NULL or self.ctrl == NULL):
            raise MemoryError()
        for i in range(BATCH_MAX):
            self.iov[i].iov_base = self.bufs + i * SLOT
            self.iov[i].iov_len = SLOT
        self.epfd = epoll_create1(EPOLL_CLOEXEC)
        self.evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)
        if self.epfd < 0 or self.evfd < 0:
            raise OSError(errno, os.strerror(errno))
        self.last_now = 0

    def __dealloc__(self):
        cdef int i
        self.alive = 0
        if self.calls != NULL:
            for i in range(self.ncalls):
                if self.calls[i] != NULL:
                    self._free_call(self.calls[i], True)
                    self.calls[i] = NULL
            free(self.calls)
        if self.socks != NULL:
            for i in range(self.nsocks):
                if self.socks[i].fd >= 0:
                    close(self.socks[i].fd)
            free(self.socks)
        free(self.gens)
        free(self.dmx)
        free(self.events)
        free(self.msgs)
        free(self.iov)
        free(self.bufs)
        free(self.addrs)
        free(self.ctrl)
        if self.epfd >= 0:
            close(self.epfd)
        if self.evfd >= 0:
            close(self.evfd)
        pthread_mutex_destroy(&self.mu)

    # --- locking ----------------------------------------------------------------------------

    cdef inline void _lock(self) noexcept:
        with nogil:
            pthread_mutex_lock(&self.mu)

    cdef inline void _unlock(self) noexcept nogil:
        pthread_mutex_unlock(&self.mu)

    # --- events -----------------------------------------------------------------------------

    cdef void _event(self, int kind, int slot, int leg, int64_t pos, int64_t a, int64_t b) noexcept nogil:
        cdef Event *e
        if self.ev_count >= MAX_EVENTS:
            self.st[ST_EVENTS_DROPPED] += 1
            return
        e = &self.events[(self.ev_head + self.ev_count) % MAX_EVENTS]
        e.kind = kind
        e.call = slot
        e.gen = self.gens[slot]
        e.leg = leg
        e.pos = pos
        e.a = a
        e.b = b
        self.ev_count += 1
        self.signal = 1

    # --- demux table (open addressing, linear probing, tombstones) -----------------------------

    cdef int _dmx_find(self, uint8_t kind, uint32_t ip, uint16_t port, uint32_t ssrc) noexcept nogil:
        cdef uint32_t mask = self.dmx_cap - 1
        cdef uint32_t i = _dmx_hash(kind, ip, port, ssrc) & mask
        cdef DemuxEntry *e
        while True:
            e = &self.dmx[i]
            if e.used == 0:
                return -1
            if e.used == 1 and e.kind == kind and e.ip == ip and e.port == port and e.ssrc == ssrc:
                return <int>i
            i = (i + 1) & mask

    cdef int _dmx_grow(self) except -1:
        cdef DemuxEntry *old = self.dmx
        cdef int oldcap = self.dmx_cap
        cdef int i, cap = oldcap
        cdef uint32_t j, mask
        if (self.dmx_used + 1) * 2 > cap:
            cap *= 2
        cdef DemuxEntry *nd = <DemuxEntry *>calloc(cap, sizeof(DemuxEntry))
        if nd == NULL:
            raise MemoryError()
        mask = cap - 1
        for i in range(oldcap):
            if old[i].used == 1:
                j = _dmx_hash(old[i].kind, old[i].ip, old[i].port, old[i].ssrc) & mask
                while nd[j].used:
                    j = (j + 1) & mask
                nd[j] = old[i]
        self.dmx = nd
        self.dmx_cap = cap
        self.dmx_tomb = 0
        free(old)
        return 0

    cdef int _dmx_insert(self, uint8_t kind, uint32_t ip, uint16_t port, uint32_t ssrc,
                         int slot, int leg) except -1:
        cdef uint32_t mask, i
        if (self.dmx_used + self.dmx_tomb + 1) * 2 > self.dmx_cap:
            self._dmx_grow()
        mask = self.dmx_cap - 1
        i = _dmx_hash(kind, ip, port, ssrc) & mask
        while self.dmx[i].used == 1:
            i = (i + 1) & mask
        if self.dmx[i].used == 2:
            self.dmx_tomb -= 1
        self.dmx[i].used = 1
        self.dmx[i].kind = kind
        self.dmx[i].ip = ip
        self.dmx[i].port = port
        self.dmx[i].ssrc = ssrc
        self.dmx[i].call = slot
        self.dmx[i].leg = leg
        self.dmx_used += 1
        return 0

    cdef void _dmx_remove_call(self, int slot) noexcept nogil:
        cdef int i
        for i in range(self.dmx_cap):
            if self.dmx[i].used == 1 and self.dmx[i].call == slot:
                self.dmx[i].used = 2
                self.dmx_used -= 1
                self.dmx_tomb += 1

    cdef inline int _dmx_lookup(self, uint32_t ip, uint16_t port, uint32_t ssrc) noexcept nogil:
        cdef int i = self._dmx_find(3, ip, port, ssrc)
        if i < 0:
            i = self._dmx_find(1, ip, port, 0)
        if i < 0:
            i = self._dmx_find(2, 0, 0, ssrc)
        return i

    # --- timeline helpers -------------------------------------------------------------------

    cdef inline int64_t _wall(self, Call *c, int64_t now) noexcept nogil:
        if c.origin < 0:
            return 0
        return (now - c.origin) // NS_PER_SAMPLE

    cdef void _flush(self, Call *c, int slot, int64_t now) noexcept nogil:
        cdef int64_t a, b, n, mask = c.ring_frames - 1
        cdef size_t fb = <size_t>(c.bps * c.nlegs)
        cdef int err = 0
        c.last_flush = now
        if c.commit <= c.written:
            return
        if c.file_start < 0:
            # the file starts at the earliest sample received, not at the first arrival:
            # until final data reaches it, what lies behind commit is silence to skip
            if c.min_pos == INT64_MAX or c.commit <= c.min_pos:
                c.written = c.commit
                return
            c.written = c.min_pos
            c.file_start = c.min_pos
        a = c.written & mask
        n = c.commit - c.written
        b = a + n
        if b <= c.ring_frames:
            err = wav_write(&c.wav, c.ring + a * fb, n * fb)
            memset(c.ring + a * fb, c.silence, n * fb)
        else:
            err = wav_write(&c.wav, c.ring + a * fb, (c.ring_frames - a) * fb)
            if not err:
                err = wav_write(&c.wav, c.ring, (b - c.ring_frames) * fb)
            memset(c.ring + a * fb, c.silence, (c.ring_frames - a) * fb)
            memset(c.ring, c.silence, (b - c.ring_frames) * fb)
        c.written = c.commit
        c.flushes += 1
        if err:
            if c.wav.error == err and c.flushes >= 1 and slot >= 0:
                self._event(EV_WRITE_ERROR, slot, -1, c.written, err, 0)
        else:
            wav_sync_header(&c.wav)
        if c.tap != NULL and c.tap.head < c.written:
            c.tap.head = c.written

    cdef void _room(self, Call *c, int slot, int64_t end, int64_t now) noexcept nogil:
        # keep [written, end) inside the ring: write what is final, then force if still short
        if end - c.written <= c.ring_frames:
            return
        self._flush(c, slot, now)
        if end - c.written > c.ring_frames:
            c.commit = end - c.ring_frames
            self._flush(c, slot, now)

    cdef void _copy(self, Call *c, Leg *L, int64_t pos, const uint8_t *src, int64_t n, uint8_t pt) noexcept nogil:
        cdef int64_t k, mask = c.ring_frames - 1
        cdef int ch = L.channel, stride = c.nlegs
        cdef const uint8_t *tab
        cdef const int16_t *lin
        cdef uint8_t *ring = c.ring
        if c.fmt == FMT_PCM16:
            lin = &ULAW2LIN[0] if pt == 0 else &ALAW2LIN[0]
            for k in range(n):
                wr_le16(ring + 2 * (((pos + k) & mask) * stride + ch), <uint16_t>lin[src[k]])
        else:
            if c.fmt == FMT_ULAW:
                tab = &IDENT[0] if pt == 0 else &ALAW2ULAW[0]
            else:
                tab = &IDENT[0] if pt == 8 else &ULAW2ALAW[0]
            for k in range(n):
                ring[((pos + k) & mask) * stride + ch] = tab[src[k]]

    cdef void _place(self, Call *c, int slot, Leg *L, int64_t pos, const uint8_t *src, int64_t n,
                     uint8_t pt, int64_t now) noexcept nogil:
        cdef int64_t end = pos + n, lo, hi
        if n <= 0:
            return
        if n > c.ring_frames // 4:
            L.oversize += 1
            return
        if c.min_pos == INT64_MAX:
            # first audio of the call: leave one reorder delay of room before it, so a packet
            # with an earlier timestamp that arrives second is still placed
            c.written = pos - self.delay
            c.commit = c.written
        if pos < c.commit:
            L.late += 1
            return
        self._room(c, slot, end, now)
        if pos < c.commit:          # forced commit overtook us (only after absurd input)
            L.late += 1
            return
        # gap accounting: a packet beyond the leg's end opens a gap of silence; a late one
        # that lands inside the leg's span fills part of an earlier gap
        if pos < c.min_pos:
            c.min_pos = pos
        if pos < L.start_pos:
            if end < L.start_pos:
                L.fill_samples += L.start_pos - end
            L.start_pos = pos
        elif pos > L.max_end:
            L.fill_samples += pos - L.max_end
        elif end <= L.max_end:
            L.fill_samples -= n
        else:
            L.fill_samples -= L.max_end - pos
        if end > L.max_end:
            L.max_end = end
        if end > c.max_end:
            c.max_end = end
        if c.pause_start >= 0 and end > c.pause_start and pos < c.pause_end:
            # PCI pause: the paused interval keeps its silence
            lo = pos if pos > c.pause_start else c.pause_start
            hi = end if end < c.pause_end else c.pause_end
            L.paused_dropped += hi - lo
            if lo > pos:
                self._copy(c, L, pos, src, lo - pos, pt)
            if hi < end:
                self._copy(c, L, hi, src + (hi - pos), end - hi, pt)
            return
        self._copy(c, L, pos, src, n, pt)

    cdef void _reset_stream(self, Call *c, Leg *L, const RtpHdr *h, int64_t now) noexcept nogil:
        cdef int64_t expected, wall
        if L.state == LEG_LOCKED:
            expected = <int64_t>L.cycles + L.max_seq - L.base_seq + 1
            L.lost_prior += <uint64_t>(expected - <int64_t>L.received) if expected > <int64_t>L.received else 0
        L.state = LEG_LOCKED
        L.ssrc = h.ssrc
        L.base_seq = h.seq
        L.max_seq = h.seq
        L.cycles = 0
        L.bad_seq = 0x10001
        L.received = 0
        memset(L.seen, 0, sizeof(L.seen))
        if c.origin < 0:
            c.origin = now
        wall = self._wall(c, now)
        if wall < c.commit:
            wall = c.commit
        L.ts_last = h.ts
        L.ts_ext_last = 0
        L.ref_ext = 0
        L.ref_arrival = now
        L.anchor = wall
        if L.max_end < 0:
            L.max_end = wall
            L.start_pos = wall
        L.transit_init = 0

    cdef void _rtp(self, Call *c, int slot, int li, const RtpHdr *h, const char *buf,
                   uint32_t ip, uint16_t port, int64_t now) noexcept nogil:
        cdef Leg *L = &c.legs[li]
        cdef uint16_t udelta
        cdef int64_t ext, max_ext, ext_ts, pos, delta_arr, skew, newpos, wall, expected, j
        cdef int32_t d
        cdef uint32_t arr, transit
        cdef int slot_i
        cdef uint8_t pt = h.pt
        cdef bint audio = pt == 0 or pt == 8
        cdef uint8_t ev, ev_end, vol
        cdef uint16_t dur
        if L.state == LEG_WAITING:
            if (L.want_ip and ip != L.want_ip) or (L.want_port and port != L.want_port) \
                    or (L.has_want_ssrc and h.ssrc != L.want_ssrc):
                L.foreign += 1
                return
            if not audio and pt != L.dtmf_pt:
                L.unknown_pt += 1      # never lock on to something that is not our media
                return
            L.ip = ip
            L.port = port
            self._reset_stream(c, L, h, now)
            self._event(EV_LOCK, slot, li, L.anchor, ip, (<int64_t>port << 32) | h.ssrc)
        elif ip != L.ip or port != L.port:
            L.foreign += 1              # RTP bleed / injection from another address
            return
        elif h.ssrc != L.ssrc:
            # another SSRC from the locked address: a new segment only once the locked one
            # has gone quiet, so two interleaved SSRCs never mix
            if L.has_want_ssrc or now - L.last_arrival < self.ssrc_idle_ns or (not audio and pt != L.dtmf_pt):
                L.foreign += 1
                return
            L.segments += 1
            self._reset_stream(c, L, h, now)
            self._event(EV_SSRC_CHANGE, slot, li, L.anchor, h.ssrc, 0)

        # --- sequence (RFC 3550 A.1) and the sequence-indexed duplicate ring ---
        udelta = <uint16_t>(h.seq - L.max_seq)
        if udelta < MAX_DROPOUT:
            if h.seq < L.max_seq:
                L.cycles += 65536
            L.max_seq = h.seq
            ext = <int64_t>L.cycles + h.seq
        elif udelta <= 65536 - MAX_MISORDER:
            if h.seq == L.bad_seq:
                # two sequential packets after a jump: the sender restarted its numbering
                expected = <int64_t>L.cycles + L.max_seq - L.base_seq + 1
                if expected > <int64_t>L.received:
                    L.lost_prior += <uint64_t>(expected - <int64_t>L.received)
                L.base_seq = h.seq
                L.max_seq = h.seq
                L.cycles = 0
                L.received = 0
                L.bad_seq = 0x10001
                memset(L.seen, 0, sizeof(L.seen))
                L.seq_resyncs += 1
                ext = h.seq
            else:
                L.bad_seq = (h.seq + 1) & 0xFFFF
                L.seq_jumps += 1
                ext = -1
        else:
            ext = <int64_t>L.cycles + h.seq
            if h.seq > L.max_seq:
                ext -= 65536
        if ext >= 0:
            max_ext = <int64_t>L.cycles + L.max_seq
            if ext < <int64_t>L.base_seq or ext <= max_ext - SEQ_RING:
                L.late += 1
                return
            slot_i = ext & (SEQ_RING - 1)
            if L.seen[slot_i] == <uint32_t>(ext + 1):
                L.duplicates += 1
                return
            L.seen[slot_i] = <uint32_t>(ext + 1)
            L.received += 1
        L.packets += 1
        L.payload_bytes += h.payload_len
        L.last_arrival = now
        c.last_arrival = now

        # --- timestamp: extend across wraps, map to the timeline, catch absurd jumps ---
        d = <int32_t>(h.ts - L.ts_last)
        ext_ts = L.ts_ext_last + d
        if d > 0:
            L.ts_last = h.ts
            L.ts_ext_last = ext_ts
        if audio:
            # RFC 3550 A.8, arrival expressed in timestamp units
            arr = <uint32_t>(<uint64_t>now // NS_PER_SAMPLE)
            transit = arr - h.ts
            if L.transit_init:
                d = <int32_t>(transit - L.transit)
                if d < 0:
                    d = -d
                j = <int64_t>L.jitter + d - ((L.jitter + 8) >> 4)
                L.jitter = <uint32_t>j
            L.transit_init = 1
            L.transit = transit
        pos = L.anchor + ext_ts
        delta_arr = (now - L.ref_arrival) // NS_PER_SAMPLE
        skew = (ext_ts - L.ref_ext) - delta_arr
        if skew > self.max_jump or skew < -self.max_jump:
            # the timestamp jumped against the arrival clock: re-anchor, so the silence we
            # insert is what really elapsed and never the jump itself
            newpos = L.anchor + L.ref_ext + delta_arr
            L.anchor = newpos - ext_ts
            pos = newpos
            L.ts_last = h.ts
            L.ts_ext_last = ext_ts
            L.ref_ext = ext_ts
            L.ref_arrival = now
            L.reanchors += 1
            self._event(EV_REANCHOR, slot, li, pos, skew, 0)
        else:
            wall = self._wall(c, now)
            if pos > wall + self.max_lead:
                # creeping ahead of real time (a lying clock): continue where the leg is
                newpos = L.max_end if L.max_end > c.commit else c.commit
                L.anchor = newpos - ext_ts
                pos = newpos
                L.ref_ext = ext_ts
                L.ref_arrival = now
                L.reanchors += 1
                self._event(EV_REANCHOR, slot, li, pos, pos - wall, 1)
            elif ext_ts >= L.ref_ext:
                L.ref_ext = ext_ts
                L.ref_arrival = now

        if audio:
            self.st[ST_AUDIO] += 1
            if c.state == CALL_OPEN or c.state == CALL_TIMED_OUT:
                self._place(c, slot, L, pos, <const uint8_t *>buf + h.payload_off, h.payload_len, pt, now)
        elif pt == L.dtmf_pt and L.dtmf_pt >= 0:
            if dtmf_parse(buf + h.payload_off, h.payload_len, &ev, &ev_end, &vol, &dur) != PE_OK:
                self.malformed[<int>PE_DTMF_TOO_SHORT] += 1
                return
            # dtmf_open: 0 no event yet, 1 event running, 2 ended (its end packet repeats)
            if L.dtmf_open == 0 or h.ts != L.dtmf_ts:
                if L.dtmf_open == 1:   # the previous event's end packets were all lost
                    self._dtmf_done(c, slot, li, L)
                L.dtmf_open = 1
                L.dtmf_ts = h.ts
                L.dtmf_event = ev
                L.dtmf_pos = pos
            elif L.dtmf_open == 2:
                return
            L.dtmf_duration = dur
            if ev_end:
                self._dtmf_done(c, slot, li, L)
        else:
            L.unknown_pt += 1

    cdef void _dtmf_done(self, Call *c, int slot, int li, Leg *L) noexcept nogil:
        L.dtmf_open = 2
        L.dtmf_events += 1
        if c.pause_start >= 0 and L.dtmf_pos >= c.pause_start and L.dtmf_pos < c.pause_end:
            # PCI: digits keyed while paused (card numbers) are not kept anywhere
            self._event(EV_DTMF, slot, li, L.dtmf_pos, -1, L.dtmf_duration)
        else:
            self._event(EV_DTMF, slot, li, L.dtmf_pos, L.dtmf_event, L.dtmf_duration)

    cdef void _rtcp(self, Call *c, Leg *L, const char *buf, Py_ssize_t n, uint32_t ip, int64_t now) noexcept nogil:
        cdef SenderReport sr
        cdef int code = rtcp_scan(buf, n, &sr)
        if code != PE_OK:
            self.st[ST_RTCP_BAD] += 1
            self.malformed[code] += 1
            return
        if L.state != LEG_LOCKED or ip != L.ip:
            self.st[ST_FOREIGN] += 1
            return
        self.st[ST_RTCP] += 1
        L.rtcp_packets += 1
        if sr.present and sr.ssrc == L.ssrc:
            L.sr = sr
            L.sr_arrival = now

    cdef void _datagram(self, int si, const char *buf, Py_ssize_t n, uint32_t ip, uint16_t port,
                        int64_t now) noexcept nogil:
        cdef Sock *s = &self.socks[si]
        cdef RtpHdr h
        cdef int code, slot, li, di
        cdef Call *c
        cdef uint32_t ssrc
        if now < self.last_now:
            now = self.last_now      # the timeline never runs backwards
        self.last_now = now
        self.st[ST_DATAGRAMS] += 1
        self.st[ST_BYTES] += n
        if s.kind == SK_SHARED:
            if is_rtcp_mux(buf, n):
                ssrc = be32(buf + 4) if n >= 8 else 0
                di = self._dmx_lookup(ip, port, ssrc)
                if di < 0:
                    self.st[ST_UNMATCHED] += 1
                    return
                c = self.calls[self.dmx[di].call]
                self._rtcp(c, &c.legs[self.dmx[di].leg], buf, n, ip, now)
                return
            code = rtp_parse(buf, n, &h)
            if code != PE_OK:
                self.malformed[code] += 1
                self.st[ST_MALFORMED] += 1
                return
            di = self._dmx_lookup(ip, port, h.ssrc)
            if di < 0:
                self.st[ST_UNMATCHED] += 1
                return
            slot = self.dmx[di].call
            li = self.dmx[di].leg
        else:
            slot = s.call
            li = s.leg
            if slot < 0 or self.calls[slot] == NULL:
                self.st[ST_UNMATCHED] += 1
                return
            c = self.calls[slot]
            if s.kind == SK_LEG_RTCP or is_rtcp_mux(buf, n):
                self._rtcp(c, &c.legs[li], buf, n, ip, now)
                return
            code = rtp_parse(buf, n, &h)
            if code != PE_OK:
                self.malformed[code] += 1
                self.st[ST_MALFORMED] += 1
                return
        c = self.calls[slot]
        if c == NULL:
            self.st[ST_UNMATCHED] += 1
            return
        self._rtp(c, slot, li, &h, buf, ip, port, now)

    cdef void _monitor(self, Call *c, int64_t now) noexcept nogil:
        cdef MonitorTap *t = c.tap
        cdef int64_t target = c.max_end, floor, k, mask = c.ring_frames - 1
        cdef int i, ch, fi
        cdef Leg *L
        cdef int16_t *out
        cdef const uint8_t *p
        cdef const int16_t *lin
        for i in range(c.nlegs):
            L = &c.legs[i]
            if L.state == LEG_LOCKED and now - L.last_arrival < LEG_ACTIVE_NS and L.max_end < target:
                target = L.max_end
        floor = c.max_end - 2 * MON_FRAME      # wait at most 40 ms for the slower leg
        if target < floor:
            target = floor
        if t.head < c.written:
            t.head = c.written
        lin = &ULAW2LIN[0] if c.fmt == FMT_ULAW else &ALAW2LIN[0]
        while t.head + MON_FRAME <= target:
            fi = <int>(t.seq % MON_FRAMES)
            out = t.pcm + fi * MON_FRAME * c.nlegs
            for k in range(MON_FRAME):
                p = c.ring + ((t.head + k) & mask) * c.nlegs * c.bps
                for ch in range(c.nlegs):
                    if c.fmt == FMT_PCM16:
                        out[k * c.nlegs + ch] = <int16_t>(<uint16_t>p[2 * ch] | (<uint16_t>p[2 * ch + 1] << 8))
                    else:
                        out[k * c.nlegs + ch] = lin[p[ch]]
            t.pos[fi] = t.head
            t.t_ns[fi] = now
            t.seq += 1
            t.head += MON_FRAME
            self.st[ST_MONITOR_FRAMES] += 1
            self.signal = 1

    cdef void _tick_call(self, Call *c, int slot, int64_t now) noexcept nogil:
        # final = a reorder delay behind both the newest data and the wall clock, so a sender
        # that bursts ahead of real time (ffmpeg -re sends 128 ms at once) still gets its
        # reordered packets placed
        cdef int64_t wall = self._wall(c, now)
        cdef int64_t target = (c.max_end if c.max_end < wall else wall) - self.delay
        if target > c.commit:
            c.commit = target
        if c.commit > c.written and (now - c.last_flush >= self.flush_ns
                                     or c.commit - c.written >= c.ring_frames // 2):
            self._flush(c, slot, now)
        if c.tap != NULL:
            self._monitor(c, now)
        if c.state == CALL_OPEN and now - c.last_arrival > self.timeout_ns:
            c.state = CALL_TIMED_OUT
            self._event(EV_TIMEOUT, slot, -1, c.max_end, 0, 0)

    cdef void _tick_all(self, int64_t now) noexcept nogil:
        cdef int i
        if now < self.last_now:
            now = self.last_now
        self.last_now = now
        for i in range(self.ncalls):
            if self.calls[i] != NULL:
                self._tick_call(self.calls[i], i, now)

    cdef void _drain(self, int si) noexcept nogil:
        cdef int r, i, rounds = 0
        cdef int fd = self.socks[si].fd
        cdef mmsghdr *m
        cdef cmsghdr *cm
        cdef uint32_t drops
        cdef int64_t now
        while rounds < 64:
            rounds += 1
            for i in range(self.batch):
                m = &self.msgs[i]
                m.msg_hdr.msg_name = &self.addrs[i]
                m.msg_hdr.msg_namelen = sizeof(sockaddr_in)
                m.msg_hdr.msg_iov = &self.iov[i]
                m.msg_hdr.msg_iovlen = 1
                m.msg_hdr.msg_control = self.ctrl + i * CTRL
                m.msg_hdr.msg_controllen = CTRL
                m.msg_hdr.msg_flags = 0
            r = recvmmsg(fd, self.msgs, self.batch, MSG_DONTWAIT, NULL)
            if r <= 0:
                return
            self.st[ST_RECV_CALLS] += 1
            if <uint64_t>r > self.st[ST_MAX_BATCH]:
                self.st[ST_MAX_BATCH] = r
            now = mono_ns()
            for i in range(r):
                m = &self.msgs[i]
                cm = CMSG_FIRSTHDR(&m.msg_hdr)
                while cm != NULL:
                    if cm.cmsg_level == SOL_SOCKET and cm.cmsg_type == SO_RXQ_OVFL:
                        memcpy(&drops, CMSG_DATA(cm), 4)
                        self.socks[si].drops = drops
                    cm = CMSG_NXTHDR(&m.msg_hdr, cm)
                if m.msg_hdr.msg_flags & MSG_TRUNC:
                    self.st[ST_DATAGRAMS] += 1
                    self.st[ST_TRUNCATED] += 1
                    continue
                self._datagram(si, self.bufs + i * SLOT, m.msg_len, self.addrs[i].sin_addr.s_addr,
                               ntohs(self.addrs[i].sin_port), now)
            if r < self.batch:
                return

    cdef void _loop(self) noexcept nogil:
        cdef epoll_event evs[EPOLL_EVENTS]
        cdef int n, i, sig
        cdef int64_t wake, now, rest
        cdef uint64_t one = 1
        cdef timespec ts
        cdef int tick_ms = <int>(self.tick_ns // 1000000)
        while self.alive:
            n = epoll_wait(self.epfd, evs, EPOLL_EVENTS, tick_ms)
            wake = mono_ns()
            pthread_mutex_lock(&self.mu)
            self.st[ST_LOOPS] += 1
            for i in range(n):
                if evs[i].data.u32 < <uint32_t>self.nsocks and self.socks[evs[i].data.u32].fd >= 0:
                    self._drain(evs[i].data.u32)
            self._tick_all(mono_ns())
            sig = self.signal
            self.signal = 0
            pthread_mutex_unlock(&self.mu)
            if sig:
                write(self.evfd, &one, 8)
            # sleep out the rest of the tick: the next wake-up then finds a batch per socket
            # instead of one packet, which is what makes recvmmsg pay off
            rest = self.tick_ns - (mono_ns() - wake)
            if rest > 0 and n > 0:
                ts.tv_sec = 0
                ts.tv_nsec = rest
                nanosleep(&ts, NULL)

    # --- call lifecycle ---------------------------------------------------------------------

    cdef void _free_call(self, Call *c, bint do_fsync) noexcept nogil:
        if c.wav.fd >= 0:
            wav_close(&c.wav, do_fsync)
        if c.tap != NULL:
            free(c.tap.pcm)
            free(c.tap)
        free(c.ring)
        free(c)

    cdef Call *_get(self, int handle, int *slot) except NULL:
        cdef int s = handle & 0xFFFFF
        cdef uint32_t gen = (<uint32_t>handle) >> 20
        if handle < 0 or s >= self.ncalls or self.calls[s] == NULL or (self.gens[s] & 0x7FF) != gen:
            raise KeyError(f"no open recording with handle {handle}")
        slot[0] = s
        return self.calls[s]

    def add_socket(self, int fd, int kind, int rcvbuf=0) -> int:
        """Hand a bound UDP socket to the engine (the engine owns and closes the fd).
        Returns the socket id; `rcvbuf` raises SO_RCVBUF (SO_RCVBUFFORCE when allowed)."""
        cdef int one = 1, i, si = -1
        cdef epoll_event ev
        cdef Sock *ns
        if kind not in (SK_SHARED, SK_LEG_RTP, SK_LEG_RTCP):
            raise ValueError(f"unknown socket kind {kind}")
        if fd < 0:
            raise ValueError("fd must be a valid descriptor")
        if rcvbuf > 0:
            if setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(int)) != 0:
                setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(int))
        setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &one, sizeof(int))
        self._lock()
        try:
            for i in range(self.nsocks):
                if self.socks[i].fd < 0:
                    si = i
                    break
            if si < 0:
                if self.nsocks >= MAX_SOCKS:
                    raise OverflowError("too many sockets")
                ns = <Sock *>realloc(self.socks, (self.nsocks + 1) * sizeof(Sock))
                if ns == NULL:
                    raise MemoryError()
                self.socks = ns
                si = self.nsocks
                self.nsocks += 1
            ev.events = EPOLLIN
            ev.data.u64 = 0
            ev.data.u32 = si
            if epoll_ctl(self.epfd, EPOLL_CTL_ADD, fd, &ev) != 0:
                raise OSError(errno, os.strerror(errno))
            self.socks[si].fd = fd
            self.socks[si].kind = kind
            self.socks[si].call = -1
            self.socks[si].leg = -1
            self.socks[si].drops = 0
            return si
        finally:
            self._unlock()

    def socket_rcvbuf(self, int sock) -> int:
        cdef int v = 0
        cdef socklen_t ln = sizeof(int)
        if sock < 0 or sock >= self.nsocks or self.socks[sock].fd < 0:
            raise KeyError(f"no socket {sock}")
        getsockopt(self.socks[sock].fd, SOL_SOCKET, SO_RCVBUF, &v, &ln)
        return v

    cdef void _close_sock(self, int si) noexcept nogil:
        if si < 0 or si >= self.nsocks or self.socks[si].fd < 0:
            return
        epoll_ctl(self.epfd, EPOLL_CTL_DEL, self.socks[si].fd, NULL)
        close(self.socks[si].fd)
        self.socks[si].fd = -1
        self.socks[si].call = -1

    def remove_socket(self, int sock) -> None:
        self._lock()
        try:
            if sock < 0 or sock >= self.nsocks or self.socks[sock].fd < 0:
                raise KeyError(f"no socket {sock}")
            self._close_sock(sock)
        finally:
            self._unlock()

    def open_call(self, path, int fmt, list legs) -> int:
        """Start a recording. `legs` (1 or 2, channel = index) are dicts with keys
        sock_rtp, sock_rtcp (ids or -1 for the shared ports), want_ip (str|None),
        want_port (int), want_ssrc (int|None), codec_pt (0|8), dtmf_pt (int, -1 none)."""
        cdef int nl = len(legs), i, slot = -1, si
        cdef Call *c
        cdef Leg *L
        cdef bytes bpath = os.fsencode(path)
        cdef const char *cpath
        cdef Call **nc
        cdef uint32_t *ng
        cdef int err
        cdef int64_t now = mono_ns()
        if fmt not in (FMT_PCM16, FMT_ALAW, FMT_ULAW):
            raise ValueError(f"unsupported storage format {fmt}")
        if nl < 1 or nl > 2:
            raise ValueError(f"a recording has 1 or 2 legs, got {nl}")
        specs = []
        for i, leg in enumerate(legs):
            spec = dict(leg)
            if spec.get("codec_pt", 0) not in (0, 8):
                raise ValueError(f"leg {i}: codec_pt must be 0 (PCMU) or 8 (PCMA)")
            dt = spec.get("dtmf_pt", 101)
            if dt is None:
                dt = -1
            if not -1 <= dt <= 127 or dt in (0, 8) or 72 <= dt <= 76:
                raise ValueError(f"leg {i}: bad telephone-event payload type {dt}")
            spec["dtmf_pt"] = dt
            spec["ip"] = ip_from_str(spec["want_ip"]) if spec.get("want_ip") else 0
            port = spec.get("want_port") or 0
            if not 0 <= port <= 65535:
                raise ValueError(f"leg {i}: bad port {port}")
            ws = spec.get("want_ssrc")
            if ws is not None and not 0 <= ws <= 0xFFFFFFFF:
                raise ValueError(f"leg {i}: bad SSRC {ws}")
            srtp = spec.get("sock_rtp", -1)
            if srtp < 0:
                if not ((spec["ip"] and port) or ws is not None):
                    raise ValueError(f"leg {i}: a leg on the shared port needs its source "
                                     "address and port, or its SSRC, to demultiplex")
            specs.append(spec)
        self._lock()
        try:
            for i in range(nl):
                for key in ("sock_rtp", "sock_rtcp"):
                    si = specs[i].get(key, -1)
                    if si >= 0 and (si >= self.nsocks or self.socks[si].fd < 0
                                    or self.socks[si].call >= 0
                                    or self.socks[si].kind == SK_SHARED):
                        raise ValueError(f"leg {i}: {key}={si} is not a free leg socket")
                if specs[i].get("sock_rtp", -1) < 0:
                    kind = 3 if (specs[i]["ip"] and specs[i].get("want_ssrc") is not None) else (
                        1 if specs[i]["ip"] else 2)
                    if self._dmx_find(kind, specs[i]["ip"] if kind != 2 else 0,
                                      (specs[i].get("want_port") or 0) if kind != 2 else 0,
                                      (specs[i].get("want_ssrc") or 0) if kind != 1 else 0) >= 0:
                        raise ValueError(f"leg {i}: that source is already bound to another recording")
                    specs[i]["dmx_kind"] = kind
            for i in range(self.ncalls):
                if self.calls[i] == NULL:
                    slot = i
                    break
            if slot < 0:
                if self.ncalls >= 0xFFFFF:
                    raise OverflowError("too many concurrent recordings")
                nc = <Call **>realloc(self.calls, (self.ncalls + 1) * sizeof(Call *))
                if nc == NULL:
                    raise MemoryError()
                self.calls = nc
                ng = <uint32_t *>realloc(self.gens, (self.ncalls + 1) * sizeof(uint32_t))
                if ng == NULL:
                    raise MemoryError()
                self.gens = ng
                slot = self.ncalls
                self.calls[slot] = NULL
                self.gens[slot] = 0
                self.ncalls += 1
            c = <Call *>calloc(1, sizeof(Call))
            if c == NULL:
                raise MemoryError()
            c.nlegs = nl
            c.fmt = fmt
            c.bps = 2 if fmt == FMT_PCM16 else 1
            c.silence = 0xFF if fmt == FMT_ULAW else (0xD5 if fmt == FMT_ALAW else 0)
            c.ring_frames = self.ring_frames
            c.ring = <uint8_t *>malloc(c.ring_frames * nl * c.bps)
            if c.ring == NULL:
                free(c)
                raise MemoryError()
            memset(c.ring, c.silence, c.ring_frames * nl * c.bps)
            cpath = bpath
            with nogil:
                err = wav_open(&c.wav, cpath, fmt, nl, 8000, self.rf64_threshold)
            if err:
                if c.wav.fd >= 0:
                    close(c.wav.fd)
                free(c.ring)
                free(c)
                raise OSError(err, os.strerror(err), os.fspath(path))
            c.origin = -1
            c.min_pos = INT64_MAX
            c.file_start = -1
            c.opened = now
            c.last_arrival = now
            c.last_flush = now
            c.pause_start = -1
            c.pause_end = INT64_MAX
            c.state = CALL_OPEN
            self.gens[slot] = (self.gens[slot] + 1) & 0x7FF
            c.gen = self.gens[slot]
            for i in range(nl):
                L = &c.legs[i]
                L.channel = i
                L.state = LEG_WAITING
                L.max_end = -1
                L.codec_pt = specs[i].get("codec_pt", 0)
                L.dtmf_pt = specs[i]["dtmf_pt"]
                L.want_ip = specs[i]["ip"]
                L.want_port = specs[i].get("want_port") or 0
                L.has_want_ssrc = specs[i].get("want_ssrc") is not None
                L.want_ssrc = specs[i].get("want_ssrc") or 0
                L.sock_rtp = specs[i].get("sock_rtp", -1)
                L.sock_rtcp = specs[i].get("sock_rtcp", -1)
                for si in (L.sock_rtp, L.sock_rtcp):
                    if si >= 0:
                        self.socks[si].call = slot
                        self.socks[si].leg = i
                if L.sock_rtp < 0:
                    k = specs[i]["dmx_kind"]
                    self._dmx_insert(k, L.want_ip if k != 2 else 0, L.want_port if k != 2 else 0,
                                     L.want_ssrc if k != 1 else 0, slot, i)
            self.calls[slot] = c
            return <int>((c.gen << 20) | slot)
        finally:
            self._unlock()

    def close_call(self, int handle) -> dict:
        """Stop a recording: detach it from the receive path, write everything received,
        finalize the header and fsync. Returns the final statistics."""
        cdef int slot, i
        cdef Call *c
        self._lock()
        try:
            c = self._get(handle, &slot)
            self._dmx_remove_call(slot)
            for i in range(c.nlegs):
                self._close_sock(c.legs[i].sock_rtp)
                self._close_sock(c.legs[i].sock_rtcp)
            self.calls[slot] = NULL
            c.state = CALL_DETACHED
        finally:
            self._unlock()
        # the call is ours alone now: the slow part (write, fsync) runs without the lock
        with nogil:
            c.commit = c.max_end if c.max_end > c.commit else c.commit
            self._flush(c, -1, mono_ns())
        stats = self._call_stats(c)
        cdef int err
        with nogil:
            err = wav_close(&c.wav, True)
        stats["write_error"] = err
        with nogil:
            self._free_call(c, False)
        return stats

    cdef inline int64_t _base(self, Call *c, int64_t fallback) noexcept nogil:
        # timeline position of the file's first frame (positions reported are relative to it)
        if c.file_start >= 0:
            return c.file_start
        if c.min_pos != INT64_MAX:
            return c.min_pos
        return fallback

    cdef dict _call_stats(self, Call *c):
        cdef int i
        cdef Leg *L
        cdef int64_t expected
        cdef int64_t base = self._base(c, 0)
        legs = []
        for i in range(c.nlegs):
            L = &c.legs[i]
            expected = (<int64_t>L.cycles + L.max_seq - L.base_seq + 1) if L.state == LEG_LOCKED else 0
            legs.append({
                "state": L.state,
                "source": (ip_to_str(L.ip), L.port) if L.state == LEG_LOCKED else None,
                "ssrc": L.ssrc if L.state == LEG_LOCKED else None,
                "packets": L.packets,
                "received": L.received,
                "expected": expected,
                "lost": <int64_t>L.lost_prior + expected - <int64_t>L.received,
                "duplicates": L.duplicates,
                "late": L.late,
                "foreign": L.foreign,
                "unknown_pt": L.unknown_pt,
                "oversize": L.oversize,
                "seq_jumps": L.seq_jumps,
                "seq_resyncs": L.seq_resyncs,
                "reanchors": L.reanchors,
                "segments": L.segments + (1 if L.state == LEG_LOCKED else 0),
                "fill_samples": L.fill_samples if L.fill_samples > 0 else 0,
                "jitter": L.jitter / 16.0,
                "dtmf_events": L.dtmf_events,
                "paused_samples": L.paused_dropped,
                "rtcp_packets": L.rtcp_packets,
                "sender_report": ((L.sr.ssrc, L.sr.ntp_msw, L.sr.ntp_lsw, L.sr.rtp_ts,
                                   L.sr.packets, L.sr.octets) if L.sr.present else None),
                "anchor": (L.anchor - base) if L.state == LEG_LOCKED else None,
                "max_end": L.max_end,
                "payload_bytes": L.payload_bytes,
            })
        return {
            "state": c.state,
            "channels": c.nlegs,
            "format": c.fmt,
            "frames": (c.written - c.file_start) if c.file_start >= 0 else 0,
            "data_bytes": c.wav.data_bytes,
            "max_end": c.max_end,
            "commit": c.commit,
            "flushes": c.flushes,
            "paused": bool(c.paused),
            "origin_ns": c.origin if c.origin >= 0 else None,
            "memory": sizeof(Call) + c.ring_frames * c.nlegs * c.bps,
            "legs": legs,
        }

    def call_stats(self, int handle) -> dict:
        cdef int slot
        cdef Call *c
        self._lock()
        try:
            c = self._get(handle, &slot)
            return self._call_stats(c)
        finally:
            self._unlock()

    def pause(self, int handle, now_ns=None) -> int:
        """Stop keeping audio from now on (PCI); returns the timeline position."""
        cdef int slot
        cdef Call *c
        cdef int64_t now = mono_ns() if now_ns is None else now_ns
        cdef int64_t p, k, mask
        self._lock()
        try:
            c = self._get(handle, &slot)
            if c.paused:
                raise ValueError("recording is already paused")
            if now < self.last_now:
                now = self.last_now
            p = self._wall(c, now)
            if p < c.commit:
                p = c.commit
            # audio already placed beyond the pause point goes back to silence
            mask = c.ring_frames - 1
            for k in range(p, c.max_end):
                memset(c.ring + (k & mask) * c.nlegs * c.bps, c.silence, c.nlegs * c.bps)
            c.pause_start = p
            c.pause_end = INT64_MAX
            c.paused = 1
            return p - self._base(c, p)
        finally:
            self._unlock()

    def resume(self, int handle, now_ns=None) -> int:
        cdef int slot
        cdef Call *c
        cdef int64_t now = mono_ns() if now_ns is None else now_ns
        cdef int64_t p
        self._lock()
        try:
            c = self._get(handle, &slot)
            if not c.paused:
                raise ValueError("recording is not paused")
            if now < self.last_now:
                now = self.last_now
            p = self._wall(c, now)
            if p < c.pause_start:
                p = c.pause_start
            c.pause_end = p
            c.paused = 0
            return p - self._base(c, c.pause_start)
        finally:
            self._unlock()

    def set_monitor(self, int handle, bint on) -> None:
        cdef int slot
        cdef Call *c
        cdef MonitorTap *t
        self._lock()
        try:
            c = self._get(handle, &slot)
            if on and c.tap == NULL:
                t = <MonitorTap *>calloc(1, sizeof(MonitorTap))
                if t == NULL:
                    raise MemoryError()
                t.pcm = <int16_t *>calloc(MON_FRAMES * MON_FRAME * c.nlegs, sizeof(int16_t))
                if t.pcm == NULL:
                    free(t)
                    raise MemoryError()
                t.head = c.max_end - MON_FRAME
                if t.head < c.written:
                    t.head = c.written
                c.tap = t
            elif not on and c.tap != NULL:
                free(c.tap.pcm)
                free(c.tap)
                c.tap = NULL
        finally:
            self._unlock()

    def read_monitor(self, int handle, long long after) -> list:
        """Frames newer than sequence number `after` still in the tap ring, oldest first:
        (seq, position, emitted_ns, interleaved little-endian PCM16 bytes)."""
        cdef int slot, fi
        cdef Call *c
        cdef uint64_t s, first
        out = []
        self._lock()
        try:
            c = self._get(handle, &slot)
            if c.tap == NULL:
                return out
            first = c.tap.seq - MON_FRAMES if c.tap.seq > MON_FRAMES else 0
            if after + 1 > <long long>first:
                first = after + 1
            s = first
            while s < c.tap.seq:
                fi = <int>(s % MON_FRAMES)
                out.append((s, c.tap.pos[fi], c.tap.t_ns[fi], PyBytes_FromStringAndSize(
                    <const char *>(c.tap.pcm + fi * MON_FRAME * c.nlegs), MON_FRAME * c.nlegs * 2)))
                s += 1
            return out
        finally:
            self._unlock()

    def poll_events(self) -> list:
        """(kind, handle, leg, position, a, b) tuples queued by the receive path."""
        cdef Event *e
        out = []
        self._lock()
        try:
            while self.ev_count:
                e = &self.events[self.ev_head]
                out.append((e.kind, <int>((e.gen << 20) | e.call), e.leg, e.pos, e.a, e.b))
                self.ev_head = (self.ev_head + 1) % MAX_EVENTS
                self.ev_count -= 1
            return out
        finally:
            self._unlock()

    def timed_out(self) -> list:
        cdef int i
        out = []
        self._lock()
        try:
            for i in range(self.ncalls):
                if self.calls[i] != NULL and self.calls[i].state == CALL_TIMED_OUT:
                    out.append(<int>((self.calls[i].gen << 20) | i))
            return out
        finally:
            self._unlock()

    def stats(self) -> dict:
        cdef int i
        cdef uint64_t drops = 0
        self._lock()
        try:
            d = {STAT_NAMES[i]: self.st[i] for i in range(ST__COUNT)}
            d["malformed_by_code"] = {i: self.malformed[i] for i in range(1, PE__COUNT) if self.malformed[i]}
            for i in range(self.nsocks):
                drops += self.socks[i].drops
            d["socket_drops"] = drops
            d["calls"] = sum(1 for i in range(self.ncalls) if self.calls[i] != NULL)
            d["sockets"] = sum(1 for i in range(self.nsocks) if self.socks[i].fd >= 0)
            d["call_memory"] = sizeof(Call) + self.ring_frames * 2
            return d
        finally:
            self._unlock()

    @property
    def event_fd(self) -> int:
        return self.evfd

    def inject(self, int sock, data, str src_ip, int src_port, now_ns=None) -> None:
        """Process one datagram as if recvmmsg had returned it (tests, benchmarks)."""
        cdef Py_buffer view
        cdef uint32_t ip = ip_from_str(src_ip)
        cdef int64_t now = mono_ns() if now_ns is None else now_ns
        if sock < 0 or sock >= self.nsocks or self.socks[sock].fd < 0:
            raise KeyError(f"no socket {sock}")
        if not 0 <= src_port <= 65535:
            raise ValueError("bad port")
        PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
        try:
            self._lock()
            if view.len > SLOT:
                self.st[ST_DATAGRAMS] += 1
                self.st[ST_TRUNCATED] += 1
            else:
                self._datagram(sock, <const char *>view.buf, view.len, ip, <uint16_t>src_port, now)
            self._unlock()
        finally:
            PyBuffer_Release(&view)

    def inject_batch(self, int sock, data, bint tick=True) -> int:
        """Process many datagrams from one buffer of records
        <u16 len><u16 src port><4 bytes IPv4><i64 now_ns><datagram>, little-endian; the
        engine ticks after every record whose time moved on when `tick` is set."""
        cdef Py_buffer view
        cdef Reader r
        cdef uint16_t ln, port
        cdef uint32_t ip
        cdef int64_t now, last = -1
        cdef long count = 0
        cdef const uint8_t *p
        if sock < 0 or sock >= self.nsocks or self.socks[sock].fd < 0:
            raise KeyError(f"no socket {sock}")
        PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
        try:
            rd_init(&r, <const char *>view.buf, view.len)
            with nogil:
                pthread_mutex_lock(&self.mu)
                while rd_has(&r, 16):
                    p = <const uint8_t *>(r.buf + r.pos)
                    ln = p[0] | (<uint16_t>p[1] << 8)
                    port = p[2] | (<uint16_t>p[3] << 8)
                    memcpy(&ip, p + 4, 4)
                    memcpy(&now, p + 8, 8)
                    r.pos += 16
                    if not rd_has(&r, ln):
                        break
                    if tick and last >= 0 and now != last:
                        self._tick_all(last)
                    last = now
                    if ln > SLOT:
                        self.st[ST_DATAGRAMS] += 1
                        self.st[ST_TRUNCATED] += 1
                    else:
                        self._datagram(sock, r.buf + r.pos, ln, ip, port, now)
                    r.pos += ln
                    count += 1
                if tick and last >= 0:
                    self._tick_all(last)
                pthread_mutex_unlock(&self.mu)
            return count
        finally:
            PyBuffer_Release(&view)

    def tick(self, now_ns=None) -> None:
        cdef int64_t now = mono_ns() if now_ns is None else now_ns
        self._lock()
        self._tick_all(now)
        self._unlock()

    def now(self) -> int:
        return mono_ns()

    # --- the receive thread -----------------------------------------------------------------

    def _run(self) -> None:
        with nogil:
            self._loop()

    def start(self) -> None:
        if self.alive:
            raise RuntimeError("engine already running")
        self.alive = 1
        self.thread = threading.Thread(target=self._run, name="rtp-recv", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if not self.alive:
            return
        self.alive = 0
        self.thread.join()
        self.thread = None

    @property
    def running(self) -> bool:
        return bool(self.alive)

    def close(self) -> None:
        """Stop the thread and close every socket (open calls are left to close_call)."""
        cdef int i
        self.stop()
        self._lock()
        try:
            for i in range(self.nsocks):
                self._close_sock(i)
        finally:
            self._unlock()
