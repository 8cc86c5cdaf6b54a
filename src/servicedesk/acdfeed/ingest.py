"""Storing acdcore's events: the raw event log, the call log (recent calls of a screen pop),
hourly rollups per queue and per agent (the reports), callback progress and notice outcomes.
One batch = one transaction, together with the stream position (exactly once across restarts).

Definitions (consistent with docs/core.md "Statistics"):

* queue offered: CALL_ENQUEUED in the queue, plus CALL_TRANSFERRED / CALL_OVERFLOWED into it
  (target_queue); answered: CALL_ANSWERED; within SL: answered with wait <= the queue's
  service_level_threshold; abandoned: CALL_ABANDONED, short when wait < short_abandon_threshold;
  overflowed: CALL_OVERFLOWED out of it; transferred_out: CALL_TRANSFERRED of a call not yet
  answered in it; rejected: CALL_REJECTED. A call counts in the hour its event happened.
* handled: CALL_COMPLETED; talk: its talk_seconds; wrap-up: the agent's WRAP_UP time after the
  call (from AGENT_STATE_CHANGED), counted in the hour the call completed.
  service level = within SL / (answered + abandoned - short abandoned); ASA = wait / answered;
  AHT = (talk + wrap-up) / handled.
* agent time from AGENT_STATE_CHANGED intervals, split at hour boundaries: AVAILABLE idle,
  RESERVED ring, BUSY talk, WRAP_UP wrap-up, PAUSED pause (by reason); logged in = all but
  LOGGED_OUT; calls: CALL_ANSWERED; no answers: CALL_NO_ANSWER;
  occupancy = (talk + wrap-up + ring) / (talk + wrap-up + ring + idle).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from sqlalchemy import Connection, func, insert, select, update

from ..db.schema import acd_agent_cursor as AC
from ..db.schema import acd_events as E
from ..db.schema import agent_hourly as AH
from ..db.schema import agent_pause_hourly as APH
from ..db.schema import calls as CALLS
from ..db.schema import desk_state as DS
from ..db.schema import queue_hourly as QH
from ..db.schema import queue_settings as QS
from ..enums import AcdAgentState as AS
from ..enums import AcdEvent as EV

CURSOR_KEY = "acd_cursor"
STATE_COLUMN = {AS.AVAILABLE: "idle", AS.RESERVED: "ring", AS.BUSY: "talk", AS.WRAP_UP: "wrap_up",
                AS.PAUSED: "pause"}
QUEUE_INT = ("offered", "answered", "answered_within_sl", "abandoned", "short_abandoned", "overflowed",
             "transferred_out", "rejected", "handled")
QUEUE_FLOAT = ("wait_answered", "talk", "wrap_up")
AGENT_INT = ("calls", "no_answers")
AGENT_FLOAT = ("talk", "wrap_up", "ring", "idle", "pause", "logged_in")


def hour_of(t: float) -> int:
    return int(t // 3600) * 3600


def _ts(m: Any) -> float:
    return m.seconds + m.nanos / 1e9


def event_row(e: Any) -> dict[str, Any]:
    """A acd.v1 Event message as an acd_events row."""
    return {"seq": e.seq, "at": _ts(e.time), "type": e.type, "call_id": e.call_id, "agent_id": e.agent_id,
            "queue": e.queue, "target_queue": e.target_queue, "caller": e.caller, "reason": e.reason[:128],
            "offer_id": e.offer_id, "priority": e.priority, "agent_state": e.agent_state,
            "previous_state": e.previous_state, "wait_seconds": e.wait_seconds, "talk_seconds": e.talk_seconds,
            "ring_seconds": e.ring_seconds}


def get_cursor(conn: Connection) -> int:
    v = conn.execute(select(DS.c.value).where(DS.c.key == CURSOR_KEY)).scalar()
    return int(v) if v is not None else 0


def set_state(conn: Connection, key: str, value: str) -> None:
    if conn.execute(update(DS).where(DS.c.key == key).values(value=value)).rowcount == 0:
        conn.execute(insert(DS).values(key=key, value=value))


def get_state(conn: Connection, key: str) -> str | None:
    return conn.execute(select(DS.c.value).where(DS.c.key == key)).scalar()


def _upsert(conn: Connection, table: Any, keys: list[str], rows: list[dict[str, Any]], add: Iterable[str]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as up
    else:
        from sqlalchemy.dialects.sqlite import insert as up  # type: ignore[assignment]
    stmt = up(table)
    stmt = stmt.on_conflict_do_update(index_elements=[table.c[k] for k in keys],
                                      set_={c: table.c[c] + stmt.excluded[c] for c in add})
    conn.execute(stmt, rows)


class Rollup:
    """Accumulates one batch's contributions, then writes them with additive upserts."""

    def __init__(self) -> None:
        self.q: dict[tuple[str, int], dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.a: dict[tuple[str, int], dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.p: dict[tuple[str, int, str], float] = defaultdict(float)

    def agent_interval(self, agent: str, state: int, reason: str, start: float, end: float) -> None:
        if end <= start or state == AS.LOGGED_OUT or state == 0:
            return
        col = STATE_COLUMN.get(AS(state)) if state in AS._value2member_map_ else None
        t = start
        while t < end:
            h = hour_of(t)
            stop = min(end, h + 3600)
            d = stop - t
            acc = self.a[(agent, h)]
            acc["logged_in"] += d
            if col is not None:
                acc[col] += d
                if col == "pause":
                    self.p[(agent, h, reason or "-")] += d
            t = stop

    def write(self, conn: Connection) -> None:
        _upsert(conn, QH, ["queue", "hour"],
                [{"queue": q, "hour": h, **{c: int(v.get(c, 0)) for c in QUEUE_INT},
                  **{c: float(v.get(c, 0.0)) for c in QUEUE_FLOAT}} for (q, h), v in self.q.items()],
                QUEUE_INT + QUEUE_FLOAT)
        _upsert(conn, AH, ["agent_id", "hour"],
                [{"agent_id": a, "hour": h, **{c: int(v.get(c, 0)) for c in AGENT_INT},
                  **{c: float(v.get(c, 0.0)) for c in AGENT_FLOAT}} for (a, h), v in self.a.items()],
                AGENT_INT + AGENT_FLOAT)
        _upsert(conn, APH, ["agent_id", "hour", "reason"],
                [{"agent_id": a, "hour": h, "reason": r[:64], "seconds": s} for (a, h, r), s in self.p.items()],
                ("seconds",))


def queue_thresholds(conn: Connection) -> dict[str, tuple[float, float]]:
    return {r.queue: (r.sl_threshold, r.short_abandon) for r in conn.execute(select(QS))}


def save_queue_thresholds(conn: Connection, values: dict[str, tuple[float, float]]) -> None:
    for q, (sl, short) in values.items():
        if conn.execute(update(QS).where(QS.c.queue == q).values(sl_threshold=sl, short_abandon=short)).rowcount == 0:
            conn.execute(insert(QS).values(queue=q, sl_threshold=sl, short_abandon=short))


def init_agents(conn: Connection, agents: list[tuple[str, int, float, str]]) -> None:
    """Cursors from a snapshot (agent, state, since, reason): intervals start there."""
    for agent, state, since, reason in agents:
        if conn.execute(update(AC).where(AC.c.agent_id == agent)
                        .values(state=state, since=since, reason=reason)).rowcount == 0:
            conn.execute(insert(AC).values(agent_id=agent, state=state, since=since, reason=reason, last_queue=""))


def ingest(conn: Connection, events: list[Any], *, thresholds: dict[str, tuple[float, float]],
           default_sl: float, default_short: float, callback_prefix: str = "",
           on_callback: Any = None, on_enqueued: Any = None, store_raw: bool = True) -> int:
    """Store one batch of acd.v1 Events (in sequence order). Returns the last sequence number.

    ``on_callback(conn, call_id, kind, agent_id, at)`` is called for events of calls whose id
    starts with ``callback_prefix``; ``on_enqueued(conn, call_id, at)`` for every CALL_ENQUEUED.
    """
    if not events:
        return get_cursor(conn)
    rows = [event_row(e) for e in events]
    if store_raw:
        conn.execute(insert(E), rows)
    roll = Rollup()
    agents = {r["agent_id"] for r in rows if r["agent_id"]}
    cursors: dict[str, dict[str, Any]] = {}
    if agents:
        for c in conn.execute(select(AC).where(AC.c.agent_id.in_(sorted(agents)))):
            cursors[c.agent_id] = dict(c._mapping)
    touched: set[str] = set()
    call_inserts: dict[str, dict[str, Any]] = {}
    call_updates: list[tuple[str, dict[str, Any]]] = []
    answered_here: set[str] = set()

    def cursor(agent: str, at: float) -> dict[str, Any]:
        c = cursors.get(agent)
        if c is None:
            c = cursors[agent] = {"agent_id": agent, "state": int(AS.LOGGED_OUT), "since": at, "reason": "",
                                  "last_queue": "", "_new": True}
        return c

    for r in rows:
        t = r["type"]
        at = r["at"]
        h = hour_of(at)
        cid = r["call_id"]
        q = r["queue"]
        if t == EV.CALL_ENQUEUED:
            roll.q[(q, h)]["offered"] += 1
            call_inserts[cid] = {"call_id": cid, "caller": r["caller"], "queue": q, "arrived_at": at}
            if on_enqueued is not None:
                on_enqueued(conn, cid, at)
        elif t == EV.CALL_ANSWERED:
            sl, _short = thresholds.get(q, (default_sl, default_short))
            acc = roll.q[(q, h)]
            acc["answered"] += 1
            acc["wait_answered"] += r["wait_seconds"]
            if r["wait_seconds"] <= sl:
                acc["answered_within_sl"] += 1
            if r["agent_id"]:
                roll.a[(r["agent_id"], h)]["calls"] += 1
                c = cursor(r["agent_id"], at)
                c["last_queue"] = q  # the wrap-up that follows belongs to this queue
                touched.add(r["agent_id"])
            answered_here.add(cid)
            call_updates.append((cid, {"answered_at": at, "agent_id": r["agent_id"], "wait_seconds": r["wait_seconds"],
                                       "queue": q}))
        elif t == EV.CALL_ABANDONED:
            _sl, short = thresholds.get(q, (default_sl, default_short))
            acc = roll.q[(q, h)]
            acc["abandoned"] += 1
            if r["wait_seconds"] < short:
                acc["short_abandoned"] += 1
            call_updates.append((cid, {"ended_at": at, "outcome": "abandoned", "wait_seconds": r["wait_seconds"]}))
        elif t == EV.CALL_OVERFLOWED:
            roll.q[(q, h)]["overflowed"] += 1
            if r["target_queue"]:
                roll.q[(r["target_queue"], h)]["offered"] += 1
                call_updates.append((cid, {"queue": r["target_queue"]}))
            else:
                call_updates.append((cid, {"ended_at": at, "outcome": "overflowed"}))
        elif t == EV.CALL_TRANSFERRED:
            tq = r["target_queue"]
            if tq:
                roll.q[(tq, h)]["offered"] += 1
            if cid not in answered_here and not _was_answered(conn, cid, call_inserts):
                roll.q[(q, h)]["transferred_out"] += 1
            answered_here.discard(cid)
            call_updates.append((cid, {"queue": tq or q, "answered_at": None}))
        elif t == EV.CALL_REJECTED:
            roll.q[(q, h)]["rejected"] += 1
        elif t == EV.CALL_COMPLETED:
            acc = roll.q[(q, h)]
            acc["handled"] += 1
            acc["talk"] += r["talk_seconds"]
            call_updates.append((cid, {"ended_at": at, "outcome": "completed", "talk_seconds": r["talk_seconds"]}))
        elif t == EV.CALL_NO_ANSWER:
            if r["agent_id"]:
                roll.a[(r["agent_id"], h)]["no_answers"] += 1
        elif t == EV.AGENT_STATE_CHANGED and r["agent_id"]:
            a = r["agent_id"]
            c = cursor(a, at)
            prev = r["previous_state"] or c["state"]
            start = c["since"]
            roll.agent_interval(a, prev, c["reason"], start, at)
            if prev == AS.WRAP_UP and c["last_queue"] and at > start:
                # wrap-up after a call of last_queue: counted in the hour that call completed
                roll.q[(c["last_queue"], hour_of(start))]["wrap_up"] += at - start
            c["state"] = r["agent_state"]
            c["since"] = at
            c["reason"] = r["reason"][:64] if r["agent_state"] == AS.PAUSED else ""
            touched.add(a)
        if callback_prefix and cid.startswith(callback_prefix) and on_callback is not None:
            kind = {EV.CALL_OFFERED: "offered", EV.CALL_NO_ANSWER: "no_answer", EV.CALL_ANSWERED: "answered",
                    EV.CALL_COMPLETED: "completed", EV.CALL_ABANDONED: "ended", EV.CALL_OVERFLOWED: "ended",
                    EV.CALL_REJECTED: "ended"}.get(EV(t)) if t in EV._value2member_map_ else None
            if t == EV.CALL_OVERFLOWED and r["target_queue"]:
                kind = None
            if kind is not None:
                on_callback(conn, cid, kind, r["agent_id"], at)
    # the call log
    if call_inserts:
        have = {x[0] for x in conn.execute(select(CALLS.c.call_id).where(CALLS.c.call_id.in_(list(call_inserts))))}
        new = [v for k, v in call_inserts.items() if k not in have]
        if new:
            conn.execute(insert(CALLS), new)
    for cid, values in call_updates:
        conn.execute(update(CALLS).where(CALLS.c.call_id == cid).values(**values))
    roll.write(conn)
    for a in touched:
        c = cursors[a]
        vals = {"state": c["state"], "since": c["since"], "reason": c["reason"], "last_queue": c["last_queue"]}
        if c.get("_new"):
            conn.execute(insert(AC).values(agent_id=a, **vals))
        else:
            conn.execute(update(AC).where(AC.c.agent_id == a).values(**vals))
    last = rows[-1]["seq"]
    set_state(conn, CURSOR_KEY, str(last))
    return last


def _was_answered(conn: Connection, call_id: str, pending: dict[str, dict[str, Any]]) -> bool:
    if call_id in pending:
        return False
    v = conn.execute(select(CALLS.c.answered_at).where(CALLS.c.call_id == call_id)).first()
    return v is not None and v[0] is not None


def start_new_epoch(conn: Connection, after_seq: int, at: float) -> int:
    """acdcore's journal was reset (restored from an older backup, or its state wiped): its
    sequence numbers start again at 1. Record the gap and move the raw events of the earlier
    epoch out of the way, below every stored number (they keep their order, ending at -1 or
    below the previous epochs), so the new epoch's events can be stored. Returns how many moved."""
    hi, lo = conn.execute(select(func.max(E.c.seq), func.min(E.c.seq))).one()
    moved = 0
    if hi is not None and hi > 0:
        shift = int(hi) + 1 - min(int(lo), 0)
        moved = conn.execute(update(E).where(E.c.seq > 0).values(seq=E.c.seq - shift)).rowcount
    record_gap(conn, after_seq, 0, at)
    return moved


def record_gap(conn: Connection, after_seq: int, resumed_seq: int, at: float) -> None:
    from ..db.schema import acd_gaps

    conn.execute(insert(acd_gaps).values(after_seq=after_seq, resumed_seq=resumed_seq, at=at))
    set_state(conn, CURSOR_KEY, str(resumed_seq))
