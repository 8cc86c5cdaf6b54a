"""Durability of the desk's data, through real desk servers (subprocesses, no acdcore), on
SQLite and PostgreSQL:

* kill -9 of the desk while two clients write work orders: every acknowledged ticket is there
  after the restart, no ticket is half written (its history matches its state and version), and
  retrying an unacknowledged create with its request id neither loses nor doubles it;
* ``servicedesk backup`` while clients write, ``verify-backup``, ``restore`` into an empty
  database (and empty places for the recording index and acdcore's journal), every row compared,
  and a desk started on the restored database serves it; damaged archives and non-empty targets
  are refused with a message and exit status 1, nothing changed.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tarfile
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from desk_harness import desk_client, desk_proc, wait_for
from servicedesk.backup.archive import read_manifest, table_checksums
from servicedesk.client import DeskApiError, pb
from servicedesk.db.engine import normalise_url
from servicedesk.db.schema import ticket_history, tickets

T = pb.tickets
CLI_TIMEOUT = 180


class Writers:
    """``n`` client threads creating tickets (with request ids) and assigning every other one;
    what the desk acknowledged is recorded: {request_id: (ticket_id, version)}."""

    def __init__(self, target: str, n: int = 2, prefix: str = "w", batch: int = 0) -> None:
        self.target = target
        self.n = n
        self.prefix = prefix
        self.batch = batch  # > 0: BatchWriteTickets of this many creates, then of their assignments
        self.batches: list[list[str]] = []  # the request ids of each batch of creates sent
        self.acked: dict[str, tuple[int, int]] = {}
        self.unacked: set[str] = set()
        self.errors: list[BaseException] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(n)]

    def __enter__(self) -> "Writers":
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(30)
            assert not t.is_alive(), "a writer thread did not stop"

    def count(self) -> int:
        with self.lock:
            return len(self.acked)

    def _run_batches(self, w: int) -> None:
        c = desk_client(self.target, "business")
        W = T.TicketWrite
        try:
            i = 0
            while not self.stop.is_set():
                keys = [f"{self.prefix}-{w}-{i + j}" for j in range(self.batch)]
                with self.lock:
                    self.unacked.update(keys)
                    self.batches.append(keys)
                try:
                    res = c.tickets.BatchWriteTickets(T.BatchWriteTicketsRequest(writes=[W(create=T.CreateTicketRequest(
                        type=2, channel=1, contact_number="13900001111", area=f"G{(i + j) % 7:02d}",
                        subject=f"no signal {key}", request_id=key)) for j, key in enumerate(keys)]),
                        timeout=10).results
                    made = [r.create.ticket for r in res]
                    assert all(t.ticket_id for t in made), res
                    with self.lock:
                        for key, t in zip(keys, made):
                            self.acked[key] = (t.ticket_id, t.version)
                            self.unacked.discard(key)
                    res = c.tickets.BatchWriteTickets(T.BatchWriteTicketsRequest(writes=[W(assign=T.AssignTicketRequest(
                        ticket_id=t.ticket_id, version=t.version, department="repair", note="dispatch"))
                        for t in made[::2]]), timeout=10).results
                    assert all(r.WhichOneof("result") == "assign" for r in res), res
                    with self.lock:
                        for key, r in zip(keys[::2], res):
                            self.acked[key] = (r.assign.ticket.ticket_id, r.assign.ticket.version)
                except DeskApiError as e:
                    if self.stop.is_set() or e.code.name in ("UNAVAILABLE", "DEADLINE_EXCEEDED", "CANCELLED"):
                        return  # the desk is gone (killed): stop writing
                    self.errors.append(e)
                    return
                except AssertionError as e:
                    self.errors.append(e)
                    return
                i += self.batch
        finally:
            c.close()

    def _run(self, w: int) -> None:
        if self.batch:
            return self._run_batches(w)
        c = desk_client(self.target, "business")
        try:
            i = 0
            while not self.stop.is_set():
                key = f"{self.prefix}-{w}-{i}"
                with self.lock:
                    self.unacked.add(key)
                try:
                    t = c.tickets.CreateTicket(T.CreateTicketRequest(
                        type=2, channel=1, contact_number="13900001111", area=f"G{i % 7:02d}",
                        subject=f"no signal {key}", request_id=key), timeout=10).ticket
                    with self.lock:
                        self.acked[key] = (t.ticket_id, t.version)
                        self.unacked.discard(key)
                    if i % 2 == 0:
                        t = c.tickets.AssignTicket(T.AssignTicketRequest(
                            ticket_id=t.ticket_id, version=t.version, department="repair", note="dispatch"),
                            timeout=10).ticket
                        with self.lock:
                            self.acked[key] = (t.ticket_id, t.version)
                except DeskApiError as e:
                    if self.stop.is_set() or e.code.name in ("UNAVAILABLE", "DEADLINE_EXCEEDED", "CANCELLED"):
                        return  # the desk is gone (killed): stop writing
                    self.errors.append(e)
                    return
                i += 1
        finally:
            c.close()


def _engine(url: str):  # type: ignore[no-untyped-def]
    return create_engine(normalise_url(url))


def _check_whole(url: str, acked: dict[str, tuple[int, int]]) -> dict[int, dict[str, Any]]:
    """Every acknowledged ticket is there with at least the acknowledged version; every ticket
    in the database is whole: its history is seq 1..n and matches its state and version."""
    eng = _engine(url)
    try:
        with eng.connect() as c:
            rows = {r.id: dict(r._mapping) for r in c.execute(select(tickets))}
            hist: dict[int, list[Any]] = {}
            for h in c.execute(select(ticket_history).order_by(ticket_history.c.ticket_id, ticket_history.c.seq)):
                hist.setdefault(h.ticket_id, []).append(h)
    finally:
        eng.dispose()
    for key, (tid, version) in acked.items():
        assert tid in rows, f"acknowledged ticket {tid} ({key}) is lost"
        assert rows[tid]["request_id"] == key
        assert rows[tid]["version"] >= version, f"ticket {tid}: acknowledged version {version} lost"
    for tid, r in rows.items():
        h = hist.get(tid, [])
        assert [x.seq for x in h] == list(range(1, len(h) + 1)), f"ticket {tid}: history seqs {[x.seq for x in h]}"
        actions = [x.action for x in h]
        if r["state"] == 1:    # NEW: just created
            assert (r["version"], actions) == (1, [1]), (tid, r, actions)
        else:                  # ASSIGNED by AssignTicket: created, assignment, transition NEW -> ASSIGNED
            assert r["state"] == 2 and r["version"] == 2, (tid, r)
            assert actions[0] == 1 and len(actions) == 3 and h[-1].to_state == 2, (tid, actions)
            assert r["department"] == "repair"
    return rows


def test_kill_9_during_batch_writes_loses_no_acknowledged_ticket(db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """BatchWriteTickets is one transaction per call: after a kill -9 every acknowledged batch is
    there, and a batch that was not acknowledged is there whole or not at all."""
    desk = desk_proc(tmp_path / "desk", db_url, None).start()
    try:
        with Writers(desk.target, batch=10) as w:
            wait_for(lambda: w.count() >= 200 or w.errors, timeout=120, what="200 acknowledged tickets")
            desk.kill()  # SIGKILL in the middle of the writes
        assert not w.errors, w.errors
        rows = _check_whole(db_url, w.acked)
        stored = {r["request_id"] for r in rows.values()}
        for keys in w.batches:
            assert sum(k in stored for k in keys) in (0, len(keys)), f"batch {keys[0]}.. is half stored"
    finally:
        desk.stop()


def test_kill_9_during_writes_loses_no_committed_ticket(db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    desk = desk_proc(tmp_path / "desk", db_url, None).start()
    try:
        with Writers(desk.target) as w:
            wait_for(lambda: w.count() >= 50 or w.errors, timeout=120, what="50 acknowledged tickets")
            desk.kill()  # SIGKILL in the middle of the writes
        assert not w.errors, w.errors
        assert w.count() >= 50
        rows = _check_whole(db_url, w.acked)
        # the desk comes back on the same database and serves what was acknowledged
        desk.start()
        c = desk_client(desk.target, "business")
        try:
            some = list(w.acked.items())[:: max(1, len(w.acked) // 10)]
            for key, (tid, version) in some:
                t = c.tickets.GetTicket(T.GetTicketRequest(ticket_id=tid), timeout=10).ticket
                assert t.ticket_id == tid and t.version >= version
            # a create the desk never acknowledged is retried with its request id: exactly one ticket
            for key in sorted(w.unacked):
                t = c.tickets.CreateTicket(T.CreateTicketRequest(
                    type=2, channel=1, contact_number="13900001111", subject=f"no signal {key}", request_id=key),
                    timeout=10).ticket
                assert t.ticket_id > 0
            again = _check_whole(db_url, w.acked)
            assert len(again) == len(rows) + sum(1 for k in w.unacked if k not in
                                                 {r["request_id"] for r in rows.values()})
        finally:
            c.close()
    finally:
        desk.stop()


def _cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([sys.executable, "-m", "servicedesk", *args], capture_output=True, text=True,
                       timeout=CLI_TIMEOUT)
    if check:
        assert r.returncode == 0, f"servicedesk {' '.join(args)}: exit {r.returncode}\n{r.stdout}\n{r.stderr}"
    return r


def _fake_support_files(base: Path) -> tuple[Path, Path]:
    """A recording index (SQLite) and an acdcore journal directory to carry in the archive."""
    idx = base / "rec" / "index.sqlite"
    idx.parent.mkdir(parents=True)
    con = sqlite3.connect(idx)
    con.execute("CREATE TABLE recordings (id TEXT PRIMARY KEY, call_id TEXT, path TEXT)")
    con.executemany("INSERT INTO recordings VALUES (?, ?, ?)",
                    [(f"rec-{i}", f"call-{i}", f"/var/rec/{i}.wav") for i in range(50)])
    con.commit()
    con.close()
    Path(str(idx) + ".head").write_text("ledger-head 50\n")
    journal = base / "acd-state"
    journal.mkdir()
    (journal / "snapshot-000001.bin").write_bytes(bytes(range(256)) * 40)
    (journal / "journal-000002.log").write_bytes(b"event\n" * 1000)
    return idx, journal


def _restore_target(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'restored' / 'desk.sqlite'}"
    cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"desk_restored_{abs(hash(str(tmp_path))) % 10**8}")


def test_backup_under_write_load_restores_every_row(db_url, tmp_path, request) -> None:  # type: ignore[no-untyped-def]
    idx, journal = _fake_support_files(tmp_path)
    desk = desk_proc(tmp_path / "desk", db_url, None).start()
    out = tmp_path / "backups"
    try:
        with Writers(desk.target) as w:
            wait_for(lambda: w.count() >= 40 or w.errors, timeout=120, what="40 acknowledged tickets")
            before = dict(w.acked)
            r = _cli("backup", "--db", db_url, "--out", str(out), "--recordings-index", str(idx),
                     "--acd-journal-dir", str(journal), "--label", "under load")
            n0 = w.count()
            wait_for(lambda: w.count() >= n0 + 10 or w.errors, timeout=120, what="writes after the backup")
        assert not w.errors, w.errors
        assert "verified" in r.stdout
        archive = next(out.glob("desk-backup-*.tar"))
        m = read_manifest(archive)
        assert m["label"] == "under load" and set(m["files"]) >= {"recordings/index.sqlite", "acd/journal/"
                                                                  "snapshot-000001.bin"}
        assert _cli("verify-backup", str(archive)).returncode == 0

        # restore on "an empty machine": an empty database, nowhere for the index and journal yet
        target = _restore_target(db_url, tmp_path, request)
        new_idx, new_journal = tmp_path / "new" / "index.sqlite", tmp_path / "new" / "acd-state"
        r = _cli("restore", "--db", target, "--from", str(archive), "--recordings-index", str(new_idx),
                 "--acd-journal-dir", str(new_journal))
        info = json.loads(r.stdout.split("servicedesk restore: ", 1)[1])
        assert info["tables"]["tickets"] == m["tables"]["tickets"]["rows"] >= len(before)

        # every row of the restored database is the row the archive recorded ...
        src, dst = _engine(db_url), _engine(target)
        try:
            with dst.connect() as c:
                assert table_checksums(c) == m["tables"]
                restored = {r.id: tuple(r) for r in c.execute(select(tickets))}
                restored_h = {(r.ticket_id, r.seq): tuple(r) for r in c.execute(select(ticket_history))}
            # ... and equals the live database's row (the load only creates and assigns: a ticket
            # assigned after the backup differs only in its state, version and new history rows)
            with src.connect() as c:
                live = {r.id: tuple(r) for r in c.execute(select(tickets))}
                live_h = {(r.ticket_id, r.seq): tuple(r) for r in c.execute(select(ticket_history))}
        finally:
            src.dispose()
            dst.dispose()
        assert set(restored) <= set(live) and len(live) > len(restored)
        changed = [tid for tid in restored if restored[tid] != live[tid]]
        for tid in changed:
            assert live[tid][-1] == restored[tid][-1]  # same request id: a later AssignTicket, nothing else
        assert len(changed) <= 2  # at most the tickets being assigned while the backup ran
        assert all(live_h[k] == v for k, v in restored_h.items())
        for key, (tid, _version) in before.items():
            assert tid in restored, f"ticket {tid} acknowledged before the backup is missing"
        # the support platform's files are back byte for byte
        assert new_idx.read_bytes() != b"" and Path(str(new_idx) + ".head").read_text() == "ledger-head 50\n"
        con = sqlite3.connect(new_idx)
        assert con.execute("SELECT count(*) FROM recordings").fetchone()[0] == 50
        con.close()
        for f in journal.iterdir():
            assert (new_journal / f.name).read_bytes() == f.read_bytes()
    finally:
        desk.stop()

    # a desk on the restored database serves it
    desk2 = desk_proc(tmp_path / "desk2", target, None).start()
    try:
        c = desk_client(desk2.target, "business")
        try:
            for key, (tid, _v) in list(before.items())[:5]:
                assert c.tickets.GetTicket(T.GetTicketRequest(ticket_id=tid), timeout=10).ticket.ticket_id == tid
            t = c.tickets.CreateTicket(T.CreateTicketRequest(type=1, channel=1, contact_number="13900002222",
                                                             subject="after the restore"), timeout=10).ticket
            assert t.ticket_id > max(restored)
        finally:
            c.close()
    finally:
        desk2.stop()

    # restoring over a database that holds data is refused, and changes nothing
    eng = _engine(target)
    with eng.connect() as c:
        sums = table_checksums(c)
    r = _cli("restore", "--db", target, "--from", str(archive), check=False)
    assert r.returncode == 1 and ("holds a database" in r.stderr or "has tables" in r.stderr), r.stderr
    with eng.connect() as c:
        assert table_checksums(c) == sums
    eng.dispose()


def test_damaged_archives_are_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    _cli("migrate", "--db", url)
    # a table another capability created outside the desk's schema is carried and verified too
    con = sqlite3.connect(tmp_path / "desk.sqlite")
    con.execute("CREATE TABLE other_capability (k INTEGER PRIMARY KEY, v TEXT)")
    con.executemany("INSERT INTO other_capability VALUES (?, ?)", [(i, f"v{i}") for i in range(20)])
    con.commit()
    con.close()
    out = tmp_path / "b"
    _cli("backup", "--db", url, "--out", str(out))
    archive = next(out.glob("*.tar"))
    assert read_manifest(archive)["tables"]["other_capability"]["rows"] == 20
    good = tmp_path / "good" / "desk.sqlite"
    _cli("restore", "--db", f"sqlite:///{good}", "--from", str(archive))
    con = sqlite3.connect(good)
    assert con.execute("SELECT count(*), max(v) FROM other_capability").fetchone() == (20, "v9")
    con.close()
    # a flipped byte: the archive's own checksum catches it
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad = tmp_path / "bad.tar"
    bad.write_bytes(bytes(data))
    Path(str(bad) + ".sha256").write_text(Path(str(archive) + ".sha256").read_text())
    r = _cli("verify-backup", str(bad), check=False)
    assert r.returncode == 1 and "damaged" in r.stderr, r.stderr
    target = tmp_path / "never" / "desk.sqlite"
    r = _cli("restore", "--db", f"sqlite:///{target}", "--from", str(bad), check=False)
    assert r.returncode == 1 and not target.exists()
    # a file changed inside the archive (and the side checksum dropped): the manifest catches it
    inner = tmp_path / "inner.tar"
    with tarfile.open(archive) as src, tarfile.open(inner, "w") as dst:
        for member in src.getmembers():
            f = src.extractfile(member)
            body = f.read() if f else b""
            if member.name == "db/desk.sqlite":
                body = body[:-1] + bytes([body[-1] ^ 1])
            import io

            dst.addfile(member, io.BytesIO(body))
    r = _cli("verify-backup", str(inner), check=False)
    assert r.returncode == 1 and "checksum mismatch" in r.stderr, r.stderr
    r = _cli("verify-backup", str(tmp_path / "missing.tar"), check=False)
    assert r.returncode == 1 and r.stderr.startswith("servicedesk verify-backup:"), r.stderr
    # the wrong kind of target
    r = _cli("restore", "--db", "mysql://x/y", "--from", str(archive), check=False)
    assert r.returncode in (1, 2) and "unsupported database" in r.stderr, r.stderr
