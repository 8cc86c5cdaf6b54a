"""The order saga: reserve funds → entitle → capture, with compensation.

An order to open a programme package on a smart card is a row in ``growth_orders`` whose state
says how far it got; every external step is journaled in ``growth_order_steps``:

    NEW ──authorize──▶ AUTHORIZED ──entitle──▶ ENTITLED ──capture──▶ COMPLETED
     │ refused            │ refused / gave up      │ refused / gave up
     ▼                    ▼                        ▼
   FAILED ◀── void/refund, de-entitle ── COMPENSATING

Rules that keep an order consistent whatever happens (crash at any point, timeouts, late
answers):

1. A step's ``begin`` is committed to the journal *before* the external call; its result and
   the new state are committed together *after* it. A crash between the two leaves the state
   unchanged, so the step runs again on restart.
2. Every external call carries a deterministic idempotency key ``o<id>:<step>``: running a step
   again is a replay at the remote system, never a second charge or a second entitlement.
3. Compensation names the keys it undoes: ``void`` tombstones the authorisation key and
   ``deentitle`` the entitlement key, so a request that was lost in the network and arrives
   later is refused instead of charging or entitling behind the saga's back. A captured
   payment is refunded.
4. An uncertain answer (timeout, lost connection, transient error) is retried with the same key
   up to ``max_attempts``; a forward step that stays uncertain turns into compensation,
   compensation itself is retried until it is confirmed (an order waits in COMPENSATING, with
   ``next_at``, until the remote systems answer; :meth:`SagaRunner.sweep` picks it up).

Hence: COMPLETED ⇔ captured and entitled; FAILED ⇔ not captured (voided, refunded or never
held) and not entitled. :func:`check_consistency` verifies exactly that against the remote
systems.

Payment by prepaid card (``payment = CARD``): the card is consumed in the same transaction that
creates the order in state AUTHORIZED; capture is a no-op; compensation restores the card.
Cancelling a package (``kind = CANCEL``) is one step: de-entitle (NEW → COMPLETED).

One runner drives an order at a time (an in-process claim); run one saga worker per database.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
import time
from enum import IntEnum
from typing import Any, Callable

from sqlalchemy import Connection, delete, insert, select, update

from ..clock import ClockFn, system_clock
from ..db import Database
from .adapters import BankAdapter, Refused, SmsAdapter, Uncertain
from .schema import card_attempts, cards, entitlements, order_steps, orders

log = logging.getLogger("servicedesk.growth.saga")


class OrderState(IntEnum):
    NEW = 1
    AUTHORIZED = 2
    ENTITLED = 3
    COMPLETED = 4
    COMPENSATING = 5
    FAILED = 6


class OrderKind(IntEnum):
    ORDER = 1
    CANCEL = 2


class Payment(IntEnum):
    BANK = 1
    CARD = 2
    NONE = 3


OPEN_STATES = (OrderState.NEW, OrderState.AUTHORIZED, OrderState.ENTITLED, OrderState.COMPENSATING)
TERMINAL = (OrderState.COMPLETED, OrderState.FAILED)

#: the points at which GROWTH_CRASH_AT (or ``crash_at``) kills the process with SIGKILL, for the
#: crash tests: "<step>:begin" after the begin is journaled, "<step>:called" after the remote
#: system answered and before the answer is journaled
STEPS = ("authorize", "entitle", "capture", "deentitle", "void", "refund", "restore")


def key(order_id: int, step: str) -> str:
    return f"o{order_id}:{step}"


class SagaRunner:
    def __init__(self, db: Database, sms: SmsAdapter, bank: BankAdapter | None, *, clock: ClockFn = system_clock,
                 max_attempts: int = 4, retry_delay: float = 0.05, compensation_retry: float = 5.0,
                 crash_at: str | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.db = db
        self.sms = sms
        self.bank = bank
        self.clock = clock
        self.max_attempts = max_attempts
        self.retry_delay = retry_delay
        self.compensation_retry = compensation_retry
        self.crash_at = crash_at if crash_at is not None else os.environ.get("GROWTH_CRASH_AT") or None
        self.sleep = sleep
        self._claimed: set[int] = set()
        self._claim_lock = threading.Lock()

    # -- journal ------------------------------------------------------------------------------
    def _journal(self, conn: Connection, oid: int, step: str, phase: str, detail: str = "") -> None:
        conn.execute(insert(order_steps).values(order_id=oid, at=self.clock(), step=step, phase=phase,
                                                detail=detail[:2000]))

    def _begin(self, oid: int, step: str, attempt: int) -> None:
        self.db.write_sync(self._journal, oid, step, "begin", json.dumps({"attempt": attempt}))
        self._maybe_crash(f"{step}:begin")

    def _maybe_crash(self, point: str) -> None:
        if self.crash_at == point:
            log.warning("crash point %s: SIGKILL", point)
            os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(10)  # pragma: no cover - the signal arrives first

    def _transition(self, oid: int, frm: OrderState, to: OrderState, step: str, phase: str, detail: str = "",
                    extra: Callable[[Connection, dict[str, Any]], None] | None = None) -> bool:
        now = self.clock()

        def tx(conn: Connection) -> bool:
            values: dict[str, Any] = {"state": int(to), "updated_at": now, "next_at": now, "attempts": 0}
            if to == OrderState.COMPENSATING or to == OrderState.FAILED:
                values["failure"] = detail[:200]
            r = conn.execute(update(orders).where(orders.c.id == oid, orders.c.state == int(frm)).values(**values))
            if r.rowcount != 1:
                return False
            self._journal(conn, oid, step, phase, detail)
            self._journal(conn, oid, "state", "state", f"{frm.name}->{to.name}")
            if extra is not None:
                row = dict(conn.execute(select(orders).where(orders.c.id == oid)).one()._mapping)
                extra(conn, row)
            return True

        return self.db.write_sync(tx)

    # -- driving ------------------------------------------------------------------------------
    def load(self, oid: int) -> dict[str, Any] | None:
        def q(conn: Connection) -> dict[str, Any] | None:
            r = conn.execute(select(orders).where(orders.c.id == oid)).first()
            return dict(r._mapping) if r else None
        return self.db.read_sync(q)

    def run(self, oid: int) -> OrderState:
        """Drive order ``oid`` as far as it goes now; its state afterwards."""
        with self._claim_lock:
            if oid in self._claimed:
                row = self.load(oid)
                return OrderState(row["state"]) if row else OrderState.FAILED
            self._claimed.add(oid)
        try:
            while True:
                row = self.load(oid)
                if row is None:
                    raise KeyError(oid)
                st = OrderState(row["state"])
                if st in TERMINAL:
                    return st
                if not self._step(row, st):
                    return OrderState(self.load(oid)["state"])  # type: ignore[index]
        finally:
            with self._claim_lock:
                self._claimed.discard(oid)

    def _attempt(self, oid: int, step: str, fn: Callable[[], Any], *, journal: bool = False) -> tuple[str, Any]:
        """Run one external call with retries: ("ok", result) | ("refused", Refused) | ("unknown", exc).
        ``journal``: write the outcome too (compensation steps; a forward step's outcome is written
        with its state transition)."""
        out, res = self._attempt_inner(oid, step, fn)
        if journal and out != "unknown":
            self.db.write_sync(self._journal, oid, step, out, "" if out == "ok" else str(res))
        return out, res

    def _attempt_inner(self, oid: int, step: str, fn: Callable[[], Any]) -> tuple[str, Any]:
        last: Exception | None = None
        for attempt in range(1, self.max_attempts + 1):
            self._begin(oid, step, attempt)
            try:
                res = fn()
            except Refused as e:
                self._maybe_crash(f"{step}:called")
                return "refused", e
            except Uncertain as e:
                last = e
                self.db.write_sync(self._journal, oid, step, "unknown", str(e))
                if attempt < self.max_attempts:
                    self.sleep(self.retry_delay * attempt)
                continue
            self._maybe_crash(f"{step}:called")
            return "ok", res
        return "unknown", last

    def _step(self, row: dict[str, Any], st: OrderState) -> bool:
        """One transition; False if the order has to wait (compensation not confirmed yet)."""
        oid = int(row["id"])
        if row["kind"] == OrderKind.CANCEL:
            return self._step_cancel(row, st)
        if st == OrderState.NEW:
            if row["payment"] != Payment.BANK or self.bank is None:
                self._transition(oid, st, OrderState.FAILED, "authorize", "refused", "no payment method")
                return True
            bank = self.bank
            out, res = self._attempt(oid, "authorize", lambda: bank.authorize(row["bank_account"], row["amount_cents"],
                                                                              key=key(oid, "authorize")))
            if out == "ok":
                self._transition(oid, st, OrderState.AUTHORIZED, "authorize", "ok")
            elif out == "refused":
                self._transition(oid, st, OrderState.FAILED, "authorize", "refused", f"payment refused: {res.code}")
            else:  # we do not know whether money is held: void it (tombstones the key)
                self._transition(oid, st, OrderState.COMPENSATING, "authorize", "unknown",
                                 "bank did not answer the authorisation")
            return True
        if st == OrderState.AUTHORIZED:
            out, res = self._attempt(oid, "entitle", lambda: self.sms.entitle(row["smart_card"], row["package"],
                                                                             key=key(oid, "entitle")))
            if out == "ok":
                self._transition(oid, st, OrderState.ENTITLED, "entitle", "ok")
            else:
                self._transition(oid, st, OrderState.COMPENSATING, "entitle", out,
                                 f"entitlement refused: {res.code}" if out == "refused"
                                 else "the SMS did not answer the entitlement")
            return True
        if st == OrderState.ENTITLED:
            if row["payment"] == Payment.BANK:
                cbank = self.bank
                assert cbank is not None
                out, res = self._attempt(oid, "capture", lambda: cbank.capture(key(oid, "authorize"),
                                                                              key=key(oid, "capture")))
            else:
                out, res = "ok", None
            if out == "ok":
                self._transition(oid, st, OrderState.COMPLETED, "capture", "ok", extra=self._entitle_row)
            else:
                self._transition(oid, st, OrderState.COMPENSATING, "capture", out,
                                 f"capture refused: {res.code}" if out == "refused" else "bank did not answer the capture")
            return True
        if st == OrderState.COMPENSATING:
            return self._compensate(row)
        return True

    def _entitle_row(self, conn: Connection, row: dict[str, Any]) -> None:
        conn.execute(delete(entitlements).where(entitlements.c.smart_card == row["smart_card"],
                                                entitlements.c.package == row["package"]))
        conn.execute(insert(entitlements).values(smart_card=row["smart_card"], package=row["package"],
                                                 subscriber_id=row["subscriber_id"], order_id=row["id"],
                                                 since_at=self.clock()))

    def _compensate(self, row: dict[str, Any]) -> bool:
        oid = int(row["id"])
        # 1. undo the entitlement (and tombstone its key against a late arrival)
        out, res = self._attempt(oid, "deentitle", lambda: self.sms.deentitle(
            row["smart_card"], row["package"], key=key(oid, "deentitle"), cancels=key(oid, "entitle")), journal=True)
        if out != "ok":
            return self._wait(oid, f"de-entitlement not confirmed: {res}")
        # 2. give the money back
        if row["payment"] == Payment.BANK and self.bank is not None:
            bank = self.bank
            out, res = self._attempt(oid, "void", lambda: bank.void(key(oid, "authorize"), key=key(oid, "void")),
                                     journal=True)
            if out == "refused" and res.code == "ALREADY_CAPTURED":
                out, res = self._attempt(oid, "refund", lambda: bank.refund(key(oid, "authorize"),
                                                                            key=key(oid, "refund")),
                                            journal=True)
            if out != "ok":
                return self._wait(oid, f"release of the payment not confirmed: {res}")
        elif row["payment"] == Payment.CARD:
            self.db.write_sync(self._journal, oid, "restore", "begin")
            self._maybe_crash("restore:begin")
        self._transition(oid, OrderState.COMPENSATING, OrderState.FAILED, "compensate", "ok",
                         row["failure"] or "compensated", extra=self._restore_card)
        return True

    def _restore_card(self, conn: Connection, row: dict[str, Any]) -> None:
        if row["payment"] != Payment.CARD:
            return
        r = conn.execute(update(cards).where(cards.c.order_id == row["id"], cards.c.state == 2)
                         .values(state=1, redeemed_at=None, redeemed_by=None, redeemed_caller="", order_id=None))
        if r.rowcount:
            conn.execute(insert(card_attempts).values(at=self.clock(), serial=row["card_serial"], caller="",
                                                      subscriber_id=row["subscriber_id"], channel=4,
                                                      outcome="restored", detail=f"order {row['id']} failed"))

    def _wait(self, oid: int, why: str) -> bool:
        now = self.clock()

        def tx(conn: Connection) -> None:
            conn.execute(update(orders).where(orders.c.id == oid)
                         .values(next_at=now + self.compensation_retry, attempts=orders.c.attempts + 1, updated_at=now))
            self._journal(conn, oid, "compensate", "unknown", why)
        self.db.write_sync(tx)
        return False

    def _step_cancel(self, row: dict[str, Any], st: OrderState) -> bool:
        oid = int(row["id"])
        if st != OrderState.NEW:  # pragma: no cover - a cancel has no other open state
            self._transition(oid, st, OrderState.FAILED, "deentitle", "refused", "bad state")
            return True
        out, res = self._attempt(oid, "deentitle", lambda: self.sms.deentitle(row["smart_card"], row["package"],
                                                                             key=key(oid, "deentitle")))
        if out == "ok":
            def drop(conn: Connection, r: dict[str, Any]) -> None:
                conn.execute(delete(entitlements).where(entitlements.c.smart_card == r["smart_card"],
                                                        entitlements.c.package == r["package"]))
            self._transition(oid, st, OrderState.COMPLETED, "deentitle", "ok", extra=drop)
            return True
        if out == "refused":
            self._transition(oid, st, OrderState.FAILED, "deentitle", "refused", f"SMS refused: {res.code}")
            return True
        return self._wait(oid, f"de-entitlement not confirmed: {res}")

    def recover(self) -> dict[int, OrderState]:
        """Drive every unfinished order (at start-up, after a crash)."""
        return self.sweep(due_only=False)

    def sweep(self, *, due_only: bool = True) -> dict[int, OrderState]:
        now = self.clock()

        def q(conn: Connection) -> list[int]:
            s = select(orders.c.id).where(orders.c.state.in_([int(x) for x in OPEN_STATES]))
            if due_only:
                s = s.where(orders.c.next_at <= now)
            return [r[0] for r in conn.execute(s.order_by(orders.c.id))]
        return {oid: self.run(oid) for oid in self.db.read_sync(q)}


def check_consistency(db: Database, sms: SmsAdapter, bank: BankAdapter | None) -> list[str]:
    """Every finished order against the remote systems; the list of violations (empty: consistent)."""
    def q(conn: Connection) -> list[dict[str, Any]]:
        return [dict(r._mapping) for r in conn.execute(select(orders).order_by(orders.c.id))]
    bad: list[str] = []
    rows = db.read_sync(q)
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        if r["state"] in TERMINAL:
            latest[(r["smart_card"], r["package"])] = r
    for r in rows:
        oid, st = r["id"], OrderState(r["state"])
        if st not in TERMINAL:
            bad.append(f"order {oid} unfinished ({st.name})")
            continue
        if r["kind"] == OrderKind.CANCEL:
            continue
        if r["payment"] == Payment.BANK and bank is not None:
            pay = bank.status(key(oid, "authorize"))
            paid = pay == "captured"
            if st == OrderState.COMPLETED and not paid:
                bad.append(f"order {oid} completed but payment is {pay}")
            if st == OrderState.FAILED and pay in ("captured", "held"):
                bad.append(f"order {oid} failed but payment is {pay}")
        if latest.get((r["smart_card"], r["package"])) is r:
            held = r["package"] in sms.entitlements(r["smart_card"])
            if st == OrderState.COMPLETED and not held:
                bad.append(f"order {oid} completed but card {r['smart_card']} lacks {r['package']}")
            if st == OrderState.FAILED and held:
                bad.append(f"order {oid} failed but card {r['smart_card']} has {r['package']}")
    return bad
