"""Helpers shared by the growth tests and benchmarks (not fixtures)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import insert

from servicedesk.db import Database, migrate
from servicedesk.db.schema import subscriber_phones, subscriber_services, subscribers
from servicedesk.growth import schema as gschema


def open_db(url: str) -> Database:
    d = Database(url)
    migrate.upgrade(d.engine)
    gschema.create(d.engine)
    return d


def add_subscriber(db: Database, account: str, card: str, *, phone: str = "", balance: int = 0,
                   status: int = 1) -> int:
    now = time.time()

    def tx(conn: Any) -> int:
        sid = conn.execute(insert(subscribers).values(account_number=account, name=f"Sub {account}", area="A1",
                                                      balance_cents=balance, status=status, created_at=now,
                                                      updated_at=now)).inserted_primary_key[0]
        if card:
            conn.execute(insert(subscriber_services).values(subscriber_id=sid, kind=2, smart_card_number=card,
                                                            product="digital", since_at=now))
        if phone:
            conn.execute(insert(subscriber_phones).values(subscriber_id=sid, position=0, phone=phone))
        return int(sid)
    return db.write_sync(tx)
