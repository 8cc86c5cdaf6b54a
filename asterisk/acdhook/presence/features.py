"""Agent presence from the phone: feature codes the agents' dialplan context sends here.

    *71          AGI(agi://hook/login)            Login
    *72          AGI(agi://hook/logout)           Logout
    *73[code]    AGI(agi://hook/pause,<code>)     Pause with the reason [features.pause_reasons]
    *74          AGI(agi://hook/ready)            SetReady (unpause, or end wrap-up early)

Which agent is calling is read from the channel name Asterisk gives the agent's phone
(``PJSIP/<endpoint>-<sequence>``): the endpoint the phone authenticated as, looked up in
``[agents]``. Caller id (which a phone sets itself) is not trusted for this.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from acdcore_client import errors

from ..agi.protocol import Session
from ..ivr.menu import play

if TYPE_CHECKING:
    from ..app import Hook

log = logging.getLogger("acdhook.presence")
_CHANNEL_RE = re.compile(r"([A-Za-z0-9]+)/(.+)-[0-9a-fA-F]{8}(;[12])?")


def agent_of_channel(hook: Hook, channel: str) -> str | None:
    m = _CHANNEL_RE.fullmatch(channel)
    if not m:
        return None
    agent = hook.cfg.endpoint_agents.get(m.group(2))
    if agent is None:
        return None
    return agent if hook.cfg.agents[agent].split("/", 1)[0] == m.group(1) else None


async def feature(hook: Hook, session: Session, action: str) -> None:
    env = session.env
    await session.answer()
    agent = agent_of_channel(hook, env.channel)
    if agent is None:
        log.warning("feature %s from %s: not an agent's phone", action, env.channel)
        hook.qlog.write(env.uniqueid, "NONE", "NONE", "FEATUREREFUSED", action, "not an agent phone")
        await play(hook, session, "agent_error")
        await session.hangup_channel()
        return
    acd = hook.acd.client
    try:
        if action == "login":
            await acd.login(agent)
            prompt = "agent_logged_in"
        elif action == "logout":
            await acd.logout(agent)
            prompt = "agent_logged_out"
        elif action == "ready":
            await acd.set_ready(agent)
            prompt = "agent_ready"
        else:
            args = env.args()
            code = args[0] if args else ""
            reason = hook.cfg.pause_reasons.get(code)
            if reason is None:
                hook.qlog.write(env.uniqueid, "NONE", agent, "FEATUREREFUSED", action, f"unknown pause code {code[:8]}")
                await play(hook, session, "agent_error")
                await session.hangup_channel()
                return
            await acd.pause(agent, reason)
            prompt = "agent_paused"
    except errors.AcdApiError as e:
        log.info("feature %s for agent %s refused: %s", action, agent, e)
        hook.qlog.write(env.uniqueid, "NONE", agent, "FEATUREREFUSED", action, e.reason or e.code.name)
        await play(hook, session, "agent_error")
        await session.hangup_channel()
        return
    await play(hook, session, prompt)
    await session.hangup_channel()
