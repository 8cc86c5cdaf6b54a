"""Start a simulator as its own process and wait (with a deadline) until it listens."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from typing import Any

from .wire import WireClient


class SimProcess:
    def __init__(self, kind: str, *args: str, startup_timeout: float = 30.0) -> None:
        self.kind = kind
        self.control: WireClient | None = None
        self._err = tempfile.TemporaryFile()  # a file, not a pipe: a chatty simulator never blocks on it
        self.proc = subprocess.Popen([sys.executable, "-m", "servicedesk.sims", kind, *args],
                                     stdout=subprocess.PIPE, stderr=self._err, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + startup_timeout
        buf = b""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\n" not in buf:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                if self.proc.poll() is None:
                    self.proc.kill()
                    self.proc.wait(timeout=10)
                err = self.stderr()
                self.stop()
                raise RuntimeError(f"simulator {kind} did not start: {err[-2000:]}")
            r, _, _ = select.select([fd], [], [], min(left, 0.5))
            if r:
                chunk = os.read(fd, 256)
                if not chunk:
                    continue
                buf += chunk
        line = buf.split(b"\n", 1)[0].decode()
        if not line.startswith("PORT "):
            self.stop()  # then the error below
            raise RuntimeError(f"simulator {kind}: unexpected first line {line!r}")
        self.port = int(line.split()[1])
        self.host = "127.0.0.1"
        self.control = WireClient(self.host, self.port, timeout=10.0)

    def call(self, op: str, **kw: Any) -> dict[str, Any]:
        assert self.control is not None
        return self.control.call(op, **kw)

    def stderr(self) -> str:
        self._err.seek(0)
        return self._err.read().decode(errors="replace")

    def stop(self) -> None:
        if self.control is not None:
            self.control.close()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._err.close()

    def __enter__(self) -> SimProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
