"""The statistical reports as tables (columns + rows of values), from the hourly rollups of
acdcore's events (acdfeed/ingest.py has the definitions) and from the desk's own data.

Periods: HOUR (UTC hour starts), DAY (days starting at local midnight, ``utc_offset``), TOTAL
(one row per key). Times in the rows are ISO 8601 with the offset. Ratios are left empty when
undefined (no calls), never shown as 0.
"""

from __future__ import annotations

import time as _time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Sequence

from sqlalchemy import BigInteger, Connection, and_, func, literal, select

from ..db.schema import acd_agent_cursor as AC
from ..db.schema import acd_gaps as G
from ..db.schema import agent_hourly as AH
from ..db.schema import agent_pause_hourly as APH
from ..db.schema import callbacks as CB
from ..db.schema import outages as O
from ..db.schema import queue_hourly as QH
from ..db.schema import tickets as T
from ..acdfeed.ingest import Rollup
from ..enums import (AcdAgentState, CallbackKind, CallbackOutcome, CallbackState, Granularity, OutageState,
                     ReportKind, TicketState, TicketType)


@dataclass
class Table:
    kind: ReportKind
    columns: list[str]
    rows: list[list[Any]]
    start: float
    end: float
    notes: list[str] = field(default_factory=list)

    def text_rows(self) -> list[list[str]]:
        return [[v if type(v) is str else str(v) if type(v) is int else fmt(v) for v in r] for r in self.rows]


def fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if v != v:
            return ""
        if v.is_integer() and abs(v) < 1e15:  # the common case, same text as below
            return str(int(v))
        return f"{v:.4f}".rstrip("0").rstrip(".") if abs(v) < 1e15 else f"{v:.0f}"
    return str(v)


def iso(t: float, utc_offset: int) -> str:
    sign = "+" if utc_offset >= 0 else "-"
    off = abs(utc_offset)
    return _time.strftime("%Y-%m-%dT%H:%M:%S", _time.gmtime(t + utc_offset)) + f"{sign}{off // 3600:02d}:{off % 3600 // 60:02d}"


def period_of(hour: float, g: Granularity, utc_offset: int, start: float) -> float:
    if g == Granularity.HOUR:
        return hour
    if g == Granularity.DAY:
        return (hour + utc_offset) // 86400 * 86400 - utc_offset
    return start


def _period_sql(hour: Any, g: Granularity, utc_offset: int, start: float) -> Any:
    """period_of() as an SQL expression over an integer hour column (SQLite and PostgreSQL)."""
    if g == Granularity.HOUR:
        return hour
    if g == Granularity.DAY:  # integer division of a non-negative BIGINT on both engines
        return (hour + utc_offset) // literal(86400, BigInteger) * 86400 - utc_offset
    return literal(int(start), BigInteger)


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def _gaps(conn: Connection, start: float, end: float, utc_offset: int) -> list[str]:
    out = []
    for g in conn.execute(select(G).where(and_(G.c.at >= start, G.c.at < end + 86400)).order_by(G.c.id)):
        out.append(f"acdcore events after seq {g.after_seq} up to {g.resumed_seq} were lost (noticed "
                   f"{iso(g.at, utc_offset)}): queue and agent figures around then are incomplete")
    return out


# ---------------------------------------------------------------- queues

QUEUE_COLUMNS = ["period_start", "queue", "offered", "answered", "answered_within_sl", "abandoned",
                 "short_abandoned", "overflowed", "transferred_out", "rejected", "service_level", "asa_seconds",
                 "aht_seconds", "handled"]


def queue_report(conn: Connection, start: float, end: float, g: Granularity, keys: Sequence[str] = (),
                 utc_offset: int = 0) -> Table:
    q = select(QH).where(QH.c.hour >= start // 3600 * 3600, QH.c.hour < end)
    if keys:
        q = q.where(QH.c.queue.in_(list(keys)))
    acc: dict[tuple[float, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in conn.execute(q):
        if r.hour + 3600 <= start:
            continue
        a = acc[(period_of(r.hour, g, utc_offset, start), r.queue)]
        for c in ("offered", "answered", "answered_within_sl", "abandoned", "short_abandoned", "overflowed",
                  "transferred_out", "rejected", "handled", "wait_answered", "talk", "wrap_up"):
            a[c] += getattr(r, c)
    rows = []
    for (p, queue), a in sorted(acc.items()):
        denom = a["answered"] + a["abandoned"] - a["short_abandoned"]
        rows.append([iso(p, utc_offset), queue, *(int(a[c]) for c in (
            "offered", "answered", "answered_within_sl", "abandoned", "short_abandoned", "overflowed",
            "transferred_out", "rejected")),
            _ratio(a["answered_within_sl"], denom), _ratio(a["wait_answered"], a["answered"]),
            _ratio(a["talk"] + a["wrap_up"], a["handled"]), int(a["handled"])])
    return Table(ReportKind.QUEUE, QUEUE_COLUMNS, rows, start, end, _gaps(conn, start, end, utc_offset))


# ---------------------------------------------------------------- agents

AGENT_COLUMNS = ["period_start", "agent_id", "calls", "talk_seconds", "wrap_up_seconds", "ring_seconds",
                 "idle_seconds", "pause_seconds", "logged_in_seconds", "occupancy", "no_answers", "pause_by_reason"]


def agent_report(conn: Connection, start: float, end: float, g: Granularity, keys: Sequence[str] = (),
                 utc_offset: int = 0, now: float | None = None) -> Table:
    h0 = start // 3600 * 3600
    cols = ("calls", "no_answers", "talk", "wrap_up", "ring", "idle", "pause", "logged_in")
    # the database sums the hours of each period (one row per period and agent comes back)
    # (hours: the rows are already one per hour and agent, the primary key)
    period = _period_sql(AH.c.hour, g, utc_offset, start)
    pperiod = _period_sql(APH.c.hour, g, utc_offset, start)
    if g == Granularity.HOUR:
        q = select(AH.c.hour, AH.c.agent_id, *(AH.c[c] for c in cols)).where(AH.c.hour >= h0, AH.c.hour < end)
        qp = (select(APH.c.hour, APH.c.agent_id, APH.c.reason, APH.c.seconds)
              .where(APH.c.hour >= h0, APH.c.hour < end))
    else:
        q = (select(period, AH.c.agent_id, *(func.sum(AH.c[c]) for c in cols))
             .where(AH.c.hour >= h0, AH.c.hour < end).group_by(period, AH.c.agent_id))
        qp = (select(pperiod, APH.c.agent_id, APH.c.reason, func.sum(APH.c.seconds))
              .where(APH.c.hour >= h0, APH.c.hour < end).group_by(pperiod, APH.c.agent_id, APH.c.reason))
    if keys:
        q = q.where(AH.c.agent_id.in_(list(keys)))
        qp = qp.where(APH.c.agent_id.in_(list(keys)))
    # (period, agent) -> [calls, no_answers, talk, wrap_up, ring, idle, pause, logged_in]
    acc: dict[tuple[float, str], list[float]] = {}
    pauses: dict[tuple[float, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    total = g == Granularity.TOTAL
    for p, agent, *vals in conn.execute(q).tuples():
        key = (start if total else float(p), agent)
        a = acc.get(key)
        if a is None:
            acc[key] = [v or 0 for v in vals]
        else:  # pragma: no cover - the query groups by the key
            for i, v in enumerate(vals):
                a[i] += v or 0
    for p, agent, reason, secs in conn.execute(qp).tuples():
        pauses[(start if total else float(p), agent)][reason] += secs or 0
    col_index = {c: i for i, c in enumerate(cols)}
    # intervals still open (the agent is in the same state since): counted up to now
    if now is not None and now > start:
        roll = Rollup()
        cq = select(AC)
        if keys:
            cq = cq.where(AC.c.agent_id.in_(list(keys)))
        for c in conn.execute(cq):
            if c.state != AcdAgentState.LOGGED_OUT:
                roll.agent_interval(c.agent_id, c.state, c.reason, max(c.since, h0), min(now, end))
        for (agent, hour), vals in roll.a.items():
            a = acc.setdefault((period_of(hour, g, utc_offset, start), agent), [0.0] * len(cols))
            for c, val in vals.items():
                a[col_index[c]] += val
        for (agent, hour, reason), s_ in roll.p.items():
            pauses[(period_of(hour, g, utc_offset, start), agent)][reason] += s_
    rows = []
    iso_of: dict[float, str] = {}
    for (p, agent), (calls, no_answers, talk, wrap_up, ring, idle, pause, logged_in) in sorted(acc.items()):
        busy = talk + wrap_up + ring
        pz = pauses.get((p, agent))
        pr = ";".join(f"{k}={v:.0f}" for k, v in sorted(pz.items())) if pz else ""
        label = iso_of.get(p)
        if label is None:
            label = iso_of[p] = iso(p, utc_offset)
        rows.append([label, agent, int(calls), talk, wrap_up, ring, idle, pause, logged_in,
                     _ratio(busy, busy + idle), int(no_answers), pr])
    return Table(ReportKind.AGENT, AGENT_COLUMNS, rows, start, end, _gaps(conn, start, end, utc_offset))


# ---------------------------------------------------------------- tickets

def ticket_report(conn: Connection, start: float, end: float, g: Granularity, utc_offset: int = 0) -> Table:
    rows_ = conn.execute(select(T.c.type, T.c.area, T.c.state, T.c.created_at)
                         .where(T.c.created_at >= start, T.c.created_at < end)) if g != Granularity.TOTAL else \
        conn.execute(select(T.c.type, T.c.area, T.c.state, func.count()).where(
            T.c.created_at >= start, T.c.created_at < end).group_by(T.c.type, T.c.area, T.c.state))
    acc: dict[tuple[float, int, str, int], int] = defaultdict(int)
    for r in rows_:
        if g == Granularity.TOTAL:
            acc[(start, r[0], r[1], r[2])] += r[3]
        else:
            acc[(period_of(r[3] // 3600 * 3600, g, utc_offset, start), r[0], r[1], r[2])] += 1
    rows = [[iso(p, utc_offset), TicketType(t).name, area or "-", TicketState(s).name, n]
            for (p, t, area, s), n in sorted(acc.items())]
    return Table(ReportKind.TICKETS, ["period_start", "type", "area", "state", "tickets"], rows, start, end)


def sla_report(conn: Connection, start: float, end: float, utc_offset: int = 0, now: float | None = None) -> Table:
    now = now if now is not None else _time.time()
    acc: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in conn.execute(select(T.c.type, T.c.state, T.c.created_at, T.c.due_at, T.c.resolved_at)
                          .where(T.c.created_at >= start, T.c.created_at < end, T.c.channel != 4)):
        a = acc[r.type]
        a["created"] += 1
        if r.resolved_at is not None:
            a["resolved"] += 1
            a["hours"] += (r.resolved_at - r.created_at) / 3600
            if r.resolved_at <= r.due_at:
                a["within"] += 1
        elif r.due_at < now:
            a["overdue_open"] += 1
    rows = []
    for t, a in sorted(acc.items()):
        rows.append([TicketType(t).name, int(a["created"]), int(a["resolved"]), int(a["within"]),
                     int(a["overdue_open"]), _ratio(a["within"], a["resolved"]), _ratio(a["hours"], a["resolved"])])
    return Table(ReportKind.SLA, ["type", "created", "resolved", "resolved_within_sla", "open_overdue",
                                  "sla_compliance", "mean_resolution_hours"], rows, start, end,
                 ["resolved = resolved at least once; compliance = resolved within the due time / resolved; "
                  "the desk's own master work orders are left out"])


def outage_report(conn: Connection, start: float, end: float, utc_offset: int = 0) -> Table:
    rows = []
    for o in conn.execute(select(O).where(O.c.detected_at >= start, O.c.detected_at < end).order_by(O.c.id)):
        dur = (o.closed_at - o.detected_at) / 3600 if o.closed_at is not None else None
        rows.append([o.id, o.area, OutageState(o.state).name, iso(o.detected_at, utc_offset),
                     iso(o.closed_at, utc_offset) if o.closed_at is not None else None, dur, o.declared_by,
                     o.window_reports, o.baseline_reports, o.reports, o.grouped_tickets, o.notices_played,
                     o.calls_deflected, _ratio(o.calls_deflected, o.notices_played)])
    return Table(ReportKind.OUTAGES, ["outage_id", "area", "state", "detected", "closed", "duration_hours",
                                      "declared_by", "window_reports", "baseline_reports", "reports",
                                      "grouped_tickets", "notices_played", "calls_deflected", "deflection_rate"],
                 rows, start, end)


def callback_report(conn: Connection, start: float, end: float, g: Granularity, utc_offset: int = 0) -> Table:
    acc: dict[tuple[float, int], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for c in conn.execute(select(CB).where(CB.c.created_at >= start, CB.c.created_at < end)):
        a = acc[(period_of(c.created_at // 3600 * 3600, g, utc_offset, start), c.kind)]
        a["scheduled"] += 1
        a["attempts"] += c.attempts
        st = CallbackState(c.state)
        if st == CallbackState.DONE:
            a["done"] += 1
        elif st == CallbackState.FAILED:
            a["failed"] += 1
        elif st == CallbackState.CANCELLED:
            a["cancelled"] += 1
        else:
            a["open"] += 1
        if c.outcome is not None:
            a[CallbackOutcome(c.outcome).name.lower()] += 1
        if c.satisfaction is not None:
            a["sat_n"] += 1
            a["sat_sum"] += c.satisfaction
    rows = []
    for (p, kind), a in sorted(acc.items()):
        rows.append([iso(p, utc_offset), CallbackKind(kind).name, int(a["scheduled"]), int(a["done"]),
                     int(a["failed"]), int(a["cancelled"]), int(a["open"]), int(a["confirmed"]),
                     int(a["not_solved"]), int(a["declined"]), _ratio(a["attempts"], a["scheduled"]),
                     _ratio(a["sat_sum"], a["sat_n"])])
    return Table(ReportKind.CALLBACKS, ["period_start", "kind", "scheduled", "done", "failed", "cancelled", "open",
                                        "confirmed", "not_solved", "declined", "attempts_per_callback",
                                        "mean_satisfaction"], rows, start, end)


def run(conn: Connection, kind: ReportKind, start: float, end: float, g: Granularity | None,
        keys: Sequence[str] = (), utc_offset: int = 0, now: float | None = None) -> Table:
    if g is None:
        g = Granularity.HOUR if kind in (ReportKind.QUEUE, ReportKind.AGENT, ReportKind.CALLBACKS) else \
            Granularity.TOTAL
    if kind == ReportKind.QUEUE:
        return queue_report(conn, start, end, g, keys, utc_offset)
    if kind == ReportKind.AGENT:
        return agent_report(conn, start, end, g, keys, utc_offset, now)
    if kind == ReportKind.TICKETS:
        return ticket_report(conn, start, end, g, utc_offset)
    if kind == ReportKind.SLA:
        return sla_report(conn, start, end, utc_offset, now)
    if kind == ReportKind.OUTAGES:
        return outage_report(conn, start, end, utc_offset)
    return callback_report(conn, start, end, g, utc_offset)
