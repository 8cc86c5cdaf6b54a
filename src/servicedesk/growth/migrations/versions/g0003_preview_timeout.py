"""campaigns: preview_timeout (seconds a previewed target stays held for its agent; 0: never).

Revision ID: g0003
Revises: g0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "g0003"
down_revision = "g0002"
branch_labels = None
depends_on = None

CK = "ck_growth_campaigns_preview_timeout"


def upgrade() -> None:
    bind = op.get_bind()
    cols = {c["name"] for c in sa.inspect(bind).get_columns("growth_campaigns")}
    if "preview_timeout" in cols:
        return  # a database made by schema.create after the column was added
    if bind.dialect.name == "sqlite":
        # not a batch copy: growth_campaign_targets references this table and the desk's
        # connections enforce foreign keys, so dropping the old copy would fail; SQLite's ADD
        # COLUMN takes the CHECK as a column constraint
        op.execute("ALTER TABLE growth_campaigns ADD COLUMN preview_timeout FLOAT DEFAULT '120' NOT NULL "
                   f"CONSTRAINT {CK} CHECK (preview_timeout >= 0)")
        return
    op.add_column("growth_campaigns", sa.Column("preview_timeout", sa.Float(), server_default="120", nullable=False))
    op.create_check_constraint(CK, "growth_campaigns", "preview_timeout >= 0")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE growth_campaigns DROP COLUMN preview_timeout")  # SQLite >= 3.35
        return
    op.drop_constraint(CK, "growth_campaigns", type_="check")
    op.drop_column("growth_campaigns", "preview_timeout")
