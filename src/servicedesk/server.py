"""The desk's gRPC server (desk.v1, grpc.aio): assembly, listening, signals, shutdown.

    servicedesk serve --config desk.toml [--listen HOST:PORT] [--port-file F]

SIGTERM/SIGINT: health NOT_SERVING, streams end, RPCs in progress get the grace period, the
background work stops and the detector's baselines are saved.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
from pathlib import Path
from typing import Any

from grpc import aio
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from .api.desk.v1 import (
    callback_service_pb2_grpc,
    desktop_service_pb2_grpc,
    media_service_pb2_grpc,
    outage_service_pb2_grpc,
    report_service_pb2_grpc,
    subscriber_service_pb2_grpc,
    ticket_service_pb2_grpc,
)
from .app import Desk
from .auth import AuthInterceptor, TokenStore
from .callbacks.servicer import CallbackServicer
from .config import Config
from .outages.servicer import OutageServicer
from .recordings.servicer import MediaServicer
from .reports.servicer import ReportServicer
from .screenpop.servicer import DesktopServicer
from .subscribers.servicer import SubscriberServicer
from .tickets.servicer import TicketServicer

log = logging.getLogger("servicedesk.server")

SERVICE_NAMES = tuple(f"desk.v1.{n}" for n in ("SubscriberService", "TicketService", "DesktopService",
                                               "CallbackService", "OutageService", "ReportService", "MediaService",
                                               "GrowthService"))


class DeskServer:
    def __init__(self, cfg: Config, *, listen: list[str] | None = None, port_file: Path | None = None,
                 desk: Desk | None = None) -> None:
        self.cfg = cfg
        self.listen = listen or cfg.desk.listen
        self.port_file = port_file
        self.desk = desk or Desk(cfg)
        self.server: aio.Server | None = None
        self.health: Any = None
        self.ports: list[int] = []
        self._stop = asyncio.Event()

    async def start(self, *, background: bool = True) -> None:
        await self.desk.start(background=background)
        server = aio.server(interceptors=[AuthInterceptor(TokenStore(self.cfg.tokens))], options=[
            ("grpc.max_receive_message_length", 4 << 20), ("grpc.so_reuseport", 0),
            ("grpc.keepalive_permit_without_calls", 1)])
        d = self.desk
        subscriber_service_pb2_grpc.add_SubscriberServiceServicer_to_server(SubscriberServicer(d), server)
        ticket_service_pb2_grpc.add_TicketServiceServicer_to_server(TicketServicer(d), server)
        desktop_service_pb2_grpc.add_DesktopServiceServicer_to_server(DesktopServicer(d), server)
        callback_service_pb2_grpc.add_CallbackServiceServicer_to_server(CallbackServicer(d), server)
        outage_service_pb2_grpc.add_OutageServiceServicer_to_server(OutageServicer(d), server)
        report_service_pb2_grpc.add_ReportServiceServicer_to_server(ReportServicer(d), server)
        media_service_pb2_grpc.add_MediaServiceServicer_to_server(MediaServicer(d), server)
        from .growth.servicer import register as register_growth  # issue 7: desk.v1.GrowthService

        self.growth = register_growth(server, d)
        self.health = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, server)
        for addr in self.listen:
            port = server.add_insecure_port(addr)
            if port == 0:
                raise RuntimeError(f"cannot listen on {addr}")
            self.ports.append(port)
        await server.start()
        self.server = server
        for name in ("", *SERVICE_NAMES):
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        bound = [f"{a.rsplit(':', 1)[0]}:{p}" for a, p in zip(self.listen, self.ports)]
        if self.port_file is not None:
            tmp = self.port_file.with_suffix(".tmp")
            tmp.write_text(json.dumps({"pid": os.getpid(), "ports": self.ports, "addresses": bound,
                                       "database": d.db.kind}))
            os.replace(tmp, self.port_file)
        print(f"servicedesk: serving desk.v1 on {', '.join(bound)} ({d.db.kind} database, acdcore "
              f"{self.cfg.acd.target if self.cfg.acd.enabled else 'disabled'})", flush=True)

    def request_stop(self) -> None:
        self._stop.set()

    async def stop(self) -> None:
        if self.health is not None:
            await self.health.enter_graceful_shutdown()
        self.desk.hub.close()
        self.desk.bus.close()
        if self.server is not None:
            await self.server.stop(self.cfg.desk.grace_period)
        await self.desk.stop()
        print("servicedesk: stopped", flush=True)

    async def serve(self) -> None:
        await self.start()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, self.request_stop)
        loop.add_signal_handler(signal.SIGINT, self.request_stop)
        await self._stop.wait()
        await self.stop()
