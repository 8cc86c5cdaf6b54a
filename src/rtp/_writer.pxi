# The writer thread: the receive path never touches the disk. A flush copies the final part
# of a call's ring (interleaving the planar channels) into a buffer and queues it; one plain
# pthread (no GIL, no Python objects) appends the buffers to the files and rewrites each
# file's header after its data, so a kill -9 still leaves a valid WAV holding everything up
# to the last flush.
#
# Backpressure never reaches the receive thread: audio in flight is capped at `budget` bytes.
# Over the cap a flush queues a silence job instead (a count, no buffer), so a stalled disk
# costs audio - counted per call and in the engine stats - but never the file's timeline,
# and never memory. If even the job queue is full, the call keeps the frames it owes as a
# number and queues them as silence later.

cdef extern from *:
    """
    #if defined(__SSE2__)
    #include <emmintrin.h>
    #endif
    /* planar channels -> interleaved frames (2 channels), 1 or 2 bytes per sample: the
       copy the flush makes anyway, done 16 bytes at a time */
    static inline void rtp_interleave8(uint8_t *out, const uint8_t *a, const uint8_t *b, size_t n) {
        size_t i = 0;
    #if defined(__SSE2__)
        for (; i + 16 <= n; i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(a + i));
            __m128i y = _mm_loadu_si128((const __m128i *)(b + i));
            _mm_storeu_si128((__m128i *)(out + 2 * i), _mm_unpacklo_epi8(x, y));
            _mm_storeu_si128((__m128i *)(out + 2 * i + 16), _mm_unpackhi_epi8(x, y));
        }
    #endif
        for (; i < n; i++) {
            out[2 * i] = a[i];
            out[2 * i + 1] = b[i];
        }
    }
    static inline void rtp_interleave16(uint8_t *out, const uint8_t *a, const uint8_t *b, size_t n) {
        size_t i = 0;
    #if defined(__SSE2__)
        for (; i + 8 <= n; i += 8) {
            __m128i x = _mm_loadu_si128((const __m128i *)(a + 2 * i));
            __m128i y = _mm_loadu_si128((const __m128i *)(b + 2 * i));
            _mm_storeu_si128((__m128i *)(out + 4 * i), _mm_unpacklo_epi16(x, y));
            _mm_storeu_si128((__m128i *)(out + 4 * i + 16), _mm_unpackhi_epi16(x, y));
        }
    #endif
        for (; i < n; i++) {
            out[4 * i] = a[2 * i];
            out[4 * i + 1] = a[2 * i + 1];
            out[4 * i + 2] = b[2 * i];
            out[4 * i + 3] = b[2 * i + 1];
        }
    }
    #define rtp_prefetch(p) __builtin_prefetch((const void *)(p))
    #define rtp_prefetch_w(p) __builtin_prefetch((const void *)(p), 1)
    #define RTP_NO_POS INT64_MIN
    """
    void rtp_interleave8(uint8_t *out, const uint8_t *a, const uint8_t *b, size_t n) noexcept nogil
    void rtp_interleave16(uint8_t *out, const uint8_t *a, const uint8_t *b, size_t n) noexcept nogil
    void rtp_prefetch(const void *p) noexcept nogil
    void rtp_prefetch_w(const void *p) noexcept nogil
    int64_t NO_POS "RTP_NO_POS"

cdef enum:
    WQ_CAP = 65536           # queued jobs (a job is ~50 bytes): >10 s of 2,500 calls' flushes
    WQ_TAKE = 256            # jobs the writer takes per lock
    SILENCE_CHUNK = 4096
    WERR_MAX = 64            # write errors kept for poll_events
    POOL_CLASSES = 6         # reusable buffers of 4 KB << k: a flush is 4-32 KB by default
    POOL_IDLE_MAX = 8 << 20  # idle pool bytes kept for reuse; beyond, buffers are freed


cdef struct WErr:
    int slot
    uint32_t gen
    int64_t pos
    int err


cdef struct WJob:
    Call *c
    uint8_t *data        # NULL: `frames` of silence (the backlog budget was exceeded)
    size_t nbytes
    int pool_class       # -1: plain malloc
    int64_t frames
    int64_t end_pos      # timeline position after this job (for the write-error event)
    int slot             # -1: no event (final flush of a closing call)
    uint32_t gen


cdef struct Writer:
    pthread_t th
    int started
    int running
    int stop
    int paused           # tests: hold the writer to simulate a stalled disk
    int evfd             # the engine's eventfd: write errors wake the asyncio loop
    pthread_mutex_t mu
    pthread_cond_t cv_work
    pthread_cond_t cv_done
    WJob *q
    int cap
    int head
    int count
    int busy             # jobs taken off the queue and not yet finished
    size_t budget        # bytes of audio allowed in flight
    size_t queued        # bytes of audio in flight
    size_t max_queued
    uint64_t jobs
    uint64_t bytes
    uint64_t overflow_jobs
    uint64_t overflow_frames
    uint64_t errors
    int nerr
    WErr errs[WERR_MAX]
    # Job buffers are recycled, not freed: freed to glibc from another thread they go back
    # to the OS and every flush would fault in fresh zeroed pages (that cost more than the
    # parsing). Free lists link through the first word of each idle buffer.
    void *pool[POOL_CLASSES]
    size_t pool_idle


cdef int writer_init(Writer *w, size_t budget) noexcept nogil:
    memset(w, 0, sizeof(Writer))
    w.budget = budget
    w.q = <WJob *>calloc(WQ_CAP, sizeof(WJob))
    if w.q == NULL:
        return -1
    w.cap = WQ_CAP
    pthread_mutex_init(&w.mu, NULL)
    pthread_cond_init(&w.cv_work, NULL)
    pthread_cond_init(&w.cv_done, NULL)
    return 0


cdef inline int _pool_class(size_t nbytes) noexcept nogil:
    cdef int k = 0
    while k < POOL_CLASSES and (<size_t>4096 << k) < nbytes:
        k += 1
    return k if k < POOL_CLASSES else -1


cdef inline uint8_t *_pool_take(Writer *w, int k) noexcept nogil:
    # caller holds w.mu; NULL: the class is empty (malloc one outside the lock)
    cdef void *b = w.pool[k]
    if b != NULL:
        w.pool[k] = (<void **>b)[0]
        w.pool_idle -= <size_t>4096 << k
    return <uint8_t *>b


cdef inline void _pool_give(Writer *w, uint8_t *b, int k) noexcept nogil:
    # caller holds w.mu
    if k < 0 or w.pool_idle + (<size_t>4096 << k) > POOL_IDLE_MAX:
        free(b)
        return
    (<void **>b)[0] = w.pool[k]
    w.pool[k] = b
    w.pool_idle += <size_t>4096 << k


cdef inline bint _wq_push(Writer *w, const WJob *j) noexcept nogil:
    # caller holds w.mu
    if w.count >= w.cap:
        return False
    w.q[(w.head + w.count) % w.cap] = j[0]
    w.count += 1
    j.c.inflight += 1
    w.queued += j.nbytes
    if w.queued > w.max_queued:
        w.max_queued = w.queued
    return True


cdef int _write_silence(Wav *wav, uint8_t silence, uint64_t nbytes) noexcept nogil:
    cdef uint8_t buf[SILENCE_CHUNK]
    cdef size_t k
    cdef int err = 0
    memset(buf, silence, SILENCE_CHUNK)
    while nbytes > 0 and not err:
        k = SILENCE_CHUNK if nbytes > SILENCE_CHUNK else <size_t>nbytes
        err = wav_write(wav, buf, k)
        nbytes -= k
    return err


cdef void *_writer_main(void *arg) noexcept nogil:
    cdef Writer *w = <Writer *>arg
    cdef WJob jobs[WQ_TAKE]
    cdef int n, i, err
    cdef WJob *j
    cdef Call *c
    cdef WErr *e
    cdef uint64_t one = 1
    cdef bint signal
    pthread_mutex_lock(&w.mu)
    while True:
        while (w.count == 0 or (w.paused and not w.stop)) and not w.stop:
            pthread_cond_wait(&w.cv_work, &w.mu)
        if w.count == 0:
            break                   # stopping, and everything queued is written
        n = w.count if w.count < WQ_TAKE else WQ_TAKE
        for i in range(n):
            jobs[i] = w.q[(w.head + i) % w.cap]
        w.head = (w.head + n) % w.cap
        w.count -= n
        w.busy = n
        pthread_mutex_unlock(&w.mu)
        signal = False
        for i in range(n):
            j = &jobs[i]
            c = j.c
            if j.data != NULL:
                err = wav_write(&c.wav, j.data, j.nbytes)
            else:
                err = _write_silence(&c.wav, c.silence, <uint64_t>j.frames * c.bps * c.nlegs)
            if err:
                # one event per failed flush, as the synchronous writer did
                pthread_mutex_lock(&w.mu)
                w.errors += 1
                if j.slot >= 0 and w.nerr < WERR_MAX:
                    e = &w.errs[w.nerr]
                    e.slot = j.slot
                    e.gen = j.gen
                    e.pos = j.end_pos
                    e.err = err
                    w.nerr += 1
                    signal = True
                pthread_mutex_unlock(&w.mu)
            elif i + 1 >= n or jobs[i + 1].c != c:
                # the header follows the data it counts (one rewrite per call per batch)
                wav_sync_header(&c.wav)
        if signal and w.evfd >= 0:
            write(w.evfd, &one, 8)
        pthread_mutex_lock(&w.mu)
        for i in range(n):
            if jobs[i].data != NULL:
                _pool_give(w, jobs[i].data, jobs[i].pool_class)
            jobs[i].c.inflight -= 1
            w.queued -= jobs[i].nbytes
            w.jobs += 1
            w.bytes += jobs[i].nbytes
        w.busy = 0
        pthread_cond_broadcast(&w.cv_done)
    w.running = 0
    pthread_cond_broadcast(&w.cv_done)
    pthread_mutex_unlock(&w.mu)
    return NULL


cdef int writer_start(Writer *w, int evfd) noexcept nogil:
    w.evfd = evfd
    w.running = 1
    if pthread_create(&w.th, NULL, _writer_main, w) != 0:
        w.running = 0
        return -1
    w.started = 1
    return 0


cdef void writer_stop(Writer *w) noexcept nogil:
    """Write everything queued, then end the thread."""
    if not w.started:
        return
    pthread_mutex_lock(&w.mu)
    w.stop = 1
    pthread_cond_broadcast(&w.cv_work)
    pthread_mutex_unlock(&w.mu)
    pthread_join(w.th, NULL)
    w.started = 0


cdef void writer_destroy(Writer *w) noexcept nogil:
    cdef int k
    cdef void *b
    writer_stop(w)
    for k in range(POOL_CLASSES):
        while w.pool[k] != NULL:
            b = w.pool[k]
            w.pool[k] = (<void **>b)[0]
            free(b)
    free(w.q)
    w.q = NULL
    pthread_mutex_destroy(&w.mu)
    pthread_cond_destroy(&w.cv_work)
    pthread_cond_destroy(&w.cv_done)


cdef void writer_wait_call(Writer *w, Call *c) noexcept nogil:
    """Block until every job of `c` is written (close_call: then the file is ours again)."""
    pthread_mutex_lock(&w.mu)
    while c.inflight > 0 and w.running:
        pthread_cond_wait(&w.cv_done, &w.mu)
    pthread_mutex_unlock(&w.mu)


cdef void writer_wait_idle(Writer *w) noexcept nogil:
    pthread_mutex_lock(&w.mu)
    while (w.count > 0 or w.busy > 0) and w.running and not w.paused:
        pthread_cond_wait(&w.cv_done, &w.mu)
    pthread_mutex_unlock(&w.mu)


cdef void writer_hold(Writer *w, bint on) noexcept nogil:
    pthread_mutex_lock(&w.mu)
    w.paused = on
    pthread_cond_broadcast(&w.cv_work)
    pthread_cond_broadcast(&w.cv_done)
    pthread_mutex_unlock(&w.mu)
