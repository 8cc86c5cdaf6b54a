"""Queues: configuration and statistics."""

from __future__ import annotations

from acdcore import QueueConfig, QueueStats

from .. import ops
from ..common import ServiceBase

CFG_FIELDS = {"overflow_target": "config.overflow_target", "queue name": "config.name",
              "skills": "config.skills"}
NAME_FIELDS = {"queue name": "name"}


class QueueService(ServiceBase):
    async def create(self, cfg: QueueConfig) -> QueueConfig:
        return await self.run("create_queue", {"config": ops.queue_to_dict(cfg)}, fields=CFG_FIELDS,
                              after=lambda core, _r: core.get_queue(cfg.name))

    async def update(self, cfg: QueueConfig) -> QueueConfig:
        return await self.run("update_queue", {"config": ops.queue_to_dict(cfg)}, fields=CFG_FIELDS,
                              after=lambda core, _r: core.get_queue(cfg.name))

    async def delete(self, name: str) -> None:
        await self.run("delete_queue", {"name": name}, fields=NAME_FIELDS)

    def get(self, name: str) -> QueueConfig:
        return self.query(lambda c: c.get_queue(name), NAME_FIELDS)

    def list(self) -> list[QueueConfig]:
        return self.query(lambda c: [c.get_queue(n) for n in c.queue_names()])

    def stats(self, name: str) -> QueueStats:
        return self.query(lambda c: c.queue_stats(name), {"queue name": "queue"})

    def all_stats(self) -> list[QueueStats]:
        return self.query(lambda c: [c.queue_stats(n) for n in c.queue_names()])
