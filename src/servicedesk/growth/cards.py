"""Prepaid service cards: batches, PINs stored only as salted scrypt hashes, redemption that is
atomic and single-use under concurrency, brute-force protection, an audit row for every attempt.

Card life: a batch is generated (state PRINTED; the export for the printer is the only place the
PINs ever exist in clear), ACTIVATED for sale when the printed cards reach the shops, FROZEN (e.g.
a shipment is lost: its cards refuse redemption until reactivated) or VOID (for good).

Redemption (IVR: DTMF serial + PIN; or the API), in this order:

1. the input's shape (serial 12 digits with a Luhn check digit, PIN 10 digits, caller number,
   channel): a specific InvalidArgument, the attempt audited, nothing else written;
2. the caller's lockout and rate limit (``RESOURCE_EXHAUSTED`` CALLER_LOCKED / RATE_LIMITED);
3. the card's lockout (CARD_LOCKED); an unknown serial and a wrong PIN give the same answer
   (PERMISSION_DENIED INVALID_CARD_OR_PIN) and take the same time (a dummy hash is verified), so
   serial numbers cannot be enumerated; both count against the caller and the card;
4. the batch (BATCH_NOT_ACTIVE / BATCH_FROZEN / BATCH_VOID) and expiry (CARD_EXPIRED);
5. one transaction: ``UPDATE growth_cards SET state = REDEEMED ... WHERE serial = ? AND state =
   UNUSED`` — of two simultaneous redemptions exactly one updates the row (PostgreSQL re-checks
   the WHERE after the row lock; SQLite serialises writers) and the loser gets
   CARD_ALREADY_REDEEMED — plus, in the same transaction, the credit to the subscriber's balance
   (a value card) or an order in state AUTHORIZED paid by the card (a package card), which the
   saga then entitles through the SMS (and, should that fail, gives the card back).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import os
import re
import secrets
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from sqlalchemy import Connection, and_, case, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from .. import validate
from ..clock import ClockFn, system_clock
from ..db import Database
from ..db.schema import subscriber_phones, subscriber_services, subscribers
from ..errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
)
from .saga import OrderKind, OrderState, Payment, SagaRunner
from .schema import caller_locks, card_attempts, card_batches, cards, entitlements, order_steps, orders, packages


class BatchState(IntEnum):
    PRINTED = 1
    ACTIVE = 2
    FROZEN = 3
    VOID = 4


class CardState(IntEnum):
    UNUSED = 1
    REDEEMED = 2


BATCH_MOVES = {
    BatchState.PRINTED: (BatchState.ACTIVE, BatchState.VOID),
    BatchState.ACTIVE: (BatchState.FROZEN, BatchState.VOID),
    BatchState.FROZEN: (BatchState.ACTIVE, BatchState.VOID),
    BatchState.VOID: (),
}

SERIAL_LEN = 12
PIN_LEN = 10
_DIGITS = re.compile(r"[0-9]+\Z")
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}\Z")


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def valid_serial(serial: str) -> bool:
    return len(serial) == SERIAL_LEN and bool(_DIGITS.match(serial)) and luhn_digit(serial[:-1]) == serial[-1]


@dataclass(frozen=True)
class HashParams:
    """scrypt cost: n=2**14, r=8 (16 MiB, tens of ms a hash) by default."""

    n: int = 1 << 14
    r: int = 8
    p: int = 1


def hash_pin(pin: str, params: HashParams = HashParams()) -> str:
    salt = os.urandom(16)
    h = hashlib.scrypt(pin.encode(), salt=salt, n=params.n, r=params.r, p=params.p, dklen=32,
                       maxmem=256 * params.n * params.r + (1 << 20))
    return f"scrypt${params.n}${params.r}${params.p}${salt.hex()}${h.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, h = stored.split("$")
        if algo != "scrypt":
            return False
        got = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32,
                             maxmem=256 * int(n) * int(r) + (1 << 20))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got.hex(), h)


@dataclass
class Limits:
    card_failures: int = 5          # wrong PINs on one card before it locks
    card_lock: float = 24 * 3600.0
    caller_failures: int = 5        # wrong PINs / unknown serials from one number in the window
    caller_window: float = 15 * 60.0
    caller_lock: float = 30 * 60.0
    rate_attempts: int = 10         # attempts of any kind from one number ...
    rate_window: float = 60.0       # ... per this many seconds


def _ins(conn: Connection, table: Any) -> Any:
    return (postgresql.insert(table) if conn.dialect.name == "postgresql" else sqlite.insert(table))


class CardService:
    def __init__(self, db: Database, runner: SagaRunner | None = None, *, clock: ClockFn = system_clock,
                 params: HashParams = HashParams(), limits: Limits | None = None) -> None:
        self.db = db
        self.runner = runner
        self.clock = clock
        self.params = params
        self.limits = limits or Limits()
        self._dummy = hash_pin("0" * PIN_LEN, params)

    # -- batches ------------------------------------------------------------------------------
    def generate_batch(self, name: str, count: int, *, face_value_cents: int = 0, package: str = "",
                       expires_at: float) -> tuple[int, list[tuple[str, str]]]:
        """Write a PRINTED batch; (batch id, [(serial, PIN)]) — the only time PINs exist in clear."""
        if not _NAME.match(name):
            raise InvalidArgument("name", "1-64 of A-Z a-z 0-9 _ . -")
        if not 1 <= count <= 100_000:
            raise InvalidArgument("count", "1 to 100000 cards")
        if (face_value_cents > 0) == bool(package):
            raise InvalidArgument("face_value_cents", "a card has either a face value or a package")
        if face_value_cents < 0 or face_value_cents > 10_000_00:
            raise InvalidArgument("face_value_cents", "0 to 1,000,000 cents")
        now = self.clock()
        validate.finite_time(expires_at, "expires_at")
        if expires_at <= now:
            raise InvalidArgument("expires_at", "is in the past")
        if package:
            known = self.db.read_sync(lambda c: c.execute(select(packages.c.code).where(
                packages.c.code == package)).first())
            if known is None:
                raise NotFound(f"no package {package}", reason="PACKAGE_NOT_FOUND")
        out: list[tuple[str, str]] = []
        rows: list[dict[str, Any]] = []
        seen: set[str] = set()
        while len(out) < count:
            body = "".join(secrets.choice("0123456789") for _ in range(SERIAL_LEN - 1))
            if body[0] == "0":
                continue
            serial = body + luhn_digit(body)
            if serial in seen:
                continue
            seen.add(serial)
            pin = "".join(secrets.choice("0123456789") for _ in range(PIN_LEN))
            out.append((serial, pin))
            rows.append({"serial": serial, "pin_hash": hash_pin(pin, self.params), "state": int(CardState.UNUSED)})

        def tx(conn: Connection) -> int:
            if conn.execute(select(card_batches.c.id).where(card_batches.c.name == name)).first():
                raise AlreadyExists(f"batch {name} exists", reason="BATCH_EXISTS")
            taken = {r[0] for r in conn.execute(select(cards.c.serial).where(cards.c.serial.in_(list(seen))))}
            if taken:  # astronomically rare: 10^11 serials
                raise AlreadyExists("serial collision, generate again", reason="SERIAL_COLLISION")
            bid = conn.execute(insert(card_batches).values(  # type: ignore[index]
                name=name, face_value_cents=face_value_cents, package=package, expires_at=expires_at,
                state=int(BatchState.PRINTED), count=count, created_at=now, updated_at=now)).inserted_primary_key[0]
            for i in range(0, len(rows), 1000):
                conn.execute(insert(cards), [{**r, "batch_id": bid} for r in rows[i:i + 1000]])
            return int(bid)
        return self.db.write_sync(tx), out

    @staticmethod
    def export_csv(batch: str, cards_out: list[tuple[str, str]], *, face_value_cents: int, package: str,
                   expires: str) -> str:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["batch", "serial", "pin", "face_value", "package", "expires"])
        for serial, pin in cards_out:
            w.writerow([batch, serial, pin, f"{face_value_cents / 100:.2f}" if face_value_cents else "", package,
                        expires])
        return buf.getvalue()

    def set_batch_state(self, name: str, state: BatchState) -> None:
        if not _NAME.match(name):
            raise InvalidArgument("name", "1-64 of A-Z a-z 0-9 _ . -")

        def tx(conn: Connection) -> None:
            r = conn.execute(select(card_batches.c.id, card_batches.c.state).where(card_batches.c.name == name)).first()
            if r is None:
                raise NotFound(f"no batch {name}", reason="BATCH_NOT_FOUND")
            cur = BatchState(r.state)
            if state not in BATCH_MOVES[cur]:
                raise FailedPrecondition(f"batch {name} is {cur.name}: cannot become {state.name}",
                                         reason="ILLEGAL_BATCH_TRANSITION")
            conn.execute(update(card_batches).where(card_batches.c.id == r.id, card_batches.c.state == int(cur))
                         .values(state=int(state), updated_at=self.clock()))
        self.db.write_sync(tx)

    def report(self) -> list[dict[str, Any]]:
        now = self.clock()

        def q(conn: Connection) -> list[dict[str, Any]]:
            out = []
            for b in conn.execute(select(card_batches).order_by(card_batches.c.id)):
                red = conn.execute(select(func.count()).where(cards.c.batch_id == b.id,
                                                              cards.c.state == int(CardState.REDEEMED))).scalar()
                locked = conn.execute(select(func.count()).where(cards.c.batch_id == b.id,
                                                                 cards.c.locked_until > now)).scalar()
                total = int(b._mapping["count"])
                red = int(red or 0)
                out.append({"batch": b.name, "state": BatchState(b.state).name, "cards": total,
                            "redeemed": red, "unused": total - red, "locked": int(locked or 0),
                            "face_value_cents": b.face_value_cents, "package": b.package,
                            "redeemed_value_cents": red * b.face_value_cents, "expires_at": b.expires_at})
            return out
        return self.db.read_sync(q)

    def attempts(self, *, serial: str = "", caller: str = "") -> list[dict[str, Any]]:
        s = select(card_attempts).order_by(card_attempts.c.id)
        if serial:
            s = s.where(card_attempts.c.serial == serial)
        if caller:
            s = s.where(card_attempts.c.caller == caller)
        return self.db.read_sync(lambda c: [dict(r._mapping) for r in c.execute(s)])

    # -- redemption ---------------------------------------------------------------------------
    def _audit(self, serial: str, caller: str, channel: int, outcome: str, detail: str = "",
               subscriber_id: int | None = None, conn: Connection | None = None) -> None:
        row = {"at": self.clock(), "serial": serial[:32], "caller": caller[:32], "channel": channel,
               "outcome": outcome, "detail": detail[:200], "subscriber_id": subscriber_id}
        if conn is not None:
            conn.execute(insert(card_attempts).values(**row))
        else:
            self.db.write_sync(lambda c: c.execute(insert(card_attempts).values(**row)))

    def _fail(self, serial: str, caller: str, channel: int, outcome: str, sid: int | None, *, card: bool) -> None:
        """A wrong PIN or unknown serial: count it against the caller (and the card), audit it."""
        now, L = self.clock(), self.limits

        def tx(conn: Connection) -> None:
            conn.execute(_ins(conn, caller_locks).values(caller=caller, failures=0, window_start=now, locked_until=0)
                         .on_conflict_do_nothing(index_elements=["caller"]))
            fresh = caller_locks.c.window_start < now - L.caller_window
            nf = case((fresh, 1), else_=caller_locks.c.failures + 1)
            conn.execute(update(caller_locks).where(caller_locks.c.caller == caller).values(
                failures=nf, window_start=case((fresh, now), else_=caller_locks.c.window_start),
                locked_until=case((nf >= L.caller_failures, now + L.caller_lock), else_=caller_locks.c.locked_until)))
            detail = ""
            if card:
                nfc = cards.c.failed_pins + 1
                conn.execute(update(cards).where(cards.c.serial == serial).values(
                    failed_pins=nfc, locked_until=case((nfc >= L.card_failures, now + L.card_lock),
                                                       else_=cards.c.locked_until)))
                fp = conn.execute(select(cards.c.failed_pins).where(cards.c.serial == serial)).scalar()
                detail = f"failed_pins={fp}"
            self._audit(serial, caller, channel, outcome, detail, sid, conn)
        self.db.write_sync(tx)

    def _target(self, conn: Connection, account_number: str, caller: str) -> dict[str, Any]:
        if account_number:
            r = conn.execute(select(subscribers).where(subscribers.c.account_number == account_number)).first()
            if r is None:
                raise NotFound(f"no subscriber with account number {account_number}", reason="SUBSCRIBER_NOT_FOUND")
            return dict(r._mapping)
        ids = [x[0] for x in conn.execute(select(subscriber_phones.c.subscriber_id)
                                          .where(subscriber_phones.c.phone == caller).limit(2))]
        if len(ids) != 1:
            raise FailedPrecondition("the caller's number does not identify one subscriber: give the account number",
                                     reason="SUBSCRIBER_AMBIGUOUS" if ids else "SUBSCRIBER_NOT_FOUND")
        return dict(conn.execute(select(subscribers).where(subscribers.c.id == ids[0])).one()._mapping)

    def redeem(self, serial: str, pin: str, *, caller: str, account_number: str = "", smart_card: str = "",
               channel: int = 1) -> dict[str, Any]:
        """Redeem a card for a subscriber (by account number, or the one the caller's number
        belongs to): the new balance, or the order that opens the card's package."""
        now = self.clock()
        raw_serial, raw_caller = str(serial), str(caller)
        try:
            if channel not in (1, 2, 3):
                raise InvalidArgument("channel", "1 IVR, 2 web or 3 agent")
            caller = validate.phone(raw_caller, "caller")
            if not valid_serial(raw_serial):
                raise InvalidArgument("serial", f"a card serial is {SERIAL_LEN} digits with a check digit",
                                      reason="BAD_SERIAL")
            if len(pin) != PIN_LEN or not _DIGITS.match(pin):
                raise InvalidArgument("pin", f"a PIN is {PIN_LEN} digits", reason="BAD_PIN_FORMAT")
            if account_number:
                validate.account_number(account_number)
            if smart_card:
                validate.smart_card(smart_card, "smart_card")
        except InvalidArgument as e:
            self._audit(raw_serial, raw_caller, channel if channel in (1, 2, 3) else 0, "bad_input", str(e))
            raise
        L = self.limits

        def precheck(conn: Connection) -> tuple[dict[str, Any], Any, Any, int]:
            lock = conn.execute(select(caller_locks.c.locked_until).where(caller_locks.c.caller == caller)).scalar()
            if lock and lock > now:
                raise ResourceExhausted(f"too many failed attempts from {caller}; try again later",
                                        reason="CALLER_LOCKED", retry_after=int(lock - now))
            recent = conn.execute(select(func.count()).where(card_attempts.c.caller == caller,
                                                             card_attempts.c.at > now - L.rate_window)).scalar()
            sub = self._target(conn, account_number, caller)
            card = conn.execute(select(cards).where(cards.c.serial == serial)).first()
            batch = (conn.execute(select(card_batches).where(card_batches.c.id == card.batch_id)).first()
                     if card is not None else None)
            return sub, card, batch, int(recent or 0)

        try:
            sub, card, batch, recent = self.db.read_sync(precheck)
        except ResourceExhausted as e:
            self._audit(serial, caller, channel, "caller_locked", e.message)
            raise
        except (NotFound, FailedPrecondition) as e:
            self._audit(serial, caller, channel, "no_subscriber", e.message)
            raise
        sid = int(sub["id"])
        if recent >= L.rate_attempts:
            self._audit(serial, caller, channel, "rate_limited", f"{recent} attempts in {L.rate_window:.0f} s", sid)
            raise ResourceExhausted("too many attempts; try again in a minute", reason="RATE_LIMITED")
        if card is not None and card.locked_until > now:
            self._audit(serial, caller, channel, "card_locked", "", sid)
            raise ResourceExhausted("this card is locked after too many wrong PINs", reason="CARD_LOCKED")
        ok = verify_pin(pin, card.pin_hash if card is not None else self._dummy)
        if card is None or not ok:
            self._fail(serial, caller, channel, "unknown_serial" if card is None else "wrong_pin", sid,
                       card=card is not None)
            raise PermissionDenied("the serial number or the PIN is wrong", reason="INVALID_CARD_OR_PIN")
        assert batch is not None
        if batch.state != BatchState.ACTIVE:
            st = BatchState(batch.state)
            self._audit(serial, caller, channel, "batch_" + st.name.lower(), "", sid)
            raise FailedPrecondition(f"this card is not valid ({st.name.lower()})",
                                     reason={BatchState.PRINTED: "BATCH_NOT_ACTIVE", BatchState.FROZEN: "BATCH_FROZEN",
                                             BatchState.VOID: "BATCH_VOID"}[st])
        if batch.expires_at <= now:
            self._audit(serial, caller, channel, "expired", "", sid)
            raise FailedPrecondition("this card has expired", reason="CARD_EXPIRED")
        if batch.package:
            if not smart_card:
                cards_of = self.db.read_sync(lambda c: [r[0] for r in c.execute(
                    select(subscriber_services.c.smart_card_number).where(
                        subscriber_services.c.subscriber_id == sid,
                        subscriber_services.c.smart_card_number.is_not(None)))])
                if len(cards_of) != 1:
                    self._audit(serial, caller, channel, "bad_input", "smart card needed", sid)
                    raise InvalidArgument("smart_card", "the subscriber has several smart cards (or none): name one")
                smart_card = cards_of[0]

        def tx(conn: Connection) -> dict[str, Any]:
            if batch.package:
                owner = conn.execute(select(subscriber_services.c.subscriber_id).where(
                    subscriber_services.c.smart_card_number == smart_card)).scalar()
                if owner != sid:
                    raise InvalidArgument("smart_card", f"smart card {smart_card} is not the subscriber's")
            r = conn.execute(update(cards).where(and_(cards.c.serial == serial, cards.c.state == int(CardState.UNUSED)))
                             .values(state=int(CardState.REDEEMED), redeemed_at=now, redeemed_by=sid,
                                     redeemed_caller=caller, failed_pins=0))
            if r.rowcount != 1:
                raise FailedPrecondition("this card has already been used", reason="CARD_ALREADY_REDEEMED")
            result: dict[str, Any] = {"serial": serial, "subscriber_id": sid}
            if batch.face_value_cents:
                conn.execute(update(subscribers).where(subscribers.c.id == sid).values(
                    balance_cents=subscribers.c.balance_cents + batch.face_value_cents,
                    version=subscribers.c.version + 1, updated_at=now))
                result["credited_cents"] = batch.face_value_cents
                result["balance_cents"] = conn.execute(select(subscribers.c.balance_cents)
                                                       .where(subscribers.c.id == sid)).scalar()
            else:
                open_ = conn.execute(select(orders.c.id).where(orders.c.smart_card == smart_card,
                                                               orders.c.package == batch.package,
                                                               orders.c.state.in_((1, 2, 3, 5)))).first()
                if open_ is not None:
                    raise FailedPrecondition("an order for this package is in progress", reason="ORDER_IN_PROGRESS")
                if conn.execute(select(entitlements.c.order_id).where(entitlements.c.smart_card == smart_card,
                                                                      entitlements.c.package == batch.package)).first():
                    raise FailedPrecondition(f"card {smart_card} already has {batch.package}", reason="ALREADY_ENTITLED")
                oid = conn.execute(insert(orders).values(  # type: ignore[index]
                    kind=int(OrderKind.ORDER), subscriber_id=sid, smart_card=smart_card, package=batch.package,
                    amount_cents=0, payment=int(Payment.CARD), card_serial=serial, state=int(OrderState.AUTHORIZED),
                    channel=4, created_at=now, updated_at=now, next_at=now)).inserted_primary_key[0]
                conn.execute(insert(order_steps).values(order_id=oid, at=now, step="redeem", phase="ok",
                                                        detail=f"card {serial}"))
                conn.execute(update(cards).where(cards.c.serial == serial).values(order_id=oid))
                result["order_id"] = int(oid)
            self._audit(serial, caller, channel, "redeemed", "", sid, conn)
            return result

        try:
            result = self.db.write_sync(tx)
        except FailedPrecondition as e:
            self._audit(serial, caller, channel, e.reason.lower(), "", sid)
            raise
        except InvalidArgument as e:
            self._audit(serial, caller, channel, "bad_input", str(e), sid)
            raise
        except IntegrityError as e:
            self._audit(serial, caller, channel, "order_in_progress", "", sid)
            raise FailedPrecondition("an order for this package is in progress", reason="ORDER_IN_PROGRESS") from e
        if "order_id" in result and self.runner is not None:
            result["order_state"] = self.runner.run(result["order_id"]).name
        return result
