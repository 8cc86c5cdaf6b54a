"""The FastAGI wire protocol as Asterisk 22 speaks it (res/res_agi.c, apps/app_stack.c).

Asterisk connects, sends ``agi_network: yes``, ``agi_network_script: <path after the host>``
and then the channel's environment (setup_env: ``agi_request`` first, ``agi_channel``,
``agi_uniqueid``, ``agi_callerid``, ``agi_dnid``, ... ``agi_arg_N``) as ``name: value`` lines,
ended by a blank line. The script then sends one command per line; every command gets one
reply:

* ``200 result=<r>[ (<data>)][ key=value ...]`` -- e.g. ``200 result=1 (ANSWER)`` for GET
  VARIABLE, ``200 result=0 (timeout)``, ``200 result=-1 endpos=0`` for STREAM FILE of a
  missing file, ``200 result=-1`` when the channel hung up during the command;
* ``510 Invalid or unknown command``;
* ``511 Command Not Permitted on a dead channel or intercept routine``;
* ``520-Invalid command syntax.  Proper usage follows:`` + usage lines + ``520 End of proper
  usage.`` (or a single ``520 Invalid command syntax.  Proper usage not available.``);
* ``100 result=0 Trying...`` before the final ``200`` of a long command (GOSUB sends it);

and, unless the channel sets AGISIGHUP=no, a line ``HANGUP`` when Asterisk notices that the
channel hung up -- between commands, so it can arrive while the script awaits the reply to a
command it has just sent (the command then runs on the dead channel: 511 for most commands,
a normal reply for the dead-capable ones such as GET VARIABLE). Asterisk also sends
``HANGUP`` when the AGI ends.

Everything Asterisk sends is data. The environment is read with limits (line length, line
count, total time) and every value is checked: CR, LF and NUL are refused, and values are
never interpolated into a command by this module -- commands are built from the hook's own
tokens by :func:`format_command`, which refuses control characters outright.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from typing import Callable

MAX_LINE = 4096
MAX_LINES = 64
HEADER_TIMEOUT = 5.0

_HEADER_RE = re.compile(r"(agi_[a-z0-9_]{1,40}): (.*)")
_REPLY_RE = re.compile(r"(\d{3})([ -])(.*)")
_RESULT_RE = re.compile(r"result=(\S*)(.*)")
_DATA_RE = re.compile(r" \((.*)\)((?: [A-Za-z_]+=\S*)*)")
_KV_RE = re.compile(r" ([A-Za-z_]+)=(\S*)")
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f]")


class AgiError(Exception):
    """Base of the protocol errors; ``reason`` is a stable machine-readable code."""

    reason = "AGI_ERROR"


class HeaderError(AgiError):
    """The environment block was unusable (too long, too slow, malformed, bad value)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class ConnectionLost(AgiError):
    """Asterisk closed or reset the connection (the channel is gone)."""

    reason = "CONNECTION_LOST"


class CommandFailed(AgiError):
    """A command was answered with 510, 511 or 520."""

    def __init__(self, code: int, message: str, usage: str = "") -> None:
        super().__init__(f"{code} {message}" + (f"\n{usage}" if usage else ""))
        self.code = code
        self.message = message
        self.usage = usage
        self.reason = {510: "INVALID_COMMAND", 511: "DEAD_CHANNEL", 520: "USAGE"}.get(code, "AGI_ERROR")


class ProtocolViolation(AgiError):
    reason = "PROTOCOL_VIOLATION"


@dataclass(frozen=True)
class Reply:
    """One final ``200`` reply."""

    code: int
    result: str
    data: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    raw: str = ""
    #: ``100 result=0 Trying...`` lines seen before this reply
    trying: int = 0

    @property
    def value(self) -> int:
        """The result as an integer (-1 for an empty or non-numeric result)."""
        try:
            return int(self.result)
        except ValueError:
            return -1

    @property
    def timeout(self) -> bool:
        return self.data == "timeout"


def parse_reply_line(line: str) -> tuple[int, str, str]:
    """(code, separator, text) of one reply line; raises ProtocolViolation."""
    m = _REPLY_RE.fullmatch(line)
    if not m:
        raise ProtocolViolation(f"not an AGI reply: {line[:80]!r}")
    return int(m.group(1)), m.group(2), m.group(3)


def parse_200(text: str, raw: str, trying: int = 0) -> Reply:
    """The part after ``200 `` of a final reply."""
    m = _RESULT_RE.fullmatch(text)
    if not m:
        raise ProtocolViolation(f"200 reply without result=: {raw[:80]!r}")
    result, rest = m.group(1), m.group(2)
    data = None
    extra: dict[str, str] = {}
    if rest:
        dm = _DATA_RE.fullmatch(rest)
        if dm:
            data, kvs = dm.group(1), dm.group(2)
        else:
            kvs = rest
            # free text after the result (GOSUB: "200 result=0 Gosub complete")
            if not re.fullmatch(r"(?: [A-Za-z_]+=\S*)+", rest):
                data, kvs = rest.strip(), ""
        for k, v in _KV_RE.findall(kvs):
            extra[k] = v
    return Reply(200, result, data, extra, raw, trying)


# ---------------------------------------------------------------- the environment


@dataclass
class AgiEnv:
    """The ``agi_*`` variables of one session, checked."""

    values: dict[str, str]
    #: names of values refused for holding control characters (they read as "")
    refused: list[str] = field(default_factory=list)

    def get(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    @property
    def script(self) -> str:
        """The path after the host in agi://host:port/<script>, without query and slashes."""
        s = self.get("agi_network_script")
        return s.split("?", 1)[0].strip("/")

    @property
    def uniqueid(self) -> str:
        return self.get("agi_uniqueid")

    @property
    def channel(self) -> str:
        return self.get("agi_channel")

    def args(self) -> list[str]:
        out = []
        i = 1
        while f"agi_arg_{i}" in self.values:
            out.append(self.values[f"agi_arg_{i}"])
            i += 1
        return out


#: values that identify the session: a bad one makes the whole block unusable
CRITICAL = ("agi_network_script", "agi_uniqueid", "agi_channel")
_UNIQUEID_RE = re.compile(r"[A-Za-z0-9._-]{1,128}")
_CHANNEL_RE = re.compile(r"[A-Za-z0-9]{1,16}/[^\s]{1,200}")


async def read_env(reader: asyncio.StreamReader, *, max_line: int = MAX_LINE, max_lines: int = MAX_LINES,
                   timeout: float = HEADER_TIMEOUT) -> AgiEnv:
    """Read and check the environment block; raises HeaderError (or ConnectionLost)."""
    try:
        # asyncio.timeout: a timer on this task, not the extra task per connection wait_for makes
        async with asyncio.timeout(timeout):
            return await _read_env(reader, max_line, max_lines)
    except (asyncio.TimeoutError, TimeoutError):
        raise HeaderError("HEADER_TIMEOUT", f"the agi_* block did not end within {timeout:g} s") from None


async def _read_env(reader: asyncio.StreamReader, max_line: int, max_lines: int) -> AgiEnv:
    values: dict[str, str] = {}
    refused: list[str] = []
    for n in range(max_lines + 1):
        try:
            raw = await reader.readuntil(b"\n")
        except asyncio.LimitOverrunError:
            raise HeaderError("HEADER_LINE_TOO_LONG", f"an agi_* line is longer than {max_line} bytes") from None
        except asyncio.IncompleteReadError as e:
            if len(e.partial) > max_line:
                raise HeaderError("HEADER_LINE_TOO_LONG", f"an agi_* line is longer than {max_line} bytes") from None
            raise ConnectionLost("the connection closed inside the agi_* block") from None
        except (ConnectionError, OSError) as e:
            raise ConnectionLost(f"the connection failed inside the agi_* block: {e}") from None
        if len(raw) > max_line + 1:
            raise HeaderError("HEADER_LINE_TOO_LONG", f"an agi_* line is longer than {max_line} bytes")
        if raw == b"\n":
            break
        if n == max_lines:
            raise HeaderError("HEADER_TOO_MANY_LINES", f"the agi_* block has more than {max_lines} lines")
        try:
            line = raw[:-1].decode("utf-8")
        except UnicodeDecodeError:
            raise HeaderError("HEADER_NOT_UTF8", "an agi_* line is not UTF-8") from None
        m = _HEADER_RE.fullmatch(line) if "\x00" not in line else None
        if m is None:
            raise HeaderError("HEADER_MALFORMED", f"not an 'agi_name: value' line: {line[:60]!r}")
        name, value = m.group(1), m.group(2)
        if _BAD_CHARS.search(value):
            refused.append(name)
            value = ""
        if name in values:
            raise HeaderError("HEADER_DUPLICATE", f"{name} appears twice")
        values[name] = value
    else:  # pragma: no cover - the loop always breaks or raises
        raise HeaderError("HEADER_TOO_MANY_LINES", "too many lines")
    env = AgiEnv(values, refused)
    for name in CRITICAL:
        if name in refused:
            raise HeaderError("HEADER_BAD_VALUE", f"{name} holds a control character")
    if values.get("agi_network") != "yes":
        raise HeaderError("HEADER_NOT_FASTAGI", "agi_network: yes is missing (not a FastAGI session)")
    if not _UNIQUEID_RE.fullmatch(env.uniqueid):
        raise HeaderError("HEADER_BAD_VALUE", "agi_uniqueid is missing or not a channel unique id")
    if not _CHANNEL_RE.fullmatch(env.channel):
        raise HeaderError("HEADER_BAD_VALUE", "agi_channel is missing or not a channel name")
    return env


# ---------------------------------------------------------------- commands


_NEEDS_QUOTES = re.compile(r'[\s"\\]')


def quote_arg(arg: str) -> str:
    """One argument as res_agi's parse_args reads it back (quotes and backslashes escaped)."""
    if _BAD_CHARS.search(arg):
        raise ValueError(f"an AGI argument may not hold control characters: {arg!r}")
    if arg and not _NEEDS_QUOTES.search(arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_command(*words: str) -> bytes:
    """A command line: the command words as they are, arguments quoted where needed."""
    return (" ".join([quote_arg(w) for w in words]) + "\n").encode("utf-8")


# ---------------------------------------------------------------- a session


class Session:
    """One FastAGI connection: commands one at a time, HANGUP noticed at any moment.

    A reader task owns the socket's read side: ``HANGUP`` lines set :attr:`hangup` (whenever
    they come), every other line goes to the command awaiting its reply. EOF or a reset sets
    :attr:`hangup` and :attr:`closed`.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, env: AgiEnv) -> None:
        self.reader = reader
        self.writer = writer
        self.env = env
        self.hangup = asyncio.Event()
        #: called once when the channel hangs up (cheaper than a task waiting on ``hangup``)
        self.on_hangup: list[Callable[[], None]] = []
        self.closed = asyncio.Event()
        self._lines: asyncio.Queue[str | None] = asyncio.Queue()
        self._lock = asyncio.Lock()
        self._awaiting = False
        self.stray_lines = 0
        self._task = asyncio.get_running_loop().create_task(self._read_loop())

    @property
    def dead(self) -> bool:
        return self.hangup.is_set()

    async def _read_loop(self) -> None:
        try:
            while True:
                raw = await self.reader.readline()
                if not raw:
                    break
                if not raw.endswith(b"\n"):
                    break  # a partial last line: the peer went away mid-line
                line = raw[:-1].decode("utf-8", "replace")
                if line.endswith("\r"):
                    line = line[:-1]
                if line == "HANGUP":
                    self._hung_up()
                    continue
                if not self._awaiting:
                    self.stray_lines += 1
                    continue
                self._lines.put_nowait(line)
        except (ConnectionError, OSError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            self._hung_up()
            self.closed.set()
            self._lines.put_nowait(None)

    def _hung_up(self) -> None:
        if not self.hangup.is_set():
            self.hangup.set()
            callbacks, self.on_hangup = self.on_hangup, []
            for f in callbacks:
                f()

    async def _next(self) -> str:
        line = await self._lines.get()
        if line is None:
            self._lines.put_nowait(None)  # later readers see the end too
            raise ConnectionLost("Asterisk closed the AGI connection")
        return line

    async def command(self, *words: str, timeout: float | None = None) -> Reply:
        """Send one command and return its 200 reply; raises CommandFailed for 510/511/520."""
        data = format_command(*words)
        async with self._lock:
            if self.closed.is_set():
                raise ConnectionLost("Asterisk closed the AGI connection")
            self._awaiting = True
            try:
                try:
                    self.writer.write(data)
                    await self.writer.drain()
                except (ConnectionError, OSError) as e:
                    raise ConnectionLost(f"cannot send to Asterisk: {e}") from None
                if timeout is None:
                    return await self._reply()
                try:
                    return await asyncio.wait_for(self._reply(), timeout)
                except (asyncio.TimeoutError, TimeoutError):
                    self.abort()
                    raise ConnectionLost(f"no reply to {words[0]} within {timeout:g} s") from None
            finally:
                self._awaiting = False

    async def _reply(self) -> Reply:
        trying = 0
        while True:
            line = await self._next()
            if line.startswith("200 result="):
                # the common reply, a bare result ("200 result=0", "200 result=-1"): no regex
                r = line[11:]
                if r.isdigit() or (r[:1] == "-" and r[1:].isdigit()):
                    return Reply(200, r, None, {}, line, trying)
            code, sep, text = parse_reply_line(line)
            if code == 100:
                trying += 1
                continue
            if code == 200:
                return parse_200(text, line, trying)
            if code == 520 and sep == "-":
                usage = []
                while True:
                    ul = await self._next()
                    if ul.startswith("520 "):
                        break
                    usage.append(ul)
                raise CommandFailed(520, text, "\n".join(usage))
            if code in (510, 511, 520):
                raise CommandFailed(code, text)
            raise ProtocolViolation(f"unexpected reply {line[:80]!r}")

    # convenience commands --------------------------------------------------------
    async def answer(self) -> Reply:
        return await self.command("ANSWER")

    async def exec(self, app: str, args: str = "") -> Reply:
        return await self.command("EXEC", app, args) if args else await self.command("EXEC", app)

    async def get_variable(self, name: str) -> str | None:
        r = await self.command("GET", "VARIABLE", name)
        return r.data if r.value == 1 else None

    async def set_variable(self, name: str, value: str) -> Reply:
        return await self.command("SET", "VARIABLE", name, value)

    async def stream_file(self, name: str, escape: str = "") -> Reply:
        return await self.command("STREAM", "FILE", name, escape)

    async def say_number(self, n: int, escape: str = "") -> Reply:
        return await self.command("SAY", "NUMBER", str(int(n)), escape)

    async def wait_for_digit(self, ms: int) -> Reply:
        return await self.command("WAIT", "FOR", "DIGIT", str(int(ms)))

    async def set_music(self, on: bool, moh_class: str = "") -> Reply:
        if on and moh_class:
            return await self.command("SET", "MUSIC", "ON", moh_class)
        return await self.command("SET", "MUSIC", "ON" if on else "OFF")

    async def gosub(self, context: str, exten: str, priority: str, args: str = "") -> Reply:
        words = ["GOSUB", context, exten, priority] + ([args] if args else [])
        return await self.command(*words)

    async def hangup_channel(self) -> Reply:
        return await self.command("HANGUP")

    def abort(self) -> None:
        """Drop the connection (Asterisk ends the AGI and goes on in the dialplan)."""
        try:
            self.writer.close()
        except Exception:  # pragma: no cover
            pass

    async def close(self) -> None:
        self.abort()
        self._task.cancel()
        try:
            await self._task
        except (asyncio.CancelledError, Exception):
            pass
