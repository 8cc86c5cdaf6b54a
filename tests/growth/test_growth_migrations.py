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
        assert migrate.upgrade(eng) == migrate.head() == "g0003"
        assert migrate.diff(eng) == []
        assert _tables(eng) == GROWTH | {migrate.VERSION_TABLE}
        assert migrate.upgrade(eng) == "g0003"
        migrate.downgrade(eng, "base")
        assert _tables(eng) <= {migrate.VERSION_TABLE}
        assert migrate.upgrade(eng) == "g0003" and migrate.diff(eng) == []
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
        assert migrate.upgrade(eng) == "g0003"
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


def test_preview_timeout_added_to_existing_campaigns(db_url):  # type: ignore[no-untyped-def]
    """g0003: a campaign made at g0002 gets the default preview timeout (120 s), the column is
    held to >= 0 like schema.py's, and the step downgrades and upgrades again."""
    from sqlalchemy.exc import IntegrityError

    eng = create_engine(normalise_url(db_url))
    try:
        assert migrate.upgrade(eng, "g0002") == "g0002"
        with eng.begin() as c:
            c.execute(text("INSERT INTO growth_campaigns (name, queue, hours_start, hours_end, utc_offset, "
                           "max_attempts, retry_spacing, mode, pacing_ratio, state, created_at) "
                           "VALUES ('P', 'general', 0, 1440, 0, 3, 0, 1, 1, 2, 0)"))
            c.execute(text("INSERT INTO growth_campaign_targets (campaign_id, number, state) VALUES (1, '1380', 1)"))
        assert migrate.upgrade(eng) == "g0003" and migrate.diff(eng) == []
        with eng.connect() as c:
            assert c.execute(text("SELECT preview_timeout FROM growth_campaigns")).scalar() == 120.0
            assert c.execute(text("SELECT count(*) FROM growth_campaign_targets")).scalar() == 1
        with pytest.raises(IntegrityError):
            with eng.begin() as c:
                c.execute(text("UPDATE growth_campaigns SET preview_timeout = -1"))
        migrate.downgrade(eng, "g0002")
        assert "preview_timeout" not in {col["name"] for col in inspect(eng).get_columns("growth_campaigns")}
        assert migrate.upgrade(eng) == "g0003" and migrate.diff(eng) == []
    finally:
        eng.dispose()


# -------------------------------------------------------------------- servicedesk migrate


def _desk_diff(eng):  # type: ignore[no-untyped-def]
    """The desk's schema diff, less the growth tables it does not describe."""
    from servicedesk.db import migrate as desk_migrate

    def growth(d) -> bool:  # type: ignore[no-untyped-def]
        if not (isinstance(d, tuple) and d[0] in ("remove_table", "remove_index")):
            return False
        table = d[1] if d[0] == "remove_table" else d[1].table
        return bool(table.name.startswith("growth_"))
    return [d for d in desk_migrate.diff(eng) if not growth(d)]


def _versions(eng):  # type: ignore[no-untyped-def]
    from servicedesk.db import migrate as desk_migrate

    return desk_migrate.current(eng), migrate.current(eng)


def test_cli_migrate_from_empty_brings_desk_and_growth_to_head(db_url, capsys):  # type: ignore[no-untyped-def]
    from servicedesk import cli
    from servicedesk.db import migrate as desk_migrate
    from servicedesk.db.schema import metadata as desk_metadata

    assert cli.main(["migrate", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert f"revision {desk_migrate.head()} (was empty)" in out and f"revision {migrate.head()} (was empty)" in out
    eng = create_engine(normalise_url(db_url))
    try:
        assert _versions(eng) == (desk_migrate.head(), migrate.head())
        assert _desk_diff(eng) == [] and migrate.diff(eng) == []
        assert _tables(eng) == ({t.name for t in desk_metadata.sorted_tables} | GROWTH
                                | {"alembic_version", migrate.VERSION_TABLE})
        # idempotent: a second run changes nothing and says so
        assert cli.main(["migrate", "--db", db_url]) == 0
        out = capsys.readouterr().out
        assert f"(was {desk_migrate.head()})" in out and f"(was {migrate.head()})" in out
        assert _versions(eng) == (desk_migrate.head(), migrate.head()) and migrate.diff(eng) == []
    finally:
        eng.dispose()


@pytest.mark.parametrize("start", ["desk_only", "g0001"])
def test_cli_migrate_from_an_older_database(db_url, start, capsys):  # type: ignore[no-untyped-def]
    """A database the old `servicedesk migrate` made (desk tables only: the growth line never
    ran), and one whose growth tables stopped at g0001 holding a campaign (the desk's own
    foreign-key enforcing engine, as the CLI uses): both reach head, the data kept."""
    from servicedesk import cli
    from servicedesk.db import make_engine
    from servicedesk.db import migrate as desk_migrate

    eng = make_engine(db_url)
    try:
        desk_migrate.upgrade(eng)
        if start == "g0001":
            assert migrate.upgrade(eng, "g0001") == "g0001"
            with eng.begin() as c:
                c.execute(text("INSERT INTO growth_campaigns (name, queue, hours_start, hours_end, utc_offset, "
                               "max_attempts, retry_spacing, mode, pacing_ratio, state, created_at) "
                               "VALUES ('C', 'general', 0, 1440, 0, 3, 0, 1, 1, 2, 0)"))
                c.execute(text("INSERT INTO growth_campaign_targets (campaign_id, number, state) "
                               "VALUES (1, '1380', 2)"))
                c.execute(text("INSERT INTO growth_campaign_attempts (campaign_id, target_id, call_id, started_at) "
                               "VALUES (1, 1, 'cmp1-t1-a1', 42.5)"))
        assert _versions(eng) == (desk_migrate.head(), None if start == "desk_only" else "g0001")
        assert cli.main(["migrate", "--db", db_url]) == 0
        assert f"(was {'empty' if start == 'desk_only' else 'g0001'})" in capsys.readouterr().out
        assert _versions(eng) == (desk_migrate.head(), migrate.head())
        assert _desk_diff(eng) == [] and migrate.diff(eng) == []
        if start == "g0001":
            with eng.connect() as c:
                assert c.execute(text("SELECT placed_at, call_id FROM growth_campaign_attempts")).one() == (
                    42.5, "cmp1-t1-a1")
                assert c.execute(text("SELECT preview_timeout FROM growth_campaigns")).scalar() == 120.0
    finally:
        eng.dispose()


def test_cli_migrate_refuses_half_present_growth_tables(db_url, capsys):  # type: ignore[no-untyped-def]
    """A database the growth line cannot adopt: exit 1 naming the problem, no growth revision
    recorded; on PostgreSQL (transactional DDL) the desk's tables are not made either."""
    from servicedesk import cli

    eng = create_engine(normalise_url(db_url))
    try:
        metadata.tables["growth_dnc"].create(eng)
        assert cli.main(["migrate", "--db", db_url]) == 1
        assert "growth_dnc" in capsys.readouterr().err
        assert migrate.current(eng) is None
        if eng.dialect.name == "postgresql":
            assert _tables(eng) == {"growth_dnc"} and _versions(eng) == (None, None)
    finally:
        eng.dispose()
