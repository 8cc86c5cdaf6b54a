"""fdatasync latency on this disk: appending to a file vs overwriting a preallocated one.

    .venv/bin/python benchmarks/bench_fsync.py [--syncs 2000] [--record 300] [--dir DIR] [--rounds 2]

The journal (grpc_server/journal.py) commits each group of records with one fdatasync. On an
appending file that fdatasync must also commit the new file size (on ext4 a journal commit);
on a segment preallocated with written zeros only the data blocks are flushed. Measured here
for each: append + fdatasync, overwrite of written zeros + fdatasync, the same with O_DSYNC
(no separate fdatasync), and fallocate only (unwritten extents converted by the first write).
DIR must be on the disk the journal uses (default: the current directory). Prints p50, p90,
p99 and max in ms; wall time, nothing asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def report(name: str, xs: list[float]) -> None:
    print(f"{name:30s} p50 {statistics.median(xs) * 1e3:7.3f} ms  p90 {pct(xs, .9) * 1e3:7.3f}  "
          f"p99 {pct(xs, .99) * 1e3:7.3f}  max {max(xs) * 1e3:7.3f}", flush=True)


def append(path: str, n: int, rec: bytes) -> list[float]:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
    xs = []
    try:
        for _ in range(n):
            t = time.perf_counter()
            os.write(fd, rec)
            os.fdatasync(fd)
            xs.append(time.perf_counter() - t)
    finally:
        os.close(fd)
        os.unlink(path)
    return xs


def overwrite(path: str, n: int, rec: bytes, mode: str) -> list[float]:
    size = n * len(rec) + 4096
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    if mode == "fallocate":
        os.posix_fallocate(fd, 0, size)
    else:
        zeros = bytes(1 << 20)
        left = size
        while left > 0:
            left -= os.write(fd, zeros[:min(len(zeros), left)])
    os.fsync(fd)
    os.close(fd)
    fd = os.open(path, os.O_WRONLY | (os.O_DSYNC if mode == "dsync" else 0))
    xs = []
    off = 0
    try:
        for _ in range(n):
            t = time.perf_counter()
            os.pwrite(fd, rec, off)
            if mode != "dsync":
                os.fdatasync(fd)
            xs.append(time.perf_counter() - t)
            off += len(rec)
    finally:
        os.close(fd)
        os.unlink(path)
    return xs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--syncs", type=int, default=2000)
    ap.add_argument("--record", type=int, default=300, help="bytes written before each sync")
    ap.add_argument("--dir", default=".")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    rec = b"x" * args.record
    path = os.path.join(args.dir, f".bench-fsync-{os.getpid()}")
    print(f"load average {os.getloadavg()[0]:.2f}; {args.syncs} syncs of {args.record} bytes in {args.dir}")
    for _ in range(args.rounds):
        report("append + fdatasync", append(path, args.syncs, rec))
        report("preallocated + fdatasync", overwrite(path, args.syncs, rec, "zeros"))
        report("preallocated, O_DSYNC", overwrite(path, args.syncs, rec, "dsync"))
        report("fallocate only + fdatasync", overwrite(path, args.syncs, rec, "fallocate"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
