# The ACD core's building blocks: value objects (Offer, Event), the skip list that orders
# waiting calls, the timer heap and small helpers. Included from _queue.pyx.

cimport cython
from cpython.list cimport PyList_GET_ITEM
from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF, Py_XINCREF
from libc.math cimport INFINITY, isfinite
from libc.stdint cimport int32_t, int64_t, uint64_t
from libc.stdlib cimport abort, free, malloc, realloc
from libc.string cimport memcpy, memset
from posix.time cimport CLOCK_MONOTONIC, clock_gettime, timespec

import math as _math
import time as _time
from collections import deque as _deque

from acdcore import enums as _enums
from acdcore import errors as _errors
from acdcore import types as _types
from acdcore import _snapshot as _snap

cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object o)
    void *PyUnicode_DATA(object o)
    Py_ssize_t PyUnicode_GET_LENGTH(object o)

# enum members by number, so turning a C int into an IntEnum is one tuple index
cdef tuple _EVENT_TYPES = (None,) + tuple(_enums.EventType)
cdef tuple _AGENT_STATES = (None,) + tuple(_enums.AgentState)
cdef tuple _CALL_STATES = (None,) + tuple(_enums.CallState)
cdef tuple _PRIORITIES = (None,) + tuple(_enums.Priority)
cdef tuple _TRIGGERS = (None,) + tuple(_enums.Trigger)
cdef tuple _STRATEGIES = (None,) + tuple(_enums.Strategy)

# reason strings, shared by every event that carries them
cdef str _R_EMPTY = ""
cdef str _R_TIMEOUT = "timeout"
cdef str _R_REJECTED = "rejected"
cdef str _R_AGENT = "agent"
cdef str _R_CALLER = "caller"
cdef str _R_EMPTYQ = "empty"
cdef str _R_LOOP = "loop"
cdef str _R_TRANSFER = "transfer"
cdef str _R_OVERFLOW = "overflow"
cdef str _R_QUEUE_FULL = "queue_full"
cdef str _R_QUEUE_EMPTY = "queue_empty"
cdef str _AUTO_PAUSE_REASON = "no-answer"
cdef str _R_TARGETED = "targeted"
cdef str _R_LOGGED_OUT = "logged_out"
cdef str _R_LEFT_QUEUE = "left_queue"

cdef object _EMPTY_MAP = _types.check_skills({})
cdef int _MAX_OVERFLOW_HOPS = _types.MAX_OVERFLOW_HOPS
cdef double _MAX_TIME = _types.MAX_TIME
cdef Py_ssize_t _MAX_CALL_ID_LEN = _types.MAX_CALL_ID_LEN
cdef Py_ssize_t _MAX_NUMBER_LEN = _types.MAX_NUMBER_LEN


cdef inline PyObject *_ref(object o):
    """A strong reference for a C struct field (None becomes NULL)."""
    if o is None:
        return NULL
    Py_INCREF(o)
    return <PyObject *>o


cdef inline object _obj(PyObject *p):
    if p == NULL:
        return None
    return <object>p


cdef inline bint _ascii_token(object s, Py_ssize_t lo, Py_ssize_t hi, bint allow_space):
    """True when ``s`` is an ASCII str of lo..hi printable characters without '|'.

    Only the fast path: a False sends the value to the shared Python validators in
    acdcore.types, which decide (and word the error) exactly as the pure twin does.
    """
    cdef const unsigned char *p
    cdef Py_ssize_t i, n
    cdef unsigned char ch
    if type(s) is not str or not PyUnicode_IS_ASCII(s):
        return False
    n = PyUnicode_GET_LENGTH(s)
    if n < lo or n > hi:
        return False
    p = <const unsigned char *>PyUnicode_DATA(s)
    for i in range(n):
        ch = p[i]
        if ch < 0x20 or ch > 0x7e or ch == 0x7c or (ch == 0x20 and not allow_space):
            return False
    return True


cdef inline bint _plain_items(dict d):
    """Every key an exact str and every value an exact int (no subclass, no bool)."""
    for k, v in d.items():
        if type(k) is not str or type(v) is not int:
            return False
    return True


cdef inline int64_t _mono_ns() noexcept nogil:
    cdef timespec ts
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return <int64_t>ts.tv_sec * 1000000000 + ts.tv_nsec


cdef inline double _mono_now() noexcept nogil:
    cdef timespec ts
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return <double>ts.tv_sec + <double>ts.tv_nsec * 1e-9


cdef double _check_time(object value, str what) except -1.0:
    cdef double v
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _errors.InvalidTimeError(
            f"{what} must be a number of seconds, got {type(value).__name__}", field=what)
    v = float(value)
    if not isfinite(v) or v < 0 or v > _MAX_TIME:
        raise _errors.InvalidTimeError(f"{what} must be finite and >= 0, got {value!r}", field=what)
    return v


cdef inline int _small_enum(object value, int hi, str enum_name, str what) except -1:
    """The number of an IntEnum member (1..hi) given as a member or a plain int."""
    cdef long v
    if isinstance(value, int) and not isinstance(value, bool):
        v = value
        if 1 <= v <= hi:
            return <int>v
    # the slow path words the error exactly as the pure twin does
    _types.check_enum(getattr(_enums, enum_name), value, what)
    return -1  # check_enum raised; not reached


# --- value objects ---------------------------------------------------------------------
def _latency_summary(buckets):
    """count, p50/p90/p99/max in ns of a log-linear histogram (bucket upper bounds)."""
    total = sum(buckets)
    out = {"count": total}
    for name, q in (("p50_ns", 0.5), ("p90_ns", 0.9), ("p99_ns", 0.99), ("max_ns", 1.0)):
        need = q * total
        acc = 0
        value = 0
        for i, n in enumerate(buckets):
            acc += n
            if n and acc >= need:
                value = i + 1 if i < 4 else ((4 + (i & 3) + 1) << (i // 4 - 2))
                break
        out[name] = value if total else None
    return out


cdef tuple _OFFER_FIELDS = ("id", "call_id", "agent_id", "queue", "time", "expires_at")


@cython.no_gc
cdef class Offer:
    """An offer of a call to an agent: answer it exactly once with accept() or reject()."""

    def __init__(self, id, call_id, agent_id, queue, time, expires_at):
        self.id = id
        self.call_id = call_id
        self.agent_id = agent_id
        self.queue = queue
        self.time = time
        self.expires_at = expires_at

    def as_tuple(self):
        return (self.id, self.call_id, self.agent_id, self.queue, self.time, self.expires_at)

    def __eq__(self, other):
        if not hasattr(other, "as_tuple"):
            return NotImplemented
        return self.as_tuple() == other.as_tuple()

    __hash__ = None

    def __repr__(self):
        return (f"Offer(id={self.id}, call_id={self.call_id!r}, agent_id={self.agent_id!r}, "
                f"queue={self.queue!r}, time={self.time!r}, expires_at={self.expires_at!r})")


cdef inline Offer _new_offer(int64_t oid, str call_id, str agent_id, str queue, double t, double expires):
    cdef Offer o = Offer.__new__(Offer)
    o.id = oid
    o.call_id = call_id
    o.agent_id = agent_id
    o.queue = queue
    o.time = t
    o.expires_at = expires
    return o


cdef tuple _EVENT_FIELDS = (
    "seq", "time", "type", "call_id", "agent_id", "queue", "target_queue", "offer_id", "priority",
    "agent_state", "previous_state", "reason", "caller", "position", "entry_position", "wait_time",
    "talk_time", "ring_time", "trigger", "candidates", "score", "penalty", "penalty_limit", "step",
)


# events hold only strings and numbers: they can never be part of a reference cycle, so
# the cycle collector need not track them (thousands are made per second)
@cython.no_gc
@cython.freelist(256)
cdef class Event:
    """One state change, numbered without gaps (``seq`` starts at 1). Built by the core only."""

    def __init__(self, *args, **kwargs):
        raise TypeError("acdcore events are created by the core, not by hand")

    @property
    def seq(self): return self.ev.seq
    @property
    def time(self): return self.ev.time
    @property
    def type(self): return _EVENT_TYPES[self.ev.type]
    def __dealloc__(self):
        _clear_event(&self.ev)

    @property
    def call_id(self): return _obj(self.ev.call_id)
    @property
    def agent_id(self): return _obj(self.ev.agent_id)
    @property
    def queue(self): return _obj(self.ev.queue)
    @property
    def target_queue(self): return _obj(self.ev.target_queue)
    @property
    def offer_id(self): return self.ev.offer_id
    @property
    def priority(self): return _PRIORITIES[self.ev.priority]
    @property
    def agent_state(self): return _AGENT_STATES[self.ev.agent_state]
    @property
    def previous_state(self): return _AGENT_STATES[self.ev.previous_state]
    @property
    def reason(self): return _obj(self.ev.reason) if self.ev.reason != NULL else _R_EMPTY
    @property
    def caller(self): return _obj(self.ev.caller)
    @property
    def position(self): return self.ev.position
    @property
    def entry_position(self): return self.ev.entry_position
    @property
    def wait_time(self): return self.ev.wait_time
    @property
    def talk_time(self): return self.ev.talk_time
    @property
    def ring_time(self): return self.ev.ring_time
    @property
    def trigger(self): return _TRIGGERS[self.ev.trigger]
    @property
    def candidates(self): return self.ev.candidates
    @property
    def score(self): return self.ev.score
    @property
    def penalty(self): return self.ev.penalty
    @property
    def penalty_limit(self): return self.ev.penalty_limit
    @property
    def step(self): return self.ev.step

    def as_tuple(self):
        return tuple(getattr(self, f) for f in _EVENT_FIELDS)

    def as_dict(self):
        return {f: getattr(self, f) for f in _EVENT_FIELDS}

    def __eq__(self, other):
        if not hasattr(other, "as_tuple"):
            return NotImplemented
        return self.as_tuple() == other.as_tuple()

    __hash__ = None

    def __repr__(self):
        parts = [f"seq={self.seq}", f"time={self.time!r}", f"type={self.type.name}"]
        defaults = (None, None, None, None, 0, None, None, None, "", None, 0, 0, 0.0, 0.0, 0.0, None, 0, 0.0,
                    0, -1, -1)
        for f, d in zip(_EVENT_FIELDS[3:], defaults):
            v = getattr(self, f)
            if v != d:
                parts.append(f"{f}={v!r}")
        return "Event(" + ", ".join(parts) + ")"


cdef inline Event _take_event(acd_event *slot):
    """Move one event out of the ring into a Python object (its references move with it)."""
    cdef Event e = Event.__new__(Event)
    e.ev = slot[0]
    return e


cdef Event _take_event_copy(acd_event *slot):
    """A Python Event for a ring slot that stays in the ring (its references are shared)."""
    cdef Event e = Event.__new__(Event)
    e.ev = slot[0]
    Py_XINCREF(e.ev.call_id)
    Py_XINCREF(e.ev.agent_id)
    Py_XINCREF(e.ev.queue)
    Py_XINCREF(e.ev.target_queue)
    Py_XINCREF(e.ev.reason)
    Py_XINCREF(e.ev.caller)
    return e


cdef dict _event_dict(Event e):
    out = e.as_dict()
    for k in ("type", "priority", "agent_state", "previous_state", "trigger"):
        out[k] = None if out[k] is None else int(out[k])
    return out


cdef void _clear_event(acd_event *slot) noexcept:
    Py_XDECREF(slot.call_id)
    Py_XDECREF(slot.agent_id)
    Py_XDECREF(slot.queue)
    Py_XDECREF(slot.target_queue)
    Py_XDECREF(slot.reason)
    Py_XDECREF(slot.caller)
    slot.call_id = slot.agent_id = slot.queue = slot.target_queue = slot.reason = slot.caller = NULL


# --- internal records: not constructible from Python -----------------------------------
@cython.no_gc
cdef class _Sig:
    def __init__(self):
        raise TypeError("internal")


@cython.no_gc
cdef class _Bucket:
    def __init__(self):
        raise TypeError("internal")


cdef class _Tier:
    def __init__(self):
        raise TypeError("internal")


@cython.freelist(64)
cdef class _Member:
    def __init__(self):
        raise TypeError("internal")


cdef class _Queue:
    def __init__(self):
        raise TypeError("internal")


# calls, buckets and signatures never close a reference cycle: a call's only way back to
# itself is through its agent (agent.call), which Core.__dealloc__ breaks; keeping them out
# of the cycle collector spares it 100,000 objects on a busy day
@cython.no_gc
@cython.freelist(1024)
cdef class _Call:
    def __init__(self):
        raise TypeError("internal")


cdef class _Agent:
    def __init__(self):
        raise TypeError("internal")

    def __dealloc__(self):
        free(self.tl)


cdef _Sig _make_sig(dict merged):
    """A skill signature from {skill index: min level}; its key orders by skill index."""
    cdef _Sig s = _Sig.__new__(_Sig)
    cdef list items = sorted(merged.items())
    s.n = len(items)
    for i, (k, v) in enumerate(items):
        s.skill[i] = k
        s.level[i] = v
    s.key = tuple(items)
    return s


cdef inline bint _satisfies(_Agent a, _Sig sig) noexcept:
    cdef int i
    for i in range(sig.n):
        if a.levels[sig.skill[i]] < sig.level[i]:
            return False
    return True


cdef inline acd_link *_links_of(PyObject *p) noexcept:
    return (<_Call>p).links


cdef inline bint _excluded(PyObject *c, int64_t uid) noexcept:
    cdef int i
    for i in range((<_Call>c).n_excl):
        if (<_Call>c).excl_uid[i] == uid:
            return True
    return False


# --- skip list of waiting calls, ordered by (entered_at, seq), with spans for ranks -----
cdef inline bint _key_lt(PyObject *a, double t, uint64_t seq) noexcept:
    cdef double e = (<_Call>a).entered_at
    return e < t or (e == t and (<_Call>a).seq < seq)


cdef void _sl_init(acd_skiplist *sl) noexcept:
    cdef int i
    memset(sl, 0, sizeof(acd_skiplist))
    sl.level = 1
    for i in range(SL_MAX_LEVEL):
        sl.tail[i] = sl.head


cdef inline void _sl_refresh_head(acd_skiplist *sl) noexcept:
    cdef PyObject *first = sl.head[0].next
    if first != NULL:
        sl.head_entered = (<_Call>first).entered_at
        sl.head_seq = (<_Call>first).seq
        sl.head_limit = (<_Call>first).limit
        sl.head_excl = (<_Call>first).n_excl


cdef void _sl_link(acd_skiplist *sl, _Call c, int lvl, acd_link **update, int32_t *rank) noexcept:
    """Link ``c`` after update[i] on each level, given update[i]'s rank (Redis zslInsert)."""
    cdef int i
    cdef int32_t r = rank[0] + 1
    if lvl > sl.level:
        for i in range(sl.level, lvl):
            rank[i] = 0
            update[i] = sl.head
            sl.head[i].span = sl.length
            sl.head[i].next = NULL
            sl.tail[i] = sl.head
            sl.tail_rank[i] = 0
        sl.level = lvl
    c.level = lvl
    for i in range(lvl):
        c.links[i].next = update[i][i].next
        update[i][i].next = <PyObject *>c
        c.links[i].span = update[i][i].span - (rank[0] - rank[i])
        update[i][i].span = (rank[0] - rank[i]) + 1
        if update[i] == sl.tail[i]:
            sl.tail[i] = c.links
            sl.tail_rank[i] = r
        else:
            sl.tail_rank[i] += 1
    for i in range(lvl, sl.level):
        update[i][i].span += 1
        if sl.tail_rank[i] >= r:
            sl.tail_rank[i] += 1
    if c.links[0].next == NULL:
        sl.last = <PyObject *>c
    if update[0] == sl.head:
        _sl_refresh_head(sl)
    sl.length += 1


cdef void _sl_insert(acd_skiplist *sl, _Call c, int lvl) noexcept:
    cdef acd_link *update[SL_MAX_LEVEL]
    cdef int32_t rank[SL_MAX_LEVEL]
    cdef acd_link *x = sl.head
    cdef int i
    cdef double t = c.entered_at
    cdef uint64_t seq = c.seq
    if sl.last == NULL or _key_lt(sl.last, t, seq):
        # appending: the tails are the predecessors on every level
        for i in range(sl.level):
            update[i] = sl.tail[i]
            rank[i] = sl.tail_rank[i]
    else:
        for i in range(sl.level - 1, -1, -1):
            rank[i] = 0 if i == sl.level - 1 else rank[i + 1]
            while x[i].next != NULL and _key_lt(x[i].next, t, seq):
                rank[i] += x[i].span
                x = _links_of(x[i].next)
            update[i] = x
    _sl_link(sl, c, lvl, update, rank)
    if ACDCORE_DEBUG:
        _sl_check(sl)


cdef void _sl_remove(acd_skiplist *sl, _Call c) noexcept:
    cdef acd_link *update[SL_MAX_LEVEL]
    cdef PyObject *owner[SL_MAX_LEVEL]
    cdef int32_t rank[SL_MAX_LEVEL]
    cdef acd_link *x = sl.head
    cdef PyObject *xo = NULL
    cdef int i
    cdef int32_t r
    cdef double t = c.entered_at
    cdef uint64_t seq = c.seq
    for i in range(sl.level - 1, -1, -1):
        rank[i] = 0 if i == sl.level - 1 else rank[i + 1]
        while x[i].next != NULL and x[i].next != <PyObject *>c and _key_lt(x[i].next, t, seq):
            rank[i] += x[i].span
            xo = x[i].next
            x = _links_of(xo)
        update[i] = x
        owner[i] = xo
    r = rank[0] + 1
    for i in range(sl.level):
        if update[i][i].next == <PyObject *>c:
            update[i][i].span += c.links[i].span - 1
            update[i][i].next = c.links[i].next
        else:
            update[i][i].span -= 1
        if sl.tail[i] == c.links:
            sl.tail[i] = update[i]
            sl.tail_rank[i] = rank[i]
        elif sl.tail_rank[i] > r:
            sl.tail_rank[i] -= 1
    if sl.last == <PyObject *>c:
        sl.last = owner[0]
    if update[0] == sl.head:
        _sl_refresh_head(sl)
    while sl.level > 1 and sl.head[sl.level - 1].next == NULL:
        sl.level -= 1
        sl.tail[sl.level] = sl.head
        sl.tail_rank[sl.level] = 0
    sl.length -= 1
    c.level = 0
    if ACDCORE_DEBUG:
        _sl_check(sl)


cdef int32_t _sl_rank(acd_skiplist *sl, double t, uint64_t seq) noexcept:
    """How many calls of the line come before the key (t, seq)."""
    cdef acd_link *x = sl.head
    cdef int32_t r = 0
    cdef int i
    if sl.last == NULL or _key_lt(sl.last, t, seq):
        return sl.length
    # the call just appended (its entry position) and the head (the next to be served) are
    # the usual questions: both answered without walking the line's cold nodes
    if (<_Call>sl.last).seq == seq and (<_Call>sl.last).entered_at == t:
        return sl.length - 1
    if sl.head_seq == seq and sl.head_entered == t:
        return 0
    for i in range(sl.level - 1, -1, -1):
        while x[i].next != NULL and _key_lt(x[i].next, t, seq):
            r += x[i].span
            x = _links_of(x[i].next)
    return r


cdef void _sl_check(acd_skiplist *sl) noexcept:
    """ACDCORE_DEBUG builds only: every span, tail, rank and the order of the line."""
    cdef int i
    cdef int32_t pos, n
    cdef acd_link *x
    cdef PyObject *node
    cdef PyObject *prev = NULL
    # level 0: order and length
    n = 0
    node = sl.head[0].next
    while node != NULL:
        if prev != NULL and not _key_lt(prev, (<_Call>node).entered_at, (<_Call>node).seq):
            abort()
        prev = node
        n += 1
        node = (<_Call>node).links[0].next
    if n != sl.length or prev != sl.last:
        abort()
    node = sl.head[0].next
    if node != NULL and (sl.head_entered != (<_Call>node).entered_at or sl.head_seq != (<_Call>node).seq
                         or sl.head_limit != (<_Call>node).limit or sl.head_excl != (<_Call>node).n_excl):
        abort()
    for i in range(sl.level):
        x = sl.head
        pos = 0
        while x[i].next != NULL:
            # walk level 0 from here to count what this link jumps over
            node = x[i].next
            pos += x[i].span
            x = _links_of(node)
        if x != sl.tail[i] or pos != sl.tail_rank[i] or x[i].span != sl.length - pos:
            abort()


# --- offer id -> agent ------------------------------------------------------------------
cdef inline Py_ssize_t _om_home(acd_offer_map *m, int64_t key) noexcept:
    return <Py_ssize_t>((<uint64_t>key * <uint64_t>0x9E3779B97F4A7C15) >> 40) & (m.cap - 1)


cdef int _om_init(acd_offer_map *m, Py_ssize_t cap) except -1:
    m.slots = <acd_offer_slot *>malloc(cap * sizeof(acd_offer_slot))
    if m.slots == NULL:
        raise MemoryError()
    memset(m.slots, 0, cap * sizeof(acd_offer_slot))
    m.cap = cap
    m.used = m.filled = 0
    return 0


cdef PyObject *_om_get(acd_offer_map *m, int64_t key) noexcept:
    cdef Py_ssize_t i = _om_home(m, key)
    while m.slots[i].key != 0:
        if m.slots[i].key == key:
            return m.slots[i].agent
        i = (i + 1) & (m.cap - 1)
    return NULL


cdef int _om_put(acd_offer_map *m, int64_t key, PyObject *agent) except -1:
    cdef acd_offer_slot *old
    cdef Py_ssize_t i, n
    if 2 * (m.filled + 1) > m.cap:
        old = m.slots
        n = m.cap
        _om_init(m, 2 * n if 4 * m.used > n else n)
        for i in range(n):
            if old[i].key > 0:
                _om_put(m, old[i].key, old[i].agent)
        free(old)
    i = _om_home(m, key)
    while m.slots[i].key > 0:
        i = (i + 1) & (m.cap - 1)
    if m.slots[i].key == 0:
        m.filled += 1
    m.slots[i].key = key
    m.slots[i].agent = agent
    m.used += 1
    return 0


cdef void _om_del(acd_offer_map *m, int64_t key) noexcept:
    cdef Py_ssize_t i = _om_home(m, key)
    while m.slots[i].key != 0:
        if m.slots[i].key == key:
            m.slots[i].key = -1
            m.slots[i].agent = NULL
            m.used -= 1
            return
        i = (i + 1) & (m.cap - 1)


# --- recently ended call ids ------------------------------------------------------------
cdef int _em_init(acd_ended_map *m, Py_ssize_t cap) except -1:
    m.slots = <acd_ended_slot *>malloc(cap * sizeof(acd_ended_slot))
    if m.slots == NULL:
        raise MemoryError()
    memset(m.slots, 0, cap * sizeof(acd_ended_slot))
    m.cap = cap
    m.used = m.filled = 0
    return 0


cdef Py_ssize_t _em_find(acd_ended_map *m, object key, Py_hash_t h) except -2:
    cdef Py_ssize_t i = <Py_ssize_t>(<uint64_t>h & <uint64_t>(m.cap - 1))
    cdef acd_ended_slot *s
    while True:
        s = &m.slots[i]
        if s.key == NULL:
            return -1
        if s.hash == h and (s.key == <PyObject *>key or <object>s.key == key):
            return i
        i = (i + 1) & (m.cap - 1)


cdef int _em_get(acd_ended_map *m, object key) except -1:
    """The end state of a remembered call id, or 0."""
    if m.used == 0:
        return 0
    cdef Py_ssize_t i = _em_find(m, key, hash(key))
    return m.slots[i].state if i >= 0 else 0


cdef int _em_put(acd_ended_map *m, object key, int state) except -1:
    cdef acd_ended_slot *old
    cdef Py_ssize_t i, n
    cdef Py_hash_t h
    if 2 * (m.filled + 1) > m.cap:
        old = m.slots
        n = m.cap
        _em_init(m, 2 * n if 4 * m.used > n else n)
        for i in range(n):
            if old[i].key != NULL and old[i].hash != -1:
                _em_put(m, <object>old[i].key, old[i].state)
        free(old)
    h = hash(key)
    i = <Py_ssize_t>(<uint64_t>h & <uint64_t>(m.cap - 1))
    while m.slots[i].key != NULL:
        i = (i + 1) & (m.cap - 1)
    m.slots[i].key = <PyObject *>key
    m.slots[i].hash = h
    m.slots[i].state = state
    m.used += 1
    m.filled += 1
    return 0


cdef int _em_del(acd_ended_map *m, object key) except -1:
    cdef Py_ssize_t i = _em_find(m, key, hash(key))
    if i >= 0:
        # a deleted slot keeps a non-NULL key (so probes walk past it) and hash -1,
        # which no str hash ever is
        m.slots[i].hash = -1
        m.slots[i].state = 0
        m.used -= 1
    return 0


# --- call id -> live call ----------------------------------------------------------------
cdef int _cm_init(acd_call_map *m, Py_ssize_t cap) except -1:
    m.slots = <acd_call_slot *>malloc(cap * sizeof(acd_call_slot))
    if m.slots == NULL:
        raise MemoryError()
    memset(m.slots, 0, cap * sizeof(acd_call_slot))
    m.cap = cap
    m.used = m.filled = 0
    return 0


cdef void _cm_free(acd_call_map *m) noexcept:
    cdef Py_ssize_t i
    if m.slots == NULL:
        return
    for i in range(m.cap):
        if m.slots[i].key != NULL and m.slots[i].hash != -1:
            Py_XDECREF(m.slots[i].key)
            Py_XDECREF(m.slots[i].call)
    free(m.slots)
    m.slots = NULL


cdef inline Py_ssize_t _cm_find(acd_call_map *m, object key, Py_hash_t h) except -2:
    cdef Py_ssize_t i = <Py_ssize_t>(<uint64_t>h & <uint64_t>(m.cap - 1))
    cdef acd_call_slot *s
    while True:
        s = &m.slots[i]
        if s.key == NULL:
            return -1
        # a pointer match is the common case (the id object the call was created with)
        if s.hash == h and (s.key == <PyObject *>key or <object>s.key == key):
            return i
        i = (i + 1) & (m.cap - 1)


cdef inline PyObject *_cm_get(acd_call_map *m, object key) except? NULL:
    """The live call with id ``key`` (borrowed), or NULL. ``key`` must be a str."""
    if m.used == 0:
        return NULL
    cdef Py_ssize_t i = _cm_find(m, key, hash(key))
    return m.slots[i].call if i >= 0 else NULL


cdef int _cm_put(acd_call_map *m, object key, object call) except -1:
    cdef acd_call_slot *old
    cdef Py_ssize_t i, j, n
    cdef Py_hash_t h
    if 2 * (m.filled + 1) > m.cap:
        old = m.slots
        n = m.cap
        _cm_init(m, 2 * n if 4 * m.used > n else n)
        for i in range(n):
            if old[i].key != NULL and old[i].hash != -1:
                j = <Py_ssize_t>(<uint64_t>old[i].hash & <uint64_t>(m.cap - 1))
                while m.slots[j].key != NULL:
                    j = (j + 1) & (m.cap - 1)
                m.slots[j] = old[i]
                m.used += 1
                m.filled += 1
        free(old)
    h = hash(key)
    i = <Py_ssize_t>(<uint64_t>h & <uint64_t>(m.cap - 1))
    while m.slots[i].key != NULL:
        i = (i + 1) & (m.cap - 1)
    Py_INCREF(key)
    Py_INCREF(call)
    m.slots[i].key = <PyObject *>key
    m.slots[i].hash = h
    m.slots[i].call = <PyObject *>call
    m.used += 1
    m.filled += 1
    return 0


cdef int _cm_del(acd_call_map *m, object key) except -1:
    cdef Py_ssize_t i = _cm_find(m, key, hash(key))
    cdef PyObject *k
    cdef PyObject *v
    if i >= 0:
        k = m.slots[i].key
        v = m.slots[i].call
        # the slot keeps its (now dangling) key pointer so probes walk past it; hash -1
        # marks it deleted and is never compared against
        m.slots[i].hash = -1
        m.slots[i].call = NULL
        m.used -= 1
        Py_XDECREF(v)
        Py_XDECREF(k)
    return 0


#: the numbers of the C enums, by the names of acdcore.enums (tests check they agree)
C_ENUMS = {
    "Priority": {"NORMAL": PRIO_NORMAL, "PRIORITY": PRIO_PRIORITY},
    "Strategy": {"LONGEST_IDLE": STRAT_LONGEST_IDLE, "ROUND_ROBIN": STRAT_ROUND_ROBIN,
                 "FEWEST_CALLS": STRAT_FEWEST_CALLS, "LEAST_TALK_TIME": STRAT_LEAST_TALK_TIME,
                 "HIGHEST_SKILL": STRAT_HIGHEST_SKILL, "RANDOM": STRAT_RANDOM,
                 "WEIGHTED_RANDOM": STRAT_WEIGHTED_RANDOM},
    "AgentState": {"LOGGED_OUT": AG_LOGGED_OUT, "AVAILABLE": AG_AVAILABLE, "RESERVED": AG_RESERVED,
                   "BUSY": AG_BUSY, "WRAP_UP": AG_WRAP_UP, "PAUSED": AG_PAUSED},
    "CallState": {"WAITING": CALL_WAITING, "OFFERED": CALL_OFFERED, "CONNECTED": CALL_CONNECTED,
                  "COMPLETED": CALL_COMPLETED, "ABANDONED": CALL_ABANDONED, "OVERFLOWED": CALL_OVERFLOWED},
    "EmptyRule": {"NEVER": EMPTY_NEVER, "NO_AGENTS": EMPTY_NO_AGENTS, "NO_READY": EMPTY_NO_READY,
                  "NO_CAPABLE": EMPTY_NO_CAPABLE},
    "Trigger": {"CALL_ARRIVED": TRIG_CALL_ARRIVED, "AGENT_READY": TRIG_AGENT_READY,
                "ESCALATION": TRIG_ESCALATION, "RETRY": TRIG_RETRY, "REQUEUED": TRIG_REQUEUED,
                "TRANSFERRED": TRIG_TRANSFERRED, "OVERFLOWED": TRIG_OVERFLOWED,
                "RECONFIGURED": TRIG_RECONFIGURED},
    "EventType": {"CALL_ENQUEUED": EV_CALL_ENQUEUED, "CALL_OFFERED": EV_CALL_OFFERED,
                  "CALL_NO_ANSWER": EV_CALL_NO_ANSWER, "CALL_ANSWERED": EV_CALL_ANSWERED,
                  "CALL_ABANDONED": EV_CALL_ABANDONED, "CALL_OVERFLOWED": EV_CALL_OVERFLOWED,
                  "CALL_TRANSFERRED": EV_CALL_TRANSFERRED, "CALL_COMPLETED": EV_CALL_COMPLETED,
                  "CALL_REJECTED": EV_CALL_REJECTED, "CALL_ESCALATED": EV_CALL_ESCALATED,
                  "CALL_PROMOTED": EV_CALL_PROMOTED, "AGENT_STATE_CHANGED": EV_AGENT_STATE_CHANGED,
                  "AGENT_ADDED": EV_AGENT_ADDED, "AGENT_UPDATED": EV_AGENT_UPDATED,
                  "AGENT_REMOVED": EV_AGENT_REMOVED, "QUEUE_CREATED": EV_QUEUE_CREATED,
                  "QUEUE_UPDATED": EV_QUEUE_UPDATED, "QUEUE_DELETED": EV_QUEUE_DELETED,
                  "ROUTES_REPLACED": EV_ROUTES_REPLACED, "CALL_TARGET_LAPSED": EV_CALL_TARGET_LAPSED},
    "RouteField": {"CALLER": ROUTE_FIELD_CALLER, "DIALLED": ROUTE_FIELD_DIALLED},
}
