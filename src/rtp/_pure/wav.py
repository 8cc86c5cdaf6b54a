"""Pure twin of _wav.pxi: the same fixed 94-byte header, rewritten after every flush."""

from __future__ import annotations

import os
import struct
from typing import Any

RIFF_LIMIT = 0xFFFFFFFF
WAV_HDR = 94


def wav_header(fmt: int, channels: int, rate: int, data_bytes: int, rf64: bool,
               threshold: int) -> tuple[bytes, bool]:
    bps = 2 if fmt == 1 else 1
    frames = data_bytes // (bps * channels)
    riff = WAV_HDR - 8 + data_bytes + (data_bytes & 1)
    use64 = rf64 or riff > threshold
    h = bytearray()
    h += b"RF64" if use64 else b"RIFF"
    h += struct.pack("<I", 0xFFFFFFFF if use64 else riff & 0xFFFFFFFF)
    h += b"WAVE"
    if use64:
        h += b"ds64" + struct.pack("<IQQQI", 28, riff, data_bytes, frames, 0)
    else:
        h += b"JUNK" + struct.pack("<I", 28) + bytes(28)
    h += b"fmt " + struct.pack("<IHHIIHHH", 18, fmt, channels, rate, rate * bps * channels,
                                bps * channels, 8 * bps, 0)
    h += b"fact" + struct.pack("<II", 4, 0xFFFFFFFF if use64 else frames & 0xFFFFFFFF)
    h += b"data" + struct.pack("<I", 0xFFFFFFFF if use64 else data_bytes & 0xFFFFFFFF)
    assert len(h) == WAV_HDR
    return bytes(h), use64


class RawWav:
    """The C `Wav` struct and its functions, for the pure engine."""

    def __init__(self, path: str | bytes | os.PathLike[Any], fmt: int, channels: int, rate: int,
                 threshold: int) -> None:
        self.fmt, self.channels, self.rate = fmt, channels, rate
        self.threshold = min(threshold, RIFF_LIMIT)
        self.rf64 = False
        self.error = 0
        self.data_bytes = 0
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o640)
        try:
            self._write_all(self._header())
        except OSError as exc:
            self.error = exc.errno or 5

    def _header(self) -> bytes:
        h, self.rf64 = wav_header(self.fmt, self.channels, self.rate, self.data_bytes, self.rf64,
                                  self.threshold)
        return h

    def _write_all(self, data: bytes | memoryview) -> None:
        mv = memoryview(data)
        while mv:
            k = os.write(self.fd, mv)
            mv = mv[k:]

    def write(self, data: bytes | memoryview) -> int:
        if self.fd < 0 or self.error:
            return self.error or 9
        try:
            self._write_all(data)
        except OSError as exc:
            self.error = exc.errno or 5
            return self.error
        self.data_bytes += len(data)
        return 0

    def sync_header(self) -> int:
        if self.fd < 0:
            return 9
        try:
            os.pwrite(self.fd, self._header(), 0)
        except OSError as exc:
            self.error = self.error or exc.errno or 5
            return self.error
        return 0

    def close(self, do_fsync: bool) -> int:
        if self.fd < 0:
            return self.error
        err = 0
        if self.data_bytes & 1:
            try:
                self._write_all(b"\x00")
            except OSError:
                pass
        err = self.sync_header()
        if do_fsync:
            try:
                os.fsync(self.fd)
            except OSError as exc:
                err = err or exc.errno or 5
        os.close(self.fd)
        self.fd = -1
        return err or self.error


class WavWriter:
    """Streaming WAV writer (PCM16, A-law tag 6, mu-law tag 7), crash-safe header updates."""

    def __init__(self, path: str | os.PathLike[str], fmt: int, channels: int, rate: int = 8000, *,
                 rf64_threshold: int | None = None) -> None:
        if fmt not in (1, 6, 7):
            raise ValueError(f"unsupported WAV format tag {fmt}; use 1 (PCM16), 6 (A-law) or 7 (mu-law)")
        if channels not in (1, 2):
            raise ValueError(f"channels must be 1 or 2, got {channels}")
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        self.path = os.fspath(path)
        self._w = RawWav(path, fmt, channels, rate, RIFF_LIMIT if rf64_threshold is None else rf64_threshold)
        if self._w.error:
            raise OSError(self._w.error, os.strerror(self._w.error), self.path)
        self._closed = False

    @property
    def data_bytes(self) -> int:
        return self._w.data_bytes

    @property
    def frames(self) -> int:
        return self._w.data_bytes // ((2 if self._w.fmt == 1 else 1) * self._w.channels)

    @property
    def rf64(self) -> bool:
        return self._w.rf64

    def write(self, data: Any) -> None:
        if self._closed:
            raise ValueError("write to a closed WavWriter")
        mv = memoryview(data).cast("B")
        block = (2 if self._w.fmt == 1 else 1) * self._w.channels
        if len(mv) % block:
            raise ValueError(f"data must be whole frames of {block} bytes, got {len(mv)}")
        err = self._w.write(mv)
        if err:
            raise OSError(err, os.strerror(err), self.path)

    def flush(self) -> None:
        if self._closed:
            raise ValueError("flush of a closed WavWriter")
        err = self._w.sync_header()
        if err:
            raise OSError(err, os.strerror(err), self.path)

    def close(self, fsync: bool = True) -> None:
        if self._closed:
            return
        self._closed = True
        err = self._w.close(fsync)
        if err:
            raise OSError(err, os.strerror(err), self.path)
