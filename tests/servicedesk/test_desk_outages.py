"""Major-outage early warning inside the desk (manual clock, SQLite and PostgreSQL): a burst of
fault tickets and IVR fault choices in one area raises one outage with a master work order,
groups the area's open fault tickets, alerts the supervisors and makes the IVR play a notice;
deflections are counted (explicit or inferred); closing resolves the group and schedules the
follow-ups; the detector's learning survives a restart."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from servicedesk.app import Desk
from servicedesk.db.schema import fault_reports, tickets
from servicedesk.enums import AlertKind, CallbackKind, Channel, HistoryAction, TicketState, TicketType
from servicedesk.outages import repo as out_repo
from servicedesk.outages import service as out_service
from servicedesk.subscribers import service as subs
from servicedesk.tickets import service as ts
from servicedesk.tickets.service import Effects, TicketIn


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


async def make_desk(cfg, clock) -> Desk:  # type: ignore[no-untyped-def]
    d = Desk(cfg, clock=clock)
    await d.start(background=False)
    return d


async def fault(d: Desk, phone: str, area: str = "") -> dict:  # type: ignore[type-arg]
    fx = Effects()
    row, _ = await d.db.write(ts.create, d.cfg, "agent", TicketIn(type=int(TicketType.FAULT_REPAIR),
                                                                   channel=int(Channel.PHONE), subject="no signal",
                                                                   contact_number=phone, area=area), d.clock(), fx)
    await d.after(fx)
    return row


def test_a_burst_raises_one_outage_and_groups_the_tickets(cfg, clock) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        d = await make_desk(cfg, clock)
        q = d.bus.subscribe()
        try:
            # some noise elsewhere, and an old fault in the area that is already being worked on
            await fault(d, "13900000001", "G02")
            old = await fault(d, "13900000002", "G05")
            clock.advance(1800)
            first = []
            for i in range(7):  # 7 reports in 7 minutes: not yet 8
                first.append(await fault(d, f"1390000100{i}", "G05"))
                clock.advance(60)
            assert await d.db.read(out_repo.active_for_area, "G05") is None
            # the IVR's fault menu counts too: the 8th report is an IVR choice
            fx = Effects()
            sub = await d.db.write(subs.create, subs.SubscriberIn("A-5005", "Sun", ["04597770005"], area="G05"),
                                   clock(), "0459")
            area, _ = await d.db.write(out_service.report_fault, cfg, "7770005", "", "ivr-call-9", clock(), fx)
            assert area == "G05" and sub["area"] == "G05"
            await d.after(fx)
            o = await d.db.read(out_repo.active_for_area, "G05")
            assert o is not None and o["declared_by"] == "detector"
            assert o["window_reports"] == 8 and o["baseline_reports"] == pytest.approx(0.5 * 600 / 3600)
            # the alert went to the supervisors' stream
            alert = q.get_nowait()
            assert alert["kind"] == AlertKind.OUTAGE_DETECTED and alert["outage_id"] == o["id"]
            assert "sup-repair" in alert["supervisors"]
            # the master work order and the grouped tickets (the old one too: within the group window)
            master = await d.db.read(ts.get, o["master_ticket_id"])
            assert master["channel"] == Channel.INTERNAL and master["outage_id"] == o["id"]
            assert master["state"] == TicketState.ASSIGNED and master["area"] == "G05"
            grouped = await d.db.read(lambda c: sorted(r[0] for r in c.execute(
                select(tickets.c.id).where(tickets.c.outage_id == o["id"], tickets.c.id != master["id"]))))
            assert grouped == sorted([old["id"], *(t["id"] for t in first)])
            assert o["grouped_tickets"] == 8 and o["reports"] == 8
            hist = await d.db.read(ts.history, first[0]["id"], None)
            assert hist[-1]["action"] == HistoryAction.OUTAGE
            # further faults in the area join the outage at once, and raise no second one
            later = await fault(d, "13900002000", "G05")
            assert later["outage_id"] == o["id"] and later["master_id"] == master["id"]
            for i in range(10):
                await fault(d, f"1390000300{i}", "G05")
            n = await d.db.read(lambda c: c.execute(select(func.count()).select_from(out_repo.O)).scalar())
            assert n == 1
            o = await d.db.read(out_repo.get, o["id"])
            assert o["grouped_tickets"] == 19 and o["reports"] == 19
            # the G02 fault stayed outside
            g02 = await d.db.read(lambda c: c.execute(select(tickets.c.outage_id).where(tickets.c.area == "G02"))
                                  .scalar())
            assert g02 is None
        finally:
            await d.stop()

    run(main())


def test_notices_deflections_and_closing(cfg, clock) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        d = await make_desk(cfg, clock)
        try:
            sub = await d.db.write(subs.create, subs.SubscriberIn("A-6001", "Zhao", ["13900006001"], area="G06"),
                                   clock(), "0459")
            t1 = await fault(d, "13900006001", "")  # area from... the contact number is not looked up: no area
            assert t1["area"] == ""
            fx = Effects()
            t2, _ = await d.db.write(ts.create, cfg, "agent", TicketIn(type=3, channel=1, subject="no signal",
                                                                       subscriber_id=sub["id"]), clock(), fx)
            await d.after(fx)
            o, existing = await d.raise_outage("G06", declared_by="sup1")
            assert not existing and o["grouped_tickets"] == 1
            assert (await d.db.read(ts.get, t2["id"]))["outage_id"] == o["id"]
            # three callers hear the notice: one queues (acdcore enqueues its call), one says it left,
            # one just hangs up (inferred after the deflection window)
            plays = []
            for call in ("c1", "c2", "c3"):
                area, out, nid = await d.db.write(out_service.area_notice, cfg, "13900006001", "", call, clock())
                assert area == "G06" and out["id"] == o["id"] and nid
                assert "being repaired" in out["notice_text"]
                plays.append(nid)
            assert await d.db.write(out_service.notices_queued, "c1", clock()) == 1
            await d.db.write(out_service.record_notice_outcome, plays[1], 1, clock())
            assert await d.db.write(out_service.infer_deflections, clock(), 120.0) == 0  # too early
            clock.advance(121)
            assert await d.db.write(out_service.infer_deflections, clock(), 120.0) == 1
            o = await d.db.read(out_repo.get, o["id"])
            assert (o["notices_played"], o["calls_deflected"]) == (3, 2)
            # a caller of another area hears nothing
            _, none, nid = await d.db.write(out_service.area_notice, cfg, "", "G99", "", clock())
            assert none is None and nid == 0
            # close: the grouped ticket is resolved along legal moves and its follow-up scheduled
            fx = Effects()
            o2, resolved, follow = await d.db.write(out_service.close, cfg, "sup1", o["id"], "cable repaired",
                                                    clock(), fx)
            await d.outage_closed("G06")
            assert (resolved, follow) == (2, 1) and o2["state"] == 2 and o2["closed_at"] == clock()
            t2 = await d.db.read(ts.get, t2["id"])
            assert t2["state"] == TicketState.RESOLVED
            moves = [(h["from_state"], h["to_state"]) for h in await d.db.read(ts.history, t2["id"], None)
                     if h["action"] == HistoryAction.TRANSITION]
            assert moves == [(1, 2), (2, 3), (3, 4)]
            assert [c["kind"] for c in fx.callbacks] == [CallbackKind.FOLLOW_UP]
            master = await d.db.read(ts.get, o["master_ticket_id"])
            assert master["state"] == TicketState.CLOSED
            assert [a["kind"] for a in fx.alerts] == [AlertKind.OUTAGE_CLOSED]
            assert "G06" not in d.detector.active
        finally:
            await d.stop()

    run(main())


def test_learning_survives_a_restart(cfg, clock) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        d = await make_desk(cfg, clock)
        for day in range(4):
            for k in range(6):  # six reports every day between 20:00 and 21:00 UTC+8
                clock.set(1_767_225_600.0 + day * 86400 + 12 * 3600 + k * 500)
                await fault(d, f"139100{day}{k:04d}", "G09")
        clock.set(1_767_225_600.0 + 4 * 86400 + 12 * 3600 - 10)
        rate = d.detector.expected_rate("G09", clock() + 20)
        await d.stop()
        assert rate > 1.0
        d2 = await make_desk(cfg, clock)
        try:
            assert d2.detector.expected_rate("G09", clock() + 20) == pytest.approx(rate)
            n = await d2.db.read(lambda c: c.execute(select(func.count()).select_from(fault_reports)).scalar())
            assert n == 24
        finally:
            await d2.stop()

    run(main())
