"""The outage detector on simulated time: a month of normal Poisson traffic with daily and
weekly seasonality raises no alarm; bursts do; the 4x-baseline and Poisson conditions hold."""

from __future__ import annotations

import math
import random

import pytest

from servicedesk.outages.detector import OutageDetector, poisson_tail

T0 = 1_767_571_200.0  # Monday 2026-01-05 00:00 UTC


def brute_tail(n: int, lam: float) -> float:
    return 1.0 - sum(math.exp(-lam) * lam ** i / math.factorial(i) for i in range(n))


@pytest.mark.parametrize("n,lam", [(0, 1.0), (1, 0.5), (8, 1.0), (8, 0.1), (10, 3.0), (20, 25.0), (3, 7.5)])
def test_poisson_tail_matches_the_definition(n: int, lam: float) -> None:
    assert poisson_tail(n, lam) == pytest.approx(brute_tail(n, lam), rel=1e-9, abs=1e-15)


def test_poisson_tail_is_accurate_far_out() -> None:
    # P(N >= 30 | 1) is about 1e-33: a subtraction from 1 would say 0
    p = poisson_tail(30, 1.0)
    assert 1e-34 < p < 1e-32
    assert p == pytest.approx(math.exp(-1) / math.factorial(30) * (1 + 1 / 31 + 1 / (31 * 32)), rel=1e-3)


def daily_profile(hour_of_day: int) -> float:
    """Relative fault-report rate by hour: quiet at night, peaks in the evening (TV time)."""
    return 0.15 + 0.85 * max(0.0, math.sin(math.pi * (hour_of_day - 6) / 16)) ** 2 + \
        (0.6 if 19 <= hour_of_day <= 22 else 0.0)


def normal_traffic(rng: random.Random, areas: dict[str, float], start: float, days: int) -> list[tuple[float, str]]:
    """Poisson fault reports: area -> peak rate per hour, shaped by the daily profile (weekends +20%)."""
    out = []
    for area, peak in areas.items():
        for h in range(days * 24):
            hod = h % 24
            weekend = (h // 24) % 7 >= 5
            lam = peak * daily_profile(hod) / 1.6 * (1.2 if weekend else 1.0)
            # Poisson number of reports in the hour, uniformly spread
            n, p, limit = 0, 1.0, math.exp(-lam)
            while True:
                p *= rng.random()
                if p < limit:
                    break
                n += 1
            for _ in range(n):
                out.append((start + h * 3600 + rng.random() * 3600, area))
    out.sort()
    return out


AREAS = {f"G{i:02d}": rate for i, rate in enumerate([0.2, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0, 12.0])}


def make() -> OutageDetector:
    return OutageDetector(window=600, min_reports=8, ratio=4.0, max_p_value=1e-6, default_rate=0.5, alpha=0.15,
                          min_rate=0.05)


def test_a_month_of_normal_traffic_raises_no_alarm() -> None:
    rng = random.Random(20260105)
    d = make()
    reports = normal_traffic(rng, AREAS, T0, 28)
    assert len(reports) > 10_000
    g11 = [t for t, a in reports if a == "G11"]
    busiest = max(sum(1 for u in g11[i:i + 30] if u - t < 600) for i, t in enumerate(g11))
    assert busiest >= 6, "the test traffic must come near the 8-in-10-minutes threshold"
    alarms = [a for t, area in reports if (a := d.observe(area, t)) is not None]
    assert alarms == [], f"false alarms over four weeks of normal traffic: {alarms[:5]}"
    # the baselines learned the daily shape: evening rate well above the night's
    assert d.expected_rate("G11", T0 + 27 * 86400 + 20 * 3600) > 3 * d.expected_rate("G11", T0 + 27 * 86400 + 4 * 3600)


@pytest.mark.parametrize("area,reports,spread", [("G00", 8, 300), ("G03", 10, 540), ("G08", 12, 400),
                                                  ("G11", 16, 500)])
def test_a_burst_on_top_of_normal_traffic_alarms(area: str, reports: int, spread: float) -> None:
    rng = random.Random(7)
    d = make()
    normal = normal_traffic(rng, AREAS, T0, 21)
    burst_at = T0 + 20 * 86400 + 15 * 3600 + 1234.5
    burst = [(burst_at + spread * i / (reports - 1), area) for i in range(reports)]
    alarms = []
    for t, a in sorted(normal + burst):
        al = d.observe(a, t)
        if al is not None:
            alarms.append(al)
    assert [a.area for a in alarms] == [area]
    al = alarms[0]
    assert burst_at <= al.time <= burst_at + spread
    assert al.reports >= 8 and al.reports >= 4 * al.expected and al.p_value <= 1e-6


def test_the_ratio_to_the_baseline_is_required() -> None:
    d = make()
    # a busy area: 30 reports an hour, every hour, for three weeks
    for h in range(21 * 24):
        for k in range(30):
            d.observe("BUSY", T0 + h * 3600 + k * 120 + 7)
    base = d.expected_rate("BUSY", T0 + 21 * 86400)
    assert 25 < base < 35
    # 9 extra reports in 10 minutes on top of the normal 5: 14 < 4 x 5 = 20 expected -> no alarm
    t = T0 + 21 * 86400 + 10
    hits = [d.observe("BUSY", t + i * 60) for i in range(9)] + [d.observe("BUSY", t + k * 120 + 7) for k in range(5)]
    assert not any(hits)
    # a real burst in the same area: 25 more within the window -> alarm
    hits = [d.observe("BUSY", t + 300 + i * 5) for i in range(25)]
    assert any(hits)


def test_no_second_alarm_while_the_area_has_an_outage_and_learning_skips_it() -> None:
    d = make()
    t = T0 + 3600.0
    first = [d.observe("G05", t + i) for i in range(10)]
    assert sum(a is not None for a in first) == 1
    d.set_active("G05", True)
    assert all(d.observe("G05", t + 20 + i) is None for i in range(30))
    d.set_active("G05", False, t + 60)
    d.advance(t + 3 * 3600)
    # the burst hour taught nothing: the area is still at the default rate
    assert d.expected_rate("G05", t + 3 * 3600) == pytest.approx(0.5)


def test_export_and_load_round_trip() -> None:
    d = make()
    for t, a in normal_traffic(random.Random(3), {"A": 5.0, "B": 1.0}, T0, 10):
        d.observe(a, t)
    d.advance(T0 + 10 * 86400)
    e = make()
    e.load(d.export())
    for h in range(0, 240, 7):
        assert e.expected_rate("A", T0 + h * 3600) == d.expected_rate("A", T0 + h * 3600)
