"""The major-outage detector: fault reports per area in a sliding window against the area's
normal rate. Pure (no I/O, time passed in), so a simulated week runs in a fraction of a second.

An area alarms when, at a new report, the reports in the last ``window`` seconds, n, satisfy
all three of

* n >= ``min_reports``                                  (e.g. 8 reports in 10 minutes)
* n >= ``ratio`` x expected                              (e.g. 4 x the baseline)
* P(N >= n) <= ``max_p_value`` for N ~ Poisson(expected) (a burst, not a busy normal hour)

where expected = baseline rate (reports/hour) x window / 3600. The baseline is learned per area
and hour of the week (local time) as an exponentially weighted mean of each past hour's count
(``alpha``), with a per-area hour-of-day mean beside it that learns seven times faster; the
larger of the two (and of ``min_rate``) is used, and until an area has history the configured
``default_rate``. Hours in which an area had an active outage (or alarmed) do not teach the
baseline. While an area has an active outage it does not alarm again.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Alarm:
    area: str
    time: float
    reports: int          # in the window
    expected: float       # expected reports in such a window
    p_value: float


def poisson_tail(n: int, lam: float) -> float:
    """P(N >= n) for N ~ Poisson(lam), accurate for tiny tails."""
    if n <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    if lam >= n:  # the tail is large: 1 - cdf(n - 1) without cancellation trouble
        term = math.exp(-lam)
        cdf = term
        for i in range(1, n):
            term *= lam / i
            cdf += term
        return max(0.0, 1.0 - cdf)
    # sum the tail from n upwards: terms fall fast since lam < n
    log_term = -lam + n * math.log(lam) - math.lgamma(n + 1)
    term = math.exp(log_term)
    total = 0.0
    i = n
    while term > 0 and (term > total * 1e-17 or i < n + 5):
        total += term
        i += 1
        term *= lam / i
        if i > n + 10000:
            break
    return min(1.0, total)


@dataclass
class _Rate:
    rate: float
    samples: int


@dataclass
class OutageDetector:
    window: float = 600.0
    min_reports: int = 8
    ratio: float = 4.0
    max_p_value: float = 1e-6
    default_rate: float = 0.5
    alpha: float = 0.15
    min_rate: float = 0.05
    utc_offset: int = 0
    #: hour-of-week learning needs this many samples before it counts
    min_samples: int = 3

    recent: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    how: dict[tuple[str, int], _Rate] = field(default_factory=dict)
    hod: dict[tuple[str, int], _Rate] = field(default_factory=dict)
    hour_counts: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    quiet_hours: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    active: set[str] = field(default_factory=set)
    areas: set[str] = field(default_factory=set)
    current_hour: int | None = None
    alarms: int = 0

    # ------------------------------------------------------------------ time
    def _hour(self, t: float) -> int:
        return int((t + self.utc_offset) // 3600)

    @staticmethod
    def hour_of_week(hour: int) -> int:
        return (hour + 72) % 168  # 1970-01-01 was a Thursday: Monday 00:00 is 0

    def advance(self, t: float) -> list[int]:
        """Close every whole hour before ``t``: each teaches the baselines. Returns the hours closed."""
        h = self._hour(t)
        if self.current_hour is None:
            self.current_hour = h
            return []
        closed = []
        while self.current_hour < h:
            self._learn(self.current_hour)
            closed.append(self.current_hour)
            self.current_hour += 1
            if len(closed) > 24 * 7 * 8:  # a long gap: the rest taught nothing (the desk was down)
                self.current_hour = h
                break
        return closed

    def _learn(self, hour: int) -> None:
        a = self.alpha
        for area in self.areas:
            counts = self.hour_counts.get(area)
            n = counts.pop(hour, 0) if counts is not None else 0
            quiet = self.quiet_hours.get(area)
            if area in self.active or (quiet is not None and hour in quiet):
                if quiet is not None:
                    quiet.discard(hour)
                continue
            for table, key, alpha in ((self.how, (area, self.hour_of_week(hour)), a),
                                      (self.hod, (area, hour % 24), min(1.0, a * 7 / 3))):
                r = table.get(key)
                if r is None:
                    table[key] = _Rate(float(n), 1)
                else:
                    r.rate += alpha * (n - r.rate)
                    r.samples += 1

    # ------------------------------------------------------------------ baseline
    def expected_rate(self, area: str, t: float) -> float:
        """Reports per hour considered normal for ``area`` at ``t``."""
        h = self._hour(t)
        cands = []
        w = self.how.get((area, self.hour_of_week(h)))
        if w is not None and w.samples >= self.min_samples:
            cands.append(w.rate)
        d = self.hod.get((area, h % 24))
        if d is not None and d.samples >= self.min_samples:
            cands.append(d.rate)
        if not cands:
            return max(self.default_rate, self.min_rate)
        return max(max(cands), self.min_rate)

    # ------------------------------------------------------------------ reports
    def observe(self, area: str, t: float) -> Alarm | None:
        """One fault report; an Alarm when it makes a burst."""
        self.advance(t)
        self.areas.add(area)
        self.hour_counts[area][self._hour(t)] += 1
        q = self.recent[area]
        q.append(t)
        lo = t - self.window
        while q and q[0] <= lo:
            q.popleft()
        n = len(q)
        if area in self.active or n < self.min_reports:
            return None
        expected = self.expected_rate(area, t) * self.window / 3600.0
        if n < self.ratio * expected:
            return None
        p = poisson_tail(n, expected)
        if p > self.max_p_value:
            return None
        self.alarms += 1
        self.quiet_hours[area].add(self._hour(t))
        self.active.add(area)  # one alarm per outage: set_active(area, False) when it is over
        return Alarm(area, t, n, expected, p)

    def replay(self, area: str, t: float) -> None:
        """A report from before a restart: counted, never alarming."""
        self.advance(t)
        self.areas.add(area)
        self.hour_counts[area][self._hour(t)] += 1
        q = self.recent[area]
        q.append(t)
        while q and q[0] <= t - self.window:
            q.popleft()

    def window_count(self, area: str, t: float) -> int:
        q = self.recent.get(area)
        if not q:
            return 0
        lo = t - self.window
        return sum(1 for x in q if x > lo)

    def set_active(self, area: str, active: bool, t: float | None = None) -> None:
        if active:
            self.active.add(area)
        else:
            self.active.discard(area)
            if t is not None:  # the hour the outage ended in does not teach either
                self.quiet_hours[area].add(self._hour(t))

    # ------------------------------------------------------------------ persistence
    def export(self) -> list[tuple[str, int, float, int]]:
        """Baselines as rows (area, slot, rate, samples): slots 0-167 hour of week, 1000-1023 hour of day."""
        rows = [(a, h, r.rate, r.samples) for (a, h), r in self.how.items()]
        rows += [(a, 1000 + h, r.rate, r.samples) for (a, h), r in self.hod.items()]
        return rows

    def load(self, rows: list[tuple[str, int, float, int]]) -> None:
        for a, slot, rate, samples in rows:
            self.areas.add(a)
            if slot >= 1000:
                self.hod[(a, slot - 1000)] = _Rate(rate, samples)
            else:
                self.how[(a, slot)] = _Rate(rate, samples)
