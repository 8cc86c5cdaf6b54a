"""Asterisk ``queue_log`` lines from acdcore events, so QueueMetrics-style tools read our history.

One line is ``epoch|callid|queue|agent|EVENT|data1|data2|...``, exactly as Asterisk's
app_queue writes it (main/logger.c, ast_queue_log). The data fields follow app_queue:

=================  ====================================================================
ENTERQUEUE         url|callerid|position
CONNECT            holdtime|bridged uniqueid|ringtime          (seconds)
RINGNOANSWER       ringtime in milliseconds
RINGCANCELED       ringtime in milliseconds (the caller hung up while it rang)
ABANDON            position|original position|waittime
COMPLETEAGENT      holdtime|calltime|original position          (COMPLETECALLER likewise)
BLINDTRANSFER      extension|context|holdtime|calltime|original position
WITHDRAW           position|original position|waittime|info     (a waiting call moved away)
EXITWITHTIMEOUT    position|original position|waittime         (overflow after N seconds)
EXITEMPTY          position|original position|waittime         (leave-empty rule)
AGENTLOGIN         channel                                      (queue NONE)
AGENTLOGOFF        channel|logintime
PAUSE / UNPAUSE    reason                                       (queue NONE)
TARGETLAPSED       reason|position|waittime                     (acdcore's own, agent: the target)
=================  ====================================================================

TARGETLAPSED has no app_queue counterpart (Asterisk cannot target one agent): it records that a
targeted call stopped waiting for its agent (reason timeout, logged_out or left_queue) and
joined the normal line at ``position``. Readers that know only app_queue verbs skip it, as
they skip any verb they do not know.

acdcore's times are monotonic seconds; ``epoch_offset`` turns them into UNIX time (the gRPC
server knows the offset of its clock). A blind transfer names the target queue as the
extension and ``acdcore`` as the context. Events with no queue_log counterpart (offers,
escalations, configuration changes) give no line.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from .enums import AgentState, EventType

CONTEXT = "acdcore"


def _secs(x: float) -> int:
    return int(round(x))


def format_event(event: Any, *, epoch_offset: float = 0.0, logins: dict[str, float] | None = None) -> list[str]:
    """The queue_log lines (without newline) for one event; often none.

    ``logins`` (agent id -> login time) lets AGENTLOGOFF carry the login duration; pass the
    same dict for a whole stream (format_events does).
    """
    t = int(event.time + epoch_offset)
    et = event.type
    call = event.call_id or "NONE"
    queue = event.queue or "NONE"
    agent = event.agent_id or "NONE"

    def line(q: str, a: str, name: str, *data: object, cid: str = call) -> str:
        return "|".join([str(t), cid, q, a, name, *(str(d) for d in data)])

    if et == EventType.CALL_ENQUEUED:
        return [line(queue, "NONE", "ENTERQUEUE", "", event.caller or "", event.position)]
    if et == EventType.CALL_ANSWERED:
        return [line(queue, agent, "CONNECT", _secs(event.wait_time), call, _secs(event.ring_time))]
    if et == EventType.CALL_NO_ANSWER:
        return [line(queue, agent, "RINGNOANSWER", int(event.ring_time * 1000))]
    if et == EventType.CALL_ABANDONED:
        out = []
        if event.agent_id:
            out.append(line(queue, agent, "RINGCANCELED", int(event.ring_time * 1000)))
        out.append(line(queue, "NONE", "ABANDON", max(event.position, 1), event.entry_position,
                        _secs(event.wait_time)))
        return out
    if et == EventType.CALL_COMPLETED:
        name = "COMPLETEAGENT" if event.reason == "agent" else "COMPLETECALLER"
        return [line(queue, agent, name, _secs(event.wait_time), _secs(event.talk_time), event.entry_position)]
    if et == EventType.CALL_TRANSFERRED:
        if event.agent_id and event.talk_time:
            return [line(queue, agent, "BLINDTRANSFER", event.target_queue, CONTEXT, _secs(event.wait_time),
                         _secs(event.talk_time), event.entry_position)]
        out = []
        if event.agent_id:
            out.append(line(queue, agent, "RINGCANCELED", int(event.ring_time * 1000)))
        out.append(line(queue, "NONE", "WITHDRAW", max(event.position, 1), event.entry_position,
                        _secs(event.wait_time), f"transfer:{event.target_queue}"))
        return out
    if et == EventType.CALL_TARGET_LAPSED:
        return [line(queue, agent, "TARGETLAPSED", event.reason, event.position, _secs(event.wait_time))]
    if et == EventType.CALL_OVERFLOWED:
        name = "EXITWITHTIMEOUT" if event.reason == "timeout" else "EXITEMPTY"
        return [line(queue, "NONE", name, event.position, event.entry_position, _secs(event.wait_time))]
    if et == EventType.AGENT_STATE_CHANGED:
        new, old = event.agent_state, event.previous_state
        if old == AgentState.LOGGED_OUT:
            if logins is not None:
                logins[agent] = event.time
            out = [line("NONE", agent, "AGENTLOGIN", f"Agent/{agent}", cid="NONE")]
            if new == AgentState.PAUSED:
                out.append(line("NONE", agent, "PAUSE", event.reason, cid="NONE"))
            return out
        if new == AgentState.LOGGED_OUT:
            since = logins.pop(agent, None) if logins is not None else None
            logged = _secs(event.time - since) if since is not None else 0
            return [line("NONE", agent, "AGENTLOGOFF", f"Agent/{agent}", logged, cid="NONE")]
        if new == AgentState.PAUSED and old != AgentState.PAUSED:
            return [line("NONE", agent, "PAUSE", event.reason, cid="NONE")]
        if old == AgentState.PAUSED and new != AgentState.PAUSED:
            return [line("NONE", agent, "UNPAUSE", event.reason, cid="NONE")]
        if old == AgentState.PAUSED and new == AgentState.PAUSED:
            return [line("NONE", agent, "UNPAUSE", "", cid="NONE"), line("NONE", agent, "PAUSE", event.reason,
                                                                         cid="NONE")]
        return []
    return []


def format_events(events: Iterable[Any], *, epoch_offset: float = 0.0) -> Iterator[str]:
    logins: dict[str, float] = {}
    for e in events:
        yield from format_event(e, epoch_offset=epoch_offset, logins=logins)
