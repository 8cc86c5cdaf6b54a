"""IVR self-service dialogues: balance and fee (spoken amounts), the package list, ordering and
cancelling a package (paid by bank debit), and prepaid-card redemption by DTMF serial + PIN.

The dialogues speak to the caller through a :class:`VoicePort` (play a prompt by name, collect
DTMF digits) and to the business platform through a :class:`Backend`: :class:`LocalBackend`
(the growth services in process) or :class:`GrpcBackend` (desk.v1.GrowthService, what the
Asterisk hook uses). :class:`AgiVoicePort` adapts an acdhook AGI session (``stream_file`` /
``wait_for_digit``) without importing the hook. Prompt names are abstract (``ss-balance-is``,
``one``, ``yuan``, ``pkg-SPORTS``); the port maps them to sound files.

Every branch returns an outcome label for the queue_log/statistics (``balance-played``,
``card-redeemed``, ``card-locked``, ``order-completed``, ``no-input``, ...). Errors of the
backend are spoken (invalid card or PIN, locked, already used, not valid, payment refused) and
never hang up on the caller: the hook goes on to the menu's route (an agent) afterwards.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from ..errors import DeskError
from .orders import spoken_amount


class VoicePort(Protocol):
    caller: str

    async def play(self, prompt: str) -> None: ...

    async def collect(self, prompt: str, max_digits: int, timeout: float) -> str:
        """Play ``prompt`` and collect up to ``max_digits`` DTMF digits ending with ``#`` or the
        timeout; '' when nothing was entered."""
        ...


class BackendError(Exception):
    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason


class Backend(Protocol):
    def balance(self, account: str, caller: str = "") -> dict[str, Any]: ...
    def packages(self) -> list[dict[str, Any]]: ...
    def order(self, account: str, card: str, package: str, bank_account: str, request_id: str) -> dict[str, Any]: ...
    def cancel(self, account: str, card: str, package: str, request_id: str) -> dict[str, Any]: ...
    def redeem(self, serial: str, pin: str, caller: str, account: str) -> dict[str, Any]: ...


class LocalBackend:
    """The growth services in process."""

    def __init__(self, selfservice: Any, cards: Any) -> None:
        self.ss = selfservice
        self.cards = cards

    def _wrap(self, fn: Any, *a: Any, **kw: Any) -> Any:
        try:
            return fn(*a, **kw)
        except DeskError as e:
            raise BackendError(e.reason, e.message) from e

    def balance(self, account: str, caller: str = "") -> dict[str, Any]:
        return self._wrap(self.ss.balance, account, caller=caller)

    def packages(self) -> list[dict[str, Any]]:
        return self._wrap(self.ss.packages)

    def order(self, account: str, card: str, package: str, bank_account: str, request_id: str) -> dict[str, Any]:
        o = self._wrap(self.ss.order_package, account, card, package, bank_account, channel=1, request_id=request_id)
        return {"state": o["state_name"], "amount_cents": o["amount_cents"], "failure": o["failure"]}

    def cancel(self, account: str, card: str, package: str, request_id: str) -> dict[str, Any]:
        o = self._wrap(self.ss.cancel_package, account, card, package, channel=1, request_id=request_id)
        return {"state": o["state_name"]}

    def redeem(self, serial: str, pin: str, caller: str, account: str) -> dict[str, Any]:
        return self._wrap(self.cards.redeem, serial, pin, caller=caller, account_number=account, channel=1)


class GrpcBackend:
    """desk.v1.GrowthService over gRPC (token of the telephony role)."""

    def __init__(self, target: str, token: str, *, timeout: float = 30.0) -> None:
        import grpc

        from ..api.desk.v1 import growth_service_pb2 as pb
        from ..api.desk.v1 import growth_service_pb2_grpc as pb_grpc

        self.pb = pb
        self.channel = grpc.insecure_channel(target)
        self.stub = pb_grpc.GrowthServiceStub(self.channel)
        self.md = (("authorization", f"Bearer {token}"),)
        self.timeout = timeout

    def _call(self, name: str, req: Any) -> Any:
        import grpc

        from ..client import decode_error

        try:
            return getattr(self.stub, name)(req, metadata=self.md, timeout=self.timeout)
        except grpc.RpcError as e:
            err = decode_error(e)
            raise BackendError(err.reason or err.code.name, err.message) from e

    def balance(self, account: str, caller: str = "") -> dict[str, Any]:
        r = self._call("GetBalance", self.pb.GetBalanceRequest(account_number=account, caller_number=caller))
        return {"account_number": r.account_number, "balance_cents": r.balance_cents, "monthly_fee_cents": r.monthly_fee_cents,
                "spoken_balance": list(r.spoken_balance), "spoken_monthly_fee": list(r.spoken_monthly_fee),
                "packages": [{"package": p.package, "smart_card": p.smart_card} for p in r.packages]}

    def packages(self) -> list[dict[str, Any]]:
        r = self._call("ListPackages", self.pb.ListPackagesRequest())
        return [{"code": p.code, "name": p.name, "price_cents": p.price_cents} for p in r.packages]

    def order(self, account: str, card: str, package: str, bank_account: str, request_id: str) -> dict[str, Any]:
        o = self._call("OrderPackage", self.pb.OrderPackageRequest(
            account_number=account, smart_card=card, package=package, bank_account=bank_account, channel=1,
            request_id=request_id)).order
        return {"state": o.state, "amount_cents": o.amount_cents, "failure": o.failure}

    def cancel(self, account: str, card: str, package: str, request_id: str) -> dict[str, Any]:
        o = self._call("CancelPackage", self.pb.CancelPackageRequest(
            account_number=account, smart_card=card, package=package, channel=1, request_id=request_id)).order
        return {"state": o.state}

    def redeem(self, serial: str, pin: str, caller: str, account: str) -> dict[str, Any]:
        r = self._call("RedeemCard", self.pb.RedeemCardRequest(serial=serial, pin=pin, caller=caller,
                                                               account_number=account, channel=1))
        out: dict[str, Any] = {}
        if r.credited_cents:
            out.update(credited_cents=r.credited_cents, balance_cents=r.balance_cents)
        if r.order_id:
            out.update(order_id=r.order_id, order_state=r.order_state)
        return out

    def close(self) -> None:
        self.channel.close()


_CARD_ERRORS = {
    "INVALID_CARD_OR_PIN": "ss-card-invalid", "CARD_LOCKED": "ss-card-locked", "CALLER_LOCKED": "ss-card-locked",
    "RATE_LIMITED": "ss-card-locked", "CARD_ALREADY_REDEEMED": "ss-card-used", "CARD_EXPIRED": "ss-card-not-valid",
    "BATCH_NOT_ACTIVE": "ss-card-not-valid", "BATCH_FROZEN": "ss-card-not-valid", "BATCH_VOID": "ss-card-not-valid",
}


class SelfServiceIvr:
    BRANCHES = ("balance", "packages", "order", "cancel", "card")

    def __init__(self, backend: Backend, *, retries: int = 3, digit_timeout: float = 8.0) -> None:
        self.b = backend
        self.retries = retries
        self.timeout = digit_timeout

    async def _call(self, fn: Any, *a: Any) -> Any:
        return await asyncio.to_thread(fn, *a)

    async def _say_amount(self, port: VoicePort, words: list[str]) -> None:
        for w in words:
            await port.play(w)

    async def _account(self, port: VoicePort) -> str | None:
        """The caller's account: the one their number belongs to, else keyed in (DTMF)."""
        if port.caller:
            try:
                return str((await self._call(self.b.balance, "", port.caller))["account_number"])
            except BackendError:
                pass
        for _ in range(self.retries):
            acct = await port.collect("ss-enter-account", 16, self.timeout)
            if not acct:
                continue
            try:
                await self._call(self.b.balance, acct)
                return acct
            except BackendError:
                await port.play("ss-account-unknown")
        return None

    async def run(self, branch: str, port: VoicePort, *, call_id: str = "") -> str:
        if branch not in self.BRANCHES:
            await port.play("ss-unavailable")
            return "unknown-branch"
        try:
            return await getattr(self, "_" + branch)(port, call_id)
        except BackendError:
            await port.play("ss-unavailable")
            return "backend-error"

    async def _balance(self, port: VoicePort, call_id: str) -> str:
        acct = await self._account(port)
        if acct is None:
            return "no-input"
        b = await self._call(self.b.balance, acct)
        await port.play("ss-balance-is")
        await self._say_amount(port, b["spoken_balance"])
        await port.play("ss-monthly-fee-is")
        await self._say_amount(port, b["spoken_monthly_fee"])
        return "balance-played"

    async def _packages(self, port: VoicePort, call_id: str) -> str:
        pk = await self._call(self.b.packages)
        for i, p in enumerate(pk[:9], start=1):
            await port.play(f"pkg-{p['code']}")
            await self._say_amount(port, spoken_amount(p["price_cents"]))
            await port.play("ss-per-month")
        return "packages-played"

    async def _choose_package(self, port: VoicePort, options: list[str]) -> str | None:
        for i, code in enumerate(options[:9], start=1):
            await port.play("ss-for")
            await port.play(f"pkg-{code}")
            await port.play("ss-press")
            await port.play(_DIGIT[i])
        for _ in range(self.retries):
            d = await port.collect("ss-choose", 1, self.timeout)
            if d.isdigit() and 1 <= int(d) <= min(9, len(options)):
                return options[int(d) - 1]
            await port.play("invalid" if d else "no-input")
        return None

    async def _order(self, port: VoicePort, call_id: str) -> str:
        acct = await self._account(port)
        if acct is None:
            return "no-input"
        pk = await self._call(self.b.packages)
        code = await self._choose_package(port, [p["code"] for p in pk])
        if code is None:
            return "no-input"
        price = next(p["price_cents"] for p in pk if p["code"] == code)
        card = await port.collect("ss-enter-smart-card", 20, self.timeout)
        bank = await port.collect("ss-enter-bank-account", 24, self.timeout)
        if not card or not bank:
            return "no-input"
        await port.play("ss-price-is")
        await self._say_amount(port, spoken_amount(price))
        if await port.collect("ss-confirm", 1, self.timeout) != "1":
            await port.play("ss-not-ordered")
            return "order-not-confirmed"
        try:
            o = await self._call(self.b.order, acct, card, code, bank, f"ivr-{call_id}-order" if call_id else "")
        except BackendError as e:
            await port.play("ss-order-refused")
            return "order-refused-" + e.reason.lower()
        if o["state"] == "COMPLETED":
            await port.play("ss-order-done")
            return "order-completed"
        if o["state"] == "FAILED":
            await port.play("ss-payment-refused" if "payment" in o["failure"] else "ss-order-failed")
            return "order-failed"
        await port.play("ss-order-pending")  # compensation still running: the caller hears it is being handled
        return "order-pending"

    async def _cancel(self, port: VoicePort, call_id: str) -> str:
        acct = await self._account(port)
        if acct is None:
            return "no-input"
        b = await self._call(self.b.balance, acct)
        held = b["packages"]
        if not held:
            await port.play("ss-no-packages")
            return "nothing-to-cancel"
        code = await self._choose_package(port, [h["package"] for h in held])
        if code is None:
            return "no-input"
        card = next(h["smart_card"] for h in held if h["package"] == code)
        if await port.collect("ss-confirm", 1, self.timeout) != "1":
            return "cancel-not-confirmed"
        try:
            o = await self._call(self.b.cancel, acct, card, code, f"ivr-{call_id}-cancel" if call_id else "")
        except BackendError as e:
            await port.play("ss-order-refused")
            return "cancel-refused-" + e.reason.lower()
        await port.play("ss-cancel-done" if o["state"] == "COMPLETED" else "ss-order-pending")
        return "cancel-completed" if o["state"] == "COMPLETED" else "cancel-pending"

    async def _card(self, port: VoicePort, call_id: str) -> str:
        for _ in range(self.retries):
            serial = await port.collect("ss-enter-card-serial", 12, self.timeout)
            if not serial:
                await port.play("no-input")
                continue
            pin = await port.collect("ss-enter-card-pin", 10, self.timeout)
            if not pin:
                await port.play("no-input")
                continue
            try:
                r = await self._call(self.b.redeem, serial, pin, port.caller, "")
            except BackendError as e:
                if e.reason in ("BAD_SERIAL", "BAD_PIN_FORMAT", "INVALID_ARGUMENT", "INVALID_CARD_OR_PIN"):
                    await port.play("ss-card-invalid")
                    continue
                await port.play(_CARD_ERRORS.get(e.reason, "ss-card-not-valid"))
                return "card-" + e.reason.lower()
            if "credited_cents" in r:
                await port.play("ss-card-credited")
                await self._say_amount(port, spoken_amount(r["credited_cents"]))
                await port.play("ss-balance-is")
                await self._say_amount(port, spoken_amount(r["balance_cents"]))
            else:
                await port.play("ss-order-done" if r.get("order_state") == "COMPLETED" else "ss-order-pending")
            return "card-redeemed"
        return "card-gave-up"


_DIGIT = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


class AgiVoicePort:
    """A VoicePort over an acdhook AGI session (``stream_file(name, escape)``, ``wait_for_digit(ms)``,
    results carrying the digit's ASCII code in ``.value``). ``sounds`` maps prompt names to sound
    files (default: ``acdcore/<name>``; digits and units to Asterisk's ``digits/…``)."""

    def __init__(self, session: Any, caller: str, sounds: dict[str, str] | None = None) -> None:
        self.session = session
        self.caller = caller
        self.sounds = sounds or {}

    def _file(self, prompt: str) -> str:
        if prompt in self.sounds:
            return self.sounds[prompt]
        if prompt in _DIGIT:
            return f"digits/{_DIGIT.index(prompt)}"
        return f"acdcore/{prompt}"

    async def play(self, prompt: str) -> None:
        await self.session.stream_file(self._file(prompt), "")

    async def collect(self, prompt: str, max_digits: int, timeout: float) -> str:
        digits = ""
        r = await self.session.stream_file(self._file(prompt), "0123456789#")
        first = chr(r.value) if r.value > 0 else ""
        while len(digits) < max_digits:
            if first:
                c, first = first, ""
            else:
                w = await self.session.wait_for_digit(int(timeout * 1000))
                if w.value <= 0:
                    break
                c = chr(w.value)
            if c == "#":
                break
            if c.isdigit():
                digits += c
        return digits


async def run_for_hook(branch: str, session: Any, *, caller: str, call_id: str, desk_target: str, desk_token: str,
                       sounds: dict[str, str] | None = None, digit_timeout: float = 8.0) -> str:
    """One call from the Asterisk hook's menu (an option with ``selfservice = "<branch>"``):
    the dialogue over the AGI session, the desk over gRPC with the telephony token; the outcome
    label for queue_log. The hook then goes on to the option's route as before."""
    backend = GrpcBackend(desk_target, desk_token)
    try:
        return await SelfServiceIvr(backend, digit_timeout=digit_timeout).run(
            branch, AgiVoicePort(session, caller, sounds), call_id=call_id)
    finally:
        backend.close()
