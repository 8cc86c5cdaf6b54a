# The ACD core: C-level declarations (included from _queue.pxd).
#
# Other Cython extensions may `cimport acdcore._queue` and drive a Core through the
# `c_*` methods declared on it below without building Python argument tuples: the
# first binding of the library. The numbers of every enum equal acdcore.enums.

from cpython.ref cimport PyObject
from libc.stdint cimport int32_t, int64_t, uint64_t


# --- states and kinds: the same numbers as acdcore.enums ----------------------------
cdef enum acd_priority:
    PRIO_NORMAL = 1
    PRIO_PRIORITY = 2

cdef enum acd_strategy:
    STRAT_LONGEST_IDLE = 1
    STRAT_ROUND_ROBIN = 2
    STRAT_FEWEST_CALLS = 3
    STRAT_LEAST_TALK_TIME = 4
    STRAT_HIGHEST_SKILL = 5
    STRAT_RANDOM = 6
    STRAT_WEIGHTED_RANDOM = 7

cdef enum acd_agent_state:
    AG_LOGGED_OUT = 1
    AG_AVAILABLE = 2
    AG_RESERVED = 3
    AG_BUSY = 4
    AG_WRAP_UP = 5
    AG_PAUSED = 6

cdef enum acd_call_state:
    CALL_WAITING = 1
    CALL_OFFERED = 2
    CALL_CONNECTED = 3
    CALL_COMPLETED = 4
    CALL_ABANDONED = 5
    CALL_OVERFLOWED = 6

cdef enum acd_empty_rule:
    EMPTY_NEVER = 1
    EMPTY_NO_AGENTS = 2
    EMPTY_NO_READY = 3
    EMPTY_NO_CAPABLE = 4

cdef enum acd_trigger:
    TRIG_CALL_ARRIVED = 1
    TRIG_AGENT_READY = 2
    TRIG_ESCALATION = 3
    TRIG_RETRY = 4
    TRIG_REQUEUED = 5
    TRIG_TRANSFERRED = 6
    TRIG_OVERFLOWED = 7
    TRIG_RECONFIGURED = 8

cdef enum acd_event_type:
    EV_CALL_ENQUEUED = 1
    EV_CALL_OFFERED = 2
    EV_CALL_NO_ANSWER = 3
    EV_CALL_ANSWERED = 4
    EV_CALL_ABANDONED = 5
    EV_CALL_OVERFLOWED = 6
    EV_CALL_TRANSFERRED = 7
    EV_CALL_COMPLETED = 8
    EV_CALL_REJECTED = 9
    EV_CALL_ESCALATED = 10
    EV_CALL_PROMOTED = 11
    EV_AGENT_STATE_CHANGED = 12
    EV_AGENT_ADDED = 13
    EV_AGENT_UPDATED = 14
    EV_AGENT_REMOVED = 15
    EV_QUEUE_CREATED = 16
    EV_QUEUE_UPDATED = 17
    EV_QUEUE_DELETED = 18
    EV_ROUTES_REPLACED = 19
    EV_CALL_TARGET_LAPSED = 20

cdef enum:
    # class indexes of the two waiting lines of a bucket
    CLS_NORMAL = 0
    CLS_PRIO = 1
    ACD_MAX_SKILLS = 256
    ACD_MAX_CALL_SKILLS = 8
    ACD_MAX_EXCLUSIONS = 4
    ACD_EXPLAIN_CAPACITY = 65536
    # skip list of waiting calls: p = 1/4, enough levels for 4^12 (16 million) calls a line
    SL_MAX_LEVEL = 12
    TIMER_CALL = 0
    TIMER_AGENT = 1


# --- one state change, as it waits in the event ring ----------------------------------
# The PyObject* fields hold strong references (or NULL); the ring releases them when the
# event is read.
cdef struct acd_event:
    uint64_t seq
    double time
    int type
    PyObject *call_id
    PyObject *agent_id
    PyObject *queue
    PyObject *target_queue
    PyObject *reason
    PyObject *caller
    int64_t offer_id
    int priority
    int agent_state
    int previous_state
    int trigger
    int position
    int entry_position
    int candidates
    int penalty
    int penalty_limit
    int step
    double wait_time
    double talk_time
    double ring_time
    double score

# why an offer went where it went (ExplainAssignment); a ring indexed by offer id
cdef struct acd_explain:
    int64_t offer_id
    PyObject *call_id
    PyObject *agent_id
    PyObject *queue
    double time
    int trigger
    int strategy
    int candidates
    double score
    int penalty
    int penalty_limit
    int step
    int targeted

cdef struct acd_timer:
    double due
    uint64_t sseq
    PyObject *obj      # strong reference: a _Call or _Agent
    int kind

# a skip-list level link: next node and the number of nodes it jumps over
cdef struct acd_link:
    PyObject *next     # borrowed _Call
    int32_t span

cdef struct acd_skiplist:
    acd_link head[SL_MAX_LEVEL]
    # the last node of each level (its links, or head) and that node's 1-based rank (head:
    # 0): appending, the common case, and ranking a key past the end need no search
    acd_link *tail[SL_MAX_LEVEL]
    int32_t tail_rank[SL_MAX_LEVEL]
    PyObject *last       # the last call of the line (borrowed), NULL when empty
    # the first call's sort key, penalty limit and exclusion count, copied here so that an
    # agent choosing among a dozen lines reads no cold call objects (see _sl_refresh_head)
    double head_entered
    uint64_t head_seq
    int head_limit
    int head_excl
    int level
    int32_t length


# open-addressing map offer id -> ringing agent (borrowed: the agent holds the offer)
cdef struct acd_offer_slot:
    int64_t key          # 0: empty, -1: deleted
    PyObject *agent

cdef struct acd_offer_map:
    acd_offer_slot *slots
    Py_ssize_t cap, used, filled

# open-addressing set of recently ended call ids -> end state; keys are borrowed from the
# expiry ring, which holds the strong references
cdef struct acd_ended_slot:
    PyObject *key        # NULL: empty
    Py_hash_t hash       # -1 with a key: deleted
    int state

cdef struct acd_ended_map:
    acd_ended_slot *slots
    Py_ssize_t cap, used, filled


# open-addressing map call id -> _Call (both strong references): the live calls
cdef struct acd_call_slot:
    PyObject *key        # NULL: empty
    Py_hash_t hash       # -1 with a key: deleted (the key is then already released)
    PyObject *call

cdef struct acd_call_map:
    acd_call_slot *slots
    Py_ssize_t cap, used, filled


cdef class Offer:
    cdef readonly int64_t id
    cdef readonly str call_id
    cdef readonly str agent_id
    cdef readonly str queue
    cdef readonly double time
    cdef readonly double expires_at


cdef class Event:
    # owns the references of ev's PyObject* fields
    cdef acd_event ev


cdef class _Sig:
    cdef int n
    cdef int skill[ACD_MAX_CALL_SKILLS]
    cdef int level[ACD_MAX_CALL_SKILLS]
    cdef tuple key


cdef class _Bucket:
    cdef _Sig sig
    cdef acd_skiplist lines[2]
    cdef int n_capable


cdef class _Tier:
    cdef int penalty
    cdef _Member head
    cdef _Member tail
    cdef int count


cdef class _Member:
    cdef _Agent agent
    cdef _Queue queue
    cdef int penalty
    cdef int pos
    cdef int64_t calls
    cdef double talk_time
    cdef _Tier tier
    cdef _Tier home      # the tier of this member's penalty, once known
    cdef _Member prev
    cdef _Member next
    cdef bint linked


cdef class _Queue:
    cdef object cfg
    cdef str name
    cdef list members
    cdef list tiers            # _Tier, sorted by penalty
    cdef list buckets          # _Bucket, in creation order
    cdef dict bucket_by_key
    cdef _Bucket base_bucket   # calls that need nothing beyond the queue's own skills
    cdef _Sig sig_base
    cdef dict sig_cache        # call skills (as given) -> (validated skills, signature)
    cdef int strategy
    cdef int rr_cursor
    cdef int n_logged, n_ready, n_ringing, n_connected, n_waiting, n_waiting_prio
    cdef int64_t offered, answered, answered_sl, abandoned, short_abandoned, overflowed
    cdef int64_t transferred_out, rejected, completed, handled
    cdef double wait_answered, handle_time
    cdef double weight, wrap_up, offer_timeout, retry_delay, sl_threshold, short_abandon
    cdef double overflow_after, max_overtake, default_handle_time
    cdef dict targeted         # waiting calls of this queue targeted at an agent -> None
    cdef bint has_overflow, has_overtake
    cdef object overflow_target
    cdef int max_waiting, auto_pause_after, join_empty, leave_empty
    cdef int limit0, final_limit
    cdef int n_rules
    cdef double rule_after[32]
    cdef int rule_penalty[32]
    cdef bint alive


cdef class _Call:
    cdef str id
    cdef _Queue queue
    cdef int state
    cdef int priority
    cdef int cls
    cdef bint promoted
    cdef str caller
    cdef str dialled
    cdef object skills
    cdef object attributes
    cdef str orig_queue
    cdef int orig_priority
    cdef _Sig sig
    cdef _Bucket bucket
    cdef double arrived_at, entered_at, offer_time, answered_at
    cdef uint64_t seq
    cdef int limit, step
    cdef int n_excl
    cdef int64_t excl_uid[ACD_MAX_EXCLUSIONS]
    cdef double excl_until[ACD_MAX_EXCLUSIONS]
    cdef uint64_t timer          # sseq of the live timer entry, 0: none
    cdef _Agent agent
    cdef int64_t offer_id
    cdef int no_answers, hops, entry_position
    cdef uint64_t arrival
    cdef list history
    # targeted call: offered to this agent only until the targeting lapses (None: not targeted)
    cdef _Agent target
    cdef double target_timeout
    cdef str orig_target
    # skip-list node: links[0..level-1]
    cdef int level
    cdef acd_link links[SL_MAX_LEVEL]


cdef class _Agent:
    cdef str id
    cdef int64_t uid
    cdef int state
    cdef double state_since
    cdef str reason
    cdef object skills
    cdef unsigned char levels[ACD_MAX_SKILLS]
    cdef list members
    cdef _Call call
    cdef int64_t offer_id
    cdef double offer_time, offer_expires
    cdef int consec_na
    cdef int64_t calls, no_answers
    cdef double talk, wrap, ring, idle, pause_total, logged_in_time
    cdef dict pause_by_reason
    cdef double available_since
    cdef uint64_t avail_seq
    cdef uint64_t timer          # sseq of the live timer entry, 0: none
    cdef _Queue wrap_queue
    cdef double wrap_talk
    # waiting calls targeted at this agent, one skip list per class (allocated on first use)
    cdef acd_skiplist *tl
    cdef int n_targeted


@cython.final
cdef class Core:
    cdef object _clock
    cdef bint _own_clock
    cdef uint64_t _rng
    cdef uint64_t _sl_rng
    cdef double _now
    cdef dict _queues
    cdef dict _agents
    cdef acd_call_map _calls
    cdef uint64_t _arrivals
    cdef acd_ended_map _ended
    cdef double *_ended_time
    cdef PyObject **_ended_id
    cdef Py_ssize_t _ended_cap, _ended_head, _ended_len
    cdef double _ended_memory
    cdef Py_ssize_t _ended_limit
    cdef dict _skills
    cdef acd_offer_map _offers
    cdef dict _uid_names
    cdef int64_t _next_uid
    cdef int64_t _last_offer
    cdef acd_explain *_explain
    cdef acd_timer *_heap
    cdef Py_ssize_t _heap_len, _heap_cap, _heap_stale
    cdef uint64_t _sched_seq, _call_seq, _avail_seq
    cdef acd_event *_ev
    cdef Py_ssize_t _ev_cap, _ev_head, _ev_len
    cdef uint64_t _event_seq
    cdef RouteTable _routes
    cdef uint64_t _decisions[256]
    cdef int64_t _routes_version

    # internals (see _core.pxi)
    cdef double _read_clock(self) except -1.0
    cdef double _begin(self) except -1.0
    cdef int _end(self) except -1
    cdef bint _h_less(self, Py_ssize_t i, Py_ssize_t j) noexcept
    cdef void _h_up(self, Py_ssize_t i) noexcept
    cdef void _h_down(self, Py_ssize_t i) noexcept
    cdef uint64_t *_timer_field(self, PyObject *obj, int kind) noexcept
    cdef int _schedule(self, object obj, int kind, double due) except -1
    cdef int _h_push(self, object obj, int kind, double due, uint64_t sseq) except -1
    cdef void _h_compact(self) noexcept
    cdef int _cancel_call_timer(self, _Call c) except -1
    cdef int _cancel_agent_timer(self, _Agent a) except -1
    cdef int _h_pop(self, acd_timer *out) except -1
    cdef int _run_timers(self, double t) except -1
    cdef acd_event *_emit(self, int etype) except NULL
    cdef const acd_event *c_event(self, Py_ssize_t i) noexcept
    cdef uint64_t _rand(self) noexcept
    cdef int _sl_level(self) noexcept
    cdef dict _skill_indexes(self, object skills)
    cdef dict _skill_indexes_known(self, object skills)
    cdef int _check_new_skills(self, object skills) except -1
    cdef _Sig _merge_sig(self, _Sig base, dict extra)
    cdef _Queue _queue(self, object name)
    cdef _Agent _agent(self, object agent_id)
    cdef _Call _call(self, object call_id)
    cdef int _check_queue_refs(self, object config) except -1
    cdef int _apply_queue_config(self, _Queue q, object config) except -1
    cdef int _set_levels(self, _Agent a, object skills) except -1
    cdef _Member _new_member(self, _Agent a, _Queue q, int penalty)
    cdef int _member_unlink(self, _Member m) except -1
    cdef int _count_member(self, _Member m, int delta, bint ready) except -1
    cdef bint _capable(self, _Member m, _Sig sig) noexcept
    cdef int _recount_capable(self, _Queue q) except -1
    cdef int _set_state(self, _Agent a, int new, str reason) except -1
    cdef int _end_wrap(self, _Agent a, double wrap) except -1
    cdef _Tier _tier_for(self, _Queue q, int penalty)
    cdef int _tier_append(self, _Member m) except -1
    cdef int _tier_insert(self, _Member m) except -1
    cdef int _tier_unlink(self, _Member m) except -1
    cdef int _avail_remove(self, _Agent a) except -1
    cdef int _emit_rejected(self, str call_id, _Queue q, str caller, int prio, str why) except -1
    cdef int _enter(self, _Call c, _Queue q, double entered, int prio, str how, _Sig sig) except -1
    cdef int _bucket_insert(self, _Call c) except -1
    cdef int _bucket_remove(self, _Call c) except -1
    cdef void _limit_for(self, _Queue q, double entered, double t, int *limit, int *step) noexcept
    cdef double _call_due(self, _Call c) noexcept
    cdef int _schedule_call(self, _Call c) except -1
    cdef int _fire_call(self, _Call c) except -1
    cdef int _fire_agent(self, _Agent a) except -1
    cdef bint _eligible(self, _Member m, _Call c) noexcept
    cdef bint _match_call(self, _Call c, int trigger) except -1
    cdef bint _match_agent(self, _Agent a, int trigger) except -1
    cdef int _offer(self, _Call c, _Member m, int trigger, int candidates, double score, bint targeted) except -1
    cdef int _target_insert(self, _Call c) except -1
    cdef int _target_remove(self, _Call c) except -1
    cdef _Agent _target_for(self, _Queue q, object agent_id)
    cdef _Member _member_of(self, _Agent a, _Queue q)
    cdef bint _match_target(self, _Call c, int trigger) except -1
    cdef int _lapse(self, _Call c, str why) except -1
    cdef int _lapse_targets(self, _Agent a, set queues, str why) except -1
    cdef object _call_offer(self, _Call c)
    cdef object _agent_offer(self, _Agent a)
    cdef _Agent _offer_agent(self, object offer_id)
    cdef int _no_answer(self, _Agent a, str why) except -1
    cdef void _exclude(self, _Call c, _Agent a, double until) noexcept
    cdef int _complete(self, _Call c, int by) except -1
    cdef int _release_agent(self, _Agent a, _Queue q, double talk) except -1
    cdef int _finish(self, _Call c, int state) except -1
    cdef int _expire_ended(self) except -1
    cdef int _overflow(self, _Call c, str why) except -1
    cdef bint _is_empty(self, _Queue q, int rule, _Sig sig) except -1
    cdef int _check_leave_empty_call(self, _Call c) except -1
    cdef int _check_leave_empty(self, list queues) except -1
    cdef int _position(self, _Call c) except -1
    cdef object _ewt(self, _Queue q, int position)
    cdef list _waiting_in_order(self, _Queue q, bint targeted)
    cdef void _decision_done(self, int64_t started) noexcept
    cdef int _restore_timer(self, object obj, int kind, list timer) except -1
    cdef int _ended_push(self, double t, object cid) except -1
    cdef int _restore_event(self, dict evd) except -1

    # C-level API for other Cython extensions (see _core.pxi)
    cdef double c_now(self) noexcept
    cdef int c_advance(self, double now) except -1
    cdef Py_ssize_t c_events_pending(self) noexcept
    cdef const acd_event *c_event(self, Py_ssize_t i) noexcept
    cdef int c_waiting(self, str queue) except -2
    cdef int c_agent_state(self, str agent_id) except -1
