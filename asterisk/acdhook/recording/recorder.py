"""Where the recording seam gets its media targets: acdcore's recorder.

``[recording] mode = "grpc"``: acdcore's RecordingService (acd.v1, role telephony) --
StartRecording / StopRecording over the same gRPC connection as everything else.
``mode = "embedded"``: the hook runs the recorder (the ``rtp`` package) in its own process,
for an acdcore server without recording. Either way:

    on_answered:  StartRecording(call id, legs caller + agent)  -> one RTP address per leg
                  MediaFork.start: snoop(spy=in)  + externalMedia -> the caller leg's address
                                   snoop(spy=out) + externalMedia -> the agent leg's address
    on_hangup:    MediaFork.stop, StopRecording (file closed, fsynced, hashed, indexed)

The recording is indexed under the call id (= the caller channel's uniqueid = acdcore's
call id), with agent, queue and caller; channel 0 (left) holds the caller, channel 1 the
agent. Both classes offer the same two calls (``targets``, ``stop``) to the seam.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from .seam import LegTargets

if TYPE_CHECKING:
    from ..config import RecordingSettings
    from ..qlog import QueueLog
    from ..queueing.calls import CallCtx

log = logging.getLogger("acdhook.recording")

_CODEC = {"ulaw": "PCMU", "alaw": "PCMA"}


class EmbeddedRecorder:
    """StartRecording / StopRecording against an in-process ``rtp.Recorder``."""

    def __init__(self, settings: RecordingSettings, qlog: QueueLog | None = None) -> None:
        self.settings = settings
        self.qlog = qlog
        self.recorder: Any = None
        #: call id -> recording id of the recordings this hook started and has not stopped
        self.active: dict[str, str] = {}

    async def start(self) -> None:
        import rtp  # the compiled recorder; imported here so a hook without recording needs none

        s = self.settings
        cfg = rtp.RecorderConfig(storage_dir=s.storage_dir, index_path=s.index or None, bind_host=s.bind,
                                 advertise_host=s.advertise or None, port_range=(s.port_low, s.port_high))
        self.recorder = rtp.Recorder(cfg)
        await self.recorder.start()
        log.info("recorder started: %s, RTP on %s:%d-%d", s.storage_dir, s.bind, s.port_low, s.port_high)

    async def close(self) -> None:
        if self.recorder is not None:
            await self.recorder.close()  # finalizes whatever is still recording
            self.recorder = None

    async def targets(self, ctx: CallCtx) -> LegTargets | None:
        """StartRecording: where Asterisk sends the caller's and the agent's audio."""
        import rtp

        if self.recorder is None:
            return None
        codec = _CODEC[self.settings.format]
        h = await self.recorder.start_recording(
            ctx.call_id, [rtp.Leg("caller", codec=codec), rtp.Leg("agent", codec=codec)],
            agent=ctx.agent_id or None, queue=ctx.queue or None, caller=ctx.caller or None)
        self.active[ctx.call_id] = h.recording_id
        by_leg = {m.leg: m for m in h.media}
        if self.qlog is not None:
            self.qlog.write(ctx.call_id, ctx.queue or "NONE", ctx.agent_id or "NONE", "RECSTART", h.recording_id)

        def addr(leg: str) -> str:
            m = by_leg[leg]
            host = f"[{m.host}]" if ":" in m.host else m.host
            return f"{host}:{m.rtp_port}"

        return LegTargets(caller=addr("caller"), agent=addr("agent"))

    async def stop(self, ctx: CallCtx) -> None:
        """StopRecording at hang-up (also after a fork that failed half-way)."""
        rid = self.active.pop(ctx.call_id, None)
        if rid is None or self.recorder is None:
            return
        info = await self.recorder.stop_recording(ctx.call_id, reason="hangup")
        if self.qlog is not None:
            self.qlog.write(ctx.call_id, ctx.queue or "NONE", ctx.agent_id or "NONE", "RECSTOP", rid,
                            f"{info.duration or 0:.2f}", info.status)


class GrpcRecorder:
    """StartRecording / StopRecording on acdcore's RecordingService (acd.v1), through the
    public wrappers of ``acdcore_client.AsyncClient`` (deadline, typed errors with the ErrorInfo
    reason; start and stop are never resent, as the client decides).

    ``GrpcRecorder(settings, client, timeout=..., qlog=...)`` with the hook's AsyncClient. The
    older form ``GrpcRecorder(settings, channel, metadata, timeout, qlog)`` (a grpc.aio channel
    and its call metadata) still works: it wraps the channel in an AsyncClient sending the
    same bearer token.
    """

    def __init__(self, settings: RecordingSettings, client: Any, metadata: Any = None, timeout: float = 3.0,
                 qlog: QueueLog | None = None) -> None:
        from acdcore_api.acd.v1 import recording_service_pb2 as rpb
        from acdcore_client import AsyncClient, Settings

        self.settings = settings
        self.qlog = qlog
        self.timeout = timeout
        self.rpb = rpb
        if isinstance(client, AsyncClient):
            self.acd = client
        else:  # a channel and its metadata: the authorization header is all the metadata there is
            token = next((v.removeprefix("Bearer ") for k, v in (metadata or ()) if k == "authorization"), None)
            self.acd = AsyncClient(settings=Settings(token=token, timeout=timeout), channel=client)
        #: call id -> recording id of the recordings this hook started and has not stopped
        self.active: dict[str, str] = {}

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        pass  # the server finalizes recordings it still holds when it stops; the client is the hook's

    async def targets(self, ctx: CallCtx) -> LegTargets | None:
        """StartRecording: where Asterisk sends the caller's and the agent's audio."""
        rpb = self.rpb
        codec = rpb.RECORDING_CODEC_PCMU if self.settings.format == "ulaw" else rpb.RECORDING_CODEC_PCMA
        r = await self.acd.start_recording(ctx.call_id, ("caller", "agent"), agent_id=ctx.agent_id or "",
                                           queue=ctx.queue or "", caller=ctx.caller or "", codec=codec,
                                           timeout=self.timeout)
        self.active[ctx.call_id] = r.recording_id
        if self.qlog is not None:
            self.qlog.write(ctx.call_id, ctx.queue or "NONE", ctx.agent_id or "NONE", "RECSTART", r.recording_id)
        by_leg = {m.leg: m for m in r.media}

        def addr(leg: str) -> str:
            m = by_leg[leg]
            host = f"[{m.host}]" if ":" in m.host else m.host
            return f"{host}:{m.rtp_port}"

        return LegTargets(caller=addr("caller"), agent=addr("agent"))

    async def stop(self, ctx: CallCtx) -> None:
        """StopRecording at hang-up (also after a fork that failed half-way)."""
        rid = self.active.pop(ctx.call_id, None)
        if rid is None:
            return
        r = await self.acd.stop_recording(ctx.call_id, "hangup", timeout=self.timeout)
        if self.qlog is not None:
            status = self.rpb.RecordingStatus.Name(r.recording.status).removeprefix("RECORDING_STATUS_").lower()
            self.qlog.write(ctx.call_id, ctx.queue or "NONE", ctx.agent_id or "NONE", "RECSTOP", rid,
                            f"{r.recording.duration_seconds:.2f}", status)
