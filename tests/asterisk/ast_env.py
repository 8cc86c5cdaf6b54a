"""One test's world: acdcore server + hook + Asterisk stand-in, and helpers to drive it."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any, Awaitable, Callable

from acdcore_client import AsyncClient, Client, pb
from ast_harness import AriStub, FakeAsterisk, until
from grpc_harness import ServerProc

TOKENS = {
    "admin": "admin-token-0123456789",
    "telephony": "telephony-token-0123456789",
}
AGENTS = ["a1", "a2", "a3", "a4", "a5", "a6"]

SERVER_CONFIG = """
[server]
listen = ["127.0.0.1:0"]
state_dir = "state"
grace_period = 1.0
max_streams = 4000
max_connection_streams = 4000
max_concurrent_rpcs = 10000

[auth]
tokens = [
  { name = "admin", role = "admin", token = "%(admin)s" },
  { name = "asterisk", role = "telephony", token = "%(telephony)s" },
]

[skills]
general = "general"
billing = "billing"
repair = "repair"
senior = "senior"

[[queues]]
name = "general"
wrap_up = 0
offer_timeout = 20
retry_delay = 5
skills = { general = 1 }

[[queues]]
name = "billing"
wrap_up = 0
skills = { billing = 1 }

[[queues]]
name = "repair"
wrap_up = 0
skills = { repair = 1 }

[[queues]]
name = "complaints"
wrap_up = 0
skills = { general = 1 }

[[queues]]
name = "orders"
wrap_up = 0
skills = { general = 1 }

[[queues]]
name = "escalation"
wrap_up = 0
skills = { senior = 1 }

[[queues]]
name = "small"
wrap_up = 0
max_waiting = 1
skills = { general = 1 }

[[agents]]
id = "a1"
skills = { general = 5, billing = 5 }
queues = { general = 0, billing = 0, complaints = 0, orders = 0, small = 0 }

[[agents]]
id = "a2"
skills = { general = 5, billing = 5 }
queues = { general = 0, billing = 0, complaints = 0, orders = 0, small = 0 }

[[agents]]
id = "a3"
skills = { repair = 5, general = 2 }
queues = { repair = 0 }

[[agents]]
id = "a4"
skills = { senior = 5, general = 5 }
queues = { escalation = 0 }

[[agents]]
id = "a5"
skills = { general = 5 }
queues = { general = 0 }

[[agents]]
id = "a6"
skills = { general = 5 }
queues = { general = 0 }

[[routes]]
pattern = "96655"
menu = "main"
[[routes]]
pattern = "966551"
queue = "general"
[[routes]]
pattern = "966552"
queue = "billing"
[[routes]]
pattern = "966553"
queue = "repair"
[[routes]]
pattern = "966554"
queue = "complaints"
[[routes]]
pattern = "966555"
queue = "orders"
[[routes]]
pattern = "96656"
queue = "general"
label = "direct line: straight to the general queue"
[[routes]]
pattern = "96657"
queue = "small"
[[routes]]
pattern = "0459"
field = "caller"
priority = "normal"
[[routes]]
pattern = "_0ZX."
field = "caller"
priority = "priority"
[[routes]]
pattern = "_0459666."
field = "caller"
reject = "blocked caller"
""" % TOKENS


def hook_config(agi_port: int, target: str, ari_url: str, ari_password: str, tmp: Path, **over: Any) -> str:
    hot = {"announce_interval": 0.3, "ring_timeout": 1.0, "transfer_grace": 2.0, "dtmf": "ari",
           "digit_window": 0.3}
    hot.update(over.pop("hotline", {}))
    agi = {"max_connections": 6000, "max_pending": 3000, "header_timeout": 5.0}
    agi.update(over.pop("agi", {}))
    acd = {"timeout": 2.0, "outage_timeout": 20.0, "retry_interval": 0.1}
    acd.update(over.pop("acdcore", {}))
    rec = over.pop("recording", None)
    ss = over.pop("selfservice", None)
    cm = over.pop("campaign", None)
    ari = f'[ari]\nurl = "{ari_url}"\nusername = "acdcore"\npassword = "{ari_password}"\napp = "acdcore"\n' \
        if ari_url else ""

    def tbl(d: dict[str, Any]) -> str:
        out = []
        for k, v in d.items():
            if isinstance(v, bool):
                out.append(f"{k} = {'true' if v else 'false'}")
            elif isinstance(v, (int, float)):
                out.append(f"{k} = {v}")
            elif isinstance(v, list):
                out.append(f"{k} = [{', '.join(repr(str(x)) for x in v)}]")
            else:
                out.append(f'{k} = "{v}"')
        return "\n".join(out)

    agents = "\n".join(f'{a} = "PJSIP/agent-{a}"' for a in AGENTS)
    recording = f"[recording]\n{tbl(rec)}\n" if rec else ""
    recording += f"\n[selfservice]\n{tbl(ss)}\n" if ss else ""
    recording += f"\n[campaign]\n{tbl(cm)}\n" if cm else ""
    return f"""
[agi]
listen = "127.0.0.1:{agi_port}"
{tbl(agi)}

[acdcore]
target = "{target}"
token = "{TOKENS['telephony']}"
{tbl(acd)}

{ari}
[hotline]
{tbl(hot)}

[callback]
store = "{tmp / 'callbacks.jsonl'}"
caller_id = "96655"
ring_timeout = 2.0

[log]
queue_log = "{tmp / 'hook_queue_log'}"

{recording}
[menus.main]
prompt = "menu_main"
timeout = 0.3
retries = 2
default = "0"
options = [
  {{ digit = "1", label = "service inquiry", route = "1" }},
  {{ digit = "2", label = "fees and account", route = "2", selfservice = "balance" }},
  {{ digit = "3", label = "fault repair", route = "3" }},
  {{ digit = "4", label = "complaints and suggestions", route = "4" }},
  {{ digit = "5", label = "service orders", route = "5" }},
  {{ digit = "0", label = "agent", route = "1" }},
]

[features]
pause_reasons = {{ "1" = "lunch", "2" = "training" }}

[transfer]
targets = {{ "81" = "general", "82" = "billing", "89" = "escalation" }}

[agents]
{agents}
"""


class AstEnv:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.server = ServerProc(tmp / "acd", SERVER_CONFIG).start()
        self.admin = Client(self.server.target, TOKENS["admin"])
        self.hook: Any = None
        self.ast: FakeAsterisk | None = None
        self.ari: AriStub | None = None

    def close(self) -> None:
        self.admin.close()
        self.server.stop()

    # ------------------------------------------------------------ one scenario in an event loop
    def run(self, scenario: Callable[[AstEnv], Awaitable[Any]], *, timeout: float = 60.0, ari: bool = True,
            **hook_over: Any) -> Any:
        return asyncio.run(asyncio.wait_for(self._run(scenario, ari, hook_over), timeout))

    async def _run(self, scenario: Callable[[AstEnv], Awaitable[Any]], ari: bool, hook_over: dict[str, Any]) -> Any:
        from acdhook import config as hook_config_mod
        from acdhook.app import Hook

        self.ast = FakeAsterisk("127.0.0.1", 0)
        if ari:
            self.ari = await AriStub(self.ast).start()
        text = hook_config(0, self.server.target, self.ari.url if self.ari else "",
                           self.ari.password if self.ari else "", self.tmp, **hook_over)
        (self.tmp / "hook.toml").write_text(text)
        cfg = hook_config_mod.load(self.tmp / "hook.toml")
        self.hook = await Hook(cfg).start()
        self.ast.agi_port = self.hook.server.port
        for a in AGENTS:
            self.ast.phone(f"PJSIP/agent-{a}")
        self.tel = AsyncClient(self.server.target, TOKENS["telephony"], retries=1, timeout=5)
        try:
            if self.hook.ari is not None:
                await asyncio.wait_for(self.hook.ari.connected.wait(), 5)
            return await scenario(self)
        finally:
            await self.ast.close()
            await self.hook.stop()
            if self.ari:
                await self.ari.stop()
            await self.tel.close()

    # ------------------------------------------------------------ helpers
    def phone(self, agent: str) -> Any:
        assert self.ast is not None
        return self.ast.phone(f"PJSIP/agent-{agent}")

    async def login(self, *agents: str) -> None:
        for a in agents:
            await self.tel.login(a)

    async def agent_state(self, agent: str) -> int:
        return (await self.tel.get_agent(agent)).agent.state

    async def call_state(self, call_id: str) -> Any:
        return (await self.tel.get_call(call_id)).call

    async def wait_call_state(self, call_id: str, state: int, timeout: float = 10.0) -> Any:
        async def check() -> Any:
            try:
                c = await self.call_state(call_id)
            except Exception:
                return None
            return c if c.state == state else None

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            c = await check()
            if c is not None:
                return c
            await asyncio.sleep(0.01)
        raise AssertionError(f"call {call_id} never reached {pb.enums.CallState.Name(state)}")

    async def wait_agent_state(self, agent: str, state: int, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if await self.agent_state(agent) == state:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"agent {agent} never reached {pb.enums.AgentState.Name(state)}: "
                             f"{pb.enums.AgentState.Name(await self.agent_state(agent))}")

    async def all_events(self) -> list[Any]:
        evs: list[Any] = []
        agen = self.tel.watch_events(reconnect=False)
        try:
            first = await agen.__anext__()
            last_seq = first.snapshot.seq if first.HasField("snapshot") else 0
        finally:
            await agen.aclose()
        agen = self.tel.watch_events(after_seq=1, reconnect=False)
        try:
            async for resp in agen:
                evs.extend(resp.events)
                if evs and evs[-1].seq >= last_seq:
                    break
        finally:
            await agen.aclose()
        return evs

    async def call_events(self, call_id: str) -> list[str]:
        return [pb.enums.EventType.Name(e.type)[11:] for e in await self.all_events() if e.call_id == call_id]

    async def expect_events(self, call_id: str, expected: list[str], timeout: float = 10.0) -> list[str]:
        """The call's event names once they equal ``expected`` (the hook's last API call may
        still be on its way when the caller's side is done); fails with what was seen."""
        deadline = time.monotonic() + timeout
        while True:
            evs = await self.call_events(call_id)
            if evs == expected or time.monotonic() > deadline:
                assert evs == expected, evs
                return evs
            await asyncio.sleep(0.05)

    def hook_qlog(self) -> list[str]:
        return list(self.hook.qlog.recent)


__all__ = ["AstEnv", "until"]
