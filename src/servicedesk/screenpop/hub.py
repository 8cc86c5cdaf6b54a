"""Per-agent desktop streams: the pop of the call offered to or connected with each agent, and
the queues of the agent's WatchDesktop streams. Runs on the event loop only."""

from __future__ import annotations

import asyncio
from typing import Any


class DesktopHub:
    def __init__(self, buffer: int = 100) -> None:
        self.buffer = buffer
        self.current: dict[str, dict[str, Any]] = {}   # agent -> {call_id: pop message}
        self._watchers: dict[str, set[asyncio.Queue[Any]]] = {}
        self.pushed = 0
        self.delays: list[float] = []   # offer event time -> push, seconds (last 100,000)

    def watch(self, agent_id: str) -> asyncio.Queue[Any]:
        q: asyncio.Queue[Any] = asyncio.Queue(self.buffer)
        self._watchers.setdefault(agent_id, set()).add(q)
        return q

    def unwatch(self, agent_id: str, q: asyncio.Queue[Any]) -> None:
        s = self._watchers.get(agent_id)
        if s is not None:
            s.discard(q)
            if not s:
                del self._watchers[agent_id]

    def watchers(self, agent_id: str) -> int:
        return len(self._watchers.get(agent_id, ()))

    def push(self, agent_id: str, call_id: str, pop: Any, delay: float | None = None) -> int:
        self.current.setdefault(agent_id, {})[call_id] = pop
        self.pushed += 1
        if delay is not None:
            self.delays.append(delay)
            if len(self.delays) > 100_000:
                del self.delays[:50_000]
        n = 0
        for q in list(self._watchers.get(agent_id, ())):
            try:
                q.put_nowait(pop)
                n += 1
            except asyncio.QueueFull:  # a desktop that stopped reading: drop it, it reconnects
                self.unwatch(agent_id, q)
                while not q.empty():
                    q.get_nowait()
                q.put_nowait(None)
        return n

    def call_ended(self, agent_id: str, call_id: str) -> None:
        pops = self.current.get(agent_id)
        if pops is not None:
            pops.pop(call_id, None)
            if not pops:
                del self.current[agent_id]

    def drop_call(self, call_id: str) -> None:
        for agent in list(self.current):
            self.call_ended(agent, call_id)

    def close(self) -> None:
        for s in list(self._watchers.values()):
            for q in s:
                while not q.empty():
                    q.get_nowait()
                q.put_nowait(None)
        self._watchers.clear()
