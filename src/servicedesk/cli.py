"""``servicedesk``: the business platform's command line.

    servicedesk serve    --config desk.toml [--listen HOST:PORT] [--port-file F]
    servicedesk migrate  --config desk.toml            (or --db URL; the desk's and the growth tables)
    servicedesk report   --config desk.toml --kind queue|agent|tickets|sla|outages|callbacks|all
                         --from 2026-01-01 --to 2026-02-01 [--granularity hour|day|total] --out DIR [--no-charts]
    servicedesk backup   --config desk.toml --out DIR
    servicedesk verify-backup ARCHIVE
    servicedesk restore  --config desk.toml --from ARCHIVE [--force]
    servicedesk cards    generate|activate|freeze|void|report ...   (growth/cli.py)
    servicedesk campaigns report --name CAMPAIGN --out DIR           (growth/cli.py)

Exit status: 0 done, 1 failed, 2 bad usage or configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy.exc import ArgumentError

from . import config as config_mod


def _cfg(args: argparse.Namespace) -> config_mod.Config:
    cfg = config_mod.load(args.config) if args.config else config_mod.Config()
    if getattr(args, "db", None):
        cfg.desk.database_url = args.db
    return cfg


def _time(s: str, utc_offset: int) -> float:
    try:
        d = dt.datetime.fromisoformat(s)
    except ValueError:
        raise SystemExit(f"servicedesk: {s!r} is not a date or time (YYYY-MM-DD[THH:MM])") from None
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.timezone(dt.timedelta(seconds=utc_offset)))
    return d.timestamp()


def cmd_serve(args: argparse.Namespace) -> int:
    from .server import DeskServer

    cfg = _cfg(args)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    srv = DeskServer(cfg, listen=args.listen or None, port_file=args.port_file)
    asyncio.run(srv.serve())
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from .db import make_engine
    from .growth import migrate as growth_migrate

    cfg = _cfg(args)
    eng = make_engine(cfg.desk.database_url)
    try:
        # two Alembic lines (the growth tables keep their own version table, growth/migrate.py)
        (before, after), (g_before, g_after) = growth_migrate.upgrade_with_desk(eng)
    except RuntimeError as e:  # a migration refusing the database as it found it
        print(f"servicedesk migrate: {e}", file=sys.stderr)
        return 1
    finally:
        eng.dispose()
    print(f"servicedesk: database at revision {after} (was {before or 'empty'}), "
          f"growth tables at revision {g_after} (was {g_before or 'empty'})")
    return 0


KINDS = ("queue", "agent", "tickets", "sla", "outages", "callbacks")


def cmd_report(args: argparse.Namespace) -> int:
    from .db import Database
    from .enums import Granularity, ReportKind
    from .reports import output, queries

    cfg = _cfg(args)
    off = cfg.desk.utc_offset if args.utc_offset is None else args.utc_offset
    start, end = _time(args.start, off), _time(args.end, off)
    if end <= start:
        print("servicedesk report: --to must lie after --from", file=sys.stderr)
        return 2
    g = Granularity[args.granularity.upper()] if args.granularity else None
    kinds = KINDS if args.kind == "all" else (args.kind,)
    db = Database(cfg.desk.database_url)
    out = Path(args.out)
    t0 = time.perf_counter()
    try:
        for k in kinds:
            table = db.read_sync(queries.run, ReportKind[k.upper()], start, end, g, args.keys or (), off, time.time())
            files = output.write(table, out, k, svg=not args.no_charts)
            print(f"{k}: {len(table.rows)} rows -> {', '.join(f.name for f in files)}")
            for n in table.notes:
                print(f"  note: {n}")
    finally:
        db.close()
    print(f"servicedesk report: done in {time.perf_counter() - t0:.2f} s, files in {out}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from .backup.archive import BackupError, backup

    cfg = _cfg(args)
    try:
        path = backup(cfg.desk.database_url, Path(args.out),
                      recordings_index=args.recordings_index or cfg.backup.recordings_index,
                      acd_journal_dir=args.acd_journal_dir or cfg.backup.acd_journal_dir, label=args.label)
    except BackupError as e:
        print(f"servicedesk backup: {e}", file=sys.stderr)
        return 1
    from .backup.archive import read_manifest

    m = read_manifest(path)
    rows = sum(t["rows"] for t in m["tables"].values())
    print(f"servicedesk backup: {path} ({path.stat().st_size} bytes, {rows} rows in {len(m['tables'])} tables, "
          f"{len(m['files'])} files, verified; {m['seconds']:.2f} s)")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .backup.archive import BackupError, verify

    try:
        m = verify(Path(args.archive))
    except BackupError as e:
        print(f"servicedesk verify-backup: {e}", file=sys.stderr)
        return 1
    print(f"servicedesk verify-backup: {args.archive} is whole ({m['database']}, revision {m['revision']}, "
          f"{sum(t['rows'] for t in m['tables'].values())} rows, made {m['created']})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from .backup.archive import BackupError, restore

    cfg = _cfg(args)
    try:
        r = restore(Path(args.archive), cfg.desk.database_url,
                    recordings_index=args.recordings_index or cfg.backup.recordings_index,
                    acd_journal_dir=args.acd_journal_dir or cfg.backup.acd_journal_dir, force=args.force)
    except BackupError as e:
        print(f"servicedesk restore: {e}", file=sys.stderr)
        return 1
    print(f"servicedesk restore: {json.dumps(r)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="servicedesk", description="the hotline's business platform (desk.v1)")
    sub = ap.add_subparsers(dest="cmd", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", type=Path, help="desk configuration (TOML)")
        p.add_argument("--db", help="database URL (overrides [desk] database_url)")

    p = sub.add_parser("serve", help="run the desk.v1 server")
    common(p)
    p.add_argument("--listen", action="append", help="HOST:PORT (repeatable; overrides [desk] listen)")
    p.add_argument("--port-file", type=Path, help="write the bound ports here as JSON once serving")
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(fn=cmd_serve)
    p = sub.add_parser("migrate", help="bring the database (desk and growth tables) to the newest schema")
    common(p)
    p.set_defaults(fn=cmd_migrate)
    p = sub.add_parser("report", help="statistical reports as CSV and SVG charts")
    common(p)
    p.add_argument("--kind", choices=(*KINDS, "all"), default="all")
    p.add_argument("--from", dest="start", required=True, help="start, ISO date/time (local time unless an offset)")
    p.add_argument("--to", dest="end", required=True, help="end (exclusive)")
    p.add_argument("--granularity", choices=("hour", "day", "total"))
    p.add_argument("--keys", nargs="*", help="only these queues / agents")
    p.add_argument("--utc-offset", type=int, help="seconds east of UTC for days (default [desk] utc_offset)")
    p.add_argument("--out", default="reports", help="directory for the files")
    p.add_argument("--no-charts", action="store_true")
    p.set_defaults(fn=cmd_report)
    p = sub.add_parser("backup", help="write a verified, checksummed archive")
    common(p)
    p.add_argument("--out", required=True, help="directory (or .tar file) to write")
    p.add_argument("--recordings-index", help="the recording index (default [backup] recordings_index)")
    p.add_argument("--acd-journal-dir", help="acdcore's journal directory (default [backup] acd_journal_dir)")
    p.add_argument("--label", default="")
    p.set_defaults(fn=cmd_backup)
    p = sub.add_parser("verify-backup", help="check an archive")
    p.add_argument("archive")
    p.set_defaults(fn=cmd_verify)
    p = sub.add_parser("restore", help="rebuild the database (and recording index, acdcore journal) from an archive")
    common(p)
    p.add_argument("--from", dest="archive", required=True)
    p.add_argument("--recordings-index", help="where to put the recording index")
    p.add_argument("--acd-journal-dir", help="where to put acdcore's journal (an empty directory)")
    p.add_argument("--force", action="store_true", help="overwrite a non-empty SQLite target")
    p.set_defaults(fn=cmd_restore)
    from .growth.cli import register as register_growth  # issue 7: `servicedesk cards` and `campaigns`

    register_growth(sub, common)
    args = ap.parse_args(argv)
    try:
        return int(args.fn(args))
    except config_mod.ConfigError as e:
        print(f"servicedesk: configuration: {e}", file=sys.stderr)
        return 2
    except (ValueError, ArgumentError) as e:  # e.g. an unsupported or malformed database URL
        print(f"servicedesk {args.cmd}: {e}", file=sys.stderr)
        return 2


def _main() -> Any:
    sys.exit(main())


if __name__ == "__main__":
    _main()
