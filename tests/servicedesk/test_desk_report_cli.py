"""``servicedesk report`` on SQLite and PostgreSQL: hourly rollups of agents and queues (as the
event ingest writes them) and work orders become CSV files and SVG charts; hours, days and the
total agree with each other; bad arguments get a message and exit status 2, and write nothing."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sqlalchemy import insert

from servicedesk import cli
from servicedesk.db.schema import agent_hourly, agent_pause_hourly, queue_hourly, tickets

DAY0 = 1_767_225_600  # 2026-01-01T00:00:00Z
AGENTS = ("a01", "a02", "a03")


def _fill(db) -> None:  # type: ignore[no-untyped-def]
    def write(conn):  # type: ignore[no-untyped-def]
        ah, aph, qh, tk = [], [], [], []
        for h in range(48):  # two days, UTC+8 local days cut them at 16:00Z
            hour = DAY0 + h * 3600
            for i, a in enumerate(AGENTS):
                ah.append({"agent_id": a, "hour": hour, "calls": 3 + i, "no_answers": h % 2, "talk": 600.0 + i,
                           "wrap_up": 60.0, "ring": 15.0, "idle": 2000.0, "pause": 300.0 * (h % 3 == 0),
                           "logged_in": 3600.0})
                if h % 3 == 0:
                    aph.append({"agent_id": a, "hour": hour, "reason": "lunch" if h % 2 else "training",
                                "seconds": 300.0})
            for q in ("general", "repair"):
                qh.append({"queue": q, "hour": hour, "offered": 10, "answered": 9, "answered_within_sl": 8,
                           "abandoned": 1, "short_abandoned": 0, "overflowed": 0, "transferred_out": 0,
                           "rejected": 0, "handled": 9, "wait_answered": 90.0, "talk": 1800.0, "wrap_up": 90.0})
            tk.append({"type": 1 + h % 5, "channel": 1, "state": 1, "priority": 2, "contact_number": "13900001111",
                       "area": f"G{h % 3:02d}", "subject": "x", "created_by": "t", "created_at": hour + 60,
                       "updated_at": hour + 60, "due_at": hour + 86400})
        conn.execute(insert(agent_hourly), ah)
        conn.execute(insert(agent_pause_hourly), aph)
        conn.execute(insert(queue_hourly), qh)
        conn.execute(insert(tickets), tk)

    db.write_sync(write)


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def _report(db_url: str, out: Path, *extra: str) -> int:
    return cli.main(["report", "--db", db_url, "--from", "2026-01-01T00:00+00:00", "--to", "2026-01-03T00:00+00:00",
                     "--utc-offset", "28800", "--out", str(out), *extra])


def test_report_files_and_periods_agree(db, db_url, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    _fill(db)
    sums = {}
    for g in ("hour", "day", "total"):
        out = tmp_path / g
        assert _report(db_url, out, "--granularity", g) == 0
        agents = _csv(out / "agent.csv")
        queues = _csv(out / "queue.csv")
        assert {r["agent_id"] for r in agents} == set(AGENTS)
        sums[g] = (sum(int(r["calls"]) for r in agents), sum(float(r["talk_seconds"]) for r in agents),
                   sum(float(r["pause_seconds"]) for r in agents), sum(int(r["offered"]) for r in queues))
        n_periods = {"hour": 48, "day": 3, "total": 1}[g]  # UTC+8 days: Jan 1 (16 h), Jan 2, Jan 3 (8 h)
        assert len(agents) == 3 * n_periods and len(queues) == 2 * n_periods, (g, len(agents), len(queues))
        if g == "day":
            assert [r["period_start"] for r in agents[::3]] == ["2026-01-01T00:00:00+08:00",
                                                                "2026-01-02T00:00:00+08:00",
                                                                "2026-01-03T00:00:00+08:00"]
            first = [r for r in agents if r["agent_id"] == "a01"][0]
            assert int(first["calls"]) == 3 * 16  # 00:00Z-16:00Z is Jan 1 local
        if g == "total":
            a2 = [r for r in agents if r["agent_id"] == "a02"][0]
            assert "lunch=" in a2["pause_by_reason"] and "training=" in a2["pause_by_reason"]
            assert float(a2["occupancy"]) == pytest.approx((601 + 60 + 15) / (601 + 60 + 15 + 2000), rel=1e-3)
            q = _csv(out / "queue.csv")[0]
            assert float(q["service_level"]) == pytest.approx(0.8) and float(q["asa_seconds"]) == 10.0
        # a supervisor gets pictures: well-formed SVG charts
        svgs = sorted(p.name for p in out.glob("*.svg"))
        assert {"agent_time.svg", "agent_occupancy.svg", "queue_volume.svg", "queue_service_level.svg"} <= set(svgs)
        for p in out.glob("*.svg"):
            root = ET.parse(p).getroot()
            assert root.tag.endswith("svg") and len(list(root.iter())) > 5
        tickets_csv = _csv(out / "tickets.csv")
        assert sum(int(r["tickets"]) for r in tickets_csv) == 48
    assert sums["hour"] == sums["day"] == sums["total"] == (48 * 12, 48 * 1803.0, 16 * 3 * 300.0, 48 * 20)
    assert "servicedesk report: done" in capsys.readouterr().out


def test_report_only_some_keys_and_no_charts(db, db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _fill(db)
    out = tmp_path / "o"
    assert _report(db_url, out, "--kind", "agent", "--keys", "a02", "--granularity", "total", "--no-charts") == 0
    assert [r["agent_id"] for r in _csv(out / "agent.csv")] == ["a02"]
    assert sorted(p.name for p in out.iterdir()) == ["agent.csv"]


@pytest.mark.parametrize("args, message", [
    (["--from", "2026-01-02", "--to", "2026-01-01"], "--to must lie after --from"),
    (["--from", "2026-01-01", "--to", "2026-01-01"], "--to must lie after --from"),
    (["--from", "yesterday", "--to", "2026-01-01"], "is not a date or time"),
    (["--from", "2026-01-01", "--to", "2026-02-30"], "is not a date or time"),
])
def test_report_bad_arguments(tmp_path, capsys, args, message) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'd.sqlite'}"
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as e:
        rc = cli.main(["report", "--db", url, "--out", str(out), *args])
        raise SystemExit(rc)
    err = capsys.readouterr().err + str(e.value.code)
    assert message in err
    assert e.value.code != 0 and not out.exists()


@pytest.mark.parametrize("args", [["report", "--kind", "nope", "--from", "2026-01-01", "--to", "2026-01-02"],
                                  ["report", "--to", "2026-01-02"], ["frobnicate"]])
def test_cli_usage_errors_exit_2(args, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as e:
        cli.main(args)
    assert e.value.code == 2 and "usage: servicedesk" in capsys.readouterr().err


def test_cli_bad_database_url_exit_2(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli.main(["migrate", "--db", "not a url"]) == 2
    assert "servicedesk migrate:" in capsys.readouterr().err
    assert cli.main(["migrate", "--db", "mysql://u@h/db"]) == 2
    assert "unsupported database" in capsys.readouterr().err
    cfg = tmp_path / "desk.toml"
    cfg.write_text("[desk]\ndatabase_url = 42\n")
    assert cli.main(["migrate", "--config", str(cfg)]) == 2
    assert "configuration" in capsys.readouterr().err
