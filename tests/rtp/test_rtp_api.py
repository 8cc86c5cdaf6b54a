"""The numbered contract between the compiled path, rtp.constants and the pure twin."""

from __future__ import annotations

import pytest

import rtp
from rtp import constants

pytestmark = pytest.mark.compiled_only


def test_constants_enums_equal_the_extension_enums() -> None:
    from rtp import _rtp
    assert set(_rtp.ENUMS) == {"ParseError", "StoreFormat", "SockKind", "LegState", "CallState", "EventKind"}
    for name, numbers in _rtp.ENUMS.items():
        enum = getattr(constants, name)
        # same names, same numbers, nothing missing on either side
        assert {m.name: int(m.value) for m in enum} == numbers, name


def test_constants_limits_equal_the_extension() -> None:
    from rtp import _rtp
    for name, value in _rtp.CONSTANTS.items():
        assert getattr(constants, name) == value, name


def test_twin_reports_the_same_counters() -> None:
    from rtp import _rtp
    from rtp._pure import engine as pure
    assert pure.STAT_NAMES == _rtp.STAT_NAMES
    assert set(rtp.Engine().stats()) == set(pure.Engine().stats())


def test_per_call_state_fits_the_budget_and_the_cache_line_layout() -> None:
    from rtp import _rtp
    lay = _rtp._layout()
    assert lay["Leg"] % 64 == 0 and lay["Call.legs"] % 64 == 0 and lay["CallHot"] == 64
    mem = rtp.Engine().stats()["call_memory"]      # Call + ring of a two-leg G.711 call
    assert mem <= 64 * 1024, mem
