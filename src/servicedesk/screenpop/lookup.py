"""What the desk knows about a caller number: one read transaction of indexed look-ups
(phone -> subscribers -> open work orders; caller -> recent calls; areas -> active outages)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, select

from ..db.schema import calls as CALLS
from ..db.schema import outages as O
from ..subscribers import repo as sub_repo
from ..tickets import repo as t_repo
from ..validate import normalise_number


# built once with bound parameters (see tickets/repo.py)
_RECENT = (select(CALLS).where(CALLS.c.caller.in_(bindparam("b_keys", expanding=True)))
           .order_by(CALLS.c.arrived_at.desc()).limit(bindparam("b_limit")))
_OUTAGES = select(O).where(O.c.state == 1, O.c.area.in_(bindparam("b_areas", expanding=True)))


def lookup(conn: Connection, number: str, local_prefix: str, *, exclude_call: str = "",
           max_subscribers: int = 5, max_tickets: int = 20, max_calls: int = 10) -> dict[str, Any]:
    phone = normalise_number(number, local_prefix) if number else ""
    sids = sub_repo.ids_by_phone(conn, phone, limit=max_subscribers) if phone else []
    subs = sub_repo.load_many(conn, sids)
    tickets = t_repo.open_for_subscribers(conn, sids, limit=max_tickets)
    recent: list[dict[str, Any]] = []
    if number:
        keys = list(dict.fromkeys([number, phone]))
        recent = [dict(r._mapping) for r in conn.execute(_RECENT, {"b_keys": keys, "b_limit": max_calls + 1})
                  if r.call_id != exclude_call][:max_calls]
    areas = sorted({s["area"] for s in subs})
    outages = [dict(r._mapping) for r in conn.execute(_OUTAGES, {"b_areas": areas})] if areas else []
    return {"phone": phone, "subscribers": subs, "tickets": tickets, "recent_calls": recent, "outages": outages}
