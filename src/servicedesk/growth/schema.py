"""Growth-service tables (orders and their journal, entitlements, packages, prepaid cards and
their audit, campaigns). They live in their own MetaData and are created by :func:`create`
(idempotent, ``CREATE TABLE IF NOT EXISTS``) next to the desk's schema; subscriber ids refer to
``subscribers.id`` of the desk by value.

Conventions as in the desk: instants are Unix seconds (doubles), states are small integers
held to their ranges by CHECK constraints.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from ..db.schema import NAMING

metadata = MetaData(naming_convention=NAMING)
Id = BigInteger().with_variant(Integer(), "sqlite")
Time = Float(precision=53)


def _pk() -> Column:  # type: ignore[type-arg]
    return Column("id", Id, primary_key=True, autoincrement=True)


# -- self-service ------------------------------------------------------------------------------
packages = Table(
    "growth_packages", metadata,
    Column("code", String(32), primary_key=True),
    Column("name", String(128), nullable=False),
    Column("price_cents", BigInteger, nullable=False),
    Column("active", SmallInteger, nullable=False, server_default="1"),
    CheckConstraint("price_cents > 0", name="price"),
)

# order states (see saga.py)
orders = Table(
    "growth_orders", metadata,
    _pk(),
    Column("kind", SmallInteger, nullable=False),          # 1 order, 2 cancel
    Column("subscriber_id", BigInteger, nullable=False),
    Column("smart_card", String(20), nullable=False),
    Column("package", String(32), nullable=False),
    Column("amount_cents", BigInteger, nullable=False),
    Column("payment", SmallInteger, nullable=False),       # 1 bank debit, 2 prepaid card, 3 none
    Column("bank_account", String(24), nullable=False, server_default=""),
    Column("card_serial", String(16), nullable=False, server_default=""),
    Column("state", SmallInteger, nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("failure", String(200), nullable=False, server_default=""),
    Column("channel", SmallInteger, nullable=False),       # 1 phone IVR, 2 web, 3 agent, 4 card
    Column("request_id", String(64), nullable=True, unique=True),
    Column("created_at", Time, nullable=False),
    Column("updated_at", Time, nullable=False),
    Column("next_at", Time, nullable=False),
    CheckConstraint("kind IN (1, 2)", name="kind"),
    CheckConstraint("payment IN (1, 2, 3)", name="payment"),
    CheckConstraint("state IN (1, 2, 3, 4, 5, 6)", name="state"),
    CheckConstraint("amount_cents >= 0", name="amount"),
    CheckConstraint("channel IN (1, 2, 3, 4)", name="channel"),
    CheckConstraint("payment <> 1 OR length(bank_account) >= 6", name="bank_account"),
    Index("ix_growth_orders_state_next", "state", "next_at"),
    # at most one unfinished order per card and package
    Index("uq_growth_orders_open", "smart_card", "package", unique=True,
          sqlite_where=text("state IN (1, 2, 3, 5)"), postgresql_where=text("state IN (1, 2, 3, 5)")),
)

order_steps = Table(
    "growth_order_steps", metadata,
    _pk(),
    Column("order_id", Id, ForeignKey("growth_orders.id"), nullable=False),
    Column("at", Time, nullable=False),
    Column("step", String(16), nullable=False),
    Column("phase", String(8), nullable=False),            # begin ok refused unknown
    Column("detail", Text, nullable=False, server_default=""),
    CheckConstraint("phase IN ('begin', 'ok', 'refused', 'unknown', 'state')", name="phase"),
    Index("ix_growth_order_steps_order", "order_id", "id"),
)

entitlements = Table(
    "growth_entitlements", metadata,
    Column("smart_card", String(20), primary_key=True),
    Column("package", String(32), primary_key=True),
    Column("subscriber_id", BigInteger, nullable=False),
    Column("order_id", Id, nullable=False),
    Column("since_at", Time, nullable=False),
)

# -- prepaid service cards ---------------------------------------------------------------------
card_batches = Table(
    "growth_card_batches", metadata,
    _pk(),
    Column("name", String(64), nullable=False, unique=True),
    Column("face_value_cents", BigInteger, nullable=False, server_default="0"),
    Column("package", String(32), nullable=False, server_default=""),
    Column("expires_at", Time, nullable=False),
    Column("state", SmallInteger, nullable=False),         # 1 printed 2 active 3 frozen 4 void
    Column("count", Integer, nullable=False),
    Column("created_at", Time, nullable=False),
    Column("updated_at", Time, nullable=False),
    CheckConstraint("state IN (1, 2, 3, 4)", name="state"),
    CheckConstraint("(face_value_cents > 0) <> (package <> '')", name="value_or_package"),
    CheckConstraint("count > 0", name="count"),
)

cards = Table(
    "growth_cards", metadata,
    Column("serial", String(16), primary_key=True),
    Column("batch_id", Id, ForeignKey("growth_card_batches.id"), nullable=False, index=True),
    Column("pin_hash", String(128), nullable=False),       # scrypt$n$r$p$salt_hex$hash_hex
    Column("state", SmallInteger, nullable=False),         # 1 unused 2 redeemed
    Column("failed_pins", Integer, nullable=False, server_default="0"),
    Column("locked_until", Time, nullable=False, server_default="0"),
    Column("redeemed_at", Time, nullable=True),
    Column("redeemed_by", BigInteger, nullable=True),
    Column("redeemed_caller", String(24), nullable=False, server_default=""),
    Column("order_id", Id, nullable=True),
    CheckConstraint("state IN (1, 2)", name="state"),
    CheckConstraint("(state = 2) = (redeemed_at IS NOT NULL)", name="redeemed"),
)

card_attempts = Table(
    "growth_card_attempts", metadata,
    _pk(),
    Column("at", Time, nullable=False),
    Column("serial", String(32), nullable=False),
    Column("caller", String(32), nullable=False),
    Column("subscriber_id", BigInteger, nullable=True),
    Column("channel", SmallInteger, nullable=False),
    Column("outcome", String(24), nullable=False),
    Column("detail", String(200), nullable=False, server_default=""),
    Index("ix_growth_card_attempts_caller_at", "caller", "at"),
    Index("ix_growth_card_attempts_serial_at", "serial", "at"),
)

caller_locks = Table(
    "growth_caller_locks", metadata,
    Column("caller", String(32), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_start", Time, nullable=False),
    Column("locked_until", Time, nullable=False),
)

# -- telemarketing -----------------------------------------------------------------------------
campaigns = Table(
    "growth_campaigns", metadata,
    _pk(),
    Column("name", String(64), nullable=False, unique=True),
    Column("queue", String(64), nullable=False),
    Column("script", Text, nullable=False, server_default=""),
    Column("package", String(32), nullable=False, server_default=""),
    Column("hours_start", Integer, nullable=False),        # minutes after local midnight
    Column("hours_end", Integer, nullable=False),
    Column("utc_offset", Integer, nullable=False),         # seconds east of UTC
    Column("weekdays", String(7), nullable=False, server_default="1111110"),  # Mon..Sun
    Column("max_attempts", Integer, nullable=False),
    Column("retry_spacing", Float, nullable=False),
    Column("mode", SmallInteger, nullable=False),          # 1 preview 2 progressive
    Column("pacing_ratio", Float, nullable=False),
    Column("state", SmallInteger, nullable=False),         # 1 draft 2 running 3 paused 4 done
    Column("created_at", Time, nullable=False),
    # seconds a previewed target stays held for its agent before it goes back to the list; 0: never
    Column("preview_timeout", Float, nullable=False, server_default="120"),
    CheckConstraint("hours_start >= 0 AND hours_end <= 1440 AND hours_start < hours_end", name="hours"),
    CheckConstraint("max_attempts >= 1", name="attempts"),
    CheckConstraint("retry_spacing >= 0", name="spacing"),
    CheckConstraint("mode IN (1, 2)", name="mode"),
    CheckConstraint("pacing_ratio >= 1 AND pacing_ratio <= 5", name="pacing"),
    CheckConstraint("state IN (1, 2, 3, 4)", name="state"),
    CheckConstraint("preview_timeout >= 0", name="preview_timeout"),
)

campaign_targets = Table(
    "growth_campaign_targets", metadata,
    _pk(),
    Column("campaign_id", Id, ForeignKey("growth_campaigns.id"), nullable=False),
    Column("number", String(24), nullable=False),
    Column("subscriber_id", BigInteger, nullable=True),
    Column("name", String(128), nullable=False, server_default=""),
    Column("state", SmallInteger, nullable=False),         # 1 pending 2 dialing 3 done 4 dnc 5 exhausted
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_at", Time, nullable=False, server_default="0"),
    Column("result", SmallInteger, nullable=True),
    UniqueConstraint("campaign_id", "number"),
    CheckConstraint("state IN (1, 2, 3, 4, 5)", name="state"),
    Index("ix_growth_campaign_targets_due", "campaign_id", "state", "next_at"),
)

campaign_attempts = Table(
    "growth_campaign_attempts", metadata,
    _pk(),
    Column("campaign_id", Id, nullable=False),
    Column("target_id", Id, ForeignKey("growth_campaign_targets.id"), nullable=False),
    Column("call_id", String(128), nullable=False, unique=True),
    Column("started_at", Time, nullable=False),
    Column("ended_at", Time, nullable=True),
    Column("outcome", SmallInteger, nullable=True),        # 1 answered 2 no answer 3 busy 4 machine 5 failed
                                                           # 6 skipped (preview) 7 refused (compliance, at dial time)
                                                           # 8 preview expired (the agent never decided)
    Column("agent_id", String(64), nullable=False, server_default=""),
    Column("result", SmallInteger, nullable=True),         # 1 interested 2 sale 3 not interested 4 call back
    Column("revenue_cents", BigInteger, nullable=False, server_default="0"),
    Column("callback_at", Time, nullable=True),
    # when the call was handed to acdcore; NULL: a target previewed by agent_id, not yet accepted
    Column("placed_at", Time, nullable=True),
    Index("ix_growth_campaign_attempts_campaign", "campaign_id", "started_at"),
)

dnc = Table(
    "growth_dnc", metadata,
    Column("number", String(24), primary_key=True),
    Column("added_at", Time, nullable=False),
    Column("reason", String(200), nullable=False, server_default=""),
)


def create(engine: Engine) -> None:
    """Create the growth tables that do not exist yet (safe to call at every start)."""
    metadata.create_all(engine, checkfirst=True)
