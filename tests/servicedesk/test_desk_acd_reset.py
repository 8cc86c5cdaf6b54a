"""acdcore comes back with a reset journal (restored from an older backup, or its state wiped)
while the desk keeps its database: the desk notices (acdcore refuses its resume position),
records the gap, keeps the earlier epoch's raw events (renumbered below zero) and goes on
storing events and popping screens, each offer popped exactly once. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, func, select

from desk_harness import acd_client, acd_proc, desk_client, desk_proc, wait_for
from servicedesk.client import pb
from servicedesk.db.engine import normalise_url
from servicedesk.db.schema import acd_events, acd_gaps, calls


def _one_call(acd_target: str, stream, call_id: str) -> None:  # type: ignore[no-untyped-def]
    admin, tel = acd_client(acd_target, "admin"), acd_client(acd_target, "telephony")
    try:
        admin.login("d1")
        r = tel.enqueue_call(call_id, "general", caller="6660001", timeout=10)
        pop = next(stream).screen_pop
        assert pop.call_id == call_id
        admin.accept_offer(r.offer.offer_id, "d1", timeout=10)
        admin.complete_call(call_id, agent_id="d1", timeout=10)
        admin.logout("d1")
    finally:
        admin.close()
        tel.close()


def test_the_desk_survives_a_reset_acdcore_journal(db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    acd = acd_proc(tmp_path / "acd1").start()
    desk = desk_proc(tmp_path / "desk", db_url, acd.target).start()
    eng = create_engine(normalise_url(db_url))
    agent = desk_client(desk.target, "agent")
    stream = agent.desktop.WatchDesktop(pb.desktop.WatchDesktopRequest(), timeout=120)
    try:
        assert next(stream).HasField("snapshot")
        for i in range(3):
            _one_call(acd.target, stream, f"epoch1-{i}")

        def stored(n: int):  # type: ignore[no-untyped-def]
            with eng.connect() as c:
                return c.execute(select(func.count()).select_from(calls)
                                 .where(calls.c.outcome == "completed")).scalar() >= n

        wait_for(lambda: stored(3), timeout=30, what="the first epoch's calls stored")
        with eng.connect() as c:
            first_epoch = c.execute(select(func.count()).select_from(acd_events)).scalar()
        port = acd.port
        acd.stop()
        # a new acdcore on the same address with an empty state directory: sequence numbers restart
        acd2 = acd_proc(tmp_path / "acd2")
        acd2.port = port
        acd2.start()
        try:
            def gaps() -> int:
                with eng.connect() as c:
                    return int(c.execute(select(func.count()).select_from(acd_gaps)).scalar() or 0)

            # the client library reconnects with its own back-off: wait until the desk saw the reset
            wait_for(lambda: gaps() >= 1, timeout=90, interval=0.2, what="the desk to notice the reset journal")
            for i in range(2):  # more events than before would hide the reset; fewer shows it
                _one_call(acd2.target, stream, f"epoch2-{i}")
            wait_for(lambda: stored(5), timeout=30, what="the second epoch's calls stored")
        finally:
            acd2.stop()
        with eng.connect() as c:
            seqs = [r[0] for r in c.execute(select(acd_events.c.seq).order_by(acd_events.c.seq))]
            gaps = c.execute(select(func.count()).select_from(acd_gaps)).scalar()
        old = [s for s in seqs if s < 0]
        assert len(old) >= first_epoch and max(old) == -1 and old == list(range(-len(old), 0))
        assert [s for s in seqs if s > 0] and gaps == 1  # the new epoch (after its snapshot) is stored too
        assert "IntegrityError" not in desk.output()
    finally:
        stream.cancel()
        agent.close()
        desk.stop()
        acd.stop()
        eng.dispose()
