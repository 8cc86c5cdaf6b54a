"""The IVR self-service dialogues with a scripted caller (DTMF) against the growth services and
the SMS and bank simulators; the AGI voice port against a fake AGI session."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace

import pytest

from growth_harness import add_subscriber
from servicedesk.clock import ManualClock
from servicedesk.growth.cards import BatchState, CardService, HashParams, Limits
from servicedesk.growth.ivr import AgiVoicePort, LocalBackend, SelfServiceIvr
from servicedesk.growth.orders import SelfService
from servicedesk.growth.saga import SagaRunner


class Caller:
    """Answers each collect() with the next scripted entry; records every prompt."""

    def __init__(self, caller: str, script: list[str]) -> None:
        self.caller = caller
        self.script = list(script)
        self.heard: list[str] = []

    async def play(self, prompt):
        self.heard.append(prompt)

    async def collect(self, prompt, max_digits, timeout):
        self.heard.append(prompt)
        return self.script.pop(0)[:max_digits] if self.script else ""


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, timeout=120))


@pytest.fixture
def ivr(sqlite_db, adapters, bank_sim):
    db = sqlite_db
    sms, bank = adapters
    runner = SagaRunner(db, sms, bank, retry_delay=0.001)
    ss = SelfService(db, runner)
    ss.seed_packages()
    clock = ManualClock(time.time())
    cards = CardService(db, runner, clock=clock, params=HashParams(n=1 << 10), limits=Limits(caller_failures=3))
    add_subscriber(db, "IV000001", "9100000001", phone="13612345678", balance=2050)
    bank_sim.call("open_account", account="6200000001", balance=100_000, key="open")
    return SimpleNamespace(ivr=SelfServiceIvr(LocalBackend(ss, cards), digit_timeout=0.1), cards=cards, ss=ss,
                           sms=sms, clock=clock)


def test_balance_branch(ivr):
    c = Caller("13612345678", [])  # the caller's number identifies the subscriber
    assert run(ivr.ivr.run("balance", c)) == "balance-played" and c.heard[0] == "ss-balance-is"
    c = Caller("13700000000", ["999", "IV000001"])  # unknown number: keyed; '999' is no account
    assert run(ivr.ivr.run("balance", c)) == "balance-played"
    assert "ss-account-unknown" in c.heard
    i = c.heard.index("ss-balance-is")
    assert c.heard[i + 1:c.heard.index("ss-monthly-fee-is")] == ["two", "ten", "yuan", "five", "jiao"]


def test_order_and_cancel_branches(ivr):
    pk = [p["code"] for p in ivr.ss.packages()]
    digit = str(pk.index("SPORTS") + 1)
    c = Caller("13612345678", [digit, "9100000001", "6200000001", "2"])
    assert run(ivr.ivr.run("order", c, call_id="c1")) == "order-not-confirmed"
    c = Caller("13700000000", ["IV000001", digit, "9100000001", "6200000001", "1"])  # keys the account
    assert run(ivr.ivr.run("order", c, call_id="c2")) == "order-completed"
    assert "ss-order-done" in c.heard and ivr.sms.entitlements("9100000001") == ["SPORTS"]
    c = Caller("13612345678", ["1", "1"])
    assert run(ivr.ivr.run("cancel", c, call_id="c3")) == "cancel-completed"
    assert ivr.sms.entitlements("9100000001") == []
    c = Caller("13612345678", [])
    assert run(ivr.ivr.run("cancel", c)) == "nothing-to-cancel"
    c = Caller("13612345678", ["7", "", "0"])  # invalid, nothing, invalid
    assert run(ivr.ivr.run("order", c)) == "no-input"
    assert run(ivr.ivr.run("packages", Caller("1", []))) == "packages-played"


def test_card_branch_wrong_pin_then_right_then_lockout(ivr):
    name = "IVR1"
    _, cards = ivr.cards.generate_batch(name, 3, face_value_cents=3000, expires_at=ivr.clock() + 86400)
    ivr.cards.set_batch_state(name, BatchState.ACTIVE)
    (s1, p1), (s2, p2), (s3, p3) = cards
    wrong = lambda p: "0000000000" if p != "0000000000" else "1111111111"  # noqa: E731
    c = Caller("13612345678", [s1, wrong(p1), s1, p1])
    assert run(ivr.ivr.run("card", c)) == "card-redeemed"
    assert c.heard.count("ss-card-invalid") == 1 and "ss-card-credited" in c.heard
    i = c.heard.index("ss-card-credited")
    assert c.heard[i + 1:i + 4] == ["three", "ten", "yuan"]
    c = Caller("13612345678", [s1, p1])
    assert run(ivr.ivr.run("card", c)) == "card-card_already_redeemed" and "ss-card-used" in c.heard
    # three wrong PINs from this number lock it (Limits(caller_failures=3)): the 4th try hears "locked"
    c = Caller("13612345678", [s2, wrong(p2), s2, wrong(p2), s3, p3])
    assert run(ivr.ivr.run("card", c)) == "card-caller_locked"
    assert c.heard[-1] == "ss-card-locked"
    outcomes = [a["outcome"] for a in ivr.cards.attempts(caller="13612345678")]
    assert outcomes == ["wrong_pin", "redeemed", "card_already_redeemed", "wrong_pin", "wrong_pin", "caller_locked"]
    assert run(ivr.ivr.run("nonsense", Caller("1", []))) == "unknown-branch"


def test_agi_voice_port_collects_dtmf():
    class Session:
        def __init__(self, keys):
            self.keys = list(keys)
            self.files = []

        async def stream_file(self, name, escape):
            self.files.append(name)
            return SimpleNamespace(value=ord(self.keys.pop(0)) if escape and self.keys else 0)

        async def wait_for_digit(self, ms):
            return SimpleNamespace(value=ord(self.keys.pop(0)) if self.keys else 0)

    s = Session("123#9")
    port = AgiVoicePort(s, "1361", sounds={"ss-enter-card-pin": "custom/pin"})
    assert run(port.collect("ss-enter-card-pin", 10, 1.0)) == "123"
    assert run(port.collect("ss-enter-account", 10, 1.0)) == "9"  # then the timeout
    run(port.play("seven"))
    assert s.files == ["custom/pin", "acdcore/ss-enter-account", "digits/7"]
