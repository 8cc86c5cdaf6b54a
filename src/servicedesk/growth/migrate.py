"""Migrations of the growth tables (Alembic, scripts in growth/migrations/versions/, version
table ``growth_alembic_version``): kept apart from the desk's own revisions so the growth
services can change their tables without touching the desk's migration line. ``servicedesk
migrate`` runs both lines (:func:`upgrade_with_desk`), and the desk server upgrades this one when
GrowthService starts; ``upgrade`` also adopts a database whose growth tables
were made by ``schema.create`` before there were migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

HERE = Path(__file__).resolve().parent
VERSION_TABLE = "growth_alembic_version"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    return cfg


def head() -> str:
    rev = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert rev is not None
    return rev


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Upgrade to ``revision`` in one transaction; return the revision reached."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    rev = current(engine)
    assert rev is not None
    return rev


def upgrade_with_desk(engine: Engine) -> tuple[tuple[str | None, str], tuple[str | None, str]]:
    """``servicedesk migrate``: the desk's line, then this one, both to head in one transaction
    (on PostgreSQL a failure in either leaves the database as it was; SQLite's DDL through
    pysqlite is not transactional). Returns ((desk before, after), (growth before, after))."""
    from ..db import migrate as desk_migrate

    before = desk_migrate.current(engine), current(engine)
    dcfg, gcfg = desk_migrate.alembic_config(engine), alembic_config()
    with engine.begin() as conn:
        dcfg.attributes["connection"] = conn
        command.upgrade(dcfg, "head")
        gcfg.attributes["connection"] = conn
        command.upgrade(gcfg, "head")
    after = desk_migrate.current(engine), current(engine)
    assert after[0] is not None and after[1] is not None
    return (before[0], after[0]), (before[1], after[1])


def downgrade(engine: Engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def diff(engine: Engine) -> list[Any]:
    """Differences between the growth tables in the database and schema.py ([] when they agree;
    the desk's own tables are left out)."""
    from alembic.autogenerate import compare_metadata

    from .schema import metadata

    def only_growth(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        return type_ != "table" or bool(name and name.startswith("growth_") and name != VERSION_TABLE)

    with engine.connect() as conn:
        mc = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": False,
                                                    "include_object": only_growth,
                                                    "version_table": VERSION_TABLE})
        return list(compare_metadata(mc, metadata))
