"""Recordings: the recorder's control, search, playback and monitoring, with errors as the API
names them. Holds one rtp.Recorder for the server's lifetime."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any

import grpc

from ..errors import ApiError
from .settings import RecordingSettings

log = logging.getLogger("acdcore.recordings")

RETENTION_EVERY = 3600.0


def _api_error(exc: BaseException) -> ApiError | None:
    """The rtp exception as the API's error, or None if it is not one of the recorder's."""
    from rtp.errors import NoMediaPorts, RecordingExists, RecordingNotFound, RecordingStateError

    if isinstance(exc, RecordingNotFound):
        return ApiError(grpc.StatusCode.NOT_FOUND, "RECORDING_NOT_FOUND", str(exc.args[0] if exc.args else exc))
    if isinstance(exc, RecordingExists):
        return ApiError(grpc.StatusCode.ALREADY_EXISTS, "RECORDING_EXISTS", str(exc))
    if isinstance(exc, NoMediaPorts):
        return ApiError(grpc.StatusCode.RESOURCE_EXHAUSTED, "NO_MEDIA_PORTS", str(exc))
    if isinstance(exc, RecordingStateError):
        return ApiError(grpc.StatusCode.FAILED_PRECONDITION, exc.reason, str(exc))
    return None


class RecordingService:
    def __init__(self, settings: RecordingSettings) -> None:
        self.settings = settings
        self.recorder: Any = None
        self._retention: asyncio.Task[None] | None = None

    # --- lifecycle ---
    async def start(self) -> None:
        import rtp

        s = self.settings
        cfg = rtp.RecorderConfig(
            storage_dir=s.storage_dir, index_path=s.index_path, bind_host=s.bind_host,
            advertise_host=s.advertise_host, port_range=s.port_range, shared_ports=tuple(s.shared_ports),
            store=s.store, timeout_s=s.timeout_seconds, delay_ms=s.delay_ms,  # type: ignore[arg-type]
            flush_ms=s.flush_ms, rt_priority=s.rt_priority)
        rec = rtp.Recorder(cfg)
        await rec.start()
        self.recorder = rec
        if s.retention_days > 0:
            self._retention = asyncio.create_task(self._retention_loop())
        log.info("recorder started (%s media path): storage %s, RTP on %s ports %d-%d%s", rtp.IMPLEMENTATION,
                 s.storage_dir, s.bind_host, *s.port_range,
                 f", shared {[p for _, p in rec.shared_addresses]}" if rec.shared_addresses else "")

    async def close(self) -> None:
        if self._retention is not None:
            self._retention.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._retention
        if self.recorder is not None:
            await self.recorder.close()
            self.recorder = None

    async def _retention_loop(self) -> None:
        while True:
            try:
                gone = await asyncio.to_thread(self.recorder.apply_retention, self.settings.retention_days,
                                               policy=self.settings.retention_queues)
                if gone:
                    log.info("retention deleted %d recording(s)", len(gone))
            except Exception:  # noqa: BLE001 - retention must never stop the server
                log.exception("retention failed")
            await asyncio.sleep(RETENTION_EVERY)

    def _rec(self) -> Any:
        if self.recorder is None:
            raise ApiError(grpc.StatusCode.UNAVAILABLE, "RECORDER_UNAVAILABLE",
                           "recording is disabled on this server ([recording] enabled = false)")
        return self.recorder

    # --- control ---
    async def start_recording(self, call_id: str, legs: Sequence[Any], *, agent: str | None, queue: str | None,
                              caller: str | None, shared: bool) -> Any:
        try:
            return await self._rec().start_recording(call_id, legs, agent=agent, queue=queue, caller=caller,
                                                     shared=shared)
        except Exception as exc:
            raise _api_error(exc) or exc from None

    async def stop_recording(self, call_id: str, reason: str) -> tuple[Any, dict[str, Any]]:
        rec = self._rec()
        try:
            info = await rec.stop_recording(call_id, reason=reason or "stop")
        except Exception as exc:
            raise _api_error(exc) or exc from None
        return info, rec.final_stats(info.recording_id)

    def active(self, call_id: str) -> Any:
        try:
            return self._rec().active_recording(call_id)
        except Exception as exc:
            raise _api_error(exc) or exc from None

    async def pause(self, call_id: str, who: str, reason: str) -> Any:
        try:
            return await self._rec().pause_recording(call_id, who, reason)
        except Exception as exc:
            raise _api_error(exc) or exc from None

    async def resume(self, call_id: str, who: str, reason: str) -> Any:
        try:
            return await self._rec().resume_recording(call_id, who, reason)
        except Exception as exc:
            raise _api_error(exc) or exc from None

    # --- search and playback ---
    async def search(self, **kw: Any) -> list[Any]:
        return list(await self._rec().search(**kw))

    def get(self, recording_id: str) -> Any:
        try:
            return self._rec().get(recording_id)
        except Exception as exc:
            raise _api_error(exc) or exc from None

    def events(self, recording_id: str) -> list[Any]:
        self.get(recording_id)
        return list(self._rec().audit_events(recording_id))

    def wav_offset(self, recording_id: str, seconds: float) -> int:
        try:
            return int(self._rec().wav_offset(recording_id, seconds))
        except Exception as exc:
            raise _api_error(exc) or exc from None

    async def read(self, recording_id: str, start: int, end: int | None, chunk: int) -> AsyncIterator[bytes]:
        rec = self._rec()
        try:
            it = rec.read_range(recording_id, start, end, chunk)
            async for data in it:
                yield data
        except FileNotFoundError:
            raise ApiError(grpc.StatusCode.DATA_LOSS, "RECORDING_FILE_LOST",
                           f"recording {recording_id}: its file is gone (retention or tampering; run "
                           f"`acdcore recordings verify`)") from None
        except Exception as exc:
            raise _api_error(exc) or exc from None

    async def monitor(self, call_id: str, mode: str) -> AsyncIterator[Any]:
        try:
            async for fr in self._rec().monitor(call_id, mode):
                yield fr
        except Exception as exc:
            raise _api_error(exc) or exc from None
