"""The recording seam: what happens when a call is answered and when it hangs up.

    on_answered(ctx):  targets = StartRecording(call_id, legs caller + agent)   # recorder.py
                       MediaFork.start(ctx.call_id, targets)                   # ARI, here
    on_hangup(ctx):    MediaFork.stop(handle); StopRecording(call_id)

:class:`MediaFork` asks Asterisk (ARI) for two snoop channels on the caller's channel --
``spy=in`` (what the caller says) and ``spy=out`` (what the caller hears: the agent) -- and
for one ``externalMedia`` channel (chan_rtp, RTP over UDP, G.711) per leg pointed at the
recorder's address for that leg, and bridges each snoop with its externalMedia channel in a
mixing bridge. Stopping hangs the four channels up and destroys the two bridges. Every id
is derived from the call id, so a restarted hook can still clean up. The target source is
acdcore's recorder (``[recording] mode``; recorder.py); without one the seam does nothing.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Awaitable, Callable

if TYPE_CHECKING:
    from ..ari.client import AriClient
    from ..queueing.calls import CallCtx

log = logging.getLogger("acdhook.recording")


@dataclass(frozen=True)
class LegTargets:
    """Where the recorder listens for each leg: "host:port" (from StartRecording)."""

    caller: str
    agent: str


@dataclass
class ForkHandle:
    call_id: str
    channels: list[str] = field(default_factory=list)
    bridges: list[str] = field(default_factory=list)


class MediaFork:
    """The ARI choreography: snoop(spy=in|out) + externalMedia, bridged, per leg."""

    def __init__(self, ari: AriClient, fmt: str = "ulaw") -> None:
        self.ari = ari
        self.fmt = fmt

    @staticmethod
    def ids(call_id: str) -> dict[str, str]:
        base = f"acdrec-{call_id}"
        return {"snoop_in": f"{base}-snoop-in", "snoop_out": f"{base}-snoop-out", "em_in": f"{base}-em-in",
                "em_out": f"{base}-em-out", "bridge_in": f"{base}-in", "bridge_out": f"{base}-out"}

    async def start(self, channel_id: str, call_id: str, targets: LegTargets) -> ForkHandle:
        ids = self.ids(call_id)
        h = ForkHandle(call_id)
        try:
            for leg, spy, target in (("in", "in", targets.caller), ("out", "out", targets.agent)):
                await self.ari.snoop(channel_id, spy=spy, snoop_id=ids[f"snoop_{leg}"], app_args=f"rec,{call_id},{leg}")
                h.channels.append(ids[f"snoop_{leg}"])
                await self.ari.external_media(channel_id=ids[f"em_{leg}"], external_host=target, fmt=self.fmt)
                h.channels.append(ids[f"em_{leg}"])
                await self.ari.create_bridge(ids[f"bridge_{leg}"], "mixing", name=f"recording {call_id} {leg}")
                h.bridges.append(ids[f"bridge_{leg}"])
                await self.ari.add_channels(ids[f"bridge_{leg}"], [ids[f"snoop_{leg}"], ids[f"em_{leg}"]])
        except Exception:
            await self.stop(h)
            raise
        return h

    async def stop(self, h: ForkHandle) -> None:
        for ch in h.channels:
            try:
                await self.ari.hangup(ch)
            except Exception as e:
                log.warning("recording %s: hangup of %s failed: %s", h.call_id, ch, e)
        for b in h.bridges:
            try:
                await self.ari.destroy_bridge(b)
            except Exception as e:
                log.warning("recording %s: destroying bridge %s failed: %s", h.call_id, b, e)
        h.channels.clear()
        h.bridges.clear()


TargetSource = Callable[["CallCtx"], Awaitable[LegTargets | None]]


class Recording:
    """The seam the call flow calls. Without a target source (recording off) it does nothing."""

    def __init__(self, fork: MediaFork | None = None, targets: TargetSource | None = None,
                 stop: Callable[["CallCtx"], Awaitable[None]] | None = None) -> None:
        self.fork = fork
        self.targets = targets
        self.stop_source = stop
        self.started = 0
        self.failed = 0
        #: per call: on_answered (the agent's AGI session) and on_hangup (the caller's) run
        #: in different sessions; a caller hanging up while the fork is being built waits
        #: for it and then tears it down
        self._locks: dict[str, asyncio.Lock] = {}

    @property
    def enabled(self) -> bool:
        return self.fork is not None and self.targets is not None

    async def on_answered(self, ctx: CallCtx) -> None:
        if not self.enabled:
            return
        async with self._locks.setdefault(ctx.call_id, asyncio.Lock()):  # taken without yielding
            await self._start(ctx)

    async def _start(self, ctx: CallCtx) -> None:
        assert self.fork is not None and self.targets is not None
        try:
            t = await self.targets(ctx)
            if t is None:
                return
            ctx.recording = await self.fork.start(ctx.media_channel or ctx.call_id, ctx.call_id, t)
            self.started += 1
        except Exception as e:  # a recording problem never breaks the call
            self.failed += 1
            log.error("call %s: recording did not start: %s", ctx.call_id, e)
            await self._stop_source(ctx)

    async def on_hangup(self, ctx: CallCtx) -> None:
        lock = self._locks.get(ctx.call_id)
        if lock is None:
            await self._stop(ctx)
            return
        try:
            async with lock:
                await self._stop(ctx)
        finally:
            self._locks.pop(ctx.call_id, None)

    async def _stop(self, ctx: CallCtx) -> None:
        h: Any = ctx.recording
        ctx.recording = None
        if h is not None and self.fork is not None:
            await self.fork.stop(h)
        await self._stop_source(ctx)

    async def _stop_source(self, ctx: CallCtx) -> None:
        if self.stop_source is not None:
            try:
                await self.stop_source(ctx)
            except Exception as e:
                log.error("call %s: stopping the recording failed: %s", ctx.call_id, e)
