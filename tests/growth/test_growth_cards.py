"""Prepaid service cards: hashing, batches, redemption (value and package), concurrency (two
simultaneous redemptions of one card: exactly one wins, on SQLite and PostgreSQL), lockout per
card and per caller, rate limit, bad input, and an audit row for every attempt."""

from __future__ import annotations

import itertools
import threading

import pytest
from sqlalchemy import func, select

from growth_harness import add_subscriber
from servicedesk.errors import (
    AlreadyExists,
    DeskError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
)
from servicedesk.growth.cards import (
    BatchState,
    CardService,
    HashParams,
    Limits,
    hash_pin,
    luhn_digit,
    valid_serial,
    verify_pin,
)
from servicedesk.growth.orders import SelfService
from servicedesk.growth.saga import SagaRunner, check_consistency
from servicedesk.growth.schema import card_attempts, cards
from servicedesk.db.schema import subscribers

FAST = HashParams(n=1 << 10, r=8, p=1)
_n = itertools.count(1)
YEAR = 365 * 86400.0


def _svc(db, clock, **kw):
    SelfService(db, SagaRunner(db, None, None)).seed_packages()
    return CardService(db, kw.pop("runner", None), clock=clock, params=FAST, **kw)


def _sub(db, *, phone=""):
    i = next(_n)
    acct, card = f"CD{i:06d}", f"6600{i:08d}"
    add_subscriber(db, acct, card, phone=phone or f"1390000{i:04d}", balance=500)
    return acct, card, phone or f"1390000{i:04d}"


def _balance(db, acct):
    return db.read_sync(lambda c: c.execute(select(subscribers.c.balance_cents)
                                            .where(subscribers.c.account_number == acct)).scalar())


def _attempts(db):
    return db.read_sync(lambda c: c.execute(select(func.count()).select_from(card_attempts)).scalar())


def _batch(svc, clock, n=3, value=5000, package="", state=BatchState.ACTIVE):
    name = f"B{next(_n)}"
    _, out = svc.generate_batch(name, n, face_value_cents=0 if package else value, package=package,
                                expires_at=clock() + YEAR)
    if state != BatchState.PRINTED:
        svc.set_batch_state(name, BatchState.ACTIVE)
    if state in (BatchState.FROZEN, BatchState.VOID):
        svc.set_batch_state(name, state)
    return name, out


def test_pin_hashes_are_salted_and_slow(sqlite_db, clock):
    h1, h2 = hash_pin("1234567890"), hash_pin("1234567890")
    assert h1 != h2 and h1.startswith("scrypt$16384$8$1$")
    assert verify_pin("1234567890", h1) and not verify_pin("1234567891", h1) and not verify_pin("1", "junk")
    svc = _svc(sqlite_db, clock)
    name, out = _batch(svc, clock, n=5)
    stored = sqlite_db.read_sync(lambda c: {r.serial: r.pin_hash for r in c.execute(select(cards))})
    for serial, pin in out:
        assert valid_serial(serial) and pin not in stored[serial] and stored[serial].startswith("scrypt$")
    assert luhn_digit("7992739871") == "3"
    csv_text = CardService.export_csv(name, out, face_value_cents=5000, package="", expires="2027-01-01")
    assert all(pin in csv_text for _, pin in out) and "50.00" in csv_text


def test_redeem_value_card_once(db, clock):
    svc = _svc(db, clock)
    acct, _card, phone = _sub(db)
    _, out = _batch(svc, clock)
    serial, pin = out[0]
    r = svc.redeem(serial, pin, caller=phone, account_number=acct)
    assert r["credited_cents"] == 5000 and r["balance_cents"] == 5500 == _balance(db, acct)
    with pytest.raises(FailedPrecondition) as ei:
        svc.redeem(serial, pin, caller=phone)  # subscriber found by the caller's number
    assert ei.value.reason == "CARD_ALREADY_REDEEMED" and _balance(db, acct) == 5500
    outcomes = [a["outcome"] for a in svc.attempts(serial=serial)]
    assert outcomes == ["redeemed", "card_already_redeemed"]


def test_two_simultaneous_redemptions_exactly_one_wins(db, clock):
    """Per card: two threads released together; on PostgreSQL the loser blocks on the row lock
    and then finds the card used; on SQLite the writers are serialised."""
    svc = _svc(db, clock)
    acct, _c, phone = _sub(db)
    acct2, _c2, phone2 = _sub(db)
    _, out = _batch(svc, clock, n=8)
    for serial, pin in out:
        barrier = threading.Barrier(2, timeout=30)
        results: list[object] = []

        def go(a, p):
            barrier.wait()
            try:
                results.append(svc.redeem(serial, pin, caller=p, account_number=a))
            except DeskError as e:
                results.append(e)

        ts = [threading.Thread(target=go, args=(acct, phone)), threading.Thread(target=go, args=(acct2, phone2))]
        for t in ts:
            t.start()
        for t in ts:
            t.join(timeout=60)
            assert not t.is_alive()
        wins = [r for r in results if isinstance(r, dict)]
        losses = [r for r in results if isinstance(r, FailedPrecondition) and r.reason == "CARD_ALREADY_REDEEMED"]
        assert len(wins) == 1 and len(losses) == 1, results
    assert _balance(db, acct) + _balance(db, acct2) == 1000 + 8 * 5000
    redeemed = db.read_sync(lambda c: c.execute(select(func.count()).where(cards.c.state == 2)).scalar())
    assert redeemed == 8


def test_card_lockout_after_wrong_pins(sqlite_db, clock):
    db = sqlite_db
    svc = _svc(db, clock, limits=Limits(card_failures=3, caller_failures=100, rate_attempts=100))
    acct, _c, phone = _sub(db)
    _, out = _batch(svc, clock)
    serial, pin = out[0]
    wrong = "0000000000" if pin != "0000000000" else "1111111111"
    for i in range(3):
        with pytest.raises(PermissionDenied) as ei:
            svc.redeem(serial, wrong, caller=f"13800000{i:03d}", account_number=acct)
        assert ei.value.reason == "INVALID_CARD_OR_PIN"
    with pytest.raises(ResourceExhausted) as ei:
        svc.redeem(serial, pin, caller=phone, account_number=acct)  # even the right PIN
    assert ei.value.reason == "CARD_LOCKED" and _balance(db, acct) == 500
    clock.advance(24 * 3600 + 1)
    assert svc.redeem(serial, pin, caller=phone, account_number=acct)["credited_cents"] == 5000
    assert [a["outcome"] for a in svc.attempts(serial=serial)] == ["wrong_pin"] * 3 + ["card_locked", "redeemed"]


def test_caller_lockout_across_cards_and_unknown_serials(db, clock):
    svc = _svc(db, clock, limits=Limits(card_failures=100, caller_failures=4, caller_lock=600, rate_attempts=100))
    acct, _c, phone = _sub(db)
    _, out = _batch(svc, clock, n=3)
    unknown = "12345678901"
    unknown += luhn_digit(unknown)
    tries = [(out[0][0], "9999999999"), (out[1][0], "9999999998"), (unknown, "1234567890"), (out[2][0], "9999999997")]
    for serial, wrong in tries:
        with pytest.raises(PermissionDenied):
            svc.redeem(serial, wrong, caller=phone, account_number=acct)
    with pytest.raises(ResourceExhausted) as ei:
        svc.redeem(out[0][0], out[0][1], caller=phone, account_number=acct)
    assert ei.value.reason == "CALLER_LOCKED"
    # another caller is not locked; the locked caller is again after the lock
    acct2, _c2, phone2 = _sub(db)
    assert svc.redeem(out[1][0], out[1][1], caller=phone2, account_number=acct2)["credited_cents"] == 5000
    clock.advance(601)
    assert svc.redeem(out[0][0], out[0][1], caller=phone, account_number=acct)["credited_cents"] == 5000
    outcomes = [a["outcome"] for a in svc.attempts(caller=phone)]
    assert outcomes == ["wrong_pin", "wrong_pin", "unknown_serial", "wrong_pin", "caller_locked", "redeemed"]


def test_rate_limit(sqlite_db, clock):
    db = sqlite_db
    svc = _svc(db, clock, limits=Limits(rate_attempts=3, rate_window=60, caller_failures=100, card_failures=100))
    acct, _c, phone = _sub(db)
    _, out = _batch(svc, clock, n=4)
    for serial, pin in out[:3]:
        svc.redeem(serial, pin, caller=phone, account_number=acct)
    with pytest.raises(ResourceExhausted) as ei:
        svc.redeem(out[3][0], out[3][1], caller=phone, account_number=acct)
    assert ei.value.reason == "RATE_LIMITED"
    clock.advance(61)
    svc.redeem(out[3][0], out[3][1], caller=phone, account_number=acct)


def test_batch_states_and_expiry(sqlite_db, clock):
    db = sqlite_db
    svc = _svc(db, clock)
    acct, _c, phone = _sub(db)
    for state, reason in ((BatchState.PRINTED, "BATCH_NOT_ACTIVE"), (BatchState.FROZEN, "BATCH_FROZEN"),
                          (BatchState.VOID, "BATCH_VOID")):
        _, out = _batch(svc, clock, state=state)
        with pytest.raises(FailedPrecondition) as ei:
            svc.redeem(out[0][0], out[0][1], caller=phone, account_number=acct)
        assert ei.value.reason == reason
    name, out = _batch(svc, clock, state=BatchState.FROZEN)
    svc.set_batch_state(name, BatchState.ACTIVE)  # unfrozen
    svc.redeem(out[0][0], out[0][1], caller=phone, account_number=acct)
    svc.set_batch_state(name, BatchState.VOID)
    with pytest.raises(FailedPrecondition) as ei:
        svc.set_batch_state(name, BatchState.ACTIVE)
    assert ei.value.reason == "ILLEGAL_BATCH_TRANSITION"
    with pytest.raises(NotFound):
        svc.set_batch_state("nope", BatchState.ACTIVE)
    _, out = _batch(svc, clock)
    clock.advance(YEAR + 1)
    with pytest.raises(FailedPrecondition) as ei:
        svc.redeem(out[0][0], out[0][1], caller=phone, account_number=acct)
    assert ei.value.reason == "CARD_EXPIRED"
    rep = {r["batch"]: r for r in svc.report()}
    assert rep[name]["redeemed"] == 1 and rep[name]["state"] == "VOID" and rep[name]["redeemed_value_cents"] == 5000


def test_bad_input_specific_error_nothing_changed(sqlite_db, clock):
    db = sqlite_db
    svc = _svc(db, clock)
    acct, _c, phone = _sub(db)
    _, out = _batch(svc, clock)
    serial, pin = out[0]
    bad_luhn = serial[:-1] + str((int(serial[-1]) + 1) % 10)
    cases = [
        (dict(serial="123"), "serial"), (dict(serial=bad_luhn), "serial"), (dict(pin="12ab"), "pin"),
        (dict(pin="123"), "pin"), (dict(caller="abc"), "caller"), (dict(channel=7), "channel"),
        (dict(account_number="!"), "account_number"), (dict(smart_card="x1"), "smart_card"),
    ]
    for over, field in cases:
        args = dict(serial=serial, pin=pin, caller=phone, account_number=acct)
        args.update(over)
        n = _attempts(db)
        with pytest.raises(InvalidArgument) as ei:
            svc.redeem(args.pop("serial"), args.pop("pin"), **args)
        assert ei.value.field == field, over
        assert _attempts(db) == n + 1 and svc.attempts()[-1]["outcome"] == "bad_input"
    with pytest.raises(NotFound):
        svc.redeem(serial, pin, caller=phone, account_number="NOSUCH01")
    assert _balance(db, acct) == 500
    assert db.read_sync(lambda c: c.execute(select(cards.c.state).where(cards.c.serial == serial)).scalar()) == 1
    # batch generation input
    for kw, field in ((dict(name="bad name"), "name"), (dict(count=0), "count"),
                      (dict(face_value_cents=0), "face_value_cents"),
                      (dict(face_value_cents=100, package="SPORTS"), "face_value_cents"),
                      (dict(expires_at=clock() - 1), "expires_at")):
        args = dict(name="GOOD", count=1, face_value_cents=100, expires_at=clock() + 10)
        args.update(kw)
        with pytest.raises(InvalidArgument) as ei:
            svc.generate_batch(args.pop("name"), args.pop("count"), **args)
        assert ei.value.field == field
    with pytest.raises(NotFound):
        svc.generate_batch("PKG", 1, package="NOPE", expires_at=clock() + 10)
    svc.generate_batch("ONCE", 1, face_value_cents=100, expires_at=clock() + 10)
    with pytest.raises(AlreadyExists):
        svc.generate_batch("ONCE", 1, face_value_cents=100, expires_at=clock() + 10)


def test_package_card_entitles_through_the_saga(sqlite_db, clock, adapters, sms_sim):
    db = sqlite_db
    sms, bank = adapters
    runner = SagaRunner(db, sms, bank, retry_delay=0.001, compensation_retry=0.0)
    svc = _svc(db, clock, runner=runner)
    acct, card, phone = _sub(db)
    _, out = _batch(svc, clock, package="SPORTS")
    r = svc.redeem(out[0][0], out[0][1], caller=phone)
    assert r["order_state"] == "COMPLETED" and sms.entitlements(card) == ["SPORTS"]
    # a second SPORTS card on the same smart card is refused and stays unused
    with pytest.raises(FailedPrecondition) as ei:
        svc.redeem(out[2][0], out[2][1], caller=phone)
    assert ei.value.reason == "ALREADY_ENTITLED"
    assert db.read_sync(lambda c: c.execute(select(cards.c.state).where(cards.c.serial == out[2][0])).scalar()) == 1
    # a blocked smart card: the entitlement fails and the card is given back, unused
    acct2, card2, phone2 = _sub(db)
    sms_sim.call("block_card", card=card2, key=f"blk-{card2}")
    r = svc.redeem(out[1][0], out[1][1], caller=phone2, account_number=acct2)
    assert r["order_state"] == "FAILED" and sms.entitlements(card2) == []
    st = db.read_sync(lambda c: c.execute(select(cards.c.state).where(cards.c.serial == out[1][0])).scalar())
    assert st == 1
    assert [a["outcome"] for a in svc.attempts(serial=out[1][0])] == ["redeemed", "restored"]
    assert check_consistency(db, sms, bank) == []


def test_cards_cli(tmp_path):
    import json
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    out = tmp_path / "print.csv"

    def run(*a):
        return subprocess.run([sys.executable, "-m", "servicedesk", "cards", *a, "--db", url],
                              capture_output=True, text=True, timeout=120)

    r = run("generate", "--name", "CLI1", "--count", "4", "--value", "30.00", "--expires", "2099-01-01",
            "--out", str(out))
    assert r.returncode == 0, r.stderr
    lines = out.read_text().splitlines()
    assert len(lines) == 5 and (out.stat().st_mode & 0o777) == 0o600
    assert run("generate", "--name", "CLI2", "--count", "1", "--value", "1", "--expires", "2099-01-01",
               "--out", str(out)).returncode == 2  # never overwrites a PIN file
    assert run("freeze", "--name", "CLI1").returncode == 1  # PRINTED cannot be frozen
    assert run("activate", "--name", "CLI1").returncode == 0
    assert run("freeze", "--name", "CLI1").returncode == 0
    r = run("report", "--csv", str(tmp_path / "rep.csv"))
    rep = [json.loads(x) for x in r.stdout.splitlines()]
    assert rep[0]["batch"] == "CLI1" and rep[0]["state"] == "FROZEN" and rep[0]["cards"] == 4
    assert (tmp_path / "rep.csv").read_text().startswith("batch,")
