"""Errors on the wire and the servicer method wrappers.

Every failure is ``context.abort_with_status`` with a status carrying a
``google.rpc.ErrorInfo`` (domain ``servicedesk.acdcore.io``, reason e.g. TICKET_CONFLICT,
ILLEGAL_TICKET_TRANSITION, metadata e.g. ``field``), and a ``google.rpc.BadRequest`` naming the
field for INVALID_ARGUMENT; the reason is repeated in the trailing metadata ``desk-reason``.
Database trouble maps to ABORTED (a constraint raced: CONSTRAINT_CONFLICT) or UNAVAILABLE
(DATABASE_UNAVAILABLE); anything else is INTERNAL without details.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, Awaitable, Callable, Mapping, TypeVar

import grpc
from google.protobuf import any_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc import aio
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from .errors import DeskError

log = logging.getLogger("servicedesk.rpc")

DOMAIN = "servicedesk.acdcore.io"
REASON_KEY = "desk-reason"


class _Status(grpc.Status):  # type: ignore[misc]
    def __init__(self, code: grpc.StatusCode, details: str, trailing_metadata: Any) -> None:
        self.code = code
        self.details = details
        self.trailing_metadata = trailing_metadata


def build_status(code: grpc.StatusCode, message: str, reason: str,
                 metadata: Mapping[str, str] | None = None) -> grpc.Status:
    detail = any_pb2.Any()
    detail.Pack(error_details_pb2.ErrorInfo(reason=reason, domain=DOMAIN, metadata=dict(metadata or {})))
    st = status_pb2.Status(code=code.value[0], message=message, details=[detail])
    field = (metadata or {}).get("field")
    if code == grpc.StatusCode.INVALID_ARGUMENT and field:
        br = any_pb2.Any()
        br.Pack(error_details_pb2.BadRequest(field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field=field, description=message)]))
        st.details.append(br)
    return _Status(code, message, (("grpc-status-details-bin", st.SerializeToString()), (REASON_KEY, reason)))


def status_for(exc: BaseException) -> grpc.Status:
    if isinstance(exc, DeskError):
        return build_status(getattr(grpc.StatusCode, exc.code, grpc.StatusCode.UNKNOWN), exc.message, exc.reason,
                            exc.details)
    if isinstance(exc, IntegrityError):
        return build_status(grpc.StatusCode.ABORTED, "a concurrent change conflicted with this one; try again",
                            "CONSTRAINT_CONFLICT")
    if isinstance(exc, (OperationalError, PoolTimeout)):
        return build_status(grpc.StatusCode.UNAVAILABLE, "the database is unavailable or busy; try again",
                            "DATABASE_UNAVAILABLE")
    return build_status(grpc.StatusCode.INTERNAL, "internal error", "INTERNAL")


async def abort_status(context: aio.ServicerContext, code: grpc.StatusCode, message: str, reason: str,
                       metadata: Mapping[str, str] | None = None) -> None:
    await context.abort_with_status(build_status(code, message, reason, metadata))


T = TypeVar("T")


def rpc(fn: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    @functools.wraps(fn)
    async def wrapper(self: Any, request: Any, context: aio.ServicerContext) -> T:
        remaining = context.time_remaining()
        if remaining is not None and remaining <= 0:
            await abort_status(context, grpc.StatusCode.DEADLINE_EXCEEDED, "the deadline expired before the "
                               "request was handled", "DEADLINE_EXPIRED")
        try:
            return await fn(self, request, context)
        except aio.AbortError:
            raise
        except (DeskError, IntegrityError, OperationalError, PoolTimeout) as exc:
            if not isinstance(exc, DeskError):
                log.warning("%s: %s", fn.__qualname__, exc)
            await context.abort_with_status(status_for(exc))
        except Exception:
            log.exception("%s failed", fn.__qualname__)
            await context.abort_with_status(status_for(RuntimeError()))
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper


def rpc_stream(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    async def wrapper(self: Any, request: Any, context: aio.ServicerContext) -> Any:
        try:
            async for item in fn(self, request, context):
                yield item
        except asyncio.CancelledError:
            return
        except aio.AbortError:
            raise
        except (DeskError, IntegrityError, OperationalError, PoolTimeout) as exc:
            await context.abort_with_status(status_for(exc))
        except Exception:
            log.exception("%s failed", fn.__qualname__)
            await context.abort_with_status(status_for(RuntimeError()))

    return wrapper
