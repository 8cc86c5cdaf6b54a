"""Callback rows: SQL only."""

from __future__ import annotations

from typing import Any, Sequence

from sqlalchemy import Connection, and_, insert, select, update

from ..db.schema import callbacks as C
from ..enums import OPEN_CALLBACK_STATES, CallbackKind, CallbackState


def insert_callback(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    cid = conn.execute(insert(C).values(**row)).inserted_primary_key[0]  # type: ignore[index]
    return get(conn, int(cid))  # type: ignore[return-value]


def get(conn: Connection, cid: int) -> dict[str, Any] | None:
    r = conn.execute(select(C).where(C.c.id == cid)).first()
    return dict(r._mapping) if r is not None else None


def by_call_id(conn: Connection, call_id: str) -> dict[str, Any] | None:
    r = conn.execute(select(C).where(C.c.call_id == call_id)).first()
    return dict(r._mapping) if r is not None else None


def by_source_call(conn: Connection, source_call_id: str) -> dict[str, Any] | None:
    r = conn.execute(select(C).where(C.c.source_call_id == source_call_id)).first()
    return dict(r._mapping) if r is not None else None


def open_follow_up(conn: Connection, ticket_id: int) -> dict[str, Any] | None:
    r = conn.execute(select(C).where(C.c.ticket_id == ticket_id, C.c.kind == int(CallbackKind.FOLLOW_UP),
                                     C.c.state.in_([int(s) for s in OPEN_CALLBACK_STATES]))).first()
    return dict(r._mapping) if r is not None else None


def apply(conn: Connection, cid: int, version: int, values: dict[str, Any]) -> bool:
    r = conn.execute(update(C).where(C.c.id == cid, C.c.version == version).values(**values, version=version + 1))
    return r.rowcount == 1


def due(conn: Connection, now: float, limit: int = 100) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(
        select(C).where(C.c.state == int(CallbackState.SCHEDULED), C.c.due_at <= now)
        .order_by(C.c.due_at, C.c.id).limit(limit))]


def next_due(conn: Connection) -> float | None:
    from sqlalchemy import func

    return conn.execute(select(func.min(C.c.due_at)).where(C.c.state == int(CallbackState.SCHEDULED))).scalar()


def in_states(conn: Connection, states: Sequence[int]) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(C).where(C.c.state.in_(list(states))).order_by(C.c.id))]


def list_callbacks(conn: Connection, *, states: Sequence[int] = (), kind: int = 0, ticket_id: int = 0,
                   before_id: int = 0, limit: int = 50) -> list[dict[str, Any]]:
    conds = []
    if states:
        conds.append(C.c.state.in_(list(states)))
    if kind:
        conds.append(C.c.kind == kind)
    if ticket_id:
        conds.append(C.c.ticket_id == ticket_id)
    if before_id:
        conds.append(C.c.id < before_id)
    q = select(C).where(and_(*conds)) if conds else select(C)
    return [dict(r._mapping) for r in conn.execute(q.order_by(C.c.id.desc()).limit(limit))]
