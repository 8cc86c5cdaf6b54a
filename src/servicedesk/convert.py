"""Rows (dicts) to desk.v1 messages, and Timestamps to Unix seconds."""

from __future__ import annotations

import json
import math
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from .api.desk.v1 import resources_pb2 as pb


def ts(t: float | None) -> Timestamp | None:
    if t is None:
        return None
    out = Timestamp()
    s = math.floor(t)
    out.seconds = int(s)
    out.nanos = min(int((t - s) * 1e9), 999_999_999)
    return out


def from_ts(m: Timestamp) -> float:
    return m.seconds + m.nanos / 1e9


def opt_ts(msg: Any, field: str) -> float | None:
    return from_ts(getattr(msg, field)) if msg.HasField(field) else None


def subscriber(r: dict[str, Any]) -> pb.Subscriber:
    return pb.Subscriber(
        subscriber_id=r["id"], account_number=r["account_number"], name=r["name"], phone_numbers=r["phones"],
        address=r["address"], area=r["area"], balance_cents=r["balance_cents"], status=r["status"],
        version=r["version"], create_time=ts(r["created_at"]), update_time=ts(r["updated_at"]),
        services=[pb.ServiceHolding(kind=s["kind"], smart_card_number=s["smart_card_number"] or "",
                                    product=s["product"], since_time=ts(s["since_at"])) for s in r["services"]])


def ticket(r: dict[str, Any]) -> pb.Ticket:
    return pb.Ticket(
        ticket_id=r["id"], type=r["type"], channel=r["channel"], state=r["state"], priority=r["priority"],
        subscriber_id=r["subscriber_id"] or 0, contact_number=r["contact_number"], area=r["area"],
        subject=r["subject"], description=r["description"], department=r["department"], team=r["team"],
        agent_id=r["agent_id"], call_ids=r.get("call_ids", ()), recording_ids=r.get("recording_ids", ()),
        create_time=ts(r["created_at"]), update_time=ts(r["updated_at"]), due_time=ts(r["due_at"]),
        resolve_time=ts(r["resolved_at"]), close_time=ts(r["closed_at"]), escalate_time=ts(r["escalated_at"]),
        version=r["version"], master_ticket_id=r["master_id"] or 0, outage_id=r["outage_id"] or 0,
        satisfaction=r["satisfaction"] or 0, created_by=r["created_by"])


def history(r: dict[str, Any]) -> pb.HistoryEntry:
    return pb.HistoryEntry(seq=r["seq"], time=ts(r["at"]), actor=r["actor"], action=r["action"],
                           from_state=r["from_state"] or 0, to_state=r["to_state"] or 0, text=r["text"],
                           details=json.loads(r["details"] or "{}"))


def callback(r: dict[str, Any]) -> pb.Callback:
    return pb.Callback(
        callback_id=r["id"], kind=r["kind"], state=r["state"], ticket_id=r["ticket_id"] or 0,
        subscriber_id=r["subscriber_id"] or 0, number=r["number"], queue=r["queue"],
        request_time=ts(r["requested_at"]), due_time=ts(r["due_at"]), attempts=r["attempts"],
        call_id=r["call_id"] or "", agent_id=r["agent_id"], outcome=r["outcome"] or 0,
        satisfaction=r["satisfaction"] or 0, note=r["note"], version=r["version"], end_time=ts(r["ended_at"]))


def outage(r: dict[str, Any]) -> pb.Outage:
    return pb.Outage(
        outage_id=r["id"], area=r["area"], state=r["state"], detect_time=ts(r["detected_at"]),
        expected_repair_time=ts(r["expected_repair_at"]), close_time=ts(r["closed_at"]),
        master_ticket_id=r["master_ticket_id"] or 0, notice_text=r["notice_text"],
        window_reports=r["window_reports"], baseline_reports=r["baseline_reports"], reports=r["reports"],
        grouped_tickets=r["grouped_tickets"], notices_played=r["notices_played"],
        calls_deflected=r["calls_deflected"], declared_by=r["declared_by"], resolution=r["resolution"])


def alert(r: dict[str, Any]) -> pb.Alert:
    return pb.Alert(alert_id=r["id"], time=ts(r["at"]), kind=r["kind"], text=r["text"],
                    ticket_id=r["ticket_id"] or 0, outage_id=r["outage_id"] or 0, callback_id=r["callback_id"] or 0,
                    area=r["area"], supervisors=json.loads(r["supervisors"] or "[]"))


def recent_call(r: dict[str, Any]) -> pb.RecentCall:
    return pb.RecentCall(call_id=r["call_id"], queue=r["queue"], arrive_time=ts(r["arrived_at"]),
                         agent_id=r["agent_id"], outcome=r["outcome"], wait_seconds=r["wait_seconds"],
                         talk_seconds=r["talk_seconds"])


def screen_pop(info: dict[str, Any]) -> pb.ScreenPop:
    return pb.ScreenPop(
        subscribers=[subscriber(s) for s in info["subscribers"]],
        open_tickets=[ticket(t) for t in info["tickets"]],
        recent_calls=[recent_call(c) for c in info["recent_calls"]],
        outages=[outage(o) for o in info["outages"]])
