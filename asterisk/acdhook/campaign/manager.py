"""The customer's leg of telemarketing (campaign) calls.

The business platform's dialer (servicedesk.growth) places each campaign call in acdcore as a
virtual call of the campaign's queue with the attribute ``kind=campaign``; acdcore offers it
to an agent like any call. The hook watches acdcore's offers (one WatchEvents stream,
CALL_OFFERED, ``[campaign] queues``) and, for an offer of a campaign call, runs the callback
manager's agent-first choreography with the business platform in the loop:

1. ``BeginCampaignCall`` (desk.v1.GrowthService, role telephony) naming the offered agent: the
   number to dial, after the do-not-call list, the calling hours and the campaign's state are
   checked once more, and a previewed call is only for the agent who accepted the preview
   (offered to anybody else -- that agent logged out and acdcore's targeting lapsed -- it is
   refused, NOT_PREVIEW_AGENT, and the contact goes back to the campaign's list). Refused
   (or the call unknown / ended there): acdcore's call is cancelled, nobody is rung. The desk
   unreachable or refusing the hook's credentials: the offer is given back (RejectOffer).
2. ARI originate of the agent's phone (Stasis); not answered: RejectOffer (the call goes back to
   its place and is offered again, step 1 asked again); answered: AcceptOffer.
3. ARI originate of the customer (``[campaign] endpoint``, only numbers matching
   ``number_pattern``). ChannelDestroyed before StasisStart gives the outcome from its Q.850
   cause: 17 busy -> BUSY; 18, 19, 21 (no user response, no answer, rejected) or the hook's
   own ring timeout -> NO_ANSWER; anything else (unallocated number, no route, congestion,
   ...) -> FAILED.
4. Answered, with ``amd``: the customer's channel is subscribed (``channel:<id>``, so its
   destruction is seen outside Stasis) and continued into ``amd_context`` (extensions.conf:
   ``AMD()`` then ``Stasis(<app>,campaign-amd,${AMDSTATUS},${AMDCAUSE})``). MACHINE -> hang
   up, MACHINE; the customer gone during AMD -> NO_ANSWER; no verdict in ``amd_timeout`` ->
   hang up, FAILED; HUMAN or NOTSURE -> a person.
5. A person: a mixing bridge of agent and customer (recorded like every answered call) while
   ``ReportCampaignCallOutcome(ANSWERED, agent)`` goes to the desk; CompleteCall at the first
   hang-up. Not a person (or the agent hung up meanwhile: FAILED): both phones are hung up, the
   outcome reported, then the call completed in acdcore. The desk retries the number per the
   campaign's rules. Whatever fails on the way, an accepted call is completed exactly once and
   no channel stays up.

Reports to the desk are retried (``[campaign] desk_timeout`` each, for up to a minute); the
hook's queue_log gets ``CAMPAIGNDIAL``, ``CAMPAIGNREFUSED`` and ``CAMPAIGNOUTCOME`` lines.

A restarted hook (:meth:`Campaigns.reconcile`, before it follows offers again): the calls of
the previous run live on in Asterisk and acdcore, but the new process knows none of them, and
Asterisk does not send StasisStart again for channels already in the application. So it asks
both sides: ARI for its channels and bridges named ``acdcmp-<offer>[-agent|-customer]``,
acdcore (ListCalls) for the campaign calls it holds CONNECTED, whose ``offer_id`` names them.

* agent and customer still bridged: the conversation is adopted -- the hook waits for either
  to hang up, then hangs up the other, reports ANSWERED to the desk again (the desk keeps the
  first report of a call, so a repeat changes nothing) and completes the call in acdcore
  (queue_log ``CAMPAIGNREADOPT``);
* bridged once but a side already gone (hung up while no hook ran): the same, at once;
* never bridged (the hook died while the customer rang or AMD listened) or nothing left: the
  channels still up are hung up, FAILED is reported (the desk retries the number per the
  campaign's rules; refused harmlessly if the call already had its outcome) and the call is
  completed (``CAMPAIGNORPHAN``);
* ``acdcmp-`` channels and bridges no CONNECTED call claims (an agent rung for an offer that
  has lapsed meanwhile) are hung up / destroyed.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from typing import TYPE_CHECKING, Any, Callable

from acdcore_client import errors, pb

from ..acd import is_transient

if TYPE_CHECKING:
    from ..app import Hook

log = logging.getLogger("acdhook.campaign")
E = pb.enums

#: ARI ids of campaign calls: the bridge acdcmp-<offer>, its channels acdcmp-<offer>-agent / -customer
PREFIX = "acdcmp-"
# desk.v1 campaign outcomes (servicedesk.growth.campaigns.Outcome)
ANSWERED, NO_ANSWER, BUSY, MACHINE, FAILED = 1, 2, 3, 4, 5
OUTCOME_NAMES = {ANSWERED: "ANSWERED", NO_ANSWER: "NOANSWER", BUSY: "BUSY", MACHINE: "MACHINE", FAILED: "FAILED"}
#: Q.850 causes of a customer leg that ended before answer (ChannelDestroyed.cause)
_BUSY_CAUSES = {17}
_NO_ANSWER_CAUSES = {18, 19, 21}


def outcome_of_cause(cause: int) -> int:
    if cause in _BUSY_CAUSES:
        return BUSY
    if cause in _NO_ANSWER_CAUSES:
        return NO_ANSWER
    return FAILED


class DeskError(Exception):
    def __init__(self, code: str, reason: str, message: str) -> None:
        super().__init__(f"{code} {reason}: {message}")
        self.code = code
        self.reason = reason

    @property
    def transient(self) -> bool:
        return self.code in ("UNAVAILABLE", "DEADLINE_EXCEEDED", "CANCELLED", "RESOURCE_EXHAUSTED")


class DeskLink:
    """desk.v1.GrowthService's campaign calls, asyncio, token of role telephony."""

    def __init__(self, target: str, token: str, timeout: float) -> None:
        from grpc import aio

        from servicedesk.api.desk.v1 import growth_service_pb2 as gpb
        from servicedesk.api.desk.v1 import growth_service_pb2_grpc as gpb_grpc

        self.pb = gpb
        self.channel = aio.insecure_channel(target)
        self.stub = gpb_grpc.GrowthServiceStub(self.channel)
        self.md = (("authorization", f"Bearer {token}"),)
        self.timeout = timeout

    async def call(self, name: str, req: Any) -> Any:
        import grpc

        try:
            return await getattr(self.stub, name)(req, metadata=self.md, timeout=self.timeout)
        except grpc.aio.AioRpcError as e:
            reason = ""
            for k, v in e.trailing_metadata() or ():
                if k == "desk-reason":
                    reason = str(v)
            if not reason:
                m = re.search(r"\b([A-Z][A-Z_]{3,})\b", e.details() or "")
                reason = m.group(1) if m else ""
            raise DeskError(e.code().name, reason, e.details() or "") from None

    async def begin(self, call_id: str, agent_id: str = "") -> Any:
        return await self.call("BeginCampaignCall", self.pb.BeginCampaignCallRequest(call_id=call_id,
                                                                                     agent_id=agent_id))

    async def report(self, call_id: str, outcome: int, agent_id: str, detail: str) -> Any:
        return await self.call("ReportCampaignCallOutcome", self.pb.ReportCampaignCallOutcomeRequest(
            call_id=call_id, outcome=outcome, agent_id=agent_id, detail=detail[:200]))

    async def close(self) -> None:
        await self.channel.close()


class Campaigns:
    def __init__(self, hook: Hook) -> None:
        self.hook = hook
        self.cfg = hook.cfg.campaign
        self.desk: DeskLink | None = None
        self.task: asyncio.Task[None] | None = None
        #: call id -> the task handling its latest offer (offers of one call run one after another)
        self.calls: dict[str, asyncio.Task[None]] = {}
        self._offers: set[int] = set()
        #: (call id, outcome name, detail) of every reported outcome, for operators' tools and tests
        self.outcomes: list[tuple[str, str, str]] = []
        #: what :meth:`reconcile` found at start
        self.reconciled: dict[str, list[str]] = {}

    async def start(self) -> None:
        self.desk = DeskLink(self.cfg.desk_target, self.cfg.desk_token, self.cfg.desk_timeout)
        self.task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        # the previous run's calls first: channels the offers below originate must not be
        # mistaken for its leftovers
        delay = 0.2
        while True:
            try:
                self.reconciled = await self.reconcile()
                break
            except asyncio.CancelledError:
                raise
            except Exception as e:  # ARI or acdcore not there yet: nothing can be dialled anyway
                log.warning("campaign: reconciling the previous run's calls failed (%s); retrying", e)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
        await self._watch()

    # ---------------------------------------------------------------- after a restart
    async def reconcile(self) -> dict[str, list[str]]:
        """Adopt or finish the campaign calls a previous run of the hook left connected (see
        the module's docstring). Returns the call ids adopted and finished and the leftover
        channel / bridge ids cleared."""
        hook = self.hook
        ari = hook.ari
        assert ari is not None
        # events must reach this process before it relies on them for the adopted channels
        await ari.connected.wait()
        channels = {str(c.get("id", "")): c for c in await ari.request("GET", "/channels") or []}
        bridges = {str(b.get("id", "")): b for b in await ari.request("GET", "/bridges") or []}
        calls = (await hook.acd.client.list_calls("")).calls
        out: dict[str, list[str]] = {"adopted": [], "finished": [], "cleared": []}
        claimed: set[str] = set()
        for call in calls:
            if call.state != E.CALL_STATE_CONNECTED or dict(call.attributes).get("kind") != "campaign":
                continue
            if self.cfg.queues and call.queue not in self.cfg.queues:
                continue  # another hook's
            if not call.offer_id or hook.registry.get(call.call_id) is not None:
                continue
            bridge = f"{PREFIX}{call.offer_id}"
            ch_agent, ch_cust = f"{bridge}-agent", f"{bridge}-customer"
            claimed |= {bridge, ch_agent, ch_cust}
            if call.call_id in self.calls:
                continue  # taken up by an earlier pass that failed further on
            b = bridges.get(bridge)
            members = set(b.get("channels") or ()) if b is not None else set()
            live = {ch for ch in (ch_agent, ch_cust) if ch in channels}
            adopt = b is not None and live == {ch_agent, ch_cust} and members >= live
            out["adopted" if adopt else "finished"].append(call.call_id)
            t = hook.spawn(self._recovered(call.call_id, call.offer_id, call.agent_id, call.queue, ch_agent,
                                           ch_cust, bridge, bridged=b is not None, follow=adopt, live=live))
            self.calls[call.call_id] = t

            def done(_t: asyncio.Task[None], call_id: str = call.call_id) -> None:
                if self.calls.get(call_id) is _t:
                    del self.calls[call_id]
            t.add_done_callback(done)
        gone: list[asyncio.Event] = []
        for cid in channels:
            if cid.startswith(PREFIX) and cid not in claimed:
                out["cleared"].append(cid)
                ev = asyncio.Event()
                gone.append(ev)
                ari.channel_handlers[cid] = _on_destroyed(ev)
                await ari.hangup(cid)
        if gone:
            # an offer still ringing is handled again under the same channel ids: the old
            # channel's ChannelDestroyed must have arrived before a new one takes its id
            waits = [asyncio.ensure_future(ev.wait()) for ev in gone]
            await asyncio.wait(waits, timeout=5)
            for w in waits:
                w.cancel()
            for cid in out["cleared"]:
                ari.channel_handlers.pop(cid, None)
        for bid in bridges:
            if bid.startswith(PREFIX) and bid not in claimed:
                out["cleared"].append(bid)
                await ari.destroy_bridge(bid)
        if any(out.values()):
            log.info("campaign: after the restart: %s", out)
        return out

    async def _channel_up(self, channel_id: str) -> bool:
        from ..ari.client import AriError

        ari = self.hook.ari
        assert ari is not None
        try:
            await ari.request("GET", f"/channels/{channel_id}")
        except AriError as e:
            if e.status == 404:
                return False
            raise
        return True

    async def _recovered(self, call_id: str, offer_id: int, agent_id: str, queue: str, ch_agent: str, ch_cust: str,
                         bridge: str, *, bridged: bool, follow: bool, live: set[str]) -> None:
        """One CONNECTED call of the previous run: follow the conversation to its end if it is
        still on (``follow``), else end what is left; either way report and complete it exactly
        once. ``bridged``: the previous run got as far as the bridge, so the customer was a
        person and the desk has heard ANSWERED (it was sent before the bridge was made)."""
        hook = self.hook
        ari = hook.ari
        acd = hook.acd.client
        assert ari is not None
        queues: dict[str, asyncio.Queue[tuple[str, dict[str, Any]]]] = {}
        for ch in live:
            q: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
            queues[ch] = q
            ari.channel_handlers[ch] = _to_queue(q)
        completed = False
        by = E.HANGUP_BY_AGENT
        try:
            # a hang-up between the listing and the handlers went to nobody: ask again
            for ch in list(queues):
                if not await self._channel_up(ch):
                    queues[ch].put_nowait(("ChannelDestroyed", {}))
            if bridged:
                hook.qlog.write(call_id, queue, agent_id, "CAMPAIGNREADOPT", ",".join(sorted(live)) or "-")
                report = hook.spawn(self._tell_desk(call_id, ANSWERED, agent_id, "re-adopted after a hook restart"))
                if follow:
                    by = await _first_hangup(queues[ch_agent], queues[ch_cust])
                else:
                    by = E.HANGUP_BY_CALLER if ch_cust not in live else E.HANGUP_BY_AGENT
                await self._recording_stopped(call_id, queue, agent_id, offer_id, ch_cust)
            else:
                hook.qlog.write(call_id, queue, agent_id, "CAMPAIGNORPHAN", ",".join(sorted(live)) or "-")
                report = hook.spawn(self._report(call_id, FAILED, "",
                                                 "the hook restarted before the customer was connected"))
            for ch in (ch_agent, ch_cust):
                ari.channel_handlers.pop(ch, None)
                if ch in live:
                    await ari.hangup(ch)
            if bridged:
                await ari.destroy_bridge(bridge)
            await asyncio.wait([report], timeout=self.cfg.desk_timeout)
            completed = True
            hook.acd.deliver("CompleteCall", lambda: acd.complete_call(call_id, hangup_by=by, agent_id=agent_id))
        finally:
            if not completed:  # cancelled (the hook stopping) or an error: nobody stays connected
                for ch in (ch_cust, ch_agent):
                    ari.channel_handlers.pop(ch, None)
                    try:
                        await ari.hangup(ch)
                    except Exception:
                        pass
                hook.acd.deliver("CompleteCall", lambda: acd.complete_call(call_id, hangup_by=by, agent_id=agent_id))

    async def _tell_desk(self, call_id: str, outcome: int, agent_id: str, detail: str) -> None:
        """Tell the desk the outcome, without a queue_log line; retried while it is unreachable
        (for up to a minute). A restarted hook calls it alone: the previous run wrote the line."""
        assert self.desk is not None
        deadline = time.monotonic() + 60
        delay = 0.2
        while True:
            try:
                await self.desk.report(call_id, outcome, agent_id if outcome == ANSWERED else "", detail)
                return
            except DeskError as e:
                if not e.transient or time.monotonic() > deadline:
                    log.warning("campaign call %s: outcome %s not recorded by the desk: %s", call_id,
                                OUTCOME_NAMES[outcome], e)
                    return
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    async def _recording_stopped(self, call_id: str, queue: str, agent_id: str, offer_id: int, channel: str) -> None:
        """The previous run's recording of the call: its ids derive from the call id
        (recording/seam.py), so it is torn down and stopped as if this run had started it."""
        rec = self.hook.recording
        if not rec.enabled or rec.fork is None:
            return
        from ..queueing.calls import CallCtx
        from ..recording.seam import ForkHandle

        ids = rec.fork.ids(call_id)
        ctx = CallCtx(call_id=call_id, caller="", dialled="", channel=channel, queue=queue, in_acd=True,
                      virtual=True, offer_id=offer_id, agent_id=agent_id, accepted=True)
        ctx.recording = ForkHandle(call_id, channels=[ids[k] for k in ("snoop_in", "em_in", "snoop_out", "em_out")],
                                   bridges=[ids["bridge_in"], ids["bridge_out"]])
        try:
            await rec.on_hangup(ctx)
        except Exception as e:  # a recording problem never keeps the call from completing
            log.warning("campaign call %s: stopping the recording of the previous run failed: %s", call_id, e)

    async def stop(self) -> None:
        tasks = [t for t in (self.task, *self.calls.values()) if t is not None]
        for t in tasks:
            t.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=5)
        if self.desk is not None:
            await self.desk.close()

    # ---------------------------------------------------------------- offers
    async def _watch(self) -> None:
        acd = self.hook.acd.client
        after = 0
        while True:
            try:
                async for resp in acd.watch_events(after_seq=after, queues=self.cfg.queues,
                                                   event_types=(E.EVENT_TYPE_CALL_OFFERED,), reconnect=False):
                    if resp.HasField("snapshot"):
                        after = resp.snapshot.seq
                        for c in resp.snapshot.calls:
                            if c.state == E.CALL_STATE_OFFERED and dict(c.attributes).get("kind") == "campaign":
                                self._offer(c.call_id, c.offer_id, c.agent_id, c.queue)
                    for ev in resp.events:
                        after = ev.seq
                        if ev.type == E.EVENT_TYPE_CALL_OFFERED:
                            self._offer(ev.call_id, ev.offer_id, ev.agent_id, ev.queue)
            except asyncio.CancelledError:
                raise
            except errors.AcdApiError as e:
                if e.code.name == "OUT_OF_RANGE":
                    after = 0  # the server no longer holds our place: start again from a snapshot
                elif not is_transient(e):
                    log.warning("campaign offers stream: %s", e)
            await asyncio.sleep(self.hook.cfg.acd.retry_interval)

    def _offer(self, call_id: str, offer_id: int, agent_id: str, queue: str) -> None:
        if not offer_id or offer_id in self._offers or self.hook.registry.get(call_id) is not None:
            return  # a hotline caller or a callback: theirs
        self._offers.add(offer_id)
        prev = self.calls.get(call_id)
        t = self.hook.spawn(self._handle(call_id, offer_id, agent_id, queue, prev))
        self.calls[call_id] = t

        def done(_t: asyncio.Task[None]) -> None:
            # the offer is over once handled (GetCall tells a replayed one from a live one)
            self._offers.discard(offer_id)
            if self.calls.get(call_id) is t:
                del self.calls[call_id]
        t.add_done_callback(done)

    async def _handle(self, call_id: str, offer_id: int, agent_id: str, queue: str,
                      prev: asyncio.Task[None] | None) -> None:
        if prev is not None:
            await asyncio.wait([prev])
        acd = self.hook.acd.client
        try:
            call = (await acd.get_call(call_id)).call
        except errors.AcdApiError as e:
            log.info("campaign: GetCall %s: %s", call_id, e)  # the offer times out and comes again
            return
        if dict(call.attributes).get("kind") != "campaign":
            return
        if call.state != E.CALL_STATE_OFFERED or call.offer_id != offer_id:
            return  # that offer is already over
        try:
            await self._place(call_id, offer_id, agent_id, queue)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("campaign call %s: offer %s failed", call_id, offer_id)

    # ---------------------------------------------------------------- the call
    async def _originate(self, endpoint: str, channel_id: str, args: str, timeout: float,
                         caller_id: str = "") -> tuple[str, int, asyncio.Queue[tuple[str, dict[str, Any]]]]:
        """("answered" | "ended" | "failed" | "timeout", Q.850 cause, the channel's event queue)."""
        ari = self.hook.ari
        assert ari is not None
        q: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()

        def on_ev(ev: dict[str, Any]) -> None:
            q.put_nowait((str(ev.get("type", "")), ev))

        ari.channel_handlers[channel_id] = on_ev
        try:
            await ari.originate(endpoint, channel_id=channel_id, app_args=args, caller_id=caller_id,
                                timeout=timeout)
        except Exception as e:
            ari.channel_handlers.pop(channel_id, None)
            log.warning("campaign: originate %s failed: %s", endpoint, e)
            return "failed", 0, q
        deadline = time.monotonic() + timeout + 5
        while True:
            left = deadline - time.monotonic()
            try:
                t, ev = await asyncio.wait_for(q.get(), max(left, 0.001))
            except (asyncio.TimeoutError, TimeoutError):
                await ari.hangup(channel_id)
                ari.channel_handlers.pop(channel_id, None)
                return "timeout", 0, q
            if t == "StasisStart":
                return "answered", 0, q
            if t == "ChannelDestroyed":
                ari.channel_handlers.pop(channel_id, None)
                return "ended", int(ev.get("cause", 0) or 0), q

    async def _amd(self, channel_id: str, q: asyncio.Queue[tuple[str, dict[str, Any]]]) -> tuple[str, str]:
        """Run AMD() on the answered customer: (AMDSTATUS or "GONE" / "TIMEOUT", AMDCAUSE)."""
        ari = self.hook.ari
        assert ari is not None
        try:
            await ari.subscribe(f"channel:{channel_id}")
            await ari.continue_in_dialplan(channel_id, self.cfg.amd_context, "s", 1)
        except Exception as e:
            log.warning("campaign: AMD on %s could not start: %s", channel_id, e)
            return "GONE", str(e)[:80]
        deadline = time.monotonic() + self.cfg.amd_timeout
        try:
            while True:
                left = deadline - time.monotonic()
                try:
                    t, ev = await asyncio.wait_for(q.get(), max(left, 0.001))
                except (asyncio.TimeoutError, TimeoutError):
                    return "TIMEOUT", ""
                if t == "ChannelDestroyed":
                    return "GONE", f"cause {ev.get('cause', 0)}"
                if t == "StasisStart":
                    args = [str(a) for a in ev.get("args") or []]
                    if args[:1] == ["campaign-amd"]:
                        return (args[1] if len(args) > 1 else "NOTSURE") or "NOTSURE", ",".join(args[2:])[:80]
        finally:
            try:
                await ari.unsubscribe(f"channel:{channel_id}")
            except Exception:
                pass

    async def _report(self, call_id: str, outcome: int, agent_id: str, detail: str) -> None:
        """The outcome in the queue_log, then to the desk (:meth:`_tell_desk`)."""
        assert self.desk is not None
        name = OUTCOME_NAMES[outcome]
        self.outcomes.append((call_id, name, detail))
        self.hook.qlog.write(call_id, "NONE", agent_id or "NONE", "CAMPAIGNOUTCOME", name, detail)
        await self._tell_desk(call_id, outcome, agent_id, detail)

    async def _place(self, call_id: str, offer_id: int, agent_id: str, queue: str) -> None:
        hook = self.hook
        ari = hook.ari
        acd = hook.acd.client
        assert ari is not None and self.desk is not None
        endpoint = hook.cfg.agents.get(agent_id)
        if endpoint is None:
            await acd.reject_offer(offer_id, agent_id)
            hook.acd.deliver("Pause", lambda: acd.pause(agent_id, "no-endpoint"))
            return
        # 1. the business platform says whether and what to dial, now
        try:
            b = await self.desk.begin(call_id, agent_id)
        except DeskError as e:
            if e.code not in ("NOT_FOUND", "FAILED_PRECONDITION"):
                # away, or misconfigured (token, address): give the offer back, it comes again;
                # never cancel calls because the hook cannot ask
                log.warning("campaign call %s: the desk did not answer (%s): offer given back", call_id, e)
                hook.acd.deliver("RejectOffer", lambda: acd.reject_offer(offer_id, agent_id))
                return
            log.warning("campaign call %s: the desk refused it: %s", call_id, e)
            hook.qlog.write(call_id, queue, agent_id, "CAMPAIGNREFUSED", e.reason or e.code)
            hook.acd.deliver("CancelCall", lambda: acd.cancel_call(call_id))
            return
        if not b.allowed:
            hook.qlog.write(call_id, queue, agent_id, "CAMPAIGNREFUSED", b.refusal)
            hook.acd.deliver("CancelCall", lambda: acd.cancel_call(call_id))
            return
        number = b.number
        if not re.fullmatch(self.cfg.number_pattern, number):
            hook.qlog.write(call_id, queue, agent_id, "CAMPAIGNREFUSED", "number not dialable")
            await self._report(call_id, FAILED, "", "number does not match number_pattern")
            hook.acd.deliver("CancelCall", lambda: acd.cancel_call(call_id))
            return
        # 2. the agent first
        ch_agent, ch_cust, bridge = f"{PREFIX}{offer_id}-agent", f"{PREFIX}{offer_id}-customer", f"{PREFIX}{offer_id}"
        hook.qlog.write(call_id, queue, agent_id, "CAMPAIGNDIAL", "agent")
        st, _cause, qa = await self._originate(endpoint, ch_agent, f"campaign,{call_id},agent",
                                               hook.cfg.hotline.ring_timeout, self.cfg.caller_id)
        if st != "answered":
            try:
                await acd.reject_offer(offer_id, agent_id)
            except errors.AcdApiError as e:
                log.info("campaign call %s: RejectOffer: %s", call_id, e)
            return
        try:
            await acd.accept_offer(offer_id, agent_id)
        except errors.AcdApiError as e:
            log.warning("campaign call %s: AcceptOffer failed: %s", call_id, e)
            ari.channel_handlers.pop(ch_agent, None)
            await ari.hangup(ch_agent)
            return
        # 3. the customer; from here the call is acdcore's CONNECTED call: completed exactly once
        completed = False

        def complete(by: int) -> None:
            nonlocal completed
            if not completed:
                completed = True
                hook.acd.deliver("CompleteCall", lambda: acd.complete_call(call_id, hangup_by=by, agent_id=agent_id))

        try:
            await self._customer(call_id, queue, offer_id, agent_id, number, ch_agent, ch_cust, bridge, qa, complete)
        finally:
            if not completed:  # an error on the way: nobody must stay connected
                for ch in (ch_cust, ch_agent):
                    ari.channel_handlers.pop(ch, None)
                    try:
                        await ari.hangup(ch)
                    except Exception:
                        pass
                complete(E.HANGUP_BY_AGENT)

    async def _customer(self, call_id: str, queue: str, offer_id: int, agent_id: str, number: str, ch_agent: str,
                        ch_cust: str, bridge: str, qa: asyncio.Queue[tuple[str, dict[str, Any]]],
                        complete: Any) -> None:
        hook = self.hook
        ari = hook.ari
        assert ari is not None
        hook.qlog.write(call_id, queue, agent_id, "CAMPAIGNDIAL", "customer")
        st, cause, qc = await self._originate(self.cfg.endpoint.replace("{number}", number), ch_cust,
                                              f"campaign,{call_id},customer", self.cfg.ring_timeout,
                                              self.cfg.caller_id)
        outcome, detail = ANSWERED, ""
        if st == "ended":
            outcome, detail = outcome_of_cause(cause), f"cause {cause}"
        elif st == "timeout":
            outcome, detail = NO_ANSWER, "ring timeout"
        elif st == "failed":
            outcome, detail = FAILED, "originate failed"
        elif self.cfg.amd:
            # 4. a person or a machine?
            status, amd_cause = await self._amd(ch_cust, qc)
            detail = f"AMD {status} {amd_cause}".strip()
            if status == "MACHINE":
                outcome = MACHINE
            elif status in ("GONE", "HANGUP"):
                outcome = NO_ANSWER
            elif status == "TIMEOUT":
                outcome = FAILED
        if outcome == ANSWERED and _gone(qa):
            outcome, detail = FAILED, "the agent hung up before the customer answered"
        if outcome != ANSWERED:
            for ch in (ch_cust, ch_agent):
                ari.channel_handlers.pop(ch, None)
                await ari.hangup(ch)
            await self._report(call_id, outcome, "", detail)
            complete(E.HANGUP_BY_AGENT)
            return
        # 5. a person: connect (the desk hears of it meanwhile), record, wait for a hang-up
        report = self.hook.spawn(self._report(call_id, ANSWERED, agent_id, detail))
        await ari.create_bridge(bridge, "mixing", name=f"campaign {call_id}")
        try:
            await ari.add_channels(bridge, [ch_agent, ch_cust])
            from ..queueing.calls import CallCtx

            ctx = CallCtx(call_id=call_id, caller=number, dialled="", channel=ch_cust, queue=queue, in_acd=True,
                          virtual=True, offer_id=offer_id, agent_id=agent_id, accepted=True, answered_at=time.time(),
                          media_channel=ch_cust)
            await hook.recording.on_answered(ctx)
            by = await _first_hangup(qa, qc)
            await hook.recording.on_hangup(ctx)
        finally:
            for ch in (ch_agent, ch_cust):
                ari.channel_handlers.pop(ch, None)
                await ari.hangup(ch)
            await ari.destroy_bridge(bridge)
        await asyncio.wait([report], timeout=self.cfg.desk_timeout)
        complete(by)


def _on_destroyed(ev: asyncio.Event) -> Callable[[dict[str, Any]], None]:
    def on(e: dict[str, Any]) -> None:
        if e.get("type") == "ChannelDestroyed":
            ev.set()
    return on


async def _first_hangup(agent: asyncio.Queue[tuple[str, dict[str, Any]]],
                        customer: asyncio.Queue[tuple[str, dict[str, Any]]]) -> int:
    """Wait until the agent's or the customer's channel is destroyed; who hung up first."""
    async def gone(q: asyncio.Queue[tuple[str, dict[str, Any]]]) -> None:
        while (await q.get())[0] != "ChannelDestroyed":
            pass
    ga, gc = asyncio.ensure_future(gone(agent)), asyncio.ensure_future(gone(customer))
    try:
        done, _pending = await asyncio.wait({ga, gc}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for f in (ga, gc):
            f.cancel()
    return int(E.HANGUP_BY_CALLER if gc in done else E.HANGUP_BY_AGENT)


def _to_queue(q: asyncio.Queue[tuple[str, dict[str, Any]]]) -> Callable[[dict[str, Any]], None]:
    def on(e: dict[str, Any]) -> None:
        q.put_nowait((str(e.get("type", "")), e))
    return on


def _gone(q: asyncio.Queue[tuple[str, dict[str, Any]]]) -> bool:
    """Whether the channel's queued events include its destruction (without waiting)."""
    items = []
    while not q.empty():
        items.append(q.get_nowait())
    for it in items:
        q.put_nowait(it)
    return any(t == "ChannelDestroyed" for t, _ev in items)
