"""The saga worker: ``python -m servicedesk.growth.worker --db URL --sms HOST:PORT --bank HOST:PORT
[--order ID ...] [--recover] [--sweep-every S --for S] [--crash-at STEP:begin|STEP:called]``

``--recover`` drives every unfinished order (run it at start-up); ``--order`` one order;
``--sweep-every`` keeps sweeping orders that wait for compensation. ``--crash-at`` (or the
environment variable GROWTH_CRASH_AT) kills the worker with SIGKILL at that point: for tests.
Prints one JSON line per order driven: {"order": id, "state": "COMPLETED"}."""

from __future__ import annotations

import argparse
import json
import sys
import time


def _addr(s: str) -> tuple[str, int]:
    host, _, port = s.rpartition(":")
    return host or "127.0.0.1", int(port)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="servicedesk.growth.worker")
    ap.add_argument("--db", required=True)
    ap.add_argument("--sms", required=True, type=_addr)
    ap.add_argument("--bank", required=True, type=_addr)
    ap.add_argument("--order", type=int, action="append", default=[])
    ap.add_argument("--recover", action="store_true")
    ap.add_argument("--sweep-every", type=float, default=0.0)
    ap.add_argument("--for", dest="duration", type=float, default=0.0)
    ap.add_argument("--timeout", type=float, default=1.0, help="deadline of one remote call (s)")
    ap.add_argument("--crash-at")
    a = ap.parse_args(argv)

    from ..db import Database
    from . import schema
    from .adapters import BankClient, SmsClient
    from .saga import SagaRunner

    db = Database(a.db)
    schema.create(db.engine)
    sms = SmsClient(*a.sms, timeout=a.timeout)
    bank = BankClient(*a.bank, timeout=a.timeout)
    runner = SagaRunner(db, sms, bank, crash_at=a.crash_at, compensation_retry=0.2)
    try:
        done = {}
        if a.recover:
            done.update(runner.recover())
        for oid in a.order:
            done[oid] = runner.run(oid)
        end = time.monotonic() + a.duration
        while a.sweep_every > 0 and time.monotonic() < end:
            done.update(runner.sweep())
            time.sleep(a.sweep_every)
        for oid, st in sorted(done.items()):
            print(json.dumps({"order": oid, "state": st.name}), flush=True)
    finally:
        sms.close()
        bank.close()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
