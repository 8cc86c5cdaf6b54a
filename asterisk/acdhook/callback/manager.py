"""Callback requests, kept with their place in line.

A waiting caller presses the callback key: the hook checks the caller's number against
``callback.number_pattern`` (the only caller-derived value that ever reaches a dial target,
and only as the digits that pattern allows, inside the endpoint template of the config),
writes the request to its durable store, tells the caller, and hangs up the audio -- but
does **not** cancel the call: it stays WAITING in acdcore at its original place, a
"virtual" caller. When acdcore offers it, the hook originates (ARI) the agent's phone
first; the offer is accepted when the agent answers (rejected if the phone does not
answer, so the call goes back to its place like any call), then it originates the
customer through the trunk and bridges the two. A customer who does not answer completes
the call with the store saying so.

The store (``callback.store``, JSON lines, append-only) is what the business platform
consumes: one record per change, ``{"call_id", "status", "time", "caller", "queue",
"requested_at", "enqueue_time", "position", "agent_id"}`` with status ``waiting``,
``calling-agent``, ``calling-customer``, ``connected``, ``completed``,
``customer-no-answer`` or ``failed``. The acdcore events of the call id tell the rest.
On start the hook follows again every request still open in the store.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from typing import TYPE_CHECKING, Any

from acdcore_client import errors, pb

from ..acd import is_transient
from ..agi.protocol import Session
from ..ivr.menu import play
from ..queueing.calls import CallCtx

if TYPE_CHECKING:
    from ..app import Hook
    from ..queueing.service import QueueCall

log = logging.getLogger("acdhook.callback")
E = pb.enums
_OPEN = ("waiting", "calling-agent", "calling-customer", "connected")


class Callbacks:
    def __init__(self, hook: Hook) -> None:
        self.hook = hook
        self.cfg = hook.cfg.callback
        self.path = self.cfg.store
        self.records: dict[str, dict[str, Any]] = {}
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self._queues: dict[str, asyncio.Queue[str]] = {}

    # ---------------------------------------------------------------- the store
    def load(self) -> None:
        try:
            with open(self.path) as f:
                for line in f:
                    try:
                        r = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(r, dict) and isinstance(r.get("call_id"), str):
                        self.records.setdefault(r["call_id"], {}).update(r)
        except FileNotFoundError:
            pass

    def _write(self, call_id: str, status: str, **extra: Any) -> None:
        rec = self.records.setdefault(call_id, {"call_id": call_id})
        rec.update(extra)
        rec["status"] = status
        rec["time"] = time.time()
        with open(self.path, "a") as f:
            f.write(json.dumps(rec, sort_keys=True) + "\n")

    def resume(self) -> None:
        for cid, rec in self.records.items():
            if rec.get("status") in _OPEN and cid not in self.tasks:
                ctx = CallCtx(call_id=cid, caller=str(rec.get("caller", "")), dialled=str(rec.get("dialled", "")),
                              channel="", arrived=float(rec.get("enqueue_time", time.time())),
                              queue=str(rec.get("queue", "")), virtual=True, in_acd=True)
                self._follow(ctx)

    # ---------------------------------------------------------------- the request
    async def request(self, qc: QueueCall, session: Session) -> bool:
        ctx = qc.ctx
        hook = self.hook
        if hook.ari is None or not re.fullmatch(self.cfg.number_pattern, ctx.caller or ""):
            why = "no ARI" if hook.ari is None else "number not callable"
            hook.qlog.write(ctx.call_id, ctx.queue, "NONE", "CALLBACKREFUSED", why)
            await play(hook, session, "callback_unavailable")
            return False
        self._write(ctx.call_id, "waiting", caller=ctx.caller, dialled=ctx.dialled, queue=ctx.queue,
                    requested_at=time.time(), enqueue_time=ctx.arrived, position=ctx.position)
        hook.qlog.write(ctx.call_id, ctx.queue, "NONE", "CALLBACKREQ", ctx.position)
        await qc._stop_waiting()
        ctx.virtual = True
        ctx.owner = hook.registry.new_owner()
        await play(hook, session, "callback_confirm")
        self._follow(ctx)
        try:
            await session.hangup_channel()
        except Exception:
            pass
        return True

    def _follow(self, ctx: CallCtx) -> None:
        self.hook.registry.add(ctx)
        t = self.hook.spawn(self._run(ctx))
        self.tasks[ctx.call_id] = t
        t.add_done_callback(lambda _t: self.tasks.pop(ctx.call_id, None))

    async def _run(self, ctx: CallCtx) -> None:
        """Follow the virtual caller until acdcore offers it, then place the callback."""
        acd = self.hook.acd.client
        handled: set[int] = set()
        while True:
            try:
                async for resp in acd.watch_call(ctx.call_id):
                    c = resp.call
                    ev = resp.event if resp.HasField("event") else None
                    offer = 0
                    if ev is not None and ev.type == E.EVENT_TYPE_CALL_OFFERED:
                        offer, agent = ev.offer_id, ev.agent_id
                    elif ev is None and c.state == E.CALL_STATE_OFFERED:
                        offer, agent = c.offer_id, c.agent_id
                    if offer and offer not in handled:
                        handled.add(offer)
                        if await self._place(ctx, offer, agent):
                            self.hook.registry.drop(ctx)
                            return
                    if c.state in (E.CALL_STATE_COMPLETED, E.CALL_STATE_ABANDONED, E.CALL_STATE_OVERFLOWED):
                        self._write(ctx.call_id, "failed", reason=E.CallState.Name(c.state))
                        self.hook.registry.drop(ctx)
                        return
            except asyncio.CancelledError:
                raise
            except errors.AcdApiError as e:
                if not is_transient(e):
                    if e.reason == "CALL_NOT_FOUND":
                        # acdcore came back without it: put it back at its original time
                        try:
                            await acd.enqueue_call(ctx.call_id, ctx.queue, caller=ctx.caller, dialled=ctx.dialled,
                                                   enqueue_time=ctx.arrived)
                            continue
                        except errors.AcdApiError as e2:
                            e = e2
                    if not is_transient(e):
                        log.warning("callback %s: lost: %s", ctx.call_id, e)
                        self._write(ctx.call_id, "failed", reason=e.reason or e.code.name)
                        self.hook.registry.drop(ctx)
                        return
            await asyncio.sleep(self.hook.cfg.acd.retry_interval)

    async def _originate(self, endpoint: str, channel_id: str, args: str, timeout: float) -> bool:
        """Originate into the Stasis app; True once answered (StasisStart), False if it ended first."""
        ari = self.hook.ari
        assert ari is not None
        q: asyncio.Queue[str] = asyncio.Queue()

        def on_ev(ev: dict[str, Any]) -> None:
            t = ev.get("type")
            if t in ("StasisStart", "ChannelDestroyed", "StasisEnd"):
                q.put_nowait(str(t))

        ari.channel_handlers[channel_id] = on_ev
        try:
            await ari.originate(endpoint, channel_id=channel_id, app_args=args, caller_id=self.cfg.caller_id,
                                timeout=timeout)
        except Exception as e:
            ari.channel_handlers.pop(channel_id, None)
            log.warning("callback: originate %s failed: %s", endpoint, e)
            return False
        try:
            t = await asyncio.wait_for(q.get(), timeout + 5)
        except (asyncio.TimeoutError, TimeoutError):
            t = "timeout"
            await ari.hangup(channel_id)
        if t != "StasisStart":
            ari.channel_handlers.pop(channel_id, None)
            return False
        ari.channel_handlers[channel_id] = on_ev
        self._queues[channel_id] = q
        return True

    async def _place(self, ctx: CallCtx, offer_id: int, agent_id: str) -> bool:
        """Place the callback for one offer; True when the callback is over (call ended)."""
        hook = self.hook
        ari = hook.ari
        acd = hook.acd.client
        if ari is None:
            return False
        endpoint = hook.cfg.agents.get(agent_id)
        if endpoint is None:
            await acd.reject_offer(offer_id, agent_id)
            hook.acd.deliver("Pause", lambda: acd.pause(agent_id, "no-endpoint"))
            return False
        self._write(ctx.call_id, "calling-agent", agent_id=agent_id)
        hook.qlog.write(ctx.call_id, ctx.queue, agent_id, "CALLBACKDIAL", "agent")
        ch_agent, ch_cust, bridge = f"acdcb-{offer_id}-agent", f"acdcb-{offer_id}-customer", f"acdcb-{offer_id}"
        if not await self._originate(endpoint, ch_agent, f"callback,{ctx.call_id},agent",
                                     hook.cfg.hotline.ring_timeout):
            try:
                await acd.reject_offer(offer_id, agent_id)
            except errors.AcdApiError as e:
                log.info("callback %s: RejectOffer: %s", ctx.call_id, e)
            self._write(ctx.call_id, "waiting")
            return False
        try:
            await acd.accept_offer(offer_id, agent_id)
        except errors.AcdApiError as e:
            log.warning("callback %s: AcceptOffer failed: %s", ctx.call_id, e)
            await ari.hangup(ch_agent)
            self._write(ctx.call_id, "waiting")
            return False
        ctx.accepted, ctx.agent_id = True, agent_id
        self._write(ctx.call_id, "calling-customer")
        hook.qlog.write(ctx.call_id, ctx.queue, agent_id, "CALLBACKDIAL", "customer")
        number = ctx.caller
        if not re.fullmatch(self.cfg.number_pattern, number):  # checked at request time; the store may be old
            number = ""
        ok = bool(number) and await self._originate(self.cfg.endpoint.replace("{number}", number), ch_cust,
                                                    f"callback,{ctx.call_id},customer", self.cfg.ring_timeout)
        if not ok:
            await ari.hangup(ch_agent)
            self._write(ctx.call_id, "customer-no-answer")
            hook.qlog.write(ctx.call_id, ctx.queue, agent_id, "CALLBACKNOANSWER")
            hook.acd.deliver("CompleteCall", lambda: acd.complete_call(ctx.call_id, hangup_by=E.HANGUP_BY_AGENT,
                                                                       agent_id=agent_id))
            return True
        await ari.create_bridge(bridge, "mixing", name=f"callback {ctx.call_id}")
        await ari.add_channels(bridge, [ch_agent, ch_cust])
        self._write(ctx.call_id, "connected")
        await hook.recording.on_answered(ctx)
        qa, qc = self._queues.pop(ch_agent), self._queues.pop(ch_cust)
        ga, gc = asyncio.ensure_future(qa.get()), asyncio.ensure_future(qc.get())
        done, pending = await asyncio.wait({ga, gc}, return_when=asyncio.FIRST_COMPLETED)
        for p in pending:
            p.cancel()
        by = E.HANGUP_BY_CALLER if gc in done else E.HANGUP_BY_AGENT
        await hook.recording.on_hangup(ctx)
        for ch in (ch_agent, ch_cust):
            ari.channel_handlers.pop(ch, None)
            await ari.hangup(ch)
        await ari.destroy_bridge(bridge)
        hook.acd.deliver("CompleteCall", lambda: acd.complete_call(ctx.call_id, hangup_by=by, agent_id=agent_id))
        self._write(ctx.call_id, "completed")
        return True
