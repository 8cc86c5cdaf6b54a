"""desk.v1.ReportService."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from grpc import aio

from .. import convert
from .. import validate as v
from ..api.desk.v1 import report_service_pb2 as pb
from ..api.desk.v1 import resources_pb2 as res
from ..api.desk.v1 import report_service_pb2_grpc as pb_grpc
from ..enums import Granularity, ReportKind
from ..errors import InvalidArgument
from ..transport import rpc
from . import queries

if TYPE_CHECKING:
    from ..app import Desk

MAX_RANGE = 400 * 86400


def check(kind: int, start: float | None, end: float | None, granularity: int, utc_offset: int,
          keys: list[str]) -> tuple[ReportKind, float, float, Granularity | None]:
    k = v.enum(kind, ReportKind, "kind")
    if start is None:
        raise InvalidArgument("start_time", "is required")
    if end is None:
        raise InvalidArgument("end_time", "is required")
    v.finite_time(start, "start_time")
    v.finite_time(end, "end_time")
    if end <= start:
        raise InvalidArgument("end_time", "must lie after start_time")
    if end - start > MAX_RANGE:
        raise InvalidArgument("end_time", "the range is at most 400 days")
    g = v.enum(granularity, Granularity, "granularity", required=False)
    if not -50400 <= utc_offset <= 50400 or utc_offset % 900:
        raise InvalidArgument("utc_offset_seconds", "must be -50400..50400 in steps of 900")
    if g == Granularity.DAY and utc_offset % 3600:
        raise InvalidArgument("utc_offset_seconds", "DAY reports need a whole-hour offset (rows are built from hours)")
    if len(keys) > 1000:
        raise InvalidArgument("keys", "at most 1000 keys")
    for i, key in enumerate(keys):
        v.org(key, f"keys[{i}]", required=True)
    return k, start, end, g


class ReportServicer(pb_grpc.ReportServiceServicer):
    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    @rpc
    async def RunReport(self, request: pb.RunReportRequest, context: aio.ServicerContext) -> Any:
        r = request
        keys = list(r.keys)
        kind, start, end, g = check(r.kind, convert.opt_ts(r, "start_time"), convert.opt_ts(r, "end_time"),
                                    r.granularity, r.utc_offset_seconds, keys)
        now = self.desk.clock()
        t = await self.desk.db.read(queries.run, kind, start, end, g, keys, r.utc_offset_seconds, now)
        return pb.RunReportResponse(table=res.ReportTable(
            kind=int(t.kind), columns=t.columns, rows=[res.ReportRow(values=row) for row in t.text_rows()],
            start_time=convert.ts(start), end_time=convert.ts(end), notes=t.notes))
