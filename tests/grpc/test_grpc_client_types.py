"""The Python binding is typed: mypy --strict sees concrete request/response types through
acdcore_client (py.typed, the generated .pyi), accepts correct use and rejects wrong use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

GOOD = '''
from acdcore_client import AsyncClient, Client, errors, pb, recording_leg


def use(c: Client) -> str:
    r = c.enqueue_call("x", "general", caller="0459", timeout=2.0)
    state: int = r.call.state
    for msg in c.watch_events(queues=["general"], timeout=1.0):
        seq: int = msg.snapshot.seq
        print(state, seq)
    try:
        c.login("a1")
    except errors.FailedPrecondition as e:
        reason: str = e.reason
        print(reason)
    t = c.enqueue_call("y", "general", target_agent_id="a1", target_timeout=30.0)
    who: str = t.call.target_agent_id
    print(who)
    return r.call.call_id


async def use_async(c: AsyncClient) -> float:
    t = await c.enqueue_call("z", "general", target_agent_id="a1", target_timeout=None)
    print(t.call.target_lapse_time.seconds)
    s = await c.get_queue_stats("general")
    async for m in c.watch_call("x", timeout=1.0):
        print(m.call.position)
    return s.stats.service_level


def record(c: Client) -> int:
    r = c.start_recording("x", ["caller", recording_leg("agent", ssrc=7)], agent_id="a1", shared_port=True,
                          timeout=2.0)
    port: int = r.media[0].rtp_port
    for chunk in c.get_recording(r.recording_id, start_byte=0, end_byte=100, timeout=5.0):
        data: bytes = chunk.data
        print(data)
    found: list[str] = [x.recording_id for x in c.search_recordings(agent_id="a1", limit=10).recordings]
    print(found)
    return port


async def record_async(c: AsyncClient) -> str:
    s = await c.stop_recording("x", "hangup")
    async for f in c.monitor_call("x", pb.recordings.MONITOR_MODE_STEREO, timeout=1.0):
        pcm: bytes = f.pcm
        print(pcm)
    try:
        await c.pause_recording("x", "card number")
    except errors.NotFound as e:
        print(e.reason)
    return s.recording.sha256
'''

BAD = '''
from acdcore_client import Client


def use(c: Client) -> None:
    c.enqueue_call(5, "general")
    n: str = c.get_call("x").call.position
    c.watch_events(timeout="soon")
    size: str = c.stop_recording("x", "hangup").recording.size_bytes
    c.enqueue_call("x", "general", target_agent_id="a1", target_timeout="30")
'''


def test_client_is_typed_for_its_users(tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / "bad.py").write_text(BAD)
    env = {**os.environ, "MYPYPATH": str(ROOT / "bindings" / "python")}
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--ignore-missing-imports",
                        "--no-incremental", "--cache-dir", str(tmp_path / "cache"), "good.py", "bad.py"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240)
    mine = [line for line in r.stdout.splitlines() if line.startswith(("good.py", "bad.py"))]
    assert not [line for line in mine if line.startswith("good.py")], r.stdout
    bad = sorted(int(line.split(":")[1]) for line in mine if line.startswith("bad.py"))
    # the int call id, the int position, the str timeout, the int size, the str target timeout
    assert bad == [6, 7, 8, 9, 10], r.stdout
