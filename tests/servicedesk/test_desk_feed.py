"""The acdcore event feed against a scripted event stream (no servers): pops start before the
batch is stored, batches are stored in order, and a failed store makes the feed resume from the
last stored event, so every event is stored exactly once. SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any, AsyncIterator

from sqlalchemy import select

from acdcore_api.acd.v1 import event_service_pb2 as ev
from acdcore_api.acd.v1 import resources_pb2 as res
from servicedesk.acdfeed import ingest
from servicedesk.app import Desk
from servicedesk.db.schema import acd_events, calls

N = 30


def _event(seq: int) -> Any:
    e = res.Event(seq=seq, type=1, call_id=f"feed-call-{seq}", queue="general", caller=f"2{seq:06d}")
    e.time.FromNanoseconds(1_767_225_600_000_000_000 + seq * 1_000_000_000)
    return e


class ScriptedAcd:
    """watch_events yields the events after ``after_seq`` in batches of 4, then ends."""

    def __init__(self) -> None:
        self.after: list[int] = []

    async def watch_events(self, *, after_seq: int = 0, reconnect: bool = True, **kw: Any
                           ) -> AsyncIterator[Any]:
        self.after.append(after_seq)
        seqs = list(range(after_seq + 1, N + 1))
        for i in range(0, len(seqs), 4):
            await asyncio.sleep(0)
            yield ev.WatchEventsResponse(events=[_event(s) for s in seqs[i:i + 4]], resumed=True)

    async def close(self) -> None:
        pass


def test_a_failed_store_resumes_from_the_last_stored_event(cfg, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cfg.acd.enabled = True
    acd = ScriptedAcd()
    real = ingest.ingest
    calls_seen: list[int] = []

    def flaky(conn, events, **kw):  # type: ignore[no-untyped-def]
        calls_seen.append(events[0].seq)
        if len(calls_seen) == 3:  # the third batch fails once (a database error, say)
            raise RuntimeError("disk trouble")
        return real(conn, events, **kw)

    monkeypatch.setattr(ingest, "ingest", flaky)

    async def main() -> None:
        desk = Desk(cfg, clock=clock, acd=acd)
        await desk.start(background=False)
        try:
            await asyncio.wait_for(desk.feed.run(), timeout=60)
            assert desk.feed.cursor == N and desk.feed.received == N
        finally:
            await desk.stop()

    asyncio.run(main())
    # the stream was opened twice: from 0, then from the last stored event (batches 1-2: 8)
    assert acd.after == [0, 8]
    from servicedesk.db import Database

    db = Database(cfg.desk.database_url)
    try:
        seqs = db.read_sync(lambda c: [r[0] for r in c.execute(select(acd_events.c.seq).order_by(acd_events.c.seq))])
        n_calls = db.read_sync(lambda c: len(c.execute(select(calls.c.call_id)).all()))
        cursor = db.read_sync(ingest.get_cursor)
    finally:
        db.close()
    assert seqs == list(range(1, N + 1)) and n_calls == N and cursor == N
