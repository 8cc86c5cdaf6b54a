"""desk.v1.GrowthService: proto <-> the growth services (orders.py, cards.py).

:func:`register` adds the service to the desk's gRPC server and brings the growth tables to the
newest revision (growth/migrate.py). The desk configuration's ``[growth]`` section names the SMS and the
bank and the campaign dialer (servicedesk/config.py GrowthSettings):

    [growth]
    sms_addr = "127.0.0.1:7301"
    bank_addr = "127.0.0.1:7302"
    campaign_dialer = true          # the dialer loop (dialer_loop.py) on the desk's acdcore connection
    dialer_interval = 2.0
    campaign_outcomes = "hook"      # the Asterisk hook reports outcomes ("acd": read from acdcore)
    report_grace = 10.0

Without the SMS and bank addresses OrderPackage / CancelPackage / package cards answer UNAVAILABLE
(SMS_NOT_CONFIGURED); balance, packages and value cards work. The saga worker recovers
unfinished orders when the service starts. Blocking work (database, remote systems, the PIN
hash) runs in worker threads, never on the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import TYPE_CHECKING, Any

from grpc import aio

from ..api.desk.v1 import growth_service_pb2 as pb
from ..api.desk.v1 import growth_service_pb2_grpc as pb_grpc
from ..common import acting_agent
from .. import validate
from ..errors import FailedPrecondition, InvalidArgument, Unavailable
from ..transport import rpc
from . import migrate
from .adapters import BankClient, SmsClient
from .campaigns import DEFAULT_PREVIEW_TIMEOUT, AcdOriginator, CampaignService, CampaignState, DialMode, Outcome
from .cards import CardService
from .orders import SelfService
from .saga import OrderKind, SagaRunner

if TYPE_CHECKING:
    from ..app import Desk

log = logging.getLogger("servicedesk.growth")


def _addr(v: str) -> tuple[str, int]:
    host, _, port = v.rpartition(":")
    return host or "127.0.0.1", int(port)


class Growth:
    """The growth services of one desk."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        migrate.upgrade(desk.db.engine)  # the growth tables' own Alembic line (growth/migrate.py)
        gs = desk.cfg.growth
        sms_a, bank_a = gs.sms_addr, gs.bank_addr
        self.sms = SmsClient(*_addr(sms_a)) if sms_a else None
        self.bank = BankClient(*_addr(bank_a)) if bank_a else None
        self.runner = SagaRunner(desk.db, self.sms, self.bank, clock=desk.clock) if self.sms else None  # type: ignore[arg-type]
        self.selfservice = SelfService(desk.db, self.runner or SagaRunner(desk.db, None, None),  # type: ignore[arg-type]
                                       clock=desk.clock)
        self.selfservice.seed_packages()
        self.cards = CardService(desk.db, self.runner, clock=desk.clock)
        self.campaigns = CampaignService(desk.db, clock=desk.clock, local_prefix=desk.cfg.desk.local_prefix)
        self.dialer: Any = None

    def need_sms(self) -> None:
        if self.runner is None:
            raise Unavailable("the SMS system is not configured", reason="SMS_NOT_CONFIGURED")


def _order(d: dict[str, Any]) -> Any:
    return pb.Order(order_id=d["id"], state=d["state_name"], kind=OrderKind(d["kind"]).name,
                    smart_card=d["smart_card"], package=d["package"], amount_cents=d["amount_cents"],
                    failure=d["failure"], steps=[pb.OrderStep(step=s["step"], phase=s["phase"], detail=s["detail"],
                                                              at=s["at"]) for s in d["steps"]])


class GrowthServicer(pb_grpc.GrowthServiceServicer):
    def __init__(self, growth: Growth) -> None:
        self.g = growth

    @rpc
    async def GetBalance(self, request: Any, context: aio.ServicerContext) -> Any:
        b = await asyncio.to_thread(lambda: self.g.selfservice.balance(request.account_number,
                                                                       caller=request.caller_number))
        return pb.GetBalanceResponse(
            account_number=b["account_number"], balance_cents=b["balance_cents"], monthly_fee_cents=b["monthly_fee_cents"],
            packages=[pb.HeldPackage(package=p["package"], smart_card=p["smart_card"], price_cents=p["price_cents"])
                      for p in b["packages"]],
            spoken_balance=b["spoken_balance"], spoken_monthly_fee=b["spoken_monthly_fee"])

    @rpc
    async def ListPackages(self, request: Any, context: aio.ServicerContext) -> Any:
        rows = await asyncio.to_thread(self.g.selfservice.packages)
        return pb.ListPackagesResponse(packages=[pb.Package(code=r["code"], name=r["name"], price_cents=r["price_cents"])
                                                 for r in rows])

    @rpc
    async def OrderPackage(self, request: Any, context: aio.ServicerContext) -> Any:
        r = request
        self.g.need_sms()
        o = await asyncio.to_thread(self.g.selfservice.order_package, r.account_number, r.smart_card, r.package,
                                    r.bank_account, channel=r.channel or 1, request_id=r.request_id)
        return pb.OrderPackageResponse(order=_order(o))

    @rpc
    async def CancelPackage(self, request: Any, context: aio.ServicerContext) -> Any:
        r = request
        self.g.need_sms()
        o = await asyncio.to_thread(self.g.selfservice.cancel_package, r.account_number, r.smart_card, r.package,
                                    channel=r.channel or 1, request_id=r.request_id)
        return pb.CancelPackageResponse(order=_order(o))

    @rpc
    async def GetOrder(self, request: Any, context: aio.ServicerContext) -> Any:
        o = await asyncio.to_thread(self.g.selfservice.order, request.order_id)
        return pb.GetOrderResponse(order=_order(o))

    @rpc
    async def RedeemCard(self, request: Any, context: aio.ServicerContext) -> Any:
        r = request
        res = await asyncio.to_thread(self.g.cards.redeem, r.serial, r.pin, caller=r.caller,
                                      account_number=r.account_number, smart_card=r.smart_card,
                                      channel=r.channel or 1)
        return pb.RedeemCardResponse(credited_cents=res.get("credited_cents", 0),
                                     balance_cents=res.get("balance_cents", 0), order_id=res.get("order_id", 0),
                                     order_state=res.get("order_state", ""))


    # -- campaigns ----------------------------------------------------------------------------
    @rpc
    async def CreateCampaign(self, request: Any, context: aio.ServicerContext) -> Any:
        r = request
        cid = await asyncio.to_thread(
            self.g.campaigns.create, r.name, queue=r.queue, script=r.script, package=r.package,
            hours=(r.hours_start or "09:00", r.hours_end or "20:00"), utc_offset=r.utc_offset,
            weekdays=r.weekdays or "1111110", max_attempts=r.max_attempts or 3,
            retry_spacing=r.retry_spacing or 3600.0,
            mode=r.mode or DialMode.PROGRESSIVE, pacing_ratio=r.pacing_ratio or 1.0,
            preview_timeout=r.preview_timeout if r.HasField("preview_timeout") else DEFAULT_PREVIEW_TIMEOUT)
        return pb.CreateCampaignResponse(campaign_id=cid)

    @rpc
    async def ImportCampaignTargets(self, request: Any, context: aio.ServicerContext) -> Any:
        r = request
        if r.csv:
            res = await asyncio.to_thread(self.g.campaigns.import_csv, r.campaign_id, r.csv)
        else:
            if r.has_service not in (1, 2, 3):
                raise InvalidArgument("has_service", "1 analog TV, 2 digital TV or 3 broadband (or give csv)")
            if r.lacks_service not in (0, 1, 2, 3):
                raise InvalidArgument("lacks_service", "0 none, 1 analog TV, 2 digital TV or 3 broadband")
            res = await asyncio.to_thread(lambda: self.g.campaigns.import_query(
                r.campaign_id, has=r.has_service, lacks=r.lacks_service or None, area=r.area))
        return pb.ImportCampaignTargetsResponse(added=res["added"], do_not_call=res["dnc"], duplicate=res["duplicate"])

    @rpc
    async def AddDoNotCall(self, request: Any, context: aio.ServicerContext) -> Any:
        n = await asyncio.to_thread(self.g.campaigns.add_dnc, request.number, request.reason)
        return pb.AddDoNotCallResponse(number=n)

    @rpc
    async def SetCampaignState(self, request: Any, context: aio.ServicerContext) -> Any:
        try:
            st = CampaignState(request.state)
        except ValueError:
            raise InvalidArgument("state", "2 running, 3 paused or 4 done") from None
        await asyncio.to_thread(self.g.campaigns.set_state, request.campaign_id, st)
        return pb.SetCampaignStateResponse()

    @rpc
    async def RecordCampaignResult(self, request: Any, context: aio.ServicerContext) -> Any:
        r = request
        agent = acting_agent(r.agent_id)
        await asyncio.to_thread(lambda: self.g.campaigns.record_result(
            r.call_id, agent, r.result, revenue_cents=r.revenue_cents,
            callback_at=r.callback_time if r.callback_time else None))
        return pb.RecordCampaignResultResponse()

    @rpc
    async def GetCampaignReport(self, request: Any, context: aio.ServicerContext) -> Any:
        rep = await asyncio.to_thread(self.g.campaigns.report, request.campaign_id)
        return pb.GetCampaignReportResponse(
            attempts=rep["attempts"], contacts=rep["contacts"], sales=rep["sales"], conversion=rep["conversion"],
            revenue_cents=rep["revenue_cents"], previews_expired=rep["previews_expired"],
            agents=[pb.CampaignAgentReport(agent_id=a["agent_id"], contacts=a["contacts"], sales=a["sales"],
                                           revenue_cents=a["revenue_cents"]) for a in rep["agents"]],
            csv=CampaignService.report_csv(rep), svg=CampaignService.report_svg(rep))

    # -- the telephony side of campaign calls, preview dialing ----------------------------
    @rpc
    async def BeginCampaignCall(self, request: Any, context: aio.ServicerContext) -> Any:
        r = await asyncio.to_thread(self.g.campaigns.begin_call, request.call_id, request.agent_id)
        if not r["allowed"]:
            log.info("campaign call %s refused at dial time: %s", request.call_id, r["refusal"])
        return pb.BeginCampaignCallResponse(allowed=r["allowed"], refusal=r["refusal"], number=r["number"],
                                            campaign_id=r["campaign_id"], queue=r["queue"])

    @rpc
    async def ReportCampaignCallOutcome(self, request: Any, context: aio.ServicerContext) -> Any:
        r = request
        validate.line(r.detail, "detail", max_len=200)
        await asyncio.to_thread(lambda: self.g.campaigns.call_ended(r.call_id, r.outcome, agent_id=r.agent_id))
        log.info("campaign call %s: outcome %s (%s)", r.call_id, r.outcome, r.detail)
        return pb.ReportCampaignCallOutcomeResponse()

    @rpc
    async def PreviewNextTarget(self, request: Any, context: aio.ServicerContext) -> Any:
        agent = acting_agent(request.agent_id)
        t = await asyncio.to_thread(self.g.campaigns.preview_next, request.campaign_id, agent)
        if t is None:
            return pb.PreviewNextTargetResponse(found=False)
        return pb.PreviewNextTargetResponse(found=True, call_id=t["call_id"], number=t["number"], name=t["name"] or "",
                                            subscriber_id=t["subscriber_id"] or 0, attempt=t["attempt"],
                                            script=t["script"], expires_at=t["expires_at"])

    @rpc
    async def AcceptPreview(self, request: Any, context: aio.ServicerContext) -> Any:
        agent = acting_agent(request.agent_id)
        campaigns = self.g.campaigns
        r = await asyncio.to_thread(campaigns.accept_preview, request.call_id, agent)
        if not r["allowed"]:
            return pb.AcceptPreviewResponse(placed=False, refusal=r["refusal"])
        acd = self.g.desk.acd_calls
        if acd is None:
            await asyncio.to_thread(campaigns.call_ended, request.call_id, Outcome.FAILED)
            raise Unavailable("the desk has no acdcore connection to place the call", reason="ACD_NOT_CONFIGURED")
        from acdcore_client import errors as acd_errors

        try:
            # offered to the previewing agent only, for as long as it stays logged in (no
            # timeout: the agent accepted and is about to become free for it); if it logs out
            # the targeting lapses and the hook's dial-time check refuses the call to anybody
            # else (NOT_PREVIEW_AGENT), which puts the contact back in the list
            await acd.enqueue_call(request.call_id, r["queue"], caller=r["number"], priority=AcdOriginator.NORMAL,
                                   attributes={"kind": "campaign", "campaign": str(r["campaign_id"]),
                                               "number": r["number"], "preview_agent": agent},
                                   target_agent_id=agent, target_timeout=None)
        except (acd_errors.Unavailable, acd_errors.DeadlineExceeded) as e:
            # maybe placed: it is in flight, the dialer loop finds out from acdcore
            raise Unavailable(f"acdcore did not answer: {e}", reason="ACD_UNAVAILABLE") from None
        except acd_errors.AcdApiError as e:
            if e.reason in ("AGENT_NOT_IN_QUEUE", "AGENT_NOT_FOUND"):
                # the agent cannot take the campaign's calls: nobody was dialled, the contact
                # goes back to the list and the agent is told why
                await asyncio.to_thread(campaigns.withdraw, request.call_id)
                raise FailedPrecondition(f"agent {agent} cannot take calls of queue {r['queue']}: {e}",
                                         reason=e.reason) from None
            await asyncio.to_thread(campaigns.call_ended, request.call_id, Outcome.FAILED)
            raise FailedPrecondition(f"acdcore refused the call: {e}", reason="ACD_REFUSED") from None
        return pb.AcceptPreviewResponse(placed=True)

    @rpc
    async def SkipPreview(self, request: Any, context: aio.ServicerContext) -> Any:
        agent = acting_agent(request.agent_id)
        await asyncio.to_thread(self.g.campaigns.skip_preview, request.call_id, agent)
        return pb.SkipPreviewResponse()


def register(server: aio.Server, desk: Desk) -> Growth:
    """Add desk.v1.GrowthService to ``server`` (its roles are in auth.PERMISSIONS)."""
    g = Growth(desk)
    pb_grpc.add_GrowthServiceServicer_to_server(GrowthServicer(g), server)
    if g.runner is not None:
        threading.Thread(target=_sweeper, args=(g.runner,), name="growth-saga-sweeper", daemon=True).start()
    gs = desk.cfg.growth
    if gs.campaign_dialer and desk.acd_calls is not None:
        from .dialer_loop import CampaignDialerLoop

        g.dialer = CampaignDialerLoop(desk, g.campaigns, interval=gs.dialer_interval, outcomes=gs.campaign_outcomes,
                                      report_grace=gs.report_grace)
        desk._loops.append(asyncio.get_running_loop().create_task(g.dialer.run(), name="campaign-dialer"))
    return g


def _sweeper(runner: SagaRunner, every: float = 5.0) -> None:
    """Recover unfinished orders at start, then sweep the ones waiting for compensation."""
    due_only = False
    while True:
        try:
            runner.sweep(due_only=due_only)
            due_only = True
        except Exception:  # the remote systems or the database may be down: try again later
            log.exception("growth: saga sweep failed")
        time.sleep(every)
