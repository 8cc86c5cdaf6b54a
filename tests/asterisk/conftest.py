"""Fixtures of the Asterisk hook tests: a real acdcore server (subprocess, loopback, port 0),
the real hook in the test's event loop, the Asterisk stand-in (FastAGI client + ARI stub)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (HERE, HERE.parent / "grpc", ROOT / "asterisk"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

# pytest puts tests/ on sys.path, where tests/rtp would shadow the recorder package `rtp`
# as a namespace package (the hook imports it for [recording] mode = "embedded"): import the
# real one first, with tests/ out of the way (as tests/rtp/conftest.py does).
if getattr(sys.modules.get("rtp"), "__file__", None) is None:
    sys.modules.pop("rtp", None)
    _saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE.parent]
    try:
        import rtp  # noqa: F401,E402
    finally:
        sys.path[:] = _saved

import pytest  # noqa: E402

from ast_env import AstEnv  # noqa: E402


@pytest.fixture
def astenv(tmp_path):  # type: ignore[no-untyped-def]
    env = AstEnv(tmp_path)
    yield env
    env.close()
