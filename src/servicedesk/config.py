"""The desk's configuration (TOML). Every key has a default; ``servicedesk serve --config F``.

    [desk]        database_url, sqlite_synchronous, listen, local_prefix, timezone offset
    [acd]         target, token / token_env, tls_ca: how to reach acdcore (role business)
    [auth]        tokens = [{name, role, token | token_env, agent_id}]
    [sla]         hours per ticket type
    [escalation]  scan interval, supervisors (default and per department)
    [follow_up]   delay after resolving, queue, attempts, retry delay
    [callbacks]   queue for IVR callback requests
    [outage]      detector window/thresholds/baseline, notice template, repair time
    [reports]     service-level thresholds used when acdcore's queue config is unknown
    [backup]      the recording index and acdcore journal to include
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .enums import TicketType

ROLES = ("admin", "supervisor", "agent", "telephony", "business")


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Token:
    name: str
    role: str
    secret: str
    agent_id: str | None = None


@dataclass
class DeskSettings:
    database_url: str = "sqlite:///var/desk.sqlite"
    sqlite_synchronous: str = "NORMAL"
    listen: list[str] = field(default_factory=lambda: ["127.0.0.1:50061"])
    local_prefix: str = "0459"
    utc_offset: int = 8 * 3600
    grace_period: float = 3.0
    max_streams: int = 500
    stream_buffer: int = 1000


@dataclass
class AcdSettings:
    target: str = "127.0.0.1:50051"
    token: str = ""
    #: a telephony-role token for EnqueueCall/CancelCall of callbacks (acdcore lets only that
    #: role place calls); unset: ``token`` is used for them too
    telephony_token: str = ""
    tls_ca: str = ""
    enabled: bool = True
    #: acdcore call ids the desk places start with this
    call_id_prefix: str = "desk-cb-"


@dataclass
class SlaSettings:
    hours: dict[int, float] = field(default_factory=lambda: {
        TicketType.INQUIRY: 4.0, TicketType.SERVICE_ORDER: 72.0, TicketType.FAULT_REPAIR: 24.0,
        TicketType.COMPLAINT: 48.0, TicketType.SUGGESTION: 168.0})


@dataclass
class EscalationSettings:
    interval: float = 30.0
    supervisors: list[str] = field(default_factory=list)
    departments: dict[str, list[str]] = field(default_factory=dict)

    def for_department(self, dept: str) -> list[str]:
        return list(self.departments.get(dept, self.supervisors))


@dataclass
class FollowUpSettings:
    delay: float = 86400.0
    queue: str = "general"
    max_attempts: int = 3
    retry_delay: float = 1800.0
    poll_interval: float = 1.0


@dataclass
class CallbackSettings:
    queue: str = "general"


@dataclass
class OutageSettings:
    window: float = 600.0
    min_reports: int = 8
    ratio: float = 4.0
    max_p_value: float = 1e-6
    default_rate_per_hour: float = 0.5
    ewma_alpha: float = 0.15
    min_rate_per_hour: float = 0.05
    repair_hours: float = 4.0
    group_window: float = 3600.0
    deflection_window: float = 120.0
    notice: str = ("A fault in your area is being repaired; service is expected back by {expected}. "
                   "We are sorry for the trouble.")


@dataclass
class ReportSettings:
    sl_threshold: float = 20.0
    short_abandon: float = 5.0


@dataclass
class BackupSettings:
    recordings_index: str = ""
    acd_journal_dir: str = ""


@dataclass
class GrowthSettings:
    """[growth]: the growth services (servicedesk/growth, docs/growth.md)."""

    #: the SMS (subscriber management system) and the bank, host:port ("": not configured)
    sms_addr: str = ""
    bank_addr: str = ""
    #: run the telemarketing dialer loop on the desk's acdcore connection
    campaign_dialer: bool = False
    dialer_interval: float = 2.0
    #: who reports campaign call outcomes: "acd" (read from acdcore) or "hook" (the Asterisk hook)
    campaign_outcomes: str = "acd"
    #: hook mode: seconds a call may be ended in acdcore without the hook's report before it fails
    report_grace: float = 10.0


@dataclass
class Config:
    path: Path | None = None
    desk: DeskSettings = field(default_factory=DeskSettings)
    acd: AcdSettings = field(default_factory=AcdSettings)
    tokens: list[Token] = field(default_factory=list)
    sla: SlaSettings = field(default_factory=SlaSettings)
    escalation: EscalationSettings = field(default_factory=EscalationSettings)
    follow_up: FollowUpSettings = field(default_factory=FollowUpSettings)
    callbacks: CallbackSettings = field(default_factory=CallbackSettings)
    outage: OutageSettings = field(default_factory=OutageSettings)
    reports: ReportSettings = field(default_factory=ReportSettings)
    backup: BackupSettings = field(default_factory=BackupSettings)
    growth: GrowthSettings = field(default_factory=GrowthSettings)


def _fill(obj: Any, table: dict[str, Any], where: str, skip: tuple[str, ...] = ()) -> None:
    known = {f.name: f for f in fields(obj)}
    for key, value in table.items():
        if key in skip:
            continue
        if key not in known:
            raise ConfigError(f"[{where}] unknown key {key!r} (known: {', '.join(sorted(known))})")
        cur = getattr(obj, key)
        if isinstance(cur, bool):
            ok = isinstance(value, bool)
        elif isinstance(cur, float):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            value = float(value) if ok else value
        elif isinstance(cur, int):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif isinstance(cur, str):
            ok = isinstance(value, str)
        elif isinstance(cur, list):
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            ok = True
        if not ok:
            raise ConfigError(f"[{where}] {key} = {value!r}: expected {type(cur).__name__}")
        setattr(obj, key, value)


def _resolve(base: Path, value: str) -> str:
    if not value or value.startswith(("sqlite://", "postgresql")):
        return value
    return str((base / value).resolve()) if not os.path.isabs(value) else value


def load(path: str | os.PathLike[str] | None = None, *, text: str | None = None) -> Config:
    if text is None and path is None:
        return Config()
    p = Path(path) if path is not None else None
    raw_text = text if text is not None else p.read_text()  # type: ignore[union-attr]
    try:
        raw = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p or '<text>'}: {e}") from None
    base = p.parent if p is not None else Path.cwd()
    cfg = Config(path=p)
    allowed = {"desk", "acd", "auth", "sla", "escalation", "follow_up", "callbacks", "outage", "reports", "backup",
               "growth"}
    for k in raw:
        if k not in allowed:
            raise ConfigError(f"unknown table [{k}] (known: {', '.join(sorted(allowed))})")
    _fill(cfg.desk, raw.get("desk", {}), "desk")
    url = cfg.desk.database_url
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        rel = url[len("sqlite:///"):]
        if rel and rel != ":memory:":
            cfg.desk.database_url = "sqlite:///" + str((base / rel).resolve())
    acd = dict(raw.get("acd", {}))
    envs = {k: acd.pop(k + "_env", None) for k in ("token", "telephony_token")}
    _fill(cfg.acd, acd, "acd")
    for k, env in envs.items():
        if env:
            setattr(cfg.acd, k, os.environ.get(env, ""))
            if not getattr(cfg.acd, k):
                raise ConfigError(f"[acd] {k}_env {env!r} is not set")
    if cfg.acd.tls_ca:
        cfg.acd.tls_ca = _resolve(base, cfg.acd.tls_ca)
    for i, t in enumerate(raw.get("auth", {}).get("tokens", [])):
        where = f"auth.tokens[{i}]"
        if not isinstance(t, dict):
            raise ConfigError(f"[{where}] must be a table")
        extra = set(t) - {"name", "role", "token", "token_env", "agent_id"}
        if extra:
            raise ConfigError(f"[{where}] unknown keys {sorted(extra)}")
        secret = t.get("token") or (os.environ.get(t["token_env"], "") if t.get("token_env") else "")
        if len(secret) < 16:
            raise ConfigError(f"[{where}] token must have at least 16 characters")
        role = t.get("role", "")
        if role not in ROLES:
            raise ConfigError(f"[{where}] role {role!r} is not one of {', '.join(ROLES)}")
        if role == "agent" and not t.get("agent_id"):
            raise ConfigError(f"[{where}] an agent token needs agent_id")
        cfg.tokens.append(Token(str(t.get("name", f"token{i}")), role, secret, t.get("agent_id")))
    for k, v in raw.get("sla", {}).items():
        try:
            tt = TicketType[k.upper()]
        except KeyError:
            raise ConfigError(f"[sla] unknown ticket type {k!r}") from None
        if not isinstance(v, (int, float)) or v <= 0:
            raise ConfigError(f"[sla] {k} must be a positive number of hours")
        cfg.sla.hours[tt] = float(v)
    esc = dict(raw.get("escalation", {}))
    depts = esc.pop("departments", {})
    _fill(cfg.escalation, esc, "escalation")
    if not isinstance(depts, dict) or not all(isinstance(v, list) for v in depts.values()):
        raise ConfigError("[escalation.departments] maps a department to a list of supervisors")
    cfg.escalation.departments = {str(k): [str(x) for x in v] for k, v in depts.items()}
    _fill(cfg.follow_up, raw.get("follow_up", {}), "follow_up")
    _fill(cfg.callbacks, raw.get("callbacks", {}), "callbacks")
    _fill(cfg.outage, raw.get("outage", {}), "outage")
    _fill(cfg.reports, raw.get("reports", {}), "reports")
    _fill(cfg.backup, raw.get("backup", {}), "backup")
    cfg.backup.recordings_index = _resolve(base, cfg.backup.recordings_index)
    cfg.backup.acd_journal_dir = _resolve(base, cfg.backup.acd_journal_dir)
    o = cfg.outage
    if o.window <= 0 or o.min_reports < 1 or o.ratio < 1 or not (0 < o.max_p_value < 1) or not (0 < o.ewma_alpha <= 1):
        raise ConfigError("[outage] needs window > 0, min_reports >= 1, ratio >= 1, 0 < max_p_value < 1, "
                          "0 < ewma_alpha <= 1")
    if cfg.follow_up.max_attempts < 1:
        raise ConfigError("[follow_up] max_attempts must be at least 1")
    g = cfg.growth
    _fill(g, raw.get("growth", {}), "growth")
    for k in ("sms_addr", "bank_addr"):
        v = getattr(g, k)
        host, _, port = v.rpartition(":")
        if v and not (host and port.isdigit() and 0 < int(port) < 65536):
            raise ConfigError(f"[growth] {k} = {v!r}: expected host:port")
    if g.campaign_outcomes not in ("acd", "hook"):
        raise ConfigError(f"[growth] campaign_outcomes = {g.campaign_outcomes!r}: expected \"acd\" or \"hook\"")
    if not 0.05 <= g.dialer_interval <= 60 or not 0 <= g.report_grace <= 3600:
        raise ConfigError("[growth] needs 0.05 <= dialer_interval <= 60 and 0 <= report_grace <= 3600")
    return cfg
