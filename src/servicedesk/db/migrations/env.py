"""Alembic environment of the desk: run programmatically by servicedesk.db.migrate (the
connection is handed in through config.attributes["connection"])."""

from __future__ import annotations

from alembic import context

from servicedesk.db.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the alembic command line without our wrapper
    from servicedesk.db.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      transaction_per_migration=False)
    with context.begin_transaction():
        context.run_migrations()
