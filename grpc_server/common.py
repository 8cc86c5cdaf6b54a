"""What the capability folders share: running an operation durably, and request checks."""

from __future__ import annotations

from typing import Any, Callable, Mapping

import grpc

from acdcore.errors import AcdError, InvalidArgumentError

from . import auth
from .convert import FieldError
from .engine import Engine
from .errors import ApiError


class ServiceBase:
    """A service applies requests to the core through the engine and journals them."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    async def run(self, op: str, args: dict[str, Any], after: Callable[[Any, Any], Any] | None = None,
                  fields: Mapping[str, str] | None = None) -> Any:
        """Execute ``op``; ``after(core, result)`` reads the outcome at once (before the commit,
        so it shows exactly this operation's effect); reply only once it is durable."""
        eng = self.engine
        try:
            result, idx = eng.execute(op, args)
        except AcdError as exc:
            idx = getattr(exc, "journal_index", 0)
            if idx:
                await eng.commit(idx)  # the refusal left a trace: report it once durable
            if fields:
                remap(exc, fields)
            raise
        out = after(eng.core, result) if after is not None else result
        await eng.commit(idx)
        return out

    def query(self, fn: Callable[[Any], Any], fields: Mapping[str, str] | None = None) -> Any:
        try:
            return self.engine.query(fn)
        except AcdError as exc:
            if fields:
                remap(exc, fields)
            raise


def remap(exc: AcdError, fields: Mapping[str, str]) -> None:
    """Rename the core's field name in an InvalidArgumentError to the request's field path."""
    if isinstance(exc, InvalidArgumentError) and not isinstance(exc, FieldError):
        f = exc.details.get("field")
        if f is not None:
            for key, path in fields.items():
                if f == key or f.startswith(key):
                    exc.details["field"] = path
                    break


def require(value: Any, field: str, what: str) -> None:
    if not value:
        raise FieldError(field, f"{what} is required")


def acting_agent(agent_id: str, field: str = "agent_id", *, required: bool = True) -> str:
    """The agent a request acts as: role agent may name only itself (or leave it empty)."""
    who = auth.principal()
    if who.role == auth.AGENT:
        if agent_id and agent_id != who.agent_id:
            raise ApiError(grpc.StatusCode.PERMISSION_DENIED, "NOT_YOUR_AGENT",
                           f"token {who.name!r} acts only as agent {who.agent_id!r}", field=field)
        return who.agent_id or ""
    if required and not agent_id:
        raise FieldError(field, "agent_id is required")
    return agent_id


def is_agent_role() -> bool:
    return auth.principal().role == auth.AGENT
