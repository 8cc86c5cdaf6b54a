"""Invariants of the ACD under random operation sequences (hypothesis RuleBasedStateMachine)."""

from hypothesis import HealthCheck, settings

import acdcore
from acd_model import AcdMachine


class SingleCore(AcdMachine):
    def make_cores(self, clock):
        return [acdcore.Core(clock=clock, seed=7)]


TestInvariants = SingleCore.TestCase
TestInvariants.settings = settings(max_examples=150, stateful_step_count=60, deadline=None,
                                   suppress_health_check=[HealthCheck.too_slow])
