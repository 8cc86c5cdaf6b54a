"""The growth tables' own Alembic line (growth/migrate.py): a fresh database gets exactly
schema.py's growth tables; upgrading twice is a no-op; a database made by schema.create before
there were migrations is adopted (and gets the columns added since); downgrade and upgrade again
work; a half-present set of tables is refused, nothing changed. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from servicedesk.db.engine import normalise_url
from servicedesk.growth import migrate
from servicedesk.growth.schema import metadata

GROWTH = {t.name for t in metadata.sorted_tables}


def _tables(eng):  # type: ignore[no-untyped-def]
    return set(inspect(eng).get_table_names())


def test_fresh_database(db_url):  # type: ignore[no-untyped-def]
    eng = create_engine(normalise_url(db_url))
    try:
        assert migrate.current(eng) is None
        assert migrate.upgrade(eng) == migrate.head() == "g0002"
        assert migrate.diff(eng) == []
        assert _tables(eng) == GROWTH | {migrate.VERSION_TABLE}
        assert migrate.upgrade(eng) == "g0002"
        migrate.downgrade(eng, "base")
        assert _tables(eng) <= {migrate.VERSION_TABLE}
        assert migrate.upgrade(eng) == "g0002" and migrate.diff(eng) == []
    finally:
        eng.dispose()


def test_adopts_tables_made_before_migrations(db_url):  # type: ignore[no-untyped-def]
    eng = create_engine(normalise_url(db_url))
    try:
        # the growth tables as schema.create made them before campaign attempts had placed_at
        metadata.create_all(eng)
        with eng.begin() as c:
            c.execute(text("INSERT INTO growth_campaigns (name, queue, hours_start, hours_end, utc_offset, "
                           "max_attempts, retry_spacing, mode, pacing_ratio, state, created_at) "
                           "VALUES ('C', 'general', 0, 1440, 0, 3, 0, 2, 1, 2, 0)"))
            c.execute(text("INSERT INTO growth_campaign_targets (campaign_id, number, state) VALUES (1, '1380', 2)"))
            c.execute(text("INSERT INTO growth_campaign_attempts (campaign_id, target_id, call_id, started_at) "
                           "VALUES (1, 1, 'cmp1-t1-a1', 42.5)"))
        with eng.begin() as c:
            c.execute(text("ALTER TABLE growth_campaign_attempts DROP COLUMN placed_at"))
        assert migrate.upgrade(eng) == "g0002"
        assert migrate.diff(eng) == []
        with eng.connect() as c:  # the attempt made before previews existed counts as placed
            assert c.execute(text("SELECT placed_at FROM growth_campaign_attempts")).scalar() == 42.5
    finally:
        eng.dispose()


def test_half_present_tables_refused(db_url):  # type: ignore[no-untyped-def]
    eng = create_engine(normalise_url(db_url))
    try:
        metadata.tables["growth_dnc"].create(eng)
        with pytest.raises(RuntimeError, match="growth_dnc"):
            migrate.upgrade(eng)
        # nothing else made, no version recorded (SQLite keeps the empty version table: its DDL
        # is not transactional through pysqlite)
        assert _tables(eng) - {migrate.VERSION_TABLE} == {"growth_dnc"} and migrate.current(eng) is None
    finally:
        eng.dispose()
