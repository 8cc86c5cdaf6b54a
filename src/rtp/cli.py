"""Functions behind `acdcore recordings ...` (the console command wires argv to these).

    verify(index_path)                 -> exit code; prints problems
    retention(index_path, days, ...)   -> exit code; deletes old recordings, logged
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from .index import RecordingIndex, VerifyReport

log = logging.getLogger("rtp.retention")

__all__ = ["verify", "verify_index", "retention", "apply_retention", "main"]


def verify_index(index_path: str | os.PathLike[str], *, check_files: bool = True) -> VerifyReport:
    if not Path(index_path).exists():
        raise FileNotFoundError(f"no recording index at {os.fspath(index_path)}")
    idx = RecordingIndex(index_path)
    try:
        return idx.verify(check_files=check_files)
    finally:
        idx.close()


def verify(index_path: str | os.PathLike[str], *, check_files: bool = True, as_json: bool = False,
           out: TextIO | None = None) -> int:
    """`acdcore recordings verify`: 0 if the index chain, rows and files are intact, 1 if
    anything was altered or deleted, 2 if the index cannot be read."""
    out = out or sys.stdout
    try:
        rep = verify_index(index_path, check_files=check_files)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=out)
        return 2
    if as_json:
        print(json.dumps(rep.__dict__, indent=2), file=out)
    else:
        print(f"ledger entries: {rep.ledger_entries}, recordings: {rep.recordings_checked}, "
              f"files hashed: {rep.files_checked}", file=out)
        for p in rep.problems:
            print(f"ALTERED: {p}", file=out)
        print("OK" if rep.ok else f"FAILED: {len(rep.problems)} problem(s)", file=out)
    return 0 if rep.ok else 1


def apply_retention(index: RecordingIndex, days: float, *, policy: dict[str, float] | None = None,
                    now: float | None = None, dry_run: bool = False) -> list[str]:
    """Delete finished recordings older than `days` (per queue: `policy[queue]` days).
    Every deletion removes the file, deletes the row and appends a ledger entry, so verify
    knows it was deliberate; each is logged on the 'rtp.retention' logger."""
    if days <= 0 or any(v <= 0 for v in (policy or {}).values()):
        raise ValueError("retention periods must be positive numbers of days")
    now = time.time() if now is None else now
    policy = policy or {}
    shortest = min([days, *policy.values()])
    deleted = []
    for row in index.older_than(now - shortest * 86400):
        keep_days = policy.get(row["queue"] or "", days)
        if row["end_ts"] >= now - keep_days * 86400 or row["status"] == "recording":
            continue
        rid = row["recording_id"]
        if dry_run:
            log.info("retention (dry run): would delete %s (call %s, queue %s, ended %s)", rid,
                     row["call_id"], row["queue"], time.strftime("%Y-%m-%d", time.gmtime(row["end_ts"])))
            deleted.append(rid)
            continue
        try:
            os.unlink(row["path"])
        except FileNotFoundError:
            log.warning("retention: file of %s already gone: %s", rid, row["path"])
        index.delete(rid, f"retention: older than {keep_days:g} days")
        log.info("retention: deleted %s (call %s, queue %s, %s)", rid, row["call_id"], row["queue"],
                 row["path"])
        deleted.append(rid)
    return deleted


def retention(index_path: str | os.PathLike[str], days: float, *, policy: dict[str, float] | None = None,
              dry_run: bool = False, out: TextIO | None = None) -> int:
    """`acdcore recordings retention --days N [--queue Q=DAYS ...] [--dry-run]`."""
    out = out or sys.stdout
    if not Path(index_path).exists():
        print(f"error: no recording index at {os.fspath(index_path)}", file=out)
        return 2
    idx = RecordingIndex(index_path)
    try:
        gone = apply_retention(idx, days, policy=policy, dry_run=dry_run)
    except ValueError as exc:
        print(f"error: {exc}", file=out)
        return 2
    finally:
        idx.close()
    print(f"{'would delete' if dry_run else 'deleted'} {len(gone)} recording(s)", file=out)
    for rid in gone:
        print(rid, file=out)
    return 0


def main(args: Any) -> int:
    """`acdcore recordings verify|retention` (the parser is in acdcore.cli)."""
    if args.recordings_command == "verify":
        return verify(args.index, check_files=not args.no_files, as_json=args.json)
    policy: dict[str, float] = {}
    for item in args.queue:
        name, sep, days = item.partition("=")
        try:
            policy[name] = float(days)
        except ValueError:
            name = ""
        if not sep or not name:
            print(f"error: --queue wants QUEUE=DAYS, got {item!r}", file=sys.stderr)
            return 2
    return retention(args.index, args.days, policy=policy, dry_run=args.dry_run)
