"""The protos: buf STANDARD lint, generated code in the tree equal to a fresh generation,
enum numbers equal to the core's."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import acdcore.enums as core_enums
from acdcore_api.acd.v1 import enums_pb2

ROOT = Path(__file__).resolve().parents[2]


def _buf() -> str | None:
    cand = Path(sys.executable).parent / "buf"
    return str(cand) if cand.exists() else shutil.which("buf")


@pytest.mark.skipif(_buf() is None, reason="buf is not installed (requirements/grpc.txt installs buf-bin)")
def test_buf_lint_standard_and_comments() -> None:
    r = subprocess.run([_buf(), "lint"], cwd=ROOT / "proto", capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_generated_python_matches_the_protos(tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_protos.py"), "--out", str(tmp_path / "acdcore_api")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    fresh = tmp_path / "acdcore_api" / "acd"
    tree = ROOT / "bindings" / "python" / "acdcore_api" / "acd"
    fresh_files = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    tree_files = sorted(p.relative_to(tree) for p in tree.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert fresh_files == tree_files, "generated files differ from the tree: run tools/gen_protos.py"
    drift = [str(p) for p in fresh_files if not filecmp.cmp(fresh / p, tree / p, shallow=False)]
    assert not drift, f"generated code drifted from proto/: {drift}; run tools/gen_protos.py"


@pytest.mark.parametrize("name", ["Priority", "Strategy", "AgentState", "CallState", "EmptyRule", "HangupBy",
                                  "Trigger", "RouteField", "EventType"])
def test_enum_numbers_are_the_cores(name: str) -> None:
    core = getattr(core_enums, name)
    proto = getattr(enums_pb2, name)
    prefix = "".join("_" + c if c.isupper() else c for c in name).lstrip("_").upper() + "_"
    assert proto.Value(prefix + "UNSPECIFIED") == 0
    proto_members = {k.removeprefix(prefix): v for k, v in proto.items() if not k.endswith("_UNSPECIFIED")}
    assert proto_members == {m.name: int(m) for m in core}
