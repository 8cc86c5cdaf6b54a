# The compiled ACD core. The pure twin (acdcore/_pure/core.py) is its specification: the
# methods below follow it step for step, so that both emit the same events in the same
# order; the differences are in the data structures (skip lists, an indexed heap, intrusive
# tier lists, C rings) that make each operation cheap.

cdef inline uint64_t _splitmix(uint64_t *state) noexcept:
    # splitmix64: tiny, fast, and bit-identical to the pure twin's
    cdef uint64_t z
    state[0] += <uint64_t>0x9E3779B97F4A7C15
    z = state[0]
    z = (z ^ (z >> 30)) * <uint64_t>0xBF58476D1CE4E5B9
    z = (z ^ (z >> 27)) * <uint64_t>0x94D049BB133111EB
    return z ^ (z >> 31)


cdef class Core:
    """The ACD: queues, agents, calls, routing, timers and statistics of one call center.

    Single-threaded and passive: it starts no thread and polls nothing. Every operation
    reads the clock, first fires the timers that fell due (each at its own due time), then
    acts; any assignment the operation makes possible happens inside it.
    """

    def __cinit__(self):
        self._heap = NULL
        self._ev = NULL
        self._explain = NULL
        self._ended_time = NULL
        self._ended_id = NULL

    def __init__(self, *, clock=None, seed=0, ended_call_memory=3600.0, ended_call_limit=100_000):
        if clock is not None and not callable(clock):
            raise _errors.InvalidArgumentError("clock must be a callable returning seconds", field="clock")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise _errors.InvalidArgumentError("seed must be an integer", field="seed")
        mem = _check_time(ended_call_memory, "ended_call_memory")
        if isinstance(ended_call_limit, bool) or not isinstance(ended_call_limit, int) or ended_call_limit < 0:
            raise _errors.InvalidArgumentError("ended_call_limit must be an integer >= 0",
                                               field="ended_call_limit")
        if self._heap != NULL:
            raise TypeError("Core.__init__ may run only once")
        self._clock = clock
        self._own_clock = clock is None
        self._rng = seed & 0xFFFFFFFFFFFFFFFF
        self._sl_rng = 0x2545F4914F6CDD1D
        self._now = 0.0
        self._queues = {}
        self._agents = {}
        _cm_init(&self._calls, 1024)
        self._arrivals = 0
        _em_init(&self._ended, 1024)
        self._ended_memory = mem
        self._ended_limit = ended_call_limit
        self._ended_cap = 1024
        self._ended_head = self._ended_len = 0
        self._ended_time = <double *>malloc(self._ended_cap * sizeof(double))
        self._ended_id = <PyObject **>malloc(self._ended_cap * sizeof(PyObject *))
        self._skills = {}
        _om_init(&self._offers, 256)
        self._uid_names = {}
        self._next_uid = 0
        self._last_offer = 0
        self._explain = <acd_explain *>malloc(ACD_EXPLAIN_CAPACITY * sizeof(acd_explain))
        self._heap_cap = 1024
        self._heap_len = 0
        self._heap_stale = 0
        self._heap = <acd_timer *>malloc(self._heap_cap * sizeof(acd_timer))
        self._sched_seq = self._call_seq = self._avail_seq = 0
        self._ev_cap = 1024
        self._ev_head = self._ev_len = 0
        self._ev = <acd_event *>malloc(self._ev_cap * sizeof(acd_event))
        self._event_seq = 0
        if (self._heap == NULL or self._ev == NULL or self._explain == NULL or self._ended_time == NULL
                or self._ended_id == NULL):
            raise MemoryError()
        memset(self._explain, 0, ACD_EXPLAIN_CAPACITY * sizeof(acd_explain))
        self._routes = RouteTable(())
        self._routes_version = 0

    def __dealloc__(self):
        cdef Py_ssize_t i
        cdef _Agent a
        # a ringing or connected call and its agent point at each other, and calls are not
        # tracked by the cycle collector: break those pairs here
        cdef _Queue q
        if self._agents is not None:
            for a in self._agents.values():
                if a.call is not None:
                    a.call.agent = None
                    a.call = None
        # calls are untracked, so a waiting targeted call (queue.targeted -> call -> target agent ->
        # member -> queue) would hide a cycle from the collector
        if self._queues is not None:
            for q in self._queues.values():
                q.targeted = None
        if self._ev != NULL:
            for i in range(self._ev_len):
                _clear_event(&self._ev[(self._ev_head + i) & (self._ev_cap - 1)])
            free(self._ev)
        if self._explain != NULL:
            for i in range(ACD_EXPLAIN_CAPACITY):
                Py_XDECREF(self._explain[i].call_id)
                Py_XDECREF(self._explain[i].agent_id)
                Py_XDECREF(self._explain[i].queue)
            free(self._explain)
        if self._ended_id != NULL:
            for i in range(self._ended_len):
                Py_XDECREF(self._ended_id[(self._ended_head + i) % self._ended_cap])
            free(self._ended_id)
        free(self._ended_time)
        if self._heap != NULL:
            for i in range(self._heap_len):
                Py_XDECREF(self._heap[i].obj)
        free(self._heap)
        free(self._ended.slots)
        _cm_free(&self._calls)
        free(self._offers.slots)

    # ------------------------------------------------------------------ time
    @property
    def now(self):
        """The core's time: the clock reading of the last operation (or advance)."""
        return self._now

    cdef double _read_clock(self) except -1.0:
        cdef double t
        if self._own_clock:
            t = _mono_now()
        else:
            v = self._clock()
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise _errors.InvalidTimeError("the clock returned a non-number", field="clock")
            t = v
            if not isfinite(t) or t < 0 or t > _MAX_TIME:
                raise _errors.InvalidTimeError(f"the clock returned {t!r}", field="clock")
        if t < self._now:
            raise _errors.InvalidTimeError(f"the clock went backwards: {t!r} < {self._now!r}", field="clock")
        return t

    cdef double _begin(self) except -1.0:
        cdef double t = self._read_clock()
        self._run_timers(t)
        self._now = t
        # forget ended calls by the operation's own time, not by when advance() last ran, so
        # that replaying the same operations gives the same answers
        if self._ended_len:
            self._expire_ended()
        return t

    cdef int _end(self) except -1:
        self._run_timers(self._now)
        self._expire_ended()
        return 0

    def advance(self, now=None):
        """Fire every timer due at or before ``now`` (default: the clock); return how many fired."""
        cdef double t
        if now is None:
            t = self._read_clock()
        else:
            t = _check_time(now, "now")
            if t < self._now:
                raise _errors.InvalidTimeError(f"advance() cannot go back in time: {t!r} < {self._now!r}",
                                               field="now")
        cdef int fired = self._run_timers(t)
        self._now = t
        self._expire_ended()
        return fired

    def next_timer(self):
        """When the next timer falls due (None: no timer); a server sleeps until then."""
        cdef acd_timer top
        while self._heap_len > 0:
            if self._timer_field(self._heap[0].obj, self._heap[0].kind)[0] == self._heap[0].sseq:
                return self._heap[0].due
            self._h_pop(&top)
            self._heap_stale -= 1
            Py_XDECREF(top.obj)
        return None

    # --- timers: a 4-ary min-heap of (due, scheduled-seq), cancelled lazily -------------
    # An object (call or agent) has at most one live timer: the entry whose sseq equals its
    # ``timer`` field. Cancelling or rescheduling only changes that field; the old entry
    # stays until it surfaces and is dropped. So sifting never touches the objects (an
    # indexed heap writes a position into every object it moves: a cache miss per level),
    # and the order is exactly the pure twin's heapq with lazy deletion. Entries own a
    # reference, so a surfacing stale entry never points at a freed object; when stale
    # entries outnumber live ones the heap is rebuilt.
    cdef bint _h_less(self, Py_ssize_t i, Py_ssize_t j) noexcept:
        cdef acd_timer *a = &self._heap[i]
        cdef acd_timer *b = &self._heap[j]
        return a.due < b.due or (a.due == b.due and a.sseq < b.sseq)

    cdef void _h_up(self, Py_ssize_t i) noexcept:
        cdef acd_timer e = self._heap[i]
        cdef Py_ssize_t parent
        cdef acd_timer *p
        while i > 0:
            parent = (i - 1) >> 2
            p = &self._heap[parent]
            if not (e.due < p.due or (e.due == p.due and e.sseq < p.sseq)):
                break
            self._heap[i] = p[0]
            i = parent
        self._heap[i] = e

    cdef void _h_down(self, Py_ssize_t i) noexcept:
        cdef acd_timer e = self._heap[i]
        cdef Py_ssize_t first, last, k, m
        cdef acd_timer *c
        cdef acd_timer *best
        while True:
            first = 4 * i + 1
            if first >= self._heap_len:
                break
            last = first + 4
            if last > self._heap_len:
                last = self._heap_len
            m = first
            best = &self._heap[first]
            for k in range(first + 1, last):
                c = &self._heap[k]
                if c.due < best.due or (c.due == best.due and c.sseq < best.sseq):
                    m = k
                    best = c
            if not (best.due < e.due or (best.due == e.due and best.sseq < e.sseq)):
                break
            self._heap[i] = best[0]
            i = m
        self._heap[i] = e

    cdef uint64_t *_timer_field(self, PyObject *obj, int kind) noexcept:
        if kind == TIMER_CALL:
            return &(<_Call>obj).timer
        return &(<_Agent>obj).timer

    cdef int _schedule(self, object obj, int kind, double due) except -1:
        cdef uint64_t *field = self._timer_field(<PyObject *>obj, kind)
        self._sched_seq += 1
        if field[0]:
            self._heap_stale += 1
        field[0] = self._sched_seq
        return self._h_push(obj, kind, due, self._sched_seq)

    cdef int _h_push(self, object obj, int kind, double due, uint64_t sseq) except -1:
        cdef acd_timer *e
        cdef acd_timer *grown
        if self._heap_len == self._heap_cap:
            if self._heap_stale > self._heap_len // 2:
                self._h_compact()
            if self._heap_len == self._heap_cap:
                grown = <acd_timer *>realloc(self._heap, 2 * self._heap_cap * sizeof(acd_timer))
                if grown == NULL:
                    raise MemoryError()
                self._heap = grown
                self._heap_cap *= 2
        e = &self._heap[self._heap_len]
        e.due = due
        e.sseq = sseq
        e.obj = <PyObject *>obj
        e.kind = kind
        Py_INCREF(obj)
        self._heap_len += 1
        self._h_up(self._heap_len - 1)
        return 0

    cdef void _h_compact(self) noexcept:
        """Drop every stale entry and re-heapify: O(n), paid for by the n/2 stale ones."""
        cdef Py_ssize_t i, j = 0
        cdef acd_timer *e
        for i in range(self._heap_len):
            e = &self._heap[i]
            if self._timer_field(e.obj, e.kind)[0] == e.sseq:
                self._heap[j] = e[0]
                j += 1
            else:
                Py_XDECREF(e.obj)
        self._heap_len = j
        self._heap_stale = 0
        i = (j - 2) >> 2 if j > 1 else -1
        while i >= 0:
            self._h_down(i)
            i -= 1

    cdef int _cancel_call_timer(self, _Call c) except -1:
        if c.timer:
            c.timer = 0
            self._heap_stale += 1
        return 0

    cdef int _cancel_agent_timer(self, _Agent a) except -1:
        if a.timer:
            a.timer = 0
            self._heap_stale += 1
        return 0

    cdef int _h_pop(self, acd_timer *out) except -1:
        out[0] = self._heap[0]
        self._heap_len -= 1
        if self._heap_len > 0:
            self._heap[0] = self._heap[self._heap_len]
            self._h_down(0)
        return 0

    cdef int _run_timers(self, double t) except -1:
        cdef int fired = 0
        cdef acd_timer top
        cdef uint64_t *field
        while self._heap_len > 0 and self._heap[0].due <= t:
            self._h_pop(&top)
            field = self._timer_field(top.obj, top.kind)
            if field[0] != top.sseq:
                self._heap_stale -= 1
                Py_XDECREF(top.obj)
                continue
            field[0] = 0
            self._now = top.due
            fired += 1
            try:
                if top.kind == TIMER_CALL:
                    self._fire_call(<_Call>top.obj)
                else:
                    self._fire_agent(<_Agent>top.obj)
            finally:
                Py_XDECREF(top.obj)
        return fired

    # ------------------------------------------------------------------ events
    cdef acd_event *_emit(self, int etype) except NULL:
        cdef acd_event *grown
        cdef acd_event *slot
        cdef Py_ssize_t i
        if self._ev_len == self._ev_cap:
            grown = <acd_event *>malloc(2 * self._ev_cap * sizeof(acd_event))
            if grown == NULL:
                raise MemoryError()
            for i in range(self._ev_len):
                grown[i] = self._ev[(self._ev_head + i) & (self._ev_cap - 1)]
            free(self._ev)
            self._ev = grown
            self._ev_head = 0
            self._ev_cap *= 2
        slot = &self._ev[(self._ev_head + self._ev_len) & (self._ev_cap - 1)]
        memset(slot, 0, sizeof(acd_event))
        self._ev_len += 1
        self._event_seq += 1
        slot.seq = self._event_seq
        slot.time = self._now
        slot.type = etype
        slot.penalty_limit = -1
        slot.step = -1
        return slot

    def read_events(self, max_count=None):
        """Take the oldest pending events, in order (all of them by default)."""
        cdef Py_ssize_t n, i
        cdef list out
        if max_count is None:
            n = self._ev_len
        else:
            if isinstance(max_count, bool) or not isinstance(max_count, int) or max_count < 0:
                raise _errors.InvalidArgumentError("max_count must be an integer >= 0", field="max_count")
            n = min(<Py_ssize_t>max_count, self._ev_len)
        out = [None] * n
        for i in range(n):
            out[i] = _take_event(&self._ev[(self._ev_head + i) & (self._ev_cap - 1)])
        self._ev_head = (self._ev_head + n) & (self._ev_cap - 1)
        self._ev_len -= n
        return out

    @property
    def events_pending(self):
        return self._ev_len

    @property
    def last_event_seq(self):
        return self._event_seq

    # --- C-level API --------------------------------------------------------------------
    cdef double c_now(self) noexcept:
        return self._now

    cdef int c_advance(self, double now) except -1:
        if not isfinite(now) or now < self._now:
            raise _errors.InvalidTimeError("c_advance() needs a finite time not before now", field="now")
        self._run_timers(now)
        self._now = now
        self._expire_ended()
        return 0

    cdef Py_ssize_t c_events_pending(self) noexcept:
        return self._ev_len

    cdef const acd_event *c_event(self, Py_ssize_t i) noexcept:
        if i < 0 or i >= self._ev_len:
            return NULL
        return &self._ev[(self._ev_head + i) & (self._ev_cap - 1)]

    cdef int c_waiting(self, str queue) except -2:
        q = self._queues.get(queue)
        if q is None:
            return -1
        return (<_Queue>q).n_waiting

    cdef int c_agent_state(self, str agent_id) except -1:
        a = self._agents.get(agent_id)
        if a is None:
            return 0
        return (<_Agent>a).state

    # ------------------------------------------------------------------ rng
    cdef uint64_t _rand(self) noexcept:
        return _splitmix(&self._rng)

    cdef int _sl_level(self) noexcept:
        # xorshift64 for skip-list levels only: it never affects results, so it stays out
        # of the routing random stream the pure twin mirrors
        cdef uint64_t x = self._sl_rng
        cdef int lvl = 1
        x ^= x << 13
        x ^= x >> 7
        x ^= x << 17
        self._sl_rng = x
        while (x & 3) == 0 and lvl < SL_MAX_LEVEL:
            lvl += 1
            x >>= 2
        return lvl

    # ------------------------------------------------------------------ skills
    cdef dict _skill_indexes(self, object skills):
        new = [s for s in skills if s not in self._skills]
        if len(self._skills) + len(new) > ACD_MAX_SKILLS:
            raise _errors.TooManySkillsError(f"a core knows at most {ACD_MAX_SKILLS} skills",
                                             limit=ACD_MAX_SKILLS)
        for s in new:
            self._skills[s] = len(self._skills)
        return {self._skills[s]: lvl for s, lvl in skills.items()}

    cdef dict _skill_indexes_known(self, object skills):
        return {self._skills[s]: lvl for s, lvl in skills.items()}

    cdef int _check_new_skills(self, object skills) except -1:
        cdef set new = set(s for s in skills if s not in self._skills)
        if len(self._skills) + len(new) > ACD_MAX_SKILLS:
            raise _errors.TooManySkillsError(f"a core knows at most {ACD_MAX_SKILLS} skills",
                                             limit=ACD_MAX_SKILLS)
        return 0

    cdef _Sig _merge_sig(self, _Sig base, dict extra):
        if not extra:
            return base
        cdef dict merged = {base.skill[i]: base.level[i] for i in range(base.n)}
        for s, lvl in extra.items():
            if merged.get(s, 0) < lvl:
                merged[s] = lvl
        return _make_sig(merged)

    # ------------------------------------------------------------------ lookups
    cdef _Queue _queue(self, object name):
        q = self._queues.get(name) if type(name) is str else None
        if q is None:
            _types.check_name(name, "queue name")
            raise _errors.UnknownQueueError(f"no queue named {name!r}", queue=name)
        return <_Queue>q

    cdef _Agent _agent(self, object agent_id):
        a = self._agents.get(agent_id) if type(agent_id) is str else None
        if a is None:
            _types.check_name(agent_id, "agent id")
            raise _errors.UnknownAgentError(f"no agent {agent_id!r}", agent_id=agent_id)
        return <_Agent>a

    cdef _Call _call(self, object call_id):
        cdef PyObject *found = _cm_get(&self._calls, call_id) if type(call_id) is str else NULL
        if found == NULL:
            _types.check_call_id(call_id)
            ended = _em_get(&self._ended, call_id)
            if ended:
                name = _CALL_STATES[ended].name
                raise _errors.CallEndedError(f"call {call_id!r} has ended ({name})", call_id=call_id, state=name)
            raise _errors.UnknownCallError(f"no call {call_id!r}", call_id=call_id)
        return <_Call>found

    # ------------------------------------------------------------------ queues
    def create_queue(self, config):
        if not isinstance(config, _types.QueueConfig):
            raise _errors.InvalidArgumentError("create_queue() takes a QueueConfig", field="config")
        self._begin()
        if config.name in self._queues:
            raise _errors.DuplicateQueueError(f"queue {config.name!r} exists", queue=config.name)
        self._check_queue_refs(config)
        self._check_new_skills(config.skills)
        cdef _Queue q = _Queue.__new__(_Queue)
        q.name = config.name
        q.members = []
        q.tiers = []
        q.buckets = []
        q.bucket_by_key = {}
        q.base_bucket = None
        q.targeted = {}
        q.rr_cursor = 0
        q.alive = True
        self._apply_queue_config(q, config)
        self._queues[q.name] = q
        ev = self._emit(EV_QUEUE_CREATED)
        ev.queue = _ref(q.name)
        self._end()

    cdef int _check_queue_refs(self, object config) except -1:
        target = config.overflow_target
        if target is not None and target not in self._queues:
            raise _errors.UnknownQueueError(f"overflow target {target!r} of queue {config.name!r} "
                                            f"does not exist", queue=target)
        return 0

    cdef int _apply_queue_config(self, _Queue q, object config) except -1:
        cdef int i
        q.cfg = config
        q.strategy = int(config.strategy)
        q.weight = config.weight
        q.wrap_up = config.wrap_up
        q.offer_timeout = config.offer_timeout
        q.retry_delay = config.retry_delay
        q.sl_threshold = config.service_level_threshold
        q.short_abandon = config.short_abandon_threshold
        q.max_waiting = config.max_waiting
        q.auto_pause_after = config.auto_pause_after
        q.join_empty = int(config.join_empty)
        q.leave_empty = int(config.leave_empty)
        q.default_handle_time = config.default_handle_time
        q.has_overflow = config.overflow_after is not None
        q.overflow_after = config.overflow_after if q.has_overflow else 0.0
        q.overflow_target = config.overflow_target
        q.has_overtake = config.max_priority_overtake is not None
        q.max_overtake = config.max_priority_overtake if q.has_overtake else 0.0
        q.limit0 = -1 if config.max_penalty is None else config.max_penalty
        q.final_limit = -1 if config.final_penalty is None else config.final_penalty
        rules = config.penalty_rules
        if len(rules) > 32:
            raise _errors.InvalidArgumentError("at most 32 penalty rules", field="penalty_rules")
        q.n_rules = len(rules)
        for i in range(q.n_rules):
            q.rule_after[i] = rules[i].after
            q.rule_penalty[i] = rules[i].max_penalty
        q.sig_base = _make_sig(self._skill_indexes(config.skills))
        q.sig_cache = {}
        q.base_bucket = q.bucket_by_key.get(q.sig_base.key)
        return 0

    def update_queue(self, config):
        """Replace a queue's configuration; waiting calls keep their place.

        New penalty rules apply to waiting calls from now on, by how long they have waited;
        new queue skills re-sort waiting calls into their new skill buckets.
        """
        if not isinstance(config, _types.QueueConfig):
            raise _errors.InvalidArgumentError("update_queue() takes a QueueConfig", field="config")
        cdef double t = self._begin()
        cdef _Queue q = self._queue(config.name)
        cdef _Call c
        self._check_queue_refs(config)
        self._check_new_skills(config.skills)
        waiting = self._waiting_in_order(q, True)
        # calls ringing now come back to this queue if unanswered: they take the new rules too
        cdef _Agent a
        ringing = [a.call for a in self._agents.values()
                   if a.state == AG_RESERVED and a.call is not None and a.call.queue is q]
        new_base = {self._skills.get(s, -1 - i): lvl for i, (s, lvl) in enumerate(config.skills.items())}
        for c in waiting + ringing:
            merged = dict(new_base)
            for s, lvl in self._skill_indexes_known(c.skills).items():
                if merged.get(s, 0) < lvl:
                    merged[s] = lvl
            if len(merged) > ACD_MAX_CALL_SKILLS:
                raise _errors.InvalidArgumentError(
                    f"call {c.id!r} would need more than {ACD_MAX_CALL_SKILLS} skills with the new queue skills",
                    field="skills")
        for c in waiting:
            self._bucket_remove(c)
        self._apply_queue_config(q, config)
        ev = self._emit(EV_QUEUE_UPDATED)
        ev.queue = _ref(q.name)
        for c in waiting + ringing:
            c.sig = self._merge_sig(q.sig_base, self._skill_indexes_known(c.skills))
            self._limit_for(q, c.entered_at, t, &c.limit, &c.step)
        for c in waiting:
            self._bucket_insert(c)
        self._recount_capable(q)
        for c in waiting:
            self._schedule_call(c)
        for c in waiting:
            if c.state == CALL_WAITING:
                self._match_call(c, TRIG_RECONFIGURED)
        self._check_leave_empty([q])
        self._end()

    def delete_queue(self, name):
        self._begin()
        cdef _Queue q = self._queue(name)
        cdef _Queue other
        cdef _Member m
        cdef _Agent a
        if q.n_waiting or q.n_ringing or q.n_connected:
            raise _errors.QueueNotEmptyError(f"queue {name!r} still has calls", queue=name)
        for other in self._queues.values():
            if other.overflow_target == name and other is not q:
                raise _errors.QueueInUseError(f"queue {other.name!r} overflows into {name!r}", queue=name)
        for r in self._routes.routes:
            if r.queue == name:
                raise _errors.QueueInUseError(f"route {r.pattern!r} sends calls to {name!r}", queue=name)
        for m in list(q.members):
            m.agent.members.remove(m)
        for a in self._agents.values():
            if a.wrap_queue is q:
                a.wrap_queue = None
        q.alive = False
        del self._queues[name]
        ev = self._emit(EV_QUEUE_DELETED)
        ev.queue = _ref(q.name)
        self._end()

    def queue_names(self):
        return list(self._queues)

    def get_queue(self, name):
        return self._queue(name).cfg

    # ------------------------------------------------------------------ agents
    def add_agent(self, config):
        if not isinstance(config, _types.AgentConfig):
            raise _errors.InvalidArgumentError("add_agent() takes an AgentConfig", field="config")
        self._begin()
        if config.id in self._agents:
            raise _errors.DuplicateAgentError(f"agent {config.id!r} exists", agent_id=config.id)
        for qn in config.queues:
            self._queue(qn)
        self._check_new_skills(config.skills)
        cdef _Agent a = _Agent.__new__(_Agent)
        a.id = config.id
        self._next_uid += 1
        a.uid = self._next_uid
        self._uid_names[a.uid] = a.id
        a.state = AG_LOGGED_OUT
        a.state_since = self._now
        a.reason = _R_EMPTY
        a.pause_by_reason = {}
        a.timer = 0
        a.call = None
        a.wrap_queue = None
        self._set_levels(a, config.skills)
        a.members = []
        for qn, pen in config.queues.items():
            a.members.append(self._new_member(a, self._queues[qn], pen))
        self._agents[a.id] = a
        ev = self._emit(EV_AGENT_ADDED)
        ev.agent_id = _ref(a.id)
        self._end()

    cdef int _set_levels(self, _Agent a, object skills) except -1:
        a.skills = skills
        memset(a.levels, 0, sizeof(a.levels))
        for idx, lvl in self._skill_indexes(skills).items():
            a.levels[<int>idx] = <unsigned char>lvl
        return 0

    cdef _Member _new_member(self, _Agent a, _Queue q, int penalty):
        cdef _Member m = _Member.__new__(_Member)
        m.agent = a
        m.queue = q
        m.penalty = penalty
        m.pos = len(q.members)
        m.linked = False
        q.members.append(m)
        return m

    def update_agent(self, config):
        """Replace an agent's skills and memberships, in any state.

        A membership that stays keeps its ring position and its counters.
        """
        if not isinstance(config, _types.AgentConfig):
            raise _errors.InvalidArgumentError("update_agent() takes an AgentConfig", field="config")
        self._begin()
        cdef _Agent a = self._agent(config.id)
        cdef _Member m
        for qn in config.queues:
            self._queue(qn)
        self._check_new_skills(config.skills)
        old = {m.queue.name: m for m in a.members}
        affected = {m.queue.name: m.queue for m in a.members}
        cdef bint logged = a.state != AG_LOGGED_OUT
        cdef bint ready = logged and a.state != AG_PAUSED
        cdef bint avail = a.state == AG_AVAILABLE
        if logged:
            for m in a.members:
                self._count_member(m, -1, ready)
        if avail:
            self._avail_remove(a)
        new_members = []
        self._set_levels(a, config.skills)
        for qn, pen in config.queues.items():
            m = old.pop(qn, None)
            if m is None:
                m = self._new_member(a, self._queues[qn], pen)
            else:
                m.penalty = pen
            new_members.append(m)
            affected[qn] = m.queue
        for m in old.values():
            self._member_unlink(m)
        a.members = new_members
        if logged:
            for m in a.members:
                self._count_member(m, +1, ready)
        if avail:
            for m in a.members:
                self._tier_insert(m)
        ev = self._emit(EV_AGENT_UPDATED)
        ev.agent_id = _ref(a.id)
        if old:
            self._lapse_targets(a, set(old), _R_LEFT_QUEUE)
        if a.state == AG_AVAILABLE:
            self._match_agent(a, TRIG_RECONFIGURED)
        self._check_leave_empty(list(affected.values()))
        self._end()

    cdef int _member_unlink(self, _Member m) except -1:
        cdef _Queue q = m.queue
        cdef int i = m.pos
        cdef _Member other
        del q.members[i]
        for j in range(i, len(q.members)):
            other = q.members[j]
            other.pos = j
        if i < q.rr_cursor:
            q.rr_cursor -= 1
        if q.rr_cursor >= len(q.members):
            q.rr_cursor = 0
        return 0

    def remove_agent(self, agent_id):
        self._begin()
        cdef _Agent a = self._agent(agent_id)
        cdef _Member m
        if a.state != AG_LOGGED_OUT:
            raise _errors.AgentStateError(f"agent {agent_id!r} must log out before it is removed",
                                          agent_id=agent_id, state=_AGENT_STATES[a.state].name)
        for m in a.members:
            self._member_unlink(m)
        a.members = []
        del self._agents[agent_id]
        ev = self._emit(EV_AGENT_REMOVED)
        ev.agent_id = _ref(a.id)
        self._end()

    def login(self, agent_id):
        """LOGGED_OUT → AVAILABLE; the agent is offered a waiting call at once if one fits."""
        self._begin()
        cdef _Agent a = self._agent(agent_id)
        cdef _Member m
        if a.state != AG_LOGGED_OUT:
            raise _errors.AgentStateError(
                f"agent {agent_id!r} is already logged in ({_AGENT_STATES[a.state].name})",
                agent_id=agent_id, state=_AGENT_STATES[a.state].name)
        for m in a.members:
            self._count_member(m, +1, True)
        self._set_state(a, AG_AVAILABLE, _R_EMPTY)
        self._match_agent(a, TRIG_AGENT_READY)
        self._end()
        return self._agent_offer(a)

    def logout(self, agent_id):
        """AVAILABLE, PAUSED or WRAP_UP → LOGGED_OUT (an agent with a call must finish it first)."""
        self._begin()
        cdef _Agent a = self._agent(agent_id)
        cdef _Member m
        if a.state == AG_LOGGED_OUT:
            raise _errors.AgentStateError(f"agent {agent_id!r} is not logged in", reason="AGENT_NOT_LOGGED_IN",
                                          agent_id=agent_id)
        if a.state == AG_RESERVED or a.state == AG_BUSY:
            raise _errors.AgentStateError(
                f"agent {agent_id!r} is {_AGENT_STATES[a.state].name}: answer, reject or complete first",
                reason="AGENT_BUSY", agent_id=agent_id, state=_AGENT_STATES[a.state].name)
        cdef bint ready = a.state != AG_PAUSED
        for m in a.members:
            self._count_member(m, -1, ready)
        self._set_state(a, AG_LOGGED_OUT, _R_EMPTY)
        if a.n_targeted:
            self._lapse_targets(a, None, _R_LOGGED_OUT)
        self._check_leave_empty([m.queue for m in a.members])
        self._end()

    def pause(self, agent_id, reason):
        """AVAILABLE, WRAP_UP or PAUSED → PAUSED with a reason code (lunch, training, …)."""
        self._begin()
        cdef _Agent a = self._agent(agent_id)
        cdef _Member m
        _types.check_text(reason, "pause reason", _types.MAX_REASON_LEN, allow_empty=False)
        if a.state == AG_LOGGED_OUT:
            raise _errors.AgentStateError(f"agent {agent_id!r} is not logged in", reason="AGENT_NOT_LOGGED_IN",
                                          agent_id=agent_id)
        if a.state == AG_RESERVED or a.state == AG_BUSY:
            raise _errors.AgentStateError(
                f"agent {agent_id!r} is {_AGENT_STATES[a.state].name} and cannot pause now",
                reason="AGENT_BUSY", agent_id=agent_id, state=_AGENT_STATES[a.state].name)
        if a.state == AG_PAUSED and a.reason == reason:
            self._end()
            return
        if a.state != AG_PAUSED:
            for m in a.members:
                m.queue.n_ready -= 1
        self._set_state(a, AG_PAUSED, reason)
        self._check_leave_empty([m.queue for m in a.members])
        self._end()

    def set_ready(self, agent_id):
        """PAUSED or WRAP_UP → AVAILABLE (unpause, or end wrap-up early); AVAILABLE stays."""
        self._begin()
        cdef _Agent a = self._agent(agent_id)
        cdef _Member m
        if a.state == AG_AVAILABLE:
            self._end()
            return None
        if a.state != AG_PAUSED and a.state != AG_WRAP_UP:
            reason = "AGENT_NOT_LOGGED_IN" if a.state == AG_LOGGED_OUT else "AGENT_BUSY"
            raise _errors.AgentStateError(
                f"agent {agent_id!r} is {_AGENT_STATES[a.state].name} and cannot become ready",
                reason=reason, agent_id=agent_id, state=_AGENT_STATES[a.state].name)
        if a.state == AG_PAUSED:
            for m in a.members:
                m.queue.n_ready += 1
        self._set_state(a, AG_AVAILABLE, _R_EMPTY)
        self._match_agent(a, TRIG_AGENT_READY)
        self._end()
        return self._agent_offer(a)

    cdef int _count_member(self, _Member m, int delta, bint ready) except -1:
        cdef _Queue q = m.queue
        cdef _Bucket b
        q.n_logged += delta
        if ready:
            q.n_ready += delta
        for b in q.buckets:
            if self._capable(m, b.sig):
                b.n_capable += delta
        return 0

    cdef bint _capable(self, _Member m, _Sig sig) noexcept:
        cdef _Queue q = m.queue
        if q.final_limit >= 0 and m.penalty > q.final_limit:
            return False
        return _satisfies(m.agent, sig)

    cdef int _recount_capable(self, _Queue q) except -1:
        cdef _Bucket b
        cdef _Member m
        cdef int n
        for b in q.buckets:
            n = 0
            for m in q.members:
                if m.agent.state != AG_LOGGED_OUT and self._capable(m, b.sig):
                    n += 1
            b.n_capable = n
        return 0

    cdef int _set_state(self, _Agent a, int new, str reason) except -1:
        """Account the time spent in the old state, then switch; keeps tiers and timers right."""
        cdef double t = self._now
        cdef int old = a.state
        cdef double spent = t - a.state_since
        cdef _Member m
        if old == AG_AVAILABLE:
            a.idle += spent
            self._avail_remove(a)
        elif old == AG_RESERVED:
            a.ring += spent
        elif old == AG_BUSY:
            a.talk += spent
        elif old == AG_WRAP_UP:
            a.wrap += spent
            self._end_wrap(a, spent)
        elif old == AG_PAUSED:
            a.pause_total += spent
            a.pause_by_reason[a.reason] = a.pause_by_reason.get(a.reason, 0.0) + spent
        if old != AG_LOGGED_OUT:
            a.logged_in_time += spent
        if old == AG_RESERVED or old == AG_WRAP_UP:
            self._cancel_agent_timer(a)
        prev_reason = a.reason
        a.state = new
        a.state_since = t
        a.reason = reason
        if new == AG_AVAILABLE:
            self._avail_seq += 1
            a.available_since = t
            a.avail_seq = self._avail_seq
            for m in a.members:
                self._tier_append(m)
        ev = self._emit(EV_AGENT_STATE_CHANGED)
        ev.agent_id = _ref(a.id)
        ev.agent_state = new
        ev.previous_state = old
        if new == AG_PAUSED:
            ev.reason = _ref(reason)
        elif old == AG_PAUSED:
            ev.reason = _ref(prev_reason)
        return 0

    cdef int _end_wrap(self, _Agent a, double wrap) except -1:
        cdef _Queue q = a.wrap_queue
        if q is not None:
            q.handled += 1
            q.handle_time += a.wrap_talk + wrap
        a.wrap_queue = None
        return 0

    # ------------------------------------------------------------------ tiers
    cdef _Tier _tier_for(self, _Queue q, int penalty):
        cdef _Tier tier
        cdef Py_ssize_t i, n = len(q.tiers)
        for i in range(n):
            tier = q.tiers[i]
            if tier.penalty == penalty:
                return tier
            if tier.penalty > penalty:
                break
        else:
            i = n
        tier = _Tier.__new__(_Tier)
        tier.penalty = penalty
        tier.count = 0
        q.tiers.insert(i, tier)
        return tier

    cdef int _tier_append(self, _Member m) except -1:
        cdef _Tier tier = m.home
        if tier is None or tier.penalty != m.penalty:
            tier = m.home = self._tier_for(m.queue, m.penalty)
        m.tier = tier
        m.next = None
        m.prev = tier.tail
        if tier.tail is None:
            tier.head = m
        else:
            tier.tail.next = m
        tier.tail = m
        tier.count += 1
        m.linked = True
        return 0

    cdef int _tier_insert(self, _Member m) except -1:
        """Link ``m`` by when its agent became available (it may not be the newest)."""
        cdef _Tier tier = self._tier_for(m.queue, m.penalty)
        cdef _Member after = tier.tail
        cdef uint64_t seq = m.agent.avail_seq
        while after is not None and after.agent.avail_seq > seq:
            after = after.prev
        m.tier = tier
        m.prev = after
        if after is None:
            m.next = tier.head
            tier.head = m
        else:
            m.next = after.next
            after.next = m
        if m.next is None:
            tier.tail = m
        else:
            m.next.prev = m
        tier.count += 1
        m.linked = True
        return 0

    cdef int _tier_unlink(self, _Member m) except -1:
        cdef _Tier tier = m.tier
        if m.prev is None:
            tier.head = m.next
        else:
            m.prev.next = m.next
        if m.next is None:
            tier.tail = m.prev
        else:
            m.next.prev = m.prev
        m.prev = m.next = None
        m.tier = None
        tier.count -= 1
        m.linked = False
        return 0

    cdef int _avail_remove(self, _Agent a) except -1:
        cdef _Member m
        for m in a.members:
            if m.linked:
                self._tier_unlink(m)
        return 0

    # ------------------------------------------------------------------ calls
    def enqueue(self, call_id, queue, *, caller="", dialled="", priority=PRIO_NORMAL, skills=None,
                attributes=None, enqueue_time=None, target_agent="", target_timeout=0.0):
        """Put a call in a queue; returns the offer if an agent was free for it at once.

        Idempotent on ``call_id``: submitting the same call again changes nothing (a reconnecting
        hook re-sends its waiting calls with their original ``enqueue_time``); the same id with
        other details is refused.

        ``target_agent`` (a member of the queue) makes the call targeted: it is offered to that
        agent only, ahead of everything else the agent could take, until ``target_timeout``
        seconds after its enqueue time (0: never), the agent logs out or leaves the queue; then
        it joins the queue's normal line at its original place (CALL_TARGET_LAPSED).
        """
        cdef double t = self._begin()
        cdef double entered
        cdef double tmo = 0.0
        cdef object target = None
        cdef _Queue q
        cdef _Call c
        cdef _Sig sig
        cdef int prio
        cdef dict sig_extra
        if not _ascii_token(call_id, 1, _MAX_CALL_ID_LEN, False):
            _types.check_call_id(call_id)
        q = self._queue(queue)
        if not _ascii_token(caller, 0, _MAX_NUMBER_LEN, True):
            _types.check_text(caller, "caller", _MAX_NUMBER_LEN)
        if not _ascii_token(dialled, 0, _MAX_NUMBER_LEN, True):
            _types.check_text(dialled, "dialled", _MAX_NUMBER_LEN)
        prio = _small_enum(priority, 2, "Priority", "priority")
        cdef object cached = None
        cdef object skey = None
        if skills is None or (type(skills) is dict and not skills):
            skills = _EMPTY_MAP
        else:
            if type(skills) is dict and _plain_items(<dict>skills):
                # a queue sees few distinct skill requirements: remember each one's validated
                # form and signature (the key holds exact str and int, so True never passes for 1)
                skey = tuple((<dict>skills).items())
                cached = q.sig_cache.get(skey)
            if cached is not None:
                skills = (<tuple>cached)[0]
            else:
                skills = _types.check_skills(skills, "call skills", max_count=ACD_MAX_CALL_SKILLS)
        if attributes is None or (type(attributes) is dict and not attributes):
            attributes = _EMPTY_MAP
        else:
            attributes = _types.check_attributes(attributes)
        if enqueue_time is None:
            entered = t
        else:
            entered = _check_time(enqueue_time, "enqueue_time")
            if entered > t:
                raise _errors.InvalidTimeError(f"enqueue_time {entered!r} lies in the future (now {t!r})",
                                               field="enqueue_time")
        # the default "" is the one empty str object: untargeted calls skip every target check
        if target_agent is not _R_EMPTY and target_agent != "":
            _types.check_name(target_agent, "target agent id")
        if not (type(target_timeout) is float and target_timeout == 0.0):
            tmo = _check_time(target_timeout, "target_timeout")
        cdef PyObject *existing = _cm_get(&self._calls, call_id)
        if existing != NULL:
            c = <_Call>existing
            if c.orig_queue == queue and c.caller == caller and c.dialled == dialled and c.orig_priority == prio \
                    and c.skills == skills and c.attributes == attributes and c.orig_target == target_agent \
                    and c.target_timeout == tmo:
                self._end()
                return None
            raise _errors.DuplicateCallError(f"call {call_id!r} exists with other details", call_id=call_id)
        if self._ended.used:
            ended = _em_get(&self._ended, call_id)
            if ended:
                name = _CALL_STATES[ended].name
                raise _errors.CallEndedError(f"call {call_id!r} has ended ({name})", call_id=call_id, state=name)
        if target_agent is not _R_EMPTY and target_agent != "":
            target = self._target_for(q, target_agent)
        if skills is _EMPTY_MAP:
            sig = q.sig_base
        elif cached is not None:
            sig = (<tuple>cached)[1]
        else:
            self._check_new_skills(skills)
            placeholder = {self._skills.get(s, -1 - i): lvl for i, (s, lvl) in enumerate(skills.items())}
            merged = {q.sig_base.skill[i]: q.sig_base.level[i] for i in range(q.sig_base.n)}
            for s, lvl in placeholder.items():
                if merged.get(s, 0) < lvl:
                    merged[s] = lvl
            if len(merged) > ACD_MAX_CALL_SKILLS:
                raise _errors.InvalidArgumentError(f"a call may require at most {ACD_MAX_CALL_SKILLS} skills, "
                                                   f"queue skills included", field="skills")
            sig = None
        if q.max_waiting and q.n_waiting + q.n_ringing >= q.max_waiting:
            q.rejected += 1
            self._emit_rejected(call_id, q, caller, prio, _R_QUEUE_FULL)
            raise _errors.QueueFullError(f"queue {q.name!r} is full ({q.max_waiting} calls)", queue=q.name)
        if sig is None:
            sig = self._merge_sig(q.sig_base, self._skill_indexes(skills))
            if skey is not None:
                if len(q.sig_cache) >= 1024:
                    q.sig_cache.clear()
                q.sig_cache[skey] = (skills, sig)
        if self._is_empty(q, q.join_empty, sig):
            q.rejected += 1
            self._emit_rejected(call_id, q, caller, prio, _R_QUEUE_EMPTY)
            raise _errors.QueueEmptyError(f"queue {q.name!r} has no agent to take the call "
                                          f"(join rule {_enums.EmptyRule(q.join_empty).name})", queue=q.name)
        c = _Call.__new__(_Call)
        c.id = call_id
        c.orig_queue = queue
        c.orig_priority = prio
        c.caller = caller
        c.dialled = dialled
        c.skills = skills
        c.attributes = attributes
        c.arrived_at = entered
        c.timer = 0
        c.history = None
        c.agent = None
        c.target = <_Agent>target
        c.target_timeout = tmo
        c.orig_target = target_agent
        self._arrivals += 1
        c.arrival = self._arrivals
        _cm_put(&self._calls, call_id, c)
        self._enter(c, q, entered, prio, _R_EMPTY, sig)
        if target is not None and (<_Agent>target).state == AG_LOGGED_OUT:
            # a targeted call never waits for an agent who is not there
            self._lapse(c, _R_LOGGED_OUT)
        self._match_call(c, TRIG_CALL_ARRIVED)
        if q.leave_empty != EMPTY_NEVER:
            self._check_leave_empty_call(c)
        self._end()
        return self._call_offer(c)

    cdef int _emit_rejected(self, str call_id, _Queue q, str caller, int prio, str why) except -1:
        ev = self._emit(EV_CALL_REJECTED)
        ev.call_id = _ref(call_id)
        ev.queue = _ref(q.name)
        ev.caller = _ref(caller)
        ev.priority = prio
        ev.reason = _ref(why)
        return 0

    cdef int _enter(self, _Call c, _Queue q, double entered, int prio, str how, _Sig sig) except -1:
        """The call joins ``q`` (first time, transfer or overflow) and waits."""
        c.queue = q
        c.state = CALL_WAITING
        c.priority = prio
        c.cls = CLS_PRIO if prio == PRIO_PRIORITY else CLS_NORMAL
        c.promoted = False
        c.entered_at = entered
        self._call_seq += 1
        c.seq = self._call_seq
        c.n_excl = 0
        if sig is None:
            sig = self._merge_sig(q.sig_base, self._skill_indexes_known(c.skills))
        c.sig = sig
        c.limit = q.limit0
        c.step = -1
        self._bucket_insert(c)
        q.offered += 1
        c.entry_position = self._position(c)
        ev = self._emit(EV_CALL_ENQUEUED)
        ev.call_id = _ref(c.id)
        ev.queue = _ref(q.name)
        ev.priority = prio
        ev.caller = _ref(c.caller)
        if c.target is not None:
            ev.agent_id = _ref(c.target.id)
        ev.position = c.entry_position
        ev.entry_position = c.entry_position
        ev.penalty_limit = c.limit
        if how is not _R_EMPTY:
            ev.reason = _ref(how)
        self._schedule_call(c)
        return 0

    cdef int _bucket_insert(self, _Call c) except -1:
        cdef _Queue q = c.queue
        cdef _Bucket b
        cdef _Member m
        cdef int n
        if c.target is not None:
            return self._target_insert(c)
        if c.sig is q.sig_base and q.base_bucket is not None:
            b = q.base_bucket
        else:
            found = q.bucket_by_key.get(c.sig.key)
            if found is None:
                b = _Bucket.__new__(_Bucket)
                b.sig = c.sig
                _sl_init(&b.lines[0])
                _sl_init(&b.lines[1])
                n = 0
                for m in q.members:
                    if m.agent.state != AG_LOGGED_OUT and self._capable(m, c.sig):
                        n += 1
                b.n_capable = n
                q.bucket_by_key[c.sig.key] = b
                q.buckets.append(b)
                if c.sig.key == q.sig_base.key:
                    q.base_bucket = b
            else:
                b = <_Bucket>found
        c.bucket = b
        _sl_insert(&b.lines[c.cls], c, self._sl_level())
        q.n_waiting += 1
        if c.cls == CLS_PRIO:
            q.n_waiting_prio += 1
        return 0

    cdef int _bucket_remove(self, _Call c) except -1:
        cdef _Queue q = c.queue
        if c.target is not None:
            return self._target_remove(c)
        _sl_remove(&c.bucket.lines[c.cls], c)
        c.bucket = None
        q.n_waiting -= 1
        if c.cls == CLS_PRIO:
            q.n_waiting_prio -= 1
        return 0

    cdef void _limit_for(self, _Queue q, double entered, double t, int *limit, int *step) noexcept:
        cdef int i
        limit[0] = q.limit0
        step[0] = -1
        for i in range(q.n_rules):
            # the same sum the timer was scheduled with: (t - entered) >= after can be false
            # at the very due time through rounding, and the timer would fire forever
            if t >= entered + q.rule_after[i]:
                limit[0] = q.rule_penalty[i]
                step[0] = i

    cdef double _call_due(self, _Call c) noexcept:
        cdef _Queue q = c.queue
        cdef double due = INFINITY
        cdef int i
        if c.step + 1 < q.n_rules:
            due = c.entered_at + q.rule_after[c.step + 1]
        if q.has_overflow and c.entered_at + q.overflow_after < due:
            due = c.entered_at + q.overflow_after
        if q.has_overtake and c.cls == CLS_NORMAL and c.entered_at + q.max_overtake < due:
            due = c.entered_at + q.max_overtake
        for i in range(c.n_excl):
            if c.excl_until[i] < due:
                due = c.excl_until[i]
        if c.target is not None and c.target_timeout > 0 and c.entered_at + c.target_timeout < due:
            due = c.entered_at + c.target_timeout
        return due

    cdef int _schedule_call(self, _Call c) except -1:
        cdef double due = self._call_due(c)
        if due == INFINITY:
            self._cancel_call_timer(c)
        else:
            self._schedule(c, TIMER_CALL, due if due > self._now else self._now)
        return 0

    cdef int _fire_call(self, _Call c) except -1:
        cdef double t = self._now
        cdef _Queue q = c.queue
        cdef bint pruned = False
        cdef int i, j, limit, step
        cdef bint escalated
        if c.n_excl:
            j = 0
            for i in range(c.n_excl):
                if c.excl_until[i] > t:
                    c.excl_uid[j] = c.excl_uid[i]
                    c.excl_until[j] = c.excl_until[i]
                    j += 1
            pruned = j != c.n_excl
            c.n_excl = j
        if q.has_overtake and c.cls == CLS_NORMAL and t >= c.entered_at + q.max_overtake:
            self._bucket_remove(c)
            c.cls = CLS_PRIO
            c.promoted = True
            self._bucket_insert(c)
            ev = self._emit(EV_CALL_PROMOTED)
            ev.call_id = _ref(c.id)
            ev.queue = _ref(q.name)
            ev.wait_time = t - c.entered_at
        self._limit_for(q, c.entered_at, t, &limit, &step)
        escalated = step != c.step
        if escalated:
            c.limit = limit
            c.step = step
            ev = self._emit(EV_CALL_ESCALATED)
            ev.call_id = _ref(c.id)
            ev.queue = _ref(q.name)
            ev.penalty_limit = limit
            ev.step = step
            ev.wait_time = t - c.entered_at
        if (escalated or pruned) and c.bucket is not None:
            _sl_refresh_head(&c.bucket.lines[c.cls])
        elif (escalated or pruned) and c.target is not None and c.state == CALL_WAITING:
            _sl_refresh_head(&c.target.tl[c.cls])
        cdef bint lapsed = c.target is not None and c.target_timeout > 0 and t >= c.entered_at + c.target_timeout
        if lapsed:
            self._lapse(c, _R_TIMEOUT)
        if escalated or pruned or lapsed:
            self._match_call(c, TRIG_ESCALATION if escalated else TRIG_REQUEUED if lapsed else TRIG_RETRY)
        if c.state == CALL_WAITING and q.has_overflow and t >= c.entered_at + q.overflow_after:
            self._overflow(c, _R_TIMEOUT)
        if c.state == CALL_WAITING:
            self._schedule_call(c)
        return 0

    cdef int _fire_agent(self, _Agent a) except -1:
        if a.state == AG_RESERVED:
            self._no_answer(a, _R_TIMEOUT)
        elif a.state == AG_WRAP_UP:
            self._set_state(a, AG_AVAILABLE, _R_EMPTY)
            self._match_agent(a, TRIG_AGENT_READY)
        return 0

    # ------------------------------------------------------------------ matching
    cdef bint _eligible(self, _Member m, _Call c) noexcept:
        if c.limit >= 0 and m.penalty > c.limit:
            return False
        if c.n_excl and _excluded(<PyObject *>c, m.agent.uid):
            return False
        return _satisfies(m.agent, c.sig)

    cdef bint _match_call(self, _Call c, int trigger) except -1:
        """Offer the waiting call ``c`` to the best AVAILABLE agent of its queue, if any."""
        if c.target is not None:
            return self._match_target(c, trigger)
        cdef int64_t started = _mono_ns()
        cdef _Queue q = c.queue
        cdef int strategy = q.strategy
        cdef int examined = 0
        cdef _Member winner = None
        cdef _Member m
        cdef _Tier tier
        cdef double score = 0.0, s
        cdef uint64_t r, best_r = 0
        cdef int n_elig, k, i
        cdef bint have = False
        for tier in q.tiers:
            if c.limit >= 0 and tier.penalty > c.limit:
                break
            if tier.count == 0:
                continue
            if strategy == STRAT_LONGEST_IDLE:
                m = tier.head
                while m is not None:
                    examined += 1
                    if self._eligible(m, c):
                        winner = m
                        score = self._now - m.agent.available_since
                        break
                    m = m.next
            elif strategy == STRAT_WEIGHTED_RANDOM:
                m = tier.head
                while m is not None:
                    examined += 1
                    if self._eligible(m, c):
                        r = self._rand() % <uint64_t>((1 + m.penalty) * 1000)
                        if not have or r < best_r:
                            best_r = r
                            winner = m
                            have = True
                    m = m.next
                continue  # weighted random draws over every tier within the limit
            elif strategy == STRAT_RANDOM:
                n_elig = 0
                m = tier.head
                while m is not None:
                    examined += 1
                    if self._eligible(m, c):
                        n_elig += 1
                    m = m.next
                if n_elig:
                    k = <int>(self._rand() % <uint64_t>n_elig)
                    score = k
                    i = 0
                    m = tier.head
                    while m is not None:
                        if self._eligible(m, c):
                            if i == k:
                                winner = m
                                break
                            i += 1
                        m = m.next
            else:
                m = tier.head
                while m is not None:
                    examined += 1
                    if self._eligible(m, c):
                        if strategy == STRAT_FEWEST_CALLS:
                            s = <double>m.calls
                            if winner is None or s < score:
                                winner = m
                                score = s
                        elif strategy == STRAT_LEAST_TALK_TIME:
                            s = m.talk_time
                            if winner is None or s < score:
                                winner = m
                                score = s
                        elif strategy == STRAT_HIGHEST_SKILL:
                            s = 0.0
                            for i in range(c.sig.n):
                                s += m.agent.levels[c.sig.skill[i]]
                            if winner is None or s > score:
                                winner = m
                                score = s
                        else:  # ROUND_ROBIN: nearest ring position at or after the cursor
                            s = (m.pos - q.rr_cursor) % len(q.members)
                            if s < 0:
                                s += len(q.members)
                            if winner is None or s < score:
                                winner = m
                                score = s
                    m = m.next
            if winner is not None:
                break
        if strategy == STRAT_WEIGHTED_RANDOM:
            score = <double>best_r
        self._decision_done(started)
        if winner is None:
            return False
        if strategy == STRAT_ROUND_ROBIN:
            q.rr_cursor = (winner.pos + 1) % len(q.members)
        self._offer(c, winner, trigger, examined, score, False)
        return True

    cdef bint _match_agent(self, _Agent a, int trigger) except -1:
        """The AVAILABLE agent ``a`` takes the best waiting call of its queues, if any."""
        cdef int64_t started = _mono_ns()
        # the hottest loop of the core: borrowed pointers throughout (every object here is
        # owned by a list or a bucket for the whole call), so no reference counting per step
        cdef double t = self._now
        cdef PyObject *best = NULL
        cdef PyObject *best_member = NULL
        cdef PyObject *mp
        cdef PyObject *qp
        cdef PyObject *bp
        cdef PyObject *node
        cdef list members = a.members
        cdef list buckets
        cdef Py_ssize_t mi, bi, nb
        cdef int cls, best_cls = -1, examined = 0, penalty, limit
        cdef double score, best_score = 0.0, weight
        cdef uint64_t best_seq = 0
        cdef int64_t uid = a.uid
        cdef acd_skiplist *line
        if a.n_targeted:
            # calls targeted at this agent come before anything else of its queues
            for cls in range(CLS_PRIO, CLS_NORMAL - 1, -1):
                node = a.tl[cls].head[0].next
                while node != NULL:
                    if (<_Call>node).n_excl and _excluded(node, uid):
                        node = (<_Call>node).links[0].next
                        continue
                    self._decision_done(started)
                    self._offer(<_Call>node, self._member_of(a, (<_Call>node).queue), trigger, 1,
                                t - (<_Call>node).entered_at, True)
                    return True
        for mi in range(len(members)):
            mp = PyList_GET_ITEM(members, mi)
            qp = <PyObject *>(<_Member>mp).queue
            if (<_Queue>qp).n_waiting == 0:
                continue
            penalty = (<_Member>mp).penalty
            weight = (<_Queue>qp).weight
            buckets = (<_Queue>qp).buckets
            nb = len(buckets)
            for cls in range(CLS_PRIO, CLS_NORMAL - 1, -1):
                if cls == CLS_PRIO and (<_Queue>qp).n_waiting_prio == 0:
                    continue
                for bi in range(nb):
                    bp = PyList_GET_ITEM(buckets, bi)
                    line = &(<_Bucket>bp).lines[cls]
                    node = line.head[0].next
                    if node == NULL or not _satisfies(a, (<_Bucket>bp).sig):
                        continue
                    if line.head_excl == 0:
                        # the usual case, decided from the line's cached head key alone
                        examined += 1
                        limit = line.head_limit
                        if limit < 0 or penalty <= limit:
                            score = (t - line.head_entered) * weight
                            if (best == NULL or cls > best_cls
                                    or (cls == best_cls and (score > best_score or (
                                        score == best_score and line.head_seq < best_seq)))):
                                best = node
                                best_member = mp
                                best_cls = cls
                                best_score = score
                                best_seq = line.head_seq
                        continue
                    while node != NULL:
                        if (<_Call>node).n_excl and _excluded(node, uid):
                            node = (<_Call>node).links[0].next
                            continue
                        examined += 1
                        limit = (<_Call>node).limit
                        if limit < 0 or penalty <= limit:
                            score = (t - (<_Call>node).entered_at) * weight
                            if (best == NULL or cls > best_cls
                                    or (cls == best_cls and (score > best_score or (
                                        score == best_score and (<_Call>node).seq < best_seq)))):
                                best = node
                                best_member = mp
                                best_cls = cls
                                best_score = score
                                best_seq = (<_Call>node).seq
                        break
        self._decision_done(started)
        if best == NULL:
            return False
        self._offer(<_Call>best, <_Member>best_member, trigger, examined, best_score, False)
        return True

    cdef int _offer(self, _Call c, _Member m, int trigger, int candidates, double score,
                    bint targeted) except -1:
        cdef _Agent a = m.agent
        cdef _Queue q = c.queue
        cdef double t = self._now
        cdef int64_t oid
        cdef acd_explain *x
        self._bucket_remove(c)
        self._cancel_call_timer(c)
        self._last_offer += 1
        oid = self._last_offer
        c.state = CALL_OFFERED
        c.agent = a
        c.offer_id = oid
        c.offer_time = t
        q.n_ringing += 1
        a.call = c
        a.offer_id = oid
        a.offer_time = t
        a.offer_expires = t + q.offer_timeout
        _om_put(&self._offers, oid, <PyObject *>a)
        ev = self._emit(EV_CALL_OFFERED)
        ev.call_id = _ref(c.id)
        ev.agent_id = _ref(a.id)
        ev.queue = _ref(q.name)
        ev.offer_id = oid
        ev.priority = PRIO_PRIORITY if c.cls == CLS_PRIO else PRIO_NORMAL
        ev.wait_time = t - c.entered_at
        ev.trigger = trigger
        ev.candidates = candidates
        ev.score = score
        ev.penalty = m.penalty
        ev.penalty_limit = c.limit
        ev.step = c.step
        if targeted:
            ev.reason = _ref(_R_TARGETED)
        self._set_state(a, AG_RESERVED, _R_EMPTY)
        self._schedule(a, TIMER_AGENT, a.offer_expires)
        x = &self._explain[oid & (ACD_EXPLAIN_CAPACITY - 1)]
        Py_XDECREF(x.call_id)
        Py_XDECREF(x.agent_id)
        Py_XDECREF(x.queue)
        x.offer_id = oid
        x.call_id = _ref(c.id)
        x.agent_id = _ref(a.id)
        x.queue = _ref(q.name)
        x.time = t
        x.trigger = trigger
        x.strategy = q.strategy
        x.candidates = candidates
        x.score = score
        x.penalty = m.penalty
        x.penalty_limit = c.limit
        x.step = c.step
        x.targeted = targeted
        return 0

    # ------------------------------------------------------------------ targeted calls
    cdef int _target_insert(self, _Call c) except -1:
        cdef _Agent a = c.target
        cdef _Queue q = c.queue
        if a.tl == NULL:
            a.tl = <acd_skiplist *>malloc(2 * sizeof(acd_skiplist))
            if a.tl == NULL:
                raise MemoryError()
            _sl_init(&a.tl[0])
            _sl_init(&a.tl[1])
        c.bucket = None
        _sl_insert(&a.tl[c.cls], c, self._sl_level())
        a.n_targeted += 1
        q.targeted[c] = None
        q.n_waiting += 1
        if c.cls == CLS_PRIO:
            q.n_waiting_prio += 1
        return 0

    cdef int _target_remove(self, _Call c) except -1:
        cdef _Agent a = c.target
        cdef _Queue q = c.queue
        _sl_remove(&a.tl[c.cls], c)
        a.n_targeted -= 1
        del q.targeted[c]
        q.n_waiting -= 1
        if c.cls == CLS_PRIO:
            q.n_waiting_prio -= 1
        return 0

    cdef _Agent _target_for(self, _Queue q, object agent_id):
        """The agent a call of ``q`` may be targeted at (it exists and is a member), or raise."""
        found = self._agents.get(agent_id)
        if found is None:
            raise _errors.UnknownAgentError(f"no agent {agent_id!r} to target", agent_id=agent_id,
                                            field="target agent id")
        if self._member_of(<_Agent>found, q) is None:
            raise _errors.AgentNotInQueueError(f"agent {agent_id!r} is not a member of queue {q.name!r}",
                                               agent_id=agent_id, queue=q.name)
        return <_Agent>found

    cdef _Member _member_of(self, _Agent a, _Queue q):
        cdef _Member m
        for m in a.members:
            if m.queue is q:
                return m
        return None

    cdef bint _match_target(self, _Call c, int trigger) except -1:
        """A targeted call: its agent or nobody, whatever strategy, skills and penalty limit say."""
        cdef int64_t started = _mono_ns()
        cdef _Agent a = c.target
        cdef bint ok = a.state == AG_AVAILABLE and not (c.n_excl and _excluded(<PyObject *>c, a.uid))
        self._decision_done(started)
        if ok:
            self._offer(c, self._member_of(a, c.queue), trigger, 1, self._now - c.entered_at, True)
        return ok

    cdef int _lapse(self, _Call c, str why) except -1:
        """The call stops being targeted; a waiting one joins the normal line at its place."""
        cdef _Agent a = c.target
        cdef bint waiting = c.state == CALL_WAITING
        cdef int pos = 0
        if waiting:
            self._target_remove(c)
        c.target = None
        if waiting:
            self._bucket_insert(c)
            pos = self._position(c)
        ev = self._emit(EV_CALL_TARGET_LAPSED)
        ev.call_id = _ref(c.id)
        ev.queue = _ref(c.queue.name)
        ev.agent_id = _ref(a.id)
        ev.reason = _ref(why)
        ev.position = pos
        ev.entry_position = c.entry_position
        ev.wait_time = self._now - c.entered_at
        if waiting:
            self._schedule_call(c)
        return 0

    cdef int _lapse_targets(self, _Agent a, set queues, str why) except -1:
        """Lapse ``a``'s targeted calls (of ``queues`` only, if given): the ringing one first,
        then the waiting ones in their order, each routed normally at once."""
        cdef _Call c = a.call
        cdef PyObject *node
        cdef list calls = []
        cdef int cls
        if (c is not None and c.state == CALL_OFFERED and c.target is a
                and (queues is None or c.queue.name in queues)):
            self._lapse(c, why)
        if a.n_targeted:
            for cls in range(CLS_PRIO, CLS_NORMAL - 1, -1):
                node = a.tl[cls].head[0].next
                while node != NULL:
                    calls.append(<_Call>node)
                    node = (<_Call>node).links[0].next
        for c in calls:
            if queues is None or c.queue.name in queues:
                self._lapse(c, why)
                if c.state == CALL_WAITING:
                    self._match_call(c, TRIG_REQUEUED)
        return 0

    cdef object _call_offer(self, _Call c):
        if c.state != CALL_OFFERED or c.agent is None:
            return None
        return _new_offer(c.offer_id, c.id, c.agent.id, c.queue.name, c.offer_time, c.agent.offer_expires)

    cdef object _agent_offer(self, _Agent a):
        if a.state != AG_RESERVED or a.call is None:
            return None
        return self._call_offer(a.call)

    # ------------------------------------------------------------------ offers
    cdef _Agent _offer_agent(self, object offer_id):
        if isinstance(offer_id, bool) or not isinstance(offer_id, int):
            raise _errors.InvalidArgumentError("offer id must be an integer", field="offer_id")
        cdef PyObject *found = NULL
        if -0x7FFFFFFFFFFFFFFF < offer_id < 0x7FFFFFFFFFFFFFFF and offer_id > 0:
            found = _om_get(&self._offers, <int64_t>offer_id)
        if found == NULL:
            if 0 < offer_id <= self._last_offer:
                raise _errors.StaleOfferError(f"offer {offer_id} was already answered, rejected or withdrawn",
                                              offer_id=offer_id)
            raise _errors.UnknownOfferError(f"no offer {offer_id}", offer_id=offer_id)
        return <_Agent>found

    def accept(self, offer_id):
        """The agent answered: RESERVED → BUSY, the call is CONNECTED."""
        cdef double t = self._begin()
        cdef _Agent a = self._offer_agent(offer_id)
        cdef _Call c = a.call
        cdef _Queue q = c.queue
        cdef _Member m
        _om_del(&self._offers, a.offer_id)
        cdef double wait = t - c.entered_at
        cdef double ring = t - c.offer_time
        c.state = CALL_CONNECTED
        c.answered_at = t
        c.target = None  # fulfilled
        q.n_ringing -= 1
        q.n_connected += 1
        q.answered += 1
        if wait <= q.sl_threshold:
            q.answered_sl += 1
        q.wait_answered += wait
        for m in a.members:
            if m.queue is q:
                m.calls += 1
        a.calls += 1
        a.consec_na = 0
        ev = self._emit(EV_CALL_ANSWERED)
        ev.call_id = _ref(c.id)
        ev.agent_id = _ref(a.id)
        ev.queue = _ref(q.name)
        ev.offer_id = a.offer_id
        ev.wait_time = wait
        ev.ring_time = ring
        ev.entry_position = c.entry_position
        a.offer_id = 0
        self._set_state(a, AG_BUSY, _R_EMPTY)
        self._end()

    def reject(self, offer_id):
        """The agent declined (or its phone was busy): the call goes back to its place."""
        self._begin()
        cdef _Agent a = self._offer_agent(offer_id)
        self._no_answer(a, _R_REJECTED)
        self._end()

    cdef int _no_answer(self, _Agent a, str why) except -1:
        cdef double t = self._now
        cdef _Call c = a.call
        cdef _Queue q = c.queue
        cdef _Member m
        _om_del(&self._offers, a.offer_id)
        c.no_answers += 1
        a.no_answers += 1
        a.consec_na += 1
        ev = self._emit(EV_CALL_NO_ANSWER)
        ev.call_id = _ref(c.id)
        ev.agent_id = _ref(a.id)
        ev.queue = _ref(q.name)
        ev.offer_id = a.offer_id
        ev.ring_time = t - c.offer_time
        ev.reason = _ref(why)
        q.n_ringing -= 1
        c.state = CALL_WAITING
        c.agent = None
        c.offer_id = 0
        a.call = None
        a.offer_id = 0
        if q.retry_delay > 0:
            self._exclude(c, a, t + q.retry_delay)
        self._bucket_insert(c)
        if q.auto_pause_after and a.consec_na >= q.auto_pause_after:
            a.consec_na = 0
            for m in a.members:
                m.queue.n_ready -= 1
            self._set_state(a, AG_PAUSED, _AUTO_PAUSE_REASON)
        else:
            self._set_state(a, AG_AVAILABLE, _R_EMPTY)
        self._schedule_call(c)
        self._match_call(c, TRIG_REQUEUED)
        if a.state == AG_AVAILABLE:
            self._match_agent(a, TRIG_AGENT_READY)
        if a.state == AG_PAUSED:
            self._check_leave_empty([m.queue for m in a.members])
        return 0

    cdef void _exclude(self, _Call c, _Agent a, double until) noexcept:
        cdef int i, oldest
        for i in range(c.n_excl):
            if c.excl_uid[i] == a.uid:
                c.excl_until[i] = until
                return
        if c.n_excl < ACD_MAX_EXCLUSIONS:
            c.excl_uid[c.n_excl] = a.uid
            c.excl_until[c.n_excl] = until
            c.n_excl += 1
            return
        oldest = 0
        for i in range(1, c.n_excl):
            if c.excl_until[i] < c.excl_until[oldest]:
                oldest = i
        c.excl_uid[oldest] = a.uid
        c.excl_until[oldest] = until

    def complete(self, call_id, *, hangup_by=1):
        """The connected call ended: the agent goes to WRAP_UP (or AVAILABLE without wrap-up)."""
        self._begin()
        cdef int by = _small_enum(hangup_by, 2, "HangupBy", "hangup_by")
        cdef _Call c = self._call(call_id)
        if c.state != CALL_CONNECTED:
            raise _errors.CallStateError(f"call {call_id!r} is {_CALL_STATES[c.state].name}, not CONNECTED",
                                         call_id=call_id, state=_CALL_STATES[c.state].name)
        self._complete(c, by)
        self._end()

    cdef int _complete(self, _Call c, int by) except -1:
        cdef double t = self._now
        cdef _Agent a = c.agent
        cdef _Queue q = c.queue
        cdef _Member m
        cdef double talk = t - c.answered_at
        q.n_connected -= 1
        q.completed += 1
        for m in a.members:
            if m.queue is q:
                m.talk_time += talk
        ev = self._emit(EV_CALL_COMPLETED)
        ev.call_id = _ref(c.id)
        ev.agent_id = _ref(a.id)
        ev.queue = _ref(q.name)
        ev.wait_time = c.answered_at - c.entered_at
        ev.talk_time = talk
        ev.entry_position = c.entry_position
        ev.reason = _ref(_R_AGENT if by == 1 else _R_CALLER)
        self._finish(c, CALL_COMPLETED)
        self._release_agent(a, q, talk)
        return 0

    cdef int _release_agent(self, _Agent a, _Queue q, double talk) except -1:
        a.call = None
        a.wrap_queue = q
        a.wrap_talk = talk
        if q.wrap_up > 0:
            self._set_state(a, AG_WRAP_UP, _R_EMPTY)
            self._schedule(a, TIMER_AGENT, self._now + q.wrap_up)
        else:
            self._end_wrap(a, 0.0)
            self._set_state(a, AG_AVAILABLE, _R_EMPTY)
            self._match_agent(a, TRIG_AGENT_READY)
        return 0

    cdef int _finish(self, _Call c, int state) except -1:
        c.state = state
        c.target = None
        self._cancel_call_timer(c)
        _cm_del(&self._calls, c.id)
        _em_put(&self._ended, c.id, state)
        self._ended_push(self._now, c.id)
        return 0

    cdef int _expire_ended(self) except -1:
        cdef double limit = self._now - self._ended_memory
        cdef PyObject *cid
        while self._ended_len and (self._ended_time[self._ended_head] <= limit
                                   or self._ended_len > self._ended_limit):
            cid = self._ended_id[self._ended_head]
            _em_del(&self._ended, <object>cid)
            Py_XDECREF(cid)
            self._ended_id[self._ended_head] = NULL
            self._ended_head = (self._ended_head + 1) % self._ended_cap
            self._ended_len -= 1
        return 0

    def cancel(self, call_id):
        """The caller hung up. A waiting or ringing call is abandoned; a connected one completes."""
        cdef double t = self._begin()
        cdef _Call c = self._call(call_id)
        cdef _Queue q = c.queue
        cdef _Agent a
        cdef int pos
        if c.state == CALL_CONNECTED:
            self._complete(c, 2)
            self._end()
            return
        cdef double wait = t - c.entered_at
        if c.state == CALL_WAITING:
            pos = self._position(c)
            self._bucket_remove(c)
            q.abandoned += 1
            if wait < q.short_abandon:
                q.short_abandoned += 1
            ev = self._emit(EV_CALL_ABANDONED)
            ev.call_id = _ref(c.id)
            ev.queue = _ref(q.name)
            ev.position = pos
            ev.entry_position = c.entry_position
            ev.wait_time = wait
            self._finish(c, CALL_ABANDONED)
        else:
            a = c.agent
            _om_del(&self._offers, c.offer_id)
            q.n_ringing -= 1
            q.abandoned += 1
            if wait < q.short_abandon:
                q.short_abandoned += 1
            ev = self._emit(EV_CALL_ABANDONED)
            ev.call_id = _ref(c.id)
            ev.queue = _ref(q.name)
            ev.agent_id = _ref(a.id)
            ev.offer_id = c.offer_id
            ev.entry_position = c.entry_position
            ev.wait_time = wait
            ev.ring_time = t - c.offer_time
            self._finish(c, CALL_ABANDONED)
            a.call = None
            a.offer_id = 0
            self._set_state(a, AG_AVAILABLE, _R_EMPTY)
            self._match_agent(a, TRIG_AGENT_READY)
        self._end()

    def transfer(self, call_id, queue):
        """Move a call to ``queue``, where it waits as PRIORITY and keeps its history.

        A waiting or ringing call just moves; a connected call is a blind transfer by its
        agent, who goes to wrap-up. The target's capacity and join rule apply.
        """
        cdef double t = self._begin()
        cdef _Call c = self._call(call_id)
        cdef _Queue target = self._queue(queue)
        cdef _Queue src
        cdef _Agent a, freed = None
        cdef _Member m
        cdef _Sig sig
        cdef int pos
        cdef double talk
        if target.max_waiting and target.n_waiting + target.n_ringing >= target.max_waiting:
            raise _errors.QueueFullError(f"queue {target.name!r} is full ({target.max_waiting} calls)",
                                         queue=target.name)
        sig = self._merge_sig(target.sig_base, self._skill_indexes_known(c.skills))
        if sig.n > ACD_MAX_CALL_SKILLS:
            raise _errors.InvalidArgumentError(f"the call would need more than {ACD_MAX_CALL_SKILLS} skills in "
                                               f"{target.name!r}", field="queue")
        if self._is_empty(target, target.join_empty, sig):
            raise _errors.QueueEmptyError(f"queue {target.name!r} has no agent to take the call",
                                          queue=target.name)
        src = c.queue
        if c.state == CALL_WAITING:
            pos = self._position(c)
            self._bucket_remove(c)
            src.transferred_out += 1
            ev = self._emit(EV_CALL_TRANSFERRED)
            ev.call_id = _ref(c.id)
            ev.queue = _ref(src.name)
            ev.target_queue = _ref(target.name)
            ev.position = pos
            ev.entry_position = c.entry_position
            ev.wait_time = t - c.entered_at
        elif c.state == CALL_OFFERED:
            a = c.agent
            _om_del(&self._offers, c.offer_id)
            src.n_ringing -= 1
            src.transferred_out += 1
            ev = self._emit(EV_CALL_TRANSFERRED)
            ev.call_id = _ref(c.id)
            ev.queue = _ref(src.name)
            ev.target_queue = _ref(target.name)
            ev.agent_id = _ref(a.id)
            ev.offer_id = c.offer_id
            ev.entry_position = c.entry_position
            ev.wait_time = t - c.entered_at
            ev.ring_time = t - c.offer_time
            a.call = None
            a.offer_id = 0
            c.agent = None
            c.offer_id = 0
            self._set_state(a, AG_AVAILABLE, _R_EMPTY)
            freed = a
        else:
            a = c.agent
            talk = t - c.answered_at
            src.n_connected -= 1
            src.completed += 1
            for m in a.members:
                if m.queue is src:
                    m.talk_time += talk
            ev = self._emit(EV_CALL_TRANSFERRED)
            ev.call_id = _ref(c.id)
            ev.queue = _ref(src.name)
            ev.target_queue = _ref(target.name)
            ev.agent_id = _ref(a.id)
            ev.entry_position = c.entry_position
            ev.wait_time = c.answered_at - c.entered_at
            ev.talk_time = talk
            c.agent = None
            self._release_agent(a, src, talk)
        if c.history is None:
            c.history = []
        c.history.append(src.name)
        c.target = None  # a transfer is a new routing decision: the target does not follow
        self._enter(c, target, t, PRIO_PRIORITY, _R_TRANSFER, None)
        self._match_call(c, TRIG_TRANSFERRED)
        if freed is not None and freed.state == AG_AVAILABLE:
            self._match_agent(freed, TRIG_AGENT_READY)
        if c.state == CALL_WAITING:
            self._check_leave_empty_call(c)
        self._end()
        return self._call_offer(c) if c.state == CALL_OFFERED else None

    cdef int _overflow(self, _Call c, str why) except -1:
        cdef double t = self._now
        cdef _Queue q = c.queue
        cdef _Queue target
        cdef int pos = self._position(c)
        self._bucket_remove(c)
        c.target = None  # the call leaves the queue its target serves
        q.overflowed += 1
        target_name = q.overflow_target
        cdef double wait = t - c.entered_at
        if target_name is not None and c.hops >= _MAX_OVERFLOW_HOPS:
            target_name = None
            why = _R_LOOP
        ev = self._emit(EV_CALL_OVERFLOWED)
        ev.call_id = _ref(c.id)
        ev.queue = _ref(q.name)
        ev.reason = _ref(why)
        ev.position = pos
        ev.entry_position = c.entry_position
        ev.wait_time = wait
        if target_name is None:
            self._finish(c, CALL_OVERFLOWED)
            return 0
        target = self._queues[target_name]
        ev.target_queue = _ref(target.name)
        c.hops += 1
        if c.history is None:
            c.history = []
        c.history.append(q.name)
        self._enter(c, target, t, c.priority, _R_OVERFLOW, None)
        self._match_call(c, TRIG_OVERFLOWED)
        self._check_leave_empty_call(c)
        return 0

    # ------------------------------------------------------------------ empty rules
    cdef bint _is_empty(self, _Queue q, int rule, _Sig sig) except -1:
        cdef _Member m
        if rule == EMPTY_NEVER:
            return False
        if rule == EMPTY_NO_AGENTS:
            return q.n_logged == 0
        if rule == EMPTY_NO_READY:
            return q.n_ready == 0
        b = q.bucket_by_key.get(sig.key)
        if b is not None:
            return (<_Bucket>b).n_capable == 0
        for m in q.members:
            if m.agent.state != AG_LOGGED_OUT and self._capable(m, sig):
                return False
        return True

    cdef int _check_leave_empty_call(self, _Call c) except -1:
        while c.state == CALL_WAITING and self._is_empty(c.queue, c.queue.leave_empty, c.sig):
            self._overflow(c, _R_EMPTYQ)
        return 0

    cdef int _check_leave_empty(self, list queues) except -1:
        cdef _Queue q
        cdef _Call c
        cdef set seen = set()
        for q in queues:
            if q.name in seen or not q.alive or q.leave_empty == EMPTY_NEVER:
                continue
            seen.add(q.name)
            for c in self._waiting_in_order(q, True):
                if c.state == CALL_WAITING and c.queue is q:
                    self._check_leave_empty_call(c)
        return 0

    # ------------------------------------------------------------------ positions, EWT
    cdef int _position(self, _Call c) except -1:
        cdef int pos = 1
        cdef _Bucket b
        cdef acd_skiplist *tl
        if c.target is not None:
            # a targeted call's place is among its agent's targeted calls
            tl = c.target.tl
            if c.cls == CLS_NORMAL:
                return 1 + tl[CLS_PRIO].length + _sl_rank(&tl[CLS_NORMAL], c.entered_at, c.seq)
            return 1 + _sl_rank(&tl[CLS_PRIO], c.entered_at, c.seq)
        for b in c.queue.buckets:
            if c.cls == CLS_NORMAL:
                pos += b.lines[CLS_PRIO].length + _sl_rank(&b.lines[CLS_NORMAL], c.entered_at, c.seq)
            else:
                pos += _sl_rank(&b.lines[CLS_PRIO], c.entered_at, c.seq)
        return pos

    cdef object _ewt(self, _Queue q, int position):
        if q.n_ready == 0:
            return None
        aht = q.handle_time / q.handled if q.handled else q.default_handle_time
        return position * aht / q.n_ready

    cdef list _waiting_in_order(self, _Queue q, bint targeted):
        """Every waiting call of ``q`` (the targeted ones too unless told) by (class, entered_at, seq)."""
        cdef list out = []
        cdef _Bucket b
        cdef _Call c
        cdef PyObject *node
        for b in q.buckets:
            for cls in range(CLS_PRIO, CLS_NORMAL - 1, -1):
                node = b.lines[cls].head[0].next
                while node != NULL:
                    c = <_Call>node
                    out.append((-cls, c.entered_at, c.seq, c))
                    node = c.links[0].next
        if targeted:
            for c in q.targeted:
                out.append((-c.cls, c.entered_at, c.seq, c))
        out.sort(key=lambda x: x[:3])
        return [x[3] for x in out]

    # ------------------------------------------------------------------ routing
    def replace_routes(self, routes):
        """Swap in a new prefix routing table atomically; returns its version number."""
        self._begin()
        cdef RouteTable table = RouteTable(routes)
        for r in table.routes:
            if r.queue is not None and r.queue not in self._queues:
                raise _errors.UnknownQueueError(f"route {r.pattern!r} names unknown queue {r.queue!r}",
                                                queue=r.queue)
        self._routes = table
        self._routes_version += 1
        ev = self._emit(EV_ROUTES_REPLACED)
        ev.candidates = len(table)
        ev.step = <int>self._routes_version
        self._end()
        return self._routes_version

    @property
    def routes(self):
        return self._routes

    @property
    def routes_version(self):
        return self._routes_version

    def lookup_number(self, caller, dialled):
        return self._routes.lookup(caller, dialled)

    # ------------------------------------------------------------------ queries
    def explain(self, offer_id):
        """Why offer ``offer_id`` went to its agent (kept for the last 65,536 offers)."""
        if isinstance(offer_id, bool) or not isinstance(offer_id, int):
            raise _errors.InvalidArgumentError("offer id must be an integer", field="offer_id")
        cdef acd_explain *x
        if offer_id <= 0 or offer_id > self._last_offer:
            raise _errors.UnknownOfferError(f"no explanation kept for offer {offer_id}", offer_id=offer_id)
        x = &self._explain[(<int64_t>offer_id) & (ACD_EXPLAIN_CAPACITY - 1)]
        if x.offer_id != offer_id:
            raise _errors.UnknownOfferError(f"no explanation kept for offer {offer_id}", offer_id=offer_id)
        return _types.Assignment(x.offer_id, <object>x.call_id, <object>x.agent_id, <object>x.queue, x.time,
                                 _TRIGGERS[x.trigger], _STRATEGIES[x.strategy], x.candidates, x.score,
                                 x.penalty, x.penalty_limit, x.step, bool(x.targeted))

    def get_call(self, call_id):
        self._begin()
        self._end()
        cdef _Call c = self._call(call_id)
        cdef _Queue q = c.queue
        cdef bint waiting = c.state == CALL_WAITING
        cdef int pos = self._position(c) if waiting else 0
        if not waiting:
            ewt = None
        elif c.target is not None:
            # one agent serves a targeted call: n is 1 while it is logged in and not paused
            ewt = None if c.target.state == AG_PAUSED or c.target.state == AG_LOGGED_OUT else \
                pos * (q.handle_time / q.handled if q.handled else q.default_handle_time)
        else:
            ewt = self._ewt(q, pos)
        return _types.CallInfo(
            id=c.id, queue=q.name, state=_CALL_STATES[c.state], priority=_PRIORITIES[c.priority],
            effective_priority=_PRIORITIES[PRIO_PRIORITY if c.cls == CLS_PRIO else PRIO_NORMAL],
            caller=c.caller, dialled=c.dialled, skills=c.skills, attributes=c.attributes,
            arrived_at=c.arrived_at, entered_at=c.entered_at,
            agent_id=c.agent.id if c.agent is not None else None, offer_id=c.offer_id,
            position=pos, expected_wait=ewt,
            penalty_limit=None if c.limit < 0 else c.limit,
            excluded_agents=tuple(self._uid_names[c.excl_uid[i]] for i in range(c.n_excl)),
            history=tuple(c.history) if c.history is not None else (), no_answers=c.no_answers,
            target_agent_id=c.target.id if c.target is not None else None, target_timeout=c.target_timeout)

    def call_ids(self):
        """Ids of every call not yet ended, in the order they arrived."""
        cdef list live = []
        cdef Py_ssize_t i
        for i in range(self._calls.cap):
            if self._calls.slots[i].key != NULL and self._calls.slots[i].hash != -1:
                c = <_Call>self._calls.slots[i].call
                live.append((c.arrival, c.id))
        live.sort()
        return [x[1] for x in live]

    def waiting_calls(self, queue, *, targeted=False):
        """Ids of the queue's normal line in service order (PRIORITY first, then oldest).

        Targeted calls wait for one agent each, not in this line (see ``targeted_calls``);
        ``targeted=True`` lists them after it, by class, then oldest.
        """
        self._begin()
        cdef _Queue q = self._queue(queue)
        self._end()
        out = [(<_Call>c).id for c in self._waiting_in_order(q, False)]
        if targeted:
            out.extend((<_Call>c).id for c in sorted(q.targeted, key=lambda c: (-(<_Call>c).cls,
                                                                                 (<_Call>c).entered_at,
                                                                                 (<_Call>c).seq)))
        return out

    def targeted_calls(self, agent_id):
        """Ids of the waiting calls targeted at the agent, in the order it takes them."""
        self._begin()
        cdef _Agent a = self._agent(agent_id)
        self._end()
        cdef list out = []
        cdef PyObject *node
        cdef int cls
        if a.n_targeted:
            for cls in range(CLS_PRIO, CLS_NORMAL - 1, -1):
                node = a.tl[cls].head[0].next
                while node != NULL:
                    out.append((<_Call>node).id)
                    node = (<_Call>node).links[0].next
        return out

    def agent_ids(self):
        return list(self._agents)

    def get_agent(self, agent_id):
        self._begin()
        cdef _Agent a = self._agent(agent_id)
        cdef _Member m
        self._end()
        cdef double t = self._now
        cdef double spent = t - a.state_since
        cdef double idle = a.idle, ring = a.ring, talk = a.talk, wrap = a.wrap, pause = a.pause_total
        by_reason = dict(a.pause_by_reason)
        st = a.state
        if st == AG_AVAILABLE:
            idle += spent
        elif st == AG_RESERVED:
            ring += spent
        elif st == AG_BUSY:
            talk += spent
        elif st == AG_WRAP_UP:
            wrap += spent
        elif st == AG_PAUSED:
            pause += spent
            by_reason[a.reason] = by_reason.get(a.reason, 0.0) + spent
        logged = a.logged_in_time + (spent if st != AG_LOGGED_OUT else 0.0)
        work = talk + wrap + ring
        occ = work / (work + idle) if work + idle > 0 else None
        stats = _types.AgentStats(calls=a.calls, talk_time=talk, wrap_up_time=wrap, ring_time=ring,
                                  idle_time=idle, pause_time=pause, pause_by_reason=by_reason,
                                  no_answers=a.no_answers, logged_in_time=logged, occupancy=occ)
        return _types.AgentInfo(
            id=a.id, state=_AGENT_STATES[a.state], state_since=a.state_since, reason=a.reason, skills=a.skills,
            queues={m.queue.name: m.penalty for m in a.members},
            call_id=a.call.id if a.call is not None else None, offer_id=a.offer_id,
            offer_expires_at=a.offer_expires if a.state == AG_RESERVED else None,
            consecutive_no_answers=a.consec_na, stats=stats)

    def queue_stats(self, queue):
        self._begin()
        cdef _Queue q = self._queue(queue)
        cdef _Bucket b
        cdef _Member m
        cdef PyObject *node
        self._end()
        cdef double t = self._now
        cdef double oldest = INFINITY
        for b in q.buckets:
            for cls in range(CLS_PRIO, CLS_NORMAL - 1, -1):
                node = b.lines[cls].head[0].next
                if node != NULL and (<_Call>node).entered_at < oldest:
                    oldest = (<_Call>node).entered_at
        for tc in q.targeted:
            if (<_Call>tc).entered_at < oldest:
                oldest = (<_Call>tc).entered_at
        denom = q.answered + q.abandoned - q.short_abandoned
        counts = [0] * 7
        for m in q.members:
            counts[m.agent.state] += 1
        return _types.QueueStats(
            queue=q.name, waiting=q.n_waiting, waiting_priority=q.n_waiting_prio,
            longest_wait=(t - oldest) if oldest != INFINITY else 0.0,
            offered=q.offered, answered=q.answered, answered_within_sl=q.answered_sl, abandoned=q.abandoned,
            short_abandoned=q.short_abandoned, overflowed=q.overflowed, transferred_out=q.transferred_out,
            rejected=q.rejected, service_level=(q.answered_sl / denom) if denom > 0 else None,
            asa=(q.wait_answered / q.answered) if q.answered else None,
            aht=(q.handle_time / q.handled) if q.handled else None,
            expected_wait=self._ewt(q, q.n_waiting + 1), expected_wait_priority=self._ewt(q, q.n_waiting_prio + 1),
            agents_logged_in=len(q.members) - counts[AG_LOGGED_OUT],
            agents_available=counts[AG_AVAILABLE],
            agents_busy=counts[AG_RESERVED] + counts[AG_BUSY] + counts[AG_WRAP_UP],
            agents_paused=counts[AG_PAUSED])

    def counters(self, queue):
        """Raw counters of a queue, for checks that statistics add up."""
        cdef _Queue q = self._queue(queue)
        return {"offered": q.offered, "waiting": q.n_waiting, "ringing": q.n_ringing,
                "connected": q.n_connected, "answered": q.answered, "completed": q.completed,
                "abandoned": q.abandoned, "overflowed": q.overflowed, "transferred_out": q.transferred_out,
                "rejected": q.rejected, "handled": q.handled}

    # ------------------------------------------------------------------ decision latency
    cdef void _decision_done(self, int64_t started) noexcept:
        # how long choosing took (not the offer's bookkeeping), in a log-linear histogram (four
        # buckets per power of two): an operator's view of the matching cost; measured, so it
        # is not part of snapshots
        cdef int64_t ns = _mono_ns() - started
        cdef int b = 0
        cdef int64_t x
        if ns < 4:
            self._decisions[ns if ns > 0 else 0] += 1
            return
        x = ns
        while x > 1:
            x >>= 1
            b += 1
        self._decisions[min(255, b * 4 + ((ns >> (b - 2)) & 3))] += 1

    def decision_latency(self, *, reset=False):
        """How long assignment decisions took: count and p50/p90/p99/max in ns (within 25 %).

        Counted inside the core around each choice of an agent for a call or a call for an
        agent (whether or not it found one). ``reset=True`` starts counting afresh.
        """
        out = _latency_summary([self._decisions[i] for i in range(256)])
        if reset:
            memset(self._decisions, 0, sizeof(self._decisions))
        return out

    # ------------------------------------------------------------------ snapshot
    def snapshot(self):
        """The whole state as a JSON-serialisable dict (see acdcore._snapshot)."""
        cdef Py_ssize_t i
        cdef acd_timer *e
        cdef _Queue q
        cdef _Agent a
        cdef _Member m
        cdef _Bucket b
        cdef _Call c
        cdef acd_explain *x
        dues = {}
        for i in range(self._heap_len):
            e = &self._heap[i]
            if self._timer_field(e.obj, e.kind)[0] == e.sseq:
                dues[<Py_ssize_t>e.obj] = e.due
        queues = []
        for q in self._queues.values():
            queues.append({
                "config": _snap.queue_to_dict(q.cfg), "rr_cursor": q.rr_cursor,
                "members": [(<_Member>m).agent.id for m in q.members],
                "buckets": [[list(p) for p in (<_Bucket>b).sig.key] for b in q.buckets],
                "stats": {"offered": q.offered, "answered": q.answered, "answered_sl": q.answered_sl,
                          "abandoned": q.abandoned, "short_abandoned": q.short_abandoned,
                          "overflowed": q.overflowed, "transferred_out": q.transferred_out,
                          "rejected": q.rejected, "completed": q.completed, "wait_answered": q.wait_answered,
                          "handled": q.handled, "handle_time": q.handle_time},
            })
        agents = []
        for a in self._agents.values():
            agents.append({
                "config": _snap.agent_to_dict(a.id, a.skills, {m.queue.name: m.penalty for m in a.members}),
                "member_stats": [[m.calls, m.talk_time] for m in a.members],
                "state": a.state, "state_since": a.state_since, "reason": a.reason,
                "offer_id": a.offer_id, "offer_time": a.offer_time, "offer_expires": a.offer_expires,
                "consec_na": a.consec_na, "calls": a.calls, "talk": a.talk, "wrap": a.wrap, "ring": a.ring,
                "idle": a.idle, "pause_total": a.pause_total, "pause_by_reason": dict(a.pause_by_reason),
                "no_answers": a.no_answers, "logged_in_time": a.logged_in_time,
                "available_since": a.available_since, "avail_seq": a.avail_seq,
                "timer": [dues[<Py_ssize_t><PyObject *>a], a.timer] if a.timer else None,
                "wrap_queue": a.wrap_queue.name if a.wrap_queue is not None else None, "wrap_talk": a.wrap_talk,
            })
        calls = []
        for cid in self.call_ids():
            c = self._call(cid)
            calls.append({
                "id": c.id, "queue": c.queue.name, "state": c.state, "priority": c.priority,
                "cls": c.cls, "promoted": c.promoted, "caller": c.caller, "dialled": c.dialled,
                "skills": dict(c.skills), "attributes": dict(c.attributes), "orig_queue": c.orig_queue,
                "orig_priority": c.orig_priority, "sig": [list(p) for p in c.sig.key], "arrived_at": c.arrived_at,
                "entered_at": c.entered_at, "seq": c.seq, "limit": c.limit, "step": c.step,
                "excl": [[self._uid_names[c.excl_uid[i]], c.excl_until[i]] for i in range(c.n_excl)],
                "timer": [dues[<Py_ssize_t><PyObject *>c], c.timer] if c.timer else None,
                "agent": c.agent.id if c.agent is not None else None, "offer_id": c.offer_id,
                "offer_time": c.offer_time, "answered_at": c.answered_at, "no_answers": c.no_answers,
                "hops": c.hops, "history": list(c.history) if c.history is not None else [],
                "entry_position": c.entry_position,
                "target": c.target.id if c.target is not None else None, "target_timeout": c.target_timeout,
                "orig_target": c.orig_target,
            })
        ended = []
        for i in range(self._ended_len):
            k = (self._ended_head + i) % self._ended_cap
            eid = <object>self._ended_id[k]
            ended.append([self._ended_time[k], eid, _em_get(&self._ended, eid)])
        events = []
        for i in range(self._ev_len):
            ev = _take_event_copy(&self._ev[(self._ev_head + i) & (self._ev_cap - 1)])
            events.append(_event_dict(ev))
        explain = []
        lo = max(1, self._last_offer - ACD_EXPLAIN_CAPACITY + 1)
        for oid in range(lo, self._last_offer + 1):
            x = &self._explain[oid & (ACD_EXPLAIN_CAPACITY - 1)]
            if x.offer_id == oid:
                explain.append([x.offer_id, <object>x.call_id, <object>x.agent_id, <object>x.queue, x.time,
                                x.trigger, x.strategy, x.candidates, x.score, x.penalty, x.penalty_limit, x.step,
                                bool(x.targeted)])
        return {
            "format": "acdcore-snapshot", "version": _snap.VERSION, "now": self._now, "rng": self._rng,
            "event_seq": self._event_seq, "last_offer": self._last_offer, "sched_seq": self._sched_seq,
            "call_seq": self._call_seq, "avail_seq": self._avail_seq, "ended_memory": self._ended_memory,
            "ended_limit": self._ended_limit, "skills": list(self._skills),
            "routes": [_snap.route_to_dict(r) for r in self._routes.routes], "routes_version": self._routes_version,
            "queues": queues, "agents": agents, "calls": calls, "ended": ended, "events": events,
            "explain": explain,
        }

    @classmethod
    def from_snapshot(cls, data, *, clock=None):
        """A core in exactly the state ``data`` describes, reading time from ``clock``."""
        d = _snap.check(data)
        cdef Core core = cls(clock=clock, ended_call_memory=d["ended_memory"], ended_call_limit=d["ended_limit"])
        cdef _Queue q
        cdef _Agent a
        cdef _Member m
        cdef _Call c
        cdef _Bucket b
        cdef acd_explain *x
        cdef int i
        core._now = d["now"]
        core._rng = d["rng"]
        core._event_seq = d["event_seq"]
        core._last_offer = d["last_offer"]
        core._sched_seq = d["sched_seq"]
        core._call_seq = d["call_seq"]
        core._avail_seq = d["avail_seq"]
        core._skills = {name: i for i, name in enumerate(d["skills"])}
        for qd in d["queues"]:
            q = _Queue.__new__(_Queue)
            q.name = qd["config"]["name"]
            q.members = []
            q.tiers = []
            q.buckets = []
            q.bucket_by_key = {}
            q.base_bucket = None
            q.targeted = {}
            q.alive = True
            core._apply_queue_config(q, _snap.queue_from_dict(qd["config"]))
            q.rr_cursor = qd["rr_cursor"]
            st = qd["stats"]
            q.offered, q.answered, q.answered_sl = st["offered"], st["answered"], st["answered_sl"]
            q.abandoned, q.short_abandoned, q.overflowed = st["abandoned"], st["short_abandoned"], st["overflowed"]
            q.transferred_out, q.rejected, q.completed = st["transferred_out"], st["rejected"], st["completed"]
            q.wait_answered, q.handled, q.handle_time = st["wait_answered"], st["handled"], st["handle_time"]
            core._queues[q.name] = q
        members = {}
        for ad in d["agents"]:
            cfg = _snap.agent_from_dict(ad["config"])
            a = _Agent.__new__(_Agent)
            a.id = cfg.id
            core._next_uid += 1
            a.uid = core._next_uid
            core._uid_names[a.uid] = a.id
            a.timer = 0
            a.call = None
            core._set_levels(a, cfg.skills)
            a.members = []
            for (qn, pen), (mcalls, mtalk) in zip(cfg.queues.items(), ad["member_stats"]):
                m = _Member.__new__(_Member)
                m.agent = a
                m.queue = core._queues[qn]
                m.penalty = pen
                m.linked = False
                m.calls = mcalls
                m.talk_time = mtalk
                a.members.append(m)
                members[(qn, a.id)] = m
            a.state = ad["state"]
            a.state_since, a.reason = ad["state_since"], ad["reason"]
            a.offer_id, a.offer_time, a.offer_expires = ad["offer_id"], ad["offer_time"], ad["offer_expires"]
            a.consec_na, a.calls, a.talk, a.wrap = ad["consec_na"], ad["calls"], ad["talk"], ad["wrap"]
            a.ring, a.idle, a.pause_total = ad["ring"], ad["idle"], ad["pause_total"]
            a.pause_by_reason = dict(ad["pause_by_reason"])
            a.no_answers, a.logged_in_time = ad["no_answers"], ad["logged_in_time"]
            a.available_since, a.avail_seq = ad["available_since"], ad["avail_seq"]
            a.wrap_queue = core._queues[ad["wrap_queue"]] if ad["wrap_queue"] is not None else None
            a.wrap_talk = ad["wrap_talk"]
            if ad["timer"] is not None:
                core._restore_timer(a, TIMER_AGENT, ad["timer"])
            core._agents[a.id] = a
        for qd in d["queues"]:
            q = core._queues[qd["config"]["name"]]
            for aid in qd["members"]:
                m = members[(q.name, aid)]
                m.pos = len(q.members)
                q.members.append(m)
            for sig in qd["buckets"]:
                b = _Bucket.__new__(_Bucket)
                b.sig = _make_sig({p[0]: p[1] for p in sig})
                _sl_init(&b.lines[0])
                _sl_init(&b.lines[1])
                b.n_capable = 0
                q.bucket_by_key[b.sig.key] = b
                q.buckets.append(b)
            q.base_bucket = q.bucket_by_key.get(q.sig_base.key)
        for a in sorted(core._agents.values(), key=lambda x: (<_Agent>x).avail_seq):
            if a.state != AG_LOGGED_OUT:
                for m in a.members:
                    m.queue.n_logged += 1
                    if a.state != AG_PAUSED:
                        m.queue.n_ready += 1
            if a.state == AG_AVAILABLE:
                for m in a.members:
                    core._tier_append(m)
        for q in core._queues.values():
            core._recount_capable(q)
        names = {a.id: a for a in core._agents.values()}
        for cd in d["calls"]:
            c = _Call.__new__(_Call)
            c.id = cd["id"]
            c.queue = core._queues[cd["queue"]]
            c.state, c.priority, c.cls, c.promoted = cd["state"], cd["priority"], cd["cls"], cd["promoted"]
            c.caller, c.dialled = cd["caller"], cd["dialled"]
            c.skills = _types.check_skills(cd["skills"], "call skills", max_count=ACD_MAX_CALL_SKILLS) \
                if cd["skills"] else _EMPTY_MAP
            c.attributes = _types.check_attributes(cd["attributes"]) if cd["attributes"] else _EMPTY_MAP
            c.orig_queue, c.orig_priority = cd["orig_queue"], cd["orig_priority"]
            sigd = {p[0]: p[1] for p in cd["sig"]}
            b = c.queue.bucket_by_key.get(tuple(sorted(sigd.items())))
            c.sig = b.sig if b is not None else _make_sig(sigd)
            if c.sig.key == c.queue.sig_base.key:
                c.sig = c.queue.sig_base
            c.arrived_at, c.entered_at, c.seq = cd["arrived_at"], cd["entered_at"], cd["seq"]
            c.limit, c.step = cd["limit"], cd["step"]
            c.n_excl = len(cd["excl"])
            for i, (aid, until) in enumerate(cd["excl"]):
                ex = names.get(aid)
                c.excl_uid[i] = (<_Agent>ex).uid if ex is not None else 0
                c.excl_until[i] = until
                if ex is None:
                    core._uid_names[0] = aid
            c.timer = 0
            c.agent = core._agents[cd["agent"]] if cd["agent"] is not None else None
            c.offer_id, c.offer_time, c.answered_at = cd["offer_id"], cd["offer_time"], cd["answered_at"]
            c.no_answers, c.hops, c.entry_position = cd["no_answers"], cd["hops"], cd["entry_position"]
            c.history = list(cd["history"]) if cd["history"] else None
            # snapshots written before targeted calls existed have no target keys
            c.target = core._agents[cd["target"]] if cd.get("target") is not None else None
            c.target_timeout = cd.get("target_timeout", 0.0)
            c.orig_target = cd.get("orig_target", "")
            core._arrivals += 1
            c.arrival = core._arrivals
            _cm_put(&core._calls, c.id, c)
            if c.state == CALL_WAITING:
                core._bucket_insert(c)
            elif c.state == CALL_OFFERED:
                c.agent.call = c
                _om_put(&core._offers, c.offer_id, <PyObject *>c.agent)
                c.queue.n_ringing += 1
            elif c.state == CALL_CONNECTED:
                c.agent.call = c
                c.queue.n_connected += 1
            if cd["timer"] is not None:
                core._restore_timer(c, TIMER_CALL, cd["timer"])
        for t, cid, state in d["ended"]:
            _em_put(&core._ended, cid, state)
            core._ended_push(t, cid)
        for evd in d["events"]:
            core._restore_event(evd)
        for xl in d["explain"]:
            x = &core._explain[(<int64_t>xl[0]) & (ACD_EXPLAIN_CAPACITY - 1)]
            Py_XDECREF(x.call_id)
            Py_XDECREF(x.agent_id)
            Py_XDECREF(x.queue)
            x.offer_id = xl[0]
            x.call_id = _ref(xl[1])
            x.agent_id = _ref(xl[2])
            x.queue = _ref(xl[3])
            x.time, x.trigger, x.strategy, x.candidates = xl[4], xl[5], xl[6], xl[7]
            x.score, x.penalty, x.penalty_limit, x.step = xl[8], xl[9], xl[10], xl[11]
            x.targeted = bool(xl[12]) if len(xl) > 12 else False
        core._routes = RouteTable([_snap.route_from_dict(r) for r in d["routes"]])
        core._routes_version = d["routes_version"]
        return core

    cdef int _restore_timer(self, object obj, int kind, list timer) except -1:
        self._timer_field(<PyObject *>obj, kind)[0] = <uint64_t>timer[1]
        return self._h_push(obj, kind, timer[0], <uint64_t>timer[1])

    cdef int _ended_push(self, double t, object cid) except -1:
        cdef Py_ssize_t i, cap
        cdef double *nt
        cdef PyObject **ni
        if self._ended_len == self._ended_cap:
            cap = self._ended_cap * 2
            nt = <double *>malloc(cap * sizeof(double))
            ni = <PyObject **>malloc(cap * sizeof(PyObject *))
            if nt == NULL or ni == NULL:
                free(nt)
                free(ni)
                raise MemoryError()
            for i in range(self._ended_len):
                nt[i] = self._ended_time[(self._ended_head + i) % self._ended_cap]
                ni[i] = self._ended_id[(self._ended_head + i) % self._ended_cap]
            free(self._ended_time)
            free(self._ended_id)
            self._ended_time = nt
            self._ended_id = ni
            self._ended_head = 0
            self._ended_cap = cap
        i = (self._ended_head + self._ended_len) % self._ended_cap
        self._ended_time[i] = t
        self._ended_id[i] = _ref(cid)
        self._ended_len += 1
        return 0

    cdef int _restore_event(self, dict evd) except -1:
        cdef acd_event *slot
        saved = self._event_seq
        saved_now = self._now
        self._now = evd["time"]
        slot = self._emit(evd["type"])
        self._event_seq = saved
        self._now = saved_now
        slot.seq = evd["seq"]
        slot.call_id = _ref(evd["call_id"])
        slot.agent_id = _ref(evd["agent_id"])
        slot.queue = _ref(evd["queue"])
        slot.target_queue = _ref(evd["target_queue"])
        slot.reason = _ref(evd["reason"]) if evd["reason"] else NULL
        slot.caller = _ref(evd["caller"])
        slot.offer_id = evd["offer_id"]
        slot.priority = evd["priority"] or 0
        slot.agent_state = evd["agent_state"] or 0
        slot.previous_state = evd["previous_state"] or 0
        slot.trigger = evd["trigger"] or 0
        slot.position, slot.entry_position = evd["position"], evd["entry_position"]
        slot.wait_time, slot.talk_time, slot.ring_time = evd["wait_time"], evd["talk_time"], evd["ring_time"]
        slot.candidates, slot.score, slot.penalty = evd["candidates"], evd["score"], evd["penalty"]
        slot.penalty_limit, slot.step = evd["penalty_limit"], evd["step"]
        return 0
