"""The desk's campaign dialer loop (opt-in: ``[growth] campaign_dialer = true`` in the desk's
configuration; needs the desk's acdcore connection).

Every ``interval`` seconds, for each RUNNING campaign:

1. the outcome of each call in flight is read from acdcore (GetCall): CONNECTED or COMPLETED
   with an agent → ANSWERED (the agent then records the result through
   desk.v1.GrowthService.RecordCampaignResult); ABANDONED → NO_ANSWER; OVERFLOWED or unknown to
   acdcore → FAILED (the target is retried after the spacing, within its attempts);
2. the queue's available agents are read from acdcore (ListAgents, AVAILABLE);
3. :meth:`Dialer.tick` decides and claims (calling hours and do-not-call enforced there), and
   each claimed call is placed through acdcore with EnqueueCall (as :class:`AcdOriginator`).

Calls claimed but never placed (the desk died in between) are found on start: they are in the
journal as DIALING attempts without an outcome, acdcore does not know them, so they end FAILED.

Who says how a call ended (``outcomes``, ``[growth] campaign_outcomes``):

* ``"hook"`` -- the Asterisk hook (acdhook ``[campaign]``) rings the agent, asks the desk
  (GrowthService.BeginCampaignCall: do-not-call, calling hours, campaign running, checked once
  more), originates the customer and reports answered / busy / no answer / machine / failed with
  GrowthService.ReportCampaignCallOutcome before it ends the call in acdcore. This loop then
  only ends FAILED a call that acdcore no longer holds (or holds ended) and the hook has not
  reported within ``report_grace`` seconds (``[growth] report_grace``) (a hook that died mid-call).
* ``"acd"`` (the default, for a telephony side without the hook's campaign support) -- step 1
  above: the outcome read from acdcore; a customer who does not answer then shows as ANSWERED.

Previewed targets (preview mode) are placed by GrowthService.AcceptPreview, not here; they are
followed here like the others once placed.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from .campaigns import AcdOriginator, CampaignService, CampaignState, Dialer, Outcome
from .schema import campaign_attempts, campaigns

if TYPE_CHECKING:
    from ..app import Desk

log = logging.getLogger("servicedesk.growth.dialer")

CONNECTED, COMPLETED, ABANDONED, OVERFLOWED = 3, 4, 5, 6  # acd.v1 CallState


class _Collect:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str, int]] = []

    def originate(self, call_id: str, number: str, queue: str, campaign_id: int) -> None:
        self.calls.append((call_id, number, queue, campaign_id))


class CampaignDialerLoop:
    def __init__(self, desk: Desk, svc: CampaignService, *, interval: float = 2.0, outcomes: str = "acd",
                 report_grace: float = 10.0) -> None:
        if outcomes not in ("acd", "hook"):
            raise ValueError(f"outcomes must be 'acd' or 'hook', not {outcomes!r}")
        self.desk = desk
        self.svc = svc
        self.interval = interval
        self.outcomes = outcomes
        self.report_grace = report_grace
        #: hook mode: call id -> when it was first seen ended in acdcore without a report
        self._unreported: dict[str, float] = {}
        self.dialers: dict[int, tuple[Dialer, _Collect]] = {}
        self.placed = 0

    async def run(self) -> None:
        while True:
            try:
                await self.once()
            except asyncio.CancelledError:
                raise
            except Exception:  # acdcore or the database down: try again next round
                log.exception("campaign dialer round failed")
            await asyncio.sleep(self.interval)

    def _running(self) -> list[dict[str, Any]]:
        return self.desk.db.read_sync(lambda c: [dict(r._mapping) for r in c.execute(
            select(campaigns).where(campaigns.c.state == int(CampaignState.RUNNING)))])

    def _in_flight(self, cid: int) -> list[str]:
        return self.desk.db.read_sync(lambda c: [r[0] for r in c.execute(
            select(campaign_attempts.c.call_id).where(campaign_attempts.c.campaign_id == cid,
                                                      campaign_attempts.c.outcome.is_(None),
                                                      campaign_attempts.c.placed_at.is_not(None)))])

    async def _ended(self, d: Dialer, call_id: str, outcome: Outcome, agent_id: str = "") -> None:
        from ..errors import FailedPrecondition

        try:
            await asyncio.to_thread(d.on_outcome, call_id, outcome, agent_id)
        except FailedPrecondition:  # the hook reported it meanwhile: its word stands
            d.ringing.discard(call_id)

    async def once(self) -> None:
        acd = self.desk.acd_calls
        if acd is None:
            return
        from acdcore_client import errors as acd_errors

        # previews whose agent walked away go back to the list even when nobody else previews
        for call_id in await asyncio.to_thread(self.svc.expire_previews):
            log.info("campaign call %s: preview expired, target back in the list", call_id)
        for c in await asyncio.to_thread(self._running):
            cid = int(c["id"])
            if cid not in self.dialers:
                col = _Collect()
                self.dialers[cid] = (Dialer(self.svc, cid, col), col)
            d, col = self.dialers[cid]
            # the journal is the truth: what is still in flight (reported calls drop out)
            d.ringing = set(await asyncio.to_thread(self._in_flight, cid))
            for call_id in list(d.ringing):
                try:
                    call = (await acd.get_call(call_id)).call
                except acd_errors.NotFound:
                    call = None
                if self.outcomes == "hook":
                    if call is None or call.state in (COMPLETED, ABANDONED, OVERFLOWED):
                        first = self._unreported.setdefault(call_id, time.monotonic())
                        if time.monotonic() - first >= self.report_grace:
                            self._unreported.pop(call_id, None)
                            await self._ended(d, call_id, Outcome.FAILED)
                    continue
                if call is None:
                    await self._ended(d, call_id, Outcome.FAILED)
                elif call.state in (CONNECTED, COMPLETED) and call.agent_id:
                    await self._ended(d, call_id, Outcome.ANSWERED, call.agent_id)
                elif call.state == ABANDONED:
                    await self._ended(d, call_id, Outcome.NO_ANSWER)
                elif call.state in (COMPLETED, OVERFLOWED):
                    await self._ended(d, call_id, Outcome.FAILED)
            for call_id in [k for k in self._unreported if k not in d.ringing and k.startswith(f"cmp{cid}-")]:
                del self._unreported[call_id]
            idle = len((await acd.list_agents(c["queue"], state=AcdOriginator.AVAILABLE)).agents)
            await asyncio.to_thread(d.tick, idle)
            calls, col.calls = col.calls, []
            for call_id, number, queue, campaign_id in calls:
                try:
                    await acd.enqueue_call(call_id, queue, caller=number, priority=AcdOriginator.NORMAL,
                                           attributes={"kind": "campaign", "campaign": str(campaign_id),
                                                       "number": number})
                    self.placed += 1
                except (acd_errors.Unavailable, acd_errors.DeadlineExceeded) as e:
                    # maybe placed: it stays in flight and GetCall tells next round (unknown: FAILED)
                    log.warning("campaign call %s: acdcore did not answer: %s", call_id, e)
                except acd_errors.AcdApiError as e:  # refused (queue full, unknown queue): a failed attempt
                    log.warning("campaign call %s refused by acdcore: %s", call_id, e)
                    await self._ended(d, call_id, Outcome.FAILED)
