"""The ``acdcore`` command: serve, demo, status, events, journal check.

    acdcore serve [--config FILE]          run the gRPC server (built-in hotline defaults, ./var)
    acdcore demo                           a simulated busy hour through the real gRPC API
    acdcore status [--server ADDR]         queues and agents of a running server
    acdcore events [--queue-log]           tail the event stream
    acdcore journal check PATH             verify a journal
    acdcore recordings verify              check the recording index's hash chain, rows and files
    acdcore recordings retention --days N  delete recordings older than N days (logged)

Exit codes: 0 success, 1 failure (server error, corrupt journal), 2 bad usage or
configuration, 3 server unreachable, 4 authentication or permission refused.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_UNREACHABLE, EXIT_AUTH = 0, 1, 2, 3, 4
DEFAULT_SERVER = "127.0.0.1:50051"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit code 2 with a clear message, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _client_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("connection")
    g.add_argument("--server", default=os.environ.get("ACDCORE_SERVER", DEFAULT_SERVER),
                   help=f"host:port of the server (env ACDCORE_SERVER, default {DEFAULT_SERVER})")
    g.add_argument("--token", default=os.environ.get("ACDCORE_TOKEN"),
                   help="bearer token (env ACDCORE_TOKEN); default: the admin (else supervisor) token of "
                        "--token-file")
    g.add_argument("--token-file", type=Path, default=Path(os.environ.get("ACDCORE_TOKEN_FILE", "var/tokens.toml")),
                   help="token file to take a token from (default var/tokens.toml)")
    g.add_argument("--tls-ca", type=Path, help="CA certificate: connect with TLS, verifying the server")
    g.add_argument("--tls-cert", type=Path, help="client certificate (mTLS)")
    g.add_argument("--tls-key", type=Path, help="client key (mTLS)")
    g.add_argument("--timeout", type=float, default=5.0, help="deadline of each call in seconds (default 5)")


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="acdcore", description="acdcore: ACD core, gRPC server and tools")
    ap.add_argument("--log-level", default=os.environ.get("ACDCORE_LOG", "WARNING"),
                    choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="log level (default WARNING)")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    s = sub.add_parser("serve", help="run the gRPC server")
    s.add_argument("--config", type=Path, help="TOML configuration (default: the built-in hotline)")
    s.add_argument("--listen", action="append", metavar="HOST:PORT",
                   help="listen here instead of [server] listen (repeatable; port 0 picks a free port)")
    s.add_argument("--state-dir", type=Path, help="state directory instead of [server] state_dir")
    s.add_argument("--port-file", type=Path, help="write the bound ports (JSON) here once serving")
    s.add_argument("--insecure", action="store_true",
                   help="allow plaintext on non-loopback addresses (prefer TLS)")
    s.add_argument("--print-default-config", action="store_true", help="print the built-in config and exit")
    s.add_argument("--check-config", action="store_true", help="check the configuration and exit")

    d = sub.add_parser("demo", help="simulate a busy hour through the real gRPC API")
    d.add_argument("--calls", type=int, default=520, help="callers in the simulated hour (default 520)")
    d.add_argument("--agents", type=int, default=36, help="agents logged in (default 36, at most 36)")
    d.add_argument("--duration", type=float, default=40.0,
                   help="wall seconds the simulated hour takes (default 40)")
    d.add_argument("--seed", type=int, default=7, help="random seed of the simulation")
    d.add_argument("--state-dir", type=Path, help="keep the demo server's state here (default: a temp dir)")
    d.add_argument("--quiet", action="store_true", help="no live table, final statistics only")

    st = sub.add_parser("status", help="queues and agents of a running server")
    _client_args(st)
    st.add_argument("--json", action="store_true", help="machine-readable output")

    e = sub.add_parser("events", help="tail the event stream")
    _client_args(e)
    e.add_argument("--queue", action="append", default=[], help="only events of this queue (repeatable)")
    e.add_argument("--agent", action="append", default=[], help="only events of this agent (repeatable)")
    e.add_argument("--type", action="append", default=[], help="only this event type, e.g. CALL_OFFERED")
    e.add_argument("--after-seq", type=int, default=0, help="resume after this sequence number")
    e.add_argument("--count", type=int, default=0, help="stop after this many events (default: never)")
    e.add_argument("--queue-log", action="store_true", help="print Asterisk queue_log lines")

    j = sub.add_parser("journal", help="journal tools")
    jsub = j.add_subparsers(dest="journal_command", metavar="SUBCOMMAND", parser_class=_Parser)
    jsub.required = True
    jc = jsub.add_parser("check", help="verify a journal directory")
    jc.add_argument("path", type=Path, help="journal directory (e.g. var/journal)")
    jc.add_argument("--replay", action="store_true", help="also replay it into a scratch core")

    r = sub.add_parser("recordings", help="recording index tools")
    rsub = r.add_subparsers(dest="recordings_command", metavar="SUBCOMMAND", parser_class=_Parser)
    rsub.required = True
    rv = rsub.add_parser("verify", help="detect altered or deleted index rows and files (exit 1 if any)")
    rr = rsub.add_parser("retention", help="delete recordings older than --days (per queue with --queue)")
    for x in (rv, rr):
        x.add_argument("--index", type=Path, default=Path("var/recordings/index.sqlite"),
                       help="the recording index (default var/recordings/index.sqlite)")
    rv.add_argument("--json", action="store_true", help="machine-readable report")
    rv.add_argument("--no-files", action="store_true", help="check the index only, do not hash the files")
    rr.add_argument("--days", type=float, required=True, help="keep recordings this many days")
    rr.add_argument("--queue", action="append", default=[], metavar="QUEUE=DAYS",
                    help="another period for one queue's recordings (repeatable)")
    rr.add_argument("--dry-run", action="store_true", help="only list what would be deleted")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command == "serve":
        return cmd_serve(args)
    from grpc_server import cli_tools

    if args.command == "demo":
        from grpc_server import demo

        return demo.run(args)
    if args.command == "status":
        return cli_tools.cmd_status(args)
    if args.command == "events":
        return cli_tools.cmd_events(args)
    if args.command == "journal":
        return cli_tools.cmd_journal_check(args)
    if args.command == "recordings":
        from rtp import cli as rtp_cli

        return rtp_cli.main(args)
    return EXIT_USAGE  # pragma: no cover


def cmd_serve(args: argparse.Namespace) -> int:
    from grpc_server import app, config
    from grpc_server.default_config import DEFAULT_CONFIG

    if args.print_default_config:
        sys.stdout.write(DEFAULT_CONFIG)
        return EXIT_OK
    try:
        cfg = config.load(args.config, create_tokens=args.config is None and not args.check_config)
    except config.ConfigError as e:
        print(f"acdcore serve: {e}", file=sys.stderr)
        return EXIT_USAGE
    if args.check_config:
        print(f"{args.config or '<default config>'}: OK ({len(cfg.queues)} queues, {len(cfg.agents)} agents, "
              f"{len(cfg.routes or [])} routes, {len(cfg.tokens)} tokens)")
        return EXIT_OK
    if args.state_dir is not None:
        cfg.server.state_dir = args.state_dir
        cfg.server.journal_dir = None
    if args.config is None and cfg.token_file is not None:
        print(f"acdcore: tokens in {cfg.token_file}", file=sys.stderr)
    return app.run(cfg, listen=args.listen, port_file=args.port_file, allow_insecure=args.insecure)


if __name__ == "__main__":
    sys.exit(main())
