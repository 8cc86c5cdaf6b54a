"""A small Python client of desk.v1 (sync), for tests, tools and scripts.

    from servicedesk.client import DeskClient
    with DeskClient("127.0.0.1:50061", token="...") as desk:
        t = desk.tickets.CreateTicket(pb.tickets.CreateTicketRequest(...)).ticket

Every service's stub is an attribute (subscribers, tickets, desktop, callbacks, outages,
reports, media) whose calls carry the bearer token; failures raise :class:`DeskApiError`
with the ErrorInfo reason and metadata (``field``) decoded.
"""

from __future__ import annotations

from typing import Any

import grpc
from google.rpc import error_details_pb2, status_pb2

from .api.desk.v1 import (callback_service_pb2, callback_service_pb2_grpc, desktop_service_pb2,
                          desktop_service_pb2_grpc, enums_pb2, media_service_pb2, media_service_pb2_grpc,
                          outage_service_pb2, outage_service_pb2_grpc, report_service_pb2, report_service_pb2_grpc,
                          resources_pb2, subscriber_service_pb2, subscriber_service_pb2_grpc, ticket_service_pb2,
                          ticket_service_pb2_grpc)


class pb:  # noqa: N801 - a namespace of the generated modules
    enums = enums_pb2
    resources = resources_pb2
    subscribers = subscriber_service_pb2
    tickets = ticket_service_pb2
    desktop = desktop_service_pb2
    callbacks = callback_service_pb2
    outages = outage_service_pb2
    reports = report_service_pb2
    media = media_service_pb2


class DeskApiError(Exception):
    def __init__(self, code: grpc.StatusCode, message: str, reason: str, metadata: dict[str, str]) -> None:
        super().__init__(f"{code.name}: {message} [{reason}]")
        self.code = code
        self.message = message
        self.reason = reason
        self.metadata = metadata

    @property
    def field(self) -> str | None:
        return self.metadata.get("field")


def decode_error(err: Any) -> DeskApiError:
    reason, md = "", {}
    for key, value in err.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            st = status_pb2.Status.FromString(value)
            for d in st.details:
                if d.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                    info = error_details_pb2.ErrorInfo()
                    d.Unpack(info)
                    reason, md = info.reason, dict(info.metadata)
    return DeskApiError(err.code(), err.details() or "", reason, md)


class _Stub:
    def __init__(self, stub: Any, md: tuple[tuple[str, str], ...], timeout: float) -> None:
        self._stub = stub
        self._md = md
        self._timeout = timeout

    def __getattr__(self, name: str) -> Any:
        fn = getattr(self._stub, name)

        def call(request: Any, *, timeout: float | None = None) -> Any:
            try:
                out = fn(request, metadata=self._md, timeout=timeout if timeout is not None else self._timeout)
            except grpc.RpcError as e:
                raise decode_error(e) from None
            if hasattr(out, "__iter__") and not hasattr(out, "SerializeToString"):
                return StreamCall(out)
            return out

        return call


class StreamCall:
    """A server stream: iterate for the messages, ``cancel()`` to end it."""

    def __init__(self, call: Any) -> None:
        self.call = call

    def __iter__(self) -> StreamCall:
        return self

    def __next__(self) -> Any:
        try:
            return next(self.call)
        except grpc.RpcError as e:
            if e.code() == grpc.StatusCode.CANCELLED:
                raise StopIteration from None
            raise decode_error(e) from None

    def cancel(self) -> None:
        self.call.cancel()


class DeskClient:
    def __init__(self, target: str, token: str | None = None, *, timeout: float = 10.0) -> None:
        self.channel = grpc.insecure_channel(target, options=[("grpc.max_receive_message_length", 64 << 20)])
        md = (("authorization", f"Bearer {token}"),) if token else ()
        self.subscribers = _Stub(subscriber_service_pb2_grpc.SubscriberServiceStub(self.channel), md, timeout)
        self.tickets = _Stub(ticket_service_pb2_grpc.TicketServiceStub(self.channel), md, timeout)
        self.desktop = _Stub(desktop_service_pb2_grpc.DesktopServiceStub(self.channel), md, timeout)
        self.callbacks = _Stub(callback_service_pb2_grpc.CallbackServiceStub(self.channel), md, timeout)
        self.outages = _Stub(outage_service_pb2_grpc.OutageServiceStub(self.channel), md, timeout)
        self.reports = _Stub(report_service_pb2_grpc.ReportServiceStub(self.channel), md, timeout)
        self.media = _Stub(media_service_pb2_grpc.MediaServiceStub(self.channel), md, timeout)

    def close(self) -> None:
        self.channel.close()

    def __enter__(self) -> DeskClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
