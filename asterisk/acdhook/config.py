"""The hook's configuration: one TOML file (asterisk/etc/acdcore-hook.toml is the shipped one).

:func:`load` checks everything up front and raises :class:`ConfigError` naming the key, so
a bad file never starts a half-working hook. Values that end up in AGI commands (endpoints,
prompt names, dialplan locations) are checked against strict patterns here: the hook only
ever dials what this file names.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    pass


_ENDPOINT_RE = re.compile(r"(PJSIP|SIP|IAX2|DAHDI|Local)/[A-Za-z0-9_.@:+-]{1,80}")
_PROMPT_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_/.-]{0,120}")
_DIALPLAN_RE = re.compile(r"[A-Za-z0-9_.+-]{1,80}")
_NAME_RE = re.compile(r"[A-Za-z0-9_.@:+-]{1,64}")
_DIGIT_RE = re.compile(r"[0-9*#]")
_DIGITS_RE = re.compile(r"[0-9]{0,8}")
_MOH_RE = re.compile(r"[A-Za-z0-9_-]{1,40}")

#: prompts the hook plays; each names an Asterisk sound file (without extension)
PROMPTS = {
    "welcome": "acdcore/welcome",
    "menu_main": "acdcore/menu-main",
    "invalid": "acdcore/invalid",
    "no_input": "acdcore/no-input",
    "goodbye": "acdcore/goodbye",
    "blocked": "acdcore/blocked",
    "all_busy": "acdcore/all-busy",
    "closed": "acdcore/closed",
    "please_hold": "acdcore/please-hold",
    "position": "acdcore/position",
    "ewt": "acdcore/ewt",
    "minutes": "acdcore/minutes",
    "callback_offer": "acdcore/callback-offer",
    "callback_confirm": "acdcore/callback-confirm",
    "callback_unavailable": "acdcore/callback-unavailable",
    "selfservice_unavailable": "acdcore/selfservice-unavailable",
    "connecting": "acdcore/connecting",
    "agent_logged_in": "acdcore/agent-logged-in",
    "agent_logged_out": "acdcore/agent-logged-out",
    "agent_paused": "acdcore/agent-paused",
    "agent_ready": "acdcore/agent-ready",
    "agent_error": "acdcore/agent-error",
    "transfer_failed": "acdcore/transfer-failed",
    "technical_problem": "acdcore/technical-problem",
}


@dataclass
class AgiSettings:
    listen: str = "127.0.0.1:4573"
    allow: list[str] = field(default_factory=lambda: ["127.0.0.0/8", "::1/128"])
    header_timeout: float = 5.0
    max_line: int = 4096
    max_lines: int = 64
    max_connections: int = 5000
    max_pending: int = 2000

    @property
    def host(self) -> str:
        return self.listen.rsplit(":", 1)[0].strip("[]")

    @property
    def port(self) -> int:
        return int(self.listen.rsplit(":", 1)[1])


@dataclass
class AcdSettings:
    target: str = "127.0.0.1:50051"
    token: str = ""
    tls_ca: str | None = None
    #: deadline of one API call, seconds
    timeout: float = 3.0
    #: seconds a caller may wait while acdcore is unreachable before the fallback
    outage_timeout: float = 60.0
    #: seconds between reconnection attempts during an outage
    retry_interval: float = 0.5


@dataclass
class AriSettings:
    url: str = ""
    username: str = ""
    password: str = ""
    app: str = "acdcore"

    @property
    def enabled(self) -> bool:
        return bool(self.url)


@dataclass
class MenuOption:
    digit: str
    label: str
    #: appended to the dialled number for prefix analysis (966551 -> queue general)
    route: str = ""
    #: a self-service function of the business application tried first (empty: none)
    selfservice: str = ""


@dataclass
class Menu:
    name: str
    prompt: str
    timeout: float = 5.0
    retries: int = 3
    #: digit taken when the caller chose nothing after every retry (empty: goodbye)
    default: str = ""
    options: dict[str, MenuOption] = field(default_factory=dict)


@dataclass
class HotlineSettings:
    number: str = "96655"
    answer: bool = True
    #: the menu when prefix analysis names none
    menu: str = "main"
    moh_class: str = ""
    #: seconds between position / expected-wait announcements (0: never)
    announce_interval: float = 30.0
    announce_position: bool = True
    announce_wait: bool = True
    #: where DTMF during the wait comes from: "ari" (any time, through an ARI subscription
    #: to the channel) or "prompted" (a WAIT FOR DIGIT window after each announcement)
    dtmf: str = "ari"
    digit_window: float = 3.0
    #: seconds an agent's phone rings (never beyond the offer's expiry)
    ring_timeout: float = 15.0
    #: extra Dial options (letters only; the hook adds m and U itself)
    dial_options: str = "t"
    answered_context: str = "acdcore-answered"
    #: seconds a blind-transferred call may take to reach the transfer script
    transfer_grace: float = 10.0
    #: how the hook follows waiting calls: "events" (one WatchEvents stream for all of them,
    #: position and expected wait read with GetCall when announced) or "call" (a WatchCall
    #: stream per waiting call, updates pushed)
    watch: str = "events"


@dataclass
class FallbackSettings:
    #: dialplan location the hook GOSUBs to when acdcore stays unreachable
    context: str = "acdcore-fallback"
    exten: str = "s"
    priority: str = "1"


@dataclass
class CallbackSettings:
    enabled: bool = True
    digit: str = "1"
    #: Dial target of the callback to the customer; {number} is the validated caller number
    endpoint: str = "PJSIP/{number}@trunk"
    number_pattern: str = r"0[0-9]{6,15}|1[0-9]{10}"
    caller_id: str = ""
    ring_timeout: float = 30.0
    store: str = "callbacks.jsonl"


@dataclass
class SelfServiceSettings:
    #: the business application's gRPC address (desk.v1.GrowthService); "": unavailable
    target: str = ""
    token: str = ""
    #: deadline of one business API call, seconds
    timeout: float = 10.0
    #: seconds the caller has for each digit, and tries per entry
    digit_timeout: float = 8.0
    retries: int = 3


@dataclass
class CampaignSettings:
    """Outbound telemarketing calls placed by the business platform through acdcore (calls
    with the attribute kind=campaign): the hook rings the agent acdcore offers the call to,
    asks the business application (desk.v1.GrowthService) for the number, rings the customer,
    detects answering machines, reports the outcome and bridges the two (campaign/)."""

    enabled: bool = False
    #: acdcore queues whose offers are watched for campaign calls (empty: all queues)
    queues: list[str] = field(default_factory=list)
    #: dial target of the customer; {number} is the number the business application returns,
    #: dialled only when it matches number_pattern
    endpoint: str = "PJSIP/{number}@trunk"
    number_pattern: str = r"0[0-9]{6,15}|1[0-9]{10}"
    caller_id: str = ""
    ring_timeout: float = 30.0
    #: answering-machine detection: the answered customer runs AMD() in amd_context (s,1),
    #: which returns it to the ARI application with AMDSTATUS (extensions.conf)
    amd: bool = True
    amd_context: str = "acdcore-campaign-amd"
    #: seconds from the customer's answer to AMD's verdict before the hook gives up on it
    amd_timeout: float = 10.0
    #: the business application's gRPC address and a token of role telephony
    desk_target: str = ""
    desk_token: str = ""
    desk_timeout: float = 5.0


@dataclass
class RecordingSettings:
    #: "off"; "grpc": StartRecording / StopRecording on acdcore's RecordingService; or
    #: "embedded": the hook runs acdcore's recorder (the rtp package) itself. Either way both
    #: legs are forked to the recorder over ARI (snoop + externalMedia; recording/).
    mode: str = "off"
    storage_dir: str = "/var/spool/acdcore/recordings"
    #: the recorder's SQLite index ("": <storage_dir>/index.sqlite)
    index: str = ""
    #: where the recorder receives RTP, and the address Asterisk is told to send to
    bind: str = "127.0.0.1"
    advertise: str = ""
    port_low: int = 30000
    port_high: int = 39999
    #: the externalMedia format, and the recording's codec: "ulaw" or "alaw"
    format: str = "ulaw"


@dataclass
class Config:
    path: Path | None
    agi: AgiSettings
    acd: AcdSettings
    ari: AriSettings
    hotline: HotlineSettings
    fallback: FallbackSettings
    callback: CallbackSettings
    prompts: dict[str, str]
    menus: dict[str, Menu]
    agents: dict[str, str]
    pause_reasons: dict[str, str]
    transfer_targets: dict[str, str]
    queue_log: str | None = None
    recording: RecordingSettings = field(default_factory=RecordingSettings)
    selfservice: SelfServiceSettings = field(default_factory=SelfServiceSettings)
    campaign: CampaignSettings = field(default_factory=CampaignSettings)

    @property
    def endpoint_agents(self) -> dict[str, str]:
        """Endpoint resource (agent-a01) to agent id, for feature codes from a phone."""
        return {ep.split("/", 1)[1]: a for a, ep in self.agents.items()}


def _fail(key: str, msg: str) -> ConfigError:
    return ConfigError(f"{key}: {msg}")


def _table(raw: dict[str, Any], key: str) -> dict[str, Any]:
    v = raw.get(key, {})
    if not isinstance(v, dict):
        raise _fail(key, "must be a table")
    return v


def _fill(obj: Any, table: dict[str, Any], key: str) -> None:
    for k, v in table.items():
        if not hasattr(obj, k):
            known = ", ".join(sorted(obj.__dataclass_fields__))
            raise _fail(f"{key}.{k}", f"unknown key (known: {known})")
        cur = getattr(obj, k)
        if isinstance(cur, bool):
            if not isinstance(v, bool):
                raise _fail(f"{key}.{k}", f"must be true or false, not {v!r}")
        elif isinstance(cur, float):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
                raise _fail(f"{key}.{k}", f"must be a number >= 0, not {v!r}")
            v = float(v)
        elif isinstance(cur, int):
            if isinstance(v, bool) or not isinstance(v, int) or v <= 0:
                raise _fail(f"{key}.{k}", f"must be an integer > 0, not {v!r}")
        elif isinstance(cur, list):
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise _fail(f"{key}.{k}", "must be a list of strings")
        elif cur is None or isinstance(cur, str):
            if not isinstance(v, str):
                raise _fail(f"{key}.{k}", f"must be a string, not {v!r}")
        setattr(obj, k, v)


def _secret(table: dict[str, Any], key: str, name: str) -> str:
    """A secret given as ``name`` or read from the environment variable ``name_env``."""
    env = table.pop(f"{name}_env", None)
    if env is not None:
        if name in table:
            raise _fail(f"{key}.{name}", f"give {name} or {name}_env, not both")
        val = os.environ.get(str(env), "")
        if not val:
            raise _fail(f"{key}.{name}_env", f"environment variable {env!r} is not set")
        return val
    v = table.pop(name, "")
    if not isinstance(v, str):
        raise _fail(f"{key}.{name}", "must be a string")
    return v


def load(path: str | os.PathLike[str] | None = None, *, text: str | None = None) -> Config:
    p = Path(path) if path is not None else None
    if text is None:
        if p is None:
            raise ConfigError("no configuration file given")
        try:
            text = p.read_text()
        except OSError as e:
            raise ConfigError(f"{p}: cannot read: {e.strerror}") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p or '<text>'}: TOML syntax: {e}") from None
    base = p.parent if p is not None else Path(".")
    known = {"agi", "acdcore", "ari", "hotline", "fallback", "callback", "prompts", "menus", "agents", "features",
             "transfer", "log", "recording", "selfservice", "campaign"}
    for k in raw:
        if k not in known:
            raise _fail(k, f"unknown section (known: {', '.join(sorted(known))})")

    agi = AgiSettings()
    _fill(agi, _table(raw, "agi"), "agi")
    if not re.fullmatch(r"(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}", agi.listen):
        raise _fail("agi.listen", f"must be host:port, not {agi.listen!r}")
    for a in agi.allow:
        try:
            ipaddress.ip_network(a, strict=False)
        except ValueError:
            raise _fail("agi.allow", f"{a!r} is not an address or network") from None

    acd_t = dict(_table(raw, "acdcore"))
    acd = AcdSettings()
    acd.token = _secret(acd_t, "acdcore", "token")
    _fill(acd, acd_t, "acdcore")
    if not acd.token:
        raise _fail("acdcore.token", "the hook needs a token of role telephony (token or token_env)")
    if acd.tls_ca:
        acd.tls_ca = str(base / acd.tls_ca)

    ari_t = dict(_table(raw, "ari"))
    ari = AriSettings()
    ari.password = _secret(ari_t, "ari", "password")
    _fill(ari, ari_t, "ari")
    if ari.url and not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", ari.url):
        raise _fail("ari.url", f"must be an http(s) URL, not {ari.url!r}")
    if not _NAME_RE.fullmatch(ari.app):
        raise _fail("ari.app", f"bad application name {ari.app!r}")

    hot = HotlineSettings()
    _fill(hot, _table(raw, "hotline"), "hotline")
    if not re.fullmatch(r"[0-9]{1,20}", hot.number):
        raise _fail("hotline.number", "must be digits")
    if hot.dtmf not in ("ari", "prompted"):
        raise _fail("hotline.dtmf", "must be \"ari\" or \"prompted\"")
    if hot.watch not in ("events", "call"):
        raise _fail("hotline.watch", "must be \"events\" or \"call\"")
    if hot.dtmf == "ari" and not ari.enabled:
        hot.dtmf = "prompted"
    if not re.fullmatch(r"[A-Za-z]{0,10}", hot.dial_options) or set(hot.dial_options) & set("mUFGgbBM"):
        raise _fail("hotline.dial_options", "letters only, and not m, U, F, G, g, b, B or M (the hook sets those)")
    if hot.moh_class and not _MOH_RE.fullmatch(hot.moh_class):
        raise _fail("hotline.moh_class", "bad music-on-hold class")
    if not _DIALPLAN_RE.fullmatch(hot.answered_context):
        raise _fail("hotline.answered_context", "bad context name")
    if hot.ring_timeout < 1:
        raise _fail("hotline.ring_timeout", "must be at least 1 second")

    fb = FallbackSettings()
    _fill(fb, _table(raw, "fallback"), "fallback")
    for k in ("context", "exten", "priority"):
        if not _DIALPLAN_RE.fullmatch(getattr(fb, k)):
            raise _fail(f"fallback.{k}", "bad dialplan name")

    cb = CallbackSettings()
    _fill(cb, _table(raw, "callback"), "callback")
    if not _DIGIT_RE.fullmatch(cb.digit):
        raise _fail("callback.digit", "must be one DTMF digit")
    if cb.endpoint.count("{number}") != 1 or not _ENDPOINT_RE.fullmatch(cb.endpoint.replace("{number}", "0")):
        raise _fail("callback.endpoint", "must be an endpoint such as PJSIP/{number}@trunk")
    try:
        re.compile(cb.number_pattern)
    except re.error as e:
        raise _fail("callback.number_pattern", str(e)) from None
    cb.store = str(base / cb.store)

    prompts = dict(PROMPTS)
    for k, v in _table(raw, "prompts").items():
        if k not in PROMPTS:
            raise _fail(f"prompts.{k}", f"unknown prompt (known: {', '.join(sorted(PROMPTS))})")
        if not isinstance(v, str) or not _PROMPT_RE.fullmatch(v) or ".." in v:
            raise _fail(f"prompts.{k}", f"bad sound file name {v!r}")
        prompts[k] = v

    menus: dict[str, Menu] = {}
    for name, m in _table(raw, "menus").items():
        key = f"menus.{name}"
        if not isinstance(m, dict) or not _NAME_RE.fullmatch(name):
            raise _fail(key, "must be a table named like a queue")
        m = dict(m)
        opts = m.pop("options", [])
        menu = Menu(name=name, prompt=str(m.pop("prompt", "menu_main")))
        for k, v in m.items():
            if k == "timeout":
                if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0.1 <= v <= 60:
                    raise _fail(f"{key}.timeout", "must be 0.1-60 seconds")
                menu.timeout = float(v)
            elif k == "retries":
                if not isinstance(v, int) or isinstance(v, bool) or not 1 <= v <= 10:
                    raise _fail(f"{key}.retries", "must be 1-10")
                menu.retries = v
            elif k == "default":
                menu.default = str(v)
            else:
                raise _fail(f"{key}.{k}", "unknown key (known: prompt, timeout, retries, default, options)")
        if menu.prompt not in prompts:
            raise _fail(f"{key}.prompt", f"names no prompt of [prompts]: {menu.prompt!r}")
        if not isinstance(opts, list) or not opts:
            raise _fail(f"{key}.options", "must be a non-empty array of tables")
        for i, o in enumerate(opts):
            okey = f"{key}.options[{i}]"
            if not isinstance(o, dict) or set(o) - {"digit", "label", "route", "selfservice"}:
                raise _fail(okey, "keys: digit, label, route, selfservice")
            d = o.get("digit", "")
            if not isinstance(d, str) or not _DIGIT_RE.fullmatch(d):
                raise _fail(f"{okey}.digit", "must be one DTMF digit")
            if d in menu.options:
                raise _fail(f"{okey}.digit", f"digit {d} is used twice")
            route = o.get("route", "")
            if not isinstance(route, str) or not _DIGITS_RE.fullmatch(route):
                raise _fail(f"{okey}.route", "must be digits appended to the dialled number")
            menu.options[d] = MenuOption(d, str(o.get("label", "")), route, str(o.get("selfservice", "")))
        if menu.default and menu.default not in menu.options:
            raise _fail(f"{key}.default", f"names no option digit: {menu.default!r}")
        menus[name] = menu
    if hot.menu not in menus:
        raise _fail("hotline.menu", f"names no [menus] table: {hot.menu!r}")

    agents: dict[str, str] = {}
    for a, ep in _table(raw, "agents").items():
        if not _NAME_RE.fullmatch(a):
            raise _fail(f"agents.{a}", "bad agent id")
        if not isinstance(ep, str) or not _ENDPOINT_RE.fullmatch(ep):
            raise _fail(f"agents.{a}", f"must be an endpoint such as PJSIP/agent-{a}, not {ep!r}")
        agents[a] = ep
    eps = [ep.split("/", 1)[1] for ep in agents.values()]
    if len(set(eps)) != len(eps):
        raise _fail("agents", "two agents share an endpoint")

    feat = _table(raw, "features")
    reasons: dict[str, str] = {"": "break"}
    for k, v in feat.items():
        if k != "pause_reasons":
            raise _fail(f"features.{k}", "unknown key (known: pause_reasons)")
        if not isinstance(v, dict):
            raise _fail("features.pause_reasons", "must be a table { code = reason }")
        for code, reason in v.items():
            if not re.fullmatch(r"[0-9]{0,4}", code) or not isinstance(reason, str) \
                    or not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", reason):
                raise _fail(f"features.pause_reasons.{code}", "code: 0-4 digits; reason: 1-64 of A-Z a-z 0-9 _ . -")
            reasons[code] = reason

    tr = _table(raw, "transfer")
    targets: dict[str, str] = {}
    for k, v in tr.items():
        if k != "targets":
            raise _fail(f"transfer.{k}", "unknown key (known: targets)")
        if not isinstance(v, dict):
            raise _fail("transfer.targets", "must be a table { digits = queue }")
        for code, q in v.items():
            if not re.fullmatch(r"[0-9]{1,8}", code) or not isinstance(q, str) or not _NAME_RE.fullmatch(q):
                raise _fail(f"transfer.targets.{code}", "digits = queue name")
            targets[code] = q

    lg = _table(raw, "log")
    qlog = None
    for k, v in lg.items():
        if k != "queue_log" or not isinstance(v, str):
            raise _fail(f"log.{k}", "known: queue_log = path")
        qlog = str(base / v) if v else None

    rec = RecordingSettings()
    _fill(rec, _table(raw, "recording"), "recording")
    if rec.mode not in ("off", "grpc", "embedded"):
        raise _fail("recording.mode", f"must be \"off\", \"grpc\" or \"embedded\", not {rec.mode!r}")
    if rec.mode != "off" and not ari.enabled:
        raise _fail("recording.mode", "recording forks the media over ARI: set [ari] url")
    if rec.format not in ("ulaw", "alaw"):
        raise _fail("recording.format", f"must be \"ulaw\" or \"alaw\", not {rec.format!r}")
    for k in ("bind", "advertise"):
        v = getattr(rec, k)
        if v:
            try:
                ipaddress.ip_address(v)
            except ValueError:
                raise _fail(f"recording.{k}", f"must be an IP address, not {v!r}") from None
    if not 1024 <= rec.port_low < rec.port_high <= 65535 or rec.port_high - rec.port_low < 3:
        raise _fail("recording.port_high", "need 1024 <= port_low < port_high <= 65535, room for two port pairs")
    rec.storage_dir = str(base / rec.storage_dir)
    if rec.index:
        rec.index = str(base / rec.index)

    ss_t = dict(_table(raw, "selfservice"))
    ss = SelfServiceSettings()
    ss.token = _secret(ss_t, "selfservice", "token")
    _fill(ss, ss_t, "selfservice")
    if ss.target and not re.fullmatch(r"(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}", ss.target):
        raise _fail("selfservice.target", f"must be host:port, not {ss.target!r}")
    if ss.target and not ss.token:
        raise _fail("selfservice.token", "the business application needs a token of role telephony (token or token_env)")
    if not 1 <= ss.retries <= 10:
        raise _fail("selfservice.retries", "must be 1-10")
    if not 1 <= ss.digit_timeout <= 60:
        raise _fail("selfservice.digit_timeout", "must be 1-60 seconds")

    cm_t = dict(_table(raw, "campaign"))
    cm = CampaignSettings()
    cm.desk_token = _secret(cm_t, "campaign", "desk_token")
    _fill(cm, cm_t, "campaign")
    for q in cm.queues:
        if not _NAME_RE.fullmatch(q):
            raise _fail("campaign.queues", f"bad queue name {q!r}")
    if cm.endpoint.count("{number}") != 1 or not _ENDPOINT_RE.fullmatch(cm.endpoint.replace("{number}", "0")):
        raise _fail("campaign.endpoint", "must be an endpoint such as PJSIP/{number}@trunk")
    try:
        re.compile(cm.number_pattern)
    except re.error as e:
        raise _fail("campaign.number_pattern", str(e)) from None
    if not 1 <= cm.ring_timeout <= 120:
        raise _fail("campaign.ring_timeout", "must be 1-120 seconds")
    if not 1 <= cm.amd_timeout <= 60:
        raise _fail("campaign.amd_timeout", "must be 1-60 seconds")
    if not _DIALPLAN_RE.fullmatch(cm.amd_context):
        raise _fail("campaign.amd_context", "bad context name")
    if cm.caller_id and not re.fullmatch(r"[0-9+]{1,32}", cm.caller_id):
        raise _fail("campaign.caller_id", "must be digits")
    if cm.desk_target and not re.fullmatch(r"(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}", cm.desk_target):
        raise _fail("campaign.desk_target", f"must be host:port, not {cm.desk_target!r}")
    if cm.enabled:
        if not ari.enabled:
            raise _fail("campaign.enabled", "campaign calls are originated over ARI: set [ari] url")
        if not cm.desk_target or not cm.desk_token:
            raise _fail("campaign.desk_target", "campaign calls need the business application's address and a "
                        "token of role telephony (desk_target, desk_token or desk_token_env)")

    return Config(p, agi, acd, ari, hot, fb, cb, prompts, menus, agents, reasons, targets, qlog, rec, ss,
                  cm)
