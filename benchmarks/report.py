"""Print the benchmark results of one or more pytest-benchmark JSON files as Markdown tables.

    .venv/bin/python benchmarks/report.py bench-results/core.json [more.json ...]

Every benchmark of this project puts its own measurements into ``extra_info`` (per-op p50
and p99 in ns, ops/s, ratios against the baseline of the same run); pytest-benchmark's own
timing of whole rounds is shown as "round median".
"""

from __future__ import annotations

import json
import sys
from typing import Any

KEYS = [("p50_ns", "p50 ns"), ("p99_ns", "p99 ns"), ("ops_per_s", "ops/s"),
        ("speedup_vs_pure_mean", "x pure (mean)"), ("speedup_vs_pure_p50", "x pure (p50)"),
        ("ratio_compiled_over_pure", "x pure")]


def fmt(v: Any) -> str:
    if isinstance(v, float):
        if v >= 1000:
            return f"{v:,.0f}"
        return f"{v:.3g}" if v < 10 else f"{v:.1f}"
    if isinstance(v, (list, dict)):
        return json.dumps(v)[:120]
    return str(v)


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    for path in paths:
        try:
            with open(path) as f:
                data = json.load(f)
        except (OSError, ValueError) as exc:
            print(f"report: cannot read {path}: {exc}", file=sys.stderr)
            return 1
        machine = data.get("machine_info", {})
        print(f"## {path} ({machine.get('cpu', {}).get('brand_raw', '?')}, "
              f"python {machine.get('python_version', '?')})\n")
        groups: dict[str, list[dict[str, Any]]] = {}
        for b in data.get("benchmarks", []):
            groups.setdefault(b.get("group") or b["name"], []).append(b)
        for group, items in groups.items():
            cols = [(k, label) for k, label in KEYS if any(k in b.get("extra_info", {}) for b in items)]
            print(f"### {group}\n")
            print("| benchmark | " + " | ".join(label for _, label in cols) + " | round median |")
            print("|---" * (len(cols) + 2) + "|")
            for b in items:
                info = b.get("extra_info", {})
                vals = [fmt(info[k]) if k in info else "" for k, _ in cols]
                med = b.get("stats", {}).get("median")
                print(f"| {b['name']} | " + " | ".join(vals) + f" | {fmt(med * 1e3) + ' ms' if med else ''} |")
            for b in items:
                extra = {k: v for k, v in b.get("extra_info", {}).items()
                         if k not in dict(KEYS) and k.startswith(("rss", "cycles", "in_core"))}
                if extra:
                    print(f"\n{b['name']}: " + "; ".join(f"{k}: {fmt(v)}" for k, v in extra.items()))
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
