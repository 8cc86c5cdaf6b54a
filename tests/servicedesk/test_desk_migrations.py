"""The Alembic migrations create exactly the schema of db/schema.py, on SQLite and PostgreSQL;
upgrading twice is a no-op; downgrading to nothing and upgrading again works; the append-only
trigger of ticket_history exists on both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from servicedesk.db import migrate
from servicedesk.db.engine import normalise_url
from servicedesk.db.schema import metadata


def test_migrations_match_the_schema(db_url) -> None:  # type: ignore[no-untyped-def]
    eng = create_engine(normalise_url(db_url))
    try:
        assert migrate.current(eng) is None
        rev = migrate.upgrade(eng)
        assert rev == migrate.head()
        assert migrate.diff(eng) == []
        assert set(inspect(eng).get_table_names()) == {t.name for t in metadata.sorted_tables} | {"alembic_version"}
        assert migrate.upgrade(eng) == rev  # idempotent
        with eng.begin() as c:
            c.execute(text("INSERT INTO tickets (type, channel, state, priority, contact_number, subject, created_by, "
                           "created_at, updated_at, due_at) VALUES (1, 1, 1, 2, '13900001111', 's', 't', 0, 0, 1)"))
            c.execute(text("INSERT INTO ticket_history (ticket_id, seq, at, actor, action) VALUES (1, 1, 0, 't', 1)"))
        for sql in ("UPDATE ticket_history SET actor = 'x'", "DELETE FROM ticket_history"):
            with pytest.raises(DBAPIError):
                with eng.begin() as c:
                    c.execute(text(sql))
        with eng.connect() as c:
            assert c.execute(text("SELECT actor FROM ticket_history")).scalar() == "t"
        migrate.downgrade(eng, "base")
        assert set(inspect(eng).get_table_names()) <= {"alembic_version"}
        assert migrate.upgrade(eng) == rev and migrate.diff(eng) == []
    finally:
        eng.dispose()
