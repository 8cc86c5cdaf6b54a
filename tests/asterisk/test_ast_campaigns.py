"""Telemarketing campaign calls end to end: the desk's dialer (a real desk server, subprocess)
places calls in acdcore (real server), acdcore offers them to an agent, the real hook rings
the agent and then the customer over the ARI stand-in, AMD tells people from machines, the
hook reports each outcome to the desk (desk.v1.GrowthService), the desk retries per the
campaign's rules; compliance holds through the whole path (do-not-call at import and at dial
time, calling hours)."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from acdcore_client import pb

from ast_env import TOKENS
from ast_harness import until

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
ROOT = TESTS.parent
E = pb.enums


pytest.importorskip("servicedesk.api.desk.v1.growth_service_pb2")
if str(TESTS / "servicedesk") not in sys.path:
    sys.path.append(str(TESTS / "servicedesk"))

from desk_harness import ACD_TOKENS, DESK_TOKENS, Proc, desk_config  # noqa: E402
from servicedesk.api.desk.v1 import growth_service_pb2 as gpb  # noqa: E402
from servicedesk.api.desk.v1 import growth_service_pb2_grpc as gpb_grpc  # noqa: E402

ANSWERS, BUSY, NOANSWER, MACHINE, DNC_AT_IMPORT = ("13800000001", "13800000002", "13800000003", "13800000004",
                                                   "13800000005")
LATE_DNC = "13800000007"
CLOSED = "13800000009"


def _desk(tmp: Path, acd_target: str) -> Proc:
    url = f"sqlite:///{tmp / 'desk.sqlite'}"
    growth = '[growth]\ncampaign_dialer = true\ndialer_interval = 0.2\ncampaign_outcomes = "hook"\nreport_grace = 30.0\n'
    text = desk_config(url, acd_target, growth).replace(ACD_TOKENS["business"], TOKENS["admin"]) \
        .replace(ACD_TOKENS["telephony"], TOKENS["telephony"])
    return Proc(tmp / "desk", "desk", text, ["-m", "servicedesk", "serve"]).start()


class DeskApi:
    def __init__(self, target: str) -> None:
        from grpc import aio

        self.ch = aio.insecure_channel(target)
        self.stub = gpb_grpc.GrowthServiceStub(self.ch)

    async def __call__(self, method: str, req, role: str = "supervisor"):  # type: ignore[no-untyped-def]
        return await getattr(self.stub, method)(req, metadata=(("authorization", f"Bearer {DESK_TOKENS[role]}"),),
                                                timeout=30)


def _attempts(db_path: Path) -> list[tuple[str, str, int | None, str]]:
    """(number, call id, outcome, agent) of every attempt, from the desk's database."""
    import sqlite3

    con = sqlite3.connect(db_path, timeout=30)
    try:
        return con.execute("SELECT t.number, a.call_id, a.outcome, a.agent_id FROM growth_campaign_attempts a "
                           "JOIN growth_campaign_targets t ON t.id = a.target_id ORDER BY a.id").fetchall()
    finally:
        con.close()


def _target_states(db_path: Path) -> dict[str, int]:
    import sqlite3

    con = sqlite3.connect(db_path, timeout=30)
    try:
        return dict(con.execute("SELECT number, state FROM growth_campaign_targets").fetchall())
    finally:
        con.close()


async def _ended(env, call_id: str) -> str:  # type: ignore[no-untyped-def]
    """How acdcore says the call ended ("COMPLETED", "ABANDONED"), or "" while it is not over."""
    from acdcore_client.errors import FailedPrecondition

    try:
        await env.call_state(call_id)
    except FailedPrecondition as e:  # GetCall of an ended call: CALL_ENDED, the state in the message
        m = re.search(r"has ended \((\w+)\)", str(e))
        return m.group(1) if m else str(e)
    return ""


async def until_async(fn, value, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        got = await fn()
        if got == value:
            return
        assert asyncio.get_running_loop().time() < deadline, f"{got!r} never became {value!r}"
        await asyncio.sleep(0.05)


def _closed_weekdays() -> str:
    """Every weekday but today and tomorrow (UTC): the campaign may not call during the test."""
    today = dt.datetime.now(dt.timezone.utc).weekday()
    return "".join("0" if d in (today, (today + 1) % 7) else "1" for d in range(7))


def test_campaign_calls_through_the_hook(astenv, tmp_path):  # type: ignore[no-untyped-def]
    desk = _desk(tmp_path, astenv.server.target)
    db_path = tmp_path / "desk.sqlite"
    try:
        campaign = {"enabled": True, "queues": ["general"], "endpoint": "PJSIP/{number}@trunk", "caller_id": "96655",
                    "ring_timeout": 2.0, "amd": True, "amd_timeout": 5.0, "desk_target": desk.target,
                    "desk_token": DESK_TOKENS["telephony"], "desk_timeout": 5.0}

        async def scenario(env):  # type: ignore[no-untyped-def]
            ast = env.ast
            phones = {n: ast.phone(f"PJSIP/{n}") for n in (ANSWERS, BUSY, NOANSWER, MACHINE, DNC_AT_IMPORT,
                                                             LATE_DNC, CLOSED)}
            for a in ("a1", "a2"):  # agents stay on the line until the hook or the customer ends the call
                env.phone(a).script.talk = 30.0
            phones[ANSWERS].script.talk = 0.3
            phones[BUSY].script.mode = "busy"
            phones[NOANSWER].script.mode = "noanswer"
            phones[MACHINE].script.machine = True
            phones[MACHINE].script.talk = 5.0  # the machine would play on; the hook hangs up
            api = DeskApi(desk.target)
            # a campaign that may not call now: never dials, whatever the agents
            closed = (await api("CreateCampaign", gpb.CreateCampaignRequest(
                name="CLOSED", queue="general", hours_start="00:00", hours_end="24:00",
                weekdays=_closed_weekdays()))).campaign_id
            await api("ImportCampaignTargets", gpb.ImportCampaignTargetsRequest(campaign_id=closed, csv=CLOSED + "\n"))
            await api("SetCampaignState", gpb.SetCampaignStateRequest(campaign_id=closed, state=2))

            cid = (await api("CreateCampaign", gpb.CreateCampaignRequest(
                name="E2E", queue="general", hours_start="00:00", hours_end="24:00", weekdays="1111111",
                max_attempts=2, retry_spacing=0.5, mode=2, pacing_ratio=1.0))).campaign_id
            await api("AddDoNotCall", gpb.AddDoNotCallRequest(number=DNC_AT_IMPORT))
            imp = await api("ImportCampaignTargets", gpb.ImportCampaignTargetsRequest(
                campaign_id=cid, csv="\n".join((ANSWERS, BUSY, NOANSWER, MACHINE, DNC_AT_IMPORT)) + "\n"))
            assert (imp.added, imp.do_not_call) == (4, 1)
            await env.login("a1")
            await api("SetCampaignState", gpb.SetCampaignStateRequest(campaign_id=cid, state=2))

            # the answered customer is connected to a1; a1 records the sale
            def answered():  # type: ignore[no-untyped-def]
                return [a for a in _attempts(db_path) if a[0] == ANSWERS and a[2] == 1]
            ans = (await until(lambda: answered(), 60, "the answered customer reported"))[0]
            assert ans[3] == "a1"
            await api("RecordCampaignResult", gpb.RecordCampaignResultRequest(call_id=ans[1], agent_id="a1",
                                                                               result=2, revenue_cents=9900))

            # every other number is tried twice (busy, no answer, machine), then exhausted
            def settled():  # type: ignore[no-untyped-def]
                st = _target_states(db_path)
                return all(st.get(n) in (3, 5) for n in (ANSWERS, BUSY, NOANSWER, MACHINE)) and st
            await until(settled, 90, "every target done or exhausted")
            by_number: dict[str, list[int | None]] = {}
            for number, _call, outcome, _agent in _attempts(db_path):
                by_number.setdefault(number, []).append(outcome)
            assert by_number[ANSWERS] == [1]
            assert by_number[BUSY] == [3, 3]
            assert by_number[NOANSWER] == [2, 2]
            assert by_number[MACHINE] == [4, 4]
            assert DNC_AT_IMPORT not in by_number and CLOSED not in by_number
            # the customers' phones: rung through the trunk endpoint, agent first each time
            assert len(phones[BUSY].rings) == 2 and len(phones[NOANSWER].rings) == 2
            assert [r["outcome"] for r in phones[MACHINE].rings] == ["ANSWER", "ANSWER"]
            assert not phones[DNC_AT_IMPORT].rings and not phones[CLOSED].rings
            cust = [r for (m, path, q) in env.ari.requests if m == "POST" and path == "/ari/channels"
                    for r in [q] if r.get("channelId", "").endswith("-customer")]
            assert cust and all(re.fullmatch(r"PJSIP/138000000\d\d@trunk", q["endpoint"]) for q in cust)
            assert all(q.get("callerId") == "96655" and q.get("app") == "acdcore" for q in cust)
            # AMD ran on every answered customer, in the shipped context
            assert {c[1] for c in env.ari.continues} == {"acdcore-campaign-amd"}
            # the calls ended in acdcore (the agent completed them), a1 is free again
            for _n, call_id, _o, _a in _attempts(db_path):
                assert await _ended(env, call_id) == "COMPLETED", call_id
            await env.wait_agent_state("a1", E.AGENT_STATE_AVAILABLE)
            rep = await api("GetCampaignReport", gpb.GetCampaignReportRequest(campaign_id=cid))
            assert (rep.attempts, rep.contacts, rep.sales, rep.revenue_cents) == (7, 1, 1, 9900)
            log = env.hook_qlog()
            assert any("CAMPAIGNOUTCOME|MACHINE" in line for line in log), log[-20:]
            # the answered campaign call was recorded: the snoops are on the customer's channel
            # (not on the call id, which names no Asterisk channel here) and the recording started
            snoops = [p for (m, p, _q) in env.ari.requests if m == "POST" and p.endswith("/snoop")]
            assert snoops and all(re.fullmatch(r"/ari/channels/acdcmp-\d+-customer/snoop", p) for p in snoops), snoops
            assert env.hook.recording.failed == 0 and env.hook.recording.started >= 1
            assert any(f"|{ans[1]}|general|a1|RECSTART|" in line for line in log), log[-20:]

            # dial-time compliance: the number goes on the do-not-call list after its call was
            # placed in acdcore; the next offer asks the desk again, which refuses: never dialled
            late = (await api("CreateCampaign", gpb.CreateCampaignRequest(
                name="LATE", queue="general", hours_start="00:00", hours_end="24:00", weekdays="1111111",
                max_attempts=3, retry_spacing=0.5, mode=2))).campaign_id
            await api("ImportCampaignTargets", gpb.ImportCampaignTargetsRequest(campaign_id=late, csv=LATE_DNC + "\n"))
            env.phone("a1").script.mode = "noanswer"
            env.phone("a2").script.mode = "noanswer"
            await env.login("a2")
            n_rings = len(env.phone("a1").rings) + len(env.phone("a2").rings)
            await api("SetCampaignState", gpb.SetCampaignStateRequest(campaign_id=late, state=2))
            await until(lambda: len(env.phone("a1").rings) + len(env.phone("a2").rings) > n_rings, 30,
                        "an agent rung for the LATE call")
            await api("AddDoNotCall", gpb.AddDoNotCallRequest(number=LATE_DNC))
            env.phone("a1").script.mode = "answer"
            env.phone("a2").script.mode = "answer"
            late_call = await until(lambda: [a for a in _attempts(db_path) if a[0] == LATE_DNC], 10, "LATE attempt")
            await until(lambda: [a for a in _attempts(db_path) if a[0] == LATE_DNC and a[2] == 7], 60,
                        "the LATE call refused at dial time")
            late_id = late_call[0][1]
            await until_async(lambda: _ended(env, late_id), "ABANDONED", 30)
            assert not phones[LATE_DNC].rings
            assert _target_states(db_path)[LATE_DNC] == 4  # DNC
            await api.ch.close()

        astenv.run(scenario, timeout=240, campaign=campaign, recording={"mode": "grpc"})
    finally:
        desk.stop()


def test_campaign_config_errors(tmp_path):  # type: ignore[no-untyped-def]
    from acdhook import config

    base = ('[acdcore]\ntoken = "t"\n[ari]\nurl = "http://127.0.0.1:8088/ari"\npassword = "p"\n'
            '[menus.main]\noptions = [{ digit = "1", route = "1" }]\n')
    for patch, key in [('[campaign]\nenabled = true\n', "campaign.desk_target"),
                       ('[campaign]\nendpoint = "PJSIP/x@trunk"\n', "campaign.endpoint"),
                       ('[campaign]\nring_timeout = 0.5\n', "campaign.ring_timeout"),
                       ('[campaign]\namd_context = "a b"\n', "campaign.amd_context"),
                       ('[campaign]\nqueues = ["a b"]\n', "campaign.queues"),
                       ('[campaign]\nnumber_pattern = "("\n', "campaign.number_pattern"),
                       ('[campaign]\ndesk_target = "nope"\n', "campaign.desk_target"),
                       ('[campaign]\nbogus = 1\n', "campaign.bogus")]:
        with pytest.raises(config.ConfigError, match=re.escape(key)):
            config.load(text=base + patch)
    no_ari = '[acdcore]\ntoken = "t"\n[menus.main]\noptions = [{ digit = "1", route = "1" }]\n'
    with pytest.raises(config.ConfigError, match="campaign.enabled"):
        config.load(text=no_ari + '[campaign]\nenabled = true\ndesk_target = "127.0.0.1:1"\ndesk_token = "x"\n')
    cfg = config.load(text=base + '[campaign]\nenabled = true\ndesk_target = "127.0.0.1:1"\ndesk_token = "x"\n'
                                  'queues = ["general"]\n')
    assert cfg.campaign.enabled and cfg.campaign.queues == ["general"] and cfg.campaign.amd


def test_shipped_dialplan_has_the_amd_context():  # type: ignore[no-untyped-def]
    """What the harness emulates for continue: AMD(), then back to the hook's application."""
    text = (ROOT / "asterisk" / "etc" / "extensions.conf").read_text()
    m = re.search(r"^\[acdcore-campaign-amd\]\n((?:.*\n)+?)\n", text + "\n", re.M)
    assert m, "no [acdcore-campaign-amd] context"
    body = m.group(1)
    assert re.search(r"^exten => s,1,AMD\(\)$", body, re.M)
    assert re.search(r"^ same => n,Stasis\(\$\{ACDCORE_ARI_APP\},campaign-amd,\$\{AMDSTATUS\},\$\{AMDCAUSE\}\)$",
                     body, re.M)
    assert re.search(r"^ACDCORE_ARI_APP=acdcore$", text, re.M)


@pytest.mark.parametrize("cause,outcome", [(17, 3), (19, 2), (18, 2), (21, 2), (1, 5), (34, 5), (16, 5)])
def test_outcome_of_a_hangup_cause(cause, outcome):  # type: ignore[no-untyped-def]
    from acdhook.campaign.manager import outcome_of_cause

    assert outcome_of_cause(cause) == outcome


def test_continue_errors_like_asterisk(astenv):  # type: ignore[no-untyped-def]
    """The stand-in's continue answers as channels.json documents: 404 unknown channel, 409 not in
    Stasis; the hook's ARI client raises AriError with that status."""
    from acdhook.ari.client import AriError

    async def scenario(env):  # type: ignore[no-untyped-def]
        ari = env.hook.ari
        with pytest.raises(AriError) as ei:
            await ari.continue_in_dialplan("no-such-channel", "acdcore-campaign-amd")
        assert ei.value.status == 404
        ch = env.ast.call("04591234567", "96656")
        await until(lambda: ch.commands("SET MUSIC"), 10, "the caller waiting")
        with pytest.raises(AriError) as ei:
            await ari.continue_in_dialplan(ch.uniqueid, "acdcore-campaign-amd")
        assert ei.value.status == 409
        ch.hangup()
        await asyncio.sleep(0)

    astenv.run(scenario, timeout=60)


# -------------------------------------------------------------------- against a stand-in desk


class StandInDesk(gpb_grpc.GrowthServiceServicer):  # type: ignore[misc,name-defined]
    """desk.v1.GrowthService's two telephony calls, scripted (a sync gRPC server on its own
    threads): numbers by call id, outcomes kept."""

    def __init__(self) -> None:
        self.numbers: dict[str, str] = {}
        #: status codes the next BeginCampaignCall requests fail with, in order
        self.fail: list[Any] = []
        self.begins: list[str] = []
        self.reports: list[tuple[str, int, str, str]] = []

    def BeginCampaignCall(self, request, context):  # type: ignore[no-untyped-def]
        import grpc

        self.begins.append(request.call_id)
        if self.fail:
            context.abort(self.fail.pop(0), "scripted failure")
        if request.call_id not in self.numbers:
            context.set_trailing_metadata((("desk-reason", "CAMPAIGN_CALL_NOT_FOUND"),))
            context.abort(grpc.StatusCode.NOT_FOUND, f"no campaign call {request.call_id}")
        return gpb.BeginCampaignCallResponse(allowed=True, number=self.numbers[request.call_id], campaign_id=1,
                                             queue="general")

    def ReportCampaignCallOutcome(self, request, context):  # type: ignore[no-untyped-def]
        self.reports.append((request.call_id, request.outcome, request.agent_id, request.detail))
        return gpb.ReportCampaignCallOutcomeResponse()


def test_campaign_call_failures_handled(astenv):  # type: ignore[no-untyped-def]
    """Unknown to the desk: cancelled, nobody rung. The desk unreachable: the offer is given back
    and nobody rung until it answers again. The agent gone before the customer answered: FAILED,
    both phones hung up, the call completed once."""
    from concurrent import futures

    import grpc

    desk = StandInDesk()
    srv = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    gpb_grpc.add_GrowthServiceServicer_to_server(desk, srv)
    port = srv.add_insecure_port("127.0.0.1:0")
    srv.start()

    async def scenario(env):  # type: ignore[no-untyped-def]
        a1 = env.phone("a1")
        a1.script.talk = 30.0  # on the line until the hook or the customer ends the call
        cust = env.ast.phone("PJSIP/13900000001")
        await env.login("a1")

        async def enqueue(call_id: str) -> None:
            await env.tel.enqueue_call(call_id, "general", caller="13900000001",
                                       attributes={"kind": "campaign", "campaign": "1", "number": "13900000001"})

        # unknown to the desk
        await enqueue("cmp1-t1-a1")
        await until_async(lambda: _ended(env, "cmp1-t1-a1"), "ABANDONED", 30)
        assert not a1.rings and not cust.rings
        assert any("CAMPAIGNREFUSED|CAMPAIGN_CALL_NOT_FOUND" in line for line in env.hook_qlog()), env.hook_qlog()
        # the desk refusing the hook's token, then unreachable: the offer is given back each time,
        # nobody rung, nothing cancelled; then it answers and the call goes through
        desk.numbers["cmp1-t2-a1"] = "13900000001"
        desk.fail = [grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAVAILABLE]
        await enqueue("cmp1-t2-a1")
        await until(lambda: desk.begins.count("cmp1-t2-a1") >= 1, 30, "the hook asking the desk")
        assert not a1.rings and not cust.rings and await _ended(env, "cmp1-t2-a1") == ""
        cust.script.talk = 0.2
        await until(lambda: [r for r in desk.reports if r[0] == "cmp1-t2-a1"], 60, "the outcome reported")
        assert [r[1:3] for r in desk.reports if r[0] == "cmp1-t2-a1"] == [(1, "a1")]
        assert desk.begins.count("cmp1-t2-a1") >= 3 and len(a1.rings) == 1  # rung only once allowed
        await until_async(lambda: _ended(env, "cmp1-t2-a1"), "COMPLETED", 30)
        await env.wait_agent_state("a1", E.AGENT_STATE_AVAILABLE)
        # the agent hangs up while the customer's phone rings
        desk.numbers["cmp1-t3-a1"] = "13900000001"
        a1.script.talk = 0.05
        cust.script.answer_after = 1.5  # well after the agent's hang-up (ring_timeout 2 s)
        cust.script.talk = None
        n = len(cust.rings)
        await enqueue("cmp1-t3-a1")
        await until(lambda: [r for r in desk.reports if r[0] == "cmp1-t3-a1"], 60, "the outcome reported")
        (rep,) = [r for r in desk.reports if r[0] == "cmp1-t3-a1"]
        assert rep[1] == 5 and "agent hung up" in rep[3], rep
        await until_async(lambda: _ended(env, "cmp1-t3-a1"), "COMPLETED", 30)
        assert len(cust.rings) == n + 1
        ch = cust.rings[-1]["channel"]
        await until(lambda: ch not in env.ari.stasis, 10, "the customer's channel hung up")

    try:
        astenv.run(scenario, timeout=180, campaign={
            "enabled": True, "queues": ["general"], "ring_timeout": 2.0, "amd": True, "amd_timeout": 5.0,
            "desk_target": f"127.0.0.1:{port}", "desk_token": "t", "desk_timeout": 2.0})
    finally:
        srv.stop(None)


# -------------------------------------------------------------------- the hook restarted mid-call


class HookProc:
    """The real hook as its own process (``python -m acdhook``), so that it can die abruptly
    (SIGKILL: no finally, no goodbye to ARI or acdcore) like a crashed or OOM-killed hook."""

    def __init__(self, tmp: Path, text: str) -> None:
        import os
        import subprocess

        tmp.mkdir(parents=True, exist_ok=True)
        self.tmp = tmp
        (tmp / "hook.toml").write_text(text)
        self.port_file = tmp / "port"
        self.log = open(tmp / "hook.log", "wb")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "asterisk"), os.environ.get("PYTHONPATH", "")])}
        self.proc = subprocess.Popen([sys.executable, "-m", "acdhook", "--config", str(tmp / "hook.toml"),
                                      "--port-file", str(self.port_file)], stdout=self.log, stderr=subprocess.STDOUT,
                                     env=env, cwd=str(tmp))

    def qlog(self) -> list[str]:
        p = self.tmp / "hook_queue_log"
        return p.read_text().splitlines() if p.exists() else []

    async def started(self, ari, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
        def up() -> bool:
            assert self.proc.poll() is None, (self.tmp / "hook.log").read_text()[-3000:]
            return self.port_file.exists() and bool(ari.sockets.get("acdcore"))
        await until(up, timeout, "the hook process serving, its ARI WebSocket connected")

    async def kill(self, ari) -> None:  # type: ignore[no-untyped-def]
        self.proc.kill()
        await until(lambda: self.proc.poll() is not None, 10, "the hook process gone")
        self.log.close()
        # the kernel closes its sockets: Asterisk sees the application's WebSocket go
        await until(lambda: not ari.sockets.get("acdcore"), 10, "the ARI WebSocket closed")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except Exception:
                self.proc.kill()
                self.proc.wait(10)
        if not self.log.closed:
            self.log.close()


def test_hook_restart_mid_conversation(astenv, tmp_path):  # type: ignore[no-untyped-def]
    """The hook process is killed (SIGKILL) while agent and customer talk; a new one adopts the
    bridge from ARI's channel and bridge lists and acdcore's CONNECTED campaign calls: the
    customer's hang-up then frees the agent (CompleteCall), the outcome is the desk's once.
    Then a customer hangs up while no hook runs (completed at the next start, ANSWERED), and
    the hook dies while the customer's phone rings (the next one hangs the agent up, reports
    FAILED, completes the call). Without the reconciliation the agent stays BUSY in acdcore."""
    from ast_env import hook_config
    from ast_harness import AriStub

    desk = _desk(tmp_path, astenv.server.target)
    db_path = tmp_path / "desk.sqlite"
    TALK, GONE, RINGING, AGENT_RINGING = "13800000021", "13800000022", "13800000023", "13800000024"
    campaign = {"enabled": True, "queues": ["general"], "endpoint": "PJSIP/{number}@trunk", "ring_timeout": 2.0,
                "amd": True, "amd_timeout": 5.0, "desk_target": desk.target,
                "desk_token": DESK_TOKENS["telephony"], "desk_timeout": 5.0}
    hooks: list[HookProc] = []

    async def scenario(env):  # type: ignore[no-untyped-def]
        ari = await AriStub(env.ast).start()  # the in-process hook runs without ARI: it never sees these calls
        try:
            def new_hook() -> HookProc:
                n = len(hooks) + 1
                h = HookProc(tmp_path / f"hook{n}", hook_config(0, env.server.target, ari.url, ari.password,
                                                                  tmp_path / f"hook{n}", campaign=campaign,
                                                                  hotline={"ring_timeout": 8.0}))
                hooks.append(h)
                return h

            phones = {n: env.ast.phone(f"PJSIP/{n}") for n in (TALK, GONE, RINGING, AGENT_RINGING)}
            for p in (phones[TALK], phones[GONE]):
                p.script.talk = None  # on the line until the test hangs it up
            phones[RINGING].script.mode = "noanswer"
            env.phone("a1").script.talk = 120.0  # the agent stays on until the hook or the customer ends it
            h1 = new_hook()
            await h1.started(ari)
            api = DeskApi(desk.target)
            cid = (await api("CreateCampaign", gpb.CreateCampaignRequest(
                name="RESTART", queue="general", hours_start="00:00", hours_end="24:00", weekdays="1111111",
                max_attempts=1, retry_spacing=0.5, mode=2))).campaign_id
            await api("ImportCampaignTargets", gpb.ImportCampaignTargetsRequest(campaign_id=cid, csv=TALK + "\n"))
            await env.login("a1")
            await api("SetCampaignState", gpb.SetCampaignStateRequest(campaign_id=cid, state=2))

            def bridged():  # type: ignore[no-untyped-def]
                return [b for b in ari.bridges.values() if len(b["channels"]) == 2]

            def attempt(number):  # type: ignore[no-untyped-def]
                return [a for a in _attempts(db_path) if a[0] == number]

            # 1. killed while the two talk; the next hook adopts the conversation
            (b,) = await until(bridged, 60, "agent and customer bridged")
            (call_a,) = [a[1] for a in attempt(TALK)]
            await until(lambda: attempt(TALK)[0][2] == 1, 30, "ANSWERED reported by the first hook")
            await h1.kill(ari)
            h2 = new_hook()
            await h2.started(ari)
            await until(lambda: any(f"|{call_a}|" in ln and "CAMPAIGNREADOPT" in ln for ln in h2.qlog()), 30,
                        "the new hook adopting the conversation")
            assert await env.agent_state("a1") == E.AGENT_STATE_BUSY and b["id"] in ari.bridges
            phones[TALK].hangup_now.set()
            await until_async(lambda: _ended(env, call_a), "COMPLETED", 30)
            await env.wait_agent_state("a1", E.AGENT_STATE_AVAILABLE)
            await until(lambda: b["id"] not in ari.bridges and not [c for c in ari.stasis if c.startswith("acdcmp-")],
                        10, "the agent hung up, the bridge destroyed")
            assert [a[2:] for a in attempt(TALK)] == [(1, "a1")]
            outcome_lines = [ln for h in hooks for ln in h.qlog() if f"|{call_a}|" in ln and "CAMPAIGNOUTCOME" in ln]
            assert len(outcome_lines) == 1 and "ANSWERED" in outcome_lines[0], outcome_lines
            assert (await env.call_events(call_a)).count("CALL_COMPLETED") == 1

            # 2. killed while the two talk; the customer hangs up before a hook runs again
            await api("ImportCampaignTargets", gpb.ImportCampaignTargetsRequest(campaign_id=cid, csv=GONE + "\n"))
            (b,) = await until(bridged, 60, "the second conversation bridged")
            (call_b,) = [a[1] for a in attempt(GONE)]
            await h2.kill(ari)
            phones[GONE].hangup_now.set()
            await until(lambda: len(b["channels"]) == 1, 10, "the customer gone, the agent left in the bridge")
            await asyncio.sleep(0.3)
            assert await env.agent_state("a1") == E.AGENT_STATE_BUSY  # nobody told acdcore
            h3 = new_hook()
            await h3.started(ari)
            await until_async(lambda: _ended(env, call_b), "COMPLETED", 30)
            await env.wait_agent_state("a1", E.AGENT_STATE_AVAILABLE)
            await until(lambda: b["id"] not in ari.bridges and not [c for c in ari.stasis if c.startswith("acdcmp-")],
                        10, "the agent hung up, the bridge destroyed")
            assert [a[2:] for a in attempt(GONE)] == [(1, "a1")]

            # 3. killed while the customer's phone rings: the agent is hung up, FAILED, completed
            await api("ImportCampaignTargets", gpb.ImportCampaignTargetsRequest(campaign_id=cid, csv=RINGING + "\n"))
            await until(lambda: phones[RINGING].rings, 60, "the customer ringing")
            (call_c,) = [a[1] for a in attempt(RINGING)]
            await h3.kill(ari)
            h4 = new_hook()
            await h4.started(ari)
            await until_async(lambda: _ended(env, call_c), "COMPLETED", 30)
            await env.wait_agent_state("a1", E.AGENT_STATE_AVAILABLE)
            await until(lambda: not [c for c in ari.stasis if c.startswith("acdcmp-")], 10, "every campaign leg gone")
            await until(lambda: attempt(RINGING)[0][2] == 5, 30, "FAILED at the desk")
            assert any(f"|{call_c}|" in ln and "CAMPAIGNORPHAN" in ln for ln in h4.qlog())
            assert len(phones[RINGING].rings) == 1 and _target_states(db_path)[RINGING] == 5  # out of attempts

            # 4. killed while the agent's phone rings (the call still OFFERED): the next hook hangs
            # that leftover leg up and handles the offer afresh, under the same channel ids
            a1 = env.phone("a1")
            a1.script.answer_after = 4.0  # the hook is killed while it rings (agent ring timeout 8 s)
            phones[AGENT_RINGING].script.talk = None  # however long AMD takes on a loaded machine
            n = len(a1.rings)
            await api("ImportCampaignTargets", gpb.ImportCampaignTargetsRequest(campaign_id=cid,
                                                                                csv=AGENT_RINGING + "\n"))
            await until(lambda: len(a1.rings) > n, 60, "the agent ringing")
            leftover = a1.rings[-1]["channel"]
            await h4.kill(ari)
            assert leftover in ari.stasis
            h5 = new_hook()
            await h5.started(ari)
            await until(lambda: [a for a in attempt(AGENT_RINGING) if a[2] == 1], 60, "the customer answered")
            (call_d,) = [a[1] for a in attempt(AGENT_RINGING)]
            phones[AGENT_RINGING].hangup_now.set()
            await until_async(lambda: _ended(env, call_d), "COMPLETED", 30)
            await env.wait_agent_state("a1", E.AGENT_STATE_AVAILABLE)
            assert f"'cleared': ['{leftover}']" in (h5.tmp / "hook.log").read_text()
            assert a1.rings[n].get("ended_by") is None and len(a1.rings) == n + 2  # hung up, then rung again
            await api.ch.close()
        finally:
            for h in hooks:
                h.stop()
            await ari.stop()

    try:
        astenv.run(scenario, timeout=240, ari=False)
    finally:
        for h in hooks:
            h.stop()
        desk.stop()


def test_previewed_call_never_rings_another_agent(astenv, tmp_path):  # type: ignore[no-untyped-def]
    """An accepted preview rings the agent who previewed it, not the colleague who has been free
    longer (acdcore's targeting). Then that agent is not there when acdcore offers its accepted
    preview (logged out: the targeting lapsed at once) and another agent of the queue is free:
    the hook asks the desk naming the offered agent, the desk refuses (NOT_PREVIEW_AGENT), the
    hook cancels the call -- neither that agent nor the customer is rung -- and the contact is
    back in the campaign's list, the attempt not counted."""
    desk = _desk(tmp_path, astenv.server.target)
    db_path = tmp_path / "desk.sqlite"
    number, first = "13800000031", "13800000032"
    campaign = {"enabled": True, "queues": ["general"], "endpoint": "PJSIP/{number}@trunk", "ring_timeout": 2.0,
                "amd": True, "amd_timeout": 5.0, "desk_target": desk.target,
                "desk_token": DESK_TOKENS["telephony"], "desk_timeout": 5.0}
    try:
        async def scenario(env):  # type: ignore[no-untyped-def]
            customer = env.ast.phone(f"PJSIP/{number}")
            env.ast.phone(f"PJSIP/{first}").script.talk = None  # hung up below, however long AMD takes
            for a in ("a1", "a2"):  # on the line until the customer ends the call
                env.phone(a).script.talk = 30.0
            api = DeskApi(desk.target)
            cid = (await api("CreateCampaign", gpb.CreateCampaignRequest(
                name="PV", queue="general", hours_start="00:00", hours_end="24:00", weekdays="1111111",
                mode=1))).campaign_id
            await api("ImportCampaignTargets", gpb.ImportCampaignTargetsRequest(
                campaign_id=cid, csv=f"{first}\n{number}\n"))
            await api("SetCampaignState", gpb.SetCampaignStateRequest(campaign_id=cid, state=2))
            # a2 free first (longest idle: the queue's strategy would pick a2), then a1
            await env.login("a2")
            await env.wait_agent_state("a2", E.AGENT_STATE_AVAILABLE)
            await env.login("a1")
            p = await api("PreviewNextTarget", gpb.PreviewNextTargetRequest(campaign_id=cid, agent_id="a1"))
            assert p.number == first
            assert (await api("AcceptPreview", gpb.AcceptPreviewRequest(call_id=p.call_id, agent_id="a1"))).placed
            await until(lambda: [a for a in _attempts(db_path) if a[1] == p.call_id and a[2] == 1], 30,
                        "the previewed customer answered")
            assert [a[3] for a in _attempts(db_path) if a[1] == p.call_id] == ["a1"]
            env.ast.phone(f"PJSIP/{first}").hangup_now.set()
            assert len(env.phone("a1").rings) == 1 and not env.phone("a2").rings
            await until_async(lambda: _ended(env, p.call_id), "COMPLETED", 30)
            await env.wait_agent_state("a1", E.AGENT_STATE_AVAILABLE)
            await env.tel.logout("a1")  # a1 previews the next one, but is gone when it is placed
            p = await api("PreviewNextTarget", gpb.PreviewNextTargetRequest(campaign_id=cid, agent_id="a1"))
            assert p.found and p.number == number
            r = await api("AcceptPreview", gpb.AcceptPreviewRequest(call_id=p.call_id, agent_id="a1"))
            assert r.placed
            await until(lambda: [a for a in _attempts(db_path) if a[2] == 7], 30, "the call refused at dial time")
            await until_async(lambda: _ended(env, p.call_id), "ABANDONED", 30)
            assert any(f"|{p.call_id}|" in ln and "CAMPAIGNREFUSED|NOT_PREVIEW_AGENT" in ln for ln in env.hook_qlog())
            assert not env.phone("a2").rings and not customer.rings and len(env.phone("a1").rings) == 1
            assert _target_states(db_path)[number] == 1  # PENDING: back in the list
            rep = await api("GetCampaignReport", gpb.GetCampaignReportRequest(campaign_id=cid))
            assert rep.attempts == 1  # the first call only
            await env.wait_agent_state("a2", E.AGENT_STATE_AVAILABLE)
            await api.ch.close()

        astenv.run(scenario, timeout=120, campaign=campaign)
    finally:
        desk.stop()
