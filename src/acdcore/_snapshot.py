"""The snapshot format shared by the compiled core and the pure twin.

A snapshot is a JSON-serialisable dict holding the whole state of a core: configuration,
agents and calls with their timers, statistics, counters and the random stream. A core
restored from it behaves exactly as the original would have (tests/test_snapshot.py restores
compiled snapshots into the pure twin and the other way round, then drives both).
"""

from __future__ import annotations

from typing import Any

from .enums import EmptyRule, Priority, RouteField, Strategy
from .errors import InvalidArgumentError
from .types import AgentConfig, PenaltyRule, QueueConfig, Route

VERSION = 1


def queue_to_dict(cfg: QueueConfig) -> dict[str, Any]:
    return {
        "name": cfg.name, "strategy": int(cfg.strategy), "wrap_up": cfg.wrap_up, "max_waiting": cfg.max_waiting,
        "offer_timeout": cfg.offer_timeout, "retry_delay": cfg.retry_delay,
        "service_level_threshold": cfg.service_level_threshold,
        "short_abandon_threshold": cfg.short_abandon_threshold, "weight": cfg.weight,
        "skills": dict(cfg.skills), "max_penalty": cfg.max_penalty,
        "penalty_rules": [[r.after, r.max_penalty] for r in cfg.penalty_rules],
        "overflow_after": cfg.overflow_after, "overflow_target": cfg.overflow_target,
        "join_empty": int(cfg.join_empty), "leave_empty": int(cfg.leave_empty),
        "max_priority_overtake": cfg.max_priority_overtake, "auto_pause_after": cfg.auto_pause_after,
        "default_handle_time": cfg.default_handle_time,
    }


def queue_from_dict(d: dict[str, Any]) -> QueueConfig:
    d = dict(d)
    d["strategy"] = Strategy(d["strategy"])
    d["join_empty"] = EmptyRule(d["join_empty"])
    d["leave_empty"] = EmptyRule(d["leave_empty"])
    d["penalty_rules"] = tuple(PenaltyRule(a, p) for a, p in d["penalty_rules"])
    return QueueConfig(**d)


def agent_to_dict(agent_id: str, skills: Any, queues: dict[str, int]) -> dict[str, Any]:
    return {"id": agent_id, "skills": dict(skills), "queues": dict(queues)}


def agent_from_dict(d: dict[str, Any]) -> AgentConfig:
    return AgentConfig(d["id"], skills=d["skills"], queues=d["queues"])


def route_to_dict(r: Route) -> dict[str, Any]:
    return {"pattern": r.pattern, "field": int(r.field), "queue": r.queue, "menu": r.menu,
            "priority": None if r.priority is None else int(r.priority), "reject": r.reject, "label": r.label}


def route_from_dict(d: dict[str, Any]) -> Route:
    return Route(d["pattern"], RouteField(d["field"]), queue=d["queue"], menu=d["menu"],
                 priority=None if d["priority"] is None else Priority(d["priority"]), reject=d["reject"],
                 label=d["label"])


def check(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != "acdcore-snapshot":
        raise InvalidArgumentError("not an acdcore snapshot", field="snapshot")
    if data.get("version") != VERSION:
        raise InvalidArgumentError(f"snapshot version {data.get('version')!r} is not {VERSION}", field="snapshot")
    return data
