"""acd.v1.RecordingService: proto <-> Python; the work is in service.py."""

from __future__ import annotations

import ipaddress
import time
from typing import Any, AsyncIterator

import grpc
from grpc import aio

from acdcore.errors import AcdError
from acdcore.types import check_call_id, check_name
from acdcore_api.acd.v1 import recording_service_pb2 as pb
from acdcore_api.acd.v1 import recording_service_pb2_grpc as pb_grpc

from .. import auth, convert
from ..convert import FieldError
from ..errors import ApiError, rpc, rpc_stream
from ..streams import StreamLimiter
from .service import RecordingService

#: bytes per GetRecordingResponse (far below the clients' 4 MiB default message size)
CHUNK = 256 * 1024
MAX_LIMIT = 10000
_CODEC_IN = {pb.RECORDING_CODEC_UNSPECIFIED: "PCMU", pb.RECORDING_CODEC_PCMU: "PCMU",
             pb.RECORDING_CODEC_PCMA: "PCMA"}
_CODEC_OUT = {"PCMU": pb.RECORDING_CODEC_PCMU, "PCMA": pb.RECORDING_CODEC_PCMA, "L16": pb.RECORDING_CODEC_L16}
_STATUS_OUT = {"recording": pb.RECORDING_STATUS_RECORDING, "complete": pb.RECORDING_STATUS_COMPLETE,
               "write-error": pb.RECORDING_STATUS_WRITE_ERROR, "recovered": pb.RECORDING_STATUS_RECOVERED,
               "lost": pb.RECORDING_STATUS_LOST}
_MODES = {pb.MONITOR_MODE_UNSPECIFIED: "mixed", pb.MONITOR_MODE_MIXED: "mixed", pb.MONITOR_MODE_CALLER: "caller",
          pb.MONITOR_MODE_AGENT: "agent", pb.MONITOR_MODE_STEREO: "stereo"}
_DEFAULT_LEG_NAMES = ("caller", "agent")


def _call_id(value: str, field: str = "call_id") -> str:
    try:
        return check_call_id(value)
    except AcdError as e:
        raise FieldError(field, e.message) from None


def _opt_name(value: str, field: str, what: str) -> str | None:
    if not value:
        return None
    try:
        return check_name(value, what)
    except AcdError as e:
        raise FieldError(field, e.message) from None


def _text(value: str, field: str, limit: int = 200) -> str:
    if len(value) > limit or not value.isprintable():
        raise FieldError(field, f"must be at most {limit} printable characters")
    return value


def _recording_id(value: str) -> str:
    if not value:
        raise FieldError("recording_id", "recording_id is required")
    if len(value) != 32 or any(c not in "0123456789abcdef" for c in value):
        raise FieldError("recording_id", f"{value[:40]!r} is not a recording id (32 hex digits)")
    return value


def recording_out(r: Any) -> pb.Recording:
    m = pb.Recording(recording_id=r.recording_id, call_id=r.call_id, agent_id=r.agent or "", queue=r.queue or "",
                     caller=r.caller or "", duration_seconds=r.duration or 0.0,
                     codec=_CODEC_OUT.get(r.codec, pb.RECORDING_CODEC_UNSPECIFIED), channels=r.channels,
                     size_bytes=r.size or 0, sha256=r.sha256 or "",
                     status=_STATUS_OUT.get(r.status, pb.RECORDING_STATUS_UNSPECIFIED))
    m.start_time.CopyFrom(convert.ts(r.start_ts))
    if r.end_ts is not None:
        m.end_time.CopyFrom(convert.ts(r.end_ts))
    return m


def event_out(e: Any) -> pb.RecordingEvent:
    m = pb.RecordingEvent(kind=e.kind, who=e.who or "", position_seconds=e.position or 0.0, detail=e.detail or "")
    m.time.CopyFrom(convert.ts(e.at))
    return m


def _who() -> str:
    p = auth.principal()
    return f"{p.name} (agent {p.agent_id})" if p.role == auth.AGENT else p.name


class RecordingServicer(pb_grpc.RecordingServiceServicer):
    def __init__(self, service: RecordingService, streams: StreamLimiter) -> None:
        self.s = service
        self.streams = streams

    # --- control ---
    def _legs(self, request: pb.StartRecordingRequest) -> list[Any]:
        from rtp import Leg

        n = len(request.legs)
        if not 1 <= n <= 2:
            raise FieldError("legs", f"a recording has 1 leg (caller) or 2 (caller, agent), got {n}")
        legs, names = [], set()
        for i, lg in enumerate(request.legs):
            f = f"legs[{i}]."
            name = _opt_name(lg.name, f + "name", "leg name") or _DEFAULT_LEG_NAMES[i]
            if name in names:
                raise FieldError(f + "name", f"leg name {name!r} is used twice")
            names.add(name)
            if lg.codec not in _CODEC_IN:
                raise FieldError(f + "codec", "a leg's codec must be PCMU or PCMA")
            remote = None
            if lg.remote_host:
                try:
                    host = str(ipaddress.IPv4Address(lg.remote_host))
                except ValueError:
                    raise FieldError(f + "remote_host", f"{lg.remote_host[:60]!r} is not an IPv4 address") from None
                if not 1 <= lg.remote_port <= 65535:
                    raise FieldError(f + "remote_port", "remote_port must be 1-65535 with remote_host")
                remote = (host, lg.remote_port)
            elif lg.remote_port:
                raise FieldError(f + "remote_host", "remote_port needs remote_host")
            ssrc = lg.ssrc if lg.HasField("ssrc") else None
            if request.shared_port and remote is None and ssrc is None:
                raise FieldError(f + "remote_host", "on a shared port every leg needs remote_host/port or ssrc")
            dtmf = lg.dtmf_payload_type if lg.HasField("dtmf_payload_type") else 101
            if not 96 <= dtmf <= 127:
                raise FieldError(f + "dtmf_payload_type", "the telephone-event payload type must be dynamic (96-127)")
            legs.append(Leg(name=name, remote=remote, ssrc=ssrc, codec=_CODEC_IN[lg.codec], dtmf_pt=dtmf))
        return legs

    @rpc
    async def StartRecording(self, request: pb.StartRecordingRequest, context: aio.ServicerContext) -> Any:
        call_id = _call_id(request.call_id)
        legs = self._legs(request)
        agent = _opt_name(request.agent_id, "agent_id", "agent id")
        queue = _opt_name(request.queue, "queue", "queue name")
        caller = _text(request.caller, "caller", 64) or None
        h = await self.s.start_recording(call_id, legs, agent=agent, queue=queue, caller=caller,
                                         shared=request.shared_port)
        return pb.StartRecordingResponse(recording_id=h.recording_id, media=[
            pb.MediaAddress(leg=m.leg, host=m.host, rtp_port=m.rtp_port, rtcp_port=m.rtcp_port or 0,
                            shared=m.shared) for m in h.media])

    @rpc
    async def StopRecording(self, request: pb.StopRecordingRequest, context: aio.ServicerContext) -> Any:
        call_id = _call_id(request.call_id)
        reason = _text(request.reason, "reason")
        info, st = await self.s.stop_recording(call_id, reason)
        names = st.get("leg_names") or _DEFAULT_LEG_NAMES
        legs = []
        for i, ls in enumerate(st["legs"]):
            legs.append(pb.RecordingLegStats(
                leg=names[i] if i < len(names) else str(i),
                packets=ls["packets"], lost=ls["lost"], duplicates=ls["duplicates"], late=ls["late"],
                foreign=ls["foreign"], fill_samples=ls["fill_samples"], jitter_ms=ls["jitter"] / 8.0))
        return pb.StopRecordingResponse(recording=recording_out(info), legs=legs)

    def _check_agent(self, call_id: str) -> None:
        """Role agent pauses and resumes only the recordings of its own calls."""
        who = auth.principal()
        if who.role == auth.AGENT:
            rec = self.s.active(call_id)
            if rec.agent != who.agent_id:
                raise ApiError(grpc.StatusCode.PERMISSION_DENIED, "NOT_YOUR_CALL",
                               f"token {who.name!r} may pause only the recordings of agent {who.agent_id!r}",
                               field="call_id")

    @rpc
    async def PauseRecording(self, request: pb.PauseRecordingRequest, context: aio.ServicerContext) -> Any:
        call_id = _call_id(request.call_id)
        reason = _text(request.reason, "reason")
        self._check_agent(call_id)
        ev = await self.s.pause(call_id, _who(), reason)
        return pb.PauseRecordingResponse(event=event_out(ev))

    @rpc
    async def ResumeRecording(self, request: pb.ResumeRecordingRequest, context: aio.ServicerContext) -> Any:
        call_id = _call_id(request.call_id)
        reason = _text(request.reason, "reason")
        self._check_agent(call_id)
        ev = await self.s.resume(call_id, _who(), reason)
        return pb.ResumeRecordingResponse(event=event_out(ev))

    # --- search and playback ---
    @rpc
    async def SearchRecordings(self, request: pb.SearchRecordingsRequest, context: aio.ServicerContext) -> Any:
        kw: dict[str, Any] = {
            "call_id": _call_id(request.call_id) if request.call_id else None,
            "agent": _opt_name(request.agent_id, "agent_id", "agent id"),
            "queue": _opt_name(request.queue, "queue", "queue name"),
            "caller": _text(request.caller, "caller", 64) or None,
            "since": convert.from_ts(request.start_time_from) if request.HasField("start_time_from") else None,
            "until": convert.from_ts(request.start_time_to) if request.HasField("start_time_to") else None,
        }
        if kw["since"] is not None and kw["until"] is not None and kw["until"] <= kw["since"]:
            raise FieldError("start_time_to", "start_time_to must be after start_time_from")
        limit = request.limit or 100
        if limit > MAX_LIMIT:
            raise FieldError("limit", f"limit must be at most {MAX_LIMIT}")
        if request.offset > 10_000_000:
            raise FieldError("offset", "offset too large")
        rows = await self.s.search(**kw, limit=limit, offset=request.offset)
        return pb.SearchRecordingsResponse(recordings=[recording_out(r) for r in rows])

    @rpc
    async def ListRecordingEvents(self, request: pb.ListRecordingEventsRequest,
                                  context: aio.ServicerContext) -> Any:
        rid = _recording_id(request.recording_id)
        return pb.ListRecordingEventsResponse(events=[event_out(e) for e in self.s.events(rid)])

    @rpc_stream
    async def GetRecording(self, request: pb.GetRecordingRequest,
                           context: aio.ServicerContext) -> AsyncIterator[Any]:
        rid = _recording_id(request.recording_id)
        info = self.s.get(rid)
        if info.status == "recording":
            raise ApiError(grpc.StatusCode.FAILED_PRECONDITION, "RECORDING_IN_PROGRESS",
                           f"recording {rid} is still in progress: listen with MonitorCall", field="recording_id")
        if info.status == "lost":
            raise ApiError(grpc.StatusCode.DATA_LOSS, "RECORDING_FILE_LOST", f"recording {rid}: the file was lost")
        size = info.size or 0
        start, end = request.start_byte, request.end_byte or size
        if request.start_seconds:
            if not 0 <= request.start_seconds <= 1e7:
                raise FieldError("start_seconds", "start_seconds must be >= 0")
            start = self.s.wav_offset(rid, request.start_seconds)
        if end > size:
            raise FieldError("end_byte", f"end_byte {end} lies beyond the file ({size} bytes)")
        if start > end:
            raise FieldError("start_byte", f"start_byte {start} lies beyond end_byte {end}")
        with self.streams.slot():
            first = True
            offset = start
            if start == end:
                yield pb.GetRecordingResponse(recording=recording_out(info), total_size=size, offset=offset)
                return
            async for data in self.s.read(rid, start, end, CHUNK):
                msg = pb.GetRecordingResponse(offset=offset, data=data)
                if first:
                    msg.recording.CopyFrom(recording_out(info))
                    msg.total_size = size
                    first = False
                offset += len(data)
                yield msg
            if offset != end:  # the file shrank under us: never hand out a silently short copy
                raise ApiError(grpc.StatusCode.DATA_LOSS, "RECORDING_FILE_CHANGED",
                               f"recording {rid}: the file ended at byte {offset}, the index says {size}; "
                               f"run `acdcore recordings verify`")

    @rpc_stream
    async def MonitorCall(self, request: pb.MonitorCallRequest, context: aio.ServicerContext) -> AsyncIterator[Any]:
        call_id = _call_id(request.call_id)
        mode = _MODES.get(request.mode)
        if mode is None:
            raise FieldError("mode", f"{request.mode} is not a valid MonitorMode")
        rec = self.s.active(call_id)
        if mode == "agent" and rec.channels < 2:
            raise FieldError("mode", "this recording has no agent leg")
        channels = 2 if mode == "stereo" and rec.channels == 2 else 1
        with self.streams.slot():
            async for fr in self.s.monitor(call_id, mode):
                yield pb.MonitorCallResponse(seq=fr.seq, position_seconds=fr.position, channels=channels,
                                             sample_rate=8000, pcm=fr.pcm, skipped=fr.skipped,
                                             queued_ms=max(0.0, (time.monotonic_ns() - fr.emitted_ns) / 1e6))


def register(servicer: RecordingServicer, server: aio.Server) -> None:
    pb_grpc.add_RecordingServiceServicer_to_server(servicer, server)


__all__ = ["RecordingServicer", "event_out", "recording_out", "register"]
