"""desk.v1 through a real desk server (subprocess, no acdcore): every request field's bad
input gets INVALID_ARGUMENT naming the field (or the specific error) and writes nothing; roles
and tokens; the happy paths of subscribers, tickets, callbacks and outages over the wire."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import create_engine

from desk_harness import desk_client, desk_proc
from servicedesk.backup.archive import table_checksums
from servicedesk.client import DeskApiError, DeskClient, pb
from servicedesk.db.engine import normalise_url

R = pb.resources
T = pb.tickets
SUB = pb.subscribers
CB = pb.callbacks
OUT = pb.outages
REP = pb.reports
DT = pb.desktop


@pytest.fixture(scope="module")
def desk(module_db_url, tmp_path_factory):  # type: ignore[no-untyped-def]
    p = desk_proc(tmp_path_factory.mktemp("desk"), module_db_url, None).start()
    yield p
    p.stop()


@pytest.fixture(scope="module")
def biz(desk):  # type: ignore[no-untyped-def]
    c = desk_client(desk.target, "business")
    yield c
    c.close()


@pytest.fixture(scope="module")
def engine(module_db_url, desk):  # type: ignore[no-untyped-def]
    e = create_engine(normalise_url(module_db_url))
    yield e
    e.dispose()


def ts(t: float) -> Timestamp:
    m = Timestamp()
    m.FromNanoseconds(int(t * 1e9))
    return m


def rows(engine) -> dict:  # type: ignore[no-untyped-def]
    with engine.connect() as c:
        return table_checksums(c)


@pytest.fixture(scope="module")
def world(biz):  # type: ignore[no-untyped-def]
    s = biz.subscribers.CreateSubscriber(SUB.CreateSubscriberRequest(subscriber=R.Subscriber(
        account_number="A-2001", name="Zhang San", phone_numbers=["04595550001", "+86 139 0000 2222"], area="G07",
        address="12 Renmin Rd", balance_cents=-1250,
        services=[R.ServiceHolding(kind=2, smart_card_number="8000000000001", product="basic HD"),
                  R.ServiceHolding(kind=3, product="50M")]))).subscriber
    t = biz.tickets.CreateTicket(T.CreateTicketRequest(type=3, channel=1, subscriber_id=s.subscriber_id,
                                                       subject="no signal on all channels")).ticket
    return {"sub": s, "ticket": t}


def test_subscribers_over_the_wire(biz, world) -> None:  # type: ignore[no-untyped-def]
    s = world["sub"]
    assert list(s.phone_numbers) == ["04595550001", "13900002222"]  # normalised, +86 dropped
    assert s.services[0].smart_card_number == "8000000000001" and s.status == 1 and s.version == 1
    got = biz.subscribers.GetSubscriber(SUB.GetSubscriberRequest(account_number="A-2001")).subscriber
    assert got == s
    found = biz.subscribers.SearchSubscribers(SUB.SearchSubscribersRequest(phone_number="5550001")).subscribers
    assert [x.subscriber_id for x in found] == [s.subscriber_id]  # local number + area code 0459
    upd = R.Subscriber()
    upd.CopyFrom(s)
    upd.name = "Zhang San (moved)"
    upd.area = "G08"
    s2 = biz.subscribers.UpdateSubscriber(SUB.UpdateSubscriberRequest(subscriber=upd)).subscriber
    assert s2.version == 2 and s2.area == "G08"
    with pytest.raises(DeskApiError) as ei:
        biz.subscribers.UpdateSubscriber(SUB.UpdateSubscriberRequest(subscriber=upd))  # version 1 again
    assert ei.value.code == grpc.StatusCode.ABORTED and ei.value.reason == "SUBSCRIBER_CONFLICT"
    other = R.Subscriber(account_number="A-2002", name="Li Si", phone_numbers=["13900003333"], area="G07",
                         services=[R.ServiceHolding(kind=2, smart_card_number="8000000000001")])
    with pytest.raises(DeskApiError) as ei:
        biz.subscribers.CreateSubscriber(SUB.CreateSubscriberRequest(subscriber=other))
    assert ei.value.code == grpc.StatusCode.ALREADY_EXISTS and ei.value.reason == "SMART_CARD_EXISTS"
    assert ei.value.field == "subscriber.services[0].smart_card_number"


def test_tickets_over_the_wire(biz, world) -> None:  # type: ignore[no-untyped-def]
    t = world["ticket"]
    assert t.state == 1 and t.area == "G07" and t.created_by == "crm"
    t = biz.tickets.AssignTicket(T.AssignTicketRequest(ticket_id=t.ticket_id, version=t.version, department="repair",
                                                       agent_id="d1")).ticket
    t = biz.tickets.TransitionTicket(T.TransitionTicketRequest(ticket_id=t.ticket_id, version=t.version,
                                                               to_state=3)).ticket
    with pytest.raises(DeskApiError) as ei:
        biz.tickets.TransitionTicket(T.TransitionTicketRequest(ticket_id=t.ticket_id, version=t.version, to_state=6))
    e = ei.value
    assert e.code == grpc.StatusCode.FAILED_PRECONDITION and e.reason == "ILLEGAL_TICKET_TRANSITION"
    assert e.metadata["from_state"] == "IN_PROGRESS" and e.metadata["to_state"] == "CLOSED"
    with pytest.raises(DeskApiError) as ei:
        biz.tickets.TransitionTicket(T.TransitionTicketRequest(ticket_id=t.ticket_id, version=t.version - 1,
                                                               to_state=4))
    assert ei.value.code == grpc.StatusCode.ABORTED and ei.value.reason == "TICKET_CONFLICT"
    r = biz.tickets.TransitionTicket(T.TransitionTicketRequest(ticket_id=t.ticket_id, version=t.version, to_state=4,
                                                               note="replaced the amplifier"))
    assert r.ticket.state == 4 and r.follow_up.kind == 1 and r.follow_up.ticket_id == t.ticket_id
    c = biz.tickets.AddTicketComment(T.AddTicketCommentRequest(ticket_id=t.ticket_id, text="customer called again"))
    assert c.entry.action == 4 and c.entry.actor == "crm"
    lk = biz.tickets.LinkTicketCall(T.LinkTicketCallRequest(ticket_id=t.ticket_id, call_ids=["1700000000.7"],
                                                            recording_ids=["rec-77"], recording_call_id="1700000000.7"))
    assert list(lk.ticket.call_ids) == ["1700000000.7"] and list(lk.ticket.recording_ids) == ["rec-77"]
    hist = biz.tickets.ListTicketHistory(T.ListTicketHistoryRequest(ticket_id=t.ticket_id)).entries
    assert [h.seq for h in hist] == list(range(1, len(hist) + 1)) and len(hist) == 8
    listed = biz.tickets.ListTickets(T.ListTicketsRequest(states=[4], area="G07")).tickets
    assert t.ticket_id in [x.ticket_id for x in listed]
    recs = biz.media.ListTicketRecordings(pb.media.ListTicketRecordingsRequest(ticket_id=t.ticket_id)).recordings
    assert [(x.recording_id, x.call_id) for x in recs] == [("rec-77", "1700000000.7")]
    with pytest.raises(DeskApiError) as ei:  # this desk runs without acdcore: nothing to play from
        biz.media.GetPlayback(pb.media.GetPlaybackRequest(recording_id="rec-77"))
    assert ei.value.code == grpc.StatusCode.UNAVAILABLE and ei.value.reason == "ACD_UNAVAILABLE"
    with pytest.raises(DeskApiError) as ei:
        biz.media.GetPlayback(pb.media.GetPlaybackRequest(recording_id="rec-78"))
    assert ei.value.code == grpc.StatusCode.NOT_FOUND and ei.value.reason == "RECORDING_NOT_LINKED"


def test_lookup_caller(biz, world) -> None:  # type: ignore[no-untyped-def]
    pop = biz.desktop.LookupCaller(DT.LookupCallerRequest(phone_number="+8613900002222")).screen_pop
    assert [s.account_number for s in pop.subscribers] == ["A-2001"]
    assert world["ticket"].ticket_id in [t.ticket_id for t in pop.open_tickets]
    none = biz.desktop.LookupCaller(DT.LookupCallerRequest(phone_number="01012345678")).screen_pop
    assert len(none.subscribers) == 0 and len(none.open_tickets) == 0


def test_outage_declare_notice_and_close_over_the_wire(desk, world) -> None:  # type: ignore[no-untyped-def]
    sup = desk_client(desk.target, "supervisor")
    ivr = desk_client(desk.target, "telephony")
    try:
        # the IVR reports a fault of a caller from G08 (the subscriber moved there)
        f = ivr.outages.ReportFault(OUT.ReportFaultRequest(caller="04595550001", call_id="ivr-1"))
        assert f.area == "G08" and f.window_reports == 1 and not f.HasField("outage")
        assert not ivr.outages.GetAreaNotice(OUT.GetAreaNoticeRequest(caller="04595550001")).active
        o = sup.outages.DeclareOutage(OUT.DeclareOutageRequest(area="G08")).outage
        assert o.state == 1 and o.master_ticket_id and o.declared_by == "sup1" and o.reports == 1
        again = sup.outages.DeclareOutage(OUT.DeclareOutageRequest(area="G08"))
        assert again.existing and again.outage.outage_id == o.outage_id
        n = ivr.outages.GetAreaNotice(OUT.GetAreaNoticeRequest(caller="04595550001", call_id="ivr-2"))
        assert n.active and n.outage_id == o.outage_id and "being repaired" in n.notice_text and n.notice_id
        out = ivr.outages.RecordNoticeOutcome(OUT.RecordNoticeOutcomeRequest(notice_id=n.notice_id, outcome=1)).outage
        assert out.notices_played == 1 and out.calls_deflected == 1
        with pytest.raises(DeskApiError) as ei:
            ivr.outages.RecordNoticeOutcome(OUT.RecordNoticeOutcomeRequest(notice_id=n.notice_id, outcome=2))
        assert ei.value.reason == "NOTICE_DECIDED"
        closed = sup.outages.CloseOutage(OUT.CloseOutageRequest(outage_id=o.outage_id, resolution="fibre spliced"))
        assert closed.outage.state == 2 and closed.resolved_tickets == 1  # the master work order
        with pytest.raises(DeskApiError) as ei:
            sup.outages.CloseOutage(OUT.CloseOutageRequest(outage_id=o.outage_id, resolution="again"))
        assert ei.value.reason == "OUTAGE_CLOSED"
        alerts = sup.outages.WatchAlerts(OUT.WatchAlertsRequest(after_alert_id=0 + 0, kinds=[1, 2]))
        alerts.cancel()
    finally:
        sup.close()
        ivr.close()


def test_run_report_over_the_wire(desk, world) -> None:  # type: ignore[no-untyped-def]
    sup = desk_client(desk.target, "supervisor")
    try:
        t = world["ticket"]
        r = sup.reports.RunReport(REP.RunReportRequest(kind=3, start_time=ts(t.create_time.seconds - 10),
                                                       end_time=ts(t.create_time.seconds + 86400))).table
        assert list(r.columns) == ["period_start", "type", "area", "state", "tickets"]
        assert any(row.values[1] == "FAULT_REPAIR" and row.values[2] == "G07" for row in r.rows)
    finally:
        sup.close()


# ---------------------------------------------------------------- bad input, nothing written

def _bad_cases(world):  # type: ignore[no-untyped-def]
    sid = world["sub"].subscriber_id
    tid = world["ticket"].ticket_id
    good_sub = dict(account_number="A-3001", name="Wu", phone_numbers=["13900004444"], area="G01")

    def sub(**kw):  # type: ignore[no-untyped-def]
        d = {**good_sub, **kw}
        return SUB.CreateSubscriberRequest(subscriber=R.Subscriber(**d))

    good_t = dict(type=1, channel=1, subject="question", contact_number="13900005555")

    def tic(**kw):  # type: ignore[no-untyped-def]
        return T.CreateTicketRequest(**{**good_t, **kw})

    card = R.ServiceHolding
    cases = [
        # (service, method, request, field or None, code, reason)
        ("subscribers", "CreateSubscriber", sub(account_number=""), "subscriber.account_number"),
        ("subscribers", "CreateSubscriber", sub(account_number="ab"), "subscriber.account_number"),
        ("subscribers", "CreateSubscriber", sub(account_number="a" * 33), "subscriber.account_number"),
        ("subscribers", "CreateSubscriber", sub(account_number="A 1"), "subscriber.account_number"),
        ("subscribers", "CreateSubscriber", sub(name=""), "subscriber.name"),
        ("subscribers", "CreateSubscriber", sub(name="   "), "subscriber.name"),
        ("subscribers", "CreateSubscriber", sub(name="x" * 129), "subscriber.name"),
        ("subscribers", "CreateSubscriber", sub(name="a\nb"), "subscriber.name"),
        ("subscribers", "CreateSubscriber", sub(phone_numbers=[]), "subscriber.phone_numbers"),
        ("subscribers", "CreateSubscriber", sub(phone_numbers=["12"]), "subscriber.phone_numbers[0]"),
        ("subscribers", "CreateSubscriber", sub(phone_numbers=["13900004444", "call me"]),
         "subscriber.phone_numbers[1]"),
        ("subscribers", "CreateSubscriber", sub(phone_numbers=["13900004444", "+8613900004444"]),
         "subscriber.phone_numbers[1]"),
        ("subscribers", "CreateSubscriber", sub(phone_numbers=[f"1390000{i:04d}" for i in range(9)]),
         "subscriber.phone_numbers"),
        ("subscribers", "CreateSubscriber", sub(address="x" * 257), "subscriber.address"),
        ("subscribers", "CreateSubscriber", sub(area=""), "subscriber.area"),
        ("subscribers", "CreateSubscriber", sub(area="G 1"), "subscriber.area"),
        ("subscribers", "CreateSubscriber", sub(services=[card(kind=0)]), "subscriber.services[0].kind"),
        ("subscribers", "CreateSubscriber", sub(services=[card(kind=9)]), "subscriber.services[0].kind"),
        ("subscribers", "CreateSubscriber", sub(services=[card(kind=2)]), "subscriber.services[0].smart_card_number"),
        ("subscribers", "CreateSubscriber", sub(services=[card(kind=2, smart_card_number="12ab5678")]),
         "subscriber.services[0].smart_card_number"),
        ("subscribers", "CreateSubscriber", sub(services=[card(kind=3, smart_card_number="12345678")]),
         "subscriber.services[0].smart_card_number"),
        ("subscribers", "CreateSubscriber", sub(services=[card(kind=1, product="p" * 65)]),
         "subscriber.services[0].product"),
        ("subscribers", "CreateSubscriber", sub(balance_cents=10**13), "subscriber.balance_cents"),
        ("subscribers", "CreateSubscriber", sub(status=9), "subscriber.status"),
        ("subscribers", "UpdateSubscriber", SUB.UpdateSubscriberRequest(subscriber=R.Subscriber(**good_sub, version=1)),
         "subscriber.subscriber_id"),
        ("subscribers", "UpdateSubscriber", SUB.UpdateSubscriberRequest(subscriber=R.Subscriber(
            **good_sub, subscriber_id=sid)), "subscriber.version"),
        ("subscribers", "GetSubscriber", SUB.GetSubscriberRequest(), "subscriber_id"),
        ("subscribers", "GetSubscriber", SUB.GetSubscriberRequest(subscriber_id=sid, account_number="A-2001"),
         "subscriber_id"),
        ("subscribers", "SearchSubscribers", SUB.SearchSubscribersRequest(), "phone_number"),
        ("subscribers", "SearchSubscribers", SUB.SearchSubscribersRequest(phone_number="x"), "phone_number"),
        ("subscribers", "SearchSubscribers", SUB.SearchSubscribersRequest(area="G01", page_size=501), "page_size"),
        ("tickets", "CreateTicket", tic(type=0), "type"),
        ("tickets", "CreateTicket", tic(type=9), "type"),
        ("tickets", "CreateTicket", tic(channel=0), "channel"),
        ("tickets", "CreateTicket", tic(channel=9), "channel"),
        ("tickets", "CreateTicket", tic(channel=4), "channel"),
        ("tickets", "CreateTicket", tic(priority=9), "priority"),
        ("tickets", "CreateTicket", tic(subject=""), "subject"),
        ("tickets", "CreateTicket", tic(subject="  "), "subject"),
        ("tickets", "CreateTicket", tic(subject="s" * 201), "subject"),
        ("tickets", "CreateTicket", tic(subject="two\nlines"), "subject"),
        ("tickets", "CreateTicket", tic(description="d" * 4001), "description"),
        ("tickets", "CreateTicket", tic(description="nul\x00"), "description"),
        ("tickets", "CreateTicket", tic(department="repair dept"), "department"),
        ("tickets", "CreateTicket", tic(team="t" * 65), "team"),
        ("tickets", "CreateTicket", tic(agent_id="d/1"), "agent_id"),
        ("tickets", "CreateTicket", tic(contact_number="abc"), "contact_number"),
        ("tickets", "CreateTicket", tic(contact_number=""), "contact_number"),
        ("tickets", "CreateTicket", tic(area="G 7"), "area"),
        ("tickets", "CreateTicket", tic(call_ids=["a b"]), "call_ids[0]"),
        ("tickets", "CreateTicket", tic(call_ids=[f"c{i}" for i in range(17)]), "call_ids"),
        ("tickets", "CreateTicket", tic(request_id="r" * 65), "request_id"),
        ("tickets", "CreateTicket", tic(subscriber_id=10**9), "subscriber_id", grpc.StatusCode.NOT_FOUND,
         "SUBSCRIBER_NOT_FOUND"),
        ("tickets", "GetTicket", T.GetTicketRequest(), "ticket_id"),
        ("tickets", "UpdateTicket", T.UpdateTicketRequest(ticket_id=tid, update_fields=["subject"], subject="x"),
         "version"),
        ("tickets", "UpdateTicket", T.UpdateTicketRequest(ticket_id=tid, version=1), "update_fields"),
        ("tickets", "UpdateTicket", T.UpdateTicketRequest(ticket_id=tid, version=1, update_fields=["state"]),
         "update_fields[0]"),
        ("tickets", "UpdateTicket", T.UpdateTicketRequest(ticket_id=tid, version=1, update_fields=["priority"],
                                                          priority=9), "priority"),
        ("tickets", "UpdateTicket", T.UpdateTicketRequest(ticket_id=tid, version=1, update_fields=["subject"]),
         "subject"),
        ("tickets", "UpdateTicket", T.UpdateTicketRequest(ticket_id=tid, version=1, update_fields=["area"], area="!"),
         "area"),
        ("tickets", "UpdateTicket", T.UpdateTicketRequest(ticket_id=tid, version=1, update_fields=["contact_number"],
                                                          contact_number="x1"), "contact_number"),
        ("tickets", "UpdateTicket", T.UpdateTicketRequest(version=1, update_fields=["subject"], subject="x"),
         "ticket_id"),
        ("tickets", "AssignTicket", T.AssignTicketRequest(ticket_id=tid, department="x"), "version"),
        ("tickets", "AssignTicket", T.AssignTicketRequest(ticket_id=tid, version=1), "department"),
        ("tickets", "AssignTicket", T.AssignTicketRequest(ticket_id=tid, version=1, agent_id="a b"), "agent_id"),
        ("tickets", "AssignTicket", T.AssignTicketRequest(ticket_id=tid, version=1, team="x", note="n" * 2001),
         "note"),
        ("tickets", "TransitionTicket", T.TransitionTicketRequest(ticket_id=tid, to_state=2), "version"),
        ("tickets", "TransitionTicket", T.TransitionTicketRequest(ticket_id=tid, version=1), "to_state"),
        ("tickets", "TransitionTicket", T.TransitionTicketRequest(ticket_id=tid, version=1, to_state=9), "to_state"),
        ("tickets", "TransitionTicket", T.TransitionTicketRequest(ticket_id=tid, version=1, to_state=2,
                                                                  note="n" * 2001), "note"),
        ("tickets", "AddTicketComment", T.AddTicketCommentRequest(ticket_id=tid), "text"),
        ("tickets", "AddTicketComment", T.AddTicketCommentRequest(ticket_id=tid, text="t" * 4001), "text"),
        ("tickets", "AddTicketComment", T.AddTicketCommentRequest(ticket_id=0, text="t"), "ticket_id"),
        ("tickets", "LinkTicketCall", T.LinkTicketCallRequest(ticket_id=tid), "call_ids"),
        ("tickets", "LinkTicketCall", T.LinkTicketCallRequest(ticket_id=tid, call_ids=["x|y"]), "call_ids[0]"),
        ("tickets", "LinkTicketCall", T.LinkTicketCallRequest(ticket_id=tid, recording_ids=["r r"]),
         "recording_ids[0]"),
        ("tickets", "LinkTicketCall", T.LinkTicketCallRequest(ticket_id=tid, recording_ids=["r"],
                                                              recording_call_id="a b"), "recording_call_id"),
        ("tickets", "ListTickets", T.ListTicketsRequest(states=[9]), "states[0]"),
        ("tickets", "ListTickets", T.ListTicketsRequest(types=[1, 0]), "types[1]"),
        ("tickets", "ListTickets", T.ListTicketsRequest(area="!"), "area"),
        ("tickets", "ListTickets", T.ListTicketsRequest(page_size=1000), "page_size"),
        ("tickets", "ListTicketHistory", T.ListTicketHistoryRequest(), "ticket_id"),
        ("callbacks", "RequestCallback", CB.RequestCallbackRequest(), "number"),
        ("callbacks", "RequestCallback", CB.RequestCallbackRequest(number="call me"), "number"),
        ("callbacks", "RequestCallback", CB.RequestCallbackRequest(number="13900001111", queue="q q"), "queue"),
        ("callbacks", "RequestCallback", CB.RequestCallbackRequest(number="13900001111",
                                                                   request_time=ts(4_000_000_000)), "request_time"),
        ("callbacks", "RequestCallback", CB.RequestCallbackRequest(number="13900001111",
                                                                   not_before_time=ts(4_000_000_000)),
         "not_before_time"),
        ("callbacks", "RequestCallback", CB.RequestCallbackRequest(number="13900001111", source_call_id="a b"),
         "source_call_id"),
        ("callbacks", "RequestCallback", CB.RequestCallbackRequest(number="13900001111", ticket_id=10**9),
         "ticket_id", grpc.StatusCode.NOT_FOUND, "TICKET_NOT_FOUND"),
        ("callbacks", "GetCallback", CB.GetCallbackRequest(), "callback_id"),
        ("callbacks", "ListCallbacks", CB.ListCallbacksRequest(states=[0]), "states[0]"),
        ("callbacks", "ListCallbacks", CB.ListCallbacksRequest(kind=7), "kind"),
        ("callbacks", "RecordCallbackOutcome", CB.RecordCallbackOutcomeRequest(callback_id=1, outcome=1), "version"),
        ("callbacks", "RecordCallbackOutcome", CB.RecordCallbackOutcomeRequest(callback_id=1, version=1), "outcome"),
        ("callbacks", "RecordCallbackOutcome", CB.RecordCallbackOutcomeRequest(callback_id=1, version=1, outcome=9),
         "outcome"),
        ("callbacks", "RecordCallbackOutcome", CB.RecordCallbackOutcomeRequest(callback_id=1, version=1, outcome=1,
                                                                               satisfaction=6), "satisfaction"),
        ("callbacks", "RecordCallbackOutcome", CB.RecordCallbackOutcomeRequest(callback_id=1, version=1, outcome=1,
                                                                               note="n" * 2001), "note"),
        ("callbacks", "CancelCallback", CB.CancelCallbackRequest(callback_id=1), "version"),
        ("outages", "ReportFault", OUT.ReportFaultRequest(), "caller"),
        ("outages", "ReportFault", OUT.ReportFaultRequest(area="G 1"), "area"),
        ("outages", "ReportFault", OUT.ReportFaultRequest(caller="x"), "caller"),
        ("outages", "ReportFault", OUT.ReportFaultRequest(area="G01", call_id="a b"), "call_id"),
        ("outages", "ReportFault", OUT.ReportFaultRequest(caller="01099998888"), "area",
         grpc.StatusCode.FAILED_PRECONDITION, "AREA_UNKNOWN"),
        ("outages", "GetAreaNotice", OUT.GetAreaNoticeRequest(), "caller"),
        ("outages", "GetAreaNotice", OUT.GetAreaNoticeRequest(area="G01", call_id="a b"), "call_id"),
        ("outages", "RecordNoticeOutcome", OUT.RecordNoticeOutcomeRequest(outcome=1), "notice_id"),
        ("outages", "RecordNoticeOutcome", OUT.RecordNoticeOutcomeRequest(notice_id=1), "outcome"),
        ("outages", "RecordNoticeOutcome", OUT.RecordNoticeOutcomeRequest(notice_id=1, outcome=5), "outcome"),
        ("outages", "GetOutage", OUT.GetOutageRequest(), "outage_id"),
        ("outages", "ListOutages", OUT.ListOutagesRequest(state=7), "state"),
        ("outages", "ListOutages", OUT.ListOutagesRequest(area="!"), "area"),
        ("outages", "DeclareOutage", OUT.DeclareOutageRequest(), "area"),
        ("outages", "DeclareOutage", OUT.DeclareOutageRequest(area="G01", notice_text="n" * 1001), "notice_text"),
        ("outages", "DeclareOutage", OUT.DeclareOutageRequest(area="G01", expected_repair_time=ts(5e9)),
         "expected_repair_time"),
        ("outages", "UpdateOutage", OUT.UpdateOutageRequest(), "outage_id"),
        ("outages", "CloseOutage", OUT.CloseOutageRequest(outage_id=1), "resolution"),
        ("reports", "RunReport", REP.RunReportRequest(start_time=ts(1e9), end_time=ts(1e9 + 1)), "kind"),
        ("reports", "RunReport", REP.RunReportRequest(kind=9, start_time=ts(1e9), end_time=ts(1e9 + 1)), "kind"),
        ("reports", "RunReport", REP.RunReportRequest(kind=1, end_time=ts(1e9 + 1)), "start_time"),
        ("reports", "RunReport", REP.RunReportRequest(kind=1, start_time=ts(1e9)), "end_time"),
        ("reports", "RunReport", REP.RunReportRequest(kind=1, start_time=ts(1e9), end_time=ts(1e9)), "end_time"),
        ("reports", "RunReport", REP.RunReportRequest(kind=1, start_time=ts(1e9), end_time=ts(1e9 + 401 * 86400)),
         "end_time"),
        ("reports", "RunReport", REP.RunReportRequest(kind=1, start_time=ts(1e9), end_time=ts(1e9 + 9),
                                                      granularity=7), "granularity"),
        ("reports", "RunReport", REP.RunReportRequest(kind=1, start_time=ts(1e9), end_time=ts(1e9 + 9),
                                                      utc_offset_seconds=99999), "utc_offset_seconds"),
        ("reports", "RunReport", REP.RunReportRequest(kind=1, start_time=ts(1e9), end_time=ts(1e9 + 9),
                                                      keys=["a b"]), "keys[0]"),
        ("desktop", "LookupCaller", DT.LookupCallerRequest(), "phone_number"),
        ("desktop", "LookupCaller", DT.LookupCallerRequest(phone_number="abc"), "phone_number"),
        ("media", "ListTicketRecordings", pb.media.ListTicketRecordingsRequest(), "ticket_id"),
        ("media", "GetPlayback", pb.media.GetPlaybackRequest(), "recording_id"),
        ("media", "StartMonitoring", pb.media.StartMonitoringRequest(), "agent_id"),
    ]
    return cases


def test_batch_write_tickets_over_the_wire(desk, biz, engine) -> None:  # type: ignore[no-untyped-def]
    """BatchWriteTickets: each write as its own RPC would do it (responses, history, version
    conflicts, illegal moves, bad input, roles), a failed write changes nothing and does not stop
    the others, and every answered ticket is what GetTicket then reads."""
    W = T.TicketWrite
    r = biz.tickets.BatchWriteTickets(T.BatchWriteTicketsRequest(writes=[
        W(create=T.CreateTicketRequest(type=1, channel=1, contact_number="13900003333", subject="batch one")),
        W(create=T.CreateTicketRequest(type=2, channel=2, contact_number="13900003333", subject=" ")),
        W(create=T.CreateTicketRequest(type=4, channel=1, contact_number="13900003333", subject="batch two",
                                       department="billing", call_ids=["c-9", "c-1", "c-9"], request_id="bw-1")),
        W(create=T.CreateTicketRequest(type=4, channel=1, contact_number="13900003333", subject="batch two",
                                       request_id="bw-1")),
        W()])).results
    assert [x.WhichOneof("result") for x in r] == ["create", "error", "create", "create", "error"]
    assert (r[1].error.code, r[1].error.reason, r[1].error.metadata["field"]) == (3, "INVALID_ARGUMENT", "subject")
    assert r[4].error.code == 3 and r[4].error.metadata["field"] == "writes[4]"
    t1, t2 = r[0].create.ticket, r[2].create.ticket
    assert t1.state == 1 and t1.version == 1 and t1.created_by == "crm" and not r[0].create.duplicate
    assert t2.state == 2 and list(t2.call_ids) == ["c-1", "c-9"] and r[3].create.duplicate
    assert r[3].create.ticket == t2
    for t in (t1, t2):
        assert biz.tickets.GetTicket(T.GetTicketRequest(ticket_id=t.ticket_id)).ticket == t
    before = rows(engine)
    r = biz.tickets.BatchWriteTickets(T.BatchWriteTicketsRequest(writes=[
        W(assign=T.AssignTicketRequest(ticket_id=t1.ticket_id, version=t1.version + 1, department="repair")),
        W(transition=T.TransitionTicketRequest(ticket_id=t1.ticket_id, version=t1.version, to_state=6)),
        W(transition=T.TransitionTicketRequest(ticket_id=t1.ticket_id, version=0, to_state=2)),
        W(assign=T.AssignTicketRequest(ticket_id=10**9, version=1, department="repair"))])).results
    assert [(x.error.code, x.error.reason) for x in r] == [
        (10, "TICKET_CONFLICT"), (9, "ILLEGAL_TICKET_TRANSITION"), (3, "INVALID_ARGUMENT"), (5, "TICKET_NOT_FOUND")]
    assert rows(engine) == before, "a failed write of a batch changed the database"
    r = biz.tickets.BatchWriteTickets(T.BatchWriteTicketsRequest(writes=[
        W(assign=T.AssignTicketRequest(ticket_id=t1.ticket_id, version=t1.version, department="repair")),
        W(assign=T.AssignTicketRequest(ticket_id=t1.ticket_id, version=t1.version, department="field")),
        W(transition=T.TransitionTicketRequest(ticket_id=t1.ticket_id, version=t1.version + 1, to_state=3)),
        W(comment=T.AddTicketCommentRequest(ticket_id=t1.ticket_id, text="batched note")),
        W(update=T.UpdateTicketRequest(ticket_id=t1.ticket_id, version=t1.version + 3, update_fields=["priority"],
                                       priority=3))])).results
    assert [x.WhichOneof("result") for x in r] == ["assign", "error", "transition", "comment", "update"]
    assert r[0].assign.ticket.state == 2 and r[0].assign.ticket.department == "repair"
    assert r[1].error.reason == "TICKET_CONFLICT"
    assert r[2].transition.ticket.state == 3 and r[3].comment.entry.text == "batched note"
    last = r[4].update.ticket
    assert last.priority == 3 and last.version == t1.version + 4
    assert biz.tickets.GetTicket(T.GetTicketRequest(ticket_id=t1.ticket_id)).ticket == last
    hist = biz.tickets.ListTicketHistory(T.ListTicketHistoryRequest(ticket_id=t1.ticket_id)).entries
    assert [(h.seq, h.action) for h in hist] == [(1, 1), (2, 3), (3, 2), (4, 2), (5, 4), (6, 5)]
    ivr = desk_client(desk.target, "telephony")
    try:
        r = ivr.tickets.BatchWriteTickets(T.BatchWriteTicketsRequest(writes=[
            W(create=T.CreateTicketRequest(type=1, channel=2, contact_number="13900003333", subject="from the IVR")),
            W(comment=T.AddTicketCommentRequest(ticket_id=t1.ticket_id, text="not the IVR's"))])).results
        assert r[0].create.ticket.channel == 2
        assert (r[1].error.code, r[1].error.reason) == (7, "ROLE_NOT_ALLOWED")
    finally:
        ivr.close()
    r = biz.tickets.BatchWriteTickets(T.BatchWriteTicketsRequest(writes=[W()])).results  # nothing reaches the db
    assert [(x.error.code, x.error.metadata["field"]) for x in r] == [(3, "writes[0]")]
    for n in (0, 501):
        with pytest.raises(DeskApiError) as ei:
            biz.tickets.BatchWriteTickets(T.BatchWriteTicketsRequest(writes=[
                W(comment=T.AddTicketCommentRequest(ticket_id=t1.ticket_id, text="x"))] * n))
        assert ei.value.code == grpc.StatusCode.INVALID_ARGUMENT and ei.value.field == "writes"


def test_bad_input_on_every_field_is_refused_and_writes_nothing(desk, world, engine) -> None:  # type: ignore[no-untyped-def]
    admin = desk_client(desk.target, "admin")
    try:
        before = rows(engine)
        cases = _bad_cases(world)
        wrong = []
        for case in cases:
            svc, method, req, field = case[:4]
            code = case[4] if len(case) > 4 else grpc.StatusCode.INVALID_ARGUMENT
            reason = case[5] if len(case) > 5 else "INVALID_ARGUMENT"
            try:
                getattr(getattr(admin, svc), method)(req)
            except DeskApiError as e:
                if (e.code, e.reason, e.field) != (code, reason, field) or not e.message:
                    wrong.append(f"{method} {field}: got {e}")
            else:
                wrong.append(f"{method} {field}: accepted")
        assert not wrong, "\n".join(wrong)
        assert len(cases) > 120
        assert rows(engine) == before, "a refused request changed the database"
    finally:
        admin.close()


def test_streams_check_their_input(desk) -> None:  # type: ignore[no-untyped-def]
    sup = desk_client(desk.target, "supervisor")
    agent = desk_client(desk.target, "agent")
    try:
        with pytest.raises(DeskApiError) as ei:
            next(iter(sup.desktop.WatchDesktop(DT.WatchDesktopRequest())))
        assert ei.value.code == grpc.StatusCode.INVALID_ARGUMENT and ei.value.field == "agent_id"
        with pytest.raises(DeskApiError) as ei:
            next(iter(agent.desktop.WatchDesktop(DT.WatchDesktopRequest(agent_id="d2"))))
        assert ei.value.code == grpc.StatusCode.PERMISSION_DENIED and ei.value.reason == "NOT_YOUR_AGENT"
        with pytest.raises(DeskApiError) as ei:
            next(iter(sup.outages.WatchAlerts(OUT.WatchAlertsRequest(kinds=[9]))))
        assert ei.value.field == "kinds[0]"
    finally:
        sup.close()
        agent.close()


def test_tokens_and_roles(desk) -> None:  # type: ignore[no-untyped-def]
    anon = DeskClient(desk.target, None)
    wrong = DeskClient(desk.target, "not-a-valid-token-at-all")
    ivr = desk_client(desk.target, "telephony")
    agent = desk_client(desk.target, "agent")
    try:
        with pytest.raises(DeskApiError) as ei:
            anon.tickets.GetTicket(T.GetTicketRequest(ticket_id=1))
        assert ei.value.code == grpc.StatusCode.UNAUTHENTICATED and ei.value.reason == "TOKEN_MISSING"
        with pytest.raises(DeskApiError) as ei:
            wrong.tickets.GetTicket(T.GetTicketRequest(ticket_id=1))
        assert ei.value.reason == "TOKEN_INVALID"
        for client, svc, method, req in (
                (ivr, "tickets", "TransitionTicket", T.TransitionTicketRequest(ticket_id=1, version=1, to_state=2)),
                (ivr, "reports", "RunReport", REP.RunReportRequest()),
                (agent, "outages", "DeclareOutage", OUT.DeclareOutageRequest(area="G01")),
                (agent, "outages", "ReportFault", OUT.ReportFaultRequest(area="G01")),
                (agent, "callbacks", "CancelCallback", CB.CancelCallbackRequest(callback_id=1, version=1))):
            with pytest.raises(DeskApiError) as ei:
                getattr(getattr(client, svc), method)(req)
            assert ei.value.code == grpc.StatusCode.PERMISSION_DENIED and ei.value.reason == "ROLE_NOT_ALLOWED", method
    finally:
        for c in (anon, wrong, ivr, agent):
            c.close()
