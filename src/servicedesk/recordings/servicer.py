"""desk.v1.MediaService: a work order's recordings, playback and live monitoring.

The desk keeps which recordings belong to which work order (ticket_recordings, written by
LinkTicketCall). Playing a recording and listening live go through acdcore's recording API,
a gRPC service that does not exist yet in acd.v1 (see docs/servicedesk.md, "What the desk needs
from acdcore"): until it does, GetPlayback and StartMonitoring answer UNAVAILABLE with reason
RECORDING_API_UNAVAILABLE after checking everything the desk can check itself (the recording is
linked to a work order; the agent exists and is on a call).
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING, Any

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


class MediaServicer(pb_grpc.MediaServiceServicer):
    def __init__(self, desk: Desk) -> None:
        self.desk = desk

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
        raise Unavailable(f"recording {request.recording_id} (call {row.call_id or '?'}) is linked to ticket "
                          f"{row.ticket_id}, but acdcore has no recording API yet to play it from",
                          reason="RECORDING_API_UNAVAILABLE", ticket_id=row.ticket_id, call_id=row.call_id)

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
        raise Unavailable(f"agent {request.agent_id} is on call {agent.call_id}, but acdcore has no recording API "
                          f"yet to listen through", reason="RECORDING_API_UNAVAILABLE", call_id=agent.call_id)
