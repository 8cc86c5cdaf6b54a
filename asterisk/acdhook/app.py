"""The hook service: the FastAGI scripts the dialplan calls, wired to acdcore and ARI.

    hotline      a caller on the hotline: prefix analysis, IVR, queue, offer, dial
    answered     Dial's U() subroutine on the agent's channel: the agent answered
    transfer     a call blind-transferred by its agent to a queue (arg: target code)
    login, logout, pause, ready    agent presence feature codes

Transport (agi/, ari/) -> services (queueing/, ivr/, presence/, callback/, campaign/, recording/) ->
acdcore API calls (acd.py). Run it with ``acdcore-hook --config /etc/acdcore/hook.toml``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import signal
import sys
import time
from typing import Any, Callable

from acdcore_client import errors, pb

from . import config as config_mod
from .acd import AcdLink, is_transient
from .agi.protocol import CommandFailed, ConnectionLost, Session
from .agi.server import FastAgiServer
from .ari.client import AriClient
from .callback.manager import Callbacks
from .campaign.manager import Campaigns
from .config import Config
from .ivr.menu import play, run_menu
from .presence.features import feature
from .qlog import QueueLog
from .queueing.calls import CallCtx, CallerGone, Registry
from .queueing.service import QueueCall
from .recording.recorder import EmbeddedRecorder, GrpcRecorder
from .recording.seam import MediaFork, Recording
from .selfservice.branch import SelfService

log = logging.getLogger("acdhook")
E = pb.enums
_NUMBER_RE = re.compile(r"\+?[0-9*#]{1,32}")
_ANON = ("", "unknown", "anonymous", "restricted")


def clean_number(value: str) -> str:
    """A caller or dialled number as acdcore gets it: digits (with + * #) or empty."""
    v = value.strip()
    if v.lower() in _ANON or not _NUMBER_RE.fullmatch(v):
        return ""
    return v


class Hook:
    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.registry = Registry()
        self.qlog = QueueLog(cfg.queue_log)
        self.acd = AcdLink(cfg.acd.target, cfg.acd.token, tls_ca=cfg.acd.tls_ca, timeout=cfg.acd.timeout,
                           retry_interval=cfg.acd.retry_interval)
        self.ari: AriClient | None = None
        if cfg.ari.enabled:
            self.ari = AriClient(cfg.ari.url, cfg.ari.username, cfg.ari.password, cfg.ari.app)
        # recording: StartRecording -> ARI media fork -> StopRecording (recording/)
        self.recorder: EmbeddedRecorder | GrpcRecorder | None = None
        self.recording = Recording(MediaFork(self.ari) if self.ari else None, targets=None)
        if self.ari is not None and cfg.recording.mode != "off":
            if cfg.recording.mode == "embedded":
                self.recorder = EmbeddedRecorder(cfg.recording, self.qlog)
            else:
                c = self.acd.client
                self.recorder = GrpcRecorder(cfg.recording, c, timeout=cfg.acd.timeout, qlog=self.qlog)
            self.recording = Recording(MediaFork(self.ari, cfg.recording.format), self.recorder.targets,
                                       self.recorder.stop)
        self.callbacks: Callbacks | None = Callbacks(self) if cfg.callback.enabled and self.ari else None
        self.selfservice = SelfService(cfg.selfservice, self.qlog)
        self.campaigns: Campaigns | None = Campaigns(self) if cfg.campaign.enabled and self.ari else None
        self.server = FastAgiServer(
            {"hotline": self.hotline, "answered": self.answered, "transfer": self.transfer,
             "login": self._feature("login"), "logout": self._feature("logout"), "pause": self._feature("pause"),
             "ready": self._feature("ready")},
            host=cfg.agi.host, port=cfg.agi.port, allow=cfg.agi.allow, max_line=cfg.agi.max_line,
            max_lines=cfg.agi.max_lines, header_timeout=cfg.agi.header_timeout,
            max_connections=cfg.agi.max_connections, max_pending=cfg.agi.max_pending)
        self.hub = EventHub(self)
        self._menu_hints: dict[str, float] = {}
        #: observers for benchmarks and tests: called with the call id when EXEC Dial is sent
        self.dial_observers: list[Callable[[str], None]] = []

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        return self.acd.spawn(coro)

    def note_dial(self, call_id: str) -> None:
        for f in self.dial_observers:
            f(call_id)

    async def start(self) -> Hook:
        if self.recorder is not None:
            await self.recorder.start()
        if self.ari is not None:
            await self.ari.start()
        if self.callbacks is not None:
            self.callbacks.load()
            self.callbacks.resume()
        if self.campaigns is not None:
            await self.campaigns.start()
        if self.cfg.hotline.watch == "events":
            # follow acdcore's offers from the start: a call enqueued before its caller's first
            # wait (EnqueueCall folded with the prefix analysis) must not miss an early offer
            self.hub.ensure()
        await self.server.start()
        return self

    async def stop(self) -> None:
        await self.server.stop()
        await self.hub.stop()
        if self.campaigns is not None:
            await self.campaigns.stop()
        await self.acd.close()
        if self.ari is not None:
            await self.ari.close()
        if self.recorder is not None:
            await self.recorder.close()
        self.selfservice.close()
        self.qlog.close()

    # ---------------------------------------------------------------- scripts
    def _feature(self, action: str) -> Callable[[Session], Any]:
        async def run(session: Session) -> None:
            try:
                await feature(self, session, action)
            except (CallerGone, ConnectionLost):
                pass
            except CommandFailed as e:
                if e.code != 511:
                    raise
        return run

    async def hotline(self, session: Session) -> None:
        env = session.env
        cfg = self.cfg
        call_id = env.uniqueid
        if self.registry.get(call_id) is not None:
            log.warning("channel %s runs the hotline script twice: refused", call_id)
            return
        caller = clean_number(env.get("agi_callerid"))
        dialled = clean_number(env.get("agi_dnid")) or cfg.hotline.number
        ctx = CallCtx(call_id=call_id, caller=caller, dialled=dialled, channel=env.channel,
                      attributes={"channel": env.channel[:200]})
        if env.refused:
            ctx.attributes["refused_agi"] = ",".join(env.refused)[:200]
        self.registry.add(ctx)
        qc: QueueCall | None = None
        try:
            if cfg.hotline.answer:
                await session.answer()
            qc = await self._enqueue_direct(session, ctx)
            if qc is not None:
                return
            try:
                decision = (await self.acd.client.lookup_number(caller, dialled, timeout=cfg.acd.timeout)).decision
            except errors.AcdApiError as e:
                if not is_transient(e):
                    raise
                decision = None  # acdcore unreachable: the menu is local; the enqueue will wait for it
                self.qlog.write(call_id, "NONE", "NONE", "ACDOUTAGE", "LookupNumber")
            if decision is not None and decision.HasField("reject"):
                self.qlog.write(call_id, "NONE", "NONE", "ROUTEREJECT", decision.reject)
                await play(self, session, "blocked")
                await session.hangup_channel()
                return
            if decision is not None:
                ctx.priority = decision.priority or 0
            await play(self, session, "welcome")
            if decision is None or not decision.HasField("queue"):
                menu = cfg.menus.get(decision.menu if decision is not None and decision.HasField("menu") else "",
                                     cfg.menus[cfg.hotline.menu])
                opt = await run_menu(self, session, menu, call_id)
                if opt is None:
                    await play(self, session, "goodbye")
                    await session.hangup_channel()
                    return
                if opt.selfservice:
                    # the business application serves the branch (desk.v1.GrowthService); when
                    # it cannot, the caller hears so politely; either way on to the option's queue
                    if await self.selfservice.run(session, opt.selfservice, caller, call_id) is None:
                        await play(self, session, "selfservice_unavailable")
                ctx.dialled = dialled + opt.route
                ctx.priority = 0  # prefix analysis of the new dialled number decides, caller route included
            qc = QueueCall(self, session, ctx)
            await qc.run()
        except (CallerGone, ConnectionLost):
            pass
        except CommandFailed as e:
            if e.code != 511:
                raise
        finally:
            if qc is None and not ctx.finished:
                if ctx.in_acd:  # a folded EnqueueCall that may have been applied
                    QueueCall(self, session, ctx).cancel_once("hang-up before the queue")
                else:
                    ctx.finished = "before-queue"
            if not ctx.virtual and not ctx.transferring:
                self.registry.drop(ctx)

    #: dialled numbers recently seen routing to an IVR menu: number -> until (monotonic)
    _MENU_HINT_TTL = 30.0

    async def _enqueue_direct(self, session: Session, ctx: CallCtx) -> QueueCall | None:
        """Prefix analysis folded into EnqueueCall (one round trip instead of LookupNumber + EnqueueCall).

        EnqueueCall without a queue routes the call by the same prefix analysis and succeeds
        exactly when LookupNumber's decision names a queue and does not reject; then the caller
        hears the welcome prompt already holding the place in line, and waits. Any error
        (a menu route: NO_ROUTE, a rejection, an outage...) returns None and the caller takes
        the LookupNumber path, which handles each case; a dialled number that routed to a menu
        goes straight to that path for ``_MENU_HINT_TTL`` seconds. The hint only saves a round
        trip: what the caller hears and what acdcore records are the same either way.
        """
        hints = self._menu_hints
        until = hints.get(ctx.dialled)
        if until is not None:
            if until > time.monotonic():
                return None
            del hints[ctx.dialled]
        if self.cfg.hotline.watch == "events":
            self.hub.ensure()
        qc = QueueCall(self, session, ctx)
        try:
            r = await self.acd.client.enqueue_call(ctx.call_id, "", **qc._enqueue_kw())
        except errors.AcdApiError as e:
            if e.reason == "NO_ROUTE":
                if len(hints) >= 10_000:
                    hints.clear()
                hints[ctx.dialled] = time.monotonic() + self._MENU_HINT_TTL
            elif is_transient(e):
                # the request may have been applied with its reply lost: count the call as in
                # acdcore, so that however it ends it is cancelled there (CALL_NOT_FOUND if not)
                ctx.in_acd = True
            return None
        ctx.in_acd = True
        ctx.queue = r.call.queue
        ctx.priority = r.route_decision.priority or 0
        ctx.position = r.call.position
        ctx.ewt = r.call.expected_wait_seconds if r.call.HasField("expected_wait_seconds") else None
        try:
            await play(self, session, "welcome")
        except BaseException:
            qc.cancel_once()  # gone during the welcome: abandoned exactly once
            raise
        await qc.run(enqueue=False, first=r)
        return qc

    async def answered(self, session: Session) -> None:
        """Dial's U() routine on the agent's channel: AcceptOffer before the two are bridged."""
        env = session.env
        args = env.args()
        token = args[0] if args else ""
        ctx = self.registry.offers.get(int(token)) if token.isdigit() and len(token) < 20 else None
        if ctx is None:
            log.warning("answered script for unknown offer %r from %s", token[:20], env.channel)
            await session.set_variable("GOSUB_RESULT", "CONTINUE")
            return
        expected = self.cfg.agents.get(ctx.agent_id, "")
        if not env.channel.startswith(expected + "-"):
            log.warning("answered script for offer %s from %s, not from %s", token, env.channel, expected)
            await session.set_variable("GOSUB_RESULT", "CONTINUE")
            return
        try:
            await self.acd.client.accept_offer(ctx.offer_id, ctx.agent_id)
        except errors.AcdApiError as e:
            log.info("call %s: AcceptOffer %s failed (%s): the agent leg is dropped", ctx.call_id, token, e)
            ctx.accept_failed = True
            self.qlog.write(ctx.call_id, ctx.queue, ctx.agent_id, "ACCEPTFAILED", e.reason or e.code.name)
            await session.set_variable("GOSUB_RESULT", "CONTINUE")
            return
        ctx.accepted = True
        ctx.answered_at = time.time()
        await self.recording.on_answered(ctx)

    async def transfer(self, session: Session) -> None:
        """The caller's channel arrives here after its agent's blind transfer to a queue code."""
        env = session.env
        args = env.args()
        code = args[0] if args else ""
        queue = self.cfg.transfer_targets.get(code)
        call_id = env.uniqueid
        ctx = self.registry.get(call_id)
        if queue is None or ctx is None:
            why = "unknown transfer code" if queue is None else "not an acdcore call"
            log.warning("transfer of %s to %r refused: %s", call_id, code[:8], why)
            self.qlog.write(call_id, queue or "NONE", "NONE", "TRANSFERREFUSED", why)
            try:
                await play(self, session, "transfer_failed")
                if ctx is not None and ctx.transferring:
                    ctx.claimed.set()
                    ctx.transferring = False
                    qc = QueueCall(self, session, ctx)
                    qc.complete_once(E.HANGUP_BY_AGENT)
                    ctx.owner = -1
                    await qc._fallback("transfer refused")
                else:
                    await session.hangup_channel()
            except (CallerGone, ConnectionLost, CommandFailed):
                pass
            return
        ctx.claimed.set()
        qc = QueueCall(self, session, ctx)
        ctx.channel = env.channel
        try:
            await session.set_variable("BLINDTRANSFER", "")
            r = await self.acd.client.transfer_call(call_id, queue)
        except errors.AcdApiError as e:
            log.warning("call %s: TransferCall to %s failed: %s", call_id, queue, e)
            self.qlog.write(call_id, queue, ctx.agent_id or "NONE", "TRANSFERFAILED", e.reason or e.code.name)
            ctx.transferring = False
            if not is_transient(e):
                qc.complete_once(E.HANGUP_BY_AGENT)
                ctx.owner = -1
            try:
                await play(self, session, "transfer_failed")
                await qc._fallback("transfer failed")
            except (CallerGone, ConnectionLost, CommandFailed):
                pass
            self.registry.drop(ctx)
            return
        except (CallerGone, ConnectionLost, CommandFailed):
            return
        ctx.transferring = False
        ctx.accepted = False
        ctx.offer_id, ctx.agent_id = 0, ""
        ctx.queue = r.call.queue
        ctx.finished = ""
        try:
            await qc.run(enqueue=False, first=r)
        finally:
            if not ctx.virtual and not ctx.transferring:
                self.registry.drop(ctx)


class EventHub:
    """One WatchEvents stream for every call the hook carries (hotline.watch = "events").

    Filtered on the server to the call events that matter to a waiting caller; each event
    goes to the inbox of the call it names. The client resumes after a reconnect from the
    last sequence number it saw, so an offer made during a blip is still delivered; while
    the stream is down every waiting call is told (it re-sends itself, idempotently).
    """

    TYPES = (E.EVENT_TYPE_CALL_OFFERED, E.EVENT_TYPE_CALL_ABANDONED, E.EVENT_TYPE_CALL_COMPLETED,
             E.EVENT_TYPE_CALL_OVERFLOWED, E.EVENT_TYPE_CALL_TRANSFERRED)

    def __init__(self, hook: Hook) -> None:
        self.hook = hook
        self.task: asyncio.Task[None] | None = None

    def ensure(self) -> None:
        if self.task is None or self.task.done():
            self.task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            try:
                await self.task
            except (asyncio.CancelledError, Exception):
                pass

    def _lost(self, err: Any) -> None:
        for ctx in list(self.hook.registry.calls.values()):
            if ctx.in_acd and not ctx.finished and not ctx.virtual:
                ctx.inbox.put_nowait(("lost", err))

    async def _run(self) -> None:
        reg = self.hook.registry.calls
        after = 0
        while True:
            try:
                async for resp in self.hook.acd.client.watch_events(after_seq=after, event_types=self.TYPES,
                                                                   reconnect=False):
                    if resp.HasField("snapshot"):
                        after = resp.snapshot.seq
                    for ev in resp.events:
                        after = ev.seq
                        ctx = reg.get(ev.call_id)
                        if ctx is not None and not ctx.virtual:
                            ctx.inbox.put_nowait(("event", ev))
                err: Any = None
            except asyncio.CancelledError:
                raise
            except errors.AcdApiError as e:
                err = e
                if e.reason in ("SUBSCRIBER_TOO_SLOW",):
                    continue
                if not is_transient(e) and e.code.name == "OUT_OF_RANGE":
                    after = 0
            self._lost(err)
            await asyncio.sleep(self.hook.cfg.acd.retry_interval)


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="acdcore-hook", description="FastAGI hook between Asterisk and acdcore")
    ap.add_argument("--config", required=True, help="the hook's TOML configuration")
    ap.add_argument("--check", action="store_true", help="check the configuration and exit")
    ap.add_argument("--port-file", help="write the FastAGI port here once listening (for tests)")
    ap.add_argument("--log-level", default="INFO")
    args = ap.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        cfg = config_mod.load(args.config)
    except config_mod.ConfigError as e:
        print(f"acdcore-hook: {e}", file=sys.stderr)
        return 2
    if args.check:
        print(f"{args.config}: OK ({len(cfg.agents)} agents, {len(cfg.menus)} menus)")
        return 0
    return _run(_serve(cfg, args.port_file))


def _run(coro: Any) -> int:
    """asyncio.run on uvloop when it is installed (about 10% less CPU per call), else asyncio's;
    ACDHOOK_LOOP=asyncio forces asyncio's loop."""
    try:
        if os.environ.get("ACDHOOK_LOOP") == "asyncio":
            raise ImportError
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


async def _serve(cfg: Config, port_file: str | None) -> int:
    hook = await Hook(cfg).start()
    if port_file:
        with open(port_file, "w") as f:
            f.write(str(hook.server.port))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await hook.stop()
    return 0
