# Number-prefix analysis (the seed's 字冠分析): the compiled routing table.
#
# Semantics are those of acdcore._patterns (parse_pattern, match_vector); the pure twin is
# acdcore._pure.routes and tests/test_routes.py checks all three agree. Declarations are in
# _routes_decl.pxi.
#
# Construction (rare, off the hot path) works on the parsed patterns with Python dicts and
# ends with the trie laid out in C arrays; matching walks those arrays only, without the GIL.

cimport cython
from cpython.dict cimport PyDict_GetItem
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from cpython.object cimport PyObject
from cpython.unicode cimport PyUnicode_AsUTF8AndSize, PyUnicode_Check
from libc.stdint cimport int32_t, uint64_t
from libc.string cimport memset

cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object o)

from acdcore._patterns import (
    ONE_OR_MORE as _RT_ONE_OR_MORE,
    RANK_END as _RT_RANK_END,
    ZERO_OR_MORE as _RT_ZERO_OR_MORE,
    element_rank as _rt_element_rank,
    match_vector as _rt_match_vector,
    parse_pattern as _rt_parse_pattern,
)
from acdcore.enums import Priority as _RtPriority, RouteField as _RtRouteField
from acdcore.errors import DuplicateRouteError, InvalidArgumentError
from acdcore.types import (
    MAX_NUMBER_LEN as _RT_MAX_NUMBER_LEN,
    Route as _RtRoute,
    RouteDecision as _RtRouteDecision,
    check_enum as _rt_check_enum,
    check_text as _rt_check_text,
)

# C statics: compared by identity on every match() call, cheaper than a module lookup
cdef object _rt_field_dialled = _RtRouteField.DIALLED
cdef object _rt_field_caller = _RtRouteField.CALLER
cdef object _rt_priority_normal = _RtPriority.NORMAL


# --------------------------------------------------------------------------- numbers

@cython.boundscheck(False)
cdef inline bint _rt_ascii_number_ok(const unsigned char *p, Py_ssize_t n) noexcept nogil:
    # printable ASCII (space included, as str.isprintable() says) and no '|'
    cdef Py_ssize_t i
    cdef unsigned char c
    for i in range(n):
        c = p[i]
        if c < 0x20 or c > 0x7e or c == 0x7c:
            return False
    return True


cdef int acd_number_view(object number, const char **buf, Py_ssize_t *size) except -1:
    cdef Py_ssize_t n
    cdef const char *p
    if PyUnicode_Check(number) and PyUnicode_IS_ASCII(number):
        p = PyUnicode_AsUTF8AndSize(number, &n)
        if n <= _RT_MAX_NUMBER_LEN and _rt_ascii_number_ok(<const unsigned char *>p, n):
            buf[0] = p
            size[0] = n
            return 0
    # Slow path: not a str, bad ASCII, or non-ASCII text. check_text raises the one
    # exception both implementations raise; a non-ASCII number that passes it is printable
    # (so has no lone surrogates) and encodes to UTF-8. Its multi-byte characters never
    # match a pattern element, which holds ASCII only, so matching bytes equals matching
    # characters.
    _rt_check_text(number, "number", _RT_MAX_NUMBER_LEN)
    buf[0] = PyUnicode_AsUTF8AndSize(number, size)
    return 0


cdef inline int _rt_field_value(object field) except -1:
    if field is _rt_field_dialled:
        return ROUTE_FIELD_DIALLED
    if field is _rt_field_caller:
        return ROUTE_FIELD_CALLER
    return int(_rt_check_enum(_RtRouteField, field, "field"))


# --------------------------------------------------------------------------- search

cdef inline bint _rt_mask_has(const uint64_t *mask, unsigned int c) noexcept nogil:
    return (mask[c >> 6] >> (c & 63)) & 1


cdef inline int32_t _rt_lit_offset(const uint64_t *mask, unsigned int c) noexcept nogil:
    # set bits below c: the rank of c among the node's literal characters
    if c < 64:
        return acd_rt_popcount64(mask[0] & ((<uint64_t>1 << c) - 1))
    return acd_rt_popcount64(mask[0]) + acd_rt_popcount64(mask[1] & ((<uint64_t>1 << (c - 64)) - 1))


cdef int32_t _rt_search(const acd_rt_trie *t, int32_t node, const unsigned char *s,
                        Py_ssize_t pos, Py_ssize_t n) noexcept nogil:
    # Smallest key of the routes below `node` matching s[pos:n]. Alternatives are tried in
    # the order their specificity rank at this position sorts: a literal (rank 1), then set
    # edges by size, then '.', then '!'. The first alternative that matches at all wins
    # over every later one, whatever follows, because vectors compare position by position
    # and no vector is a prefix of another (a vector ends with a terminal rank 0/1000/1001,
    # which no element rank 1..93 equals). Only edges of equal rank must all be searched,
    # and then the smaller key decides, as the keys are sorted by the remaining vector.
    # Every node is visited at most once and depth is bounded by the pattern length.
    cdef const acd_rt_node *nd = &t.nodes[node]
    cdef unsigned int c
    cdef int32_t k, best, rank, i, end
    cdef const acd_rt_set_edge *e
    if pos == n:
        if nd.term[<int>RT_TERM_END] != RT_NONE:
            return nd.term[<int>RT_TERM_END]
        return nd.term[<int>RT_TERM_ZERO_OR_MORE]
    c = s[pos]
    if c < RT_ALPHABET:
        if _rt_mask_has(nd.lit_mask, c):
            k = _rt_search(t, t.lit_child[nd.lit_base + _rt_lit_offset(nd.lit_mask, c)], s, pos + 1, n)
            if k != RT_NONE:
                return k
        i = nd.set_base
        end = i + nd.n_set
        while i < end:
            rank = t.sets[i].rank
            best = RT_NONE
            while i < end and t.sets[i].rank == rank:
                e = &t.sets[i]
                if _rt_mask_has(e.mask, c):
                    k = _rt_search(t, e.child, s, pos + 1, n)
                    if k != RT_NONE and (best == RT_NONE or k < best):
                        best = k
                i += 1
            if best != RT_NONE:
                return best
    if nd.term[<int>RT_TERM_ONE_OR_MORE] != RT_NONE:
        return nd.term[<int>RT_TERM_ONE_OR_MORE]
    return nd.term[<int>RT_TERM_ZERO_OR_MORE]


# --------------------------------------------------------------------------- construction

cdef tuple _rt_vector(tuple elements):
    # the specificity vector match_vector() returns for this pattern whenever it matches:
    # it depends on the pattern alone, which is what lets keys be precomputed
    cdef list v = [_rt_element_rank(el) for el in elements]
    # (wraparound is off in this extension: no negative indexes)
    if not isinstance(elements[len(elements) - 1], str):
        v.append(_RT_RANK_END)
    return tuple(v)


cdef object _rt_decide(object c, object d):
    # acdcore._pure.routes._decide, the rule RouteDecision documents
    reject = c.reject if c is not None and c.reject else (d.reject if d is not None else None)
    if c is not None and (c.queue is not None or c.menu is not None):
        queue, menu = c.queue, c.menu
    elif d is not None:
        queue, menu = d.queue, d.menu
    else:
        queue = menu = None
    if c is not None and c.priority is not None:
        priority = c.priority
    elif d is not None and d.priority is not None:
        priority = d.priority
    else:
        priority = _rt_priority_normal
    return _RtRouteDecision(queue, menu, priority, reject, c, d)


cdef void _rt_mask_set(uint64_t *mask, unsigned int c) noexcept nogil:
    mask[c >> 6] |= (<uint64_t>1) << (c & 63)


cdef inline bint _rt_set_edge_before(const acd_rt_set_edge *a, const acd_rt_set_edge *b) noexcept nogil:
    return a.rank < b.rank or (a.rank == b.rank and a.child < b.child)


cdef void *_rt_alloc(Py_ssize_t count, size_t item) except NULL:
    cdef void *p
    if count <= 0:
        count = 1  # so a NULL return always means failure
    p = PyMem_Malloc(<size_t>count * item)
    if p == NULL:
        raise MemoryError()
    return p


@cython.final
cdef class RouteTable:
    """An immutable number-prefix routing table (compiled).

    RouteTable(routes=()) takes Route records; the most specific route of a field that
    matches the whole number wins, ties going to the route listed first (see
    acdcore._patterns). To change the routing, build a new table and swap it in.
    """

    def __cinit__(self, routes=()):
        # Built in __cinit__, not __init__: a table can never be seen half built or rebuilt
        # in place, and __dealloc__ frees whatever a failed build allocated.
        self._routes = ()
        self.n_routes = 0
        memset(&self.t, 0, sizeof(acd_rt_trie))
        self.info = NULL
        self._decisions = {}
        self._build(routes)
        if ACDCORE_DEBUG:
            self._debug_check()

    def __dealloc__(self):
        PyMem_Free(self.t.nodes)
        PyMem_Free(self.t.lit_child)
        PyMem_Free(self.t.sets)
        PyMem_Free(self.t.key_route)
        PyMem_Free(self.info)

    cdef int _build(self, object routes) except -1:
        cdef Py_ssize_t i, j, k, n, n_nodes
        cdef long long node, child, code, edge
        cdef int32_t lit_pos, set_pos, field, sid, base
        cdef acd_rt_node *nd
        cdef acd_rt_set_edge *se
        cdef acd_rt_set_edge tmp
        cdef acd_route_info *inf
        try:
            it = iter(routes)
        except TypeError:
            raise InvalidArgumentError(
                f"routes must be an iterable of Route, not {type(routes).__name__}", field="routes") from None
        items = []
        parsed = []
        seen = {}
        for route in it:
            if not isinstance(route, _RtRoute):
                raise InvalidArgumentError(
                    f"routes[{len(items)}] is {type(route).__name__}, not a Route", field="routes")
            if len(items) >= RT_MAX_ROUTES:
                raise InvalidArgumentError(f"at most {RT_MAX_ROUTES} routes", field="routes")
            elements = _rt_parse_pattern(route.pattern)
            fld = _rt_check_enum(_RtRouteField, route.field, "route field")
            other = seen.get((fld, elements))
            if other is not None:
                raise DuplicateRouteError(
                    f"route {route.pattern!r} duplicates route {other.pattern!r}: "
                    f"both match the same {fld.name.lower()} numbers",
                    pattern=route.pattern, existing=other.pattern)
            seen[(fld, elements)] = route
            items.append(route)
            parsed.append((int(fld), elements))
        n = len(items)

        # keys: table indexes sorted by (field, specificity vector, index)
        order = sorted(range(n), key=lambda idx: (parsed[idx][0], _rt_vector(parsed[idx][1]), idx))
        keys = [0] * n
        for j in range(n):
            keys[order[j]] = j

        # The trie is first a dict of edges, (parent << 32 | code) -> child, node ids in
        # creation order (0 and 1 are the roots). An element's code is its character for a
        # literal, or RT_ALPHABET + an id shared by equal sets.
        edges = {}
        set_ids = {}
        set_elems = []
        finals = []        # (node, acd_rt_term, key)
        n_nodes = 2
        for i in range(n):
            field, elements = parsed[i]
            node = 0 if field == ROUTE_FIELD_CALLER else 1
            term = RT_TERM_END
            for el in elements:
                if type(el) is str:
                    term = RT_TERM_ONE_OR_MORE if el == _RT_ONE_OR_MORE else RT_TERM_ZERO_OR_MORE
                    break
                if len(el) == 1:
                    (ch,) = el
                    code = ord(ch)
                else:
                    sid = set_ids.get(el, -1)
                    if sid < 0:
                        sid = len(set_elems)
                        set_ids[el] = sid
                        set_elems.append(el)
                    code = RT_ALPHABET + sid
                edge = (node << 32) | code
                found = edges.get(edge)
                if found is None:
                    child = n_nodes
                    n_nodes += 1
                    edges[edge] = child
                else:
                    child = found
                node = child
            # duplicates were refused above, so each (node, term) slot is taken once
            finals.append((node, term, keys[i]))
        if n_nodes >= 0x7fffffff:
            raise InvalidArgumentError("routing table too large", field="routes")

        self.t.nodes = <acd_rt_node *>_rt_alloc(n_nodes, sizeof(acd_rt_node))
        memset(self.t.nodes, 0, n_nodes * sizeof(acd_rt_node))
        self.t.n_nodes = <int32_t>n_nodes
        for i in range(n_nodes):
            for j in range(RT_N_TERMS):
                self.t.nodes[i].term[j] = RT_NONE
        for node, term, key in finals:
            self.t.nodes[node].term[<int>term] = key
        # count children: literal ones as mask bits, set edges in n_set
        for edge in edges:
            node = edge >> 32
            code = edge & 0xffffffff
            if code < RT_ALPHABET:
                _rt_mask_set(self.t.nodes[node].lit_mask, <unsigned int>code)
                self.t.n_lit += 1
            else:
                self.t.nodes[node].n_set += 1
                self.t.n_sets += 1
        lit_pos = set_pos = 0
        for i in range(n_nodes):
            nd = &self.t.nodes[i]
            nd.lit_base = lit_pos
            nd.set_base = set_pos
            lit_pos += acd_rt_popcount64(nd.lit_mask[0]) + acd_rt_popcount64(nd.lit_mask[1])
            set_pos += nd.n_set
            nd.n_set = 0       # refilled below as the edges are placed
        self.t.lit_child = <int32_t *>_rt_alloc(self.t.n_lit, sizeof(int32_t))
        self.t.sets = <acd_rt_set_edge *>_rt_alloc(self.t.n_sets, sizeof(acd_rt_set_edge))
        set_rank = [len(el) for el in set_elems]
        for edge, found in edges.items():
            node = edge >> 32
            code = edge & 0xffffffff
            child = found
            nd = &self.t.nodes[node]
            if code < RT_ALPHABET:
                self.t.lit_child[nd.lit_base + _rt_lit_offset(nd.lit_mask, <unsigned int>code)] = <int32_t>child
            else:
                sid = <int32_t>(code - RT_ALPHABET)
                se = &self.t.sets[nd.set_base + nd.n_set]
                nd.n_set += 1
                se.mask[0] = se.mask[1] = 0
                for ch in set_elems[sid]:
                    _rt_mask_set(se.mask, ord(ch))
                se.rank = set_rank[sid]
                se.child = <int32_t>child
        # set edges by rank (then child id, for a deterministic layout): few per node
        for i in range(n_nodes):
            nd = &self.t.nodes[i]
            base = nd.set_base
            for j in range(1, nd.n_set):
                tmp = self.t.sets[base + j]
                k = j
                while k > 0 and _rt_set_edge_before(&tmp, &self.t.sets[base + k - 1]):
                    self.t.sets[base + k] = self.t.sets[base + k - 1]
                    k -= 1
                self.t.sets[base + k] = tmp
        self.t.root[0] = RT_NONE
        self.t.root[<int>ROUTE_FIELD_CALLER] = 0
        self.t.root[<int>ROUTE_FIELD_DIALLED] = 1

        self.t.key_route = <int32_t *>_rt_alloc(n, sizeof(int32_t))
        self.info = <acd_route_info *>_rt_alloc(n, sizeof(acd_route_info))
        for i in range(n):
            self.t.key_route[<int32_t>keys[i]] = <int32_t>i
            route = items[i]
            inf = &self.info[i]
            inf.field = parsed[i][0]
            inf.priority = 0 if route.priority is None else int(route.priority)
            inf.flags = ((ROUTE_HAS_QUEUE if route.queue is not None else 0)
                         | (ROUTE_HAS_MENU if route.menu is not None else 0)
                         | (ROUTE_HAS_REJECT if route.reject else 0))
            inf.key = keys[i]
        self._routes = tuple(items)
        self.n_routes = <int32_t>n
        return 0

    cdef int _debug_check(self) except -1:
        # ACDCORE_DEBUG builds: the flattened arrays are consistent and hold every route.
        cdef int32_t nid, j, total_lit = 0, total_set = 0
        cdef acd_rt_node *nd
        seen = [False] * self.n_routes
        for j in range(self.n_routes):
            k = self.t.key_route[j]
            assert 0 <= k < self.n_routes and not seen[k], "key_route is not a permutation"
            seen[k] = True
            assert self.info[k].key == j, "info.key disagrees with key_route"
        for nid in range(self.t.n_nodes):
            nd = &self.t.nodes[nid]
            assert nd.lit_base == total_lit and nd.set_base == total_set, "edges out of order"
            total_lit += acd_rt_popcount64(nd.lit_mask[0]) + acd_rt_popcount64(nd.lit_mask[1])
            total_set += nd.n_set
            for j in range(nd.set_base, nd.set_base + nd.n_set - 1):
                assert self.t.sets[j].rank <= self.t.sets[j + 1].rank, "set edges not sorted by rank"
            for j in range(nd.set_base, nd.set_base + nd.n_set):
                assert self.t.sets[j].rank > 1, "a single-character set must be a literal edge"
        assert total_lit == self.t.n_lit and total_set == self.t.n_sets, "edge counts disagree"
        for j in range(self.t.n_lit):
            assert 0 < self.t.lit_child[j] < self.t.n_nodes, "literal child out of range"
        for j in range(self.t.n_sets):
            assert 0 < self.t.sets[j].child < self.t.n_nodes, "set child out of range"
        return 0

    # ------------------------------------------------------------------ C level

    cdef int c_match(self, const char *s, Py_ssize_t n, int field) noexcept nogil:
        cdef int32_t k
        if field != ROUTE_FIELD_CALLER and field != ROUTE_FIELD_DIALLED:
            return -1
        k = _rt_search(&self.t, self.t.root[field], <const unsigned char *>s, 0, n)
        if k == RT_NONE:
            return -1
        return self.t.key_route[k]

    cdef object c_route(self, int index):
        if index < 0 or index >= self.n_routes:
            return None
        return self._routes[index]

    cdef const acd_route_info *c_info(self, int index) noexcept nogil:
        return &self.info[index]

    cdef object c_decision(self, int caller_index, int dialled_index):
        cdef Py_ssize_t code = (<Py_ssize_t>caller_index + 1) * (self.n_routes + 1) + (dialled_index + 1)
        cdef PyObject *hit
        key = code
        hit = PyDict_GetItem(self._decisions, key)
        if hit != NULL:
            return <object>hit
        decision = _rt_decide(self.c_route(caller_index), self.c_route(dialled_index))
        # Bounded so a long-running core cannot grow it without limit; past the bound,
        # decisions are built per call, which is only slower.
        if len(self._decisions) < RT_DECISION_CACHE_MAX:
            self._decisions[key] = decision
        return decision

    cdef object c_lookup(self, object caller, object dialled):
        cdef const char *cs
        cdef const char *ds
        cdef Py_ssize_t cn, dn
        cdef int ci, di
        acd_number_view(caller, &cs, &cn)
        acd_number_view(dialled, &ds, &dn)
        ci = self.c_match(cs, cn, ROUTE_FIELD_CALLER)
        di = self.c_match(ds, dn, ROUTE_FIELD_DIALLED)
        return self.c_decision(ci, di)

    # ------------------------------------------------------------------ Python API

    @property
    def routes(self):
        """The routes, in table order (tuple[Route, ...])."""
        return self._routes

    def __len__(self):
        return self.n_routes

    def __repr__(self):
        return f"<acdcore RouteTable of {self.n_routes} routes (compiled)>"

    def __reduce__(self):
        return (RouteTable, (self._routes,))

    def match(self, number, field=_RtRouteField.DIALLED):
        """The most specific route of ``field`` matching the whole ``number``, or None."""
        cdef const char *s
        cdef Py_ssize_t n
        cdef int f = _rt_field_value(field)
        cdef int i
        acd_number_view(number, &s, &n)
        i = self.c_match(s, n, f)
        if ACDCORE_DEBUG:
            _rt_debug_match(self, number, f, i)
        return self.c_route(i)

    def lookup(self, caller, dialled):
        """Decide a call from its caller and dialled numbers (a RouteDecision)."""
        return self.c_lookup(caller, dialled)


cdef int _rt_debug_match(RouteTable table, object number, int field, int found) except -1:
    # ACDCORE_DEBUG builds: the trie agrees with the reference semantics, by brute force.
    best = None
    for i, route in enumerate(table._routes):
        if table.info[i].field != field:
            continue
        v = _rt_match_vector(_rt_parse_pattern(route.pattern), number)
        if v is not None and (best is None or (v, i) < best):
            best = (v, i)
    expected = -1 if best is None else best[1]
    assert found == expected, f"route trie found {found}, brute force {expected} for {number!r}"
    return 0
