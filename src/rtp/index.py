"""The recording index: SQLite rows for search plus an append-only, hash-chained ledger.

Every change (a recording started or finished, an audit event, a deletion by retention) is a
ledger entry whose hash covers the previous entry's hash, its kind and its canonical JSON
body. The chain head is also written to a side file (<index>.head), so dropping the newest
entries is caught too. `verify()` replays the ledger, checks every row against it and every
file against its size and SHA-256: altering or deleting a row or a file is reported.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GENESIS = "0" * 64
ROW_FIELDS = ("recording_id", "call_id", "agent", "queue", "caller", "start_ts", "end_ts",
              "duration", "codec", "channels", "path", "size", "sha256", "status")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS recordings (
    recording_id TEXT PRIMARY KEY, call_id TEXT NOT NULL, agent TEXT, queue TEXT, caller TEXT,
    start_ts REAL NOT NULL, end_ts REAL, duration REAL, codec TEXT NOT NULL,
    channels INTEGER NOT NULL, path TEXT NOT NULL, size INTEGER, sha256 TEXT,
    status TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS recordings_call ON recordings(call_id);
CREATE INDEX IF NOT EXISTS recordings_agent ON recordings(agent, start_ts);
CREATE INDEX IF NOT EXISTS recordings_queue ON recordings(queue, start_ts);
CREATE INDEX IF NOT EXISTS recordings_caller ON recordings(caller, start_ts);
CREATE INDEX IF NOT EXISTS recordings_start ON recordings(start_ts);
CREATE TABLE IF NOT EXISTS ledger (
    seq INTEGER PRIMARY KEY, ts REAL NOT NULL, kind TEXT NOT NULL, recording_id TEXT,
    body TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    recording_id TEXT NOT NULL, at REAL NOT NULL, kind TEXT NOT NULL, who TEXT,
    position REAL, detail TEXT);
CREATE INDEX IF NOT EXISTS events_rec ON events(recording_id);
"""


def _canon(body: dict[str, Any]) -> str:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def chain_hash(prev: str, kind: str, body: str) -> str:
    return hashlib.sha256(f"{prev}\n{kind}\n{body}".encode()).hexdigest()


def file_sha256(path: str | os.PathLike[str]) -> tuple[int, str]:
    h = hashlib.sha256()
    n = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            n += len(chunk)
    return n, h.hexdigest()


@dataclass
class VerifyReport:
    ok: bool
    ledger_entries: int
    recordings_checked: int
    files_checked: int
    problems: list[str] = field(default_factory=list)


class RecordingIndex:
    """Thread-safe (one lock) SQLite index; blocking: call from a worker thread."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.head_path = Path(str(self.path) + ".head")
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- ledger ---
    def _append(self, kind: str, recording_id: str | None, body: dict[str, Any]) -> str:
        row = self._db.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        prev = row["hash"] if row else GENESIS
        seq = (row["seq"] + 1) if row else 1
        text = _canon(body)
        h = chain_hash(prev, kind, text)
        self._db.execute("INSERT INTO ledger(seq, ts, kind, recording_id, body, prev, hash) "
                         "VALUES (?,?,?,?,?,?,?)", (seq, time.time(), kind, recording_id, text, prev, h))
        return f"{seq} {h}"

    def _write_head(self, head: str) -> None:
        tmp = self.head_path.with_suffix(".head.tmp")
        with open(tmp, "w") as f:
            f.write(head + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.head_path)

    def _tx(self, fn: Any) -> Any:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result, head = fn()
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._write_head(head)
            return result

    # --- writes ---
    def add_started(self, row: dict[str, Any]) -> None:
        full = {k: row.get(k) for k in ROW_FIELDS}
        full["status"] = "recording"

        def fn() -> tuple[None, str]:
            self._db.execute(f"INSERT INTO recordings({','.join(ROW_FIELDS)}) VALUES "
                             f"({','.join('?' * len(ROW_FIELDS))})", [full[k] for k in ROW_FIELDS])
            return None, self._append("start", full["recording_id"], full)
        self._tx(fn)

    def finish(self, recording_id: str, **updates: Any) -> dict[str, Any]:
        def fn() -> tuple[dict[str, Any], str]:
            cur = self._db.execute("SELECT * FROM recordings WHERE recording_id=?", (recording_id,)).fetchone()
            if cur is None:
                raise KeyError(recording_id)
            full = dict(cur)
            full.update(updates)
            sets = ",".join(f"{k}=?" for k in updates)
            self._db.execute(f"UPDATE recordings SET {sets} WHERE recording_id=?",
                             [*updates.values(), recording_id])
            return full, self._append("finish", recording_id, {k: full[k] for k in ROW_FIELDS})
        result: dict[str, Any] = self._tx(fn)
        return result

    def audit(self, recording_id: str, kind: str, who: str | None, position: float | None,
              detail: str = "", at: float | None = None) -> dict[str, Any]:
        ev = {"recording_id": recording_id, "at": time.time() if at is None else at, "kind": kind,
              "who": who, "position": position, "detail": detail}

        def fn() -> tuple[dict[str, Any], str]:
            self._db.execute("INSERT INTO events(recording_id, at, kind, who, position, detail) "
                             "VALUES (:recording_id,:at,:kind,:who,:position,:detail)", ev)
            return ev, self._append("audit", recording_id, ev)
        result: dict[str, Any] = self._tx(fn)
        return result

    def delete(self, recording_id: str, reason: str) -> None:
        def fn() -> tuple[None, str]:
            self._db.execute("DELETE FROM recordings WHERE recording_id=?", (recording_id,))
            return None, self._append("delete", recording_id, {"recording_id": recording_id, "reason": reason})
        self._tx(fn)

    # --- reads ---
    def get(self, recording_id: str) -> dict[str, Any] | None:
        with self._lock:
            r = self._db.execute("SELECT * FROM recordings WHERE recording_id=?", (recording_id,)).fetchone()
            return dict(r) if r else None

    def events(self, recording_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self._db.execute(
                "SELECT * FROM events WHERE recording_id=? ORDER BY rowid", (recording_id,))]

    def search(self, *, call_id: str | None = None, agent: str | None = None, queue: str | None = None,
               caller: str | None = None, since: float | None = None, until: float | None = None,
               status: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        where: list[str] = []
        args: list[Any] = []
        for col, val in (("call_id", call_id), ("agent", agent), ("queue", queue),
                         ("caller", caller), ("status", status)):
            if val is not None:
                where.append(f"{col}=?")
                args.append(val)
        if since is not None:
            where.append("start_ts>=?")
            args.append(since)
        if until is not None:
            where.append("start_ts<?")
            args.append(until)
        if limit < 1 or limit > 10000 or offset < 0:
            raise ValueError("limit must be 1..10000 and offset >= 0")
        sql = "SELECT * FROM recordings" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY start_ts, recording_id LIMIT ? OFFSET ?"
        with self._lock:
            return [dict(r) for r in self._db.execute(sql, [*args, limit, offset])]

    def older_than(self, cutoff: float) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(r) for r in self._db.execute(
                "SELECT * FROM recordings WHERE end_ts IS NOT NULL AND end_ts < ? ORDER BY end_ts", (cutoff,))]

    # --- verification ---
    def verify(self, *, check_files: bool = True) -> VerifyReport:
        problems: list[str] = []
        with self._lock:
            ledger = [dict(r) for r in self._db.execute("SELECT * FROM ledger ORDER BY seq")]
            rows = {r["recording_id"]: dict(r) for r in self._db.execute("SELECT * FROM recordings")}
        prev = GENESIS
        expected: dict[str, dict[str, Any]] = {}
        deleted: set[str] = set()
        for i, e in enumerate(ledger, 1):
            if e["seq"] != i:
                problems.append(f"ledger: entry {i} missing (found seq {e['seq']})")
            if e["prev"] != prev:
                problems.append(f"ledger: entry {e['seq']} does not chain to its predecessor")
            if chain_hash(e["prev"], e["kind"], e["body"]) != e["hash"]:
                problems.append(f"ledger: entry {e['seq']} ({e['kind']}) was altered")
            prev = e["hash"]
            try:
                body = json.loads(e["body"])
            except ValueError:
                problems.append(f"ledger: entry {e['seq']} body is not JSON")
                continue
            if e["kind"] in ("start", "finish"):
                expected[body["recording_id"]] = body
            elif e["kind"] == "delete":
                expected.pop(body["recording_id"], None)
                deleted.add(body["recording_id"])
        head = f"{len(ledger)} {prev}" if ledger else None
        try:
            stored = self.head_path.read_text().strip()
        except FileNotFoundError:
            stored = None
        if stored != head:
            problems.append(f"ledger: chain head {head!r} does not match the head file {stored!r} "
                            "(entries dropped or rewritten)")
        files = 0
        for rid, body in expected.items():
            row = rows.get(rid)
            if row is None:
                problems.append(f"recording {rid}: index row deleted")
                continue
            for k in ROW_FIELDS:
                if row.get(k) != body.get(k):
                    problems.append(f"recording {rid}: index row altered ({k}: {row.get(k)!r} != {body.get(k)!r})")
                    break
            if check_files and body.get("status") in ("complete", "recovered") and body.get("sha256"):
                files += 1
                p = body["path"]
                if not os.path.exists(p):
                    problems.append(f"recording {rid}: file {p} is missing")
                    continue
                size, digest = file_sha256(p)
                if size != body.get("size") or digest != body.get("sha256"):
                    problems.append(f"recording {rid}: file {p} was altered (size/SHA-256 mismatch)")
        for rid in rows.keys() - expected.keys():
            problems.append(f"recording {rid}: index row not in the ledger"
                            + (" (it was deleted by retention)" if rid in deleted else ""))
        return VerifyReport(not problems, len(ledger), len(expected), files, problems)
