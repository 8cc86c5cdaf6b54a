"""The desk's subscription to acdcore's event stream (WatchEvents, role business).

Each message is handled in two steps: at once, on the event loop, the CALL_OFFERED events start
their screen pops (nothing waits for the database write); then the batch is queued to a storer
task that stores the batches in order, each in one transaction with the stream position, so a
restarted desk resumes exactly after the last stored event. The reader does not wait for the
writes (a slow write never delays the next pop), and the storer writes a batch once its pops are
pushed (at most POP_HEAD_START later); a pop may therefore show the caller's previous
call as still active if it ended milliseconds earlier. A failed write makes the reader resume
from the last stored position (the batches not stored are read again). A resume the server can no longer serve starts over with a snapshot; the gap is
recorded (acd_gaps) and reported with the reports that span it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from ..enums import AcdEvent as EV
from ..tickets.service import Effects
from . import ingest

if TYPE_CHECKING:
    from ..app import Desk

log = logging.getLogger("servicedesk.acdfeed")

#: a batch is stored after its screen pops are pushed, or after this many seconds
POP_HEAD_START = 0.5


def _ts(m: Any) -> float:
    return m.seconds + m.nanos / 1e9


class AcdFeed:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.cursor = 0            # the last event stored
        self.received = 0          # the last event received (its pops started); >= cursor
        self._store_error: Exception | None = None
        self.thresholds: dict[str, tuple[float, float]] = {}
        self.callers: dict[str, tuple[str, dict[str, str]]] = {}   # call id -> (caller, attributes)
        self.connected = asyncio.Event()
        self.batches = 0
        self.events = 0
        self.gaps = 0

    # ------------------------------------------------------------------ messages
    async def _snapshot(self, snap: Any) -> None:
        desk = self.desk
        th = {q.name: (q.service_level_threshold_seconds if q.HasField("service_level_threshold_seconds")
                       else desk.cfg.reports.sl_threshold,
                       q.short_abandon_threshold_seconds if q.HasField("short_abandon_threshold_seconds")
                       else desk.cfg.reports.short_abandon) for q in snap.queues}
        self.thresholds.update(th)
        for c in snap.calls:
            self.callers[c.call_id] = (c.caller, dict(c.attributes))
        agents = [(a.agent_id, a.state, _ts(a.state_since), a.reason) for a in snap.agents]
        prev = self.cursor

        def write(conn: Any) -> None:
            ingest.save_queue_thresholds(conn, th)
            ingest.init_agents(conn, agents)
            if prev and snap.seq > prev:
                ingest.record_gap(conn, prev, snap.seq, desk.clock())
            ingest.set_state(conn, ingest.CURSOR_KEY, str(snap.seq))

        await desk.db.write(write)
        if prev and snap.seq > prev:
            self.gaps += 1
            log.warning("acdcore events %d..%d were lost (the server no longer held them)", prev + 1, snap.seq)
        self.cursor = snap.seq

    def _fast(self, events: Any) -> list[asyncio.Task[Any]]:
        """Start the pops of the offers at once; returns their tasks."""
        desk = self.desk
        pops: list[asyncio.Task[Any]] = []
        for e in events:
            t = e.type
            if t == EV.CALL_ENQUEUED:
                self.callers[e.call_id] = (e.caller, {})
            elif t == EV.CALL_OFFERED:
                task = desk.screenpop.offered(e, self.callers.get(e.call_id))
                if task is not None:
                    pops.append(task)
            elif t in (EV.CALL_COMPLETED, EV.CALL_ABANDONED, EV.CALL_OVERFLOWED):
                if not (t == EV.CALL_OVERFLOWED and e.target_queue):
                    self.callers.pop(e.call_id, None)
                    desk.hub.drop_call(e.call_id)
            elif t in (EV.CALL_NO_ANSWER, EV.CALL_REJECTED) and e.agent_id:
                desk.hub.call_ended(e.agent_id, e.call_id)
            elif t in (EV.QUEUE_CREATED, EV.QUEUE_UPDATED) and e.queue:
                desk.spawn(self._refresh_queue(e.queue))
        if len(self.callers) > 200_000:  # calls whose end we missed: forget the oldest half
            for k in list(self.callers)[:100_000]:
                del self.callers[k]
        return pops

    async def _refresh_queue(self, name: str) -> None:
        acd = self.desk.acd
        if acd is None:
            return
        try:
            q = (await acd.get_queue(name)).config
        except Exception:  # noqa: BLE001 - the defaults stay
            return
        th = {name: (q.service_level_threshold_seconds, q.short_abandon_threshold_seconds)}
        self.thresholds.update(th)
        await self.desk.db.write(ingest.save_queue_thresholds, th)

    async def _store(self, events: Any) -> None:
        desk = self.desk
        cfg = desk.cfg
        fx = Effects()

        def on_callback(conn: Any, call_id: str, kind: str, agent_id: str, at: float) -> None:
            from ..callbacks import service as cb_service

            cb_service.call_event(conn, cfg, call_id, kind, agent_id, at, fx)

        def on_enqueued(conn: Any, call_id: str, at: float) -> None:
            if desk.pending_notices:
                from ..outages import service as out_service

                if out_service.notices_queued(conn, call_id, at):
                    desk.pending_notices = max(0, desk.pending_notices - 1)

        def write(conn: Any) -> int:
            return ingest.ingest(conn, list(events), thresholds=self.thresholds, default_sl=cfg.reports.sl_threshold,
                                 default_short=cfg.reports.short_abandon, callback_prefix=cfg.acd.call_id_prefix,
                                 on_callback=on_callback, on_enqueued=on_enqueued)

        self.cursor = await desk.db.write(write)
        self.batches += 1
        self.events += len(events)
        await desk.after(fx)

    # ------------------------------------------------------------------ loop
    async def _storer(self, q: asyncio.Queue[Any]) -> None:
        """Stores the batches in order, apart from the stream: a slow write (a WAL checkpoint,
        a busy disk) never holds up reading the next CALL_OFFERED and its screen pop."""
        while True:
            item = await q.get()
            try:
                if item is None:
                    return
                events, pops = item
                if self._store_error is None:
                    try:
                        if pops:  # the pops of this batch go first: the write would compete with them
                            await asyncio.wait(pops, timeout=POP_HEAD_START)
                        await self._store(events)
                    except Exception as e:  # noqa: BLE001 - the reader reconnects from self.cursor
                        self._store_error = e
            finally:
                q.task_done()

    async def run(self) -> None:
        desk = self.desk
        self.cursor = await desk.db.read(ingest.get_cursor)
        self.thresholds = await desk.db.read(ingest.queue_thresholds)
        delay = 0.2
        while True:
            acd = desk.acd
            # events received (popped at once) run ahead of events stored (self.cursor)
            self.received = self.cursor
            self._store_error = None
            q: asyncio.Queue[Any] = asyncio.Queue(256)  # full: the reader waits for the writes
            storer = asyncio.create_task(self._storer(q), name="acd-feed-store")
            failed = False
            try:
                stream = acd.watch_events(after_seq=self.cursor, reconnect=True)
                async for resp in stream:
                    if self._store_error is not None:
                        raise self._store_error
                    self.connected.set()
                    delay = 0.2
                    if resp.HasField("snapshot"):
                        await q.join()  # everything before the snapshot is stored first
                        if self._store_error is not None:
                            raise self._store_error
                        await self._snapshot(resp.snapshot)
                        self.received = self.cursor
                    if resp.events:
                        fresh = [e for e in resp.events if e.seq > self.received]
                        if fresh:
                            pops = self._fast(fresh)
                            self.received = fresh[-1].seq
                            await q.put((fresh, pops))
                await q.join()
                if self._store_error is not None:
                    raise self._store_error
                return
            except asyncio.CancelledError:
                failed = True
                raise
            except Exception as e:  # noqa: BLE001 - reconnect with backoff
                failed = True
                self.connected.clear()
                reason = getattr(e, "reason", "")
                if reason == "INVALID_ARGUMENT" and "after_seq" in str(e):
                    # the server's journal is younger than our position (it was reset): start over
                    await self._stop_storer(q, storer, drop=True)
                    log.error("acdcore no longer knows event %d: starting over from a snapshot", self.cursor)
                    await desk.db.write(ingest.start_new_epoch, self.cursor, desk.clock())
                    self.cursor = 0
                    continue
                log.warning("acdcore event stream: %s; reconnecting in %.1f s", e, delay)
                await self._stop_storer(q, storer, drop=True)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
            finally:
                await self._stop_storer(q, storer, drop=failed)

    @staticmethod
    async def _stop_storer(q: asyncio.Queue[Any], storer: asyncio.Task[Any], *, drop: bool) -> None:
        """Let the batch being written finish (never cancel a write half-way: its commit and
        self.cursor must agree); drop the batches not started when ``drop`` (they are read again)."""
        if storer.done():
            return
        if drop:
            while not q.empty():
                q.get_nowait()
                q.task_done()
        try:
            q.put_nowait(None)
        except asyncio.QueueFull:  # pragma: no cover - not dropping and full: wait for room
            await asyncio.shield(q.put(None))
        await asyncio.shield(storer)
