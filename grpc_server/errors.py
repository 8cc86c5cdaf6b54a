"""Errors on the wire: a status code, a human message and a ``google.rpc.ErrorInfo``.

Every core exception has a ``code`` (the gRPC status name) and a ``reason`` (the ErrorInfo
reason, e.g. QUEUE_FULL, AGENT_NOT_LOGGED_IN) and string ``details`` (ErrorInfo metadata).
The server aborts with ``context.abort_with_status(rpc_status.to_status(status))`` where the
status carries the ErrorInfo (domain ``acdcore.io``) and, for INVALID_ARGUMENT, a BadRequest
naming the request field. The reason is repeated in the trailing metadata ``acd-reason`` for
clients without the google.rpc protos.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, Awaitable, Callable, Mapping, TypeVar

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc import aio

from acdcore.errors import AcdError

try:
    from grpc_status import rpc_status
except ImportError:  # pragma: no cover - grpcio-status missing: the same 10 lines
    class _Status(grpc.Status):  # type: ignore[misc]
        def __init__(self, code: grpc.StatusCode, details: str, trailing_metadata: Any) -> None:
            self.code = code
            self.details = details
            self.trailing_metadata = trailing_metadata

    class rpc_status:  # type: ignore[no-redef]  # noqa: N801
        @staticmethod
        def to_status(status: status_pb2.Status) -> grpc.Status:
            code = next(c for c in grpc.StatusCode if c.value[0] == status.code)
            return _Status(code, status.message, (("grpc-status-details-bin", status.SerializeToString()),))

log = logging.getLogger("acdcore.errors")

DOMAIN = "acdcore.io"
REASON_KEY = "acd-reason"


class ApiError(Exception):
    """An error the transport layer raises itself (auth, limits, bad requests)."""

    def __init__(self, code: grpc.StatusCode, reason: str, message: str, **metadata: Any) -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.metadata = {k: str(v) for k, v in metadata.items() if v is not None}


def permission_denied(message: str, **md: Any) -> ApiError:
    return ApiError(grpc.StatusCode.PERMISSION_DENIED, "NOT_YOUR_AGENT", message, **md)


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
    s = rpc_status.to_status(st)
    # the reason also as plain metadata, readable without the google.rpc protos
    s = _WithReason(s.code, s.details, tuple(s.trailing_metadata) + ((REASON_KEY, reason),))
    return s


class _WithReason(grpc.Status):  # type: ignore[misc]
    def __init__(self, code: grpc.StatusCode, details: str, trailing_metadata: Any) -> None:
        self.code = code
        self.details = details
        self.trailing_metadata = trailing_metadata


def status_for(exc: BaseException) -> grpc.Status:
    if isinstance(exc, AcdError):
        code = getattr(grpc.StatusCode, exc.code, grpc.StatusCode.UNKNOWN)
        return build_status(code, exc.message, exc.reason, exc.details)
    if isinstance(exc, ApiError):
        return build_status(exc.code, exc.message, exc.reason, exc.metadata)
    return build_status(grpc.StatusCode.INTERNAL, "internal error", "INTERNAL")


async def abort_status(context: aio.ServicerContext, code: grpc.StatusCode, message: str, reason: str,
                       metadata: Mapping[str, str] | None = None) -> None:
    await context.abort_with_status(build_status(code, message, reason, metadata))


T = TypeVar("T")


def rpc(fn: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
    """Servicer method wrapper: deadline check first, core/API errors to statuses."""

    @functools.wraps(fn)
    async def wrapper(self: Any, request: Any, context: aio.ServicerContext) -> T:
        remaining = context.time_remaining()
        if remaining is not None and remaining <= 0:
            await abort_status(context, grpc.StatusCode.DEADLINE_EXCEEDED, "the deadline expired before the "
                               "request was handled", "DEADLINE_EXPIRED")
        try:
            return await fn(self, request, context)
        except (AcdError, ApiError) as exc:
            await context.abort_with_status(status_for(exc))
        except aio.AbortError:
            raise
        except Exception:
            log.exception("%s failed", fn.__qualname__)
            await context.abort_with_status(status_for(RuntimeError()))
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper


def rpc_stream(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The same for server-streaming methods (async generators)."""

    @functools.wraps(fn)
    async def wrapper(self: Any, request: Any, context: aio.ServicerContext) -> Any:
        try:
            async for item in fn(self, request, context):
                yield item
        except asyncio.CancelledError:
            return  # the client went away (or the server stops): nothing to report to anyone
        except (AcdError, ApiError) as exc:
            await context.abort_with_status(status_for(exc))
        except aio.AbortError:
            raise
        except Exception:
            log.exception("%s failed", fn.__qualname__)
            await context.abort_with_status(status_for(RuntimeError()))

    return wrapper


__all__ = ["ApiError", "DOMAIN", "REASON_KEY", "abort_status", "build_status", "code_pb2", "permission_denied",
           "rpc", "rpc_stream", "status_for"]
