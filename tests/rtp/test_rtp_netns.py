"""Recording through network impairment between two network namespaces (pyroute2, veth).

This kernel may lack netem, so a seeded user-space relay in namespace B sits in the path
from the sender (namespace A) to the recorder (namespace B): 5 % loss, 30 +- 20 ms jitter,
10 % reordering, 5 % duplication. It logs every packet's fate, so the test knows exactly
what a perfect recorder writes and compares byte for byte."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

pytestmark = [pytest.mark.netadmin, pytest.mark.slow]

SCENARIO = r'''
import asyncio, heapq, json, os, random, socket, struct, sys, threading, time
sys.path.insert(0, {helpers!r})
import rtp
from rtp.wavfile import read_wav

SEED, OUT, NS_A = {seed}, {out!r}, {ns_a!r}

SENDER = """
import socket, struct, sys, time, wave
sys.path.insert(0, %r)
import rtp
from rtp_helpers import rtp_packet
with wave.open(sys.argv[1]) as w:
    codes = rtp.ulaw_encode(w.readframes(10**7))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
t0 = time.monotonic()
for i in range(len(codes) // 160):
    s.sendto(rtp_packet(7000 + i, 123456789 + 160 * i, 0xABCDEF01, codes[160 * i:160 * (i + 1)]), ("10.77.0.2", 40000))
    time.sleep(max(0.0, t0 + 0.02 * (i + 1) - time.monotonic()))
""" % {helpers!r}

def relay(lsock, dst, log, stop):
    rnd = random.Random(SEED)
    out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    heap, n, held = [], 0, None
    lsock.settimeout(0.002)
    while not stop.is_set() or heap:
        try:
            data, _ = lsock.recvfrom(4096)
            now = time.monotonic()
            seq = struct.unpack("!H", data[2:4])[0]
            n += 1
            fate = "ok"
            if n > 1 and rnd.random() < 0.05:
                fate = "drop"
            elif rnd.random() < 0.10:
                fate = "reorder"
            delay = rnd.uniform(0.010, 0.050)
            log.append((seq, fate, data.hex()))
            if fate != "drop":
                # reordered packets are held back one to three packet times
                extra = rnd.uniform(0.025, 0.060) if fate == "reorder" else 0.0
                heapq.heappush(heap, (now + delay + extra, n, data))
                if rnd.random() < 0.05:
                    heapq.heappush(heap, (now + delay + rnd.uniform(0, 0.04), -n, data))
                    log.append((seq, "dup", ""))
        except socket.timeout:
            pass
        now = time.monotonic()
        while heap and heap[0][0] <= now:
            out.sendto(heapq.heappop(heap)[2], dst)

async def main():
    # the impairment holds packets back at most ~110 ms, but this user-space impairer and the
    # recorder share a loaded machine: a 1 s reorder window keeps "late" a property of the
    # network model, not of the CPU scheduler (exactness is what this test checks, not latency)
    cfg = rtp.RecorderConfig(storage_dir=OUT, port_range=(32000, 32099), delay_ms=1000, flush_ms=200)
    async with rtp.Recorder(cfg) as rec:
        h = await rec.start_recording("impaired", [rtp.Leg("caller")])
        ls = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        ls.bind(("10.77.0.2", 40000))
        log, stop = [], threading.Event()
        t = threading.Thread(target=relay, args=(ls, ("127.0.0.1", h.media[0].rtp_port), log, stop))
        t.start()
        src = os.path.join(OUT, "src.wav")
        # a paced 20 ms sender in namespace A (ffmpeg -re sends 128 ms bursts whose RTP
        # timestamps overlap at chunk edges, so it cannot define an exact ideal recording)
        cmd = ["ip", "netns", "exec", NS_A, sys.executable, "-c", SENDER, src]
        p = await asyncio.create_subprocess_exec(*cmd)
        assert await p.wait() == 0
        await asyncio.sleep(0.3)
        stop.set()
        await asyncio.to_thread(t.join)
        await asyncio.sleep(0.3)
        info = await rec.stop_recording("impaired")
        json.dump({{"path": info.path, "log": log, "stats": rec.final_stats(info.recording_id)}},
                  open(os.path.join(OUT, "result.json"), "w"))

asyncio.run(main())
'''


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True)


@pytest.fixture
def namespaces():  # type: ignore[no-untyped-def]
    if os.geteuid() != 0:
        pytest.skip("needs root (CAP_NET_ADMIN) to create network namespaces")
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg not installed (see .ci/apt/rtp.txt)")
    pyroute2 = pytest.importorskip("pyroute2")
    tag = uuid.uuid4().hex[:6]
    a, b = f"rtpA{tag}", f"rtpB{tag}"
    va, vb = f"va{tag}", f"vb{tag}"
    try:
        pyroute2.netns.create(a)
        pyroute2.netns.create(b)
    except Exception as exc:  # noqa: BLE001 - e.g. a sandbox without namespace support
        pytest.skip(f"cannot create network namespaces: {exc}")
    try:
        with pyroute2.IPRoute() as ipr:
            ipr.link("add", ifname=va, kind="veth", peer=vb)
            ipr.link("set", index=ipr.link_lookup(ifname=va)[0], net_ns_fd=a)
            ipr.link("set", index=ipr.link_lookup(ifname=vb)[0], net_ns_fd=b)
        for ns, ifname, addr in ((a, va, "10.77.0.1"), (b, vb, "10.77.0.2")):
            with pyroute2.NetNS(ns) as n:
                idx = n.link_lookup(ifname=ifname)[0]
                n.addr("add", index=idx, address=addr, prefixlen=30)
                n.link("set", index=idx, state="up")
                n.link("set", index=n.link_lookup(ifname="lo")[0], state="up")
        yield a, b
    finally:
        for ns in (a, b):
            try:
                pyroute2.netns.remove(ns)
            except Exception:  # noqa: BLE001
                pass


def test_impaired_path_matches_ideal_reconstruction(namespaces, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import wave

    import rtp
    from rtp_helpers import speechlike_ulaw
    from rtp.wavfile import read_wav
    a, b = namespaces
    out = tmp_path / "out"
    out.mkdir()
    with wave.open(str(out / "src.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(rtp.ulaw_decode(speechlike_ulaw(8000 * 8, seed=5)))
    code = SCENARIO.format(helpers=os.path.dirname(__file__), seed=1234, out=str(out), ns_a=a)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(rtp.__file__).parents[1]), env.get("PYTHONPATH", "")])
    r = subprocess.run(["ip", "netns", "exec", b, sys.executable, "-c", code], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads((out / "result.json").read_text())
    log = res["log"]
    fates = [(seq, fate) for seq, fate, _ in log]
    sent = {seq: bytes.fromhex(h) for seq, fate, h in log if fate in ("ok", "reorder", "drop")}
    dropped = {seq for seq, fate in fates if fate == "drop"}
    assert 0.02 < len(dropped) / len(sent) < 0.09
    assert any(f == "dup" for _, f in fates) and any(f == "reorder" for _, f in fates)
    # the ideal recording: every delivered packet's payload at its RTP timestamp
    pk = {seq: rtp.parse_rtp(d) for seq, d in sent.items()}
    first = min(pk.values(), key=lambda p: p.timestamp)
    last = max(pk.values(), key=lambda p: p.timestamp)
    span = (last.timestamp - first.timestamp) + len(last.payload)
    ideal = bytearray(b"\xff" * span)
    for seq, p in pk.items():
        if seq not in dropped:
            o = p.timestamp - first.timestamp
            ideal[o:o + len(p.payload)] = p.payload
    info, data = read_wav(res["path"])
    leg = res["stats"]["legs"][0]
    anchor = leg["anchor"]
    assert info.frames == anchor + span            # right length: gaps filled, nothing extra
    assert data[anchor:] == bytes(ideal)            # exact: late packets placed, duplicates dropped
    assert leg["lost"] == len(dropped)              # loss reported correctly
    assert leg["duplicates"] == sum(1 for _, f in fates if f == "dup")
    assert leg["late"] == 0 and leg["fill_samples"] == sum(len(pk[s].payload) for s in dropped)
