"""The desk's errors: each has a gRPC status code name, a ``google.rpc.ErrorInfo`` reason and
string metadata (``field`` names the request field at fault for INVALID_ARGUMENT)."""

from __future__ import annotations

from typing import Any


class DeskError(Exception):
    code = "INTERNAL"
    reason = "DESK_ERROR"

    def __init__(self, message: str, *, reason: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        if reason is not None:
            self.reason = reason
        self.details = {k: str(v) for k, v in details.items() if v is not None}

    def __str__(self) -> str:
        return f"{self.reason}: {self.message}"


class InvalidArgument(DeskError):
    code = "INVALID_ARGUMENT"
    reason = "INVALID_ARGUMENT"

    def __init__(self, field: str, message: str, *, reason: str | None = None, **details: Any) -> None:
        super().__init__(f"{field}: {message}", reason=reason, field=field, **details)

    @property
    def field(self) -> str:
        return self.details["field"]


class NotFound(DeskError):
    code = "NOT_FOUND"
    reason = "NOT_FOUND"


class AlreadyExists(DeskError):
    code = "ALREADY_EXISTS"
    reason = "ALREADY_EXISTS"


class Conflict(DeskError):
    """Optimistic locking: the row changed since the version the client read."""

    code = "ABORTED"
    reason = "CONFLICT"


class FailedPrecondition(DeskError):
    code = "FAILED_PRECONDITION"
    reason = "FAILED_PRECONDITION"


class IllegalTransition(FailedPrecondition):
    reason = "ILLEGAL_TICKET_TRANSITION"


class PermissionDenied(DeskError):
    code = "PERMISSION_DENIED"
    reason = "PERMISSION_DENIED"


class Unavailable(DeskError):
    code = "UNAVAILABLE"
    reason = "UNAVAILABLE"


class ResourceExhausted(DeskError):
    code = "RESOURCE_EXHAUSTED"
    reason = "RESOURCE_EXHAUSTED"
