"""The desk's campaign dialer loop (opt-in: ``SERVICEDESK_CAMPAIGN_DIALER=1`` in the desk
server's environment; needs the desk's acdcore connection).

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

Provisional until the Asterisk hook handles ``kind=campaign`` calls: a customer who does not
answer shows here as COMPLETED (the agent's leg was connected), i.e. ANSWERED; the hook should
then report the outcome (e.g. an attribute or a desk call) so it can be NO_ANSWER / BUSY /
MACHINE.
"""

from __future__ import annotations

import asyncio
import logging
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
    def __init__(self, desk: Desk, svc: CampaignService, *, interval: float = 2.0) -> None:
        self.desk = desk
        self.svc = svc
        self.interval = interval
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
                                                      campaign_attempts.c.outcome.is_(None)))])

    async def once(self) -> None:
        acd = self.desk.acd_calls
        if acd is None:
            return
        from acdcore_client import errors as acd_errors

        for c in await asyncio.to_thread(self._running):
            cid = int(c["id"])
            if cid not in self.dialers:
                col = _Collect()
                d = Dialer(self.svc, cid, col)
                d.ringing.update(await asyncio.to_thread(self._in_flight, cid))
                self.dialers[cid] = (d, col)
            d, col = self.dialers[cid]
            for call_id in list(d.ringing):
                try:
                    call = (await acd.get_call(call_id)).call
                except acd_errors.NotFound:
                    await asyncio.to_thread(d.on_outcome, call_id, Outcome.FAILED)
                    continue
                if call.state in (CONNECTED, COMPLETED) and call.agent_id:
                    await asyncio.to_thread(d.on_outcome, call_id, Outcome.ANSWERED, call.agent_id)
                elif call.state == ABANDONED:
                    await asyncio.to_thread(d.on_outcome, call_id, Outcome.NO_ANSWER)
                elif call.state in (COMPLETED, OVERFLOWED):
                    await asyncio.to_thread(d.on_outcome, call_id, Outcome.FAILED)
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
                    await asyncio.to_thread(d.on_outcome, call_id, Outcome.FAILED)
