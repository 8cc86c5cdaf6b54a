"""The desk's tables (SQLAlchemy Core). The migrations in migrations/versions/ create exactly
this schema; tests/servicedesk/test_desk_migrations.py compares them on SQLite and PostgreSQL.

Conventions: instants are Unix seconds as doubles (``*_at``); enums are small integers with
the desk.v1 numbers, held to their ranges by CHECK constraints; every row that clients change
has a ``version`` for optimistic locking; ticket_history is append-only (triggers refuse
UPDATE and DELETE, see the initial migration).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
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

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

#: an auto-increment id: INTEGER PRIMARY KEY (the rowid) on SQLite, BIGINT identity elsewhere
Id = BigInteger().with_variant(Integer(), "sqlite")
Time = Float(precision=53)


def _pk() -> Column:  # type: ignore[type-arg]
    return Column("id", Id, primary_key=True, autoincrement=True)


def _in(col: str, values: range | tuple[int, ...]) -> str:
    return f"{col} IN ({', '.join(str(v) for v in values)})"


subscribers = Table(
    "subscribers", metadata,
    _pk(),
    Column("account_number", String(32), nullable=False, unique=True),
    Column("name", String(128), nullable=False),
    Column("address", String(256), nullable=False, server_default=""),
    Column("area", String(32), nullable=False, index=True),
    Column("balance_cents", BigInteger, nullable=False, server_default="0"),
    Column("status", SmallInteger, nullable=False),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("created_at", Time, nullable=False),
    Column("updated_at", Time, nullable=False),
    CheckConstraint(_in("status", (1, 2, 3)), name="status"),
    CheckConstraint("version >= 1", name="version"),
    CheckConstraint("length(account_number) >= 4", name="account_number"),
    CheckConstraint("length(name) >= 1", name="name"),
)

subscriber_phones = Table(
    "subscriber_phones", metadata,
    Column("subscriber_id", Id, ForeignKey("subscribers.id", ondelete="CASCADE"), primary_key=True),
    Column("position", SmallInteger, primary_key=True),
    Column("phone", String(24), nullable=False, index=True),
    CheckConstraint("position >= 0 AND position < 8", name="position"),
    CheckConstraint("length(phone) >= 3", name="phone"),
)

subscriber_services = Table(
    "subscriber_services", metadata,
    _pk(),
    Column("subscriber_id", Id, ForeignKey("subscribers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", SmallInteger, nullable=False),
    Column("smart_card_number", String(20), nullable=True, unique=True),
    Column("product", String(64), nullable=False, server_default=""),
    Column("since_at", Time, nullable=False),
    CheckConstraint(_in("kind", (1, 2, 3)), name="kind"),
    CheckConstraint("kind <> 2 OR smart_card_number IS NOT NULL", name="smart_card"),
)

outages = Table(
    "outages", metadata,
    _pk(),
    Column("area", String(32), nullable=False),
    Column("state", SmallInteger, nullable=False),
    Column("detected_at", Time, nullable=False),
    Column("expected_repair_at", Time, nullable=False),
    Column("closed_at", Time, nullable=True),
    # the master ticket: no FOREIGN KEY (tickets.outage_id refers here; a cycle of
    # constraints cannot be created on SQLite); the service writes both in one transaction
    Column("master_ticket_id", BigInteger, nullable=True),
    Column("notice_text", Text, nullable=False),
    Column("window_reports", Integer, nullable=False, server_default="0"),
    Column("baseline_reports", Float, nullable=False, server_default="0"),
    Column("reports", Integer, nullable=False, server_default="0"),
    Column("grouped_tickets", Integer, nullable=False, server_default="0"),
    Column("notices_played", Integer, nullable=False, server_default="0"),
    Column("calls_deflected", Integer, nullable=False, server_default="0"),
    Column("declared_by", String(64), nullable=False),
    Column("resolution", Text, nullable=False, server_default=""),
    Column("version", Integer, nullable=False, server_default="1"),
    CheckConstraint(_in("state", (1, 2)), name="state"),
    CheckConstraint("(state = 2) = (closed_at IS NOT NULL)", name="closed"),
    # at most one active outage per area
    Index("uq_outages_active_area", "area", unique=True, sqlite_where=text("state = 1"),
          postgresql_where=text("state = 1")),
)

tickets = Table(
    "tickets", metadata,
    _pk(),
    Column("type", SmallInteger, nullable=False),
    Column("channel", SmallInteger, nullable=False),
    Column("state", SmallInteger, nullable=False),
    Column("priority", SmallInteger, nullable=False),
    Column("subscriber_id", Id, ForeignKey("subscribers.id"), nullable=True),
    Column("contact_number", String(24), nullable=False, server_default=""),
    Column("area", String(32), nullable=False, server_default=""),
    Column("subject", String(200), nullable=False),
    Column("description", Text, nullable=False, server_default=""),
    Column("department", String(64), nullable=False, server_default=""),
    Column("team", String(64), nullable=False, server_default=""),
    Column("agent_id", String(64), nullable=False, server_default=""),
    Column("created_by", String(64), nullable=False),
    Column("created_at", Time, nullable=False),
    Column("updated_at", Time, nullable=False),
    Column("due_at", Time, nullable=False),
    Column("resolved_at", Time, nullable=True),
    Column("closed_at", Time, nullable=True),
    Column("escalated_at", Time, nullable=True),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("master_id", Id, ForeignKey("tickets.id"), nullable=True),
    Column("outage_id", Id, ForeignKey("outages.id"), nullable=True),
    Column("satisfaction", SmallInteger, nullable=True),
    Column("request_id", String(64), nullable=True, unique=True),
    CheckConstraint(_in("type", range(1, 6)), name="type"),
    CheckConstraint(_in("channel", range(1, 5)), name="channel"),
    CheckConstraint(_in("state", range(1, 7)), name="state"),
    CheckConstraint(_in("priority", range(1, 5)), name="priority"),
    CheckConstraint("satisfaction IS NULL OR (satisfaction >= 1 AND satisfaction <= 5)", name="satisfaction"),
    CheckConstraint("version >= 1", name="version"),
    CheckConstraint("length(subject) >= 1", name="subject"),
    CheckConstraint("state <> 6 OR closed_at IS NOT NULL", name="closed"),
    CheckConstraint("state NOT IN (4, 5, 6) OR resolved_at IS NOT NULL", name="resolved"),
    CheckConstraint("state = 1 OR department <> '' OR team <> '' OR agent_id <> ''", name="assigned"),
    CheckConstraint("subscriber_id IS NOT NULL OR contact_number <> '' OR channel = 4", name="contact"),
    Index("ix_tickets_subscriber_state", "subscriber_id", "state"),
    Index("ix_tickets_state_due", "state", "due_at"),
    Index("ix_tickets_agent_state", "agent_id", "state"),
    Index("ix_tickets_area_type_created", "area", "type", "created_at"),
    Index("ix_tickets_created", "created_at"),
    Index("ix_tickets_outage", "outage_id"),
)

ticket_history = Table(
    "ticket_history", metadata,
    _pk(),
    Column("ticket_id", Id, ForeignKey("tickets.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("at", Time, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", SmallInteger, nullable=False),
    Column("from_state", SmallInteger, nullable=True),
    Column("to_state", SmallInteger, nullable=True),
    Column("text", Text, nullable=False, server_default=""),
    Column("details", Text, nullable=False, server_default="{}"),
    UniqueConstraint("ticket_id", "seq"),
    CheckConstraint(_in("action", range(1, 10)), name="action"),
    CheckConstraint("seq >= 1", name="seq"),
)

ticket_calls = Table(
    "ticket_calls", metadata,
    Column("ticket_id", Id, ForeignKey("tickets.id"), primary_key=True),
    Column("call_id", String(128), primary_key=True),
    Column("linked_at", Time, nullable=False),
    Index("ix_ticket_calls_call", "call_id"),
)

ticket_recordings = Table(
    "ticket_recordings", metadata,
    Column("ticket_id", Id, ForeignKey("tickets.id"), primary_key=True),
    Column("recording_id", String(128), primary_key=True),
    Column("call_id", String(128), nullable=False, server_default=""),
    Column("linked_at", Time, nullable=False),
)

callbacks = Table(
    "callbacks", metadata,
    _pk(),
    Column("kind", SmallInteger, nullable=False),
    Column("state", SmallInteger, nullable=False),
    Column("ticket_id", Id, ForeignKey("tickets.id"), nullable=True),
    Column("subscriber_id", Id, ForeignKey("subscribers.id"), nullable=True),
    Column("number", String(24), nullable=False),
    Column("queue", String(64), nullable=False),
    Column("requested_at", Time, nullable=False),
    Column("due_at", Time, nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("call_id", String(128), nullable=True, unique=True),
    Column("agent_id", String(64), nullable=False, server_default=""),
    Column("outcome", SmallInteger, nullable=True),
    Column("satisfaction", SmallInteger, nullable=True),
    Column("note", Text, nullable=False, server_default=""),
    Column("source_call_id", String(128), nullable=True, unique=True),
    Column("created_at", Time, nullable=False),
    Column("ended_at", Time, nullable=True),
    Column("version", Integer, nullable=False, server_default="1"),
    CheckConstraint(_in("kind", (1, 2)), name="kind"),
    CheckConstraint(_in("state", range(1, 9)), name="state"),
    CheckConstraint("outcome IS NULL OR " + _in("outcome", range(1, 5)), name="outcome"),
    CheckConstraint("satisfaction IS NULL OR (satisfaction >= 1 AND satisfaction <= 5)", name="satisfaction"),
    CheckConstraint("attempts >= 0", name="attempts"),
    CheckConstraint("version >= 1", name="version"),
    Index("ix_callbacks_state_due", "state", "due_at"),
    Index("ix_callbacks_ticket", "ticket_id"),
    # at most one follow-up in progress per ticket
    Index("uq_callbacks_open_follow_up", "ticket_id", unique=True,
          sqlite_where=text("kind = 1 AND state IN (1, 2, 3, 4, 5)"),
          postgresql_where=text("kind = 1 AND state IN (1, 2, 3, 4, 5)")),
)

fault_reports = Table(
    "fault_reports", metadata,
    _pk(),
    Column("area", String(32), nullable=False),
    Column("at", Time, nullable=False),
    Column("source", SmallInteger, nullable=False),
    Column("ticket_id", Id, ForeignKey("tickets.id"), nullable=True),
    Column("caller", String(64), nullable=False, server_default=""),
    Column("call_id", String(128), nullable=False, server_default=""),
    Column("outage_id", Id, ForeignKey("outages.id"), nullable=True),
    CheckConstraint(_in("source", (1, 2)), name="source"),
    Index("ix_fault_reports_area_at", "area", "at"),
    Index("ix_fault_reports_at", "at"),
)

area_baselines = Table(
    "area_baselines", metadata,
    Column("area", String(32), primary_key=True),
    # 0-167: hour of the week (Monday 00:00 local is 0); 1000-1023: hour of the day
    Column("slot", SmallInteger, primary_key=True),
    Column("rate", Float, nullable=False),
    Column("samples", Integer, nullable=False),
    CheckConstraint("(slot >= 0 AND slot < 168) OR (slot >= 1000 AND slot < 1024)", name="slot"),
    CheckConstraint("rate >= 0", name="rate"),
)

notices = Table(
    "notices", metadata,
    _pk(),
    Column("outage_id", Id, ForeignKey("outages.id"), nullable=False),
    Column("at", Time, nullable=False),
    Column("caller", String(64), nullable=False, server_default=""),
    Column("call_id", String(128), nullable=False, server_default=""),
    Column("outcome", SmallInteger, nullable=True),
    Column("decided_at", Time, nullable=True),
    Column("inferred", SmallInteger, nullable=False, server_default="0"),
    CheckConstraint("outcome IS NULL OR " + _in("outcome", (1, 2)), name="outcome"),
    Index("ix_notices_call", "call_id"),
    Index("ix_notices_pending", "outcome", "at"),
)

alerts = Table(
    "alerts", metadata,
    _pk(),
    Column("at", Time, nullable=False),
    Column("kind", SmallInteger, nullable=False),
    Column("text", Text, nullable=False),
    Column("ticket_id", BigInteger, nullable=True),
    Column("outage_id", BigInteger, nullable=True),
    Column("callback_id", BigInteger, nullable=True),
    Column("area", String(32), nullable=False, server_default=""),
    Column("supervisors", Text, nullable=False, server_default="[]"),
    CheckConstraint(_in("kind", range(1, 5)), name="kind"),
)

# ---------------------------------------------------------------- acdcore's events, for reports

acd_events = Table(
    "acd_events", metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", Time, nullable=False),
    Column("type", SmallInteger, nullable=False),
    Column("call_id", String(128), nullable=False, server_default=""),
    Column("agent_id", String(64), nullable=False, server_default=""),
    Column("queue", String(64), nullable=False, server_default=""),
    Column("target_queue", String(64), nullable=False, server_default=""),
    Column("caller", String(64), nullable=False, server_default=""),
    Column("reason", String(128), nullable=False, server_default=""),
    Column("offer_id", BigInteger, nullable=False, server_default="0"),
    Column("priority", SmallInteger, nullable=False, server_default="0"),
    Column("agent_state", SmallInteger, nullable=False, server_default="0"),
    Column("previous_state", SmallInteger, nullable=False, server_default="0"),
    Column("wait_seconds", Float, nullable=False, server_default="0"),
    Column("talk_seconds", Float, nullable=False, server_default="0"),
    Column("ring_seconds", Float, nullable=False, server_default="0"),
    Index("ix_acd_events_at", "at"),
)

acd_gaps = Table(
    "acd_gaps", metadata,
    _pk(),
    Column("after_seq", BigInteger, nullable=False),
    Column("resumed_seq", BigInteger, nullable=False),
    Column("at", Time, nullable=False),
)

#: one row per acdcore call seen: the "recent calls" of a screen pop
calls = Table(
    "calls", metadata,
    Column("call_id", String(128), primary_key=True),
    Column("caller", String(64), nullable=False, server_default=""),
    Column("queue", String(64), nullable=False, server_default=""),
    Column("arrived_at", Time, nullable=False),
    Column("answered_at", Time, nullable=True),
    Column("ended_at", Time, nullable=True),
    Column("agent_id", String(64), nullable=False, server_default=""),
    Column("outcome", String(16), nullable=False, server_default="active"),
    Column("wait_seconds", Float, nullable=False, server_default="0"),
    Column("talk_seconds", Float, nullable=False, server_default="0"),
    Index("ix_calls_caller_arrived", "caller", "arrived_at"),
)

queue_hourly = Table(
    "queue_hourly", metadata,
    Column("queue", String(64), primary_key=True),
    Column("hour", BigInteger, primary_key=True),
    *(Column(n, Integer, nullable=False, server_default="0") for n in (
        "offered", "answered", "answered_within_sl", "abandoned", "short_abandoned", "overflowed",
        "transferred_out", "rejected", "handled")),
    *(Column(n, Float, nullable=False, server_default="0") for n in ("wait_answered", "talk", "wrap_up")),
)

agent_hourly = Table(
    "agent_hourly", metadata,
    Column("agent_id", String(64), primary_key=True),
    Column("hour", BigInteger, primary_key=True),
    Column("calls", Integer, nullable=False, server_default="0"),
    Column("no_answers", Integer, nullable=False, server_default="0"),
    *(Column(n, Float, nullable=False, server_default="0") for n in (
        "talk", "wrap_up", "ring", "idle", "pause", "logged_in")),
)

agent_pause_hourly = Table(
    "agent_pause_hourly", metadata,
    Column("agent_id", String(64), primary_key=True),
    Column("hour", BigInteger, primary_key=True),
    Column("reason", String(64), primary_key=True),
    Column("seconds", Float, nullable=False, server_default="0"),
)

acd_agent_cursor = Table(
    "acd_agent_cursor", metadata,
    Column("agent_id", String(64), primary_key=True),
    Column("state", SmallInteger, nullable=False),
    Column("since", Time, nullable=False),
    Column("reason", String(64), nullable=False, server_default=""),
    Column("last_queue", String(64), nullable=False, server_default=""),
)

queue_settings = Table(
    "queue_settings", metadata,
    Column("queue", String(64), primary_key=True),
    Column("sl_threshold", Float, nullable=False),
    Column("short_abandon", Float, nullable=False),
)

desk_state = Table(
    "desk_state", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

#: tables whose every row a backup must reproduce, in an order that satisfies foreign keys
BACKUP_TABLES = [t.name for t in metadata.sorted_tables]
