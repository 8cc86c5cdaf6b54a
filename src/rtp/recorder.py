"""The recorder's control API (what the gRPC RecordingService wraps).

Threading model: the engine's receive thread owns every socket and runs without the GIL;
it only shares a pthread mutex with control calls. This class lives on the asyncio loop:
cheap control calls (pause, resume, stats, monitor reads) run inline (they hold the engine
mutex for microseconds); anything that blocks on disk or SQLite (opening the file,
close + fsync + rename + SHA-256, index writes, searches, range reads) runs in worker
threads via asyncio.to_thread. The engine wakes the loop through one eventfd
(loop.add_reader) when monitor frames or events are ready; a 1 s housekeeping task closes
recordings whose streams timed out.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import socket
import time
import uuid
from array import array
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .constants import EventKind, SockKind, StoreFormat
from .errors import NoMediaPorts, RecorderError, RecordingExists, RecordingNotFound, RecordingStateError
from .index import RecordingIndex, VerifyReport, file_sha256
from .wavfile import read_wav_info

log = logging.getLogger("rtp.recorder")

_CODECS = {"PCMU": 0, "PCMA": 8}
_DTMF_DIGITS = "0123456789*#ABCD"


@dataclass(frozen=True)
class Leg:
    """One leg of a call: channel 0 is the caller (left), channel 1 the agent (right).

    remote: the RTP source Asterisk sends from, if known (locks the leg to it from the first
    packet; without it the first valid packet locks source and SSRC). ssrc: pin the SSRC.
    On the shared port a leg needs remote or ssrc."""

    name: str = "caller"
    remote: tuple[str, int] | None = None
    ssrc: int | None = None
    codec: str = "PCMU"
    dtmf_pt: int | None = 101


@dataclass(frozen=True)
class MediaAddress:
    leg: str
    host: str
    rtp_port: int
    rtcp_port: int | None
    shared: bool


@dataclass(frozen=True)
class RecordingHandle:
    recording_id: str
    call_id: str
    media: tuple[MediaAddress, ...]


@dataclass(frozen=True)
class RecordingInfo:
    recording_id: str
    call_id: str
    agent: str | None
    queue: str | None
    caller: str | None
    start_ts: float
    end_ts: float | None
    duration: float | None
    codec: str
    channels: int
    path: str
    size: int | None
    sha256: str | None
    status: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> RecordingInfo:
        return cls(**{k: row[k] for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class AuditEvent:
    recording_id: str
    kind: str
    who: str | None
    at: float
    position: float | None
    detail: str = ""


@dataclass(frozen=True)
class MonitorFrame:
    """20 ms of decoded audio: PCM16 little-endian at 8 kHz, mono (mixed or one leg) or
    stereo interleaved. `skipped` counts frames this listener missed before this one."""

    seq: int
    position: float
    emitted_ns: int
    pcm: bytes
    skipped: int


@dataclass
class RecorderConfig:
    storage_dir: str | os.PathLike[str]
    index_path: str | os.PathLike[str] | None = None
    bind_host: str = "127.0.0.1"
    advertise_host: str | None = None
    port_range: tuple[int, int] = (20000, 29999)
    shared_ports: Sequence[int] = ()          # 0 picks a free port
    store: Literal["g711", "pcm16"] = "g711"
    tick_ms: int = 5
    delay_ms: int = 200
    flush_ms: int = 500
    timeout_s: float = 30.0
    max_jump_ms: int = 1000
    max_lead_ms: int = 2000
    ssrc_idle_ms: int = 60
    batch: int = 256                          # datagrams per recvmmsg
    leg_rcvbuf: int = 256 * 1024
    shared_rcvbuf: int = 64 * 1024 * 1024     # ~250 ms of 250,000 packets/s if the host stalls us
    monitor_queue: int = 25
    rf64_threshold: int | None = None
    write_backlog: int = 64 * 1024 * 1024     # audio in flight to the writer thread; beyond: silence, counted
    rt_priority: int = 0                      # 1-99: SCHED_FIFO for the receive thread (needs CAP_SYS_NICE)


@dataclass
class _Active:
    handle: int
    recording_id: str
    call_id: str
    legs: tuple[Leg, ...]
    part: Path
    final: Path
    codec: str
    start_ts: float
    paused: bool = False
    listeners: list[asyncio.Queue[MonitorFrame | None]] = field(default_factory=list)
    last_seq: int = -1
    closing: bool = False


def _safe(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", s)[:64] or "call"


class Recorder:
    """24x7 call recorder: start/stop/pause/resume, live monitor, search, playback, verify."""

    def __init__(self, config: RecorderConfig) -> None:
        from . import Engine  # the implementation chosen in rtp/__init__.py

        self.config = config
        self.storage = Path(config.storage_dir)
        self.storage.mkdir(parents=True, exist_ok=True)
        self.index = RecordingIndex(config.index_path or self.storage / "index.sqlite")
        self.engine: Any = Engine(
            tick_ms=config.tick_ms, delay_ms=config.delay_ms, flush_ms=config.flush_ms,
            timeout_ms=int(config.timeout_s * 1000), max_jump_ms=config.max_jump_ms,
            max_lead_ms=config.max_lead_ms, ssrc_idle_ms=config.ssrc_idle_ms,
            batch=config.batch, rf64_threshold=config.rf64_threshold,
            write_backlog=config.write_backlog)
        self._active: dict[str, _Active] = {}
        self._by_handle: dict[int, _Active] = {}
        # calls with at least one listener: a wake-up touches only these, not every call
        # being recorded (with 1,000 calls the full scan was most of each wake-up's time)
        self._monitored: dict[int, _Active] = {}
        self._shared: list[tuple[int, int]] = []   # (socket id, port)
        self._port_cursor = config.port_range[0] & ~1
        self._loop: asyncio.AbstractEventLoop | None = None
        self._house: asyncio.Task[None] | None = None
        self._started = False
        self._last_stats: dict[str, dict[str, Any]] = {}

    # --- lifecycle ---
    async def start(self) -> None:
        if self._started:
            raise RecordingStateError("recorder already started", "RECORDER_STARTED")
        if not 0 <= self.config.rt_priority <= 99:
            raise ValueError(f"rt_priority must be 1..99 (or 0: off), got {self.config.rt_priority}")
        self._loop = asyncio.get_running_loop()
        await asyncio.to_thread(self.recover)
        for port in self.config.shared_ports:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                s.bind((self.config.bind_host, port))
            except OSError:
                s.close()
                raise
            bound = s.getsockname()[1]
            sid = self.engine.add_socket(s.detach(), SockKind.SHARED, self.config.shared_rcvbuf)
            self._shared.append((sid, bound))
        self._loop.add_reader(self.engine.event_fd, self._on_signal)
        self.engine.start()
        if self.config.rt_priority:
            self._realtime(self.config.rt_priority)
        self._house = asyncio.create_task(self._housekeeping())
        self._started = True

    def _realtime(self, prio: int) -> None:
        """Real-time scheduling for the receive thread only: on a host short of CPU it then
        runs the moment its tick comes (monitor latency, no kernel drops). It sleeps every tick,
        so it cannot starve the host; without the privilege it stays on normal scheduling."""
        th = self.engine.thread
        tid = getattr(th, "native_id", None)
        if tid is None:
            return
        try:
            os.sched_setscheduler(tid, os.SCHED_FIFO, os.sched_param(prio))
        except (PermissionError, OSError) as exc:
            log.warning("receive thread stays on normal scheduling: SCHED_FIFO %d refused (%s)", prio, exc)
        else:
            log.info("receive thread %d: SCHED_FIFO priority %d", tid, prio)

    async def close(self) -> None:
        """Stop every recording (files finalized) and the receive thread."""
        for call_id in list(self._active):
            with contextlib.suppress(RecorderError):
                await self.stop_recording(call_id, reason="shutdown")
        if self._house is not None:
            self._house.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._house
        if self._loop is not None:
            self._loop.remove_reader(self.engine.event_fd)
        await asyncio.to_thread(self.engine.stop)
        self.engine.close()
        self.index.close()
        self._started = False

    async def __aenter__(self) -> Recorder:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def shared_addresses(self) -> list[tuple[str, int]]:
        host = self.config.advertise_host or self.config.bind_host
        return [(host, port) for _, port in self._shared]

    # --- port allocation ---
    def _bind_pair(self) -> tuple[socket.socket, socket.socket, int]:
        lo, hi = self.config.port_range
        span = (hi - lo + 1) // 2
        for _ in range(span):
            p = self._port_cursor
            self._port_cursor = p + 2 if p + 3 <= hi else lo + (lo & 1)
            a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                a.bind((self.config.bind_host, p))
                b.bind((self.config.bind_host, p + 1))
                return a, b, p
            except OSError:
                a.close()
                b.close()
        raise NoMediaPorts(f"no free RTP/RTCP port pair in {lo}-{hi}")

    # --- control ---
    async def start_recording(self, call_id: str, legs: Sequence[Leg], *, agent: str | None = None,
                              queue: str | None = None, caller: str | None = None,
                              shared: bool = False) -> RecordingHandle:
        """Allocate receive ports (or bind the legs on the shared port) and start writing.
        Returns where Asterisk must send each leg's RTP."""
        self._require_started()
        if not call_id:
            raise ValueError("call_id must not be empty")
        if call_id in self._active:
            raise RecordingExists(f"call {call_id!r} is already being recorded")
        legs = tuple(legs)
        if not 1 <= len(legs) <= 2:
            raise ValueError(f"a recording has 1 or 2 legs, got {len(legs)}")
        if len({leg.name for leg in legs}) != len(legs):
            raise ValueError("leg names must be distinct")
        for leg in legs:
            if leg.codec not in _CODECS:
                raise ValueError(f"leg {leg.name}: codec must be PCMU or PCMA, got {leg.codec!r}")
        if shared and not self._shared:
            raise RecordingStateError("no shared ports configured (RecorderConfig.shared_ports)", "NO_SHARED_PORT")
        self._active[call_id] = None  # type: ignore[assignment]  # reserve the id meanwhile
        try:
            return await asyncio.to_thread(self._start_blocking, call_id, legs, agent, queue, caller, shared)
        except BaseException:
            self._active.pop(call_id, None)
            raise

    def _start_blocking(self, call_id: str, legs: tuple[Leg, ...], agent: str | None,
                        queue: str | None, caller: str | None, shared: bool) -> RecordingHandle:
        rid = uuid.uuid4().hex
        now = time.time()
        day = self.storage / time.strftime("%Y/%m/%d", time.gmtime(now))
        day.mkdir(parents=True, exist_ok=True)
        name = f"{_safe(call_id)}_{rid}.wav"
        final = day / name
        part = day / f".{name}.part"
        codec = legs[0].codec
        if self.config.store == "pcm16":
            fmt, codec_name = StoreFormat.PCM16, "L16"
        else:
            fmt, codec_name = (StoreFormat.ULAW, "PCMU") if codec == "PCMU" else (StoreFormat.ALAW, "PCMA")
        host = self.config.advertise_host or self.config.bind_host
        specs: list[dict[str, Any]] = []
        media: list[MediaAddress] = []
        owned: list[int] = []
        try:
            for leg in legs:
                spec: dict[str, Any] = {"codec_pt": _CODECS[leg.codec],
                                        "dtmf_pt": -1 if leg.dtmf_pt is None else leg.dtmf_pt,
                                        "want_ssrc": leg.ssrc}
                if leg.remote is not None:
                    spec["want_ip"] = socket.gethostbyname(leg.remote[0])
                    spec["want_port"] = leg.remote[1]
                if shared:
                    spec["sock_rtp"] = spec["sock_rtcp"] = -1
                    sid, port = self._shared[len(specs) % len(self._shared)]
                    media.append(MediaAddress(leg.name, host, port, None, True))
                else:
                    a, b, port = self._bind_pair()
                    ra = self.engine.add_socket(a.detach(), SockKind.LEG_RTP, self.config.leg_rcvbuf)
                    owned.append(ra)
                    rb = self.engine.add_socket(b.detach(), SockKind.LEG_RTCP, 0)
                    owned.append(rb)
                    spec["sock_rtp"], spec["sock_rtcp"] = ra, rb
                    media.append(MediaAddress(leg.name, host, port, port + 1, False))
                specs.append(spec)
            handle = self.engine.open_call(str(part), int(fmt), specs)
        except BaseException:
            for sid in owned:
                with contextlib.suppress(KeyError):
                    self.engine.remove_socket(sid)
            raise
        self.index.add_started({
            "recording_id": rid, "call_id": call_id, "agent": agent, "queue": queue,
            "caller": caller, "start_ts": now, "codec": codec_name, "channels": len(legs),
            "path": str(final)})
        act = _Active(handle, rid, call_id, legs, part, final, codec_name, now)
        self._active[call_id] = act
        self._by_handle[handle] = act
        log.info("recording %s started for call %s (%s)", rid, call_id,
                 ", ".join(f"{m.leg}->{m.host}:{m.rtp_port}" for m in media))
        return RecordingHandle(rid, call_id, tuple(media))

    def active_recording(self, call_id: str) -> RecordingInfo:
        """The index row of a call's recording in progress (RecordingNotFound if none)."""
        return self.get(self._get_active(call_id).recording_id)

    def _get_active(self, call_id: str) -> _Active:
        act = self._active.get(call_id)
        if act is None or act.closing:
            raise RecordingNotFound(f"no active recording for call {call_id!r}")
        return act

    async def stop_recording(self, call_id: str, *, reason: str = "stop") -> RecordingInfo:
        """Write everything received, fsync, rename into place, hash and index it."""
        act = self._get_active(call_id)
        act.closing = True
        try:
            row = await asyncio.to_thread(self._stop_blocking, act, reason)
        finally:
            self._active.pop(call_id, None)
            self._by_handle.pop(act.handle, None)
            self._monitored.pop(act.handle, None)
            for q in act.listeners:
                self._offer(q, None)
        return RecordingInfo.from_row(row)

    def _stop_blocking(self, act: _Active, reason: str) -> dict[str, Any]:
        st = self.engine.close_call(act.handle)
        os.replace(act.part, act.final)
        dfd = os.open(act.final.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
        size, digest = file_sha256(act.final)
        end = time.time()
        status = "complete" if not st.get("write_error") else "write-error"
        row = self.index.finish(act.recording_id, end_ts=end, duration=st["frames"] / 8000.0,
                                size=size, sha256=digest, status=status)
        self.index.audit(act.recording_id, "stop", None, st["frames"] / 8000.0,
                         f"reason={reason} " + " ".join(
                             f"{leg.name}:lost={ls['lost']},dup={ls['duplicates']},late={ls['late']},"
                             f"foreign={ls['foreign']},fill={ls['fill_samples']}"
                             for leg, ls in zip(act.legs, st["legs"])))
        st["leg_names"] = [leg.name for leg in act.legs]
        self._last_stats[act.recording_id] = st
        while len(self._last_stats) > 1024:  # 24x7: keep only recent recordings' statistics
            self._last_stats.pop(next(iter(self._last_stats)))
        log.info("recording %s stopped (%s): %.2f s, %d bytes", act.recording_id, reason,
                 st["frames"] / 8000.0, size)
        return row

    def final_stats(self, recording_id: str) -> dict[str, Any]:
        """Engine statistics of a recording stopped by this process."""
        try:
            return self._last_stats[recording_id]
        except KeyError:
            raise RecordingNotFound(recording_id) from None

    async def pause_recording(self, call_id: str, who: str, reason: str = "") -> AuditEvent:
        """PCI pause: from now on the recording holds silence; audited with who and when."""
        if not who:
            raise ValueError("who must name the person or system pausing the recording")
        act = self._get_active(call_id)
        if act.paused:
            raise RecordingStateError(f"the recording of call {call_id!r} is already paused",
                                      "RECORDING_ALREADY_PAUSED")
        pos = self.engine.pause(act.handle)
        act.paused = True
        ev = await asyncio.to_thread(self.index.audit, act.recording_id, "pause", who, pos / 8000.0, reason)
        return AuditEvent(act.recording_id, "pause", who, ev["at"], pos / 8000.0, reason)

    async def resume_recording(self, call_id: str, who: str, reason: str = "") -> AuditEvent:
        if not who:
            raise ValueError("who must name the person or system resuming the recording")
        act = self._get_active(call_id)
        if not act.paused:
            raise RecordingStateError(f"the recording of call {call_id!r} is not paused", "RECORDING_NOT_PAUSED")
        pos = self.engine.resume(act.handle)
        act.paused = False
        ev = await asyncio.to_thread(self.index.audit, act.recording_id, "resume", who, pos / 8000.0, reason)
        return AuditEvent(act.recording_id, "resume", who, ev["at"], pos / 8000.0, reason)

    def stats(self, call_id: str | None = None) -> dict[str, Any]:
        """Engine-wide counters (with the kernel's UDP RcvbufErrors) or one call's."""
        if call_id is not None:
            act = self._get_active(call_id)
            d = dict(self.engine.call_stats(act.handle))
            d["listeners"] = len(act.listeners)
            return d
        d = dict(self.engine.stats())
        d["kernel_rcvbuf_errors"] = udp_rcvbuf_errors()
        d["active_recordings"] = len(self._by_handle)
        return d

    def audit_events(self, recording_id: str) -> list[AuditEvent]:
        return [AuditEvent(e["recording_id"], e["kind"], e["who"], e["at"], e["position"], e["detail"] or "")
                for e in self.index.events(recording_id)]

    # --- live monitoring ---
    async def monitor(self, call_id: str, mode: Literal["mixed", "caller", "agent", "stereo"] = "mixed",
                      *, max_queue: int | None = None) -> AsyncIterator[MonitorFrame]:
        """Decoded 20 ms frames of a live call until it stops. A listener that falls behind
        loses its oldest frames (counted in `skipped`); it never slows the recording."""
        act = self._get_active(call_id)
        if mode not in ("mixed", "caller", "agent", "stereo"):
            raise ValueError(f"mode must be mixed, caller, agent or stereo, got {mode!r}")
        if mode == "agent" and len(act.legs) < 2:
            raise ValueError("this recording has no agent leg")
        q: asyncio.Queue[MonitorFrame | None] = asyncio.Queue(max_queue or self.config.monitor_queue)
        if not act.listeners:
            self.engine.set_monitor(act.handle, True)
            act.last_seq = -1
            self._monitored[act.handle] = act
        act.listeners.append(q)
        last = -1
        try:
            while True:
                fr = await q.get()
                if fr is None:
                    return
                skipped = fr.seq - last - 1 if last >= 0 else 0
                last = fr.seq
                yield MonitorFrame(fr.seq, fr.position, fr.emitted_ns,
                                   _select(fr.pcm, len(act.legs), mode), max(skipped, 0))
        finally:
            with contextlib.suppress(ValueError):
                act.listeners.remove(q)
            if not act.listeners:
                self._monitored.pop(act.handle, None)
                if act.handle in self._by_handle:
                    with contextlib.suppress(KeyError):
                        self.engine.set_monitor(act.handle, False)

    @staticmethod
    def _offer(q: asyncio.Queue[MonitorFrame | None], item: MonitorFrame | None) -> None:
        while True:
            try:
                q.put_nowait(item)
                return
            except asyncio.QueueFull:
                with contextlib.suppress(asyncio.QueueEmpty):
                    q.get_nowait()      # drop the oldest: a slow listener skips

    def _on_signal(self) -> None:
        with contextlib.suppress(BlockingIOError, InterruptedError):
            os.read(self.engine.event_fd, 4096)
        for act in list(self._monitored.values()):
            try:
                frames = self.engine.read_monitor(act.handle, act.last_seq)
            except KeyError:
                continue
            for seq, pos, t_ns, pcm in frames:
                act.last_seq = seq
                fr = MonitorFrame(seq, pos / 8000.0, t_ns, pcm, 0)
                for q in act.listeners:
                    self._offer(q, fr)
        events = self.engine.poll_events()
        if events:
            asyncio.create_task(asyncio.to_thread(self._record_events, events))

    def _record_events(self, events: list[tuple[int, int, int, int, int, int]]) -> None:
        for kind, handle, leg, pos, a, b in events:
            act = self._by_handle.get(handle)
            if act is None:
                continue
            name = act.legs[leg].name if 0 <= leg < len(act.legs) else "-"
            if kind == EventKind.DTMF:
                digit = _DTMF_DIGITS[a] if 0 <= a < 16 else ("(paused)" if a == -1 else f"event {a}")
                self.index.audit(act.recording_id, "dtmf", name, pos / 8000.0, f"{digit} {b / 8:.0f}ms")
            elif kind == EventKind.SSRC_CHANGE:
                self.index.audit(act.recording_id, "segment", name, pos / 8000.0, f"ssrc={a:#010x}")
            elif kind == EventKind.WRITE_ERROR:
                log.error("recording %s: write error %s", act.recording_id, os.strerror(a))
                self.index.audit(act.recording_id, "write-error", None, pos / 8000.0, os.strerror(a))
            elif kind == EventKind.REANCHOR:
                self.index.audit(act.recording_id, "reanchor", name, pos / 8000.0, f"skew={a}")

    async def _housekeeping(self) -> None:
        while True:
            await asyncio.sleep(1.0)
            for handle in self.engine.timed_out():
                act = self._by_handle.get(handle)
                if act is not None and not act.closing:
                    log.warning("recording %s: media timed out, closing", act.recording_id)
                    with contextlib.suppress(RecorderError):
                        await self.stop_recording(act.call_id, reason="timeout")

    # --- playback ---
    def _row(self, recording_id: str) -> dict[str, Any]:
        row = self.index.get(recording_id)
        if row is None:
            raise RecordingNotFound(f"no recording {recording_id!r}")
        return row

    def get(self, recording_id: str) -> RecordingInfo:
        return RecordingInfo.from_row(self._row(recording_id))

    async def search(self, *, call_id: str | None = None, agent: str | None = None,
                     queue: str | None = None, caller: str | None = None,
                     since: float | None = None, until: float | None = None,
                     limit: int = 100, offset: int = 0) -> list[RecordingInfo]:
        rows = await asyncio.to_thread(self.index.search, call_id=call_id, agent=agent, queue=queue,
                                       caller=caller, since=since, until=until, limit=limit, offset=offset)
        return [RecordingInfo.from_row(r) for r in rows]

    def iter_range(self, recording_id: str, start: int = 0, end: int | None = None,
                   chunk: int = 65536) -> Iterator[bytes]:
        """Bytes [start, end) of a finished recording's file (HTTP-style range for seeking)."""
        row = self._row(recording_id)
        if row["status"] == "recording":
            raise RecordingStateError(f"recording {recording_id} is still in progress", "RECORDING_IN_PROGRESS")
        size = os.path.getsize(row["path"])
        if end is None or end > size:
            end = size
        if start < 0 or start > end:
            raise ValueError(f"bad byte range {start}-{end} for a file of {size} bytes")
        if chunk < 1:
            raise ValueError("chunk must be positive")
        with open(row["path"], "rb") as f:
            f.seek(start)
            left = end - start
            while left > 0:
                data = f.read(min(chunk, left))
                if not data:
                    return
                left -= len(data)
                yield data

    async def read_range(self, recording_id: str, start: int = 0, end: int | None = None,
                         chunk: int = 65536) -> AsyncIterator[bytes]:
        """Async version of iter_range (each read in a worker thread)."""
        it = await asyncio.to_thread(lambda: self.iter_range(recording_id, start, end, chunk))
        while True:
            data = await asyncio.to_thread(next, it, None)
            if data is None:
                return
            yield data

    def wav_offset(self, recording_id: str, seconds: float) -> int:
        """Byte offset of a time position (frame aligned), to seek with iter_range."""
        info = read_wav_info(self._row(recording_id)["path"])
        block = info.channels * info.bits // 8
        frame = min(int(seconds * info.rate), info.frames)
        return info.data_offset + frame * block

    # --- integrity, retention, recovery ---
    def verify(self, *, check_files: bool = True) -> VerifyReport:
        return self.index.verify(check_files=check_files)

    def apply_retention(self, days: float, *, policy: dict[str, float] | None = None,
                        now: float | None = None, dry_run: bool = False) -> list[str]:
        from .cli import apply_retention
        return apply_retention(self.index, days, policy=policy, now=now, dry_run=dry_run)

    def recover(self) -> list[str]:
        """Finalize recordings a crash left as .part files (valid WAVs up to the last flush)."""
        done = []
        for row in self.index.search(status="recording", limit=10000):
            if any(a.recording_id == row["recording_id"] for a in self._by_handle.values()):
                continue
            final = Path(row["path"])
            part = final.parent / f".{final.name}.part"
            if part.exists():
                try:
                    info = read_wav_info(part)
                    duration = info.duration
                except ValueError:
                    duration = None
                os.replace(part, final)
                size, digest = file_sha256(final)
                self.index.finish(row["recording_id"], end_ts=os.path.getmtime(final),
                                  duration=duration, size=size, sha256=digest, status="recovered")
                self.index.audit(row["recording_id"], "recover", None, duration, "finalized after a crash")
                log.warning("recording %s recovered after a crash (%.2f s)", row["recording_id"], duration or 0)
            else:
                self.index.finish(row["recording_id"], status="lost")
                log.error("recording %s: file lost", row["recording_id"])
            done.append(row["recording_id"])
        return done

    def _require_started(self) -> None:
        if not self._started:
            raise RecordingStateError("recorder not started (await recorder.start())", "RECORDER_NOT_STARTED")


def _select(pcm: bytes, channels: int, mode: str) -> bytes:
    if channels == 1 or mode == "stereo":
        return pcm
    s = array("h")
    s.frombytes(pcm)
    if mode == "caller":
        return s[0::2].tobytes()
    if mode == "agent":
        return s[1::2].tobytes()
    left, right = s[0::2], s[1::2]
    return array("h", [max(-32768, min(32767, a + b)) for a, b in zip(left, right)]).tobytes()


def udp_rcvbuf_errors() -> int | None:
    """The kernel's UDP RcvbufErrors counter (all sockets), from /proc/net/snmp."""
    try:
        with open("/proc/net/snmp") as f:
            lines = [ln.split() for ln in f if ln.startswith("Udp:")]
        return int(lines[1][lines[0].index("RcvbufErrors")])
    except (OSError, ValueError, IndexError):
        return None

