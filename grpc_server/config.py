"""The server's configuration: one TOML file (see default_config.py for every key).

:func:`load` parses and checks everything (syntax, types, every queue, agent and route with
the core's own validation, and the references between them by building them in a scratch
core) and raises :class:`ConfigError` with ``file:line: message`` on the first problem, so a
bad file on SIGHUP is refused before anything changes.
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import acdcore
from acdcore import AgentConfig, PenaltyRule, Priority, QueueConfig, Route
from acdcore.enums import EmptyRule, RouteField, Strategy
from acdcore.errors import AcdError

from .default_config import DEFAULT_CONFIG

ROLES = ("admin", "supervisor", "agent", "telephony", "business")
MIN_TOKEN_LEN = 16


class ConfigError(Exception):
    """A configuration problem, with the file and line it is on when known."""


@dataclass(frozen=True)
class Token:
    name: str
    role: str
    secret: str
    agent_id: str | None = None


@dataclass
class ServerSettings:
    listen: list[str] = field(default_factory=lambda: ["127.0.0.1:50051"])
    state_dir: Path = Path("var")
    journal_dir: Path | None = None
    fsync: bool = True
    #: journal segments written full of zeros first and overwritten in place (journal.py)
    journal_preallocate: bool = True
    journal_segment_bytes: int = 64 * 1024 * 1024
    allow_insecure: bool = False
    max_receive_message_bytes: int = 1 << 20
    max_send_message_bytes: int = 64 << 20
    max_concurrent_rpcs: int = 2000
    max_streams: int = 200
    max_connection_streams: int = 200
    subscriber_buffer: int = 20000
    event_history: int = 200000
    grace_period: float = 5.0
    keepalive_time: float = 30.0
    keepalive_timeout: float = 10.0
    min_client_ping_interval: float = 10.0
    seed: int = 0
    snapshot_every: int = 100000

    @property
    def journal_path(self) -> Path:
        return self.journal_dir if self.journal_dir is not None else self.state_dir / "journal"


@dataclass
class TlsSettings:
    cert_file: Path | None = None
    key_file: Path | None = None
    client_ca_file: Path | None = None

    @property
    def enabled(self) -> bool:
        return self.cert_file is not None


@dataclass
class Config:
    path: Path | None
    server: ServerSettings
    tls: TlsSettings
    tokens: list[Token]
    token_file: Path | None
    skills: dict[str, str]
    queues: dict[str, QueueConfig]
    agents: dict[str, AgentConfig]
    routes: list[Route] | None
    recording: dict[str, Any] = field(default_factory=dict)  # checked by grpc_server.recordings.settings


class _Locator:
    """Line numbers for keys of a TOML text (tomllib keeps none)."""

    _HDR = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(#.*)?$")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers: list[tuple[int, str, bool]] = []  # (line index, table name, is array)
        for i, ln in enumerate(self.lines):
            m = self._HDR.match(ln)
            if m and not ln.strip().startswith("#"):
                self.headers.append((i, m.group(1).strip(), ln.strip().startswith("[[")))

    def _table_span(self, name: str, nth: int | None) -> tuple[int, int] | None:
        k = -1
        for j, (i, tname, is_arr) in enumerate(self.headers):
            if tname != name:
                continue
            k += 1
            if nth is None or k == nth:
                end = self.headers[j + 1][0] if j + 1 < len(self.headers) else len(self.lines)
                return i, end
        return None

    def line(self, path: list[Any]) -> int | None:
        """1-based line of e.g. ["queues", 2, "wrap_up"] or ["server", "listen"]."""
        if not path:
            return None
        table, rest = str(path[0]), path[1:]
        nth = None
        if rest and isinstance(rest[0], int):
            nth, rest = rest[0], rest[1:]
        span = self._table_span(table, nth)
        if span is None and rest:
            # a sub-table such as [auth] with tokens = [...]
            span = self._table_span(f"{table}.{rest[0]}", rest[1] if len(rest) > 1 and isinstance(rest[1], int)
                                    else None)
            if span is not None:
                rest = rest[2:] if len(rest) > 1 and isinstance(rest[1], int) else rest[1:]
        if span is None:
            return None
        start, end = span
        key = next((r for r in rest if isinstance(r, str)), None)
        if key is not None:
            pat = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
            for i in range(start + 1, end):
                if pat.match(self.lines[i]):
                    return i + 1
        return start + 1


def _where(path: Path | None) -> str:
    return str(path) if path is not None else "<default config>"


class _Ctx:
    def __init__(self, path: Path | None, text: str) -> None:
        self.path = path
        self.loc = _Locator(text)

    def fail(self, keypath: list[Any], msg: str) -> ConfigError:
        line = self.loc.line(keypath)
        dotted = ".".join(f"[{k}]" if isinstance(k, int) else str(k) for k in keypath).replace(".[", "[")
        where = _where(self.path) + (f":{line}" if line else "")
        return ConfigError(f"{where}: {dotted}: {msg}")


def _enum(ctx: _Ctx, kp: list[Any], cls: Any, value: Any) -> Any:
    if not isinstance(value, str) or value.upper() not in cls.__members__:
        names = ", ".join(m.lower() for m in cls.__members__)
        raise ctx.fail(kp, f"must be one of {names}, not {value!r}")
    return cls[value.upper()]


def _check_keys(ctx: _Ctx, kp: list[Any], table: Any, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ctx.fail(kp, "must be a table")
    for k in table:
        if k not in allowed:
            raise ctx.fail(kp + [k], f"unknown key (known: {', '.join(sorted(allowed))})")
    return table


_SERVER_TYPES: dict[str, tuple[type, ...]] = {
    "listen": (list,), "state_dir": (str,), "journal_dir": (str,), "fsync": (bool,), "allow_insecure": (bool,),
    "max_receive_message_bytes": (int,), "max_send_message_bytes": (int,), "max_concurrent_rpcs": (int,),
    "max_streams": (int,), "max_connection_streams": (int,), "subscriber_buffer": (int,),
    "event_history": (int,), "grace_period": (int, float), "keepalive_time": (int, float),
    "keepalive_timeout": (int, float), "min_client_ping_interval": (int, float), "seed": (int,),
    "snapshot_every": (int,), "journal_preallocate": (bool,), "journal_segment_bytes": (int,),
}

_QUEUE_KEYS = {"name", "description", "strategy", "wrap_up", "max_waiting", "offer_timeout", "retry_delay",
               "service_level_threshold", "short_abandon_threshold", "weight", "skills", "max_penalty",
               "penalty_rules", "overflow_after", "overflow_target", "join_empty", "leave_empty",
               "max_priority_overtake", "auto_pause_after", "default_handle_time"}


def is_loopback(addr: str) -> bool:
    host = addr.rsplit(":", 1)[0].strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _parse_server(ctx: _Ctx, raw: Any, base: Path) -> ServerSettings:
    t = _check_keys(ctx, ["server"], raw, set(_SERVER_TYPES))
    s = ServerSettings()
    for k, v in t.items():
        types = _SERVER_TYPES[k]
        if isinstance(v, bool) and bool not in types or not isinstance(v, types):
            raise ctx.fail(["server", k], f"must be {' or '.join(x.__name__ for x in types)}, not {v!r}")
        if k == "listen":
            if not v or not all(isinstance(a, str) and re.fullmatch(r"(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}", a)
                                for a in v):
                raise ctx.fail(["server", k], "must be a non-empty list of \"host:port\" strings")
            s.listen = list(v)
        elif k in ("state_dir", "journal_dir"):
            setattr(s, k, (base / v) if v else None)
        elif isinstance(v, (int, float)) and not isinstance(v, bool) and k != "seed" and v <= 0:
            raise ctx.fail(["server", k], f"must be > 0, not {v!r}")
        elif k == "journal_segment_bytes" and not 65536 <= v <= 1 << 30:
            raise ctx.fail(["server", k], f"must be between 65536 and 1073741824, not {v!r}")
        else:
            setattr(s, k, float(v) if float in types else v)
    if s.state_dir is None:
        raise ctx.fail(["server", "state_dir"], "must not be empty")
    return s


def _parse_tls(ctx: _Ctx, raw: Any, base: Path) -> TlsSettings:
    t = _check_keys(ctx, ["tls"], raw, {"cert_file", "key_file", "client_ca_file"})
    tls = TlsSettings()
    for k, v in t.items():
        if not isinstance(v, str) or not v:
            raise ctx.fail(["tls", k], "must be a file path")
        p = base / v
        if not p.is_file():
            raise ctx.fail(["tls", k], f"no such file: {p}")
        setattr(tls, k, p)
    if (tls.cert_file is None) != (tls.key_file is None):
        raise ctx.fail(["tls"], "cert_file and key_file go together")
    if tls.client_ca_file is not None and tls.cert_file is None:
        raise ctx.fail(["tls", "client_ca_file"], "mTLS needs cert_file and key_file too")
    return tls


def _parse_tokens(ctx: _Ctx, entries: Any, kp: list[Any]) -> list[Token]:
    if not isinstance(entries, list):
        raise ctx.fail(kp, "must be an array of tables [[tokens]]")
    out = []
    for i, e in enumerate(entries):
        ekp = kp + [i]
        _check_keys(ctx, ekp, e, {"name", "role", "token", "token_env", "agent_id"})
        role = e.get("role")
        if role not in ROLES:
            raise ctx.fail(ekp + ["role"], f"must be one of {', '.join(ROLES)}, not {role!r}")
        if ("token" in e) == ("token_env" in e):
            raise ctx.fail(ekp, "give exactly one of token and token_env")
        if "token_env" in e:
            secret = os.environ.get(str(e["token_env"]), "")
            if not secret:
                raise ctx.fail(ekp + ["token_env"], f"environment variable {e['token_env']!r} is not set")
        else:
            secret = e["token"]
        if not isinstance(secret, str) or len(secret) < MIN_TOKEN_LEN or not secret.isprintable() or " " in secret:
            raise ctx.fail(ekp + ["token"], f"a token is at least {MIN_TOKEN_LEN} printable characters, no spaces")
        agent_id = e.get("agent_id")
        if role == "agent":
            try:
                acdcore.types.check_name(agent_id, "agent_id")
            except AcdError:
                raise ctx.fail(ekp + ["agent_id"], "role agent needs the agent_id it acts as") from None
        elif agent_id is not None:
            raise ctx.fail(ekp + ["agent_id"], "only role agent takes an agent_id")
        name = e.get("name", f"{role}-{i}")
        out.append(Token(name=str(name), role=role, secret=secret, agent_id=agent_id))
    return out


def _queue(ctx: _Ctx, i: int, q: Any) -> QueueConfig:
    kp: list[Any] = ["queues", i]
    t = _check_keys(ctx, kp, q, _QUEUE_KEYS)
    kw = {k: v for k, v in t.items() if k != "description"}
    for k in ("strategy", "join_empty", "leave_empty"):
        if k in kw:
            kw[k] = _enum(ctx, kp + [k], Strategy if k == "strategy" else EmptyRule, kw[k])
    if "penalty_rules" in kw:
        rules = []
        if not isinstance(kw["penalty_rules"], list):
            raise ctx.fail(kp + ["penalty_rules"], "must be an array of { after, max_penalty }")
        for r in kw["penalty_rules"]:
            if not isinstance(r, dict) or set(r) != {"after", "max_penalty"}:
                raise ctx.fail(kp + ["penalty_rules"], "each rule is { after = seconds, max_penalty = n }")
            try:
                rules.append(PenaltyRule(r["after"], r["max_penalty"]))
            except AcdError as e:
                raise ctx.fail(kp + ["penalty_rules"], str(e)) from None
        kw["penalty_rules"] = tuple(rules)
    try:
        return QueueConfig(**kw)
    except AcdError as e:
        f = e.details.get("field", "")
        key = {"queue name": "name", "queue skills": "skills", "skill name": "skills"}.get(f, f)
        raise ctx.fail(kp + [key if key in _QUEUE_KEYS else "name"], str(e)) from None
    except TypeError as e:
        raise ctx.fail(kp, str(e)) from None


def _agent(ctx: _Ctx, i: int, a: Any) -> AgentConfig:
    kp: list[Any] = ["agents", i]
    t = _check_keys(ctx, kp, a, {"id", "skills", "queues", "name"})
    if not isinstance(t.get("queues", {}), dict):
        raise ctx.fail(kp + ["queues"], "must be a table { queue = penalty, ... }")
    try:
        return AgentConfig(t.get("id"), skills=t.get("skills", {}), queues=t.get("queues", {}))  # type: ignore[arg-type]
    except AcdError as e:
        f = e.details.get("field", "")
        key = "id" if f == "agent id" else "queues" if ("queue" in f) else "skills"
        raise ctx.fail(kp + [key], str(e)) from None


def _route(ctx: _Ctx, i: int, r: Any) -> Route:
    kp: list[Any] = ["routes", i]
    t = _check_keys(ctx, kp, r, {"pattern", "field", "queue", "menu", "priority", "reject", "label"})
    kw = dict(t)
    if "field" in kw:
        kw["field"] = _enum(ctx, kp + ["field"], RouteField, kw["field"])
    if "priority" in kw:
        kw["priority"] = _enum(ctx, kp + ["priority"], Priority, kw["priority"])
    try:
        return Route(**kw)
    except AcdError as e:
        f = e.details.get("field", "pattern")
        key = {"route queue": "queue", "route menu": "menu", "route reject reason": "reject",
               "route label": "label"}.get(f, "pattern")
        raise ctx.fail(kp + [key], str(e)) from None
    except TypeError as e:
        raise ctx.fail(kp, str(e)) from None


def load_token_file(path: Path) -> list[Token]:
    text = path.read_text()
    ctx = _Ctx(path, text)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: {e}") from None
    _check_keys(ctx, [], raw, {"tokens"})
    return _parse_tokens(ctx, raw.get("tokens", []), ["tokens"])


def write_token_file(path: Path, agent_ids: list[str] = ()) -> list[Token]:  # type: ignore[assignment]
    """Create a token file with one random token per role (and per listed agent)."""
    toks = [Token(name=r, role=r, secret=secrets.token_urlsafe(24)) for r in ROLES if r != "agent"]
    toks += [Token(name=f"agent-{a}", role="agent", secret=secrets.token_urlsafe(24), agent_id=a)
             for a in agent_ids]
    lines = ["# acdcore bearer tokens: keep this file private (mode 0600)\n"]
    for t in toks:
        lines.append(f'[[tokens]]\nname = "{t.name}"\nrole = "{t.role}"\ntoken = "{t.secret}"\n'
                     + (f'agent_id = "{t.agent_id}"\n' if t.agent_id else "") + "\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("".join(lines))
    return toks


def load(path: str | os.PathLike[str] | None = None, *, text: str | None = None,
         create_tokens: bool = False) -> Config:
    """Parse and check a configuration; ``path=None`` is the built-in default."""
    p = Path(path) if path is not None else None
    if text is None:
        if p is None:
            text = DEFAULT_CONFIG
        else:
            try:
                text = p.read_text()
            except OSError as e:
                raise ConfigError(f"{p}: cannot read: {e.strerror}") from None
    base = p.parent if p is not None else Path(".")
    ctx = _Ctx(p, text)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        where = _where(p) + (f":{m.group(1)}" if m else "")
        raise ConfigError(f"{where}: TOML syntax: {e}") from None
    _check_keys(ctx, [], raw, {"server", "tls", "auth", "skills", "queues", "agents", "routes",
                             "recording"})
    server = _parse_server(ctx, raw.get("server", {}), base)
    tls = _parse_tls(ctx, raw.get("tls", {}), base)
    auth = _check_keys(ctx, ["auth"], raw.get("auth", {}), {"token_file", "tokens"})
    tokens = _parse_tokens(ctx, auth.get("tokens", []), ["auth", "tokens"])
    token_file = None
    if "token_file" in auth:
        if not isinstance(auth["token_file"], str) or not auth["token_file"]:
            raise ctx.fail(["auth", "token_file"], "must be a file path")
        token_file = base / auth["token_file"]
        if not token_file.exists() and create_tokens:
            write_token_file(token_file)
        if token_file.exists():
            try:
                tokens += load_token_file(token_file)
            except OSError as e:
                raise ctx.fail(["auth", "token_file"], f"cannot read {token_file}: {e.strerror}") from None
        elif p is None:
            pass  # the built-in default creates it on its first start
        else:
            raise ctx.fail(["auth", "token_file"], f"no such file: {token_file}")
    seen: dict[str, str] = {}
    for t in tokens:
        if t.secret in seen:
            raise ctx.fail(["auth"], f"tokens {seen[t.secret]!r} and {t.name!r} are the same secret")
        seen[t.secret] = t.name
    skills_raw = raw.get("skills", {})
    if not isinstance(skills_raw, dict) or not all(isinstance(v, str) for v in skills_raw.values()):
        raise ctx.fail(["skills"], 'must be a table of skill = "description"')
    for s in skills_raw:
        try:
            acdcore.types.check_name(s, "skill name")
        except AcdError as e:
            raise ctx.fail(["skills", s], str(e)) from None
    queues: dict[str, QueueConfig] = {}
    for i, q in enumerate(raw.get("queues", [])):
        qc = _queue(ctx, i, q)
        if qc.name in queues:
            raise ctx.fail(["queues", i, "name"], f"queue {qc.name!r} is defined twice")
        if skills_raw:
            for s in qc.skills:
                if s not in skills_raw:
                    raise ctx.fail(["queues", i, "skills"], f"skill {s!r} is not declared in [skills]")
        queues[qc.name] = qc
    agents: dict[str, AgentConfig] = {}
    for i, a in enumerate(raw.get("agents", [])):
        ac = _agent(ctx, i, a)
        if ac.id in agents:
            raise ctx.fail(["agents", i, "id"], f"agent {ac.id!r} is defined twice")
        if skills_raw:
            for s in ac.skills:
                if s not in skills_raw:
                    raise ctx.fail(["agents", i, "skills"], f"skill {s!r} is not declared in [skills]")
        for qn in ac.queues:
            if qn not in queues:
                raise ctx.fail(["agents", i, "queues"], f"queue {qn!r} is not defined in [[queues]]")
        agents[ac.id] = ac
    routes = None
    if "routes" in raw:
        routes = [_route(ctx, i, r) for i, r in enumerate(raw["routes"])]
    for t in tokens:
        if t.role == "agent" and agents and t.agent_id not in agents:
            pass  # an agent created later through the API may use it
    from .recordings.settings import SettingsError, parse as parse_recording
    try:
        parse_recording(raw.get("recording", {}), server.state_dir)
    except SettingsError as e:
        raise ctx.fail(["recording"], str(e)) from None
    cfg = Config(path=p, server=server, tls=tls, tokens=tokens, token_file=token_file,
                 skills=dict(skills_raw), queues=queues, agents=agents, routes=routes,
                 recording=raw.get("recording", {}))
    _dry_run(ctx, cfg)
    return cfg


def _dry_run(ctx: _Ctx, cfg: Config) -> None:
    """Build everything in a scratch core: references and core limits are checked too."""
    core = acdcore.Core(clock=lambda: 0.0)
    names = list(cfg.queues)
    pending = list(names)
    created: set[str] = set()
    while pending:
        progress = False
        for n in list(pending):
            tgt = cfg.queues[n].overflow_target
            if tgt is None or tgt in created:
                try:
                    core.create_queue(cfg.queues[n])
                except AcdError as e:
                    raise ctx.fail(["queues", names.index(n)], str(e)) from None
                created.add(n)
                pending.remove(n)
                progress = True
            elif tgt not in cfg.queues:
                raise ctx.fail(["queues", names.index(n), "overflow_target"], f"queue {tgt!r} is not defined")
        if not progress:
            raise ctx.fail(["queues", names.index(pending[0]), "overflow_target"],
                           "overflow targets form a cycle: " + " -> ".join(pending))
    ids = list(cfg.agents)
    for i, a in enumerate(cfg.agents.values()):
        try:
            core.add_agent(a)
        except AcdError as e:
            raise ctx.fail(["agents", i], str(e)) from None
    if cfg.routes is not None:
        try:
            core.replace_routes(cfg.routes)
        except AcdError as e:
            bad = e.details.get("queue") or e.details.get("pattern")
            idx = next((i for i, r in enumerate(cfg.routes) if bad in (r.queue, r.pattern)), 0)
            raise ctx.fail(["routes", idx], str(e)) from None
    del ids
