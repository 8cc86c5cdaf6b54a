"""State-changing operations as plain data: what the journal stores and replays.

An operation is ``(name, args)`` with JSON-serialisable ``args``; :func:`apply` performs it on
a core. The live server and the replay after a restart go through the same function, so a
journal replays exactly what was done. Configuration records are stored whole (every field),
so a later change of a default cannot change what a replay builds.
"""

from __future__ import annotations

from typing import Any, Callable

from acdcore import AgentConfig, HangupBy, PenaltyRule, Priority, QueueConfig, Route
from acdcore.enums import EmptyRule, RouteField, Strategy

# ---------------------------------------------------------------- records <-> dicts


def queue_to_dict(c: QueueConfig) -> dict[str, Any]:
    return {
        "name": c.name,
        "strategy": int(c.strategy),
        "wrap_up": c.wrap_up,
        "max_waiting": c.max_waiting,
        "offer_timeout": c.offer_timeout,
        "retry_delay": c.retry_delay,
        "service_level_threshold": c.service_level_threshold,
        "short_abandon_threshold": c.short_abandon_threshold,
        "weight": c.weight,
        "skills": dict(c.skills),
        "max_penalty": c.max_penalty,
        "penalty_rules": [[r.after, r.max_penalty] for r in c.penalty_rules],
        "overflow_after": c.overflow_after,
        "overflow_target": c.overflow_target,
        "join_empty": int(c.join_empty),
        "leave_empty": int(c.leave_empty),
        "max_priority_overtake": c.max_priority_overtake,
        "auto_pause_after": c.auto_pause_after,
        "default_handle_time": c.default_handle_time,
    }


def queue_from_dict(d: dict[str, Any]) -> QueueConfig:
    d = dict(d)
    d["strategy"] = Strategy(d["strategy"])
    d["join_empty"] = EmptyRule(d["join_empty"])
    d["leave_empty"] = EmptyRule(d["leave_empty"])
    d["penalty_rules"] = tuple(PenaltyRule(a, p) for a, p in d["penalty_rules"])
    return QueueConfig(**d)


def agent_to_dict(c: AgentConfig) -> dict[str, Any]:
    return {"id": c.id, "skills": dict(c.skills), "queues": [[q, p] for q, p in c.queues.items()]}


def agent_from_dict(d: dict[str, Any]) -> AgentConfig:
    return AgentConfig(d["id"], skills=dict(d["skills"]), queues={q: p for q, p in d["queues"]})


def route_to_dict(r: Route) -> dict[str, Any]:
    return {"pattern": r.pattern, "field": int(r.field), "queue": r.queue, "menu": r.menu,
            "priority": None if r.priority is None else int(r.priority), "reject": r.reject,
            "label": r.label}


def route_from_dict(d: dict[str, Any]) -> Route:
    return Route(d["pattern"], field=RouteField(d["field"]), queue=d["queue"], menu=d["menu"],
                 priority=None if d["priority"] is None else Priority(d["priority"]),
                 reject=d["reject"], label=d["label"])


# ---------------------------------------------------------------- apply


def _enqueue(core: Any, a: dict[str, Any]) -> Any:
    # target keys only in records of targeted calls (and none in journals from before them)
    return core.enqueue(a["call_id"], a["queue"], caller=a["caller"], dialled=a["dialled"],
                        priority=Priority(a["priority"]), skills=a["skills"], attributes=a["attributes"],
                        enqueue_time=a["enqueue_time"], target_agent=a.get("target_agent", ""),
                        target_timeout=a.get("target_timeout", 0.0))


_OPS: dict[str, Callable[[Any, dict[str, Any]], Any]] = {
    "create_queue": lambda core, a: core.create_queue(queue_from_dict(a["config"])),
    "update_queue": lambda core, a: core.update_queue(queue_from_dict(a["config"])),
    "delete_queue": lambda core, a: core.delete_queue(a["name"]),
    "add_agent": lambda core, a: core.add_agent(agent_from_dict(a["config"])),
    "update_agent": lambda core, a: core.update_agent(agent_from_dict(a["config"])),
    "remove_agent": lambda core, a: core.remove_agent(a["agent_id"]),
    "login": lambda core, a: core.login(a["agent_id"]),
    "logout": lambda core, a: core.logout(a["agent_id"]),
    "set_ready": lambda core, a: core.set_ready(a["agent_id"]),
    "pause": lambda core, a: core.pause(a["agent_id"], a["reason"]),
    "enqueue": _enqueue,
    "accept": lambda core, a: core.accept(a["offer_id"]),
    "reject": lambda core, a: core.reject(a["offer_id"]),
    "complete": lambda core, a: core.complete(a["call_id"], hangup_by=HangupBy(a["hangup_by"])),
    "cancel": lambda core, a: core.cancel(a["call_id"]),
    "transfer": lambda core, a: core.transfer(a["call_id"], a["queue"]),
    "replace_routes": lambda core, a: core.replace_routes([route_from_dict(r) for r in a["routes"]]),
    # bookkeeping of the server itself; no effect on the core
    "config_applied": lambda core, a: None,
}

OPS = frozenset(_OPS)


def apply(core: Any, name: str, args: dict[str, Any]) -> Any:
    try:
        fn = _OPS[name]
    except KeyError:
        raise ValueError(f"unknown journal operation {name!r}") from None
    return fn(core, args)
