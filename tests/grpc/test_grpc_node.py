"""The Node.js client (bindings/node): its own tests (node:test) against a live server, and
its generated TypeScript types in step with the protos."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grpc_harness import TEST_CONFIG, TOKENS, ServerProc

ROOT = Path(__file__).resolve().parents[2]
NODE = ROOT / "bindings" / "node"

#: recording on, RTP on one shared port the OS picks (the Node test asks for shared_port)
CONFIG = TEST_CONFIG + """
[recording]
port_range = [47310, 47319]
shared_ports = [0]
delay_ms = 60
flush_ms = 100
timeout_seconds = 20
"""

pytestmark = pytest.mark.skipif(shutil.which("npm") is None or shutil.which("node") is None,
                                reason="Node.js and npm are needed for the Node.js client")


@pytest.fixture(scope="module")
def node_modules() -> Path:
    lock = NODE / "package-lock.json"
    stamp = NODE / "node_modules" / ".acdcore-lock"
    if not stamp.exists() or stamp.read_text() != lock.read_text():
        r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NODE, capture_output=True, text=True,
                           timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
        stamp.write_text(lock.read_text())
    return NODE / "node_modules"


def test_node_client_against_a_live_server(tmp_path, node_modules):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path, CONFIG).start()
    try:
        env = {"ACDCORE_TARGET": srv.target, "ACDCORE_TOKENS": json.dumps(TOKENS),
               "PATH": __import__("os").environ["PATH"]}
        r = subprocess.run(["npm", "test"], cwd=NODE, capture_output=True, text=True, timeout=300, env=env)
        print(r.stdout[-3000:])
        assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-3000:]
        assert "# fail 0" in r.stdout and "# pass 7" in r.stdout
    finally:
        srv.kill()


def test_generated_typescript_matches_the_protos(tmp_path, node_modules):  # type: ignore[no-untyped-def]
    out = tmp_path / "generated"
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_protos.py"), "--out", str(tmp_path / "py"),
                        "--node-out", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    tree = NODE / "src" / "generated"
    fresh = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    have = sorted(p.relative_to(tree) for p in tree.rglob("*") if p.is_file())
    assert fresh == have
    drift = [str(p) for p in fresh if not filecmp.cmp(out / p, tree / p, shallow=False)]
    assert not drift, f"TypeScript types drifted from proto/: {drift}; run tools/gen_protos.py --node"
