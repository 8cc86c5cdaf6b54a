"""The ``[recording]`` table of the server configuration.

    [recording]
    enabled = true                      # false: RecordingService answers UNAVAILABLE
    storage_dir = "recordings"          # relative to [server] state_dir
    index_path = ""                     # default <storage_dir>/index.sqlite
    bind_host = "127.0.0.1"             # where RTP is received
    advertise_host = ""                 # what StartRecording tells Asterisk (default bind_host)
    port_range = [20000, 29999]         # RTP/RTCP port pairs, one per leg
    shared_ports = []                   # ports shared by many legs (0: any free port)
    store = "g711"                      # or "pcm16"
    timeout_seconds = 30                # a recording whose streams stop sending is closed
    delay_ms = 200                      # reorder window
    flush_ms = 500                      # at most this much audio lost by kill -9
    retention_days = 0                  # > 0: delete recordings older than this, hourly
    retention_queues = {}               # per-queue retention days, e.g. { complaints = 365 }
    rt_priority = 0                     # 1-99: SCHED_FIFO for the receive thread (CAP_SYS_NICE)
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_KEYS = {"enabled", "storage_dir", "index_path", "bind_host", "advertise_host", "port_range", "shared_ports",
         "store", "timeout_seconds", "delay_ms", "flush_ms", "retention_days", "retention_queues",
         "rt_priority"}


class SettingsError(ValueError):
    pass


@dataclass
class RecordingSettings:
    enabled: bool = True
    storage_dir: Path = Path("recordings")
    index_path: Path | None = None
    bind_host: str = "127.0.0.1"
    advertise_host: str | None = None
    port_range: tuple[int, int] = (20000, 29999)
    shared_ports: list[int] = field(default_factory=list)
    store: str = "g711"
    timeout_seconds: float = 30.0
    delay_ms: int = 200
    flush_ms: int = 500
    retention_days: float = 0.0
    retention_queues: dict[str, float] = field(default_factory=dict)
    rt_priority: int = 0


def _int(raw: dict[str, Any], key: str, lo: int, hi: int, default: int) -> int:
    v = raw.get(key, default)
    if not isinstance(v, int) or isinstance(v, bool) or not lo <= v <= hi:
        raise SettingsError(f"[recording] {key} must be an integer in {lo}..{hi}, got {v!r}")
    return v


def _num(raw: dict[str, Any], key: str, lo: float, default: float) -> float:
    v = raw.get(key, default)
    if not isinstance(v, (int, float)) or isinstance(v, bool) or v < lo:
        raise SettingsError(f"[recording] {key} must be a number >= {lo:g}, got {v!r}")
    return float(v)


def parse(raw: Any, state_dir: Path) -> RecordingSettings:
    """Check the raw TOML table; paths are relative to the server's state directory."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise SettingsError("[recording] must be a table")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise SettingsError(f"[recording] unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))})")
    s = RecordingSettings()
    en = raw.get("enabled", True)
    if not isinstance(en, bool):
        raise SettingsError(f"[recording] enabled must be true or false, got {en!r}")
    s.enabled = en
    for key in ("storage_dir", "index_path"):
        v = raw.get(key, "")
        if not isinstance(v, str):
            raise SettingsError(f"[recording] {key} must be a path")
        if v:
            setattr(s, key, state_dir / v)
    if "storage_dir" not in raw or not raw["storage_dir"]:
        s.storage_dir = state_dir / "recordings"
    for key in ("bind_host", "advertise_host"):
        v = raw.get(key, "")
        if not isinstance(v, str):
            raise SettingsError(f"[recording] {key} must be an IPv4 address")
        if v:
            try:
                ipaddress.IPv4Address(v)
            except ValueError:
                raise SettingsError(f"[recording] {key} must be an IPv4 address, got {v!r}") from None
            setattr(s, key, v)
    pr = raw.get("port_range", [20000, 29999])
    if (not isinstance(pr, list) or len(pr) != 2 or not all(isinstance(p, int) and not isinstance(p, bool)
                                                            for p in pr)
            or not 1024 <= pr[0] < pr[1] <= 65535 or pr[1] - pr[0] < 3):
        raise SettingsError(f"[recording] port_range must be [low, high] with 1024 <= low, low + 3 <= high <= "
                            f"65535, got {pr!r}")
    s.port_range = (pr[0], pr[1])
    sp = raw.get("shared_ports", [])
    if not isinstance(sp, list) or not all(isinstance(p, int) and not isinstance(p, bool) and 0 <= p <= 65535
                                           for p in sp):
        raise SettingsError(f"[recording] shared_ports must be a list of ports (0: any free one), got {sp!r}")
    s.shared_ports = list(sp)
    st = raw.get("store", "g711")
    if st not in ("g711", "pcm16"):
        raise SettingsError(f"[recording] store must be \"g711\" or \"pcm16\", got {st!r}")
    s.store = st
    s.timeout_seconds = _num(raw, "timeout_seconds", 1.0, 30.0)
    s.delay_ms = _int(raw, "delay_ms", 20, 2000, 200)
    s.flush_ms = _int(raw, "flush_ms", 20, 1000, 500)
    s.retention_days = _num(raw, "retention_days", 0.0, 0.0)
    s.rt_priority = _int(raw, "rt_priority", 0, 99, 0)
    rq = raw.get("retention_queues", {})
    if not isinstance(rq, dict) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0
                                           for v in rq.values()):
        raise SettingsError("[recording] retention_queues must be a table of queue = days (> 0)")
    if rq and not s.retention_days:
        raise SettingsError("[recording] retention_queues needs retention_days (the default for other queues)")
    s.retention_queues = {str(k): float(v) for k, v in rq.items()}
    return s
