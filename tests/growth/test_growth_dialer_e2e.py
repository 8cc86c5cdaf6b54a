"""The campaign dialer loop inside a real desk server connected to a real acdcore server (both
subprocesses): a campaign created over desk.v1, its calls placed through acdcore to the queue's
available agent, the answer seen from acdcore, the agent's result recorded over desk.v1."""

from __future__ import annotations

from desk_harness import ACD_TOKENS, DESK_TOKENS, Proc, acd_proc, desk_config, wait_for
from growth_harness import open_db
from servicedesk.api.desk.v1 import growth_service_pb2 as pb
from servicedesk.api.desk.v1 import growth_service_pb2_grpc as pb_grpc
from servicedesk.client import _Stub


def test_dialer_loop_through_acdcore(tmp_path):
    import grpc
    from acdcore_client import Client
    from acdcore_client.errors import FailedPrecondition, NotFound
    from sqlalchemy import select

    from servicedesk.growth.schema import campaign_attempts, campaign_targets

    url = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    db = open_db(url)
    acd = acd_proc(tmp_path / "acd").start()
    desk = None
    admin = Client(acd.target, ACD_TOKENS["admin"])
    try:
        desk = Proc(tmp_path / "desk", "desk",
                    desk_config(url, acd.target, "[growth]\ncampaign_dialer = true\ndialer_interval = 0.2\n"),
                    ["-m", "servicedesk", "serve"]).start()
        ch = grpc.insecure_channel(desk.target)

        def stub(role):
            return _Stub(pb_grpc.GrowthServiceStub(ch), (("authorization", f"Bearer {DESK_TOKENS[role]}"),), 30.0)

        sup, agent = stub("supervisor"), stub("agent")  # the agent token acts as d1
        cid = sup.CreateCampaign(pb.CreateCampaignRequest(name="E2E", queue="general", hours_start="00:00",
                                                          hours_end="24:00", weekdays="1111111")).campaign_id
        sup.AddDoNotCall(pb.AddDoNotCallRequest(number="13800000002"))
        sup.ImportCampaignTargets(pb.ImportCampaignTargetsRequest(
            campaign_id=cid, csv="13800000001\n13800000002\n13800000003\n"))
        sup.SetCampaignState(pb.SetCampaignStateRequest(campaign_id=cid, state=2))
        admin.login("d1")

        def placed():  # the campaign's calls, from the desk's journal, as acdcore sees them
            ids = db.read_sync(lambda c: [r[0] for r in c.execute(select(campaign_attempts.c.call_id))])
            out = []
            for i in ids:
                try:
                    out.append(admin.get_call(i).call)
                except (NotFound, FailedPrecondition):  # unknown, or ended
                    pass
            return out

        def offered():
            for c in placed():
                if dict(c.attributes).get("kind") == "campaign" and c.agent_id == "d1" and c.offer_id:
                    return c
            return None

        call = wait_for(offered, timeout=60, interval=0.1, what="a campaign call offered to d1")
        assert dict(call.attributes)["number"] in ("13800000001", "13800000003")
        # one available agent and pacing 1.0: one call in flight at a time
        assert len(placed()) == 1
        admin.accept_offer(call.offer_id, "d1")

        def answered():
            try:
                agent.RecordCampaignResult(pb.RecordCampaignResultRequest(call_id=call.call_id, result=2,
                                                                          revenue_cents=5000))
                return True
            except Exception as e:  # not yet seen as answered by the dialer loop
                if getattr(e, "reason", "") != "CALL_NOT_ANSWERED":
                    raise
                return False

        wait_for(answered, timeout=60, interval=0.1, what="the answer seen by the desk")
        try:
            admin.complete_call(call.call_id)
        except FailedPrecondition:  # already ended
            pass
        rep = sup.GetCampaignReport(pb.GetCampaignReportRequest(campaign_id=cid))
        assert rep.contacts >= 1 and rep.sales == 1 and rep.revenue_cents == 5000
        assert [a.agent_id for a in rep.agents] == ["d1"]
        # the do-not-call number never reached acdcore
        dialled = db.read_sync(lambda c: {r[0] for r in c.execute(
            select(campaign_targets.c.number).join(campaign_attempts,
                                                   campaign_attempts.c.target_id == campaign_targets.c.id))})
        assert dialled and "13800000002" not in dialled
        ch.close()
    finally:
        admin.close()
        if desk is not None:
            desk.stop()
        acd.stop()
        db.close()
