"""The hook's side of the acdcore API: one asyncio client (role telephony), outage-aware.

The client is made without its own retries: the hook decides what an unreachable server
means for each caller (hold music and re-sending, then the fallback). Calls that must reach
the server exactly once whatever happens (CancelCall, CompleteCall, RejectOffer) go through
:meth:`AcdLink.deliver`, which retries in the background until the server answers.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable

import grpc

from acdcore_client import AsyncClient, errors

log = logging.getLogger("acdhook.acd")

#: codes meaning "the server is not there now" (retry later), not "the request is wrong"
TRANSIENT = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.CANCELLED)


def is_transient(e: BaseException) -> bool:
    return isinstance(e, errors.AcdApiError) and e.code in TRANSIENT and e.reason != "TOO_MANY_STREAMS"


class AcdLink:
    def __init__(self, target: str, token: str, *, tls_ca: str | None = None, timeout: float = 3.0,
                 retry_interval: float = 0.5) -> None:
        opts = [("grpc.initial_reconnect_backoff_ms", 100), ("grpc.min_reconnect_backoff_ms", 100),
                ("grpc.max_reconnect_backoff_ms", 1000), ("grpc.keepalive_time_ms", 10_000),
                ("grpc.keepalive_timeout_ms", 5_000), ("grpc.http2.max_pings_without_data", 0),
                ("grpc.keepalive_permit_without_calls", 1),
                # the hook decides itself what to re-send (deliver(), the outage handling); the
                # core's transparent-retry machinery only costs CPU on every call
                ("grpc.enable_retries", 0)]
        kw: dict[str, Any] = {"timeout": timeout, "retries": 1, "options": opts}
        if tls_ca:
            kw["tls_ca"] = tls_ca
        self.client = AsyncClient(target, token, **kw)
        self.timeout = timeout
        self.retry_interval = retry_interval
        self._bg: set[asyncio.Task[Any]] = set()
        self.pending = 0
        self.last_ok = time.monotonic()

    async def close(self) -> None:
        await self.drain(2.0)
        for t in list(self._bg):
            t.cancel()
        await self.client.close()

    async def drain(self, timeout: float) -> None:
        if self._bg:
            await asyncio.wait(list(self._bg), timeout=timeout)

    def spawn(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        t = asyncio.ensure_future(coro)
        self._bg.add(t)
        t.add_done_callback(self._bg.discard)
        return t

    def deliver(self, what: str, fn: Callable[[], Awaitable[Any]],
                final: Callable[[errors.AcdApiError], bool] | None = None) -> asyncio.Task[Any]:
        """Run ``fn`` until it succeeds or fails for a reason that is not transient."""

        async def run() -> Any:
            self.pending += 1
            try:
                delay = self.retry_interval
                while True:
                    try:
                        r = await fn()
                        self.last_ok = time.monotonic()
                        return r
                    except errors.AcdApiError as e:
                        if not is_transient(e):
                            if final is None or not final(e):
                                log.warning("%s failed: %s", what, e)
                            return e
                        log.info("%s: acdcore unreachable (%s), retrying", what, e.code.name)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 5.0)
            finally:
                self.pending -= 1

        return self.spawn(run())
