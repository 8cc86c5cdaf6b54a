"""desk.v1.OutageService."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, AsyncIterator

from grpc import aio

from .. import convert
from .. import validate as v
from ..alerts import repo as alert_repo
from ..api.desk.v1 import outage_service_pb2 as pb
from ..api.desk.v1 import outage_service_pb2_grpc as pb_grpc
from ..common import actor
from ..enums import AlertKind, OutageState
from ..errors import InvalidArgument
from ..tickets.service import Effects
from ..transport import rpc, rpc_stream
from . import repo, service

if TYPE_CHECKING:
    from ..app import Desk


class OutageServicer(pb_grpc.OutageServiceServicer):
    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    @rpc
    async def ReportFault(self, request: pb.ReportFaultRequest, context: aio.ServicerContext) -> Any:
        d = self.desk
        r = request
        fx = Effects()
        area, _ = await d.db.write(service.report_fault, d.cfg, r.caller, r.area, r.call_id, d.clock(), fx)
        await d.after(fx)
        outage = await d.db.read(repo.active_for_area, area)
        resp = pb.ReportFaultResponse(area=area, window_reports=d.detector.window_count(area, d.clock()))
        if outage is not None:
            resp.outage.CopyFrom(convert.outage(outage))
        return resp

    @rpc
    async def GetAreaNotice(self, request: pb.GetAreaNoticeRequest, context: aio.ServicerContext) -> Any:
        d = self.desk
        r = request
        area, outage, nid = await d.db.write(service.area_notice, d.cfg, r.caller, r.area, r.call_id, d.clock())
        if outage is None:
            return pb.GetAreaNoticeResponse(active=False, area=area)
        if nid:
            d.pending_notices += 1
        return pb.GetAreaNoticeResponse(active=True, area=area, notice_text=outage["notice_text"],
                                        expected_repair_time=convert.ts(outage["expected_repair_at"]),
                                        outage_id=outage["id"], notice_id=nid)

    @rpc
    async def RecordNoticeOutcome(self, request: pb.RecordNoticeOutcomeRequest, context: aio.ServicerContext) -> Any:
        d = self.desk
        row = await d.db.write(service.record_notice_outcome, request.notice_id, request.outcome, d.clock())
        return pb.RecordNoticeOutcomeResponse(outage=convert.outage(row))

    @rpc
    async def GetOutage(self, request: pb.GetOutageRequest, context: aio.ServicerContext) -> Any:
        return pb.GetOutageResponse(outage=convert.outage(await self.desk.db.read(service.get, request.outage_id)))

    @rpc
    async def ListOutages(self, request: pb.ListOutagesRequest, context: aio.ServicerContext) -> Any:
        state = v.enum(request.state, OutageState, "state", required=False)
        v.area(request.area, required=False)
        limit = v.page_size(request.page_size)
        rows = await self.desk.db.read(repo.list_outages, int(state or 0), request.area, limit)
        return pb.ListOutagesResponse(outages=[convert.outage(x) for x in rows])

    @rpc
    async def DeclareOutage(self, request: pb.DeclareOutageRequest, context: aio.ServicerContext) -> Any:
        d = self.desk
        r = request
        v.area(r.area)
        v.text(r.notice_text, "notice_text", max_len=1000)
        expected = convert.opt_ts(r, "expected_repair_time")
        if expected is not None:
            v.finite_time(expected, "expected_repair_time")
        outage, existing = await d.raise_outage(r.area, declared_by=actor(), text=r.notice_text, expected=expected)
        return pb.DeclareOutageResponse(outage=convert.outage(outage), existing=existing)

    @rpc
    async def UpdateOutage(self, request: pb.UpdateOutageRequest, context: aio.ServicerContext) -> Any:
        d = self.desk
        r = request
        row = await d.db.write(service.update, d.cfg, r.outage_id, r.notice_text,
                               convert.opt_ts(r, "expected_repair_time"), d.clock())
        return pb.UpdateOutageResponse(outage=convert.outage(row))

    @rpc
    async def CloseOutage(self, request: pb.CloseOutageRequest, context: aio.ServicerContext) -> Any:
        d = self.desk
        fx = Effects()
        async with d.outage_lock:
            row, resolved, follow = await d.db.write(service.close, d.cfg, actor(), request.outage_id,
                                                     request.resolution, d.clock(), fx)
            await d.outage_closed(row["area"])
        await d.after(fx)
        return pb.CloseOutageResponse(outage=convert.outage(row), resolved_tickets=resolved, follow_ups=follow)

    @rpc_stream
    async def WatchAlerts(self, request: pb.WatchAlertsRequest, context: aio.ServicerContext) -> AsyncIterator[Any]:
        kinds = [int(v.enum(k, AlertKind, f"kinds[{i}]")) for i, k in enumerate(request.kinds)]
        d = self.desk
        q = d.bus.subscribe()
        try:
            last = request.after_alert_id
            if last == 0:
                last = await d.db.read(alert_repo.last_id)
            else:
                while True:  # the backlog, in pages
                    rows = await d.db.read(alert_repo.after, last, kinds)
                    if not rows:
                        break
                    last = rows[-1]["id"]
                    yield pb.WatchAlertsResponse(alerts=[convert.alert(x) for x in rows])
            while True:
                a = await q.get()
                if a is None:
                    return
                if a["id"] <= last or (kinds and a["kind"] not in kinds):
                    continue
                batch = [a]
                ended = False
                while not q.empty():
                    b = q.get_nowait()
                    if b is None:
                        ended = True
                        break
                    if b["id"] > last and (not kinds or b["kind"] in kinds):
                        batch.append(b)
                last = batch[-1]["id"]
                yield pb.WatchAlertsResponse(alerts=[convert.alert(x) for x in batch])
                if ended:
                    return
                await asyncio.sleep(0)
        finally:
            d.bus.unsubscribe(q)


__all__ = ["InvalidArgument", "OutageServicer"]
