"""Work orders: creation, changes under optimistic locking, the state machine, history, SLA
due times, follow-up scheduling on resolution, outage grouping and overdue escalation.

Every function here runs inside one database transaction (``Database.write``) and either
does all of its writes or raises before the commit; ``Effects`` collects what must happen
after the commit (the outage detector's observations, alerts to publish).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from .. import validate as v
from ..callbacks import repo as cb_repo
from ..config import Config
from ..enums import (AlertKind, CallbackKind, CallbackState, Channel, FaultSource, HistoryAction,
                     TicketPriority, TicketState, TicketType)
from ..errors import Conflict, DeskError, InvalidArgument, NotFound
from ..outages import repo as out_repo
from ..subscribers import repo as sub_repo
from . import repo, states

SYSTEM = "system"


@dataclass
class Effects:
    """What the caller does after the commit."""

    faults: list[tuple[str, float]] = field(default_factory=list)       # (area, time) for the detector
    alerts: list[dict[str, Any]] = field(default_factory=list)          # alert rows inserted
    callbacks: list[dict[str, Any]] = field(default_factory=list)       # callbacks scheduled
    tickets: list[int] = field(default_factory=list)                    # tickets changed


@dataclass
class TicketIn:
    type: int
    channel: int
    subject: str
    priority: int = 0
    subscriber_id: int = 0
    contact_number: str = ""
    area: str = ""
    description: str = ""
    department: str = ""
    team: str = ""
    agent_id: str = ""
    call_ids: Sequence[str] = ()
    request_id: str = ""


def check_new(t: TicketIn, local_prefix: str, *, internal_ok: bool = False) -> dict[str, Any]:
    """Validate a create request (no database access); return the normalised values."""
    ttype = v.enum(t.type, TicketType, "type")
    channel = v.enum(t.channel, Channel, "channel")
    if channel == Channel.INTERNAL and not internal_ok:
        raise InvalidArgument("channel", "INTERNAL is reserved for the desk's own work orders")
    prio = v.enum(t.priority, TicketPriority, "priority", required=False) or TicketPriority.NORMAL
    v.line(t.subject, "subject", min_len=1, max_len=200)
    if not t.subject.strip():
        raise InvalidArgument("subject", "must not be blank")
    v.text(t.description, "description", max_len=4000)
    v.org(t.department, "department")
    v.org(t.team, "team")
    v.org(t.agent_id, "agent_id")
    contact = v.phone(t.contact_number, "contact_number", local_prefix=local_prefix) if t.contact_number else ""
    v.area(t.area, "area", required=False)
    if t.subscriber_id < 0:
        raise InvalidArgument("subscriber_id", "must not be negative")
    if not t.subscriber_id and not contact and channel != Channel.INTERNAL:
        raise InvalidArgument("contact_number", "is required when the subscriber is unknown (subscriber_id 0)")
    if len(t.call_ids) > 16:
        raise InvalidArgument("call_ids", "at most 16 call ids")
    for i, c in enumerate(t.call_ids):
        v.call_id(c, f"call_ids[{i}]")
    if t.request_id:
        v.line(t.request_id, "request_id", max_len=64)
    return {"type": ttype, "channel": channel, "priority": prio, "contact": contact}


def create(conn: Connection, cfg: Config, actor: str, t: TicketIn, now: float, fx: Effects,
           *, internal_ok: bool = False) -> tuple[dict[str, Any], bool]:
    n = check_new(t, cfg.desk.local_prefix, internal_ok=internal_ok)
    if t.request_id:
        prior = repo.by_request_id(conn, t.request_id)
        if prior is not None:
            return repo.get(conn, prior), True  # type: ignore[return-value]
    area, contact = t.area, n["contact"]
    if t.subscriber_id:
        subs = sub_repo.load_many(conn, [t.subscriber_id])
        if not subs:
            raise NotFound(f"subscriber {t.subscriber_id} does not exist", reason="SUBSCRIBER_NOT_FOUND",
                           field="subscriber_id")
        area = area or subs[0]["area"]
        contact = contact or (subs[0]["phones"][0] if subs[0]["phones"] else "")
    assigned = bool(t.department or t.team or t.agent_id)
    ttype: TicketType = n["type"]
    row = {
        "type": int(ttype), "channel": int(n["channel"]), "priority": int(n["priority"]),
        "state": int(TicketState.ASSIGNED if assigned else TicketState.NEW),
        "subscriber_id": t.subscriber_id or None, "contact_number": contact, "area": area,
        "subject": t.subject, "description": t.description, "department": t.department, "team": t.team,
        "agent_id": t.agent_id, "created_by": actor, "created_at": now, "updated_at": now,
        "due_at": now + cfg.sla.hours[ttype] * 3600.0, "version": 1, "request_id": t.request_id or None,
    }
    outage = out_repo.active_for_area(conn, area) if ttype == TicketType.FAULT_REPAIR and area else None
    if outage is not None:
        row["outage_id"] = outage["id"]
        row["master_id"] = outage["master_ticket_id"]
    tid = repo.create_fast(conn, row)
    details = {"type": ttype.name, "channel": n["channel"].name, "state": TicketState(row["state"]).name}
    if assigned:
        details.update({k: row[k] for k in ("department", "team", "agent_id") if row[k]})
    hist = [repo.history_row(tid, 1, now, actor, HistoryAction.CREATED, to_state=row["state"], text=t.subject,
                             details=details)]
    if outage is not None:
        hist.append(repo.history_row(
            tid, 2, now, SYSTEM, HistoryAction.OUTAGE,
            text=f"grouped under outage {outage['id']} (master work order {outage['master_ticket_id']})",
            details={"outage_id": outage["id"], "master_ticket_id": outage["master_ticket_id"]}))
    repo.add_history_fast(conn, hist)
    # the row as stored, without reading it back: every column the insert did not name is NULL
    row = {**dict.fromkeys(repo.COLUMNS), **row, "id": tid, "call_ids": [], "recording_ids": []}
    if t.call_ids:
        repo.link_calls(conn, tid, t.call_ids, now)
        row["call_ids"] = sorted(dict.fromkeys(t.call_ids))  # one linked_at: ordered by id, as attach_links
    if outage is not None:
        out_repo.bump(conn, outage["id"], grouped_tickets=1, reports=1)
    if ttype == TicketType.FAULT_REPAIR and area:
        out_repo.insert_fault(conn, area, now, int(FaultSource.TICKET), ticket_id=tid, caller=contact,
                              call_id=t.call_ids[0] if t.call_ids else "",
                              outage_id=outage["id"] if outage is not None else None)
        fx.faults.append((area, now))
    fx.tickets.append(tid)
    return row, False


class _Row(dict):  # type: ignore[type-arg]
    """A ticket read for a change: the row, its history's last seq, whether it has links."""

    seq: int = 0
    has_links: bool = True


def _load(conn: Connection, tid: int, version: int | None, field_: str = "ticket_id") -> _Row:
    if tid <= 0:
        raise InvalidArgument(field_, "is required")
    got = repo.load_for_change(conn, tid)
    if got is None:
        raise NotFound(f"ticket {tid} does not exist", reason="TICKET_NOT_FOUND", ticket_id=tid)
    row = _Row(got[0])
    row.seq, row.has_links = got[1], got[2]
    if version is not None and row["version"] != version:
        raise Conflict(f"ticket {tid} was changed by someone else: it is at version {row['version']}, "
                       f"your change was based on version {version}; read it again",
                       reason="TICKET_CONFLICT", ticket_id=tid, expected_version=version,
                       actual_version=row["version"])
    return row


def _history(conn: Connection, row: _Row, entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Append history entries (``repo.history_row`` arguments without ticket and seq) to a loaded
    ticket's history, numbered after its last seq, in one statement."""
    rows = [repo.history_row(row["id"], row.seq + i + 1, **e) for i, e in enumerate(entries)]
    repo.add_history_fast(conn, rows)
    row.seq += len(rows)
    return rows


def _finish(conn: Connection, row: _Row) -> dict[str, Any]:
    """The changed row as written (read under the lock, changed by _apply) with its links."""
    if row.has_links:
        repo.attach_links(conn, [row])
    else:
        row["call_ids"], row["recording_ids"] = [], []
    return row


def _apply(conn: Connection, row: dict[str, Any], values: dict[str, Any], now: float) -> None:
    if not repo.apply_fast(conn, row["id"], row["version"], {**values, "updated_at": now}):
        raise Conflict(f"ticket {row['id']} was changed by someone else meanwhile; read it again",
                       reason="TICKET_CONFLICT", ticket_id=row["id"], expected_version=row["version"])
    row.update(values)
    row["updated_at"] = now
    row["version"] += 1


def _need_version(version: int) -> int:
    if version <= 0:
        raise InvalidArgument("version", "is required: send the version you read (optimistic locking)")
    return version


UPDATABLE = ("subject", "description", "priority", "contact_number", "area")


def update(conn: Connection, cfg: Config, actor: str, tid: int, version: int, fields_: Sequence[str],
           values: dict[str, Any], now: float, fx: Effects) -> dict[str, Any]:
    _need_version(version)
    if not fields_:
        raise InvalidArgument("update_fields", f"name at least one of {', '.join(UPDATABLE)}")
    new: dict[str, Any] = {}
    for i, f in enumerate(fields_):
        if f not in UPDATABLE:
            raise InvalidArgument(f"update_fields[{i}]", f"{f!r} cannot be updated (only {', '.join(UPDATABLE)})")
        val = values.get(f)
        if f == "subject":
            v.line(val, "subject", min_len=1, max_len=200)
            if not val.strip():
                raise InvalidArgument("subject", "must not be blank")
        elif f == "description":
            v.text(val, "description", max_len=4000)
        elif f == "priority":
            val = int(v.enum(val, TicketPriority, "priority"))
        elif f == "contact_number":
            val = v.phone(val, "contact_number", local_prefix=cfg.desk.local_prefix) if val else ""
        elif f == "area":
            v.area(val, "area", required=False)
        new[f] = val
    row = _load(conn, tid, version)
    if not new.get("contact_number", row["contact_number"]) and row["subscriber_id"] is None \
            and row["channel"] != Channel.INTERNAL:
        raise InvalidArgument("contact_number", "cannot be cleared: the ticket has no subscriber")
    changed = {k: val for k, val in new.items() if row[k] != val}
    if not changed:
        return _finish(conn, row)
    _apply(conn, row, changed, now)
    _history(conn, row, [dict(at=now, actor=actor, action=HistoryAction.UPDATE,
                              text="updated " + ", ".join(sorted(changed)), details=changed)])
    fx.tickets.append(tid)
    return _finish(conn, row)


def assign(conn: Connection, cfg: Config, actor: str, tid: int, version: int, department: str, team: str,
           agent_id: str, note: str, now: float, fx: Effects) -> dict[str, Any]:
    _need_version(version)
    v.org(department, "department")
    v.org(team, "team")
    v.org(agent_id, "agent_id")
    v.text(note, "note", max_len=2000)
    if not (department or team or agent_id):
        raise InvalidArgument("department", "give at least one of department, team and agent_id")
    row = _load(conn, tid, version)
    state = TicketState(row["state"])
    if state not in states.ASSIGNABLE:
        raise states.IllegalTransition(
            f"ticket {tid} is {state.name}: only NEW, ASSIGNED and IN_PROGRESS tickets can be (re)assigned"
            + ("; reopen it first (TransitionTicket to ASSIGNED)" if state in (TicketState.FOLLOW_UP,
                                                                              TicketState.CLOSED) else ""),
            ticket_id=tid, from_state=state.name, to_state="ASSIGNED", action="assign")
    values = {k: val for k, val in (("department", department), ("team", team), ("agent_id", agent_id)) if val}
    values["state"] = int(TicketState.ASSIGNED)
    before = {k: row[k] for k in ("department", "team", "agent_id")}
    _apply(conn, row, values, now)
    entries = [dict(at=now, actor=actor, action=HistoryAction.ASSIGNMENT, text=note or "assigned",
                    details={**{f"{k}_before": b for k, b in before.items() if b},
                             **{k: val for k, val in values.items() if k != "state"}})]
    if state != TicketState.ASSIGNED:
        entries.append(dict(at=now, actor=actor, action=HistoryAction.TRANSITION, from_state=int(state),
                            to_state=int(TicketState.ASSIGNED), text="reassigned"))
    _history(conn, row, entries)
    fx.tickets.append(tid)
    return _finish(conn, row)


def transition(conn: Connection, cfg: Config, actor: str, tid: int, version: int | None, to: int, note: str,
               now: float, fx: Effects) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Move a ticket; ``version`` None: a system move that does not check it."""
    if version is not None:
        _need_version(version)
    target = v.enum(to, TicketState, "to_state")
    v.text(note, "note", max_len=2000)
    row = _load(conn, tid, version)
    state = TicketState(row["state"])
    ttype = TicketType(row["type"])
    states.check(tid, ttype, state, target, row["channel"])
    values: dict[str, Any] = {"state": int(target)}
    if target == TicketState.ASSIGNED and not (row["department"] or row["team"] or row["agent_id"]):
        raise states.IllegalTransition(f"ticket {tid} has no assignee: use AssignTicket to assign it",
                                       ticket_id=tid, from_state=state.name, to_state=target.name,
                                       reason="TICKET_NOT_ASSIGNED")
    if target == TicketState.RESOLVED:
        values["resolved_at"] = now
    if target == TicketState.CLOSED:
        values["closed_at"] = now
    if target == TicketState.ASSIGNED and state in (TicketState.FOLLOW_UP, TicketState.CLOSED):
        # reopened: work again, a new due time from now, unescalated
        values.update(closed_at=None, escalated_at=None, due_at=now + cfg.sla.hours[ttype] * 3600.0)
    _apply(conn, row, values, now)
    _history(conn, row, [dict(at=now, actor=actor, action=HistoryAction.TRANSITION, from_state=int(state),
                              to_state=int(target), text=note)])
    follow = None
    if target == TicketState.RESOLVED and states.needs_follow_up(ttype, row["channel"]):
        follow = schedule_follow_up(conn, cfg, row, now, actor)
        if follow is not None:
            fx.callbacks.append(follow)
    fx.tickets.append(tid)
    return _finish(conn, row), follow


def schedule_follow_up(conn: Connection, cfg: Config, ticket: dict[str, Any], now: float, actor: str
                       ) -> dict[str, Any] | None:
    """The follow-up visit of a resolved fault repair or complaint (one open per ticket)."""
    if cb_repo.open_follow_up(conn, ticket["id"]) is not None:
        return None
    number = ticket["contact_number"]
    if not number and ticket["subscriber_id"]:
        subs = sub_repo.load_many(conn, [ticket["subscriber_id"]])
        number = subs[0]["phones"][0] if subs and subs[0]["phones"] else ""
    if not number:
        repo.add_history(conn, ticket["id"], now, SYSTEM, HistoryAction.FOLLOW_UP,
                         text="no follow-up: the ticket has no number to call")
        return None
    due = now + cfg.follow_up.delay
    cb = cb_repo.insert_callback(conn, {
        "kind": int(CallbackKind.FOLLOW_UP), "state": int(CallbackState.SCHEDULED), "ticket_id": ticket["id"],
        "subscriber_id": ticket["subscriber_id"], "number": number, "queue": cfg.follow_up.queue,
        "requested_at": due, "due_at": due, "attempts": 0, "created_at": now, "version": 1})
    repo.add_history(conn, ticket["id"], now, actor, HistoryAction.FOLLOW_UP,
                     text=f"follow-up callback {cb['id']} scheduled", details={"callback_id": cb["id"], "due_at": due})
    return cb


def comment(conn: Connection, actor: str, tid: int, text: str, version: int, now: float, fx: Effects
            ) -> tuple[dict[str, Any], dict[str, Any]]:
    v.text(text, "text", min_len=1, max_len=4000)
    if not text.strip():
        raise InvalidArgument("text", "must not be blank")
    row = _load(conn, tid, version or None)
    _apply(conn, row, {}, now)
    entry = _history(conn, row, [dict(at=now, actor=actor, action=HistoryAction.COMMENT, text=text)])[0]
    fx.tickets.append(tid)
    return _finish(conn, row), entry


def link(conn: Connection, actor: str, tid: int, call_ids: Sequence[str], recording_ids: Sequence[str],
         recording_call_id: str, now: float, fx: Effects) -> dict[str, Any]:
    if not call_ids and not recording_ids:
        raise InvalidArgument("call_ids", "give call_ids and/or recording_ids")
    if len(call_ids) > 16 or len(recording_ids) > 16:
        raise InvalidArgument("call_ids" if len(call_ids) > 16 else "recording_ids", "at most 16 per request")
    for i, c in enumerate(call_ids):
        v.call_id(c, f"call_ids[{i}]")
    for i, c in enumerate(recording_ids):
        v.call_id(c, f"recording_ids[{i}]")
    if recording_call_id:
        v.call_id(recording_call_id, "recording_call_id")
    row = _load(conn, tid, None)
    new_calls = repo.link_calls(conn, tid, call_ids, now)
    new_recs = repo.link_recordings(conn, tid, recording_ids, recording_call_id, now)
    if new_calls or new_recs:
        _apply(conn, row, {}, now)
        repo.add_history(conn, tid, now, actor, HistoryAction.LINK, text="linked",
                         details={"call_ids": ",".join(new_calls), "recording_ids": ",".join(new_recs)})
        fx.tickets.append(tid)
    return repo.get(conn, tid)  # type: ignore[return-value]


def batch(conn: Connection, plan: Sequence[tuple[str, Any, Any]], now: float
          ) -> list[tuple[str, Any, Effects | None]]:
    """Several writes in the caller's one transaction (group commit), each all or nothing: a write
    that fails (a DeskError or a constraint) changes nothing and the others go on.

    ``plan``: (kind, fn, args) with ``fn(conn, *args, now, fx)`` one of this module's write
    functions, or (kind, None, error) for a write refused before the database. Returns (kind,
    result, its Effects) per write, or (kind, error, None) for a failed one; any other error
    (the database unavailable) aborts the whole transaction.

    The writes first run under one savepoint; if one of them fails, that savepoint is rolled back
    and they run again, each in a savepoint of its own (two statements more per write, only then)."""
    repo.savepoint(conn, "SAVEPOINT")
    try:
        done = _batch(conn, plan, now, each=False)
    except (DeskError, IntegrityError):
        repo.savepoint(conn, "ROLLBACK TO SAVEPOINT")
        repo.savepoint(conn, "RELEASE SAVEPOINT")
        return _batch(conn, plan, now, each=True)
    repo.savepoint(conn, "RELEASE SAVEPOINT")
    return done


def _batch(conn: Connection, plan: Sequence[tuple[str, Any, Any]], now: float, *, each: bool
           ) -> list[tuple[str, Any, Effects | None]]:
    done: list[tuple[str, Any, Effects | None]] = []
    for kind, fn, args in plan:
        if fn is None:
            done.append((kind, args, None))
            continue
        fx = Effects()
        if not each:
            done.append((kind, fn(conn, *args, now, fx), fx))
            continue
        repo.savepoint(conn, "SAVEPOINT")
        try:
            out = fn(conn, *args, now, fx)
        except (DeskError, IntegrityError) as e:
            repo.savepoint(conn, "ROLLBACK TO SAVEPOINT")
            repo.savepoint(conn, "RELEASE SAVEPOINT")
            done.append((kind, e, None))
            continue
        repo.savepoint(conn, "RELEASE SAVEPOINT")
        done.append((kind, out, fx))
    return done


def get(conn: Connection, tid: int) -> dict[str, Any]:
    if tid <= 0:
        raise InvalidArgument("ticket_id", "is required")
    row = repo.get(conn, tid)
    if row is None:
        raise NotFound(f"ticket {tid} does not exist", reason="TICKET_NOT_FOUND", ticket_id=tid)
    return row


def history(conn: Connection, tid: int, since: float | None) -> list[dict[str, Any]]:
    get(conn, tid)
    return repo.history(conn, tid, since)


def escalate_overdue(conn: Connection, cfg: Config, now: float, fx: Effects, limit: int = 200) -> int:
    """Mark overdue open tickets escalated, note it in their history, alert their supervisors."""
    from ..alerts import repo as alert_repo

    rows = repo.overdue(conn, now, limit)
    for r in rows:
        late = now - r["due_at"]
        sups = cfg.escalation.for_department(r["department"])
        repo.set_system(conn, r["id"], {"escalated_at": now})
        repo.add_history(conn, r["id"], now, SYSTEM, HistoryAction.ESCALATION,
                         text=f"overdue by {late / 3600:.1f} h: escalated to {', '.join(sups) or 'supervisors'}",
                         details={"supervisors": ",".join(sups), "due_at": r["due_at"]})
        fx.alerts.append(alert_repo.insert_alert(
            conn, now, AlertKind.TICKET_OVERDUE,
            f"ticket {r['id']} ({TicketType(r['type']).name}, {TicketState(r['state']).name}, area {r['area'] or '-'}) "
            f"is overdue by {late / 3600:.1f} h", ticket_id=r["id"], area=r["area"], supervisors=sups))
        fx.tickets.append(r["id"])
    return len(rows)
