"""Reports as files: CSV (one per report) and SVG charts a supervisor would rather look at."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..enums import ReportKind
from . import charts
from .queries import Table


def to_csv(t: Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(t.columns)
    w.writerows(t.text_rows())
    return buf.getvalue()


def _short(p: str) -> str:
    return p[5:16].replace("T", " ")  # MM-DD HH:MM


def _pivot(t: Table, key_col: str, value_col: str, top: int = 8) -> tuple[list[str], dict[str, list[Any]]]:
    ki, vi, pi = t.columns.index(key_col), t.columns.index(value_col), t.columns.index("period_start")
    periods = sorted({r[pi] for r in t.rows})
    totals: dict[str, float] = defaultdict(float)
    cells: dict[tuple[str, str], Any] = {}
    wi = t.columns.index("offered" if "offered" in t.columns else "logged_in_seconds")
    for r in t.rows:
        cells[(r[ki], r[pi])] = r[vi]
        totals[r[ki]] += r[wi] or 0
    keys = sorted(totals, key=lambda k: -totals[k])[:top]
    return [_short(p) for p in periods], {k: [cells.get((k, p)) for p in periods] for k in sorted(keys)}


def charts_for(t: Table) -> dict[str, str]:
    """SVG charts of one report: file stem -> SVG text."""
    out: dict[str, str] = {}
    if not t.rows:
        return out
    c = t.columns
    if t.kind == ReportKind.QUEUE:
        pi = c.index("period_start")
        periods = sorted({r[pi] for r in t.rows})
        tot = {p: defaultdict(float) for p in periods}
        idx = [(name, c.index(name)) for name in ("offered", "answered", "abandoned")]
        for r in t.rows:
            acc_p = tot[r[pi]]
            for name, i in idx:
                acc_p[name] += r[i]
        labels = [_short(p) for p in periods]
        out["queue_volume"] = charts.line_chart("Calls per period, all queues", labels,
                                                {n: [tot[p][n] for p in periods] for n in
                                                 ("offered", "answered", "abandoned")}, y_label="calls")
        labels, sl = _pivot(t, "queue", "service_level")
        out["queue_service_level"] = charts.line_chart("Service level by queue", labels, sl,
                                                       y_label="answered within threshold", percent=True)
        labels, asa = _pivot(t, "queue", "asa_seconds")
        out["queue_asa"] = charts.line_chart("Average speed of answer by queue", labels, asa, y_label="seconds")
    elif t.kind == ReportKind.AGENT:
        ai = c.index("agent_id")
        per: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        idx = [(name, c.index(name)) for name in ("talk_seconds", "wrap_up_seconds", "ring_seconds",
                                                   "idle_seconds", "pause_seconds")]
        for r in t.rows:
            acc_a = per[r[ai]]
            for name, i in idx:
                acc_a[name] += (r[i] or 0) / 3600
        agents = sorted(per, key=lambda a: -sum(per[a].values()))[:30]
        agents.sort()
        out["agent_time"] = charts.bar_chart(
            "Agent time (hours): talk, wrap-up, ring, idle, pause", agents,
            {n.replace("_seconds", ""): [per[a][n] for a in agents] for n in
             ("talk_seconds", "wrap_up_seconds", "ring_seconds", "idle_seconds", "pause_seconds")},
            y_label="hours", stacked=True)
        occ = {a: (per[a]["talk_seconds"] + per[a]["wrap_up_seconds"] + per[a]["ring_seconds"]) for a in agents}
        out["agent_occupancy"] = charts.bar_chart(
            "Agent occupancy", agents,
            {"occupancy": [(occ[a] / (occ[a] + per[a]["idle_seconds"])) if occ[a] + per[a]["idle_seconds"] else 0
                           for a in agents]}, y_label="occupancy", percent=True)
    elif t.kind == ReportKind.TICKETS:
        ti, si, ni = c.index("type"), c.index("state"), c.index("tickets")
        types = sorted({r[ti] for r in t.rows})
        states = ["NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "FOLLOW_UP", "CLOSED"]
        acc: dict[tuple[str, str], float] = defaultdict(float)
        for r in t.rows:
            acc[(r[si], r[ti])] += r[ni]
        out["tickets_by_type"] = charts.bar_chart("Work orders by type and state", types,
                                                  {s: [acc[(s, ty)] for ty in types] for s in states
                                                   if any(acc[(s, ty)] for ty in types)},
                                                  y_label="work orders", stacked=True)
    elif t.kind == ReportKind.SLA:
        ti, ci = c.index("type"), c.index("sla_compliance")
        out["sla_compliance"] = charts.bar_chart("SLA compliance by type", [r[ti] for r in t.rows],
                                                 {"compliance": [r[ci] or 0 for r in t.rows]},
                                                 y_label="resolved within due time", percent=True)
    elif t.kind == ReportKind.OUTAGES:
        labels = [f"{r[0]} {r[1]}" for r in t.rows]
        out["outages"] = charts.bar_chart("Major outages: reports, notices and deflected calls", labels,
                                          {n: [r[c.index(n)] for r in t.rows] for n in
                                           ("reports", "notices_played", "calls_deflected")}, y_label="count")
    elif t.kind == ReportKind.CALLBACKS:
        pi = c.index("period_start")
        periods = sorted({r[pi] for r in t.rows})
        acc2: dict[str, dict[str, float]] = {p: defaultdict(float) for p in periods}
        for r in t.rows:
            for n in ("scheduled", "done", "failed"):
                acc2[r[pi]][n] += r[c.index(n)]
        out["callbacks"] = charts.line_chart("Callbacks and follow-ups", [_short(p) for p in periods],
                                             {n: [acc2[p][n] for p in periods] for n in ("scheduled", "done",
                                                                                         "failed")},
                                             y_label="callbacks")
    return out


def write(t: Table, out_dir: Path, name: str, *, svg: bool = True) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    files = [out_dir / f"{name}.csv"]
    files[0].write_text(to_csv(t))
    if t.notes:
        (out_dir / f"{name}.notes.txt").write_text("\n".join(t.notes) + "\n")
        files.append(out_dir / f"{name}.notes.txt")
    if svg:
        for stem, text in charts_for(t).items():
            p = out_dir / f"{stem}.svg"
            p.write_text(text)
            files.append(p)
    return files
