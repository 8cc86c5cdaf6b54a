"""Campaign calls placed through a real acdcore server (subprocess): the dialer paces against
the queue's available agents as acdcore reports them, and acdcore offers each campaign call to
an agent of the campaign's queue (the hook then originates the customer's leg)."""

from __future__ import annotations

import datetime as dt

from desk_harness import ACD_TOKENS, acd_proc, wait_for
from servicedesk.clock import ManualClock
from servicedesk.growth.campaigns import AcdOriginator, CampaignService, CampaignState, Dialer, Outcome


def test_campaign_calls_go_through_acdcore(sqlite_db, tmp_path):
    from acdcore_client import Client

    acd = acd_proc(tmp_path / "acd").start()
    admin = Client(acd.target, ACD_TOKENS["admin"])
    biz = Client(acd.target, ACD_TOKENS["telephony"])
    try:
        clock = ManualClock(dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp())
        svc = CampaignService(sqlite_db, clock=clock)
        cid = svc.create("ACD1", queue="general", pacing_ratio=1.0)
        svc.import_csv(cid, "13800000001\n13800000002\n13800000003\n13800000004\n")
        svc.add_dnc("13800000003")
        svc.set_state(cid, CampaignState.RUNNING)
        orig = AcdOriginator(biz)
        d = Dialer(svc, cid, orig)
        assert orig.idle_agents("general") == 0
        assert d.tick(orig.idle_agents("general")) == []
        for a in ("d3", "d4"):
            admin.login(a)
        wait_for(lambda: orig.idle_agents("general") == 2, timeout=30, what="two agents available")
        placed = d.tick(orig.idle_agents("general"))
        assert len(placed) == 2 and "13800000003" not in [p["number"] for p in placed]
        # acdcore offers both campaign calls to the two agents at once
        for p in placed:
            c = wait_for(lambda: biz.get_call(p["call_id"]).call, timeout=30, what="call known")
            assert c.queue == "general" and dict(c.attributes)["kind"] == "campaign"
            assert dict(c.attributes)["number"] == p["number"]
        wait_for(lambda: orig.idle_agents("general") == 0, timeout=30, what="agents reserved")
        # nobody free: the dialer places nothing more, however often it ticks
        assert d.tick(orig.idle_agents("general")) == [] and d.tick(0) == []
        for p in placed:
            d.on_outcome(p["call_id"], Outcome.NO_ANSWER)
        rep = svc.report(cid)
        assert rep["attempts"] == 2 and rep["outcomes"] == {"no_answer": 2}
    finally:
        admin.close()
        biz.close()
        acd.stop()
