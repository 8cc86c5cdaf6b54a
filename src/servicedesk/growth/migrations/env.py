"""Alembic environment of the growth tables: their own revisions and version table
(``growth_alembic_version``), next to the desk's; run programmatically by
servicedesk.growth.migrate (the connection is handed in through config.attributes)."""

from __future__ import annotations

from alembic import context

from servicedesk.growth.schema import metadata

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                  version_table="growth_alembic_version", transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
