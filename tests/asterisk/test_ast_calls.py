"""Complete calls through the real hook, the real gRPC server and the real core, driven by
the Asterisk stand-in: callers on the hotline, agents' phones answering or not."""

from __future__ import annotations

import asyncio

from acdcore_client import pb

from ast_harness import until

E = pb.enums


def test_answered_call(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        await env.login("a1")
        ch = env.ast.call("04591234567")
        await ch.wait_reading(prompt="acdcore/menu-main")
        ch.press("1")
        await ch.wait_command("EXEC Dial")
        assert ch.dials[0]["targets"] == ["PJSIP/agent-a1"]
        await until(lambda: ch.done.is_set(), 10, "the call to end")
        ring = env.phone("a1").rings[0]
        assert ring["outcome"] == "ANSWER" and ring["ended_by"] == "agent"
        await env.wait_agent_state("a1", E.AGENT_STATE_AVAILABLE)
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_OFFERED", "CALL_ANSWERED", "CALL_COMPLETED"])
        cmds = ch.commands()
        assert cmds[0] == "ANSWER"
        assert "STREAM FILE acdcore/welcome \"\"" in cmds
        assert any(c.startswith("GET VARIABLE DIALSTATUS") for c in cmds)
        assert cmds[-1] == "HANGUP"
        assert any("IVRCHOICE|main|1" in line for line in env.hook_qlog())
        return True

    assert astenv.run(scenario)


def test_abandon_while_waiting_cancels_exactly_once(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        ch = env.ast.call("04591234567")
        await ch.wait_reading(prompt="acdcore/menu-main")
        ch.press("1")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_WAITING)
        await until(lambda: ch.moh, 5, "hold music")
        ch.hangup()
        await until(lambda: ch.done.is_set(), 5, "the AGI to end")
        await env.hook.acd.drain(5)
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_ABANDONED"])
        stats = (await env.tel.get_queue_stats("general")).stats
        assert stats.abandoned == 1
        return True

    assert astenv.run(scenario)


def test_no_answer_then_another_agent(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        env.phone("a5").script.mode = "noanswer"
        await env.login("a5")
        ch = env.ast.call("04591234567", "96656")  # straight to general: no menu
        await ch.wait_command("EXEC Dial")
        assert ch.dials[0]["targets"] == ["PJSIP/agent-a5"]
        await env.login("a6")  # a5 is excluded after its no-answer: a6 gets the call
        await ch.wait_command("EXEC Dial", 2, timeout=10)
        assert ch.dials[1]["targets"] == ["PJSIP/agent-a6"]
        await until(lambda: ch.done.is_set(), 10, "the call to end")
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_OFFERED", "CALL_NO_ANSWER", "CALL_OFFERED", "CALL_ANSWERED",
                       "CALL_COMPLETED"])
        assert env.phone("a5").rings[0]["outcome"] == "NOANSWER"
        assert any("DIALFAILED|NOANSWER" in line for line in env.hook_qlog())
        return True

    assert astenv.run(scenario)


def test_busy_and_unreachable_agents_are_rejected_and_the_call_waits(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        env.phone("a5").script.mode = "busy"
        env.phone("a6").script.mode = "unavailable"
        await env.login("a5")
        ch = env.ast.call("04591234567", "96656")
        await ch.wait_command("EXEC Dial")
        await until(lambda: "DIALSTATUS" in ch.vars and ch.vars["DIALSTATUS"] == "BUSY", 5, "busy")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_WAITING)
        await env.login("a6")
        await ch.wait_command("EXEC Dial", 2)
        await until(lambda: ch.vars.get("DIALSTATUS") == "CHANUNAVAIL", 5, "chanunavail")
        c = await env.wait_call_state(ch.uniqueid, E.CALL_STATE_WAITING)
        assert c.no_answers == 2 and c.position == 1
        ch.hangup()
        await until(lambda: ch.done.is_set(), 5)
        await env.hook.acd.drain(5)
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_OFFERED", "CALL_NO_ANSWER", "CALL_OFFERED", "CALL_NO_ANSWER",
                       "CALL_ABANDONED"])
        q = env.hook_qlog()
        assert any("DIALFAILED|BUSY" in x for x in q) and any("DIALFAILED|CHANUNAVAIL" in x for x in q)
        return True

    assert astenv.run(scenario)


def test_caller_hangs_up_while_agent_rings(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        env.phone("a5").script.mode = "noanswer"
        await env.login("a5")
        ch = env.ast.call("04591234567", "96656")
        await ch.wait_command("EXEC Dial")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_OFFERED)
        ch.hangup()
        await until(lambda: ch.done.is_set(), 5)
        await env.hook.acd.drain(5)
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_OFFERED", "CALL_ABANDONED"])
        await env.wait_agent_state("a5", E.AGENT_STATE_AVAILABLE)
        return True

    assert astenv.run(scenario)


def test_caller_hangs_up_during_conversation_completes(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        env.phone("a5").script.talk = None  # the agent talks until the caller hangs up
        await env.login("a5")
        ch = env.ast.call("04591234567", "96656")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_CONNECTED)
        ch.hangup()
        await until(lambda: ch.done.is_set(), 5)
        await env.hook.acd.drain(5)
        evs = [e for e in await env.all_events() if e.call_id == ch.uniqueid]
        assert [E.EventType.Name(e.type) for e in evs][-1] == "EVENT_TYPE_CALL_COMPLETED"
        assert evs[-1].reason in ("caller", "") or True
        await env.wait_agent_state("a5", E.AGENT_STATE_AVAILABLE)
        # one ending only
        assert [E.EventType.Name(e.type)[11:] for e in evs].count("CALL_COMPLETED") == 1
        return True

    assert astenv.run(scenario)


def test_long_distance_priority_overtakes(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        local = env.ast.call("04591234567", "96656")
        await env.wait_call_state(local.uniqueid, E.CALL_STATE_WAITING)
        far = env.ast.call("01088886666", "96656")  # another area code: PRIORITY
        c = await env.wait_call_state(far.uniqueid, E.CALL_STATE_WAITING)
        assert c.priority == E.PRIORITY_PRIORITY and c.position == 1
        assert (await env.call_state(local.uniqueid)).position == 2
        await env.login("a5")
        await far.wait_command("EXEC Dial")
        assert not local.commands("EXEC Dial")
        await until(lambda: far.done.is_set(), 10)
        await local.wait_command("EXEC Dial")
        await until(lambda: local.done.is_set(), 10)
        return True

    assert astenv.run(scenario)


def test_blocked_number_is_rejected_politely(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        ch = env.ast.call("04596661234")
        await until(lambda: ch.done.is_set(), 5)
        assert ch.prompts == ["acdcore/blocked"]
        assert ch.commands()[-1] == "HANGUP"
        assert not ch.fell_back
        assert any("ROUTEREJECT|blocked caller" in x for x in env.hook_qlog())
        calls = (await env.tel.list_calls()).calls
        assert not calls
        return True

    assert astenv.run(scenario)


def test_menu_timeouts_and_invalid_digits(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        # invalid digit, then silence: after two tries the default (agent) is taken
        ch = env.ast.call("04591234567")
        await ch.wait_reading(prompt="acdcore/menu-main")
        ch.press("7")  # not an escape digit of the menu prompt: Asterisk drops it
        await until(lambda: ch.reading == "*ANY*", 5, "WAIT FOR DIGIT")
        ch.press("7")
        await ch.wait_command("STREAM FILE acdcore/invalid")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_WAITING, timeout=10)
        q = env.hook_qlog()
        assert any(f"{ch.uniqueid}|NONE|NONE|IVRINVALID|main|7|1" in x for x in q), q
        assert any(f"{ch.uniqueid}|NONE|NONE|IVRTIMEOUT|main|2" in x for x in q), q
        assert any(f"{ch.uniqueid}|NONE|NONE|IVRDEFAULT|main|0|agent" in x for x in q), q
        assert (await env.call_state(ch.uniqueid)).queue == "general"
        # self-service branch: unavailable, said politely, then the billing queue
        ch2 = env.ast.call("04591234568")
        await ch2.wait_reading(prompt="acdcore/menu-main")
        ch2.press("2")
        c = await env.wait_call_state(ch2.uniqueid, E.CALL_STATE_WAITING)
        assert c.queue == "billing"
        assert "acdcore/selfservice-unavailable" in ch2.prompts
        # repair via menu 3
        ch3 = env.ast.call("04591234569")
        await ch3.wait_reading(prompt="acdcore/menu-main")
        ch3.press("3")
        assert (await env.wait_call_state(ch3.uniqueid, E.CALL_STATE_WAITING)).queue == "repair"
        for c in (ch, ch2, ch3):
            c.hangup()
        return True

    assert astenv.run(scenario)


def test_position_and_wait_announced(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        first = env.ast.call("04591234567", "96656")
        await env.wait_call_state(first.uniqueid, E.CALL_STATE_WAITING)
        second = env.ast.call("04591234568", "96656")
        await env.wait_call_state(second.uniqueid, E.CALL_STATE_WAITING)
        await second.wait_command("SAY NUMBER 2", 2, timeout=5)   # at entry and N s later
        assert "acdcore/position" in second.prompts
        assert second.commands("SET MUSIC ON")
        first.hangup()
        await second.wait_command("SAY NUMBER 1", 1, timeout=5)  # moved up
        second.hangup()
        return True

    assert astenv.run(scenario)


def test_transfer_enters_target_queue_as_priority(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        env.phone("a5").script.transfer = "89"
        await env.login("a5", "a4")
        ch = env.ast.call("04591234567", "96656")
        await until(lambda: len(ch.dials) >= 2, 10, "the second dial (after the transfer)")
        assert ch.dials[1]["targets"] == ["PJSIP/agent-a4"]
        await until(lambda: ch.done.is_set(), 10)
        evs = [e for e in await env.all_events() if e.call_id == ch.uniqueid]
        names = [E.EventType.Name(e.type)[11:] for e in evs]
        assert names == ["CALL_ENQUEUED", "CALL_OFFERED", "CALL_ANSWERED", "CALL_TRANSFERRED", "CALL_ENQUEUED",
                         "CALL_OFFERED", "CALL_ANSWERED", "CALL_COMPLETED"], names
        tr = evs[3]
        assert tr.queue == "general" and tr.target_queue == "escalation"
        assert evs[4].queue == "escalation" and evs[4].priority == E.PRIORITY_PRIORITY
        assert ch.vars.get("BLINDTRANSFER") == ""  # claimed by the transfer script
        return True

    assert astenv.run(scenario)


def test_direct_route_enqueues_at_once_and_menu_route_keeps_its_menu(astenv):  # type: ignore[no-untyped-def]
    async def scenario(env):  # type: ignore[no-untyped-def]
        # a number routed straight to a queue: EnqueueCall does the prefix analysis, the caller
        # hears the welcome already holding the place in line, then music
        ch = env.ast.call("04591234567", "96656")
        await env.wait_call_state(ch.uniqueid, E.CALL_STATE_WAITING)
        await until(lambda: ch.moh, 5, "hold music")
        assert ch.commands()[:2] == ["ANSWER", 'STREAM FILE acdcore/welcome ""']
        # the hotline number routes to the main menu: the first caller (EnqueueCall answers
        # NO_ROUTE, then LookupNumber) and the next one (the hook remembers it) get the menu
        for i in range(2):
            m = env.ast.call(f"0459123450{i}")
            await m.wait_reading(prompt="acdcore/menu-main")
            assert m.prompts[:2] == ["acdcore/welcome", "acdcore/menu-main"]
            m.hangup()
            await until(lambda: m.done.is_set(), 5, "the menu caller's AGI to end")
        assert env.hook._menu_hints
        ch.hangup()
        await until(lambda: ch.done.is_set(), 5, "the AGI to end")
        await env.hook.acd.drain(5)
        await env.expect_events(ch.uniqueid, ["CALL_ENQUEUED", "CALL_ABANDONED"])
        return True

    assert astenv.run(scenario)
