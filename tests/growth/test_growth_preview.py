"""Preview dialing (an agent sees the target first, accepts or skips it) and the dial-time check
the Asterisk hook makes before it rings a customer (BeginCampaignCall): in the service, and over
desk.v1 with a real desk and a real acdcore server (subprocesses)."""

from __future__ import annotations

import datetime as dt

import grpc
import pytest
from sqlalchemy import select

from servicedesk.errors import FailedPrecondition, InvalidArgument, NotFound
from servicedesk.growth.campaigns import CampaignService, CampaignState, DialMode, Outcome, TargetState
from servicedesk.growth.schema import campaign_attempts, campaign_targets

# a Wednesday, 10:00 local (UTC+8)
T0 = dt.datetime(2026, 11, 25, 2, 0, tzinfo=dt.timezone.utc).timestamp()


def _svc(db, clock, mode=DialMode.PREVIEW, **kw):  # type: ignore[no-untyped-def]
    clock.set(T0)
    svc = CampaignService(db, clock=clock)
    cid = svc.create(f"C{mode}", queue="general", script="Offer broadband", mode=mode, retry_spacing=600, **kw)
    svc.import_csv(cid, "13800000001,Li\n13800000002,Wang\n")
    svc.set_state(cid, CampaignState.RUNNING)
    return svc, cid


def _rows(db):  # type: ignore[no-untyped-def]
    def q(c):  # type: ignore[no-untyped-def]
        return ([tuple(r) for r in c.execute(select(campaign_targets.c.number, campaign_targets.c.state,
                                                    campaign_targets.c.attempts).order_by(campaign_targets.c.id))],
                [tuple(r) for r in c.execute(select(campaign_attempts.c.call_id, campaign_attempts.c.outcome,
                                                    campaign_attempts.c.agent_id, campaign_attempts.c.placed_at)
                                             .order_by(campaign_attempts.c.id))])
    return db.read_sync(q)


def test_preview_accept_skip(sqlite_db, clock):  # type: ignore[no-untyped-def]
    svc, cid = _svc(sqlite_db, clock)
    p = svc.preview_next(cid, "a1")
    assert p is not None and p["number"] == "13800000001" and p["script"] == "Offer broadband" and p["attempt"] == 1
    # asking again returns the preview held; another agent gets the next target
    assert svc.preview_next(cid, "a1")["call_id"] == p["call_id"]
    p2 = svc.preview_next(cid, "a2")
    assert p2["number"] == "13800000002"
    assert svc.preview_next(cid, "a3") is None  # nothing else due
    # a held preview is not placed: the hook may not dial it, the report does not count it
    with pytest.raises(FailedPrecondition) as ei:
        svc.begin_call(p["call_id"])
    assert ei.value.reason == "CALL_NOT_PLACED"
    assert svc.report(cid)["attempts"] == 0
    # only the holder decides
    before = _rows(sqlite_db)
    for fn in (svc.accept_preview, svc.skip_preview):
        with pytest.raises(FailedPrecondition) as ei:
            fn(p["call_id"], "a2")
        assert ei.value.reason == "PREVIEW_NOT_YOURS"
    with pytest.raises(InvalidArgument):
        svc.accept_preview(p["call_id"], "")
    with pytest.raises(NotFound):
        svc.skip_preview("cmp9-t9-a9", "a1")
    assert _rows(sqlite_db) == before
    # a1 accepts: placed, allowed, the number to dial
    r = svc.accept_preview(p["call_id"], "a1")
    assert r == {"allowed": True, "refusal": "", "number": "13800000001", "campaign_id": cid, "queue": "general"}
    with pytest.raises(FailedPrecondition) as ei:
        svc.accept_preview(p["call_id"], "a1")
    assert ei.value.reason == "PREVIEW_NOT_PENDING"
    assert svc.begin_call(p["call_id"])["allowed"]
    assert svc.report(cid)["attempts"] == 1
    # a2 skips: not an attempt, due again after the spacing
    svc.skip_preview(p2["call_id"], "a2")
    targets, attempts = _rows(sqlite_db)
    assert targets[1] == ("13800000002", TargetState.PENDING, 0)
    assert attempts[1][1] == Outcome.SKIPPED
    assert svc.preview_next(cid, "a2") is None
    clock.advance(601)
    again = svc.preview_next(cid, "a2")
    assert again["number"] == "13800000002" and again["call_id"] != p2["call_id"]
    # the report counts the placed call only
    svc.call_ended(p["call_id"], Outcome.BUSY)
    rep = svc.report(cid)
    assert rep["attempts"] == 1 and rep["outcomes"] == {"busy": 1, "skipped": 1}


def test_preview_only_for_running_preview_campaigns(sqlite_db, clock):  # type: ignore[no-untyped-def]
    svc, cid = _svc(sqlite_db, clock, mode=DialMode.PROGRESSIVE)
    with pytest.raises(FailedPrecondition) as ei:
        svc.preview_next(cid, "a1")
    assert ei.value.reason == "NOT_A_PREVIEW_CAMPAIGN"
    svc2 = CampaignService(sqlite_db, clock=clock)
    pid = svc2.create("P2", queue="general", mode=DialMode.PREVIEW)
    with pytest.raises(FailedPrecondition) as ei:
        svc2.preview_next(pid, "a1")
    assert ei.value.reason == "CAMPAIGN_NOT_RUNNING"
    with pytest.raises(NotFound):
        svc2.preview_next(999, "a1")
    # outside the calling hours nothing is previewed
    clock.set(T0 + 12 * 3600)  # 22:00 local
    pid3 = svc2.create("P3", queue="general", mode=DialMode.PREVIEW)
    svc2.import_csv(pid3, "13800000003\n")
    svc2.set_state(pid3, CampaignState.RUNNING)
    assert svc2.preview_next(pid3, "a1") is None


@pytest.mark.parametrize("change,refusal,target_state,attempts", [
    ("dnc", "DO_NOT_CALL", TargetState.DNC, 1),
    ("hours", "OUTSIDE_CALLING_HOURS", TargetState.PENDING, 0),
    ("paused", "CAMPAIGN_NOT_RUNNING", TargetState.PENDING, 0),
])
def test_dial_time_check_refuses(sqlite_db, clock, change, refusal, target_state, attempts):  # type: ignore[no-untyped-def]
    svc, cid = _svc(sqlite_db, clock, mode=DialMode.PROGRESSIVE)
    (t, _) = svc.claim_targets(cid, 2)
    ok = svc.begin_call(t["call_id"])
    assert ok["allowed"] and ok["number"] == t["number"]
    if change == "dnc":
        svc.add_dnc(t["number"])
    elif change == "hours":
        clock.set(T0 + 12 * 3600)
    else:
        svc.set_state(cid, CampaignState.PAUSED)
    r = svc.begin_call(t["call_id"])
    assert (r["allowed"], r["refusal"]) == (False, refusal)
    targets, rows = _rows(sqlite_db)
    assert targets[0] == (t["number"], target_state, attempts)
    assert rows[0][1] == Outcome.REFUSED
    # the attempt is over: asking again, or reporting an outcome, is refused
    with pytest.raises(FailedPrecondition) as ei:
        svc.begin_call(t["call_id"])
    assert ei.value.reason == "CALL_ALREADY_ENDED"
    with pytest.raises(FailedPrecondition):
        svc.call_ended(t["call_id"], Outcome.ANSWERED, agent_id="a1")
    # the refused attempt is not in the report's attempts
    assert svc.report(cid)["attempts"] == 1


def test_outcome_report_bad_input(sqlite_db, clock):  # type: ignore[no-untyped-def]
    svc, cid = _svc(sqlite_db, clock, mode=DialMode.PROGRESSIVE)
    (t, _) = svc.claim_targets(cid, 2)
    before = _rows(sqlite_db)
    for bad in (0, 6, 7, 99):  # skipped / refused are the desk's own, never reported
        with pytest.raises(InvalidArgument) as ei:
            svc.call_ended(t["call_id"], bad)
        assert ei.value.field == "outcome"
    with pytest.raises(InvalidArgument):
        svc.begin_call("bad id with spaces")
    with pytest.raises(NotFound):
        svc.begin_call("cmp9-t9-a9")
    assert _rows(sqlite_db) == before


# -------------------------------------------------------------------- over desk.v1


def test_preview_and_dial_time_check_over_grpc(tmp_path):  # type: ignore[no-untyped-def]
    from acdcore_client import Client
    from desk_harness import ACD_TOKENS, DESK_TOKENS, acd_proc, desk_proc
    from servicedesk.api.desk.v1 import growth_service_pb2 as pb
    from servicedesk.api.desk.v1 import growth_service_pb2_grpc as pb_grpc
    from servicedesk.client import DeskApiError, _Stub

    url = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    acd = acd_proc(tmp_path / "acd").start()
    desk = None
    admin = Client(acd.target, ACD_TOKENS["admin"])
    try:
        desk = desk_proc(tmp_path / "desk", url, acd.target).start()
        ch = grpc.insecure_channel(desk.target)

        def stub(role):  # type: ignore[no-untyped-def]
            return _Stub(pb_grpc.GrowthServiceStub(ch), (("authorization", f"Bearer {DESK_TOKENS[role]}"),), 30.0)

        sup, agent, agent2, tel = stub("supervisor"), stub("agent"), stub("agent2"), stub("telephony")
        cid = sup.CreateCampaign(pb.CreateCampaignRequest(name="PV", queue="general", script="Offer HD",
                                                          hours_start="00:00", hours_end="24:00",
                                                          weekdays="1111111", mode=1)).campaign_id
        sup.ImportCampaignTargets(pb.ImportCampaignTargetsRequest(campaign_id=cid, csv="13800000001\n13800000002\n"))
        sup.SetCampaignState(pb.SetCampaignStateRequest(campaign_id=cid, state=2))
        p = agent.PreviewNextTarget(pb.PreviewNextTargetRequest(campaign_id=cid))  # the token acts as d1
        assert p.found and p.number == "13800000001" and p.script == "Offer HD" and p.attempt == 1
        with pytest.raises(DeskApiError) as ei:
            agent.PreviewNextTarget(pb.PreviewNextTargetRequest(campaign_id=cid, agent_id="d2"))
        assert ei.value.reason == "NOT_YOUR_AGENT"
        with pytest.raises(DeskApiError) as ei:
            agent2.AcceptPreview(pb.AcceptPreviewRequest(call_id=p.call_id))
        assert ei.value.code == grpc.StatusCode.FAILED_PRECONDITION and ei.value.reason == "PREVIEW_NOT_YOURS"
        with pytest.raises(DeskApiError) as ei:  # the telephony role does not preview
            tel.PreviewNextTarget(pb.PreviewNextTargetRequest(campaign_id=cid, agent_id="d1"))
        assert ei.value.code == grpc.StatusCode.PERMISSION_DENIED
        # the hook may not dial a preview not accepted
        with pytest.raises(DeskApiError) as ei:
            tel.BeginCampaignCall(pb.BeginCampaignCallRequest(call_id=p.call_id))
        assert ei.value.reason == "CALL_NOT_PLACED"
        # accepted: placed in acdcore, marked for the hook
        r = agent.AcceptPreview(pb.AcceptPreviewRequest(call_id=p.call_id))
        assert r.placed and not r.refusal
        call = admin.get_call(p.call_id).call
        assert call.queue == "general" and dict(call.attributes) == {
            "kind": "campaign", "campaign": str(cid), "number": "13800000001", "preview_agent": "d1"}
        b = tel.BeginCampaignCall(pb.BeginCampaignCallRequest(call_id=p.call_id))
        assert b.allowed and b.number == "13800000001" and b.queue == "general" and b.campaign_id == cid
        # only the telephony role begins calls and reports outcomes
        with pytest.raises(DeskApiError) as ei:
            agent.BeginCampaignCall(pb.BeginCampaignCallRequest(call_id=p.call_id))
        assert ei.value.code == grpc.StatusCode.PERMISSION_DENIED
        with pytest.raises(DeskApiError) as ei:
            tel.ReportCampaignCallOutcome(pb.ReportCampaignCallOutcomeRequest(call_id=p.call_id, outcome=9))
        assert ei.value.code == grpc.StatusCode.INVALID_ARGUMENT and ei.value.field == "outcome"
        with pytest.raises(DeskApiError) as ei:
            tel.ReportCampaignCallOutcome(pb.ReportCampaignCallOutcomeRequest(call_id="nope", outcome=2))
        assert ei.value.code == grpc.StatusCode.NOT_FOUND
        tel.ReportCampaignCallOutcome(pb.ReportCampaignCallOutcomeRequest(call_id=p.call_id, outcome=1,
                                                                          agent_id="d1", detail="AMD HUMAN"))
        tel.ReportCampaignCallOutcome(pb.ReportCampaignCallOutcomeRequest(call_id=p.call_id, outcome=1,
                                                                          agent_id="d1"))  # a repeat: no-op
        agent.RecordCampaignResult(pb.RecordCampaignResultRequest(call_id=p.call_id, result=3))
        # the second target: skipped by d1, then previewed to nobody until the spacing passed
        p2 = agent.PreviewNextTarget(pb.PreviewNextTargetRequest(campaign_id=cid))
        assert p2.found and p2.number == "13800000002"
        agent.SkipPreview(pb.SkipPreviewRequest(call_id=p2.call_id))
        assert not agent.PreviewNextTarget(pb.PreviewNextTargetRequest(campaign_id=cid)).found
        # do-not-call between preview and accept: refused, never placed
        cid2 = sup.CreateCampaign(pb.CreateCampaignRequest(name="PV2", queue="general", hours_start="00:00",
                                                           hours_end="24:00", weekdays="1111111",
                                                           mode=1)).campaign_id
        sup.ImportCampaignTargets(pb.ImportCampaignTargetsRequest(campaign_id=cid2, csv="13800000003\n"))
        sup.SetCampaignState(pb.SetCampaignStateRequest(campaign_id=cid2, state=2))
        p3 = agent2.PreviewNextTarget(pb.PreviewNextTargetRequest(campaign_id=cid2))
        sup.AddDoNotCall(pb.AddDoNotCallRequest(number="13800000003"))
        r3 = agent2.AcceptPreview(pb.AcceptPreviewRequest(call_id=p3.call_id))
        assert (r3.placed, r3.refusal) == (False, "DO_NOT_CALL")
        from acdcore_client.errors import NotFound as AcdNotFound
        with pytest.raises(AcdNotFound):
            admin.get_call(p3.call_id)
        rep = sup.GetCampaignReport(pb.GetCampaignReportRequest(campaign_id=cid))
        assert (rep.attempts, rep.contacts) == (1, 1)
        ch.close()
    finally:
        admin.close()
        if desk is not None:
            desk.stop()
        acd.stop()


def test_growth_roles_and_health_are_declared():  # type: ignore[no-untyped-def]
    """Every GrowthService method has its roles in auth.PERMISSIONS (none added at run time), and
    the server reports the service's health."""
    from servicedesk import auth
    from servicedesk.api.desk.v1 import growth_service_pb2 as pb
    from servicedesk.server import SERVICE_NAMES

    methods = {m.name for m in pb.DESCRIPTOR.services_by_name["GrowthService"].methods}
    declared = {k.rsplit("/", 1)[1] for k in auth.PERMISSIONS if k.startswith("/desk.v1.GrowthService/")}
    assert methods == declared
    assert auth.PERMISSIONS["/desk.v1.GrowthService/ReportCampaignCallOutcome"] == frozenset({auth.TELEPHONY,
                                                                                             auth.ADMIN})
    assert auth.AGENT in auth.PERMISSIONS["/desk.v1.GrowthService/AcceptPreview"]
    assert "desk.v1.GrowthService" in SERVICE_NAMES


@pytest.mark.parametrize("text,msg", [
    ('[growth]\nsms_addr = "nohost"\n', "sms_addr"),
    ('[growth]\nbank_addr = "127.0.0.1:99999"\n', "bank_addr"),
    ('[growth]\ncampaign_outcomes = "asterisk"\n', "campaign_outcomes"),
    ('[growth]\ndialer_interval = 0\n', "dialer_interval"),
    ('[growth]\ncampaign_dialer = "yes"\n', "campaign_dialer"),
    ('[growth]\nbogus = 1\n', "bogus"),
])
def test_growth_config_section_bad_input(text, msg):  # type: ignore[no-untyped-def]
    from servicedesk.config import ConfigError, load

    with pytest.raises(ConfigError, match=msg):
        load(text=text)


def test_growth_config_section():  # type: ignore[no-untyped-def]
    from servicedesk.config import load

    g = load(text='[growth]\nsms_addr = "127.0.0.1:7301"\nbank_addr = "127.0.0.1:7302"\ncampaign_dialer = true\n'
                  'dialer_interval = 0.5\ncampaign_outcomes = "hook"\nreport_grace = 20\n').growth
    assert (g.sms_addr, g.bank_addr, g.campaign_dialer, g.dialer_interval, g.campaign_outcomes, g.report_grace) == (
        "127.0.0.1:7301", "127.0.0.1:7302", True, 0.5, "hook", 20.0)
    assert load(text="").growth.campaign_dialer is False


# -------------------------------------------------------------------- preview expiry


def test_preview_expires_back_to_the_list(sqlite_db, clock):  # type: ignore[no-untyped-def]
    """An agent who opens a preview and walks away: after the campaign's preview_timeout
    (default 120 s, from when the preview was first shown -- asking again does not extend it)
    the target is back in the list for anybody, not counted as an attempt, the expiry kept as
    the attempt's outcome with the agent who held it; the late accept (and skip) get
    PREVIEW_EXPIRED and change nothing."""
    svc, cid = _svc(sqlite_db, clock)
    assert svc.get(cid)["preview_timeout"] == 120.0
    p = svc.preview_next(cid, "a1")
    assert p["expires_at"] == T0 + 120
    clock.advance(119)
    again = svc.preview_next(cid, "a1")
    assert again["call_id"] == p["call_id"] and again["expires_at"] == T0 + 120  # not extended
    assert svc.expire_previews() == []
    p2 = svc.preview_next(cid, "a2")  # the second target; a3 finds nothing while a1 holds the first
    assert p2["number"] == "13800000002" and svc.preview_next(cid, "a3") is None
    clock.advance(1)  # 120 s after a1 first saw it
    # nobody asks: the report itself shows the expired preview, the target pending again
    rep = svc.report(cid)
    assert rep["previews_expired"] == 1 and rep["attempts"] == 0 and rep["outcomes"] == {"preview_expired": 1}
    targets, attempts = _rows(sqlite_db)
    assert targets[0] == ("13800000001", TargetState.PENDING, 0)
    assert attempts[0][:3] == (p["call_id"], Outcome.PREVIEW_EXPIRED, "a1") and attempts[0][3] is None
    before = _rows(sqlite_db)
    for fn in (svc.accept_preview, svc.skip_preview):
        with pytest.raises(FailedPrecondition) as ei:
            fn(p["call_id"], "a1")
        assert ei.value.reason == "PREVIEW_EXPIRED"
    with pytest.raises(FailedPrecondition) as ei:  # somebody else's expired preview is still not theirs
        svc.accept_preview(p["call_id"], "a3")
    assert ei.value.reason == "PREVIEW_NOT_PENDING"
    assert _rows(sqlite_db) == before
    with pytest.raises(FailedPrecondition) as ei:  # the hook may not dial it
        svc.begin_call(p["call_id"])
    assert ei.value.reason == "CALL_ALREADY_ENDED"
    # the contact is free at once: a3 gets it (a new attempt id), and may accept it
    p3 = svc.preview_next(cid, "a3")
    assert p3["number"] == "13800000001" and p3["call_id"] != p["call_id"] and p3["attempt"] == 1
    assert p3["expires_at"] == clock() + 120
    assert svc.accept_preview(p3["call_id"], "a3")["allowed"]
    # a2's preview, shown at T0 + 119, lapses at T0 + 239 on the dialer loop's sweep
    clock.set(T0 + 238)
    assert svc.expire_previews() == []
    clock.set(T0 + 239)
    assert svc.expire_previews() == [p2["call_id"]]
    assert svc.expire_previews() == []  # once
    rep = svc.report(cid)
    assert rep["previews_expired"] == 2 and rep["attempts"] == 1


def test_preview_timeout_zero_never_expires_and_bad_values(sqlite_db, clock):  # type: ignore[no-untyped-def]
    svc, cid = _svc(sqlite_db, clock, preview_timeout=0)
    p = svc.preview_next(cid, "a1")
    assert p["expires_at"] == 0
    clock.advance(2 * 86400)  # Friday 10:00, still calling hours
    assert svc.expire_previews() == []
    assert svc.accept_preview(p["call_id"], "a1")["allowed"]
    n = len(sqlite_db.read_sync(lambda c: c.execute(select(campaign_attempts)).all()))
    for bad in (-1, 86401, float("nan"), float("inf"), True, "120"):
        with pytest.raises(InvalidArgument) as ei:
            svc.create(f"BAD{n}", queue="general", mode=DialMode.PREVIEW, preview_timeout=bad)
        assert ei.value.field == "preview_timeout"
        with pytest.raises(NotFound):
            svc.get(cid + 1)  # nothing made
    assert svc.create("SHORT", queue="general", mode=DialMode.PREVIEW, preview_timeout=30.5) == cid + 1
    assert svc.get(cid + 1)["preview_timeout"] == 30.5


def test_accept_at_the_deadline_is_expired_even_before_a_sweep(sqlite_db, clock, monkeypatch):  # type: ignore[no-untyped-def]
    """The deadline decides, not when the sweep last ran: an accept at the deadline is refused
    (PREVIEW_EXPIRED) even when no sweep has marked the preview yet, and nothing is placed."""
    svc, cid = _svc(sqlite_db, clock)
    p = svc.preview_next(cid, "a1")
    clock.advance(120)
    monkeypatch.setattr(svc, "expire_previews", lambda campaign_id=None: [])
    with pytest.raises(FailedPrecondition) as ei:
        svc.accept_preview(p["call_id"], "a1")
    assert ei.value.reason == "PREVIEW_EXPIRED"
    assert _rows(sqlite_db)[1][0][1:] == (None, "a1", None)  # still held, not placed
    monkeypatch.undo()
    assert svc.expire_previews() == [p["call_id"]]


def test_preview_expiry_over_grpc(tmp_path):  # type: ignore[no-untyped-def]
    """desk.v1 with the desk in process on a manual clock: CreateCampaign's preview_timeout
    (unset: 120 s; 0: never; bad: INVALID_ARGUMENT naming the field, nothing made),
    PreviewNextTarget's expires_at, AcceptPreview after the deadline: FAILED_PRECONDITION
    PREVIEW_EXPIRED, the report's previews_expired."""
    import asyncio

    from grpc import aio

    from desk_harness import DESK_TOKENS, desk_config
    from servicedesk.api.desk.v1 import growth_service_pb2 as pb
    from servicedesk.api.desk.v1 import growth_service_pb2_grpc as pb_grpc
    from servicedesk.app import Desk
    from servicedesk.client import decode_error
    from servicedesk.clock import ManualClock
    from servicedesk.config import load
    from servicedesk.server import DeskServer

    cfg = load(text=desk_config(f"sqlite:///{tmp_path / 'desk.sqlite'}", None))
    clock = ManualClock(T0)

    async def main() -> None:
        srv = DeskServer(cfg, desk=Desk(cfg, clock=clock))
        await srv.start()
        ch = aio.insecure_channel(f"127.0.0.1:{srv.ports[0]}")
        stub = pb_grpc.GrowthServiceStub(ch)

        async def call(method, req, role="supervisor"):  # type: ignore[no-untyped-def]
            try:
                return await getattr(stub, method)(req, metadata=(("authorization", f"Bearer {DESK_TOKENS[role]}"),),
                                                   timeout=30)
            except aio.AioRpcError as e:
                raise decode_error(e) from None

        try:
            from servicedesk.client import DeskApiError

            common = dict(queue="general", hours_start="00:00", hours_end="24:00", weekdays="1111111", mode=1)
            for bad in (-5.0, 86401.0, float("nan")):
                with pytest.raises(DeskApiError) as ei:
                    await call("CreateCampaign", pb.CreateCampaignRequest(name="BAD", preview_timeout=bad, **common))
                assert ei.value.code == grpc.StatusCode.INVALID_ARGUMENT and ei.value.field == "preview_timeout"
            cid = (await call("CreateCampaign", pb.CreateCampaignRequest(name="PX", **common))).campaign_id
            never = (await call("CreateCampaign", pb.CreateCampaignRequest(name="PN", preview_timeout=0,
                                                                           **common))).campaign_id
            assert cid == 1 and never == 2  # the refused ones made nothing
            for c in (cid, never):
                await call("ImportCampaignTargets", pb.ImportCampaignTargetsRequest(campaign_id=c, csv="13800000001\n"))
                await call("SetCampaignState", pb.SetCampaignStateRequest(campaign_id=c, state=2))
            p = await call("PreviewNextTarget", pb.PreviewNextTargetRequest(campaign_id=cid), "agent")
            pn = await call("PreviewNextTarget", pb.PreviewNextTargetRequest(campaign_id=never), "agent")
            assert p.found and p.expires_at == T0 + 120 and pn.found and pn.expires_at == 0
            clock.advance(120)
            with pytest.raises(DeskApiError) as ei:
                await call("AcceptPreview", pb.AcceptPreviewRequest(call_id=p.call_id), "agent")
            assert ei.value.code == grpc.StatusCode.FAILED_PRECONDITION and ei.value.reason == "PREVIEW_EXPIRED"
            rep = await call("GetCampaignReport", pb.GetCampaignReportRequest(campaign_id=cid))
            assert (rep.previews_expired, rep.attempts) == (1, 0)
            # back in the list: d2 previews it now
            p2 = await call("PreviewNextTarget", pb.PreviewNextTargetRequest(campaign_id=cid), "agent2")
            assert p2.found and p2.number == "13800000001" and p2.call_id != p.call_id
            # the never-expiring one is still d1's
            again = await call("PreviewNextTarget", pb.PreviewNextTargetRequest(campaign_id=never), "agent")
            assert again.call_id == pn.call_id
            rep = await call("GetCampaignReport", pb.GetCampaignReportRequest(campaign_id=never))
            assert rep.previews_expired == 0
        finally:
            await ch.close()
            await srv.stop()

    asyncio.run(asyncio.wait_for(main(), 60))


def test_previewed_call_offered_to_another_agent_is_refused(sqlite_db, clock):  # type: ignore[no-untyped-def]
    """The lapse policy: a previewed contact is only ever connected to the agent who previewed
    and accepted it. Offered to anybody else (that agent logged out, acdcore's targeting
    lapsed and the call went to the queue's line), the hook's dial-time check is refused
    NOT_PREVIEW_AGENT: the attempt ends REFUSED, not counted, the target back in the list at
    once; nobody is rung. The right agent, or a hook that does not say, passes."""
    svc, cid = _svc(sqlite_db, clock)
    p = svc.preview_next(cid, "a1")
    assert svc.accept_preview(p["call_id"], "a1")["allowed"]
    assert svc.begin_call(p["call_id"], "a1")["allowed"] and svc.begin_call(p["call_id"])["allowed"]
    with pytest.raises(InvalidArgument) as ei:
        svc.begin_call(p["call_id"], "a 2")
    assert ei.value.field == "agent_id"
    r = svc.begin_call(p["call_id"], "a2")
    assert (r["allowed"], r["refusal"]) == (False, "NOT_PREVIEW_AGENT")
    targets, attempts = _rows(sqlite_db)
    assert targets[0] == ("13800000001", TargetState.PENDING, 0)
    assert attempts[0][1:3] == (Outcome.REFUSED, "a1")
    rep = svc.report(cid)
    assert rep["attempts"] == 0 and rep["outcomes"] == {"refused": 1}
    # due again at once, for whoever previews next
    assert svc.preview_next(cid, "a2")["number"] == "13800000001"
    # progressive calls go to any agent of the queue
    svc2, pid = _svc(sqlite_db, clock, mode=DialMode.PROGRESSIVE)
    (t, _) = svc2.claim_targets(pid, 2)
    assert svc2.begin_call(t["call_id"], "a7")["allowed"]


def test_accepted_preview_is_offered_to_the_previewing_agent_only(tmp_path):  # type: ignore[no-untyped-def]
    """Through a real acdcore and a real desk: with two agents of the campaign's queue free, the
    call of an accepted preview is offered to the agent who previewed it, and only to it, every
    time. d2 logs in first, so longest-idle routing (the queue's strategy) would pick d2 every
    time: an untargeted call fails the first round, a random pick fails one in two."""
    from acdcore_client import Client
    from desk_harness import ACD_TOKENS, DESK_TOKENS, acd_proc, desk_proc, wait_for
    from servicedesk.api.desk.v1 import growth_service_pb2 as pb
    from servicedesk.api.desk.v1 import growth_service_pb2_grpc as pb_grpc
    from servicedesk.client import _Stub

    rounds = 10
    url = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    acd = acd_proc(tmp_path / "acd").start()
    desk = None
    admin = Client(acd.target, ACD_TOKENS["admin"])
    try:
        desk = desk_proc(tmp_path / "desk", url, acd.target).start()
        ch = grpc.insecure_channel(desk.target)
        sup = _Stub(pb_grpc.GrowthServiceStub(ch), (("authorization", f"Bearer {DESK_TOKENS['supervisor']}"),), 30.0)
        d1 = _Stub(pb_grpc.GrowthServiceStub(ch), (("authorization", f"Bearer {DESK_TOKENS['agent']}"),), 30.0)
        cid = sup.CreateCampaign(pb.CreateCampaignRequest(name="PT", queue="general", hours_start="00:00",
                                                          hours_end="24:00", weekdays="1111111", mode=1)).campaign_id
        sup.ImportCampaignTargets(pb.ImportCampaignTargetsRequest(
            campaign_id=cid, csv="".join(f"138000001{i:02d}\n" for i in range(rounds))))
        sup.SetCampaignState(pb.SetCampaignStateRequest(campaign_id=cid, state=2))
        AVAILABLE, OFFERED = 2, 2  # acd.v1 AGENT_STATE_AVAILABLE, CALL_STATE_OFFERED
        admin.login("d2")
        wait_for(lambda: admin.get_agent("d2").agent.state == AVAILABLE, 30, what="d2 available")
        admin.login("d1")
        for i in range(rounds):
            wait_for(lambda: {a.agent_id for a in admin.list_agents("general", state=AVAILABLE).agents} >= {"d1", "d2"},
                     30, what="d1 and d2 free")
            p = d1.PreviewNextTarget(pb.PreviewNextTargetRequest(campaign_id=cid))
            assert p.found and p.number == f"138000001{i:02d}"
            assert d1.AcceptPreview(pb.AcceptPreviewRequest(call_id=p.call_id)).placed
            call = wait_for(lambda: (c := admin.get_call(p.call_id).call).state == OFFERED and c, 30,
                            what="the call offered")
            assert call.agent_id == "d1", f"round {i}: offered to {call.agent_id}"
            assert admin.explain_assignment(call.offer_id).assignment.targeted
            assert admin.get_agent("d2").agent.state == AVAILABLE
            admin.cancel_call(p.call_id)  # the customer's leg is the hook's business, not this test's
        # an agent acdcore does not have in the campaign's queue (d3 is not in "repair"): told
        # so, nothing placed, the contact back in the list, the attempt not counted
        from acdcore_client.errors import NotFound as AcdNotFound
        from servicedesk.client import DeskApiError

        rid = sup.CreateCampaign(pb.CreateCampaignRequest(name="PR", queue="repair", hours_start="00:00",
                                                          hours_end="24:00", weekdays="1111111", mode=1)).campaign_id
        sup.ImportCampaignTargets(pb.ImportCampaignTargetsRequest(campaign_id=rid, csv="13800000200\n"))
        sup.SetCampaignState(pb.SetCampaignStateRequest(campaign_id=rid, state=2))
        p = sup.PreviewNextTarget(pb.PreviewNextTargetRequest(campaign_id=rid, agent_id="d3"))
        with pytest.raises(DeskApiError) as ei:
            sup.AcceptPreview(pb.AcceptPreviewRequest(call_id=p.call_id, agent_id="d3"))
        assert ei.value.code == grpc.StatusCode.FAILED_PRECONDITION and ei.value.reason == "AGENT_NOT_IN_QUEUE"
        with pytest.raises(AcdNotFound):
            admin.get_call(p.call_id)
        rep = sup.GetCampaignReport(pb.GetCampaignReportRequest(campaign_id=rid))
        assert rep.attempts == 0
        again = sup.PreviewNextTarget(pb.PreviewNextTargetRequest(campaign_id=rid, agent_id="d1"))
        assert again.found and again.number == "13800000200" and again.attempt == 1
        ch.close()
    finally:
        admin.close()
        if desk is not None:
            desk.stop()
        acd.stop()


def test_dialer_loop_releases_expired_previews(sqlite_db, clock):  # type: ignore[no-untyped-def]
    """The desk's dialer loop sweeps expired previews every round, so a walked-away agent's
    contact returns to the list even when nobody previews or reads the report."""
    import asyncio
    from types import SimpleNamespace

    from servicedesk.growth.dialer_loop import CampaignDialerLoop

    class Acd:  # the loop's view of acdcore: nobody free, no call in flight
        async def list_agents(self, queue, state=0):  # type: ignore[no-untyped-def]
            return SimpleNamespace(agents=[])

        async def get_call(self, call_id):  # type: ignore[no-untyped-def]
            raise AssertionError("no call is in flight")

    svc, cid = _svc(sqlite_db, clock)
    p = svc.preview_next(cid, "a1")
    loop = CampaignDialerLoop(SimpleNamespace(acd_calls=Acd(), db=sqlite_db), svc, outcomes="hook")
    clock.advance(119)
    asyncio.run(loop.once())
    assert _rows(sqlite_db)[1][0][1] is None  # still held
    clock.advance(1)
    asyncio.run(loop.once())
    targets, attempts = _rows(sqlite_db)
    assert attempts[0][:3] == (p["call_id"], Outcome.PREVIEW_EXPIRED, "a1")
    assert targets[0] == ("13800000001", TargetState.PENDING, 0)
