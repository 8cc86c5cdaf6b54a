"""Bad input: a clear, specific exception, and the core exactly as it was (snapshot-equal)."""

from __future__ import annotations

import math

import pytest

import acdcore
from acdcore import AgentConfig, PenaltyRule, Priority, QueueConfig, Route, RouteField
from acdcore import errors as E


class Clock:
    def __init__(self) -> None:
        self.t = 500.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def world():
    clock = Clock()
    core = acdcore.Core(clock=clock, seed=3)
    core.create_queue(QueueConfig("q", skills={"tv": 1}))
    core.create_queue(QueueConfig("other"))
    core.add_agent(AgentConfig("a", skills={"tv": 5}, queues={"q": 0}))
    core.add_agent(AgentConfig("idle", queues={"other": 0}))
    core.login("a")
    core.enqueue("ringing", "q", caller="04591234567")
    core.enqueue("waiting", "q")
    core.read_events()
    return core, clock


def unchanged(core, fn, exc_type, reason=None):
    before = core.snapshot()
    with pytest.raises(exc_type) as exc:
        fn()
    assert str(exc.value), "an error needs a message"
    if reason is not None:
        assert exc.value.reason == reason
    assert core.snapshot() == before, "bad input changed the state"
    return exc.value


LONG = "x" * 200
BAD_IDS = ["", "a b", "a|b", "a\x00b", "a\r\nEXEC System rm", LONG, None, 7, b"bytes"]
BAD_NAMES = ["", "has space", "a|b", "a\x00", "q" * 65, "ünïcode", None, 3.5]
BAD_TIMES = [-1.0, math.nan, math.inf, "10", True, None]


@pytest.mark.parametrize("call_id", BAD_IDS)
def test_enqueue_bad_call_id(world, call_id):
    core, _ = world
    err = unchanged(core, lambda: core.enqueue(call_id, "q"), E.InvalidArgumentError)
    assert err.code == "INVALID_ARGUMENT" and err.details["field"] == "call_id"


@pytest.mark.parametrize("queue", BAD_NAMES)
def test_enqueue_bad_queue_name(world, queue):
    core, _ = world
    unchanged(core, lambda: core.enqueue("new", queue), E.InvalidArgumentError)


def test_enqueue_unknown_queue(world):
    core, _ = world
    err = unchanged(core, lambda: core.enqueue("new", "nosuch"), E.UnknownQueueError, "QUEUE_NOT_FOUND")
    assert err.code == "NOT_FOUND"


@pytest.mark.parametrize("field,value", [
    ("caller", "0459\x00"), ("caller", "1" * 65), ("caller", "a|b"), ("caller", 459), ("caller", "0459\r\n"),
    ("dialled", "9" * 100), ("dialled", None),
    ("priority", 0), ("priority", 3), ("priority", True), ("priority", "PRIORITY"), ("priority", 2.0),
    ("skills", {"tv": 0}), ("skills", {"tv": 11}), ("skills", {"tv": True}), ("skills", {"bad name": 1}),
    ("skills", {f"s{i}": 1 for i in range(9)}), ("skills", ["tv"]),
    ("attributes", {"k": "v\x00"}), ("attributes", {"bad key": "v"}), ("attributes", {"k": 1}),
    ("attributes", {f"k{i}": "v" for i in range(33)}), ("attributes", {"k": "v" * 1025}),
    ("enqueue_time", -1.0), ("enqueue_time", math.nan), ("enqueue_time", math.inf), ("enqueue_time", "10"),
    ("enqueue_time", 501.0),
])
def test_enqueue_bad_fields(world, field, value):
    core, _ = world
    err = unchanged(core, lambda: core.enqueue("new", "q", **{field: value}), E.InvalidArgumentError)
    assert err.code == "INVALID_ARGUMENT"


def test_enqueue_more_than_eight_skills_with_the_queue_skills(world):
    core, _ = world
    skills = {f"s{i}": 1 for i in range(8)}  # + the queue's "tv" = 9
    unchanged(core, lambda: core.enqueue("new", "q", skills=skills), E.InvalidArgumentError)


def test_too_many_distinct_skills(world):
    core, _ = world
    for i in range(0, 248, 8):  # 248 + "tv" = 249 skills known
        core.enqueue(f"fill{i}", "other", skills={f"k{i + j}": 1 for j in range(8)})
    core.read_events()
    err = unchanged(core, lambda: core.add_agent(AgentConfig("z", skills={f"new{i}": 1 for i in range(10)})),
                    E.TooManySkillsError, "TOO_MANY_SKILLS")
    assert err.code == "RESOURCE_EXHAUSTED"


@pytest.mark.parametrize("offer_id,exc", [
    ("1", E.InvalidArgumentError), (True, E.InvalidArgumentError), (1.0, E.InvalidArgumentError),
    (None, E.InvalidArgumentError), (0, E.UnknownOfferError), (-5, E.UnknownOfferError),
    (10**30, E.UnknownOfferError), (99, E.UnknownOfferError),
])
@pytest.mark.parametrize("op", ["accept", "reject"])
def test_bad_offer_ids(world, op, offer_id, exc):
    core, _ = world
    unchanged(core, lambda: getattr(core, op)(offer_id), exc)


@pytest.mark.parametrize("call_id,exc", [("nosuch", E.UnknownCallError), ("", E.InvalidArgumentError),
                                         (5, E.InvalidArgumentError), ("a\x00", E.InvalidArgumentError)])
@pytest.mark.parametrize("op", ["cancel", "complete", "get_call"])
def test_bad_call_ids(world, op, call_id, exc):
    core, _ = world
    unchanged(core, lambda: getattr(core, op)(call_id), exc)


def test_complete_a_call_that_is_not_connected(world):
    core, _ = world
    unchanged(core, lambda: core.complete("waiting"), E.CallStateError, "ILLEGAL_CALL_STATE")


def test_complete_bad_hangup_by(world):
    core, _ = world
    core.accept(core.get_agent("a").offer_id)
    for bad in (0, 3, "AGENT", True):
        unchanged(core, lambda: core.complete("ringing", hangup_by=bad), E.InvalidArgumentError)


@pytest.mark.parametrize("target,exc", [("nosuch", E.UnknownQueueError), ("bad name", E.InvalidArgumentError)])
def test_transfer_bad_target(world, target, exc):
    core, _ = world
    unchanged(core, lambda: core.transfer("waiting", target), exc)


@pytest.mark.parametrize("agent", ["nosuch", "", "a b", 3])
@pytest.mark.parametrize("op", ["login", "logout", "set_ready", "get_agent", "remove_agent"])
def test_bad_agent_ids(world, op, agent):
    core, _ = world
    exc = E.UnknownAgentError if agent == "nosuch" else E.InvalidArgumentError
    unchanged(core, lambda: getattr(core, op)(agent), exc)


@pytest.mark.parametrize("reason", ["", "r" * 65, "lunch\x00", "a|b", 5])
def test_bad_pause_reason(world, reason):
    core, _ = world
    unchanged(core, lambda: core.pause("idle", reason), E.InvalidArgumentError)


def test_remove_logged_in_agent(world):
    core, _ = world
    unchanged(core, lambda: core.remove_agent("a"), E.AgentStateError)


@pytest.mark.parametrize("now", BAD_TIMES[:-1] + [499.0])
def test_advance_bad_or_backwards_time(world, now):
    core, _ = world
    err = unchanged(core, lambda: core.advance(now), E.InvalidTimeError)
    assert err.reason == "INVALID_TIME"


def test_clock_going_backwards_is_refused(world):
    core, clock = world
    clock.t -= 1
    unchanged(core, lambda: core.enqueue("new", "q"), E.InvalidTimeError)
    clock.t = math.nan
    unchanged(core, lambda: core.enqueue("new", "q"), E.InvalidTimeError)
    clock.t = "later"  # type: ignore[assignment]
    unchanged(core, lambda: core.enqueue("new", "q"), E.InvalidTimeError)


@pytest.mark.parametrize("max_count", [-1, "3", 1.5, True])
def test_read_events_bad_count(world, max_count):
    core, _ = world
    unchanged(core, lambda: core.read_events(max_count), E.InvalidArgumentError)


@pytest.mark.parametrize("kwargs", [
    dict(name=""), dict(name="a b"), dict(name="q" * 65), dict(name=None),
    dict(strategy=0), dict(strategy=99), dict(strategy="LONGEST_IDLE"), dict(strategy=True),
    dict(wrap_up=-1), dict(wrap_up=math.nan), dict(wrap_up=math.inf), dict(wrap_up=True),
    dict(max_waiting=-1), dict(max_waiting=1.5), dict(offer_timeout=0), dict(retry_delay=-1),
    dict(service_level_threshold=0), dict(short_abandon_threshold=-0.1), dict(weight=0), dict(weight=-1),
    dict(weight=math.inf), dict(weight=1001), dict(skills={"tv": 0}), dict(skills={"tv": 11}),
    dict(skills={"bad skill": 1}), dict(skills={f"s{i}": 1 for i in range(9)}), dict(max_penalty=-1),
    dict(max_penalty=1001), dict(max_penalty=0, penalty_rules=(PenaltyRule(30, 2), PenaltyRule(20, 3))),
    dict(max_penalty=5, penalty_rules=(PenaltyRule(30, 2),)), dict(penalty_rules=(PenaltyRule(30, 2),)),
    dict(max_penalty=0, penalty_rules=((30, 2),)), dict(overflow_after=0), dict(overflow_target="new"),
    dict(overflow_target="bad name"), dict(join_empty=0), dict(leave_empty=9), dict(auto_pause_after=-1),
    dict(max_priority_overtake=-5), dict(default_handle_time=0),
])
def test_bad_queue_config(kwargs):
    args = {"name": "new", **kwargs}
    with pytest.raises(E.InvalidArgumentError) as exc:
        QueueConfig(**args)
    assert exc.value.details.get("field")


@pytest.mark.parametrize("bad", [dict(after=0, max_penalty=1), dict(after=-1, max_penalty=1),
                                 dict(after=10, max_penalty=-1), dict(after=math.nan, max_penalty=1)])
def test_bad_penalty_rule(bad):
    with pytest.raises(E.InvalidArgumentError):
        PenaltyRule(**bad)


def test_queue_changes_refused(world):
    core, _ = world
    unchanged(core, lambda: core.create_queue(QueueConfig("q")), E.DuplicateQueueError, "QUEUE_EXISTS")
    unchanged(core, lambda: core.create_queue({"name": "x"}), E.InvalidArgumentError)
    unchanged(core, lambda: core.create_queue(QueueConfig("x", overflow_target="nosuch")), E.UnknownQueueError)
    unchanged(core, lambda: core.update_queue(QueueConfig("nosuch")), E.UnknownQueueError)
    unchanged(core, lambda: core.delete_queue("q"), E.QueueNotEmptyError, "QUEUE_NOT_EMPTY")
    core.create_queue(QueueConfig("spill"))
    core.update_queue(QueueConfig("other", overflow_target="spill"))
    unchanged(core, lambda: core.delete_queue("spill"), E.QueueInUseError, "QUEUE_IN_USE")


@pytest.mark.parametrize("kwargs", [
    dict(id=""), dict(id="a b"), dict(id=None), dict(skills={"tv": 0}), dict(skills={"tv": 11}),
    dict(skills={"tv": "5"}), dict(skills=["tv"]), dict(queues={"q": -1}), dict(queues={"q": 1001}),
    dict(queues={"bad name": 0}), dict(queues=["q"]),
])
def test_bad_agent_config(kwargs):
    args = {"id": "new", **kwargs}
    with pytest.raises(E.InvalidArgumentError):
        AgentConfig(**args)


def test_agent_changes_refused(world):
    core, _ = world
    unchanged(core, lambda: core.add_agent(AgentConfig("a")), E.DuplicateAgentError, "AGENT_EXISTS")
    unchanged(core, lambda: core.add_agent(AgentConfig("new", queues={"nosuch": 0})), E.UnknownQueueError)
    unchanged(core, lambda: core.update_agent(AgentConfig("nosuch")), E.UnknownAgentError)
    unchanged(core, lambda: core.update_agent(AgentConfig("a", queues={"nosuch": 0})), E.UnknownQueueError)
    unchanged(core, lambda: core.add_agent("a"), E.InvalidArgumentError)


@pytest.mark.parametrize("pattern", ["", "_", "_[12", "_[]", "_[5-1]", "_1.2", "_]1", "1 2", "a|b", "a\x00",
                                     "9" * 81, "_!X"])
def test_bad_patterns(pattern):
    with pytest.raises(E.InvalidPatternError) as exc:
        Route(pattern, queue="q")
    assert exc.value.reason == "INVALID_PATTERN"


def test_replace_routes_refused_keeps_the_old_table(world):
    core, _ = world
    core.replace_routes([Route("96123", queue="q")])
    unchanged(core, lambda: core.replace_routes([Route("1", queue="q"), Route("_1!", queue="q")]),
              E.DuplicateRouteError, "ROUTE_EXISTS")
    unchanged(core, lambda: core.replace_routes([Route("1", queue="nosuch")]), E.UnknownQueueError)
    unchanged(core, lambda: core.replace_routes(["96123"]), E.InvalidArgumentError)
    with pytest.raises(E.InvalidArgumentError):
        Route("96123", RouteField.DIALLED)  # no target
    with pytest.raises(E.InvalidArgumentError):
        Route("96123", priority=5)  # type: ignore[arg-type]


@pytest.mark.parametrize("number", ["0459\x00", "1" * 65, "a|b", 459])
def test_lookup_bad_number(world, number):
    core, _ = world
    unchanged(core, lambda: core.lookup_number(number, "96123"), E.InvalidArgumentError)
    unchanged(core, lambda: core.lookup_number("96123", number), E.InvalidArgumentError)


@pytest.mark.parametrize("bad", ["1", True, None, 1.0])
def test_explain_bad_ids(world, bad):
    core, _ = world
    unchanged(core, lambda: core.explain(bad), E.InvalidArgumentError)
    unchanged(core, lambda: core.explain(12345), E.UnknownOfferError)


@pytest.mark.parametrize("kwargs", [dict(clock=5), dict(seed="1"), dict(seed=True), dict(ended_call_memory=-1),
                                    dict(ended_call_memory=math.nan), dict(ended_call_limit=-1),
                                    dict(ended_call_limit=1.5)])
def test_bad_core_arguments(kwargs):
    with pytest.raises(E.InvalidArgumentError):
        acdcore.Core(**kwargs)


def test_snapshot_refuses_foreign_data():
    for bad in ({}, {"format": "x"}, {"format": "acdcore-snapshot", "version": 99}, [], None):
        with pytest.raises(E.InvalidArgumentError):
            acdcore.Core.from_snapshot(bad)  # type: ignore[arg-type]


def test_priority_enum_accepts_members_and_numbers(world):
    core, _ = world
    core.enqueue("by-member", "other", priority=Priority.PRIORITY)
    core.enqueue("by-number", "other", priority=2)
    assert core.waiting_calls("other") == ["by-member", "by-number"]
