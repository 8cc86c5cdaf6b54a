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
