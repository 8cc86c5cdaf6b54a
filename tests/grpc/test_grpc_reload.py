"""SIGHUP reloads the configuration under load without dropping a waiting call; a bad file is
refused with its line number and the old configuration keeps running."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

from acdcore_api.acd.v1 import enums_pb2 as E
from acdcore_client import errors

from grpc_harness import TEST_CONFIG, ServerProc, client


def _wait_for(srv, text, count=1, timeout=30.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while srv.output().count(text) < count:
        assert time.monotonic() < deadline, f"{text!r} not in the server output:\n{srv.output()[-3000:]}"
        time.sleep(0.02)


def test_sighup_reload_under_load_keeps_every_waiting_call(tmp_path):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path).start()
    acked: list[str] = []
    stop = threading.Event()

    def load() -> None:
        c = client(srv.target, "telephony")
        n = 0
        while not stop.is_set() and n < 3000:
            c.enqueue_call(f"h-{n}", "general", caller="0459300")
            acked.append(f"h-{n}")
            n += 1
        c.close()

    try:
        t = threading.Thread(target=load, daemon=True)
        t.start()
        cfg = TEST_CONFIG
        versions = [
            cfg.replace('name = "general"\nwrap_up = 0', 'name = "general"\nwrap_up = 7'),
            cfg.replace('name = "general"\nwrap_up = 0', 'name = "general"\nwrap_up = 9')
            + '\n[[queues]]\nname = "newq"\nwrap_up = 1\n\n[[agents]]\nid = "a4"\nqueues = { newq = 0 }\n'
              '\n[[routes]]\npattern = "966553"\nqueue = "newq"\n',
        ]
        for k, text in enumerate(versions, start=1):
            time.sleep(0.2)
            srv.config.write_text(text)
            srv.signal(signal.SIGHUP)
            _wait_for(srv, "configuration reloaded", k)
        time.sleep(0.2)
        stop.set()
        t.join(30)
        adm = client(srv.target, "admin")
        assert adm.get_queue("general").config.wrap_up_seconds == 9
        assert adm.get_queue("newq").config.wrap_up_seconds == 1
        assert adm.get_agent("a4").agent.queues[0].queue == "newq"
        assert adm.lookup_number("", "966553").decision.queue == "newq"
        waiting = [c.call_id for c in adm.list_calls("general").calls]
        assert waiting == acked and len(acked) > 50  # none dropped, order kept
        # dropping a queue that still has calls keeps it (with a warning); dropping newq works
        srv.config.write_text(TEST_CONFIG.replace('[[queues]]\nname = "general"', '[[queues]]\nname = "gen2"')
                              .replace("queues = { general = 0", "queues = { gen2 = 0")
                              .replace("billing = 0, general = 1 }", "billing = 0, gen2 = 1 }")
                              .replace('queue = "general"', 'queue = "gen2"'))
        srv.signal(signal.SIGHUP)
        _wait_for(srv, "configuration reloaded", 3)
        assert "stays until it can be deleted" in srv.output()
        assert [c.call_id for c in adm.list_calls("general").calls] == acked
        names = [q.name for q in adm.list_queues().configs]
        assert "gen2" in names and "newq" not in names and "general" in names
        adm.close()
        # the reloaded configuration survives a restart as it is
        srv.restart()
        adm = client(srv.target, "admin")
        assert [c.call_id for c in adm.list_calls("general").calls] == acked
        assert "newq" not in [q.name for q in adm.list_queues().configs]
        adm.close()
    finally:
        stop.set()
        srv.kill()


def test_invalid_config_is_refused_with_line_number(tmp_path):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path).start()
    try:
        bad = TEST_CONFIG.replace('name = "billing"\nwrap_up = 0.2', 'name = "billing"\nwrap_up = -3')
        line = bad.splitlines().index("wrap_up = -3") + 1
        srv.config.write_text(bad + '\n[[queues]]\nname = "never"\n')
        srv.signal(signal.SIGHUP)
        _wait_for(srv, "acdcore: configuration refused")
        assert f"acdcore.toml:{line}: queues[1].wrap_up" in srv.output()
        adm = client(srv.target, "admin")
        assert adm.get_queue("billing").config.wrap_up_seconds == 0.2
        try:
            adm.get_queue("never")
            raise AssertionError("a refused configuration was applied")
        except errors.NotFound:
            pass
        # a TOML syntax error: the line of the error
        srv.config.write_text(TEST_CONFIG + "\n[[queues]\nname = 1\n")
        srv.signal(signal.SIGHUP)
        _wait_for(srv, "acdcore: configuration refused", 2)
        assert f"acdcore.toml:{len(TEST_CONFIG.splitlines()) + 2}: TOML syntax" in srv.output()
        # still serving, with the old tokens and queues
        assert adm.get_agent("a1").agent.state == E.AGENT_STATE_LOGGED_OUT
        adm.close()
    finally:
        srv.kill()


def test_check_config_command(tmp_path):  # type: ignore[no-untyped-def]
    good = tmp_path / "good.toml"
    good.write_text(TEST_CONFIG)
    run = lambda p: subprocess.run([sys.executable, "-m", "acdcore.cli", "serve", "--config", str(p),  # noqa: E731
                                    "--check-config"], capture_output=True, text=True, timeout=60)
    r = run(good)
    assert r.returncode == 0 and "3 queues, 3 agents, 6 routes, 6 tokens" in r.stdout
    cases = {
        'pattern = "966551"\nqueue = "general"': ('pattern = "966551"\nqueue = "nope"', "routes[0]"),
        '[[agents]]\nid = "a2"': ('[[agents]]\nid = "a1"', "agents[1].id"),
        'skills = { senior = 1 }': ('skills = { unknown = 1 }', "queues[2].skills"),
        'role = "business"': ('role = "boss"', "auth.tokens[3].role"),
    }
    for old, (new, where) in cases.items():
        bad = tmp_path / "bad.toml"
        text = TEST_CONFIG.replace(old, new, 1)
        bad.write_text(text)
        r = run(bad)
        assert r.returncode == 2, r.stdout
        assert where in r.stderr and "bad.toml:" in r.stderr, r.stderr
    r = run(tmp_path / "missing.toml")
    assert r.returncode == 2 and "cannot read" in r.stderr
