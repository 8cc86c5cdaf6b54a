"""Typed errors of the acd.v1 API: every failed call raises an :class:`AcdApiError` subclass
chosen by status code, carrying the ``google.rpc.ErrorInfo`` reason (``QUEUE_FULL``,
``AGENT_NOT_LOGGED_IN``, ...), its metadata and the request field at fault, if any."""

from __future__ import annotations

from typing import Any

import grpc
from google.rpc import error_details_pb2, status_pb2


class AcdApiError(Exception):
    """A failed acd.v1 call."""

    def __init__(self, code: grpc.StatusCode, message: str, reason: str = "",
                 metadata: dict[str, str] | None = None, domain: str = "") -> None:
        super().__init__(f"{code.name}: {message}" + (f" [{reason}]" if reason else ""))
        self.code = code
        self.message = message
        #: the ErrorInfo reason, e.g. QUEUE_FULL; "" when the server sent none (transport errors)
        self.reason = reason
        self.metadata = metadata or {}
        self.domain = domain

    @property
    def field(self) -> str | None:
        """The request field at fault (INVALID_ARGUMENT), e.g. ``config.wrap_up_seconds``."""
        return self.metadata.get("field")


class InvalidArgument(AcdApiError): ...
class NotFound(AcdApiError): ...
class AlreadyExists(AcdApiError): ...
class FailedPrecondition(AcdApiError): ...
class ResourceExhausted(AcdApiError): ...
class Unauthenticated(AcdApiError): ...
class PermissionDenied(AcdApiError): ...
class Unavailable(AcdApiError): ...
class DeadlineExceeded(AcdApiError): ...
class Cancelled(AcdApiError): ...
class Internal(AcdApiError): ...
class DataLoss(AcdApiError): ...


_BY_CODE: dict[grpc.StatusCode, type[AcdApiError]] = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgument,
    grpc.StatusCode.NOT_FOUND: NotFound,
    grpc.StatusCode.ALREADY_EXISTS: AlreadyExists,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPrecondition,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhausted,
    grpc.StatusCode.UNAUTHENTICATED: Unauthenticated,
    grpc.StatusCode.PERMISSION_DENIED: PermissionDenied,
    grpc.StatusCode.UNAVAILABLE: Unavailable,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceeded,
    grpc.StatusCode.CANCELLED: Cancelled,
    grpc.StatusCode.INTERNAL: Internal,
    grpc.StatusCode.DATA_LOSS: DataLoss,
}


def from_rpc_error(err: Any) -> AcdApiError:
    """Turn a grpc.RpcError (sync) or grpc.aio.AioRpcError into the typed error."""
    code = err.code()
    message = err.details() or ""
    reason, domain, md = "", "", {}
    trailing = err.trailing_metadata() or ()
    for key, value in trailing:
        if key == "grpc-status-details-bin":
            st = status_pb2.Status.FromString(value)
            for d in st.details:
                if d.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                    info = error_details_pb2.ErrorInfo()
                    d.Unpack(info)
                    reason, domain, md = info.reason, info.domain, dict(info.metadata)
    return _BY_CODE.get(code, AcdApiError)(code, message, reason, md, domain)
