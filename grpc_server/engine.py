"""The engine: the one core, its clock, its journal, its timers and its event stream.

Everything here runs on the server's asyncio loop, one call at a time, so the core needs no
lock. The services call :meth:`Engine.execute` (a state change: applied, journaled, replied
to after :meth:`Engine.commit`) or :meth:`Engine.query` (a read).

Time. The core reads ``Engine._t``: a persistent, non-decreasing timeline,
``max(last time, time.time())``, journaled with every operation, so a replay after a restart
sees exactly the times the live core saw.

Determinism. The core's state and event stream are a pure function of the operations and
their times. So a restart replays the journal into a fresh core (or a snapshot plus the
journal after it) and gets the same state, the same events and the same sequence numbers.
Operations that fail without changing anything are not journaled; one that fails but leaves a
trace (a call refused by a full queue: an event and a counter) is, with its error, and the
replay checks that it fails the same way.

Events are *released* to subscribers only once the journal records that produced them are
durable, in sequence order: nobody ever sees an event that a crash could take back. Timer
events (offer timeouts, wrap-up ends, escalations) need no record of their own: they follow
from earlier operations and the time, and a replay fires them again at their due times.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

import acdcore
from acdcore import AgentConfig, QueueConfig, Route
from acdcore.errors import AcdError

from . import convert, ops
from .journal import Journal

log = logging.getLogger("acdcore.engine")

JOURNAL_FORMAT = 1
_dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode


class ReplayMismatch(RuntimeError):
    pass


def _varint(n: int) -> bytes:
    out = bytearray()
    while n > 0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


class Rel:
    """A released event: filter keys plus its serialized acd.v1.Event, built once."""

    __slots__ = ("ev", "seq", "type", "queue", "target_queue", "agent_id", "call_id", "_data", "_framed")

    def __init__(self, ev: Any) -> None:
        self.ev = ev
        self.seq = ev.seq
        self.type = int(ev.type)
        self.queue = ev.queue
        self.target_queue = ev.target_queue
        self.agent_id = ev.agent_id
        self.call_id = ev.call_id
        self._data: bytes | None = None
        self._framed: bytes | None = None

    @classmethod
    def from_data(cls, data: bytes) -> Rel:
        """A released event restored from its bytes (the resume history kept in snapshots)."""
        m = convert.pb.Event.FromString(data)
        r = cls.__new__(cls)
        r.ev = None
        r.seq, r.type = m.seq, m.type
        r.queue, r.target_queue = m.queue or None, m.target_queue or None
        r.agent_id, r.call_id = m.agent_id or None, m.call_id or None
        r._data, r._framed = data, None
        return r

    @property
    def data(self) -> bytes:
        if self._data is None:
            self._data = convert.event_out(self.ev).SerializeToString()
        return self._data

    @property
    def framed(self) -> bytes:
        """The event as field 2 (``events``) of a WatchEventsResponse."""
        if self._framed is None:
            d = self.data
            self._framed = b"\x12" + _varint(len(d)) + d
        return self._framed


@dataclass
class EventFilter:
    queues: frozenset[str] = frozenset()
    agent_ids: frozenset[str] = frozenset()
    types: frozenset[int] = frozenset()

    def match(self, r: Rel) -> bool:
        if self.types and r.type not in self.types:
            return False
        if self.queues and r.queue not in self.queues and r.target_queue not in self.queues:
            return False
        if self.agent_ids and r.agent_id not in self.agent_ids:
            return False
        return True

    @property
    def empty(self) -> bool:
        return not (self.queues or self.agent_ids or self.types)


class SubscriberOverflow(Exception):
    pass


class Subscriber:
    """A bounded buffer of released events for one stream."""

    def __init__(self, flt: EventFilter, after: int, limit: int) -> None:
        self.filter = flt
        self.after = after
        self.limit = limit
        self._batches: collections.deque[list[Rel]] = collections.deque()
        self._count = 0
        self.overflowed = False
        self.closed: str | None = None
        self._wake = asyncio.Event()

    def offer(self, rels: list[Rel]) -> None:
        if self.overflowed or self.closed:
            return
        after = self.after
        if self.filter.empty:
            sel = rels if rels[0].seq > after else [r for r in rels if r.seq > after]
        else:
            m = self.filter.match
            sel = [r for r in rels if r.seq > after and m(r)]
        if not sel:
            return
        if self._count + len(sel) > self.limit:
            self.overflowed = True
            self._batches.clear()
            self._wake.set()
            # logged here, when it is decided: the stream itself only ends once its client reads again
            log.warning("event subscriber dropped: more than %d events not yet sent (resume after seq %d)",
                        self.limit, self.after)
            return
        self._batches.append(sel)
        self._count += len(sel)
        self._wake.set()

    def close(self, why: str) -> None:
        self.closed = why
        self._wake.set()

    async def get(self) -> list[Rel]:
        """Every buffered event (waits for at least one); raises on overflow or close."""
        while True:
            if self.overflowed:
                raise SubscriberOverflow()
            if self._batches:
                if len(self._batches) == 1:
                    out = self._batches.popleft()
                else:
                    out = [r for b in self._batches for r in b]
                    self._batches.clear()
                self._count = 0
                self.after = out[-1].seq
                return out
            if self.closed:
                raise EOFError(self.closed)
            self._wake.clear()
            await self._wake.wait()


class Engine:
    def __init__(self, journal_dir: str | Path, *, seed: int = 0, fsync: bool = True,
                 ring_size: int = 100_000, snapshot_every: int = 100_000,
                 ended_call_memory: float = 3600.0, ended_call_limit: int = 100_000) -> None:
        self.journal = Journal(journal_dir, fsync=fsync)
        self._init_args = {"format": JOURNAL_FORMAT, "seed": seed, "ended_call_memory": ended_call_memory,
                           "ended_call_limit": ended_call_limit}
        self._t = 0.0
        self.core: Any = None
        self.ring: collections.deque[Rel] = collections.deque(maxlen=ring_size)
        self.released_seq = 0
        self._unreleased: collections.deque[tuple[int, list[Any]]] = collections.deque()
        self._subs: set[Subscriber] = set()
        self._seq_waiters: list[tuple[int, asyncio.Future[None]]] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._timer_due: float | None = None
        self.snapshot_every = snapshot_every
        self._last_snapshot = 0
        self._snapshotting = False
        #: the configuration last applied from the config file (see reconcile())
        self.applied: dict[str, Any] = {"queues": {}, "agents": {}, "routes": None}
        self.replayed = 0
        self.replay_mismatches = 0
        self.recovered_from_snapshot = 0
        self.stopped = False

    # ------------------------------------------------------------------ time
    def _clock(self) -> float:
        return self._t

    def now(self) -> float:
        t = time.time()
        if t > self._t:
            self._t = t
        return self._t

    # ------------------------------------------------------------------ recovery
    def open(self) -> None:
        """Recover the state from the snapshot and the journal (synchronously, before serving)."""
        snap = self._load_snapshot()
        after = snap["index"] if snap else 0
        records = self.journal.open(after=after)
        started = time.perf_counter()
        if snap:
            self._init_args = snap["init"]
            self._t = snap["t"]
            self.core = acdcore.Core.from_snapshot(snap["core"], clock=self._clock)
            self.applied = snap["applied"]
            self._last_snapshot = after
            self.recovered_from_snapshot = after
            # the resume history kept with the snapshot; sequence numbers continue from it
            self.ring.extend(Rel.from_data(base64.b64decode(d)) for d in snap.get("events", ()))
            self.released_seq = self.core.last_event_seq
        else:
            if records:
                idx, payload = records[0]
                rec = json.loads(payload)
                if idx != 1 or rec.get("op") != "init":
                    raise RuntimeError(f"journal {self.journal.dir} does not start with its init record")
                self._init_args = rec["a"]
                records = records[1:]
            else:
                self.journal.append_sync(_dumps({"t": 0.0, "op": "init", "a": self._init_args}).encode())
            a = self._init_args
            if a.get("format") != JOURNAL_FORMAT:
                raise RuntimeError(f"journal format {a.get('format')} is not {JOURNAL_FORMAT}")
            self.core = acdcore.Core(clock=self._clock, seed=a["seed"], ended_call_memory=a["ended_call_memory"],
                                     ended_call_limit=a["ended_call_limit"])
        ring_raw: collections.deque[Any] = collections.deque(maxlen=self.ring.maxlen)
        for idx, payload in records:
            self._replay_one(idx, payload)
            ring_raw.extend(self.core.read_events())
        self.replayed = len(records)
        if self.ring and ring_raw and ring_raw[0].seq != self.ring[-1].seq + 1:
            self.ring.clear()  # not contiguous: keep only what replay produced
        self.ring.extend(Rel(e) for e in ring_raw)
        if ring_raw:
            self.released_seq = ring_raw[-1].seq
        if records:
            log.info("recovered %d journal records (after snapshot %d) in %.2f s; event seq %d",
                     len(records), after, time.perf_counter() - started, self.released_seq)

    def _load_snapshot(self) -> dict[str, Any] | None:
        if not hasattr(acdcore.Core, "from_snapshot"):
            return None
        for index, path in reversed(self.journal.snapshots()):
            try:
                data = json.loads(path.read_bytes())
                if data.get("index") != index or data.get("format") != JOURNAL_FORMAT:
                    raise ValueError("snapshot header does not match its name")
                return data
            except Exception as exc:  # noqa: BLE001 - a damaged snapshot falls back to an older one
                log.warning("snapshot %s is unusable (%s); trying an older one", path, exc)
        return None

    def _replay_one(self, idx: int, payload: bytes) -> None:
        rec = json.loads(payload)
        t = rec["t"]
        if t > self._t:
            self._t = t
        self.core.advance(self._t)
        err = rec.get("err")
        if rec["op"] == "config_applied":
            self.applied = rec["a"]
            return
        try:
            ops.apply(self.core, rec["op"], rec["a"])
        except AcdError as exc:
            if exc.reason != err:
                self.replay_mismatches += 1
                log.error("journal record %d (%s) failed in replay with %s, journaled as %s",
                          idx, rec["op"], exc.reason, err or "success")
            return
        if err:
            self.replay_mismatches += 1
            log.error("journal record %d (%s) succeeded in replay, journaled as failed with %s",
                      idx, rec["op"], err)

    def flush_sync(self) -> None:
        """Make every record durable now (startup, before the loop serves)."""
        self.journal.flush_sync()
        self._release()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start serving on ``loop``: group commit, event release, timers."""
        self._loop = loop
        self.journal.bind(loop)
        self.journal.on_durable(self._on_durable)
        self.tick()

    # ------------------------------------------------------------------ operations
    def execute(self, op: str, args: dict[str, Any]) -> tuple[Any, int]:
        """Apply a state change now; return (result, journal index). Await commit(index)
        before replying. An AcdError that left a trace carries ``journal_index`` too."""
        t = self.now()
        core = self.core
        core.advance(t)
        self._drain(self.journal.last_index)
        before = core.last_event_seq
        try:
            result = ops.apply(core, op, args)
        except AcdError as exc:
            if core.last_event_seq != before:
                idx = self.journal.append(_dumps({"t": t, "op": op, "a": args, "err": exc.reason}).encode())
                exc.journal_index = idx  # type: ignore[attr-defined]
                self._drain(idx)
            self._arm_timer()
            raise
        idx = self.journal.append(_dumps({"t": t, "op": op, "a": args}).encode())
        self._drain(idx)
        self._arm_timer()
        return result, idx

    async def commit(self, idx: int) -> None:
        await self.journal.wait_durable(idx)

    def query(self, fn: Callable[[Any], Any]) -> Any:
        """Run a read on the core at the current time (timers due fire first)."""
        t = self.now()
        self.core.advance(t)
        self._drain(self.journal.last_index)
        try:
            return fn(self.core)
        finally:
            self._arm_timer()

    def tick(self) -> None:
        t = self.now()
        self.core.advance(t)
        self._drain(self.journal.last_index)
        self._arm_timer()

    # ------------------------------------------------------------------ timers
    def _arm_timer(self) -> None:
        if self._loop is None or self.stopped:
            return
        nt = self.core.next_timer()
        if nt == self._timer_due:
            return
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._timer_due = nt
        if nt is not None:
            delay = max(0.0, nt - time.time())
            self._timer = self._loop.call_later(delay, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self._timer_due = None
        if self.stopped:
            return
        nt = self.core.next_timer()
        if nt is not None and nt > time.time():
            # the loop's monotonic clock ran ahead of the wall clock: sleep the difference
            self._arm_timer()
            return
        self.tick()

    # ------------------------------------------------------------------ events
    def _drain(self, tag: int) -> None:
        evs = self.core.read_events()
        if evs:
            self._unreleased.append((tag, evs))
            if tag <= self.journal.durable_index:
                self._release()

    def _on_durable(self, durable: int) -> None:
        if self._unreleased:
            self._release()
        if (self.snapshot_every and durable - self._last_snapshot >= self.snapshot_every
                and not self._snapshotting and hasattr(self.core, "snapshot")):
            self._snapshotting = True
            assert self._loop is not None
            self._loop.create_task(self._snapshot_task())

    def _release(self) -> None:
        durable = self.journal.durable_index
        subs = self._subs
        while self._unreleased and self._unreleased[0][0] <= durable:
            _tag, evs = self._unreleased.popleft()
            rels = [Rel(e) for e in evs]
            self.ring.extend(rels)
            self.released_seq = rels[-1].seq
            for s in list(subs):
                s.offer(rels)
        if self._seq_waiters:
            keep = []
            for seq, fut in self._seq_waiters:
                if seq <= self.released_seq:
                    if not fut.done():
                        fut.set_result(None)
                else:
                    keep.append((seq, fut))
            self._seq_waiters = keep

    async def wait_released(self, seq: int) -> None:
        """Wait until every event up to ``seq`` is released (durable)."""
        if seq <= self.released_seq:
            return
        assert self._loop is not None
        fut = self._loop.create_future()
        self._seq_waiters.append((seq, fut))
        await fut

    def subscribe(self, flt: EventFilter, after: int, limit: int) -> Subscriber:
        s = Subscriber(flt, after, limit)
        self._subs.add(s)
        return s

    def unsubscribe(self, s: Subscriber) -> None:
        self._subs.discard(s)

    @property
    def subscriber_count(self) -> int:
        return len(self._subs)

    def backlog(self, after: int) -> list[Rel] | None:
        """Released events with seq > after, or None if the ring no longer holds them all."""
        if after >= self.released_seq:
            return []
        if not self.ring or self.ring[0].seq > after + 1:
            return None
        first = self.ring[0].seq
        start = after + 1 - first
        return list(self.ring)[start:] if start else list(self.ring)

    def close_subscribers(self, why: str) -> None:
        for s in list(self._subs):
            s.close(why)

    # ------------------------------------------------------------------ snapshots
    async def _snapshot_task(self) -> None:
        try:
            await self.write_snapshot()
        except Exception:  # noqa: BLE001 - a failed snapshot only costs a longer replay
            log.exception("writing a snapshot failed")
        finally:
            self._snapshotting = False

    async def write_snapshot(self) -> Path | None:
        """Store the state after the last journal record (needs Core.snapshot())."""
        if not hasattr(self.core, "snapshot"):
            return None
        self.tick()
        index = self.journal.last_index
        data = self._snapshot_data(index)
        await self.journal.wait_durable(index)
        self._release()
        data["events"] = self._history_for_snapshot(data["core_seq"])
        blob = _dumps(data).encode()
        assert self._loop is not None
        path = await self._loop.run_in_executor(None, self.journal.write_snapshot, index, blob)
        self._last_snapshot = index
        log.info("snapshot %s written (%d bytes)", path.name, len(blob))
        return path

    #: released events a snapshot keeps for WatchEvents resume after a restart
    SNAPSHOT_HISTORY = 50_000

    def _snapshot_data(self, index: int) -> dict[str, Any]:
        self.core.advance(self.now())
        self._drain(self.journal.last_index)
        return {"format": JOURNAL_FORMAT, "index": index, "t": self._t, "init": self._init_args,
                "applied": self.applied, "core": self.core.snapshot(), "core_seq": self.core.last_event_seq}

    def _history_for_snapshot(self, upto: int) -> list[str]:
        keep = min(self.SNAPSHOT_HISTORY, self.ring.maxlen or 0)
        out = [r for r in list(self.ring)[-keep - 64:] if r.seq <= upto][-keep:] if keep else []
        return [base64.b64encode(r.data).decode() for r in out]

    def write_snapshot_sync(self) -> Path | None:
        if not hasattr(self.core, "snapshot"):
            return None
        index = self.journal.last_index
        data = self._snapshot_data(index)
        self.journal.close()
        self._release()
        data["events"] = self._history_for_snapshot(data["core_seq"])
        path = self.journal.write_snapshot(index, _dumps(data).encode())
        self._last_snapshot = index
        return path

    # ------------------------------------------------------------------ configuration
    def reconcile(self, queues: dict[str, QueueConfig], agents: dict[str, AgentConfig],
                  routes: list[Route] | None) -> list[str]:
        """Bring the core to the configuration file's content; return warnings.

        Changes are made against what the file said last time (``self.applied``): an item the
        file did not change keeps whatever the API made of it since; an item the file dropped
        is removed if it can be (a queue without calls, a logged-out agent), else kept with a
        warning and retried on the next reload. Waiting calls are never dropped.
        """
        warnings: list[str] = []
        prev_q: dict[str, Any] = self.applied.get("queues", {})
        prev_a: dict[str, Any] = self.applied.get("agents", {})
        prev_r = self.applied.get("routes")
        new_q = {n: ops.queue_to_dict(c) for n, c in queues.items()}
        new_a = {i: ops.agent_to_dict(c) for i, c in agents.items()}
        new_r = None if routes is None else [ops.route_to_dict(r) for r in routes]
        existing_q = set(self.query(lambda c: c.queue_names()))
        existing_a = set(self.query(lambda c: c.agent_ids()))
        applied_q = dict(prev_q)
        applied_a = dict(prev_a)

        def run(op: str, args: dict[str, Any]) -> bool:
            try:
                self.execute(op, args)
                return True
            except AcdError as exc:
                warnings.append(f"{op} {args.get('name') or args.get('agent_id') or ''}: {exc}")
                return False

        # queues to create, overflow targets first
        to_create = [n for n in new_q if n not in existing_q]
        done: set[str] = set()
        while to_create:
            progress = False
            for n in list(to_create):
                tgt = new_q[n]["overflow_target"]
                if tgt is None or tgt in existing_q or tgt in done or tgt not in to_create:
                    if run("create_queue", {"config": new_q[n]}):
                        applied_q[n] = new_q[n]
                    done.add(n)
                    to_create.remove(n)
                    progress = True
            if not progress:  # a cycle of new queues: create them without, then update
                n = to_create.pop(0)
                tmp = dict(new_q[n], overflow_target=None, overflow_after=None)
                if run("create_queue", {"config": tmp}):
                    done.add(n)
        for n, cfg in new_q.items():
            if n in existing_q or n in done:
                cur = self.query(lambda c, n=n: c.get_queue(n)) if n in self.query(lambda c: c.queue_names()) else None
                if cur is None:
                    continue
                if cfg != prev_q.get(n) and ops.queue_to_dict(cur) != cfg:
                    if run("update_queue", {"config": cfg}):
                        applied_q[n] = cfg
                else:
                    applied_q[n] = cfg
        for i, cfg in new_a.items():
            if i not in existing_a:
                if run("add_agent", {"config": cfg}):
                    applied_a[i] = cfg
            elif cfg != prev_a.get(i):
                if run("update_agent", {"config": cfg}):
                    applied_a[i] = cfg
            else:
                applied_a[i] = cfg
        applied_r = prev_r
        if new_r is not None and new_r != prev_r:
            if run("replace_routes", {"routes": new_r}):
                applied_r = new_r
        for i in prev_a:
            if i not in new_a:
                if i not in self.query(lambda c: c.agent_ids()):
                    applied_a.pop(i, None)
                    continue
                state = self.query(lambda c, i=i: c.get_agent(i).state)
                if state != acdcore.AgentState.LOGGED_OUT:
                    warnings.append(f"agent {i} was removed from the configuration but is logged in "
                                    f"({state.name}); it is removed once logged out and reloaded")
                    continue
                if run("remove_agent", {"agent_id": i}):
                    applied_a.pop(i, None)
        for n in reversed(list(prev_q)):
            if n not in new_q:
                if n not in self.query(lambda c: c.queue_names()):
                    applied_q.pop(n, None)
                    continue
                if run("delete_queue", {"name": n}):
                    applied_q.pop(n, None)
                else:
                    warnings[-1] += " (the queue stays until it can be deleted)"
        applied = {"queues": applied_q, "agents": applied_a, "routes": applied_r}
        if applied != self.applied:
            self.applied = applied
            self.execute("config_applied", applied)
        return warnings

    # ------------------------------------------------------------------ statistics
    def info(self) -> dict[str, Any]:
        return {"journal_index": self.journal.last_index, "durable_index": self.journal.durable_index,
                "commits": self.journal.commits, "event_seq": self.released_seq,
                "subscribers": len(self._subs), "replayed": self.replayed,
                "implementation": acdcore.IMPLEMENTATION}

    def iter_calls(self) -> Iterable[Any]:
        return self.query(lambda c: [c.get_call(i) for i in c.call_ids()])
