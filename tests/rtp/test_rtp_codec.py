"""G.711 against audioop (the stdlib oracle; audioop-lts on Python >= 3.13), and the pure twin."""

from __future__ import annotations

import struct
import warnings

import pytest

import rtp

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

ALL_CODES = bytes(range(256))
ALL_PCM = struct.pack("<65536h", *range(-32768, 32768))


def test_ulaw_decode_all_256_codes_match_audioop() -> None:
    assert rtp.ulaw_decode(ALL_CODES) == audioop.ulaw2lin(ALL_CODES, 2)


def test_alaw_decode_all_256_codes_match_audioop() -> None:
    assert rtp.alaw_decode(ALL_CODES) == audioop.alaw2lin(ALL_CODES, 2)


def test_ulaw_encode_every_linear_value_matches_audioop() -> None:
    assert rtp.ulaw_encode(ALL_PCM) == audioop.lin2ulaw(ALL_PCM, 2)


def test_alaw_encode_every_linear_value_matches_audioop() -> None:
    assert rtp.alaw_encode(ALL_PCM) == audioop.lin2alaw(ALL_PCM, 2)


def test_cross_law_conversion_equals_decode_then_encode() -> None:
    assert rtp.alaw_to_ulaw(ALL_CODES) == audioop.lin2ulaw(audioop.alaw2lin(ALL_CODES, 2), 2)
    assert rtp.ulaw_to_alaw(ALL_CODES) == audioop.lin2alaw(audioop.ulaw2lin(ALL_CODES, 2), 2)


@pytest.mark.parametrize("kind", [bytes, bytearray, memoryview])
def test_codecs_accept_any_buffer(kind: type) -> None:
    assert rtp.ulaw_decode(kind(ALL_CODES)) == audioop.ulaw2lin(ALL_CODES, 2)


def test_odd_pcm_length_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="even length"):
        rtp.ulaw_encode(b"\x00\x01\x02")


def test_str_is_rejected() -> None:
    with pytest.raises(TypeError):
        rtp.ulaw_decode("abc")  # type: ignore[arg-type]


@pytest.mark.compiled_only
def test_pure_twin_tables_equal_compiled() -> None:
    from rtp import _rtp
    from rtp._pure import g711
    assert g711.ulaw_decode(ALL_CODES) == _rtp.ulaw_decode(ALL_CODES)
    assert g711.alaw_decode(ALL_CODES) == _rtp.alaw_decode(ALL_CODES)
    assert g711.ulaw_encode(ALL_PCM) == _rtp.ulaw_encode(ALL_PCM)
    assert g711.alaw_encode(ALL_PCM) == _rtp.alaw_encode(ALL_PCM)
    assert g711.alaw_to_ulaw(ALL_CODES) == _rtp.alaw_to_ulaw(ALL_CODES)
