"""The hook faces the phone network: protocol edge cases, limits, injection, slow peers."""

from __future__ import annotations

import asyncio
import socket
import struct

import pytest
from acdcore_client import pb

from acdhook.agi.protocol import CommandFailed, ConnectionLost, HeaderError, Session, format_command, read_env
from ast_harness import until

E = pb.enums

ENV = b"agi_network: yes\nagi_network_script: hotline\nagi_uniqueid: 1700000000.1\nagi_channel: PJSIP/trunk-00000001\n\n"


async def _pair(script: list[bytes], *, reset_after: int | None = None):  # type: ignore[no-untyped-def]
    """A peer that plays Asterisk: sends the env, then for each command line received sends
    the next scripted reply bytes (or resets the connection)."""
    got: list[str] = []

    async def peer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(ENV)
        await writer.drain()
        for i, reply in enumerate(script):
            line = await reader.readline()
            if not line:
                return
            got.append(line.decode())
            if reset_after is not None and i == reset_after:
                sock = writer.get_extra_info("socket")
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                writer.transport.abort()
                return
            writer.write(reply)
            await writer.drain()
        await reader.read()

    srv = await asyncio.start_server(peer, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    env = await read_env(r)
    return srv, Session(r, w, env), got


def test_reply_parsing_edge_cases() -> None:
    async def main() -> None:
        srv, s, got = await _pair([
            b"100 result=0 Trying...\n200 result=0 Gosub complete\n",
            b"520-Invalid command syntax.  Proper usage follows:\n Usage: WAIT FOR DIGIT <timeout>\n"
            b"\tWaits.\n520 End of proper usage.\n",
            b"200 result=-1\n",
            b"200 result=0 (timeout)\n",
            b"HANGUP\n200 result=1 (ANSWER)\n",
            b"510 Invalid or unknown command\n",
            b"511 Command Not Permitted on a dead channel or intercept routine\n",
            b"200 result=1 (a (b) c)\n",
            b"200 result=49 endpos=1234\n",
        ])
        r = await s.gosub("acdcore-fallback", "s", "1")
        assert r.trying == 1 and r.value == 0 and r.data == "Gosub complete"
        with pytest.raises(CommandFailed) as ei:
            await s.wait_for_digit(100)
        assert ei.value.code == 520 and "WAIT FOR DIGIT <timeout>" in ei.value.usage
        assert (await s.command("STREAM", "FILE", "x", "")).value == -1
        r = await s.wait_for_digit(5)
        assert r.value == 0 and r.timeout
        assert not s.dead
        assert await s.get_variable("DIALSTATUS") == "ANSWER"
        assert s.dead  # the HANGUP that came while the reply was awaited was noted
        with pytest.raises(CommandFailed) as ei:
            await s.command("FOO")
        assert ei.value.code == 510
        with pytest.raises(CommandFailed) as ei:
            await s.answer()
        assert ei.value.code == 511 and ei.value.reason == "DEAD_CHANNEL"
        assert await s.get_variable("X") == "a (b) c"
        r = await s.stream_file("acdcore/welcome", "1")
        assert r.value == 49 and r.extra == {"endpos": "1234"}
        assert got[0] == "GOSUB acdcore-fallback s 1\n" and got[2] == 'STREAM FILE x ""\n'
        await s.close()
        srv.close()

    asyncio.run(main())


def test_peer_reset_mid_command() -> None:
    async def main() -> None:
        srv, s, _ = await _pair([b"200 result=0\n", b""], reset_after=1)
        await s.answer()
        with pytest.raises(ConnectionLost):
            await s.wait_for_digit(1000)
        assert s.dead and s.closed.is_set()
        with pytest.raises(ConnectionLost):
            await s.answer()
        await s.close()
        srv.close()

    asyncio.run(main())


def test_commands_refuse_control_characters_and_quote() -> None:
    assert format_command("SET", "VARIABLE", "X", 'a "b" c') == b'SET VARIABLE X "a \\"b\\" c"\n'
    for bad in ("1001\r\nEXEC System x", "a\nb", "a\x00b"):
        with pytest.raises(ValueError):
            format_command("SET", "VARIABLE", "X", bad)


@pytest.mark.parametrize("block,reason", [
    (b"agi_network: yes\nagi_network_script: hotline\nagi_callerid: " + b"1" * 5000 + b"\n\n", "HEADER_LINE_TOO_LONG"),
    (b"agi_network: yes\n" + b"".join(b"agi_x%d: 1\n" % i for i in range(70)) + b"\n", "HEADER_TOO_MANY_LINES"),
    (b"agi_network: yes\nagi_network_script: hotline\nagi_callerid: 1001\r\nEXEC System rm\n\n", "HEADER_MALFORMED"),
    (b"agi_network: yes\nagi_network_script: hotline\nagi_uniqueid: 1.1\nagi_channel: PJSIP/a\x00b\n\n",
     "HEADER_MALFORMED"),
    (b"agi_network: yes\nagi_network_script: hot\rline\nagi_uniqueid: 1.1\nagi_channel: PJSIP/a-1\n\n",
     "HEADER_BAD_VALUE"),
    (b"agi_network_script: hotline\nagi_uniqueid: 1.1\nagi_channel: PJSIP/a-1\n\n", "HEADER_NOT_FASTAGI"),
    (b"agi_network: yes\nagi_network_script: hotline\nagi_uniqueid: 1.1\nagi_uniqueid: 1.2\n\n", "HEADER_DUPLICATE"),
    (b"agi_network: yes\nagi_network_script: hotline\nagi_uniqueid: 1.1\nagi_channel: x\n\n", "HEADER_BAD_VALUE"),
    (b"agi_network: yes\nagi_network_script: \xff\n\n", "HEADER_NOT_UTF8"),
])
def test_header_block_limits_and_values(block: bytes, reason: str) -> None:
    async def main() -> None:
        r = asyncio.StreamReader(limit=8192)
        r.feed_data(block)
        r.feed_eof()
        with pytest.raises(HeaderError) as ei:
            await read_env(r)
        assert ei.value.reason == reason

    asyncio.run(main())


def test_header_timeout() -> None:
    async def main() -> None:
        r = asyncio.StreamReader(limit=8192)
        r.feed_data(b"agi_network: yes\n")  # and then nothing
        with pytest.raises(HeaderError) as ei:
            await read_env(r, timeout=0.2)
        assert ei.value.reason == "HEADER_TIMEOUT"

    asyncio.run(main())


def test_injected_caller_id_does_nothing_harmful(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        ast = env.ast
        # CR LF inside the caller id splits the block: refused whole, the dialplan rings the
        # fallback group (the call is not lost), nothing is executed
        ch = ast.call("1001\r\nEXEC System rm -rf /")
        await until(lambda: ch.done.is_set(), 5)
        assert ch.commands() == [] and ch.fell_back == 1
        assert env.hook.server.stats.header_errors.get("HEADER_MALFORMED") == 1
        # a lone CR (one line): the value is refused, the call is served as anonymous
        await env.login("a5")
        ch = ast.call("1001\rEXEC System rm", "96656")
        await until(lambda: ch.done.is_set(), 10)
        assert ch.dials and ch.dials[0]["targets"] == ["PJSIP/agent-a5"]
        # '&', ',' and '|' in the caller id never reach a dial string or a log field
        ch = ast.call("1001&PJSIP/evil,1,U(x)|y", "96656")
        await until(lambda: ch.done.is_set(), 10)
        assert all(d["targets"] == ["PJSIP/agent-a5"] for d in ch.dials)
        evs = [e for e in await env.all_events() if e.type == E.EVENT_TYPE_CALL_ENQUEUED]
        assert [e.caller for e in evs[-2:]] == ["", ""]
        assert not any(d["targets"] != ["PJSIP/agent-a5"] for c in ast.channels.values() for d in c.dials)
        return True

    assert astenv.run(scenario)


def test_unknown_script_and_allowlist(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        ch = env.ast.call("04591234567", env_override={"agi_network_script": "../../etc/passwd"})
        await until(lambda: ch.done.is_set(), 5)
        assert ch.commands() == [] and ch.fell_back == 1
        assert env.hook.server.stats.unknown_script == 1
        env.hook.server.allow = [__import__("ipaddress").ip_network("10.0.0.0/8")]
        ch = env.ast.call("04591234567")
        await until(lambda: ch.done.is_set(), 5)
        assert ch.commands() == [] and env.hook.server.stats.refused_peer == 1
        return True

    assert astenv.run(scenario)


def test_reset_during_dial_cancels_once(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        env.phone("a5").script.mode = "noanswer"
        await env.login("a5")
        ch = env.ast.call("04591234567", "96656")
        await ch.wait_command("EXEC Dial")
        ch.reset_connection()
        ch.hangup()
        await env.hook.acd.drain(5)
        await until(lambda: not env.hook.registry.calls, 5, "the hook to forget the call")
        await env.hook.acd.drain(5)
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_OFFERED", "CALL_ABANDONED"])
        return True

    assert astenv.run(scenario)


def test_slow_connections_do_not_stop_real_calls(astenv):  # type: ignore[no-untyped-def]
    """1,000 slowloris connections: real calls are still served; the slow ones are dropped
    when their header time is up. (How much they delay real calls is measured in
    benchmarks/bench_asterisk.py.)"""
    async def scenario(env):  # type: ignore[no-untyped-def]
        port = env.hook.server.port
        slow = []
        for _ in range(1000):
            r, w = await asyncio.open_connection("127.0.0.1", port)
            w.write(b"agi_network: yes\nagi_netw")
            slow.append((r, w))
        st = env.hook.server.stats
        # opening them may take longer than the header time on a loaded host: the early ones
        # may already have been dropped; none may have been served
        await until(lambda: st.pending + st.header_errors.get("HEADER_TIMEOUT", 0) >= 1000, 60,
                    "1000 pending connections")
        await env.login("a5")
        ch = env.ast.call("04591234567", "96656")
        await until(lambda: ch.done.is_set(), 30)
        assert ch.dials and ch.dials[0]["targets"] == ["PJSIP/agent-a5"]
        await until(lambda: env.hook.server.stats.header_errors.get("HEADER_TIMEOUT", 0) >= 1000, 60,
                    "the slow connections to time out")
        assert env.hook.server.stats.pending == 0
        for _, w in slow:
            w.close()
        return True

    assert astenv.run(scenario, timeout=200, agi={"header_timeout": 3.0})
