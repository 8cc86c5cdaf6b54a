"""Against a real Asterisk (22 LTS, chan_pjsip): set ACDCORE_ASTERISK to its binary.

    ACDCORE_ASTERISK=/usr/sbin/asterisk .venv/bin/python -m pytest -q tests/asterisk/test_ast_real.py

Skipped otherwise (Debian 12 ships no asterisk package; the CI image has none). What runs:
a private Asterisk (its own asterisk.conf, directories under the test's tmp dir, SIP, HTTP
and AGI on loopback ports picked free) with the shipped extensions.conf, ari.conf and
http.conf (addresses and the secret rewritten) and a pjsip.conf for the test: a trunk
identified by 127.0.0.1 and the agent a5 behind a sipp UAS. The real hook (in the test's
event loop) and the real acdcore server. Callers are sipp UACs (Debian sip-tester) sending
INVITE with PCMU SDP to the direct line 96656 (test dialplan: Goto the hotline).
ACDCORE_ASTERISK_MODULES names the module directory and ACDCORE_ASTERISK_DATADIR the data directory
(the one holding documentation/) if they are not standard ones.
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


def _datadir() -> str:
    """The installation's data directory: Asterisk validates config options against the XML
    documentation it finds there (astdatadir/documentation) and refuses to start without it."""
    env = os.environ.get("ACDCORE_ASTERISK_DATADIR")
    if env:
        return env
    for d in ("/var/lib/asterisk", "/usr/share/asterisk", str(Path(ASTERISK).resolve().parents[1] / "var/lib/asterisk")):
        if (Path(d) / "documentation").is_dir():
            return d
    pytest.skip("no Asterisk data directory with documentation/ found (set ACDCORE_ASTERISK_DATADIR)")
    return ""


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
        for sub in ("documentation", "rest-api"):
            if (Path(_datadir()) / sub).exists():
                (d["lib"] / sub).symlink_to(Path(_datadir()) / sub)
        for f in (ROOT / "asterisk" / "sounds").glob("*.ulaw"):
            shutil.copy(f, d["lib"] / "sounds" / "acdcore" / f.name)
        self.conf = d["etc"] / "asterisk.conf"
        self.conf.write_text(f"""[directories]
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
        for f in ("features.conf", "musiconhold.conf", "amd.conf"):
            shutil.copy(ETC / f, d["etc"] / f)
        (d["etc"] / "pjsip.conf").write_text(f"""[global]
type = global
; the agent's phone is told from the trunk by its user name: every test peer is on 127.0.0.1
endpoint_identifier_order = username,ip

[transport-udp]
type = transport
protocol = udp
bind = 127.0.0.1:{self.sip_port}

[trunk]
type = endpoint
transport = transport-udp
context = acdcore-hotline
disallow = all
allow = ulaw,alaw
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
allow = ulaw,alaw
direct_media = no
aors = agent-a5
identify_by = username

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


def _run(tmp: Path, server: ServerProc, scenario, timeout: float = 240.0, **hook_over):  # type: ignore[no-untyped-def]
    async def main():  # type: ignore[no-untyped-def]
        from acdhook import config as hook_config_mod
        from acdhook.app import Hook

        # the hook first (its FastAGI port goes into extensions.conf); ARI reconnects until Asterisk is up
        http_port = _free_port(socket.SOCK_STREAM)
        text = hook_config(0, server.target, f"http://127.0.0.1:{http_port}/ari", ARI_PASSWORD, tmp,
                           hotline={"announce_interval": 0, "ring_timeout": 10.0}, **hook_over)
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
    return [n for n, _e in await _all_events(tel)]


async def _all_events(tel: AsyncClient) -> list[tuple[str, object]]:
    """Every event acdcore has journalled so far, with its name (bounded reads)."""
    agen = tel.watch_events(reconnect=False)
    try:
        first = await asyncio.wait_for(agen.__anext__(), 10)
        last = first.snapshot.seq if first.HasField("snapshot") else 0
    finally:
        await agen.aclose()
    names: list[tuple[str, object]] = []
    if last == 0:
        return names
    agen = tel.watch_events(after_seq=1, reconnect=False)
    try:
        seen = 0
        while seen < last:
            resp = await asyncio.wait_for(agen.__anext__(), 10)
            for e in resp.events:
                names.append((E.EventType.Name(e.type)[11:], e))
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


# A caller that waits for the IVR and the agent, then talks: sipp's own PCMA sample twice
# (play_pcap_audio only starts the playback, so each one is followed by a pause that long).
UAC_TALKS = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="caller talks after the agent answers">
  <send retrans="500"><![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:04591234567@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: sip:04591234567@[local_ip]:[local_port]
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [auto_media_port] RTP/AVP 8
a=rtpmap:8 PCMA/8000
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rtd="true"/>
  <send><![CDATA[
ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:04591234567@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 1 ACK
Contact: sip:04591234567@[local_ip]:[local_port]
Max-Forwards: 70
Content-Length: 0
]]></send>
  <pause milliseconds="4000"/>
  <nop><action><exec play_pcap_audio="pcap/g711a.pcap"/></action></nop>
  <pause milliseconds="7500"/>
  <nop><action><exec play_pcap_audio="pcap/g711a.pcap"/></action></nop>
  <pause milliseconds="7500"/>
  <send retrans="500"><![CDATA[
BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sipp <sip:04591234567@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
Call-ID: [call_id]
CSeq: 2 BYE
Contact: sip:04591234567@[local_ip]:[local_port]
Max-Forwards: 70
Content-Length: 0
]]></send>
  <recv response="200" crlf="true"/>
</scenario>
"""


# The agent's phone: answers with PCMU and talks a steady 1 kHz tone (a pcap the test writes,
# played by sipp) until Asterisk hangs up.
UAS_TONE = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="agent phone answers and plays a tone">
  <recv request="INVITE" crlf="true"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:agent-a5@[local_ip]:[local_port];transport=[transport]>
Content-Type: application/sdp
Content-Length: [len]

v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0
a=rtpmap:0 PCMU/8000
]]></send>
  <recv request="ACK" rtd="true" crlf="true"/>
  <nop><action><exec play_pcap_audio="tone1k.pcap"/></action></nop>
  <recv request="BYE"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0
]]></send>
</scenario>
"""


def _write_tone_pcap(path: Path, seconds: float, hz: float = 1000.0) -> None:
    """A pcap (Ethernet/IPv4/UDP/RTP, PCMU, 20 ms packets) of a steady tone, as sipp plays it."""
    import math
    import struct

    import rtp

    out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i in range(int(seconds * 50)):
        pcm = struct.pack("<160h", *(int(8000 * math.sin(2 * math.pi * hz * (i * 160 + k) / 8000)) for k in range(160)))
        rtp_pkt = struct.pack("!BBHII", 0x80, 0, i & 0xFFFF, i * 160, 0x5A5A5A5A) + rtp.ulaw_encode(pcm)
        udp = struct.pack("!HHHH", 6000, 6002, 8 + len(rtp_pkt), 0) + rtp_pkt
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i & 0xFFFF, 0, 64, 17, 0,
                         bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1])) + udp
        frame = b"\x00" * 12 + b"\x08\x00" + ip
        t = i * 0.020
        out += struct.pack("<IIII", int(t), int(round((t % 1) * 1e6)), len(frame), len(frame)) + frame
    path.write_bytes(bytes(out))


def _audible_s(pcm: list[int]) -> float:
    return sum(1 for x in pcm if abs(x) > 500) / 8000


def _tone_share(pcm: list[int], hz: float = 1000.0) -> float:
    """Share of the audible signal's power at ``hz`` (Goertzel over 20 ms blocks)."""
    import math

    coeff = 2 * math.cos(2 * math.pi * hz / 8000)
    at, total = 0.0, 0.0
    for i in range(0, len(pcm) - 159, 160):
        blk = pcm[i:i + 160]
        e = float(sum(x * x for x in blk))
        if e < 160 * 500.0 * 500.0:
            continue
        s1 = s2 = 0.0
        for x in blk:
            s1, s2 = x + coeff * s1 - s2, s1
        at += (s1 * s1 + s2 * s2 - coeff * s1 * s2) * 2 / 160
        total += e
    return at / total if total else 0.0


def test_real_asterisk_answered_call_is_recorded_both_legs(real):  # type: ignore[no-untyped-def]
    """The recording choreography against the real thing: Asterisk's snoop (spy in/out) and
    externalMedia channels, bridged by the hook, send the legs to acdcore's RecordingService.
    The caller (sipp) talks PCMA speech, the agent's phone (sipp) answers with PCMU and plays a
    1 kHz tone; afterwards the recording is found by call id, with the caller's speech on the
    left and the agent's tone on the right, each channel free of the other."""
    import array

    import rtp
    from rtp.wavfile import channel, read_wav

    tmp, server = real
    scen = tmp / "uac_talks.xml"
    scen.write_text(UAC_TALKS)
    (tmp / "uas_tone.xml").write_text(UAS_TONE)
    _write_tone_pcap(tmp / "tone1k.pcap", 30.0)
    (tmp / "pcap").symlink_to(Path("/usr/share/sip-tester"))
    if not (tmp / "pcap" / "g711a.pcap").exists():
        pytest.skip("sipp's sample /usr/share/sip-tester/g711a.pcap is missing")

    async def scenario(ast: RealAsterisk, hook, tel: AsyncClient):  # type: ignore[no-untyped-def]
        await tel.login("a5")
        uas = await asyncio.create_subprocess_exec(
            SIPP or "sipp", "-sf", str(tmp / "uas_tone.xml"), "-i", "127.0.0.1", "-p", str(ast.uas_port),
            "-m", "1", "-timeout", "120s", cwd=str(tmp), stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        await asyncio.sleep(1.0)
        p = await asyncio.create_subprocess_exec(
            SIPP or "sipp", "-sf", str(scen), "-s", "96656", "-i", "127.0.0.1", "-p", str(_free_port(socket.SOCK_DGRAM)),
            "-m", "1", "-timeout", "120s", f"127.0.0.1:{ast.sip_port}", cwd=str(tmp),
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        out, _ = await asyncio.wait_for(p.communicate(), 150)
        assert p.returncode == 0, out.decode("utf-8", "replace")[-2000:]
        out2, _ = await asyncio.wait_for(uas.communicate(), 60)
        assert uas.returncode == 0, out2.decode("utf-8", "replace")[-2000:]
        await _events(tel, ["CALL_ANSWERED", "CALL_COMPLETED"])
        # the recording is closed by StopRecording at the hang-up
        from acdcore_api.acd.v1 import recording_service_pb2 as rpb

        async with AsyncClient(server.target, TOKENS["admin"], retries=1, timeout=10) as adm:
            ser = lambda m: m.SerializeToString()  # noqa: E731
            search = adm.channel.unary_unary("/acd.v1.RecordingService/SearchRecordings", request_serializer=ser,
                                             response_deserializer=rpb.SearchRecordingsResponse.FromString)
            get = adm.channel.unary_stream("/acd.v1.RecordingService/GetRecording", request_serializer=ser,
                                           response_deserializer=rpb.GetRecordingResponse.FromString)
            deadline = time.monotonic() + 20
            while True:
                found = (await search(rpb.SearchRecordingsRequest(agent_id="a5"), timeout=10, metadata=adm._md)).recordings
                if found and found[0].status == rpb.RECORDING_STATUS_COMPLETE:
                    break
                assert time.monotonic() < deadline, found
                await asyncio.sleep(0.2)
            assert len(found) == 1, found
            r = found[0]
            by_call = (await search(rpb.SearchRecordingsRequest(call_id=r.call_id), timeout=10,
                                    metadata=adm._md)).recordings
            assert [x.recording_id for x in by_call] == [r.recording_id]
            data = b""
            async for chunk in get(rpb.GetRecordingRequest(recording_id=r.recording_id), timeout=30, metadata=adm._md):
                data += chunk.data
        assert (r.channels, r.caller, r.queue) == (2, "04591234567", "general"), r
        path = tmp / "rec.wav"
        path.write_bytes(data)
        wi, pcm = read_wav(path)
        left = array.array("h", rtp.ulaw_decode(channel(pcm, wi, 0))).tolist()
        right = array.array("h", rtp.ulaw_decode(channel(pcm, wi, 1))).tolist()
        s_left, s_right = _audible_s(left), _audible_s(right)
        t_left, t_right = _tone_share(left), _tone_share(right)
        print(f"recorded {len(left) / 8000:.2f} s; caller channel audible {s_left:.2f} s, 1 kHz share {t_left:.3f}; "
              f"agent channel audible {s_right:.2f} s, 1 kHz share {t_right:.3f}")
        assert s_left >= 3.0 and s_right >= 3.0, (s_left, s_right)
        assert t_left < 0.2 and t_right > 0.8, (t_left, t_right)
        return True

    assert _run(tmp, server, scenario, recording={"mode": "grpc"})


def _uac_dtmf_scenario(pcap: str, after_ms: int, hold_ms: int) -> str:
    """A caller that presses one key (RFC 4733 events from sipp's sample pcap) ``after_ms`` into
    the call and hangs up ``hold_ms`` later."""
    head, tail = UAC_TALKS.split('  <pause milliseconds="4000"/>', 1)
    tail = tail[tail.index("  <send retrans"):]
    return (head.replace("m=audio [auto_media_port] RTP/AVP 8\na=rtpmap:8 PCMA/8000",
                         "m=audio [auto_media_port] RTP/AVP 8 101\na=rtpmap:8 PCMA/8000\n"
                         "a=rtpmap:101 telephone-event/8000\na=fmtp:101 0-15")
            + f'  <pause milliseconds="{after_ms}"/>\n'
            + f'  <nop><action><exec play_pcap_audio="pcap/{pcap}"/></action></nop>\n'
            + f'  <pause milliseconds="{hold_ms}"/>\n' + tail)


def test_real_asterisk_ivr_menu_digit_routes_the_call(real):  # type: ignore[no-untyped-def]
    """The hotline 96655 plays the welcome and the main menu; the caller presses 3 (fault repair,
    an RFC 4733 event as a phone sends it) during the menu prompt: the hook hears it through real
    Asterisk and the call waits in the repair queue; the caller hangs up: abandoned."""
    tmp, server = real
    scen = tmp / "uac_dtmf3.xml"
    scen.write_text(_uac_dtmf_scenario("dtmf_2833_3.pcap", 9000, 4000))
    (tmp / "pcap").symlink_to(Path("/usr/share/sip-tester"))
    if not (tmp / "pcap" / "dtmf_2833_3.pcap").exists():
        pytest.skip("sipp's sample /usr/share/sip-tester/dtmf_2833_3.pcap is missing")

    async def scenario(ast: RealAsterisk, hook, tel: AsyncClient):  # type: ignore[no-untyped-def]
        p = await asyncio.create_subprocess_exec(
            SIPP or "sipp", "-sf", str(scen), "-s", "96655", "-i", "127.0.0.1", "-p", str(_free_port(socket.SOCK_DGRAM)),
            "-m", "1", "-timeout", "120s", f"127.0.0.1:{ast.sip_port}", cwd=str(tmp),
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        out, _ = await asyncio.wait_for(p.communicate(), 150)
        assert p.returncode == 0, out.decode("utf-8", "replace")[-2000:]
        await _events(tel, ["CALL_ABANDONED"])
        lines = list(hook.qlog.recent)
        print("\n".join(lines))
        assert any("|IVRCHOICE|main|3|" in x for x in lines), lines
        enq = [e for n, e in await _all_events(tel) if n == "CALL_ENQUEUED"]
        assert [(e.queue, e.caller) for e in enq] == [("repair", "04591234567")], enq  # type: ignore[attr-defined]
        return True

    assert _run(tmp, server, scenario)


def test_real_asterisk_agent_feature_codes_log_in_and_out(real):  # type: ignore[no-untyped-def]
    """The agent's phone dials *71 and later *72 (context acdcore-agents): the hook hears them
    through real Asterisk and acdcore shows the agent logged in, then out."""
    tmp, server = real

    def agent_dials(code: str) -> Path:
        # INVITE from the agent's phone, then Asterisk (the hook, after its confirmation prompt)
        # hangs up: answer its BYE
        head = UAC_TALKS.split('  <pause milliseconds="4000"/>', 1)[0]
        body = head.replace("sipp <sip:04591234567@", "a5 <sip:agent-a5@").replace(
            "Contact: sip:04591234567@", "Contact: sip:agent-a5@") + """  <recv request="BYE"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0
]]></send>
</scenario>
"""
        f = tmp / f"agent{code.strip('*')}.xml"
        f.write_text(body)
        return f

    async def dial(ast: RealAsterisk, code: str) -> None:
        p = await asyncio.create_subprocess_exec(
            SIPP or "sipp", "-sf", str(agent_dials(code)), "-s", code, "-i", "127.0.0.1",
            "-p", str(_free_port(socket.SOCK_DGRAM)), "-m", "1", "-timeout", "60s", f"127.0.0.1:{ast.sip_port}",
            cwd=str(tmp), stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT)
        out, _ = await asyncio.wait_for(p.communicate(), 90)
        assert p.returncode == 0, out.decode("utf-8", "replace")[-2000:]

    async def state(tel: AsyncClient) -> int:
        return int((await tel.get_agent("a5")).agent.state)

    async def scenario(ast: RealAsterisk, hook, tel: AsyncClient):  # type: ignore[no-untyped-def]
        assert await state(tel) == E.AGENT_STATE_LOGGED_OUT
        await dial(ast, "*71")
        deadline = time.monotonic() + 10
        while await state(tel) == E.AGENT_STATE_LOGGED_OUT:
            assert time.monotonic() < deadline, "*71 did not log the agent in"
            await asyncio.sleep(0.2)
        await dial(ast, "*72")
        deadline = time.monotonic() + 10
        while await state(tel) != E.AGENT_STATE_LOGGED_OUT:
            assert time.monotonic() < deadline, "*72 did not log the agent out"
            await asyncio.sleep(0.2)
        return True

    assert _run(tmp, server, scenario)
