"""One caller in acdcore's queue, from EnqueueCall to the end of the call.

How the wait reacts within milliseconds
---------------------------------------
FastAGI runs one command at a time and a running command cannot be interrupted from the
script. So while the caller waits the session keeps **no command outstanding**: music on
hold is a generator on the channel (``SET MUSIC ON``) that plays while the AGI is idle, and
the hook listens to acdcore (WatchCall) and to the caller at once. An offer therefore turns
into ``EXEC Dial`` the moment it arrives -- no WAIT FOR DIGIT slice to wait out (app_queue
re-checks each waiting caller once a second). DTMF while idle is read by Asterisk's AGI
loop and dropped for the script, but published to ARI: the hook subscribes its ARI
application to the caller's channel (``channel:<uniqueid>``) and gets ChannelDtmfReceived
for the callback key at any moment. Without ARI (``hotline.dtmf = "prompted"``) the key is
taken during the callback prompt and a short WAIT FOR DIGIT window after each
announcement. The only time an offer waits is while an announcement plays (a few seconds
every ``announce_interval``); it rings for at most the offer timeout, which is longer.

Exactly once
------------
A call ends in acdcore once: CancelCall (hang-up before answer, or fallback), CompleteCall
(after answer), TransferCall (blind transfer, by the transfer script), or a hand-over to the
callback manager. ``ctx.finished`` guards it; the calls go through AcdLink.deliver, which
retries through an acdcore outage.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from acdcore_client import errors, pb

from ..acd import is_transient
from ..agi.protocol import CommandFailed, ConnectionLost, Session
from ..ivr.menu import digit_of, play
from .calls import CallCtx, CallerGone

if TYPE_CHECKING:
    from ..app import Hook

log = logging.getLogger("acdhook.queue")

E = pb.enums
_OFFERED, _WAITING = E.CALL_STATE_OFFERED, E.CALL_STATE_WAITING
_ENDED = (E.CALL_STATE_COMPLETED, E.CALL_STATE_ABANDONED, E.CALL_STATE_OVERFLOWED)
_REFUSALS = {"QUEUE_FULL": "all_busy", "QUEUE_EMPTY": "closed", "ROUTE_REJECTED": "blocked", "NO_ROUTE": "closed"}

DONE, BACK = "done", "back"


def _quiet_final(e: errors.AcdApiError) -> bool:
    """Errors that only say the call already ended or the offer is gone: nothing to report."""
    return e.reason in ("CALL_ENDED", "CALL_NOT_FOUND", "OFFER_STALE", "OFFER_NOT_FOUND")


class QueueCall:
    def __init__(self, hook: Hook, session: Session, ctx: CallCtx) -> None:
        self.hook = hook
        self.cfg = hook.cfg
        self.session = session
        self.ctx = ctx
        self.owner = hook.registry.new_owner()
        ctx.owner = self.owner
        self.handled_offers: set[int] = set()
        self._watch: asyncio.Task[None] | None = None
        self.outage_since: float | None = None
        self.next_retry = 0.0
        self.music = False
        self.ari_dtmf = False

    # ---------------------------------------------------------------- exactly-once endings
    def cancel_once(self, why: str = "hangup") -> None:
        ctx = self.ctx
        if ctx.finished or ctx.virtual or ctx.transferring:
            return
        ctx.finished = "cancel"
        if ctx.in_acd:
            acd = self.hook.acd.client
            self.hook.acd.deliver(f"CancelCall {ctx.call_id} ({why})", lambda: acd.cancel_call(ctx.call_id),
                                  _quiet_final)

    def complete_once(self, hangup_by: int) -> None:
        ctx = self.ctx
        if ctx.finished or ctx.virtual or ctx.transferring:
            return
        ctx.finished = "complete"
        acd = self.hook.acd.client
        self.hook.acd.deliver(f"CompleteCall {ctx.call_id}",
                              lambda: acd.complete_call(ctx.call_id, hangup_by=hangup_by, agent_id=ctx.agent_id),
                              _quiet_final)

    # ---------------------------------------------------------------- the whole wait
    async def run(self, *, enqueue: bool = True, first: Any = None) -> None:
        ctx = self.ctx
        hup = self._forward_hangup
        try:
            if self.session.dead:
                hup()
            else:
                self.session.on_hangup.append(hup)
            await self._subscribe_dtmf()
            await self._music(True)
            if enqueue:
                first = await self._enqueue_first()
                if first is DONE:
                    return
            await self._start_waiting()
            if first is not None and first.HasField("offer"):
                if await self._offer(first.offer.offer_id, first.offer.agent_id) == DONE:
                    return
            elif self.cfg.hotline.announce_interval > 0:
                await play(self.hook, self.session, "please_hold")
                await self._announce()
            await self._loop()
        except (CallerGone, ConnectionLost):
            pass
        except CommandFailed as e:
            if e.code != 511:
                log.warning("call %s: AGI command failed: %s", ctx.call_id, e)
        finally:
            await self._stop_waiting()
            if hup in self.session.on_hangup:
                self.session.on_hangup.remove(hup)
            if ctx.owner == self.owner:
                if ctx.accepted:
                    self.complete_once(E.HANGUP_BY_CALLER)
                else:
                    self.cancel_once()

    def _forward_hangup(self) -> None:
        self.ctx.inbox.put_nowait(("hangup",))

    async def _music(self, on: bool) -> None:
        if on != self.music:
            await self.session.set_music(on, self.cfg.hotline.moh_class)
            self.music = on

    def _enqueue_kw(self) -> dict[str, Any]:
        ctx = self.ctx
        return {"caller": ctx.caller, "dialled": ctx.dialled, "priority": ctx.priority,
                "attributes": ctx.attributes, "enqueue_time": ctx.arrived, "timeout": self.cfg.acd.timeout}

    async def _enqueue_first(self) -> Any:
        """EnqueueCall, holding the caller on music through an outage; DONE if refused or fell back."""
        ctx = self.ctx
        acd = self.hook.acd.client
        started = time.monotonic()
        delay = self.cfg.acd.retry_interval
        while True:
            try:
                r = await acd.enqueue_call(ctx.call_id, ctx.queue, **self._enqueue_kw())
                ctx.in_acd = True
                ctx.queue = r.call.queue
                ctx.position = r.call.position
                ctx.ewt = r.call.expected_wait_seconds if r.call.HasField("expected_wait_seconds") else None
                if self.outage_since is not None:
                    self.hook.qlog.write(ctx.call_id, ctx.queue, "NONE", "ACDRECONNECT",
                                         round(time.monotonic() - started, 1))
                    self.outage_since = None
                return r
            except errors.AcdApiError as e:
                if is_transient(e):
                    # the request may have been applied with its reply lost: however the call
                    # ends, it is cancelled in acdcore (CALL_NOT_FOUND, quietly, if it never got there)
                    ctx.in_acd = True
                    if self.outage_since is None:
                        self.outage_since = started
                        self.hook.qlog.write(ctx.call_id, ctx.queue, "NONE", "ACDOUTAGE", e.code.name)
                    if time.monotonic() - started >= self.cfg.acd.outage_timeout:
                        await self._fallback("acdcore unreachable")
                        return DONE
                    await self._sleep_or_hangup(delay)
                    delay = min(delay * 2, 2.0)
                    continue
                if e.reason == "CALL_EXISTS":
                    # the same channel id enqueued with other details: it is there
                    ctx.in_acd = True
                    return None
                prompt = _REFUSALS.get(e.reason)
                self.hook.qlog.write(ctx.call_id, ctx.queue, "NONE", "ACDREFUSED", e.reason or e.code.name)
                ctx.finished = "refused"
                if prompt is None:
                    log.error("call %s: EnqueueCall failed: %s", ctx.call_id, e)
                    await self._fallback(f"enqueue failed: {e.reason or e.code.name}")
                    return DONE
                await self._music(False)
                await play(self.hook, self.session, prompt)
                await self._hangup()
                return DONE

    async def _sleep_or_hangup(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self.session.hangup.wait(), seconds)
        except (asyncio.TimeoutError, TimeoutError):
            return
        raise CallerGone()

    async def _hangup(self) -> None:
        try:
            await self.session.hangup_channel()
        except (CommandFailed, ConnectionLost):
            pass

    # ---------------------------------------------------------------- follow the call
    async def _start_waiting(self) -> None:
        self._restart_watch()
        await self._subscribe_dtmf()

    async def _subscribe_dtmf(self) -> None:
        if self.cfg.hotline.dtmf == "ari" and self.hook.ari is not None and not self.ari_dtmf:
            cid = self.ctx.call_id
            inbox = self.ctx.inbox

            def on_event(ev: dict[str, Any]) -> None:
                if ev.get("type") == "ChannelDtmfReceived":
                    inbox.put_nowait(("dtmf", str(ev.get("digit", ""))))

            self.hook.ari.channel_handlers[cid] = on_event
            try:
                await self.hook.ari.subscribe(f"channel:{cid}")
                self.ari_dtmf = True
            except Exception as e:
                self.hook.ari.channel_handlers.pop(cid, None)
                log.warning("call %s: no ARI subscription (%s): DTMF only after announcements", cid, e)

    def _restart_watch(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None
        if self.cfg.hotline.watch == "call":
            self._watch = asyncio.ensure_future(self._watch_loop())
        else:
            self.hook.hub.ensure()

    async def _stop_waiting(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None
        if self.ari_dtmf and self.hook.ari is not None:
            self.ari_dtmf = False
            cid = self.ctx.call_id
            self.hook.ari.channel_handlers.pop(cid, None)
            self.hook.spawn(self._unsubscribe(cid))

    async def _unsubscribe(self, cid: str) -> None:
        try:
            await self.hook.ari.unsubscribe(f"channel:{cid}")  # type: ignore[union-attr]
        except Exception:
            pass  # the channel is gone: Asterisk dropped the subscription with it

    async def _watch_loop(self) -> None:
        inbox = self.ctx.inbox
        try:
            async for resp in self.hook.acd.client.watch_call(self.ctx.call_id):
                inbox.put_nowait(("update", resp))
                if resp.done:
                    return
            inbox.put_nowait(("lost", None))
        except asyncio.CancelledError:
            raise
        except errors.AcdApiError as e:
            inbox.put_nowait(("lost", e))
        except Exception as e:  # pragma: no cover - a bug, but the caller must not be dropped
            log.exception("call %s: watch failed", self.ctx.call_id)
            inbox.put_nowait(("lost", e))

    # ---------------------------------------------------------------- the loop
    async def _loop(self) -> None:
        ctx = self.ctx
        hot = self.cfg.hotline
        interval = hot.announce_interval
        next_announce = time.monotonic() + interval if interval > 0 else float("inf")
        while ctx.owner == self.owner:
            now = time.monotonic()
            wake = next_announce
            if self.outage_since is not None:
                wake = min(wake, self.next_retry)
            try:
                item = ctx.inbox.get_nowait()
            except asyncio.QueueEmpty:
                if wake == float("inf"):
                    item = await ctx.inbox.get()  # nothing timed to do: no timer at all
                else:
                    try:
                        # a timer on this task, not the extra task per wait that wait_for makes
                        async with asyncio.timeout(max(0.0, wake - now)):
                            item = await ctx.inbox.get()
                    except (asyncio.TimeoutError, TimeoutError):
                        item = None
            if item is None:
                now = time.monotonic()
                if self.outage_since is not None and now >= self.next_retry:
                    if await self._reconnect() == DONE:
                        return
                if now >= next_announce:
                    await self._announce()
                    next_announce = time.monotonic() + interval
                continue
            kind = item[0]
            if kind == "hangup":
                raise CallerGone()
            if kind == "dtmf":
                if await self._digit(item[1]) == DONE:
                    return
            elif kind == "update":
                if await self._update(item[1]) == DONE:
                    return
            elif kind == "event":
                if await self._event(item[1]) == DONE:
                    return
            elif kind == "lost":
                err = item[1]
                if isinstance(err, errors.AcdApiError) and not is_transient(err) and err.reason != "CALL_NOT_FOUND":
                    log.warning("call %s: WatchCall failed: %s", ctx.call_id, err)
                if self.outage_since is None:
                    self.outage_since = time.monotonic()
                    self.hook.qlog.write(ctx.call_id, ctx.queue, "NONE", "ACDOUTAGE",
                                         getattr(getattr(err, "code", None), "name", "STREAM_ENDED"))
                self.next_retry = time.monotonic() + self.cfg.acd.retry_interval

    async def _reconnect(self) -> str | None:
        """Re-send the call (idempotent, original enqueue time) and follow it again."""
        ctx = self.ctx
        assert self.outage_since is not None
        try:
            r = await self.hook.acd.client.enqueue_call(ctx.call_id, ctx.queue if not ctx.transferring else "",
                                                        **self._enqueue_kw())
        except errors.AcdApiError as e:
            if is_transient(e):
                if time.monotonic() - self.outage_since >= self.cfg.acd.outage_timeout:
                    await self._fallback("acdcore unreachable")
                    return DONE
                self.next_retry = time.monotonic() + self.cfg.acd.retry_interval
                return None
            if e.reason not in ("CALL_EXISTS",):
                log.warning("call %s: re-sending after the outage failed: %s", ctx.call_id, e)
                ctx.finished = "lost"
                await self._fallback(f"re-enqueue failed: {e.reason or e.code.name}")
                return DONE
            r = None
        self.hook.qlog.write(ctx.call_id, ctx.queue, "NONE", "ACDRECONNECT",
                             round(time.monotonic() - self.outage_since, 1),
                             "duplicate" if r is None or r.duplicate else "re-enqueued")
        self.outage_since = None
        self._restart_watch()
        return None

    async def _update(self, resp: Any) -> str | None:
        ctx = self.ctx
        c = resp.call
        ev = resp.event if resp.HasField("event") else None
        if ev is not None and ev.type == E.EVENT_TYPE_CALL_OFFERED:
            if c.state == _OFFERED or c.state == _WAITING:
                return await self._offer(ev.offer_id, ev.agent_id)
        if ev is None and c.state == _OFFERED and c.offer_id:
            # the first message of a (re)started watch: an offer made while we were not looking
            return await self._offer(c.offer_id, c.agent_id)
        if c.queue:
            ctx.queue = c.queue
        if c.state == _WAITING:
            ctx.position = c.position
            ctx.ewt = c.expected_wait_seconds if c.HasField("expected_wait_seconds") else None
        if c.state in _ENDED:
            ctx.finished = ctx.finished or "ended-by-acd"
            state = E.CallState.Name(c.state)
            self.hook.qlog.write(ctx.call_id, ctx.queue, "NONE", "ACDENDED", state)
            if c.state == E.CALL_STATE_OVERFLOWED:
                await self._fallback("overflowed")
            else:
                await self._music(False)
                await self._hangup()
            return DONE
        return None

    async def _event(self, ev: Any) -> str | None:
        """One event of the shared WatchEvents stream (hotline.watch = "events")."""
        ctx = self.ctx
        t = ev.type
        if t == E.EVENT_TYPE_CALL_OFFERED:
            return await self._offer(ev.offer_id, ev.agent_id)
        if t == E.EVENT_TYPE_CALL_TRANSFERRED or (t == E.EVENT_TYPE_CALL_OVERFLOWED and ev.target_queue):
            ctx.queue = ev.target_queue
            return None
        if t in (E.EVENT_TYPE_CALL_ABANDONED, E.EVENT_TYPE_CALL_COMPLETED, E.EVENT_TYPE_CALL_OVERFLOWED):
            if ctx.finished:
                return None
            ctx.finished = "ended-by-acd"
            self.hook.qlog.write(ctx.call_id, ctx.queue, "NONE", "ACDENDED", E.EventType.Name(t)[11:])
            if t == E.EVENT_TYPE_CALL_OVERFLOWED:
                await self._fallback("overflowed")
            else:
                await self._music(False)
                await self._hangup()
            return DONE
        return None

    async def _refresh(self) -> None:
        """Position and expected wait now (events mode reads them when it announces)."""
        if self.cfg.hotline.watch != "events" or self.outage_since is not None:
            return
        try:
            c = (await self.hook.acd.client.get_call(self.ctx.call_id, timeout=self.cfg.acd.timeout)).call
        except errors.AcdApiError:
            return
        if c.state == _WAITING:
            self.ctx.position = c.position
            self.ctx.ewt = c.expected_wait_seconds if c.HasField("expected_wait_seconds") else None

    # ---------------------------------------------------------------- announcements and keys
    async def _announce(self) -> None:
        hot = self.cfg.hotline
        ctx = self.ctx
        await self._refresh()
        cb = self.cfg.callback
        prompted = hot.dtmf != "ari" or not self.ari_dtmf
        escape = cb.digit if (cb.enabled and prompted) else ""
        await self._music(False)
        digit = None
        if hot.announce_position and ctx.position > 0:
            digit = await play(self.hook, self.session, "position", escape)
            if digit is None:
                r = await self.session.say_number(ctx.position, escape)
                digit = digit_of(r.value)
        if digit is None and hot.announce_wait and ctx.ewt is not None and ctx.ewt > 0:
            minutes = max(1, int(round(ctx.ewt / 60.0)))
            digit = await play(self.hook, self.session, "ewt", escape)
            if digit is None:
                r = await self.session.say_number(minutes, escape)
                digit = digit_of(r.value)
            if digit is None:
                digit = await play(self.hook, self.session, "minutes", escape)
        if digit is None and cb.enabled and self.hook.callbacks is not None:
            digit = await play(self.hook, self.session, "callback_offer", escape)
            if digit is None and prompted and hot.digit_window > 0:
                r = await self.session.wait_for_digit(int(hot.digit_window * 1000))
                if r.value < 0:
                    raise CallerGone()
                digit = digit_of(r.value)
        if digit is not None and await self._digit(digit) == DONE:
            raise _Done()
        await self._music(True)

    async def _digit(self, digit: str) -> str | None:
        cb = self.cfg.callback
        if cb.enabled and digit == cb.digit and self.hook.callbacks is not None:
            await self._music(False)
            if await self.hook.callbacks.request(self, self.session):
                return DONE
            await self._music(True)
        return None

    # ---------------------------------------------------------------- the offer
    async def _offer(self, offer_id: int, agent_id: str) -> str | None:
        if offer_id in self.handled_offers or not offer_id:
            return None
        self.handled_offers.add(offer_id)
        ctx = self.ctx
        hook = self.hook
        acd = hook.acd.client
        endpoint = self.cfg.agents.get(agent_id)
        if endpoint is None:
            log.error("call %s offered to agent %s, who has no endpoint in [agents]: rejected, agent paused",
                      ctx.call_id, agent_id)
            hook.qlog.write(ctx.call_id, ctx.queue, agent_id, "NOENDPOINT")
            hook.acd.deliver("RejectOffer", lambda: acd.reject_offer(offer_id, agent_id), _quiet_final)
            hook.acd.deliver("Pause", lambda: acd.pause(agent_id, "no-endpoint"))
            return None
        ctx.offer_id, ctx.agent_id = offer_id, agent_id
        ctx.accepted = ctx.accept_failed = False
        hook.registry.offers[offer_id] = ctx
        hot = self.cfg.hotline
        moh = f"m({hot.moh_class})" if hot.moh_class else "m"
        opts = f"{moh}U({hot.answered_context}^{offer_id}){hot.dial_options}"
        hook.note_dial(ctx.call_id)
        self.music = False  # Dial takes the channel over (its m option plays the music)
        try:
            r = await self.session.exec("Dial", f"{endpoint},{int(hot.ring_timeout)},{opts}")
            status = await self._var("DIALSTATUS")
        finally:
            hook.registry.offers.pop(offer_id, None)
        gone = r.value < 0 or self.session.dead
        if ctx.accepted:
            await hook.recording.on_hangup(ctx)
            if gone:
                bt = await self._var("BLINDTRANSFER")
                if bt:
                    ctx.transferring = True
                    hook.spawn(self._transfer_grace())
                    return DONE
                self.complete_once(E.HANGUP_BY_CALLER)
                return DONE
            self.complete_once(E.HANGUP_BY_AGENT)
            await self._hangup()
            return DONE
        if gone or status == "CANCEL":
            hook.qlog.write(ctx.call_id, ctx.queue, agent_id, "DIALCANCEL", status or "")
            self.cancel_once("hang-up while ringing")
            raise CallerGone()
        if not ctx.accept_failed and status == "ANSWER":
            # answered, but the answered script never reached the hook: account for it now
            try:
                await acd.accept_offer(offer_id, agent_id)
                ctx.accepted = True
                self.complete_once(E.HANGUP_BY_AGENT)
                await self._hangup()
                return DONE
            except errors.AcdApiError as e:
                log.warning("call %s: late AcceptOffer failed: %s", ctx.call_id, e)
        hook.qlog.write(ctx.call_id, ctx.queue, agent_id, "DIALFAILED", status or "UNKNOWN")
        if not ctx.accept_failed:
            try:
                await acd.reject_offer(offer_id, agent_id)
            except errors.AcdApiError as e:
                if is_transient(e):
                    hook.acd.deliver("RejectOffer", lambda: acd.reject_offer(offer_id, agent_id), _quiet_final)
                elif not _quiet_final(e):
                    log.warning("call %s: RejectOffer failed: %s", ctx.call_id, e)
        ctx.offer_id, ctx.agent_id = 0, ""
        await self._music(True)
        return BACK

    async def _var(self, name: str) -> str:
        try:
            return await self.session.get_variable(name) or ""
        except (CommandFailed, ConnectionLost):
            return ""

    async def _transfer_grace(self) -> None:
        """A blind transfer must reach the transfer script; if it does not, the call ended."""
        ctx = self.ctx
        try:
            await asyncio.wait_for(ctx.claimed.wait(), self.cfg.hotline.transfer_grace)
        except (asyncio.TimeoutError, TimeoutError):
            log.info("call %s: blind transfer went outside acdcore: completed", ctx.call_id)
            ctx.transferring = False
            self.complete_once(E.HANGUP_BY_AGENT)
            self.hook.registry.drop(ctx)

    # ---------------------------------------------------------------- fallback
    async def _fallback(self, why: str) -> None:
        ctx = self.ctx
        fb = self.cfg.fallback
        self.hook.qlog.write(ctx.call_id, ctx.queue, "NONE", "FALLBACK", why)
        log.warning("call %s: fallback (%s)", ctx.call_id, why)
        if ctx.in_acd and not ctx.finished:
            self.cancel_once("fallback")
        ctx.finished = ctx.finished or "fallback"
        await self._stop_waiting()
        await self._music(False)
        await self.session.gosub(fb.context, fb.exten, fb.priority)
        await self._hangup()


class _Done(CallerGone):
    """The call left the wait from inside an announcement (the callback key)."""
