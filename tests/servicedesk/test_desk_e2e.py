"""End to end through a real acdcore server (subprocess) and a real desk (subprocess): the
screen pop reaches the offered agent's desktop while the call still rings; follow-ups and IVR
callbacks become PRIORITY calls in acdcore that keep the requester's place; outcomes land on
the ticket; failed attempts are retried then given up with an alert; the desk's queue report
agrees with acdcore's own counters."""

from __future__ import annotations

import time

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from desk_harness import acd_client, acd_proc, desk_client, desk_proc, wait_for
from servicedesk.client import DeskApiError, pb

R = pb.resources


@pytest.fixture(scope="module")
def servers(module_db_url, tmp_path_factory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("e2e")
    acd = acd_proc(base / "acd").start()
    desk = desk_proc(base / "desk", module_db_url, acd.target).start()
    yield acd, desk
    desk.stop()
    acd.stop()


@pytest.fixture(scope="module")
def acd(servers):  # type: ignore[no-untyped-def]
    cs = {r: acd_client(servers[0].target, r) for r in ("admin", "telephony", "business")}
    yield cs
    for c in cs.values():
        c.close()


@pytest.fixture(scope="module")
def desk(servers):  # type: ignore[no-untyped-def]
    cs = {r: desk_client(servers[1].target, r) for r in ("business", "agent", "agent2", "supervisor", "telephony")}
    yield cs
    for c in cs.values():
        c.close()


def subscriber(desk, account, phone, area):  # type: ignore[no-untyped-def]
    return desk["business"].subscribers.CreateSubscriber(pb.subscribers.CreateSubscriberRequest(
        subscriber=R.Subscriber(account_number=account, name=f"Sub {account}", phone_numbers=[phone],
                                area=area))).subscriber


def ticket(desk, sid, ttype=3, subject="no signal"):  # type: ignore[no-untyped-def]
    return desk["business"].tickets.CreateTicket(pb.tickets.CreateTicketRequest(
        type=ttype, channel=1, subscriber_id=sid, subject=subject)).ticket


def test_screen_pop_reaches_the_agent_before_the_answer(acd, desk) -> None:  # type: ignore[no-untyped-def]
    s = subscriber(desk, "P-0001", "04596660001", "G11")
    t = ticket(desk, s.subscriber_id)
    desk["supervisor"].outages.DeclareOutage(pb.outages.DeclareOutageRequest(area="G11"))
    stream = desk["agent"].desktop.WatchDesktop(pb.desktop.WatchDesktopRequest())
    try:
        snap = next(stream).snapshot
        assert snap.agent_id == "d1" and not snap.screen_pops
        assert "G11" in [o.area for o in snap.active_outages]
        acd["admin"].login("d1")
        r = acd["telephony"].enqueue_call("pop-call-1", "general", caller="6660001")  # local form of the number
        assert r.offer.agent_id == "d1"
        pop = next(stream).screen_pop
        # the pop is here and the call still rings: nobody answered yet
        assert acd["business"].get_call("pop-call-1").call.state == 2  # CALL_STATE_OFFERED
        assert (pop.call_id, pop.offer_id, pop.agent_id, pop.queue) == ("pop-call-1", r.offer.offer_id, "d1",
                                                                         "general")
        assert [x.subscriber_id for x in pop.subscribers] == [s.subscriber_id]
        assert t.ticket_id in [x.ticket_id for x in pop.open_tickets]
        assert [o.area for o in pop.outages] == ["G11"]
        delay = pop.push_time.ToNanoseconds() - pop.offer_time.ToNanoseconds()
        assert delay >= 0
        # a desktop that (re)connects while the call rings gets the pop in its snapshot
        again = desk["agent"].desktop.WatchDesktop(pb.desktop.WatchDesktopRequest())
        snap2 = next(again).snapshot
        again.cancel()
        assert [p.call_id for p in snap2.screen_pops] == ["pop-call-1"]
        acd["admin"].accept_offer(r.offer.offer_id, "d1")
        acd["admin"].complete_call("pop-call-1", agent_id="d1")
        # the next call of the same caller shows the first one among the recent calls
        # (the call log is stored apart from the pops: wait until the completion is stored)
        wait_for(lambda: [(c.call_id, c.outcome) for c in desk["business"].desktop.LookupCaller(
            pb.desktop.LookupCallerRequest(phone_number="6660001")).screen_pop.recent_calls]
                 == [("pop-call-1", "completed")], what="the first call in the call log")
        r2 = acd["telephony"].enqueue_call("pop-call-2", "general", caller="6660001")
        pop2 = next(stream).screen_pop
        assert pop2.call_id == "pop-call-2" and [c.call_id for c in pop2.recent_calls] == ["pop-call-1"]
        assert pop2.recent_calls[0].outcome == "completed" and pop2.recent_calls[0].agent_id == "d1"
        acd["admin"].reject_offer(r2.offer.offer_id, "d1")
        acd["telephony"].cancel_call("pop-call-2")
        # an unknown caller still pops (no subscriber)
        acd["admin"].set_ready("d1")
        r3 = acd["telephony"].enqueue_call("pop-call-3", "general", caller="01088889999")
        pop3 = next(stream).screen_pop
        assert pop3.call_id == "pop-call-3" and pop3.caller == "01088889999" and not pop3.subscribers
        acd["telephony"].cancel_call("pop-call-3")
    finally:
        stream.cancel()
        try:
            acd["admin"].logout("d1")
        except Exception:  # noqa: BLE001 - d1 may still hold a call if an assertion failed: keep that error
            pass
    # closing the outage resolves the grouped ticket and schedules its follow-up ...
    out = desk["supervisor"].outages.ListOutages(pb.outages.ListOutagesRequest(area="G11")).outages[0]
    assert out.grouped_tickets == 1
    closed = desk["supervisor"].outages.CloseOutage(pb.outages.CloseOutageRequest(outage_id=out.outage_id,
                                                                                 resolution="amplifier replaced"))
    assert (closed.resolved_tickets, closed.follow_ups) == (2, 1)  # the master work order and t
    t2 = desk["business"].tickets.GetTicket(pb.tickets.GetTicketRequest(ticket_id=t.ticket_id)).ticket
    assert t2.outage_id == out.outage_id and t2.master_ticket_id == out.master_ticket_id and t2.state in (4, 5)
    fu = desk["business"].callbacks.ListCallbacks(pb.callbacks.ListCallbacksRequest(ticket_id=t.ticket_id)).callbacks
    assert len(fu) == 1 and fu[0].kind == 1
    # ... which a supervisor cancels here; a queued attempt leaves acdcore's queue too
    call_id = f"desk-cb-{fu[0].callback_id}-1"
    wait_for(lambda: _call(acd, call_id) and _cb(desk, fu[0].callback_id, 2), what="the follow-up placed")
    cur = desk["business"].callbacks.GetCallback(pb.callbacks.GetCallbackRequest(callback_id=fu[0].callback_id))
    c = desk["supervisor"].callbacks.CancelCallback(pb.callbacks.CancelCallbackRequest(
        callback_id=fu[0].callback_id, version=cur.callback.version, note="the subscriber moved")).callback
    assert c.state == 8
    wait_for(lambda: _call(acd, call_id) is None or _call(acd, call_id).state == 5, what="the call cancelled")


def test_follow_up_is_a_priority_call_and_its_outcome_closes_the_ticket(acd, desk) -> None:  # type: ignore[no-untyped-def]
    s = subscriber(desk, "F-0001", "13900007001", "G12")
    t = ticket(desk, s.subscriber_id)
    b = desk["business"].tickets
    t = b.AssignTicket(pb.tickets.AssignTicketRequest(ticket_id=t.ticket_id, version=t.version,
                                                      department="repair", agent_id="d2")).ticket
    t = b.TransitionTicket(pb.tickets.TransitionTicketRequest(ticket_id=t.ticket_id, version=t.version,
                                                              to_state=3)).ticket
    res = b.TransitionTicket(pb.tickets.TransitionTicketRequest(ticket_id=t.ticket_id, version=t.version, to_state=4))
    fu = res.follow_up
    assert fu.callback_id and fu.number == "13900007001"
    call_id = f"desk-cb-{fu.callback_id}-1"
    # the dispatcher places it in acdcore: PRIORITY, enqueue time = the request time, marked as a follow-up
    call = wait_for(lambda: _call(acd, call_id), what="the follow-up call in acdcore")
    assert call.queue == "followup" and call.priority == 2 and call.caller == "13900007001"
    assert call.attributes["kind"] == "follow_up" and call.attributes["ticket"] == str(t.ticket_id)
    assert call.attributes["callback"] == str(fu.callback_id)
    assert abs(call.arrive_time.ToNanoseconds() / 1e9 - fu.request_time.ToNanoseconds() / 1e9) < 0.01
    wait_for(lambda: b.GetTicket(pb.tickets.GetTicketRequest(ticket_id=t.ticket_id)).ticket.state == 5,
             what="the ticket in FOLLOW_UP")
    stream = desk["agent2"].desktop.WatchDesktop(pb.desktop.WatchDesktopRequest())
    try:
        next(stream)
        acd["admin"].login("d2")
        pop = next(stream).screen_pop
        assert pop.call_id == call_id and pop.callback.callback_id == fu.callback_id
        assert pop.attributes["kind"] == "follow_up"
        acd["admin"].accept_offer(pop.offer_id, "d2")
        acd["admin"].complete_call(call_id, agent_id="d2")
    finally:
        stream.cancel()
        acd["admin"].logout("d2") if _agent_state(acd, "d2") in (2, 5, 6) else None
    cb = wait_for(lambda: _cb(desk, fu.callback_id, 5), what="the callback awaiting its outcome")
    assert cb.agent_id == "d2" and cb.attempts == 1
    # another agent may not record it; d2 may
    with pytest.raises(Exception) as ei:
        desk["agent"].callbacks.RecordCallbackOutcome(pb.callbacks.RecordCallbackOutcomeRequest(
            callback_id=cb.callback_id, version=cb.version, outcome=1, satisfaction=5))
    assert getattr(ei.value, "reason", "") == "NOT_YOUR_CALLBACK"
    out = desk["agent2"].callbacks.RecordCallbackOutcome(pb.callbacks.RecordCallbackOutcomeRequest(
        callback_id=cb.callback_id, version=cb.version, outcome=1, satisfaction=5, note="all channels back"))
    assert out.callback.state == 6 and out.callback.outcome == 1 and out.callback.satisfaction == 5
    assert out.ticket.state == 6 and out.ticket.satisfaction == 5
    hist = b.ListTicketHistory(pb.tickets.ListTicketHistoryRequest(ticket_id=t.ticket_id)).entries
    assert any("CONFIRMED" in h.text and "5/5" in h.text for h in hist)


def test_an_ivr_callback_keeps_the_callers_place_in_line(acd, desk) -> None:  # type: ignore[no-untyped-def]
    tel = acd["telephony"]
    now = time.time()
    # nobody serves "general" now: calls wait. Two long-distance (PRIORITY) callers are waiting.
    tel.enqueue_call("ld-1", "general", caller="01011110001", priority=2, enqueue_time=now - 60)
    tel.enqueue_call("ld-2", "general", caller="01011110002", priority=2, enqueue_time=now - 30)
    req = Timestamp()
    req.FromNanoseconds(int((now - 90) * 1e9))  # the caller first called 90 s ago, then asked for a callback
    r = desk["telephony"].callbacks.RequestCallback(pb.callbacks.RequestCallbackRequest(
        number="13900008001", request_time=req, source_call_id="ivr-abandoned-1"))
    again = desk["telephony"].callbacks.RequestCallback(pb.callbacks.RequestCallbackRequest(
        number="13900008001", request_time=req, source_call_id="ivr-abandoned-1"))
    assert again.duplicate and again.callback.callback_id == r.callback.callback_id
    cid = f"desk-cb-{r.callback.callback_id}-1"
    wait_for(lambda: _call(acd, cid), what="the callback in acdcore")
    order = [c.call_id for c in acd["business"].list_calls("general").calls]
    assert order[:3] == [cid, "ld-1", "ld-2"]
    tel.enqueue_call("ld-3", "general", caller="01011110003", priority=2)
    assert [c.call_id for c in acd["business"].list_calls("general").calls][:4] == [cid, "ld-1", "ld-2", "ld-3"]
    for c in ("ld-1", "ld-2", "ld-3"):
        tel.cancel_call(c)
    # the callee does not answer: the hook ends the call; the desk tries again, then gives up
    sup_alerts = desk["supervisor"].outages.WatchAlerts(pb.outages.WatchAlertsRequest(kinds=[4]))
    try:
        tel.cancel_call(cid)
        cid2 = f"desk-cb-{r.callback.callback_id}-2"
        wait_for(lambda: _call(acd, cid2), what="the second attempt")
        tel.cancel_call(cid2)
        cb = wait_for(lambda: _cb(desk, r.callback.callback_id, 7), what="the callback FAILED")
        assert cb.attempts == 2 and cb.end_time.seconds
        alert = next(iter(sup_alerts)).alerts[0]
        assert alert.kind == 4 and alert.callback_id == cb.callback_id and "sup1" in alert.supervisors
    finally:
        sup_alerts.cancel()


def test_the_desk_report_agrees_with_acdcore(acd, desk) -> None:  # type: ignore[no-untyped-def]
    stats = {s.queue: s for s in acd["business"].list_queue_stats().stats}
    start, end = Timestamp(), Timestamp()
    start.FromSeconds(int(time.time()) - 3 * 3600)
    end.FromSeconds(int(time.time()) + 3600)

    def agree() -> bool:
        table = desk["supervisor"].reports.RunReport(pb.reports.RunReportRequest(
            kind=1, start_time=start, end_time=end, granularity=3)).table
        cols = list(table.columns)
        got = {row.values[1]: row.values for row in table.rows}
        for q, s in stats.items():
            if not s.offered and q not in got:
                continue
            row = got.get(q)
            if row is None:
                return False
            for name in ("offered", "answered", "abandoned", "answered_within_sl", "rejected"):
                if int(row[cols.index(name)]) != getattr(s, name):
                    return False
        return True

    wait_for(agree, what="the desk's queue report to match acdcore's counters")
    assert stats["general"].offered >= 7 and stats["followup"].answered == 1


def _call(acd, call_id):  # type: ignore[no-untyped-def]
    try:
        return acd["business"].get_call(call_id).call
    except Exception:  # noqa: BLE001
        return None


def _cb(desk, cid, state):  # type: ignore[no-untyped-def]
    c = desk["business"].callbacks.GetCallback(pb.callbacks.GetCallbackRequest(callback_id=cid)).callback
    return c if c.state == state else None


def _agent_state(acd, agent):  # type: ignore[no-untyped-def]
    return acd["business"].get_agent(agent).agent.state


def test_monitoring_and_playback_through_the_recording_api(acd, desk) -> None:  # type: ignore[no-untyped-def]
    """StartMonitoring asks acdcore about the agent and the call's recording: unknown agent ->
    NOT_FOUND, not on a call -> FAILED_PRECONDITION, on an unrecorded call -> CALL_NOT_RECORDED,
    on a recorded call -> where to listen (MonitorCall). A recording linked to a work order plays
    once finished (GetPlayback -> GetRecording), and the supervisor fetches it from acdcore there.
    Agents may not monitor."""
    import json

    from acdcore_api.acd.v1 import recording_service_pb2 as rpb
    from acdcore_api.acd.v1 import recording_service_pb2_grpc as rgrpc

    from desk_harness import ACD_TOKENS

    sup = desk["supervisor"].media
    M = pb.media
    with pytest.raises(DeskApiError) as ei:
        sup.StartMonitoring(M.StartMonitoringRequest(agent_id="nobody"))
    assert (ei.value.code.name, ei.value.reason) == ("NOT_FOUND", "AGENT_NOT_FOUND")
    acd["admin"].login("d3")
    rec = rgrpc.RecordingServiceStub(acd["telephony"].channel)
    tel_md = (("authorization", f"Bearer {ACD_TOKENS['telephony']}"),)
    try:
        with pytest.raises(DeskApiError) as ei:
            sup.StartMonitoring(M.StartMonitoringRequest(agent_id="d3"))
        assert (ei.value.code.name, ei.value.reason) == ("FAILED_PRECONDITION", "AGENT_NOT_ON_CALL")
        r = acd["telephony"].enqueue_call("mon-call-1", "general", caller="6660009")
        agent = r.offer.agent_id
        assert agent
        acd["admin"].accept_offer(r.offer.offer_id, agent)
        with pytest.raises(DeskApiError) as ei:
            sup.StartMonitoring(M.StartMonitoringRequest(agent_id=agent))
        assert (ei.value.code.name, ei.value.reason) == ("FAILED_PRECONDITION", "CALL_NOT_RECORDED")
        assert ei.value.metadata.get("call_id") == "mon-call-1"
        started = rec.StartRecording(rpb.StartRecordingRequest(call_id="mon-call-1", agent_id=agent, queue="general",
                                                               legs=[rpb.RecordingLeg(name="caller"),
                                                                     rpb.RecordingLeg(name="agent")]),
                                     metadata=tel_md, timeout=10)
        mon = sup.StartMonitoring(M.StartMonitoringRequest(agent_id=agent))
        assert mon.call_id == "mon-call-1"
        method, req = mon.monitor_uri.split(" ", 1)
        assert method == "acd.v1.RecordingService/MonitorCall" and json.loads(req) == {"call_id": "mon-call-1"}
        with pytest.raises(DeskApiError) as ei:
            desk["agent"].media.StartMonitoring(M.StartMonitoringRequest(agent_id=agent))
        assert ei.value.code.name == "PERMISSION_DENIED"
        # the recording belongs to a work order; while it records it cannot be played yet
        t = ticket(desk, subscriber(desk, "P-0090", "04596660090", "G90").subscriber_id, ttype=4,
                   subject="rude agent")
        desk["business"].tickets.LinkTicketCall(pb.tickets.LinkTicketCallRequest(
            ticket_id=t.ticket_id, call_ids=["mon-call-1"], recording_ids=[started.recording_id],
            recording_call_id="mon-call-1"))
        with pytest.raises(DeskApiError) as ei:
            sup.GetPlayback(M.GetPlaybackRequest(recording_id=started.recording_id))
        assert ei.value.reason == "RECORDING_IN_PROGRESS"
        rec.StopRecording(rpb.StopRecordingRequest(call_id="mon-call-1"), metadata=tel_md, timeout=30)
        acd["admin"].complete_call("mon-call-1", agent_id=agent)
        play = sup.GetPlayback(M.GetPlaybackRequest(recording_id=started.recording_id))
        assert play.recording.recording_id == started.recording_id and play.recording.call_id == "mon-call-1"
        method, req = play.playback_uri.split(" ", 1)
        assert method == "acd.v1.RecordingService/GetRecording"
        sup_md = (("authorization", f"Bearer {ACD_TOKENS['supervisor']}"),)
        chunks = list(rec.GetRecording(rpb.GetRecordingRequest(**json.loads(req)), metadata=sup_md, timeout=30))
        assert chunks and chunks[0].recording.recording_id == started.recording_id
        # a linked id acdcore does not hold
        desk["business"].tickets.LinkTicketCall(pb.tickets.LinkTicketCallRequest(
            ticket_id=t.ticket_id, recording_ids=["no-such-recording"], recording_call_id="mon-call-1"))
        with pytest.raises(DeskApiError) as ei:
            sup.GetPlayback(M.GetPlaybackRequest(recording_id="no-such-recording"))
        assert (ei.value.code.name, ei.value.reason) == ("NOT_FOUND", "RECORDING_NOT_FOUND")
    finally:
        try:
            acd["admin"].logout("d3")
        except Exception:  # noqa: BLE001 - keep the test's own error
            pass
