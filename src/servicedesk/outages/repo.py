"""Outage, fault-report, baseline and notice rows: SQL only."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from ..db.schema import area_baselines as B
from ..db.schema import fault_reports as F
from ..db.schema import notices as N
from ..db.schema import outages as O


def get(conn: Connection, oid: int) -> dict[str, Any] | None:
    r = conn.execute(select(O).where(O.c.id == oid)).first()
    return dict(r._mapping) if r is not None else None


def active_for_area(conn: Connection, area: str) -> dict[str, Any] | None:
    if not area:
        return None
    r = conn.execute(select(O).where(O.c.area == area, O.c.state == 1)).first()
    return dict(r._mapping) if r is not None else None


def active(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(O).where(O.c.state == 1).order_by(O.c.id))]


def list_outages(conn: Connection, state: int = 0, area: str = "", limit: int = 50) -> list[dict[str, Any]]:
    q = select(O)
    if state:
        q = q.where(O.c.state == state)
    if area:
        q = q.where(O.c.area == area)
    return [dict(r._mapping) for r in conn.execute(q.order_by(O.c.id.desc()).limit(limit))]


def insert_outage(conn: Connection, row: dict[str, Any]) -> int:
    return int(conn.execute(insert(O).values(**row)).inserted_primary_key[0])  # type: ignore[index]


def bump(conn: Connection, oid: int, **deltas: int) -> None:
    conn.execute(update(O).where(O.c.id == oid).values(**{k: getattr(O.c, k) + v for k, v in deltas.items()}))


def set_values(conn: Connection, oid: int, values: dict[str, Any]) -> None:
    conn.execute(update(O).where(O.c.id == oid).values(**values, version=O.c.version + 1))


def insert_fault(conn: Connection, area: str, at: float, source: int, *, ticket_id: int | None = None,
                 caller: str = "", call_id: str = "", outage_id: int | None = None) -> int:
    return int(conn.execute(insert(F).values(area=area, at=at, source=source, ticket_id=ticket_id, caller=caller,
                                             call_id=call_id, outage_id=outage_id)).inserted_primary_key[0])  # type: ignore[index]


def faults_since(conn: Connection, since: float) -> list[tuple[str, float]]:
    return [(r.area, r.at) for r in conn.execute(select(F.c.area, F.c.at).where(F.c.at >= since).order_by(F.c.at, F.c.id))]


def baselines(conn: Connection) -> list[tuple[str, int, float, int]]:
    return [(r.area, r.slot, r.rate, r.samples) for r in conn.execute(select(B))]


def save_baselines(conn: Connection, rows: list[tuple[str, int, float, int]]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as up
    else:
        from sqlalchemy.dialects.sqlite import insert as up  # type: ignore[assignment]
    stmt = up(B)
    stmt = stmt.on_conflict_do_update(index_elements=[B.c.area, B.c.slot],
                                      set_={"rate": stmt.excluded.rate, "samples": stmt.excluded.samples})
    conn.execute(stmt, [{"area": a, "slot": h, "rate": r, "samples": s} for a, h, r, s in rows])


def insert_notice(conn: Connection, outage_id: int, at: float, caller: str, call_id: str) -> int:
    return int(conn.execute(insert(N).values(outage_id=outage_id, at=at, caller=caller, call_id=call_id))
               .inserted_primary_key[0])  # type: ignore[index]


def get_notice(conn: Connection, nid: int) -> dict[str, Any] | None:
    r = conn.execute(select(N).where(N.c.id == nid)).first()
    return dict(r._mapping) if r is not None else None


def decide_notice(conn: Connection, nid: int, outcome: int, at: float, inferred: bool) -> bool:
    """Record a notice's outcome once; True if this call decided it (it was pending)."""
    r = conn.execute(update(N).where(N.c.id == nid, N.c.outcome.is_(None))
                     .values(outcome=outcome, decided_at=at, inferred=1 if inferred else 0))
    return r.rowcount == 1


def pending_notices_for_call(conn: Connection, call_id: str) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(N).where(N.c.call_id == call_id, N.c.outcome.is_(None)))]


def pending_notices_before(conn: Connection, before: float, limit: int = 1000) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(
        select(N).where(N.c.outcome.is_(None), N.c.at < before).order_by(N.c.at).limit(limit))]
