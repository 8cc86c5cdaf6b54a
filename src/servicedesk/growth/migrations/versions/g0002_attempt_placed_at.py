"""campaign attempts: placed_at (NULL while a previewed target waits for the agent's decision).

Revision ID: g0002
Revises: g0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "g0002"
down_revision = "g0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    cols = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("growth_campaign_attempts")}
    if "placed_at" in cols:
        return  # a database made by schema.create after the column was added
    op.add_column("growth_campaign_attempts", sa.Column("placed_at", sa.Float(precision=53), nullable=True))
    # every attempt made before previews existed was placed when it started
    op.execute("UPDATE growth_campaign_attempts SET placed_at = started_at")


def downgrade() -> None:
    with op.batch_alter_table("growth_campaign_attempts") as b:
        b.drop_column("placed_at")
