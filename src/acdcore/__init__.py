"""acdcore: a low-latency ACD (automatic call distribution) core for a hotline call center.

    >>> import acdcore
    >>> core = acdcore.Core()
    >>> core.create_queue(acdcore.QueueConfig("fault", wrap_up=10))

The queueing, routing and statistics path is compiled with Cython (``acdcore._queue``). A
pure-Python twin with the same semantics exists for differential tests and as the benchmark
baseline; it is used only when asked for explicitly with ``ACDCORE_PURE=1``, never as a
fallback for a missing build.
"""

from __future__ import annotations

import os as _os
from typing import TYPE_CHECKING

from . import errors
from .enums import (
    AgentState,
    CallState,
    EmptyRule,
    EventType,
    HangupBy,
    OfferEnd,
    Priority,
    RouteField,
    Strategy,
    Trigger,
)
from .errors import *  # noqa: F403
from .types import (
    AgentConfig,
    AgentInfo,
    AgentStats,
    Assignment,
    CallInfo,
    PenaltyRule,
    QueueConfig,
    QueueStats,
    Route,
    RouteDecision,
)

_pure = _os.environ.get("ACDCORE_PURE", "")
if _pure not in ("", "0", "1"):
    raise ImportError(f"ACDCORE_PURE must be 0 or 1, got {_pure!r}")

if TYPE_CHECKING:  # both implementations have the API of the compiled stubs
    from ._queue import Core, Event, Offer, RouteTable

    IMPLEMENTATION: str
elif _pure == "1":
    from ._pure.core import Core, Event, Offer
    from ._pure.routes import RouteTable

    IMPLEMENTATION = "pure"
else:
    try:
        from ._queue import Core, Event, Offer, RouteTable
    except ImportError as exc:  # pragma: no cover - exercised by tests/test_build.py
        raise ImportError(
            "acdcore's compiled core (acdcore._queue) is not built. Build it with `make build` "
            "(or `pip install -e .`, or `python setup.py build_ext --inplace`). "
            "To run the slow pure-Python twin instead, set ACDCORE_PURE=1 explicitly."
        ) from exc
    IMPLEMENTATION = "compiled"

__version__ = "0.1.0"

__all__ = [
    "AgentConfig",
    "AgentInfo",
    "AgentState",
    "AgentStats",
    "Assignment",
    "CallInfo",
    "CallState",
    "Core",
    "EmptyRule",
    "Event",
    "EventType",
    "HangupBy",
    "IMPLEMENTATION",
    "Offer",
    "OfferEnd",
    "PenaltyRule",
    "Priority",
    "QueueConfig",
    "QueueStats",
    "Route",
    "RouteDecision",
    "RouteField",
    "RouteTable",
    "Strategy",
    "Trigger",
    "errors",
    *errors.__all__,
]
