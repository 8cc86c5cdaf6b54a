"""Fan-out of new alerts to WatchAlerts streams (in memory; the rows are in the database)."""

from __future__ import annotations

import asyncio
from typing import Any


class AlertBus:
    def __init__(self, buffer: int = 1000) -> None:
        self.buffer = buffer
        self._subs: set[asyncio.Queue[dict[str, Any] | None]] = set()

    def subscribe(self) -> asyncio.Queue[dict[str, Any] | None]:
        q: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue(self.buffer)
        self._subs.add(q)
        return q

    def unsubscribe(self, q: asyncio.Queue[dict[str, Any] | None]) -> None:
        self._subs.discard(q)

    def publish(self, alerts: list[dict[str, Any]]) -> None:
        for a in alerts:
            for q in list(self._subs):
                try:
                    q.put_nowait(a)
                except asyncio.QueueFull:  # a stalled watcher: end its stream; it resumes by alert id
                    self._subs.discard(q)
                    while not q.empty():
                        q.get_nowait()
                    q.put_nowait(None)

    def close(self) -> None:
        for q in list(self._subs):
            while not q.empty():
                q.get_nowait()
            q.put_nowait(None)
        self._subs.clear()
