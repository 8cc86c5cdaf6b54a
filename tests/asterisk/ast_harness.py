"""An Asterisk 22 stand-in on the wire: a FastAGI client and an ARI server, scripted.

What it reproduces, and from where in Asterisk's source:

* FastAGI connect (res_agi.c launch_netscript): ``agi_network: yes``, then
  ``agi_network_script: <path>``; then setup_env's block in its order (``agi_request`` first
  ... ``agi_threadid``, ``agi_arg_N``) and a blank line.
* Command parsing like parse_args (spaces split, double quotes group, backslash escapes)
  and find_command's word matching, case-insensitive; ``510 Invalid or unknown command``
  for an unknown command; ``520-Invalid command syntax.  Proper usage follows:`` + usage +
  ``520 End of proper usage.`` for a wrong argument count (RESULT_SHOWUSAGE); the
  dead-channel rule: commands registered without the dead flag get ``511 Command Not
  Permitted on a dead channel or intercept routine`` once the channel hung up (EXEC, GET
  VARIABLE, SET VARIABLE, VERBOSE, NOOP are dead-capable).
* The replies of the handlers used: ANSWER ``200 result=0``; STREAM FILE ``200 result=<ascii
  of the escape digit or 0> endpos=<samples>``, ``200 result=-1 endpos=0`` for a missing file;
  SAY NUMBER; WAIT FOR DIGIT ``200 result=<ascii>`` / ``0`` on timeout / ``-1`` on hang-up; GET
  VARIABLE ``200 result=1 (value)`` / ``200 result=0``; SET MUSIC ``200 result=0``; EXEC
  ``200 result=<app result>`` (-2 for an unknown application); HANGUP ``200 result=1``;
  GOSUB ``100 result=0 Trying...`` then ``200 result=0 Gosub complete`` (app_stack.c).
* run_agi's hang-up handling: while no command runs, a channel hang-up is noticed at once
  and ``HANGUP`` is sent (AGISIGHUP unset), the session goes on in dead mode; a command
  running when the channel hangs up returns -1 first, the ``HANGUP`` follows. When the
  script closes the connection the AGI ends and the dialplan goes on.
* DTMF: a digit pressed while a command reads the channel (STREAM FILE with that escape
  digit, WAIT FOR DIGIT, Dial's caller side ignores it) is delivered to it; while the AGI is
  idle run_agi reads and drops it. Either way the channel published it (channel.c,
  send_dtmf_end_event): an ARI application subscribed to ``channel:<id>`` gets
  ``ChannelDtmfReceived``.
* Dial (app_dial.c): ``targets,timeout,options``; DIALSTATUS ANSWER / NOANSWER / BUSY /
  CHANUNAVAIL / CANCEL; the ``U(context^arg)`` routine runs on the called channel before the
  bridge and its GOSUB_RESULT=CONTINUE hangs the called party up; ``m`` gives the caller
  music while it rings; a blind transfer by the called party sets BLINDTRANSFER on the
  caller (bridge.c) and sends it on in the dialplan once its AGI has ended.
* The shipped dialplan (asterisk/etc/extensions.conf) for the contexts the hook uses:
  acdcore-hotline, acdcore-answered, acdcore-transfer, acdcore-agents, acdcore-fallback
  (tests/asterisk/test_ast_config.py checks that file and this stand-in agree).
* ARI (rest-api/api-docs/*.json): application subscriptions, originate, hangup, continue
  (into the shipped acdcore-campaign-amd context: AMD()'s verdict from the phone's script,
  then back into Stasis with AMDSTATUS and AMDCAUSE), snoop,
  externalMedia, bridges (with ``media_tones`` set, a bridged snoop + externalMedia pair
  sends real RTP: ffmpeg plays the tone of the snoop's direction to external_host); GET of
  channels and bridges (lists and one by id; like Asterisk, an application whose WebSocket
  reconnects gets no StasisStart again for the channels already in it); events StasisStart / StasisEnd / ChannelDestroyed /
  ChannelDtmfReceived / ChannelStateChange on the events WebSocket; HTTP basic auth or
  ``api_key``; ChannelHangupRequest before StasisEnd / ChannelDestroyed (events.json
  models); the documented error statuses (404 unknown channel, 409 duplicate id, 422 not
  in Stasis, 400 bad parameters).
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
SOUNDS = ROOT / "asterisk" / "sounds"

# the dead flag of each command (res_agi.c commands[]), and its usage-checked arg counts
DEAD_OK = {"exec", "get variable", "set variable", "verbose", "noop", "get full variable", "database get",
           "database put", "database del", "database deltree", "asyncagi break", "speech destroy"}
KNOWN = ["answer", "channel status", "exec", "get data", "get variable", "get full variable", "hangup", "noop",
         "say number", "say digits", "set music", "set variable", "stream file", "verbose", "wait for digit",
         "gosub", "set callerid", "database get", "database put"]
#: KNOWN as (name, words), longest first: the order command() matches a line in
_KNOWN_LONGEST = [(k, k.split()) for k in sorted(KNOWN, key=lambda x: -len(x.split()))]
USAGE = {
    "wait for digit": " Usage: WAIT FOR DIGIT <timeout>\n\tWaits up to 'timeout' milliseconds for a DTMF digit.\n"
                      "\tReturns the digit pressed, 0 on timeout, -1 on hang-up.",
    "stream file": " Usage: STREAM FILE <filename> <escape digits> [sample offset]\n\tPlays a file; "
                   "returns the escape digit pressed, 0 at its end, -1 on error or hang-up.",
    "say number": " Usage: SAY NUMBER <number> <escape digits> [gender]",
    "get variable": " Usage: GET VARIABLE <variablename>",
    "set variable": " Usage: SET VARIABLE <variablename> <value>",
    "exec": " Usage: EXEC <application> <options>",
    "gosub": " Usage: GOSUB <context> <extension> <priority> [<optional-argument>]",
    "set music": " Usage: SET MUSIC <on|off> <class>",
}


def parse_args(s: str) -> list[str]:
    """res_agi.c parse_args, in Python."""
    if '"' not in s and "\\" not in s:
        # no quotes, no escapes: the same words as the loop below, split on spaces and tabs
        return [w for w in s.replace("\t", " ").split(" ") if w]
    argv: list[str] = []
    cur: list[str] | None = None
    quoted = escaped = False
    whitespace = True
    for ch in s:
        if ch == '"' and not escaped:
            quoted = not quoted
            if quoted and whitespace:
                cur = []
                argv.append("")
                whitespace = False
            escaped = False
            continue
        if ch in " \t" and not quoted and not escaped:
            whitespace = True
            if cur is not None:
                argv[-1] = "".join(cur)
                cur = None
            continue
        if ch == "\\" and not escaped:
            escaped = True
            continue
        if whitespace:
            cur = []
            argv.append("")
            whitespace = False
        assert cur is not None or argv
        if cur is None:
            cur = list(argv[-1])
        cur.append(ch)
        escaped = False
    if cur is not None:
        argv[-1] = "".join(cur)
    return argv


@functools.lru_cache(maxsize=1024)
def sound_exists(name: str) -> bool:
    if name.startswith("acdcore/"):
        stem = name[len("acdcore/"):]
        return any((SOUNDS / f"{stem}.{ext}").is_file() for ext in ("wav", "ulaw", "sln"))
    return name in ("beep", "silence/1")


_seq = itertools.count(1)


def new_uniqueid() -> str:
    return f"{int(time.time())}.{next(_seq)}"


@dataclass
class PhoneScript:
    """How a phone answers: mode answer | noanswer | busy | unavailable."""

    mode: str = "answer"
    answer_after: float = 0.02
    #: talk time before the agent hangs up; None: until the test ends it
    talk: float | None = 0.1
    #: transfer code dialled by the agent after answer (blind transfer), or None
    transfer: str | None = None
    transfer_after: float = 0.05
    #: a customer's line answered by an answering machine: AMD() (app_amd.c) says MACHINE
    machine: bool = False
    #: how long AMD() listens before its verdict, and whether the callee hangs up meanwhile
    amd_time: float = 0.05
    hangup_during_amd: bool = False


class Phone:
    """An agent's (or a customer's, for callbacks) phone behind a PJSIP endpoint."""

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.script = PhoneScript()
        self.rings: list[dict[str, Any]] = []
        self.hangup_now = asyncio.Event()
        self.channel_seq = itertools.count(1)

    def new_channel_name(self) -> str:
        return f"{self.endpoint}-{next(self.channel_seq):08x}"


class Channel:
    def __init__(self, ast: FakeAsterisk, name: str, callerid: str = "", dnid: str = "",
                 uniqueid: str | None = None, context: str = "acdcore-hotline") -> None:
        self.ast = ast
        self.name = name
        self.uniqueid = uniqueid or new_uniqueid()
        self.callerid = callerid
        self.calleridname = "unknown"
        self.dnid = dnid
        self.context = context
        self.exten = dnid
        self.state = "Ring"
        self.vars: dict[str, str] = {}
        self.moh = False
        #: set the first time music on hold starts (waiters need not poll ``moh``)
        self.moh_started = asyncio.Event()
        self.hungup = asyncio.Event()
        self.log: list[tuple[float, str]] = []
        self.replies: list[tuple[float, str]] = []
        #: the command reading DTMF now: its escape digits ("" = none), or None when idle
        self.reading: str | None = None
        self._digit: asyncio.Queue[str] = asyncio.Queue()
        self.dropped_digits: list[str] = []
        self.async_goto: tuple[str, str] | None = None
        self.fell_back = 0
        self.done = asyncio.Event()
        self.prompts: list[str] = []
        self.says: list[int] = []
        self.dials: list[dict[str, Any]] = []
        self.agi_runs = 0
        self.writer: Any = None

    def reset_connection(self) -> None:
        """The AGI TCP connection is reset (RST) by the Asterisk side."""
        import socket
        import struct

        sock = self.writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()

    # the caller's actions -------------------------------------------------------
    def press(self, digits: str) -> None:
        for d in digits:
            self.ast.ari_event_for_channel(self, {"type": "ChannelDtmfReceived", "digit": d, "duration_ms": 100})
            if self.reading is not None and (self.reading == "*ANY*" or d in self.reading):
                self._digit.put_nowait(d)
            else:
                self.dropped_digits.append(d)

    def hangup(self) -> None:
        if not self.hungup.is_set():
            self.ast.ari_event_for_channel(self, {"type": "ChannelHangupRequest", "cause": 16})
            self.state = "Down"
            self.hungup.set()
            if self.ast.ari is not None:
                self.ast.ari.target_gone(self.uniqueid)

    def commands(self, prefix: str = "") -> list[str]:
        return [c for _, c in self.log if c.upper().startswith(prefix.upper())]

    async def wait_command(self, prefix: str, count: int = 1, timeout: float = 10.0) -> str:
        return await until(lambda: len(self.commands(prefix)) >= count and self.commands(prefix)[count - 1],
                           timeout, f"{self.name}: command {prefix!r} #{count}; seen: {self.commands()[-8:]}")

    async def wait_reading(self, timeout: float = 10.0, prompt: str | None = None) -> None:
        def ok() -> bool:
            return self.reading is not None and (prompt is None or (self.prompts and self.prompts[-1] == prompt))
        await until(ok, timeout, f"{self.name}: reading DTMF (prompt {prompt}); seen {self.commands()[-6:]}")


async def until(pred: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.003)


class FakeAsterisk:
    def __init__(self, agi_host: str, agi_port: int, *, prompt_time: float = 0.01, say_time: float = 0.005,
                 hotline: str = "96655", agisighup: bool = True, send_trying_on: set[str] | None = None) -> None:
        self.agi_host = agi_host
        self.agi_port = agi_port
        self.prompt_time = prompt_time
        self.say_time = say_time
        self.hotline = hotline
        self.agisighup = agisighup
        self.phones: dict[str, Phone] = {}
        self.channels: dict[str, Channel] = {}
        self.ari: AriStub | None = None
        self.fallback_calls: list[str] = []
        self.fallback_script = PhoneScript(mode="answer", talk=0.05)
        #: observers of EXEC Dial arrival: f(channel, args, perf_counter_ns at arrival)
        self.dial_observers: list[Callable[[Channel, str, int], None]] = []
        self.tasks: set[asyncio.Task[Any]] = set()
        #: first-command latency per AGI session: (connect->env sent, env sent->first command)
        self.first_command: list[float] = []

    def phone(self, endpoint: str) -> Phone:
        if endpoint not in self.phones:
            self.phones[endpoint] = Phone(endpoint)
        return self.phones[endpoint]

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        t = asyncio.ensure_future(coro)
        self.tasks.add(t)
        t.add_done_callback(self.tasks.discard)
        return t

    async def close(self) -> None:
        for t in list(self.tasks):
            t.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    def ari_event_for_channel(self, ch: Channel, ev: dict[str, Any]) -> None:
        if self.ari is not None:
            self.ari.channel_event(ch, ev)

    # ---------------------------------------------------------------- a call into the hotline
    def call(self, caller: str = "04591234567", dnid: str | None = None, *, trunk: str = "PJSIP/trunk",
             env_override: dict[str, str] | None = None, raw_env: bytes | None = None) -> Channel:
        ch = Channel(self, f"{trunk}-{next(_seq):08x}", caller, dnid or self.hotline)
        self.channels[ch.uniqueid] = ch
        self.spawn(self._hotline(ch, env_override, raw_env))
        return ch

    async def _hotline(self, ch: Channel, env_override: dict[str, str] | None, raw_env: bytes | None) -> None:
        """[acdcore-hotline] exten => 96655: AGI(.../hotline); then Gosub(acdcore-fallback) and Hangup."""
        try:
            await self.agi(ch, "hotline", [], env_override=env_override, raw_env=raw_env)
            while ch.async_goto is not None and not (ch.hungup.is_set() and ch.async_goto is None):
                ctx, exten = ch.async_goto
                ch.async_goto = None
                ch.hungup = asyncio.Event()  # the async goto cleared the soft hang-up
                ch.state = "Up"
                await self.run_context(ch, ctx, exten)
            if not ch.hungup.is_set():
                await self.fallback(ch)
        finally:
            ch.hangup()
            ch.done.set()

    async def run_context(self, ch: Channel, context: str, exten: str, args: list[str] | None = None) -> None:
        """The shipped dialplan's behaviour for one context and extension."""
        if context == "acdcore-transfer":
            await self.agi(ch, "transfer", [exten])
        elif context == "acdcore-answered":
            await self.agi(ch, "answered", list(args or []))
        elif context == "acdcore-agents":
            if exten == "*71":
                await self.agi(ch, "login", [])
            elif exten == "*72":
                await self.agi(ch, "logout", [])
            elif exten == "*74":
                await self.agi(ch, "ready", [])
            elif exten.startswith("*73"):
                await self.agi(ch, "pause", [exten[3:]] if len(exten) > 3 else [])
        elif context == "acdcore-fallback":
            await self.fallback(ch)

    async def fallback(self, ch: Channel) -> None:
        """[acdcore-fallback] s: Dial(fallback group); Return()."""
        ch.fell_back += 1
        self.fallback_calls.append(ch.uniqueid)
        sc = self.fallback_script
        if sc.mode == "answer":
            await _sleep_or(ch.hungup, sc.answer_after + (sc.talk or 0))

    # ---------------------------------------------------------------- agent phones dialling a feature code
    async def agent_dials(self, endpoint: str, exten: str) -> Channel:
        ph = self.phone(endpoint)
        ch = Channel(self, ph.new_channel_name(), "", exten, context="acdcore-agents")
        self.channels[ch.uniqueid] = ch
        await self.run_context(ch, "acdcore-agents", exten)
        ch.hangup()
        ch.done.set()
        return ch

    # ---------------------------------------------------------------- one AGI run
    def env_lines(self, ch: Channel, script: str, args: list[str]) -> list[tuple[str, str]]:
        lines = [("agi_network", "yes"), ("agi_network_script", script),
                 ("agi_request", f"agi://{self.agi_host}:{self.agi_port}/{script}"),
                 ("agi_channel", ch.name), ("agi_language", "en"), ("agi_type", ch.name.split("/")[0]),
                 ("agi_uniqueid", ch.uniqueid), ("agi_version", "22.5.0"),
                 ("agi_callerid", ch.callerid or "unknown"), ("agi_calleridname", ch.calleridname),
                 ("agi_callingpres", "0"), ("agi_callingani2", "0"), ("agi_callington", "0"),
                 ("agi_callingtns", "0"), ("agi_dnid", ch.dnid or "unknown"), ("agi_rdnis", "unknown"),
                 ("agi_context", ch.context), ("agi_extension", ch.exten), ("agi_priority", "2"),
                 ("agi_enhanced", "0.0"), ("agi_accountcode", ""), ("agi_threadid", str(140000000000 + os.getpid()))]
        lines += [(f"agi_arg_{i}", a) for i, a in enumerate(args, 1)]
        return lines

    async def agi(self, ch: Channel, script: str, args: list[str], *, env_override: dict[str, str] | None = None,
                  raw_env: bytes | None = None) -> str:
        """AGI(agi://host:port/script,args...): returns AGISTATUS."""
        ch.agi_runs += 1
        t_connect = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection(self.agi_host, self.agi_port)
        except OSError:
            ch.vars["AGISTATUS"] = "FAILURE"
            return "FAILURE"
        if raw_env is not None:
            data = raw_env
        else:
            env = self.env_lines(ch, script, args)
            if env_override:
                env = [(k, env_override.get(k, v)) for k, v in env]
                env += [(k, v) for k, v in env_override.items() if k not in dict(env)]
            data = "".join(f"{k}: {v}\n" for k, v in env).encode() + b"\n"
        try:
            writer.write(data)
            await writer.drain()
        except OSError:
            ch.vars["AGISTATUS"] = "FAILURE"
            return "FAILURE"
        t_env = time.perf_counter()
        ch.writer = writer
        dead = False
        first = True
        status = "SUCCESS"
        # one waiter for the channel's hang-up per session (not per line); it is swapped when
        # the channel's hangup event is (an async goto gives the channel a new one)
        hup_event = ch.hungup
        hup_task: asyncio.Task[Any] | None = None
        try:
            while True:
                line_task = asyncio.ensure_future(reader.readline())
                if dead:
                    raw = await line_task
                else:
                    if hup_task is None or hup_event is not ch.hungup or (hup_task.done() and not ch.hungup.is_set()):
                        if hup_task is not None:
                            hup_task.cancel()
                        hup_event = ch.hungup
                        hup_task = asyncio.ensure_future(hup_event.wait())
                    done, _ = await asyncio.wait((line_task, hup_task), return_when=asyncio.FIRST_COMPLETED)
                    if hup_task in done and line_task not in done:
                        # run_agi: ast_read() returned NULL while idle -> needhup -> HANGUP, dead mode
                        dead = True
                        if self.agisighup:
                            writer.write(b"HANGUP\n")
                            await writer.drain()
                        status = "HANGUP"
                        raw = await line_task
                    else:
                        raw = line_task.result()
                if not raw:
                    break
                if first:
                    self.first_command.append(time.perf_counter() - t_env)
                    first = False
                line = raw.decode("utf-8", "replace").rstrip("\n")
                now = time.perf_counter_ns()
                ch.log.append((time.monotonic(), line))
                if line.upper().startswith("EXEC DIAL"):
                    for f in self.dial_observers:
                        f(ch, line, now)
                await self.command(ch, writer, line, dead or ch.hungup.is_set() and dead)
        except (ConnectionError, OSError):
            status = "FAILURE"
        finally:
            if hup_task is not None:
                hup_task.cancel()
            try:
                if self.agisighup and not writer.is_closing():
                    writer.write(b"HANGUP\n")
                writer.close()
            except Exception:
                pass
        ch.vars["AGISTATUS"] = status
        _ = t_connect
        return status

    async def reply(self, ch: Channel, writer: asyncio.StreamWriter, text: str) -> None:
        ch.replies.append((time.monotonic(), text))
        writer.write((text + "\n").encode())
        await writer.drain()

    async def command(self, ch: Channel, w: asyncio.StreamWriter, line: str, dead: bool) -> None:
        argv = parse_args(line)
        words = [a.lower() for a in argv]
        cmd = None
        for k, kw in _KNOWN_LONGEST:
            if words[:len(kw)] == kw:
                cmd = k
                break
        if cmd is None:
            await self.reply(ch, w, "510 Invalid or unknown command")
            return
        if dead and cmd not in DEAD_OK:
            await self.reply(ch, w, "511 Command Not Permitted on a dead channel or intercept routine")
            return
        handler = getattr(self, "cmd_" + cmd.replace(" ", "_"), None)
        res = await handler(ch, argv) if handler else "200 result=0"
        if res == "USAGE":
            usage = USAGE.get(cmd)
            if usage is None:
                await self.reply(ch, w, "520 Invalid command syntax.  Proper usage not available.")
            else:
                await self.reply(ch, w, "520-Invalid command syntax.  Proper usage follows:\n" + usage
                                 + "\n520 End of proper usage.")
            return
        if isinstance(res, list):
            for r in res[:-1]:
                await self.reply(ch, w, r)
            res = res[-1]
            if callable(res):
                res = await res()
        await self.reply(ch, w, res)

    # ---------------------------------------------------------------- command handlers
    async def cmd_answer(self, ch: Channel, argv: list[str]) -> str:
        if ch.hungup.is_set():
            return "200 result=-1"
        ch.state = "Up"
        return "200 result=0"

    async def cmd_noop(self, ch: Channel, argv: list[str]) -> str:
        return "200 result=0"

    async def cmd_verbose(self, ch: Channel, argv: list[str]) -> str:
        return "200 result=1"

    async def cmd_channel_status(self, ch: Channel, argv: list[str]) -> str:
        return "200 result=6" if ch.state == "Up" else "200 result=4"

    async def cmd_get_variable(self, ch: Channel, argv: list[str]) -> str:
        if len(argv) != 3:
            return "USAGE"
        v = ch.vars.get(argv[2])
        return f"200 result=1 ({v})" if v is not None else "200 result=0"

    async def cmd_set_variable(self, ch: Channel, argv: list[str]) -> str:
        if len(argv) != 4:
            return "USAGE"
        ch.vars[argv[2]] = argv[3]
        return "200 result=1"

    async def cmd_set_music(self, ch: Channel, argv: list[str]) -> str:
        if len(argv) < 3:
            return "USAGE"
        if argv[2].lower().startswith("on"):
            ch.moh = True
            ch.moh_started.set()
        elif argv[2].lower().startswith("off"):
            ch.moh = False
        return "200 result=0"

    async def _read(self, ch: Channel, escape: str, seconds: float) -> str | None | bool:
        """Wait for an escape digit (returned), the end (None) or a hang-up (False)."""
        if seconds == 0 and ch._digit.empty() and not ch.hungup.is_set():
            return None  # a zero-length prompt (benchmarks): nothing can be pressed during it
        ch.reading = escape
        try:
            get = asyncio.ensure_future(ch._digit.get())
            hup = asyncio.ensure_future(ch.hungup.wait())
            done, pending = await asyncio.wait({get, hup}, timeout=seconds if seconds >= 0 else None,
                                               return_when=asyncio.FIRST_COMPLETED)
            for p in pending:
                p.cancel()
            if get in done:
                return get.result()
            if hup in done:
                return False
            return None
        finally:
            ch.reading = None

    async def cmd_stream_file(self, ch: Channel, argv: list[str]) -> str:
        if not 4 <= len(argv) <= 5:
            return "USAGE"
        name, escape = argv[2], argv[3]
        if ch.hungup.is_set():
            return "200 result=-1 endpos=0"
        if not sound_exists(name):
            return "200 result=-1 endpos=0"
        ch.prompts.append(name)
        moh = ch.moh
        r = await self._read(ch, escape, self.prompt_time)
        ch.moh = moh
        endpos = int(8000 * self.prompt_time)
        if r is False:
            return f"200 result=-1 endpos={endpos}"
        if r is None:
            return f"200 result=0 endpos={endpos}"
        return f"200 result={ord(r)} endpos={endpos // 2}"

    async def cmd_say_number(self, ch: Channel, argv: list[str]) -> str:
        if not 4 <= len(argv) <= 5:
            return "USAGE"
        try:
            n = int(argv[2])
        except ValueError:
            return "USAGE"
        ch.says.append(n)
        r = await self._read(ch, argv[3], self.say_time)
        if r is False:
            return "200 result=-1"
        return f"200 result={ord(r)}" if r else "200 result=0"

    async def cmd_wait_for_digit(self, ch: Channel, argv: list[str]) -> str:
        if len(argv) != 4:
            return "USAGE"
        try:
            ms = int(argv[3])
        except ValueError:
            return "USAGE"
        if ch.hungup.is_set():
            return "200 result=-1"
        r = await self._read(ch, "*ANY*", ms / 1000.0 if ms >= 0 else -1)
        if r is False:
            return "200 result=-1"
        return f"200 result={ord(r)}" if r else "200 result=0"

    async def cmd_hangup(self, ch: Channel, argv: list[str]) -> str:
        if len(argv) == 1:
            ch.hangup()
            return "200 result=1"
        other = next((c for c in self.channels.values() if c.name == argv[1]), None)
        if other is None:
            return "200 result=-1"
        other.hangup()
        return "200 result=1"

    async def cmd_gosub(self, ch: Channel, argv: list[str]) -> Any:
        if not 4 <= len(argv) <= 5:
            return "USAGE"
        context, exten = argv[1], argv[2]

        async def run() -> str:
            await self.run_context(ch, context, exten, argv[4].split(",") if len(argv) == 5 else [])
            return "200 result=0 Gosub complete"

        return ["100 result=0 Trying...", run]

    async def cmd_exec(self, ch: Channel, argv: list[str]) -> str:
        if len(argv) < 2:
            return "USAGE"
        app = argv[1].lower()
        data = argv[2] if len(argv) > 2 else ""
        if app == "dial":
            return f"200 result={await self.dial(ch, data)}"
        if app in ("startmusiconhold", "musiconhold"):
            ch.moh = True
            return "200 result=0"
        if app == "stopmusiconhold":
            ch.moh = False
            return "200 result=0"
        if app == "playback":
            return await self.cmd_stream_file(ch, ["STREAM", "FILE", data.split(",")[0], ""])
        if app == "system":
            raise AssertionError(f"the hook executed System({data!r})")
        return "200 result=-2"

    # ---------------------------------------------------------------- Dial
    async def dial(self, ch: Channel, data: str) -> int:
        parts = data.split(",")
        targets = parts[0].split("&") if parts and parts[0] else []
        try:
            timeout = float(parts[1]) if len(parts) > 1 and parts[1] else 0.0
        except ValueError:
            ch.vars["DIALSTATUS"] = "INVALIDARGS"
            return 0
        opts = parts[2] if len(parts) > 2 else ""
        u_ctx, u_args = None, []
        if "U(" in opts:
            inner = opts.split("U(", 1)[1].split(")", 1)[0]
            u_ctx, *u_args = inner.split("^")
        rec = {"targets": targets, "timeout": timeout, "opts": opts, "t": time.monotonic()}
        ch.dials.append(rec)
        if ch.hungup.is_set():
            ch.vars["DIALSTATUS"] = "CANCEL"
            return -1
        if not targets:
            ch.vars["DIALSTATUS"] = "INVALIDARGS"
            return 0
        ph = self.phones.get(targets[0])
        if ph is None:
            ch.vars["DIALSTATUS"] = "CHANUNAVAIL"
            return 0
        sc = ph.script
        ring = {"call": ch.uniqueid, "t": time.monotonic(), "outcome": None}
        ph.rings.append(ring)
        if "m" in opts.replace("U(", "").split("(")[0]:
            ch.moh = True
        if sc.mode == "unavailable":
            ring["outcome"] = "CHANUNAVAIL"
            ch.vars["DIALSTATUS"] = "CHANUNAVAIL"
            return 0
        if sc.mode == "busy":
            await asyncio.sleep(0.005)
            ring["outcome"] = "BUSY"
            ch.vars["DIALSTATUS"] = "BUSY"
            return 0
        wait = timeout if sc.mode == "noanswer" else min(sc.answer_after, timeout or sc.answer_after)
        if not await _sleep_or(ch.hungup, wait):
            ring["outcome"] = "CANCEL"
            ch.vars["DIALSTATUS"] = "CANCEL"
            return -1
        if sc.mode == "noanswer" or (timeout and sc.answer_after > timeout):
            ring["outcome"] = "NOANSWER"
            ch.vars["DIALSTATUS"] = "NOANSWER"
            return 0
        # answered: the called channel runs the U() routine before the bridge; from here on
        # the test may hang the agent up (hangup_now), even while U() still runs
        ph.hangup_now = asyncio.Event()
        callee = Channel(self, ph.new_channel_name(), ch.callerid, "", context="acdcore-answered")
        self.channels[callee.uniqueid] = callee
        callee.state = "Up"
        ring["callee"] = callee
        ch.vars["DIALSTATUS"] = "ANSWER"
        ch.moh = False
        if u_ctx:
            await self.run_context(callee, u_ctx, "s", u_args)
            gr = callee.vars.get("GOSUB_RESULT", "")
            if gr == "CONTINUE":
                ring["outcome"] = "GOSUB_CONTINUE"
                callee.hangup()
                return 0
            if gr == "ABORT":
                ring["outcome"] = "GOSUB_ABORT"
                callee.hangup()
                ch.hangup()
                return -1
        ring["outcome"] = "ANSWER"
        ring["bridged"] = time.monotonic()
        ch.vars["BRIDGEPEER"] = callee.name
        talk_end = asyncio.ensure_future(ph.hangup_now.wait())
        caller_gone = asyncio.ensure_future(ch.hungup.wait())
        waiters = {talk_end, caller_gone}
        xfer = None
        if sc.transfer is not None:
            xfer = asyncio.ensure_future(asyncio.sleep(sc.transfer_after))
            waiters.add(xfer)
        timer = None
        if sc.talk is not None and sc.transfer is None:
            timer = asyncio.ensure_future(asyncio.sleep(sc.talk))
            waiters.add(timer)
        done, pending = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        for p in pending:
            p.cancel()
        callee.hangup()
        if caller_gone in done:
            ring["ended_by"] = "caller"
            return -1
        if xfer is not None and xfer in done:
            # bridge.c: BLINDTRANSFER on the transferee, async goto to the transfer context
            ring["ended_by"] = "transfer"
            ch.vars["BLINDTRANSFER"] = callee.name
            ch.async_goto = ("acdcore-transfer", sc.transfer or "")
            ch.hungup.set()  # the soft hang-up (ASYNCGOTO) that ends the AGI
            return -1
        ring["ended_by"] = "agent"
        return 0


class _Relay(asyncio.DatagramProtocol):
    """Forwards every datagram to the target (the recorder's leg address) and counts them."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.sent = 0
        self.transport: Any = None

    def connection_made(self, transport: Any) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, addr: Any) -> None:
        self.transport.sendto(data, self.target)
        self.sent += 1

    def error_received(self, exc: Exception) -> None:
        pass  # ICMP port unreachable once the recorder has closed the leg


async def _sleep_or(ev: asyncio.Event, seconds: float) -> bool:
    """Sleep; False if the event fired first."""
    try:
        await asyncio.wait_for(ev.wait(), seconds)
        return False
    except (asyncio.TimeoutError, TimeoutError):
        return True


# ==================================================================== ARI


class AriStub:
    """The ARI REST API and events WebSocket, for the resources the hook uses."""

    def __init__(self, ast: FakeAsterisk, username: str = "acdcore", password: str = "ari-secret-0123",
                 app: str = "acdcore") -> None:
        self.ast = ast
        ast.ari = self
        self.username = username
        self.password = password
        self.apps: dict[str, set[str]] = {}
        self.sockets: dict[str, list[Any]] = {}
        self.stasis: dict[str, dict[str, Any]] = {}
        self.bridges: dict[str, dict[str, Any]] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.events: list[dict[str, Any]] = []
        self.runner: Any = None
        self.port = 0
        self._seq = itertools.count(1)
        self.sent_events: list[tuple[str, dict[str, Any]]] = []
        #: (channel id, context, extension, priority) of each continue
        self.continues: list[tuple[str, str, str, str]] = []
        #: media for recording forks: snoop direction -> tone (Hz) that ffmpeg sends as RTP
        #: (G.711, 20 ms packets, real time) from the externalMedia channel bridged with the
        #: snoop to its external_host; None: no media (the choreography only)
        self.media_tones: dict[str, float] | None = None
        self.media_procs: dict[str, Any] = {}
        self.media_relays: dict[str, Any] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/ari"

    async def start(self) -> AriStub:
        from aiohttp import web

        app = web.Application(middlewares=[self._auth])
        r = app.router

        def late(name: str) -> Any:
            async def handler(req: Any) -> Any:  # looked up per request: a test may replace it
                return await getattr(self, name)(req)
            return handler

        r.add_get("/ari/events", self.ws)
        r.add_get("/ari/asterisk/info", self.info)
        r.add_post("/ari/applications/{app}/subscription", self.subscribe)
        r.add_delete("/ari/applications/{app}/subscription", self.unsubscribe)
        r.add_post("/ari/channels/externalMedia", late("external_media"))
        r.add_post("/ari/channels", self.originate)
        r.add_delete("/ari/channels/{id}", self.hangup)
        r.add_post("/ari/channels/{id}/continue", self.continue_in_dialplan)
        r.add_post("/ari/channels/{id}/snoop", late("snoop"))
        r.add_post("/ari/bridges", self.create_bridge)
        r.add_post("/ari/bridges/{id}/addChannel", self.add_channel)
        r.add_delete("/ari/bridges/{id}", self.destroy_bridge)
        r.add_get("/ari/channels", self.list_channels)
        r.add_get("/ari/channels/{id}", self.get_channel)
        r.add_get("/ari/bridges", self.list_bridges)
        r.add_get("/ari/bridges/{id}", self.get_bridge)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        for bid in list(self.media_procs):
            self._stop_media(bid)
        await self.reap_media()
        for socks in self.sockets.values():
            for ws in list(socks):
                await ws.close()
        if self.runner is not None:
            await self.runner.cleanup()

    # --------------------------------------------------------------- plumbing
    async def _auth_ok(self, request: Any) -> bool:
        import base64

        key = request.query.get("api_key")
        if key is not None:
            return key == f"{self.username}:{self.password}"
        h = request.headers.get("Authorization", "")
        if h.startswith("Basic "):
            try:
                return base64.b64decode(h[6:]).decode() == f"{self.username}:{self.password}"
            except Exception:
                return False
        return False

    from aiohttp import web as _web

    @_web.middleware
    async def _auth(self, request: Any, handler: Any) -> Any:
        from aiohttp import web

        if not await self._auth_ok(request):
            return web.json_response({"message": "Authentication required"}, status=401)
        self.requests.append((request.method, request.path, dict(request.query)))
        return await handler(request)

    def _err(self, status: int, message: str) -> Any:
        from aiohttp import web

        return web.json_response({"message": message}, status=status)

    def channel_json(self, cid: str, name: str, state: str = "Up", number: str = "",
                     extra: dict[str, Any] | None = None) -> dict[str, Any]:
        d = {"id": cid, "name": name, "state": state, "protocol_id": "", "accountcode": "",
             "caller": {"name": "", "number": number}, "connected": {"name": "", "number": ""},
             "dialplan": {"context": "default", "exten": "s", "priority": 1, "app_name": "Stasis",
                          "app_data": ""},
             "creationtime": time.strftime("%Y-%m-%dT%H:%M:%S.000+0000", time.gmtime()), "language": "en"}
        if extra:
            d.update(extra)
        return d

    def emit(self, app: str, ev: dict[str, Any]) -> None:
        ev = {**ev, "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S.000+0000", time.gmtime()),
              "application": app, "asterisk_id": "00:11:22:33:44:55"}
        self.sent_events.append((app, ev))
        for ws in list(self.sockets.get(app, [])):
            asyncio.ensure_future(ws.send_str(json.dumps(ev)))

    def channel_event(self, ch: Channel, ev: dict[str, Any]) -> None:
        for app, subs in self.apps.items():
            if f"channel:{ch.uniqueid}" in subs:
                self.emit(app, {**ev, "channel": self.channel_json(ch.uniqueid, ch.name, ch.state, ch.callerid)})

    def _stasis_start(self, app: str, cid: str, args: list[str]) -> None:
        c = self.stasis[cid]
        self.emit(app, {"type": "StasisStart", "args": args, "channel": c["json"]})

    def _destroy(self, cid: str, cause: int = 16, text: str = "Normal Clearing") -> None:
        c = self.stasis.pop(cid, None)
        if c is None:
            return
        for bid, b in self.bridges.items():
            if cid in b["channels"]:
                b["channels"].remove(cid)
                self._stop_media(bid)
        # channel.c: the hang-up request is published first (ast_softhangup / a queued
        # AST_CONTROL_HANGUP), then the channel leaves Stasis and is destroyed
        if c.get("in_dialplan") and f"channel:{cid}" not in self.apps.get(c["app"], set()):
            # continued into the dialplan: out of Stasis, its events reach only an application
            # subscribed to channel:<id>
            if c.get("phone_hangup") is not None:
                c["phone_hangup"].set()
            return
        self.emit(c["app"], {"type": "ChannelHangupRequest", "cause": cause, "soft": True, "channel": c["json"]})
        if c.get("in_stasis"):
            self.emit(c["app"], {"type": "StasisEnd", "channel": c["json"]})
        self.emit(c["app"], {"type": "ChannelDestroyed", "cause": cause, "cause_txt": text, "channel": c["json"]})
        if c.get("phone_hangup") is not None:
            c["phone_hangup"].set()

    # --------------------------------------------------------------- resources
    async def ws(self, request: Any) -> Any:
        from aiohttp import web

        app = request.query.get("app", "")
        if not app:
            return self._err(400, "app parameter is required")
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.apps.setdefault(app, set())
        self.sockets.setdefault(app, []).append(ws)
        try:
            async for _ in ws:
                pass
        finally:
            self.sockets[app].remove(ws)
        return ws

    def _channels(self) -> dict[str, dict[str, Any]]:
        """channels.json list: every channel alive in Asterisk, in Stasis or not (AGI callers)."""
        out = {cid: c["json"] for cid, c in self.stasis.items()}
        for cid, ch in self.ast.channels.items():
            if cid not in out and not ch.hungup.is_set():
                out[cid] = self.channel_json(cid, ch.name, ch.state, ch.callerid)
        return out

    async def list_channels(self, request: Any) -> Any:
        from aiohttp import web

        return web.json_response(list(self._channels().values()))

    async def get_channel(self, request: Any) -> Any:
        from aiohttp import web

        c = self._channels().get(request.match_info["id"])
        return web.json_response(c) if c is not None else self._err(404, "Channel not found")

    async def list_bridges(self, request: Any) -> Any:
        from aiohttp import web

        return web.json_response([{k: v for k, v in b.items() if k != "types"} for b in self.bridges.values()])

    async def get_bridge(self, request: Any) -> Any:
        from aiohttp import web

        b = self.bridges.get(request.match_info["id"])
        if b is None:
            return self._err(404, "Bridge not found")
        return web.json_response({k: v for k, v in b.items() if k != "types"})

    async def info(self, request: Any) -> Any:
        from aiohttp import web

        return web.json_response({"system": {"version": "22.5.0", "entity_id": "00:11:22:33:44:55"}})

    async def subscribe(self, request: Any) -> Any:
        from aiohttp import web

        app = request.match_info["app"]
        src = request.query.get("eventSource")
        if not src:
            return self._err(400, "Missing parameter eventSource")
        if app not in self.apps:
            return self._err(404, "Application not found")
        if src.startswith("channel:"):
            cid = src[8:]
            ch = self.ast.channels.get(cid)
            if (ch is None or ch.hungup.is_set()) and cid not in self.stasis:
                return self._err(422, "Event source does not exist")
        self.apps[app].add(src)
        return web.json_response({"name": app, "channel_ids": sorted(s[8:] for s in self.apps[app]
                                                                     if s.startswith("channel:")),
                                  "bridge_ids": [], "endpoint_ids": [], "device_names": []})

    async def unsubscribe(self, request: Any) -> Any:
        from aiohttp import web

        app = request.match_info["app"]
        src = request.query.get("eventSource", "")
        if app not in self.apps:
            return self._err(404, "Application not found")
        if src not in self.apps[app]:
            return self._err(409, "Application not subscribed to event source")
        self.apps[app].discard(src)
        return web.json_response({"name": app})

    async def originate(self, request: Any) -> Any:
        from aiohttp import web

        q = request.query
        body = await request.json() if request.can_read_body else {}
        endpoint = q.get("endpoint") or (body or {}).get("endpoint")
        app = q.get("app")
        if not endpoint or not app:
            return self._err(400, "Invalid parameters for originating a channel.")
        cid = q.get("channelId") or f"{time.time():.0f}.{next(self._seq)}"
        if cid in self.stasis:
            return self._err(409, "Channel with given unique ID already exists.")
        tech_res = endpoint.split("@")[0]
        phone = self.ast.phones.get(endpoint) or self.ast.phones.get(tech_res)
        name = (phone.new_channel_name() if phone else f"{tech_res}-{next(self._seq):08x}")
        cj = self.channel_json(cid, name, "Down")
        hang = asyncio.Event()
        self.stasis[cid] = {"app": app, "json": cj, "endpoint": endpoint, "in_stasis": False, "phone_hangup": hang,
                            "args": (q.get("appArgs") or "").split(",") if q.get("appArgs") else []}
        timeout = float(q.get("timeout", "30"))
        self.ast.spawn(self._ring(cid, phone, timeout))
        return web.json_response(cj)

    async def _ring(self, cid: str, phone: Phone | None, timeout: float) -> None:
        c = self.stasis.get(cid)
        if c is None:
            return
        if phone is None:
            self._destroy(cid, 3, "No route to destination")
            return
        sc = phone.script
        phone.rings.append({"channel": cid, "t": time.monotonic(), "outcome": None, "ari": True})
        ring = phone.rings[-1]
        if sc.mode in ("busy", "unavailable"):
            await asyncio.sleep(0.005)
            ring["outcome"] = sc.mode.upper()
            self._destroy(cid, 17 if sc.mode == "busy" else 20, "User busy" if sc.mode == "busy" else "Unavailable")
            return
        if sc.mode == "noanswer" or sc.answer_after > timeout:
            await asyncio.sleep(min(timeout, 1.0))
            ring["outcome"] = "NOANSWER"
            if self.stasis.get(cid) is c:
                self._destroy(cid, 19, "No user response")
            return
        await asyncio.sleep(sc.answer_after)
        if self.stasis.get(cid) is not c:  # hung up meanwhile (its id may be a new channel's by now)
            return
        ring["outcome"] = "ANSWER"
        c["json"]["state"] = "Up"
        c["in_stasis"] = True
        self._stasis_start(c["app"], cid, c["args"])
        phone.hangup_now = asyncio.Event()
        if sc.talk is not None:
            await _sleep_or(c["phone_hangup"], sc.talk)
        else:
            await phone.hangup_now.wait()
        if self.stasis.get(cid) is c:
            ring["ended_by"] = "phone"
            self._destroy(cid)

    async def hangup(self, request: Any) -> Any:
        from aiohttp import web

        cid = request.match_info["id"]
        reason = request.query.get("reason")
        if reason is not None and reason not in ("normal", "busy", "congestion", "no_answer", "timeout", "rejected",
                                                 "unallocated", "normal_unspecified", "number_incomplete",
                                                 "codec_mismatch", "interworking", "failure",
                                                 "answered_elsewhere"):
            return self._err(400, "Invalid reason for hangup provided")
        if cid in self.stasis:
            self._destroy(cid)
            return web.Response(status=204)
        ch = self.ast.channels.get(cid)
        if ch is None or ch.hungup.is_set():
            return self._err(404, "Channel not found")
        ch.hangup()
        return web.Response(status=204)

    async def continue_in_dialplan(self, request: Any) -> Any:
        """channels.json continueInDialplan: POST /channels/{channelId}/continue (context,
        extension, priority, label); 204, or 404 Channel not found, 409 Channel not in a
        Stasis application. The channel leaves Stasis (StasisEnd) and runs the dialplan; the
        shipped context emulated is acdcore-campaign-amd (AMD(), then Stasis back to the
        application with AMDSTATUS and AMDCAUSE)."""
        from aiohttp import web

        cid = request.match_info["id"]
        q = request.query
        c = self.stasis.get(cid)
        if c is None:
            ch = self.ast.channels.get(cid)
            if ch is None or ch.hungup.is_set():
                return self._err(404, "Channel not found")
            return self._err(409, "Channel not in a Stasis application")
        if not c.get("in_stasis"):
            return self._err(409, "Channel not in a Stasis application")
        if q.get("priority") is not None and not q.get("priority", "").isdigit():
            return self._err(400, "Invalid priority")
        context, exten = q.get("context", ""), q.get("extension", "s")
        self.continues.append((cid, context, exten, q.get("priority", "1")))
        c["in_stasis"] = False
        c["in_dialplan"] = True
        self.emit(c["app"], {"type": "StasisEnd", "channel": c["json"]})
        self.ast.spawn(self._dialplan(cid, context, exten))
        return web.Response(status=204)

    async def _dialplan(self, cid: str, context: str, exten: str) -> None:
        c = self.stasis.get(cid)
        if c is None:
            return
        if context != "acdcore-campaign-amd" or exten != "s":
            # no such extension: pbx.c hangs the channel up
            self._destroy(cid, 16)
            return
        phone = self.ast.phones.get(c["endpoint"]) or self.ast.phones.get(c["endpoint"].split("@")[0])
        sc = phone.script if phone else PhoneScript()
        await asyncio.sleep(sc.amd_time)
        if cid not in self.stasis:
            return
        if sc.hangup_during_amd:
            self._destroy(cid, 16)
            return
        # app_amd.c: AMDSTATUS MACHINE / HUMAN / NOTSURE / HANGUP, AMDCAUSE e.g. LONGGREETING-<ms>-<ms>
        status, cause = ("MACHINE", "LONGGREETING-1600-1500") if sc.machine else ("HUMAN", "HUMAN-400-300")
        c["in_dialplan"] = False
        c["in_stasis"] = True
        # Stasis(${ACDCORE_ARI_APP},campaign-amd,${AMDSTATUS},${AMDCAUSE}) with the shipped globals
        self._stasis_start(c["app"], cid, ["campaign-amd", status, cause])

    async def snoop(self, request: Any) -> Any:
        from aiohttp import web

        target = request.match_info["id"]
        q = request.query
        app = q.get("app")
        spy, whisper = q.get("spy", "none"), q.get("whisper", "none")
        if not app or spy not in ("none", "both", "out", "in") or whisper not in ("none", "both", "out", "in"):
            return self._err(400, "Invalid parameters")
        ch = self.ast.channels.get(target)
        # any live channel can be snooped: an AGI caller, or one in Stasis (an originated one)
        if (ch is None or ch.hungup.is_set()) and target not in self.stasis:
            return self._err(404, "Channel not found")
        sid = q.get("snoopId") or f"{time.time():.0f}.{next(self._seq)}"
        cj = self.channel_json(sid, f"Snoop/{target}-{next(self._seq):08x}", "Up",
                               extra={"snoop": {"target": target, "spy": spy, "whisper": whisper}})
        self.stasis[sid] = {"app": app, "json": cj, "in_stasis": True, "spy": spy, "target": target}
        self._stasis_start(app, sid, (q.get("appArgs") or "").split(",") if q.get("appArgs") else [])
        return web.json_response(cj)

    async def external_media(self, request: Any) -> Any:
        from aiohttp import web

        q = request.query
        app, fmt, host = q.get("app"), q.get("format"), q.get("external_host")
        if not app or not fmt or not host or q.get("encapsulation", "rtp") != "rtp" \
                or q.get("transport", "udp") != "udp" or ":" not in host:
            return self._err(400, "Invalid parameters")
        cid = q.get("channelId") or f"{time.time():.0f}.{next(self._seq)}"
        if cid in self.stasis:
            return self._err(409, "Channel with given unique ID already exists.")
        cj = self.channel_json(cid, f"UnicastRTP/{host}-{next(self._seq):08x}", "Up",
                               extra={"channelvars": {"UNICASTRTP_LOCAL_ADDRESS": "127.0.0.1",
                                                      "UNICASTRTP_LOCAL_PORT": str(20000 + next(self._seq))}})
        self.stasis[cid] = {"app": app, "json": cj, "in_stasis": True, "external_host": host, "format": fmt}
        self._stasis_start(app, cid, [])
        return web.json_response(cj)

    async def create_bridge(self, request: Any) -> Any:
        from aiohttp import web

        bid = request.query.get("bridgeId") or f"bridge-{next(self._seq)}"
        if bid in self.bridges:
            return self._err(409, "Bridge with the same bridgeId already exists")
        # bridges.json Bridge model (creationtime required; video_mode for mixing bridges)
        b = {"id": bid, "technology": "simple_bridge", "bridge_type": "mixing", "bridge_class": "stasis",
             "creator": "Stasis", "name": request.query.get("name", ""), "channels": [],
             "video_mode": "talker", "creationtime": time.strftime("%Y-%m-%dT%H:%M:%S.000+0000", time.gmtime()),
             "types": request.query.get("type", "mixing")}
        self.bridges[bid] = b
        return web.json_response({k: v for k, v in b.items() if k != "types"})

    async def add_channel(self, request: Any) -> Any:
        from aiohttp import web

        bid = request.match_info["id"]
        b = self.bridges.get(bid)
        if b is None:
            return self._err(404, "Bridge not found")
        ids = [c for c in request.query.get("channel", "").split(",") if c]
        if not ids:
            return self._err(400, "Missing parameter channel")
        for cid in ids:
            if cid not in self.stasis and cid not in self.ast.channels:
                return self._err(400, "Channel not found")
            if cid not in self.stasis or not self.stasis[cid].get("in_stasis"):
                return self._err(422, "Channel not in Stasis application")
        for cid in ids:
            if cid not in b["channels"]:
                b["channels"].append(cid)
        await self._maybe_start_media(bid)
        return web.Response(status=204)

    async def destroy_bridge(self, request: Any) -> Any:
        from aiohttp import web

        bid = request.match_info["id"]
        if self.bridges.pop(bid, None) is None:
            return self._err(404, "Bridge not found")
        self._stop_media(bid)
        return web.Response(status=204)

    def target_gone(self, cid: str) -> None:
        """res_stasis_snoop: a snoop channel ends when the channel it spies on hangs up."""
        for sid, c in list(self.stasis.items()):
            if c.get("target") == cid:
                self._destroy(sid)

    # --------------------------------------------------------------- media of recording forks
    async def _maybe_start_media(self, bid: str) -> None:
        """A snoop and an externalMedia channel in one bridge: chan_rtp sends what the snoop
        hears to external_host. Here ffmpeg sends the tone of the snoop's direction."""
        if self.media_tones is None or bid in self.media_procs:
            return
        chans = [self.stasis.get(c, {}) for c in self.bridges[bid]["channels"]]
        snoop = next((c for c in chans if "spy" in c), None)
        em = next((c for c in chans if "external_host" in c), None)
        if snoop is None or em is None or snoop["spy"] not in self.media_tones:
            return
        host, port = em["external_host"].rsplit(":", 1)
        target = (host.strip("[]"), int(port))
        codec = {"ulaw": "pcm_mulaw", "alaw": "pcm_alaw"}[em["format"]]
        pt = {"ulaw": "0", "alaw": "8"}[em["format"]]
        # the externalMedia channel's own RTP socket (UNICASTRTP_LOCAL_PORT): ffmpeg's packets
        # leave from here, counted, as chan_rtp's would
        loop = asyncio.get_running_loop()
        relay, _ = await loop.create_datagram_endpoint(lambda: _Relay(target), local_addr=("127.0.0.1", 0))
        self.media_relays[bid] = relay
        rport = relay.get_extra_info("sockname")[1]
        self.media_procs[bid] = await asyncio.create_subprocess_exec(
            "ffmpeg", "-nostdin", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
            f"sine=frequency={self.media_tones[snoop['spy']]}:sample_rate=8000:samples_per_frame=160:duration=60",
            "-ac", "1", "-c:a", codec, "-f", "rtp", "-payload_type", pt,
            f"rtp://127.0.0.1:{rport}?rtcpport={target[1] + 1}",
            stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)

    def media_packets(self) -> list[int]:
        """RTP packets sent so far by each recording bridge's externalMedia channel."""
        return [r.get_protocol().sent for r in self.media_relays.values()]

    def _stop_media(self, bid: str) -> None:
        relay = self.media_relays.pop(bid, None)
        if relay is not None:
            relay.close()
        p = self.media_procs.get(bid)
        if p is not None and p.returncode is None:
            try:
                p.terminate()
            except ProcessLookupError:
                pass

    async def reap_media(self, timeout: float = 10.0) -> None:
        """Wait (bounded) for every ffmpeg to exit; kill what does not."""
        for bid, p in list(self.media_procs.items()):
            try:
                await asyncio.wait_for(p.wait(), timeout)
            except (asyncio.TimeoutError, TimeoutError):
                p.kill()
                await asyncio.wait_for(p.wait(), 5)
            self.media_procs.pop(bid, None)
