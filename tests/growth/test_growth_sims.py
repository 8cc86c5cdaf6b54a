"""The SMS and bank simulators as processes: wire protocol, idempotency keys, tombstones,
fault injection (errors, drops, lost answers, latency beyond the client's deadline)."""

from __future__ import annotations

import json
import socket

import pytest

from servicedesk.growth.adapters import BankClient, Refused, SmsClient, Uncertain
from servicedesk.sims.wire import WireClient, WireError, WireTimeout


def test_idempotency_and_bad_frames(sms_sim):
    c = WireClient(sms_sim.host, sms_sim.port, timeout=5)
    r1 = c.call("entitle", card="12345678", package="SPORTS", key="k1")
    r2 = c.call("entitle", card="12345678", package="SPORTS", key="k1")
    assert r1["ok"] and r2.get("replayed") is True
    with pytest.raises(WireError) as ei:
        c.call("entitle", card="12345678", package="MOVIES", key="k1")
    assert ei.value.code == "IDEMPOTENCY_MISMATCH"
    for bad, code in ((dict(op="entitle", card="12345678", package="SPORTS"), "INVALID_ARGUMENT"),
                      (dict(op="nope"), "UNKNOWN_OP"),
                      (dict(op="entitle", card="x", package="SPORTS", key="k2"), "UNKNOWN_CARD"),
                      (dict(op="entitle", card="12345678", package="NOPE", key="k3"), "UNKNOWN_PACKAGE")):
        op = bad.pop("op")
        with pytest.raises(WireError) as ei:
            c.call(op, **bad)
        assert ei.value.code == code
    # a malformed line gets BAD_FRAME and the connection stays usable
    with socket.create_connection((sms_sim.host, sms_sim.port), timeout=5) as s:
        f = s.makefile("rwb")
        f.write(b"this is not json\n")
        f.flush()
        assert json.loads(f.readline())["error"] == "BAD_FRAME"
        f.write(json.dumps({"id": 1, "op": "query", "card": "12345678"}).encode() + b"\n")
        f.flush()
        assert json.loads(f.readline())["packages"] == ["SPORTS"]
    assert sms_sim.call("_dump")["state"]["entitlements"] == {"12345678": ["SPORTS"]}
    c.close()


def test_latency_beyond_the_deadline_is_uncertain(sms_sim):
    sms_sim.call("_config", latency_ms=3000)
    sms = SmsClient(sms_sim.host, sms_sim.port, timeout=0.2)
    with pytest.raises(Uncertain):
        sms.entitle("22223333", "KIDS", key="slow")
    sms_sim.call("_config", latency_ms=0)
    sms.close()
    with pytest.raises(WireError):
        sms_sim.call("_config", error_rate=2)
    with pytest.raises(WireError):
        sms_sim.call("_fail_next", target="entitle", mode="sometimes")


def test_fault_modes(bank_sim):
    bank = BankClient(bank_sim.host, bank_sim.port, timeout=0.3)
    bank_sim.call("open_account", account="111111", balance=1000, key="o")
    bank_sim.call("_fail_next", target="authorize", mode="error")
    with pytest.raises(Uncertain):
        bank.authorize("111111", 100, key="a0")
    assert bank.status("a0") == "none"  # refused: nothing applied
    bank_sim.call("_fail_next", target="authorize", mode="drop")
    with pytest.raises(Uncertain):
        bank.authorize("111111", 100, key="a1")
    assert bank.status("a1") == "none"  # dropped: nothing applied
    bank_sim.call("_fail_next", target="authorize", mode="lost")
    with pytest.raises(Uncertain):
        bank.authorize("111111", 100, key="a2")
    assert bank.status("a2") == "held"  # applied, answer lost: a retry with the key replays it
    bank.authorize("111111", 100, key="a2")
    assert bank_sim.call("balance", account="111111")["available"] == 900
    bank.close()


def test_bank_holds_declines_tombstones_refunds(bank_sim):
    bank = BankClient(bank_sim.host, bank_sim.port, timeout=5)
    bank_sim.call("open_account", account="222222", balance=1000, key="o2")
    bank.authorize("222222", 700, key="h1")
    with pytest.raises(Refused) as ei:
        bank.authorize("222222", 400, key="h2")  # 1000 - 700 held < 400
    assert ei.value.code == "DECLINED"
    assert bank.void("never-made", key="v0") == "none"
    with pytest.raises(Refused) as ei:
        bank.authorize("222222", 100, key="never-made")  # arrives after its void
    assert ei.value.code == "VOIDED"
    bank.capture("h1", key="c1")
    with pytest.raises(Refused) as ei:
        bank.void("h1", key="v1")
    assert ei.value.code == "ALREADY_CAPTURED"
    bank.refund("h1", key="r1")
    assert bank.status("h1") == "refunded" and bank_sim.call("balance", account="222222")["balance"] == 1000
    with pytest.raises(Refused):
        bank.authorize("999999", 1, key="x")  # unknown account
    bank_sim.call("block_account", account="222222", key="b")
    with pytest.raises(Refused) as ei:
        bank.authorize("222222", 1, key="y")
    assert ei.value.code == "ACCOUNT_BLOCKED"
    bank.close()


def test_unreachable_simulator_is_uncertain():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    c = WireClient("127.0.0.1", port, timeout=0.5, connect_timeout=0.5)
    with pytest.raises(WireTimeout):
        c.call("_ping")
