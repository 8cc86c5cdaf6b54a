"""Reading the WAV/RF64 files the recorder writes (tests, verification, crash recovery)."""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

__all__ = ["WavInfo", "read_wav_info", "read_wav"]


@dataclass(frozen=True)
class WavInfo:
    format: int          # 1 PCM16, 6 A-law, 7 mu-law
    channels: int
    rate: int
    bits: int
    frames: int          # as the header claims (fact / ds64)
    data_offset: int
    data_bytes: int      # as the header claims
    rf64: bool
    file_size: int

    @property
    def duration(self) -> float:
        return self.frames / self.rate if self.rate else 0.0


def read_wav_info(path: str | os.PathLike[str]) -> WavInfo:
    """Parse the chunk headers; raises ValueError on anything that is not a valid WAV."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        head = f.read(12)
        if len(head) < 12 or head[8:12] != b"WAVE" or head[:4] not in (b"RIFF", b"RF64"):
            raise ValueError(f"{os.fspath(path)}: not a RIFF/RF64 WAVE file")
        rf64 = head[:4] == b"RF64"
        fmt = channels = rate = bits = 0
        ds64_data = ds64_frames = None
        fact = None
        pos = 12
        while pos + 8 <= size:
            f.seek(pos)
            cid, clen = struct.unpack("<4sI", f.read(8))
            body = pos + 8
            if cid == b"ds64":
                _riff, ds64_data, ds64_frames = struct.unpack("<QQQ", f.read(24))
            elif cid == b"fmt ":
                fmt, channels, rate, _br, _ba, bits = struct.unpack("<HHIIHH", f.read(16))
            elif cid == b"fact":
                (fact,) = struct.unpack("<I", f.read(4))
            elif cid == b"data":
                if not fmt:
                    raise ValueError(f"{os.fspath(path)}: data chunk before fmt chunk")
                dbytes = ds64_data if (rf64 and clen == 0xFFFFFFFF and ds64_data is not None) else clen
                block = max(1, channels * bits // 8)
                frames = dbytes // block
                if dbytes > size - body:
                    raise ValueError(f"{os.fspath(path)}: data chunk claims {dbytes} bytes, "
                                     f"file holds {size - body}")
                return WavInfo(fmt, channels, rate, bits, frames, body, dbytes, rf64, size)
            pos = body + clen + (clen & 1)
        raise ValueError(f"{os.fspath(path)}: no data chunk")


def read_wav(path: str | os.PathLike[str]) -> tuple[WavInfo, bytes]:
    info = read_wav_info(path)
    with open(path, "rb") as f:
        f.seek(info.data_offset)
        return info, f.read(info.data_bytes)


def channel(data: bytes, info: WavInfo, ch: int) -> bytes:
    """One channel of interleaved frames (bytes per sample kept)."""
    bps = info.bits // 8
    step = bps * info.channels
    if bps == 1:
        return data[ch::step]
    return b"".join(data[i:i + bps] for i in range(ch * bps, len(data), step))
