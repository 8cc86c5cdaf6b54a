"""``python -m servicedesk.sims sms|bank [--host 127.0.0.1] [--port 0] [--port-file F]
[--latency-ms X] [--jitter-ms X] [--error-rate P] [--timeout-rate P] [--seed N]``

Prints ``PORT <n>`` on stdout (and writes it to --port-file) once listening."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="servicedesk.sims")
    ap.add_argument("kind", choices=("sms", "bank"))
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--latency-ms", type=float, default=0.0)
    ap.add_argument("--jitter-ms", type=float, default=0.0)
    ap.add_argument("--error-rate", type=float, default=0.0)
    ap.add_argument("--timeout-rate", type=float, default=0.0)
    ap.add_argument("--seed", type=int)
    a = ap.parse_args(argv)
    if a.host not in ("127.0.0.1", "::1", "localhost"):
        print("servicedesk.sims: simulators listen on loopback only", file=sys.stderr)
        return 2
    kw = dict(latency_ms=a.latency_ms, jitter_ms=a.jitter_ms, error_rate=a.error_rate,
              timeout_rate=a.timeout_rate, seed=a.seed)
    from .bank import BankSim
    from .sms import SmsSim
    from .wire import SimServer

    sim: SimServer = SmsSim(**kw) if a.kind == "sms" else BankSim(**kw)  # type: ignore[arg-type]

    def ready(port: int) -> None:
        if a.port_file:
            tmp = a.port_file + ".tmp"
            with open(tmp, "w") as f:
                f.write(str(port))
            os.replace(tmp, a.port_file)
        print(f"PORT {port}", flush=True)

    try:
        asyncio.run(sim.serve(a.host, a.port, ready))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
