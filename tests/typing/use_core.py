"""Typed use of the public API; tests/test_api_surface.py runs mypy --strict over it."""

from __future__ import annotations

import acdcore
from acdcore import AgentConfig, CallInfo, EventType, Priority, QueueConfig, QueueStats, Route, RouteField


def busy_hour(clock: list[float]) -> QueueStats:
    core = acdcore.Core(clock=lambda: clock[0], seed=1)
    core.create_queue(QueueConfig("repair", wrap_up=30.0, skills={"broadband": 2}))
    core.add_agent(AgentConfig("tech1", skills={"broadband": 7}, queues={"repair": 0}))
    offer: acdcore.Offer | None = core.login("tech1")
    assert offer is None
    version: int = core.replace_routes([Route("_0X.", RouteField.CALLER, priority=Priority.PRIORITY)])
    decision = core.lookup_number("01012345678", "96123")
    offer = core.enqueue("1700000000.1", "repair", caller="01012345678", priority=decision.priority)
    if offer is not None:
        core.accept(offer.id)
        why: acdcore.Assignment = core.explain(offer.id)
        print(why.describe(), version)
    info: CallInfo = core.get_call("1700000000.1")
    print(info.position, info.expected_wait)
    for e in core.read_events():
        if e.type == EventType.CALL_OFFERED and e.agent_id is not None:
            print(e.seq, e.agent_id.upper())
    nxt: float | None = core.next_timer()
    print(nxt, core.snapshot()["version"])
    return core.queue_stats("repair")
