"""Telemarketing campaigns: target lists (a subscriber query or an imported CSV), a script,
calling hours, a do-not-call list, attempts and retry spacing, preview or progressive dialing
with a pacing ratio; call outcomes, agents' results, reports (CSV and SVG charts).

Compliance is enforced where a call is decided, twice: :meth:`CampaignService.claim_targets`
selects only targets whose number is not on the do-not-call list *at that moment* (a NOT EXISTS
in the same statement that marks them DIALING) and is called only inside the campaign's calling
hours; :meth:`Dialer.tick` checks the hours again and each number against the list once more
right before it hands the call to the :class:`Originator` (Asterisk). A number added to the list
while its call is being decided is therefore never dialled after the addition commits.

Pacing (:meth:`Dialer.calls_to_place`): progressive places ``floor(idle agents × ratio)`` calls
minus those still ringing, so with ratio 1 a call never waits for an agent; preview places one
call per idle agent that has accepted a previewed target (the agent sees the record first).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import threading
from enum import IntEnum
from typing import Any, Protocol

from sqlalchemy import Connection, and_, exists, func, insert, not_, or_, select, update

from .. import validate
from ..clock import ClockFn, system_clock
from ..db import Database
from ..db.schema import subscriber_phones, subscriber_services, subscribers
from ..errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from .schema import campaign_attempts, campaign_targets, campaigns, dnc


class DialMode(IntEnum):
    PREVIEW = 1
    PROGRESSIVE = 2


class CampaignState(IntEnum):
    DRAFT = 1
    RUNNING = 2
    PAUSED = 3
    DONE = 4


class TargetState(IntEnum):
    PENDING = 1
    DIALING = 2
    DONE = 3
    DNC = 4
    EXHAUSTED = 5


class Outcome(IntEnum):
    ANSWERED = 1
    NO_ANSWER = 2
    BUSY = 3
    MACHINE = 4
    FAILED = 5
    #: a previewed target the agent skipped (not a failed attempt)
    SKIPPED = 6
    #: stopped by the dial-time compliance check (do-not-call, calling hours, campaign paused)
    REFUSED = 7
    #: a previewed target its agent neither accepted nor skipped within the campaign's
    #: preview_timeout: back to the list, not a failed attempt
    PREVIEW_EXPIRED = 8


class Result(IntEnum):
    INTERESTED = 1
    SALE = 2
    NOT_INTERESTED = 3
    CALL_BACK = 4


_HHMM = re.compile(r"([01][0-9]|2[0-4]):([0-5][0-9])\Z")
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}\Z")
_WEEKDAYS = re.compile(r"[01]{7}\Z")


def _minutes(v: str, field: str) -> int:
    m = _HHMM.match(v)
    if not m or (m.group(1) == "24" and m.group(2) != "00"):
        raise InvalidArgument(field, f"{v!r} is not a time of day HH:MM")
    return int(m.group(1)) * 60 + int(m.group(2))


def within_hours(c: dict[str, Any], t: float) -> bool:
    """Whether instant ``t`` is inside the campaign's calling hours (its local time and weekdays)."""
    local = dt.datetime.fromtimestamp(t + c["utc_offset"], tz=dt.timezone.utc)
    if c["weekdays"][local.weekday()] != "1":
        return False
    m = local.hour * 60 + local.minute
    return c["hours_start"] <= m < c["hours_end"]


class Originator(Protocol):
    """Places a campaign call (Asterisk originate through the hooks); its outcome comes back
    through :meth:`Dialer.on_outcome`."""

    def originate(self, call_id: str, number: str, queue: str, campaign_id: int) -> None: ...


#: seconds a previewed target stays held for its agent (an agent who walks away frees it)
DEFAULT_PREVIEW_TIMEOUT = 120.0
MAX_PREVIEW_TIMEOUT = 86400.0


class CampaignService:
    def __init__(self, db: Database, *, clock: ClockFn = system_clock, local_prefix: str = "") -> None:
        self.db = db
        self.clock = clock
        self.local_prefix = local_prefix
        self._seq = 0
        self._seq_lock = threading.Lock()

    # -- set-up -------------------------------------------------------------------------------
    def create(self, name: str, *, queue: str, script: str = "", package: str = "", hours: tuple[str, str] = ("09:00", "20:00"),
               utc_offset: int = 8 * 3600, weekdays: str = "1111110", max_attempts: int = 3,
               retry_spacing: float = 3600.0, mode: DialMode = DialMode.PROGRESSIVE, pacing_ratio: float = 1.0,
               preview_timeout: float = DEFAULT_PREVIEW_TIMEOUT) -> int:
        if not _NAME.match(name):
            raise InvalidArgument("name", "1-64 of A-Z a-z 0-9 _ . -")
        validate.org(queue, "queue", required=True)
        validate.text(script, "script", max_len=20000)
        start, end = _minutes(hours[0], "hours_start"), _minutes(hours[1], "hours_end")
        if start >= end:
            raise InvalidArgument("hours_end", "must be after hours_start")
        if not -14 * 3600 <= utc_offset <= 14 * 3600:
            raise InvalidArgument("utc_offset", "-14 h to +14 h in seconds")
        if not _WEEKDAYS.match(weekdays) or "1" not in weekdays:
            raise InvalidArgument("weekdays", "7 of 0/1, Monday first, at least one 1")
        if not 1 <= max_attempts <= 20:
            raise InvalidArgument("max_attempts", "1 to 20")
        if not (math.isfinite(retry_spacing) and 0 <= retry_spacing <= 30 * 86400):
            raise InvalidArgument("retry_spacing", "0 to 30 days in seconds")
        try:
            mode = DialMode(mode)
        except ValueError:
            raise InvalidArgument("mode", "1 preview or 2 progressive") from None
        if not (math.isfinite(pacing_ratio) and 1.0 <= pacing_ratio <= 5.0):
            raise InvalidArgument("pacing_ratio", "1.0 to 5.0")
        if isinstance(preview_timeout, bool) or not isinstance(preview_timeout, (int, float)) \
                or not (math.isfinite(preview_timeout) and 0 <= preview_timeout <= MAX_PREVIEW_TIMEOUT):
            raise InvalidArgument("preview_timeout", f"0 (never) to {MAX_PREVIEW_TIMEOUT:.0f} seconds")
        now = self.clock()

        def tx(conn: Connection) -> int:
            if conn.execute(select(campaigns.c.id).where(campaigns.c.name == name)).first():
                raise AlreadyExists(f"campaign {name} exists", reason="CAMPAIGN_EXISTS")
            return int(conn.execute(insert(campaigns).values(
                name=name, queue=queue, script=script, package=package, hours_start=start, hours_end=end,
                utc_offset=utc_offset, weekdays=weekdays, max_attempts=max_attempts, retry_spacing=retry_spacing,
                mode=int(mode), pacing_ratio=pacing_ratio, state=int(CampaignState.DRAFT),
                preview_timeout=float(preview_timeout), created_at=now)).inserted_primary_key[0])  # type: ignore[index]
        return self.db.write_sync(tx)

    def get(self, campaign_id: int) -> dict[str, Any]:
        r = self.db.read_sync(lambda c: c.execute(select(campaigns).where(campaigns.c.id == campaign_id)).first())
        if r is None:
            raise NotFound(f"no campaign {campaign_id}", reason="CAMPAIGN_NOT_FOUND")
        return dict(r._mapping)

    def set_state(self, campaign_id: int, state: CampaignState) -> None:
        allowed = {CampaignState.DRAFT: (CampaignState.RUNNING,),
                   CampaignState.RUNNING: (CampaignState.PAUSED, CampaignState.DONE),
                   CampaignState.PAUSED: (CampaignState.RUNNING, CampaignState.DONE), CampaignState.DONE: ()}
        cur = CampaignState(self.get(campaign_id)["state"])
        if state not in allowed[cur]:
            raise FailedPrecondition(f"campaign is {cur.name}: cannot become {state.name}",
                                     reason="ILLEGAL_CAMPAIGN_TRANSITION")
        self.db.write_sync(lambda c: c.execute(update(campaigns).where(campaigns.c.id == campaign_id,
                                                                       campaigns.c.state == int(cur))
                                               .values(state=int(state))))

    def add_dnc(self, number: str, reason: str = "") -> str:
        n = validate.phone(number, "number", local_prefix=self.local_prefix)
        validate.line(reason, "reason", max_len=200)
        now = self.clock()

        def tx(conn: Connection) -> None:
            if conn.execute(select(dnc.c.number).where(dnc.c.number == n)).first() is None:
                conn.execute(insert(dnc).values(number=n, added_at=now, reason=reason))
            conn.execute(update(campaign_targets).where(campaign_targets.c.number == n,
                                                        campaign_targets.c.state == int(TargetState.PENDING))
                         .values(state=int(TargetState.DNC)))
        self.db.write_sync(tx)
        return n

    def _add_targets(self, campaign_id: int, rows: list[dict[str, Any]]) -> dict[str, int]:
        def tx(conn: Connection) -> dict[str, int]:
            if conn.execute(select(campaigns.c.id).where(campaigns.c.id == campaign_id)).first() is None:
                raise NotFound(f"no campaign {campaign_id}", reason="CAMPAIGN_NOT_FOUND")
            blocked = {r[0] for r in conn.execute(select(dnc.c.number).where(dnc.c.number.in_([x["number"] for x in rows])))}
            have = {r[0] for r in conn.execute(select(campaign_targets.c.number)
                                               .where(campaign_targets.c.campaign_id == campaign_id))}
            out = {"added": 0, "dnc": 0, "duplicate": 0}
            new = []
            for r in rows:
                if r["number"] in have:
                    out["duplicate"] += 1
                    continue
                have.add(r["number"])
                st = TargetState.DNC if r["number"] in blocked else TargetState.PENDING
                out["dnc" if st == TargetState.DNC else "added"] += 1
                new.append({**r, "campaign_id": campaign_id, "state": int(st)})
            if new:
                conn.execute(insert(campaign_targets), new)
            return out
        return self.db.write_sync(tx)

    def import_csv(self, campaign_id: int, text: str) -> dict[str, int]:
        """Rows ``number[,name]`` (a header line ``number,...`` is skipped). Any malformed row
        refuses the whole file (InvalidArgument naming the line), nothing written."""
        rows: list[dict[str, Any]] = []
        for i, rec in enumerate(csv.reader(io.StringIO(text)), start=1):
            if not rec or (i == 1 and rec[0].strip().lower() == "number"):
                continue
            try:
                n = validate.phone(rec[0].strip(), "number", local_prefix=self.local_prefix)
            except InvalidArgument:
                raise InvalidArgument("csv", f"line {i}: {rec[0]!r} is not a phone number", line=i) from None
            name = rec[1].strip() if len(rec) > 1 else ""
            if len(name) > 128:
                raise InvalidArgument("csv", f"line {i}: name longer than 128", line=i)
            rows.append({"number": n, "name": name, "subscriber_id": None})
        return self._add_targets(campaign_id, rows)

    def import_query(self, campaign_id: int, *, has: int = 2, lacks: int | None = 3, area: str = "") -> dict[str, int]:
        """Subscribers holding service kind ``has`` (2 digital TV) and not ``lacks`` (3 broadband),
        active, optionally in one area; their first phone number."""
        S2 = subscriber_services.alias("s2")

        def q(conn: Connection) -> list[dict[str, Any]]:
            s = (select(subscribers.c.id, subscribers.c.name, subscriber_phones.c.phone)
                 .join(subscriber_phones, and_(subscriber_phones.c.subscriber_id == subscribers.c.id,
                                               subscriber_phones.c.position == 0))
                 .where(subscribers.c.status == 1,
                        exists().where(subscriber_services.c.subscriber_id == subscribers.c.id,
                                       subscriber_services.c.kind == has)))
            if lacks is not None:
                s = s.where(not_(exists().where(S2.c.subscriber_id == subscribers.c.id, S2.c.kind == lacks)))
            if area:
                s = s.where(subscribers.c.area == area)
            return [{"number": r.phone, "name": r.name, "subscriber_id": r.id}
                    for r in conn.execute(s.order_by(subscribers.c.id))]
        return self._add_targets(campaign_id, self.db.read_sync(q))

    # -- dialing ------------------------------------------------------------------------------
    def _call_id(self, campaign_id: int, target_id: int, attempt: int) -> str:
        return f"cmp{campaign_id}-t{target_id}-a{attempt}"

    def claim_targets(self, campaign_id: int, n: int, *, preview_agent: str = "") -> list[dict[str, Any]]:
        """Up to ``n`` due targets, marked DIALING with an attempt row each, in one transaction;
        never one on the do-not-call list, never one out of attempts. With ``preview_agent`` the
        attempt is a preview held by that agent (not placed until :meth:`accept_preview`)."""
        if n <= 0:
            return []
        now = self.clock()

        def tx(conn: Connection) -> list[dict[str, Any]]:
            c = conn.execute(select(campaigns).where(campaigns.c.id == campaign_id)).one()
            if c.state != CampaignState.RUNNING or not within_hours(dict(c._mapping), now):
                return []
            q = (select(campaign_targets).where(
                campaign_targets.c.campaign_id == campaign_id, campaign_targets.c.state == int(TargetState.PENDING),
                campaign_targets.c.next_at <= now, campaign_targets.c.attempts < c.max_attempts,
                not_(exists().where(dnc.c.number == campaign_targets.c.number)))
                .order_by(campaign_targets.c.next_at, campaign_targets.c.id).limit(n))
            if conn.dialect.name == "postgresql":
                q = q.with_for_update(skip_locked=True)
            out = []
            for t in conn.execute(q).all():
                r = conn.execute(update(campaign_targets).where(campaign_targets.c.id == t.id,
                                                                campaign_targets.c.state == int(TargetState.PENDING))
                                 .values(state=int(TargetState.DIALING), attempts=campaign_targets.c.attempts + 1))
                if r.rowcount != 1:
                    continue
                made = conn.execute(select(func.count()).select_from(campaign_attempts)
                                    .where(campaign_attempts.c.target_id == t.id)).scalar() or 0
                call_id = self._call_id(campaign_id, t.id, int(made) + 1)
                conn.execute(insert(campaign_attempts).values(campaign_id=campaign_id, target_id=t.id,
                                                              call_id=call_id, started_at=now,
                                                              agent_id=preview_agent,
                                                              placed_at=None if preview_agent else now))
                out.append({"target_id": t.id, "number": t.number, "name": t.name, "subscriber_id": t.subscriber_id,
                            "call_id": call_id, "attempt": t.attempts + 1})
            return out
        return self.db.write_sync(tx)

    def is_dnc(self, number: str) -> bool:
        return self.db.read_sync(lambda c: c.execute(select(dnc.c.number).where(dnc.c.number == number)).first()
                                 is not None)

    def _attempt(self, conn: Connection, call_id: str) -> Any:
        a = conn.execute(select(campaign_attempts).where(campaign_attempts.c.call_id == call_id)).first()
        if a is None:
            raise NotFound(f"no campaign call {call_id}", reason="CAMPAIGN_CALL_NOT_FOUND")
        return a

    def call_ended(self, call_id: str, outcome: Outcome, *, agent_id: str = "") -> None:
        """The outcome of a placed call. Not answered (no answer, busy, machine, failed): the
        target is retried after the spacing or, out of attempts, EXHAUSTED. Answered: it waits
        for the agent's result."""
        validate.call_id(call_id, "call_id")
        try:
            outcome = Outcome(outcome)
        except ValueError:
            outcome = None  # type: ignore[assignment]
        if outcome is None or outcome > Outcome.FAILED:
            raise InvalidArgument("outcome", "1 answered, 2 no answer, 3 busy, 4 machine, 5 failed")
        validate.org(agent_id, "agent_id")
        now = self.clock()

        def tx(conn: Connection) -> None:
            a = self._attempt(conn, call_id)
            if a.outcome is not None:
                if a.outcome == outcome:
                    return  # a repeated event
                raise FailedPrecondition(f"call {call_id} already ended", reason="CALL_ALREADY_ENDED")
            conn.execute(update(campaign_attempts).where(campaign_attempts.c.id == a.id)
                         .values(outcome=int(outcome), ended_at=now, agent_id=agent_id))
            if outcome == Outcome.ANSWERED:
                return
            t = conn.execute(select(campaign_targets).where(campaign_targets.c.id == a.target_id)).one()
            c = conn.execute(select(campaigns).where(campaigns.c.id == a.campaign_id)).one()
            st = TargetState.EXHAUSTED if t.attempts >= c.max_attempts else TargetState.PENDING
            conn.execute(update(campaign_targets).where(campaign_targets.c.id == t.id,
                                                        campaign_targets.c.state == int(TargetState.DIALING))
                         .values(state=int(st), next_at=now + c.retry_spacing))
        self.db.write_sync(tx)

    def withdraw(self, call_id: str) -> None:
        """A placed call that never reached anybody (acdcore refused it for a reason that is
        not the customer's): the attempt ends REFUSED, not counted, the target due again at once."""
        validate.call_id(call_id, "call_id")
        now = self.clock()

        def tx(conn: Connection) -> None:
            a = self._attempt(conn, call_id)
            r = conn.execute(update(campaign_attempts).where(campaign_attempts.c.id == a.id,
                                                             campaign_attempts.c.outcome.is_(None))
                             .values(outcome=int(Outcome.REFUSED), ended_at=now))
            if r.rowcount != 1:
                raise FailedPrecondition(f"call {call_id} already ended", reason="CALL_ALREADY_ENDED")
            conn.execute(update(campaign_targets).where(campaign_targets.c.id == a.target_id,
                                                        campaign_targets.c.state == int(TargetState.DIALING))
                         .values(state=int(TargetState.PENDING), attempts=campaign_targets.c.attempts - 1))
        self.db.write_sync(tx)

    # -- the dial-time check (the hook, right before it rings the customer) -------------------
    def begin_call(self, call_id: str, agent_id: str = "") -> dict[str, Any]:
        """The Asterisk hook asks right before it originates the customer's leg of a placed call,
        naming the agent acdcore offered it to (``agent_id``; empty: not said).
        Returns ``{"allowed", "refusal", "number", "campaign_id", "queue"}``. Refused (the
        number went on the do-not-call list, the calling hours ended, the campaign is no longer
        RUNNING, or a previewed call is offered to anybody but the agent who previewed and
        accepted it -- NOT_PREVIEW_AGENT: that agent logged out and acdcore's targeting
        lapsed): the attempt ends REFUSED in the same transaction -- the target goes to DNC, or
        back to PENDING without the attempt counting -- and the hook must not dial. Asking again
        for an allowed call (a second offer after the first agent did not answer) checks again."""
        validate.call_id(call_id, "call_id")
        validate.org(agent_id, "agent_id")
        now = self.clock()

        def tx(conn: Connection) -> dict[str, Any]:
            a = self._attempt(conn, call_id)
            if a.outcome is not None:
                raise FailedPrecondition(f"call {call_id} already ended", reason="CALL_ALREADY_ENDED")
            if a.placed_at is None:
                raise FailedPrecondition(f"call {call_id} is a preview not accepted", reason="CALL_NOT_PLACED")
            t = conn.execute(select(campaign_targets).where(campaign_targets.c.id == a.target_id)).one()
            c = dict(conn.execute(select(campaigns).where(campaigns.c.id == a.campaign_id)).one()._mapping)
            out = {"allowed": True, "refusal": "", "number": t.number, "campaign_id": a.campaign_id,
                   "queue": c["queue"]}
            if conn.execute(select(dnc.c.number).where(dnc.c.number == t.number)).first() is not None:
                out["refusal"], st, back = "DO_NOT_CALL", TargetState.DNC, 0
            elif c["state"] != CampaignState.RUNNING:
                out["refusal"], st, back = "CAMPAIGN_NOT_RUNNING", TargetState.PENDING, 1
            elif not within_hours(c, now):
                out["refusal"], st, back = "OUTSIDE_CALLING_HOURS", TargetState.PENDING, 1
            elif agent_id and a.agent_id and a.agent_id != agent_id:
                # a previewed contact is only ever connected to the agent who saw it: back to
                # the list, for whoever previews it next
                out["refusal"], st, back = "NOT_PREVIEW_AGENT", TargetState.PENDING, 1
            else:
                return out
            out["allowed"] = False
            conn.execute(update(campaign_attempts).where(campaign_attempts.c.id == a.id)
                         .values(outcome=int(Outcome.REFUSED), ended_at=now))
            conn.execute(update(campaign_targets).where(campaign_targets.c.id == t.id,
                                                        campaign_targets.c.state == int(TargetState.DIALING))
                         .values(state=int(st), attempts=campaign_targets.c.attempts - back))
            return out
        return self.db.write_sync(tx)

    # -- preview dialing -----------------------------------------------------------------------
    def expire_previews(self, campaign_id: int | None = None) -> list[str]:
        """End every preview held longer than its campaign's ``preview_timeout`` (0: never):
        the attempt ends PREVIEW_EXPIRED (kept, with its agent, as the audit of who held the
        contact), the target goes back to the list at once and the attempt does not count.
        Returns the call ids expired. Called before every preview decision, by the report and
        by the desk's dialer loop, so an agent who walks away frees the contact whether or not
        anybody else is previewing."""
        now = self.clock()
        A, C, T = campaign_attempts, campaigns, campaign_targets

        def tx(conn: Connection) -> list[str]:
            q = (select(A.c.id, A.c.call_id, A.c.target_id).join(C, C.c.id == A.c.campaign_id)
                 .where(A.c.placed_at.is_(None), A.c.outcome.is_(None), C.c.preview_timeout > 0,
                        A.c.started_at + C.c.preview_timeout <= now))
            if campaign_id is not None:
                q = q.where(A.c.campaign_id == campaign_id)
            out = []
            for a in conn.execute(q).all():
                # conditional: an accept or skip that committed first wins
                r = conn.execute(update(A).where(A.c.id == a.id, A.c.placed_at.is_(None), A.c.outcome.is_(None))
                                 .values(outcome=int(Outcome.PREVIEW_EXPIRED), ended_at=now))
                if r.rowcount != 1:
                    continue
                conn.execute(update(T).where(T.c.id == a.target_id, T.c.state == int(TargetState.DIALING))
                             .values(state=int(TargetState.PENDING), attempts=T.c.attempts - 1))
                out.append(a.call_id)
            return out
        return self.db.write_sync(tx)

    def preview_next(self, campaign_id: int, agent_id: str) -> dict[str, Any] | None:
        """The next due target of a PREVIEW campaign for ``agent_id`` to look at (or None when
        none is due, or outside calling hours). It is held (DIALING) for that agent until it
        accepts (:meth:`accept_preview`, which places the call) or skips it, or until the
        campaign's ``preview_timeout`` has passed since it was first shown (``expires_at``; 0:
        never) -- asking again does not extend it. An agent holds at most one preview: asking
        again returns the one held."""
        validate.org(agent_id, "agent_id", required=True)
        c = self.get(campaign_id)
        if c["mode"] != DialMode.PREVIEW:
            raise FailedPrecondition(f"campaign {campaign_id} is not a preview campaign", reason="NOT_A_PREVIEW_CAMPAIGN")
        if c["state"] != CampaignState.RUNNING:
            raise FailedPrecondition(f"campaign {campaign_id} is not running", reason="CAMPAIGN_NOT_RUNNING")
        self.expire_previews(campaign_id)
        A, T = campaign_attempts, campaign_targets
        held = self.db.read_sync(lambda conn: conn.execute(
            select(A.c.call_id, T.c.id, T.c.number, T.c.name, T.c.subscriber_id, T.c.attempts, A.c.started_at)
            .join(T, T.c.id == A.c.target_id)
            .where(A.c.campaign_id == campaign_id, A.c.agent_id == agent_id, A.c.outcome.is_(None),
                   A.c.placed_at.is_(None))).first())
        if held is not None:
            t = {"call_id": held[0], "target_id": held[1], "number": held[2], "name": held[3],
                 "subscriber_id": held[4], "attempt": held[5]}
            started = float(held[6])
        else:
            started = self.clock()
            got = self.claim_targets(campaign_id, 1, preview_agent=agent_id)
            if not got:
                return None
            t = got[0]
        timeout = float(c["preview_timeout"])
        return {**t, "campaign_id": campaign_id, "script": c["script"], "queue": c["queue"],
                "expires_at": started + timeout if timeout > 0 else 0.0}

    def _held_preview(self, conn: Connection, call_id: str, agent_id: str) -> Any:
        a = self._attempt(conn, call_id)
        if a.outcome == Outcome.PREVIEW_EXPIRED and a.agent_id == agent_id:
            raise FailedPrecondition(f"the preview of call {call_id} expired: the target went back to the list",
                                     reason="PREVIEW_EXPIRED")
        if a.placed_at is not None or a.outcome is not None:
            raise FailedPrecondition(f"call {call_id} is not a preview waiting for a decision",
                                     reason="PREVIEW_NOT_PENDING")
        if a.agent_id != agent_id:
            raise FailedPrecondition(f"call {call_id} is previewed by another agent", reason="PREVIEW_NOT_YOURS")
        return a

    def _decide_preview(self, conn: Connection, a: Any, now: float, **values: Any) -> Any:
        """Record the agent's decision on its held preview ``a``, unless the preview expired
        meanwhile (then PREVIEW_EXPIRED and nothing written). Returns the campaign row."""
        c = conn.execute(select(campaigns).where(campaigns.c.id == a.campaign_id)).one()
        # the expiry sweep may not have run yet: the deadline itself decides
        expired = c.preview_timeout > 0 and a.started_at + c.preview_timeout <= now
        r = None if expired else conn.execute(
            update(campaign_attempts).where(campaign_attempts.c.id == a.id, campaign_attempts.c.placed_at.is_(None),
                                            campaign_attempts.c.outcome.is_(None)).values(**values))
        if r is None or r.rowcount != 1:
            raise FailedPrecondition(f"the preview of call {a.call_id} expired: the target went back to the list",
                                     reason="PREVIEW_EXPIRED")
        return c

    def accept_preview(self, call_id: str, agent_id: str) -> dict[str, Any]:
        """The agent accepts its previewed target: checked once more (do-not-call, hours,
        campaign running -- a refusal ends the attempt REFUSED and is returned with
        ``allowed`` false), then marked placed; the caller (the desk) hands it to acdcore."""
        validate.call_id(call_id, "call_id")
        validate.org(agent_id, "agent_id", required=True)
        self.expire_previews()
        now = self.clock()

        def tx(conn: Connection) -> None:
            a = self._held_preview(conn, call_id, agent_id)
            self._decide_preview(conn, a, now, placed_at=now)
        self.db.write_sync(tx)
        return self.begin_call(call_id)

    def skip_preview(self, call_id: str, agent_id: str) -> None:
        """The agent skips its previewed target: the attempt ends SKIPPED (not counted); the
        target is due again after the campaign's retry spacing."""
        validate.call_id(call_id, "call_id")
        validate.org(agent_id, "agent_id", required=True)
        self.expire_previews()
        now = self.clock()

        def tx(conn: Connection) -> None:
            a = self._held_preview(conn, call_id, agent_id)
            c = self._decide_preview(conn, a, now, outcome=int(Outcome.SKIPPED), ended_at=now)
            conn.execute(update(campaign_targets).where(campaign_targets.c.id == a.target_id,
                                                        campaign_targets.c.state == int(TargetState.DIALING))
                         .values(state=int(TargetState.PENDING), attempts=campaign_targets.c.attempts - 1,
                                 next_at=now + c.retry_spacing))
        self.db.write_sync(tx)

    def record_result(self, call_id: str, agent_id: str, result: Result, *, revenue_cents: int = 0,
                      callback_at: float | None = None) -> None:
        validate.call_id(call_id, "call_id")
        validate.org(agent_id, "agent_id", required=True)
        try:
            result = Result(result)
        except ValueError:
            raise InvalidArgument("result", "1 interested, 2 sale, 3 not interested, 4 call back") from None
        if revenue_cents < 0 or (revenue_cents and result != Result.SALE):
            raise InvalidArgument("revenue_cents", "only a sale has revenue, and it is not negative")
        now = self.clock()
        if result == Result.CALL_BACK:
            if callback_at is None:
                raise InvalidArgument("callback_at", "is required for a call back")
            validate.finite_time(callback_at, "callback_at")
            if callback_at <= now:
                raise InvalidArgument("callback_at", "is in the past")
        elif callback_at is not None:
            raise InvalidArgument("callback_at", "only for a call back")

        def tx(conn: Connection) -> None:
            a = self._attempt(conn, call_id)
            if a.outcome != Outcome.ANSWERED:
                raise FailedPrecondition(f"call {call_id} was not answered", reason="CALL_NOT_ANSWERED")
            if a.result is not None:
                raise FailedPrecondition(f"call {call_id} already has a result", reason="RESULT_ALREADY_RECORDED")
            conn.execute(update(campaign_attempts).where(campaign_attempts.c.id == a.id).values(
                result=int(result), agent_id=agent_id, revenue_cents=revenue_cents, callback_at=callback_at))
            if result == Result.CALL_BACK:
                conn.execute(update(campaign_targets).where(campaign_targets.c.id == a.target_id).values(
                    state=int(TargetState.PENDING), next_at=callback_at, result=int(result),
                    attempts=campaign_targets.c.attempts - 1))  # an agreed call back is not a failed attempt
            else:
                conn.execute(update(campaign_targets).where(campaign_targets.c.id == a.target_id).values(
                    state=int(TargetState.DONE), result=int(result)))
        self.db.write_sync(tx)

    # -- reports ------------------------------------------------------------------------------
    def report(self, campaign_id: int) -> dict[str, Any]:
        self.get(campaign_id)
        self.expire_previews(campaign_id)
        A = campaign_attempts

        def q(conn: Connection) -> dict[str, Any]:
            def count(*conds: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(A).where(A.c.campaign_id == campaign_id,
                                                                                  *conds)).scalar() or 0)
            # placed calls only: not a preview still held or skipped, not one refused at dial time
            attempts = count(A.c.placed_at.is_not(None),
                             or_(A.c.outcome.is_(None), A.c.outcome <= int(Outcome.FAILED)))
            contacts = count(A.c.outcome == int(Outcome.ANSWERED))
            sales = count(A.c.result == int(Result.SALE))
            revenue = int(conn.execute(select(func.coalesce(func.sum(A.c.revenue_cents), 0))
                                       .where(A.c.campaign_id == campaign_id)).scalar() or 0)
            outcomes = {Outcome(o).name.lower(): n for o, n in conn.execute(
                select(A.c.outcome, func.count()).where(A.c.campaign_id == campaign_id, A.c.outcome.is_not(None))
                .group_by(A.c.outcome))}
            agents = []
            for r in conn.execute(select(A.c.agent_id, func.count(), func.sum(A.c.revenue_cents))
                                  .where(A.c.campaign_id == campaign_id, A.c.outcome == int(Outcome.ANSWERED))
                                  .group_by(A.c.agent_id).order_by(A.c.agent_id)):
                s = count(A.c.agent_id == r[0], A.c.result == int(Result.SALE))
                agents.append({"agent_id": r[0], "contacts": r[1], "sales": s,
                               "conversion": s / r[1] if r[1] else 0.0, "revenue_cents": int(r[2] or 0)})
            targets = {TargetState(s).name.lower(): n for s, n in conn.execute(
                select(campaign_targets.c.state, func.count()).where(campaign_targets.c.campaign_id == campaign_id)
                .group_by(campaign_targets.c.state))}
            return {"attempts": attempts, "contacts": contacts, "sales": sales,
                    "previews_expired": count(A.c.outcome == int(Outcome.PREVIEW_EXPIRED)),
                    "conversion": sales / contacts if contacts else 0.0, "revenue_cents": revenue,
                    "outcomes": outcomes, "targets": targets, "agents": agents}
        return self.db.read_sync(q)

    @staticmethod
    def report_csv(rep: dict[str, Any]) -> str:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["agent_id", "contacts", "sales", "conversion", "revenue"])
        for a in rep["agents"]:
            w.writerow([a["agent_id"], a["contacts"], a["sales"], f"{a['conversion']:.3f}", f"{a['revenue_cents'] / 100:.2f}"])
        w.writerow(["TOTAL", rep["contacts"], rep["sales"], f"{rep['conversion']:.3f}", f"{rep['revenue_cents'] / 100:.2f}"])
        return buf.getvalue()

    @staticmethod
    def report_svg(rep: dict[str, Any]) -> str:
        from ..reports.charts import bar_chart

        labels = [a["agent_id"] or "-" for a in rep["agents"]]
        return bar_chart("Campaign results per agent", labels,
                         {"contacts": [a["contacts"] for a in rep["agents"]],
                          "sales": [a["sales"] for a in rep["agents"]]}, y_label="calls")


class Dialer:
    """The campaign dialer's decision loop. ``tick(idle_agents)`` is called whenever the agent
    picture changes (acdcore events) or on a timer; it decides how many calls to place now,
    claims that many targets and hands them to the originator."""

    def __init__(self, svc: CampaignService, campaign_id: int, originator: Originator) -> None:
        self.svc = svc
        self.campaign_id = campaign_id
        self.originator = originator
        self.c = svc.get(campaign_id)
        self.ringing: set[str] = set()
        self.refused: list[str] = []  # numbers stopped by the last-moment compliance check

    @staticmethod
    def calls_to_place(mode: int, ratio: float, idle_agents: int, ringing: int, previews_accepted: int = 0) -> int:
        if idle_agents <= 0:
            return 0
        if mode == DialMode.PREVIEW:
            return max(0, min(previews_accepted, idle_agents) - ringing)
        return max(0, int(math.floor(idle_agents * ratio + 1e-9)) - ringing)

    def tick(self, idle_agents: int, previews_accepted: int = 0) -> list[dict[str, Any]]:
        now = self.svc.clock()
        self.c = self.svc.get(self.campaign_id)
        if self.c["state"] != CampaignState.RUNNING or not within_hours(self.c, now):
            return []
        n = self.calls_to_place(self.c["mode"], self.c["pacing_ratio"], idle_agents, len(self.ringing),
                                previews_accepted)
        placed = []
        for t in self.svc.claim_targets(self.campaign_id, n):
            if self.svc.is_dnc(t["number"]) or not within_hours(self.c, self.svc.clock()):
                self.refused.append(t["number"])
                self.svc.call_ended(t["call_id"], Outcome.FAILED)
                continue
            self.ringing.add(t["call_id"])
            self.originator.originate(t["call_id"], t["number"], self.c["queue"], self.campaign_id)
            placed.append(t)
        return placed

    def on_outcome(self, call_id: str, outcome: Outcome, agent_id: str = "") -> None:
        self.ringing.discard(call_id)
        self.svc.call_ended(call_id, outcome, agent_id=agent_id)


class AcdOriginator:
    """Places campaign calls through acdcore, like the desk's callbacks: EnqueueCall of a
    virtual call in the campaign's queue (NORMAL class) whose attributes mark it
    (``kind=campaign``, ``campaign``, ``number``); the Asterisk hook originates the customer's
    leg when acdcore offers the call to an agent of the queue. ``client`` is a synchronous
    ``acdcore_client.Client`` with the telephony role (the desk's ``acd_calls`` credentials,
    as for callbacks: EnqueueCall is a telephony method)."""

    NORMAL = 1  # acd.v1 PRIORITY_NORMAL
    AVAILABLE = 2  # acd.v1 AGENT_STATE_AVAILABLE

    def __init__(self, client: Any) -> None:
        self.client = client

    def originate(self, call_id: str, number: str, queue: str, campaign_id: int) -> None:
        self.client.enqueue_call(call_id, queue, caller=number, priority=self.NORMAL,
                                 attributes={"kind": "campaign", "campaign": str(campaign_id), "number": number})

    def idle_agents(self, queue: str) -> int:
        """Agents of ``queue`` that are logged in and free (acd.v1 AGENT_STATE_AVAILABLE)."""
        return len(self.client.list_agents(queue, state=self.AVAILABLE).agents)
