"""Time: Unix seconds as floats, from an injectable clock (tests drive simulated time)."""

from __future__ import annotations

import time
from typing import Callable, Protocol


class Clock(Protocol):
    def __call__(self) -> float: ...


def system_clock() -> float:
    return time.time()


class ManualClock:
    """A clock the tests move by hand."""

    def __init__(self, start: float = 1_767_225_600.0) -> None:  # 2026-01-01T00:00:00Z
        self.now = float(start)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now

    def set(self, t: float) -> None:
        self.now = float(t)


ClockFn = Callable[[], float]
