"""Self-service menu branches served by the business application over gRPC
(desk.v1.GrowthService, role telephony), with the caller's DTMF through the real hook.

The business application here is a stand-in GrowthService on loopback (the real one needs
the service desk's database and simulators: tests/growth); the hook side is real: its
[selfservice] client, the business platform's dialogue (servicedesk.growth.ivr) run on the
caller's AGI session, then on to the option's queue."""

from __future__ import annotations

import asyncio

import pytest
from acdcore_client import pb

from ast_harness import until

E = pb.enums
TOKEN = "desk-telephony-token-0123456789"
ACCOUNT = "20261126"

grpc_aio = pytest.importorskip("grpc.aio")
gpb = pytest.importorskip("servicedesk.api.desk.v1.growth_service_pb2")
gpb_grpc = pytest.importorskip("servicedesk.api.desk.v1.growth_service_pb2_grpc")


class Growth(gpb_grpc.GrowthServiceServicer):  # type: ignore[misc,name-defined]
    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []

    async def GetBalance(self, request, context):  # type: ignore[no-untyped-def]
        auth = dict(context.invocation_metadata()).get("authorization", "")
        self.requests.append((request.account_number, auth))
        if auth != f"Bearer {TOKEN}":
            await context.abort(__import__("grpc").StatusCode.UNAUTHENTICATED, "bad token")
        if request.account_number != ACCOUNT:
            await context.abort(__import__("grpc").StatusCode.NOT_FOUND, "no such account")
        return gpb.GetBalanceResponse(balance_cents=12300, monthly_fee_cents=4500,
                                      spoken_balance=["one", "hundred", "two", "ten", "three", "yuan"],
                                      spoken_monthly_fee=["four", "ten", "five", "yuan"])


async def _growth_server() -> tuple[object, Growth, int]:
    srv = grpc_aio.server()
    g = Growth()
    gpb_grpc.add_GrowthServiceServicer_to_server(g, srv)
    port = srv.add_insecure_port("127.0.0.1:0")
    await srv.start()
    return srv, g, port


async def _enter(ch, digits: str) -> None:  # type: ignore[no-untyped-def]
    """Press each digit while a command issued after the previous press reads DTMF."""
    for d in digits:
        n = len(ch.log)
        await until(lambda: len(ch.log) > n and ch.reading is not None, 10, f"a DTMF read for {d!r}")
        ch.press(d)


def test_balance_branch_served_by_the_business_application(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        env.hook.selfservice.settings.target = f"127.0.0.1:{env.growth_port}"
        ch = env.ast.call("04591234567")
        await ch.wait_reading(prompt="acdcore/menu-main")
        ch.press("2")  # fees and account: self-service "balance", then the billing queue
        await _enter(ch, "999#")  # an unknown account: told so, asked again
        await ch.wait_command("STREAM FILE acdcore/ss-account-unknown")
        await _enter(ch, ACCOUNT + "#")
        await ch.wait_command("STREAM FILE acdcore/ss-monthly-fee-is")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_WAITING)
        assert (await env.call_state(ch.uniqueid)).queue == "billing"
        # the amount the business application returned is what the caller hears (the
        # dialogue's prompt names map to sound files: digits/N, acdcore/<word>)
        spoken = [c.split()[2] for c in ch.commands("STREAM FILE")]
        i = spoken.index("acdcore/ss-balance-is")
        assert "digits/1" in spoken[i:] and "acdcore/yuan" in spoken[i:], spoken
        assert "acdcore/selfservice-unavailable" not in spoken
        accounts = [a for a, _ in env.growth.requests]
        assert "999" in accounts and ACCOUNT in accounts, accounts  # what the caller keyed in
        assert all(t == f"Bearer {TOKEN}" for _, t in env.growth.requests)
        assert any(f"|{ch.uniqueid}|NONE|NONE|SELFSERVICE|balance|balance-played" in x for x in env.hook_qlog())
        ch.hangup()
        await until(lambda: ch.done.is_set(), 10)
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_ABANDONED"])
        return True

    async def with_growth(env):  # type: ignore[no-untyped-def]
        srv, env.growth, env.growth_port = await _growth_server()
        try:
            return await scenario(env)
        finally:
            await srv.stop(0)

    assert astenv.run(with_growth, selfservice={"target": "127.0.0.1:9", "token": TOKEN, "digit_timeout": 5.0})


def test_branch_the_business_application_lacks_is_refused_politely(astenv):  # type: ignore[no-untyped-def]
    """A branch name the dialogue does not know, and a hang-up inside self-service."""
    async def scenario(env):  # type: ignore[no-untyped-def]
        env.hook.cfg.menus["main"].options["2"].selfservice = "lottery"
        ch = env.ast.call("04591234567")
        await ch.wait_reading(prompt="acdcore/menu-main")
        ch.press("2")
        await ch.wait_command("STREAM FILE acdcore/ss-unavailable")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_WAITING)
        assert any("|SELFSERVICE|lottery|unknown-branch" in x for x in env.hook_qlog())
        ch.hangup()
        await until(lambda: ch.done.is_set(), 10)
        # the caller hangs up while entering the account number: no enqueue, no error
        env.hook.cfg.menus["main"].options["2"].selfservice = "balance"
        ch2 = env.ast.call("04591234567")
        await ch2.wait_reading(prompt="acdcore/menu-main")
        ch2.press("2")
        await _enter(ch2, "1")
        ch2.hangup()
        await until(lambda: ch2.done.is_set(), 10)
        await asyncio.sleep(0.2)
        assert not any(e.call_id == ch2.uniqueid for e in await env.all_events())
        return True

    async def with_growth(env):  # type: ignore[no-untyped-def]
        srv, env.growth, port = await _growth_server()
        env.hook.selfservice.settings.target = f"127.0.0.1:{port}"
        try:
            return await scenario(env)
        finally:
            await srv.stop(0)

    assert astenv.run(with_growth, selfservice={"target": "127.0.0.1:9", "token": TOKEN})
