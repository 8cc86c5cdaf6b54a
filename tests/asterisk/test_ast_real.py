"""Against a real Asterisk (22 LTS, chan_pjsip): set ACDCORE_ASTERISK to its binary.

    ACDCORE_ASTERISK=/usr/sbin/asterisk .venv/bin/python -m pytest -q tests/asterisk/test_ast_real.py

Skipped otherwise (Debian 12 ships no asterisk package; the CI image has none). What runs:
a private Asterisk (its own asterisk.conf, directories under the test's tmp dir, SIP, HTTP
and AGI on loopback ports picked free) with the shipped extensions.conf, ari.conf and
http.conf (addresses and the secret rewritten) and a pjsip.conf for the test: a trunk
identified by 127.0.0.1 and the agent a5 behind a sipp UAS. The real hook (in the test's
event loop) and the real acdcore server. Callers are sipp UACs (Debian sip-tester) sending
INVITE with PCMU SDP to the direct line 96656 (test dialplan: Goto the hotline).
ACDCORE_ASTERISK_MODULES names the module directory if it is not a standard one.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from acdcore_client import AsyncClient, pb

from ast_env import SERVER_CONFIG, TOKENS, hook_config
from grpc_harness import ServerProc

E = pb.enums
ROOT = Path(__file__).resolve().parents[2]
ETC = ROOT / "asterisk" / "etc"
ASTERISK = os.environ.get("ACDCORE_ASTERISK", "")
SIPP = shutil.which("sipp")

pytestmark = [
    pytest.mark.skipif(not ASTERISK, reason="ACDCORE_ASTERISK (the path of an Asterisk 22 binary) is not set"),
    pytest.mark.skipif(not SIPP, reason="sipp (Debian sip-tester) is not installed"),
    pytest.mark.slow,
]

ARI_PASSWORD = "ari-real-test-secret"


def _free_port(kind: int) -> int:
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _moddir() -> str:
    env = os.environ.get("ACDCORE_ASTERISK_MODULES")
    if env:
        return env
    for d in ("/usr/lib/asterisk/modules", "/usr/lib/x86_64-linux-gnu/asterisk/modules",
              "/usr/local/lib/asterisk/modules", str(Path(ASTERISK).resolve().parents[1] / "lib/asterisk/modules")):
        if Path(d).is_dir():
            return d
    pytest.skip("no Asterisk module directory found (set ACDCORE_ASTERISK_MODULES)")
    return ""


class RealAsterisk:
    """One private Asterisk process configured for the hook at agi_port."""

    def __init__(self, tmp: Path, agi_port: int, http_port: int) -> None:
        self.tmp = tmp
        self.sip_port = _free_port(socket.SOCK_DGRAM)
        self.http_port = http_port
        self.uas_port = _free_port(socket.SOCK_DGRAM)
        d = {k: tmp / k for k in ("etc", "lib", "spool", "run", "log", "agi")}
        for p in d.values():
            p.mkdir(parents=True, exist_ok=True)
        (d["lib"] / "sounds" / "acdcore").mkdir(parents=True, exist_ok=True)
        (d["lib"] / "moh").mkdir(exist_ok=True)
        for f in (ROOT / "asterisk" / "sounds").glob("*.ulaw"):
            shutil.copy(f, d["lib"] / "sounds" / "acdcore" / f.name)
        self.conf = d["etc"] / "asterisk.conf"
        self.conf.write_text(f"""[directories](!)
astetcdir => {d['etc']}
astmoddir => {_moddir()}
astvarlibdir => {d['lib']}
astdbdir => {d['lib']}
astkeydir => {d['lib']}
astdatadir => {d['lib']}
astagidir => {d['agi']}
astspooldir => {d['spool']}
astrundir => {d['run']}
astlogdir => {d['log']}

[options]
documentation_language = en_US
""")
        (d["etc"] / "modules.conf").write_text("[modules]\nautoload = yes\nnoload = chan_dahdi.so\n"
                                               "noload = res_hep.so\nnoload = chan_iax2.so\n")
        (d["etc"] / "logger.conf").write_text("[logfiles]\nmessages.log => notice,warning,error,verbose\n")
        ext = (ETC / "extensions.conf").read_text().replace(
            "ACDCORE_HOOK=agi://127.0.0.1:4573", f"ACDCORE_HOOK=agi://127.0.0.1:{agi_port}")
        ext += "\n[acdcore-hotline]\n; test: the direct line (prefix analysis routes 96656 to the queue general)\n" \
               "exten => 96656,1,Goto(acdcore-hotline,96655,1)\n"
        (d["etc"] / "extensions.conf").write_text(ext)
        (d["etc"] / "http.conf").write_text((ETC / "http.conf").read_text().replace(
            "bindport = 8088", f"bindport = {self.http_port}"))
        (d["etc"] / "ari.conf").write_text((ETC / "ari.conf").read_text().replace(
            "change-me-ari-secret", ARI_PASSWORD).replace("127.0.0.1:8088", f"127.0.0.1:{self.http_port}"))
        for f in ("features.conf", "musiconhold.conf"):
            shutil.copy(ETC / f, d["etc"] / f)
        (d["etc"] / "pjsip.conf").write_text(f"""[transport-udp]
type = transport
protocol = udp
bind = 127.0.0.1:{self.sip_port}

[trunk]
type = endpoint
transport = transport-udp
context = acdcore-hotline
disallow = all
allow = ulaw
direct_media = no
rtp_symmetric = yes

[trunk]
type = identify
endpoint = trunk
match = 127.0.0.1

[agent-a5]
type = endpoint
transport = transport-udp
context = acdcore-agents
disallow = all
allow = ulaw
direct_media = no
aors = agent-a5

[agent-a5]
type = aor
contact = sip:agent-a5@127.0.0.1:{self.uas_port}
""")
        self.log = open(tmp / "asterisk.out", "w")
        self.proc = subprocess.Popen([ASTERISK, "-f", "-n", "-C", str(self.conf)], stdout=self.log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def rx(self, cmd: str, timeout: float = 15.0) -> subprocess.CompletedProcess[str]:
        return subprocess.run([ASTERISK, "-C", str(self.conf), "-rx", cmd], capture_output=True, text=True,
                              timeout=timeout)

    def wait_booted(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"asterisk exited {self.proc.returncode}: {(self.tmp / 'asterisk.out').read_text()[-3000:]}")
            try:
                if self.rx("core waitfullybooted", 10).returncode == 0:
                    return
            except subprocess.TimeoutExpired:
                pass
            time.sleep(0.5)
        raise RuntimeError("asterisk did not boot in time")

    def stop(self) -> None:
        try:
            self.rx("core stop now", 10)
        except Exception:
            pass
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self.log.close()


async def _sipp(*args: str, timeout: float) -> tuple[int, str]:
    """Run sipp to its end (bounded); (exit code, the tail of its output). 0: every call succeeded."""
    p = await asyncio.create_subprocess_exec(SIPP or "sipp", *args, stdin=asyncio.subprocess.DEVNULL,
                                             stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    try:
        out, _ = await asyncio.wait_for(p.communicate(), timeout)
    except (asyncio.TimeoutError, TimeoutError):
        p.kill()
        out, _ = await asyncio.wait_for(p.communicate(), 10)
        return -1, out.decode("utf-8", "replace")[-2000:]
    return int(p.returncode or 0), out.decode("utf-8", "replace")[-2000:]


@pytest.fixture
def real(tmp_path):  # type: ignore[no-untyped-def]
    server = ServerProc(tmp_path / "acd", SERVER_CONFIG).start()
    yield tmp_path, server
    server.stop()


def _run(tmp: Path, server: ServerProc, scenario, timeout: float = 240.0):  # type: ignore[no-untyped-def]
    async def main():  # type: ignore[no-untyped-def]
        from acdhook import config as hook_config_mod
        from acdhook.app import Hook

        # the hook first (its FastAGI port goes into extensions.conf); ARI reconnects until Asterisk is up
        http_port = _free_port(socket.SOCK_STREAM)
        text = hook_config(0, server.target, f"http://127.0.0.1:{http_port}/ari", ARI_PASSWORD, tmp,
                           hotline={"announce_interval": 0, "ring_timeout": 10.0})
        (tmp / "hook.toml").write_text(text)
        hook = await Hook(hook_config_mod.load(tmp / "hook.toml")).start()
        ast = None
        tel = AsyncClient(server.target, TOKENS["telephony"], retries=1, timeout=5)
        try:
            ast = await asyncio.to_thread(_start_asterisk, tmp, hook.server.port, http_port)
            assert hook.ari is not None
            await asyncio.wait_for(hook.ari.connected.wait(), 30)
            return await scenario(ast, hook, tel)
        finally:
            await tel.close()
            await hook.stop()
            if ast is not None:
                await asyncio.to_thread(ast.stop)

    return asyncio.run(asyncio.wait_for(main(), timeout))


def _start_asterisk(tmp: Path, agi_port: int, http_port: int) -> RealAsterisk:
    ast = RealAsterisk(tmp, agi_port, http_port)
    try:
        ast.wait_booted()
    except BaseException:
        ast.stop()
        raise
    return ast


async def _all_event_names(tel: AsyncClient) -> list[str]:
    """Every event acdcore has journalled so far (bounded reads)."""
    agen = tel.watch_events(reconnect=False)
    try:
        first = await asyncio.wait_for(agen.__anext__(), 10)
        last = first.snapshot.seq if first.HasField("snapshot") else 0
    finally:
        await agen.aclose()
    names: list[str] = []
    if last == 0:
        return names
    agen = tel.watch_events(after_seq=1, reconnect=False)
    try:
        seen = 0
        while seen < last:
            resp = await asyncio.wait_for(agen.__anext__(), 10)
            for e in resp.events:
                names.append(E.EventType.Name(e.type)[11:])
                seen = e.seq
    finally:
        await agen.aclose()
    return names


async def _events(tel: AsyncClient, want: list[str], timeout: float = 60.0) -> list[str]:
    """The call events (one call per test) once they end with ``want``."""
    deadline = time.monotonic() + timeout
    names: list[str] = []
    while time.monotonic() < deadline:
        names = [n for n in await _all_event_names(tel) if n.startswith("CALL_")]
        if names[-len(want):] == want:
            return names
        await asyncio.sleep(0.2)
    raise AssertionError(f"call events {names}, wanted them to end with {want}")


def test_real_asterisk_sipp_caller_answered_by_sipp_agent(real):  # type: ignore[no-untyped-def]
    tmp, server = real

    async def scenario(ast: RealAsterisk, hook, tel: AsyncClient):  # type: ignore[no-untyped-def]
        await tel.login("a5")
        uas = asyncio.ensure_future(_sipp("-sn", "uas", "-i", "127.0.0.1", "-p", str(ast.uas_port), "-m", "1",
                                          "-timeout", "120s", timeout=150))
        await asyncio.sleep(1.0)  # the UAS is listening
        # the caller: INVITE (PCMU SDP) to 96656, talks 15 s after the answer, then BYE
        rc, out = await _sipp("-sn", "uac", "-s", "96656", "-i", "127.0.0.1", "-p", str(_free_port(socket.SOCK_DGRAM)),
                              "-m", "1", "-d", "15000", "-timeout", "120s", f"127.0.0.1:{ast.sip_port}", timeout=150)
        assert rc == 0, out
        rc2, out2 = await uas
        assert rc2 == 0, out2
        lines = hook.qlog.recent
        # acdcore saw the call from arrival to completion
        names = await _events(tel, ["CALL_ANSWERED", "CALL_COMPLETED"])
        assert "CALL_ENQUEUED" in names and "CALL_OFFERED" in names, (names, lines)
        return True

    assert _run(tmp, server, scenario)


def test_real_asterisk_caller_abandons_while_waiting(real):  # type: ignore[no-untyped-def]
    tmp, server = real

    async def scenario(ast: RealAsterisk, hook, tel: AsyncClient):  # type: ignore[no-untyped-def]
        # nobody logged in: the caller waits on hold music, hangs up after 8 s -> CancelCall
        rc, out = await _sipp("-sn", "uac", "-s", "96656", "-i", "127.0.0.1", "-p", str(_free_port(socket.SOCK_DGRAM)),
                              "-m", "1", "-d", "8000", "-timeout", "90s", f"127.0.0.1:{ast.sip_port}", timeout=120)
        assert rc == 0, out
        names = await _events(tel, ["CALL_ABANDONED"])
        assert "CALL_ENQUEUED" in names, names
        return True

    assert _run(tmp, server, scenario)
