# The receive engine: sockets -> demux -> parse -> per-leg sequence/timestamp state -> a
# per-call timeline ring -> the writer thread -> WAV. One thread runs _loop() without the GIL;
# control calls from Python take the same pthread mutex (released GIL while waiting), so the
# asyncio loop is never blocked by packet work and the receive thread never needs the GIL.
# The receive thread never touches the disk either: flushes hand buffers to the writer
# thread (_writer.pxi).
#
# Timeline: every call has one sample clock (8 kHz). A leg's first accepted packet maps its
# RTP timestamp to the wall-clock position of its arrival (the call's origin is the first
# packet of any leg); from then on packets are placed by RTP timestamp only, so network
# jitter never moves audio and the two channels cannot drift apart. `commit` trails the
# newest data by the reorder delay; frames behind it are final and are handed to the writer
# about twice a second.
#
# The ring is planar (one run of samples per channel), so placing a G.711 packet is one
# memcpy; the flush interleaves the channels while it copies them out for the writer.

cdef enum:
    BATCH_MAX = 1024
    SLOT = 2048           # receive buffer per datagram; larger ones are truncated and counted
    MAX_EVENTS = 4096
    EPOLL_EVENTS = 512
    LEG_ACTIVE_NS = 100000000   # a leg counts as "talking" for the monitor 100 ms after its last packet
    SK_MEMINFO_DROPS = 8        # index of the drop counter in SO_MEMINFO (linux/sock_diag.h)
    SK_MEMINFO_VARS = 16        # room for the SO_MEMINFO array (9 entries today)
    HOT_CHUNK = 1024            # CallHot entries per chunk (chunks never move)

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
    ST_LOOP_MAX = 14
    ST_WAKE_LATE_MAX = 15
    ST__COUNT = 16

STAT_NAMES = ("datagrams", "bytes", "recv_calls", "loops", "unmatched", "truncated", "rtcp",
              "rtcp_bad", "malformed", "audio_packets", "max_batch", "events_dropped",
              "foreign", "monitor_frames", "loop_max_ns", "wake_late_max_ns")


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


cdef extern from "<pthread.h>" nogil:
    ctypedef struct pthread_mutexattr_t:
        pass
    int pthread_mutexattr_init(pthread_mutexattr_t *)
    int pthread_mutexattr_setprotocol(pthread_mutexattr_t *, int)
    int pthread_mutexattr_destroy(pthread_mutexattr_t *)
    enum: PTHREAD_PRIO_INHERIT

cdef extern from "<time.h>" nogil:
    int TIMER_ABSTIME


cdef enum:  # what a datagram of a batch turned out to be
    PK_NEW = 0
    PK_TRUNC = 1
    PK_UNMATCHED = 2
    PK_RTCP = 3
    PK_RTP = 4
    PK_BAD = 5
    PIPE = 32          # datagrams whose cache misses are started together (see _batch)


cdef struct Pkt:
    const char *buf
    Py_ssize_t n
    int64_t now
    uint32_t ip
    uint16_t port
    uint8_t what
    uint8_t code
    int slot
    int leg
    RtpHdr h


cdef inline void _seen_advance(Leg *L, int64_t old_max, int64_t new_max) noexcept nogil:
    # The duplicate window is (max_ext - 128, max_ext]: one bit per extended sequence number,
    # bit (ext & 127). When max_ext moves on, the bits of the numbers entering the window
    # still describe the ones 128 behind them: clear those.
    cdef int64_t e
    if new_max - old_max >= SEQ_RING:
        L.seen[0] = 0
        L.seen[1] = 0
        return
    e = old_max + 1
    while e <= new_max:
        L.seen[(e & (SEQ_RING - 1)) >> 6] &= ~((<uint64_t>1) << (e & 63))
        e += 1


@cython.final
cdef class Engine:
    """The compiled recorder engine. Internal: rtp.Recorder is the public control API."""
    cdef pthread_mutex_t mu
    cdef Call **calls
    cdef CallHot **hot          # chunks of HOT_CHUNK entries, indexed by call slot
    cdef int hot_chunks
    cdef uint32_t *gens
    cdef int ncalls
    cdef Sock *socks
    cdef int nsocks
    cdef DemuxEntry *dmx
    cdef int dmx_cap
    cdef int dmx_used
    cdef int dmx_tomb
    cdef int dmx_kinds[4]       # live entries per kind: lookups skip kinds nobody registered
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
    cdef Writer wr
    cdef bint wr_ok
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
    # receive batch: headers built once, only msg_namelen is reset after use
    cdef mmsghdr *msgs
    cdef iovec *iov
    cdef char *bufs
    cdef sockaddr_in *addrs
    cdef readonly object thread     # the receive thread while running (its native_id: scheduling)

    def __cinit__(self):
        self.epfd = -1
        self.evfd = -1
        self.wr_ok = False
        # priority inheritance: with rt_priority the receive thread is SCHED_FIFO, and a control
        # call (a normal thread) preempted while holding the mutex would hold it up until the host
        # ran that thread again (on a saturated host, tens of ms or more); the holder now runs at
        # the waiter's priority until it lets go. Uncontended it costs the same as a plain mutex.
        cdef pthread_mutexattr_t ma
        pthread_mutexattr_init(&ma)
        if pthread_mutexattr_setprotocol(&ma, PTHREAD_PRIO_INHERIT) != 0:
            pthread_mutex_init(&self.mu, NULL)
        else:
            pthread_mutex_init(&self.mu, &ma)
        pthread_mutexattr_destroy(&ma)

    def __init__(self, *, int tick_ms=5, int delay_ms=200, int flush_ms=500,
                 int timeout_ms=30000, int max_jump_ms=1000, int max_lead_ms=2000,
                 int ssrc_idle_ms=60, int batch=256, rf64_threshold=None,
                 write_backlog=64 << 20):
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
        if not 0 <= write_backlog <= (1 << 40):
            raise ValueError(f"write_backlog must be 0..2**40 bytes, got {write_backlog}")
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
        self.msgs = <mmsghdr *>calloc(batch, sizeof(mmsghdr))
        self.iov = <iovec *>calloc(batch, sizeof(iovec))
        self.bufs = <char *>malloc(<size_t>batch * SLOT)
        self.addrs = <sockaddr_in *>calloc(batch, sizeof(sockaddr_in))
        if (self.calls == NULL or self.gens == NULL or self.dmx == NULL or self.events == NULL
                or self.msgs == NULL or self.iov == NULL or self.bufs == NULL
                or self.addrs == NULL):
            raise MemoryError()
        for i in range(batch):
            self.iov[i].iov_base = self.bufs + i * SLOT
            self.iov[i].iov_len = SLOT
            self.msgs[i].msg_hdr.msg_name = &self.addrs[i]
            self.msgs[i].msg_hdr.msg_namelen = sizeof(sockaddr_in)
            self.msgs[i].msg_hdr.msg_iov = &self.iov[i]
            self.msgs[i].msg_hdr.msg_iovlen = 1
            self.msgs[i].msg_hdr.msg_control = NULL
            self.msgs[i].msg_hdr.msg_controllen = 0
        self.epfd = epoll_create1(EPOLL_CLOEXEC)
        self.evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)
        if self.epfd < 0 or self.evfd < 0:
            raise OSError(errno, os.strerror(errno))
        self.last_now = 0
        if writer_init(&self.wr, <size_t>write_backlog) != 0:
            raise MemoryError()
        self.wr_ok = True
        if writer_start(&self.wr, self.evfd) != 0:
            raise OSError(errno, "cannot start the writer thread")

    def __dealloc__(self):
        cdef int i
        self.alive = 0
        if self.wr_ok:
            with nogil:
                writer_stop(&self.wr)        # writes everything still queued
        if self.calls != NULL:
            for i in range(self.ncalls):
                if self.calls[i] != NULL:
                    self._free_call(self.calls[i], True)
                    self.calls[i] = NULL
            free(self.calls)
        if self.hot != NULL:
            for i in range(self.hot_chunks):
                free(self.hot[i])
            free(self.hot)
        if self.wr_ok:
            writer_destroy(&self.wr)
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
        if self.epfd >= 0:
            close(self.epfd)
        if self.evfd >= 0:
            close(self.evfd)
        pthread_mutex_destroy(&self.mu)

    # --- locking ----------------------------------------------------------------------------

    cdef inline void _lock(self) noexcept:
        # Take the engine mutex with the GIL held, never the other way round: a thread that
        # got the mutex with the GIL released and then waited to get the GIL back (behind a
        # garbage collection, another thread's switch interval) held up the receive thread for
        # as long. While the mutex is busy, wait for it without the GIL, then try again with it.
        while pthread_mutex_trylock(&self.mu) != 0:
            with nogil:
                pthread_mutex_lock(&self.mu)
                pthread_mutex_unlock(&self.mu)

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
        self.dmx_kinds[kind] += 1
        return 0

    cdef void _dmx_remove_call(self, int slot) noexcept nogil:
        cdef int i
        for i in range(self.dmx_cap):
            if self.dmx[i].used == 1 and self.dmx[i].call == slot:
                self.dmx[i].used = 2
                self.dmx_used -= 1
                self.dmx_tomb += 1
                self.dmx_kinds[self.dmx[i].kind] -= 1

    cdef inline int _dmx_lookup(self, uint32_t ip, uint16_t port, uint32_t ssrc) noexcept nogil:
        # most specific first; a kind nobody registered costs nothing (a miss would probe a run)
        cdef int i = -1
        if self.dmx_kinds[3]:
            i = self._dmx_find(3, ip, port, ssrc)
        if i < 0 and self.dmx_kinds[1]:
            i = self._dmx_find(1, ip, port, 0)
        if i < 0 and self.dmx_kinds[2]:
            i = self._dmx_find(2, 0, 0, ssrc)
        return i

    # --- timeline helpers -------------------------------------------------------------------

    cdef inline int64_t _wall(self, Call *c, int64_t now) noexcept nogil:
        if c.h.origin < 0:
            return 0
        return (now - c.h.origin) // NS_PER_SAMPLE

    cdef inline uint8_t *_chan(self, Call *c, int ch) noexcept nogil:
        return c.ring + <size_t>ch * <size_t>(c.ring_frames * c.bps)

    cdef void _fill_silence(self, Call *c, int64_t start, int64_t n) noexcept nogil:
        # every channel of positions [start, start + n) back to silence. A span longer than
        # the ring covers every slot once: clamp it, or the wrapped memset below would run
        # past the end of the channel (and, for the last channel, of the ring's allocation)
        cdef int64_t a = start & (c.ring_frames - 1), k
        cdef int ch
        cdef uint8_t *base
        if n <= 0:
            return
        if n > c.ring_frames:
            n = c.ring_frames
        k = c.ring_frames - a
        if k > n:
            k = n
        for ch in range(c.nlegs):
            base = self._chan(c, ch)
            memset(base + a * c.bps, c.silence, k * c.bps)
            if k < n:
                memset(base, c.silence, (n - k) * c.bps)

    cdef void _hand_off(self, Call *c, int slot, int64_t start, int64_t n) noexcept nogil:
        """Queue positions [start, start + n) for the writer (interleaved, as the file holds
        them) and give the ring space back. Never blocks on the disk: over the backlog budget
        the span becomes a silence job, so the file keeps its timeline.

        n may exceed the ring: _room forces the commit to `end - ring_frames` when a packet
        lands more than a ring ahead of `written` (media resuming after a gap of ~1.8 s or more
        on both legs, during which the commit waited a delay behind the last audio; a leg
        running ahead of the wall clock). Everything placed lies in [start, start + ring_frames)
        (the _room invariant), so the ring is read once and the frames beyond it are silence.
        (Reading it round again repeated audio, and resetting the whole span with the wrapped
        memset of _fill_silence overran the ring's allocation: the receive thread's SIGSEGV.)"""
        cdef size_t fb = <size_t>(c.bps * c.nlegs)
        cdef size_t nbytes = <size_t>n * fb
        cdef int64_t nd = n if n < c.ring_frames else c.ring_frames   # frames the ring holds
        cdef int64_t a = start & (c.ring_frames - 1), k, done
        cdef uint8_t *buf = NULL
        cdef uint8_t *l0
        cdef uint8_t *l1
        cdef WJob j
        cdef Writer *w = &self.wr
        cdef bint fits
        cdef int pk = _pool_class(nbytes)
        if n <= 0:
            return
        pthread_mutex_lock(&w.mu)
        fits = w.queued + nbytes <= w.budget and w.count + 2 <= w.cap
        if fits and pk >= 0:
            buf = _pool_take(w, pk)
        pthread_mutex_unlock(&w.mu)
        if fits and buf == NULL:
            buf = <uint8_t *>malloc(<size_t>4096 << pk if pk >= 0 else nbytes)
        if buf != NULL:
            l0 = self._chan(c, 0)
            l1 = self._chan(c, 1) if c.nlegs == 2 else NULL
            done = 0
            while done < nd:
                k = c.ring_frames - a
                if k > nd - done:
                    k = nd - done
                if l1 == NULL:
                    memcpy(buf + done * fb, l0 + a * c.bps, <size_t>(k * c.bps))
                elif c.bps == 1:
                    rtp_interleave8(buf + done * fb, l0 + a, l1 + a, <size_t>k)
                else:
                    rtp_interleave16(buf + done * fb, l0 + 2 * a, l1 + 2 * a, <size_t>k)
                done += k
                a = 0
            if nd < n:
                memset(buf + <size_t>nd * fb, c.silence, <size_t>(n - nd) * fb)
        self._fill_silence(c, start, nd)
        c.queued_bytes += nbytes
        j.c = c
        j.slot = slot
        j.gen = c.gen
        j.pool_class = pk
        pthread_mutex_lock(&w.mu)
        if c.owed_silence > 0 and w.count < w.cap:
            # frames an earlier overflow could not even queue: they come first
            j.data = NULL
            j.nbytes = 0
            j.frames = c.owed_silence
            j.end_pos = start
            _wq_push(w, &j)
            c.owed_silence = 0
        j.frames = n
        j.end_pos = start + n
        j.data = buf
        j.nbytes = nbytes if buf != NULL else 0
        if c.owed_silence == 0 and _wq_push(w, &j):
            if buf == NULL:
                w.overflow_jobs += 1
                w.overflow_frames += <uint64_t>n
                c.backlog_frames += <uint64_t>n
        else:
            if buf != NULL:
                _pool_give(w, buf, pk)
            c.owed_silence += n
            w.overflow_jobs += 1
            w.overflow_frames += <uint64_t>n
            c.backlog_frames += <uint64_t>n
        pthread_cond_signal(&w.cv_work)
        pthread_mutex_unlock(&w.mu)

    cdef void _flush(self, Call *c, int slot, int64_t now) noexcept nogil:
        c.h.last_flush = now
        if c.h.commit <= c.h.written:
            return
        if c.file_start == NO_POS:
            # the file starts at the earliest sample received, not at the first arrival:
            # until final data reaches it, what lies behind commit is silence to skip
            if c.min_pos == INT64_MAX or c.h.commit <= c.min_pos:
                c.h.written = c.h.commit
                return
            c.h.written = c.min_pos
            c.file_start = c.min_pos
        self._hand_off(c, slot, c.h.written, c.h.commit - c.h.written)
        c.h.written = c.h.commit
        c.flushes += 1
        if c.h.tap != NULL and c.h.tap.head < c.h.written:
            c.h.tap.head = c.h.written

    cdef void _room(self, Call *c, int slot, int64_t end, int64_t now) noexcept nogil:
        # keep [written, end) inside the ring: write what is final, then force if still short
        if end - c.h.written <= c.ring_frames:
            return
        self._flush(c, slot, now)
        if end - c.h.written > c.ring_frames:
            c.h.commit = end - c.ring_frames
            self._flush(c, slot, now)

    cdef void _copy_run(self, Call *c, uint8_t *dst, const uint8_t *src, int64_t n, uint8_t pt) noexcept nogil:
        cdef int64_t k
        cdef const int16_t *lin
        cdef const uint8_t *tab
        if c.fmt == FMT_PCM16:
            lin = &ULAW2LIN[0] if pt == 0 else &ALAW2LIN[0]
            for k in range(n):
                wr_le16(dst + 2 * k, <uint16_t>lin[src[k]])
        elif (c.fmt == FMT_ULAW) == (pt == 0):
            memcpy(dst, src, <size_t>n)         # stored as received: the common case
        else:
            tab = &ALAW2ULAW[0] if c.fmt == FMT_ULAW else &ULAW2ALAW[0]
            for k in range(n):
                dst[k] = tab[src[k]]

    cdef void _copy(self, Call *c, Leg *L, int64_t pos, const uint8_t *src, int64_t n, uint8_t pt) noexcept nogil:
        cdef int64_t a = pos & (c.ring_frames - 1)
        cdef int64_t k = c.ring_frames - a
        cdef uint8_t *base = self._chan(c, L.channel)
        if k > n:
            k = n
        self._copy_run(c, base + a * c.bps, src, k, pt)
        if k < n:
            self._copy_run(c, base, src + k, n - k, pt)

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
            c.h.written = pos - self.delay
            c.h.commit = c.h.written
        if pos < c.h.commit:
            L.late += 1
            return
        self._room(c, slot, end, now)
        if pos < c.h.commit:          # forced commit overtook us (only after absurd input)
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
        if end > c.h.max_end:
            c.h.max_end = end
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
        L.seen[0] = 0
        L.seen[1] = 0
        if c.h.origin < 0:
            c.h.origin = now
        wall = self._wall(c, now)
        if wall < c.h.commit:
            wall = c.h.commit
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
        cdef uint64_t bit
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
            max_ext = <int64_t>L.cycles + L.max_seq
            if h.seq < L.max_seq:
                L.cycles += 65536
            L.max_seq = h.seq
            ext = <int64_t>L.cycles + h.seq
            if ext > max_ext:
                _seen_advance(L, max_ext, ext)
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
                L.seen[0] = 0
                L.seen[1] = 0
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
            bit = (<uint64_t>1) << (slot_i & 63)
            if L.seen[slot_i >> 6] & bit:
                L.duplicates += 1
                return
            L.seen[slot_i >> 6] |= bit
            L.received += 1
        L.packets += 1
        L.payload_bytes += h.payload_len
        L.last_arrival = now
        c.h.last_arrival = now

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
                newpos = L.max_end if L.max_end > c.h.commit else c.h.commit
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
            if c.h.state == CALL_OPEN or c.h.state == CALL_TIMED_OUT:
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

    cdef inline void _dmx_prefetch(self, uint32_t ip, uint16_t port, uint32_t ssrc) noexcept nogil:
        cdef uint32_t mask = self.dmx_cap - 1
        if self.dmx_kinds[3]:
            rtp_prefetch(&self.dmx[_dmx_hash(3, ip, port, ssrc) & mask])
        elif self.dmx_kinds[1]:
            rtp_prefetch(&self.dmx[_dmx_hash(1, ip, port, 0) & mask])
        else:
            rtp_prefetch(&self.dmx[_dmx_hash(2, 0, 0, ssrc) & mask])

    cdef void _batch(self, int si, Pkt *p, int n) noexcept nogil:
        """Process datagrams that arrived together, in order. Everything that only reads
        (parsing, demux: the table cannot change while we hold the lock) runs first over the
        whole group and starts the cache misses of all of them at once - demux buckets, then
        call and leg state, then the ring where each packet will land - so the in-order pass
        that changes state finds its lines loaded instead of waiting for each in turn."""
        cdef Sock *s = &self.socks[si]
        cdef bint shared = s.kind == SK_SHARED
        cdef int i, di, k
        cdef Pkt *q
        cdef Call *c
        cdef Leg *L
        cdef const uint8_t *dst
        cdef int64_t now
        for i in range(n):
            q = &p[i]
            if q.what == PK_TRUNC:
                continue
            if not shared and (s.call < 0 or self.calls[s.call] == NULL):
                q.what = PK_UNMATCHED
            elif s.kind == SK_LEG_RTCP or is_rtcp_mux(q.buf, q.n):
                q.what = PK_RTCP
                q.h.ssrc = be32(q.buf + 4) if q.n >= 8 else 0
            else:
                q.code = rtp_parse(q.buf, q.n, &q.h)
                q.what = PK_RTP if q.code == PE_OK else PK_BAD
            if shared and q.what != PK_BAD:
                self._dmx_prefetch(q.ip, q.port, q.h.ssrc)
        for i in range(n):
            q = &p[i]
            q.slot = -1
            if q.what != PK_RTP and q.what != PK_RTCP:
                continue
            if shared:
                di = self._dmx_lookup(q.ip, q.port, q.h.ssrc)
                if di >= 0:
                    q.slot = self.dmx[di].call
                    q.leg = self.dmx[di].leg
            else:
                q.slot = s.call
                q.leg = s.leg
            if q.slot >= 0 and self.calls[q.slot] != NULL:
                c = self.calls[q.slot]
                L = &c.legs[q.leg]
                rtp_prefetch(c)
                rtp_prefetch(<char *>L)
                rtp_prefetch(<char *>L + 64)
                rtp_prefetch_w(<char *>L + 128)
        for i in range(n):
            q = &p[i]
            if q.what == PK_RTP and q.slot >= 0 and self.calls[q.slot] != NULL:
                c = self.calls[q.slot]
                L = &c.legs[q.leg]
                rtp_prefetch(c.h)
                if L.state == LEG_LOCKED and L.max_end >= 0:
                    # in order, a packet lands where the leg's previous one ended
                    dst = self._chan(c, L.channel) + (L.max_end & (c.ring_frames - 1)) * c.bps
                    k = 0
                    while k < q.h.payload_len * c.bps and k < 512:
                        rtp_prefetch_w(dst + k)
                        k += 64
        for i in range(n):
            q = &p[i]
            self.st[ST_DATAGRAMS] += 1
            if q.what == PK_TRUNC:
                self.st[ST_TRUNCATED] += 1
                continue
            now = q.now
            if now < self.last_now:
                now = self.last_now      # the timeline never runs backwards
            self.last_now = now
            self.st[ST_BYTES] += q.n
            if q.what == PK_BAD:
                self.malformed[q.code] += 1
                self.st[ST_MALFORMED] += 1
                continue
            if q.slot < 0 or self.calls[q.slot] == NULL:
                self.st[ST_UNMATCHED] += 1
                continue
            c = self.calls[q.slot]
            if q.what == PK_RTCP:
                self._rtcp(c, &c.legs[q.leg], q.buf, q.n, q.ip, now)
            else:
                self._rtp(c, q.slot, q.leg, &q.h, q.buf, q.ip, q.port, now)

    cdef void _datagram(self, int si, const char *buf, Py_ssize_t n, uint32_t ip, uint16_t port,
                        int64_t now) noexcept nogil:
        cdef Pkt p
        p.buf = buf
        p.n = n
        p.ip = ip
        p.port = port
        p.now = now
        p.what = PK_NEW
        self._batch(si, &p, 1)

    cdef void _monitor(self, Call *c, int64_t now) noexcept nogil:
        cdef MonitorTap *t = c.h.tap
        cdef int64_t target = c.h.max_end, floor, k, mask = c.ring_frames - 1
        cdef int i, ch, fi, nl = c.nlegs
        cdef Leg *L
        cdef int16_t *out
        cdef const uint8_t *src
        cdef const int16_t *lin
        for i in range(nl):
            L = &c.legs[i]
            if L.state == LEG_LOCKED and now - L.last_arrival < LEG_ACTIVE_NS and L.max_end < target:
                target = L.max_end
        # wait at most 40 ms for the slower leg, measured from the wall clock: a leg that bursts
        # ahead of real time (ffmpeg -re) must not push the other leg's audio out of the monitor
        floor = (now - c.h.origin) // NS_PER_SAMPLE if c.h.origin >= 0 else 0
        if floor > c.h.max_end:
            floor = c.h.max_end
        floor -= 2 * MON_FRAME
        if target < floor:
            target = floor
        if t.head < c.h.written:
            t.head = c.h.written
        lin = &ULAW2LIN[0] if c.fmt == FMT_ULAW else &ALAW2LIN[0]
        while t.head + MON_FRAME <= target:
            fi = <int>(t.seq % MON_FRAMES)
            out = t.pcm + fi * MON_FRAME * nl
            for ch in range(nl):
                src = self._chan(c, ch)
                for k in range(MON_FRAME):
                    if c.fmt == FMT_PCM16:
                        out[k * nl + ch] = <int16_t>(<uint16_t>src[2 * ((t.head + k) & mask)]
                                                     | (<uint16_t>src[2 * ((t.head + k) & mask) + 1] << 8))
                    else:
                        out[k * nl + ch] = lin[src[(t.head + k) & mask]]
            t.pos[fi] = t.head
            t.t_ns[fi] = now
            t.seq += 1
            t.head += MON_FRAME
            self.st[ST_MONITOR_FRAMES] += 1
            self.signal = 1

    cdef void _tick_call(self, CallHot *h, int slot, int64_t now) noexcept nogil:
        # final = a reorder delay behind both the newest data and the wall clock, so a sender
        # that bursts ahead of real time (ffmpeg -re sends 128 ms at once) still gets its
        # reordered packets placed
        cdef int64_t wall = (now - h.origin) // NS_PER_SAMPLE if h.origin >= 0 else 0
        cdef int64_t target = (h.max_end if h.max_end < wall else wall) - self.delay
        if target > h.commit:
            h.commit = target
        if h.commit > h.written and (now - h.last_flush >= self.flush_ns
                                     or h.commit - h.written >= self.ring_frames // 2):
            self._flush(self.calls[slot], slot, now)
        if h.tap != NULL:
            self._monitor(self.calls[slot], now)
        if h.state == CALL_OPEN and now - h.last_arrival > self.timeout_ns:
            h.state = CALL_TIMED_OUT
            self._event(EV_TIMEOUT, slot, -1, h.max_end, 0, 0)

    cdef void _tick_all(self, int64_t now) noexcept nogil:
        # runs every tick over every call: it reads only the dense CallHot array (64 bytes a
        # call, streamed in order) and touches a Call itself only to flush or monitor it
        cdef int i, n = self.ncalls
        cdef CallHot *h
        if now < self.last_now:
            now = self.last_now
        self.last_now = now
        for i in range(n):
            h = &self.hot[i // HOT_CHUNK][i % HOT_CHUNK]
            if h.state != CALL_FREE:
                self._tick_call(h, i, now)

    cdef void _drain(self, int si) noexcept nogil:
        cdef int r, i, k, m, rounds = 0
        cdef int fd = self.socks[si].fd
        cdef mmsghdr *mh
        cdef Pkt pk[PIPE]
        cdef Pkt *q
        cdef int64_t now
        while rounds < 64:
            rounds += 1
            r = recvmmsg(fd, self.msgs, self.batch, MSG_DONTWAIT, NULL)
            if r <= 0:
                return
            self.st[ST_RECV_CALLS] += 1
            if <uint64_t>r > self.st[ST_MAX_BATCH]:
                self.st[ST_MAX_BATCH] = r
            now = mono_ns()
            i = 0
            while i < r:
                m = r - i if r - i < PIPE else PIPE
                for k in range(m):
                    mh = &self.msgs[i + k]
                    q = &pk[k]
                    q.buf = self.bufs + (i + k) * SLOT
                    q.n = mh.msg_len
                    q.ip = self.addrs[i + k].sin_addr.s_addr
                    q.port = ntohs(self.addrs[i + k].sin_port)
                    q.now = now
                    q.what = PK_TRUNC if mh.msg_hdr.msg_flags & MSG_TRUNC else PK_NEW
                    mh.msg_hdr.msg_namelen = sizeof(sockaddr_in)   # the kernel wrote the real length
                self._batch(si, pk, m)
                i += m
            if r < self.batch:
                return

    cdef void _loop(self) noexcept nogil:
        # One wake-up per tick, on an absolute deadline: sleep, then poll every ready socket
        # without blocking, drain each with recvmmsg, tick every call. Sleeping to the tick
        # (rather than waking per datagram) is what fills the batches; polling with timeout 0
        # and one absolute sleep arms one timer per tick instead of the two that epoll_wait
        # with a timeout plus a sleep for the rest of the tick would (under a hypervisor each
        # timer reprogramming is an exit).
        cdef epoll_event evs[EPOLL_EVENTS]
        cdef int n, i, sig
        cdef int64_t next_t = mono_ns(), now
        cdef uint64_t one = 1
        cdef timespec ts
        while self.alive:
            next_t += self.tick_ns
            now = mono_ns()
            if next_t < now - self.tick_ns:
                next_t = now            # far behind (a stall): start a fresh schedule
            if next_t > now:
                ts.tv_sec = next_t // 1000000000
                ts.tv_nsec = next_t % 1000000000
                clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL)
            now = mono_ns()
            if now - next_t > <int64_t>self.st[ST_WAKE_LATE_MAX]:
                self.st[ST_WAKE_LATE_MAX] = now - next_t      # scheduler delay (diagnostics)
            pthread_mutex_lock(&self.mu)
            self.st[ST_LOOPS] += 1
            while True:
                n = epoll_wait(self.epfd, evs, EPOLL_EVENTS, 0)
                for i in range(n):
                    if evs[i].data.u32 < <uint32_t>self.nsocks and self.socks[evs[i].data.u32].fd >= 0:
                        self._drain(evs[i].data.u32)
                if n < EPOLL_EVENTS:
                    break
            self._tick_all(mono_ns())
            sig = self.signal
            self.signal = 0
            if mono_ns() - now > <int64_t>self.st[ST_LOOP_MAX]:
                self.st[ST_LOOP_MAX] = mono_ns() - now        # longest pass holding the lock
            pthread_mutex_unlock(&self.mu)
            if sig:
                write(self.evfd, &one, 8)

    # --- call lifecycle ---------------------------------------------------------------------

    cdef void _free_call(self, Call *c, bint do_fsync) noexcept nogil:
        if c.wav.fd >= 0:
            wav_close(&c.wav, do_fsync)
        if c.h.tap != NULL:
            free(c.h.tap.pcm)
            free(c.h.tap)
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
        cdef int i, si = -1
        cdef epoll_event ev
        cdef Sock *ns
        if kind not in (SK_SHARED, SK_LEG_RTP, SK_LEG_RTCP):
            raise ValueError(f"unknown socket kind {kind}")
        if fd < 0:
            raise ValueError("fd must be a valid descriptor")
        if rcvbuf > 0:
            if setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(int)) != 0:
                setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(int))
        # kernel drops are read with SO_MEMINFO when asked for (stats), not with a
        # SO_RXQ_OVFL control message on every datagram
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

    cdef void _read_drops(self, int si) noexcept nogil:
        cdef uint32_t mi[SK_MEMINFO_VARS]
        cdef socklen_t ln = sizeof(mi)
        if getsockopt(self.socks[si].fd, SOL_SOCKET, SO_MEMINFO, mi, &ln) == 0 \
                and ln >= (SK_MEMINFO_DROPS + 1) * sizeof(uint32_t):
            self.socks[si].drops = mi[SK_MEMINFO_DROPS]

    cdef void _close_sock(self, int si) noexcept nogil:
        if si < 0 or si >= self.nsocks or self.socks[si].fd < 0:
            return
        self._read_drops(si)        # keep its final count in the totals
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

    cdef int _grow_hot(self) except -1:
        cdef CallHot **nh = <CallHot **>realloc(self.hot, (self.hot_chunks + 1) * sizeof(CallHot *))
        cdef void *mem = NULL
        if nh == NULL:
            raise MemoryError()
        self.hot = nh
        if posix_memalign(&mem, 64, HOT_CHUNK * sizeof(CallHot)) != 0:
            raise MemoryError()
        memset(mem, 0, HOT_CHUNK * sizeof(CallHot))      # CALL_FREE
        self.hot[self.hot_chunks] = <CallHot *>mem
        self.hot_chunks += 1
        return 0

    cdef list _check_legs(self, list specs):
        # caller holds the lock; returns the demux kind of every leg on the shared ports
        cdef int i, si
        kinds = []
        for i in range(len(specs)):
            for key in ("sock_rtp", "sock_rtcp"):
                si = specs[i].get(key, -1)
                if si >= 0 and (si >= self.nsocks or self.socks[si].fd < 0
                                or self.socks[si].call >= 0
                                or self.socks[si].kind == SK_SHARED):
                    raise ValueError(f"leg {i}: {key}={si} is not a free leg socket")
            kind = 0
            if specs[i].get("sock_rtp", -1) < 0:
                kind = 3 if (specs[i]["ip"] and specs[i].get("want_ssrc") is not None) else (
                    1 if specs[i]["ip"] else 2)
                if self._dmx_find(kind, specs[i]["ip"] if kind != 2 else 0,
                                  (specs[i].get("want_port") or 0) if kind != 2 else 0,
                                  (specs[i].get("want_ssrc") or 0) if kind != 1 else 0) >= 0:
                    raise ValueError(f"leg {i}: that source is already bound to another recording")
            kinds.append(kind)
        return kinds

    def open_call(self, path, int fmt, list legs) -> int:
        """Start a recording. `legs` (1 or 2, channel = index) are dicts with keys
        sock_rtp, sock_rtcp (ids or -1 for the shared ports), want_ip (str|None),
        want_port (int), want_ssrc (int|None), codec_pt (0|8), dtmf_pt (int, -1 none)."""
        cdef int nl = len(legs), i, slot = -1, si
        cdef Call *c = NULL
        cdef Leg *L
        cdef bytes bpath = os.fsencode(path)
        cdef const char *cpath
        cdef Call **nc
        cdef uint32_t *ng
        cdef int err
        cdef void *mem = NULL
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
            self._check_legs(specs)     # fail before creating a file
        finally:
            self._unlock()
        # the file is created without the lock: a slow disk must not hold up reception.
        # Calls are cache-line aligned so the hot fields of the tick scan share one line.
        if posix_memalign(&mem, 64, sizeof(Call)) != 0:
            raise MemoryError()
        c = <Call *>mem
        memset(c, 0, sizeof(Call))
        c.h = &c.own
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
        self._lock()
        try:
            kinds = self._check_legs(specs)     # again: the table may have changed meanwhile
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
                if self.ncalls >= self.hot_chunks * HOT_CHUNK:
                    self._grow_hot()
                slot = self.ncalls
                self.calls[slot] = NULL
                self.gens[slot] = 0
                self.ncalls += 1
            c.h = &self.hot[slot // HOT_CHUNK][slot % HOT_CHUNK]
            memset(c.h, 0, sizeof(CallHot))
            c.h.origin = -1
            c.min_pos = INT64_MAX
            c.file_start = NO_POS
            c.opened = now
            c.h.last_arrival = now
            c.h.last_flush = now
            c.pause_start = -1
            c.pause_end = INT64_MAX
            c.h.state = CALL_OPEN
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
                    k = kinds[i]
                    self._dmx_insert(k, L.want_ip if k != 2 else 0, L.want_port if k != 2 else 0,
                                     L.want_ssrc if k != 1 else 0, slot, i)
            self.calls[slot] = c
            c = NULL
            return <int>((self.calls[slot].gen << 20) | slot)
        finally:
            if c != NULL and c.h != &c.own:     # failed after taking the slot: give it back
                self._dmx_remove_call(slot)
                c.h.state = CALL_FREE
                c.h = &c.own
            self._unlock()
            if c != NULL:           # lost a race for the source (or memory): undo the file
                close(c.wav.fd)
                os.unlink(bpath)
                free(c.ring)
                free(c)

    def close_call(self, int handle) -> dict:
        """Stop a recording: detach it from the receive path, write everything received,
        finalize the header and fsync. Returns the final statistics."""
        cdef int slot, i, err
        cdef Call *c
        self._lock()
        try:
            c = self._get(handle, &slot)
            self._dmx_remove_call(slot)
            for i in range(c.nlegs):
                self._close_sock(c.legs[i].sock_rtp)
                self._close_sock(c.legs[i].sock_rtcp)
            self.calls[slot] = NULL
            # the slot's hot entry goes back to the tick scan's free list; the call keeps
            # its own copy while it is finished off without the lock
            c.own = c.h[0]
            c.h.state = CALL_FREE
            c.h.tap = NULL
            c.h = &c.own
            c.h.state = CALL_DETACHED
        finally:
            self._unlock()
        # the call is ours alone now: the slow part (write, fsync) runs without the lock
        with nogil:
            c.h.commit = c.h.max_end if c.h.max_end > c.h.commit else c.h.commit
            self._flush(c, -1, mono_ns())
            writer_wait_call(&self.wr, c)
            if c.owed_silence > 0:
                # the queue was full until now: what the writer still owes, in order
                _write_silence(&c.wav, c.silence, <uint64_t>c.owed_silence * c.bps * c.nlegs)
                c.owed_silence = 0
        stats = self._call_stats(c)
        stats["data_bytes"] = c.wav.data_bytes
        with nogil:
            err = wav_close(&c.wav, True)
        stats["write_error"] = err
        with nogil:
            self._free_call(c, False)
        return stats

    cdef inline int64_t _base(self, Call *c, int64_t fallback) noexcept nogil:
        # timeline position of the file's first frame (positions reported are relative to it)
        if c.file_start != NO_POS:
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
            "state": c.h.state,
            "channels": c.nlegs,
            "format": c.fmt,
            "frames": (c.h.written - c.file_start) if c.file_start != NO_POS else 0,
            "data_bytes": c.queued_bytes,
            "max_end": c.h.max_end,
            "commit": c.h.commit,
            "flushes": c.flushes,
            "paused": bool(c.paused),
            "origin_ns": c.h.origin if c.h.origin >= 0 else None,
            "backlog_frames": c.backlog_frames,
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
            if p < c.h.commit:
                p = c.h.commit
            # audio already placed beyond the pause point goes back to silence
            self._fill_silence(c, p, c.h.max_end - p)
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
            if on and c.h.tap == NULL:
                t = <MonitorTap *>calloc(1, sizeof(MonitorTap))
                if t == NULL:
                    raise MemoryError()
                t.pcm = <int16_t *>calloc(MON_FRAMES * MON_FRAME * c.nlegs, sizeof(int16_t))
                if t.pcm == NULL:
                    free(t)
                    raise MemoryError()
                t.head = c.h.max_end - MON_FRAME
                if t.head < c.h.written:
                    t.head = c.h.written
                c.h.tap = t
            elif not on and c.h.tap != NULL:
                free(c.h.tap.pcm)
                free(c.h.tap)
                c.h.tap = NULL
        finally:
            self._unlock()

    def read_monitor(self, int handle, long long after) -> list:
        """Frames newer than sequence number `after` still in the tap ring, oldest first:
        (seq, position, emitted_ns, interleaved little-endian PCM16 bytes)."""
        cdef int slot, fi, n = 0, k, nl = 0
        cdef Call *c
        cdef uint64_t s, first
        # copied out under the mutex, turned into Python objects after it: allocating can run a
        # garbage collection, and the receive thread must not wait for that (nor for this thread
        # being preempted in the middle of it)
        cdef int16_t pcm[MON_FRAMES * MON_FRAME * 2]
        cdef uint64_t seqs[MON_FRAMES]
        cdef int64_t pos[MON_FRAMES]
        cdef int64_t t_ns[MON_FRAMES]
        out = []
        self._lock()
        try:
            c = self._get(handle, &slot)
            if c.h.tap == NULL:
                return out
            nl = c.nlegs
            first = c.h.tap.seq - MON_FRAMES if c.h.tap.seq > MON_FRAMES else 0
            if after + 1 > <long long>first:
                first = after + 1
            s = first
            while s < c.h.tap.seq:
                fi = <int>(s % MON_FRAMES)
                seqs[n] = s
                pos[n] = c.h.tap.pos[fi]
                t_ns[n] = c.h.tap.t_ns[fi]
                memcpy(&pcm[n * MON_FRAME * nl], c.h.tap.pcm + fi * MON_FRAME * nl, MON_FRAME * nl * 2)
                n += 1
                s += 1
        finally:
            self._unlock()
        for k in range(n):
            out.append((seqs[k], pos[k], t_ns[k], PyBytes_FromStringAndSize(
                <const char *>&pcm[k * MON_FRAME * nl], MON_FRAME * nl * 2)))
        return out

    def poll_events(self) -> list:
        """(kind, handle, leg, position, a, b) tuples queued by the receive path."""
        cdef Event *e
        cdef int i, nerr
        cdef WErr *we
        cdef WErr errs[WERR_MAX]
        out = []
        self._lock()
        try:
            # write errors the writer thread noted, as events of their recordings (copied out
            # under the writer's mutex, which is never held while waiting for the GIL)
            pthread_mutex_lock(&self.wr.mu)
            nerr = self.wr.nerr
            memcpy(errs, self.wr.errs, nerr * sizeof(WErr))
            self.wr.nerr = 0
            pthread_mutex_unlock(&self.wr.mu)
            for i in range(nerr):
                we = &errs[i]
                out.append((EV_WRITE_ERROR, <int>((we.gen << 20) | we.slot), -1, we.pos, we.err, 0))
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
                if self.calls[i] != NULL and self.calls[i].h.state == CALL_TIMED_OUT:
                    out.append(<int>((self.calls[i].gen << 20) | i))
            return out
        finally:
            self._unlock()

    def stats(self) -> dict:
        cdef int i
        cdef uint64_t drops = 0
        cdef uint64_t wc[8]
        self._lock()
        try:
            d = {STAT_NAMES[i]: self.st[i] for i in range(ST__COUNT)}
            d["malformed_by_code"] = {i: self.malformed[i] for i in range(1, PE__COUNT) if self.malformed[i]}
            for i in range(self.nsocks):
                if self.socks[i].fd >= 0:
                    self._read_drops(i)
                drops += self.socks[i].drops
            d["socket_drops"] = drops
            d["calls"] = sum(1 for i in range(self.ncalls) if self.calls[i] != NULL)
            d["sockets"] = sum(1 for i in range(self.nsocks) if self.socks[i].fd >= 0)
            d["call_memory"] = sizeof(Call) + self.ring_frames * 2
        finally:
            self._unlock()
        # the writer's counters, copied under its mutex with the GIL held (its holders never
        # wait for the GIL, and nothing here can give the GIL away while holding it)
        pthread_mutex_lock(&self.wr.mu)
        wc[0] = self.wr.jobs
        wc[1] = self.wr.bytes
        wc[2] = <uint64_t>(self.wr.count + self.wr.busy)
        wc[3] = self.wr.queued
        wc[4] = self.wr.max_queued
        wc[5] = self.wr.overflow_jobs
        wc[6] = self.wr.overflow_frames
        wc[7] = self.wr.errors
        pthread_mutex_unlock(&self.wr.mu)
        for i, name in enumerate(("write_jobs", "write_bytes", "write_queue", "write_backlog_bytes",
                                  "write_backlog_max_bytes", "write_overflow_jobs",
                                  "write_overflow_frames", "write_errors")):
            d[name] = wc[i]
        return d

    def sync_writes(self) -> None:
        """Wait until the writer thread has written everything queued (benchmarks, tests)."""
        with nogil:
            writer_wait_idle(&self.wr)

    def hold_writer(self, bint on) -> None:
        """Tests: stop (True) or release (False) the writer thread, as a stalled disk would.
        Reception goes on; past the backlog budget, flushes become counted silence."""
        with nogil:
            writer_hold(&self.wr, on)

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
        cdef Pkt pk[PIPE]
        cdef int m = 0
        if sock < 0 or sock >= self.nsocks or self.socks[sock].fd < 0:
            raise KeyError(f"no socket {sock}")
        PyObject_GetBuffer(data, &view, PyBUF_SIMPLE)
        try:
            rd_init(&r, <const char *>view.buf, view.len)
            with nogil:
                pthread_mutex_lock(&self.mu)
                while rd_has(&r, 16):
                    p = <const uint8_t *>(r.buf + r.pos)
                    # a batch of records streams in from memory (recvmmsg's datagrams are still
                    # in cache); the hardware prefetcher left the first line of every record a
                    # miss (13% of the injecting thread's time at 2,000 streams): start the
                    # lines ~6 records ahead. A prefetch never faults, even past the end.
                    rtp_prefetch(p + 1024)
                    rtp_prefetch(p + 1088)
                    rtp_prefetch(p + 1152)
                    rtp_prefetch(p + 1216)
                    ln = p[0] | (<uint16_t>p[1] << 8)
                    port = p[2] | (<uint16_t>p[3] << 8)
                    memcpy(&ip, p + 4, 4)
                    memcpy(&now, p + 8, 8)
                    r.pos += 16
                    if not rd_has(&r, ln):
                        break
                    if last >= 0 and now != last:
                        # a group ends where the clock moves on, like one recvmmsg batch
                        self._batch(sock, pk, m)
                        m = 0
                        if tick:
                            self._tick_all(last)
                    last = now
                    pk[m].buf = r.buf + r.pos
                    pk[m].n = ln
                    pk[m].ip = ip
                    pk[m].port = port
                    pk[m].now = now
                    pk[m].what = PK_TRUNC if ln > SLOT else PK_NEW
                    m += 1
                    if m == PIPE:
                        self._batch(sock, pk, m)
                        m = 0
                    r.pos += ln
                    count += 1
                self._batch(sock, pk, m)
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


def _layout() -> dict:
    """Sizes and offsets of the per-call structs (tests check the cache-line layout)."""
    cdef Call c
    cdef char *base = <char *>&c
    return {"Call": sizeof(Call), "Leg": sizeof(Leg), "CallHot": sizeof(CallHot),
            "Call.own": <char *>&c.own - base, "Call.legs": <char *>&c.legs[0] - base,
            "Call.gen": <char *>&c.gen - base, "Leg.ts_ext_last": <char *>&c.legs[0].ts_ext_last - <char *>&c.legs[0],
            "Leg.packets": <char *>&c.legs[0].packets - <char *>&c.legs[0]}


# the per-packet path counts on this layout (see _rtp.pxd): a change that breaks it is a bug
_lay = _layout()
if (_lay["Leg"] % 64 or _lay["Call.legs"] % 64 or _lay["Call.own"] % 64 or _lay["Call.gen"] != 64
        or _lay["Leg.ts_ext_last"] != 64 or _lay["Leg.packets"] != 128 or _lay["CallHot"] != 64):
    raise ImportError(f"rtp._rtp: unexpected struct layout {_lay}")
del _lay
