"""desk.v1.GrowthService end to end: a real desk server (subprocess) with the SMS and bank
simulators (subprocesses), the telephony role as the IVR would use it."""

from __future__ import annotations

import time

import grpc
import pytest

from desk_harness import DESK_TOKENS, Proc, desk_config
from growth_harness import add_subscriber, open_db
from servicedesk.api.desk.v1 import growth_service_pb2 as pb
from servicedesk.api.desk.v1 import growth_service_pb2_grpc as pb_grpc
from servicedesk.client import _Stub
from servicedesk.growth.cards import BatchState, CardService, HashParams
from servicedesk.sims.launch import SimProcess


@pytest.fixture
def server(tmp_path):
    url = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    db = open_db(url)
    add_subscriber(db, "GR000001", "9900000001", phone="13911112222", balance=12345)
    with SimProcess("sms") as sms, SimProcess("bank") as bank:
        bank.call("open_account", account="6222000011", balance=100_000, key="open")
        p = Proc(tmp_path, "desk", desk_config(url, None, f'[growth]\nsms_addr = "127.0.0.1:{sms.port}"\n'
                                                         f'bank_addr = "127.0.0.1:{bank.port}"\n'),
                 ["-m", "servicedesk", "serve"]).start()
        ch = grpc.insecure_channel(p.target)
        stub = _Stub(pb_grpc.GrowthServiceStub(ch), (("authorization", f"Bearer {DESK_TOKENS['telephony']}"),), 30.0)
        try:
            yield {"stub": stub, "db": db, "sms": sms, "channel": ch, "target": p.target}
        finally:
            ch.close()
            p.stop()
            db.close()


def test_self_service_and_cards_over_grpc(server):
    from servicedesk.client import DeskApiError

    s = server["stub"]
    assert [p.code for p in s.ListPackages(pb.ListPackagesRequest()).packages][:2] == ["DRAMA", "HD-BASIC"]
    b = s.GetBalance(pb.GetBalanceRequest(account_number="GR000001"))
    assert b.balance_cents == 12345 and list(b.spoken_balance)[-2:] == ["five", "fen"]
    o = s.OrderPackage(pb.OrderPackageRequest(account_number="GR000001", smart_card="9900000001", package="SPORTS",
                                              bank_account="6222000011", channel=1, request_id="ivr-call-1")).order
    assert o.state == "COMPLETED" and [st.step for st in o.steps if st.phase == "ok"] == ["authorize", "entitle",
                                                                                            "capture"]
    assert server["sms"].call("query", card="9900000001")["packages"] == ["SPORTS"]
    assert s.GetOrder(pb.GetOrderRequest(order_id=o.order_id)).order.state == "COMPLETED"
    assert s.GetBalance(pb.GetBalanceRequest(account_number="GR000001")).monthly_fee_cents == 3000
    with pytest.raises(DeskApiError) as ei:
        s.OrderPackage(pb.OrderPackageRequest(account_number="GR000001", smart_card="9900000001", package="SPORTS",
                                              bank_account="12"))
    assert ei.value.code == grpc.StatusCode.INVALID_ARGUMENT and ei.value.field == "bank_account"
    c = s.CancelPackage(pb.CancelPackageRequest(account_number="GR000001", smart_card="9900000001",
                                                package="SPORTS")).order
    assert c.state == "COMPLETED" and c.kind == "CANCEL"
    # a value card, generated into the desk's database, redeemed over the API by the caller's number
    svc = CardService(server["db"], params=HashParams(n=1 << 10))
    _, cards = svc.generate_batch("GRPC1", 1, face_value_cents=5000, expires_at=time.time() + 3600)
    svc.set_batch_state("GRPC1", BatchState.ACTIVE)
    with pytest.raises(DeskApiError) as ei:
        s.RedeemCard(pb.RedeemCardRequest(serial=cards[0][0], pin="0000000000" if cards[0][1] != "0000000000"
                                          else "1111111111", caller="13911112222"))
    assert ei.value.code == grpc.StatusCode.PERMISSION_DENIED and ei.value.reason == "INVALID_CARD_OR_PIN"
    r = s.RedeemCard(pb.RedeemCardRequest(serial=cards[0][0], pin=cards[0][1], caller="13911112222"))
    assert r.credited_cents == 5000 and r.balance_cents == 17345
    # agents' tokens may use it too; no token: refused
    bare = _Stub(pb_grpc.GrowthServiceStub(server["channel"]), (), 10.0)
    with pytest.raises(DeskApiError) as ei:
        bare.ListPackages(pb.ListPackagesRequest())
    assert ei.value.code == grpc.StatusCode.UNAUTHENTICATED


def test_campaigns_over_grpc(server):
    import datetime as dt

    from desk_harness import DESK_TOKENS as T
    from servicedesk.client import DeskApiError
    from servicedesk.clock import ManualClock
    from servicedesk.growth.campaigns import CampaignService, Outcome

    def stub(role):
        return _Stub(pb_grpc.GrowthServiceStub(server["channel"]), (("authorization", f"Bearer {T[role]}"),), 30.0)

    sup, agent = stub("supervisor"), stub("agent")  # the agent token acts as d1
    cid = sup.CreateCampaign(pb.CreateCampaignRequest(name="BB-UPSELL", queue="general", script="Offer 100M",
                                                      hours_start="00:00", hours_end="24:00", weekdays="1111111",
                                                      utc_offset=8 * 3600)).campaign_id
    with pytest.raises(DeskApiError) as ei:
        sup.CreateCampaign(pb.CreateCampaignRequest(name="BAD", queue="general", pacing_ratio=9))
    assert ei.value.code == grpc.StatusCode.INVALID_ARGUMENT and ei.value.field == "pacing_ratio"
    with pytest.raises(DeskApiError) as ei:
        agent.CreateCampaign(pb.CreateCampaignRequest(name="X", queue="general"))
    assert ei.value.code == grpc.StatusCode.PERMISSION_DENIED
    assert sup.AddDoNotCall(pb.AddDoNotCallRequest(number="13911112222", reason="asked")).number == "13911112222"
    r = sup.ImportCampaignTargets(pb.ImportCampaignTargetsRequest(campaign_id=cid, has_service=2, lacks_service=3))
    assert (r.added, r.do_not_call) == (0, 1)  # the only digital-TV subscriber's number is on the list
    r = sup.ImportCampaignTargets(pb.ImportCampaignTargetsRequest(campaign_id=cid, csv="13800000001,Li\n"))
    assert r.added == 1
    sup.SetCampaignState(pb.SetCampaignStateRequest(campaign_id=cid, state=2))
    # the dialer (in the desk process in production) claims the target; here in the test process
    svc = CampaignService(server["db"], clock=ManualClock(dt.datetime.now(dt.timezone.utc).timestamp()))
    (t,) = svc.claim_targets(cid, 5)
    svc.call_ended(t["call_id"], Outcome.ANSWERED, agent_id="d1")
    with pytest.raises(DeskApiError) as ei:
        agent.RecordCampaignResult(pb.RecordCampaignResultRequest(call_id=t["call_id"], agent_id="d2", result=2))
    assert ei.value.reason == "NOT_YOUR_AGENT"
    agent.RecordCampaignResult(pb.RecordCampaignResultRequest(call_id=t["call_id"], result=2, revenue_cents=6000))
    rep = sup.GetCampaignReport(pb.GetCampaignReportRequest(campaign_id=cid))
    assert (rep.attempts, rep.contacts, rep.sales, rep.revenue_cents) == (1, 1, 1, 6000)
    assert rep.agents[0].agent_id == "d1" and rep.csv.startswith("agent_id,") and "<svg" in rep.svg


def test_ivr_dialogue_over_agi_and_grpc(server):
    """The hook's entry point: a fake AGI session (DTMF as stream_file/wait_for_digit results),
    the real desk over gRPC with the telephony token."""
    import asyncio
    from types import SimpleNamespace

    from servicedesk.growth.ivr import run_for_hook

    class Session:
        def __init__(self, keys):
            self.keys = list(keys)
            self.files = []

        async def stream_file(self, name, escape):
            self.files.append(name)
            return SimpleNamespace(value=ord(self.keys.pop(0)) if escape and self.keys else 0)

        async def wait_for_digit(self, ms):
            return SimpleNamespace(value=ord(self.keys.pop(0)) if self.keys else 0)

    def call(branch, caller, keys):
        s = Session(keys)
        out = asyncio.run(asyncio.wait_for(run_for_hook(branch, s, caller=caller, call_id="c9",
                                                        desk_target=server["target"],
                                                        desk_token=DESK_TOKENS["telephony"], digit_timeout=0.05),
                                           timeout=60))
        return out, s.files

    out, files = call("balance", "13911112222", "")  # known number: no keying
    assert out == "balance-played" and files[0] == "acdcore/ss-balance-is"
    assert files[1:4] == ["digits/1", "acdcore/hundred", "digits/2"]  # 123.45 yuan; digits are Asterisk's
    out, files = call("balance", "13700000000", "12345#")  # unknown number, unknown account keyed
    assert out == "no-input" and files.count("acdcore/ss-account-unknown") == 1
