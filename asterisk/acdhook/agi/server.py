"""The FastAGI listener: accepts Asterisk's connections, reads the environment with limits
and hands each session to the handler registered for its script name.

Defences, because the socket faces whatever can reach it:

* it binds loopback by default and drops, before reading a byte, any peer outside the
  allowlist (networks in CIDR form);
* the ``agi_*`` block is read with limits: ``max_line`` bytes a line, ``max_lines`` lines and
  ``header_timeout`` seconds for the whole block -- a slowloris peer costs one idle coroutine
  and a socket until its timer fires, never a thread or the loop's time;
* at most ``max_connections`` sessions at once and ``max_pending`` connections still in
  their header phase; past that a new connection is closed at once (Asterisk then goes on
  in the dialplan, where the shipped extensions.conf rings the fallback group);
* an unknown script name, a malformed block or a refused value closes the connection with
  a log line naming the reason; nothing of it is executed or echoed.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable

from .protocol import AgiError, ConnectionLost, HeaderError, Session, read_env

log = logging.getLogger("acdhook.agi")

Handler = Callable[[Session], Awaitable[None]]


@dataclass
class ListenerStats:
    accepted: int = 0
    refused_peer: int = 0
    refused_busy: int = 0
    header_errors: dict[str, int] = field(default_factory=dict)
    unknown_script: int = 0
    sessions: int = 0
    active: int = 0
    pending: int = 0
    handler_errors: int = 0


class FastAgiServer:
    def __init__(self, handlers: dict[str, Handler], *, host: str = "127.0.0.1", port: int = 4573,
                 allow: list[str] | None = None, max_line: int = 4096, max_lines: int = 64,
                 header_timeout: float = 5.0, max_connections: int = 5000, max_pending: int = 2000) -> None:
        self.handlers = handlers
        self.host = host
        self.port = port
        self.allow = [ipaddress.ip_network(a, strict=False) for a in (allow or ["127.0.0.0/8", "::1/128"])]
        self.max_line = max_line
        self.max_lines = max_lines
        self.header_timeout = header_timeout
        self.max_connections = max_connections
        self.max_pending = max_pending
        self.stats = ListenerStats()
        #: allowlist verdicts by peer address (Asterisk connects from the same few addresses)
        self._peer_ok: dict[str, bool] = {}
        self._peer_ok_for = self.allow
        self._server: asyncio.base_events.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        #: called with (session, seconds from accept to the end of the header block)
        self.on_session: Callable[[Session, float], None] | None = None

    def peer_allowed(self, addr: str) -> bool:
        if self._peer_ok_for is not self.allow:  # the allowlist was replaced: forget the verdicts
            self._peer_ok = {}
            self._peer_ok_for = self.allow
        ok = self._peer_ok.get(addr)
        if ok is None:
            ok = self._peer_check(addr)
            if len(self._peer_ok) >= 4096:
                self._peer_ok.clear()
            self._peer_ok[addr] = ok
        return ok

    def _peer_check(self, addr: str) -> bool:
        try:
            ip = ipaddress.ip_address(addr.split("%", 1)[0])
        except ValueError:
            return False
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip in net for net in self.allow)

    async def start(self) -> FastAgiServer:
        # the stream limit bounds one line; the header reader checks max_line itself
        self._server = await asyncio.start_server(self._accept, self.host, self.port,
                                                  limit=max(self.max_line + 2, 8192), backlog=1024,
                                                  reuse_address=True)
        sock = self._server.sockets[0]
        self.port = sock.getsockname()[1]
        log.info("FastAGI listening on %s:%d (allow %s)", self.host, self.port,
                 ", ".join(str(n) for n in self.allow))
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for t in list(self._tasks):
            t.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await self._serve(reader, writer)
        except asyncio.CancelledError:
            pass  # the listener is stopping; a cancelled connection task would be logged as an error

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        t0 = time.perf_counter()
        peer = writer.get_extra_info("peername")
        addr = peer[0] if peer else ""
        if not self.peer_allowed(addr):
            self.stats.refused_peer += 1
            log.warning("FastAGI connection from %s refused: not in the allowlist", addr)
            writer.close()
            return
        if self.stats.active >= self.max_connections or self.stats.pending >= self.max_pending:
            self.stats.refused_busy += 1
            log.warning("FastAGI connection from %s refused: %d sessions, %d in their header phase",
                        addr, self.stats.active, self.stats.pending)
            writer.close()
            return
        # no TCP_NODELAY here: asyncio's and uvloop's TCP transports both set it on every
        # connection already (and uvloop's get_extra_info("socket") builds a new object per call)
        self.stats.accepted += 1
        self.stats.active += 1
        self.stats.pending += 1
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)  # type: ignore[arg-type]
        session: Session | None = None
        try:
            try:
                env = await read_env(reader, max_line=self.max_line, max_lines=self.max_lines,
                                     timeout=self.header_timeout)
            except HeaderError as e:
                self.stats.header_errors[e.reason] = self.stats.header_errors.get(e.reason, 0) + 1
                log.warning("FastAGI session from %s refused: %s (%s)", addr, e, e.reason)
                return
            except ConnectionLost:
                return
            finally:
                self.stats.pending -= 1
            if env.refused:
                log.warning("channel %s: refused agi values holding control characters: %s",
                            env.uniqueid, ", ".join(env.refused))
            handler = self.handlers.get(env.script)
            if handler is None:
                self.stats.unknown_script += 1
                log.warning("channel %s asked for unknown FastAGI script %r", env.uniqueid, env.script[:40])
                return
            session = Session(reader, writer, env)
            self.stats.sessions += 1
            if self.on_session is not None:
                self.on_session(session, time.perf_counter() - t0)
            try:
                await handler(session)
            except AgiError as e:
                log.info("channel %s: AGI ended: %s", env.uniqueid, e)
            except asyncio.CancelledError:
                raise
            except Exception:
                self.stats.handler_errors += 1
                log.exception("channel %s: the %s handler failed", env.uniqueid, env.script)
        finally:
            self.stats.active -= 1
            if session is not None:
                await session.close()
            else:
                writer.close()
            if task is not None:
                self._tasks.discard(task)  # type: ignore[arg-type]
