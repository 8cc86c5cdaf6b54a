"""The ``acdcore`` command: status, events (JSON and queue_log), serve errors, demo; clear
messages and exit codes for bad flags, unreachable servers and auth failures."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from grpc_harness import TOKENS

ACD = [sys.executable, "-m", "acdcore.cli"]


def run(*args: str, timeout: float = 60, **kw):  # type: ignore[no-untyped-def]
    return subprocess.run([*ACD, *args], capture_output=True, text=True, timeout=timeout, **kw)


def test_status(server, clients):  # type: ignore[no-untyped-def]
    clients["agent"].login()
    clients["agent"].pause("a1", "coffee")
    r = run("status", "--server", server.target, "--token", TOKENS["supervisor"])
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].split()[:3] == ["queue", "wait", "prio"]
    assert any(line.startswith("general ") for line in r.stdout.splitlines())
    assert "PAUSED" in r.stdout and "a1(coffee)" in r.stdout
    r = run("status", "--server", server.target, "--token", TOKENS["business"], "--json")
    data = json.loads(r.stdout)
    assert [q["queue"] for q in data["queues"]] == ["general", "billing", "escalation"]
    clients["agent"].logout()


def test_events_json_and_queue_log(server, clients):  # type: ignore[no-untyped-def]
    clients["telephony"].enqueue_call("cli-1", "general", caller="0459777")
    clients["telephony"].cancel_call("cli-1")
    r = run("events", "--server", server.target, "--token", TOKENS["admin"], "--after-seq", "1", "--count", "2",
            "--type", "call_enqueued", "--type", "CALL_ABANDONED", "--queue", "general")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [(e["type"], e["call_id"]) for e in lines] == [("CALL_ENQUEUED", "cli-1"), ("CALL_ABANDONED", "cli-1")]
    r = run("events", "--server", server.target, "--token", TOKENS["admin"], "--after-seq", "1", "--count", "2",
            "--queue", "general", "--type", "CALL_ENQUEUED", "--type", "CALL_ABANDONED", "--queue-log")
    assert r.returncode == 0, r.stderr
    fields = [x.split("|") for x in r.stdout.splitlines()]
    assert [f[1:5] for f in fields] == [["cli-1", "general", "NONE", "ENTERQUEUE"],
                                        ["cli-1", "general", "NONE", "ABANDON"]]
    assert fields[0][6] == "0459777"
    r = run("events", "--server", server.target, "--token", TOKENS["admin"], "--type", "BOGUS")
    assert r.returncode == 2 and "unknown event type" in r.stderr


@pytest.mark.parametrize("args,code,text", [
    (["status", "--server", "127.0.0.1:1", "--token", "x" * 20, "--timeout", "2"], 3, "unreachable"),
    (["status", "--token", "not-a-valid-token-123"], 4, "TOKEN_INVALID"),
    (["events", "--token", TOKENS["agent"]], 4, "NOT_YOUR_AGENT"),
    (["status", "--frobnicate"], 2, "unrecognized arguments"),
    (["nonsense"], 2, "invalid choice"),
    (["status", "--token-file", "/nonexistent/tokens.toml"], 4, "no token"),
])
def test_exit_codes(server, args, code, text):  # type: ignore[no-untyped-def]
    if "--server" not in args and args[0] in ("status", "events"):
        args = [args[0], "--server", server.target, *args[1:]]
    r = run(*args, env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"})
    assert r.returncode == code, (r.stdout, r.stderr)
    assert text in r.stderr


def test_serve_prints_the_default_config_and_checks_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = run("serve", "--print-default-config")
    assert r.returncode == 0 and "[[queues]]" in r.stdout and 'pattern = "0459"' in r.stdout
    r = run("serve", "--check-config", cwd=tmp_path)
    assert r.returncode == 0 and "6 queues, 36 agents, 10 routes" in r.stdout


def test_demo_runs_a_short_busy_hour() -> None:
    r = run("demo", "--calls", "40", "--agents", "12", "--duration", "6", "--quiet", timeout=120)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "FINAL" in r.stdout and "service level" in r.stdout
    final = r.stdout[r.stdout.index("FINAL"):]
    offered = sum(int(line.split()[3]) for line in final.splitlines()[2:8])
    assert offered >= 40


def test_serve_with_no_arguments_runs_the_built_in_hotline_under_var(tmp_path):  # type: ignore[no-untyped-def]
    """``acdcore serve`` alone: the embedded hotline configuration, state and tokens under ./var
    (the listen address is the only thing overridden: port 0 instead of 50051)."""
    import os
    import signal
    import time

    port_file = tmp_path / "port.json"
    log = open(tmp_path / "serve.log", "wb")
    p = subprocess.Popen([*ACD, "serve", "--listen", "127.0.0.1:0", "--port-file", str(port_file)],
                         cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    log.close()
    try:
        deadline = time.monotonic() + 60
        while not port_file.exists():
            assert p.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "the server did not start in 60 s"
            time.sleep(0.05)
        target = f"127.0.0.1:{json.loads(port_file.read_text())['ports'][0]}"
        assert (tmp_path / "var" / "tokens.toml").exists() and (tmp_path / "var" / "journal").is_dir()
        # the CLI takes its token from ./var/tokens.toml by default
        r = run("status", "--server", target, "--json", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        data = json.loads(r.stdout)
        assert {q["queue"] for q in data["queues"]} == {"general", "billing", "escalation", "repair", "complaints",
                                                         "orders"}
        p.send_signal(signal.SIGTERM)
        assert p.wait(30) == 0
    finally:
        if p.poll() is None:
            p.kill()
            p.wait(30)
