"""A menu option with ``selfservice = "<branch>"``: the caller is served by the business
application (desk.v1.GrowthService over gRPC, role telephony) before going on to the
option's queue.

``[selfservice] target`` names the business application's gRPC address. Empty (the
shipped default), unreachable, or a branch it does not offer: the caller hears the polite
``selfservice_unavailable`` prompt and goes on to an agent. The dialogues themselves
(balance and fee, packages, order and cancel by bank debit, prepaid cards) belong to the
business platform (``servicedesk.growth.ivr.SelfServiceIvr``); the hook lends them the
caller's AGI session (``AgiVoicePort``: STREAM FILE and WAIT FOR DIGIT, prompts under
``acdcore/ss-*``) and never sees account numbers or PINs itself. Outcomes go to the hook's
queue_log: ``SELFSERVICE|<branch>|<outcome>``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..agi.protocol import Session
    from ..config import SelfServiceSettings
    from ..qlog import QueueLog

log = logging.getLogger("acdhook.selfservice")


class SelfService:
    def __init__(self, settings: SelfServiceSettings, qlog: QueueLog) -> None:
        self.settings = settings
        self.qlog = qlog
        self._ivr: Any = None
        self._backend: Any = None
        self._port_cls: Any = None
        self.unavailable_reason = "" if settings.target else "no [selfservice] target"

    @property
    def enabled(self) -> bool:
        return bool(self.settings.target)

    def _load(self) -> bool:
        if self._ivr is not None:
            return True
        try:
            from servicedesk.growth.ivr import AgiVoicePort, GrpcBackend, SelfServiceIvr
        except ImportError as e:  # the business platform's package is not installed next to the hook
            self.unavailable_reason = f"servicedesk.growth.ivr not importable: {e}"
            return False
        s = self.settings
        self._backend = GrpcBackend(s.target, s.token, timeout=s.timeout)
        self._ivr = SelfServiceIvr(self._backend, retries=s.retries, digit_timeout=s.digit_timeout)
        self._port_cls = AgiVoicePort
        return True

    async def run(self, session: Session, branch: str, caller: str, call_id: str) -> str | None:
        """The branch's outcome, or None when self-service is unavailable (say so, go on)."""
        if not self.enabled or not self._load():
            self.qlog.write(call_id, "NONE", "NONE", "SELFSERVICEUNAVAIL", branch, self.unavailable_reason)
            return None
        try:
            outcome = str(await self._ivr.run(branch, self._port_cls(session, caller), call_id=call_id))
        except Exception as e:
            # the caller's hang-up and the connection's loss come from the session: re-raised
            from ..agi.protocol import CommandFailed, ConnectionLost
            from ..queueing.calls import CallerGone

            if isinstance(e, (CommandFailed, ConnectionLost, CallerGone)):
                raise
            log.error("call %s: self-service %s failed: %s", call_id, branch, e)
            self.qlog.write(call_id, "NONE", "NONE", "SELFSERVICEUNAVAIL", branch, type(e).__name__)
            return None
        self.qlog.write(call_id, "NONE", "NONE", "SELFSERVICE", branch, outcome)
        return outcome

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
            self._backend = None
