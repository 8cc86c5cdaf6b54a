"""``servicedesk cards``: prepaid service card batches.

    servicedesk cards generate --db URL --name B2026-01 --count 1000 (--value 50.00 | --package SPORTS)
                               --expires 2027-12-31 --out cards.csv     # the printer's file (PINs!)
    servicedesk cards activate|freeze|void --db URL --name B2026-01
    servicedesk cards report   --db URL [--csv FILE]
    servicedesk campaigns report --db URL --name CAMPAIGN --out DIR   # CSV + SVG chart per agent
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sys
from typing import Any, Callable


def _db(args: argparse.Namespace) -> Any:
    from ..config import Config, load
    from ..db import Database
    from . import schema

    cfg = load(args.config) if getattr(args, "config", None) else Config()
    url = args.db or cfg.desk.database_url
    db = Database(url)
    schema.create(db.engine)
    return db


def cmd_cards(args: argparse.Namespace) -> int:
    from ..errors import DeskError
    from .cards import BatchState, CardService

    db = _db(args)
    svc = CardService(db)
    try:
        if args.action == "generate":
            if not args.name or not args.count or not args.expires or not args.out:
                print("servicedesk cards generate: --name, --count, --expires and --out are required", file=sys.stderr)
                return 2
            try:
                exp = dt.datetime.fromisoformat(args.expires)
            except ValueError:
                print(f"servicedesk: {args.expires!r} is not a date", file=sys.stderr)
                return 2
            if exp.tzinfo is None:
                exp = exp.replace(tzinfo=dt.timezone.utc)
            value = int(round(float(args.value) * 100)) if args.value else 0
            if os.path.exists(args.out):
                print(f"servicedesk: {args.out} exists; not overwriting a PIN file", file=sys.stderr)
                return 2
            bid, out = svc.generate_batch(args.name, args.count, face_value_cents=value, package=args.package or "",
                                          expires_at=exp.timestamp())
            text = CardService.export_csv(args.name, out, face_value_cents=value, package=args.package or "",
                                          expires=exp.date().isoformat())
            fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(text)
            print(json.dumps({"batch": args.name, "id": bid, "cards": len(out), "file": args.out}))
        elif args.action in ("activate", "freeze", "void"):
            if not args.name:
                print("servicedesk cards: --name is required", file=sys.stderr)
                return 2
            st = {"activate": BatchState.ACTIVE, "freeze": BatchState.FROZEN, "void": BatchState.VOID}[args.action]
            svc.set_batch_state(args.name, st)
            print(json.dumps({"batch": args.name, "state": st.name}))
        else:
            rows = svc.report()
            if args.csv:
                with open(args.csv, "w", newline="") as f:
                    w = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["batch"])
                    w.writeheader()
                    w.writerows(rows)
            for r in rows:
                print(json.dumps(r))
    except DeskError as e:
        print(f"servicedesk cards: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0


def cmd_campaigns(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ..errors import DeskError
    from .campaigns import CampaignService
    from .schema import campaigns

    db = _db(args)
    try:
        cid = db.read_sync(lambda c: c.execute(select(campaigns.c.id).where(campaigns.c.name == args.name)).scalar())
        if cid is None:
            print(f"servicedesk campaigns: no campaign {args.name!r}", file=sys.stderr)
            return 1
        rep = CampaignService(db).report(int(cid))
        os.makedirs(args.out, exist_ok=True)
        base = os.path.join(args.out, f"campaign-{args.name}")
        with open(base + ".csv", "w", newline="") as f:
            f.write(CampaignService.report_csv(rep))
        with open(base + ".svg", "w") as f:
            f.write(CampaignService.report_svg(rep))
        print(json.dumps({k: v for k, v in rep.items() if k != "agents"} | {"files": [base + ".csv", base + ".svg"]}))
    except DeskError as e:
        print(f"servicedesk campaigns: {e}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("cards", help="prepaid service card batches: generate, activate, freeze, void, report")
    common(p)
    p.add_argument("action", choices=("generate", "activate", "freeze", "void", "report"))
    p.add_argument("--name", help="batch name")
    p.add_argument("--count", type=int)
    p.add_argument("--value", help="face value in yuan (e.g. 50.00)")
    p.add_argument("--package", help="package code (instead of a value)")
    p.add_argument("--expires", help="expiry date YYYY-MM-DD (UTC)")
    p.add_argument("--out", help="CSV file for the printer (created 0600, never overwritten)")
    p.add_argument("--csv", help="report: also write CSV here")
    p.set_defaults(fn=cmd_cards)
    p = sub.add_parser("campaigns", help="telemarketing campaign reports (CSV and an SVG chart per agent)")
    common(p)
    p.add_argument("action", choices=("report",))
    p.add_argument("--name", required=True, help="campaign name")
    p.add_argument("--out", default="reports", help="directory for the files")
    p.set_defaults(fn=cmd_campaigns)
