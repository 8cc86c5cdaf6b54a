# cython: language_level=3
# C-level declarations of the compiled RTP recording path (rtp._rtp).
#
# The numbered enums are part of the contract with the pure-Python twin (rtp._pure) and with
# rtp.constants; tests/rtp/test_rtp_api.py checks that the numbers agree.

from libc.stdint cimport int16_t, int32_t, int64_t, uint8_t, uint16_t, uint32_t, uint64_t
from posix.uio cimport iovec


cdef extern from "<pthread.h>" nogil:
    ctypedef struct pthread_mutex_t:
        pass
    ctypedef struct pthread_cond_t:
        pass
    ctypedef unsigned long pthread_t
    int pthread_mutex_init(pthread_mutex_t *, void *)
    int pthread_mutex_lock(pthread_mutex_t *)
    int pthread_mutex_trylock(pthread_mutex_t *)
    int pthread_mutex_unlock(pthread_mutex_t *)
    int pthread_mutex_destroy(pthread_mutex_t *)
    int pthread_cond_init(pthread_cond_t *, void *)
    int pthread_cond_wait(pthread_cond_t *, pthread_mutex_t *)
    int pthread_cond_signal(pthread_cond_t *)
    int pthread_cond_broadcast(pthread_cond_t *)
    int pthread_cond_destroy(pthread_cond_t *)
    int pthread_create(pthread_t *, void *, void *(*)(void *) noexcept nogil, void *)
    int pthread_join(pthread_t, void **)


cdef extern from "<sys/socket.h>" nogil:
    ctypedef unsigned int socklen_t
    struct msghdr:
        void *msg_name
        socklen_t msg_namelen
        iovec *msg_iov
        size_t msg_iovlen
        void *msg_control
        size_t msg_controllen
        int msg_flags
    struct mmsghdr:
        msghdr msg_hdr
        unsigned int msg_len
    struct cmsghdr:
        size_t cmsg_len
        int cmsg_level
        int cmsg_type
    int recvmmsg(int, mmsghdr *, unsigned int, int, void *)
    int sendmmsg(int, mmsghdr *, unsigned int, int)
    int setsockopt(int, int, int, const void *, socklen_t)
    int getsockopt(int, int, int, void *, socklen_t *)
    cmsghdr *CMSG_FIRSTHDR(msghdr *)
    cmsghdr *CMSG_NXTHDR(msghdr *, cmsghdr *)
    unsigned char *CMSG_DATA(cmsghdr *)
    size_t CMSG_SPACE(size_t)
    int MSG_DONTWAIT
    int MSG_TRUNC
    int SOL_SOCKET
    int SO_RXQ_OVFL
    int SO_RCVBUF
    int SO_RCVBUFFORCE
    int SO_SNDBUF
    int SO_SNDBUFFORCE
    int SO_MEMINFO


cdef extern from "<netinet/in.h>" nogil:
    struct in_addr:
        uint32_t s_addr
    struct sockaddr_in:
        unsigned short sin_family
        uint16_t sin_port
        in_addr sin_addr
    int AF_INET
    uint16_t ntohs(uint16_t)
    uint16_t htons(uint16_t)
    uint32_t ntohl(uint32_t)
    uint32_t htonl(uint32_t)


cdef extern from "<sys/epoll.h>" nogil:
    union epoll_data_t:
        void *ptr
        int fd
        uint32_t u32
        uint64_t u64
    struct epoll_event:
        uint32_t events
        epoll_data_t data
    int epoll_create1(int)
    int epoll_ctl(int, int, int, epoll_event *)
    int epoll_wait(int, epoll_event *, int, int)
    int EPOLL_CLOEXEC
    int EPOLL_CTL_ADD
    int EPOLL_CTL_DEL
    int EPOLLIN


cdef extern from "<sys/eventfd.h>" nogil:
    int eventfd(unsigned int, int)
    int EFD_NONBLOCK
    int EFD_CLOEXEC


# --- numbered states and codes (mirrored in rtp/constants.py) -------------------------------

cdef enum ParseError:
    PE_OK = 0
    PE_TOO_SHORT = 1
    PE_BAD_VERSION = 2
    PE_CSRC_OVERRUN = 3
    PE_EXT_HEADER_OVERRUN = 4
    PE_EXT_OVERRUN = 5
    PE_PADDING_ZERO = 6
    PE_PADDING_OVERRUN = 7
    PE_EXT_ELEMENT_OVERRUN = 8
    PE_EXT_BAD_ID = 9
    PE_RTCP_TOO_SHORT = 10
    PE_RTCP_LENGTH_OVERRUN = 11
    PE_RTCP_COUNT_OVERRUN = 12
    PE_RTCP_BAD_TYPE = 13
    PE_DTMF_TOO_SHORT = 14
    PE__COUNT = 15

cdef enum StoreFormat:
    FMT_PCM16 = 1
    FMT_ALAW = 6
    FMT_ULAW = 7

cdef enum SockKind:
    SK_SHARED = 1     # RTP (+ RFC 5761 muxed RTCP) for many legs, demuxed by address + SSRC
    SK_LEG_RTP = 2    # one leg's RTP port (muxed RTCP accepted too)
    SK_LEG_RTCP = 3   # one leg's RTCP port (RTP port + 1)

cdef enum LegState:
    LEG_WAITING = 0   # nothing accepted yet: the first valid packet locks source and SSRC
    LEG_LOCKED = 1

cdef enum CallState:
    CALL_FREE = 0
    CALL_OPEN = 1
    CALL_TIMED_OUT = 2
    CALL_DETACHED = 3

cdef enum EventKind:
    EV_DTMF = 1
    EV_SSRC_CHANGE = 2
    EV_TIMEOUT = 3
    EV_LOCK = 4
    EV_REANCHOR = 5
    EV_WRITE_ERROR = 6

cdef enum:
    SEQ_RING = 128        # duplicate window in packets (2.56 s at 20 ms), a 128-bit bitmap
    MAX_DROPOUT = 3000    # RFC 3550 A.1
    MAX_MISORDER = 100
    MON_FRAMES = 16       # monitor tap ring depth (frames of 20 ms)
    MON_FRAME = 160       # samples per monitor frame (20 ms at 8 kHz)
    NS_PER_SAMPLE = 125000
    WAV_HDR = 94          # fixed header length we write (see _wav.pxi)
    LEG_PAD = 48          # pads struct Leg to a multiple of 64 bytes
    MAX_SOCKS = 65536


# --- the bounds-checked reader (py-pgproto frb style) -----------------------------------------

cdef struct Reader:
    const char *buf
    Py_ssize_t len
    Py_ssize_t pos


cdef struct RtpHdr:
    uint8_t version
    uint8_t padding
    uint8_t extension
    uint8_t cc
    uint8_t marker
    uint8_t pt
    uint8_t pad_len
    uint16_t seq
    uint16_t ext_profile
    uint32_t ts
    uint32_t ssrc
    Py_ssize_t ext_off
    Py_ssize_t ext_len
    Py_ssize_t payload_off
    Py_ssize_t payload_len


cdef struct SenderReport:
    uint32_t ssrc
    uint32_t ntp_msw
    uint32_t ntp_lsw
    uint32_t rtp_ts
    uint32_t packets
    uint32_t octets
    int present


# --- WAV writer -------------------------------------------------------------------------------

cdef struct Wav:
    int fd
    int fmt
    int channels
    int rate
    int rf64
    int error           # errno of the first failed write, 0 if none
    uint64_t data_bytes
    uint64_t rf64_threshold


# --- per-leg stream state ---------------------------------------------------------------------
# Field order is deliberate: what every packet touches comes first, so one packet costs two or
# three cache lines of leg state (at 5,000 streams the legs no longer fit in L2 together).

cdef struct Leg:
    # line 1 - lock check, RFC 3550 A.1 sequence state, duplicate bitmap
    uint32_t ip
    uint32_t ssrc
    uint16_t port
    uint16_t max_seq
    uint8_t state
    uint8_t channel
    uint8_t codec_pt        # 0 PCMU or 8 PCMA
    uint8_t transit_init
    uint32_t cycles
    uint32_t base_seq
    uint32_t bad_seq
    uint32_t ts_last
    uint64_t seen[2]        # bit (ext & 127): that extended sequence number of the window is in
    uint64_t received
    int64_t max_end
    # line 2 - timestamp -> timeline, gap accounting, RFC 3550 A.8 jitter (scaled by 16)
    int64_t ts_ext_last
    int64_t anchor
    int64_t ref_ext
    int64_t ref_arrival
    int64_t last_arrival
    int64_t start_pos
    int64_t fill_samples
    uint32_t transit
    uint32_t jitter
    # line 3 - counters every packet bumps (stores only), then what rare paths read
    uint64_t packets
    uint64_t payload_bytes
    int16_t dtmf_pt         # -1: none
    uint16_t want_port      # host order, 0: any
    uint32_t want_ip        # expected source (network order), 0: any
    uint32_t want_ssrc
    int has_want_ssrc
    int sock_rtp
    int sock_rtcp
    uint64_t lost_prior
    uint64_t duplicates
    uint64_t late
    uint64_t foreign
    uint64_t unknown_pt
    uint64_t oversize
    uint64_t seq_jumps
    uint64_t seq_resyncs
    uint64_t reanchors
    uint64_t segments
    uint64_t dtmf_events
    uint64_t paused_dropped
    SenderReport sr
    int64_t sr_arrival
    uint64_t rtcp_packets
    uint32_t dtmf_ts
    int dtmf_open
    uint8_t dtmf_event
    uint16_t dtmf_duration
    int64_t dtmf_pos
    uint8_t pad_[LEG_PAD]   # a Leg is a whole number of cache lines (checked at import)


cdef struct MonitorTap:
    uint64_t seq                    # frames emitted so far
    int64_t head                    # next timeline position to emit
    int64_t pos[MON_FRAMES]
    int64_t t_ns[MON_FRAMES]
    int16_t *pcm                    # MON_FRAMES * MON_FRAME * channels


cdef struct CallHot:
    # what the per-tick scan of every call reads: 64 bytes per call in a dense array, so
    # the scan streams through memory instead of chasing one pointer per call
    int state
    int pad_
    int64_t origin                  # arrival (ns) of the first accepted packet, -1 before
    int64_t max_end                 # highest position holding data (any leg)
    int64_t commit                  # final up to here
    int64_t written                 # timeline position handed to the writer
    int64_t last_flush
    int64_t last_arrival
    MonitorTap *tap


cdef struct Call:
    # line 1 - what placing a packet reads (Calls are allocated 64-byte aligned)
    CallHot *h                      # in Engine.hot while open; `own` once detached
    uint8_t *ring                   # planar: channel ch at ring + ch * ring_frames * bps
    int64_t ring_frames             # W, a power of two
    int64_t min_pos                 # lowest position holding data, INT64_MAX before any
    int64_t pause_start             # timeline position, -1 if never paused
    int64_t pause_end               # INT64_MAX while paused
    int64_t file_start              # timeline position of the file's first frame, NO_POS until known
    uint8_t fmt
    uint8_t bps                     # bytes per sample in the ring/file (1 G.711, 2 PCM16)
    uint8_t silence
    uint8_t paused
    int nlegs
    # line 2 - flush and writer hand-off
    uint32_t gen
    int inflight                    # jobs queued for this call, under the writer mutex
    uint64_t flushes
    int64_t opened
    int64_t owed_silence            # frames the writer still owes as silence (backlog overflow)
    uint64_t queued_bytes           # data bytes handed to the writer (the file's data size)
    uint64_t backlog_frames         # frames written as silence because the writer was behind
    uint8_t pad1_[16]
    # lines 3-4 - the hot fields' home once the call is detached
    CallHot own
    Leg legs[2]                     # each starts on a cache line (checked at import)
    Wav wav


cdef struct Event:
    int kind
    int call
    uint32_t gen
    int leg
    int64_t pos
    int64_t a
    int64_t b


cdef struct Sock:
    int fd
    int kind
    int call        # owning call slot for leg sockets, -1 for shared
    int leg
    uint32_t drops  # kernel drops on this socket (SK_MEMINFO_DROPS), read on demand


cdef struct DemuxEntry:
    uint8_t used     # 0 empty, 1 used, 2 tombstone
    uint8_t kind     # 1 address, 2 SSRC, 3 address + SSRC
    uint16_t port
    uint32_t ip
    uint32_t ssrc
    int call
    int leg
