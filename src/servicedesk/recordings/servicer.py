"""desk.v1.MediaService: a work order's recordings, playback and live monitoring.

The desk keeps which recordings belong to which work order (ticket_recordings, written by
LinkTicketCall). Playing a recording and listening live go through acdcore's recording API
(acd.v1.RecordingService): the desk checks what it can (the recording is linked to a work order
and acdcore holds it; the agent exists in acdcore, talks on a call and that call is being
recorded) with SearchRecordings over its business connection, and answers where to fetch the
audio (GetRecording / MonitorCall, with the request as JSON); the desktop calls acdcore with its
own supervisor credentials. Without the recording API (an older acdcore: UNIMPLEMENTED, or
recording disabled: UNAVAILABLE) the answer is UNAVAILABLE / RECORDING_API_UNAVAILABLE.
"""

from __future__ import annotations

import importlib.util
import json
from typing import TYPE_CHECKING, Any

import grpc

from grpc import aio
from sqlalchemy import select

from .. import convert
from .. import validate as v
from ..api.desk.v1 import media_service_pb2 as pb
from ..api.desk.v1 import media_service_pb2_grpc as pb_grpc
from ..api.desk.v1 import resources_pb2 as res
from ..db.schema import ticket_recordings as TR
from ..errors import FailedPrecondition, NotFound, Unavailable
from ..tickets import repo as t_repo
from ..tickets import service as t_service
from ..transport import rpc

if TYPE_CHECKING:
    from ..app import Desk


def recording_api_available() -> bool:
    return importlib.util.find_spec("acdcore_api.acd.v1.recording_service_pb2") is not None


def _uri(method: str, **request: str) -> str:
    return f"acd.v1.RecordingService/{method} {json.dumps(request, sort_keys=True)}"


class MediaServicer(pb_grpc.MediaServiceServicer):
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self._stub: Any = None

    async def _search(self, call_id: str) -> list[Any]:
        """acdcore's recordings of one call (acd.v1.RecordingService.SearchRecordings)."""
        acd = self.desk.acd
        if acd is None:
            raise Unavailable("the desk has no acdcore connection", reason="ACD_UNAVAILABLE")
        if not recording_api_available():
            raise Unavailable("this acdcore binding has no recording API", reason="RECORDING_API_UNAVAILABLE")
        from acdcore_api.acd.v1 import recording_service_pb2 as rpb
        from acdcore_api.acd.v1 import recording_service_pb2_grpc as rgrpc

        if self._stub is None:
            self._stub = rgrpc.RecordingServiceStub(acd.channel)
        md = (("authorization", f"Bearer {self.desk.cfg.acd.token}"),) if self.desk.cfg.acd.token else ()
        try:
            resp = await self._stub.SearchRecordings(rpb.SearchRecordingsRequest(call_id=call_id, limit=100),
                                                     metadata=md, timeout=5.0)
        except grpc.RpcError as e:
            if e.code() in (grpc.StatusCode.UNIMPLEMENTED, grpc.StatusCode.UNAVAILABLE):
                raise Unavailable(f"acdcore's recording API is not available: {e.details()}",
                                  reason="RECORDING_API_UNAVAILABLE") from None
            raise Unavailable(f"acdcore: {e.details()}", reason="ACD_UNAVAILABLE") from None
        return list(resp.recordings)

    @rpc
    async def ListTicketRecordings(self, request: pb.ListTicketRecordingsRequest, context: aio.ServicerContext) -> Any:
        def read(conn: Any) -> list[dict[str, Any]]:
            t_service.get(conn, request.ticket_id)
            return t_repo.recordings(conn, request.ticket_id)

        rows = await self.desk.db.read(read)
        return pb.ListTicketRecordingsResponse(recordings=[
            res.RecordingRef(recording_id=r["recording_id"], call_id=r["call_id"], link_time=convert.ts(r["linked_at"]))
            for r in rows])

    @rpc
    async def GetPlayback(self, request: pb.GetPlaybackRequest, context: aio.ServicerContext) -> Any:
        v.call_id(request.recording_id, "recording_id")
        row = await self.desk.db.read(lambda c: c.execute(
            select(TR).where(TR.c.recording_id == request.recording_id).order_by(TR.c.linked_at).limit(1)).first())
        if row is None:
            raise NotFound(f"recording {request.recording_id} is linked to no work order", reason="RECORDING_NOT_LINKED")
        ref = res.RecordingRef(recording_id=row.recording_id, call_id=row.call_id, link_time=convert.ts(row.linked_at))
        duration = 0.0
        if row.call_id:  # acdcore finds recordings by call: check that it holds this one
            found = [r for r in await self._search(row.call_id) if r.recording_id == request.recording_id]
            if not found:
                raise NotFound(f"acdcore holds no recording {request.recording_id} of call {row.call_id} "
                               f"(linked to ticket {row.ticket_id})", reason="RECORDING_NOT_FOUND",
                               ticket_id=row.ticket_id, call_id=row.call_id)
            if found[0].status == 1:  # RECORDING_STATUS_RECORDING
                raise FailedPrecondition(f"recording {request.recording_id} is still being recorded: listen live "
                                         f"(StartMonitoring) or play it when the call ends",
                                         reason="RECORDING_IN_PROGRESS", call_id=row.call_id)
            duration = found[0].duration_seconds
        else:
            await self._search("")  # the recording API must exist to play from it
        return pb.GetPlaybackResponse(recording=ref, playback_uri=_uri("GetRecording", recording_id=row.recording_id),
                                      duration_seconds=duration)

    @rpc
    async def StartMonitoring(self, request: pb.StartMonitoringRequest, context: aio.ServicerContext) -> Any:
        v.org(request.agent_id, "agent_id", required=True)
        acd = self.desk.acd
        if acd is None:
            raise Unavailable("the desk has no acdcore connection", reason="ACD_UNAVAILABLE")
        try:
            agent = (await acd.get_agent(request.agent_id)).agent
        except Exception as e:  # noqa: BLE001
            if getattr(e, "reason", "") == "AGENT_NOT_FOUND":
                raise NotFound(f"acdcore knows no agent {request.agent_id}", reason="AGENT_NOT_FOUND") from None
            raise Unavailable(f"acdcore: {e}", reason="ACD_UNAVAILABLE") from None
        if not agent.call_id or agent.state != 4:  # AGENT_STATE_BUSY
            raise FailedPrecondition(f"agent {request.agent_id} is not talking on a call now",
                                     reason="AGENT_NOT_ON_CALL", agent_id=request.agent_id)
        live = [r for r in await self._search(agent.call_id) if r.status == 1]  # RECORDING_STATUS_RECORDING
        if not live:
            raise FailedPrecondition(f"agent {request.agent_id} is on call {agent.call_id}, which is not being "
                                     f"recorded: there is nothing to listen to", reason="CALL_NOT_RECORDED",
                                     call_id=agent.call_id)
        return pb.StartMonitoringResponse(call_id=agent.call_id, monitor_uri=_uri("MonitorCall", call_id=agent.call_id))
