"""``acdcore demo``: a simulated busy hour of the hotline, driven through the real gRPC API.

A server is started as a subprocess on 127.0.0.1 (a free port, state in a temporary
directory) with the shipped hotline configuration, its durations scaled so that the hour
runs in ``--duration`` wall seconds. Then, over the API only:

* every agent logs in with its own agent token, watches its own offers (WatchEvents),
  lets the phone ring a moment, accepts, talks (log-normal durations by queue), completes;
  the server's wrap-up follows; now and then an agent takes a break (Pause/SetReady), and
  a few complaints are transferred to the senior agents (TransferCall);
* callers (role telephony) arrive at random through the hour with the hotline's mix of
  requests, dial 96655 + a menu digit, and are routed by prefix analysis (long-distance
  callers wait in the PRIORITY class); each waits on WatchCall until answered, and hangs up
  (CancelCall) when its patience runs out;
* a supervisor prints the per-queue table every second (ListQueueStats) and the final
  statistics: offered, answered, abandoned, service level, ASA, AHT, in simulated seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

from .default_config import DEFAULT_CONFIG

SIM_HOUR = 3600.0
MIX = [("1", "general", 0.35), ("2", "billing", 0.25), ("3", "repair", 0.20), ("4", "complaints", 0.08),
       ("5", "orders", 0.12)]
TALK_MEDIAN = {"general": 120.0, "billing": 150.0, "repair": 240.0, "complaints": 300.0, "orders": 210.0,
               "escalation": 260.0}
_SCALED_KEYS = ("wrap_up", "offer_timeout", "retry_delay", "service_level_threshold", "short_abandon_threshold",
                "overflow_after", "max_priority_overtake", "default_handle_time")


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def dump_toml(cfg: dict[str, Any]) -> str:
    out = []
    for k, v in cfg.items():
        if isinstance(v, dict):
            out.append(f"[{k}]")
            out += [f"{kk} = {_toml_value(vv)}" for kk, vv in v.items()]
            out.append("")
    for k, v in cfg.items():
        if isinstance(v, list):
            for item in v:
                out.append(f"[[{k}]]")
                out += [f"{kk} = {_toml_value(vv)}" for kk, vv in item.items()]
                out.append("")
    return "\n".join(out)


def demo_config(state: Path, scale: float, n_agents: int) -> tuple[str, dict[str, str]]:
    """The hotline configuration with durations divided by ``scale`` and demo tokens."""
    cfg = tomllib.loads(DEFAULT_CONFIG)
    cfg["server"].update({"listen": ["127.0.0.1:0"], "state_dir": str(state), "max_streams": 2000,
                          "max_connection_streams": 2000, "max_concurrent_rpcs": 5000, "grace_period": 1.0})
    cfg.pop("tls", None)
    for q in cfg["queues"]:
        for key in _SCALED_KEYS:
            if key in q:
                q[key] = q[key] / scale
        for r in q.get("penalty_rules", []):
            r["after"] = r["after"] / scale
    agents = cfg["agents"][:n_agents]
    cfg["agents"] = agents
    tokens = {"telephony": "demo-telephony-" + os.urandom(8).hex(), "supervisor": "demo-supervisor-" + os.urandom(8).hex()}
    entries = [{"name": r, "role": r, "token": t} for r, t in tokens.items()]
    for a in agents:
        tokens[a["id"]] = f"demo-agent-{a['id']}-" + os.urandom(8).hex()
        entries.append({"name": f"agent-{a['id']}", "role": "agent", "token": tokens[a["id"]], "agent_id": a["id"]})
    cfg["auth"] = {"tokens": entries}
    return dump_toml(cfg).replace("[auth]\ntokens = ", "[auth]\ntokens = "), tokens


class Demo:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.scale = SIM_HOUR / args.duration
        self.rng = random.Random(args.seed)
        self.stop = asyncio.Event()
        self.outcomes: dict[str, int] = {"answered": 0, "abandoned": 0, "refused": 0, "transferred": 0,
                                         "breaks": 0}
        self.started = 0.0

    def sim(self, wall: float) -> float:
        return wall * self.scale

    def wall(self, sim_seconds: float) -> float:
        return sim_seconds / self.scale

    # ---------------------------------------------------------------- agents
    async def agent(self, target: str, agent_id: str, token: str) -> None:
        from acdcore_api.acd.v1 import enums_pb2 as E
        from acdcore_client import AsyncClient, errors

        rng = random.Random(f"{self.args.seed}-{agent_id}")
        async with AsyncClient(target, token, retries=3) as c:
            await c.login()
            stream = c.watch_events(agent_ids=[agent_id], event_types=[E.EVENT_TYPE_CALL_OFFERED])
            try:
                async for resp in stream:
                    if self.stop.is_set():
                        break
                    for ev in resp.events:
                        await self._handle_offer(c, ev, rng, errors)
            except (errors.Unavailable, asyncio.CancelledError):
                return

    async def _handle_offer(self, c: Any, ev: Any, rng: random.Random, errors: Any) -> None:
        await asyncio.sleep(self.wall(rng.uniform(2, 8)))  # the phone rings
        try:
            await c.accept_offer(ev.offer_id)
        except errors.AcdApiError:
            return  # the caller hung up while it rang
        median = TALK_MEDIAN.get(ev.queue, 180.0)
        talk = median * math.exp(rng.gauss(0, 0.55))
        if ev.queue == "complaints" and rng.random() < 0.15:
            await asyncio.sleep(self.wall(talk / 3))
            try:
                await c.transfer_call(ev.call_id, "escalation")
                self.outcomes["transferred"] += 1
            except errors.AcdApiError:
                pass
            return
        await asyncio.sleep(self.wall(talk))
        try:
            await c.complete_call(ev.call_id)
        except errors.AcdApiError:
            return  # the caller hung up first
        if rng.random() < 0.04:  # a short break after the wrap-up
            await asyncio.sleep(self.wall(40))
            try:
                await c.pause("", "break")
                self.outcomes["breaks"] += 1
                await asyncio.sleep(self.wall(rng.uniform(180, 360)))
                await c.set_ready()
            except errors.AcdApiError:
                pass

    # ---------------------------------------------------------------- callers
    def _caller_number(self) -> str:
        r = self.rng.random()
        if r < 0.62:
            return "0459" + "".join(self.rng.choice("0123456789") for _ in range(7))
        if r < 0.85:
            return "1" + self.rng.choice("3578") + "".join(self.rng.choice("0123456789") for _ in range(9))
        area = self.rng.choice(["0451", "0452", "010", "021", "0411"])
        return area + "".join(self.rng.choice("0123456789") for _ in range(8 - len(area) + 4))

    async def caller(self, c: Any, n: int, at: float) -> None:
        from acdcore_api.acd.v1 import call_service_pb2 as C
        from acdcore_api.acd.v1 import enums_pb2 as E
        from acdcore_client import errors

        await asyncio.sleep(max(0.0, self.started + self.wall(at) - time.monotonic()))
        x = self.rng.random()
        digit = "1"
        for d, _q, p in MIX:
            if x < p:
                digit = d
                break
            x -= p
        patience = self.rng.expovariate(1 / 150.0) + 10
        call_id = f"demo-{n:04d}"
        try:
            await c.enqueue_call(call_id, caller=self._caller_number(), dialled="96655" + digit,
                                 attributes={"menu": digit})
        except errors.AcdApiError:
            self.outcomes["refused"] += 1
            return

        async def follow() -> bool:
            async for upd in c.watch_call(call_id, until=C.CALL_MILESTONE_ANSWERED):
                if upd.done:
                    return upd.call.state == E.CALL_STATE_CONNECTED
            return False

        try:
            answered = await asyncio.wait_for(follow(), self.wall(patience))
        except asyncio.TimeoutError:
            answered = False
            try:
                await c.cancel_call(call_id)
                self.outcomes["abandoned"] += 1
            except errors.AcdApiError:
                answered = True  # answered at the very moment the caller gave up
        except errors.AcdApiError:
            return
        if answered:
            self.outcomes["answered"] += 1

    # ---------------------------------------------------------------- supervisor
    def table(self, stats: Any, final: bool = False) -> str:
        el = time.monotonic() - self.started
        t = self.sim(el)
        head = (f"{'FINAL' if final else 'busy hour'} {int(t // 60):02d}:{int(t % 60):02d} (sim)  "
                f"callers so far {self.arrived}/{self.args.calls}")
        lines = [head, f"{'queue':<12}{'wait':>5}{'prio':>5}{'offered':>8}{'answ':>6}{'aband':>6}{'xfer':>5}"
                       f"{'SL':>6}{'ASA':>6}{'AHT':>6}{'maxw':>6}{'avail':>6}{'busy':>5}{'pause':>6}"]
        for s in stats:
            sl = f"{s.service_level * 100:.0f}%" if s.HasField("service_level") else "-"
            asa = f"{self.sim(s.asa_seconds):.0f}" if s.HasField("asa_seconds") else "-"
            aht = f"{self.sim(s.aht_seconds):.0f}" if s.HasField("aht_seconds") else "-"
            lines.append(f"{s.queue:<12}{s.waiting:>5}{s.waiting_priority:>5}{s.offered:>8}{s.answered:>6}"
                         f"{s.abandoned:>6}{s.transferred_out:>5}{sl:>6}{asa:>6}{aht:>6}"
                         f"{self.sim(s.longest_wait_seconds):>6.0f}{s.agents_available:>6}{s.agents_busy:>5}"
                         f"{s.agents_paused:>6}")
        return "\n".join(lines)

    async def supervisor(self, c: Any) -> None:
        while not self.stop.is_set():
            stats = (await c.list_queue_stats()).stats
            if not self.args.quiet:
                print(self.table(stats) + "\n", flush=True)
            try:
                await asyncio.wait_for(self.stop.wait(), 1.0)
            except asyncio.TimeoutError:
                pass

    # ---------------------------------------------------------------- run
    async def run(self, target: str, tokens: dict[str, str], agent_ids: list[str]) -> int:
        from acdcore_client import AsyncClient

        self.arrived = 0
        self.started = time.monotonic()
        arrivals = sorted(self.rng.uniform(0, SIM_HOUR * 0.92) for _ in range(self.args.calls))
        async with AsyncClient(target, tokens["telephony"], retries=3) as tel, \
                AsyncClient(target, tokens["supervisor"]) as sup:
            agents = [asyncio.create_task(self.agent(target, a, tokens[a])) for a in agent_ids]
            sup_task = asyncio.create_task(self.supervisor(sup))

            async def counted(n: int, at: float) -> None:
                await self.caller(tel, n, at)

            async def count_arrivals() -> None:
                for at in arrivals:
                    await asyncio.sleep(max(0.0, self.started + self.wall(at) - time.monotonic()))
                    self.arrived += 1

            counter = asyncio.create_task(count_arrivals())
            callers = [asyncio.create_task(counted(i, at)) for i, at in enumerate(arrivals)]
            await asyncio.gather(*callers)
            await counter
            # let the last calls finish talking (at most a few simulated minutes)
            deadline = time.monotonic() + self.wall(600)
            while time.monotonic() < deadline:
                st = (await sup.list_queue_stats()).stats
                if all(s.waiting == 0 for s in st) and not any(s.agents_busy for s in st):
                    break
                await asyncio.sleep(0.2)
            self.stop.set()
            await sup_task
            for t in agents:
                t.cancel()
            await asyncio.gather(*agents, return_exceptions=True)
            stats = (await sup.list_queue_stats()).stats
        print(self.table(stats, final=True))
        offered = sum(s.offered for s in stats)
        answered = sum(s.answered for s in stats)
        abandoned = sum(s.abandoned for s in stats)
        within = sum(s.answered_within_sl for s in stats)
        short = sum(s.short_abandoned for s in stats)
        asa = sum(s.asa_seconds * s.answered for s in stats if s.HasField("asa_seconds")) / max(answered, 1)
        denom = answered + abandoned - short
        print(f"\ntotals: {self.args.calls} callers, {offered} offered to queues (transfers count again), "
              f"{answered} answered, {abandoned} abandoned, {self.outcomes['refused']} refused, "
              f"{self.outcomes['transferred']} transferred to seniors, {self.outcomes['breaks']} agent breaks")
        print(f"service level {within / denom * 100 if denom else 0:.0f}% answered within threshold, "
              f"ASA {self.sim(asa):.0f} s (simulated), wall time {time.monotonic() - self.started:.0f} s, "
              f"time scale 1:{self.scale:.0f}")
        ok = answered > 0 and answered + abandoned >= self.outcomes["answered"]
        return 0 if ok else 1


def run(args: argparse.Namespace) -> int:
    if args.calls < 1 or args.duration <= 0 or not 1 <= args.agents <= 36:
        print("acdcore demo: --calls >= 1, --duration > 0 and --agents 1..36", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="acdcore-demo-"))
    state = args.state_dir or tmp / "state"
    scale = SIM_HOUR / args.duration
    text, tokens = demo_config(Path(state).resolve(), scale, args.agents)
    cfg = tmp / "demo.toml"
    cfg.write_text(text)
    port_file = tmp / "port.json"
    log = open(tmp / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "grpc_server", "--config", str(cfg), "--port-file",
                             str(port_file)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not port_file.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                log.close()
                print("acdcore demo: the server did not start:\n" + (tmp / "server.log").read_text()[-3000:],
                      file=sys.stderr)
                return 1
            time.sleep(0.05)
        import json

        port = json.loads(port_file.read_text())["ports"][0]
        target = f"127.0.0.1:{port}"
        agent_ids = [a for a in tokens if a not in ("telephony", "supervisor")]
        print(f"acdcore demo: server on {target}; {len(agent_ids)} agents, {args.calls} callers, "
              f"one simulated hour in {args.duration:.0f} s", flush=True)
        return asyncio.run(Demo(args).run(target, tokens, agent_ids))
    except KeyboardInterrupt:
        return 130
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()
        if args.state_dir is None:
            shutil.rmtree(tmp, ignore_errors=True)
