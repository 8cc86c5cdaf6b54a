"""A real acdcore server in a subprocess on 127.0.0.1 (port 0), for the tests of tests/grpc."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

TOKENS = {
    "admin": "admin-token-0123456789",
    "supervisor": "supervisor-token-0123456789",
    "telephony": "telephony-token-0123456789",
    "business": "business-token-0123456789",
    "agent": "agent-a1-token-0123456789",     # acts as a1
    "agent2": "agent-a2-token-0123456789",    # acts as a2
}

TEST_CONFIG = """
[server]
listen = ["127.0.0.1:0"]
state_dir = "state"
grace_period = 2.0
subscriber_buffer = 5000
event_history = 50000
max_streams = 40

[auth]
tokens = [
  { name = "admin", role = "admin", token = "%(admin)s" },
  { name = "supervisor", role = "supervisor", token = "%(supervisor)s" },
  { name = "telephony", role = "telephony", token = "%(telephony)s" },
  { name = "business", role = "business", token = "%(business)s" },
  { name = "agent-a1", role = "agent", token = "%(agent)s", agent_id = "a1" },
  { name = "agent-a2", role = "agent", token = "%(agent2)s", agent_id = "a2" },
]

[skills]
general = "general"
billing = "billing"
senior = "senior"

[[queues]]
name = "general"
wrap_up = 0
max_waiting = 0
skills = { general = 1 }

[[queues]]
name = "billing"
wrap_up = 0.2
max_waiting = 3
skills = { billing = 1 }

[[queues]]
name = "escalation"
wrap_up = 0
join_empty = "no_agents"
skills = { senior = 1 }

[[agents]]
id = "a1"
skills = { general = 5, billing = 3 }
queues = { general = 0, billing = 1 }

[[agents]]
id = "a2"
skills = { general = 4, billing = 5 }
queues = { billing = 0, general = 1 }

[[agents]]
id = "a3"
skills = { senior = 5, general = 2 }
queues = { escalation = 0 }

[[routes]]
pattern = "966551"
queue = "general"

[[routes]]
pattern = "966552"
queue = "billing"

[[routes]]
pattern = "96655"
menu = "main"

[[routes]]
pattern = "_0ZX."
field = "caller"
priority = "priority"

[[routes]]
pattern = "0459"
field = "caller"
priority = "normal"

[[routes]]
pattern = "_1900."
reject = "premium numbers are not served"
""" % TOKENS


class ServerProc:
    """One server: start, stop (SIGTERM), kill (-9), restart with the same state."""

    def __init__(self, workdir: Path, config_text: str = TEST_CONFIG, *, extra_args: list[str] | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.dir = Path(workdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.config = self.dir / "acdcore.toml"
        self.config.write_text(config_text)
        self.port_file = self.dir / "port.json"
        self.log = self.dir / "server.log"
        self.extra_args = extra_args or []
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.info: dict = {}

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def journal(self) -> Path:
        return self.dir / "state" / "journal"

    def start(self, timeout: float = 60.0) -> ServerProc:
        if self.port_file.exists():
            self.port_file.unlink()
        env = dict(os.environ)
        if self.env:
            env.update(self.env)
        env.setdefault("PYTHONUNBUFFERED", "1")
        listen = ["--listen", f"127.0.0.1:{self.port}"] if self.port else []
        cmd = [sys.executable, "-m", "grpc_server", "--config", str(self.config), "--port-file",
               str(self.port_file), *listen, *self.extra_args]
        logf = open(self.log, "ab")
        self.proc = subprocess.Popen(cmd, cwd=self.dir, stdout=logf, stderr=subprocess.STDOUT, env=env)
        logf.close()
        deadline = time.monotonic() + timeout
        while not self.port_file.exists():
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log.read_text()[-4000:]}")
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"server did not start in {timeout} s:\n{self.log.read_text()[-4000:]}")
            time.sleep(0.02)
        self.info = json.loads(self.port_file.read_text())
        self.port = self.info["ports"][0]
        return self

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def stop(self, timeout: float = 30.0) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(30)
            raise

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(30)

    def restart(self) -> ServerProc:
        self.stop()
        return self.start()

    def output(self) -> str:
        return self.log.read_text() if self.log.exists() else ""


#: every stream a test opens ends by this deadline at the latest (DEADLINE_EXCEEDED), so a
#: condition that never comes fails the test instead of hanging it
STREAM_TIMEOUT = 90.0


def client(target: str, role: str, **kw):  # type: ignore[no-untyped-def]
    from acdcore_client import Client

    kw.setdefault("stream_timeout", STREAM_TIMEOUT)
    return Client(target, TOKENS[role], **kw)


def async_client(target: str, role: str, **kw):  # type: ignore[no-untyped-def]
    from acdcore_client import AsyncClient

    kw.setdefault("stream_timeout", STREAM_TIMEOUT)
    return AsyncClient(target, TOKENS[role], **kw)
