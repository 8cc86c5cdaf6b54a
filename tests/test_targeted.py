"""Agent-targeted calls (known-agent routing, Twilio TaskRouter's "known agent"): preview
dialing and "callback to the same agent" need a call offered to one agent only, with a
fallback to the queue's normal line after a timeout.

Run against ``acdcore.Core`` (compiled, or the pure twin under ACDCORE_PURE=1).
"""

from __future__ import annotations

import json
import math

import pytest

import acdcore
from acdcore import AgentConfig, AgentState, CallState, EventType, Priority, QueueConfig, Trigger
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
    c = acdcore.Core(clock=clock, seed=1)
    c.create_queue(QueueConfig("q", wrap_up=10, offer_timeout=15, retry_delay=4, auto_pause_after=2,
                               skills={"tv": 1}))
    c.create_queue(QueueConfig("r", wrap_up=0))
    # "old" has been idle longest: untargeted calls go to it first
    c.add_agent(AgentConfig("old", skills={"tv": 5}, queues={"q": 0, "r": 0}))
    c.add_agent(AgentConfig("kim", skills={"tv": 5}, queues={"q": 0, "r": 0}))
    c.add_agent(AgentConfig("out", skills={"tv": 5}, queues={"q": 0}))
    c.add_agent(AgentConfig("rq", queues={"r": 0}))
    return c


def of_type(events, t: EventType):
    return [e for e in events if e.type == t]


def busy(core, clock, agent: str, call_id: str) -> None:
    """Put ``agent`` on a call (so that it is not free)."""
    offer = core.enqueue(call_id, "r", target_agent=agent)
    assert offer is not None and offer.agent_id == agent
    core.accept(offer.id)


# --- offered to the target only ------------------------------------------------------------
def test_targeted_call_is_offered_to_its_agent_at_once_not_the_longest_idle(core, clock):
    core.login("old")
    clock.t += 5
    core.login("kim")
    core.read_events()
    offer = core.enqueue("c1", "q", target_agent="kim", target_timeout=60)
    assert offer is not None and offer.agent_id == "kim"
    evs = core.read_events()
    enq = of_type(evs, EventType.CALL_ENQUEUED)[0]
    assert enq.agent_id == "kim" and enq.position == 1
    off = of_type(evs, EventType.CALL_OFFERED)[0]
    assert off.agent_id == "kim" and off.reason == "targeted" and off.trigger == Trigger.CALL_ARRIVED
    why = core.explain(offer.id)
    assert why.targeted and why.agent_id == "kim" and why.candidates == 1
    assert "targeted" in why.describe()
    info = core.get_call("c1")
    assert info.state == CallState.OFFERED and info.target_agent_id == "kim" and info.target_timeout == 60
    # an untargeted offer says nothing of the sort
    plain = core.enqueue("c2", "q")
    assert plain.agent_id == "old" and not core.explain(plain.id).targeted
    assert of_type(core.read_events(), EventType.CALL_OFFERED)[0].reason == ""


def test_targeted_call_waits_for_its_agent_while_others_are_free(core, clock):
    core.login("old")
    core.login("kim")
    busy(core, clock, "kim", "x1")
    clock.t += 1
    assert core.enqueue("c1", "q", target_agent="kim") is None
    assert core.get_agent("old").state == AgentState.AVAILABLE  # never offered to another agent
    info = core.get_call("c1")
    assert (info.state, info.target_agent_id, info.position) == (CallState.WAITING, "kim", 1)
    assert info.expected_wait == pytest.approx(1 * 180.0)  # one agent serves it: position x AHT
    assert core.waiting_calls("q") == [] and core.targeted_calls("kim") == ["c1"]
    clock.t += 9
    stats = core.queue_stats("q")
    assert stats.waiting == 1 and stats.longest_wait == 9.0
    core.complete("x1")  # kim wraps up (r has no wrap-up): free at once, takes its call
    assert core.get_call("c1").agent_id == "kim"


def test_skills_and_penalty_do_not_restrict_a_targeted_offer(clock):
    core = acdcore.Core(clock=clock)
    core.create_queue(QueueConfig("q", max_penalty=0, skills={"fee": 9}))
    core.add_agent(AgentConfig("junior", queues={"q": 5}))  # no skill, penalty above the limit
    core.login("junior")
    assert core.enqueue("plain", "q") is None  # not eligible in normal routing
    offer = core.enqueue("t", "q", skills={"tv": 9}, target_agent="junior")
    assert offer is not None and offer.agent_id == "junior"


def test_free_agent_takes_its_targeted_calls_before_anything_else(core, clock):
    core.login("kim")
    busy(core, clock, "kim", "x1")
    clock.t += 1
    core.enqueue("p-old", "q", priority=Priority.PRIORITY)  # older, PRIORITY, untargeted
    clock.t += 1
    core.enqueue("t-normal-old", "q", target_agent="kim")
    clock.t += 1
    core.enqueue("t-normal-r", "r", target_agent="kim")  # another of kim's queues
    clock.t += 1
    core.enqueue("t-prio", "q", priority=Priority.PRIORITY, target_agent="kim")
    assert core.targeted_calls("kim") == ["t-prio", "t-normal-old", "t-normal-r"]
    assert [core.get_call(c).position for c in core.targeted_calls("kim")] == [1, 2, 3]
    assert core.queue_stats("q").waiting == 3 and core.queue_stats("q").waiting_priority == 2
    taken = []
    for _ in range(4):
        core.complete(core.get_agent("kim").call_id)
        if core.get_agent("kim").state == AgentState.WRAP_UP:
            core.set_ready("kim")  # end wrap-up early
        a = core.get_agent("kim")
        taken.append(a.call_id)
        core.accept(a.offer_id)
    assert taken == ["t-prio", "t-normal-old", "t-normal-r", "p-old"]


# --- no-answer, auto-pause ------------------------------------------------------------------
def test_reject_puts_it_back_targeted_at_its_place_and_auto_pause_applies(core, clock):
    core.login("old")
    core.login("kim")
    busy(core, clock, "kim", "x1")
    clock.t += 1
    core.enqueue("c1", "q", target_agent="kim")
    clock.t += 1
    core.enqueue("c2", "q", target_agent="kim")
    core.complete("x1")
    first = core.get_agent("kim")
    assert first.call_id == "c1"
    core.reject(first.offer_id)
    # c1 is back at its place, excluded from kim for retry_delay, so kim gets c2 meanwhile
    assert core.targeted_calls("kim") == ["c1"] and core.get_call("c1").position == 1
    assert core.get_call("c1").target_agent_id == "kim"
    second = core.get_agent("kim")
    assert second.call_id == "c2"
    clock.t += 15  # c2 rings out: the second no-answer in a row pauses kim (auto_pause_after=2)
    core.advance()
    kim = core.get_agent("kim")
    assert kim.state == AgentState.PAUSED and kim.reason == "no-answer"
    assert core.targeted_calls("kim") == ["c1", "c2"]
    assert core.get_agent("old").state == AgentState.AVAILABLE  # still nobody else
    assert core.get_call("c1").expected_wait is None  # its only agent is paused
    offer = core.set_ready("kim")
    assert offer is not None and offer.call_id == "c1"


# --- lapses -----------------------------------------------------------------------------------
def test_timeout_lapses_into_the_normal_line_at_the_original_place(core, clock):
    core.login("kim")
    busy(core, clock, "kim", "x1")
    core.read_events()
    clock.t = 200.0
    core.enqueue("early", "q")
    clock.t = 210.0
    core.enqueue("t", "q", target_agent="kim", target_timeout=30.0)  # lapses at 240
    clock.t = 220.0
    core.enqueue("late", "q")
    assert core.next_timer() == 240.0
    clock.t = 239.5
    core.advance()
    assert core.get_call("t").target_agent_id == "kim"
    clock.t = 260.0
    core.advance()
    lapsed = of_type(core.read_events(), EventType.CALL_TARGET_LAPSED)
    assert len(lapsed) == 1
    e = lapsed[0]
    assert (e.call_id, e.agent_id, e.queue, e.reason, e.time, e.wait_time, e.position) == \
        ("t", "kim", "q", "timeout", 240.0, 30.0, 2)
    assert core.waiting_calls("q") == ["early", "t", "late"]
    info = core.get_call("t")
    assert info.target_agent_id is None and info.entered_at == 210.0 and info.position == 2
    assert core.targeted_calls("kim") == []


def test_after_a_lapse_normal_routing_offers_it_at_once(core, clock):
    core.login("kim")
    core.login("old")
    busy(core, clock, "kim", "x1")
    busy(core, clock, "old", "x2")
    core.enqueue("t", "q", target_agent="kim", target_timeout=5.0)
    core.complete("x2")  # old wraps up 0 s in r: AVAILABLE, but the call is kim's
    assert core.get_agent("old").state == AgentState.AVAILABLE
    clock.t += 5
    core.advance()
    offered = of_type(core.read_events(), EventType.CALL_OFFERED)
    assert offered[-1].call_id == "t" and offered[-1].agent_id == "old" and offered[-1].reason == ""
    assert offered[-1].trigger == Trigger.REQUEUED and offered[-1].time == 105.0


def test_no_timeout_means_the_target_never_lapses(core, clock):
    core.login("kim")
    busy(core, clock, "kim", "x1")
    core.enqueue("t", "q", target_agent="kim")
    assert core.next_timer() is None
    clock.t += 86_400
    core.advance()
    assert core.get_call("t").target_agent_id == "kim"


def test_a_ringing_targeted_call_lapses_once_its_offer_ends(core, clock):
    core.login("kim")
    core.login("old")
    busy(core, clock, "old", "x0")
    offer = core.enqueue("t", "q", target_agent="kim", target_timeout=5.0)
    assert offer.agent_id == "kim"
    clock.t += 10  # the lapse falls due while it rings: it waits for the offer
    core.advance()
    assert core.get_call("t").target_agent_id == "kim"
    core.reject(offer.id)
    assert core.get_call("t").target_agent_id is None
    assert of_type(core.read_events(), EventType.CALL_TARGET_LAPSED)[0].time == 110.0


def test_logout_lapses_its_targeted_calls_at_once(core, clock):
    core.login("kim")
    core.login("old")
    busy(core, clock, "old", "x0")
    core.pause("kim", "lunch")
    core.enqueue("t1", "q", target_agent="kim", target_timeout=600)
    core.enqueue("t2", "q", target_agent="kim")
    core.read_events()
    core.logout("kim")
    lapsed = of_type(core.read_events(), EventType.CALL_TARGET_LAPSED)
    assert [(e.call_id, e.reason) for e in lapsed] == [("t1", "logged_out"), ("t2", "logged_out")]
    assert core.waiting_calls("q") == ["t1", "t2"] and core.targeted_calls("kim") == []
    assert core.next_timer() is None  # t1's lapse timer went with its target
    core.complete("x0")
    assert core.get_agent("old").call_id == "t1"


def test_enqueue_for_a_logged_out_target_lapses_at_once(core, clock):
    core.login("old")
    offer = core.enqueue("t", "q", target_agent="kim", target_timeout=60)
    assert offer is not None and offer.agent_id == "old"
    evs = core.read_events()
    assert [e.type for e in evs if e.call_id == "t"][:3] == [
        EventType.CALL_ENQUEUED, EventType.CALL_TARGET_LAPSED, EventType.CALL_OFFERED]
    assert of_type(evs, EventType.CALL_TARGET_LAPSED)[0].reason == "logged_out"


def test_leaving_the_queue_lapses_waiting_and_ringing_targeted_calls(core, clock):
    core.login("kim")
    core.login("old")
    ringing = core.enqueue("t-ring", "q", target_agent="kim")
    assert ringing.agent_id == "kim"
    busy(core, clock, "old", "x0")
    core.enqueue("t-wait", "q", target_agent="kim")
    core.enqueue("t-r", "r", target_agent="kim")
    core.read_events()
    core.update_agent(AgentConfig("kim", skills={"tv": 5}, queues={"r": 0}))
    lapsed = of_type(core.read_events(), EventType.CALL_TARGET_LAPSED)
    assert [(e.call_id, e.reason, e.position) for e in lapsed] == [("t-ring", "left_queue", 0),
                                                                     ("t-wait", "left_queue", 1)]
    assert core.targeted_calls("kim") == ["t-r"]  # still a member of r
    assert core.get_call("t-ring").state == CallState.OFFERED  # the offer itself goes on
    assert core.get_call("t-ring").target_agent_id is None
    core.reject(ringing.id)
    assert core.waiting_calls("q") == ["t-ring", "t-wait"]


# --- cancel, transfer, complete ---------------------------------------------------------------
def test_cancel_transfer_complete_work_on_targeted_calls(core, clock):
    core.login("kim")
    busy(core, clock, "kim", "x1")
    core.enqueue("gone", "q", target_agent="kim")
    core.enqueue("moved", "q", target_agent="kim", target_timeout=100)
    clock.t += 2
    core.cancel("gone")
    assert core.queue_stats("q").abandoned == 1 and core.targeted_calls("kim") == ["moved"]
    core.transfer("moved", "r")
    info = core.get_call("moved")
    assert info.queue == "r" and info.target_agent_id is None and info.priority == Priority.PRIORITY
    assert core.targeted_calls("kim") == [] and core.waiting_calls("r") == ["moved"]
    assert core.next_timer() is None  # the lapse timer does not follow the call
    core.complete("x1")
    offer = core.get_agent("kim")
    assert offer.call_id == "moved"
    core.accept(offer.offer_id)
    c = core.counters("q")
    assert c["offered"] == c["waiting"] + c["ringing"] + c["answered"] + c["abandoned"] + c["overflowed"] \
        + c["transferred_out"]


def test_answered_targeted_call_is_no_longer_targeted(core, clock):
    core.login("kim")
    offer = core.enqueue("t", "q", target_agent="kim", target_timeout=5)
    core.accept(offer.id)
    assert core.get_call("t").target_agent_id is None
    clock.t += 100
    core.advance()
    assert of_type(core.read_events(), EventType.CALL_TARGET_LAPSED) == []
    core.complete("t")


def test_overflow_takes_a_targeted_call_away_from_its_target(clock):
    core = acdcore.Core(clock=clock)
    core.create_queue(QueueConfig("spill"))
    core.create_queue(QueueConfig("q", overflow_after=20, overflow_target="spill"))
    core.add_agent(AgentConfig("kim", queues={"q": 0}))
    core.login("kim")
    core.pause("kim", "lunch")
    core.enqueue("t", "q", target_agent="kim", target_timeout=60)
    clock.t += 20
    core.advance()
    info = core.get_call("t")
    assert info.queue == "spill" and info.target_agent_id is None
    clock.t += 60
    core.advance()
    assert of_type(core.read_events(), EventType.CALL_TARGET_LAPSED) == []


# --- idempotence and bad input ----------------------------------------------------------------
def test_resubmission_is_idempotent_and_a_different_target_is_refused(core, clock):
    core.login("kim")
    busy(core, clock, "kim", "x1")
    core.enqueue("t", "q", target_agent="kim", target_timeout=30)
    core.read_events()
    assert core.enqueue("t", "q", target_agent="kim", target_timeout=30) is None
    assert core.read_events() == []
    with pytest.raises(errors.DuplicateCallError):
        core.enqueue("t", "q", target_agent="old", target_timeout=30)
    with pytest.raises(errors.DuplicateCallError):
        core.enqueue("t", "q", target_agent="kim", target_timeout=31)
    with pytest.raises(errors.DuplicateCallError):
        core.enqueue("t", "q")


@pytest.mark.parametrize("kwargs, exc, reason", [
    ({"target_agent": "nobody"}, errors.UnknownAgentError, "AGENT_NOT_FOUND"),
    ({"target_agent": "rq"}, errors.AgentNotInQueueError, "AGENT_NOT_IN_QUEUE"),
    ({"target_agent": "k" * 65}, errors.InvalidArgumentError, "INVALID_ARGUMENT"),
    ({"target_agent": "kim kim"}, errors.InvalidArgumentError, "INVALID_ARGUMENT"),
    ({"target_agent": 7}, errors.InvalidArgumentError, "INVALID_ARGUMENT"),
    ({"target_agent": None}, errors.InvalidArgumentError, "INVALID_ARGUMENT"),
    ({"target_agent": "kim", "target_timeout": -1.0}, errors.InvalidTimeError, "INVALID_TIME"),
    ({"target_agent": "kim", "target_timeout": math.nan}, errors.InvalidTimeError, "INVALID_TIME"),
    ({"target_agent": "kim", "target_timeout": math.inf}, errors.InvalidTimeError, "INVALID_TIME"),
    ({"target_agent": "kim", "target_timeout": "5"}, errors.InvalidTimeError, "INVALID_TIME"),
    ({"target_agent": "kim", "target_timeout": True}, errors.InvalidTimeError, "INVALID_TIME"),
])
def test_bad_targets_are_refused_and_change_nothing(core, clock, kwargs, exc, reason):
    core.login("kim")
    core.login("old")
    core.enqueue("before", "q")
    core.read_events()
    before = json.dumps(core.snapshot(), sort_keys=True)
    with pytest.raises(exc) as info:
        core.enqueue("c1", "q", **kwargs)
    assert info.value.reason == reason
    assert json.dumps(core.snapshot(), sort_keys=True) == before
    assert core.events_pending == 0 and "c1" not in core.call_ids()
    assert core.enqueue("c1", "q") is not None  # the id is still free


# --- snapshots, queue_log -----------------------------------------------------------------------
def test_snapshot_restore_keeps_targets_and_their_lapse_times(core, clock):
    core.login("kim")
    core.login("old")
    busy(core, clock, "kim", "x1")
    busy(core, clock, "old", "x2")
    core.enqueue("t1", "q", target_agent="kim", target_timeout=30)
    clock.t += 1
    core.enqueue("t2", "q", priority=Priority.PRIORITY, target_agent="kim")
    core.read_events()
    data = json.loads(json.dumps(core.snapshot()))
    again = type(core).from_snapshot(data, clock=clock)
    assert json.loads(json.dumps(again.snapshot())) == data
    assert again.targeted_calls("kim") == ["t2", "t1"] and again.next_timer() == core.next_timer() == 130.0
    clock.t += 40
    for c in (core, again):
        c.advance()
        c.complete("x2")
    assert [e.as_tuple() for e in again.read_events()] == [e.as_tuple() for e in core.read_events()]
    assert again.get_call("t1").agent_id == core.get_call("t1").agent_id == "old"


def test_snapshot_from_before_targeting_still_restores(core, clock):
    core.login("old")
    busy(core, clock, "old", "x1")
    core.enqueue("c", "q")
    data = json.loads(json.dumps(core.snapshot()))
    for cd in data["calls"]:
        for k in ("target", "target_timeout", "orig_target"):
            del cd[k]
    for x in data["explain"]:
        del x[12:]
    again = type(core).from_snapshot(data, clock=clock)
    assert again.get_call("c").target_agent_id is None
    assert again.enqueue("c", "q") is None  # the same call, still recognised


def test_queue_log_says_when_a_target_lapsed(core, clock):
    core.login("kim")
    busy(core, clock, "kim", "x1")
    core.read_events()
    core.enqueue("t", "q", caller="0459", target_agent="kim", target_timeout=30)
    clock.t += 30
    core.advance()
    lines = list(format_events(core.read_events(), epoch_offset=1_700_000_000 - 100))
    assert lines == ["1700000000|t|q|NONE|ENTERQUEUE||0459|1", "1700000030|t|q|kim|TARGETLAPSED|timeout|1|30"]
