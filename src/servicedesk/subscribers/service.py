"""Subscribers: validation and rules; the SQL is in repo.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from .. import validate as v
from ..enums import ServiceKind, SubscriberStatus
from ..errors import AlreadyExists, Conflict, InvalidArgument, NotFound
from . import repo


@dataclass
class ServiceIn:
    kind: int
    smart_card_number: str = ""
    product: str = ""
    since: float | None = None


@dataclass
class SubscriberIn:
    account_number: str
    name: str
    phone_numbers: list[str]
    address: str = ""
    area: str = ""
    services: list[ServiceIn] = field(default_factory=list)
    balance_cents: int = 0
    status: int = 0


def check(s: SubscriberIn, prefix: str, local_prefix: str) -> tuple[dict[str, Any], list[str], list[dict[str, Any]]]:
    """Validate a whole record; return (row, phones, services) ready to store."""
    v.account_number(s.account_number, f"{prefix}.account_number")
    v.line(s.name, f"{prefix}.name", min_len=1, max_len=128)
    if not s.name.strip():
        raise InvalidArgument(f"{prefix}.name", "must not be blank")
    v.line(s.address, f"{prefix}.address", max_len=256)
    v.area(s.area, f"{prefix}.area")
    if not s.phone_numbers:
        raise InvalidArgument(f"{prefix}.phone_numbers", "at least one phone number is required")
    if len(s.phone_numbers) > 8:
        raise InvalidArgument(f"{prefix}.phone_numbers", "at most 8 phone numbers")
    phones: list[str] = []
    for i, p in enumerate(s.phone_numbers):
        n = v.phone(p, f"{prefix}.phone_numbers[{i}]", local_prefix=local_prefix)
        if n in phones:
            raise InvalidArgument(f"{prefix}.phone_numbers[{i}]", f"{p!r} is listed twice")
        phones.append(n)
    if len(s.services) > 16:
        raise InvalidArgument(f"{prefix}.services", "at most 16 services")
    services = []
    cards: set[str] = set()
    for i, sv in enumerate(s.services):
        f = f"{prefix}.services[{i}]"
        kind = v.enum(sv.kind, ServiceKind, f"{f}.kind")
        card = sv.smart_card_number
        if kind == ServiceKind.DIGITAL_TV:
            v.smart_card(card, f"{f}.smart_card_number")
            if card in cards:
                raise InvalidArgument(f"{f}.smart_card_number", f"{card} is listed twice")
            cards.add(card)
        elif card:
            raise InvalidArgument(f"{f}.smart_card_number", "only a DIGITAL_TV service has a smart card")
        v.line(sv.product, f"{f}.product", max_len=64)
        if sv.since is not None:
            v.finite_time(sv.since, f"{f}.since_time")
        services.append({"kind": int(kind), "smart_card_number": card or None, "product": sv.product,
                         "since_at": sv.since})
    if not (-10**12 <= s.balance_cents <= 10**12):
        raise InvalidArgument(f"{prefix}.balance_cents", "is out of range")
    status = v.enum(s.status, SubscriberStatus, f"{prefix}.status", required=False) or SubscriberStatus.ACTIVE
    row = {"account_number": s.account_number, "name": s.name, "address": s.address, "area": s.area,
           "balance_cents": s.balance_cents, "status": int(status)}
    return row, phones, services


def _cards_free(conn: Connection, services: list[dict[str, Any]], prefix: str, own_id: int | None) -> None:
    for i, sv in enumerate(services):
        if sv["smart_card_number"]:
            owner = repo.card_owner(conn, sv["smart_card_number"])
            if owner is not None and owner != own_id:
                raise AlreadyExists(f"smart card {sv['smart_card_number']} belongs to subscriber {owner}",
                                    reason="SMART_CARD_EXISTS", field=f"{prefix}.services[{i}].smart_card_number")


def create(conn: Connection, s: SubscriberIn, now: float, local_prefix: str) -> dict[str, Any]:
    row, phones, services = check(s, "subscriber", local_prefix)
    if repo.id_by_account(conn, s.account_number) is not None:
        raise AlreadyExists(f"account {s.account_number} exists", reason="ACCOUNT_EXISTS",
                            field="subscriber.account_number")
    _cards_free(conn, services, "subscriber", None)
    for sv in services:
        if sv["since_at"] is None:
            sv["since_at"] = now
    sid = repo.insert_subscriber(conn, {**row, "created_at": now, "updated_at": now, "version": 1}, phones, services)
    return repo.load_many(conn, [sid])[0]


def update(conn: Connection, sid: int, version: int, s: SubscriberIn, now: float, local_prefix: str) -> dict[str, Any]:
    if sid <= 0:
        raise InvalidArgument("subscriber.subscriber_id", "is required")
    if version <= 0:
        raise InvalidArgument("subscriber.version", "is required (the version read)")
    row, phones, services = check(s, "subscriber", local_prefix)
    current = repo.version_of(conn, sid)
    if current is None:
        raise NotFound(f"subscriber {sid} does not exist", reason="SUBSCRIBER_NOT_FOUND")
    if current != version:
        raise Conflict(f"subscriber {sid} changed: version {current}, not {version}; read it again",
                       reason="SUBSCRIBER_CONFLICT", expected_version=version, actual_version=current)
    other = repo.id_by_account(conn, s.account_number)
    if other is not None and other != sid:
        raise AlreadyExists(f"account {s.account_number} belongs to subscriber {other}", reason="ACCOUNT_EXISTS",
                            field="subscriber.account_number")
    _cards_free(conn, services, "subscriber", sid)
    for sv in services:
        if sv["since_at"] is None:
            sv["since_at"] = now
    if not repo.replace(conn, sid, version, {**row, "updated_at": now}, phones, services):
        raise Conflict(f"subscriber {sid} changed meanwhile; read it again", reason="SUBSCRIBER_CONFLICT",
                       expected_version=version)
    return repo.load_many(conn, [sid])[0]


def get(conn: Connection, sid: int = 0, account: str = "") -> dict[str, Any]:
    if bool(sid) == bool(account):
        raise InvalidArgument("subscriber_id", "give exactly one of subscriber_id and account_number")
    if account:
        v.account_number(account)
        found = repo.id_by_account(conn, account)
        if found is None:
            raise NotFound(f"no subscriber has account {account}", reason="SUBSCRIBER_NOT_FOUND")
        sid = found
    rows = repo.load_many(conn, [sid])
    if not rows:
        raise NotFound(f"subscriber {sid} does not exist", reason="SUBSCRIBER_NOT_FOUND")
    return rows[0]


def search(conn: Connection, *, phone: str = "", account: str = "", area: str = "", name_prefix: str = "",
           page_size: int = 0, after_id: int = 0, local_prefix: str = "") -> tuple[list[dict[str, Any]], int]:
    if not (phone or account or area or name_prefix):
        raise InvalidArgument("phone_number", "give at least one of phone_number, account_number, area, name_prefix")
    if phone:
        phone = v.phone(phone, "phone_number", local_prefix=local_prefix)
    if account:
        v.account_number(account)
    if area:
        v.area(area)
    if name_prefix:
        v.line(name_prefix, "name_prefix", min_len=1, max_len=128)
    limit = v.page_size(page_size)
    ids = repo.search(conn, phone=phone, account=account, area=area, name_prefix=name_prefix, after_id=after_id,
                      limit=limit + 1)
    more = len(ids) > limit
    ids = ids[:limit]
    return repo.load_many(conn, ids), (ids[-1] if more else 0)
