"""The simulators' wire protocol: newline-delimited JSON over TCP on loopback.

Request  ``{"id": 7, "op": "entitle", "key": "o12:entitle", ...params}``
Response ``{"id": 7, "ok": true, ...result}`` or ``{"id": 7, "ok": false, "error": "CODE", "message": "..."}``

Every state-changing operation carries an idempotency key: the simulator remembers the key, the
operation and its parameters; a repeat with the same parameters returns the first answer without
applying it again, a repeat with other parameters is refused (``IDEMPOTENCY_MISMATCH``).

Fault injection (operations starting with ``_``, for tests and demos): ``_config`` sets latency,
jitter, error and timeout rates; ``_fail_next`` makes the next N calls of an operation fail in one
of three ways: ``error`` (refused, nothing applied), ``drop`` (no answer, nothing applied: the
client times out), ``lost`` (applied, but the answer is never sent: the client times out and must
find out by retrying with the same key). ``_dump`` returns the whole state, ``_ping`` answers.

The client (:class:`WireClient`) is synchronous and thread-safe: one connection per call in flight
(a small pool), a deadline per call; a call that times out closes its connection so a late answer
can never be read as the answer to another call.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import threading
import time
from collections import deque
from typing import Any, Callable


class WireError(Exception):
    """The remote system refused the operation (a definite answer: nothing was applied)."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message


class WireTimeout(Exception):
    """No answer before the deadline: the operation may or may not have been applied."""


class WireUnavailable(WireTimeout):
    """Could not connect or the connection broke: the outcome is as uncertain as a timeout."""


MAX_LINE = 1 << 20


class SimServer:
    """Base of a simulator: dispatches ``op`` to ``op_<name>`` methods with idempotency and faults."""

    #: operations that change state (need an idempotency key)
    MUTATING: frozenset[str] = frozenset()

    def __init__(self, *, latency_ms: float = 0.0, jitter_ms: float = 0.0, error_rate: float = 0.0,
                 timeout_rate: float = 0.0, seed: int | None = None) -> None:
        self.latency_ms = latency_ms
        self.jitter_ms = jitter_ms
        self.error_rate = error_rate
        self.timeout_rate = timeout_rate
        self.rng = random.Random(seed)
        self.keys: dict[str, tuple[str, str, dict[str, Any]]] = {}
        self.fail_next: dict[str, deque[str]] = {}
        self.calls: dict[str, int] = {}
        self._lock = asyncio.Lock()

    # -- fault-injection and inspection -------------------------------------------------------
    def op__ping(self, req: dict[str, Any]) -> dict[str, Any]:
        return {}

    def op__config(self, req: dict[str, Any]) -> dict[str, Any]:
        for k in ("latency_ms", "jitter_ms", "error_rate", "timeout_rate"):
            if k in req:
                v = float(req[k])
                if v < 0 or (k.endswith("rate") and v > 1):
                    raise WireError("INVALID_ARGUMENT", f"{k} out of range")
                setattr(self, k, v)
        if "seed" in req:
            self.rng.seed(req["seed"])
        return {}

    def op__fail_next(self, req: dict[str, Any]) -> dict[str, Any]:
        mode = req.get("mode", "error")
        if mode not in ("error", "drop", "lost"):
            raise WireError("INVALID_ARGUMENT", "mode must be error, drop or lost")
        self.fail_next.setdefault(str(req["target"]), deque()).extend([mode] * int(req.get("count", 1)))
        return {}

    def op__dump(self, req: dict[str, Any]) -> dict[str, Any]:
        return {"calls": dict(self.calls), "state": self.dump()}

    def dump(self) -> dict[str, Any]:  # pragma: no cover - overridden
        return {}

    # -- dispatch -----------------------------------------------------------------------------
    async def handle(self, req: dict[str, Any]) -> dict[str, Any] | None:
        """The response, or None to send nothing (a simulated timeout)."""
        op = req.get("op")
        if not isinstance(op, str) or not hasattr(self, "op_" + op):
            return {"ok": False, "error": "UNKNOWN_OP", "message": f"no operation {op!r}"}
        if op.startswith("_"):
            try:
                return {"ok": True, **getattr(self, "op_" + op)(req)}
            except WireError as e:
                return {"ok": False, "error": e.code, "message": e.message}
        self.calls[op] = self.calls.get(op, 0) + 1
        delay = self.latency_ms + (self.rng.random() * self.jitter_ms if self.jitter_ms else 0.0)
        if delay > 0:
            await asyncio.sleep(delay / 1000.0)
        queued = self.fail_next.get(op)
        mode = queued.popleft() if queued else None
        if mode is None:
            x = self.rng.random()
            if x < self.error_rate:
                mode = "error"
            elif x < self.error_rate + self.timeout_rate:
                mode = self.rng.choice(("drop", "lost"))
        if mode == "error":
            return {"ok": False, "error": "SYSTEM_ERROR", "message": "simulated failure"}
        if mode == "drop":
            return None
        async with self._lock:
            resp = self._apply(op, req)
        return None if mode == "lost" else resp

    def _apply(self, op: str, req: dict[str, Any]) -> dict[str, Any]:
        fn: Callable[[dict[str, Any]], dict[str, Any]] = getattr(self, "op_" + op)
        key = req.get("key")
        if op in self.MUTATING:
            if not isinstance(key, str) or not key or len(key) > 128:
                return {"ok": False, "error": "INVALID_ARGUMENT", "message": "key: an idempotency key is required"}
            params = json.dumps({k: v for k, v in req.items() if k not in ("id", "key")}, sort_keys=True)
            seen = self.keys.get(key)
            if seen is not None:
                if seen[0] != op or seen[1] != params:
                    return {"ok": False, "error": "IDEMPOTENCY_MISMATCH",
                            "message": f"key {key!r} was used for another request"}
                return {**seen[2], "replayed": True}
        try:
            resp = {"ok": True, **fn(req)}
        except WireError as e:
            resp = {"ok": False, "error": e.code, "message": e.message}
        except (KeyError, TypeError, ValueError) as e:
            resp = {"ok": False, "error": "INVALID_ARGUMENT", "message": f"bad request: {e}"}
        if op in self.MUTATING:
            self.keys[key] = (op, params, resp)  # type: ignore[index]
        return resp

    async def _conn(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                try:
                    req = json.loads(line)
                    if not isinstance(req, dict):
                        raise ValueError("not an object")
                except ValueError as e:
                    writer.write(json.dumps({"ok": False, "error": "BAD_FRAME", "message": str(e)}).encode() + b"\n")
                    await writer.drain()
                    continue
                resp = await self.handle(req)
                if resp is None:
                    continue
                resp["id"] = req.get("id")
                writer.write(json.dumps(resp).encode() + b"\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            return
        finally:
            writer.close()

    async def serve(self, host: str = "127.0.0.1", port: int = 0, ready: Callable[[int], None] | None = None) -> None:
        server = await asyncio.start_server(self._conn, host, port, limit=MAX_LINE)
        bound = server.sockets[0].getsockname()[1]
        if ready:
            ready(bound)
        async with server:
            await server.serve_forever()


class WireClient:
    """Synchronous client with a deadline per call and a small connection pool."""

    def __init__(self, host: str, port: int, *, timeout: float = 2.0, connect_timeout: float = 2.0) -> None:
        self.addr = (host, int(port))
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self._pool: list[tuple[socket.socket, Any]] = []
        self._lock = threading.Lock()
        self._ids = 0

    def _get(self) -> tuple[socket.socket, Any]:
        with self._lock:
            if self._pool:
                return self._pool.pop()
        try:
            s = socket.create_connection(self.addr, timeout=self.connect_timeout)
        except OSError as e:
            raise WireUnavailable(f"cannot connect to {self.addr}: {e}") from e
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return s, s.makefile("rb")

    def call(self, op: str, *, timeout: float | None = None, **params: Any) -> dict[str, Any]:
        """Send one request; the result dict, or WireError / WireTimeout / WireUnavailable."""
        with self._lock:
            self._ids += 1
            rid = self._ids
        s, f = self._get()
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        try:
            s.settimeout(max(0.001, deadline - time.monotonic()))
            s.sendall(json.dumps({"id": rid, "op": op, **params}).encode() + b"\n")
            while True:
                s.settimeout(max(0.001, deadline - time.monotonic()))
                line = f.readline(MAX_LINE)
                if not line:
                    raise WireUnavailable("connection closed by the remote system")
                resp = json.loads(line)
                if resp.get("id") == rid:
                    break
        except WireUnavailable:
            s.close()
            raise
        except socket.timeout as e:
            s.close()
            raise WireTimeout(f"{op}: no answer within the deadline") from e
        except (OSError, ValueError) as e:
            s.close()
            raise WireUnavailable(f"{op}: {e}") from e
        with self._lock:
            self._pool.append((s, f))
        if not resp.get("ok"):
            raise WireError(str(resp.get("error", "ERROR")), str(resp.get("message", "")))
        return resp

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, []
        for s, _f in pool:
            s.close()
