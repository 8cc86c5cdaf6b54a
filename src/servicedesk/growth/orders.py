"""Self-service: balance and fee query (with the amount as the IVR speaks it), the list of
value-added packages, order a package (paid by bank debit), cancel a package, order status.

Every call validates all of its input first and raises a specific error naming the field
(InvalidArgument, NotFound, FailedPrecondition, AlreadyExists) with nothing written; an order
that passes is written (state NEW, journaled) and handed to the saga.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from .. import validate
from ..clock import ClockFn, system_clock
from ..db import Database
from ..db.schema import subscriber_phones, subscriber_services, subscribers
from ..errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from .saga import OPEN_STATES, OrderKind, OrderState, Payment, SagaRunner
from .schema import entitlements, order_steps, orders, packages

_BANK = re.compile(r"[0-9]{6,24}\Z")
_PKG = re.compile(r"[A-Z0-9-]{1,32}\Z")
_REQ = re.compile(r"[A-Za-z0-9_.:-]{1,64}\Z")

DEFAULT_PACKAGES = (("HD-BASIC", "HD basic", 1500), ("SPORTS", "Sports", 3000), ("MOVIES", "Movies", 2500),
                    ("KIDS", "Kids", 1000), ("DRAMA", "Drama", 1200), ("NEWS-PLUS", "News plus", 800))

_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _words(n: int) -> list[str]:
    """An integer as the words the IVR plays (digit prompts, Chinese reading: 万 千 百 十)."""
    if n == 0:
        return ["zero"]
    out: list[str] = []
    if n >= 10000:
        out += _words(n // 10000) + ["ten-thousand"]
        n %= 10000
        if 0 < n < 1000:
            out.append("zero")
    for unit, name in ((1000, "thousand"), (100, "hundred"), (10, "ten")):
        d, n = divmod(n, unit)
        if d:
            out += [_ONES[d], name]
        elif out and out[-1] != "zero" and n:
            out.append("zero")
    if n:
        out.append(_ONES[n])
    return out


def spoken_amount(cents: int) -> list[str]:
    """The prompt sequence for an amount: ["minus"?] <yuan words> "yuan" [<jiao> "jiao"] [<fen> "fen"]."""
    out = ["minus"] if cents < 0 else []
    cents = abs(int(cents))
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    out += _words(yuan) + ["yuan"]
    if jiao:
        out += [_ONES[jiao], "jiao"]
    if fen:
        out += [_ONES[fen], "fen"]
    return out


class SelfService:
    def __init__(self, db: Database, runner: SagaRunner, *, clock: ClockFn = system_clock) -> None:
        self.db = db
        self.runner = runner
        self.clock = clock

    # -- catalog and balance ------------------------------------------------------------------
    def seed_packages(self, items: tuple[tuple[str, str, int], ...] = DEFAULT_PACKAGES) -> None:
        def tx(conn: Connection) -> None:
            have = {r[0] for r in conn.execute(select(packages.c.code))}
            rows = [{"code": c, "name": n, "price_cents": p} for c, n, p in items if c not in have]
            if rows:
                conn.execute(insert(packages), rows)
        self.db.write_sync(tx)

    def packages(self) -> list[dict[str, Any]]:
        return self.db.read_sync(lambda c: [dict(r._mapping) for r in c.execute(
            select(packages).where(packages.c.active == 1).order_by(packages.c.code))])

    def _subscriber(self, conn: Connection, account: str) -> dict[str, Any]:
        r = conn.execute(select(subscribers).where(subscribers.c.account_number == account)).first()
        if r is None:
            raise NotFound(f"no subscriber with account number {account}", reason="SUBSCRIBER_NOT_FOUND",
                           account_number=account)
        return dict(r._mapping)

    def balance(self, account_number: str, *, caller: str = "") -> dict[str, Any]:
        """By account number, or (empty) by the caller's number, which must identify one subscriber."""
        if account_number or not caller:
            validate.account_number(account_number)
        else:
            caller = validate.phone(caller, "caller")

        def q(conn: Connection) -> dict[str, Any]:
            if account_number:
                s = self._subscriber(conn, account_number)
            else:
                ids = [r[0] for r in conn.execute(select(subscriber_phones.c.subscriber_id)
                                                  .where(subscriber_phones.c.phone == caller).limit(2))]
                if len(ids) != 1:
                    raise FailedPrecondition("the caller's number does not identify one subscriber",
                                             reason="SUBSCRIBER_AMBIGUOUS" if ids else "SUBSCRIBER_NOT_FOUND")
                s = dict(conn.execute(select(subscribers).where(subscribers.c.id == ids[0])).one()._mapping)
            held = [dict(r._mapping) for r in conn.execute(
                select(entitlements.c.package, entitlements.c.smart_card, packages.c.price_cents)
                .join(packages, packages.c.code == entitlements.c.package)
                .where(entitlements.c.subscriber_id == s["id"]).order_by(entitlements.c.package))]
            monthly = sum(h["price_cents"] for h in held)
            return {"account_number": s["account_number"], "balance_cents": s["balance_cents"],
                    "monthly_fee_cents": monthly, "packages": held,
                    "spoken_balance": spoken_amount(s["balance_cents"]),
                    "spoken_monthly_fee": spoken_amount(monthly)}
        return self.db.read_sync(q)

    # -- orders -------------------------------------------------------------------------------
    def _check(self, conn: Connection, account: str, card: str, package: str) -> tuple[dict[str, Any], dict[str, Any]]:
        sub = self._subscriber(conn, account)
        if sub["status"] != 1:
            raise FailedPrecondition(f"subscriber {account} is not active", reason="SUBSCRIBER_NOT_ACTIVE")
        owner = conn.execute(select(subscriber_services.c.subscriber_id)
                             .where(subscriber_services.c.smart_card_number == card)).scalar()
        if owner != sub["id"]:
            raise InvalidArgument("smart_card", f"smart card {card} does not belong to account {account}",
                                  reason="CARD_NOT_OWNED")
        pkg = conn.execute(select(packages).where(packages.c.code == package, packages.c.active == 1)).first()
        if pkg is None:
            raise NotFound(f"no package {package}", reason="PACKAGE_NOT_FOUND", package=package)
        return sub, dict(pkg._mapping)

    def _validate(self, account_number: str, smart_card: str, package: str, request_id: str) -> None:
        validate.account_number(account_number)
        validate.smart_card(smart_card, "smart_card")
        if not _PKG.match(package):
            raise InvalidArgument("package", f"{package!r} is not a package code (1-32 of A-Z 0-9 -)")
        if request_id and not _REQ.match(request_id):
            raise InvalidArgument("request_id", "1-64 of A-Z a-z 0-9 _ . : -")

    def _insert(self, conn: Connection, row: dict[str, Any]) -> int:
        now = self.clock()
        if row.get("request_id"):
            old = conn.execute(select(orders.c.id, orders.c.kind, orders.c.smart_card, orders.c.package)
                               .where(orders.c.request_id == row["request_id"])).first()
            if old is not None:
                if (old.kind, old.smart_card, old.package) != (row["kind"], row["smart_card"], row["package"]):
                    raise AlreadyExists("request_id was used for another order", reason="REQUEST_ID_REUSED")
                return int(old.id)
        openq = select(orders.c.id).where(orders.c.smart_card == row["smart_card"], orders.c.package == row["package"],
                                          orders.c.state.in_([int(s) for s in OPEN_STATES]))
        if conn.execute(openq).first() is not None:
            raise FailedPrecondition(f"an order for {row['package']} on card {row['smart_card']} is in progress",
                                     reason="ORDER_IN_PROGRESS")
        oid = conn.execute(insert(orders).values(**row, state=int(row.pop("state", OrderState.NEW)), created_at=now,
                                                 updated_at=now, next_at=now)).inserted_primary_key[0]  # type: ignore[index]
        conn.execute(insert(order_steps).values(order_id=oid, at=now, step="state", phase="state", detail="created"))
        return int(oid)

    def place_order(self, account_number: str, smart_card: str, package: str, bank_account: str, *,
                    channel: int = 1, request_id: str = "") -> int:
        """Validate and write a NEW order (nothing is charged yet); its id."""
        self._validate(account_number, smart_card, package, request_id)
        if not _BANK.match(bank_account):
            raise InvalidArgument("bank_account", f"{bank_account!r} is not a bank account (6-24 digits)")
        if channel not in (1, 2, 3):
            raise InvalidArgument("channel", "1 IVR, 2 web or 3 agent")

        def tx(conn: Connection) -> int:
            sub, pkg = self._check(conn, account_number, smart_card, package)
            held = conn.execute(select(entitlements.c.order_id).where(entitlements.c.smart_card == smart_card,
                                                                      entitlements.c.package == package)).first()
            if held is not None:
                raise FailedPrecondition(f"card {smart_card} already has {package}", reason="ALREADY_ENTITLED")
            return self._insert(conn, {"kind": int(OrderKind.ORDER), "subscriber_id": sub["id"],
                                       "smart_card": smart_card, "package": package,
                                       "amount_cents": pkg["price_cents"], "payment": int(Payment.BANK),
                                       "bank_account": bank_account, "channel": channel,
                                       "request_id": request_id or None})
        try:
            return self.db.write_sync(tx)
        except IntegrityError as e:  # the partial unique index: a concurrent order won
            raise FailedPrecondition("an order for this package and card is in progress",
                                     reason="ORDER_IN_PROGRESS") from e

    def order_package(self, account_number: str, smart_card: str, package: str, bank_account: str, *,
                      channel: int = 1, request_id: str = "") -> dict[str, Any]:
        oid = self.place_order(account_number, smart_card, package, bank_account, channel=channel,
                               request_id=request_id)
        self.runner.run(oid)
        return self.order(oid)

    def cancel_package(self, account_number: str, smart_card: str, package: str, *, channel: int = 1,
                       request_id: str = "") -> dict[str, Any]:
        self._validate(account_number, smart_card, package, request_id)
        if channel not in (1, 2, 3):
            raise InvalidArgument("channel", "1 IVR, 2 web or 3 agent")

        def tx(conn: Connection) -> int:
            sub, _pkg = self._check(conn, account_number, smart_card, package)
            held = conn.execute(select(entitlements.c.order_id).where(entitlements.c.smart_card == smart_card,
                                                                      entitlements.c.package == package)).first()
            if held is None:
                raise FailedPrecondition(f"card {smart_card} does not have {package}", reason="NOT_ENTITLED")
            return self._insert(conn, {"kind": int(OrderKind.CANCEL), "subscriber_id": sub["id"],
                                       "smart_card": smart_card, "package": package, "amount_cents": 0,
                                       "payment": int(Payment.NONE), "channel": channel,
                                       "request_id": request_id or None})
        try:
            oid = self.db.write_sync(tx)
        except IntegrityError as e:
            raise FailedPrecondition("an order for this package and card is in progress",
                                     reason="ORDER_IN_PROGRESS") from e
        self.runner.run(oid)
        return self.order(oid)

    def order(self, order_id: int) -> dict[str, Any]:
        if order_id <= 0:
            raise InvalidArgument("order_id", "is required")

        def q(conn: Connection) -> dict[str, Any]:
            r = conn.execute(select(orders).where(orders.c.id == order_id)).first()
            if r is None:
                raise NotFound(f"no order {order_id}", reason="ORDER_NOT_FOUND")
            d = dict(r._mapping)
            d["state_name"] = OrderState(d["state"]).name
            d["steps"] = [dict(s._mapping) for s in conn.execute(
                select(order_steps).where(order_steps.c.order_id == order_id).order_by(order_steps.c.id))]
            return d
        return self.db.read_sync(q)
