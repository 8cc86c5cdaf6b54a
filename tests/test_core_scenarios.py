"""Scenario tests written from the documented behaviour of the anchors.

* Asterisk app_queue: strategies (leastrecent, rrmemory, fewestcalls, random, wrandom),
  member penalties (lower penalty first), queuerules penaltychange (QUEUE_MAX_PENALTY raised
  after N seconds), autopause, retry, wrapuptime, joinempty/leavewhenempty, queue_log.
* FreeSWITCH mod_callcenter: tiers by level, a caller reaching the next level after
  tier-rule-wait-second.
* Twilio TaskRouter: tasks taken by priority, then age; a worker serving several task queues
  takes the highest-priority, oldest task.

They run against ``acdcore.Core`` (compiled, or the pure twin under ACDCORE_PURE=1).
"""

from __future__ import annotations

import collections

import pytest

import acdcore
from acdcore import (
    AgentConfig,
    AgentState,
    CallState,
    EmptyRule,
    EventType,
    HangupBy,
    PenaltyRule,
    Priority,
    QueueConfig,
    Route,
    RouteField,
    Strategy,
    Trigger,
)
from acdcore import errors
from acdcore.queue_log import format_events


class Clock:
    def __init__(self, t: float = 100.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def core(clock: Clock) -> acdcore.Core:
    return acdcore.Core(clock=clock, seed=1)


def types_of(events) -> list[EventType]:
    return [e.type for e in events]


def login_all(core, *agents: str) -> None:
    for a in agents:
        core.login(a)


# --- priority and order: the seed's two queues -------------------------------------------
def test_priority_class_served_first_then_fifo(core, clock):
    core.create_queue(QueueConfig("q"))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    for i, prio in enumerate([Priority.NORMAL, Priority.NORMAL, Priority.PRIORITY, Priority.PRIORITY]):
        clock.t += 1
        core.enqueue(f"c{i}", "q", priority=prio)
    assert core.waiting_calls("q") == ["c2", "c3", "c0", "c1"]
    assert [core.get_call(c).position for c in ["c2", "c3", "c0", "c1"]] == [1, 2, 3, 4]
    offer = core.login("a")
    assert offer is not None and offer.call_id == "c2"


def test_taskrouter_worker_takes_highest_priority_then_oldest_across_queues(core, clock):
    # TaskRouter: "the highest priority task ... then the task that has been waiting longest"
    core.create_queue(QueueConfig("fees"))
    core.create_queue(QueueConfig("repair"))
    core.add_agent(AgentConfig("w", queues={"fees": 0, "repair": 0}))
    core.enqueue("old-normal", "fees")
    clock.t += 10
    core.enqueue("new-priority", "repair", priority=Priority.PRIORITY)
    clock.t += 10
    core.enqueue("newer-normal", "repair")
    assert core.login("w").call_id == "new-priority"
    core.accept(core.get_agent("w").offer_id)
    core.complete("new-priority")
    # NORMAL calls: the longest wait wins across queues
    assert core.get_agent("w").call_id == "old-normal"


def test_queue_weight_scales_the_wait_an_agent_compares(core, clock):
    core.create_queue(QueueConfig("light", weight=1.0))
    core.create_queue(QueueConfig("heavy", weight=3.0))
    core.add_agent(AgentConfig("a", queues={"light": 0, "heavy": 0}))
    core.enqueue("waited-30", "light")
    clock.t += 20
    core.enqueue("waited-10", "heavy")
    clock.t += 10
    # 30 s x 1.0 < 10 s x 3.0? equal: the older call (smaller seq) wins the tie; make heavy win
    clock.t += 1  # 31 x 1 vs 11 x 3 = 33
    offer = core.login("a")
    assert offer.call_id == "waited-10"
    assert core.explain(offer.id).score == pytest.approx(33.0)


def test_starvation_guard_caps_how_long_priority_calls_overtake(core, clock):
    core.create_queue(QueueConfig("q", max_priority_overtake=60.0))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    core.enqueue("normal", "q")
    clock.t += 30
    core.enqueue("prio-1", "q", priority=Priority.PRIORITY)
    assert core.waiting_calls("q") == ["prio-1", "normal"]
    clock.t += 31  # normal has waited 61 s: promoted, ahead of priority calls newer than it
    core.enqueue("prio-2", "q", priority=Priority.PRIORITY)
    assert core.waiting_calls("q") == ["normal", "prio-1", "prio-2"]
    info = core.get_call("normal")
    assert info.priority == Priority.NORMAL and info.effective_priority == Priority.PRIORITY
    assert EventType.CALL_PROMOTED in types_of(core.read_events())


def test_starvation_guard_is_off_by_default(core, clock):
    core.create_queue(QueueConfig("q"))
    core.enqueue("normal", "q")
    clock.t += 3600
    core.enqueue("prio", "q", priority=Priority.PRIORITY)
    assert core.waiting_calls("q") == ["prio", "normal"]


# --- app_queue strategies ---------------------------------------------------------------
def _strategy_queue(core, strategy, n=4, penalties=None):
    core.create_queue(QueueConfig("q", strategy=strategy, wrap_up=0.0))
    for i in range(n):
        pen = penalties[i] if penalties else 0
        core.add_agent(AgentConfig(f"a{i}", skills={"tv": i + 1}, queues={"q": pen}))


def _cycle(core, clock, call_id, talk=10.0):
    offer = core.enqueue(call_id, "q")
    assert offer is not None
    core.accept(offer.id)
    clock.t += talk
    core.complete(call_id)
    return offer.agent_id


def test_longest_idle_picks_the_agent_waiting_longest(core, clock):
    _strategy_queue(core, Strategy.LONGEST_IDLE)
    for a in ["a2", "a0", "a3", "a1"]:
        clock.t += 1
        core.login(a)
    got = [_cycle(core, clock, f"c{i}") for i in range(6)]
    assert got == ["a2", "a0", "a3", "a1", "a2", "a0"]


def test_round_robin_with_memory_continues_after_the_last_one(core, clock):
    _strategy_queue(core, Strategy.ROUND_ROBIN)
    login_all(core, "a0", "a1", "a2", "a3")
    got = [_cycle(core, clock, f"c{i}") for i in range(6)]
    assert got == ["a0", "a1", "a2", "a3", "a0", "a1"]


def test_fewest_calls_balances_answered_calls(core, clock):
    _strategy_queue(core, Strategy.FEWEST_CALLS, n=3)
    login_all(core, "a0")
    for i in range(3):
        _cycle(core, clock, f"warm{i}")
    login_all(core, "a1", "a2")
    got = collections.Counter(_cycle(core, clock, f"c{i}") for i in range(6))
    assert got == {"a1": 3, "a2": 3}  # a0 already has 3 calls


def test_least_talk_time(core, clock):
    _strategy_queue(core, Strategy.LEAST_TALK_TIME, n=2)
    login_all(core, "a0")
    _cycle(core, clock, "long", talk=300)
    login_all(core, "a1")
    _cycle(core, clock, "short", talk=10)
    assert _cycle(core, clock, "next") == "a1"  # 10 s < 300 s


def test_highest_skill_first_ties_by_longest_idle(core, clock):
    core.create_queue(QueueConfig("q", strategy=Strategy.HIGHEST_SKILL, skills={"tv": 1}))
    core.add_agent(AgentConfig("junior", skills={"tv": 3}, queues={"q": 0}))
    core.add_agent(AgentConfig("senior", skills={"tv": 9}, queues={"q": 0}))
    core.add_agent(AgentConfig("senior2", skills={"tv": 9}, queues={"q": 0}))
    login_all(core, "junior", "senior2", "senior")
    offer = core.enqueue("c", "q")
    assert offer.agent_id == "senior2"  # same skill as senior, idle longer
    assert core.explain(offer.id).score == 9.0


def test_random_strategy_spreads_calls_and_is_seeded(clock):
    picks = []
    for _ in range(2):
        core = acdcore.Core(clock=clock, seed=42)
        _strategy_queue(core, Strategy.RANDOM, n=4)
        login_all(core, "a0", "a1", "a2", "a3")
        picks.append([_cycle(core, clock, f"c{i}") for i in range(40)])
    assert picks[0] == picks[1]  # same seed, same draws
    assert len(set(picks[0])) == 4


def test_weighted_random_prefers_low_penalty_but_not_always(clock):
    core = acdcore.Core(clock=clock, seed=7)
    core.create_queue(QueueConfig("q", strategy=Strategy.WEIGHTED_RANDOM))
    core.add_agent(AgentConfig("low", queues={"q": 0}))
    core.add_agent(AgentConfig("high", queues={"q": 9}))
    login_all(core, "low", "high")
    got = collections.Counter(_cycle(core, clock, f"c{i}") for i in range(400))
    # metric = rand % ((1 + penalty) * 1000): 'low' wins unless its draw exceeds 'high's
    assert got["low"] > 300 and got["high"] > 5


# --- penalties and escalation -----------------------------------------------------------
def test_lower_penalty_members_are_offered_first(core, clock):
    core.create_queue(QueueConfig("q"))
    core.add_agent(AgentConfig("backup", queues={"q": 5}))
    core.add_agent(AgentConfig("main", queues={"q": 0}))
    login_all(core, "backup", "main")  # backup idles longer, but has the higher penalty
    assert core.enqueue("c", "q").agent_id == "main"


def test_queuerules_penaltychange_opens_the_call_to_more_agents(core, clock):
    # queuerules.conf: penaltychange => 30,5 : after 30 s QUEUE_MAX_PENALTY becomes 5
    core.create_queue(QueueConfig("q", max_penalty=0, penalty_rules=(PenaltyRule(30, 5), PenaltyRule(90, 9))))
    core.add_agent(AgentConfig("pen5", queues={"q": 5}))
    core.add_agent(AgentConfig("pen9", queues={"q": 9}))
    login_all(core, "pen5", "pen9")
    assert core.enqueue("c", "q") is None
    assert core.get_call("c").penalty_limit == 0
    clock.t += 29.9
    core.advance()
    assert core.get_call("c").state == CallState.WAITING
    clock.t += 0.2
    core.advance()
    info = core.get_call("c")
    assert info.state == CallState.OFFERED and info.agent_id == "pen5"
    evs = core.read_events()
    esc = [e for e in evs if e.type == EventType.CALL_ESCALATED][0]
    assert (esc.penalty_limit, esc.step, esc.time) == (5, 0, 130.0)  # fired at its due time
    offered = [e for e in evs if e.type == EventType.CALL_OFFERED][0]
    assert offered.trigger == Trigger.ESCALATION and offered.step == 0


def test_freeswitch_tier_levels_reached_one_after_another(core, clock):
    # mod_callcenter: tier-rules-apply, tier-rule-wait-second=10, wait-multiply-level: level n
    # agents join after n * 10 s. Modelled as penalty = level, rules every 10 s.
    rules = tuple(PenaltyRule(10.0 * n, n) for n in (1, 2, 3))
    core.create_queue(QueueConfig("support", max_penalty=0, penalty_rules=rules))
    for level in (3, 2):
        core.add_agent(AgentConfig(f"level{level}", queues={"support": level}))
    login_all(core, "level3", "level2")
    core.enqueue("c", "support")
    clock.t += 15
    core.advance()
    assert core.get_call("c").state == CallState.WAITING  # level 1 reached, nobody there
    clock.t += 5
    core.advance()
    assert core.get_call("c").agent_id == "level2"  # at 20 s, before level 3


def test_penalty_rules_count_from_the_original_enqueue_time(core, clock):
    core.create_queue(QueueConfig("q", max_penalty=0, penalty_rules=(PenaltyRule(30, 5),)))
    core.add_agent(AgentConfig("pen5", queues={"q": 5}))
    core.login("pen5")
    # a reconnecting hook re-submits a call that has waited 45 s already
    offer = core.enqueue("c", "q", enqueue_time=clock.t - 45)
    assert offer is not None and offer.agent_id == "pen5"


# --- offers -----------------------------------------------------------------------------
def test_offer_timeout_puts_the_call_back_at_its_place_and_counts_a_no_answer(core, clock):
    core.create_queue(QueueConfig("q", offer_timeout=15.0, retry_delay=5.0, auto_pause_after=0))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    core.add_agent(AgentConfig("b", queues={"q": 0}))
    core.enqueue("first", "q")
    clock.t += 1
    core.enqueue("second", "q")
    clock.t += 1
    core.enqueue("third", "q")
    entered = core.get_call("first").entered_at
    core.login("a")  # offered "first"
    clock.t += 15
    core.advance()
    # "first" is back at the head, not the tail; "a" may not have it again for retry_delay
    # seconds, so it was offered "second" at once
    assert core.waiting_calls("q") == ["first", "third"]
    info = core.get_call("first")
    assert info.entered_at == entered and info.position == 1
    assert info.no_answers == 1 and info.excluded_agents == ("a",)
    a = core.get_agent("a")
    assert a.stats.no_answers == 1 and a.state == AgentState.RESERVED and a.call_id == "second"
    # b logs in and gets "first"; a can have it again only after retry_delay
    assert core.login("b").call_id == "first"


def test_retry_delay_then_the_same_agent_gets_the_call_again(core, clock):
    core.create_queue(QueueConfig("q", offer_timeout=10.0, retry_delay=5.0, auto_pause_after=0))
    core.add_agent(AgentConfig("only", queues={"q": 0}))
    core.login("only")
    offer = core.enqueue("c", "q")
    core.reject(offer.id)
    assert core.get_call("c").state == CallState.WAITING
    assert core.get_agent("only").state == AgentState.AVAILABLE  # idle but excluded for 5 s
    clock.t += 5
    core.advance()
    again = core.get_call("c")
    assert again.state == CallState.OFFERED and again.offer_id != offer.id


def test_auto_pause_after_consecutive_no_answers(core, clock):
    core.create_queue(QueueConfig("q", offer_timeout=10.0, retry_delay=0.0, auto_pause_after=2))
    core.add_agent(AgentConfig("sleepy", queues={"q": 0}))
    core.login("sleepy")
    core.enqueue("c", "q")
    clock.t += 10
    core.advance()  # first no-answer, re-offered at once (retry 0)
    clock.t += 10
    core.advance()  # second: auto-paused
    a = core.get_agent("sleepy")
    assert (a.state, a.reason, a.stats.no_answers) == (AgentState.PAUSED, "no-answer", 2)
    lines = list(format_events(core.read_events()))
    assert any(line.endswith("|PAUSE|no-answer") for line in lines)
    assert sum("|RINGNOANSWER|10000" in line for line in lines) == 2


def test_stale_offer_is_refused_so_an_offer_is_answered_exactly_once(core, clock):
    core.create_queue(QueueConfig("q"))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    core.login("a")
    offer = core.enqueue("c", "q")
    core.accept(offer.id)
    for op in (core.accept, core.reject):
        with pytest.raises(errors.StaleOfferError) as exc:
            op(offer.id)
        assert exc.value.reason == "OFFER_STALE"
    with pytest.raises(errors.UnknownOfferError):
        core.accept(offer.id + 100)


def test_caller_hangs_up_while_it_rings(core, clock):
    core.create_queue(QueueConfig("q", short_abandon_threshold=5.0))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    core.login("a")
    offer = core.enqueue("c", "q")
    clock.t += 3
    core.cancel("c")
    assert core.get_agent("a").state == AgentState.AVAILABLE
    assert core.get_agent("a").stats.no_answers == 0  # not the agent's fault
    s = core.queue_stats("q")
    assert (s.abandoned, s.short_abandoned) == (1, 1)
    with pytest.raises(errors.CallEndedError):
        core.cancel("c")  # exactly once
    with pytest.raises(errors.StaleOfferError):
        core.accept(offer.id)


# --- wrap-up, pause, state machine ------------------------------------------------------
def test_wrap_up_then_available_then_next_call(core, clock):
    core.create_queue(QueueConfig("q", wrap_up=30.0))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    core.login("a")
    offer = core.enqueue("c1", "q")
    core.accept(offer.id)
    core.enqueue("c2", "q")
    clock.t += 100
    core.complete("c1")
    assert core.get_agent("a").state == AgentState.WRAP_UP
    clock.t += 29
    core.advance()
    assert core.get_call("c2").state == CallState.WAITING
    clock.t += 1
    core.advance()
    assert core.get_call("c2").agent_id == "a"
    s = core.queue_stats("q")
    assert s.aht == pytest.approx(130.0)  # 100 s talk + 30 s wrap-up


def test_set_ready_ends_wrap_up_early(core, clock):
    core.create_queue(QueueConfig("q", wrap_up=60.0))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    core.login("a")
    core.accept(core.enqueue("c1", "q").id)
    core.enqueue("c2", "q")
    clock.t += 40
    core.complete("c1")
    clock.t += 5
    assert core.set_ready("a").call_id == "c2"
    assert core.get_agent("a").stats.wrap_up_time == pytest.approx(5.0)


@pytest.mark.parametrize("op,state,reason", [
    ("logout", AgentState.LOGGED_OUT, "AGENT_NOT_LOGGED_IN"),
    ("pause", AgentState.LOGGED_OUT, "AGENT_NOT_LOGGED_IN"),
    ("set_ready", AgentState.LOGGED_OUT, "AGENT_NOT_LOGGED_IN"),
    ("login", AgentState.AVAILABLE, "ILLEGAL_AGENT_TRANSITION"),
    ("logout", AgentState.RESERVED, "AGENT_BUSY"),
    ("pause", AgentState.RESERVED, "AGENT_BUSY"),
    ("logout", AgentState.BUSY, "AGENT_BUSY"),
    ("pause", AgentState.BUSY, "AGENT_BUSY"),
    ("set_ready", AgentState.BUSY, "AGENT_BUSY"),
])
def test_illegal_transitions_raise_and_change_nothing(core, clock, op, state, reason):
    core.create_queue(QueueConfig("q"))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    if state != AgentState.LOGGED_OUT:
        core.login("a")
    if state in (AgentState.RESERVED, AgentState.BUSY):
        offer = core.enqueue("c", "q")
        if state == AgentState.BUSY:
            core.accept(offer.id)
    before = core.snapshot()
    args = ("a", "lunch") if op == "pause" else ("a",)
    with pytest.raises(errors.AgentStateError) as exc:
        getattr(core, op)(*args)
    assert exc.value.reason == reason
    assert core.get_agent("a").state == state
    assert core.snapshot() == before


def test_pause_time_is_kept_by_reason(core, clock):
    core.create_queue(QueueConfig("q"))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    core.login("a")
    core.pause("a", "lunch")
    clock.t += 1800
    core.pause("a", "training")
    clock.t += 600
    core.set_ready("a")
    clock.t += 100
    st = core.get_agent("a").stats
    assert st.pause_by_reason == {"lunch": 1800.0, "training": 600.0}
    assert st.idle_time == 100.0 and st.logged_in_time == 2500.0


# --- transfer, overflow, empty rules ----------------------------------------------------
def test_blind_transfer_enters_the_target_as_priority_and_keeps_history(core, clock):
    core.create_queue(QueueConfig("repair", wrap_up=10.0))
    core.create_queue(QueueConfig("complaints"))
    core.add_agent(AgentConfig("tech", queues={"repair": 0}))
    core.add_agent(AgentConfig("senior", queues={"complaints": 0}))
    core.login("tech")
    core.accept(core.enqueue("c", "repair", caller="04591234567").id)
    core.enqueue("waiting-normal", "complaints")
    clock.t += 60
    core.transfer("c", "complaints")
    info = core.get_call("c")
    assert (info.queue, info.priority, info.history, info.position) == ("complaints", Priority.PRIORITY,
                                                                       ("repair",), 1)
    assert core.get_agent("tech").state == AgentState.WRAP_UP
    assert core.login("senior").call_id == "c"
    lines = list(format_events(core.read_events()))
    assert any("|repair|tech|BLINDTRANSFER|complaints|acdcore|0|60|1" in line for line in lines)


def test_overflow_after_n_seconds_moves_the_call(core, clock):
    core.create_queue(QueueConfig("backup"))
    core.create_queue(QueueConfig("front", overflow_after=120.0, overflow_target="backup"))
    core.add_agent(AgentConfig("b", queues={"backup": 0}))
    core.login("b")
    core.pause("b", "meeting")
    core.enqueue("c", "front")
    clock.t += 120
    core.advance()
    info = core.get_call("c")
    assert (info.queue, info.history, info.priority) == ("backup", ("front",), Priority.NORMAL)
    assert core.queue_stats("front").overflowed == 1


def test_overflow_without_target_ends_the_call(core, clock):
    core.create_queue(QueueConfig("q", overflow_after=60.0))
    core.enqueue("c", "q")
    clock.t += 60
    core.advance()
    with pytest.raises(errors.CallEndedError) as exc:
        core.get_call("c")
    assert exc.value.details["state"] == "OVERFLOWED"
    assert any("|EXITWITHTIMEOUT|1|1|60" in line for line in format_events(core.read_events()))


def test_join_empty_refuses_and_records_the_refusal(core, clock):
    core.create_queue(QueueConfig("q", join_empty=EmptyRule.NO_AGENTS))
    with pytest.raises(errors.QueueEmptyError) as exc:
        core.enqueue("c", "q")
    assert exc.value.code == "FAILED_PRECONDITION"
    assert core.queue_stats("q").rejected == 1
    assert [e.type for e in core.read_events()][-1] == EventType.CALL_REJECTED
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    core.login("a")
    assert core.enqueue("c", "q").agent_id == "a"  # the id was not kept


def test_leave_when_no_agent_can_ever_serve_the_call(core, clock):
    core.create_queue(QueueConfig("general"))
    core.create_queue(QueueConfig("repair", skills={"broadband": 5}, leave_empty=EmptyRule.NO_CAPABLE,
                                  overflow_target="general"))
    core.add_agent(AgentConfig("expert", skills={"broadband": 8}, queues={"repair": 0}))
    core.login("expert")
    core.pause("expert", "lunch")  # paused agents can still serve later
    core.enqueue("c", "repair")
    assert core.get_call("c").queue == "repair"
    core.logout("expert")  # nobody left who holds the skill
    info = core.get_call("c")
    assert (info.queue, info.history) == ("general", ("repair",))


def test_queue_full_is_resource_exhausted(core, clock):
    core.create_queue(QueueConfig("q", max_waiting=2))
    core.enqueue("c1", "q")
    core.enqueue("c2", "q")
    with pytest.raises(errors.QueueFullError) as exc:
        core.enqueue("c3", "q")
    assert (exc.value.code, exc.value.reason) == ("RESOURCE_EXHAUSTED", "QUEUE_FULL")


# --- idempotency and resubmission -------------------------------------------------------
def test_enqueue_is_idempotent_on_the_call_id(core, clock):
    core.create_queue(QueueConfig("q"))
    core.enqueue("c", "q", caller="0459123")
    events = core.last_event_seq
    assert core.enqueue("c", "q", caller="0459123") is None
    assert core.last_event_seq == events
    with pytest.raises(errors.DuplicateCallError):
        core.enqueue("c", "q", caller="other")


def test_resubmitted_calls_keep_their_order(core, clock):
    core.create_queue(QueueConfig("q"))
    core.enqueue("new", "q")
    # after a restart the hook re-submits older calls with their original times
    core.enqueue("older", "q", enqueue_time=clock.t - 50)
    core.enqueue("oldest", "q", enqueue_time=clock.t - 90)
    assert core.waiting_calls("q") == ["oldest", "older", "new"]


# --- statistics --------------------------------------------------------------------------
def test_service_level_excludes_short_abandons(core, clock):
    core.create_queue(QueueConfig("q", service_level_threshold=20.0, short_abandon_threshold=5.0, wrap_up=0))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    core.enqueue("fast", "q")
    core.enqueue("slow", "q")
    core.enqueue("short-ab", "q")
    core.enqueue("long-ab", "q")
    clock.t += 2
    core.cancel("short-ab")  # 2 s: short abandon, not counted
    clock.t += 8
    core.login("a")  # fast answered at 10 s
    core.accept(core.get_agent("a").offer_id)
    clock.t += 20
    core.cancel("long-ab")  # 30 s: counts against the service level
    core.complete("fast")  # slow offered at 30 s
    core.accept(core.get_agent("a").offer_id)
    s = core.queue_stats("q")
    assert (s.answered, s.answered_within_sl, s.abandoned, s.short_abandoned) == (2, 1, 2, 1)
    assert s.service_level == pytest.approx(1 / 3)  # 1 / (2 answered + 1 long abandon)
    assert s.asa == pytest.approx((10 + 30) / 2)


def test_expected_wait_is_position_and_class_aware(core, clock):
    core.create_queue(QueueConfig("q", default_handle_time=120.0))
    for i in range(3):
        core.add_agent(AgentConfig(f"a{i}", queues={"q": 0}))
        core.login(f"a{i}")
    for i in range(3):
        core.accept(core.enqueue(f"busy{i}", "q").id)
    for i in range(6):
        core.enqueue(f"n{i}", "q")
    core.enqueue("p", "q", priority=Priority.PRIORITY)
    assert core.get_call("p").expected_wait == pytest.approx(1 * 120 / 3)
    assert core.get_call("n5").expected_wait == pytest.approx(7 * 120 / 3)
    s = core.queue_stats("q")
    assert s.expected_wait == pytest.approx(8 * 120 / 3)
    assert s.expected_wait_priority == pytest.approx(2 * 120 / 3)


def test_events_are_gap_free_and_readable_in_order(core, clock):
    core.create_queue(QueueConfig("q"))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    core.login("a")
    for i in range(10):
        offer = core.enqueue(f"c{i}", "q")
        core.accept(offer.id)
        clock.t += 1
        core.complete(f"c{i}", hangup_by=HangupBy.CALLER)
    first = core.read_events(max_count=5)
    rest = core.read_events()
    seqs = [e.seq for e in first + rest]
    assert seqs == list(range(1, len(seqs) + 1))
    assert core.events_pending == 0 and core.read_events() == []


def test_queue_log_lines_follow_app_queue(core, clock):
    core.create_queue(QueueConfig("q", wrap_up=0))
    core.add_agent(AgentConfig("1001", queues={"q": 0}))
    core.login("1001")
    core.enqueue("1700000000.1", "q", caller="04591234567")
    clock.t += 4
    core.accept(core.get_agent("1001").offer_id)
    clock.t += 65
    core.complete("1700000000.1", hangup_by=HangupBy.CALLER)
    lines = list(format_events(core.read_events(), epoch_offset=1_700_000_000 - 100))
    assert lines == [
        "1700000000|NONE|NONE|1001|AGENTLOGIN|Agent/1001",
        "1700000000|1700000000.1|q|NONE|ENTERQUEUE||04591234567|1",
        "1700000004|1700000000.1|q|1001|CONNECT|4|1700000000.1|4",
        "1700000069|1700000000.1|q|1001|COMPLETECALLER|4|65|1",
    ]


def test_explain_assignment_says_why(core, clock):
    core.create_queue(QueueConfig("q", max_penalty=1))
    core.add_agent(AgentConfig("far", queues={"q": 1}))
    core.add_agent(AgentConfig("near", queues={"q": 0}))
    login_all(core, "far", "near")
    clock.t += 30
    offer = core.enqueue("c", "q")
    why = core.explain(offer.id)
    assert (why.agent_id, why.trigger, why.strategy, why.penalty, why.penalty_limit) == \
        ("near", Trigger.CALL_ARRIVED, Strategy.LONGEST_IDLE, 0, 1)
    assert why.candidates == 1 and why.score == 30.0
    assert "near" in why.describe()


# --- prefix analysis through the core ------------------------------------------------------
def test_prefix_analysis_long_distance_is_priority(core):
    core.create_queue(QueueConfig("inquiry"))
    version = core.replace_routes([
        Route("96123", RouteField.DIALLED, queue="inquiry"),
        Route("0459", RouteField.CALLER, priority=Priority.NORMAL),
        Route("_0X.", RouteField.CALLER, priority=Priority.PRIORITY),
    ])
    assert version == 1
    assert core.lookup_number("01088886666", "96123").priority == Priority.PRIORITY
    assert core.lookup_number("045912345678", "96123").priority == Priority.NORMAL
    assert core.lookup_number("13912345678", "96123").priority == Priority.NORMAL
    assert core.lookup_number("13912345678", "96123").queue == "inquiry"
    with pytest.raises(errors.UnknownQueueError):
        core.replace_routes([Route("9", queue="nope")])
    assert core.routes_version == 1 and len(core.routes) == 3  # the old table still in force
    with pytest.raises(errors.QueueInUseError):
        core.delete_queue("inquiry")


def test_demo_runs_and_adds_up(capsys):
    from acdcore import demo

    assert demo.main(["--callers", "120", "--agents", "12", "--hours", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "general inquiry" in out and "SL(20s)" in out
    assert "08:05" in out


def test_decision_latency_is_counted_and_reset(core, clock):
    core.create_queue(QueueConfig("q"))
    core.add_agent(AgentConfig("a", queues={"q": 0}))
    assert core.decision_latency()["count"] == 0
    core.enqueue("c1", "q")  # the call looks for an agent: one decision
    core.login("a")  # the agent looks for a call: another
    got = core.decision_latency(reset=True)
    assert got["count"] == 2 and 0 < got["p50_ns"] <= got["p99_ns"] <= got["max_ns"]
    assert core.decision_latency() == {"count": 0, "p50_ns": None, "p90_ns": None, "p99_ns": None,
                                       "max_ns": None}
