"""Agents: definitions, states and offers."""

from __future__ import annotations

from typing import Any

from acdcore import AgentConfig, AgentInfo, AgentState

from .. import ops
from ..common import ServiceBase

AGENT_FIELDS = {"agent id": "agent_id", "pause reason": "reason", "offer id": "offer_id", "offer_id": "offer_id",
                "call id": "call_id", "call_id": "call_id", "hangup_by": "hangup_by", "queue name": "queue"}


class AgentService(ServiceBase):
    async def create(self, cfg: AgentConfig) -> AgentInfo:
        return await self.run("add_agent", {"config": ops.agent_to_dict(cfg)},
                              after=lambda core, _r: core.get_agent(cfg.id),
                              fields={"queue name": "config.queues", "agent id": "config.agent_id"})

    async def update(self, cfg: AgentConfig) -> AgentInfo:
        return await self.run("update_agent", {"config": ops.agent_to_dict(cfg)},
                              after=lambda core, _r: core.get_agent(cfg.id),
                              fields={"queue name": "config.queues", "agent id": "config.agent_id"})

    async def delete(self, agent_id: str) -> None:
        await self.run("remove_agent", {"agent_id": agent_id}, fields=AGENT_FIELDS)

    async def state_op(self, op: str, agent_id: str, **extra: Any) -> tuple[AgentInfo, Any]:
        return await self.run(op, {"agent_id": agent_id, **extra}, fields=AGENT_FIELDS,
                              after=lambda core, offer: (core.get_agent(agent_id), offer))

    async def accept(self, offer_id: int) -> tuple[Any, AgentInfo]:
        a = self.query(lambda c: c.explain(offer_id))

        def after(core: Any, _r: Any) -> tuple[Any, AgentInfo]:
            return core.get_call(a.call_id), core.get_agent(a.agent_id)

        return await self.run("accept", {"offer_id": offer_id}, after=after, fields=AGENT_FIELDS)

    async def reject(self, offer_id: int, agent_id: str) -> AgentInfo:
        return await self.run("reject", {"offer_id": offer_id}, fields=AGENT_FIELDS,
                              after=lambda core, _r: core.get_agent(agent_id))

    async def complete(self, call_id: str, hangup_by: int, agent_id: str) -> AgentInfo:
        return await self.run("complete", {"call_id": call_id, "hangup_by": hangup_by}, fields=AGENT_FIELDS,
                              after=lambda core, _r: core.get_agent(agent_id))

    def offer_owner(self, offer_id: int) -> str | None:
        """The agent an offer went to (None if the core keeps no record of it)."""
        from acdcore.errors import UnknownOfferError

        try:
            return self.query(lambda c: c.explain(offer_id)).agent_id
        except UnknownOfferError:
            return None

    def get(self, agent_id: str) -> AgentInfo:
        return self.query(lambda c: c.get_agent(agent_id), AGENT_FIELDS)

    def list(self, queue: str, state: AgentState | None) -> list[AgentInfo]:
        def q(core: Any) -> list[AgentInfo]:
            if queue:
                core.get_queue(queue)  # NOT_FOUND for an unknown queue
            out = []
            for i in core.agent_ids():
                a = core.get_agent(i)
                if queue and queue not in a.queues:
                    continue
                if state is not None and a.state != state:
                    continue
                out.append(a)
            return out

        return self.query(q, {"queue name": "queue"})
