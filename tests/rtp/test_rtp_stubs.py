"""The compiled API's .pyi stubs are complete enough for mypy --strict users."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_stubs_and_py_typed_ship() -> None:
    src = ROOT / "src" / "rtp"
    assert (src / "py.typed").exists() and (src / "_rtp.pyi").exists()


@pytest.mark.slow
def test_mypy_strict_on_stubs_and_typed_usage() -> None:
    pytest.importorskip("mypy")
    env = dict(os.environ, MYPYPATH=str(ROOT / "src"))
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                        "--cache-dir", os.devnull, "--python-version", "3.11",
                        str(ROOT / "src" / "rtp"), str(Path(__file__).with_name("rtp_typed_usage.py"))],
                       capture_output=True, text=True, env=env, cwd=str(ROOT))
    assert r.returncode == 0, r.stdout + r.stderr
