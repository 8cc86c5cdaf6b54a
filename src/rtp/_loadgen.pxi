# Load generator for the benchmarks and load tests: many paced G.711 streams sent with
# sendmmsg from a few sockets, all in C without the GIL. Stream i sends one packet every
# ptime, phase-shifted by (i mod ptime_ms) milliseconds so the load is spread evenly.

cdef extern from "<sys/socket.h>" nogil:
    int c_socket "socket"(int, int, int)
    int c_bind "bind"(int, const void *, socklen_t)
    int SOCK_DGRAM



def run_loadgen(list dests, int n_streams, bytes audio, double seconds, *, int pt=0,
                int nsockets=4, list src_ports=None, str src_ip="127.0.0.1",
                unsigned int ssrc_base=0x10000000, int ptime_ms=20, int sndbuf=4 << 20):
    """Send `n_streams` paced RTP streams for `seconds`. `dests` holds one (ip, port) for
    all streams or one per stream; stream i sends from socket i % nsockets with SSRC
    ssrc_base + i, sequence numbers and timestamps from 0, payload cut from `audio`
    (G.711 codes, looped). Returns counters and the source ports used."""
    cdef int i, s, g, nd = len(dests), fd, r, ngroups
    cdef int spp = ptime_ms * 8
    cdef int plen = 12 + spp
    cdef Py_ssize_t alen = len(audio) - len(audio) % (ptime_ms * 8)
    cdef const uint8_t *ap = <const uint8_t *>PyBytes_AS_STRING(audio)
    cdef sockaddr_in *dst = NULL
    cdef sockaddr_in src
    cdef int *fds = NULL
    cdef uint8_t *pkts = NULL
    cdef mmsghdr *gm = NULL
    cdef iovec *iovs = NULL
    cdef uint32_t *seqs = NULL
    cdef int *gidx = NULL
    cdef int *goff = NULL
    cdef int64_t start, next_t, end_t, now
    cdef long total = 0, errors = 0, late = 0, slice_no = 0, short_sends = 0
    cdef int phase, a, b, k, st
    cdef timespec ts
    cdef uint8_t *p
    if n_streams < 1 or nd < 1 or (nd != 1 and nd != n_streams):
        raise ValueError("dests must hold one address or one per stream")
    if ptime_ms < 10 or ptime_ms > 60:
        raise ValueError("ptime_ms must be 10..60")
    if alen < spp:
        raise ValueError(f"audio must hold at least {spp} bytes")
    nsockets = min(max(nsockets, 1), n_streams)
    if src_ports is not None and len(src_ports) != nsockets:
        raise ValueError("src_ports must name one port per socket")
    ngroups = ptime_ms * nsockets
    dst = <sockaddr_in *>calloc(nd, sizeof(sockaddr_in))
    fds = <int *>calloc(nsockets, sizeof(int))
    pkts = <uint8_t *>malloc(<size_t>n_streams * plen)
    gm = <mmsghdr *>calloc(n_streams, sizeof(mmsghdr))
    iovs = <iovec *>calloc(n_streams, sizeof(iovec))
    seqs = <uint32_t *>calloc(n_streams, sizeof(uint32_t))
    gidx = <int *>calloc(n_streams, sizeof(int))
    goff = <int *>calloc(ngroups + 1, sizeof(int))
    ports_out = []
    try:
        if (dst == NULL or fds == NULL or pkts == NULL or gm == NULL or iovs == NULL
                or seqs == NULL or gidx == NULL or goff == NULL):
            raise MemoryError()
        for i in range(nd):
            dst[i].sin_family = AF_INET
            dst[i].sin_port = htons(dests[i][1])
            dst[i].sin_addr.s_addr = ip_from_str(dests[i][0])
        for s in range(nsockets):
            fds[s] = -1
        for s in range(nsockets):
            fd = c_socket(AF_INET, SOCK_DGRAM, 0)
            if fd < 0:
                raise OSError(errno, os.strerror(errno))
            fds[s] = fd
            if setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof(int)) != 0:
                setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(int))
            memset(&src, 0, sizeof(src))
            src.sin_family = AF_INET
            src.sin_addr.s_addr = ip_from_str(src_ip)
            src.sin_port = htons(src_ports[s] if src_ports is not None else 0)
            if c_bind(fd, &src, sizeof(src)) != 0:
                raise OSError(errno, os.strerror(errno), f"bind {src_ip}")
            dup = socket.socket(fileno=os.dup(fd))
            ports_out.append(dup.getsockname()[1])
            dup.close()
        # group g = phase * nsockets + socket: the streams due in one slice on one socket
        for i in range(n_streams):
            goff[(i % ptime_ms) * nsockets + i % nsockets + 1] += 1
        for g in range(ngroups):
            goff[g + 1] += goff[g]
        cursor = [goff[g] for g in range(ngroups)]
        for i in range(n_streams):
            g = (i % ptime_ms) * nsockets + i % nsockets
            k = cursor[g]
            cursor[g] = k + 1
            gidx[k] = i
            p = pkts + <size_t>i * plen
            p[0] = 0x80
            p[1] = <uint8_t>pt
            wr_be32(p + 8, ssrc_base + <uint32_t>i)
            iovs[k].iov_base = p
            iovs[k].iov_len = plen
            gm[k].msg_hdr.msg_name = &dst[i if nd > 1 else 0]
            gm[k].msg_hdr.msg_namelen = sizeof(sockaddr_in)
            gm[k].msg_hdr.msg_iov = &iovs[k]
            gm[k].msg_hdr.msg_iovlen = 1
        memset(seqs, 0, n_streams * sizeof(uint32_t))
        with nogil:
            start = mono_ns()
            end_t = start + <int64_t>(seconds * 1e9)
            next_t = start
            while next_t < end_t:
                now = mono_ns()
                if now < next_t:
                    ts.tv_sec = next_t // 1000000000
                    ts.tv_nsec = next_t % 1000000000
                    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL)
                elif now - next_t > 1000000:
                    late += 1
                phase = slice_no % ptime_ms
                for s in range(nsockets):
                    g = phase * nsockets + s
                    a = goff[g]
                    b = goff[g + 1]
                    for k in range(a, b):
                        i = gidx[k]
                        p = pkts + <size_t>i * plen
                        wr_be16(p + 2, <uint16_t>seqs[i])
                        wr_be32(p + 4, seqs[i] * <uint32_t>spp)
                        memcpy(p + 12, ap + (<size_t>seqs[i] * spp) % alen, spp)
                        seqs[i] += 1
                    st = a
                    while st < b:
                        r = sendmmsg(fds[s], gm + st, b - st, 0)
                        if r <= 0:
                            errors += 1
                            break
                        if r < b - st:
                            short_sends += 1
                        total += r
                        st += r
                slice_no += 1
                next_t = start + slice_no * 1000000
            now = mono_ns()
        # a generator that cannot keep up still sends every slice, only later: the rate it
        # reached is what it sent over the time it really took
        return {"sent": total, "errors": errors, "late_slices": late, "short_sends": short_sends,
                "src_ports": ports_out, "seconds": seconds, "elapsed": (now - start) / 1e9,
                "achieved_pps": total / ((now - start) / 1e9) if now > start else 0.0,
                "packets_per_stream": [seqs[i] for i in range(n_streams)]}
    finally:
        if fds != NULL:
            for s in range(nsockets):
                if fds[s] > 0:
                    close(fds[s])
        free(dst)
        free(fds)
        free(pkts)
        free(gm)
        free(iovs)
        free(seqs)
        free(gidx)
        free(goff)
