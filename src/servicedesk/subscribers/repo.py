"""Subscriber rows: SQL only (no rules)."""

from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, select, update

from ..db.schema import subscriber_phones as P
from ..db.schema import subscriber_services as S
from ..db.schema import subscribers as T


def insert_subscriber(conn: Connection, row: dict[str, Any], phones: list[str], services: list[dict[str, Any]]) -> int:
    sid = conn.execute(insert(T).values(**row)).inserted_primary_key[0]  # type: ignore[index]
    _write_children(conn, sid, phones, services)
    return int(sid)


def _write_children(conn: Connection, sid: int, phones: list[str], services: list[dict[str, Any]]) -> None:
    if phones:
        conn.execute(insert(P), [{"subscriber_id": sid, "position": i, "phone": p} for i, p in enumerate(phones)])
    if services:
        conn.execute(insert(S), [{"subscriber_id": sid, **s} for s in services])


def replace(conn: Connection, sid: int, version: int, row: dict[str, Any], phones: list[str],
            services: list[dict[str, Any]]) -> bool:
    r = conn.execute(update(T).where(T.c.id == sid, T.c.version == version)
                     .values(**row, version=T.c.version + 1))
    if r.rowcount != 1:
        return False
    conn.execute(delete(P).where(P.c.subscriber_id == sid))
    conn.execute(delete(S).where(S.c.subscriber_id == sid))
    _write_children(conn, sid, phones, services)
    return True


def version_of(conn: Connection, sid: int) -> int | None:
    return conn.execute(select(T.c.version).where(T.c.id == sid)).scalar()


def id_by_account(conn: Connection, account: str) -> int | None:
    return conn.execute(select(T.c.id).where(T.c.account_number == account)).scalar()


# the screen pop's statements, built once with bound parameters (see tickets/repo.py)
_BY_PHONE = (select(P.c.subscriber_id).where(P.c.phone == bindparam("b_phone")).order_by(P.c.subscriber_id)
             .limit(bindparam("b_limit")))
_SUBS = select(T).where(T.c.id.in_(bindparam("b_ids", expanding=True)))
_PHONES = (select(P.c.subscriber_id, P.c.phone).where(P.c.subscriber_id.in_(bindparam("b_ids", expanding=True)))
           .order_by(P.c.subscriber_id, P.c.position))
_SERVICES = select(S).where(S.c.subscriber_id.in_(bindparam("b_ids", expanding=True))).order_by(S.c.id)


def ids_by_phone(conn: Connection, phone: str, limit: int = 20) -> list[int]:
    return [r[0] for r in conn.execute(_BY_PHONE, {"b_phone": phone, "b_limit": limit})]


def card_owner(conn: Connection, card: str) -> int | None:
    return conn.execute(select(S.c.subscriber_id).where(S.c.smart_card_number == card)).scalar()


def load_many(conn: Connection, ids: Iterable[int]) -> list[dict[str, Any]]:
    ids = list(ids)
    if not ids:
        return []
    rows = {r.id: dict(r._mapping) for r in conn.execute(_SUBS, {"b_ids": ids})}
    for r in rows.values():
        r["phones"] = []
        r["services"] = []
    for p in conn.execute(_PHONES, {"b_ids": ids}):
        rows[p.subscriber_id]["phones"].append(p.phone)
    for s in conn.execute(_SERVICES, {"b_ids": ids}):
        rows[s.subscriber_id]["services"].append(dict(s._mapping))
    return [rows[i] for i in ids if i in rows]


def search(conn: Connection, *, phone: str = "", account: str = "", area: str = "", name_prefix: str = "",
           after_id: int = 0, limit: int = 50) -> list[int]:
    q = select(T.c.id)
    conds = [T.c.id > after_id]
    if phone:
        q = q.join(P, P.c.subscriber_id == T.c.id)
        conds.append(P.c.phone == phone)
    if account:
        conds.append(T.c.account_number == account)
    if area:
        conds.append(T.c.area == area)
    if name_prefix:
        esc = name_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conds.append(T.c.name.like(esc + "%", escape="\\"))
    return [r[0] for r in conn.execute(q.where(and_(*conds)).distinct().order_by(T.c.id).limit(limit))]


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(T)).scalar() or 0)
