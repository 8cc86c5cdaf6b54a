"""Alert rows."""

from __future__ import annotations

import json
from typing import Any, Sequence

from sqlalchemy import Connection, insert, select

from ..db.schema import alerts as A


def insert_alert(conn: Connection, at: float, kind: int, text: str, *, ticket_id: int | None = None,
                 outage_id: int | None = None, callback_id: int | None = None, area: str = "",
                 supervisors: Sequence[str] = ()) -> dict[str, Any]:
    row = {"at": at, "kind": int(kind), "text": text, "ticket_id": ticket_id, "outage_id": outage_id,
           "callback_id": callback_id, "area": area, "supervisors": json.dumps(list(supervisors))}
    row["id"] = int(conn.execute(insert(A).values(**row)).inserted_primary_key[0])  # type: ignore[index]
    return row


def after(conn: Connection, alert_id: int, kinds: Sequence[int] = (), limit: int = 1000) -> list[dict[str, Any]]:
    q = select(A).where(A.c.id > alert_id)
    if kinds:
        q = q.where(A.c.kind.in_(list(kinds)))
    return [dict(r._mapping) for r in conn.execute(q.order_by(A.c.id).limit(limit))]


def last_id(conn: Connection) -> int:
    from sqlalchemy import func

    return int(conn.execute(select(func.coalesce(func.max(A.c.id), 0))).scalar())
