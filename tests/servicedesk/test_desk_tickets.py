"""Work orders on SQLite and PostgreSQL: the state machine (every legal and every illegal move),
optimistic locking (two writers on one ticket), the append-only history, constraints,
idempotent creation, SLA due times and overdue escalation."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from servicedesk.db.schema import alerts, callbacks, ticket_history, tickets
from servicedesk.enums import (FOLLOW_UP_TYPES, CallbackKind, CallbackState, Channel, HistoryAction, TicketState,
                               TicketType)
from servicedesk.errors import Conflict, IllegalTransition, InvalidArgument, NotFound
from servicedesk.subscribers import service as subs
from servicedesk.tickets import service as ts
from servicedesk.tickets import states
from servicedesk.tickets.service import Effects, TicketIn

S = TicketState


def new_subscriber(db, clock, account="A-1001", phone="04596661234", area="G01"):  # type: ignore[no-untyped-def]
    return db.write_sync(subs.create, subs.SubscriberIn(account, "Li Na", [phone], area=area), clock(), "0459")


def new_ticket(db, cfg, clock, ttype=TicketType.FAULT_REPAIR, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("contact_number", "13900001111")
    t = TicketIn(type=int(ttype), channel=int(Channel.PHONE), subject="no picture", **kw)
    row, _ = db.write_sync(ts.create, cfg, "agent-d1", t, clock(), Effects())
    return row


def move(db, cfg, clock, row, to, actor="agent-d1"):  # type: ignore[no-untyped-def]
    out, _ = db.write_sync(ts.transition, cfg, actor, row["id"], row["version"], int(to), "", clock(), Effects())
    return out


def drive_to(db, cfg, clock, row, target):  # type: ignore[no-untyped-def]
    """Bring a fresh ticket to ``target`` along legal moves."""
    path = {S.NEW: [], S.ASSIGNED: [S.ASSIGNED], S.IN_PROGRESS: [S.ASSIGNED, S.IN_PROGRESS],
            S.RESOLVED: [S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED],
            S.FOLLOW_UP: [S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED, S.FOLLOW_UP],
            S.CLOSED: [S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED, S.FOLLOW_UP, S.CLOSED]}[target]
    ttype = TicketType(row["type"])
    if target == S.CLOSED and ttype not in FOLLOW_UP_TYPES:
        path = [S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED]
    if target == S.FOLLOW_UP and ttype not in FOLLOW_UP_TYPES:
        pytest.skip("no FOLLOW_UP for this type")
    for st in path:
        if st == S.ASSIGNED and row["state"] == S.NEW:
            row = db.write_sync(ts.assign, cfg, "sup1", row["id"], row["version"], "repair", "", "d1", "",
                                clock(), Effects())
            continue
        row = move(db, cfg, clock, row, st)
    return row


def test_the_whole_life_of_a_fault_repair(db, cfg, clock) -> None:  # type: ignore[no-untyped-def]
    sub = new_subscriber(db, clock)
    t = new_ticket(db, cfg, clock, subscriber_id=sub["id"], contact_number="")
    assert t["state"] == S.NEW and t["version"] == 1 and t["area"] == "G01"
    assert t["contact_number"] == "04596661234"  # the subscriber's first number
    assert t["due_at"] == pytest.approx(clock() + 24 * 3600)
    clock.advance(60)
    t = db.write_sync(ts.assign, cfg, "sup1", t["id"], 1, "repair", "team-7", "d1", "send a van", clock(), Effects())
    assert (t["state"], t["department"], t["team"], t["agent_id"], t["version"]) == (S.ASSIGNED, "repair", "team-7",
                                                                                    "d1", 2)
    t = move(db, cfg, clock, t, S.IN_PROGRESS)
    fx = Effects()
    t, follow = db.write_sync(ts.transition, cfg, "agent-d1", t["id"], t["version"], int(S.RESOLVED), "fixed",
                              clock(), fx)
    assert t["state"] == S.RESOLVED and t["resolved_at"] == clock()
    assert follow is not None and follow["kind"] == CallbackKind.FOLLOW_UP and follow["state"] == CallbackState.SCHEDULED
    assert follow["number"] == "04596661234" and follow["due_at"] == pytest.approx(clock() + 3600)
    assert fx.callbacks == [follow]
    t = move(db, cfg, clock, t, S.FOLLOW_UP)
    t = move(db, cfg, clock, t, S.CLOSED)
    assert t["closed_at"] == clock()
    # reopen from CLOSED: a new due time, no longer closed
    clock.advance(86400 * 3)
    t = move(db, cfg, clock, t, S.ASSIGNED)
    assert t["closed_at"] is None and t["due_at"] == pytest.approx(clock() + 24 * 3600)
    hist = db.read_sync(ts.history, t["id"], None)
    assert [h["seq"] for h in hist] == list(range(1, len(hist) + 1))
    kinds = [HistoryAction(h["action"]).name for h in hist]
    assert kinds == ["CREATED", "ASSIGNMENT", "TRANSITION", "TRANSITION", "TRANSITION", "FOLLOW_UP", "TRANSITION",
                     "TRANSITION", "TRANSITION"]
    moves = [(S(h["from_state"]).name, S(h["to_state"]).name) for h in hist if h["action"] == HistoryAction.TRANSITION]
    assert moves == [("NEW", "ASSIGNED"), ("ASSIGNED", "IN_PROGRESS"), ("IN_PROGRESS", "RESOLVED"),
                     ("RESOLVED", "FOLLOW_UP"), ("FOLLOW_UP", "CLOSED"), ("CLOSED", "ASSIGNED")]
    assert all(h["actor"] for h in hist)


ALL_TYPES = list(TicketType)


@pytest.mark.parametrize("ttype", [TicketType.FAULT_REPAIR, TicketType.INQUIRY])
def test_every_illegal_transition_is_refused_and_changes_nothing(db, cfg, clock, ttype) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for start in S:
        if start == S.FOLLOW_UP and ttype not in FOLLOW_UP_TYPES:
            continue
        row = drive_to(db, cfg, clock, new_ticket(db, cfg, clock, ttype), start)
        assert row["state"] == start
        ok = states.allowed(ttype, start)
        for to in S:
            if to in ok:
                continue
            before = db.read_sync(ts.get, row["id"])
            nhist = len(db.read_sync(ts.history, row["id"], None))
            with pytest.raises(IllegalTransition) as ei:
                move(db, cfg, clock, row, to)
            e = ei.value
            assert e.code == "FAILED_PRECONDITION" and e.reason == "ILLEGAL_TICKET_TRANSITION"
            assert e.details["from_state"] == start.name and e.details["to_state"] == to.name
            assert start.name in e.message and to.name in e.message
            assert db.read_sync(ts.get, row["id"]) == before
            assert len(db.read_sync(ts.history, row["id"], None)) == nhist
            checked += 1
    # 6 (5 without FOLLOW_UP) states x 6 targets, minus the 7 (5) legal moves
    assert checked == (36 - 7 if ttype in FOLLOW_UP_TYPES else 30 - 5)


def test_follow_up_types_cannot_skip_the_follow_up(db, cfg, clock) -> None:  # type: ignore[no-untyped-def]
    for ttype in FOLLOW_UP_TYPES:
        row = drive_to(db, cfg, clock, new_ticket(db, cfg, clock, ttype), S.RESOLVED)
        with pytest.raises(IllegalTransition, match="FOLLOW_UP"):
            move(db, cfg, clock, row, S.CLOSED)
    inq = drive_to(db, cfg, clock, new_ticket(db, cfg, clock, TicketType.SUGGESTION), S.RESOLVED)
    assert move(db, cfg, clock, inq, S.CLOSED)["state"] == S.CLOSED
    assert db.read_sync(lambda c: c.execute(select(func.count()).select_from(callbacks)).scalar()) == 2


def test_assign_rules(db, cfg, clock) -> None:  # type: ignore[no-untyped-def]
    row = new_ticket(db, cfg, clock)
    with pytest.raises(IllegalTransition) as ei:
        move(db, cfg, clock, row, S.ASSIGNED)  # no assignee yet
    assert ei.value.reason == "TICKET_NOT_ASSIGNED"
    row = drive_to(db, cfg, clock, row, S.IN_PROGRESS)
    row = db.write_sync(ts.assign, cfg, "sup1", row["id"], row["version"], "", "", "d2", "d1 is ill", clock(),
                        Effects())
    assert row["state"] == S.ASSIGNED and row["agent_id"] == "d2" and row["department"] == "repair"
    row = drive_to(db, cfg, clock, new_ticket(db, cfg, clock), S.RESOLVED)
    with pytest.raises(IllegalTransition):
        db.write_sync(ts.assign, cfg, "sup1", row["id"], row["version"], "x", "", "", "", clock(), Effects())
    with pytest.raises(InvalidArgument) as e2:
        db.write_sync(ts.assign, cfg, "sup1", row["id"], row["version"], "", "", "", "", clock(), Effects())
    assert e2.value.field == "department"


def test_a_stale_version_is_a_conflict_and_changes_nothing(db, cfg, clock) -> None:  # type: ignore[no-untyped-def]
    row = drive_to(db, cfg, clock, new_ticket(db, cfg, clock), S.ASSIGNED)
    stale = dict(row)
    row = move(db, cfg, clock, row, S.IN_PROGRESS)
    before = db.read_sync(ts.get, row["id"])
    for fn, args in ((ts.transition, ("x", row["id"], stale["version"], int(S.RESOLVED), "")),
                     (ts.update, ("x", row["id"], stale["version"], ["subject"], {"subject": "other"})),
                     (ts.assign, ("x", row["id"], stale["version"], "net", "", "", ""))):
        with pytest.raises(Conflict) as ei:
            db.write_sync(fn, cfg, *args, clock(), Effects())
        e = ei.value
        assert e.code == "ABORTED" and e.reason == "TICKET_CONFLICT"
        assert e.details["expected_version"] == str(stale["version"])
        assert e.details["actual_version"] == str(row["version"])
    with pytest.raises(Conflict):
        db.write_sync(ts.comment, "x", row["id"], "late", stale["version"], clock(), Effects())
    assert db.read_sync(ts.get, row["id"]) == before


def test_two_agents_editing_one_ticket_at_once(db, cfg, clock) -> None:  # type: ignore[no-untyped-def]
    """Both read version v and write concurrently (threads, separate connections): exactly one
    wins, the other gets TICKET_CONFLICT; nothing of the loser is kept."""
    for round_ in range(10):
        row = drive_to(db, cfg, clock, new_ticket(db, cfg, clock), S.IN_PROGRESS)
        barrier = threading.Barrier(2)
        results: list[object] = [None, None]

        def agent(i: int) -> None:
            barrier.wait()
            try:
                if i == 0:
                    results[i] = db.write_sync(ts.update, cfg, f"agent{i}", row["id"], row["version"],
                                               ["subject"], {"subject": f"edited by {i}"}, clock(), Effects())
                else:
                    results[i] = db.write_sync(ts.transition, cfg, f"agent{i}", row["id"], row["version"],
                                               int(S.RESOLVED), "done", clock(), Effects())
            except Exception as e:  # noqa: BLE001
                results[i] = e

        threads = [threading.Thread(target=agent, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        errors = [r for r in results if isinstance(r, Exception)]
        assert len(errors) == 1, results
        assert isinstance(errors[0], Conflict) and errors[0].reason == "TICKET_CONFLICT"
        final = db.read_sync(ts.get, row["id"])
        assert final["version"] == row["version"] + 1
        winner = 0 if not isinstance(results[0], Exception) else 1
        if winner == 0:
            assert final["subject"] == "edited by 0" and final["state"] == S.IN_PROGRESS
            assert db.read_sync(lambda c: c.execute(select(func.count()).select_from(callbacks)
                                                    .where(callbacks.c.ticket_id == row["id"])).scalar()) == 0
        else:
            assert final["subject"] == "no picture" and final["state"] == S.RESOLVED
        actors = {h["actor"] for h in db.read_sync(ts.history, row["id"], None)}
        assert f"agent{1 - winner}" not in actors


def test_history_is_append_only_in_the_database(db, cfg, clock) -> None:  # type: ignore[no-untyped-def]
    row = new_ticket(db, cfg, clock)
    for sql in ("UPDATE ticket_history SET text = 'forged'", "DELETE FROM ticket_history"):
        with pytest.raises(DBAPIError, match="append-only"):
            db.write_sync(lambda c: c.execute(text(sql)))
    assert db.read_sync(ts.history, row["id"], None)[0]["text"] == "no picture"


@pytest.mark.parametrize("column,value", [("type", 0), ("type", 6), ("state", 0), ("state", 7), ("channel", 9),
                                          ("priority", 5), ("satisfaction", 6), ("subject", "")])
def test_constraints_keep_bad_rows_out(db, cfg, clock, column, value) -> None:  # type: ignore[no-untyped-def]
    good = {"type": 1, "channel": 1, "state": 1, "priority": 2, "contact_number": "123", "subject": "s",
            "created_by": "x", "created_at": 1.0, "updated_at": 1.0, "due_at": 2.0, "version": 1}
    db.write_sync(lambda c: c.execute(tickets.insert().values(**good)))
    with pytest.raises(IntegrityError):
        db.write_sync(lambda c: c.execute(tickets.insert().values(**{**good, column: value})))
    assert db.read_sync(lambda c: c.execute(select(func.count()).select_from(tickets)).scalar()) == 1


def test_create_is_idempotent_on_request_id_and_checks_references(db, cfg, clock) -> None:  # type: ignore[no-untyped-def]
    a = new_ticket(db, cfg, clock, request_id="ivr-42")
    t = TicketIn(type=3, channel=2, subject="other text", contact_number="13900001111", request_id="ivr-42")
    b, dup = db.write_sync(ts.create, cfg, "ivr", t, clock(), Effects())
    assert dup and b["id"] == a["id"] and b["subject"] == "no picture"
    with pytest.raises(NotFound) as ei:
        new_ticket(db, cfg, clock, subscriber_id=999)
    assert ei.value.reason == "SUBSCRIBER_NOT_FOUND"
    assert db.read_sync(lambda c: c.execute(select(func.count()).select_from(tickets)).scalar()) == 1


def test_overdue_tickets_escalate_once_with_alerts(db, cfg, clock) -> None:  # type: ignore[no-untyped-def]
    t1 = new_ticket(db, cfg, clock, ttype=TicketType.INQUIRY, department="repair")  # 4 h SLA
    t2 = new_ticket(db, cfg, clock, ttype=TicketType.COMPLAINT, department="billing")  # 48 h
    done = drive_to(db, cfg, clock, new_ticket(db, cfg, clock, ttype=TicketType.INQUIRY), S.RESOLVED)
    clock.advance(5 * 3600)
    fx = Effects()
    assert db.write_sync(ts.escalate_overdue, cfg, clock(), fx) == 1
    assert [a["ticket_id"] for a in fx.alerts] == [t1["id"]]
    assert "sup-repair" in fx.alerts[0]["supervisors"]
    row = db.read_sync(ts.get, t1["id"])
    assert row["escalated_at"] == clock() and row["version"] == t1["version"]
    assert db.read_sync(ts.history, t1["id"], None)[-1]["action"] == HistoryAction.ESCALATION
    assert db.write_sync(ts.escalate_overdue, cfg, clock(), Effects()) == 0  # once
    clock.advance(48 * 3600)
    fx = Effects()
    assert db.write_sync(ts.escalate_overdue, cfg, clock(), fx) == 1
    assert fx.alerts[0]["ticket_id"] == t2["id"] and "sup1" in fx.alerts[0]["supervisors"]
    assert db.read_sync(ts.get, done["id"])["escalated_at"] is None
    assert db.read_sync(lambda c: c.execute(select(func.count()).select_from(alerts)).scalar()) == 2


def test_history_rows_exist_for_every_ticket(db, cfg, clock) -> None:  # type: ignore[no-untyped-def]
    for i in range(5):
        new_ticket(db, cfg, clock, ttype=ALL_TYPES[i])
    n = db.read_sync(lambda c: c.execute(select(func.count(func.distinct(ticket_history.c.ticket_id)))).scalar())
    assert n == 5


def test_every_write_answers_the_row_as_stored(db, cfg, clock) -> None:  # type: ignore[no-untyped-def]
    """The write path answers the row it wrote without reading it back: it must be exactly what a
    later read gets (every column, links, outage grouping), and history seqs stay 1..n."""
    from servicedesk.outages import service as out_service
    from servicedesk.tickets import repo

    def stored(tid):  # type: ignore[no-untyped-def]
        return db.read_sync(repo.get, tid)

    sub = new_subscriber(db, clock)
    row = new_ticket(db, cfg, clock, ttype=TicketType.COMPLAINT, call_ids=["c-2", "c-1", "c-2"], department="care")
    assert row == stored(row["id"]) and row["call_ids"] == ["c-1", "c-2"]
    row = new_ticket(db, cfg, clock, subscriber_id=sub["id"], contact_number="", request_id="rq-9")
    assert row == stored(row["id"]) and row["area"] == "G01"
    db.write_sync(out_service.raise_outage, cfg, "G01", clock(), Effects(), declared_by="sup1")
    grouped = new_ticket(db, cfg, clock, subscriber_id=sub["id"])
    assert grouped["outage_id"] and grouped["master_id"] and grouped == stored(grouped["id"])
    row = db.write_sync(ts.assign, cfg, "sup1", row["id"], row["version"], "repair", "", "d1", "", clock(), Effects())
    assert row == stored(row["id"])
    row = db.write_sync(ts.update, cfg, "d1", row["id"], row["version"], ["priority"], {"priority": 3}, clock(),
                        Effects())
    assert row == stored(row["id"]) and row["priority"] == 3
    for to in (S.IN_PROGRESS, S.RESOLVED):
        row = move(db, cfg, clock, row, to)
        assert row == stored(row["id"])
    row, _ = db.write_sync(ts.comment, "d1", row["id"], "called back", row["version"], clock(), Effects())
    assert row == stored(row["id"])
    for tid in (row["id"], grouped["id"]):
        seqs = [h["seq"] for h in db.read_sync(repo.history, tid)]
        assert seqs == list(range(1, len(seqs) + 1))
