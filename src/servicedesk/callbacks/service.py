"""Callbacks: IVR callback requests, follow-up attempts placed through acdcore, outcomes
recorded on the ticket. Each function runs in one transaction; the acdcore calls are made by
the dispatcher (dispatcher.py) between transactions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from .. import validate as v
from ..alerts import repo as alert_repo
from ..config import Config
from ..enums import (AlertKind, CallbackKind, CallbackOutcome, CallbackState, HistoryAction, TicketState)
from ..errors import Conflict, FailedPrecondition, InvalidArgument, NotFound
from ..subscribers import repo as sub_repo
from ..tickets import repo as t_repo
from ..tickets import service as t_service
from . import repo

CS = CallbackState


def get(conn: Connection, cid: int) -> dict[str, Any]:
    if cid <= 0:
        raise InvalidArgument("callback_id", "is required")
    row = repo.get(conn, cid)
    if row is None:
        raise NotFound(f"callback {cid} does not exist", reason="CALLBACK_NOT_FOUND")
    return row


def _checked(conn: Connection, cid: int, version: int) -> dict[str, Any]:
    if version <= 0:
        raise InvalidArgument("version", "is required: send the version you read")
    row = get(conn, cid)
    if row["version"] != version:
        raise Conflict(f"callback {cid} changed: it is at version {row['version']}, not {version}; read it again",
                       reason="CALLBACK_CONFLICT", expected_version=version, actual_version=row["version"])
    return row


def _apply(conn: Connection, row: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    if not repo.apply(conn, row["id"], row["version"], values):
        raise Conflict(f"callback {row['id']} changed meanwhile; read it again", reason="CALLBACK_CONFLICT")
    return repo.get(conn, row["id"])  # type: ignore[return-value]


def request(conn: Connection, cfg: Config, number: str, queue: str, request_time: float | None,
            source_call_id: str, ticket_id: int, not_before: float | None, now: float) -> tuple[dict[str, Any], bool]:
    phone = v.phone(number, "number", local_prefix=cfg.desk.local_prefix)
    queue = v.org(queue, "queue") or cfg.callbacks.queue
    if request_time is not None:
        v.finite_time(request_time, "request_time")
        if request_time > now + 1:
            raise InvalidArgument("request_time", "lies in the future")
    if not_before is not None:
        v.finite_time(not_before, "not_before_time")
        if not_before > now + 30 * 86400:
            raise InvalidArgument("not_before_time", "lies more than 30 days ahead")
    if source_call_id:
        v.call_id(source_call_id, "source_call_id")
        prior = repo.by_source_call(conn, source_call_id)
        if prior is not None:
            return prior, True
    if ticket_id < 0:
        raise InvalidArgument("ticket_id", "must not be negative")
    if ticket_id and t_repo.get(conn, ticket_id, links=False) is None:
        raise NotFound(f"ticket {ticket_id} does not exist", reason="TICKET_NOT_FOUND", field="ticket_id")
    sids = sub_repo.ids_by_phone(conn, phone, limit=1)
    req = min(request_time if request_time is not None else now, now)
    row = repo.insert_callback(conn, {
        "kind": int(CallbackKind.REQUEST), "state": int(CS.SCHEDULED), "ticket_id": ticket_id or None,
        "subscriber_id": sids[0] if sids else None, "number": phone, "queue": queue, "requested_at": req,
        "due_at": max(now, not_before or now), "attempts": 0, "source_call_id": source_call_id or None,
        "created_at": now, "version": 1})
    if ticket_id:
        t_repo.add_history(conn, ticket_id, now, "system", HistoryAction.FOLLOW_UP,
                           text=f"callback {row['id']} requested to {phone}", details={"callback_id": row["id"]})
    return row, False


def claim_due(conn: Connection, cfg: Config, now: float, limit: int = 50) -> list[dict[str, Any]]:
    """Turn due SCHEDULED callbacks into QUEUED attempts with a fresh acdcore call id; a
    follow-up's ticket moves RESOLVED -> FOLLOW_UP. The caller then enqueues each in acdcore."""
    out = []
    fx = t_service.Effects()
    for row in repo.due(conn, now, limit):
        attempt = row["attempts"] + 1
        call_id = f"{cfg.acd.call_id_prefix}{row['id']}-{attempt}"
        row = _apply(conn, row, {"state": int(CS.QUEUED), "attempts": attempt, "call_id": call_id, "agent_id": ""})
        if row["kind"] == CallbackKind.FOLLOW_UP and row["ticket_id"]:
            t = t_repo.get(conn, row["ticket_id"], links=False)
            if t is not None and t["state"] == TicketState.RESOLVED:
                t_service.transition(conn, cfg, "system", t["id"], None, int(TicketState.FOLLOW_UP),
                                     f"follow-up call {call_id} placed (attempt {attempt})", now, fx)
        out.append(row)
    return out


def attempt_failed(conn: Connection, cfg: Config, call_id: str, why: str, now: float,
                   fx: t_service.Effects) -> dict[str, Any] | None:
    """The attempt's call ended without a conversation (or acdcore refused it): try again later,
    or give up after the last attempt (FAILED, alert; a follow-up closes its ticket as unreachable)."""
    row = repo.by_call_id(conn, call_id)
    if row is None or row["state"] not in (CS.QUEUED, CS.OFFERED, CS.CONNECTED):
        return None
    return _retry_or_fail(conn, cfg, row, why, now, fx)


def _retry_or_fail(conn: Connection, cfg: Config, row: dict[str, Any], why: str, now: float,
                   fx: t_service.Effects) -> dict[str, Any]:
    if row["attempts"] < cfg.follow_up.max_attempts:
        return _apply(conn, row, {"state": int(CS.SCHEDULED), "due_at": now + cfg.follow_up.retry_delay,
                                  "note": why[:500]})
    row = _apply(conn, row, {"state": int(CS.FAILED), "ended_at": now, "note": why[:500]})
    fx.alerts.append(alert_repo.insert_alert(
        conn, now, AlertKind.CALLBACK_FAILED,
        f"callback {row['id']} to {row['number']} failed after {row['attempts']} attempts: {why}",
        callback_id=row["id"], ticket_id=row["ticket_id"], supervisors=cfg.escalation.supervisors))
    if row["ticket_id"]:
        t_repo.add_history(conn, row["ticket_id"], now, "system", HistoryAction.FOLLOW_UP,
                           text=f"callback {row['id']} failed after {row['attempts']} attempts: {why}",
                           details={"callback_id": row["id"]})
        t = t_repo.get(conn, row["ticket_id"], links=False)
        if row["kind"] == CallbackKind.FOLLOW_UP and t is not None and t["state"] == TicketState.FOLLOW_UP:
            t_service.transition(conn, cfg, "system", t["id"], None, int(TicketState.CLOSED),
                                 "closed: the subscriber could not be reached for the follow-up", now, fx)
    return row


def call_event(conn: Connection, cfg: Config, call_id: str, kind: str, agent_id: str, now: float,
               fx: t_service.Effects) -> None:
    """acdcore's events of a callback's call: offered, answered, completed, or ended without answer."""
    row = repo.by_call_id(conn, call_id)
    if row is None or row["state"] in (CS.DONE, CS.FAILED, CS.CANCELLED, CS.SCHEDULED):
        return
    if kind == "offered":
        if row["state"] in (CS.QUEUED, CS.OFFERED):
            _apply(conn, row, {"state": int(CS.OFFERED), "agent_id": agent_id})
    elif kind == "no_answer":
        if row["state"] == CS.OFFERED:
            _apply(conn, row, {"state": int(CS.QUEUED)})
    elif kind == "answered":
        if row["state"] in (CS.QUEUED, CS.OFFERED):
            _apply(conn, row, {"state": int(CS.CONNECTED), "agent_id": agent_id or row["agent_id"]})
    elif kind == "completed":
        if row["state"] in (CS.QUEUED, CS.OFFERED, CS.CONNECTED):
            _apply(conn, row, {"state": int(CS.AWAITING_OUTCOME)})
    elif kind == "ended":
        attempt_failed(conn, cfg, call_id, "the call ended before an agent talked to the subscriber", now, fx)


def record_outcome(conn: Connection, cfg: Config, actor: str, cid: int, version: int, outcome: int,
                   satisfaction: int, note: str, now: float, fx: t_service.Effects
                   ) -> tuple[dict[str, Any], dict[str, Any] | None]:
    out = v.enum(outcome, CallbackOutcome, "outcome")
    v.text(note, "note", max_len=2000)
    if satisfaction > 5:
        raise InvalidArgument("satisfaction", "must be 1-5 (or 0: none)")
    row = _checked(conn, cid, version)
    kind = CallbackKind(row["kind"])
    if kind == CallbackKind.FOLLOW_UP and out in (CallbackOutcome.CONFIRMED, CallbackOutcome.NOT_SOLVED) \
            and not satisfaction:
        raise InvalidArgument("satisfaction", "is required (1-5) when the subscriber was reached for a follow-up")
    if out in (CallbackOutcome.NO_ANSWER,) and satisfaction:
        raise InvalidArgument("satisfaction", "must be 0 when the subscriber was not reached")
    state = CS(row["state"])
    if state not in (CS.CONNECTED, CS.AWAITING_OUTCOME):
        raise FailedPrecondition(f"callback {cid} is {state.name}: an outcome is recorded once the call was "
                                 f"connected", reason="CALLBACK_NOT_CONNECTED", state=state.name)
    ticket = None
    if out == CallbackOutcome.NO_ANSWER:
        row = _apply(conn, row, {"outcome": int(out), "note": note})
        row = _retry_or_fail(conn, cfg, row, "no answer" + (f": {note}" if note else ""), now, fx)
    else:
        row = _apply(conn, row, {"state": int(CS.DONE), "outcome": int(out), "satisfaction": satisfaction or None,
                                 "note": note, "ended_at": now})
    if row["ticket_id"]:
        tid = row["ticket_id"]
        t_repo.add_history(conn, tid, now, actor, HistoryAction.FOLLOW_UP,
                           text=f"callback {cid}: {out.name}" + (f", satisfaction {satisfaction}/5" if satisfaction
                                                                 else "") + (f": {note}" if note else ""),
                           details={"callback_id": cid, "outcome": out.name, "satisfaction": satisfaction})
        t = t_repo.get(conn, tid, links=False)
        if t is not None and satisfaction:
            t_repo.set_system(conn, tid, {"satisfaction": satisfaction})
        if kind == CallbackKind.FOLLOW_UP and t is not None and t["state"] == TicketState.FOLLOW_UP:
            if out in (CallbackOutcome.CONFIRMED, CallbackOutcome.DECLINED):
                t_service.transition(conn, cfg, actor, tid, None, int(TicketState.CLOSED),
                                     f"follow-up: {out.name.lower()}", now, fx)
            elif out == CallbackOutcome.NOT_SOLVED:
                t_service.transition(conn, cfg, actor, tid, None, int(TicketState.ASSIGNED),
                                     "reopened: the follow-up found the problem not solved", now, fx)
        ticket = t_repo.get(conn, tid)
    return row, ticket


def cancel(conn: Connection, actor: str, cid: int, version: int, note: str, now: float) -> dict[str, Any]:
    v.text(note, "note", max_len=2000)
    row = _checked(conn, cid, version)
    state = CS(row["state"])
    if state not in (CS.SCHEDULED, CS.QUEUED, CS.OFFERED):
        raise FailedPrecondition(f"callback {cid} is {state.name}: only SCHEDULED, QUEUED or OFFERED callbacks can "
                                 f"be cancelled", reason="CALLBACK_NOT_CANCELLABLE", state=state.name)
    row = _apply(conn, row, {"state": int(CS.CANCELLED), "ended_at": now, "note": note or f"cancelled by {actor}"})
    if row["ticket_id"]:
        t_repo.add_history(conn, row["ticket_id"], now, actor, HistoryAction.FOLLOW_UP,
                           text=f"callback {cid} cancelled" + (f": {note}" if note else ""),
                           details={"callback_id": cid})
    return row
