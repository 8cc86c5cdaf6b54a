"""Outages: IVR fault reports, raising an outage (master work order, grouping, alert),
closing it (resolving the grouped work orders, scheduling their follow-ups), the notice the
IVR plays, and deflection counting. Each function runs in one transaction."""

from __future__ import annotations

import time as _time
from typing import Any

from sqlalchemy import Connection, select

from .. import validate as v
from ..alerts import repo as alert_repo
from ..config import Config
from ..db.schema import fault_reports as F
from ..db.schema import tickets as T
from ..enums import (AlertKind, Channel, FaultSource, HistoryAction, NoticeOutcome, OutageState, TicketState,
                     TicketType)
from ..errors import FailedPrecondition, InvalidArgument, NotFound
from ..subscribers import repo as sub_repo
from ..tickets import repo as t_repo
from ..tickets import service as t_service
from ..tickets import states
from . import repo
from .detector import Alarm

DETECTOR = "detector"
OUTAGE_DEPARTMENT = "repair"


def _fmt_time(t: float, utc_offset: int) -> str:
    return _time.strftime("%H:%M on %d %b", _time.gmtime(t + utc_offset))


def notice_text(cfg: Config, area: str, expected: float) -> str:
    return cfg.outage.notice.format(area=area, expected=_fmt_time(expected, cfg.desk.utc_offset))


def area_of_caller(conn: Connection, cfg: Config, caller: str, area: str, field: str = "caller") -> str:
    """The service area of a caller: given, else the area of the first subscriber with that number."""
    if area:
        return v.area(area)
    if not caller:
        raise InvalidArgument(field, "give the caller number or the area")
    phone = v.phone(caller, field, local_prefix=cfg.desk.local_prefix)
    ids = sub_repo.ids_by_phone(conn, phone, limit=1)
    if not ids:
        return ""
    return sub_repo.load_many(conn, ids)[0]["area"]


def report_fault(conn: Connection, cfg: Config, caller: str, area: str, call_id: str, now: float,
                 fx: t_service.Effects) -> tuple[str, dict[str, Any] | None]:
    if call_id:
        v.call_id(call_id, "call_id")
    found = area_of_caller(conn, cfg, caller, area)
    if not found:
        raise FailedPrecondition(f"the number {caller} belongs to no subscriber: give the area", reason="AREA_UNKNOWN",
                                 field="area")
    outage = repo.active_for_area(conn, found)
    repo.insert_fault(conn, found, now, int(FaultSource.IVR), caller=v.normalise_number(caller), call_id=call_id,
                      outage_id=outage["id"] if outage else None)
    if outage is not None:
        repo.bump(conn, outage["id"], reports=1)
        outage = repo.get(conn, outage["id"])
    fx.faults.append((found, now))
    return found, outage


def raise_outage(conn: Connection, cfg: Config, area: str, now: float, fx: t_service.Effects, *,
                 declared_by: str = DETECTOR, alarm: Alarm | None = None, text: str = "",
                 expected: float | None = None) -> tuple[dict[str, Any], bool]:
    """Create the outage of ``area`` (or return the active one, True), with its master work order,
    the area's recent open fault tickets grouped under it, and a supervisor alert."""
    existing = repo.active_for_area(conn, area)
    if existing is not None:
        return existing, True
    expected = expected if expected is not None else now + cfg.outage.repair_hours * 3600.0
    text = text or notice_text(cfg, area, expected)
    window_reports = alarm.reports if alarm is not None else 0
    baseline = alarm.expected if alarm is not None else 0.0
    oid = repo.insert_outage(conn, {
        "area": area, "state": int(OutageState.ACTIVE), "detected_at": now, "expected_repair_at": expected,
        "notice_text": text, "window_reports": window_reports, "baseline_reports": baseline,
        "declared_by": declared_by, "version": 1})
    why = (f"{alarm.reports} fault reports in {cfg.outage.window / 60:.0f} min against {alarm.expected:.2f} expected"
           if alarm is not None else f"declared by {declared_by}")
    master, _ = t_service.create(conn, cfg, declared_by, t_service.TicketIn(
        type=int(TicketType.FAULT_REPAIR), channel=int(Channel.INTERNAL), priority=4, area="",
        subject=f"Major outage in area {area}", description=why, department=OUTAGE_DEPARTMENT),
        now, fx, internal_ok=True)
    mid = master["id"]
    t_repo.set_system(conn, mid, {"outage_id": oid, "area": area})
    repo.set_values(conn, oid, {"master_ticket_id": mid})
    t_repo.add_history(conn, mid, now, "system", HistoryAction.OUTAGE, text=f"master work order of outage {oid}",
                       details={"outage_id": oid})
    # group the area's open fault repairs of the last group_window
    rows = conn.execute(select(T.c.id).where(
        T.c.area == area, T.c.type == int(TicketType.FAULT_REPAIR), T.c.state.in_([1, 2, 3]),
        T.c.outage_id.is_(None), T.c.created_at >= now - cfg.outage.group_window, T.c.id != mid)).all()
    for (tid,) in rows:
        t_repo.set_system(conn, tid, {"outage_id": oid, "master_id": mid})
        t_repo.add_history(conn, tid, now, "system", HistoryAction.OUTAGE,
                           text=f"grouped under outage {oid} (master work order {mid})",
                           details={"outage_id": oid, "master_ticket_id": mid})
    n_reports = conn.execute(F.update().where(F.c.area == area, F.c.at > now - cfg.outage.window,
                                              F.c.outage_id.is_(None)).values(outage_id=oid)).rowcount
    repo.bump(conn, oid, grouped_tickets=len(rows), reports=max(n_reports, 0))
    sups = cfg.escalation.for_department(OUTAGE_DEPARTMENT)
    fx.alerts.append(alert_repo.insert_alert(
        conn, now, AlertKind.OUTAGE_DETECTED,
        f"major outage in area {area}: {why}; {len(rows)} work orders grouped under {mid}",
        outage_id=oid, ticket_id=mid, area=area, supervisors=sups))
    return repo.get(conn, oid), False  # type: ignore[return-value]


def get(conn: Connection, oid: int) -> dict[str, Any]:
    if oid <= 0:
        raise InvalidArgument("outage_id", "is required")
    row = repo.get(conn, oid)
    if row is None:
        raise NotFound(f"outage {oid} does not exist", reason="OUTAGE_NOT_FOUND")
    return row


def update(conn: Connection, cfg: Config, oid: int, text: str, expected: float | None, now: float) -> dict[str, Any]:
    row = get(conn, oid)
    if row["state"] != OutageState.ACTIVE:
        raise FailedPrecondition(f"outage {oid} is closed", reason="OUTAGE_CLOSED")
    if not text and expected is None:
        raise InvalidArgument("notice_text", "give notice_text and/or expected_repair_time")
    values: dict[str, Any] = {}
    if expected is not None:
        v.finite_time(expected, "expected_repair_time")
        values["expected_repair_at"] = expected
    if text:
        v.text(text, "notice_text", min_len=1, max_len=1000)
        values["notice_text"] = text
    elif expected is not None and row["notice_text"] == notice_text(cfg, row["area"], row["expected_repair_at"]):
        values["notice_text"] = notice_text(cfg, row["area"], expected)  # the template follows the time
    repo.set_values(conn, oid, values)
    return get(conn, oid)


def close(conn: Connection, cfg: Config, actor: str, oid: int, resolution: str, now: float,
          fx: t_service.Effects) -> tuple[dict[str, Any], int, int]:
    v.text(resolution, "resolution", min_len=1, max_len=2000)
    if not resolution.strip():
        raise InvalidArgument("resolution", "must not be blank")
    row = get(conn, oid)
    if row["state"] != OutageState.ACTIVE:
        raise FailedPrecondition(f"outage {oid} is already closed", reason="OUTAGE_CLOSED")
    resolved = follow_ups = 0
    tids = [r[0] for r in conn.execute(select(T.c.id).where(T.c.outage_id == oid, T.c.state.in_([1, 2, 3]))
                                       .order_by(T.c.id))]
    for tid in tids:
        t = t_repo.get(conn, tid, links=False)
        assert t is not None
        state = TicketState(t["state"])
        if state == TicketState.NEW:
            t_service.assign(conn, cfg, actor, tid, t["version"], OUTAGE_DEPARTMENT, "", "",
                             f"outage {oid} closed", now, fx)
            state = TicketState.ASSIGNED
        for step in states.path_to_resolved(state):
            _, fu = t_service.transition(conn, cfg, actor, tid, None, int(step),
                                         f"outage {oid} repaired: {resolution}", now, fx)
            if fu is not None:
                follow_ups += 1
        resolved += 1
    master = t_repo.get(conn, row["master_ticket_id"], links=False) if row["master_ticket_id"] else None
    if master is not None and master["state"] == TicketState.RESOLVED:
        t_service.transition(conn, cfg, actor, master["id"], None, int(TicketState.CLOSED),
                             f"outage {oid} closed: {resolution}", now, fx)
    repo.set_values(conn, oid, {"state": int(OutageState.CLOSED), "closed_at": now, "resolution": resolution})
    fx.alerts.append(alert_repo.insert_alert(
        conn, now, AlertKind.OUTAGE_CLOSED, f"outage {oid} in area {row['area']} closed by {actor}: {resolution}; "
        f"{resolved} work orders resolved, {follow_ups} follow-ups scheduled", outage_id=oid,
        ticket_id=row["master_ticket_id"], area=row["area"],
        supervisors=cfg.escalation.for_department(OUTAGE_DEPARTMENT)))
    return get(conn, oid), resolved, follow_ups


def area_notice(conn: Connection, cfg: Config, caller: str, area: str, call_id: str, now: float
                ) -> tuple[str, dict[str, Any] | None, int]:
    if call_id:
        v.call_id(call_id, "call_id")
    found = area_of_caller(conn, cfg, caller, area)
    outage = repo.active_for_area(conn, found) if found else None
    if outage is None:
        return found, None, 0
    nid = repo.insert_notice(conn, outage["id"], now, v.normalise_number(caller) if caller else "", call_id)
    repo.bump(conn, outage["id"], notices_played=1)
    return found, repo.get(conn, outage["id"]), nid


def record_notice_outcome(conn: Connection, nid: int, outcome: int, now: float, *, inferred: bool = False
                          ) -> dict[str, Any]:
    if nid <= 0:
        raise InvalidArgument("notice_id", "is required")
    out = v.enum(outcome, NoticeOutcome, "outcome")
    n = repo.get_notice(conn, nid)
    if n is None:
        raise NotFound(f"notice {nid} does not exist", reason="NOTICE_NOT_FOUND")
    if n["outcome"] is not None:
        if n["outcome"] == out:
            return get(conn, n["outage_id"])  # the same answer again: nothing changes
        raise FailedPrecondition(f"notice {nid} was already recorded as {NoticeOutcome(n['outcome']).name}",
                                 reason="NOTICE_DECIDED")
    repo.decide_notice(conn, nid, int(out), now, inferred)
    if out == NoticeOutcome.DEFLECTED:
        repo.bump(conn, n["outage_id"], calls_deflected=1)
    return get(conn, n["outage_id"])


def infer_deflections(conn: Connection, now: float, window: float) -> int:
    """Notices with no decision ``window`` seconds after playing: the caller never queued."""
    n = 0
    for row in repo.pending_notices_before(conn, now - window):
        if repo.decide_notice(conn, row["id"], int(NoticeOutcome.DEFLECTED), now, True):
            repo.bump(conn, row["outage_id"], calls_deflected=1)
            n += 1
    return n


def notices_queued(conn: Connection, call_id: str, now: float) -> int:
    """acdcore enqueued ``call_id``: its pending notices were not deflections."""
    n = 0
    for row in repo.pending_notices_for_call(conn, call_id):
        if repo.decide_notice(conn, row["id"], int(NoticeOutcome.QUEUED), now, True):
            n += 1
    return n
