"""Number-prefix analysis: RouteTable.match / lookup on a 10,000-route table, compiled vs pure.

    .venv/bin/python -m pytest benchmarks/bench_routes.py --benchmark-json=/tmp/routes.json

The table is what the Daqing hotline's routing could look like under Chinese numbering:
area codes (010, 02X, 0[3-9]XX), Daqing's 0459 with its districts, mobile H-codes
(1[3-9]X + 4 digits) of local mobiles, VIP business lines, blocked numbers, the hotline's
own numbers and DIDs, 400/800 service numbers, and bracket patterns.

pytest-benchmark times rounds of 4,096 calls. Per-call latency (p50, p99) is measured here
too, with time.perf_counter_ns around batches of BATCH calls (a single call is too short
for the clock), and put into ``extra_info`` with ops/s and the compiled/pure ratios.
"""

from __future__ import annotations

import random
import statistics
import time

import pytest

from acdcore import Priority, Route, RouteField
from acdcore._patterns import parse_pattern
from acdcore._pure.routes import RouteTable as PureRouteTable
from acdcore._queue import RouteTable as CompiledRouteTable

C = RouteField.CALLER
D = RouteField.DIALLED
IMPLS = {"compiled": CompiledRouteTable, "pure": PureRouteTable}
N_ROUTES = 10_000
N_NUMBERS = 4096
BATCH = 32
N_BATCHES = 4000
TARGET_OPS = 1_000_000

MOBILE_SEGMENTS = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147",
                   "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "170", "171",
                   "173", "175", "176", "177", "178", "180", "181", "182", "183", "184", "185", "186",
                   "187", "188", "189", "191", "193", "195", "196", "197", "198", "199"]
DISTRICTS = ["Saertu", "Longfeng", "Ranghulu", "Honggang", "Datong", "Zhaozhou", "Zhaoyuan",
             "Lindian", "Duerbote"]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def build_routes(seed: int = 6123) -> tuple[list[Route], dict[str, list[str]]]:
    """The 10,000 routes, and the numbers each class of route was made from."""
    rng = random.Random(seed)
    routes: list[Route] = []
    keys: set = set()
    made: dict[str, list[str]] = {"area": [], "hcode": [], "blocked": [], "vip": [], "did": [], "service": []}

    def add(pattern: str, field: RouteField, **target) -> bool:
        key = (field, parse_pattern(pattern))
        if key in keys or len(routes) >= N_ROUTES:
            return False
        keys.add(key)
        routes.append(Route(pattern, field, **target))
        return True

    # --- caller side: who is calling --------------------------------------------------
    add("0459", C, priority=Priority.NORMAL, queue="local", label="Daqing landline")
    add("_0X.", C, priority=Priority.PRIORITY, label="long distance")
    add("_1[3-9]XXXXXXXXX", C, priority=Priority.PRIORITY, label="mobile, not local")
    add("_00.", C, priority=Priority.PRIORITY, queue="international", label="international")
    add("_+.", C, priority=Priority.PRIORITY, queue="international", label="international (+)")
    add("_!", C, priority=Priority.NORMAL, label="anything else")
    # Daqing districts by exchange: 0459 + [2-8] + 6 digits
    for i, name in enumerate(DISTRICTS):
        add(f"_0459{2 + i % 7}[{i % 3}-{i % 3 + 6}]XXXXX", C, queue="local", label=f"district {name}")
    add("_0459[2-8]XXXXXX", C, priority=Priority.NORMAL, queue="local", label="Daqing 8-digit")
    # area codes: 010, 02X, and 0[3-9]XX; Heilongjiang (045X/046X) goes to the province queue
    add("010", C, priority=Priority.PRIORITY, label="Beijing")
    for d in range(10):
        add(f"02{d}", C, priority=Priority.PRIORITY, label=f"area 02{d}")
    for a in range(3, 10):
        for b in range(1, 10):
            for c in range(10):
                code = f"0{a}{b}{c}"
                if code == "0459" or rng.random() < 0.35:
                    continue
                made["area"].append(code)
                province = code[:3] in ("045", "046")
                add(code, C, priority=Priority.PRIORITY, queue="province" if province else None,
                    label=f"area {code}")
    # mobile H-codes (segment + 4 digits) allotted to Daqing: local mobiles, NORMAL
    while len(made["hcode"]) < 2600:
        h = rng.choice(MOBILE_SEGMENTS) + _digits(rng, 4)
        if add(h, C, priority=Priority.NORMAL, queue="local", label="Daqing mobile"):
            made["hcode"].append(h)
    # VIP business lines and the blocked list (exact numbers)
    while len(made["vip"]) < 1000:
        n = "0459" + rng.choice("2345678") + _digits(rng, 6)
        if add("_" + n, C, queue="vip", priority=Priority.PRIORITY, label="business customer"):
            made["vip"].append(n)
    while len(made["blocked"]) < 3600:
        if rng.random() < 0.7:
            n = rng.choice(made["hcode"]) + _digits(rng, 4)
        else:
            n = "0459" + rng.choice("2345678") + _digits(rng, 6)
        if add("_" + n, C, reject="blocked: nuisance caller", label="blocked"):
            made["blocked"].append(n)
    # some bracket-pattern groups: payphones, a whole block of a PBX
    for _ in range(120):
        add("_0459" + rng.choice("2345678") + _digits(rng, 3) + "[0-4]XX", C, queue="local", label="pbx block")

    # --- dialled side: which of the center's numbers was dialled ------------------------
    add("_96123", D, menu="main", label="hotline")
    add("_96123X", D, menu="direct", label="hotline + menu digit")
    add("_961230", D, queue="fault", priority=Priority.PRIORITY, label="repairs")
    add("_04596123XXXX", D, menu="main", label="hotline DID range")
    add("_400[0-9]XXXXXX", D, menu="main", label="400 numbers")
    add("_800XXXXXXX", D, menu="main", label="800 numbers")
    for i, q in enumerate(("fault", "billing", "sales", "broadband", "digital-tv")):
        add(f"_96123{i + 1}[1-9]", D, queue=q, label=f"direct {q}")
    while len(made["did"]) < 600:
        n = "04596123" + _digits(rng, 4)
        if add("_" + n, D, queue=rng.choice(["fault", "billing", "sales", "broadband", "digital-tv"]),
               label="department DID"):
            made["did"].append(n)
    while len(routes) < N_ROUTES:
        n = rng.choice(["400612", "800612", "95"]) + _digits(rng, 4)
        if add(n, D, menu="service", label="service number"):
            made["service"].append(n)
    assert len(routes) == N_ROUTES
    rng.shuffle(routes)
    return routes, made


def build_numbers(made: dict[str, list[str]], seed: int = 96123) -> tuple[list[str], list[str]]:
    """A traffic mix of (caller, dialled) numbers."""
    rng = random.Random(seed)
    callers, dialled = [], []
    for _ in range(N_NUMBERS):
        x = rng.random()
        if x < 0.28:
            c = "0459" + rng.choice("2345678") + _digits(rng, 6)                 # local landline
        elif x < 0.33:
            c = rng.choice(made["vip"])
        elif x < 0.38:
            c = rng.choice(made["blocked"])
        elif x < 0.58:
            c = rng.choice(made["hcode"]) + _digits(rng, 4)                      # local mobile
        elif x < 0.73:
            c = rng.choice(["13", "15", "18", "19"]) + _digits(rng, 9)           # other mobile
        elif x < 0.88:
            c = rng.choice(made["area"] + ["010", "021", "020"]) + _digits(rng, rng.choice([7, 8]))
        elif x < 0.93:
            c = ""                                                               # anonymous
        elif x < 0.97:
            c = rng.choice(["+85291234567", "0085221234567", "10086", "9512345"])
        else:
            c = _digits(rng, rng.randint(3, 12))
        callers.append(c)
        y = rng.random()
        if y < 0.6:
            dialled.append("96123")
        elif y < 0.75:
            dialled.append("96123" + rng.choice("0123456789"))
        elif y < 0.9:
            dialled.append(rng.choice(made["did"]))
        else:
            dialled.append(rng.choice(made["service"] + ["4006123456", "8001234567", "12345"]))
    return callers, dialled


ROUTES, MADE = build_routes()
CALLERS, DIALLED = build_numbers(MADE)


@pytest.fixture(scope="module")
def tables():
    out = {name: impl(ROUTES) for name, impl in IMPLS.items()}
    # both implementations must do the same work: same answers on the whole mix
    for c, d in zip(CALLERS, DIALLED):
        assert out["compiled"].match(c, C) is out["pure"].match(c, C), c
        assert out["compiled"].lookup(c, d) == out["pure"].lookup(c, d), (c, d)
    return out


def _latency(fn, args: list[tuple]) -> dict[str, float]:
    """p50/p99 of the per-call time (ns) over N_BATCHES batches of BATCH calls, and ops/s."""
    clock = time.perf_counter_ns
    n = len(args)
    per_call = []
    start = 0
    total_ns = 0
    for _ in range(N_BATCHES):
        if start + BATCH > n:
            start = 0
        chunk = args[start:start + BATCH]
        start += BATCH
        t0 = clock()
        for a in chunk:
            fn(*a)
        dt = clock() - t0
        total_ns += dt
        per_call.append(dt / BATCH)
    qs = statistics.quantiles(per_call, n=100, method="inclusive")
    return {
        "p50_ns": round(statistics.median(per_call), 1),
        "p99_ns": round(qs[98], 1),
        "ops_per_s": round(N_BATCHES * BATCH / total_ns * 1e9),
    }


@pytest.fixture(scope="module")
def latency(tables):
    """Per-call latency of both implementations, measured once so each test can report the ratio."""
    out = {}
    for name, t in tables.items():
        out[("match", name)] = _latency(t.match, [(c, C) for c in CALLERS])
        out[("lookup", name)] = _latency(t.lookup, list(zip(CALLERS, DIALLED)))
    return out


def _report(benchmark, op: str, impl: str, latency) -> None:
    mine, comp, pure = latency[(op, impl)], latency[(op, "compiled")], latency[(op, "pure")]
    benchmark.group = f"routes.{op} (10k routes, {N_NUMBERS} numbers/round)"
    benchmark.extra_info.update(
        impl=impl,
        routes=N_ROUTES,
        calls_per_round=N_NUMBERS,
        batch=BATCH,
        batches=N_BATCHES,
        **mine,
        compiled_over_pure_ops=round(comp["ops_per_s"] / pure["ops_per_s"], 2),
        compiled_over_pure_p50=round(comp["p50_ns"] / pure["p50_ns"], 4),
        compiled_over_pure_p99=round(comp["p99_ns"] / pure["p99_ns"], 4),
    )
    if op == "match":
        benchmark.extra_info["target_ops_per_s"] = TARGET_OPS


@pytest.mark.parametrize("impl", ["compiled", "pure"])
def test_match(benchmark, tables, latency, impl):
    match = tables[impl].match
    callers = CALLERS

    def run():
        for c in callers:
            match(c, C)

    _report(benchmark, "match", impl, latency)
    benchmark(run)


@pytest.mark.parametrize("impl", ["compiled", "pure"])
def test_lookup(benchmark, tables, latency, impl):
    lookup = tables[impl].lookup
    pairs = list(zip(CALLERS, DIALLED))

    def run():
        for c, d in pairs:
            lookup(c, d)

    _report(benchmark, "lookup", impl, latency)
    benchmark(run)


@pytest.mark.parametrize("impl", ["compiled", "pure"])
def test_build(benchmark, impl):
    """Building (and so replacing) the whole 10,000-route table."""
    benchmark.group = "routes.build (10k routes)"
    benchmark.extra_info.update(impl=impl, routes=N_ROUTES)
    table = benchmark.pedantic(IMPLS[impl], args=(ROUTES,), rounds=5, iterations=1)
    assert len(table) == N_ROUTES
