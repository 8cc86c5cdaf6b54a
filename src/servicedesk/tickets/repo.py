"""Ticket rows, their links and their append-only history: SQL only."""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

from sqlalchemy import Connection, and_, bindparam, func, insert, literal, select, union_all, update
from sqlalchemy.exc import DBAPIError

from ..db.schema import ticket_calls as TC
from ..db.schema import ticket_history as H
from ..db.schema import ticket_recordings as TR
from ..db.schema import tickets as T


# The hot statements are built once, with bound parameters (values passed at execution, not
# baked into a new statement each time): SQLAlchemy then reuses their compiled form directly.
_INSERT_T = insert(T)
_INSERT_H = insert(H)
_GET = select(T).where(T.c.id == bindparam("b_tid"))
_MAX_SEQ = select(func.coalesce(func.max(H.c.seq), 0)).where(H.c.ticket_id == bindparam("b_tid"))
# a ticket's linked calls (kind 0) and recordings (kind 1) in one statement
_LINKS_OF = union_all(
    select(TC.c.ticket_id, literal(0).label("kind"), TC.c.call_id.label("link"), TC.c.linked_at)
    .where(TC.c.ticket_id.in_(bindparam("b_ids", expanding=True))),
    select(TR.c.ticket_id, literal(1).label("kind"), TR.c.recording_id.label("link"), TR.c.linked_at)
    .where(TR.c.ticket_id.in_(bindparam("b_ids2", expanding=True))),
).order_by("ticket_id", "kind", "linked_at", "link")
_APPLY = update(T).where(T.c.id == bindparam("b_tid"), T.c.version == bindparam("b_version"))
_OPEN_FOR = (select(T).where(T.c.subscriber_id.in_(bindparam("b_sids", expanding=True)),
                             T.c.state.in_([1, 2, 3, 4, 5]))
             .order_by(T.c.id.desc()).limit(bindparam("b_limit")))


def insert_ticket(conn: Connection, row: dict[str, Any]) -> int:
    return int(conn.execute(_INSERT_T, row).inserted_primary_key[0])  # type: ignore[index]


# ---------------------------------------------------------------- the hot write path
#
# Ticket creates and changes are the desk's most frequent writes. Their statements go straight to
# the database driver's connection under SQLAlchemy's (the same connection, so the same transaction):
# SQLAlchemy Core costs about 0.15 ms of Python per statement (compiled-cache look-up, parameter
# processing, result set-up, events), several times the statement itself on SQLite. Each is
# written once with ``?`` placeholders (sqlite3) and rewritten to ``%s`` for psycopg, which
# prepares them on the server after a few executions. Fewer statements per write too: the insert
# returns its id (RETURNING), the change's read brings the history's last seq and whether the
# ticket has any links, and the written row is returned without reading it again.

COLUMNS: tuple[str, ...] = tuple(c.name for c in T.columns)
_NEW_COLUMNS = ("type", "channel", "priority", "state", "subscriber_id", "contact_number", "area", "subject",
                "description", "department", "team", "agent_id", "created_by", "created_at", "updated_at",
                "due_at", "version", "request_id", "outage_id", "master_id")
_H_COLUMNS = ("ticket_id", "seq", "at", "actor", "action", "from_state", "to_state", "text", "details")


class _Sql:
    __slots__ = ("sqlite", "pg")

    def __init__(self, q: str) -> None:
        self.sqlite = q
        self.pg = q.replace("?", "%s")


def _exec(conn: Connection, s: _Sql, params: Sequence[Any]) -> Any:
    return _driver_exec(conn, s.pg if conn.dialect.name == "postgresql" else s.sqlite, params)


def _driver_exec(conn: Connection, sql: str, params: Sequence[Any]) -> Any:
    """Execute on the driver's connection; the driver's errors become SQLAlchemy's (IntegrityError,
    OperationalError, ...) as if the statement had gone through SQLAlchemy."""
    dbc = conn.connection.driver_connection
    try:
        return dbc.execute(sql, params)  # type: ignore[union-attr]
    except conn.dialect.loaded_dbapi.Error as e:
        raise DBAPIError.instance(sql, params, e, conn.dialect.loaded_dbapi.Error) from e


def savepoint(conn: Connection, what: str) -> None:
    """``SAVEPOINT``, ``RELEASE SAVEPOINT`` or ``ROLLBACK TO SAVEPOINT`` desk_w on the driver."""
    _driver_exec(conn, f"{what} desk_w", ())


_FAST_INSERT_T = _Sql(f"INSERT INTO tickets ({', '.join(_NEW_COLUMNS)}) "
                      f"VALUES ({', '.join('?' * len(_NEW_COLUMNS))}) RETURNING id")
_FAST_INSERT_H = [_Sql(f"INSERT INTO ticket_history ({', '.join(_H_COLUMNS)}) VALUES "
                       + ", ".join([f"({', '.join('?' * len(_H_COLUMNS))})"] * n)) for n in range(1, 4)]
_LOAD_SQL = (f"SELECT {', '.join('t.' + c for c in COLUMNS)}, "
             "(SELECT coalesce(max(h.seq), 0) FROM ticket_history h WHERE h.ticket_id = t.id), "
             "(EXISTS (SELECT 1 FROM ticket_calls c WHERE c.ticket_id = t.id) "
             "OR EXISTS (SELECT 1 FROM ticket_recordings r WHERE r.ticket_id = t.id)) "
             "FROM tickets t WHERE t.id = ?")
_FAST_LOAD = {"sqlite": _Sql(_LOAD_SQL).sqlite, "postgresql": _Sql(_LOAD_SQL + " FOR UPDATE OF t").pg}
_FAST_APPLY: dict[tuple[str, ...], _Sql] = {}
_CHANGEABLE = frozenset(COLUMNS) - {"id", "version"}


def create_fast(conn: Connection, row: dict[str, Any]) -> int:
    """Insert a ticket (the keys of ``_NEW_COLUMNS``; missing ones are NULL); its id."""
    return int(_exec(conn, _FAST_INSERT_T, [row.get(c) for c in _NEW_COLUMNS]).fetchone()[0])


def load_for_change(conn: Connection, tid: int) -> tuple[dict[str, Any], int, bool] | None:
    """The ticket under the write lock (PostgreSQL: FOR UPDATE), the last seq of its history and
    whether it has any linked calls or recordings; None if there is no such ticket."""
    r = _driver_exec(conn, _FAST_LOAD[conn.dialect.name], (tid,)).fetchone()
    if r is None:
        return None
    n = len(COLUMNS)
    return dict(zip(COLUMNS, r[:n])), int(r[n]), bool(r[n + 1])


def apply_fast(conn: Connection, tid: int, version: int, values: dict[str, Any]) -> bool:
    """``apply`` on the driver: change the ticket if it is still at ``version``, bump the version."""
    keys = tuple(values)
    s = _FAST_APPLY.get(keys)
    if s is None:
        if not set(keys) <= _CHANGEABLE:
            raise ValueError(f"not ticket columns: {sorted(set(keys) - _CHANGEABLE)}")
        s = _FAST_APPLY[keys] = _Sql("UPDATE tickets SET " + "".join(f"{k} = ?, " for k in keys)
                                     + "version = ? WHERE id = ? AND version = ?")
    cur = _exec(conn, s, [*values.values(), version + 1, tid, version])
    return bool(cur.rowcount == 1)


def history_row(tid: int, seq: int, at: float, actor: str, action: int, *, from_state: int | None = None,
                to_state: int | None = None, text: str = "", details: dict[str, Any] | None = None
                ) -> dict[str, Any]:
    return {"ticket_id": tid, "seq": seq, "at": at, "actor": actor, "action": int(action), "from_state": from_state,
            "to_state": to_state, "text": text,
            "details": json.dumps({k: str(v) for k, v in (details or {}).items()}, sort_keys=True)}


def add_history_fast(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Insert history rows (``history_row``, seqs given) in one statement."""
    for i in range(0, len(rows), 3):
        part = rows[i:i + 3]
        _exec(conn, _FAST_INSERT_H[len(part) - 1], [r[c] for r in part for c in _H_COLUMNS])


def get(conn: Connection, tid: int, *, links: bool = True) -> dict[str, Any] | None:
    r = conn.execute(_GET, {"b_tid": tid}).first()
    if r is None:
        return None
    row = dict(r._mapping)
    if links:
        attach_links(conn, [row])
    return row


def get_for_update(conn: Connection, tid: int) -> dict[str, Any] | None:
    q = select(T).where(T.c.id == tid)
    if conn.dialect.name == "postgresql":
        q = q.with_for_update()
    r = conn.execute(q).first()
    return dict(r._mapping) if r is not None else None


def by_request_id(conn: Connection, request_id: str) -> int | None:
    return conn.execute(select(T.c.id).where(T.c.request_id == request_id)).scalar()


def attach_links(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    ids = [r["id"] for r in rows]
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        r["call_ids"] = []
        r["recording_ids"] = []
    if not ids:
        return
    for tid, kind, link, _at in conn.execute(_LINKS_OF, {"b_ids": ids, "b_ids2": ids}):
        by_id[tid]["recording_ids" if kind else "call_ids"].append(link)


def apply(conn: Connection, tid: int, version: int, values: dict[str, Any]) -> bool:
    """Change a ticket if it is still at ``version``; bump the version. False: it moved on."""
    r = conn.execute(_APPLY, {**values, "version": version + 1, "b_tid": tid, "b_version": version})
    return r.rowcount == 1


def set_system(conn: Connection, tid: int, values: dict[str, Any]) -> None:
    """A system marker that does not count as a change of the content (no version bump)."""
    conn.execute(update(T).where(T.c.id == tid).values(**values))


def add_history(conn: Connection, tid: int, at: float, actor: str, action: int, *, from_state: int | None = None,
                to_state: int | None = None, text: str = "", details: dict[str, Any] | None = None,
                seq: int | None = None) -> dict[str, Any]:
    if seq is None:
        seq = int(conn.execute(_MAX_SEQ, {"b_tid": tid}).scalar()) + 1
    row = {"ticket_id": tid, "seq": seq, "at": at, "actor": actor, "action": int(action), "from_state": from_state,
           "to_state": to_state, "text": text,
           "details": json.dumps({k: str(v) for k, v in (details or {}).items()}, sort_keys=True)}
    conn.execute(_INSERT_H, row)
    return row


def history(conn: Connection, tid: int, since: float | None = None) -> list[dict[str, Any]]:
    q = select(H).where(H.c.ticket_id == tid)
    if since is not None:
        q = q.where(H.c.at >= since)
    return [dict(r._mapping) for r in conn.execute(q.order_by(H.c.seq))]


def link_calls(conn: Connection, tid: int, call_ids: Iterable[str], at: float) -> list[str]:
    have = {r[0] for r in conn.execute(select(TC.c.call_id).where(TC.c.ticket_id == tid))}
    new = [c for c in dict.fromkeys(call_ids) if c not in have]
    if new:
        conn.execute(insert(TC), [{"ticket_id": tid, "call_id": c, "linked_at": at} for c in new])
    return new


def link_recordings(conn: Connection, tid: int, rec_ids: Iterable[str], call_id: str, at: float) -> list[str]:
    have = {r[0] for r in conn.execute(select(TR.c.recording_id).where(TR.c.ticket_id == tid))}
    new = [c for c in dict.fromkeys(rec_ids) if c not in have]
    if new:
        conn.execute(insert(TR), [{"ticket_id": tid, "recording_id": c, "call_id": call_id, "linked_at": at}
                                  for c in new])
    return new


def recordings(conn: Connection, tid: int) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(TR).where(TR.c.ticket_id == tid)
                                                   .order_by(TR.c.linked_at, TR.c.recording_id))]


def list_tickets(conn: Connection, *, states: Sequence[int] = (), types: Sequence[int] = (), area: str = "",
                 subscriber_id: int = 0, agent_id: str = "", department: str = "", overdue_before: float | None = None,
                 outage_id: int = 0, before_id: int = 0, limit: int = 50) -> list[dict[str, Any]]:
    conds = []
    if states:
        conds.append(T.c.state.in_(list(states)))
    if types:
        conds.append(T.c.type.in_(list(types)))
    if area:
        conds.append(T.c.area == area)
    if subscriber_id:
        conds.append(T.c.subscriber_id == subscriber_id)
    if agent_id:
        conds.append(T.c.agent_id == agent_id)
    if department:
        conds.append(T.c.department == department)
    if overdue_before is not None:
        conds.append(T.c.due_at < overdue_before)
        conds.append(T.c.state.in_([1, 2, 3]))
    if outage_id:
        conds.append(T.c.outage_id == outage_id)
    if before_id:
        conds.append(T.c.id < before_id)
    q = select(T).where(and_(*conds)) if conds else select(T)
    rows = [dict(r._mapping) for r in conn.execute(q.order_by(T.c.id.desc()).limit(limit))]
    attach_links(conn, rows)
    return rows


def open_for_subscribers(conn: Connection, sids: Sequence[int], limit: int = 20) -> list[dict[str, Any]]:
    if not sids:
        return []
    rows = [dict(r._mapping) for r in conn.execute(_OPEN_FOR, {"b_sids": list(sids), "b_limit": limit})]
    attach_links(conn, rows)
    return rows


def overdue(conn: Connection, now: float, limit: int) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(
        select(T).where(T.c.state.in_([1, 2, 3]), T.c.due_at < now, T.c.escalated_at.is_(None))
        .order_by(T.c.due_at).limit(limit))]
