"""Agent presence feature codes, callback requests, restarts and outages, the recording
choreography on ARI."""

from __future__ import annotations

import asyncio
import json

import pytest

from acdcore_client import pb

from ast_harness import until

E = pb.enums


def test_login_pause_ready_logout_feature_codes(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        ast = env.ast
        ch = await ast.agent_dials("PJSIP/agent-a5", "*71")
        assert ch.prompts == ["acdcore/agent-logged-in"]
        assert await env.agent_state("a5") == E.AGENT_STATE_AVAILABLE
        ch = await ast.agent_dials("PJSIP/agent-a5", "*731")
        assert ch.prompts == ["acdcore/agent-paused"]
        ag = (await env.tel.get_agent("a5")).agent
        assert ag.state == E.AGENT_STATE_PAUSED and ag.reason == "lunch"
        ch = await ast.agent_dials("PJSIP/agent-a5", "*739")  # unknown reason code
        assert ch.prompts == ["acdcore/agent-error"]
        assert (await env.tel.get_agent("a5")).agent.reason == "lunch"
        ch = await ast.agent_dials("PJSIP/agent-a5", "*73")
        assert (await env.tel.get_agent("a5")).agent.reason == "break"
        await ast.agent_dials("PJSIP/agent-a5", "*74")
        assert await env.agent_state("a5") == E.AGENT_STATE_AVAILABLE
        # a waiting call is offered the moment the agent is ready again
        await ast.agent_dials("PJSIP/agent-a5", "*73")
        call = ast.call("04591234567", "96656")
        await env.wait_call_state(call.uniqueid, E.CALL_STATE_WAITING)
        await ast.agent_dials("PJSIP/agent-a5", "*74")
        await call.wait_command("EXEC Dial")
        await until(lambda: call.done.is_set(), 10)
        ch = await ast.agent_dials("PJSIP/agent-a5", "*72")
        assert ch.prompts == ["acdcore/agent-logged-out"]
        assert await env.agent_state("a5") == E.AGENT_STATE_LOGGED_OUT
        # a phone that is not an agent's: refused, nothing changes
        ast.phone("PJSIP/lobby")
        ch = await ast.agent_dials("PJSIP/lobby", "*71")
        assert ch.prompts == ["acdcore/agent-error"]
        names = [E.EventType.Name(e.type)[11:] for e in await env.all_events() if e.agent_id == "a5"]
        assert names.count("AGENT_STATE_CHANGED") >= 6
        assert any("FEATUREREFUSED|pause|unknown pause code 9" in x for x in env.hook_qlog())
        return True

    assert astenv.run(scenario)


def test_callback_request_keeps_place_and_calls_back(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        ast = env.ast
        first = ast.call("04591234567", "96656")
        await env.wait_call_state(first.uniqueid, E.CALL_STATE_WAITING)
        second = ast.call("04591112222", "96656")
        await env.wait_call_state(second.uniqueid, E.CALL_STATE_WAITING)
        await until(lambda: second.moh, 5)
        await first.wait_command("STREAM FILE acdcore/callback-offer")
        await until(lambda: first.moh, 5)
        first.press("1")  # while idle on hold: only ARI hears it
        await until(lambda: first.done.is_set(), 5, "the callback caller's audio to end")
        assert "acdcore/callback-confirm" in first.prompts
        c = await env.call_state(first.uniqueid)
        assert c.state == E.CALL_STATE_WAITING and c.position == 1  # still first in line
        rec = json.loads((env.tmp / "callbacks.jsonl").read_text().splitlines()[-1])
        assert rec["call_id"] == first.uniqueid and rec["status"] == "waiting" and rec["caller"] == "04591234567"
        # the customer's phone (through the trunk) answers the callback
        cust = ast.phone("PJSIP/04591234567")
        cust.script.talk = 0.1
        env.phone("a5").script.talk = None
        await env.login("a5")
        await until(lambda: cust.rings and cust.rings[0]["outcome"] == "ANSWER", 10, "the customer called back")
        assert env.phone("a5").rings[0].get("ari")  # the agent was originated first
        await until(lambda: json.loads((env.tmp / "callbacks.jsonl").read_text().splitlines()[-1])["status"]
                    == "completed", 10, "the callback to complete")
        assert not env.ari.bridges  # the callback bridge is gone
        await env.expect_events(first.uniqueid, ["CALL_ENQUEUED", "CALL_OFFERED", "CALL_ANSWERED", "CALL_COMPLETED"])
        # the second caller is next
        await second.wait_command("EXEC Dial")
        second.hangup()
        return True

    assert astenv.run(scenario)


def test_callback_refused_for_anonymous_caller(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        ch = env.ast.call("anonymous", "96656")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_WAITING)
        await ch.wait_command("STREAM FILE acdcore/callback-offer")
        await until(lambda: ch.moh, 5)
        ch.press("1")
        await ch.wait_command("STREAM FILE acdcore/callback-unavailable")
        assert (await env.call_state(ch.uniqueid)).state == E.CALL_STATE_WAITING
        assert not ch.done.is_set()
        ch.hangup()
        return True

    assert astenv.run(scenario)


def test_prompted_dtmf_without_ari(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        ch = env.ast.call("anonymous", "96656")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_WAITING)
        await until(lambda: ch.moh, 5)
        ch.press("1")  # idle: dropped, as Asterisk drops DTMF while the AGI waits for a command
        await asyncio.sleep(0.05)
        assert ch.dropped_digits == ["1"]
        ch.hangup()
        await until(lambda: ch.done.is_set(), 5)
        return True

    # without ARI the callback (it needs ARI) is off: the key means nothing, the call still works
    assert astenv.run(scenario, ari=False)


def test_server_restart_mid_queue(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        calls = [env.ast.call(f"0459123456{i}", "96656") for i in range(3)]
        for c in calls:
            await env.wait_call_state(c.uniqueid, E.CALL_STATE_WAITING)
        before = {c.uniqueid: (await env.call_state(c.uniqueid)).arrive_time.ToNanoseconds() for c in calls}
        env.server.kill()
        await until(lambda: any("ACDOUTAGE" in x for x in env.hook_qlog()), 10, "the hook to notice")
        # nobody dropped: on hold (music, or an announcement between two stretches of it); a
        # caller enqueued just before the kill may still be hearing the welcome prompt (the
        # hook enqueues first, then greets), so wait for the music with a deadline
        await until(lambda: all(c.commands("SET MUSIC ON") for c in calls), 10, "hold music for every caller")
        await asyncio.sleep(0.3)
        assert all(not c.done.is_set() and not c.commands("HANGUP") and c.commands("SET MUSIC ON") for c in calls)
        await asyncio.get_running_loop().run_in_executor(None, env.server.start)
        await until(lambda: sum("ACDRECONNECT" in x for x in env.hook_qlog()) >= 3, 15, "re-sent calls")
        for c in calls:
            info = await env.call_state(c.uniqueid)
            assert info.state == E.CALL_STATE_WAITING
            assert info.arrive_time.ToNanoseconds() == before[c.uniqueid]
        await env.login("a5")
        await calls[0].wait_command("EXEC Dial")  # the longest-waiting caller first
        for c in calls:
            c.hangup()
        return True

    assert astenv.run(scenario)


def test_outage_beyond_timeout_rings_fallback_group(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        ch = env.ast.call("04591234567", "96656")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_WAITING)
        # GetCall shows the call as soon as the core has it; the event is released only after
        # the journal commit. Killing the server in between may lose the (unacknowledged)
        # enqueue, and then there is rightly nothing to cancel after the restart: wait for
        # the event, so the kill hits a call acdcore has promised to keep
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED"], timeout=30)
        env.server.kill()
        await until(lambda: ch.fell_back, 10, "the fallback group")
        assert ch.commands("GOSUB acdcore-fallback s 1")
        assert any("FALLBACK|acdcore unreachable" in x for x in env.hook_qlog())
        await until(lambda: ch.done.is_set(), 5)
        # acdcore back: the hook's pending CancelCall takes the call out of the queue, once
        await asyncio.get_running_loop().run_in_executor(None, env.server.start)
        # the CancelCall retries with a back-off of up to 5 s: generous bounds for a loaded host
        await env.hook.acd.drain(30)
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_ABANDONED"], timeout=30)
        return True

    assert astenv.run(scenario, timeout=120, acdcore={"outage_timeout": 0.5})


def test_new_call_while_acdcore_down_waits_on_music_then_enqueues(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        env.server.kill()
        ch = env.ast.call("04591234567", "96656")
        await until(lambda: ch.moh, 10, "hold music during the outage")
        await asyncio.sleep(0.3)
        await asyncio.get_running_loop().run_in_executor(None, env.server.start)
        c = await env.wait_call_state(ch.uniqueid, E.CALL_STATE_WAITING, timeout=15)
        # LookupNumber failed, so the IVR ran on local config: the caller pressed nothing and
        # the menu default took them to an agent
        assert c.queue == "general"
        ch.hangup()
        return True

    assert astenv.run(scenario)


def test_recording_choreography_on_ari(astenv):  # type: ignore[no-untyped-def]
    """Phase 2 will take the targets from StartRecording; the ARI half is checked here."""
    async def scenario(env):  # type: ignore[no-untyped-def]
        from acdhook.recording.seam import LegTargets

        async def targets(ctx):  # type: ignore[no-untyped-def]
            return LegTargets("127.0.0.1:40000", "127.0.0.1:40002")

        env.hook.recording.targets = targets
        env.phone("a5").script.talk = None
        await env.login("a5")
        ch = env.ast.call("04591234567", "96656")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_CONNECTED)
        await until(lambda: len(env.ari.bridges) == 2 and all(len(b["channels"]) == 2 for b in env.ari.bridges.values()),
                    5, "two recording bridges of two channels each")
        st = env.ari.stasis
        ids = {k: f"acdrec-{ch.uniqueid}-{k}" for k in ("snoop-in", "snoop-out", "em-in", "em-out")}
        assert st[ids["snoop-in"]]["spy"] == "in" and st[ids["snoop-out"]]["spy"] == "out"
        assert st[ids["snoop-in"]]["target"] == ch.uniqueid
        assert st[ids["em-in"]]["external_host"] == "127.0.0.1:40000"
        assert st[ids["em-out"]]["external_host"] == "127.0.0.1:40002" and st[ids["em-out"]]["format"] == "ulaw"
        assert env.ari.bridges[f"acdrec-{ch.uniqueid}-in"]["channels"] == [ids["snoop-in"], ids["em-in"]]
        assert env.ari.bridges[f"acdrec-{ch.uniqueid}-out"]["channels"] == [ids["snoop-out"], ids["em-out"]]
        env.phone("a5").hangup_now.set()
        await until(lambda: ch.done.is_set(), 5)
        await until(lambda: not env.ari.bridges and not any(k.startswith("acdrec") for k in env.ari.stasis), 5,
                    "the recording channels and bridges to be gone")
        return True

    assert astenv.run(scenario)


def _tone_hz(pcm: list[int]) -> tuple[float, float]:
    """(dominant frequency by zero crossings over the audible span, audible seconds)."""
    loud = [i for i, x in enumerate(pcm) if abs(x) > 1000]
    if len(loud) < 800:
        return 0.0, len(loud) / 8000
    a, b = loud[0], loud[-1]
    span = pcm[a:b + 1]
    crossings = sum(1 for x, y in zip(span, span[1:]) if (x < 0) != (y < 0))
    return crossings / 2 / (len(span) / 8000), len(loud) / 8000


async def _find_recording(env, mode: str, call_id: str, tmp):  # type: ignore[no-untyped-def]
    """The recording of a call, found by call id afterwards: (info fields, path of its WAV)."""
    if mode == "embedded":
        found = await env.hook.recorder.recorder.search(call_id=call_id)
        assert len(found) == 1, found
        i = found[0]
        return (i.recording_id, i.status, i.channels, i.codec, i.agent, i.queue, i.caller), i.path
    from acdcore_api.acd.v1 import recording_service_pb2 as rpb
    from acdcore_client import AsyncClient

    from ast_env import TOKENS

    async with AsyncClient(env.server.target, TOKENS["admin"], retries=1, timeout=10) as adm:
        ser = lambda m: m.SerializeToString()  # noqa: E731
        search = adm.channel.unary_unary("/acd.v1.RecordingService/SearchRecordings", request_serializer=ser,
                                         response_deserializer=rpb.SearchRecordingsResponse.FromString)
        get = adm.channel.unary_stream("/acd.v1.RecordingService/GetRecording", request_serializer=ser,
                                       response_deserializer=rpb.GetRecordingResponse.FromString)
        md = adm._md
        found = (await search(rpb.SearchRecordingsRequest(call_id=call_id), timeout=10, metadata=md)).recordings
        assert len(found) == 1, found
        r = found[0]
        data = b""
        call = get(rpb.GetRecordingRequest(recording_id=r.recording_id), timeout=30, metadata=md)
        async for chunk in call:
            data += chunk.data
        path = tmp / f"{r.recording_id}.wav"
        path.write_bytes(data)
        codec = rpb.RecordingCodec.Name(r.codec).removeprefix("RECORDING_CODEC_")
        status = rpb.RecordingStatus.Name(r.status).removeprefix("RECORDING_STATUS_").lower()
        return (r.recording_id, status, r.channels, codec, r.agent_id, r.queue, r.caller), path


@pytest.mark.parametrize("mode", ["grpc", "embedded"])
def test_recording_both_legs_to_the_recorder(astenv, tmp_path, mode):  # type: ignore[no-untyped-def]
    """Answered call -> StartRecording (acdcore's RecordingService, or the recorder run in the
    hook), snoop spy=in/out + externalMedia over ARI; ffmpeg sends each leg's RTP (caller
    440 Hz, agent 1000 Hz) as chan_rtp would; at hang-up the fork is torn down and
    StopRecording closes the file. Afterwards the recording is found by call id, its left
    channel holds the caller and its right channel the agent."""
    import array

    import rtp
    from rtp.wavfile import channel, read_wav

    import shutil

    assert shutil.which("ffmpeg"), "ffmpeg (Debian package ffmpeg, .ci/apt/asterisk.txt) sends the legs' RTP"

    async def scenario(env):  # type: ignore[no-untyped-def]
        env.ari.media_tones = {"in": 440.0, "out": 1000.0}
        env.phone("a5").script.talk = None
        await env.login("a5")
        ch = env.ast.call("04591234567", "96656")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_CONNECTED)
        await until(lambda: ch.uniqueid in env.hook.recorder.active, 10, "StartRecording")
        await until(lambda: len(env.ari.media_procs) == 2, 10, "RTP senders on both legs")
        # chan_rtp (here: ffmpeg behind the externalMedia channel's socket) has sent 1 s per leg
        await until(lambda: len(env.ari.media_packets()) == 2 and min(env.ari.media_packets()) >= 50, 30,
                    "1 s of RTP on both legs")
        if mode == "embedded":
            legs = env.hook.recorder.recorder.stats(ch.uniqueid)["legs"]
            assert all(leg["packets"] >= 1 for leg in legs), legs
        await asyncio.sleep(0.3)  # the recorder's reorder window (200 ms) is written before the stop
        env.phone("a5").hangup_now.set()
        await until(lambda: ch.done.is_set(), 10)
        await until(lambda: not env.hook.recorder.active, 10, "StopRecording")
        await until(lambda: not env.ari.bridges and not any(k.startswith("acdrec") for k in env.ari.stasis), 5,
                    "the recording channels and bridges to be gone")
        await env.ari.reap_media()
        (rid, status, channels, codec, agent, queue, caller), path = await _find_recording(
            env, mode, ch.uniqueid, tmp_path)
        assert (status, channels, codec) == ("complete", 2, "PCMU")
        assert (agent, queue, caller) == ("a5", "general", "04591234567")
        wi, data = read_wav(path)
        left = array.array("h", rtp.ulaw_decode(channel(data, wi, 0))).tolist()
        right = array.array("h", rtp.ulaw_decode(channel(data, wi, 1))).tolist()
        (f_caller, s_caller), (f_agent, s_agent) = _tone_hz(left), _tone_hz(right)
        assert s_caller >= 0.5 and s_agent >= 0.5, (s_caller, s_agent)
        assert 400 <= f_caller <= 480, f_caller
        assert 950 <= f_agent <= 1050, f_agent
        q = "\n".join(env.hook_qlog())
        assert f"|{ch.uniqueid}|general|a5|RECSTART|{rid}" in q
        assert f"|{ch.uniqueid}|general|a5|RECSTOP|{rid}|" in q
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_OFFERED", "CALL_ANSWERED", "CALL_COMPLETED"])
        return True

    rec = {"mode": mode}
    if mode == "embedded":
        rec.update({"storage_dir": str(tmp_path / "rec"), "port_low": 41000, "port_high": 41999})
    assert astenv.run(scenario, recording=rec)


def test_recording_failure_never_breaks_the_call(astenv, tmp_path):  # type: ignore[no-untyped-def]
    """ARI refuses the snoop (the channel is unknown to it): the call goes on, the recording
    that was started is stopped again, and the failure is counted."""
    async def scenario(env):  # type: ignore[no-untyped-def]
        async def refuse(request):  # type: ignore[no-untyped-def]
            return env.ari._err(404, "Channel not found")

        env.ari.snoop = refuse  # type: ignore[method-assign]
        env.phone("a5").script.talk = 0.3
        await env.login("a5")
        ch = env.ast.call("04591234567", "96656")
        await until(lambda: ch.done.is_set(), 15)
        assert env.hook.recording.failed == 1 and env.hook.recording.started == 0
        assert not env.hook.recorder.active  # StopRecording was sent for the half-started one
        assert not env.ari.bridges
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_OFFERED", "CALL_ANSWERED", "CALL_COMPLETED"])
        q = "\n".join(env.hook_qlog())
        assert "RECSTART" in q and "RECSTOP" in q
        return True

    assert astenv.run(scenario, recording={"mode": "grpc"})


def test_caller_hangs_up_while_the_recording_fork_is_built(astenv):  # type: ignore[no-untyped-def]
    """The agent answers, the fork is being built over a slow ARI, the caller hangs up: the
    hang-up waits for the fork, then tears it down; StopRecording once; nothing is left."""
    async def scenario(env):  # type: ignore[no-untyped-def]
        orig = env.ari.external_media
        first = asyncio.Event()

        async def slow(request):  # type: ignore[no-untyped-def]
            first.set()
            await asyncio.sleep(0.3)
            return await orig(request)

        env.ari.external_media = slow  # type: ignore[method-assign]
        env.phone("a5").script.talk = None
        await env.login("a5")
        ch = env.ast.call("04591234567", "96656")
        await asyncio.wait_for(first.wait(), 15)
        ch.hangup()
        await until(lambda: ch.done.is_set(), 10)
        await until(lambda: not env.hook.recorder.active, 10, "StopRecording")
        await until(lambda: not env.ari.bridges and not any(k.startswith("acdrec") for k in env.ari.stasis), 10,
                    "the recording channels and bridges to be gone")
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_OFFERED", "CALL_ANSWERED", "CALL_COMPLETED"])
        q = [x for x in env.hook_qlog() if "|RECSTOP|" in x]
        assert len(q) == 1, q
        assert not env.hook.recording._locks
        return True

    assert astenv.run(scenario, recording={"mode": "grpc"})
