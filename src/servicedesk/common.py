"""Helpers shared by the servicers."""

from __future__ import annotations

from . import auth
from .errors import InvalidArgument, PermissionDenied


def actor() -> str:
    """Who acts, for the history: the token's name."""
    return auth.principal().name


def acting_agent(agent_id: str, field: str = "agent_id") -> str:
    who = auth.principal()
    if who.role == auth.AGENT:
        if agent_id and agent_id != who.agent_id:
            raise PermissionDenied(f"token {who.name!r} acts only as agent {who.agent_id!r}", reason="NOT_YOUR_AGENT",
                                   field=field)
        return who.agent_id or ""
    if not agent_id:
        raise InvalidArgument(field, "is required")
    return agent_id


def is_agent() -> bool:
    return auth.principal().role == auth.AGENT
