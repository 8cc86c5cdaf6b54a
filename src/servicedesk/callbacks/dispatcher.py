"""Places due callbacks as calls through acdcore: EnqueueCall with priority PRIORITY, the
request's time as enqueue_time (the requester keeps their place in line) and attributes that
mark the call (kind=callback|follow_up, callback, ticket, number). The Asterisk hook originates
the outbound leg when acdcore offers the call to an agent. Refusals (queue full or empty,
acdcore unreachable) count as a failed attempt and are retried after the retry delay."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from ..enums import CallbackKind
from ..tickets.service import Effects
from . import repo, service

if TYPE_CHECKING:
    from ..app import Desk

log = logging.getLogger("servicedesk.callbacks")

PRIORITY = 2  # acd.v1 PRIORITY_PRIORITY


class Dispatcher:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.wake = asyncio.Event()
        self.placed = 0
        self.refused = 0

    def attributes(self, row: dict[str, Any]) -> dict[str, str]:
        kind = "follow_up" if row["kind"] == CallbackKind.FOLLOW_UP else "callback"
        attrs = {"kind": kind, "callback": str(row["id"]), "number": row["number"], "attempt": str(row["attempts"])}
        if row["ticket_id"]:
            attrs["ticket"] = str(row["ticket_id"])
        return attrs

    async def place(self, row: dict[str, Any]) -> None:
        desk = self.desk
        acd = desk.acd_calls
        if acd is None:
            raise RuntimeError("no acdcore connection")
        try:
            await acd.enqueue_call(row["call_id"], row["queue"], caller=row["number"], priority=PRIORITY,
                                   attributes=self.attributes(row), enqueue_time=row["requested_at"])
            self.placed += 1
        except Exception as e:  # noqa: BLE001 - any refusal is a failed attempt
            reason = getattr(e, "reason", "") or type(e).__name__
            if reason in ("CALL_EXISTS",):  # already placed (a restart re-sending): fine
                return
            self.refused += 1
            log.warning("callback %s: acdcore refused %s: %s", row["id"], row["call_id"], e)
            fx = Effects()
            await desk.db.write(service.attempt_failed, desk.cfg, row["call_id"],
                                f"acdcore refused the call ({reason})", desk.clock(), fx)
            await desk.after(fx)

    async def run_once(self) -> int:
        desk = self.desk
        rows = await desk.db.write(service.claim_due, desk.cfg, desk.clock())
        for row in rows:
            await self.place(row)
        return len(rows)

    async def resend_queued(self) -> None:
        """After a restart: send the QUEUED attempts again (EnqueueCall is idempotent on the call id)."""
        rows = await self.desk.db.read(lambda c: repo.in_states(c, [2]))
        for row in rows:
            await self.place(row)

    async def run(self) -> None:
        desk = self.desk
        poll = desk.cfg.follow_up.poll_interval
        try:
            await self.resend_queued()
        except Exception:  # noqa: BLE001
            log.exception("re-sending queued callbacks failed")
        while True:
            try:
                n = await self.run_once()
                if n:
                    continue
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - keep dispatching
                log.exception("callback dispatch failed")
            try:
                await asyncio.wait_for(self.wake.wait(), timeout=poll)
            except asyncio.TimeoutError:
                pass
            self.wake.clear()
