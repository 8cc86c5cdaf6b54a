"""Compiled core vs pure twin: the same random operations must give the same results,
exceptions and events, step by step (msgpack/yarl style differential testing)."""

import pytest
from hypothesis import HealthCheck, settings

from acd_model import AcdMachine

pytestmark = pytest.mark.compiled_only

import acdcore._queue as compiled  # noqa: E402  (a missing build must fail, not skip)
from acdcore._pure import core as pure  # noqa: E402


class CompiledVsPure(AcdMachine):
    def make_cores(self, clock):
        return [compiled.Core(clock=clock, seed=11), pure.Core(clock=clock, seed=11)]


TestCompiledVsPure = CompiledVsPure.TestCase
TestCompiledVsPure.settings = settings(max_examples=250, stateful_step_count=80, deadline=None,
                                       suppress_health_check=[HealthCheck.too_slow])


# --- operation lists, replayed in both implementations, with pinned tricky cases ----------
from hypothesis import example, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from acdcore import AgentConfig, PenaltyRule, Priority, QueueConfig, Strategy  # noqa: E402
from acdcore.errors import AcdError  # noqa: E402

OPS = st.lists(st.tuples(
    st.sampled_from(["enqueue", "prio", "login", "ready", "pause", "accept", "reject", "complete", "cancel",
                     "transfer", "advance", "target", "logout"]),
    st.integers(0, 3),
    st.sampled_from([0.0, 0.1, 0.2, 0.3, 1.0, 10.0, 29.9, 30.0, 30.1])), max_size=60)


def replay(cls, ops, strategy):
    t = [1000.0]
    core = cls(clock=lambda: t[0], seed=5)
    core.create_queue(QueueConfig("a", strategy=strategy, wrap_up=5.0, offer_timeout=10.0, retry_delay=2.0,
                                  max_penalty=0, penalty_rules=(PenaltyRule(0.3, 1), PenaltyRule(30.0, 3)),
                                  max_priority_overtake=0.3))
    core.create_queue(QueueConfig("b", strategy=strategy, overflow_after=30.0, overflow_target="a"))
    for i in range(4):
        core.add_agent(AgentConfig(f"g{i}", queues={"a": i, "b": 3 - i}))
    out = []
    n = 0
    for op, k, dt in ops:
        t[0] += dt
        try:
            if op in ("enqueue", "prio"):
                n += 1
                r = core.enqueue(f"c{n}", "ab"[k % 2],
                                 priority=Priority.PRIORITY if op == "prio" else Priority.NORMAL)
            elif op == "target":  # targeted at g<k>; the timeout (0: never) from the step's dt
                n += 1
                r = core.enqueue(f"c{n}", "ab"[k % 2], target_agent=f"g{k}", target_timeout=dt * 3)
            elif op == "logout":
                r = core.logout(f"g{k}")
            elif op == "login":
                r = core.login(f"g{k}")
            elif op == "ready":
                r = core.set_ready(f"g{k}")
            elif op == "pause":
                r = core.pause(f"g{k}", "break")
            elif op in ("accept", "reject"):
                r = getattr(core, op)(core.get_agent(f"g{k}").offer_id)
            elif op in ("complete", "cancel"):
                r = getattr(core, op)(f"c{max(1, n - k)}")
            elif op == "transfer":
                r = core.transfer(f"c{max(1, n - k)}", "ab"[k % 2])
            else:
                r = core.advance()
            out.append(("ok", r.as_tuple() if hasattr(r, "as_tuple") else r))
        except AcdError as exc:
            out.append(("error", type(exc).__name__))
        out.append([e.as_tuple() for e in core.read_events()])
    return out, core.snapshot()


@pytest.mark.parametrize("strategy", [Strategy.LONGEST_IDLE, Strategy.ROUND_ROBIN, Strategy.WEIGHTED_RANDOM])
@given(ops=OPS)
@example(ops=[("enqueue", 0, 0.0), ("advance", 0, 0.1), ("advance", 0, 0.2), ("login", 1, 0.0)])  # 0.1+0.2
@example(ops=[("login", 0, 0.0), ("enqueue", 0, 0.0), ("advance", 0, 10.0), ("enqueue", 0, 0.0)])  # timeout
@example(ops=[("enqueue", 0, 0.0), ("prio", 0, 0.1), ("advance", 0, 0.3), ("login", 0, 0.0)])  # promotion
@example(ops=[("enqueue", 1, 0.0), ("advance", 0, 30.0), ("login", 2, 0.0)])  # overflow at the same time
@example(ops=[("login", 0, 0.0), ("enqueue", 0, 0.0), ("reject", 0, 0.0), ("advance", 0, 1.0),
              ("ready", 0, 1.0), ("advance", 0, 0.0)])  # retry exclusion expiry
@example(ops=[("login", 1, 0.0), ("login", 0, 0.0), ("enqueue", 0, 0.0), ("target", 1, 0.1), ("target", 1, 0.0),
              ("advance", 0, 0.3), ("reject", 1, 0.0), ("logout", 1, 0.0), ("advance", 0, 1.0)])  # lapses
@settings(max_examples=150, deadline=None)
def test_operation_lists_agree(strategy, ops):
    assert replay(compiled.Core, ops, strategy) == replay(pure.Core, ops, strategy)
