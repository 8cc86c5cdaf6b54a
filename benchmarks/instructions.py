"""Instructions per operation at both scenario sizes, counted by valgrind (noise-free).

    .venv/bin/python benchmarks/instructions.py [--samples 2000] [--json out.json]

Wall time on a shared VM is noisy and mostly measures cache misses; the number of executed
instructions is repeatable and shows how the work per operation grows with the size of the
call center (the issue asks for no worse than O(log n) between 100 agents / 1,000 waiting
calls and 10,000 agents / 100,000 waiting calls). Each operation runs inside its own
``map()`` call and valgrind counts only inside ``map_next``, so set-up and upkeep between
operations are left out. Needs valgrind (Debian package ``valgrind``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OPS = ("enqueue", "cancel", "agent_ready", "cycle")


class _Plain:
    """Stands in for map() during warm-up: calls the function, outside valgrind's window."""

    def __init__(self, fn, items):  # type: ignore[no-untyped-def]
        self.values = [fn(x) for x in items]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.values)


def child(scenario: str, op: str, samples: int) -> None:
    sys.path.insert(0, str(HERE))
    import bench_core as B

    h = B.Hotline("compiled", *B.SCENARIOS[scenario])
    core = h.core
    # warm-up rounds run the same code outside map(): lazy imports and first-time
    # allocations are not what an operation costs
    for i in range(-samples // 2, samples):
        runner = map if i >= 0 else _Plain
        h.tick()
        if op in ("enqueue", "cancel"):
            cid, q, skills, prio = h.new_call()
            j = h.rng.randrange(len(h.waiting))
            victim, h.waiting[j] = h.waiting[j], cid
            if op == "enqueue":
                list(runner(lambda _: core.enqueue(cid, q, caller="04591234567", dialled="96123", priority=prio,
                                                skills=skills), (0,)))
                core.cancel(victim)
            else:
                core.enqueue(cid, q, caller="04591234567", dialled="96123", priority=prio, skills=skills)
                list(runner(core.cancel, (victim,)))
        elif op == "agent_ready":
            agent = h.next_ready()
            h.enqueue(h.home(agent))
            offer = list(runner(core.set_ready, (agent,)))[0]
            core.accept(offer.id)
            core.complete(offer.call_id)
        else:
            agent = h.next_ready()
            cid, q, skills, prio = h.new_call(h.home(agent))

            def one(_: int) -> None:
                core.enqueue(cid, q, caller="04591234567", dialled="96123", priority=prio, skills=skills)
                offer = core.set_ready(agent)
                core.accept(offer.id)
                core.complete(offer.call_id)
                core.read_events()

            list(runner(one, (0,)))
        if i % 256 == 0:
            core.read_events()


def measure(scenario: str, op: str, samples: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        cmd = ["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=map_next",
               f"--callgrind-out-file={out}", sys.executable, __file__, "--child", scenario, op, str(samples)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(r.stderr[-2000:])
        m = re.search(r"Collected : (\d+)", r.stderr)
        if not m:
            raise RuntimeError("valgrind printed no instruction count:\n" + r.stderr[-2000:])
        return int(m.group(1)) / samples


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return 0
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--samples", type=int, default=2000)
    p.add_argument("--json", help="write the results here too")
    args = p.parse_args()
    if shutil.which("valgrind") is None:
        print("instructions.py: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE))
    import bench_core as B

    small, large = B.SCENARIOS["small"], B.SCENARIOS["large"]
    log_ratio = math.log2(large[1]) / math.log2(small[1])
    rows = {}
    print(f"| operation | instructions, {small[0]} agents / {small[1]} waiting | "
          f"{large[0]} agents / {large[1]} waiting | growth | log2 n growth |")
    print("|---|---|---|---|---|")
    for op in OPS:
        a = measure("small", op, args.samples)
        b = measure("large", op, args.samples)
        rows[op] = {"small": a, "large": b, "growth": b / a, "log_growth": log_ratio}
        print(f"| {op} | {a:,.0f} | {b:,.0f} | {b / a:.2f}x | {log_ratio:.2f}x |", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
