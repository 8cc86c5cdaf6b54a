"""The acdcore gRPC server: assembly, listening, signals, shutdown.

    python -m grpc_server [--config FILE] [--listen HOST:PORT] [--state-dir DIR] [--port-file F]
    acdcore serve ...                           (the same)

One asyncio loop owns the one core (engine.Engine). SIGTERM/SIGINT: health NOT_SERVING,
streams told to end (UNAVAILABLE, resumable), RPCs in progress get the grace period, the
journal is flushed (and a snapshot written when the core supports it). SIGHUP: reload the
configuration file; a bad file is refused with its line number and the old one stays.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any

import grpc
from grpc import aio
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

import acdcore
from acdcore_api import SERVICE_NAMES
from acdcore_api.acd.v1 import (
    agent_service_pb2_grpc,
    call_service_pb2_grpc,
    queue_service_pb2_grpc,
    routing_service_pb2_grpc,
)

from . import config as config_mod
from .agents.service import AgentService
from .agents.servicer import AgentServicer
from .auth import AuthInterceptor, TokenStore
from .calls.service import CallService
from .calls.servicer import CallServicer
from .engine import Engine
from .events import servicer as events_servicer
from .events.service import EventService
from .queues.service import QueueService
from .queues.servicer import QueueServicer
from .recordings import settings as recording_settings
from .recordings.service import RecordingService
from .recordings.servicer import RecordingServicer
from .recordings.servicer import register as register_recordings
from .routing.service import RoutingService
from .routing.servicer import RoutingServicer
from .streams import StreamLimiter

log = logging.getLogger("acdcore.server")


class StartupError(Exception):
    pass


class AcdServer:
    def __init__(self, cfg: config_mod.Config, *, listen: list[str] | None = None,
                 port_file: Path | None = None, allow_insecure: bool = False) -> None:
        self.cfg = cfg
        self.listen = listen or cfg.server.listen
        self.port_file = port_file
        self.allow_insecure = allow_insecure or cfg.server.allow_insecure
        self.ports: list[int] = []
        self.engine: Engine | None = None
        self.server: aio.Server | None = None
        self.health: health.aio.HealthServicer | None = None
        self.tokens = TokenStore(cfg.tokens)
        self.recordings: RecordingService | None = None
        self._stop = asyncio.Event()
        self._stopping = False

    # ------------------------------------------------------------------ start
    def _check_listen(self) -> None:
        if self.cfg.tls.enabled:
            return
        for addr in self.listen:
            if not config_mod.is_loopback(addr) and not self.allow_insecure:
                raise StartupError(
                    f"refusing to listen in plaintext on {addr}: not a loopback address. Configure [tls] "
                    f"cert_file/key_file, or set [server] allow_insecure = true (--insecure) to force it")

    def _credentials(self) -> grpc.ServerCredentials | None:
        tls = self.cfg.tls
        if not tls.enabled:
            return None
        assert tls.cert_file is not None and tls.key_file is not None
        ca = tls.client_ca_file.read_bytes() if tls.client_ca_file is not None else None
        return grpc.ssl_server_credentials([(tls.key_file.read_bytes(), tls.cert_file.read_bytes())],
                                           root_certificates=ca, require_client_auth=ca is not None)

    async def start(self) -> None:
        s = self.cfg.server
        self._check_listen()
        if not self.cfg.tokens:
            log.warning("no tokens are configured: every acd.v1 call will be refused (UNAUTHENTICATED)")
        loop = asyncio.get_running_loop()
        eng = Engine(s.journal_path, seed=s.seed, fsync=s.fsync, ring_size=s.event_history,
                     snapshot_every=s.snapshot_every)
        eng.journal.preallocate = s.journal_preallocate
        eng.journal.segment_bytes = s.journal_segment_bytes
        eng.open()
        warnings = eng.reconcile(self.cfg.queues, self.cfg.agents, self.cfg.routes)
        for w in warnings:
            log.warning("config: %s", w)
        eng.flush_sync()
        eng.bind(loop)
        self.engine = eng
        if eng.journal.recovered_damage is not None:
            path, off, why = eng.journal.recovered_damage
            log.warning("journal recovery dropped a damaged tail of %s at byte %d (%s)", path.name, off, why)

        options = [
            ("grpc.max_receive_message_length", s.max_receive_message_bytes),
            ("grpc.max_send_message_length", s.max_send_message_bytes),
            ("grpc.max_concurrent_streams", s.max_connection_streams),
            ("grpc.keepalive_time_ms", int(s.keepalive_time * 1000)),
            ("grpc.keepalive_timeout_ms", int(s.keepalive_timeout * 1000)),
            ("grpc.keepalive_permit_without_calls", 1),
            ("grpc.http2.min_recv_ping_interval_without_data_ms", int(s.min_client_ping_interval * 1000)),
            ("grpc.http2.min_ping_interval_without_data_ms", int(s.min_client_ping_interval * 1000)),
            ("grpc.http2.max_ping_strikes", 2),
            ("grpc.so_reuseport", 0),
        ]
        server = aio.server(interceptors=[AuthInterceptor(self.tokens)], options=options,
                            maximum_concurrent_rpcs=s.max_concurrent_rpcs)
        streams = StreamLimiter(s.max_streams, s.subscriber_buffer)
        calls = CallService(eng)
        call_service_pb2_grpc.add_CallServiceServicer_to_server(CallServicer(calls, streams), server)
        agent_service_pb2_grpc.add_AgentServiceServicer_to_server(AgentServicer(AgentService(eng), calls), server)
        queue_service_pb2_grpc.add_QueueServiceServicer_to_server(QueueServicer(QueueService(eng)), server)
        routing_service_pb2_grpc.add_RoutingServiceServicer_to_server(RoutingServicer(RoutingService(eng)), server)
        events_servicer.register(events_servicer.EventServicer(EventService(eng), streams), server)
        self.recordings = await self._start_recordings()
        register_recordings(RecordingServicer(self.recordings, streams), server)
        self.health = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, server)
        reflection.enable_server_reflection(
            (*SERVICE_NAMES, health.SERVICE_NAME, reflection.SERVICE_NAME), server)
        creds = self._credentials()
        for addr in self.listen:
            try:
                port = (server.add_secure_port(addr, creds) if creds is not None
                        else server.add_insecure_port(addr))
            except RuntimeError as e:
                raise StartupError(f"cannot listen on {addr}: {e}") from None
            if port == 0:
                raise StartupError(f"cannot listen on {addr}")
            self.ports.append(port)
        await server.start()
        self.server = server
        for name in ("", *SERVICE_NAMES):
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        bound = [f"{a.rsplit(':', 1)[0]}:{p}" for a, p in zip(self.listen, self.ports)]
        info = {"pid": os.getpid(), "ports": self.ports, "addresses": bound, "tls": self.cfg.tls.enabled,
                "implementation": acdcore.IMPLEMENTATION, "journal": str(s.journal_path)}
        if self.port_file is not None:
            tmp = self.port_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(info))
            os.replace(tmp, self.port_file)
        print(f"acdcore: serving on {', '.join(bound)} ({'TLS' if self.cfg.tls.enabled else 'plaintext'}, "
              f"{acdcore.IMPLEMENTATION} core, journal {s.journal_path}, "
              f"{eng.replayed} records replayed)", flush=True)
        loop.add_signal_handler(signal.SIGTERM, self.request_stop)
        loop.add_signal_handler(signal.SIGINT, self.request_stop)
        loop.add_signal_handler(signal.SIGHUP, self.reload)

    async def _start_recordings(self) -> RecordingService:
        try:
            rs = recording_settings.parse(self.cfg.recording, self.cfg.server.state_dir)
        except recording_settings.SettingsError as e:
            raise StartupError(str(e)) from None
        svc = RecordingService(rs)
        if rs.enabled:
            try:
                await svc.start()
            except (OSError, ImportError) as e:
                raise StartupError(f"cannot start the recorder: {e}") from None
        return svc

    # ------------------------------------------------------------------ reload
    def reload(self) -> bool:
        path = self.cfg.path
        if path is None:
            log.warning("SIGHUP: running on the built-in default configuration; nothing to reload")
            return False
        try:
            new = config_mod.load(path)
        except config_mod.ConfigError as e:
            log.error("SIGHUP: configuration refused, the old one keeps running: %s", e)
            print(f"acdcore: configuration refused, the old one keeps running: {e}", file=sys.stderr, flush=True)
            return False
        assert self.engine is not None
        for what in ("listen", "state_dir", "journal_dir", "fsync", "seed"):
            if getattr(new.server, what) != getattr(self.cfg.server, what):
                log.warning("SIGHUP: [server] %s changed; it takes effect on restart", what)
        if new.tls != self.cfg.tls:
            log.warning("SIGHUP: [tls] changed; it takes effect on restart")
        warnings = self.engine.reconcile(new.queues, new.agents, new.routes)
        for w in warnings:
            log.warning("config: %s", w)
        self.tokens.replace(new.tokens)
        self.cfg.queues, self.cfg.agents, self.cfg.routes, self.cfg.tokens = (
            new.queues, new.agents, new.routes, new.tokens)
        print(f"acdcore: configuration reloaded from {path} ({len(warnings)} warnings)", flush=True)
        return True

    # ------------------------------------------------------------------ stop
    def request_stop(self) -> None:
        self._stop.set()

    async def wait(self) -> None:
        await self._stop.wait()
        await self.stop()

    async def stop(self) -> None:
        if self._stopping:
            return
        self._stopping = True
        grace = self.cfg.server.grace_period
        if self.health is not None:
            await self.health.enter_graceful_shutdown()
        eng = self.engine
        if eng is not None:
            eng.close_subscribers("the server is shutting down")
        if self.server is not None:
            await self.server.stop(grace)
        if self.recordings is not None:
            await self.recordings.close()  # every recording in progress is finalized
        if eng is not None:
            eng.stopped = True
            await eng.journal.flush()
            try:
                eng.write_snapshot_sync()
            except Exception:  # noqa: BLE001 - the journal alone recovers everything
                log.exception("snapshot at shutdown failed")
            eng.journal.close()
        print("acdcore: stopped", flush=True)


async def serve(cfg: config_mod.Config, **kw: Any) -> None:
    srv = AcdServer(cfg, **kw)
    await srv.start()
    await srv.wait()


def _loop_factory() -> Any:
    """The server's event loop: uvloop when it is installed (about a fifth less server CPU per
    RPC than asyncio's loop, README "Asterisk hook"), else asyncio's; ACDCORE_LOOP=asyncio
    forces asyncio's."""
    if os.environ.get("ACDCORE_LOOP") == "asyncio":
        return None
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run(cfg: config_mod.Config, **kw: Any) -> int:
    try:
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            runner.run(serve(cfg, **kw))
    except StartupError as e:
        print(f"acdcore serve: {e}", file=sys.stderr)
        return 2
    return 0
