"""WAV writer: header layout readable by the stdlib and ffprobe, RF64 switch, bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
import wave
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rtp
from rtp.wavfile import read_wav, read_wav_info


def test_pcm16_file_is_read_by_the_stdlib(tmp_path: Path) -> None:
    w = rtp.WavWriter(tmp_path / "a.wav", 1, 2)
    frames = bytes(range(256)) * 40
    w.write(frames)
    w.close()
    with wave.open(str(tmp_path / "a.wav")) as r:
        assert (r.getnchannels(), r.getsampwidth(), r.getframerate()) == (2, 2, 8000)
        assert r.readframes(10**6) == frames


@pytest.mark.parametrize("fmt,name", [(7, "pcm_mulaw"), (6, "pcm_alaw"), (1, "pcm_s16le")])
def test_g711_tags_and_ffprobe(tmp_path: Path, fmt: int, name: str) -> None:
    w = rtp.WavWriter(tmp_path / "a.wav", fmt, 2)
    w.write(b"\x55" * 3200)
    w.flush()
    info = read_wav_info(tmp_path / "a.wav")       # valid before close (crash safety)
    assert (info.format, info.channels, info.data_bytes) == (fmt, 2, 3200)
    w.close()
    if shutil.which("ffprobe"):
        out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name,channels,duration",
                              "-of", "csv=p=0", str(tmp_path / "a.wav")], capture_output=True, text=True, check=True)
        codec, ch, dur = out.stdout.strip().split(",")
        assert (codec, ch) == (name, "2") and abs(float(dur) - 3200 / (2 * (2 if fmt == 1 else 1)) / 8000) < 0.001


def test_rf64_beyond_the_riff_limit(tmp_path: Path) -> None:
    # the threshold hook stands in for 4 GiB so the test writes kilobytes, not gigabytes
    w = rtp.WavWriter(tmp_path / "big.wav", 7, 2, rf64_threshold=5000)
    for _ in range(10):
        w.write(b"\x01\x02" * 500)
        w.flush()
    assert w.rf64
    w.close()
    raw = (tmp_path / "big.wav").read_bytes()
    assert raw[:4] == b"RF64" and raw[12:16] == b"ds64" and raw[4:8] == b"\xff" * 4
    info, data = read_wav(tmp_path / "big.wav")
    assert info.rf64 and info.data_bytes == 10000 and data == b"\x01\x02" * 5000
    if shutil.which("ffprobe"):
        out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=duration", "-of", "csv=p=0",
                              str(tmp_path / "big.wav")], capture_output=True, text=True, check=True)
        assert abs(float(out.stdout) - 5000 / 8000) < 0.001


def test_odd_mono_g711_is_padded(tmp_path: Path) -> None:
    w = rtp.WavWriter(tmp_path / "o.wav", 7, 1)
    w.write(b"\x10" * 3)
    w.close()
    assert os.path.getsize(tmp_path / "o.wav") == 94 + 4
    assert read_wav(tmp_path / "o.wav")[1] == b"\x10" * 3


def test_bad_input(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="format tag"):
        rtp.WavWriter(tmp_path / "x.wav", 2, 1)
    with pytest.raises(ValueError, match="channels"):
        rtp.WavWriter(tmp_path / "x.wav", 7, 3)
    with pytest.raises(OSError):
        rtp.WavWriter(tmp_path / "no" / "x.wav", 7, 1)
    w = rtp.WavWriter(tmp_path / "x.wav", 1, 2)
    with pytest.raises(ValueError, match="whole frames"):
        w.write(b"\x00" * 3)
    assert w.data_bytes == 0
    w.close()
    with pytest.raises(ValueError, match="closed"):
        w.write(b"\x00" * 4)


@pytest.mark.compiled_only
@settings(max_examples=60, deadline=None)
@given(fmt=st.sampled_from([1, 6, 7]), ch=st.sampled_from([1, 2]),
       chunks=st.lists(st.binary(max_size=64), max_size=8), thr=st.none() | st.integers(0, 400))
def test_writer_matches_pure_twin(tmp_path_factory, fmt, ch, chunks, thr) -> None:  # type: ignore[no-untyped-def]
    from rtp import _rtp
    from rtp._pure import wav
    out = []
    d = tmp_path_factory.mktemp("w")
    for i, cls in enumerate((_rtp.WavWriter, wav.WavWriter)):
        p = d / f"{i}.wav"
        w = cls(p, fmt, ch, rf64_threshold=thr)
        block = (2 if fmt == 1 else 1) * ch
        for c in chunks:
            w.write(c[:len(c) - len(c) % block])
            w.flush()
        w.close(fsync=False)
        out.append(p.read_bytes())
    assert out[0] == out[1]
