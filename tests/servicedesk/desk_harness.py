"""Real servers in subprocesses for the servicedesk tests: an acdcore server (python -m
grpc_server) and a desk (python -m servicedesk serve), each on 127.0.0.1 port 0."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ACD_TOKENS = {
    "admin": "acd-admin-token-0123456789",
    "business": "acd-business-token-0123456789",
    "telephony": "acd-telephony-token-0123456789",
    "supervisor": "acd-supervisor-token-0123456789",
}
AGENTS = ("d1", "d2", "d3", "d4")

ACD_CONFIG = """
[server]
listen = ["127.0.0.1:0"]
state_dir = "state"
fsync = false
grace_period = 1.0
subscriber_buffer = 50000
event_history = 200000

[auth]
tokens = [
  { name = "admin", role = "admin", token = "%(admin)s" },
  { name = "desk", role = "business", token = "%(business)s" },
  { name = "asterisk", role = "telephony", token = "%(telephony)s" },
  { name = "sup", role = "supervisor", token = "%(supervisor)s" },
]

[skills]
general = "general"
repair = "repair"

[[queues]]
name = "general"
wrap_up = 0
skills = { general = 1 }

[[queues]]
name = "repair"
wrap_up = 1
skills = { repair = 1 }

[[queues]]
name = "followup"
wrap_up = 0

[[agents]]
id = "d1"
skills = { general = 5, repair = 5 }
queues = { general = 0, repair = 0, followup = 0 }

[[agents]]
id = "d2"
skills = { general = 5, repair = 5 }
queues = { general = 0, repair = 0, followup = 0 }

[[agents]]
id = "d3"
skills = { general = 5 }
queues = { general = 0 }

[[agents]]
id = "d4"
skills = { general = 5 }
queues = { general = 0 }
""" % ACD_TOKENS

DESK_TOKENS = {
    "admin": "desk-admin-token-0123456789",
    "supervisor": "desk-supervisor-token-0123456789",
    "business": "desk-business-token-0123456789",
    "telephony": "desk-telephony-token-0123456789",
    "agent": "desk-agent-d1-token-0123456789",     # acts as d1
    "agent2": "desk-agent-d2-token-0123456789",    # acts as d2
}


def desk_config(db_url: str, acd_target: str | None, extra: str = "") -> str:
    acd = (f'[acd]\ntarget = "{acd_target}"\ntoken = "{ACD_TOKENS["business"]}"\n'
           f'telephony_token = "{ACD_TOKENS["telephony"]}"\n') if acd_target else "[acd]\nenabled = false\n"
    return f"""
[desk]
database_url = "{db_url}"
listen = ["127.0.0.1:0"]
local_prefix = "0459"
grace_period = 1.0

{acd}
[auth]
tokens = [
  {{ name = "admin", role = "admin", token = "{DESK_TOKENS['admin']}" }},
  {{ name = "sup1", role = "supervisor", token = "{DESK_TOKENS['supervisor']}" }},
  {{ name = "crm", role = "business", token = "{DESK_TOKENS['business']}" }},
  {{ name = "ivr", role = "telephony", token = "{DESK_TOKENS['telephony']}" }},
  {{ name = "agent-d1", role = "agent", token = "{DESK_TOKENS['agent']}", agent_id = "d1" }},
  {{ name = "agent-d2", role = "agent", token = "{DESK_TOKENS['agent2']}", agent_id = "d2" }},
]

[escalation]
interval = 0.5
supervisors = ["sup1"]

[follow_up]
delay = 0.0
queue = "followup"
max_attempts = 2
retry_delay = 0.2
poll_interval = 0.1

[callbacks]
queue = "general"
{extra}
"""


class Proc:
    """A server subprocess that writes its ports to a JSON file once it serves."""

    def __init__(self, workdir: Path, name: str, config_text: str, cmd: list[str], env: dict[str, str] | None = None):
        self.dir = Path(workdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.config = self.dir / f"{name}.toml"
        self.config.write_text(config_text)
        self.port_file = self.dir / f"{name}.port.json"
        self.log = self.dir / f"{name}.log"
        self.cmd = cmd
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> "Proc":
        self.port_file.unlink(missing_ok=True)
        env = dict(os.environ)
        env.update(self.env or {})
        env["PYTHONUNBUFFERED"] = "1"
        listen = ["--listen", f"127.0.0.1:{self.port}"] if self.port else []
        with open(self.log, "ab") as logf:
            self.proc = subprocess.Popen([sys.executable, *self.cmd, "--config", str(self.config), "--port-file",
                                          str(self.port_file), *listen], cwd=self.dir, stdout=logf,
                                         stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + timeout
        while not self.port_file.exists():
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.output()[-4000:]}")
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"{self.name} did not start in {timeout} s:\n{self.output()[-4000:]}")
            time.sleep(0.02)
        self.port = json.loads(self.port_file.read_text())["ports"][0]
        return self

    def stop(self, timeout: float = 30.0) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def acd_proc(workdir: Path) -> Proc:
    return Proc(workdir, "acd", ACD_CONFIG, ["-m", "grpc_server"])


def desk_proc(workdir: Path, db_url: str, acd_target: str | None, extra: str = "") -> Proc:
    return Proc(workdir, "desk", desk_config(db_url, acd_target, extra), ["-m", "servicedesk", "serve"])


def acd_client(target: str, role: str):  # type: ignore[no-untyped-def]
    from acdcore_client import Client

    return Client(target, ACD_TOKENS[role])


def desk_client(target: str, role: str):  # type: ignore[no-untyped-def]
    from servicedesk.client import DeskClient

    return DeskClient(target, DESK_TOKENS[role])


def wait_for(pred, timeout: float = 10.0, interval: float = 0.02, what: str = "condition"):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)
