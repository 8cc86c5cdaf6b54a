"""Calls: enqueue (with prefix analysis), cancel, transfer, look up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import grpc

from acdcore import CallInfo, Priority, RouteDecision
from acdcore.errors import AcdError, StateError, UnknownAgentError, UnknownCallError

from ..common import ServiceBase
from ..convert import FieldError
from ..errors import ApiError

ENQUEUE_FIELDS = {"call id": "call_id", "call_id": "call_id", "queue name": "queue", "caller": "caller",
                  "dialled": "dialled", "priority": "priority", "call skills": "skills", "skill name": "skills",
                  "level of skill": "skills", "skills": "skills", "attribute": "attributes",
                  "attributes": "attributes", "enqueue_time": "enqueue_time",
                  "target agent id": "target_agent_id", "target_timeout": "target_timeout"}
CALL_FIELDS = {"call id": "call_id", "call_id": "call_id", "queue name": "queue"}


@dataclass
class Enqueued:
    call: CallInfo
    offer: Any
    duplicate: bool
    decision: RouteDecision


class RouteRejected(StateError):
    reason = "ROUTE_REJECTED"


class NoRoute(StateError):
    reason = "NO_ROUTE"


def check_numbers(caller: str, dialled: str) -> None:
    """Caller and dialled number, each checked on its own so the error names the field."""
    from acdcore.types import MAX_NUMBER_LEN, check_text

    check_text(caller, "caller", MAX_NUMBER_LEN)
    check_text(dialled, "dialled", MAX_NUMBER_LEN)


class CallService(ServiceBase):
    async def enqueue(self, call_id: str, queue: str, *, caller: str, dialled: str, priority: int,
                      skills: Mapping[str, int], attributes: Mapping[str, str],
                      enqueue_time: float | None, target_agent: str = "",
                      target_timeout: float = 0.0) -> Enqueued:
        check_numbers(caller, dialled)
        decision = self.query(lambda c: c.lookup_number(caller, dialled), ENQUEUE_FIELDS)
        if not queue:
            if decision.reject:
                raise RouteRejected(f"prefix analysis rejects the call: {decision.reject}", reason=None,
                                    caller=caller, dialled=dialled)
            if decision.queue is None:
                where = f" (it routes to IVR menu {decision.menu!r})" if decision.menu else ""
                raise NoRoute(f"no queue given and no route names one for caller {caller!r}, dialled "
                              f"{dialled!r}{where}", caller=caller, dialled=dialled)
            queue = decision.queue
        prio = priority if priority else int(decision.priority)

        def existed(core: Any) -> bool:
            try:
                core.get_call(call_id)
                return True
            except AcdError:
                return False

        dup = self.query(existed)
        args = {"call_id": call_id, "queue": queue, "caller": caller, "dialled": dialled, "priority": prio,
                "skills": dict(skills), "attributes": dict(attributes), "enqueue_time": enqueue_time}
        # only targeted calls carry the keys: other records stay as they were (and journals
        # written before targeting existed replay unchanged)
        if target_agent:
            args["target_agent"] = target_agent
        if target_timeout:
            args["target_timeout"] = target_timeout
        try:
            return await self.run("enqueue", args, fields=ENQUEUE_FIELDS,
                                  after=lambda core, offer: Enqueued(core.get_call(call_id), offer, dup, decision))
        except UnknownAgentError as exc:
            # the missing agent is a request field, not the resource addressed: INVALID_ARGUMENT
            raise FieldError("target_agent_id", exc.message, reason=exc.reason) from None

    async def cancel(self, call_id: str) -> int:
        state = self.query(lambda c: c.get_call(call_id).state, CALL_FIELDS)
        await self.run("cancel", {"call_id": call_id}, fields=CALL_FIELDS)
        from acdcore import CallState
        return int(CallState.COMPLETED if state == CallState.CONNECTED else CallState.ABANDONED)

    async def transfer(self, call_id: str, queue: str) -> tuple[CallInfo | None, Any]:
        def after(core: Any, offer: Any) -> tuple[CallInfo | None, Any]:
            try:
                return core.get_call(call_id), offer
            except AcdError:  # ended at once (e.g. a leave-empty rule)
                return None, offer

        return await self.run("transfer", {"call_id": call_id, "queue": queue}, after=after, fields=CALL_FIELDS)

    def get(self, call_id: str) -> CallInfo:
        return self.query(lambda c: c.get_call(call_id), CALL_FIELDS)

    def list(self, queue: str) -> list[CallInfo]:
        if queue:
            return self.query(lambda c: [c.get_call(i) for i in c.waiting_calls(queue, targeted=True)],
                              CALL_FIELDS)
        return self.query(lambda c: [c.get_call(i) for i in c.call_ids()])

    def owner(self, call_id: str) -> str | None:
        return self.get(call_id).agent_id


def not_with_agent(call_id: str, agent_id: str, *, own: bool) -> ApiError:
    if own:
        return ApiError(grpc.StatusCode.PERMISSION_DENIED, "NOT_YOUR_CALL",
                        f"call {call_id!r} is not with agent {agent_id!r}", call_id=call_id, agent_id=agent_id)
    return ApiError(grpc.StatusCode.FAILED_PRECONDITION, "CALL_NOT_WITH_AGENT",
                    f"call {call_id!r} is not with agent {agent_id!r}", call_id=call_id, agent_id=agent_id)


__all__ = ["CallService", "Enqueued", "NoRoute", "RouteRejected", "UnknownCallError", "not_with_agent"]
