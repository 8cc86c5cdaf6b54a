"""What the hook knows of each call it carries, and the registry of them by call id and offer."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any


class CallerGone(Exception):
    """The caller's channel hung up (or Asterisk dropped the AGI connection)."""


@dataclass
class CallCtx:
    call_id: str
    caller: str
    dialled: str
    channel: str
    #: wall-clock arrival (the original enqueue time sent again after an outage)
    arrived: float = field(default_factory=time.time)
    queue: str = ""
    priority: int = 0
    attributes: dict[str, str] = field(default_factory=dict)
    #: the ACD holds the call (enqueued or transferred in)
    in_acd: bool = False
    #: CancelCall / CompleteCall / hand-over sent: the hook will send nothing more for it
    finished: str = ""
    offer_id: int = 0
    agent_id: str = ""
    accepted: bool = False
    accept_failed: bool = False
    answered_at: float = 0.0
    position: int = 0
    ewt: float | None = None
    #: a callback request: the caller hung up, the call keeps its place in the ACD
    virtual: bool = False
    #: the ARI channel id whose media a recording forks, when it is not the call id (an AGI
    #: call's id is its uniqueid, which is its ARI id; a campaign call's customer channel is not)
    media_channel: str = ""
    #: blind-transferred by its agent, waiting for the transfer script to claim it
    transferring: bool = False
    claimed: asyncio.Event = field(default_factory=asyncio.Event)
    #: the session (or manager) now in charge: older ones leave quietly
    owner: int = 0
    inbox: asyncio.Queue[tuple[Any, ...]] = field(default_factory=asyncio.Queue)
    #: the media fork of the recording (recording/seam.py), while recorded
    recording: Any = None


class Registry:
    def __init__(self) -> None:
        self.calls: dict[str, CallCtx] = {}
        self.offers: dict[int, CallCtx] = {}
        self._owner_seq = 0

    def new_owner(self) -> int:
        self._owner_seq += 1
        return self._owner_seq

    def add(self, ctx: CallCtx) -> None:
        self.calls[ctx.call_id] = ctx

    def get(self, call_id: str) -> CallCtx | None:
        return self.calls.get(call_id)

    def drop(self, ctx: CallCtx) -> None:
        if self.calls.get(ctx.call_id) is ctx:
            del self.calls[ctx.call_id]
        if ctx.offer_id and self.offers.get(ctx.offer_id) is ctx:
            del self.offers[ctx.offer_id]
