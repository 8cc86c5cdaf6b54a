"""Screen pop: on every CALL_OFFERED event acdcore sends, find who is calling and push it to the
offered agent's desktop streams before the agent answers. The delay from the offer (the
event's time, acdcore's clock) to the push is recorded (hub.delays) and sent in the pop."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from .. import convert
from ..callbacks import repo as cb_repo
from .lookup import lookup

if TYPE_CHECKING:
    from ..app import Desk

log = logging.getLogger("servicedesk.screenpop")

#: offers older than this when the desk sees them (a replay after a restart) pop no more
STALE_AFTER = 60.0


class ScreenPopper:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.failures = 0

    def offered(self, event: Any, cached: tuple[str, dict[str, str]] | None) -> asyncio.Task[Any] | None:
        t = event.time.seconds + event.time.nanos / 1e9
        if time.time() - t > STALE_AFTER:
            return None
        return self.desk.spawn(self._pop(event.call_id, event.agent_id, event.offer_id, event.queue, event.time, t,
                                         cached))

    async def _pop(self, call_id: str, agent_id: str, offer_id: int, queue: str, offer_ts: Any, t: float,
                   cached: tuple[str, dict[str, str]] | None) -> None:
        desk = self.desk
        try:
            prefix = desk.cfg.acd.call_id_prefix
            is_callback = bool(prefix) and call_id.startswith(prefix)
            caller, attrs = cached if cached is not None else ("", {})
            if cached is None and desk.acd is not None:
                try:
                    call = (await desk.acd.get_call(call_id, timeout=2.0)).call
                    caller, attrs = call.caller, dict(call.attributes)
                except Exception as e:  # noqa: BLE001 - pop what we know
                    log.info("GetCall %s failed: %s", call_id, e)

            def read(conn: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
                info = lookup(conn, caller, desk.cfg.desk.local_prefix, exclude_call=call_id)
                cb = cb_repo.by_call_id(conn, call_id) if is_callback else None
                return info, cb

            info, cb = await desk.db.read(read)
            msg = convert.screen_pop(info)
            msg.call_id = call_id
            msg.offer_id = offer_id
            msg.agent_id = agent_id
            msg.queue = queue
            msg.caller = caller
            msg.offer_time.CopyFrom(offer_ts)
            if cb is not None:
                msg.callback.CopyFrom(convert.callback(cb))
                if not attrs:  # the desk placed this call: it knows what it attached
                    attrs = desk.dispatcher.attributes(cb)
            msg.attributes.update(attrs)
            now = time.time()
            msg.push_time.CopyFrom(convert.ts(now))
            desk.hub.push(agent_id, call_id, msg, now - t)
        except Exception:  # noqa: BLE001 - one failed pop must not stop the others
            self.failures += 1
            log.exception("screen pop of %s for %s failed", call_id, agent_id)
