"""``acdcore status``, ``acdcore events`` and ``acdcore journal check``."""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

import grpc

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_UNREACHABLE, EXIT_AUTH = 0, 1, 2, 3, 4


def _token(args: argparse.Namespace) -> str | None:
    if args.token:
        return str(args.token)
    path: Path = args.token_file
    if path.exists():
        try:
            entries = tomllib.loads(path.read_text()).get("tokens", [])
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise SystemExit(f"acdcore: cannot read token file {path}: {e}")
        for role in ("admin", "supervisor", "business"):
            for e in entries:
                if e.get("role") == role and e.get("token"):
                    return str(e["token"])
    return None


def _client(args: argparse.Namespace) -> Any:
    from acdcore_client import Client

    token = _token(args)
    if token is None:
        print(f"acdcore: no token: give --token, set ACDCORE_TOKEN or point --token-file at a token file "
              f"(tried {args.token_file})", file=sys.stderr)
        raise SystemExit(EXIT_AUTH)
    return Client(args.server, token, tls_ca=args.tls_ca, tls_cert=args.tls_cert, tls_key=args.tls_key,
                  timeout=args.timeout, retries=1)


def _fail(err: Any, server: str) -> int:
    from acdcore_client.errors import AcdApiError

    if isinstance(err, AcdApiError):
        if err.code == grpc.StatusCode.UNAVAILABLE or err.code == grpc.StatusCode.DEADLINE_EXCEEDED:
            print(f"acdcore: server {server} unreachable: {err.message}", file=sys.stderr)
            return EXIT_UNREACHABLE
        if err.code in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED):
            print(f"acdcore: refused by {server}: {err.message} ({err.reason})", file=sys.stderr)
            return EXIT_AUTH
        print(f"acdcore: {err}", file=sys.stderr)
        return EXIT_FAIL
    raise err


def _fmt(v: float | None, unit: str = "s") -> str:
    return "-" if v is None else f"{v:.0f}{unit}" if unit == "s" else f"{v * 100:.0f}%"


def cmd_status(args: argparse.Namespace) -> int:
    from acdcore_client.errors import AcdApiError

    from acdcore_api.acd.v1 import enums_pb2

    c = _client(args)
    try:
        stats = c.list_queue_stats().stats
        agents = c.list_agents().agents
    except AcdApiError as e:
        return _fail(e, args.server)
    finally:
        c.close()
    if args.json:
        from google.protobuf.json_format import MessageToDict

        print(json.dumps({"queues": [MessageToDict(s, preserving_proto_field_name=True) for s in stats],
                          "agents": [MessageToDict(a, preserving_proto_field_name=True) for a in agents]},
                         indent=1))
        return EXIT_OK
    print(f"{'queue':<14}{'wait':>5}{'prio':>5}{'longest':>8}{'offered':>8}{'answ':>6}{'aband':>6}"
          f"{'SL':>6}{'ASA':>6}{'AHT':>6}{'avail':>6}{'busy':>5}{'paused':>7}")
    for s in stats:
        print(f"{s.queue:<14}{s.waiting:>5}{s.waiting_priority:>5}{s.longest_wait_seconds:>7.0f}s{s.offered:>8}"
              f"{s.answered:>6}{s.abandoned:>6}"
              f"{_fmt(s.service_level if s.HasField('service_level') else None, '%'):>6}"
              f"{_fmt(s.asa_seconds if s.HasField('asa_seconds') else None):>6}"
              f"{_fmt(s.aht_seconds if s.HasField('aht_seconds') else None):>6}"
              f"{s.agents_available:>6}{s.agents_busy:>5}{s.agents_paused:>7}")
    print()
    by_state: dict[str, list[str]] = {}
    for a in agents:
        name = enums_pb2.AgentState.Name(a.state).removeprefix("AGENT_STATE_")
        label = a.agent_id + (f"({a.reason})" if a.reason else "") + (f"[{a.call_id}]" if a.call_id else "")
        by_state.setdefault(name, []).append(label)
    for state, ids in by_state.items():
        print(f"{state:<11} {len(ids):>3}  {' '.join(ids)}")
    return EXIT_OK


class _CoreEvent:
    """An acd.v1 Event with the core Event's attribute names, for acdcore.queue_log."""

    def __init__(self, e: Any) -> None:
        from acdcore.enums import AgentState, EventType, Priority

        self.seq = e.seq
        self.time = e.time.seconds + e.time.nanos / 1e9
        self.type = EventType(e.type)
        self.call_id = e.call_id or None
        self.agent_id = e.agent_id or None
        self.queue = e.queue or None
        self.target_queue = e.target_queue or None
        self.offer_id = e.offer_id
        self.priority = Priority(e.priority) if e.priority else None
        self.agent_state = AgentState(e.agent_state) if e.agent_state else None
        self.previous_state = AgentState(e.previous_state) if e.previous_state else None
        self.reason = e.reason
        self.caller = e.caller or None
        self.position = e.position
        self.entry_position = e.entry_position
        self.wait_time = e.wait_seconds
        self.talk_time = e.talk_seconds
        self.ring_time = e.ring_seconds
        self.penalty_limit = e.penalty_limit
        self.step = e.step


def queue_log_lines(e: Any, logins: dict[str, float]) -> list[str]:
    """An acd.v1 Event as Asterisk queue_log lines (the server's times are already UNIX time)."""
    from acdcore.queue_log import format_event

    return format_event(_CoreEvent(e), logins=logins)


def cmd_events(args: argparse.Namespace) -> int:
    from acdcore_client.errors import AcdApiError
    from google.protobuf.json_format import MessageToDict

    from acdcore_api.acd.v1 import enums_pb2

    types = []
    for t in args.type:
        name = t.upper()
        name = name if name.startswith("EVENT_TYPE_") else "EVENT_TYPE_" + name
        try:
            types.append(enums_pb2.EventType.Value(name))
        except ValueError:
            known = ", ".join(n.removeprefix("EVENT_TYPE_") for n in enums_pb2.EventType.keys()[1:])
            print(f"acdcore events: unknown event type {t!r} (known: {known})", file=sys.stderr)
            return EXIT_USAGE
    c = _client(args)
    n = 0
    logins: dict[str, float] = {}
    try:
        for resp in c.watch_events(after_seq=args.after_seq, queues=args.queue, agent_ids=args.agent,
                                   event_types=types, max_reconnects=0):
            if resp.HasField("snapshot") and not args.queue_log:
                s = resp.snapshot
                print(f"# snapshot at seq {s.seq}: {len(s.queues)} queues, {len(s.agents)} agents, "
                      f"{len(s.calls)} calls", flush=True)
            for e in resp.events:
                if args.queue_log:
                    for line in queue_log_lines(e, logins):
                        print(line, flush=True)
                else:
                    d = MessageToDict(e, preserving_proto_field_name=True)
                    d["type"] = d["type"].removeprefix("EVENT_TYPE_")
                    print(json.dumps(d, separators=(",", ":")), flush=True)
                n += 1
                if args.count and n >= args.count:
                    return EXIT_OK
    except AcdApiError as e:
        return _fail(e, args.server)
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        c.close()
    return EXIT_OK


def cmd_journal_check(args: argparse.Namespace) -> int:
    from . import journal

    path: Path = args.path
    if not path.is_dir():
        print(f"acdcore journal check: {path}: not a journal directory", file=sys.stderr)
        return EXIT_USAGE
    records: list[tuple[int, bytes]] = []
    rep = journal.scan(path, sink=records if args.replay else None)
    segs = len(rep.segments) + len(rep.orphans)
    if segs == 0:
        print(f"acdcore journal check: {path}: no journal segments", file=sys.stderr)
        return EXIT_FAIL
    print(f"journal {path}: {segs} segment(s), {rep.records} valid records "
          f"({rep.first_index}..{rep.last_index}), snapshots at {rep.snapshots or 'none'}")
    for s in rep.segments:
        state = "ok" if s.problem is None else f"DAMAGED at byte {s.valid_bytes}: {s.problem}"
        print(f"  {s.path.name}: {s.records} records, {s.size} bytes, {state}")
    for o in rep.orphans:
        print(f"  {o.name}: after the damage, would not be replayed")
    status = EXIT_OK
    if rep.damage is not None:
        p, off, why = rep.damage
        print(f"CORRUPT: {p.name} at byte {off}: {why}; the server would drop everything from there "
              f"({p.stat().st_size - off} bytes{f' and {len(rep.orphans)} later segment(s)' if rep.orphans else ''})")
        status = EXIT_FAIL
    if args.replay:
        status = max(status, _replay(records))
    if status == EXIT_OK:
        print("OK")
    return status


def _replay(records: list[tuple[int, bytes]]) -> int:
    import time as _time

    import acdcore
    from acdcore.errors import AcdError

    from . import ops

    if not records or json.loads(records[0][1]).get("op") != "init":
        print("replay: the journal does not start with its init record (a snapshot covers its start?)")
        return EXIT_FAIL
    a = json.loads(records[0][1])["a"]
    t = [0.0]
    core = acdcore.Core(clock=lambda: t[0], seed=a["seed"], ended_call_memory=a["ended_call_memory"],
                        ended_call_limit=a["ended_call_limit"])
    bad = 0
    started = _time.perf_counter()
    for idx, payload in records[1:]:
        rec = json.loads(payload)
        t[0] = max(t[0], rec["t"])
        try:
            ops.apply(core, rec["op"], rec["a"])
            got = None
        except AcdError as e:
            got = e.reason
        if got != rec.get("err"):
            bad += 1
            print(f"  record {idx} ({rec['op']}): replay gave {got or 'success'}, journaled "
                  f"{rec.get('err') or 'success'}")
        core.read_events()
    took = _time.perf_counter() - started
    print(f"replay: {len(records) - 1} records in {took:.2f} s, {bad} mismatches; last event seq "
          f"{core.last_event_seq}, {len(core.call_ids())} calls open, {len(core.queue_names())} queues, "
          f"{len(core.agent_ids())} agents")
    return EXIT_FAIL if bad else EXIT_OK
