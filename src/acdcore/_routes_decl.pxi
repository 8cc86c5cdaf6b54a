# Number-prefix analysis (the seed's 字冠分析): C-level declarations.
#
# Included from _queue.pxd, so the ACD core compiled into the same extension, and any other
# extension that does `cimport acdcore._queue`, can match numbers without touching Python
# objects: RouteTable.c_match() runs without the GIL on a (const char*, length) pair.
#
# A table is immutable once built. Replacing the routing table means building a new
# RouteTable and swapping the reference, so a lookup never sees a half-built table.

cimport cython
from libc.stdint cimport int32_t, uint64_t

cdef extern from *:
    """
    #ifndef ACDCORE_DEBUG
    #define ACDCORE_DEBUG 0
    #endif
    #if defined(__POPCNT__)
    #define acd_rt_popcount64(x) __builtin_popcountll((unsigned long long)(x))
    #else
    /* without -mpopcnt, __builtin_popcountll is a call into libgcc: count inline */
    static inline int acd_rt_popcount64(unsigned long long x) {
        x = x - ((x >> 1) & 0x5555555555555555ULL);
        x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
        x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
        return (int)((x * 0x0101010101010101ULL) >> 56);
    }
    #endif
    """
    # 0 or 1, set by setup.py; expensive invariant checks are compiled in only when 1.
    # Declared once here for the whole _queue extension: other includes reuse it.
    const int ACDCORE_DEBUG
    int acd_rt_popcount64(uint64_t x) noexcept nogil


# Same numbers as acdcore.enums.RouteField.
cdef enum acd_route_field:
    ROUTE_FIELD_CALLER = 1
    ROUTE_FIELD_DIALLED = 2


# Bits of acd_route_info.flags: what a route names, so C code can decide without
# fetching the Route object.
cdef enum acd_route_flag:
    ROUTE_HAS_QUEUE = 1
    ROUTE_HAS_MENU = 2
    ROUTE_HAS_REJECT = 4


# How a pattern ends at a trie node; indexes acd_rt_node.term. The order is the
# specificity order of acdcore._patterns (RANK_END < RANK_ONE_OR_MORE < RANK_ZERO_OR_MORE).
cdef enum acd_rt_term:
    RT_TERM_END = 0           # fixed-length pattern ends here; the number must end too
    RT_TERM_ONE_OR_MORE = 1   # '.' here: one or more further characters
    RT_TERM_ZERO_OR_MORE = 2  # '!' here (a plain prefix ends so): zero or more
    RT_N_TERMS = 3


cdef enum:
    RT_NONE = -1
    # patterns only hold printable ASCII, so a 128-bit mask covers every element
    RT_ALPHABET = 128
    # RouteDecision objects cached per (caller route, dialled route) pair, at most
    RT_DECISION_CACHE_MAX = 65536
    # keys and node ids are int32; 80 elements per pattern keeps nodes below 2**31
    RT_MAX_ROUTES = 1000000


# One trie node. Children that accept a single character ("literals", the common case)
# are found in O(1): bit c of lit_mask says a child exists, and the number of set bits
# below c is its offset from lit_base in acd_rt_trie.lit_child. Children that accept
# several characters (X, Z, N, [..]) are edges sorted by rank (set size).
ctypedef struct acd_rt_node:
    uint64_t lit_mask[2]
    int32_t lit_base
    int32_t set_base
    int32_t n_set
    # key of the route whose pattern ends here in that way, or RT_NONE
    int32_t term[3]   # RT_N_TERMS


ctypedef struct acd_rt_set_edge:
    uint64_t mask[2]
    int32_t rank
    int32_t child


# Flat arrays owned by one RouteTable. A route's key is its position when all routes are
# sorted by (field, specificity vector, table index): among matching routes of one field
# the smallest key is the answer, so the search compares plain ints.
ctypedef struct acd_rt_trie:
    acd_rt_node *nodes
    int32_t *lit_child
    acd_rt_set_edge *sets
    int32_t *key_route      # key -> table index
    int32_t n_nodes
    int32_t n_lit
    int32_t n_sets
    int32_t root[3]         # by acd_route_field; root[0] unused


ctypedef struct acd_route_info:
    int32_t field           # acd_route_field
    int32_t priority        # acdcore.enums.Priority value, 0 when the route sets none
    int32_t flags           # acd_route_flag bits
    int32_t key


@cython.final
cdef class RouteTable:
    cdef tuple _routes
    cdef int32_t n_routes
    cdef acd_rt_trie t
    cdef acd_route_info *info
    # (caller index + 1) * (n_routes + 1) + (dialled index + 1) -> RouteDecision
    cdef dict _decisions

    # The most specific route of `field` matching the whole number s[0:n] (UTF-8), as its
    # index in the table, or -1. s need not be validated: any byte sequence is safe.
    cdef int c_match(self, const char *s, Py_ssize_t n, int field) noexcept nogil
    # Route at `index`, or None when there is none (-1, or out of range).
    cdef object c_route(self, int index)
    # C-level facts about the route at `index` (0 <= index < n_routes).
    cdef const acd_route_info *c_info(self, int index) noexcept nogil
    # The RouteDecision for a caller route and a dialled route index (-1: none), cached.
    cdef object c_decision(self, int caller_index, int dialled_index)
    # lookup() without the Python call: validates both numbers like lookup().
    cdef object c_lookup(self, object caller, object dialled)

    cdef int _build(self, object routes) except -1
    cdef int _debug_check(self) except -1


# Validate a number (types.check_text(number, "number", MAX_NUMBER_LEN) semantics, raising
# InvalidArgumentError) and expose its UTF-8 bytes without copying; the buffer lives as long
# as the str object.
cdef int acd_number_view(object number, const char **buf, Py_ssize_t *size) except -1
